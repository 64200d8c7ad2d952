"""Explorers for the training half: one parameter's slope (05) and gradient descent (06); the
training playground (07) lives in ``nnviz._playground`` and is re-exported here.

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
from ._plots_training import (ContourDrawer, CurveDescentDrawer, LineFitDrawer, LossCurveDrawer,
                              LossVsParameterDrawer)
from ._validate import choice, finite_number, whole_number
from ._widgets_concepts import NETWORK_PARAMS, network_values
from .activations import ACTIVATION_NAMES
from .network import Network, params_2_2_1, resolve_param
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
    """At most about n ticks per linear axis: every tick label is text drawn on each redraw.
    Fewer under larger fonts (the classroom style), so the labels do not run into each other."""
    n = max(3, round(n / style.zoom_factor()))
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
        values = network_values(weights, biases)
        self.network = Network([2, 2, 1])
        self.network.params = params_2_2_1(values)
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
        _, i, idx = resolve_param(self.network, name)
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
                              + f"<p style='max-width:260px'>{_unbroken(self.message)}</p>")


def _unbroken(message):
    """The verdict as HTML that wraps only after its first colon, never mid-clause (05's
    "decreasing w1 / lowers the loss." wrapped in the middle; findings, 2026-12-05)."""
    head, colon, rest = message.partition(": ")
    if not colon or len(rest) > 40:         # a long clause must wrap to fit the 260 px column
        return html.escape(message)
    return " ".join(f"<span style='white-space:nowrap'>{html.escape(p)}</span>"
                    for p in (head + ":", rest))


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

    tall = True      # three panels in two columns: taller, not wider, under classroom fonts

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
        # No legends: each costs ~8 ms per redraw; the titles name the markers instead (on two
        # lines under larger fonts, so they fit above their panel in the classroom style too).
        two, size = ("\n", "medium") if style.zoom_factor() > 1 else (", ", "large")
        self.contours = ContourDrawer(self.ax_surface, legend=False).set_surface(
            A, B, _gd.line_loss(A, B, self.x, self.y), best=self.best)
        style.title(self.ax_surface, "Loss E(m, b)" + two + "● start, ★ now, ✕ minimum", fontsize=size)
        self.curve = CurveDescentDrawer(self.ax_curve, legend=False)
        style.title(self.ax_curve, "Loss E(w)" + two + "● the path, ★ now", fontsize=size)
        self.fit = LineFitDrawer(self.ax_fit, self.x, self.y, legend=False)
        if two == "\n":    # a diverged walk's m and b ("-7.049e+04") do not fit on one line
            self.fit.separator = "\n"
            self.fit.label.set_fontsize("small")
        style.title(self.ax_fit, "y = m x + b now" + two + "residuals dotted", fontsize=size)
        (self.w_line,) = self.ax_w.plot([], [], "-o", markersize=3, color=style.VERMILLION)
        self.ax_w.set_ylim(-2.5, 2.5)
        self.ax_w.set_ylabel("w")
        style.title(self.ax_w, "w after each step" + two + "dotted: the minima", fontsize=size)
        self.ax_w.tick_params(labelbottom=False)     # the loss panel below labels the steps
        for w_min in (_gd.BUMPY_GLOBAL_MIN, _gd.BUMPY_LOCAL_MIN):
            self.ax_w.axhline(w_min, color=style.GREY, linestyle=":", linewidth=1.0)
        self.loss_curve = LossCurveDrawer(self.ax_loss, log=True, first=0, xlabel="step")
        # The learning rate sits in the picture: a projected or saved frame says which it was.
        self.loss_title = style.title(self.ax_loss, "", fontsize=size)
        self.loss_curve.line.set_marker("o")
        self.loss_curve.line.set_markersize(3)
        self.ax_loss.set_ylabel("loss E (log)")
        # Left of the widest tick label the log axis can show ("1e+10"), so the two never overlap.
        self.ax_loss.yaxis.set_label_coords(-0.24 * style.zoom_factor(), 0.5)
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


# --- the training playground: its own module, nnviz._playground --------------------------------

from ._playground import TrainingPlayground, training_playground  # noqa: E402,F401
