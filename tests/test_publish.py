"""Classroom publishing (tools/publish.py): slide metadata, reveal.js slides, the static site.

`make slides` and `make site` build everything; here the slides of every notebook are
exported without running them, and the site is built for 00 only (the index still lists
the whole series), so the file stays quick.
"""
import base64
import html
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _load_publish():
    spec = importlib.util.spec_from_file_location("nnviz_publish", ROOT / "tools" / "publish.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


publish = _load_publish()


def _png(width=4, height=3) -> str:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width / 100, height / 100), dpi=100)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode()


# --- slide metadata ----------------------------------------------------------------------

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_cell_has_slide_metadata(path):
    nb = nbformat.read(path, as_version=4)
    missing = publish.missing_slide_metadata(nb)
    assert not missing, (
        f"{path.name}: cells {missing} have no metadata.slideshow.slide_type "
        f"(one of {sorted(publish.SLIDE_TYPES)}); RISE and `make slides` need it on every cell")
    assert nb.cells[0].metadata.slideshow.slide_type == "slide", f"{path.name} must open on a slide"


def test_the_series_is_found_in_order():
    names = [p.name for p in publish.notebooks()]
    assert names == sorted(names) and names[0] == "00_start_here.ipynb"


def test_title_and_summary_come_from_the_first_heading():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("# 03 · A network\nNeurons wired into *layers*. Then more.\n\n## 1."),
    ])
    assert publish.title_and_summary(nb) == ("03 · A network", "Neurons wired into layers.")


# --- static figures ------------------------------------------------------------------------

def test_static_view_finds_every_figure_and_control_in_display_order():
    png = _png()
    models = {
        "box": {"model_name": "VBoxModel", "state": {
            "children": ["IPY_MODEL_row", "IPY_MODEL_slider"], "layout": "IPY_MODEL_lay"}},
        "lay": {"model_name": "LayoutModel", "state": {}},
        "row": {"model_name": "HBoxModel", "state": {"children": ["IPY_MODEL_canvas", "IPY_MODEL_img"]}},
        # ipympl stores the PNG without the data: prefix when no browser was attached
        "canvas": {"model_name": "MPLCanvasModel", "state": {"_data_url": png, "_size": [500.0, 300.0]}},
        "img": {"model_name": "ImageModel", "state": {"format": "png"},
                "buffers": [{"path": ["value"], "encoding": "base64", "data": png}]},
        "slider": {"model_name": "FloatSliderModel", "state": {"description": "w", "value": 1.5}},
    }
    view = publish.static_view("box", models)
    assert [f["src"] for f in view["figures"]] == ["data:image/png;base64," + png] * 2
    assert view["figures"][0]["width"] == 500
    assert view["controls"] == ["w = 1.5"]
    assert publish.static_view("slider", models)["figures"] == []


def test_local_links_point_at_the_built_pages():
    page = ('<a href="01_neuron.ipynb">next</a> <a href="02_activations.ipynb#top">x</a> '
            '<a href="https://mybinder.org/v2/gh/nnviz/nnviz/HEAD?urlpath=lab/tree/notebooks/01_neuron.ipynb">b</a>')
    out = publish._local_links(page, ".html")
    assert 'href="01_neuron.html"' in out and 'href="02_activations.html#top"' in out
    assert "notebooks/01_neuron.ipynb" in out   # Binder links keep the notebook


# --- no network to build --------------------------------------------------------------------

class _Offline:
    """Refuse every socket connection that leaves this machine (the kernel uses loopback)."""

    def __init__(self, monkeypatch):
        import socket

        self.attempts = []
        real_connect = socket.socket.connect

        def connect(sock, address, *args):
            host = address[0] if isinstance(address, tuple) else str(address)
            if isinstance(address, tuple) and host not in ("127.0.0.1", "::1", "localhost"):
                self.attempts.append(address)
                raise OSError(f"the build tried to reach {address}")
            return real_connect(sock, address, *args)

        monkeypatch.setattr(socket.socket, "connect", connect)


# --- slides --------------------------------------------------------------------------------

def test_slides_export_every_notebook(tmp_path, monkeypatch):
    offline = _Offline(monkeypatch)
    written = publish.build_slides(tmp_path, execute_first=False)
    assert written[0] == tmp_path / "index.html"
    for path in NOTEBOOKS:
        deck = tmp_path / f"{path.stem}.slides.html"
        assert deck.exists(), f"no slides for {path.name}"
        text = deck.read_text(encoding="utf-8")
        assert text.count("<section") >= 2, f"{deck.name} has no reveal.js sections"
        assert "Reveal.initialize" in text
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'data-notebook="([^"]+)"', index) == [p.stem for p in NOTEBOOKS]
    assert not offline.attempts


# --- the site ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as monkeypatch:
        offline = _Offline(monkeypatch)
        publish.build_site(out, only=["00_start_here"], cache=out / "executed")
    assert not offline.attempts
    return out


def test_site_index_lists_the_series_in_order_with_binder_links(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'data-notebook="([^"]+)"', index) == [p.stem for p in NOTEBOOKS]
    for path in NOTEBOOKS:
        title, _ = publish.title_and_summary(nbformat.read(path, as_version=4))
        assert title and html.escape(title) in index
        assert publish.BINDER.format(name=path.stem) in index
        assert f'href="{path.stem}.html"' in index


def test_site_page_renders_without_a_kernel(site):
    page = (site / "00_start_here.html").read_text(encoding="utf-8")
    assert publish.BINDER.format(name="00_start_here") in page
    assert 'href="index.html"' in page
    # the notebook ran: outputs, and the widget state for the live widgets
    assert "weights · inputs = 3.0" in page
    assert 'application/vnd.jupyter.widget-state+json' in page
    # the explorer's figure is there as a plain image, no kernel or JavaScript needed
    tags = re.findall(r'<img [^>]*nnviz-static-figure[^>]*>', page)
    figures = [m for tag in tags for m in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', tag)]
    assert figures, "the slider explorer's figure is missing from the page"
    assert base64.b64decode(figures[0])[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(figures[0]) > 5000, "the figure is suspiciously small (blank?)"
    assert "w = 1" in page
    # links between notebooks go to pages, not to .ipynb files
    assert not re.search(r'href="\d\d_[\w-]+\.ipynb', page)


def test_site_executes_in_this_environment_and_never_writes_notebooks(site):
    cached = nbformat.read(site / "executed" / "00_start_here.ipynb", as_version=4)
    assert cached.metadata["nnviz_publish"]["fingerprint"] == publish._fingerprint(
        ROOT / "notebooks" / "00_start_here.ipynb")
    stored = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text())
    assert not any(c.get("outputs") for c in stored["cells"] if c["cell_type"] == "code")
