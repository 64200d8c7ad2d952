"""The training figures: the pictures show the core's own numbers (nnviz.gd itself: test_gd.py)."""
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import nnviz  # noqa: E402
from nnviz import gd  # noqa: E402
from nnviz import plots, style  # noqa: E402


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def line_xy():
    return gd.line_data()


# --- figures --------------------------------------------------------------------------------

def _net_and_people():
    X, y = nnviz.data.people()
    net = nnviz.Network([2, 2, 1], seed=1)
    return net, X, y


def test_loss_curve_shows_the_history():
    net, X, y = _net_and_people()
    history = net.train(X, y, learn_rate=0.1, epochs=40)
    fig = plots.loss_curve(history)
    line = fig.axes[0].lines[0]
    np.testing.assert_array_equal(line.get_xdata(), np.arange(1, 41))
    np.testing.assert_array_equal(line.get_ydata(), history.loss)
    fig2 = plots.loss_curve(list(history.loss), log=True)
    assert fig2.axes[0].get_yscale() == "log"


def test_loss_curve_overlays_labelled_runs_in_distinct_styles():
    net, X, y = _net_and_people()
    histories = {f"learn_rate = {lr}": net.copy().train(X, y, learn_rate=lr, epochs=30)
                 for lr in (0.01, 0.1, 1.0)}
    histories["by hand"] = [0.3, 0.2, 0.15]
    fig = plots.loss_curve(histories, log=True)
    ax = fig.axes[0]
    assert len(ax.lines) == 4
    for line, (label, run) in zip(ax.lines, histories.items()):
        expected = run.loss if hasattr(run, "loss") else run
        np.testing.assert_array_equal(line.get_xdata(), np.arange(1, len(expected) + 1))
        np.testing.assert_array_equal(line.get_ydata(), expected)
        assert line.get_label() == label
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(histories)
    colours = [to_hex(line.get_color()).upper() for line in ax.lines]
    styles = [line.get_linestyle() for line in ax.lines]
    assert len(set(colours)) == 4 and len(set(styles)) == 4
    assert set(colours) <= {c.upper() for c in style.COLORS}
    assert ax.get_yscale() == "log"
    assert ax.get_xlim()[1] >= 30          # the longest run fits
    all_losses = np.concatenate([h.loss for h in list(histories.values())[:3]])
    assert ax.get_ylim()[0] <= all_losses.min() and ax.get_ylim()[1] >= all_losses.max()
    fig.canvas.draw()


def test_loss_curve_overlay_of_descents_counts_steps(line_xy):
    x, y = line_xy
    runs = {lr: gd.line_descent(x, y, learn_rate=lr, steps=40) for lr in (0.003, 0.1, 0.9)}
    fig = plots.loss_curve({f"learn_rate = {lr}": run for lr, run in runs.items()}, log=True)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "step" and ax.get_title() == "Loss after each step"
    for line, run in zip(ax.lines, runs.values()):
        np.testing.assert_array_equal(line.get_xdata(), np.arange(len(run.losses)))
    fig.canvas.draw()                     # the diverged run's inf is a gap, without warnings
    with pytest.raises(ValueError, match="at least one run, got an empty dict"):
        plots.loss_curve({})


def test_given_axes_are_used_and_no_figure_is_made():
    fig, ax = plt.subplots()
    before = plt.get_fignums()
    assert plots.loss_curve([3.0, 2.0, 1.0], ax=ax) is fig
    assert plots.line_fit([0, 1, 2], [1, 3, 5], 2.0, 1.0, ax=ax) is fig
    assert plt.get_fignums() == before


def test_param_names_follow_the_diagram():
    net = nnviz.Network([2, 2, 1])
    names = plots.param_names(net)
    assert names["w1"] == (0, (0, 0)) and names["w2"] == (0, (0, 1)) and names["w3"] == (0, (1, 0))
    assert names["w5"] == (2, (0, 0)) and names["w6"] == (2, (0, 1))
    assert names["b1"] == (1, (0,)) and names["b2"] == (1, (1,)) and names["b3"] == (3, (0,))
    assert sorted(names) == sorted([f"w{k}" for k in range(1, 7)] + ["b1", "b2", "b3"])


def test_loss_vs_parameter_marks_the_loss_and_slope():
    net, X, y = _net_and_people()
    before = [p.copy() for p in net.params]
    fig = plots.loss_vs_parameter(net, X, y, param="w5", span=3.0)
    ax = fig.axes[0]
    curve, tangent, point = ax.lines[:3]
    w5 = net.params[2][0, 0]
    assert point.get_xdata()[0] == w5 and point.get_ydata()[0] == pytest.approx(net.loss(X, y))
    ws, losses = curve.get_xdata(), curve.get_ydata()
    assert ws[0] == pytest.approx(w5 - 3) and ws[-1] == pytest.approx(w5 + 3)
    k = 17
    other = net.copy()
    other.params[2][0, 0] = ws[k]
    assert losses[k] == pytest.approx(other.loss(X, y))
    (x0, x1), (y0, y1) = tangent.get_xdata(), tangent.get_ydata()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(net.gradients(X, y)[2][0, 0])
    for p, q in zip(net.params, before):        # the network is as it was
        np.testing.assert_array_equal(p, q)
    same = plots.loss_vs_parameter(net, X, y, param=(2, (0, 0)), span=3.0)
    np.testing.assert_array_equal(same.axes[0].lines[0].get_ydata(), losses)


def test_loss_vs_parameter_rejects_unknown_names():
    net, X, y = _net_and_people()
    with pytest.raises(ValueError, match="param must be one of .*got 'w9'"):
        plots.loss_vs_parameter(net, X, y, param="w9")
    with pytest.raises(ValueError, match="param must be a name such as 'w1'"):
        plots.loss_vs_parameter(net, X, y, param=(7, 0))


def test_loss_contours_draw_the_descent_path(line_xy):
    x, y = line_xy
    d = gd.line_descent(x, y, -1.0, 4.0, learn_rate=0.1, steps=30)
    fig = plots.loss_contours((x, y), path=d)
    ax = fig.axes[0]
    path_line = ax.lines[0]
    np.testing.assert_array_equal(path_line.get_xdata(), d.path[:, 0])
    np.testing.assert_array_equal(path_line.get_ydata(), d.path[:, 1])
    best = ax.lines[3]
    np.testing.assert_allclose([best.get_xdata()[0], best.get_ydata()[0]], gd.line_best_fit(x, y))


def test_loss_contours_over_two_network_weights():
    net, X, y = _net_and_people()
    fig = plots.loss_contours(net, X=X, y=y, params=("w1", "w5"), span=2.0, resolution=9)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "w1" and ax.get_ylabel() == "w5"
    assert ax.get_xlim() == pytest.approx((net.params[0][0, 0] - 2, net.params[0][0, 0] + 2))
    now = ax.lines[1]             # the black dot: the network's current (w1, w5)
    assert len(ax.lines[2].get_xdata()) == 0      # no star on top of it
    assert (now.get_xdata()[0], now.get_ydata()[0]) == (net.params[0][0, 0], net.params[2][0, 0])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["now"]
    with pytest.raises(ValueError, match="X and y must be given"):
        plots.loss_contours(net)


def test_loss_curve_of_a_diverged_descent(line_xy):
    x, y = line_xy
    d = gd.line_descent(x, y, learn_rate=0.9, steps=100)
    assert d.diverged
    fig = plots.loss_curve(d, log=True)
    steps, losses = (np.asarray(v, float) for v in fig.axes[0].lines[0].get_data())
    np.testing.assert_array_equal(steps, np.arange(len(d.losses)))
    finite = np.isfinite(d.losses)
    np.testing.assert_array_equal(losses[finite], d.losses[finite])
    assert fig.axes[0].get_xlabel() == "step"
    fig.canvas.draw()             # inf drawn as a gap, without warnings


def test_decision_boundary_image_is_the_network_output():
    X, y = nnviz.data.xor(n=60, seed=0)
    net = nnviz.Network([2, 3, 1], activation="tanh", seed=0)
    fig = plots.decision_boundary(net, X, y, resolution=25)
    image = fig.axes[0].images[0]
    shown = np.asarray(image.get_array())
    lo = X.min(axis=0) - 0.15 * (X.max(axis=0) - X.min(axis=0))
    hi = X.max(axis=0) + 0.15 * (X.max(axis=0) - X.min(axis=0))
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], 25), np.linspace(lo[1], hi[1], 25))
    expected = net.predict(np.column_stack([g1.ravel(), g2.ravel()])).reshape(25, 25)
    np.testing.assert_allclose(shown, expected, rtol=1e-12)
    class1 = fig.axes[0].collections[1].get_offsets()
    np.testing.assert_array_equal(class1, X[y == 1])


def test_decision_boundary_for_people_in_raw_units():
    X, y = nnviz.data.people()
    net = nnviz.Network([2, 2, 1], seed=0)
    net.train(X, y, learn_rate=0.1, epochs=300)
    raw = plots.decision_boundary(net, X, y, units="raw", new_people=True)
    shifted = plots.decision_boundary(net, X, y, units="shifted")
    ax_raw, ax_shift = raw.axes[0], shifted.axes[0]
    assert ax_raw.get_xlabel() == "weight (lb)" and ax_raw.get_ylabel() == "height (in)"
    assert "135" in ax_shift.get_xlabel() and "66" in ax_shift.get_ylabel()
    np.testing.assert_array_equal(ax_raw.collections[1].get_offsets(),
                                  nnviz.data.people(shifted=False)[0][y == 1])
    legend = [t.get_text() for t in ax_raw.get_legend().get_texts()]
    assert legend == ["male (0)", "female (1)", "new people"]
    texts = {t.get_text() for t in ax_raw.texts}
    emily, frank = net.predict(nnviz.data.new_people()[0])
    assert f"Emily: {emily:.2f}" in texts and f"Frank: {frank:.2f}" in texts
    with pytest.raises(ValueError, match="units must be one of 'raw', 'shifted', got 'pounds'"):
        plots.decision_boundary(net, X, y, units="pounds")


def test_line_fit_draws_residuals():
    x, y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 2.0, 7.0])
    fig = plots.line_fit(x, y, m=2.0, b=1.0)
    ax = fig.axes[0]
    segments = ax.collections[0].get_segments()
    for (start, end), xi, yi in zip(segments, x, y):
        np.testing.assert_allclose(start, [xi, yi])
        np.testing.assert_allclose(end, [xi, 2 * xi + 1])
    line = ax.lines[0]
    np.testing.assert_allclose(line.get_ydata(), 2 * np.asarray(line.get_xdata()) + 1)
    assert f"E = {nnviz.style.fmt(gd.line_loss(2, 1, x, y))}" in ax.texts[0].get_text()


def test_bumpy_curve_shows_the_path():
    d = gd.bumpy_descent(2.0, learn_rate=0.05, steps=10)
    fig = plots.bumpy_curve(d)
    path = fig.axes[0].lines[1]
    np.testing.assert_array_equal(path.get_xdata(), d.path[:, 0])
    np.testing.assert_allclose(path.get_ydata(), d.losses)


def test_every_public_function_has_a_docstring_naming_its_notebook():
    import inspect

    import nnviz._plots_training as module
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__ and any(nb in obj.__doc__ for nb in
                                       ("04_loss", "05_backprop", "06_gradient_descent", "07_training")), name
    for name in gd.__all__:
        obj = getattr(gd, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__ and "06_gradient_descent" in obj.__doc__, name


def test_network_graph_checks_its_arguments():
    net = nnviz.Network([2, 3, 1], seed=0)
    with pytest.raises(TypeError, match="network must be an nnviz.Network"):
        plots.network_graph("net")
    with pytest.raises(ValueError, match="network must have 2 inputs"):
        plots.network_graph(nnviz.Network([3, 1]))
    with pytest.raises(ValueError, match="resolution must be a whole number of at least 2"):
        plots.network_graph(net, resolution=0)
    with pytest.raises(ValueError, match="extent must be"):
        plots.NetworkGraphDrawer(plt.figure().add_subplot(), [2, 3, 1], (1, 0, 0, 1))
    with pytest.raises(ValueError, match="at most 64 neurons"):
        plots.NetworkGraphDrawer(plt.figure().add_subplot(), [2, 10 ** 9, 1], (0, 1, 0, 1))


def test_loss_contours_legend_lists_only_what_is_drawn():
    # 06 [19]/[20]: one point is the black dot "now"; 06 [34]: a diverged walk ends off the
    # map, and the legend says so instead of listing a star that is not there.
    x, y = gd.line_data()
    fig = plots.loss_contours((x, y), path=[[0.5, 0.0]], ranges=((-1, 5), (-2, 4)))
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["now", "minimum"]
    now = legend.legend_handles[0]
    assert to_hex(now.get_color()) == to_hex(style.BLACK) and now.get_marker() == "o"
    with np.errstate(all="ignore"):
        run = gd.line_descent(x, y, m=0.5, b=0.0, learn_rate=0.3, steps=30)
    fig = plots.loss_contours((x, y), path=run, ranges=((-1, 5), (-2, 4)))
    assert "now (off the map)" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    run = gd.line_descent(x, y, m=0.5, b=0.0, learn_rate=0.1, steps=30)
    fig = plots.loss_contours((x, y), path=run, ranges=((-1, 5), (-2, 4)))
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "descent path", "start", "now", "minimum"]


def test_decision_boundary_markers_outlined_people_named_wrong_ones_ringed():
    # 07 [31] (findings): markers visible on any background, the people labelled, the
    # misclassified points marked.
    X, y = nnviz.data.people()
    net = nnviz.Network([2, 2, 1], seed=0)          # untrained: gets some of them wrong
    fig = plots.decision_boundary(net, X, y, units="shifted")
    ax = fig.axes[0]
    for scatter in ax.collections[:2]:
        assert all(to_hex(c) == to_hex(style.BLACK) for c in scatter.get_edgecolors())
    texts = {t.get_text() for t in ax.texts}
    assert set(nnviz.data.PEOPLE) <= texts
    wrong = (net.predict(X).ravel() >= 0.5) != (y.ravel() >= 0.5)
    assert wrong.any()
    drawn = [line for line in ax.lines if line.get_label() != "_nolegend_" and "wrong" in line.get_label()]
    rings = drawn[0] if drawn else None
    assert rings is not None, [line.get_label() for line in ax.lines]
    np.testing.assert_allclose(np.column_stack(rings.get_data()), X[wrong])


def test_bumpy_curve_alone_lists_only_the_curve():
    # 06 [5] (findings): the legend listed "descent path" and "now", neither drawn; the
    # title named a colour ("vermillion").
    fig = plots.bumpy_curve()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["loss E(w)"]
    assert "vermillion" not in ax.get_title().lower()


def test_new_peoples_labels_keep_clear_of_the_four_peoples_markers():
    # 07: "Emily: 0.97" sat on Alice's square (learner findings, 2026-12-05).
    X, y = nnviz.data.people()
    net = nnviz.Network([2, 2, 1], seed=0)
    net.train(X, y, learn_rate=0.1, epochs=1000)
    fig = nnviz.plots.decision_boundary(net, X, y, units="raw", new_people=True)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    labels = [t for t in ax.texts if ":" in t.get_text()]
    assert sorted(t.get_text().split(":")[0] for t in labels) == ["Emily", "Frank"]
    markers = ax.transData.transform(X + nnviz.data.SHIFT)
    names = [t.get_window_extent(renderer) for t in ax.texts if t.get_text() in nnviz.data.PEOPLE]
    assert len(names) == 4

    def gap(box, other):     # pixels between two boxes (0 when they touch or overlap)
        return np.hypot(max(other.x0 - box.x1, box.x0 - other.x1, 0),
                        max(other.y0 - box.y1, box.y0 - other.y1, 0))

    for label in labels:
        box = label.get_window_extent(renderer)
        marker_gaps = [gap(box, type(box).from_bounds(mx, my, 0, 0)) for mx, my in markers]
        name_gaps = [gap(box, name) for name in names]
        assert min(marker_gaps) >= 20, (label.get_text(), np.round(marker_gaps, 1))   # at 100 dpi
        assert min(name_gaps) >= 12, (label.get_text(), np.round(name_gaps, 1))
