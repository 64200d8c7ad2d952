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

import os
import shutil
import statistics
import time
from pathlib import Path

import pytest

from tools.browser.config import (CHROMIUM, CHROMIUM_ARGS, DOCS_SCREENSHOT,
                                  DOCS_SCREENSHOT_PREFERENCE, LATENCY_BUDGET_MS, SCREENSHOTS)
from tools.browser.lab import LabServer

HERE = Path(__file__).resolve().parent

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
