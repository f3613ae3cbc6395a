"""The Internet Archive's batch availability interface: many URLs, one request.

InternetArchiveBot asks ``POST https://archive.org/wayback/available`` with the
header ``Wayback-Api-Version: 2`` and one line per URL::

    url=<url>&timestamp=<YYYYMMDDhhmmss>&closest=before&statuscodes=200&statuscodes=203&statuscodes=206&tag=<n>

and reads ``{"results": [{"tag": …, "archived_snapshots": {"closest": {…}}}]}``
back (``internetarchive/internetarchivebot``, ``app/src/Core/APII.php``,
``CDXQuery`` and ``retrieveArchive``).  Two habits of that client are kept
here because the answer needs them:

* an answer may leave some tags out; those lines are posted again (the bot
  tries up to 50 times, WaybackMedic reports the same gaps), here up to
  :data:`ATTEMPTS` times, after which that URL alone is "could not check";
* a URL with no capture before the access date is asked once more with
  ``closest=after`` (the bot's second pass).

How many lines one request may carry is not published.  The bot sends every
URL of a Wikipedia page in one request (pages cite hundreds); here a request
carries at most :data:`MAX_LINES` lines and :data:`MAX_BYTES` bytes, well
inside the 1 MiB body an nginx front end accepts by default, and an answer of
413 halves the batch.  See ``docs/archive.md``.

A POST is never retried by the shared session, so the polite part for it is
here: a 429 is waited out for its ``Retry-After`` (or a doubling backoff when
it names none) and never sent through; a wait longer than
``HttpConfig.max_retry_after`` gives up as rate-limited instead.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

import attrs
import requests

from citeaudit.archive._http import json_body, send
from citeaudit.archive.interface import reference_instant
from citeaudit.config import HttpConfig
from citeaudit.errors import ArchiveError, ArchiveRateLimited

Near = dt.date | dt.datetime | None
Key = tuple[str, Near]

STATUSES = (200, 203, 206)
"""Capture statuses asked for, as InternetArchiveBot asks: pages, never redirects or errors."""
MAX_LINES = 500
"""Most URLs one request carries."""
MAX_BYTES = 512 * 1024
"""Largest request body sent (half of nginx's default ``client_max_body_size``)."""
ATTEMPTS = 3
"""Posts of a line whose tag the answers keep leaving out, before giving that URL up."""
NO_RETRY_AFTER_WAIT = 5.0
"""Seconds waited after a 429 that names no ``Retry-After`` (doubled each time)."""
API_VERSION = {"Wayback-Api-Version": "2"}


@attrs.frozen
class Closest:
    """The capture the availability interface named for one line."""

    timestamp: str
    url: str
    status: int | None


Answer = Closest | None | Exception
"""A capture, ``None`` (the Archive holds none for that direction), or why it is unknown."""


def timestamp14(moment: dt.datetime) -> str:
    """A Wayback timestamp (``YYYYMMDDhhmmss``, UTC)."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S")


def line(url: str, near: Near, closest: str, tag: int) -> str:
    """One request line, as InternetArchiveBot writes it."""
    fields: list[tuple[str, str]] = [("url", url)]
    if near is not None:
        fields += [("timestamp", timestamp14(reference_instant(near))), ("closest", closest)]
    fields += [("statuscodes", str(code)) for code in STATUSES]
    fields.append(("tag", str(tag)))
    return urlencode(fields)


class AvailabilityClient:
    """Asks the batch availability interface about many ``(url, near)`` keys."""

    def __init__(
        self,
        session: requests.Session,
        http: HttpConfig,
        *,
        url: str,
        archive: str = "wayback",
        max_lines: int = MAX_LINES,
        max_bytes: int = MAX_BYTES,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.session = session
        self.http = http
        self.url = url
        self.archive = archive
        self.max_lines = max(1, max_lines)
        self.max_bytes = max_bytes
        self.sleep = sleep
        self.requests = 0
        """POSTs sent so far (retries included), for benches and tests."""

    def closest(self, keys: Sequence[Key], direction: str = "before") -> dict[Key, Answer]:
        """The capture closest to each key's date in ``direction`` (``before`` or ``after``)."""
        answers: dict[Key, Answer] = {}
        pending = list(dict.fromkeys(keys))
        while pending:
            chunk = self._chunk(pending)
            try:
                answers.update(self._ask(chunk, direction))
            except _TooLarge:
                if len(chunk) == 1:
                    answers[chunk[0]] = ArchiveError(
                        f"{self.archive}: the availability interface refused the line as too large")
                else:
                    self.max_lines = max(1, len(chunk) // 2)
                    continue
            pending = pending[len(chunk):]
        return answers

    def _chunk(self, pending: list[Key]) -> list[Key]:
        chunk: list[Key] = []
        size = 0
        for key in pending[: self.max_lines]:
            cost = len(line(key[0], key[1], "before", len(chunk))) + 1
            if chunk and size + cost > self.max_bytes:
                break
            chunk.append(key)
            size += cost
        return chunk

    def _ask(self, chunk: list[Key], direction: str) -> dict[Key, Answer]:
        """One chunk, re-posting the lines an answer left out."""
        answers: dict[Key, Answer] = {}
        missing = dict(enumerate(chunk))
        for _ in range(ATTEMPTS):
            body = "\n".join(
                line(url, near, direction, tag) for tag, (url, near) in missing.items())
            results = self._post(body)
            for tag, answer in results.items():
                key = missing.pop(tag, None)
                if key is not None:
                    answers[key] = answer
            if not missing:
                return answers
        for key in missing.values():
            answers[key] = ArchiveError(
                f"{self.archive}: the availability interface left {key[0]} out of "
                f"{ATTEMPTS} answers")
        return answers

    def _post(self, body: str) -> dict[int, Answer]:
        """POST one body, waiting out 429s politely; the answers by tag."""
        waited = 0
        while True:
            self.requests += 1
            try:
                response = send(
                    self.session, "POST", self.url, archive=self.archive,
                    timeout=(self.http.connect_timeout, self.http.read_timeout),
                    data=body.encode(), allow_redirects=True,
                    headers={**API_VERSION,
                             "Content-Type": "application/x-www-form-urlencoded"},
                )
            except ArchiveRateLimited as exc:
                wait = getattr(exc, "retry_after", None)
                if wait is None:
                    wait = NO_RETRY_AFTER_WAIT * 2 ** waited
                if waited >= self.http.retries or wait > self.http.max_retry_after:
                    raise
                waited += 1
                self.sleep(wait)
                continue
            if response.status_code == 413:
                raise _TooLarge
            if response.status_code >= 500 and waited < self.http.retries:
                waited += 1
                self.sleep(self.http.backoff * 2 ** waited)
                continue
            if response.status_code != 200:
                raise ArchiveError(
                    f"{self.archive}: availability interface answered HTTP {response.status_code}")
            return _parse(json_body(response, archive=self.archive), self.archive)


class _TooLarge(Exception):
    """The interface answered 413: the batch must be smaller."""


def _parse(data: Any, archive: str) -> dict[int, Answer]:
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise ArchiveError(f"{archive}: availability answer has no results list")
    out: dict[int, Answer] = {}
    for result in results:
        if not isinstance(result, dict):
            continue
        try:
            tag = int(str(result.get("tag")))
        except ValueError:
            continue
        snapshots = result.get("archived_snapshots")
        if not isinstance(snapshots, dict):
            continue  # no verdict for this line: it is asked again
        closest = snapshots.get("closest")
        if not isinstance(closest, dict) or not closest.get("available", True):
            out[tag] = None
            continue
        status = _int_or_none(closest.get("status"))
        stamp = str(closest.get("timestamp") or "")
        if not stamp or status not in STATUSES:
            out[tag] = None  # only pages were asked for; anything else is no page
            continue
        out[tag] = Closest(stamp, str(closest.get("url") or ""), status)
    return out


def _int_or_none(text: Any) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
