"""Publish the notebooks for a class: reveal.js slides and a static, read-only HTML site.

    python tools/publish.py slides  [--out build/slides] [--no-execute] [--only NAME ...]
    python tools/publish.py site    [--out build/site]   [--only NAME ...] [--jobs N]
    python tools/publish.py student [--out build/student]

``make slides``, ``make site`` and ``make student`` run these with the project's venv.

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
- **Offline to view.** Nothing is loaded from another host when a deck or a page is
  viewed: reveal.js and KaTeX (equations) are copied into ``assets/`` beside the pages from
  pinned, checksummed npm tarballs (``tools/assets.py``; fetched once into ``build/npm/``,
  after which building needs no network either). The live widget JavaScript is not loaded at
  all: each explorer shows its static figure and control values instead.
- **Alternative text.** While a notebook runs, a formatter describes every matplotlib figure
  from its titles, axis labels and legend; that description is each figure's ``alt``.
- **Slides fit 960x700.** ``fit_slides`` hides what a class does not need to see (the
  "✓ ... the two agree" lines, plotting-only code, unanswered exercise checks), estimates
  each cell's height and starts a new sub-slide where a slide would overflow, splitting long
  markdown cells at headings and paragraphs. A deck scales any slide still too tall down to
  fit; tests/ui/test_site_slides.py measures every slide in Chromium.
- **Student edition.** ``student_edition`` removes every ``<details>`` solution block.
"""
from __future__ import annotations

import argparse
import base64
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
from unittest import mock

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))   # tools/assets.py
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
CACHE = BUILD / "executed"
TEMPLATES = Path(__file__).resolve().parent / "templates"

BINDER = "https://mybinder.org/v2/gh/nnviz/nnviz/HEAD?urlpath=lab/tree/notebooks/{name}.ipynb"
#: The in-browser edition (JupyterLite, built by tools/lite) on GitHub Pages.
LITE = "https://nnviz.github.io/nnviz/lab/index.html?path={name}.ipynb"
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}
#: ipywidgets 8 is drawn by @jupyter-widgets/html-manager 1.x; nbconvert's default is "*",
#: which would take a future 2.x that cannot read this state.
HTML_MANAGER_RANGE = "^1.0.0"
#: Changes whenever the way notebooks are executed changes, so the cache is rebuilt.
EXECUTOR_VERSION = "3"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

# Run in the kernel before the first cell, then removed: describe every matplotlib figure in
# words (its text/plain form, which becomes the alt text of its image on the pages).
_FIRST_CELL = r'''
def _nnviz_describe(fig):
    def clean(text):
        return " ".join(str(text).replace("$", "").split())
    parts = []
    title = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else ""
    if title:
        parts.append(clean(title))
    panels = [ax for ax in fig.axes if ax.get_visible() and (ax.has_data() or ax.texts)]
    for n, ax in enumerate(panels, 1):
        bits = []
        if ax.get_title():
            bits.append(clean(ax.get_title()))
        if ax.get_xlabel():
            bits.append("across: " + clean(ax.get_xlabel()))
        if ax.get_ylabel():
            bits.append("up: " + clean(ax.get_ylabel()))
        legend = ax.get_legend()
        if legend is not None:
            names = [clean(t.get_text()) for t in legend.get_texts() if t.get_text()]
            if names:
                bits.append("showing " + ", ".join(names))
        if not bits or not (ax.get_title() or ax.get_xlabel() or ax.get_ylabel()):
            words = [clean(t.get_text()) for t in ax.texts if t.get_visible() and t.get_text().strip()]
            if words:
                bits.append("a diagram labelled " + ", ".join(dict.fromkeys(words[:10])))
        if bits:
            parts.append(("panel %d: " % n if len(panels) > 1 else "") + "; ".join(bits))
    if not parts:
        return "A figure with %d panel(s) and no titles." % len(panels)
    return "Figure. " + ". ".join(parts) + "."

def _nnviz_publish_setup():
    from matplotlib.figure import Figure
    get_ipython().display_formatter.formatters["text/plain"].for_type(
        Figure, lambda fig, p, cycle: p.text(_nnviz_describe(fig)))
_nnviz_publish_setup()
del _nnviz_publish_setup
'''

# Run in the kernel after the last cell, then removed from the notebook: render every live
# ipympl canvas to a PNG data URL stored in the canvas's widget state, describe it, and say
# which Python ran the kernel.
_FINAL_CELL = r'''
def _nnviz_publish_snapshot():
    import base64, io, json, sys
    from ipywidgets.widgets import widget as _widget
    try:
        from ipympl.backend_nbagg import Canvas
    except ImportError:
        Canvas = None
    instances = getattr(_widget, "_instances", None) or getattr(_widget.Widget, "widgets", {})
    count, alts = 0, {}
    for w in list(instances.values()):
        if Canvas is not None and isinstance(w, Canvas) and getattr(w, "figure", None) is not None:
            buffer = io.BytesIO()
            w.print_png(buffer)
            w._data_url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
            alts[w.model_id] = _nnviz_describe(w.figure)
            count += 1
        elif callable(getattr(w, "still", None)):
            # The playground painted in the page (nnviz/_paint.py): its matplotlib figure.
            figure = w.still()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png")
            w.still_png = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
            alts[w.model_id] = _nnviz_describe(figure)
            count += 1
    print(json.dumps({"prefix": sys.prefix, "canvases": count, "alts": alts}))
_nnviz_publish_snapshot()
del _nnviz_publish_snapshot, _nnviz_describe
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
    nb.cells.insert(0, nbformat.v4.new_code_cell(_FIRST_CELL))
    nb.cells.append(nbformat.v4.new_code_cell(_FINAL_CELL))
    ep = ExecutePreprocessor(kernel_name="python3", timeout=timeout, store_widget_state=True)
    jupyter_path = os.environ.get("JUPYTER_PATH")
    # This environment's kernelspecs first, before any "python3" in the user's home; exercise
    # checks run while publishing write no progress file into notebooks/.
    env = {"NNVIZ_PROGRESS_FILE": "off", "JUPYTER_PATH": os.pathsep.join(
        [str(Path(sys.prefix) / "share" / "jupyter")] + ([jupyter_path] if jupyter_path else []))}
    with mock.patch.dict(os.environ, env):
        # `make test` exports MPLBACKEND=Agg; a page wants the backends the notebook asks for.
        os.environ.pop("MPLBACKEND", None)
        ep.preprocess(nb, {"metadata": {"path": str(path.parent)}})
    final = nb.cells.pop()
    nb.cells.pop(0)
    report = json.loads("".join(o.get("text", "") for o in final.outputs
                                if o.get("output_type") == "stream").strip().splitlines()[-1])
    if Path(report["prefix"]).resolve() != Path(sys.prefix).resolve():
        raise RuntimeError(f"{path.name} ran in a kernel from {report['prefix']}, "
                           f"not from this environment ({sys.prefix}): check `jupyter kernelspec list`")
    nb.metadata["nnviz_publish"] = {"alts": report.get("alts", {})}
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
    nb.metadata["nnviz_publish"]["fingerprint"] = fingerprint
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
    """A data URL for a model that is a figure: an ipympl canvas, a PNG Image widget, or the
    playground painted in the page (its still figure, ``still_png``)."""
    state = model.get("state", {})
    if model.get("model_name") == "AnyModel" and str(state.get("still_png", "")).startswith("data:"):
        return state["still_png"]
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


def static_view(model_id: str, models: dict, alts: dict | None = None) -> dict:
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
            state = model.get("state", {})
            size = state.get("_size") or [state.get("width") or 0, 0]
            figures.append({"src": src, "width": int(size[0]) if size and size[0] else None,
                            "alt": (alts or {}).get(mid, "")})
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
    alts = nb.metadata.get("nnviz_publish", {}).get("alts", {})
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if not view:
                continue
            static = static_view(view["model_id"], models, alts)
            if static["figures"]:
                meta = output.setdefault("metadata", {}).setdefault("nnviz", {})
                meta["static_figures"] = static["figures"]
                meta["static_controls"] = static["controls"]
                count += len(static["figures"])
    return count


# --- slides that fit 960x700 ---------------------------------------------------------------

#: Height a slide's content may use, in reveal.js canvas pixels (the canvas is 960x700).
SLIDE_BUDGET = 620
#: Tallest a figure is drawn on a slide (the decks' CSS holds images to this).
FIGURE_MAX = 480
_AGREE_LINE = re.compile(r"^✓ .* — the two agree.*$\n?", re.M)
_CHECK_CALL = re.compile(r"\bchecks\.(check_\w+|progress)\(")
_DETAILS = re.compile(r"<details>.*?</details>\s*", re.S)
_REMOTE_IMAGE = re.compile(r"!\[([^\]]*)\]\(https?://[^)]*\)")


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


def _markdown_blocks(source: str) -> list[str]:
    """Paragraphs, headings, lists, fenced code, display maths and <details>, in order."""
    blocks, current, fence = [], [], False
    for line in source.splitlines():
        if line.strip().startswith("```"):
            fence = not fence
        if not fence and (not line.strip() or line.startswith("#")) and current:
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
            total += 25 * (block.count("\n") - 1) + 30
        elif block.startswith("$$") or block.startswith("\\["):
            total += 45 * max(1, block.count("\\\\") + 1) + 20
        elif block.lstrip().startswith("|"):
            total += 36 * block.count("\n") + 36
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
        return total + (30 if static.get("static_controls") else 0)
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
    height = (24 * _lines(cell.source, 76) + 24) if shown else 0
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


def _split_markdown(cell, budget: float) -> list:
    """A markdown cell as several, each within ``budget``, cut at block boundaries."""
    pieces, current = [], []
    for block in _markdown_blocks(cell.source):
        trial = "\n\n".join(current + [block])
        if current and (markdown_height(trial) > budget or
                        (block.startswith("#") and markdown_height(trial) > budget * 0.6)):
            pieces.append("\n\n".join(current))
            current = [block]
        else:
            current.append(block)
    if current:
        pieces.append("\n\n".join(current))
    cells = []
    for k, text in enumerate(pieces):
        new = copy.deepcopy(cell)
        new.source = text
        if k:
            new["id"] = f"{cell.get('id', 'cell')}-part{k}"
            _set_type(new, "subslide")
        cells.append(new)
    return cells


def fit_slides(nb, budget: float = SLIDE_BUDGET) -> dict:
    """Trim (:func:`trim_for_slides`) and re-cut the deck so no slide's estimated height
    passes ``budget``: a cell that would overflow starts a sub-slide, a markdown cell taller
    than a slide is split at headings and paragraphs, and a code cell whose outputs do not fit
    under it shows them on the next sub-slide. Returns counts of what changed."""
    trim_for_slides(nb)
    cells, changed = [], {"new_subslides": 0, "split_markdown": 0, "outputs_moved": 0}
    for cell in nb.cells:
        if _slide_type(cell) in ("skip", "notes"):
            cells.append(cell)
            continue
        if cell.cell_type == "markdown" and markdown_height(cell.source) > budget:
            pieces = _split_markdown(cell, budget)
            changed["split_markdown"] += len(pieces) > 1
            cells += pieces
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


# --- the student edition ----------------------------------------------------------------------

def student_edition(nb):
    """A copy of a notebook without its ``<details>`` solution blocks (empty cells dropped)."""
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "<details" in cell.source:
            cell.source = _DETAILS.sub("", cell.source).strip()
            if not cell.source:
                continue
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    nb.cells = cells
    return nb


def build_student(out: Path, source: Path = NOTEBOOKS) -> list[Path]:
    """Write the student edition of every notebook to ``out`` (the teacher keeps notebooks/)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks(source):
        target = out / path.name
        nbformat.write(student_edition(nbformat.read(path, as_version=4)), target)
        written.append(target)
    return written


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
        return SlidesExporter(template_name="nnviz_reveal", reveal_url_prefix="assets/reveal.js",
                              reveal_theme="white", **common)
    return HTMLExporter(template_name="nnviz_lab", **common)


def render(nb, name: str, kind: str, exporter=None, nav: dict | None = None) -> str:
    """One notebook as a site page (``kind="site"``) or a reveal.js deck (``"slides"``).

    ``nav`` holds the previous and next notebooks (``{"href", "title"}`` or None) for the
    site's navigation bar. Slides are first trimmed to fit the canvas (:func:`fit_slides`).
    """
    nb = copy.deepcopy(nb)
    title, summary = title_and_summary(nb)
    nb.metadata["title"] = title or name
    add_static_figures(nb)
    for cell in nb.cells:      # a page loads nothing from another host: remote images -> their text
        if cell.cell_type == "markdown":
            cell.source = _REMOTE_IMAGE.sub(lambda m: m.group(1) or "image", cell.source)
    if kind == "slides":
        fit_slides(nb)
    nav = dict(nav or {})
    nav.update(binder=BINDER.format(name=name), lite=LITE.format(name=name), title=title, summary=summary)
    resources = {"metadata": {"name": name}, "nnviz": nav}
    body, _ = (exporter or _exporter(kind)).from_notebook_node(nb, resources=resources)
    return _local_links(body, ".html" if kind == "site" else ".slides.html")


def index_page(entries, heading: str, intro: str) -> str:
    """A plain HTML list of the series: number, title, summary, links (no remote images)."""
    items = []
    for e in entries:
        links = [f'<a href="{html.escape(e["href"])}">{html.escape(e["link_text"])}'
                 f'<span class="visually-hidden"> {html.escape(e["title"])}</span></a>',
                 f'<a href="{html.escape(e["binder"])}">Launch in Binder'
                 f'<span class="visually-hidden">: {html.escape(e["title"])}</span></a>',
                 f'<a href="{html.escape(e["lite"])}">Open in the browser'
                 f'<span class="visually-hidden">: {html.escape(e["title"])}</span></a>']
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


def _entries(paths, suffix: str, link_text: str):
    entries = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        title, summary = title_and_summary(nb)
        entries.append({"name": path.stem, "title": title or path.stem, "summary": summary,
                        "href": path.stem + suffix, "link_text": link_text,
                        "binder": BINDER.format(name=path.stem), "lite": LITE.format(name=path.stem)})
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
              "The sliders only work in a live notebook: use <em>Open in the browser</em> "
              "(JupyterLite, nothing to install) or <em>Launch in Binder</em>, or "
              "<code>make lab</code> on your own machine.</p>")
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
    from assets import install

    install("math", out)
    if kind == "slides":
        install("slides", out)
    exporter = _exporter(kind)
    link = "read" if kind == "site" else "slides"
    entries = _entries(paths, suffix, link)
    written = []
    for path in chosen:
        nb = executed(path, cache, use_cache=True) if execute_first else nbformat.read(path, as_version=4)
        at = [e["name"] for e in entries].index(path.stem)
        nav = {"prev": entries[at - 1] if at > 0 else None,
               "next": entries[at + 1] if at + 1 < len(entries) else None}
        target = out / f"{path.stem}{suffix}"
        target.write_text(render(nb, path.stem, kind, exporter, nav), encoding="utf-8")
        written.append(target)
    index = out / "index.html"
    index.write_text(index_page(entries, title, intro), encoding="utf-8")
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
    parser.add_argument("what", choices=["site", "slides", "student"])
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
    if args.what == "student":
        written = build_student(out)
    elif args.what == "site":
        written = build_site(out, args.only, use_cache=not args.no_cache, jobs=args.jobs)
    else:
        written = build_slides(out, args.only, execute_first=not args.no_execute,
                               use_cache=not args.no_cache, jobs=args.jobs)
    print(f"wrote {len(written)} pages to {out}/ in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
