"""Web-archive snapshots of cited pages, nearest the note's access date.

Backends (one module each, all behind :class:`ArchiveBackend` in
``interface.py``): the Internet Archive (``wayback.py``, CDX look-ups) and any
Memento archive (``memento.py``, TimeMap/TimeGate).  ``save.py`` asks Save
Page Now to capture pages that have no snapshot.  Everything goes through the
shared HTTP session (``citeaudit.http.make_session``) or one passed in.
"""

from __future__ import annotations

from citeaudit.archive.interface import (
    ArchiveBackend,
    ArchivedPage,
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
    "ArchiveBackend",
    "ArchiveSpec",
    "ArchivedPage",
    "Batch",
    "LookupFailure",
    "MementoArchive",
    "Problem",
    "Snapshot",
    "SnapshotLookup",
    "WaybackArchive",
    "archive_session",
    "backends",
    "best_first",
    "fetch_snapshot",
    "find_snapshots",
    "lookup_snapshots",
    "parse_spec",
    "parse_specs",
]
