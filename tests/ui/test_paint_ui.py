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
* loads nothing from outside 127.0.0.1 (anywidget runs our ES module from the kernel).
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

import nbformat
import pytest

from tools.browser.lab import LAB_JS
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


def _kernel(page, code: str) -> str:
    """Run ``code`` in the notebook's kernel; its printed output."""
    page.evaluate("""async ([code, path]) => {
      const p = window.__nnviz.panel(path);
      const future = p.sessionContext.session.kernel.requestExecute({code});
      window.__nnviz.out = ''; window.__nnviz.doneExec = false;
      future.onIOPub = (msg) => {
        if (msg.header.msg_type === 'stream') { window.__nnviz.out += msg.content.text; }
        if (msg.header.msg_type === 'error') { window.__nnviz.out += 'ERROR ' + msg.content.evalue; }
      };
      future.done.then(() => { window.__nnviz.doneExec = true; });
    }""", [code, NAME])
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
    try:
        page.goto(f"{lab.url}/lab/workspaces/ui-paint/tree/{NAME}", wait_until="domcontentloaded")
        page.wait_for_function("(p) => window.__nnviz && window.__nnviz.kernelIdle(p)", arg=NAME,
                               timeout=120_000, polling=200)
        layout = page.evaluate("() => window.__nnviz.openFileBrowser()")
        page.wait_for_timeout(300)
        page.evaluate("(p) => window.__nnviz.runAll(p)", NAME)
        page.wait_for_function("(p) => window.__nnviz.runFinished(p)", arg=NAME, timeout=240_000,
                               polling=200)
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

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        root.scroll_into_view_if_needed()
        page.evaluate("() => document.querySelector('[data-nnviz-fig=\"0\"]').closest('.jp-Cell')"
                      ".scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENSHOTS / "paint_playground.png"))
    finally:
        context.close()
        lab.shutdown_sessions()
        (lab.root / NAME).unlink(missing_ok=True)
    assert not blocked, f"the page tried to leave 127.0.0.1: {sorted(set(blocked))}"
    assert not errors, errors

