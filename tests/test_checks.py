"""The exercise checkers: right answers pass, every kind of wrong answer gets words, not tracebacks."""
import subprocess
import sys

import numpy as np
import pytest

import nnviz
from nnviz import checks


@pytest.fixture(autouse=True)
def fresh_progress():
    checks.reset_progress()
    yield
    checks.reset_progress()


def _sigmoid_cases():
    return [0, 2, -3, 7]


def check_sigmoid(fn, **kw):
    return checks.check_function("02.1", fn, nnviz.sigmoid, _sigmoid_cases(),
                                 hint="Use np.exp(-z).", **kw)


def assert_not_yet(result, *words):
    assert isinstance(result, checks.CheckResult)
    assert result.passed is False and not result
    text = repr(result)
    assert text.startswith("Not yet")
    assert "Hint:" in text
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"
    html = result._repr_html_()
    assert "Not yet" in html and "Hint:" in html


# --- check_function ----------------------------------------------------------------------

def test_correct_function_passes():
    result = check_sigmoid(lambda z: 1 / (1 + np.exp(-z)))
    assert result.passed and result
    assert repr(result).startswith("✓")
    assert "✓" in result._repr_html_()
    assert "4 test cases" in result.message


def test_wrong_value_names_case_expected_and_got():
    result = check_sigmoid(lambda z: 1 / (1 + np.exp(z)))
    assert_not_yet(result, "z = 2", "0.880797", "0.1192", "Use np.exp(-z).")


def test_exception_is_reported_in_words():
    result = check_sigmoid(lambda z: 1 / z)
    assert_not_yet(result, "ZeroDivisionError", "z = 0")


def test_not_implemented_stub():
    def my_sigmoid(z):
        raise NotImplementedError

    result = check_sigmoid(my_sigmoid)
    assert_not_yet(result, "not written yet", "my_sigmoid")


def test_none_stub():
    def my_sigmoid(z):
        # YOUR CODE HERE
        return None

    assert_not_yet(check_sigmoid(my_sigmoid), "returned None", "return", "z = 0")


def test_ellipsis_stub():
    assert_not_yet(check_sigmoid(lambda z: ...), "placeholder")


def test_wrong_shape():
    assert_not_yet(check_sigmoid(lambda z: [z, z]), "shape (2,)", "z = 0")


def test_nan_answer():
    assert_not_yet(check_sigmoid(lambda z: float("nan")), "NaN", "z = 0")


def test_text_answer():
    assert_not_yet(check_sigmoid(lambda z: "0.5"), "text", "quotes")


def test_wrong_number_of_arguments_says_what_it_takes():
    result = checks.check_function("01.1", lambda z: z, lambda w, x, b: np.dot(w, x) + b,
                                   [([0, 1], [2, 3], 4)])
    assert_not_yet(result, "TypeError", "w = [0, 1], x = [2, 3], b = 4", "3 inputs")


def test_not_a_function():
    assert_not_yet(checks.check_function("02.1", None, nnviz.sigmoid, [0]), "needs a function")


def test_array_cases_report_first_wrong_position():
    cases = [np.array([-1.0, 0.0, 2.0])]
    result = checks.check_function("02.2", lambda z: np.maximum(0, z) + (z == 2), nnviz.relu, cases)
    assert_not_yet(result, "1 of 3 values differ", "position 2")


def test_learner_function_cannot_change_the_case():
    def sneaky(x):
        x[0] = 100.0
        return np.sum(x)

    data = [np.array([1.0, 2.0])]
    checks.check_function("01.3", sneaky, np.sum, data)
    assert data[0][0] == 1.0


def test_numpy_warning_in_learner_code_does_not_escape():
    # pytest runs with warnings as errors: an overflow warning must not become an exception.
    result = checks.check_function("02.1", lambda z: 1 / (1 + np.exp(-z)), nnviz.sigmoid, [-1000.0])
    assert result.passed
    assert "overflow" in result.message


def test_broken_reference_is_the_authors_bug():
    with pytest.raises(RuntimeError, match="reference"):
        checks.check_function("02.1", nnviz.sigmoid, lambda z: 1 / 0, [1])


# --- check_number / check_choice / check_true --------------------------------------------

def test_check_number():
    assert checks.check_number("01.2", 7.0, 7).passed
    assert checks.check_number("01.2", 7.0004, 7).passed
    assert_not_yet(checks.check_number("01.2", None, 7), "still None")
    assert_not_yet(checks.check_number("01.2", 6, 7), "too low")
    assert_not_yet(checks.check_number("01.2", 8, 7), "too high")
    assert_not_yet(checks.check_number("01.2", "seven", 7), "not a number")
    assert checks.check_number("01.2", "7", 7).passed
    assert checks.check_number("04.1", 1000.5, 1000, tol=1e-3, relative=True).passed
    assert_not_yet(checks.check_number("04.2", [1, 2], [1, 2, 3]), "shape")


def test_check_choice():
    options = {"a": "sigmoid", "b": "ReLU"}
    assert checks.check_choice("02.3", " B ", "b", options=options).passed
    assert_not_yet(checks.check_choice("02.3", None, "b", options=options), "no answer yet")
    assert_not_yet(checks.check_choice("02.3", "z", "b", options=options), "not one of")
    result = checks.check_choice("02.3", "a", "b", options=options,
                                 explanations={"a": "Sigmoid saturates."})
    assert_not_yet(result, "Sigmoid saturates.")


def test_check_true():
    assert checks.check_true("04.3", 1 < 2, success="yes", failure="no").passed
    assert_not_yet(checks.check_true("04.3", False, success="yes", failure="no"), "no")


# --- check_network -----------------------------------------------------------------------

XOR_PARAMS = [np.array([[20.0, 20.0], [-20.0, -20.0]]), np.array([-10.0, 30.0]),
              np.array([[20.0, 20.0]]), np.array([-30.0])]


def test_check_network_accepts_params_network_explorer_and_function():
    X, y = nnviz.data.xor_points()
    assert checks.check_network("03.3", XOR_PARAMS, X, y).passed
    net = nnviz.Network([2, 2, 1], seed=0)
    net.params = [p.copy() for p in XOR_PARAMS]
    assert checks.check_network("03.3", net, X, y).passed

    class Explorer:
        network = net

    assert checks.check_network("03.3", Explorer(), X, y).passed
    assert checks.check_network("03.3", lambda X: X[:, 0] != X[:, 1], X, y).passed


def test_check_network_names_wrong_points():
    X, y = nnviz.data.xor_points()
    result = checks.check_network("03.3", nnviz.Network([2, 2, 1], seed=0), X, y)
    assert_not_yet(result, "of 4 points are right", "(0, 0)")


def test_check_network_bad_model_is_words():
    X, y = nnviz.data.xor_points()
    assert_not_yet(checks.check_network("03.3", None, X, y), "no network")
    assert_not_yet(checks.check_network("03.3", [np.ones(3)], X, y), "W1, b1")
    assert_not_yet(checks.check_network("03.3", lambda X: 1 / 0, X, y), "ZeroDivisionError")


# --- progress ----------------------------------------------------------------------------

def test_progress_counts_latest_result():
    check_sigmoid(lambda z: None)
    checks.check_number("01.2", 7, 7)
    checks.check_number("01.1", 3, 7)
    p = checks.progress()
    assert p.seen == ["01.1", "01.2", "02.1"]
    assert p.passed == ["01.2"] and p.not_yet == ["01.1", "02.1"]
    check_sigmoid(nnviz.sigmoid)  # solved later
    p = checks.progress()
    assert p.passed == ["01.2", "02.1"] and p.attempts["02.1"] == 2
    assert "2 of 3" in repr(p) and "2 of 3" in p._repr_html_()
    only01 = checks.progress("01", expected=["01.1", "01.2", "01.3"])
    assert only01.seen == ["01.1", "01.2"] and only01.untried == ["01.3"]
    assert "1 of 3" in repr(only01)


def test_progress_empty():
    assert "no exercise" in repr(checks.progress())
    assert "no exercise" in checks.progress()._repr_html_()


# --- agree -------------------------------------------------------------------------------

def test_agree_prints_tick(capsys):
    assert checks.agree("sigmoid(7)", nnviz.sigmoid(7), 0.9990889488055994) is None
    out = capsys.readouterr().out
    assert out.startswith("✓ sigmoid(7)") and "0.9990889488055994" in out
    checks.agree("arrays", np.array([1.0, 2.0]), [1.0, 2.0 + 1e-12])


def test_agree_raises_on_disagreement():
    with pytest.raises(AssertionError, match="differ"):
        checks.agree("bad", 0.5, 0.6)
    with pytest.raises(AssertionError, match="shapes"):
        checks.agree("bad", [1, 2], [1, 2, 3])
    with pytest.raises(AssertionError):
        checks.agree("nan", float("nan"), 1.0)
    with pytest.raises(AssertionError, match="cannot compare"):
        checks.agree("text", "abc", 1.0)


def test_import_is_light():
    code = ("import sys, nnviz.checks; "
            "assert 'matplotlib' not in sys.modules, 'matplotlib'; "
            "assert 'IPython' not in sys.modules, 'IPython'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_check_network_accepts_a_neuron_and_a_neuron_explorer():
    X, y = np.array([[2.0, 3.0]]), np.array([1.0])
    neuron = nnviz.Neuron([0, 1], 4)
    assert checks.check_network("01.3", neuron, X, y).passed

    class Explorer:
        pass

    explorer = Explorer()
    explorer.neuron = nnviz.Neuron([0, -1], 0)
    assert_not_yet(checks.check_network("01.3", explorer, X, y), "(2, 3)")
