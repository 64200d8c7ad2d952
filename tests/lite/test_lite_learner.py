"""What a learner meets in the JupyterLite site beyond running a notebook once (issue 16).

- from the first paint, a box says what the page is doing (step 1 of 4 ...), and it goes
  once Python is ready;
- an answer typed into a cell survives closing the tab five seconds later and reopening it
  (the site autosaves every ``AUTOSAVE_S`` seconds into the browser's storage);
- after a kernel restart, a cell in the middle ends in a NameError followed by the same hint
  sentence as on the desktop (the kernel loads ``nnviz.hints`` when it starts), and Run All
  brings a live explorer back (a slider moves the picture's pixels);
- with the network gone, a second visit opens a notebook and runs it (the site's service
  worker keeps every file of the first visit, per build); so does a visit while the network
  is up but the server is gone (the teacher's laptop closed);
- the kernel runs in the Python that started with the page (tools/lite/kernel-start.js): in
  the notebook's folder, with its start-up modules byte-compiled; a restart takes the spare
  Python booted in the background, with nothing of the learner's in it.
"""
from __future__ import annotations

import contextlib
import json
import time

import pytest

from tools.browser import lite as _lite
from tools.browser.page import wait as _wait
from tools.browser.page import key_for as _key_for
from tools.browser.page import output_problems as _output_problems
from tools.browser.page import press_and_time as _press_and_time

NOTEBOOK = "01_neuron.ipynb"
TIMEOUT_S = 420


def _open(page, url, name=NOTEBOOK, progress=False):
    t0 = time.monotonic()
    page.goto(url, wait_until="domcontentloaded")
    if progress:
        # The box is in the page's HTML: it says what is happening from the first paint.
        box = page.locator("#nnviz-progress")
        assert box.is_visible() and "step 1 of 4" in box.inner_text(), box.inner_text()
        assert time.monotonic() - t0 < 5
        page.wait_for_function("() => /step 3 of 4/.test("
                               "document.getElementById('nnviz-progress').textContent)",
                               timeout=TIMEOUT_S * 1000, polling=100)
        # "Python is ready" only once the kernel is: record the kernel's state when it says so.
        page.evaluate("""() => { const box = document.getElementById('nnviz-progress');
          window.__nnvizReadySaid = null;
          new MutationObserver(() => { if (/step 4/.test(box.textContent) && window.__nnvizReadySaid === null)
            window.__nnvizReadySaid = window.__nnviz.kernelState(%s); })
          .observe(box, {childList: true, characterData: true, subtree: true}); }""" % json.dumps(name))
    _wait(page, "(p) => window.__nnviz && window.__nnviz.kernelIdle(p)", name, TIMEOUT_S,
          f"{name} to open with an idle kernel",
          lambda: page.evaluate("(p) => window.__nnviz.kernelState(p)", name))


def _cell_index(page, starts_with, name=NOTEBOOK):
    cells = page.evaluate("(p) => window.__nnviz.cells(p)", name)
    return next(c["index"] for c in cells
                if c["type"] == "code" and c["first_line"].startswith(starts_with))


def _source(page, index, name=NOTEBOOK):
    return page.evaluate("([p, i]) => window.__nnviz.panel(p).content.widgets[i]"
                         ".model.sharedModel.getSource()", [name, index])


def _live_explorer(page, name=NOTEBOOK) -> bool:
    """True when some explorer's slider, moved with the keyboard, changes its canvas."""
    for fig in page.evaluate("(p) => window.__nnviz.scan(p)", name):
        if not fig["in_explorer"]:
            continue
        page.locator(f'[data-nnviz-fig="{fig["index"]}"]').scroll_into_view_if_needed()
        for s in fig["sliders"]:
            if not (s["has_handle"] and s["visible"] and not s["disabled"]):
                continue
            handle = page.locator(f'[data-nnviz-slider="{s["id"]}"] .noUi-handle').first
            if _press_and_time(page, fig["index"], handle, _key_for(page, s["id"]), 8000)["changed"]:
                return True
    return False


# Runs code in the notebook's kernel (not in a cell): what it printed, and any error.
KERNEL_RUN_JS = """async ([p, code]) => {
  const kernel = window.__nnviz.panel(p).sessionContext.session.kernel;
  const future = kernel.requestExecute({code, store_history: false});
  let out = '';
  future.onIOPub = (msg) => {
    const t = msg.header.msg_type;
    if (t === 'stream') out += msg.content.text;
    if (t === 'error') out += `${msg.content.ename}: ${msg.content.evalue}`;
  };
  await future.done;
  return out;
}"""
KERNEL_STARTS_JS = """() => window.nnvizKernelStarts.map((r) => ({used: r.used, spare: r.spare,
  ready: r.ready, stages: r.stages}))"""
# What the kernel says of itself: where it runs, and where its start-up modules came from.
KERNEL_FACTS = """
import json, os, sys, importlib.util
def origin(name):
    spec = sys.modules[name].__spec__
    cached = spec.cached if spec.cached and os.path.exists(spec.cached) else None
    return {"origin": spec.origin, "cached": cached}
print(json.dumps({"cwd": os.getcwd(), "learner": sorted(k for k in globals() if k == "my_z"),
                  "modules": {m: origin(m) for m in ("json", "IPython.core.interactiveshell",
                                                     "numpy.linalg", "nnviz.network")}}))
"""


@contextlib.contextmanager
def _tab(browser, **kwargs):
    """A fresh browser context and tab for one learner; afterwards, no request may have left
    127.0.0.1. Yields (context, page, console)."""
    requests, console = _lite.Requests(), []
    context, page = _lite.new_page(browser, requests, console, **kwargs)
    try:
        yield context, page, console
    finally:
        context.close()
    assert not requests.blocked


def _kernel_facts(page, name=NOTEBOOK) -> dict:
    return json.loads(page.evaluate(KERNEL_RUN_JS, [name, KERNEL_FACTS]))


def test_the_kernel_runs_in_the_python_started_with_the_page(server, browser):
    """The worker booted with the page is the kernel's: it runs in the notebook's folder, its
    start-up modules come compiled (.pyc: without their source in the standard library and
    the kernel's machinery, beside it in numpy and nnviz, which a learner may read)."""
    with _tab(browser) as (context, page, console):
        _open(page, _lite.notebook_url(server.url, NOTEBOOK))
        starts = page.evaluate(KERNEL_STARTS_JS)
        assert len(starts) == 1 and starts[0]["used"] and not starts[0]["spare"], starts
        assert list(starts[0]["stages"]) == ["runtime script", "python and packages",
                                             "warm imports"], starts
        facts = _kernel_facts(page)
        assert facts["cwd"] == "/drive", facts
        m = facts["modules"]
        assert m["json"]["origin"] == "/lib/python312.zip/json/__init__.pyc", m
        assert m["IPython.core.interactiveshell"]["origin"].endswith("interactiveshell.pyc"), m
        for name, source in (("numpy.linalg", "numpy/linalg/__init__.py"),
                             ("nnviz.network", "nnviz/network.py")):
            assert m[name]["origin"].endswith(source), m     # the source stays readable
            assert m[name]["cached"] and m[name]["cached"].endswith(".cpython-312.pyc"), m


def test_an_answer_survives_closing_the_tab(server, browser):
    url = _lite.notebook_url(server.url, NOTEBOOK)
    with _tab(browser) as (context, page, console):
        _open(page, url, progress=True)
        page.wait_for_selector("#nnviz-progress", state="hidden", timeout=20_000)  # then it goes
        said = page.evaluate("() => window.__nnvizReadySaid")
        assert said and said["status"] == "idle", said
        index = _cell_index(page, "my_z = None")
        editor = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".cm-content")
        editor.scroll_into_view_if_needed()
        editor.click()
        page.keyboard.press("Control+a")
        page.keyboard.type("my_z = 2   # typed by the learner")
        assert _source(page, index) == "my_z = 2   # typed by the learner"
        page.wait_for_timeout(5000)
        page.close()                                   # the tab, with no "leave page?" prompt

        page = context.new_page()
        page.set_default_timeout(30_000)
        _open(page, url)
        assert _source(page, index) == "my_z = 2   # typed by the learner"


def test_a_restart_gives_the_hint_and_run_all_a_live_explorer(server, browser):
    with _tab(browser) as (context, page, console):
        _lite.open_and_run(page, _lite.notebook_url(server.url, NOTEBOOK), NOTEBOOK,
                           TIMEOUT_S, TIMEOUT_S)
        page.evaluate(KERNEL_RUN_JS, [NOTEBOOK, "my_z = 'the learner was here'"])
        assert _kernel_facts(page)["learner"] == ["my_z"]
        # The spare Python boots once the notebook has been idle for a moment.
        _wait(page, "() => { const s = window.nnvizKernelSpare(); return !!s && s.ready; }", None,
              TIMEOUT_S, "the spare Python to boot", lambda: page.evaluate(KERNEL_STARTS_JS))
        page.evaluate("() => { window.jupyterapp.commands.execute('kernelmenu:restart'); }")
        page.wait_for_selector(".jp-Dialog button.jp-mod-accept", timeout=10_000)
        page.click(".jp-Dialog button.jp-mod-accept")
        page.wait_for_timeout(500)
        _wait(page, "(p) => window.__nnviz.kernelIdle(p)", NOTEBOOK, TIMEOUT_S,
              "the restarted kernel to be idle",
              lambda: page.evaluate("(p) => window.__nnviz.kernelState(p)", NOTEBOOK))
        starts = page.evaluate(KERNEL_STARTS_JS)
        assert len(starts) == 2 and starts[1]["spare"] and starts[1]["used"], starts
        facts = _kernel_facts(page)
        assert facts["learner"] == [] and facts["cwd"] == "/drive", facts   # a fresh Python

        index = _cell_index(page, "neuron = nnviz.Neuron(")     # `nnviz` comes from cell 1
        page.evaluate("""([p, i]) => {
            const panel = window.__nnviz.panel(p);
            panel.content.activeCellIndex = i;
            window.jupyterapp.commands.execute('notebook:run-cell');
        }""", [NOTEBOOK, index])
        deadline = time.monotonic() + 60
        while True:
            text = json.dumps(page.evaluate("([p, i]) => window.__nnviz.cells(p)[i].outputs",
                                            [NOTEBOOK, index]))
            if "Hint:" in text or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert "NameError" in text, text
        assert "is not defined in this kernel yet" in text, text
        assert "Run All Above Selected Cell" in text, text

        page.evaluate("(p) => window.__nnviz.runAll(p)", NOTEBOOK)
        _wait(page, "(p) => window.__nnviz.runFinished(p)", NOTEBOOK, TIMEOUT_S,
              "run-all after the restart",
              lambda: page.evaluate("(p) => window.__nnviz.runningCells(p)", NOTEBOOK))
        assert _live_explorer(page), "no explorer reacted to its slider after the restart"


def test_a_second_visit_runs_offline(server, browser):
    """Visit once (service worker allowed, as on https:// or localhost) and run the notebook; go
    offline; open it again in a new tab: it opens, its kernel starts, Run All runs every cell
    and an explorer is live. No file fails to load."""
    requests, console = _lite.Requests(), []
    context, page = _lite.new_page(browser, requests, console, service_workers="allow")
    url = _lite.notebook_url(server.url, NOTEBOOK)
    try:
        _lite.open_and_run(page, url, NOTEBOOK, TIMEOUT_S, TIMEOUT_S)
        assert page.evaluate("() => !!navigator.serviceWorker.controller")
        kept = page.evaluate("() => window.nnvizKeepForOffline()")
        assert kept and kept["missing"] == [], kept
        page.close()

        context.set_offline(True)
        console.clear()
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.on("console", lambda m: console.append(f"{m.type}: {m.text[:500]}"))
        times = _lite.open_and_run(page, url, NOTEBOOK, TIMEOUT_S, TIMEOUT_S)
        assert not _output_problems(page.evaluate("(p) => window.__nnviz.cells(p)", NOTEBOOK))
        assert _live_explorer(page), "no explorer reacted to its slider offline"
    finally:
        context.close()
    failed = [m for m in console if "net::ERR_" in m or "ChunkLoadError" in m]   # not a 404
    assert not failed, failed
    assert times["kernel"] > 0


def test_a_visit_with_the_server_gone_opens_from_the_kept_copy(site, browser):
    """The network is up but the site's server is gone (the teacher's laptop closed, a host
    down): a notebook opened once opens again and runs, from the service worker's copy."""
    own = _lite.StaticServer(site).start()        # its own origin: its own service worker
    requests, console = _lite.Requests(), []
    context, page = _lite.new_page(browser, requests, console, service_workers="allow")
    url = _lite.notebook_url(own.url, NOTEBOOK)
    try:
        _lite.open_and_run(page, url, NOTEBOOK, TIMEOUT_S, TIMEOUT_S)
        kept = page.evaluate("() => window.nnvizKeepForOffline()")
        assert kept and kept["missing"] == [], kept
        page.close()
        own.stop()

        page = context.new_page()
        page.set_default_timeout(30_000)
        _lite.open_and_run(page, url, NOTEBOOK, TIMEOUT_S, TIMEOUT_S)
        assert not _output_problems(page.evaluate("(p) => window.__nnviz.cells(p)", NOTEBOOK))
        assert _live_explorer(page), "no explorer reacted to its slider with the server gone"
    finally:
        context.close()
        own.stop()
