"""tools/setup.py: the set-up and the classroom commands without make, on Windows paths and on
Python 3.10 (simulated: the commands are built, not run; `make test` runs the real set-up)."""
import importlib.util
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("nnviz_setup", ROOT / "tools" / "setup.py")
setup = importlib.util.module_from_spec(spec)
spec.loader.exec_module(setup)


@pytest.fixture
def windows(monkeypatch):
    """sys.platform as on Windows, and paths built the Windows way."""
    monkeypatch.setattr(setup.sys, "platform", "win32")
    monkeypatch.setattr(setup, "Path", PureWindowsPath)
    return PureWindowsPath("C:/Users/ada/nnviz/.venv")


def test_windows_venv_layout(windows):
    assert str(setup.venv_bin(windows, "python")) == r"C:\Users\ada\nnviz\.venv\Scripts\python.exe"
    assert setup.lab_command(windows)[0] == r"C:\Users\ada\nnviz\.venv\Scripts\jupyter.exe"
    assert setup.test_command(windows)[:3] == [r"C:\Users\ada\nnviz\.venv\Scripts\python.exe", "-m", "pytest"]


@pytest.mark.parametrize("what, rest, expected", [
    ("slides", ["--edition", "student"], ["tools\\publish", "slides", "--edition", "student"]),
    ("site", ["--ref", "v1.0"], ["tools\\publish", "site", "--ref", "v1.0"]),
    ("student", [], ["tools\\publish", "student", "--out", "build\\student"]),
    ("grade", ["submissions", "--out", "grades.csv"], ["-m", "nnviz.grade", "submissions", "--out", "grades.csv"]),
])
def test_classroom_commands_without_make_on_windows(windows, what, rest, expected):
    command = setup.tool_command(windows, what, rest)
    assert command[0] == r"C:\Users\ada\nnviz\.venv\Scripts\python.exe"
    assert command[1:] == expected


def test_the_commands_match_the_makefile():
    makefile = (ROOT / "Makefile").read_text()
    assert "tools/publish slides $(PUBLISH_OPTS) $(if $(STYLE),--style $(STYLE))" in makefile
    assert "tools/publish site $(PUBLISH_OPTS)" in makefile
    assert "tools/publish student --out build/student" in makefile
    assert "-m nnviz.grade $(DIR) --out $(OUT)" in makefile


def test_python_310_falls_back_and_older_gets_a_sentence(capsys):
    assert setup.use_lock((3, 11)) and setup.use_lock((3, 13))
    assert not setup.use_lock((3, 10))
    with pytest.raises(SystemExit, match="needs Python 3.10 or newer.*python.org"):
        setup.use_lock((3, 9))
    lock = setup.install_commands("py", ROOT, True)
    assert [c[-2:] for c in lock] == [["-r", str(ROOT / "requirements.lock")], ["-e", str(ROOT)]]
    fallback = setup.install_commands("py", ROOT, False)
    assert fallback == [["py", "-m", "pip", "install", "-e", str(ROOT) + "[test]"]]
    assert "need Python 3.11 or newer" in capsys.readouterr().out


@pytest.mark.parametrize("python, lock", [("3.10", ""), ("3.11", "requirements.lock")])
def test_make_falls_back_by_itself_on_310(python, lock, tmp_path):
    """The Makefile's LOCK, as make computes it for a given Python (a stub that reports it)."""
    stub = tmp_path / "python"
    major, minor = python.split(".")
    # runs make's `$(PYTHON) -c '...'` with the real interpreter, reporting another version
    stub.write_text(f"#!/bin/sh\nexec {sys.executable} -c \"import sys; sys.version_info = ({major}, {minor}, 0); "
                    f"exec(sys.argv[-1])\" \"$@\"\n")
    stub.chmod(0o755)
    done = subprocess.run(["make", "-n", "-B", "-C", str(ROOT), f"PYTHON={stub}", ".venv/.nnviz-installed"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert ("-r requirements.lock" in done.stdout) == bool(lock)


def test_the_windows_path_length_in_the_teaching_notes_is_as_measured():
    """docs/teaching.md: the longest installed file sits about 160 characters below the
    repository (Windows layout: .venv\\Lib\\site-packages), so a short folder is needed."""
    import os
    import re

    venv = Path(sys.prefix)
    if venv.resolve() != (ROOT / ".venv").resolve():
        pytest.skip("measured on the project's own .venv (make test)")
    site = str(Path(*Path(sysconfig_purelib()).relative_to(venv).parts))
    longest = 0
    for folder, _, files in os.walk(venv):
        for name in files:
            rel = os.path.relpath(os.path.join(folder, name), ROOT).replace(site, "Lib/site-packages")
            longest = max(longest, len(rel))
    said = int(re.search(r"about (\d+) characters below", (ROOT / "docs" / "teaching.md").read_text()).group(1))
    assert abs(longest - said) <= 15, f"the longest path is {longest} characters, the notes say about {said}"


def sysconfig_purelib() -> str:
    import sysconfig

    return sysconfig.get_paths()["purelib"]
