"""Refresh requirements.lock: the exact versions `make lab`, `make test` and Binder install.

    python tools/lock.py [--out requirements.lock]        (or: make lock)

Creates a fresh virtual environment in a temporary folder with this Python, installs nnviz
with its test extras from pyproject.toml (newest versions allowed by its bounds), and writes
``pip freeze`` of that environment, nnviz itself left out, with a header saying when and
where it was made. Commit the new lock after `make test` passes with it; environment.yml's
pins are checked against it by tests/test_lock.py, so update those in the same commit.
"""
from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import venv
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"


def venv_python(folder: Path) -> Path:
    """The interpreter of a virtual environment, on Windows and elsewhere."""
    windows = folder / "Scripts" / "python.exe"
    return windows if windows.exists() or sys.platform == "win32" else folder / "bin" / "python"


def render(freeze: list[str], python: str, system: str) -> str:
    """The lock file's text from ``pip freeze`` lines (nnviz and editable installs dropped)."""
    pins = sorted((line.strip() for line in freeze
                   if line.strip() and not line.startswith(("-e ", "#")) and "==" in line
                   and not line.lower().startswith("nnviz==")), key=str.lower)
    header = [
        "# Exact versions for nnviz: `make lab`, `make test`, tools/setup.py and Binder install these.",
        f"# Made by `make lock` (python tools/lock.py) on {date.today().isoformat()}, "
        f"Python {python}, {system}.",
        "# Do not edit by hand; see docs/teaching.md (Pinned versions).",
    ]
    return "\n".join(header + pins) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=LOCK)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nnviz-lock-") as tmp:
        folder = Path(tmp) / "venv"
        venv.create(folder, with_pip=True)
        python = str(venv_python(folder))
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", f"{ROOT}[test]"], check=True)
        freeze = subprocess.run([python, "-m", "pip", "freeze", "--exclude-editable"], check=True,
                                capture_output=True, text=True).stdout.splitlines()
    args.out.write_text(render(freeze, platform.python_version(), f"{platform.system()} {platform.machine()}"),
                        encoding="utf-8")
    print(f"wrote {args.out} ({sum(1 for l in freeze if '==' in l)} packages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
