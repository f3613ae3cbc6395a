"""What every archive backend shares: the snapshot type, the backend base, look-up results.

A backend answers one question — *which captures of this URL are pages, best
first, for this access date?* — and raises only :class:`~citeaudit.errors.ArchiveError`
(or its :class:`~citeaudit.errors.ArchiveRateLimited`) or a
:class:`~citeaudit.errors.NetworkError` when it cannot.  Batches turn those
exceptions into :class:`LookupFailure` values: "could not check" is a result.

Preference, as Wikipedia's InternetArchiveBot applies it: the capture closest
*before* the access date (the page the author could have seen), else the one
closest after it.  A capture made on the access day itself counts as before.
"""

from __future__ import annotations

import abc
import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import requests

from citeaudit.archive._http import Steps, drive
from citeaudit.config import HttpConfig

UTC = dt.UTC


def reference_instant(near: dt.date | dt.datetime) -> dt.datetime:
    """The instant look-ups aim at: the end of the access day, or the given moment (UTC)."""
    if isinstance(near, dt.datetime):
        return near if near.tzinfo else near.replace(tzinfo=UTC)
    return dt.datetime.combine(near, dt.time(23, 59, 59), tzinfo=UTC)


def without_fragment(url: str) -> str:
    """``url`` without its ``#fragment``: archives key captures on the rest."""
    return url.split("#", 1)[0]


def _access_day(near: dt.date | dt.datetime) -> dt.date:
    return near.date() if isinstance(near, dt.datetime) else near


@attrs.frozen
class Snapshot:
    """One archived capture of a URL."""

    url: str
    """Where the capture is replayed (the memento URL)."""
    original: str
    """The URL that was captured, as the archive records it."""
    datetime: dt.datetime
    """When it was captured (timezone-aware, UTC)."""
    archive: str
    """Name of the archive that holds it, e.g. ``wayback``."""
    status: int | None = None
    """HTTP status of the captured response, when the archive says or a probe showed."""
    raw_url: str | None = None
    """Where the capture's original bytes are served unmodified (e.g. the ``id_`` form)."""

    def days_from(self, near: dt.date | dt.datetime) -> int:
        """Signed days from the access day to the capture day (negative: before)."""
        return (self.datetime.astimezone(UTC).date() - _access_day(near)).days

    def days_from_access(self, near: dt.date | dt.datetime) -> int:
        """Whole days between the access day and the capture day, either way."""
        return abs(self.days_from(near))

    def is_before(self, near: dt.date | dt.datetime) -> bool:
        """Whether the capture was made on or before the access date."""
        return self.datetime <= reference_instant(near)

    def to_dict(self, access_date: dt.date | dt.datetime | None = None) -> dict[str, Any]:
        """The ``archive`` part of a note in the ``citeaudit/report/v1`` JSON schema."""
        days = self.days_from_access(access_date) if access_date is not None else None
        return {
            "snapshot": {
                "url": self.url,
                "datetime": self.datetime.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                "days_from_access": days,
            },
            "archive": self.archive,
        }


def preference_key(snapshot: Snapshot, near: dt.date | dt.datetime | None) -> tuple[int, float]:
    """Sort key putting the best snapshot first (see the module docstring)."""
    if near is None:  # no access date: the newest capture is the best guess
        return (0, -snapshot.datetime.timestamp())
    target = reference_instant(near)
    distance = abs((snapshot.datetime - target).total_seconds())
    return (0 if snapshot.datetime <= target else 1, distance)


def best_first(
    snapshots: Iterable[Snapshot], near: dt.date | dt.datetime | None
) -> list[Snapshot]:
    """Snapshots ordered by preference for the access date, duplicates removed."""
    unique = {(s.archive, s.url): s for s in snapshots}
    return sorted(unique.values(), key=lambda s: preference_key(s, near))


class Problem(enum.StrEnum):
    """Why a look-up could not be made."""

    RATE_LIMITED = "rate_limited"
    """The archive kept answering 429 (or asked us to wait too long)."""
    ARCHIVE_ERROR = "archive_error"
    """The archive answered, but not in a way we can use (5xx, malformed data)."""
    NETWORK_ERROR = "network_error"
    """The archive could not be reached (timeout, DNS, refused, replay miss)."""
    SKIPPED = "skipped"
    """Not attempted: the archive kept rate-limiting or failing this run, so we left it alone."""


class ArchiveStatus(enum.StrEnum):
    """What the archives said of one URL, as a report states it."""

    FOUND = "found"
    """An archive holds a page capture."""
    CITED = "cited"
    """The note itself cites an archived copy, and that copy was checked."""
    NONE = "none"
    """Every archive asked answered, and none holds a page capture."""
    UNKNOWN = "unknown"
    """Some archive could not answer (error, rate limit, unreachable): no copy is known yet."""
    NOT_ASKED = "not_asked"
    """The archives were not asked (disabled, interrupted, over budget): nothing is known."""


@attrs.frozen
class LookupFailure:
    """One archive that could not be asked about one URL."""

    archive: str
    problem: Problem
    message: str

    def to_dict(self) -> dict[str, str]:
        """Plain-data form for JSON output."""
        return {"archive": self.archive, "problem": self.problem.value, "message": self.message}


@attrs.frozen
class SnapshotLookup:
    """The outcome of looking one URL up in every configured archive."""

    url: str
    near: dt.date | dt.datetime | None
    """The access date the snapshots were chosen for."""
    snapshots: tuple[Snapshot, ...] = ()
    """Page captures, best first."""
    failures: tuple[LookupFailure, ...] = ()
    """Archives that could not be asked; an empty ``snapshots`` then means "unknown", not "none"."""
    not_asked: str | None = None
    """Why no archive was asked at all (``"archives disabled"``, ``"interrupted"``), if so."""
    cited: bool = False
    """The snapshot is the archived copy the note itself cites (checked, not looked up)."""

    @property
    def best(self) -> Snapshot | None:
        """The snapshot to use for the access date, if any."""
        return self.snapshots[0] if self.snapshots else None

    @property
    def complete(self) -> bool:
        """Whether every configured archive answered."""
        return not self.failures and self.not_asked is None

    @property
    def status(self) -> ArchiveStatus:
        """Found, cited, none, unknown or not asked (see :class:`ArchiveStatus`)."""
        if self.snapshots:
            return ArchiveStatus.CITED if self.cited else ArchiveStatus.FOUND
        if self.not_asked is not None:
            return ArchiveStatus.NOT_ASKED
        if self.failures and all(f.problem is Problem.SKIPPED for f in self.failures):
            return ArchiveStatus.NOT_ASKED
        return ArchiveStatus.UNKNOWN if self.failures else ArchiveStatus.NONE

    @classmethod
    def unasked(cls, url: str, near: dt.date | dt.datetime | None, why: str) -> SnapshotLookup:
        """A look-up that was never made, and why."""
        return cls(url, near, not_asked=why)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON output."""
        near = self.near.isoformat() if self.near is not None else None
        return {
            "url": self.url,
            "access_date": near,
            "snapshots": [_snapshot_row(s, self.near) for s in self.snapshots],
            "failures": [f.to_dict() for f in self.failures],
            "status": self.status.value,
            "not_asked": self.not_asked,
        }


def _snapshot_row(snapshot: Snapshot, near: dt.date | dt.datetime | None) -> dict[str, Any]:
    row = snapshot.to_dict(near)["snapshot"]
    row.update(
        original=snapshot.original,
        archive=snapshot.archive,
        status=snapshot.status,
        before_access=snapshot.is_before(near) if near is not None else None,
    )
    return row


@attrs.frozen
class ArchivedPage:
    """The bytes of one snapshot, as captured."""

    snapshot: Snapshot
    url: str
    """The URL the bytes were read from (the raw form when the archive has one)."""
    status: int
    content_type: str | None
    body: bytes


class ArchiveBackend(abc.ABC):
    """One web archive that can list captures of a URL."""

    name: str
    """Short name used in reports and ``--archive`` (e.g. ``wayback``)."""

    def __init__(self, session: requests.Session, http: HttpConfig | None = None) -> None:
        self.session = session
        self.http = http or HttpConfig()

    @property
    def timeout(self) -> tuple[float, float]:
        """(connect, read) timeouts passed on every request, in case the session has none."""
        return (self.http.connect_timeout, self.http.read_timeout)

    @abc.abstractmethod
    def snapshots(
        self, url: str, near: dt.date | dt.datetime | None = None, *, limit: int = 1
    ) -> list[Snapshot]:
        """Up to ``limit`` page captures of ``url``, best first for ``near``.

        Captures of redirects and errors are never returned.  An empty list
        means the archive holds no page capture of the URL.
        """

    batches: bool = False
    """Whether :meth:`snapshots_many` answers many URLs in few requests (else one by one)."""

    def snapshots_many(
        self, keys: Sequence[tuple[str, dt.date | dt.datetime | None]], *, limit: int = 1
    ) -> dict[tuple[str, dt.date | dt.datetime | None], list[Snapshot] | Exception]:
        """:meth:`snapshots` for each ``(url, near)``; a key's failure is its exception."""
        out: dict[tuple[str, dt.date | dt.datetime | None], list[Snapshot] | Exception] = {}
        for url, near in keys:
            try:
                out[(url, near)] = self.snapshots(url, near, limit=limit)
            except Exception as exc:
                out[(url, near)] = exc
        return out

    def raw_url(self, snapshot: Snapshot) -> str:
        """Where to read ``snapshot``'s original bytes; the memento URL by default."""
        return snapshot.raw_url or snapshot.url


class StepwiseBackend(ArchiveBackend):
    """A backend whose look-up is written as the requests it makes (:meth:`snapshot_steps`).

    :meth:`snapshots` runs them on the calling thread; a batch of look-ups runs
    them side by side on the bulk client's loop instead (:mod:`.lookup`).
    """

    @abc.abstractmethod
    def snapshot_steps(
        self, url: str, near: dt.date | dt.datetime | None = None, *, limit: int = 1
    ) -> Steps[list[Snapshot]]:
        """:meth:`snapshots`, as the requests it makes (see :data:`._http.Steps`)."""

    def snapshots(
        self, url: str, near: dt.date | dt.datetime | None = None, *, limit: int = 1
    ) -> list[Snapshot]:
        """Up to ``limit`` page captures of ``url``, best first for ``near``."""
        return drive(self.session, self.name, self.timeout,
                     self.snapshot_steps(url, near, limit=limit))

    @property
    def stepwise(self) -> bool:
        """Whether :meth:`snapshots` is the steps alone (not changed by a subclass)."""
        return type(self).snapshots is StepwiseBackend.snapshots


def first(snapshots: Sequence[Snapshot], limit: int) -> list[Snapshot]:
    """The first ``limit`` snapshots (``limit`` < 1 means one)."""
    return list(snapshots[: max(limit, 1)])
