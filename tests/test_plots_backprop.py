"""BackpropDiagram / backprop_diagram (nnviz/_plots_backprop.py): the figure shows what
BackpropSteps computed, on the right edge and node, step by step."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnviz  # noqa: E402
from nnviz import plots  # noqa: E402
from nnviz.backprop import BackpropSteps, StepKind  # noqa: E402


def _texts(diagram):
    d = diagram.diagram
    return {"w1": d.weight_texts[0].get_text(), "h1": d.node_texts["h1"].get_text(),
            "b1": d.bias_texts[0].get_text(), "header": diagram.header.get_text(),
            "formula": diagram.formula.get_text(), "numbers": diagram.numbers.get_text(),
            "loss": diagram.loss_text.get_text()}


def test_w1_edge_shows_the_right_text_at_every_step():
    steps = BackpropSteps()
    k_w1 = steps.index(StepKind.BACKWARD, "w1")
    ax = plt.figure().add_subplot()
    diagram = plots.BackpropDiagram(ax)
    for k in range(len(steps)):
        t = _texts(diagram.update(steps, k))
        if k < k_w1:
            assert t["w1"] == "w1 = 1", k
        elif k < len(steps) - 1:
            assert t["w1"] == "w1 = 1\n∂L/∂w1 = 0.0214695", k
        else:
            assert t["w1"] == "w1 = 1 → 0.989265\n∂L/∂w1 = 0.0214695"
        assert diagram.edge_marks[0].get_visible() == (k == k_w1), k
        assert t["header"].startswith(f"Step {k + 1} of 16")
        assert t["numbers"] == steps[k].numbers and t["formula"] == steps[k].formula
    plt.close("all")


def test_w1_step_text_equals_edge_and_network_gradients():
    steps = BackpropSteps()
    fig = plots.backprop_diagram()          # shows the w1 step by default
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    g = nnviz.Network.gradients(steps.network, np.array([[-2.0, -1.0]]), [1.0])[0][0, 0]
    assert f"{g:.6g}" == "0.0214695"
    assert "w1 = 1\n∂L/∂w1 = 0.0214695" in texts
    assert "∂L/∂w1 = (−0.9526) × 0.2494 × (−0.09035) = 0.0214695" in texts
    assert "Step 10 of 16 · backward pass: ∂L/∂w1" in texts
    plt.close(fig)


def test_forward_steps_write_node_values_and_mark_the_node():
    steps = BackpropSteps()
    diagram = plots.BackpropDiagram(plt.figure().add_subplot())
    diagram.update(steps, 0)
    assert diagram.diagram.node_texts["h1"].get_text() == "h1"
    assert diagram.diagram.node_texts["x1"].get_text() == "x1\n-2"
    diagram.update(steps, 1)
    assert diagram.diagram.node_texts["h1"].get_text() == "h1\n0.0474"
    assert diagram.diagram.node_texts["o1"].get_text() == "o1"
    assert diagram.node_marks["h1"].get_visible() and not diagram.node_marks["h2"].get_visible()
    diagram.update(steps, steps.index("loss"))
    assert diagram.loss_text.get_text() == "L = 0.226866"
    diagram.update(steps, len(steps) - 1)
    assert diagram.loss_text.get_text() == "y_pred = 0.523695 → 0.554079\nL = 0.226866 → 0.198846"
    plt.close("all")


def test_update_step_moves_edge_widths_with_the_weights():
    net = nnviz.Network([2, 2, 1], seed=1)
    steps = BackpropSteps(net, (1.0, -2.0), 0.0, learn_rate=5.0)
    diagram = plots.BackpropDiagram(plt.figure().add_subplot())
    diagram.update(steps, 0)
    before = [e.get_linewidth() for e in diagram.diagram.edges]
    diagram.update(steps, len(steps) - 1)
    after = [e.get_linewidth() for e in diagram.diagram.edges]
    assert before != after
    plt.close("all")


def test_static_figure_fits_the_notebook_column():
    fig = plots.backprop_diagram(step=0)
    assert fig.get_size_inches()[0] <= plots.MAX_FIGURE_WIDTH
    plt.close(fig)


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="step must be a whole number of at most 15"):
        plots.backprop_diagram(step=16)
    with pytest.raises(TypeError, match="network must be an nnviz.Network"):
        plots.backprop_diagram(network=[2, 2, 1])
    with pytest.raises(TypeError, match="ax must be"):
        plots.backprop_diagram(ax="axes")
    diagram = plots.BackpropDiagram(plt.figure().add_subplot())
    with pytest.raises(TypeError, match="steps must be an nnviz.backprop.BackpropSteps"):
        diagram.update("steps", 0)
    with pytest.raises(ValueError, match=r"steps must be for a network with layer sizes \[2, 2, 1\]"):
        diagram.update(BackpropSteps(nnviz.Network([2, 3, 1], seed=0), (0.0, 1.0), 1.0), 0)
    plt.close("all")


def test_docstrings_give_formula_and_notebook():
    import nnviz._plots_backprop as module
    for name in module.__all__:
        doc = getattr(module, name).__doc__
        assert "05_backprop" in doc and "partial L" in doc, name


@pytest.mark.parametrize("setting", ["notebook", "classroom"])
def test_every_label_inside_the_figure_and_the_text_lines_apart(setting):
    from nnviz import style
    with style.context(setting):
        for step in (9, 15):
            fig = plots.backprop_diagram(step=step)
            fig.canvas.draw()
            renderer = fig.canvas.get_renderer()
            box = fig.bbox
            diagram_texts = [t for t in fig.axes[0].texts if t.get_text()]
            for t in diagram_texts:
                e = t.get_window_extent(renderer)
                assert box.x0 <= e.x0 and e.x1 <= box.x1 and box.y0 <= e.y0 and e.y1 <= box.y1, \
                    (setting, step, t.get_text())
            header, rate = (t for t in diagram_texts if t.get_text().startswith(("Step ", "learn_rate")))
            assert not header.get_window_extent(renderer).overlaps(rate.get_window_extent(renderer))
            plt.close(fig)


def test_classroom_style_draws_the_labels_larger_than_the_notebook_style():
    """Readable from the back of a hall: larger than the notebook's, capped where it fits."""
    from nnviz import style
    sizes = {}
    for setting in ("notebook", "classroom"):
        with style.context(setting):
            fig = plots.backprop_diagram()
            sizes[setting] = max(t.get_fontsize() for t in fig.axes[0].texts)
            plt.close(fig)
    assert sizes["classroom"] >= 1.2 * sizes["notebook"]
