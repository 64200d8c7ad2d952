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
neuron) into calls of the ``on_click`` and ``on_hover`` functions it is given. The
playground (``nnviz._widgets_training.TrainingPlayground``) uses it where anywidget is
installed; without it, the playground draws with matplotlib as before. Introduced in
07_training.
"""
from __future__ import annotations

from pathlib import Path

import anywidget
import numpy as np
import traitlets

__all__ = ["PlaygroundView", "frame_numbers", "quantize"]

#: The painting code, an ES module shipped inside the package (no CDN, no network).
ESM = (Path(__file__).with_name("_paint.js")).read_text(encoding="utf-8")
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
    from ._plots_training import PROBABILITY_CMAP
    rgb = PROBABILITY_CMAP(np.linspace(0.0, 1.0, 256))[:, :3]
    return np.rint(255.0 * (alpha * rgb + (1.0 - alpha))).astype(np.uint8)


def _grid(extent, n):
    """BoundaryDrawer's and NetworkGraphDrawer's grid: n × n pixel centres over ``extent``."""
    x_lo, x_hi, y_lo, y_hi = extent
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, n), np.linspace(y_lo, y_hi, n))
    return np.column_stack([gx.ravel(), gy.ravel()])


def frame_numbers(run, neuron="output", extent=None):
    """Everything one painted frame shows of ``run`` (a :class:`nnviz.TrainingRun`), numpy only.

    ``neuron`` is ``"output"`` or ``(layer, index)`` of the neuron shown large. Returns a
    dict: ``plane`` (the boundary axes' limits), ``boundary`` (uint8, 60×60, row 0 at the
    bottom) and ``boundary_range``; ``weights`` (float32, W1 row by row, then W2, ...);
    ``neurons`` (uint8, one 16×16 picture per neuron, inputs first) and ``neuron_ranges``;
    ``points`` (float32 rows x1, x2, class: training points, then test points),
    ``n_train`` and ``wrong`` (uint8, 1 where a point is on the wrong side of 0.5).
    """
    from ._plots_training import _extent_around, _neuron_range
    network = run.network
    extent = _extent_around(run.X) if extent is None else extent
    x_lo, x_hi, y_lo, y_hi = (float(v) for v in extent)
    n = BOUNDARY_RESOLUTION
    dx, dy = (x_hi - x_lo) / (n - 1) / 2, (y_hi - y_lo) / (n - 1) / 2
    names = [None] + [network.activation] * (network.n_layers - 1) + [network.output_activation]
    with np.errstate(over="ignore", invalid="ignore"):
        outputs = network._forward(_grid(extent, n))[1]
    if neuron == "output":
        values, vmin, vmax = outputs[-1][:, 0], 0.0, 1.0
    else:
        layer, j = neuron
        values = outputs[layer][:, j]
        vmin, vmax = _neuron_range(names[layer], values)
    with np.errstate(over="ignore", invalid="ignore"):
        small = network._forward(_grid(extent, NEURON_RESOLUTION))[1]
        out = network._forward(run.X)[1][-1][:, 0] if len(run.X) else np.empty(0)
    pictures, ranges = [], []
    for layer, size in enumerate(network.layer_sizes):
        for j in range(size):
            v = small[layer][:, j]
            lo, hi = _neuron_range(names[layer] if layer else "linear", v)
            pictures.append(quantize(v, lo, hi))
            ranges.append((lo, hi))
    weights = np.concatenate([W.ravel() for W in network.weights])
    points = as_float32(np.column_stack([run.X, run.y]))
    return {
        "plane": [x_lo - dx, x_hi + dx, y_lo - dy, y_hi + dy],
        "boundary": quantize(values, vmin, vmax),
        "boundary_range": [float(vmin), float(vmax)],
        "weights": as_float32(np.where(np.isfinite(weights), weights, 0.0)),
        "neurons": np.concatenate(pictures),
        "neuron_ranges": ranges,
        "points": points,
        "n_train": int(len(run.y_train)),
        "wrong": ((out > 0.5) != (run.y > 0.5)).astype(np.uint8),
    }


class PlaygroundView(anywidget.AnyWidget):
    """The playground's picture, painted by the page from the numbers in its traits.

    Set the numbers with :meth:`show`: one message per frame, with only the epochs of loss
    the page does not hold yet; :meth:`new_run` starts the loss curve again. ``on_click(x1, x2)`` is called
    when the plane is clicked, ``on_hover(neuron)`` when the pointer enters a neuron
    (``(layer, index)``) or leaves them (``None``). Introduced in 07_training.
    """

    _esm = traitlets.Unicode(ESM).tag(sync=True)
    width = traitlets.Int(WIDTH).tag(sync=True)
    height = traitlets.Int(HEIGHT).tag(sync=True)
    colours = traitlets.Bytes(b"").tag(sync=True)             # 256 × RGB, the boundary's (alpha 0.7)
    neuron_colours = traitlets.Bytes(b"").tag(sync=True)      # 256 × RGB, the neurons' (opaque)
    layer_sizes = traitlets.List(traitlets.Int(), [2, 1]).tag(sync=True)
    activations = traitlets.List(traitlets.Unicode(), []).tag(sync=True)
    plane = traitlets.List(traitlets.Float(), [0.0, 1.0, 0.0, 1.0]).tag(sync=True)
    boundary = traitlets.Bytes(b"").tag(sync=True)
    weights = traitlets.Bytes(b"").tag(sync=True)
    neurons = traitlets.Bytes(b"").tag(sync=True)
    points = traitlets.Bytes(b"").tag(sync=True)
    n_train = traitlets.Int(0).tag(sync=True)
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

    def __init__(self, on_click=None, on_hover=None, **kwargs):
        super().__init__(colours=_colour_table(BOUNDARY_ALPHA).tobytes(),
                         neuron_colours=_colour_table(1.0).tobytes(), **kwargs)
        self.on_click, self.on_hover = on_click, on_hover
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
            self.neurons = numbers["neurons"].tobytes()
            self.points = numbers["points"].tobytes()
            self.n_train = numbers["n_train"]
            self.wrong = numbers["wrong"].tobytes()
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
        elif kind == "hover" and self.on_hover is not None:
            neuron = content.get("neuron")
            self.on_hover(tuple(int(v) for v in neuron) if neuron else None)
