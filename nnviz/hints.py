"""A sentence after a NameError that says what to run: for cells run out of order.

A learner who skips a cell, or restarts the kernel and carries on in the middle, meets
``NameError: name 'network' is not defined``, which says what is missing but not what to do.
After :func:`install`, every NameError in the notebook is followed by one line saying which
cells to run. Nothing happens on import; a notebook opts in by calling it in its first cell::

    import nnviz.hints
    nnviz.hints.install()

Outside IPython (a script, pytest) :func:`install` does nothing and returns False.

A restart in the middle of a notebook is the case that matters most, and there the first
cell has not run again. So the set-up commands (``make lab``, ``python tools/setup.py``,
Binder's ``postBuild``) run ``python -m nnviz.hints --install``: it writes an IPython
kernel config into the environment (``<sys.prefix>/etc/ipython/ipython_kernel_config.py``)
that loads this module as an IPython extension in every kernel the environment starts, so
the hint is there from the kernel's first cell. ``%load_ext nnviz.hints`` does the same by
hand; ``python -m nnviz.hints --uninstall`` removes the config file again.

In the in-browser edition (JupyterLite, ``make lite``) the kernel is Pyodide's and reads
IPython's ``ipython_config.py``: the site's nnviz wheel carries :data:`CONFIG_TEXT` as that file
(a wheel data file, which Pyodide installs into ``<sys.prefix>/etc/ipython``), so every kernel
of the site, a restarted one too, loads the hints when it starts (tools/lite/build.py).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["install", "uninstall", "name_error_hint", "install_kernel_config",
           "uninstall_kernel_config"]

#: The first line of the kernel config that :func:`install_kernel_config` writes: a file
#: that starts with it is ours to replace or remove; any other file is left alone.
CONFIG_MARKER = "# Written by nnviz (python -m nnviz.hints --install)."
CONFIG_TEXT = f"""{CONFIG_MARKER}
# Every IPython kernel of this environment follows a NameError with a sentence saying which
# cells to run (nnviz/hints.py), also right after a kernel restart. Remove this file, or run
# python -m nnviz.hints --uninstall, to turn it off.
c.InteractiveShellApp.extensions.append("nnviz.hints")
"""


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
    Taught nowhere: the kernel config of :func:`install_kernel_config` loads it at start.
    """
    shell = _shell()
    if shell is None:
        return False
    load_ipython_extension(shell)
    return True


def load_ipython_extension(ipython) -> None:
    """``%load_ext nnviz.hints``, or the kernel config of :func:`install_kernel_config`."""
    ipython.set_custom_exc((NameError,), _show_with_hint)


def unload_ipython_extension(ipython) -> None:
    """``%unload_ext nnviz.hints``."""
    if tuple(ipython.custom_exceptions) == (NameError,):
        ipython.set_custom_exc((), None)


def _config_path(prefix):
    if not isinstance(prefix, (str, os.PathLike)):
        raise TypeError("prefix must be the folder of a Python environment (a str or Path), "
                        f"got {type(prefix).__name__}.")
    if not str(prefix) or not Path(prefix).is_dir():
        raise ValueError(f"prefix must be an existing folder (a Python environment), got {prefix!r}.")
    return Path(prefix) / "etc" / "ipython" / "ipython_kernel_config.py"


def install_kernel_config(prefix):
    """Make every IPython kernel of the environment at ``prefix`` (the CLI passes this
    Python's ``sys.prefix``) load the hints on start. Returns the config file's path.

    Writes ``<prefix>/etc/ipython/ipython_kernel_config.py``, a file IPython reads for
    every kernel started from that environment. An existing file that nnviz did not write
    is left alone (a ValueError says so). Run by the set-up commands; taught nowhere.
    """
    path = _config_path(prefix)
    if path.exists() and not path.read_text(errors="replace").startswith(CONFIG_MARKER):
        raise ValueError(f"{path} exists and was not written by nnviz: add the line "
                         "c.InteractiveShellApp.extensions.append(\"nnviz.hints\") to it by hand.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONFIG_TEXT)
    return path


def uninstall_kernel_config(prefix) -> bool:
    """Remove the config file of :func:`install_kernel_config`; True if there was one."""
    path = _config_path(prefix)
    if path.exists() and path.read_text(errors="replace").startswith(CONFIG_MARKER):
        path.unlink()
        return True
    return False


def main(argv=None) -> int:
    """``python -m nnviz.hints --install | --uninstall`` (see the module docstring)."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args == ["--install"]:
        try:
            path = install_kernel_config(sys.prefix)
        except ValueError as e:
            print(f"nnviz.hints: {e}", file=sys.stderr)
            return 1
        print(f"nnviz.hints: kernels of this environment now say what to run after a NameError ({path}).")
        return 0
    if args == ["--uninstall"]:
        removed = uninstall_kernel_config(sys.prefix)
        print("nnviz.hints: " + ("kernel config removed." if removed else "no kernel config of nnviz found."))
        return 0
    print("usage: python -m nnviz.hints --install | --uninstall", file=sys.stderr)
    return 2


def uninstall() -> None:
    """Back to IPython's plain NameError."""
    shell = _shell()
    if shell is not None:
        unload_ipython_extension(shell)


if __name__ == "__main__":
    raise SystemExit(main())
