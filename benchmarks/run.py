"""Every benchmark in one run: ``make bench``.

The core against PyTorch (benchmarks/core.py), then the time per slider change of every
explorer (benchmarks/explorers_*.py). Figures go in the README's Speed section.
"""
from __future__ import annotations

import importlib
import os

os.environ.setdefault("MPLBACKEND", "Agg")


def main():
    from benchmarks import core
    print("## Core: nnviz against PyTorch CPU (same process, taking turns, best of 5)\n")
    core.main()
    rows = []
    for name in ("explorers_concepts", "explorers_training"):
        try:
            module = importlib.import_module(f"benchmarks.{name}")
        except ImportError as err:
            print(f"\n({name} not available: {err})")
            continue
        rows += module.run()
    if rows:
        from benchmarks._report import format_table
        print("\n## Explorers: one control change = callback + full canvas draw (Agg)\n")
        print(format_table(rows))
    from benchmarks import notebooks
    print("\n## The notebook series, each in a fresh kernel\n")
    notebooks.main()


if __name__ == "__main__":
    main()
