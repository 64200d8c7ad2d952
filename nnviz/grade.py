"""Grade a folder of submitted notebooks: ``python -m nnviz.grade SUBMISSIONS --out grades.csv``.

For a class: each student hands in their notebooks (``ada/05_backprop.ipynb``, or
``ada_05_backprop.ipynb`` in one folder). For each submission this module

1. finds which notebook of the series it is (``05_backprop`` in the file name, else the
   exercise ids in its check cells);
2. puts back the **original check cells** of the series, the cells that call
   ``checks.check_*("05.1", ...)``: a check cell the student edited or deleted is restored
   and the submission is **flagged** (``tampered`` column), and a check call the student
   added elsewhere (``check_true("05.1", True, ...)``) counts for nothing and is flagged too;
3. runs it top to bottom in a **fresh kernel** (nbclient; a cell that raises does not stop
   the run), in a temporary folder, with progress kept in memory only;
4. reads each exercise's result from the output of its original check cell:
   ``passed``, ``not yet``, ``error`` (the check cell raised, e.g. a syntax error above it
   left a name undefined) or ``missing`` (the notebook never reached it).

One CSV row per student: ``student``, then one column per exercise of the notebooks handed
in (series order), then ``passed``, ``total``, ``tampered`` (which exercises, and why) and
``notes``. ``make grade DIR=submissions`` runs this with the project's environment.

This is a teacher's tool, not a sandbox: a submission runs with your user's rights, as it
would in your own JupyterLab. Run it on a machine (or container) you would open them on.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import csv
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

__all__ = ["CHECK_CALL", "Submission", "check_cells", "find_series", "grade", "grade_one",
           "main", "student_name", "write_csv"]

#: A checker call with its exercise id: ``checks.check_number("05.2", ...)``.
CHECK_CALL = re.compile(r"""check(?:_function|_number|_choice|_network|_true)?\(\s*["'](\d\d\.\d+)["']""")
_SERIES_NAME = re.compile(r"(\d\d)_[A-Za-z0-9_]+?(?=\.ipynb$|$)")


def _norm(source: str) -> str:
    """Source without trailing spaces and blank lines, for comparing cells."""
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def check_cells(nb) -> dict[str, str]:
    """Exercise id -> source of the cell that checks it (the first such cell)."""
    if not hasattr(nb, "cells") or not isinstance(nb.cells, list):
        raise TypeError(f"nb must be a notebook (nbformat.read(...)), got {type(nb).__name__}.")
    cells: dict[str, str] = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            for exercise in CHECK_CALL.findall(cell.source):
                cells.setdefault(exercise, cell.source)
    return cells


def find_series(series=None) -> Path:
    """The folder of original notebooks: ``series``, else ``notebooks/`` beside the package."""
    if series is not None:
        if not isinstance(series, (str, os.PathLike)):
            raise TypeError(f"series must be a folder (str or Path), got {series!r}.")
        folder = Path(series)
    else:
        folder = Path(__file__).resolve().parents[1] / "notebooks"
    if not folder.is_dir() or not list(folder.glob("[0-9][0-9]_*.ipynb")):
        raise ValueError(f"series must be the folder of the original notebooks (00_start_here.ipynb, ...), "
                         f"got {str(folder)!r}: pass --series PATH.")
    return folder


def student_name(path: Path, root: Path) -> str:
    """``root/ada/05_backprop.ipynb`` -> ``ada``; ``root/ada_05_backprop.ipynb`` -> ``ada``."""
    for name, value in (("path", path), ("root", root)):
        if not isinstance(value, (str, os.PathLike)):
            raise TypeError(f"{name} must be a path (str or Path), got {value!r}.")
    path, root = Path(path), Path(root)
    if not path.is_relative_to(root):
        raise ValueError(f"path must be inside root {str(root)!r}, got {str(path)!r}.")
    relative = path.relative_to(root)
    if len(relative.parts) > 1:
        return relative.parts[0]
    stem = _SERIES_NAME.sub("", path.stem).strip(" _-.")
    return stem or path.stem


@dataclass
class Submission:
    """One graded notebook."""

    student: str
    path: Path
    notebook: str = ""                              # e.g. "05_backprop"
    results: dict = field(default_factory=dict)     # exercise id -> passed / not yet / error / missing
    tampered: list = field(default_factory=list)    # "05.1 edited", "05.1 added", "05.2 deleted"
    notes: list = field(default_factory=list)


def _which_notebook(path: Path, nb, originals: dict) -> str | None:
    for stem in originals:
        if stem in path.stem:
            return stem
    ids = set(CHECK_CALL.findall("\n".join(c.source for c in nb.cells if c.cell_type == "code")))
    best = max(originals, key=lambda s: len(ids & set(check_cells(originals[s]))), default=None)
    if best is not None and ids & set(check_cells(originals[best])):
        return best
    return None


def _result_of(cell, exercise: str) -> str:
    """passed / not yet / error / missing, from the outputs of an original check cell."""
    outputs = cell.get("outputs", [])
    if not outputs and cell.get("execution_count") is None:
        return "missing"
    text = ""
    for output in outputs:
        if output.get("output_type") == "error":
            return "error"
        data = output.get("data", {})
        text += data.get("text/plain", "") + output.get("text", "")
    if re.search(rf"^✓ Exercise {re.escape(exercise)}:", text, re.M):
        return "passed"
    if re.search(rf"^Not yet \(exercise {re.escape(exercise)}\)", text, re.M):
        return "not yet"
    return "missing"


def _prepare(nb, original):
    """Restore the original check cells; return (notebook to run, {exercise: cell index}, flags)."""
    import nbformat

    wanted = check_cells(original)
    flags, placed = [], {}
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            cells.append(cell)
            continue
        ids = CHECK_CALL.findall(cell.source)
        if not ids:
            cells.append(cell)
            continue
        own = [e for e in ids if e in wanted and e not in placed]
        if own:
            exercise = own[0]
            if _norm(cell.source) != _norm(wanted[exercise]):
                flags.append(f"{exercise} edited")
            new = nbformat.v4.new_code_cell(wanted[exercise])
            placed[exercise] = len(cells)
            cells.append(new)
        else:   # a check call the series does not have here: it earns nothing
            flags += [f"{e} added" for e in ids]
            cells.append(nbformat.v4.new_code_cell(
                "# nnviz.grade removed this cell: it calls a checker outside the original check cells"))
    # check cells the student deleted: put each back after the nearest unchanged cell that
    # came before it in the original, else before the next check cell, else at the end
    original_order = [CHECK_CALL.findall(c.source)[0] for c in original.cells
                      if c.cell_type == "code" and CHECK_CALL.findall(c.source)]
    for exercise in original_order:
        if exercise in wanted and exercise not in placed:
            flags.append(f"{exercise} deleted")
            at = None
            where = next(i for i, c in enumerate(original.cells) if c.source == wanted[exercise])
            for previous in reversed(original.cells[:where]):
                same = [i for i, c in enumerate(cells) if _norm(c.source) == _norm(previous.source)]
                if len(same) == 1:
                    at = same[0] + 1
                    break
            if at is None:
                later = [placed[e] for e in original_order[original_order.index(exercise) + 1:] if e in placed]
                at = min(later) if later else len(cells)
            cells.insert(at, nbformat.v4.new_code_cell(wanted[exercise]))
            placed = {e: (i + 1 if i >= at else i) for e, i in placed.items()}
            placed[exercise] = at
    run = nbformat.v4.new_notebook(cells=cells, metadata=original.metadata)
    return run, placed, flags


def _kernel_env() -> dict:
    """What the grading kernel runs with: no progress file, no display, this environment's kernel."""
    jupyter_path = os.environ.get("JUPYTER_PATH")
    return {"NNVIZ_PROGRESS_FILE": "off", "MPLBACKEND": "Agg",
            "JUPYTER_PATH": os.pathsep.join([str(Path(sys.prefix) / "share" / "jupyter")]
                                            + ([jupyter_path] if jupyter_path else []))}


def grade_one(path, root, series=None, timeout: int = 120) -> Submission:
    """Grade one submitted notebook (see the module docstring)."""
    import nbformat
    from nbclient import NotebookClient

    for name, value in (("path", path), ("root", root)):
        if not isinstance(value, (str, os.PathLike)):
            raise TypeError(f"{name} must be a path (str or Path), got {value!r}.")
    path, root = Path(path), Path(root)
    if not path.is_file():
        raise ValueError(f"path must be a submitted notebook file, got {str(path)!r}.")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ValueError(f"timeout must be a number of seconds > 0, got {timeout!r}.")
    series = find_series(series)
    originals = {p.stem: nbformat.read(p, as_version=4) for p in sorted(series.glob("[0-9][0-9]_*.ipynb"))}
    sub = Submission(student=student_name(path, root), path=path)
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as err:   # not a notebook at all
        sub.notes.append(f"cannot read {path.name}: {type(err).__name__}")
        return sub
    stem = _which_notebook(path, nb, originals)
    if stem is None:
        sub.notes.append(f"{path.name} is not a notebook of the series")
        return sub
    sub.notebook = stem
    original = originals[stem]
    run, placed, sub.tampered = _prepare(nb, original)
    with tempfile.TemporaryDirectory(prefix="nnviz-grade-") as tmp, mock.patch.dict(os.environ, _kernel_env()):
        try:
            client = NotebookClient(run, timeout=timeout, kernel_name="python3", allow_errors=True,
                                    resources={"metadata": {"path": tmp}})
            client.execute()
        except Exception as err:   # a cell that hangs past the timeout, a kernel that dies
            first = str(err).splitlines()[0][:120] if str(err) else ""
            sub.notes.append(f"the run stopped: {type(err).__name__}: {first}")
    errors = sum(1 for c in run.cells if c.cell_type == "code"
                 for o in c.get("outputs", []) if o.get("output_type") == "error")
    if errors:
        sub.notes.append(f"{errors} cell{'s' if errors > 1 else ''} raised an error")
    for exercise, index in sorted(placed.items()):
        sub.results[exercise] = _result_of(run.cells[index], exercise)
    return sub


def _grade_args(args):
    return grade_one(*args)


def grade(submissions, series=None, jobs: int = 1, timeout: int = 120) -> list[Submission]:
    """Grade every ``*.ipynb`` under ``submissions`` (checkpoints skipped), ``jobs`` at a time."""
    if not isinstance(submissions, (str, os.PathLike)):
        raise TypeError(f"submissions must be a folder (str or Path), got {submissions!r}.")
    root = Path(submissions)
    if not root.is_dir():
        raise ValueError(f"submissions must be an existing folder, got {str(root)!r}.")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number >= 1, got {jobs!r}.")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ValueError(f"timeout must be a number of seconds > 0, got {timeout!r}.")
    series = find_series(series)
    paths = sorted(p for p in root.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    work = [(p, root, series, timeout) for p in paths]
    if jobs > 1 and len(work) > 1:
        with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
            return list(pool.map(_grade_args, work))
    return [grade_one(*w) for w in work]


def _exercise_key(exercise: str):
    return tuple(int(part) for part in exercise.split("."))


def write_csv(results: list[Submission], out) -> Path:
    """One row per student: each exercise's result, passed, total, tampered, notes."""
    if not isinstance(out, (str, os.PathLike)):
        raise TypeError(f"out must be a file name (str or Path), got {out!r}.")
    out = Path(out)
    if isinstance(results, (str, bytes)) or not all(isinstance(r, Submission) for r in results):
        raise TypeError("results must be a list of Submission (from grade()).")
    students: dict[str, list[Submission]] = {}
    for sub in results:
        students.setdefault(sub.student, []).append(sub)
    exercises = sorted({e for sub in results for e in sub.results}, key=_exercise_key)
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "notebooks", *exercises, "passed", "total", "tampered", "notes"])
        for student in sorted(students):
            subs = students[student]
            merged: dict[str, str] = {}
            for sub in subs:
                merged.update(sub.results)
            passed = sum(1 for r in merged.values() if r == "passed")
            writer.writerow([
                student, " ".join(s.notebook or s.path.name for s in subs),
                *[merged.get(e, "") for e in exercises], passed, len(merged),
                "; ".join(t for s in subs for t in s.tampered),
                "; ".join(f"{s.path.name}: {n}" for s in subs for n in s.notes)])
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nnviz.grade",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path, help="folder of submitted notebooks")
    parser.add_argument("--out", type=Path, default=Path("grades.csv"), help="CSV to write (default: %(default)s)")
    parser.add_argument("--series", type=Path, help="folder of the original notebooks (default: notebooks/ of this checkout)")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at once (default: %(default)s)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds a cell may take (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        results = grade(args.submissions, args.series, jobs=args.jobs, timeout=args.timeout)
    except (TypeError, ValueError) as err:
        parser.error(str(err))
    write_csv(results, args.out)
    flagged = sum(1 for r in results if r.tampered)
    print(f"graded {len(results)} notebooks of {len({r.student for r in results})} students "
          f"-> {args.out}" + (f" ({flagged} flagged: edited check cells)" if flagged else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
