"""The training explorers, driven from code: set a control, click a button, read the figure.

Every check compares what the figure shows with the core's own numbers (nnviz.gd,
Network.train, Network.predict).
"""
import asyncio
import gc
import time
import weakref

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnviz  # noqa: E402
from nnviz import gd, plots  # noqa: E402
from nnviz._widgets_training import descent_explorer, gradient_explorer, training_playground  # noqa: E402
from nnviz.style import fmt  # noqa: E402


@pytest.fixture
def line_xy():
    return gd.line_data()


def _xy(line):
    return np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)


# --- gradient_explorer (05) -------------------------------------------------------------------

def _reference_net(values):
    """The 2-2-1 network with the given w1..w6, b1..b3, built without the explorer."""
    net = nnviz.Network([2, 2, 1])
    v = values
    net.params = [np.array([[v["w1"], v["w2"]], [v["w3"], v["w4"]]]), np.array([v["b1"], v["b2"]]),
                  np.array([[v["w5"], v["w6"]]]), np.array([v["b3"]])]
    return net


def _slope(line):
    x, y = _xy(line)
    return (y[1] - y[0]) / (x[1] - x[0])


@pytest.mark.parametrize("canvas", ["png", "ipympl"])
def test_gradient_explorer_starts_at_alice_and_says_which_way(canvas):
    ex = gradient_explorer(people="Alice", canvas=canvas)
    X, y = nnviz.data.people()
    net = _reference_net(dict(w1=1, w2=1, w3=1, w4=1, w5=1, w6=1, b1=0, b2=0, b3=0))
    assert _slope(ex.drawer.tangent) == pytest.approx(net.gradients(X[:1], y[:1])[0][0, 0], rel=1e-9)
    assert _slope(ex.drawer.tangent) == pytest.approx(0.0214695, abs=1e-7)
    assert _xy(ex.drawer.point)[1][0] == pytest.approx(net.loss(X[:1], y[:1]))
    assert ex.message == "dL/dw1 = +0.0215 > 0: decreasing w1 lowers the loss."
    # It wraps only after the colon, never in the middle of "decreasing w1 lowers the loss."
    assert ("<span style='white-space:nowrap'>dL/dw1 = +0.0215 &gt; 0:</span> "
            "<span style='white-space:nowrap'>decreasing w1 lowers the loss.</span>") in ex.readout.value
    assert ex.nudge == pytest.approx(ex.slope, abs=1e-4)     # the one-sided nudge of section 1
    assert fmt(ex.nudge) in ex.readout.value
    ex.close()


@pytest.mark.parametrize("param, value, people", [
    ("w1", 1.0, "all"), ("b3", -0.7, "Alice"), ("w5", 2.3, "all"), ("b2", 0.4, "Alice"),
    ("b1", 0.4, "Diana"), ("w4", -1.5, "Bob"),
])
def test_gradient_explorer_tangent_and_dot_match_the_network(param, value, people):
    ex = gradient_explorer(canvas="png")
    ex.controls["people"].value = people
    ex.controls["param"].value = param
    ex.controls["value"].value = value
    values = {**dict(w1=1, w2=1, w3=1, w4=1, w5=1, w6=1, b1=0, b2=0, b3=0), param: value}
    net = _reference_net(values)
    X, y = nnviz.data.people()
    if people != "all":
        k = list(nnviz.data.PEOPLE).index(people)
        X, y = X[k:k + 1], y[k:k + 1]
    grads = dict(zip(plots.param_names(net), np.concatenate([g.ravel() for g in net.gradients(X, y)])))
    slope = _slope(ex.drawer.tangent)
    assert slope == pytest.approx(grads[param], rel=1e-9, abs=1e-15)
    px, py = _xy(ex.drawer.point)
    assert (px[0], py[0]) == (pytest.approx(value), pytest.approx(net.loss(X, y)))
    # the curve: the loss with this one parameter moved over the slider's range
    cx, cy = _xy(ex.drawer.curve)
    assert (cx[0], cx[-1]) == (ex.controls["value"].min, ex.controls["value"].max)
    i, idx = plots.param_names(net)[param]
    net.params[i][idx] = cx[17]
    assert cy[17] == pytest.approx(net.loss(X, y))
    g = grads[param]
    if abs(g) < 5e-5:      # Bob's and Diana's hidden neurons sit on the flat ends of the sigmoid
        assert ex.message == (f"dL/d{param} = {g:+.2g}: almost flat here, so a small change of "
                              f"{param} barely moves the loss.")
    else:
        way = "decreasing" if g > 0 else "increasing"
        assert ex.message == f"dL/d{param} = {g:+.4f} {'>' if g > 0 else '<'} 0: {way} {param} lowers the loss."
    assert ex.drawer.ax.get_xlabel() == param
    ex.close()


def test_gradient_explorer_keeps_each_parameter_where_it_was_left():
    ex = gradient_explorer(weights=(1, 2, 3, 4, 5, 6), biases=(-1, -2, -3), canvas="png")
    assert ex.value("value") == 1.0
    ex.controls["value"].value = 0.5                 # w1
    ex.controls["param"].value = "b2"
    assert ex.value("value") == -2.0                 # the slider shows b2
    assert ex.controls["value"].description == "b2"
    ex.controls["value"].value = 1.25
    ex.controls["param"].value = "w1"
    assert ex.value("value") == 0.5
    W1, b1, W2, b2 = ex.network.params
    np.testing.assert_array_equal(W1, [[0.5, 2], [3, 4]])
    np.testing.assert_array_equal(b1, [-1, 1.25])
    np.testing.assert_array_equal(W2, [[5, 6]])
    np.testing.assert_array_equal(b2, [-3])
    assert ex.controls["value"].max >= 6             # the range reaches every start value
    ex.close()


def test_gradient_explorer_one_scale_for_every_parameter_and_the_dot_stays_whole():
    # 05 [52]: b3's tangent must be comparable with w1's by eye, so the vertical scale does
    # not change with the parameter or the people; at w1 = -3 the dot is inside the frame.
    ex = gradient_explorer(param="w1", people="Alice", canvas="png")
    ax = ex.drawer.ax
    ylim = ax.get_ylim()
    assert ylim == (0.0, 1.0)
    for name, value in (("param", "b3"), ("people", "all"), ("param", "w5"), ("value", 3.0)):
        ex.controls[name].value = value
        assert ax.get_ylim() == ylim
    ex.controls["param"].value = "w1"
    ex.controls["value"].value = -3.0
    low, high = ax.get_xlim()
    radius = ex.drawer.point.get_markersize() / 2 / 72 * ex.figure.dpi     # pixels
    x_px = ax.transData.transform((-3.0, 0))[0]
    assert x_px - radius >= ax.transAxes.transform((0, 0))[0]            # whole, not half
    assert low < -3.0 < high
    ex.close()
    # b3's tangent is visibly steeper than w1's on the same scale (Alice: 0.2376 vs 0.0215)
    ex = gradient_explorer(param="w1", people="Alice", canvas="png")
    w1_slope = _slope(ex.drawer.tangent)
    ex.controls["param"].value = "b3"
    assert abs(_slope(ex.drawer.tangent) / w1_slope) == pytest.approx(11.07, abs=0.01)
    # a few key presses, not hundreds: the step is 0.1 (PageUp moves several steps)
    assert ex.controls["value"].step == pytest.approx(0.1)
    ex.close()


def test_gradient_explorer_draws_in_place_and_teacher_mode():
    ex = gradient_explorer(controls=["value"], canvas="png")
    assert list(ex.children[1].children) == [ex.controls["value"]]
    artists = list(ex.drawer.ax.get_children())
    before = ex.figure_widget.value
    for name, value in (("people", "Charlie"), ("param", "w6"), ("value", -2.0)):
        ex.controls[name].value = value
    assert list(ex.drawer.ax.get_children()) == artists
    assert ex.figure_widget.value != before
    assert ex.title.get_text() == "Loss over Charlie as w6 moves; tangent dashed"
    ex.close()


def test_gradient_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="param must be one of 'w1'.*got 'w7'"):
        gradient_explorer(param="w7", canvas="png")
    with pytest.raises(ValueError, match="people must be one of 'all', 'Alice'.*got 'Emily'"):
        gradient_explorer(people="Emily", canvas="png")
    with pytest.raises(ValueError, match="weights must hold 6 numbers"):
        gradient_explorer(weights=(1, 2), canvas="png")


# --- descent_explorer -------------------------------------------------------------------------

def test_run_draws_the_path_gd_computes(line_xy):
    x, y = line_xy
    ex = descent_explorer(canvas="png")
    fig = ex.figure
    ex.controls["learn_rate"].value = 0.1
    ex.controls["m"].value, ex.controls["b"].value = -1.0, 4.0
    ex.controls["steps"].value = 30
    frames = []
    ex.draw = lambda: frames.append(ex.steps_taken)     # count the frames, skip PNG encoding
    ex.controls["run"].click()
    assert ex.loop.join(timeout=60)       # the steps are drawn one after another
    assert frames[:3] == [2, 4, 6] and frames[-1] == 30 and len(frames) <= 21
    expected = gd.line_descent(x, y, -1.0, 4.0, learn_rate=0.1, steps=30)
    px, py = _xy(ex.contours.path_line)
    np.testing.assert_allclose(px, expected.path[:, 0])
    np.testing.assert_allclose(py, expected.path[:, 1])
    # the right-hand panels: the line at the last point and the loss per step
    m, b = expected.path[-1]
    lx, ly = _xy(ex.fit.line)
    np.testing.assert_allclose(ly, m * lx + b)
    steps, losses = _xy(ex.loss_curve.line)
    np.testing.assert_array_equal(steps, np.arange(31))
    np.testing.assert_allclose(losses, expected.losses)
    # the numbers beside the picture
    assert "<td style='padding:1px 8px;text-align:right'>30</td>" in ex.readout.value
    assert expected.message.split(";")[0] in ex.readout.value
    assert ex.figure is fig


def test_step_and_reset_buttons(line_xy):
    x, y = line_xy
    ex = descent_explorer(learn_rate=0.05, canvas="png")
    m0, b0 = ex.value("m"), ex.value("b")
    for _ in range(3):
        ex.controls["step"].click()
    expected = gd.line_descent(x, y, m0, b0, learn_rate=0.05, steps=3)
    np.testing.assert_allclose(np.column_stack(_xy(ex.contours.path_line)), expected.path)
    np.testing.assert_allclose(_xy(ex.contours.end), expected.path[-1:].T)
    ex.controls["reset"].click()
    px, py = _xy(ex.contours.path_line)
    assert len(px) == 1 and (px[0], py[0]) == (m0, b0)
    assert "press step or run" in ex.readout.value


def test_learning_rate_change_recomputes_the_same_steps(line_xy):
    x, y = line_xy
    ex = descent_explorer(canvas="png")
    ex.controls["m"].value, ex.controls["b"].value = -1.0, 4.0
    ex.step(50)
    for learn_rate, status in ((0.003, "crawling"), (0.2, "converged"), (0.28, "overshooting"),
                               (0.4, "diverged")):
        ex.controls["learn_rate"].value = learn_rate
        expected = gd.line_descent(x, y, -1.0, 4.0, learn_rate=learn_rate, steps=50)
        assert expected.status == status
        assert ex.message.startswith(status)
        assert status + ":" in ex.readout.value
        px, _ = _xy(ex.contours.path_line)
        assert len(px) == len(expected.path)
        finite = np.isfinite(expected.path[:, 0])
        np.testing.assert_allclose(px[finite], expected.path[finite, 0])


def test_bumpy_problem_local_and_global_minimum():
    ex = descent_explorer(canvas="png")
    fig = ex.figure
    ex.controls["problem"].value = "bumpy"
    assert ex.ax_curve.get_visible() and not ex.ax_surface.get_visible()
    ex.controls["learn_rate"].value = 0.05
    ex.controls["w"].value = 2.0
    ex.controls["steps"].value = 200
    ex.draw = lambda: None        # frames are not what this test is about: skip PNG encoding
    ex.controls["run"].click()
    assert ex.loop.join(timeout=60)
    expected = gd.bumpy_descent(2.0, learn_rate=0.05, steps=200)
    wx, Ey = _xy(ex.curve.path_line)
    np.testing.assert_allclose(wx, expected.path[:, 0])
    np.testing.assert_allclose(Ey, expected.losses)
    assert wx[-1] == pytest.approx(gd.BUMPY_LOCAL_MIN, abs=1e-6)
    assert "a local minimum" in ex.readout.value
    ex.controls["w"].value = -2.0
    assert _xy(ex.curve.end)[0][0] == pytest.approx(gd.BUMPY_GLOBAL_MIN, abs=1e-6)
    assert "the global minimum" in ex.readout.value
    assert ex.figure is fig


def test_switching_problem_starts_again():
    ex = descent_explorer(canvas="png")
    ex.step(20)
    ex.controls["problem"].value = "bumpy"
    assert ex.steps_taken == 0 and len(ex.curve.path_line.get_xdata()) == 1
    # only the start sliders of the problem shown
    assert ex.controls["m"].layout.display == "none" and ex.controls["w"].layout.display is None
    ex.controls["problem"].value = "line"
    assert ex.controls["w"].layout.display == "none" and ex.controls["b"].layout.display is None


def test_diverged_path_is_reported_without_warnings():
    ex = descent_explorer("bumpy", canvas="png")
    ex.controls["learn_rate"].value = 1.0
    ex.step(100)            # pytest turns any RuntimeWarning into an error
    assert ex.descent.diverged
    assert "diverged: after" in ex.readout.value
    assert "nan" not in ex.readout.value and "- (diverged)" in ex.readout.value


def test_starts_at_the_notebooks_first_guess_and_says_when_the_start_moves(line_xy):
    x, y = line_xy
    ex = descent_explorer(canvas="png")
    assert (ex.value("m"), ex.value("b")) == (0.5, 0.0)        # notebook 06: m, b = 0.5, 0
    ex.step(5)
    ex.controls["m"].value = 1.0
    assert "The start moved: the same 5 steps again from the new start" in ex.readout.value
    np.testing.assert_allclose(np.column_stack(_xy(ex.contours.path_line)),
                               gd.line_descent(x, y, 1.0, 0.0, learn_rate=0.15, steps=5).path)
    for name, widget in ex.controls.items():
        assert widget.tooltip, f"{name} has no tooltip"


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(learn_rate=0), ValueError, "learn_rate must be a number from 0.001 to 1"),
    (dict(learn_rate=float("nan")), ValueError, "learn_rate"),
    (dict(learn_rate="0.1"), TypeError, "learn_rate"),
    (dict(learn_rate=None), TypeError, "learn_rate"),
    (dict(m=float("inf")), ValueError, "m must be a number from"),
    (dict(w=5), ValueError, "w must be a number from -2 to 2"),
    (dict(steps=10 ** 9), ValueError, "steps must be at most 200"),
    (dict(steps=0), ValueError, "steps must be a whole number of at least 1"),
])
def test_descent_explorer_rejects_bad_arguments(kwargs, error, words):
    with pytest.raises(error, match=words):
        descent_explorer(canvas="png", **kwargs)


def test_learning_rate_is_drawn_in_the_picture():
    ex = descent_explorer("line", learn_rate=0.05, canvas="png")
    assert ex.loss_title.get_text() == "loss per step (η = 0.05)"
    before = ex.figure_widget.value
    ex.controls["learn_rate"].value = 0.2    # no step taken yet: only the title changes
    assert ex.loss_title.get_text() == "loss per step (η = 0.2)"
    assert ex.figure_widget.value != before
    ex.close()


def test_teacher_mode_shows_only_chosen_controls():
    ex = descent_explorer(controls=["learn_rate", "step"], canvas="png")
    shown = ex.children[1].children
    assert list(shown) == [ex.controls["learn_rate"], ex.controls["step"]]
    ex.controls["m"].value = 0.0         # hidden controls still work from code
    assert ex.contours.path_line.get_xdata()[0] == 0.0
    with pytest.raises(ValueError, match="controls must be one of"):
        descent_explorer(controls=["speed"], canvas="png")


def test_descent_explorer_rejects_unknown_problem():
    with pytest.raises(ValueError, match="problem must be 'line' or 'bumpy', got 'circle'"):
        descent_explorer("circle", canvas="png")


def test_no_figure_leaks_on_re_creating():
    before = plt.get_fignums()
    refs = []
    for _ in range(3):
        ex = descent_explorer(canvas="png")
        pg = training_playground(canvas="png")
        refs += [weakref.ref(ex.figure), weakref.ref(pg.figure)]
        ex.close()
        pg.close()
        del ex, pg
    assert plt.get_fignums() == before
    gc.collect()
    assert all(r() is None for r in refs)


# --- training_playground ----------------------------------------------------------------------

def _run_by_hand(dataset="circles", hidden=(4,), epochs=0, **kw):
    """The same training as the playground's, with the model alone (no widget)."""
    run = nnviz.TrainingRun(dataset, hidden, **kw)
    if epochs:
        run.train(epochs)
    return run


def _click(pg, x, y, button=1):
    """A real mouse press on the figure, at data point (x, y) of the boundary picture."""
    from matplotlib.backend_bases import MouseEvent
    px, py = pg.ax_boundary.transData.transform((x, y))
    MouseEvent("button_press_event", pg.figure.canvas, px, py, button=button)._process()


@pytest.mark.parametrize("batch_size", [1, 10, None])
def test_frames_train_like_the_run_and_draw_it(batch_size):
    pg = training_playground("moons", hidden="4, 3", activation="tanh", learn_rate=0.2,
                             batch_size=batch_size, epochs_per_frame=4, canvas="png")
    fig = pg.figure
    pg.train_frames(5)
    run = _run_by_hand("moons", (4, 3), 20, activation="tanh", learn_rate=0.2, batch_size=batch_size)
    assert pg.epoch == run.epoch == 20
    np.testing.assert_allclose(pg.losses, run.train_loss, rtol=1e-12)
    for p, q in zip(pg.network.params, run.network.params):
        np.testing.assert_allclose(p, q, rtol=1e-12)
    assert isinstance(pg.network, nnviz.Network)
    # both loss curves, every epoch (no frame dropped)
    train_line, test_line = pg.loss_curve.lines
    np.testing.assert_array_equal(_xy(train_line)[0], np.arange(1, 21))
    np.testing.assert_allclose(_xy(train_line)[1], run.train_loss)
    np.testing.assert_allclose(_xy(test_line)[1], run.test_loss)
    assert pg.progress.value == 20 and pg.progress.description == "epoch 20"
    assert "<td style='padding:1px 8px;text-align:right'>20</td>" in pg.readout.value
    assert f"{100 * run.test_accuracy[-1]:.1f}%" in pg.readout.value
    # the boundary image is the network's output on the grid
    image = np.asarray(pg.boundary.image.get_array())
    expected = run.network.predict(pg.boundary.grid).reshape(image.shape)
    np.testing.assert_allclose(image, expected, rtol=1e-12)
    assert image.shape == (60, 60) and len(pg.ax_boundary.images) == 1
    # the training points and the test points, each class apart
    np.testing.assert_array_equal(pg.boundary.points[1].get_offsets(), run.X_train[run.y_train == 1])
    np.testing.assert_array_equal(pg.boundary.test_points[0].get_offsets(), run.X_test[run.y_test == 0])
    # the ringed points are exactly the ones on the wrong side
    wrong = (run.network.predict(run.X) > 0.5) != (run.y > 0.5)
    np.testing.assert_array_equal(np.column_stack(_xy(pg.boundary.wrong)), run.X[wrong])
    assert pg.figure is fig


def test_the_graph_shows_every_weight_and_what_each_neuron_computes():
    pg = training_playground("circles", hidden="3, 2", epochs_per_frame=3, canvas="png")
    pg.train_frames(2)
    graph, net = pg.graph, pg.network
    assert len(graph.images) == 2 + 3 + 2 + 1 and graph.neurons[2] == (1, 0)
    weights = np.concatenate([W.ravel() for W in net.weights])
    widths = graph.edges.get_linewidths()
    assert len(widths) == len(weights) == 2 * 3 + 3 * 2 + 2
    assert np.argmax(widths) == np.argmax(np.abs(weights))        # thickest edge: largest weight
    colours = graph.edges.get_colors()
    blue, vermillion = plots.PROBABILITY_CMAP(1.0), None
    from matplotlib.colors import to_rgba
    for w, c in zip(weights, colours):
        assert tuple(c) == to_rgba(nnviz.style.POSITIVE if w >= 0 else nnviz.style.NEGATIVE)
    # the picture in layer 1's second neuron is tanh(W1[1] . x + b1[1]) over the plane
    values = np.asarray(graph.images[3].get_array())
    x = graph.grid
    expected = np.tanh(x @ net.weights[0][1] + net.biases[0][1]).reshape(values.shape)
    np.testing.assert_allclose(values, expected, rtol=1e-12)
    assert graph.images[3].get_clim() == (-1.0, 1.0)
    del blue, vermillion


def test_one_neuron_shown_large():
    pg = training_playground("circles", hidden="4", canvas="png")
    pg.train_frames(2)
    neuron = pg.controls["neuron"]
    assert list(neuron.options)[0] == "the network's output" and len(neuron.options) == 5
    neuron.value = (1, 2)
    net = pg.network
    expected = np.tanh(pg.boundary.grid @ net.weights[0][2] + net.biases[0][2])
    np.testing.assert_allclose(np.asarray(pg.boundary.image.get_array()).ravel(), expected, rtol=1e-12)
    assert pg.title.get_text() == "layer 1, neuron 3: its output"
    assert pg.graph.frames[2 + 2].get_linewidth() == 2.5
    pg.controls["hidden"].value = "2"          # new sizes: the choice goes back to the output
    assert neuron.value == "output" and len(neuron.options) == 3


def test_step_button_weights_table_and_code():
    pg = training_playground("xor", hidden="2", epochs_per_frame=3, canvas="png")
    pg.controls["step"].click()
    pg.controls["step"].click()
    assert pg.epoch == 6
    pg.inspect.selected_index = 0
    w = pg.network.params[0][1, 0]
    assert fmt(w) in pg.weights_html.value and "layer 2: W2, b2" in pg.weights_html.value
    pg.inspect.selected_index = 1
    assert "network.params = [" in pg.code_html.value
    namespace = {}
    exec(pg.as_code(), namespace)
    np.testing.assert_array_equal(namespace["network"].predict(pg.X), pg.network.predict(pg.X))


def test_problem_controls_make_a_new_network_and_say_so():
    pg = training_playground("xor", canvas="png")
    pg.train_frames(2)
    pg.controls["dataset"].value = "circles"
    assert pg.epoch == 0 and len(pg.loss_curve.line.get_xdata()) == 0
    run = _run_by_hand("circles")
    np.testing.assert_array_equal(pg.boundary.points[0].get_offsets(), run.X_train[run.y_train == 0])
    assert "dataset changed: a new network, from epoch 0." in pg.readout.value
    pg.controls["hidden"].value = "3, 2"
    assert pg.network.layer_sizes == [2, 3, 2, 1] and len(pg.graph.images) == 8
    pg.controls["activation"].value = "relu"
    assert pg.network.activation == "relu"
    pg.controls["noise"].value = 0.3
    np.testing.assert_allclose(pg.X, _run_by_hand("circles", (3, 2), noise=0.3).X)
    pg.controls["test_fraction"].value = 0.2
    assert len(pg.run.y_test) == 40 and pg.epoch == 0
    pg.controls["dataset"].value = "people"
    assert pg.ax_boundary.get_xlabel().startswith("weight (lb")


def test_learning_rate_and_batch_size_apply_from_now_on_and_say_so():
    pg = training_playground("xor", learn_rate=0.1, epochs_per_frame=2, canvas="png")
    pg.train_frames(1)
    pg.controls["learn_rate"].value = 0.5
    assert pg.epoch == 2 and "learn_rate = 0.5: from epoch 3 on" in pg.readout.value
    pg.train_frames(1)
    pg.controls["batch_size"].value = "all"
    pg.train_frames(1)
    # issue 18: the dropdown still shows "all (full batch)", not a blank box
    assert pg.controls["batch_size"].index == 3 and pg.controls["batch_size"].label == "all (full batch)"
    assert "batch_size = all (full batch): from epoch 5 on" in pg.readout.value
    run = _run_by_hand("xor", epochs=2)
    run.learn_rate = 0.5
    run.train(2)
    run.batch_size = None
    run.train(2)
    np.testing.assert_allclose(pg.losses, run.train_loss, rtol=1e-12)
    assert pg.loss_title.get_text().endswith("(η = 0.5, full batch)")


def test_before_the_first_epoch_the_loss_axes_are_sensible():
    pg = training_playground("circles", canvas="png")
    low, high = pg.ax_loss.get_ylim()
    start = pg.run._loss(pg.run.X_train, pg.run.y_train)
    assert low == 0.0 and start < high <= 2 * start + 0.05
    assert pg.ax_loss.get_xlim() == (0.5, 50.5) and pg.empty_note.get_visible()
    assert "ready" in pg.readout.value
    pg.train_frames(1)
    assert not pg.empty_note.get_visible()


def test_reset_gives_the_same_fresh_network_and_keeps_my_points():
    pg = training_playground("moons", canvas="png")
    start = [p.copy() for p in pg.network.params]
    pg.controls["click_adds"].value = 1
    _click(pg, 0.5, 0.5)
    pg.train_frames(3)
    pg.controls["reset"].click()
    assert pg.epoch == 0 and len(pg.run.added[1]) == 1
    for p, q in zip(pg.network.params, start):
        np.testing.assert_array_equal(p, q)


def test_click_adds_a_point_of_the_chosen_class_and_clear_removes_them():
    pg = training_playground("circles", canvas="png")
    n = len(pg.run.y_train)
    pg.controls["click_adds"].value = -1
    _click(pg, 0.2, -0.4)               # "nothing" chosen: a click adds nothing
    assert len(pg.run.y_train) == n
    pg.controls["click_adds"].value = 0
    _click(pg, 0.2, -0.4)
    pg.controls["click_adds"].value = 1
    _click(pg, -1.0, 1.0)
    X_added, y_added = pg.run.added
    np.testing.assert_allclose(X_added, [[0.2, -0.4], [-1.0, 1.0]], atol=1e-9)
    np.testing.assert_array_equal(y_added, [0, 1])
    # the learner's points are drawn apart from the data's: larger, thick-edged, ringed
    assert not any(np.allclose(p, [0.2, -0.4]) for p in pg.boundary.points[0].get_offsets())
    np.testing.assert_allclose(pg.still.added[0].get_offsets(), [[0.2, -0.4]], atol=1e-9)
    np.testing.assert_allclose(pg.still.added[1].get_offsets(), [[-1.0, 1.0]], atol=1e-9)
    assert pg.still.added[0].get_sizes()[0] > pg.boundary.points[0].get_sizes()[0]
    assert len(pg.still.added_rings.get_xdata()) == 2
    assert "2 of yours now" in pg.readout.value
    pg.train_frames(1)
    assert pg.epoch == 5                 # the network goes on
    pg.controls["clear_points"].click()
    assert len(pg.run.y_train) == n and pg.epoch == 5


def test_new_data_draws_other_points_and_a_new_network():
    pg = training_playground("moons", canvas="png")
    before = pg.X.copy()
    pg.train_frames(1)
    pg.controls["new_data"].click()
    assert pg.epoch == 0 and pg.seed == 1 and not np.array_equal(pg.X, before)
    np.testing.assert_array_equal(pg.X, _run_by_hand("moons", seed=1).X)


def test_divergence_is_reported_in_words():
    pg = training_playground("people", hidden="4", activation="relu", output="linear",
                             learn_rate=1.0, batch_size=1, canvas="png", test_fraction=0.0)
    pg.train_frames(10)        # a DivergenceWarning would fail this test
    assert pg.status == "diverged" and pg.message.startswith("diverged: in epoch")
    assert ">diverged</b>" in pg.readout.value and pg.progress.bar_style == "danger"
    epochs = pg.epoch
    pg.train_frames(3)          # nothing more happens until reset
    assert pg.epoch == epochs
    pg.controls["reset"].click()
    assert pg.status == "ready" and pg.epoch == 0


def test_too_large_learning_rate_says_oscillating():
    # Issue 12: at learn_rate 10 the playground stayed on "training..." while the loss bounced.
    pg = training_playground("circles", learn_rate=10.0, epochs_per_frame=10, canvas="png")
    pg.train_frames(5)
    assert pg.status == "oscillating" and ">oscillating</b>" in pg.readout.value
    assert "learning rate 10 is too large" in pg.readout.value
    assert pg.progress.bar_style == "warning"


def test_stops_at_max_epochs():
    pg = training_playground("xor", epochs_per_frame=4, max_epochs=10, canvas="png")
    pg.train_frames(5)
    assert pg.epoch == 10 and pg.status == "stopped" and "stopped at epoch 10" in pg.readout.value
    pg.controls["max_epochs"].value = "20"      # raise the limit: training goes on
    pg.train_frames(2)
    assert pg.epoch == 18 and "stopped" not in pg.readout.value


def test_every_control_explains_itself():
    pg = training_playground(canvas="png")
    for name, widget in pg.controls.items():
        assert widget.tooltip, f"{name} has no tooltip"
        assert len(widget.tooltip) < 110 and widget.tooltip.endswith(".")
    rules = pg.rules.value
    assert "start a <b>new network</b>" in rules and "<b>from the next epoch on</b>" in rules


def test_play_again_after_pause_runs_one_runner_at_a_time():
    pg = training_playground("xor", epochs_per_frame=1, canvas="png")
    pg.play()
    first = pg.loop.runner
    pg.pause()
    pg.play()                 # at once: the first runner may still be inside its frame
    second = pg.loop.runner
    deadline = time.time() + 20
    while pg.epoch < 3 and time.time() < deadline:
        time.sleep(0.02)
    pg.pause()
    first.join(timeout=20)
    second.join(timeout=20)
    assert first is not second and not first.is_alive() and not second.is_alive()
    run = _run_by_hand("xor", epochs=pg.epoch)
    np.testing.assert_allclose(pg.losses, run.train_loss, rtol=1e-12)


def test_bad_arguments_name_the_parameter():
    with pytest.raises(ValueError, match="hidden must be whole numbers separated by commas.*'4, x'"):
        training_playground(hidden="4, x", canvas="png")
    with pytest.raises(ValueError, match=r"hidden\[0\] must be a whole number of at least 1, got 0"):
        training_playground(hidden="0", canvas="png")
    for kwargs, error, words in [
        (dict(hidden=10 ** 9), ValueError, "at most 64 neurons"),
        (dict(epochs_per_frame=0), ValueError, "epochs_per_frame must be a whole number of at least 1"),
        (dict(epochs_per_frame=10 ** 9), ValueError, "epochs_per_frame must be a whole number of at most 50"),
        (dict(max_epochs=None), TypeError, "max_epochs must be a whole number in the playground"),
        (dict(max_epochs=10 ** 9), ValueError, r"max_epochs \(a whole number, or None for no limit\) must be a whole number of at most 1,000,000"),
        (dict(batch_size=7), ValueError, "batch_size must be one of 1, 10, 50 or None"),
        (dict(learn_rate=float("nan")), ValueError, "learn_rate must be a number from 0.001 to 10"),
        (dict(learn_rate=1e300), ValueError, "learn_rate must be a number from 0.001 to 10"),
        (dict(learn_rate="fast"), TypeError, "learn_rate"),
        (dict(noise=-1), ValueError, "noise must be a number from 0"),
        (dict(noise=1.5), ValueError, "noise must be a number from 0 to 1, got 1.5"),
        (dict(test_fraction=0.95), ValueError, "test_fraction must be a number from 0 to 0.9"),
        (dict(dataset="spirals"), ValueError, "Did you mean 'spiral'"),
    ]:
        with pytest.raises(error, match=words):
            training_playground(canvas="png", **kwargs)


def test_typo_in_hidden_sizes_is_reported_and_keeps_the_network():
    pg = training_playground("xor", hidden="4", canvas="png")
    pg.train_frames(1)
    pg.controls["hidden"].value = "4, x"
    assert pg.network.layer_sizes == [2, 4, 1] and pg.epoch == 5
    assert "not changed: hidden must be whole numbers" in pg.readout.value
    pg.controls["hidden"].value = "4, 2"
    assert pg.network.layer_sizes == [2, 4, 2, 1] and pg.epoch == 0


def test_play_in_asyncio_does_not_block_and_pause_stops():
    async def session():
        pg = training_playground("xor", epochs_per_frame=2, canvas="png")
        pg.controls["play"].click()
        assert pg.playing and pg.loop.mode == "asyncio"
        await asyncio.sleep(0.6)           # the loop stays free while it trains
        epochs_while_playing = pg.epoch
        pg.controls["pause"].click()
        await asyncio.sleep(0.5)
        stopped_at = pg.epoch
        await asyncio.sleep(0.3)
        return pg, epochs_while_playing, stopped_at

    pg, during, stopped = asyncio.run(session())
    assert during > 0 and pg.epoch == stopped and not pg.playing
    np.testing.assert_allclose(pg.loss_curve.line.get_ydata(), pg.losses)


def test_play_outside_an_event_loop_uses_a_thread():
    pg = training_playground("xor", epochs_per_frame=2, canvas="png")
    pg.play()
    assert pg.loop.mode == "thread"
    deadline = time.time() + 20
    while pg.epoch < 4 and time.time() < deadline:
        time.sleep(0.02)
    pg.pause()
    pg.loop.join(timeout=20)
    assert pg.epoch >= 4 and pg.epoch % 2 == 0
    run = _run_by_hand("xor", epochs=pg.epoch)
    np.testing.assert_allclose(pg.losses, run.train_loss, rtol=1e-12)
    np.testing.assert_allclose(np.asarray(pg.boundary.image.get_array()),
                               run.network.predict(pg.boundary.grid).reshape(60, 60), rtol=1e-12)


def test_on_an_ipympl_canvas_frames_redraw_only_the_moving_parts():
    pg = training_playground("circles", hidden="4", canvas="ipympl")
    canvas = pg.figure.canvas
    canvas.syncing_data_url = False          # as if a browser view were showing it
    pg.refresh()
    assert pg._background is not None and pg.boundary.image.get_animated()
    full_draws = []
    canvas.mpl_connect("draw_event", lambda event: full_draws.append(1))
    pg.train_frames(2)                       # inside the first 50 epochs: the axes stay put
    assert not full_draws
    # the pixels sent are those of a full redraw
    fast = np.asarray(canvas.get_renderer().buffer_rgba()).copy()
    canvas.draw()
    np.testing.assert_array_equal(fast, np.asarray(canvas.get_renderer().buffer_rgba()))
    pg.close()


def test_the_playground_graph_is_the_static_network_graph():
    # The static figure (plots.network_graph) and the explorer draw the same thing.
    pg = training_playground("moons", hidden="3, 2", epochs_per_frame=4, canvas="png")
    pg.train_frames(2)
    fig = plots.network_graph(pg.network, pg.X)
    still = fig.axes[0]
    assert len(still.images) == len(pg.graph.images) == 2 + 3 + 2 + 1
    for a, b in zip(still.images, pg.graph.images):
        np.testing.assert_array_equal(a.get_array(), b.get_array())
        assert a.get_clim() == b.get_clim()
    np.testing.assert_array_equal(still.collections[0].get_linewidths(), pg.graph.edges.get_linewidths())
    plt.close(fig)


def test_descent_explorer_stops_at_the_step_limit_with_a_note():
    import nnviz.widgets
    explorer = nnviz.widgets.descent_explorer(canvas="png")
    for _ in range(gd.MAX_STEPS // 10_000 + 1):
        explorer.step(10_000)
    assert explorer.steps_taken == gd.MAX_STEPS
    assert "reset" in explorer.note
    explorer.reset()
    assert explorer.steps_taken == 0
    explorer.close()


def test_descent_explorer_loss_label_clears_its_log_ticks_after_diverging():
    # 06 [38] (findings): the loss axis label overlapped the log-scale tick labels.
    ex = descent_explorer(canvas="png", learn_rate=0.5)
    ex.run(60)
    ex.figure.canvas.draw()
    renderer = ex.figure.canvas.get_renderer()
    ax = ex.ax_loss
    label = ax.yaxis.label.get_window_extent(renderer)
    ticks = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_visible() and t.get_text()]
    assert ticks
    assert not any(label.overlaps(t) for t in ticks)
    ex.close()
