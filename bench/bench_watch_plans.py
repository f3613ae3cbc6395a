"""Benchmark: the plan and time of every statement the watch store issues, at 1M rows.

Fills a fresh watch database (SQLite, or an empty PostgreSQL database with
``--db postgresql://…``) to ``--rows`` URLs, citations, checks, planned run
URLs and claim verdicts (a tenth as many articles and claims), then drives the
store the way ``watch add``, ``watch run`` (through the run's own
:class:`~citeaudit.watch.run.Committer`) and ``watch report`` do, recording
every statement on its way to the database.  Each distinct statement is then
explained (``EXPLAIN QUERY PLAN`` / ``EXPLAIN``) with the values it was given,
and its mean time is printed.  Exits 1, printing the plan, if any statement
reads a whole large table where an index should serve; the few statements that
must read everything (planning a run, listing what is watched) are named below
with the reason.

    .venv/bin/python bench/bench_watch_plans.py                    # SQLite, 1M rows
    .venv/bin/python bench/bench_watch_plans.py --db postgresql://postgres@127.0.0.1:5432/plans
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

BIG = 10_000
"""A table with at least this many rows must not be read whole by a look-up."""

WHOLE_TABLE_BY_DESIGN = {
    "FROM urls WHERE id IN (SELECT url_id FROM citations)":
        "planning a run reads every cited URL once (the run's plan)",
    "FROM sources s ORDER BY s.id": "`watch list` lists every source",
    "FROM articles a LEFT JOIN sources s": "`watch list` lists every article",
    "UPDATE runs SET state = 'finished'":
        "finishing a run confirms each planned URL has its check, once per run (PostgreSQL "
        "reads run_urls whole when the run is a large part of it)",
}
"""Statements that read a whole table because their answer is the whole table."""

PAGE = (
    "<!doctype html><html lang='en'><head><title>Harbour story {n}</title></head><body>"
    "<article><h1>Harbour story {n}</h1><p>The council of district {n} approved a harbour "
    "budget of {n} thousand euros on Tuesday after a long debate.</p></article></body></html>"
)
NOW = "2026-03-02T06:00:00.000000Z"


# --- filling ---------------------------------------------------------------------------------


def _series(n: int) -> str:
    """A recursive CTE of 1..n (no generate_series in Python's SQLite)."""
    return f"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) "


def fill(store: Any, rows: int) -> None:
    """``rows`` URLs (on 1,000 hosts), each cited once, checked once, with one claim verdict."""
    articles = max(1, rows // 10)
    runs = 10
    statements = [
        f"INSERT INTO articles (location, kind, added_at, read_mark) {_series(articles)}"
        f"SELECT '/srv/articles/a-' || i || '.txt', 'file', '{NOW}', 'file:1:1' FROM s",
        f"INSERT INTO urls (url, host, first_seen, state, last_checked, last_success) "
        f"{_series(rows)}SELECT 'http://h' || (i % 1000) || '.test/news/story-' || i, "
        f"'h' || (i % 1000) || '.test', '{NOW}', "
        f"CASE WHEN i % 997 = 0 THEN 'failing' ELSE 'alive' END, '{NOW}', '{NOW}' FROM s",
        f"INSERT INTO citations (article_id, note_label, url_id) {_series(rows)}"
        f"SELECT 1 + (i - 1) % {articles}, '' || (1 + (i - 1) / {articles}), i FROM s",
        f"INSERT INTO claims (article_id, claim_id, text, context, note_labels) "
        f"{_series(articles)}SELECT i, 'c1', 'The council of district ' || i || "
        f"' approved a harbour budget', '', '[\"1\"]' FROM s",
        f"INSERT INTO claim_verdicts (article_id, claim_id, url_id, label, checked_at) "
        f"{_series(rows)}SELECT 1 + (i - 1) % {articles}, 'c1', i, 'supported', '{NOW}' FROM s",
        f"INSERT INTO runs (started_at, finished_at, state, due_only, planned) {_series(runs)}"
        f"SELECT '{NOW}', '{NOW}', 'finished', 0, {rows // runs} FROM s",
        f"INSERT INTO run_urls (run_id, url_id) {_series(rows)}"
        f"SELECT 1 + (i - 1) % {runs}, i FROM s",
        f"INSERT INTO checks (run_id, url_id, checked_at, outcome, status, kind, counted, "
        f"state_after, event) {_series(rows)}SELECT 1 + (i - 1) % {runs}, i, '{NOW}', 'ok', "
        f"200, 'success', 0, 'alive', CASE WHEN i % 991 = 0 THEN 'recovered' END FROM s",
    ]
    for sql in statements:
        started = time.perf_counter()
        with store.transaction() as conn:
            conn.execute(sql)
        table = sql.split()[2]
        print(f"  filled {table:15} in {time.perf_counter() - started:6.1f} s", flush=True)
    store.conn.execute("ANALYZE")  # the planners need the new sizes


# --- recording -------------------------------------------------------------------------------


class _Recorder:
    """Every (statement, values) sent through a connection, and the time each took."""

    def __init__(self) -> None:
        self.seen: dict[str, list[Any]] = {}
        self.times: dict[str, list[float]] = defaultdict(list)

    def note(self, sql: str, params: Any, seconds: float) -> None:
        key = " ".join(sql.split())
        self.seen.setdefault(key, list(params) if params is not None else [])
        self.times[key].append(seconds)


class _Proxy:
    """Forwards to a connection or cursor, recording ``execute``/``executemany``."""

    def __init__(self, target: Any, recorder: _Recorder) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_recorder", recorder)

    def execute(self, sql: str, params: Any = ()) -> Any:
        started = time.perf_counter()
        result = self._target.execute(sql, params)
        self._recorder.note(sql, params, time.perf_counter() - started)
        return result

    def executemany(self, sql: str, params: Any) -> Any:
        params = [tuple(p) for p in params]
        started = time.perf_counter()
        result = self._target.executemany(sql, params)
        if params:
            self._recorder.note(sql, params[0], (time.perf_counter() - started) / len(params))
        return result

    def cursor(self, *args: Any, **kwargs: Any) -> _Proxy:
        return _Proxy(self._target.cursor(*args, **kwargs), self._recorder)

    def __enter__(self) -> _Proxy:
        self._target.__enter__()
        return self

    def __exit__(self, *exc: object) -> Any:
        return self._target.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._target, name, value)


def workload(store: Any, rows: int) -> None:
    """What ``watch add``, ``watch run`` and ``watch report`` ask of the store."""
    from citeaudit.config import HttpConfig
    from citeaudit.links import LinkResult, Outcome
    from citeaudit.watch import build_report
    from citeaudit.watch.run import Committer, DueUrl, Runner, WatchOptions

    source_id, _ = store.add_source("https://example.org/sitemap.xml", "sitemap")
    article_id, _ = store.add_article("https://example.org/2026/new", "url", source_id)
    store.set_source_read(source_id, None)
    store.set_article_error(article_id, "could not read")
    # What the run's refresh (record_article) writes for a new or changed article.
    store.set_article_content(
        article_id, mark="sha256:1", title="New",
        citations=[("1", "http://h1.test/news/story-1"), ("2", "http://new.test/a")],
        claims=[("c1", "The council of district 1 approved a harbour budget", "", ["1"])])
    store.articles(after=rows // 20)
    store.sources()
    store.targets()
    store.unfinished_run()
    run = store.start_run(due_only=False, policy=WatchOptions().policy)
    store.pending(run.id, after=rows // 2, limit=500)
    runner = Runner(store, HttpConfig(), options=WatchOptions(workers=1))
    committer = Committer(runner, run.id, runner._pool(), None)
    articles = max(1, rows // 10)
    for n in range(1, 201):
        url_id = 1 + (n * 4999) % (articles if n % 2 else rows)  # half of them cited by claims
        url = f"http://h{url_id % 1000}.test/news/story-{url_id}"
        if n % 10 == 0:
            result = LinkResult(url, Outcome.BROKEN, status=404, reason="gone")
        else:
            result = LinkResult(url, Outcome.OK, status=200, final_url=url,
                                content_type="text/html", body=PAGE.format(n=url_id).encode())
        committer.commit(DueUrl(url_id, url, False), result)
    committer.drain(0)
    store.set_saved(1, "requested")
    store.url_state("http://h1.test/news/story-1")
    store.run_info(run.id)
    store.finish_run(run.id)
    store.last_run()
    build_report(store)
    store.remove("https://example.org/sitemap.xml")


# --- plans -----------------------------------------------------------------------------------


def _sizes(store: Any) -> dict[str, int]:
    tables = ("sources", "articles", "urls", "citations", "runs", "run_urls", "checks",
              "claims", "claim_verdicts", "check_claims")
    return {t: int(store.query(f"SELECT count(*) FROM {t}")[0][0]) for t in tables}


_KEYWORDS = {"where", "on", "join", "left", "inner", "order", "group", "limit", "set", "as"}


def _aliases(sql: str) -> dict[str, str]:
    """Each name a table goes by in ``sql`` (``FROM urls u``: ``u`` and ``urls``)."""
    names: dict[str, str] = {}
    for table, alias in re.findall(r"(?:FROM|JOIN|UPDATE|INTO)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?",
                                   sql, flags=re.IGNORECASE):
        names[table] = table
        if alias and alias.lower() not in _KEYWORDS:
            names[alias] = table
    return names


def sqlite_full_scans(conn: Any, sql: str, params: list[Any], big: set[str]) -> list[str]:
    """Tables of ``big`` an SQLite plan reads whole (``SCAN``, not ``SEARCH``), with its lines."""
    plan = [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    names = _aliases(sql)
    # A partial index holds only the rows its WHERE names: reading it whole is a look-up.
    partial = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'")}
    scans = []
    for line in plan:
        match = re.match(r"SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?", line)
        if match and names.get(match.group(1), match.group(1)) in big \
                and match.group(2) not in partial:
            scans.append(line)
    return scans


def postgres_full_scans(conn: Any, sql: str, params: list[Any], big: set[str]) -> list[str]:
    """Tables of ``big`` a PostgreSQL plan reads whole (``Seq Scan`` nodes).

    ``sql`` is as the server got it (``%s`` placeholders already).
    """
    plan = conn.execute("EXPLAIN (FORMAT JSON) " + sql, params).fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    partial = {r[0] for r in conn.execute(
        "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%% WHERE %%'")}
    scans: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        kind, table = node.get("Node Type"), node.get("Relation Name")
        if table in big and kind == "Seq Scan":
            scans.append(f"Seq Scan on {table}")
        # An index read end to end, with no condition to seek by, is a whole table too.
        elif (table in big and kind in ("Index Scan", "Index Only Scan")
              and "Index Cond" not in node and node.get("Index Name") not in partial):
            scans.append(f"{kind} of all of {table} ({node.get('Index Name')})")
        for child in node.get("Plans", ()):
            walk(child)

    walk(plan[0]["Plan"])
    return scans


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", help="an empty postgresql:// database (default: a SQLite file)")
    args = parser.parse_args()

    from citeaudit.watch import WatchStore

    with tempfile.TemporaryDirectory(prefix="bench-plans-") as tmp:
        store = WatchStore(args.db or Path(tmp) / "plans.sqlite3")
        kind = "SQLite" if store.path is not None else "PostgreSQL"
        print(f"{kind}: filling to {args.rows:,} rows", flush=True)
        fill(store, args.rows)
        sizes = _sizes(store)
        big = {t for t, n in sizes.items() if n >= BIG}
        print("  " + ", ".join(f"{t} {n:,}" for t, n in sizes.items()))
        recorder = _Recorder()
        raw = store.db.conn
        store.db.conn = _Proxy(raw, recorder)
        try:
            workload(store, args.rows)
        finally:
            store.db.conn = raw
        explain = sqlite_full_scans if store.path is not None else postgres_full_scans
        bad = 0
        print(f"\n{'mean ms':>9} {'calls':>5}  statement")
        for sql, params in recorder.seen.items():
            if sql.split()[0].upper() in ("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA", "ANALYZE") \
                    or "pg_advisory" in sql or "information_schema" in sql:
                continue
            scans = explain(raw, sql, params, big)
            excused = next((why for part, why in WHOLE_TABLE_BY_DESIGN.items() if part in sql),
                           None)
            times = recorder.times[sql]
            mark = ""
            if scans and excused:
                mark = f"  [whole table by design: {excused}]"
            elif scans:
                mark = "  <-- FULL SCAN: " + "; ".join(scans)
                bad += 1
            print(f"{1000 * sum(times) / len(times):9.3f} {len(times):5}  {sql[:150]}{mark}")
        store.close()
    if bad:
        print(f"\nFAILED: {bad} statement(s) read a whole large table where an index should serve")
        return 1
    print(f"\nevery look-up uses an index ({kind}, {args.rows:,} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
