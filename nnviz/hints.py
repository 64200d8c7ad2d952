"""A sentence after a NameError that says what to run: for cells run out of order.

A learner who skips a cell, or restarts the kernel and carries on in the middle, meets
``NameError: name 'network' is not defined``, which says what is missing but not what to do.
After :func:`install`, every NameError in the notebook is followed by one line saying which
cells to run. Nothing happens on import; a notebook opts in by calling it in its first cell::

    import nnviz.hints
    nnviz.hints.install()

Outside IPython (a script, pytest) :func:`install` does nothing and returns False.
"""
from __future__ import annotations

import sys

__all__ = ["install", "uninstall", "name_error_hint"]


def name_error_hint(error: NameError) -> str:
    """The sentence shown after ``error``: what to run so that its name exists."""
    name = getattr(error, "name", None)
    what = f"'{name}'" if name else "This name"
    return (f"Hint: {what} is not defined in this kernel yet. If a cell above makes it, that "
            "cell has not run since the kernel started (a skipped cell, or a kernel restart): "
            "run the cells above this one first, with Run → Run All Above Selected Cell. "
            "If no cell above makes it, check its spelling.")


def _show_with_hint(shell, etype, value, tb, tb_offset=None):
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    print(name_error_hint(value), file=sys.stderr)


def _shell():
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def install() -> bool:
    """Follow every NameError in this IPython kernel with :func:`name_error_hint`.

    Returns True when installed, False outside IPython. Calling it again changes nothing.
    Taught nowhere: the notebooks call it in their first cell.
    """
    shell = _shell()
    if shell is None:
        return False
    shell.set_custom_exc((NameError,), _show_with_hint)
    return True


def uninstall() -> None:
    """Back to IPython's plain NameError."""
    shell = _shell()
    if shell is not None and tuple(shell.custom_exceptions) == (NameError,):
        shell.set_custom_exc((), None)
