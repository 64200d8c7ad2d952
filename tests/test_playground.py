"""nnviz._playground: the training playground's controls made from the settings table, the
TensorFlow Playground features (issue 18), and what the learner reads in each situation the
2026-12-05 findings describe. Widgets are driven by setting controls; the picture is read
from the matplotlib figure (canvas="png") or from the numbers the page is sent ("paint")."""
import os

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnviz  # noqa: E402
from nnviz import Status  # noqa: E402
from nnviz._paint import frame_bytes, frame_numbers  # noqa: E402
from nnviz._playground import CONTROL_SETTINGS, rules_sentence, tip, training_playground  # noqa: E402
from nnviz.training import NEW_RUN, NEXT_EPOCH, SETTINGS  # noqa: E402


@pytest.fixture
def pg():
    made = []

    def make(*args, **kwargs):
        kwargs.setdefault("canvas", "png")
        made.append(training_playground(*args, **kwargs))
        return made[-1]
    yield make
    for p in made:
        p.close()


def test_every_setting_control_comes_from_the_table(pg):
    p = pg()
    for name in CONTROL_SETTINGS:
        s = SETTINGS[name]
        assert p.controls[name].tooltip == tip(name)
        assert tip(name).startswith(s.tip)
        assert tip(name).endswith("Starts a new network." if s.applies == NEW_RUN
                                  else "Applies from the next epoch on.")
    rules = rules_sentence(False)
    new = rules.split("start a")[0].lower()
    later = rules.split("start a")[1].split("apply")[0]
    for name in CONTROL_SETTINGS:
        part = new if SETTINGS[name].applies == NEW_RUN else later
        assert SETTINGS[name].shown in part, name
    assert p.rules.value == rules
    import nnviz._widgets_training as wt
    assert not hasattr(wt, "NEW_RUN_CONTROLS") and not hasattr(wt, "FROM_NOW_ON_CONTROLS")


def test_new_run_settings_make_a_new_network_and_next_epoch_settings_keep_it(pg):
    p = pg("circles")
    p.train_frames(2)
    assert p.controls["reg_rate"].disabled          # no penalty: its rate greyed out
    p.controls["regularization"].value = "L2"
    assert not p.controls["reg_rate"].disabled
    p.controls["reg_rate"].value = 0.01
    assert p.epoch == 10 and p.run.regularization == "L2" and p.run.reg_rate == 0.01
    assert "regularization = L2" in p.readout.value or "reg_rate = 0.01" in p.readout.value
    assert "from epoch 11 on" in p.readout.value
    assert p.loss_title.get_text().endswith("batch 10, L2 0.01)")
    p.controls["features"].value = ("x1", "x2", "x1^2", "x2^2")
    assert p.epoch == 0 and p.network.layer_sizes == [4, 4, 1]
    assert p.run.regularization == "L2"            # next-epoch settings carry over
    assert "inputs changed: a new network, from epoch 0." in p.readout.value
    # the graph names its inputs by feature
    names = [t.get_text() for t in p.ax_graph.texts]
    assert {"x₁", "x₂", "x₁²", "x₂²"} <= set(names)


def test_features_toggle_one_by_one_and_no_features_is_refused_in_words(pg):
    p = pg("xor")
    control = p.controls["features"]
    control.toggles["x1*x2"].value = True
    assert p.run.features == ("x1", "x2", "x1*x2") and p.network.layer_sizes[0] == 3
    control.toggles["x1"].value = False
    control.toggles["x2"].value = False
    assert p.run.features == ("x1*x2",) and p.network.layer_sizes == [1, 4, 1]
    control.toggles["x1*x2"].value = False
    assert p.run.features == ("x1*x2",)              # no inputs at all: the run keeps its own
    assert "not changed: features must be a non-empty list" in p.readout.value


def test_discretize_shows_the_class_and_show_test_hides_the_test_points(pg):
    p = pg("circles")
    p.train_frames(10)
    shade = p.boundary.image.get_array().copy()
    p.controls["discretize"].value = True
    sharp = np.asarray(p.boundary.image.get_array())
    assert set(np.unique(sharp)) <= {0.0, 1.0}
    np.testing.assert_array_equal(sharp, (shade > 0.5).astype(float))
    assert p.boundary.test_points[0].get_visible()
    p.controls["show_test"].value = False
    assert not any(s.get_visible() for s in p.boundary.test_points)
    assert len(p.boundary.wrong.get_xdata()) <= int(np.sum((p.run.plane.predict(p.run.X_train) > 0.5)
                                                       != (p.run.y_train > 0.5)))


def test_painted_discretize_and_show_test_are_sent_to_the_page(pg):
    p = pg("circles", canvas="paint")
    p.train_frames(4)
    p.controls["discretize"].value = True
    assert set(np.frombuffer(p.view.boundary, np.uint8)) <= {0, 255}
    p.controls["show_test"].value = False
    assert p.view.show_test is False


def test_show_gradients_sizes_the_edges_by_the_next_batchs_gradient(pg):
    p = pg("circles", hidden="3", canvas="paint")
    p.train_frames(2)
    before = frame_bytes(p.picture.numbers)
    assert len(p.view.gradients) == 0
    p.controls["show_gradients"].value = True
    grads = np.frombuffer(p.view.gradients, np.float32)
    expected = np.abs(np.concatenate([g.ravel() for g in p.run.gradients()[0::2]]))
    np.testing.assert_allclose(grads, expected, rtol=1e-6)
    assert "edges sized by |dL/dw|" in p.view.titles[1]
    after = frame_bytes(p.picture.numbers)
    assert after - before == 4 * len(expected) and after <= 2 * before     # issue 18's budget
    # matplotlib draws the same widths
    q = pg("circles", hidden="3", canvas="png")
    q.train_frames(2)
    q.controls["show_gradients"].value = True
    widths = q.graph.edges.get_linewidths()
    np.testing.assert_allclose(widths, 0.3 + 3.2 * expected / expected.max(), rtol=1e-5)


def test_click_an_edge_sets_its_weight_and_the_network_goes_on(pg):
    p = pg("xor", hidden="3", canvas="paint")
    p.train_frames(1)
    p.view._on_page_message(p.view, {"type": "weight", "index": 4, "value": -2.5}, [])
    assert p.network.weights[0][2, 0] == -2.5         # W1 row 2 (neuron 3), column 0 (x1)
    assert np.frombuffer(p.view.weights, np.float32)[4] == -2.5
    assert "weight from neuron 1 of layer 0 to neuron 3 of layer 1 set to -2.5" in p.readout.value
    p.view._on_page_message(p.view, {"type": "weight", "index": 4, "value": "abc"}, [])
    assert p.network.weights[0][2, 0] == -2.5 and "not changed" in p.readout.value
    p.train_frames(1)
    assert p.epoch == 10


def test_plus_and_minus_on_the_graph_change_neurons_and_layers(pg):
    p = pg("xor", hidden="4", canvas="paint")
    send = (lambda layer, change: p.view._on_page_message(
        p.view, {"type": "layers", "layer": layer, "change": change}, []))
    send(1, +1)
    assert p.run.hidden == (5,) and p.controls["hidden"].value == "5"
    send(None, +1)
    assert p.run.hidden == (5, 5) and p.view.layer_sizes == [2, 5, 5, 1]
    send(2, -1)
    assert p.run.hidden == (5, 4)
    send(None, -1)
    send(None, -1)
    assert p.run.hidden == () and p.network.layer_sizes == [2, 1]
    send(None, +1)
    assert p.run.hidden == (2,)


def test_the_state_text_loads_back_the_same_run_and_controls(pg):
    p = pg("moons", hidden="5", features=("x1", "x2", "sin(x1)"), regularization="L1",
           reg_rate=0.003, learn_rate=0.3, batch_size=None)
    p.train_frames(4)
    p.controls["click_adds"].value = 0
    p.add_point(0.5, 0.25)
    p.inspect.selected_index = 2
    text = p.state_text.value
    assert text == p.state() and text.startswith("nnviz-run-1:")
    q = pg()
    q.state_text.value = text
    q.load_button.click()
    assert q.run.settings == p.run.settings | {"max_epochs": q.run.max_epochs}
    for a, b in zip(p.network.params, q.network.params):
        np.testing.assert_array_equal(a, b)
    assert q.controls["dataset"].value == "moons" and q.controls["hidden"].value == "5"
    assert q.controls["features"].value == ("x1", "x2", "sin(x1)")
    assert q.controls["batch_size"].label == "all (full batch)"
    assert q.right == p.right and "loaded the run from its state" in q.readout.value
    q.load_state("nnviz-run-1:garbage")
    assert "not loaded: state is damaged" in q.readout.value and q.run.dataset == "moons"
    # the page's address: a #nnviz=... link opens the playground in that state
    r = pg(canvas="paint")
    r.view._on_page_message(r.view, {"type": "state", "state": text}, [])
    assert r.run.dataset == "moons" and r.run.features == ("x1", "x2", "sin(x1)")
    r.inspect.selected_index = 2
    assert r.view.share == r.state()
    assert training_playground(state=text, canvas="png").run.settings["hidden"] == (5,)


# --- the findings of 2026-12-05, each set up and read as the learner reads it ---------------

def test_slow_learning_reads_crawling_and_names_eta(pg):
    p = pg("circles", learn_rate=0.001, epochs_per_frame=50)
    p.train_frames(12)
    assert p.status is Status.CRAWLING
    assert "<b style='color:#8a6d00'>crawling</b>: the loss falls, but slowly" in p.readout.value
    assert "η = 0.001 makes tiny steps" in p.readout.value and "hidden neurons" not in p.readout.value
    assert p.progress.bar_style == "warning"


def test_eta_10_batch_1_never_says_larger_and_smaller_at_once(pg):
    p = pg("circles", learn_rate=10, batch_size=1, epochs_per_frame=50)
    for _ in range(6):
        p.train_frames(1)
        text = p.readout.value
        assert not ("larger learning rate" in text and ("lower it" in text or "try 1 and reset" in text))


def test_the_batch_dropdown_shows_all_after_full_batch(pg):
    p = pg()
    p.controls["batch_size"].value = "all"
    assert p.run.batch_size is None
    assert p.controls["batch_size"].index == 3 and p.controls["batch_size"].label == "all (full batch)"
    q = pg(batch_size=None)
    assert q.controls["batch_size"].label == "all (full batch)" and q.run.batch_size is None


def test_after_clear_my_points_the_accuracy_is_of_the_points_left(pg):
    p = pg("circles", epochs_per_frame=50)
    p.train_frames(6)
    p.controls["click_adds"].value = 1
    for x in np.linspace(-0.3, 0.3, 10):           # class 1 where class 0 lives: all wrong
        p.add_point(x, 1.2)
    p.train_frames(1)
    with_mine = p.run.train_accuracy[-1]
    p.clear_points()
    right = p.run.accuracy(p.run.X_train, p.run.y_train)
    assert f"{100 * right:.1f}%" in p.readout.value and "100 train + 0 yours" in p.readout.value
    assert right != with_mine and f"{100 * with_mine:.1f}%" not in p.readout.value


def test_stop_at_epoch_keeps_the_diagnosis_in_view_and_defaults_far_away(pg):
    p = pg("circles", epochs_per_frame=50, max_epochs=600)
    p.train_frames(13)
    assert p.epoch == 600 and p.status is Status.STOPPED
    text = p.readout.value
    assert "<b style='color:#009E73'>converged</b>: 9" in text
    assert "stopped at epoch 600" in text and text.index("converged") < text.index("stopped at epoch")
    assert p.progress.bar_style == "success"
    assert pg().run.max_epochs == 10_000


def test_stop_at_epoch_is_a_text_box_applied_on_enter(pg):
    import ipywidgets
    p = pg("xor", epochs_per_frame=5)
    box = p.controls["max_epochs"]
    assert isinstance(box, ipywidgets.Text) and box.continuous_update is False   # Enter or leaving
    box.value = "15"
    p.train_frames(10)
    assert p.epoch == 15 and p.status is Status.STOPPED
    box.value = "ten"
    assert p.run.max_epochs == 15 and "stop at epoch must be a whole number such as 2000" in p.readout.value


def test_click_to_add_works_from_the_start_and_says_so(pg):
    p = pg("circles")
    assert p.controls["click_adds"].value == 1
    assert "click on the plane to add your own points" in p.empty_note.get_text()
    from matplotlib.backend_bases import MouseEvent
    px, py = p.ax_boundary.transData.transform((0.1, 0.1))
    MouseEvent("button_press_event", p.figure.canvas, px, py, button=1)._process()
    assert len(p.run.added[1]) == 1 and "(drawn large, ringed in yellow)" in p.readout.value


def test_the_learners_points_are_painted_apart(pg):
    p = pg("circles", canvas="paint")
    p.add_point(0.3, 0.3)
    numbers = frame_numbers(p.run)
    assert numbers["n_added"] == 1 and p.view.n_added == 1
    points = np.frombuffer(p.view.points, np.float32).reshape(-1, 3)
    np.testing.assert_allclose(points[p.view.n_train - 1], [0.3, 0.3, 1.0])


def test_right_is_the_readouts_numbers(pg):
    p = pg("circles", epochs_per_frame=50)
    p.train_frames(4)
    train, test = p.right
    assert f"{100 * train:.1f}%" in p.readout.value and f"{100 * test:.1f}%" in p.readout.value


def test_the_playground_module_is_not_the_numpy_model():
    import subprocess
    import sys
    code = ("import sys, nnviz.training; print([m for m in ('matplotlib', 'ipywidgets', 'anywidget') "
            "if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    import nnviz.widgets
    assert nnviz.widgets.training_playground is training_playground


def test_the_grey_note_fades_after_200_epochs(pg):
    p = pg("xor", epochs_per_frame=50)
    p.reset()
    assert "reset: the same random start" in p.readout.value
    p.train_frames(4)
    assert "reset: the same random start" in p.readout.value        # 200 epochs: still news
    p.train_frames(1)
    assert "reset:" not in p.readout.value                          # 250: gone


def test_show_large_draws_no_wrong_side_rings_over_a_neuron(pg):
    p = pg("circles", canvas="png")
    p.train_frames(2)
    assert len(p.boundary.wrong.get_xdata()) > 0
    p.controls["neuron"].value = (1, 0)
    assert len(p.boundary.wrong.get_xdata()) == 0
    q = pg("circles", canvas="paint")
    q.train_frames(2)
    q.view._on_page_message(q.view, {"type": "hover", "neuron": [1, 0]}, [])
    assert not any(q.view.wrong)


def test_a_blowing_up_loss_keeps_a_readable_loss_axis(pg):
    # Findings: linear output at η = 10 drew an empty loss box under a "1e+273" tick.
    p = pg("circles", output="linear", learn_rate=10, epochs_per_frame=2, canvas="paint")
    p.train_frames(3)
    top = p.view.loss_axes[1]
    assert np.max(p.run.train_loss[np.isfinite(p.run.train_loss)]) > 1e3 or p.status == "diverged"
    assert 0 < top <= 10.0 and p.loss_title.get_text().startswith("Loss per epoch")


# --- regression (issue 18) --------------------------------------------------------------------

def test_problem_control_switches_to_regression_with_its_data_output_and_readout(pg):
    p = pg("circles")
    assert list(p.controls["dataset"].options) == ["people", "xor", "circles", "moons", "spiral"]
    assert "right, train" in p.readout.value
    p.controls["problem"].value = "regression"
    run = p.run
    assert run.problem == "regression" and run.dataset == "plane" and run.output == "linear"
    assert list(p.controls["dataset"].options) == ["plane", "gaussians"]
    assert p.controls["dataset"].value == "plane" and p.controls["output"].value == "linear"
    assert p.controls["output"].disabled
    assert p.controls["click_adds"].label == "value +1 (blue ■)"        # a click adds a value
    assert "problem, dataset, output changed: a new network" in p.readout.value
    p.train_frames(60)
    error = run.typical_error()[0]
    assert "typical error √MSE, train" in p.readout.value and f"±{error:.3g}" in p.readout.value
    assert "right, train" not in p.readout.value
    assert "(MSE, target's units²)" in p.loss_title.get_text()
    assert "loss: mean squared error, in the target&#x27;s units squared; typical error: √MSE" in p.readout.value
    assert "typical error √MSE is" in p.readout.value
    p.controls["dataset"].value = "gaussians"
    assert p.run.dataset == "gaussians" and p.run.problem == "regression"
    p.controls["problem"].value = "classification"
    assert (p.run.dataset, p.run.output, p.controls["output"].disabled) == ("circles", "sigmoid", False)
    assert list(p.controls["dataset"].options)[0] == "people"


def test_regression_pictures_colour_output_and_points_by_value_on_one_scale(pg):
    from nnviz._plots_playground import PROBABILITY_CMAP
    p = pg("plane", problem="regression", hidden="", canvas="paint")
    p.train_frames(20)
    run = p.run
    numbers = p.picture.numbers
    assert numbers["boundary_range"] == [-1.0, 1.0] and numbers["point_range"] == [-1.0, 1.0]
    assert p.view.point_range == [-1.0, 1.0]
    assert not numbers["wrong"].any()                 # no wrong side in regression
    # the painted output is the network's value on -1..1: the corner (high, high) is blue-end
    grid = np.frombuffer(p.view.boundary, np.uint8).reshape(60, 60)
    assert grid[-1, -1] > 200 and grid[0, 0] < 55 and 100 < grid[30, 30] < 155
    np.testing.assert_allclose(np.frombuffer(p.view.points, np.float32).reshape(-1, 3)[:, 2],
                               run.y.astype(np.float32))
    # matplotlib draws the same: the image on the same range, the points coloured by value
    assert pg("gaussians", problem="regression").controls["dataset"].value == "gaussians"
    q = pg("plane", problem="regression", hidden="", canvas="png")
    q.train_frames(20)
    assert q.boundary.image.get_clim() == (-1.0, 1.0)
    # circles below the middle of the scale, squares above (as painted); each filled by value
    low, high, test_low, test_high = q.still.valued
    y, y_test = q.run.y_train, q.run.y_test
    np.testing.assert_array_equal(low.get_array(), y[y <= 0])
    np.testing.assert_array_equal(high.get_array(), y[y > 0])
    np.testing.assert_array_equal(high.get_offsets(), q.run.X_train[y > 0])
    np.testing.assert_array_equal(np.sort(np.r_[test_low.get_array(), test_high.get_array()]), np.sort(y_test))
    assert high.get_cmap() is PROBABILITY_CMAP and high.get_clim() == (-1.0, 1.0)
    assert all(len(s.get_offsets()) == 0 for s in q.boundary.points)       # no class scatters
    assert len(q.boundary.wrong.get_xdata()) == 0
    np.testing.assert_allclose(q.boundary.values, grid_values(q), rtol=0, atol=1e-12)
    # the budget: a regression frame sends no more numbers than a classification frame
    c = pg("circles", hidden="", canvas="paint")
    c.train_frames(1)
    assert frame_bytes(numbers) == frame_bytes(c.picture.numbers) <= 2 * frame_bytes(c.picture.numbers)


def grid_values(p):
    return p.run.plane.predict(p.boundary.grid).reshape(60, 60)


def test_a_click_in_regression_adds_a_value_at_an_end_of_the_scale(pg):
    p = pg("plane", problem="regression")
    p.add_point(0.3, -0.2)                       # 'a click adds' class 1 (blue): the value +1
    p.controls["click_adds"].value = 0
    p.add_point(-0.5, 0.5)
    np.testing.assert_array_equal(p.run.added[1], [1.0, -1.0])
    assert "added a value -1 point at (-0.50, 0.50)" in p.readout.value
    state = p.state()
    q = pg(state=state)
    assert q.run.problem == "regression" and q.controls["problem"].value == "regression"
    assert list(q.controls["dataset"].options) == ["plane", "gaussians"]
