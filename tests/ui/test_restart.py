"""A kernel restart in the middle of a notebook, as a learner meets it (findings: "after a kernel
restart the earlier explorers show broken-link icons and stop responding, and nothing says run
the notebook from the top again").

Notebook 01 is run, the kernel is restarted, and then:

- every explorer above says in a sentence that its controls lost their kernel and what to run
  (``nnviz._explorer.RESTART_SENTENCE``, shown by CSS the explorer carries, on the
  ``jupyter-widgets-disconnected`` class ipywidgets sets);
- running a cell in the middle, whose names come from cells above, ends in a NameError
  followed by nnviz's hint saying which cells to run: the kernel loaded ``nnviz.hints`` when it
  started (the kernel config that ``make`` writes with ``python -m nnviz.hints --install``).
"""
from __future__ import annotations

import json
import time

from tools.browser.lab import open_and_run
from nnviz._explorer import RESTART_SENTENCE

NOTEBOOK = "01_neuron.ipynb"


def _restart(page):
    page.evaluate("() => { window.jupyterapp.commands.execute('kernelmenu:restart'); }")
    page.wait_for_selector(".jp-Dialog button.jp-mod-accept", timeout=10_000)
    page.click(".jp-Dialog button.jp-mod-accept")
    page.wait_for_function("(p) => window.__nnviz.kernelIdle(p)", arg=NOTEBOOK, timeout=60_000,
                           polling=200)


def test_after_a_restart_explorers_and_the_next_error_say_what_to_run(lab, browser):
    context, page = open_and_run(browser, lab, NOTEBOOK, "restart")
    try:
        before = page.evaluate("() => document.querySelectorAll('.nnviz-explorer').length")
        assert before >= 1, "notebook 01 should show at least one explorer"
        notes = page.evaluate("() => Array.from(document.querySelectorAll('.nnviz-explorer'))"
                              ".map(e => getComputedStyle(e, '::after').content)")
        assert all(n in ("none", "normal", "") for n in notes), notes   # nothing while connected

        _restart(page)
        deadline = time.monotonic() + 20
        while True:
            notes = page.evaluate(
                "() => Array.from(document.querySelectorAll('.nnviz-explorer'))"
                ".map(e => ({disconnected: e.classList.contains('jupyter-widgets-disconnected'),"
                " note: getComputedStyle(e, '::after').content}))")
            if all(n["disconnected"] for n in notes) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert len(notes) == before
        for n in notes:
            assert n["disconnected"], notes
            assert json.loads(n["note"]) == RESTART_SENTENCE       # CSS gives it quoted
        # The dead controls look dead (greyed, deaf to the pointer) and no red broken-link
        # icon sits by each one; the picture and the numbers stay as they were.
        looks = page.evaluate("""() => Array.from(document.querySelectorAll('.nnviz-explorer')).map(e => {
            const sliders = Array.from(e.querySelectorAll('.nnviz-controls .widget-slider'));
            const icons = [e, ...e.querySelectorAll('.jupyter-widgets-disconnected')]
                .filter(w => getComputedStyle(w, '::before').display !== 'none');
            const readout = e.querySelector('.widget-html:not(.nnviz-controls *)');
            return {sliders: sliders.map(s => [getComputedStyle(s).opacity, getComputedStyle(s).pointerEvents]),
                    icons: icons.length, readout: readout ? getComputedStyle(readout).opacity : '1'};
        })""")
        for look in looks:
            assert look["sliders"] and all(s == ["0.45", "none"] for s in look["sliders"]), looks
            assert look["icons"] == 0 and look["readout"] == "1", looks

        # A cell in the middle, whose `nnviz` comes from the first cell.
        cells = page.evaluate("(p) => window.__nnviz.cells(p)", NOTEBOOK)
        index = next(c["index"] for c in cells
                     if c["type"] == "code" and c["first_line"].startswith("neuron = nnviz.Neuron("))
        page.evaluate("""([p, i]) => {
            const panel = window.__nnviz.panel(p);
            panel.content.activeCellIndex = i;
            window.jupyterapp.commands.execute('notebook:run-cell');
        }""", [NOTEBOOK, index])
        page.wait_for_function(
            "([p, i]) => { const c = window.__nnviz.cells(p)[i];"
            " return c.count !== null && !c.running && c.outputs.length > 0; }",
            arg=[NOTEBOOK, index], timeout=60_000, polling=200)
        # The hint is a stderr stream that follows the error: wait for the kernel to go idle,
        # then for the outputs to settle.
        page.wait_for_function("(p) => window.__nnviz.kernelIdle(p)", arg=NOTEBOOK, timeout=60_000,
                               polling=200)
        deadline = time.monotonic() + 10
        while True:
            outputs = page.evaluate("([p, i]) => window.__nnviz.cells(p)[i].outputs", [NOTEBOOK, index])
            text = json.dumps(outputs)
            if "Hint:" in text or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert "NameError" in text, outputs
        assert "is not defined in this kernel yet" in text and "Run All Above Selected Cell" in text, outputs
    finally:
        context.close()
        lab.shutdown_sessions()
