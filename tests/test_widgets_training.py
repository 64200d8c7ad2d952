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
    assert "dL/dw1 = +0.0215 &gt; 0: decreasing w1 lowers the loss." in ex.readout.value
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
    ex.controls["run"].click()
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
    ex.controls["run"].click()
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
    assert ex.controls["m"].disabled and not ex.controls["w"].disabled


def test_diverged_path_is_reported_without_warnings():
    ex = descent_explorer("bumpy", canvas="png")
    ex.controls["learn_rate"].value = 1.0
    ex.step(100)            # pytest turns any RuntimeWarning into an error
    assert ex.descent.diverged
    assert "diverged: after" in ex.readout.value


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

def _trained_by_hand(dataset, hidden, activation, learn_rate, batch_size, epochs, output="sigmoid"):
    X, y = nnviz.data.make(dataset, n=200, seed=0)
    net = nnviz.Network([2, *hidden, 1], activation=activation, output_activation=output, seed=0)
    history = net.train(X, y, learn_rate=learn_rate, epochs=epochs, batch_size=batch_size)
    return net, history, X, y


@pytest.mark.parametrize("batch_size", [1, 10, None])
def test_frames_train_like_network_train(batch_size):
    pg = training_playground("moons", hidden="4, 3", activation="tanh", learn_rate=0.2,
                             batch_size=batch_size, epochs_per_frame=4, canvas="png")
    fig = pg.figure
    pg.train_frames(5)
    net, history, X, y = _trained_by_hand("moons", [4, 3], "tanh", 0.2, batch_size, 20)
    assert pg.epoch == history.epochs == 20
    np.testing.assert_allclose(pg.losses, history.loss, rtol=1e-12)
    for p, q in zip(pg.network.params, net.params):
        np.testing.assert_allclose(p, q, rtol=1e-12)
    # the live loss curve and the epoch counter
    ex_, ey_ = _xy(pg.loss_curve.line)
    np.testing.assert_array_equal(ex_, np.arange(1, 21))
    np.testing.assert_allclose(ey_, history.loss)
    assert pg.progress.value == 20 and pg.progress.description == "epoch 20"
    assert "<td style='padding:1px 8px;text-align:right'>20</td>" in pg.readout.value
    # the boundary image is the network's output on the grid
    image = np.asarray(pg.boundary.image.get_array())
    expected = net.predict(pg.boundary.grid).reshape(image.shape)
    np.testing.assert_allclose(image, expected, rtol=1e-12)
    assert image.shape == (60, 60)
    assert pg.figure is fig and pg.boundary.image is pg.ax_boundary.images[0]
    assert len(pg.ax_boundary.images) == 1


def test_step_button_and_weights_table():
    pg = training_playground("xor", hidden="2", epochs_per_frame=3, canvas="png")
    pg.controls["step"].click()
    pg.controls["step"].click()
    assert pg.epoch == 6
    w = pg.network.params[0][1, 0]
    assert nnviz.style.fmt(w) in pg.weights_html.value
    assert "layer 2: W2, b2" in pg.weights_html.value


def test_changing_the_problem_resets_and_redraws_points():
    pg = training_playground("xor", canvas="png")
    pg.train_frames(2)
    pg.controls["dataset"].value = "circles"
    assert pg.epoch == 0 and len(pg.loss_curve.line.get_xdata()) == 0
    X, y = nnviz.data.circles(n=200, seed=0)
    np.testing.assert_array_equal(pg.boundary.points[0].get_offsets(), X[y == 0])
    np.testing.assert_array_equal(pg.boundary.points[1].get_offsets(), X[y == 1])
    pg.controls["hidden"].value = "3, 2"
    assert pg.network.layer_sizes == [2, 3, 2, 1]
    pg.controls["activation"].value = "relu"
    assert pg.network.activation == "relu"
    pg.controls["dataset"].value = "people"
    assert pg.ax_boundary.get_xlabel().startswith("weight (lb")
    np.testing.assert_array_equal(np.asarray(pg.boundary.points[1].get_offsets()),
                                  nnviz.data.people()[0][nnviz.data.people()[1] == 1])


def test_learning_rate_change_keeps_training():
    pg = training_playground("xor", learn_rate=0.1, epochs_per_frame=2, canvas="png")
    pg.train_frames(1)
    pg.controls["learn_rate"].value = 0.5
    assert pg.epoch == 2
    pg.train_frames(1)
    net, h1, X, y = _trained_by_hand("xor", [4], "tanh", 0.1, 10, 2)
    h2 = net.train(X, y, learn_rate=0.5, epochs=2, batch_size=10)
    np.testing.assert_allclose(pg.losses, np.concatenate([h1.loss, h2.loss]), rtol=1e-12)


def test_training_settings_are_drawn_in_the_picture():
    # A slider move shows on the canvas at once, and a saved frame says how it was trained.
    pg = training_playground("moons", learn_rate=0.1, batch_size=10, canvas="png")
    assert pg.loss_title.get_text() == "Loss per epoch (η = 0.1, batch 10)"
    before = pg.figure_widget.value          # the PNG the learner sees (fallback canvas)
    pg.controls["learn_rate"].value = 0.5
    assert pg.loss_title.get_text() == "Loss per epoch (η = 0.5, batch 10)"
    assert pg.figure_widget.value != before
    pg.controls["batch_size"].value = None
    assert pg.loss_title.get_text() == "Loss per epoch (η = 0.5, full batch)"
    pg.close()


def test_reset_gives_the_same_fresh_network():
    pg = training_playground("moons", canvas="png")
    start = [p.copy() for p in pg.network.params]
    pg.train_frames(3)
    pg.controls["reset"].click()
    assert pg.epoch == 0
    for p, q in zip(pg.network.params, start):
        np.testing.assert_array_equal(p, q)


def test_divergence_is_reported_in_words():
    pg = training_playground("people", hidden="4", activation="relu", output="linear",
                             learn_rate=1.0, batch_size=1, canvas="png")
    pg.train_frames(10)        # a DivergenceWarning would fail this test
    assert pg.message.startswith("diverged: in epoch")
    assert "diverged: in epoch" in pg.readout.value
    assert pg.progress.bar_style == "danger"
    epochs = pg.epoch
    pg.train_frames(3)          # nothing more happens until reset
    assert pg.epoch == epochs
    pg.controls["reset"].click()
    assert pg.message == "" and pg.epoch == 0


def test_stops_at_max_epochs():
    pg = training_playground("xor", epochs_per_frame=4, max_epochs=10, canvas="png")
    pg.train_frames(5)
    assert pg.epoch == 10 and "stopped at epoch 10" in pg.readout.value
    pg.controls["max_epochs"].value = 20      # raise the limit: training goes on
    pg.train_frames(2)
    assert pg.epoch == 18 and "stopped" not in pg.readout.value


def test_play_again_after_pause_runs_one_runner_at_a_time():
    pg = training_playground("xor", epochs_per_frame=1, canvas="png")
    pg.play()
    first = pg._runner
    pg.pause()
    pg.play()                 # at once: the first runner may still be inside its frame
    second = pg._runner
    deadline = time.time() + 10
    while pg.epoch < 3 and time.time() < deadline:
        time.sleep(0.02)
    pg.pause()
    first.join(timeout=10)
    second.join(timeout=10)
    assert first is not second and not first.is_alive() and not second.is_alive()
    net, history, X, y = _trained_by_hand("xor", [4], "tanh", 0.1, 10, pg.epoch)
    np.testing.assert_allclose(pg.losses, history.loss, rtol=1e-12)


def test_bad_hidden_sizes_name_the_parameter():
    with pytest.raises(ValueError, match="hidden must be whole numbers separated by commas.*'4, x'"):
        training_playground(hidden="4, x", canvas="png")
    with pytest.raises(ValueError, match="hidden layer 1 size must be a whole number of at least 1, got 0"):
        training_playground(hidden="0", canvas="png")


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
        assert pg.playing
        await asyncio.sleep(0.4)           # the loop stays free while it trains
        epochs_while_playing = pg.epoch
        pg.controls["pause"].click()
        await asyncio.sleep(0.15)
        stopped_at = pg.epoch
        await asyncio.sleep(0.15)
        return pg, epochs_while_playing, stopped_at

    pg, during, stopped = asyncio.run(session())
    assert during > 0 and pg.epoch == stopped and not pg.playing
    np.testing.assert_allclose(pg.loss_curve.line.get_ydata(), pg.losses)


def test_play_outside_an_event_loop_uses_a_thread():
    pg = training_playground("xor", epochs_per_frame=2, canvas="png")
    pg.play()
    deadline = time.time() + 10
    while pg.epoch < 4 and time.time() < deadline:
        time.sleep(0.02)
    pg.pause()
    pg._runner.join(timeout=10)
    assert not pg._runner.is_alive()
    assert pg.epoch >= 4 and pg.epoch % 2 == 0
    net, history, X, y = _trained_by_hand("xor", [4], "tanh", 0.1, 10, pg.epoch)
    np.testing.assert_allclose(pg.losses, history.loss, rtol=1e-12)
    np.testing.assert_allclose(np.asarray(pg.boundary.image.get_array()),
                               net.predict(pg.boundary.grid).reshape(60, 60), rtol=1e-12)
