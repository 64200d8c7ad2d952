"""The training playground's controls, made from the settings table (``nnviz.training.SETTINGS``):
one control per setting, its tooltip (the setting's sentence and what a change does), the
rules sentence under the picture, and the small parsers and tables the playground uses.
Introduced in 07_training.
"""
from __future__ import annotations

import math

import ipywidgets as widgets
import traitlets

from ._explorer import dropdown, float_slider, log_slider, table
from ._picture import OUTPUT
import numpy as np

from .training import DATASETS_FOR, FEATURE_LABELS, FEATURES, NEW_RUN, NEXT_EPOCH, SETTINGS

__all__ = ["CONTROL_SETTINGS", "BATCH_SIZES", "CLICK_CLASSES", "tip", "rules_sentence", "parse_hidden",
           "parse_stop", "FeaturesControl", "control_for", "params_table", "neuron_options", "weight_index",
           "for_problem", "readout_columns", "FIRST_DATASET", "LOSS_UNITS", "CLICK_VALUES", "fit_problem",
           "LOSS_UNITS_SHORT"]

#: The settings the playground shows as controls, in this order (the others, seed and n,
#: have a button -- new data -- or stay as made).
CONTROL_SETTINGS = ("learn_rate", "batch_size", "regularization", "reg_rate", "max_epochs",
                    "problem", "dataset", "noise", "test_fraction", "features", "hidden", "activation", "output")
#: How the batch size reads in its dropdown. The values are text: a Dropdown shows a None
#: value as a blank box (issue 18: "all (full batch)" looked unselected).
BATCH_SIZES = {"1 (SGD)": "1", "10": "10", "50": "50", "all (full batch)": "all"}
#: What a click on the left picture adds. Class 1 by default, so a learner finds it.
CLICK_CLASSES = {"class 1 (blue ■)": 1, "class 0 (orange ●)": 0, "nothing": -1}
#: The same choices in a regression run: a point at either end of the value's colour scale.
CLICK_VALUES = {"value +1 (blue ■)": 1, "value −1 (orange ●)": 0, "nothing": -1}
#: Sliders' steps and readouts (presentation only: ranges come from SETTINGS).
SLIDER_STEPS = {"noise": (0.05, ".2f"), "test_fraction": (0.1, ".0%")}
_APPLIES = {NEW_RUN: "Starts a new network.", NEXT_EPOCH: "Applies from the next epoch on."}

#: The tooltips of the controls that are not settings of the run.
BUTTON_TIPS = {
    "play": "Train frame after frame until pause (or until 'stop at epoch').",
    "pause": "Stop after the current frame.",
    "step": "Train one frame of 'epochs per frame' epochs.",
    "reset": "Fresh random weights (the same start as before) on the same points; keeps your points.",
    "epochs_per_frame": "Epochs trained between two pictures: more is faster, but jumpier.",
    "new_data": "Draw the points again (another random sample). Starts a new network.",
    "click_adds": "Click on the left picture to add a training point of this class (drawn large, "
                  "ringed in yellow).",
    "clear_points": "Remove the points you added by clicking.",
    "neuron": "Show one neuron's output large in the left picture (or the network's output).",
    "discretize": "Show the class the network says (output above or below 0.5) instead of its shade.",
    "show_test": "Draw the test points (small, white-edged) on the left.",
    "show_gradients": "Edges sized by |dL/dw| for the next batch: where the next step changes most.",
}


#: The data set a change of problem type starts with.
FIRST_DATASET = {"classification": "circles", "regression": "plane"}
#: What the loss is, said where regression shows it.
LOSS_UNITS = "mean squared error, in the target's units squared"
#: The same, short enough for the loss plot's title.
LOSS_UNITS_SHORT = "MSE, target's units²"


def for_problem(wanted, current):
    """``wanted`` settings with what a change of problem type brings: a data set of that type
    (the chosen one if it fits) and its output neuron (linear for regression, as TensorFlow
    Playground has it; sigmoid for classification)."""
    problem = wanted.get("problem", current["problem"])
    if problem != current["problem"]:
        if wanted.get("dataset") not in DATASETS_FOR[problem]:
            wanted["dataset"] = FIRST_DATASET[problem]
        wanted["output"] = "linear" if problem == "regression" else "sigmoid"
    return wanted


def fit_problem(controls, run):
    """The controls that depend on the problem type set for ``run``'s: the data sets offered
    and what a click adds (a class, or a value)."""
    datasets = list(DATASETS_FOR[run.problem])
    if list(controls["dataset"].options) != datasets:
        controls["dataset"].options = datasets          # (a Dropdown then shows the first)
        controls["dataset"].value = run.dataset
    clicks = CLICK_VALUES if run.regression else CLICK_CLASSES
    if dict(controls["click_adds"].options) != clicks:
        value = controls["click_adds"].value
        controls["click_adds"].options = clicks
        controls["click_adds"].value = value


def readout_columns(run):
    """The readout's two columns after the losses, ``(header, values, title)``: the share of
    points right now (classification), or the typical error √MSE in the target's units
    (regression, with a title over the table saying what the two numbers are)."""
    if run.regression:
        errors = run.typical_error()
        return (["typical error √MSE, train", "typical error, test"],
                ["-" if not np.isfinite(e) else f"±{e:.3g}" for e in errors],
                f"loss: {LOSS_UNITS}; typical error: √MSE, in the target's own units")
    return (["right, train", "right, test"],
            ["-" if not np.isfinite(v) else f"{100 * v:.1f}%" for v in run.right()], None)


def tip(name):
    """A control's tooltip: the setting's sentence and what a change does, or the button's."""
    if name in SETTINGS:
        return f"{SETTINGS[name].tip} {_APPLIES[SETTINGS[name].applies]}"
    return BUTTON_TIPS[name]


def rules_sentence(painted):
    """The sentence under the picture, made from the table: which controls start a new
    network and which apply from the next epoch on."""
    def names(applies):
        shown = [SETTINGS[n].shown for n in CONTROL_SETTINGS if SETTINGS[n].applies == applies]
        return ", ".join(shown[:-1]) + " and " + shown[-1]
    return ("<span style='font-size:90%'>" + names(NEW_RUN).capitalize() + " (and new data) start a "
            "<b>new network</b>; " + names(NEXT_EPOCH) + " apply <b>from the next epoch on</b>. "
            "Rest the pointer on a control for what it does"
            + (", or on a neuron of the graph to see it large on the left; click an edge to set its "
               "weight, and + / − on the graph to add or remove neurons and layers." if painted else ".")
            + "</span>")


def parse_hidden(value):
    """ "4, 4" or (4, 4) or 4 -> (4, 4); "" or () -> () (no hidden layer). Errors name ``hidden``."""
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
        try:
            value = tuple(int(p) for p in parts)
        except ValueError:
            raise ValueError(f"hidden must be whole numbers separated by commas, such as '4, 4', "
                             f"got {value!r}.") from None
    return SETTINGS["hidden"].check(value)


def parse_stop(value):
    """The 'stop at epoch' box: a whole number typed as text."""
    text = str(value).strip().replace(",", "").replace("_", "")
    if not text.isdigit():
        raise ValueError(f"stop at epoch must be a whole number such as 2000, got {value!r}.")
    return SETTINGS["max_epochs"].check(int(text))


class FeaturesControl(widgets.HBox):
    """One toggle per input feature (x₁, x₂, x₁², ...); ``value`` is the tuple of those on
    (a trait of this Python object, kept in step with the toggles both ways)."""

    value = traitlets.Tuple()
    # Kept in Python only: a Box's tooltip breaks its view in the page (ipywidgets 8's
    # BoxView: "Could not create a view"); the label and each toggle show it instead.
    tooltip = traitlets.Unicode(None, allow_none=True)

    def __init__(self, value, tooltip):
        self.toggles = {f: widgets.ToggleButton(value=f in value, description=FEATURE_LABELS[f],
                                                tooltip=tooltip,
                                                layout=widgets.Layout(width=f"{22 + 8 * len(FEATURE_LABELS[f])}px"))
                        for f in FEATURES}
        label = widgets.Label("inputs", tooltip=tooltip, layout=widgets.Layout(margin="0 4px 0 0"))
        super().__init__([label, *self.toggles.values()], tooltip=tooltip, value=tuple(value))
        for t in self.toggles.values():
            t.observe(self._toggled, names="value")

    _syncing = False

    def _toggled(self, _):
        if not self._syncing:
            self.value = tuple(f for f, t in self.toggles.items() if t.value)

    @traitlets.observe("value")
    def _show(self, change):
        self._syncing = True          # the toggles follow, without a value for each of them
        try:
            for f, t in self.toggles.items():
                t.value = f in change["new"]
        finally:
            self._syncing = False


def control_for(name, value):
    """The control of setting ``name`` (made from its row of the table) showing ``value``."""
    s = SETTINGS[name]
    wide = {"description_width": "initial"}
    if name == "batch_size":
        return dropdown(s.shown, BATCH_SIZES, "all" if value is None else str(value), tip(name))
    if name == "max_epochs":
        # Text, so Enter applies it (issue 18: a number box applied only when focus left it).
        return widgets.Text(value=str(value), description=s.shown, continuous_update=False,
                            style=wide, tooltip=tip(name), layout=widgets.Layout(width="180px"))
    if name == "hidden":
        return widgets.Text(value=", ".join(map(str, value)), description=s.shown,
                            continuous_update=False, style=wide, tooltip=tip(name),
                            layout=widgets.Layout(width="200px"))
    if name == "features":
        return FeaturesControl(value, tip(name))
    if s.kind == "choice":
        return dropdown(s.shown, list(s.choices), value, tip(name))
    if s.kind == "log number":
        return log_slider(s.shown, value, math.log10(s.low), math.log10(s.high), tip(name))
    step, fmt_ = SLIDER_STEPS[name]
    return float_slider(s.shown, value, s.low, s.high, step=step, readout_format=fmt_, tooltip=tip(name))


def params_table(network):
    """Every weight and bias as HTML, one table per layer, rows = neurons."""
    parts = []
    for layer, (W, b) in enumerate(zip(network.weights, network.biases), start=1):
        header = ["neuron", *(f"w from {k + 1}" for k in range(W.shape[1])), "bias"]
        rows = [(f"{j + 1}", *(float(v) for v in W[j]), float(b[j])) for j in range(W.shape[0])]
        parts.append(table(rows, header=header, title=f"layer {layer}: W{layer}, b{layer}"))
    return "".join(parts)


def neuron_options(layer_sizes):
    """Dropdown options: the network's output, then every hidden neuron by layer and number."""
    options = {"the network's output": OUTPUT}
    for layer in range(1, len(layer_sizes) - 1):
        for j in range(layer_sizes[layer]):
            options[f"layer {layer}, neuron {j + 1}"] = (layer, j)
    return options


def weight_index(network, index):
    """Edge ``index`` (W1 row by row, then W2, ...) -> (layer, row, column)."""
    for layer, W in enumerate(network.weights):
        if index < W.size:
            return layer, index // W.shape[1], index % W.shape[1]
        index -= W.size
    raise ValueError(f"edge must be from 0 to {sum(W.size for W in network.weights) - 1}, got more.")


