"""Input checks shared by the core.

Every message names the parameter, says what was expected and shows what came,
because the person reading it is a learner, not the author of the function.
Checks run once per public call, never once per training step.
"""
from __future__ import annotations

import difflib
import numbers

import numpy as np


def _describe(value) -> str:
    """A short, readable account of a value for an error message."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def as_float_array(value, name: str, ndim=None) -> np.ndarray:
    """Convert to a float64 array; refuse text, ragged lists, NaN and inf."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a number or an array of numbers, got {_describe(value)}.")
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be a number or an array of numbers, got {_describe(value)}."
        ) from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be a {want} array, got shape {arr.shape} ({arr.ndim}-D).")
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))
        where = tuple(int(i) for i in bad[0]) if arr.ndim else ()
        value_at = arr[where] if arr.ndim else arr
        raise ValueError(
            f"{name} must contain only finite numbers, got {value_at} at position {where or 'scalar'}."
        )
    return arr


def positive_number(value, name: str) -> float:
    """A real number > 0, such as a learning rate."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number greater than 0, got {_describe(value)}.")
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a number greater than 0, got {value}.")
    return value


def whole_number(value, name: str, minimum: int = 1) -> int:
    """An int >= minimum. 10.0 is refused: epochs and sizes count things."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be a whole number (int) of at least {minimum}, got {_describe(value)}."
        )
    if value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}, got {value}.")
    return int(value)


def choice(value, name: str, options) -> str:
    """One of a fixed set of names, with a did-you-mean hint for typos."""
    options = list(options)
    if isinstance(value, str) and value in options:
        return value          # the common case, on every forward pass: no message to build
    listed = ", ".join(repr(o) for o in options)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {listed}, got {_describe(value)}.")
    close = difflib.get_close_matches(value, options, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"{name} must be one of {listed}, got {value!r}.{hint}")
