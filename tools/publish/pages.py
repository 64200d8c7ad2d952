"""The pages: reveal.js decks and the read-only site, each with an index of the series.

- **Offline to view.** Nothing is loaded from another host when a deck or a page is viewed:
  reveal.js and KaTeX are copied into ``assets/`` beside the pages from pinned, checksummed
  npm tarballs (``tools/assets.py``; fetched once into ``build/npm/``). The live widget
  JavaScript is not loaded: each explorer shows its static figure and control values
  (``static.py``).
- **Alternative text.** Each figure's ``alt`` is the description the kernel wrote while the
  notebook ran (``_kernel.py``).
- **Editions.** ``edition="student"`` builds from the student edition (``student.py``): no
  solution on any page or slide.
- **Live links** (Binder, in-browser, hub) come from a :class:`links.Links`, set at build time.
"""
from __future__ import annotations

import copy
import html
import re
from pathlib import Path

import nbformat

from . import execute as _execute
from .execute import CACHE, NOTEBOOKS, STYLES, notebooks
from .links import Links
from .slides import fit_slides
from .static import add_static_figures
from .student import EDITIONS, student_edition

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
#: ipywidgets 8 is drawn by @jupyter-widgets/html-manager 1.x; nbconvert's default is "*",
#: which would take a future 2.x that cannot read this state.
HTML_MANAGER_RANGE = "^1.0.0"
_REMOTE_IMAGE = re.compile(r"!\[([^\]]*)\]\(https?://[^)]*\)")


def title_and_summary(nb) -> tuple[str, str]:
    """The first ``# `` heading, and the first sentence of the paragraph under it."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("# "):
                title = line[2:].strip()
                summary = ""
                for rest in lines[i + 1:]:
                    rest = rest.strip()
                    if rest.startswith("#"):
                        break
                    if rest:
                        summary = re.split(r"(?<=[.!?])\s", rest, maxsplit=1)[0]
                        break
                return title, _plain(summary)
    return "", ""


def _plain(markdown: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)   # links and images
    return re.sub(r"[*_`]", "", text).strip()

def _local_links(page: str, suffix: str) -> str:
    """``href="01_neuron.ipynb"`` between notebooks -> the built page for that notebook."""
    return re.sub(r'href="(\d\d_[\w-]+)\.ipynb(#[^"]*)?"',
                  lambda m: f'href="{m.group(1)}{suffix}{m.group(2) or ""}"', page)


def _exporter(kind: str):
    from nbconvert import HTMLExporter, SlidesExporter

    common = dict(extra_template_basedirs=[str(TEMPLATES)], extra_template_paths=[str(TEMPLATES)],
                  html_manager_semver_range=HTML_MANAGER_RANGE)
    if kind == "slides":
        return SlidesExporter(template_name="nnviz_reveal", reveal_url_prefix="assets/reveal.js",
                              reveal_theme="white", **common)
    return HTMLExporter(template_name="nnviz_lab", **common)


def render(nb, name: str, kind: str, exporter=None, nav: dict | None = None,
           links: Links | None = None, edition: str = "teacher") -> str:
    """One notebook as a site page (``kind="site"``) or a reveal.js deck (``"slides"``).

    ``nav`` holds the previous and next notebooks (``{"href", "title"}`` or None) for the
    site's navigation bar; ``links`` where its "run it live" links go; ``edition="student"``
    removes the solutions first. Slides are trimmed to fit the canvas (:func:`fit_slides`).
    """
    if edition not in EDITIONS:
        raise ValueError(f"render(edition=...) expects one of {EDITIONS}, got {edition!r}")
    nb = student_edition(nb, keep_outputs=True) if edition == "student" else copy.deepcopy(nb)
    title, summary = title_and_summary(nb)
    nb.metadata["title"] = title or name
    add_static_figures(nb)
    for cell in nb.cells:      # a page loads nothing from another host: remote images -> their text
        if cell.cell_type == "markdown":
            cell.source = _REMOTE_IMAGE.sub(lambda m: m.group(1) or "image", cell.source)
    links = links or Links.from_options()
    for cell in nb.cells:      # the notebook's own live links follow the build's
        if cell.cell_type == "markdown":
            cell.source = links.rewrite(cell.source)
    if kind == "slides":
        fit_slides(nb)
    nav = dict(nav or {})
    nav.update(links.for_notebook(name), title=title, summary=summary,
               edition=edition)
    resources = {"metadata": {"name": name}, "nnviz": nav}
    body, _ = (exporter or _exporter(kind)).from_notebook_node(nb, resources=resources)
    return _local_links(body, ".html" if kind == "site" else ".slides.html")


LIVE_LINK_TEXT = (("lite", "Open in the browser"), ("binder", "Launch in Binder"),
                  ("hub", "Open on the hub"))


def index_page(entries, heading: str, intro: str) -> str:
    """A plain HTML list of the series: number, title, summary, links (no remote images)."""
    items = []
    for e in entries:
        links = [f'<a href="{html.escape(e["href"])}">{html.escape(e["link_text"])}'
                 f'<span class="visually-hidden"> {html.escape(e["title"])}</span></a>']
        for key, text in LIVE_LINK_TEXT:
            if e.get(key):
                links.append(f'<a href="{html.escape(e[key])}">{text}'
                             f'<span class="visually-hidden">: {html.escape(e["title"])}</span></a>')
        items.append(
            f'<li data-notebook="{html.escape(e["name"])}">'
            f'<h2><a href="{html.escape(e["href"])}">{html.escape(e["title"])}</a></h2>'
            f'<p>{html.escape(e["summary"])}</p><p class="links">{" ".join(links)}</p></li>')
    return INDEX_TEMPLATE.format(heading=html.escape(heading), intro=intro, items="\n".join(items))


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{heading}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; }}
a {{ color: #0550ae; }}
ol {{ list-style: none; padding: 0; }}
li {{ border-top: 1px solid #ddd; padding: 0.6rem 0; }}
h2 {{ font-size: 1.2rem; margin: 0.2rem 0; }}
p {{ margin: 0.2rem 0; }}
.links a {{ margin-right: 1rem; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
{intro}
<ol class="series">
{items}
</ol>
</main>
</body>
</html>
"""


def _entries(paths, suffix: str, link_text: str, links: Links | None = None):
    links = links or Links.from_options()
    entries = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        title, summary = title_and_summary(nb)
        entries.append({"name": path.stem, "title": title or path.stem, "summary": summary,
                        "href": path.stem + suffix, "link_text": link_text,
                        **links.for_notebook(path.stem)})
    return entries


def _select(paths, only):
    if not only:
        return list(paths)
    chosen = [p for p in paths if p.stem in only or p.name in only or p.stem[:2] in only]
    unknown = set(only) - {p.stem for p in chosen} - {p.name for p in chosen} - {p.stem[:2] for p in chosen}
    if unknown:
        raise SystemExit(f"no notebook called {', '.join(sorted(unknown))} in {NOTEBOOKS}")
    return chosen


SITE_INTRO = ("<p>A read-only copy of the series: every notebook run once, with its figures. "
              "The sliders only work in a live notebook: use {ways}"
              "<code>make lab</code> on your own machine.</p>")


def site_intro(links: Links) -> str:
    """The site index's first paragraph, naming only the live links this build has."""
    ways = [text for key, text in (("lite", "<em>Open in the browser</em> (JupyterLite, nothing to install)"),
                                   ("binder", "<em>Launch in Binder</em>"), ("hub", "<em>Open on the hub</em>"))
            if getattr(links, key)]
    return SITE_INTRO.format(ways=", ".join(ways) + ", or " if ways else "")
SLIDES_INTRO = ("<p>reveal.js slides of each notebook: arrow keys move, <kbd>Esc</kbd> shows "
                "the overview. To present live, with working sliders, open the notebook in "
                "JupyterLab and press <kbd>Alt</kbd>+<kbd>R</kbd> (RISE).</p>")


def _build(kind: str, suffix: str, title: str, intro: str, out: Path, only, source: Path,
           execute_first: bool, cache: Path, use_cache: bool, jobs: int,
           links: Links | None, edition: str, style: str | None = None) -> list[Path]:
    """The site and the slides alike: pick notebooks, run them, render each, write an index."""
    if edition not in EDITIONS:
        raise ValueError(f"edition expects one of {EDITIONS}, got {edition!r}")
    paths = notebooks(source)
    if not paths:
        raise SystemExit(f"no notebooks in {source}")
    chosen = _select(paths, only)
    links = links or Links.from_options()
    style = style or STYLES[kind]
    if style not in STYLES.values():
        raise ValueError(f"style expects one of {sorted(set(STYLES.values()))}, got {style!r}")
    out.mkdir(parents=True, exist_ok=True)
    if execute_first:
        _execute.execute_all(chosen, cache, use_cache, jobs, style=style)
    from assets import install

    install("math", out)
    if kind == "slides":
        install("slides", out)
    exporter = _exporter(kind)
    link = "read" if kind == "site" else "slides"
    entries = _entries(paths, suffix, link, links)
    written = []
    for path in chosen:
        nb = _execute.executed(path, cache, use_cache=True, style=style) if execute_first \
            else nbformat.read(path, as_version=4)
        at = [e["name"] for e in entries].index(path.stem)
        nav = {"prev": entries[at - 1] if at > 0 else None,
               "next": entries[at + 1] if at + 1 < len(entries) else None}
        target = out / f"{path.stem}{suffix}"
        target.write_text(render(nb, path.stem, kind, exporter, nav, links, edition), encoding="utf-8")
        written.append(target)
    if kind == "site":
        intro = site_intro(links)
    if edition == "student":
        intro += STUDENT_NOTE
    index = out / "index.html"
    index.write_text(index_page(entries, title, intro), encoding="utf-8")
    return [index, *written]


STUDENT_NOTE = "<p>The student edition: the solutions are not included.</p>"


def build_site(out: Path, only=None, source: Path = NOTEBOOKS, cache: Path = CACHE,
               use_cache: bool = True, jobs: int = 1, links: Links | None = None,
               edition: str = "teacher") -> list[Path]:
    """Execute the notebooks and write ``out/<name>.html`` plus ``out/index.html``.

    The index lists every notebook of the series; ``only`` (names, or ``"00"``-style
    numbers) limits which are executed and written, e.g. for a quick test.
    """
    return _build("site", ".html", "nnviz: how a neural network works", SITE_INTRO,
                  out, only, source, True, cache, use_cache, jobs, links, edition)


def build_slides(out: Path, only=None, source: Path = NOTEBOOKS, execute_first: bool = True,
                 cache: Path = CACHE, use_cache: bool = True, jobs: int = 1,
                 links: Links | None = None, edition: str = "teacher",
                 style: str | None = None) -> list[Path]:
    """Write ``out/<name>.slides.html`` (reveal.js) for each notebook, and an index.

    With ``execute_first`` the decks show outputs and figures, drawn in the classroom style
    (from the shared cache of executed notebooks); without it, they are the stored
    notebooks, code without outputs.
    """
    return _build("slides", ".slides.html", "nnviz slides", SLIDES_INTRO,
                  out, only, source, execute_first, cache, use_cache, jobs, links, edition, style)
