"""Concept explorers: one neuron, activation functions, the 2-2-1 network (and XOR), the loss.

Each explorer is an :class:`nnviz._explorer.Explorer`: a figure drawn once by a drawer
from ``_plots_concepts``, moved in place on every slider change, with the numbers it
computes in a panel beside the picture. Every number comes from the core
(``nnviz.Neuron``, ``nnviz.Network``, ``nnviz.mse``). ``controls=[...]`` shows only some
controls (teacher mode); ``canvas="png"`` forces the image fallback.
"""
from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from . import data as _data
from ._explorer import Explorer, dropdown, float_slider, table, toggle
from ._plots_concepts import (
    SYMBOLS, ActivationCurve, LossBars, NetworkDiagram, NeuronDiagram, XorPanel,
)
from ._validate import describe, as_float_array, choice, finite_number, flag
from .activations import ACTIVATION_NAMES, get_activation
from .network import Network, Neuron, params_2_2_1
from .style import GREY, fmt, title

__all__ = [
    "NeuronExplorer", "ActivationExplorer", "NetworkExplorer", "LossExplorer",
    "neuron_explorer", "activation_explorer", "network_explorer", "loss_explorer",
]

#: The nine parameters of the 2-2-1 network, named as in the seed article.
NETWORK_PARAMS = ("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")

#: A start value beyond this would make a slider whose every step is a leap.
MAX_START = 1000.0


def _bounded(arr, name):
    """Start values for sliders: within ±MAX_START, so the slider stays usable."""
    big = np.abs(np.atleast_1d(arr)) > MAX_START
    if big.any():
        value = float(np.atleast_1d(arr)[np.argmax(big)])
        raise ValueError(f"{name} must stay within ±{MAX_START:g} to fit on a slider, got {value:g}.")
    return arr


def _pair(value, name):
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a list of 2 numbers, such as [2, 3], got {describe(value)}.")
    arr = as_float_array(value, name, ndim=1)
    if arr.size != 2:
        raise ValueError(f"{name} must hold 2 numbers, got {arr.size}.")
    return _bounded(arr, name)


def _start(value, name):
    """One slider's start value: a finite number within ±MAX_START."""
    return float(_bounded(finite_number(value, name), name))


def _slider(name, value, limit, step=0.1):
    """A slider from -limit to limit, widened to take a start value outside that range."""
    reach = max(limit, abs(value))
    return float_slider(name, value, -reach, reach, step)


def network_values(weights, biases):
    """{"w1": ..., "b3": ...} from 6 weights and 3 biases, checked."""
    for value, name in ((weights, "weights"), (biases, "biases")):
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray)):
            raise TypeError(f"{name} must be a list of numbers (w1..w6, b1..b3), got {describe(value)}.")
    weights = _bounded(as_float_array(weights, "weights", ndim=1), "weights")
    biases = _bounded(as_float_array(biases, "biases", ndim=1), "biases")
    if weights.size != 6:
        raise ValueError(f"weights must hold 6 numbers (w1..w6), got {weights.size}.")
    if biases.size != 3:
        raise ValueError(f"biases must hold 3 numbers (b1..b3), got {biases.size}.")
    return {name: float(v) for name, v in zip(NETWORK_PARAMS, [*weights, *biases])}


def _network_sliders(weights, biases, limit):
    return {name: float_slider(name, v, -max(limit, abs(v)), max(limit, abs(v)))
            for name, v in network_values(weights, biases).items()}


# --- 01_neuron -------------------------------------------------------------------------------

class NeuronExplorer(Explorer):
    r"""One neuron :math:`y = f(w_1 x_1 + w_2 x_2 + b)`, with the formula and the numbers."""

    def __init__(self, weights=(0.0, 1.0), bias=4.0, x=(2.0, 3.0), activation="sigmoid",
                 controls=None, canvas="auto"):
        w, x = _pair(weights, "weights"), _pair(x, "x")
        bias = _start(bias, "bias")
        activation = get_activation(activation, "activation").name
        super().__init__({
            "w1": _slider("w1", w[0], 5), "w2": _slider("w2", w[1], 5),
            # b in steps of 0.5: from the start at 4 to a suggested -8 in 24 key presses.
            "b": _slider("b", bias, 10, step=0.5),
            "x1": _slider("x1", x[0], 5), "x2": _slider("x2", x[1], 5),
            "activation": dropdown("activation f", list(ACTIVATION_NAMES), activation),
        }, visible=controls, canvas=canvas, figsize=(6.6, 4.0))

    def build(self):
        self.diagram = NeuronDiagram(self.figure.add_subplot(), n_inputs=2)

    def update(self):
        v = self.values()
        self.neuron = Neuron([v["w1"], v["w2"]], v["b"], v["activation"])
        x = [v["x1"], v["x2"]]
        self.diagram.update(self.neuron.weights, self.neuron.bias, x, v["activation"])
        z, y = self.neuron.weighted_sum(x), self.neuron.feedforward(x)
        self.output = y
        # The formula is in the picture; the panel gives the same numbers to more digits.
        self.readout.value = table(
            [("z = w1·x1 + w2·x2 + b", z), (f"y = {SYMBOLS[v['activation']]}(z)", y)],
            title="Numbers",
        )


def neuron_explorer(weights=(0.0, 1.0), bias=4.0, x=(2.0, 3.0), activation="sigmoid",
                    controls=None, canvas="auto"):
    r"""Sliders w1, w2, b, x1, x2 and an activation menu for one neuron, :math:`y = f(w \cdot x + b)`.

    Starts at the seed article's neuron: w = [0, 1], b = 4, x = [2, 3] gives
    y = σ(7) = 0.9990889488055994. ``controls=["x1", "x2"]`` shows only those sliders.
    Introduced in 01_neuron.
    """
    return NeuronExplorer(weights, bias, x, activation, controls=controls, canvas=canvas)


# --- 02_activations --------------------------------------------------------------------------

class ActivationExplorer(Explorer):
    r"""One activation :math:`f(w z + b)` and its slope :math:`w f'(w z + b)`, probed at one z."""

    def __init__(self, activation="sigmoid", w=1.0, b=0.0, derivative=True, controls=None,
                 canvas="auto"):
        activation = get_activation(activation, "activation").name
        w, b = _start(w, "w"), _start(b, "b")
        derivative = flag(derivative, "derivative")
        super().__init__({
            "activation": dropdown("activation f", list(ACTIVATION_NAMES), activation),
            # Steps of 0.25: w from 1 to 5 (an almost-step sigmoid) in 16 key presses.
            "w": _slider("w", w, 5, step=0.25), "b": _slider("b", b, 5, step=0.25),
            "z": float_slider("probe z", 1.0, -6, 6, step=0.25),
            "derivative": toggle("show slope (derivative)", derivative),
        }, visible=controls, canvas=canvas, figsize=(5.6, 3.8))

    def build(self):
        ax = self.figure.add_subplot()
        self.curve = ActivationCurve(ax, z=np.linspace(-6, 6, 241), label=False)
        self.point, = ax.plot([0], [0], linestyle="none", marker="o", color=self.curve.line.get_color())
        self.slope_point, = ax.plot([0], [0], linestyle="none", marker="s", markerfacecolor="white",
                                    color=self.curve.line.get_color())
        ax.axhline(0, color=GREY, linewidth=0.8, zorder=0)
        ax.axvline(0, color=GREY, linewidth=0.8, zorder=0)
        # Fixed limits, so a change of w or b reads as a change of the curve, not of the axes.
        ax.set_xlim(-6, 6)
        ax.set_ylim(-1.6, 2.6)
        ax.set_xlabel("z")
        ax.set_ylabel("f(wz + b), slope dashed")
        self.title = title(ax)

    def update(self):
        v = self.values()
        act = get_activation(v["activation"])
        self.curve.update(act.name, v["w"], v["b"], v["derivative"])
        z0 = v["z"]
        u = v["w"] * z0 + v["b"]
        self.value_at, self.slope_at = float(act.function(u)), float(v["w"] * act.derivative(u))
        self.point.set_data([z0], [self.value_at])
        self.slope_point.set_data([z0], [self.slope_at])
        self.slope_point.set_visible(bool(v["derivative"]))
        # Say what is drawn: f(w z + b) with this w and b, not the bare f(z).
        self.title.set_text(f"{act.name}: y = {SYMBOLS[act.name]}(w·z + b),  w = {fmt(v['w'], 3)}, "
                            f"b = {fmt(v['b'], 3)}" if act.name != "linear" else
                            f"linear: y = w·z + b,  w = {fmt(v['w'], 3)}, b = {fmt(v['b'], 3)}")
        rows = [("w·z + b", u), (f"f(w·z + b)", self.value_at)]
        if v["derivative"]:
            rows.append(("slope w·f'(w·z + b)", self.slope_at))
        self.readout.value = table(rows, title=f"{act.name} at z = {fmt(z0)}") + \
            f"<p>output range {act.output_range}</p>"


def activation_explorer(activation="sigmoid", w=1.0, b=0.0, derivative=True, controls=None,
                        canvas="auto"):
    r"""See how w and b stretch and slide an activation: :math:`y = f(w z + b)`.

    The dashed line is its slope :math:`\frac{d}{dz} f(wz + b) = w\, f'(wz + b)` (chain rule).
    Controls: activation, w, b, z (a probe point), derivative. Introduced in 02_activations.
    """
    return ActivationExplorer(activation, w, b, derivative, controls=controls, canvas=canvas)


# --- 03_network ------------------------------------------------------------------------------

class NetworkExplorer(Explorer):
    r"""The 2-2-1 network with a slider per parameter.

    :math:`h_1 = f(w_1 x_1 + w_2 x_2 + b_1)`, :math:`h_2 = f(w_3 x_1 + w_4 x_2 + b_2)`,
    :math:`o_1 = f(w_5 h_1 + w_6 h_2 + b_3)`. In ``mode="xor"`` the inputs are the four
    XOR points, and a panel says how many the network gets right.
    """

    def __init__(self, mode="normal", weights=(0, 1, 0, 1, 0, 1), biases=(0, 0, 0),
                 x=(2.0, 3.0), activation="sigmoid", controls=None, canvas="auto"):
        self.mode = choice(mode, "mode", ("normal", "xor"))
        self.network = Network([2, 2, 1], activation=activation, output_activation=activation)
        sliders = _network_sliders(weights, biases, limit=10.0)
        if self.mode == "xor":
            self.xor_X, self.xor_y = _data.xor_points()
            for slider in sliders.values():
                slider.step = 0.5  # the solution uses weights of 5 to 10: 12-20 key presses
            sliders["point"] = widgets.ToggleButtons(
                options=[(f"({int(a)}, {int(b)})", i) for i, (a, b) in enumerate(self.xor_X)],
                value=1, description="show input", style={"button_width": "60px"})
            figsize = (7.8, 3.8)
        else:
            x = _pair(x, "x")
            sliders["x1"] = _slider("x1", x[0], 5)
            sliders["x2"] = _slider("x2", x[1], 5)
            figsize = (6.6, 4.0)
        super().__init__(sliders, visible=controls, canvas=canvas, figsize=figsize)

    def build(self):
        if self.mode == "xor":
            ax_net, ax_xor = self.figure.subplots(1, 2, width_ratios=[2.2, 1])
            self.xor_panel = XorPanel(ax_xor)
        else:
            ax_net = self.figure.add_subplot()
        self.diagram = NetworkDiagram(ax_net, (2, 2, 1))

    def inputs(self):
        """The input the diagram shows: (x1, x2) from the sliders, or the chosen XOR point."""
        if self.mode == "xor":
            return self.xor_X[self.value("point")]
        return np.array([self.value("x1"), self.value("x2")])

    def update(self):
        self.network.params = params_2_2_1(self.values())
        x = self.inputs()
        self.diagram.update(self.network, x)
        values = self.diagram.values
        self.output = values["o1"]
        html = table([(n, values[n]) for n in ("h1", "h2", "o1")], title="Forward pass")
        if self.mode == "xor":
            n_right = self.xor_panel.update(self.network)
            self.solved = self.xor_panel.solved
            rows = [(f"({int(a)}, {int(b)})", int(t), out, "✓" if ok else "✗")
                    for (a, b), t, out, ok in zip(self.xor_X, self.xor_y, self.xor_panel.outputs,
                                                   self.xor_panel.right)]
            html += table(rows, header=("x1, x2", "target", "o1", "right?"), title="XOR")
            html += ("<p style='color:#009E73;font-weight:bold'>Solved! All four XOR points are "
                     "right.</p>" if self.solved else f"<p>{n_right} of 4 right: an output above "
                     "0.5 counts as 1.</p>")
        self.readout.value = html


def network_explorer(mode="normal", weights=(0, 1, 0, 1, 0, 1), biases=(0, 0, 0), x=(2.0, 3.0),
                     activation="sigmoid", controls=None, canvas="auto"):
    r"""Sliders for all nine parameters of the 2-2-1 network and both inputs, with live values.

    :math:`h_1 = f(w_1 x_1 + w_2 x_2 + b_1)`, :math:`h_2 = f(w_3 x_1 + w_4 x_2 + b_2)`,
    :math:`o_1 = f(w_5 h_1 + w_6 h_2 + b_3)`. Starts at the seed article's example: every
    w = [0, 1], b = 0, x = [2, 3] gives o1 = 0.7216325609518421. ``mode="xor"``: set the
    weights by hand until all four XOR points are right. Introduced in 03_network.
    """
    return NetworkExplorer(mode, weights, biases, x, activation, controls=controls, canvas=canvas)


# --- 04_loss ---------------------------------------------------------------------------------

class LossExplorer(Explorer):
    r"""The people data: move the network's weights, or its predictions, and watch the MSE.

    :math:`L = \frac{1}{4}\sum_i (y_{true,i} - y_{pred,i})^2` over Alice, Bob, Charlie, Diana.
    """

    def __init__(self, mode="weights", weights=(0,) * 6, biases=(0,) * 3, predictions=(0,) * 4,
                 controls=None, canvas="auto"):
        mode = choice(mode, "mode", ("weights", "predictions"))
        self.X, self.y = _data.people(shifted=True)
        self.names = list(_data.PEOPLE)
        if isinstance(predictions, (str, bytes)) or not isinstance(predictions, (list, tuple, np.ndarray)):
            raise TypeError(f"predictions must be a list of 4 numbers (one per person), "
                            f"got {describe(predictions)}.")
        predictions = as_float_array(predictions, "predictions", ndim=1)
        if predictions.size != len(self.names):
            raise ValueError(f"predictions must hold {len(self.names)} numbers (one per person), "
                             f"got {predictions.size}.")
        if np.any((predictions < 0) | (predictions > 1)):
            raise ValueError("predictions must be from 0 to 1 (what a sigmoid output can say), "
                             f"got {describe(predictions)}.")
        self.network = Network([2, 2, 1])
        sliders = {"mode": widgets.ToggleButtons(options=["weights", "predictions"], value=mode,
                                                 description="move")}
        sliders.update(_network_sliders(weights, biases, limit=2.0))
        for s in sliders.values():
            if isinstance(s, widgets.FloatSlider):
                # The shifted inputs reach 25, so small weights already matter, but 0.1 a
                # key press reaches each suggested value (w1 = -1, w5 = 2, b3 = -1) in 10-20.
                s.step = 0.1
        for name, p in zip(self.names, predictions):
            sliders[name] = float_slider(f"y_pred {name}", float(np.clip(p, 0, 1)), 0, 1, 0.05)
        super().__init__(sliders, visible=controls, canvas=canvas, figsize=(6.2, 3.8))
        self._show_mode_sliders()

    def build(self):
        ax = self.figure.add_subplot()
        self.bars = LossBars(ax, self.names)
        ax.set_ylabel("value (1 = female, 0 = male)")

    def predictions(self):
        """The four predictions: the network's, or the sliders' in mode 'predictions'."""
        if self.value("mode") == "predictions":
            return np.array([self.value(n) for n in self.names])
        self.network.params = params_2_2_1(self.values())
        return self.network.predict(self.X)

    def update(self):
        self.y_pred = self.predictions()
        self.mse = self.bars.update(self.y, self.y_pred)
        rows = [(n, int(w + 135), int(h + 66), int(t), p, se) for n, (w, h), t, p, se
                in zip(self.names, self.X, self.y, self.y_pred, self.bars.squared_errors)]
        header = ("", "lb", "in", "y_true", "y_pred", "(y_true−y_pred)²")
        if self.value("mode") == "weights":
            # The hidden neurons too, so "watch h1" can be done.
            _, activations = self.network._forward(self.X)
            self.hidden = activations[1]
            rows = [(*row[:3], h1, h2, *row[3:]) for row, (h1, h2) in zip(rows, self.hidden)]
            header = (*header[:3], "h1", "h2", *header[3:])
        self.readout.value = (
            table(rows, header=header, title="People")
            + f"<p><b>MSE = mean of the squared errors = {fmt(self.mse)}</b></p>")

    def changed(self, name, change):
        if name == "mode":
            if change["new"] == "predictions":
                # Start the prediction sliders where the network left them.
                for person, p in zip(self.names, self.network.predict(self.X)):
                    self.controls[person].value = round(float(p) * 20) / 20  # the slider's step
            self._show_mode_sliders()

    def _show_mode_sliders(self):
        by_predictions = self.value("mode") == "predictions"
        for name in NETWORK_PARAMS:
            self.controls[name].layout.display = "none" if by_predictions else None
        for name in self.names:
            self.controls[name].layout.display = None if by_predictions else "none"


def loss_explorer(mode="weights", weights=(0,) * 6, biases=(0,) * 3, predictions=(0,) * 4,
                  controls=None, canvas="auto"):
    r"""Watch the mean squared error :math:`L = \frac{1}{n}\sum_i (y_{true,i} - y_{pred,i})^2` move.

    The people data of the seed article (1 = female, 0 = male). ``mode="weights"`` moves
    the 2-2-1 network's nine parameters (all 0 at first: it says 0.5 for everyone, MSE 0.25);
    ``mode="predictions"`` moves the four predictions directly (all 0 at first: MSE 0.5, as
    in the article). Introduced in 04_loss.
    """
    return LossExplorer(mode, weights, biases, predictions, controls=controls, canvas=canvas)
