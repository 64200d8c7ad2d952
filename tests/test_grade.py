"""Grading (nnviz/grade.py): a folder of submissions -> a gradebook, feedback, LMS imports.

Real submissions are made from the series here, mostly of notebook 00 (the shortest with
exercises): complete, partial, broken, a check cell edited, a checker patched in an answer cell
(run by the student, so her notebook shows green ticks), late (after the deadline, and with an
LMS late mark), and notebook 04 with its slider exercise done (executed, the sliders moved,
saved with the state the check recorded), matched to an eight-student roster.
"""
import csv
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nnviz import grade

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "notebooks" / "00_start_here.ipynb"
LOSS = ROOT / "notebooks" / "04_loss.ipynb"


def _edit(nb, old, new):
    """Replace the source of the one code cell that contains ``old``."""
    matches = [c for c in nb.cells if c.cell_type == "code" and old in c.source]
    assert len(matches) == 1, f"{old!r} is in {len(matches)} code cells"
    matches[0].source = matches[0].source.replace(old, new) if new is not None else ""
    return nb


GUESS = "my_guess = None"
FUNCTION = "    return None"
CHECK_1 = 'checks.check("00.1")'


ROSTER = """id,name,login,email,canvas_id,section
s001,Ada Lovelace,ada,ada@uni.example,101,A
s002,Bob Babbage,bob,bob@uni.example,102,A
s003,Cy Hopper,cy,cy@uni.example,103,B
s004,Dee Turing,dee,dee@uni.example,104,B
s005,Eve Noether,eve,eve@uni.example,105,B
s006,Fay Lamarr,fay,fay@uni.example,106,A
s007,Gus Shannon,gus,gus@uni.example,107,A
s008,Hal Never,hal,hal@uni.example,108,A
"""
DEADLINE = "2026-12-01T12:00:00+00:00"
ON_TIME = 1764583200     # 2025-12-01: before the deadline
LATE = 1764597600 + 365 * 86400


def _run(nb, path, timeout=120):
    """Execute ``nb`` in a fresh kernel (as the student did) and save it with its outputs."""
    from nbclient import NotebookClient
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def submissions(tmp_path_factory):
    import os
    root = tmp_path_factory.mktemp("submissions")

    def hand_in(where, *edits, mtime=ON_TIME, extra=()):
        nb = nbformat.read(SOURCE, as_version=4)
        for old, new in edits:
            _edit(nb, old, new)
        for index, source in extra:
            nb.cells.insert(index, nbformat.v4.new_code_cell(source))
        path = root / where
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
        os.utime(path, (mtime, mtime))
        return path

    right = [(GUESS, "my_guess = 0.5"), (FUNCTION, "    return float(np.dot(w, x) + b)")]
    hand_in("ada/00_start_here.ipynb", *right)
    hand_in("bob_00_start_here.ipynb", (GUESS, "my_guess = 0.5"))        # partial: 00.2 not done
    hand_in("cy/00_start_here.ipynb", (GUESS, "my_guess = 0.5 +"),       # broken: syntax error
            (FUNCTION, "    return w[99]"))                               # and an IndexError
    # check cell edited: the check of 00.1 rewritten so that anything passes, and a wrong guess
    nb = nbformat.read(SOURCE, as_version=4)
    _edit(nb, GUESS, "my_guess = 7")
    cell = next(c for c in nb.cells if CHECK_1 in c.source)
    cell.source = 'checks.check_true("00.1", True, success="ok", failure="no")'
    nb.cells.append(nbformat.v4.new_code_cell('checks.check_true("00.2", True, success="ok", failure="no")'))
    (root / "dee").mkdir()
    nbformat.write(nb, root / "dee" / "00_start_here.ipynb")
    os.utime(root / "dee" / "00_start_here.ipynb", (ON_TIME, ON_TIME))
    (root / "ada" / ".ipynb_checkpoints").mkdir()
    nbformat.write(nb, root / "ada" / ".ipynb_checkpoints" / "00_start_here-checkpoint.ipynb")
    # checker patched in an answer cell: one line that passes any answer, wrong answers kept
    nb = nbformat.read(SOURCE, as_version=4)
    _edit(nb, GUESS, "my_guess = 7\nchecks.check = lambda exercise, *a: checks.CheckResult(exercise, True, 'ok')")
    path = root / "eve" / "00_start_here.ipynb"
    path.parent.mkdir()
    _run(nb, path)                       # she ran it: her notebook shows two green ticks
    os.utime(path, (ON_TIME, ON_TIME))
    # late: complete, handed in after the deadline, and an LMS late mark in the name
    hand_in("fay/00_start_here.ipynb", *right, mtime=LATE)
    hand_in("gus_LATE_107_99_00_start_here.ipynb", *right)
    # slider exercise done: notebook 04 with the sliders moved by hand (here: by a cell the
    # student never hands in) and 04.1-04.3 answered; the check saved the weights that passed
    nb = nbformat.read(LOSS, as_version=4)
    _edit(nb, "def my_mse(y_true, y_pred):", "def my_mse(y_true, y_pred):\n    return np.mean((y_true - y_pred) ** 2)")
    _edit(nb, "my_loss = None", "my_loss = 0.25")
    _edit(nb, "my_E = None", "my_E = 1.0")
    at = next(i for i, c in enumerate(nb.cells) if c.source.startswith('checks.check("04.4")'))
    nb.cells.insert(at, nbformat.v4.new_code_cell(
        "for name, value in dict(w1=-2.0, w5=2.0, b3=-1.0).items():\n"
        "    my_explorer.controls[name].value = value"))
    path = root / "ada" / "04_loss.ipynb"
    _run(nb, path)
    nb = nbformat.read(path, as_version=4)
    del nb.cells[at]                      # the hand on the slider leaves no cell behind
    nbformat.write(nb, path)
    os.utime(path, (ON_TIME, ON_TIME))
    (root.parent / "roster.csv").write_text(ROSTER)
    return root


@pytest.fixture(scope="module")
def graded(submissions, tmp_path_factory):
    out = tmp_path_factory.mktemp("grades") / "grades.csv"
    result = subprocess.run([sys.executable, "-m", "nnviz.grade", str(submissions), "--out", str(out),
                             "--roster", str(submissions.parent / "roster.csv"), "--deadline", DEADLINE,
                             "--canvas", str(out.with_name("canvas.csv")),
                             "--moodle", str(out.with_name("moodle.csv")), "--assignment", "nnviz 00+04 (777)",
                             "--jobs", "2"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    assert "graded 8 notebooks of 7 students" in result.stdout, result.stdout
    return out, result.stdout


@pytest.fixture(scope="module")
def rows(graded):
    with open(graded[0], newline="", encoding="utf-8") as f:
        return {row["name"].split()[0].lower(): row for row in csv.DictReader(f)}


@pytest.mark.slow
def test_one_row_per_student_of_the_roster_with_each_exercise(rows):
    assert sorted(rows) == ["ada", "bob", "cy", "dee", "eve", "fay", "gus", "hal"]
    assert list(rows["ada"])[:5] == ["student_id", "name", "student", "notebooks", "00.1"]
    assert [k for k in rows["ada"] if k[:2].isdigit()] == ["00.1", "00.2", "04.1", "04.2", "04.3", "04.4"]
    assert rows["ada"]["student_id"] == "s001" and rows["ada"]["name"] == "Ada Lovelace"
    assert rows["gus"]["student_id"] == "s007", "an LMS file name is matched by its Canvas id or login"
    assert rows["hal"]["score"] == "0" and "nothing handed in" in rows["hal"]["notes"]


@pytest.mark.slow
def test_complete_submission_passes_everything(rows):
    ada = rows["ada"]
    assert [ada[e] for e in ("00.1", "00.2", "04.1", "04.2", "04.3", "04.4")] == ["passed"] * 6
    assert (ada["score"], ada["max_score"], ada["percentage"]) == ("6", "6", "100.0")
    assert ada["flags"] == "" and ada["notes"] == "" and ada["late"] == ""


@pytest.mark.slow
def test_partial_submission(rows):
    bob = rows["bob"]
    assert (bob["00.1"], bob["00.2"], bob["04.1"], bob["score"]) == ("passed", "not yet", "missing", "1")
    assert bob["percentage"] == "16.7" and bob["flags"] == ""


@pytest.mark.slow
def test_broken_submission_is_graded_not_crashed(rows, graded):
    cy = rows["cy"]
    # the syntax error leaves my_guess undefined: the check says so instead of raising
    assert cy["00.1"] == "not yet" and cy["00.2"] == "not yet" and cy["score"] == "0"
    assert "raised an error" in cy["notes"]
    text = (graded[0].with_name("grades-feedback") / "s003.txt").read_text()
    assert "`my_guess` is not defined" in text and "IndexError" in text


@pytest.mark.slow
def test_edited_check_cells_earn_nothing_and_are_flagged(rows):
    dee = rows["dee"]
    assert dee["00.1"] == "not yet", "the original check must run on the wrong guess"
    assert dee["00.2"] == "not yet"
    assert "00.1 edited" in dee["flags"] and "00.2 added" in dee["flags"]


@pytest.mark.slow
def test_a_patched_checker_earns_nothing_and_is_flagged(rows, submissions):
    eve = rows["eve"]
    shown = nbformat.read(submissions / "eve" / "00_start_here.ipynb", as_version=4)
    ticks = [o for c in shown.cells for o in c.get("outputs", [])
             if "✓" in str(o.get("data", {}).get("text/plain", ""))]
    assert len(ticks) == 2, "her own notebook shows both exercises passed"
    assert (eve["00.1"], eve["00.2"], eve["score"]) == ("not yet", "not yet", "0")
    assert "checker patched: nnviz.checks.check" in eve["flags"]
    assert "00.1 shown as passed but fails the grader's check" in eve["flags"]


@pytest.mark.slow
def test_slider_exercise_is_graded_from_the_saved_state(rows, graded):
    assert rows["ada"]["04.4"] == "passed"
    text = (graded[0].with_name("grades-feedback") / "s001.txt").read_text()
    assert "04.4: passed" in text and "state saved when your check passed" in text and "MSE = 0.07" in text


@pytest.mark.slow
def test_late_work_is_flagged_against_the_deadline_and_the_lms_mark(rows):
    assert rows["fay"]["late"] == "late" and rows["gus"]["late"] == "late"
    assert rows["ada"]["late"] == rows["bob"]["late"] == ""
    assert rows["fay"]["score"] == "2", "late work is flagged, not marked down: the teacher decides"


@pytest.mark.slow
def test_feedback_says_what_failed_and_why(graded):
    folder = graded[0].with_name("grades-feedback")
    assert sorted(p.name for p in folder.iterdir()) == [f"s00{i}.txt" for i in range(1, 9)]
    bob = (folder / "s002.txt").read_text()
    assert "Score: 1 of 6" in bob and "✓ 00.1: passed" in bob and "✗ 00.2: not yet" in bob
    assert "returned None" in bob, "the reason the check gave"
    eve = (folder / "s005.txt").read_text()
    assert "Flagged for your teacher" in eve and "checker patched" in eve and "7 is too high" in eve


@pytest.mark.slow
def test_canvas_and_moodle_imports(graded):
    out = graded[0]
    with open(out.with_name("canvas.csv"), newline="", encoding="utf-8") as f:
        canvas = list(csv.reader(f))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "nnviz 00+04 (777)"]
    assert canvas[1] == ["Points Possible", "", "", "", "", "6"]
    assert ["Ada Lovelace", "101", "s001", "ada", "A", "6"] in canvas
    with open(out.with_name("moodle.csv"), newline="", encoding="utf-8") as f:
        moodle = list(csv.DictReader(f))
    ada = next(r for r in moodle if r["ID number"] == "s001")
    assert ada["Email address"] == "ada@uni.example" and ada["nnviz 00+04 (777)"] == "6"
    assert "6 of 6" in ada["Feedback"]


def test_a_canvas_gradebook_export_is_a_roster(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (55)\n"
                    "    Points Possible,,,,,10\n\"Lovelace, Ada\",101,s001,ada,A,9\n")
    roster = grade.read_roster(path)
    assert len(roster) == 1 and roster[0] == {"id": "s001", "name": "Lovelace, Ada", "login": "ada", "section": "A", "canvas_id": "101"}


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
    (lambda tmp: grade.write_feedback("rows", tmp), TypeError, "rows"),
    (lambda tmp: grade.write_canvas([1], tmp / "c.csv"), TypeError, "rows"),
    (lambda tmp: grade.write_moodle([], tmp / "m.csv", assignment=""), ValueError, "assignment"),
    (lambda tmp: grade.write_canvas([], tmp / "c.csv", assignment=3), TypeError, "assignment"),
    (lambda tmp: grade.grade(tmp, jobs=0), ValueError, "jobs"),
    (lambda tmp: grade.gradebook([], roster="ada"), TypeError, "roster"),
    (lambda tmp: grade.read_roster(tmp / "none.csv"), ValueError, "roster"),
    (lambda tmp: grade.read_roster(3), TypeError, "roster"),
    (lambda tmp: grade.grade(tmp, deadline="tomorrow"), ValueError, "deadline"),
])
def test_more_bad_input_is_refused(tmp_path, call, error, word):
    with pytest.raises(error, match=word):
        call(tmp_path)


def test_a_file_that_is_not_a_notebook_is_a_note_not_a_crash(tmp_path):
    (tmp_path / "eve_00_start_here.ipynb").write_text("not json")
    sub = grade.grade_one(tmp_path / "eve_00_start_here.ipynb", tmp_path)
    assert sub.student == "eve" and sub.results == {} and "cannot read" in sub.notes[0]


def test_the_grading_guide_names_only_options_that_exist():
    import argparse
    guide = (ROOT / "docs" / "grading.md").read_text(encoding="utf-8")
    parser_options = set()
    real = argparse.ArgumentParser.parse_args

    def capture(self, args=None, namespace=None):
        parser_options.update(o for a in self._actions for o in a.option_strings)
        raise SystemExit(0)

    argparse.ArgumentParser.parse_args = capture
    try:
        with pytest.raises(SystemExit):
            grade.main([])
    finally:
        argparse.ArgumentParser.parse_args = real
    named = set(re.findall(r"(?<![\w-])(--[a-z]+)", guide))
    assert named and named <= parser_options, named - parser_options


def test_lms_download_names_are_matched_to_the_roster(tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER)
    roster = grade.read_roster(tmp_path / "roster.csv")
    root = tmp_path / "download"
    paths = {"moodle": root / "Ada Lovelace_101_assignsubmission_file_" / "00_start_here.ipynb",
             "canvas": root / "babbagebob_LATE_102_555_00_start_here.ipynb",
             "stranger": root / "zed_00_start_here.ipynb"}
    subs = [grade.Submission(student=grade.student_name(p, root), path=p, notebook="00_start_here",
                             results={"00.1": "passed", "00.2": "not yet"}) for p in paths.values()]
    rows = {r.name: r for r in grade.gradebook(subs, roster)}
    assert rows["Ada Lovelace"].score == 1 and rows["Bob Babbage"].key.startswith("babbagebob")
    assert "not on the roster" in rows["zed"].notes
    assert rows["Hal Never"].score == 0 and rows["Hal Never"].results == {"00.1": "missing", "00.2": "missing"}
    assert len(rows) == 9        # eight on the roster, one stranger
