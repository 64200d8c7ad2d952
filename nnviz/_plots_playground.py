"""The plane and the network: the pictures of notebook 07 and of its training playground.

``BoundaryDrawer`` (the network's output over the plane, the points on top) and
``NetworkGraphDrawer`` (the network as a graph, each neuron showing what it computes), with
their one-figure functions ``decision_boundary`` and ``network_graph``; and
:class:`MatplotlibPicture`, the playground's picture drawn by matplotlib (the other
implementation of the same interface, painted in the page, is ``nnviz._paint.PaintedPicture``).
Re-exported by ``nnviz.plots``. Introduced in 07_training.
"""
from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap

from . import data as _data
from . import style
from ._validate import as_float_array, axes, choice, describe, extent as check_extent, flag
from ._validate import network as check_network
from ._validate import texts, whole_number
from ._plots_training import LossCurveDrawer
from .network import Network

# Re-exported by nnviz.plots. people_labels, extent_around, neuron_range, neuron_large and
# MatplotlibPicture are the playground's helpers: importable, not part of nnviz.plots.
__all__ = ["BoundaryDrawer", "NetworkGraphDrawer", "PROBABILITY_CMAP", "decision_boundary",
           "network_graph"]

#: Network output 0 -> class-0 orange, 0.5 -> white (undecided), 1 -> class-1 blue.
PROBABILITY_CMAP = LinearSegmentedColormap.from_list(
    "nnviz_probability", [style.CLASS_COLORS[0], "#FFFFFF", style.CLASS_COLORS[1]])


def _resolution(value, name="resolution", high=500):
    return whole_number(value, name, minimum=2, maximum=high, why="points a side")


# --- decision boundary -----------------------------------------------------------------

_UNITS = ("raw", "shifted")


def people_labels(units):
    """Public helper of the playground. Axis labels for the people data, worded as in ``people_plot``."""
    if units == "raw":
        return "weight (lb)", "height (in)"
    return (f"weight (lb − {_data.SHIFT[0]:.0f})", f"height (in − {_data.SHIFT[1]:.0f})")


class BoundaryDrawer:
    r"""The network's output over a 2-D input plane as an image, with the data points on top.

    Public drawer. Orange where the output is near 0 (class 0), blue near 1 (class 1), white
    at 0.5: the decision boundary. The image is one ``imshow`` whose pixels :meth:`update`
    replaces (``set_data``); the data points are two scatters, one per class, each marker
    outlined in black so it stands out on its own class's colour. :meth:`mark_wrong` rings
    the points the network gets wrong; :meth:`set_test_points` adds a second, paler set
    (points held back for testing). ``offset`` is added to the axes only (e.g.
    ``nnviz.data.SHIFT`` to show the people in raw pounds and inches). Introduced in 07_training.
    """

    def __init__(self, ax, extent, resolution=60, offset=(0.0, 0.0), boundary_line=True,
                 class_names=("class 0", "class 1")):
        self.ax = axes(ax, required=True)
        extent = check_extent(extent)
        self.resolution = _resolution(resolution)
        self.offset = as_float_array(offset, "offset", ndim=1)
        if self.offset.size != 2:
            raise ValueError(f"offset must be two numbers (x1, x2), got {self.offset.tolist()}.")
        self.boundary_line = flag(boundary_line, "boundary_line")
        self.class_names = class_names = texts(class_names, "class_names", count=2, example="('class 0', 'class 1')")
        self._contour = None
        # A paler background than the markers, so an orange circle still shows on orange.
        self.image = ax.imshow(np.full((2, 2), 0.5), origin="lower", cmap=PROBABILITY_CMAP,
                               vmin=0.0, vmax=1.0, aspect="auto", interpolation="bilinear", alpha=0.7)
        self.points = [
            ax.scatter([], [], c=color, marker=marker, edgecolors=style.BLACK, linewidths=1.0,
                       s=34, zorder=3, label=name)
            for name, color, marker in zip(class_names, style.CLASS_COLORS, style.CLASS_MARKERS)
        ]
        self.test_points = None
        (self.wrong,) = ax.plot([], [], "o", markerfacecolor="none", markeredgecolor=style.BLACK,
                                markersize=10, mew=1.3, linestyle="none", zorder=5,
                                label="wrong side (ringed)")
        ax.grid(False)
        self.set_extent(extent)

    def set_extent(self, extent):
        """The input region shown, ``(x1_low, x1_high, x2_low, x2_high)`` in the network's units."""
        x_lo, x_hi, y_lo, y_hi = (float(v) for v in extent)
        self.extent = (x_lo, x_hi, y_lo, y_hi)
        n = self.resolution
        # Pixel centres, so the image lines up with where each value was computed.
        gx = np.linspace(x_lo, x_hi, n)
        gy = np.linspace(y_lo, y_hi, n)
        self.grid_x1, self.grid_x2 = np.meshgrid(gx, gy)
        self.grid = np.column_stack([self.grid_x1.ravel(), self.grid_x2.ravel()])
        dx, dy = (x_hi - x_lo) / (n - 1) / 2, (y_hi - y_lo) / (n - 1) / 2
        ox, oy = self.offset
        self.image.set_extent((x_lo - dx + ox, x_hi + dx + ox, y_lo - dy + oy, y_hi + dy + oy))
        self.ax.set_xlim(x_lo - dx + ox, x_hi + dx + ox)
        self.ax.set_ylim(y_lo - dy + oy, y_hi + dy + oy)
        return self

    def set_points(self, X, y):
        """The (training) points ``X`` of classes ``y``, in the network's units."""
        X = np.asarray(X, dtype=np.float64).reshape(-1, 2) + self.offset
        y = np.asarray(y).reshape(-1)
        for k, scatter in enumerate(self.points):
            scatter.set_offsets(X[y == k])
        return self

    def set_test_points(self, X, y):
        """Points held back for testing: the same markers, smaller, with a white outline."""
        X = np.asarray(X, dtype=np.float64).reshape(-1, 2) + self.offset
        y = np.asarray(y).reshape(-1)
        if self.test_points is None:
            self.test_points = [
                self.ax.scatter([], [], c=color, marker=marker, edgecolors="white", linewidths=0.8,
                                s=20, zorder=2, alpha=0.9, label=f"{name}, test")
                for name, color, marker in zip(self.class_names, style.CLASS_COLORS, style.CLASS_MARKERS)
            ]
        for k, scatter in enumerate(self.test_points):
            scatter.set_offsets(X[y == k])
        return self

    def mark_wrong(self, network, X, y):
        """Ring the points of ``X`` whose output is on the wrong side of 0.5 for ``y``."""
        X = np.asarray(X, dtype=np.float64).reshape(-1, 2)
        if len(X):
            with np.errstate(over="ignore", invalid="ignore"):
                out = network._forward(X)[1][-1][:, 0]
            wrong = (out > 0.5) != (np.asarray(y).reshape(-1) > 0.5)
            shown = X[wrong] + self.offset
        else:
            shown = np.empty((0, 2))
        self.wrong.set_data(shown[:, 0], shown[:, 1])
        self.n_wrong = int(len(shown))
        return self

    def probabilities(self, network):
        """The network's output on the grid, ``(resolution, resolution)``, row 0 at the bottom."""
        with np.errstate(over="ignore", invalid="ignore"):
            out = network._forward(self.grid)[1][-1][:, 0]
        return out.reshape(self.resolution, self.resolution)

    def show(self, values, vmin=0.0, vmax=1.0):
        """Show any values on the grid (e.g. one hidden neuron's output) with this colour range."""
        self.values = values
        self.image.set_data(values)
        self.image.set_clim(vmin, vmax)
        return self

    def update(self, network):
        """Show ``network``'s output over the plane (and the 0.5 line, with ``boundary_line``)."""
        self.show(self.probabilities(check_network(network, inputs=2)))
        if self.boundary_line:
            if self._contour is not None:
                self._contour.remove()
                self._contour = None
            if np.nanmin(self.values) < 0.5 < np.nanmax(self.values):
                ox, oy = self.offset
                self._contour = self.ax.contour(self.grid_x1 + ox, self.grid_x2 + oy, self.values,
                                                levels=[0.5], colors=style.BLACK, linewidths=1.5)
        return self


def extent_around(X, margin=0.15):
    """The rectangle around points ``X`` with a ``margin`` (a share of each side) added."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * np.maximum(hi - lo, 1e-9)
    return (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])


def decision_boundary(network, X, y, ax=None, resolution=60, units=None, new_people=False,
                      extent=None, boundary_line=True):
    r"""Where the network says 1 and where 0, over the plane of its two inputs.

    The colour at each point :math:`(x_1, x_2)` is the output :math:`y_{pred} = f(\dots)`;
    the black line is :math:`y_{pred} = 0.5`, the decision boundary; the points are the data,
    marked by class, and a black ring marks each point on the wrong side. For the people data pass ``units="shifted"`` (the numbers the network
    sees: weight - 135 lb, height - 66 in) or ``units="raw"`` (pounds and inches: the network
    still gets shifted inputs, only the axes add back ``nnviz.data.SHIFT``). ``X`` is always in
    the network's own (shifted) units. ``new_people=True`` marks Emily and Frank with the
    network's answer for each. Introduced in 07_training.
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be an nnviz.Network, got {type(network).__name__}.")
    if network.layer_sizes[0] != 2:
        raise ValueError(f"network must have 2 inputs to draw a plane, got layer_sizes {network.layer_sizes}.")
    X, y2 = network._check_Xy(X, y)
    if units is not None:
        choice(units, "units", _UNITS)
    new_people = flag(new_people, "new_people")
    boundary_line = flag(boundary_line, "boundary_line")
    resolution = _resolution(resolution)
    if extent is not None:
        extent = check_extent(extent)
    offset = _data.SHIFT if units == "raw" else np.zeros(2)
    if new_people:
        X_new, names = _data.new_people(shifted=True)
    span_X = np.vstack([X, X_new]) if new_people else X
    ax = style.axes(ax, figsize=(5.5, 4.5))
    class_names = ("male (0)", "female (1)") if units is not None else ("class 0", "class 1")
    drawer = BoundaryDrawer(ax, extent or extent_around(span_X), resolution, offset, boundary_line,
                            class_names)
    drawer.set_points(X, y2[:, 0].round())
    drawer.update(network)
    drawer.mark_wrong(network, X, y2[:, 0])
    if not drawer.n_wrong:
        drawer.wrong.set_label("_nolegend_")     # the legend lists only what is drawn
    if units is not None and len(X) == len(_data.PEOPLE):
        for (px, py), name in zip(X + offset, _data.PEOPLE):     # the people by name
            ax.annotate(name, (px, py), xytext=(6, -12), textcoords="offset points", fontsize="small")
    if units is not None:
        ax.set_xlabel(people_labels(units)[0])
        ax.set_ylabel(people_labels(units)[1])
    else:
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
    if new_people:
        preds = network.predict(X_new)
        shown = X_new + offset
        ax.scatter(shown[:, 0], shown[:, 1], marker="*", s=220, c=style.YELLOW,
                   edgecolors=style.BLACK, zorder=4, label="new people")
        for (px, py), name, p in zip(shown, names, preds):
            # Below left of the star: above right, Emily's label sat on Alice's name (findings, 07).
            ax.annotate(f"{name}: {p:.2f}", (px, py), xytext=(-9, -16), textcoords="offset points",
                        ha="right")
    ax.legend(loc="upper left", fontsize="small")
    ax.set_title("Decision boundary (output = 0.5)")
    return ax.figure


# --- the network as a graph, each neuron showing what it computes ---------------------------

def neuron_range(activation, values):
    """(vmin, vmax) for showing a neuron's output: its activation's own range when it has one."""
    if activation == "sigmoid":
        return 0.0, 1.0
    if activation == "tanh":
        return -1.0, 1.0
    finite = values[np.isfinite(values)]
    reach = float(np.max(np.abs(finite))) if finite.size else 1.0
    reach = reach if reach > 0 else 1.0
    return (0.0, reach) if activation == "relu" else (-reach, reach)


class NetworkGraphDrawer:
    r"""Public drawer: the network as a graph, TensorFlow Playground's signature view.

    One column of neurons per layer. Every edge is a line coloured by the sign of its weight
    (blue positive, vermillion negative) and as thick as the weight is large. Inside every
    neuron a small picture shows what that neuron computes over the input plane: its output
    :math:`a = f(w \cdot a_{prev} + b)` at each point of the grid, orange for low, white in
    the middle, blue for high (its activation's range: 0 to 1 for sigmoid, -1 to 1 for
    tanh). The inputs show x1 and x2 themselves. :meth:`update` changes colours, widths and
    pictures in place; :meth:`highlight` frames one neuron. ``neurons`` lists
    ``(layer, index)`` for each picture, layer 0 being the inputs. Introduced in 07_training.
    """

    def __init__(self, ax, layer_sizes, extent, resolution=16, input_labels=None):
        if isinstance(layer_sizes, (str, bytes)) or not hasattr(layer_sizes, "__len__") \
                or not 2 <= len(layer_sizes) <= 10:
            raise TypeError(f"layer_sizes must be a list of 2 to 10 layer sizes such as [2, 4, 1], "
                            f"got {describe(layer_sizes)}.")
        self.layer_sizes = [whole_number(n, f"layer_sizes[{i}]") for i, n in enumerate(layer_sizes)]
        if max(self.layer_sizes) > 64:
            raise ValueError(f"layer_sizes must have at most 64 neurons a layer to draw, got {self.layer_sizes}.")
        self.resolution = _resolution(resolution, high=200)
        self.ax = axes(ax, required=True)
        self.set_extent(extent)
        tallest = max(self.layer_sizes)
        self.positions = []        # per layer: (x, [y of each neuron]), top to bottom
        for layer, size in enumerate(self.layer_sizes):
            ys = (tallest - 1) / 2.0 + (np.arange(size)[::-1] - (size - 1) / 2.0)
            self.positions.append((layer * 1.6, ys))
        half = 0.36
        self.half = half
        segments = []
        for layer in range(len(self.layer_sizes) - 1):
            (x0, ys0), (x1, ys1) = self.positions[layer], self.positions[layer + 1]
            for j in range(len(ys1)):
                for k in range(len(ys0)):
                    segments.append([(x0 + half, ys0[k]), (x1 - half, ys1[j])])
        # Edges in the order of W1 (row j = neuron j of layer 1, column k = input k), W2, ...
        self.edges = LineCollection(segments, colors=style.GREY, linewidths=1.0, zorder=1)
        ax.add_collection(self.edges)
        self.neurons, self.images, self.frames = [], [], []
        for layer, (x, ys) in enumerate(self.positions):
            for j, y in enumerate(ys):
                self.neurons.append((layer, j))
                self.images.append(ax.imshow(np.zeros((2, 2)), origin="lower", cmap=PROBABILITY_CMAP,
                                             extent=(x - half, x + half, y - half, y + half),
                                             interpolation="nearest", zorder=2))
                frame = ax.add_patch(_square(x, y, half))
                self.frames.append(frame)
        names = texts(input_labels if input_labels is not None else
                      [f"x{j + 1}" for j in range(self.layer_sizes[0])], "input_labels",
                      count=self.layer_sizes[0], example="['x1', 'x2']")
        x = self.positions[0][0]
        for name, y in zip(names, self.positions[0][1]):
            ax.text(x - half - 0.08, y, name, ha="right", va="center")
        ax.text(self.positions[-1][0] + half + 0.08, self.positions[-1][1][0], "out", ha="left",
                va="center")
        ax.set_xlim(-half - 0.6, self.positions[-1][0] + half + 0.7)
        ax.set_ylim(-half - 0.2, tallest - 1 + half + 0.2)
        ax.set_aspect("auto")
        ax.axis("off")
        self.selected = None

    def set_extent(self, extent):
        """The input region each neuron's picture covers, ``(x1_low, x1_high, x2_low, x2_high)``."""
        x_lo, x_hi, y_lo, y_hi = check_extent(extent)
        gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, self.resolution),
                             np.linspace(y_lo, y_hi, self.resolution))
        self.grid = np.column_stack([gx.ravel(), gy.ravel()])
        return self

    def update(self, network):
        """Colour and size the edges by ``network``'s weights; draw what each neuron computes."""
        if list(network.layer_sizes) != self.layer_sizes:
            raise ValueError(f"network must have layer_sizes {self.layer_sizes} (this graph's), "
                             f"got {network.layer_sizes}.")
        weights = np.concatenate([W.ravel() for W in network.weights])
        finite = np.where(np.isfinite(weights), weights, 0.0)
        biggest = max(float(np.max(np.abs(finite))), 1e-12)
        self.edges.set_color(np.where(finite[:, None] >= 0, _rgba(style.POSITIVE), _rgba(style.NEGATIVE)))
        self.edges.set_linewidths(0.3 + 3.2 * np.abs(finite) / biggest)
        with np.errstate(over="ignore", invalid="ignore"):
            outputs = network._forward(self.grid)[1]
        names = [None] + [network.activation] * (network.n_layers - 1) + [network.output_activation]
        self.outputs = {}
        for (layer, j), image in zip(self.neurons, self.images):
            values = outputs[layer][:, j].reshape(self.resolution, self.resolution)
            vmin, vmax = neuron_range(names[layer], values) if layer else neuron_range("linear", values)
            image.set_data(values)
            image.set_clim(vmin, vmax)
            self.outputs[(layer, j)] = (values, vmin, vmax)
        return self

    def size_edges(self, values):
        r"""Size the edges by ``values`` (one per weight, W1 row by row, W2, ...: for example
        :math:`|\partial L/\partial w|`) instead of by the weights; colours stay the weights'."""
        values = np.abs(np.asarray(values, dtype=np.float64).ravel())
        values = np.where(np.isfinite(values), values, 0.0)
        biggest = max(float(values.max()) if values.size else 0.0, 1e-12)
        self.edges.set_linewidths(0.3 + 3.2 * values / biggest)
        return self

    def highlight(self, neuron=None):
        """Frame ``neuron`` (``(layer, index)``) thickly, or none."""
        self.selected = neuron
        for key, frame in zip(self.neurons, self.frames):
            frame.set_linewidth(2.5 if key == neuron else 0.6)
            frame.set_edgecolor(style.BLACK if key == neuron else style.GREY)
        return self


def _square(x, y, half):
    from matplotlib.patches import Rectangle
    return Rectangle((x - half, y - half), 2 * half, 2 * half, fill=False, edgecolor=style.GREY,
                     linewidth=0.6, zorder=3)


def _rgba(color):
    from matplotlib.colors import to_rgba
    return np.array(to_rgba(color))


def network_graph(network, X=None, ax=None, resolution=16):
    r"""The network as a graph: edges coloured and sized by weight, and in every neuron a
    picture of its output :math:`f(w \cdot a_{prev} + b)` over the plane of the two inputs
    (over the region around ``X``, or -1.5 to 1.5). Introduced in 07_training.
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be an nnviz.Network, got {type(network).__name__}.")
    if network.layer_sizes[0] != 2:
        raise ValueError(f"network must have 2 inputs to draw a plane, got layer_sizes {network.layer_sizes}.")
    if X is not None:
        X = network._check_X(X)
        if X.ndim != 2 or len(X) < 1:
            raise ValueError(f"X must be a 2-D array of points, one row each, got shape {X.shape}.")
    resolution = _resolution(resolution, high=200)
    extent = extent_around(X) if X is not None else (-1.5, 1.5, -1.5, 1.5)
    ax = style.axes(ax, figsize=(5.0, 4.0))
    NetworkGraphDrawer(ax, network.layer_sizes, extent, resolution).update(network)
    ax.set_title(f"{'-'.join(map(str, network.layer_sizes))} network: what each neuron computes")
    return ax.figure


# --- the playground's picture, drawn by matplotlib -------------------------------------------

def neuron_large(network, grid, neuron):
    """One neuron's output over ``grid`` (points of the plane) and its activation's colour range.
    ``network`` takes points of the plane (a Network with 2 inputs, or a run's ``plane``)."""
    layer, j = neuron
    with np.errstate(over="ignore", invalid="ignore"):
        values = network._forward(grid)[1][layer][:, j]
    name = network.activation if layer < network.n_layers else network.output_activation
    return (values, *neuron_range(name, values))


class MatplotlibPicture:
    """The training playground's picture drawn by matplotlib on ``figure`` (the interface is
    :class:`nnviz._picture.Picture`): the plane, the graph and the loss, artists made once
    and moved in place. Points added by the learner are drawn larger, with a thick black
    outline and a yellow ring, apart from the data's. Introduced in 07_training."""

    def __init__(self, figure, run):
        from matplotlib.ticker import MaxNLocator
        self.figure = figure
        grid = figure.add_gridspec(2, 2, height_ratios=(1.5, 1.0), width_ratios=(1.0, 1.0))
        self.ax_boundary = figure.add_subplot(grid[0, 0])
        self.ax_graph = figure.add_subplot(grid[0, 1])
        self.ax_loss = figure.add_subplot(grid[1, :])
        # Titles at the body's size under larger fonts (the classroom style): the three
        # panels share a figure that cannot grow wider than the notebook column.
        size = "medium" if style.zoom_factor() > 1 else None
        self.title = style.title(self.ax_boundary, "", **({"fontsize": size} if size else {}))
        self.boundary = BoundaryDrawer(self.ax_boundary, extent_around(run.X), resolution=60,
                                       boundary_line=False)
        self.added = [self.ax_boundary.scatter([], [], c=color, marker=marker, edgecolors=style.BLACK,
                                               linewidths=2.2, s=70, zorder=4)
                      for color, marker in zip(style.CLASS_COLORS, style.CLASS_MARKERS)]
        # regression: the points filled with their value's colour, a square above the middle of
        # the scale and a circle below, as painted (classes: the boundary's class scatters);
        # training points (low, high), then test points (low, high)
        self.valued = [self.ax_boundary.scatter([], [], c=[], cmap=PROBABILITY_CMAP, marker=marker,
                                                edgecolors=edge, linewidths=lw, s=size, zorder=z)
                       for edge, lw, size, z in ((style.BLACK, 1.0, 34, 3), ("white", 0.8, 20, 2))
                       for marker in style.CLASS_MARKERS]
        (self.added_rings,) = self.ax_boundary.plot([], [], "o", markerfacecolor="none",
                                                    markeredgecolor=style.YELLOW, markersize=13,
                                                    mew=1.6, linestyle="none", zorder=4)
        self.graph_title = style.title(self.ax_graph, "", **({"fontsize": size} if size else {}))
        self.loss_curve = LossCurveDrawer(self.ax_loss, labels=["train", "test"])
        self.loss_title = style.title(self.ax_loss, "", **({"fontsize": size} if size else {}))
        # Never part of the layout: it sits inside the axes.
        self.empty_note = self.ax_loss.text(0.5, 0.5, "", transform=self.ax_loss.transAxes,
                                            ha="center", va="center", color=style.GREY,
                                            in_layout=False)
        self._two_line_titles = bool(size)
        self._note_width = round(70 / style.zoom_factor())   # characters a line
        ticks = max(3, round(5 / style.zoom_factor()))
        for ax in figure.axes:        # about 5 ticks an axis: each label is text on every redraw
            for axis in (ax.xaxis, ax.yaxis):
                if axis.get_scale() == "linear":
                    axis.set_major_locator(MaxNLocator(ticks))
        # Room for 5-digit epoch labels when the layout is frozen (show sets the real limits).
        self.ax_loss.set_xlim(0, 10000)
        # Left of the tick labels, which are wider under larger fonts.
        self.ax_loss.yaxis.set_label_coords(-0.07 * style.zoom_factor(), 0.5)
        # A see-through label right of the axes keeps room, in the frozen layout, for the last
        # epoch tick's label (it grows from "50" to "12800").
        self.ax_loss.text(1.0, -0.02, "000", transform=self.ax_loss.transAxes, alpha=0.0, va="top")
        self.graph, self.sizes, self.input_labels = None, None, None
        self.new_run(run, ("x1", "x2"))

    def _narrow_title(self, text):
        """Under larger fonts a half-width panel's title goes on two lines, split after its
        first ": " (always two, so the frozen layout keeps the same room for every title)."""
        if not self._two_line_titles:
            return text
        head, _, tail = text.partition(": ")
        return f"{head}\n{tail or ' '}"

    @property
    def animated(self):
        """What changes from frame to frame (drawn over a cached still picture on ipympl)."""
        b = self.boundary
        return [b.image, *b.points, *(b.test_points or []), *self.valued, *self.added, self.added_rings, b.wrong,
                self.title, self.graph.edges, *self.graph.images, *self.graph.frames,
                *self.loss_curve.lines, self.loss_title, self.empty_note]

    def static_state(self):
        """The still picture: axis limits and labels, and which graph is drawn."""
        return (self.ax_loss.get_xlim(), self.ax_loss.get_ylim(), self.ax_boundary.get_xlim(),
                self.ax_boundary.get_ylim(), self.ax_boundary.get_xlabel(), tuple(self.sizes))

    def new_run(self, run, axis_labels, input_labels=None):
        """A new run: its extent and axis labels, and (if the layer sizes or inputs changed) a
        new graph. Returns True when the graph was made again."""
        extent = extent_around(run.X)
        self.boundary.set_extent(extent)
        self.ax_boundary.set_xlabel(axis_labels[0])
        self.ax_boundary.set_ylabel(axis_labels[1])
        sizes = list(run.network.layer_sizes)
        from .training import FEATURE_LABELS
        labels = tuple(input_labels or [FEATURE_LABELS[f] for f in run.features])
        if sizes == self.sizes and labels == self.input_labels:
            self.graph.set_extent(extent)
            return False
        for artist in [*self.ax_graph.images, *self.ax_graph.collections, *self.ax_graph.patches,
                       *self.ax_graph.texts]:
            if artist is not self.graph_title:
                artist.remove()
        self.graph = NetworkGraphDrawer(self.ax_graph, sizes, extent, input_labels=labels)
        self.sizes, self.input_labels = sizes, labels
        return True

    def show(self, run, scene):
        """Move every artist to show ``run`` as ``scene`` asks."""
        plane = run.plane
        train_X, train_y = run.X_train, run.y_train
        n_added = len(run.added[1])
        data_X, data_y = train_X[:len(train_y) - n_added], train_y[:len(train_y) - n_added]
        lo, hi = run.value_range
        valued = run.regression          # a value per point: coloured by it, not split by class
        self.boundary.set_points(*((data_X, data_y) if not valued else (np.empty((0, 2)), [])))
        self.boundary.set_test_points(*((run.X_test, run.y_test) if not valued else (np.empty((0, 2)), [])))
        for scatter in self.boundary.test_points:
            scatter.set_visible(bool(scene.show_test))
        for k, scatter in enumerate(self.valued):
            X, y = (data_X, data_y) if k < 2 else (run.X_test, run.y_test)
            shown = ((y > (lo + hi) / 2) == k % 2) & valued
            scatter.set_offsets(X[shown].reshape(-1, 2))
            scatter.set_array(np.asarray(y[shown], float))
            scatter.set_clim(lo, hi)
            scatter.set_visible(k < 2 or bool(scene.show_test))
        added_X, added_y = run.added
        for k, scatter in enumerate(self.added):
            scatter.set_offsets(added_X[(added_y > (lo + hi) / 2) == k].reshape(-1, 2))
        self.added_rings.set_data(added_X[:, 0], added_X[:, 1])
        self.graph.update(plane)
        if scene.gradients is not None:
            self.graph.size_edges(np.concatenate([np.ravel(g) for g in scene.gradients]))
        neuron = scene.neuron
        self.graph.highlight(None if neuron == "output" else neuron)
        if neuron == "output":
            values = self.boundary.probabilities(plane)
            if scene.discretize:
                values = np.where(values > (lo + hi) / 2, hi, lo)
            self.boundary.show(values, lo, hi)
        else:
            values, vmin, vmax = neuron_large(plane, self.boundary.grid, neuron)
            self.boundary.show(values.reshape(self.boundary.resolution, -1), vmin, vmax)
        # Rings mark the network's wrong answers: not drawn over one neuron's picture.
        shown = 0 if neuron != "output" or valued else len(run.y_train) + (len(run.y_test) if scene.show_test else 0)
        self.boundary.mark_wrong(plane, run.X[:shown], run.y[:shown])
        self.title.set_text(self._narrow_title(scene.titles[0]))
        self.graph_title.set_text(self._narrow_title(scene.titles[1]))
        self.loss_title.set_text(scene.titles[2])
        epochs, top = scene.loss_axes
        for line, losses in zip(self.loss_curve.lines, (run.train_loss, run.test_loss)):
            line.set_data(np.arange(1, len(losses) + 1), losses)
        self.ax_loss.set_xlim(0.5, epochs + 0.5)
        self.ax_loss.set_ylim(0.0, top)
        # The aside in brackets on a line of its own, and lines no longer than the loss panel
        # is wide (fewer characters under larger fonts): one line would run past it.
        lines = scene.empty_note.replace(" (", "\n(").split("\n")
        self.empty_note.set_text("\n".join(textwrap.fill(line, self._note_width) for line in lines))
        self.empty_note.set_visible(not run.epoch)
        return self
