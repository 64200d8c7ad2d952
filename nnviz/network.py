"""Neurons and networks: the forward pass, backpropagation and the training loop.

This file is the lesson in code: read it from the top. The neuron is 01_neuron, the
network 03_network, the loss 04_loss, backpropagation 05_backprop, gradient descent
06_gradient_descent and the training loop 07_training. The names follow the diagram of the
2-2-1 network: ``W1`` holds the hidden neurons' weights (row 0 is h1's), ``W2`` the output's.

Everything a learner reads comes first. Below the line that says so: the size limits, the
entry checks every public call makes once, ``to_code``, the training history, the gradient
check and the 2-2-1 naming helpers. The fast training loop (same numbers, quicker) lives in
``_fast.py``, apart from the lesson.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from . import _fast
from ._validate import as_float_array, choice, flag, positive_number, whole_number
from ._validate import network as _check_network
from ._validate import seed as _check_seed
from .activations import get_activation


def mean_squared_error(y, y_pred):
    r"""The loss of 04_loss, :math:`L = \frac{1}{n}\sum_i (y_i - y_{pred,i})^2`, of two arrays of
    the same shape (no checks: :func:`mse` is the checked version for learners)."""
    return float(np.mean((y - y_pred) ** 2))


class Neuron:
    r"""One neuron: :math:`y = f(w \cdot x + b)`. Introduced in 01_neuron.

    >>> Neuron([0, 1], 4).feedforward([2, 3])   # 0*2 + 1*3 + 4 = 7, sigmoid(7)
    0.9990889488055994
    """

    def __init__(self, weights, bias, activation="sigmoid"):
        self.weights, self.bias, self.activation = _checked_neuron(weights, bias, activation)

    def weighted_sum(self, x):
        r"""The total before the activation: :math:`z = w \cdot x + b`."""
        x = self._check_x(x)
        return _scalar_or_array(x @ self.weights + self.bias)

    def feedforward(self, x):
        r"""The neuron's output :math:`f(w \cdot x + b)` for one input ``(n,)`` or a batch ``(m, n)``."""
        z = self.weighted_sum(x)
        return _scalar_or_array(get_activation(self.activation).function(z))

    # (the entry check and the printout; the lesson is above)
    def _check_x(self, x):
        x = as_float_array(x, "x", ndim=(1, 2))
        if x.shape[-1] != self.weights.size:
            raise ValueError(
                f"x must have {self.weights.size} values per sample (one per weight: weights "
                f"holds {self.weights.size}), got shape {x.shape}."
            )
        return x

    def __repr__(self):
        return f"Neuron(weights={self.weights.tolist()}, bias={self.bias}, activation={self.activation!r})"


class Network:
    r"""A fully connected feedforward network. Introduced in 03_network.

    ``Network([2, 2, 1])`` is the 2-2-1 network of the series: inputs x1, x2, hidden
    neurons h1, h2 and one output o1. ``params`` is the list ``[W1, b1, W2, b2, ...]``;
    ``W`` has shape ``(n_out, n_in)`` with one row per neuron, ``b`` shape ``(n_out,)``.
    Each layer computes :math:`a = f(W a_{prev} + b)`.
    """

    def __init__(self, layer_sizes, activation="sigmoid", output_activation="sigmoid", seed=None):
        self.layer_sizes = _checked_layer_sizes(layer_sizes)
        self.activation = get_activation(activation, "activation").name
        self.output_activation = get_activation(output_activation, "output_activation").name
        rng = np.random.default_rng(_check_seed(seed))
        self.params = []
        for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:]):
            # The seed article draws every weight and bias from a standard normal, and layers
            # with up to 2 inputs (all of the 2-2-1 network) keep that. With more inputs a sum
            # of standard-normal terms grows like sqrt(n_in) and starts the sigmoids saturated,
            # so those weights are scaled by 1/sqrt(n_in).
            scale = 1.0 / np.sqrt(n_in) if n_in > 2 else 1.0
            self.params.append(rng.normal(0.0, scale, size=(n_out, n_in)))   # W: one row per neuron
            self.params.append(rng.normal(0.0, 1.0, size=n_out))             # b: one per neuron

    # --- forward: 03_network ----------------------------------------------------------
    def _forward(self, X):
        """Forward pass on a checked batch; returns every layer's sums zs and outputs activations."""
        activations, zs = [X], []
        a = X
        for (W, b), act in zip(zip(self.params[0::2], self.params[1::2]), self._activations()):
            z = a @ W.T              # z = W a_prev + b, one row per sample
            z += b
            a = act.function(z)      # a = f(z)
            zs.append(z)
            activations.append(a)
        return zs, activations

    def feedforward(self, X):
        r"""Pass inputs forward: each layer computes :math:`f(W a + b)`. Introduced in 03_network.

        One sample ``(n_in,)`` gives ``(n_out,)``; a batch ``(n, n_in)`` gives ``(n, n_out)``.
        """
        self._check_params()
        X = self._check_X(X)
        with np.errstate(over="ignore", invalid="ignore"):
            out = self._forward(X[None, :] if X.ndim == 1 else X)[1][-1]
        return out[0] if X.ndim == 1 else out

    def loss(self, X, y) -> float:
        r"""MSE over all samples and outputs: :math:`L = \frac{1}{n}\sum (y - y_{pred})^2`.

        Introduced in 04_loss. ``y`` may be ``(n,)`` when the network has one output.
        """
        self._check_params()
        X, y = self._check_Xy(X, y)
        with np.errstate(over="ignore", invalid="ignore"):
            return mean_squared_error(y, self._forward(X)[1][-1])

    # --- backward: 05_backprop --------------------------------------------------------
    def _backprop(self, X, y):
        """Backpropagation on a checked batch: the chain rule, layer by layer, from the loss back.

        Returns the gradients and ``y_pred``, the forward pass it started from.
        """
        zs, activations = self._forward(X)
        y_pred = activations[-1]
        # L = mean((y - y_pred)^2) over n samples and outputs, so dL/dy_pred = -2 (y - y_pred) / size.
        dL_da = -2.0 * (y - y_pred) / y.size
        grads = [None] * len(self.params)
        acts = self._activations()
        for layer in reversed(range(self.n_layers)):
            W = self.params[2 * layer]
            z, a, a_prev = zs[layer], activations[layer + 1], activations[layer]
            # Chain rule through the activation: dL/dz = dL/da * da/dz, with da/dz = f'(z).
            dL_dz = dL_da * acts[layer].derivative_from_output(z, a)
            # z = W a_prev + b: dz/dW = a_prev, dz/db = 1. Summing over rows adds up the samples.
            grads[2 * layer] = dL_dz.T @ a_prev      # dL/dW
            grads[2 * layer + 1] = dL_dz.sum(axis=0)  # dL/db: the sum over samples
            if layer:
                # dz/da_prev = W: hand the error back to the previous layer.
                dL_da = dL_dz @ W
        return grads, y_pred

    def gradients(self, X, y):
        r"""Backpropagation: :math:`\partial L / \partial` every parameter, shaped like ``params``.

        Returns ``[dL_dW1, dL_db1, dL_dW2, dL_db2, ...]`` for ``L = self.loss(X, y)``. Each comes
        from the chain rule, e.g. for the 2-2-1 network
        :math:`\frac{\partial L}{\partial w_1} = \frac{\partial L}{\partial y_{pred}}
        \frac{\partial y_{pred}}{\partial h_1}\frac{\partial h_1}{\partial w_1}`.
        Introduced in 05_backprop.
        """
        self._check_params()
        X, y = self._check_Xy(X, y)
        with np.errstate(over="ignore", invalid="ignore"):
            return self._gradients(X, y)

    # --- training: 06_gradient_descent and 07_training --------------------------------
    def _train_batches(self, X, y, learn_rate, epochs, batch_size, shuffle, rng):
        """The training loop, plainly: for each batch, backprop, then step every parameter.

        Returns the loss over the whole set after each epoch, stopping after an epoch whose
        loss is not a finite number. ``nnviz._fast.train`` gives the same numbers faster.
        """
        n = X.shape[0]
        losses = []
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            for epoch in range(epochs):
                order = rng.permutation(n) if shuffle else np.arange(n)
                for start in range(0, n, batch_size):
                    idx = order[start:start + batch_size]
                    grads = self._gradients(X[idx], y[idx])
                    for p, g in zip(self.params, grads):
                        p -= learn_rate * g          # w <- w - learn_rate * dL/dw
                losses.append(mean_squared_error(y, self._forward(X)[1][-1]))
                if not np.isfinite(losses[-1]):
                    break
        return np.array(losses, dtype=np.float64)

    def train(self, X, y, learn_rate=0.1, epochs=1000, batch_size=1, shuffle=False, seed=None):
        r"""Train with (stochastic) gradient descent: :math:`w \leftarrow w - \eta\,\partial L/\partial w`.

        ``batch_size=1`` is the seed article's SGD: one sample at a time, in dataset order unless
        ``shuffle``. ``batch_size=None`` is full-batch gradient descent. Returns a :class:`History`
        with the loss over the whole set after every epoch. If the loss stops being finite,
        training stops, ``History.diverged`` is set and a :class:`DivergenceWarning` says why.
        Introduced in 06_gradient_descent and 07_training.
        """
        X, y, learn_rate, epochs, batch_size, rng = self._check_train(
            X, y, learn_rate, epochs, batch_size, shuffle, seed)
        # The loop a learner reads is _train_batches above. _fast runs the same maths faster
        # (one Python float per weight for per-sample SGD on small networks; a reused forward
        # pass and cheaper sums for batches); the tests check that both give the same numbers.
        losses = _fast.train(self, X, y, learn_rate, epochs, batch_size or X.shape[0], shuffle, rng)
        return _history(losses, epochs, learn_rate, batch_size)

    def predict(self, X):
        """The network's outputs for ``X``, squeezed to ``(n,)`` when there is one output.

        With a sigmoid output, round at 0.5 to decide: above means class 1. Introduced in 07_training.
        """
        out = self.feedforward(X)
        if self.layer_sizes[-1] == 1:
            return out[..., 0] if np.ndim(out) > 1 else float(out[0])
        return out

    # ==================================================================================
    # Below this line: not the lesson. Structure, copies, to_code, and the entry checks
    # every public method makes once per call (a learner's typo gets a sentence, not a
    # numpy traceback).
    # ==================================================================================
    @property
    def n_layers(self) -> int:
        """Number of weight layers (hidden layers + 1)."""
        return len(self.layer_sizes) - 1

    @property
    def weights(self):
        """The weight matrices ``[W1, W2, ...]`` (the same arrays as in ``params``)."""
        return self.params[0::2]

    @property
    def biases(self):
        """The bias vectors ``[b1, b2, ...]`` (the same arrays as in ``params``)."""
        return self.params[1::2]

    def _activations(self):
        names = [self.activation] * (self.n_layers - 1) + [self.output_activation]
        return [get_activation(n) for n in names]

    def _gradients(self, X, y):
        """Backpropagation on a checked batch (see _backprop)."""
        return self._backprop(X, y)[0]

    def copy(self) -> "Network":
        """An independent copy with the same parameters."""
        other = Network.__new__(Network)
        other.__dict__.update(self.__dict__)
        other.params = [p.copy() for p in self.params]
        other.layer_sizes = list(self.layer_sizes)
        return other

    def __repr__(self):
        return (f"Network({self.layer_sizes}, activation={self.activation!r}, "
                f"output_activation={self.output_activation!r})")

    def to_code(self, name="network") -> str:
        """Python that rebuilds this network with its current weights, to paste into a cell.

        ``exec`` of the text (with numpy as ``np`` and nnviz imported) makes ``name``, a
        Network whose predictions equal this one's exactly: every number is written with
        ``repr``, which round-trips a float. Introduced in 07_training.
        """
        import keyword
        if not isinstance(name, str):
            raise TypeError(f"name must be a Python variable name (str) such as 'network', "
                            f"got {name!r} ({type(name).__name__}).")
        if not name.isidentifier() or keyword.iskeyword(name):
            raise ValueError(f"name must be a Python variable name such as 'network', got {name!r}.")
        self._check_params()
        lines = ["import numpy as np", "import nnviz", "",
                 f"{name} = nnviz.Network({self.layer_sizes}, activation={self.activation!r}, "
                 f"output_activation={self.output_activation!r})",
                 f"{name}.params = ["]
        for layer, (W, b) in enumerate(zip(self.weights, self.biases), start=1):
            rows = ",\n        ".join("[" + ", ".join(repr(float(v)) for v in row) + "]" for row in W)
            lines.append(f"    # W{layer}: one row per neuron of layer {layer}, one column per input")
            lines.append(f"    np.array([\n        {rows},\n    ]),")
            lines.append(f"    np.array([{', '.join(repr(float(v)) for v in b)}]),  # b{layer}")
        lines.append("]")
        return "\n".join(lines) + "\n"

    def _check_params(self):
        for i, shape in enumerate(self._param_shapes()):
            arr = self.params[i]
            if not isinstance(arr, np.ndarray) or arr.shape != shape:
                got = arr.shape if isinstance(arr, np.ndarray) else type(arr).__name__
                raise ValueError(f"params[{i}] must be an array of shape {shape}, got {got}.")
            if arr.dtype != np.float64:
                self.params[i] = arr.astype(np.float64)

    def _param_shapes(self):
        """The shapes ``params`` must have: (n_out, n_in) for each W, (n_out,) for each b."""
        for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:]):
            yield (n_out, n_in)
            yield (n_out,)

    def _check_X(self, X, name="X"):
        X = as_float_array(X, name, ndim=(1, 2))
        n_in = self.layer_sizes[0]
        if X.shape[-1] != n_in:
            raise ValueError(
                f"{name} must have {n_in} values per sample (the network has {n_in} inputs), "
                f"got shape {X.shape}."
            )
        return X

    def _check_Xy(self, X, y):
        X = self._check_X(X)
        single = X.ndim == 1
        X2 = X[None, :] if single else X
        y = as_float_array(y, "y", ndim=(0, 1, 2))
        n, n_out = X2.shape[0], self.layer_sizes[-1]
        if y.size != n * n_out:
            want = f"({n},)" if n_out == 1 else f"({n}, {n_out})"
            raise ValueError(
                f"y must hold one target per sample and output, shape {want} for X of shape "
                f"{X.shape}, got shape {y.shape}."
            )
        return X2, y.reshape(n, n_out)

    def _check_train(self, X, y, learn_rate, epochs, batch_size, shuffle, seed):
        """Network.train's arguments, checked: (X, y, learn_rate, epochs, batch_size, rng)."""
        self._check_params()
        X, y = self._check_Xy(X, y)
        learn_rate = positive_number(learn_rate, "learn_rate")
        epochs = whole_number(epochs, "epochs", minimum=0, maximum=MAX_EPOCHS,
                              why="more would run for hours")
        if batch_size is not None:
            batch_size = min(whole_number(batch_size, "batch_size"), X.shape[0])
        flag(shuffle, "shuffle")
        return X, y, learn_rate, epochs, batch_size, np.random.default_rng(_check_seed(seed))


# --- limits and entry checks --------------------------------------------------------------

#: Size limits, checked before anything is allocated: a bigger network or run would fill a
#: notebook's memory or run for hours, and the kernel would die without a word.
MAX_LAYER_SIZE = 100_000
MAX_PARAMS = 10_000_000     # 80 MB of weights and biases
MAX_EPOCHS = 1_000_000


def _checked_layer_sizes(layer_sizes):
    if isinstance(layer_sizes, (str, bytes)) or not hasattr(layer_sizes, "__len__"):
        raise TypeError(
            f"layer_sizes must be a list of whole numbers such as [2, 2, 1], got {layer_sizes!r}."
        )
    if len(layer_sizes) < 2:
        raise ValueError(
            "layer_sizes must list at least an input and an output size, such as [2, 1], "
            f"got {list(layer_sizes)!r}."
        )
    sizes = [whole_number(n, f"layer_sizes[{i}]", maximum=MAX_LAYER_SIZE,
                          why="a bigger layer would not fit in a notebook's memory")
             for i, n in enumerate(layer_sizes)]
    n_params = sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))
    if n_params > MAX_PARAMS:
        raise ValueError(f"layer_sizes {sizes} would need {n_params:,} weights and "
                         f"biases; at most {MAX_PARAMS:,} fit in a notebook's memory.")
    return sizes


def _checked_neuron(weights, bias, activation):
    weights = as_float_array(weights, "weights", ndim=1)
    if weights.size == 0:
        raise ValueError("weights must hold at least one number, got an empty list.")
    return weights, float(as_float_array(bias, "bias", ndim=0)), get_activation(activation, "activation").name


def _scalar_or_array(arr):
    return float(arr) if np.ndim(arr) == 0 else arr


def mse(y_true, y_pred) -> float:
    r"""Mean squared error :math:`L = \frac{1}{n}\sum_i (y_{true,i} - y_{pred,i})^2`.

    The mean runs over every sample and every output. Introduced in 04_loss.
    ``mse([1, 0, 0, 1], [0, 0, 0, 0])`` is 0.5: saying "0" for everyone is wrong half the time.
    """
    y_true = as_float_array(y_true, "y_true")
    y_pred = as_float_array(y_pred, "y_pred")
    if y_true.size != y_pred.size or (y_true.shape != y_pred.shape
                                      and np.squeeze(y_true).shape != np.squeeze(y_pred).shape):
        raise ValueError(
            f"y_pred must have the same shape as y_true {y_true.shape}, got shape {y_pred.shape}."
        )
    if y_true.size == 0:
        raise ValueError("y_true must hold at least one value, got an empty array.")
    return mean_squared_error(y_true.reshape(y_pred.shape), y_pred)


# --- what training hands back -------------------------------------------------------------

class DivergenceWarning(UserWarning):
    """Training stopped because the loss stopped being a finite number."""


@dataclass
class History:
    """What a call to :meth:`Network.train` did. Introduced in 07_training.

    ``loss`` holds the loss over the whole training set after each epoch. ``diverged`` is True
    when the loss stopped being a finite number, and ``message`` then says so in words.
    """

    loss: np.ndarray
    diverged: bool = False
    message: str = ""
    learn_rate: float = 0.0
    batch_size: int | None = 1

    def __post_init__(self):
        # Entry checks: made by Network.train, but a learner may build one to plot it.
        if isinstance(self.loss, (str, bytes)) or not isinstance(self.loss, (list, tuple, np.ndarray)):
            raise TypeError(f"loss must be a list of losses, one per epoch, got {self.loss!r:.60}.")
        try:
            self.loss = np.asarray(self.loss, dtype=np.float64)
        except (TypeError, ValueError):
            raise TypeError(f"loss must hold only numbers, one per epoch, got {self.loss!r:.60}.") from None
        if self.loss.ndim != 1:
            raise ValueError(f"loss must be a flat list (one loss per epoch), got shape {self.loss.shape}.")
        self.diverged = flag(self.diverged, "diverged")

    @property
    def epochs(self) -> int:
        """How many epochs ran (fewer than asked if training diverged)."""
        return int(len(self.loss))

    def __repr__(self):
        if self.diverged:
            return f"History(diverged after {self.epochs} epochs: {self.message})"
        if not self.epochs:
            return "History(no epochs)"
        return (f"History({self.epochs} epochs, loss {self.loss[0]:.4g} -> {self.loss[-1]:.4g})")


def _history(losses, epochs, learn_rate, batch_size):
    """The History of a run that asked for ``epochs``: diverged, in words, if it stopped early."""
    history = History(loss=losses, learn_rate=learn_rate, batch_size=batch_size)
    if len(losses) < epochs or (len(losses) and not np.isfinite(losses[-1])):
        history.diverged = True
        history.loss = losses[np.isfinite(losses)] if len(losses) else losses
        history.message = (
            f"Training diverged in epoch {len(losses)}: the loss became "
            f"{'infinite' if len(losses) and np.isinf(losses[-1]) else 'not a number'}, "
            f"so training stopped. The learning rate {learn_rate:g} is too large for this "
            f"problem; try a smaller one, such as {learn_rate / 10:g}."
        )
        warnings.warn(history.message, DivergenceWarning, stacklevel=3)
    return history


# --- checking backpropagation, and naming parameters as in the 2-2-1 diagram --------------

def gradient_check(network, X, y, eps=1e-5):
    r"""Compare backpropagation with central differences; returns the relative error.

    For every parameter :math:`\theta`, the numerical gradient is
    :math:`\frac{L(\theta + \epsilon) - L(\theta - \epsilon)}{2\epsilon}`. The result is
    :math:`\|g_{num} - g_{backprop}\| / \max(\|g_{num}\| + \|g_{backprop}\|, 10^{-3})`: about
    1e-9 when backpropagation is right, near 1 when it is wrong. The floor of 1e-3 is there
    because central differences cannot resolve tiny gradients (a saturated sigmoid gives
    ~1e-6): rounding in the loss already moves them by ~1e-11, so there the check compares
    absolute differences instead. Introduced in 05_backprop.
    """
    _check_network(network)
    eps = positive_number(eps, "eps")
    network._check_params()
    X, y = network._check_Xy(X, y)
    with np.errstate(over="ignore", invalid="ignore"):
        analytic = network._gradients(X, y)
        numeric = []
        for p in network.params:
            g = np.zeros_like(p)
            for i in np.ndindex(p.shape):
                old = p[i]
                p[i] = old + eps
                up = mean_squared_error(y, network._forward(X)[1][-1])
                p[i] = old - eps
                down = mean_squared_error(y, network._forward(X)[1][-1])
                p[i] = old
                g[i] = (up - down) / (2 * eps)
            numeric.append(g)
    a = np.concatenate([g.ravel() for g in analytic])
    b = np.concatenate([g.ravel() for g in numeric])
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-3))


# --- naming parameters as in the 2-2-1 diagram -------------------------------------------

def node_names(layer_sizes):
    """x1, x2 | h1, h2 | o1 for the 2-2-1 network; h1.1, h2.1, ... with several hidden layers.

    The names of the network diagram of 03_network and of the backprop steps of 05_backprop.
    Introduced in 03_network."""
    names = [[f"x{j + 1}" for j in range(layer_sizes[0])]]
    hidden = layer_sizes[1:-1]
    for layer, n in enumerate(hidden):
        prefix = "h" if len(hidden) == 1 else f"h{layer + 1}."
        names.append([f"{prefix}{j + 1}" for j in range(n)])
    names.append([f"o{j + 1}" for j in range(layer_sizes[-1])])
    return names


def param_names(network):
    """The names of a network's parameters, as in the 2-2-1 diagram: ``{"w1": (0, (0, 0)), ...}``.

    Weights are numbered w1, w2, ... through ``W1``, ``W2``, ... row by row, biases b1, b2,
    ... through ``b1``, ``b2``, ...; each name maps to ``(index into params, index in that
    array)``, in the order of ``params`` (so the names zip with the flattened gradients).
    For the 2-2-1 network: h1 = f(w1 x1 + w2 x2 + b1), h2 = f(w3 x1 + w4 x2 + b2),
    o1 = f(w5 h1 + w6 h2 + b3). Introduced in 05_backprop.
    """
    _check_network(network)
    names, n_w, n_b = {}, 0, 0
    for i, p in enumerate(network.params):
        for idx in np.ndindex(p.shape):
            if i % 2 == 0:
                n_w += 1
                names[f"w{n_w}"] = (i, idx)
            else:
                n_b += 1
                names[f"b{n_b}"] = (i, idx)
    return names


def resolve_param(network, param):
    """``"w1"`` or ``(params index, index)`` -> (name, params index, index tuple)."""
    names = param_names(network)
    if isinstance(param, str):
        choice(param, "param", names)
        return (param, *names[param])
    if isinstance(param, tuple) and len(param) == 2:
        i, idx = param
        idx = tuple(np.atleast_1d(idx).tolist())
        for name, (j, jdx) in names.items():
            if (j, jdx) == (i, idx):
                return name, j, jdx
    raise ValueError(
        f"param must be a name such as 'w1' or 'b3' (one of {', '.join(names)}) or a pair "
        f"(index into params, index in that array) such as (0, (0, 1)), got {param!r}."
    )


def params_2_2_1(values):
    r"""[W1, b1, W2, b2] from w1..w6, b1..b3: :math:`W_1 = [[w_1, w_2], [w_3, w_4]]`, :math:`W_2 = [[w_5, w_6]]`."""
    w = [values[f"w{k}"] for k in range(1, 7)]
    return [np.array([[w[0], w[1]], [w[2], w[3]]]), np.array([values["b1"], values["b2"]]),
            np.array([[w[4], w[5]]]), np.array([values["b3"]])]
