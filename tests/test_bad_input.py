"""Every mistake gets a sentence: a table of bad values thrown at every public callable.

The public API is walked from ``__all__`` of ``nnviz``, ``nnviz.data``, ``nnviz.plots``,
``nnviz.widgets``, ``nnviz.checks``, ``nnviz.gd`` (06 imports it) and ``nnviz.hints``
(``nnviz.data`` and ``nnviz.style`` have no ``__all__``: their public functions are
taken), plus the methods a learner calls on the objects those return (``Network.train``, ``Neuron.feedforward``, a drawer's ``update``,
an explorer's ``step`` ...). Each callable starts from arguments that work; then, one
parameter at a time, every value of ``BAD_VALUES`` replaces the good one, and the call must
end in one of two ways:

- it succeeds (a negative weight is a fine weight), or
- it raises ``ValueError`` or ``TypeError`` from nnviz's own code (not from numpy,
  matplotlib or traitlets) whose message names the parameter.

Never another exception (AttributeError, IndexError, traitlets' TraitError, MemoryError...),
never a warning (a numpy RuntimeWarning is a failure; only nnviz's DivergenceWarning, which
says in words that training blew up, is allowed), never more than ``MEMORY_LIMIT`` bytes
traced by ``tracemalloc`` in one call, never more than ``TIME_LIMIT`` seconds. While a call
runs, the process's address space may not grow by more than ``ADDRESS_SPACE_HEADROOM``
(``RLIMIT_AS``, the same 200 MB): a call that tries to allocate gigabytes fails with a
MemoryError here instead of killing the test run. Explorers are measured by that cap alone,
without tracemalloc, which makes building one 3-4 times slower.
There is no skip list: every public callable is covered.
"""
from __future__ import annotations

import contextlib
import inspect
import re
import resource
import signal
import tempfile
import tracemalloc
import traceback
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnviz  # noqa: E402
import nnviz.backprop  # noqa: E402
import nnviz.checks  # noqa: E402
import nnviz.data  # noqa: E402
import nnviz.gd  # noqa: E402
import nnviz.hints  # noqa: E402
import nnviz.plots  # noqa: E402
import nnviz.style  # noqa: E402
import nnviz.widgets  # noqa: E402
from nnviz import DivergenceWarning  # noqa: E402
from nnviz._explorer import Explorer  # noqa: E402

PACKAGE_DIR = Path(nnviz.__file__).resolve().parent
MEMORY_LIMIT = 200 * 2**20          # bytes traced by tracemalloc in one call
TIME_LIMIT = 10                     # seconds for one call: a bad value must not start hours of work
ADDRESS_SPACE_HEADROOM = MEMORY_LIMIT  # the process may grow by this much during one call

NAN, INF = float("nan"), float("inf")
RENEW_EVERY = 8   # calls that drew into the shared Axes before a fresh one is made

#: (label, value). Thrown at every parameter of every public callable.
BAD_VALUES = [
    ("None", None),
    ("text", "abc"),
    ("text 'F'", "F"),
    ("empty text", ""),
    ("True", True),
    ("NaN", NAN),
    ("inf", INF),
    ("-inf", -INF),
    ("-1", -1),
    ("-2.5", -2.5),
    ("0", 0),
    ("10**9", 10**9),
    ("1e300", 1e300),
    ("empty list", []),
    ("ragged list", [[1.0, 2.0], [3.0]]),
    ("list with text 'F'", [1, 0, 0, "F"]),
    ("list with NaN", [1.0, NAN]),
    ("3-D array", np.zeros((2, 3, 4))),
    ("a layer of 10**9", [2, 10**9, 1]),
    ("object()", object()),
    ("dict", {"a": 1}),
]


# --- good arguments to start from ---------------------------------------------------------

class Fresh:
    """A good argument made when a test starts (an Axes, a Network), shared by its calls."""

    def __init__(self, make):
        self.make = make


def _ax():
    return plt.figure(figsize=(3, 2)).add_subplot()


AX = Fresh(_ax)
NET = Fresh(lambda: nnviz.Network([2, 2, 1], seed=0))
PEOPLE_X, PEOPLE_Y = nnviz.data.people()
LINE_X, LINE_Y = nnviz.data.line(n=10)


def _history():
    return nnviz.Network([2, 2, 1], seed=0).train(PEOPLE_X, PEOPLE_Y, epochs=5)


def _descent():
    from nnviz import gd
    return gd.line_descent(LINE_X, LINE_Y, steps=5)


def _square(x):
    return x * x


#: name -> the arguments a call needs to work (everything else keeps its default).
GOOD = {
    "Neuron": dict(weights=[0.0, 1.0], bias=4.0),
    "Network": dict(layer_sizes=[2, 2, 1]),
    "History": dict(loss=np.array([0.3, 0.2])),
    "gradient_check": dict(network=NET, X=PEOPLE_X, y=PEOPLE_Y),
    "mse": dict(y_true=[1.0, 0.0], y_pred=[0.5, 0.5]),
    "get_activation": dict(name="sigmoid"),
    "shift": dict(X_raw=[[133.0, 65.0], [160.0, 72.0]]),
    "extent_around": dict(X=[[0.0, 0.0], [1.0, 2.0]]),
    "people_axis_labels": dict(units="raw"),
    "to_metric": dict(X_raw=[[133.0, 65.0], [160.0, 72.0]]),
    "make": dict(name="xor", n=20),
    # activations
    **{name: dict(z=[-1.0, 0.0, 2.0]) for name in (
        "sigmoid", "sigmoid_derivative", "tanh", "tanh_derivative", "relu", "relu_derivative",
        "linear", "linear_derivative")},
    # concept plots
    "ActivationCurve": dict(ax=AX),
    "NeuronDiagram": dict(ax=AX),
    "NetworkDiagram": dict(ax=AX),
    "LossBars": dict(ax=AX, names=["Alice", "Bob"]),
    "XorPanel": dict(ax=AX),
    "neuron_diagram": dict(neuron_or_weights=[0.0, 1.0], bias=4.0, x=[2.0, 3.0]),
    "network_diagram": dict(network=NET, x=[2.0, 3.0], y=[1.0]),
    "loss_plot": dict(y_true=[1.0, 0.0, 0.0, 1.0], y_pred=[0.5, 0.5, 0.5, 0.5]),
    "xor_plot": dict(network=NET),
    "neuron_formula": dict(weights=[0.0, 1.0], bias=4.0, x=[2.0, 3.0]),
    # training plots
    "BoundaryDrawer": dict(ax=AX, extent=(-2.0, 2.0, -2.0, 2.0), resolution=20),
    "ContourDrawer": dict(ax=AX),
    "CurveDescentDrawer": dict(ax=AX),
    "LineFitDrawer": dict(ax=AX, x=LINE_X, y=LINE_Y),
    "LossCurveDrawer": dict(ax=AX),
    "LossVsParameterDrawer": dict(ax=AX),
    "decision_boundary": dict(network=NET, X=PEOPLE_X, y=PEOPLE_Y, resolution=20),
    "line_fit": dict(x=LINE_X, y=LINE_Y, m=2.0, b=1.0),
    "loss_contours": dict(loss=(LINE_X, LINE_Y)),
    "NetworkGraphDrawer": dict(ax=AX, layer_sizes=[2, 3, 1], extent=(-2.0, 2.0, -2.0, 2.0)),
    "network_graph": dict(network=NET),
    "loss_curve": dict(history_or_losses=[0.3, 0.2, 0.1]),
    "loss_vs_parameter": dict(network=NET, X=PEOPLE_X, y=PEOPLE_Y),
    "param_names": dict(network=NET),
    "bumpy_curve": dict(path=[[2.0], [1.5]]),
    # backprop, step by step (05)
    "BackpropDiagram": dict(ax=AX),
    # explorers: the PNG fallback, as under nbval
    **{name: dict(canvas="png") for name in (
        "NeuronExplorer", "ActivationExplorer", "NetworkExplorer", "LossExplorer",
        "GradientExplorer", "DescentExplorer", "TrainingPlayground", "neuron_explorer",
        "activation_explorer", "network_explorer", "loss_explorer", "gradient_explorer",
        "descent_explorer", "training_playground", "BackpropExplorer", "backprop_explorer")},
    # checks
    "CheckResult": dict(exercise="01.1", passed=True, message="ok"),
    "Progress": dict(seen=[], passed=[], not_yet=[], untried=[], attempts={}),
    "agree": dict(name="z", mine=7.0, theirs=7.0),
    "check_choice": dict(exercise="01.1", answer="b", correct="b"),
    "check_function": dict(exercise="01.1", fn=_square, reference=_square, cases=[(2.0,), (3.0,)]),
    "check_network": dict(exercise="07.1", model=NET, X=PEOPLE_X, y=PEOPLE_Y),
    "check_number": dict(exercise="01.1", value=0.5, expected=0.5),
    "check": dict(exercise="02.4", answer="c"),
    "check_true": dict(exercise="01.1", condition=True, success="yes", failure="no"),
    "progress": dict(notebook="01"),
    "named": dict(name="my_z"),
    "report": dict(name="Ada Lovelace",
                   path=Fresh(lambda: Path(tempfile.mkdtemp()) / "report.html")),
    # style
    "title": dict(ax=AX, text="a title"),
    "signed_color": dict(value=1.0),
    "figure_size": dict(figsize=(4, 3)),
    "zoomed": dict(figsize=(4, 3)),
    "fmt": dict(x=0.5),
    "hide_header": dict(fig=Fresh(lambda: _ax().figure)),
    "whole_frames": dict(fig=Fresh(lambda: _ax().figure)),
    # gradient descent (06)
    "Descent": dict(path=np.zeros((2, 2)), losses=np.array([1.0, 0.5]), gradients=np.zeros((2, 2)),
                    status="converged", message="ok", learn_rate=0.1),
    "line_loss": dict(m=2.0, b=1.0, x=LINE_X, y=LINE_Y),
    "line_gradient": dict(m=2.0, b=1.0, x=LINE_X, y=LINE_Y),
    "line_best_fit": dict(x=LINE_X, y=LINE_Y),
    "line_descent": dict(x=LINE_X, y=LINE_Y, steps=5),
    "bumpy": dict(w=[0.5, 1.0]),
    "bumpy_derivative": dict(w=[0.5, 1.0]),
    "bumpy_descent": dict(steps=5),
    "descend": dict(loss=Fresh(lambda: nnviz.gd.bumpy), gradient=Fresh(lambda: nnviz.gd.bumpy_derivative),
                    start=[2.0], steps=5),
    # hints
    "name_error_hint": dict(error=NameError("name 'network' is not defined", name="network")),
    "install_kernel_config": dict(prefix=Fresh(tempfile.mkdtemp)),
    "uninstall_kernel_config": dict(prefix=Fresh(tempfile.mkdtemp)),
}


# --- methods of the objects a learner holds ------------------------------------------------

def _drawer(cls_name, **kwargs):
    cls = getattr(nnviz.plots, cls_name)
    return lambda: cls(_ax(), **kwargs)


def _explorer(cls_name, **kwargs):
    cls = getattr(nnviz.widgets, cls_name)
    return lambda: cls(canvas="png", **kwargs)


#: "Class.method" -> (make the object, good arguments).
METHODS = {
    "Network.feedforward": (NET.make, dict(X=PEOPLE_X)),
    "Network.predict": (NET.make, dict(X=PEOPLE_X)),
    "Network.loss": (NET.make, dict(X=PEOPLE_X, y=PEOPLE_Y)),
    "Network.gradients": (NET.make, dict(X=PEOPLE_X, y=PEOPLE_Y)),
    "Network.train": (NET.make, dict(X=PEOPLE_X, y=PEOPLE_Y, epochs=5)),
    "Network.to_code": (NET.make, dict(name="network")),
    "Neuron.weighted_sum": (lambda: nnviz.Neuron([0.0, 1.0], 4.0), dict(x=[2.0, 3.0])),
    "Neuron.feedforward": (lambda: nnviz.Neuron([0.0, 1.0], 4.0), dict(x=[2.0, 3.0])),
    "ActivationCurve.update": (_drawer("ActivationCurve"), dict()),
    "NeuronDiagram.update": (_drawer("NeuronDiagram"), dict(weights=[0.0, 1.0], bias=4.0)),
    "NetworkDiagram.update": (_drawer("NetworkDiagram"), dict(network=NET, x=[2.0, 3.0])),
    "LossBars.update": (_drawer("LossBars", names=["Alice", "Bob"]),
                        dict(y_true=[1.0, 0.0], y_pred=[0.4, 0.6])),
    "XorPanel.update": (_drawer("XorPanel"), dict(network=NET)),
    "LossCurveDrawer.update": (_drawer("LossCurveDrawer"), dict(losses=[0.3, 0.2])),
    "LossVsParameterDrawer.update": (_drawer("LossVsParameterDrawer"),
                                     dict(network=NET, X=PEOPLE_X, y=PEOPLE_Y)),
    "ContourDrawer.update": (_drawer("ContourDrawer"), dict(path=[[0.0, 0.0], [0.5, 0.5]])),
    "CurveDescentDrawer.update": (_drawer("CurveDescentDrawer"), dict(path=[[2.0], [1.5]])),
    "LineFitDrawer.update": (_drawer("LineFitDrawer", x=LINE_X, y=LINE_Y), dict(m=2.0, b=1.0)),
    "BoundaryDrawer.update": (_drawer("BoundaryDrawer", extent=(-2.0, 2.0, -2.0, 2.0), resolution=20),
                              dict(network=NET)),
    "BackpropDiagram.update": (_drawer("BackpropDiagram"),
                               dict(steps=Fresh(lambda: nnviz.backprop.BackpropSteps()), k=3)),
    "BackpropExplorer.go": (_explorer("BackpropExplorer"), dict(k=3)),
    "BackpropSteps.shown": (lambda: nnviz.backprop.BackpropSteps(), dict(k=3)),
    "BackpropSteps.index": (lambda: nnviz.backprop.BackpropSteps(), dict(kind="backward", target="w1")),
    "DescentExplorer.step": (_explorer("DescentExplorer"), dict()),
    "TrainingPlayground.train_frames": (_explorer("TrainingPlayground"), dict()),
    "TrainingPlayground.add_point": (_explorer("TrainingPlayground"), dict(x1=0.5, x2=-0.5)),
}


# --- the walk ----------------------------------------------------------------------------

def _public(module):
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n, v in vars(module).items()
                 if not n.startswith("_") and inspect.isfunction(v) and v.__module__ == module.__name__]
    return [(n, getattr(module, n)) for n in names]


def _callables():
    found = {}
    for module in (nnviz, nnviz.data, nnviz.plots, nnviz.widgets, nnviz.checks, nnviz.style,
                   nnviz.gd, nnviz.hints, nnviz.backprop):
        for name, obj in _public(module):
            if inspect.ismodule(obj) or not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue   # constants, dicts, colour maps, submodules
            if inspect.isclass(obj) and issubclass(obj, Warning):
                continue   # warning classes are raised, never called by a learner
            found.setdefault(f"{module.__name__}.{name}", (name, obj))
    return found


CALLABLES = _callables()


def _parameters(fn):
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return []
    return [p.name for p in sig.parameters.values()
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name != "self"]


def _realise(kwargs):
    return {k: (v.make() if isinstance(v, Fresh) else v) for k, v in kwargs.items()}


class _Timeout(BaseException):
    """Raised by the alarm inside a call that ran past TIME_LIMIT."""


@contextlib.contextmanager
def _limits():
    """Cap the time and the address space of one call; restore both afterwards."""
    def on_alarm(signum, frame):
        raise _Timeout()

    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    try:
        with open("/proc/self/statm") as f:
            size = int(f.read().split()[0]) * resource.getpagesize()
        cap = size + ADDRESS_SPACE_HEADROOM
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (OSError, ValueError):
        pass
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _cleanup(result):
    """Close the explorers (and their widgets) a call made."""
    items = result if isinstance(result, tuple) else (result,)
    for item in items:
        if isinstance(item, Explorer):
            item.close()


def _raised_in_nnviz(err: BaseException) -> bool:
    frames = traceback.extract_tb(err.__traceback__)
    if not frames:
        return False
    last = Path(frames[-1].filename).resolve()
    return last.is_relative_to(PACKAGE_DIR)


def _names(message: str, param: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(param)}(?![A-Za-z0-9_])", message) is not None


def _attempt(target, args, param, trace=True):
    """Call once; return None if the outcome is acceptable, else a sentence saying why not."""
    result = None
    if trace:
        tracemalloc.start()
        tracemalloc.reset_peak()
    try:
        with warnings.catch_warnings(record=True) as caught, _limits(), \
                matplotlib.rc_context(), np.errstate(all="warn", under="ignore"):
            warnings.simplefilter("always")
            try:
                result = target(**args)
                repr(result)   # what a notebook shows of it must work too
                err = None
            except _Timeout:
                return f"took longer than {TIME_LIMIT} s"
            except MemoryError:
                return (f"tried to allocate more than {MEMORY_LIMIT / 2**20:.0f} MB "
                        "(MemoryError under the address-space cap)")
            except Exception as e:   # noqa: BLE001 - judged below
                err = e
        _, peak = tracemalloc.get_traced_memory() if trace else (0, 0)
    finally:
        tracemalloc.stop()
        with contextlib.suppress(Exception):
            _cleanup(result)
    stray = [w for w in caught if not issubclass(w.category, DivergenceWarning)]
    if stray:
        w = stray[0]
        return f"warned {w.category.__name__}: {str(w.message)[:120]} ({Path(w.filename).name}:{w.lineno})"
    if peak > MEMORY_LIMIT:
        return f"tried to allocate {peak / 2**20:.0f} MB (limit {MEMORY_LIMIT / 2**20:.0f} MB)"
    if err is None:
        return None
    where = traceback.extract_tb(err.__traceback__)[-1]
    site = f"{Path(where.filename).name}:{where.lineno}"
    text = str(err).replace("\n", " ")[:160]
    # checks.agree exists to stop a notebook when two valid numbers differ: its AssertionError
    # on numbers that disagree is its answer, not a crash. Anything else must be clear input
    # errors.
    agreed = (isinstance(err, AssertionError) and getattr(target, "__name__", "") == "agree"
              and " differ by " in text)
    if not isinstance(err, (ValueError, TypeError)) and not agreed:
        return f"raised {type(err).__name__} at {site}: {text}"
    if agreed:
        return None
    if not _raised_in_nnviz(err):
        return f"{type(err).__name__} from outside nnviz at {site}: {text}"
    if param is not None and not _names(str(err), param):
        return f"{type(err).__name__} does not name {param!r}: {text}"
    return None


def _run_table(make_target, params, good, trace=True):
    """Every bad value at every parameter; the list of calls that misbehaved.

    The object whose method is called, and the good arguments, are made once per table
    (drawers and explorers cost tens of milliseconds each); everything is closed after it.
    """
    failures = []
    target = make_target()
    owner = getattr(target, "__self__", None)
    made = good
    try:
        with matplotlib.rc_context(), contextlib.ExitStack() as stack:
            good = _realise(made)
            kept = plt.get_fignums()
            successes = 0
            base = _attempt(target, good, None, trace)
            if base is not None:
                return [f"the good call itself fails: {base}"]
            if not trace:
                stack.enter_context(_explorers_without_pixels())
            for param in params:
                for label, value in BAD_VALUES:
                    why = _attempt(target, {**good, param: value}, param, trace)
                    if why is not None:
                        failures.append(f"{param}={label}: {why}")
                    for num in set(plt.get_fignums()) - set(kept):
                        plt.close(num)   # figures the call made; the shared Axes stay
                    successes += why is None
                    if successes % RENEW_EVERY == RENEW_EVERY - 1 and why is None:
                        # A shared Axes that keeps every drawing slows each next call
                        # (legends, limits): a new one every few calls that drew.
                        plt.close("all")
                        good = _realise(made)
                        kept = plt.get_fignums()
    finally:
        if isinstance(owner, Explorer):
            owner.close()
        plt.close("all")
    return failures


@contextlib.contextmanager
def _explorers_without_pixels():
    """Explorers built from bad values skip rendering pixels (half the cost of building one).

    Everything else runs: the checks, the widgets, the figure's artists and ``update()``.
    The good call before the table draws for real, and tests/test_widgets_*.py draw each
    explorer and compare its pixels.
    """
    saved = Explorer.draw, Explorer._freeze_layout
    Explorer.draw = Explorer._freeze_layout = lambda self: None
    try:
        yield
    finally:
        Explorer.draw, Explorer._freeze_layout = saved


def _is_explorer(fn):
    """Explorers (widgets) are measured by the address-space cap alone: tracemalloc makes
    building one 3-4 times slower, and the table builds hundreds of them."""
    module = getattr(fn, "__module__", "") or ""
    return module.startswith("nnviz._widgets") or module == "nnviz.widgets" or (
        getattr(fn, "__name__", "") == "<lambda>" and "_explorer" in fn.__qualname__)


def _report(name, failures):
    return f"{name}: {len(failures)} calls misbehaved\n  " + "\n  ".join(failures)


@pytest.fixture(autouse=True)
def _fresh_progress():
    yield
    nnviz.checks.reset_progress()
    plt.close("all")


@pytest.mark.parametrize("qualname", sorted(CALLABLES))
def test_public_callable_rejects_bad_input_clearly(qualname):
    name, fn = CALLABLES[qualname]
    good = GOOD.get(name, {})
    params = _parameters(fn)
    if "ax" in params and "ax" not in good:
        # One Axes for the whole table: a new figure per call would cost more than the
        # call itself. ax=None (a new figure) is in the table like every other value.
        good = {**good, "ax": AX}
    failures = _run_table(lambda: fn, params, good, trace=not _is_explorer(fn))
    assert not failures, _report(qualname, failures)


@pytest.mark.parametrize("qualname", sorted(METHODS))
def test_public_method_rejects_bad_input_clearly(qualname):
    make_object, good = METHODS[qualname]
    method_name = qualname.split(".")[1]

    def make_target():
        return getattr(make_object(), method_name)

    params = _parameters(getattr(type(make_object()), method_name))
    failures = _run_table(make_target, params, good, trace=not _is_explorer(make_object))
    assert not failures, _report(qualname, failures)


def test_every_public_class_has_its_methods_listed():
    """A public class that gains a learner-facing method gets a row in METHODS (or GOOD)."""
    listed = {q.split(".")[0] for q in METHODS}
    for cls_name in ("Network", "Neuron"):
        cls = getattr(nnviz, cls_name)
        methods = {n for n, v in vars(cls).items() if inspect.isfunction(v) and not n.startswith("_")}
        methods -= {"copy"}  # takes no argument
        assert {f"{cls_name}.{m}" for m in methods} <= set(METHODS), cls_name
    assert {"NetworkDiagram", "LossBars", "XorPanel", "DescentExplorer"} <= listed


# --- named learner mistakes ----------------------------------------------------------------

def test_a_text_label_is_named_as_the_problem():
    """04 [36]: typing gender "F" instead of 1. The message names y, the "F" and where it is."""
    X, _ = nnviz.data.people()
    net = nnviz.Network([2, 2, 1], seed=0)
    for call in (lambda y: net.loss(X, y), lambda y: net.train(X, y, epochs=1),
                 lambda y: nnviz.mse(y, [0.5] * 4)):
        with pytest.raises(TypeError) as info:
            call([1, 0, 0, "F"])
        message = str(info.value)
        assert "'F'" in message and "position 3" in message, message
        assert "0 or 1" in message or "number" in message, message


def test_huge_sizes_are_refused_before_any_allocation():
    """n=10**9 or a layer of 10**9 neurons would take the kernel's memory: refused at once."""
    tracemalloc.start()
    with pytest.raises(ValueError, match=r"\bn\b.*at most"):
        nnviz.data.xor(n=10**9)
    with pytest.raises(ValueError, match=r"layer_sizes\[1\].*at most"):
        nnviz.Network([2, 10**9, 1])
    with pytest.raises(ValueError, match=r"epochs.*at most"):
        nnviz.Network([2, 1]).train([[0.0, 0.0]], [0.0], epochs=10**9)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 2**20, f"{peak} bytes allocated before refusing"


def test_not_an_axes_is_named():
    with pytest.raises(TypeError, match=r"ax must be a matplotlib Axes.*got 'abc' \(str\)"):
        nnviz.plots.activation_curves(ax="abc")
    fig = plt.figure()
    try:
        with pytest.raises(TypeError, match=r"ax must be a matplotlib Axes.*Figure"):
            nnviz.plots.people_plot(ax=fig)
    finally:
        plt.close(fig)


def test_the_table_holds_what_the_issue_lists():
    labels = {label for label, _ in BAD_VALUES}
    for needed in ("None", "text", "NaN", "inf", "-1", "empty list", "ragged list", "3-D array",
                   "10**9", "a layer of 10**9", "list with text 'F'"):
        assert needed in labels
    modules = {q.rsplit(".", 1)[0] for q in CALLABLES}
    assert {"nnviz", "nnviz.data", "nnviz.plots", "nnviz.widgets", "nnviz.checks"} <= modules
    assert len(CALLABLES) >= 60, sorted(CALLABLES)
