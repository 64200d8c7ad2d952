"""The speed module: the same maths as ``network.py``, made faster. Not the lesson.

``network.py`` is what a learner reads (``Network._backprop``, ``Network._train_batches``);
this file holds every trick that makes training fast, and the tests check that each gives
the numbers of the plain code. :func:`train` picks the fastest path for a call of
``Network.train``:

* per-sample SGD on a narrow network: code written out neuron by neuron (below);
* batches (full or mini): :func:`train_batches`, the plain loop with two tricks, a forward
  pass reused for the loss and bias gradients summed with ``einsum``;
* before the first run, :func:`settle_allocator` (see there).

Per-sample SGD for narrow networks, written out neuron by neuron.

Why this exists: with one sample at a time the 2-2-1 network's arrays hold two numbers,
and every numpy call costs about a microsecond of overhead whatever its size. Written out
with one Python float per weight, as in the seed article's network.py, the same step is
about ten times faster. So for each network shape we write that code once (see
``source``: it is plain Python a learner can read, one line per neuron) and compile it.

The maths is exactly ``Network._gradients`` plus the update rule; the tests check that
both paths give the same weights. Learners studying backprop should read
``Network._gradients`` first: this file is an optimisation, not the lesson.
"""
from __future__ import annotations

import functools
import linecache
import math
import sys

import numpy as np

# Wider than this and numpy's vectorised path wins (and the written-out code gets long).
MAX_WIDTH = 8


def _sigmoid(z):
    # Split by sign so math.exp never overflows.
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


# activation -> (line computing a from z, expression for f'(z) written with a = f(z))
_ACTIVATION_CODE = {
    "sigmoid": ("{a} = sigmoid({z})", "{a} * (1.0 - {a})"),
    "tanh": ("{a} = tanh({z})", "(1.0 - {a} * {a})"),
    "relu": ("{a} = {z} if {z} > 0.0 else 0.0", "(1.0 if {a} > 0.0 else 0.0)"),
    "linear": ("{a} = {z}", "1.0"),
}


def supported(net) -> bool:
    """True when every layer is narrow enough for the written-out code to beat numpy."""
    return max(net.layer_sizes) <= MAX_WIDTH


def _param_names(sizes):
    # w{layer}_{neuron}_{input} and b{layer}_{neuron}, in the order of Network.params flattened.
    names = []
    for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        names += [f"w{l}_{j}_{k}" for j in range(n_out) for k in range(n_in)]
        names += [f"b{l}_{j}" for j in range(n_out)]
    return names


def _forward_lines(sizes, activations, indent):
    lines = []
    for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        a_code, _ = _ACTIVATION_CODE[activations[l - 1]]
        for j in range(n_out):
            total = " + ".join(f"w{l}_{j}_{k} * a{l - 1}_{k}" for k in range(n_in))
            lines.append(f"z{l}_{j} = {total} + b{l}_{j}")
            lines.append(a_code.format(a=f"a{l}_{j}", z=f"z{l}_{j}"))
    return [indent + line for line in lines]


@functools.lru_cache(maxsize=32)
def source(sizes: tuple, activations: tuple) -> str:
    """The Python source of per-sample SGD for one network shape, neuron by neuron."""
    L, n_out = len(sizes) - 1, sizes[-1]
    params = ", ".join(_param_names(sizes))
    inputs = ", ".join([f"a0_{k}" for k in range(sizes[0])] + [f"t_{j}" for j in range(n_out)])
    out = [f"def train(params, data, learn_rate, epochs, orders):",
           f"    {params}, = params",
           "    losses = []",
           "    for epoch in range(epochs):",
           "        for i in orders():",
           f"            {inputs}, = data[i]",
           "            # forward: z = w . a_prev + b, a = f(z)"]
    out += _forward_lines(sizes, activations, " " * 12)
    out.append("            # backward: g = dL/dz, from the output back (chain rule)")
    _, df = _ACTIVATION_CODE[activations[-1]]
    for j in range(n_out):
        a = f"a{L}_{j}"
        out.append(f"            g{L}_{j} = -2.0 * (t_{j} - {a}) / {n_out} * {df.format(a=a)}")
    for l in range(L - 1, 0, -1):
        _, df = _ACTIVATION_CODE[activations[l - 1]]
        for j in range(sizes[l]):
            back = " + ".join(f"g{l + 1}_{i} * w{l + 1}_{i}_{j}" for i in range(sizes[l + 1]))
            out.append(f"            g{l}_{j} = ({back}) * {df.format(a=f'a{l}_{j}')}")
    out.append("            # update: w <- w - learn_rate * dL/dw, with dL/dw = g * a_prev")
    for l in range(1, L + 1):
        for j in range(sizes[l]):
            for k in range(sizes[l - 1]):
                out.append(f"            w{l}_{j}_{k} -= learn_rate * g{l}_{j} * a{l - 1}_{k}")
            out.append(f"            b{l}_{j} -= learn_rate * g{l}_{j}")
    out += ["        # the loss over the whole set after this epoch",
            "        total = 0.0",
            f"        for {inputs} in data:"]
    out += _forward_lines(sizes, activations, " " * 12)
    for j in range(n_out):
        out.append(f"            total += (t_{j} - a{L}_{j}) * (t_{j} - a{L}_{j})")
    out += [f"        loss = total / (len(data) * {n_out})",
            "        losses.append(loss)",
            "        if not isfinite(loss):",
            "            break",
            f"    return [{params}], losses"]
    return "\n".join(out) + "\n"


def filename(sizes: tuple, activations: tuple) -> str:
    """The name the generated code is compiled under (and registered with ``linecache``)."""
    return f"<nnviz._fast sgd {'-'.join(map(str, sizes))} {'/'.join(activations)}>"


@functools.lru_cache(maxsize=32)
def _compiled(sizes: tuple, activations: tuple):
    namespace = {"sigmoid": _sigmoid, "tanh": math.tanh, "isfinite": math.isfinite}
    text, name = source(sizes, activations), filename(sizes, activations)
    # Registered with linecache, so a traceback through the generated code shows its lines
    # (and a debugger can step through them) instead of "line 37 of <string>".
    linecache.cache[name] = (len(text), None, text.splitlines(True), name)
    exec(compile(text, name, "exec"), namespace)
    return namespace["train"]


def train_sgd(net, X, y, learn_rate, epochs, shuffle, rng):
    """Run per-sample SGD on ``net`` in place; return the loss after each epoch."""
    activations = (net.activation,) * (net.n_layers - 1) + (net.output_activation,)
    train = _compiled(tuple(net.layer_sizes), activations)
    flat = np.concatenate([p.ravel() for p in net.params]).tolist()
    data = [tuple(row) for row in np.hstack([X, y]).tolist()]
    n = len(data)
    in_order = range(n)
    orders = (lambda: rng.permutation(n).tolist()) if shuffle else (lambda: in_order)
    flat, losses = train(flat, data, learn_rate, epochs, orders)
    # Write back into the existing arrays: explorers may hold references to them.
    start = 0
    for p in net.params:
        p[...] = np.reshape(flat[start:start + p.size], p.shape)
        start += p.size
    return np.array(losses, dtype=np.float64)


# --- batches: the plain loop with two tricks ---------------------------------------------

_allocator_settled = False


def settle_allocator():
    """Free one large block, once per process, before the first training run.

    Why: with glibc's malloc, until some block over 128 KB has been freed, freed memory at the
    top of the heap goes back to the operating system. Full-batch training makes and frees
    arrays of about that size every epoch, so each epoch faulted its memory back in: three
    times slower (moons 2-16-16-1: 510 µs per epoch against 180 µs). Freeing one large block
    raises glibc's thresholds for good, exactly as rendering any figure or loading any larger
    data set does, so training speed no longer depends on what the process did before.
    The block's pages are never touched: it costs microseconds and no memory.
    """
    global _allocator_settled
    if not _allocator_settled:
        np.empty(1 << 19)  # 4 MiB, freed at once
        _allocator_settled = True


def backprop(net, X, y):
    """``Network._backprop`` with the bias gradients summed by ``einsum`` (about 3x faster than
    ``sum(axis=0)`` on this axis). Returns the gradients and the forward pass's ``y_pred``."""
    zs, activations = net._forward(X)
    y_pred = activations[-1]
    dL_da = -2.0 * (y - y_pred) / y.size
    grads = [None] * len(net.params)
    acts = net._activations()
    for layer in reversed(range(net.n_layers)):
        z, a, a_prev = zs[layer], activations[layer + 1], activations[layer]
        dL_dz = dL_da * acts[layer].derivative_from_output(z, a)
        grads[2 * layer] = dL_dz.T @ a_prev
        grads[2 * layer + 1] = np.einsum("ij->j", dL_dz)
        if layer:
            dL_da = dL_dz @ net.params[2 * layer]
    return grads, y_pred


def _mean_squared_error():
    """``network.mean_squared_error``, the one MSE (04_loss), looked up in ``sys.modules``
    rather than imported: ``network`` imports this module, so importing it back would be a
    cycle, and a Network (all this module is given) exists only once ``network`` is loaded.
    The call costs what the inline ``np.mean((y - y_pred) ** 2)`` did (timeit, 2026-12-06)."""
    return sys.modules[__name__.rpartition(".")[0] + ".network"].mean_squared_error


def train_batches(net, X, y, learn_rate, epochs, batch_size, shuffle, rng):
    """``Network._train_batches``, faster: full batch reuses the forward pass of each step's
    backprop as the loss after the step before, and every step uses :func:`backprop`."""
    n = X.shape[0]
    losses = np.empty(epochs)
    mean_squared_error = _mean_squared_error()
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        if batch_size >= n:
            for epoch in range(epochs):
                grads, y_pred = backprop(net, X, y)
                if epoch:
                    losses[epoch - 1] = mean_squared_error(y, y_pred)
                    if not np.isfinite(losses[epoch - 1]):
                        return losses[:epoch]
                for p, g in zip(net.params, grads):
                    p -= learn_rate * g
            if epochs:
                losses[-1] = mean_squared_error(y, net._forward(X)[1][-1])
            return losses
        for epoch in range(epochs):
            order = rng.permutation(n) if shuffle else None
            for start in range(0, n, batch_size):
                if order is None:
                    Xb, yb = X[start:start + batch_size], y[start:start + batch_size]
                else:
                    idx = order[start:start + batch_size]
                    Xb, yb = X[idx], y[idx]
                grads = backprop(net, Xb, yb)[0]
                for p, g in zip(net.params, grads):
                    p -= learn_rate * g
            losses[epoch] = mean_squared_error(y, net._forward(X)[1][-1])
            if not np.isfinite(losses[epoch]):
                return losses[:epoch + 1]
    return losses


def train(net, X, y, learn_rate, epochs, batch_size, shuffle, rng):
    """What ``Network.train`` runs: the fastest path that gives the plain loop's numbers."""
    settle_allocator()
    if batch_size == 1 and supported(net):
        return train_sgd(net, X, y, learn_rate, epochs, shuffle, rng)
    return train_batches(net, X, y, learn_rate, epochs, batch_size, shuffle, rng)
