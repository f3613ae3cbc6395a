"""The watch database: migrations, bad files, killed runs and concurrent runs."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from citeaudit.errors import InputError
from citeaudit.watch import ManualClock, Runner, WatchStore, add_targets
from citeaudit.watch.schema import LATEST, migrate
from citeaudit.watch.store import RunBusy
from tests.hostile.proc import children, reap, stop
from tests.support.child_output import read_line
from tests.support.children import die_with_parent
from tests.test_watch_web import START, news_page, time_web_fixture, write_article  # noqa: F401


def test_a_new_database_is_at_the_latest_schema_version(tmp_path):
    with WatchStore(tmp_path / "w.sqlite3") as store:
        assert store.schema_version == LATEST
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"


def test_an_older_database_is_migrated_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    conn.execute(
        "INSERT INTO articles (location, kind, added_at) VALUES "
        "('/srv/articles/harbour.txt', 'file', '2026-01-05T10:00:00.000000Z')"
    )
    conn.close()
    with WatchStore(path) as store:
        assert store.schema_version == LATEST
        assert [t.location for t in store.targets()] == ["/srv/articles/harbour.txt"]
        assert store.query("SELECT count(*) FROM claims")[0][0] == 0  # migration 2's table


def test_a_database_from_a_newer_citeaudit_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(InputError, match="newer than this citeaudit"):
        WatchStore(path)


def test_a_file_that_is_not_a_database_is_an_input_error(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(InputError, match="not a usable watch database"):
        WatchStore(path)
    with pytest.raises(InputError, match="is a directory"):
        WatchStore(tmp_path)


def _many_urls(web, tmp_path, n, name="many.txt"):
    urls = [web.url(f"/2026/story-{i}", ("wire.test", "gazette.test", "blog.test")[i % 3])
            for i in range(n)]
    for i, url in enumerate(urls):
        web.set(url, news_page(f"Story {i}", f"Story number {i} happened on day {i}."))
    cites = [(f"Story {i} happened", f"Story {i}", u) for i, u in enumerate(urls)]
    return urls, write_article(tmp_path, name, cites)


def test_a_second_run_while_one_is_checking_is_refused_and_no_url_is_fetched_twice(
    time_web, tmp_path
):
    urls, article = _many_urls(time_web, tmp_path, 30)
    path = tmp_path / "shared.sqlite3"
    with WatchStore(path) as store:
        add_targets(store, [str(article)])
    outcome: list[BaseException | None] = []

    def second_run():
        try:
            with WatchStore(path, clock=ManualClock(START)) as store:
                session = time_web.session()
                try:
                    Runner(store, time_web.config(), session=session).run()
                    outcome.append(None)
                finally:
                    session.close()
        except BaseException as exc:
            outcome.append(exc)

    def start_the_second(_run):
        # In its own thread and connection, as a second process would be.
        thread = threading.Thread(target=second_run)
        thread.start()
        thread.join(60)

    with WatchStore(path, clock=ManualClock(START)) as store:
        session = time_web.session()
        Runner(store, time_web.config(), session=session).run(on_start=start_the_second)
        session.close()
    assert len(outcome) == 1 and isinstance(outcome[0], RunBusy), outcome
    assert all(time_web.count(url) == 1 for url in urls)
    with WatchStore(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        runs = store.query("SELECT id, state, planned FROM runs")
        assert [tuple(r) for r in runs] == [(1, "finished", 30)]
        counts = store.query("SELECT url_id, count(*) FROM checks GROUP BY url_id")
        assert len(counts) == 30 and {n for _, n in counts} == {1}


def test_a_killed_run_leaves_no_lock_or_process_behind(time_web, tmp_path):
    # The run lock and the workers die with the process that held them.
    _, article = _many_urls(time_web, tmp_path, 2)
    path = tmp_path / "locked.sqlite3"
    with WatchStore(path) as store:
        add_targets(store, [str(article)])
    script = textwrap.dedent("""
        import sys, time
        from citeaudit import workers
        from citeaudit.watch import WatchStore
        workers.executor(2)
        store = WatchStore(sys.argv[1])
        with store.run_lock():
            print(*sorted(workers.executor(2)._processes), flush=True)
            time.sleep(600)
    """)
    proc = subprocess.Popen(
        preexec_fn=die_with_parent, args=[sys.executable, "-c", script, str(path)],
        stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in read_line(proc.stdout, "the runner's worker pids").split()]
        with WatchStore(path) as store, pytest.raises(RunBusy, match="pid"), store.run_lock():
            pass
    finally:
        stop(proc)  # SIGKILL
    assert reap(pids) == []
    with WatchStore(path) as store, store.run_lock():
        pass


# The run's deadline outlasts a held page's 120-s backstop: a held page must still be pending
# when the test kills the run, however slowly a loaded machine starts it (with 30 s, a slow
# start let the held pages time out, the run finish, and the next run start afresh).
KILLED_RUN = textwrap.dedent("""
    import sys
    from citeaudit.config import HttpConfig
    from citeaudit.http import make_session
    from citeaudit.netguard import static_resolver
    from citeaudit.watch import Runner, WatchOptions, WatchStore
    hosts = {h: "127.0.0.1" for h in ("gazette.test", "wire.test", "blog.test")}
    config = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0, retries=0,
                        deadline=150.0, read_timeout=150.0)
    store = WatchStore(sys.argv[1])
    Runner(store, config, session=make_session(config, resolver=static_resolver(hosts)),
           options=WatchOptions(batch=50)).run()
""")


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_killed_run_resumes_without_losing_or_duplicating_results(
    database, request, time_web, tmp_path
):
    urls, article = _many_urls(time_web, tmp_path, 14)
    hung = threading.Event()
    for url in urls[-2:]:  # the last two hang until the process is killed
        time_web.set(url, news_page("Slow", "A slow page."), hold=hung)
    path = (str(tmp_path / "killed.sqlite3") if database == "sqlite"
            else request.getfixturevalue("postgres_server").new_database())
    with WatchStore(path) as store:
        add_targets(store, [str(article)])
    proc = subprocess.Popen(
        preexec_fn=die_with_parent, args=[sys.executable, "-c", KILLED_RUN, path],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120  # a bound for a hang, not a timing: CI is shared
        checked = 0
        while time.monotonic() < deadline and proc.poll() is None:
            with WatchStore(path) as store:
                checked = store.query("SELECT count(*) FROM checks")[0][0]
            if checked >= 12:
                break
            time.sleep(0.05)
        assert checked == 12, proc.stderr.read().decode() if proc.poll() is not None else ""
        workers = children(proc.pid)
    finally:
        stop(proc)  # SIGKILL
        hung.set()
    assert workers and reap(workers) == []  # the page workers died with their parent
    before = {u: time_web.count(u) for u in urls}
    with WatchStore(path) as store:
        if database == "sqlite":
            assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        run = store.unfinished_run()
        assert run is not None and run.checked == 12 and run.planned == 14
        session = time_web.session()
        summary = Runner(store, time_web.config(), session=session).run()
        session.close()
        assert summary.run.id == run.id and summary.finished and summary.checked == 2
        counts = store.query("SELECT url_id, count(*) FROM checks GROUP BY url_id")
        assert len(counts) == 14 and {n for _, n in counts} == {1}
    # Only the two unfinished URLs were fetched again.
    assert [u for u in urls if time_web.count(u) > before[u]] == urls[-2:]


def test_targets_list_what_is_watched(time_web, tmp_path):
    _, article = _many_urls(time_web, tmp_path, 3)
    with WatchStore(tmp_path / "w.sqlite3") as store:
        add_targets(store, [str(article), "https://example.org/2024/essay"])
        listing = [(t.kind, t.location, t.urls) for t in store.targets()]
        assert listing == [("file", str(article), 3),
                           ("url", "https://example.org/2024/essay", 0)]
        assert store.remove(str(article)) and not store.remove(str(article))
        assert json.dumps([t.location for t in store.targets()]) == (
            '["https://example.org/2024/essay"]')
