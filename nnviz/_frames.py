"""The frame loop every animating explorer shares (the playground, the descent explorer).

``FrameLoop(frame, fps=20)`` calls ``frame()`` again and again, aiming at ``fps`` calls a
second, until ``frame()`` returns False or :meth:`FrameLoop.stop` is called, without
blocking the kernel, so buttons and sliders keep working while it runs. Where it runs:

* ``"asyncio"``: inside a running asyncio loop (Jupyter's kernel runs one): a task that
  awaits between frames, so the kernel handles clicks in between;
* ``"thread"``: anywhere else (a script, a test), a daemon thread;
* ``"browser"``: a browser kernel without threads (Pyodide in JupyterLite, where
  ``threading.Thread.start`` fails): a task on the event loop, which Pyodide runs on the
  browser's own event loop.

Each :meth:`start` gets its own token: a runner from an earlier start that is still inside
its frame sees a newer token and ends, so two runners never call ``frame`` side by side.
No widgets and no matplotlib here: explorers pass their own ``frame`` and ``on_stop``.
"""
from __future__ import annotations

import asyncio
import threading
import time

from ._validate import positive_number

#: How the loop runs, as :meth:`FrameLoop.start` returns it.
MODES = ("asyncio", "thread", "browser")


class FrameLoop:
    """Call ``frame()`` about ``fps`` times a second until it returns False or ``stop()``.

    ``on_stop()`` is called once when a run ends (the last frame drawn, a button relabelled).
    ``mode`` says where the last run ran (see the module docstring); ``runner`` is its
    thread or task.
    """

    def __init__(self, frame, fps=20.0, on_stop=None):
        if not callable(frame):
            raise TypeError(f"frame must be a function, got {type(frame).__name__}.")
        self.frame = frame
        self.fps = positive_number(fps, "fps")
        self.on_stop = on_stop
        self.mode = None
        self.runner = None
        self._token = None
        self.frames = 0             # frames run since the last start

    @property
    def running(self) -> bool:
        """True from ``start`` until the loop ends or ``stop`` is called."""
        return self._token is not None

    def start(self) -> str:
        """Start running frames (nothing happens if already running); returns the mode."""
        if self.running:
            return self.mode
        self._token = token = object()
        self.frames = 0
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            self.mode, self.runner = "asyncio", loop.create_task(self._run_async(token))
            return self.mode
        thread = threading.Thread(target=self._run_thread, args=(token,), daemon=True,
                                  name="nnviz-frames")
        try:
            thread.start()
        except RuntimeError:
            # No threads (Pyodide): the event loop runs on the browser's, even when no Python
            # code is awaiting it at this moment.
            loop = asyncio.get_event_loop_policy().get_event_loop()
            self.mode, self.runner = "browser", loop.create_task(self._run_async(token))
        else:
            self.mode, self.runner = "thread", thread
        return self.mode

    def stop(self):
        """Stop after the current frame."""
        self._token = None

    def join(self, timeout=None):
        """Wait for a thread runner to end (for scripts and tests); True when it has."""
        if isinstance(self.runner, threading.Thread):
            self.runner.join(timeout)
            return not self.runner.is_alive()
        return self.runner is None or self.runner.done()

    # --- the two runners ---------------------------------------------------------------------
    def _step(self, token):
        """One frame; returns the seconds to wait before the next, or None to end."""
        if self._token is not token:
            return None
        started = time.perf_counter()
        keep_going = self.frame()
        self.frames += 1
        if keep_going is False:
            if self._token is token:
                self._token = None
            return None
        return max(0.001, 1.0 / self.fps - (time.perf_counter() - started))

    def _finish(self, token):
        if self._token is token:
            self._token = None
        if self.on_stop is not None and self._token is None:
            self.on_stop()

    async def _run_async(self, token):
        try:
            while (wait := self._step(token)) is not None:
                await asyncio.sleep(wait)     # the kernel handles clicks and canvas messages here
        finally:
            self._finish(token)

    def _run_thread(self, token):
        try:
            while (wait := self._step(token)) is not None:
                time.sleep(wait)
        finally:
            self._finish(token)
