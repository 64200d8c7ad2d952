"""BackpropSteps (nnviz/backprop.py): one example's forward pass, loss, backward pass and
update, step by step. Every number against Network's own forward pass, Network.gradients,
central differences and the values 05_backprop prints."""
import numpy as np
import pytest

import nnviz
from nnviz.backprop import MAX_PARAMS, BackpropSteps, Step, StepKind, alice_network

ALICE_X, ALICE_Y = (-2.0, -1.0), 1.0


@pytest.fixture
def steps():
    return BackpropSteps()


def _central(net, x, y, name, eps=1e-6):
    from nnviz.network import param_names
    i, idx = param_names(net)[name]
    p = net.params[i]
    old = p[idx]
    p[idx] = old + eps
    up = net.loss(np.array([x]), [y])
    p[idx] = old - eps
    down = net.loss(np.array([x]), [y])
    p[idx] = old
    return (up - down) / (2 * eps)


def test_alice_sequence_is_forward_loss_backward_update(steps):
    kinds = [s.kind for s in steps]
    assert len(steps) == 16
    assert kinds[0] is StepKind.START and kinds[-1] is StepKind.UPDATE
    assert [s.target for s in steps if s.kind is StepKind.FORWARD] == ["h1", "h2", "o1"]
    assert [s.target for s in steps if s.kind is StepKind.BACKWARD] == [
        "w5", "w6", "b3", "w1", "w2", "b1", "w3", "w4", "b2"]
    assert kinds.index(StepKind.LOSS) < kinds.index(StepKind.OUTPUT_ERROR) < kinds.index(StepKind.BACKWARD)
    assert all(isinstance(s, Step) for s in steps)


def test_alice_numbers_are_the_notebooks(steps):
    assert steps[steps.index("forward", "h1")].value == pytest.approx(0.0474259, abs=1e-7)
    assert steps[steps.index("forward", "o1")].value == pytest.approx(0.523695, abs=1e-6)
    assert steps[steps.index("output error")].value == pytest.approx(-0.95261, abs=1e-5)
    w1 = steps[steps.index("backward", "w1")]
    assert w1.value == pytest.approx(0.0214695, abs=5e-8)
    assert "= 0.0214695" in w1.numbers
    assert w1.formula.startswith("∂L/∂w1 = ∂L/∂y_pred · ∂y_pred/∂h1 · ∂h1/∂w1")
    assert [s for s, _ in w1.factors] == ["∂L/∂y_pred", "∂y_pred/∂h1", "∂h1/∂w1"]
    np.testing.assert_allclose([v for _, v in w1.factors], [-0.95261, 0.24944, -0.090353], atol=5e-5)
    assert "h1 = σ(1·(−2) + 1·(−1) + 0) = σ(−3) = 0.0474259" == steps[1].numbers


def test_every_gradient_equals_network_gradients_and_its_chain_product():
    for seed in range(5):
        net = nnviz.Network([2, 2, 1], seed=seed)
        x = np.random.default_rng(seed).normal(size=2)
        steps = BackpropSteps(net, x, 0.0 if seed % 2 else 1.0)
        grads = net.gradients(x[None, :], [steps.y])
        flat = np.concatenate([g.ravel() for g in grads[0::2]] + [g.ravel() for g in grads[1::2]])
        names = [f"w{k}" for k in range(1, 7)] + ["b1", "b2", "b3"]
        for name, g in zip(names, flat):
            step = steps[steps.index(StepKind.BACKWARD, name)]
            assert step.value == g                                     # exactly Network's
            assert np.prod([v for _, v in step.factors]) == pytest.approx(g, rel=1e-12, abs=1e-15)
            assert step.value == pytest.approx(_central(net, x, steps.y, name), abs=1e-8)


def test_deeper_network_tanh_matches_gradients_and_finite_differences():
    net = nnviz.Network([2, 3, 2, 1], activation="tanh", seed=3)
    x = np.array([0.4, -1.2])
    steps = BackpropSteps(net, x, 0.5, learn_rate=0.1)
    assert len([s for s in steps if s.kind is StepKind.BACKWARD]) == 9 + 8 + 3
    for name, value in steps.gradients.items():
        step = steps[steps.index("backward", name)]
        assert np.prod([v for _, v in step.factors]) == pytest.approx(value, rel=1e-10, abs=1e-14)
        assert value == pytest.approx(_central(net, x, 0.5, name), abs=1e-8)


def test_update_is_one_gradient_descent_step_and_lowers_alices_loss(steps):
    after = steps.network_after()
    ref = alice_network()
    for p, g in zip(ref.params, ref.gradients(np.array([ALICE_X]), [ALICE_Y])):
        p -= 0.5 * g
    for a, b in zip(after.params, ref.params):
        np.testing.assert_array_equal(a, b)
    assert steps.params_after["w1"] == pytest.approx(1 - 0.5 * 0.0214695, abs=1e-7)
    assert steps.loss_after == pytest.approx(ref.loss(np.array([ALICE_X]), [ALICE_Y]))
    assert steps.loss_after < steps.loss_before == pytest.approx(0.226866, abs=1e-6)
    assert steps[-1].value == steps.loss_after


def test_shown_accumulates_what_the_steps_computed(steps):
    s0 = steps.shown(0)
    assert s0["nodes"] == {"x1": -2.0, "x2": -1.0} and s0["gradients"] == {} and s0["loss"] is None
    k = steps.index("backward", "w1")
    s = steps.shown(k)
    assert set(s["gradients"]) == {"w5", "w6", "b3", "w1"} and s["loss"] == steps.loss_before
    assert s["params"]["w1"] == 1.0 and not s["moved"]
    last = steps.shown(len(steps) - 1)
    assert last["moved"] and last["params"]["w1"] == steps.params_after["w1"]


def test_stepping_never_changes_the_network():
    net = alice_network()
    BackpropSteps(net, ALICE_X, ALICE_Y).network_after()
    np.testing.assert_array_equal(net.params[0], np.ones((2, 2)))


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(network="net"), TypeError, "network must be an nnviz.Network"),
    (dict(network=nnviz.Network([2, 2, 2])), ValueError, "network must have any input(s) and 1 output"),
    (dict(network=nnviz.Network([2, 20, 1])), ValueError, f"at most {MAX_PARAMS} weights"),
    (dict(x=(1.0, 2.0, 3.0)), ValueError, "x must be one sample with 2 values"),
    (dict(x="Alice"), TypeError, "x must be"),
    (dict(x=(1.0, float("nan"))), ValueError, "x must contain only finite numbers"),
    (dict(y="F"), TypeError, "y must be a number"),
    (dict(y=float("inf")), ValueError, "y must be a finite number"),
    (dict(learn_rate=0), ValueError, "learn_rate must be a number greater than 0"),
    (dict(learn_rate=1e300), ValueError, "learn_rate must be a number from 0 to 100"),
    (dict(y=1e300), ValueError, "y must be a number from -10000 to 10000"),
    (dict(x=(1e300, 0.0)), ValueError, "x[0] must be a number from -10000 to 10000"),
])
def test_bad_input_is_refused_with_a_clear_message(kwargs, error, words):
    with pytest.raises(error, match=re_escape(words)):
        BackpropSteps(**kwargs)


def re_escape(text):
    import re
    return re.escape(text)


def test_step_numbers_and_kinds_are_checked(steps):
    with pytest.raises(ValueError, match="k must be a whole number of at most 15"):
        steps.shown(16)
    with pytest.raises(TypeError, match="k must be a whole number"):
        steps.shown(1.5)
    with pytest.raises(ValueError, match="target must name what a backward step computes, one of "
                                         "w5, w6, b3, w1, w2, b1, w3, w4, b2; got 'w9'"):
        steps.index("backward", "w9")
    with pytest.raises(ValueError, match="kind must be one of 'start', 'forward'"):
        steps.index("backwards", "w1")


def test_docstrings_give_formula_and_notebook():
    import nnviz.backprop as module
    for name in ("BackpropSteps", "Step", "StepKind", "alice_network"):
        assert "05_backprop" in getattr(module, name).__doc__, name
    assert "∂" in module.BackpropSteps.__doc__ or "partial" in module.BackpropSteps.__doc__


def test_huge_weights_are_refused_in_words_without_warnings():
    import warnings
    net = nnviz.Network([2, 2, 1], output_activation="linear")
    net.params = [np.full((2, 2), 1e200), np.zeros(2), np.full((1, 2), 1e200), np.zeros(1)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="network's weights and biases are too large"):
            BackpropSteps(net, (1.0, 1.0), 0.0)
