"""Concept explorers, driven by setting control values in code as a learner's slider would.

Every test checks what the figure (or the numbers panel) then shows against the core's
own numbers. Both canvases are exercised: ipympl's (a real ipympl Canvas widget, which
works without a browser) and the PNG fallback used by the inline backend and Colab.
"""
import io

import matplotlib


import ipywidgets
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

import nnviz
from nnviz import _explorer, style, widgets
from nnviz._plots_concepts import neuron_formula
from nnviz.style import fmt

CANVASES = ["ipympl", "png"]
EXPLORERS = {
    "neuron": widgets.neuron_explorer,
    "activation": widgets.activation_explorer,
    "network": widgets.network_explorer,
    "xor": lambda **kw: widgets.network_explorer(mode="xor", **kw),
    "loss": widgets.loss_explorer,
}
#: A slider that visibly changes each explorer's default picture.
MOVES = {"neuron": "w1", "activation": "w", "network": "w1", "xor": "w1", "loss": "b3"}
XOR_SOLUTION = dict(w1=10, w2=10, b1=-5, w3=-7, w4=-7, b2=10, w5=7, w6=7, b3=-10)


@pytest.fixture(params=CANVASES)
def canvas(request):
    return request.param


def shown_controls(explorer):
    """The control widgets a learner can see, in order."""
    return list(explorer.children[1].children)


def png_pixels(explorer):
    return mpimg.imread(io.BytesIO(explorer.figure_widget.value), format="png")


def hexes(lines):
    return [to_hex(line.get_color()).upper() for line in lines]


# --- the base: canvas, no re-creation, no leaks, teacher mode --------------------------------

@pytest.mark.parametrize("kind", sorted(EXPLORERS))
def test_figure_is_drawn_once_and_updated_in_place(kind, canvas):
    explorer = EXPLORERS[kind](canvas=canvas)
    figure, axes = explorer.figure, list(explorer.figure.axes)
    artists = [list(ax.get_children()) for ax in axes]
    before = png_pixels(explorer) if canvas == "png" else None
    slider = explorer.controls[MOVES[kind]]
    for value in (slider.min, slider.max, slider.min + (slider.max - slider.min) / 3):
        slider.value = value
    assert explorer.figure is figure
    assert explorer.figure.axes == axes
    assert [list(ax.get_children()) for ax in axes] == artists
    if canvas == "png":
        assert not np.array_equal(before, png_pixels(explorer))


@pytest.mark.parametrize("kind", sorted(EXPLORERS))
def test_recreating_explorers_opens_no_pyplot_figures(kind):
    before = len(plt.get_fignums())
    for canvas in CANVASES * 3:
        EXPLORERS[kind](canvas=canvas).close()
        EXPLORERS[kind](canvas=canvas)
    assert len(plt.get_fignums()) == before


def test_ipympl_canvas_is_the_embedded_widget_and_draws_directly(monkeypatch):
    from ipympl.backend_nbagg import Canvas

    explorer = widgets.neuron_explorer(canvas="ipympl")
    assert explorer.interactive
    assert isinstance(explorer.figure.canvas, Canvas)
    assert explorer.figure_widget is explorer.figure.canvas
    assert explorer.figure.canvas in explorer.children[0].children
    calls = []
    monkeypatch.setattr(explorer.figure.canvas, "draw", lambda: calls.append("draw"))
    monkeypatch.setattr(explorer.figure.canvas, "draw_idle", lambda: calls.append("idle"))
    # No browser view yet: a direct draw would store a broken _data_url (ipympl 0.10) and
    # leave the page's canvas blank, so the first draw is left to the view.
    assert explorer.figure.canvas.syncing_data_url
    explorer.controls["w1"].value = 1.5
    assert calls == ["idle"]
    # The view has said "initialized" (ipympl then stops syncing _data_url): from now on
    # one direct draw per change, with no round trip to the browser.
    calls.clear()
    explorer.figure.canvas.syncing_data_url = False
    explorer.controls["w1"].value = 2.0
    assert calls == ["draw"]


def test_png_fallback_renders_an_image_that_follows_the_sliders():
    explorer = widgets.neuron_explorer(canvas="png")
    assert not explorer.interactive
    assert isinstance(explorer.figure_widget, ipywidgets.Image)
    first = png_pixels(explorer)
    w, h = explorer.figure.get_size_inches() * explorer.figure.dpi
    assert first.shape[:2] == (round(h), round(w))
    explorer.controls["w1"].value = -4.0
    moved = png_pixels(explorer)
    assert not np.array_equal(first, moved)
    # The picture is the figure as it now is: render it again and compare.
    buffer = io.BytesIO()
    explorer.figure.savefig(buffer, format="png")
    np.testing.assert_array_equal(mpimg.imread(io.BytesIO(buffer.getvalue()), format="png"), moved)


def test_auto_canvas_follows_the_backend(monkeypatch):
    monkeypatch.setattr(matplotlib, "get_backend",
                        lambda auto_select=True: "module://ipympl.backend_nbagg")
    assert _explorer.ipympl_active()
    assert widgets.activation_explorer().interactive
    monkeypatch.setattr(matplotlib, "get_backend", lambda auto_select=True: "widget")
    assert _explorer.ipympl_active()
    monkeypatch.setattr(matplotlib, "get_backend",
                        lambda auto_select=True: "module://matplotlib_inline.backend_inline")
    assert not _explorer.ipympl_active()
    assert not widgets.activation_explorer().interactive


def test_bad_canvas_is_refused():
    with pytest.raises(ValueError, match=r"canvas must be one of 'auto', 'ipympl', 'png', got 'svg'"):
        widgets.neuron_explorer(canvas="svg")


def test_teacher_mode_shows_only_chosen_controls_and_keeps_the_rest(canvas):
    explorer = widgets.neuron_explorer(controls=["x2", "x1"], canvas=canvas)
    shown = shown_controls(explorer)
    assert shown == [explorer.controls["x1"], explorer.controls["x2"]]
    assert set(explorer.controls) == {"w1", "w2", "b", "x1", "x2", "activation"}
    assert explorer.output == nnviz.Neuron([0, 1], 4).feedforward([2, 3])  # hidden defaults
    explorer.controls["w1"].value = 1.5   # hidden controls still work from code
    assert explorer.output == pytest.approx(nnviz.Neuron([1.5, 1], 4).feedforward([2, 3]))
    assert widgets.network_explorer(controls=[], canvas=canvas).children[1].children == ()


@pytest.mark.parametrize("kind", sorted(EXPLORERS))
def test_unknown_control_names_are_refused_with_the_choices(kind):
    with pytest.raises(ValueError) as err:
        EXPLORERS[kind](controls=["nope"], canvas="png")
    message = str(err.value)
    assert message.startswith("controls must be one of")
    assert "'nope'" in message
    names = EXPLORERS[kind](canvas="png").controls
    assert all(repr(name) in message for name in names)


def test_controls_must_be_a_list():
    with pytest.raises(TypeError, match=r"controls must be None or a list of control names .*'w1'"):
        widgets.neuron_explorer(controls="w1")


def test_sliders_are_keyboard_movable_and_continuous():
    for make in EXPLORERS.values():
        for control in make(canvas="png").controls.values():
            if isinstance(control, ipywidgets.FloatSlider):
                assert control.continuous_update and not control.disabled


def test_hold_batches_changes_into_one_refresh():
    explorer = widgets.network_explorer(canvas="png")
    calls = []
    original = explorer.update
    explorer.update = lambda: (calls.append(1), original())
    with explorer.hold():
        for name, value in XOR_SOLUTION.items():
            explorer.controls[name].value = value
    assert len(calls) == 1


# --- neuron_explorer ---------------------------------------------------------------------------

def test_neuron_explorer_starts_at_the_article_example(canvas):
    explorer = widgets.neuron_explorer(canvas=canvas)
    assert explorer.output == 0.9990889488055994
    diagram = explorer.diagram
    assert diagram.formula_text.get_text() == "y = σ(0·2 + 1·3 + 4) = σ(7) = 0.999"
    # The formula is drawn once, in the picture; the panel has the numbers, to more digits.
    assert "0.9991" in explorer.readout.value and "σ(0·2" not in explorer.readout.value


def test_neuron_explorer_follows_every_slider(canvas):
    explorer = widgets.neuron_explorer(canvas=canvas)
    values = dict(w1=-1.5, w2=0.7, b=-2.0, x1=1.2, x2=-3.1, activation="tanh")
    for name, value in values.items():
        explorer.controls[name].value = value
    neuron = nnviz.Neuron([-1.5, 0.7], -2.0, "tanh")
    x = [1.2, -3.1]
    d = explorer.diagram
    assert explorer.output == neuron.feedforward(x)
    assert d.formula_text.get_text() == neuron_formula([-1.5, 0.7], -2.0, x, "tanh")
    assert d.out_text.get_text() == f"y\n{fmt(neuron.feedforward(x), 3)}"
    assert d.z_text.get_text() == f"z = {fmt(neuron.weighted_sum(x), 3)}"
    assert [t.get_text() for t in d.weight_texts] == ["w1 = -1.5", "w2 = 0.7"]
    assert hexes(d.edges) == [style.NEGATIVE, style.POSITIVE]
    assert d.edges[0].get_linewidth() > d.edges[1].get_linewidth()
    assert fmt(neuron.feedforward(x)) in explorer.readout.value


# --- activation_explorer -----------------------------------------------------------------------

def test_activation_explorer_curve_is_f_of_wz_plus_b(canvas):
    explorer = widgets.activation_explorer(canvas=canvas)
    z = explorer.curve.line.get_xdata()
    np.testing.assert_allclose(explorer.curve.line.get_ydata(), nnviz.sigmoid(z))
    explorer.controls["activation"].value = "tanh"
    explorer.controls["w"].value = 2.0
    explorer.controls["b"].value = -1.0
    explorer.controls["z"].value = 0.5
    u = 2.0 * z - 1.0
    np.testing.assert_allclose(explorer.curve.line.get_ydata(), nnviz.tanh(u))
    np.testing.assert_allclose(explorer.curve.slope.get_ydata(), 2.0 * nnviz.tanh_derivative(u))
    assert explorer.point.get_ydata()[0] == pytest.approx(np.tanh(0.0))
    assert explorer.slope_point.get_ydata()[0] == pytest.approx(2.0 * nnviz.tanh_derivative(0.0))
    assert "tanh" in explorer.title.get_text()
    assert fmt(2.0 * nnviz.tanh_derivative(0.0)) in explorer.readout.value


def test_activation_explorer_derivative_toggle(canvas):
    explorer = widgets.activation_explorer(canvas=canvas)
    assert explorer.curve.slope.get_visible()
    explorer.controls["derivative"].value = False
    assert not explorer.curve.slope.get_visible() and not explorer.slope_point.get_visible()
    assert "slope" not in explorer.readout.value
    explorer.controls["activation"].value = "relu"
    np.testing.assert_allclose(explorer.curve.line.get_ydata(),
                               nnviz.relu(explorer.curve.line.get_xdata()))


# --- network_explorer --------------------------------------------------------------------------

def test_network_explorer_starts_at_the_article_example(canvas):
    explorer = widgets.network_explorer(canvas=canvas)
    assert explorer.output == 0.7216325609518421
    assert set(explorer.controls) == {*(f"w{k}" for k in range(1, 7)), "b1", "b2", "b3", "x1", "x2"}
    assert explorer.diagram.node_texts["o1"].get_text() == "o1\n0.722"
    assert "0.7216" in explorer.readout.value


def test_network_explorer_follows_every_parameter(canvas):
    explorer = widgets.network_explorer(canvas=canvas)
    values = dict(w1=0.5, w2=-1.0, w3=2.0, w4=0.0, w5=-3.0, w6=1.5, b1=0.2, b2=-0.4, b3=1.0,
                  x1=-1.0, x2=2.5)
    for name, value in values.items():
        explorer.controls[name].value = value
    net = nnviz.Network([2, 2, 1])
    net.params = [np.array([[0.5, -1.0], [2.0, 0.0]]), np.array([0.2, -0.4]),
                  np.array([[-3.0, 1.5]]), np.array([1.0])]
    _, acts = net._forward(np.array([[-1.0, 2.5]]))
    d = explorer.diagram
    for name, value in (("h1", acts[1][0, 0]), ("h2", acts[1][0, 1]), ("o1", acts[2][0, 0])):
        assert d.node_texts[name].get_text() == f"{name}\n{fmt(value, 3)}"
        assert fmt(value) in explorer.readout.value
    assert explorer.output == acts[2][0, 0]
    assert [t.get_text() for t in d.weight_texts] == [
        "w1 = 0.5", "w2 = -1", "w3 = 2", "w4 = 0", "w5 = -3", "w6 = 1.5"]
    assert [t.get_text() for t in d.bias_texts] == ["b1 = 0.2", "b2 = -0.4", "b3 = 1"]
    assert hexes(d.edges) == [style.POSITIVE, style.NEGATIVE, style.POSITIVE, style.GREY.upper(),
                              style.NEGATIVE, style.POSITIVE]
    widths = [e.get_linewidth() for e in d.edges]
    assert widths[4] > widths[2] > widths[5] > widths[1] > widths[0] > widths[3]


def test_network_explorer_xor_mode_says_when_solved(canvas):
    explorer = widgets.network_explorer(mode="xor", canvas=canvas)
    assert "x1" not in explorer.controls and "point" in explorer.controls
    X, y = nnviz.data.xor_points()
    assert not explorer.solved and "Solved" not in explorer.readout.value
    with explorer.hold():
        for name, value in XOR_SOLUTION.items():
            explorer.controls[name].value = value
    net = nnviz.Network([2, 2, 1])
    net.params = [np.array([[10.0, 10.0], [-7.0, -7.0]]), np.array([-5.0, 10.0]),
                  np.array([[7.0, 7.0]]), np.array([-10.0])]
    out = net.predict(X)
    assert np.all((out > 0.5) == (y == 1))
    assert explorer.solved
    assert "Solved! All four XOR points are right." in explorer.readout.value
    assert explorer.xor_panel.title.get_text() == "XOR solved: all 4 right!"
    for o in out:
        assert fmt(o) in explorer.readout.value
    # One weight off and a point goes wrong again.
    explorer.controls["b3"].value = 0.0
    assert not explorer.solved and "of 4 right" in explorer.readout.value


def test_network_explorer_xor_point_picks_the_diagram_input(canvas):
    explorer = widgets.network_explorer(mode="xor", canvas=canvas)
    explorer.controls["point"].value = 3
    d = explorer.diagram
    assert d.node_texts["x1"].get_text() == "x1\n1" and d.node_texts["x2"].get_text() == "x2\n1"
    expected = explorer.network.feedforward([1.0, 1.0])[0]
    assert d.node_texts["o1"].get_text() == f"o1\n{fmt(expected, 3)}"


def test_network_explorer_refuses_unknown_mode():
    with pytest.raises(ValueError, match=r"mode must be one of 'normal', 'xor', got 'XOR'"):
        widgets.network_explorer(mode="XOR")


# --- loss_explorer -------------------------------------------------------------------------------

def bar_heights(explorer):
    return ([b.get_height() for b in explorer.bars.pred_bars],
            [b.get_height() for b in explorer.bars.error_bars])


def test_loss_explorer_weights_mode(canvas):
    explorer = widgets.loss_explorer(canvas=canvas)
    X, y = nnviz.data.people()
    assert explorer.mse == 0.25   # all-zero network says 0.5 for everyone
    values = dict(w1=-0.2, w2=0.3, w3=0.1, w4=-0.5, w5=1.5, w6=-2.0, b1=0.1, b2=0.0, b3=0.4)
    for name, value in values.items():
        explorer.controls[name].value = value
    net = nnviz.Network([2, 2, 1])
    net.params = [np.array([[-0.2, 0.3], [0.1, -0.5]]), np.array([0.1, 0.0]),
                  np.array([[1.5, -2.0]]), np.array([0.4])]
    y_pred = net.predict(X)
    preds, errors = bar_heights(explorer)
    np.testing.assert_allclose(preds, y_pred)
    np.testing.assert_allclose(errors, (y - y_pred) ** 2)
    assert explorer.mse == pytest.approx(net.loss(X, y))
    assert explorer.bars.mse_line.get_ydata()[0] == pytest.approx(nnviz.mse(y, y_pred))
    assert explorer.bars.mse_text.get_text() == f"MSE = {fmt(nnviz.mse(y, y_pred), 3)}"
    assert f"MSE = mean of the squared errors = {fmt(nnviz.mse(y, y_pred))}" in explorer.readout.value


def test_loss_explorer_predictions_mode(canvas):
    explorer = widgets.loss_explorer(mode="predictions", canvas=canvas)
    _, y = nnviz.data.people()
    assert explorer.mse == 0.5   # the article: "0" for everyone is wrong half the time
    shown = shown_controls(explorer)
    assert all(explorer.controls[n].layout.display == "none" for n in ("w1", "b3"))
    assert explorer.controls["Alice"] in shown and explorer.controls["Alice"].layout.display is None
    for name, value in zip(("Alice", "Bob", "Charlie", "Diana"), (0.9, 0.2, 0.3, 0.6)):
        explorer.controls[name].value = value
    y_pred = np.array([0.9, 0.2, 0.3, 0.6])
    preds, errors = bar_heights(explorer)
    np.testing.assert_allclose(preds, y_pred)
    np.testing.assert_allclose(errors, (y - y_pred) ** 2)
    np.testing.assert_allclose(explorer.bars.truth.get_ydata(), y)
    assert explorer.mse == pytest.approx(nnviz.mse(y, y_pred))


def test_loss_explorer_switching_mode_starts_from_the_networks_predictions():
    explorer = widgets.loss_explorer(canvas="png")
    explorer.controls["b3"].value = 1.0
    net_preds = np.array(bar_heights(explorer)[0])
    calls = []
    original = explorer.update
    explorer.update = lambda: (calls.append(1), original())
    explorer.controls["mode"].value = "predictions"
    assert len(calls) == 1   # the mode switch and four slider moves: one refresh
    # rounded to the sliders' step of 0.05
    np.testing.assert_allclose(bar_heights(explorer)[0], np.round(net_preds * 20) / 20)
    assert explorer.controls["w1"].layout.display == "none"
    explorer.controls["mode"].value = "weights"
    np.testing.assert_allclose(bar_heights(explorer)[0], net_preds)
    assert explorer.controls["Alice"].layout.display == "none"


def test_loss_explorer_checks_predictions():
    with pytest.raises(ValueError, match=r"predictions must hold 4 numbers \(one per person\), got 3"):
        widgets.loss_explorer(predictions=[0, 0, 0])


def test_classroom_style_zooms_the_explorer():
    small = widgets.neuron_explorer(canvas="png")
    with style.context("classroom"):
        big = widgets.neuron_explorer(canvas="png")
    # Zoomed as a whole, but never wider than the notebook column (8.2 in, 820 px).
    zoom = 8.2 / small.figure.get_size_inches()[0]
    assert 1.2 < zoom < 1.5
    np.testing.assert_allclose(big.figure.get_size_inches(), zoom * small.figure.get_size_inches())
    assert big.diagram.formula_text.get_fontsize() >= 18 > small.diagram.formula_text.get_fontsize()
    # Within a pixel: matplotlib 3.8 (the oldest supported, make test-min) rounds down.
    assert abs(png_pixels(big).shape[1] - zoom * png_pixels(small).shape[1]) <= 1
    assert png_pixels(big).shape[1] <= 820


def test_loss_explorer_shows_the_hidden_neurons_in_weights_mode():
    explorer = widgets.loss_explorer(canvas="png")
    assert explorer.controls["w1"].step == 0.1 and explorer.controls["Alice"].step == 0.05
    explorer.controls["w1"].value = -1.0
    X, _ = nnviz.data.people()
    h1 = nnviz.sigmoid(-1.0 * X[:, 0])
    np.testing.assert_allclose(explorer.hidden[:, 0], h1)
    assert "<th style='padding:1px 8px;text-align:right'>h1</th>" in explorer.readout.value
    assert fmt(h1[1]) in explorer.readout.value
    explorer.controls["mode"].value = "predictions"
    assert ">h1<" not in explorer.readout.value


def test_xor_explorer_steps_reach_the_suggested_weights_in_few_presses():
    explorer = widgets.network_explorer(mode="xor", canvas="png")
    assert all(explorer.controls[name].step == 0.5 for name in ("w1", "w5", "b3"))
    assert explorer.figure.get_size_inches()[0] <= 8.2
    assert widgets.network_explorer(canvas="png").controls["w1"].step == 0.1


@pytest.mark.parametrize("make", [
    lambda: widgets.neuron_explorer(canvas="png"),
    lambda: widgets.activation_explorer(canvas="png"),
    lambda: widgets.network_explorer(canvas="png"),
    lambda: widgets.network_explorer(mode="xor", canvas="png"),
    lambda: widgets.loss_explorer(canvas="png"),
], ids=["neuron", "activation", "network", "xor", "loss"])
def test_every_concept_explorer_fits_the_notebook_column_in_both_styles(make):
    for setting in ("notebook", "classroom"):
        with style.context(setting):
            explorer = make()
        assert explorer.figure.get_size_inches()[0] <= 8.2, setting
        assert png_pixels(explorer).shape[1] <= 820, setting
        explorer.close()


def test_concept_explorer_steps_reach_the_suggested_values_in_few_presses():
    neuron = widgets.neuron_explorer(canvas="png")
    assert (4 - -8) / neuron.controls["b"].step <= 24            # 01: "drag b to -8"
    act = widgets.activation_explorer(canvas="png")
    assert (5 - 1) / act.controls["w"].step <= 16                 # 02: "large w"


def test_loss_explorer_follows_04_exercise_4s_tips():
    # 04 Exercise 4's tips, step by step: w5 = 2 and b3 = -1 change nothing yet (h1 = 0.5 for
    # everyone), then w1 = -1 brings the MSE to about 0.08, below the 0.1 the exercise asks for.
    explorer = widgets.loss_explorer(mode="weights", canvas="png")
    assert explorer.mse == pytest.approx(0.25)
    explorer.controls["w5"].value = 2.0
    explorer.controls["b3"].value = -1.0
    np.testing.assert_allclose(explorer.hidden[:, 0], 0.5)
    np.testing.assert_allclose(explorer.y_pred, 0.5)
    assert explorer.mse == pytest.approx(0.25)
    explorer.controls["w1"].value = -1.0
    assert explorer.mse == pytest.approx(0.0796, abs=5e-4)
    assert explorer.mse < 0.1
    h1 = dict(zip(nnviz.data.PEOPLE, explorer.hidden[:, 0]))
    assert h1["Diana"] > 0.99 and h1["Bob"] < 0.01      # light people high, heavy ones low
    explorer.close()



def test_04s_people_table_shows_a_tiny_h1_as_0_to_4_places():
    # Learner finding: with w1 = -2, Bob's h1 = sigmoid(-50) showed as 1.929e-22.
    explorer = widgets.loss_explorer(mode="weights", canvas="png")
    try:
        explorer.controls["w1"].value = -2.0
        assert explorer.hidden[1, 0] < 1e-20           # Bob's h1 really is that small
        assert "e-" not in explorer.readout.value
        assert ">0.0000<" in explorer.readout.value
    finally:
        explorer.close()


def test_03s_xor_points_keep_0_50003_apart_from_the_threshold():
    # Learner finding: an output of 0.50003 read "0.5 ✗" under the XOR point.
    from nnviz._plots_concepts import XorPanel
    fig, ax = plt.subplots()
    try:
        panel = XorPanel(ax)
        net = nnviz.Network([2, 2, 1], seed=0)
        for W in net.weights:
            W[...] = 0.0
        for b in net.biases:
            b[...] = 0.0
        net.biases[-1][...] = 0.00012                  # every output sigmoid(0.00012) = 0.50003
        panel.update(net)
        labels = [t.get_text() for t in panel.texts]
        assert labels == ["0.50003 ✗", "0.50003 ✓", "0.50003 ✓", "0.50003 ✗"], labels
    finally:
        plt.close(fig)
