"""Slides that fit: trim what a projected class does not need, and re-cut the deck so no
slide's estimated height passes the reveal.js canvas (960x700).

``fit_slides`` hides the "✓ ... the two agree" lines, plotting-only code and unanswered
exercise checks, estimates each cell's height and starts a new sub-slide where a slide would
overflow, splitting long markdown cells at headings and paragraphs. Code wraps on a slide
(the deck's CSS), so the estimate counts wrapped lines. The deck scales any slide still too
tall down to fit, after reveal.js has laid it out (tools/templates/nnviz_reveal);
tests/ui/test_site_slides.py measures every slide in Chromium at 1280x800 and 1024x768.
"""
from __future__ import annotations

import base64
import copy
import re

SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}

#: Height a slide's content may use, in reveal.js canvas pixels (the canvas is 960x700).
SLIDE_BUDGET = 620
#: Tallest a figure is drawn on a slide (the decks' CSS holds images to this).
FIGURE_MAX = 480
#: Characters of code on one line of a slide before it wraps (the decks wrap long lines).
CODE_CHARS = 76
_AGREE_LINE = re.compile(r"^✓ .* — the two agree.*$\n?", re.M)
_CHECK_CALL = re.compile(r"\bchecks\.(check_\w+|progress)\(")


def missing_slide_metadata(nb) -> list[int]:
    """Indices of cells without a valid ``metadata.slideshow.slide_type``."""
    return [i for i, c in enumerate(nb.cells)
            if c.get("metadata", {}).get("slideshow", {}).get("slide_type") not in SLIDE_TYPES]


def _png_size(b64: str) -> tuple[int, int]:
    head = base64.b64decode(b64[:44] + "=" * (-len(b64[:44]) % 4))
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return 0, 0
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def _figure_height(width: float, height: float, shown_width=None) -> float:
    if not width or not height:
        return 0
    scale = min(1.0, 900 / width, (shown_width or width) / width)
    return min(FIGURE_MAX, height * scale) + 10


def _lines(text: str, per_line: int) -> int:
    return sum(max(1, -(-len(line) // per_line)) for line in text.splitlines() or [""])


_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.) ")


def _markdown_blocks(source: str) -> list[str]:
    """Paragraphs, headings, lists, fenced code, display maths and <details>, in order."""
    blocks, current, fence = [], [], False
    for line in source.splitlines():
        opens = line.strip().startswith("```") and not fence
        if line.strip().startswith("```"):
            fence = not fence
        # each item of a top-level list is a block of its own, so a long list can be cut
        item = not fence and _LIST_ITEM.match(line) and current and _LIST_ITEM.match(current[0])
        if (opens or item or (not fence and (not line.strip() or line.startswith("#")))) and current:
            blocks.append("\n".join(current))
            current = []
        if line.strip() or fence:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    # a <details> element spans blank lines: join it back into one block
    joined = []
    for block in blocks:
        if joined and joined[-1].count("<details") > joined[-1].count("</details>"):
            joined[-1] += "\n\n" + block
        else:
            joined.append(block)
    return joined


def markdown_height(source: str) -> float:
    """Estimated height on a slide, px (20 px text, about 80 characters a line)."""
    total = 0.0
    for block in _markdown_blocks(source):
        if block.startswith("<details"):
            total += 40                                   # collapsed: one line
        elif block.startswith("# "):
            total += 60 * _lines(block, 40)
        elif block.startswith("## "):
            total += 50 * _lines(block, 50)
        elif block.startswith("#"):
            total += 40 * _lines(block, 60)
        elif block.startswith("```"):
            total += 25 * _lines("\n".join(block.splitlines()[1:-1]), CODE_CHARS) + 30
        elif block.startswith("$$") or block.startswith("\\["):
            total += 45 * max(1, block.count("\\\\") + 1) + 20
        elif block.lstrip().startswith("|"):
            rows = [r for r in block.splitlines() if not re.match(r"^\s*\|?[\s:|-]+\|?\s*$", r)]
            total += sum(30 * _lines(r, 60) + 8 for r in rows) + 20
        else:
            text = re.sub(r"\]\([^)]*\)", "]", block)          # link targets take no room
            text = re.sub(r"\$[^$]*\$", lambda m: "x" * max(1, len(m.group()) // 2), text)
            total += 29 * _lines(text, 78) + 18
    return total


def _output_height(output) -> float:
    kind = output.get("output_type")
    if kind == "stream":
        return 25 * _lines(output.get("text", "").rstrip("\n"), 80) + 10
    if kind == "error":
        return 25 * min(20, len(output.get("traceback", [])) * 3)
    data = output.get("data", {})
    static = output.get("metadata", {}).get("nnviz", {})
    if static.get("static_figures"):
        total = 0.0
        for figure in static["static_figures"]:
            width, height = _png_size(figure["src"].split(",", 1)[1])
            total += _figure_height(width, height, figure.get("width"))
        controls = " · ".join(static.get("static_controls") or [])
        return total + (26 * _lines(controls, 80) + 10 if controls else 0)
    if "image/png" in data:
        width, height = _png_size(data["image/png"])
        return _figure_height(width, height, output.get("metadata", {}).get("image/png", {}).get("width"))
    if "text/html" in data:
        return 30 * max(2, data["text/html"].count("<tr") + data["text/html"].count("<br") + 2)
    if "text/plain" in data:
        return 25 * _lines(data["text/plain"], 80) + 10
    return 40


def cell_height(cell) -> float:
    """Estimated height of a cell on a slide, px."""
    if cell.cell_type == "markdown":
        return markdown_height(cell.source)
    if cell.cell_type != "code":
        return 0
    shown = not cell.metadata.get("transient", {}).get("remove_source")
    height = _code_height(cell.source) if shown else 0
    return height + sum(_output_height(o) for o in cell.get("outputs", []))


def _slide_type(cell) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def _set_type(cell, kind: str) -> None:
    cell.setdefault("metadata", {}).setdefault("slideshow", {})["slide_type"] = kind


def trim_for_slides(nb) -> None:
    """Hide what a projected class does not need: "✓ ... the two agree" lines, the code of
    plotting-only cells (their figure stays), and the output of exercise checks."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if cell.source.lstrip().startswith("# Plotting only"):
            cell.metadata.setdefault("transient", {})["remove_source"] = True
        if _CHECK_CALL.search(cell.source):
            cell.outputs = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        kept = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                output["text"] = _AGREE_LINE.sub("", output.get("text", ""))
                if not output["text"].strip():
                    continue
            kept.append(output)
        cell.outputs = kept
        code = [line for line in cell.source.splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
        if code and all(line.lstrip().startswith(("checks.agree(", ")", '"', "'")) or
                        line.startswith((" ", "\t")) for line in code) and \
                code[0].lstrip().startswith("checks.agree(") and not cell.outputs:
            _set_type(cell, "skip")                        # nothing left to show


def _table_parts(blocks: list, budget: float) -> list:
    """Blocks, with a table (or fenced code) taller than a slide cut into several; a table's
    parts each repeat its header."""
    out = []
    for block in blocks:
        if block.startswith("```") and markdown_height(block) > budget * 0.9:
            # fenced code taller than a slide: consecutive lines, each part its own fence
            lines = block.splitlines()
            fence, body, part = lines[0], lines[1:-1], []
            for line in body:
                if part and markdown_height("\n".join([fence, *part, line, "```"])) > budget * 0.85:
                    out.append("\n".join([fence, *part, "```"]))
                    part = []
                part.append(line)
            out.append("\n".join([fence, *part, "```"]))
            continue
        if not block.lstrip().startswith("|") or markdown_height(block) <= budget * 0.9:
            out.append(block)
            continue
        lines = block.splitlines()
        header, rows, part = lines[:2], lines[2:], []
        for row in rows:
            if part and markdown_height("\n".join(header + part + [row])) > budget * 0.9:
                out.append("\n".join(header + part))
                part = []
            part.append(row)
        if part:
            out.append("\n".join(header + part))
    return out


def _join(blocks: list[str]) -> str:
    """Blocks back into markdown: a blank line between them, none between list items (which
    would make the list "loose", its items spaced apart as paragraphs)."""
    text = blocks[0] if blocks else ""
    for before, block in zip(blocks, blocks[1:]):
        tight = _LIST_ITEM.match(before) and _LIST_ITEM.match(block)
        text += ("\n" if tight else "\n\n") + block
    return text


def _split_markdown(cell, budget: float) -> list:
    """A markdown cell as several, each within ``budget``, cut at block boundaries."""
    pieces, current = [], []
    for block in _table_parts(_markdown_blocks(cell.source), budget):
        trial = _join(current + [block])
        if current and (markdown_height(trial) > budget or
                        (block.startswith("#") and markdown_height(trial) > budget * 0.6)):
            pieces.append(_join(current))
            current = [block]
        else:
            current.append(block)
    if current:
        pieces.append(_join(current))
    return [_part(cell, k, "part", source=text) for k, text in enumerate(pieces)]


def _part(cell, k: int, suffix: str, **changes):
    """Part ``k`` of a cell cut over sub-slides: a copy with ``changes``. Every part after the
    first has its own id (``<id>-<suffix><k>``) and starts a sub-slide."""
    new = copy.deepcopy(cell)
    for key, value in changes.items():
        new[key] = value
    if k:
        new["id"] = f"{cell.get('id', 'cell')}-{suffix}{k}"
        _set_type(new, "subslide")
    return new


def _code_height(source: str) -> float:
    return 24 * _lines(source, CODE_CHARS) + 24


def _split_code(cell, budget: float) -> list:
    """A code cell whose code alone is taller than a slide, as several cells of consecutive
    lines (cut at blank lines where it can), each on its own sub-slide; the outputs go with the
    last part. A class cannot read 60 lines on one slide, nor a slide scaled to half size."""
    lines = cell.source.splitlines()
    pieces, current = [], []
    for k, line in enumerate(lines):
        current.append(line)
        rest = lines[k + 1:]
        too_tall = _code_height("\n".join(current)) > budget * 0.85
        nearly = _code_height("\n".join(current)) > budget * 0.6
        if rest and (too_tall or (nearly and not line.strip())):
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    cells = []
    for k, piece in enumerate(pieces):
        while piece and not piece[0].strip():
            piece = piece[1:]
        changes = {"source": "\n".join(piece)}
        if k:
            changes["execution_count"] = None
        if k < len(pieces) - 1:
            changes["outputs"] = []             # the outputs go with the last part
        cells.append(_part(cell, k, "code", **changes))
    return cells


def fit_slides(nb, budget: float = SLIDE_BUDGET) -> dict:
    """Trim (:func:`trim_for_slides`) and re-cut the deck so no slide's estimated height
    passes ``budget``: a cell that would overflow starts a sub-slide, a markdown cell taller
    than a slide is split at headings and paragraphs, and a code cell whose outputs do not fit
    under it shows them on the next sub-slide. Returns counts of what changed."""
    trim_for_slides(nb)
    cells, changed = [], {"new_subslides": 0, "split_markdown": 0, "outputs_moved": 0, "split_code": 0}
    split = []
    for cell in nb.cells:
        if cell.cell_type == "code" and _slide_type(cell) not in ("skip", "notes") and \
                not cell.metadata.get("transient", {}).get("remove_source") and \
                _code_height(cell.source) > budget * 0.85:
            pieces = _split_code(cell, budget)
            changed["split_code"] += len(pieces) > 1
            split += pieces
        else:
            split.append(cell)
    for cell in split:
        if _slide_type(cell) in ("skip", "notes"):
            cells.append(cell)
            continue
        if cell.cell_type == "markdown" and markdown_height(cell.source) > budget:
            pieces = _split_markdown(cell, budget)
            changed["split_markdown"] += len(pieces) > 1
            cells += pieces
        elif cell.cell_type == "code" and len(cell.get("outputs", [])) > 1 and \
                cell.metadata.get("transient", {}).get("remove_source") and cell_height(cell) > budget:
            # a plotting-only cell with several figures: as many sub-slides as they need
            groups, used = [[]], 0.0
            for output in cell.outputs:
                height = _output_height(output)
                if groups[-1] and used + height > budget:
                    groups.append([])
                    used = 0.0
                groups[-1].append(output)
                used += height
            cells += [_part(cell, k, "outputs", outputs=group) for k, group in enumerate(groups)]
            changed["outputs_moved"] += len(groups) > 1
        elif cell.cell_type == "code" and cell.get("outputs") and cell_height(cell) > budget \
                and not cell.metadata.get("transient", {}).get("remove_source"):
            shown = copy.deepcopy(cell)
            shown["id"] = f"{cell.get('id', 'cell')}-outputs"
            shown.metadata.setdefault("transient", {})["remove_source"] = True
            _set_type(shown, "subslide")
            cell.outputs = []
            cells += [cell, shown]
            changed["outputs_moved"] += 1
        else:
            cells.append(cell)
    used = 0.0
    for index, cell in enumerate(cells):
        kind = _slide_type(cell)
        if kind in ("skip", "notes"):
            continue
        height = cell_height(cell)
        if kind in ("slide", "subslide") or index == 0:
            used = height
        elif used + height > budget:
            _set_type(cell, "subslide")
            changed["new_subslides"] += 1
            used = height
        else:
            used += height
    nb.cells = cells
    return changed
