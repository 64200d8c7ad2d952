"""Colours, line styles and font sizes shared by every nnviz figure.

Colours come from the Okabe-Ito palette, which stays distinguishable under the common
forms of colour blindness; lines also differ by line style, so a figure still reads in
greyscale or on a washed-out projector.

>>> import nnviz.style
>>> nnviz.style.use("classroom")              # projector-size fonts from now on
>>> with nnviz.style.context("notebook"):     # or just for one figure
...     fig = nnviz.plots.activation_curves()

Settings: ``"notebook"`` (default sizes for reading on a laptop) and ``"classroom"``
(18-20 pt fonts and thick lines, for the back row); ``"projector"`` is another name for
``"classroom"``. This module imports matplotlib, so ``import nnviz`` does not load it.
"""
from __future__ import annotations

import numbers

import matplotlib as mpl
import numpy as np
from cycler import cycler

from ._validate import axes as _check_axes
from ._validate import describe, choice, flag, whole_number
from ._validate import text as _check_text

#: The Okabe-Ito palette, by the names its authors gave the colours.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

BLUE = OKABE_ITO["blue"]
ORANGE = OKABE_ITO["orange"]
GREEN = OKABE_ITO["bluish_green"]
VERMILLION = OKABE_ITO["vermillion"]
PURPLE = OKABE_ITO["reddish_purple"]
SKY_BLUE = OKABE_ITO["sky_blue"]
YELLOW = OKABE_ITO["yellow"]
BLACK = OKABE_ITO["black"]
#: Not an Okabe-Ito colour: for things that should recede (zero lines, faint grids).
GREY = "#999999"

#: Edge colours in network diagrams: a positive weight pushes the next neuron up,
#: a negative one pushes it down. Blue against vermillion is the pair that survives
#: red-green colour blindness.
POSITIVE = BLUE
NEGATIVE = VERMILLION

#: Class colours and markers (class 0, class 1), e.g. male = 0, female = 1 in 04_loss.
#: The markers differ too, so the classes read without colour.
CLASS_COLORS = (ORANGE, BLUE)
CLASS_MARKERS = ("o", "s")

#: Line colours in order; yellow is left out because it vanishes on white.
COLORS = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY_BLUE, BLACK)
#: Line styles paired with COLORS, so neighbouring lines differ in style as well.
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (3, 1, 1, 1, 1, 1)))

SETTINGS = ("notebook", "classroom", "projector")
_ALIASES = {"projector": "classroom"}

_COMMON = {
    "axes.prop_cycle": cycler(color=list(COLORS)) + cycler(linestyle=list(LINESTYLES)),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": GREY,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "image.cmap": "cividis",  # perceptually uniform and colour-blind safe
}

_SIZES = {
    "notebook": {
        "font.size": 11.0,
        "axes.titlesize": 13.0,
        "axes.labelsize": 11.0,
        "xtick.labelsize": 10.0,
        "ytick.labelsize": 10.0,
        "legend.fontsize": 10.0,
        "lines.linewidth": 2.0,
        "lines.markersize": 7.0,
        "axes.linewidth": 1.0,
    },
    # Sized for a classroom projector: readable from the back row.
    "classroom": {
        "font.size": 18.0,
        "axes.titlesize": 20.0,
        "axes.labelsize": 18.0,
        "xtick.labelsize": 16.0,
        "ytick.labelsize": 16.0,
        "legend.fontsize": 16.0,
        "lines.linewidth": 3.5,
        "lines.markersize": 11.0,
        "axes.linewidth": 1.8,
        # Tick labels further from the axes: at these sizes the first x and y labels would
        # touch at the corner of a plot whose limits fall on ticks (a contour map).
        "xtick.major.pad": 8.0,
        "ytick.major.pad": 8.0,
    },
}


def rc(setting: str = "notebook") -> dict:
    """The matplotlib rcParams for a setting: 'notebook', 'classroom' or 'projector'."""
    setting = _ALIASES.get(choice(setting, "setting", SETTINGS), setting)
    return {**_COMMON, **_SIZES[setting]}


def use(setting: str = "notebook") -> None:
    """Apply a setting to every figure made from now on (changes ``matplotlib.rcParams``)."""
    mpl.rcParams.update(rc(setting))


def context(setting: str = "notebook"):
    """A ``with`` block that applies a setting only inside it::

        with nnviz.style.context("classroom"):
            nnviz.widgets.neuron_explorer()
    """
    return mpl.rc_context(rc(setting))


def axes(ax=None, figsize=(5.5, 4.0)):
    """``ax`` itself, or the Axes of a new pyplot figure: how every static figure starts.

    pyplot is imported here, not at import time, and only static figures use it: explorers
    own their Figures outside pyplot (see nnviz._explorer).
    The new figure is zoomed with the font size (:func:`zoomed`) and laid out by
    matplotlib's constrained layout, so the larger "classroom" fonts keep axis labels,
    titles and legends inside it.
    """
    if _check_axes(ax) is not None:
        return ax
    figsize = zoomed(figure_size(figsize))
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    hide_header(fig)
    whole_frames(fig)
    return ax


#: The most a figure grows with the font size (see :func:`zoomed`).
MAX_ZOOM = 1.5


def zoom_factor() -> float:
    """How much bigger the current fonts are than the notebook's: 1 to ``MAX_ZOOM``."""
    return min(max(mpl.rcParams["font.size"] / _SIZES["notebook"]["font.size"], 1.0), MAX_ZOOM)


def zoomed(figsize, tall=False):
    """``figsize`` grown with the font size, so a figure keeps its proportions of text to
    picture: by ``font.size / 11`` (the notebook's size; 1 in the "notebook" style), at most
    ``MAX_ZOOM`` times and never wider than ``MAX_FIGURE_WIDTH`` (the notebook column) unless
    it already was. Every figure nnviz makes (the plot functions, the explorers) is sized so.
    ``tall=True`` (wide figures of several panels): the height grows by the whole zoom even
    where the width cannot, so stacked panels keep their room for the larger text.
    """
    w, h = figure_size(figsize)
    tall = flag(tall, "tall")
    zoom = zoom_factor()
    across = min(zoom, max(1.0, MAX_FIGURE_WIDTH / w))
    return (w * across, h * (zoom if tall else across))


def hide_header(fig):
    """No "Figure 1" title bar above the figure under ipympl (``%matplotlib widget``), and no
    toolbar: ipympl's fades in over the left edge, on the y-axis label, under the pointer."""
    from matplotlib.figure import Figure
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure (e.g. from fig, ax = plt.subplots()), "
                        f"got {describe(fig)}.")
    if hasattr(fig.canvas, "header_visible"):
        fig.canvas.header_visible = False
        fig.canvas.toolbar_visible = False   # as on every explorer (nnviz._explorer.new_figure)
    return fig


def whole_frames(fig):
    """Under ipympl (``%matplotlib widget``), every picture the kernel sends is a whole frame.

    ipympl normally sends the pixels that changed since the last frame (a diff) and the page
    paints it over what it shows. The page loads each picture asynchronously, and when
    frames come fast (a dragged slider, a busy machine, the same notebook open twice, as in
    RISE's panel beside the notebook) it can replace one before painting it, or paint a
    diff as a whole picture: the lost change stays on screen for good, and a slider can
    show w = 1.10 under a curve of w = 1.00 (matplotlib issue 19116; measured with the RISE
    panel of notebook 00 on a loaded machine, the picture stayed stale after 2 of 16
    slider moves, after none of 16 with whole frames). A whole frame repairs whatever came
    before. It costs a larger PNG per frame.

    Used by :func:`axes`, ``nnviz.plots.subplots`` (the figure cells of 00, 03 and 08) and
    every explorer's figure. Does nothing on other canvases. Returns ``fig``.
    """
    from matplotlib.figure import Figure
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure (e.g. from fig, ax = plt.subplots()), "
                        f"got {describe(fig)}.")
    canvas = fig.canvas
    if getattr(canvas, "_nnviz_whole_frames", False) or not (
            hasattr(canvas, "get_diff_image") and hasattr(canvas, "_force_full")):
        return fig
    diff_image = canvas.get_diff_image

    def whole_frame_image():
        # matplotlib's webagg sends a whole frame when _force_full is set, then clears it.
        canvas._force_full = True
        return diff_image()

    canvas.get_diff_image = whole_frame_image
    canvas._nnviz_whole_frames = True
    return fig


#: The widest a figure of the notebooks may be, in inches at 100 dpi: the notebook column of
#: JupyterLab at 1280 x 1000 with the file browser open leaves about 850 px for output.
MAX_FIGURE_WIDTH = 8.2

#: The largest figure side, in inches: a 50-inch figure is already 5000 px at 100 dpi.
MAX_FIGURE_INCHES = 50.0


def figure_size(figsize, name="figsize"):
    """(width, height) in inches, each a number above 0 and at most MAX_FIGURE_INCHES."""
    try:
        w, h = (float(v) for v in figsize)
        ok = all(0 < v <= MAX_FIGURE_INCHES for v in (w, h))
    except (TypeError, ValueError):
        ok = False
    if not ok or isinstance(figsize, (str, bytes)):
        raise ValueError(f"{name} must be (width, height) in inches, each above 0 and at most "
                         f"{MAX_FIGURE_INCHES:g}, got {describe(figsize)}.")
    return (w, h)


def title(ax, text="", **kwargs):
    """A title as plain text centred above ``ax``; returns the Text, for ``set_text`` later.

    Use it in figures that are redrawn often (the explorers): ``ax.set_title`` works out
    its position again on every draw, about 4 ms per axes, while this text stays where it
    was put, just clear of the top tick label. Its size is ``axes.titlesize`` unless
    ``fontsize`` is given.
    """
    _check_axes(ax, required=True)
    _check_text(text, "text")
    kwargs.setdefault("fontsize", mpl.rcParams["axes.titlesize"])
    # Above the axes by half a tick label and a bit: the top y tick's label reaches over the
    # axes' edge by half its height, at any font size.
    from matplotlib.font_manager import FontProperties
    from matplotlib.transforms import offset_copy
    pad = 0.5 * FontProperties(size=mpl.rcParams["ytick.labelsize"]).get_size_in_points() + 1
    above = offset_copy(ax.transAxes, fig=ax.figure, y=pad, units="points")
    return ax.text(0.5, 1.0, text, transform=above, ha="center", va="bottom", **kwargs)


def signed_color(value: float) -> str:
    """The colour of an edge with this weight: POSITIVE above 0, NEGATIVE below, GREY at 0."""
    if isinstance(value, (str, bytes, bool)) or not isinstance(value, (numbers.Real, np.number)):
        raise TypeError(f"value must be a number (a weight), got {describe(value)}.")
    if value > 0:
        return POSITIVE
    return NEGATIVE if value < 0 else GREY


def fmt(x, digits: int = 4) -> str:
    """A number as a learner would write it: 0.999, -2.5, 7 (no trailing zeros).

    Figures and number panels both use it, so the picture and the table agree. A value
    between -0.0001 and 0.0001 other than 0 is written to 4 decimal places (sigmoid(-50)
    reads 0.0000, not 1.929e-22; exactly 0 reads 0), and a value that is not ±1 or 0.5
    never rounds to ±1 or 0.5 (0.50003 sits above a sigmoid's threshold 0.5: it reads
    0.50003, not 0.5).
    """
    if isinstance(x, (str, bytes, bool)) or not isinstance(x, (numbers.Real, np.number)):
        if not (isinstance(x, np.ndarray) and x.size == 1 and x.dtype.kind in "iuf"):
            raise TypeError(f"x must be a number, got {describe(x)}.")
    digits = whole_number(digits, "digits", minimum=1, maximum=17)
    if 0 < abs(float(x)) < 1e-4:   # where %g would switch to 1.929e-22
        text = f"{float(x):.4f}"
        return "0.0000" if text == "-0.0000" else text
    text = f"{float(x):.{digits}g}"
    # A sigmoid's 0.9996 is not 1 and its 0.50003 is not the threshold 0.5: never round a
    # value that is not ±1 or 0.5 to exactly that.
    while text in ("1", "-1", "0.5") and float(x) != float(text) and digits < 6:
        digits += 1
        text = f"{float(x):.{digits}g}"
    return "0" if text == "-0" else text
