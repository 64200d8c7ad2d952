"""Static figures for the series, one function per picture.

Every function takes ``ax=None`` (draw into this Axes, or make a new figure), returns the
Figure and never calls ``plt.show``. Concept figures (activation curves, neuron and
network diagrams, the people data, the loss) come from ``_plots_concepts``; training
figures (loss curves, contours with descent paths, decision boundaries) from
``_plots_training``. The drawer classes behind them are what the explorers in
``nnviz.widgets`` update in place.
"""
from ._plots_concepts import *  # noqa: F401,F403
from ._plots_concepts import __all__ as _concepts_all
from ._plots_training import *  # noqa: F401,F403
from ._plots_training import __all__ as _training_all
from ._plots_backprop import *  # noqa: F401,F403  (backpropagation step by step, 05)
from ._plots_backprop import __all__ as _backprop_all
from ._plots_playground import *  # noqa: F401,F403  (the plane and the graph, 07)
from ._plots_playground import __all__ as _playground_all

__all__ = [*_concepts_all, *_training_all, *_backprop_all, *_playground_all]
