"""Any Memento (RFC 7089) archive: TimeMap first, TimeGate when the TimeMap fails.

Configured as MemGator does: by a TimeMap URL prefix to which the original
URL is appended (``https://archive.today/timemap/`` + URL).  The TimeGate
prefix is derived from it by the two conventions archives follow
(``…/timemap/link/`` → ``…/``, ``…/timemap/`` → ``…/timegate/``) unless given.

A TimeMap lists mementos and their datetimes but not the status of the
captured response, so the preferred candidates are probed (``HEAD``, no
redirects followed) until one answers 200: a memento of a redirect or of an
error page replays with that status and a ``Memento-Datetime`` header, and is
never chosen as the page.  ``max_probes`` bounds the cost per URL.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from urllib.parse import urljoin, urlsplit

import attrs
import requests

from citeaudit.archive._http import Request, Steps, drive
from citeaudit.archive.interface import (
    UTC,
    Snapshot,
    StepwiseBackend,
    best_first,
    reference_instant,
    without_fragment,
)
from citeaudit.archive.linkformat import Link, parse_links
from citeaudit.config import HttpConfig
from citeaudit.errors import ArchiveError, NetworkError, PolicyRefused

MAX_PROBES = 6
"""Most mementos probed for one URL before giving up on finding a page capture."""
_HOPS = 3
"""Plain (non-memento) redirects followed while probing, e.g. http → https."""
_TIMESTAMP = re.compile(r"/(\d{14})/")


def derive_timegate(timemap_prefix: str) -> str | None:
    """The TimeGate prefix that goes with a TimeMap prefix, by the usual conventions."""
    for suffix, replacement in (("timemap/link/", ""), ("timemap/", "timegate/")):
        if timemap_prefix.endswith(suffix):
            return timemap_prefix[: -len(suffix)] + replacement
    return None


def http_date(moment: dt.datetime) -> str:
    """RFC 1123 date as ``Accept-Datetime`` wants it."""
    return email.utils.format_datetime(moment.astimezone(UTC), usegmt=True)


def parse_http_date(text: str) -> dt.datetime | None:
    """An RFC 1123 date as an aware UTC datetime, or ``None`` if it is not one."""
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def with_raw_modifier(memento_url: str) -> str:
    """The ``id_`` form of a Wayback-software memento URL (pywb, OpenWayback, the IA)."""
    return _TIMESTAMP.sub(lambda m: f"/{m.group(1)}id_/", memento_url, count=1)


class MementoArchive(StepwiseBackend):
    """A web archive reached through the Memento protocol."""

    def __init__(
        self,
        session: requests.Session,
        http: HttpConfig | None = None,
        *,
        timemap_prefix: str,
        name: str | None = None,
        timegate_prefix: str | None = None,
        raw_modifier: bool = False,
        max_probes: int = MAX_PROBES,
    ) -> None:
        super().__init__(session, http)
        self.timemap_prefix = timemap_prefix
        self.timegate_prefix = timegate_prefix or derive_timegate(timemap_prefix)
        self.name = name or urlsplit(timemap_prefix).netloc
        self.raw_modifier = raw_modifier
        self.max_probes = max_probes

    def snapshot_steps(
        self, url: str, near: dt.date | dt.datetime | None = None, *, limit: int = 1
    ) -> Steps[list[Snapshot]]:
        """Up to ``limit`` mementos of ``url`` that replay as 200, best first for ``near``."""
        url = without_fragment(url)
        response = yield Request("GET", self.timemap_prefix + url,
                                 headers={"Accept": "application/link-format"},
                                 allow_redirects=True)
        if response.status_code == 404:
            return []  # RFC 7089: no TimeMap means no mementos
        if response.status_code == 200:
            candidates = self._mementos(parse_links(response.text), url)
        elif self.timegate_prefix:
            candidates = yield from self._timegate_candidates(url, near)
        else:
            raise ArchiveError(f"{self.name}: TimeMap answered HTTP {response.status_code}")
        return (yield from self._verified(best_first(candidates, near), limit))

    def timegate(self, url: str, near: dt.date | dt.datetime, *, limit: int = 1) -> list[Snapshot]:
        """Ask the TimeGate alone (``Accept-Datetime``); the closest page memento, if any.

        A TimeGate picks the memento nearest the datetime on either side; the
        ``prev``/``next`` mementos it links to are weighed too, so a page
        before the access date is still preferred when the archive names one.
        """
        return drive(self.session, self.name, self.timeout,
                     self._timegate_steps(without_fragment(url), near, limit))

    def _timegate_steps(self, url: str, near: dt.date | dt.datetime,
                        limit: int) -> Steps[list[Snapshot]]:
        candidates = yield from self._timegate_candidates(url, near)
        return (yield from self._verified(best_first(candidates, near), limit))

    # -- internals -----------------------------------------------------------

    def _mementos(self, links: list[Link], url: str) -> list[Snapshot]:
        original = next((link.target for link in links if "original" in link.rels), url)
        found = []
        for link in links:
            if "memento" not in link.rels:
                continue
            when = parse_http_date(link.params.get("datetime", ""))
            if when is not None and link.target:
                found.append(self._snapshot(link.target, original, when))
        return found

    def _snapshot(self, memento: str, original: str, when: dt.datetime) -> Snapshot:
        raw = with_raw_modifier(memento) if self.raw_modifier else None
        return Snapshot(
            url=memento, original=original, datetime=when, archive=self.name, raw_url=raw
        )

    def _timegate_candidates(
        self, url: str, near: dt.date | dt.datetime | None
    ) -> Steps[list[Snapshot]]:
        if not self.timegate_prefix:
            raise ArchiveError(f"{self.name}: no TimeGate configured")
        headers = {"Accept-Datetime": http_date(reference_instant(near))} if near else {}
        gate_url = self.timegate_prefix + url
        response = yield Request("GET", gate_url, headers=headers)
        if response.status_code == 404 and "Memento-Datetime" not in response.headers:
            return []
        links = parse_links(response.headers.get("Link", ""))
        candidates = self._mementos(links, url)
        when = parse_http_date(response.headers.get("Memento-Datetime", ""))
        if when is not None:
            # the gate answered with the memento itself (pywb, RFC 7089 pattern 2.1)
            here = urljoin(gate_url, response.headers.get("Content-Location", gate_url))
            original = next((lk.target for lk in links if "original" in lk.rels), url)
            candidates.append(self._snapshot(here, original, when))
        elif response.is_redirect and "Location" in response.headers:
            # pattern 2.2/2.3: the gate redirects to the memento; its datetime comes from a probe
            location = urljoin(gate_url, response.headers["Location"])
            status, final, when = yield from self._probe(location)
            if when is not None:
                snap = attrs.evolve(self._snapshot(final, url, when), status=status)
                candidates.append(snap)
        elif not candidates:
            raise ArchiveError(f"{self.name}: TimeGate answered HTTP {response.status_code}")
        return candidates

    def _verified(self, candidates: list[Snapshot], limit: int) -> Steps[list[Snapshot]]:
        chosen: list[Snapshot] = []
        for snapshot in candidates[: self.max_probes]:
            status, final, _ = yield from self._probe(snapshot.url)
            if status == 200:
                chosen.append(attrs.evolve(snapshot, url=final, status=status))
                if len(chosen) >= max(limit, 1):
                    break
        return chosen

    def _probe(self, memento_url: str) -> Steps[tuple[int, str, dt.datetime | None]]:
        """Status, final URL and ``Memento-Datetime`` of a memento, following only plain hops."""
        current = memento_url
        status = 0
        for _ in range(_HOPS + 1):
            try:
                response = yield Request("HEAD", current)
            except PolicyRefused:
                raise  # a GET to the same address would be refused too
            except NetworkError:
                response = None  # some servers mishandle HEAD: a GET may still get through
            if response is None or response.status_code in (405, 501):
                response = yield Request("GET", current, stream=True)
                response.close()
            when = parse_http_date(response.headers.get("Memento-Datetime", ""))
            location = response.headers.get("Location")
            status = response.status_code
            if response.is_redirect and location and when is None:
                current = urljoin(current, location)  # the archive's own hop, not a capture
                continue
            return response.status_code, current, when
        return status, current, None  # too many plain hops: still a redirect, not a page
