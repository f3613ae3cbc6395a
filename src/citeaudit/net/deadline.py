"""The total deadline of one call and the watchdog that enforces it.

A call's budget (retries and redirects included) starts when it first gets its
turn with the host.  One daemon thread shuts down the sockets of every call
whose deadline passed, so a slow drip or a server that never finishes its
headers cannot outlive it.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time

import requests

__all__ = [
    "Deadline",
    "DeadlineExceeded",
    "current_deadline",
    "enter_deadline",
    "leave_deadline",
]


class DeadlineExceeded(requests.exceptions.Timeout):
    """The total deadline of one call (retries and redirects included) ran out."""


# --- deadlines -------------------------------------------------------------------------------


_WAIT_SLICE = 0.25
"""Longest sleep between two looks at whether a waiting call was stopped."""


class Deadline:
    """The time budget of one call and the sockets it is using."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = float("inf")
        self.started = False
        self.expired = False
        self.finished = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the clock: the first time the call gets its turn with the host.

        Waiting in the politeness queue does not count, so a slow host's queue
        does not time out the calls behind it before they are even sent.
        """
        if not self.started:
            self.started = True
            self.at = time.monotonic() + self.seconds
            _WATCHDOG.watch(self)

    def remaining(self) -> float:
        return self.at - time.monotonic() if self.started else self.seconds

    def adopt(self, sock: socket.socket | None) -> None:
        """Put ``sock`` under this deadline: it is shut down when the deadline passes."""
        if sock is None:
            return
        with self._lock:
            if self.expired:
                _shutdown(sock)
            elif not any(s is sock for s in self._sockets):
                self._sockets.append(sock)

    def sleep(self, seconds: float, what: str) -> None:
        """Wait ``seconds``, or until the call expires (Ctrl-C: ``abort``), which raises.

        In slices, as the throttle's slot waits are, so an interrupted run is not
        held for a whole ``Retry-After`` or host interval.
        """
        end = time.monotonic() + seconds
        while not self.expired:
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, _WAIT_SLICE))
        raise DeadlineExceeded(f"stopped while waiting for {what}")

    def expire(self) -> None:
        """Stop every socket of the call; blocked reads and waits return at once."""
        with self._lock:
            if self.finished:
                return
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)
            self._sockets.clear()

    def disown(self) -> None:
        """Forget the sockets of the finished exchange: they go back to the pool for others."""
        with self._lock:
            self._sockets.clear()

    def finish(self) -> None:
        with self._lock:
            self.finished = True
            self._sockets.clear()


def _shutdown(sock: socket.socket) -> None:
    # socket.socket.shutdown, not SSLSocket.shutdown: the latter tears down the TLS
    # object under a thread that may be reading from it.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watchdog:
    """One daemon thread that expires deadlines as they pass."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Deadline]] = []
        self._seq = itertools.count()
        self._thread: threading.Thread | None = None
        self._wake_at = float("-inf")
        """When the sleeping thread wakes by itself (``-inf`` while it is awake)."""

    def watch(self, deadline: Deadline) -> None:
        with self._cond:
            heapq.heappush(self._heap, (deadline.at, next(self._seq), deadline))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="citeaudit-deadlines", daemon=True
                )
                self._thread.start()
            # Deadlines of one length come in order: the sleeping thread's alarm already
            # rings before this one.  Waking it for each call costs a thread switch per
            # request, which on a busy link check is a good part of its CPU.
            if deadline.at < self._wake_at:
                self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    while self._heap and self._heap[0][2].finished:
                        heapq.heappop(self._heap)
                    now = time.monotonic()
                    if self._heap and self._heap[0][0] <= now:
                        deadline = heapq.heappop(self._heap)[2]
                        break
                    self._wake_at = self._heap[0][0] if self._heap else float("inf")
                    self._cond.wait(self._heap[0][0] - now if self._heap else None)
                    self._wake_at = float("-inf")
            deadline.expire()


_WATCHDOG = _Watchdog()
_local = threading.local()


def current_deadline() -> Deadline | None:
    return getattr(_local, "deadline", None)

def enter_deadline(seconds: float) -> Deadline:
    deadline = Deadline(seconds)
    _local.deadline = deadline
    return deadline


def leave_deadline(deadline: Deadline) -> None:
    deadline.finish()
    _local.deadline = None


