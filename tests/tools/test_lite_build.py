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
def test_site_copy_is_the_notebook_with_the_pyodide_kernel(build, path):
    """No set-up cell: every cell is the original, in order; only the kernel's name and
    remote images (the Binder badge, as a plain link) and the Binder line change."""
    before = path.read_text(encoding="utf-8")
    original = json.loads(before)
    copy = json.loads(build.site_notebook(path))
    assert path.read_text(encoding="utf-8") == before, "the desktop notebook must not change"
    assert [c.get("id") for c in copy["cells"]] == [c.get("id") for c in original["cells"]]
    for a, b in zip(original["cells"], copy["cells"]):
        if a["cell_type"] == "code":
            assert "".join(a["source"]) == "".join(b["source"])
    assert "%pip" not in json.dumps(copy)
    assert copy["metadata"]["kernelspec"]["name"] == "python"
    text = json.dumps(copy)
    assert "badge_logo" not in text      # the Binder badge image (fetched from outside) is gone
    # The learner is already in the browser: no "Open in Binder (runs this notebook in your
    # browser ...)"; the line says where they are.
    assert "mybinder.org" in before and "mybinder.org" not in text
    assert text.count(build.HERE_LINE) == 1


def _wheel(members: dict) -> bytes:
    import io
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in members.items():
            z.writestr(name, body)
        z.writestr("pkg-1.0.dist-info/RECORD", "stale\n")
    return out.getvalue()


def _members(data: bytes) -> dict:
    import io
    import zipfile
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: z.read(n) for n in z.namelist()}


def test_matplotlib_font_list_is_fixed_and_trimmed(build):
    fonts = {"_version": 390, "ttflist": [
        {"fname": "fonts/ttf/DejaVuSans.ttf", "name": "DejaVu Sans"},
        {"fname": "fonts/ttf/DejaVuSerif.ttf", "name": "DejaVu Serif"},
        {"fname": "/System/Library/Fonts/Helvetica.ttc", "name": "Helvetica"}],
        "afmlist": [{"fname": "fonts/afm/pzdr.afm", "name": "ITC Zapf Dingbats"}]}
    wheel = _wheel({"matplotlib/fontlist.json": json.dumps(fonts),
                    "matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf": b"sans",
                    "matplotlib/mpl-data/fonts/ttf/DejaVuSerif.ttf": b"serif",
                    "matplotlib/mpl-data/sample_data/grace_hopper.jpg": b"jpg",
                    "matplotlib/__init__.py": b""})
    out = _members(build.fixed_fontlist(wheel))
    fixed = json.loads(out["matplotlib/fontlist.json"])
    assert fixed["_version"] == 330
    assert [f["name"] for f in fixed["ttflist"]] == ["DejaVu Sans"] and fixed["afmlist"] == []
    assert "matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf" in out
    assert not any("Serif" in n or "sample_data" in n for n in out)
    record = out["pkg-1.0.dist-info/RECORD"].decode()
    assert "stale" not in record and "matplotlib/fontlist.json,sha256=" in record


def test_site_wheels_lose_their_data_files_and_nnviz_gains_the_hints_config(build):
    wheel = _wheel({"pkg/__init__.py": b"", "pkg-1.0.data/data/share/jupyter/x.js": b"js"})
    extra = {"pkg-1.0.data/data/etc/ipython/ipython_config.py": build.hints_config().encode()}
    out = _members(build.slim_wheel(wheel, extra))
    assert "pkg-1.0.data/data/share/jupyter/x.js" not in out and "pkg/__init__.py" in out
    assert b'extensions.append("nnviz.hints")' in out["pkg-1.0.data/data/etc/ipython/ipython_config.py"]
    assert build.slim_wheel(wheel) == build.slim_wheel(wheel), "reproducible bytes"


def test_the_kernel_preloads_everything_the_notebooks_import(build):
    # jupyterlite-pyodide-kernel 0.6.1 piplite-installs each of its packages not in this list
    assert {"micropip", "piplite", "ssl", "sqlite3", "ipykernel", "comm", "pyodide_kernel",
            "jedi", "ipython"} <= set(build.KERNEL_PACKAGES)
    assert set(build.NOTEBOOK_PACKAGES) >= {"numpy", "matplotlib", "ipywidgets", "ipympl",
                                            "anywidget", "nnviz"}
    for name in build.SITE_PACKAGES:
        imports, depends = build.SITE_PACKAGES[name]
        assert imports and all(isinstance(d, str) for d in depends)


# jupyterlite-pyodide-kernel 0.6.1's PyodideKernel.initWorker, as its built chunk has it.
INIT_WORKER = ('initWorker(e){return crossOriginIsolated?new Worker(new URL(n.p+n.u(620),n.b),'
               '{type:void 0}):new Worker(new URL(n.p+n.u(352),n.b),{type:void 0})}')
LAB_PAGE = """<html><head>
    <script
      id="jupyter-config-data"
      type="application/json"
    >{}</script>
</head><body></body></html>"""


def _kernel_site(tmp_path, chunk_text=INIT_WORKER):
    static = tmp_path / "extensions/@jupyterlite/pyodide-kernel-extension/static"
    static.mkdir(parents=True)
    (static / "592.dfd0b9431bfb4edbbcd2.js").write_text("x;" + chunk_text + ";y")
    (static / "352.cc74f63a8f779ace30b6.js").write_text("/* the comlink worker */")
    (static / "620.67ec1528e88e7bcc2ae0.js").write_text("/* the coincident worker */")
    (tmp_path / "lab").mkdir()
    (tmp_path / "lab" / "index.html").write_text(LAB_PAGE)
    return static


def test_the_kernel_worker_is_the_one_for_pages_that_are_not_isolated(build, tmp_path):
    _kernel_site(tmp_path)
    assert build.kernel_worker_script(tmp_path) == \
        "extensions/@jupyterlite/pyodide-kernel-extension/static/352.cc74f63a8f779ace30b6.js"


def test_a_kernel_that_makes_its_worker_otherwise_stops_the_build(build, tmp_path):
    _kernel_site(tmp_path, "initWorker(e){return new Worker(this.url)}")
    with pytest.raises(SystemExit, match="worker script was not found"):
        build.kernel_worker_script(tmp_path)


def test_python_starts_before_jupyterlab_loads(build, tmp_path):
    """kernel-start.js is inlined ahead of JupyterLab's own scripts, with the kernel's worker,
    ours, Pyodide and the preloaded packages; our worker loads the kernel's own script."""
    static = _kernel_site(tmp_path)
    build.add_early_kernel(tmp_path)
    html = (tmp_path / "lab" / "index.html").read_text()
    start = html.index("nnvizKernelStarts")
    assert start < html.index('id="jupyter-config-data"')
    config = json.loads(re.search(r"const config = (\{.*?\});\n", html).group(1))
    assert config["kernelWorker"].endswith("/352.cc74f63a8f779ace30b6.js")
    assert config["worker"].endswith("/nnviz-kernel-worker.js")
    assert config["pyodide"] == "static/pyodide/pyodide.js"
    assert config["loadPyodideOptions"] == {"packages": build.KERNEL_PACKAGES + build.NOTEBOOK_PACKAGES}
    assert config["warm"] == build.WARM_IMPORTS
    worker = (static / "nnviz-kernel-worker.js").read_text()
    assert 'realImportScripts("352.cc74f63a8f779ace30b6.js")' in worker and "@KERNEL" not in worker
    with pytest.raises(SystemExit, match="unexpected"):
        build.add_early_kernel(tmp_path)                # never twice into the same page


def test_what_the_booted_python_imports_is_in_the_site_and_compiled(build):
    """The warm-up imports only what the site preloads, and all of it is byte-compiled."""
    imported = set(re.findall(r"(?:import|,)\s*([A-Za-z_][\w.]*)", build.WARM_IMPORTS))
    tops = {name.split(".")[0] for name in imported}
    assert tops == {"pyodide_kernel", "numpy", "matplotlib", "nnviz", "ipywidgets", "ipympl",
                    "anywidget"}
    assert tops <= {p.replace("-", "_") for p in build.KERNEL_PACKAGES + build.NOTEBOOK_PACKAGES}
    assert build.STARTUP_IMPORTS.startswith(build.WARM_IMPORTS)
    # The source a learner may read stays: nnviz's, numpy's and matplotlib's.
    assert {"nnviz", "numpy", "matplotlib"} <= set(build.KEEP_SOURCE)
    assert "ipython" not in build.KEEP_SOURCE and "jedi" not in build.KEEP_SOURCE


def test_gzip_copies_only_where_they_shrink(build, tmp_path):
    import gzip
    (tmp_path / "a.js").write_text("x = 1;\n" * 1000)
    (tmp_path / "b.wasm").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "c.whl").write_bytes(b"z" * 5000)
    build.precompress(tmp_path)
    assert gzip.decompress((tmp_path / "a.js.gz").read_bytes()) == (tmp_path / "a.js").read_bytes()
    assert not (tmp_path / "c.whl.gz").exists()        # wheels are zips already


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
    pins = [manifest["pyodide"], manifest["pyodide_wheels"], *manifest["site_wheels"]["wheels"]]
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


def test_site_file_times_are_the_last_notebook_or_package_commit(build, tmp_path, monkeypatch):
    """The file browser's "Modified" column: when the notebooks last changed (not a fixed
    2026-01-01, shown as "11mo ago"); outside a git clone, that fixed date."""
    import subprocess
    git = subprocess.run(["git", "-C", str(build.REPO), "log", "-1", "--format=%ct", "--",
                          "notebooks", "nnviz"], capture_output=True, text=True)
    if git.returncode == 0 and git.stdout.strip():
        assert build.SOURCE_DATE_EPOCH == build.source_date_epoch() == int(git.stdout)
    monkeypatch.setattr(build, "REPO", tmp_path)          # not a git clone
    assert build.source_date_epoch() == 1767225600
