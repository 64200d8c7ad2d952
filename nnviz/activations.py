"""Activation functions and their derivatives (taught in 02_activations).

Each public function takes a number or an array and returns the same shape.
The network uses the private ``_f`` / ``_df`` forms, which skip input checks:
the network has already checked its inputs once per call.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validate import as_float_array, choice, text


def _as_output(arr: np.ndarray, like: np.ndarray):
    # A scalar in gives a scalar out; arrays keep their shape.
    return arr[()] if like.ndim == 0 else arr


# --- private, unchecked forms used in the network's hot loop -------------------------

def _sigmoid(z):
    # 1 / (1 + e^-z), as written. For z < -709, e^-z overflows to inf and 1 / (1 + inf) = 0,
    # which is the right limit: the overflow is expected, so it must not warn the learner.
    with np.errstate(over="ignore"):
        e = np.exp(-z)
    e += 1.0
    return 1.0 / e


def _sigmoid_df(z, a):
    # sigma'(z) = sigma(z) (1 - sigma(z)); reuse the output a = sigma(z).
    return a * (1.0 - a)


def _tanh_df(z, a):
    # tanh'(z) = 1 - tanh(z)^2
    return 1.0 - a * a


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_df(z, a):
    # The kink at 0 has no derivative; we use 0 there, as most libraries do.
    return (z > 0).astype(np.float64)


def _linear(z):
    return z


def _linear_df(z, a):
    return np.ones_like(z)


@dataclass(frozen=True)
class Activation:
    """An activation function f, its derivative f', and how to write it."""

    name: str
    function: Callable
    derivative_from_output: Callable  # (z, a=f(z)) -> f'(z): backprop has both at hand
    formula: str  # LaTeX, for figures
    derivative_formula: str
    output_range: str

    def __call__(self, z):
        return self.function(z)

    def derivative(self, z):
        """f'(z), computed from z alone."""
        z = np.asarray(z, dtype=np.float64)
        return self.derivative_from_output(z, self.function(z))


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", _sigmoid, _sigmoid_df,
                          r"\sigma(z) = \frac{1}{1 + e^{-z}}",
                          r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))", "(0, 1)"),
    "tanh": Activation("tanh", np.tanh, _tanh_df,
                       r"\tanh(z) = 2\sigma(2z) - 1",
                       r"\tanh'(z) = 1 - \tanh^2(z)", "(-1, 1)"),
    "relu": Activation("relu", _relu, _relu_df,
                       r"\mathrm{ReLU}(z) = \max(0, z)",
                       r"\mathrm{ReLU}'(z) = 1 \text{ if } z > 0 \text{ else } 0", "[0, inf)"),
    "linear": Activation("linear", _linear, _linear_df,
                         r"f(z) = z", r"f'(z) = 1", "(-inf, inf)"),
}
ACTIVATION_NAMES = tuple(ACTIVATIONS)


def get_activation(name: str, parameter: str = "name") -> Activation:
    """Look up an activation by name: 'sigmoid', 'tanh', 'relu' or 'linear'.

    Introduced in 02_activations. ``parameter`` is the name used in the error message
    (callers pass their own, such as ``"activation"``).
    """
    text(parameter, "parameter (the name of the argument)")
    return ACTIVATIONS[choice(name, parameter, ACTIVATION_NAMES)]


def display_range(name, values=()):
    """(low, high) to show a neuron's output on a colour scale: the activation's own range
    where it has one (sigmoid (0, 1), tanh (-1, 1)); otherwise from the finite ``values``
    shown, from 0 for ReLU and symmetric for linear. Introduced in 07_training (the
    playground's network graph colours each neuron on this range).
    """
    name = choice(name, "name", ACTIVATION_NAMES)
    if name == "sigmoid":
        return 0.0, 1.0
    if name == "tanh":
        return -1.0, 1.0
    values = np.asarray(values, dtype=np.float64).ravel()
    finite = values[np.isfinite(values)]
    reach = float(np.max(np.abs(finite))) if finite.size else 1.0
    reach = reach if reach > 0 else 1.0
    return (0.0, reach) if name == "relu" else (-reach, reach)


# --- public, checked forms -----------------------------------------------------------

def sigmoid(z):
    r"""Sigmoid: :math:`\sigma(z) = 1 / (1 + e^{-z})`, squashing any number into (0, 1).

    Big negative z gives about 0, big positive z about 1; computed without overflow
    even at |z| = 1e4. Introduced in 01_neuron, studied in 02_activations.
    """
    z = as_float_array(z, "z")
    return _as_output(_sigmoid(z), z)


def sigmoid_derivative(z):
    r"""Derivative of the sigmoid: :math:`\sigma'(z) = \sigma(z)(1 - \sigma(z))`.

    Largest (0.25) at z = 0, near 0 far from it. Introduced in 02_activations, used in 05_backprop.
    """
    z = as_float_array(z, "z")
    a = _sigmoid(z)
    return _as_output(_sigmoid_df(z, a), z)


def tanh(z):
    r"""Hyperbolic tangent: :math:`\tanh(z) = 2\sigma(2z) - 1`, range (-1, 1).

    A sigmoid stretched to (-1, 1) and centred on 0. Introduced in 02_activations.
    """
    z = as_float_array(z, "z")
    return _as_output(np.tanh(z), z)


def tanh_derivative(z):
    r"""Derivative of tanh: :math:`\tanh'(z) = 1 - \tanh^2(z)`. Introduced in 02_activations."""
    z = as_float_array(z, "z")
    return _as_output(_tanh_df(z, np.tanh(z)), z)


def relu(z):
    r"""Rectified linear unit: :math:`\mathrm{ReLU}(z) = \max(0, z)`.

    Negative inputs become 0, positive ones pass unchanged. Introduced in 02_activations.
    """
    z = as_float_array(z, "z")
    return _as_output(_relu(z), z)


def relu_derivative(z):
    r"""Derivative of ReLU: 1 where z > 0, else 0 (0 at the kink z = 0).

    A unit whose z stays negative gets derivative 0 and stops learning: a "dead" unit.
    Introduced in 02_activations.
    """
    z = as_float_array(z, "z")
    return _as_output(_relu_df(z, None), z)


def linear(z):
    r"""Identity activation :math:`f(z) = z`, as in the meal-price neuron of 01_neuron."""
    z = as_float_array(z, "z")
    return _as_output(z.copy(), z)


def linear_derivative(z):
    r"""Derivative of the identity: :math:`f'(z) = 1`. Introduced in 02_activations."""
    z = as_float_array(z, "z")
    return _as_output(np.ones_like(z), z)
