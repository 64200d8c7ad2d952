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
points in batches of ``batch_size`` (``Network.train``). What can change during a run and
what makes a new one:

* ``learn_rate``, ``batch_size`` and ``max_epochs`` may be set between calls of ``train``;
  they apply from the next epoch on and the history is kept.
* ``add_point`` and ``clear_points`` change the training data; the network goes on.
* the data set, hidden layers, activation, noise, test fraction and seed define the
  problem: :meth:`TrainingRun.replace` makes a new run with fresh random weights.

numpy only. Introduced in 07_training.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

from . import data as _data
from ._validate import _describe, as_float_array, choice, positive_number, whole_number
from .activations import ACTIVATION_NAMES
from .network import Network

__all__ = ["Status", "TrainResult", "TrainingRun", "DATASETS", "MAX_EPOCHS_PER_CALL"]

#: The data sets a run can use (``nnviz.data.make``).
DATASETS = ("people", "xor", "circles", "moons", "spiral")
#: Limits that keep a learner's typo (10**9) from filling the memory or freezing the kernel.
MAX_POINTS = 5000
MAX_HIDDEN_LAYERS = 6
MAX_LAYER_SIZE = 64
MAX_NOISE = 2.0
MAX_EPOCHS_PER_CALL = 100_000

#: How many recent epochs the diagnosis looks at.
WINDOW = 50
#: Train accuracy at or above which a run that stopped improving has converged.
GOOD_ACCURACY = 0.95


class Status(str, enum.Enum):
    """How a run is going. A ``str``, so ``run.status == "diverged"`` reads naturally."""

    READY = "ready"                # nothing trained yet
    TRAINING = "training"          # the loss is falling
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
        raise TypeError(f"hidden must be a list of layer sizes such as (4,) or (8, 8), got {_describe(hidden)}.")
    if isinstance(hidden, (int, np.integer)):
        hidden = (hidden,)
    if not hasattr(hidden, "__len__"):
        raise TypeError(f"hidden must be a list of layer sizes such as (4,) or (8, 8), got {_describe(hidden)}.")
    if len(hidden) > MAX_HIDDEN_LAYERS:
        raise ValueError(f"hidden must list at most {MAX_HIDDEN_LAYERS} layers, got {len(hidden)}.")
    sizes = tuple(whole_number(n, f"hidden[{i}]") for i, n in enumerate(hidden))
    for i, n in enumerate(sizes):
        if n > MAX_LAYER_SIZE:
            raise ValueError(f"hidden[{i}] must be at most {MAX_LAYER_SIZE} neurons, got {n}.")
    return sizes


def _batch_size(value):
    if value is None:
        return None
    return whole_number(value, "batch_size (a whole number, or None for full batch)")


def _fraction(value, name, high):
    if isinstance(value, (bool, str, bytes)) or value is None:
        raise TypeError(f"{name} must be a number from 0 up to (not including) {high:g}, "
                        f"got {_describe(value)}.")
    value = float(as_float_array(value, name, ndim=0))
    if not 0.0 <= value < high:
        raise ValueError(f"{name} must be a number from 0 up to (not including) {high:g}, got {value!r}.")
    return value


def _noise(value):
    if isinstance(value, bool) or value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"noise must be a number from 0 to {MAX_NOISE:g}, got {_describe(value)}.")
    value = float(as_float_array(value, "noise", ndim=0))
    if not 0.0 <= value <= MAX_NOISE:
        raise ValueError(f"noise must be a number from 0 to {MAX_NOISE:g}, got {value}.")
    return value


def _max_epochs(value):
    if value is None:
        return None
    return whole_number(value, "max_epochs (a whole number, or None for no limit)")


class TrainingRun:
    r"""Train a small network on a 2-D data set and keep what happened. Introduced in 07_training.

    ``TrainingRun(dataset="circles", hidden=(4,), activation="tanh", learn_rate=0.1,
    batch_size=10, test_fraction=0.5, noise=0.1, seed=0)``: ``n`` points of ``dataset``
    (``nnviz.data.make`` with ``noise``), a share ``test_fraction`` of them held back as the
    test set (never trained on: the test loss shows how well the network does on points it
    has not seen), and ``network = Network([2, *hidden, 1], activation, output)``.

    Attributes: ``network`` (an ordinary :class:`~nnviz.Network`), ``X_train``, ``y_train``
    (including points added with :meth:`add_point`), ``X_test``, ``y_test``, ``X`` and
    ``y`` (all of them); per epoch ``train_loss``, ``test_loss``, ``train_accuracy``,
    ``test_accuracy``, ``learn_rates``; ``epoch``; ``status`` and ``message``.
    """

    def __init__(self, dataset="circles", hidden=(4,), activation="tanh", learn_rate=0.1,
                 batch_size=10, test_fraction=0.5, noise=0.1, seed=0, n=200, output="sigmoid",
                 max_epochs=None):
        # Everything is checked before anything is built.
        self.dataset = choice(dataset, "dataset", DATASETS)
        self.hidden = _hidden_sizes(hidden)
        self.activation = choice(activation, "activation", ACTIVATION_NAMES)
        self.output = choice(output, "output", ("sigmoid", "linear"))
        learn_rate = positive_number(learn_rate, "learn_rate")
        batch_size = _batch_size(batch_size)
        self.test_fraction = _fraction(test_fraction, "test_fraction", 1.0)
        self.noise = _noise(noise)
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise TypeError(f"seed must be a whole number of at least 0, got {_describe(seed)}.")
        self.seed = int(seed)
        self.n = whole_number(n, "n", minimum=4)
        if self.n > MAX_POINTS:
            raise ValueError(f"n must be at most {MAX_POINTS} points, got {self.n}.")
        max_epochs = _max_epochs(max_epochs)

        X, y = _data.make(self.dataset, n=self.n, noise=self.noise, seed=self.seed)
        y = np.asarray(y, dtype=np.float64).reshape(-1)
        order = np.random.default_rng(self.seed).permutation(len(X))
        n_test = min(int(round(self.test_fraction * len(X))), len(X) - 1)
        test, train = order[:n_test], order[n_test:]
        self._X_data, self._y_data = X[train], y[train]
        self.X_test, self.y_test = X[test], y[test]
        self._added_X, self._added_y = np.empty((0, 2)), np.empty(0)
        self._join()
        self.network = Network([2, *self.hidden, 1], activation=self.activation,
                               output_activation=self.output, seed=self.seed)
        self._learn_rate, self._batch_size, self._max_epochs = learn_rate, batch_size, max_epochs
        self.train_loss, self.test_loss = np.empty(0), np.empty(0)
        self.train_accuracy, self.test_accuracy = np.empty(0), np.empty(0)
        self.learn_rates = np.empty(0)
        self._since = 0               # the diagnosis looks only at epochs since the last change
        self.status, self.message = Status.READY, ""
        self._diagnose()

    # --- settings that apply from now on ---------------------------------------------------
    @property
    def learn_rate(self) -> float:
        """The step size :math:`\\eta`; a new value applies from the next epoch on."""
        return self._learn_rate

    @learn_rate.setter
    def learn_rate(self, value):
        value = positive_number(value, "learn_rate")
        if value != self._learn_rate:
            self._learn_rate = value
            self._changed()

    @property
    def batch_size(self):
        """Training points per step (None: all of them); a new value applies from the next epoch on."""
        return self._batch_size

    @batch_size.setter
    def batch_size(self, value):
        value = _batch_size(value)
        if value != self._batch_size:
            self._batch_size = value
            self._changed()

    @property
    def max_epochs(self):
        """``train`` stops at this epoch (None: no limit). Raising it lets a stopped run go on."""
        return self._max_epochs

    @max_epochs.setter
    def max_epochs(self, value):
        self._max_epochs = _max_epochs(value)
        if self.status is Status.STOPPED and (self._max_epochs is None or self.epoch < self._max_epochs):
            self._changed()

    # --- the data --------------------------------------------------------------------------
    def _join(self):
        self.X_train = np.vstack([self._X_data, self._added_X])
        self.y_train = np.concatenate([self._y_data, self._added_y])
        self.X = np.vstack([self.X_train, self.X_test])
        self.y = np.concatenate([self.y_train, self.y_test])

    @property
    def added(self):
        """The points added with :meth:`add_point`, as ``(X, y)``."""
        return self._added_X.copy(), self._added_y.copy()

    def add_point(self, x, y, label):
        """Add a training point at ``(x, y)`` of class ``label`` (0 or 1); the network goes on."""
        point = as_float_array([x, y] if not isinstance(x, (str, bytes)) else x, "x and y", ndim=1)
        if isinstance(label, bool) or label not in (0, 1) or isinstance(label, (str, bytes)):
            raise ValueError(f"label must be 0 or 1, got {_describe(label)}.")
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
        """A new run with some settings changed (``dataset``, ``hidden``, ``noise``, ...):
        fresh random weights and no history. Added points carry over. ``seed`` new data."""
        settings = dict(dataset=self.dataset, hidden=self.hidden, activation=self.activation,
                        learn_rate=self.learn_rate, batch_size=self.batch_size,
                        test_fraction=self.test_fraction, noise=self.noise, seed=self.seed,
                        n=self.n, output=self.output, max_epochs=self.max_epochs)
        unknown = set(changes) - set(settings)
        if unknown:
            raise TypeError(f"replace() got unknown settings {sorted(unknown)}; "
                            f"expected some of {sorted(settings)}.")
        settings.update(changes)
        run = TrainingRun(**settings)
        for point, label in zip(self._added_X, self._added_y):
            run.add_point(point[0], point[1], int(label))
        run._since = 0
        run._diagnose()
        return run

    # --- training ------------------------------------------------------------------------
    @property
    def epoch(self) -> int:
        """Epochs trained so far."""
        return len(self.train_loss)

    def accuracy(self, X, y) -> float:
        """The share of points whose output, rounded at 0.5, is their class (NaN for none)."""
        if len(y) == 0:
            return float("nan")
        with np.errstate(over="ignore", invalid="ignore"):
            y_pred = self.network._forward(X)[1][-1][:, 0]
        return float(np.mean((y_pred > 0.5) == (y > 0.5)))

    def _loss(self, X, y) -> float:
        if len(y) == 0:
            return float("nan")
        with np.errstate(over="ignore", invalid="ignore"):
            return float(np.mean((y - self.network._forward(X)[1][-1][:, 0]) ** 2))

    def train(self, epochs=1) -> TrainResult:
        r"""Train ``epochs`` more epochs (fewer if the run diverges or reaches ``max_epochs``).

        Each epoch is one pass of :math:`w \leftarrow w - \eta\,\partial L/\partial w` over
        the training points, in batches of ``batch_size``, in the same order every epoch.
        A diverged run trains no further (make a new one with a smaller learning rate).
        """
        epochs = whole_number(epochs, "epochs", minimum=0)
        if epochs > MAX_EPOCHS_PER_CALL:
            raise ValueError(f"epochs must be at most {MAX_EPOCHS_PER_CALL} per call, got {epochs}.")
        if self.status is Status.DIVERGED:
            epochs = 0
        if self._max_epochs is not None:
            epochs = max(0, min(epochs, self._max_epochs - self.epoch))
        X, y = self.X_train, self.y_train[:, None]
        batch = self._batch_size or len(y)
        train_loss, test_loss, train_acc, test_acc = [], [], [], []
        diverged = False
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            for _ in range(epochs):
                # One epoch per call, so the test loss and accuracies exist for every epoch.
                losses = _train_quietly(self.network, X, y, self._learn_rate, batch)
                if not len(losses) or not np.isfinite(losses[-1]):
                    diverged = True
                    break
                train_loss.append(losses[-1])
                test_loss.append(self._loss(self.X_test, self.y_test))
                train_acc.append(self.accuracy(self.X_train, self.y_train))
                test_acc.append(self.accuracy(self.X_test, self.y_test))
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
        status, message = diagnose(self.train_loss[self._since:], self.train_accuracy[self._since:],
                                   self.learn_rate, diverged or self.status is Status.DIVERGED,
                                   at_limit=self._max_epochs is not None and self.epoch >= self._max_epochs
                                   and self.epoch > 0, epoch=self.epoch)
        if status is Status.READY and self.epoch:
            status, message = Status.TRAINING, f"training: epoch {self.epoch}, judging from here on."
        self.status, self.message = status, message

    def __repr__(self):
        return (f"TrainingRun({self.dataset!r}, hidden={self.hidden}, epoch {self.epoch}, "
                f"status {self.status.value!r})")


def _train_quietly(network, X, y, learn_rate, batch_size):
    """One epoch of ``Network.train``; the run reports divergence itself, without a warning."""
    import warnings

    from .network import DivergenceWarning
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        return network.train(X, y, learn_rate=learn_rate, epochs=1, batch_size=batch_size).loss


def diagnose(losses, accuracies, learn_rate, diverged=False, at_limit=False, epoch=None):
    """Judge a run from its recent train losses and accuracies: ``(Status, message)``.

    The rules, in order:

    * **diverged**: the loss became infinite or not a number;
    * **stopped**: the run reached ``max_epochs``;
    * **oscillating**: over the last 50 epochs the loss went up in at least 10% of the
      epochs, by more than half its level all told: the steps overshoot;
    * **converged**: at least 95% of the training points are right and over the last 50
      epochs the loss fell by less than 10%;
    * **stuck**: over the last 50 epochs the loss fell by less than 1%, fewer points right;
    * otherwise **training** (the loss is falling), or **ready** before any epoch.
    """
    losses = np.asarray(losses, dtype=np.float64)
    epoch = len(losses) if epoch is None else epoch
    if diverged:
        return Status.DIVERGED, (
            f"diverged: in epoch {epoch + 1} the loss stopped being a finite number. The learning "
            f"rate {learn_rate:.3g} is far too large: try {learn_rate / 10:.3g} and start again (reset).")
    if at_limit:
        return Status.STOPPED, (f"stopped at epoch {epoch}, the limit set by max_epochs "
                                "('stop at epoch'): raise it to go on.")
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
                f"overshoot. Try {learn_rate / 3:.2g} (applies from now on), or a larger batch.")
    if len(losses) > WINDOW:
        before, now = float(losses[-WINDOW - 1]), float(losses[-1])
        fell = (before - now) / before if before > 0 else 0.0
        right = float(accuracies[-1]) if len(accuracies) else float("nan")
        if right >= GOOD_ACCURACY and fell < 0.10:
            return Status.CONVERGED, (
                f"converged: {right:.0%} of the training points are right and the loss "
                f"({now:.3g}) has almost stopped falling. Compare the test loss: if it is much "
                "higher, the network learned the training points by heart (try fewer neurons "
                "or more points).")
        if fell < 0.01:
            hint = (f" The learning rate {learn_rate:.3g} may have saturated the neurons: "
                    "lower it and reset." if learn_rate >= 1 else "")
            return Status.STUCK, (
                f"stuck: the loss ({now:.3g}) has not fallen for {WINDOW} epochs and only "
                f"{right:.0%} of the training points are right. Try more hidden neurons, another "
                f"activation or a larger learning rate, then reset.{hint}")
    return Status.TRAINING, f"training: the loss is falling ({float(losses[-1]):.3g} at epoch {epoch})."
