"""Byte-compile what a kernel of the site imports when it starts (runs inside Pyodide, under
Node: ``node tools/lite/pyodide-run.mjs <static/pyodide> tools/lite/bytecompile.py <json>``).

tools/lite/build.py calls it. Pyodide's npm release ships Python source only, so every kernel
start compiled some 1,000 modules (IPython, jedi, numpy, matplotlib, the standard library...)
from source: about 3 s of a 7.5 s start in Chromium on this machine. Here the modules a kernel
imports while it starts (found by importing them, in this same interpreter) get a ``.pyc``
beside them, in their wheel or in ``python_stdlib.zip``. The .pyc files are "unchecked hash"
ones: Pyodide unpacks wheels with new file times, which would make time-stamped ones stale.

The argument (JSON) gives ``imports`` (the code a starting kernel runs) and ``keep_source``
(wheels whose ``.py`` files stay: what a learner may read, nnviz above all). Elsewhere (the
standard library and the kernel's own machinery: IPython, jedi, prompt_toolkit...) a compiled
module's ``.py`` is left out, as in Pyodide's own byte-compiled release: fewer bytes to send.
Prints one JSON line: the files changed and the module counts.
"""
import importlib.util
import io
import json
import marshal
import sys
import zipfile

SITE = "/site"  # the static/pyodide folder, mounted by pyodide-run.mjs
SITE_PACKAGES = "/lib/python3.12/site-packages/"
STDLIB_ZIP = "/lib/python312.zip/"

request = json.loads(sys.argv[1])
lock = json.load(open(f"{SITE}/pyodide-lock.json"))
out = sys.__stdout__

from pyodide_js import loadPackage  # noqa: E402

await loadPackage(request["packages"])  # noqa: F704 (top-level await: Pyodide's runPythonAsync)
exec(request["imports"], {})
started = {m.__file__ for m in list(sys.modules.values())
           if isinstance(getattr(m, "__file__", None), str) and m.__file__.endswith(".py")}


def pyc(source: bytes, name: str) -> bytes:
    """An unchecked-hash .pyc (PEP 552) of ``source``, as py_compile writes one."""
    code = compile(source, name, "exec", dont_inherit=True)
    return (importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little")
            + importlib.util.source_hash(source) + marshal.dumps(code))


def rewrite(path: str, installed_as, in_zip: bool, keep_source: bool) -> int:
    """Add a .pyc for each started module of the zip at ``path``; returns how many."""
    src = zipfile.ZipFile(path)
    members = []
    compiled = 0
    for info in src.infolist():
        body = src.read(info.filename)
        name = info.filename
        if name.endswith(".py") and installed_as(name) in started:
            code = pyc(body, installed_as(name))
            folder, base = name.rpartition("/")[0], name.rpartition("/")[2]
            if keep_source and not in_zip:
                target = f"{folder + '/' if folder else ''}__pycache__/{base[:-3]}.cpython-312.pyc"
            else:
                # Without its source, a module is imported from module.pyc in its own folder
                # (never from __pycache__), and zipimport always looks there.
                target = name + "c"
            members.append((target, info.date_time, code))
            compiled += 1
            if not keep_source:
                continue
        members.append((name, info.date_time, body))
    if not compiled:
        return 0
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, date_time, body in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, body)
    with open(path, "wb") as f:
        f.write(buffer.getvalue())
    return compiled


changed = {}
keep = set(request["keep_source"])
for key, entry in sorted(lock["packages"].items()):
    if not entry["file_name"].endswith(".whl") or entry.get("install_dir", "site") != "site":
        continue
    n = rewrite(f"{SITE}/{entry['file_name']}", lambda name: SITE_PACKAGES + name, False,
                key in keep)
    if n:
        changed[entry["file_name"]] = n
# The standard library: its source stays only in the .py files nobody imports at start.
changed["python_stdlib.zip"] = rewrite(f"{SITE}/python_stdlib.zip",
                                       lambda name: STDLIB_ZIP + name, True, False)
out.write(json.dumps({"changed": changed, "started": len(started)}) + "\n")
