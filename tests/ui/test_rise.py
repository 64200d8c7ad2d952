"""Presenting live with RISE (jupyterlab-rise): the slideshow of a notebook, with a working slider.

``test_rise_slideshow_moves_and_its_slider_redraws`` opens notebook 00 in JupyterLab, runs it,
selects its first cell and starts the slideshow the way a teacher does (the ``RISE:slideshow``
command, "Render as slideshow" in the notebook toolbar, which opens ``/rise/<notebook>`` in a
new tab). It checks that reveal.js shows the first slide, that ArrowRight goes to the next one,
goes on to the slide with the slider explorer, saves a screenshot of it at 1280x800
(tests/ui/screenshots/rise_explorer.png) and checks that the slider and the whole figure are
inside the window, then presses ArrowRight on the slider: the canvas must redraw, the slider's
value must change and the slide must stay. The widget manager must have started on the
slideshow page (none of WIDGET_FAILURES in its console).
``test_rise_beside_the_notebook_moves_and_its_slider_redraws`` does the same with the RISE
button of the notebook's toolbar (``RISE:preview``, Alt+R), which shows the slideshow in a panel
beside the notebook: reveal.js's "next" arrow to the explorer slide, an arrow key on its slider.

Two things of ours make this work (docs/teaching.md, "Presenting live with RISE"):

- tools/rise/labextension (the JupyterLab extension nnviz-rise-shim, installed by make and by
  ``pip install .``). (1) The slideshow page is jupyterlab-rise's own small app, and no
  release (0.40.0 to 0.43.1) includes @jupyterlab/console, which the widget manager of
  ipywidgets 8.1.3+ (jupyterlab_widgets 3.0.11+) asks for (only for an optional token):
  without the shim the widget manager fails to load there ("Shared module @jupyterlab/console
  doesn't exist in shared scope default"), jupyter-matplotlib cannot start, and every widget
  stays a line of text (jupyterlab-contrib/rise#119). The shim gives the page that token.
  (2) It keeps the arrow keys on a focused widget: otherwise JupyterLab's "next heading"
  shortcut and reveal.js take them and go to another slide, and the slider never moves.
- notebooks/rise.css (RISE reads it for the notebooks of that folder): a cell showing an
  interactive figure shows only its output on a slide, so the explorer fits 1280x800.

``test_without_the_shim_the_widget_manager_fails`` keeps the diagnosis honest: with the shim's
file blocked, the slideshow page must log the old failure. When a jupyterlab-rise release
ships @jupyterlab/console it fails, and part (1) of the shim can go.

Known and harmless: jupyterlab-rise 0.43.1 logs "RangeError: Maximum call stack size
exceeded" a few dozen times on every slideshow, with or without widgets or the shim (from the
design tokens of the FAST web components bundled in its app; 0.42.0 does not). The slides
work; the test does not count it. RISE's default reveal.js theme ("simple") loads its fonts
from a font CDN; every notebook asks for the "white" theme in its metadata, whose fonts are
bundled, and the tests fail on any request that leaves the machine.
"""
from __future__ import annotations

from tools.browser.lab import LAB_JS, open_and_run
from tools.browser.config import SCREENSHOTS

NOTEBOOK = "00_start_here.ipynb"
SHIM_URL = "/lab/extensions/nnviz-rise-shim/"
PRESENT = ".reveal .slides section.present"
# What the widget manager or jupyter-matplotlib log when they fail on the slideshow page.
WIDGET_FAILURES = ("doesn't exist in shared scope", "Failed to create module", "failed to activate",
                   "No provider for")
# The pictures of the notebook's own ipympl figures (not RISE's copies), as PNG data URLs.
NOTEBOOK_CANVASES_JS = """() => [...document.querySelectorAll(
    '.jp-NotebookPanel .jupyter-matplotlib-canvas-div canvas:first-child')].map(c => c.toDataURL())"""
# Where the explorer's parts are on the page, as [left, top, right, bottom].
BOXES_JS = """() => {
    const box = (s) => { const e = document.querySelector(s); if (!e) return null;
        const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
    return {window: [0, 0, innerWidth, innerHeight],
            slider: box('.reveal section.present .widget-slider'),
            figure: box('.reveal section.present .jupyter-matplotlib-figure')};
}"""


def _watch(page) -> list[str]:
    """Console errors and warnings of a page, as they arrive."""
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text[:300]) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: messages.append(str(e)[:300]))
    return messages


def _start_slideshow(context, page):
    """Save the notebook, select its first cell, run RISE:slideshow: the new tab's page."""
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.evaluate("() => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = 0; }")
    with context.expect_page(timeout=30_000) as opened:
        page.evaluate("() => window.jupyterapp.commands.execute('RISE:slideshow')")
    show = opened.value
    return show, _watch(show)


def _slide_text(show) -> str:
    return show.locator(PRESENT).first.inner_text()


def _pixels(canvas) -> str:
    """What the canvas element holds (its bitmap as a PNG data URL), wherever it is on screen.

    Not a screenshot: in the RISE panel beside the notebook the figure may reach below the
    panel, and a screenshot of it then scrolls the slide to show it, and catches whatever the
    slide's scroll shows at that instant (a canvas shifted by 12 px read as a redraw, in CI)."""
    return canvas.evaluate("(c) => c.toDataURL()")


def _settled(page, canvas, timeout_ms=15_000) -> str:
    """The canvas's pixels once they stay the same for 0.5 s (the first frames have landed)."""
    last = _pixels(canvas)
    while timeout_ms > 0:
        page.wait_for_timeout(500)
        timeout_ms -= 500
        now = _pixels(canvas)
        if now == last:
            return now
        last = now
    return last


def _inside(box, window) -> bool:
    return box is not None and box[0] >= window[0] and box[1] >= window[1] \
        and box[2] <= window[2] and box[3] <= window[3]


def _outside_requests(context, lab) -> list[str]:
    """Requests of any page in ``context`` that leave the machine (open_and_run refuses them)."""
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
        (lab.url, "data:", "blob:")) else None)
    return outside


def test_rise_slideshow_moves_and_its_slider_redraws(lab, browser):
    context, page = open_and_run(browser, lab, NOTEBOOK, "rise", {"width": 1280, "height": 800})
    outside = _outside_requests(context, lab)
    try:
        show, messages = _start_slideshow(context, page)
        show.wait_for_selector(PRESENT, timeout=60_000)
        first = _slide_text(show)
        assert "00 · Start here" in first, f"the slideshow did not open on the first slide: {first[:80]!r}"

        show.keyboard.press("ArrowRight")
        show.wait_for_function("(t) => document.querySelector('.reveal .slides section.present')"
                               ".innerText !== t", arg=first, timeout=10_000)
        second = _slide_text(show)
        assert "How the series works" in second, f"ArrowRight did not go to the next slide: {second[:80]!r}"

        # On to the slide with the slider explorer (the fourth of notebook 00).
        for _ in range(6):
            if "A slider that moves a picture" in _slide_text(show):
                break
            show.keyboard.press("ArrowRight")
            show.wait_for_timeout(400)
        slide = _slide_text(show)
        assert "A slider that moves a picture" in slide, f"never reached the explorer slide: {slide[:80]!r}"
        handle = show.locator(f"{PRESENT} .noUi-handle").first
        canvas = show.locator(f"{PRESENT} canvas").first
        readout = show.locator(f"{PRESENT} .widget-readout").first
        try:
            handle.wait_for(state="visible", timeout=30_000)
            canvas.wait_for(state="visible", timeout=30_000)
        except Exception:
            raise AssertionError(f"no slider or canvas on the explorer slide; the slideshow page "
                                 f"logged: {messages[:5]}") from None
        show.wait_for_timeout(500)  # the slide transition

        SCREENSHOTS.mkdir(exist_ok=True)
        show.screenshot(path=str(SCREENSHOTS / "rise_explorer.png"))
        boxes = show.evaluate(BOXES_JS)
        assert _inside(boxes["slider"], boxes["window"]), f"the slider is cut off at 1280x800: {boxes}"
        assert _inside(boxes["figure"], boxes["window"]), f"the figure is cut off at 1280x800: {boxes}"

        before, value = _pixels(canvas), readout.inner_text()
        handle.press("ArrowRight")
        show.wait_for_function("(v) => document.querySelector('.reveal section.present .widget-readout')"
                               ".innerText !== v", arg=value, timeout=5_000)
        assert "A slider that moves a picture" in _slide_text(show), \
            "ArrowRight on the slider went to another slide"
        deadline_ms, redrawn = 5_000, False
        while deadline_ms > 0 and not redrawn:
            show.wait_for_timeout(250)
            deadline_ms -= 250
            redrawn = _pixels(canvas) != before
        assert redrawn, f"moving the slider ({value} -> {readout.inner_text()}) did not redraw the canvas"
        failures = [m for m in messages if any(f in m for f in WIDGET_FAILURES)]
        assert not failures, failures[:3]
        assert not outside, f"the slideshow asked for files from outside the machine: {outside[:3]}"
    finally:
        context.close()
        lab.shutdown_sessions()


def test_without_the_shim_the_widget_manager_fails(lab, browser):
    """The control: the shim's file blocked, the slideshow page shows the upstream failure."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    context.add_init_script(LAB_JS)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        (lab.url, "data:", "blob:")) and SHIM_URL not in r.request.url else r.abort())
    try:
        show = context.new_page()
        messages = _watch(show)
        show.goto(f"{lab.url}/rise/{NOTEBOOK}", wait_until="domcontentloaded")
        show.wait_for_selector(PRESENT, timeout=60_000)
        show.wait_for_timeout(2_000)
        assert any("@jupyterlab/console doesn't exist in shared scope" in m for m in messages), (
            "without nnviz-rise-shim the widget manager loaded on the slideshow page: jupyterlab-rise "
            "may now ship @jupyterlab/console; remove part 1 of tools/rise/labextension. Console: "
            f"{messages[:5]}")
    finally:
        context.close()
        lab.shutdown_sessions()


def test_rise_beside_the_notebook_moves_and_its_slider_redraws(lab, browser):
    """The toolbar's RISE button (RISE:preview, Alt+R): the slideshow in a panel beside the notebook."""
    context, page = open_and_run(browser, lab, NOTEBOOK, "rise-preview", {"width": 1280, "height": 800})
    try:
        page.evaluate("() => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = 0; }")
        page.evaluate("() => window.jupyterapp.commands.execute('RISE:preview')")
        frame = page.frame_locator("iframe[src*='/rise/']").first
        frame.locator(PRESENT).first.wait_for(timeout=60_000)
        assert "00 · Start here" in frame.locator(PRESENT).first.inner_text()
        # A teacher with a mouse: reveal.js's "next" arrow, on to the explorer slide.
        for _ in range(6):
            if "A slider that moves a picture" in frame.locator(PRESENT).first.inner_text():
                break
            frame.locator(".reveal .controls .navigate-right").first.click()
            page.wait_for_timeout(400)
        assert "A slider that moves a picture" in frame.locator(PRESENT).first.inner_text()
        handle = frame.locator(f"{PRESENT} .noUi-handle").first
        canvas = frame.locator(f"{PRESENT} canvas").first
        readout = frame.locator(f"{PRESENT} .widget-readout").first
        handle.wait_for(state="visible", timeout=30_000)
        canvas.wait_for(state="visible", timeout=30_000)
        before, value = _settled(page, canvas), readout.inner_text()
        handle.press("ArrowRight")
        # The panel's picture must become the notebook's own (the same figure, drawn by the
        # same kernel): up to 15 s on a loaded CI machine.
        deadline_ms, shown, mains = 15_000, before, []
        while deadline_ms > 0 and (shown == before or shown not in mains):
            page.wait_for_timeout(250)
            deadline_ms -= 250
            shown, mains = _pixels(canvas), page.evaluate(NOTEBOOK_CANVASES_JS)
        assert readout.inner_text() != value, "ArrowRight did not move the slider in the panel"
        assert shown != before, "moving the slider in the panel did not redraw the canvas"
        assert shown in mains, ("the panel's canvas does not show the notebook's picture of the "
                                "same figure (a stale frame: matplotlib issue 19116)")
        assert "A slider that moves a picture" in frame.locator(PRESENT).first.inner_text(), \
            "ArrowRight on the slider went to another slide"
    finally:
        context.close()
        lab.shutdown_sessions()
