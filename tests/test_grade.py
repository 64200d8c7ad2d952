"""Grading (nnviz/grade.py): a folder of submissions -> one CSV row per student.

Four submissions of notebook 00 (the shortest with exercises) are made from the series here:
complete, partial, broken, and tampered (a check cell rewritten as check_true(..., True)).
"""
import csv
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nnviz import grade

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "notebooks" / "00_start_here.ipynb"


def _edit(nb, old, new):
    """Replace the source of the one code cell that contains ``old``."""
    matches = [c for c in nb.cells if c.cell_type == "code" and old in c.source]
    assert len(matches) == 1, f"{old!r} is in {len(matches)} cells of {SOURCE.name}"
    matches[0].source = matches[0].source.replace(old, new) if new is not None else ""
    return nb


GUESS = "my_guess = None"
FUNCTION = "    return None"
CHECK_1 = 'checks.check_number("00.1", my_guess, 0.5, tol=0.01,'


@pytest.fixture(scope="module")
def submissions(tmp_path_factory):
    root = tmp_path_factory.mktemp("submissions")

    def hand_in(where, *edits):
        nb = nbformat.read(SOURCE, as_version=4)
        for old, new in edits:
            _edit(nb, old, new)
        path = root / where
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)

    hand_in("ada/00_start_here.ipynb", (GUESS, "my_guess = 0.5"),
            (FUNCTION, "    return float(np.dot(w, x) + b)"))
    hand_in("bob_00_start_here.ipynb", (GUESS, "my_guess = 0.5"))        # partial: 00.2 not done
    hand_in("cy/00_start_here.ipynb", (GUESS, "my_guess = 0.5 +"),       # broken: syntax error
            (FUNCTION, "    return w[99]"))                               # and an IndexError
    # tampered: the check of 00.1 rewritten so that anything passes, and a wrong guess
    nb = nbformat.read(SOURCE, as_version=4)
    _edit(nb, GUESS, "my_guess = 7")
    cell = next(c for c in nb.cells if CHECK_1 in c.source)
    cell.source = 'checks.check_true("00.1", True, success="ok", failure="no")'
    nb.cells.append(nbformat.v4.new_code_cell('checks.check_true("00.2", True, success="ok", failure="no")'))
    (root / "dee").mkdir()
    nbformat.write(nb, root / "dee" / "00_start_here.ipynb")
    (root / "ada" / ".ipynb_checkpoints").mkdir()
    nbformat.write(nb, root / "ada" / ".ipynb_checkpoints" / "00_start_here-checkpoint.ipynb")
    return root


@pytest.fixture(scope="module")
def rows(submissions, tmp_path_factory):
    out = tmp_path_factory.mktemp("grades") / "grades.csv"
    result = subprocess.run([sys.executable, "-m", "nnviz.grade", str(submissions), "--out", str(out),
                             "--jobs", "2"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "graded 4 notebooks of 4 students" in result.stdout and "1 flagged" in result.stdout
    with open(out, newline="", encoding="utf-8") as f:
        return {row["student"]: row for row in csv.DictReader(f)}


def test_one_row_per_student_with_each_exercise(rows):
    assert sorted(rows) == ["ada", "bob", "cy", "dee"]
    assert list(rows["ada"])[:4] == ["student", "notebooks", "00.1", "00.2"]
    assert all(row["notebooks"] == "00_start_here" for row in rows.values())


def test_complete_submission_passes_everything(rows):
    ada = rows["ada"]
    assert (ada["00.1"], ada["00.2"], ada["passed"], ada["total"]) == ("passed", "passed", "2", "2")
    assert ada["tampered"] == "" and ada["notes"] == ""


def test_partial_submission(rows):
    bob = rows["bob"]
    assert (bob["00.1"], bob["00.2"], bob["passed"]) == ("passed", "not yet", "1")
    assert bob["tampered"] == ""


def test_broken_submission_is_graded_not_crashed(rows):
    cy = rows["cy"]
    # the syntax error leaves my_guess undefined: the original check cell raises NameError
    assert cy["00.1"] == "error" and cy["00.2"] == "not yet" and cy["passed"] == "0"
    assert "raised an error" in cy["notes"]


def test_tampered_check_cells_earn_nothing_and_are_flagged(rows):
    dee = rows["dee"]
    assert dee["00.1"] == "not yet", "the original check must run on the wrong guess"
    assert dee["00.2"] == "not yet"
    assert "00.1 edited" in dee["tampered"] and "00.2 added" in dee["tampered"]


def test_a_deleted_check_cell_is_put_back_and_flagged():
    nb = nbformat.read(SOURCE, as_version=4)
    nb.cells = [c for c in nb.cells if CHECK_1 not in c.source]
    run, placed, flags = grade._prepare(nb, nbformat.read(SOURCE, as_version=4))
    assert flags == ["00.1 deleted"]
    assert CHECK_1 in run.cells[placed["00.1"]].source
    assert placed["00.1"] < placed["00.2"]
    assert "my_guess = None" in run.cells[placed["00.1"] - 1].source


def test_the_check_cells_of_every_notebook_are_found():
    from nnviz import checks

    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        found = tuple(grade.check_cells(nbformat.read(path, as_version=4)))
        assert found == checks.EXERCISES[path.name[:2]], path.name


def test_student_names():
    root = Path("/x")
    assert grade.student_name(root / "ada" / "05_backprop.ipynb", root) == "ada"
    assert grade.student_name(root / "bob_05_backprop.ipynb", root) == "bob"
    assert grade.student_name(root / "05_backprop.ipynb", root) == "05_backprop"


@pytest.mark.parametrize("call, error, word", [
    (lambda tmp: grade.grade(3), TypeError, "submissions"),
    (lambda tmp: grade.grade(tmp / "missing"), ValueError, "submissions"),
    (lambda tmp: grade.grade(tmp, jobs=0), ValueError, "jobs"),
    (lambda tmp: grade.grade(tmp, timeout=-1), ValueError, "timeout"),
    (lambda tmp: grade.grade(tmp, series=tmp), ValueError, "series"),
    (lambda tmp: grade.write_csv([], 3), TypeError, "out"),
])
def test_bad_input_is_refused_naming_the_parameter(tmp_path, call, error, word):
    with pytest.raises(error, match=word):
        call(tmp_path)


@pytest.mark.parametrize("call, error, word", [
    (lambda tmp: grade.grade_one(3, tmp), TypeError, "path"),
    (lambda tmp: grade.grade_one(tmp / "none.ipynb", tmp), ValueError, "path"),
    (lambda tmp: grade.grade_one(SOURCE, ROOT, timeout=0), ValueError, "timeout"),
    (lambda tmp: grade.check_cells("notebook"), TypeError, "nb"),
    (lambda tmp: grade.student_name(3, tmp), TypeError, "path"),
    (lambda tmp: grade.student_name(Path("/elsewhere/a.ipynb"), tmp), ValueError, "path"),
    (lambda tmp: grade.write_csv(["x"], tmp / "g.csv"), TypeError, "results"),
])
def test_more_bad_input_is_refused(tmp_path, call, error, word):
    with pytest.raises(error, match=word):
        call(tmp_path)


def test_a_file_that_is_not_a_notebook_is_a_note_not_a_crash(tmp_path):
    (tmp_path / "eve_00_start_here.ipynb").write_text("not json")
    sub = grade.grade_one(tmp_path / "eve_00_start_here.ipynb", tmp_path)
    assert sub.student == "eve" and sub.results == {} and "cannot read" in sub.notes[0]
