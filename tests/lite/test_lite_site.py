"""Every notebook in the JupyterLite site (build/lite/), run in Chromium with the Pyodide kernel.

``make test-lite`` builds the site if needed (``make lite``), serves ``build/lite/`` with
``python -m http.server`` on 127.0.0.1 and, for each notebook 00-08, opens
``lab/index.html?path=<name>`` in a fresh browser context, waits for the in-browser kernel,
runs all cells (the notebook as it is in the repository: no set-up cell) and checks, as
tests/ui does on the desktop:

1. no cell has an error output, a traceback or any stderr output (e.g. matplotlib's
   "building the font cache"), and every code cell ran;
2. no widget failed to render, and no traceback reached the browser console (exceptions
   in widget callbacks land there in JupyterLite);
3. every ipympl canvas drew (nonzero size, not one colour);
4. every explorer reacts: a slider moved with the keyboard changes its canvas pixels (or,
   for explorers whose sliders are settings, a button does);
5. the training playground (07) animates when played: its canvas changes frame after frame;
6. nothing left 127.0.0.1: no page request (Playwright route) and nothing through
   Chromium's proxy (workers, service workers, the browser itself).
"""
from __future__ import annotations

import json
import re
import statistics

import pytest

from tools.browser import lite as _lite
from tools.browser.page import button_that_redraws, key_for, output_problems, press_and_time

NOTEBOOK_NAMES = sorted(p.name for p in (_lite.REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
KERNEL_TIMEOUT_S = 420      # Pyodide loads in the page: 20-60 s, minutes on a busy machine
RUN_TIMEOUT_S = 420
SLIDER_TIMEOUT_MS = 8000
PLAY_SECONDS = 8.0
MIN_PLAY_FRAMES = 3         # frames the playground must show in PLAY_SECONDS of play
SCREENSHOTS = _lite.REPO / "tests" / "lite" / "screenshots"


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_in_jupyterlite(name, server, proxy, browser, summary):
    problems: list[str] = []
    requests = _lite.Requests()
    console: list[str] = []
    proxied_before = len(proxy.urls)
    context, page = _lite.new_page(browser, requests, console)
    latencies: list[float] = []
    fps = None
    try:
        times = _lite.open_and_run(page, _lite.notebook_url(server.url, name), name,
                                   KERNEL_TIMEOUT_S, RUN_TIMEOUT_S)
        run = page.evaluate("() => window.__nnviz.run")
        if run.get("error"):
            problems.append(f"notebook:run-all-cells failed: {run['error']}")
        cells = page.evaluate("(p) => window.__nnviz.cells(p)", name)
        problems += output_problems(cells)
        for cell in cells:
            for out in cell["outputs"]:
                if out.get("output_type") == "stream" and out.get("name") == "stderr":
                    text = out.get("text", "")
                    text = "".join(text) if isinstance(text, list) else text
                    problems.append(f"cell {cell['index']} wrote to stderr: {text[:300]!r}")

        figures = page.evaluate("(p) => window.__nnviz.scan(p)", name)
        drawn = ("(ids) => ids.every((i) => { const c = window.__nnviz.canvasInfo(i);"
                 " return c.exists && c.width > 0 && c.height > 0 && !c.blank; })")
        for fig in figures:
            i = fig["index"]
            label = f"cell {fig['cell']} figure {i}"
            page.locator(f'[data-nnviz-fig="{i}"]').scroll_into_view_if_needed()
            try:
                page.wait_for_function(drawn, arg=[i], timeout=30_000, polling=200)
            except Exception:
                problems.append(f"{label}: the canvas never drew "
                                f"({page.evaluate('(i) => window.__nnviz.canvasInfo(i)', i)})")
                continue
            if not fig["in_explorer"]:
                continue
            sliders = [s for s in fig["sliders"]
                       if s["has_handle"] and s["visible"] and not s["disabled"]]
            working = None
            for s in sliders:
                handle = page.locator(f'[data-nnviz-slider="{s["id"]}"] .noUi-handle').first
                r = press_and_time(page, i, handle, key_for(page, s["id"]), SLIDER_TIMEOUT_MS)
                if r["changed"]:
                    working = s
                    latencies.append(r["ms"])
                    # Two more presses, back and forth, for the latency figure.
                    for forward in (False, True):
                        r = press_and_time(page, i, handle, key_for(page, s["id"], forward),
                                            SLIDER_TIMEOUT_MS)
                        if r["changed"]:
                            latencies.append(r["ms"])
                    break
            if working is None and button_that_redraws(page, i, fig["buttons"]) is None:
                problems.append(f"{label}: no slider changed the canvas (tried "
                                f"{[s['label'] for s in sliders]}), nor did any button")
            if any(b["label"].strip().lower() == "play" for b in fig["buttons"]):
                # The playground is painted in the page here too (anywidget's extension and
                # wheel are in the site), not drawn by matplotlib.
                painted = page.evaluate("(i) => !!document.querySelector(`[data-nnviz-fig=\"${i}\"]`)"
                                        ".matches('.nnviz-paint')", i)
                if not painted:
                    problems.append(f"{label}: the playground is not painted in the page "
                                    "(anywidget missing from the site?)")
                play = _lite.play_fps(page, fig, PLAY_SECONDS)
                fps = play["fps"]
                if play.get("error") or play["frames"] < MIN_PLAY_FRAMES:
                    problems.append(f"{label}: play did not animate: {play['frames']} frames "
                                    f"in {play['ms'] / 1000:.1f} s {play.get('error', '')}")

        for w in page.evaluate("(p) => window.__nnviz.widgetErrors(p)", name):
            problems.append(f"cell {w['cell']}: {w['text']}")
        unrendered = page.evaluate("(p) => window.__nnviz.unrenderedWidgets(p)", name)
        if unrendered:
            problems.append(f"widgets never rendered in cells {unrendered}")
        page.wait_for_timeout(300)
        tracebacks = [m for m in console if "Traceback (most recent call last)" in m]
        if tracebacks:
            problems.append("a traceback reached the browser console (a widget callback "
                            "raised?):\n" + tracebacks[0][-1500:])

        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        first = next((f for f in figures if f["in_explorer"]), figures[0] if figures else None)
        if first is not None:
            page.evaluate("(i) => document.querySelector(`[data-nnviz-fig=\"${i}\"]`)"
                          ".closest('.jp-Cell').scrollIntoView({block: 'start'})",
                          first["index"])
        page.wait_for_timeout(300)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / name.replace(".ipynb", ".png")))
    finally:
        context.close()

    outside = sorted(set(requests.blocked + _lite.site_requests(proxy.urls[proxied_before:])))
    if outside:
        problems.append("requests left 127.0.0.1 (refused): " + ", ".join(outside))
    med = f"{statistics.median(latencies):6.0f}" if latencies else "     -"
    summary.append(f"{name:<28} kernel {times['kernel']:5.1f} s  first cell {times['first']:5.1f} s"
                   f"  run all {times['run_all']:5.1f} s  slider median {med} ms"
                   + (f"  play {fps:.1f} fps" if fps is not None else ""))
    assert not problems, f"{name} in JupyterLite:\n- " + "\n- ".join(problems)


def test_site_is_self_contained(site):
    """Every package the kernel loads is in the site's own lock, preloaded; nothing from PyPI."""
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.js"
    lock = json.loads((site / "static" / "pyodide" / "pyodide-lock.json").read_text())
    missing = [p["file_name"] for p in lock["packages"].values()
               if not (site / "static" / "pyodide" / p["file_name"]).exists()]
    assert not missing
    preload = kernel["loadPyodideOptions"]["packages"]
    # jupyterlite-pyodide-kernel 0.6.1 installs each of these with piplite unless it is listed.
    for name in ["micropip", "piplite", "ssl", "sqlite3", "ipykernel", "comm", "pyodide_kernel",
                 "jedi", "ipython", "numpy", "matplotlib", "ipywidgets", "ipympl", "anywidget",
                 "nnviz"]:
        assert name in preload
        assert name.replace("_", "-") in lock["packages"], name
    assert not {"scipy", "pandas", "pyarrow"} & set(lock["packages"])
    # pytz is left out of matplotlib's dependencies (tools/lite/build.py LEFT_OUT_DEPENDS)
    # because the site's matplotlib never imports it.
    assert "pytz" not in lock["packages"]
    import zipfile
    mpl = zipfile.ZipFile(site / "static" / "pyodide" / lock["packages"]["matplotlib"]["file_name"])
    importing = re.compile(rb"^\s*(import|from)\s+pytz\b", re.M)
    assert not [n for n in mpl.namelist() if n.endswith(".py") and importing.search(mpl.read(n))]
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert size < 80e6, f"the site is {size / 1e6:.1f} MB"
    text = "".join(p.read_text(errors="ignore") for p in (site / "files").glob("*.ipynb"))
    assert "badge_logo" not in text      # the Binder badge image (fetched from outside) is gone


def test_site_notebooks_are_the_repositorys(site):
    """The site's notebooks are the repository's, with only the kernel's name (and the Binder
    line, which says where the learner is) changed: no set-up cell."""
    for name in NOTEBOOK_NAMES:
        ours = json.loads((_lite.REPO / "notebooks" / name).read_text(encoding="utf-8"))
        theirs = json.loads((site / "files" / name).read_text(encoding="utf-8"))
        assert theirs["metadata"]["kernelspec"]["name"] == "python"
        assert [c["id"] for c in theirs["cells"]] == [c["id"] for c in ours["cells"]], name
        for a, b in zip(ours["cells"], theirs["cells"]):
            if a["cell_type"] == "code":
                assert "".join(a["source"]) == "".join(b["source"]), (name, a["id"])
