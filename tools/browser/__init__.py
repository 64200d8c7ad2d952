"""The one browser harness: Chromium driving JupyterLab or the JupyterLite site.

- ``config``: Chromium and its flags, the viewport (1280x1000, the file browser open), the
  notebooks folder, JupyterLab's settings for tests.
- ``lab``: :class:`~tools.browser.lab.LabServer` (JupyterLab on 127.0.0.1 serving a copy of
  the notebooks) and :func:`~tools.browser.lab.open_and_run` (a notebook opened and run all).
- ``page``: what a page's notebook outputs say, and slider presses timed to changed pixels.
- ``lite``: the JupyterLite site served as static files, a proxy that refuses the outside.
- ``lab_page.js``: the script every page loads (``window.__nnviz``).

Imported as ``tools.browser`` from the repository root by tests/ui, tests/lite and
benchmarks/ (run those as ``python -m benchmarks.<name>``); nothing here imports a test.
"""
