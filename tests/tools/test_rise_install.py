"""tools/rise: the nnviz-rise-shim JupyterLab extension and the script that installs it.

What the extension does in a slideshow is tested in the browser (tests/ui/test_rise.py); here:
the script puts exactly the extension's files where JupyterLab looks, the wheel
(pyproject.toml's data-files) ships the same files, and make and tools/setup.py run the script.
"""
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tools" / "rise" / "labextension"

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

_spec = importlib.util.spec_from_file_location("rise_install", ROOT / "tools" / "rise" / "install.py")
rise_install = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rise_install)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_package_json_names_the_extension_and_its_entry_file():
    meta = json.loads((SOURCE / "package.json").read_text())
    assert meta["name"] == rise_install.NAME == "nnviz-rise-shim"
    build = meta["jupyterlab"]["_build"]
    assert (SOURCE / build["load"]).is_file()
    # No plugin module: JupyterLab only loads the file and calls its container's init().
    assert set(build) == {"load"}
    entry = (SOURCE / build["load"]).read_text()
    assert "window._JUPYTERLAB[NAME]" in entry and f"var NAME = '{meta['name']}'" in entry
    assert "@jupyterlab/console" in entry and "data-lm-suppress-shortcuts" in entry


def test_install_copies_the_extension_and_replaces_an_old_copy(tmp_path):
    dest = rise_install.install(tmp_path)
    assert dest == tmp_path / "share" / "jupyter" / "labextensions" / "nnviz-rise-shim"
    assert _files(dest) == _files(SOURCE)
    (dest / "static" / "remoteEntry.js").write_text("// an old version")
    (dest / "stale.js").write_text("// gone in the new version")
    rise_install.install(tmp_path)
    assert _files(dest) == _files(SOURCE)


def test_install_command_line_takes_a_prefix(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "rise" / "install.py"), "--prefix", str(tmp_path)],
                         capture_output=True, text=True, check=True).stdout
    assert "nnviz-rise-shim" in out
    assert _files(rise_install.target(tmp_path)) == _files(SOURCE)


def test_the_wheel_ships_the_same_files_as_the_script():
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    shipped = {}
    for folder, sources in data_files.items():
        if folder.startswith("share/jupyter/labextensions/nnviz-rise-shim"):
            for src in sources:
                rel = (Path(folder) / Path(src).name).relative_to("share/jupyter/labextensions/nnviz-rise-shim")
                shipped[rel.as_posix()] = (ROOT / src).read_bytes()
    assert shipped == _files(SOURCE)


def test_make_and_setup_script_install_the_extension():
    make = shutil.which("make")
    if make is not None:
        dry = subprocess.run([make, "-n", "--no-print-directory", "-B", "-f", "Makefile", ".venv/.nnviz-installed"],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout
        assert "tools/rise/install.py" in dry
    setup_source = (ROOT / "tools" / "setup.py").read_text()
    assert 'rise / "install.py"' in setup_source


def test_entry_file_is_valid_javascript():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed here")
    subprocess.run([node, "--check", str(SOURCE / "static" / "remoteEntry.js")], check=True)
