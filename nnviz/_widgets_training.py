"""Explorers for the training half: one parameter's slope (05), gradient descent (06) and
the training playground (07).

All are :class:`nnviz._explorer.Explorer` subclasses: the figure is made once, controls
change numbers, the drawers from ``nnviz._plots_training`` move their artists in place.
What the explorers compute comes from the core (``Network.gradients``, ``nnviz.gd``,
``Network.train``), so the picture always shows the same numbers a learner gets by
calling those functions.
"""
from __future__ import annotations

import html
import threading
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from . import data as _data
from . import gd as _gd
from . import style
from . import training as _training
from ._frames import FrameLoop
from ._explorer import (Explorer, button, dropdown, finite, float_slider, fmt, ipympl_active,
                        log_slider, table)
from ._plots_training import (BoundaryDrawer, ContourDrawer, CurveDescentDrawer, LineFitDrawer,
                              LossCurveDrawer, LossVsParameterDrawer, NetworkGraphDrawer,
                              _extent_around,
                              _people_labels)
from ._validate import choice, finite_number, whole_number
from ._widgets_concepts import NETWORK_PARAMS, _network_values
from .activations import ACTIVATION_NAMES
from .network import Network, _params_2_2_1, _resolve_param
from .training import Status

__all__ = ["DescentExplorer", "GradientExplorer", "TrainingPlayground", "descent_explorer",
           "gradient_explorer", "training_playground"]


def _number_in(value, name, low, high):
    """A finite number from low to high (a slider's range), checked before any work."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number from {low:g} to {high:g}, got {value!r}.")
    if not np.isfinite(value) or not low <= value <= high:
        raise ValueError(f"{name} must be a number from {low:g} to {high:g}, got {value!r}.")
    return float(value)


def _fewer_ticks(figure, n=5):
    """At most about n ticks per linear axis: every tick label is text drawn on each redraw."""
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_scale() == "linear":
                axis.set_major_locator(MaxNLocator(n))


# --- one parameter's slope (05) ---------------------------------------------------------

#: The people the gradient explorer's loss is over: all four, or one of them.
PEOPLE_CHOICES = {"all four": "all", **{name: name for name in _data.PEOPLE}}
#: The nudge of the finite-difference estimate beside backpropagation's slope.
NUDGE = 1e-3
#: The gradient explorer's vertical scale, the same for every parameter: MSE of a sigmoid
#: output against 0/1 targets lies in [0, 1].
LOSS_RANGE = (0.0, 1.0)


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
        limit = _number_in(limit, "limit", 0.1, 100.0)
        values = _network_values(weights, biases)
        self.network = Network([2, 2, 1])
        self.network.params = _params_2_2_1(values)
        self.X_all, self.y_all = _data.people()
        reach = max(limit, *(abs(v) for v in values.values()))
        super().__init__({
            "param": dropdown("parameter", list(NETWORK_PARAMS), param),
            # A step of 0.1: the text's moves (1 -> -3) take a few key presses, not 400.
            "value": float_slider(param, values[param], -reach, reach, step=0.1),   # its name
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
        # One vertical scale for every parameter and every choice of people: the loss of a
        # sigmoid output against 0/1 targets lies between 0 and 1, so b3's tangent and w1's
        # can be compared by eye.
        self.drawer.update(self.network, X, y, name, span=(slider.max - slider.min) / 4,
                           x_range=(slider.min, slider.max), y_range=LOSS_RANGE)
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


DESCENT_TIPS = {
    "problem": "The line fit (two parameters, m and b) or the bumpy curve (one weight w).",
    "learn_rate": "Step size η in p ← p − η·dE/dp (log scale): small crawls, large zig-zags or diverges.",
    "m": "Where the walk starts: the slope m. Moving it walks the same steps again from there.",
    "b": "Where the walk starts: the intercept b. Moving it walks the same steps again from there.",
    "w": "Where the walk starts on the bumpy curve. Moving it walks the same steps again from there.",
    "steps": "How many steps the run button takes, drawn one by one.",
    "step": "Take one step downhill.",
    "run": "Take 'steps per run' steps, drawn one after another.",
    "reset": "Back to the start point, no steps taken.",
}


class DescentExplorer(Explorer):
    r"""Gradient descent step by step, on the line fit or on the bumpy 1-D loss.

    ``steps_taken`` counts the steps so far; every change recomputes the whole path from
    the start with :func:`nnviz.gd.line_descent` or :func:`nnviz.gd.bumpy_descent`, so the
    path drawn is exactly what those functions return (``self.descent``). The run button
    draws its steps one after another with :class:`nnviz._frames.FrameLoop` (``self.loop``).
    Introduced in 06_gradient_descent.
    """

    def __init__(self, problem="line", learn_rate=0.15, controls=None, canvas="auto", m=0.5, b=0.0,
                 w=2.0, steps=50):
        self.x, self.y = _gd.line_data()
        self.best = _gd.line_best_fit(self.x, self.y)
        self.steps_taken = 0
        self.note = ""
        m_best, b_best = self.best
        if not isinstance(problem, str) or problem not in PROBLEMS.values():
            raise ValueError(f"problem must be 'line' or 'bumpy', got {problem!r}.")
        learn_rate = _number_in(learn_rate, "learn_rate", 0.001, 1.0)
        m_range = (round(m_best - 4, 1), round(m_best + 4, 1))
        b_range = (round(b_best - 4, 1), round(b_best + 4, 1))
        m = _number_in(m, "m", *m_range)
        b = _number_in(b, "b", *b_range)
        w = _number_in(w, "w", -2.0, 2.0)
        steps = whole_number(steps, "steps")
        if steps > 200:
            raise ValueError(f"steps must be at most 200, got {steps}.")
        self.loop = FrameLoop(self._frame, fps=20, on_stop=self.refresh)
        self._target = 0
        tip = DESCENT_TIPS.get
        buttons = {"step": button("step", "step-forward", tip("step")),
                   "run": button("run", "play", tip("run")),
                   "reset": button("reset", "undo", tip("reset"))}
        super().__init__(
            {
                "problem": dropdown("problem", PROBLEMS, problem, tip("problem")),
                "learn_rate": log_slider("learn_rate η", learn_rate, -3, 0, tip("learn_rate")),
                "m": float_slider("start m", m, *m_range, tooltip=tip("m")),
                "b": float_slider("start b", b, *b_range, tooltip=tip("b")),
                "w": float_slider("start w", w, -2.0, 2.0, step=0.05, tooltip=tip("w")),
                "steps": widgets.IntSlider(value=steps, min=1, max=200, description="steps per run",
                                           style={"description_width": "initial"}, tooltip=tip("steps")),
                **buttons,
            },
            visible=controls, canvas=canvas, figsize=(8.0, 4.0),
        )
        buttons["step"].on_click(lambda _: self.step(1))
        buttons["run"].on_click(lambda _: self.run(self.value("steps")))
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
        style.title(self.ax_curve, "Loss E(w): ● the path, ★ now")
        self.fit = LineFitDrawer(self.ax_fit, self.x, self.y, legend=False)
        style.title(self.ax_fit, "y = m x + b now, residuals dotted")
        (self.w_line,) = self.ax_w.plot([], [], "-o", markersize=3, color=style.VERMILLION)
        self.ax_w.set_ylim(-2.5, 2.5)
        self.ax_w.set_ylabel("w")
        style.title(self.ax_w, "w after each step (dotted: the minima)")
        self.ax_w.tick_params(labelbottom=False)     # the loss panel below labels the steps
        for w_min in (_gd.BUMPY_GLOBAL_MIN, _gd.BUMPY_LOCAL_MIN):
            self.ax_w.axhline(w_min, color=style.GREY, linestyle=":", linewidth=1.0)
        self.loss_curve = LossCurveDrawer(self.ax_loss, log=True, first=0, xlabel="step")
        # The learning rate sits in the picture: a projected or saved frame says which it was.
        self.loss_title = style.title(self.ax_loss, "")
        self.loss_curve.line.set_marker("o")
        self.loss_curve.line.set_markersize(3)
        self.ax_loss.set_ylabel("loss E (log)")
        # Left of the widest tick label the log axis can show ("1e+10"), so the two never overlap.
        self.ax_loss.yaxis.set_label_coords(-0.24, 0.5)
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
            self.contours.update(finite(self.descent.path))
            m, b = self.descent.path[-1]
            self.fit.update(m, b)
        else:
            self.descent = _gd.bumpy_descent(self.value("w"), learn_rate, self.steps_taken)
            path = finite(self.descent.path)
            self.curve.update(path)
            self.w_line.set_data(np.arange(len(path)), path[:, 0])
            self.ax_w.set_xlim(-0.5, max(len(path) - 0.5, 1.0))
        # Only the start sliders of the problem shown: the others would do nothing.
        for name, shown in (("m", problem == "line"), ("b", problem == "line"), ("w", problem != "line")):
            self.controls[name].layout.display = None if shown else "none"
        # A diverged run's last loss may be inf; capped so the log axis keeps a sane range.
        self.loss_curve.update(np.minimum(finite(self.descent.losses), 10 * _gd.DIVERGE_LOSS))
        self.loss_title.set_text(f"loss per step (η = {fmt(learn_rate, 3)})")
        self.readout.value = self._numbers(problem)

    def changed(self, name, change):
        if name in ("m", "b", "w") and self.steps_taken:
            self.note = (f"The start moved: the same {self.steps_taken} steps again from the new "
                         "start (reset to begin with none).")
        elif name in ("learn_rate", "problem"):
            self.note = ""

    def _numbers(self, problem):
        d = self.descent
        p, g = d.path[-1], d.gradients[-1]
        names = ("m", "b") if problem == "line" else ("w",)

        def shown(v):     # after a blow-up the last slope is not a number: say why
            return float(v) if np.isfinite(v) else "- (diverged)"
        rows = [("steps", d.steps), ("learn_rate", d.learn_rate)]
        rows += [(n, shown(v)) for n, v in zip(names, p)]
        rows += [(f"dE/d{n}", shown(v)) for n, v in zip(names, g)]
        rows.append(("loss E", shown(d.losses[-1])))
        if problem == "line":
            rows += [("best m", self.best[0]), ("best b", self.best[1])]
        message = d.message if d.steps else "press step or run"
        if problem == "bumpy" and d.converged:
            nearest = min((_gd.BUMPY_GLOBAL_MIN, "the global"), (_gd.BUMPY_LOCAL_MIN, "a local"),
                          key=lambda m: abs(m[0] - p[0]))
            message += f"; w = {fmt(p[0])} is {nearest[1]} minimum"
        self.message = message
        note = f"<p style='max-width:260px;color:#555'>{html.escape(self.note)}</p>" if self.note else ""
        return (table(rows, title="Gradient descent")
                + f"<p style='max-width:260px'>{html.escape(message)}</p>" + note)

    # --- actions ----------------------------------------------------------------------
    def step(self, n=1):
        """Take ``n`` more steps at once (a diverged path stays where it blew up)."""
        n = whole_number(n, "n")
        if n > 10_000:
            raise ValueError(f"n must be at most 10000 steps, got {n}.")
        self.loop.stop()
        self.steps_taken = self._capped(self.steps_taken + n)
        self.refresh()
        return self

    def _capped(self, steps):
        """At most gd.MAX_STEPS steps in all; past that, a note says to reset."""
        self.note = ""
        if steps >= _gd.MAX_STEPS:
            self.note = (f"{_gd.MAX_STEPS:,} steps is as far as this explorer walks: "
                         "press reset to start again.")
        return min(steps, _gd.MAX_STEPS)

    def run(self, n=None):
        """Take ``n`` more steps (default: the 'steps per run' slider), drawn one after another
        without blocking the kernel; ``self.loop.join()`` waits for them outside Jupyter."""
        n = self.value("steps") if n is None else whole_number(n, "n")
        if n > 10_000:
            raise ValueError(f"n must be at most 10000 steps, got {n}.")
        self._target = self._capped(self.steps_taken + n)
        self._per_frame = max(1, -(-n // 20))       # at most 20 frames
        self.loop.start()
        return self

    def _frame(self):
        # About a second for any run: one step a frame for short runs, more for long ones.
        left = self._target - self.steps_taken
        if left <= 0 or getattr(self, "descent", None) is not None and self.descent.diverged:
            return False
        self.steps_taken += min(left, self._per_frame)
        self.refresh()
        return self.steps_taken < self._target and not self.descent.diverged

    def reset(self):
        """Back to the start point, no steps taken."""
        self.loop.stop()
        self.steps_taken = 0
        self.note = ""
        self.refresh()
        return self

    def close(self):
        if getattr(self, "loop", None) is not None:
            self.loop.stop()
        super().close()


def descent_explorer(problem="line", learn_rate=0.15, controls=None, canvas="auto", m=0.5, b=0.0,
                     w=2.0, steps=50):
    r"""Explore gradient descent: :math:`p \leftarrow p - \eta\,\nabla E(p)`, one step at a time.

    Two problems (the ``problem`` dropdown): fitting y = m x + b, with the path on the
    contours of :math:`E(m, b) = \frac{1}{n}\sum (y_i - (m x_i + b))^2`; and the bumpy curve
    :math:`E(w) = w^4 - 3w^2 + w + 4`, where the start decides which valley you end in.
    The learning rate slider is on a log scale: too small crawls, too large zig-zags and
    diverges, and the panel says which happened. ``controls=["learn_rate", "step"]`` shows
    only those (teacher mode). The line's walk starts at ``m``, ``b`` (0.5, 0: notebook 06's
    first guess), the bumpy one at ``w``; the run button takes ``steps`` steps, drawn one
    after another. Introduced in 06_gradient_descent.
    """
    return DescentExplorer(problem, learn_rate, controls, canvas, m, b, w, steps)


# --- the training playground -------------------------------------------------------------

DATASETS = _training.DATASETS
BATCH_SIZES = {"1 (SGD)": 1, "10": 10, "50": 50, "all (full batch)": None}
#: What a click on the left picture adds.
CLICK_CLASSES = {"nothing": -1, "class 0 (orange ●)": 0, "class 1 (blue ■)": 1}
#: The "show large" choice for the network's output (a Dropdown shows a None value as blank).
OUTPUT = "output"
#: The controls that define the problem: changing one makes a new run (fresh weights).
NEW_RUN_CONTROLS = ("dataset", "noise", "test_share", "hidden", "activation", "output")
#: The controls that apply from the next epoch on, keeping the network and its history.
FROM_NOW_ON_CONTROLS = ("learn_rate", "batch_size", "epochs_per_frame", "max_epochs")
MAX_EPOCHS_LIMIT = 1_000_000
MAX_EPOCHS_PER_FRAME = 50
MAX_FRAMES_PER_CALL = 100
#: How often the numbers panel is rewritten while the painted playground plays.
PANEL_FPS = 5

#: One line per control: its tooltip, and the table in notebook 07.
TIPS = {
    "play": "Train frame after frame until pause (or until 'stop at epoch').",
    "pause": "Stop after the current frame.",
    "step": "Train one frame of 'epochs per frame' epochs.",
    "reset": "Fresh random weights (the same start as before) on the same points; keeps your points.",
    "learn_rate": "Step size η in w ← w − η·dL/dw (log scale). Applies from the next epoch on.",
    "batch_size": "Training points per step: 1 is SGD, 'all' is full batch. Applies from the next epoch on.",
    "epochs_per_frame": "Epochs trained between two pictures: more is faster, but jumpier.",
    "max_epochs": "Play stops at this epoch; raise it to go on.",
    "dataset": "Which points to learn. Starts a new network.",
    "noise": "How far the points scatter from their clean shape. New points, new network.",
    "new_data": "Draw the points again (another random sample). Starts a new network.",
    "test_share": "Share of points held back for testing (small, white-edged), never trained on. New network.",
    "hidden": "Hidden layer sizes, e.g. 4 or 8, 8; press Enter. Starts a new network.",
    "activation": "The hidden neurons' activation function. Starts a new network.",
    "output": "The output neuron's activation: sigmoid stays in 0..1, linear can diverge. New network.",
    "click_adds": "Click on the left picture to add a training point of this class.",
    "clear_points": "Remove the points you added by clicking.",
    "neuron": "Show one neuron's output large in the left picture (or the network's output).",
}


def _parse_hidden(value):
    """ "4, 4" or (4, 4) or 4 -> (4, 4); "" or () -> () (no hidden layer). Errors name ``hidden``."""
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
        try:
            value = tuple(int(p) for p in parts)
        except ValueError:
            raise ValueError(f"hidden must be whole numbers separated by commas, such as '4, 4', "
                             f"got {value!r}.") from None
    return _training._hidden_sizes(value)


def _params_table(network):
    """Every weight and bias as HTML, one table per layer, rows = neurons."""
    parts = []
    for layer, (W, b) in enumerate(zip(network.weights, network.biases), start=1):
        header = ["neuron", *(f"w from {k + 1}" for k in range(W.shape[1])), "bias"]
        rows = [(f"{j + 1}", *(float(v) for v in W[j]), float(b[j])) for j in range(W.shape[0])]
        parts.append(table(rows, header=header, title=f"layer {layer}: W{layer}, b{layer}"))
    return "".join(parts)


def _neuron_options(layer_sizes):
    """Dropdown options: the network's output, then every hidden neuron by layer and number."""
    options = {"the network's output": OUTPUT}
    for layer in range(1, len(layer_sizes) - 1):
        for j in range(layer_sizes[layer]):
            options[f"layer {layer}, neuron {j + 1}"] = (layer, j)
    return options


_STATUS_COLOURS = {"diverged": style.VERMILLION, "oscillating": style.VERMILLION, "stuck": "#8a6d00",
                   "converged": style.GREEN, "stopped": style.BLACK}
_BAR_STYLES = {"diverged": "danger", "oscillating": "warning", "stuck": "warning",
               "converged": "success"}


class TrainingPlayground(Explorer):
    r"""TensorFlow Playground in a notebook: train a small network on a 2-D data set and watch.

    The model is a :class:`nnviz.TrainingRun` (``self.run``); the explorer only draws it and
    turns controls into calls. One *frame* is ``run.train(epochs_per_frame)`` and a redraw:
    the decision boundary with the training points (and the test points, smaller), the
    network as a graph whose neurons show what they compute, and the train and test loss
    per epoch. ``play`` runs frames with :class:`nnviz._frames.FrameLoop` (an asyncio task
    in Jupyter, a thread elsewhere, the browser's event loop in JupyterLite), so the kernel
    stays free; :meth:`train_frames` runs them in the caller's thread, for tests and scripts.
    Data set, noise, test share, hidden sizes, activation and output make a new run (fresh
    weights); learning rate, batch size, epochs per frame and stop-at-epoch apply from the
    next epoch on. ``network`` is an ordinary :class:`nnviz.Network`; :meth:`as_code` gives
    it as Python to paste into a cell.

    Where the picture comes from (``canvas``): under ``%matplotlib widget`` with anywidget
    installed (``"auto"``, or ``"paint"``), the page paints it from a few kilobytes of
    numbers a frame (:mod:`nnviz._paint`; ``self.view``, ``self.painted`` is True): 20+
    frames a second, where matplotlib over ipympl manages one to three. There, the pointer
    resting on a hidden neuron shows it large. Otherwise (``"ipympl"``, ``"png"``, no
    anywidget) matplotlib draws it; :meth:`figure_now` draws the painted picture with
    matplotlib too, for the site and the slides. Introduced in 07_training.
    """

    def __init__(self, dataset="circles", hidden="4", activation="tanh", learn_rate=0.1,
                 batch_size=10, epochs_per_frame=5, max_epochs=2000, output="sigmoid", seed=0,
                 controls=None, canvas="auto", n=200, noise=0.1, test_fraction=0.5):
        # Every argument is checked before any widget exists.
        if not (batch_size is None or isinstance(batch_size, int) and not isinstance(batch_size, bool)) \
                or batch_size not in BATCH_SIZES.values():
            raise ValueError(f"batch_size must be one of 1, 10, 50 or None (full batch), got {batch_size!r}.")
        epochs_per_frame = whole_number(epochs_per_frame, "epochs_per_frame")
        if epochs_per_frame > MAX_EPOCHS_PER_FRAME:
            raise ValueError(f"epochs_per_frame must be at most {MAX_EPOCHS_PER_FRAME}, got {epochs_per_frame}.")
        max_epochs = whole_number(max_epochs, "max_epochs")
        if max_epochs > MAX_EPOCHS_LIMIT:
            raise ValueError(f"max_epochs must be at most {MAX_EPOCHS_LIMIT}, got {max_epochs}.")
        sizes = _parse_hidden(hidden)
        learn_rate = _number_in(learn_rate, "learn_rate", 0.001, 10.0)      # the slider's range
        if not isinstance(noise, bool) and isinstance(noise, (int, float)) and noise > 0.5:
            raise ValueError(f"noise must be a number from 0 to 0.5 in the playground, got {noise}.")
        if not isinstance(test_fraction, bool) and isinstance(test_fraction, (int, float)) \
                and test_fraction > 0.9:
            raise ValueError(f"test_fraction must be a number from 0 to 0.9 in the playground, "
                             f"got {test_fraction}.")
        choice(canvas, "canvas", PLAYGROUND_CANVASES)
        self.run = _training.TrainingRun(dataset, sizes, activation, learn_rate, batch_size,
                                         test_fraction, noise, seed, n, output, max_epochs)
        self.seed = self.run.seed
        # Painted in the page (nnviz._paint) where anywidget is there; matplotlib otherwise.
        self.painted = canvas == "paint" or canvas == "auto" and ipympl_active()
        self.painted = self.painted and _paint_available()
        self._hover = None
        self._panel_time, self._panel_status = 0.0, None
        self._lock = threading.RLock()     # frames in a thread and control changes take turns
        # Painted frames cost the kernel a few ms, so the loop may aim above the 20 fps target.
        self.loop = FrameLoop(self._frame, fps=30 if self.painted else 20, on_stop=self.refresh)
        self.note = ""
        self._graph_sizes = None
        tip = TIPS.get
        buttons = {"play": button("play", "play", tip("play")),
                   "pause": button("pause", "pause", tip("pause")),
                   "step": button("step", "step-forward", tip("step")),
                   "reset": button("reset", "undo", tip("reset"))}
        self.progress = widgets.IntProgress(value=0, min=0, max=max_epochs, description="epoch 0",
                                            style={"description_width": "initial"})
        self.weights_html = widgets.HTML()
        self.code_html = widgets.HTML()
        text_style = {"description_width": "initial"}
        controls_dict = {
            **buttons,
            "learn_rate": log_slider("learn_rate η", learn_rate, -3, 1, tip("learn_rate")),
            "batch_size": dropdown("batch size", BATCH_SIZES, batch_size, tip("batch_size")),
            "epochs_per_frame": widgets.IntSlider(value=epochs_per_frame, min=1, max=MAX_EPOCHS_PER_FRAME,
                                                  description="epochs per frame", style=text_style,
                                                  tooltip=tip("epochs_per_frame"),
                                                  layout=widgets.Layout(width="270px")),
            "max_epochs": widgets.BoundedIntText(value=max_epochs, min=1, max=MAX_EPOCHS_LIMIT,
                                                 description="stop at epoch", style=text_style,
                                                 tooltip=tip("max_epochs"),
                                                 layout=widgets.Layout(width="180px")),
            "dataset": dropdown("dataset", list(DATASETS), self.run.dataset, tip("dataset")),
            "noise": float_slider("noise", self.run.noise, 0.0, 0.5, step=0.05, tooltip=tip("noise")),
            "new_data": button("new data", "random", tip("new_data")),
            "test_share": float_slider("test share", self.run.test_fraction, 0.0, 0.9, step=0.1,
                                       readout_format=".0%", tooltip=tip("test_share")),
            "hidden": widgets.Text(value=", ".join(map(str, sizes)), description="hidden sizes",
                                   continuous_update=False, style=text_style, tooltip=tip("hidden"),
                                   layout=widgets.Layout(width="200px")),
            "activation": dropdown("activation", list(ACTIVATION_NAMES), self.run.activation,
                                   tip("activation")),
            "output": dropdown("output", ["sigmoid", "linear"], self.run.output, tip("output")),
            "click_adds": dropdown("a click adds", CLICK_CLASSES, -1, tip("click_adds")),
            "clear_points": button("clear my points", "eraser", tip("clear_points")),
            "neuron": dropdown("show large", _neuron_options(self.run.network.layer_sizes), OUTPUT,
                               tip("neuron")),
        }
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
        self.rules = widgets.HTML(
            "<span style='font-size:90%'>Data set, noise, new data, test share, hidden sizes, "
            "activation and output start a <b>new network</b>; learning rate, batch size, epochs "
            "per frame and stop at epoch apply <b>from the next epoch on</b>. Rest the pointer on "
            "a control for what it does"
            + (", or on a neuron of the graph to see it large on the left." if self.painted else ".")
            + "</span>")
        self.inspect = widgets.Accordion([self.weights_html, self.code_html],
                                         titles=("weights and biases", "the network as code"))
        self.inspect.selected_index = None
        self.inspect.observe(lambda _: self._show_inspect(), names="selected_index")
        self.children = [*self.children, self.rules, widgets.HBox([self.progress]), self.inspect]

    # --- what the learner reads from code ----------------------------------------------------
    @property
    def network(self):
        """The network being trained: an ordinary :class:`nnviz.Network`."""
        return self.run.network

    @property
    def X(self):
        """Every point (training, your added ones, and test)."""
        return self.run.X

    @property
    def y(self):
        """The class of every point in ``X``."""
        return self.run.y

    @property
    def dataset(self):
        return self.run.dataset

    @property
    def losses(self):
        """The training loss after every epoch so far."""
        return self.run.train_loss

    @property
    def epoch(self) -> int:
        """Epochs trained since the network was made."""
        return self.run.epoch

    @property
    def status(self):
        """The run's :class:`nnviz.Status`."""
        return self.run.status

    @property
    def message(self) -> str:
        """The run's status in a sentence."""
        return self.run.message

    @property
    def playing(self) -> bool:
        """True while play is training frame after frame."""
        return self.loop.running

    def as_code(self, name="network") -> str:
        """The trained network as Python (its weights included) to paste into a cell."""
        return self.network.to_code(name)

    # --- controls -> calls -----------------------------------------------------------------------
    def _wanted_settings(self):
        """The problem the controls describe, as TrainingRun settings."""
        return dict(dataset=self.value("dataset"), noise=round(float(self.value("noise")), 4),
                    test_fraction=round(float(self.value("test_share")), 4),
                    hidden=_parse_hidden(self.value("hidden")), activation=self.value("activation"),
                    output=self.value("output"))

    def _apply_controls(self):
        """Turn control values into calls on the run: a new run, or settings from now on."""
        run = self.run
        try:
            wanted = self._wanted_settings()
        except ValueError as error:           # e.g. "4, x" typed as hidden sizes
            self.note = f"not changed: {error}"
            wanted = None
        if wanted is not None:
            current = dict(dataset=run.dataset, noise=run.noise, test_fraction=run.test_fraction,
                           hidden=run.hidden, activation=run.activation, output=run.output)
            changed = [k for k in wanted if wanted[k] != current[k]]
            if changed:
                self.loop.stop()
                self.run = run.replace(**wanted)
                self.note = f"{', '.join(changed).replace('_', ' ')} changed: a new network, from epoch 0."
                run = self.run
        if self.value("learn_rate") != run.learn_rate or self.value("batch_size") != run.batch_size:
            run.learn_rate = self.value("learn_rate")
            run.batch_size = self.value("batch_size")
            batch = "full batch" if run.batch_size is None else f"batch size {run.batch_size}"
            self.note = (f"learning rate {fmt(run.learn_rate, 3)}, {batch}: from epoch "
                         f"{run.epoch + 1} on (the network and its history are kept).")
        if self.value("max_epochs") != run.max_epochs:
            run.max_epochs = self.value("max_epochs")

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
            self.run.add_point(x1, x2, label)
            self.note = (f"added a class-{label} point at ({x1:.2f}, {x2:.2f}); "
                         f"{len(self.run.added[1])} of yours now.")
        self.refresh()
        return self

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

        Stops early if training diverges or reaches ``max_epochs``. Returns self.
        """
        k = whole_number(k, "k")
        if k > MAX_FRAMES_PER_CALL:
            raise ValueError(f"k must be at most {MAX_FRAMES_PER_CALL} frames per call (press play "
                             f"to train longer), got {k}.")
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
        grid = self.figure.add_gridspec(2, 2, height_ratios=(1.5, 1.0), width_ratios=(1.0, 1.0))
        self.ax_boundary = self.figure.add_subplot(grid[0, 0])
        self.ax_graph = self.figure.add_subplot(grid[0, 1])
        self.ax_loss = self.figure.add_subplot(grid[1, :])
        self.title = style.title(self.ax_boundary, "")
        self.boundary = BoundaryDrawer(self.ax_boundary, _extent_around(self.run.X), resolution=60,
                                       boundary_line=False)
        self.graph_title = style.title(self.ax_graph, "")
        self.loss_curve = LossCurveDrawer(self.ax_loss, labels=["train", "test"])
        self.loss_title = style.title(self.ax_loss, "")
        self.empty_note = self.ax_loss.text(0.5, 0.5, "press play or step: the loss after each "
                                            "epoch appears here", transform=self.ax_loss.transAxes,
                                            ha="center", va="center", color=style.GREY)
        _fewer_ticks(self.figure)
        # Room for 5-digit epoch labels when the layout is frozen (update sets the real limits).
        self.ax_loss.set_xlim(0, 10000)
        self.ax_loss.yaxis.set_label_coords(-0.07, 0.5)
        # A see-through label right of the axes keeps room, in the frozen layout, for the last
        # epoch tick's label (it grows from "50" to "12800").
        self.ax_loss.text(1.0, -0.02, "000", transform=self.ax_loss.transAxes, alpha=0.0, va="top")
        self._shown_run = None
        self._show_run()
        if self.painted:      # the still figure laid out with its titles, as the page shows it
            self._move_artists(self.run)

    def _moving_artists(self):
        """What changes from frame to frame: drawn over a cached still picture (ipympl)."""
        b = self.boundary
        return [b.image, *b.points, *(b.test_points or []), b.wrong, self.title,
                self.graph.edges, *self.graph.images, *self.graph.frames,
                *self.loss_curve.lines, self.loss_title, self.empty_note]

    def static_state(self):
        # The still picture: axis limits and labels, and which graph is drawn.
        return (self.ax_loss.get_xlim(), self.ax_loss.get_ylim(), self.ax_boundary.get_xlim(),
                self.ax_boundary.get_ylim(), self.ax_boundary.get_xlabel(), tuple(self._graph_sizes))

    def _show_run(self):
        """A new run: its points, extent and (if the sizes changed) a new graph."""
        run = self.run
        self.boundary.set_extent(_extent_around(run.X))
        labels = _people_labels("shifted") if run.dataset == "people" else ("x1", "x2")
        self.ax_boundary.set_xlabel(labels[0])
        self.ax_boundary.set_ylabel(labels[1])
        sizes = list(run.network.layer_sizes)
        if sizes != self._graph_sizes:
            for artist in [*self.ax_graph.images, *self.ax_graph.collections, *self.ax_graph.patches,
                           *self.ax_graph.texts]:
                if artist is not self.graph_title:
                    artist.remove()
            self.graph = NetworkGraphDrawer(self.ax_graph, sizes, _extent_around(run.X))
            self._graph_sizes = sizes
            self.animated = self._moving_artists()
            if getattr(self, "_background", "unset") != "unset":     # after build: animate them too
                self._start_animation()
            options = _neuron_options(sizes)
            neuron = self.controls["neuron"]
            if list(neuron.options) != list(options):
                with self.hold():
                    neuron.options = options
                    neuron.value = OUTPUT
        else:
            self.graph.set_extent(_extent_around(run.X))
        if self.painted:
            self.view.layer_sizes = sizes
            self.view.axis_labels = list(labels)
            self.view.new_run()
        self._shown_run = run

    def make_view(self):
        if not self.painted:
            return super().make_view()
        from ._paint import PlaygroundView
        self.view = PlaygroundView(on_click=self.add_point, on_hover=self._on_hover)
        self.view.still = self.figure_now
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
        graph = f"{'-'.join(map(str, run.network.layer_sizes))} network, {run.activation}"
        batch = run.batch_size
        loss = (f"Loss per epoch: train solid, test dashed (η = {fmt(run.learn_rate, 3)}, "
                + ("full batch)" if batch is None else f"batch {batch})"))
        return [plane, graph, loss]

    def update(self):
        with self._lock:
            self._apply_controls()
            run = self.run
            if run is not self._shown_run:
                self._show_run()
            if self.painted:
                self._paint(run)
            else:
                self._move_artists(run)
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
        if now - self._panel_time < 1.0 / PANEL_FPS and run.status is self._panel_status:
            return False
        return True

    def _fill_panel(self, run):
        self._panel_time, self._panel_status = time.perf_counter(), run.status
        self.readout.value = self._numbers(run)
        with self.progress.hold_sync():
            self.progress.max = max(1, self.value("max_epochs"))
            self.progress.value = min(run.epoch, self.progress.max)
            self.progress.description = f"epoch {run.epoch}"
            self.progress.bar_style = _BAR_STYLES.get(run.status.value, "info" if self.playing else "")
        self._show_inspect()

    def _move_artists(self, run):
        """The matplotlib picture of ``run`` (ipympl, the PNG fallback, the static figure)."""
        self.boundary.set_points(run.X_train, run.y_train)
        self.boundary.set_test_points(run.X_test, run.y_test)
        self.graph.update(run.network)
        neuron = self.shown_neuron()
        self.graph.highlight(neuron)
        if neuron == OUTPUT:
            self.boundary.update(run.network)
        else:
            # One neuron large: its output over the plane, in its activation's range.
            values, vmin, vmax = _neuron_large(run.network, self.boundary.grid, neuron)
            self.boundary.show(values.reshape(self.boundary.resolution, -1), vmin, vmax)
        self.boundary.mark_wrong(run.network, run.X, run.y)
        titles = self._titles(run, neuron)
        self.title.set_text(titles[0])
        self.graph_title.set_text(titles[1])
        self.loss_title.set_text(titles[2])
        epochs, top = self._loss_limits(run)
        for line, losses in zip(self.loss_curve.lines, (run.train_loss, run.test_loss)):
            line.set_data(np.arange(1, len(losses) + 1), losses)
        self.ax_loss.set_xlim(0.5, epochs + 0.5)
        self.ax_loss.set_ylim(0.0, top)
        self.empty_note.set_visible(not run.epoch)

    def _paint(self, run):
        """The same picture as numbers for the page to paint (:mod:`nnviz._paint`)."""
        from ._paint import frame_numbers
        neuron = self.shown_neuron()
        numbers = frame_numbers(run, neuron, self.boundary.extent)
        epochs, top = self._loss_limits(run)
        self.view.show(numbers, (run.train_loss, run.test_loss), titles=self._titles(run, neuron),
                       selected=[] if neuron == OUTPUT else list(neuron),
                       loss_axes=[float(epochs), float(top)],
                       empty_note="" if run.epoch else self.empty_note.get_text(),
                       clickable=self.value("click_adds") in (0, 1))

    def figure_now(self):
        """The matplotlib figure of the run as it is now (what the painted view shows, drawn
        by matplotlib: the still picture for the site and the slides)."""
        with self._lock:
            self._move_artists(self.run)
        return self.figure

    def _loss_limits(self, run):
        """The loss axes' tops (epochs, loss): they change rarely (the epoch axis doubles, the
        loss axis steps up), and before the first epoch they show 50 epochs and a little
        above the start loss."""
        if run.epoch:
            both = np.concatenate([run.train_loss, run.test_loss])
            finite = both[np.isfinite(both)]
            return _doubling(run.epoch, 50), _nice_top(float(finite.max()) if finite.size else 1.0)
        start = [run._loss(run.X_train, run.y_train), run._loss(run.X_test, run.y_test)]
        return 50, _nice_top(max([v for v in start if np.isfinite(v)] + [0.05]))

    def _numbers(self, run):
        def pct(v):
            return "-" if not np.isfinite(v) else f"{100 * v:.1f}%"
        r = run.result()
        # One row under a header row: short enough to sit under the figure without scrolling.
        header = ["epoch", "loss, train", "loss, test", "right, train", "right, test", "points"]
        rows = [(run.epoch, r.train_loss if run.epoch else "-",
                 r.test_loss if run.epoch and np.isfinite(r.test_loss) else "-",
                 pct(r.train_accuracy), pct(r.test_accuracy),
                 f"{len(run.y_train) - len(run.added[1])} train + {len(run.added[1])} yours, "
                 f"{len(run.y_test)} test")]
        colour = _STATUS_COLOURS.get(run.status.value, style.BLACK)
        prefix = f"{run.status.value}: "
        message = run.message[len(prefix):] if run.message.startswith(prefix) else run.message
        status = (f"<p style='max-width:560px;margin:2px 0'><b style='color:{colour}'>"
                  f"{html.escape(run.status.value)}</b>: "
                  f"{html.escape(message)}</p>")
        note = (f"<p style='max-width:560px;margin:2px 0;color:#555'>{html.escape(self.note)}</p>"
                if self.note else "")
        return status + note + table(rows, header=header)

    def _show_inspect(self):
        """Fill the open section only: a table per layer, or the network as code."""
        opened = self.inspect.selected_index if hasattr(self, "inspect") else None
        if opened == 0:
            self.weights_html.value = _params_table(self.network)
        elif opened == 1:
            self.code_html.value = ("<p>Copy this into a cell to get the network as it is now:</p>"
                                    f"<pre style='font-size:85%'>{html.escape(self.as_code())}</pre>")

    def draw(self):
        if self.painted:     # the page paints the numbers update() sent
            return
        with self._lock:     # a frame in a thread and a control change never draw at once
            super().draw()

    def close(self):
        if getattr(self, "loop", None) is not None:     # not there if __init__ refused its input
            self.loop.stop()
        super().close()


#: Where the playground's picture comes from: painted in the page ("paint", needs anywidget),
#: matplotlib on an ipympl canvas, or PNG images; "auto" paints where ipympl is active.
PLAYGROUND_CANVASES = ("auto", "paint", "ipympl", "png")


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
            return step * scale
    return 10.0 * scale


def _neuron_large(network, grid, neuron):
    """One neuron's output over ``grid`` and the colour range of its activation."""
    from ._plots_training import _neuron_range
    layer, j = neuron
    with np.errstate(over="ignore", invalid="ignore"):
        values = network._forward(grid)[1][layer][:, j]
    name = network.activation if layer < network.n_layers else network.output_activation
    return (values, *_neuron_range(name, values))


def training_playground(dataset="circles", hidden="4", activation="tanh", learn_rate=0.1,
                        batch_size=10, epochs_per_frame=5, max_epochs=2000, output="sigmoid",
                        controls=None, canvas="auto", noise=0.1, test_fraction=0.5, seed=0):
    r"""TensorFlow Playground inside the notebook: pick data, layers, activation and learning
    rate, press play and watch the decision boundary form while the loss falls.

    Each epoch runs :math:`w \leftarrow w - \eta\,\partial L/\partial w` over the training
    points in batches of ``batch_size`` (1 = the seed article's SGD, None = full batch).
    ``hidden`` lists the hidden layer sizes, e.g. "4, 4" or (8, 8). ``output`` is the output
    neuron's activation: "sigmoid" (outputs between 0 and 1) or "linear" (which can diverge).
    A share ``test_fraction`` of the points is held back as a test set; ``noise`` scatters
    the points. Left: the network's output, from orange (0) to blue (1), the points ringed
    when on the wrong side; right: the network as a graph, each neuron showing what it
    computes; below: train and test loss per epoch. The panel says how training goes
    (training, converged, stuck, oscillating, diverged, stopped) and what to try. The model
    is ``playground.run``, a :class:`nnviz.TrainingRun`; ``playground.as_code()`` gives the
    trained network as code. ``canvas``: "auto" (painted in the page under ``%matplotlib
    widget`` where anywidget is installed, else matplotlib), "paint", "ipympl" or "png".
    Introduced in 07_training.
    """
    return TrainingPlayground(dataset, hidden, activation, learn_rate, batch_size, epochs_per_frame,
                              max_epochs, output, seed=seed, controls=controls, canvas=canvas,
                              noise=noise, test_fraction=test_fraction)
