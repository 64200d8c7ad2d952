"""Time per slider change for the concept explorers: the callback plus a full Agg draw.

Run ``python -m benchmarks.explorers_concepts``; ``run()`` returns the rows for
``benchmarks/run.py``. Each change sets one control in code, as a learner's slider move
does, which runs the explorer's update; then ``fig.canvas.draw()`` renders the whole
figure with Agg, the same work ipympl does before it sends the image. Targets: median
<= 50 ms for these line-and-text figures.
"""
from __future__ import annotations

import statistics
import time

from benchmarks._report import format_table
# canvas="png" draws on an Agg canvas whatever the backend: no pyplot, no backend to set.
from nnviz import widgets

CHANGES = 50
TARGET_MS = 50.0


def _sweep(slider, n):
    """n values back and forth across the slider's range."""
    lo, hi = slider.min, slider.max
    return [lo + (hi - lo) * abs((2 * i / (n - 1)) % 2 - 1) * 0.9 + 0.05 * (hi - lo)
            for i in range(n)]


# name -> (make the explorer, control moved)
CASES = {
    "neuron_explorer": (lambda: widgets.neuron_explorer(canvas="png"), "w1"),
    "activation_explorer": (lambda: widgets.activation_explorer(canvas="png"), "w"),
    "network_explorer": (lambda: widgets.network_explorer(canvas="png"), "w1"),
    "network_explorer(xor)": (lambda: widgets.network_explorer(mode="xor", canvas="png"), "w1"),
    "loss_explorer": (lambda: widgets.loss_explorer(canvas="png"), "w1"),
}


def time_explorer(make, control, changes=CHANGES):
    """Milliseconds per change (callback + full draw): (CPU times, wall times).

    The table reports CPU time: on a shared machine, wall time mostly measures the
    neighbours. Wall medians are kept as ``median_wall_ms``.
    """
    explorer = make()
    canvas = explorer.figure.canvas
    # Time the ipympl path: the explorer updates its artists, then canvas.draw() renders.
    # (The PNG fallback would add an encode; draw() is replaced so it is not counted twice.)
    explorer.draw = lambda: None
    canvas.draw()
    cpu, wall = [], []
    for value in _sweep(explorer.controls[control], changes):
        start, start_cpu = time.perf_counter(), time.process_time()
        explorer.controls[control].value = value
        canvas.draw()
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    explorer.close()
    return cpu, wall


def run(changes=CHANGES):
    """One dict per explorer: name, median_ms and worst_ms (wall), cpu_median_ms, target_ms."""
    rows = []
    for name, (make, control) in CASES.items():
        cpu, wall = time_explorer(make, control, changes)
        rows.append({"name": name, "median_ms": statistics.median(wall), "worst_ms": max(wall),
                     "cpu_median_ms": statistics.median(cpu), "target_ms": TARGET_MS})
    return rows


if __name__ == "__main__":
    print(format_table(run()))
