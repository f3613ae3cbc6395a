"""Check cited URLs concurrently and politely, and say honestly what became of each.

Every unique URL is fetched once through the polite session of
:mod:`citeaudit.net` (on a live session, by the bulk client's coroutines; else
by a set of threads), read cheaply and classified (:mod:`citeaudit.links.one`);
an answer that could be a soft 404 waits for its folder's probe
(:mod:`citeaudit.links.soft404`) while its worker moves on.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import requests

from citeaudit.config import HttpConfig
from citeaudit.errors import ConfigError
from citeaudit.links.classify import Probe
from citeaudit.links.one import (
    Awaiting,
    bulk_probe_fetch,
    check_one,
    check_one_bulk,
    failed,
    probe_fetch,
)
from citeaudit.links.outcome import LinkResult
from citeaudit.links.soft404 import ProbeCache
from citeaudit.net.bulk import BulkClient, bulk_of
from citeaudit.net.deadline import DeadlineExceeded
from citeaudit.net.session import make_session

__all__ = ["check_links", "iter_check_links", "probe_fetch"]


_WAIT = object()
"""What :meth:`_Intake.take` says when no URL may start now but more may come."""


def _host(url: str) -> str:
    # Only a key for spreading work over hosts: a plain split is enough and five
    # times cheaper than urlsplit, which counts when thousands of URLs go by.
    return url.partition("//")[2].partition("/")[0].lower()


_REFILL_SHARE = 8
"""The intake takes more URLs once ``1 / _REFILL_SHARE`` of its places are free."""


class _Intake:
    """The check's URLs, taken from the caller's iterable only as places free up.

    At most ``limit`` URLs are *pending*: taken from the iterable and not yet
    handed back to the caller (the one the caller holds counts), so at most
    that many answered bodies wait in the check however slow the caller is.
    The iterable is read in the caller's thread only (:meth:`fill`), as the
    caller takes results: a generator over a database reads on its own thread.

    Taken URLs wait in a window, one queue per host; a worker takes the next
    URL round-robin over the hosts that have fewer than ``per_host`` URLs
    started and not finished.  A worker never picks a URL only to wait for its
    host's turn, so a slow host holds at most ``per_host`` workers while every
    other host's URLs in the window go ahead.  The window is the bound: a host
    whose URLs fill it (most of the input, in a row) sets the pace until the
    caller's iterable moves on to other hosts.
    """

    def __init__(self, urls: Iterable[str], limit: int, per_host: int) -> None:
        self._source = iter(urls)
        self._seen: set[str] = set()
        self.limit = limit
        self._refill = max(1, limit // _REFILL_SHARE)
        self._per_host = per_host
        self.pending = 0
        """URLs taken and not yet handed back (the caller's thread alone changes it)."""
        self.exhausted = False
        self.lock = threading.Lock()
        self._queued: dict[str, collections.deque[str]] = {}
        self._ready: dict[str, None] = {}
        """Hosts with a queued URL and a free place, in their turn's order (first goes next)."""
        self._started: dict[str, int] = {}
        self._closed = False
        self.wake: Callable[[int], None] = lambda n: None
        """Tells ``n`` waiting workers (``-1``: all) that they may find a URL now."""

    def fill(self) -> None:
        """Take URLs from the iterable until ``limit`` are pending or it ends (caller's thread).

        Only once an eighth of the places are free: each fill wakes the workers
        (on the bulk client, from another thread: a write to the loop's wake-up
        pipe), so taking URLs a few dozen at a time rather than one at a time
        saves most of those wake-ups while the window stays nearly full.
        """
        if self.exhausted or self.pending > self.limit - self._refill:
            return
        fresh: list[str] = []
        ended = False
        while self.pending + len(fresh) < self.limit:
            url = next(self._source, _WAIT)
            if url is _WAIT:
                ended = True
                break
            url = url.strip()  # type: ignore[union-attr]
            if url not in self._seen:
                self._seen.add(url)
                fresh.append(url)
        self.pending += len(fresh)
        with self.lock:
            self.exhausted = ended
            for url in fresh:
                host = _host(url)
                waiting = self._queued.get(host)
                if waiting is None:
                    waiting = self._queued[host] = collections.deque()
                waiting.append(url)
                if self._started.get(host, 0) < self._per_host:
                    self._ready.setdefault(host)
        if ended:
            self.wake(-1)  # workers with nothing left to take end now
        elif fresh:
            self.wake(len(fresh))

    def release(self) -> None:
        """The caller took one result back (caller's thread)."""
        self.pending -= 1

    def take(self) -> tuple[str, str] | object | None:
        """``(url, host)`` to check now, :data:`_WAIT`, or ``None`` once nothing is left."""
        with self.lock:
            return self.take_locked()

    def take_locked(self) -> tuple[str, str] | object | None:
        """:meth:`take` for a caller that holds :attr:`lock`."""
        if self._closed:
            return None
        if not self._ready:
            return None if self.exhausted and not self._queued else _WAIT
        host = next(iter(self._ready))
        del self._ready[host]
        waiting = self._queued[host]
        url = waiting.popleft()
        started = self._started.get(host, 0) + 1
        self._started[host] = started
        if not waiting:
            del self._queued[host]
        elif started < self._per_host:
            self._ready[host] = None  # to the back of the round
        return url, host

    def done(self, host: str) -> int:
        """A worker finished a URL of ``host``: how many waiting workers to wake (``-1``: all)."""
        with self.lock:
            left = self._started[host] - 1
            if left:
                self._started[host] = left
            else:
                del self._started[host]
            if host in self._queued and host not in self._ready:
                self._ready[host] = None
                return 1
            # Nothing left to take: the workers still waiting end.
            return -1 if self.exhausted and not self._queued else 0

    def close(self) -> None:
        """Hand out no more URLs; every waiting worker ends."""
        with self.lock:
            self._closed = True
        self.wake(-1)


_PROBE_WORKERS = 16
"""Threads asking made-up URLs; one per site folder at most, so a few suffice."""


_DONE = object()
"""A worker's last word on the results queue."""


def _collect(results: queue.SimpleQueue[Any], running: int) -> Iterator[LinkResult]:
    """Results as workers finish them; an answer waiting for its folder's probe follows the probe.

    ``running`` workers each end with :data:`_DONE`.
    """
    waiting: dict[concurrent.futures.Future[Probe], list[Awaiting]] = {}
    batch: list[Any] = []
    while running or waiting or batch:
        # The result yielded last turn is the caller's now: a local still naming it would keep
        # its body alive after the caller let go (one page over ``max_pending``).
        finished = None
        if not batch:
            got = results.get()
            # The bulk workers hand over what one turn of their loop finished, in a list.
            batch = got if isinstance(got, list) else [got]
            got = None  # holds no page past its turn
            batch.reverse()
        item = batch.pop()
        if item is _DONE:
            running -= 1
        elif isinstance(item, BaseException):
            raise item
        elif isinstance(item, LinkResult):
            yield item
        elif isinstance(item, concurrent.futures.Future):
            # A probe answered: the pages that hung on it are decided.  Each is
            # dropped as it goes, so no page stays held after the caller let go of it.
            hung = waiting.pop(item, [])
            hung.reverse()
            while hung:
                yield hung.pop().finish()
        elif item.probe in waiting:
            waiting[item.probe].append(item)
        elif item.probe.done():
            finished, item = item.finish(), None
            yield finished
        else:
            waiting[item.probe] = [item]
            item.probe.add_done_callback(results.put)


class _Workers:
    """Link workers that each take the next URL from the check's intake until it runs out.

    A fixed set of long-lived loops rather than a future per URL: the first
    request to every host goes out within milliseconds instead of after the
    main thread has queued thousands of futures while the new threads wait for
    the GIL, and on a polite schedule a host's first start delays its last.
    """

    def __init__(
        self,
        intake: _Intake,
        session: requests.Session,
        probes: ProbeCache,
        on_answer: Callable[[str, requests.Response], None] | None,
        count: int,
    ) -> None:
        self._intake = intake
        self._idle = threading.Condition(intake.lock)
        intake.wake = self._wake
        self.results: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads = [
            threading.Thread(
                target=self._run,
                args=(session, probes, on_answer),
                name=f"citeaudit-link-{i}",
                daemon=True,
            )
            for i in range(count)
        ]
        for thread in self._threads:
            thread.start()

    def _wake(self, count: int) -> None:
        with self._idle:
            if count < 0:
                self._idle.notify_all()
            else:
                self._idle.notify(count)

    def _next(self) -> tuple[str, str] | None:
        got = self._intake.take()
        while got is _WAIT:
            with self._idle:
                # Asked again under the lock: a URL queued since the first ask is not missed.
                got = self._intake.take_locked()
                if got is _WAIT:
                    self._idle.wait()
                    got = self._intake.take_locked()
        return got  # type: ignore[return-value]

    def _run(
        self,
        session: requests.Session,
        probes: ProbeCache,
        on_answer: Callable[[str, requests.Response], None] | None,
    ) -> None:
        try:
            while (got := self._next()) is not None:
                url, host = got
                try:
                    self.results.put(check_one(url, session, probes, on_answer))
                except BaseException as exc:  # handed to the consumer, raised there
                    self.results.put(exc)
                    break
                finally:
                    if wake := self._intake.done(host):
                        self._wake(wake)
        finally:
            self.results.put(_DONE)

    def __iter__(self) -> Iterator[LinkResult]:
        return _collect(self.results, len(self._threads))

    def stop(self) -> None:
        """Take no new URL; wait for the workers to finish the ones they hold."""
        self._intake.close()
        for thread in self._threads:
            thread.join()


class _BulkWorkers:
    """The link workers as coroutines on the bulk client's loop, one results queue as above.

    Coroutines cost little to keep waiting, so there are more of them than
    threads would be (:data:`_BULK_WORKERS`): a host's interval, not the
    worker count, sets the pace.
    """

    def __init__(
        self,
        intake: _Intake,
        client: BulkClient,
        probes: ProbeCache,
        on_answer: Callable[[str, requests.Response], None] | None,
        count: int,
    ) -> None:
        self._intake = intake
        self._count = count
        self._client = client
        self.results: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._turn: list[Any] = []
        self._idle: collections.deque[asyncio.Future[None]] = collections.deque()
        self._aborting = False
        self._tasks: list[asyncio.Task[None]] = []
        # The intake wakes workers from the caller's thread: the wake runs on the loop.
        intake.wake = lambda n: client.call_soon(self._wake, n)
        self._main = client.submit(self._start(probes, on_answer))

    async def _start(
        self, probes: ProbeCache, on_answer: Callable[[str, requests.Response], None] | None
    ) -> None:
        self._tasks = [
            asyncio.create_task(self._run(probes, on_answer)) for _ in range(self._count)
        ]
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _wake(self, count: int) -> None:
        while self._idle and count:
            waiter = self._idle.popleft()
            if not waiter.done():
                waiter.set_result(None)
                count -= 1

    async def _next(self) -> tuple[str, str] | None:
        # One thread runs the loop: nothing runs between a _WAIT and the wait,
        # and a wake scheduled by the caller's thread finds the waiter queued.
        while (got := self._intake.take()) is _WAIT:
            waiter = asyncio.get_running_loop().create_future()
            self._idle.append(waiter)
            await waiter
        return got  # type: ignore[return-value]

    async def _run(
        self, probes: ProbeCache, on_answer: Callable[[str, requests.Response], None] | None
    ) -> None:
        try:
            while (got := await self._next()) is not None:
                url, host = got
                started = time.monotonic()
                try:
                    self._hand_over(await check_one_bulk(url, self._client, probes, on_answer))
                except asyncio.CancelledError:
                    if not self._aborting:
                        raise
                    # As the requests path ends a call the session's abort() expired.
                    current = asyncio.current_task()
                    if current is not None:
                        current.uncancel()
                    # The same words as the requests path's (the watchdog expired it).
                    stopped = DeadlineExceeded(
                        f"deadline of {self._client.config.deadline:g}s passed"
                    )
                    self._hand_over(failed(url, stopped, started))
                except BaseException as exc:  # handed to the consumer, raised there
                    self._hand_over(exc)
                    break
                finally:
                    if wake := self._intake.done(host):
                        self._wake(wake)
        finally:
            self._hand_over(_DONE)

    def _hand_over(self, item: Any) -> None:
        """Queue ``item`` for the consumer with the others finished within :data:`_HAND_OVER_EVERY`.

        One hand-over for a few milliseconds' results, not one per result: each
        wakes the consumer's thread, and on a busy check those switches were a
        good part of the CPU.  A polite check finishes a URL every few
        milliseconds, so one turn of the loop rarely holds two.
        """
        if not self._turn:
            asyncio.get_running_loop().call_later(_HAND_OVER_EVERY, self._flush)
        self._turn.append(item)

    def _flush(self) -> None:
        turn, self._turn = self._turn, []
        self.results.put(turn)

    def __iter__(self) -> Iterator[LinkResult]:
        return _collect(self.results, self._count)

    def abort(self) -> None:
        """End every request in flight now: each is a timeout ("stopped"), as on the requests path.

        The session's ``abort()`` also makes the next requests fail, so the
        workers stop there.
        """
        self._aborting = True
        self._client.call_soon(self._cancel)

    def _cancel(self) -> None:
        for task in self._tasks:
            task.cancel()

    def expire(self) -> None:
        """As a deadline's ``expire``: what the session's ``abort`` calls on each call in flight."""
        self.abort()

    def stop(self) -> None:
        """Take no new URL and wait for the workers to end (after :meth:`abort`: at once)."""
        self._intake.close()
        with contextlib.suppress(concurrent.futures.CancelledError):
            self._main.result()


_HAND_OVER_EVERY = 0.005
"""Seconds the bulk workers gather results before handing them to the consumer's thread."""

_BULK_WORKERS = 256
"""Link coroutines of one bulk check (at most; never more than its URLs)."""


def iter_check_links(
    urls: Iterable[str],
    config: HttpConfig | None = None,
    *,
    session: requests.Session | None = None,
    progress: Callable[[LinkResult], None] | None = None,
    on_answer: Callable[[str, requests.Response], None] | None = None,
    max_pending: int | None = None,
) -> Iterator[LinkResult]:
    """Check each unique URL once and yield results as they finish (any order).

    ``urls`` is read lazily, in the caller's thread, as results are taken: at
    most ``max_pending`` URLs are taken from it and not yet given back (the
    result the caller holds counts), so a slow caller holds the check, and the
    answered pages (bodies included) waiting for it, to that bound.  It
    defaults to twice the workers (512 on a live session, twice
    ``global_concurrency`` through requests).  Within the taken URLs, workers
    go round-robin over hosts and never wait on a host that already has
    ``per_host_concurrency`` URLs under way, so a slow host holds up only its
    own URLs.  Every unique URL string taken is remembered (to check it once).

    ``on_answer(url, response)`` is called (from a worker thread) as soon as a URL
    answers 2xx, before the soft-404 comparison that may still be waiting on its
    site: an audit starts reading the page then.  The final outcome may still
    say the page is not the cited one.
    """
    if max_pending is not None and max_pending < 1:
        raise ConfigError(f"max_pending must be at least 1, not {max_pending}")
    config = config or getattr(session, "config", None) or HttpConfig()
    own = session is None
    http = session if session is not None else make_session(config)
    spec = bulk_of(http)
    count = _BULK_WORKERS if spec is not None else max(1, config.global_concurrency)
    limit = max_pending if max_pending is not None else 2 * count
    intake = _Intake(urls, limit, max(1, config.per_host_concurrency))
    client: BulkClient | None = None
    probes: ProbeCache | None = None
    workers: _Workers | _BulkWorkers | None = None
    done_cleanly = False
    try:
        intake.fill()
        if not intake.pending:
            done_cleanly = True
            return
        if intake.exhausted:
            count = min(count, intake.pending)  # a small check starts no idle worker
        count = min(count, limit)
        client = BulkClient(http, spec) if spec is not None else None
        fetch = bulk_probe_fetch(client) if client is not None else probe_fetch(http)
        probes = ProbeCache(fetch, max(1, min(_PROBE_WORKERS, count)))
        if client is not None:
            workers = _BulkWorkers(intake, client, probes, on_answer, count)
            active = getattr(http, "_active", None)
            if active is not None:
                active.add(workers)  # the session's abort() stops the check's requests too
        else:
            workers = _Workers(intake, http, probes, on_answer, count)
        for result in workers:
            if progress is not None:
                progress(result)
            yield result
            # Only once the caller is back for more: while it works, nothing more is taken.
            intake.release()
            intake.fill()
        done_cleanly = True
    finally:
        if not done_cleanly:
            abort = getattr(http, "abort", None)
            if abort is not None:
                abort()  # in-flight requests return now instead of at their deadline
            if isinstance(workers, _BulkWorkers):
                workers.abort()
        try:
            if workers is not None:
                workers.stop()
            if probes is not None:
                probes.close()
        finally:
            if client is not None:
                active = getattr(http, "_active", None)
                if active is not None:
                    active.discard(workers)
                client.close()
            if own:
                http.close()
            elif not done_cleanly and hasattr(http, "resume"):
                http.resume()  # the caller's session stays usable


def check_links(
    urls: Iterable[str],
    config: HttpConfig | None = None,
    *,
    session: requests.Session | None = None,
    progress: Callable[[LinkResult], None] | None = None,
) -> list[LinkResult]:
    """Check every unique URL once, concurrently and politely; results follow input order.

    ``session`` defaults to :func:`citeaudit.net.make_session` of ``config``;
    ``progress`` is called with each result as it finishes.  A URL given twice
    is checked once and reported once.
    """
    urls = list(urls)
    results = {r.url: r for r in iter_check_links(urls, config, session=session, progress=progress)}
    return [results[u] for u in dict.fromkeys(u.strip() for u in urls)]
