r"""The training playground painted in the browser: a few kilobytes of numbers a frame.

Why this module exists: matplotlib over ipympl paints the playground at about 1 frame a
second on a 2-core machine (``benchmarks/playground_browser.py``: a frame is Agg rendering,
~180 ms, and PNG encoding, ~125 ms, of an 820×600 picture). TensorFlow Playground's view
needs 20 frames a second. So while the playground plays, the kernel sends only numbers and
the page paints them (canvas 2D, ``nnviz/_paint.js``), through ``anywidget``:

* the boundary: the network's output (or one neuron's) on the same 60×60 grid that
  :class:`nnviz.plots.BoundaryDrawer` computes, as bytes 0-255 over the colour range;
* the network graph: every weight (float32, in :class:`nnviz.plots.NetworkGraphDrawer`'s
  edge order) and a 16×16 picture per neuron (bytes, over its activation's range);
* the points (float32, sent only when the data change) and which are on the wrong side;
* the train and test loss, as increments: each frame sends only the epochs the page does
  not hold yet, and a page that finds a gap asks for the rest, so no epoch is dropped.

The numbers come from :func:`frame_numbers`, numpy only, from a :class:`nnviz.TrainingRun`;
the tests hold them equal to what the static matplotlib figure draws. The view only turns
them into traits and turns the page's events (a click on the plane, the pointer over a
neuron, a weight typed on an edge, +/- on the graph, a state in the page's address) into
calls of the ``on_click``, ``on_hover`` and ``on_edit`` functions it is given. The
playground (``nnviz._playground.TrainingPlayground``) uses it where anywidget is
installed; without it, the playground draws with matplotlib as before. Introduced in
07_training.
"""
from __future__ import annotations

from pathlib import Path

import anywidget
import numpy as np
import traitlets

from ._picture import OUTPUT, Scene

__all__ = ["PlaygroundView", "PaintedPicture", "frame_numbers", "quantize"]

#: The painting code, an ES module shipped inside the package (no CDN, no network). anywidget
#: is given its path: it reads the file, and while developing (ANYWIDGET_HMR=1) it sends the
#: page every saved change of the file without a kernel restart.
ESM_PATH = Path(__file__).with_name("_paint.js")
ESM = ESM_PATH.read_text(encoding="utf-8")
#: The grids: the boundary's, as BoundaryDrawer's in the playground; each neuron's picture.
BOUNDARY_RESOLUTION = 60
NEURON_RESOLUTION = 16
#: The painted picture's size in CSS pixels: the matplotlib figure's (8.2 × 6.0 in at 100 dpi).
WIDTH, HEIGHT = 820, 600
#: The boundary image's opacity over white, as BoundaryDrawer's imshow(alpha=0.7).
BOUNDARY_ALPHA = 0.7


def quantize(values, vmin, vmax):
    """``values`` on the colour range ``vmin``..``vmax`` as bytes 0..255 (NaN -> 128, the
    middle colour); what the page looks up in the colour table."""
    values = np.asarray(values, dtype=np.float64)
    span = (vmax - vmin) or 1.0
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = np.clip((values - vmin) / span, 0.0, 1.0) * 255.0
    scaled = np.where(np.isfinite(scaled), scaled, 128.0)
    return np.rint(scaled).astype(np.uint8)


def as_float32(values):
    """``values`` as float32; beyond float32's range (a diverging run) infinite, without the
    overflow warning a plain cast gives."""
    values = np.asarray(values, dtype=np.float64)
    big = np.finfo(np.float32).max
    with np.errstate(invalid="ignore"):
        values = np.where(np.abs(values) > big, np.sign(values) * np.inf, values)
    return values.astype(np.float32)


def _colour_table(alpha=1.0):
    """256 RGB rows (uint8) of the probability colour map, laid over white at ``alpha``."""
    from ._plots_playground import PROBABILITY_CMAP
    rgb = PROBABILITY_CMAP(np.linspace(0.0, 1.0, 256))[:, :3]
    return np.rint(255.0 * (alpha * rgb + (1.0 - alpha))).astype(np.uint8)


def _grid(extent, n):
    """BoundaryDrawer's and NetworkGraphDrawer's grid: n × n pixel centres over ``extent``."""
    x_lo, x_hi, y_lo, y_hi = extent
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, n), np.linspace(y_lo, y_hi, n))
    return np.column_stack([gx.ravel(), gy.ravel()])


def frame_numbers(run, neuron=OUTPUT, extent=None, discretize=False, gradients=None):
    """Everything one painted frame shows of ``run`` (a :class:`nnviz.TrainingRun`), numpy only.

    ``neuron`` is ``"output"`` or ``(layer, index)`` of the neuron shown large. Returns a
    dict: ``plane`` (the boundary axes' limits), ``boundary`` (uint8, 60×60, row 0 at the
    bottom; with ``discretize``, the network's output is 0 or 255: the class it says) and
    ``boundary_range``; ``weights`` (float32, W1 row by row, then W2, ...); ``gradients``
    (float32 ``|dL/dw|`` in the same order, or empty); ``neurons`` (uint8, one 16×16
    picture per neuron, inputs first) and ``neuron_ranges``; ``points`` (float32 rows x1,
    x2, class (regression: value): training points, the learner's added ones last among them, then test
    points), ``n_train``, ``n_added`` and ``wrong`` (uint8, 1 where a point is on the wrong
    side of 0.5; none in regression) and ``point_range`` (regression: the points' colour
    range; classes: ``[]``).
    """
    from ._plots_playground import extent_around, neuron_range
    network = run.plane            # takes points of the plane, computes the input features
    extent = extent_around(run.X) if extent is None else extent
    x_lo, x_hi, y_lo, y_hi = (float(v) for v in extent)
    n = BOUNDARY_RESOLUTION
    dx, dy = (x_hi - x_lo) / (n - 1) / 2, (y_hi - y_lo) / (n - 1) / 2
    names = [None] + [network.activation] * (network.n_layers - 1) + [network.output_activation]
    with np.errstate(over="ignore", invalid="ignore"):
        outputs = network._forward(_grid(extent, n))[1]
    if neuron == OUTPUT:
        # classes: 0..1 (0.5 the boundary); regression: the targets' range, on the same
        # diverging colours (orange low, white the middle, blue high)
        values, (vmin, vmax) = outputs[-1][:, 0], run.value_range
        if discretize:
            values = np.where(values > (vmin + vmax) / 2, vmax, vmin)
    else:
        layer, j = neuron
        values = outputs[layer][:, j]
        vmin, vmax = neuron_range(names[layer], values)
    with np.errstate(over="ignore", invalid="ignore"):
        small = network._forward(_grid(extent, NEURON_RESOLUTION))[1]
        out = network._forward(run.X)[1][-1][:, 0] if len(run.X) else np.empty(0)
    pictures, ranges = [], []
    for layer, size in enumerate(network.layer_sizes):
        for j in range(size):
            v = small[layer][:, j]
            lo, hi = neuron_range(names[layer] if layer else "linear", v)
            pictures.append(quantize(v, lo, hi))
            ranges.append((lo, hi))
    weights = np.concatenate([W.ravel() for W in network.weights])
    grads = (np.abs(np.concatenate([np.ravel(g) for g in gradients])) if gradients is not None
             else np.empty(0))
    points = as_float32(np.column_stack([run.X, run.y]))
    return {
        "plane": [x_lo - dx, x_hi + dx, y_lo - dy, y_hi + dy],
        "boundary": quantize(values, vmin, vmax),
        "boundary_range": [float(vmin), float(vmax)],
        "weights": as_float32(np.where(np.isfinite(weights), weights, 0.0)),
        "gradients": as_float32(np.where(np.isfinite(grads), grads, 0.0)),
        "neurons": np.concatenate(pictures),
        "neuron_ranges": ranges,
        "points": points,
        "n_train": int(len(run.y_train)),
        "n_added": int(len(run.added[1])),
        # rings mark the network's wrong answers: none over one neuron's picture, none for
        # regression (no wrong side: a value is near or far)
        "wrong": (((out > 0.5) != (run.y > 0.5)) & (neuron == OUTPUT)
                  & (not run.regression)).astype(np.uint8),
        # regression: the points are coloured by value on this range; classes: []
        "point_range": [float(v) for v in run.value_range] if run.regression else [],
    }


#: Numbers a frame sends (the boundary, weights, gradients, neuron pictures and wrong flags),
#: the traits counted by ``frame_bytes``.
FRAME_TRAITS = ("boundary", "weights", "gradients", "neurons", "wrong")


def frame_bytes(numbers) -> int:
    """The bytes of numbers one frame sends (points are sent only when they change)."""
    return int(sum(numbers[k].nbytes for k in FRAME_TRAITS))


class PaintedPicture:
    """The playground's picture painted in the page (the interface is
    :class:`nnviz._picture.Picture`): each :meth:`show` turns the run into
    :func:`frame_numbers` and hands them, with the new epochs of loss, to a
    :class:`PlaygroundView`. Introduced in 07_training."""

    def __init__(self, view, extent):
        self.view, self.extent = view, extent
        self.numbers = None

    def new_run(self, run, axis_labels, input_labels=None, extent=None):
        from ._plots_playground import extent_around
        self.extent = extent_around(run.X) if extent is None else extent
        view = self.view
        with view.hold_sync():
            view.layer_sizes = list(run.network.layer_sizes)
            view.axis_labels = list(axis_labels)
            view.input_labels = list(input_labels or [f"x{j + 1}" for j in range(run.network.layer_sizes[0])])
        view.new_run()

    def show(self, run, scene: Scene):
        self.numbers = frame_numbers(run, scene.neuron, self.extent, scene.discretize, scene.gradients)
        self.view.show(self.numbers, (run.train_loss, run.test_loss), titles=list(scene.titles),
                       selected=[] if scene.neuron == OUTPUT else list(scene.neuron),
                       loss_axes=[float(v) for v in scene.loss_axes], empty_note=scene.empty_note,
                       clickable=bool(scene.clickable), show_test=bool(scene.show_test),
                       **scene.extra)
        return self


class PlaygroundView(anywidget.AnyWidget):
    """The playground's picture, painted by the page from the numbers in its traits.

    Set the numbers with :meth:`show`: one message per frame, with only the epochs of loss
    the page does not hold yet; :meth:`new_run` starts the loss curve again. ``on_click(x1, x2)`` is called
    when the plane is clicked, ``on_hover(neuron)`` when the pointer enters a neuron
    (``(layer, index)``) or leaves them (``None``). Introduced in 07_training.
    """

    _esm = ESM_PATH
    width = traitlets.Int(WIDTH).tag(sync=True)
    height = traitlets.Int(HEIGHT).tag(sync=True)
    colours = traitlets.Bytes(b"").tag(sync=True)             # 256 × RGB, the boundary's (alpha 0.7)
    neuron_colours = traitlets.Bytes(b"").tag(sync=True)      # 256 × RGB, the neurons' (opaque)
    layer_sizes = traitlets.List(traitlets.Int(), [2, 1]).tag(sync=True)
    activations = traitlets.List(traitlets.Unicode(), []).tag(sync=True)
    plane = traitlets.List(traitlets.Float(), [0.0, 1.0, 0.0, 1.0]).tag(sync=True)
    boundary = traitlets.Bytes(b"").tag(sync=True)
    weights = traitlets.Bytes(b"").tag(sync=True)
    gradients = traitlets.Bytes(b"").tag(sync=True)      # |dL/dw| per weight ("show gradients"), or empty
    n_added = traitlets.Int(0).tag(sync=True)             # the learner's points: the last of the training points
    show_test = traitlets.Bool(True).tag(sync=True)
    input_labels = traitlets.List(traitlets.Unicode(), ["x1", "x2"]).tag(sync=True)
    editable = traitlets.Bool(True).tag(sync=True)         # click an edge to set its weight; +/- on the graph
    share = traitlets.Unicode("").tag(sync=True)           # a state to put in the page's address (#nnviz=...)
    neurons = traitlets.Bytes(b"").tag(sync=True)
    points = traitlets.Bytes(b"").tag(sync=True)
    n_train = traitlets.Int(0).tag(sync=True)
    point_range = traitlets.List(traitlets.Float(), []).tag(sync=True)   # regression: points coloured by value
    wrong = traitlets.Bytes(b"").tag(sync=True)
    selected = traitlets.List(traitlets.Int(), []).tag(sync=True)     # [layer, index] framed, or []
    titles = traitlets.List(traitlets.Unicode(), ["", "", ""]).tag(sync=True)
    axis_labels = traitlets.List(traitlets.Unicode(), ["x1", "x2"]).tag(sync=True)
    loss_axes = traitlets.List(traitlets.Float(), [50.0, 1.0]).tag(sync=True)   # epoch and loss tops
    empty_note = traitlets.Unicode("").tag(sync=True)
    clickable = traitlets.Bool(False).tag(sync=True)      # a click adds a point: crosshair cursor
    run_id = traitlets.Int(0).tag(sync=True)              # a new run: the page drops its losses
    # The losses the page lacks, sent with the frame: epochs loss_start + 1, ... as float32
    # pairs (train, test). A page that holds fewer than loss_start asks for the rest.
    loss_start = traitlets.Int(0).tag(sync=True)
    loss_chunk = traitlets.Bytes(b"").tag(sync=True)
    # The still picture as a PNG data URL, for pages without the kernel (tools/publish.py sets
    # it from ``still()``, the playground's matplotlib figure); empty in a live notebook.
    still_png = traitlets.Unicode("").tag(sync=True)

    def __init__(self, on_click=None, on_hover=None, on_edit=None, **kwargs):
        super().__init__(colours=_colour_table(BOUNDARY_ALPHA).tobytes(),
                         neuron_colours=_colour_table(1.0).tobytes(), **kwargs)
        self.on_click, self.on_hover, self.on_edit = on_click, on_hover, on_edit
        self.still = None          # a function returning the matplotlib figure of the same picture
        self.numbers = None
        self._losses = (np.empty(0), np.empty(0))
        self._held = 0            # epochs of loss the page has been sent in this run
        self.on_msg(self._on_page_message)

    def show(self, numbers, losses=None, **texts):
        """Put one frame's numbers (from :func:`frame_numbers`), the new epochs of ``losses``
        (``(train, test)``, the whole history so far) and texts in the traits, in one
        message; unchanged traits (the points, mostly) are not sent again."""
        self.numbers = numbers
        with self.hold_sync():
            if losses is not None:
                self._losses = tuple(np.asarray(v, dtype=np.float64) for v in losses)
                if len(self._losses[0]) > self._held:
                    self.loss_start = self._held
                    self.loss_chunk = self._pairs(self._held)
                    self._held = len(self._losses[0])
            self.plane = numbers["plane"]
            self.boundary = numbers["boundary"].tobytes()
            self.weights = numbers["weights"].tobytes()
            self.gradients = numbers["gradients"].tobytes()
            self.n_added = numbers["n_added"]
            self.neurons = numbers["neurons"].tobytes()
            self.points = numbers["points"].tobytes()
            self.n_train = numbers["n_train"]
            self.wrong = numbers["wrong"].tobytes()
            self.point_range = numbers["point_range"]
            for name, value in texts.items():
                setattr(self, name, value)

    def new_run(self):
        """A new run (a reset, new data): the page drops the loss curve it holds."""
        with self.hold_sync():
            self.run_id += 1
            self.loss_start, self.loss_chunk = 0, b""
        self._losses, self._held = (np.empty(0), np.empty(0)), 0

    def _pairs(self, start):
        train, test = self._losses
        return as_float32(np.column_stack([train[start:], test[start:]])).tobytes()

    def _send_losses(self, start):
        """Every epoch from ``start`` on, as a message of its own (a page that asked)."""
        self.send({"type": "losses", "start": int(start), "run": self.run_id}, [self._pairs(start)])

    def _on_page_message(self, _, content, buffers):
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "ping":                 # the page times a round trip (benchmarks)
            self.send({"type": "pong"})
        elif kind == "need_losses":          # a new page view, or one that missed a message
            start = int(content.get("from", 0))
            self._send_losses(max(0, min(start, self._held)))
        elif kind == "click" and self.on_click is not None:
            self.on_click(float(content["x"]), float(content["y"]))
        elif kind in ("weight", "layers", "state") and self.on_edit is not None:
            self.on_edit(content)          # an edge's weight typed, +/- on the graph, a link's state
        elif kind == "hover" and self.on_hover is not None:
            neuron = content.get("neuron")
            self.on_hover(tuple(int(v) for v in neuron) if neuron else None)
