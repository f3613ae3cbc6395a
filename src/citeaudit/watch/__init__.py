"""Scheduled link-rot checks: watch many articles' citations over time.

``store`` (SQLite history, schema migrations), ``schedule`` (when a link is
dead), ``discover`` (sitemaps and feeds), ``run`` (a run: refresh, check,
commit), ``report`` (what changed), ``clock`` (injectable time).  See
``docs/watch.md``.
"""

from __future__ import annotations

from citeaudit.watch.clock import Clock, ManualClock, SystemClock
from citeaudit.watch.discover import Listing, SourceKind, discover, parse_listing
from citeaudit.watch.report import WatchReport, build_report, render
from citeaudit.watch.run import Runner, RunSummary, WatchOptions, add_targets
from citeaudit.watch.schedule import CheckKind, DeadPolicy, Event, LinkState, UrlState, kind_of
from citeaudit.watch.store import RunInfo, Target, WatchStore, default_db_path

__all__ = [
    "CheckKind",
    "Clock",
    "DeadPolicy",
    "Event",
    "LinkState",
    "Listing",
    "ManualClock",
    "RunInfo",
    "RunSummary",
    "Runner",
    "SourceKind",
    "SystemClock",
    "Target",
    "UrlState",
    "WatchOptions",
    "WatchReport",
    "WatchStore",
    "add_targets",
    "build_report",
    "default_db_path",
    "discover",
    "kind_of",
    "parse_listing",
    "render",
]
