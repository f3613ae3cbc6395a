"""Scheduled link-rot checks: watch many articles' citations over time.

``store`` (SQLite history, schema migrations), ``schedule`` (when a link is
dead), ``discover`` (sitemaps and feeds), ``run`` (a run: refresh, check,
commit), ``report`` (what changed), ``clock`` (injectable time).  See
``docs/watch.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from citeaudit._lazy import exports

if TYPE_CHECKING:
    from citeaudit.watch.clock import Clock, ManualClock, SystemClock
    from citeaudit.watch.discover import Listing, SourceKind, discover, parse_listing
    from citeaudit.watch.report import WatchReport, build_report, render
    from citeaudit.watch.run import Runner, RunSummary, WatchOptions, add_targets
    from citeaudit.watch.schedule import CheckKind, DeadPolicy, Event, LinkState, UrlState, kind_of
    from citeaudit.watch.store import RunInfo, Target, WatchStore, default_db_path

_HOMES = {
    "CheckKind": "citeaudit.watch.schedule",
    "Clock": "citeaudit.watch.clock",
    "DeadPolicy": "citeaudit.watch.schedule",
    "Event": "citeaudit.watch.schedule",
    "LinkState": "citeaudit.watch.schedule",
    "Listing": "citeaudit.watch.discover",
    "ManualClock": "citeaudit.watch.clock",
    "RunInfo": "citeaudit.watch.store",
    "RunSummary": "citeaudit.watch.run",
    "Runner": "citeaudit.watch.run",
    "SourceKind": "citeaudit.watch.discover",
    "SystemClock": "citeaudit.watch.clock",
    "Target": "citeaudit.watch.store",
    "UrlState": "citeaudit.watch.schedule",
    "WatchOptions": "citeaudit.watch.run",
    "WatchReport": "citeaudit.watch.report",
    "WatchStore": "citeaudit.watch.store",
    "add_targets": "citeaudit.watch.run",
    "build_report": "citeaudit.watch.report",
    "default_db_path": "citeaudit.watch.store",
    "discover": "citeaudit.watch.discover",
    "kind_of": "citeaudit.watch.schedule",
    "parse_listing": "citeaudit.watch.discover",
    "render": "citeaudit.watch.report",
}
__getattr__, __dir__ = exports(__name__, globals(), _HOMES)

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
