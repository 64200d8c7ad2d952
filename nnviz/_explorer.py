"""The base every nnviz explorer is built on: a figure, some controls, a numbers panel.

An explorer keeps its model (a Neuron, a Network, the people data) apart from the GUI:
controls change numbers, ``update`` recomputes from them and moves artists that were
created once, ``draw`` puts the new pixels on screen. Nothing is re-created per slider move.

Writing an explorer
-------------------
Subclass :class:`Explorer`, create the control widgets, and fill in two methods::

    class SlopeExplorer(Explorer):
        def __init__(self, controls=None, canvas="auto"):
            super().__init__(
                {"m": float_slider("m", 1.0, -3, 3), "b": float_slider("b", 0.0, -3, 3)},
                visible=controls, canvas=canvas, figsize=(5, 3.5),
            )

        def build(self):                 # once: make the artists
            ax = self.figure.add_subplot()
            self.line, = ax.plot([], [])

        def update(self):                # on every control change: move them
            m, b = self.value("m"), self.value("b")
            self.line.set_data(X, m * X + b)
            self.readout.value = table([("m", m), ("b", b)])

The base then calls ``update()`` and ``draw()`` once at start and after every change of
any control's ``value``. Widgets without a ``value`` (buttons) are laid out but not
observed: connect them yourself, and call ``self.refresh()`` (update + draw) afterwards.

API
---
- ``Explorer(controls, visible=None, canvas="auto", figsize=(6.4, 4.0), layout="constrained")``:
  ``controls`` is a dict name -> widget, in display order. ``figsize`` grows with the font
  size (up to 1.5 times under ``nnviz.style.use("classroom")``). The layout engine runs
  once, then positions are frozen. ``visible`` is teacher mode: ``None`` shows every
  control, a list of names shows only those (the others keep their values and still work
  from code). Explorer functions pass their own ``controls=``
  argument here, so an unknown name raises ValueError naming ``controls``.
- ``.figure`` the matplotlib Figure (the same object for the explorer's whole life);
  ``.controls`` dict name -> widget; ``.readout`` the HTML widget beside the figure;
  ``.figure_widget`` the widget showing the figure (the ipympl canvas, or an Image; an
  explorer that paints in the page returns its own widget from ``.make_view()``, as the
  training playground does with ``nnviz._paint.PlaygroundView``).
- ``.value(name)`` one control's value; ``.values()`` dict of all of them.
- ``.build()`` / ``.update()`` to override; ``.changed(name, change)`` may be overridden
  to react to one control before the refresh (a mode switch); ``.draw()`` pushes pixels;
  ``.refresh()`` does update + draw; ``with self.hold():`` batches many control changes
  into one refresh.
- ``.interactive`` True when drawing on an ipympl canvas, False in PNG fallback.
- ``.close()`` closes every widget the explorer made (boxes, controls, readout, figure
  widget, their Layouts and Styles, and any widget a subclass keeps as a public
  attribute), so ipywidgets holds nothing that keeps the explorer or its figure alive.
  If ``__init__`` raises (an unknown ``controls=`` name), the base closes what was made
  before the error propagates; ``close()`` is also safe on such a half-built explorer.

Helpers: ``new_figure``, ``ipympl_active``, ``check_controls``, ``float_slider``,
``log_slider``, ``dropdown``, ``toggle``, ``button``, ``align_labels`` (the base calls it on
the shown controls), ``table``, ``finite``, and ``fmt`` (re-exported from ``nnviz.style``:
one number format for figures and panels). A title whose text changes on updates is
cheaper as ``nnviz.style.title(ax)`` (plain text) than ``ax.set_title``.

Canvas
------
With ``%matplotlib widget`` (ipympl) the figure is drawn on an ipympl canvas, which is
itself a widget. Anywhere else (inline backend, Colab, nbconvert, a static viewer) the
figure is rendered to PNG into an ``ipywidgets.Image`` after every update, so the
explorer still works, only a little slower. ``canvas="ipympl"`` or ``canvas="png"``
forces one path.

Figures are made with ``matplotlib.figure.Figure``, never with pyplot, so they are not
registered in pyplot's figure list: re-running a cell does not pile up open figures,
and ``plt.show()`` elsewhere does not print explorer figures a second time.
"""
from __future__ import annotations

import contextlib
import html
import io
import warnings

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.figure import Figure

from ._validate import describe, choice
from . import style
from .style import fmt

#: What a learner reads on an explorer whose kernel has gone (a restart, a shutdown): its
#: controls no longer reach Python. ipywidgets marks such a view with the class
#: ``jupyter-widgets-disconnected`` (and a broken-link icon); this rule adds the sentence.
#: It travels inside the explorer (a hidden HTML widget holding a <style>), so it needs no
#: JupyterLab extension and works in JupyterLite too.
RESTART_SENTENCE = ("The kernel behind these controls has restarted or stopped, so they no "
                    "longer move anything. Run the notebook again from the top: "
                    "Run → Run All Cells (or run the cells from the top down to this one).")
RESTART_CSS = (
    "<style>.nnviz-explorer.jupyter-widgets-disconnected::after{"
    f"content:\"{RESTART_SENTENCE}\";display:block;margin:6px 0;padding:6px 10px;"
    "max-width:640px;background:#fff4d6;color:#3d2e00;border-left:4px solid #e69f00;"
    "font-size:var(--jp-content-font-size1,14px);line-height:1.4;}"
    # The dead controls look dead: greyed, deaf to the pointer, and without ipywidgets'
    # red broken-link icon beside each one (the sentence says it once, calmly).
    ".nnviz-explorer.jupyter-widgets-disconnected .nnviz-controls .widget-inline-hbox,"
    ".nnviz-explorer.jupyter-widgets-disconnected .nnviz-controls .widget-toggle-buttons,"
    ".nnviz-explorer.jupyter-widgets-disconnected .nnviz-controls .jupyter-button{"
    "pointer-events:none;opacity:0.45;}"
    ".nnviz-explorer.jupyter-widgets-disconnected::before,"
    ".nnviz-explorer.jupyter-widgets-disconnected .jupyter-widgets-disconnected::before{"
    "display:none;}</style>")

#: Backend names under which matplotlib draws through ipympl.
IPYMPL_BACKENDS = ("module://ipympl.backend_nbagg", "widget", "ipympl")
CANVAS_MODES = ("auto", "ipympl", "png")


def ipympl_active() -> bool:
    """True when the matplotlib backend is ipympl (``%matplotlib widget``)."""
    try:
        name = matplotlib.get_backend(auto_select=False)  # does not pick a backend itself
    except TypeError:  # matplotlib < 3.10
        name = matplotlib.rcParams["backend"]
    return (name or "").lower() in IPYMPL_BACKENDS


def _use_ipympl(canvas: str) -> bool:
    canvas = choice(canvas, "canvas", CANVAS_MODES)
    if canvas == "auto":
        return ipympl_active()
    return canvas == "ipympl"


def new_figure(figsize=(6.4, 4.0), canvas="auto", label="nnviz", layout="constrained") -> Figure:
    """A Figure outside pyplot, on an ipympl canvas or (fallback) an Agg canvas.

    With ipympl, ``fig.canvas`` is the widget to embed. ``label`` names the figure for
    ipympl's header (hidden in explorers). ``layout`` is passed to ``Figure``.
    """
    fig = Figure(figsize=figsize, layout=layout)
    if _use_ipympl(canvas):
        from ipympl.backend_nbagg import Canvas, FigureManager

        # What ipympl's backend does in new_figure_manager_given_figure, minus the
        # registration with pyplot: the explorer owns its figure.
        with warnings.catch_warnings():
            # ipympl's Toolbar passes its canvas on to traitlets, which warns; not ours to fix.
            warnings.filterwarnings("ignore", "Passing unrecognized arguments", DeprecationWarning)
            fig_canvas = Canvas(fig)
            # num only titles the figure (pyplot never sees it); the label says which explorer.
            FigureManager(fig_canvas, 0).set_window_title(label)
        fig_canvas.header_visible = False
        fig_canvas.footer_visible = False
        fig_canvas.toolbar_visible = False
        fig_canvas.resizable = False
        # Whole frames, never diffs: when frames come fast (a playing playground, a dragged
        # slider) the page can replace an image before painting it, and a lost diff leaves
        # stale pixels for good (matplotlib issue 19116). A whole frame repairs them.
        style.whole_frames(fig)
    else:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    return fig


def check_controls(visible, names, parameter="controls"):
    """Teacher mode: None -> every name; a list -> those names, checked against ``names``."""
    if visible is None:
        return list(names)
    if isinstance(visible, (str, bytes)) or not hasattr(visible, "__iter__"):
        raise TypeError(
            f"{parameter} must be None or a list of control names from "
            f"{', '.join(repr(n) for n in names)}, got {describe(visible)}."
        )
    visible = list(visible)
    for name in visible:
        choice(name, parameter, names)
    return [n for n in names if n in visible]


# --- controls: sliders move with the arrow keys once focused ---------------------------

_NARROW_LABEL = {"description_width": "initial"}


#: The width of one cell of the controls grid (float_slider, log_slider, dropdown).
CELL_WIDTH = "290px"


def _wide():
    # A Layout per widget: a shared one would hide every slider when one is hidden.
    return widgets.Layout(width=CELL_WIDTH)


def float_slider(description, value, min, max, step=0.1, readout_format=".2f", tooltip=None):
    """A FloatSlider that reports every movement (``continuous_update=True``).

    ``tooltip`` is the one-line explanation shown when the pointer rests on the control."""
    return widgets.FloatSlider(
        value=value, min=min, max=max, step=step, description=description,
        continuous_update=True, readout_format=readout_format,
        layout=_wide(), style=_NARROW_LABEL, tooltip=tooltip,
    )


def log_slider(description, value, low_exp, high_exp, tooltip=None):
    """A slider on a log scale from 10**low_exp to 10**high_exp, for learning rates: one notch
    moves it by the same factor anywhere."""
    return widgets.FloatLogSlider(value=value, base=10, min=low_exp, max=high_exp, step=0.05,
                                  description=description, readout_format=".3g",
                                  continuous_update=True, style=_NARROW_LABEL,
                                  layout=_wide(), tooltip=tooltip)


def dropdown(description, options, value, tooltip=None):
    """A Dropdown over ``options`` (a list, or a dict label -> value)."""
    return widgets.Dropdown(options=options, value=value, description=description,
                            layout=_wide(), style=_NARROW_LABEL, tooltip=tooltip)


def toggle(description, value=False, tooltip=None):
    """A Checkbox, for on/off choices such as 'show derivative'."""
    return widgets.Checkbox(value=value, description=description, indent=False,
                            layout=widgets.Layout(width="auto"), tooltip=tooltip)


def button(description, icon="", tooltip=None):
    """A Button as wide as its label; connect it with ``.on_click``."""
    return widgets.Button(description=description, icon=icon, tooltip=tooltip,
                          layout=widgets.Layout(width="auto"))


#: Labels longer than this keep their own width: one long label ("regularization rate") would
#: otherwise shrink every track of the grid to a few pixels.
MAX_ALIGNED_LABEL = 14


def align_labels(controls):
    """One description width (the longest label's) for the sliders among ``controls`` made
    ``CELL_WIDTH`` wide by the helpers above and not hidden, so their tracks start at the
    same x in every grid cell and equal values sit one above the other (labels of up to
    ``MAX_ALIGNED_LABEL`` characters; a longer one keeps its own width). Other widgets keep
    their labels as they are: a dropdown's box would shrink and cut its text. The base
    calls it at start and whenever a control is shown or hidden."""
    aligned = [w for w in controls
               if isinstance(w, (widgets.FloatSlider, widgets.FloatLogSlider, widgets.IntSlider))
               and w.layout.width == CELL_WIDTH and w.description
               and len(w.description) <= MAX_ALIGNED_LABEL
               and w.layout.display != "none"]      # a mode may show other sliders later
    if aligned:
        width = f"{max(len(w.description) for w in aligned) + 1}ch"
        for widget in aligned:
            widget.style.description_width = width
    return aligned


def finite(points):
    """A float array with NaN where a value is not finite, so a diverging path draws as far as
    it went, silently (matplotlib skips NaN)."""
    points = np.array(points, dtype=np.float64)
    points[~np.isfinite(points)] = np.nan
    return points


# --- the numbers panel -------------------------------------------------------------------

def table(rows, header=None, title=None) -> str:
    """HTML for the numbers panel: ``rows`` of cells; numbers are formatted with ``fmt``."""
    def cell(value, tag="td"):
        text = fmt(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
            else html.escape(str(value))
        return f"<{tag} style='padding:1px 8px;text-align:right'>{text}</{tag}>"

    parts = [f"<b>{html.escape(title)}</b>"] if title else []
    parts.append("<table style='font-family:monospace'>")
    if header:
        parts.append("<tr>" + "".join(cell(h, "th") for h in header) + "</tr>")
    for row in rows:
        parts.append("<tr>" + "".join(cell(v) for v in row) + "</tr>")
    parts.append("</table>")
    return "".join(parts)


# --- closing ------------------------------------------------------------------------------

def _widgets_in(attributes):
    """The widgets among an object's public attributes, looking one level into dicts and
    lists (``controls`` is a dict of widgets); a figure contributes its canvas if that is one."""
    found = []
    for name, value in attributes.items():
        if name.startswith("_"):
            continue
        if isinstance(value, Figure):
            value = value.canvas
        values = value.values() if isinstance(value, dict) else \
            value if isinstance(value, (list, tuple)) else (value,)
        found += [v for v in values if isinstance(v, widgets.Widget)]
    return found


def _widget_tree(roots):
    """``roots`` and every widget they reach through their synced traits: the children of
    boxes, each widget's Layout and Style, the ipympl canvas's toolbar. Each one once."""
    seen, order, stack = set(), [], list(roots)
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        order.append(widget)
        for name in widget.keys:
            value = getattr(widget, name, None)
            for item in value if isinstance(value, (list, tuple)) else (value,):
                if isinstance(item, widgets.Widget):
                    stack.append(item)
    return order


# --- the base class ------------------------------------------------------------------------

class Explorer(widgets.VBox):
    """Figure and numbers side by side, controls underneath. See the module docstring."""

    #: Several panels side by side: under larger fonts the figure grows taller by the whole
    #: zoom even where the notebook column stops it growing wider (``nnviz.style.zoomed``).
    tall = False

    def __init__(self, controls, visible=None, canvas="auto", figsize=(6.4, 4.0),
                 layout="constrained"):
        self.controls = dict(controls)     # first, so close() finds them whatever fails next
        super().__init__()
        try:
            self._construct(visible, canvas, figsize, layout)
        except BaseException:
            # Bad input (e.g. an unknown name in controls=): close what was made, so no
            # widget stays registered with ipywidgets, then report the error.
            self.close()
            raise

    def _construct(self, visible, canvas, figsize, layout):
        shown = check_controls(visible, list(self.controls))
        self.interactive = _use_ipympl(canvas)
        # Bigger fonts (style "classroom") get a bigger figure, so the picture zooms as a
        # whole instead of its labels crowding into each other.
        figsize = style.zoomed(figsize, self.tall)   # never wider than the notebook column
        self.figure = new_figure(figsize, "ipympl" if self.interactive else "png",
                                 label=type(self).__name__, layout=layout)
        self.figure_widget = self.make_view()
        self.readout = widgets.HTML(layout=widgets.Layout(min_width="200px", margin="0 0 0 12px"))
        self._holding = 0

        self.build()
        self._start_animation()
        self.update()
        self._freeze_layout()
        self._background = None        # the layout pass drew without a real canvas
        self.draw()

        self._names = {id(w): n for n, w in self.controls.items()}
        for widget in self.controls.values():
            if "value" in widget.trait_names():
                widget.observe(self._on_change, names="value")
        self._shown = [self.controls[n] for n in shown]
        align_labels(self._shown)
        for widget in self._shown:   # a mode that shows other sliders aligns them again
            widget.layout.observe(lambda _: align_labels(self._shown), names="display")
        control_box = widgets.Box(
            [self.controls[n] for n in shown],
            layout=widgets.Layout(display="flex", flex_flow="row wrap", align_items="center"),
        )
        control_box.add_class("nnviz-controls")        # greyed after a restart (RESTART_CSS)
        # The numbers sit beside the figure, or drop below it when the page is too narrow
        # (a projector at low resolution, a side panel) instead of being cut off.
        picture = widgets.HBox([self.figure_widget, self.readout],
                               layout=widgets.Layout(flex_flow="row wrap"))
        # After a kernel restart the explorer says so in a sentence (see RESTART_CSS).
        restart_note = widgets.HTML(RESTART_CSS, layout=widgets.Layout(display="none"))
        self.add_class("nnviz-explorer")
        self.children = [picture, control_box, restart_note]

    # --- to override ---------------------------------------------------------------------
    def build(self):
        """Create the figure's axes and artists, once."""
        raise NotImplementedError

    def update(self):
        """Recompute from the controls' values and move the artists; set ``readout``."""
        raise NotImplementedError

    def make_view(self):
        """The widget that shows the picture: the ipympl canvas, or (fallback) a PNG Image.
        An explorer that paints in the browser (the playground) returns its own widget."""
        return self.figure.canvas if self.interactive else widgets.Image(format="png")

    def changed(self, name, change):
        """Called when control ``name`` changed, before the refresh. Override to react to one
        control, e.g. a mode switch that shows other sliders; control values set here are
        drawn in the same single refresh."""

    # --- provided ------------------------------------------------------------------------
    def value(self, name):
        """The current value of the control called ``name``."""
        return self.controls[name].value

    def values(self) -> dict:
        """Every control's current value, by name (widgets without a value are left out)."""
        return {n: w.value for n, w in self.controls.items() if "value" in w.trait_names()}

    #: Artists that move on every frame (an animation). On an ipympl canvas they are drawn
    #: over a cached picture of everything else, so a frame renders only them; the cache is
    #: rebuilt when :meth:`static_state` changes. Set in ``build``; empty: full redraws.
    animated = ()

    def static_state(self):
        """Anything whose change needs the still parts redrawn (axis limits, labels); compared
        with ``==`` before each frame. Override together with ``animated``."""
        return None

    def draw(self):
        """Put the current artists on screen."""
        if self.interactive:
            canvas = self.figure.canvas
            if getattr(canvas, "syncing_data_url", False):
                # No browser view yet. A draw now would store the image in _data_url
                # without its "data:image/png;base64," prefix (ipympl 0.10), the page
                # fails to load it and the canvas stays 0x0 for good. draw_idle() leaves
                # the first draw to the view, which asks for one when it starts.
                canvas.draw_idle()
                return
            if self.animated and getattr(self, "_background", None) is not None \
                    and self.static_state() == self._static:
                # Only the moving parts: paste the cached still picture, draw them on it.
                canvas.restore_region(self._background)
                self._draw_animated()
                canvas.blit(self.figure.bbox)
            else:
                # canvas.draw() renders now and pushes the image; draw_idle() would first
                # ask the browser to ask back for a draw. Measured slider -> screen:
                # 124 ms median with draw() against 180 ms with draw_idle().
                canvas.draw()
        else:
            buffer = io.BytesIO()
            self.figure.canvas.print_png(buffer)
            self.figure_widget.value = buffer.getvalue()

    def _start_animation(self):
        """Mark ``animated`` artists (ipympl only) and cache the still picture after each full draw."""
        self._background = None
        if not (self.interactive and self.animated):
            return
        for artist in self.animated:
            artist.set_animated(True)
        self.figure.canvas.mpl_connect("draw_event", self._on_full_draw)

    def _on_full_draw(self, event):
        # A full draw (ours, or one the browser asked for) skipped the animated artists:
        # keep that still picture, then draw them on top before the image is sent.
        canvas = self.figure.canvas
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._static = self.static_state()
        self._draw_animated()

    def _draw_animated(self):
        for artist in self.animated:
            if artist.get_visible():
                self.figure.draw_artist(artist)

    def refresh(self):
        """``update()`` then ``draw()``, unless inside ``hold()``."""
        if not self._holding:
            self.update()
            self.draw()

    @contextlib.contextmanager
    def hold(self):
        """Change many controls, refresh once at the end (e.g. a reset or preset button)."""
        self._holding += 1
        try:
            yield self
        finally:
            self._holding -= 1
            self.refresh()

    def close(self):
        """Close the explorer and every widget it made: the layout boxes, the controls (shown
        or hidden), the readout, the figure's widget, and their Layout and Style objects.

        Afterwards none of them is registered with ipywidgets, so nothing keeps the explorer
        or its figure alive. Safe to call twice, and on an explorer whose ``__init__`` raised
        (ipywidgets calls ``close`` again when it is garbage-collected).
        """
        for widget in _widget_tree([self, *_widgets_in(vars(self))]):
            if widget is not self:
                widget.close()
        super().close()

    def _on_change(self, change):
        with self.hold():  # whatever changed() sets, one refresh at the end
            self.changed(self._names[id(change["owner"])], change)

    def _freeze_layout(self):
        # Lay the figure out once, then keep those positions: a layout pass on every
        # slider move costs milliseconds and makes axes jump when tick labels change.
        if self.figure.get_layout_engine() is not None:
            self.figure.draw_without_rendering()
            self.figure.set_layout_engine("none")
