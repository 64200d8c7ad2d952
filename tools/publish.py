"""Publish the notebooks for a class: reveal.js slides and a static, read-only HTML site.

    python tools/publish.py slides [--out build/slides] [--no-execute] [--only NAME ...]
    python tools/publish.py site   [--out build/site]   [--only NAME ...] [--jobs N]

``make slides`` and ``make site`` run these with the project's venv.

How it works
------------
- **Execution.** Notebooks are stored without outputs, so both builders first run each
  notebook top to bottom with nbconvert's ExecutePreprocessor (kernel ``python3``, started
  by this interpreter, so the venv's ipykernel; ``store_widget_state=True``, so slider
  positions and labels are saved in the notebook). The run happens in a copy; notebooks/
  is never written. Executed copies are cached in ``build/executed/`` under a hash of the
  notebook and of the nnviz sources: ``make site slides`` executes each notebook once.
- **Static figures.** An ipympl figure is drawn by the kernel: in a page without one its
  canvas stays blank. So a last cell, run in the kernel and then removed, renders every
  live ipympl canvas to PNG and stores it as the canvas's ``_data_url`` (the trait ipympl
  itself uses for embedding; its own copy lacks the ``data:`` prefix when no browser is
  attached). When the page is built, each widget output gets the PNGs of the figures in
  its widget tree (ipympl canvases, and ``ipywidgets.Image`` in nnviz's PNG fallback) as
  plain ``<img src="data:image/png;base64,...">``, inside the widget's own box. The page
  therefore shows every explorer's figure, as it was when the notebook finished, with no
  kernel and no JavaScript. If the widget JavaScript does load (online; see below), the
  live widget appears and the duplicate image is hidden by one CSS rule.
- **No network to build.** Building reads nothing but the repository and the installed
  nbconvert templates. Viewing fetches, from public CDNs, what nbconvert's templates
  always fetch: MathJax, require.js, reveal.js (slides) and the ipywidgets embed manager
  (pages with widgets). Without them a page still shows its text, code and figures;
  equations stay as TeX source and the sliders do not appear.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import copy
import hashlib
import html
import json
import os
import re
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
CACHE = BUILD / "executed"
TEMPLATES = Path(__file__).resolve().parent / "templates"

BINDER = "https://mybinder.org/v2/gh/nnviz/nnviz/HEAD?urlpath=lab/tree/notebooks/{name}.ipynb"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}
#: ipywidgets 8 is drawn by @jupyter-widgets/html-manager 1.x; nbconvert's default is "*",
#: which would take a future 2.x that cannot read this state.
HTML_MANAGER_RANGE = "^1.0.0"
#: Changes whenever the way notebooks are executed changes, so the cache is rebuilt.
EXECUTOR_VERSION = "1"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

# Run in the kernel after the last cell, then removed from the notebook: render every live
# ipympl canvas to a PNG data URL stored in the canvas's widget state, and say which
# Python ran the kernel.
_FINAL_CELL = r'''
def _nnviz_publish_snapshot():
    import base64, io, json, sys
    from ipywidgets.widgets import widget as _widget
    try:
        from ipympl.backend_nbagg import Canvas
    except ImportError:
        Canvas = None
    instances = getattr(_widget, "_instances", None) or getattr(_widget.Widget, "widgets", {})
    count = 0
    for w in list(instances.values()):
        if Canvas is not None and isinstance(w, Canvas) and getattr(w, "figure", None) is not None:
            buffer = io.BytesIO()
            w.print_png(buffer)
            w._data_url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
            count += 1
    print(json.dumps({"prefix": sys.prefix, "canvases": count}))
_nnviz_publish_snapshot()
del _nnviz_publish_snapshot
'''


# --- the notebooks --------------------------------------------------------------------------

def notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The series in order: ``NN_name.ipynb`` sorted by name (00 first)."""
    return sorted(p for p in folder.glob("*.ipynb") if re.match(r"\d\d_", p.name))


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


def missing_slide_metadata(nb) -> list[int]:
    """Indices of cells without a valid ``metadata.slideshow.slide_type``."""
    return [i for i, c in enumerate(nb.cells)
            if c.get("metadata", {}).get("slideshow", {}).get("slide_type") not in SLIDE_TYPES]


def _fingerprint(path: Path) -> str:
    digest = hashlib.sha256(EXECUTOR_VERSION.encode())
    digest.update(path.read_bytes())
    for source in sorted((ROOT / "nnviz").glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


# --- execution -------------------------------------------------------------------------------

def execute(path: Path, timeout: int = 600):
    """Run a copy of the notebook in the venv's kernel; return it with widget state."""
    from nbconvert.preprocessors import ExecutePreprocessor

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_FINAL_CELL))
    ep = ExecutePreprocessor(kernel_name="python3", timeout=timeout, store_widget_state=True)
    saved = {k: os.environ.get(k) for k in ("MPLBACKEND", "JUPYTER_PATH")}
    # `make test` exports MPLBACKEND=Agg; a page wants the backends the notebook asks for.
    os.environ.pop("MPLBACKEND", None)
    # This environment's kernelspecs first, before any "python3" in the user's home.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(Path(sys.prefix) / "share" / "jupyter")] + ([saved["JUPYTER_PATH"]] if saved["JUPYTER_PATH"] else []))
    try:
        ep.preprocess(nb, {"metadata": {"path": str(path.parent)}})
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    final = nb.cells.pop()
    report = json.loads("".join(o.get("text", "") for o in final.outputs
                                if o.get("output_type") == "stream").strip().splitlines()[-1])
    if Path(report["prefix"]).resolve() != Path(sys.prefix).resolve():
        raise RuntimeError(f"{path.name} ran in a kernel from {report['prefix']}, "
                           f"not from this environment ({sys.prefix}): check `jupyter kernelspec list`")
    return nb


def _cached(path: Path, cache: Path):
    cached = cache / path.name
    if cached.exists():
        nb = nbformat.read(cached, as_version=4)
        if nb.metadata.get("nnviz_publish", {}).get("fingerprint") == _fingerprint(path):
            return nb
    return None


def executed(path: Path, cache: Path = CACHE, use_cache: bool = True):
    """The executed notebook, from ``cache`` when the notebook and nnviz are unchanged."""
    if use_cache:
        nb = _cached(path, cache)
        if nb is not None:
            return nb
    fingerprint = _fingerprint(path)
    cached = cache / path.name
    nb = execute(path)
    nb.metadata["nnviz_publish"] = {"fingerprint": fingerprint}
    cache.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, cached)
    return nb


def _execute_one(args):
    path, cache, use_cache = args
    if use_cache and _cached(path, cache) is not None:
        return path.name, None
    start = time.perf_counter()
    executed(path, cache, use_cache=False)
    return path.name, time.perf_counter() - start


def execute_all(paths, cache: Path = CACHE, use_cache: bool = True, jobs: int = 1):
    """Execute (or find in the cache) every notebook, ``jobs`` at a time."""
    work = [(p, cache, use_cache) for p in paths]
    if jobs > 1 and len(work) > 1:
        with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_execute_one, work))
    else:
        results = [_execute_one(w) for w in work]
    for name, seconds in results:
        print(f"  {name}: " + ("unchanged, from build/executed" if seconds is None
                               else f"executed in {seconds:.1f} s"), flush=True)


# --- static figures ---------------------------------------------------------------------------

def _refs(value):
    """Model ids referenced anywhere in a widget's state (children, toolbar, ...)."""
    if isinstance(value, str) and value.startswith("IPY_MODEL_"):
        yield value[len("IPY_MODEL_"):]
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _refs(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _refs(item)


def _figure_of(model) -> str | None:
    """A data URL for a model that is a figure: an ipympl canvas or a PNG Image widget."""
    state = model.get("state", {})
    if model.get("model_name") == "MPLCanvasModel":
        url = state.get("_data_url")
        if url:
            return url if url.startswith("data:") else "data:image/png;base64," + url
    elif model.get("model_name") == "ImageModel" and state.get("format", "png") == "png":
        for buffer in model.get("buffers", []):
            if buffer.get("path") == ["value"] and buffer.get("encoding", "base64") == "base64":
                return "data:image/png;base64," + buffer["data"]
        if isinstance(state.get("value"), str) and state["value"]:
            return "data:image/png;base64," + state["value"]
    return None


def _control_text(model) -> str | None:
    """``"w = 1.2"`` for a slider, dropdown, checkbox... in a widget tree, else None."""
    name, state = model.get("model_name", ""), model.get("state", {})
    label = (state.get("description") or "").strip()
    if name in _CONTROLS_WITH_INDEX:
        labels, index = state.get("_options_labels") or [], state.get("index")
        if isinstance(index, int) and 0 <= index < len(labels):
            return f"{label} = {labels[index]}" if label else str(labels[index])
    elif name in _CONTROLS_WITH_VALUE and "value" in state:
        value = state["value"]
        if isinstance(value, float):
            value = f"{value:.4g}"
        elif isinstance(value, list):
            value = " – ".join(f"{v:.4g}" if isinstance(v, float) else str(v) for v in value)
        return f"{label} = {value}" if label else str(value)
    return None


_CONTROLS_WITH_VALUE = {"FloatSliderModel", "IntSliderModel", "FloatLogSliderModel",
                        "FloatRangeSliderModel", "IntRangeSliderModel", "CheckboxModel",
                        "ToggleButtonModel", "BoundedFloatTextModel", "BoundedIntTextModel",
                        "FloatTextModel", "IntTextModel", "TextModel"}
_CONTROLS_WITH_INDEX = {"DropdownModel", "RadioButtonsModel", "ToggleButtonsModel",
                        "SelectionSliderModel", "SelectModel"}


def static_view(model_id: str, models: dict) -> dict:
    """What a widget tree shows, for a page without JavaScript, in display order.

    ``{"figures": [{"src": data URL, "width": px}], "controls": ["w = 1", ...]}``.
    """
    figures, controls, seen, stack = [], [], set(), [model_id]
    while stack:
        mid = stack.pop()
        if mid in seen or mid not in models:
            continue
        seen.add(mid)
        model = models[mid]
        src = _figure_of(model)
        if src:
            size = model.get("state", {}).get("_size") or [0, 0]
            figures.append({"src": src, "width": int(size[0]) if size and size[0] else None})
            continue
        text = _control_text(model)
        if text:
            controls.append(text)
        # children first to last: push reversed so the first child is handled first
        stack.extend(reversed(list(_refs(model.get("state", {})))))
    return {"figures": figures, "controls": controls}


def static_figures(model_id: str, models: dict) -> list[dict]:
    """The figures in a widget tree, in display order: [{"src": data URL, "width": px}]."""
    return static_view(model_id, models)["figures"]


def add_static_figures(nb) -> int:
    """Give every widget output with a figure its PNGs and control values.

    They go to the output's ``metadata.nnviz`` (``static_figures``, ``static_controls``),
    which the nnviz templates draw inside the widget's box. Returns the number of figures.
    """
    models = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if not view:
                continue
            static = static_view(view["model_id"], models)
            if static["figures"]:
                meta = output.setdefault("metadata", {}).setdefault("nnviz", {})
                meta["static_figures"] = static["figures"]
                meta["static_controls"] = static["controls"]
                count += len(static["figures"])
    return count


# --- pages -------------------------------------------------------------------------------------

def _local_links(page: str, suffix: str) -> str:
    """``href="01_neuron.ipynb"`` between notebooks -> the built page for that notebook."""
    return re.sub(r'href="(\d\d_[\w-]+)\.ipynb(#[^"]*)?"',
                  lambda m: f'href="{m.group(1)}{suffix}{m.group(2) or ""}"', page)


def _exporter(kind: str):
    from nbconvert import HTMLExporter, SlidesExporter

    common = dict(extra_template_basedirs=[str(TEMPLATES)], extra_template_paths=[str(TEMPLATES)],
                  html_manager_semver_range=HTML_MANAGER_RANGE)
    if kind == "slides":
        return SlidesExporter(template_name="nnviz_reveal", reveal_scroll=True, **common)
    return HTMLExporter(template_name="nnviz_lab", **common)


def render(nb, name: str, kind: str, exporter=None) -> str:
    """One notebook as a site page (``kind="site"``) or a reveal.js deck (``"slides"``)."""
    nb = copy.deepcopy(nb)
    title, summary = title_and_summary(nb)
    nb.metadata["title"] = title or name
    add_static_figures(nb)
    resources = {"metadata": {"name": name},
                 "nnviz": {"binder": BINDER.format(name=name), "title": title, "summary": summary}}
    body, _ = (exporter or _exporter(kind)).from_notebook_node(nb, resources=resources)
    return _local_links(body, ".html" if kind == "site" else ".slides.html")


def index_page(entries, heading: str, intro: str) -> str:
    """A plain HTML list of the series: number, title, summary, links."""
    items = []
    for e in entries:
        links = [f'<a href="{html.escape(e["href"])}">{html.escape(e["link_text"])}</a>']
        links.append(f'<a class="binder" href="{html.escape(e["binder"])}">'
                     f'<img src="{BINDER_BADGE}" alt="Launch in Binder"></a>')
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
ol {{ list-style: none; padding: 0; }}
li {{ border-top: 1px solid #ddd; padding: 0.6rem 0; }}
h2 {{ font-size: 1.2rem; margin: 0.2rem 0; }}
p {{ margin: 0.2rem 0; }}
.links a {{ margin-right: 1rem; }}
.binder img {{ vertical-align: middle; }}
</style>
</head>
<body>
<h1>{heading}</h1>
{intro}
<ol class="series">
{items}
</ol>
</body>
</html>
"""


def _entries(paths, suffix: str, link_text: str):
    entries = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        title, summary = title_and_summary(nb)
        entries.append({"name": path.stem, "title": title or path.stem, "summary": summary,
                        "href": path.stem + suffix, "link_text": link_text,
                        "binder": BINDER.format(name=path.stem)})
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
              "The sliders only work in a live notebook: use <em>Launch in Binder</em> "
              "to run one in your browser, or <code>make lab</code> on your own machine.</p>")
SLIDES_INTRO = ("<p>reveal.js slides of each notebook: arrow keys move, <kbd>Esc</kbd> shows "
                "the overview. To present live, with working sliders, open the notebook in "
                "JupyterLab and press <kbd>Alt</kbd>+<kbd>R</kbd> (RISE).</p>")


def _build(kind: str, suffix: str, title: str, intro: str, out: Path, only, source: Path,
           execute_first: bool, cache: Path, use_cache: bool, jobs: int) -> list[Path]:
    """The site and the slides alike: pick notebooks, run them, render each, write an index."""
    paths = notebooks(source)
    if not paths:
        raise SystemExit(f"no notebooks in {source}")
    chosen = _select(paths, only)
    out.mkdir(parents=True, exist_ok=True)
    if execute_first:
        execute_all(chosen, cache, use_cache, jobs)
    exporter = _exporter(kind)
    written = []
    for path in chosen:
        nb = executed(path, cache, use_cache=True) if execute_first else nbformat.read(path, as_version=4)
        target = out / f"{path.stem}{suffix}"
        target.write_text(render(nb, path.stem, kind, exporter), encoding="utf-8")
        written.append(target)
    link = "read" if kind == "site" else "slides"
    index = out / "index.html"
    index.write_text(index_page(_entries(paths, suffix, link), title, intro), encoding="utf-8")
    return [index, *written]


def build_site(out: Path, only=None, source: Path = NOTEBOOKS, cache: Path = CACHE,
               use_cache: bool = True, jobs: int = 1) -> list[Path]:
    """Execute the notebooks and write ``out/<name>.html`` plus ``out/index.html``.

    The index lists every notebook of the series; ``only`` (names, or ``"00"``-style
    numbers) limits which are executed and written, e.g. for a quick test.
    """
    return _build("site", ".html", "nnviz: how a neural network works", SITE_INTRO,
                  out, only, source, True, cache, use_cache, jobs)


def build_slides(out: Path, only=None, source: Path = NOTEBOOKS, execute_first: bool = True,
                 cache: Path = CACHE, use_cache: bool = True, jobs: int = 1) -> list[Path]:
    """Write ``out/<name>.slides.html`` (reveal.js) for each notebook, and an index.

    With ``execute_first`` the decks show outputs and figures (from the shared cache of
    executed notebooks); without it, they are the stored notebooks, code without outputs.
    """
    return _build("slides", ".slides.html", "nnviz slides", SLIDES_INTRO,
                  out, only, source, execute_first, cache, use_cache, jobs)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["site", "slides"])
    parser.add_argument("--out", type=Path, help="default: build/site or build/slides")
    parser.add_argument("--only", nargs="+", metavar="NAME",
                        help="only these notebooks (e.g. 00 or 00_start_here); the index lists all")
    parser.add_argument("--no-execute", action="store_true",
                        help="slides: export the stored notebooks without running them (fast, no outputs)")
    parser.add_argument("--no-cache", action="store_true", help="execute even if build/executed is current")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="notebooks executed at once (default: %(default)s)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    out = args.out or BUILD / args.what
    if args.what == "site":
        written = build_site(out, args.only, use_cache=not args.no_cache, jobs=args.jobs)
    else:
        written = build_slides(out, args.only, execute_first=not args.no_execute,
                               use_cache=not args.no_cache, jobs=args.jobs)
    print(f"wrote {len(written)} pages to {out}/ in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
