"""The published slides and site (tools/publish/) in Chromium: offline, equations, fit, a11y.

Builds every deck and every site page once (executed notebooks are cached in build/executed),
then opens each from file:// in Chromium with every request that leaves the machine refused:

- nothing is loaded from another host (any such request fails the test);
- equations are rendered by the bundled KaTeX (``.katex`` elements, no raw ``$...$`` left);
- every slide of every deck fits the window at 1280x800 and at 1024x768, measured after
  reveal.js has laid the deck out (tools/publish/measure.py: each slide shown in turn; a slide
  the deck had to scale down to fit may shrink to ``MIN_SCALE`` at most), and no code line is
  cut at the right edge; the figures are printed;
- the student edition of the decks and of the site holds no solution;
- no broken image, every image has alternative text that says what it shows;
- the site pages link to each other (index, previous, next) and to the in-browser edition;
- axe-core (npm, pinned in tools/assets.py) finds no serious or critical violation.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tools import assets
from tools import publish  # tools/publish/, a package

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
#: A slide still too tall after the build split it is scaled down by the deck; not below this.
#: Two slides are scaled today (2026-12-06): the training playground's still picture with its
#: control summary in 07 and 08 (one output, which the build cannot cut), to 0.87.
MIN_SCALE = 0.85


LINKS = publish.Links.from_options(ref="v1.0")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("published")
    publish.build_slides(out / "slides", jobs=2, links=LINKS)
    publish.build_site(out / "site", jobs=2, links=LINKS)
    # the student editions come from the same executed notebooks (cached): rendering only
    publish.build_slides(out / "slides-student", jobs=2, links=LINKS, edition="student")
    publish.build_site(out / "site-student", jobs=2, links=LINKS, edition="student")
    return out


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    ctx.outside = []

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")) or \
                re.match(r"https?://127\.0\.0\.1[:/]", url):
            r.continue_()
        else:
            ctx.outside.append(url)
            r.abort()

    ctx.route("**/*", route)
    yield ctx
    ctx.close()


AXE = None


def _axe(page) -> list[dict]:
    global AXE
    if AXE is None:
        AXE = assets.read("axe-core", "axe.min.js").decode()
    page.add_script_tag(content=AXE)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.slice(0, 160))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def _open(context, path: Path):
    context.outside.clear()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors


def _math_report(page) -> dict:
    return page.evaluate("""() => {
        const katex = document.querySelectorAll('.katex').length;
        const errors = document.querySelectorAll('.katex-error').length;
        // text outside code, outputs and rendered maths that still looks like TeX
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const raw = [];
        while (walker.nextNode()) {
            const n = walker.currentNode, el = n.parentElement;
            if (!el || el.closest('.katex, pre, code, .jp-CodeCell .jp-InputArea, .jp-OutputArea-output, script, style, title')) continue;
            const m = n.textContent.match(/\\$[^$\\s][^$]*\\$|\\\\frac|\\\\partial|\\\\sigma/);
            if (m) raw.push(m[0].slice(0, 60));
        }
        return {katex, errors, raw: raw.slice(0, 5)};
    }""")


def _images(page) -> list[dict]:
    return page.evaluate("""() => Array.from(document.images).map(i => ({
        src: i.src.slice(0, 40), ok: i.complete && i.naturalWidth > 0, alt: i.getAttribute('alt')}))""")


def _assert_images(images, where):
    broken = [i["src"] for i in images if not i["ok"]]
    assert not broken, f"{where}: broken images {broken}"
    for image in images:
        alt = image["alt"] or ""
        assert alt and "no description" not in alt and len(alt) > 12, f"{where}: image without a real alt: {alt!r}"


# --- slides -----------------------------------------------------------------------------------

FIT = {}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_slide_fits_offline_with_equations(built, context, path):
    deck = built / "slides" / f"{path.stem}.slides.html"
    page, errors = _open(context, deck)
    page.wait_for_selector("body[data-nnviz-ready='1']", timeout=30000)
    slides = page.evaluate("""() => Array.from(document.querySelectorAll('.reveal .slides section'))
        .filter(s => !s.querySelector('section')).map((s, i) => ({i}))""")
    math = _math_report(page)
    images = _images(page)
    violations = _axe(page)
    page.close()
    FIT[path.stem] = slides
    assert not context.outside, f"{deck.name} tried to load {context.outside[:3]}"
    assert not errors, f"{deck.name}: JavaScript errors {errors}"
    assert len(slides) >= 3
    if path.stem != "00_start_here" or math["katex"]:
        assert math["katex"] > 0, f"{deck.name}: no equation rendered"
    assert math["errors"] == 0 and not math["raw"], f"{deck.name}: TeX left unrendered: {math}"
    _assert_images(images, deck.name)
    assert not violations, f"{deck.name}: axe: {json.dumps(violations, indent=1)}"


def test_every_slide_of_every_deck_fits_both_projectors_and_no_code_is_cut(built, context):
    """One page, every deck, both sizes: each slide is shown in turn after reveal.js laid the
    deck out, and its cells must end inside the window, its code blocks inside their box."""
    from tools.publish.measure import SCREENS, measure_deck, problems

    page = context.new_page()
    report, failures = [], []
    for deck in sorted((built / "slides").glob("*.slides.html")):
        for size in SCREENS:
            result = measure_deck(page, deck, size)
            found = problems(result)
            slides = result["slides"]
            assert len(slides) >= 3, f"{deck.name}: {len(slides)} slides"
            # the fit script measured every slide (not 0 for the hidden ones, as it once did)
            assert all(s["height"] > 0 for s in slides), f"{deck.name}: slides not measured"
            squeezed = [s for s in slides if s["scale"] < MIN_SCALE]
            for what, bad in (("overflow the window", found["overflow"]),
                              ("cut a code line at the right edge", found["cut"]),
                              (f"are scaled below {MIN_SCALE}", squeezed)):
                failures += [f"{deck.name} at {size[0]}x{size[1]}: slide {s['h']}/{s['v']} ({s['text'][:30]!r}) "
                             f"{what}: overflow {s['overflow']} px, scale {s['scale']}, {s['cut'][:1]}" for s in bad]
            report.append(f"{deck.name} {size[0]}x{size[1]}: {len(slides)} slides, "
                          f"{len(found['scaled'])} scaled (smallest {min(s['scale'] for s in slides):.2f})")
    page.close()
    print("\n" + "\n".join(report))
    assert not failures, "\n".join(failures)


# --- the site ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["index"] + [p.stem for p in NOTEBOOKS])
def test_site_page_offline_rendered_linked_and_accessible(built, context, name):
    page_path = built / "site" / f"{name}.html"
    page, errors = _open(context, page_path)
    math = _math_report(page)
    images = _images(page)
    links = page.evaluate("() => Array.from(document.links).map(a => a.getAttribute('href'))")
    violations = _axe(page)
    page.close()
    assert not context.outside, f"{page_path.name} tried to load {context.outside[:3]}"
    assert not errors, f"{page_path.name}: JavaScript errors {errors}"
    assert math["errors"] == 0 and not math["raw"], f"{page_path.name}: TeX left unrendered: {math}"
    _assert_images(images, page_path.name)
    assert not violations, f"{page_path.name}: axe: {json.dumps(violations, indent=1)}"
    stems = [p.stem for p in NOTEBOOKS]
    if name == "index":
        assert [l for l in links if l.endswith(".html") and not l.startswith("http")][::2] == \
            [f"{s}.html" for s in stems]
        return
    assert math["katex"] > 0 or name == "00_start_here"
    at = stems.index(name)
    assert "index.html" in links
    if at > 0:
        assert f"{stems[at - 1]}.html" in links
    if at + 1 < len(stems):
        assert f"{stems[at + 1]}.html" in links
    live = LINKS.for_notebook(name)
    assert live["lite"] in links and live["binder"] in links and "/v1.0?" in live["binder"]
    assert not [link for link in links if link and "/HEAD?" in link]
    for link in links:
        if link and not link.startswith(("http", "#", "mailto:")):
            target = (page_path.parent / link.split("#")[0])
            assert target.exists(), f"{page_path.name} links to a missing page {link}"


@pytest.mark.parametrize("kind, suffix", [("slides", ".slides.html"), ("site", ".html")])
def test_the_student_edition_shows_no_solution(built, kind, suffix):
    for path in NOTEBOOKS:
        teacher = (built / kind / f"{path.stem}{suffix}").read_text(encoding="utf-8")
        student = (built / f"{kind}-student" / f"{path.stem}{suffix}").read_text(encoding="utf-8")
        if path.stem != "00_start_here":
            assert "<summary>Solution" in teacher, f"{kind} {path.stem}: the teacher's copy lost its solutions"
        assert "<summary>Solution" not in student, f"{kind} {path.stem}: a solution in the student edition"


def test_the_deck_scales_a_slide_still_too_tall_after_reveal_laid_it_out(context, tmp_path):
    """The last resort works on every slide, also the ones reveal.js keeps hidden until shown
    (it once measured them while hidden, as 0 px, and never fired): a slide the build could
    not cut (one block 1000 px tall) is scaled to fit, wherever it is in the deck."""
    import nbformat

    from tools.publish.measure import measure_deck, problems

    cells = [nbformat.v4.new_markdown_cell(f"# Slide {k}\nText.", metadata={"slideshow": {"slide_type": "slide"}})
             for k in range(8)]
    cells.append(nbformat.v4.new_markdown_cell(
        '# Tall\n\n<div style="height: 1000px; background: #ddd">one block the build cannot cut</div>',
        metadata={"slideshow": {"slide_type": "slide"}}))
    source = tmp_path / "notebooks"
    source.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=cells), source / "00_tall.ipynb")
    publish.build_slides(tmp_path / "out", source=source, execute_first=False, links=LINKS)
    page = context.new_page()
    for size in ((1280, 800), (1024, 768)):
        result = measure_deck(page, tmp_path / "out" / "00_tall.slides.html", size)
        tall = [s for s in result["slides"] if "tall" in s["text"].lower()][0]
        assert tall["height"] > 1000 and 0.6 < tall["scale"] < 0.7, tall
        assert not problems(result)["overflow"], problems(result)["overflow"]
    page.close()
