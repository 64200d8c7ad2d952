"""The self-study progress store: which exercises a learner has tried and passed.

Every check records its result here, in this kernel and in a small JSON file beside the
notebooks (``.nnviz-progress.json`` in the kernel's folder; ``NNVIZ_PROGRESS_FILE`` names
another path, or ``off`` keeps it in memory). The file survives a kernel restart, and several
kernels may write it at once (two notebooks open, Run All in each): every write takes a lock,
reads what is on disk, changes only its own exercise and replaces the file atomically
(a temporary file and ``os.replace``), so no kernel overwrites another's result.

What counts:

- a check whose answer is still the template (``None``, ``...``, a stub, a name not yet
  defined) is **not an attempt**: Run All on an untouched notebook records nothing;
- an exercise once passed stays passed (``passed`` is the best result); ``last`` keeps the
  latest one, so re-checking a solved exercise in a worse state does not undo it;
- progress is **self-reported**: it is written by the learner's own kernel and a learner can
  change it (a loop of ``check_true`` fakes it). It is for the learner and for a teacher's
  overview, not for marks: marks come from the teacher's grader, ``python -m nnviz.grade``.

Public through :mod:`nnviz.checks` (``progress``, ``report``, ``reset_progress``,
``progress_path``, ``EXERCISES``), introduced in notebook 00. In the exercises layer it sits
on the result type (``_result``); every checker (``_checkers``, ``_answers``) hands its result
to :func:`record`. Needs numpy only.
"""
from __future__ import annotations

import contextlib
import html
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ._result import NOT_YET_COLOUR, PASSED_COLOUR, CheckResult, ShownAsText, describe_error

#: The exercises of each notebook, in order. ``progress("05")`` lists all of them, so it never
#: says "Everything passed" before the last one is done; tests/test_checks.py holds this table
#: equal to the check cells of the notebooks and to the answers in nnviz._answers.
EXERCISES: dict[str, tuple[str, ...]] = {
    "00": ("00.1", "00.2"),
    "01": ("01.1", "01.2", "01.3", "01.4"),
    "02": ("02.1", "02.2", "02.3", "02.4"),
    "03": ("03.1", "03.2", "03.3", "03.4"),
    "04": ("04.1", "04.2", "04.3", "04.4"),
    "05": ("05.1", "05.2", "05.3", "05.4"),
    "06": ("06.1", "06.2", "06.3"),
    "07": ("07.1", "07.2", "07.3", "07.4"),
    "08": ("08.1", "08.2", "08.3"),
}

#: The file beside the notebooks that keeps progress across kernel restarts and sessions.
PROGRESS_FILE = ".nnviz-progress.json"
#: Environment variable: another path for the progress file, or "off" to keep it in memory.
PROGRESS_ENV = "NNVIZ_PROGRESS_FILE"
#: Said wherever progress is shown or handed in.
SELF_REPORTED = ("Self-reported: this progress is written by your own kernel and can be changed "
                 "by you, so it is not a mark. Marks come from your teacher's grader "
                 "(python -m nnviz.grade), which re-runs your notebooks.")

_FORMAT = "nnviz-progress/2"
#: exercise id -> {"passed": best result, "last": latest result, "attempts", "when"}; the
#: kernel's copy, used when there is no file (``off``) or the file cannot be written.
_MEMORY: dict[str, dict] = {}
_STATE = {"problem": "", "path": None}


def progress_path():
    """Where progress is kept: ``$NNVIZ_PROGRESS_FILE``, else ``.nnviz-progress.json`` in the
    current folder (a notebook's kernel starts in the notebook's folder). None when
    ``NNVIZ_PROGRESS_FILE=off``: then progress lives in this kernel only."""
    chosen = os.environ.get(PROGRESS_ENV, "").strip()
    if chosen.lower() in ("off", "none", "0"):
        return None
    return Path(chosen) if chosen else Path.cwd() / PROGRESS_FILE


def _entry(raw) -> dict | None:
    """One stored exercise, read leniently (format 1 had no "last")."""
    if not isinstance(raw, dict):
        return None
    try:
        passed = bool(raw.get("passed"))
        return {"passed": passed, "last": bool(raw.get("last", passed)),
                "attempts": max(0, int(raw.get("attempts", 0))), "when": str(raw.get("when", ""))}
    except (TypeError, ValueError):
        return None


def _read(path: Path) -> dict[str, dict]:
    """The exercises stored in ``path`` ({} when there is no file); ValueError/OSError when unreadable."""
    try:
        # Inside try: in the in-browser edition (JupyterLite's drive) even stat() may raise
        # an OSError such as EINVAL, which Path.exists() does not swallow.
        if not path.exists():
            return {}
    except OSError:
        return {}
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        return {}
    stored = json.loads(text)
    if not isinstance(stored, dict) or not isinstance(stored.get("exercises", {}), dict):
        raise ValueError("not an nnviz progress file")
    out = {}
    for exercise, raw in stored.get("exercises", {}).items():
        entry = _entry(raw)
        if isinstance(exercise, str) and entry is not None:
            out[exercise] = entry
    return out


def _write(path: Path, exercises: dict) -> None:
    """Replace ``path`` atomically: a complete temporary file, flushed, then os.replace."""
    data = {"format": _FORMAT, "note": SELF_REPORTED, "exercises": exercises}
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, sort_keys=True)
            f.flush()
            with contextlib.suppress(OSError):
                os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


@contextlib.contextmanager
def _locked(path: Path, timeout: float = 10.0):
    """Hold an exclusive lock on ``path``'s lock file while reading, merging and writing.

    POSIX: ``fcntl.flock``; Windows: ``msvcrt.locking``; elsewhere (the in-browser kernel,
    one process) no lock is needed and none is taken. A lock not had within ``timeout``
    seconds is given up on: the write still happens, atomically, as before.
    """
    lock_path = path.with_name(path.name + ".lock")
    try:
        handle = open(lock_path, "a+b")
    except OSError:
        yield
        return
    unlock = None
    try:
        try:
            import fcntl

            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    unlock = lambda: fcntl.flock(handle.fileno(), fcntl.LOCK_UN)  # noqa: E731
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.005)
                except OSError:   # a file system without locks
                    break
        except ImportError:
            try:
                import msvcrt

                deadline = time.monotonic() + timeout
                while True:
                    try:
                        handle.seek(0)
                        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
                        unlock = lambda: (handle.seek(0), msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1))  # noqa: E731
                        break
                    except OSError:
                        if time.monotonic() > deadline:
                            break
                        time.sleep(0.005)
            except ImportError:
                pass
        yield
    finally:
        if unlock is not None:
            with contextlib.suppress(OSError):
                unlock()
        handle.close()


def _now() -> str:
    from datetime import datetime, timezone
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def _update(entry: dict | None, passed: bool) -> dict:
    entry = dict(entry or {"passed": False, "last": False, "attempts": 0, "when": ""})
    entry["attempts"] += 1
    entry["passed"] = entry["passed"] or passed     # the best result: a pass is never undone
    entry["last"] = passed
    entry["when"] = _now()
    return entry


def record(result: CheckResult) -> CheckResult:
    """Store ``result`` (unless it is no attempt: ``result.answered`` is False); return it."""
    if not result.answered:
        return result
    exercise, passed = result.exercise, bool(result.passed)
    _MEMORY[exercise] = _update(_MEMORY.get(exercise), passed)
    path = progress_path()
    if path is None:
        _STATE["problem"] = ""
        return result
    try:
        with _locked(path):
            try:
                stored = _read(path)
            except (ValueError, UnicodeDecodeError):
                stored = {}     # a broken file: start it afresh rather than fail the check
            stored[exercise] = _update(stored.get(exercise), passed)
            _write(path, stored)
        _STATE["problem"] = ""
    except OSError as err:
        _STATE["problem"] = f"could not save to {path} ({describe_error(err)}); progress is kept in this kernel only"
    return result


def _load() -> dict[str, dict]:
    """Every stored result: the file's (shared by all kernels), else this kernel's own."""
    path = progress_path()
    if path is None:
        return dict(_MEMORY)
    try:
        stored = _read(path)
    except (OSError, ValueError, UnicodeDecodeError) as err:
        _STATE["problem"] = f"could not read {path} ({describe_error(err)}); starting afresh"
        return dict(_MEMORY)
    if _STATE["problem"].startswith("could not save"):
        # this kernel could not write: what it checked lives in memory only; show both
        merged = dict(stored)
        merged.update(_MEMORY)
        return merged
    _STATE["problem"] = ""
    return stored


def reset_progress() -> None:
    """Forget every recorded result, in this kernel and in the progress file."""
    _MEMORY.clear()
    _STATE["problem"] = ""
    path = progress_path()
    if path is None:
        return
    try:
        with _locked(path):
            _write(path, {})
    except OSError as err:
        _STATE["problem"] = f"could not save to {path} ({describe_error(err)}); progress is kept in this kernel only"


def _sort_key(exercise: str):
    parts = []
    for part in exercise.replace("-", ".").split("."):
        parts.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return parts


@dataclass(repr=False)
class Progress(ShownAsText):
    """Which exercises were checked, and which passed (kept across restarts in the progress file).

    ``seen`` lists every exercise tried at least once (a check of the untouched template is no
    try), ``passed`` those passed at least once, ``not_yet`` those tried but never passed, and
    ``untried`` the ``expected`` exercises never tried. Self-reported: see :data:`SELF_REPORTED`.
    """

    seen: list
    passed: list
    not_yet: list
    untried: list
    attempts: dict
    when: dict = field(default_factory=dict)
    note: str = ""

    def __post_init__(self):
        for name in ("seen", "passed", "not_yet", "untried"):
            value = getattr(self, name)
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                raise TypeError(f"{name} must be a list of exercise ids (str), got {value!r}.")
            setattr(self, name, list(value))
        for name in ("attempts", "when"):
            if not isinstance(getattr(self, name), dict):
                raise TypeError(f"{name} must be a dict, got {getattr(self, name)!r}.")
        if not isinstance(self.note, str):
            raise TypeError(f"note must be a str, got {self.note!r}.")

    @property
    def total(self) -> int:
        return len(self.seen) + len(self.untried)

    @property
    def text(self) -> str:
        total = self.total
        if not total:
            return "Progress: no exercise checked yet in this session. Run a check cell to start."
        lines = [f"Progress: {len(self.passed)} of {total} exercises passed."]
        if not self.seen:
            lines[0] += " (no exercise tried yet: answer one, then run its check cell)"
        if self.passed:
            lines.append("  ✓ passed:   " + ", ".join(self.passed))
        if self.not_yet:
            lines.append("  … not yet:  " + ", ".join(self.not_yet))
        if self.untried:
            lines.append("  ○ untried:  " + ", ".join(self.untried))
        if not self.not_yet and not self.untried:
            lines.append("  Everything passed. Well done!")
        if self.note:
            lines.append(f"  Note: {self.note}")
        lines.append(f"  {SELF_REPORTED}")
        return "\n".join(lines)

    def _repr_html_(self):
        total = self.total
        if not total:
            return ("<div style='font-family:sans-serif'><b>Progress:</b> no exercise checked "
                    "yet in this session. Run a check cell to start.</div>")

        def chips(items, colour, mark):
            return "".join(
                f"<span style='display:inline-block;margin:2px 4px 2px 0;padding:1px 8px;"
                f"border-radius:10px;border:1px solid {colour};color:{colour}'>"
                f"{mark} {html.escape(item)}</span>" for item in items)

        width = 100 * len(self.passed) / total
        bar = (f"<div style='width:240px;height:10px;background:#eee;border-radius:5px;"
               f"margin:4px 0'><div style='width:{width:.0f}%;height:10px;background:{PASSED_COLOUR};"
               f"border-radius:5px'></div></div>")
        done = ("<div style='color:#1a7f37'>Everything passed. Well done!</div>"
                if not self.not_yet and not self.untried else "")
        note = f"<div style='color:#555'>Note: {html.escape(self.note)}</div>" if self.note else ""
        if not self.seen:
            note = ("<div>No exercise tried yet: answer one, then run its check cell.</div>" + note)
        return (
            f"<div style='font-family:sans-serif;line-height:1.5'>"
            f"<b>Progress:</b> {len(self.passed)} of {total} exercises passed.{bar}"
            f"{chips(self.passed, PASSED_COLOUR, '✓')}{chips(self.not_yet, NOT_YET_COLOUR, '…')}"
            f"{chips(self.untried, '#595959', '○')}{done}{note}"
            f"<div style='color:#555;font-size:90%;margin-top:4px'>{html.escape(SELF_REPORTED)}</div></div>"
        )


def _notebook_key(notebook) -> str:
    """``"05"``, ``5``, ``"05_backprop"`` or ``"05_backprop.ipynb"`` -> ``"05"``."""
    if isinstance(notebook, bool) or not isinstance(notebook, (str, int)):
        raise TypeError(f"notebook must be a notebook number such as '05' (str or int), "
                        f"got {notebook!r} ({type(notebook).__name__}).")
    key = f"{notebook:02d}" if isinstance(notebook, int) else notebook.strip().rstrip(".")[:2]
    if key not in EXERCISES:
        raise ValueError(f"notebook must be one of {', '.join(EXERCISES)}, got {notebook!r}.")
    return key


def _id_list(value, name):
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise TypeError(f"{name} must be a list of exercise ids such as ['01.1', '01.2'], "
                        f"got {value!r}.")
    items = list(value)
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise TypeError(f"{name} must hold exercise ids (non-empty str), got {item!r}.")
    return items


def progress(notebook=None, expected=None) -> Progress:
    """A summary of the whole series, or of one notebook: passed, not yet, untried.

    Results are read from the progress file beside the notebooks, so they survive a kernel
    restart and a new session, and every kernel sees the others' results. ``notebook="05"``
    keeps only notebook 05; every exercise of the notebook (or, with no ``notebook``, of the
    series) never tried is listed as untried, from :data:`EXERCISES`. ``expected`` replaces
    that list of exercise ids. Self-reported, not a mark (see :data:`SELF_REPORTED`).
    """
    key = None if notebook is None else _notebook_key(notebook)
    if expected is None:
        expected = ([e for ids in EXERCISES.values() for e in ids] if key is None
                    else list(EXERCISES[key]))
    else:
        expected = _id_list(expected, "expected")
    stored = _load()
    prefix = None if key is None else f"{key}."
    keep = {k: v for k, v in stored.items() if prefix is None or k.startswith(prefix)}
    seen = sorted(keep, key=_sort_key)
    untried = sorted((e for e in dict.fromkeys(expected) if e not in keep), key=_sort_key)
    return Progress(
        seen=seen,
        passed=[e for e in seen if keep[e]["passed"]],
        not_yet=[e for e in seen if not keep[e]["passed"]],
        untried=untried,
        attempts={e: keep[e]["attempts"] for e in seen},
        when={e: keep[e].get("when", "") for e in seen},
        note=_STATE["problem"],
    )


def report(name, path="nnviz-report.html"):
    """Write a self-study report: the learner's ``name``, the date, every exercise's status.

    ``path`` ends in ``.html`` (a page to open or print) or ``.json`` (for a script); the
    statuses are those of :func:`progress`, for the whole series. The report says that it is
    self-reported (:data:`SELF_REPORTED`): marks come from the grader. Returns the path written.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be your name as text (str), got {name!r} ({type(name).__name__}).")
    if not name.strip():
        raise ValueError("name must not be empty: write your name, e.g. report('Ada Lovelace').")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file name (str or Path), got {path!r} ({type(path).__name__}).")
    path = Path(path)
    kind = path.suffix.lower()
    if kind not in (".html", ".json"):
        raise ValueError(f"path must end in .html or .json, got {str(path)!r}.")
    summary = progress()
    status = {e: "passed" for e in summary.passed}
    status.update({e: "not yet" for e in summary.not_yet})
    status.update({e: "untried" for e in summary.untried})
    rows = [{"exercise": e, "status": status[e], "attempts": summary.attempts.get(e, 0),
             "last_checked": summary.when.get(e, "")}
            for e in sorted(status, key=_sort_key)]
    data = {"name": name.strip(), "date": _now(), "passed": len(summary.passed),
            "total": summary.total, "self_reported": True, "note": SELF_REPORTED, "exercises": rows}
    if kind == ".json":
        text = json.dumps(data, indent=1)
    else:
        colours = {"passed": PASSED_COLOUR, "not yet": NOT_YET_COLOUR, "untried": "#595959"}
        body = "\n".join(
            f"<tr><td>{html.escape(r['exercise'])}</td>"
            f"<td style='color:{colours[r['status']]}'>{html.escape(r['status'])}</td>"
            f"<td>{r['attempts']}</td><td>{html.escape(r['last_checked'])}</td></tr>" for r in rows)
        text = (
            "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>nnviz progress: {html.escape(data['name'])}</title>"
            "<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}"
            "td,th{padding:2px 12px;text-align:left;border-bottom:1px solid #ddd}</style></head>"
            f"<body><main><h1>nnviz progress: {html.escape(data['name'])}</h1>"
            f"<p>Date: {html.escape(data['date'])}. Passed {data['passed']} of {data['total']} exercises.</p>"
            f"<p><b>{html.escape(SELF_REPORTED)}</b></p>"
            "<table><thead><tr><th>exercise</th><th>status</th><th>attempts</th><th>last checked</th>"
            f"</tr></thead><tbody>\n{body}\n</tbody></table></main></body></html>\n")
    path.write_text(text, encoding="utf-8")
    return path
