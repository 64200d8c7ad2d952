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
