"""Fixtures for the JupyterLite browser test (make test-lite): the built site served on
127.0.0.1, a refusing proxy for anything else, and one Chromium."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tools.browser.lite import CHROMIUM, RefusingProxy, StaticServer, build_site_if_missing, launch_chromium

HERE = Path(__file__).resolve().parent
LITE_WARNING_FILTERS = [
    "ignore::DeprecationWarning:playwright.*",
    "ignore::DeprecationWarning:greenlet.*",
    "ignore::ResourceWarning",
]
SUMMARY: dict[str, list[str]] = {"lines": []}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.ui)
            for f in LITE_WARNING_FILTERS:
                item.add_marker(pytest.mark.filterwarnings(f))


@pytest.fixture(scope="session")
def site():
    return build_site_if_missing()


@pytest.fixture(scope="session")
def server(site):
    s = StaticServer(site).start()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="session")
def proxy():
    p = RefusingProxy().start()
    try:
        yield p
    finally:
        p.stop()


@pytest.fixture(scope="session")
def browser(proxy):
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `apt-get install -y chromium`",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p, proxy)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def summary():
    SUMMARY["started"] = time.monotonic()
    return SUMMARY["lines"]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if SUMMARY["lines"]:
        terminalreporter.section("nnviz in the browser (JupyterLite)")
        for line in SUMMARY["lines"]:
            terminalreporter.write_line(line)
        if "started" in SUMMARY:
            terminalreporter.write_line(
                f"total: {time.monotonic() - SUMMARY['started']:.0f} s")
