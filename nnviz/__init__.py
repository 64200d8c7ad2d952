"""nnviz: see how a neural network works, from one neuron to a trained network.

The core (this package's top level) needs numpy only. Figures live in ``nnviz.plots``,
explorers in ``nnviz.widgets`` and exercise checkers in ``nnviz.checks``; import those
when you need them, so that ``import nnviz`` stays fast and loads no plotting library.
"""
from . import data
from .activations import (
    ACTIVATION_NAMES,
    get_activation,
    linear,
    linear_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from .network import DivergenceWarning, History, Network, Neuron, gradient_check, mse
from .training import Status, TrainingRun, TrainResult

__version__ = "0.1.0"

__all__ = [
    "ACTIVATION_NAMES", "DivergenceWarning", "History", "Network", "Neuron", "data",
    "get_activation", "gradient_check", "linear", "linear_derivative", "mse", "relu",
    "relu_derivative", "sigmoid", "sigmoid_derivative", "tanh", "tanh_derivative", "TrainingRun",
]
# Status and TrainResult are what a TrainingRun hands back (nnviz.Status.CONVERGED, ...),
# importable from here but not called by a learner, so not in __all__.
