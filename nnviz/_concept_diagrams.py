"""The neuron and network diagrams of 01_neuron and 03_network, and the neuron's formula.

Each picture comes as a drawer class (artists made once, moved with ``update``; the
explorers in ``nnviz.widgets`` use them) and a function that makes one still figure.
Public through ``nnviz.plots``; split from ``_plots_concepts`` to keep each file short.
"""
from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.patches import Circle, FancyBboxPatch

from . import style
from ._validate import as_float_array, describe, finite_number, flag, whole_number
from ._validate import axes as _check_axes
from ._validate import network as _check_network
from .network import Neuron, node_names
from .style import BLACK, GREY, MAX_FIGURE_WIDTH, fmt, signed_color

__all__ = ["NeuronDiagram", "NetworkDiagram", "neuron_diagram", "network_diagram", "neuron_formula",
           "node_value", "SYMBOLS", "MAX_DIAGRAM_NODES", "MAX_EDGE_WEIGHT"]

#: How each activation is written in diagrams and formulas.
SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "linear": "f"}

#: Weights at or beyond this size get the thickest edge.
MAX_EDGE_WEIGHT = 5.0
#: The most neurons a diagram draws in one layer (and inputs a neuron diagram draws):
#: more would not fit the notebook column or be readable.
MAX_DIAGRAM_NODES = 12
def _ax(ax, name="ax"):
    """The Axes a drawer draws into: it needs one (the plot functions make it when None)."""
    return _check_axes(ax, name, required=True)


def _diagram_sizes(layer_sizes, name="layer_sizes"):
    if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, (list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a list of layer sizes such as [2, 2, 1], "
                        f"got {describe(layer_sizes)}.")
    sizes = list(layer_sizes)
    if not 2 <= len(sizes) <= 8:
        raise ValueError(f"{name} must list from 2 to 8 layers (input to output), got {len(sizes)}.")
    return [whole_number(n, f"{name}[{i}]", minimum=1, maximum=MAX_DIAGRAM_NODES,
                         why="a diagram with more neurons in one layer would not fit the page")
            for i, n in enumerate(sizes)]


def _edge_width(weight, base=1.0):
    # Thin but visible at 0, five times as thick at MAX_EDGE_WEIGHT and beyond.
    return base * (0.6 + 2.4 * min(abs(weight), MAX_EDGE_WEIGHT) / MAX_EDGE_WEIGHT)


# --- 01_neuron ------------------------------------------------------------------------------

def _term(value) -> str:
    text = fmt(value, 3)
    return f"({text})" if text.startswith("-") else text


def neuron_formula(weights, bias, x=None, activation="sigmoid") -> str:
    """The neuron's formula with the numbers put in, e.g. ``y = σ(0·2 + 1·3 + 4) = σ(7) = 0.999``.

    Without ``x`` the inputs stay symbols: ``y = σ(0·x1 + 1·x2 + 4)``. Introduced in 01_neuron.
    """
    neuron = Neuron(weights, bias, activation)
    symbol = SYMBOLS[neuron.activation]
    xs = [f"x{i + 1}" for i in range(neuron.weights.size)] if x is None else \
        [_term(v) for v in neuron._check_x(x)]
    inside = " + ".join(f"{_term(w)}·{xi}" for w, xi in zip(neuron.weights, xs))
    inside += f" + {_term(neuron.bias)}"
    wrap = (lambda s: s) if neuron.activation == "linear" else (lambda s: f"{symbol}({s})")
    text = f"y = {wrap(inside)}"
    if x is not None:
        z, y = neuron.weighted_sum(x), neuron.feedforward(x)
        text += f" = {wrap(fmt(z, 3))}"
        if neuron.activation != "linear":
            text += f" = {fmt(y, 3)}"
    return text


class NeuronDiagram:
    r"""One neuron drawn as inputs -> weighted edges -> sum -> activation -> output.

    :math:`z = w_1 x_1 + w_2 x_2 + b`, :math:`y = f(z)`. Edge colour shows the weight's
    sign, width its size. ``update(weights, bias, x, activation)`` moves everything.
    """

    def __init__(self, ax, n_inputs=2):
        self.ax = _ax(ax)
        self.n = n_inputs = whole_number(n_inputs, "n_inputs", minimum=1, maximum=MAX_DIAGRAM_NODES,
                                         why="more inputs would not fit the diagram")
        ax.set_xlim(0, 10)
        ax.set_ylim(-0.6, 6.6)
        ax.set_aspect("equal")
        ax.axis("off")
        ys = np.linspace(5, 1, n_inputs) if n_inputs > 1 else np.array([3.0])
        self.sum_xy, self.act_xy, self.out_xy = (4.6, 3.0), (6.9, 3.0), (9.0, 3.0)
        self.edges, self.weight_texts, self.input_texts = [], [], []
        self.base_width = mpl.rcParams["lines.linewidth"]  # thicker under style "classroom"
        for i, y in enumerate(ys):
            edge, = ax.plot([1.0, self.sum_xy[0]], [y, 3.0], linestyle="-", solid_capstyle="round",
                            zorder=1)
            self.edges.append(edge)
            t = 0.45  # label a little before the middle, where the edges are apart
            # above its edge by more where the edge is steeper, so no corner of a wide
            # label ("w2 = -1.25" in classroom fonts) touches it
            lift = 0.25 + 0.9 * abs(3.0 - y) / (self.sum_xy[0] - 1.0)
            self.weight_texts.append(ax.text(1.0 + t * (self.sum_xy[0] - 1.0), y + t * (3.0 - y) + lift,
                                             "", ha="center", va="bottom", fontsize="small",
                                             zorder=4))
            ax.add_patch(Circle((1.0, y), 0.55, facecolor="white", edgecolor=BLACK, zorder=2))
            self.input_texts.append(ax.text(1.0, y, "", ha="center", va="center", zorder=3,
                                            fontsize="small"))
        ax.plot([self.sum_xy[0], self.sum_xy[0]], [0.6, 3.0], color=GREY, linestyle="-", zorder=1)
        self.bias_text = ax.text(self.sum_xy[0], 0.3, "", ha="center", va="top", fontsize="small")
        ax.plot([self.sum_xy[0], self.out_xy[0]], [3.0, 3.0], color=BLACK, linestyle="-", zorder=1)
        ax.add_patch(Circle(self.sum_xy, 0.7, facecolor="white", edgecolor=BLACK, zorder=2))
        ax.text(*self.sum_xy, "Σ", ha="center", va="center", fontsize="large", zorder=3)
        # above the Σ circle's shoulder and the f box, so "z = -0.123" touches neither
        self.z_text = ax.text(self.sum_xy[0] + 1.2, 3.8, "", ha="center", va="bottom",
                              fontsize="small")
        ax.add_patch(FancyBboxPatch((self.act_xy[0] - 0.6, 2.4), 1.2, 1.2,
                                    boxstyle="round,pad=0.05", facecolor="white",
                                    edgecolor=BLACK, zorder=2))
        self.act_text = ax.text(*self.act_xy, "", ha="center", va="center", zorder=3)
        # wide enough for "y" over "0.00247" in classroom fonts
        ax.add_patch(Circle(self.out_xy, 0.85, facecolor="white", edgecolor=BLACK, zorder=2))
        self.out_text = ax.text(*self.out_xy, "", ha="center", va="center", fontsize="small",
                                zorder=3)
        self.formula_text = ax.text(5.0, 6.5, "", ha="center", va="top")

    def update(self, weights, bias, x=None, activation="sigmoid"):
        """Show the neuron with these numbers; ``x=None`` leaves the inputs as symbols."""
        neuron = Neuron(weights, bias, activation)
        if neuron.weights.size != self.n:
            raise ValueError(f"weights must hold {self.n} numbers for this diagram, "
                             f"got {neuron.weights.size}.")
        if x is not None:
            x = neuron._check_x(x)
            if x.ndim != 1:
                raise ValueError(f"x must be one input of {self.n} numbers, got shape {x.shape}.")
        self.neuron = neuron
        for i, (edge, text, w) in enumerate(zip(self.edges, self.weight_texts, neuron.weights)):
            edge.set_color(signed_color(w))
            edge.set_linewidth(_edge_width(w, self.base_width))
            text.set_text(f"w{i + 1} = {fmt(w, 3)}")
        for i, text in enumerate(self.input_texts):
            text.set_text(f"x{i + 1}" if x is None else f"x{i + 1}\n{fmt(np.ravel(x)[i], 3)}")
        self.bias_text.set_text(f"b = {fmt(neuron.bias, 3)}")
        self.act_text.set_text(SYMBOLS[neuron.activation])
        if x is None:
            self.z = self.y = None
            self.z_text.set_text("z")
            self.out_text.set_text("y")
        else:
            self.z, self.y = neuron.weighted_sum(x), neuron.feedforward(x)
            self.z_text.set_text(f"z = {fmt(self.z, 3)}")
            self.out_text.set_text(f"y\n{fmt(self.y, 3)}")
        self.formula_text.set_text(neuron_formula(neuron.weights, neuron.bias, x, activation))
        return self


def neuron_diagram(neuron_or_weights, bias=None, x=None, activation="sigmoid", ax=None):
    r"""Draw one neuron, :math:`y = f(w \cdot x + b)`, with its formula and numbers.

    Pass an ``nnviz.Neuron``, or the weights plus ``bias`` (and ``activation``). With ``x``
    the diagram shows the forward pass, e.g. ``y = σ(0·2 + 1·3 + 4) = σ(7) = 0.999`` for
    the seed article's neuron. Introduced in 01_neuron.
    """
    if isinstance(neuron_or_weights, Neuron):
        neuron = neuron_or_weights
    else:
        if isinstance(neuron_or_weights, (str, bytes)) or not isinstance(
                neuron_or_weights, (list, tuple, np.ndarray)):
            raise TypeError("neuron_or_weights must be an nnviz.Neuron or a list of weights such as "
                            f"[0, 1], got {describe(neuron_or_weights)}.")
        weights = as_float_array(neuron_or_weights, "neuron_or_weights", ndim=1)
        if weights.size == 0:
            raise ValueError("neuron_or_weights must hold at least one weight, got an empty list.")
        if bias is None:
            raise TypeError("bias must be a number when neuron_or_weights is a list of weights, "
                            "got None.")
        neuron = Neuron(neuron_or_weights, bias, activation)
    if neuron.weights.size > MAX_DIAGRAM_NODES:
        raise ValueError(f"neuron_or_weights must hold at most {MAX_DIAGRAM_NODES} weights for a "
                         f"diagram, got {neuron.weights.size}.")
    if x is not None:
        x = as_float_array(x, "x", ndim=1)
        if x.size != neuron.weights.size:
            raise ValueError(f"x must hold one value per weight in neuron_or_weights "
                             f"({neuron.weights.size}), got {describe(x)}.")
    ax = style.axes(ax, (7.0, 4.2))
    NeuronDiagram(ax, neuron.weights.size).update(neuron.weights, neuron.bias, x, neuron.activation)
    return ax.figure


# --- 03_network -----------------------------------------------------------------------------

def node_value(value) -> str:
    """A node's value as a diagram shows it: 3 significant digits, but never ``4.47e-07``:
    a sigmoid output that small reads ``0.000``. Introduced in 03_network."""
    text = fmt(value, 3)
    tiny = 0 < abs(float(value)) < 1e-4           # fmt writes these 0.0000: 3 places here
    return f"{float(value):.3f}" if ("e" in text or tiny) and abs(float(value)) < 1e4 else text



class NetworkDiagram:
    r"""A fully connected network, any layer sizes, with the values of one forward pass.

    Weights are numbered as in the seed article, layer by layer and neuron by neuron:
    :math:`h_1 = f(w_1 x_1 + w_2 x_2 + b_1)`, :math:`h_2 = f(w_3 x_1 + w_4 x_2 + b_2)`,
    :math:`o_1 = f(w_5 h_1 + w_6 h_2 + b_3)`. Edge colour = sign of the weight, width =
    its size. ``edges[k]`` / ``weight_texts[k]`` belong to weight ``w{k+1}``; ``node_texts``
    maps a node name (``"h1"``) to its label; ``bias_texts[k]`` to ``b{k+1}``.
    """

    def __init__(self, ax, layer_sizes=(2, 2, 1), label_at=0.35, weight_labels=None):
        self.ax = _ax(ax)
        self.layer_sizes = _diagram_sizes(layer_sizes)
        label_at = finite_number(label_at, "label_at")
        if not 0 <= label_at <= 1:
            raise ValueError(f"label_at must be from 0 (at the start of an edge) to 1 (at its end), "
                             f"got {label_at}.")
        if weight_labels is not None:
            weight_labels = flag(weight_labels, "weight_labels")
        self.names = node_names(self.layer_sizes)
        tallest = max(self.layer_sizes)
        gap, step = 4.5, 2.4  # between layers, between nodes of a layer
        self.xy = [[(gap * l, step * ((n - 1) / 2 - j)) for j in range(n)]
                   for l, n in enumerate(self.layer_sizes)]
        top = step * (tallest - 1) / 2
        ax.set_xlim(-0.8, gap * (len(self.layer_sizes) - 1) + 0.8)
        ax.set_ylim(-top - 1.5, top + 1.3)
        ax.set_aspect("equal")
        ax.axis("off")
        self.edges, self.weight_texts, self.bias_texts, self.node_texts = [], [], [], {}
        self.base_width = 0.8 * mpl.rcParams["lines.linewidth"]
        small = "small" if tallest <= 3 else "x-small"
        for l in range(len(self.layer_sizes) - 1):
            for j, (x1, y1) in enumerate(self.xy[l + 1]):        # neuron j of the next layer
                for i, (x0, y0) in enumerate(self.xy[l]):        # gets input i
                    edge, = ax.plot([x0, x1], [y0, y1], linestyle="-", solid_capstyle="round",
                                    zorder=1)
                    self.edges.append(edge)
                    # Level edges and edges into the output are labelled half-way, other
                    # slanted ones a third of the way:
                    # clear of the circles, and the labels of two edges leaving one node
                    # (w1, w3) or crossing (w2, w3) do not stack.
                    at = 0.5 if y0 == y1 or l == len(self.layer_sizes) - 2 else label_at
                    tx, ty = x0 + at * (x1 - x0), y0 + at * (y1 - y0)
                    self.weight_texts.append(ax.text(
                        tx, ty, "", ha="center", va="center", fontsize=small, zorder=4,
                        bbox=dict(boxstyle="round,pad=0.1", facecolor="white",
                                  edgecolor="none", alpha=0.85)))
        if weight_labels is None:  # past a dozen edges the labels hide the picture
            weight_labels = len(self.edges) <= 12
        for text in self.weight_texts:
            text.set_visible(weight_labels)
        radius = 0.6
        for l, layer in enumerate(self.xy):
            for j, (x, y) in enumerate(layer):
                ax.add_patch(Circle((x, y), radius, facecolor="white", edgecolor=BLACK, zorder=2))
                name = self.names[l][j]
                self.node_texts[name] = ax.text(x, y, name, ha="center", va="center",
                                                fontsize=small, zorder=3)
                if l > 0:
                    self.bias_texts.append(ax.text(
                        x, y - radius - 0.05, "", ha="center", va="top", fontsize="x-small",
                        zorder=4, bbox=dict(boxstyle="round,pad=0.1", facecolor="white",
                                            edgecolor="none", alpha=0.85)))   # over edges
        self.title = ax.text(gap * (len(self.layer_sizes) - 1) / 2, top + 1.3, "",
                             ha="center", va="top", fontsize="small")

    def update(self, network, x=None, y=None, show_gradients=False):
        """Show ``network``'s weights; with ``x`` the forward pass, with ``y`` the loss too.

        ``show_gradients`` (needs ``x`` and ``y``) adds dL/dw to every weight and bias,
        for the loss :math:`L = (y - o_1)^2` of this one sample.
        """
        _check_network(network)
        show_gradients = flag(show_gradients, "show_gradients")
        if network.layer_sizes != self.layer_sizes:
            raise ValueError(f"network must have layer sizes {self.layer_sizes} for this diagram, "
                             f"got {network.layer_sizes}.")
        if x is not None:
            x = network._check_X(x, "x")
        if y is not None:
            y = as_float_array(y, "y")
        network._check_params()
        weights = np.concatenate([W.ravel() for W in network.weights])
        biases = np.concatenate([b.ravel() for b in network.biases])
        grads = None
        if show_gradients:
            if x is None or y is None:
                raise ValueError("show_gradients needs both x and y (the loss depends on them), "
                                 f"got x={x!r}, y={y!r}.")
            g = network.gradients(x, y)
            grads = (np.concatenate([dW.ravel() for dW in g[0::2]]),
                     np.concatenate([db.ravel() for db in g[1::2]]))

        for k, (edge, text, w) in enumerate(zip(self.edges, self.weight_texts, weights)):
            edge.set_color(signed_color(w))
            edge.set_linewidth(_edge_width(w, self.base_width))
            label = f"w{k + 1} = {fmt(w, 3)}"
            if grads is not None:
                label += f"\n∂L/∂w{k + 1} = {fmt(grads[0][k], 3)}"
            text.set_text(label)
        for k, (text, b) in enumerate(zip(self.bias_texts, biases)):
            label = f"b{k + 1} = {fmt(b, 3)}"
            if grads is not None:
                label += f"\n∂L/∂b{k + 1} = {fmt(grads[1][k], 3)}"
            text.set_text(label)

        self.values = None
        if x is None:
            for names in self.names:
                for name in names:
                    self.node_texts[name].set_text(name)
            self.title.set_text("")
            return self
        X = network._check_X(x)
        X = X[None, :] if X.ndim == 1 else X[:1]
        with np.errstate(over="ignore", invalid="ignore"):
            _, activations = network._forward(X)
        # values[name] is the node's output in this forward pass: x1, h1, o1, ...
        self.values = {name: float(a[0, j]) for names, a in zip(self.names, activations)
                       for j, name in enumerate(names)}
        for name, value in self.values.items():
            self.node_texts[name].set_text(f"{name}\n{node_value(value)}")
        if y is not None:
            self.loss = network.loss(X, np.reshape(y, (1, -1)))
            self.title.set_text(f"loss L = (y − o)² = {fmt(self.loss, 3)}  for y = {fmt(np.ravel(y)[0], 3)}")
        else:
            self.title.set_text("")
        return self


def network_diagram(network, x=None, show_gradients=False, y=None, ax=None):
    r"""Draw a network: nodes x1, x2 -> h1, h2 -> o1 (any layer sizes), edges by weight.

    Edge colour is the sign of the weight (blue +, vermillion -), width its size. With
    ``x`` every node shows its value in the forward pass :math:`a = f(W a_{prev} + b)`;
    with ``y`` and ``show_gradients`` every weight also shows :math:`\partial L/\partial w`.
    Introduced in 03_network (gradients in 05_backprop).
    """
    _check_network(network)
    _diagram_sizes(network.layer_sizes, "network's layer_sizes")
    show_gradients = flag(show_gradients, "show_gradients")
    if x is not None:
        network._check_X(x, "x")
    if y is not None:
        as_float_array(y, "y")
    width, height = 2.6 * len(network.layer_sizes) + 0.6, 1.2 * max(network.layer_sizes) + 1.6
    if width > MAX_FIGURE_WIDTH:  # shrink as a whole, to fit the notebook column
        width, height = MAX_FIGURE_WIDTH, height * MAX_FIGURE_WIDTH / width
    ax = style.axes(ax, (width, height))
    NetworkDiagram(ax, network.layer_sizes).update(network, x, y, show_gradients)
    return ax.figure
