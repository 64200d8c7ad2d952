"""The result of a check, and the small helpers every part of the checkers shares.

:class:`CheckResult` is what a checker returns and Jupyter shows: a green ✓ or an orange
"Not yet" box (``_repr_html_``), plain text for a terminal (``repr``), and, in the notebook
file, a little metadata (``{"nnviz": {...}}`` on the output) that the grader reads back: which
exercise, whether it passed and, for the exercises answered with sliders or the playground,
the state that passed (the weights), so that the grader can re-check it.
Taught nowhere: it is the machinery behind the check cells of notebooks 00-08 (public as
``nnviz.checks.CheckResult``, first met in notebook 00). The bottom of the exercises layer:
it imports only :mod:`nnviz._validate`, and the progress store (``_progress``), the checkers
(``_checkers``), the answers (``_answers``), ``checks`` and the grader build on it. Also here,
for all of them: :func:`format_value` (a value as feedback shows it), :func:`describe_error`
and the two feedback colours. Needs numpy only.
"""
from __future__ import annotations

import html
import numbers
from dataclasses import dataclass, field

import numpy as np

from . import _validate

#: The colours of a pass and of a "not yet": both 4.5:1 or more on their tinted boxes (WCAG AA).
PASSED_COLOUR, NOT_YET_COLOUR = "#1a7f37", "#8f4700"

#: The key of the output metadata a check writes into the notebook (read by nnviz.grade).
METADATA_KEY = "nnviz"


class ShownAsText:
    """Plain-text display for results: a terminal or a static viewer prints ``.text``."""

    def __repr__(self):
        return self.text

    def __str__(self):
        return self.text


@dataclass(repr=False)  # repr is the text a learner reads, from ShownAsText
class CheckResult(ShownAsText):
    """The outcome of one check, shown as a green ✓ or an orange "Not yet" box in Jupyter.

    ``passed`` is True when the answer is right; ``message`` says what happened in words and
    ``hint`` what to try next (empty when passed). ``details`` is a list of ``(label, value)``
    rows shown under the message, such as the input, the expected and the received value.
    ``answered`` is False while the answer is still the template (``None``, ``...``, a stub
    function, a variable not yet defined): such a check is not an attempt and the progress
    store does not count it. ``state`` is the JSON-ready state that passed an exercise
    answered with sliders (the grader re-checks it). ``bool(result)`` is ``result.passed``.
    """

    exercise: str
    passed: bool
    message: str
    hint: str = ""
    details: list = field(default_factory=list)
    answered: bool = True
    state: dict | None = None

    def __post_init__(self):
        _validate.text(self.exercise, "exercise", empty=False)
        self.passed = _validate.flag(self.passed, "passed")
        for name in ("message", "hint"):
            _validate.text(getattr(self, name), name)
        if not isinstance(self.details, (list, tuple)) or not all(
                isinstance(row, (list, tuple)) and len(row) == 2 for row in self.details):
            raise TypeError(f"details must be a list of (label, value) pairs, got {self.details!r}.")
        self.details = list(self.details)
        self.answered = _validate.flag(self.answered, "answered")
        if self.state is not None and not isinstance(self.state, dict):
            raise TypeError(f"state must be a dict (JSON-ready) or None, got {self.state!r}.")

    def __bool__(self):
        return bool(self.passed)

    @property
    def metadata(self) -> dict:
        """What the check leaves in the notebook file beside its output, for the grader:
        ``{"nnviz": {"exercise", "passed", "answered"[, "state"]}}``."""
        saved = {"exercise": self.exercise, "passed": self.passed, "answered": self.answered}
        if self.state is not None:
            saved["state"] = self.state
        return {METADATA_KEY: saved}

    def _repr_mimebundle_(self, include=None, exclude=None):
        """HTML and text for Jupyter, with :attr:`metadata` saved on the output."""
        return {"text/plain": self.text, "text/html": self._repr_html_()}, self.metadata

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
        colour = PASSED_COLOUR if self.passed else NOT_YET_COLOUR
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


def format_value(value) -> str:
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
        return format_value(value[()])
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiub" and value.size <= 20:
        return format_value(value.tolist())
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fiub":
            text = np.array2string(np.asarray(value, dtype=np.float64), precision=6,
                                   suppress_small=True, separator=", ", threshold=20)
        else:
            text = repr(value)
        text = " ".join(text.split())
        return text if len(text) <= 120 else text[:117] + "..."
    if isinstance(value, (list, tuple)):
        inner = ", ".join(format_value(v) for v in value[:12])
        if len(value) > 12:
            inner += ", ..."
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def describe_error(err: BaseException) -> str:
    """An exception as a learner reads it: ``ValueError('shapes differ')``."""
    return f"{type(err).__name__}({str(err)!r})" if str(err) else type(err).__name__

