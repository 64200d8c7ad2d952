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
    return net._train_numpy(X, Y, learn_rate, epochs, batch_size, shuffle, np.random.default_rng(seed))


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


def test_full_batch_is_gradient_descent():
    X, y = nnviz.data.people()
    net = Network([2, 2, 1], seed=0)
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


def test_zero_epochs_changes_nothing():
    X, y = nnviz.data.people()
    net = Network([2, 2, 1], seed=0)
    before = [p.copy() for p in net.params]
    history = net.train(X, y, epochs=0)
    assert history.epochs == 0 and not history.diverged
    for p, q in zip(net.params, before):
        np.testing.assert_array_equal(p, q)
