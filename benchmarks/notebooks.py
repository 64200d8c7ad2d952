"""How long the whole notebook series takes, each notebook in a fresh kernel.

Issue 4's figure: the series runs top to bottom in under 60 s on a 2-core machine. This
runs every notebook in notebooks/ the way nbval does (a new kernel each, all cells,
exercises unsolved) and prints the seconds per notebook, kernel start included.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
TARGET_S = 60.0


def run():
    """Seconds per notebook, as a list of dict(name, seconds)."""
    import nbformat
    from nbclient import NotebookClient

    rows = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        # The kernel listens on localhost TCP; its log level hides the start-up notice about that.
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       extra_arguments=["--IPKernelApp.log_level=ERROR"],
                       resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
        rows.append({"name": path.stem, "seconds": time.perf_counter() - start})
    return rows


def main():
    rows = run()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for r in rows:
        print(f"{r['name']:24} {r['seconds']:6.1f} s")
    total = sum(r["seconds"] for r in rows)
    print(f"{'whole series':24} {total:6.1f} s   target < {TARGET_S:.0f} s  "
          f"{'ok' if total < TARGET_S else 'OVER'}")


if __name__ == "__main__":
    main()
