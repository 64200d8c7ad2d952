"""Accessibility of every notebook open in JupyterLab: an axe-core audit after "run all".

axe-core comes from the npm registry as the exact tarball pinned in tools/assets.py (checked
against its sha512), injected into the page; no network at run time after the first fetch.

What counts as ours: violations on elements inside a cell's rendered markdown
(``.jp-RenderedMarkdown``), inside an output (``.jp-OutputArea-output``: check results,
progress, printed text, figures) or inside a widget (``.jupyter-widgets``: the explorers'
controls). None of those may be serious or critical.

What is excluded, and why: everything else on the page is JupyterLab's own interface (menus,
toolbars, side bar, status bar, tab bar, the input prompts ``[1]:`` and the code editor's
syntax colours of its default light theme). nnviz does not style them and cannot fix them in
a notebook; they are printed in the test's output (``-s``) for the record, not asserted.
One rule inside our widgets is excluded too: ``aria-input-field-name`` on an ipywidgets slider
handle (``.noUi-handle``). ipywidgets 8.1 draws the handle without an accessible name and does
not link it to the slider's ``description`` label, which every nnviz slider has; that is
ipywidgets' markup, not something a notebook can set.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tools.browser.lab import open_and_run
from tools.browser.config import NOTEBOOKS

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
OURS = ".jp-RenderedMarkdown, .jp-OutputArea-output, .jupyter-widgets"


def _assets():
    if "assets" in sys.modules:
        return sys.modules["assets"]
    spec = importlib.util.spec_from_file_location("assets", REPO / "tools" / "assets.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["assets"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def axe_source():
    return _assets().read("axe-core", "axe.min.js").decode()


AUDIT = """async (ours) => {
    // every cell rendered (JupyterLab may skip laying out cells off screen)
    document.querySelectorAll('.jp-Cell').forEach(c => { c.style.contentVisibility = 'visible'; });
    const result = await axe.run(document, {resultTypes: ['violations']});
    const out = [];
    for (const v of result.violations) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        for (const n of v.nodes) {
            let el = null;
            try { el = document.querySelector(n.target[0]); } catch (e) { el = null; }
            // ipywidgets 8 draws a slider's handle (noUiSlider) without an accessible name; the
            // description we give every slider is a separate label it does not link to.
            const ipywidgetsHandle = v.id === 'aria-input-field-name' && el && el.closest('.noUi-handle');
            const mine = !!(el && el.closest(ours) && !el.closest('.jp-InputArea-editor') && !ipywidgetsHandle);
            out.push({id: v.id, impact: v.impact, ours: mine, target: n.target.join(' '),
                      summary: (n.failureSummary || '').slice(0, 200)});
        }
    }
    return out;
}"""


@pytest.mark.parametrize("nb_path", NOTEBOOK_PATHS, ids=[p.stem for p in NOTEBOOK_PATHS])
def test_notebook_in_jupyterlab_has_no_serious_violation_of_ours(nb_path, lab, browser, axe_source):
    name = nb_path.name
    context, page = open_and_run(browser, lab, name, f"a11y-{nb_path.stem}")
    try:
        page.wait_for_timeout(1500)          # let the figures draw
        page.add_script_tag(content=axe_source)
        found = page.evaluate(AUDIT, OURS)
    finally:
        context.close()
        lab.shutdown_sessions()
    ours = [v for v in found if v["ours"]]
    print("\n".join(f"  ours: {v['id']} at {v['target'][-120:]}: {v['summary'][:160]}" for v in ours))
    theirs = sorted({(v["id"], v["impact"]) for v in found if not v["ours"]})
    print(f"\n{name}: {len(ours)} serious/critical in our content; JupyterLab's own (excluded): {theirs}")
    assert not ours, f"{name}: " + "\n".join(f"{v['id']} ({v['impact']}) at {v['target']}: {v['summary']}"
                                            for v in ours[:10])
