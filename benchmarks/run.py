"""Every benchmark in one run: ``make bench`` (``python -m benchmarks.run``).

The core against PyTorch (benchmarks/core.py), the time per control change of every
explorer (benchmarks/explorers_*.py) and the whole series in fresh kernels
(benchmarks/notebooks.py). It prints the tables and writes them, dated, with the machine
and its load, into benchmarks/README.md between its ``make-bench`` markers (the older,
hand-measured sections below them stay). ``--no-write`` only prints.
"""
from __future__ import annotations

import datetime
import importlib
import os
import platform
import re
import sys
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- make-bench:start -->", "<!-- make-bench:end -->"


def machine() -> str:
    """This machine in a few words: CPU model and count, OS, Python."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} CPUs, {platform.system()}, Python {platform.python_version()}"


def load() -> str:
    try:
        return "load average " + " / ".join(f"{x:.1f}" for x in os.getloadavg()) + " (1 / 5 / 15 min)"
    except OSError:
        return "load average unknown"


def markdown_table(headers, rows) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def section(parts, when=None, where=None, load_before="", load_after="") -> str:
    """The dated block ``make bench`` writes: a heading with the date, then each table."""
    when = when or datetime.date.today().isoformat()
    head = (f"## `make bench`, {when}\n\n{where or machine()}; {load_before} at the start, "
            f"{load_after} at the end.\n")
    return "\n".join([head, *parts]).rstrip() + "\n"


def write_section(text: str, readme: Path = README) -> None:
    """Replace what lies between the make-bench markers of ``readme`` with ``text``."""
    old = readme.read_text()
    if START not in old or END not in old:
        raise ValueError(f"{readme} has lost its {START} / {END} markers")
    new = re.sub(re.escape(START) + ".*?" + re.escape(END),
                 lambda _: f"{START}\n{text}{END}", old, count=1, flags=re.S)
    readme.write_text(new)


def _ms(seconds):
    return f"{seconds * 1e3:.1f} ms" if seconds else ""


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    load_before = load()
    parts = []

    from benchmarks import core
    print("## Core: nnviz against PyTorch CPU (same process, taking turns, best of 5)\n")
    core_rows = core.run()
    parts.append("Core: nnviz against PyTorch CPU (same process, taking turns, best of 5)\n\n" + markdown_table(
        ["benchmark", "nnviz", "PyTorch", "PyTorch / nnviz", "target"],
        [[r["name"], _ms(r["nnviz_s"]), _ms(r["peer_s"]),
          f"**{r['ratio']:.1f}×**" if r["ratio"] else "", r["target"]] for r in core_rows]) + "\n")
    print(parts[-1])

    rows = []
    for name in ("explorers_concepts", "explorers_training"):
        try:
            module = importlib.import_module(f"benchmarks.{name}")
        except ImportError as err:
            print(f"\n({name} not available: {err})")
            continue
        rows += module.run()
    if rows:
        parts.append("Explorers: one control change = callback + full canvas draw (Agg)\n\n" + markdown_table(
            ["explorer", "median", "worst", "CPU median", "target"],
            [[r["name"], f"{r['median_ms']:.1f} ms", f"{r['worst_ms']:.1f} ms",
              f"{r['cpu_median_ms']:.1f} ms", f"{r['target_ms']:.0f} ms"] for r in rows]) + "\n")
        print(parts[-1])

    from benchmarks import notebooks
    nb_rows = notebooks.run()
    total = sum(r["seconds"] for r in nb_rows)
    parts.append("The notebook series, each in a fresh kernel\n\n" + markdown_table(
        ["notebook", "seconds"],
        [[r["name"], f"{r['seconds']:.1f}"] for r in nb_rows]
        + [["**whole series**", f"**{total:.1f}** (target < {notebooks.TARGET_S:.0f})"]]) + "\n")
    print(parts[-1])

    text = section(parts, load_before=load_before, load_after=load())
    if "--no-write" not in argv:
        write_section(text)
        print(f"written to {README}")


if __name__ == "__main__":
    main()
