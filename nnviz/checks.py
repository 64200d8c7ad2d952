r"""Exercise checkers: instant, friendly feedback on a learner's answer.

Every checker takes an exercise id (``"<notebook>.<number>"``, such as ``"01.2"``), looks
at the learner's answer, and returns a :class:`CheckResult` that Jupyter shows as a green
✓ or an orange "Not yet" box with what is wrong and a hint. A checker never lets an error
from the learner's code escape: exceptions, ``None``, ``...``, NaN and wrong shapes are all
reported in words, so an unsolved exercise never stops the notebook. Put the check as the
last expression of a cell so that it is displayed::

    import nnviz
    from nnviz import checks

    def my_sigmoid(z):
        # YOUR CODE HERE
        return None

    checks.check_function("02.1", my_sigmoid, reference=nnviz.sigmoid,
                           cases=[0, 2, -3, 10], hint="Use np.exp(-z).")

    my_guess = None                       # predict a number
    checks.check_number("01.2", my_guess, expected=7, hint="Multiply, add up, add b.")

    checks.check_choice("02.3", my_answer, correct="b",
                        options={"a": "sigmoid", "b": "ReLU", "c": "tanh"})

    checks.check_network("03.3", explorer, X, y)   # all XOR points right?

    checks.progress()                     # what has been tried and passed in this kernel

Checkers
--------
``check_function(exercise, fn, reference, cases, *, hint=None, tol=1e-6, arg_names=None)``
    Calls ``fn`` and ``reference`` on every case and compares; shows the first wrong case
    (input, expected, got). A case that is a ``tuple`` is unpacked into several arguments
    (``cases=[([0, 1], [2, 3], 4)]`` calls ``fn([0, 1], [2, 3], 4)``); anything else is one
    argument. To pass one tuple as a single argument, wrap it: ``((1, 2),)``.
``check_number(exercise, value, expected, *, tol=1e-3, relative=False, hint=None, name="your answer")``
    For "predict a number" (or an array of numbers) before running the code.
``check_choice(exercise, answer, correct, *, options=None, explanations=None, hint=None)``
    For multiple choice; ``correct`` is one option key or a collection of accepted keys;
    ``explanations`` maps a wrong option to why it is wrong. Case and spaces are ignored.
``check_network(exercise, model, X, y, *, threshold=0.5, activation="sigmoid", hint=None, labels=None)``
    For "find weights with the sliders": passes when every point in ``X`` lands on the right
    side of ``threshold``. ``model`` may be an ``nnviz.Network`` or ``nnviz.Neuron``, an
    explorer from ``nnviz.widgets`` (anything with a ``.network`` or ``.neuron`` attribute),
    a list of parameters ``[W1, b1, W2, b2]`` or a function ``X -> outputs``.
``check_true(exercise, condition, *, success, failure, hint=None)``
    For a condition the notebook computes itself, such as "your loss went down".

Each returns a :class:`CheckResult` with ``.passed`` (also its truth value), ``.message``,
``.hint``, HTML for Jupyter (``_repr_html_``) and plain text (``repr``).

Our own maths
-------------
``agree(name, mine, theirs, tol=1e-9)`` checks that the notebook's by-hand numpy agrees with
nnviz (or with a number from the curriculum). It prints ``✓ name: ...`` and returns ``None``
when they agree within ``tol`` (absolute, element-wise), and raises ``AssertionError`` when they
do not: that is a bug in our notebook or in nnviz, not the learner's mistake, so it should
fail the run.

Progress
--------
Each checker records its latest result per exercise id, in this kernel and in a small file
beside the notebooks (``.nnviz-progress.json`` in the kernel's folder; set the environment
variable ``NNVIZ_PROGRESS_FILE`` to another path, or to ``off``), so progress survives a
kernel restart and a new session. ``progress()`` returns a :class:`Progress` summary of the
whole series (passed, not yet, untried: every exercise of :data:`EXERCISES`);
``progress("01")`` keeps only notebook 01. ``report("Your Name", "report.html")`` (or
``.json``) writes a file to hand in with the name, the date and each exercise's status.
``reset_progress()`` forgets everything.

Answers by name
---------------
``checks.check_number("01.1", checks.named("my_z"), ...)`` looks ``my_z`` up when the check
runs: if the learner has not run the cell that defines it, the check says "not yet" and which
cell to run, instead of stopping with a NameError. ``check_function`` and ``check_network``
also take the plain name as a string, and ``check_true`` takes a function (``lambda: ...``)
that is evaluated inside the check.

This module needs numpy only: it imports neither matplotlib nor IPython.
"""
from __future__ import annotations

import copy
import html
import inspect
import math
import numbers
import warnings
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "CheckResult", "Progress", "agree", "check_choice", "check_function", "check_network",
    "check_number", "check_true", "named", "progress", "progress_path", "report",
    "reset_progress", "EXERCISES",
]

_DEFAULT_HINT = ("Run your code on this case in a new cell, print the intermediate values, "
                 "and compare them with the equation above.")

_GREEN, _ORANGE = "#1a7f37", "#8f4700"   # both 4.5:1 or more on their tinted boxes (WCAG AA)


# --- the result ------------------------------------------------------------------------

class _ShownAsText:
    """Plain-text display for results: a terminal or a static viewer prints ``.text``."""

    def __repr__(self):
        return self.text

    def __str__(self):
        return self.text


@dataclass(repr=False)  # repr is the text a learner reads, from _ShownAsText
class CheckResult(_ShownAsText):
    """The outcome of one check, shown as a green ✓ or an orange "Not yet" box in Jupyter.

    ``passed`` is True when the answer is right; ``message`` says what happened in words and
    ``hint`` what to try next (empty when passed). ``details`` is a list of ``(label, value)``
    rows shown under the message, such as the input, the expected and the received value.
    ``bool(result)`` is ``result.passed``.
    """

    exercise: str
    passed: bool
    message: str
    hint: str = ""
    details: list = field(default_factory=list)

    def __post_init__(self):
        _check_id(self.exercise)
        if not isinstance(self.passed, (bool, np.bool_)):
            raise TypeError(f"passed must be True or False, got {self.passed!r}.")
        self.passed = bool(self.passed)
        for name in ("message", "hint"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be a str, got {getattr(self, name)!r}.")
        if not isinstance(self.details, (list, tuple)) or not all(
                isinstance(row, (list, tuple)) and len(row) == 2 for row in self.details):
            raise TypeError(f"details must be a list of (label, value) pairs, got {self.details!r}.")
        self.details = list(self.details)

    def __bool__(self):
        return bool(self.passed)

    @property
    def text(self) -> str:
        """The feedback as plain text, one block."""
        if self.passed:
            lines = [f"✓ Exercise {self.exercise}: {self.message}"]
        else:
            lines = [f"Not yet (exercise {self.exercise}): {self.message}"]
        lines += [f"    {label}: {value}" for label, value in self.details]
        if self.hint and not self.passed:
            lines.append(f"Hint: {self.hint}")
        return "\n".join(lines)

    def _repr_html_(self):
        colour = _GREEN if self.passed else _ORANGE
        badge = "✓ Well done" if self.passed else "Not yet"
        rows = "".join(
            f"<tr><td style='padding:1px 10px 1px 0;color:#555'>{html.escape(str(label))}</td>"
            f"<td style='padding:1px 0'><code>{html.escape(str(value))}</code></td></tr>"
            for label, value in self.details
        )
        table = f"<table style='margin:4px 0 0 0;border:none'>{rows}</table>" if rows else ""
        hint = (f"<div style='margin-top:4px'><b>Hint:</b> {html.escape(self.hint)}</div>"
                if self.hint and not self.passed else "")
        return (
            f"<div style='border-left:5px solid {colour};padding:6px 10px;margin:4px 0;"
            f"background:{colour}14;font-family:sans-serif;line-height:1.4'>"
            f"<b style='color:{colour}'>{badge}</b> "
            f"<span style='color:#666'>· exercise {html.escape(self.exercise)}</span><br>"
            f"{html.escape(self.message)}{table}{hint}</div>"
        )


# --- progress ----------------------------------------------------------------------

#: The exercises of each notebook, in order. ``progress("05")`` lists all of them, so it never
#: says "Everything passed" before the last one is done; tests/test_checks.py holds this table
#: equal to the check cells of the notebooks.
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

#: exercise id -> {"passed": bool, "attempts": int, "when": ISO time}: each exercise's latest result.
_REGISTRY: dict[str, dict] = {}
_STATE = {"loaded_from": None, "problem": ""}


def progress_path():
    """Where progress is kept: ``$NNVIZ_PROGRESS_FILE``, else ``.nnviz-progress.json`` in the
    current folder (a notebook's kernel starts in the notebook's folder). None when
    ``NNVIZ_PROGRESS_FILE=off``: then progress lives in this kernel only."""
    import os
    from pathlib import Path
    chosen = os.environ.get(PROGRESS_ENV, "").strip()
    if chosen.lower() in ("off", "none", "0"):
        return None
    return Path(chosen) if chosen else Path.cwd() / PROGRESS_FILE


def _load():
    """Read the progress file once per path (a restarted kernel starts here)."""
    import json
    path = progress_path()
    key = str(path)
    if _STATE["loaded_from"] == key:
        return
    _STATE["loaded_from"] = key
    _REGISTRY.clear()
    if path is None:
        return
    try:
        # Inside try: in the in-browser edition (JupyterLite's drive) even stat() may raise
        # an OSError such as EINVAL, which Path.exists() does not swallow.
        if not path.exists():
            return
        stored = json.loads(path.read_text(encoding="utf-8")).get("exercises", {})
        for exercise, entry in stored.items():
            if isinstance(exercise, str) and isinstance(entry, dict):
                _REGISTRY[exercise] = {"passed": bool(entry.get("passed")),
                                       "attempts": int(entry.get("attempts", 0)),
                                       "when": str(entry.get("when", ""))}
        _STATE["problem"] = ""
    except (OSError, ValueError, TypeError, AttributeError) as err:
        _STATE["problem"] = f"could not read {path} ({_exc(err)}); starting afresh"


def _save():
    import json
    import os
    path = progress_path()
    if path is None:
        return
    data = {"format": "nnviz-progress/1", "exercises": _REGISTRY}
    try:
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
        _STATE["problem"] = ""
    except OSError as err:
        _STATE["problem"] = f"could not save to {path} ({_exc(err)}); progress is kept in this kernel only"


def _now() -> str:
    from datetime import datetime, timezone
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def _record(result: CheckResult) -> CheckResult:
    _load()
    entry = _REGISTRY.setdefault(result.exercise, {"passed": False, "attempts": 0, "when": ""})
    entry["attempts"] += 1
    entry["passed"] = bool(result.passed)
    entry["when"] = _now()
    _save()
    return result


def reset_progress() -> None:
    """Forget every recorded result, in this kernel and in the progress file."""
    _load()
    _REGISTRY.clear()
    _save()


def _sort_key(exercise: str):
    parts = []
    for part in exercise.replace("-", ".").split("."):
        parts.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return parts


@dataclass(repr=False)
class Progress(_ShownAsText):
    """Which exercises were checked, and which passed (kept across restarts in the progress file).

    ``seen`` lists every exercise checked at least once, ``passed`` those whose latest check
    passed, ``not_yet`` those whose latest check did not, and ``untried`` the ``expected``
    exercises never checked.
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
            lines[0] += " (no exercise checked yet: run a check cell to start)"
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
               f"margin:4px 0'><div style='width:{width:.0f}%;height:10px;background:{_GREEN};"
               f"border-radius:5px'></div></div>")
        done = ("<div style='color:#1a7f37'>Everything passed. Well done!</div>"
                if not self.not_yet and not self.untried else "")
        note = f"<div style='color:#555'>Note: {html.escape(self.note)}</div>" if self.note else ""
        if not self.seen:
            note = "<div>No exercise checked yet: run a check cell to start.</div>" + note
        return (
            f"<div style='font-family:sans-serif;line-height:1.5'>"
            f"<b>Progress:</b> {len(self.passed)} of {total} exercises passed.{bar}"
            f"{chips(self.passed, _GREEN, '✓')}{chips(self.not_yet, _ORANGE, '…')}"
            f"{chips(self.untried, '#595959', '○')}{done}{note}</div>"
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
    restart and a new session. ``notebook="05"`` keeps only notebook 05; every exercise of the
    notebook (or, with no ``notebook``, of the series) that was never checked is listed as
    untried, from :data:`EXERCISES`. ``expected`` replaces that list of exercise ids.
    """
    key = None if notebook is None else _notebook_key(notebook)
    if expected is None:
        expected = ([e for ids in EXERCISES.values() for e in ids] if key is None
                    else list(EXERCISES[key]))
    else:
        expected = _id_list(expected, "expected")
    _load()
    prefix = None if key is None else f"{key}."
    keep = {k: v for k, v in _REGISTRY.items() if prefix is None or k.startswith(prefix)}
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
    """Write a report to hand in: the student's ``name``, the date, every exercise's status.

    ``path`` ends in ``.html`` (a page to open or print) or ``.json`` (for a script); the
    statuses are those of :func:`progress`, for the whole series. Returns the path written.
    """
    import json
    import os
    from pathlib import Path
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
            "total": summary.total, "exercises": rows}
    if kind == ".json":
        text = json.dumps(data, indent=1)
    else:
        colours = {"passed": _GREEN, "not yet": _ORANGE, "untried": "#595959"}
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
            "<table><thead><tr><th>exercise</th><th>status</th><th>attempts</th><th>last checked</th>"
            f"</tr></thead><tbody>\n{body}\n</tbody></table></main></body></html>\n")
    path.write_text(text, encoding="utf-8")
    return path


# --- describing values -----------------------------------------------------------------

def _fmt(value) -> str:
    """A short, readable rendering of a value for feedback."""
    if value is None:
        return "None"
    if value is Ellipsis:
        return "..."
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return format(float(value), ".10g")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return _fmt(value[()])
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiub" and value.size <= 20:
        return _fmt(value.tolist())
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fiub":
            text = np.array2string(np.asarray(value, dtype=np.float64), precision=6,
                                   suppress_small=True, separator=", ", threshold=20)
        else:
            text = repr(value)
        text = " ".join(text.split())
        return text if len(text) <= 120 else text[:117] + "..."
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_fmt(v) for v in value[:12])
        if len(value) > 12:
            inner += ", ..."
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def _exc(err: BaseException) -> str:
    return f"{type(err).__name__}({str(err)!r})" if str(err) else type(err).__name__


def _check_id(exercise):
    if not isinstance(exercise, str):
        raise TypeError(f"exercise must be an id such as '01.1' (str), got {exercise!r} "
                        f"({type(exercise).__name__}).")
    if not exercise.strip():
        raise ValueError(f"exercise must be an id such as '01.1', got {exercise!r}.")


def _check_text(value, name, optional=True):
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str{' or None' if optional else ''}, got {value!r} "
                        f"({type(value).__name__}).")


def _check_tol(value, name="tol"):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__}).")
    if not math.isfinite(float(value)) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}.")


def _check_bool(value, name):
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r} ({type(value).__name__}).")


# --- answers given by name -----------------------------------------------------------------

class _Named:
    """An answer given by its variable name: looked up when the check runs (see :func:`named`)."""

    def __init__(self, name, namespace=None):
        self.name = name
        self.namespace = namespace

    def __repr__(self):
        return f"named({self.name!r})"


def named(name, namespace=None):
    """The learner's variable ``name``, looked up when the check runs, not before.

    ``checks.check_number("01.1", checks.named("my_z"), ...)`` says "not yet: run the cell
    that defines my_z" when that cell has not run, where ``check_number("01.1", my_z, ...)``
    would stop with a NameError before the checker is even called. ``namespace`` is the dict
    to look in (default: the notebook's variables, i.e. the caller's module globals).
    ``check_function`` and ``check_network`` also accept the plain name as a string.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a variable name (str), got {name!r} ({type(name).__name__}).")
    if not name.isidentifier():
        raise ValueError(f"name must be a Python variable name such as 'my_guess', got {name!r}.")
    if namespace is not None and not isinstance(namespace, dict):
        raise TypeError(f"namespace must be a dict such as globals(), got {type(namespace).__name__}.")
    return _Named(name, namespace)


class _Undefined(Exception):
    """The learner's variable does not exist yet."""


def _caller_namespace():
    """The globals of the first frame outside this module: the notebook's variables."""
    frame = inspect.currentframe()
    try:
        while frame is not None and frame.f_globals.get("__name__") == __name__:
            frame = frame.f_back
        return frame.f_globals if frame is not None else {}
    finally:
        del frame


def _resolve(value):
    """The value itself, or the variable a :func:`named` marker points at; _Undefined if none."""
    if not isinstance(value, _Named):
        return value
    namespace = value.namespace if value.namespace is not None else _caller_namespace()
    if value.name not in namespace:
        raise _Undefined(value.name)
    return namespace[value.name]


def _undefined(exercise, name, hint):
    return _record(CheckResult(
        exercise, False,
        f"`{name}` is not defined yet. Run the cell above that sets `{name} = ...` "
        "(or starts with `def " + name + "`), then run this check again.", hint or _DEFAULT_HINT))


class _NotNumeric(Exception):
    """The value cannot be read as numbers; the message says why, for the learner."""


def _as_numbers(value, what="your function"):
    """Convert an answer to a float array, or raise _NotNumeric with a learner-facing reason."""
    if value is None:
        raise _NotNumeric(f"{what} returned None. Did you forget the `return` line, "
                          "or leave `return None` from the template?")
    if value is Ellipsis:
        raise _NotNumeric(f"{what} returned `...`, the placeholder. Replace it with your code.")
    if isinstance(value, (str, bytes)):
        raise _NotNumeric(f"{what} returned the text {value!r}, not a number. "
                          "Remove the quotes so Python computes the value.")
    if isinstance(value, (bool, np.bool_)):
        raise _NotNumeric(f"{what} returned {bool(value)}, a yes/no value, not a number.")
    if callable(value):
        raise _NotNumeric(f"{what} returned a function ({getattr(value, '__name__', value)!r}), "
                          "not a number. Did you forget the brackets that call it, like f(z)?")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise _NotNumeric(f"{what} returned {_fmt(value)} ({type(value).__name__}), "
                          "which is not a number or an array of numbers.") from None
    return arr


def _same_shape(got: np.ndarray, want: np.ndarray) -> bool:
    return got.shape == want.shape or (got.size == want.size and
                                       np.squeeze(got).shape == np.squeeze(want).shape)


def _compare(got, want, tol, relative=False):
    """None when got matches want, otherwise a learner-facing reason. got/want are arrays."""
    if not _same_shape(got, want):
        if want.ndim == 0:
            return (f"a single number was expected, but the answer has shape {got.shape} "
                    f"({got.size} values)")
        if got.ndim == 0:
            return f"an array of shape {want.shape} was expected, but the answer is a single number"
        return f"an array of shape {want.shape} was expected, but the answer has shape {got.shape}"
    got = got.reshape(want.shape)
    if np.any(np.isnan(got)) and not np.any(np.isnan(want)):
        return ("the answer contains NaN (not a number), which comes from sums like inf - inf "
                "or 0/0, or from a variable that was never set")
    if np.any(np.isinf(got)) and not np.all(np.isinf(want) == np.isinf(got)):
        return "the answer contains an infinite value: something overflowed or divided by 0"
    with np.errstate(all="ignore"):
        scale = np.maximum(np.abs(want), 1.0) if relative else 1.0
        ok = (np.abs(got - want) <= tol * scale) | (got == want) | (np.isnan(got) & np.isnan(want))
    if np.all(ok):
        return None
    if want.ndim == 0:
        return "the value is different"
    first = tuple(int(i) for i in np.argwhere(~ok)[0])
    return (f"{int(np.sum(~ok))} of {want.size} values differ; the first is at position "
            f"{first[0] if len(first) == 1 else first}: expected {_fmt(want[first])}, "
            f"got {_fmt(got[first])}")


def _call_quietly(fn, args):
    """Call fn(*args) with numpy warnings recorded instead of raised or printed."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = fn(*args)
    return out, [str(w.message) for w in caught]


def _arg_names(fn, n, given=None):
    if given is not None:
        names = list(given)
        return names if len(names) == n else None
    try:
        params = [p for p in inspect.signature(fn).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return None
    names = [p.name for p in params]
    return names[:n] if len(names) >= n else None


def _describe_case(args, names):
    if names:
        return ", ".join(f"{name} = {_fmt(a)}" for name, a in zip(names, args))
    return ", ".join(_fmt(a) for a in args)


# --- checkers --------------------------------------------------------------------------

def check_function(exercise, fn, reference, cases, *, hint=None, tol=1e-6, arg_names=None):
    """Check a learner's function against a reference on every case.

    ``cases`` is a list: a ``tuple`` case is unpacked into arguments, anything else is one
    argument. Outputs are compared as numbers within ``tol`` (absolute), and must have the
    reference's shape (a single number and a one-element array count as the same). The first failing case is reported with its input, the expected
    value and what came back; exceptions from ``fn`` are reported in words. An error in
    ``reference`` means a bad case (or the notebook author's bug) and raises ``ValueError``
    naming ``cases``.
    """
    _check_id(exercise)
    if not callable(reference):
        raise TypeError(f"reference must be a function, got {reference!r}.")
    if isinstance(cases, (str, bytes, dict, set, frozenset)) or not hasattr(cases, "__iter__"):
        raise TypeError(f"cases must be a list of test cases, got {_fmt(cases)} "
                        f"({type(cases).__name__}).")
    _check_text(hint, "hint")
    _check_tol(tol)
    if arg_names is not None:
        if not isinstance(arg_names, (list, tuple)) or not all(
                isinstance(a, str) and a.isidentifier() for a in arg_names):
            raise TypeError(f"arg_names must be a list of argument names (str), such as "
                            f"['x', 'w'], got {_fmt(arg_names)} ({type(arg_names).__name__}).")
        arg_names = list(arg_names)
    hint = hint or _DEFAULT_HINT
    if isinstance(fn, str):
        fn = named(fn) if fn.isidentifier() else fn
    try:
        fn = _resolve(fn)
    except _Undefined as missing:
        return _undefined(exercise, str(missing), hint)
    fn_name = getattr(fn, "__name__", "your function")
    if not isinstance(fn_name, str):
        fn_name = "your function"
    if fn is None or fn is Ellipsis or not callable(fn):
        return _record(CheckResult(
            exercise, False,
            f"this check needs a function, but got {_fmt(fn)} ({type(fn).__name__}). "
            "Run the cell above that starts with `def` first, then this one again.",
            hint))
    cases = list(cases)
    if not cases:
        raise ValueError("cases must hold at least one case.")
    notes = []
    for case in cases:
        args = case if isinstance(case, tuple) else (case,)
        names = _arg_names(reference, len(args), arg_names) or _arg_names(fn, len(args))
        where = _describe_case(args, names)
        try:
            want, _ = _call_quietly(reference, copy.deepcopy(args))
            want = np.asarray(want, dtype=np.float64)
        except Exception as err:  # a case the reference cannot take, or its own bug: loudly
            raise ValueError(f"cases must be inputs the reference accepts, but for the case "
                             f"{where} the reference answer failed (check {exercise}): "
                             f"{_exc(err)}") from err
        try:
            got_raw, caught = _call_quietly(fn, copy.deepcopy(args))
        except NotImplementedError:
            return _record(CheckResult(
                exercise, False,
                f"{fn_name} is not written yet (it raises NotImplementedError). "
                "Replace the `raise` line with your code.", hint))
        except Exception as err:
            extra = ""
            if isinstance(err, TypeError) and ("argument" in str(err)):
                extra = f" It should take {len(args)} input{'s' if len(args) > 1 else ''}" + (
                    f" ({', '.join(names)})." if names else ".")
            return _record(CheckResult(
                exercise, False,
                f"your function raised {_exc(err)} for {where}.{extra}", hint,
                [("input", where)]))
        try:
            got = _as_numbers(got_raw, fn_name)
        except _NotNumeric as why:
            said = f"{why} (for {where})" if len(where) <= 40 else str(why)
            return _record(CheckResult(exercise, False, said, hint,
                                       [("input", where), ("expected", _fmt(want))]))
        problem = _compare(got, want, tol)
        if problem is not None:
            said = f"for {where}, {problem}." if len(where) <= 40 else f"for the input below, {problem}."
            return _record(CheckResult(
                exercise, False, said, hint,
                [("input", where), ("expected", _fmt(want)), ("got", _fmt(got_raw))]))
        if caught:
            notes.append(f"numpy warned '{caught[0]}' for {where}")
    n = len(cases)
    message = f"{fn_name} gives the right answer for all {n} test case{'s' if n > 1 else ''}."
    if notes:
        message += (f" Note: {notes[0]}. The answers are still right, but a number grew "
                    "very large along the way.")
    return _record(CheckResult(exercise, True, message))


def check_number(exercise, value, expected, *, tol=1e-3, relative=False, hint=None,
                 name="your answer"):
    """Check a predicted number (or array of numbers) against the expected one.

    ``tol`` is absolute unless ``relative=True`` (then relative to ``|expected|`` when that is
    above 1). ``None`` or ``...`` means "not answered yet". Text such as ``"0.5"`` is accepted
    as a number, with a note.
    """
    _check_id(exercise)
    _check_tol(tol)
    _check_bool(relative, "relative")
    _check_text(hint, "hint")
    _check_text(name, "name", optional=False)
    try:
        want = np.asarray(expected, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"expected must be a number or an array of numbers, got {expected!r}.") from None
    hint = hint or "Work it out on paper first, step by step, then type the number you get."
    try:
        value = _resolve(value)
    except _Undefined as missing:
        return _undefined(exercise, str(missing), hint)
    if value is None or value is Ellipsis:
        return _record(CheckResult(
            exercise, False,
            f"{name} is still {_fmt(value)}. Replace it with your prediction, "
            "then run this cell again.", hint))
    raw = value
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return _record(CheckResult(
                exercise, False, f"{name} is the text {raw!r}, which is not a number.", hint))
    try:
        got = _as_numbers(value, name)
    except _NotNumeric as why:
        message = str(why).replace(f"{name} returned", f"{name} is")
        return _record(CheckResult(exercise, False, message, hint))
    problem = _compare(got, want, tol, relative)
    if problem is not None:
        if want.ndim == 0 and got.size == 1 and np.isfinite(got).all():
            side = "too high" if float(got.ravel()[0]) > float(want) else "too low"
            problem = f"{_fmt(raw)} is {side}"
        return _record(CheckResult(exercise, False, f"{name}: {problem}.", hint,
                                   [("you said", _fmt(raw))]))
    return _record(CheckResult(exercise, True,
                               f"{_fmt(raw)} is right (the exact value is {_fmt(want)})."))


def _norm_choice(answer):
    return str(answer).strip().strip(".)").strip().lower()


def check_choice(exercise, answer, correct, *, options=None, explanations=None, hint=None):
    """Check a multiple-choice answer such as ``"b"``.

    ``correct`` is one option key or a collection of accepted keys. ``options`` maps each key
    to its text (used to refuse answers that are not an option). ``explanations`` maps an
    option key (wrong or right) to a sentence shown when that option is chosen.
    """
    _check_id(exercise)
    if isinstance(correct, str):
        if not correct.strip():
            raise ValueError("correct must name an option such as 'b', got an empty string.")
    elif not hasattr(correct, "__iter__") or not list(correct) or not all(
            isinstance(c, str) for c in correct):
        raise TypeError(f"correct must be an option key (str) or a list of them, got {correct!r}.")
    for arg, value in (("options", options), ("explanations", explanations)):
        if value is not None and not isinstance(value, dict):
            raise TypeError(f"{arg} must be a dict of option -> text, got {value!r}.")
    _check_text(hint, "hint")
    try:
        answer = _resolve(answer)
    except _Undefined as missing:
        return _undefined(exercise, str(missing), hint or "Re-read the section above, then choose.")
    accepted = {correct} if isinstance(correct, str) else set(correct)
    accepted = {_norm_choice(c) for c in accepted}
    explanations = {_norm_choice(k): v for k, v in (explanations or {}).items()}
    keys = [_norm_choice(k) for k in (options or {})]
    hint = hint or "Re-read the section above, then choose again."
    if answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip()):
        listed = f" (one of {', '.join(repr(k) for k in keys)})" if keys else ""
        return _record(CheckResult(
            exercise, False, f"no answer yet. Set your answer to an option{listed}, "
            "then run this cell again.", hint))
    chosen = _norm_choice(answer)
    if keys and chosen not in keys:
        return _record(CheckResult(
            exercise, False, f"{answer!r} is not one of the options "
            f"{', '.join(repr(k) for k in keys)}.", hint))
    if chosen in accepted:
        return _record(CheckResult(exercise, True,
                                   explanations.get(chosen, f"{answer!r} is right.")))
    return _record(CheckResult(
        exercise, False, explanations.get(chosen, f"{answer!r} is not the best answer."), hint))


def check_true(exercise, condition, *, success, failure, hint=None):
    """Pass when ``condition`` is true; ``success`` and ``failure`` are the messages.

    For checks the notebook computes itself (for example "the explorer's loss is below 0.1":
    ``check_true("04.4", explorer.mse < 0.1, success=..., failure=...)``). ``condition`` is
    evaluated before this function runs, so build it only from values that always exist; a
    value with no clear truth (such as a numpy array) is reported as "not yet".
    """
    _check_id(exercise)
    _check_text(success, "success", optional=False)
    _check_text(failure, "failure", optional=False)
    _check_text(hint, "hint")
    try:
        if callable(condition):
            condition = condition()
        ok = bool(condition)
    except NameError as err:
        missing = getattr(err, "name", None) or str(err)
        return _undefined(exercise, missing, hint)
    except Exception as err:
        return _record(CheckResult(exercise, False, f"the check could not be evaluated: {_exc(err)}.",
                                   hint or _DEFAULT_HINT))
    return _record(CheckResult(exercise, ok, success if ok else failure,
                               "" if ok else (hint or _DEFAULT_HINT)))


# --- networks --------------------------------------------------------------------------

def _network_from_params(params, activation):
    from .network import Network
    arrays = [np.asarray(p, dtype=np.float64) for p in params]
    if len(arrays) < 2 or len(arrays) % 2:
        raise _NotNumeric(f"a parameter list must be [W1, b1, W2, b2, ...], got {len(arrays)} items.")
    sizes = [arrays[0].shape[1] if arrays[0].ndim == 2 else 1]
    for i in range(0, len(arrays), 2):
        W = arrays[i]
        if W.ndim != 2:
            raise _NotNumeric(f"W{i // 2 + 1} must be a table (2-D array), got shape {W.shape}.")
        sizes.append(W.shape[0])
    net = Network(sizes, activation=activation, output_activation=activation)
    for i, arr in enumerate(arrays):
        if arr.shape != net.params[i].shape:
            raise _NotNumeric(f"parameter {i} should have shape {net.params[i].shape}, got {arr.shape}.")
        net.params[i] = arr.copy()
    return net


def _predictor(model, activation):
    """Turn a Network, a Neuron, an explorer, a parameter list or a function into X -> outputs."""
    from .network import Network, Neuron
    if isinstance(model, Network):
        return model.predict
    if isinstance(model, Neuron):
        return model.feedforward
    for attribute in ("network", "neuron"):
        inner = getattr(model, attribute, None)
        if isinstance(inner, Network):
            return inner.predict
        if isinstance(inner, Neuron):
            return inner.feedforward
    params = getattr(model, "params", None)
    if params is None and isinstance(model, (list, tuple)):
        params = model
    if params is not None and not callable(params):
        net = _network_from_params(params, activation)
        return net.predict
    if callable(model):
        def each(X):
            out = model(X)
            arr = _as_numbers(out, "your model")
            if arr.size != len(X):  # a function of one point: call it point by point
                arr = np.array([float(_as_numbers(model(x), "your model")) for x in X])
            return arr
        return each
    raise _NotNumeric(
        f"this check needs a network, an explorer, a parameter list [W1, b1, W2, b2] or a "
        f"function, but got {_fmt(model)} ({type(model).__name__}).")


def check_network(exercise, model, X, y, *, threshold=0.5, activation="sigmoid", hint=None,
                  labels=None):
    """Check that a network puts every point on the right side of ``threshold``.

    ``model`` is an ``nnviz.Network`` or ``nnviz.Neuron``, an explorer with a ``.network``
    or ``.neuron``, a parameter list
    ``[W1, b1, W2, b2, ...]`` (read with ``activation`` in every layer) or a function
    ``X -> outputs``. ``y`` holds 0/1 targets; an output above ``threshold`` counts as 1.
    ``labels`` names the points in the feedback (default: their coordinates).
    """
    _check_id(exercise)
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real):
        raise TypeError(f"threshold must be a number, got {threshold!r} ({type(threshold).__name__}).")
    if not math.isfinite(float(threshold)):
        raise ValueError(f"threshold must be a finite number, got {threshold!r}.")
    if not isinstance(activation, str) or activation not in ("sigmoid", "tanh", "relu", "linear"):
        raise ValueError(f"activation must be 'sigmoid', 'tanh', 'relu' or 'linear', got {activation!r}.")
    _check_text(hint, "hint")
    hint = hint or ("Move one slider at a time and watch which outputs change; run this check "
                    "again when every point looks right.")
    try:
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        raise TypeError("X and y must be arrays of numbers (the points and their 0/1 targets).") from None
    if X.ndim == 1:
        X = X.reshape(1, -1) if y.size == 1 else X.reshape(-1, 1)
    if X.ndim != 2 or len(X) != y.size or y.size == 0:
        raise ValueError(f"X must be a table with one row per point and y one target per row, "
                         f"got X of shape {X.shape} and {y.size} targets.")
    if labels is not None:
        if isinstance(labels, (str, bytes, dict)) or not isinstance(labels, (list, tuple, np.ndarray)):
            raise TypeError(f"labels must be a list naming each of the {y.size} points, "
                            f"got {_fmt(labels)} ({type(labels).__name__}).")
        if len(labels) != y.size:
            raise ValueError(f"labels must name each of the {y.size} points, got "
                             f"{len(labels)} labels: {_fmt(labels)}.")
        labels = [str(label) for label in labels]
    if isinstance(model, str) and model.isidentifier():
        model = named(model)
    try:
        model = _resolve(model)
    except _Undefined as missing:
        return _undefined(exercise, str(missing), hint)
    labels = (list(labels) if labels is not None else
              ["(" + ", ".join(format(float(v), "g") for v in np.ravel(x)) + ")" for x in X])
    if model is None or model is Ellipsis:
        return _record(CheckResult(
            exercise, False, "no network yet: pass the explorer (or your network) to this check.",
            hint))
    try:
        predict = _predictor(model, activation)
        out, _ = _call_quietly(predict, (X,))
        out = _as_numbers(out, "the network").reshape(-1)
        if out.size != y.size:
            raise _NotNumeric(f"the network gave {out.size} outputs for {y.size} points.")
        if np.any(~np.isfinite(out)):
            raise _NotNumeric("the network's output contains NaN or an infinite value.")
    except _NotNumeric as why:
        return _record(CheckResult(exercise, False, str(why), hint))
    except Exception as err:
        return _record(CheckResult(exercise, False,
                                   f"running the network raised {_exc(err)}.", hint))
    said = (out > threshold).astype(np.float64)
    right = said == y
    rows = [(f"{label} (target {int(t)})", f"output {o:.3f} -> {int(s)} {'✓' if ok else '✗'}")
            for label, t, o, s, ok in zip(labels, y, out, said, right)]
    if np.all(right):
        margin = float(np.min(np.abs(out - threshold)))
        which = f"the point {labels[0]} is" if y.size == 1 else f"all {y.size} points are"
        return _record(CheckResult(
            exercise, True,
            f"{which} on the right side of {threshold:g} (closest call: {margin:.3f} away).",
            "", rows))
    wrong = [label for label, ok in zip(labels, right) if not ok]
    if y.size == 1:
        return _record(CheckResult(
            exercise, False,
            f"for {labels[0]} the output is {out[0]:.3f}, which counts as {int(said[0])}, "
            f"but it should count as {int(y[0])} (above {threshold:g} counts as 1). "
            "Change the numbers and run this check again.", hint, rows))
    return _record(CheckResult(
        exercise, False,
        f"{int(np.sum(right))} of {y.size} points are right; still wrong: {', '.join(wrong)}. "
        "Change the numbers and run this check again.",
        hint, rows))


# --- our own maths ---------------------------------------------------------------------

def _numbers(value, name):
    """A float array of ``value``, or a TypeError naming ``name`` (for agree)."""
    if value is None or isinstance(value, (str, bytes, dict)):   # True/False count as 1/0
        raise TypeError(f"{name} must be a number or an array of numbers, got {_fmt(value)}.")
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a number or an array of numbers (all rows the same "
                        f"length), got {_fmt(value)}.") from None


def agree(name, mine, theirs, tol=1e-9):
    """Print ``✓ name`` when ``mine`` and ``theirs`` agree within ``tol``; else AssertionError.

    For the notebook's own by-hand maths against nnviz or a known number, never for a
    learner's answer. Works on numbers and arrays (same shape, element-wise, absolute ``tol``).
    """
    _check_text(name, "name", optional=False)
    _check_tol(tol)
    a, b = _numbers(mine, "mine"), _numbers(theirs, "theirs")
    if not _same_shape(a, b):
        raise ValueError(f"mine and theirs must have the same shape to be compared ({name}), "
                         f"got {a.shape} and {b.shape}.")
    a = a.reshape(b.shape)
    with np.errstate(all="ignore"):
        diff = np.abs(a - b)
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))) or np.any(diff > tol):
        worst = float(np.nanmax(diff)) if np.any(np.isfinite(diff)) else math.nan
        raise AssertionError(
            f"{name}: {_fmt(mine)} and {_fmt(theirs)} differ by {worst:.3g} (allowed {tol:g}).")
    worst = float(diff.max()) if diff.size else 0.0
    if a.size == 1:
        shown = float(a.ravel()[0])
        shown = str(int(shown)) if shown.is_integer() and abs(shown) < 1e15 else repr(shown)
    elif a.size <= 6:
        shown = _fmt(a.ravel() if a.ndim > 1 else a)
    else:
        shown = f"all {a.size} values"
    print(f"✓ {name}: {shown} — the two agree" + (f" (within {tol:g})" if worst else " exactly"))
