r"""Exercise checkers: instant, friendly feedback on a learner's answer.

A check cell names its exercise and nothing else::

    checks.check("02.4")      # reads my_answer and judges it

:func:`check` reads the notebook variable the exercise asks for and judges it with what
``nnviz/_answers.py`` holds for that exercise (the expected number, the reference function and
its cases, the accepted option, the hint), so no answer is visible in the notebook, a slide or
a student edition. Exercises answered with sliders or the playground (01.3, 03.4, 04.4, 07.4)
save the state that passed in the notebook, for the grader (``nnviz.grade``).

Every checker takes an exercise id (``"<notebook>.<number>"``, such as ``"01.2"``), looks
at the learner's answer, and returns a :class:`CheckResult` that Jupyter shows as a green
✓ or an orange "Not yet" box with what is wrong and a hint. A checker never lets an error
from the learner's code escape: exceptions, ``None``, ``...``, NaN and wrong shapes are all
reported in words, so an unsolved exercise never stops the notebook. The checkers listed
below (``nnviz/_checkers.py``) are the building blocks :func:`check` calls, and can be used
directly::

    import nnviz
    from nnviz import checks

    checks.check_function("02.1", my_sigmoid, reference=nnviz.sigmoid,
                           cases=[0, 2, -3, 10], hint="Use np.exp(-z).")
    checks.check_number("01.2", my_guess, expected=7, hint="Multiply, add up, add b.")
    checks.check_choice("02.3", my_answer, correct="b",
                        options={"a": "sigmoid", "b": "ReLU", "c": "tanh"})
    checks.check_network("03.3", explorer, X, y)   # all XOR points right?
    checks.progress()                     # what has been tried and passed

This module is the public face of the exercises layer, built in one direction:
the result type (``nnviz/_result.py``: :class:`CheckResult`) <- the self-study progress store
(``nnviz/_progress.py``: :func:`progress`, :func:`report`, :func:`reset_progress`) <- the
checkers (``nnviz/_checkers.py``: ``check_*``, :func:`named`, :func:`agree`) <- what each
exercise expects (``nnviz/_answers.py``) <- :func:`check` (here). Introduced in notebook 00,
used by the check cells of every notebook; the grader (``python -m nnviz.grade``) judges with
the same pieces.

Checkers
--------
``check_function(exercise, fn, reference, cases, *, hint=None, tol=1e-6, arg_names=None)``
    Calls ``fn`` and ``reference`` on every case and compares; shows the first wrong case
    (input, expected, got). A case that is a ``tuple`` is unpacked into several arguments
    (``cases=[([0, 1], [2, 3], 4)]`` calls ``fn([0, 1], [2, 3], 4)``); anything else is one
    argument. To pass one tuple as a single argument, wrap it: ``((1, 2),)``.
``check_number(exercise, value, expected, *, tol=1e-3, relative=False, hint=None, name="your answer")``
    For "predict a number" (or an array of numbers) before running the code.
``check_choice(exercise, answer, correct, *, options=None, explanations=None, hint=None)``
    For multiple choice; ``correct`` is one option key or a collection of accepted keys;
    ``explanations`` maps a wrong option to why it is wrong. Case and spaces are ignored.
``check_network(exercise, model, X, y, *, threshold=0.5, activation="sigmoid", hint=None, labels=None)``
    For "find weights with the sliders": passes when every point in ``X`` lands on the right
    side of ``threshold``. ``model`` may be an ``nnviz.Network`` or ``nnviz.Neuron``, an
    explorer from ``nnviz.widgets`` (anything with a ``.network`` or ``.neuron`` attribute),
    a list of parameters ``[W1, b1, W2, b2]`` or a function ``X -> outputs``.
``check_true(exercise, condition, *, success, failure, hint=None)``
    For a condition the notebook computes itself, such as "your loss went down".

Each returns a :class:`CheckResult` with ``.passed`` (also its truth value), ``.message``,
``.hint``, HTML for Jupyter (``_repr_html_``) and plain text (``repr``).

Our own maths
-------------
``agree(name, mine, theirs, tol=1e-9)`` checks that the notebook's by-hand numpy agrees with
nnviz (or with a number from the curriculum). It prints ``✓ name: ...`` and returns ``None``
when they agree within ``tol`` (absolute, element-wise), and raises ``AssertionError`` when they
do not: that is a bug in our notebook or in nnviz, not the learner's mistake, so it should
fail the run.

Progress
--------
Each checker records its result per exercise id, in this kernel and in a small file
beside the notebooks (``.nnviz-progress.json`` in the kernel's folder; set the environment
variable ``NNVIZ_PROGRESS_FILE`` to another path, or to ``off``), so progress survives a
kernel restart and a new session; several kernels may write it at once. A check of the
untouched template (``None``, a stub) is no attempt, and a pass is never undone. Progress is
self-reported (the learner's kernel writes it): marks come from ``python -m nnviz.grade``. ``progress()`` returns a :class:`Progress` summary of the
whole series (passed, not yet, untried: every exercise of :data:`EXERCISES`);
``progress("01")`` keeps only notebook 01. ``report("Your Name", "report.html")`` (or
``.json``) writes a file to hand in with the name, the date and each exercise's status.
``reset_progress()`` forgets everything.

Answers by name
---------------
``checks.check_number("01.1", checks.named("my_z"), ...)`` looks ``my_z`` up when the check
runs: if the learner has not run the cell that defines it, the check says "not yet" and which
cell to run, instead of stopping with a NameError. ``check_function`` and ``check_network``
also take the plain name as a string, and ``check_true`` takes a function (``lambda: ...``)
that is evaluated inside the check.

This module needs numpy only: it imports neither matplotlib nor IPython.
"""
from __future__ import annotations

from . import _answers
from ._checkers import (Undefined, agree, check_choice, check_function, check_network, check_number,
                        check_true, named, not_defined, resolve)
from ._progress import (EXERCISES, PROGRESS_ENV, PROGRESS_FILE, SELF_REPORTED, Progress, progress,
                        progress_path, report, reset_progress)
from ._result import CheckResult

__all__ = [
    "CheckResult", "Progress", "agree", "check", "check_choice", "check_function", "check_network",
    "check_number", "check_true", "named", "progress", "progress_path", "report",
    "reset_progress", "EXERCISES", "PROGRESS_ENV", "PROGRESS_FILE", "SELF_REPORTED",
]

# --- an exercise by its id -------------------------------------------------------------

_NOT_GIVEN = object()


def check(exercise, answer=_NOT_GIVEN):
    """Check the learner's answer to ``exercise``: the check cell names the exercise, nothing else.

    ``checks.check("02.4")`` reads the notebook variable the exercise asks for (here
    ``my_answer``) when the check runs, and judges it with what :mod:`nnviz._answers` holds for
    02.4 (the accepted option, the reference function and its cases, the expected number, the
    hint), so the answer is not in the check cell. ``answer`` passes the value instead of
    reading the variable. Exercises answered with sliders or the playground (01.3, 03.4, 04.4,
    07.4) save the state that passed in the notebook, for the grader.
    """
    spec = _answers.answer_for(exercise)
    if answer is _NOT_GIVEN:
        answer = named(spec.name)
    elif isinstance(answer, str) and spec.kind in ("function", "model") and answer.isidentifier():
        answer = named(answer)
    try:
        value = resolve(answer)
    except Undefined as missing:
        return not_defined(spec.exercise, str(missing), spec.spec().get("hint"))
    return spec.judge(value)

