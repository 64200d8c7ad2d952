"""Claims in the text of notebooks 00-06 that a learner's findings corrected, held to the numbers.

Each test reads the sentence from the notebook and recomputes what it says, so the text and
the package cannot drift apart again.
"""
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

import nnviz
from nnviz import gd

ROOT = Path(__file__).resolve().parents[1]


def _text(name):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    return "\n".join(c.source for c in nb.cells)


def test_the_worked_example_is_credited_to_its_source_by_name():
    credit = 'Victor Zhou, "Machine Learning for Beginners: An Introduction to Neural Networks" (2019)'
    assert credit in _text("00_start_here.ipynb")
    for name in ("01_neuron.ipynb", "03_network.ipynb", "04_loss.ipynb", "05_backprop.ipynb", "07_training.ipynb"):
        assert "Victor Zhou" in _text(name), name


@pytest.mark.slow
def test_two_hidden_neurons_can_solve_xor_but_descent_finds_it_about_half_the_time():
    text = _text("03_network.ipynb")
    found = re.search(r"(\d+) of 20 random starts in our test, (\d+) steps at learning rate ([\d.]+)", text)
    assert found and "With 4 hidden neurons all 20 succeed" in text
    solved, epochs, rate = int(found[1]), int(found[2]), float(found[3])
    X, y = nnviz.data.xor_points()

    def successes(hidden):
        count = 0
        for seed in range(20):
            net = nnviz.Network([2, hidden, 1], seed=seed)
            net.train(X, y, learn_rate=rate, epochs=epochs, batch_size=4)
            count += bool(np.all((net.predict(X).ravel() > 0.5) == (y > 0.5)))
        return count
    assert successes(2) == solved
    assert successes(4) == 20


def test_exercise_4_tips_give_the_shifted_inputs_the_network_sees():
    text = _text("04_loss.ipynb")
    X, _ = nnviz.data.people()
    for person, (x1, x2) in zip(("Alice", "Bob", "Charlie", "Diana"), X):
        assert f"{person} $({x1:g}, {x2:g})$" in text, person


def test_a_large_first_step_from_w_2_jumps_the_hill_as_06_says():
    text = _text("06_gradient_descent.ipynb")
    assert "$0.1 \\cdot 21 = 2.1$ long and lands at $w = -0.1$" in text
    assert gd.bumpy_derivative(2.0) == pytest.approx(21.0)
    walk = gd.bumpy_descent(2.0, learn_rate=0.1, steps=200)
    assert walk.path[1, 0] == pytest.approx(-0.1)
    assert walk.converged and walk.path[-1, 0] == pytest.approx(gd.BUMPY_GLOBAL_MIN, abs=1e-3)
    # section 6's own claim, with small steps: w = 2 ends in the local minimum
    small = gd.bumpy_descent(2.0, learn_rate=0.01, steps=200)
    assert small.path[-1, 0] == pytest.approx(gd.BUMPY_LOCAL_MIN, abs=1e-3)


def test_the_descent_explorer_starts_on_a_notch_at_0_1():
    assert "widgets.descent_explorer(learn_rate=0.1)" in _text("06_gradient_descent.ipynb")
    from nnviz import widgets
    explorer = widgets.descent_explorer(learn_rate=0.1)
    try:
        assert explorer.controls["learn_rate"].value == pytest.approx(0.1)
    finally:
        explorer.close()


def test_the_check_wording_says_run_the_answer_cell_first():
    from nnviz import checks
    said = repr(checks.check("00.1", None))
    assert "run your answer cell, then this check cell again" in said


def test_05s_loss_explorer_moves_the_weights_only():
    # Learner finding: 05's explorer had a "move: weights | predictions" switch the text never
    # mentioned; "predictions" snapped the bars and took the first slot of the slider grid.
    text = _text("05_backprop.ipynb")
    call = re.search(r"widgets\.loss_explorer\((.*?)\)\s+# weights only", text, re.S)
    assert call and '"mode"' not in call[1]
    from nnviz import widgets
    explorer = widgets.loss_explorer(weights=(1, 1, 1, 1, 1, 1), biases=(0, 0, 0),
                                     controls=["w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3"])
    try:
        assert round(explorer.mse, 4) == 0.5071
        def shown(widget):
            yield widget
            for child in getattr(widget, "children", ()):
                yield from shown(child)
        on_screen = [w for w in shown(explorer) if w is not explorer]
        assert explorer.controls["w1"] in on_screen and explorer.controls["mode"] not in on_screen
    finally:
        explorer.close()


def test_03s_best_single_neuron_draws_a_line_clear_of_every_point():
    # Learner finding: the (0, 1) square sat on the boundary line and looked undecided.
    nb = nbformat.read(ROOT / "notebooks" / "03_network.ipynb", as_version=4)
    source = next(c.source for c in nb.cells if "best_margin" in c.source and c.cell_type == "code")
    from nnviz import checks
    namespace = {"np": np, "nnviz": nnviz, "checks": checks}
    exec(compile(source, "03 section 5", "exec"), namespace)       # noqa: S102 - our own notebook
    assert namespace["best_right"] == 3 and namespace["best_margin"] > 0.3
