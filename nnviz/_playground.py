r"""The training playground of 07_training: TensorFlow Playground inside a notebook.

The model is a :class:`nnviz.TrainingRun` (``playground.run``, numpy only); this module only
turns controls into calls on it and hands the run to a *picture* (:mod:`nnviz._picture`):
painted in the page from a few kilobytes of numbers a frame (:class:`nnviz._paint.PaintedPicture`)
where anywidget is there, drawn by matplotlib otherwise
(:class:`nnviz._plots_playground.MatplotlibPicture`, also the still figure of the site and
the slides).

Every setting comes from one table, :data:`nnviz.training.SETTINGS`: its control, its
tooltip, whether a change makes a new run or applies from the next epoch, and the rules
sentence under the picture are all made from it. Introduced in 07_training.
"""
from __future__ import annotations

import html
import threading
import time

import ipywidgets as widgets
import numpy as np

from . import style
from . import training as _training
from ._explorer import Explorer, button, dropdown, fmt, ipympl_active, table, toggle
from ._frames import FrameLoop
from ._picture import OUTPUT, Scene
from ._playground_controls import (CLICK_CLASSES, CONTROL_SETTINGS, LOSS_UNITS_SHORT, FeaturesControl,  # noqa: F401
                                   control_for, fit_problem, for_problem, neuron_options, params_table, parse_hidden,
                                   parse_stop, readout_columns, rules_sentence, tip, weight_index)
from ._plots_playground import MatplotlibPicture, extent_around, people_labels
from ._validate import choice, finite_number, whole_number
from .training import FEATURE_LABELS, NEW_RUN, NEXT_EPOCH, SETTINGS, Status

__all__ = ["TrainingPlayground", "training_playground", "PLAYGROUND_CANVASES", "CONTROL_SETTINGS"]

#: Where a playground's picture comes from: painted in the page ("paint", needs anywidget),
#: matplotlib on an ipympl canvas, or PNG images; "auto" paints where ipympl is active.
PLAYGROUND_CANVASES = ("auto", "paint", "ipympl", "png")
#: Play stops here unless the learner says otherwise: far beyond where any run here settles.
DEFAULT_STOP = 10_000
MAX_EPOCHS_PER_FRAME = 50
MAX_FRAMES_PER_CALL = 100
#: How often the numbers panel is rewritten while the painted playground plays.
PANEL_FPS = 5
#: The frames a second the painted playground aims at: the screen's refresh, like TFP's loop.
PAINTED_FPS = 60
#: Epochs of training after which the grey note (what the last change did) is no longer shown.
NOTE_EPOCHS = 200
#: The loss axis's largest top: the targets are 0 and 1, so a larger MSE is a run blowing up.
LOSS_AXIS_CAP = 10.0

_STATUS_COLOURS = {"diverged": style.VERMILLION, "oscillating": style.VERMILLION, "stuck": "#8a6d00",
                   "crawling": "#8a6d00", "converged": style.GREEN, "stopped": style.BLACK}
_BAR_STYLES = {"diverged": "danger", "oscillating": "warning", "stuck": "warning",
               "crawling": "warning", "converged": "success"}


class TrainingPlayground(Explorer):
    r"""TensorFlow Playground in a notebook: train a small network on a 2-D data set and watch.

    The model is a :class:`nnviz.TrainingRun` (``self.run``); the explorer only draws it and
    turns controls into calls. One *frame* is ``run.train(epochs_per_frame)`` and a redraw:
    the decision boundary with the training points (and the test points, smaller; the
    learner's own points large and ringed), the network as a graph whose neurons show what
    they compute, and the train and test loss per epoch. ``play`` runs frames with
    :class:`nnviz._frames.FrameLoop` (an asyncio task in Jupyter, a thread elsewhere, the
    browser's event loop in JupyterLite), so the kernel stays free; :meth:`train_frames`
    runs them in the caller's thread, for tests and scripts. Which controls make a new run
    and which apply from the next epoch on comes from :data:`nnviz.training.SETTINGS`.
    ``network`` is an ordinary :class:`nnviz.Network`; :meth:`as_code` gives it as Python;
    :meth:`state` gives the whole run as one line to paste back with :meth:`load_state`.

    Where the picture comes from (``canvas``): under ``%matplotlib widget`` with anywidget
    installed (``"auto"``, or ``"paint"``), the page paints it from a few kilobytes of
    numbers a frame (:mod:`nnviz._paint`; ``self.view``, ``self.painted`` is True): 20+
    frames a second, where matplotlib over ipympl manages one to three. There, the pointer
    resting on a hidden neuron shows it large, a click on an edge sets its weight, and
    + / − on the graph add or remove neurons and layers. Otherwise (``"ipympl"``, ``"png"``,
    no anywidget) matplotlib draws it; :meth:`figure_now` draws the painted picture with
    matplotlib too, for the site and the slides. Introduced in 07_training.
    """

    def __init__(self, dataset="circles", hidden="4", activation="tanh", learn_rate=0.1,
                 batch_size=10, epochs_per_frame=5, max_epochs=DEFAULT_STOP, output="sigmoid",
                 seed=0, controls=None, canvas="auto", n=200, noise=0.1, test_fraction=0.5,
                 features=("x1", "x2"), regularization="none", reg_rate=0.001, state=None,
                 problem="classification"):
        # Every argument is checked (by the settings table) before any widget exists.
        if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, int)
                                       or batch_size not in (1, 10, 50)):
            raise ValueError(f"batch_size must be one of 1, 10, 50 or None (full batch), got {batch_size!r}.")
        epochs_per_frame = whole_number(epochs_per_frame, "epochs_per_frame", maximum=MAX_EPOCHS_PER_FRAME)
        max_epochs = SETTINGS["max_epochs"].check(max_epochs)
        if max_epochs is None:
            raise TypeError("max_epochs must be a whole number in the playground (the 'stop at epoch' "
                            "box), got None.")
        choice(canvas, "canvas", PLAYGROUND_CANVASES)
        if state is not None:
            self.run = _training.TrainingRun.from_state(state)
            self.run.max_epochs = max_epochs
        else:
            self.run = _training.TrainingRun(
                dataset=dataset, hidden=parse_hidden(hidden), activation=activation,
                learn_rate=learn_rate, batch_size=batch_size, test_fraction=test_fraction,
                noise=noise, seed=seed, n=n, output=output, max_epochs=max_epochs,
                features=features, regularization=regularization, reg_rate=reg_rate, problem=problem)
        self.seed = self.run.seed
        # Painted in the page (nnviz._paint) where anywidget is there; matplotlib otherwise.
        self.painted = canvas == "paint" or canvas == "auto" and ipympl_active()
        self.painted = self.painted and _paint_available()
        self._hover = None
        self._panel_time, self._panel_status = 0.0, None
        self._lock = threading.RLock()     # frames in a thread and control changes take turns
        # Painted frames cost the kernel a few ms, so the loop aims at the screen's 60 Hz, as
        # TensorFlow Playground does (matplotlib frames cost far more: 20).
        self.loop = FrameLoop(self._frame, fps=PAINTED_FPS if self.painted else 20, on_stop=self.refresh)
        self._note, self._note_at = "", None
        buttons = {n: button(n, icon, tip(n)) for n, icon in
                   (("play", "play"), ("pause", "pause"), ("step", "step-forward"), ("reset", "undo"))}
        self.progress = widgets.IntProgress(value=0, min=0, max=max_epochs, description="epoch 0",
                                            style={"description_width": "initial"})
        self.weights_html = widgets.HTML()
        self.code_html = widgets.HTML()
        settings = self.run.settings
        made = {name: control_for(name, settings[name]) for name in CONTROL_SETTINGS}
        controls_dict = {
            **buttons,
            **{n: made[n] for n in CONTROL_SETTINGS[:5]},
            "epochs_per_frame": widgets.IntSlider(value=epochs_per_frame, min=1, max=MAX_EPOCHS_PER_FRAME,
                                                  description="epochs per frame",
                                                  style={"description_width": "initial"},
                                                  tooltip=tip("epochs_per_frame"),
                                                  layout=widgets.Layout(width="270px")),
            **{n: made[n] for n in CONTROL_SETTINGS[5:]},
            "new_data": button("new data", "random", tip("new_data")),
            "click_adds": dropdown("a click adds", CLICK_CLASSES, 1, tip("click_adds")),
            "clear_points": button("clear my points", "eraser", tip("clear_points")),
            "neuron": dropdown("show large", neuron_options(self.run.network.layer_sizes), OUTPUT,
                               tip("neuron")),
            "discretize": toggle("discretize output", False, tip("discretize")),
            "show_test": toggle("show test data", True, tip("show_test")),
            "show_gradients": toggle("show gradients", False, tip("show_gradients")),
        }
        fit_problem(controls_dict, self.run)     # this problem type's data sets and clicks
        super().__init__(controls_dict, visible=controls,
                         canvas="png" if self.painted or canvas == "paint" else canvas,
                         figsize=(8.2, 6.0))
        buttons["play"].on_click(lambda _: self.play())
        buttons["pause"].on_click(lambda _: self.pause())
        buttons["step"].on_click(lambda _: self.train_frames(1))
        buttons["reset"].on_click(lambda _: self.reset())
        self.controls["new_data"].on_click(lambda _: self.new_data())
        self.controls["clear_points"].on_click(lambda _: self.clear_points())
        self.figure.canvas.mpl_connect("button_press_event", self._on_click)
        self.rules = widgets.HTML(rules_sentence(self.painted))
        self.state_text = widgets.Textarea(placeholder="paste a run's state here and press load",
                                           layout=widgets.Layout(width="95%", height="70px"))
        self.load_button = button("load", "upload", "Make the run the text describes (settings, weights, "
                                                    "your points).")
        self.load_button.on_click(lambda _: self.load_state(self.state_text.value))
        self.share_box = widgets.VBox([widgets.HTML(
            "<p>This text is the run as it is now (settings, weights, your points). Copy it to "
            "keep it or send it; paste one here and press <b>load</b> to get that run back. In the "
            "in-browser edition the page's address now ends with the same text: that link opens "
            "the playground in this state.</p>"), self.state_text, self.load_button])
        self.inspect = widgets.Accordion([self.weights_html, self.code_html, self.share_box],
                                         titles=("weights and biases", "the network as code",
                                                 "share this run"))
        self.inspect.selected_index = None
        self.inspect.observe(lambda _: self._show_inspect(), names="selected_index")
        self.children = [*self.children, self.rules, widgets.HBox([self.progress]), self.inspect]

    @property
    def note(self) -> str:
        """The grey line under the status: what the last change did. It fades after
        NOTE_EPOCHS epochs of training (a "reset: ..." is not news a thousand epochs later)."""
        return self._note

    @note.setter
    def note(self, text):
        self._note, self._note_at = text, None      # stamped with the epoch when first shown

    # --- what the learner reads from code ----------------------------------------------------
    network = property(lambda self: self.run.network,
                       doc="The network being trained: an ordinary :class:`nnviz.Network`.")
    X = property(lambda self: self.run.X, doc="Every point (training, your added ones, and test).")
    y = property(lambda self: self.run.y, doc="The class of every point in ``X``.")
    dataset = property(lambda self: self.run.dataset, doc="The data set's name.")
    losses = property(lambda self: self.run.train_loss, doc="The training loss after every epoch so far.")
    epoch = property(lambda self: self.run.epoch, doc="Epochs trained since the network was made.")
    status = property(lambda self: self.run.status, doc="The run's :class:`nnviz.Status`.")
    message = property(lambda self: self.run.message, doc="The run's status in a sentence.")
    playing = property(lambda self: self.loop.running, doc="True while play is training.")

    @property
    def right(self):
        """``(train, test)``: the shares of points right now, exactly as the readout shows them
        (rounded to 0.1%, as fractions: 0.953). Exercise 07.4 checks these."""
        return tuple(round(v, 3) if np.isfinite(v) else v for v in self.run.right())

    # The matplotlib picture's parts (tests and the still figure read them).
    boundary = property(lambda self: self.still.boundary)
    graph = property(lambda self: self.still.graph)
    ax_boundary = property(lambda self: self.still.ax_boundary)
    ax_graph = property(lambda self: self.still.ax_graph)
    ax_loss = property(lambda self: self.still.ax_loss)
    loss_curve = property(lambda self: self.still.loss_curve)
    title = property(lambda self: self.still.title)
    graph_title = property(lambda self: self.still.graph_title)
    loss_title = property(lambda self: self.still.loss_title)
    empty_note = property(lambda self: self.still.empty_note)

    def as_code(self, name="network") -> str:
        """The trained network as Python (its weights included) to paste into a cell."""
        return self.network.to_code(name)

    def state(self) -> str:
        """The run as one line of text (:meth:`nnviz.TrainingRun.state`)."""
        return self.run.state()

    def load_state(self, text):
        """Make the run ``text`` describes (from :meth:`state`, or a link's ``#nnviz=...``) and
        set the controls to match. A damaged text changes nothing and says so. Returns self."""
        try:
            run = _training.TrainingRun.from_state(text)
        except (TypeError, ValueError) as error:
            self.note = f"not loaded: {error}"
            self.refresh()
            return self
        self.loop.stop()
        with self._lock:
            run.max_epochs = max(parse_stop(self.value("max_epochs")), 1)
            self.run = run
            self.seed = run.seed
            self._set_controls(run)
            self.note = "loaded the run from its state: its settings, weights and your points, from epoch 0."
        self.refresh()
        return self

    def _set_controls(self, run):
        """The controls showing ``run``'s settings, without making another run."""
        self._quiet = True
        try:
            with self.hold():
                fit_problem(self.controls, run)      # the data sets and clicks of its problem type
                for name in CONTROL_SETTINGS:
                    if name == "max_epochs":
                        continue
                    value = run.settings[name]
                    if name == "batch_size":
                        value = "all" if value is None else str(value)
                    elif name == "hidden":
                        value = ", ".join(map(str, value))
                    self.controls[name].value = value
        finally:
            self._quiet = False

    # --- controls -> calls -----------------------------------------------------------------------
    def _apply_controls(self):
        """Turn control values into calls on the run: a new run, or settings from now on."""
        if getattr(self, "_quiet", False):
            return
        run = self.run
        wanted = {}
        for name in CONTROL_SETTINGS:          # each control on its own: one bad box blocks only itself
            try:
                wanted[name] = self._wanted_value(name)
            except (TypeError, ValueError) as error:     # e.g. "4, x" typed as hidden sizes
                self.note = f"not changed: {error}"
        current = run.settings
        wanted = for_problem(wanted, current)       # another problem type: its data set and output
        new_run = [k for k in wanted if SETTINGS[k].applies == NEW_RUN and wanted[k] != current[k]]
        if new_run:
            self.loop.stop()
            self.run = run = run.replace(**{k: wanted[k] for k in new_run})
            self.note = (f"{', '.join(SETTINGS[k].shown for k in new_run)} changed: a new network, "
                         "from epoch 0.")
            if "problem" in new_run:          # the data set and output controls follow the type
                self._set_controls(run)
        later = [k for k in wanted if SETTINGS[k].applies == NEXT_EPOCH and wanted[k] != current[k]
                 and wanted[k] != run.settings[k]]
        for k in later:
            setattr(run, k, wanted[k])
        # The rate means something only with a penalty: greyed out without one.
        self.controls["reg_rate"].disabled = run.regularization == "none"
        self.controls["output"].disabled = run.regression          # regression's output is linear
        said = [k for k in later if k != "max_epochs"]
        if said:
            parts = [f"{k} = {self._say(k, wanted[k])}" for k in said]
            self.note = (f"{', '.join(parts)}: from epoch {run.epoch + 1} on (the network and its "
                         "history are kept).")

    def _wanted_value(self, name):
        v = self.value(name)
        if name == "hidden":
            return parse_hidden(v)
        if name == "max_epochs":
            return parse_stop(v)
        if name == "batch_size":
            return None if v == "all" else int(v)
        if name in ("noise", "test_fraction"):
            return round(float(v), 4)
        return SETTINGS[name].check(tuple(v) if name == "features" else v)

    @staticmethod
    def _say(name, value):
        if name == "batch_size":
            return "all (full batch)" if value is None else str(value)
        if isinstance(value, float):
            return fmt(value, 3)
        return str(value)

    def _on_click(self, event):
        if event.inaxes is not self.ax_boundary or event.xdata is None:
            return
        self.add_point(float(event.xdata), float(event.ydata))

    def add_point(self, x1, x2):
        """What a click on the left picture at ``(x1, x2)`` does: a training point of the class
        'a click adds' names (nothing when it says nothing). Returns self."""
        x1, x2 = finite_number(x1, "x1"), finite_number(x2, "x2")
        label = self.value("click_adds")
        if label not in (0, 1):
            return self
        with self._lock:
            if self.run.regression:       # a value: blue +1 or orange -1, the ends of the colour scale
                label = self.run.value_range[label]
            self.run.add_point(x1, x2, label)
            what = f"value {label:+g}" if self.run.regression else f"class-{label}"
            self.note = (f"added a {what} point at ({x1:.2f}, {x2:.2f}); "
                         f"{len(self.run.added[1])} of yours now (drawn large, ringed in yellow).")
        self.refresh()
        return self

    def set_weight(self, index, value):
        """Set weight number ``index`` (W1 row by row, then W2, ...: the graph's edge order) to
        ``value``, as a click on an edge does. The run goes on from there. Returns self."""
        value = finite_number(value, "value")
        index = whole_number(index, "index", minimum=0)
        with self._lock:
            layer, j, k = weight_index(self.network, index)
            self.network.params[2 * layer][j, k] = value
            self.run._changed()
            self.note = (f"weight from neuron {k + 1} of layer {layer} to neuron {j + 1} of layer "
                         f"{layer + 1} set to {fmt(value, 3)}; training goes on from here.")
        self.refresh()
        return self

    def change_layers(self, layer=None, change=+1):
        """What + / − on the graph do: ``layer=None`` adds (``change=+1``) or removes (``-1``)
        the last hidden layer; ``layer=k`` adds or removes a neuron of hidden layer k (from 1).
        Sets the hidden sizes box: a new network. Returns self."""
        sizes = list(self.run.hidden)
        if layer is None:
            sizes = sizes + [sizes[-1] if sizes else 2] if change > 0 else sizes[:-1]
        elif 1 <= layer <= len(sizes):
            sizes[layer - 1] = min(max(sizes[layer - 1] + change, 1), _training.MAX_LAYER_SIZE)
        if len(sizes) <= _training.MAX_HIDDEN_LAYERS:
            self.controls["hidden"].value = ", ".join(map(str, sizes))
        return self

    def _on_edit(self, content):
        """The page's edits: a weight typed on an edge, +/- on the graph, a link's state."""
        kind = content.get("type")
        try:
            if kind == "weight":
                self.set_weight(int(content["index"]), float(content["value"]))
            elif kind == "layers":
                layer = content.get("layer")
                self.change_layers(None if layer is None else int(layer), int(content.get("change", 1)))
            elif kind == "state" and content.get("state"):
                self.load_state(str(content["state"]))
        except (TypeError, ValueError, KeyError) as error:
            self.note = f"not changed: {error}"
            self.refresh()

    def _on_hover(self, neuron):
        """The pointer over a neuron of the painted graph shows it large; leaving, the dropdown's."""
        with self._lock:
            self._hover = neuron if neuron is None or neuron in self.graph.neurons else None
        self.refresh()

    def clear_points(self):
        """Remove the points the learner added; the network goes on."""
        with self._lock:
            self.run.clear_points()
            self.note = "your points are removed."
        self.refresh()
        return self

    def new_data(self):
        """Another random sample of the same data set (the next seed): a new network."""
        self.loop.stop()
        with self._lock:
            self.seed += 1
            self.run = self.run.replace(seed=self.seed)
            self.note = f"new points (seed {self.seed}): a new network, from epoch 0."
        self.refresh()
        return self

    def reset(self):
        """A fresh network (the same random start) on the same points; keeps added points."""
        self.loop.stop()
        with self._lock:
            self.run = self.run.replace()
            self.note = "reset: the same random start, from epoch 0."
        self.refresh()
        return self

    # --- frames ---------------------------------------------------------------------------------
    def _frame(self):
        """One frame: train, redraw. False when nothing more can be trained (diverged, stopped)."""
        with self._lock:
            trained = self.run.train(self.value("epochs_per_frame")).epochs
        if trained:
            self.refresh()
        return bool(trained) and self.run.status not in (Status.DIVERGED, Status.STOPPED)

    def train_frames(self, k=1):
        """Train ``k`` frames of ``epochs_per_frame`` epochs each, redrawing after each frame.

        Stops early if training diverges or reaches 'stop at epoch'. Returns self.
        """
        k = whole_number(k, "k", maximum=MAX_FRAMES_PER_CALL, why="press play to train longer")
        for _ in range(k):
            if not self._frame():
                break
        self.refresh()
        return self

    def play(self):
        """Train frame after frame without blocking (see :class:`nnviz._frames.FrameLoop`)."""
        self.loop.start()
        return self

    def pause(self):
        """Stop after the current frame."""
        self.loop.stop()
        return self

    # --- the picture ------------------------------------------------------------------------------
    def build(self):
        self.still = MatplotlibPicture(self.figure, self.run)
        self.picture = self.painted_picture if self.painted else self.still
        self._shown_run = None
        self._show_run()
        self.animated = self.still.animated
        if self.painted:      # the still figure laid out with its titles, as the page shows it
            self.still.show(self.run, self.scene(self.run))

    def static_state(self):
        return self.still.static_state()

    def _input_labels(self, run):
        return [FEATURE_LABELS[f] for f in run.features]

    def _show_run(self):
        """A new run: its points, extent and (if the sizes changed) a new graph."""
        run = self.run
        labels = people_labels("shifted") if run.dataset == "people" else ("x1", "x2")
        inputs = self._input_labels(run)
        if self.still.new_run(run, labels, inputs):
            self.animated = self.still.animated
            if getattr(self, "_background", "unset") != "unset":     # after build: animate them too
                self._start_animation()
            options = neuron_options(run.network.layer_sizes)
            neuron = self.controls["neuron"]
            if list(neuron.options) != list(options):
                with self.hold():
                    neuron.options = options
                    neuron.value = OUTPUT
        if self.painted:
            self.picture.new_run(run, labels, inputs, extent=self.still.boundary.extent)
        self._shown_run = run

    def make_view(self):
        if not self.painted:
            return super().make_view()
        from ._paint import PaintedPicture, PlaygroundView
        self.view = PlaygroundView(on_click=self.add_point, on_hover=self._on_hover, on_edit=self._on_edit)
        self.view.still = self.figure_now
        self.painted_picture = PaintedPicture(self.view, None)
        return self.view

    def shown_neuron(self):
        """The neuron shown large: the one under the pointer (painted view), else the
        dropdown's; ``OUTPUT`` for the network's output."""
        neuron = self._hover if self._hover is not None else self.value("neuron")
        if neuron != OUTPUT and neuron[0] >= self.run.network.n_layers:
            return OUTPUT
        return neuron

    def _titles(self, run, neuron):
        """The three panel titles: the plane, the graph, the loss."""
        plane = (f"{run.dataset}: the network's output" if neuron == OUTPUT
                 else f"layer {neuron[0]}, neuron {neuron[1] + 1}: its output")
        sizes = '-'.join(map(str, run.network.layer_sizes))
        graph = (f"{sizes} network, {run.activation}" if run.hidden
                 else f"{sizes} network: one {run.output} neuron")
        if self.value("show_gradients"):
            graph += ": edges sized by |dL/dw|"
        batch = run.batch_size
        penalty = "" if run.regularization == "none" else f", {run.regularization} {fmt(run.reg_rate, 3)}"
        loss = ("Loss per epoch" + (f" ({LOSS_UNITS_SHORT})" if run.regression else "")
                + f": train solid, test dashed (η = {fmt(run.learn_rate, 3)}, "
                + ("full batch" if batch is None else f"batch {batch}") + penalty + ")")
        return [plane, graph, loss]

    def scene(self, run):
        """What the learner chose to see (:class:`nnviz._picture.Scene`), for ``run``."""
        neuron = self.shown_neuron()
        clickable = self.value("click_adds") in (0, 1)
        note = "press play or step: the loss after each epoch appears here"
        if clickable:
            note += " (click on the plane to add your own points)"
        return Scene(neuron=neuron, titles=tuple(self._titles(run, neuron)),
                     loss_axes=self._loss_limits(run), empty_note="" if run.epoch else note,
                     clickable=clickable, discretize=bool(self.value("discretize")),
                     show_test=bool(self.value("show_test")),
                     gradients=run.gradients()[0::2] if self.value("show_gradients") else None,
                     input_labels=tuple(self._input_labels(run)))

    def update(self):
        with self._lock:
            self._apply_controls()
            run = self.run
            if run is not self._shown_run:
                self._show_run()
            self.picture.show(run, self.scene(run))
            if self._panel_due(run):
                self._fill_panel(run)

    def _panel_due(self, run):
        """Whether to rewrite the numbers panel now. While the painted view plays, at most
        PANEL_FPS times a second (or when the status changes): each rewrite is HTML the
        page lays out again, and nobody reads a table that changes 25 times a second. The
        picture shows every frame; the last frame's numbers come when play stops."""
        if not (self.painted and self.playing):
            return True
        now = time.perf_counter()
        return not (now - self._panel_time < 1.0 / PANEL_FPS and run.status is self._panel_status)

    def _fill_panel(self, run):
        self._panel_time, self._panel_status = time.perf_counter(), run.status
        self.readout.value = self._numbers(run)
        with self.progress.hold_sync():
            self.progress.max = max(1, run.max_epochs or 1)
            self.progress.value = min(run.epoch, self.progress.max)
            self.progress.description = f"epoch {run.epoch}"
            self.progress.bar_style = _BAR_STYLES.get(run.verdict.value, "info" if self.playing else "")
        self._show_inspect()

    def figure_now(self):
        """The matplotlib figure of the run as it is now (what the painted view shows, drawn
        by matplotlib: the still picture for the site and the slides)."""
        with self._lock:
            self.still.show(self.run, self.scene(self.run))
        return self.figure

    def _loss_limits(self, run):
        """The loss axes' tops (epochs, loss): they change rarely (the epoch axis doubles, the
        loss axis steps up), and before the first epoch they show 50 epochs and a little
        above the start loss."""
        if run.epoch:
            # The largest finite loss so far, kept per run and updated from the new epochs only
            # (a frame's cost must not grow with the length of the history).
            seen_run, seen, top = getattr(self, "_loss_max", (None, 0, -np.inf))
            if seen_run is not run or seen > run.epoch:
                seen, top = 0, -np.inf
            new = np.concatenate([run.train_loss[seen:], run.test_loss[seen:]])
            finite = new[np.isfinite(new)]
            if finite.size:
                top = max(top, float(finite.max()))
            self._loss_max = (run, run.epoch, top)
            # A run blowing up (a linear output, η = 10) reaches losses like 1e273: the axis
            # stops at LOSS_AXIS_CAP (targets are 0 and 1: a larger MSE means outputs far
            # beyond them), and the curve leaves it at the top.
            top = top if np.isfinite(top) else 1.0
            return float(_doubling(run.epoch, 50)), (LOSS_AXIS_CAP if top > LOSS_AXIS_CAP else _nice_top(top))
        start = [run._loss(run.X_train, run.y_train), run._loss(run.X_test, run.y_test)]
        return 50.0, _nice_top(max([v for v in start if np.isfinite(v)] + [0.05]))

    def _numbers(self, run):
        r = run.result()
        # now, after added or cleared points too: the share right, or regression's typical error
        names, shown_now, caption = readout_columns(run)
        n_added = len(run.added[1])
        header = ["epoch", "loss, train", "loss, test", *names, "points"]
        rows = [(run.epoch, r.train_loss if run.epoch else "-",
                 r.test_loss if run.epoch and np.isfinite(r.test_loss) else "-", *shown_now,
                 f"{len(run.y_train) - n_added} train + {n_added} yours, {len(run.y_test)} test")]
        shown = run.verdict if run.status is Status.STOPPED else run.status
        colour = _STATUS_COLOURS.get(shown.value, style.BLACK)
        message = run.message
        if run.status is Status.STOPPED:
            # The verdict stays in front: "converged: ..." beside "stopped at epoch ...".
            stop, _, verdict = message.partition(" When it stopped it was ")
            head = f"<b style='color:{colour}'>{html.escape(run.verdict.value)}</b>"
            prefix = f"{run.verdict.value}: "
            rest = verdict[len(prefix):] if verdict.startswith(prefix) else verdict
            body = f"{head}: {html.escape(rest)} <b>{html.escape(stop)}</b>"
        else:
            prefix = f"{run.status.value}: "
            rest = message[len(prefix):] if message.startswith(prefix) else message
            body = f"<b style='color:{colour}'>{html.escape(run.status.value)}</b>: {html.escape(rest)}"
        status = f"<p style='max-width:560px;margin:2px 0'>{body}</p>"
        if self._note_at is None or self._note_at > run.epoch:
            self._note_at = run.epoch
        fresh = self._note and run.epoch - self._note_at <= NOTE_EPOCHS
        note = (f"<p style='max-width:560px;margin:2px 0;color:#555'>{html.escape(self._note)}</p>"
                if fresh else "")
        return status + note + table(rows, header=header, title=caption)

    def _show_inspect(self):
        """Fill the open section only: a table per layer, the network as code, or its state."""
        opened = self.inspect.selected_index if hasattr(self, "inspect") else None
        if opened == 0:
            self.weights_html.value = params_table(self.network)
        elif opened == 1:
            self.code_html.value = ("<p>Copy this into a cell to get the network as it is now:</p>"
                                    f"<pre style='font-size:85%'>{html.escape(self.as_code())}</pre>")
        elif opened == 2 and not self.playing:
            self.state_text.value = self.state()
            if self.painted:
                self.view.share = self.state_text.value

    def draw(self):
        if self.painted:     # the page paints the numbers update() sent
            return
        with self._lock:     # a frame in a thread and a control change never draw at once
            super().draw()

    def close(self):
        if getattr(self, "loop", None) is not None:     # not there if __init__ refused its input
            self.loop.stop()
        super().close()


def _paint_available() -> bool:
    """True where anywidget is installed (the painted view's one extra dependency)."""
    try:
        import anywidget  # noqa: F401
    except ImportError:
        return False
    return True


def _doubling(value, start):
    """The first of start, 2 start, 4 start, ... that is at least ``value``."""
    top = start
    while top < value:
        top *= 2
    return top


def _nice_top(value):
    """A round number a little above ``value`` (0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, ...)."""
    value = max(float(value), 1e-3) * 1.05
    scale = 10.0 ** np.floor(np.log10(value))
    for step in (1.0, 2.0, 3.0, 5.0, 10.0):
        if step * scale >= value:
            return float(step * scale)
    return float(10.0 * scale)


def training_playground(dataset="circles", hidden="4", activation="tanh", learn_rate=0.1,
                        batch_size=10, epochs_per_frame=5, max_epochs=DEFAULT_STOP, output="sigmoid",
                        controls=None, canvas="auto", noise=0.1, test_fraction=0.5, seed=0,
                        features=("x1", "x2"), regularization="none", reg_rate=0.001, state=None,
                        problem="classification"):
    r"""TensorFlow Playground inside the notebook: pick data, inputs, layers, activation and
    learning rate, press play and watch the decision boundary form while the loss falls.

    Each epoch runs :math:`w \leftarrow w - \eta\,\partial L/\partial w` over the training
    points in batches of ``batch_size`` (1 = the seed article's SGD, None = full batch).
    ``hidden`` lists the hidden layer sizes, e.g. "4, 4" or (8, 8). ``features`` are the
    network's inputs (x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)); ``regularization``
    ("none", "L1", "L2") with ``reg_rate`` penalises large weights. ``problem="regression"``
    (data sets "plane", "gaussians") learns a value per point: a linear output, the loss in the
    target's units squared, the readout's typical error √MSE in its units. ``output`` is the output
    neuron's activation: "sigmoid" (outputs between 0 and 1) or "linear" (which can
    diverge). A share ``test_fraction`` of the points is held back as a test set; ``noise``
    scatters the points; ``state`` (from ``playground.state()``) starts from a saved run.
    Left: the network's output, from orange (0) to blue (1), the points ringed when on the
    wrong side; right: the network as a graph, each neuron showing what it computes; below:
    train and test loss per epoch. The panel says how training goes (training, crawling,
    converged, stuck, oscillating, diverged, stopped) and what to try. The model is
    ``playground.run``, a :class:`nnviz.TrainingRun`; ``playground.as_code()`` gives the
    trained network as code. ``canvas``: "auto" (painted in the page under ``%matplotlib
    widget`` where anywidget is installed, else matplotlib), "paint", "ipympl" or "png".
    Every setting's range is in ``nnviz.training.SETTINGS``. Introduced in 07_training.
    """
    return TrainingPlayground(dataset, hidden, activation, learn_rate, batch_size, epochs_per_frame,
                              max_epochs, output, seed=seed, controls=controls, canvas=canvas,
                              noise=noise, test_fraction=test_fraction, features=features,
                              regularization=regularization, reg_rate=reg_rate, state=state,
                              problem=problem)
