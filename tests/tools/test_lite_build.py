"""tools/lite/build.py without a network: the site's copies of the notebooks, the pins, the README.

The site itself is built and run in Chromium by ``make test-lite`` (tests/lite/).
"""
import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SITE_URL = "https://nnviz.github.io/nnviz/lab/index.html?path={}"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("lite_build", ROOT / "tools" / "lite" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_site_copy_adds_one_labelled_setup_cell_and_the_pyodide_kernel(build, path):
    before = path.read_text(encoding="utf-8")
    original = json.loads(before)
    copy = json.loads(build.site_notebook(path))
    assert path.read_text(encoding="utf-8") == before, "the desktop notebook must not change"
    setup = [c for c in copy["cells"] if c.get("id") == build.SETUP_ID]
    assert len(setup) == 1
    source = setup[0]["source"]
    assert source.startswith("# Browser version only") and source.count("\n") <= 3
    assert "%pip install" in source and "nnviz" in source
    first_code = next(i for i, c in enumerate(copy["cells"]) if c["cell_type"] == "code")
    assert copy["cells"][first_code] is not None and copy["cells"][first_code]["id"] == build.SETUP_ID
    # Every other cell is the original, in order; only remote images became plain text.
    rest = [c for c in copy["cells"] if c.get("id") != build.SETUP_ID]
    assert [c.get("id") for c in rest] == [c.get("id") for c in original["cells"]]
    assert copy["metadata"]["kernelspec"]["name"] == "python"
    text = json.dumps(copy)
    assert "badge_logo" not in text      # the Binder badge image (fetched from outside) is gone
    assert re.search(r"\(https://mybinder\.org/v2/gh/nnviz/nnviz/[^)]*\)", text), "Binder link kept"


def test_closure_follows_the_lock(build):
    packages = {
        "matplotlib": {"depends": ["numpy", "python-dateutil"]},
        "numpy": {"depends": []},
        "python-dateutil": {"depends": ["six"]},
        "six": {"depends": []},
        "scipy": {"depends": ["numpy"]},
    }
    assert build.closure(packages, ["matplotlib"]) == ["matplotlib", "numpy", "python-dateutil",
                                                      "six"]
    assert build.closure({"prompt-toolkit": {"depends": []}}, ["prompt_toolkit"]) == ["prompt-toolkit"]
    with pytest.raises(SystemExit, match="not in pyodide-lock.json"):
        build.closure(packages, ["pandas"])


def test_a_changed_file_is_refused(build):
    with pytest.raises(SystemExit, match="sha256 mismatch"):
        build.check(build.sha256(b"changed"), build.sha256(b"pinned"), "a wheel")


def test_every_outside_file_is_pinned_with_a_sha256():
    manifest = json.loads((ROOT / "tools" / "lite" / "manifest.json").read_text())
    pins = [manifest["pyodide"], manifest["pyodide_wheels"], *manifest["piplite_wheels"]["wheels"]]
    for pin in pins:
        assert re.fullmatch(r"[0-9a-f]{64}", pin["sha256"]), pin
        spec = pin.get("npm") or pin.get("pypi")
        assert re.search(r"(==|@)\d", spec), f"{spec} is not pinned to one version"
    for line in (ROOT / "tools" / "lite" / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.match(r"^[A-Za-z0-9_.-]+==[^ ]+ --hash=sha256:[0-9a-f]{64}$", line), line


def test_the_lower_bounds_are_the_browsers_versions():
    """pyproject's lower bounds are what make test-min and the site (Pyodide 0.27) run."""
    project = (ROOT / "pyproject.toml").read_text()
    makefile = (ROOT / "Makefile").read_text()
    manifest = (ROOT / "tools" / "lite" / "manifest.json").read_text()
    for lower, pin in [("numpy>=2.0", "numpy==2.0.2"), ("matplotlib>=3.8", "matplotlib==3.8.4"),
                       ("ipywidgets>=8.1.7", "ipywidgets==8.1.7"), ("ipympl>=0.9.7", "ipympl==0.9.7")]:
        assert f'"{lower}' in project
        assert pin in makefile
    assert "ipywidgets==8.1.7" in manifest and "ipympl==0.9.7" in manifest


def test_readme_opens_every_notebook_in_the_browser_beside_binder():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- contents:start -->(.*)<!-- contents:end -->", readme, re.S).group(1)
    rows = [line for line in block.splitlines() if line.startswith("| [")]
    assert len(rows) == len(NOTEBOOKS)
    for path, row in zip(NOTEBOOKS, rows):
        assert SITE_URL.format(path.name) in row, f"{path.name}: no browser link"
