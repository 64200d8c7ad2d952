"""JupyterLab for the browser harness: a server on 127.0.0.1 (:class:`LabServer`) and one
notebook opened and run in it (:func:`open_and_run`).

Used by tests/ui (its conftest's ``lab`` fixture), tests/lite (the same checks against the
in-browser kernel) and benchmarks/ (lite.py, playground_browser.py).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .config import LAB_OVERRIDES, NOTEBOOKS, SERVER_START_TIMEOUT, VIEWPORT

#: The page script every harness page loads (window.__nnviz: run all, probe canvases, ...).
LAB_JS = (Path(__file__).resolve().parent / "lab_page.js").read_text()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """A JupyterLab server on 127.0.0.1 serving a temporary copy of ``notebooks`` (by default
    the repository's notebooks/, or NNVIZ_UI_NOTEBOOKS)."""

    def __init__(self, base: Path, notebooks: Path | None = None):
        self.base = base
        self.notebooks = Path(notebooks) if notebooks is not None else NOTEBOOKS
        self.root = base / "notebooks"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = base / "jupyter-lab.log"
        self.proc: subprocess.Popen | None = None
        self._log = None

    def start(self) -> None:
        # Only the notebooks (and RISE's stylesheet): a stray socket or checkpoint in notebooks/
        # must not break the copy.
        self.root.mkdir(parents=True)
        for path in [*self.notebooks.glob("*.ipynb"), *self.notebooks.glob("rise.css")]:
            shutil.copy2(path, self.root / path.name)
        dirs = {name: self.base / name for name in
                ("config", "runtime", "data", "ipython", "settings", "workspaces", "app-settings")}
        for d in dirs.values():
            d.mkdir()
        (dirs["app-settings"] / "overrides.json").write_text(json.dumps(LAB_OVERRIDES, indent=1))
        env = dict(os.environ)
        env.pop("MPLBACKEND", None)  # the notebooks choose ipympl themselves
        env.update(
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            IPYTHONDIR=str(dirs["ipython"]),
            JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
            JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
            JUPYTER_PLATFORM_DIRS="1",
            PYTHONUNBUFFERED="1",
        )
        cmd = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser", "--allow-root",
            "--ip=127.0.0.1", f"--port={self.port}", "--port-retries=0",
            "--ServerApp.token=", "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True",
            f"--ServerApp.root_dir={self.root}",
            "--ServerApp.terminals_enabled=False",
            "--LabApp.expose_app_in_browser=True",
            f"--LabApp.app_settings_dir={dirs['app-settings']}",
            f"--LabApp.user_settings_dir={dirs['settings']}",
            f"--LabApp.workspaces_dir={dirs['workspaces']}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.news_url=None",
        ]
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, cwd=self.base, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with code {self.proc.returncode}:\n"
                                   f"{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        raise RuntimeError(f"jupyter lab did not answer /api/status within "
                           f"{SERVER_START_TIMEOUT} s:\n{self.log_tail()}")

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def log_size(self) -> int:
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def log_since(self, offset: int) -> str:
        with open(self.log_path, errors="replace") as f:
            f.seek(offset)
            return f.read()

    def api(self, method: str, path: str, timeout: float = 10):
        req = urllib.request.Request(f"{self.url}{path}", method=method)
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self, timeout: float = 20) -> None:
        """Shut every kernel down through the REST API (kernels outlive page reloads)."""
        # Sessions first (each holds a kernel), then any kernel left without one.
        for kind in ("sessions", "kernels"):
            for item in self.api("GET", f"/api/{kind}"):
                try:
                    self.api("DELETE", f"/api/{kind}/{item['id']}", timeout=timeout)
                except urllib.error.HTTPError as e:
                    if e.code != 404:  # already gone with its session
                        raise
        deadline = time.monotonic() + timeout
        while self.api("GET", "/api/kernels") and time.monotonic() < deadline:
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if self._log:
            self._log.close()




def run_notebook(page, lab, name: str, workspace: str, file_browser: bool = False):
    """On ``page``: open ``name`` in a workspace of its own, wait for an idle kernel, and run
    all cells. ``file_browser``: open the file browser first, as a learner has it, and return
    the layout it reports (else None)."""
    page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{name}", wait_until="domcontentloaded")
    page.wait_for_function("(p) => window.__nnviz && window.__nnviz.kernelIdle(p)", arg=name,
                           timeout=120_000, polling=200)
    layout = None
    if file_browser:
        layout = page.evaluate("() => window.__nnviz.openFileBrowser()")
        page.wait_for_timeout(300)   # the sidebar animates open; the notebook narrows
    page.evaluate("(p) => window.__nnviz.runAll(p)", name)
    page.wait_for_function("(p) => window.__nnviz.runFinished(p)", arg=name, timeout=240_000,
                           polling=200)
    return layout


def open_and_run(browser, lab, name: str, workspace: str, viewport=None):
    """A new context and page on ``name`` (requests kept on 127.0.0.1), after "run all".

    Returns ``(context, page)``; the caller closes the context and shuts the kernels down.
    """
    context = browser.new_context(viewport=viewport or VIEWPORT,
                                  service_workers="block")
    context.add_init_script(LAB_JS)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        (lab.url, "data:", "blob:")) else r.abort())
    try:
        page = context.new_page()
        run_notebook(page, lab, name, workspace)
    except BaseException:
        context.close()
        lab.shutdown_sessions()
        raise
    return context, page
