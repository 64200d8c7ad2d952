"""Every figure the series draws stays intact in both styles, "notebook" and "classroom".

The slide decks and a RISE presentation draw with ``nnviz.style.use("classroom")`` (fonts
about 1.6 times the notebook's). Each public plot function of ``nnviz.plots`` and each
explorer that builds headless is drawn with the Agg renderer under both styles, and the
drawn text is measured: every text lies inside the figure, no two texts overlap (titles,
tick labels, axis labels, legend entries, annotations), no legend covers another text,
and no axes is squashed below MIN_AXES_PX. Deliberate overlaps are listed in ALLOWED.
"""
import contextlib
import io
import itertools
import json
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.legend import Legend  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import nnviz  # noqa: E402
import nnviz.backprop  # noqa: E402
from nnviz import data, gd, plots, style, widgets  # noqa: E402

#: The smallest an axes may be, in pixels at the figure's dpi, on either side.
MIN_AXES_PX = 120
#: Overlaps and spills smaller than this (pixels) are antialiasing, not a problem.
SLACK = 2.0
SETTINGS = ("notebook", "classroom")


def _trained_221():
    net = nnviz.Network([2, 2, 1], seed=0)
    X, y = data.people()
    net.history = net.train(X, y, learn_rate=0.1, epochs=50)
    return net


def _line():
    return gd.line_data()


def _line_path():
    x, y = _line()
    return gd.descend(lambda p: gd.line_loss(p[0], p[1], x, y),
                      lambda p: np.asarray(gd.line_gradient(p[0], p[1], x, y)), [0.0, 0.0], 0.1, 20)


#: One still figure per public plot function (every figure-making name in plots.__all__).
FIGURES = {
    "activation_curves": lambda: plots.activation_curves(),
    "activation_curves_one_axes": lambda: plots.activation_curves(("sigmoid", "relu"), ax=plots.subplots()[1]),
    "neuron_diagram": lambda: plots.neuron_diagram(nnviz.Neuron([0, 1], 4)),
    "network_diagram": lambda: plots.network_diagram(nnviz.Network([2, 2, 1], seed=0)),
    "network_diagram_deep": lambda: plots.network_diagram(nnviz.Network([2, 3, 3, 1], seed=0)),
    "people_plot": lambda: plots.people_plot(),
    "people_plot_metric": lambda: plots.people_plot(units="metric"),
    "loss_plot": lambda: plots.loss_plot([1, 0, 0, 1], [0.6, 0.3, 0.2, 0.9],
                                         names=list(data.PEOPLE)),
    "xor_plot": lambda: plots.xor_plot(nnviz.Network([2, 2, 1], seed=0)),
    "biological_neuron": lambda: plots.biological_neuron(),
    "relu_approximation": lambda: plots.relu_approximation(),
    "xor_points_plot": lambda: plots.xor_points_plot(),
    "xor_points_plot_network": lambda: plots.xor_points_plot(nnviz.Network([2, 1], seed=0)),
    "loss_curve": lambda: plots.loss_curve(_trained_221().history),
    "loss_vs_parameter": lambda: plots.loss_vs_parameter(nnviz.Network([2, 2, 1], seed=0),
                                                         *data.people(), "w1"),
    "loss_contours": lambda: plots.loss_contours(_line(), _line_path()),
    "bumpy_curve": lambda: plots.bumpy_curve(gd.descend(gd.bumpy, gd.bumpy_derivative, [-0.5], 0.05, 15)),
    "line_fit": lambda: plots.line_fit(*_line(), m=0.5, b=0.2),
    "backprop_diagram": lambda: plots.backprop_diagram(),
    "backprop_diagram_last": lambda: plots.backprop_diagram(step=len(nnviz.backprop.BackpropSteps(None, (-2.0, -1.0), 1.0)) - 1),
    "decision_boundary": lambda: plots.decision_boundary(_trained_221(), *data.people()),
    "network_graph": lambda: plots.network_graph(_trained_221(), data.people()[0]),
}

#: One figure per explorer that builds headless (the PNG canvas).
EXPLORERS = {
    "neuron_explorer": lambda: widgets.neuron_explorer(canvas="png"),
    "activation_explorer": lambda: widgets.activation_explorer(canvas="png"),
    "network_explorer": lambda: widgets.network_explorer(canvas="png"),
    "network_explorer_xor": lambda: widgets.network_explorer(mode="xor", canvas="png"),
    "loss_explorer": lambda: widgets.loss_explorer(canvas="png"),
    "gradient_explorer": lambda: widgets.gradient_explorer(canvas="png"),
    "descent_explorer": lambda: widgets.descent_explorer(canvas="png"),
    "descent_explorer_bumpy": lambda: widgets.descent_explorer("bumpy", canvas="png"),
    "backprop_explorer": lambda: widgets.backprop_explorer(canvas="png"),
    "training_playground": lambda: widgets.training_playground(canvas="png"),
    "training_playground_trained": lambda: _trained_playground(),
    "descent_explorer_steps": lambda: widgets.descent_explorer(canvas="png").step(20),
    "descent_explorer_diverged": lambda: widgets.descent_explorer(learn_rate=1.0, canvas="png").step(30),
    "backprop_explorer_last": lambda: _last_backprop_step(),
}


def _trained_playground():
    """After some epochs, with the gradients shown: the longest titles and epoch labels."""
    playground = widgets.training_playground(hidden="4, 4", canvas="png")
    playground.controls["show_gradients"].value = True
    playground.train_frames(30)
    return playground


def _last_backprop_step():
    explorer = widgets.backprop_explorer(canvas="png")
    explorer.controls["step"].value = explorer.controls["step"].max
    return explorer

#: Deliberate overlaps: (figure, text a, text b), by the start of each text, with why.
ALLOWED = {
}


def _drawn_texts(fig):
    """(text, bbox) of every non-empty Text the renderer actually draws, in draw order."""
    drawn = []
    original = Text.draw

    def record(self, renderer):
        original(self, renderer)
        # A fully transparent text is a spacer that keeps room in a frozen layout: not seen.
        if (self.get_visible() and self.get_text().strip() and self.figure is fig
                and self.get_alpha() != 0):
            drawn.append((self, self.get_window_extent(renderer)))

    Text.draw = record
    try:
        fig.canvas.draw()
    finally:
        Text.draw = original
    return drawn


def _name(text):
    return text.get_text().replace("\n", " ")[:40]


def problems(fig, name=""):
    """Every text outside the figure, pair of overlapping texts, legend over a text, and
    squashed axes, in words."""
    found = []
    drawn = _drawn_texts(fig)
    width, height = fig.bbox.width, fig.bbox.height
    for text, box in drawn:
        if box.x0 < -SLACK or box.y0 < -SLACK or box.x1 > width + SLACK or box.y1 > height + SLACK:
            found.append(f"outside the figure ({width:.0f}x{height:.0f}): {_name(text)!r} at "
                         f"({box.x0:.0f}, {box.y0:.0f})-({box.x1:.0f}, {box.y1:.0f})")
    for (a, box_a), (b, box_b) in itertools.combinations(drawn, 2):
        dx = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        dy = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if dx > SLACK and dy > SLACK:
            key = (name, _name(a)[:12], _name(b)[:12])
            if key in ALLOWED or (key[0], key[2], key[1]) in ALLOWED:
                continue
            found.append(f"overlap: {_name(a)!r} and {_name(b)!r}")
    renderer = fig.canvas.get_renderer()
    legends = [leg for leg in fig.findobj(Legend) if leg.get_visible()]
    for legend in legends:
        box = legend.get_window_extent(renderer)
        own = set(legend.get_texts())
        for text, tbox in drawn:
            if text in own:
                continue
            dx = min(box.x1, tbox.x1) - max(box.x0, tbox.x0)
            dy = min(box.y1, tbox.y1) - max(box.y0, tbox.y0)
            if dx > SLACK and dy > SLACK:
                found.append(f"legend over text: {_name(text)!r}")
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        box = ax.get_window_extent(renderer)
        if box.width < MIN_AXES_PX or box.height < MIN_AXES_PX:
            found.append(f"squashed axes {ax.get_label() or ax.get_title()!r}: "
                         f"{box.width:.0f}x{box.height:.0f} px")
    return found


def _figure_of(made):
    return made if isinstance(made, matplotlib.figure.Figure) else made.figure


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_still_figure_is_intact(name, setting):
    with style.context(setting):
        fig = _figure_of(FIGURES[name]())
        try:
            assert problems(fig, name) == []
        finally:
            plt.close(fig)


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_explorer_figure_is_intact(name, setting):
    with style.context(setting):
        explorer = EXPLORERS[name]()
        try:
            assert problems(explorer.figure, name) == []
        finally:
            explorer.close()


def test_the_checks_can_fail():
    fig, ax = plt.subplots(figsize=(3, 3))
    ax.set_title("a long title that runs far off the figure on both sides")
    ax.text(0.5, 0.5, "one")
    ax.text(0.5, 0.5, "two")
    ax.legend(handles=ax.plot([0, 1], label="a legend"), loc="lower left", bbox_to_anchor=(0.45, 0.45))
    fig.add_axes((0.1, 0.1, 0.1, 0.1))
    found = problems(fig)
    plt.close(fig)
    assert any(p.startswith("outside the figure") for p in found)
    assert any(p.startswith("overlap: 'one' and 'two'") for p in found)
    assert any(p.startswith("legend over text") for p in found)
    assert any(p.startswith("squashed axes") for p in found)


def test_every_public_plot_function_is_covered():
    functions = {n for n in plots.__all__ if callable(getattr(plots, n)) and not isinstance(
        getattr(plots, n), type) and n[0].islower() and n not in {
        "subplots", "neuron_formula", "param_names", "extent_around", "neuron_range",
        "people_labels", "figure_size", "step_title", "node_value"}}
    covered = {n.split("_one_")[0] for n in FIGURES} | {n.rsplit("_", 1)[0] for n in FIGURES}
    assert functions <= covered, functions - covered


# --- the figures the notebooks themselves compose (panels side by side, own titles) ----------

NOTEBOOKS = sorted(p.name for p in (Path(__file__).parent.parent / "notebooks").glob("[0-9]*.ipynb"))


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_figure_a_notebook_draws_is_intact(notebook, setting, monkeypatch):
    """Each notebook's code, cell by cell in one namespace (as the slides run it, but headless),
    and every figure it leaves open or explorer it keeps is checked after its cell. A cell
    that fails (an exercise left blank, a widget that needs a browser) is skipped: executing
    the notebooks is nbval's test, this one looks at what they draw."""
    from nnviz._explorer import Explorer

    folder = Path(__file__).parent.parent / "notebooks"
    monkeypatch.chdir(folder)
    monkeypatch.setenv("NNVIZ_PROGRESS_FILE", "off")      # no progress file in the repo
    cells = json.loads((folder / notebook).read_text(encoding="utf-8"))["cells"]
    namespace, seen, found = {"__name__": "__main__"}, set(), []
    with style.context(setting), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for index, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            source = "\n".join(line for line in "".join(cell["source"]).splitlines()
                               if not line.lstrip().startswith(("%", "!")))
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(compile(source, f"{notebook} cell {index}", "exec"), namespace)
            except Exception:       # noqa: BLE001 (see the docstring)
                pass
            figures = [plt.figure(n) for n in plt.get_fignums()]
            figures += [v.figure for v in list(namespace.values()) if isinstance(v, Explorer)]
            for fig in figures:
                if id(fig) not in seen:
                    seen.add(id(fig))
                    found += [f"cell {index}: {p}" for p in problems(fig, notebook)]
            plt.close("all")
    for value in list(namespace.values()):
        if isinstance(value, Explorer):
            value.close()
    assert seen, f"{notebook} drew no figure"
    assert found == []


def test_every_explorer_is_covered():
    explorers = {n for n in widgets.__all__ if n[0].islower()}
    assert explorers <= set(EXPLORERS), explorers - set(EXPLORERS)
