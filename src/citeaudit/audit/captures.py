"""Choosing the archived copy to verify against: the nearest capture that is a real page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import requests

from citeaudit.archive.interface import (
    LookupFailure,
    Problem,
    Snapshot,
    SnapshotLookup,
    best_first,
)
from citeaudit.archive.sanity import fetch_and_judge
from citeaudit.audit.model import _Text
from citeaudit.config import HttpConfig
from citeaudit.errors import CiteauditError
from citeaudit.extract import PageText
from citeaudit.report.model import Source

SNAPSHOT_TRIES = 3
"""Captures fetched for one URL, nearest first, before saying none near the date is a page."""


def first_real_page(
    lookup: SnapshotLookup | None,
    url: str,
    near: dt.date | None,
    *,
    session: requests.Session,
    http: HttpConfig,
    more: Callable[[str], list[Snapshot]],
    read: Callable[[bytes, str | None, str], PageText | None],
    checked: Callable[[SnapshotLookup], None],
) -> _Text | None:
    """The text of ``url``'s nearest capture that is a real page (see :mod:`..archive.sanity`).

    A capture that is no page (archived error, soft 404, redirect home, bot
    wall) gives way to the next nearest, asked of its archive (``more``) when the
    look-up named no other; when none is a page, the note's look-up says so:
    ``checked`` is given the look-up as the report should state it instead.
    ``read`` extracts a capture's text (body, content type, original URL).
    """
    if lookup is None or lookup.best is None:
        return None
    first = lookup.best
    candidates = list(lookup.snapshots)
    tried: set[str] = set()
    rejected: list[str] = []
    asked_more = False
    while len(tried) < SNAPSHOT_TRIES:
        snapshot = next((s for s in candidates if s.url not in tried), None)
        if snapshot is None:
            if asked_more:
                break
            asked_more = True
            candidates = best_first(candidates + more(first.archive), near)
            continue
        tried.add(snapshot.url)
        try:
            verdict = fetch_and_judge(snapshot, session, http)
        except (CiteauditError, requests.RequestException, OSError):
            return None  # could not check: the look-up stands as the archive gave it
        if verdict.ok and verdict.page is not None:
            if snapshot != first:
                rest = tuple(s for s in candidates if s != snapshot and s.url not in tried)
                checked(attrs.evolve(lookup, snapshots=(snapshot, *rest)))
            page = verdict.page
            text = read(page.body, page.content_type, snapshot.original)
            return _Text(text, snapshot.url, Source.ARCHIVE) if text is not None else None
        rejected.append(f"{snapshot.datetime.date().isoformat()}: {verdict.reason}")
    failure = LookupFailure(first.archive, Problem.ARCHIVE_ERROR,
                            "no capture near the access date is a real page ("
                            + "; ".join(rejected) + ")")
    checked(SnapshotLookup(url, near, (), (*lookup.failures, failure)))
    return None
