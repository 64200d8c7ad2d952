"""The JupyterLite site against JupyterLab with a local kernel, in one Chromium session.

``make bench-lite`` (builds the site if needed). For each notebook, first in the site
(build/lite/ served by ``python -m http.server`` on 127.0.0.1, Pyodide kernel in the page),
then in JupyterLab (a local ipykernel, as ``make lab``), each in a fresh browser context:

- first output: seconds from opening the notebook's URL to the end of its first code cell
  (run-all started as soon as the kernel is idle; in the site this includes loading Pyodide,
  numpy and matplotlib and the set-up cell);
- run all: seconds for run-all, from its start to the last cell;
- slider: median milliseconds from a key press on an explorer's slider to changed canvas
  pixels (the first slider that redraws, up to 5 presses per explorer);
- play: frames per second the training playground shows while it plays (07 only).

Usage (from the repository root): ``python -m benchmarks.lite [--notebooks 01,07]``. The two take turns per notebook,
so a busy machine slows both alike; the ratios are the figure to read.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from tools.browser import lite as _lite
from tools.browser.config import REPO
from tools.browser.lab import LabServer
from tools.browser.page import key_for, press_and_time

PRESSES = 5


def measure(browser, url: str, name: str) -> dict:
    requests, console = _lite.Requests(), []
    context, page = _lite.new_page(browser, requests, console)
    try:
        row = _lite.open_and_run(page, url, name, 300, 400)
        figures = page.evaluate("(p) => window.__nnviz.scan(p)", name)
        latencies = []
        for fig in figures:
            if not fig["in_explorer"]:
                continue
            page.locator(f'[data-nnviz-fig="{fig["index"]}"]').scroll_into_view_if_needed()
            for s in fig["sliders"]:
                if not (s["has_handle"] and s["visible"] and not s["disabled"]):
                    continue
                handle = page.locator(f'[data-nnviz-slider="{s["id"]}"] .noUi-handle').first
                times = []
                for n in range(PRESSES):
                    r = press_and_time(page, fig["index"], handle,
                                        key_for(page, s["id"], forward=n % 2 == 0), 5000)
                    if r["changed"]:
                        times.append(r["ms"])
                    elif n == 0:
                        break            # a setting that does not redraw: try the next slider
                if times:
                    latencies += times
                    break
            if any(b["label"].strip().lower() == "play" for b in fig["buttons"]):
                row["fps"] = _lite.play_fps(page, fig, seconds=5.0)["fps"]
        row["slider"] = statistics.median(latencies) if latencies else None
        row["outside"] = sorted(set(requests.blocked))
        return row
    finally:
        context.close()


def _fmt(x, unit="", digits=1):
    return "-" if x is None else f"{x:.{digits}f}{unit}"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--notebooks", default="", help="comma-separated prefixes, e.g. 01,07")
    a = p.parse_args(argv)
    names = sorted(q.name for q in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if a.notebooks:
        wanted = a.notebooks.split(",")
        names = [n for n in names if any(n.startswith(w) for w in wanted)]

    from playwright.sync_api import sync_playwright
    site = _lite.build_site_if_missing()
    static = _lite.StaticServer(site).start()
    lab = LabServer(Path(tempfile.mkdtemp(prefix="nnviz-bench-lab-")))
    lab.start()
    results = {}
    try:
        with sync_playwright() as pw:
            browser = _lite.launch_chromium(pw)
            for name in names:
                stem = name.removesuffix(".ipynb")
                lite = measure(browser, _lite.notebook_url(static.url, name), name)
                desk = measure(browser, f"{lab.url}/lab/workspaces/bench-{stem}/tree/{name}", name)
                lab.shutdown_sessions()
                results[name] = (lite, desk)
                print(f"{name}: site {lite}\n{' ' * len(name)}  lab  {desk}", flush=True)
            browser.close()
    finally:
        lab.stop()
        static.stop()

    head = (f"{'notebook':<26} {'first output (s)':>17} {'run all (s)':>13} "
            f"{'slider median (ms)':>19} {'play (fps)':>11}")
    lines = ["", "JupyterLite site (Pyodide in the page) / JupyterLab (local kernel), same Chromium",
             head, "-" * len(head)]
    for name, (lite, desk) in results.items():
        lines.append(
            f"{name.removesuffix('.ipynb'):<26} "
            f"{_fmt(lite['first']):>7} / {_fmt(desk['first']):<7} "
            f"{_fmt(lite['run_all']):>5} / {_fmt(desk['run_all']):<5} "
            f"{_fmt(lite['slider'], digits=0):>8} / {_fmt(desk['slider'], digits=0):<8} "
            + (f"{_fmt(lite.get('fps')):>4} / {_fmt(desk.get('fps')):<4}" if "fps" in lite else ""))
    firsts = [(lite["first"], desk["first"]) for lite, desk in results.values()]
    runs = [(lite["run_all"], desk["run_all"]) for lite, desk in results.values()]
    sliders = [(lite["slider"], desk["slider"]) for lite, desk in results.values()
               if lite["slider"] and desk["slider"]]
    lines.append("-" * len(head))
    lines.append(f"{'median':<26} "
                 f"{statistics.median(x for x, _ in firsts):>7.1f} / "
                 f"{statistics.median(y for _, y in firsts):<7.1f} "
                 f"{statistics.median(x for x, _ in runs):>5.1f} / "
                 f"{statistics.median(y for _, y in runs):<5.1f} "
                 + (f"{statistics.median(x for x, _ in sliders):>8.0f} / "
                    f"{statistics.median(y for _, y in sliders):<8.0f}" if sliders else ""))
    outside = sorted({u for lite, _ in results.values() for u in lite["outside"]})
    lines.append(f"site requests that left 127.0.0.1: {outside or 'none'}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
