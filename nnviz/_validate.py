"""The one place input checks live: every public function of nnviz checks its input here.

One error style: ``"{name} must be {what was expected}, got {what came}."``, a TypeError
for the wrong kind of thing and a ValueError for the right kind with a wrong value. The
message names the parameter, because the person reading it is a learner, not the author
of the function. Checks run once per public call, before any work, never once per
training step.

One seed rule: :func:`seed` -- ``None`` (a different run each time) or a whole number
``>= 0`` (the same run every time), passed on to ``np.random.default_rng``.

numpy only, and at the bottom of the layers: this module imports nothing from nnviz
(:func:`network` and :func:`axes` look the classes up in ``sys.modules`` instead, so
there is no import cycle and matplotlib is never loaded from here).

The checks, by what they accept:

========================  ===============================================================
``as_float_array``        numbers or arrays of numbers (no text, ragged lists, NaN, inf)
``finite_number``         one finite number (``real_number``: NaN and inf too)
``positive_number``       one number > 0 (a learning rate)
``number_in``             one number from ``low`` to ``high`` (a slider's range, a fraction)
``whole_number``          an int from ``minimum`` to ``maximum`` (``none=`` lets None in)
``value_range``           ``(low, high)`` with low below high
``extent``                ``(x1_low, x1_high, x2_low, x2_high)``
``flag``                  True or False
``text``                  a str (optionally not empty, optionally None)
``texts``                 a list of str, optionally of a given length
``choice``                one of a fixed set of names, with a did-you-mean hint
``labels``                tick labels, one per sample
``seed``                  the seed rule above
``axes``                  a matplotlib Axes (or None for a new figure)
``network``               an nnviz.Network, optionally with given inputs and outputs
``describe``              the "got ..." part of a message, for checks that stay local
========================  ===============================================================
"""
from __future__ import annotations

import difflib
import numbers
import sys

import numpy as np


def describe(value) -> str:
    """A short, readable account of a value for an error message."""
    if isinstance(value, np.ndarray):
        if 0 < value.size <= 8 and value.ndim <= 2:
            return f"the array {np.array2string(value, separator=', ')} (shape {value.shape})"
        return f"an array of shape {value.shape}"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"



def _first_non_number(value, where=()):
    """(position, item) of the first item that is not a number, looking into lists and arrays.

    Text that reads as a number ("1.5") counts as a number, as numpy reads it.
    """
    if isinstance(value, (str, bytes, np.str_)):
        if where:
            try:
                float(value)
                return None
            except ValueError:
                pass
        return where, value
    if value is None:
        return where, value
    if isinstance(value, (bool, np.bool_, numbers.Real)):
        return None
    if isinstance(value, (list, tuple)):
        items = value
    else:
        try:
            arr = np.asarray(value)
        except Exception:  # noqa: BLE001 - whatever it is, it is not numbers
            return where, value
        if arr.dtype.kind in "biuf":
            return None
        if arr.ndim == 0:
            return where, value
        items = list(arr)
    for i, item in enumerate(items):
        found = _first_non_number(item, (*where, i))
        if found is not None:
            return found
    return None


def _not_numbers(value, name):
    """The TypeError for a value that numpy cannot read as numbers, saying which item is wrong."""
    found = _first_non_number(value)
    if found is not None and found[0]:
        where, item = found
        pos = where[0] if len(where) == 1 else where
        text = repr(str(item)) if isinstance(item, str) else describe(item)
        hint = (" Text is not a number: write numbers without quotes, and a label as 0 or 1 "
                "(in 04_loss, 1 = female, 0 = male)." if isinstance(item, str) else "")
        return TypeError(f"{name} must hold only numbers, but position {pos} holds {text}.{hint}")
    return TypeError(f"{name} must be a number or an array of numbers, got {describe(value)}.")


def _ragged(value, name):
    return ValueError(
        f"{name} must be a rectangular table of numbers (every row the same length), "
        f"got {describe(value)} with rows of different lengths."
    )


def as_float_array(value, name: str, ndim=None, finite: bool = True) -> np.ndarray:
    """Convert to a float64 array; refuse text, ragged lists, and NaN and inf unless
    ``finite=False`` (a diverged descent path holds them, and a curve is drawn along it)."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a number or an array of numbers, got {describe(value)}.")
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        arr = value.astype(np.float64, copy=False)
    else:
        if _first_non_number(value) is not None:
            raise _not_numbers(value, name)
        try:
            arr = np.asarray(value, dtype=np.float64)
        except ValueError:
            raise _ragged(value, name) from None
        except TypeError:
            raise _not_numbers(value, name) from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be a {want} array, got shape {arr.shape} ({arr.ndim}-D).")
    if finite and not np.all(np.isfinite(arr)):
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
        raise TypeError(f"{name} must be a number greater than 0, got {describe(value)}.")
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a number greater than 0, got {value}.")
    return value


def whole_number(value, name: str, minimum: int = 1, maximum: int | None = None,
                 why: str = "", none: str | None = None) -> int | None:
    """An int from minimum to maximum. 10.0 is refused: epochs and sizes count things.

    ``maximum`` keeps a size from exhausting the memory or the patience of a notebook:
    checked before anything is allocated. ``why`` says what the limit protects.
    ``none`` lets None through and says what it means (``none="full batch"``).
    """
    if none is not None:
        if value is None:
            return None
        name = f"{name} (a whole number, or None for {none})"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and np.isfinite(value) and float(value).is_integer():
            hint = f" Write {int(value)} rather than {value!r}."
        else:
            hint = ""
        limits = f"from {minimum} to {maximum}" if maximum is not None else f"of at least {minimum}"
        raise TypeError(
            f"{name} must be a whole number (int) {limits}, got {describe(value)}.{hint}"
        )
    if value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}, got {value}.")
    if maximum is not None and value > maximum:
        raise ValueError(
            f"{name} must be a whole number of at most {maximum:,}, got {value:,}"
            + (f": {why}." if why else ".")
        )
    return int(value)


def finite_number(value, name: str) -> float:
    """One real, finite number (a weight, a bias, a slope), as a float."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.ndarray)):
        raise TypeError(f"{name} must be a number, got {describe(value)}.")
    if isinstance(value, np.ndarray):
        if value.size != 1 or value.dtype.kind not in "iuf":
            raise TypeError(f"{name} must be one number, got {describe(value)}.")
        value = value.item()
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}.")
    return value


def real_number(value, name: str) -> float:
    """One real number as a float, NaN and inf included (as ``float`` would give them);
    a one-element array counts as one number."""
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        return float(value.reshape(-1)[0])
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be one number, got {describe(value)}.")
    return float(value)


def flag(value, name: str) -> bool:
    """True or False (numpy's bools too); 'yes', 1 or None are refused rather than guessed."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"{name} must be True or False, got {describe(value)}.")


def seed(value, name: str = "seed"):
    """None (a different run each time) or a whole number >= 0 (the same run every time)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be None or a whole number such as 0, got {describe(value)}.")
    if value < 0:
        raise ValueError(f"{name} must be a whole number of at least 0, got {value}.")
    return int(value)


def axes(ax, name: str = "ax", required: bool = False):
    """A matplotlib Axes, or None (make a new figure) unless ``required`` (a drawer draws
    into an Axes it is given).

    matplotlib is not imported here: if it is not loaded yet, nothing can be an Axes.
    """
    if ax is None and not required:
        return None
    mpl_axes = sys.modules.get("matplotlib.axes")
    if mpl_axes is not None and isinstance(ax, mpl_axes.Axes):
        return ax
    hint = ""
    mpl_figure = sys.modules.get("matplotlib.figure")
    if mpl_figure is not None and isinstance(ax, mpl_figure.Figure):
        hint = " That is a Figure: pass one of its Axes, such as fig.axes[0] or fig.add_subplot()."
    elif isinstance(ax, np.ndarray) and ax.dtype == object:
        hint = " That is an array of Axes from plt.subplots(rows, cols): pass one, such as axs[0]."
    if required:
        raise TypeError(f"{name} must be a matplotlib Axes to draw into (such as fig.add_subplot()), "
                        f"got {describe(ax)}.{hint}")
    raise TypeError(
        f"{name} must be a matplotlib Axes (e.g. from fig, ax = plt.subplots()) or None "
        f"for a new figure, got {describe(ax)}.{hint}"
    )


def choice(value, name: str, options) -> str:
    """One of a fixed set of names, with a did-you-mean hint for typos."""
    options = list(options)
    if isinstance(value, str) and value in options:
        return value          # the common case, on every forward pass: no message to build
    listed = ", ".join(repr(o) for o in options)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {listed}, got {describe(value)}.")
    close = difflib.get_close_matches(value, options, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"{name} must be one of {listed}, got {value!r}.{hint}")


def labels(value, name: str, count: int | None = None, maximum: int = 100) -> list:
    """A list of names (people, samples) shown as tick labels: strings or numbers."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a list of names, such as ['Alice', 'Bob'], got {describe(value)}.")
    value = list(np.ravel(value)) if isinstance(value, np.ndarray) else list(value)
    for i, item in enumerate(value):
        if not isinstance(item, (str, numbers.Real)) or isinstance(item, bool):
            raise TypeError(f"{name} must hold names (text), but position {i} holds {describe(item)}.")
    if count is not None and len(value) != count:
        raise ValueError(f"{name} must hold one name per sample ({count}), got {len(value)}.")
    if not 1 <= len(value) <= maximum:
        raise ValueError(f"{name} must hold from 1 to {maximum} names, got {len(value)}.")
    return [str(item) for item in value]


def network(value, name: str = "network", inputs: int | None = None, outputs: int | None = None,
            optional: bool = False):
    """An nnviz.Network, optionally with a given number of inputs and outputs; None too when
    ``optional``.

    The class is looked up in ``sys.modules``, not imported: a Network can only exist once
    ``nnviz.network`` is loaded, and ``network`` imports this module (no cycle).
    """
    if value is None and optional:
        return None
    module = sys.modules.get(__name__.rpartition(".")[0] + ".network")
    if module is None or not isinstance(value, module.Network):
        text = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        alt = " or None" if optional else ""
        raise TypeError(f"{name} must be an nnviz.Network{alt}, got {type(value).__name__} ({text}); "
                        "make one with nnviz.Network([2, 2, 1]).")
    sizes = value.layer_sizes
    if (inputs is not None and sizes[0] != inputs) or (outputs is not None and sizes[-1] != outputs):
        want = f"{inputs if inputs is not None else 'any'} input(s) and " \
               f"{outputs if outputs is not None else 'any'} output(s)"
        raise ValueError(f"{name} must have {want}, got a network with layer sizes {sizes}.")
    return value


def number_in(value, name: str, low: float, high: float, *, high_open: bool = False) -> float:
    """One finite number from ``low`` to ``high`` (a slider's range, a noise level, a tolerance).

    ``high_open=True`` excludes ``high`` itself (a test fraction below 1); ``high=np.inf``
    means no upper limit. One-element arrays count as one number.
    """
    upto = "up to (not including)" if high_open else "to"
    want = (f"a number of at least {low:g}" if high == np.inf
            else f"a number from {low:g} {upto} {high:g}")
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {want}, got {describe(value)}.")
    value = float(value)
    inside = low <= value < high if high_open else low <= value <= high
    if not np.isfinite(value) or not inside:
        raise ValueError(f"{name} must be {want}, got {value!r}.")
    return value


def value_range(value, name: str) -> tuple[float, float]:
    """(low, high): two finite numbers, low below high (an axis range, an x_range)."""
    arr = as_float_array(value, name, ndim=1)
    if arr.size != 2 or not arr[0] < arr[1]:
        raise ValueError(f"{name} must be two numbers (low, high) with low below high, "
                         f"got {arr.tolist()}.")
    return float(arr[0]), float(arr[1])


def extent(value, name: str = "extent") -> tuple[float, float, float, float]:
    """(x1_low, x1_high, x2_low, x2_high): a rectangle of the plane, each low below its high."""
    arr = as_float_array(value, name, ndim=1)
    if arr.size != 4 or arr[0] >= arr[1] or arr[2] >= arr[3]:
        raise ValueError(f"{name} must be (x1_low, x1_high, x2_low, x2_high) with each low below "
                         f"its high, got {arr.tolist()}.")
    return tuple(float(v) for v in arr)


def text(value, name: str, optional: bool = False, empty: bool = True):
    """A str (a title, a label, a name); None too when ``optional``; not '' unless ``empty``."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        alt = " or None" if optional else ""
        raise TypeError(f"{name} must be text (a str){alt}, got {describe(value)}.")
    if not empty and not value.strip():
        raise ValueError(f"{name} must not be empty, got {value!r}.")
    return value


def texts(value, name: str, count: int | None = None, example: str = "['a', 'b']") -> tuple:
    """A list or tuple of str, of ``count`` items if given (legend names, exercise ids)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)) \
            or not all(isinstance(v, str) for v in value) \
            or (count is not None and len(value) != count):
        many = f"{count} names" if count is not None else "a list of names"
        raise TypeError(f"{name} must be {many} (text), such as {example}, got {describe(value)}.")
    return tuple(value)
