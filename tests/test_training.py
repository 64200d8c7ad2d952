"""nnviz.TrainingRun: the playground's model, tested without any widget or figure."""
import subprocess
import sys

import numpy as np
import pytest

import nnviz
from nnviz import Network, Status, TrainingRun
from nnviz.training import diagnose


def _split(dataset="circles", n=200, noise=0.1, seed=0, test_fraction=0.5):
    X, y = nnviz.data.make(dataset, n=n, noise=noise, seed=seed)
    order = np.random.default_rng(seed).permutation(len(X))
    k = int(round(test_fraction * len(X)))
    return X[order[k:]], y[order[k:]], X[order[:k]], y[order[:k]]


def test_the_run_is_the_network_trained_epoch_by_epoch():
    run = TrainingRun("moons", hidden=(4, 3), learn_rate=0.2, batch_size=10, seed=0)
    assert run.status == "ready" and run.status is Status.READY and run.epoch == 0
    result = run.train(12)
    X_train, y_train, X_test, y_test = _split("moons")
    np.testing.assert_array_equal(run.X_train, X_train)
    np.testing.assert_array_equal(run.X_test, X_test)
    net = Network([2, 4, 3, 1], activation="tanh", seed=0)
    history = net.train(X_train, y_train, learn_rate=0.2, epochs=12, batch_size=10)
    np.testing.assert_allclose(run.train_loss, history.loss, rtol=1e-12)
    for p, q in zip(run.network.params, net.params):
        np.testing.assert_allclose(p, q, rtol=1e-12)
    assert result.epochs == 12 and result.epoch == 12 and run.epoch == 12
    assert result.test_loss == pytest.approx(net.loss(X_test, y_test), rel=1e-12)
    assert result.test_accuracy == np.mean((net.predict(X_test) > 0.5) == (y_test > 0.5))
    assert result.train_accuracy == np.mean((net.predict(X_train) > 0.5) == (y_train > 0.5))
    assert len(run.test_loss) == len(run.train_accuracy) == len(run.test_accuracy) == 12
    assert isinstance(run.network, nnviz.Network)


def test_train_in_pieces_equals_train_at_once():
    a, b = TrainingRun("xor", seed=3), TrainingRun("xor", seed=3)
    a.train(10)
    for _ in range(5):
        b.train(2)
    np.testing.assert_array_equal(a.train_loss, b.train_loss)
    np.testing.assert_array_equal(a.test_accuracy, b.test_accuracy)


def test_learn_rate_and_batch_size_apply_from_now_on():
    run = TrainingRun("xor", learn_rate=0.1, batch_size=10)
    run.train(3)
    run.learn_rate = 0.5
    run.batch_size = None
    run.train(2)
    assert run.epoch == 5
    np.testing.assert_array_equal(run.learn_rates, [0.1, 0.1, 0.1, 0.5, 0.5])
    X_train, y_train, _, _ = _split("xor")
    net = Network([2, 4, 1], activation="tanh", seed=0)
    h1 = net.train(X_train, y_train, learn_rate=0.1, epochs=3, batch_size=10)
    h2 = net.train(X_train, y_train, learn_rate=0.5, epochs=2, batch_size=None)
    np.testing.assert_allclose(run.train_loss, np.concatenate([h1.loss, h2.loss]), rtol=1e-12)


def test_replace_makes_a_new_run_with_fresh_weights():
    run = TrainingRun("circles", hidden=(4,), learn_rate=0.3)
    run.train(5)
    run.add_point(0.1, 0.2, 1)
    other = run.replace(hidden=(3, 2), noise=0.2)
    assert other is not run and other.epoch == 0 and other.status == "ready"
    assert other.network.layer_sizes == [2, 3, 2, 1] and other.learn_rate == 0.3
    assert other.noise == 0.2 and run.noise == 0.1
    np.testing.assert_array_equal(other.added[0], [[0.1, 0.2]])     # added points carry over
    again = run.replace(seed=1)     # "new data": another draw of the same data set
    assert not np.array_equal(again.X, run.X)
    with pytest.raises(TypeError, match="unknown settings.*'hidde'"):
        run.replace(hidde=(3,))


def test_added_points_are_trained_on_and_cleared():
    run = TrainingRun("circles")
    n = len(run.y_train)
    run.add_point(0.0, 0.0, 0)
    run.add_point(1.5, -1.5, 1)
    assert len(run.y_train) == n + 2 and len(run.y) == 202
    np.testing.assert_array_equal(run.X_train[-2:], [[0.0, 0.0], [1.5, -1.5]])
    np.testing.assert_array_equal(run.y_train[-2:], [0.0, 1.0])
    run.train(2)
    X_train, y_train, _, _ = _split()
    net = Network([2, 4, 1], activation="tanh", seed=0)
    history = net.train(np.vstack([X_train, [[0, 0], [1.5, -1.5]]]), np.append(y_train, [0, 1]),
                        learn_rate=0.1, epochs=2, batch_size=10)
    np.testing.assert_allclose(run.train_loss, history.loss, rtol=1e-12)
    run.clear_points()
    assert len(run.y_train) == n and run.added[0].shape == (0, 2)


# --- each status, reached by a concrete configuration ---------------------------------------

def test_training_then_converged():
    run = TrainingRun("circles", hidden=(4,), learn_rate=0.1, batch_size=10)
    assert run.train(50).status == "training"
    assert run.message.startswith("training: the loss is falling")
    result = run.train(550)
    assert result.status is Status.CONVERGED and result.train_accuracy >= 0.95
    assert "converged: 99% of the training points are right" in run.message
    assert "test loss" in run.message


def test_too_large_learning_rate_oscillates_and_says_so():
    # Issue 12: at learn_rate 10 the old playground said "training..." while the loss bounced.
    run = TrainingRun("circles", learn_rate=10)
    assert run.train(50).status == "oscillating"
    assert "learning rate 10 is too large" in run.message and "Try 3.3" in run.message
    run.learn_rate = 0.5         # judged afresh from the change on
    assert run.status == "training"


def test_too_few_neurons_get_stuck():
    run = TrainingRun("circles", hidden=(1,), learn_rate=0.1)
    result = run.train(400)
    assert result.status is Status.STUCK and result.train_accuracy < 0.95
    assert "stuck: the loss" in run.message and "more hidden neurons" in run.message


def test_divergence_stops_the_run_without_a_warning():
    run = TrainingRun("people", hidden=(4,), activation="relu", output="linear", learn_rate=1.0,
                      batch_size=1, test_fraction=0.0)
    result = run.train(20)          # a DivergenceWarning would fail this test
    assert result.status is Status.DIVERGED and result.epochs < 20
    assert run.message.startswith(f"diverged: in epoch {run.epoch + 1} the loss stopped")
    assert "far too large: try 0.1" in run.message
    assert np.all(np.isfinite(run.train_loss))
    assert run.train(5).epochs == 0 and run.status == "diverged"
    run.learn_rate = 0.01            # a diverged network stays diverged: make a new run
    assert run.status == "diverged"


def test_max_epochs_stops_and_raising_it_goes_on():
    run = TrainingRun("xor", max_epochs=20)
    result = run.train(50)
    assert result.epochs == 20 and result.status is Status.STOPPED
    assert "stopped at epoch 20" in run.message
    run.max_epochs = 30
    assert run.status != "stopped" and run.train(50).epochs == 10


def test_diagnose_rules_on_made_up_histories():
    falling = 0.3 * 0.99 ** np.arange(60)
    assert diagnose(falling, np.full(60, 0.7), 0.1)[0] is Status.TRAINING
    bouncing = 0.2 + 0.1 * (np.arange(60) % 2)
    assert diagnose(bouncing, np.full(60, 0.7), 5.0)[0] is Status.OSCILLATING
    flat = np.full(60, 0.2)
    assert diagnose(flat, np.full(60, 0.6), 0.1)[0] is Status.STUCK
    assert diagnose(flat, np.full(60, 0.98), 0.1)[0] is Status.CONVERGED
    assert diagnose([], [], 0.1)[0] is Status.READY
    assert diagnose(flat, flat, 0.1, diverged=True)[0] is Status.DIVERGED


def test_test_fraction_zero_has_no_test_set():
    run = TrainingRun("xor", test_fraction=0.0)
    run.train(2)
    assert len(run.y_test) == 0 and np.all(np.isnan(run.test_loss))


# --- bad input: named, expected, got; before any work -----------------------------------------

@pytest.mark.parametrize("kwargs, error, words", [
    (dict(dataset="circle"), ValueError, "Did you mean 'circles'"),
    (dict(dataset=None), TypeError, "dataset must be one of"),
    (dict(hidden="4, 4"), TypeError, "hidden must be a list of layer sizes"),
    (dict(hidden=None), TypeError, "hidden must be a list"),
    (dict(hidden=(0,)), ValueError, "hidden[0] must be a whole number of at least 1, got 0"),
    (dict(hidden=(10 ** 9,)), ValueError, "hidden[0] must be at most 64 neurons"),
    (dict(hidden=(2.5,)), TypeError, "hidden[0] must be a whole number"),
    (dict(hidden=(4,) * 20), ValueError, "at most 6 layers"),
    (dict(activation="tan"), ValueError, "activation must be one of"),
    (dict(learn_rate=float("nan")), ValueError, "learn_rate must be a number from 0.001 to 10, got nan"),
    (dict(learn_rate=-1), ValueError, "learn_rate must be a number from 0.001 to 10, got -1.0"),
    (dict(learn_rate="0.1"), TypeError, "learn_rate must be a number"),
    (dict(learn_rate=None), TypeError, "learn_rate must be a number"),
    (dict(batch_size=0), ValueError, "batch_size"),
    (dict(batch_size="10"), TypeError, "batch_size"),
    (dict(batch_size=2.5), TypeError, "batch_size"),
    (dict(test_fraction=1.0), ValueError, "test_fraction must be a number from 0 to 0.9"),
    (dict(test_fraction=float("inf")), ValueError, "test_fraction"),
    (dict(test_fraction="half"), TypeError, "test_fraction"),
    (dict(noise=-0.1), ValueError, "noise must be a number from 0 to 1"),
    (dict(noise=float("nan")), ValueError, "noise"),
    (dict(noise=[0.1, 0.2]), TypeError, "noise must be a number from 0 to 1, got [0.1, 0.2]"),
    (dict(noise="a lot"), TypeError, "noise"),
    (dict(seed=-1), ValueError, "seed must be a whole number of at least 0, got -1"),
    (dict(n=10 ** 9), ValueError, "n must be a whole number of at most 5,000, got 1,000,000,000"),
    (dict(max_epochs=-5), ValueError, "max_epochs"),
])
def test_bad_settings_are_refused_by_name(kwargs, error, words):
    with pytest.raises(error) as caught:
        TrainingRun(**kwargs)
    assert words in str(caught.value)


@pytest.mark.parametrize("setting, value, error, words", [
    ("learn_rate", float("inf"), ValueError, "learn_rate must be a number from 0.001 to 10, got inf"),
    ("learn_rate", "fast", TypeError, "learn_rate"),
    ("batch_size", -3, ValueError, "batch_size"),
    ("max_epochs", "many", TypeError, "max_epochs"),
])
def test_bad_values_for_the_setters_change_nothing(setting, value, error, words):
    run = TrainingRun("xor")
    before = getattr(run, setting)
    with pytest.raises(error, match=words):
        setattr(run, setting, value)
    assert getattr(run, setting) == before


@pytest.mark.parametrize("call, error, words", [
    (lambda r: r.train(-1), ValueError, "epochs must be a whole number of at least 0"),
    (lambda r: r.train(10 ** 9), ValueError, "epochs must be at most 100000 per call"),
    (lambda r: r.train("5"), TypeError, "epochs"),
    (lambda r: r.train(None), TypeError, "epochs"),
    (lambda r: r.add_point(float("nan"), 0, 1), ValueError, "x and y must contain only finite"),
    (lambda r: r.add_point("a", 0, 1), TypeError, "x and y"),
    (lambda r: r.add_point(0, 0, 2), ValueError, "label must be 0 or 1, got 2"),
    (lambda r: r.add_point(0, 0, None), ValueError, "label must be 0 or 1"),
])
def test_bad_calls_are_refused_by_name(call, error, words):
    run = TrainingRun("xor")
    with pytest.raises(error, match=words):
        call(run)
    assert run.epoch == 0 and len(run.added[1]) == 0


def test_training_module_loads_no_plotting_library():
    code = ("import sys, nnviz; nnviz.TrainingRun('xor').train(2); "
            "print([m for m in ('matplotlib', 'ipywidgets') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
