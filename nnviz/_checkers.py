"""The checkers: judge a learner's answer and say, in words, what is right or wrong.

``check_function``, ``check_number``, ``check_choice``, ``check_network`` and ``check_true``
each take an exercise id and the learner's answer, and return a
:class:`~nnviz._result.CheckResult` (recorded in the progress store, ``_progress``). They never
let an error from the learner's code escape: exceptions, ``None``, ``...``, NaN and wrong
shapes are reported in words. :func:`named` (an answer looked up when the check runs) and
:func:`agree` (the notebook's own maths against nnviz) live here too.

Public through :mod:`nnviz.checks`, whose docstring is the reference, and met in every
notebook's check cells from notebook 00 on. In the exercises layer the checkers sit on the
result type and the progress store (``_result`` <- ``_progress`` <- ``_checkers``), and
below the answers (``_answers``, which calls them for each exercise) and ``checks``. For the
modules above, :func:`resolve` (and its :class:`Undefined`), :func:`not_defined`,
:func:`predictor` and :func:`call_quietly` are public here. Needs numpy only.
"""
from __future__ import annotations

import copy
import inspect
import math
import warnings

import numpy as np

from . import _validate
from ._progress import record
from ._result import CheckResult, describe_error, format_value
from .activations import ACTIVATION_NAMES

__all__ = ["agree", "check_choice", "check_function", "check_network", "check_number",
           "check_true", "named"]

_DEFAULT_HINT = ("Run your code on this case in a new cell, print the intermediate values, "
                 "and compare them with the equation above.")

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
    _validate.text(name, "name")
    if not name.isidentifier():
        raise ValueError(f"name must be a Python variable name such as 'my_guess', got {name!r}.")
    if namespace is not None and not isinstance(namespace, dict):
        raise TypeError(f"namespace must be a dict such as globals(), got {type(namespace).__name__}.")
    return _Named(name, namespace)


class Undefined(Exception):
    """The learner's variable does not exist yet (raised by :func:`resolve`)."""


_PACKAGE = __name__.rpartition(".")[0]    # "nnviz", or the grader's private copy's name
#: The modules whose frames stand between a check cell and :func:`resolve`.
_CHECKING = {f"{_PACKAGE}.{module}" for module in ("_checkers", "_answers", "checks")}


def _caller_namespace():
    """The globals of the first frame outside the checking modules: the notebook's variables."""
    frame = inspect.currentframe()
    try:
        while frame is not None and frame.f_globals.get("__name__") in _CHECKING:
            frame = frame.f_back
        return frame.f_globals if frame is not None else {}
    finally:
        del frame


def resolve(value):
    """The value itself, or the variable a :func:`named` marker points at; Undefined if none."""
    if not isinstance(value, _Named):
        return value
    namespace = value.namespace if value.namespace is not None else _caller_namespace()
    if value.name not in namespace:
        raise Undefined(value.name)
    return namespace[value.name]


def not_defined(exercise, name, hint):
    """The "not yet" of an answer whose variable ``name`` is not defined: no attempt, recorded."""
    return record(CheckResult(
        exercise, False,
        f"`{name}` is not defined yet. Run your answer cell above (the one that sets `{name} = ...` "
        "or starts with `def " + name + "`), then this check cell again.", hint or _DEFAULT_HINT,
        answered=False))


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
        raise _NotNumeric(f"{what} returned {format_value(value)} ({type(value).__name__}), "
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
            f"{first[0] if len(first) == 1 else first}: expected {format_value(want[first])}, "
            f"got {format_value(got[first])}")


def call_quietly(fn, args):
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
        return ", ".join(f"{name} = {format_value(a)}" for name, a in zip(names, args))
    return ", ".join(format_value(a) for a in args)


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
    _validate.text(exercise, "exercise", empty=False)
    if not callable(reference):
        raise TypeError(f"reference must be a function, got {reference!r}.")
    if isinstance(cases, (str, bytes, dict, set, frozenset)) or not hasattr(cases, "__iter__"):
        raise TypeError(f"cases must be a list of test cases, got {format_value(cases)} "
                        f"({type(cases).__name__}).")
    _validate.text(hint, "hint", optional=True)
    _validate.number_in(tol, "tol", 0, np.inf)
    if arg_names is not None:
        if not isinstance(arg_names, (list, tuple)) or not all(
                isinstance(a, str) and a.isidentifier() for a in arg_names):
            raise TypeError(f"arg_names must be a list of argument names (str), such as "
                            f"['x', 'w'], got {format_value(arg_names)} ({type(arg_names).__name__}).")
        arg_names = list(arg_names)
    hint = hint or _DEFAULT_HINT
    if isinstance(fn, str):
        fn = named(fn) if fn.isidentifier() else fn
    try:
        fn = resolve(fn)
    except Undefined as missing:
        return not_defined(exercise, str(missing), hint)
    fn_name = getattr(fn, "__name__", "your function")
    if not isinstance(fn_name, str):
        fn_name = "your function"
    if fn is None or fn is Ellipsis or not callable(fn):
        return record(CheckResult(
            exercise, False,
            f"this check needs a function, but got {format_value(fn)} ({type(fn).__name__}). "
            "Run your answer cell above (the one that starts with `def`), then this one again.",
            hint, answered=fn is not None and fn is not Ellipsis))
    cases = list(cases)
    if not cases:
        raise ValueError("cases must hold at least one case.")
    notes = []
    for case in cases:
        args = case if isinstance(case, tuple) else (case,)
        names = _arg_names(reference, len(args), arg_names) or _arg_names(fn, len(args))
        where = _describe_case(args, names)
        try:
            want, _ = call_quietly(reference, copy.deepcopy(args))
            want = np.asarray(want, dtype=np.float64)
        except Exception as err:  # a case the reference cannot take, or its own bug: loudly
            raise ValueError(f"cases must be inputs the reference accepts, but for the case "
                             f"{where} the reference answer failed (check {exercise}): "
                             f"{describe_error(err)}") from err
        try:
            got_raw, caught = call_quietly(fn, copy.deepcopy(args))
        except NotImplementedError:
            return record(CheckResult(
                exercise, False,
                f"{fn_name} is not written yet (it raises NotImplementedError). "
                "Replace the `raise` line with your code.", hint, answered=False))
        except Exception as err:
            extra = ""
            if isinstance(err, TypeError) and ("argument" in str(err)):
                extra = f" It should take {len(args)} input{'s' if len(args) > 1 else ''}" + (
                    f" ({', '.join(names)})." if names else ".")
            return record(CheckResult(
                exercise, False,
                f"your function raised {describe_error(err)} for {where}.{extra}", hint,
                [("input", where)]))
        try:
            got = _as_numbers(got_raw, fn_name)
        except _NotNumeric as why:
            said = f"{why} (for {where})" if len(where) <= 40 else str(why)
            # the template's `return None` (or `...`) is no attempt yet
            return record(CheckResult(exercise, False, said, hint,
                                       [("input", where), ("expected", format_value(want))],
                                       answered=got_raw is not None and got_raw is not Ellipsis))
        problem = _compare(got, want, tol)
        if problem is not None:
            said = f"for {where}, {problem}." if len(where) <= 40 else f"for the input below, {problem}."
            return record(CheckResult(
                exercise, False, said, hint,
                [("input", where), ("expected", format_value(want)), ("got", format_value(got_raw))]))
        if caught:
            notes.append(f"numpy warned '{caught[0]}' for {where}")
    n = len(cases)
    message = f"{fn_name} gives the right answer for all {n} test case{'s' if n > 1 else ''}."
    if notes:
        message += (f" Note: {notes[0]}. The answers are still right, but a number grew "
                    "very large along the way.")
    return record(CheckResult(exercise, True, message))


def check_number(exercise, value, expected, *, tol=1e-3, relative=False, hint=None,
                 name="your answer"):
    """Check a predicted number (or array of numbers) against the expected one.

    ``tol`` is absolute unless ``relative=True`` (then relative to ``|expected|`` when that is
    above 1). ``None`` or ``...`` means "not answered yet". Text such as ``"0.5"`` is accepted
    as a number, with a note.
    """
    _validate.text(exercise, "exercise", empty=False)
    _validate.number_in(tol, "tol", 0, np.inf)
    _validate.flag(relative, "relative")
    _validate.text(hint, "hint", optional=True)
    _validate.text(name, "name")
    try:
        want = np.asarray(expected, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"expected must be a number or an array of numbers, got {expected!r}.") from None
    hint = hint or "Work it out on paper first, step by step, then type the number you get."
    try:
        value = resolve(value)
    except Undefined as missing:
        return not_defined(exercise, str(missing), hint)
    if value is None or value is Ellipsis:
        return record(CheckResult(
            exercise, False,
            f"{name} is still {format_value(value)}. Replace it with your prediction and run your "
            "answer cell, then this check cell again.", hint, answered=False))
    raw = value
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return record(CheckResult(
                exercise, False, f"{name} is the text {raw!r}, which is not a number.", hint))
    try:
        got = _as_numbers(value, name)
    except _NotNumeric as why:
        message = str(why).replace(f"{name} returned", f"{name} is")
        return record(CheckResult(exercise, False, message, hint))
    problem = _compare(got, want, tol, relative)
    if problem is not None:
        if want.ndim == 0 and got.size == 1 and np.isfinite(got).all():
            side = "too high" if float(got.ravel()[0]) > float(want) else "too low"
            problem = f"{format_value(raw)} is {side}"
        return record(CheckResult(exercise, False, f"{name}: {problem}.", hint,
                                   [("you said", format_value(raw))]))
    return record(CheckResult(exercise, True,
                               f"{format_value(raw)} is right (the exact value is {format_value(want)})."))


def _norm_choice(answer):
    return str(answer).strip().strip(".)").strip().lower()


def check_choice(exercise, answer, correct, *, options=None, explanations=None, hint=None):
    """Check a multiple-choice answer such as ``"b"``.

    ``correct`` is one option key or a collection of accepted keys. ``options`` maps each key
    to its text (used to refuse answers that are not an option). ``explanations`` maps an
    option key (wrong or right) to a sentence shown when that option is chosen.
    """
    _validate.text(exercise, "exercise", empty=False)
    if isinstance(correct, str):
        if not correct.strip():
            raise ValueError("correct must name an option such as 'b', got an empty string.")
    elif not hasattr(correct, "__iter__") or not list(correct) or not all(
            isinstance(c, str) for c in correct):
        raise TypeError(f"correct must be an option key (str) or a list of them, got {correct!r}.")
    for arg, value in (("options", options), ("explanations", explanations)):
        if value is not None and not isinstance(value, dict):
            raise TypeError(f"{arg} must be a dict of option -> text, got {value!r}.")
    _validate.text(hint, "hint", optional=True)
    try:
        answer = resolve(answer)
    except Undefined as missing:
        return not_defined(exercise, str(missing), hint or "Re-read the section above, then choose.")
    accepted = {correct} if isinstance(correct, str) else set(correct)
    accepted = {_norm_choice(c) for c in accepted}
    explanations = {_norm_choice(k): v for k, v in (explanations or {}).items()}
    keys = [_norm_choice(k) for k in (options or {})]
    hint = hint or "Re-read the section above, then choose again."
    if answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip()):
        listed = f" (one of {', '.join(repr(k) for k in keys)})" if keys else ""
        return record(CheckResult(
            exercise, False, f"no answer yet. Set your answer to an option{listed} and run "
            "your answer cell, then this check cell again.", hint, answered=False))
    chosen = _norm_choice(answer)
    if keys and chosen not in keys:
        return record(CheckResult(
            exercise, False, f"{answer!r} is not one of the options "
            f"{', '.join(repr(k) for k in keys)}.", hint))
    if chosen in accepted:
        return record(CheckResult(exercise, True,
                                   explanations.get(chosen, f"{answer!r} is right.")))
    return record(CheckResult(
        exercise, False, explanations.get(chosen, f"{answer!r} is not the best answer."), hint))


def check_true(exercise, condition, *, success, failure, hint=None):
    """Pass when ``condition`` is true; ``success`` and ``failure`` are the messages.

    For checks the notebook computes itself (for example "the explorer's loss is below 0.1":
    ``check_true("04.4", explorer.mse < 0.1, success=..., failure=...)``). ``condition`` is
    evaluated before this function runs, so build it only from values that always exist; a
    value with no clear truth (such as a numpy array) is reported as "not yet".
    """
    _validate.text(exercise, "exercise", empty=False)
    _validate.text(success, "success")
    _validate.text(failure, "failure")
    _validate.text(hint, "hint", optional=True)
    try:
        if callable(condition):
            condition = condition()
        ok = bool(condition)
    except NameError as err:
        missing = getattr(err, "name", None) or str(err)
        return not_defined(exercise, missing, hint)
    except Exception as err:
        return record(CheckResult(exercise, False, f"the check could not be evaluated: {describe_error(err)}.",
                                   hint or _DEFAULT_HINT))
    return record(CheckResult(exercise, ok, success if ok else failure,
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


def predictor(model, activation):
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
        f"function, but got {format_value(model)} ({type(model).__name__}).")


def check_network(exercise, model, X, y, *, threshold=0.5, activation="sigmoid", hint=None,
                  labels=None):
    """Check that a network puts every point on the right side of ``threshold``.

    ``model`` is an ``nnviz.Network`` or ``nnviz.Neuron``, an explorer with a ``.network``
    or ``.neuron``, a parameter list
    ``[W1, b1, W2, b2, ...]`` (read with ``activation`` in every layer) or a function
    ``X -> outputs``. ``y`` holds 0/1 targets; an output above ``threshold`` counts as 1.
    ``labels`` names the points in the feedback (default: their coordinates).
    """
    _validate.text(exercise, "exercise", empty=False)
    threshold = _validate.finite_number(threshold, "threshold")
    _validate.choice(activation, "activation", ACTIVATION_NAMES)
    _validate.text(hint, "hint", optional=True)
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
                            f"got {format_value(labels)} ({type(labels).__name__}).")
        if len(labels) != y.size:
            raise ValueError(f"labels must name each of the {y.size} points, got "
                             f"{len(labels)} labels: {format_value(labels)}.")
        labels = [str(label) for label in labels]
    if isinstance(model, str) and model.isidentifier():
        model = named(model)
    try:
        model = resolve(model)
    except Undefined as missing:
        return not_defined(exercise, str(missing), hint)
    labels = (list(labels) if labels is not None else
              ["(" + ", ".join(format(float(v), "g") for v in np.ravel(x)) + ")" for x in X])
    if model is None or model is Ellipsis:
        return record(CheckResult(
            exercise, False, "no network yet: pass the explorer (or your network) to this check.",
            hint, answered=False))
    try:
        predict = predictor(model, activation)
        out, _ = call_quietly(predict, (X,))
        out = _as_numbers(out, "the network").reshape(-1)
        if out.size != y.size:
            raise _NotNumeric(f"the network gave {out.size} outputs for {y.size} points.")
        if np.any(~np.isfinite(out)):
            raise _NotNumeric("the network's output contains NaN or an infinite value.")
    except _NotNumeric as why:
        return record(CheckResult(exercise, False, str(why), hint))
    except Exception as err:
        return record(CheckResult(exercise, False,
                                   f"running the network raised {describe_error(err)}.", hint))
    said = (out > threshold).astype(np.float64)
    right = said == y
    def shown(o):   # enough digits that 0.50003 does not read as 0.500 and look undecided
        digits = 3
        while digits < 8 and abs(o - threshold) < 0.5 * 10.0 ** -digits * 10:
            digits += 1
        return f"{o:.{digits}f}"

    rows = [(f"{label} (target {int(t)})", f"output {shown(o)} -> {int(s)} {'✓' if ok else '✗'}")
            for label, t, o, s, ok in zip(labels, y, out, said, right)]
    if np.all(right):
        margin = float(np.min(np.abs(out - threshold)))
        which = f"the point {labels[0]} is" if y.size == 1 else f"all {y.size} points are"
        return record(CheckResult(
            exercise, True,
            f"{which} on the right side of {threshold:g} (closest call: {margin:.3f} away).",
            "", rows))
    wrong = [label for label, ok in zip(labels, right) if not ok]
    if y.size == 1:
        return record(CheckResult(
            exercise, False,
            f"for {labels[0]} the output is {out[0]:.3f}, which counts as {int(said[0])}, "
            f"but it should count as {int(y[0])} (above {threshold:g} counts as 1). "
            "Change the numbers and run this check cell again.", hint, rows))
    return record(CheckResult(
        exercise, False,
        f"{int(np.sum(right))} of {y.size} points are right; still wrong: {', '.join(wrong)}. "
        "Change the numbers and run this check cell again.",
        hint, rows))


# --- our own maths ---------------------------------------------------------------------

def _numbers(value, name):
    """A float array of ``value``, or a TypeError naming ``name`` (for agree)."""
    if value is None or isinstance(value, (str, bytes, dict)):   # True/False count as 1/0
        raise TypeError(f"{name} must be a number or an array of numbers, got {format_value(value)}.")
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a number or an array of numbers (all rows the same "
                        f"length), got {format_value(value)}.") from None


def agree(name, mine, theirs, tol=1e-9):
    """Print ``✓ name`` when ``mine`` and ``theirs`` agree within ``tol``; else AssertionError.

    For the notebook's own by-hand maths against nnviz or a known number, never for a
    learner's answer. Works on numbers and arrays (same shape, element-wise, absolute ``tol``).
    """
    _validate.text(name, "name")
    _validate.number_in(tol, "tol", 0, np.inf)
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
            f"{name}: {format_value(mine)} and {format_value(theirs)} differ by {worst:.3g} (allowed {tol:g}).")
    worst = float(diff.max()) if diff.size else 0.0
    if worst and tol > 0:
        # within tol, not exact: show the value to tol's precision, not 4.440892098500626e-15
        a = np.round(a, int(min(12, max(0, -math.floor(math.log10(tol))))))
    values = np.ravel(np.asarray(mine, dtype=object))
    if values.size and all(isinstance(v, (bool, np.bool_)) for v in values):
        shown = format_value(mine)                       # True and False, not 1 and 0
    elif a.size == 1:
        shown = float(a.ravel()[0]) + 0.0        # + 0.0: no "-0"
        shown = str(int(shown)) if shown.is_integer() and abs(shown) < 1e15 else repr(shown)
    elif a.size <= 6:
        shown = format_value((a.ravel() if a.ndim > 1 else a) + 0.0)
    else:
        shown = f"all {a.size} values"
    print(f"✓ {name}: {shown} — the two agree" + (f" (within {tol:g})" if worst else " exactly"))
