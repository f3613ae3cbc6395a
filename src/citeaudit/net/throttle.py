"""Per-host politeness: concurrency and spacing of request starts, and a global limit."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import threading
import time
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from citeaudit.config import HttpConfig
from citeaudit.net.deadline import Deadline, DeadlineExceeded

__all__ = ["DEFAULT_HOST_INTERVALS", "Throttle", "is_spaced", "off_interval"]

DEFAULT_HOST_INTERVALS: Mapping[str, float] = MappingProxyType(
    {"web.archive.org": 3.0, "archive.org": 3.0}
)
"""Seconds between requests to hosts with published limits, whatever config is used.

The Internet Archive allows its CDX server about 20 requests a minute and blocks
addresses that keep going through its 429s, so every session spaces requests to
it 3 s apart, not only sessions built for archive look-ups.  Keys match the host
and its subdomains; ``HttpConfig.host_intervals`` overrides them, and a larger
``per_host_interval`` still wins.
"""

_WAKE_SLACK = 0.005
"""How much sooner than ``interval`` after the previous actual start a request to the
same host may go, when the previous one went late: never more than a tenth of the
interval (see :meth:`Throttle.acquire`)."""

# --- politeness ------------------------------------------------------------------------------


class _HostGate:
    def __init__(self, concurrency: int, interval: float) -> None:
        self.slots = threading.BoundedSemaphore(concurrency)
        self.interval = interval
        """:meth:`Throttle.interval` of the host, worked out once (the config is frozen)."""
        self.next_start = 0.0
        """The start time the next spaced request may reserve."""
        self.last_start = float("-inf")
        """When the last spaced request actually went out."""
        self.paused_until = 0.0
        """The host asked us (``Retry-After``) to send nothing before this."""


class Throttle:
    """Per-host concurrency and start interval, and a global concurrency limit."""

    def __init__(self, config: HttpConfig) -> None:
        self._config = config
        self._gates: dict[str, _HostGate] = {}
        self._lock = threading.Lock()
        self._global = threading.BoundedSemaphore(config.global_concurrency)
        self.sent = 0
        self._waiters: dict[int, collections.deque[tuple[asyncio.AbstractEventLoop, Any]]] = {}
        """Coroutines waiting for a slot, by semaphore (see :meth:`acquire_async`)."""
        """Requests that got their turn (each attempt, retries and probes included)."""

    def interval(self, host: str) -> float:
        """Seconds between request starts to ``host``: the user's setting, else the defaults."""
        general = self._config.per_host_interval
        mine = _by_domain(self._config.host_intervals, host)
        if mine is not None:
            return mine
        default = _by_domain(DEFAULT_HOST_INTERVALS, host)
        return general if default is None else max(default, general)

    def _gate(self, host: str) -> _HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = _HostGate(
                    self._config.per_host_concurrency, self.interval(host)
                )
            return gate

    def acquire(self, host: str, deadline: Deadline, *, spaced: bool = True) -> _HostGate:
        """Wait for ``host``'s interval (if ``spaced``), then a slot on it and a global slot.

        A spaced request first reserves its start time and sleeps until then
        holding no slot, so requests waiting their turn do not count against the
        concurrency limits meant for requests in flight.  Once it holds its slots
        it checks again against the last request that really went out, so the
        interval holds between actual starts however the waits interleave, less
        a slack of a few milliseconds: a thread that wakes a little late (the
        GIL, the scheduler) then does not push back every later request to the
        host.  Without it the lateness adds up over a host's queue, about 1 ms a
        request on a busy machine; with it the starts follow the reserved
        schedule, so a host still gets one request per interval on average.
        """
        gate = self._gate(host)
        interval = gate.interval if spaced else 0.0
        if spaced:
            _sleep_until(self._reserve(gate, interval), deadline, host)
        _wait_for(gate.slots, deadline, f"a slot on {host}")
        try:
            _wait_for(self._global, deadline, "a connection slot")
            try:
                while (due := self._turn(gate, interval, spaced)) is not None:
                    _sleep_until(due, deadline, host)
            except BaseException:
                self.give_back(self._global)
                raise
        except BaseException:
            self.give_back(gate.slots)
            raise
        return gate

    async def acquire_async(
        self, host: str, deadline: Deadline, *, spaced: bool = True
    ) -> _HostGate:
        """:meth:`acquire` for a coroutine: the same reservations, slots and checks, awaited.

        It shares the gates with :meth:`acquire`, so requests of the bulk client
        and of the requests path (an audit's archive look-ups) keep one interval
        and one set of limits per host.  ``deadline`` is anything with
        ``started``, ``expired`` and ``remaining()``.
        """
        gate = self._gate(host)
        interval = gate.interval if spaced else 0.0
        if spaced:
            await _sleep_until_async(self._reserve(gate, interval), deadline, host)
        await _wait_for_async(self, gate.slots, deadline, f"a slot on {host}")
        try:
            await _wait_for_async(self, self._global, deadline, "a connection slot")
            try:
                while (due := self._turn(gate, interval, spaced)) is not None:
                    await _sleep_until_async(due, deadline, host)
            except BaseException:
                self.give_back(self._global)
                raise
        except BaseException:
            self.give_back(gate.slots)
            raise
        return gate

    def _reserve(self, gate: _HostGate, interval: float) -> float:
        """Reserve the host's next start time (the one after the last reserved)."""
        with self._lock:
            start = max(time.monotonic(), gate.next_start, gate.paused_until)
            gate.next_start = start + interval
            return start

    def _turn(self, gate: _HostGate, interval: float, spaced: bool) -> float | None:
        """``None`` and the start recorded if the request may go now, else when it may."""
        slack = min(_WAKE_SLACK, interval / 10)
        with self._lock:
            now = time.monotonic()
            due = max(gate.paused_until, gate.last_start + interval - slack if spaced else 0.0)
            if now < due:
                return due
            if spaced:
                gate.last_start = now
            self.sent += 1
            return None

    def release(self, gate: _HostGate) -> None:
        self.give_back(self._global)
        self.give_back(gate.slots)

    def give_back(self, slots: threading.BoundedSemaphore) -> None:
        """Return a slot of ``slots``: to the first coroutine waiting for it, else to the pool.

        On the waiters' own loop the slot is handed over directly, first come first
        served, so a request that just arrived cannot take it from one that has
        waited (a redirect's next hop, say, while its deadline runs).  From
        another thread it goes back to the semaphore and the first waiter is
        told to try again.
        """
        if self._waiters:
            try:
                here = asyncio.get_running_loop()
            except RuntimeError:
                here = None
            with self._lock:
                waiting = self._waiters.get(id(slots))
                while waiting:
                    loop, waiter = waiting.popleft()
                    if waiter.done():
                        continue  # it gave up or looked again by itself
                    if loop is here:
                        waiter.set_result(True)  # handed over: the semaphore is not released
                        return
                    break
                else:
                    waiter = None
            slots.release()
            if waiter is not None:
                with contextlib.suppress(RuntimeError):  # its loop has closed: nobody waits
                    loop.call_soon_threadsafe(_wake, loop, waiter)
            return
        slots.release()

    def pause_host(self, host: str, seconds: float) -> None:
        """Hold back every request to ``host`` for ``seconds`` (it asked us to slow down)."""
        gate = self._gate(host)
        with self._lock:
            gate.paused_until = max(gate.paused_until, time.monotonic() + seconds)


def _sleep_until(moment: float, deadline: Deadline, host: str) -> None:
    wait = moment - time.monotonic()
    if wait <= 0:
        return
    if deadline.started and wait > deadline.remaining():
        raise DeadlineExceeded(f"deadline passed waiting for {host}'s interval")
    deadline.sleep(wait, f"{host}'s interval")


async def _sleep_until_async(moment: float, deadline: Deadline, host: str) -> None:
    wait = moment - time.monotonic()
    if wait <= 0:
        return
    if deadline.started and wait > deadline.remaining():
        raise DeadlineExceeded(f"deadline passed waiting for {host}'s interval")
    await asyncio.sleep(wait)


_AWAKE_SLICE = 0.25
"""Longest wait of a coroutine for a slot between two looks at its deadline."""


async def _wait_for_async(
    throttle: Throttle, slots: threading.BoundedSemaphore, deadline: Deadline, what: str
) -> None:
    loop = asyncio.get_running_loop()
    while True:
        with throttle._lock:
            if slots.acquire(blocking=False):
                return
            # Given the slot by give_back() (True), or told to look again (False).
            waiter = loop.create_future()
            throttle._waiters.setdefault(id(slots), collections.deque()).append((loop, waiter))
        if deadline.expired or (deadline.started and deadline.remaining() <= 0):
            waiter.cancel()
            passed = "stopped" if deadline.expired else "deadline passed"
            raise DeadlineExceeded(f"{passed} while waiting for {what}")
        # A plain timer, not asyncio.wait (a task and callbacks per wait).
        timer = loop.call_later(
            min(_AWAKE_SLICE, max(0.001, deadline.remaining())), _wake, loop, waiter
        )
        try:
            granted = await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled() and waiter.result():
                throttle.give_back(slots)  # handed over as the task was being cancelled
            raise
        finally:
            timer.cancel()
        if granted:
            return


def _wake(loop: asyncio.AbstractEventLoop, waiter: asyncio.Future[bool]) -> None:
    """Tell a waiting coroutine to look at the semaphore again."""
    if not waiter.done():
        waiter.set_result(False)


def _by_domain(table: Mapping[str, float], host: str) -> float | None:
    """The value for ``host`` or its nearest parent domain in ``table``."""
    parts = host.split(".")
    for i in range(len(parts)):
        value = table.get(".".join(parts[i:]))
        if value is not None:
            return value
    return None


_local = threading.local()


@contextlib.contextmanager
def off_interval() -> Iterator[None]:
    """Requests made in this block (this thread) skip the per-host interval.

    They still take a per-host and a global concurrency slot, back off on 429
    and honour a host's ``Retry-After`` pause.  For a bounded few extra requests
    that should not push a host's real URLs back, e.g. the link checker's one
    made-up URL per site folder.
    """
    before = getattr(_local, "unspaced", False)
    _local.unspaced = True
    try:
        yield
    finally:
        _local.unspaced = before


def _wait_for(slots: threading.BoundedSemaphore, deadline: Deadline, what: str) -> None:
    while not slots.acquire(timeout=min(0.25, max(0.0, deadline.remaining()))):
        if deadline.expired:
            raise DeadlineExceeded(f"stopped while waiting for {what}")
        if deadline.started and deadline.remaining() <= 0:
            raise DeadlineExceeded(f"deadline passed waiting for {what}")




def is_spaced() -> bool:
    """Whether requests of this thread keep the per-host interval (not in :func:`off_interval`)."""
    return not getattr(_local, "unspaced", False)
