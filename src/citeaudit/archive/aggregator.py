"""Any Memento archive in one request per URL, through an aggregator.

Two kinds, beside asking listed archives one by one (``--archive NAME`` per
archive):

* **Time Travel** (``--archive timetravel``, or ``timetravel=API_PREFIX`` for
  another deployment): ``GET {prefix}{YYYYMMDDhhmmss}/{url}`` answers JSON
  naming, across every archive it knows, the mementos ``closest`` to the
  date and the ``prev``/``next`` ones around it (``{"mementos": {"closest":
  {"datetime", "uri": [...]}, "prev": …, "next": …}}``; 404 when none).
* **MemGator** (``--archive memgator=http://host:1208/``): a self-hosted
  aggregator whose ``timemap/link/{url}`` merges every archive's TimeMap into
  one.

Either way the mementos still come from many archives, so each snapshot is
named after the archive that holds it (the memento's host), and the preferred
candidates are probed as :class:`~citeaudit.archive.memento.MementoArchive`
probes them: only a memento that replays as 200 is a page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

import requests

from citeaudit.archive._http import Request, Steps, json_body
from citeaudit.archive.cited import archive_today_host, wayback_host
from citeaudit.archive.interface import (
    Snapshot,
    best_first,
    reference_instant,
    without_fragment,
)
from citeaudit.archive.memento import MementoArchive, with_raw_modifier
from citeaudit.config import HttpConfig
from citeaudit.errors import ArchiveError

TIMETRAVEL_API = "http://timetravel.mementoweb.org/api/json/"
WAYBACK_SOFTWARE = frozenset({
    "web.archive.org", "webarchive.loc.gov", "wayback.archive-it.org", "www.webarchive.org.uk",
    "arquivo.pt", "wayback.vefsafn.is", "webarchive.nla.gov.au",
})
"""Archives whose mementos take the ``id_`` modifier for their original bytes."""


def archive_of(memento_url: str) -> str:
    """The name a memento's archive is reported under: its host (``web.archive.org`` is
    ``wayback``, archive.today's mirrors are ``archive.today``)."""
    host = (urlsplit(memento_url).hostname or "archive").lower()
    # The same hosts the cited-copy recogniser knows, so both name an archive alike.
    if wayback_host(host):
        return "wayback"
    if archive_today_host(host):
        return "archive.today"
    return host


class AggregatedMementos(MementoArchive):
    """A MemGator-style aggregator: one merged TimeMap, mementos named by their archive."""

    def _snapshot(self, memento: str, original: str, when: dt.datetime) -> Snapshot:
        host = (urlsplit(memento).hostname or "").lower()
        raw = with_raw_modifier(memento) if host in WAYBACK_SOFTWARE else None
        return Snapshot(url=memento, original=original, datetime=when,
                        archive=archive_of(memento), raw_url=raw)


class TimeTravelArchive(AggregatedMementos):
    """The Time Travel service's JSON API: the mementos around a date, in every archive."""

    def __init__(
        self,
        session: requests.Session,
        http: HttpConfig | None = None,
        *,
        api_prefix: str = TIMETRAVEL_API,
        name: str = "timetravel",
        max_probes: int = 6,
    ) -> None:
        super().__init__(session, http, timemap_prefix=api_prefix, name=name,
                         timegate_prefix=None, max_probes=max_probes)
        self.api_prefix = api_prefix

    def snapshot_steps(
        self, url: str, near: dt.date | dt.datetime | None = None, *, limit: int = 1
    ) -> Steps[list[Snapshot]]:
        """Up to ``limit`` mementos of ``url`` that replay as 200, best first for ``near``."""
        url = without_fragment(url)
        when = reference_instant(near or dt.datetime.now(dt.UTC))
        stamp = when.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S")
        response = yield Request("GET", f"{self.api_prefix}{stamp}/{url}", allow_redirects=True)
        if response.status_code == 404:
            return []  # no archive Time Travel knows holds a memento
        if response.status_code != 200:
            raise ArchiveError(f"{self.name}: Time Travel answered HTTP {response.status_code}")
        data = json_body(response, archive=self.name)
        candidates = self._candidates(data, url)
        return (yield from self._verified(best_first(candidates, near), limit))

    def _candidates(self, data: Any, url: str) -> list[Snapshot]:
        mementos = data.get("mementos") if isinstance(data, dict) else None
        if not isinstance(mementos, dict):
            raise ArchiveError(f"{self.name}: Time Travel answer names no mementos")
        original = str(data.get("original_uri") or url)
        found: list[Snapshot] = []
        for rel in ("prev", "closest", "next"):
            entry = mementos.get(rel)
            if not isinstance(entry, dict):
                continue
            when = _iso(entry.get("datetime"))
            uris = entry.get("uri")
            if when is None or not isinstance(uris, list):
                continue
            found += [self._snapshot(str(u), original, when) for u in uris if u]
        return found


def _iso(text: Any) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
