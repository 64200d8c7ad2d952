"""The Explorer base: close() closes every widget an explorer made, even a half-built one.

An open widget stays registered with ipywidgets (``ipywidgets.widgets.widget._instances``)
and keeps whatever it observes alive: an explorer's controls, the explorer and its figure.
"""
import gc
import sys
import weakref



import pytest
from ipywidgets.widgets.widget import _instances

from nnviz import widgets

#: Every explorer function nnviz.widgets exports (a new one is covered without listing it),
#: and the network explorer's XOR mode, which builds other widgets.
EXPLORERS = {name: getattr(widgets, name) for name in widgets.__all__ if name[0].islower()}
EXPLORERS["network_explorer(xor)"] = lambda **kw: widgets.network_explorer(mode="xor", **kw)
CANVASES = ["ipympl", "png"]


@pytest.fixture
def unraisable(monkeypatch):
    """Errors raised where nobody can catch them (``__del__`` during garbage collection)."""
    caught = []
    monkeypatch.setattr(sys, "unraisablehook", caught.append)
    return caught


def _new_widgets(before):
    return sorted(type(_instances[k]).__name__ for k in set(_instances) - before)


@pytest.mark.parametrize("canvas", CANVASES)
@pytest.mark.parametrize("kind", sorted(EXPLORERS))
def test_close_leaves_no_widget_registered(kind, canvas):
    before = set(_instances)
    explorer = EXPLORERS[kind](canvas=canvas)
    made = set(_instances) - before
    # boxes, controls, readout, figure widget and their Layouts and Styles all registered
    assert {"HBox", "Box", "HTML", "Layout"} <= {type(_instances[k]).__name__ for k in made}
    figure = weakref.ref(explorer.figure)
    explorer.close()
    assert _new_widgets(before) == []
    explorer.close()                    # twice is harmless
    del explorer
    gc.collect()
    assert figure() is None             # nothing kept the explorer or its figure alive


@pytest.mark.parametrize("kind", sorted(EXPLORERS))
def test_failed_construction_leaves_nothing_and_collects_quietly(kind, unraisable, recwarn):
    before = set(_instances)
    with pytest.raises(ValueError, match="controls must be one of"):
        EXPLORERS[kind](controls=["no such control"], canvas="png")
    gc.collect()
    assert _new_widgets(before) == []
    assert unraisable == []
    assert len(recwarn) == 0


@pytest.mark.parametrize("make", [
    lambda: widgets.descent_explorer("circle", canvas="png"),          # before the base ran
    lambda: widgets.training_playground(hidden="4, x", canvas="png"),
    lambda: widgets.gradient_explorer(param="w7", canvas="png"),
    lambda: widgets.loss_explorer(predictions=(0, 1), canvas="png"),
])
def test_bad_arguments_before_the_base_leave_nothing(make, unraisable, recwarn):
    before = set(_instances)
    with pytest.raises(ValueError):
        make()
    gc.collect()
    assert _new_widgets(before) == []
    assert unraisable == []
    assert len(recwarn) == 0


# --- learner findings of 5 December 2026 --------------------------------------------------

@pytest.mark.parametrize("kind", sorted(EXPLORERS))
def test_no_toolbar_over_the_y_axis_label(kind):
    # ipympl's toolbar fades in over the figure's left edge, on the y-axis label.
    explorer = EXPLORERS[kind](canvas="ipympl")
    try:
        if hasattr(explorer.figure.canvas, "toolbar_visible"):
            assert explorer.figure.canvas.toolbar_visible in (False, "hidden")
    finally:
        explorer.close()


def _label_widths(explorer):
    from nnviz._explorer import CELL_WIDTH, MAX_ALIGNED_LABEL
    from ipywidgets import FloatLogSlider, FloatSlider, IntSlider
    cells = [w for w in explorer.controls.values()
             if isinstance(w, (FloatSlider, FloatLogSlider, IntSlider))
             and w.layout.width == CELL_WIDTH and w.layout.display != "none"]
    # A label longer than MAX_ALIGNED_LABEL keeps its own width, so its track stays usable.
    assert all(w.style.description_width in ("", "initial") for w in cells
               if len(w.description) > MAX_ALIGNED_LABEL)
    return {w.description: w.style.description_width for w in cells
            if len(w.description) <= MAX_ALIGNED_LABEL}


@pytest.mark.parametrize("kind", sorted(EXPLORERS))
def test_slider_tracks_start_at_one_x_in_the_grid(kind):
    # 01 and 04: labels of different length started the tracks at different x.
    explorer = EXPLORERS[kind](canvas="png")
    try:
        widths = _label_widths(explorer)
        assert len(set(widths.values())) <= 1, widths
        longest = max(map(len, widths), default=0)
        assert set(widths.values()) <= {f"{longest + 1}ch"}
        # a dropdown keeps its own label width: its box must not shrink and cut its text
        dropdowns = [w for w in explorer.controls.values() if type(w).__name__ == "Dropdown"]
        assert all(w.style.description_width == "initial" for w in dropdowns)
    finally:
        explorer.close()


def test_a_mode_switch_aligns_the_sliders_it_shows():
    explorer = widgets.loss_explorer(canvas="png")
    try:
        assert set(_label_widths(explorer).values()) == {"3ch"}          # w1 ... b3
        explorer.controls["mode"].value = "predictions"
        widths = _label_widths(explorer)
        assert set(widths) == {"y_pred Alice", "y_pred Bob", "y_pred Charlie", "y_pred Diana"}
        assert set(widths.values()) == {"15ch"}                          # "y_pred Charlie" + 1
    finally:
        explorer.close()


def test_dead_controls_look_dead_after_a_restart():
    from nnviz._explorer import RESTART_CSS, RESTART_SENTENCE
    dead = ".nnviz-explorer.jupyter-widgets-disconnected"
    assert RESTART_SENTENCE in RESTART_CSS                      # the sentence stays
    rules = dict(rule.split("{", 1) for rule in
                 RESTART_CSS.removeprefix("<style>").removesuffix("</style>").split("}") if rule)
    greyed = next(body for sel, body in rules.items()
                  if f"{dead} .nnviz-controls .widget-inline-hbox" in sel)
    assert "pointer-events:none" in greyed and "opacity:0.45" in greyed
    hidden = next(body for sel, body in rules.items()
                  if f"{dead} .jupyter-widgets-disconnected::before" in sel)
    assert "display:none" in hidden                             # no red broken-link icon
    # the explorer and its controls box carry the classes those selectors need (the
    # picture and the numbers panel stay as they were)
    explorer = widgets.descent_explorer(canvas="png")
    try:
        assert "nnviz-explorer" in explorer._dom_classes
        boxes = [c for c in explorer.children if "nnviz-controls" in c._dom_classes]
        assert len(boxes) == 1 and explorer.controls["learn_rate"] in boxes[0].children
        assert explorer.readout not in boxes[0].children
    finally:
        explorer.close()


def test_a_long_label_does_not_shrink_the_grids_tracks():
    # 07's playground: "regularization rate" gave every slider of the grid a 20ch label and
    # left learn_rate, noise and test share with tracks a few pixels long.
    from nnviz._explorer import MAX_ALIGNED_LABEL
    playground = widgets.training_playground(canvas="png")
    try:
        widths = _label_widths(playground)
        assert widths, "the playground has aligned sliders"
        assert all(int(w.removesuffix("ch")) <= MAX_ALIGNED_LABEL + 1 for w in widths.values()), widths
    finally:
        playground.close()
