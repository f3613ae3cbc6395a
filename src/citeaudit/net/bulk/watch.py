"""One timer per exchange: the call's total deadline and the read-stall limit together.

An ``asyncio.timeout`` around every read costs a timer handle each (its
creation, a push on the loop's heap, a cancel and a later pop), and a link
check made about three of them per request.  A :class:`Watch` keeps a single
handle, due at the earlier of the call's deadline and the current read's
stall limit.  A read only records when it began (:meth:`Watch.reading`); when
the handle fires early because reads made progress since it was armed, it is
armed again for what is due now.  The guarantees stay those of a timeout per
read: a read that gets no byte within the limit is a stall, and nothing
outlives the deadline.
"""

from __future__ import annotations

import asyncio
import enum

__all__ = ["Fired", "Watch"]

_NEVER = float("inf")


class Fired(enum.Enum):
    """Why a :class:`Watch` stopped its exchange."""

    DEADLINE = "deadline"
    STALL = "stall"


class Watch:
    """The deadline ``at`` (the loop's clock) and a stall ``limit`` per read, for the current task.

    Made inside the task it guards.  When one of them passes, the task is
    cancelled and :attr:`fired` says which; :meth:`stopped` then tells that
    cancellation from one that came from elsewhere (as ``asyncio.timeout`` does).
    """

    __slots__ = ("_at", "_cancelling", "_handle", "_limit", "_loop", "_since", "_task", "_when",
                 "fired")

    def __init__(self, at: float, limit: float) -> None:
        self._loop = asyncio.get_running_loop()
        task = asyncio.current_task(self._loop)
        if task is None:
            raise RuntimeError("a Watch guards a task: make it inside one")
        self._task = task
        self._cancelling = task.cancelling()
        self._at = at
        self._limit = limit
        self._since = _NEVER
        """When the read under way began (never: no read under way, e.g. while connecting)."""
        self.fired: Fired | None = None
        # Armed for the first read's stall limit if that comes first: the reads that
        # follow start no earlier, so none of them has to arm the handle again.
        self._when = min(at, self._loop.time() + limit)
        self._handle: asyncio.TimerHandle | None = self._loop.call_at(self._when, self._fire)

    @property
    def limit(self) -> float:
        """Seconds a read may wait for its first byte."""
        return self._limit

    def reading(self) -> None:
        """A read begins now: it stalls if it gets nothing within :attr:`limit`."""
        since = self._loop.time()
        self._since = since
        due = since + self._limit
        if due < self._when and self._handle is not None:
            # Only when the handle was put off past this stall (a connect outlasted the
            # stall limit and it fired with no read under way).
            self._handle.cancel()
            self._arm(due)

    def pause(self) -> None:
        """No read under way (a new connection is being made, under its own timeout)."""
        self._since = _NEVER

    def stopped(self, exc: BaseException) -> Fired | None:
        """Why ``exc`` ended the exchange if this watch caused it (``None``: it did not).

        Call it with the exception that left the guarded block; a cancellation
        this watch made is then taken back from the task, so the caller raises
        its own error in its place.
        """
        if self.fired is None or not isinstance(exc, asyncio.CancelledError):
            return None
        if self._task.uncancel() > self._cancelling:
            return None  # someone else cancelled the task too: theirs wins
        return self.fired

    def close(self) -> None:
        """The exchange is over: the handle is dropped."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _arm(self, when: float) -> None:
        self._when = when
        self._handle = self._loop.call_at(when, self._fire)

    def _fire(self) -> None:
        due = min(self._at, self._since + self._limit)
        if due > self._when:
            self._arm(due)  # reads made progress since the handle was armed
            return
        self._handle = None
        self.fired = Fired.DEADLINE if self._at <= self._when else Fired.STALL
        self._task.cancel()
