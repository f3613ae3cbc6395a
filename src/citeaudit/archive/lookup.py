"""Asking every configured archive about one URL or a batch, politely.

Within a batch, an archive that rate-limits a look-up (after the session's own
backoff) is left alone for a cool-down that doubles each time; after
``max_rate_limited`` such look-ups in a row it is not asked again in this run
and its remaining look-ups are reported as skipped.  The Internet Archive
blocks addresses that keep sending requests through its 429s for more than a
minute, so going quiet is the only safe answer: with the default session (3
retries, 3 s host interval) two rate-limited look-ups and the cool-down between
them stay inside that minute of 429s.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence

import requests

from citeaudit.archive.interface import (
    ArchiveBackend,
    ArchivedPage,
    LookupFailure,
    Problem,
    Snapshot,
    SnapshotLookup,
    best_first,
)
from citeaudit.archive.registry import build_backend, parse_specs
from citeaudit.config import Config, HttpConfig
from citeaudit.errors import ArchiveError, ArchiveRateLimited, NetworkError

Near = dt.date | dt.datetime | None

COOLDOWN = 20.0
"""Seconds an archive is left alone after its first rate-limited look-up (then doubled)."""
MAX_RATE_LIMITED = 2
"""Rate-limited look-ups in a row after which an archive is not asked again in the run."""


def archive_session(config: Config | None = None) -> requests.Session:
    """The shared session, with the Internet Archive's polite intervals added."""
    from citeaudit.http import make_session  # imported late: http.py is a sibling stage

    http = (config or Config()).http
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
    """Look-ups sharing backends and a memory of which archives rate-limited us."""

    def __init__(
        self,
        archives: Sequence[ArchiveBackend],
        *,
        per_archive: int = 1,
        cooldown: float = COOLDOWN,
        max_rate_limited: int = MAX_RATE_LIMITED,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.archives = list(archives)
        self.per_archive = per_archive
        self.cooldown = cooldown
        self.max_rate_limited = max_rate_limited
        self.sleep = sleep
        self._limited: dict[str, int] = {}
        """Rate-limited look-ups in a row, per archive."""

    def lookup(self, url: str, near: Near = None) -> SnapshotLookup:
        """Every archive's best snapshots of ``url`` for ``near``, merged; failures recorded."""
        found: list[Snapshot] = []
        failures: list[LookupFailure] = []
        for archive in self.archives:
            streak = self._limited.get(archive.name, 0)
            if streak >= self.max_rate_limited:
                failures.append(LookupFailure(
                    archive.name, Problem.SKIPPED,
                    f"not asked: {archive.name} rate-limited {streak} look-ups in a row",
                ))
                continue
            if streak:
                self.sleep(self.cooldown * 2 ** (streak - 1))
            try:
                found += archive.snapshots(url, near, limit=self.per_archive)
            except ArchiveRateLimited as exc:
                self._limited[archive.name] = streak + 1
                failures.append(LookupFailure(archive.name, Problem.RATE_LIMITED, str(exc)))
                continue
            except ArchiveError as exc:
                failures.append(LookupFailure(archive.name, Problem.ARCHIVE_ERROR, str(exc)))
            except NetworkError as exc:
                failures.append(LookupFailure(archive.name, Problem.NETWORK_ERROR, str(exc)))
            self._limited[archive.name] = 0
        return SnapshotLookup(url, near, tuple(best_first(found, near)), tuple(failures))


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
    batch = Batch(backends(config, session=session), per_archive=per_archive, sleep=sleep)
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
    result = Batch(backends(config, session=session), per_archive=per_archive).lookup(url, near)
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
