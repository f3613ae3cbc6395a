"""Check cited URLs concurrently and politely, and say honestly what became of each.

Every unique URL is fetched once through the polite session of
:mod:`citeaudit.net` (on a live session, by the bulk client's coroutines; else
by a set of threads), read cheaply and classified (:mod:`citeaudit.links.one`);
an answer that could be a soft 404 waits for its folder's probe
(:mod:`citeaudit.links.soft404`) while its worker moves on.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import requests

from citeaudit.config import HttpConfig
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


def _interleave(urls: list[str]) -> list[str]:
    """Order URLs round-robin by host, so workers spread over hosts instead of queueing."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        # Only an ordering key: a plain split is enough and five times cheaper
        # than urlsplit, which counts when thousands of URLs wait to start.
        host = url.partition("//")[2].partition("/")[0].lower()
        by_host.setdefault(host, []).append(url)
    queues = list(by_host.values())
    out: list[str] = []
    for i in range(max((len(q) for q in queues), default=0)):
        out.extend(q[i] for q in queues if i < len(q))
    return out


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
        if not batch:
            got = results.get()
            # The bulk workers hand over what one turn of their loop finished, in a list.
            batch = got if isinstance(got, list) else [got]
            batch.reverse()
        item = batch.pop()
        if item is _DONE:
            running -= 1
        elif isinstance(item, BaseException):
            raise item
        elif isinstance(item, LinkResult):
            yield item
        elif isinstance(item, concurrent.futures.Future):
            # A probe answered: the pages that hung on it are decided.
            for awaiting in waiting.pop(item, []):
                yield awaiting.finish()
        elif item.probe in waiting:
            waiting[item.probe].append(item)
        elif item.probe.done():
            yield item.finish()
        else:
            waiting[item.probe] = [item]
            item.probe.add_done_callback(results.put)


class _Workers:
    """Link workers that each take the next URL from one shared queue until it runs out.

    A fixed set of long-lived loops rather than a future per URL: the first
    request to every host goes out within milliseconds instead of after the
    main thread has queued thousands of futures while the new threads wait for
    the GIL, and on a polite schedule a host's first start delays its last.
    """

    def __init__(
        self,
        urls: list[str],
        session: requests.Session,
        probes: ProbeCache,
        on_answer: Callable[[str, requests.Response], None] | None,
        count: int,
    ) -> None:
        self._urls = iter(urls)
        self._lock = threading.Lock()
        self._stop = threading.Event()
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

    def _run(
        self,
        session: requests.Session,
        probes: ProbeCache,
        on_answer: Callable[[str, requests.Response], None] | None,
    ) -> None:
        try:
            while not self._stop.is_set():
                with self._lock:
                    url = next(self._urls, None)
                if url is None:
                    break
                try:
                    self.results.put(check_one(url, session, probes, on_answer))
                except BaseException as exc:  # handed to the consumer, raised there
                    self.results.put(exc)
                    break
        finally:
            self.results.put(_DONE)

    def __iter__(self) -> Iterator[LinkResult]:
        return _collect(self.results, len(self._threads))

    def stop(self) -> None:
        """Take no new URL; wait for the workers to finish the ones they hold."""
        self._stop.set()
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
        urls: list[str],
        client: BulkClient,
        probes: ProbeCache,
        on_answer: Callable[[str, requests.Response], None] | None,
        count: int,
    ) -> None:
        self._urls = iter(urls)
        self._count = count
        self._client = client
        self.results: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._turn: list[Any] = []
        self._stopped = False
        self._aborting = False
        self._tasks: list[asyncio.Task[None]] = []
        self._main = client.submit(self._start(probes, on_answer))

    async def _start(
        self, probes: ProbeCache, on_answer: Callable[[str, requests.Response], None] | None
    ) -> None:
        self._tasks = [
            asyncio.create_task(self._run(probes, on_answer)) for _ in range(self._count)
        ]
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _run(
        self, probes: ProbeCache, on_answer: Callable[[str, requests.Response], None] | None
    ) -> None:
        try:
            while not self._stopped and (url := next(self._urls, None)) is not None:
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
            self._hand_over(_DONE)

    def _hand_over(self, item: Any) -> None:
        """Queue ``item`` for the consumer with the others of this turn of the loop.

        One hand-over per turn, not per result: each wakes the consumer's thread,
        and on a busy check those switches were a good part of the CPU.
        """
        if not self._turn:
            asyncio.get_running_loop().call_soon(self._flush)
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
        self._stopped = True
        with contextlib.suppress(concurrent.futures.CancelledError):
            self._main.result()


_BULK_WORKERS = 256
"""Link coroutines of one bulk check (at most; never more than its URLs)."""


def iter_check_links(
    urls: Iterable[str],
    config: HttpConfig | None = None,
    *,
    session: requests.Session | None = None,
    progress: Callable[[LinkResult], None] | None = None,
    on_answer: Callable[[str, requests.Response], None] | None = None,
) -> Iterator[LinkResult]:
    """Check each unique URL once and yield results as they finish (any order).

    ``on_answer(url, response)`` is called (from a worker thread) as soon as a URL
    answers 2xx, before the soft-404 comparison that may still be waiting on its
    site: an audit starts reading the page then.  The final outcome may still
    say the page is not the cited one.
    """
    config = config or getattr(session, "config", None) or HttpConfig()
    unique = list(dict.fromkeys(u.strip() for u in urls))
    own = session is None
    http = session if session is not None else make_session(config)
    spec = bulk_of(http) if unique else None
    client = BulkClient(http, spec) if spec is not None else None
    if client is not None:
        count = max(1, min(_BULK_WORKERS, len(unique)))
        fetch = bulk_probe_fetch(client)
    else:
        count = max(1, min(config.global_concurrency, len(unique)))
        fetch = probe_fetch(http)
    probes = ProbeCache(fetch, max(1, min(_PROBE_WORKERS, count)))
    workers: _Workers | _BulkWorkers | None = None
    done_cleanly = False
    try:
        order = _interleave(unique)
        if client is not None:
            workers = _BulkWorkers(order, client, probes, on_answer, count)
            active = getattr(http, "_active", None)
            if active is not None:
                active.add(workers)  # the session's abort() stops the check's requests too
        else:
            workers = _Workers(order, http, probes, on_answer, count)
        for result in workers:
            if progress is not None:
                progress(result)
            yield result
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
