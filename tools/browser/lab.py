"""One notebook opened in JupyterLab and run, for the browser tests that need a live notebook."""
from __future__ import annotations

from pathlib import Path

LAB_JS = (Path(__file__).resolve().parent / "lab_page.js").read_text()


def open_and_run(browser, lab, name: str, workspace: str, viewport=None):
    """A new context and page on ``name`` (requests kept on 127.0.0.1), after "run all".

    Returns ``(context, page)``; the caller closes the context and shuts the kernels down.
    """
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 1000},
                                  service_workers="block")
    context.add_init_script(LAB_JS)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        (lab.url, "data:", "blob:")) else r.abort())
    try:
        page = context.new_page()
        page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{name}", wait_until="domcontentloaded")
        page.wait_for_function("(p) => window.__nnviz && window.__nnviz.kernelIdle(p)", arg=name,
                               timeout=120_000, polling=200)
        page.evaluate("(p) => window.__nnviz.runAll(p)", name)
        page.wait_for_function("(p) => window.__nnviz.runFinished(p)", arg=name, timeout=240_000,
                               polling=200)
    except BaseException:
        context.close()
        lab.shutdown_sessions()
        raise
    return context, page
