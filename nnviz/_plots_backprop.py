r"""The backpropagation figure of 05_backprop: one training example, one step at a time.

``BackpropDiagram`` draws a :class:`nnviz.backprop.BackpropSteps` on the network diagram of
03_network: after step ``k`` every node shows the output computed so far, every edge its
weight and (once the backward pass has reached it) :math:`\partial L/\partial w`, and the
lines under the graph write the step's equation in symbols and in numbers. Artists are made
once in ``__init__`` and moved by ``update(steps, k)``: the explorer
(``nnviz.widgets.backprop_explorer``) calls it on every click. ``backprop_diagram`` is the
still figure: ``ax=None``, returns the Figure.
"""
from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.patches import Circle

from . import style
from ._concept_diagrams import NetworkDiagram, node_value
from ._validate import axes as _check_axes
from ._validate import describe
from .backprop import BackpropSteps, StepKind, exact_text
from .style import BLACK, GREY, MAX_FIGURE_WIDTH, YELLOW

__all__ = ["BackpropDiagram", "backprop_diagram"]

#: Where the written-out equation sits, in diagram units below the graph.
_TEXT_ROOM = 2.5
#: The largest body font size (points) the figure has room for at the notebook column's width:
#: the classroom style's 18 pt is drawn at 14 pt here (tests/test_style_classroom.py finds two
#: edge labels, the header and the last step's lines running into each other above that).
_LARGEST_FONT_SIZE = 14.0
#: How much further apart the nodes of a layer are than in the 03 diagram.
_SPREAD = 1.45
_KIND_WORDS = {
    StepKind.START: "start",
    StepKind.FORWARD: "forward pass",
    StepKind.LOSS: "the loss",
    StepKind.OUTPUT_ERROR: "backward pass starts",
    StepKind.BACKWARD: "backward pass",
    StepKind.UPDATE: "one gradient-descent step",
}


def _spread(d, factor):
    """Move a NetworkDiagram's layers apart vertically by ``factor``: two-line labels on
    every edge (a weight and its derivative) need more room than the 03 diagram gives."""
    radius = 0.6
    d.xy = [[(x, factor * y) for x, y in layer] for layer in d.xy]
    for edge, text in zip(d.edges, d.weight_texts):
        edge.set_ydata(factor * np.asarray(edge.get_ydata()))
        tx, ty = text.get_position()
        text.set_position((tx, factor * ty))
    for patch in d.ax.patches:
        if isinstance(patch, Circle):
            cx, cy = patch.center
            patch.center = (cx, factor * cy)
    k = 0
    for l, (names, layer) in enumerate(zip(d.names, d.xy)):
        for name, (x, y) in zip(names, layer):
            d.node_texts[name].set_position((x, y))
            if l > 0:
                # Above the nodes of the top half, below the others: clear of the edges'
                # labels, which sit between the layers.
                text = d.bias_texts[k]
                if y > 0:
                    text.set_position((x, y + radius + 0.05))
                    text.set_verticalalignment("bottom")
                else:
                    text.set_position((x, y - radius - 0.05))
                k += 1
    half = factor * 2.4 * (max(d.layer_sizes) - 1) / 2
    d.ax.set_ylim(-half - 1.25, half + 1.35)


def step_title(steps, k) -> str:
    """'Step 10 of 16 · backward pass: ∂L/∂w1', the header of step ``k`` (counted from 1 on
    screen). Introduced in 05_backprop."""
    step = steps[k]
    what = {StepKind.FORWARD: f": {step.target}", StepKind.BACKWARD: f": ∂L/∂{step.target}",
            StepKind.LOSS: ": L", StepKind.OUTPUT_ERROR: ": ∂L/∂y_pred"}.get(step.kind, "")
    return f"Step {k + 1} of {len(steps)} · {_KIND_WORDS[step.kind]}{what}"


class BackpropDiagram:
    r"""The network diagram with one step of backpropagation on it. Introduced in 05_backprop.

    ``update(steps, k)`` shows :class:`~nnviz.backprop.BackpropSteps` ``steps`` after step
    ``k``: node labels ``"h1\n0.0474"`` once the forward pass has computed them, edge labels
    ``"w1 = 1\n∂L/∂w1 = 0.0214695"`` once the backward pass has (with the chain rule
    :math:`\frac{\partial L}{\partial w_1} = \frac{\partial L}{\partial y_{pred}}
    \cdot \frac{\partial y_{pred}}{\partial h_1} \cdot \frac{\partial h_1}{\partial w_1}`
    written out below), and on the last step the weights after
    :math:`w \leftarrow w - \eta\,\partial L/\partial w` (``"w1 = 1 → 0.989265"``). The
    current edge or node is marked in yellow.

    Artists: ``diagram`` (the :class:`~nnviz.plots.NetworkDiagram`: ``edges[k]`` and
    ``weight_texts[k]`` belong to ``w{k+1}``, ``node_texts["h1"]``, ``bias_texts[k]``),
    ``header``, ``rate_text``, ``formula``, ``numbers``, ``loss_text``, ``edge_marks`` (one per edge) and
    ``node_marks`` (node name -> ring).
    """

    def __init__(self, ax, layer_sizes=(2, 2, 1)):
        self.ax = _check_axes(ax, required=True)
        self.diagram = NetworkDiagram(ax, layer_sizes)
        self.layer_sizes = self.diagram.layer_sizes
        d = self.diagram
        _spread(d, _SPREAD)
        x_left, x_right = ax.get_xlim()
        bottom, top = ax.get_ylim()
        ax.set_ylim(bottom - _TEXT_ROOM, top)
        ax.set_xlim(x_left, x_right + 0.9)
        d.title.set_visible(False)
        # A yellow band under each edge and a ring round each node: the one being computed.
        self.edge_marks = []
        for edge in d.edges:
            (x0, x1), (y0, y1) = edge.get_xdata(), edge.get_ydata()
            mark, = ax.plot([x0, x1], [y0, y1], color=YELLOW, linewidth=16, alpha=0.8,
                            solid_capstyle="round", zorder=0.5, visible=False)
            self.edge_marks.append(mark)
        self.node_marks = {}
        for names, layer in zip(d.names, d.xy):
            for name, xy in zip(names, layer):
                ring = Circle(xy, 0.78, facecolor="none", edgecolor=YELLOW, linewidth=5,
                              zorder=1.5, visible=False)
                ax.add_patch(ring)
                self.node_marks[name] = ring
        ox, oy = d.xy[-1][0]
        self.loss_text = ax.text(ox, oy + 1.45, "", ha="center", va="bottom", fontsize="small",
                                 zorder=4)
        y_text = bottom - 0.1
        self.header = ax.text(x_left + 0.2, y_text, "", ha="left", va="top", fontsize="medium",
                              fontweight="bold", color=BLACK)
        # η is used by the last step only; said here so that moving it shows at every step.
        self.rate_text = ax.text(x_right + 0.6, y_text, "", ha="right", va="top",
                                 fontsize="small", color=BLACK)
        self.formula = ax.text(x_left + 0.2, y_text - 0.6, "", ha="left", va="top",
                               fontsize="small", color=BLACK, linespacing=1.3)
        self.numbers = ax.text(x_left + 0.2, y_text - 1.75, "", ha="left", va="top",
                               fontsize="medium", color=BLACK)
        # The figure cannot grow past the notebook column, so the "classroom" style's fonts
        # are capped at the largest size its labels have room for (larger than the notebook's).
        shrink = min(1.0, _LARGEST_FONT_SIZE / mpl.rcParams["font.size"])
        for text in ax.texts:
            text.set_fontsize(text.get_fontsize() * shrink)
        self.steps = None
        self.k = None

    def update(self, steps, k):
        """Show ``steps`` (a :class:`~nnviz.backprop.BackpropSteps`) after step ``k`` (0 to
        ``len(steps) - 1``)."""
        if not isinstance(steps, BackpropSteps):
            raise TypeError(f"steps must be an nnviz.backprop.BackpropSteps, got {describe(steps)}; "
                            "make one with BackpropSteps(network, x, y).")
        if steps.layer_sizes != self.layer_sizes:
            raise ValueError(f"steps must be for a network with layer sizes {self.layer_sizes} "
                             f"(this diagram's), got {steps.layer_sizes}.")
        k = steps.check_step(k, "k")
        shown = steps.shown(k)
        step, d = shown["step"], self.diagram
        before, after = steps.params_before, steps.params_after
        # Colours and widths of the edges from the diagram of 03, for the weights shown
        # (after the step on the last one); the labels are ours.
        d.update(steps.network_after() if shown["moved"] else steps.network)
        def label(name):     # "w1 = 1", then "→ 0.989265" after the step, "∂L/∂w1 = ..." once known
            text = f"{name} = {style.fmt(before[name], 3)}"
            if shown["moved"]:
                text += f" → {exact_text(after[name])}"
            if name in shown["gradients"]:
                text += f"\n∂L/∂{name} = {exact_text(shown['gradients'][name])}"
            return text

        for n, text in enumerate(d.weight_texts):
            text.set_text(label(f"w{n + 1}"))
            self.edge_marks[n].set_visible(step.kind is StepKind.BACKWARD and step.target == f"w{n + 1}")
        for n, text in enumerate(d.bias_texts):
            text.set_text(label(f"b{n + 1}"))
            text.set_fontweight("bold" if step.target == f"b{n + 1}" else "normal")
        output = d.names[-1][0]
        bias_node = {f"b{n + 1}": name for n, name in enumerate(
            [name for names in d.names[1:] for name in names])}
        for name, text in d.node_texts.items():
            value = shown["nodes"].get(name)
            text.set_text(name if value is None else f"{name}\n{node_value(value)}")
            current = (step.kind is StepKind.FORWARD and step.target == name) or \
                (name == output and step.kind in (StepKind.LOSS, StepKind.OUTPUT_ERROR)) or \
                bias_node.get(step.target) == name
            self.node_marks[name].set_visible(current)
        loss = []
        if shown["moved"]:
            loss.append(f"y_pred = {exact_text(steps.y_pred_before)} → {exact_text(steps.y_pred_after)}")
            loss.append(f"L = {exact_text(steps.loss_before)} → {exact_text(steps.loss_after)}")
        elif shown["loss"] is not None:
            loss.append(f"L = {exact_text(shown['loss'])}")
        if k >= steps.index(StepKind.OUTPUT_ERROR) and not shown["moved"]:
            loss.append(f"∂L/∂y_pred = {exact_text(steps[steps.index(StepKind.OUTPUT_ERROR)].value)}")
        self.loss_text.set_text("\n".join(loss))
        self.loss_text.set_color(BLACK if loss else GREY)
        self.header.set_text(step_title(steps, k))
        self.rate_text.set_text(f"learn_rate η = {steps.learn_rate:g} (for step {len(steps)})")
        self.formula.set_text(step.formula)
        self.numbers.set_text(step.numbers)
        self.steps, self.k = steps, k
        return self


def backprop_diagram(network=None, x=(-2.0, -1.0), y=1.0, step=None, learn_rate=0.5, ax=None):
    r"""Backpropagation on one example, as it stands after ``step``: a still figure.

    ``network`` (default: every weight 1, every bias 0), ``x`` one sample (default Alice,
    (-2, -1)), ``y`` its target (1), ``learn_rate`` the :math:`\eta` of the final step
    :math:`w \leftarrow w - \eta\,\partial L/\partial w`. ``step`` counts from 0 (the start)
    to ``len(BackpropSteps(...)) - 1`` (the update); None shows the step that computes
    :math:`\partial L/\partial w_1 = \frac{\partial L}{\partial y_{pred}}
    \frac{\partial y_{pred}}{\partial h_1} \frac{\partial h_1}{\partial w_1}` (0.0214695 for
    Alice). Returns the Figure. Introduced in 05_backprop.
    """
    steps = BackpropSteps(network, x, y, learn_rate)
    k = steps.index(StepKind.BACKWARD, "w1") if step is None else steps.check_step(step)
    made = ax is None
    ax = style.axes(ax, figure_size(steps.layer_sizes))
    if made:    # our own figure: the diagram fills it, as in the explorer
        ax.set_position((0.01, 0.01, 0.98, 0.98))
    BackpropDiagram(ax, steps.layer_sizes).update(steps, k)
    return ax.figure


def figure_size(layer_sizes):
    """Width and height in inches for the backprop figure of a network with ``layer_sizes``:
    as wide as the notebook column allows, as tall as the diagram and its text need.
    Introduced in 05_backprop."""
    width = float(np.clip(2.7 * len(layer_sizes) + 0.4, 4.0, MAX_FIGURE_WIDTH))
    across = 4.5 * (len(layer_sizes) - 1) + 2.5
    down = _SPREAD * 2.4 * (max(layer_sizes) - 1) + 2.6 + _TEXT_ROOM
    return width, float(width * down / across)
