"""nnviz.gd: gradient descent on the line and on the bumpy curve, and how a walk is judged."""
import json
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz import gd

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def line_xy():
    return gd.line_data()


# --- gd: the maths ------------------------------------------------------------------------

@settings(max_examples=30, deadline=None)
@given(st.floats(-5, 5), st.floats(-5, 5))
def test_line_gradient_matches_finite_differences(m, b):
    x, y = gd.line_data()
    eps = 1e-6
    dE_dm, dE_db = gd.line_gradient(m, b, x, y)
    num_m = (gd.line_loss(m + eps, b, x, y) - gd.line_loss(m - eps, b, x, y)) / (2 * eps)
    num_b = (gd.line_loss(m, b + eps, x, y) - gd.line_loss(m, b - eps, x, y)) / (2 * eps)
    assert dE_dm == pytest.approx(num_m, rel=1e-5, abs=1e-5)
    assert dE_db == pytest.approx(num_b, rel=1e-5, abs=1e-5)


@settings(max_examples=30, deadline=None)
@given(st.floats(-2.5, 2.5))
def test_bumpy_derivative_matches_finite_differences(w):
    eps = 1e-6
    numeric = (gd.bumpy(w + eps) - gd.bumpy(w - eps)) / (2 * eps)
    assert gd.bumpy_derivative(w) == pytest.approx(numeric, rel=1e-5, abs=1e-5)


def test_line_loss_on_a_grid_is_the_mean_squared_residual(line_xy):
    x, y = line_xy
    M, B = np.meshgrid([-1.0, 0.5, 2.0], [0.0, 1.0])
    E = gd.line_loss(M, B, x, y)
    direct = [[np.mean((y - (m * x + b)) ** 2) for m, b in zip(mr, br)] for mr, br in zip(M, B)]
    np.testing.assert_allclose(E, direct, rtol=1e-10)
    assert gd.line_loss(2.0, 1.0, x, y) == pytest.approx(np.mean((y - (2 * x + 1)) ** 2))


def test_descent_path_follows_the_update_rule(line_xy):
    x, y = line_xy
    d = gd.line_descent(x, y, m=-1.0, b=4.0, learn_rate=0.05, steps=20)
    assert d.path.shape == (21, 2) and d.steps == 20
    for k in range(20):
        grad = np.array(gd.line_gradient(*d.path[k], x, y))
        np.testing.assert_allclose(d.path[k + 1], d.path[k] - 0.05 * grad)
        assert d.losses[k] == pytest.approx(gd.line_loss(*d.path[k], x, y))


@pytest.mark.parametrize("learn_rate, status", [
    (0.003, "crawling"),        # too small: creeps down the long valley
    (0.2, "converged"),         # right
    (0.28, "overshooting"),     # too large: zig-zags across the valley
    (0.4, "diverged"),          # far too large: the loss blows up
])
def test_line_learning_rates_are_classified(line_xy, learn_rate, status):
    x, y = line_xy
    d = gd.line_descent(x, y, m=-1.0, b=4.0, learn_rate=learn_rate, steps=50)
    assert d.status == status
    assert d.message.startswith(status)


def test_messages_say_what_happened_in_numbers(line_xy):
    x, y = line_xy
    crawl = gd.line_descent(x, y, -1.0, 4.0, learn_rate=0.001, steps=50)
    fell = 100 * (crawl.losses[0] - crawl.losses[-1]) / crawl.losses[0]
    assert f"after 50 steps the loss only fell {fell:.0f}%" in crawl.message
    blown = gd.line_descent(x, y, -1.0, 4.0, learn_rate=0.9, steps=200)
    assert blown.diverged and blown.steps < 200
    assert "larger than 1e+10" in blown.message or "not a finite number" in blown.message
    assert blown.losses[-1] > gd.DIVERGE_LOSS or not np.isfinite(blown.losses[-1])


def test_converged_line_ends_at_least_squares(line_xy):
    x, y = line_xy
    d = gd.line_descent(x, y, -1.0, 4.0, learn_rate=0.2, steps=200)
    np.testing.assert_allclose(d.path[-1], gd.line_best_fit(x, y), atol=1e-6)
    np.testing.assert_allclose(gd.line_best_fit(x, y), np.polyfit(x, y, 1), atol=1e-10)


@pytest.mark.parametrize("start, minimum", [
    (2.0, gd.BUMPY_LOCAL_MIN), (0.5, gd.BUMPY_LOCAL_MIN),
    (-2.0, gd.BUMPY_GLOBAL_MIN), (0.0, gd.BUMPY_GLOBAL_MIN),
])
def test_bumpy_start_decides_the_valley(start, minimum):
    d = gd.bumpy_descent(start, learn_rate=0.05, steps=200)
    assert d.converged
    assert d.path[-1, 0] == pytest.approx(minimum, abs=1e-6)
    assert gd.bumpy_derivative(minimum) == pytest.approx(0.0, abs=1e-9)


def _stated_bumpy_points(text):
    """(w, E) pairs a text states as 'near w = -1.30 (E about 0.49)' or, in a notebook,
    'near $w = -1.30$ (the **global minimum**, $E \\approx 0.49$)'."""
    pattern = (r"near\s+\$?w = (-?\d+\.\d+)\$?\s+\((?:[^()$]*,\s+)?\$?E\s+(?:about|\\approx)\s+"
               r"(-?\d+\.\d+)\$?\)")
    return [(float(w), float(E)) for w, E in re.findall(pattern, text)]


def test_bumpy_docstring_and_notebook_state_the_true_minima():
    hill = float(np.sort(np.roots([4.0, 0.0, -6.0, 1.0]).real)[1])
    truth = [(gd.BUMPY_GLOBAL_MIN, gd.bumpy(gd.BUMPY_GLOBAL_MIN)),
             (gd.BUMPY_LOCAL_MIN, gd.bumpy(gd.BUMPY_LOCAL_MIN)), (hill, gd.bumpy(hill))]
    notebook = json.loads((ROOT / "notebooks" / "06_gradient_descent.ipynb").read_text(encoding="utf-8"))
    equation = next("".join(c["source"]) for c in notebook["cells"]
                    if "The slope is 0 at three places" in "".join(c["source"]))
    truth = {round(w, 2): round(E, 2) for w, E in truth}
    for text in (gd.bumpy.__doc__, equation):
        stated = dict(_stated_bumpy_points(text))
        # both minima are stated, and every stated E is E(w) at that w, to 2 decimals
        assert {round(gd.BUMPY_GLOBAL_MIN, 2), round(gd.BUMPY_LOCAL_MIN, 2)} <= set(stated), text
        assert stated == {w: truth[w] for w in stated}, text


def test_bumpy_minima():
    assert gd.bumpy(gd.BUMPY_GLOBAL_MIN) < gd.bumpy(gd.BUMPY_LOCAL_MIN)
    assert gd.BUMPY_GLOBAL_MIN < 0 < gd.BUMPY_LOCAL_MIN
    ws = np.linspace(-2.5, 2.5, 100001)
    assert ws[np.argmin(gd.bumpy(ws))] == pytest.approx(gd.BUMPY_GLOBAL_MIN, abs=1e-4)


def test_descend_works_on_any_function():
    # E(p) = p1^2 + 10 p2^2, minimum at 0.
    d = gd.descend(lambda p: p[0] ** 2 + 10 * p[1] ** 2, lambda p: np.array([2 * p[0], 20 * p[1]]),
                   start=[3.0, 1.0], learn_rate=0.04, steps=300)
    assert d.converged
    np.testing.assert_allclose(d.path[-1], [0.0, 0.0], atol=1e-6)


def test_diverging_descent_is_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = gd.bumpy_descent(2.0, learn_rate=1.0, steps=100)
    assert d.diverged and "diverged" in d.message


@pytest.mark.parametrize("kwargs, words", [
    (dict(learn_rate=-0.1), "learn_rate must be a number greater than 0"),
    (dict(steps=2.5), "steps must be a whole number"),
    (dict(learn_rate="fast"), "learn_rate must be a number"),
])
def test_descend_errors_name_the_parameter(line_xy, kwargs, words):
    x, y = line_xy
    with pytest.raises((TypeError, ValueError), match=words):
        gd.line_descent(x, y, **kwargs)


def test_line_data_errors():
    with pytest.raises(ValueError, match=r"y must hold one value per x, shape \(3,\), got shape \(2,\)"):
        gd.line_loss(1.0, 0.0, [1, 2, 3], [1, 2])
    with pytest.raises(TypeError, match="loss must be a function"):
        gd.descend(3, lambda p: p, [0.0])


def test_gd_has_no_plotting_import():
    import subprocess
    import sys
    code = "import sys, nnviz.gd; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("learn_rate, status, zig_zag", [
    (0.07, "crawling", False), (0.08, "converged", False), (0.1, "converged", False),
    (0.25, "converged", True), (0.27, "converged", True), (0.28, "overshooting", True),
    (0.3, "overshooting", True), (0.35, "diverged", None),
])
def test_the_learn_rates_06_exercise_2s_solution_quotes(learn_rate, status, zig_zag):
    # 06 Exercise 2's solution: converges from about 0.08 to 0.27 within 50 steps, crawls
    # below 0.08, zig-zags from about 0.25, 0.28 barely shrinks, from 0.3 the loss grows,
    # and 0.35 passes 1e10 within 31 steps.
    x, y = gd.line_data()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run = gd.line_descent(x, y, m=0.5, b=0.0, learn_rate=learn_rate, steps=50)
    assert run.status == status, run.message
    if zig_zag is not None:
        assert ("zig-zag" in run.message) == zig_zag, run.message
    if learn_rate == 0.3:
        assert "the loss is growing" in run.message
    if learn_rate == 0.35:
        assert "after 31 steps" in run.message and "1e+10" in run.message


def test_a_few_fast_steps_are_descending_not_crawling():
    # Learner finding: one step at 0.158 said "crawling: after 1 steps ... try a larger learning rate".
    x, y = gd.line_data()
    one = gd.line_descent(x, y, 0.5, 0.0, learn_rate=0.158, steps=1)
    assert one.status == "descending" and "1 step so far" in one.message and "1 steps" not in one.message
    assert "larger learning rate" not in one.message
    assert gd.bumpy_descent(2.0, learn_rate=0.1, steps=3).status == "descending"
    assert gd.line_descent(x, y, 0.5, 0.0, learn_rate=0.003, steps=50).status == "crawling"
    assert gd.line_descent(x, y, 0.5, 0.0, learn_rate=0.158, steps=0).message == "no steps taken yet"


def test_one_overshoot_is_not_called_zig_zagging():
    x, y = gd.line_data()
    once = gd.line_descent(x, y, 0.5, 0.0, learn_rate=0.158, steps=50)
    assert once.converged and "overshot once" in once.message and "zig-zag" not in once.message
    assert "zig-zagging" in gd.line_descent(x, y, 0.5, 0.0, learn_rate=0.25, steps=50).message
