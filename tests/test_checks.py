"""The exercise checkers: right answers pass, every kind of wrong answer gets words, not tracebacks."""
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

import nnviz
from nnviz import checks

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(autouse=True)
def fresh_progress(tmp_path, monkeypatch):
    # Every test keeps its progress file in its own folder, never in the repository.
    monkeypatch.setenv(checks.PROGRESS_ENV, str(tmp_path / "progress.json"))
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
    with pytest.raises(ValueError, match="cases .*reference"):
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
    check_sigmoid(lambda z: None)                  # the template: not an attempt
    assert checks.progress(expected=["02.1"]).untried == ["02.1"]
    check_sigmoid(lambda z: 0.5 * z)               # a wrong answer: an attempt
    checks.check_number("01.2", 7, 7)
    checks.check_number("01.1", 3, 7)
    p = checks.progress(expected=["01.1", "01.2", "02.1"])
    assert p.seen == ["01.1", "01.2", "02.1"]
    assert p.passed == ["01.2"] and p.not_yet == ["01.1", "02.1"] and p.untried == []
    check_sigmoid(nnviz.sigmoid)  # solved later
    p = checks.progress(expected=["01.1", "01.2", "02.1"])
    assert p.passed == ["01.2", "02.1"] and p.attempts["02.1"] == 2
    assert "2 of 3 exercises" in repr(p) and "2 of 3 exercises" in p._repr_html_()
    only01 = checks.progress("01", expected=["01.1", "01.2", "01.3"])
    assert only01.seen == ["01.1", "01.2"] and only01.untried == ["01.3"]
    assert "1 of 3 exercises" in repr(only01)


def test_progress_of_the_whole_series_lists_every_exercise():
    total = sum(len(ids) for ids in checks.EXERCISES.values())
    p = checks.progress()
    assert p.passed == [] and len(p.untried) == total == 32
    assert "no exercise tried yet" in repr(p) and "No exercise tried yet" in p._repr_html_()
    assert f"0 of {total} exercises" in repr(p)


def test_progress_of_a_notebook_never_says_everything_passed_early():
    checks.check_number("05.2", 1.0, 1.0)
    p = checks.progress("05")
    assert p.passed == ["05.2"] and p.untried == ["05.1", "05.3", "05.4"]
    assert "Everything passed" not in repr(p) and "Everything passed" not in p._repr_html_()
    for exercise in ("05.1", "05.3", "05.4"):
        checks.check_true(exercise, True, success="ok", failure="no")
    assert "Everything passed" in repr(checks.progress("05"))
    assert checks.progress(5).passed == checks.progress("05_backprop.ipynb").passed


def test_the_exercise_table_matches_the_notebooks():
    found = {}
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        ids = [i for c in nb.cells if c.cell_type == "code"
               for i in re.findall(r'checks\.check(?:_\w+)?\(\s*"(\d\d\.\d+)"', c.source)]
        found[path.name[:2]] = tuple(ids)
    assert found == checks.EXERCISES


def test_progress_survives_a_restart(tmp_path):
    store = tmp_path / "progress.json"
    checks.check_number("01.1", 1, 1)
    checks.check_number("01.2", 1, 2)
    saved = json.loads(store.read_text())
    assert saved["exercises"]["01.1"]["passed"] is True
    assert saved["exercises"]["01.2"] == {**saved["exercises"]["01.2"], "passed": False, "attempts": 1}
    # a new kernel: a fresh Python process reading the same file
    code = ("from nnviz import checks; p = checks.progress('01'); "
            "print(p.passed, p.not_yet, p.untried)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, checks.PROGRESS_ENV: str(store)}).stdout
    assert out.strip() == "['01.1'] ['01.2'] ['01.3', '01.4']"


def test_progress_file_defaults_to_the_kernels_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(checks.PROGRESS_ENV)
    monkeypatch.chdir(tmp_path)
    assert checks.progress_path() == tmp_path / ".nnviz-progress.json"
    checks.check_number("00.1", 0.5, 0.5)
    assert json.loads((tmp_path / ".nnviz-progress.json").read_text())["exercises"]["00.1"]["passed"]
    monkeypatch.setenv(checks.PROGRESS_ENV, "off")
    assert checks.progress_path() is None
    checks.reset_progress()                  # forgets this kernel's results, not the file's
    assert json.loads((tmp_path / ".nnviz-progress.json").read_text())["exercises"]["00.1"]["passed"]
    checks.check_number("00.2", 1, 1)        # kept in memory only
    assert checks.progress("00").passed == ["00.2"]


def test_a_broken_or_unwritable_progress_file_is_words_not_a_crash(tmp_path, monkeypatch):
    store = tmp_path / "broken.json"
    store.write_text("{not json")
    monkeypatch.setenv(checks.PROGRESS_ENV, str(store))
    p = checks.progress()
    assert "could not read" in p.note and "could not read" in repr(p)
    monkeypatch.setenv(checks.PROGRESS_ENV, str(tmp_path / "no" / "such" / "folder" / "p.json"))
    assert checks.check_number("01.1", 1, 1).passed
    assert "kept in this kernel only" in repr(checks.progress("01"))


def test_report_html_and_json(tmp_path):
    checks.check_number("01.1", 1, 1)
    checks.check_number("01.2", 0, 1)
    data = json.loads(checks.report("Ada Lovelace", tmp_path / "ada.json").read_text())
    assert data["name"] == "Ada Lovelace" and re.match(r"\d{4}-\d\d-\d\dT", data["date"])
    status = {row["exercise"]: row["status"] for row in data["exercises"]}
    assert status["01.1"] == "passed" and status["01.2"] == "not yet" and status["08.3"] == "untried"
    assert len(status) == 32 and data["passed"] == 1 and data["total"] == 32
    page = checks.report("Ada <Lovelace>", str(tmp_path / "ada.html")).read_text()
    assert "Ada &lt;Lovelace&gt;" in page and "<table>" in page
    assert re.search(r"<td>01\.1</td><td[^>]*>passed</td>", page)


@pytest.mark.parametrize("kwargs, error, word", [
    (dict(name=""), ValueError, "name"),
    (dict(name=3), TypeError, "name"),
    (dict(name="A", path="report.txt"), ValueError, "path"),
    (dict(name="A", path=3), TypeError, "path"),
])
def test_report_rejects_bad_input(tmp_path, kwargs, error, word):
    kwargs.setdefault("path", tmp_path / "r.html")
    with pytest.raises(error, match=word):
        checks.report(**kwargs)


def test_a_check_before_the_answer_exists_says_which_cell_to_run():
    namespace = {}
    result = checks.check_number("01.1", checks.named("my_z", namespace), 7)
    assert_not_yet(result, "`my_z` is not defined yet", "Run your answer cell above", "then this check cell")
    namespace["my_z"] = 7.0
    assert checks.check_number("01.1", checks.named("my_z", namespace), 7).passed
    # the caller's globals, by default; and plain names for functions and networks
    assert_not_yet(checks.check_function("02.1", "my_sigmoid_never_defined", nnviz.sigmoid, [0]),
                   "`my_sigmoid_never_defined` is not defined yet")
    assert checks.check_function("02.1", "_sigmoid_for_name_test", nnviz.sigmoid, [0, 1]).passed
    X, y = nnviz.data.xor_points()
    assert_not_yet(checks.check_network("03.4", "xor_explorer", X, y), "`xor_explorer` is not defined")
    assert_not_yet(checks.check_choice("02.4", checks.named("my_answer"), "c"), "`my_answer`")
    assert_not_yet(checks.check_true("06.2", lambda: my_run_never_defined.converged,  # noqa: F821
                                     success="s", failure="f"), "`my_run_never_defined`")
    assert checks.check_true("06.2", lambda: 1 < 2, success="s", failure="f").passed


def _sigmoid_for_name_test(z):
    return 1 / (1 + np.exp(-z))


@pytest.mark.parametrize("call, error, word", [
    (lambda: checks.check_function(3, nnviz.sigmoid, nnviz.sigmoid, [0]), TypeError, "exercise"),
    (lambda: checks.check_function("", nnviz.sigmoid, nnviz.sigmoid, [0]), ValueError, "exercise"),
    (lambda: checks.check_function("02.1", nnviz.sigmoid, 3, [0]), TypeError, "reference"),
    (lambda: checks.check_function("02.1", nnviz.sigmoid, nnviz.sigmoid, 0), TypeError, "cases"),
    (lambda: checks.check_function("02.1", nnviz.sigmoid, nnviz.sigmoid, []), ValueError, "cases"),
    (lambda: checks.check_function("02.1", nnviz.sigmoid, nnviz.sigmoid, [0], tol=-1), ValueError, "tol"),
    (lambda: checks.check_function("02.1", nnviz.sigmoid, nnviz.sigmoid, [0], hint=3), TypeError, "hint"),
    (lambda: checks.check_number("01.1", 1, "seven"), TypeError, "expected"),
    (lambda: checks.check_number("01.1", 1, 1, tol="a"), TypeError, "tol"),
    (lambda: checks.check_number("01.1", 1, 1, relative="yes"), TypeError, "relative"),
    (lambda: checks.check_number("01.1", 1, 1, name=None), TypeError, "name"),
    (lambda: checks.check_choice("02.4", "a", ""), ValueError, "correct"),
    (lambda: checks.check_choice("02.4", "a", 3), TypeError, "correct"),
    (lambda: checks.check_choice("02.4", "a", "a", options=["a"]), TypeError, "options"),
    (lambda: checks.check_true("06.2", True, success=1, failure="f"), TypeError, "success"),
    (lambda: checks.check_network("03.4", None, [[0, 0]], [0], threshold="x"), TypeError, "threshold"),
    (lambda: checks.check_network("03.4", None, [[0, 0]], [0], activation="step"), ValueError, "activation"),
    (lambda: checks.check_network("03.4", None, [[0, 0], [1, 1]], [0]), ValueError, "X"),
    (lambda: checks.check_network("03.4", None, [[0, 0]], [0], labels=["a", "b"]), ValueError, "labels"),
    (lambda: checks.progress(notebook="99"), ValueError, "notebook"),
    (lambda: checks.progress(notebook=[1]), TypeError, "notebook"),
    (lambda: checks.progress(expected="01.1"), TypeError, "expected"),
    (lambda: checks.named(3), TypeError, "name"),
    (lambda: checks.named("not a name"), ValueError, "name"),
    (lambda: checks.agree(3, 1, 1), TypeError, "name"),
    (lambda: checks.agree("x", 1, 1, tol=float("nan")), ValueError, "tol"),
    (lambda: checks.CheckResult("01.1", "yes", "m"), TypeError, "passed"),
    (lambda: checks.Progress("a", [], [], [], {}), TypeError, "seen"),
])
def test_bad_input_is_refused_naming_the_parameter(call, error, word):
    with pytest.raises(error, match=word):
        call()


# --- agree -------------------------------------------------------------------------------

def test_agree_prints_tick(capsys):
    assert checks.agree("sigmoid(7)", nnviz.sigmoid(7), 0.9990889488055994) is None
    out = capsys.readouterr().out
    assert out.startswith("✓ sigmoid(7)") and "0.9990889488055994" in out
    checks.agree("arrays", np.array([1.0, 2.0]), [1.0, 2.0 + 1e-12])


def test_agree_raises_on_disagreement():
    with pytest.raises(AssertionError, match="differ"):
        checks.agree("bad", 0.5, 0.6)
    with pytest.raises(AssertionError):
        checks.agree("nan", float("nan"), 1.0)


def test_agree_refuses_what_cannot_be_compared_naming_the_parameter():
    # Not a disagreement between two numbers but a bad argument: a clear ValueError/TypeError.
    with pytest.raises(ValueError, match="mine and theirs must have the same shape"):
        checks.agree("bad", [1, 2], [1, 2, 3])
    with pytest.raises(TypeError, match="mine must be a number"):
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


def test_check_function_refuses_cases_the_reference_cannot_take():
    with pytest.raises(ValueError, match="cases"):
        checks.check_function("01.1", lambda x: x * x, lambda x: x * x, [[1.0, 2.0], [3.0]])
    with pytest.raises(TypeError, match="cases"):
        checks.check_function("01.1", nnviz.sigmoid, nnviz.sigmoid, {"a": 1})


def test_check_function_still_reports_a_broken_learner_function_as_not_yet():
    result = checks.check_function("01.1", lambda z: 1 / 0, nnviz.sigmoid, [1.0])
    assert not result.passed and "ZeroDivisionError" in result.message


@pytest.mark.parametrize("bad", [True, 3, object(), ["x", 1]])
def test_check_function_names_bad_arg_names(bad):
    with pytest.raises(TypeError, match="arg_names"):
        checks.check_function("01.1", nnviz.sigmoid, nnviz.sigmoid, [1.0], arg_names=bad)


def test_check_network_checks_labels_and_activation():
    X, y = nnviz.data.people()
    net = nnviz.Network([2, 2, 1], seed=0)
    with pytest.raises(TypeError, match="labels"):
        checks.check_network("07.1", net, X, y, labels=5)
    with pytest.raises(ValueError, match="labels"):
        checks.check_network("07.1", net, X, y, labels=["a"])
    with pytest.raises(TypeError, match="activation"):      # the wrong kind of thing
        checks.check_network("07.1", net, X, y, activation=np.zeros((2, 3, 4)))
    with pytest.raises(ValueError, match="Did you mean 'relu'"):
        checks.check_network("07.1", net, X, y, activation="rely")
    result = checks.check_network("07.1", net, X, y, labels=[1, 2, 3, "F"])
    assert isinstance(result.passed, bool)


def test_progress_file_that_cannot_even_be_stat_ed_keeps_progress_in_the_kernel(monkeypatch, tmp_path):
    # JupyterLite's drive: stat() on the progress file raised OSError(EINVAL) in notebook 01.
    import pathlib
    monkeypatch.setenv("NNVIZ_PROGRESS_FILE", str(tmp_path / "p.json"))
    real_exists = pathlib.Path.exists

    def failing_exists(self, *args, **kwargs):
        if self.name == "p.json":
            raise OSError(28, "Invalid argument")
        return real_exists(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "exists", failing_exists)
    result = checks.check_number("01.1", 7.0, 7.0)
    assert result.passed


# --- the answers live in the package; check cells name the exercise ------------------------

from nnviz import _answers  # noqa: E402


def test_every_exercise_has_an_answer_and_the_table_matches():
    assert list(_answers.ANSWERS) == [e for ids in checks.EXERCISES.values() for e in ids]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_no_answer_is_visible_in_a_check_cell(path):
    nb = nbformat.read(path, as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code" and "checks.check" in c.source
             and re.search(r'"\d\d\.\d+"', c.source)]
    assert len(cells) == len(checks.EXERCISES[path.name[:2]])
    # 07.4 belongs to the playground's rework (its check cell is being changed there)
    cells = [c for c in cells if '"07.4"' not in c]
    for source in cells:
        # one line: the exercise id and a comment, no expected value, option or reference
        assert re.fullmatch(r'checks\.check\("\d\d\.\d+"\)\s+# [^\n]*', source), source


def test_check_by_id_reads_the_named_variable_and_judges_with_the_package():
    namespace = {}
    result = checks.check("02.4", checks.named("my_answer", namespace))
    assert not result.passed and not result.answered and "`my_answer` is not defined yet" in repr(result)
    for answer, ok in (("c", True), ("C ", True), ("a", False), (None, False)):
        assert checks.check("02.4", answer).passed is ok
    assert "dead unit" in repr(checks.check("02.4", "c"))
    assert checks.check("02.1", nnviz.sigmoid).passed
    assert not checks.check("02.1", lambda z: z).passed
    assert checks.check("06.2", 0.1).passed and not checks.check("06.2", 0.35).passed
    assert "crawling" in repr(checks.check("06.2", 0.003))
    assert checks.check("05.2", 0.010735).passed and not checks.check("05.2", -0.0452).passed
    assert checks.check("05.4", "w1").passed is (checks._answers._s05_4()["correct"] == "w1")
    with pytest.raises(ValueError, match="exercise"):
        checks.check("99.9", 1)
    with pytest.raises(TypeError, match="exercise"):
        checks.check(2.4, 1)


def test_check_by_id_reads_the_variable_of_the_calling_notebook():
    """No namespace given: check() finds the notebook's variables past the frames of checks,
    _answers and _checkers (check resolves in checks.py, the checkers in _checkers.py)."""
    notebook = {"__name__": "__main__", "np": np}     # a notebook: one dict, globals and locals
    exec("from nnviz import checks\n"
         "my_answer = 'c'\n"
         "by_id = checks.check('02.4')\n"
         "my_z = 5.0\n"
         "by_name = checks.check_number('01.1', checks.named('my_z'), expected=5)\n"
         "def my_sigmoid(z):\n"
         "    return 1 / (1 + np.exp(-z))\n"
         "function = checks.check('02.1')\n"
         "missing = checks.check('03.1')\n", notebook)
    assert notebook["by_id"].passed and notebook["by_name"].passed and notebook["function"].passed
    assert not notebook["missing"].answered and "`my_o1` is not defined yet" in repr(notebook["missing"])


def _xor_network():
    net = nnviz.Network([2, 2, 1])
    net.params = [np.array([[6.0, 6.0], [6.0, 6.0]]), np.array([-3.0, -9.0]),
                  np.array([[10.0, -10.0]]), np.array([-5.0])]
    return net


@pytest.mark.slow   # builds explorers and trains a network: over a second
def test_slider_exercises_save_the_state_that_passed_and_it_revives():
    from nnviz import widgets
    explorer = widgets.network_explorer(mode="xor")
    failed = checks.check("03.4", explorer)
    assert not failed.passed and "state" not in failed.metadata["nnviz"]
    explorer.network.params = _xor_network().params
    passed = checks.check("03.4", explorer)
    saved = passed.metadata["nnviz"]
    assert saved["passed"] and saved["state"]["network"]["params"][1] == [-3.0, -9.0]
    data, metadata = passed._repr_mimebundle_()
    assert metadata == passed.metadata and "text/html" in data
    revived = _answers.revive("03.4", json.loads(json.dumps(saved["state"])))
    assert _answers.answer_for("03.4").judge(revived).passed
    # 01.3: a neuron; 04.4: the MSE of the 2-2-1 network on the people
    neuron = nnviz.Neuron([0.0, 1.0], -4.0)
    state = checks.check("01.3", neuron).metadata["nnviz"]["state"]
    assert state == {"neuron": {"weights": [0.0, 1.0], "bias": -4.0, "activation": "sigmoid"}}
    trained = nnviz.Network([2, 2, 1], seed=0)
    X, y = nnviz.data.people()
    trained.train(X, y, learn_rate=0.1, epochs=300, batch_size=1)
    result = checks.check("04.4", trained)
    assert result.passed and "MSE = 0.0" in repr(result) and "state" in result.metadata["nnviz"]
    assert not checks.check("04.4", nnviz.Network([2, 2, 1], seed=0)).passed


def test_a_function_answer_travels_as_its_outputs():
    record = json.loads(json.dumps(_answers.payload("02.2", lambda z: np.maximum(0, z))))
    assert _answers.answer_for("02.2").judge(_answers.revive("02.2", record)).passed
    record = json.loads(json.dumps(_answers.payload("02.2", lambda z: max(0, z))))   # arrays fail
    result = _answers.answer_for("02.2").judge(_answers.revive("02.2", record))
    assert not result.passed and "ValueError" in repr(result)
    assert _answers.payload("02.1", nnviz.sigmoid)["borrowed"] == "nnviz.activations.sigmoid"


# --- self-study progress: what it is, what counts, nothing lost -------------------------------

def test_progress_and_report_say_they_are_self_reported(tmp_path):
    checks.check_number("01.1", 7, 7)
    assert "Self-reported" in repr(checks.progress()) and "grader" in checks.progress()._repr_html_()
    data = json.loads(checks.report("Ada", tmp_path / "r.json").read_text())
    assert data["self_reported"] is True and "nnviz.grade" in data["note"]
    assert "Self-reported" in checks.report("Ada", tmp_path / "r.html").read_text()


def test_running_an_untouched_notebook_is_no_attempt():
    # every check cell of notebook 02 run on the template answers: nothing is recorded
    namespace = {"my_sigmoid": lambda z: None, "my_relu": lambda z: None, "my_slope": None,
                 "my_answer": None}
    for exercise in checks.EXERCISES["02"]:
        spec = _answers.answer_for(exercise)
        result = checks.check(exercise, checks.named(spec.name, namespace))
        assert not result.passed and not result.answered, exercise
    p = checks.progress("02")
    assert p.seen == [] and p.untried == list(checks.EXERCISES["02"])


def test_a_pass_is_never_undone_by_a_later_worse_check():
    checks.check_number("07.2", 4000, 4000)
    checks.check_number("07.2", 10, 4000)
    p = checks.progress("07")
    assert p.passed == ["07.2"] and p.attempts["07.2"] == 2


WRITER = """
import sys, time
from nnviz import checks
exercise, start = sys.argv[1], float(sys.argv[2])
while time.time() < start:
    time.sleep(0.001)
for _ in range(3):
    checks.check_number(exercise, 1.0, 1.0)
"""


@pytest.mark.slow
def test_sixteen_kernels_writing_at_once_lose_nothing(tmp_path):
    import os
    import time
    store = tmp_path / "shared.json"
    exercises = [e for ids in checks.EXERCISES.values() for e in ids][:16]
    env = {**os.environ, checks.PROGRESS_ENV: str(store)}
    start = time.time() + 4.0      # all 16 start their writes at the same moment
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, e, str(start)], env=env) for e in exercises]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    saved = json.loads(store.read_text())["exercises"]
    assert sorted(saved) == sorted(exercises)
    assert all(saved[e]["passed"] and saved[e]["attempts"] == 3 for e in exercises)
    assert not list(tmp_path.glob("*.tmp"))


def test_agree_shows_what_was_compared_in_plain_words(capsys):
    checks.agree("two flags", [True, True], [True, True])
    checks.agree("a perfect fit", 4.440892098500626e-15, 0.0)
    checks.agree("h1", 0.047425873177566774, 0.0474, tol=5e-5)
    out = capsys.readouterr().out
    assert "✓ two flags: [True, True]" in out, "True, not 1"
    assert "✓ a perfect fit: 0 —" in out and "e-15" not in out
    assert "✓ h1: 0.04743 —" in out


def test_check_network_shows_enough_digits_near_the_threshold():
    net = nnviz.Network([2, 1])
    net.params = [np.zeros((1, 2)), np.array([0.00012])]    # sigmoid(0.00012) = 0.50003
    result = checks.check_network("03.4", net, [[0, 0]], [0])
    assert "0.50003" in repr(result) and "0.500 ->" not in repr(result)


def test_the_playground_exercise_reads_the_training_points_and_saves_them():
    run = nnviz.TrainingRun(dataset="circles", learn_rate=1.0)
    assert not checks.check("07.4", run).passed          # untrained
    run.train(400)
    result = checks.check("07.4", run)
    assert result.passed and "training points" in repr(result)
    state = json.loads(json.dumps(result.metadata["nnviz"]["state"]))
    assert state["dataset"] == "circles" and len(state["X"]) == len(run.X_train)
    assert _answers.answer_for("07.4").judge(_answers.revive("07.4", state)).passed
    state["dataset"] = "xor"
    assert not _answers.answer_for("07.4").judge(_answers.revive("07.4", state)).passed


def test_the_windows_lock_is_taken_and_released(tmp_path, monkeypatch):
    # Windows has no fcntl: the store locks one byte of the lock file with msvcrt.locking.
    import types
    calls = []
    fake = types.SimpleNamespace(LK_NBLCK=2, LK_UNLCK=0,
                                 locking=lambda fd, mode, n: calls.append((mode, n)))
    monkeypatch.setitem(sys.modules, "fcntl", None)          # import fcntl -> ImportError
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    checks.check_number("01.1", 7, 7)
    assert calls == [(fake.LK_NBLCK, 1), (fake.LK_UNLCK, 1)]
    assert checks.progress("01").passed == ["01.1"]


def test_an_untouched_explorer_or_playground_is_no_attempt():
    # Learner finding: Run All of 01 and 03 recorded "not yet, attempts 3" for exercises never touched.
    from nnviz import widgets
    explorers = {"01.3": widgets.neuron_explorer(controls=["w1", "w2", "b"]),
                 "03.4": widgets.network_explorer(mode="xor"),
                 "04.4": widgets.loss_explorer(mode="weights", controls=["w1", "w2", "w3", "w4", "w5",
                                                                         "w6", "b1", "b2", "b3"])}
    for exercise, explorer in explorers.items():
        result = checks.check(exercise, explorer)
        assert not result.passed and not result.answered and "starting values" in repr(result), exercise
    assert not checks.check("07.4", nnviz.TrainingRun(dataset="circles")).answered
    assert checks.progress().seen == []
    explorers["03.4"].controls["w1"].value = 6.0            # a slider moved: now it is an attempt
    assert checks.check("03.4", explorers["03.4"]).answered
    assert checks.progress().seen == ["03.4"]
    for explorer in explorers.values():
        explorer.close()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["01_neuron.ipynb", "03_network.ipynb"])
def test_run_all_of_an_untouched_notebook_records_no_attempt(name, tmp_path, monkeypatch):
    # Learner finding: a plain Run All of 01 and 03 recorded every exercise as "not yet, attempts 3".
    from nbclient import NotebookClient
    store = tmp_path / "progress.json"
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    monkeypatch.setenv(checks.PROGRESS_ENV, str(store))       # the kernel inherits it
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = "\n".join(o.get("data", {}).get("text/plain", "") for c in nb.cells if c.cell_type == "code"
                      for o in c.get("outputs", []))
    assert shown.count("Not yet (exercise") == len(checks.EXERCISES[name[:2]])
    saved = json.loads(store.read_text())["exercises"] if store.exists() else {}
    assert saved == {}, f"Run All recorded {sorted(saved)}"
