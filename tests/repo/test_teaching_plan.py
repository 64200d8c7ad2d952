"""docs/teaching.md refers only to sections, parts, cells, exercises and explorers that exist.

The 50-minute lesson plan is a table: "01 · 2. Inputs and weights" is notebook 01's heading
`## 2. Inputs and weights`; "*Explorer*" or "3's *Code*" is a `###` part of a section; "01.3"
is notebook 01's `### Exercise 3`. Every reference is checked against the notebooks, and a
section the plan cuts whole is used in no other row.
"""
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
PLAN = (ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
PARTS = ("Intuition", "Equation", "Code", "Picture", "Explorer")


def outline(number: str) -> dict:
    """``{section number: {"title", "parts": {part: [cells]}, "code": [sources]}}``, plus exercises."""
    path = next((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    sections, exercises, current, part = {}, set(), None, None
    text = ""
    for cell in nb.cells:
        text += cell.source + "\n"
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = re.match(r"## (\d+)\. (.+)", line)
                if m:
                    current = sections.setdefault(int(m.group(1)), {"title": m.group(2).strip(), "parts": {}, "code": []})
                    part = None
                elif line.startswith("## "):
                    current, part = None, None
                m = re.match(r"### (\w+)", line)
                if m and current is not None:
                    part = m.group(1)
                    current["parts"].setdefault(part, [])
                m = re.match(r"### Exercise (\d+)", line)
                if m:
                    exercises.add(int(m.group(1)))
        elif current is not None:
            current["code"].append(cell.source)
            if part:
                current["parts"][part].append(cell.source)
    return {"sections": sections, "exercises": exercises, "text": text}


OUTLINES = {n: outline(n) for n in ("00", "01", "02", "03", "04", "05", "06", "07", "08")}


def lesson_rows():
    section = PLAN[PLAN.index("## A 50-minute lesson"):PLAN.index("## Self-study")]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| minutes")]
    return [[c.strip() for c in row.strip("|").split("|")] for row in rows if not set(row) <= set("|- ")]


ROWS = lesson_rows()


def test_the_plan_has_its_rows_and_fills_50_minutes():
    assert len(ROWS) >= 10
    ends = [int(m.group(2)) for r in ROWS for m in [re.match(r"(\d+)-(\d+)", r[0])] if m]
    starts = [int(m.group(1)) for r in ROWS for m in [re.match(r"(\d+)-(\d+)", r[0])] if m]
    assert starts[0] == 0 and ends[-1] == 50
    assert starts[1:] == ends[:-1], "the minutes must follow on without gaps or overlaps"
    assert re.search(r"students open their copy", ROWS[0][2]), "the first minutes: getting a copy running"


def _refs(cell: str):
    """(section number, title or None, [parts]) for every reference in a table cell."""
    found = []
    for m in re.finditer(r"(?<![\d.])(\d)\. (.+?)(?=, \d\. |, \*|\s\*|\s\(|$)", cell):
        found.append((int(m.group(1)), m.group(2).strip(), []))
    for m in re.finditer(r"(\d)'s (?:first )?\*(\w+)\*(?: and \*(\w+)\*)?", cell):
        found.append((int(m.group(1)), None, [p for p in m.groups()[1:] if p]))
    return found


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r[0] or r[1][:20])
def test_every_reference_in_the_lesson_plan_exists(row):
    minutes, where, what, cut = row
    m = re.match(r"(\d\d) · ", where)
    if not m:
        assert re.search(r"exercises|before 01", where), f"row {minutes}: no notebook named: {where}"
        for nb, k in re.findall(r"(\d\d)\.(\d)", where):
            assert int(k) in OUTLINES[nb]["exercises"], f"exercise {nb}.{k} does not exist"
        return
    notebook = OUTLINES[m.group(1)]
    sections = notebook["sections"]
    listed = _refs(where[m.end():])
    for number, title, _ in listed + _refs(cut) + _refs(what):
        assert number in sections, f"{m.group(1)} has no section {number} ({where})"
        if title:
            assert sections[number]["title"] == title, \
                f"{m.group(1)} · {number}. is {sections[number]['title']!r}, the plan says {title!r}"
    for number, _, parts in _refs(cut) + _refs(what):
        for part in parts:
            assert part in sections[number]["parts"], f"{m.group(1)} · {number} has no *{part}*"
    for part in re.findall(r"\*(\w+)\*", where):
        if part in PARTS:
            last = listed[-1][0]
            assert part in sections[last]["parts"], f"{m.group(1)} · {last} has no *{part}*"
            if part == "Explorer":
                code = "\n".join(sections[last]["parts"]["Explorer"])
                assert "explorer(" in code, f"{m.group(1)} · {last}'s *Explorer* runs no explorer"
    if "What you will learn" in where:
        assert "What you will learn" in notebook["text"]


def test_no_section_cut_whole_is_used_elsewhere():
    cut = {(r[1][:2], n) for r in ROWS if "**cut**" in r[3] for n, _, _ in _refs(r[1][5:])}
    assert cut, "the plan cuts no whole section"
    for row in ROWS:
        if "**cut**" in row[3] or not re.match(r"\d\d · ", row[1]):
            continue
        used = {(row[1][:2], n) for n, _, _ in _refs(row[1][5:])}
        assert not used & cut, f"row {row[0]} uses a section the plan cuts: {used & cut}"


def test_the_homework_is_not_done_in_class():
    homework = re.findall(r"(\d\d)\.(\d)", ROWS[-1][1])
    assert homework
    for nb, k in homework:
        # an exercise's own explorer (03.4: XOR by hand) is not driven in class
        assert not any(f"Exercise {k}" in r[2] for r in ROWS[:-1] if r[1].startswith(nb))


def test_named_explorers_live_where_the_plan_says():
    text = PLAN[PLAN.index("Explorers to drive live"):PLAN.index("## Self-study")]
    named = re.findall(r"`(\w+_explorer)`\s+\((\d\d) · (\d)\)", text)
    assert len(named) == 3
    for explorer, nb, section in named:
        code = "\n".join(OUTLINES[nb]["sections"][int(section)]["code"])
        assert f"widgets.{explorer}(" in code, f"{explorer} is not in {nb} · {section}"


def test_self_study_hand_ins_and_explorers_exist():
    table = PLAN[PLAN.index("## Self-study"):PLAN.index("## Editions")]
    rows = [r for r in table.splitlines() if re.match(r"\| \d\d · ", r)]
    assert len(rows) == 4
    for row in rows:
        nb = row[2:4]
        first, last = re.search(r"(\d\d)\.(\d)-\d\d\.(\d)", row).group(2, 3)
        for k in range(int(first), int(last) + 1):
            assert k in OUTLINES[nb]["exercises"], f"{nb}.{k} does not exist"
        explorer = re.search(r"`(\w+)`", row).group(1)
        assert f"{explorer}(" in OUTLINES[nb]["text"], f"{explorer} is not in {nb}"


def test_rise_steps_start_with_full_screen_and_marks_come_from_the_grader():
    rise = PLAN[PLAN.index("## Presenting live with RISE"):]
    steps = re.findall(r"^(\d)\. (.+)$", rise, re.M)
    assert steps[0][0] == "1" and "full screen" in steps[0][1].lower()
    assert re.search(r"marks come from the grader", PLAN, re.I)
    assert "in-browser.md" in PLAN
