"""The README's contents table stays in step with notebooks/."""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BINDER = "https://mybinder.org/v2/gh/nnviz/nnviz/HEAD?urlpath=lab/tree/notebooks/{}"


def _contents_rows():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- contents:start -->(.*)<!-- contents:end -->", readme, re.S)
    assert block, "README.md lost its contents markers"
    return [line for line in block.group(1).splitlines() if line.startswith("| [")]


def test_every_notebook_is_listed_once_in_series_order_with_its_badge():
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    rows = _contents_rows()
    listed = [re.search(r"\(notebooks/([^)]+\.ipynb)\)", row).group(1) for row in rows]
    assert listed == notebooks
    for name, row in zip(notebooks, rows):
        assert BINDER.format(name) in row, f"{name}: Binder badge missing or pointing elsewhere"
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 3 and len(cells[1]) > 20, f"{name}: needs a line on what it teaches"


def test_titles_match_the_notebooks():
    for row in _contents_rows():
        title, name = re.search(r"\| \[([^\]]+)\]\(notebooks/([^)]+)\)", row).groups()
        first = "".join(json.loads((ROOT / "notebooks" / name).read_text())["cells"][0]["source"])
        assert f"# {title}" in first, f"README calls {name} {title!r}"


def test_the_readme_is_a_front_door():
    """Picture, what it is, the two commands, the contents, the example, then one line each
    for speed, teaching, the in-browser edition and contributing (issue 19)."""
    readme = (ROOT / "README.md").read_text()
    assert len(readme.splitlines()) <= 110, "the README is a front door: details go to docs/ or benchmarks/"
    order = ["docs/screenshot.png", "make lab", "<!-- contents:start -->", "import nnviz",
             "benchmarks/README.md", "docs/teaching.md", "docs/in-browser.md", "CONTRIBUTING.md"]
    places = [readme.find(s) for s in order]
    assert -1 not in places and places == sorted(places), dict(zip(order, places))
    # docs/in-browser.md is written on the in-browser edition's branch (issue 16).
    missing = [link for link in re.findall(r"\]\(((?!https?:)[^)#]+)\)", readme)
               if not (ROOT / link).exists() and link != "docs/in-browser.md"]
    assert not missing, f"README links to files that do not exist: {missing}"


def test_every_benchmark_table_is_dated_with_machine_and_load():
    text = (ROOT / "benchmarks" / "README.md").read_text()
    assert "<!-- make-bench:start -->" in text and "<!-- make-bench:end -->" in text
    for heading in re.findall(r"^## (.+)$", text, re.M):
        if "not run" in heading:
            continue
        assert re.search(r"20\d\d-\d\d-\d\d", heading), f"benchmark section without a date: {heading}"
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        if "not run" in block.splitlines()[0]:
            continue
        assert re.search(r"CPU|core", block) and re.search(r"load|quiet", block), \
            f"benchmark section without machine or load: {block.splitlines()[0]}"


def test_make_bench_writes_a_dated_section_between_its_markers(tmp_path):
    from benchmarks import run

    readme = tmp_path / "README.md"
    readme.write_text("# B\n\nintro\n<!-- make-bench:start -->\nstale table\n<!-- make-bench:end -->\n\n## older\n")
    text = run.section(["| a | b |\n|---|---|\n| 1 | 2 |\n"], when="2026-12-06",
                       where="AMD EPYC, 2 CPUs", load_before="load average 1.0", load_after="load average 2.0")
    run.write_section(text, readme)
    out = readme.read_text()
    assert "stale table" not in out and "## older" in out and "intro" in out
    assert "## `make bench`, 2026-12-06\n\nAMD EPYC, 2 CPUs; load average 1.0 at the start" in out
    assert "| 1 | 2 |" in out
