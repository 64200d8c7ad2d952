"""Put the nnviz-rise-shim JupyterLab extension into an environment (make lab/test run this).

    python tools/rise/install.py [--prefix PREFIX]     (default: this Python's sys.prefix)

The extension (tools/rise/labextension/: a package.json and one hand-written remoteEntry.js,
nothing to build) lets ipywidgets and ipympl render in a RISE slideshow: see the comment at
the top of its remoteEntry.js and docs/teaching.md (Presenting live with RISE).

JupyterLab finds an extension as a folder in ``<prefix>/share/jupyter/labextensions/``.
``pip install .`` (a wheel: Binder, a hub) puts it there through pyproject.toml's
``[tool.setuptools.data-files]``; an editable install (``pip install -e .``, what make and
tools/setup.py do) skips data files with today's setuptools, so this script copies the folder.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

NAME = "nnviz-rise-shim"
SOURCE = Path(__file__).resolve().parent / "labextension"


def target(prefix: str | Path) -> Path:
    """Where JupyterLab looks for the extension in the environment at ``prefix``."""
    return Path(prefix) / "share" / "jupyter" / "labextensions" / NAME


def install(prefix: str | Path = sys.prefix) -> Path:
    """Copy tools/rise/labextension to ``<prefix>/share/jupyter/labextensions/nnviz-rise-shim``.

    Replaces an older copy; returns the folder written.
    """
    dest = target(prefix)
    if dest.is_symlink() or dest.is_file():
        dest.unlink()
    elif dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(SOURCE, dest)
    return dest


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prefix", default=sys.prefix)
    args = parser.parse_args(argv)
    print(f"installed {install(args.prefix)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
