"""Progress of a long command on standard error: bars on a terminal, plain lines in logs.

On a terminal, a live bar per stage (links, archive, claims…).  Anywhere else
(CI, cron, a pipe) one plain line every few seconds while something moves,
and at least once a minute while nothing does, so a log never goes silent for
the length of a run.  ``--quiet`` silences both, and so does running as a
pre-commit hook (``PRE_COMMIT`` set).  Standard output, where the
report goes, is never touched.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO

PLAIN_INTERVAL = 5.0
"""Seconds between two plain progress lines while something moves."""
HEARTBEAT = 60.0
"""Seconds after which a plain line is written even if nothing moved."""


class Tracker(Protocol):
    """What a command tells about its progress."""

    def update(self, stage: str, done: int, total: int | None) -> None:
        """``done`` of ``total`` items of ``stage`` are finished (``total`` may be unknown)."""


class _Silent:
    def update(self, stage: str, done: int, total: int | None) -> None:
        pass


class PlainLines:
    """Progress as a line of text now and then (for logs); safe to update from any thread."""

    def __init__(
        self, stream: TextIO, *, interval: float = PLAIN_INTERVAL,
        heartbeat: float = HEARTBEAT, clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.interval = interval
        self.heartbeat = heartbeat
        self.clock = clock
        self.started = clock()
        self._lock = threading.Lock()
        self._stages: dict[str, tuple[int, int | None]] = {}
        self._shown: dict[str, tuple[int, int | None]] = {}
        self._last = self.started

    def update(self, stage: str, done: int, total: int | None) -> None:
        with self._lock:
            self._stages[stage] = (done, total)

    def tick(self) -> None:
        """Write a line if it is time to: something moved, or a heartbeat is due."""
        with self._lock:
            now = self.clock()
            moved = self._stages != self._shown
            if not self._stages or now - self._last < (self.interval if moved else self.heartbeat):
                return
            self._write(now)

    def finish(self) -> None:
        """The last line, if the lines shown so far do not already say it."""
        with self._lock:
            if self._stages and self._stages != self._shown:
                self._write(self.clock())

    def line(self, now: float | None = None) -> str:
        """The progress line as it stands."""
        parts = [
            f"{stage} {done}/{total}" if total is not None else f"{stage} {done}"
            for stage, (done, total) in self._stages.items()
        ]
        elapsed = (self.clock() if now is None else now) - self.started
        return f"citeaudit: {', '.join(parts)} ({elapsed:.0f} s)"

    def _write(self, now: float) -> None:
        try:
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()
        except (OSError, ValueError):  # stderr closed: progress is not worth failing for
            pass
        self._shown = dict(self._stages)
        self._last = now


@contextmanager
def progress(quiet: bool = False, *, stream: TextIO | None = None) -> Iterator[Tracker]:
    """A :class:`Tracker` for the command's standard error, closed when the block ends.

    Start it after the worker processes exist: bars and plain lines each run
    a thread, and workers are forked only while no other thread runs.
    """
    stream = stream if stream is not None else sys.stderr
    # pre-commit shows a hook's output only when it fails: progress there is noise.
    if quiet or stream is None or os.environ.get("PRE_COMMIT"):
        yield _Silent()
        return
    if _is_terminal(stream):
        with _bars(stream) as bars:
            yield bars
        return
    lines = PlainLines(stream)
    stop = threading.Event()

    def ticker() -> None:
        while not stop.wait(1.0):
            lines.tick()

    thread = threading.Thread(target=ticker, name="citeaudit-progress", daemon=True)
    thread.start()
    try:
        yield lines
    finally:
        stop.set()
        thread.join(5)
        lines.finish()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def _bars(stream: TextIO) -> Iterator[Tracker]:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    with Progress(console=Console(file=stream), transient=True) as bars:
        tasks: dict[str, TaskID] = {}
        lock = threading.Lock()

        class _Bars:
            def update(self, stage: str, done: int, total: int | None) -> None:
                with lock:
                    if stage not in tasks:
                        tasks[stage] = bars.add_task(f"checking {stage}", total=total)
                bars.update(tasks[stage], completed=done, total=total)

        yield _Bars()
