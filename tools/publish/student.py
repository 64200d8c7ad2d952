"""The student edition: the notebooks without what they mark as solutions.

A notebook marks a solution in two ways, and both are removed:

- a collapsed block in a markdown cell, ``<details><summary>Solution</summary> ... </details>``
  (a cell left empty is dropped);
- a whole cell tagged ``solution`` (cell metadata ``tags``).

Text only true of the teacher's copy (say, "the solutions sit under each exercise") is
wrapped in ``<!-- teacher -->`` ... ``<!-- /teacher -->``: invisible marks in the notebook,
removed with what they wrap in the student edition.

``build_student`` writes the edition as notebooks to hand out (outputs cleared). The site, the
slides and the in-browser edition are built from it with ``--edition student``
(``student_edition(nb, keep_outputs=True)`` on the executed notebook: the code cells are the
same in both editions, so their outputs are too).
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

# Only the standard library at import: tools/lite/build.py loads this file on its own, in a
# Python without nbformat (``student_json``).

EDITIONS = ("teacher", "student")
#: A collapsed solution block; its summary names it a solution.
SOLUTION = re.compile(r"<details>\s*<summary>[^<]*solution[^<]*</summary>.*?</details>\s*", re.S | re.I)
SOLUTION_TAG = "solution"
TEACHER_ONLY = re.compile(r"\s*<!-- teacher -->.*?<!-- /teacher -->", re.S)


def is_solution_cell(cell) -> bool:
    """True for a cell tagged ``solution``."""
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def student_edition(nb, keep_outputs: bool = False):
    """A copy of a notebook without its solutions (see the module docstring).

    ``keep_outputs=False`` (the notebooks handed out) also clears every output and prompt.
    """
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb["cells"]:
        if is_solution_cell(cell):
            continue
        if cell["cell_type"] == "markdown" and ("<details" in _source(cell) or "<!-- teacher" in _source(cell)):
            cell["source"] = TEACHER_ONLY.sub("", SOLUTION.sub("", _source(cell))).strip()
            if not cell["source"]:
                continue
        if cell["cell_type"] == "code" and not keep_outputs:
            cell["outputs"], cell["execution_count"] = [], None
        cells.append(cell)
    nb["cells"] = cells
    nb.setdefault("metadata", {})["nnviz_edition"] = "student"
    return nb


def student_json(text: str) -> str:
    """The student edition of a notebook given as its JSON text (standard library only)."""
    return json.dumps(student_edition(json.loads(text)), indent=1, ensure_ascii=False) + "\n"


def solutions_left(nb) -> list[int]:
    """Indices of cells that still hold a solution (an empty list for a student edition)."""
    return [i for i, c in enumerate(nb["cells"])
            if is_solution_cell(c) or (c["cell_type"] == "markdown" and
                                        (SOLUTION.search(_source(c)) or TEACHER_ONLY.search(_source(c))))]


def build_student(out: Path, source: Path | None = None) -> list[Path]:
    """Write the student edition of every notebook to ``out`` (the teacher keeps notebooks/)."""
    import nbformat

    from .execute import NOTEBOOKS, notebooks

    source = source or NOTEBOOKS
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks(source):
        target = out / path.name
        nbformat.write(student_edition(nbformat.read(path, as_version=4)), target)
        written.append(target)
    return written
