"""The training playground's picture: one interface, two implementations.

A picture shows a :class:`nnviz.TrainingRun` as three panels: the plane (the network's
output, or one neuron's, with the points), the network as a graph, and the loss per epoch.
The playground (``nnviz._playground``) talks to it through two calls only:

* ``new_run(run, axis_labels)``: a new run (new data, new layer sizes): its extent, its
  axis labels, its graph;
* ``show(run, scene)``: the run as it is now, with what the learner chose to see
  (a :class:`Scene`).

:class:`nnviz._plots_playground.MatplotlibPicture` draws it with matplotlib (an ipympl
canvas, PNG images, the still figure of the site and the slides);
:class:`nnviz._paint.PaintedPicture` sends a few kilobytes of numbers that the page paints.
The tests hold both to the same numbers. Introduced in 07_training.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Scene", "Picture", "OUTPUT"]

#: The neuron "shown large" when it is the network's output.
OUTPUT = "output"


@dataclass
class Scene:
    """What the learner chose to see, beside the run itself.

    ``neuron``: ``OUTPUT`` or ``(layer, index)`` of the neuron shown large on the plane;
    ``titles``: the three panels' titles; ``loss_axes``: the loss plot's (epochs, loss)
    tops; ``empty_note``: the sentence in the empty loss plot; ``clickable``: a click on
    the plane adds a point; ``discretize``: the plane shows the class (output above or
    below 0.5) instead of the output's shade; ``show_test``: the test points are drawn;
    ``gradients``: None, or ``|dL/dw|`` of every weight (W1 row by row, W2, ...) to size
    the edges by instead of the weights; ``input_labels``: the inputs' names.
    """

    neuron: object = OUTPUT
    titles: tuple = ("", "", "")
    loss_axes: tuple = (50.0, 1.0)
    empty_note: str = ""
    clickable: bool = False
    discretize: bool = False
    show_test: bool = True
    gradients: object = None
    input_labels: tuple = ("x1", "x2")
    extra: dict = field(default_factory=dict)


class Picture:
    """The interface both pictures implement (see the module docstring)."""

    def new_run(self, run, axis_labels):          # pragma: no cover - an interface
        raise NotImplementedError

    def show(self, run, scene: Scene):            # pragma: no cover - an interface
        raise NotImplementedError
