r"""A training run you can watch: data split into train and test, a network, and what happened.

:class:`TrainingRun` is the model behind the training playground of 07_training, with no
figure and no widget: ``run.train(epochs)`` trains, records the train and test loss and
accuracy after every epoch, and says in :attr:`~TrainingRun.status` (a :class:`Status`)
and :attr:`~TrainingRun.message` (a sentence for the learner) how it is going::

    >>> run = nnviz.TrainingRun("circles", hidden=(4,), learn_rate=0.1, batch_size=10)
    >>> result = run.train(300)
    >>> result.status, run.test_accuracy[-1]          # doctest: +SKIP
    (<Status.CONVERGED: 'converged'>, 0.99)

Every epoch runs :math:`w \leftarrow w - \eta\,\partial L/\partial w` over the training
points in batches of ``batch_size``. :data:`SETTINGS` declares every setting once (name, kind,
range, default, and whether a change makes a new run or applies from the next epoch); the
playground's controls, tooltips and rules sentence are made from it.

* ``learn_rate``, ``batch_size``, ``regularization``, ``reg_rate`` and ``max_epochs`` may be
  set between calls of ``train``; they apply from the next epoch on and the history is kept.
* ``add_point`` and ``clear_points`` change the training data; the network goes on.
* the others define the problem: :meth:`TrainingRun.replace` makes a new run (fresh weights).
* :meth:`TrainingRun.state` is the run as one line of text (settings, weights, added
  points); :meth:`TrainingRun.from_state` makes it again.

``problem="regression"`` (data sets "plane", "gaussians") gives each point a value instead of a
class: the output neuron is linear, accuracy is NaN and the diagnosis judges the loss. numpy only.
Introduced in 07_training.
"""
from __future__ import annotations

import base64
import enum
import json
import numbers
import zlib
from dataclasses import dataclass

import numpy as np

from . import _fast
from . import data as _data
from ._validate import as_float_array, choice, describe, number_in, whole_number
from ._validate import seed as check_seed
from .activations import ACTIVATION_NAMES
from .network import Network, mean_squared_error

__all__ = ["Status", "TrainResult", "TrainingRun", "DATASETS", "MAX_EPOCHS_PER_CALL", "SETTINGS",
           "Setting", "FEATURES", "REGULARIZATIONS", "PlaneNetwork", "PROBLEMS", "DATASETS_FOR"]

#: The problem types (TensorFlow Playground's): classes 0 and 1, or a value per point.
PROBLEMS = ("classification", "regression")
#: The data sets of each problem type (``nnviz.data.make``).
DATASETS_FOR = {"classification": ("people", "xor", "circles", "moons", "spiral"),
                "regression": tuple(_data.REGRESSION_DATASETS)}
#: The data sets a run can use.
DATASETS = DATASETS_FOR["classification"] + DATASETS_FOR["regression"]
#: Limits that keep a learner's typo (10**9) from filling the memory or freezing the kernel.
MAX_POINTS = 5000
MAX_HIDDEN_LAYERS = 6
MAX_LAYER_SIZE = 64
MAX_EPOCHS_PER_CALL = 100_000

#: How many recent epochs the diagnosis looks at.
WINDOW = 50
#: Train accuracy at or above which a run that stopped improving has converged.
GOOD_ACCURACY = 0.95
#: Regression's counterpart: the loss at most 10% of the targets' variance (R² ≥ 0.9).
GOOD_FIT = 0.90
#: At or below this learning rate, a loss that falls but slowly is blamed on the step size.
SMALL_LEARN_RATE = 0.01


class Status(str, enum.Enum):
    """How a run is going. A ``str``, so ``run.status == "diverged"`` reads naturally."""

    READY = "ready"                # nothing trained yet
    TRAINING = "training"          # the loss is falling
    CRAWLING = "crawling"          # the loss falls, but very slowly: learning rate too small
    CONVERGED = "converged"        # the loss stopped falling with the training points right
    STUCK = "stuck"                # the loss stopped falling with many points still wrong
    OSCILLATING = "oscillating"    # the loss bounces up and down: learning rate too large
    DIVERGED = "diverged"          # the loss became infinite or not a number
    STOPPED = "stopped"            # reached max_epochs

    def __str__(self):
        return self.value


@dataclass(frozen=True)
class TrainResult:
    """What one call of :meth:`TrainingRun.train` did: how many epochs ran (fewer than asked
    when the run diverged or reached ``max_epochs``), the epoch count afterwards, the
    status and message, and the last train and test loss and accuracy (NaN if none)."""

    epochs: int
    epoch: int
    status: Status
    message: str
    train_loss: float
    test_loss: float
    train_accuracy: float
    test_accuracy: float


def _hidden_sizes(hidden):
    """(4,) or [8, 8] or 4 -> a tuple of whole numbers; () is no hidden layer."""
    if isinstance(hidden, (bool, str, bytes)) or hidden is None:
        raise TypeError(f"hidden must be a list of layer sizes such as (4,) or (8, 8), got {describe(hidden)}.")
    if isinstance(hidden, (int, np.integer)):
        hidden = (hidden,)
    if not hasattr(hidden, "__len__"):
        raise TypeError(f"hidden must be a list of layer sizes such as (4,) or (8, 8), got {describe(hidden)}.")
    if len(hidden) > MAX_HIDDEN_LAYERS:
        raise ValueError(f"hidden must list at most {MAX_HIDDEN_LAYERS} layers, got {len(hidden)}.")
    sizes = tuple(whole_number(n, f"hidden[{i}]") for i, n in enumerate(hidden))
    for i, n in enumerate(sizes):
        if n > MAX_LAYER_SIZE:
            raise ValueError(f"hidden[{i}] must be at most {MAX_LAYER_SIZE} neurons, got {n}.")
    return sizes


def _features(value):
    """A few of FEATURES' names, in FEATURES' order; at least one."""
    names = ", ".join(repr(f) for f in FEATURES)
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, (tuple, list)) or not value:
        raise TypeError(f"features must be a non-empty list of some of {names}, got {describe(value)}.")
    for f in value:
        choice(f, "features", FEATURES)
    return tuple(f for f in FEATURES if f in value)


# --- the settings, declared once ------------------------------------------------------------
#: The input features a network can be given (TensorFlow Playground's): name -> what it computes
#: from a point (x1, x2). A good feature can replace hidden neurons: x1² + x2² *is* a circle.
FEATURES = {
    "x1": lambda X: X[:, 0],
    "x2": lambda X: X[:, 1],
    "x1^2": lambda X: X[:, 0] ** 2,
    "x2^2": lambda X: X[:, 1] ** 2,
    "x1*x2": lambda X: X[:, 0] * X[:, 1],
    "sin(x1)": lambda X: np.sin(X[:, 0]),
    "sin(x2)": lambda X: np.sin(X[:, 1]),
}
#: How each feature is written for a learner.
FEATURE_LABELS = {"x1": "x₁", "x2": "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1*x2": "x₁·x₂",
                  "sin(x1)": "sin x₁", "sin(x2)": "sin x₂"}
#: The penalties on large weights: L2 adds rate·Σw² to the loss, L1 adds rate·Σ|w|.
REGULARIZATIONS = ("none", "L1", "L2")

NEW_RUN = "new run"          # a change makes a new run: fresh random weights, no history
NEXT_EPOCH = "next epoch"    # a change applies from the next epoch on; network and history kept


@dataclass(frozen=True)
class Setting:
    """One setting of a run: its name, what kind of value it takes and in what range, its
    default, whether a change starts a new run or applies from the next epoch, and one
    sentence for the learner (the playground's tooltip). :data:`SETTINGS` lists them all;
    ``TrainingRun``, its ``replace``, the playground's controls, tooltips and rules sentence
    are all made from that table."""

    name: str
    kind: str              # "choice", "number", "log number", "whole", "seed", "sizes", "features"
    default: object
    applies: str           # NEW_RUN or NEXT_EPOCH
    tip: str
    label: str = ""
    low: float | None = None
    high: float | None = None
    choices: tuple = ()
    none: str = ""         # what None means, where None is allowed ("" : not allowed)

    def check(self, value):
        """``value`` checked and normalised, or a ValueError/TypeError naming the setting."""
        name = self.name
        if self.kind == "choice":
            return choice(value, name, self.choices)
        if self.kind == "sizes":
            return _hidden_sizes(value)
        if self.kind == "features":
            return _features(value)
        if self.kind == "seed":
            value = check_seed(value, name)
            # None: a different run each time -- drawn here, so replace() and state() repeat it.
            return int(np.random.default_rng().integers(2 ** 31)) if value is None else value
        if self.kind == "whole":
            return whole_number(value, name, minimum=int(self.low), maximum=int(self.high),
                                none=self.none or None)
        return number_in(value, name, self.low, self.high)

    @property
    def shown(self) -> str:
        """How the playground names it: the label, else the name with spaces."""
        return self.label or self.name.replace("_", " ")


#: Every setting of a run, in the order the playground shows them.
SETTINGS = {s.name: s for s in (
    Setting("problem", "choice", "classification", NEW_RUN,
            "Classification: each point is class 0 or 1. Regression: a value, a linear output.",
            choices=PROBLEMS),
    Setting("dataset", "choice", "circles", NEW_RUN, "Which points to learn.", choices=DATASETS),
    Setting("noise", "number", 0.1, NEW_RUN, "How far the points scatter from their clean shape.",
            low=0.0, high=1.0),
    Setting("test_fraction", "number", 0.5, NEW_RUN,
            "Share of points held back for testing (small, white-edged), never trained on.",
            label="test share", low=0.0, high=0.9),
    Setting("features", "features", ("x1", "x2"), NEW_RUN,
            "What the network is given of each point: x₁, x₂, or features computed from them.",
            label="inputs"),
    Setting("hidden", "sizes", (4,), NEW_RUN, "Hidden layer sizes, e.g. 4 or 8, 8 (empty: none); type, then Enter.",
            label="hidden sizes"),
    Setting("activation", "choice", "tanh", NEW_RUN, "The hidden neurons' activation function.",
            choices=ACTIVATION_NAMES),
    Setting("output", "choice", "sigmoid", NEW_RUN,
            "The output neuron's activation: sigmoid stays in 0..1, linear can diverge.",
            choices=("sigmoid", "linear")),
    Setting("seed", "seed", 0, NEW_RUN,
            "Which random points and starting weights (None: a different run each time)."),
    Setting("n", "whole", 200, NEW_RUN, "How many points, training and test together.",
            low=4, high=MAX_POINTS),
    Setting("learn_rate", "log number", 0.1, NEXT_EPOCH,
            "Step size η in w ← w − η·dL/dw (log scale).", label="learn_rate η", low=0.001, high=10.0),
    Setting("batch_size", "whole", 10, NEXT_EPOCH,
            "Training points per step: 1 is SGD, 'all' is full batch.", label="batch size",
            low=1, high=MAX_POINTS, none="full batch", choices=(1, 10, 50, None)),
    Setting("regularization", "choice", "none", NEXT_EPOCH,
            "A penalty on large weights, added to the loss: L2 rate·Σw², L1 rate·Σ|w|.",
            choices=REGULARIZATIONS),
    Setting("reg_rate", "log number", 0.001, NEXT_EPOCH,
            "How strongly large weights are penalised (with L1 or L2).",
            label="regularization rate", low=1e-4, high=1.0),
    Setting("max_epochs", "whole", None, NEXT_EPOCH, "Training stops at this epoch (type, then Enter); raise it to go on.",
            label="stop at epoch", low=1, high=1_000_000, none="no limit"),
)}


def inputs(X, features):
    """The network's inputs for points ``X`` (n, 2): one column per feature."""
    if tuple(features) == ("x1", "x2"):
        return X
    return np.stack([FEATURES[f](X) for f in features], axis=1) if len(X) else np.empty((0, len(features)))


class PlaneNetwork:
    """A run's network seen from the plane: it takes points (x1, x2) and computes the input
    features itself, so a picture of the plane can ask it directly. Everything else
    (``layer_sizes``, ``params``, ``weights``, ...) is the network's."""

    def __init__(self, network, features):
        self.network, self.features = network, tuple(features)

    def __getattr__(self, name):
        return getattr(self.network, name)

    def _forward(self, X):
        return self.network._forward(inputs(X, self.features))

    def predict(self, X):
        """The network's outputs for points ``X`` (n, 2)."""
        with np.errstate(over="ignore", invalid="ignore"):
            return self._forward(np.asarray(X, dtype=np.float64))[1][-1][:, 0]


class TrainingRun:
    r"""Train a small network on a 2-D data set and keep what happened. Introduced in 07_training.

    ``TrainingRun(dataset="circles", hidden=(4,), activation="tanh", learn_rate=0.1,
    batch_size=10, test_fraction=0.5, noise=0.1, seed=0, ...)``: ``n`` points of ``dataset``
    (``nnviz.data.make`` with ``noise``), a share ``test_fraction`` of them held back as the
    test set (never trained on: the test loss shows how well the network does on points it
    has not seen), and ``network = Network([len(features), *hidden, 1], activation, output)``.
    Every setting, its range and default is in :data:`SETTINGS`. ``features`` (default ``("x1", "x2")``) are what the network is given of each point
    (:data:`FEATURES`: also x1², x2², x1·x2, sin x1, sin x2). ``regularization`` ("none",
    "L1", "L2") adds :math:`\lambda\sum w^2` (L2) or :math:`\lambda\sum |w|` (L1) to
    what each step minimises, :math:`\lambda` = ``reg_rate``: every step then also pulls
    each weight towards 0 by :math:`\eta\cdot 2\lambda w` (L2) or
    :math:`\eta\lambda\,\mathrm{sign}(w)` (L1). Biases are not penalised. ``train_loss``
    and ``test_loss`` stay the data's MSE, so runs with and without a penalty compare.
    ``problem="regression"``: a value per point, a linear output, the loss in its units squared.
    Attributes: ``network`` (an ordinary :class:`~nnviz.Network`; ``plane``, the same
    network taking points of the plane), ``X_train``, ``y_train`` (including points added
    with :meth:`add_point`), ``X_test``, ``y_test``, ``X`` and ``y`` (all of them); per epoch
    ``train_loss``, ``test_loss``, ``train_accuracy``, ``test_accuracy``, ``learn_rates``;
    ``epoch``; ``status``, ``message``, and ``verdict`` (the diagnosis, kept beside STOPPED).
    """

    def __init__(self, dataset="circles", hidden=(4,), activation="tanh", learn_rate=0.1,
                 batch_size=10, test_fraction=0.5, noise=0.1, seed=0, n=200, output="sigmoid",
                 max_epochs=None, features=("x1", "x2"), regularization="none", reg_rate=0.001,
                 problem="classification"):
        given = dict(problem=problem, dataset=dataset, hidden=hidden, activation=activation, learn_rate=learn_rate,
                     batch_size=batch_size, test_fraction=test_fraction, noise=noise, seed=seed,
                     n=n, output=output, max_epochs=max_epochs, features=features,
                     regularization=regularization, reg_rate=reg_rate)
        # Everything is checked, by the one table, before anything is built.
        s = {name: SETTINGS[name].check(value) for name, value in given.items()}
        self.dataset, self.hidden, self.activation = s["dataset"], s["hidden"], s["activation"]
        self.output, self.test_fraction, self.noise = s["output"], s["test_fraction"], s["noise"]
        self.seed, self.n, self.features = s["seed"], s["n"], s["features"]
        self.problem = s["problem"]
        if self.dataset not in DATASETS_FOR[self.problem]:
            raise ValueError(f"dataset must be one of {', '.join(map(repr, DATASETS_FOR[self.problem]))} "
                             f"for problem={self.problem!r}, got {self.dataset!r}.")
        if self.regression:             # a value, not a probability: TensorFlow Playground's choice too
            self.output = "linear"

        X, y = _data.make(self.dataset, n=self.n, noise=self.noise, seed=self.seed)
        y = np.asarray(y, dtype=np.float64).reshape(-1)
        order = np.random.default_rng(self.seed).permutation(len(X))
        n_test = min(int(round(self.test_fraction * len(X))), len(X) - 1)
        test, train = order[:n_test], order[n_test:]
        self._X_data, self._y_data = X[train], y[train]
        self.X_test, self.y_test = X[test], y[test]
        self._added_X, self._added_y = np.empty((0, 2)), np.empty(0)
        self._join()
        self.network = Network([len(self.features), *self.hidden, 1], activation=self.activation,
                               output_activation=self.output, seed=self.seed)
        self.plane = PlaneNetwork(self.network, self.features)
        self._learn_rate, self._batch_size, self._max_epochs = (s["learn_rate"], s["batch_size"],
                                                                s["max_epochs"])
        self._regularization, self._reg_rate = s["regularization"], s["reg_rate"]
        self.train_loss, self.test_loss = np.empty(0), np.empty(0)
        self.train_accuracy, self.test_accuracy = np.empty(0), np.empty(0)
        self.learn_rates = np.empty(0)
        self._since = 0               # the diagnosis looks only at epochs since the last change
        self.status, self.message, self.verdict = Status.READY, "", Status.READY
        self._diagnose()

    regression = property(lambda self: self.problem == "regression",
                          doc="True for a regression run (a value per point), False for classes 0 and 1.")
    value_range = property(lambda self: _data.TARGET_RANGE if self.regression else (0.0, 1.0),
                           doc="The colour scale's ends for output and points: (0, 1) for classes, "
                               "(-1, 1) for regression's values (``nnviz.data.TARGET_RANGE``).")

    def typical_error(self):
        r"""``(train, test)``: the typical distance of the output from the target now,
        :math:`\sqrt{\mathrm{MSE}}`, in the target's own units (NaN without points). The
        regression readout shows these."""
        return tuple(float(np.sqrt(self._loss(X, y))) for X, y in
                     ((self.X_train, self.y_train), (self.X_test, self.y_test)))

    @property
    def settings(self) -> dict:
        """Every setting of :data:`SETTINGS` as it is now."""
        return {name: getattr(self, name) for name in SETTINGS}

    # --- settings that apply from now on ---------------------------------------------------
    def _set(self, name, value):
        value = SETTINGS[name].check(value)
        if value != getattr(self, "_" + name):
            setattr(self, "_" + name, value)
            self._changed()

    learn_rate = property(lambda self: self._learn_rate, lambda self, v: self._set("learn_rate", v),
                          doc="The step size η; a new value applies from the next epoch on.")
    batch_size = property(lambda self: self._batch_size, lambda self, v: self._set("batch_size", v),
                          doc="Training points per step (None: all of them); from the next epoch on.")
    regularization = property(lambda self: self._regularization,
                              lambda self, v: self._set("regularization", v),
                              doc="'none', 'L1' or 'L2': the penalty on large weights; from the next epoch on.")
    reg_rate = property(lambda self: self._reg_rate, lambda self, v: self._set("reg_rate", v),
                        doc="The penalty's rate λ; from the next epoch on.")

    @property
    def max_epochs(self):
        """``train`` stops at this epoch (None: no limit). Raising it lets a stopped run go on."""
        return self._max_epochs

    @max_epochs.setter
    def max_epochs(self, value):
        self._max_epochs = SETTINGS["max_epochs"].check(value)
        if self.status is Status.STOPPED and (self._max_epochs is None or self.epoch < self._max_epochs):
            self.status, self.message = self.verdict, self._verdict_message
        elif self.status is not Status.DIVERGED:
            self._diagnose()

    # --- the data --------------------------------------------------------------------------
    def _join(self):
        self.X_train = np.vstack([self._X_data, self._added_X])
        self.y_train = np.concatenate([self._y_data, self._added_y])
        self.X = np.vstack([self.X_train, self.X_test])
        self.y = np.concatenate([self.y_train, self.y_test])
        # What the network is given: the features of each point, computed once.
        self._F_train = inputs(self.X_train, self.features)
        self._F_test = inputs(self.X_test, self.features)

    @property
    def added(self):
        """The points added with :meth:`add_point`, as ``(X, y)``."""
        return self._added_X.copy(), self._added_y.copy()

    def add_point(self, x, y, label):
        """Add a training point at ``(x, y)`` of class ``label`` (0 or 1; in a regression run,
        its value, a number from -10 to 10); the network goes on."""
        point = as_float_array([x, y] if not isinstance(x, (str, bytes)) else x, "x and y", ndim=1)
        if self.regression:
            label = number_in(label, "label (the point's value)", -10.0, 10.0)
        elif isinstance(label, bool) or label not in (0, 1) or isinstance(label, (str, bytes)):
            raise ValueError(f"label must be 0 or 1, got {describe(label)}.")
        if len(self._added_y) >= MAX_POINTS:
            raise ValueError(f"at most {MAX_POINTS} points can be added, got one more.")
        self._added_X = np.vstack([self._added_X, point[None, :]])
        self._added_y = np.append(self._added_y, float(label))
        self._join()
        self._changed()
        return self

    def clear_points(self):
        """Remove every point added with :meth:`add_point`."""
        if len(self._added_y):
            self._added_X, self._added_y = np.empty((0, 2)), np.empty(0)
            self._join()
            self._changed()
        return self

    def replace(self, **changes):
        """A new run with some settings changed (``dataset``, ``hidden``, ``noise``, ...; any
        of :data:`SETTINGS`): fresh random weights and no history. Added points carry over.
        ``seed`` draws new data."""
        settings = self.settings
        unknown = set(changes) - set(settings)
        if unknown:
            raise TypeError(f"replace() got unknown settings {sorted(unknown)}; "
                            f"expected some of {sorted(settings)}.")
        settings.update(changes)
        run = TrainingRun(**settings)
        for point, label in zip(self._added_X, self._added_y):
            run.add_point(point[0], point[1], float(label))
        run._since = 0
        run._diagnose()
        return run

    # --- the run as one line of text ------------------------------------------------------
    STATE_PREFIX = "nnviz-run-1:"

    def state(self) -> str:
        """The run as one line of text to copy and paste back with :meth:`from_state`: its
        settings, its weights and biases, and the points added by clicking (the history of
        losses is not kept: the pasted run starts counting at epoch 0)."""
        settings = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.settings.items()}
        body = {"settings": settings, "params": [p.ravel().tolist() for p in self.network.params],
                "added": [self._added_X.ravel().tolist(), self._added_y.tolist()]}
        packed = zlib.compress(json.dumps(body, separators=(",", ":")).encode(), 9)
        return self.STATE_PREFIX + base64.urlsafe_b64encode(packed).decode().rstrip("=")

    @classmethod
    def from_state(cls, text) -> "TrainingRun":
        """The run that :meth:`state` wrote as ``text``: the same settings, weights and added
        points. A ValueError says what is wrong with a mangled text."""
        if not isinstance(text, str):
            raise TypeError(f"state must be the text from run.state(), got {describe(text)}.")
        text = text.strip()
        if text.startswith("#"):
            text = text[1:]
        if "=" in text.split(":")[0]:            # "nnviz=nnviz-run-1:..." from a link
            text = text.split("=", 1)[1]
        if not text.startswith(cls.STATE_PREFIX):
            raise ValueError(f"state must start with {cls.STATE_PREFIX!r} (the text from "
                             f"run.state()), got {text[:20]!r}.")
        try:
            raw = text[len(cls.STATE_PREFIX):]
            body = json.loads(zlib.decompress(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))))
            settings, params, (added_X, added_y) = body["settings"], body["params"], body["added"]
        except Exception:
            raise ValueError("state is damaged: copy the whole text from run.state() "
                             "(it is one line) and paste it again.") from None
        run = cls(**settings)           # checked by the table like any other settings
        shapes = [p.shape for p in run.network.params]
        if len(params) != len(shapes) or any(len(v) != int(np.prod(s)) for v, s in zip(params, shapes)):
            raise ValueError("state is damaged: its weights do not fit its layer sizes.")
        for p, values in zip(run.network.params, params):
            p[...] = as_float_array(values, "state's weights", ndim=1).reshape(p.shape)
        for (x1, x2), label in zip(np.reshape(added_X, (-1, 2)), added_y):
            run.add_point(float(x1), float(x2), float(label))
        run._since = 0
        run._diagnose()
        return run

    # --- training ------------------------------------------------------------------------
    @property
    def epoch(self) -> int:
        """Epochs trained so far."""
        return len(self.train_loss)

    def accuracy(self, X, y) -> float:
        """The share of points (x1, x2) whose output, rounded at 0.5, is their class (NaN for
        none, and for regression, where there are no classes)."""
        if len(y) == 0 or self.regression:
            return float("nan")
        with np.errstate(over="ignore", invalid="ignore"):
            y_pred = self.plane._forward(X)[1][-1][:, 0]
        return float(np.mean((y_pred > 0.5) == (y > 0.5)))

    def right(self):
        """``(train, test)``: the share of training and of test points right *now* (after
        points were added or cleared, before the next epoch, too). The playground's readout
        shows these two numbers."""
        return self.accuracy(self.X_train, self.y_train), self.accuracy(self.X_test, self.y_test)

    def _loss(self, X, y) -> float:
        if len(y) == 0:
            return float("nan")
        with np.errstate(over="ignore", invalid="ignore"):
            return mean_squared_error(y, self.plane._forward(X)[1][-1][:, 0])

    def gradients(self, X=None, y=None):
        """``[dL_dW1, dL_db1, ...]`` of the data's loss (MSE) on points ``X`` (n, 2) with
        classes ``y``; by default the first batch of the training points, as the next step
        sees it. What the playground's "show gradients" draws."""
        if X is None:
            batch = self._batch_size or len(self.y_train)
            X, y = self.X_train[:batch], self.y_train[:batch]
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            return self.network._gradients(inputs(np.asarray(X, float), self.features),
                                           np.asarray(y, float).reshape(-1, 1))

    def train(self, epochs=1) -> TrainResult:
        r"""Train ``epochs`` more epochs (fewer if the run diverges or reaches ``max_epochs``).

        Each epoch is one pass of :math:`w \leftarrow w - \eta\,\partial L/\partial w` over
        the training points, in batches of ``batch_size``, in the same order every epoch
        (with a penalty, :math:`L` includes it: see the class's docstring).
        A diverged run trains no further (make a new one with a smaller learning rate).
        """
        epochs = whole_number(epochs, "epochs", minimum=0)
        if epochs > MAX_EPOCHS_PER_CALL:
            raise ValueError(f"epochs must be at most {MAX_EPOCHS_PER_CALL} per call, got {epochs}.")
        if self.status is Status.DIVERGED:
            epochs = 0
        if self._max_epochs is not None:
            epochs = max(0, min(epochs, self._max_epochs - self.epoch))
        F, y = self._F_train, self.y_train[:, None]
        batch = self._batch_size or len(y)
        penalty = self._regularization if self._reg_rate > 0 else "none"
        train_loss, test_loss, train_acc, test_acc = [], [], [], []
        diverged = False
        net = self.network
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            for _ in range(epochs):
                # One epoch per call, so the test loss and accuracies exist for every epoch.
                if penalty == "none":
                    # Network.train's own fast path, without its per-call checks (done once here).
                    losses = _fast.train(net, F, y, self._learn_rate, 1, batch, False, None)
                else:
                    losses = _train_penalised(net, F, y, self._learn_rate, batch, penalty, self._reg_rate)
                if not len(losses) or not np.isfinite(losses[-1]):
                    diverged = True
                    break
                train_loss.append(losses[-1])
                out_test = net._forward(self._F_test)[1][-1][:, 0] if len(self.y_test) else None
                test_loss.append(mean_squared_error(self.y_test, out_test) if out_test is not None
                                 else float("nan"))
                if self.regression:         # no classes: no accuracy
                    train_acc.append(float("nan"))
                    test_acc.append(float("nan"))
                    continue
                train_acc.append(float(np.mean((net._forward(F)[1][-1][:, 0] > 0.5) == (self.y_train > 0.5))))
                test_acc.append(float(np.mean((out_test > 0.5) == (self.y_test > 0.5)))
                                if out_test is not None else float("nan"))
        ran = len(train_loss)
        self.train_loss = np.concatenate([self.train_loss, train_loss])
        self.test_loss = np.concatenate([self.test_loss, test_loss])
        self.train_accuracy = np.concatenate([self.train_accuracy, train_acc])
        self.test_accuracy = np.concatenate([self.test_accuracy, test_acc])
        self.learn_rates = np.concatenate([self.learn_rates, np.full(ran, self._learn_rate)])
        self._diagnose(diverged)
        return self.result(ran)

    def result(self, epochs=0) -> TrainResult:
        """The run now, as a :class:`TrainResult` (``epochs``: how many the last call ran)."""
        last = (lambda a: float(a[-1]) if len(a) else float("nan"))
        return TrainResult(epochs, self.epoch, self.status, self.message, last(self.train_loss),
                           last(self.test_loss), last(self.train_accuracy), last(self.test_accuracy))

    # --- saying how it goes -----------------------------------------------------------------
    def _changed(self):
        """Something changed that the recent history does not show: judge from here on."""
        self._since = self.epoch
        if self.status is not Status.DIVERGED:
            self._diagnose()

    def _diagnose(self, diverged=False):
        diverged = diverged or self.status is Status.DIVERGED
        spread = float(np.var(self.y_train)) if self.regression and len(self.y_train) else None
        status, message = diagnose(self.train_loss[self._since:], self.train_accuracy[self._since:],
                                   self.learn_rate, diverged, epoch=self.epoch, target_variance=spread)
        if status is Status.READY and self.epoch:
            status, message = Status.TRAINING, f"training: epoch {self.epoch}, judging from here on."
        self.verdict, self._verdict_message = status, message
        at_limit = self._max_epochs is not None and self.epoch >= self._max_epochs and self.epoch > 0
        if at_limit and not diverged:
            # The verdict stays beside "stopped": what the run was doing when it reached the limit.
            status, message = Status.STOPPED, (
                f"stopped at epoch {self.epoch} ('stop at epoch'; raise it to go on). "
                f"When it stopped it was {message}")
        self.status, self.message = status, message

    def __repr__(self):
        return (f"TrainingRun({self.dataset!r}, hidden={self.hidden}, epoch {self.epoch}, "
                f"status {self.status.value!r})")


def _train_penalised(network, F, y, learn_rate, batch_size, penalty, rate):
    r"""One epoch with a penalty on the weights: each step is
    :math:`w \leftarrow w - \eta(\partial L/\partial w + 2\lambda w)` (L2) or
    :math:`w \leftarrow w - \eta(\partial L/\partial w + \lambda\,\mathrm{sign}(w))` (L1);
    biases take the plain step. Returns ``[data loss after the epoch]`` (MSE)."""
    n = len(y)
    params = network.params
    for start in range(0, n, batch_size):
        grads = _fast.backprop(network, F[start:start + batch_size], y[start:start + batch_size])[0]
        for k, (p, g) in enumerate(zip(params, grads)):
            if k % 2 == 0:             # a weight matrix: the penalty's slope, 2 rate w or rate sign(w)
                p -= learn_rate * (g + (2.0 * rate * p if penalty == "L2" else rate * np.sign(p)))
            else:
                p -= learn_rate * g
    return [mean_squared_error(y, network._forward(F)[1][-1])]


def diagnose(losses, accuracies, learn_rate, diverged=False, at_limit=False, epoch=None,
             target_variance=None):
    """Judge a run from its recent train losses and accuracies: ``(Status, message)``.
    For regression (``target_variance``, the targets' variance, given; no accuracy), "the
    training points right" below reads "the loss at most 10% of the targets' variance" and
    the messages give the typical error √MSE in the target's units.

    The rules, in order:

    * **diverged**: the loss became infinite or not a number;
    * **stopped**: the run reached ``max_epochs`` (``at_limit``; a run keeps its verdict beside it);
    * **oscillating**: over the last 50 epochs the loss went up in at least 10% of the
      epochs, by more than half its level all told: the steps overshoot;
    * **converged**: at least 95% of the training points are right and over the last 50
      epochs the loss fell by less than 10%;
    * **crawling**: over the last 50 epochs the loss fell by less than 1% but fell in
      almost every epoch, with a learning rate of 0.01 or less: the steps are too small;
    * **stuck**: over the last 50 epochs the loss fell by less than 1%, fewer points right;
    * otherwise **training** (the loss is falling), or **ready** before any epoch.

    Each message gives one piece of advice, in one direction: it never says both "larger"
    and "smaller".
    """
    losses = np.asarray(losses, dtype=np.float64)
    epoch = len(losses) if epoch is None else epoch
    if diverged:
        return Status.DIVERGED, (
            f"diverged: in epoch {epoch + 1} the loss stopped being a finite number. The learning "
            f"rate {learn_rate:.3g} is far too large: try {learn_rate / 10:.3g} and start again (reset).")
    if at_limit:
        return Status.STOPPED, (f"stopped at epoch {epoch} ('stop at epoch'; raise it to go on).")
    if len(losses) == 0:
        return Status.READY, "ready: press play or step to train."
    recent = losses[-(WINDOW + 1):]
    steps = np.diff(recent)
    level = float(np.mean(recent))
    if len(steps) >= 10:
        ups = steps[steps > 0]
        if len(ups) >= 0.1 * len(steps) and ups.sum() > 0.5 * level and level > 1e-4:
            return Status.OSCILLATING, (
                f"oscillating: the loss bounces up and down (around {level:.3g}) instead of "
                f"falling steadily. The learning rate {learn_rate:.3g} is too large: the steps "
                f"overshoot. Try {learn_rate / 3:.2g} (applies from now on), or a larger batch. "
                "(Such a run can still end with most points right, its hidden neurons pinned "
                "near the ends of their range, but it gets there by jumps, not steady steps.)")
    if len(losses) > WINDOW:
        before, now = float(losses[-WINDOW - 1]), float(losses[-1])
        fell = (before - now) / before if before > 0 else 0.0
        right = float(accuracies[-1]) if len(accuracies) else float("nan")
        how = f"{right:.0%} of the training points are right"
        good = GOOD_ACCURACY
        if target_variance is not None:        # regression: judged on the loss, in the target's units
            right, good = (1.0 - now / target_variance if target_variance > 0 else float("nan")), GOOD_FIT
            how = (f"the typical error √MSE is {np.sqrt(now):.3g} in the target's units (the "
                   f"targets spread ±{np.sqrt(target_variance):.3g})")
        if right >= good and fell < 0.10:
            return Status.CONVERGED, (
                f"converged: {how} and the loss "
                f"({now:.3g}) has almost stopped falling. Compare the test loss: if it is much "
                "higher, the network learned the training points by heart (try fewer neurons, "
                "more points or regularization).")
        if fell < 0.01:
            falling = np.mean(steps < 0) >= 0.9 and now < before
            if falling and learn_rate <= SMALL_LEARN_RATE:
                return Status.CRAWLING, (
                    f"crawling: the loss falls, but slowly ({before:.4g} → {now:.4g} in {WINDOW} "
                    f"epochs), and {how}. The learning rate "
                    f"η = {learn_rate:.3g} makes tiny steps: try η = {min(learn_rate * 10, 10):.3g} "
                    "(applies from now on).")
            if learn_rate >= 1:
                advice = (f"The learning rate {learn_rate:.3g} may have saturated the neurons "
                          f"(their outputs pinned at the ends): try {learn_rate / 10:.3g} and reset.")
            else:
                advice = "Try more hidden neurons, more input features or another activation, then reset."
            return Status.STUCK, (
                f"stuck: the loss ({now:.3g}) has not fallen for {WINDOW} epochs and "
                f"{how}. {advice}")
    return Status.TRAINING, f"training: the loss is falling ({float(losses[-1]):.3g} at epoch {epoch})."
