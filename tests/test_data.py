"""The data sets: seeded, the right shapes, and each the shape its name promises."""
import numpy as np
import pytest

import nnviz
from nnviz import data


@pytest.mark.parametrize("name", ["xor", "circles", "moons", "spiral"])
def test_2d_sets_are_seeded_and_balanced(name):
    X, y = data.make(name, n=300, noise=0.1, seed=4)
    X2, y2 = data.make(name, n=300, noise=0.1, seed=4)
    X3, _ = data.make(name, n=300, noise=0.1, seed=5)
    assert X.shape == (300, 2) and y.shape == (300,)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, X3)
    assert set(np.unique(y)) == {0.0, 1.0}
    assert 0.4 < y.mean() < 0.6
    assert np.all(np.abs(X) < 3)


def test_xor_classes_sit_in_opposite_quadrants():
    X, y = data.xor(n=400, noise=0.0, seed=0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(float))
    Xp, yp = data.xor_points()
    np.testing.assert_array_equal(yp, [0, 1, 1, 0])
    np.testing.assert_array_equal(yp, np.logical_xor(Xp[:, 0], Xp[:, 1]).astype(float))


def test_circles_inner_ring_is_class_1():
    X, y = data.circles(n=200, noise=0.0, factor=0.5, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[y == 1], 0.5)
    np.testing.assert_allclose(r[y == 0], 1.0)


def test_line_points_scatter_around_the_line():
    x, y = data.line(n=2000, m=2.0, b=1.0, noise=0.5, seed=0)
    m, b = np.polyfit(x, y, 1)
    assert m == pytest.approx(2.0, abs=0.05) and b == pytest.approx(1.0, abs=0.1)
    assert np.all(np.diff(x) >= 0)
    x0, y0 = data.line(n=5, m=3.0, b=-1.0, noise=0.0)
    np.testing.assert_allclose(y0, 3 * x0 - 1)


def test_shift_and_people_agree():
    X_raw, _ = data.people(shifted=False)
    np.testing.assert_array_equal(data.shift(X_raw), data.people()[0])
    with pytest.raises(ValueError, match="X_raw must have 2 values"):
        data.shift([1, 2, 3])


def test_unknown_set_is_named():
    with pytest.raises(ValueError, match="name must be one of.*'moons'.*got 'moon'.*Did you mean 'moons'"):
        data.make("moon")


def test_a_network_can_learn_the_moons():
    X, y = data.moons(200, noise=0.1, seed=0)
    net = nnviz.Network([2, 8, 8, 1], activation="tanh", seed=0)
    net.train(X, y, learn_rate=0.1, epochs=150, batch_size=10, shuffle=True, seed=0)
    assert np.mean((net.predict(X) > 0.5) == y) > 0.9


def test_people_in_metric_units_are_the_same_people():
    X_lb, y = data.people(shifted=False)
    X_kg, y_kg = data.people(shifted=False, units="metric")
    np.testing.assert_array_equal(y, y_kg)
    # Alice: 133 lb = 60.33 kg, 65 in = 165.1 cm.
    np.testing.assert_allclose(X_kg[0], [133 * 0.45359237, 165.1])
    np.testing.assert_allclose(X_kg, X_lb * [0.45359237, 2.54])
    # Shifted in metric: the same shift of 135 lb and 66 in, in kg and cm.
    np.testing.assert_allclose(data.people(units="metric")[0], data.people()[0] * [0.45359237, 2.54])
    np.testing.assert_allclose(data.people(units="metric")[0][0], [-2 * 0.45359237, -2.54])
    emily_cm = data.new_people(shifted=False, units="metric")[0][0]
    np.testing.assert_allclose(emily_cm, [58.06, 160.02], atol=0.01)
    np.testing.assert_allclose(data.to_metric([100, 10]), [45.359237, 25.4])


def test_unknown_units_are_named():
    with pytest.raises(ValueError, match="units must be one of.*'metric'.*got 'kg'"):
        data.people(units="kg")


def test_extent_around_pads_every_side_by_the_margin():
    assert nnviz.data.extent_around([[0, 0], [10, 20]], margin=0.1) == (-1.0, 11.0, -2.0, 22.0)
    lo1, hi1, lo2, hi2 = nnviz.data.extent_around([[3, 4]])          # one point: a tiny box, not empty
    assert lo1 < 3 < hi1 and lo2 < 4 < hi2
    with pytest.raises(ValueError, match=r"X must hold at least one point of 2 numbers"):
        nnviz.data.extent_around([[1, 2, 3]])


def test_people_axis_labels_say_the_shift():
    assert nnviz.data.people_axis_labels() == ("weight (lb − 135)", "height (in − 66)")
    assert nnviz.data.people_axis_labels("raw") == ("weight (lb)", "height (in)")
