"""Grade a folder of submitted notebooks: ``python -m nnviz.grade SUBMISSIONS --out grades.csv``.

For a class: each student hands in their notebooks (``ada/04_loss.ipynb``, ``ada_04_loss.ipynb``
in one folder, or an LMS download such as Canvas's ``smithada_LATE_1234_5678_04_loss.ipynb``
or Moodle's ``Ada Smith_1234_assignsubmission_file_/04_loss.ipynb``). For each submission:

1. it finds which notebook of the series it is (``04_loss`` in the file name, else the
   exercise ids in its check cells);
2. it puts back the **original check cells** (``checks.check("04.2")``): a check cell the
   student edited or deleted is restored and **flagged**, a checker call added elsewhere
   counts for nothing and is flagged too;
3. it runs the notebook top to bottom in a **fresh kernel** (nbclient; a cell that raises does
   not stop the run), in a temporary folder, with progress kept in memory only. After each
   check cell a **grader cell** reads the exercise's answer (the variable the exercise names:
   a number, an option, a function's outputs on the test cases, a network's weights) with a
   private copy of nnviz loaded before the student's first cell, and hands it over as JSON;
4. it **judges every answer in this process**, with the answers of ``nnviz._answers``: a
   checker the student redefined or patched in the kernel (``checks.check_number = ...``)
   cannot change a mark, and is **flagged** (the grader cell compares the kernel's checker
   code with the private copy's, and a check cell that said ✓ where the grader says not yet is
   flagged as well);
5. exercises answered with **sliders or the playground** (01.3, 03.4, 04.4, 07.4) cannot be
   redone by a re-run: when the student's check passed, it saved the weights in the notebook
   (the check's output metadata), and the grader **re-checks that saved state**.

Outputs: ``--out grades.csv``, one row per student (``student_id``, ``name``, the submission's
``student`` key, one column per exercise, ``score``, ``max_score``, ``percentage``, ``late``,
``submitted``, ``flags``, ``notes``); a feedback file per student (``--feedback DIR``, default
``<out>-feedback/``) saying what passed, what failed and why; ``--roster roster.csv`` maps
submissions to students (``id``, ``name`` and optionally ``login``, ``email``, ``canvas_id``,
``section``; a Canvas gradebook export works as it is); ``--deadline`` flags late work (the
file's modification time, or the LMS's LATE mark in the file name); ``--canvas`` and
``--moodle`` write the gradebook import files of Canvas and Moodle.

Without make: ``python -m nnviz.grade submissions --roster roster.csv --deadline 2026-12-12T23:59
--out grades.csv --canvas canvas.csv --moodle moodle.csv`` (on Windows ``.venv\\Scripts\\python``).

This is a teacher's tool, not a sandbox: a submission runs with your user's rights, as it
would in your own JupyterLab, and a student who studies the grader could still fool a kernel
that runs their code (for instance by rewriting numpy). Run it on a machine you would open
the notebooks on, and read the flags.

A teacher's tool, taught nowhere (docs/grading.md). Here: finding the notebook, restoring the
check cells, running it and judging each answer with ``nnviz._answers`` (the same answers the
check cells of notebooks 00-08 use). The roster, the gradebook rows and the CSV, feedback,
Canvas and Moodle files are in ``nnviz/_gradebook.py``, re-exported here. The top of the
exercises layer: nothing in nnviz imports it.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import os
import re
import sys
import tempfile
from pathlib import Path

from . import _validate
from ._gradebook import (Row, Submission, exercise_key, gradebook, read_roster, write_canvas, write_csv,
                         write_feedback, write_moodle)

__all__ = ["CHECK_CALL", "GRADE_MIME", "Row", "Submission", "check_cells", "find_series", "grade",
           "grade_one", "gradebook", "main", "read_roster", "student_name", "write_canvas", "write_csv",
           "write_feedback", "write_moodle"]

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


@contextlib.contextmanager
def _environment(values: dict):
    """Set the environment variables ``values`` for the duration, then put back what was there.

    The kernel started inside inherits them, and the kernel spec is looked up with them."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _kernel_env() -> dict:
    """What the grading kernel runs with: no progress file, no display, this environment's kernel."""
    jupyter_path = os.environ.get("JUPYTER_PATH")
    return {"NNVIZ_PROGRESS_FILE": "off", "MPLBACKEND": "Agg",
            "JUPYTER_PATH": os.pathsep.join([str(Path(sys.prefix) / "share" / "jupyter")]
                                            + ([jupyter_path] if jupyter_path else []))}


#: The output type a grader cell writes its answer in (with the run's secret token).
GRADE_MIME = "application/x-nnviz-grade+json"
_PACKAGE_DIR = Path(__file__).resolve().parent

_LOAD_CELL = """\
# nnviz.grade: a private copy of nnviz, loaded before the student's first cell
def _nnviz_grade_load_{token}():
    import importlib, importlib.util, sys
    name = "_nnviz_grader_{token}"
    spec = importlib.util.spec_from_file_location(name, {init!r}, submodule_search_locations=[{root!r}])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    for sub in ("checks", "_answers", "_checkers", "_result", "_progress"):
        importlib.import_module(name + "." + sub)
_nnviz_grade_load_{token}()
del _nnviz_grade_load_{token}
"""

_READ_CELL = """\
# nnviz.grade: reads the answer to {exercise} for the grader
def _nnviz_grade_read_{token}(namespace):
    import importlib, inspect, sys, types
    from IPython.display import display
    private = "_nnviz_grader_{token}"
    answers = importlib.import_module(private + "._answers")
    patched = []
    for sub in ("checks", "_answers", "_checkers", "_result", "_progress"):
        mine, theirs = sys.modules.get(private + "." + sub), sys.modules.get("nnviz." + sub)
        if theirs is None:
            continue
        for key, value in vars(mine).items():
            found = [(key, value, getattr(theirs, key, None))]
            if isinstance(value, type) and value.__module__ == mine.__name__:
                found += [(key + "." + k, v, getattr(getattr(theirs, key, None), k, None))
                          for k, v in vars(value).items() if isinstance(v, types.FunctionType)]
            for label, ours, live in found:
                if isinstance(ours, types.FunctionType) and ours.__module__.startswith(private + "."):
                    code = getattr(live, "__code__", None)
                    if code is None or code.co_code != ours.__code__.co_code:
                        patched.append("nnviz." + sub + "." + label)
    live_checks = namespace.get("checks")
    if live_checks is not None and live_checks is not sys.modules.get("nnviz.checks"):
        patched.append("the name checks (no longer nnviz.checks)")
    if {name!r} in namespace:
        try:
            data = answers.payload({exercise!r}, namespace[{name!r}])
        except Exception as err:
            data = {{"value": {{"repr": "reading it raised " + type(err).__name__, "type": "error"}}}}
    else:
        data = {{"missing": True}}
    display({{{mime!r}: {{"token": {token!r}, "exercise": {exercise!r}, "answer": data,
                          "patched": patched}}}}, raw=True)
_nnviz_grade_read_{token}(globals())
"""


def _saved_states(nb) -> dict:
    """exercise -> the state a passing check saved in the submission (its output metadata)."""
    from ._result import METADATA_KEY
    saved = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            meta = (output.get("metadata") or {}).get(METADATA_KEY)
            if isinstance(meta, dict) and meta.get("passed") is True and isinstance(meta.get("state"), dict):
                saved[str(meta.get("exercise"))] = meta["state"]
    return saved


def _claimed(cell, exercise) -> bool:
    return _result_of(cell, exercise) == "passed"


def _grader_output(cell, token, exercise):
    for output in cell.get("outputs", []):
        data = (output.get("data") or {}).get(GRADE_MIME)
        if isinstance(data, dict) and data.get("token") == token and data.get("exercise") == exercise:
            return data
    return None


def _judge(exercise, data):
    """The grader's own verdict on a payload: (CheckResult or None, why not)."""
    from . import _answers
    try:
        value = _answers.revive(exercise, data)
        return _answers.answer_for(exercise).judge(value), ""
    except Exception as err:    # a payload the grader cannot read: words in the feedback
        return None, f"the answer could not be read ({type(err).__name__}: {err})"


_LATE = re.compile(r"(?:^|[_\-\s])late(?:[_\-\s]|$)", re.I)


def grade_one(path, root, series=None, timeout: int = 120, deadline=None) -> Submission:
    """Grade one submitted notebook (see the module docstring)."""
    import secrets
    from datetime import datetime, timezone

    import nbformat
    from nbclient import NotebookClient

    from . import _answers

    for name, value in (("path", path), ("root", root)):
        if not isinstance(value, (str, os.PathLike)):
            raise TypeError(f"{name} must be a path (str or Path), got {value!r}.")
    path, root = Path(path), Path(root)
    if not path.is_file():
        raise ValueError(f"path must be a submitted notebook file, got {str(path)!r}.")
    _validate.positive_number(timeout, "timeout (seconds)")
    deadline = _deadline(deadline)
    series = find_series(series)
    originals = {p.stem: nbformat.read(p, as_version=4) for p in sorted(series.glob("[0-9][0-9]_*.ipynb"))}
    sub = Submission(student=student_name(path, root), path=path)
    when = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    sub.submitted = when.isoformat(timespec="seconds")
    marked_late = bool(_LATE.search(str(path.relative_to(root).with_suffix(""))))
    sub.late = marked_late or (deadline is not None and when > deadline)
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
    saved = _saved_states(nb)
    # what the student's own (unrestored) check cells showed: a ✓ the grader does not confirm is flagged
    claimed = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            for exercise in CHECK_CALL.findall(cell.source):
                claimed[exercise] = claimed.get(exercise, False) or _claimed(cell, exercise)
    run, placed, sub.tampered = _prepare(nb, original)
    token = secrets.token_hex(8)
    # the private copy first, then a reading cell after each check cell
    cells = [nbformat.v4.new_code_cell(_LOAD_CELL.format(
        token=token, init=str(_PACKAGE_DIR / "__init__.py"), root=str(_PACKAGE_DIR)))]
    checks_at, readers = {}, {}
    by_index = {i: e for e, i in placed.items()}
    for i, cell in enumerate(run.cells):
        cells.append(cell)
        if i in by_index:
            exercise = by_index[i]
            checks_at[exercise] = len(cells) - 1
            cells.append(nbformat.v4.new_code_cell(_READ_CELL.format(
                token=token, exercise=exercise, name=_answers.answer_for(exercise).name, mime=GRADE_MIME)))
            readers[exercise] = len(cells) - 1
    run.cells = cells
    with tempfile.TemporaryDirectory(prefix="nnviz-grade-") as tmp, _environment(_kernel_env()):
        try:
            client = NotebookClient(run, timeout=timeout, kernel_name="python3", allow_errors=True,
                                    resources={"metadata": {"path": tmp}})
            client.execute()
        except Exception as err:   # a cell that hangs past the timeout, a kernel that dies
            first = str(err).splitlines()[0][:120] if str(err) else ""
            sub.notes.append(f"the run stopped: {type(err).__name__}: {first}")
        errors = sum(1 for i, c in enumerate(run.cells) if c.cell_type == "code" and i
                     and i not in readers.values()
                     for o in c.get("outputs", []) if o.get("output_type") == "error")
        if errors:
            sub.notes.append(f"{errors} cell{'s' if errors > 1 else ''} raised an error")
        patched = set()
        for exercise in sorted(placed, key=exercise_key):
            check_cell = run.cells[checks_at[exercise]]
            shown = _result_of(check_cell, exercise)
            data = _grader_output(run.cells[readers[exercise]], token, exercise)
            result, why = (None, "the notebook never reached this exercise")
            if data is not None:
                patched.update(data.get("patched", []))
                result, why = _judge(exercise, data["answer"]) if not data["answer"].get("missing") else (
                    None, f"`{_answers.answer_for(exercise).name}` is not defined when the check runs"
                    + (" (a cell above raised an error)" if shown == "error" else ""))
            borrowed = (data or {}).get("answer", {}).get("borrowed")
            if borrowed:
                sub.tampered.append(f"{exercise} answered with {borrowed} itself")
                result = None
                why = f"the answer is {borrowed}, nnviz's own function, not one written in the notebook"
            status = "passed" if result is not None and result.passed else (
                "not yet" if result is not None or data is not None else ("error" if shown == "error" else "missing"))
            message = result.text if result is not None else why
            if status != "passed" and exercise in saved:
                again, _ = _judge(exercise, saved[exercise])
                if again is not None and again.passed:
                    status = "passed"
                    message = (f"passed with the state saved when your check passed: {again.text}")
                else:
                    sub.tampered.append(f"{exercise} saved state does not pass")
            if shown == "passed" and status != "passed" and not borrowed:
                sub.tampered.append(f"{exercise} shown as passed but fails the grader's check")
            if claimed.get(exercise) and status != "passed" and exercise not in saved and not borrowed:
                sub.notes.append(f"{exercise}: the handed-in notebook showed ✓, the re-run does not")
            sub.results[exercise] = status
            sub.feedback[exercise] = message
        if patched:
            sub.tampered.append("checker patched: " + ", ".join(sorted(patched)))
    return sub


def _deadline(value):
    """None, or a timezone-aware datetime from a datetime or ISO text (naive means local time)."""
    from datetime import datetime
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"deadline must be a date and time such as '2026-12-12T23:59', "
                             f"got {value!r}.") from None
    if not isinstance(value, datetime):
        raise TypeError(f"deadline must be a datetime or ISO text such as '2026-12-12T23:59', got {value!r}.")
    return value if value.tzinfo is not None else value.astimezone()


def _grade_args(args):
    return grade_one(*args)


def grade(submissions, series=None, jobs: int = 1, timeout: int = 120, deadline=None) -> list[Submission]:
    """Grade every ``*.ipynb`` under ``submissions`` (checkpoints skipped), ``jobs`` at a time."""
    if not isinstance(submissions, (str, os.PathLike)):
        raise TypeError(f"submissions must be a folder (str or Path), got {submissions!r}.")
    root = Path(submissions)
    if not root.is_dir():
        raise ValueError(f"submissions must be an existing folder, got {str(root)!r}.")
    _validate.whole_number(jobs, "jobs", minimum=1)
    _validate.positive_number(timeout, "timeout (seconds)")
    deadline = _deadline(deadline)
    series = find_series(series)
    paths = sorted(p for p in root.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    work = [(p, root, series, timeout, deadline) for p in paths]
    if jobs > 1 and len(work) > 1:
        with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
            return list(pool.map(_grade_args, work))
    return [grade_one(*w) for w in work]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nnviz.grade",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path, help="folder of submitted notebooks")
    parser.add_argument("--out", type=Path, default=Path("grades.csv"), help="CSV to write (default: %(default)s)")
    parser.add_argument("--roster", type=Path, help="CSV of the class: id,name[,login,email,canvas_id,section]")
    parser.add_argument("--deadline", help="date and time, e.g. 2026-12-12T23:59 (local) or with +01:00")
    parser.add_argument("--feedback", type=Path, help="folder for one feedback file per student "
                                                       "(default: <out>-feedback beside the CSV)")
    parser.add_argument("--canvas", type=Path, help="also write a Canvas gradebook import CSV")
    parser.add_argument("--moodle", type=Path, help="also write a Moodle grade import CSV")
    parser.add_argument("--assignment", default="nnviz", help="the assignment's column name in the LMS")
    parser.add_argument("--series", type=Path, help="folder of the original notebooks (default: notebooks/ of this checkout)")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at once (default: %(default)s)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds a cell may take (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        roster = read_roster(args.roster) if args.roster else None
        results = grade(args.submissions, args.series, jobs=args.jobs, timeout=args.timeout,
                        deadline=args.deadline)
    except (TypeError, ValueError) as err:
        parser.error(str(err))
    rows = gradebook(results, roster)
    write_csv(rows, args.out)
    feedback = args.feedback or args.out.with_name(args.out.stem + "-feedback")
    write_feedback(rows, feedback)
    if args.canvas:
        write_canvas(rows, args.canvas, args.assignment)
    if args.moodle:
        write_moodle(rows, args.moodle, args.assignment)
    flagged = sum(1 for r in rows if r.flags)
    late = sum(1 for r in rows if r.late)
    print(f"graded {len(results)} notebooks of {len({r.student for r in results})} students "
          f"-> {args.out}, feedback in {feedback}"
          + (f" ({flagged} flagged: see the flags column)" if flagged else "")
          + (f" ({late} late)" if late else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
