"""Presenting live with RISE (jupyterlab-rise): the slideshow of a notebook, with a working slider.

The test opens notebook 00 in JupyterLab, runs it, starts the slideshow the way a teacher does
(the ``RISE:slideshow`` command, bound to Alt+R, which opens ``/rise/<notebook>``), checks that
reveal.js shows the first slide, moves to the next slide, goes on to the slide with the slider
explorer and presses an arrow key on its slider: the canvas must change.

Known failure, kept strict: with jupyterlab-rise 0.43.1 (the newest release), JupyterLab 4.6
and ipywidgets 8.1, the RISE page never renders. Its console shows "Shared module
@jupyterlab/console doesn't exist in shared scope", then the widget manager plugin (and
jupyter-matplotlib's, which needs it) fails to activate and "RangeError: Maximum call stack
size exceeded" repeats, for any notebook, even one without widgets. Upstream:
jupyterlab-contrib/rise#119 (slides not rendered with ipywidgets>=8) and #144. Until a release
fixes it, present with the static decks (`make slides`) beside a live notebook; see
docs/teaching.md. When RISE works again this test passes, the strict xfail turns that into a
failure, and the marker must go.
"""
from __future__ import annotations

import pytest

from _lab_session import open_and_run

NOTEBOOK = "00_start_here.ipynb"


@pytest.mark.xfail(strict=True, reason="jupyterlab-rise 0.43.1 does not render with ipywidgets 8 / "
                                       "JupyterLab 4.6 (jupyterlab-contrib/rise#119, #144)")
def test_rise_slideshow_moves_and_its_slider_redraws(lab, browser):
    context, page = open_and_run(browser, lab, NOTEBOOK, "rise", {"width": 1280, "height": 800})
    errors = []
    try:
        page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
        # Alt+R: the slideshow opens in a new tab
        with context.expect_page(timeout=30_000) as opened:
            page.evaluate("() => window.jupyterapp.commands.execute('RISE:slideshow')")
        show = opened.value
        show.on("console", lambda m: errors.append(m.text[:200]) if m.type == "error" else None)
        show.wait_for_selector(".reveal .slides section.present", timeout=60_000)
        first = show.locator(".reveal .slides section.present").first.inner_text()
        assert "Start here" in first or first.strip(), "the first slide is empty"
        show.keyboard.press("ArrowRight")
        show.wait_for_function("(t) => document.querySelector('.reveal .slides section.present')"
                               ".innerText !== t", arg=first, timeout=10_000)
        # on to the slide that shows the slider explorer
        for _ in range(12):
            if show.locator(".reveal section.present .noUi-handle").count():
                break
            show.keyboard.press("ArrowRight")
            show.wait_for_timeout(400)
        handle = show.locator(".reveal section.present .noUi-handle").first
        canvas = show.locator(".reveal section.present canvas").first
        before = canvas.screenshot()
        handle.focus()
        handle.press("ArrowRight")
        show.wait_for_timeout(1500)
        assert canvas.screenshot() != before, "moving the slider on the slide did not redraw the canvas"
    finally:
        context.close()
        lab.shutdown_sessions()
    assert not [e for e in errors if "Maximum call stack" in e], errors[:3]
