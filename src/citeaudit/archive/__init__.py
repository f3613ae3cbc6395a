"""Web-archive snapshots of cited pages, nearest the note's access date.

Backends (one module each, all behind :class:`ArchiveBackend` in
``interface.py``): the Internet Archive (``wayback.py``: the batch
availability interface of ``availability.py``, CDX where that is not
enough), any Memento archive (``memento.py``, TimeMap/TimeGate), and Memento
aggregators (``aggregator.py``: Time Travel, MemGator).  Around them:
``lookup.py`` (batches, rate limits, the circuit breaker), ``cache.py``
(answers kept across runs), ``politeness.py`` (per-archive intervals),
``cited.py`` (archived copies a note already cites), ``sanity.py`` (is a
capture a real page?) and ``save.py`` (Save Page Now).  Everything goes
through the shared HTTP session (``citeaudit.http.make_session``) or one
passed in.  ``docs/archive.md`` says what is asked, how often, and why.
"""

from __future__ import annotations

from citeaudit.archive.aggregator import AggregatedMementos, TimeTravelArchive
from citeaudit.archive.cache import LookupCache
from citeaudit.archive.cited import CitedCopy, recognise
from citeaudit.archive.interface import (
    ArchiveBackend,
    ArchivedPage,
    ArchiveStatus,
    LookupFailure,
    Problem,
    Snapshot,
    SnapshotLookup,
    best_first,
)
from citeaudit.archive.lookup import (
    Batch,
    archive_session,
    backends,
    fetch_snapshot,
    find_snapshots,
    lookup_snapshots,
)
from citeaudit.archive.memento import MementoArchive
from citeaudit.archive.registry import KNOWN, ArchiveSpec, parse_spec, parse_specs
from citeaudit.archive.wayback import WaybackArchive

__all__ = [
    "KNOWN",
    "AggregatedMementos",
    "ArchiveBackend",
    "ArchiveSpec",
    "ArchiveStatus",
    "ArchivedPage",
    "Batch",
    "CitedCopy",
    "LookupCache",
    "LookupFailure",
    "MementoArchive",
    "Problem",
    "Snapshot",
    "SnapshotLookup",
    "TimeTravelArchive",
    "WaybackArchive",
    "archive_session",
    "backends",
    "best_first",
    "fetch_snapshot",
    "find_snapshots",
    "lookup_snapshots",
    "parse_spec",
    "parse_specs",
    "recognise",
]
