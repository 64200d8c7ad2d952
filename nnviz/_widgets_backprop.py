r"""The backpropagation explorer of 05_backprop: step through one training example.

``BackpropExplorer`` holds a :class:`nnviz.backprop.BackpropSteps` (the model: numpy only,
every number from ``Network``'s own forward pass and ``Network.gradients``) and a
:class:`nnviz.plots.BackpropDiagram` (the picture). Its controls only choose which step is
shown: **next** and **back** move one step, the **step** slider jumps, **learn_rate**
:math:`\eta` sets the size of the final step :math:`w \leftarrow w - \eta\,\partial L/\partial w`.
"""
from __future__ import annotations

import html

import ipywidgets as widgets

from ._explorer import Explorer, button, float_slider
from ._plots_backprop import BackpropDiagram, figure_size, step_title
from ._validate import number_in, positive_number
from .backprop import BackpropSteps, StepKind

__all__ = ["BackpropExplorer", "backprop_explorer"]

#: One line per control, shown when the pointer rests on it.
TIPS = {
    "back": "Go back one step.",
    "next": "Compute the next number: forward node by node, then backward edge by edge.",
    "step": "Jump to any step: 1 is the start, the last is one gradient-descent step.",
    "learn_rate": "η, the size of the final step: every weight moves by −η·∂L/∂w.",
}


class BackpropExplorer(Explorer):
    r"""Backpropagation on one example, one step per click. Introduced in 05_backprop.

    The figure is :class:`~nnviz.plots.BackpropDiagram`; ``steps`` is the
    :class:`~nnviz.backprop.BackpropSteps` it draws (rebuilt when ``learn_rate`` moves) and
    ``k`` the step shown, counted from 0 (the **step** slider counts from 1, as the figure's
    "Step k of N" does). :meth:`next`, :meth:`back` and :meth:`go` are what the buttons and
    the slider call. The chain rule of each backward step is written under the graph, e.g.
    :math:`\frac{\partial L}{\partial w_1} = \frac{\partial L}{\partial y_{pred}}
    \cdot \frac{\partial y_{pred}}{\partial h_1} \cdot \frac{\partial h_1}{\partial w_1}`.
    """

    def __init__(self, network=None, x=(-2.0, -1.0), y=1.0, learn_rate=0.5, step=0,
                 controls=None, canvas="auto"):
        self.steps = BackpropSteps(network, x, y, learn_rate)   # checks every argument
        self._network, self._x, self._y = network, x, y
        learn_rate = number_in(learn_rate, "learn_rate", 0.01, 10.0)     # the slider's range
        self.k = self.steps.check_step(step)
        n = len(self.steps)
        buttons = {"back": button("back", "step-backward", TIPS["back"]),
                   "next": button("next", "step-forward", TIPS["next"])}
        super().__init__(
            {
                **buttons,
                "step": widgets.IntSlider(value=self.k + 1, min=1, max=n, description="step",
                                          continuous_update=True, tooltip=TIPS["step"],
                                          style={"description_width": "initial"},
                                          layout=widgets.Layout(width="290px")),
                # A plain slider in steps of 0.01: 0.5 stays 0.5 (a log slider would show 0.501).
                "learn_rate": float_slider("learn_rate η", learn_rate, 0.01, 10.0, step=0.01,
                                           tooltip=TIPS["learn_rate"]),
            },
            visible=controls, canvas=canvas, figsize=figure_size(self.steps.layer_sizes),
            layout=None,
        )
        buttons["back"].on_click(lambda _: self.back())
        buttons["next"].on_click(lambda _: self.next())

    # --- controls -> calls ---------------------------------------------------------------
    def go(self, k):
        """Show step ``k`` (0 = the start, ``len(steps) - 1`` = the gradient-descent step)."""
        k = self.steps.check_step(k, "k")
        self.controls["step"].value = k + 1      # the slider's observer refreshes

    def next(self):
        """One step on (nothing after the last)."""
        self.go(min(self.k + 1, len(self.steps) - 1))

    def back(self):
        """One step back (nothing before the first)."""
        self.go(max(self.k - 1, 0))

    def changed(self, name, change):
        if name == "learn_rate":
            # The page snaps the slider to its steps of 0.01 (0.30000000000000004): round back.
            learn_rate = round(positive_number(change["new"], "learn_rate"), 4)
            if learn_rate != self.steps.learn_rate:
                self.steps = BackpropSteps(self._network, self._x, self._y, learn_rate)

    # --- the picture ---------------------------------------------------------------------
    def build(self):
        ax = self.figure.add_axes((0.01, 0.01, 0.98, 0.98))
        self.diagram = BackpropDiagram(ax, self.steps.layer_sizes)

    def update(self):
        self.k = self.value("step") - 1
        self.diagram.update(self.steps, self.k)
        n = len(self.steps)
        self.controls["back"].disabled = self.k == 0
        self.controls["next"].disabled = self.k == n - 1
        nxt = step_title(self.steps, self.k + 1).split(" · ", 1)[1] if self.k < n - 1 else \
            "nothing: the weights have moved. Go back, or change learn_rate η."
        self.readout.value = (
            f"<b>step {self.k + 1} of {n}</b><br>{html.escape(_kind_sentence(self.steps, self.k))}"
            f"<br>next: {html.escape(nxt)}")


def _kind_sentence(steps, k):
    kind = steps[k].kind
    return {
        StepKind.START: "Press next to compute the first neuron.",
        StepKind.FORWARD: "Forward pass: a neuron adds up its weighted inputs and its bias, "
                          "then squashes the sum.",
        StepKind.LOSS: "The loss: how far the prediction is from the target.",
        StepKind.OUTPUT_ERROR: "The backward pass starts at the loss: how it changes with y_pred.",
        StepKind.BACKWARD: "Backward pass: the chain rule multiplies the links from the loss "
                           "back to this parameter.",
        StepKind.UPDATE: "Every weight and bias moves a little against its derivative: the loss "
                         "for this example " + ("falls." if steps.loss_after < steps.loss_before else
                                                "does not fall: this step was too big (a smaller "
                                                "learn_rate η would help)."),
    }[kind]


def backprop_explorer(network=None, x=(-2.0, -1.0), y=1.0, learn_rate=0.5, step=0,
                      controls=None, canvas="auto"):
    r"""Step through backpropagation on one example: forward, loss, backward, one update.

    Defaults: Alice (x = (-2, -1), y = 1) on the 2-2-1 network with every weight 1 and every
    bias 0, where :math:`\partial L/\partial w_1 = \frac{\partial L}{\partial y_{pred}}
    \frac{\partial y_{pred}}{\partial h_1}\frac{\partial h_1}{\partial w_1} = 0.0214695`.
    ``step`` is the step shown first (from 0); ``controls`` a list of control names to show
    (teacher mode). Returns a :class:`BackpropExplorer`. Introduced in 05_backprop.
    """
    return BackpropExplorer(network, x, y, learn_rate, step, controls, canvas)
