"""nnviz.style: a colour-blind-safe palette, line styles, notebook and classroom sizes."""
import subprocess
import sys

import matplotlib as mpl
import numpy as np
import pytest

from nnviz import style


def _linear_rgb(hex_color):
    rgb = np.array([int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


# Machado et al. (2009) full-severity matrices, applied in linear RGB.
_CVD = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}


def _seen(hex_color, matrix):
    return np.clip(matrix @ _linear_rgb(hex_color), 0, 1)


def test_palette_is_okabe_ito():
    assert style.OKABE_ITO == {
        "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9",
        "bluish_green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
        "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
    }
    assert set(style.COLORS) <= set(style.OKABE_ITO.values())
    assert style.YELLOW not in style.COLORS  # invisible on white
    for color in (style.POSITIVE, style.NEGATIVE, *style.CLASS_COLORS):
        assert color in style.OKABE_ITO.values()


@pytest.mark.parametrize("kind", sorted(_CVD))
@pytest.mark.parametrize("pair", [(style.POSITIVE, style.NEGATIVE), style.CLASS_COLORS])
def test_sign_and_class_colours_stay_apart_under_colour_blindness(kind, pair):
    a, b = (_seen(c, _CVD[kind]) for c in pair)
    assert np.linalg.norm(a - b) > 0.25, f"{pair} look alike under {kind}"


def test_sign_colours_differ_in_lightness_too():
    # Readable on a greyscale printout: relative luminance differs clearly.
    weights = np.array([0.2126, 0.7152, 0.0722])
    lum = [weights @ _linear_rgb(c) for c in (style.POSITIVE, style.NEGATIVE)]
    assert abs(lum[0] - lum[1]) > 0.05


def test_lines_differ_by_style_as_well_as_colour():
    assert len(style.LINESTYLES) == len(style.COLORS)
    assert len(set(map(str, style.LINESTYLES))) == len(style.LINESTYLES)
    cycle = list(style.rc()["axes.prop_cycle"])
    assert [c["color"] for c in cycle] == list(style.COLORS)
    assert [c["linestyle"] for c in cycle] == list(style.LINESTYLES)


def test_classroom_has_projector_size_fonts_and_thicker_lines():
    notebook, classroom = style.rc("notebook"), style.rc("classroom")
    assert classroom["font.size"] >= 18
    assert classroom["axes.titlesize"] >= 20
    assert min(classroom[k] for k in ("xtick.labelsize", "ytick.labelsize", "legend.fontsize")) >= 16
    assert classroom["lines.linewidth"] > notebook["lines.linewidth"]
    assert style.rc("projector") == classroom


def test_use_and_context_set_rcparams():
    with mpl.rc_context():
        style.use("classroom")
        assert mpl.rcParams["font.size"] == 18
        assert mpl.rcParams["lines.linewidth"] == 3.5
        with style.context("notebook"):
            assert mpl.rcParams["font.size"] == 11
        assert mpl.rcParams["font.size"] == 18
    before = mpl.rcParams["font.size"]
    with style.context("projector"):
        assert mpl.rcParams["font.size"] == 18
        assert mpl.rcParams["axes.titlesize"] == 20
    assert mpl.rcParams["font.size"] == before


def test_bad_setting_names_parameter_choices_and_value():
    with pytest.raises(ValueError) as err:
        style.use("clasroom")
    message = str(err.value)
    assert "setting" in message and "'notebook'" in message and "'clasroom'" in message
    assert "Did you mean 'classroom'" in message


def test_signed_color_and_fmt():
    assert style.signed_color(0.3) == style.POSITIVE
    assert style.signed_color(-2) == style.NEGATIVE
    assert style.signed_color(0.0) == style.GREY
    assert style.fmt(0.9990889488055994, 3) == "0.999"
    assert style.fmt(7.0) == "7"
    assert style.fmt(-0.0) == "0"
    assert style.fmt(-2.5) == "-2.5"


def test_import_nnviz_loads_no_plotting_library():
    code = ("import sys, nnviz; "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'ipympl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_fmt_never_rounds_a_value_below_one_to_one():
    # 01: sigma(7.72) = 0.99956 was shown as "= 1" in the neuron's formula.
    assert style.fmt(0.99956, 3) == "0.9996"
    assert style.fmt(-0.99956, 3) == "-0.9996"
    assert style.fmt(1.0, 3) == "1"
    assert style.fmt(0.999, 3) == "0.999"


def test_hide_header_refuses_what_is_not_a_figure():
    import matplotlib.pyplot as plt
    fig = plt.figure()
    try:
        assert style.hide_header(fig) is fig
    finally:
        plt.close(fig)
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        style.hide_header(None)


@pytest.mark.parametrize("kwargs, error, name", [
    (dict(nrows=0), ValueError, "nrows"),
    (dict(ncols=10**9), ValueError, "ncols"),
    (dict(nrows=2.0), TypeError, "nrows"),
    (dict(figsize=None), ValueError, "figsize"),
    (dict(figsize=(6.0, float("nan"))), ValueError, "figsize"),
])
def test_subplots_checks_its_arguments_before_matplotlib(kwargs, error, name):
    import nnviz.plots
    with pytest.raises(error, match=name):
        nnviz.plots.subplots(**kwargs)


def test_fmt_writes_a_tiny_value_as_0_to_4_places_not_in_e_notation():
    # 04's People table showed Bob's h1 = sigmoid(-50) as 1.929e-22.
    assert style.fmt(1.929e-22) == "0.0000"
    assert style.fmt(-3e-7, 3) == "0.0000"
    assert style.fmt(4.440892098500626e-15) == "0.0000"
    assert style.fmt(7e-5) == "0.0001" and style.fmt(-7e-5) == "-0.0001"
    assert style.fmt(0.0) == "0"                                 # exactly 0 stays 0
    assert style.fmt(0.00012345) == "0.0001234"                  # from 0.0001 up: as before


def test_fmt_keeps_a_value_near_the_threshold_apart_from_it():
    # 03's XOR explorer showed 0.50003 as "0.5 ✗": it is above the threshold 0.5.
    assert style.fmt(0.50003, 2) == "0.50003"
    assert style.fmt(0.49996, 2) == "0.49996"
    assert style.fmt(0.5, 2) == "0.5"
    assert style.fmt(0.52, 2) == "0.52"


def test_static_figures_have_no_toolbar_over_the_y_axis_label_under_ipympl():
    from ipympl.backend_nbagg import Canvas
    from matplotlib.figure import Figure
    fig = Figure()
    Canvas(fig)
    assert fig.canvas.toolbar_visible == "fade-in-fade-out"       # ipympl's default
    style.hide_header(fig)
    assert fig.canvas.toolbar_visible is False


def test_zoomed_grows_a_figure_with_the_fonts_within_the_notebook_column():
    with style.context("notebook"):
        assert style.zoom_factor() == 1.0
        assert style.zoomed((5.5, 4.0)) == (5.5, 4.0)
    with style.context("classroom"):
        assert style.zoom_factor() == style.MAX_ZOOM == 1.5        # 18 pt / 11 pt, capped
        np.testing.assert_allclose(style.zoomed((5.0, 4.0)), (7.5, 6.0))
        np.testing.assert_allclose(style.zoomed((6.4, 4.0)), (8.2, 4.0 * 8.2 / 6.4))  # the column
        np.testing.assert_allclose(style.zoomed((8.0, 4.0), tall=True), (8.2, 6.0))
        assert style.zoomed((9.0, 3.0)) == (9.0, 3.0)              # already wider: left alone
        fig = style.axes(figsize=(5.0, 4.0)).figure
        np.testing.assert_allclose(fig.get_size_inches(), (7.5, 6.0))
        assert fig.get_layout_engine() is not None                # constrained: labels inside
        import matplotlib.pyplot as plt
        plt.close(fig)


def _ipympl_frames(whole):
    """The pictures an ipympl figure sends for its first draw and one after a title change:
    (image mode, fraction of see-through pixels) for each."""
    import io as _io
    import warnings
    from ipympl.backend_nbagg import Canvas, FigureManager
    from matplotlib.figure import Figure
    from PIL import Image

    fig = Figure(figsize=(3, 2))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Passing unrecognized arguments", DeprecationWarning)
        FigureManager(Canvas(fig), 0)
    fig.canvas.syncing_data_url = False    # as once the page has shown the figure
    if whole:
        assert style.whole_frames(fig) is fig
        style.whole_frames(fig)            # twice is once
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    sent = []
    fig.canvas.send_binary = lambda data: sent.append(
        (fig.canvas._current_image_mode,
         float((np.asarray(Image.open(_io.BytesIO(data)))[..., 3] == 0).mean())))
    fig.canvas.draw()
    ax.set_title("w = 1.10")
    fig.canvas.draw()
    return sent


def test_whole_frames_sends_every_picture_whole_under_ipympl():
    # matplotlib issue 19116: a diff the page loses leaves stale pixels for good.
    (mode1, clear1), (mode2, clear2) = _ipympl_frames(whole=False)
    assert (mode1, mode2) == ("full", "diff")         # ipympl's default: the second is a diff,
    assert clear1 == 0 and clear2 > 0.9               # mostly see-through pixels
    (mode1, clear1), (mode2, clear2) = _ipympl_frames(whole=True)
    assert (mode1, mode2) == ("full", "full")
    assert clear1 == clear2 == 0


def test_whole_frames_is_used_by_subplots_axes_and_explorers_and_leaves_other_canvases_alone():
    import warnings
    import matplotlib.pyplot as plt
    import nnviz.plots
    from nnviz._explorer import new_figure

    backend = plt.get_backend()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Passing unrecognized arguments", DeprecationWarning)
        plt.switch_backend("module://ipympl.backend_nbagg")   # %matplotlib widget
        try:
            figures = [nnviz.plots.subplots()[0], style.axes().figure, new_figure(canvas="ipympl")]
            assert [getattr(f.canvas, "_nnviz_whole_frames", False) for f in figures] == [True] * 3
        finally:
            plt.close("all")
            plt.switch_backend(backend)
    fig, _ = nnviz.plots.subplots()
    try:
        assert style.whole_frames(fig) is fig                     # Agg: nothing to do
        assert not getattr(fig.canvas, "_nnviz_whole_frames", False)
    finally:
        plt.close(fig)
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        style.whole_frames("figure")
