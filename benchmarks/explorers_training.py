"""How fast the training explorers answer: time per control change, callback + full redraw.

Run with ``python -m benchmarks.explorers_training``. Each case changes one control (or
presses a button) about 50 times and times the explorer's callback plus a full Agg draw
of its canvas, ``fig.canvas.draw()``: what the ipympl canvas does before it sends the
picture to the browser. The explorers are built with ``canvas="png"`` (no browser here)
and their ``draw`` is pointed at ``fig.canvas.draw()``, so PNG encoding is not counted.
Targets: 50 ms median for line-only frames (the gradient and bumpy explorers), 80 ms for contour and decision-boundary
frames, 15 frames per second for the playground on 200 points.
"""
from __future__ import annotations

import os
import time

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402

from benchmarks._report import format_table  # noqa: E402
from nnviz._widgets_training import descent_explorer, gradient_explorer, training_playground  # noqa: E402


def _agg_draw(explorer):
    """Draw the way the ipympl canvas does (render with Agg), without PNG encoding."""
    explorer.draw = explorer.figure.canvas.draw
    return explorer


def _time(change, n=50):
    """Wall and CPU milliseconds for each of n calls of ``change(i)`` (the callback draws).

    CPU time (this process only) is reported beside wall time because a shared machine's
    other work inflates wall time; on an idle machine the two agree.
    """
    wall, cpu = [], []
    for i in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        change(i)
        wall.append((time.perf_counter() - start) * 1000.0)
        cpu.append((time.process_time() - start_cpu) * 1000.0)
    return np.array(wall), np.array(cpu)


def _row(name, times, target_ms):
    wall, cpu = times
    return dict(name=name, median_ms=float(np.median(wall)), worst_ms=float(wall.max()),
                target_ms=target_ms, cpu_median_ms=float(np.median(cpu)))


def descent_line(n=50):
    """Line problem: learning-rate slider moves, path on the contours + line fit + loss per step."""
    ex = _agg_draw(descent_explorer("line", canvas="png"))
    ex.step(50)
    rates = np.geomspace(0.005, 0.3, n)
    times = _time(lambda i: setattr(ex.controls["learn_rate"], "value", float(rates[i])), n)
    ex.close()
    return _row("descent_explorer line: learn_rate change", times, 80.0)


def descent_line_step(n=50):
    """Line problem: the step button, one step at a time."""
    ex = _agg_draw(descent_explorer("line", learn_rate=0.05, canvas="png"))
    times = _time(lambda i: ex.controls["step"].click(), n)
    ex.close()
    return _row("descent_explorer line: step button", times, 80.0)


def descent_bumpy(n=50):
    """1-D problem: start-point slider moves, path on the curve (lines only)."""
    ex = _agg_draw(descent_explorer("bumpy", canvas="png"))
    ex.step(50)
    starts = np.linspace(-2.0, 2.0, n)
    times = _time(lambda i: setattr(ex.controls["w"], "value", float(starts[i])), n)
    ex.close()
    return _row("descent_explorer bumpy: start w change", times, 50.0)


def gradient_value(n=50):
    """05's gradient explorer: the value slider moves; curve, dot and tangent over all four people."""
    ex = _agg_draw(gradient_explorer(canvas="png"))
    values = np.linspace(-2.5, 2.5, n)
    times = _time(lambda i: setattr(ex.controls["value"], "value", float(values[i])), n)
    ex.close()
    return _row("gradient_explorer: parameter value change", times, 50.0)


def playground_frame(n=50, dataset="moons", batch_size=10):
    """One playground frame on 200 points, 2-8-8-1: train epochs_per_frame epochs, redraw the
    boundary, the network graph (19 neuron pictures) and both loss curves, all of it (Agg)."""
    pg = _agg_draw(training_playground(dataset, hidden="8, 8", batch_size=batch_size, canvas="png",
                                       max_epochs=100000))
    return _frames_row(pg, "training_playground frame", dataset, n, 1000.0 / 15)


def _frames_row(pg, name, dataset, n, target_ms):
    """Time n frames of playground ``pg`` (train_frames(1) each) as a row with its fps."""
    times = _time(lambda i: pg.train_frames(1), n)
    pg.close()
    row = _row(f"{name} ({dataset}, 200 points, {pg.value('epochs_per_frame')} epochs, "
               f"batch {pg.value('batch_size')})", times, target_ms)
    row["fps"] = 1000.0 / row["median_ms"]
    return row


def playground_painted_frame(n=50, dataset="moons", batch_size=10):
    """The kernel's side of one frame of the playground painted in the page (nnviz/_paint.py):
    train, turn the run into numbers and hand them to the comm. The page paints them in ~3 ms
    (benchmarks/playground_browser.py measures the whole way to the screen)."""
    try:
        import anywidget  # noqa: F401
    except ImportError:
        return None
    pg = training_playground(dataset, hidden="8, 8", batch_size=batch_size, canvas="paint",
                             max_epochs=100000)
    return _frames_row(pg, "training_playground painted frame, kernel side", dataset, n, 1000.0 / 20)


def run():
    """Every case as a list of dict(name, median_ms, worst_ms, target_ms, cpu_median_ms[, fps])."""
    rows = [gradient_value(), descent_line(), descent_line_step(), descent_bumpy(), playground_frame(),
            playground_frame(batch_size=1), playground_painted_frame()]
    return [r for r in rows if r is not None]


def main():
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(format_table(run()))

if __name__ == "__main__":
    main()
