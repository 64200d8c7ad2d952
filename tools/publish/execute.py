"""Run each notebook once, in a copy, in this environment's kernel; cache the result.

Notebooks are stored without outputs, so the site and the slides first run each notebook
top to bottom with nbconvert's ExecutePreprocessor (kernel ``python3``, started by this
interpreter, so the venv's ipykernel; ``store_widget_state=True``, so slider positions and
labels are saved in the notebook). notebooks/ is never written. Before the first cell the
kernel runs ``_kernel.py`` (figure descriptions for alt text; the classroom style for
slides); after the last, a snapshot of every live figure as a PNG. Executed copies are cached
in ``build/executed/<style>/`` under a hash of the notebook, the nnviz sources and
``_kernel.py``: ``make site slides`` runs each notebook once per style.
"""
from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path
from unittest import mock

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
CACHE = BUILD / "executed"
KERNEL_CODE = Path(__file__).resolve().parent / "_kernel.py"
#: Changes whenever the way notebooks are executed changes, so the cache is rebuilt.
EXECUTOR_VERSION = "4"
#: The nnviz style each output is executed in: slides are projected, so their figures use the
#: classroom style (nnviz/style.py); the site is read on a laptop.
STYLES = {"site": "notebook", "slides": "classroom"}


def notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The series in order: ``NN_name.ipynb`` sorted by name (00 first)."""
    return sorted(p for p in folder.glob("*.ipynb") if re.match(r"\d\d_", p.name))


def _fingerprint(path: Path, style: str = "notebook") -> str:
    digest = hashlib.sha256((EXECUTOR_VERSION + style).encode())
    digest.update(path.read_bytes())
    digest.update(KERNEL_CODE.read_bytes())
    for source in sorted((ROOT / "nnviz").glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def first_cell(style: str | None = None) -> str:
    """The code run before the notebook's first cell (then removed)."""
    return KERNEL_CODE.read_text(encoding="utf-8") + f"\n_nnviz_publish_setup({style!r})\n"


# What jupyter_client says when a kernel exits before answering kernel_info, and how many
# kernels execute() starts before it gives up.
KERNEL_DIED = "Kernel died before replying to kernel_info"
KERNEL_START_ATTEMPTS = 3

FINAL_CELL = ("_nnviz_publish_snapshot()\n"
              "del _nnviz_publish_snapshot, _nnviz_publish_setup, _nnviz_describe\n")


def execute(path: Path, timeout: int = 600, style: str | None = None):
    """Run a copy of the notebook in the venv's kernel; return it with widget state.

    ``style``: an nnviz style set before the first cell (``"classroom"`` for slides).
    """
    from nbconvert.preprocessors import ExecutePreprocessor

    jupyter_path = os.environ.get("JUPYTER_PATH")
    # This environment's kernelspecs first, before any "python3" in the user's home; exercise
    # checks run while publishing write no progress file into notebooks/.
    env = {"NNVIZ_PROGRESS_FILE": "off", "JUPYTER_PATH": os.pathsep.join(
        [str(Path(sys.prefix) / "share" / "jupyter")] + ([jupyter_path] if jupyter_path else []))}
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell(first_cell(style)))
        nb.cells.append(nbformat.v4.new_code_cell(FINAL_CELL))
        ep = ExecutePreprocessor(kernel_name="python3", timeout=timeout, store_widget_state=True)
        try:
            with mock.patch.dict(os.environ, env):
                # `make test` exports MPLBACKEND=Agg; a page wants the backends the notebook asks for.
                os.environ.pop("MPLBACKEND", None)
                ep.preprocess(nb, {"metadata": {"path": str(path.parent)}})
            break
        except RuntimeError as error:
            # The kernel died before its first answer, so no cell ran: start another. With
            # jobs > 1, two kernels start at once, and jupyter_client's TCP ports (picked
            # free, then bound by the kernel) can be taken by the other one in between:
            # "Address already in use" (seen once in CI, 2026-12-06, for all nine decks).
            if KERNEL_DIED not in str(error) or attempt == KERNEL_START_ATTEMPTS:
                raise
            print(f"  {path.name}: the kernel died while starting ({error}); "
                  f"starting another ({attempt + 1} of {KERNEL_START_ATTEMPTS})", flush=True)
    final = nb.cells.pop()
    nb.cells.pop(0)
    report = json.loads("".join(o.get("text", "") for o in final.outputs
                                if o.get("output_type") == "stream" and o.get("name") == "stdout"
                                ).strip().splitlines()[-1])
    if Path(report["prefix"]).resolve() != Path(sys.prefix).resolve():
        raise RuntimeError(f"{path.name} ran in a kernel from {report['prefix']}, "
                           f"not from this environment ({sys.prefix}): check `jupyter kernelspec list`")
    # The prompts count from 1, as in a fresh notebook (the set-up cell took [1]).
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("execution_count"):
            cell.execution_count -= 1
            for output in cell.get("outputs", []):
                if output.get("execution_count"):
                    output["execution_count"] -= 1
    nb.metadata["nnviz_publish"] = {"alts": report.get("alts", {}), "style": style or "notebook"}
    return nb


def _cache_file(path: Path, cache: Path, style: str) -> Path:
    return cache / style / path.name


def _cached(path: Path, cache: Path, style: str = "notebook"):
    cached = _cache_file(path, cache, style)
    if cached.exists():
        nb = nbformat.read(cached, as_version=4)
        if nb.metadata.get("nnviz_publish", {}).get("fingerprint") == _fingerprint(path, style):
            return nb
    return None


def executed(path: Path, cache: Path = CACHE, use_cache: bool = True, style: str = "notebook"):
    """The executed notebook, from ``cache`` when the notebook, nnviz and the style are unchanged."""
    if use_cache:
        nb = _cached(path, cache, style)
        if nb is not None:
            return nb
    fingerprint = _fingerprint(path, style)
    cached = _cache_file(path, cache, style)
    nb = execute(path, style=None if style == "notebook" else style)
    nb.metadata["nnviz_publish"]["fingerprint"] = fingerprint
    cached.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, cached)
    return nb


def _execute_one(args):
    path, cache, use_cache, style = args
    if use_cache and _cached(path, cache, style) is not None:
        return path.name, None
    start = time.perf_counter()
    executed(path, cache, use_cache=False, style=style)
    return path.name, time.perf_counter() - start


def execute_all(paths, cache: Path = CACHE, use_cache: bool = True, jobs: int = 1,
                style: str = "notebook"):
    """Execute (or find in the cache) every notebook, ``jobs`` at a time."""
    work = [(p, cache, use_cache, style) for p in paths]
    if jobs > 1 and len(work) > 1:
        with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_execute_one, work))
    else:
        results = [_execute_one(w) for w in work]
    for name, seconds in results:
        print(f"  {name} ({style} style): " + ("unchanged, from build/executed" if seconds is None
                                              else f"executed in {seconds:.1f} s"), flush=True)
