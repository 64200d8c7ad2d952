"""The repository keeps its promises: one dependency list, clean notebooks, no outside reads."""
import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")


def _name(requirement: str) -> str:
    # "ipympl>=0.9.4" -> "ipympl"; names compare case- and dash/underscore-insensitively.
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _environment_packages():
    names, in_deps = set(), False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if re.match(r"^dependencies:", line):
            in_deps = True
        elif in_deps and re.match(r"^\s+-\s+\S", line):
            item = line.split("-", 1)[1].strip()
            names.add(_name(item))
        elif in_deps and line and not line.startswith(" "):
            in_deps = False
    return names


def test_environment_and_pyproject_name_the_same_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = _environment_packages()
    assert "python" in env, "environment.yml must pin the Python version"
    assert env - {"python"} == wanted


def test_environment_pins_python_and_has_no_local_path():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"-\s*python=3\.\d+", text)
    assert "-e ." not in text and "pip:" not in text
    assert "pip install --no-deps ." in (ROOT / "postBuild").read_text()


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^lab:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    nb = json.loads(path.read_text())
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
             and (c.get("outputs") or c.get("execution_count") is not None)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; clear them before committing"


def test_nothing_reads_the_shared_folder():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    files = [ROOT / f for f in tracked] or list(ROOT.rglob("*.py"))
    this = Path(__file__).resolve()
    offenders = [str(f.relative_to(ROOT)) for f in files
                 if f.suffix in {".py", ".ipynb", ".cfg", ".toml", ""} and f.is_file()
                 and f.resolve() != this and re.search(r"\.\./shared|/work/shared", f.read_text(errors="ignore"))]
    assert not offenders
