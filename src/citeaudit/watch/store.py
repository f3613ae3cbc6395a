"""The watch store: what is watched, and every check's result, in SQLite or PostgreSQL.

One database holds the sources (sitemaps, feeds), articles, the URLs they
cite, each run and each check: by default a SQLite file under the user's data
directory, or a PostgreSQL database named by a ``postgresql://`` URL
(:mod:`citeaudit.watch.db`; the same schema and statements on both).
It is built to be interrupted and shared:

* readers never block the writer, and a second process waits its turn
  (SQLite's WAL journal and busy timeout; PostgreSQL's MVCC and a lock timeout);
* every write is one transaction, writers taking turns, so a killed process
  leaves either all of a check or none of it;
* a check is unique per (run, URL): a resumed run records each URL once;
* a run lock (:meth:`WatchStore.run_lock`, an OS or server lock that dies with
  its process) keeps a second ``watch run`` from fetching the same URLs at once.

Only :meth:`WatchStore.__init__` with ``create=True`` (``watch add``) makes a
new database: a mistyped path elsewhere is an error, not an empty database that
reports "nothing broke" forever.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs

from citeaudit.errors import CiteauditError
from citeaudit.watch.clock import Clock, SystemClock, format_time, parse_time
from citeaudit.watch.db import Connection, is_database_url, open_database
from citeaudit.watch.fingerprint import compress, decompress
from citeaudit.watch.schedule import (
    CheckKind,
    DeadPolicy,
    Event,
    LinkState,
    Transition,
    UrlState,
    apply,
)

__all__ = [
    "BUSY_TIMEOUT",
    "CheckRecord",
    "ClaimRow",
    "PageInput",
    "RunBusy",
    "RunInfo",
    "Target",
    "WatchStore",
    "default_db_path",
]

BUSY_TIMEOUT = 60.0
"""Seconds a writer waits for another process's transaction before giving up."""


def default_db_path() -> Path:
    """``watch.sqlite3`` in the user's data directory (``platformdirs``)."""
    import platformdirs

    return platformdirs.user_data_path("citeaudit", appauthor=False) / "watch.sqlite3"


class RunBusy(CiteauditError):
    """Another process holds the database's run lock: its ``watch run`` is still checking."""


@attrs.frozen
class Target:
    """One thing being watched: an article, or a sitemap/feed that lists articles."""

    location: str
    kind: str
    """``file`` or ``url`` (articles), ``sitemap`` or ``feed`` (sources)."""
    added_at: dt.datetime
    title: str | None = None
    urls: int = 0
    """Cited URLs (articles) or articles found (sources)."""
    source: str | None = None
    """The sitemap or feed an article was found in."""
    error: str | None = None
    """Why the last read failed, if it did."""


@attrs.frozen
class RunInfo:
    """A run: the URLs it planned to check, and how far it got."""

    id: int
    started_at: dt.datetime
    due_only: bool
    planned: int
    checked: int
    finished_at: dt.datetime | None = None
    resumed: bool = False
    """This process continues a run an earlier (killed, or concurrent) process started."""


@attrs.frozen
class ClaimRow:
    """A claim of a watched article that cites a given URL."""

    article_id: int
    claim_id: str
    text: str
    context: str


@attrs.frozen
class CheckRecord:
    """What the runner learnt about one URL, ready to be committed.

    The link result is committed first (:meth:`WatchStore.record_check`); the
    page fields, which take longer to compute, may follow in
    :meth:`WatchStore.complete_check`.
    """

    url_id: int
    checked_at: dt.datetime
    outcome: str
    kind: CheckKind
    status: int | None = None
    final_url: str | None = None
    reason: str = ""
    fingerprint: str | None = None
    text: str | None = None
    """Normalised main text, kept for the next comparison."""
    similarity: float | None = None
    drifted: bool = False
    verdicts: tuple[tuple[int, str, str], ...] = ()
    """(article id, claim id, verdict label) for each claim checked against the page."""
    lost: tuple[tuple[int, str, str, str], ...] = ()
    """(article id, claim id, before, after) for claims that lost their support."""
    body_digest: str | None = None
    """:func:`~citeaudit.watch.fingerprint.body_digest` of the body ``text`` was read from;
    ``None`` for a body that must be read again next time (cut at the size cap)."""
    same_body: bool = False
    """The page answered with the body last read (its digest matched): ``fingerprint`` is
    the stored one, and the stored text and digest are kept, not written again."""


@attrs.frozen
class PageInput:
    """What a URL's page work needs from the store: its last text, its claims, their verdicts."""

    fingerprint: str | None
    packed: bytes | None = attrs.field(default=None, repr=False)
    """The last text as stored (zlib): unpacked only for a page that is read again, as most
    pages of a scheduled run answer with the body it was read from and are not."""
    claims: list[ClaimRow] = attrs.field(factory=list)
    verdicts: dict[tuple[int, str], str] = attrs.field(factory=dict)
    body_digest: str | None = None
    """The digest of the body the stored text was read from (``None``: read it again)."""

    @property
    def text(self) -> str:
        """The last text (``""`` if none was stored)."""
        return decompress(self.packed)


_IN_CHUNK = 500
"""URL ids a query names at once (SQLite allows 999 parameters before 3.32)."""


class WatchStore:
    """A connection to one watch database (one per thread; cheap to open)."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        clock: Clock | None = None,
        busy_timeout: float = BUSY_TIMEOUT,
        create: bool = True,
    ) -> None:
        """Open the database at ``path`` (a file, or a ``postgresql://`` URL).

        ``create=False`` refuses a database that does not exist yet.
        """
        if path is None:
            path = default_db_path()
        self.path: Path | None = None if is_database_url(path) else Path(path)
        """The SQLite file (``None`` for a PostgreSQL database)."""
        self.clock = clock or SystemClock()
        self.db = open_database(path, busy_timeout=busy_timeout, create=create)
        self.location = self.db.location
        """Where the database is, for messages (a URL's password hidden)."""

    # -- plumbing ------------------------------------------------------------------------------

    @property
    def conn(self) -> Any:
        """The database's own connection (``sqlite3`` or ``psycopg``), for what SQL cannot share."""
        return self.db.conn  # type: ignore[attr-defined]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> WatchStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run_lock(self) -> AbstractContextManager[None]:
        """Hold the database's run lock for the block; :class:`RunBusy` if another has it.

        The lock dies with its process: ``flock`` on a file beside a SQLite
        database (none where there is no ``flock``, on Windows), a session
        advisory lock on a PostgreSQL server.
        """
        return self.db.run_lock()

    @property
    def schema_version(self) -> int:
        return self.db.schema_version

    def transaction(self) -> AbstractContextManager[Connection]:
        """One write transaction, rolled back on any error; writers take turns."""
        return self.db.transaction()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Rows of a read-only query (rows behave like tuples and mappings)."""
        return self.db.query(sql, params)

    def _now(self) -> str:
        return format_time(self.clock.now())

    # -- what is watched -----------------------------------------------------------------------

    def add_source(self, location: str, kind: str) -> tuple[int, bool]:
        """Watch a sitemap or feed; returns its id and whether it is new."""
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM sources WHERE location = ?", (location,)).fetchone()
            if row:
                return int(row[0]), False
            cur = conn.execute(
                "INSERT INTO sources (location, kind, added_at) VALUES (?, ?, ?) RETURNING id",
                (location, kind, self._now()),
            )
            return int(cur.fetchone()[0]), True

    def add_article(
        self, location: str, kind: str, source_id: int | None = None
    ) -> tuple[int, bool]:
        """Watch an article (``file`` or ``url``); returns its id and whether it is new."""
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM articles WHERE location = ?", (location,)).fetchone()
            if row:
                return int(row[0]), False
            cur = conn.execute(
                "INSERT INTO articles (location, kind, source_id, added_at) VALUES (?, ?, ?, ?) "
                "RETURNING id",
                (location, kind, source_id, self._now()),
            )
            return int(cur.fetchone()[0]), True

    def remove(self, location: str) -> bool:
        """Stop watching an article or source (a source takes its articles with it)."""
        with self.transaction() as conn:
            removed = conn.execute("DELETE FROM sources WHERE location = ?", (location,)).rowcount
            removed += conn.execute("DELETE FROM articles WHERE location = ?", (location,)).rowcount
        return removed > 0

    def targets(self) -> list[Target]:
        """Everything watched: sources first, then articles, each in the order added."""
        out = [
            Target(r["location"], r["kind"], parse_time(r["added_at"]), None, r["n"],
                   None, r["error"])
            for r in self.query(
                "SELECT s.location, s.kind, s.added_at, s.error, "
                "(SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS n "
                "FROM sources s ORDER BY s.id"
            )
        ]
        out.extend(
            Target(r["location"], r["kind"], parse_time(r["added_at"]), r["title"], r["n"],
                   r["source"], r["error"])
            for r in self.query(
                "SELECT a.location, a.kind, a.added_at, a.title, a.error, s.location AS source, "
                "(SELECT count(DISTINCT url_id) FROM citations c WHERE c.article_id = a.id) AS n "
                "FROM articles a LEFT JOIN sources s ON s.id = a.source_id ORDER BY a.id"
            )
        )
        return out

    def sources(self) -> list[tuple[int, str, str]]:
        """(id, location, kind) of every watched sitemap and feed."""
        return [tuple(r) for r in self.query("SELECT id, location, kind FROM sources ORDER BY id")]

    def articles(self, after: int = 0, limit: int = 500) -> list[tuple[int, str, str, str | None]]:
        """(id, location, kind, read mark) of articles with id > ``after``, a page at a time."""
        return [
            tuple(r)
            for r in self.query(
                "SELECT id, location, kind, read_mark FROM articles WHERE id > ? "
                "ORDER BY id LIMIT ?",
                (after, limit),
            )
        ]

    def set_source_read(self, source_id: int, error: str | None) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE sources SET read_at = ?, error = ? WHERE id = ?",
                (self._now(), error, source_id),
            )

    def set_article_error(self, article_id: int, error: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE articles SET read_at = ?, error = ? WHERE id = ?",
                (self._now(), error, article_id),
            )

    def set_article_content(
        self,
        article_id: int,
        *,
        mark: str,
        title: str | None,
        citations: Iterable[tuple[str, str]],
        claims: Iterable[tuple[str, str, str, Sequence[str]]],
    ) -> bool:
        """Record what an article cites; returns ``False`` if it had not changed (``mark``).

        ``citations`` are (note label, URL); ``claims`` are (claim id, text,
        context, note labels).  A changed article drops its claims' past
        verdicts: the next check sets new baselines.
        """
        now = self._now()
        with self.transaction() as conn:
            row = conn.execute("SELECT read_mark FROM articles WHERE id = ?", (article_id,))
            old = row.fetchone()
            if old is None:
                return False
            if old[0] == mark:
                conn.execute(
                    "UPDATE articles SET read_at = ?, error = NULL WHERE id = ?", (now, article_id)
                )
                return False
            conn.execute("DELETE FROM citations WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
            for label, url in citations:
                conn.execute(
                    "INSERT INTO urls (url, host, first_seen) VALUES (?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    (url, _host(url), now),
                )
                conn.execute(
                    "INSERT INTO citations (article_id, note_label, url_id) "
                    "SELECT ?, ?, id FROM urls WHERE url = ? ON CONFLICT DO NOTHING",
                    (article_id, label, url),
                )
            conn.executemany(
                "INSERT INTO claims (article_id, claim_id, text, context, note_labels) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(article_id, cid, text, ctx, json.dumps(list(labels)))
                 for cid, text, ctx, labels in claims],
            )
            conn.execute(
                "UPDATE articles SET title = ?, read_at = ?, read_mark = ?, error = NULL "
                "WHERE id = ?",
                (title, now, mark, article_id),
            )
        return True

    # -- runs ----------------------------------------------------------------------------------

    def unfinished_run(self) -> RunInfo | None:
        """The oldest run that has not finished (killed, interrupted, or running now)."""
        rows = self.query("SELECT id FROM runs WHERE state = 'running' ORDER BY id LIMIT 1")
        return self.run_info(int(rows[0][0]), resumed=True) if rows else None

    def run_info(self, run_id: int, *, resumed: bool = False) -> RunInfo:
        r = self.query(
            "SELECT id, started_at, finished_at, due_only, planned, "
            "(SELECT count(*) FROM checks WHERE run_id = runs.id) AS checked "
            "FROM runs WHERE id = ?",
            (run_id,),
        )[0]
        return RunInfo(
            r["id"], parse_time(r["started_at"]), bool(r["due_only"]), r["planned"],
            r["checked"], parse_time(r["finished_at"]) if r["finished_at"] else None, resumed,
        )

    def last_run(self) -> RunInfo | None:
        rows = self.query("SELECT id FROM runs ORDER BY id DESC LIMIT 1")
        return self.run_info(int(rows[0][0])) if rows else None

    def start_run(self, *, due_only: bool, policy: DeadPolicy) -> RunInfo:
        """Continue the unfinished run if there is one, else plan a new one.

        The plan (which URLs this run checks) is written with the run, so a
        killed run resumes with exactly the URLs it had not yet checked.
        """
        now = self.clock.now()
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT id FROM runs WHERE state = 'running' ORDER BY id LIMIT 1"
            ).fetchone()
            if row is not None:
                run_id, resumed = int(row[0]), True
            else:
                resumed = False
                run_id = int(
                    conn.execute(
                        "INSERT INTO runs (started_at, state, due_only) VALUES (?, 'running', ?) "
                        "RETURNING id",
                        (format_time(now), int(due_only)),
                    ).fetchone()[0]
                )
                cited = conn.execute(
                    "SELECT id, state, failures, last_counted_failure, last_checked, dead_since "
                    "FROM urls WHERE id IN (SELECT url_id FROM citations) ORDER BY id"
                ).fetchall()
                planned = 0
                batch: list[tuple[int, int]] = []
                for r in cited:
                    if due_only and not policy.is_due(_url_state(r[1:]), now):
                        continue
                    batch.append((run_id, r[0]))
                    planned += 1
                conn.executemany("INSERT INTO run_urls (run_id, url_id) VALUES (?, ?)", batch)
                conn.execute("UPDATE runs SET planned = ? WHERE id = ?", (planned, run_id))
        return self.run_info(run_id, resumed=resumed)

    def pending(
        self, run_id: int, *, after: int = 0, limit: int = 500
    ) -> list[tuple[int, str, bool]]:
        """(URL id, URL, never checked before) of the run's URLs not yet checked, by id."""
        return [
            (r[0], r[1], r[2] is None)
            for r in self.query(
                "SELECT u.id, u.url, u.last_checked "
                "FROM run_urls ru JOIN urls u ON u.id = ru.url_id "
                # u.id > ? too: PostgreSQL does not carry the bound across the join, and
                # would read the URLs' index from the start for every page.
                "WHERE ru.run_id = ? AND ru.url_id > ? AND u.id > ? AND NOT EXISTS "
                "(SELECT 1 FROM checks c WHERE c.run_id = ru.run_id AND c.url_id = ru.url_id) "
                "ORDER BY ru.url_id LIMIT ?",
                (run_id, after, after, limit),
            )
        ]

    def finish_run(self, run_id: int) -> bool:
        """Mark the run finished if every planned URL has its check."""
        with self.transaction() as conn:
            done = conn.execute(
                "UPDATE runs SET state = 'finished', finished_at = ? WHERE id = ? "
                "AND state = 'running' AND NOT EXISTS (SELECT 1 FROM run_urls ru WHERE "
                "ru.run_id = runs.id AND NOT EXISTS (SELECT 1 FROM checks c WHERE "
                "c.run_id = ru.run_id AND c.url_id = ru.url_id))",
                (self._now(), run_id),
            ).rowcount
        return done > 0

    # -- checks --------------------------------------------------------------------------------

    def previous_text(self, url_id: int) -> tuple[str | None, str]:
        """The fingerprint and normalised text of the URL's last successful check."""
        rows = self.query("SELECT fingerprint, text FROM urls WHERE id = ?", (url_id,))
        return (rows[0][0], decompress(rows[0][1])) if rows else (None, "")

    def claims_citing(self, url_id: int) -> list[ClaimRow]:
        """Claims of watched articles whose notes cite this URL."""
        labelled = self.db.json_list_has("cl.note_labels", "ci.note_label")
        return [
            ClaimRow(r[0], r[1], r[2], r[3])
            for r in self.query(
                "SELECT DISTINCT cl.article_id, cl.claim_id, cl.text, cl.context "
                "FROM citations ci JOIN claims cl ON cl.article_id = ci.article_id "
                f"WHERE ci.url_id = ? AND {labelled} "
                "ORDER BY cl.article_id, cl.claim_id",
                (url_id,),
            )
        ]

    def verdicts(self, url_id: int) -> dict[tuple[int, str], str]:
        """The last verdict of each claim against this URL's page."""
        return {
            (r[0], r[1]): r[2]
            for r in self.query(
                "SELECT article_id, claim_id, label FROM claim_verdicts WHERE url_id = ?",
                (url_id,),
            )
        }

    def page_inputs(self, url_ids: Sequence[int], *, claims: bool = True) -> dict[int, PageInput]:
        """:meth:`previous_text`, :meth:`claims_citing` and :meth:`verdicts` of many URLs at once.

        Three queries for the lot instead of three a URL; ``claims=False``
        leaves the claims and verdicts out.
        """
        found: dict[int, PageInput] = {}
        ids = sorted(set(url_ids))
        labelled = self.db.json_list_has("cl.note_labels", "ci.note_label")
        for start in range(0, len(ids), _IN_CHUNK):
            chunk = ids[start : start + _IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            for r in self.query(
                f"SELECT id, fingerprint, text, body_digest FROM urls WHERE id IN ({marks})",
                chunk,
            ):
                found[r[0]] = PageInput(r[1], r[2], body_digest=r[3])
            if not claims:
                continue
            for r in self.query(
                "SELECT DISTINCT ci.url_id, cl.article_id, cl.claim_id, cl.text, cl.context "
                "FROM citations ci JOIN claims cl ON cl.article_id = ci.article_id "
                f"WHERE ci.url_id IN ({marks}) AND {labelled} "
                "ORDER BY ci.url_id, cl.article_id, cl.claim_id",
                chunk,
            ):
                if r[0] in found:
                    found[r[0]].claims.append(ClaimRow(r[1], r[2], r[3], r[4]))
            for r in self.query(
                "SELECT url_id, article_id, claim_id, label FROM claim_verdicts "
                f"WHERE url_id IN ({marks})",
                chunk,
            ):
                if r[0] in found:
                    found[r[0]].verdicts[(r[1], r[2])] = r[3]
        return found

    def record_check(
        self, run_id: int, record: CheckRecord, policy: DeadPolicy
    ) -> tuple[int, Transition] | None:
        """Commit one check and the URL's new state; ``None`` if the run already has it.

        Returns the check's id (for :meth:`complete_check`) and the transition.
        """
        with self.transaction() as conn:
            return self._record_check(conn, run_id, record, policy)

    def record_checks(
        self, run_id: int, records: Sequence[CheckRecord], policy: DeadPolicy,
        completions: Sequence[tuple[int, CheckRecord]] = (),
    ) -> tuple[list[tuple[int, Transition] | None], list[Event | None]]:
        """:meth:`record_check` of each of ``records`` and :meth:`complete_check` of each of
        ``completions``, all in one transaction (a group commit: all or none of them)."""
        with self.transaction() as conn:
            done = [self._record_check(conn, run_id, record, policy) for record in records]
            events = [self._write_page(conn, check_id, record) for check_id, record in completions]
        return done, events

    def _record_check(
        self, conn: Connection, run_id: int, record: CheckRecord, policy: DeadPolicy
    ) -> tuple[int, Transition] | None:
        at = format_time(record.checked_at)
        # The transition first, so the check goes in whole: three statements a URL,
        # each a round trip on a database server.
        row = conn.execute(
            "SELECT state, failures, last_counted_failure, last_checked, dead_since "
            "FROM urls WHERE id = ?",
            (record.url_id,),
        ).fetchone()
        transition = apply(policy, _url_state(row), record.kind, record.checked_at)
        state = transition.state
        inserted = conn.execute(
            "INSERT INTO checks (run_id, url_id, checked_at, outcome, status, "
            "final_url, reason, kind, counted, state_after, event) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
            (run_id, record.url_id, at, record.outcome, record.status, record.final_url,
             record.reason, record.kind.value, int(transition.counted), state.state.value,
             transition.event),
        ).fetchone()
        if inserted is None:
            return None  # another process working on this run got here first
        check_id = int(inserted[0])
        success = record.kind is CheckKind.SUCCESS
        conn.execute(
            "UPDATE urls SET state = ?, failures = ?, last_counted_failure = ?, "
            "last_checked = ?, dead_since = ?"
            + (", last_success = ?" if success else "") + " WHERE id = ?",
            (state.state.value, state.failures, _fmt(state.last_counted_failure),
             _fmt(state.last_checked), _fmt(state.dead_since),
             *((at,) if success else ()), record.url_id),
        )
        self._write_page(conn, check_id, record)
        return check_id, transition

    def complete_check(self, check_id: int, record: CheckRecord) -> Event | None:
        """Add a page's fingerprint, text, verdicts and drift to a committed check.

        Returns :attr:`Event.DRIFTED` if that made the check a drift event.
        """
        with self.transaction() as conn:
            return self._write_page(conn, check_id, record)

    def _write_page(self, conn: Connection, check_id: int, record: CheckRecord) -> Event | None:
        if record.fingerprint is None or (record.text is None and not record.same_body):
            return None
        at = format_time(record.checked_at)
        conn.execute(
            "UPDATE checks SET fingerprint = ?, similarity = ? WHERE id = ?",
            (record.fingerprint, record.similarity, check_id),
        )
        if record.text is not None:
            # The digest goes with the text it was read for, NULL when there is none to
            # trust: a digest left from an older body would vouch for this body's text.
            conn.execute(
                "UPDATE urls SET fingerprint = ?, text = ?, body_digest = ? WHERE id = ?",
                (record.fingerprint, compress(record.text), record.body_digest, record.url_id),
            )
        conn.executemany(
            "INSERT INTO claim_verdicts (article_id, claim_id, url_id, label, checked_at) "
            "SELECT ?, ?, ?, ?, ? WHERE EXISTS "
            "(SELECT 1 FROM claims WHERE article_id = ? AND claim_id = ?) "
            "ON CONFLICT (article_id, claim_id, url_id) "
            "DO UPDATE SET label = excluded.label, checked_at = excluded.checked_at",
            [(a, c, record.url_id, label, at, a, c) for a, c, label in record.verdicts],
        )
        conn.executemany(
            "INSERT INTO check_claims (check_id, article_id, claim_id, before, after) "
            "VALUES (?, ?, ?, ?, ?)",
            [(check_id, a, c, before, after) for a, c, before, after in record.lost],
        )
        if not record.drifted:
            return None
        marked = conn.execute(
            "UPDATE checks SET event = ? WHERE id = ? AND event IS NULL",
            (Event.DRIFTED.value, check_id),
        ).rowcount
        return Event.DRIFTED if marked else None

    def set_saved(self, url_id: int, outcome: str) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE urls SET saved = ? WHERE id = ?", (outcome, url_id))

    def url_state(self, url: str) -> UrlState | None:
        """Where a URL stands now (``None`` if it is not in the store)."""
        rows = self.query(
            "SELECT state, failures, last_counted_failure, last_checked, dead_since "
            "FROM urls WHERE url = ?",
            (url,),
        )
        return _url_state(tuple(rows[0])) if rows else None


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _fmt(moment: dt.datetime | None) -> str | None:
    return format_time(moment) if moment is not None else None


def _url_state(row: Sequence[Any]) -> UrlState:
    state, failures, counted, checked, dead = row
    return UrlState(
        LinkState(state),
        int(failures),
        parse_time(counted) if counted else None,
        parse_time(checked) if checked else None,
        parse_time(dead) if dead else None,
    )

