"""`make lab` and `make test` with Python alone, for machines without make (Windows):

    python tools/setup.py lab       create .venv, install the pinned versions, open JupyterLab
    python tools/setup.py test      the same set-up, then every test
    python tools/setup.py install   only the set-up
    python tools/setup.py slides [--edition student] [--ref TAG] ...   make slides
    python tools/setup.py site   [--edition student] [--lite URL] ...  make site
    python tools/setup.py student                                      make student
    python tools/setup.py grade submissions [--out grades.csv] ...     make grade

It does exactly what the Makefile does: a virtual environment in ``.venv/``, the exact
versions of ``requirements.lock``, nnviz itself (editable), then ``jupyter lab notebooks/``.
The set-up runs again only when pyproject.toml or requirements.lock changed. Options after
slides, site, student and grade go to ``tools/publish`` and ``nnviz.grade`` as they are.

The lock's versions need Python 3.11 or newer (its numpy has no wheel for 3.10): on Python
3.10 the set-up says so and installs the newest versions pyproject.toml allows instead, as
``make lab`` does; older Pythons get a sentence to act on, not a traceback.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The oldest Python the lock installs on, and the oldest nnviz runs on at all.
LOCK_PYTHON = (3, 11)
MIN_PYTHON = (3, 10)


def use_lock(version=None) -> bool:
    """True when this Python can install requirements.lock; False on 3.10 (the fallback).

    Raises SystemExit with a sentence for a Python older than 3.10."""
    version = tuple(version or sys.version_info[:2])
    if version < MIN_PYTHON:
        raise SystemExit(f"nnviz needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer (3.11 or newer "
                         f"for the pinned versions); this is Python {version[0]}.{version[1]}. "
                         "Install a newer Python from python.org and run this again with it.")
    return version >= LOCK_PYTHON


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
    for command in install_commands(python, root, use_lock(), q):
        subprocess.run(command, check=True)
    # As `make`: kernels say which cells to run after a NameError (nnviz/hints.py).
    if (root / "nnviz" / "hints.py").exists():
        subprocess.run([python, "-m", "nnviz.hints", "--install"], check=True)
    if (rise / "install.py").exists():
        subprocess.run([python, str(rise / "install.py")], check=True, capture_output=quiet)
    stamp.touch()
    return folder


def install_commands(python: str, root: Path, lock: bool, q=()) -> list[list[str]]:
    """The pip commands: the lock then nnviz, or (Python 3.10) nnviz with its newest allowed versions."""
    if lock:
        return [[python, "-m", "pip", "install", *q, "-r", str(root / "requirements.lock")],
                [python, "-m", "pip", "install", *q, "--no-deps", "-e", str(root)]]
    print(f"Python {sys.version_info[0]}.{sys.version_info[1]}: the pinned versions of requirements.lock "
          "need Python 3.11 or newer, so the newest versions pyproject.toml allows are installed instead.")
    return [[python, "-m", "pip", "install", *q, "-e", str(root) + "[test]"]]


def lab_command(folder: Path) -> list[str]:
    """The command `make lab` runs: JupyterLab on notebooks/ (--allow-root when root)."""
    root_user = hasattr(os, "geteuid") and os.geteuid() == 0
    return [str(venv_bin(folder, "jupyter")), "lab", *(["--allow-root"] if root_user else []), "notebooks/"]


def test_command(folder: Path) -> list[str]:
    """The command `make test` runs."""
    return [str(venv_bin(folder, "python")), "-m", "pytest", "tests", "notebooks", "--ignore=tests/ui", "--ignore=tests/lite",
            "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider"]


def tool_command(folder: Path, what: str, rest=()) -> list[str]:
    """The command `make slides|site|student|grade` runs, with ``rest`` passed on."""
    python = str(venv_bin(folder, "python"))
    if what == "grade":
        return [python, "-m", "nnviz.grade", *(rest or ["submissions"])]
    if what == "student" and "--out" not in rest:
        rest = ["--out", str(Path("build") / "student"), *rest]
    return [python, str(Path("tools") / "publish"), what, *rest]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["lab", "test", "install", "slides", "site", "student", "grade"])
    args, rest = parser.parse_known_args(argv)
    if rest and args.what in ("lab", "test", "install"):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    folder = install()
    if args.what in ("slides", "site", "student", "grade"):
        return subprocess.call(tool_command(folder, args.what, rest), cwd=ROOT)
    if args.what == "lab":
        return subprocess.call(lab_command(folder), cwd=ROOT)
    if args.what == "test":
        return subprocess.call(test_command(folder), cwd=ROOT, env={**os.environ, "MPLBACKEND": "Agg"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
