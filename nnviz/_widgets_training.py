"""Explorers for the training half: one parameter's slope (05), gradient descent (06) and
the training playground (07).

All are :class:`nnviz._explorer.Explorer` subclasses: the figure is made once, controls
change numbers, the drawers from ``nnviz._plots_training`` move their artists in place.
What the explorers compute comes from the core (``Network.gradients``, ``nnviz.gd``,
``Network.train``), so the picture always shows the same numbers a learner gets by
calling those functions.
"""
from __future__ import annotations

import asyncio
import html
import threading
import time
import warnings

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from . import data as _data
from . import gd as _gd
from . import style
from ._explorer import Explorer, dropdown, float_slider, fmt, table
from ._plots_training import (BoundaryDrawer, ContourDrawer, CurveDescentDrawer, LineFitDrawer,
                              LossCurveDrawer, LossVsParameterDrawer, _extent_around,
                              _people_labels, _resolve_param)
from ._validate import choice, whole_number
from ._widgets_concepts import NETWORK_PARAMS, _network_values, _params_2_2_1
from .activations import ACTIVATION_NAMES
from .network import DivergenceWarning, Network

__all__ = ["DescentExplorer", "GradientExplorer", "TrainingPlayground", "descent_explorer",
           "gradient_explorer", "training_playground"]


def _log_slider(description, value, low_exp, high_exp):
    """A learning-rate slider on a log scale: one notch moves it by the same factor anywhere."""
    return widgets.FloatLogSlider(value=value, base=10, min=low_exp, max=high_exp, step=0.05,
                                  description=description, readout_format=".3g",
                                  continuous_update=True, style={"description_width": "initial"},
                                  layout=widgets.Layout(width="290px"))


def _button(description, icon=""):
    return widgets.Button(description=description, icon=icon, layout=widgets.Layout(width="auto"))


def _fewer_ticks(figure, n=5):
    """At most about n ticks per linear axis: every tick label is text drawn on each redraw."""
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_scale() == "linear":
                axis.set_major_locator(MaxNLocator(n))


def _finite(points):
    """NaN where a value is not finite, so a diverging path draws as far as it went, silently."""
    points = np.array(points, dtype=np.float64)
    points[~np.isfinite(points)] = np.nan
    return points


# --- one parameter's slope (05) ---------------------------------------------------------

#: The people the gradient explorer's loss is over: all four, or one of them.
PEOPLE_CHOICES = {"all four": "all", **{name: name for name in _data.PEOPLE}}
#: The nudge of the finite-difference estimate beside backpropagation's slope.
NUDGE = 1e-3


class GradientExplorer(Explorer):
    r"""The loss of the 2-2-1 network on the people as one parameter moves, the others held.

    The curve is :math:`L(p)` over the slider's range, the dot the current value, the dashed
    line the tangent whose slope is :math:`\partial L/\partial p` from
    :meth:`Network.gradients`. The panel sets backpropagation's slope beside the nudge
    estimate :math:`(L(p + \epsilon) - L(p))/\epsilon` and says which way gradient descent
    would move ``p``. ``self.network`` holds all nine values: switching the parameter keeps
    the others where they were left. Introduced in 05_backprop.
    """

    def __init__(self, param="w1", weights=(1,) * 6, biases=(0,) * 3, people="all", controls=None,
                 canvas="auto", limit=3.0):
        choice(param, "param", NETWORK_PARAMS)
        choice(people, "people", list(PEOPLE_CHOICES.values()))
        values = _network_values(weights, biases)
        self.network = Network([2, 2, 1])
        self.network.params = _params_2_2_1(values)
        self.X_all, self.y_all = _data.people()
        reach = max(limit, *(abs(v) for v in values.values()))
        super().__init__({
            "param": dropdown("parameter", list(NETWORK_PARAMS), param),
            "value": float_slider(param, values[param], -reach, reach, step=0.01),   # its name
            "people": dropdown("loss over", PEOPLE_CHOICES, people),
        }, visible=controls, canvas=canvas, figsize=(6.2, 3.8))

    def build(self):
        ax = self.figure.add_subplot()
        self.drawer = LossVsParameterDrawer(ax, legend=False)
        self.drawer.label.set_visible(False)     # the panel beside the figure has the numbers
        self.title = style.title(ax)
        _fewer_ticks(self.figure)
        # The label stays put while the tick labels change width (0.2 -> 0.0125): the layout
        # is frozen after the first draw, so a label that moved out would be cut off.
        ax.yaxis.set_label_coords(-0.14, 0.5)

    def _where(self, name):
        """(array, index) of parameter ``name`` in ``self.network.params``."""
        _, i, idx = _resolve_param(self.network, name)
        return self.network.params[i], idx

    def data(self):
        """``(X, y)`` the loss is over: all four people, or the one chosen."""
        who = self.value("people")
        if who == "all":
            return self.X_all, self.y_all
        k = list(_data.PEOPLE).index(who)
        return self.X_all[k:k + 1], self.y_all[k:k + 1]

    def changed(self, name, change):
        if name == "param":     # the slider shows the newly chosen parameter, by name
            array, idx = self._where(change["new"])
            self.controls["value"].description = change["new"]
            self.controls["value"].value = float(array[idx])

    def update(self):
        name, value = self.value("param"), self.value("value")
        array, idx = self._where(name)
        array[idx] = value
        X, y = self.data()
        slider = self.controls["value"]
        self.drawer.update(self.network, X, y, name, span=(slider.max - slider.min) / 4,
                           x_range=(slider.min, slider.max))
        self.loss, self.slope = self.drawer.loss, self.drawer.slope
        array[idx] = value + NUDGE
        self.nudge = (self.network.loss(X, y) - self.loss) / NUDGE
        array[idx] = value
        who = "all four people" if self.value("people") == "all" else self.value("people")
        self.title.set_text(f"Loss over {who} as {name} moves; tangent dashed")
        self.message = _which_way(name, self.slope)
        rows = [(name, value), ("loss L", self.loss), (f"dL/d{name} (backprop)", self.slope),
                (f"nudge (L({name} + ε) − L)/ε, ε = {NUDGE:g}", self.nudge)]
        self.readout.value = (table(rows, title=f"The slope of L in {name}")
                              + f"<p style='max-width:260px'>{html.escape(self.message)}</p>")


def _which_way(name, slope):
    """In words: which way gradient descent moves ``name``, from the sign of dL/d(name)."""
    if abs(slope) < 5e-5:    # would print as +0.0000
        return (f"dL/d{name} = {slope:+.2g}: almost flat here, so a small change of {name} "
                "barely moves the loss.")
    shown = f"dL/d{name} = {slope:+.4f}"
    if slope > 0:
        return f"{shown} > 0: decreasing {name} lowers the loss."
    return f"{shown} < 0: increasing {name} lowers the loss."


def gradient_explorer(param="w1", weights=(1,) * 6, biases=(0,) * 3, people="all", controls=None,
                      canvas="auto"):
    r"""Pick one of the nine parameters of the 2-2-1 network, move it, and read its slope.

    The figure is the loss :math:`L` over the people as that one parameter moves (the other
    eight held), the dot where it is now, and the tangent with slope
    :math:`\partial L/\partial p` from backpropagation (``Network.gradients``). The panel
    shows L, that slope, the nudge estimate :math:`(L(p + \epsilon) - L(p))/\epsilon` and
    which way gradient descent would move p. Starts at notebook 05's network: every weight
    1, every bias 0. ``people`` is "all" or one name ("Alice", "Bob", "Charlie", "Diana").
    Controls: param, value, people. Introduced in 05_backprop.
    """
    return GradientExplorer(param, weights, biases, people, controls=controls, canvas=canvas)


# --- gradient descent -------------------------------------------------------------------

PROBLEMS = {"line y = m x + b (2 parameters)": "line", "bumpy curve E(w) (1 parameter)": "bumpy"}


class DescentExplorer(Explorer):
    r"""Gradient descent step by step, on the line fit or on the bumpy 1-D loss.

    ``steps_taken`` counts the steps so far; every change recomputes the whole path from
    the start with :func:`nnviz.gd.line_descent` or :func:`nnviz.gd.bumpy_descent`, so the
    path drawn is exactly what those functions return (``self.descent``).
    Introduced in 06_gradient_descent.
    """

    def __init__(self, problem="line", learn_rate=0.15, controls=None, canvas="auto"):
        self.x, self.y = _gd.line_data()
        self.best = _gd.line_best_fit(self.x, self.y)
        self.steps_taken = 0
        m_best, b_best = self.best
        if problem not in PROBLEMS.values():
            raise ValueError(f"problem must be 'line' or 'bumpy', got {problem!r}.")
        buttons = {"step": _button("step", "step-forward"), "run": _button("run", "play"),
                   "reset": _button("reset", "undo")}
        super().__init__(
            {
                "problem": dropdown("problem", PROBLEMS, problem),
                "learn_rate": _log_slider("learn_rate η", learn_rate, -3, 0),
                "m": float_slider("start m", round(m_best - 3.0, 1), round(m_best - 4, 1), round(m_best + 4, 1)),
                "b": float_slider("start b", round(b_best + 3.0, 1), round(b_best - 4, 1), round(b_best + 4, 1)),
                "w": float_slider("start w", 2.0, -2.0, 2.0, step=0.05),
                "steps": widgets.IntSlider(value=50, min=1, max=200, description="steps per run",
                                           style={"description_width": "initial"}),
                **buttons,
            },
            visible=controls, canvas=canvas, figsize=(8.6, 4.2),
        )
        buttons["step"].on_click(lambda _: self.step(1))
        buttons["run"].on_click(lambda _: self.step(self.value("steps")))
        buttons["reset"].on_click(lambda _: self.reset())

    # --- the picture: the landscape with the path on the left, steps on the right ------
    def build(self):
        grid = self.figure.add_gridspec(2, 2, width_ratios=(1.25, 1.0))
        # Each problem has its own left and top-right panels in the same places; the other
        # problem's are hidden, so switching problems moves no axes and re-lays nothing out.
        self.ax_surface = self.figure.add_subplot(grid[:, 0])
        self.ax_curve = self.figure.add_subplot(grid[:, 0])
        self.ax_fit = self.figure.add_subplot(grid[0, 1])
        self.ax_w = self.figure.add_subplot(grid[0, 1])
        self.ax_loss = self.figure.add_subplot(grid[1, 1])
        m_best, b_best = self.best
        A, B = np.meshgrid(np.linspace(m_best - 4, m_best + 4, 60), np.linspace(b_best - 4, b_best + 4, 60))
        # No legends: each costs ~8 ms per redraw; the titles name the markers instead.
        self.contours = ContourDrawer(self.ax_surface, legend=False).set_surface(
            A, B, _gd.line_loss(A, B, self.x, self.y), best=self.best)
        style.title(self.ax_surface, "Loss E(m, b): ● start, ★ now, ✕ minimum")
        self.curve = CurveDescentDrawer(self.ax_curve, legend=False)
        style.title(self.ax_curve, "Loss E(w): the path in vermillion, ★ now")
        self.fit = LineFitDrawer(self.ax_fit, self.x, self.y, legend=False)
        style.title(self.ax_fit, "y = m x + b now, residuals dotted")
        (self.w_line,) = self.ax_w.plot([], [], "-o", markersize=3, color=style.VERMILLION)
        self.ax_w.set_ylim(-2.5, 2.5)
        self.ax_w.set_ylabel("w")
        self.ax_w.tick_params(labelbottom=False)     # the loss panel below labels the steps
        for w_min in (_gd.BUMPY_GLOBAL_MIN, _gd.BUMPY_LOCAL_MIN):
            self.ax_w.axhline(w_min, color=style.GREY, linestyle=":", linewidth=1.0)
        self.loss_curve = LossCurveDrawer(self.ax_loss, log=True, first=0, xlabel="step")
        # The learning rate sits in the picture: a projected or saved frame says which it was.
        self.loss_title = style.title(self.ax_loss, "")
        self.loss_curve.line.set_marker("o")
        self.loss_curve.line.set_markersize(3)
        self._show_problem(self.value("problem"))
        _fewer_ticks(self.figure)

    def _show_problem(self, problem):
        line = problem == "line"
        for ax in (self.ax_surface, self.ax_fit):
            ax.set_visible(line)
        for ax in (self.ax_curve, self.ax_w):
            ax.set_visible(not line)

    def update(self):
        problem, learn_rate = self.value("problem"), self.value("learn_rate")
        if problem != getattr(self, "problem", problem):
            self.steps_taken = 0         # a new problem starts from its own start point
        self.problem = problem
        self._show_problem(problem)
        if problem == "line":
            self.descent = _gd.line_descent(self.x, self.y, self.value("m"), self.value("b"),
                                            learn_rate, self.steps_taken)
            self.contours.update(_finite(self.descent.path))
            m, b = self.descent.path[-1]
            self.fit.update(m, b)
        else:
            self.descent = _gd.bumpy_descent(self.value("w"), learn_rate, self.steps_taken)
            path = _finite(self.descent.path)
            self.curve.update(path)
            self.w_line.set_data(np.arange(len(path)), path[:, 0])
            self.ax_w.set_xlim(-0.5, max(len(path) - 0.5, 1.0))
        self.controls["m"].disabled = self.controls["b"].disabled = problem != "line"
        self.controls["w"].disabled = problem == "line"
        # A diverged run's last loss may be inf; capped so the log axis keeps a sane range.
        self.loss_curve.update(np.minimum(_finite(self.descent.losses), 10 * _gd.DIVERGE_LOSS))
        self.loss_title.set_text(f"loss per step (η = {fmt(learn_rate, 3)})")
        self.readout.value = self._numbers(problem)

    def _numbers(self, problem):
        d = self.descent
        p, g = d.path[-1], d.gradients[-1]
        names = ("m", "b") if problem == "line" else ("w",)
        rows = [("steps", d.steps), ("learn_rate", d.learn_rate)]
        rows += [(n, float(v)) for n, v in zip(names, p)]
        rows += [(f"dE/d{n}", float(v)) for n, v in zip(names, g)]
        rows.append(("loss E", float(d.losses[-1])))
        if problem == "line":
            rows += [("best m", self.best[0]), ("best b", self.best[1])]
        message = d.message if d.steps else "press step or run"
        if problem == "bumpy" and d.converged:
            nearest = min((_gd.BUMPY_GLOBAL_MIN, "the global"), (_gd.BUMPY_LOCAL_MIN, "a local"),
                          key=lambda m: abs(m[0] - p[0]))
            message += f"; w = {fmt(p[0])} is {nearest[1]} minimum"
        self.message = message
        return table(rows, title="Gradient descent") + f"<p style='max-width:260px'>{html.escape(message)}</p>"

    # --- actions ----------------------------------------------------------------------
    def step(self, n=1):
        """Take ``n`` more steps (a diverged path stays where it blew up)."""
        self.steps_taken += whole_number(n, "n")
        self.refresh()
        return self

    def reset(self):
        """Back to the start point, no steps taken."""
        self.steps_taken = 0
        self.refresh()
        return self


def descent_explorer(problem="line", learn_rate=0.15, controls=None, canvas="auto"):
    r"""Explore gradient descent: :math:`p \leftarrow p - \eta\,\nabla E(p)`, one step at a time.

    Two problems (the ``problem`` dropdown): fitting y = m x + b, with the path on the
    contours of :math:`E(m, b) = \frac{1}{n}\sum (y_i - (m x_i + b))^2`; and the bumpy curve
    :math:`E(w) = w^4 - 3w^2 + w + 4`, where the start decides which valley you end in.
    The learning rate slider is on a log scale: too small crawls, too large zig-zags and
    diverges, and the panel says which happened. ``controls=["learn_rate", "step"]`` shows
    only those (teacher mode). Introduced in 06_gradient_descent.
    """
    return DescentExplorer(problem, learn_rate, controls, canvas)


# --- the training playground -------------------------------------------------------------

DATASETS = ("people", "xor", "circles", "moons", "spiral")
BATCH_SIZES = {"1 (SGD)": 1, "10": 10, "50": 50, "all (full batch)": None}


def _parse_hidden(text):
    """ "4, 4" -> [4, 4]; "" -> [] (no hidden layer). Errors say what came."""
    parts = [p.strip() for p in str(text).replace(";", ",").split(",") if p.strip()]
    try:
        sizes = [int(p) for p in parts]
    except ValueError:
        raise ValueError(f"hidden must be whole numbers separated by commas, such as '4, 4', got {text!r}.") from None
    for i, n in enumerate(sizes):
        whole_number(n, f"hidden layer {i + 1} size")
    return sizes


def _params_table(network):
    """Every weight and bias as HTML, one table per layer, rows = neurons."""
    parts = []
    for layer, (W, b) in enumerate(zip(network.weights, network.biases), start=1):
        header = ["neuron", *(f"w from {k + 1}" for k in range(W.shape[1])), "bias"]
        rows = [(f"{j + 1}", *(float(v) for v in W[j]), float(b[j])) for j in range(W.shape[0])]
        parts.append(table(rows, header=header, title=f"layer {layer}: W{layer}, b{layer}"))
    return "".join(parts)


class TrainingPlayground(Explorer):
    r"""TensorFlow Playground in a notebook: train a small network on a 2-D data set and watch.

    One *frame* trains ``epochs_per_frame`` epochs with :meth:`Network.train` and redraws the
    boundary and the loss curve. ``play`` runs frames in an asyncio task (in Jupyter) or a
    thread (elsewhere), so the kernel stays free; :meth:`train_frames` runs them in the
    caller's thread, for tests and scripts. ``losses`` is every epoch's loss so far (the
    Histories joined), so the epoch counter is ``len(losses)``. Introduced in 07_training.
    """

    def __init__(self, dataset="xor", hidden="4", activation="tanh", learn_rate=0.1, batch_size=10,
                 epochs_per_frame=5, max_epochs=2000, output="sigmoid", seed=0, controls=None,
                 canvas="auto", n=200):
        self.seed, self.n = seed, n
        self._lock = threading.RLock()    # play's thread and control changes take turns
        self._playing = False
        self._runner = self._token = None
        self.message = ""
        batch_label = {v: k for k, v in BATCH_SIZES.items()}.get(batch_size)
        if batch_label is None:
            raise ValueError(f"batch_size must be one of 1, 10, 50 or None (full batch), got {batch_size!r}.")
        self._new_problem(dataset, hidden, activation, output)   # checks them before any widget exists
        buttons = {"play": _button("play", "play"), "pause": _button("pause", "pause"),
                   "step": _button("step", "step-forward"), "reset": _button("reset", "undo")}
        self.progress = widgets.IntProgress(value=0, min=0, max=max_epochs, description="epoch 0",
                                            style={"description_width": "initial"})
        self.weights_html = widgets.HTML()
        controls_dict = {
            "dataset": dropdown("dataset", list(DATASETS), dataset),
            "hidden": widgets.Text(value=str(hidden), description="hidden sizes",
                                   continuous_update=False, style={"description_width": "initial"}),
            "activation": dropdown("activation", list(ACTIVATION_NAMES), activation),
            # A sigmoid output keeps the loss below 1, so only a linear output can diverge.
            "output": dropdown("output", ["sigmoid", "linear"], output),
            "learn_rate": _log_slider("learn_rate η", learn_rate, -3, 1),
            "batch_size": dropdown("batch size", BATCH_SIZES, batch_size),
            "epochs_per_frame": widgets.IntSlider(value=epochs_per_frame, min=1, max=50,
                                                  description="epochs per frame",
                                                  style={"description_width": "initial"}),
            "max_epochs": widgets.IntText(value=max_epochs, description="stop at epoch",
                                          style={"description_width": "initial"},
                                          layout=widgets.Layout(width="180px")),
            **buttons,
        }
        super().__init__(controls_dict, visible=controls, canvas=canvas, figsize=(9.0, 4.0))
        buttons["play"].on_click(lambda _: self.play())
        buttons["pause"].on_click(lambda _: self.pause())
        buttons["step"].on_click(lambda _: self.train_frames(1))
        buttons["reset"].on_click(lambda _: self.reset())
        inspect = widgets.Accordion([self.weights_html], titles=("weights and biases",))
        inspect.selected_index = None
        self.children = [*self.children, widgets.HBox([self.progress]), inspect]

    # --- model ----------------------------------------------------------------------------
    def _new_problem(self, dataset, hidden, activation, output):
        """Data, a fresh network (seeded: reset gives the same start) and no history."""
        self.X, self.y = _data.make(dataset, n=self.n, seed=self.seed)
        self.dataset = dataset
        sizes = [2, *_parse_hidden(hidden), 1]
        self.network = Network(sizes, activation=activation, output_activation=output, seed=self.seed)
        self.losses = np.empty(0)
        self.message = ""
        self._problem_key = (dataset, str(hidden), activation, output)

    def _problem_controls(self):
        """The controls that define the problem; changing any of them starts afresh."""
        return tuple(str(self.value(n)) for n in ("dataset", "hidden", "activation", "output"))

    @property
    def epoch(self) -> int:
        """Epochs trained since the last reset."""
        return len(self.losses)

    def train_frames(self, k=1):
        """Train ``k`` frames of ``epochs_per_frame`` epochs each, redrawing after each frame.

        Stops early (and pauses) if training diverges or reaches ``max_epochs``. Returns self.
        """
        for _ in range(whole_number(k, "k")):
            trained = self._train_one_frame()
            if trained:
                self.refresh()
            if not trained or self.message.startswith(("diverged", "stopped")):
                break
        return self

    def _train_one_frame(self):
        """One frame of training; False when there was nothing to train (diverged, or done)."""
        with self._lock:
            room = self.value("max_epochs") - self.epoch
            if self.message.startswith("diverged") or room <= 0:
                return False
            if self.message.startswith("stopped"):     # 'stop at epoch' was raised: go on
                self.message = ""
            epochs = min(self.value("epochs_per_frame"), room)
            with warnings.catch_warnings():
                # The explorer says it in words instead (self.message), without a red box.
                warnings.simplefilter("ignore", DivergenceWarning)
                history = self.network.train(self.X, self.y, learn_rate=self.value("learn_rate"),
                                             epochs=epochs, batch_size=self.value("batch_size"))
            self.losses = np.concatenate([self.losses, history.loss])
            if history.diverged:
                learn_rate = self.value("learn_rate")
                self.message = (f"diverged: in epoch {self.epoch + 1} the loss stopped being a finite "
                                f"number. The learning rate {learn_rate:.3g} is too large: try "
                                f"{learn_rate / 10:.3g} and press reset.")
                self._playing = False
            elif self.epoch >= self.value("max_epochs"):
                self.message = f"stopped at epoch {self.epoch} (the 'stop at epoch' box)"
                self._playing = False
            return True

    def reset(self):
        """A fresh network for the current data set, layer sizes and activation."""
        self.pause()
        with self._lock:
            self._new_problem(*self._problem_controls())
            self._show_dataset()
        self.refresh()
        return self

    # --- play / pause ---------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        """True while play is training frame after frame."""
        return self._playing

    def play(self):
        """Train frame after frame without blocking: an asyncio task inside Jupyter, else a thread."""
        if self._playing:
            return self
        self._playing = True
        # Each play gets its own token: a runner from an earlier play that is still finishing
        # its frame sees a newer token and stops, so two never train side by side.
        self._token = token = object()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._runner = threading.Thread(target=self._play_in_thread, args=(token,), daemon=True)
            self._runner.start()
        else:
            self._runner = loop.create_task(self._play_in_loop(token))
        return self

    def pause(self):
        """Stop after the current frame."""
        self._playing = False
        return self

    def _play_frame(self):
        """One frame of play; pauses when a frame trains nothing (diverged, or at max_epochs)."""
        before = self.epoch
        self.train_frames(1)
        if self.epoch == before:
            self._playing = False

    def _keep_playing(self, token):
        return self._playing and self._token is token

    async def _play_in_loop(self, token):
        while self._keep_playing(token):
            started = time.perf_counter()
            self._play_frame()
            # Hand the kernel back its loop between frames (clicks, canvas messages), aiming
            # at about 20 frames a second.
            await asyncio.sleep(max(0.001, 0.05 - (time.perf_counter() - started)))
        self.refresh()

    def _play_in_thread(self, token):
        while self._keep_playing(token):
            started = time.perf_counter()
            self._play_frame()
            time.sleep(max(0.001, 0.05 - (time.perf_counter() - started)))
        self.refresh()

    # --- the picture ------------------------------------------------------------------------
    def build(self):
        grid = self.figure.add_gridspec(1, 2, width_ratios=(1.15, 1.0))
        self.ax_boundary = self.figure.add_subplot(grid[0, 0])
        self.ax_loss = self.figure.add_subplot(grid[0, 1])
        self.title = style.title(self.ax_boundary, "")
        self.boundary = BoundaryDrawer(self.ax_boundary, _extent_around(self.X), resolution=60,
                                       boundary_line=False)
        self.loss_curve = LossCurveDrawer(self.ax_loss)
        # The settings sit in the picture, so a projected or saved frame says how it was trained.
        self.loss_title = style.title(self.ax_loss, "")
        _fewer_ticks(self.figure)
        # Room for 4-digit epoch labels when the layout is frozen (update sets the real limits).
        self.ax_loss.set_xlim(0, 10000)
        self._show_dataset()

    def _show_dataset(self):
        self.boundary.set_extent(_extent_around(self.X))
        self.boundary.set_points(self.X, self.y)
        labels = _people_labels("shifted") if self.dataset == "people" else ("x1", "x2")
        self.ax_boundary.set_xlabel(labels[0])
        self.ax_boundary.set_ylabel(labels[1])
        self.title.set_text(f"{self.dataset}: output of the network")

    def update(self):
        with self._lock:
            key = self._problem_controls()
            if key != self._problem_key:     # a new problem: new data and a fresh network
                self._playing = False
                try:
                    self._new_problem(*key)
                except ValueError as error:     # e.g. "4, x" typed as hidden sizes
                    self.message = f"not changed: {error}"
                else:
                    self._show_dataset()
            self.boundary.update(self.network)
            self.loss_curve.update(self.losses)
            batch = self.value("batch_size")
            self.loss_title.set_text(f"Loss per epoch (η = {fmt(self.value('learn_rate'), 3)}, "
                                     + ("full batch)" if batch is None else f"batch {batch})"))
            accuracy = float(np.mean((self.network.predict(self.X) > 0.5) == (self.y > 0.5)))
            rows = [("epoch", self.epoch), ("loss", float(self.losses[-1]) if self.epoch else "-"),
                    ("accuracy", accuracy), ("layers", " - ".join(map(str, self.network.layer_sizes)))]
            text = self.message or ("training..." if self._playing else
                                    "press play or step" if not self.epoch else "paused")
            self.readout.value = (table(rows, title="Training")
                                  + f"<p style='max-width:240px'>{html.escape(text)}</p>")
            self.progress.max = max(1, self.value("max_epochs"))
            self.progress.value = min(self.epoch, self.progress.max)
            self.progress.description = f"epoch {self.epoch}"
            self.progress.bar_style = "danger" if self.message.startswith("diverged") else (
                "info" if self._playing else "")
            self.weights_html.value = _params_table(self.network)

    def draw(self):
        with self._lock:     # play's thread and a control change never draw at once
            super().draw()

    def close(self):
        self.pause()
        super().close()


def training_playground(dataset="xor", hidden="4", activation="tanh", learn_rate=0.1, batch_size=10,
                        epochs_per_frame=5, max_epochs=2000, output="sigmoid", controls=None,
                        canvas="auto"):
    r"""TensorFlow Playground inside the notebook: pick data, layers, activation and learning
    rate, press play and watch the decision boundary form while the loss falls.

    Each epoch runs :math:`w \leftarrow w - \eta\,\partial L/\partial w` over the data in batches
    of ``batch_size`` (1 = the seed article's SGD, None = full batch). ``hidden`` lists the
    hidden layer sizes, e.g. "4, 4". ``output`` is the output neuron's activation: "sigmoid"
    (outputs between 0 and 1) or "linear" (which can diverge). The colour is the network's output, from orange (0) to
    blue (1). Open "weights and biases" to read every parameter. Introduced in 07_training.
    """
    return TrainingPlayground(dataset, hidden, activation, learn_rate, batch_size, epochs_per_frame,
                              max_epochs, output, controls=controls, canvas=canvas)
