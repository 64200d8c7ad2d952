"""What each exercise of notebooks 00-08 expects: the answers live here, not in the check cells.

A check cell names its exercise and nothing else (``checks.check("02.4")``): the expected
value, the reference function and its cases, the accepted option, the explanations and the
hint are in the table below, so a student edition or a slide shows no answer. Each
:class:`Answer` says which notebook variable it reads (``name``) and how to judge it
(``judge``). The same table serves the grader (``nnviz.grade``), which judges in its own
process, out of reach of the student's cells:

- :func:`payload` runs in the student's kernel and turns the answer into plain JSON: a number,
  an option, a function's outputs on the cases (or what it raised), a network's weights;
- :func:`revive` turns that JSON back into something :meth:`Answer.judge` takes (a function
  that replays the recorded outputs, a rebuilt ``Network``), so the verdict comes from this
  module and the checkers of the grader's own process.

Exercises answered with sliders or the playground (``saved=True``: 01.3, 03.4, 04.4, 07.4)
save the state that passed in the notebook (the check's output metadata, see
``CheckResult.metadata``), and the grader re-checks that state: a re-run cannot move sliders.

Taught nowhere (the machinery of the check cells); public through :func:`nnviz.checks.check`,
met in every notebook's check cells from notebook 00 on. In the exercises layer it sits on
the checkers (``_result`` <- ``_progress`` <- ``_checkers`` <- ``_answers``) and under
``checks`` and the grader, which import it. Needs numpy only; the rest of nnviz (the network,
the data, ``gd``) is imported when an exercise is checked.
"""
from __future__ import annotations

import builtins
import copy
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._checkers import (call_quietly, check_choice, check_function, check_network, check_number,
                        predictor)
from ._progress import record
from ._result import CheckResult, describe_error, format_value

__all__ = ["ANSWERS", "Answer", "answer_for", "payload", "revive"]


@dataclass(frozen=True)
class Answer:
    """One exercise: the variable it reads, its kind, and the checker call that judges it.

    ``kind`` is ``"function"``, ``"number"``, ``"choice"`` or ``"model"`` (a neuron, network,
    explorer or playground). ``spec()`` returns the checker's keyword arguments (computed when
    the exercise is checked, so importing this module does no work). ``saved`` marks the
    exercises whose passing state is saved in the notebook for the grader.
    """

    exercise: str
    name: str
    kind: str
    spec: Callable[[], dict]
    saved: bool = False
    judge_with: Callable | None = None    # a custom judge(value, exercise) for "model" kinds

    def judge(self, value):
        """The :class:`~nnviz.checks.CheckResult` for ``value`` (the learner's answer itself)."""
        if self.kind == "model" and _untouched(self.exercise, value):
            # Run All on an untouched notebook: the explorer still at its start is no attempt
            what = "playground has not trained yet" if self.exercise == "07.4" else \
                "explorer is still at its starting values"
            return CheckResult(self.exercise, False, f"the {what}: "
                               + ("press play" if self.exercise == "07.4" else "move its sliders")
                               + ", then run this check cell again.", self.spec()["hint"], answered=False)
        if self.judge_with is not None:
            return self.judge_with(self, value)
        kwargs = self.spec()
        if self.kind == "function":
            return check_function(self.exercise, value, **kwargs)
        if self.kind == "number":
            return check_number(self.exercise, value, **kwargs)
        if self.kind == "choice":
            return check_choice(self.exercise, value, **kwargs)
        result = check_network(self.exercise, value, **kwargs)
        if result.passed and self.saved:
            result.state = payload(self.exercise, value)   # saved in the notebook for the grader
        return result


# --- the exercises ---------------------------------------------------------------------------

def _nnviz():
    """This package (the grader may load a private copy of it under another name)."""
    import importlib
    return importlib.import_module(__package__)


def _neuron_reference(w, x, b):
    return _nnviz().Neuron(w, b).feedforward(x)


def _feedforward_reference(x, W1, b1, W2, b2):
    network = _nnviz().Network([W1.shape[1], W1.shape[0], W2.shape[0]])
    network.params = [W1, b1, W2, b2]
    return network.feedforward(x)


def _s00_1():
    return dict(expected=0.5, tol=0.01,
                hint="With w = 0 the input to the sigmoid is always 0. What is 1 / (1 + e^0)?")


def _s00_2():
    return dict(reference=lambda w, x, b: float(np.dot(w, x) + b),
                cases=[([0, 1], [2, 3], 4), ([1, 1], [1, 2], 0), ([0.5, -2], [4, 1], 1)],
                hint="np.dot(w, x) multiplies pairwise and adds; then add b.")


def _s01_1():
    return dict(expected=_nnviz().Neuron([2, -1], 1).weighted_sum([3, 4]), tol=1e-6, name="your z",
                hint="Multiply pair by pair: 2 times 3, then -1 times 4. Add those, then add the bias 1.")


def _s01_2():
    return dict(reference=_neuron_reference,
                cases=[([0, 1], [2, 3], 4), ([2, -1], [3, 4], 1), ([1, 1], [0, 0], 0),
                       ([0.5, -0.5, 1.0], [1, 2, 3], -3)],
                hint="np.dot(w, x) multiplies pair by pair and adds up; add b to get z; "
                     "then 1 / (1 + np.exp(-z)) is the sigmoid.")


def _s01_3():
    return dict(X=[[2, 3]], y=[0],
                hint="The output is below 0.5 exactly when z = w . x + b is below 0. "
                     "Try a negative bias, or make a weight negative.")


def _s01_4():
    return dict(expected=_nnviz().Neuron([5.50, 2.50, 1.50], 2.00, "linear").feedforward([3, 2, 4]),
                tol=0.005, name="your price",
                hint="Weights times inputs: 5.50 times 3, 2.50 times 2, 1.50 times 4. Add them, "
                     "then add the bias, which is the fee.")


def _s02_1():
    return dict(reference=_nnviz().sigmoid, cases=[0.0, 2.0, -3.0, 10.0, np.array([-1.0, 0.0, 1.0])],
                hint="np.exp(-z) computes e to the power -z, for numbers and arrays alike "
                     "(math.exp only takes single numbers). Then divide 1 by (1 + that).")


def _s02_2():
    return dict(reference=_nnviz().relu, cases=[-2.0, 0.0, 3.5, np.array([-1.0, 0.0, 2.0, -0.1])],
                hint="np.maximum(0, z) compares element by element. Python's max(0, z) only works on "
                     "single numbers, not arrays.")


def _s02_3():
    return dict(expected=_nnviz().sigmoid_derivative(0.0), tol=1e-3, name="your slope",
                hint="First find sigmoid(0): e^0 is 1. Then multiply that by (1 minus itself).")


def _s02_4():
    return dict(correct="c", options={"a": "sigmoid", "b": "tanh", "c": "ReLU"},
                explanations={
                    "a": "The sigmoid's slope gets small for negative totals, but never exactly 0: "
                         "it still learns, slowly.",
                    "b": "tanh's slope gets small for very negative totals, but never exactly 0.",
                    "c": "Right: ReLU is flat (slope 0) for every negative total, so the neuron is a "
                         "dead unit.",
                },
                hint="Look at the dashed slope curves in the picture: which one is exactly 0 on the "
                     "whole left side?")


def _s03_1():
    nnviz = _nnviz()
    zero_network = nnviz.Network([2, 2, 1])
    zero_network.params = [np.zeros((2, 2)), np.zeros(2), np.zeros((1, 2)), np.zeros(1)]
    return dict(expected=zero_network.feedforward([5.0, -7.0])[0], tol=1e-3, name="your o1",
                hint="With all weights and biases 0, every total is 0. What is sigmoid(0)? "
                     "Then the same for o1, whose total is 0 times h1 plus 0 times h2 plus 0.")


def _s03_2():
    return dict(expected=sum(p.size for p in _nnviz().Network([2, 3, 1]).params), tol=0,
                name="your count",
                hint="Each hidden neuron has one weight per input plus a bias; the output neuron "
                     "has one weight per hidden neuron plus a bias.")


def _s03_3():
    return dict(reference=_feedforward_reference, cases=[
        (np.array([2.0, 3.0]), np.array([[0.0, 1.0], [0.0, 1.0]]), np.zeros(2),
         np.array([[0.0, 1.0]]), np.zeros(1)),
        (np.array([1.0, -1.0]), np.array([[1.0, 2.0], [-3.0, 0.5]]), np.array([0.5, -1.0]),
         np.array([[2.0, -1.0]]), np.array([0.3])),
        (np.array([0.5, 0.5]), np.array([[1.0, 1.0], [2.0, -2.0], [0.0, 3.0]]),
         np.array([0.0, 1.0, -1.0]), np.array([[1.0, -1.0, 0.5]]), np.array([0.0]))],
        hint="h = nnviz.sigmoid(W1 @ x + b1) is the hidden layer; the output is the sigmoid of "
             "W2 @ h + b2.")


def _s03_4():
    X, y = _nnviz().data.xor_points()
    return dict(X=X, y=y,
                hint="For an OR, give h1 two equal big weights (say 6) and a bias of minus half of "
                     "one weight. For an AND, h2 needs the same weights and a bias of minus one "
                     "and a half weights. Then o1 needs a positive w5, a negative w6 and a "
                     "negative b3.")


def _s04_1():
    return dict(reference=_nnviz().mse, cases=[
        (np.array([1.0, 0.0, 0.0, 1.0]), np.array([0.0, 0.0, 0.0, 0.0])),
        (np.array([1.0, 0.0, 0.0, 1.0]), np.array([0.9, 0.2, 0.1, 0.8])),
        (np.array([3.0, 5.0, 7.0]), np.array([3.0, 5.0, 7.0])),
        (np.array([1.0, 2.0, 3.0, 4.0, 5.0]), np.array([2.0, 2.0, 2.0, 2.0, 2.0]))],
        hint="(y_true - y_pred) ** 2 squares every error at once; np.mean(...) then averages them.")


def _s04_2():
    nnviz = _nnviz()
    _, y = nnviz.data.people()
    return dict(expected=nnviz.mse(y, np.full(4, 0.5)), tol=1e-3, name="your loss",
                hint="Every person's error is either 1 - 0.5 or 0 - 0.5. Square that, "
                     "then average four equal numbers.")


def _s04_3():
    return dict(expected=_nnviz().mse([1.0, 3.0, 5.0], 2.0 * np.array([0.0, 1.0, 2.0]) + 0.0),
                tol=1e-3, name="your E",
                hint="The line predicts 0, 2 and 4. Subtract each prediction from its point's y, "
                     "square, and average the three.")


def _s04_4():
    return dict(hint="Set w5 = 2 and b3 = -1 first (o1 then listens to h1), then move w1 to -1 and "
                     "watch h1 in the table.")


def _s05_1():
    return dict(reference=_nnviz().sigmoid_derivative, cases=[0.0, 2.0, -3.0, 10.0, np.array([-1.0, 0.5])],
                hint="f = nnviz.sigmoid(z), then return f * (1 - f).")


def _all_ones_network():
    nnviz = _nnviz()
    net = nnviz.Network([2, 2, 1])
    net.params = [np.ones((2, 2)), np.zeros(2), np.ones((1, 2)), np.zeros(1)]
    return net


def _s05_2():
    nnviz = _nnviz()
    X, y = nnviz.data.people()
    grads = _all_ones_network().gradients(X[:1], y[:1])   # Alice: dL/dw2 is W1[0, 1]'s slope
    return dict(expected=float(grads[0][0, 1]), tol=5e-4,
                hint="dh1/dw2 = x2 · f'(sum_h1), and x2 = -1 while x1 = -2. "
                     "So dh1/dw2 is half of dh1/dw1 = -0.0904.")


def _s05_3():
    return dict(reference=lambda loss_fn, w, eps: (loss_fn(w + eps) - loss_fn(w - eps)) / (2 * eps),
                cases=[(np.square, 3.0, 1e-4), (_nnviz().sigmoid, 0.0, 1e-3), (np.cos, 1.0, 1e-5)],
                hint="Call loss_fn twice: loss_fn(w + eps) and loss_fn(w - eps). "
                     "Mind the brackets around 2 * eps.")


def _s05_4():
    from .network import param_names
    nnviz = _nnviz()
    X, y = nnviz.data.people()
    net = _all_ones_network()
    gradients = dict(zip(param_names(net), np.concatenate([g.ravel() for g in net.gradients(X[3:4], y[3:4])])))
    largest = max(gradients, key=lambda name: abs(gradients[name]))
    return dict(correct=largest, options={name: name for name in gradients},
                hint="For Diana both hidden sums are -21: far out on the flat end of the sigmoid, "
                     "and h1, h2 are almost 0. Which chain has neither a tiny f' nor a tiny input?")


def _s06_1():
    from . import gd
    x, y = gd.line_data()
    return dict(reference=gd.line_gradient,
                cases=[(0.5, 0.0, x, y), (2.0, 1.0, x, y),
                       (1.0, -1.0, np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0]))],
                hint="error = y - (m * x + b); dE_dm = -2 * np.mean(x * error); "
                     "dE_db = -2 * np.mean(error); return dE_dm, dE_db")


def _s06_2():
    return dict(hint="0.003 crawls and 0.35 diverges. Try values in between; the path should "
                     "reach the green cross without flying off.")


def _s06_3():
    from . import gd
    return dict(expected=float(gd.bumpy_descent(0.5, learn_rate=0.01, steps=200).path[-1, 0]), tol=0.05,
                hint="The hill top between the valleys is at w = 0.17. Which side of it is 0.5 on, "
                     "and which way does the ground slope there?")


def _trained_network():
    """Notebook 07's ``net``: section 3 trains it so (seeded: the same numbers every time)."""
    nnviz = _nnviz()
    X, y = nnviz.data.people()
    net = nnviz.Network([2, 2, 1], seed=0)
    net.train(X, y, learn_rate=0.1, epochs=1000, batch_size=1)
    return net


def _s07_1():
    from .data import SHIFT
    net = _trained_network()
    return dict(reference=lambda weight_lb, height_in: int(net.predict(np.array([weight_lb, height_in]) - SHIFT) > 0.5),
                cases=[(128, 63), (155, 68), (133, 65), (170, 74), (110, 59)],
                hint="The network learned shifted numbers: pass np.array([weight_lb, height_in]) - "
                     "nnviz.data.SHIFT to net.predict, then return 1 if the output is above 0.5, else 0.")


def _s07_2():
    return dict(expected=1000 * 4, tol=0.5,
                hint="One epoch is one pass over all the people, and SGD updates after every single person.")


def _s07_3():
    return dict(correct="b", options={"a": "0.93", "b": "0.02", "c": "0.55", "d": "0.70"},
                explanations={"a": "0.93 is 0.43 from 0.5: sure, but one option is surer.",
                              "c": "0.55 is only 0.05 from 0.5: this is the least sure of all.",
                              "d": "0.70 is 0.20 from 0.5: fairly unsure."},
                hint="Confidence is the distance from 0.5, in either direction: a confident "
                     "'male' is just as confident as a confident 'female'.")


def _s07_4():
    return dict(hint="Choose the circles data set, keep 4 hidden neurons and press play; "
                     "a few hundred epochs are enough. If it stalls, press reset and try a larger "
                     "learning rate.")


def _s08_1():
    return dict(reference=lambda x_t, h_prev, w_x, w_h, b: _nnviz().sigmoid(w_x * x_t + w_h * h_prev + b),
                cases=[(1.0, 0.0, 5.0, 5.0, -2.5), (0.0, 0.924, 5.0, 5.0, -2.5), (2.0, -1.0, 0.5, 1.5, 0.0)],
                hint="It is an ordinary neuron with two inputs: nnviz.sigmoid(w_x * x_t + w_h * h_prev + b).")


def _s08_2():
    return dict(expected=sum(p.size for p in _nnviz().Network([2, 3, 3, 1]).params), tol=0.5,
                hint="Between a layer of n neurons and the next of m there are n·m weights, "
                     "and each of the m neurons has a bias. Add up the three layers of connections.")


def _s08_3():
    return dict(correct="a", options={"a": "people", "b": "xor", "c": "circles"},
                explanations={"a": "Right: one straight line separates the women from the men, "
                                   "as the single neuron in section 3 showed.",
                              "b": "XOR's two classes sit in opposite corners: no straight line splits them.",
                              "c": "One class surrounds the other: a straight line cannot enclose anything."},
                hint="A single-layer perceptron draws one straight line. For which data set is one line enough?")


# --- judges for answers that are not a plain number, option or function ----------------------

#: The parameters each slider exercise's explorer starts with, in the notebook's call
#: (``neuron_explorer(controls=...)``, ``network_explorer(mode="xor")``, ``loss_explorer(...)``).
_STARTS = {
    "01.3": {"neuron": {"weights": [0.0, 1.0], "bias": 4.0}},
    "03.4": {"network": [[[0.0, 1.0], [0.0, 1.0]], [0.0, 0.0], [[0.0, 1.0]], [0.0]]},
    "04.4": {"network": [[[0.0, 0.0], [0.0, 0.0]], [0.0, 0.0], [[0.0, 0.0]], [0.0]]},
}


def _untouched(exercise, value) -> bool:
    """True when a slider exercise's explorer (or the playground) is exactly as it started."""
    if exercise == "07.4":
        for owner in (value, getattr(value, "run", None)):
            epoch = getattr(owner, "epoch", None)
            if isinstance(epoch, (int, np.integer)):
                return int(epoch) == 0
        return False
    start = _STARTS.get(exercise)
    if start is None or not hasattr(value, "controls"):     # only an explorer can be untouched
        return False
    try:
        state = _model_state(value)
    except TypeError:
        return False
    if "neuron" in start and "neuron" in state:
        n = state["neuron"]
        return n["weights"] == start["neuron"]["weights"] and n["bias"] == start["neuron"]["bias"]
    if "network" in start and "network" in state:
        return state["network"]["params"] == start["network"]
    return False

def _mse_of(model):
    """The MSE of a 2-2-1 model (explorer, Network, revived state) on the four shifted people."""
    nnviz = _nnviz()
    X, y = nnviz.data.people()
    predict = predictor(model, "sigmoid")
    out = np.asarray(predict(X), dtype=np.float64).reshape(-1)
    return float(nnviz.mse(y, out))


def _judge_04_4(answer, model):
    kwargs = answer.spec()
    if model is None or model is Ellipsis:
        return record(CheckResult(answer.exercise, False, "no explorer yet: run the explorer's "
                                          "cell above, move its sliders, then run this check cell.",
                                          kwargs["hint"], answered=False))
    try:
        mse = _mse_of(model)
    except Exception as err:   # not a 2-2-1 model: words, not a traceback
        return record(CheckResult(answer.exercise, False,
                                          f"this check needs the explorer above ({describe_error(err)}).",
                                          kwargs["hint"]))
    ok = np.isfinite(mse) and mse < 0.1
    if ok:
        message = f"MSE = {mse:.4f}: below 0.1. You just trained a network by hand!"
    else:
        message = f"MSE = {mse:.4f}, not below 0.1 yet. Move the sliders, then run this check cell again."
    return record(CheckResult(answer.exercise, bool(ok), message, "" if ok else kwargs["hint"],
                                      state=payload(answer.exercise, model) if ok else None))


def _judge_06_2(answer, learn_rate):
    from . import gd
    hint = answer.spec()["hint"]
    if learn_rate is None or learn_rate is Ellipsis:
        return record(CheckResult(
            answer.exercise, False, "my_learn_rate is still None. Write a number in your answer cell "
            "and run it, then this check cell again.", hint, answered=False))
    try:
        x, y = gd.line_data()
        run = gd.line_descent(x, y, m=0.5, b=0.0, learn_rate=learn_rate, steps=50)
    except (TypeError, ValueError) as err:
        return record(CheckResult(answer.exercise, False, f"not with this learn_rate: {err}", hint))
    if run.converged:
        return record(CheckResult(answer.exercise, True,
                                          f"learn_rate = {format_value(learn_rate)} works: {run.message}."))
    return record(CheckResult(answer.exercise, False,
                                      f"not with learn_rate = {format_value(learn_rate)}: {run.message}.", hint))


def _points_of(playground):
    """The training points the playground's readout counts (``X_train``/``y_train``), else all."""
    for owner in (playground, getattr(playground, "run", None)):    # the widget, or its TrainingRun
        X, y = getattr(owner, "X_train", None), getattr(owner, "y_train", None)
        if X is not None and y is not None:
            return np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64).reshape(-1)
    X, y = getattr(playground, "X", None), getattr(playground, "y", None)
    if X is not None and y is not None:
        return np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64).reshape(-1)
    raise AttributeError("the playground has no points (X_train, y_train)")


def _judge_07_4(answer, playground):
    hint = answer.spec()["hint"]
    if playground is None or playground is Ellipsis:
        return record(CheckResult(answer.exercise, False, "no playground yet: run its cell above, "
                                          "train it, then run this check cell.", hint, answered=False))
    try:
        X, y = _points_of(playground)
        predict = predictor(playground, "sigmoid")
        accuracy = float(np.mean((np.asarray(predict(X)).reshape(-1) > 0.5) == (y > 0.5)))
        dataset = str(getattr(playground, "dataset", ""))
    except Exception as err:
        return record(CheckResult(answer.exercise, False,
                                          f"this check needs the playground above ({describe_error(err)}).", hint))
    ok = dataset == "circles" and accuracy >= 0.95
    if ok:
        return record(CheckResult(answer.exercise, True,
                                          f"{accuracy:.0%} of the circle training points are right. Well trained!",
                                          state=payload(answer.exercise, playground)))
    return record(CheckResult(answer.exercise, False,
                                      f"the playground shows '{dataset}' with {accuracy:.0%} of the "
                                      "training points right.", hint))


_TABLE = [
    ("00.1", "my_guess", "number", _s00_1, False, None),
    ("00.2", "weighted_sum", "function", _s00_2, False, None),
    ("01.1", "my_z", "number", _s01_1, False, None),
    ("01.2", "my_neuron", "function", _s01_2, False, None),
    ("01.3", "my_explorer", "model", _s01_3, True, None),
    ("01.4", "my_price", "number", _s01_4, False, None),
    ("02.1", "my_sigmoid", "function", _s02_1, False, None),
    ("02.2", "my_relu", "function", _s02_2, False, None),
    ("02.3", "my_slope", "number", _s02_3, False, None),
    ("02.4", "my_answer", "choice", _s02_4, False, None),
    ("03.1", "my_o1", "number", _s03_1, False, None),
    ("03.2", "my_count", "number", _s03_2, False, None),
    ("03.3", "my_feedforward", "function", _s03_3, False, None),
    ("03.4", "xor_explorer", "model", _s03_4, True, None),
    ("04.1", "my_mse", "function", _s04_1, False, None),
    ("04.2", "my_loss", "number", _s04_2, False, None),
    ("04.3", "my_E", "number", _s04_3, False, None),
    ("04.4", "my_explorer", "model", _s04_4, True, _judge_04_4),
    ("05.1", "sigmoid_derivative", "function", _s05_1, False, None),
    ("05.2", "my_dL_dw2", "number", _s05_2, False, None),
    ("05.3", "central_difference", "function", _s05_3, False, None),
    ("05.4", "my_answer", "choice", _s05_4, False, None),
    ("06.1", "line_gradient", "function", _s06_1, False, None),
    ("06.2", "my_learn_rate", "number", _s06_2, False, _judge_06_2),
    ("06.3", "my_guess", "number", _s06_3, False, None),
    ("07.1", "predict_gender", "function", _s07_1, False, None),
    ("07.2", "my_guess", "number", _s07_2, False, None),
    ("07.3", "my_answer", "choice", _s07_3, False, None),
    ("07.4", "playground", "model", _s07_4, True, _judge_07_4),
    ("08.1", "recurrent_step", "function", _s08_1, False, None),
    ("08.2", "my_guess", "number", _s08_2, False, None),
    ("08.3", "my_answer", "choice", _s08_3, False, None),
]

#: exercise id -> :class:`Answer`, for every exercise of the series.
ANSWERS: dict[str, Answer] = {e: Answer(e, name, kind, spec, saved, judge)
                              for e, name, kind, spec, saved, judge in _TABLE}


def answer_for(exercise) -> Answer:
    """The :class:`Answer` of ``exercise`` (such as ``"02.4"``); ValueError naming it if unknown."""
    if not isinstance(exercise, str):
        raise TypeError(f"exercise must be an id such as '02.4' (str), got {exercise!r} "
                        f"({type(exercise).__name__}).")
    if exercise.strip() not in ANSWERS:
        raise ValueError(f"exercise must be one of the series' exercises ({', '.join(ANSWERS)}), "
                         f"got {exercise!r}.")
    return ANSWERS[exercise.strip()]


# --- answers as JSON, and back (for the grader) -----------------------------------------------

def _jsonable(value):
    """A JSON-ready copy of ``value``, or {"repr": ...} for what JSON cannot hold."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    try:
        arr = np.asarray(value)
        if arr.dtype.kind in "iuf":
            arr = arr.astype(np.float64)
            if np.all(np.isfinite(arr)):
                return {"array": arr.tolist()} if arr.ndim else float(arr)
            return {"array": [repr(v) for v in arr.ravel().tolist()], "shape": list(arr.shape), "nonfinite": True}
        if arr.dtype.kind == "b":
            return bool(arr) if arr.ndim == 0 else {"array": arr.astype(np.float64).tolist()}
    except Exception:  # noqa: BLE001 - ragged lists and objects: kept as text
        pass
    return {"repr": repr(value)[:300], "type": type(value).__name__}


def _unjson(value):
    if isinstance(value, dict):
        if value.get("nonfinite"):
            return np.array([float(v) for v in value["array"]]).reshape(value["shape"])
        if "array" in value:
            return np.asarray(value["array"], dtype=np.float64)
        if "repr" in value:
            return _Opaque(value["repr"], value.get("type", "object"))
    return value


class _Opaque:
    """A value JSON could not carry (a dict, a class instance): judged as what it is not."""

    def __init__(self, text, kind):
        self.text, self.kind = text, kind

    def __repr__(self):
        return self.text


def _is_network(obj):
    return all(hasattr(obj, a) for a in ("layer_sizes", "params", "activation", "output_activation"))


def _is_neuron(obj):
    return all(hasattr(obj, a) for a in ("weights", "bias", "activation")) and not hasattr(obj, "params")


def _model_state(model):
    """A network's or neuron's layer sizes, activations and parameters as JSON.

    Duck-typed (by attributes, not by class), so that a private copy of this package, as the
    grader loads, reads the learner's explorer built with the ordinary one."""
    inner = model
    for attribute in ("network", "neuron"):
        candidate = getattr(model, attribute, None)
        if _is_network(candidate) or _is_neuron(candidate):
            inner = candidate
            break
    if _is_neuron(inner):
        return {"neuron": {"weights": np.asarray(inner.weights, float).tolist(), "bias": float(inner.bias),
                           "activation": str(inner.activation)}}
    if _is_network(inner):
        return {"network": {"layer_sizes": [int(n) for n in inner.layer_sizes],
                            "activation": str(inner.activation),
                            "output_activation": str(inner.output_activation),
                            "params": [np.asarray(p, float).tolist() for p in inner.params]}}
    if isinstance(model, (list, tuple)):
        return {"params": [np.asarray(p, float).tolist() for p in model]}
    raise TypeError(f"not a network, neuron or explorer: {type(model).__name__}")


def payload(exercise, value) -> dict:
    """The learner's answer to ``exercise`` as plain JSON (run in the learner's kernel).

    Numbers and options as they are; a function as its output (or the exception it raised) on
    each case of the exercise; a network, neuron, explorer or playground as its weights (and,
    for the playground, its data set and training points). ``{"missing": True}`` when the
    answer does not exist.
    """
    answer = answer_for(exercise)
    if answer.kind in ("number", "choice"):
        return {"value": _jsonable(value)}
    if answer.kind == "function":
        if not callable(value):
            return {"value": _jsonable(value)}
        cases = answer.spec()["cases"]
        out = {"outputs": [], "name": str(getattr(value, "__name__", "your function"))}
        module = str(getattr(value, "__module__", "") or "")
        if module.startswith("nnviz") or module.startswith("numpy"):
            out["borrowed"] = f"{module}.{out['name']}"
        for case in cases:
            args = case if isinstance(case, tuple) else (case,)
            try:
                got, _ = call_quietly(value, copy.deepcopy(args))
                out["outputs"].append({"value": _jsonable(got)})
            except BaseException as err:  # noqa: BLE001 - recorded, replayed by the grader
                if isinstance(err, (KeyboardInterrupt, SystemExit)):
                    raise
                out["outputs"].append({"raised": type(err).__name__, "message": str(err)[:300]})
        return out
    if value is None or value is Ellipsis:
        return {"value": None}
    try:
        state = _model_state(value)
    except TypeError:
        return {"value": _jsonable(value)}
    if answer.judge_with is _judge_07_4:
        X, y = _points_of(value)
        state.update(dataset=str(getattr(value, "dataset", "")), X=X.tolist(), y=y.tolist())
    return state


class _Replay:
    """A learner's function replayed from its recorded outputs, case after case."""

    def __init__(self, record):
        self.outputs = list(record.get("outputs", []))
        self.__name__ = record.get("name", "your function")
        self.calls = 0

    def __call__(self, *args):
        if self.calls >= len(self.outputs):
            raise RuntimeError("no recorded output for this case")
        out = self.outputs[self.calls]
        self.calls += 1
        if "raised" in out:
            kind = getattr(builtins, out["raised"], None)
            if not (isinstance(kind, type) and issubclass(kind, Exception)):
                kind = type(out["raised"], (Exception,), {})
            raise kind(out.get("message", ""))
        return _unjson(out.get("value"))


class _State:
    """A saved playground: its network, data set and training points."""

    def __init__(self, network, dataset, X, y):
        self.network, self.dataset = network, dataset
        self.X_train, self.y_train = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)


def revive(exercise, data):
    """What :func:`payload` wrote, made into a value :meth:`Answer.judge` takes (grader side)."""
    answer = answer_for(exercise)
    if not isinstance(data, dict):
        raise TypeError(f"data must be the dict payload() wrote, got {type(data).__name__}.")
    if "outputs" in data:
        return _Replay(data)
    if "value" in data:
        return _unjson(data["value"])
    from .network import Network, Neuron
    if "neuron" in data:
        n = data["neuron"]
        return Neuron(n["weights"], n["bias"], n.get("activation", "sigmoid"))
    if "network" in data:
        n = data["network"]
        net = Network(n["layer_sizes"], activation=n.get("activation", "sigmoid"),
                      output_activation=n.get("output_activation", "sigmoid"))
        params = [np.asarray(p, dtype=np.float64) for p in n["params"]]
        if [p.shape for p in params] != [p.shape for p in net.params]:
            raise ValueError("the saved parameters do not fit the saved layer sizes")
        net.params = params
        if answer.judge_with is _judge_07_4:
            return _State(net, data.get("dataset", ""), data.get("X", []), data.get("y", []))
        return net
    if "params" in data:
        return [np.asarray(p, dtype=np.float64) for p in data["params"]]
    raise ValueError(f"data holds no answer for {exercise}: {sorted(data)}")
