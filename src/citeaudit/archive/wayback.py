"""The Internet Archive's Wayback Machine, asked through its CDX server.

Many URLs at once (:meth:`WaybackArchive.snapshots_many`, what an audit
uses): the batch availability interface (:mod:`citeaudit.archive.availability`),
closest before the access date, then closest after it for the URLs with no
earlier capture; CDX only for the URLs the batch could not answer (an error,
not a rate limit) and for lists of several captures.

One URL (:meth:`WaybackArchive.snapshots`): one CDX query, ``sort=closest``
around the end of the access day, ``filter=statuscode:200`` so redirects and errors
never come back as pages.
The closest capture before the access date wins; if the rows hold none before
it and were cut off at the limit, one more query restricted ``to=`` the access
date finds the closest earlier capture.  The availability API is asked only
when the CDX server fails (not when it rate-limits: both sit behind the same
limits, and a 429 means slow down).

Limits: the CDX server allows about 24 requests a minute per address (release
notes of the ``wayback`` client 0.5.1, which tracks the Archive's settings; staff
earlier quoted 60/min averaged over 5 minutes) and blocks an address for an hour
when it keeps sending requests through 429s for more than a minute.  Every session
from :func:`citeaudit.http.make_session` spaces requests to the Archive's hosts 3 s
apart (20 a minute): :data:`citeaudit.http.DEFAULT_HOST_INTERVALS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import requests

from citeaudit.archive._http import json_body, send
from citeaudit.archive.availability import AvailabilityClient
from citeaudit.archive.interface import (
    UTC,
    ArchiveBackend,
    Snapshot,
    best_first,
    first,
    reference_instant,
    without_fragment,
)
from citeaudit.config import HttpConfig
from citeaudit.errors import ArchiveError, ArchiveRateLimited, NetworkError

Near = dt.date | dt.datetime | None

NAME = "wayback"
CDX_URL = "https://web.archive.org/cdx/search/cdx"
AVAILABILITY_URL = "https://archive.org/wayback/available"
REPLAY_URL = "https://web.archive.org/web/"

CDX_FIELDS = ("timestamp", "original", "statuscode", "mimetype")
CDX_ROWS = 10
"""Rows asked of one closest query: enough to hold a capture before the date almost always."""


def timestamp14(moment: dt.datetime) -> str:
    """A Wayback timestamp (``YYYYMMDDhhmmss``, UTC)."""
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def parse_timestamp(text: str) -> dt.datetime:
    """A Wayback timestamp (4 to 14 digits) as an aware UTC datetime."""
    digits = text.strip()
    if not digits.isdigit() or not 4 <= len(digits) <= 14:
        raise ArchiveError(f"{NAME}: not a Wayback timestamp: {text!r}")
    padded = digits + "0101000000"[len(digits) - 4 :] if len(digits) < 14 else digits
    try:
        return dt.datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError as exc:
        raise ArchiveError(f"{NAME}: not a Wayback timestamp: {text!r}") from exc


class WaybackArchive(ArchiveBackend):
    """The Internet Archive: CDX look-ups, availability fallback, ``id_`` raw pages."""

    name = NAME
    batches = True

    def __init__(
        self,
        session: requests.Session,
        http: HttpConfig | None = None,
        *,
        cdx_url: str = CDX_URL,
        availability_url: str = AVAILABILITY_URL,
        replay_url: str = REPLAY_URL,
    ) -> None:
        super().__init__(session, http)
        self.cdx_url = cdx_url
        self.availability_url = availability_url
        self.replay_url = replay_url.rstrip("/") + "/"
        self.availability = AvailabilityClient(
            session, self.http, url=availability_url, archive=self.name)

    def snapshots_many(
        self, keys: Sequence[tuple[str, Near]], *, limit: int = 1
    ) -> dict[tuple[str, Near], list[Snapshot] | Exception]:
        """Page captures for many ``(url, near)`` in a few batch requests; CDX only if needed."""
        if limit > 1:
            return super().snapshots_many(keys, limit=limit)  # lists of captures: CDX
        asked = {key: (without_fragment(key[0]), key[1]) for key in keys}
        plain_keys = list(dict.fromkeys(asked.values()))
        try:
            before: dict[tuple[str, Near], Any] = self.availability.closest(plain_keys, "before")
        except ArchiveRateLimited:
            raise  # the same limits stand behind CDX: slow down, do not ask it instead
        except ArchiveError as exc:  # the interface failed: each URL's own CDX query may not
            before = dict.fromkeys(plain_keys, exc)
        later = [k for k, answer in before.items() if answer is None and k[1] is not None]
        after: dict[tuple[str, Near], Any] = {}
        if later:
            try:
                after = self.availability.closest(later, "after")
            except (ArchiveError, NetworkError) as exc:  # the "before" answers still stand
                after = dict.fromkeys(later, exc)
        out: dict[tuple[str, Near], list[Snapshot] | Exception] = {}
        for key, plain in asked.items():
            answer = after.get(plain) if before.get(plain) is None else before[plain]
            if isinstance(answer, ArchiveRateLimited | NetworkError):
                out[key] = answer
            elif isinstance(answer, Exception):
                try:  # the batch could not say; one CDX query can
                    out[key] = self.snapshots(plain[0], plain[1], limit=limit)
                except (ArchiveError, NetworkError) as exc:
                    out[key] = exc
            elif answer is None:
                out[key] = []
            else:
                original = _original_from_replay(answer.url, answer.timestamp) or plain[0]
                out[key] = [self._snapshot(answer.timestamp, original, answer.status)]
        return out

    def snapshots(
        self, url: str, near: dt.date | dt.datetime | None = None, *, limit: int = 1
    ) -> list[Snapshot]:
        """Up to ``limit`` captures of ``url`` that answered 200, best first for ``near``."""
        url = without_fragment(url)
        try:
            found = self._cdx(url, near)
        except ArchiveRateLimited:
            raise
        except ArchiveError as cdx_error:
            try:
                found = self._availability(url, near)
            except ArchiveError:
                raise cdx_error from None
        return first(best_first(found, near), limit)

    def snapshot_url(self, timestamp: str, original: str, modifier: str = "") -> str:
        """The replay URL of a capture; ``modifier="id_"`` gives the unmodified bytes."""
        return f"{self.replay_url}{timestamp}{modifier}/{original}"

    # -- CDX -----------------------------------------------------------------

    def _cdx(self, url: str, near: dt.date | dt.datetime | None) -> list[Snapshot]:
        params: dict[str, Any] = {
            "url": url,
            "output": "json",
            "fl": ",".join(CDX_FIELDS),
            "filter": "statuscode:200",
        }
        if near is None:
            rows = self._cdx_rows({**params, "limit": -CDX_ROWS, "fastLatest": "true"})
            return rows
        closest = timestamp14(reference_instant(near))
        params.update(sort="closest", closest=closest, limit=CDX_ROWS)
        rows = self._cdx_rows(params)
        target = reference_instant(near)
        if len(rows) >= CDX_ROWS and not any(s.datetime <= target for s in rows):
            # every nearby row is after the date; ask once more for the closest before it
            rows += self._cdx_rows({**params, "to": closest, "limit": 1})
        return rows

    def _cdx_rows(self, params: dict[str, Any]) -> list[Snapshot]:
        response = send(
            self.session, "GET", self.cdx_url, archive=self.name, timeout=self.timeout,
            params=params, allow_redirects=True,
        )
        if response.status_code != 200:
            raise ArchiveError(f"{self.name}: CDX server answered HTTP {response.status_code}")
        if not response.content.strip():
            return []  # the plain CDX server answers an empty body when it has nothing
        return self._parse_cdx(json_body(response, archive=self.name))

    def _parse_cdx(self, data: Any) -> list[Snapshot]:
        """Rows of ``output=json``: a header row of field names, then one row per capture."""
        if not isinstance(data, list):
            raise ArchiveError(f"{self.name}: CDX answer is not a JSON list")
        rows = [row for row in data if row]  # a resume key is set off by an empty row
        if not rows:
            return []
        header, *captures = rows
        if not isinstance(header, list) or not {"timestamp", "original"} <= set(header):
            raise ArchiveError(f"{self.name}: CDX answer has no header row of field names")
        snapshots = []
        for capture in captures:
            if not isinstance(capture, list) or len(capture) != len(header):
                continue  # e.g. the resume key row after the captures
            fields = dict(zip(header, capture, strict=True))
            status = _int_or_none(fields.get("statuscode"))
            if status is not None and status != 200:
                continue  # the filter should have done this; never trust a redirect as a page
            snapshots.append(self._snapshot(fields["timestamp"], fields["original"], status))
        return snapshots

    def _snapshot(self, timestamp: str, original: str, status: int | None) -> Snapshot:
        return Snapshot(
            url=self.snapshot_url(timestamp, original),
            original=original,
            datetime=parse_timestamp(timestamp),
            archive=self.name,
            status=status,
            raw_url=self.snapshot_url(timestamp, original, "id_"),
        )

    # -- availability API (fallback) -----------------------------------------

    def _availability(self, url: str, near: dt.date | dt.datetime | None) -> list[Snapshot]:
        params = {"url": url}
        if near is not None:
            params["timestamp"] = timestamp14(reference_instant(near))
        response = send(
            self.session, "GET", self.availability_url, archive=self.name,
            timeout=self.timeout, params=params, allow_redirects=True,
        )
        if response.status_code != 200:
            raise ArchiveError(
                f"{self.name}: availability API answered HTTP {response.status_code}"
            )
        data = json_body(response, archive=self.name)
        closest = (data.get("archived_snapshots") or {}).get("closest") if isinstance(
            data, dict
        ) else None
        if not closest or not closest.get("available", True):
            return []
        status = _int_or_none(closest.get("status"))
        if status != 200 or not closest.get("timestamp"):
            return []
        original = _original_from_replay(closest.get("url", ""), closest["timestamp"]) or url
        return [self._snapshot(closest["timestamp"], original, status)]


def _original_from_replay(replay: str, timestamp: str) -> str | None:
    marker = f"/{timestamp}/"
    _, found, rest = replay.partition(marker)
    return rest if found and rest else None


def _int_or_none(text: Any) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
