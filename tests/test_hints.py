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


def test_install_kernel_config_writes_ours_and_leaves_others_alone(tmp_path):
    path = nnviz.hints.install_kernel_config(tmp_path)
    assert path == tmp_path / "etc" / "ipython" / "ipython_kernel_config.py"
    assert path.read_text().startswith(nnviz.hints.CONFIG_MARKER)
    assert 'c.InteractiveShellApp.extensions.append("nnviz.hints")' in path.read_text()
    assert nnviz.hints.install_kernel_config(tmp_path) == path        # again: same file
    assert nnviz.hints.uninstall_kernel_config(tmp_path) is True
    assert not path.exists()
    assert nnviz.hints.uninstall_kernel_config(tmp_path) is False
    path.write_text("c.Foo.bar = 1\n")                                # somebody else's config
    with pytest.raises(ValueError, match="was not written by nnviz"):
        nnviz.hints.install_kernel_config(tmp_path)
    assert nnviz.hints.uninstall_kernel_config(tmp_path) is False
    assert path.read_text() == "c.Foo.bar = 1\n"
    with pytest.raises(ValueError, match="prefix must be an existing folder"):
        nnviz.hints.install_kernel_config(tmp_path / "missing")
    with pytest.raises(TypeError, match="prefix must be .* got int"):
        nnviz.hints.install_kernel_config(3)
    # No default: a call without a folder never touches the running environment.
    for fn in (nnviz.hints.install_kernel_config, nnviz.hints.uninstall_kernel_config):
        with pytest.raises(TypeError, match="prefix must be .* got NoneType"):
            fn(None)


def test_the_cli_installs_and_uninstalls(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert nnviz.hints.main(["--install"]) == 0
    assert (tmp_path / "etc" / "ipython" / "ipython_kernel_config.py").exists()
    assert nnviz.hints.main(["--uninstall"]) == 0
    assert not (tmp_path / "etc" / "ipython" / "ipython_kernel_config.py").exists()
    assert nnviz.hints.main([]) == 2
    assert "usage" in capsys.readouterr().err


def test_a_kernel_started_with_the_config_says_what_to_run_from_its_first_cell(tmp_path):
    # The config text, read by a real IPython kernel (from IPYTHONDIR here; from
    # <sys.prefix>/etc/ipython after `python -m nnviz.hints --install`): a NameError in the
    # very first cell, as after a restart in the middle of a notebook, gets the hint.
    manager_module = pytest.importorskip("jupyter_client.manager")
    profile = tmp_path / "ipython" / "profile_default"
    profile.mkdir(parents=True)
    (profile / "ipython_kernel_config.py").write_text(nnviz.hints.CONFIG_TEXT)
    import os
    env = {**os.environ, "IPYTHONDIR": str(tmp_path / "ipython")}
    km, kc = manager_module.start_new_kernel(kernel_name="python3", env=env)
    try:
        msg_id = kc.execute("y_pred = network.predict(X)")
        stderr = []
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream" and msg["content"]["name"] == "stderr":
                stderr.append(msg["content"]["text"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        assert "Hint: 'network' is not defined in this kernel yet" in "".join(stderr)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
