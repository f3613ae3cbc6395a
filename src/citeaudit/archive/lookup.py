"""Asking every configured archive about one URL or a batch, politely.

Within a batch, an archive that rate-limits a look-up (after the session's own
backoff) is left alone for a cool-down that doubles each time; after
``max_rate_limited`` such look-ups in a row it is not asked again in this run
and its remaining look-ups are reported as skipped.  The Internet Archive
blocks addresses that keep sending requests through its 429s for more than a
minute, so going quiet is the only safe answer: with the default session (3
retries, 3 s host interval) two rate-limited look-ups and the cool-down between
them stay inside that minute of 429s.

A circuit breaker does the same for an archive that keeps *failing* (errors,
unreachable): after ``max_failures`` failed look-ups in a row it is not asked
again in the run, and every look-up it skips says so.

:meth:`Batch.lookup_many` asks a backend that can answer many URLs in one
request (the Internet Archive's batch availability interface) once for all of
them, and every other backend one URL at a time, a few at once: on the bulk
client's loop when the session's archive requests go there (an audit's run,
:func:`~citeaudit.archive._http.over_bulk`) and the backend says what it asks
step by step (:class:`~citeaudit.archive.interface.StepwiseBackend`), else on
threads.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import requests

from citeaudit.archive._http import drive_on_loop, loop_runner
from citeaudit.archive.cache import LookupCache
from citeaudit.archive.interface import (
    ArchiveBackend,
    ArchivedPage,
    LookupFailure,
    Problem,
    Snapshot,
    SnapshotLookup,
    StepwiseBackend,
    best_first,
)
from citeaudit.archive.politeness import with_archive_intervals
from citeaudit.archive.registry import build_backend, parse_specs
from citeaudit.config import Config, HttpConfig
from citeaudit.errors import ArchiveError, ArchiveRateLimited, CiteauditError, NetworkError

Near = dt.date | dt.datetime | None
Key = tuple[str, Near]
"""A URL and the access date its snapshot is wanted for."""

COOLDOWN = 20.0
"""Seconds an archive is left alone after its first rate-limited look-up (then doubled)."""
MAX_RATE_LIMITED = 2
"""Rate-limited look-ups in a row after which an archive is not asked again in the run."""
MAX_FAILURES = 3
"""Failed look-ups in a row (errors, unreachable) after which the circuit breaker opens."""
WORKERS = 4
"""Threads asking per-URL backends; each archive's host interval still spaces them."""


def archive_session(config: Config | None = None) -> requests.Session:
    """The shared session, with the Internet Archive's polite intervals added."""
    from citeaudit.http import make_session  # imported late: http.py is a sibling stage

    http = with_archive_intervals(config or Config()).http
    return make_session(http)


def backends(
    config: Config | None = None, *, session: requests.Session | None = None
) -> list[ArchiveBackend]:
    """The backends ``config.archives`` names, all talking through one session."""
    config = config or Config()
    specs = parse_specs(config.archives)
    if not specs:
        return []
    session = session or archive_session(config)
    return [build_backend(spec, session, config.http) for spec in specs]


class Batch:
    """Look-ups sharing backends and a memory of which archives rate-limited or failed us."""

    def __init__(
        self,
        archives: Sequence[ArchiveBackend],
        *,
        per_archive: int = 1,
        cooldown: float = COOLDOWN,
        max_rate_limited: int = MAX_RATE_LIMITED,
        max_failures: int = MAX_FAILURES,
        sleep: Callable[[float], None] = time.sleep,
        cache: LookupCache | None = None,
    ) -> None:
        self.archives = list(archives)
        self.cache = cache
        """Answers kept across runs (:mod:`citeaudit.archive.cache`); asked before an archive."""
        self.per_archive = per_archive
        self.cooldown = cooldown
        self.max_rate_limited = max_rate_limited
        self.max_failures = max_failures
        self.sleep = sleep
        self._lock = threading.Lock()
        self._limited: dict[str, int] = {}
        """Rate-limited look-ups in a row, per archive."""
        self._failed: dict[str, int] = {}
        """Failed look-ups in a row, per archive."""
        self.tripped: dict[str, str] = {}
        """Archives no longer asked in this run, and why (rate limits or the circuit breaker)."""

    def lookup(self, url: str, near: Near = None) -> SnapshotLookup:
        """Every archive's best snapshots of ``url`` for ``near``, merged; failures recorded."""
        found: list[Snapshot] = []
        failures: list[LookupFailure] = []
        for archive in self.archives:
            outcome = self._ask(archive, url, near)
            if isinstance(outcome, LookupFailure):
                failures.append(outcome)
            else:
                found += outcome
        return SnapshotLookup(url, near, tuple(best_first(found, near)), tuple(failures))

    def lookup_many(
        self,
        keys: Iterable[Key],
        *,
        on_result: Callable[[Key, SnapshotLookup], None] | None = None,
        workers: int = WORKERS,
    ) -> dict[Key, SnapshotLookup]:
        """Look every key up in every archive; ``on_result`` hears each key once it is settled.

        Backends that answer in batches are asked once for all keys; the
        others one key at a time, ``workers`` at once.
        """
        keys = list(dict.fromkeys(keys))
        found: dict[Key, list[Snapshot]] = {k: [] for k in keys}
        failures: dict[Key, list[LookupFailure]] = {k: [] for k in keys}
        waiting = {k: len(self.archives) for k in keys}
        done: dict[Key, SnapshotLookup] = {}
        lock = threading.Lock()

        def settle(key: Key, outcome: list[Snapshot] | LookupFailure) -> None:
            with lock:
                if isinstance(outcome, LookupFailure):
                    failures[key].append(outcome)
                else:
                    found[key] += outcome
                waiting[key] -= 1
                if waiting[key]:
                    return
                url, near = key
                result = done[key] = SnapshotLookup(
                    url, near, tuple(best_first(found[key], near)), tuple(failures[key]))
            if on_result is not None:
                on_result(key, result)

        if not self.archives:
            for key in keys:
                done[key] = SnapshotLookup(key[0], key[1], not_asked="no archive configured")
                if on_result is not None:
                    on_result(key, done[key])
            return done
        pool = concurrent.futures.ThreadPoolExecutor(
            max(1, workers), thread_name_prefix="citeaudit-lookup")
        try:
            jobs = []
            for archive in self.archives:
                if archive.batches:
                    jobs.append(pool.submit(self._ask_many, archive, keys, settle))
                elif _on_loop(archive):
                    jobs.append(pool.submit(self._ask_on_loop, archive, keys, settle, workers))
                else:
                    jobs += [pool.submit(lambda a=archive, k=key: settle(k, self._ask(a, *k)))
                             for key in keys]
            for job in jobs:
                job.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        return done

    # -- one archive ---------------------------------------------------------------------------

    def _skip(self, archive: ArchiveBackend) -> LookupFailure | None:
        with self._lock:
            why = self.tripped.get(archive.name)
        return LookupFailure(archive.name, Problem.SKIPPED, why) if why else None

    def _ask(self, archive: ArchiveBackend, url: str, near: Near) -> list[Snapshot] | LookupFailure:
        early, pause = self._before(archive, (url, near))
        if early is not None:
            return early
        if pause:
            self.sleep(pause)
        try:
            found = archive.snapshots(url, near, limit=self.per_archive)
        except (ArchiveError, NetworkError) as exc:
            return self._failed_with(archive, exc)
        return self._succeeded(archive, found, (url, near))

    def _before(self, archive: ArchiveBackend,
                key: Key) -> tuple[list[Snapshot] | LookupFailure | None, float]:
        """The answer without asking (kept, or the archive skipped), else the pause first."""
        kept = self._kept(archive, key)
        if kept is not None:
            return kept, 0.0
        skipped = self._skip(archive)
        if skipped is not None:
            return skipped, 0.0
        with self._lock:
            streak = self._limited.get(archive.name, 0)
        return None, self.cooldown * 2 ** (streak - 1) if streak else 0.0

    def _ask_on_loop(
        self, archive: StepwiseBackend, keys: list[Key],
        settle: Callable[[Key, list[Snapshot] | LookupFailure], None], workers: int,
    ) -> None:
        """:meth:`_ask` for every key, ``workers`` at once, as coroutines on the bulk loop."""
        settled: set[Key] = set()
        lock = threading.Lock()
        # A URL cited with several access dates is one TimeMap and one probe per memento:
        # its look-ups share their requests (only theirs, so no other answer is held).
        cited = Counter(url for url, _ in keys)
        shared: dict[tuple[object, ...], asyncio.Future[object]] = {}

        def once(key: Key, outcome: list[Snapshot] | LookupFailure) -> None:
            with lock:  # an abort may race the loop's last answers
                if key in settled:
                    return
                settled.add(key)
            settle(key, outcome)

        async def ask(key: Key, gate: asyncio.Semaphore) -> None:
            async with gate:
                early, pause = self._before(archive, key)
                if early is not None:
                    once(key, early)
                    return
                if pause:
                    await asyncio.get_running_loop().run_in_executor(None, self.sleep, pause)
                url, near = key
                try:
                    found = await drive_on_loop(
                        archive.session, archive.name, archive.timeout,
                        archive.snapshot_steps(url, near, limit=self.per_archive),
                        shared=shared if cited[url] > 1 else None)
                except (ArchiveError, NetworkError) as exc:
                    once(key, self._failed_with(archive, exc))
                    return
                once(key, self._succeeded(archive, found, key))

        async def every() -> None:
            gate = asyncio.Semaphore(max(1, workers))
            await asyncio.gather(*(ask(key, gate) for key in keys))

        try:
            loop_runner(archive.session)(every())
        except NetworkError as exc:  # the session was aborted: what is left was not asked
            aborted = LookupFailure(archive.name, Problem.NETWORK_ERROR, str(exc))
            for key in keys:
                once(key, aborted)

    def _kept(self, archive: ArchiveBackend, key: Key) -> list[Snapshot] | None:
        if self.cache is None or self.per_archive != 1:
            return None
        return self.cache.get(archive.name, *key)

    def _ask_many(
        self, archive: ArchiveBackend, keys: list[Key],
        settle: Callable[[Key, list[Snapshot] | LookupFailure], None],
    ) -> None:
        asking = []
        for key in keys:
            kept = self._kept(archive, key)
            if kept is not None:
                settle(key, kept)
            else:
                asking.append(key)
        keys = asking
        if not keys:
            return
        skipped = self._skip(archive)
        if skipped is not None:
            for key in keys:
                settle(key, skipped)
            return
        try:
            answers = archive.snapshots_many(keys, limit=self.per_archive)
        except (ArchiveError, NetworkError) as exc:
            failure = self._failed_with(archive, exc)
            for key in keys:
                settle(key, failure)
            return
        for key in keys:
            answer = answers.get(key)
            if answer is None:
                answer = ArchiveError(f"{archive.name}: no answer for {key[0]}")
            if isinstance(answer, BaseException):
                settle(key, self._failed_with(archive, answer))
            else:
                settle(key, self._succeeded(archive, answer, key))

    def _succeeded(
        self, archive: ArchiveBackend, snapshots: list[Snapshot], key: Key
    ) -> list[Snapshot]:
        with self._lock:
            self._limited[archive.name] = 0
            self._failed[archive.name] = 0
        if self.cache is not None and self.per_archive == 1:
            self.cache.put(archive.name, key[0], key[1], snapshots)
        return snapshots

    def _failed_with(self, archive: ArchiveBackend, exc: BaseException) -> LookupFailure:
        name = archive.name
        with self._lock:
            if isinstance(exc, ArchiveRateLimited):
                streak = self._limited[name] = self._limited.get(name, 0) + 1
                if streak >= self.max_rate_limited:
                    self.tripped.setdefault(
                        name, f"not asked: {name} rate-limited {streak} look-ups in a row")
                return LookupFailure(name, Problem.RATE_LIMITED, str(exc))
            self._limited[name] = 0
            failed = self._failed[name] = self._failed.get(name, 0) + 1
            if failed >= self.max_failures:
                self.tripped.setdefault(
                    name, f"not asked: {name} failed {failed} look-ups in a row, so citeaudit "
                    f"stopped asking it (circuit breaker; last error: {exc})")
        problem = Problem.NETWORK_ERROR if isinstance(exc, NetworkError) else Problem.ARCHIVE_ERROR
        if not isinstance(exc, CiteauditError):
            problem = Problem.ARCHIVE_ERROR
        return LookupFailure(name, problem, str(exc))


def _on_loop(archive: ArchiveBackend) -> bool:
    """Whether ``archive``'s look-ups can wait on the bulk loop, not on a thread each."""
    return (isinstance(archive, StepwiseBackend) and archive.stepwise
            and loop_runner(archive.session) is not None)


def lookup_snapshots(
    urls_with_dates: Iterable[tuple[str, Near]],
    config: Config | None = None,
    *,
    session: requests.Session | None = None,
    per_archive: int = 1,
    sleep: Callable[[float], None] = time.sleep,
) -> list[SnapshotLookup]:
    """Look up many ``(url, access_date)`` pairs; each result says what could not be checked.

    Never raises for an archive's trouble: rate limits, errors and skipped
    archives are in each :class:`SnapshotLookup`'s ``failures``.
    """
    batch = Batch(backends(config, session=session), per_archive=per_archive, sleep=sleep,
                  cache=LookupCache.for_config(config or Config()))
    return [batch.lookup(url, near) for url, near in urls_with_dates]


def find_snapshots(
    url: str,
    near: Near = None,
    config: Config | None = None,
    *,
    session: requests.Session | None = None,
    per_archive: int = 1,
) -> list[Snapshot]:
    """Snapshots of ``url`` in the configured archives, best first for the access date ``near``.

    The closest capture on or before ``near`` comes first, else the closest
    after it.  An empty list means no archive holds a page capture.  When
    nothing was found *and* some archive could not be asked, the error is
    raised (:class:`~citeaudit.errors.ArchiveRateLimited`, ``ArchiveError`` or
    ``NetworkError``) so "unknown" is never mistaken for "none"; use
    :func:`lookup_snapshots` to get such failures as data instead.
    """
    batch = Batch(backends(config, session=session), per_archive=per_archive,
                  cache=LookupCache.for_config(config or Config()))
    result = batch.lookup(url, near)
    if result.snapshots or not result.failures:
        return list(result.snapshots)
    failure = result.failures[0]
    if failure.problem is Problem.NETWORK_ERROR:
        raise NetworkError(failure.message)
    if failure.problem is Problem.ARCHIVE_ERROR:
        raise ArchiveError(failure.message)
    raise ArchiveRateLimited(failure.message)


def fetch_snapshot(
    snapshot: Snapshot,
    config: Config | None = None,
    *,
    session: requests.Session | None = None,
) -> ArchivedPage:
    """The captured bytes of ``snapshot``, unmodified where the archive can serve them so."""
    from citeaudit.archive._http import send

    http: HttpConfig = (config or Config()).http
    session = session or archive_session(config)
    url = snapshot.raw_url or snapshot.url
    response = send(
        session, "GET", url, archive=snapshot.archive,
        timeout=(http.connect_timeout, http.read_timeout), allow_redirects=True,
    )
    if response.status_code != 200:
        status = response.status_code
        raise ArchiveError(f"{snapshot.archive}: snapshot {url} answered HTTP {status}")
    return ArchivedPage(
        snapshot=snapshot, url=response.url or url, status=response.status_code,
        content_type=response.headers.get("Content-Type"), body=response.content,
    )
