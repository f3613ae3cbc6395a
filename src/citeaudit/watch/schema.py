"""The watch database's schema, as numbered migrations (``PRAGMA user_version``).

A database records the version it is at; opening it applies the migrations
after that, in one transaction, so two processes opening an old file at once
upgrade it once.  A file from a newer citeaudit is refused rather than
guessed at.  Never edit a released migration: add the next one.
"""

from __future__ import annotations

import sqlite3

from citeaudit.errors import InputError

__all__ = ["LATEST", "MIGRATIONS", "migrate", "refuse_newer"]

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: what is watched, and every check's result.
    (
        """CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            location TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,            -- sitemap | feed
            added_at TEXT NOT NULL,
            read_at TEXT,
            error TEXT)""",
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            location TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,            -- file | url
            source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
            title TEXT,
            added_at TEXT NOT NULL,
            read_at TEXT,
            read_mark TEXT,                -- what the article looked like when last read
            error TEXT)""",
        """CREATE TABLE urls (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            host TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'unchecked',
            failures INTEGER NOT NULL DEFAULT 0,
            last_counted_failure TEXT,
            last_checked TEXT,
            last_success TEXT,
            dead_since TEXT,
            fingerprint TEXT,              -- sha256 of the normalised main text
            text BLOB,                     -- zlib of that text, for similarity at the next change
            saved TEXT)                    -- Save Page Now outcome, when asked""",
        """CREATE TABLE citations (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            note_label TEXT NOT NULL,
            url_id INTEGER NOT NULL REFERENCES urls(id),
            PRIMARY KEY (article_id, note_label, url_id)) WITHOUT ROWID""",
        "CREATE INDEX citations_url ON citations(url_id)",
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            state TEXT NOT NULL,           -- running | finished
            due_only INTEGER NOT NULL,
            planned INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE run_urls (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            url_id INTEGER NOT NULL REFERENCES urls(id),
            PRIMARY KEY (run_id, url_id)) WITHOUT ROWID""",
        """CREATE TABLE checks (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            url_id INTEGER NOT NULL REFERENCES urls(id),
            checked_at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            status INTEGER,
            final_url TEXT,
            reason TEXT,
            kind TEXT NOT NULL,            -- success | failure | unknown
            counted INTEGER NOT NULL,      -- a failure that counts towards dead
            state_after TEXT NOT NULL,
            event TEXT,                    -- died | recovered | drifted
            fingerprint TEXT,
            similarity REAL,               -- to the previous text, when it changed
            UNIQUE (run_id, url_id))""",
        "CREATE INDEX checks_url ON checks(url_id, checked_at)",
        "CREATE INDEX checks_event ON checks(event, checked_at) WHERE event IS NOT NULL",
    ),
    # 2: claims, so drift can mean "a claim that was supported no longer is".
    (
        """CREATE TABLE claims (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            text TEXT NOT NULL,
            context TEXT NOT NULL DEFAULT '',
            note_labels TEXT NOT NULL,     -- JSON list
            PRIMARY KEY (article_id, claim_id)) WITHOUT ROWID""",
        """CREATE TABLE claim_verdicts (
            article_id INTEGER NOT NULL,
            claim_id TEXT NOT NULL,
            url_id INTEGER NOT NULL REFERENCES urls(id),
            label TEXT NOT NULL,
            checked_at TEXT NOT NULL,
            PRIMARY KEY (article_id, claim_id, url_id),
            FOREIGN KEY (article_id, claim_id) REFERENCES claims(article_id, claim_id)
                ON DELETE CASCADE) WITHOUT ROWID""",
        """CREATE TABLE check_claims (
            check_id INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL,
            claim_id TEXT NOT NULL,
            before TEXT NOT NULL,
            after TEXT NOT NULL)""",
        "CREATE INDEX check_claims_check ON check_claims(check_id)",
    ),
    # 3: an index for every look-up a run or a report makes (bench/bench_watch_plans.py).
    (
        # A page's past verdicts, read for every page that answers.
        "CREATE INDEX claim_verdicts_url ON claim_verdicts(url_id)",
        # A source's articles: counted by `watch list`, deleted with the source.
        "CREATE INDEX articles_source ON articles(source_id)",
        # The report's still-failing URLs, a few among millions, in URL order.  Partial,
        # so no planner mistakes "failing" for as common as "alive" (one average per column).
        "CREATE INDEX urls_troubled ON urls(url) WHERE state IN ('failing', 'dead')",
        # The unfinished run, looked up at every start among every run ever made.
        "CREATE INDEX runs_state ON runs(state)",
    ),
    # 4: the digest of the body the stored text was read from (issue #17): a page that
    # answers with the same bytes (and content type, and URL) is not read again.  Rows of
    # an older database get NULL, so their next check reads them and records it.
    (
        "ALTER TABLE urls ADD COLUMN body_digest TEXT",
    ),
)
LATEST = len(MIGRATIONS)


def refuse_newer(current: int) -> None:
    """:class:`InputError` if a database at version ``current`` is newer than this code."""
    if current > LATEST:
        raise InputError(
            f"the watch database is at schema version {current}, newer than this "
            f"citeaudit understands ({LATEST}); upgrade citeaudit"
        )


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring the database up to ``target``; returns the version it was at.

    ``conn`` must be in autocommit mode (``isolation_level=None``); the
    migrations run inside one ``BEGIN IMMEDIATE`` transaction.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        refuse_newer(current)
        for version in range(current + 1, target + 1):
            for statement in MIGRATIONS[version - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return current
