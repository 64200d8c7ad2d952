"""Training: the seed example reproduced, both SGD paths equal, divergence said in words."""
import numpy as np
import pytest

import nnviz
from nnviz import DivergenceWarning, Network


def test_seed_example_trains_for_every_seed():
    X, y = nnviz.data.people()
    X_new, names = nnviz.data.new_people()
    assert names == ["Emily", "Frank"]
    right = 0
    for seed in range(10):
        net = Network([2, 2, 1], seed=seed)
        history = net.train(X, y, learn_rate=0.1, epochs=1000)
        assert history.epochs == 1000 and not history.diverged
        assert history.loss[-1] < 0.01, f"seed {seed}: final loss {history.loss[-1]}"
        assert history.loss[-1] < history.loss[0]
        assert history.loss[-1] == pytest.approx(net.loss(X, y), rel=1e-12)
        emily, frank = net.predict(X_new)
        right += emily > 0.9 and frank < 0.1
    assert right >= 9


def _numpy_sgd(net, X, y, learn_rate, epochs, batch_size, shuffle, seed):
    Y = y.reshape(len(X), -1)
    return net._train_batches(X, Y, learn_rate, epochs, batch_size, shuffle, np.random.default_rng(seed))


@pytest.mark.parametrize("sizes", [[2, 2, 1], [2, 3, 4, 2], [3, 5, 1], [1, 1]])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "linear"])
@pytest.mark.parametrize("shuffle", [False, True])
def test_written_out_sgd_equals_numpy_chain_rule(sizes, activation, shuffle):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(17, sizes[0]))
    y = rng.uniform(size=(17, sizes[-1]))
    out = "linear" if activation == "linear" else "sigmoid"
    fast = Network(sizes, activation=activation, output_activation=out, seed=2)
    slow = fast.copy()
    history = fast.train(X, y, learn_rate=0.05, epochs=6, shuffle=shuffle, seed=3)
    losses = _numpy_sgd(slow, X, y, 0.05, 6, 1, shuffle, 3)
    for p, q in zip(fast.params, slow.params):
        np.testing.assert_allclose(p, q, rtol=0, atol=1e-12)
    np.testing.assert_allclose(history.loss, losses, rtol=0, atol=1e-12)


@pytest.mark.parametrize("batch_size", [None, 5, 17])
@pytest.mark.parametrize("shuffle", [False, True])
def test_fast_batches_equal_the_plain_loop(batch_size, shuffle):
    # _fast.train_batches (reused forward pass, einsum) gives the numbers of the loop a
    # learner reads in network.py, Network._train_batches.
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(17, 2)), rng.uniform(size=(17, 1))
    fast = Network([2, 5, 3, 1], activation="tanh", seed=1)
    slow = fast.copy()
    history = fast.train(X, y, learn_rate=0.3, epochs=7, batch_size=batch_size, shuffle=shuffle, seed=5)
    losses = _numpy_sgd(slow, X, y, 0.3, 7, batch_size or 17, shuffle, 5)
    for p, q in zip(fast.params, slow.params):
        np.testing.assert_allclose(p, q, rtol=0, atol=1e-12)
    np.testing.assert_allclose(history.loss, losses, rtol=0, atol=1e-12)


def test_generated_sgd_code_is_registered_for_tracebacks():
    import linecache
    import traceback

    from nnviz import _fast
    net = Network([2, 2, 1], seed=0)
    net.train(*nnviz.data.people(), epochs=1)
    name = _fast.filename((2, 2, 1), ("sigmoid", "sigmoid"))
    assert linecache.getline(name, 1).startswith("def train(params, data, learn_rate, epochs, orders)")
    # A failure inside the generated code shows the line that failed, not "<string>".
    train = _fast._compiled((2, 2, 1), ("sigmoid", "sigmoid"))
    try:
        train([0.0] * 9, [("x", 0.0, 0.0)], 0.1, 1, lambda: [0])
    except TypeError as error:
        text = "".join(traceback.format_exception(error))
    assert name in text and "z1_0 = w1_0_0 * a0_0 + w1_0_1 * a0_1 + b1_0" in text


def test_full_batch_is_gradient_descent(network_221, people):
    X, y = people
    net = network_221
    manual = net.copy()
    net.train(X, y, learn_rate=0.1, epochs=3, batch_size=None)
    for _ in range(3):
        for p, g in zip(manual.params, manual.gradients(X, y)):
            p -= 0.1 * g
    for p, q in zip(net.params, manual.params):
        np.testing.assert_allclose(p, q, atol=1e-14)


def test_mini_batches_take_one_step_per_batch():
    X, y = nnviz.data.moons(10, seed=1)
    net = Network([2, 3, 1], seed=0)
    manual = net.copy()
    net.train(X, y, learn_rate=0.5, epochs=1, batch_size=4)
    for start in (0, 4, 8):
        grads = manual.gradients(X[start:start + 4], y[start:start + 4])
        for p, g in zip(manual.params, grads):
            p -= 0.5 * g
    for p, q in zip(net.params, manual.params):
        np.testing.assert_allclose(p, q, atol=1e-14)


def test_wide_network_uses_numpy_path_and_learns():
    X, y = nnviz.data.moons(200, seed=0)
    net = Network([2, 16, 16, 1], seed=0)
    history = net.train(X, y, learn_rate=0.5, epochs=60, batch_size=20, shuffle=True, seed=0)
    assert history.loss[-1] < 0.6 * history.loss[0]


@pytest.mark.parametrize("batch_size", [1, None])
def test_divergence_stops_and_says_so(batch_size):
    x, y = nnviz.data.line(20, seed=0)
    net = Network([1, 1], output_activation="linear", seed=0)
    with pytest.warns(DivergenceWarning, match="diverged.*learning rate 5 is too large"):
        history = net.train(x[:, None], y, learn_rate=5.0, epochs=1000, batch_size=batch_size)
    assert history.diverged
    assert history.epochs < 1000
    assert np.all(np.isfinite(history.loss))
    assert "diverged" in repr(history)


def test_gentle_learning_rate_does_not_diverge():
    x, y = nnviz.data.line(20, seed=0)
    net = Network([1, 1], output_activation="linear", seed=0)
    history = net.train(x[:, None], y, learn_rate=0.001, epochs=200)
    assert not history.diverged and history.message == ""
    assert history.loss[-1] < history.loss[0]


def test_shuffle_is_seeded():
    X, y = nnviz.data.people()
    a, b = Network([2, 2, 1], seed=0), Network([2, 2, 1], seed=0)
    a.train(X, y, epochs=5, shuffle=True, seed=42)
    b.train(X, y, epochs=5, shuffle=True, seed=42)
    for p, q in zip(a.params, b.params):
        np.testing.assert_array_equal(p, q)


def test_zero_epochs_changes_nothing(network_221, people):
    X, y = people
    net = network_221
    before = [p.copy() for p in net.params]
    history = net.train(X, y, epochs=0)
    assert history.epochs == 0 and not history.diverged
    for p, q in zip(net.params, before):
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize("sizes, activation", [([2, 2, 1], "sigmoid"), ([2, 8, 8, 1], "tanh"), ([2, 1], "relu")])
def test_to_code_rebuilds_the_same_network(sizes, activation):
    net = Network(sizes, activation=activation, seed=4)
    X, y = nnviz.data.moons(50, seed=1)
    net.train(X, y, learn_rate=0.3, epochs=3, batch_size=10)
    namespace = {}
    exec(net.to_code("trained"), namespace)
    other = namespace["trained"]
    assert isinstance(other, Network) and other.layer_sizes == sizes and other.activation == activation
    np.testing.assert_array_equal(other.predict(X), net.predict(X))
    with pytest.raises(ValueError, match="name must be a Python variable name"):
        net.to_code("my net")


