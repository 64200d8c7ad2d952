"""The playground painted in the page (nnviz/_paint.py), without a browser.

The numbers the view sends are what the static matplotlib figures draw (the same grid, the
same weights, the same points: mpl-interactions' rule that a static figure and its
explorer show the same thing); the losses reach the page as increments with no epoch
dropped; the page's events (a click on the plane, the pointer over a neuron) become calls.
The page itself is tested in Chromium by tests/ui/test_paint_ui.py.
"""
import fnmatch
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

pytest.importorskip("anywidget")

import nnviz  # noqa: E402
from nnviz import plots  # noqa: E402
from nnviz import _paint  # noqa: E402
from nnviz._paint import PlaygroundView, frame_numbers, quantize  # noqa: E402
from nnviz._widgets_training import TrainingPlayground, training_playground  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _trained_run(**kw):
    run = nnviz.TrainingRun(**{"dataset": "circles", "hidden": (8, 8), "seed": 0, **kw})
    run.train(30)
    return run


class PageLog:
    """What the page would receive: every state message's losses, and every custom message."""

    def __init__(self, view):
        self.view, self.chunks, self.messages = view, [], []
        view.observe(self._chunk, names="loss_chunk")
        view.send = lambda content, buffers=None: self.messages.append((content, buffers))

    def _chunk(self, change):
        self.chunks.append((self.view.loss_start, np.frombuffer(change["new"], np.float32).reshape(-1, 2)))

    def held(self):
        """The loss curve a page holds that got every message: the increments put together."""
        pairs = np.empty((0, 2), np.float32)
        for start, chunk in self.chunks:
            assert start <= len(pairs), "a gap: an increment starts after what the page holds"
            pairs = np.vstack([pairs[:start], chunk])
        return pairs


# --- the numbers are the static figure's numbers ------------------------------------------

def test_the_boundary_and_points_are_what_decision_boundary_draws():
    run = _trained_run()
    numbers = frame_numbers(run)
    fig = plots.decision_boundary(run.network, run.X, run.y, resolution=60, boundary_line=False)
    ax = fig.axes[0]
    # The same plane, the same grid, the same colours (to the byte the page looks up).
    assert numbers["plane"] == pytest.approx([*ax.get_xlim(), *ax.get_ylim()])
    image = ax.images[0]
    assert image.get_array().shape == (60, 60)
    np.testing.assert_array_equal(numbers["boundary"].reshape(60, 60), quantize(image.get_array(), 0, 1))
    assert numbers["boundary_range"] == [0.0, 1.0] == list(image.get_clim())
    # Every point with its class, training points first, and the wrong ones ringed.
    points = numbers["points"]
    np.testing.assert_allclose(points[:, :2], run.X, rtol=1e-6)
    np.testing.assert_array_equal(points[:, 2], run.y)
    assert numbers["n_train"] == len(run.y_train) == 100
    wrong = numbers["wrong"].astype(bool)
    ring = ax.lines[0]
    np.testing.assert_allclose(np.column_stack(ring.get_data()), run.X[wrong])
    assert 0 < wrong.sum() < len(wrong)           # 30 epochs: some right, some wrong
    # The page's colour table is the figure's colour map over white at the image's alpha.
    table = np.frombuffer(PlaygroundView().colours, np.uint8).reshape(256, 3)
    rgba = image.cmap(np.linspace(0, 1, 256))
    np.testing.assert_allclose(table, 255 * (0.7 * rgba[:, :3] + 0.3), atol=0.5 + 1e-9)
    assert image.get_alpha() == 0.7
    plt.close(fig)


def test_the_graph_numbers_are_what_network_graph_draws():
    run = _trained_run(hidden=(3, 2), dataset="moons")
    numbers = frame_numbers(run)
    fig = plots.network_graph(run.network, run.X)
    ax = fig.axes[0]
    sizes = run.network.layer_sizes
    pictures = numbers["neurons"].reshape(-1, 16, 16)
    assert len(pictures) == len(ax.images) == sum(sizes) == 2 + 3 + 2 + 1
    for picture, rng, image in zip(pictures, numbers["neuron_ranges"], ax.images):
        assert tuple(rng) == tuple(image.get_clim())
        np.testing.assert_array_equal(picture, quantize(image.get_array(), *image.get_clim()))
    # Edges in the drawer's order (W1 row by row, then W2, ...), as wide as the drawer's.
    w = numbers["weights"].astype(np.float64)
    np.testing.assert_allclose(w, np.concatenate([W.ravel() for W in run.network.weights]), rtol=1e-6)
    widths = 0.3 + 3.2 * np.abs(w) / np.abs(w).max()
    np.testing.assert_allclose(widths, ax.collections[0].get_linewidths(), rtol=1e-5)
    plt.close(fig)


def test_one_neuron_large_is_what_the_matplotlib_playground_shows():
    still = training_playground("circles", hidden="4", canvas="png")
    painted = training_playground("circles", hidden="4", canvas="paint")
    assert not still.painted and painted.painted
    for pg in (still, painted):
        pg.train_frames(3)
        pg.controls["neuron"].value = (1, 2)
    image = still.boundary.image
    np.testing.assert_array_equal(np.frombuffer(painted.view.boundary, np.uint8).reshape(60, 60),
                                  quantize(image.get_array(), *image.get_clim()))
    assert painted.view.selected == [1, 2]
    assert painted.view.titles == [still.title.get_text(), still.graph_title.get_text(),
                                   still.loss_title.get_text()]
    assert painted.view.titles[0] == "layer 1, neuron 3: its output"
    assert painted.view.loss_axes == [still.ax_loss.get_xlim()[1] - 0.5, still.ax_loss.get_ylim()[1]]
    # The still figure of the painted playground (for the site and the slides) is the same picture.
    fig = painted.figure_now()
    np.testing.assert_array_equal(painted.boundary.image.get_array(), image.get_array())
    assert fig is painted.figure
    for pg in (still, painted):
        pg.close()


def test_the_frame_is_a_few_kilobytes_and_the_points_go_only_when_they_change():
    pg = training_playground("circles", hidden="8, 8", canvas="paint")
    sent = []
    pg.view.observe(lambda c: sent.append(c["name"]), names=["points", "boundary", "neurons"])
    pg.train_frames(2)
    v = pg.view
    frame = len(v.boundary) + len(v.neurons) + len(v.weights) + len(v.wrong) + len(v.loss_chunk)
    assert frame < 10_000                         # 3600 + 19 x 256 + 88 x 4 + 200 + 5 x 8
    assert sent.count("boundary") == 2 and "points" not in sent
    pg.controls["click_adds"].value = 0
    pg.add_point(0.0, 0.0)
    assert sent.count("points") == 1
    pg.close()


# --- losses: increments, none dropped ------------------------------------------------------

def test_every_epoch_reaches_the_page_as_increments_and_a_reset_starts_again():
    pg = training_playground("circles", hidden="4", epochs_per_frame=3, canvas="paint")
    page = PageLog(pg.view)
    for _ in range(7):
        pg.train_frames(1)
        # Each frame sends only its own 3 epochs.
        assert len(page.chunks[-1][1]) == 3
    held = page.held()
    assert len(held) == pg.epoch == 21
    np.testing.assert_array_equal(held[:, 0], pg.run.train_loss.astype(np.float32))
    np.testing.assert_array_equal(held[:, 1], pg.run.test_loss.astype(np.float32))
    run_id = pg.view.run_id
    pg.reset()
    assert pg.view.run_id == run_id + 1 and pg.view.loss_start == 0 and pg.view.loss_chunk == b""
    pg.train_frames(1)
    assert page.chunks[-1][0] == 0 and len(page.chunks[-1][1]) == 3
    pg.close()


def test_a_page_that_missed_epochs_asks_and_gets_the_rest():
    pg = training_playground("circles", hidden="4", epochs_per_frame=5, canvas="paint")
    page = PageLog(pg.view)
    pg.train_frames(4)
    # A page that opened late (or lost a message) holds 7 epochs and asks for the rest.
    pg.view._on_page_message(pg.view, {"type": "need_losses", "from": 7}, [])
    content, buffers = page.messages[-1]
    assert content == {"type": "losses", "start": 7, "run": pg.view.run_id}
    rest = np.frombuffer(buffers[0], np.float32).reshape(-1, 2)
    np.testing.assert_array_equal(rest[:, 0], pg.run.train_loss[7:].astype(np.float32))
    # The page times round trips with a ping.
    pg.view._on_page_message(pg.view, {"type": "ping"}, [])
    assert page.messages[-1][0] == {"type": "pong"}
    pg.close()


# --- the page's events become calls ----------------------------------------------------------

def test_a_click_on_the_plane_adds_a_point_of_the_chosen_class():
    pg = training_playground("circles", hidden="4", canvas="paint")
    assert pg.view.clickable          # issue 18: click-to-add works from the start (class 1)
    pg.controls["click_adds"].value = -1
    click = {"type": "click", "x": 0.25, "y": -0.5}
    pg.view._on_page_message(pg.view, click, [])
    assert len(pg.run.added[1]) == 0 and not pg.view.clickable      # 'a click adds: nothing'
    pg.controls["click_adds"].value = 1
    assert pg.view.clickable
    pg.view._on_page_message(pg.view, click, [])
    X, y = pg.run.added
    np.testing.assert_array_equal(X, [[0.25, -0.5]])
    assert y.tolist() == [1.0]
    points = np.frombuffer(pg.view.points, np.float32).reshape(-1, 3)
    assert points[pg.view.n_train - 1].tolist() == [0.25, -0.5, 1.0]     # the last training point
    assert "added a class-1 point at (0.25, -0.50)" in pg.readout.value
    pg.clear_points()
    assert len(np.frombuffer(pg.view.points, np.float32)) == 3 * 200
    pg.close()


def test_the_pointer_over_a_neuron_shows_it_large_and_leaving_shows_the_dropdowns():
    pg = training_playground("circles", hidden="4, 3", canvas="paint")
    pg.train_frames(2)
    output = pg.view.boundary
    pg.view._on_page_message(pg.view, {"type": "hover", "neuron": [2, 1]}, [])
    assert pg.view.selected == [2, 1] and pg.view.titles[0] == "layer 2, neuron 2: its output"
    values, vmin, vmax = frame_numbers(pg.run, (2, 1), pg.boundary.extent)["boundary"], -1, 1
    assert pg.view.boundary == values.tobytes() != output
    pg.view._on_page_message(pg.view, {"type": "hover", "neuron": [3, 0]}, [])    # the output neuron
    assert pg.view.selected == [] and pg.view.boundary == output
    pg.view._on_page_message(pg.view, {"type": "hover", "neuron": None}, [])
    assert pg.view.selected == [] and pg.view.boundary == output
    pg.controls["neuron"].value = (1, 0)
    assert pg.view.selected == [1, 0]
    pg.close()


# --- which view, and the package ---------------------------------------------------------------

def test_auto_paints_only_where_ipympl_is_active_and_anywidget_is_there(monkeypatch):
    from nnviz import _playground
    monkeypatch.setattr(_playground, "ipympl_active", lambda: False)
    assert not training_playground(canvas="auto").painted          # no ipympl: PNG fallback
    monkeypatch.setattr(_playground, "ipympl_active", lambda: True)
    pg = training_playground(canvas="auto")
    assert pg.painted and isinstance(pg.figure_widget, PlaygroundView) and pg.loop.fps == 60
    monkeypatch.setattr(_playground, "_paint_available", lambda: False)
    pg = training_playground(canvas="auto")
    assert not pg.painted and pg.loop.fps == 20
    pg = training_playground(canvas="paint")       # asked for, but no anywidget: PNG, working
    assert not pg.painted and pg.figure_widget.value[:4] == b"\x89PNG"
    with pytest.raises(ValueError, match="canvas"):
        training_playground(canvas="svg")


def test_the_painting_code_loads_nothing_from_anywhere():
    js = (ROOT / "nnviz" / "_paint.js").read_text()
    assert _paint.ESM == js == PlaygroundView()._esm
    assert not re.search(r"^\s*import\b|\bimport\(|\bfetch\(|https?://", js, re.M)
    assert "export default { render }" in js


def test_the_package_data_carries_the_painting_code():
    # A non-editable install (a wheel, the JupyterLite site's nnviz wheel) needs the .js too:
    # pyproject's package-data must name it (make test-lite builds that wheel and paints with it).
    try:
        import tomllib
    except ImportError:  # Python 3.10
        tomllib = pytest.importorskip("tomli")
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["nnviz"]
    assert any(fnmatch.fnmatch("_paint.js", p) for p in patterns)


def test_while_playing_the_numbers_panel_is_rewritten_a_few_times_a_second_and_at_the_end():
    pg = training_playground("circles", hidden="4", canvas="paint")
    pg.loop._token = object()          # as if play were running (no runner needed here)
    assert pg.playing
    pg.train_frames(1)
    first = pg.readout.value
    pg.train_frames(1)                 # a frame later: the picture moves, the panel waits
    assert pg.readout.value == first and pg.progress.description == "epoch 5"
    assert pg.view.loss_start == 5     # ... but the page got the frame's epochs
    pg._panel_time -= 1.0              # a fifth of a second later it is rewritten
    pg.train_frames(1)
    assert "epoch 15" == pg.progress.description and pg.readout.value != first
    pg.loop.stop()                     # when play stops, the last frame's numbers
    pg.train_frames(1)
    assert pg.progress.description == "epoch 20"
    pg.close()


def test_a_diverging_run_is_sent_without_overflow_warnings():
    # learn_rate 10 with a linear output: weights and losses far beyond float32's range.
    pg = training_playground("spiral", hidden="16, 16", canvas="paint", learn_rate=10, output="linear")
    pg.train_frames(5)
    assert pg.status == "diverged"
    weights = np.frombuffer(pg.view.weights, np.float32)
    assert len(weights) == 2 * 16 + 16 * 16 + 16 and np.isfinite(weights).all()
    assert quantize([np.nan, np.inf, -np.inf, 0.5], 0, 1).tolist() == [128, 255, 0, 128]
    assert _paint.as_float32([1e300, -1e300, 1.5]).tolist() == [np.inf, -np.inf, 1.5]
    pg.close()
