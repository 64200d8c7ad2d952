"""Pinned versions: requirements.lock covers pyproject.toml, Binder uses it, and the no-make route.

tools/lock.py writes the lock (`make lock`); `make lab`/`make test`, tools/setup.py (no make)
and Binder's postBuild install it; environment.yml pins the same versions for conda.
"""
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")


def _load(name):
    spec = importlib.util.spec_from_file_location(f"nnviz_tools_{name}", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


lock_tool = _load("lock")
setup_tool = _load("setup")


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_lock_pins_every_dependency_of_pyproject_within_its_bounds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = _lock()
    for text in project["dependencies"] + project["optional-dependencies"]["test"]:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"requirements.lock has no pin for {name}: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside pyproject's {requirement}: run `make lock`")
    # and what publishing and grading need comes with it
    for needed in ("nbclient", "nbconvert", "nbformat", "packaging"):
        assert needed in pins


def test_lock_has_exact_versions_only_and_says_where_it_was_made():
    text = (ROOT / "requirements.lock").read_text()
    assert re.search(r"^# Made by `make lock` .* Python 3\.\d+", text, re.M)
    for line in text.splitlines():
        if line and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.+\-]+", line), line
    assert "nnviz" not in _lock()


def test_environment_yml_pins_the_locked_versions_for_the_locked_python():
    pins = _lock()
    env = (ROOT / "environment.yml").read_text()
    entries = re.findall(r"^\s+-\s+([A-Za-z0-9_.\-]+)=([^\s#]+)", env, re.M)
    assert entries
    made_with = re.search(r"Python (3\.\d+)", (ROOT / "requirements.lock").read_text()).group(1)
    for name, version in entries:
        if name == "python":
            assert version == made_with, "environment.yml's Python differs from the lock's"
        else:
            assert pins[canonicalize_name(name)] == version, f"environment.yml {name}={version} vs lock"
    post = (ROOT / "postBuild").read_text()
    assert "pip install --no-cache-dir -r requirements.lock" in post


def test_make_installs_the_lock_and_make_lock_refreshes_it():
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed here (tools/setup.py is the route without it)")
    dry = subprocess.run([make, "-n", "--no-print-directory", "-B", "-f", "Makefile", ".venv/.nnviz-installed"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "pip install --quiet -r requirements.lock" in dry and "--no-deps -e ." in dry
    dry = subprocess.run([make, "-n", "--no-print-directory", "lock"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "tools/lock.py" in dry


def test_lock_render_keeps_pins_and_drops_nnviz_and_editables():
    text = lock_tool.render(["numpy==2.4.6", "-e git+https://x#egg=nnviz", "nnviz==0.1.0",
                             "Jinja2==3.1.6", "# comment", ""], "3.11.7", "Linux x86_64")
    lines = text.splitlines()
    assert lines[-2:] == ["Jinja2==3.1.6", "numpy==2.4.6"]
    assert "Python 3.11.7, Linux x86_64" in text


# --- without make -----------------------------------------------------------------------------

def test_setup_script_runs_the_same_lab_and_test_commands_as_make():
    make = shutil.which("make")
    folder = ROOT / ".venv"
    lab = setup_tool.lab_command(folder)
    if make is not None:
        dry = subprocess.run([make, "-n", "--no-print-directory", "-o", ".venv/.nnviz-installed", "lab"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        assert dry.split() == [str(Path(lab[0]).relative_to(ROOT)), *lab[1:]]
        dry = subprocess.run([make, "-n", "--no-print-directory", "-o", ".venv/.nnviz-installed", "test"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        test = setup_tool.test_command(folder)
        assert " ".join(test[2:]) in " ".join(dry.replace("\\\n", " ").split())
    if sys.platform != "win32":
        assert lab[0] == str(folder / "bin" / "jupyter")


def test_setup_script_install_step_in_a_temporary_project(tmp_path):
    """The install step for real: a venv, the lock's exact versions, the project itself."""
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "__init__.py").write_text("VALUE = 42\n")
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "probe"\nversion = "0.0.1"\n[tool.setuptools]\npackages = ["probe"]\n')
    version = _lock()["iniconfig"]
    (tmp_path / "requirements.lock").write_text(f"# test lock\niniconfig=={version}\n")
    folder = setup_tool.install(root=tmp_path, folder=tmp_path / ".venv")
    python = setup_tool.venv_bin(folder, "python")
    out = subprocess.run([str(python), "-c", "import iniconfig, importlib.metadata as m, probe; "
                          "print(m.version('iniconfig'), probe.VALUE)"],
                         capture_output=True, text=True, check=True, cwd="/").stdout.split()
    assert out == [version, "42"]
    stamp = folder / ".nnviz-installed"
    assert stamp.exists()
    before = stamp.stat().st_mtime
    setup_tool.install(root=tmp_path, folder=folder)     # up to date: nothing reinstalled
    assert stamp.stat().st_mtime == before
