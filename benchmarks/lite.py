"""The in-browser edition against JupyterLab with a local kernel, in one Chromium run.

``make bench-lite`` (builds the site if needed), or
``python -m benchmarks.lite [--notebooks 01,03] [--site build/lite] [--no-gzip]
[--no-service-worker]`` (the last: the site as at a plain-HTTP classroom address).

For each notebook the two take turns, each in the same Chromium:

- **first visit**: a fresh browser profile on disk (empty HTTP cache, no code cache, no
  service worker yet), the notebook's address opened; then the browser is closed;
- **second visit**: Chromium started again on the same profile (its HTTP cache, V8/wasm code
  caches and the service worker's cache on disk, as a learner coming back finds them), the
  same address;
- **offline** (the site only): the same profile with the network off (the service worker
  serves every file);
- **restart at once**: in the second visit's tab, as soon as Run All has finished, restart the
  kernel and Run All;
- **restart**: the same after the notebook has sat idle for PAUSE_S seconds, as a learner who
  has read and worked a while before restarting (the site keeps a spare Python booted for a
  restart, which it starts once no cell has run for 2 s: tools/lite/kernel-start.js).

No request is intercepted (Playwright's request routing turns Chromium's HTTP cache and code
cache off, which made earlier "second visits" first visits served by the service worker):
Chromium sends everything that would leave 127.0.0.1 to a proxy on 127.0.0.1 that refuses it
and records it (tools/browser/lite.RefusingProxy), and the report lists such requests.
The site's ``jupyter-lite.json`` is served with ``exposeAppInBrowser`` on (the harness's
page helpers need ``window.jupyterapp``) by the in-process server, not by a route.

and for each visit, seconds from navigation (for the restart: from the restart) to

- *picture*: the first figure's canvas has drawn;
- *idle*: the kernel is idle (for the site: Pyodide, numpy, matplotlib, the widgets and nnviz
  are loaded in the page);
- *live*: the first explorer whose slider, pressed with the keyboard, changes the picture's pixels.

Run All starts as soon as the kernel is idle, as a learner presses it. The ratios (site /
JupyterLab, same run, same visit) are the figures to read: a busy machine slows both alike.
Goals (issue 16): live ≤ 1.5x on a first visit, ≤ 1.0x on a second visit, restart ≤ 1.5x.

For the site, also where its start-up went (tools/lite/kernel-start.js records it): when
JupyterLab asked for the kernel's worker, and when the worker started with the page had
booted Python (loaded the packages, run the warm-up imports), in seconds from navigation.

Also printed: the bytes the server sent for the site's first visit (with its gzip copies, as
``python -m nnviz.serve`` sends them, and the raw bytes of the same files), and the load average.
The site is served in this process by nnviz.serve, which counts the bytes.
"""
from __future__ import annotations

import argparse
import datetime
import io
import json
import shutil
import os
import platform
import sys
import tempfile
import threading
import time
from pathlib import Path

from nnviz import serve
from tools.browser import lite as _lite
from tools.browser.config import CHROMIUM, CHROMIUM_ARGS, REPO, VIEWPORT
from tools.browser.lab import LAB_JS
from tools.browser.lab import LabServer
from tools.browser.page import key_for as _key_for
from tools.browser.page import press_and_time as _press_and_time

TIMEOUT_S = 300
PAUSE_S = 10  # the notebook left idle before "restart" (a learner reading, working)
# The site's record of its kernel workers (tools/lite/kernel-start.js), in seconds.
KERNEL_STARTS_JS = """() => (window.nnvizKernelStarts || []).map((r) => ({
  used: r.used, spare: r.spare, stages: r.stages,
  asked: r.askedAt === null ? null : r.askedAt / 1000,
  booted: r.readyAt === null ? null : r.readyAt / 1000}))"""

# Any figure canvas in the notebook that has drawn (nonzero size, not one colour).
PICTURE_JS = """() => {
  for (const c of document.querySelectorAll('.jp-NotebookPanel .jupyter-matplotlib-canvas-div canvas, .jp-NotebookPanel canvas.nnviz-paint-canvas')) {
    if (!c.width || !c.height) continue;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let k = 4; k < d.length; k += 4 * 7) { if (d[k] !== d[0] || d[k + 1] !== d[1] || d[k + 2] !== d[2]) return true; }
  }
  return false;
}"""


class CountingServer:
    """nnviz.serve in a thread, counting the bytes of every response body it sends."""

    def __init__(self, root: Path, gzip: bool = True):
        self.sent = 0
        self.raw = 0
        self.root = root
        outer = self

        class Counting(serve.SiteHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(root), **kwargs)

            def send_head(self):
                if not gzip:
                    del self.headers["Accept-Encoding"]
                if self.path.split("?", 1)[0].endswith("/jupyter-lite.json"):
                    return self._exposed_config()
                f = super().send_head()
                if f is not None:
                    size = os.fstat(f.fileno()).st_size
                    plain = self.translate_path(self.path)
                    with outer.lock:
                        outer.sent += size
                        outer.raw += os.path.getsize(plain) if os.path.isfile(plain) else size
                return f

            def _exposed_config(self):
                # The harness's page helpers need window.jupyterapp (the site leaves it off).
                plain = self.translate_path(self.path)
                config = json.loads(Path(plain).read_text())
                config.setdefault("jupyter-config-data", {})["exposeAppInBrowser"] = True
                body = json.dumps(config).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Cache-Control", serve.cache_control(self.path))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with outer.lock:
                    outer.sent += len(body)
                    outer.raw += len(body)
                return io.BytesIO(body)

        self.lock = threading.Lock()
        import http.server
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
        self.server.quiet = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reset(self):
        with self.lock:
            self.sent = self.raw = 0

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def _live(page, name: str, deadline: float) -> bool:
    """Wait until some explorer's slider changes its picture; True when one did."""
    tried: set[str] = set()
    while time.perf_counter() < deadline:
        for fig in page.evaluate("(p) => window.__nnviz.scan(p)", name):
            if not fig["in_explorer"]:
                continue
            info = page.evaluate("(i) => window.__nnviz.canvasInfo(i)", fig["index"])
            if not (info.get("exists") and info.get("width") and not info.get("blank")):
                continue
            for s in fig["sliders"]:
                if not (s["has_handle"] and s["visible"] and not s["disabled"]) or s["id"] in tried:
                    continue
                handle = page.locator(f'[data-nnviz-slider="{s["id"]}"] .noUi-handle').first
                handle.scroll_into_view_if_needed()
                r = _press_and_time(page, fig["index"], handle, _key_for(page, s["id"]), 15000)
                if r["changed"]:
                    return True
                tried.add(s["id"])
        page.wait_for_timeout(200)
    return False


def visit(page, url: str, name: str) -> dict:
    """Open ``url``; times (s) from navigation to picture, idle kernel and live explorer."""
    out = {"picture": None, "idle": None, "live": None}
    t0 = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("(p) => window.__nnviz && window.__nnviz.kernelIdle(p)", arg=name,
                           timeout=TIMEOUT_S * 1000, polling=100)
    out["idle"] = time.perf_counter() - t0
    starts = page.evaluate(KERNEL_STARTS_JS)
    if starts:
        out["kernel"] = starts[0]
    page.evaluate("(p) => window.__nnviz.runAll(p)", name)
    page.wait_for_function(PICTURE_JS, timeout=TIMEOUT_S * 1000, polling=100)
    out["picture"] = time.perf_counter() - t0
    if _live(page, name, t0 + TIMEOUT_S):
        out["live"] = time.perf_counter() - t0
    page.wait_for_function("(p) => window.__nnviz.runFinished(p)", arg=name,
                           timeout=TIMEOUT_S * 1000, polling=200)
    return out


def restart(page, name: str, pause_s: float = 0) -> dict:
    """After ``pause_s`` seconds, restart the kernel in ``page`` and Run All; times (s) from
    the restart."""
    out = {"picture": None, "idle": None, "live": None}
    page.wait_for_timeout(pause_s * 1000)
    before = len(page.evaluate(KERNEL_STARTS_JS))
    page.evaluate("() => { window.jupyterapp.commands.execute('kernelmenu:restart'); }")
    page.wait_for_selector(".jp-Dialog button.jp-mod-accept", timeout=10_000)
    t0 = time.perf_counter()
    page.click(".jp-Dialog button.jp-mod-accept")
    page.wait_for_timeout(300)
    page.wait_for_function("(p) => window.__nnviz.kernelIdle(p)", arg=name,
                           timeout=TIMEOUT_S * 1000, polling=100)
    out["idle"] = time.perf_counter() - t0
    starts = page.evaluate(KERNEL_STARTS_JS)
    if len(starts) > before:
        out["kernel"] = starts[-1]
    page.evaluate("(p) => window.__nnviz.runAll(p)", name)
    if _live(page, name, t0 + TIMEOUT_S):
        out["live"] = time.perf_counter() - t0
    page.wait_for_function("(p) => window.__nnviz.runFinished(p)", arg=name,
                           timeout=TIMEOUT_S * 1000, polling=200)
    return out


def _new_page(context):
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


class Profile:
    """One learner's browser profile on disk: Chromium started on it, closed, started again."""

    def __init__(self, playwright, proxy, service_workers: str):
        self.playwright, self.proxy, self.service_workers = playwright, proxy, service_workers
        self.dir = Path(tempfile.mkdtemp(prefix="nnviz-bench-profile-"))
        self.context = None

    def start(self):
        self.context = self.playwright.chromium.launch_persistent_context(
            str(self.dir), executable_path=CHROMIUM,
            args=list(CHROMIUM_ARGS) + self.proxy.chromium_args(),
            viewport=VIEWPORT, service_workers=self.service_workers)
        self.context.add_init_script(LAB_JS)
        for page in self.context.pages:        # the blank tab a persistent profile opens with
            page.close()
        return _new_page(self.context)

    def close(self):
        if self.context is not None:
            self.context.close()
            self.context = None

    def remove(self):
        self.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def bench_site(pw, proxy, server: CountingServer, name: str, service_worker: bool = True) -> dict:
    """The site's visits; with ``service_worker=False`` as at a plain-HTTP classroom address
    (no service worker: a second visit is served by the HTTP cache and the server)."""
    rows = {}
    before = len(proxy.urls)
    profile = Profile(pw, proxy, "allow" if service_worker else "block")
    url = _lite.notebook_url(server.url, name)
    try:
        page = profile.start()
        server.reset()
        rows["first"] = visit(page, url, name)
        rows["first"]["bytes"] = (server.sent, server.raw)
        # What the page itself asks the worker to keep once Python is ready (nnviz-site.js
        # does it a second after "ready"; here at once, so the byte count includes it).
        kept = page.evaluate("() => window.nnvizKeepForOffline ? window.nnvizKeepForOffline() : null")
        rows["first"]["bytes_with_offline_copy"] = server.sent
        rows["first"]["kept"] = kept
        page.wait_for_timeout(2000)
        profile.close()                               # the learner closes the browser
        page = profile.start()
        server.reset()
        rows["second"] = visit(page, url, name)
        rows["second"]["bytes"] = (server.sent, server.raw)
        rows["restart at once"] = restart(page, name)
        rows["restart"] = restart(page, name, PAUSE_S)
        page.close()
        if service_worker and (server.root / "nnviz-site.js").exists():   # the offline copy
            profile.context.set_offline(True)
            server.reset()
            page = _new_page(profile.context)
            rows["offline"] = visit(page, url, name)
            rows["offline"]["bytes"] = (server.sent, server.raw)
    finally:
        profile.remove()
    rows["outside"] = sorted(set(_lite.site_requests(proxy.urls[before:])))
    return rows


def bench_lab(pw, proxy, lab, name: str) -> dict:
    rows = {}
    before = len(proxy.urls)
    profile = Profile(pw, proxy, "block")
    stem = name.removesuffix(".ipynb")
    url = f"{lab.url}/lab/workspaces/bench-{stem}/tree/{name}"
    try:
        page = profile.start()
        rows["first"] = visit(page, url, name)
        profile.close()
        lab.shutdown_sessions()
        page = profile.start()
        rows["second"] = visit(page, url, name)
        rows["restart at once"] = restart(page, name)
        rows["restart"] = restart(page, name, PAUSE_S)
    finally:
        profile.remove()
        lab.shutdown_sessions()
    rows["outside"] = sorted(set(_lite.site_requests(proxy.urls[before:])))
    return rows


def _f(x):
    return "   -" if x is None else f"{x:5.1f}"


def _ratio(a, b):
    return "  -" if a is None or b is None or not b else f"{a / b:4.2f}x"


def report(results: dict, loads: list, site: Path) -> str:
    lines = [f"{datetime.date.today().isoformat()}  {platform.node()}  {os.cpu_count()} cores  "
             f"{platform.platform()}  load average {loads[0][0]:.1f} at the start, "
             f"{loads[-1][0]:.1f} at the end (1-min)  site: {site}",
             "",
             "| notebook | visit | site picture / idle / live (s) | JupyterLab picture / idle / live (s) | live ratio |",
             "|---|---|---|---|---|"]
    for name, (s, j) in results.items():
        stem = name.removesuffix(".ipynb")
        for visit_name in ("first", "second", "offline", "restart", "restart at once"):
            a = s.get(visit_name)
            b = j.get(visit_name if visit_name != "offline" else "second")
            if a is None:
                continue
            lab_text = "(as second)" if visit_name == "offline" else \
                f"{_f(b['picture'])} / {_f(b['idle'])} / {_f(b['live'])}"
            lines.append(f"| {stem} | {visit_name} | {_f(a['picture'])} / {_f(a['idle'])} / "
                         f"{_f(a['live'])} | {lab_text} | {_ratio(a['live'], b['live'])} |")
    lines.append("")
    for name, (s, _) in results.items():
        parts = []
        for visit_name in ("first", "second", "offline", "restart", "restart at once"):
            k = (s.get(visit_name) or {}).get("kernel")
            if not k:
                continue
            if visit_name.startswith("restart"):
                parts.append(f"{visit_name}: {'a spare' if k['spare'] else 'a new'} worker"
                             f"{'' if k['used'] else ' (its Python not used!)'}")
            else:
                stages = ", ".join(f"{st} {ms / 1000:.1f}" for st, ms in k["stages"].items())
                parts.append(f"{visit_name}: kernel asked at {_f(k['asked']).strip()} s, Python "
                             f"booted at {_f(k['booted']).strip()} s (worker: {stages})"
                             f"{'' if k['used'] else ' (not used!)'}")
        if parts:
            lines.append(f"{name}: " + "; ".join(parts))
    lines.append("")
    for name, (s, _) in results.items():
        sent, raw = s["first"]["bytes"]
        lines.append(f"{name}: first visit sent {sent / 1e6:.1f} MB over the wire "
                     f"({raw / 1e6:.1f} MB of files; {s['first']['bytes_with_offline_copy'] / 1e6:.1f} MB "
                     f"with the offline copy); second visit {s['second']['bytes'][0] / 1e6:.2f} MB; "
                     f"requests that tried to leave 127.0.0.1 (refused): site "
                     f"{s['outside'] or 'none'}, JupyterLab {results[name][1]['outside'] or 'none'}")
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--notebooks", default="", help="comma-separated prefixes, e.g. 01,07")
    p.add_argument("--site", type=Path, default=None, help="a built site (default build/lite)")
    p.add_argument("--no-gzip", action="store_true", help="serve without the .gz copies")
    p.add_argument("--no-service-worker", action="store_true",
                   help="block the site's service worker, as at a plain-HTTP classroom address")
    a = p.parse_args(argv)
    names = sorted(q.name for q in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if a.notebooks:
        wanted = a.notebooks.split(",")
        names = [n for n in names if any(n.startswith(w) for w in wanted)]

    from playwright.sync_api import sync_playwright
    site = a.site.resolve() if a.site else _lite.build_site_if_missing()
    server = CountingServer(site, gzip=not a.no_gzip)
    lab = LabServer(Path(tempfile.mkdtemp(prefix="nnviz-bench-lab-")))
    lab.start()
    proxy = _lite.RefusingProxy().start()
    results = {}
    loads = [os.getloadavg()]
    try:
        with sync_playwright() as pw:
            for name in names:
                s = bench_site(pw, proxy, server, name, not a.no_service_worker)
                j = bench_lab(pw, proxy, lab, name)
                loads.append(os.getloadavg())
                results[name] = (s, j)
                print(f"{name}: site {s}\n{' ' * len(name)}  lab  {j}", flush=True)
    finally:
        lab.stop()
        server.stop()
        proxy.stop()
    print()
    print(report(results, loads, site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
