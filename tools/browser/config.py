"""Settings of the browser harness: Chromium, the notebooks, JupyterLab's test settings."""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
# NNVIZ_UI_NOTEBOOKS points the suite at another folder of notebooks (for debugging).
NOTEBOOKS = Path(os.environ.get("NNVIZ_UI_NOTEBOOKS", REPO / "notebooks")).resolve()
#: tests/ui's own folder (its screenshots and latency table go there).
UI_TESTS = REPO / "tests" / "ui"
SCREENSHOTS = UI_TESTS / "screenshots"
DOCS_SCREENSHOT = REPO / "docs" / "screenshot.png"
# The README screenshot: the first of these notebooks that ran cleanly, else any that did.
DOCS_SCREENSHOT_PREFERENCE = ("07_training", "06_gradient_descent", "03_network", "01_neuron",
                              "00_start_here")
CHROMIUM = os.environ.get("NNVIZ_UI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
SERVER_START_TIMEOUT = 90  # s; importing nbformat alone costs ~2 s on this kind of machine
LATENCY_BUDGET_MS = float(os.environ.get("NNVIZ_UI_LATENCY_BUDGET", "150"))
# Speed is a benchmark figure, not a test verdict: the suite always prints the latency, and
# asserts the budget only with NNVIZ_UI_ENFORCE_LATENCY=1 (on a quiet machine).
ENFORCE_LATENCY = os.environ.get("NNVIZ_UI_ENFORCE_LATENCY", "0") == "1"

VIEWPORT = {"width": 1280, "height": 1000}

# Settings a learner's JupyterLab does not need in a test: no news/update pop-up (it
# would also try the network), no toasts over the page, start the kernel without asking.
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
    "@jupyterlab/notebook-extension:tracker": {
        "autoStartDefaultKernel": True,
    },
}

