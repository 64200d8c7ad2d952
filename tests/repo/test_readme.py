"""The README's contents table stays in step with notebooks/."""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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
