"""Look-up answers kept across runs, each kind for its own time (requests-cache's SQLite store).

A re-run, or a ``watch`` run, asks an archive only about what it has not
answered lately.  What an answer is worth decides how long it is kept:

* a capture on or before the access date: :data:`TTL` ``before`` (30 days):
  it is the page the author could have seen, and an earlier capture closer to
  the date is seldom added later;
* only a capture after the access date: ``after`` (7 days): one before it may
  still turn up (archives import older collections);
* no capture at all: ``none`` (1 day): anyone may capture the page any day
  (``--save-missing`` does);
* failures (errors, rate limits, unreachable) are never kept.

The answers live beside the HTTP cache (``HttpConfig.cache_path``), in
``archive-lookups.sqlite``, stored by requests-cache's ``SQLiteDict`` (the
HTTP cache itself keeps only GET answers, and the batch interface is a POST).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from citeaudit.archive.interface import Snapshot, reference_instant
from citeaudit.config import Config

Near = dt.date | dt.datetime | None

TTL: dict[str, float] = {"before": 30 * 86400.0, "after": 7 * 86400.0, "none": 86400.0}
"""Seconds each kind of answer is kept (see the module docstring)."""
FILE = "archive-lookups.sqlite"


class LookupCache:
    """Archive answers by ``(archive, url, access date)``, each kept for its kind's TTL."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        from requests_cache.backends.sqlite import SQLiteDict

        path.parent.mkdir(parents=True, exist_ok=True)
        self._store = SQLiteDict(str(path), "lookups", serializer=None)
        self._clock = clock
        self._lock = threading.Lock()

    @classmethod
    def for_config(cls, config: Config) -> LookupCache | None:
        """The cache beside ``config``'s HTTP cache; ``None`` without one, or when replaying."""
        http = config.http
        if http.cache_path is None or http.replay is not None:
            return None
        return cls(Path(http.cache_path) / FILE)

    def get(self, archive: str, url: str, near: Near) -> list[Snapshot] | None:
        """The kept answer, or ``None`` when there is none still fresh."""
        key = _key(archive, url, near)
        with self._lock:
            try:
                raw = self._store[key]
            except KeyError:
                return None
        entry = json.loads(raw)
        if entry["expires"] <= self._clock():
            return None
        return [_snapshot(row) for row in entry["snapshots"]]

    def put(self, archive: str, url: str, near: Near, snapshots: list[Snapshot]) -> None:
        """Keep an answer for as long as its kind is worth."""
        kind = kind_of(snapshots, near)
        entry = {"kind": kind, "expires": self._clock() + TTL[kind],
                 "snapshots": [_row(s) for s in snapshots]}
        with self._lock:
            self._store[_key(archive, url, near)] = json.dumps(entry).encode()

    def close(self) -> None:
        self._store.close()


def kind_of(snapshots: list[Snapshot], near: Near) -> str:
    """``before``, ``after`` or ``none``: which TTL an answer gets."""
    if not snapshots:
        return "none"
    if near is None or any(s.datetime <= reference_instant(near) for s in snapshots):
        return "before"
    return "after"


def _key(archive: str, url: str, near: Near) -> str:
    return json.dumps([archive, url, near.isoformat() if near is not None else None])


def _row(snapshot: Snapshot) -> dict[str, Any]:
    return {"url": snapshot.url, "original": snapshot.original,
            "datetime": snapshot.datetime.isoformat(), "archive": snapshot.archive,
            "status": snapshot.status, "raw_url": snapshot.raw_url}


def _snapshot(row: dict[str, Any]) -> Snapshot:
    return Snapshot(row["url"], row["original"], dt.datetime.fromisoformat(row["datetime"]),
                    row["archive"], row["status"], row["raw_url"])
