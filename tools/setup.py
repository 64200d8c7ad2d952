"""`make lab` and `make test` with Python alone, for machines without make (Windows):

    python tools/setup.py lab       create .venv, install the pinned versions, open JupyterLab
    python tools/setup.py test      the same set-up, then every test
    python tools/setup.py install   only the set-up

It does exactly what the Makefile does: a virtual environment in ``.venv/``, the exact
versions of ``requirements.lock``, nnviz itself (editable), then ``jupyter lab notebooks/``.
The set-up runs again only when pyproject.toml or requirements.lock changed.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def venv_bin(folder: Path, program: str) -> Path:
    """``.venv/bin/<program>`` (``.venv\\Scripts\\<program>.exe`` on Windows)."""
    if sys.platform == "win32":
        return folder / "Scripts" / (program + ".exe")
    return folder / "bin" / program


def install(root: Path = ROOT, folder: Path | None = None, quiet: bool = True) -> Path:
    """Create the venv and install the lock and nnviz into it (skipped when up to date)."""
    folder = folder or root / ".venv"
    stamp = folder / ".nnviz-installed"
    rise = root / "tools" / "rise"   # the RISE extension (see tools/rise/install.py)
    sources = [root / "pyproject.toml", root / "requirements.lock",
               *(p for p in rise.rglob("*") if p.suffix in {".py", ".json", ".js"})]
    if stamp.exists() and all(stamp.stat().st_mtime >= s.stat().st_mtime for s in sources):
        return folder
    venv.create(folder, with_pip=True)
    python = str(venv_bin(folder, "python"))
    q = ["--quiet"] if quiet else []
    subprocess.run([python, "-m", "pip", "install", *q, "--upgrade", "pip"], check=True)
    subprocess.run([python, "-m", "pip", "install", *q, "-r", str(root / "requirements.lock")], check=True)
    subprocess.run([python, "-m", "pip", "install", *q, "--no-deps", "-e", str(root)], check=True)
    # As `make`: kernels say which cells to run after a NameError (nnviz/hints.py).
    if (root / "nnviz" / "hints.py").exists():
        subprocess.run([python, "-m", "nnviz.hints", "--install"], check=True)
    if (rise / "install.py").exists():
        subprocess.run([python, str(rise / "install.py")], check=True, capture_output=quiet)
    stamp.touch()
    return folder


def lab_command(folder: Path) -> list[str]:
    """The command `make lab` runs: JupyterLab on notebooks/ (--allow-root when root)."""
    root_user = hasattr(os, "geteuid") and os.geteuid() == 0
    return [str(venv_bin(folder, "jupyter")), "lab", *(["--allow-root"] if root_user else []), "notebooks/"]


def test_command(folder: Path) -> list[str]:
    """The command `make test` runs."""
    return [str(venv_bin(folder, "python")), "-m", "pytest", "tests", "notebooks", "--ignore=tests/ui", "--ignore=tests/lite",
            "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["lab", "test", "install"])
    args = parser.parse_args(argv)
    folder = install()
    if args.what == "lab":
        return subprocess.call(lab_command(folder), cwd=ROOT)
    if args.what == "test":
        return subprocess.call(test_command(folder), cwd=ROOT, env={**os.environ, "MPLBACKEND": "Agg"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
