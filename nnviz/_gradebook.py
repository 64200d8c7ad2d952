"""From graded submissions to a class's gradebook: the roster, one row per student, the exports.

:class:`Submission` is what grading one notebook gives (``nnviz.grade.grade_one``);
:func:`read_roster` reads the class list (a Canvas gradebook export works as it is);
:func:`gradebook` makes one :class:`Row` per student; :func:`write_csv`,
:func:`write_feedback`, :func:`write_canvas` and :func:`write_moodle` write the grades CSV,
one feedback file per student and the gradebook imports of Canvas and Moodle.

A teacher's tool, taught nowhere: public through :mod:`nnviz.grade` (``python -m nnviz.grade``,
docs/grading.md). In the exercises layer it sits under ``grade``, which runs the notebooks and
fills the submissions; it imports nothing else of nnviz but the input checks (``_validate``).
Standard library only.
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import _validate

__all__ = ["Row", "Submission", "exercise_key", "gradebook", "read_roster", "write_canvas",
           "write_csv", "write_feedback", "write_moodle"]


@dataclass
class Submission:
    """One graded notebook."""

    student: str
    path: Path
    notebook: str = ""                              # e.g. "05_backprop"
    results: dict = field(default_factory=dict)     # exercise id -> passed / not yet / error / missing
    tampered: list = field(default_factory=list)    # "05.1 edited", "05.1 added", "05.2 deleted", ...
    notes: list = field(default_factory=list)
    feedback: dict = field(default_factory=dict)    # exercise id -> what the grader's check said
    submitted: str = ""                             # ISO time of the file
    late: bool = False


def exercise_key(exercise: str):
    """``"05.12"`` -> ``(5, 12)``: exercise ids in the series' order."""
    return tuple(int(part) for part in exercise.split("."))


# --- the roster -------------------------------------------------------------------------------

_ROSTER_COLUMNS = {   # our names <- the headers we accept (ours, and a Canvas gradebook export's)
    "id": ("id", "student_id", "student id", "sis user id", "id number", "idnumber"),
    "name": ("name", "full name", "student", "fullname"),
    "login": ("login", "username", "sis login id", "user"),
    "email": ("email", "email address", "e-mail"),
    "canvas_id": ("canvas_id", "canvas id"),
    "section": ("section",),
    "folder": ("folder", "submission"),
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", str(text).lower())


def read_roster(path) -> list[dict]:
    """The students of ``path`` (CSV): ``id`` and ``name`` required; ``login``, ``email``,
    ``canvas_id``, ``section``, ``folder`` optional. A Canvas gradebook export works as it is
    (Student, ID, SIS User ID, SIS Login ID, Section): its ID becomes ``canvas_id``."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"roster must be a CSV file (str or Path), got {path!r}.")
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"roster must be an existing CSV file, got {str(path)!r}.")
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise ValueError(f"roster {str(path)!r} has no students (a header row, then one row per student).")
    headers = {h.strip().lower(): h for h in rows[0] if h}
    canvas = "sis user id" in headers and "id" in headers
    chosen = {}
    for ours, accepted in _ROSTER_COLUMNS.items():
        for header in accepted:
            if canvas and ours == "id" and header == "id":
                continue          # in a Canvas export, ID is Canvas's own number
            if header in headers:
                chosen[ours] = headers[header]
                break
    if canvas:
        chosen["canvas_id"] = headers["id"]
    if "id" not in chosen or "name" not in chosen:
        raise ValueError(f"roster must have an id and a name column (id,name[,login,email]), got "
                         f"the columns {list(rows[0])}.")
    students = []
    for row in rows:
        student = {ours: (row.get(header) or "").strip() for ours, header in chosen.items()}
        if student["name"].lower() in ("points possible", "test student"):
            continue              # Canvas's extra rows, not students
        if student["id"] or student["name"]:
            students.append(student)
    return students


def _match(key: str, path: Path, roster: list[dict]):
    """The roster row a submission belongs to, by id, login, email, Canvas id, folder or name."""
    tokens = {_slug(t) for t in re.split(r"[_\-\s/\\]+", f"{key} {path.stem}") if t}
    whole = _slug(key)
    for field_name in ("folder", "id", "login", "canvas_id", "email", "name"):
        for student in roster:
            value = student.get(field_name, "")
            if not value:
                continue
            wanted = _slug(value.split("@")[0] if field_name == "email" else value)
            if not wanted:
                continue
            if wanted == whole or wanted in tokens or (field_name == "name" and whole.startswith(wanted)):
                return student
    return None


# --- outputs ------------------------------------------------------------------------------------

@dataclass
class Row:
    """One student's line of the gradebook."""

    student_id: str
    name: str
    key: str
    submissions: list
    results: dict
    feedback: dict
    score: int
    max_score: int
    late: bool
    submitted: str
    flags: list
    notes: list
    email: str = ""
    login: str = ""
    canvas_id: str = ""
    section: str = ""

    @property
    def percentage(self) -> float:
        return round(100.0 * self.score / self.max_score, 1) if self.max_score else 0.0


def gradebook(results: list[Submission], roster=None, exercises=None) -> list[Row]:
    """One :class:`Row` per student: the roster's students (those who handed nothing in get 0),
    then any submission no roster row matched (flagged "not on the roster")."""
    if isinstance(results, (str, bytes)) or not all(isinstance(r, Submission) for r in results):
        raise TypeError("results must be a list of Submission (from grade()).")
    if roster is not None and (isinstance(roster, (str, bytes)) or not all(
            isinstance(r, dict) and "id" in r and "name" in r for r in roster)):
        raise TypeError("roster must be a list of students from read_roster() (dicts with id and name).")
    roster = list(roster or [])
    if exercises is None:
        exercises = sorted({e for sub in results for e in sub.results}, key=exercise_key)
    groups: dict[str, list[Submission]] = {}
    owners: dict[str, dict | None] = {}
    for sub in results:
        student = _match(sub.student, sub.path, roster) if roster else None
        key = f"roster:{student['id'] or student['name']}" if student else f"key:{sub.student}"
        groups.setdefault(key, []).append(sub)
        owners[key] = student
    for student in roster:
        key = f"roster:{student['id'] or student['name']}"
        groups.setdefault(key, [])
        owners[key] = student
    rows = []
    for key, subs in groups.items():
        student = owners[key] or {}
        merged, feedback = {}, {}
        for sub in subs:
            for exercise, status in sub.results.items():
                if merged.get(exercise) != "passed":      # two copies of a notebook: the better one
                    merged[exercise], feedback[exercise] = status, sub.feedback.get(exercise, "")
        flags = [t for s in subs for t in s.tampered]
        notes = [f"{s.path.name}: {n}" for s in subs for n in s.notes]
        if roster and not owners[key]:
            notes.insert(0, "not on the roster")
        if not subs:
            notes.append("nothing handed in")
        rows.append(Row(
            student_id=student.get("id", ""), name=student.get("name", subs[0].student if subs else ""),
            key=" ".join(sorted({s.student for s in subs})), submissions=[s.notebook or s.path.name for s in subs],
            results={e: merged.get(e, "missing") for e in exercises}, feedback=feedback,
            score=sum(1 for e in exercises if merged.get(e) == "passed"), max_score=len(exercises),
            late=any(s.late for s in subs), submitted=max((s.submitted for s in subs), default=""),
            flags=flags, notes=notes, email=student.get("email", ""), login=student.get("login", ""),
            canvas_id=student.get("canvas_id", ""), section=student.get("section", "")))
    rows.sort(key=lambda r: (r.name.lower(), r.student_id, r.key))
    return rows


def _out(out, name="out"):
    if not isinstance(out, (str, os.PathLike)):
        raise TypeError(f"{name} must be a file name (str or Path), got {out!r}.")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def write_csv(results, out, roster=None) -> Path:
    """The gradebook as CSV: student_id, name, student (the submission's key), notebooks, one
    column per exercise, score, max_score, percentage, late, submitted, flags, notes.
    ``results`` is grade()'s list of Submission, or gradebook()'s list of Row."""
    out = _out(out)
    rows = results if results and all(isinstance(r, Row) for r in results) else gradebook(results, roster)
    exercises = list(rows[0].results) if rows else []
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student_id", "name", "student", "notebooks", *exercises, "score", "max_score",
                         "percentage", "late", "submitted", "flags", "notes"])
        for r in rows:
            writer.writerow([r.student_id, r.name, r.key, " ".join(r.submissions),
                             *[r.results[e] for e in exercises], r.score, r.max_score, r.percentage,
                             "late" if r.late else "", r.submitted, "; ".join(r.flags), "; ".join(r.notes)])
    return out


def write_feedback(rows: list[Row], folder) -> Path:
    """One text file per student (``<student id or key>.txt``): each exercise, passed or not, and why."""
    rows = _check_rows(rows)
    if not isinstance(folder, (str, os.PathLike)):
        raise TypeError(f"folder must be a folder name (str or Path), got {folder!r}.")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for r in rows:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", r.student_id or r.key or r.name) or "unknown"
        lines = [f"nnviz feedback for {r.name or r.key}" + (f" ({r.student_id})" if r.student_id else ""),
                 f"Notebooks: {', '.join(r.submissions) or 'none handed in'}",
                 f"Score: {r.score} of {r.max_score} ({r.percentage:g}%)" + ("  LATE" if r.late else ""), ""]
        for exercise, status in r.results.items():
            mark = {"passed": "✓", "not yet": "✗", "error": "✗", "missing": "○"}.get(status, "?")
            lines.append(f"{mark} {exercise}: {status}")
            why = r.feedback.get(exercise) or {"missing": "not handed in, or the notebook never reached it."}.get(status, "")
            lines += [f"    {line}" for line in why.splitlines() if line.strip()]
        if r.flags:
            lines += ["", "Flagged for your teacher to look at:"] + [f"  - {t}" for t in r.flags]
        if r.notes:
            lines += ["", "Notes:"] + [f"  - {n}" for n in r.notes]
        (folder / f"{stem}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def write_canvas(rows: list[Row], out, assignment="nnviz") -> Path:
    """A Canvas gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then the
    assignment's column (its name as in Canvas, e.g. "nnviz 04 (12345)"), a Points Possible row."""
    rows = _check_rows(rows)
    out = _out(out)
    _validate.text(assignment, "assignment", empty=False)
    max_score = max((r.max_score for r in rows), default=0)
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment])
        writer.writerow(["Points Possible", "", "", "", "", max_score])
        for r in rows:
            writer.writerow([r.name, r.canvas_id, r.student_id, r.login, r.section, r.score])
    return out


def write_moodle(rows: list[Row], out, assignment="nnviz") -> Path:
    """A Moodle grade import (Grades > Import > CSV file): ID number, Email address, Full name,
    the grade column (mapped to the grade item on import) and a Feedback column."""
    rows = _check_rows(rows)
    out = _out(out)
    _validate.text(assignment, "assignment", empty=False)
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["ID number", "Email address", "Full name", assignment, "Feedback"])
        for r in rows:
            failed = [e for e, s in r.results.items() if s != "passed"]
            note = (f"{r.score} of {r.max_score} exercises passed"
                    + (f"; not yet: {', '.join(failed)}" if failed else "") + ("; late" if r.late else ""))
            writer.writerow([r.student_id, r.email, r.name, r.score, note])
    return out


def _check_rows(rows):
    if isinstance(rows, (str, bytes)) or not hasattr(rows, "__iter__") or not all(
            isinstance(r, Row) for r in rows):
        raise TypeError(f"rows must be a list of Row (from gradebook()), got {rows!r:.80}.")
    return list(rows)


def _validate_text(value, name):
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"{name} must be a non-empty text (str), got {value!r}.")

