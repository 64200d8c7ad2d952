"""Classroom publishing (tools/publish/): slide metadata, reveal.js slides, the static site.

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

from tools import assets
from tools import publish  # tools/publish/, a package

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module", autouse=True)
def npm_tarballs():
    """The pinned npm tarballs, fetched once (the only network a build ever needs)."""
    for name in assets.PACKAGES:
        assets.tarball(name)


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
        # the playground painted in the page: its still figure, set by the snapshot cell
        "painted": {"model_name": "AnyModel", "state": {"still_png": "data:image/png;base64," + png,
                                                          "width": 820}},
        "live": {"model_name": "AnyModel", "state": {"still_png": "", "width": 820}},
    }
    models["row"]["state"]["children"] += ["IPY_MODEL_painted", "IPY_MODEL_live"]
    view = publish.static_view("box", models)
    assert [f["src"] for f in view["figures"]] == ["data:image/png;base64," + png] * 3
    assert view["figures"][2]["width"] == 820
    # an ipympl snapshot is drawn with a tight box: its own width (4 px here), not the canvas's 500
    assert view["figures"][0]["width"] == 4
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


# --- live links -------------------------------------------------------------------------------

def test_live_links_default_to_the_checkout_not_head():
    links = publish.Links.from_options()
    ref = publish.checkout_ref()
    assert ref and ref != "HEAD" and links.ref == ref
    assert links.for_notebook("01_neuron")["binder"] == _binder("01_neuron", ref)
    assert links.for_notebook("01_neuron")["lite"] == \
        "https://nnviz.github.io/nnviz/lab/index.html?path=01_neuron.ipynb"
    assert links.for_notebook("01_neuron")["hub"] is None
    none = publish.Links.from_options(binder="none", lite="none")
    assert none.for_notebook("01_neuron") == {"binder": None, "lite": None, "hub": None}


def test_notebook_links_to_head_follow_the_build():
    text = "[Binder](https://mybinder.org/v2/gh/nnviz/nnviz/HEAD?urlpath=lab/tree/notebooks/01_neuron.ipynb)" \
           " or [here](https://nnviz.github.io/nnviz/lab/index.html?path=01_neuron.ipynb)"
    out = LINKS.rewrite(text)
    assert _binder("01_neuron") in out and _lite("01_neuron") in out and "HEAD" not in out


@pytest.mark.parametrize("kwargs, message", [
    ({"ref": "v1 x"}, "tag, branch or commit"),
    ({"hub": "https://hub.example.edu/lab"}, "{name}"),
    ({"lite": "nnviz.github.io"}, "http(s) URL"),
])
def test_bad_link_options_say_what_was_expected(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        publish.Links.from_options(**kwargs)


def test_a_bad_style_or_edition_is_refused_before_any_work(tmp_path):
    with pytest.raises(ValueError, match="style expects one of"):
        publish.build_slides(tmp_path, execute_first=False, style="poster")
    with pytest.raises(ValueError, match="edition expects one of"):
        publish.build_site(tmp_path, edition="pupil")
    assert not list(tmp_path.iterdir())


def test_the_command_line_runs_without_make(tmp_path):
    import subprocess

    done = subprocess.run([sys.executable, str(ROOT / "tools" / "publish"), "student", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.ipynb")) == [p.name for p in NOTEBOOKS]
    bad = subprocess.run([sys.executable, str(ROOT / "tools" / "publish"), "site", "--hub", "https://x"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0 and "{name}" in bad.stderr and "Traceback" not in bad.stderr


# --- slides --------------------------------------------------------------------------------

def test_slides_export_every_notebook(tmp_path, monkeypatch):
    offline = _Offline(monkeypatch)   # the tarballs are in build/npm: nothing to fetch
    written = publish.build_slides(tmp_path, execute_first=False)
    assert written[0] == tmp_path / "index.html"
    for path in NOTEBOOKS:
        deck = tmp_path / f"{path.stem}.slides.html"
        assert deck.exists(), f"no slides for {path.name}"
        text = deck.read_text(encoding="utf-8")
        assert text.count("<section") >= 2, f"{deck.name} has no reveal.js sections"
        assert "Reveal.initialize" in text
        # every script and style sheet is a local file under assets/
        remote = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?:[^"]+)"', text)
        assert not remote, f"{deck.name} loads {remote}"
    assert (tmp_path / "assets" / "reveal.js" / "dist" / "reveal.js").exists()
    assert (tmp_path / "assets" / "katex" / "dist" / "katex.min.js").exists()
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'data-notebook="([^"]+)"', index) == [p.stem for p in NOTEBOOKS]
    assert not offline.attempts


# --- the site ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as monkeypatch:
        offline = _Offline(monkeypatch)
        publish.build_site(out, only=["00_start_here"], cache=out / "executed", links=LINKS)
        publish.build_site(out / "student", only=["00_start_here"], cache=out / "executed",
                           links=LINKS, edition="student")
    assert not offline.attempts
    return out


HUB = "https://hub.example.edu/hub/user-redirect/lab/tree/nnviz/notebooks/{name}.ipynb"
LINKS = publish.Links.from_options(ref="v2.1", lite="http://192.168.1.10:8000/", hub=HUB)


def _binder(name, ref="v2.1"):
    return f"https://mybinder.org/v2/gh/nnviz/nnviz/{ref}?urlpath=lab/tree/notebooks/{name}.ipynb"


def _lite(name, base="http://192.168.1.10:8000"):
    return f"{base}/lab/index.html?path={name}.ipynb"


def test_site_index_lists_the_series_in_order_with_binder_links(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'data-notebook="([^"]+)"', index) == [p.stem for p in NOTEBOOKS]
    for path in NOTEBOOKS:
        title, _ = publish.title_and_summary(nbformat.read(path, as_version=4))
        assert title and html.escape(title) in index
        assert _binder(path.stem) in index and _lite(path.stem) in index
        assert HUB.format(name=path.stem) in index
        assert f'href="{path.stem}.html"' in index
    assert "/HEAD?" not in index
    assert "<em>Open on the hub</em>" in index
    assert "Binder" not in publish.pages.site_intro(publish.Links.from_options(binder="none"))


def test_site_page_renders_without_a_kernel(site):
    page = (site / "00_start_here.html").read_text(encoding="utf-8")
    assert _binder("00_start_here") in page
    assert "/HEAD?" not in page, "a live link still points at HEAD, not at the build's ref"
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
    # prompts count from 1, as in the notebook (the publishing set-up cell is not counted)
    assert re.search(r"In(?:&nbsp;|\s)\[(\d+)\]", page).group(1) == "1"
    # links between notebooks go to pages, not to .ipynb files
    assert not re.search(r'href="\d\d_[\w-]+\.ipynb', page)


@pytest.mark.slow
def test_student_site_has_no_solution(site):
    teacher = (site / "00_start_here.html").read_text(encoding="utf-8")
    student = (site / "student" / "00_start_here.html").read_text(encoding="utf-8")
    assert teacher.count("<summary>Solution") >= 2
    assert "<summary>Solution" not in student and "Solution</summary>" not in student
    assert "weights · inputs = 3.0" in student          # the same run, outputs kept
    assert "student edition" in (site / "student" / "index.html").read_text(encoding="utf-8")


def test_site_executes_in_this_environment_and_never_writes_notebooks(site):
    cached = nbformat.read(site / "executed" / "notebook" / "00_start_here.ipynb", as_version=4)
    assert cached.metadata["nnviz_publish"]["fingerprint"] == publish._fingerprint(
        ROOT / "notebooks" / "00_start_here.ipynb")
    stored = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text())
    assert not any(c.get("outputs") for c in stored["cells"] if c["cell_type"] == "code")


def test_site_page_has_navigation_alt_text_and_no_remote_assets(site):
    page = (site / "00_start_here.html").read_text(encoding="utf-8")
    assert 'href="01_neuron.html" rel="next"' in page and "rel=\"prev\"" not in page
    assert _lite("00_start_here") in page and HUB.format(name="00_start_here") in page
    assert not re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="https?:[^"]+"', page)
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', page)
    assert alts and all(a.startswith("Figure.") for a in alts), alts
    assert "σ(w z)" in alts[0] or "w = " in alts[0], alts[0]


# --- slides that fit -----------------------------------------------------------------------

def _code(source, outputs=(), kind="-"):
    cell = nbformat.v4.new_code_cell(source, outputs=list(outputs))
    cell.metadata["slideshow"] = {"slide_type": kind}
    return cell


def _md(source, kind="-"):
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["slideshow"] = {"slide_type": kind}
    return cell


def test_trim_hides_agree_lines_plotting_code_and_check_outputs():
    stream = nbformat.v4.new_output("stream", name="stdout",
                                    text="z = 7.0\n✓ z for w = [0, 1] : 7 — the two agree exactly\n")
    agree_only = nbformat.v4.new_output("stream", name="stdout", text="✓ x: 1 — the two agree exactly\n")
    check = nbformat.v4.new_output("execute_result", data={"text/plain": "Not yet (exercise 01.1): ..."})
    nb = nbformat.v4.new_notebook(cells=[
        _md("# Title", "slide"),
        _code('print("z =", z)\nchecks.agree("z", z, 7.0)', [stream]),
        _code('checks.agree("x", 1, 1)', [agree_only]),
        _code("# Plotting only: the curve\nplt.plot(z)"),
        _code('checks.check_number("01.1", my_z, 7)', [check]),
    ])
    publish.trim_for_slides(nb)
    assert nb.cells[1].outputs[0]["text"] == "z = 7.0\n"
    assert nb.cells[2].metadata.slideshow.slide_type == "skip"
    assert nb.cells[3].metadata["transient"]["remove_source"] is True
    assert nb.cells[4].outputs == []


def test_fit_slides_splits_long_markdown_and_starts_subslides():
    long_text = "\n\n".join(["A paragraph of about eighty characters, said again and again to fill it."] * 30)
    nb = nbformat.v4.new_notebook(cells=[
        _md("# Title\n\n" + long_text, "slide"),
        _code("\n".join(f"x{i} = {i}" for i in range(12))),
        _code("\n".join(f"y{i} = {i}" for i in range(12))),
        _code("\n".join(f"z{i} = {i}" for i in range(12))),
    ])
    changed = publish.fit_slides(nb)
    assert changed["split_markdown"] == 1 and changed["new_subslides"] >= 1
    kinds = [c.metadata.slideshow.slide_type for c in nb.cells]
    assert kinds[0] == "slide" and "subslide" in kinds[1:]
    # every slide's estimated height is within the budget
    slides, current = [], []
    for cell in nb.cells:
        if cell.metadata.slideshow.slide_type in ("slide", "subslide") and current:
            slides.append(current)
            current = []
        current.append(publish.cell_height(cell))
    slides.append(current)
    assert all(sum(s) <= publish.SLIDE_BUDGET for s in slides), [sum(s) for s in slides]
    assert "".join(c.source for c in nb.cells if c.cell_type == "markdown").count("A paragraph") == 30
    assert len({c.id for c in nb.cells}) == len(nb.cells)



def test_fit_slides_cuts_a_long_list_between_its_items_and_keeps_it_tight():
    items = [f"- **Item {i}.** " + "A long item of a list of things to try, said again. " * 4
             for i in range(14)]
    nb = nbformat.v4.new_notebook(cells=[_md("Things to try:\n\n" + "\n".join(items), "slide")])
    changed = publish.fit_slides(nb)
    assert changed["split_markdown"] == 1 and len(nb.cells) >= 2
    assert all(publish.cell_height(c) <= publish.SLIDE_BUDGET for c in nb.cells)
    text = "\n".join(c.source for c in nb.cells)
    assert text.count("- **Item") == 14
    assert "\n\n- **Item 1.**" not in text        # still a tight list: no blank line between items

# --- the student edition ----------------------------------------------------------------------

def test_a_table_taller_than_a_slide_is_cut_with_its_header_repeated():
    rows = "\n".join(f"| control {k} | {'what it does, at some length, ' * 3} | at once |" for k in range(16))
    cell = nbformat.v4.new_markdown_cell("Controls:\n\n| control | what it does | applies |\n|---|---|---|\n" + rows)
    cell.metadata["slideshow"] = {"slide_type": "slide"}
    nb = nbformat.v4.new_notebook(cells=[cell])
    publish.fit_slides(nb)
    tables = [c.source for c in nb.cells if "|---|" in c.source]
    assert len(tables) >= 2 and all(t.count("| control |") == 1 for t in tables)
    assert sum(t.count("| control ") for t in tables) == 16 + len(tables)
    assert all(publish.cell_height(c) <= publish.SLIDE_BUDGET for c in nb.cells)


def test_student_edition_drops_every_solution_and_keeps_the_code(tmp_path):
    written = publish.build_student(tmp_path)
    assert [p.name for p in written] == [p.name for p in NOTEBOOKS]
    for teacher_path, student_path in zip(NOTEBOOKS, written):
        teacher = nbformat.read(teacher_path, as_version=4)
        student = nbformat.read(student_path, as_version=4)
        assert "<details" in "".join(c.source for c in teacher.cells) or teacher_path.stem == "00_start_here"
        assert "<details" not in "".join(c.source for c in student.cells)
        assert "<summary>Solution" not in "".join(c.source for c in student.cells)
        assert "*Solution* blocks" not in "".join(c.source for c in student.cells), \
            "the student edition still says where the solutions are"
        code = lambda nb: [c.source for c in nb.cells if c.cell_type == "code"]  # noqa: E731
        assert code(student) == code(teacher), "only the markdown may differ"
        assert not missing_ids(student)
        assert publish.solutions_left(student) == [] and publish.solutions_left(teacher)
    text = "".join(c.source for c in nbformat.read(written[0], as_version=4).cells)
    assert "### Exercise 2: write a tiny function" in text  # text after a solution survives


def test_a_cell_tagged_solution_is_removed_and_other_details_stay():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Try it.\n\n<details><summary>Hint</summary>\nLook up.\n</details>\n\n"
                                      "<details><summary>Solution</summary>\n`my_z = 3`\n</details>"),
        nbformat.v4.new_code_cell("my_z = 3", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("Check it.<!-- teacher --> Answers below.<!-- /teacher -->"),
        nbformat.v4.new_code_cell("checks.check_number('01.1', my_z, 3)"),
    ])
    student = publish.student_edition(nb)
    assert [c.source for c in student.cells] == [
        "Try it.\n\n<details><summary>Hint</summary>\nLook up.\n</details>",
        "Check it.", "checks.check_number('01.1', my_z, 3)"]
    assert publish.solutions_left(nb) == [0, 1, 2]


def missing_ids(nb):
    return [i for i, c in enumerate(nb.cells) if not c.get("id")]


@pytest.mark.parametrize("name", ["01_neuron", "05_backprop"])
def test_student_edition_runs(tmp_path, name, monkeypatch):
    """The student edition runs top to bottom (its code cells are the teacher edition's, which
    `make test` runs in full; two notebooks here keep this quick)."""
    from nbclient import NotebookClient

    monkeypatch.setenv("NNVIZ_PROGRESS_FILE", "off")
    nb = publish.student_edition(nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                      for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "Not yet" in outputs and "Traceback" not in outputs
    assert not list(tmp_path.glob(".nnviz-progress.json"))


# --- bundled assets ---------------------------------------------------------------------------

def test_assets_are_pinned_and_checked():
    for name, (version, integrity) in assets.PACKAGES.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version) and integrity.startswith("sha512-")
        path = assets.tarball(name)
        assert assets._integrity(path.read_bytes()) == integrity
    assert b"axe" in assets.read("axe-core", "axe.min.js")[:2000]


def test_a_tampered_tarball_is_refused(tmp_path, monkeypatch):
    good = assets.tarball("katex").read_bytes()

    class Response(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    # no npm on the PATH: the tarball comes from the registry URL, and here it comes back altered
    monkeypatch.setattr(assets.shutil, "which", lambda name: None)
    monkeypatch.setattr(assets.urllib.request, "urlopen",
                        lambda url, timeout: Response(good[:-10] + b"0123456789"))
    with pytest.raises(RuntimeError, match="checksum"):
        assets.tarball("katex", cache=tmp_path)
    assert not list(tmp_path.glob("*.tgz")), "the bad tarball must not stay in the cache"
    monkeypatch.setattr(assets.urllib.request, "urlopen", lambda url, timeout: Response(good))
    assert assets.tarball("katex", cache=tmp_path).read_bytes() == good


def test_the_in_browser_edition_can_be_built_from_the_student_edition():
    """tools/lite/build.py --edition student: each site notebook without its solutions, made by
    tools/publish/student.py loaded alone (the lite tools' Python has no nbformat)."""
    spec = importlib.util.spec_from_file_location("nnviz_lite_build", ROOT / "tools" / "lite" / "build.py")
    lite = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lite)
    for path in NOTEBOOKS:
        teacher = lite.site_notebook(path)
        student = nbformat.reads(lite.student_json(teacher), as_version=4)
        nbformat.validate(student)
        assert publish.solutions_left(student) == []
        assert [c.source for c in student.cells if c.cell_type == "code"] == \
            [c.source for c in nbformat.reads(teacher, as_version=4).cells if c.cell_type == "code"]


@pytest.mark.slow
def test_slides_run_in_the_classroom_style_and_the_site_in_the_notebook_style(tmp_path, monkeypatch):
    """The kernel-side set-up (tools/publish/_kernel.py) sets the style the output asks for:
    the decks are projected, so their figures get the classroom fonts (nnviz/style.py)."""
    import nnviz.style

    monkeypatch.setenv("NNVIZ_PROGRESS_FILE", "off")
    assert publish.STYLES == {"site": "notebook", "slides": "classroom"}
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import matplotlib\nprint(matplotlib.rcParams['font.size'], matplotlib.rcParams['axes.labelsize'])")])
    path = tmp_path / "99_probe.ipynb"
    nbformat.write(nb, path)
    seen = {}
    for style in ("notebook", "classroom"):
        done = publish.executed(path, cache=tmp_path / "cache", style=style)
        seen[style] = done.cells[0].outputs[0]["text"].split()
        assert done.metadata["nnviz_publish"]["style"] == style
        assert [c.source for c in done.cells] == [nb.cells[0].source], "the set-up cells are removed"
        assert done.cells[0].execution_count == 1
    classroom = nnviz.style.rc("classroom")
    assert float(seen["classroom"][0]) == float(classroom["font.size"])
    assert float(seen["classroom"][0]) > float(seen["notebook"][0])
    assert (tmp_path / "cache" / "classroom" / "99_probe.ipynb").exists()


def test_a_kernel_that_dies_while_starting_is_started_again(tmp_path, monkeypatch, capsys):
    """Two kernels starting at once (jobs=2) can take each other's TCP port; the one that
    lost dies before kernel_info (CI, 2026-12-06). No cell ran: execute() starts another,
    up to KERNEL_START_ATTEMPTS kernels; any other error is raised at once."""
    from nbconvert.preprocessors import ExecutePreprocessor
    from tools.publish import execute as _execute

    monkeypatch.setenv("NNVIZ_PROGRESS_FILE", "off")
    path = tmp_path / "99_probe.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")]), path)
    real, calls = ExecutePreprocessor.preprocess, []

    def dies(deaths, other=None):
        def preprocess(self, nb, resources=None, km=None):
            calls.append(len(nb.cells))
            if other:
                raise RuntimeError(other)
            if len(calls) <= deaths:
                raise RuntimeError(_execute.KERNEL_DIED)
            return real(self, nb, resources, km)
        return preprocess

    monkeypatch.setattr(ExecutePreprocessor, "preprocess", dies(2))
    nb = _execute.execute(path)
    assert nb.cells[0].outputs[0]["text"] == "42\n"
    assert calls == [3, 3, 3]                  # each attempt: set-up, the cell, snapshot
    assert "starting another (3 of 3)" in capsys.readouterr().out

    calls.clear()
    monkeypatch.setattr(ExecutePreprocessor, "preprocess", dies(3))
    with pytest.raises(RuntimeError, match=_execute.KERNEL_DIED):
        _execute.execute(path)
    assert len(calls) == _execute.KERNEL_START_ATTEMPTS == 3

    calls.clear()
    monkeypatch.setattr(ExecutePreprocessor, "preprocess", dies(0, other="Kernel didn't respond"))
    with pytest.raises(RuntimeError, match="didn't respond"):
        _execute.execute(path)
    assert len(calls) == 1
