"""Issue #17: a page that answers with the body last read is not read again.

The run digests what extraction depends on (body bytes, content type, the URL
read for); the same digest as the stored one, with a fingerprint stored and
no claim waiting for its baseline, means the same text: no worker is asked.
The spy counts the pages the run hands to its workers (``Committer._submit``).
"""

from __future__ import annotations

import pytest

from citeaudit.watch import WatchStore, add_targets, build_report
from citeaudit.watch.run import Committer
from citeaudit.watch.schema import LATEST
from tests.test_watch_run import HARBOUR, harbour_article
from tests.test_watch_web import news_page, time_web_fixture, watch_fixture, write_article  # noqa: F401

FERRY = news_page(
    "Ferry timetable for the winter",
    "Ferries to the islands will run twice a day from November until March.",
    "Tickets can be bought at the harbour office or online, and prices stay the same.",
)


@pytest.fixture(name="read")
def read_fixture(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs whose pages the run handed to its workers to read, in order."""
    urls: list[str] = []
    real = Committer._submit

    def submit(self, args):  # type: ignore[no-untyped-def]
        urls.append(args[2])  # read_page_state(body, content_type, url, ...)
        return real(self, args)

    monkeypatch.setattr(Committer, "_submit", submit)
    return urls


def _url_row(store: WatchStore, url: str) -> tuple:
    rows = store.query(
        "SELECT fingerprint, text, body_digest, last_success FROM urls WHERE url = ?", (url,))
    return tuple(rows[0])


def _last_checks(store: WatchStore) -> dict[str, tuple]:
    """(fingerprint, similarity, event) of each URL's check in the last run."""
    return {r[0]: tuple(r[1:]) for r in store.query(
        "SELECT u.url, c.fingerprint, c.similarity, c.event FROM checks c "
        "JOIN urls u ON u.id = c.url_id WHERE c.run_id = (SELECT max(id) FROM runs)")}


def test_a_second_run_over_unchanged_pages_does_not_read_them_and_reports_no_drift(
    watch, tmp_path, read
):
    harbour, strike = harbour_article(watch, tmp_path)
    watch.run()
    assert sorted(read) == sorted([harbour, strike])
    pages = "SELECT url, fingerprint, text, last_success FROM urls ORDER BY url"
    before = {r[0]: tuple(r[1:]) for r in watch.store.query(pages)}
    assert all(fingerprint for fingerprint, _, _ in before.values())
    verdicts = "SELECT article_id, claim_id, url_id, label, checked_at FROM claim_verdicts " \
        "ORDER BY 1, 2"
    verdicts_before = [tuple(r) for r in watch.store.query(verdicts)]
    assert len(verdicts_before) == 2
    read.clear()
    watch.clock.advance(days=7)
    summary = watch.run()
    assert read == []
    assert summary.checked == 2 and summary.events == {}
    # As an unchanged page that was read: its fingerprint on the check, no similarity,
    # no event; the URL's text and verdicts kept, its last success now.
    checks = _last_checks(watch.store)
    after = {r[0]: tuple(r[1:]) for r in watch.store.query(pages)}
    for url in (harbour, strike):
        assert after[url][:2] == before[url][:2]
        assert after[url][2] > before[url][2]
        assert checks[url] == (before[url][0], None, None)
    assert [tuple(r) for r in watch.store.query(verdicts)] == verdicts_before
    assert build_report(watch.store, since=watch.clock.now()).drifted == ()
    assert all(_url_row(watch.store, url)[2] for url in (harbour, strike))


def test_a_page_whose_body_changed_is_read_again_and_its_drift_reported(watch, tmp_path, read):
    _, strike = harbour_article(watch, tmp_path)
    watch.run()
    old_digest = _url_row(watch.store, strike)[2]
    read.clear()
    watch.clock.advance(days=7)
    watch.web.set(strike, FERRY)
    assert watch.run().events == {"drifted": 1}
    assert read == [strike]  # the unchanged harbour page is not read
    assert [c.url for c in build_report(watch.store).drifted] == [strike]
    fingerprint, _text, digest, _ = _url_row(watch.store, strike)
    assert digest is not None and digest != old_digest
    assert _last_checks(watch.store)[strike][0] == fingerprint
    # The new body is the one remembered: the next run reads neither page.
    read.clear()
    watch.clock.advance(days=7)
    assert watch.run().events == {}
    assert read == []


def test_the_same_bytes_under_another_content_type_are_read_again(watch, tmp_path, read):
    harbour, _ = harbour_article(watch, tmp_path)
    watch.run()
    read.clear()
    watch.clock.advance(days=7)
    watch.web.set(harbour, HARBOUR, content_type="text/plain; charset=utf-8")
    watch.run()
    assert read == [harbour]  # read as text now, tags and all: not the text stored


def test_a_page_cited_by_a_claim_never_verified_is_still_read(watch, tmp_path, read):
    harbour, _ = harbour_article(watch, tmp_path)
    watch.run()
    second = write_article(tmp_path, "second.txt", [
        ("The council approved a harbour budget of 4.2 million euros", "Harbour budget",
         harbour)])
    add_targets(watch.store, [str(second)])
    read.clear()
    watch.clock.advance(days=7)
    assert watch.run().events == {}
    assert read == [harbour]  # for the new claim's baseline; the strike page is not read
    labels = watch.store.query(
        "SELECT v.label FROM claim_verdicts v JOIN articles a ON a.id = v.article_id "
        "WHERE a.location = ?", (str(second),))
    assert [r[0] for r in labels] == ["supported"]
    read.clear()
    watch.clock.advance(days=7)
    watch.run()
    assert read == []  # every claim has its baseline now


def test_claims_verified_for_the_first_time_have_their_pages_read(watch, tmp_path, read):
    harbour, strike = harbour_article(watch, tmp_path)
    watch.run(verify_claims=False)  # digests stored, no verdicts
    read.clear()
    watch.clock.advance(days=7)
    watch.run()
    assert sorted(read) == sorted([harbour, strike])
    assert watch.store.query("SELECT count(*) FROM claim_verdicts")[0][0] == 2


def _runner_with_cap(watch, max_bytes: int):  # type: ignore[no-untyped-def]
    from citeaudit.watch import Runner

    web = watch.web
    return Runner(watch.store, web.config(max_bytes=max_bytes),
                  session=web.session(max_bytes=max_bytes), options=watch.options)


def test_a_body_cut_at_the_size_cap_stores_no_digest_and_is_read_every_time(
    watch, tmp_path, read
):
    harbour, _ = harbour_article(watch, tmp_path)
    watch.run()
    assert _url_row(watch.store, harbour)[2] is not None
    read.clear()
    cut = HARBOUR.index("The mayor said")  # inside the article: some text survives the cut
    for _ in range(2):
        watch.clock.advance(days=7)
        runner = _runner_with_cap(watch, cut)
        try:
            runner.run()
        finally:
            runner._session.close()  # type: ignore[union-attr]
    # Each capped run read the cut page again: a cut body leaves no digest to match.
    assert read.count(harbour) == 2
    fingerprint, text, digest, _ = _url_row(watch.store, harbour)
    assert fingerprint is not None and text is not None and digest is None
    reason = watch.store.query(
        "SELECT c.reason FROM checks c JOIN urls u ON u.id = c.url_id WHERE u.url = ? "
        "ORDER BY c.id DESC LIMIT 1", (harbour,))[0][0]
    assert "body cut at" in reason
    # The whole page again: its old digest was dropped with its old text, so it is read
    # (and compared with the cut text), not taken for the text the cut body gave.
    read.clear()
    watch.clock.advance(days=7)
    watch.run()
    assert harbour in read
    assert _url_row(watch.store, harbour)[2] is not None


def test_a_page_with_no_text_stores_no_digest_and_is_read_every_time(watch, tmp_path, read):
    harbour, strike = harbour_article(watch, tmp_path)
    blank = "<!doctype html><html><head><title>Loading</title></head><body></body></html>"
    watch.web.set(strike, blank)
    for _ in range(2):
        watch.run()
        watch.clock.advance(days=7)
    assert read.count(strike) == 2 and read.count(harbour) == 1
    assert _url_row(watch.store, strike)[:3] == (None, None, None)


def test_a_page_whose_reading_failed_stores_no_digest(watch, tmp_path, read, monkeypatch):
    from concurrent.futures import Future

    from citeaudit.errors import CiteauditError

    harbour, strike = harbour_article(watch, tmp_path)
    spy, failed = Committer._submit, []

    def submit(self, args):  # type: ignore[no-untyped-def]
        if args[2] == strike and not failed:  # the worker's reading raises, once
            failed.append(strike)
            future: Future = Future()
            future.set_exception(CiteauditError("the reader gave up"))
            return future
        return spy(self, args)

    monkeypatch.setattr(Committer, "_submit", submit)
    watch.run()
    assert failed == [strike]
    assert _url_row(watch.store, strike)[:3] == (None, None, None)
    assert _url_row(watch.store, harbour)[2] is not None
    read.clear()
    watch.clock.advance(days=7)
    watch.run()
    assert read == [strike]
    assert _url_row(watch.store, strike)[2] is not None


def _downgrade_to_version_3(store: WatchStore) -> None:
    """What an older citeaudit's database looks like: no body_digest, at version 3."""
    with store.transaction() as conn:
        conn.execute("ALTER TABLE urls DROP COLUMN body_digest")
        if store.path is None:
            conn.execute("UPDATE citeaudit_schema SET version = 3")
    if store.path is not None:
        store.conn.execute("PRAGMA user_version = 3")


def test_a_database_at_the_previous_version_is_upgraded_and_its_pages_read_once_more(
    watch, tmp_path, read
):
    assert LATEST == 4
    harbour, strike = harbour_article(watch, tmp_path)
    watch.run()
    location = watch.store.path if watch.store.path is not None else watch.store.db.url
    before = {url: _url_row(watch.store, url)[:2] for url in (harbour, strike)}
    _downgrade_to_version_3(watch.store)
    watch.store.close()
    watch.store = WatchStore(location, clock=watch.clock)
    try:
        assert watch.store.schema_version == LATEST
        assert [tuple(r) for r in watch.store.query(
            "SELECT url, body_digest FROM urls ORDER BY url")] == [(harbour, None), (strike, None)]
        read.clear()
        watch.clock.advance(days=7)
        assert watch.run().events == {}
        assert sorted(read) == sorted([harbour, strike])  # no digest yet: read as before
        for url in (harbour, strike):
            fingerprint, text, digest, _ = _url_row(watch.store, url)
            assert (fingerprint, text) == before[url] and digest is not None
        read.clear()
        watch.clock.advance(days=7)
        watch.run()
        assert read == []
    finally:
        watch.store.close()


_OLD_ROW = ("INSERT INTO urls (url, host, first_seen, last_success, fingerprint) VALUES "
            "('https://example.org/2024/essay', 'example.org', '2026-01-05T10:00:00.000000Z', "
            "'2026-01-05T10:00:00.000000Z', 'ab12')")


def test_a_sqlite_file_at_version_3_gains_the_digest_column_null_in_its_rows(tmp_path):
    import sqlite3

    from citeaudit.watch.schema import migrate

    path = tmp_path / "v3.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=3)
    conn.execute(_OLD_ROW)
    conn.close()
    with WatchStore(path) as store:
        assert store.schema_version == LATEST
        assert [tuple(r) for r in store.query("SELECT fingerprint, body_digest FROM urls")] == [
            ("ab12", None)]


def test_a_postgres_database_at_version_3_gains_the_digest_column_null_in_its_rows(
    postgres_server
):
    import psycopg

    from citeaudit.watch.db.postgres import ddl
    from citeaudit.watch.schema import MIGRATIONS

    url = postgres_server.new_database()
    with psycopg.connect(url, autocommit=True) as conn:  # as citeaudit at version 3 left it
        conn.execute("CREATE TABLE citeaudit_schema (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO citeaudit_schema (version) VALUES (3)")
        for migration in MIGRATIONS[:3]:
            for statement in migration:
                conn.execute(ddl(statement))
        conn.execute(_OLD_ROW)
    with WatchStore(url) as store:
        assert store.schema_version == LATEST
        assert [tuple(r) for r in store.query("SELECT fingerprint, body_digest FROM urls")] == [
            ("ab12", None)]


# --- read where fetched (a cluster worker's way, here in one process) ------------------------


def _read_where_fetched(runner):  # type: ignore[no-untyped-def]
    """A checker that reads each page where it fetched it and drops the body, as a cluster
    worker does (:func:`~citeaudit.watch.pages.read_fetched`), without a cluster."""
    import attrs

    from citeaudit.watch.pages import read_fetched
    from citeaudit.watch.run import check_here

    here = check_here(runner.config, runner._session)

    def check(due):  # type: ignore[no-untyped-def]
        due = list(due)
        baselines = runner._baselines([item.url_id for item in due])
        for item, result in here(due):
            yield (item, attrs.evolve(result, body=None),
                   read_fetched(result, baselines.get(item.url_id)))

    return check


def _run_where_fetched(runner):  # type: ignore[no-untyped-def]
    try:
        return runner.run(check=_read_where_fetched(runner))
    finally:
        runner._session.close()


def test_a_reading_that_raises_where_the_page_was_fetched_stores_no_fingerprint_or_digest(
    watch, tmp_path, read, monkeypatch
):
    from citeaudit.watch import pages

    harbour, strike = harbour_article(watch, tmp_path)
    real = pages.read_page_state

    def read_page_state(body, content_type, url, *rest):  # type: ignore[no-untyped-def]
        if url == strike:
            raise ValueError("a reader bug, not a CiteauditError")
        return real(body, content_type, url, *rest)

    monkeypatch.setattr(pages, "read_page_state", read_page_state)
    summary = _run_where_fetched(watch.runner())
    assert summary.finished and summary.checked == 2 and read == []
    assert _url_row(watch.store, strike)[:3] == (None, None, None)
    assert _last_checks(watch.store)[strike] == (None, None, None)
    assert _url_row(watch.store, harbour)[2] is not None
    monkeypatch.setattr(pages, "read_page_state", real)
    watch.clock.advance(days=7)
    assert _run_where_fetched(watch.runner()).events == {}
    assert _url_row(watch.store, strike)[2] is not None  # read this time, digest and all
    assert read == []


def test_a_body_cut_at_the_size_cap_read_where_fetched_stores_no_digest(watch, tmp_path, read):
    harbour, _ = harbour_article(watch, tmp_path)
    cut = HARBOUR.index("The mayor said")
    for _ in range(2):
        _run_where_fetched(_runner_with_cap(watch, cut))
        fingerprint, text, digest, _ = _url_row(watch.store, harbour)
        assert fingerprint is not None and text is not None and digest is None
        watch.clock.advance(days=7)
    assert read == []
    # The whole page again: read where fetched and, no longer cut, its digest stored.
    _run_where_fetched(watch.runner())
    assert _url_row(watch.store, harbour)[2] is not None
