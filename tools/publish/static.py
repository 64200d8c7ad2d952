"""Static views of widgets: what an explorer shows, for a page with no kernel and no JavaScript.

An ipympl figure is drawn by the kernel: in a page without one its canvas stays blank. While
a notebook is executed (``execute.py``), a last cell renders every live ipympl canvas to PNG
and stores it as the canvas's ``_data_url`` (the trait ipympl itself uses for embedding).
Here each widget output gets the PNGs of the figures in its widget tree (ipympl canvases,
``ipywidgets.Image`` in nnviz's PNG fallback, the painted playground's still) and the values
of its controls, which the templates (tools/templates/nnviz_figures.html.j2) draw inside the
widget's own box.
"""
from __future__ import annotations

from .slides import _png_size

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _refs(value):
    """Model ids referenced anywhere in a widget's state (children, toolbar, ...)."""
    if isinstance(value, str) and value.startswith("IPY_MODEL_"):
        yield value[len("IPY_MODEL_"):]
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _refs(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _refs(item)


def _figure_of(model) -> str | None:
    """A data URL for a model that is a figure: an ipympl canvas, a PNG Image widget, or the
    playground painted in the page (its still figure, ``still_png``)."""
    state = model.get("state", {})
    if model.get("model_name") == "AnyModel" and str(state.get("still_png", "")).startswith("data:"):
        return state["still_png"]
    if model.get("model_name") == "MPLCanvasModel":
        url = state.get("_data_url")
        if url:
            return url if url.startswith("data:") else "data:image/png;base64," + url
    elif model.get("model_name") == "ImageModel" and state.get("format", "png") == "png":
        for buffer in model.get("buffers", []):
            if buffer.get("path") == ["value"] and buffer.get("encoding", "base64") == "base64":
                return "data:image/png;base64," + buffer["data"]
        if isinstance(state.get("value"), str) and state["value"]:
            return "data:image/png;base64," + state["value"]
    return None


def _control_text(model) -> str | None:
    """``"w = 1.2"`` for a slider, dropdown, checkbox... in a widget tree, else None."""
    name, state = model.get("model_name", ""), model.get("state", {})
    label = (state.get("description") or "").strip()
    if name in _CONTROLS_WITH_INDEX:
        labels, index = state.get("_options_labels") or [], state.get("index")
        if isinstance(index, int) and 0 <= index < len(labels):
            return f"{label} = {labels[index]}" if label else str(labels[index])
    elif name in _CONTROLS_WITH_VALUE and "value" in state:
        value = state["value"]
        if isinstance(value, float):
            value = f"{value:.4g}"
        elif isinstance(value, list):
            value = " – ".join(f"{v:.4g}" if isinstance(v, float) else str(v) for v in value)
        return f"{label} = {value}" if label else str(value)
    return None


_CONTROLS_WITH_VALUE = {"FloatSliderModel", "IntSliderModel", "FloatLogSliderModel",
                        "FloatRangeSliderModel", "IntRangeSliderModel", "CheckboxModel",
                        "ToggleButtonModel", "BoundedFloatTextModel", "BoundedIntTextModel",
                        "FloatTextModel", "IntTextModel", "TextModel"}
_CONTROLS_WITH_INDEX = {"DropdownModel", "RadioButtonsModel", "ToggleButtonsModel",
                        "SelectionSliderModel", "SelectModel"}


def static_view(model_id: str, models: dict, alts: dict | None = None) -> dict:
    """What a widget tree shows, for a page without JavaScript, in display order.

    ``{"figures": [{"src": data URL, "width": px}], "controls": ["w = 1", ...]}``.
    """
    figures, controls, seen, stack = [], [], set(), [model_id]
    while stack:
        mid = stack.pop()
        if mid in seen or mid not in models:
            continue
        seen.add(mid)
        model = models[mid]
        src = _figure_of(model)
        if src:
            state = model.get("state", {})
            size = state.get("_size") or [state.get("width") or 0, 0]
            if model.get("model_name") == "MPLCanvasModel":
                # the snapshot's own width (a tight box may be wider than the canvas)
                size = [_png_size(src.split(",", 1)[1])[0] or (size[0] if size else 0)]
            figures.append({"src": src, "width": int(size[0]) if size and size[0] else None,
                            "alt": (alts or {}).get(mid, "")})
            continue
        text = _control_text(model)
        if text:
            controls.append(text)
        # children first to last: push reversed so the first child is handled first
        stack.extend(reversed(list(_refs(model.get("state", {})))))
    return {"figures": figures, "controls": controls}


def static_figures(model_id: str, models: dict) -> list[dict]:
    """The figures in a widget tree, in display order: [{"src": data URL, "width": px}]."""
    return static_view(model_id, models)["figures"]


def add_static_figures(nb) -> int:
    """Give every widget output with a figure its PNGs and control values.

    They go to the output's ``metadata.nnviz`` (``static_figures``, ``static_controls``),
    which the nnviz templates draw inside the widget's box. Returns the number of figures.
    """
    models = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    alts = nb.metadata.get("nnviz_publish", {}).get("alts", {})
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if not view:
                continue
            static = static_view(view["model_id"], models, alts)
            if static["figures"]:
                meta = output.setdefault("metadata", {}).setdefault("nnviz", {})
                meta["static_figures"] = static["figures"]
                meta["static_controls"] = static["controls"]
                count += len(static["figures"])
    return count
