"""The JupyterLite site in Chromium: shared by tests/lite and benchmarks/lite.py.

It serves ``build/lite/`` (``make lite``) with ``python -m nnviz.serve`` on 127.0.0.1 (the
command docs/in-browser.md gives: types, cache headers, gzip copies), and
drives Chromium the way tests/ui does (it loads the harness's lab_page.js into every page
and uses its page helpers), so both suites check the same things in the same way.

Requests that leave 127.0.0.1 are caught twice: every page request goes through a
Playwright route, and Chromium sends everything else (workers, service workers, the
browser itself) through a proxy on 127.0.0.1 that answers 403 and records the URL.
Loopback addresses bypass the proxy (Chromium's default). A request in either list fails
the test, except the proxy's calls from Chromium's own background services (updates, sign-in).
"""
from __future__ import annotations

import json
import os
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from .config import CHROMIUM, CHROMIUM_ARGS, REPO, VIEWPORT
from .lab import LAB_JS
from .page import wait

SITE = Path(os.environ.get("NNVIZ_LITE_SITE", REPO / "build" / "lite")).resolve()
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# The cell that must have run for "the first cell's output": the notebook's first code cell.
FIRST_CELL_DONE_JS = """(p) => {
  const panel = window.__nnviz && window.__nnviz.panel(p);
  if (!panel) return false;
  const c = panel.content.widgets.find((w) => w.model.type === 'code');
  return !!c && c.model.executionCount !== null && c.model.executionState !== 'running';
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_site_if_missing() -> Path:
    """The built site; builds it (tools/lite/build.py) when build/lite/ has none."""
    if not (SITE / "jupyter-lite.json").exists():
        subprocess.run([sys.executable, str(REPO / "tools" / "lite" / "build.py"),
                        "--out", str(SITE)], check=True)
    return SITE


class StaticServer:
    """``python -m nnviz.serve`` on 127.0.0.1 serving a folder, as an instructor would."""

    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "nnviz.serve", str(self.root), "--port", str(self.port),
             "--bind", "127.0.0.1", "--quiet"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=str(REPO))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/jupyter-lite.json", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"nnviz.serve did not answer on {self.url}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


class RefusingProxy:
    """An HTTP(S) proxy on 127.0.0.1 that records every request and answers 403."""

    def __init__(self):
        self.urls: list[str] = []
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                try:
                    line = self.rfile.readline(4096).decode("latin-1").strip()
                except OSError:
                    return
                if line:
                    parts = line.split()
                    outer.urls.append(parts[1] if len(parts) > 1 else line)
                try:
                    self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n"
                                     b"Connection: close\r\n\r\n")
                except OSError:
                    pass

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def chromium_args(self) -> list[str]:
        # Chromium never sends loopback addresses through a proxy.
        return [f"--proxy-server=http://127.0.0.1:{self.port}"]


def launch_chromium(playwright, proxy: RefusingProxy | None = None):
    args = list(CHROMIUM_ARGS) + (proxy.chromium_args() if proxy else [])
    return playwright.chromium.launch(executable_path=CHROMIUM, args=args)


# Chromium's own background services (updates, sign-in, autofill), which it calls whatever
# page is open. They are refused like everything else, but they are not the site's requests.
BROWSER_SERVICE_HOSTS = {
    "update.googleapis.com", "accounts.google.com", "content-autofill.googleapis.com",
    "clientservices.googleapis.com", "safebrowsing.googleapis.com", "clients2.google.com",
    "optimizationguide-pa.googleapis.com", "redirector.gvt1.com", "edgedl.me.gvt1.com",
    "android.clients.google.com", "www.googleapis.com",
}


def site_requests(proxied: list[str]) -> list[str]:
    """The proxied requests that are not Chromium's own background services."""
    out = []
    for url in proxied:
        host = (urlsplit(url).hostname if "://" in url else url.rsplit(":", 1)[0]) or url
        if host not in BROWSER_SERVICE_HOSTS:
            out.append(url)
    return out


class Requests:
    """Page requests: local ones pass, any other is aborted and recorded.

    The test reads ``jupyter-lite.json`` through here and adds ``exposeAppInBrowser``, so
    that tools/browser/lab_page.js finds ``window.jupyterapp`` (the site itself leaves it off).
    """

    def __init__(self):
        self.blocked: list[str] = []
        self.count = 0

    def route(self, route):
        url = route.request.url
        host = urlsplit(url).hostname or ""
        self.count += 1
        if url.startswith(("data:", "blob:")):
            route.continue_()
        elif host in LOCAL_HOSTS:
            if urlsplit(url).path.endswith("/jupyter-lite.json"):
                response = route.fetch()
                config = json.loads(response.text())
                config.setdefault("jupyter-config-data", {})["exposeAppInBrowser"] = True
                route.fulfill(response=response, body=json.dumps(config))
            else:
                route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")


def new_page(browser, requests: Requests, console: list[str], service_workers: str = "block"):
    """A fresh context (a fresh profile) and page. Service workers are blocked unless asked
    for: the site then runs as it does on a plain-HTTP classroom address."""
    context = browser.new_context(viewport=VIEWPORT, service_workers=service_workers)
    context.add_init_script(LAB_JS)
    context.route("**/*", requests.route)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("pageerror", lambda e: console.append(f"page error: {e}"))
    page.on("console", lambda m: console.append(f"{m.type}: {m.text[:2000]}"))
    return context, page


def notebook_url(base: str, name: str) -> str:
    """JupyterLite 0.6: JupyterLab at lab/index.html, a file opened with ?path=."""
    return f"{base}/lab/index.html?path={name}"




def open_and_run(page, url: str, name: str, kernel_timeout: float, run_timeout: float) -> dict:
    """Open a notebook, wait for its kernel, run all; return the times (s) from page.goto.

    ``kernel``: the kernel is idle; ``first``: the notebook's first code cell has run;
    ``run_all``: every cell has run (from the start of run-all). A wait that times out
    fails the test (pytest.fail) with the page's state.
    """
    t0 = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    wait(page, "(p) => window.__nnviz && window.__nnviz.kernelIdle(p)", name, kernel_timeout,
         f"{name} to open with an idle kernel",
         lambda: page.evaluate("(p) => window.__nnviz.kernelState(p)", name))
    t_kernel = time.perf_counter() - t0
    page.evaluate("(p) => window.__nnviz.runAll(p)", name)
    t_start = time.perf_counter()
    wait(page, FIRST_CELL_DONE_JS, name, run_timeout, f"the first cell of {name}",
         lambda: page.evaluate("(p) => window.__nnviz.runningCells(p)", name))
    t_first = time.perf_counter() - t0
    wait(page, "(p) => window.__nnviz.runFinished(p)", name, run_timeout,
         f"run-all of {name} to finish",
         lambda: page.evaluate("(p) => window.__nnviz.runningCells(p)", name))
    return {"kernel": t_kernel, "first": t_first, "run_all": time.perf_counter() - t_start}


# Counts the canvas frames of figure i for ms milliseconds: how many animation frames
# showed pixels different from the frame before.
COUNT_FRAMES_JS = """([i, ms]) => new Promise((resolve) => {
  const fig = document.querySelector(`[data-nnviz-fig="${i}"]`);
  const c = fig && fig.querySelector('.jupyter-matplotlib-canvas-div canvas, canvas.nnviz-paint-canvas');
  if (!c) { resolve({frames: 0, ms: 0}); return; }
  const ctx = c.getContext('2d');
  const grab = () => new Uint32Array(ctx.getImageData(0, 0, c.width, c.height).data.buffer);
  const differs = (a, b) => { if (a.length !== b.length) return true;
    for (let k = 0; k < a.length; k += 3) { if (a[k] !== b[k]) return true; } return false; };
  let last = grab(); let frames = 0; const t0 = performance.now();
  const tick = () => {
    const px = grab();
    if (differs(px, last)) { frames += 1; last = px; }
    const now = performance.now();
    if (now - t0 >= ms) { resolve({frames, ms: now - t0}); } else { requestAnimationFrame(tick); }
  };
  requestAnimationFrame(tick);
})"""


def play_fps(page, fig: dict, seconds: float = 4.0) -> dict:
    """Press the explorer's play button, count the canvas frames for ``seconds``, pause."""
    buttons = {b["label"].strip().lower(): b for b in fig["buttons"]}
    play, pause = buttons.get("play"), buttons.get("pause")
    if play is None:
        return {"frames": 0, "ms": 0, "fps": 0.0, "error": f"no play button in {list(buttons)}"}
    page.locator(f'[data-nnviz-button="{play["id"]}"]').click()
    page.wait_for_timeout(300)   # the first frame (and the play task) start
    r = page.evaluate(COUNT_FRAMES_JS, [fig["index"], seconds * 1000])
    if pause is not None:
        page.locator(f'[data-nnviz-button="{pause["id"]}"]').click()
    r["fps"] = r["frames"] / (r["ms"] / 1000) if r["ms"] else 0.0
    return r
