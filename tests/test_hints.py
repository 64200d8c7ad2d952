"""nnviz.hints: a NameError in the notebook is followed by a sentence saying what to run."""
from __future__ import annotations

import sys

import pytest

import nnviz.hints


def test_outside_ipython_install_does_nothing(monkeypatch):
    monkeypatch.setitem(sys.modules, "IPython", None)
    assert nnviz.hints.install() is False


def test_the_hint_names_the_missing_name_and_what_to_run():
    try:
        network  # noqa: F821 - the point of the test
    except NameError as e:
        text = nnviz.hints.name_error_hint(e)
    assert "'network'" in text
    assert "Run All Above Selected Cell" in text and "restart" in text


def test_a_name_error_in_a_cell_is_followed_by_the_hint(capsys):
    shell_module = pytest.importorskip("IPython.core.interactiveshell")
    shell = shell_module.InteractiveShell.instance()
    try:
        assert nnviz.hints.install() is True
        result = shell.run_cell("y_pred = network.predict(X)")
        assert isinstance(result.error_in_exec, NameError)
        err = capsys.readouterr().err
        assert "Hint: 'network' is not defined in this kernel yet" in err
        # Other errors keep IPython's plain traceback, with no hint.
        shell.run_cell("1 / 0")
        assert "Hint:" not in capsys.readouterr().err
        nnviz.hints.uninstall()
        shell.run_cell("undefined_again")
        assert "Hint:" not in capsys.readouterr().err
    finally:
        nnviz.hints.uninstall()
        shell_module.InteractiveShell.clear_instance()
