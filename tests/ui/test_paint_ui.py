"""The training playground painted in the page (nnviz/_paint.py, _paint.js), in Chromium.

JupyterLab at 1280×1000 with the file browser open, as a learner sees it. A notebook made
for the test runs a 2-8-8-1 playground on circles; then the test checks, by reading the
canvas's pixels and the view's counters, that the painted view

* draws (not blank), at 820×600 inside the output column, nothing cut off;
* changes its pixels when a slider moves (the learning rate: the loss title says η);
* animates while playing (the page counts its paints), and after pause holds every epoch
  the kernel trained;
* adds a point where the plane is clicked, of the class chosen, and shows a hidden neuron
  large when the pointer rests on it;
* takes a weight typed on a clicked edge, a neuron more from + under the graph, "stop at
  epoch" on Enter, and puts the shared state in the page's address (#nnviz=...);
* loads nothing from outside 127.0.0.1 (anywidget runs our ES module from the kernel).
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

import nbformat
import pytest

from tools.browser.lab import LAB_JS, run_notebook
from tools.browser.config import SCREENSHOTS

NAME = "paint_playground.ipynb"
CELLS = [
    "%matplotlib widget\nfrom nnviz import widgets",
    'playground = widgets.training_playground("circles", hidden="8, 8")\nplayground',
]
# A checksum of the painted canvas's pixels (a hover starts no probe: no key, no pointer press).
CHECKSUM = """() => {
  const c = document.querySelector('[data-nnviz-fig="0"] canvas');
  const px = new Uint32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
  let h = 0;
  for (let k = 0; k < px.length; k += 1) { h = (h * 31 + px[k]) | 0; }
  return h;
}"""
# Where things are on the painted canvas (CSS px from its top left; nnviz/_paint.js).
PLANE = (58, 30, 330, 318)


def _kernel(page, code: str, name: str = NAME) -> str:
    """Run ``code`` in notebook ``name``'s kernel; its printed output."""
    page.evaluate("""async ([code, path]) => {
      const p = window.__nnviz.panel(path);
      const future = p.sessionContext.session.kernel.requestExecute({code});
      window.__nnviz.out = ''; window.__nnviz.doneExec = false;
      future.onIOPub = (msg) => {
        if (msg.header.msg_type === 'stream') { window.__nnviz.out += msg.content.text; }
        if (msg.header.msg_type === 'error') { window.__nnviz.out += 'ERROR ' + msg.content.evalue; }
      };
      future.done.then(() => { window.__nnviz.doneExec = true; });
    }""", [code, name])
    page.wait_for_function("() => window.__nnviz.doneExec", timeout=60_000, polling=100)
    return page.evaluate("() => window.__nnviz.out").strip()


def _changes(page, action, timeout_ms=5000) -> dict:
    """Do ``action`` and wait until the painted canvas's pixels change (or time out)."""
    page.evaluate("([i, q, m]) => window.__nnviz.settle(i, q, m)", [0, 250, 5000])
    page.evaluate("([i, t]) => window.__nnviz.arm(i, t)", [0, timeout_ms])
    action()
    page.wait_for_function("() => window.__nnviz.probe.done", timeout=timeout_ms + 10_000, polling=50)
    return page.evaluate("() => window.__nnviz.probeResult()")


def test_the_painted_playground_draws_moves_plays_and_takes_clicks(lab, browser):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, lab.root / NAME)
    blocked = []

    def route(r):
        url = r.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            blocked.append(url)
            r.abort("blockedbyclient")

    context = browser.new_context(viewport={"width": 1280, "height": 1000}, service_workers="block")
    context.add_init_script(LAB_JS)
    context.route("**/*", route)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    try:
        layout = run_notebook(page, lab, NAME, "ui-paint", file_browser=True)
        figures = page.evaluate("(p) => window.__nnviz.scan(p)", NAME)
        assert len(figures) == 1 and figures[0]["in_explorer"], figures
        root = page.locator('[data-nnviz-fig="0"]')
        assert "nnviz-paint" in root.get_attribute("class")     # painted, not matplotlib
        page.wait_for_function("() => { const c = window.__nnviz.canvasInfo(0); return c.exists && !c.blank; }",
                               timeout=30_000, polling=100)
        info = page.evaluate("() => window.__nnviz.canvasInfo(0)")
        assert (info["css_width"], info["css_height"]) == (820, 600), info
        fit = page.evaluate("(p) => window.__nnviz.overflows(p)", NAME)
        assert layout["file_browser_visible"] and not fit["overflows"], (layout, fit)
        assert int(root.get_attribute("data-painted")) >= 1

        # A slider changes the pixels: the learning rate shows in the loss title.
        lr = next(s for s in figures[0]["sliders"] if s["label"].startswith("learn_rate"))
        handle = page.locator(f'[data-nnviz-slider="{lr["id"]}"] .noUi-handle')
        moved = _changes(page, lambda: handle.press("ArrowRight"))
        assert moved["changed"], moved
        assert float(_kernel(page, "print(playground.run.learn_rate)")) == pytest.approx(10 ** -0.95)

        # Play animates: the page paints frame after frame; after pause it holds every epoch.
        buttons = {b["label"]: b["id"] for b in figures[0]["buttons"]}
        painted = int(root.get_attribute("data-painted"))
        page.locator(f'[data-nnviz-button="{buttons["play"]}"]').click()
        page.wait_for_timeout(2500)
        page.locator(f'[data-nnviz-button="{buttons["pause"]}"]').click()
        page.wait_for_timeout(1500)
        assert int(root.get_attribute("data-painted")) - painted >= 10
        epochs = int(_kernel(page, "print(playground.epoch)"))
        assert epochs >= 50
        page.wait_for_function(f"() => document.querySelector('[data-nnviz-fig=\"0\"]').dataset.epochs === '{epochs}'",
                               timeout=10_000, polling=100)

        # A click on the plane adds a point of the chosen class.
        page.locator(".widget-dropdown", has_text="a click adds").locator("select").select_option(
            label="class 1 (blue ■)")
        page.wait_for_timeout(500)
        canvas = root.locator("canvas")
        page.evaluate("() => document.querySelector('[data-nnviz-fig=\"0\"]').scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        box = canvas.bounding_box()
        at = (box["x"] + PLANE[0] + 40, box["y"] + PLANE[1] + 40)
        clicked = _changes(page, lambda: page.mouse.click(*at))
        assert clicked["changed"], clicked
        added = json.loads(_kernel(page, "import json; X, y = playground.run.added; "
                                         "print(json.dumps([X.tolist(), y.tolist(), playground.boundary.extent]))"))
        (x1, x2), = added[0]
        assert added[1] == [1.0]
        assert x1 < 0 < x2           # the top left of the plane: negative x1, positive x2

        # The pointer resting on a hidden neuron shows it large on the left.
        # 2-8-8-1: layer 1's first neuron is at graph x = 1.6, the top row (nnviz/_paint.js).
        gx = 420 + (1.6 + 0.96) / (3 * 1.6 + 0.36 + 0.7 + 0.96) * 390
        gy = 30 + (7.56 - 7) / 8.12 * 318
        before = page.evaluate(CHECKSUM)
        page.mouse.move(box["x"] + gx, box["y"] + gy)
        page.wait_for_function(f"() => ({CHECKSUM})() !== {before}", timeout=10_000, polling=100)
        page.wait_for_timeout(500)
        assert _kernel(page, "print(playground.shown_neuron(), playground.view.titles[0])") == \
            "(1, 0) layer 1, neuron 1: its output"
        page.mouse.move(box["x"] + 5, box["y"] + 590)
        page.wait_for_timeout(500)
        assert _kernel(page, "print(playground.shown_neuron())") == "output"

        # Issue 18: click an edge and type a weight (the page asks with a prompt).
        # 2-8-8-1: the edge from layer 2's top neuron to the output is weight 16 + 64 + 0 = 80.
        sx, sy = 390 / (3 * 1.6 + 0.36 + 0.7 + 0.96), 318 / 8.12
        half = min(sx, sy, 88) * 0.72 / 2
        gpx = (lambda x: 420 + (x + 0.96) * sx)
        gpy = (lambda y: 30 + 318 - (y + 0.56) * sy)
        ex = (gpx(3.2) + half + gpx(4.8) - half) / 2
        ey = (gpy(7) + gpy(3.5)) / 2
        page.once("dialog", lambda dialog: dialog.accept("1.5"))
        page.mouse.click(box["x"] + ex, box["y"] + ey)
        page.wait_for_timeout(800)
        assert _kernel(page, "print(playground.network.weights[2][0, 0])") == "1.5"
        # + under hidden layer 1 adds a neuron there (a new network 2-9-8-1).
        page.mouse.click(box["x"] + gpx(1.6) + 2 + 7.5, box["y"] + 30 + 318 + 6 + 7.5)
        page.wait_for_timeout(800)
        assert _kernel(page, "print(playground.run.hidden)") == "(9, 8)"
        # "stop at epoch": a number typed and Enter applies it, without leaving the box.
        stop = page.locator(".widget-text", has_text="stop at epoch").locator("input")
        stop.fill("123")
        stop.press("Enter")
        page.wait_for_timeout(800)
        assert _kernel(page, "print(playground.run.max_epochs)") == "123"
        # "share this run" puts the run's state in the page's address: the link to it.
        _kernel(page, "playground.inspect.selected_index = 2")     # as a click on its title does
        page.wait_for_function("() => window.location.hash.startsWith('#nnviz=nnviz-run-1:')",
                               timeout=10_000, polling=100)
        shared = page.evaluate("() => decodeURIComponent(window.location.hash.slice(7))")
        assert _kernel(page, "print(playground.state())") == shared

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        root.scroll_into_view_if_needed()
        page.evaluate("() => document.querySelector('[data-nnviz-fig=\"0\"]').closest('.jp-Cell')"
                      ".scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / "paint_playground.png"))
        # The controls under the picture, as the learner scrolls to them.
        page.evaluate("() => document.querySelector('[data-nnviz-fig=\"0\"]').closest('.jp-Cell')"
                      ".querySelector('.widget-progress, .widget-inline-hbox').scrollIntoView({block: 'center'})")
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / "paint_playground_controls.png"))
        fit = page.evaluate("(p) => window.__nnviz.overflows(p)", NAME)
        assert not fit["overflows"], fit
        # "show gradients" and "discretize output" change the painted picture.
        for label in ("show gradients", "discretize output"):
            toggled = _changes(page, lambda: page.locator(".widget-checkbox", has_text=label)
                               .locator("input").check())
            assert toggled["changed"], (label, toggled)
        page.evaluate("() => document.querySelector('[data-nnviz-fig=\"0\"]').closest('.jp-Cell')"
                      ".scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / "paint_playground_gradients.png"))
        widget_errors = page.evaluate("(p) => window.__nnviz.widgetErrors(p)", NAME)
        broken = page.locator(".jp-OutputArea-output", has_text="javascript error").count()
        assert not widget_errors and not broken, (widget_errors, console[-5:])    # every control drawn
    finally:
        context.close()
        lab.shutdown_sessions()
        (lab.root / NAME).unlink(missing_ok=True)
    assert not blocked, f"the page tried to leave 127.0.0.1: {sorted(set(blocked))}"
    assert not errors, errors



REGRESSION_NAME = "paint_regression.ipynb"
# One pixel of the painted canvas (CSS px from its top left) as [r, g, b].
PIXEL = """([x, y]) => {
  const c = document.querySelector('[data-nnviz-fig="0"] canvas');
  const k = c.width / c.getBoundingClientRect().width;
  return Array.from(c.getContext('2d').getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data.slice(0, 3));
}"""


def test_switching_to_regression_repaints_the_plane_by_value_and_changes_the_readout(lab, browser):
    """Issue 18: the problem dropdown turns the playground to regression: the plane is
    painted by value (orange low, blue high), the readout gives the typical error √MSE in
    the target's units instead of the share right, and the loss title says its units."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in (
        CELLS[0], 'playground = widgets.training_playground("circles", hidden="")\nplayground')])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, lab.root / REGRESSION_NAME)
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, service_workers="block")
    context.add_init_script(LAB_JS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        layout = run_notebook(page, lab, REGRESSION_NAME, "ui-paint-reg", file_browser=True)
        page.evaluate("(p) => window.__nnviz.scan(p)", REGRESSION_NAME)
        page.wait_for_function("() => { const c = window.__nnviz.canvasInfo(0); return c.exists && !c.blank; }",
                               timeout=30_000, polling=100)
        cell = page.locator('[data-nnviz-fig="0"]').locator("xpath=ancestor::div[contains(@class,'jp-Cell')][1]")
        assert "right, train" in cell.inner_text()
        L, T, W, H = PLANE
        corners = ((L + W - 6, T + 6), (L + 6, T + H - 6))          # top right, bottom left
        before = [page.evaluate(PIXEL, list(xy)) for xy in corners]
        checksum = page.evaluate(CHECKSUM)        # a select fires no key or pointer: no probe
        page.locator(".widget-dropdown", has_text="problem").locator("select").select_option("regression")
        page.wait_for_function(f"() => ({CHECKSUM})() !== {checksum}", timeout=15_000, polling=100)
        said = _kernel(page, "print(playground.run.problem, playground.run.dataset, playground.run.output)",
                       REGRESSION_NAME)
        assert said == "regression plane linear"
        # Train: one linear neuron learns y = (x1 + x2)/2; the page repaints by value.
        _kernel(page, "playground.train_frames(60)", REGRESSION_NAME)
        page.wait_for_function("() => document.querySelector('[data-nnviz-fig=\"0\"]').closest('.jp-Cell')"
                               ".innerText.includes('typical error √MSE')", timeout=20_000, polling=100)
        page.wait_for_timeout(800)
        text = cell.inner_text()
        assert "right, train" not in text and "typical error √MSE is" in text
        error = float(_kernel(page, "print(round(playground.run.typical_error()[0], 3))", REGRESSION_NAME))
        assert f"±{error:.3g}" in text and 0.09 < error < 0.12
        title = _kernel(page, "print(playground.view.titles[2])", REGRESSION_NAME)
        assert "(MSE, target's units²)" in title
        assert "loss: mean squared error, in the target's units squared" in text
        top_right, bottom_left = [page.evaluate(PIXEL, list(xy)) for xy in corners]
        assert top_right[2] > top_right[0] + 60, top_right        # high values: blue
        assert bottom_left[0] > bottom_left[2] + 60, bottom_left  # low values: orange
        # before, untrained on circles, both corners were one pale colour
        assert abs(before[0][0] - before[1][0]) < 30 and abs(before[0][2] - before[1][2]) < 30, before
        fit = page.evaluate("(p) => window.__nnviz.overflows(p)", REGRESSION_NAME)
        assert layout["file_browser_visible"] and not fit["overflows"], (layout, fit)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("() => document.querySelector('[data-nnviz-fig=\"0\"]').closest('.jp-Cell')"
                      ".scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / "paint_playground_regression.png"))
        page.evaluate("() => document.querySelector('[data-nnviz-fig=\"0\"]').closest('.jp-Cell')"
                      ".querySelector('table').scrollIntoView({block: 'center'})")
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / "paint_playground_regression_readout.png"))
    finally:
        context.close()
        lab.shutdown_sessions()
        (lab.root / REGRESSION_NAME).unlink(missing_ok=True)
    assert not errors, errors
