"""nnviz against PyTorch CPU, in one process: the seed example and a moons network.

Run with ``make bench`` (or ``python -m benchmarks.core``). PyTorch is a peer for this
benchmark only: ``pip install torch==2.13.0``. Figures are ratios measured in the same
process on the same machine, best of a few repeats, so they travel between machines better
than seconds do.

``python -m benchmarks.core --processes 5`` measures the two training workloads that must
not be the playground's bottleneck (full-batch moons 2-16-16-1, and the playground's own
mini-batch run) in separate processes instead, taking turns: a fresh process times nnviz,
the next one PyTorch, five pairs; it prints each pair's ratio and their median. In one
process the two libraries share caches and the allocator; in separate ones neither sees
the other.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


import nnviz


def best_times(fns, repeats=5):
    """Best wall time of each function over ``repeats`` rounds, the functions taking turns.

    Taking turns means a burst of load elsewhere on the machine hits both sides alike,
    and the best of several rounds is the least disturbed run of each.
    """
    best = [float("inf")] * len(fns)
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def import_time(repeats=5):
    """Seconds for ``import nnviz`` in a fresh interpreter, minus the interpreter's own start-up."""
    def run(code):
        out = subprocess.run([sys.executable, "-c",
                              f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"],
                             capture_output=True, text=True, check=True)
        return float(out.stdout)
    return min(run("import nnviz") for _ in range(repeats))


# --- the two workloads, written the way each library is normally used ------------------

def nnviz_seed():
    X, y = nnviz.data.people()
    net = nnviz.Network([2, 2, 1], seed=0)
    return net.train(X, y, learn_rate=0.1, epochs=1000, batch_size=1).loss[-1]


def nnviz_moons():
    X, y = nnviz.data.moons(1000, seed=0)
    net = nnviz.Network([2, 16, 16, 1], seed=0)
    return net.train(X, y, learn_rate=1.0, epochs=1000, batch_size=None).loss[-1]


def nnviz_playground():
    """What the playground trains: TrainingRun on circles, 2-8-8-1 tanh, 100 training and 100
    test points, mini-batches of 10, 200 epochs, with test loss and accuracies every epoch."""
    run = nnviz.TrainingRun("circles", hidden=(8, 8), activation="tanh", learn_rate=0.1,
                            batch_size=10, test_fraction=0.5, seed=0)
    return run.train(200).train_loss


def torch_playground(torch):
    run = nnviz.TrainingRun("circles", hidden=(8, 8), test_fraction=0.5, seed=0)   # the same split
    Xtr, ytr = (torch.tensor(a, dtype=torch.float32) for a in (run.X_train, run.y_train[:, None]))
    Xte, yte = (torch.tensor(a, dtype=torch.float32) for a in (run.X_test, run.y_test[:, None]))
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 8),
                                torch.nn.Tanh(), torch.nn.Linear(8, 1), torch.nn.Sigmoid())
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    mse = torch.nn.MSELoss()
    for _ in range(200):
        for start in range(0, len(Xtr), 10):     # mini-batches of 10, in order
            opt.zero_grad()
            mse(model(Xtr[start:start + 10]), ytr[start:start + 10]).backward()
            opt.step()
        with torch.no_grad():      # what the run records after each epoch
            out_tr, out_te = model(Xtr), model(Xte)
            loss = mse(out_tr, ytr).item()
            mse(out_te, yte).item()
            ((out_tr > 0.5) == (ytr > 0.5)).float().mean().item()
            ((out_te > 0.5) == (yte > 0.5)).float().mean().item()
    return loss


def torch_seed(torch):
    X, y = nnviz.data.people()
    X, y = torch.tensor(X, dtype=torch.float32), torch.tensor(y[:, None], dtype=torch.float32)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Sigmoid(),
                                torch.nn.Linear(2, 1), torch.nn.Sigmoid())
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    mse = torch.nn.MSELoss()
    losses = []
    for _ in range(1000):
        for i in range(len(X)):  # per-sample SGD, in dataset order
            opt.zero_grad()
            mse(model(X[i]), y[i]).backward()
            opt.step()
        with torch.no_grad():  # the loss over the whole set after each epoch, as nnviz records
            losses.append(mse(model(X), y).item())
    return losses[-1]


def torch_moons(torch):
    X, y = nnviz.data.moons(1000, seed=0)
    X, y = torch.tensor(X, dtype=torch.float32), torch.tensor(y[:, None], dtype=torch.float32)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.Sigmoid(),
                                torch.nn.Linear(16, 16), torch.nn.Sigmoid(),
                                torch.nn.Linear(16, 1), torch.nn.Sigmoid())
    opt = torch.optim.SGD(model.parameters(), lr=1.0)
    mse = torch.nn.MSELoss()
    losses = []
    for _ in range(1000):  # full-batch gradient descent
        opt.zero_grad()
        loss = mse(model(X), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses[-1]


def run():
    """Measure everything; return rows of dict(name, nnviz_s, peer_s, ratio, target)."""
    rows = [{"name": "import nnviz", "nnviz_s": import_time(), "peer_s": None,
             "ratio": None, "target": "< 0.3 s"}]
    try:
        import torch
    except ImportError:
        torch = None
        print("PyTorch is not installed (pip install torch==2.13.0): printing nnviz alone.")
    for name, mine, peer, target in [
        ("seed 2-2-1, per-sample SGD, 1000 epochs", nnviz_seed, torch_seed, 20.0),
        ("moons 2-16-16-1, 1000 points, full batch, 1000 epochs", nnviz_moons, torch_moons, 1.0),
        ("playground run: circles 2-8-8-1, batch 10, 200 epochs + test", nnviz_playground,
         torch_playground, 1.0),
    ]:
        if torch:
            t_mine, t_peer = best_times([mine, lambda: peer(torch)])
        else:
            (t_mine,), t_peer = best_times([mine]), None
        rows.append({"name": name, "nnviz_s": t_mine, "peer_s": t_peer,
                     "ratio": t_peer / t_mine if t_peer else None,
                     "target": f">= {target:g}x faster than PyTorch"})
    return rows


WORKLOADS = {"moons": (nnviz_moons, torch_moons,
                       "moons 2-16-16-1, 1000 points, full batch, 1000 epochs"),
             "playground": (nnviz_playground, torch_playground,
                            "playground run: circles 2-8-8-1, batch 10, 200 epochs + test")}


def _time_in_this_process(workload, library, repeats=3):
    """Best of ``repeats`` (after one warm-up run) of one workload in this process."""
    mine, peer, _ = WORKLOADS[workload]
    if library == "torch":
        import torch
        fn = lambda: peer(torch)  # noqa: E731
    else:
        fn = mine
    fn()
    return best_times([fn], repeats)[0]


def separate_processes(pairs=5):
    """Each workload in fresh processes taking turns, nnviz then PyTorch, ``pairs`` times:
    rows of dict(name, nnviz_s, peer_s, ratios)."""
    rows = []
    for workload, (_, _, name) in WORKLOADS.items():
        mine, peer = [], []
        for _ in range(pairs):
            for library, out in (("nnviz", mine), ("torch", peer)):
                code = (f"from benchmarks import core; "
                        f"print(core._time_in_this_process({workload!r}, {library!r}))")
                result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                        check=True, cwd=Path(__file__).resolve().parents[1])
                out.append(float(result.stdout.strip().splitlines()[-1]))
        rows.append({"name": name, "nnviz_s": min(mine), "peer_s": min(peer),
                     "ratios": [p / m for m, p in zip(mine, peer)]})
    return rows


def main():
    if "--processes" in sys.argv:
        pairs = int(sys.argv[sys.argv.index("--processes") + 1])
        print(f"separate processes, taking turns, {pairs} pairs; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        for r in separate_processes(pairs):
            ratios = sorted(r["ratios"])
            print(f"{r['name']:60} nnviz {r['nnviz_s'] * 1e3:7.1f} ms  PyTorch {r['peer_s'] * 1e3:7.1f} ms  "
                  f"PyTorch/nnviz median {statistics.median(ratios):.2f}x (pairs "
                  f"{', '.join(f'{x:.2f}' for x in r['ratios'])})  target >= 1x")
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
        return
    rows = run()
    print(f"{'benchmark':56} {'nnviz':>9} {'PyTorch':>9} {'speed-up':>9}  target")
    for r in rows:
        peer = f"{r['peer_s'] * 1e3:7.1f}ms" if r["peer_s"] else "        -"
        ratio = f"{r['ratio']:8.1f}x" if r["ratio"] else "        -"
        print(f"{r['name']:56} {r['nnviz_s'] * 1e3:7.1f}ms {peer} {ratio}  {r['target']}")


if __name__ == "__main__":
    main()
