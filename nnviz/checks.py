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
Each checker records its latest result per exercise id in this kernel. ``progress()`` returns
a :class:`Progress` summary (seen, passed, not yet; HTML and text); ``progress("01")`` keeps
only notebook 01's exercises, and ``progress(expected=["01.1", "01.2"])`` also lists exercises
not tried yet. ``reset_progress()`` forgets everything.

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
    "check_number", "check_true", "progress", "reset_progress",
]

_DEFAULT_HINT = ("Run your code on this case in a new cell, print the intermediate values, "
                 "and compare them with the equation above.")

_GREEN, _ORANGE = "#1a7f37", "#b35900"


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


# --- progress --------------------------------------------------------------------------

#: exercise id -> {"passed": bool, "attempts": int}: the latest result of each exercise.
_REGISTRY: dict[str, dict] = {}


def _record(result: CheckResult) -> CheckResult:
    entry = _REGISTRY.setdefault(result.exercise, {"passed": False, "attempts": 0})
    entry["attempts"] += 1
    entry["passed"] = bool(result.passed)
    return result


def reset_progress() -> None:
    """Forget every recorded result (as a fresh kernel would)."""
    _REGISTRY.clear()


def _sort_key(exercise: str):
    parts = []
    for part in exercise.replace("-", ".").split("."):
        parts.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return parts


@dataclass(repr=False)
class Progress(_ShownAsText):
    """Which exercises were checked in this kernel, and which passed.

    ``seen`` lists every exercise checked at least once, ``passed`` those whose latest check
    passed, ``not_yet`` those whose latest check did not, and ``untried`` the ``expected``
    exercises never checked.
    """

    seen: list
    passed: list
    not_yet: list
    untried: list
    attempts: dict

    @property
    def text(self) -> str:
        total = len(self.seen) + len(self.untried)
        if not total:
            return "Progress: no exercise checked yet in this session. Run a check cell to start."
        lines = [f"Progress: {len(self.passed)} of {total} exercises passed."]
        if self.passed:
            lines.append("  ✓ passed:   " + ", ".join(self.passed))
        if self.not_yet:
            lines.append("  … not yet:  " + ", ".join(self.not_yet))
        if self.untried:
            lines.append("  ○ untried:  " + ", ".join(self.untried))
        if not self.not_yet and not self.untried:
            lines.append("  Everything passed. Well done!")
        return "\n".join(lines)

    def _repr_html_(self):
        total = len(self.seen) + len(self.untried)
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
        return (
            f"<div style='font-family:sans-serif;line-height:1.5'>"
            f"<b>Progress:</b> {len(self.passed)} of {total} exercises passed.{bar}"
            f"{chips(self.passed, _GREEN, '✓')}{chips(self.not_yet, _ORANGE, '…')}"
            f"{chips(self.untried, '#888', '○')}</div>"
        )


def progress(notebook=None, expected=None) -> Progress:
    """A summary of the exercises checked in this kernel: seen, passed, not yet.

    ``notebook="01"`` keeps only ids starting with ``"01."``. ``expected`` lists exercise ids
    that should exist; those never checked are shown as untried.
    """
    prefix = None if notebook is None else f"{str(notebook).rstrip('.')}."
    keep = {k: v for k, v in _REGISTRY.items() if prefix is None or k.startswith(prefix)}
    seen = sorted(keep, key=_sort_key)
    untried = sorted((e for e in (expected or []) if e not in keep), key=_sort_key)
    return Progress(
        seen=seen,
        passed=[e for e in seen if keep[e]["passed"]],
        not_yet=[e for e in seen if not keep[e]["passed"]],
        untried=untried,
        attempts={e: keep[e]["attempts"] for e in seen},
    )


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
    if not isinstance(exercise, str) or not exercise:
        raise TypeError(f"exercise must be an id such as '01.1', got {exercise!r}.")


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
    ``reference`` is the notebook author's bug and raises ``RuntimeError``.
    """
    _check_id(exercise)
    hint = hint or _DEFAULT_HINT
    fn_name = getattr(fn, "__name__", "your function")
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
        except Exception as err:  # the notebook's own bug: say so loudly
            raise RuntimeError(f"check {exercise}: the reference answer failed for {where}: "
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
    hint = hint or "Work it out on paper first, step by step, then type the number you get."
    if value is None or value is Ellipsis:
        return _record(CheckResult(
            exercise, False,
            f"{name} is still {_fmt(value)}. Replace it with your prediction, "
            "then run this cell again.", hint))
    want = np.asarray(expected, dtype=np.float64)
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
    try:
        ok = bool(condition)
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
    hint = hint or ("Move one slider at a time and watch which outputs change; run this check "
                    "again when every point looks right.")
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64).ravel()
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

def agree(name, mine, theirs, tol=1e-9):
    """Print ``✓ name`` when ``mine`` and ``theirs`` agree within ``tol``; else AssertionError.

    For the notebook's own by-hand maths against nnviz or a known number, never for a
    learner's answer. Works on numbers and arrays (same shape, element-wise, absolute ``tol``).
    """
    try:
        a = np.asarray(mine, dtype=np.float64)
        b = np.asarray(theirs, dtype=np.float64)
    except (TypeError, ValueError):
        raise AssertionError(f"{name}: cannot compare {_fmt(mine)} with {_fmt(theirs)}; "
                             "both must be numbers or arrays of numbers.") from None
    if not _same_shape(a, b):
        raise AssertionError(f"{name}: shapes differ, {a.shape} vs {b.shape}.")
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
