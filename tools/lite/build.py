#!/usr/bin/env python3
"""Build the JupyterLite site: the whole series in the browser, nothing installed, no server.

``make lite`` runs this. The result, ``build/lite/``, is a folder of static files: JupyterLab
and a Python kernel (Pyodide, WebAssembly) run inside the learner's browser. It is
self-contained: the Pyodide runtime, every wheel (numpy, matplotlib, ipywidgets, ipympl,
anywidget, and nnviz built from this checkout) and notebooks 00-08 are inside it, and nothing is fetched
from a CDN or from PyPI when a learner opens it.

Every file taken from outside this repository is pinned and checked at build time:

- the build tools (jupyterlite-core, the Pyodide kernel, the widget extensions): pip
  installs them with ``--require-hashes`` from ``tools/lite/requirements.txt``;
- the Pyodide runtime (npm) and the wheels the kernel installs (PyPI): their sha256 is in
  ``tools/lite/manifest.json``;
- Pyodide's own wheels (numpy, matplotlib, ...): each one against the sha256 of its entry in
  the official ``pyodide-lock.json`` of the pinned npm release.

Downloads are kept in a cache (``build/lite-cache/``, or ``NNVIZ_LITE_CACHE``), so a second
build takes seconds. The notebooks themselves are not changed: the site gets copies with one
labelled set-up cell (it installs nnviz and the widgets from the site's own wheels) and the
Pyodide kernel's name.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
MANIFEST = HERE / "manifest.json"
REQUIREMENTS = HERE / "requirements.txt"
NOTEBOOKS = REPO / "notebooks"

# The Pyodide kernel's kernelspec (jupyterlite-pyodide-kernel registers it as "python").
KERNELSPEC = {"display_name": "Python (Pyodide)", "language": "python", "name": "python"}
SETUP_ID = "nnviz-lite-setup"
SOURCE_DATE_EPOCH = 1767225600  # 2026-01-01: file times in the site, for reproducible builds
SETUP_SOURCE = (
    "# Browser version only: install nnviz and the widgets from this site's own files.\n"
    "%pip install -q ipywidgets ipympl\n"
    "%pip install -q --no-deps anywidget psygnal nnviz\n"
    "import matplotlib.font_manager  # builds matplotlib's font list once, here"
)
# Markdown images from another host would be a request off the site: the Binder badge
# becomes a plain link.
REMOTE_IMAGE = re.compile(r"!\[([^\]]*)\]\((https?://[^)\s]+)\)")


def log(msg: str) -> None:
    print(f"[lite] {msg}", flush=True)


def sha256(data_or_path) -> str:
    h = hashlib.sha256()
    if isinstance(data_or_path, (bytes, bytearray)):
        h.update(data_or_path)
    else:
        with open(data_or_path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def check(actual: str, expected: str, what: str) -> None:
    if actual != expected:
        raise SystemExit(f"[lite] sha256 mismatch for {what}:\n  expected {expected}\n"
                         f"  got      {actual}\nRefusing to build with it.")


def run(cmd: list, **kw) -> None:
    subprocess.run([str(c) for c in cmd], check=True, **kw)


# --- the tools ------------------------------------------------------------------------------

def tools_venv(cache: Path) -> Path:
    """A venv with the pinned, hash-checked build tools; reused while requirements.txt holds."""
    key = sha256(REQUIREMENTS.read_bytes())[:12]
    env = cache / f"tools-{key}"
    stamp = env / ".installed"
    if not stamp.exists():
        log(f"installing the build tools into {env}")
        shutil.rmtree(env, ignore_errors=True)
        run([sys.executable, "-m", "venv", env])
        run([env / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps",
             "--require-hashes", "-r", REQUIREMENTS])
        stamp.touch()
    return env / "bin"


# --- downloads (cached, then checked every build) -------------------------------------------

def npm_file(cache: Path, spec: str, name: str, expected: str) -> Path:
    path = cache / name
    if not path.exists():
        log(f"npm pack {spec}")
        run(["npm", "pack", spec, "--silent", "--pack-destination", cache], cwd=cache,
            stdout=subprocess.DEVNULL)
    check(sha256(path), expected, f"{spec} ({path})")
    return path


def pypi_file(cache: Path, bin_dir: Path, spec: str, name: str, expected: str) -> Path:
    folder = cache / "pypi"
    path = folder / name
    if not path.exists():
        log(f"pip download {spec}")
        # A pure-Python wheel is asked for as such: psygnal also has compiled wheels for
        # this machine's Python, which pip would otherwise prefer (the browser needs the pure one).
        pure = ["--platform", "any", "--implementation", "py", "--abi", "none"] \
            if name.endswith("-none-any.whl") else []
        run([bin_dir / "python", "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary=:all:", *pure, "--dest", folder, spec])
    check(sha256(path), expected, f"{spec} ({path})")
    return path


# --- the pieces of the site -------------------------------------------------------------------

def closure(packages: dict, wanted: list[str]) -> list[str]:
    """The packages in ``wanted`` and everything they depend on, per pyodide-lock.json."""
    seen: list[str] = []
    todo = list(wanted)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop(0)).lower()
        if name in seen:
            continue
        if name not in packages:
            raise SystemExit(f"[lite] {name} is not in pyodide-lock.json")
        seen.append(name)
        todo += packages[name].get("depends", [])
    return sorted(seen)


def stage_pyodide(dest: Path, tarball: Path, wheels_whl: Path, m: dict) -> list[str]:
    """Runtime + trimmed lock + the verified wheels nnviz needs, in dest (static/pyodide)."""
    dest.mkdir(parents=True)
    with tarfile.open(tarball) as tar:
        def member(name):
            return tar.extractfile(f"package/{name}").read()
        lock_bytes = member("pyodide-lock.json")
        for name in m["pyodide"]["runtime_files"]:
            (dest / name).write_bytes(member(name))
    lock = json.loads(lock_bytes)
    if lock["info"]["python"] != m["pyodide"]["lock_python"]:
        raise SystemExit(f"[lite] pyodide-lock.json is for Python {lock['info']['python']}")
    packages = lock["packages"]
    keep = closure(packages, m["pyodide_wheels"]["keep"])
    folder = m["pyodide_wheels"]["folder"]
    with zipfile.ZipFile(wheels_whl) as z:
        for name in keep:
            entry = packages[name]
            data = z.read(folder + entry["file_name"])
            check(sha256(data), entry["sha256"],
                  f"{entry['file_name']} (from {m['pyodide_wheels']['pypi']}, against the "
                  f"official pyodide-lock.json)")
            (dest / entry["file_name"]).write_bytes(data)
    # The site's lock lists only what the site carries: importing anything else says
    # "not found" at once instead of trying a file that is not there.
    trimmed = dict(lock, packages={k: packages[k] for k in keep})
    (dest / "pyodide-lock.json").write_text(json.dumps(trimmed, indent=1, sort_keys=True))
    log(f"Pyodide {lock['info']['version']} (Python {lock['info']['python']}): "
        f"{len(keep)} of {len(packages)} packages, each checked against pyodide-lock.json")
    return keep


def nnviz_wheel(bin_dir: Path, out: Path) -> Path:
    """A wheel of nnviz from this checkout (setuptools from the pinned tools, no index).

    SOURCE_DATE_EPOCH fixes the times inside the zip: two builds give the same bytes.
    """
    out.mkdir(parents=True, exist_ok=True)
    run([bin_dir / "python", "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--no-build-isolation", "--wheel-dir", out, REPO],
        env=dict(os.environ, PIP_NO_INDEX="1", SOURCE_DATE_EPOCH=str(SOURCE_DATE_EPOCH)))
    wheels = sorted(out.glob("nnviz-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"[lite] expected one nnviz wheel, found {wheels}")
    return wheels[0]


def site_notebook(src: Path) -> str:
    """The site's copy of a notebook: one labelled set-up cell, the Pyodide kernel, no remote images."""
    nb = json.loads(src.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = REMOTE_IMAGE.sub(lambda mt: mt.group(1), text)
    setup = {
        "cell_type": "code",
        "execution_count": None,
        "id": SETUP_ID,
        "metadata": {"tags": [SETUP_ID], "slideshow": {"slide_type": "skip"},
                     "jupyter": {"outputs_hidden": True}},
        "outputs": [],
        "source": SETUP_SOURCE,
    }
    first_code = next((i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"),
                      len(nb["cells"]))
    nb["cells"].insert(first_code, setup)
    nb["metadata"]["kernelspec"] = dict(KERNELSPEC)
    nb["metadata"].setdefault("language_info", {"name": "python"})
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


# JupyterLab 4.4 (the site's) binds ArrowLeft/ArrowRight in command mode to "move to the
# previous/next heading" for any focused element in the notebook, a slider handle too: the
# key press never reaches the slider. Off in the site, so sliders move with the keyboard
# as on the desktop (JupyterLab 4.6 lets the slider have the key).
_HEADING_SELECTOR = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
SLIDER_KEYS_FREE = [
    {"command": "notebook:move-cursor-heading-above-or-collapse", "keys": ["ArrowLeft"],
     "selector": _HEADING_SELECTOR, "disabled": True},
    {"command": "notebook:move-cursor-heading-below-or-expand", "keys": ["ArrowRight"],
     "selector": _HEADING_SELECTOR, "disabled": True},
]


def write_config(stage: Path, wheels: list[Path]) -> None:
    (stage / "jupyter_lite_config.json").write_text(json.dumps({
        "LiteBuildConfig": {
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
            "apps": ["lab", "notebooks", "tree"],
            "source_date_epoch": SOURCE_DATE_EPOCH,
        },
        "PipliteAddon": {"piplite_urls": [str(w) for w in wheels]},
    }, indent=1))
    # No news or update checks (they would go online). Cells out of view stay in the page
    # ("defer", not JupyterLab 4.4's "full" windowing, which detaches them): an explorer
    # scrolled back into view keeps its figure.
    (stage / "overrides.json").write_text(json.dumps({
        "@jupyterlab/apputils-extension:notification": {
            "fetchNews": "false", "checkForUpdates": False},
        "@jupyterlab/notebook-extension:tracker": {"windowingMode": "defer"},
        "@jupyterlab/shortcuts-extension:shortcuts": {"shortcuts": SLIDER_KEYS_FREE},
    }, indent=1))


def write_contents(out: Path, stage_files: Path, names: list[str], epoch: int) -> None:
    """The notebooks as the site's contents: files/ and the listing api/contents/all.json.

    This is what jupyterlite-core's contents addon writes with jupyter_server's
    FileContentsManager; written here, the build needs no Jupyter server and its ~60 packages.
    """
    import datetime
    stamp = datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc)
    stamp = stamp.isoformat().replace("+00:00", "Z")
    (out / "files").mkdir(parents=True, exist_ok=True)
    items = []
    for name in names:
        shutil.copyfile(stage_files / name, out / "files" / name)
        items.append({"name": name, "path": name, "type": "notebook", "created": stamp,
                      "last_modified": stamp, "content": None, "format": None,
                      "mimetype": None, "size": (out / "files" / name).stat().st_size,
                      "writable": True})
    listing = {"name": "", "path": "", "type": "directory", "created": stamp,
               "last_modified": stamp, "content": items, "format": "json", "mimetype": None,
               "size": None, "writable": True}
    api = out / "api" / "contents"
    api.mkdir(parents=True, exist_ok=True)
    (api / "all.json").write_text(json.dumps(listing, indent=2, sort_keys=True))


def patch_site_config(path: Path) -> None:
    """Never reach for PyPI from the learner's browser: every wheel the kernel needs is here."""
    config = json.loads(path.read_text())
    data = config["jupyter-config-data"]
    data["appName"] = "nnviz"
    kernel = data.setdefault("litePluginSettings", {}).setdefault(
        "@jupyterlite/pyodide-kernel-extension:kernel", {})
    kernel["disablePyPIFallback"] = True
    if kernel.get("pyodideUrl") != "./static/pyodide/pyodide.js":
        raise SystemExit(f"[lite] the kernel does not load the bundled Pyodide: {kernel}")
    path.write_text(json.dumps(config, indent=2, sort_keys=True))


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(out: Path, cache: Path, edition: str = "teacher") -> Path:
    m = json.loads(MANIFEST.read_text())
    cache.mkdir(parents=True, exist_ok=True)
    bin_dir = tools_venv(cache)
    tarball = npm_file(cache, m["pyodide"]["npm"], m["pyodide"]["tarball"], m["pyodide"]["sha256"])
    pw = m["pyodide_wheels"]
    wheels_whl = pypi_file(cache, bin_dir, pw["pypi"], pw["file"], pw["sha256"])
    piplite = [pypi_file(cache, bin_dir, w["pypi"], w["file"], w["sha256"])
               for w in m["piplite_wheels"]["wheels"]]

    stage = cache / "stage"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    stage_pyodide(stage / "static" / "pyodide", tarball, wheels_whl, m)
    piplite.append(nnviz_wheel(bin_dir, stage / "wheels"))
    files = stage / "site-notebooks"  # not "files/": jupyterlite would index that itself
    files.mkdir()
    names = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    for name in names:
        text = site_notebook(NOTEBOOKS / name)
        (files / name).write_text(student_json(text) if edition == "student" else text, encoding="utf-8")
    write_config(stage, piplite)

    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ)
    # Only the tools' own extensions: nothing from the user's or the system's Jupyter folders.
    empty = stage / "empty-jupyter"
    empty.mkdir()
    env.update(JUPYTER_DATA_DIR=str(empty), JUPYTER_CONFIG_DIR=str(empty), JUPYTER_PATH="",
               JUPYTER_PLATFORM_DIRS="1", PYTHONWARNINGS="ignore::UserWarning")
    log("jupyter lite build")
    run([bin_dir / "jupyter", "lite", "build", "--lite-dir", stage, "--output-dir", out],
        cwd=stage, env=env, stdout=subprocess.DEVNULL)
    write_contents(out, files, names, SOURCE_DATE_EPOCH)
    patch_site_config(out / "jupyter-lite.json")

    cfg = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    exts = sorted(e["name"] for e in cfg.get("federated_extensions", []))
    log(f"extensions: {', '.join(exts)}")
    log(f"notebooks: {', '.join(names)}")
    size = tree_size(out)
    pyodide = tree_size(out / "static" / "pyodide")
    log(f"site size: {size / 1e6:.1f} MB (Pyodide and its wheels {pyodide / 1e6:.1f} MB) "
        f"in {out}")
    budget = m["size_budget_mb"] * 1e6
    if size > budget:
        raise SystemExit(f"[lite] the site is {size / 1e6:.1f} MB, over the "
                         f"{m['size_budget_mb']} MB budget")
    return out


def student_json(text: str) -> str:
    """--edition student: the notebook without its solutions (tools/publish/student.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("nnviz_publish_student", REPO / "tools" / "publish" / "student.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.student_json(text)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=REPO / "build" / "lite")
    p.add_argument("--cache", type=Path,
                   default=Path(os.environ.get("NNVIZ_LITE_CACHE", REPO / "build" / "lite-cache")))
    p.add_argument("--edition", choices=["teacher", "student"], default="teacher",
                   help="student: the notebooks without their solutions (default: %(default)s)")
    a = p.parse_args(argv)
    build(a.out.resolve(), a.cache.resolve(), a.edition)
    return 0


if __name__ == "__main__":
    sys.exit(main())
