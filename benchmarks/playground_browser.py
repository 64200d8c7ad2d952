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

**TensorFlow Playground (TFP) as a peer** (issue 18), in the same Chromium run, from its
source built with npm and served here on 127.0.0.1 (its code is never copied into this
repository). Build it once, outside the repository::

    git clone https://github.com/tensorflow/playground /somewhere/tfp
    cd /somewhere/tfp && npm install && npm run build        # makes /somewhere/tfp/dist

then point ``NNVIZ_TFP_DIR`` at it (the folder holding ``dist/``, or ``dist`` itself), or put
it at the documented default ``~/.cache/nnviz/tensorflow-playground``. Without it the
benchmark says so and measures our playground alone. For TFP it measures, per configuration
(set through TFP's URL hash state): painted frames a second (TFP draws its decision boundary
with one ``putImageData`` on its 100×100 heatmap canvas per frame; those calls are counted),
epochs a second (its epoch counter) and the time from navigation to its first painted
boundary, once before ours and once after (the load of a shared machine drifts; the mean
of the two is compared with ours). The configurations: ``plain`` (circle data, inputs x1 and x2, hidden layers 8, 8,
tanh, learning rate 0.03, batch 10, no regularisation: our playground's shape) and
``features+L2`` (the same with all seven feature inputs and L2 regularisation at 0.003).
For ours (``--features-l2``: with all seven feature inputs and L2 at 0.003 too, as TFP's
``features+L2``): the same frames and epochs as above, and the time from navigation (opening the
notebook in JupyterLab) through Run All to the playground's first painted boundary. Ratios
(ours / TFP) are printed for each configuration, with the absolute figures and the load
average. TFP trains on 250 points (500, half held back for testing), ours on 100 (200, half
for testing): training samples a second are printed too.

Targets (issue 12): at least 20 painted frames per second, latency at most 1.5× the bare
figure's. Goal (issue 18): at least 1.0× TFP's painted frames a second and 5× its epochs a
second with feature inputs and regularisation on. ``--screenshots DIR`` also saves what the page looked like. The machine this runs
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

# --- TensorFlow Playground, the peer ---------------------------------------------------------

TFP_ENV = "NNVIZ_TFP_DIR"
TFP_DEFAULT = Path.home() / ".cache" / "nnviz" / "tensorflow-playground"
TFP_BUILD_HELP = (
    "TensorFlow Playground not found: set {env} to a built copy (the folder holding dist/), "
    "or put one at {default}. Build it once, outside this repository:\n"
    "  git clone https://github.com/tensorflow/playground {default}\n"
    "  cd {default} && npm install && npm run build")
_TFP_COMMON = ("activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03"
               "&noise=0&networkShape=8,8&seed=0.1&showTestData=false&discretize=false"
               "&percTrainData=50&problem=classification&initZero=false&hideText=true"
               "&collectStats=false&x=true&y=true")
#: name -> TFP's URL hash state. All seven feature inputs and L2 in the second.
TFP_CONFIGS = {
    "plain": _TFP_COMMON + "&regularization=none&regularizationRate=0&xTimesY=false"
                           "&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false",
    "features+L2": _TFP_COMMON + "&regularization=L2&regularizationRate=0.003&xTimesY=true"
                                 "&xSquared=true&ySquared=true&cosX=true&sinX=true&cosY=true&sinY=true",
}
TFP_TRAIN_POINTS = 250            # NUM_SAMPLES_CLASSIFY = 500 in its source, percTrainData 50

# Counts TFP's boundary paints: one putImageData on the 100x100 canvas inside #heatmap per
# frame; the first one's time is "navigation -> first painted boundary" (performance.now()
# counts from the navigation's start).
TFP_INIT_JS = """(() => {
  window.__tfp = {puts: 0, first: null};
  const put = CanvasRenderingContext2D.prototype.putImageData;
  CanvasRenderingContext2D.prototype.putImageData = function (...args) {
    const c = this.canvas;
    if (c.width === 100 && c.closest && c.closest('#heatmap')) {
      window.__tfp.puts += 1;
      if (window.__tfp.first === null) { window.__tfp.first = performance.now(); }
    }
    return put.apply(this, args);
  };
})();"""

TFP_FRAMES_JS = """async (seconds) => {
  const epoch = () => Number(document.querySelector('#iter-number').textContent.replace(/,/g, ''));
  const p0 = window.__tfp.puts, e0 = epoch(), t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const s = (performance.now() - t0) / 1000;
  return {painted: window.__tfp.puts - p0, epochs: epoch() - e0, seconds: s};
}"""

# Ours: the first paint of the playground's view (data-painted >= 1), timed from navigation.
FIRST_PAINT_JS = """(() => {
  const tick = () => {
    const el = document.querySelector('.nnviz-paint');
    if (el && Number(el.dataset.painted) >= 1) { window.__nnvizFirstPaint = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();"""


def find_tfp() -> Path | None:
    """The built TFP (its ``dist`` folder, holding index.html and bundle.js), or None."""
    where = os.environ.get(TFP_ENV)
    base = Path(where).expanduser() if where else TFP_DEFAULT
    for candidate in (base / "dist", base):
        if (candidate / "index.html").is_file() and (candidate / "bundle.js").is_file():
            return candidate
    return None


class _StaticServer:
    """TFP's dist folder over HTTP on 127.0.0.1, in a thread of this process."""

    def __init__(self, root: Path):
        import functools
        import http.server
        import threading

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        handler = functools.partial(Quiet, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def _local_only(route):
    """Abort anything that would leave 127.0.0.1 (TFP asks Google for its fonts)."""
    if route.request.url.startswith("http://127.0.0.1"):
        route.continue_()
    else:
        route.abort()


def measure_tfp(browser, dist: Path, seconds: float, screenshots: Path | None) -> dict:
    """TFP in ``browser``, each configuration of TFP_CONFIGS on a fresh page."""
    server = _StaticServer(dist)
    out = {}
    try:
        for name, state in TFP_CONFIGS.items():
            context = browser.new_context(viewport=VIEWPORT, service_workers="block")
            context.route("**/*", _local_only)
            context.add_init_script(TFP_INIT_JS)
            page = context.new_page()
            page.goto(f"{server.url}/index.html#{state}", wait_until="load")
            page.wait_for_function("() => window.__tfp.first !== null", timeout=60_000, polling=50)
            first_ms = page.evaluate("() => window.__tfp.first")
            page.wait_for_timeout(500)
            page.click("#play-pause-button")
            page.wait_for_timeout(1000)                  # let it get going
            r = page.evaluate(TFP_FRAMES_JS, seconds)
            page.click("#play-pause-button")
            if screenshots:
                page.screenshot(path=str(screenshots / f"tfp-{name.replace('+', '-')}.png"))
            out[name] = {"fps_painted": r["painted"] / r["seconds"],
                         "epochs_per_second": r["epochs"] / r["seconds"],
                         "first_boundary_ms": first_ms, "hash": state}
            context.close()
    finally:
        server.stop()
    return out

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


#: ``--features-l2``: our playground with what TFP's features+L2 configuration switches on.
FEATURES_L2 = ('features=("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"), '
               'regularization="L2", reg_rate=0.003, ')


def measure(seconds: float, presses: int, screenshots: Path | None, painted: bool = True,
            tfp: Path | None = None, features_l2: bool = False) -> dict:
    from playwright.sync_api import sync_playwright

    base = Path(tempfile.mkdtemp(prefix="nnviz-bench-"))
    cells = [c.replace("canvas=CANVAS", (FEATURES_L2 if features_l2 else "") + "canvas="
                       + repr("paint" if painted else "ipympl")) for c in CELLS]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebooks = base / "src"
    notebooks.mkdir()
    nbformat.write(nb, notebooks / "bench.ipynb")
    server = LabServer(base, notebooks)
    server.start()
    results: dict = {"load_average": os.getloadavg()[0], "cpus": os.cpu_count(), "painted": painted}
    if screenshots:
        screenshots.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # The peer before and after ours (the load on a shared machine drifts): the mean of
            # the two is compared with ours.
            tfp_runs = [measure_tfp(browser, tfp, seconds, None)] if tfp is not None else []
            context = browser.new_context(viewport=VIEWPORT, service_workers="block")
            context.add_init_script(LAB_JS)
            context.add_init_script(FIRST_PAINT_JS)
            page = context.new_page()
            page.goto(f"{server.url}/lab/workspaces/bench/tree/bench.ipynb", wait_until="domcontentloaded")
            page.wait_for_function("(p) => window.__nnviz && window.__nnviz.kernelIdle(p)",
                                   arg="bench.ipynb", timeout=120_000, polling=200)
            results["lab_ready_ms"] = page.evaluate("() => performance.now()")
            page.evaluate("() => window.jupyterapp.shell.expandLeft()")   # file browser open
            page.evaluate("(p) => window.__nnviz.runAll(p)", "bench.ipynb")
            page.wait_for_function("(p) => window.__nnviz.runFinished(p)", arg="bench.ipynb",
                                   timeout=240_000, polling=200)
            if results["painted"]:
                page.wait_for_function("() => window.__nnvizFirstPaint !== undefined",
                                       timeout=120_000, polling=50)
                results["first_boundary_ms"] = page.evaluate("() => window.__nnvizFirstPaint")
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
            results["train_points"] = int(_execute(page, "print(len(playground.run.X_train))",
                                                   "bench.ipynb").strip())
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

            # 4. the peer, in the same browser, again after ours has closed its page
            if tfp is not None:
                tfp_runs.append(measure_tfp(browser, tfp, seconds, screenshots))
                results["tfp"] = {
                    name: {**{k: statistics.mean(run[name][k] for run in tfp_runs)
                              for k in ("fps_painted", "epochs_per_second", "first_boundary_ms")},
                           "runs": [run[name] for run in tfp_runs]}
                    for name in TFP_CONFIGS}
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
    parser.add_argument("--features-l2", action="store_true",
                        help="our playground with all seven feature inputs and L2 at 0.003, as TFP's features+L2")
    parser.add_argument("--no-tfp", action="store_true",
                        help="skip TensorFlow Playground, the peer (see the module docstring)")
    args = parser.parse_args()
    tfp = None if args.no_tfp else find_tfp()
    if tfp is None and not args.no_tfp:
        print(TFP_BUILD_HELP.format(env=TFP_ENV, default=TFP_DEFAULT))
        print("Measuring our playground alone.\n")
    r = measure(args.seconds, args.presses, args.screenshots, painted=not args.matplotlib, tfp=tfp,
                features_l2=args.features_l2)
    r["features_l2"] = args.features_l2
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
    if r.get("first_boundary_ms") is not None:
        print(f"navigation -> first painted boundary: {r['first_boundary_ms']:.0f} ms (JupyterLab and "
              f"the kernel ready after {r['lab_ready_ms']:.0f} ms, then Run All of the notebook)")
    if "tfp" in r:
        _print_tfp(r)
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


def _print_tfp(r):
    ours = ("our playground: circles, inputs " + ("all seven features" if r.get("features_l2") else "x1 and x2")
            + ", hidden 8, 8, tanh, learn_rate 0.1, batch 10, "
            + ("L2 at 0.003" if r.get("features_l2") else "no regularisation")
            + f", {r['train_points']} training points")
    print(f"\nTensorFlow Playground, the peer, in the same Chromium ({ours}):")
    print(f"  {'':34} {'frames painted/s':>17} {'epochs/s':>9} {'samples/s':>10} {'first boundary':>15}")
    ours_samples = r["epochs_per_second"] * r["train_points"]
    print(f"  {'ours':34} {r['fps_painted']:17.1f} {r['epochs_per_second']:9.0f} {ours_samples:10.0f} "
          f"{r.get('first_boundary_ms') or float('nan'):13.0f}ms")
    for name, t in r["tfp"].items():
        samples = t["epochs_per_second"] * TFP_TRAIN_POINTS
        runs = " / ".join(f"{run['fps_painted']:.1f}" for run in t["runs"])
        print(f"  {'TFP ' + name + ' (mean)':34} {t['fps_painted']:17.1f} {t['epochs_per_second']:9.0f} "
              f"{samples:10.0f} {t['first_boundary_ms']:13.0f}ms   (before / after ours: {runs} frames/s)")
    for name, t in r["tfp"].items():
        fps = r["fps_painted"] / t["fps_painted"] if t["fps_painted"] else float("nan")
        eps = r["epochs_per_second"] / t["epochs_per_second"] if t["epochs_per_second"] else float("nan")
        sps = ours_samples / (t["epochs_per_second"] * TFP_TRAIN_POINTS) if t["epochs_per_second"] else float("nan")
        first = (r["first_boundary_ms"] / t["first_boundary_ms"]) if r.get("first_boundary_ms") else float("nan")
        print(f"  ours / TFP {name:13}: frames painted {fps:.2f}x (goal >= 1.0x), epochs {eps:.2f}x "
              f"(goal >= 5x with features+L2), training samples {sps:.2f}x; the first boundary "
              f"takes {first:.1f}x as long (JupyterLab and a kernel against a static page)")


if __name__ == "__main__":
    main()
