"""Repository-wide pytest set-up: notebook runs (nbval) keep their exercise progress out of the repo.

A notebook's kernel records check results in ``.nnviz-progress.json`` in its folder
(nnviz/_progress.py); under test that would be ``notebooks/``. Kernels inherit this environment.
"""
import os
import tempfile


def pytest_configure(config):
    if "NNVIZ_PROGRESS_FILE" not in os.environ:
        folder = tempfile.mkdtemp(prefix="nnviz-test-progress-")
        os.environ["NNVIZ_PROGRESS_FILE"] = os.path.join(folder, "progress.json")
