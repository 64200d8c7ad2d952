r"""Gradient descent, on its own, before it trains a network. Introduced in 06_gradient_descent.

Two problems small enough to see whole:

* fitting the line :math:`y = m x + b` to points: the loss
  :math:`E(m, b) = \frac{1}{n}\sum_i (y_i - (m x_i + b))^2` is a bowl over the (m, b) plane;
* :func:`bumpy`, a curve over one weight with a local and a global minimum, where
  gradient descent ends in whichever valley the start point slopes into.

Each step is :math:`p \leftarrow p - \eta\,\nabla E(p)` with learning rate :math:`\eta`
(``learn_rate``). :func:`descend` records the path and says in words what happened:
converged, crawling (learning rate too small), overshooting or diverged (too large).
numpy only; the pictures live in ``nnviz.plots``.
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from . import data as _data
from ._validate import as_float_array, choice, describe, finite_number, positive_number, real_number, whole_number

__all__ = [
    "BUMPY_GLOBAL_MIN", "BUMPY_LOCAL_MIN", "DIVERGE_LOSS", "Descent", "LINE_DATA", "bumpy",
    "bumpy_derivative", "bumpy_descent", "descend", "line_best_fit", "line_data", "line_descent",
    "line_gradient", "line_loss",
]

#: A loss above this counts as diverged: the steps have flung the parameters away.
DIVERGE_LOSS = 1e10

#: The most steps one call of :func:`descend` takes: checked before the first step, so
#: ``steps=10**9`` is refused at once instead of keeping a notebook busy for hours.
MAX_STEPS = 20_000


# --- the line y = m x + b ---------------------------------------------------------------

def check_xy(x, y):
    """The line problem's points, checked: two 1-D arrays of the same length, at least one point."""
    x = as_float_array(x, "x", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    if x.shape != y.shape or x.size == 0:
        raise ValueError(
            f"y must hold one value per x, shape {x.shape}, got shape {y.shape}."
            if x.size else "x must hold at least one value, got an empty array."
        )
    return x, y


#: The line problem's points, as ``nnviz.data.line(**LINE_DATA)``: 30 points around
#: y = 2x + 1 on x from -1 to 3, centred enough that the valley of E(m, b) is long but not
#: hopeless. The descent explorer and notebook 06 both use them (:func:`line_data`).
LINE_DATA = dict(n=30, m=2.0, b=1.0, noise=1.0, x_range=(-1.0, 3.0), seed=0)


def line_data():
    """The line problem's points ``(x, y)``: the ones the descent explorer shows.

    ``nnviz.data.line(**LINE_DATA)``: 30 noisy points around y = 2x + 1, x from -1 to 3,
    always the same (seeded). Introduced in 06_gradient_descent.
    """
    return _data.line(**LINE_DATA)


def line_loss(m, b, x, y):
    r"""The mean squared error of the line: :math:`E(m, b) = \frac{1}{n}\sum_i (y_i - (m x_i + b))^2`.

    ``m`` and ``b`` may be numbers (gives a float) or arrays of the same shape, such as a
    grid from ``np.meshgrid`` (gives the loss at every grid point, for contour plots).
    Introduced in 06_gradient_descent.
    """
    x, y = check_xy(x, y)
    m_arr, b_arr = as_float_array(m, "m", finite=False), as_float_array(b, "b", finite=False)
    try:
        np.broadcast_shapes(m_arr.shape, b_arr.shape)
    except ValueError:
        raise ValueError(f"m and b must be numbers or arrays of the same shape, got m of shape "
                         f"{m_arr.shape} and b of shape {b_arr.shape}.") from None
    return _line_loss(m_arr, b_arr, _line_moments(x, y))


def _line_moments(x, y):
    """The five means the loss needs, computed once per call (once per descent, not per step)."""
    return x.mean(), y.mean(), (x * x).mean(), (x * y).mean(), (y * y).mean()


def _line_loss(m_arr, b_arr, moments):
    """:func:`line_loss` on checked arrays and the data's :func:`_line_moments`."""
    # Expand the sum of squares so a whole grid costs a few array operations:
    # E = mean(y^2) - 2 m mean(xy) - 2 b mean(y) + m^2 mean(x^2) + 2 m b mean(x) + b^2.
    sx, sy, sxx, sxy, syy = moments
    with np.errstate(over="ignore", invalid="ignore"):
        E = (syy - 2 * m_arr * sxy - 2 * b_arr * sy + m_arr ** 2 * sxx
             + 2 * m_arr * b_arr * sx + b_arr ** 2)
        # The expansion can dip a rounding error below 0 at the minimum; a square cannot.
        E = np.maximum(E, 0.0)
    return float(E) if E.ndim == 0 else E


def line_gradient(m, b, x, y):
    r"""The slope of the loss in each direction, ``(dE_dm, dE_db)``.

    :math:`\frac{\partial E}{\partial m} = -\frac{2}{n}\sum_i x_i (y_i - (m x_i + b))`,
    :math:`\frac{\partial E}{\partial b} = -\frac{2}{n}\sum_i (y_i - (m x_i + b))`.
    Introduced in 06_gradient_descent.
    """
    x, y = check_xy(x, y)
    return _line_gradient(real_number(m, "m"), real_number(b, "b"), x, y)


def _line_gradient(m, b, x, y):
    """:func:`line_gradient` on checked numbers and arrays: what each descent step calls."""
    m, b = float(m), float(b)
    with np.errstate(over="ignore", invalid="ignore"):
        error = y - (m * x + b)                 # how far each point lies above the line
        dE_dm = -2.0 * np.mean(x * error)
        dE_db = -2.0 * np.mean(error)
    return float(dE_dm), float(dE_db)


def line_best_fit(x, y):
    r"""The (m, b) where both slopes are 0: least squares, :math:`m = \mathrm{cov}(x, y) / \mathrm{var}(x)`,
    :math:`b = \bar y - m \bar x`. Gradient descent should end here. Introduced in 06_gradient_descent.
    """
    x, y = check_xy(x, y)
    var = np.mean((x - x.mean()) ** 2)
    if var == 0:
        raise ValueError("x must hold at least two different values to fit a line, got all equal.")
    m = np.mean((x - x.mean()) * (y - y.mean())) / var
    return float(m), float(y.mean() - m * x.mean())


# --- a bumpy curve with two valleys ---------------------------------------------------

def bumpy(w):
    r"""A non-convex loss over one weight: :math:`E(w) = w^4 - 3 w^2 + w + 4`.

    Two valleys: the global minimum near w = -1.30 (E about 0.49) and a local one near
    w = 1.13 (E about 2.93), split by a hill near w = 0.17 (E about 4.08). Gradient descent
    from w > 0.17 ends in the local one. (:data:`BUMPY_GLOBAL_MIN` and :data:`BUMPY_LOCAL_MIN`
    hold the exact w; the test suite checks these rounded numbers against them.) Works on
    numbers and arrays. Introduced in 06_gradient_descent.
    """
    w = as_float_array(w, "w", finite=False)
    with np.errstate(over="ignore", invalid="ignore"):
        E = w ** 4 - 3 * w ** 2 + w + 4
    return float(E) if E.ndim == 0 else E


def bumpy_derivative(w):
    r"""The slope of :func:`bumpy`: :math:`\frac{dE}{dw} = 4 w^3 - 6 w + 1`. Introduced in 06_gradient_descent."""
    w = as_float_array(w, "w", finite=False)
    with np.errstate(over="ignore", invalid="ignore"):
        dE_dw = 4 * w ** 3 - 6 * w + 1
    return float(dE_dw) if dE_dw.ndim == 0 else dE_dw


def _bumpy_minima():
    # The slope 4w^3 - 6w + 1 is 0 at three w: two valleys (outer roots) and the hill between.
    roots = np.sort(np.roots([4.0, 0.0, -6.0, 1.0]).real)
    low, high = roots[0], roots[2]
    return (float(low), float(high)) if bumpy(low) < bumpy(high) else (float(high), float(low))


#: Where :func:`bumpy` has its global and its local minimum.
BUMPY_GLOBAL_MIN, BUMPY_LOCAL_MIN = _bumpy_minima()


# --- descent --------------------------------------------------------------------------

#: What :func:`descend` can say about a walk (``Descent.status``).
#: "descending" is a walk of only a few steps that is still going down fast: too soon to judge.
STATUSES = ("converged", "descending", "crawling", "overshooting", "diverged")

#: Fewer steps than this, and a loss that fell by half or more: "descending", not "crawling".
FEW_STEPS = 10


@dataclass
class Descent:
    """What :func:`descend` did. Introduced in 06_gradient_descent.

    ``path`` is ``(k + 1, d)``: the start and every point after a step. ``losses`` and
    ``gradients`` hold the loss and slope at each of them. ``status`` is one word,
    'converged', 'descending' (a few steps so far, going down fast: too soon to judge),
    'crawling', 'overshooting' or 'diverged'; ``message`` says it in a sentence.
    """

    path: np.ndarray
    losses: np.ndarray
    gradients: np.ndarray
    status: str
    message: str
    learn_rate: float

    def __post_init__(self):
        # NaN and inf are allowed in the arrays: a diverged walk ends in them.
        path = as_float_array(self.path, "path", finite=False)
        if path.ndim != 2 or len(path) == 0 or path.shape[1] == 0:
            raise ValueError(f"path must be a (k + 1, d) array of points, one row per point, "
                             f"got shape {path.shape}.")
        losses = as_float_array(self.losses, "losses", finite=False)
        if losses.shape != (len(path),):
            raise ValueError(f"losses must hold one loss per point of path, shape ({len(path)},), "
                             f"got shape {losses.shape}.")
        gradients = as_float_array(self.gradients, "gradients", finite=False)
        if gradients.shape != path.shape:
            raise ValueError(f"gradients must hold one slope per parameter at each point of path, "
                             f"shape {path.shape}, got shape {gradients.shape}.")
        self.path, self.losses, self.gradients = path, losses, gradients
        self.status = choice(self.status, "status", STATUSES)
        if not isinstance(self.message, str):
            raise TypeError(f"message must be text, got {describe(self.message)}.")
        self.learn_rate = positive_number(self.learn_rate, "learn_rate")

    @property
    def steps(self) -> int:
        """How many steps ran (fewer than asked if the loss diverged)."""
        return len(self.path) - 1

    @property
    def converged(self) -> bool:
        """True when the slope ended near 0: the path reached a minimum (maybe a local one)."""
        return self.status == "converged"

    @property
    def diverged(self) -> bool:
        """True when the loss blew up (above 1e10 or not finite) and the steps stopped."""
        return self.status == "diverged"

    def __repr__(self):
        return f"Descent({self.steps} steps, {self.message})"


def _as_vector_fn(fn, name):
    if not callable(fn):
        raise TypeError(f"{name} must be a function of the parameters, got {type(fn).__name__}.")
    return fn


def descend(loss, gradient, start, learn_rate=0.1, steps=50, tolerance=1e-3):
    r"""Gradient descent: repeat :math:`p \leftarrow p - \eta\,\nabla E(p)` and say how it went.

    ``loss(p)`` returns the loss and ``gradient(p)`` the slopes for parameters ``p`` (an array
    shaped like ``start``). Runs ``steps`` steps, stopping early only if the loss diverges
    (becomes larger than 1e10 or not a finite number). Then, in this order:

    * **diverged**: the loss blew up, the learning rate is far too large;
    * **converged**: the slope has shrunk below ``tolerance`` times the slope at the start;
    * **overshooting**: most steps reverse the one before, so the path zig-zags across the
      valley (learning rate too large), or the loss is growing;
    * **crawling**: the path creeps downhill and has not arrived (learning rate too small).

    Returns a :class:`Descent`. Introduced in 06_gradient_descent.
    """
    loss, gradient = _as_vector_fn(loss, "loss"), _as_vector_fn(gradient, "gradient")
    if isinstance(start, (bool, np.bool_)):
        raise TypeError(f"start must be a number or a list of numbers, got {describe(start)}.")
    p = as_float_array(start, "start", ndim=(0, 1)).reshape(-1).copy()
    if p.size == 0:
        raise ValueError("start must hold at least one number (one per parameter), got none.")
    learn_rate = positive_number(learn_rate, "learn_rate")
    steps = whole_number(steps, "steps", minimum=0, maximum=MAX_STEPS,
                         why="more steps than that would keep the notebook busy for a long time")
    tolerance = positive_number(tolerance, "tolerance")

    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        E = _loss_value(loss(p), p)
        path, losses, grads = [p.copy()], [E], [_gradient_value(gradient(p), p)]
        # A start where the loss is already blown up takes no steps: it is diverged as it is.
        blew_up = not np.isfinite(E) or E > DIVERGE_LOSS
        for _ in range(0 if blew_up else steps):
            p = p - learn_rate * grads[-1]          # step downhill, as far as learn_rate says
            E = _loss_value(loss(p), p)
            path.append(p)
            losses.append(E)
            if not np.isfinite(E) or E > DIVERGE_LOSS:
                blew_up = True
                grads.append(np.full_like(p, np.nan))
                break
            grads.append(_gradient_value(gradient(p), p))
        path, losses, grads = np.array(path), np.array(losses), np.array(grads)
        status, message = _judge(path, losses, grads, blew_up, tolerance)
    return Descent(path, losses, grads, status, message, learn_rate)


def _loss_value(value, p):
    """What ``loss(p)`` returned, as one float (a one-element array counts as one number)."""
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)):
        return float(value)
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        arr = None
    if arr is None or arr.size != 1:
        raise TypeError(
            f"loss(p) must return one number, got {describe(value)} for p = start and the "
            f"points after it, {p.size} number(s); does start hold one number per parameter?"
        )
    return float(arr.reshape(-1)[0])


def _gradient_value(value, p):
    """What ``gradient(p)`` returned, as a flat float array with one slope per parameter."""
    try:
        arr = np.asarray(value, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        arr = None
    if arr is None or arr.shape != p.shape:
        raise TypeError(
            f"gradient(p) must return one slope per parameter ({p.size}, as many as start "
            f"holds), got {describe(value)}."
        )
    return arr


def _steps(k: int) -> str:
    return "1 step" if k == 1 else f"{k} steps"


def _judge(path, losses, grads, blew_up, tolerance):
    """Classify a walk (of the steps taken so far) and say what happened in words."""
    k = len(path) - 1
    if blew_up:
        how = "not a finite number" if not np.isfinite(losses[-1]) else f"larger than {DIVERGE_LOSS:.0e}"
        if k == 0:
            return "diverged", (f"diverged: the loss at the start is already {how}; "
                                "start nearer a valley")
        return "diverged", (f"diverged: after {_steps(k)} the loss became {how}; "
                            "the learning rate is far too large")
    slope_start, slope_end = np.linalg.norm(grads[0]), np.linalg.norm(grads[-1])
    reversals = _reversals(path)
    if slope_end <= max(tolerance * slope_start, 1e-10):
        wobble = ""
        if reversals >= 2 and _zigzag_share(path) > 0.5:
            wobble = " (zig-zagging on the way)"
        elif reversals:
            wobble = f" (it overshot {'once' if reversals == 1 else f'{reversals} times'} on the way)"
        return "converged", (f"converged: after {_steps(k)} the slope is {slope_end:.2g}, "
                             f"close to 0, at loss {losses[-1]:.4g}{wobble}")
    if k == 0:
        return "descending", "no steps taken yet"
    if (reversals >= 2 and _zigzag_share(path) > 0.5) or losses[-1] > losses[0]:
        grows = ", and the loss is growing" if losses[-1] > losses[0] else ""
        return "overshooting", (f"overshooting: the path zig-zags across the valley{grows}; "
                                "try a smaller learning rate")
    fell = 100.0 * (losses[0] - losses[-1]) / losses[0] if losses[0] > 0 else 0.0
    if k < FEW_STEPS and fell >= 50:
        return "descending", (f"descending: {_steps(k)} so far, and the loss fell {fell:.0f}%; "
                              f"the slope is {slope_end:.2g}, not yet near 0: take more steps")
    how_far = f"only fell {fell:.0f}%" if fell < 50 else f"fell {fell:.0f}%"
    return "crawling", (f"crawling: after {_steps(k)} the loss {how_far} and the slope is still "
                        f"{slope_end:.2g}, not near 0; try a larger learning rate or more steps")


def _reversals(path):
    """How many steps point back against the step before (a negative dot product)."""
    moves = np.diff(path, axis=0)
    if len(moves) < 2:
        return 0
    return int(np.sum(np.sum(moves[1:] * moves[:-1], axis=1) < 0))


def _zigzag_share(path):
    """The share of steps that point back against the step before (a negative dot product)."""
    moves = np.diff(path, axis=0)
    if len(moves) < 2:
        return 0.0
    dots = np.sum(moves[1:] * moves[:-1], axis=1)
    return float(np.mean(dots < 0))


def line_descent(x, y, m=0.0, b=0.0, learn_rate=0.01, steps=50):
    r"""Fit y = m x + b by gradient descent from (m, b): :func:`descend` on :func:`line_loss`.

    Each step: :math:`m \leftarrow m - \eta\,\partial E/\partial m`,
    :math:`b \leftarrow b - \eta\,\partial E/\partial b`. ``path[:, 0]`` holds m, ``path[:, 1]`` b.
    Introduced in 06_gradient_descent.
    """
    x, y = check_xy(x, y)
    m, b = finite_number(m, "m"), finite_number(b, "b")
    moments = _line_moments(x, y)
    return descend(lambda p: _line_loss(p[0], p[1], moments),
                   lambda p: np.array(_line_gradient(p[0], p[1], x, y)),
                   [m, b], learn_rate, steps)


def bumpy_descent(w=2.0, learn_rate=0.01, steps=50):
    r"""Gradient descent on :func:`bumpy` from weight ``w``: :math:`w \leftarrow w - \eta\,dE/dw`.

    ``path[:, 0]`` holds w. Introduced in 06_gradient_descent.
    """
    w = finite_number(w, "w")
    return descend(lambda p: bumpy(p[0]), lambda p: np.array([bumpy_derivative(p[0])]),
                   [w], learn_rate, steps)
