"""nnviz._frames.FrameLoop: frames in a thread, in an asyncio loop, and without threads (Pyodide)."""
import asyncio
import threading
import time

import pytest

from nnviz._frames import FrameLoop


class Counter:
    """A frame that counts, records its thread, and ends itself after ``last`` frames."""

    def __init__(self, last=None):
        self.count, self.last, self.threads, self.stopped = 0, last, set(), 0

    def frame(self):
        self.count += 1
        self.threads.add(threading.get_ident())
        return self.last is None or self.count < self.last

    def on_stop(self):
        self.stopped += 1


def test_outside_an_event_loop_frames_run_in_a_thread():
    c = Counter(last=5)
    loop = FrameLoop(c.frame, fps=200, on_stop=c.on_stop)
    assert loop.start() == "thread"
    assert loop.join(timeout=10)
    assert c.count == 5 and c.stopped == 1 and not loop.running
    assert c.threads and threading.get_ident() not in c.threads


def test_stop_ends_a_thread_after_the_current_frame():
    c = Counter()
    loop = FrameLoop(c.frame, fps=100, on_stop=c.on_stop)
    loop.start()
    deadline = time.time() + 10
    while c.count < 3 and time.time() < deadline:
        time.sleep(0.01)
    loop.stop()
    assert loop.join(timeout=10)
    stopped_at = c.count
    time.sleep(0.05)
    assert c.count == stopped_at >= 3 and c.stopped == 1


def test_in_a_running_asyncio_loop_frames_are_tasks_and_the_loop_stays_free():
    c = Counter()

    async def session():
        loop = FrameLoop(c.frame, fps=50, on_stop=c.on_stop)
        assert loop.start() == "asyncio"
        ticks = 0
        for _ in range(20):                 # other work runs between frames
            await asyncio.sleep(0.01)
            ticks += 1
        loop.stop()
        await asyncio.sleep(0.05)
        return loop, ticks

    loop, ticks = asyncio.run(session())
    assert ticks == 20 and c.count >= 3 and c.stopped == 1
    assert c.threads == {threading.get_ident()}       # no thread: the kernel's own loop
    assert loop.runner.done()


def test_without_threads_frames_run_on_the_event_loop(monkeypatch):
    # Pyodide (JupyterLite): threading.Thread.start raises, and no loop is running when a
    # button's callback calls start(); the browser runs the event loop afterwards.
    def no_threads(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_threads)
    event_loop = asyncio.new_event_loop()
    asyncio.set_event_loop(event_loop)
    try:
        c = Counter(last=4)
        loop = FrameLoop(c.frame, fps=200, on_stop=c.on_stop)
        assert loop.start() == "browser"
        event_loop.run_until_complete(asyncio.sleep(0.3))
        assert c.count == 4 and c.stopped == 1 and loop.runner.done()
    finally:
        asyncio.set_event_loop(None)
        event_loop.close()


def test_start_again_runs_one_runner_at_a_time():
    c = Counter()
    loop = FrameLoop(c.frame, fps=100, on_stop=c.on_stop)
    loop.start()
    first = loop.runner
    loop.stop()
    loop.start()                         # at once: the first runner may still be in its frame
    second = loop.runner
    time.sleep(0.1)
    loop.stop()
    assert first.join(10) is None and second.join(10) is None
    assert first is not second and not first.is_alive() and not second.is_alive()
    assert c.stopped >= 1


@pytest.mark.parametrize("frame, fps, error", [(None, 20, TypeError), (print, 0, ValueError),
                                               (print, float("nan"), ValueError), (print, "20", TypeError)])
def test_bad_arguments(frame, fps, error):
    with pytest.raises(error):
        FrameLoop(frame, fps=fps)
