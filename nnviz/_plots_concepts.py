"""Concept figures: activation curves, the neuron, the network, the people data and the loss.

Built in two layers. Drawer classes (``ActivationCurve``, ``NeuronDiagram``,
``NetworkDiagram``, ``LossBars``, ``XorPanel``) create their artists once and move them
in ``update(...)``; the explorers in ``nnviz.widgets`` call ``update`` on every slider
move. The functions (``activation_curves``, ``neuron_diagram``, ...) are thin wrappers
for static figures: each takes ``ax=None``, returns the Figure and never calls ``plt.show``.
Every number shown is computed by the core (``nnviz.Neuron``, ``nnviz.Network``,
``nnviz.mse``), so the pictures cannot disagree with the code the learner reads.
"""
from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, Ellipse, FancyBboxPatch, Polygon
from matplotlib.transforms import offset_copy

from . import data as _data
from ._validate import describe, as_float_array, choice, finite_number, flag, labels, whole_number
from ._validate import axes as _check_axes
from ._validate import network as _check_network
from .activations import ACTIVATION_NAMES, get_activation
from .network import mse
from .style import BLACK, CLASS_COLORS, CLASS_MARKERS, GREEN, GREY, NEGATIVE, POSITIVE, VERMILLION
from . import style
from .style import MAX_FIGURE_WIDTH, fmt, title
from ._concept_diagrams import (  # noqa: F401 (re-exported: one public home for the concept figures)
    SYMBOLS, NetworkDiagram, NeuronDiagram, network_diagram, neuron_diagram, neuron_formula, node_value,
)

__all__ = [
    "ActivationCurve", "NeuronDiagram", "NetworkDiagram", "LossBars", "XorPanel",
    "activation_curves", "neuron_diagram", "network_diagram", "people_plot", "loss_plot",
    "xor_plot", "neuron_formula", "SYMBOLS", "subplots", "biological_neuron",
    "relu_approximation", "xor_points_plot", "MAX_FIGURE_WIDTH",
]



#: The most rows (or columns) of panels :func:`subplots` makes.
MAX_SUBPLOTS = 12


def subplots(nrows=1, ncols=1, figsize=(6.4, 4.0), **kwargs):
    """``plt.subplots`` for the notebooks: at most ``MAX_FIGURE_WIDTH`` inches wide (it fits the
    notebook column), zoomed with the font size (``nnviz.style.zoomed``), constrained layout,
    no "Figure 1" header above an ipympl figure, and whole frames (``nnviz.style.whole_frames``).

    Returns ``(fig, axes)`` like ``plt.subplots``. Used by the figure cells of 00, 03 and 08.
    """
    import matplotlib.pyplot as plt

    nrows = whole_number(nrows, "nrows", maximum=MAX_SUBPLOTS,
                         why="more panels would not fit the notebook column")
    ncols = whole_number(ncols, "ncols", maximum=MAX_SUBPLOTS,
                         why="more panels would not fit the notebook column")
    width, height = style.zoomed(style.figure_size(figsize, "figsize"))
    if width > MAX_FIGURE_WIDTH:
        width, height = MAX_FIGURE_WIDTH, height * MAX_FIGURE_WIDTH / width
    kwargs.setdefault("layout", "constrained")
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), **kwargs)
    style.hide_header(fig)
    style.whole_frames(fig)   # a dragged slider never leaves a stale picture (matplotlib #19116)
    return fig, axes

#: The most points along z an activation curve is drawn through.
MAX_CURVE_POINTS = 100_000


def _ax(ax, name="ax"):
    """The Axes a drawer draws into: it needs one (the plot functions make it when None)."""
    return _check_axes(ax, name, required=True)


def _curve_z(z, name="z"):
    z = as_float_array(z, name, ndim=1)
    if not 2 <= z.size <= MAX_CURVE_POINTS:
        raise ValueError(f"{name} must hold from 2 to {MAX_CURVE_POINTS:,} points, got {z.size:,}.")
    return z


# --- 02_activations -------------------------------------------------------------------------

class ActivationCurve:
    r"""One activation curve :math:`y = f(w z + b)` and, dashed, its slope :math:`w f'(w z + b)`.

    ``update(name, w, b, derivative)`` changes the function and the parameters in place.
    """

    def __init__(self, ax, name="sigmoid", z=None, color=None, label=True):
        self.ax = _ax(ax)
        get_activation(name, "name")
        if color is not None and not mpl.colors.is_color_like(color):
            raise ValueError(f"color must be a matplotlib colour such as 'C0' or '#0072B2', "
                             f"got {describe(color)}.")
        self.z = np.linspace(-6, 6, 241) if z is None else _curve_z(z)
        self.label = flag(label, "label")
        self.line, = ax.plot(self.z, np.zeros_like(self.z), color=color, linestyle="-")
        self.slope, = ax.plot(self.z, np.zeros_like(self.z), color=self.line.get_color(),
                              linestyle="--")
        self.update(name)

    def update(self, name="sigmoid", w=1.0, b=0.0, derivative=True):
        """Redraw as ``f = name`` with input ``w z + b``; hide the slope if not ``derivative``."""
        act = get_activation(name, "name")
        w, b = finite_number(w, "w"), finite_number(b, "b")
        derivative = flag(derivative, "derivative")
        u = w * self.z + b
        self.values = act.function(u)
        self.slopes = w * act.derivative(u)  # chain rule: d/dz f(wz + b) = w f'(wz + b)
        self.line.set_ydata(self.values)
        self.slope.set_ydata(self.slopes)
        self.slope.set_visible(bool(derivative))
        if self.label:
            symbol = SYMBOLS[name]
            inner = "z" if (w, b) == (1.0, 0.0) else "wz + b"
            self.line.set_label(f"{symbol}({inner})" if name != "linear" else f"linear: {inner}")
            self.slope.set_label(f"slope of {name}")
        return self


def activation_curves(names=("sigmoid", "tanh", "relu", "linear"), derivatives=True, z=None,
                      ax=None):
    r"""Activation functions side by side, each with its derivative dashed in the same colour.

    :math:`\sigma(z) = 1/(1 + e^{-z})`, :math:`\tanh(z)`, :math:`\mathrm{ReLU}(z) = \max(0, z)`,
    :math:`f(z) = z`. Without ``ax``, several names get one small panel each (a 2 x 2 grid for
    four), titled by name, so no curve hides another; with ``ax`` they share that one axes.
    Introduced in 02_activations.
    """
    if isinstance(names, str):
        names = (names,)
    if not isinstance(names, (list, tuple)):
        raise TypeError(f"names must be an activation name or a list of them, such as "
                        f"['sigmoid', 'relu'], got {describe(names)}.")
    names = [choice(n, "names", ACTIVATION_NAMES) for n in names]
    if not names:
        raise ValueError("names must list at least one activation, such as ['sigmoid'], got an "
                         "empty list.")
    derivatives = flag(derivatives, "derivatives")
    z = np.linspace(-5, 5, 201) if z is None else _curve_z(z)
    if ax is None and len(names) > 1:
        ncols = 2
        nrows = -(-len(names) // ncols)
        fig, axes = subplots(nrows, ncols, figsize=(7.6, 2.7 * nrows + 0.4), sharex=True,
                             sharey=True)
        axes = np.ravel(axes)
        for k, (name, panel) in enumerate(zip(names, axes)):
            _activation_panel(panel, [name], derivatives, z, k)
            panel.set_title(f"{name}: {SYMBOLS[name]}(z)" if derivatives else name,
                            fontsize="medium")
            panel.legend().remove()
            if derivatives and name == "relu":
                # The slope is 0 left of 0, exactly where the curve is 0: the dashed line
                # hides under the solid one, so say it in words.
                panel.annotate("slope = 0 for z < 0\n(dashed under solid)", xy=(-2.5, 0.0),
                               xytext=(-4.8, 1.1), fontsize="small",
                               arrowprops=dict(arrowstyle="->", color=GREY, linewidth=0.8))
            if k % ncols:
                panel.set_ylabel("")
            if k < len(names) - ncols:
                panel.set_xlabel("")
        for panel in axes[len(names):]:
            panel.set_visible(False)
        if derivatives:    # said once for all panels: short panel titles fit any style
            fig.suptitle("solid: the function f(z), dashed: its slope f'(z)", fontsize="medium")
        return fig
    ax = style.axes(ax, (6.4, 4.0))
    _activation_panel(ax, names, derivatives, z)
    return ax.figure


def _activation_panel(ax, names, derivatives, z, color_index=None):
    for name in names:
        color = None if color_index is None else style.COLORS[color_index % len(style.COLORS)]
        curve = ActivationCurve(ax, name, z=z, color=color)
        curve.update(name, derivative=derivatives)
        curve.slope.set_label(f"{SYMBOLS[name]}'(z)" if name != "linear" else "f'(z)")
        curve.line.set_label(f"{SYMBOLS[name]}(z)" if name != "linear" else "linear f(z) = z")
    ax.axhline(0, color=GREY, linewidth=0.8, zorder=0)
    ax.axvline(0, color=GREY, linewidth=0.8, zorder=0)
    ax.set_ylim(-1.5, 2.5)
    ax.set_xlabel("z")
    ax.set_ylabel("f(z), and f'(z) dashed" if derivatives else "f(z)")
    ax.legend(loc="upper left", ncol=2)


def _xor_square(ax, xlim, ylim):
    """The unit square of the XOR points: equal axes, ticks at 0 and 1, no grid."""
    ax.set(xlim=xlim, ylim=ylim, xticks=[0, 1], yticks=[0, 1], xlabel="x1", ylabel="x2")
    ax.set_aspect("equal")
    ax.grid(False)


class XorPanel:
    """The four XOR points with the network's output at each, and whether it is right.

    A point is right when its output rounds to its class: above 0.5 means 1.
    Marker shape = the class it should be, fill = the output (white 0 ... blue 1).
    """

    def __init__(self, ax):
        self.ax = _ax(ax)
        self.X, self.y = _data.xor_points()
        _xor_square(ax, (-0.5, 1.5), (-0.5, 1.6))
        self.markers = []
        for (x1, x2), target in zip(self.X, self.y):
            marker, = ax.plot([x1], [x2], linestyle="none", marker=CLASS_MARKERS[int(target)],
                              markersize=22, markeredgewidth=2.5, markeredgecolor=BLACK)
            self.markers.append(marker)
        self.texts = [ax.text(x1, x2 - 0.3, "", ha="center", va="top", fontsize="small")
                      for x1, x2 in self.X]
        self.title = title(ax, fontsize="medium")   # set per update: plain text is faster

    def update(self, network):
        """Colour the points by ``network``'s outputs; returns how many of four are right."""
        _check_network(network, inputs=2, outputs=1)
        self.outputs = np.ravel(network.predict(self.X))
        self.right = (self.outputs > 0.5) == (self.y == 1)
        for marker, text, out, ok in zip(self.markers, self.texts, self.outputs, self.right):
            shade = float(np.clip(out, 0.0, 1.0))
            marker.set_markerfacecolor((1 - shade * 1.0, 1 - shade * 0.55, 1 - shade * 0.3))
            marker.set_markeredgecolor(GREEN if ok else VERMILLION)
            text.set_text(f"{fmt(out, 2)} {'✓' if ok else '✗'}")
        n_right = int(self.right.sum())
        self.solved = n_right == 4
        self.title.set_text("XOR solved: all 4 right!" if self.solved else f"XOR: {n_right} of 4 right")
        self.title.set_color(GREEN if self.solved else BLACK)
        return n_right


def xor_plot(network, ax=None):
    """The four XOR points and a 2-2-1 network's output at each (right ones edged green).

    The network solves XOR when every output rounds to its class. Introduced in 03_network.
    """
    _check_network(network, inputs=2, outputs=1)
    ax = style.axes(ax, (3.6, 3.6))
    XorPanel(ax).update(network)
    return ax.figure


# --- 04_loss --------------------------------------------------------------------------------

def people_plot(shifted=True, names=True, ax=None, units="imperial"):
    """The four people of 04_loss: weight against height, marker by gender.

    Raw units (pounds, inches) with ``shifted=False``; shifted by (135, 66) otherwise, so
    Alice sits at (-2, -1). ``units="metric"``: kilograms and centimetres. Female (1) are
    blue squares, male (0) orange circles, both outlined in black; each person is named.
    """
    X, y = _data.people(shifted=shifted, units=units)
    names = flag(names, "names")
    ax = style.axes(ax, (5.0, 4.0))
    for cls, label in ((_data.FEMALE, "female (1)"), (_data.MALE, "male (0)")):
        pts = X[y == cls]
        ax.plot(pts[:, 0], pts[:, 1], linestyle="none", marker=CLASS_MARKERS[cls],
                color=CLASS_COLORS[cls], markersize=12, markeredgecolor=BLACK,
                markeredgewidth=1.5, label=label)
    if names:
        for name, (w, h) in zip(_data.PEOPLE, X):
            ax.annotate(name, (w, h), xytext=(8, 6), textcoords="offset points", fontsize="small")
    # Room around the people, so no marker or name is cut at the frame.
    span = np.ptp(X, axis=0)
    ax.set_xlim(X[:, 0].min() - 0.12 * span[0], X[:, 0].max() + 0.3 * span[0])
    ax.set_ylim(X[:, 1].min() - 0.12 * span[1], X[:, 1].max() + 0.18 * span[1])
    weight_unit, height_unit = _data.UNIT_NAMES[units]
    if shifted:
        shift = _data.SHIFT if units == "imperial" else _data.to_metric(_data.SHIFT)
        ax.set_xlabel(f"weight ({weight_unit} − {fmt(shift[0], 4)})")
        ax.set_ylabel(f"height ({height_unit} − {fmt(shift[1], 5)})")
    else:
        ax.set_xlabel(f"weight ({weight_unit})")
        ax.set_ylabel(f"height ({height_unit})")
    ax.legend(loc="lower right")
    return ax.figure


class LossBars:
    r"""Per person: the true value, the prediction and the squared error; their mean is the MSE.

    :math:`L = \frac{1}{n}\sum_i (y_{true,i} - y_{pred,i})^2`. Prediction bars are blue,
    the truth a black marker, squared errors vermillion bars beside them; the dashed line
    at height MSE is the mean of the vermillion bars.
    """

    def __init__(self, ax, names):
        self.ax = _ax(ax)
        self.names = labels(names, "names")
        n = len(self.names)
        pos = np.arange(n)
        self.pred_bars = ax.bar(pos - 0.18, np.zeros(n), width=0.34, color=POSITIVE,
                                label="prediction y_pred")
        self.error_bars = ax.bar(pos + 0.18, np.zeros(n), width=0.34, color=NEGATIVE,
                                 hatch="//", edgecolor="white", label="squared error")
        self.truth, = ax.plot(pos - 0.18, np.zeros(n), linestyle="none", marker="D",
                              color=BLACK, markersize=9, label="truth y_true")
        # The line stops after the last bar; its label continues it in the empty column.
        self.mse_line = ax.axhline(0, xmax=n / (n + 1.5), color=NEGATIVE, linestyle="--",
                                   linewidth=1.5)
        # The label sits in an empty column right of the bars, so it never covers one.
        self.mse_text = ax.text(n - 0.5, 0, "", ha="left", va="center", color=NEGATIVE,
                                fontsize="small", zorder=5)
        ax.set_xticks(pos, self.names)
        ax.set_xlim(-0.6, n + 0.9)
        ax.set_ylim(-0.06, 1.12)  # room for a truth marker at 0
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
        # A key in coloured words rather than ax.legend(): a legend lays itself out again on
        # every draw, which costs as much as the rest of this figure.
        for x, text, color in ((0.0, "◆ truth y_true", BLACK), (0.36, "■ prediction y_pred", POSITIVE),
                               (0.75, "■ squared error", NEGATIVE)):
            ax.text(x, 1.02, text, color=color, transform=ax.transAxes, fontsize="small",
                    va="bottom")

    def update(self, y_true, y_pred):
        """Show these truths and predictions; returns the MSE (computed by ``nnviz.mse``)."""
        y_true = np.ravel(as_float_array(y_true, "y_true"))
        y_pred = np.ravel(as_float_array(y_pred, "y_pred"))
        if y_true.size != len(self.names):
            raise ValueError(f"y_true must hold one value per name ({len(self.names)}: "
                             f"{', '.join(self.names)}), got {y_true.size}.")
        self.mse = mse(y_true, y_pred)
        self.squared_errors = (y_true - y_pred) ** 2
        for bar, value in zip(self.pred_bars, y_pred):
            bar.set_height(value)
        for bar, value in zip(self.error_bars, self.squared_errors):
            bar.set_height(value)
        self.truth.set_ydata(y_true)
        self.mse_line.set_ydata([self.mse, self.mse])
        self.mse_text.set_y(self.mse)
        self.mse_text.set_text(f"MSE = {fmt(self.mse, 3)}")
        return self.mse


def loss_plot(y_true, y_pred, names=None, ax=None):
    r"""Bars of predictions and squared errors per sample, with the MSE as a dashed line.

    :math:`L = \frac{1}{n}\sum_i (y_{true,i} - y_{pred,i})^2`: the MSE is the mean height of
    the squared-error bars. Introduced in 04_loss.
    """
    y_true = np.ravel(as_float_array(y_true, "y_true"))
    if not 1 <= y_true.size <= 100:
        raise ValueError(f"y_true must hold from 1 to 100 values (one bar each), got {y_true.size}.")
    names = [f"#{i + 1}" for i in range(y_true.size)] if names is None else \
        labels(names, "names", count=y_true.size)
    mse(y_true, y_pred)   # checks y_pred against y_true before anything is drawn
    ax = style.axes(ax, (6.0, 3.8))
    LossBars(ax, names).update(y_true, y_pred)
    ax.set_ylabel("value")
    return ax.figure


# --- pictures a teacher projects --------------------------------------------------------------

def biological_neuron(ax=None):
    r"""A nerve cell drawn with matplotlib patches: dendrites, cell body, axon, axon terminals.

    Each part is labelled with its job and the part of the artificial neuron it became:
    dendrites receive (inputs :math:`x_i` with weights :math:`w_i`), the cell body combines
    (:math:`z = w \cdot x + b`, then :math:`f(z)`), the axon sends on (the output :math:`y`).
    No image file: every stroke is computed here. Introduced in 01_neuron.
    """
    ax = style.axes(ax, (7.6, 3.4))
    ax.set_xlim(0, 12)
    ax.set_ylim(0, 5.9)
    ax.set_aspect("equal")
    ax.axis("off")
    body_xy, body_r = (3.2, 2.6), 0.95
    membrane = dict(facecolor=style.SKY_BLUE, edgecolor=BLACK, linewidth=1.5)
    # Dendrites: branching strokes into the cell body, from the left.
    for angle in (150, 175, 200, 125, 225):
        a = np.deg2rad(angle)
        start = (body_xy[0] + body_r * np.cos(a), body_xy[1] + body_r * np.sin(a))
        mid = (body_xy[0] + 2.0 * np.cos(a), body_xy[1] + 2.0 * np.sin(a))
        ax.plot([start[0], mid[0]], [start[1], mid[1]], color=BLACK, linewidth=2.5,
                solid_capstyle="round", zorder=1)
        for turn in (-25, 25):
            b = np.deg2rad(angle + turn)
            end = (mid[0] + 0.8 * np.cos(b), mid[1] + 0.8 * np.sin(b))
            ax.plot([mid[0], end[0]], [mid[1], end[1]], color=BLACK, linewidth=1.5,
                    solid_capstyle="round", zorder=1)
    ax.add_patch(Circle(body_xy, body_r, zorder=2, **membrane))
    ax.add_patch(Circle((body_xy[0] - 0.15, body_xy[1] + 0.1), 0.32, facecolor=style.BLUE,
                        edgecolor=BLACK, zorder=3))
    # The axon: a long cable wrapped in myelin segments, ending in terminals.
    x0, x1 = body_xy[0] + body_r, 9.6
    ax.add_patch(Polygon([(x0 - 0.1, body_xy[1] + 0.35), (x0 + 0.5, body_xy[1] + 0.12),
                          (x0 + 0.5, body_xy[1] - 0.12), (x0 - 0.1, body_xy[1] - 0.35)],
                         zorder=2, **membrane))
    ax.plot([x0 + 0.4, x1], [body_xy[1]] * 2, color=BLACK, linewidth=2.5, zorder=1)
    for left in np.arange(x0 + 0.8, x1 - 0.6, 1.05):
        ax.add_patch(FancyBboxPatch((left, body_xy[1] - 0.22), 0.8, 0.44,
                                    boxstyle="round,pad=0.02,rounding_size=0.2",
                                    facecolor=style.YELLOW, edgecolor=BLACK, zorder=2))
    for angle in (-40, -15, 15, 40):
        a = np.deg2rad(angle)
        end = (x1 + 1.0 * np.cos(a), body_xy[1] + 1.0 * np.sin(a))
        ax.plot([x1, end[0]], [body_xy[1], end[1]], color=BLACK, linewidth=1.5, zorder=1)
        ax.add_patch(Ellipse(end, 0.3, 0.3, facecolor=style.ORANGE, edgecolor=BLACK, zorder=2))
    small = dict(fontsize="small", ha="center")
    ax.text(1.3, 5.85, "dendrites: receive\n= inputs $x_i$, weights $w_i$", va="top", **small)
    ax.text(body_xy[0] + 1.5, 0.6, "cell body: combines\n= $z = w \\cdot x + b$, then $f(z)$",
            va="center", **small)
    ax.text(6.8, 3.25, "axon: sends on = the output $y$", va="bottom", **small)
    ax.text(10.7, 1.05, "terminals: to\nother cells", va="center", **small)
    ax.set_title("A nerve cell, and what the artificial neuron copies", fontsize="medium")
    return ax.figure


def _relu_pieces(z, pieces, lo=-2.0, hi=2.0):
    """A one-hidden-layer ReLU net with a linear output that follows z² between corners."""
    corners = np.linspace(lo, hi, pieces + 1)
    slopes = np.diff(corners ** 2) / np.diff(corners)
    y = corners[0] ** 2 + slopes[0] * (z - corners[0])
    for i in range(1, pieces):
        y = y + (slopes[i] - slopes[i - 1]) * np.maximum(0.0, z - corners[i])
    return y, corners


def relu_approximation(pieces=(2, 4, 8), ax=None):
    r"""The curve :math:`y = z^2` on [-2, 2] and ReLU sums that follow it, one per piece count.

    With ``k`` pieces, corners :math:`c_0 < \dots < c_k` and slopes :math:`s_i` of the straight
    pieces, :math:`\hat y(z) = c_0^2 + s_1 (z - c_0) + \sum_{i=1}^{k-1} (s_{i+1} - s_i)\,
    \mathrm{ReLU}(z - c_i)`: a tiny network, one hidden layer of ReLU neurons and a linear
    output. The largest error is :math:`(\text{spacing}/2)^2`, so doubling the pieces
    divides it by four. Introduced in 02_activations.
    """
    if isinstance(pieces, (int, np.integer)):
        pieces = (pieces,)
    if isinstance(pieces, (str, bytes)) or not hasattr(pieces, "__iter__"):
        raise TypeError(f"pieces must be a list of whole numbers, got {type(pieces).__name__}.")
    pieces = [whole_number(p, "pieces", minimum=1) for p in pieces]
    if not pieces or max(pieces) > 1000:
        raise ValueError(f"pieces must hold whole numbers from 1 to 1000, got {pieces!r}.")
    ax = style.axes(ax, (6.4, 3.8))
    z = np.linspace(-2, 2, 401)
    ax.plot(z, z ** 2, color=BLACK, linewidth=3, linestyle="-", label="target $z^2$", zorder=3)
    errors = {}
    for k, p in enumerate(pieces):
        y, corners = _relu_pieces(z, p)
        errors[p] = float(np.max(np.abs(y - z ** 2)))
        color, linestyle = style.COLORS[k % len(style.COLORS)], style.LINESTYLES[(k + 1) % 7]
        ax.plot(z, y, color=color, linestyle=linestyle, linewidth=2,
                label=f"{p} ReLU pieces: largest error {errors[p]:.3f}")
        ax.plot(corners, corners ** 2, linestyle="none", marker="o", color=color,
                markeredgecolor=BLACK, markersize=6)
    ax.set_xlabel("z")
    ax.set_ylabel("y")
    ax.set_ylim(-0.3, 4.6)
    ax.legend(loc="upper center", fontsize="small")
    ax.set_title("Straight pieces, bent at ReLU corners (dots), follow a curve", fontsize="medium")
    return ax.figure


def _points(size):
    """A font size ("small", 11.0, ...) in points."""
    return FontProperties(size=size).get_size_in_points()


def xor_points_plot(network=None, ax=None):
    r"""The four XOR points, with what they should be: 1 when exactly one input is 1.

    Class 1 blue squares, class 0 orange circles, outlined and labelled "(x1, x2) → y".
    With ``network`` (any nnviz.Network with 2 inputs and 1 output, e.g. one neuron,
    ``Network([2, 1])``), the plane is shaded where it says 1 (output above 0.5), its
    boundary :math:`o_1 = 0.5` is drawn, and every point it gets wrong is ringed and marked
    "wrong". Introduced in 03_network.
    """
    _check_network(network, optional=True)
    X, y = _data.xor_points()
    ax = style.axes(ax, (4.4, 4.0))
    _xor_square(ax, (-0.6, 1.6), (-0.6, 1.6))
    wrong = np.zeros(4, dtype=bool)
    if network is not None:
        grid = np.linspace(-0.6, 1.6, 89)
        A, B = np.meshgrid(grid, grid)
        out = np.reshape(network.predict(np.column_stack([A.ravel(), B.ravel()])), A.shape)
        ax.contourf(A, B, out, levels=[0, 0.5, 1], colors=[CLASS_COLORS[0], CLASS_COLORS[1]],
                    alpha=0.18)
        if out.min() < 0.5 < out.max():
            ax.contour(A, B, out, levels=[0.5], colors=BLACK, linewidths=2)
        wrong = (np.ravel(network.predict(X)) > 0.5) != (y == 1)
    for cls, label in ((1, "XOR = 1"), (0, "XOR = 0")):
        pts = X[y == cls]
        ax.plot(pts[:, 0], pts[:, 1], linestyle="none", marker=CLASS_MARKERS[cls],
                color=CLASS_COLORS[cls], markersize=18, markeredgecolor=BLACK,
                markeredgewidth=2, label=label, zorder=4)
    for (x1, x2), target in zip(X, y):
        ax.annotate(f"({int(x1)}, {int(x2)}) → {int(target)}", (x1, x2), xytext=(0, 19),
                    textcoords="offset points", ha="center", va="bottom", fontsize="small",
                    zorder=5)
    if wrong.any():
        ax.plot(X[wrong, 0], X[wrong, 1], linestyle="none", marker="o", markersize=30,
                markerfacecolor="none", markeredgecolor=BLACK, markeredgewidth=2.5,
                label="wrong", zorder=5)
        for x1, x2 in X[wrong]:
            ax.annotate("wrong", (x1, x2), xytext=(0, -22), textcoords="offset points",
                        ha="center", va="top", fontsize="small", fontweight="bold", zorder=5)
    # Below the square, in a row; one entry a line under larger fonts (the classroom style),
    # where a row would run past a half-width panel.
    # Anchored under the x axis' ticks and label, measured in points so at any font size.
    rc = mpl.rcParams
    below = (rc["xtick.major.size"] + rc["xtick.major.pad"] + _points(rc["xtick.labelsize"])
             + rc["axes.labelpad"] + 1.3 * _points(rc["axes.labelsize"]))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), fontsize="small", markerscale=0.5,
              bbox_transform=offset_copy(ax.transAxes, fig=ax.figure, y=-below, units="points"),
              ncol=3 if style.zoom_factor() == 1 else 1)
    return ax.figure
