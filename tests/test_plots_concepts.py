"""Concept figures show the core's own numbers: activations, neuron, network, people, loss, XOR."""


import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Circle

import nnviz
from nnviz import plots, style
from nnviz.style import fmt


@pytest.fixture(autouse=True)
def _never_show(monkeypatch):
    # A figure helper must never show anything itself (tests/conftest.py closes the figures).
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("plt.show was called"))


def hexes(lines):
    return [to_hex(line.get_color()).upper() for line in lines]


# --- activation_curves -------------------------------------------------------------------

def test_activation_curves_draw_each_function_and_its_dashed_derivative():
    z = np.linspace(-4, 4, 81)
    fig = plots.activation_curves(z=z)
    assert isinstance(fig, Figure)
    # One panel per function, so no curve hides under another (ReLU under linear).
    assert len(fig.axes) == 4 and fig.get_figwidth() <= plots.MAX_FIGURE_WIDTH
    lines = []
    for ax, name in zip(fig.axes, ("sigmoid", "tanh", "relu", "linear")):
        panel = [l for l in ax.lines if len(l.get_xdata()) == z.size]
        assert len(panel) == 2
        curve, slope = panel
        act = nnviz.get_activation(name)
        np.testing.assert_allclose(curve.get_ydata(), act.function(z))
        np.testing.assert_allclose(slope.get_ydata(), act.derivative(z))
        assert slope.get_linestyle() == "--" and curve.get_linestyle() == "-"
        assert curve.get_color() == slope.get_color()
        assert ax.get_title().startswith(name)
        lines += panel
    assert len(set(hexes(lines[0::2]))) == 4  # one colour per function


def test_activation_curves_overlaid_into_one_given_axes_have_a_legend():
    fig, ax = plt.subplots()
    plots.activation_curves(("sigmoid", "tanh"), ax=ax)
    assert len([l for l in ax.lines if len(l.get_xdata()) > 2]) == 4
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "σ(z)" in labels and "σ'(z)" in labels


def test_activation_curves_without_derivatives_into_given_axes():
    fig, ax = plt.subplots()
    assert plots.activation_curves("relu", derivatives=False, ax=ax) is fig
    visible = [l for l in ax.lines if l.get_visible() and len(l.get_xdata()) > 2]
    assert len(visible) == 1
    np.testing.assert_allclose(visible[0].get_ydata(), nnviz.relu(visible[0].get_xdata()))


def test_activation_curves_refuses_unknown_name():
    with pytest.raises(ValueError, match=r"names must be one of .*'sigmoid'.*got 'sigmod'"):
        plots.activation_curves(("sigmod",))


def test_activation_curve_update_is_in_place_with_chain_rule_slope():
    fig, ax = plt.subplots()
    curve = plots.ActivationCurve(ax, "sigmoid")
    line, slope = curve.line, curve.slope
    curve.update("tanh", w=2.0, b=-1.0)
    assert curve.line is line and curve.slope is slope and len(ax.lines) == 2
    u = 2.0 * curve.z - 1.0
    np.testing.assert_allclose(line.get_ydata(), np.tanh(u))
    np.testing.assert_allclose(slope.get_ydata(), 2.0 * nnviz.tanh_derivative(u))


# --- neuron ------------------------------------------------------------------------------

def _texts(ax):
    return [t.get_text() for t in ax.texts]


def test_neuron_diagram_shows_the_article_example_with_numbers():
    fig = plots.neuron_diagram([0, 1], 4, x=[2, 3])
    ax = fig.axes[0]
    texts = _texts(ax)
    assert "y = σ(0·2 + 1·3 + 4) = σ(7) = 0.999" in texts
    assert "w1 = 0" in texts and "w2 = 1" in texts and "b = 4" in texts
    assert "x1\n2" in texts and "x2\n3" in texts
    y = nnviz.Neuron([0, 1], 4).feedforward([2, 3])
    assert f"y\n{fmt(y, 3)}" in texts and "z = 7" in texts


def test_neuron_diagram_edges_colour_sign_and_width_magnitude():
    fig, ax = plt.subplots()
    diagram = plots.NeuronDiagram(ax)
    diagram.update([-3.0, 0.5], 1.0, [1.0, 1.0], "tanh")
    (neg, pos) = diagram.edges
    assert hexes([neg, pos]) == [style.NEGATIVE, style.POSITIVE]
    assert neg.get_linewidth() > pos.get_linewidth()
    edges = list(diagram.edges)
    diagram.update([0.0, 4.0], 1.0, [1.0, 1.0], "tanh")
    assert diagram.edges == edges  # same artists, moved
    assert hexes(edges) == [style.GREY.upper(), style.POSITIVE]
    assert diagram.y == pytest.approx(np.tanh(5.0))
    assert diagram.act_text.get_text() == "tanh"


def test_neuron_diagram_accepts_a_neuron_and_leaves_unknown_inputs_symbolic():
    neuron = nnviz.Neuron([2, -1, 0.5], -4, "linear")
    fig = plots.neuron_diagram(neuron)
    texts = _texts(fig.axes[0])
    assert "y = 2·x1 + (-1)·x2 + 0.5·x3 + (-4)" in texts
    assert "x3" in texts and "y" in texts


def test_neuron_diagram_needs_bias_with_plain_weights():
    with pytest.raises(TypeError, match="bias must be a number"):
        plots.neuron_diagram([0, 1])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-50, 50), min_size=2, max_size=2), st.floats(-50, 50),
       st.lists(st.floats(-50, 50), min_size=2, max_size=2),
       st.sampled_from(nnviz.ACTIVATION_NAMES))
def test_neuron_formula_ends_with_the_core_output(weights, bias, x, activation):
    text = plots.neuron_formula(weights, bias, x, activation)
    neuron = nnviz.Neuron(weights, bias, activation)
    assert text.endswith(f"= {fmt(neuron.feedforward(x), 3)}")
    assert f"({fmt(neuron.weighted_sum(x), 3)})" in text or activation == "linear"


# --- network -----------------------------------------------------------------------------

def test_network_diagram_labels_nodes_with_the_forward_pass(article_network):
    net = article_network
    fig = plots.network_diagram(net, x=[2, 3])
    texts = _texts(fig.axes[0])
    _, acts = net._forward(np.array([[2.0, 3.0]]))
    h1, h2 = acts[1][0]
    o1 = acts[2][0, 0]
    assert o1 == pytest.approx(0.7216325609518421)
    for label in ("x1\n2", "x2\n3", f"h1\n{fmt(h1, 3)}", f"h2\n{fmt(h2, 3)}", f"o1\n{fmt(o1, 3)}"):
        assert label in texts
    for k, w in enumerate([0, 1, 0, 1, 0, 1]):
        assert f"w{k + 1} = {w}" in texts
    assert {"b1 = 0", "b2 = 0", "b3 = 0"} <= set(texts)


def test_network_diagram_edges_follow_the_article_numbering(article_network):
    net = article_network
    net.params[0][1, 0] = -2.5   # w3: x1 -> h2
    net.params[2][0, 1] = 4.0    # w6: h2 -> o1
    fig, ax = plt.subplots()
    diagram = plots.NetworkDiagram(ax)
    diagram.update(net, x=[1, 1])
    colours = hexes(diagram.edges)
    assert colours[2] == style.NEGATIVE and colours[5] == style.POSITIVE
    assert colours[0] == style.GREY.upper()
    widths = [e.get_linewidth() for e in diagram.edges]
    assert widths[5] > widths[2] > widths[1] > widths[0]   # |4| > |-2.5| > |1| > |0|
    # Edge w3 runs from x1 (top input) to h2 (bottom hidden node).
    (x0, x1), (y0, y1) = diagram.edges[2].get_xdata(), diagram.edges[2].get_ydata()
    assert x0 < x1 and y0 > y1


def test_network_diagram_shows_gradients_from_backprop(article_network):
    net = article_network
    fig = plots.network_diagram(net, x=[2, 3], y=1.0, show_gradients=True)
    texts = "\n".join(_texts(fig.axes[0]))
    grads = net.gradients([2, 3], 1.0)
    dw = np.concatenate([grads[0].ravel(), grads[2].ravel()])
    db = np.concatenate([grads[1], grads[3]])
    for k, g in enumerate(dw):
        assert f"∂L/∂w{k + 1} = {fmt(g, 3)}" in texts
    for k, g in enumerate(db):
        assert f"∂L/∂b{k + 1} = {fmt(g, 3)}" in texts
    assert f"= {fmt(net.loss([2, 3], [1.0]), 3)}" in texts


def test_network_diagram_gradients_need_y(article_network):
    with pytest.raises(ValueError, match="show_gradients needs both x and y"):
        plots.network_diagram(article_network, x=[2, 3], show_gradients=True)


def test_network_diagram_any_layer_sizes():
    net = nnviz.Network([3, 4, 2, 2], seed=3)
    fig, ax = plt.subplots()
    diagram = plots.NetworkDiagram(ax, net.layer_sizes)
    diagram.update(net, x=[0.5, -1.0, 2.0])
    assert len(diagram.edges) == 3 * 4 + 4 * 2 + 2 * 2
    assert set(diagram.node_texts) == {"x1", "x2", "x3", "h1.1", "h1.2", "h1.3", "h1.4",
                                       "h2.1", "h2.2", "o1", "o2"}
    out = net.feedforward([0.5, -1.0, 2.0])
    assert diagram.node_texts["o2"].get_text() == f"o2\n{fmt(out[1], 3)}"
    assert not any(t.get_visible() for t in diagram.weight_texts)  # too many to label
    with pytest.raises(ValueError, match="network must have layer sizes"):
        diagram.update(nnviz.Network([2, 2, 1]))


def test_network_diagram_refuses_non_network():
    with pytest.raises(TypeError, match="network must be an nnviz.Network, got list"):
        plots.network_diagram([[1, 2]])


# --- people, loss, XOR -------------------------------------------------------------------

@pytest.mark.parametrize("shifted", [True, False])
def test_people_plot_places_each_person(shifted):
    fig = plots.people_plot(shifted=shifted)
    ax = fig.axes[0]
    X, y = nnviz.data.people(shifted=shifted)
    female, male = ax.lines[:2]
    np.testing.assert_array_equal(np.column_stack(female.get_data()), X[y == 1])
    np.testing.assert_array_equal(np.column_stack(male.get_data()), X[y == 0])
    assert female.get_marker() != male.get_marker()
    assert [t.get_text() for t in ax.texts] == ["Alice", "Bob", "Charlie", "Diana"]
    assert ("135" in ax.get_xlabel()) == shifted


def test_loss_plot_bars_are_predictions_and_squared_errors():
    _, y = nnviz.data.people()
    y_pred = np.array([0.2, 0.4, 0.7, 0.9])
    fig = plots.loss_plot(y, y_pred, names=["Alice", "Bob", "Charlie", "Diana"])
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    np.testing.assert_allclose(heights[:4], y_pred)
    np.testing.assert_allclose(heights[4:8], (y - y_pred) ** 2)
    expected = nnviz.mse(y, y_pred)
    mse_line = [l for l in ax.lines if l.get_linestyle() == "--"][0]
    assert mse_line.get_ydata()[0] == pytest.approx(expected)
    assert f"MSE = {fmt(expected, 3)}" in _texts(ax)


def test_loss_plot_article_example_and_bad_names():
    fig = plots.loss_plot([1, 0, 0, 1], [0, 0, 0, 0])
    assert "MSE = 0.5" in _texts(fig.axes[0])
    with pytest.raises(ValueError, match=r"names must hold one name per sample \(4\), got 2"):
        plots.loss_plot([1, 0, 0, 1], [0, 0, 0, 0], names=["a", "b"])


def test_xor_plot_checks_all_four_points(article_network):
    net = article_network
    fig, ax = plt.subplots()
    panel = plots.XorPanel(ax)
    n_right = panel.update(net)
    X, y = nnviz.data.xor_points()
    out = net.predict(X)
    np.testing.assert_allclose(panel.outputs, out)
    assert n_right == int(np.sum((out > 0.5) == (y == 1))) and not panel.solved
    net.params = [np.array([[10.0, 10.0], [-7.0, -7.0]]), np.array([-5.0, 10.0]),
                  np.array([[7.0, 7.0]]), np.array([-10.0])]
    assert panel.update(net) == 4 and panel.solved
    assert panel.title.get_text() == "XOR solved: all 4 right!"
    assert [t.get_text() for t in panel.texts] == [f"{fmt(o, 2)} ✓" for o in net.predict(X)]
    assert isinstance(plots.xor_plot(net), Figure)


def test_concept_exports_are_in_plots_and_documented():
    from nnviz import _plots_concepts

    for name in _plots_concepts.__all__:
        obj = getattr(plots, name)
        if callable(obj):
            assert obj.__doc__ and len(obj.__doc__) > 30, name


# --- pictures a teacher projects -----------------------------------------------------------

def test_figures_fit_the_notebook_column():
    wide = plots.network_diagram(nnviz.Network([3, 4, 4, 2], seed=0))
    assert wide.get_figwidth() <= plots.MAX_FIGURE_WIDTH
    fig, axes = plots.subplots(1, 2, figsize=(12, 4))
    assert fig.get_figwidth() == plots.MAX_FIGURE_WIDTH and len(axes) == 2
    assert fig.get_figheight() == pytest.approx(4 * plots.MAX_FIGURE_WIDTH / 12)


def test_network_diagram_never_prints_a_tiny_value_in_e_notation():
    net = nnviz.Network([2, 2, 1])
    net.params = [np.zeros((2, 2)), np.zeros(2), np.array([[-20.0, -20.0]]), np.array([0.0])]
    fig = plots.network_diagram(net, x=[2, 3])
    texts = _texts(fig.axes[0])
    assert "o1\n0.000" in texts and not any("e-" in t for t in texts)
    assert __import__("nnviz._plots_concepts")._plots_concepts.node_value(0.9526) == "0.953"


def test_biological_neuron_names_each_part_and_its_artificial_counterpart():
    fig = plots.biological_neuron()
    ax = fig.axes[0]
    text = " ".join(_texts(ax))
    for part in ("dendrites: receive", "cell body: combines", "axon: sends on", "terminals"):
        assert part in text
    assert "$x_i$" in text and "$f(z)$" in text and "$y$" in text
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    assert len(circles) == 2                       # the cell body and its nucleus
    assert fig.get_figwidth() <= plots.MAX_FIGURE_WIDTH
    assert not ax.images                           # drawn, not an image file


def test_relu_approximation_follows_z_squared_through_its_corners():
    fig = plots.relu_approximation(pieces=(2, 4, 8))
    ax = fig.axes[0]
    curves = [l for l in ax.lines if len(l.get_xdata()) == 401]
    z = curves[0].get_xdata()
    np.testing.assert_allclose(curves[0].get_ydata(), z ** 2)
    for line, pieces in zip(curves[1:], (2, 4, 8)):
        corners = np.linspace(-2, 2, pieces + 1)
        # The ReLU sum is the straight-line join of z² at the corners, and nothing else.
        np.testing.assert_allclose(line.get_ydata(), np.interp(z, corners, corners ** 2), atol=1e-12)
        assert f"{pieces} ReLU pieces: largest error {(4 / pieces / 2) ** 2:.3f}" in line.get_label()
    with pytest.raises((TypeError, ValueError), match="pieces"):
        plots.relu_approximation(pieces=0)


def test_xor_points_plot_marks_what_a_single_neuron_gets_wrong():
    fig = plots.xor_points_plot()
    ax = fig.axes[0]
    X, y = nnviz.data.xor_points()
    ones, zeros = ax.lines[:2]
    np.testing.assert_array_equal(np.column_stack(ones.get_data()), X[y == 1])
    np.testing.assert_array_equal(np.column_stack(zeros.get_data()), X[y == 0])
    for marker in (ones, zeros):
        assert to_hex(marker.get_markeredgecolor()) == "#000000" and marker.get_markersize() >= 16
    assert sorted(t.get_text() for t in ax.texts) == ["(0, 0) → 0", "(0, 1) → 1", "(1, 0) → 1",
                                                       "(1, 1) → 0"]
    neuron = nnviz.Network([2, 1])
    neuron.params = [np.array([[1.0, 1.0]]), np.array([-0.5])]      # an OR: (1, 1) is wrong
    ax2 = plots.xor_points_plot(neuron).axes[0]
    ring = [l for l in ax2.lines if l.get_label() == "wrong"][0]
    np.testing.assert_array_equal(np.column_stack(ring.get_data()), [[1.0, 1.0]])
    assert _texts(ax2).count("wrong") == 1
    with pytest.raises(TypeError, match="network must be an nnviz.Network or None, got list"):
        plots.xor_points_plot([1, 2])


def test_people_plot_in_metric_units():
    ax = plots.people_plot(shifted=False, units="metric").axes[0]
    assert ax.get_xlabel() == "weight (kg)" and ax.get_ylabel() == "height (cm)"
    female = ax.lines[0]
    np.testing.assert_allclose(np.column_stack(female.get_data()),
                               nnviz.data.people(shifted=False, units="metric")[0][[0, 3]])
    # Every person inside the frame, with room for the name.
    x0, x1 = ax.get_xlim()
    X = nnviz.data.people(shifted=False, units="metric")[0]
    assert x0 < X[:, 0].min() and X[:, 0].max() < x1


def test_network_diagram_weight_labels_do_not_overlap_with_gradients():
    net = nnviz.Network([2, 2, 1])
    net.params = [np.ones((2, 2)), np.zeros(2), np.ones((1, 2)), np.zeros(1)]
    X, y = nnviz.data.people()
    fig = plots.network_diagram(net, x=X[0], y=y[0], show_gradients=True)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text().startswith(("w", "b"))
             and t.get_visible()]
    assert len(boxes) == 9
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), "two weight or bias labels overlap"


@pytest.mark.parametrize("draw", [
    lambda: plots.activation_curves(),
    lambda: plots.neuron_diagram([0, 1], 4, x=[2, 3]),
    lambda: plots.network_diagram(nnviz.Network([2, 12, 12, 12, 12, 1], seed=0)),
    lambda: plots.xor_plot(nnviz.Network([2, 2, 1], seed=0)),
    lambda: plots.people_plot(),
    lambda: plots.loss_plot([1, 0, 0, 1], [0, 0, 0, 0]),
    lambda: plots.biological_neuron(),
    lambda: plots.relu_approximation(),
    lambda: plots.xor_points_plot(),
], ids=["activations", "neuron", "network", "xor", "people", "loss", "nerve-cell", "relu", "xor-points"])
def test_every_concept_figure_fits_the_notebook_column(draw):
    # 8.2 in at 100 dpi: the notebook column at 1280 px with the file browser open is ~850 px.
    assert draw().get_figwidth() <= plots.MAX_FIGURE_WIDTH


def test_static_figures_have_no_figure_name_above_them_under_ipympl():
    from ipympl.backend_nbagg import Canvas

    fig = Figure()
    Canvas(fig)
    assert fig.canvas.header_visible
    assert style.hide_header(fig) is fig and not fig.canvas.header_visible
    style.hide_header(plt.figure())   # an Agg canvas has no header: nothing to do, no error


def test_activation_curves_say_relus_zero_slope_in_words():
    # 02 [26]: ReLU's slope for z < 0 lies exactly under the curve, so it is written out.
    fig = plots.activation_curves(["sigmoid", "tanh", "relu", "linear"], derivatives=True)
    relu_panel = fig.axes[2]
    assert relu_panel.get_title().startswith("relu")
    assert any("slope = 0 for z < 0" in t.get_text() for t in relu_panel.texts)
    assert not any("slope = 0" in t.get_text() for ax in fig.axes if ax is not relu_panel
                   for t in ax.texts)


@pytest.mark.parametrize("shifted, units", [(False, "imperial"), (True, "imperial"),
                                            (False, "metric"), (True, "metric")])
def test_people_plot_keeps_every_marker_whole_inside_the_frame(shifted, units):
    # 04 [15] (findings): Bob's and Diana's markers were cut at the frame.
    fig = plots.people_plot(shifted=shifted, units=units)
    fig.canvas.draw()
    ax = fig.axes[0]
    frame = ax.get_window_extent()
    for scatter in ax.collections:
        if not len(scatter.get_offsets()):
            continue
        radius = np.sqrt(np.max(scatter.get_sizes())) / 2 * fig.dpi / 72     # pixels
        for x_px, y_px in ax.transData.transform(scatter.get_offsets()):
            assert frame.x0 <= x_px - radius and x_px + radius <= frame.x1, (shifted, units)
            assert frame.y0 <= y_px - radius and y_px + radius <= frame.y1, (shifted, units)


def test_loss_plot_label_stays_off_the_bars():
    # 04 [28] (findings): the "MSE = ..." label overlapped the bars.
    y = np.array([1.0, 0.0, 0.0, 1.0])
    fig = plots.loss_plot(y, np.array([0.0, 0.0, 0.0, 0.0]), names=["Alice", "Bob", "Charlie", "Diana"])
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_text().startswith("MSE")]
    assert labels, [t.get_text() for t in ax.texts]
    box = labels[0].get_window_extent(renderer)
    for bar in ax.patches:
        assert not box.overlaps(bar.get_window_extent(renderer)), labels[0].get_text()


def _px_segment(ax, p0, p1, n=200):
    return ax.transData.transform(np.linspace(p0, p1, n))


def _inside(points, box, margin=1.0):
    return ((points[:, 0] > box.x0 - margin) & (points[:, 0] < box.x1 + margin)
            & (points[:, 1] > box.y0 - margin) & (points[:, 1] < box.y1 + margin))


@pytest.mark.parametrize("w, b", [((0.0, 1.0), -9.0), ((-1.25, -1.25), 0.5), ((2.5, 1.0), -0.123)])
def test_00s_classroom_neuron_labels_touch_no_line_or_circle(w, b):
    # Learner finding (00, classroom mode): "w2 = 1" touched the w2 line, "z = -6" ran into
    # Σ, "0.00247" touched the y circle.
    from nnviz import widgets
    from nnviz._concept_diagrams import NeuronDiagram
    with style.context("classroom"):                   # as 00's classroom-mode cell builds it
        explorer = widgets.neuron_explorer(controls=["w1", "b"], canvas="png")
    try:
        with explorer.hold():
            explorer.controls["w1"].value, explorer.controls["w2"].value = w
            explorer.controls["b"].value = b
        diagram = next(v for v in vars(explorer).values() if isinstance(v, NeuronDiagram))
        fig, ax = explorer.figure, diagram.ax
        renderer = fig.canvas.get_renderer()
        fig.draw(renderer)
        for edge, text in zip(diagram.edges, diagram.weight_texts):
            xs, ys = edge.get_data()
            line = _px_segment(ax, (xs[0], ys[0]), (xs[1], ys[1]))
            assert not _inside(line, text.get_window_extent(renderer)).any(), text.get_text()
        centre, rim = ax.transData.transform([diagram.sum_xy, (diagram.sum_xy[0] + 0.7, 3.0)])
        box = diagram.z_text.get_window_extent(renderer)
        nearest = np.clip(centre, [box.x0, box.y0], [box.x1, box.y1])  # the box's nearest point
        assert np.hypot(*(nearest - centre)) > rim[0] - centre[0] + 1, diagram.z_text.get_text()
        out_circle = next(p for p in ax.patches if getattr(p, "center", None) == diagram.out_xy)
        centre, rim = ax.transData.transform([diagram.out_xy,
                                              (diagram.out_xy[0] + out_circle.radius, 3.0)])
        box = diagram.out_text.get_window_extent(renderer)
        corners = np.array([[box.x0, box.y0], [box.x0, box.y1], [box.x1, box.y0], [box.x1, box.y1]])
        assert (np.hypot(*(corners - centre).T) < rim[0] - centre[0] - 2).all(), \
            diagram.out_text.get_text()
    finally:
        explorer.close()


def test_03s_bias_labels_sit_on_white_over_the_edges():
    # Learner finding (03, the 3-4-4-2 diagram): bias labels lay across edges.
    fig = plots.network_diagram(nnviz.Network([3, 4, 4, 2], seed=0))
    try:
        ax = fig.axes[0]
        edges_z = max(line.get_zorder() for line in ax.lines)
        biases = [t for t in ax.texts if t.get_text().startswith("b")]
        assert len(biases) == 4 + 4 + 2
        for text in biases:
            patch = text.get_bbox_patch()
            assert patch is not None and to_rgba(patch.get_facecolor())[:3] == (1.0, 1.0, 1.0)
            assert text.get_zorder() > edges_z
    finally:
        plt.close(fig)
