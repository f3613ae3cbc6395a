"""Archive look-ups as the report states them: found, none, unknown, or why not made."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
from collections.abc import Mapping

from citeaudit.archive.cited import IS_A_COPY, CitedCopy, recognise
from citeaudit.archive.interface import (
    LookupFailure,
    Problem,
    Snapshot,
    SnapshotLookup,
    reference_instant,
)
from citeaudit.links import LinkResult


def cited_lookup(url: str, near: dt.date | None, copy: CitedCopy, result: LinkResult | None,
                 checked_at: dt.datetime) -> SnapshotLookup:
    """The copy the note cites, as its look-up: usable if it checked as a working page.

    ``result`` is the copy's own link check (``None`` if it was not made);
    ``checked_at`` dates a copy whose address names no date and whose note has none.
    """
    if result is None:
        why = "interrupted before the cited copy was checked"
        return SnapshotLookup.unasked(url, near, why)
    if not result.is_ok:
        failure = LookupFailure(
            copy.archive, Problem.ARCHIVE_ERROR,
            f"the archived copy the note cites ({copy.url}) is not a working page: "
            f"{result.outcome.value}: {result.reason}")
        return SnapshotLookup(url, near, failures=(failure,))
    # A copy cited by a short id (archive.today, Perma.cc) names no date: the note's
    # access date stands in for it, as the date the note vouches for.
    when = copy.datetime or reference_instant(near or checked_at)
    snapshot = Snapshot(copy.url, copy.original or url, when, copy.archive,
                        status=result.status)
    return SnapshotLookup(url, near, (snapshot,), cited=True)


def _finished(future: concurrent.futures.Future[SnapshotLookup]) -> SnapshotLookup | None:
    """A look-up's result if it finished cleanly, else ``None`` (interrupted runs)."""
    if not future.done() or future.cancelled() or future.exception() is not None:
        return None
    return future.result()



def lookup_state(
    url: str,
    near: dt.date | None,
    *,
    cited: CitedCopy | None,
    checked: SnapshotLookup | None,
    future: concurrent.futures.Future[SnapshotLookup] | None,
    asked_archives: bool,
    links: Mapping[str, LinkResult],
    checked_at: dt.datetime,
) -> SnapshotLookup:
    """The look-up as the report states it: found, none, unknown, or why it was not made.

    ``cited`` is the copy the note cites (checked as a link, in ``links``) instead
    of a look-up; ``checked`` the look-up as restated once its nearest capture
    proved no real page; ``future`` the archives' answer, if they were asked.
    """
    if recognise(url) is not None:
        return SnapshotLookup.unasked(url, near, IS_A_COPY)
    if cited is not None:
        return cited_lookup(url, near, cited, links.get(cited.url), checked_at)
    if checked is not None:
        return checked
    if future is None:
        why = "archives disabled" if not asked_archives else "not looked up"
        return SnapshotLookup.unasked(url, near, why)
    if not future.done() or future.cancelled():
        return SnapshotLookup.unasked(url, near, "interrupted before the look-up finished")
    exc = future.exception()
    if exc is not None:
        failure = LookupFailure("archives", Problem.ARCHIVE_ERROR, f"look-up failed: {exc}")
        return SnapshotLookup(url, near, failures=(failure,))
    return future.result()
