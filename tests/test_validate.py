"""nnviz._validate: the one module every input check goes through (one error style, one seed rule)."""
import ast
import pathlib

import numpy as np
import pytest

import nnviz
from nnviz import _validate as v

SOURCE = pathlib.Path(v.__file__)


def test_validate_imports_nothing_from_nnviz():
    """The bottom layer: no `from . import`, so `_validate` -> `network` -> `_validate` cannot come back."""
    tree = ast.parse(SOURCE.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0 and not (node.module or "").startswith("nnviz"), ast.dump(node)
        if isinstance(node, ast.Import):
            assert not any(a.name.startswith("nnviz") for a in node.names)


def test_number_in_names_the_range_and_what_came():
    assert v.number_in(0.5, "noise", 0, 1) == 0.5
    assert v.number_in(np.array([2]), "noise", 0, 3) == 2.0
    with pytest.raises(ValueError, match=r"noise must be a number from 0 to 1, got 1\.5\."):
        v.number_in(1.5, "noise", 0, 1)
    with pytest.raises(ValueError, match=r"up to \(not including\) 1, got 1\.0"):
        v.number_in(1, "test_fraction", 0, 1, high_open=True)
    with pytest.raises(ValueError, match="at least 0, got -1"):
        v.number_in(-1, "tol", 0, np.inf)
    with pytest.raises(ValueError, match="got nan"):
        v.number_in(float("nan"), "tol", 0, np.inf)
    with pytest.raises(TypeError, match=r"limit must be a number from 0\.1 to 100, got '3' \(str\)"):
        v.number_in("3", "limit", 0.1, 100)
    with pytest.raises(TypeError, match="got True"):
        v.number_in(True, "limit", 0, 1)


def test_whole_number_none_says_what_none_means():
    assert v.whole_number(None, "batch_size", none="full batch") is None
    assert v.whole_number(4, "batch_size", none="full batch") == 4
    with pytest.raises(TypeError, match=r"batch_size \(a whole number, or None for full batch\) must be"):
        v.whole_number(2.5, "batch_size", none="full batch")
    with pytest.raises(TypeError, match="epochs must be a whole number"):
        v.whole_number(None, "epochs")


def test_ranges_extents_texts():
    assert v.value_range([0, 10], "x_range") == (0.0, 10.0)
    with pytest.raises(ValueError, match=r"x_range must be two numbers \(low, high\) with low below high, got \[3\.0, 1\.0\]"):
        v.value_range((3, 1), "x_range")
    assert v.extent([-1, 1, -2, 2]) == (-1.0, 1.0, -2.0, 2.0)
    with pytest.raises(ValueError, match="extent must be"):
        v.extent([1, -1, 0, 1])
    assert v.text("hi", "title") == "hi"
    assert v.text(None, "title", optional=True) is None
    with pytest.raises(TypeError, match=r"title must be text \(a str\) or None, got 3 \(int\)"):
        v.text(3, "title", optional=True)
    with pytest.raises(ValueError, match="name must not be empty"):
        v.text("  ", "name", empty=False)
    assert v.texts(["a", "b"], "names", count=2) == ("a", "b")
    with pytest.raises(TypeError, match="names must be 2 names"):
        v.texts(["a"], "names", count=2)


def test_seed_rule():
    assert v.seed(None) is None
    assert v.seed(np.int64(3)) == 3
    with pytest.raises(ValueError, match="seed must be a whole number of at least 0, got -1"):
        v.seed(-1)
    with pytest.raises(TypeError, match="seed must be None or a whole number"):
        v.seed(1.5)


def test_axes_and_network():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    try:
        assert v.axes(ax) is ax and v.axes(None) is None
        with pytest.raises(TypeError, match="ax must be a matplotlib Axes to draw into"):
            v.axes(None, required=True)
        with pytest.raises(TypeError, match="That is a Figure"):
            v.axes(fig)
    finally:
        plt.close(fig)
    net = nnviz.Network([2, 2, 1])
    assert v.network(net, inputs=2, outputs=1) is net
    assert v.network(None, optional=True) is None
    with pytest.raises(TypeError, match="network must be an nnviz.Network or None, got list"):
        v.network([1], optional=True)
    with pytest.raises(ValueError, match="3 input"):
        v.network(net, inputs=3)


def test_describe_is_public_and_short():
    assert v.describe("x" * 100).endswith("(str)") and len(v.describe("x" * 100)) < 80
    assert v.describe(np.zeros((20, 20))) == "an array of shape (20, 20)"


def test_nonfinite_values_where_a_diverged_path_needs_them():
    arr = v.as_float_array([1.0, float("inf")], "path", finite=False)
    assert np.isinf(arr[1])
    with pytest.raises(ValueError, match="path must contain only finite numbers"):
        v.as_float_array([1.0, float("inf")], "path")
    assert np.isnan(v.real_number(float("nan"), "m")) and v.real_number(np.array([2]), "m") == 2.0
    with pytest.raises(TypeError, match=r"m must be one number, got '2' \(str\)"):
        v.real_number("2", "m")
