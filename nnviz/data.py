"""Data sets for the series, made with numpy alone and seeded so every run is the same.

The people (weight in pounds, height in inches, gender) come from the seed article and
are taught in 04_loss; the 2-D sets feed the training playground in 07_training; the
noisy line feeds gradient descent on y = mx + b in 06_gradient_descent.
"""
from __future__ import annotations

import numpy as np

from ._validate import as_float_array, choice, finite_number, flag, number_in, positive_number, value_range, whole_number
from ._validate import seed as _check_seed

#: Male = 0, Female = 1: a network can only output numbers.
MALE, FEMALE = 0, 1

#: name -> (weight in lb, height in in, gender), the training set, in this order.
PEOPLE = {
    "Alice": (133, 65, FEMALE),
    "Bob": (160, 72, MALE),
    "Charlie": (152, 70, MALE),
    "Diana": (120, 60, FEMALE),
}

#: Two people the network never sees in training: name -> (weight in lb, height in in).
NEW_PEOPLE = {
    "Emily": (128, 63),
    "Frank": (155, 68),
}

#: Subtracted from (weight, height) so the numbers sit around 0: 135 lb and 66 in.
SHIFT = np.array([135.0, 66.0])

#: Units the people can come in: pounds and inches (the source article's), or kilograms and
#: centimetres. One pound is 0.45359237 kg and one inch 2.54 cm, exactly.
UNITS = ("imperial", "metric")
KG_PER_LB, CM_PER_IN = 0.45359237, 2.54
#: (weight, height) unit names, by UNITS entry: ("lb", "in") or ("kg", "cm").
UNIT_NAMES = {"imperial": ("lb", "in"), "metric": ("kg", "cm")}


def _units(units):
    from ._validate import choice
    return choice(units, "units", UNITS)


def to_metric(X_raw):
    r"""Raw (weight in lb, height in in) to (weight in kg, height in cm): :math:`(0.4536\,w,\ 2.54\,h)`.

    The same people in metric units, as in ``people(units="metric")``. Introduced in 04_loss.
    """
    X_raw = as_float_array(X_raw, "X_raw", ndim=(1, 2))
    if X_raw.shape[-1] != 2:
        raise ValueError(f"X_raw must have 2 values per person (weight, height), got shape {X_raw.shape}.")
    return X_raw * np.array([KG_PER_LB, CM_PER_IN])


def shift(X_raw):
    r"""Shift raw (weight, height) by 135 lb and 66 in: :math:`x' = x - (135, 66)`.

    Centred inputs keep the sigmoid out of its flat ends, where it barely learns.
    Introduced in 04_loss.
    """
    X_raw = as_float_array(X_raw, "X_raw", ndim=(1, 2))
    if X_raw.shape[-1] != 2:
        raise ValueError(f"X_raw must have 2 values per person (weight, height), got shape {X_raw.shape}.")
    return X_raw - SHIFT


def _in_units(X, shifted, units):
    # Shift first, in pounds and inches, then convert: a metric shifted person is the same
    # person as an imperial one, x' = (x - (135 lb, 66 in)) in kg and cm.
    X = X - SHIFT if shifted else X
    return to_metric(X) if _units(units) == "metric" else X


def people(shifted=True, units="imperial"):
    r"""The four training people as ``(X, y)``: Alice, Bob, Charlie, Diana, in that order.

    ``X`` is ``(4, 2)``: weight and height, shifted by (135 lb, 66 in) unless ``shifted=False``
    (then raw values), :math:`x' = x - (135, 66)`. ``units="metric"`` gives kilograms and
    centimetres instead of pounds and inches (shifted by 61.2 kg and 167.64 cm, the same
    135 lb and 66 in). ``y`` is ``(4,)``: 1 for female, 0 for male.
    Introduced in 04_loss: shifted, Alice is (-2, -1), Bob (25, 6), Charlie (17, 4), Diana (-15, -6).
    """
    shifted = flag(shifted, "shifted")
    X = np.array([[w, h] for w, h, _ in PEOPLE.values()], dtype=np.float64)
    y = np.array([g for _, _, g in PEOPLE.values()], dtype=np.float64)
    return _in_units(X, shifted, units), y


def new_people(shifted=True, units="imperial"):
    """Emily and Frank as ``(X, names)``: (128 lb, 63 in) and (155 lb, 68 in). Used in 07_training.

    ``units="metric"``: (58.1 kg, 160.0 cm) and (70.3 kg, 172.7 cm).
    """
    shifted = flag(shifted, "shifted")
    X = np.array(list(NEW_PEOPLE.values()), dtype=np.float64)
    return _in_units(X, shifted, units), list(NEW_PEOPLE)


def emily(shifted=True):
    """Emily's (weight, height): (128, 63), or (-7, -3) shifted. The article's network says about 0.95: female."""
    return new_people(shifted)[0][0]


def frank(shifted=True):
    """Frank's (weight, height): (155, 68), or (20, 2) shifted. The article's network says about 0.04: male."""
    return new_people(shifted)[0][1]


# --- 2-D sets for the playground -------------------------------------------------------

#: The most points a 2-D set may have: a million already takes seconds to train on.
MAX_POINTS = 1_000_000


def _setup(n, noise, seed):
    n = whole_number(n, "n", minimum=2, maximum=MAX_POINTS,
                     why="more points would fill the notebook's memory and take ages to train on")
    noise = number_in(noise, "noise (the points span about 1)", 0.0, 1e6)
    return n, noise, np.random.default_rng(_check_seed(seed))


def xor_points():
    """The four XOR points ``(X, y)``: output 1 when exactly one input is 1. Used in 03_network."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return X, np.array([0, 1, 1, 0], dtype=np.float64)


def xor(n=200, noise=0.15, seed=0):
    """Noisy XOR ``(X, y)`` on [-1, 1]^2: class 1 where x1 and x2 have opposite signs. Used in 07_training."""
    n, noise, rng = _setup(n, noise, seed)
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    y = (X[:, 0] * X[:, 1] < 0).astype(np.float64)
    return X + rng.normal(0.0, noise, size=X.shape) * 0.5, y


def circles(n=200, noise=0.1, factor=0.5, seed=0):
    """Two concentric rings ``(X, y)``: class 1 inside (radius ``factor``), 0 outside (radius 1)."""
    n, noise, rng = _setup(n, noise, seed)
    factor = positive_number(factor, "factor")
    factor = number_in(factor, "factor (the outer ring has radius 1)", 0.0, 1e6)
    n_in = n // 2
    angles = rng.uniform(0, 2 * np.pi, size=n)
    radius = np.where(np.arange(n) < n_in, factor, 1.0)
    X = np.column_stack([radius * np.cos(angles), radius * np.sin(angles)])
    y = (np.arange(n) < n_in).astype(np.float64)
    return X + rng.normal(0.0, noise, size=X.shape), y


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half-moons ``(X, y)``, centred near the origin. Used in 07_training."""
    n, noise, rng = _setup(n, noise, seed)
    n_top = n // 2
    t = rng.uniform(0, np.pi, size=n)
    top = np.arange(n) < n_top
    x1 = np.where(top, np.cos(t), 1.0 - np.cos(t))
    x2 = np.where(top, np.sin(t), 0.5 - np.sin(t))
    X = np.column_stack([x1 - 0.5, x2 - 0.25])
    y = (~top).astype(np.float64)
    return X + rng.normal(0.0, noise, size=X.shape), y


def spiral(n=200, noise=0.1, turns=1.5, seed=0):
    """Two interleaved spiral arms ``(X, y)``: the hardest set in the playground."""
    n, noise, rng = _setup(n, noise, seed)
    turns = positive_number(turns, "turns")
    turns = number_in(turns, "turns", 0.0, 1e6)
    arm = np.arange(n) % 2
    r = rng.uniform(0.05, 1.0, size=n)
    theta = r * turns * 2 * np.pi + arm * np.pi
    X = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
    return X + rng.normal(0.0, noise, size=X.shape) * 0.5, arm.astype(np.float64)


def line(n=30, m=2.0, b=1.0, noise=1.0, x_range=(0.0, 10.0), seed=0):
    """Noisy points around the line y = m x + b, as ``(x, y)`` arrays of shape ``(n,)``.

    Used in 06_gradient_descent, where gradient descent finds m and b back.
    """
    n, noise, rng = _setup(n, noise, seed)
    m = finite_number(m, "m")
    b = finite_number(b, "b")
    lo, hi = value_range(x_range, "x_range")
    if max(abs(lo), abs(hi), abs(m), abs(b)) > 1e100:
        raise ValueError("m, b and x_range must stay within ±1e100, so that m x + b stays a "
                         f"finite number, got m={m:g}, b={b:g}, x_range={x_range!r}.")
    x = np.sort(rng.uniform(lo, hi, size=n))
    return x, m * x + b + rng.normal(0.0, noise, size=n)


# --- 2-D sets for regression: a value per point, not a class ----------------------------

#: The targets of the regression sets lie about in this range (the colour scale's ends).
TARGET_RANGE = (-1.0, 1.0)
#: The gaussians' centres (x1, x2) and signs: TensorFlow Playground's "multi gaussian" layout,
#: scaled to [-1, 1]^2.
GAUSSIANS = ((-0.67, 0.42, 1.0), (0.0, 0.42, -1.0), (0.67, 0.42, 1.0),
             (-0.67, -0.42, -1.0), (0.0, -0.42, 1.0), (0.67, -0.42, -1.0))


def plane(n=200, noise=0.1, seed=0):
    r"""Points on [-1, 1]^2 with a value on a tilted plane, ``(X, y)``: a regression set,
    :math:`y = (x_1 + x_2)/2 + arepsilon`, :math:`arepsilon \sim N(0, 	ext{noise}^2)`.
    One linear neuron can learn it exactly (up to the noise). Used in 07_training."""
    n, noise, rng = _setup(n, noise, seed)
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    return X, (X[:, 0] + X[:, 1]) / 2 + rng.normal(0.0, noise, size=n)


def gaussians(n=200, noise=0.1, seed=0):
    r"""Points on [-1, 1]^2 valued by six bumps of alternating sign, ``(X, y)``: a regression
    set (TensorFlow Playground's "multi gaussian"). Each point's value is the bump that is
    strongest there, :math:`y = s_k\,e^{-|x - c_k|^2 / (2\cdot 0.25^2)}` (centres
    :data:`GAUSSIANS`), plus :math:`N(0, 	ext{noise}^2)`. Needs hidden neurons. Used in 07_training."""
    n, noise, rng = _setup(n, noise, seed)
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    c = np.array(GAUSSIANS)
    bumps = c[:, 2] * np.exp(-((X[:, None, :] - c[None, :, :2]) ** 2).sum(axis=2) / (2 * 0.25 ** 2))
    y = bumps[np.arange(n), np.abs(bumps).argmax(axis=1)]
    return X, y + rng.normal(0.0, noise, size=n)


DATASETS = {"xor": xor, "circles": circles, "moons": moons, "spiral": spiral}
#: The regression sets: each point has a value (about -1..1), not a class.
REGRESSION_DATASETS = {"plane": plane, "gaussians": gaussians}


def make(name, n=200, noise=0.1, seed=0):
    """One of the playground's 2-D sets by name: 'people', 'xor', 'circles', 'moons' or 'spiral'
    (classes 0 and 1), or 'plane' or 'gaussians' (regression: a value per point)."""
    choice(name, "name", ("people", *DATASETS, *REGRESSION_DATASETS))
    if name in REGRESSION_DATASETS:
        _setup(n, noise, seed)
        return REGRESSION_DATASETS[name](n=n, noise=noise, seed=seed)
    _setup(n, noise, seed)   # checked for every name, so a typo in n is never silently ignored
    if name == "people":
        return people()
    return DATASETS[name](n=n, noise=noise, seed=seed)


# --- where points sit on the plane (shared by figures and the playground) -----------------

def extent_around(X, margin=0.15):
    """``(x1_low, x1_high, x2_low, x2_high)``: the box around the 2-D points ``X``, widened by
    ``margin`` times its width and height on every side, so no point sits on the edge.
    Introduced in 07_training (the playground's plane)."""
    X = as_float_array(X, "X", ndim=2)
    if X.shape[0] < 1 or X.shape[1] != 2:
        raise ValueError(f"X must hold at least one point of 2 numbers, shape (n, 2), got shape {X.shape}.")
    margin = number_in(margin, "margin", 0.0, 10.0)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * np.maximum(hi - lo, 1e-9)
    return (float(lo[0] - pad[0]), float(hi[0] + pad[0]), float(lo[1] - pad[1]), float(hi[1] + pad[1]))


def people_axis_labels(units="shifted"):
    """The axis labels of the people data: ``("weight (lb − 135)", "height (in − 66)")`` for the
    shifted numbers the network sees, ``("weight (lb)", "height (in)")`` for ``units="raw"``.
    Introduced in 04_loss."""
    units = choice(units, "units", ("shifted", "raw"))
    if units == "raw":
        return "weight (lb)", "height (in)"
    return (f"weight (lb − {SHIFT[0]:.0f})", f"height (in − {SHIFT[1]:.0f})")

