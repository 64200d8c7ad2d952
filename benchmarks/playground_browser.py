"""The training playground in a real browser: frames painted per second while playing, and
slider-to-pixels latency against a bare ipympl figure, measured in the same page.

The playground is painted in the page (``nnviz/_paint.py`` + ``_paint.js``, an anywidget:
the kernel sends a few kB of numbers a frame, the page paints them on a canvas); with
``--matplotlib`` it is drawn by matplotlib over ipympl instead, as before issue 12's view.

Run with ``python -m benchmarks.playground_browser`` from the repository root (needs ``make test-ui``'s setup:
playwright and Chromium at /usr/bin/chromium). It starts JupyterLab on 127.0.0.1 (the
browser suite's ``LabServer``), opens a notebook made for the purpose in Chromium at
1280×1000 with the file browser open (a learner's window), and runs it:

1. a playground on circles, 200 points, a 2-8-8-1 network, the network graph shown;
2. a bare ipympl figure with one line and a slider (the floor: what ipympl itself costs).

Then it measures

* **frames painted per second** while playing: play is pressed, and for ``--seconds``
  the page counts its paints (the view's ``data-painted`` counter; with ``--matplotlib``,
  every animation frame reads the canvas and each change of its pixels is a painted
  frame). The kernel counts the frames it trained; after pause, the loss curve the page
  holds (``data-epochs``) must have every epoch the kernel trained (none dropped);
* **slider-to-pixels latency**: ArrowRight on the playground's learning-rate slider and on
  the bare figure's slider, taking turns, time from the key press to the first animation
  frame whose canvas pixels differ (median of ``--presses``);
* **where a frame's time goes**: in the kernel, training, packing the numbers
  (``frame_numbers``) and handing them to the comm (``view.show``), timed with
  ``time.perf_counter``; transport, half a ping's round trip from the page to the kernel
  and back while playing; in the page, the time from a message's arrival to its paint and
  the paint itself (the view's ``data-wait-ms`` and ``data-paint-ms``). With
  ``--matplotlib``: training, updating the artists, rendering (Agg) and PNG encoding.

Targets (issue 12): at least 20 painted frames per second, latency at most 1.5× the bare
figure's. ``--screenshots DIR`` also saves what the page looked like. The machine this runs
on may be shared: the figures are what it measured then, printed with the load average.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import nbformat

from tools.browser.config import CHROMIUM, CHROMIUM_ARGS
from tools.browser.lab import LAB_JS, LabServer
VIEWPORT = {"width": 1280, "height": 1000}

CELLS = [
    "%matplotlib widget\nimport time\nimport numpy as np\nimport ipywidgets\n"
    "import matplotlib.pyplot as plt\nfrom nnviz import widgets",
    'playground = widgets.training_playground("circles", hidden="8, 8", epochs_per_frame=5,\n'
    '                                         max_epochs=100000, canvas=CANVAS)\nplayground',
    # The floor: a bare ipympl figure with one line, redrawn by a slider.
    "plt.ioff()\nfig, ax = plt.subplots(figsize=(4, 3))\nplt.ion()\nx = np.linspace(0, 6, 200)\n"
    "line, = ax.plot(x, np.sin(x))\nax.set_ylim(-2, 2)\nfig.canvas.header_visible = False\n"
    "fig.canvas.toolbar_visible = False\n"
    "slider = ipywidgets.FloatSlider(value=1.0, min=0.1, max=5.0, step=0.05, description='k')\n"
    "def move(change):\n    line.set_ydata(np.sin(change['new'] * x))\n    fig.canvas.draw()\n"
    "slider.observe(move, names='value')\nipywidgets.VBox([fig.canvas, slider])",
]

# Where a painted frame's time goes, measured inside the kernel on the same playground.
PROFILE_PAINT = r"""
import json, time
from nnviz._paint import frame_numbers
pg = playground
pg.pause(); time.sleep(0.3)
parts = {"train": [], "pack numbers (frame_numbers)": [], "hand to the comm (view.show)": [],
         "whole refresh (update: numbers, losses, panel)": []}
for _ in range(30):
    t = time.perf_counter(); pg.run.train(pg.value("epochs_per_frame")); parts["train"].append(time.perf_counter() - t)
    t = time.perf_counter(); n = frame_numbers(pg.run, pg.shown_neuron(), pg.boundary.extent)
    parts["pack numbers (frame_numbers)"].append(time.perf_counter() - t)
    t = time.perf_counter(); pg.view.show(n); parts["hand to the comm (view.show)"].append(time.perf_counter() - t)
    t = time.perf_counter(); pg.refresh(); parts["whole refresh (update: numbers, losses, panel)"].append(time.perf_counter() - t)
size = sum(len(getattr(pg.view, k)) for k in ("boundary", "weights", "neurons", "wrong")) + 8 * 5
print(json.dumps({"ms": {k: 1000 * sorted(v)[len(v) // 2] for k, v in parts.items()},
                  "frame_kB": size / 1024, "points_kB": len(pg.view.points) / 1024}))
"""

# Where a matplotlib frame's time goes, measured inside the kernel on the same playground.
PROFILE = r"""
import json, time
from io import BytesIO
from matplotlib.backends.backend_agg import FigureCanvasAgg
pg = playground
pg.pause(); time.sleep(0.3)
c = pg.figure.canvas
parts = {"train": [], "update artists": [], "render moving parts (blit)": [],
         "render everything (full draw)": [], "PNG encode": []}
for _ in range(15):
    t = time.perf_counter(); pg.run.train(pg.value("epochs_per_frame")); parts["train"].append(time.perf_counter() - t)
    t = time.perf_counter(); pg.update(); parts["update artists"].append(time.perf_counter() - t)
    t = time.perf_counter(); c.restore_region(pg._background); pg._draw_animated()
    parts["render moving parts (blit)"].append(time.perf_counter() - t)
    t = time.perf_counter(); FigureCanvasAgg.draw(c); parts["render everything (full draw)"].append(time.perf_counter() - t)
    t = time.perf_counter(); c._png_is_old = True; c._force_full = True; png = c.get_diff_image()
    parts["PNG encode"].append(time.perf_counter() - t)
pg.refresh()
print(json.dumps({"ms": {k: 1000 * sorted(v)[len(v) // 2] for k, v in parts.items()},
                  "png_kB": len(png) / 1024, "size": list(c.get_width_height())}))
"""

# Painted view: the page's own paint counter, and pings to the kernel while playing.
PAINT_FRAMES_JS = """async (seconds) => {
  const root = document.querySelector('[data-nnviz-fig="0"]');
  const before = Number(root.dataset.painted);
  const t0 = performance.now();
  const pings = [];
  while (performance.now() - t0 < seconds * 1000) {
    pings.push(await root.nnvizPing());
    await new Promise((r) => setTimeout(r, 250));
  }
  const s = (performance.now() - t0) / 1000;
  pings.sort((a, b) => a - b);
  return {painted: Number(root.dataset.painted) - before, seconds: s,
          ping_ms: pings[Math.floor(pings.length / 2)], paint_ms: Number(root.dataset.paintMs),
          wait_ms: Number(root.dataset.waitMs)};
}"""

FRAMES_JS = """(seconds) => new Promise((resolve) => {
  const canvas = document.querySelector('[data-nnviz-fig="0"] .jupyter-matplotlib-canvas-div canvas');
  const ctx = canvas.getContext('2d');
  const read = () => new Uint32Array(ctx.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
  let last = read(), painted = 0, frames = 0;
  const t0 = performance.now();
  const tick = () => {
    frames += 1;
    const now = read();
    let differs = false;
    for (let k = 0; k < now.length; k += 3) { if (now[k] !== last[k]) { differs = true; break; } }
    if (differs) { painted += 1; last = now; }
    if (performance.now() - t0 < seconds * 1000) { requestAnimationFrame(tick); }
    else { resolve({painted, animation_frames: frames, seconds: (performance.now() - t0) / 1000}); }
  };
  requestAnimationFrame(tick);
})"""


def _execute(page, code: str, name: str, timeout_s: float = 120) -> str:
    """Run ``code`` in the notebook's kernel (as a new last cell) and return its stdout."""
    page.evaluate("""async ([code, path]) => {
      const p = window.__nnviz.panel(path);
      const future = p.sessionContext.session.kernel.requestExecute({code});
      window.__nnviz.out = '';
      future.onIOPub = (msg) => {
        if (msg.header.msg_type === 'stream') { window.__nnviz.out += msg.content.text; }
        if (msg.header.msg_type === 'error') { window.__nnviz.out += msg.content.evalue; }
      };
      window.__nnviz.doneExec = false;
      future.done.then(() => { window.__nnviz.doneExec = true; });
    }""", [code, name])
    page.wait_for_function("() => window.__nnviz.doneExec", timeout=timeout_s * 1000, polling=100)
    return page.evaluate("() => window.__nnviz.out")


def _latency(page, fig: int, slider_id: str, key: str) -> float | None:
    page.evaluate("([i, q, m]) => window.__nnviz.settle(i, q, m)", [fig, 250, 5000])
    page.evaluate("([i, t]) => window.__nnviz.arm(i, t)", [fig, 5000])
    page.locator(f'[data-nnviz-slider="{slider_id}"] .noUi-handle').press(key)
    page.wait_for_function("() => window.__nnviz.probe.done", timeout=20_000, polling=50)
    r = page.evaluate("() => window.__nnviz.probeResult()")
    return r["ms"] if r["changed"] else None


def measure(seconds: float, presses: int, screenshots: Path | None, painted: bool = True) -> dict:
    from playwright.sync_api import sync_playwright

    base = Path(tempfile.mkdtemp(prefix="nnviz-bench-"))
    cells = [c.replace("CANVAS", repr("paint" if painted else "ipympl")) for c in CELLS]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebooks = base / "src"
    notebooks.mkdir()
    nbformat.write(nb, notebooks / "bench.ipynb")
    server = LabServer(base, notebooks)
    server.start()
    results: dict = {"load_average": os.getloadavg()[0], "cpus": os.cpu_count(), "painted": painted}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=VIEWPORT, service_workers="block")
            context.add_init_script(LAB_JS)
            page = context.new_page()
            page.goto(f"{server.url}/lab/workspaces/bench/tree/bench.ipynb", wait_until="domcontentloaded")
            page.wait_for_function("(p) => window.__nnviz && window.__nnviz.kernelIdle(p)",
                                   arg="bench.ipynb", timeout=120_000, polling=200)
            page.evaluate("() => window.jupyterapp.shell.expandLeft()")   # file browser open
            page.evaluate("(p) => window.__nnviz.runAll(p)", "bench.ipynb")
            page.wait_for_function("(p) => window.__nnviz.runFinished(p)", arg="bench.ipynb",
                                   timeout=240_000, polling=200)
            page.wait_for_timeout(1500)
            figures = page.evaluate("(p) => window.__nnviz.scan(p)", "bench.ipynb")
            pg_fig, bare_fig = figures[0], figures[1]
            info = page.evaluate("(i) => window.__nnviz.canvasInfo(i)", 0)
            results["canvas_css_px"] = [info["css_width"], info["css_height"]]
            results["output_width_px"] = page.evaluate(
                "() => document.querySelector('.jp-OutputArea-output').clientWidth")
            if screenshots:
                screenshots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshots / "playground-before.png"))

            # 1. frames painted per second while playing
            play = next(b for b in pg_fig["buttons"] if b["label"] == "play")
            pause = next(b for b in pg_fig["buttons"] if b["label"] == "pause")
            page.locator(f'[data-nnviz-button="{play["id"]}"]').click()
            page.wait_for_timeout(1000)                 # let it get going
            before = json.loads(_execute(page, "print(__import__('json').dumps([playground.epoch, playground.loop.frames]))", "bench.ipynb"))
            painted = page.evaluate(PAINT_FRAMES_JS if results["painted"] else FRAMES_JS, seconds)
            after = json.loads(_execute(page, "print(__import__('json').dumps([playground.epoch, playground.loop.frames]))", "bench.ipynb"))
            page.locator(f'[data-nnviz-button="{pause["id"]}"]').click()
            page.wait_for_timeout(800)
            if screenshots:
                page.screenshot(path=str(screenshots / "playground-playing.png"))
            if results["painted"]:
                page.wait_for_timeout(1000)      # the last messages arrive and paint
                held = int(page.evaluate("() => document.querySelector('[data-nnviz-fig=\"0\"]')"
                                         ".dataset.epochs"))
                epoch = json.loads(_execute(page, "print(playground.epoch)", "bench.ipynb"))
                check = [epoch, held]
                results["browser"] = {k: painted[k] for k in ("ping_ms", "paint_ms", "wait_ms")}
            else:
                check = json.loads(_execute(page, "print(__import__('json').dumps([playground.epoch, "
                                                  "len(playground.loss_curve.line.get_xdata())]))",
                                            "bench.ipynb"))
            results["epochs_kernel_vs_page"] = check
            results["fps_painted"] = painted["painted"] / painted["seconds"]
            results["fps_trained_in_kernel"] = (after[1] - before[1]) / painted["seconds"]
            results["epochs_per_second"] = (after[0] - before[0]) / painted["seconds"]
            results["loss_curve_has_every_epoch"] = check[0] == check[1]

            # 2. slider -> pixels, the playground's learning rate against the bare figure
            lr = next(s for s in pg_fig["sliders"] if s["label"].startswith("learn_rate"))
            bare = bare_fig["sliders"][0]
            pg_ms, bare_ms = [], []
            for k in range(presses):
                key = "ArrowRight" if k % 2 == 0 else "ArrowLeft"
                pg_ms.append(_latency(page, 0, lr["id"], key))
                bare_ms.append(_latency(page, 1, bare["id"], key))
            pg_ok = [v for v in pg_ms if v is not None]
            bare_ok = [v for v in bare_ms if v is not None]
            results["latency_playground_ms"] = statistics.median(pg_ok) if pg_ok else None
            results["latency_bare_ms"] = statistics.median(bare_ok) if bare_ok else None
            results["latency_ratio"] = (results["latency_playground_ms"] / results["latency_bare_ms"]
                                        if pg_ok and bare_ok else None)

            # 3. where a frame's time goes, in the kernel
            profile = PROFILE_PAINT if results["painted"] else PROFILE
            results["kernel_frame"] = json.loads(_execute(page, profile, "bench.ipynb").strip().splitlines()[-1])
            context.close()
            browser.close()
    finally:
        server.stop()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--presses", type=int, default=10)
    parser.add_argument("--screenshots", type=Path, default=None)
    parser.add_argument("--matplotlib", action="store_true",
                        help="draw the playground with matplotlib over ipympl (the old view)")
    args = parser.parse_args()
    r = measure(args.seconds, args.presses, args.screenshots, painted=not args.matplotlib)
    print(f"playground {'painted in the page (anywidget)' if r['painted'] else 'drawn by matplotlib (ipympl)'}")
    print(f"load average {r['load_average']:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, "
          f"on {r['cpus']} CPUs (a shared machine: noisy)")
    print(f"canvas {r['canvas_css_px'][0]:.0f}x{r['canvas_css_px'][1]:.0f} px in an output "
          f"{r['output_width_px']} px wide")
    print(f"playing: {r['fps_painted']:.1f} frames painted/s (target >= 20), "
          f"{r['fps_trained_in_kernel']:.1f} frames trained/s in the kernel, "
          f"{r['epochs_per_second']:.0f} epochs/s; loss curve holds every epoch: "
          f"{r['loss_curve_has_every_epoch']} (kernel {r['epochs_kernel_vs_page'][0]} epochs, "
          f"curve {r['epochs_kernel_vs_page'][1]})")
    if r["latency_ratio"]:
        print(f"slider -> pixels: playground {r['latency_playground_ms']:.0f} ms, bare ipympl figure "
              f"{r['latency_bare_ms']:.0f} ms: {r['latency_ratio']:.2f}x (target <= 1.5x)")
    k = r["kernel_frame"]
    if r["painted"]:
        b = r["browser"]
        print(f"one frame (median ms), {k['frame_kB']:.1f} kB of numbers a frame "
              f"(+ {k['points_kB']:.1f} kB of points when the data change):")
        for name, ms in k["ms"].items():
            print(f"  kernel: {name:48} {ms:7.2f}")
        print(f"  transport, kernel <-> page (half a ping's round trip while playing) {b['ping_ms'] / 2:7.2f}")
        print(f"  page: message arrival -> paint starts (animation frame)      {b['wait_ms']:7.2f}")
        print(f"  page: one paint (canvas 2D)                                  {b['paint_ms']:7.2f}")
        return
    print(f"one frame in the kernel (median ms), canvas {k['size'][0]}x{k['size'][1]}, "
          f"PNG {k['png_kB']:.0f} kB:")
    for name, ms in k["ms"].items():
        print(f"  {name:32} {ms:7.1f}")


if __name__ == "__main__":
    main()
