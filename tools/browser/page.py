"""Page helpers of the browser harness: what a notebook's outputs say, and sliders pressed
and timed through lab_page.js (``window.__nnviz``).

Shared by tests/ui/test_notebooks_ui.py, tests/lite (the same checks in the in-browser
edition) and benchmarks/lite.py (the same presses, timed).
"""
from __future__ import annotations

import re

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
SLIDER_TIMEOUT_MS = 3000      # a key press must change the canvas within this


def first_line(text: str) -> str:
    return text.strip().splitlines()[0][:120] if text.strip() else ""


def cell_name(cell: dict) -> str:
    count = cell["count"]
    prompt = f"[{count}]" if count is not None else "[ ]"
    return f"cell {cell['index']} {prompt} `{cell['first_line']}`"


def output_problems(cells: list[dict]) -> list[str]:
    """Tracebacks in the outputs, and code cells that never ran."""
    problems = []
    failed_before = None
    for cell in cells:
        if cell["type"] != "code":
            continue
        for out in cell["outputs"]:
            kind = out.get("output_type")
            if kind == "error":
                tb = ANSI.sub("", "\n".join(out.get("traceback") or []))
                tail = "\n".join(tb.strip().splitlines()[-6:])
                problems.append(f"{cell_name(cell)} raised {out.get('ename')}: "
                                f"{out.get('evalue')}\n{tail}")
                failed_before = failed_before or cell
            elif kind == "stream" and out.get("name") == "stderr":
                text = out.get("text", "")
                text = "".join(text) if isinstance(text, list) else text
                if "Traceback (most recent call last)" in text:
                    problems.append(f"{cell_name(cell)} printed a traceback on stderr:\n"
                                    + "\n".join(ANSI.sub("", text).strip().splitlines()[-6:]))
        if cell["count"] is None and not cell["empty"]:
            why = (f" (an earlier cell failed: cell {failed_before['index']})"
                   if failed_before else "")
            problems.append(f"{cell_name(cell)} never ran{why}")
    return problems


def press_and_time(page, fig: int, handle, key: str, timeout_ms: int) -> dict:
    """Press `key` on a slider handle; return when figure `fig`'s pixels changed (or not)."""
    page.evaluate("([i, q, m]) => window.__nnviz.settle(i, q, m)", [fig, 250, 5000])
    page.evaluate("([i, t]) => window.__nnviz.arm(i, t)", [fig, timeout_ms])
    handle.press(key)
    page.wait_for_function("() => window.__nnviz.probe.done", timeout=timeout_ms + 10_000,
                           polling=50)
    return page.evaluate("() => window.__nnviz.probeResult()")


def key_for(page, slider_id: str, forward: bool = True) -> str:
    """ArrowRight (forward) or ArrowLeft, turned around when the slider is at that end."""
    v = page.evaluate("(id) => window.__nnviz.sliderValue(id)", slider_id) or {}
    try:
        now, lo, hi = (float(v[k]) for k in ("now", "min", "max"))
    except (KeyError, TypeError, ValueError):
        return "ArrowRight" if forward else "ArrowLeft"
    if forward:
        return "ArrowLeft" if now >= hi else "ArrowRight"
    return "ArrowRight" if now <= lo else "ArrowLeft"


def button_that_redraws(page, fig: int, buttons: list[dict]) -> dict | None:
    for b in buttons:
        if b["disabled"] or not b["visible"]:
            continue
        page.evaluate("([i, q, m]) => window.__nnviz.settle(i, q, m)", [fig, 250, 5000])
        page.evaluate("([i, t]) => window.__nnviz.arm(i, t)", [fig, SLIDER_TIMEOUT_MS])
        page.locator(f'[data-nnviz-button="{b["id"]}"]').click()
        page.wait_for_function("() => window.__nnviz.probe.done",
                               timeout=SLIDER_TIMEOUT_MS + 10_000, polling=50)
        if page.evaluate("() => window.__nnviz.probeResult()")["changed"]:
            return b
    return None


def wait(page, expr: str, arg, timeout_s: float, what: str, diagnose=None):
    """page.wait_for_function with a timeout that fails the test with a readable message
    (the browser suites and the benchmarks share it)."""
    import pytest
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    try:
        page.wait_for_function(expr, arg=arg, timeout=timeout_s * 1000, polling=100)
    except PlaywrightTimeout:
        extra = ""
        if diagnose:
            try:
                extra = f"\n  state: {diagnose()}"
            except Exception as e:  # the page itself may be wedged
                extra = f"\n  (could not read the page state: {e})"
        pytest.fail(f"timed out after {timeout_s:g} s waiting for {what}{extra}", pytrace=False)
