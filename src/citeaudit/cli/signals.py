"""Ctrl-C and SIGTERM: the first stops the run and keeps its partial report, the second quits.

``timeout``, cron, systemd and CI stop a job with SIGTERM, a person with
Ctrl-C (SIGINT); both mean "stop now, tell me what you have".  So SIGTERM is
raised in the main thread as :class:`Terminated`, a ``KeyboardInterrupt``:
every place that turns Ctrl-C into a partial report handles it the same way.
A second signal while the first is being handled exits at once, with the
status of the first, without waiting for anything.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: handled exactly like Ctrl-C, but reported as 143."""


STATUS = {signal.SIGINT: 130, signal.SIGTERM: 143}
"""The conventional exit status of a process stopped by each signal (128 + its number)."""


class _State:
    """Which signal stopped the run, once one has."""

    received: signal.Signals | None = None


def interrupt_status(exc: KeyboardInterrupt | None = None) -> int:
    """130 for Ctrl-C, 143 for SIGTERM: the signal received, else the exception's kind."""
    if _State.received is not None:
        return STATUS[_State.received]
    return STATUS[signal.SIGTERM] if isinstance(exc, Terminated) else STATUS[signal.SIGINT]


def _handle(signum: int, _frame: FrameType | None) -> None:
    if _State.received is not None:
        # The second signal: the user will not wait for a clean stop.
        sys.stderr.write("citeaudit: stopped\n")
        sys.stderr.flush()
        _stop_workers()
        os._exit(STATUS[_State.received])
    _State.received = signal.Signals(signum)
    # The workers are disposable: killing them lets the pool shut down now instead of
    # after the pages they are reading (a 50 MB page can take many seconds).
    _stop_workers()
    if signum == signal.SIGTERM:
        raise Terminated
    raise KeyboardInterrupt


def _stop_workers() -> None:
    # Only if an audit loaded them: importing the verification stack here would be slow.
    workers = sys.modules.get("citeaudit.workers")
    if workers is not None:
        workers.stop_all()


@contextmanager
def handled() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise in the main thread; restored after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _State.received = None
    previous = {sig: signal.signal(sig, _handle) for sig in STATUS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _State.received = None
