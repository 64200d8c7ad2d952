"""Code that runs inside the notebook's kernel while tools/publish executes a notebook.

It is never imported by the builder: ``execute.py`` sends this file's text as an extra first
cell (which describes every matplotlib figure in words and, for slides, switches to the
classroom style), and a last cell calls :func:`_nnviz_publish_snapshot`. Both cells are
removed from the executed notebook. It lives in a real ``.py`` file so that linters and
readers see it as Python. Imports sit inside the functions, so the learner's namespace gets
nothing but these three names, and the last cell deletes them.
"""

def _nnviz_describe(fig):
    """Describe a matplotlib figure in words: its titles, axis labels and legends (alt text)."""
    def clean(text):
        return " ".join(str(text).replace("$", "").split())
    parts = []
    title = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else ""
    if title:
        parts.append(clean(title))
    panels = [ax for ax in fig.axes if ax.get_visible() and (ax.has_data() or ax.texts)]
    for n, ax in enumerate(panels, 1):
        bits = []
        if ax.get_title():
            bits.append(clean(ax.get_title()))
        if ax.get_xlabel():
            bits.append("across: " + clean(ax.get_xlabel()))
        if ax.get_ylabel():
            bits.append("up: " + clean(ax.get_ylabel()))
        legend = ax.get_legend()
        if legend is not None:
            names = [clean(t.get_text()) for t in legend.get_texts() if t.get_text()]
            if names:
                bits.append("showing " + ", ".join(names))
        if not bits or not (ax.get_title() or ax.get_xlabel() or ax.get_ylabel()):
            words = [clean(t.get_text()) for t in ax.texts if t.get_visible() and t.get_text().strip()]
            if words:
                bits.append("a diagram labelled " + ", ".join(dict.fromkeys(words[:10])))
        if bits:
            parts.append(("panel %d: " % n if len(panels) > 1 else "") + "; ".join(bits))
    if not parts:
        return "A figure with %d panel(s) and no titles." % len(panels)
    return "Figure. " + ". ".join(parts) + "."


def _nnviz_publish_setup(style=None):
    """Make every figure's text/plain form its description and its PNG hold all its text
    (a tight box: larger classroom fonts must not cut axis labels); optionally set a style."""
    from IPython import get_ipython
    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure

    formatters = get_ipython().display_formatter.formatters
    formatters["text/plain"].for_type(Figure, lambda fig, p, cycle: p.text(_nnviz_describe(fig)))
    formatters["image/png"].for_type(Figure, lambda fig: print_figure(fig, "png", bbox_inches="tight"))
    if style:
        import nnviz.style
        nnviz.style.use(style)


def _nnviz_publish_snapshot():
    """Render every live ipympl canvas (and the painted playground) to a PNG data URL kept in
    its widget state, describe it, and print which Python ran the kernel, as JSON."""
    import base64
    import io
    import json
    import sys

    from ipywidgets.widgets import widget as _widget
    try:
        from ipympl.backend_nbagg import Canvas
    except ImportError:
        Canvas = None
    instances = getattr(_widget, "_instances", None)   # ipywidgets 8.1+; older: Widget.widgets
    if instances is None:
        instances = getattr(_widget.Widget, "widgets", {})
    count, alts = 0, {}
    for w in list(instances.values()):
        if Canvas is not None and isinstance(w, Canvas) and getattr(w, "figure", None) is not None:
            buffer = io.BytesIO()
            # a tight box: text a larger style pushes past the canvas edge is kept
            w.figure.savefig(buffer, format="png", bbox_inches="tight")
            w._data_url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
            alts[w.model_id] = _nnviz_describe(w.figure)
            count += 1
        elif callable(getattr(w, "still", None)):
            # The playground painted in the page (nnviz/_paint.py): its matplotlib figure.
            figure = w.still()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", bbox_inches="tight")
            w.still_png = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
            alts[w.model_id] = _nnviz_describe(figure)
            count += 1
    print(json.dumps({"prefix": sys.prefix, "canvases": count, "alts": alts}))
