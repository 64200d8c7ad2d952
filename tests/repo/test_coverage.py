"""The curriculum is covered, and every notebook follows the series skeleton.

Two groups of tests, both reading only files in this repository:

* ``COVERAGE.md`` maps every curriculum item (numbered "1.1" .. "7.4") to a notebook and the
  section heading that teaches it; each row must point at a notebook that exists and holds
  that heading, word for word.
* Every notebook in ``notebooks/`` has the same shape: a title cell with what you will learn,
  the time and an "Open in Binder" text link for itself (no image loaded from outside); a setup cell with ``%matplotlib widget``; at least
  one "Predict first" prompt; at least two exercises, each with a check and a solution; a
  summary and a link to the next notebook; slide metadata on every cell; no stored outputs.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
COVERAGE = ROOT / "COVERAGE.md"

#: How many items each section of the curriculum has (sections 1..7). The curriculum itself
#: is not part of the repository; if it gains an item, add it here and to COVERAGE.md.
CURRICULUM_ITEMS = {1: 5, 2: 4, 3: 6, 4: 4, 5: 5, 6: 5, 7: 4}

SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip"}
BINDER = "https://mybinder.org/v2/gh/nnviz/nnviz/HEAD?urlpath=lab/tree/notebooks/{name}"


# --- reading -----------------------------------------------------------------------------

def _cells(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    for cell in cells:
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
    return cells


def _markdown_lines(cells):
    """(cell index, line) for every line of every markdown cell, in order."""
    return [(i, line.rstrip()) for i, cell in enumerate(cells) if cell["cell_type"] == "markdown"
            for line in cell["source"].splitlines()]


def _headings(cells) -> set[str]:
    in_fence = False
    found = set()
    for _, line in _markdown_lines(cells):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        elif not in_fence and re.match(r"#{1,6} ", line):
            found.add(line.strip())
    return found


def _coverage_rows():
    """(item, notebook path, [headings]) for every table row of COVERAGE.md."""
    rows = []
    for line in COVERAGE.read_text(encoding="utf-8").splitlines():
        cols = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cols) != 4 or not re.fullmatch(r"\d+\.\d+", cols[0]):
            continue
        notebook = re.findall(r"`(notebooks/[^`]+\.ipynb)`", cols[2])
        headings = re.findall(r"`(#{2,3} [^`]+)`", cols[3])
        rows.append((cols[0], notebook, headings))
    return rows


ALL_NOTEBOOKS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
ROWS = _coverage_rows() if COVERAGE.exists() else []


# --- coverage ----------------------------------------------------------------------------

def test_coverage_table_lists_every_curriculum_item():
    assert COVERAGE.exists(), "COVERAGE.md is missing from the repository root."
    items = {item for item, _, _ in ROWS}
    expected = {f"{s}.{i}" for s, n in CURRICULUM_ITEMS.items() for i in range(1, n + 1)}
    assert not expected - items, f"COVERAGE.md has no row for items {sorted(expected - items)}."
    assert not items - expected, f"COVERAGE.md lists items that are not in the curriculum: {sorted(items - expected)}."


@pytest.mark.parametrize("item, notebook, headings", ROWS, ids=[f"{r[0]}:{r[1][0] if r[1] else '?'}" for r in ROWS])
def test_coverage_row_points_at_a_real_section(item, notebook, headings):
    assert len(notebook) == 1, f"item {item}: the Notebook column must name one `notebooks/NN_name.ipynb`."
    path = ROOT / notebook[0]
    assert path.exists(), f"item {item}: {notebook[0]} does not exist."
    assert headings, f"item {item}: the Section column must give at least one heading such as `## 1. ...`."
    present = _headings(_cells(path))
    missing = [h for h in headings if h not in present]
    assert not missing, (f"item {item}: {notebook[0]} has no markdown heading {missing}; "
                         "rename the row in COVERAGE.md or the heading in the notebook.")


# --- the skeleton ------------------------------------------------------------------------

@pytest.fixture(params=ALL_NOTEBOOKS, ids=[p.name for p in ALL_NOTEBOOKS])
def notebook(request):
    return request.param, _cells(request.param)


def test_title_cell(notebook):
    path, cells = notebook
    first = cells[0]
    assert first["cell_type"] == "markdown", f"{path.name}: the first cell must be markdown (the title)."
    text = first["source"]
    number = path.name[:2]
    assert re.match(rf"# {number} · \S", text), f"{path.name}: the title must start '# {number} · <title>'."
    assert "**What you will learn**" in text, f"{path.name}: the title cell needs '**What you will learn**' bullets."
    assert re.search(r"\*\*Time:\*\* about \d+ minutes", text), f"{path.name}: the title cell needs '**Time:** about N minutes'."
    assert f"[Open in Binder]({BINDER.format(name=path.name)})" in text, (
        f"{path.name}: the title cell needs a text link [Open in Binder]({BINDER.format(name=path.name)}).")


def test_nothing_loads_from_outside(notebook):
    # Opening a notebook must send no request off the machine: no badge or other image from
    # the web (a plain link is fine: it loads nothing until clicked).
    path, cells = notebook
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        remote = re.findall(r"!\[[^\]]*\]\((?:https?:)?//[^)]*\)|<img[^>]+src=[\"']?(?:https?:)?//",
                            cell["source"])
        assert not remote, f"{path.name} cell {i}: loads {remote[0]!r} from outside; use a text link."


def test_setup_cell(notebook):
    path, cells = notebook
    setup = cells[1]
    assert setup["cell_type"] == "code", f"{path.name}: the second cell must be the setup code cell."
    assert setup["source"].lstrip().startswith("%matplotlib widget"), (
        f"{path.name}: the setup cell must start with %matplotlib widget.")
    assert "import nnviz" in setup["source"], f"{path.name}: the setup cell must import nnviz."
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            assert "%matplotlib inline" not in cell["source"], (
                f"{path.name} cell {i}: %matplotlib inline blanks ipympl figures; use %matplotlib widget.")
            assert "plt.show(" not in cell["source"], (
                f"{path.name} cell {i}: plt.show() blanks ipympl figures; let the figure display itself.")
            # A figure made with pyplot shows a "Figure 1" title bar above it under ipympl
            # (findings, "Seen everywhere"): plots.subplots hides it, or style.hide_header.
            if "plt.subplots(" in cell["source"] or "plt.figure(" in cell["source"]:
                assert "hide_header(" in cell["source"], (
                    f"{path.name} cell {i}: use plots.subplots(...) instead of plt.subplots, or "
                    "call nnviz.style.hide_header(fig): no 'Figure' header above the figure.")


def test_predict_first(notebook):
    path, cells = notebook
    prompts = [i for i, c in enumerate(cells)
               if c["cell_type"] == "markdown" and c["source"].startswith("**Predict first:**")]
    assert prompts, f"{path.name}: needs a markdown cell starting '**Predict first:**'."

    def code_follows(i):
        # The code that shows the answer comes next, perhaps after a '### Code' heading,
        # and in any case before the next '##' section starts.
        for cell in cells[i + 1:]:
            if cell["cell_type"] == "code":
                return True
            if re.match(r"#{1,2} ", cell["source"]):
                return False
        return False

    assert all(code_follows(i) for i in prompts), (
        f"{path.name}: every 'Predict first' cell must be followed, in the same section, by the code "
        "that shows the answer.")


def test_exercises_have_checks_and_solutions(notebook):
    path, cells = notebook
    headings = _headings(cells)
    assert "## Exercises" in headings, f"{path.name}: needs a '## Exercises' section."
    exercises = {}          # heading -> {"check": bool, "solution": bool}
    current = None
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            if current and "checks." in cell["source"]:
                exercises[current]["check"] = True
            continue
        for line in cell["source"].splitlines():
            if re.match(r"### Exercise \d+", line):
                current = line.strip()
                exercises[current] = {"check": False, "solution": False}
            elif line.startswith("## "):
                current = None
            elif current and "<details>" in line and "Solution" in line:
                exercises[current]["solution"] = True
    assert len(exercises) >= 2, f"{path.name}: needs at least two '### Exercise N: ...' headings, found {len(exercises)}."
    for heading, has in exercises.items():
        assert has["check"], f"{path.name}: '{heading}' has no check cell using nnviz.checks."
        assert has["solution"], f"{path.name}: '{heading}' has no <details><summary>Solution</summary> block."


def test_summary_and_next_link(notebook):
    path, cells = notebook
    headings = _headings(cells)
    assert "## Summary" in headings, f"{path.name}: needs a '## Summary' section."
    assert "## Next" in headings, f"{path.name}: needs a '## Next' section."
    lines = _markdown_lines(cells)
    start = next(k for k, (_, line) in enumerate(lines) if line.strip() == "## Next")
    after = "\n".join(line for _, line in lines[start + 1:])
    links = re.findall(r"\]\(([^)#\s]+\.ipynb)\)", after)
    assert links, f"{path.name}: the '## Next' section must link to a notebook, such as [Next](06_gradient_descent.ipynb)."
    for link in links:
        assert (path.parent / link).exists(), f"{path.name}: the 'Next' link {link} points at no notebook."


def test_slide_metadata(notebook):
    path, cells = notebook
    for i, cell in enumerate(cells):
        slide = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
        assert slide in SLIDE_TYPES, f"{path.name} cell {i}: slideshow.slide_type is {slide!r}, not one of {sorted(SLIDE_TYPES)}."
        source = cell["source"]
        if cell["cell_type"] == "markdown" and re.match(r"#{1,2} ", source):
            assert slide == "slide", f"{path.name} cell {i}: a title or '##' section cell must be a 'slide', got {slide!r}."
        elif cell["cell_type"] == "markdown" and source.startswith("### "):
            assert slide == "subslide", f"{path.name} cell {i}: a '###' subsection cell must be a 'subslide', got {slide!r}."
    assert cells[1]["metadata"]["slideshow"]["slide_type"] == "skip", f"{path.name}: the setup cell must be 'skip'."


def test_no_outputs_stored(notebook):
    path, cells = notebook
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{path.name} cell {i}: outputs are stored; clear them before committing."
            assert cell.get("execution_count") is None, f"{path.name} cell {i}: an execution count is stored."


def test_01_explorers_offer_no_activation_before_it_is_taught():
    # 01 [33] (findings): a tanh/ReLU/linear choice appeared before notebook 02 taught them.
    cells = json.loads((ROOT / "notebooks" / "01_neuron.ipynb").read_text())["cells"]
    calls = [c["source"] if isinstance(c["source"], str) else "".join(c["source"])
             for c in cells if c["cell_type"] == "code"]
    calls = [s for s in calls if "neuron_explorer(" in s]
    assert calls
    for source in calls:
        assert "controls=" in source and '"activation"' not in source, source
