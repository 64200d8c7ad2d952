"""Fixtures for the browser suite: one JupyterLab server, one Chromium, a page per notebook.

Run with ``make test-ui``. Environment knobs (all optional):

- ``NNVIZ_UI_CHROMIUM``       Chromium executable (default ``/usr/bin/chromium``).
- ``NNVIZ_UI_RUN_TIMEOUT``    seconds one notebook's "run all" may take (default 240).
- ``NNVIZ_UI_LATENCY_BUDGET`` slider-to-pixels median budget in ms (default 150); the suite
  asserts it only when ``NNVIZ_UI_ENFORCE_LATENCY=1``, and always prints it.
- ``NNVIZ_UI_DOCS_SCREENSHOT=1`` also refresh ``docs/screenshot.png`` (it is written
  anyway when missing).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from _ui_config import (CHROMIUM, CHROMIUM_ARGS, DOCS_SCREENSHOT, DOCS_SCREENSHOT_PREFERENCE,
                        HERE, LAB_OVERRIDES, LATENCY_BUDGET_MS, NOTEBOOKS, SCREENSHOTS,
                        SERVER_START_TIMEOUT)

# Third-party warnings raised while this suite runs (the repo turns warnings into errors).
UI_WARNING_FILTERS = [
    "ignore::DeprecationWarning:playwright.*",
    "ignore::DeprecationWarning:greenlet.*",
    "ignore::ResourceWarning",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.ui)
            for f in UI_WARNING_FILTERS:
                item.add_marker(pytest.mark.filterwarnings(f))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """A JupyterLab server on 127.0.0.1 serving a temporary copy of notebooks/."""

    def __init__(self, base: Path):
        self.base = base
        self.root = base / "notebooks"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = base / "jupyter-lab.log"
        self.proc: subprocess.Popen | None = None
        self._log = None

    def start(self) -> None:
        # Only the notebooks (and RISE's stylesheet): a stray socket or checkpoint in notebooks/
        # must not break the copy.
        self.root.mkdir(parents=True)
        for path in [*NOTEBOOKS.glob("*.ipynb"), *NOTEBOOKS.glob("rise.css")]:
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


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    server = LabServer(tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with "
                    f"`apt-get install -y chromium` or set NNVIZ_UI_CHROMIUM", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class UIResults:
    """What the suite measured, for the summary printed at the end of the session."""

    def __init__(self):
        self.latency: dict[str, list[float]] = {}   # explorer label -> ms per press
        self.notes: list[str] = []                   # non-fatal findings
        self.screenshots: dict[str, Path] = {}       # notebook stem -> png (clean runs)
        self.durations: dict[str, float] = {}
        self.outcomes: dict[str, str] = {}
        self.fit: dict[str, dict] = {}                # notebook stem -> overflows measured
        self.started = time.monotonic()


RESULTS = UIResults()


@pytest.fixture(scope="session")
def ui_results():
    return RESULTS


def _fmt(ms: float) -> str:
    return f"{ms:7.1f}"


def latency_table(results: UIResults) -> str:
    lines = [
        f"Slider-to-pixels latency (ms, key press -> canvas pixels change; "
        f"budget: median <= {LATENCY_BUDGET_MS:g} ms)",
        f"{'explorer':<60} {'n':>3} {'median':>7} {'worst':>7}",
    ]
    every: list[float] = []
    for label, xs in results.latency.items():
        if xs:
            lines.append(f"{label:<60} {len(xs):>3} {_fmt(statistics.median(xs))} {_fmt(max(xs))}")
            every += xs
        else:
            lines.append(f"{label:<60} {0:>3} {'-':>7} {'-':>7}")
    if every:
        med = statistics.median(every)
        verdict = "OK" if med <= LATENCY_BUDGET_MS else "OVER BUDGET"
        lines.append(f"{'overall':<60} {len(every):>3} {_fmt(med)} {_fmt(max(every))}  {verdict}")
    else:
        lines.append("(no explorer latency measured)")
    return "\n".join(lines)


def pytest_runtest_logreport(report):
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        name = report.nodeid.split("[")[-1].rstrip("]") if "[" in report.nodeid else report.nodeid
        RESULTS.outcomes[name] = report.outcome


def _update_docs_screenshot() -> str | None:
    shots = RESULTS.screenshots
    if not shots:
        return None
    if DOCS_SCREENSHOT.exists() and os.environ.get("NNVIZ_UI_DOCS_SCREENSHOT") != "1":
        return None
    stem = next((s for s in DOCS_SCREENSHOT_PREFERENCE if s in shots), sorted(shots)[0])
    DOCS_SCREENSHOT.parent.mkdir(exist_ok=True)
    shutil.copyfile(shots[stem], DOCS_SCREENSHOT)
    return f"docs/screenshot.png <- {stem} ({DOCS_SCREENSHOT.stat().st_size // 1024} KB)"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not RESULTS.outcomes and not RESULTS.latency:
        return
    tr = terminalreporter
    tr.section("nnviz UI: notebooks in JupyterLab + Chromium")
    lines = [f"{'notebook':<32} {'result':<8} {'seconds':>7}"]
    for name in sorted(RESULTS.outcomes):
        lines.append(f"{name:<32} {RESULTS.outcomes[name]:<8} "
                     f"{RESULTS.durations.get(name, float('nan')):>7.1f}")
    lines.append(f"total suite time: {time.monotonic() - RESULTS.started:.1f} s")
    lines.append("")
    lines.append(latency_table(RESULTS))
    if RESULTS.fit:
        lines.append("")
        lines.append("Fit at 1280x1000, file browser open (canvases and images wider than "
                     "their output area):")
        for stem in sorted(RESULTS.fit):
            fit = RESULTS.fit[stem]
            over = fit["overflows"]
            lines.append(f"{stem:<28} {fit['checked']:>3} checked, {len(over)} too wide"
                         f" (notebook column {fit['layout']['notebook_width']} px)")
            lines += [f"    cell {o['cell']}: {o['kind']} {o['width']} px in {o['area_width']} px,"
                      f" {o['overflow']} px cut off" + (f" '{o['title']}'" if o['title'] else "")
                      for o in over]
    if RESULTS.notes:
        lines.append("")
        lines.append("Notes (not failures):")
        lines += [f"- {n}" for n in RESULTS.notes]
    docs = _update_docs_screenshot()
    if docs:
        lines.append("")
        lines.append(docs)
    text = "\n".join(lines)
    for line in text.splitlines():
        tr.write_line(line)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "latency.txt").write_text(text + "\n")
