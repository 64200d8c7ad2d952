"""The canonical numbers of the seed example, activations, and errors a learner can read."""
import subprocess
import sys

import numpy as np
import pytest

import nnviz
from nnviz import Network, Neuron, mse


def make_221(w=(0.0, 1.0), b=0.0):
    """A 2-2-1 network whose every neuron has weights w and bias b."""
    net = Network([2, 2, 1])
    for W in net.weights:
        W[:] = w
    for bias in net.biases:
        bias[:] = b
    return net


# --- canonical numbers ------------------------------------------------------------------

def test_worked_neuron():
    assert Neuron([0, 1], 4).feedforward([2, 3]) == pytest.approx(0.9990889488055994, abs=1e-15)
    assert Neuron([0, 1], 4).weighted_sum([2, 3]) == 7.0


def test_worked_network():
    net = make_221()
    zs, acts = net._forward(np.array([[2.0, 3.0]]))
    assert acts[1][0] == pytest.approx([0.9525741268224334] * 2, abs=1e-15)  # h1 = h2 = sigmoid(3)
    assert net.feedforward([2, 3]) == pytest.approx([0.7216325609518421], abs=1e-15)
    assert net.predict([2, 3]) == pytest.approx(0.7216325609518421, abs=1e-15)


def test_mse_everyone_male():
    assert mse([1, 0, 0, 1], [0, 0, 0, 0]) == 0.5


def test_alice_backprop_numbers():
    X, y = nnviz.data.people()
    net = make_221(w=(1.0, 1.0))
    _, acts = net._forward(X[:1])
    assert acts[1][0, 0] == pytest.approx(0.047426, abs=1e-6)  # h1
    assert acts[2][0, 0] == pytest.approx(0.523695, abs=1e-6)  # o1
    dL_dW1 = net.gradients(X[:1], y[:1])[0]
    assert dL_dW1[0, 0] == pytest.approx(0.0214695, abs=1e-6)  # dL/dw1
    assert net.loss(X[:1], y[:1]) == pytest.approx((1 - 0.523695) ** 2, abs=1e-6)


def test_people_data():
    X, y = nnviz.data.people()
    np.testing.assert_array_equal(X, [[-2, -1], [25, 6], [17, 4], [-15, -6]])
    np.testing.assert_array_equal(y, [1, 0, 0, 1])
    X_raw, _ = nnviz.data.people(shifted=False)
    np.testing.assert_array_equal(X_raw, [[133, 65], [160, 72], [152, 70], [120, 60]])
    np.testing.assert_array_equal(nnviz.data.emily(), [-7, -3])
    np.testing.assert_array_equal(nnviz.data.frank(shifted=False), [155, 68])
    assert list(nnviz.data.PEOPLE) == ["Alice", "Bob", "Charlie", "Diana"]
    assert list(nnviz.data.NEW_PEOPLE) == ["Emily", "Frank"]


# --- activations --------------------------------------------------------------------------

def test_tanh_is_a_stretched_sigmoid():
    z = np.linspace(-20, 20, 4001)
    np.testing.assert_allclose(nnviz.tanh(z), 2 * nnviz.sigmoid(2 * z) - 1, atol=1e-15)


def test_sigmoid_extremes_without_warnings():
    # pytest runs with warnings as errors: an overflow warning would fail here.
    assert nnviz.sigmoid(-1000) == 0.0
    assert nnviz.sigmoid(1000) == 1.0
    big = np.array([-1e4, 1e4])
    np.testing.assert_array_equal(nnviz.sigmoid(big), [0.0, 1.0])
    np.testing.assert_array_equal(nnviz.sigmoid_derivative(big), [0.0, 0.0])
    np.testing.assert_array_equal(nnviz.tanh(big), [-1.0, 1.0])
    np.testing.assert_array_equal(nnviz.relu(big), [0.0, 1e4])


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "linear"])
def test_activation_shapes_and_derivatives(name):
    f = getattr(nnviz, name)
    df = getattr(nnviz, f"{name}_derivative")
    assert np.ndim(f(0.3)) == 0
    z = np.linspace(-3, 3, 12).reshape(3, 4) + 0.05  # avoid ReLU's kink at exactly 0
    assert f(z).shape == (3, 4) and df(z).shape == (3, 4)
    eps = 1e-6
    np.testing.assert_allclose(df(z), (f(z + eps) - f(z - eps)) / (2 * eps), atol=1e-8)
    assert nnviz.get_activation(name).derivative(z) == pytest.approx(df(z))


def test_relu_and_sigmoid_values():
    np.testing.assert_array_equal(nnviz.relu([-2, 0, 3]), [0, 0, 3])
    assert nnviz.sigmoid(0) == 0.5
    assert nnviz.sigmoid_derivative(0) == 0.25
    assert nnviz.relu_derivative(-1) == 0 and nnviz.relu_derivative(2) == 1


# --- shapes ---------------------------------------------------------------------------------

def test_network_shapes():
    net = Network([2, 3, 4, 2], seed=0)
    assert [p.shape for p in net.params] == [(3, 2), (3,), (4, 3), (4,), (2, 4), (2,)]
    assert all(p.dtype == np.float64 for p in net.params)
    assert net.feedforward([1.0, 2.0]).shape == (2,)
    assert net.feedforward(np.ones((5, 2))).shape == (5, 2)
    grads = net.gradients(np.ones((5, 2)), np.zeros((5, 2)))
    assert [g.shape for g in grads] == [p.shape for p in net.params]
    one = Network([2, 2, 1], seed=0)
    assert one.predict(np.ones((3, 2))).shape == (3,)
    assert one.loss(np.ones((3, 2)), [1, 0, 1]) == one.loss(np.ones((3, 2)), [[1], [0], [1]])


def test_params_change_in_place():
    net = make_221()
    net.params[0][0, 0] = 5.0  # h1's first weight, w1
    z_h1 = 5.0 * 2 + 1.0 * 3
    h = nnviz.sigmoid(z_h1)
    expected = nnviz.sigmoid(0 * h + 1 * nnviz.sigmoid(3.0))  # o1 = f(w5 h1 + w6 h2), w5, w6 = 0, 1
    assert net.feedforward([2, 3])[0] == pytest.approx(expected)
    before = [id(p) for p in net.params]
    X, y = nnviz.data.people()
    net.train(X, y, epochs=2)
    assert [id(p) for p in net.params] == before  # trained in place, same arrays


def test_seeded_networks_are_deterministic():
    a, b = Network([2, 4, 1], seed=7), Network([2, 4, 1], seed=7)
    for p, q in zip(a.params, b.params):
        np.testing.assert_array_equal(p, q)


# --- bad input: ValueError/TypeError naming the parameter, the expectation, what came -----

@pytest.mark.parametrize("call, error, words", [
    (lambda: Network([2, 2, 1]).feedforward([1, 2, 3]), ValueError, ["X", "2 values", "(3,)"]),
    (lambda: Network([2, 2, 1]).feedforward([[1, np.nan]]), ValueError, ["X", "finite", "nan"]),
    (lambda: Network([2, 2, 1]).feedforward([np.inf, 1]), ValueError, ["X", "finite", "inf"]),
    (lambda: Network([2, 2, 1]).feedforward("12"), TypeError, ["X", "numbers", "'12'"]),
    (lambda: Network([2, 2, 1], activation="sigmod"), ValueError,
     ["activation", "'sigmoid'", "'sigmod'", "Did you mean"]),
    (lambda: Network([2, 2, 1], output_activation="softmax"), ValueError,
     ["output_activation", "'relu'", "'softmax'"]),
    (lambda: Network([2, 2.5, 1]), TypeError, ["layer_sizes[1]", "whole number", "2.5"]),
    (lambda: Network([2]), ValueError, ["layer_sizes", "at least", "[2]"]),
    (lambda: Network([2, 0, 1]), ValueError, ["layer_sizes[1]", "at least 1", "0"]),
    (lambda: Network([2, 2, 1]).train(*nnviz.data.people(), learn_rate=0), ValueError,
     ["learn_rate", "greater than 0", "0"]),
    (lambda: Network([2, 2, 1]).train(*nnviz.data.people(), learn_rate=-0.1), ValueError,
     ["learn_rate", "greater than 0", "-0.1"]),
    (lambda: Network([2, 2, 1]).train(*nnviz.data.people(), epochs=10.5), TypeError,
     ["epochs", "whole number", "10.5"]),
    (lambda: Network([2, 2, 1]).train(*nnviz.data.people(), epochs="100"), TypeError,
     ["epochs", "whole number", "'100'"]),
    (lambda: Network([2, 2, 1]).train(*nnviz.data.people(), batch_size=0), ValueError,
     ["batch_size", "at least 1", "0"]),
    (lambda: Network([2, 2, 1]).train(nnviz.data.people()[0], [1, 0, 0]), ValueError,
     ["y", "(4,)", "(3,)"]),
    (lambda: Network([2, 2, 1]).loss(np.ones((4, 2)), [1, 0]), ValueError, ["y", "(4,)", "(2,)"]),
    (lambda: mse([1, 0, 1], [1, 0]), ValueError, ["y_pred", "(3,)", "(2,)"]),
    (lambda: mse([1, np.nan], [1, 0]), ValueError, ["y_true", "finite"]),
    (lambda: nnviz.sigmoid("seven"), TypeError, ["z", "number", "'seven'"]),
    (lambda: Neuron([0, 1], 4).feedforward([2, 3, 4]), ValueError, ["x", "2 values", "(3,)"]),
    (lambda: Neuron([0, 1], [4, 5]), ValueError, ["bias", "0-D", "(2,)"]),
    (lambda: nnviz.gradient_check("net", [1, 2], [1]), TypeError, ["network", "Network", "str"]),
    (lambda: nnviz.data.moons(n=-5), ValueError, ["n", "at least 2", "-5"]),
])
def test_bad_input_is_explained(call, error, words):
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} missing from: {message}"


def test_import_loads_no_plotting_library():
    code = ("import sys, nnviz; "
            "bad = [m for m in ('matplotlib', 'ipywidgets', 'IPython', 'anywidget') if m in sys.modules]; "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_does_not_settle_the_allocator_training_does():
    # No side effects on import: the one-time allocator step happens in train(), not before.
    code = ("import nnviz, nnviz._fast as f; a = f._allocator_settled; "
            "X, y = nnviz.data.people(); nnviz.Network([2, 2, 1], seed=0).train(X, y, epochs=1); "
            "print(a, f._allocator_settled)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_display_range_is_the_activations_own_or_the_values():
    from nnviz.activations import display_range

    assert display_range("sigmoid", [5.0]) == (0.0, 1.0)
    assert display_range("tanh") == (-1.0, 1.0)
    assert display_range("relu", [0.5, 3.0, float("nan")]) == (0.0, 3.0)
    assert display_range("linear", [-2.0, 1.0]) == (-2.0, 2.0)
    assert display_range("linear", []) == (-1.0, 1.0)
