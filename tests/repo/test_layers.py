"""The package's shape, read from its source: CONTRIBUTING's layers, no import cycle, no
private name used across modules, and the numpy-only modules importing numpy only.

The layers are read from CONTRIBUTING.md's table (the one place they are written), so a
new module is placed by adding it there.
"""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "nnviz"
MODULES = sorted(p.stem for p in PACKAGE.glob("*.py"))

# Private names other helpers' modules still use across modules today (issue 19). Each is
# in a file owned by another helper of this round, who moves it onto a public name; remove
# the line when that lands. Format: (importing module, "module.name" it uses).
KNOWN_PRIVATE_CROSSINGS: set = set()


def _layers():
    """{module: layer number} from CONTRIBUTING.md's layer table."""
    text = (ROOT / "CONTRIBUTING.md").read_text()
    block = re.search(r"<!-- layers:start -->(.*?)<!-- layers:end -->", text, re.S)
    assert block, "CONTRIBUTING.md lost its layers table (<!-- layers:start --> ... <!-- layers:end -->)"
    layers = {}
    for row in block.group(1).splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.match(r"^\d+", cells[0]):
            continue
        number = int(re.match(r"^(\d+)", cells[0]).group(1))
        for name in re.findall(r"`([A-Za-z_0-9]+)(?:\.py)?`", cells[1]):
            if name in MODULES or name.startswith("_"):   # modules, not the classes named beside them
                layers[name] = number
    return layers


def _imports(name):
    """Every nnviz module ``name`` imports (at the top or inside a function), and the
    private names it takes from them: (set of modules, set of "module.name")."""
    tree = ast.parse((PACKAGE / f"{name}.py").read_text())
    modules, private, aliases = set(), set(), {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:          # from .network import X
                target = node.module.split(".")[0]
                modules.add(target)
                for a in node.names:
                    if a.name.startswith("_") and not a.name.startswith("__"):
                        private.add(f"{target}.{a.name}")
            elif node.level == 1:                          # from . import data as _data
                for a in node.names:
                    modules.add(a.name)
                    aliases[a.asname or a.name] = a.name
            elif node.level == 0 and (node.module or "").startswith("nnviz"):
                parts = node.module.split(".")
                if len(parts) > 1:
                    modules.add(parts[1])
                else:
                    for a in node.names:
                        modules.add(a.name if a.name in MODULES else "__init__")
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name == "nnviz":
                    modules.add("__init__")
                elif a.name.startswith("nnviz."):
                    modules.add(a.name.split(".")[1])
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and node.attr.startswith("_")
                and not node.attr.startswith("__")):
            private.add(f"{aliases[node.value.id]}.{node.attr}")
    modules.discard(name)
    return modules, private


GRAPH = {name: _imports(name) for name in MODULES}


def test_every_module_has_a_layer_in_contributing():
    missing = sorted(set(MODULES) - set(_layers()))
    assert not missing, f"add these modules to CONTRIBUTING.md's layer table: {missing}"


def test_no_module_imports_a_higher_layer():
    layers = _layers()
    wrong = [f"{name} (layer {layers[name]}) imports {other} (layer {layers[other]})"
             for name in MODULES if name in layers
             for other in sorted(GRAPH[name][0]) if other in layers and layers[other] > layers[name]]
    assert not wrong, "imports against CONTRIBUTING's layers:\n" + "\n".join(wrong)


def test_no_import_cycle():
    """Depth-first search over every import (lazy ones inside functions too)."""
    state, path, cycles = {}, [], []

    def visit(name):
        state[name] = "open"
        path.append(name)
        for other in sorted(GRAPH.get(name, (set(),))[0]):
            if other not in GRAPH:
                continue
            if state.get(other) == "open":
                cycles.append(" -> ".join(path[path.index(other):] + [other]))
            elif other not in state:
                visit(other)
        path.pop()
        state[name] = "done"

    for name in MODULES:
        if name not in state:
            visit(name)
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_private_name_is_used_across_modules():
    found = {(name, used) for name in MODULES for used in GRAPH[name][1]}
    new = sorted(found - KNOWN_PRIVATE_CROSSINGS)
    assert not new, ("private names used across modules (make them public where they belong, "
                     f"or keep them in their module): {new}")


def test_the_allow_list_has_no_stale_entries():
    found = {(name, used) for name in MODULES for used in GRAPH[name][1]}
    stale = sorted(KNOWN_PRIVATE_CROSSINGS - found)
    assert not stale, f"fixed: remove from KNOWN_PRIVATE_CROSSINGS: {stale}"


def _numpy_only():
    return [name for name, layer in _layers().items() if layer <= 1 and name != "__init__"]


@pytest.mark.parametrize("name", ["__init__", *sorted(_numpy_only.__call__())])
def test_numpy_only_modules_import_numpy_only(name):
    """In a fresh interpreter: importing a core module loads numpy and the standard library,
    nothing else that is installed (no matplotlib, ipywidgets, IPython, anywidget...)."""
    module = "nnviz" if name == "__init__" else f"nnviz.{name}"
    code = ("import sys, json; before = set(sys.modules); import " + module + "; "
            "print(json.dumps(sorted({m.split('.')[0] for m in set(sys.modules) - before})))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                       check=True, cwd=ROOT).stdout)
    stdlib = set(sys.stdlib_module_names) | {"_distutils_hack"}
    foreign = sorted(m for m in loaded if m not in stdlib and m not in {"numpy", "nnviz"}
                     and not m.startswith("_"))
    assert not foreign, f"{module} is numpy only but loads {foreign}"


def test_tests_and_benchmarks_import_plainly():
    """No sys.path edits in tests/ or benchmarks/, and benchmarks never import from tests:
    the shared browser harness is tools/browser."""
    offenders = []
    for path in [*ROOT.glob("tests/**/*.py"), *ROOT.glob("benchmarks/*.py")]:
        if path.resolve() == Path(__file__).resolve():
            continue
        text = path.read_text()
        if re.search(r"sys\.path\.(insert|append)", text):
            offenders.append(f"{path.relative_to(ROOT)} edits sys.path")
        if path.parent.name == "benchmarks" and re.search(
                r"^\s*(from|import)\s+(tests\b|test_|conftest|_lite\b|_ui_config|_lab_session)", text, re.M):
            offenders.append(f"{path.relative_to(ROOT)} imports from tests/")
    assert not offenders, "\n".join(offenders)


# Product code that still patches with unittest.mock (a test tool) today. Empty: keep it so.
KNOWN_MOCK_USERS: set = set()


def test_no_unittest_mock_in_product_code():
    users = {name for name in MODULES
             if re.search(r"^\s*(from unittest|import unittest)", (PACKAGE / f"{name}.py").read_text(), re.M)}
    assert users <= KNOWN_MOCK_USERS, f"unittest.mock in product code: {sorted(users - KNOWN_MOCK_USERS)}"
    assert not KNOWN_MOCK_USERS - users, f"fixed: remove from KNOWN_MOCK_USERS: {sorted(KNOWN_MOCK_USERS - users)}"


MAX_MODULE_LINES = 700
# Modules over the limit today. Empty: split a module along what it teaches instead.
KNOWN_LONG_MODULES: set = set()


def test_no_module_is_over_700_lines():
    long = {name for name in MODULES
            if len((PACKAGE / f"{name}.py").read_text().splitlines()) > MAX_MODULE_LINES}
    assert long <= KNOWN_LONG_MODULES, f"split these modules (over {MAX_MODULE_LINES} lines): {sorted(long - KNOWN_LONG_MODULES)}"
    assert not KNOWN_LONG_MODULES - long, f"fixed: remove from KNOWN_LONG_MODULES: {sorted(KNOWN_LONG_MODULES - long)}"
