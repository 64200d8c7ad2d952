"""Hub sizing: memory and CPU time of a kernel that runs each notebook top to bottom.

    python -m benchmarks.kernel_footprint [NAME ...]

Each notebook runs in a fresh ipykernel (nbclient, as a student's "Run all"); afterwards the
kernel process is read from /proc (Linux): peak resident memory (VmHWM), resident memory at
the end (VmRSS), and CPU seconds (user + system). docs/teaching.md quotes these figures.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def _proc(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text()
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines()
          if line.startswith(("VmHWM", "VmRSS"))}
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return {"peak_mib": kb["VmHWM"] / 1024, "end_mib": kb["VmRSS"] / 1024,
            "cpu_s": (int(fields[11]) + int(fields[12])) / ticks}


def measure(path: Path) -> dict:
    nb = nbformat.read(path, as_version=4)
    env_saved = os.environ.get("NNVIZ_PROGRESS_FILE")
    os.environ["NNVIZ_PROGRESS_FILE"] = "off"
    os.environ["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    with tempfile.TemporaryDirectory() as tmp:
        client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": tmp}})
        start = time.perf_counter()
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            wall = time.perf_counter() - start
            pid = client.km.provisioner.process.pid
            figures = _proc(pid)
    if env_saved is None:
        os.environ.pop("NNVIZ_PROGRESS_FILE", None)
    return {"notebook": path.stem, "wall_s": wall, **figures}


def main(argv) -> int:
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if argv:
        paths = [p for p in paths if p.stem in argv or p.stem[:2] in argv]
    rows = [measure(p) for p in paths]
    print(f"{'notebook':<24} {'peak MiB':>9} {'end MiB':>8} {'CPU s':>6} {'wall s':>7}")
    for r in rows:
        print(f"{r['notebook']:<24} {r['peak_mib']:9.0f} {r['end_mib']:8.0f} {r['cpu_s']:6.1f} {r['wall_s']:7.1f}")
    print(f"{'largest':<24} {max(r['peak_mib'] for r in rows):9.0f} {max(r['end_mib'] for r in rows):8.0f} "
          f"{max(r['cpu_s'] for r in rows):6.1f} {max(r['wall_s'] for r in rows):7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
