"""BackpropExplorer (nnviz/_widgets_backprop.py): press next/back, move the step slider and
learn_rate, read the figure; the explorer draws what the still figure draws."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import nnviz  # noqa: E402
from nnviz import plots, widgets  # noqa: E402
from nnviz.backprop import BackpropSteps, StepKind  # noqa: E402


@pytest.fixture
def explorer():
    e = widgets.backprop_explorer(canvas="png")
    yield e
    e.close()


def _all_texts(ax):
    return sorted(t.get_text() for t in ax.texts if t.get_visible())


def test_next_and_back_walk_the_steps(explorer):
    assert explorer.k == 0 and explorer.controls["back"].disabled
    assert "step 1 of 16" in explorer.readout.value
    for _ in range(9):
        explorer.controls["next"].click()
    assert explorer.k == 9 and explorer.controls["step"].value == 10
    assert explorer.diagram.diagram.weight_texts[0].get_text() == "w1 = 1\n∂L/∂w1 = 0.0214695"
    assert "step 10 of 16" in explorer.readout.value
    assert "next: backward pass: ∂L/∂w2" in explorer.readout.value
    explorer.controls["back"].click()
    assert explorer.k == 8
    assert explorer.diagram.diagram.weight_texts[0].get_text() == "w1 = 1"
    for _ in range(20):
        explorer.next()
    assert explorer.k == 15 and explorer.controls["next"].disabled
    assert "the loss for this example falls" in explorer.readout.value


def test_explorer_draws_what_the_still_figure_draws(explorer):
    for k in (0, 3, 9, 15):
        explorer.go(k)
        fig = plots.backprop_diagram(step=k)
        assert _all_texts(explorer.figure.axes[0]) == _all_texts(fig.axes[0]), k
        widths = [e.get_linewidth() for e in explorer.diagram.diagram.edges]
        assert widths == [e.get_linewidth() for e in fig.axes[0].lines[:6]]
        plt.close(fig)


def test_learn_rate_changes_the_update_step(explorer):
    explorer.go(15)
    explorer.controls["learn_rate"].value = 2.0
    steps = BackpropSteps(learn_rate=2.0)
    assert explorer.steps.learn_rate == 2.0
    assert explorer.diagram.diagram.weight_texts[0].get_text().startswith(
        f"w1 = 1 → {steps.params_after['w1']:.6g}")
    assert "η = 2" in explorer.diagram.formula.get_text()


def test_learn_rate_slider_shows_what_the_steps_use(explorer):
    assert explorer.controls["learn_rate"].value == 0.5 == explorer.steps.learn_rate
    assert explorer.diagram.rate_text.get_text() == "learn_rate η = 0.5 (for step 16)"
    explorer.controls["learn_rate"].value = 0.51       # at step 1 too, the figure says so
    assert explorer.diagram.rate_text.get_text() == "learn_rate η = 0.51 (for step 16)"
    explorer.go(15)
    explorer.controls["learn_rate"].value = 0.30000000000000004   # a snapped slider value
    assert explorer.steps.learn_rate == 0.3
    assert "η = 0.3" in explorer.diagram.formula.get_text()
    assert explorer.diagram.numbers.get_text().startswith("w1 ← 1 − 0.3 × 0.02147 = ")


def test_a_too_big_step_is_said_in_words():
    # A linear output and η = 10: the step overshoots and the loss grows.
    net = nnviz.Network([2, 2, 1], output_activation="linear", seed=0)
    steps = BackpropSteps(net, (1.0, 1.0), 0.0, learn_rate=10)
    assert steps.loss_after > steps.loss_before
    e = widgets.backprop_explorer(net, (1.0, 1.0), 0.0, learn_rate=10, step=len(steps) - 1, canvas="png")
    try:
        assert "does not fall: this step was too big" in e.readout.value
        e.controls["learn_rate"].value = 0.01
        assert "the loss for this example falls" in e.readout.value
    finally:
        e.close()


def test_png_image_is_drawn(explorer):
    assert explorer.figure_widget.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_bad_input_is_refused_with_a_clear_message(explorer):
    with pytest.raises(ValueError, match="k must be a whole number of at most 15"):
        explorer.go(16)
    with pytest.raises(ValueError, match="step must be a whole number of at most 15"):
        widgets.backprop_explorer(step=99, canvas="png")
    with pytest.raises(ValueError, match="learn_rate must be a number from 0.01 to 10"):
        widgets.backprop_explorer(learn_rate=50, canvas="png")
    with pytest.raises(ValueError, match="controls"):
        widgets.backprop_explorer(controls=["nope"], canvas="png")


def test_teacher_mode_hides_controls():
    e = widgets.backprop_explorer(controls=["next", "back"], canvas="png")
    try:
        shown = e.children[1].children
        assert list(shown) == [e.controls["back"], e.controls["next"]]
        e.controls["learn_rate"].value = 1.0          # hidden, still works
        assert e.steps.learn_rate == 1.0
    finally:
        e.close()


def test_docstrings_give_formula_and_notebook():
    import nnviz._widgets_backprop as module
    for name in module.__all__:
        doc = getattr(module, name).__doc__
        assert "05_backprop" in doc and "partial L" in doc, name
    assert StepKind.UPDATE.value == "update"
