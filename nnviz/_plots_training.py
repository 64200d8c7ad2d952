"""Figures for the training half of the series: loss, gradients, descent (the plane and the
network graph live in ``nnviz._plots_playground``; ``nnviz.plots`` re-exports both).

Introduced across 04_loss, 05_backprop, 06_gradient_descent and 07_training. Each picture
comes in two layers: a *drawer* class that creates its artists once and changes them in
place with ``.update(...)`` (the explorers in ``nnviz.widgets`` redraw with these, so a
slider never builds a new figure), and a thin function that makes one still figure.
Every function takes ``ax=None``, returns the Figure and never calls ``plt.show``.

Public and internal: the drawers and functions in ``__all__`` are public (re-exported by
``nnviz.plots``, documented, kept stable for notebooks and teachers' own explorers); names
with a leading underscore are internal helpers of the explorers and may change.
"""
from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from . import data as _data
from . import gd as _gd
from . import style
from ._validate import as_float_array, axes, choice, describe, finite_number, flag, network as check_network
from ._validate import positive_number, text, value_range, whole_number
from .network import History, Network, mean_squared_error, param_names, resolve_param

__all__ = [
    "ContourDrawer", "CurveDescentDrawer", "LineFitDrawer", "LossCurveDrawer",
    "LossVsParameterDrawer", "bumpy_curve",
    "line_fit", "loss_contours", "loss_curve", "loss_vs_parameter", "param_names",
]

# --- entry checks for the drawers: the shared module, and one shape only drawers take -------

def _path(value, width):
    """A descent path: ``(k, width)`` numbers (NaN and inf allowed: a diverged path stops there)."""
    if isinstance(value, (str, bytes, bool)) or value is None or isinstance(value, dict):
        raise TypeError(f"path must be a list of points, {width} number(s) each, got {describe(value)}.")
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"path must be a list of points, {width} number(s) each, "
                        f"got {describe(value)}.") from None
    if arr.ndim == 1 and width == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[1] != width or len(arr) == 0:
        raise ValueError(f"path must be a list of points, {width} number(s) each, got shape {arr.shape}.")
    return arr


def _losses_of(history_or_losses):
    if isinstance(history_or_losses, History):
        return np.asarray(history_or_losses.loss, dtype=np.float64)
    if isinstance(history_or_losses, _gd.Descent):
        history_or_losses = history_or_losses.losses
    try:
        losses = np.asarray(history_or_losses, dtype=np.float64)
    except (TypeError, ValueError):
        losses = None
    if losses is None or losses.ndim != 1:
        # A diverged run may end in inf: drawn up to there, so only the shape is checked.
        raise ValueError("history_or_losses must be a History or a list of losses, "
                         f"got {describe(history_or_losses)}.")
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(losses), losses, np.nan)


# --- loss per epoch --------------------------------------------------------------------

class LossCurveDrawer:
    """The loss after each epoch (or step) as a line, updated in place. Introduced in 07_training.

    ``first`` is the number of the first point: 1 for epochs, 0 for descent steps (the start).
    With ``labels`` it draws one line per label, each in its own colour and line style
    (``nnviz.style.COLORS``, ``LINESTYLES``), and :meth:`update` takes one list of losses per
    label. ``line`` is the first line, ``lines`` all of them.
    """

    def __init__(self, ax, log=False, first=1, xlabel="epoch", labels=None):
        self.ax = axes(ax, required=True)
        self.log = flag(log, "log")
        self.first = whole_number(first, "first", minimum=0)
        text(xlabel, "xlabel")
        if labels is not None and (isinstance(labels, (str, bytes)) or not isinstance(labels, (list, tuple))
                                   or not 1 <= len(labels) <= 20):
            raise TypeError(f"labels must be None or a list of 1 to 20 names, got {describe(labels)}.")
        self.labelled = labels is not None
        names = [str(label) for label in labels] if self.labelled else [None]
        n = len(style.COLORS)
        self.lines = [ax.plot([], [], color=style.COLORS[k % n], linestyle=style.LINESTYLES[k % n],
                              label=name)[0] for k, name in enumerate(names)]
        self.line = self.lines[0]
        ax.set_xlabel(xlabel)
        ax.set_ylabel("loss (log scale)" if self.log else "loss (MSE)")
        if self.log:
            ax.set_yscale("log")
            # Plain labels (1, 2, 5, 10) and no minor ticks: easier to read than 10^k, and
            # mathtext labels cost milliseconds on every redraw.
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
            ax.yaxis.set_minor_locator(NullLocator())

    def update(self, losses):
        """Show ``losses`` (one list per label when made with ``labels``); returns self."""
        runs = losses if self.labelled else [losses]
        if self.labelled and (isinstance(runs, (str, bytes)) or not isinstance(runs, (list, tuple))
                              or len(runs) != len(self.lines)):
            raise TypeError(f"losses must be one list of losses per label ({len(self.lines)}), "
                            f"got {describe(losses)}.")
        series = []
        for one in runs:
            try:
                series.append(_losses_of(one))
            except ValueError:
                raise TypeError(f"losses must be a list of numbers (one per epoch), got "
                                f"{describe(one)}.") from None
        for line, one in zip(self.lines, series):
            line.set_data(np.arange(self.first, self.first + len(one)), one)
        longest = max(len(one) for one in series)
        if longest:
            # Set the limits ourselves: relim/autoscale walks every artist and is slower.
            finite = np.concatenate([one[np.isfinite(one)] for one in series])
            top = float(finite.max()) if finite.size else 1.0
            self.ax.set_xlim(self.first - 0.5, self.first + max(longest, 2) - 0.5)
            if self.log:
                low = float(finite[finite > 0].min()) if np.any(finite > 0) else 1e-6
                high = max(top, low * 2)
                self.ax.set_ylim(low / 1.5, high * 1.5)
                # Within two decades label 1, 2, 5, 10, ...; beyond that, powers of 10 only.
                subs = (1.0, 2.0, 5.0) if high / low < 100 else (1.0,)
                self.ax.yaxis.set_major_locator(LogLocator(subs=subs, numticks=6))
            else:
                self.ax.set_ylim(0.0, max(top, 1e-12) * 1.05)
        return self


def loss_curve(history_or_losses, ax=None, log=False):
    r"""The loss :math:`L = \frac{1}{n}\sum (y - y_{pred})^2` after each epoch of training.

    Takes the :class:`~nnviz.History` that ``Network.train`` returns, a
    :class:`~nnviz.gd.Descent` (loss after each step) or a list of losses; or a dict
    ``{label: any of those}`` to compare several runs on one axes, each in its own colour
    and line style, named in a legend. ``log=True`` puts the loss on a log scale, where the
    late, slow progress shows (and a diverging run fits beside a converging one).
    Introduced in 07_training; the comparison in 06_gradient_descent.
    """
    labels = None
    runs = [history_or_losses]
    if isinstance(history_or_losses, dict):
        if not history_or_losses:
            raise ValueError("history_or_losses must hold at least one run, got an empty dict.")
        labels, runs = list(history_or_losses), list(history_or_losses.values())
    losses = [_losses_of(run) for run in runs]
    steps = all(isinstance(run, _gd.Descent) for run in runs)
    ax = style.axes(ax)
    LossCurveDrawer(ax, log=log, first=0 if steps else 1, xlabel="step" if steps else "epoch",
                    labels=labels).update(losses if labels else losses[0])
    if labels:
        ax.legend(fontsize="small")
    ax.set_title("Loss after each step" if steps else "Loss per epoch")
    return ax.figure


# --- the loss as a function of one parameter -------------------------------------------

class LossVsParameterDrawer:
    r"""The loss as one parameter varies, the others held: :math:`L(w)` with the current w marked.

    With ``tangent=True`` also the tangent line of slope :math:`\partial L/\partial w` from
    backpropagation. ``legend=False`` leaves the legend out (it costs ~8 ms per redraw, so
    explorers name the lines in a title instead). Introduced in 05_backprop.
    """

    def __init__(self, ax, tangent=True, legend=True):
        self.ax = axes(ax, required=True)
        tangent, legend = flag(tangent, "tangent"), flag(legend, "legend")
        (self.curve,) = ax.plot([], [], color=style.BLUE, linestyle="-", label="loss L(w)")
        (self.tangent,) = ax.plot([], [], color=style.VERMILLION, linestyle="--",
                                  label="tangent, slope dL/dw", visible=bool(tangent))
        (self.point,) = ax.plot([], [], "o", color=style.BLACK, zorder=3)
        self.label = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top")
        #: Between "m = ..." and "b = ...": "\n" puts each on its own line (a narrow panel).
        self.separator = ", "
        ax.set_ylabel("loss L")
        if legend:
            ax.legend(loc="upper right")

    def update(self, network, X, y, param="w1", span=4.0, n_points=101, x_range=None,
               y_range=None):
        """Draw :math:`L` over ``w_now ± span`` (or over ``x_range = (low, high)``, fixed, so
        the dot moves along the curve instead), the dot at ``w_now`` and the tangent, which
        reaches ``span / 2`` either side. ``y_range = (low, high)`` fixes the vertical scale
        (else it fits the curve), so that curves of different parameters can be compared by
        eye. Sets ``loss`` and ``slope``; returns self."""
        network = check_network(network)
        name, i, idx = resolve_param(network, param)
        X, y = network._check_Xy(X, y)
        span = positive_number(span, "span")
        if not np.isfinite(span) or span > 1e6:
            raise ValueError(f"span must be a number from 0 to 1e6, got {span}.")
        n_points = whole_number(n_points, "n_points", minimum=2)
        if n_points > 10_000:
            raise ValueError(f"n_points must be at most 10000, got {n_points}.")
        if x_range is not None:
            x_range = value_range(x_range, "x_range")
        if y_range is not None:
            y_range = value_range(y_range, "y_range")
        p = network.params[i]
        w_now = float(p[idx])
        low, high = x_range if x_range is not None else (w_now - span, w_now + span)
        ws = np.linspace(low, high, n_points)
        losses = np.empty_like(ws)
        try:
            for k, w in enumerate(ws):    # try each value in place, then put the weight back
                p[idx] = w
                losses[k] = network.loss(X, y)
        finally:
            p[idx] = w_now
        L = network.loss(X, y)
        slope = float(network.gradients(X, y)[i][idx])
        self.curve.set_data(ws, losses)
        self.point.set_data([w_now], [L])
        half = span / 2
        self.tangent.set_data([w_now - half, w_now + half], [L - slope * half, L + slope * half])
        # A margin either side, so the dot stays whole at either end of a fixed range.
        margin = 0.03 * (ws[-1] - ws[0])
        self.ax.set_xlim(ws[0] - margin, ws[-1] + margin)
        if y_range is not None:
            self.ax.set_ylim(*y_range)
        else:
            finite = losses[np.isfinite(losses)]
            low, high = (finite.min(), finite.max()) if finite.size else (0.0, 1.0)
            pad = 0.08 * (high - low or 1.0)
            self.ax.set_ylim(low - pad, high + pad)
        self.ax.set_xlabel(name)
        self.label.set_text(f"{name} = {style.fmt(w_now)}\nL = {style.fmt(L)}\n"
                            f"dL/d{name} = {style.fmt(slope)}")
        self.loss, self.slope = float(L), slope
        return self


def loss_vs_parameter(network, X, y, param="w1", span=4.0, ax=None, tangent=True):
    r"""The loss :math:`L(w)` as one parameter ``w`` moves by up to ``span``, the others held still.

    ``param`` is a name from the 2-2-1 diagram ("w1" ... "w6", "b1" ... "b3", see
    :func:`param_names`) or ``(index into network.params, index in that array)``. The black
    dot is the current value; the dashed tangent has slope :math:`\partial L/\partial w`
    from ``network.gradients``: downhill is the way gradient descent steps. Introduced in 05_backprop.
    """
    if not isinstance(network, Network):
        raise TypeError(f"network must be an nnviz.Network, got {type(network).__name__}.")
    span = positive_number(span, "span")
    ax = style.axes(ax)
    LossVsParameterDrawer(ax, tangent=tangent).update(network, X, y, param, span)
    return ax.figure


# --- contours of the loss over two parameters ----------------------------------------

def _grid_loss(loss_fn, A, B):
    """Evaluate ``loss_fn(a, b)`` on a grid: all at once if it takes arrays, else point by point."""
    with np.errstate(over="ignore", invalid="ignore"):
        try:
            Z = np.asarray(loss_fn(A, B), dtype=np.float64)
            if Z.shape == A.shape:
                return Z
        except (TypeError, ValueError):
            pass
        return np.vectorize(lambda a, b: float(loss_fn(a, b)))(A, B)


def _network_loss_fn(network, X, y, names):
    """A loss over two named parameters of a copy of ``network``, the others held."""
    net = network.copy()
    X, y = net._check_Xy(X, y)
    (_, i, idx), (_, j, jdx) = (resolve_param(net, n) for n in names)

    def loss_fn(a, b):
        net.params[i][idx], net.params[j][jdx] = a, b
        with np.errstate(over="ignore", invalid="ignore"):
            return mean_squared_error(y, net._forward(X)[1][-1])

    centre = (float(network.params[i][idx]), float(network.params[j][jdx]))
    return loss_fn, centre


class ContourDrawer:
    r"""Contours of a loss over two parameters, with a descent path drawn on top.

    The contours are drawn by :meth:`set_surface` (once per problem); :meth:`update` moves
    only the path. Introduced in 06_gradient_descent.
    """

    def __init__(self, ax, xlabel="m (slope)", ylabel="b (intercept)", levels=20, legend=True):
        self.ax = axes(ax, required=True)
        text(xlabel, "xlabel")
        text(ylabel, "ylabel")
        self.levels = whole_number(levels, "levels", minimum=2)
        if self.levels > 200:
            raise ValueError(f"levels must be at most 200 contour lines, got {self.levels}.")
        self.legend = flag(legend, "legend")
        self.contours = None
        (self.path_line,) = ax.plot([], [], "-", color=style.VERMILLION, marker=".", zorder=3,
                                    label="descent path")
        (self.start,) = ax.plot([], [], "o", color=style.BLACK, zorder=4, label="start")
        (self.end,) = ax.plot([], [], "*", color=style.VERMILLION, markersize=14, zorder=4,
                              markeredgecolor=style.BLACK, label="now")
        (self.best,) = ax.plot([], [], "x", color=style.GREEN, markersize=12, mew=3, zorder=4,
                               label="minimum")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(False)

    def set_surface(self, A, B, Z, best=None):
        """Draw the contours of ``Z`` over the grid ``A, B`` (replacing any drawn before)."""
        if self.contours is not None:
            self.contours.remove()
        finite = Z[np.isfinite(Z)]
        low, high = (finite.min(), finite.max()) if finite.size else (0.0, 1.0)
        # Levels spaced on a square-root scale: the valley floor gets as many lines as the walls.
        levels = low + (high - low) * np.linspace(0.0, 1.0, self.levels) ** 2
        self.contours = self.ax.contour(A, B, Z, levels=np.unique(levels), cmap="cividis",
                                        linewidths=1.0)
        self.ax.set_xlim(A.min(), A.max())
        self.ax.set_ylim(B.min(), B.max())
        self.best.set_data(*(([best[0]], [best[1]]) if best is not None else ([], [])))
        return self

    def update(self, path):
        """Draw ``path``, ``(k, 2)`` points: the line, the start dot and the star at the end."""
        path = _path(path, 2)
        self.path_line.set_data(path[:, 0], path[:, 1])
        self.start.set_data(path[:1, 0], path[:1, 1])
        # A single point is just where we stand: the black dot, no star on top of it.
        last = path[-1:] if len(path) > 1 else np.empty((0, 2))
        self.end.set_data(last[:, 0], last[:, 1])
        self.start.set_label("start" if len(path) > 1 else "now")
        if self.legend and not self.ax.get_legend():
            if len(path) > 1:
                # A diverged walk ends outside the map: the legend says so instead of listing
                # a star that is not drawn. (Once, with the legend: not on every frame.)
                x_low, x_high = sorted(self.ax.get_xlim())
                y_low, y_high = sorted(self.ax.get_ylim())
                x_end, y_end = path[-1]
                inside = (np.isfinite(x_end) and np.isfinite(y_end) and x_low <= x_end <= x_high
                          and y_low <= y_end <= y_high)
                self.end.set_label("now" if inside else "now (off the map)")
            # Only what is drawn: a single point has no path and no separate "now".
            shown = [self.start, self.best] if len(path) == 1 else [self.path_line, self.start, self.end, self.best]
            self.ax.legend(handles=[h for h in shown if len(h.get_xdata())], loc="upper right",
                           fontsize="small")
        return self


def loss_contours(loss, path=None, ax=None, *, X=None, y=None, params=("w1", "w2"),
                  ranges=None, span=3.0, resolution=80, levels=20):
    r"""Contour lines of a loss over two parameters, with a gradient-descent path on top.

    ``loss`` is one of:

    * ``(x, y)`` points of the line problem: the loss
      :math:`E(m, b) = \frac{1}{n}\sum (y_i - (m x_i + b))^2` over slope m and intercept b;
    * a function ``loss(a, b)`` of two numbers (or grids);
    * a :class:`~nnviz.Network` with ``X``, ``y``: the loss over two of its parameters
      (``params``, names such as "w1", "w5"), the others held at their current values.

    ``path`` is a :class:`~nnviz.gd.Descent` or a ``(k, 2)`` array of points. ``ranges`` is
    ``((a_low, a_high), (b_low, b_high))``; by default it covers the path and the minimum
    (or ``span`` around the network's current values). Introduced in 06_gradient_descent.
    """
    resolution = whole_number(resolution, "resolution", minimum=5)
    if resolution > 500:
        raise ValueError(f"resolution must be at most 500, got {resolution}.")
    span = positive_number(span, "span")
    if span > 1e6:
        raise ValueError(f"span must be a number from 0 to 1e6, got {span}.")
    if ranges is not None:
        if isinstance(ranges, (str, bytes, dict)) or not hasattr(ranges, "__len__") or len(ranges) != 2:
            raise TypeError(f"ranges must be ((a_low, a_high), (b_low, b_high)), got {describe(ranges)}.")
        ranges = (value_range(ranges[0], "ranges"), value_range(ranges[1], "ranges"))
    if isinstance(path, _gd.Descent):
        path = path.path
    path = None if path is None else as_float_array(path, "path", ndim=2)
    if path is not None and path.shape[1] != 2:
        raise ValueError(f"path must have 2 numbers per point (one per parameter), got shape {path.shape}.")
    best, labels = None, ("m (slope)", "b (intercept)")
    if isinstance(loss, Network):
        if X is None or y is None:
            raise ValueError("X and y must be given when loss is a Network, got X or y None.")
        if isinstance(params, (str, bytes)) or not isinstance(params, (list, tuple)) or len(params) != 2:
            raise TypeError(f"params must be two parameter names such as ('w1', 'w5'), got {describe(params)}.")
        loss_fn, centre = _network_loss_fn(loss, X, y, params)
        labels = tuple(params)
        default = tuple((c - span, c + span) for c in centre)
    elif isinstance(loss, tuple) and len(loss) == 2 and not callable(loss[0]):
        x_pts, y_pts = loss
        best = _gd.line_best_fit(x_pts, y_pts)
        loss_fn = lambda m, b: _gd.line_loss(m, b, x_pts, y_pts)  # noqa: E731
        default = tuple((c - span, c + span) for c in best)
    elif callable(loss):
        loss_fn, labels, default = loss, ("a", "b"), ((-span, span), (-span, span))
    else:
        raise TypeError(
            "loss must be (x, y) line data, a function loss(a, b) or an nnviz.Network, "
            f"got {type(loss).__name__}."
        )
    if ranges is None:
        ranges = default
        if path is not None:
            finite = path[np.all(np.isfinite(path), axis=1)]
            ranges = tuple((min(lo, finite[:, k].min()), max(hi, finite[:, k].max()))
                           for k, (lo, hi) in enumerate(default))
    (a_lo, a_hi), (b_lo, b_hi) = ranges
    A, B = np.meshgrid(np.linspace(a_lo, a_hi, resolution), np.linspace(b_lo, b_hi, resolution))
    ax = style.axes(ax)
    drawer = ContourDrawer(ax, *labels, levels=levels).set_surface(A, B, _grid_loss(loss_fn, A, B), best)
    if path is None and isinstance(loss, Network):
        path = np.array([centre])        # the network's current weights
    if path is not None:
        drawer.update(path)
    ax.set_title("Loss and descent path" if path is not None and len(path) > 1 else "Loss contours")
    return ax.figure


# --- the 1-D bumpy loss ----------------------------------------------------------------

class CurveDescentDrawer:
    r"""The curve :math:`E(w)` of :func:`nnviz.gd.bumpy` with a descent path as dots on it.

    Introduced in 06_gradient_descent.
    """

    def __init__(self, ax, w_range=(-2.2, 2.2), legend=True):
        self.ax = axes(ax, required=True)
        w_range = value_range(w_range, "w_range")
        legend = flag(legend, "legend")
        ws = np.linspace(*w_range, 400)
        (self.curve,) = ax.plot(ws, _gd.bumpy(ws), color=style.BLUE, linestyle="-", label="loss E(w)")
        (self.path_line,) = ax.plot([], [], "-", color=style.VERMILLION, marker="o", markersize=4,
                                    zorder=3, label="descent path")
        (self.end,) = ax.plot([], [], "*", color=style.VERMILLION, markersize=14, zorder=4,
                              markeredgecolor=style.BLACK, label="now")
        for w_min, name in ((_gd.BUMPY_GLOBAL_MIN, "global min"), (_gd.BUMPY_LOCAL_MIN, "local min")):
            # Plain text under each valley floor: arrows would cost a few ms on every redraw.
            # 0.8 below the floor: clear of the "now" star when the walk ends there. One short
            # line, so it stays above the tick labels in a small panel at classroom sizes.
            ax.text(w_min, _gd.bumpy(w_min) - 0.8, name, ha="center", va="top", color=style.GREY,
                    fontsize="small")
        ax.set_xlim(*w_range)
        ax.set_ylim(-2.6, float(_gd.bumpy(np.array(w_range)).max()) + 0.5)
        ax.set_xlabel("w")
        ax.set_ylabel("loss E(w)")
        self.legend = legend      # a legend costs ~9 ms per redraw, so explorers may leave it out
        if legend:
            self.show_legend()

    def show_legend(self):
        """A legend of what is drawn: the curve, and the path and "now" once there is a path."""
        shown = [self.curve] + ([self.path_line, self.end] if len(self.path_line.get_xdata()) else [])
        self.ax.legend(handles=shown, loc="upper center", fontsize="small")
        return self

    def update(self, path):
        # Points off the picture (a diverging path) are clipped rather than rescaling the axes.
        ws = _path(path, 1).reshape(-1)
        with np.errstate(over="ignore", invalid="ignore"):
            Es = _gd.bumpy(ws)
        self.path_line.set_data(ws, Es)
        self.end.set_data(ws[-1:], Es[-1:])
        if self.legend:
            self.show_legend()
        return self


def bumpy_curve(path=None, ax=None):
    r"""The non-convex loss :math:`E(w) = w^4 - 3w^2 + w + 4` with its two minima marked and,
    if given, a descent path (a :class:`~nnviz.gd.Descent` or a list of w) on it.

    Introduced in 06_gradient_descent.
    """
    if isinstance(path, _gd.Descent):
        path = path.path
    ax = style.axes(ax)
    drawer = CurveDescentDrawer(ax)
    if path is not None:
        drawer.update(as_float_array(path, "path", ndim=(1, 2)))
    ax.set_title("A loss with two valleys")
    return ax.figure


# --- fitting a line ---------------------------------------------------------------------

class LineFitDrawer:
    r"""Points, the line :math:`y = m x + b` and the residuals :math:`y_i - (m x_i + b)` as
    vertical segments; :meth:`update` moves the line and the segments. Introduced in 06_gradient_descent.
    """

    def __init__(self, ax, x, y, residuals=True, legend=True):
        self.ax = axes(ax, required=True)
        x, y = _gd.check_xy(x, y)
        residuals, legend = flag(residuals, "residuals"), flag(legend, "legend")
        self.x, self.y = x, y
        self.residuals = LineCollection([], colors=style.VERMILLION, linestyles=":", linewidths=1.2,
                                        label="residuals", visible=bool(residuals))
        ax.add_collection(self.residuals)
        ax.scatter(self.x, self.y, color=style.BLUE, zorder=3, s=20, label="data")
        (self.line,) = ax.plot([], [], color=style.BLACK, linestyle="-", label="y = m x + b")
        self.label = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top")
        #: Between "m = ..." and "b = ...": "\n" puts each on its own line (a narrow panel).
        self.separator = ", "
        pad_x = 0.05 * (self.x.max() - self.x.min() or 1.0)
        pad_y = 0.15 * (self.y.max() - self.y.min() or 1.0)
        self.xlim = (self.x.min() - pad_x, self.x.max() + pad_x)
        ax.set_xlim(*self.xlim)
        ax.set_ylim(self.y.min() - pad_y, self.y.max() + pad_y)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        if legend:    # ~7 ms per redraw: explorers say it in the title instead
            ax.legend(loc="lower right", fontsize="small")

    def update(self, m, b):
        m, b = finite_number(m, "m"), finite_number(b, "b")
        xs = np.array(self.xlim)
        with np.errstate(over="ignore", invalid="ignore"):
            self.line.set_data(xs, m * xs + b)
            y_line = m * self.x + b
        self.residuals.set_segments(np.stack([np.column_stack([self.x, self.y]),
                                              np.column_stack([self.x, y_line])], axis=1))
        E = _gd.line_loss(m, b, self.x, self.y)
        self.label.set_text(f"m = {style.fmt(m)}{self.separator}b = {style.fmt(b)}\nE = {style.fmt(E)}")
        return self


def line_fit(x, y, m, b, ax=None, residuals=True):
    r"""The points, the line :math:`y = m x + b` and each residual :math:`y_i - (m x_i + b)`
    drawn as a vertical segment; the loss :math:`E = \frac{1}{n}\sum_i (y_i - (m x_i + b))^2`
    is the mean of the squared segment lengths. Introduced in 06_gradient_descent.
    """
    x, y = _gd.check_xy(x, y)
    m = float(as_float_array(m, "m", ndim=0))
    b = float(as_float_array(b, "b", ndim=0))
    ax = style.axes(ax)
    LineFitDrawer(ax, x, y, residuals=residuals).update(m, b)
    ax.set_title("Fitting y = m x + b")
    return ax.figure


