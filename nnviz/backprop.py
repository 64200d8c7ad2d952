r"""Backpropagation in steps: one training example through a network, one number at a time.

Introduced in 05_backprop. :class:`BackpropSteps` turns one sample ``(x, y)`` and a
network into the sequence a learner follows with a finger on the diagram:

1. **forward**, node by node: each neuron's sum and output,
   :math:`h_1 = f(w_1 x_1 + w_2 x_2 + b_1)`, written out in numbers;
2. **the loss** :math:`L = (y_{true} - y_{pred})^2` and where the backward pass starts,
   :math:`\partial L/\partial y_{pred} = -2\,(y_{true} - y_{pred})`;
3. **backward**, weight by weight (edge by edge, output layer first, each neuron's bias after
   its weights): :math:`\partial L/\partial w` as the product of the chain rule's links, e.g.
   :math:`\frac{\partial L}{\partial w_1} = \frac{\partial L}{\partial y_{pred}}
   \cdot \frac{\partial y_{pred}}{\partial h_1} \cdot \frac{\partial h_1}{\partial w_1}`;
4. **one gradient-descent step**: :math:`w \leftarrow w - \eta\,\partial L/\partial w` for
   every weight and bias, and the loss after it.

Numpy only: every number comes from :class:`nnviz.Network`'s own forward pass
(``_forward``) and backpropagation (``gradients``), so the steps cannot disagree with the
code the notebook reads; the links of each chain are computed from the same sums and outputs,
and their product equals ``Network.gradients`` (the tests hold it to 1e-12). The figure
(``nnviz.plots.backprop_diagram``) and the explorer (``nnviz.widgets.backprop_explorer``)
only draw a :class:`BackpropSteps`.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

from ._validate import as_float_array, choice, describe, finite_number, number_in, positive_number
from ._validate import whole_number
from ._validate import network as _check_network
from .network import Network, node_names

__all__ = ["BackpropSteps", "alice_network", "MAX_PARAMS"]
# Step and StepKind are what BackpropSteps hands back (steps[9].kind is StepKind.BACKWARD),
# importable from here but never called by a learner, so not in __all__.

#: The most weights and biases a stepped network may have: one step each, and a learner
#: clicks through them one by one (the 2-2-1 network has 9).
MAX_PARAMS = 60
#: The largest input or target (in size) a step accepts, and the largest learning rate.
MAX_VALUE = 10_000.0
MAX_LEARN_RATE = 100.0


class StepKind(enum.Enum):
    """What a step of :class:`BackpropSteps` computes. Introduced in 05_backprop."""

    START = "start"          # the inputs are on the graph, nothing computed yet
    FORWARD = "forward"      # one neuron's output
    LOSS = "loss"            # the loss of this sample
    OUTPUT_ERROR = "output error"  # dL/dy_pred: where the backward pass starts
    BACKWARD = "backward"    # one weight's or bias's partial derivative
    UPDATE = "update"        # one gradient-descent step on every parameter


@dataclass(frozen=True)
class Step:
    r"""One step: what it computes (``kind``, ``target``), its ``value``, and the text.

    ``target`` is a node name (``"h1"``) for forward steps, a parameter name (``"w1"``,
    ``"b3"``) for backward steps, ``"L"`` for the loss, ``"y_pred"`` for the output error
    and ``""`` for the start and the update. ``formula`` is the step's equation in symbols
    (a second line, if any, says where its last link comes from), ``numbers`` the same equation with the numbers put in; ``factors`` are the chain rule's
    links ``(symbol, value)`` whose product is ``value`` (backward steps only).
    Introduced in 05_backprop.
    """

    kind: StepKind
    target: str
    value: float
    formula: str
    numbers: str
    factors: tuple = ()


def _square(value) -> float:
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.square(np.float64(value)))


def _num(value, digits=4) -> str:
    """A number in a written-out equation: 4 significant digits, brackets around negatives."""
    text = f"{float(value):.{digits}g}"
    if "e" in text:
        text = f"{float(value):.{digits}f}"
    text = "0" if text in ("-0", "-0.0000") else text
    return f"({text.replace('-', '−')})" if text.startswith("-") else text


def exact_text(value) -> str:
    """A step's result as the figure writes it: 6 significant digits, a true minus sign
    (Alice's dL/dw1 reads 0.0214695). Introduced in 05_backprop."""
    text = f"{float(value):.6g}"
    return "0" if text == "-0" else text.replace("-", "−")




def alice_network() -> Network:
    """The 2-2-1 network of 05_backprop: every weight 1, every bias 0 (source article A).

    With Alice (x = (-2, -1), y_true = 1) it gives h1 = 0.0474, y_pred = 0.524 and
    dL/dw1 = 0.0214695. Introduced in 05_backprop."""
    net = Network([2, 2, 1])
    net.params = [np.ones((2, 2)), np.zeros(2), np.ones((1, 2)), np.zeros(1)]
    return net


class BackpropSteps:
    r"""One training example through ``network``, step by step: forward, loss, backward, update.

    ``BackpropSteps(network, x, y, learn_rate=0.5)``: ``x`` one sample (``(n_in,)``), ``y``
    its target (one number: the network must have one output), ``learn_rate`` the
    :math:`\eta` of the final step :math:`w \leftarrow w - \eta\,\partial L/\partial w`.
    The network is copied: stepping never changes it.

    A sequence of :class:`Step`: ``len(steps)``, ``steps[k]``, ``for step in steps``. For
    the 2-2-1 network there are 16: the start, h1, h2, o1, the loss, :math:`\partial
    L/\partial y_{pred}`, nine partial derivatives (w5, w6, b3, then w1, w2, b1, w3, w4,
    b2) and the update. :meth:`shown` says what the diagram shows after step ``k``.

    ``gradients`` is ``Network.gradients(x, y)`` by name (``{"w1": 0.0214695, ...}``),
    ``params_before`` / ``params_after`` the parameters by name before and after the step,
    ``y_pred_before`` / ``y_pred_after`` and ``loss_before`` / ``loss_after`` the prediction
    and the loss of this sample. Introduced in 05_backprop.
    """

    def __init__(self, network=None, x=(-2.0, -1.0), y=1.0, learn_rate=0.5):
        network = _check_network(network, outputs=1, optional=True) or alice_network()
        sizes = network.layer_sizes
        n_params = sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))
        if n_params > MAX_PARAMS:
            raise ValueError(
                f"network must have at most {MAX_PARAMS} weights and biases to be stepped through "
                f"one by one, got layer sizes {sizes} ({n_params}); the 2-2-1 network has 9.")
        network._check_params()
        x = as_float_array(x, "x", ndim=1)
        if x.size != sizes[0]:
            raise ValueError(f"x must be one sample with {sizes[0]} values (the network has "
                             f"{sizes[0]} inputs), got {x.size} values.")
        for i, value in enumerate(x):
            number_in(value, f"x[{i}]", -MAX_VALUE, MAX_VALUE)
        if isinstance(y, (list, tuple)) and len(y) == 1:
            y = y[0]
        y = number_in(finite_number(y, "y"), "y", -MAX_VALUE, MAX_VALUE)
        self.learn_rate = positive_number(learn_rate, "learn_rate")
        number_in(self.learn_rate, "learn_rate", 0.0, MAX_LEARN_RATE)
        self.network = network.copy()
        self.x, self.y = x, y
        self.layer_sizes = list(sizes)
        self.names = node_names(sizes)
        with np.errstate(over="ignore", invalid="ignore", under="ignore", divide="ignore"):
            self._build()   # huge weights: caught below as non-finite numbers, in words

    # --- the sequence -----------------------------------------------------------------
    def __len__(self):
        return len(self.steps)

    def __getitem__(self, k):
        return self.steps[k]

    def __iter__(self):
        return iter(self.steps)

    def __repr__(self):
        return (f"BackpropSteps({len(self)} steps: loss {exact_text(self.loss_before)} -> "
                f"{exact_text(self.loss_after)} after one step with learn_rate {self.learn_rate:g})")

    def index(self, kind, target=""):
        """The number of the first step of ``kind`` (a :class:`StepKind` or its value) on
        ``target``: ``steps.index("backward", "w1")``."""
        if not isinstance(kind, StepKind):
            kind = StepKind(choice(kind, "kind", [k.value for k in StepKind]))
        if not isinstance(target, str):
            raise TypeError(f"target must be a name such as 'w1' or 'h1' (text), got {describe(target)}.")
        for k, step in enumerate(self.steps):
            if step.kind is kind and (not target or step.target == target):
                return k
        raise ValueError(f"target must name what a {kind.value} step computes, one of "
                         f"{', '.join(s.target for s in self.steps if s.kind is kind)}; "
                         f"got {target!r}.")

    def check_step(self, k, name="step"):
        """``k`` as a valid step number (0 to len - 1), or a clear error naming ``name``."""
        return whole_number(k, name, minimum=0, maximum=len(self) - 1,
                            why=f"there are {len(self)} steps, numbered 0 to {len(self) - 1}")

    def shown(self, k):
        """What the diagram shows after step ``k``: a dict with

        ``nodes`` (node name -> output computed so far; the inputs from the start),
        ``loss`` (None before the loss step), ``gradients`` (parameter name -> dL/dp computed
        so far), ``params`` (parameter name -> value: after the update on the last step,
        before it otherwise), ``moved`` (True on the update step) and ``step`` (the Step)."""
        k = self.check_step(k, "k")
        nodes, gradients, loss = {}, {}, None
        for step in self.steps[:k + 1]:
            if step.kind is StepKind.FORWARD:
                nodes[step.target] = step.value
            elif step.kind is StepKind.LOSS:
                loss = step.value
            elif step.kind is StepKind.BACKWARD:
                gradients[step.target] = step.value
        nodes = {**{n: float(v) for n, v in zip(self.names[0], self.x)}, **nodes}
        moved = self.steps[k].kind is StepKind.UPDATE
        return {"nodes": nodes, "loss": self.loss_after if moved else loss,
                "gradients": gradients, "moved": moved,
                "params": dict(self.params_after if moved else self.params_before),
                "step": self.steps[k]}

    def network_after(self) -> Network:
        """A copy of the network after the gradient-descent step."""
        net = self.network.copy()
        with np.errstate(over="ignore", invalid="ignore"):
            for p, g in zip(net.params, self._grads):
                p -= self.learn_rate * g
        return net

    # --- computing it, from Network's own forward pass and backpropagation ------------
    def _param_names(self):
        """w1, w2, ... / b1, b2, ... in the diagram's order, with (layer, neuron, input)."""
        weights, biases = [], []
        for layer, (n_in, n_out) in enumerate(zip(self.layer_sizes[:-1], self.layer_sizes[1:])):
            for j in range(n_out):
                for i in range(n_in):
                    weights.append((f"w{len(weights) + 1}", layer, j, i))
                biases.append((f"b{len(biases) + 1}", layer, j))
        return weights, biases

    def _build(self):
        net, x, y = self.network, self.x, self.y
        acts = net._activations()
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            zs, outs = net._forward(x[None, :])
            grads = net.gradients(x[None, :], [y])
        zs = [z[0] for z in zs]
        outs = [a[0] for a in outs]
        self._grads = grads
        slope = [act.derivative_from_output(z, a) for act, z, a in zip(acts, zs, outs[1:])]
        f_name = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "linear": "f"}
        n_layers = len(self.layer_sizes) - 1
        last = n_layers - 1
        y_pred = float(outs[-1][0])
        out_name = self.names[-1][0]
        weights, biases = self._param_names()
        w_of = {(l, j, i): name for name, l, j, i in weights}
        b_of = {(l, j): name for name, l, j in biases}
        self.params_before = {name: float(net.params[2 * l][j, i]) for name, l, j, i in weights}
        self.params_before.update({name: float(net.params[2 * l + 1][j]) for name, l, j in biases})
        self.gradients = {name: float(grads[2 * l][j, i]) for name, l, j, i in weights}
        self.gradients.update({name: float(grads[2 * l + 1][j]) for name, l, j in biases})
        self.params_after = {n: v - self.learn_rate * self.gradients[n]
                             for n, v in self.params_before.items()}

        def node(l, j):          # name of neuron j of weight layer l (its output)
            return "y_pred" if l == last else self.names[l + 1][j]

        steps = [Step(StepKind.START, "", 0.0,
                      "Start: the inputs are on the graph, nothing else is computed yet.",
                      "   ".join(f"{n} = {exact_text(v)}" for n, v in zip(self.names[0], x)))]
        # 1. forward, neuron by neuron
        for l in range(n_layers):
            fn = f_name[acts[l].name]
            for j in range(self.layer_sizes[l + 1]):
                name = self.names[l + 1][j]
                ins = self.names[l]
                terms = " + ".join(f"{w_of[(l, j, i)]}·{ins[i]}" for i in range(len(ins)))
                nums = " + ".join(f"{_num(net.params[2 * l][j, i])}·{_num(outs[l][i])}"
                                  for i in range(len(ins)))
                b = b_of[(l, j)]
                label = f"{name} = y_pred" if l == last and self.layer_sizes[-1] == 1 else name
                steps.append(Step(
                    StepKind.FORWARD, name, float(outs[l + 1][j]),
                    f"{label} = {fn}({terms} + {b})",
                    f"{name} = {fn}({nums} + {_num(net.params[2 * l + 1][j])}) = {fn}({_num(zs[l][j]).strip('()')})"
                    f" = {exact_text(outs[l + 1][j])}"))
        # 2. the loss, and where the backward pass starts
        self.loss_before = _square(y - y_pred)
        steps.append(Step(StepKind.LOSS, "L", self.loss_before, "L = (y_true − y_pred)²",
                          f"L = ({_num(y)} − {_num(y_pred)})² = {exact_text(self.loss_before)}"))
        dL_dypred = -2.0 * (y - y_pred)
        steps.append(Step(StepKind.OUTPUT_ERROR, "y_pred", dL_dypred,
                          "∂L/∂y_pred = −2 (y_true − y_pred)",
                          f"∂L/∂y_pred = −2 × ({_num(y)} − {_num(y_pred)}) = {exact_text(dL_dypred)}",
                          (("∂L/∂y_pred", dL_dypred),)))
        # 3. backward, layer by layer from the output: dL/da for every neuron, as Network does
        dL_da = {last: np.array([dL_dypred])}
        for l in range(last, 0, -1):
            dL_dz = dL_da[l] * slope[l]
            dL_da[l - 1] = dL_dz @ net.params[2 * l]
        for l in range(last, -1, -1):
            for j in range(self.layer_sizes[l + 1]):
                here = node(l, j)
                sl = float(slope[l][j])
                if l == last:
                    head = [("∂L/∂y_pred", dL_dypred)]
                elif l == last - 1:
                    w_out = float(net.params[2 * last][0, j])
                    head = [("∂L/∂y_pred", dL_dypred),
                            (f"∂y_pred/∂{here}", w_out * float(slope[last][0]))]
                else:    # several paths lead back here: their sum, as backpropagation hands it down
                    head = [(f"∂L/∂{here}", float(dL_da[l][j]))]
                ins = self.names[l]
                for i in range(len(ins) + 1):
                    if i < len(ins):
                        p, local = w_of[(l, j, i)], float(outs[l][i]) * sl
                        why = f"{ins[i]}·f′(sum_{self.names[l + 1][j]})"
                    else:
                        p, local, why = b_of[(l, j)], sl, f"f′(sum_{self.names[l + 1][j]})"
                    factors = tuple(head) + ((f"∂{here}/∂{p}", local),)
                    value = self.gradients[p]
                    steps.append(Step(
                        StepKind.BACKWARD, p, value,
                        f"∂L/∂{p} = " + " · ".join(s for s, _ in factors)
                        + f"\nwhere ∂{here}/∂{p} = {why}",
                        f"∂L/∂{p} = " + " × ".join(_num(v) for _, v in factors) + f" = {exact_text(value)}",
                        factors))
        # 4. one gradient-descent step
        self.y_pred_before = y_pred
        self.y_pred_after = float(self.network_after().predict(x))
        self.loss_after = _square(y - self.y_pred_after)
        numbers = [self.loss_before, self.loss_after, *self.gradients.values(),
                   *self.params_after.values()]
        if not np.all(np.isfinite(numbers)):
            raise ValueError(
                f"network's weights and biases are too large for this example: the loss or a "
                f"derivative is not a finite number (loss {self.loss_before:g}); use weights of a "
                f"few units, such as nnviz.Network({self.layer_sizes}, seed=0) gives.")
        first = weights[0][0]
        steps.append(Step(
            StepKind.UPDATE, "", self.loss_after,
            f"Every parameter steps against its derivative: w ← w − η·∂L/∂w, with η = {self.learn_rate:g}",
            f"{first} ← {_num(self.params_before[first])} − {self.learn_rate:g} × "
            f"{_num(self.gradients[first])} = {exact_text(self.params_after[first])};  "
            f"L: {exact_text(self.loss_before)} → {exact_text(self.loss_after)}"))
        self.steps = steps
