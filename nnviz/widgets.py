"""Interactive explorers: move a slider, watch the figure and its numbers change.

Each explorer is an ipywidgets widget with ``.figure`` (one Figure for its whole life)
and ``.controls`` (name -> widget); pass ``controls=[...]`` to show only some controls
(teacher mode). They use the ipympl canvas under ``%matplotlib widget`` and fall back to
PNG images elsewhere. Concept explorers come from ``_widgets_concepts``, training ones
from ``_widgets_training``; the shared base is ``nnviz._explorer.Explorer``.
"""
from ._widgets_concepts import *  # noqa: F401,F403
from ._widgets_concepts import __all__ as _concepts_all
from ._widgets_training import *  # noqa: F401,F403
from ._widgets_training import __all__ as _training_all
from ._widgets_backprop import *  # noqa: F401,F403
from ._widgets_backprop import __all__ as _backprop_all

__all__ = [*_concepts_all, *_training_all, *_backprop_all]
