"""The watch store on a real PostgreSQL server: migrations, refusals, the run lock, killed runs.

The behaviour both databases share runs on both through the ``watch`` fixture
(tests/test_watch_web.py), and a killed run's resumption through
tests/test_watch_store.py; these are the PostgreSQL-only edges.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from citeaudit.cli import main
from citeaudit.errors import InputError
from citeaudit.watch import WatchStore
from citeaudit.watch.db.postgres import ddl, hide_password, placeholders
from citeaudit.watch.schema import LATEST
from citeaudit.watch.store import RunBusy
from tests.hostile.proc import stop
from tests.support.children import die_with_parent
from tests.test_watch_store import _many_urls
from tests.test_watch_web import START, news_page, time_web_fixture  # noqa: F401


def test_a_new_postgres_database_is_migrated_and_reopened_with_its_data(postgres_server):
    url = postgres_server.new_database()
    with WatchStore(url) as store:
        assert store.schema_version == LATEST
        store.add_article("https://example.org/2024/essay", "url")
    with WatchStore(url, create=False) as store:
        assert [t.location for t in store.targets()] == ["https://example.org/2024/essay"]
        kinds = dict(store.query(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'urls' AND column_name IN ('id', 'text')"))
        assert kinds == {"id": "bigint", "text": "bytea"}


def test_a_postgres_database_from_a_newer_citeaudit_is_refused(postgres_server):
    url = postgres_server.new_database()
    WatchStore(url).close()
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE citeaudit_schema SET version = %s", (LATEST + 1,))
    with pytest.raises(InputError, match="newer than this citeaudit"):
        WatchStore(url)


def test_an_empty_postgres_database_is_not_made_a_watch_database_except_by_add(postgres_server):
    url = postgres_server.new_database()
    with pytest.raises(InputError, match="no watch database there"):
        WatchStore(url, create=False)
    import psycopg

    with psycopg.connect(url) as conn:  # and nothing was left behind
        assert conn.execute("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_schema = 'public'").fetchone()[0] == 0


def test_a_server_that_does_not_answer_is_one_line_with_the_password_hidden(tmp_path, capsys):
    url = f"postgresql://watcher:s3cret@127.0.0.1:{_closed_port()}/watch"
    assert main(["watch", "list", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "cannot connect to the watch database" in err and err.count("\n") == 1
    assert "s3cret" not in err and "watcher:***@" in err and "Traceback" not in err
    in_query = f"postgresql://watcher@127.0.0.1:{_closed_port()}/watch?password=s3cret"
    assert main(["watch", "list", "--db", in_query]) == 2
    err = capsys.readouterr().err
    assert "s3cret" not in err and "password=***" in err


@pytest.mark.parametrize("url", ["postgresql://watcher:s3cret@[::1/watch",
                                 "postgresql://[::1/watch"])
def test_a_malformed_database_url_is_one_line_with_the_password_hidden(url, capsys):
    assert main(["watch", "list", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "not a database URL" in err and err.count("\n") == 1
    assert "s3cret" not in err and "Traceback" not in err


@pytest.mark.parametrize("scheme", ["mysql", "sqlite", "postgresq"])
def test_a_url_of_another_scheme_is_refused_and_makes_no_file(scheme, tmp_path, monkeypatch,
                                                               capsys):
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.md"
    article.write_text("# A\n\nText.[^1]\n\n[^1]: https://example.org/a\n", encoding="utf-8")
    assert main(["watch", "add", "--db", f"{scheme}://host/watch", str(article)]) == 2
    err = capsys.readouterr().err
    assert f"{scheme}://: not a watch database" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_the_command_line_watches_and_runs_on_a_postgres_database(
    postgres_server, time_web, tmp_path, capsys
):
    url = postgres_server.new_database()
    _, article = _many_urls(time_web, tmp_path, 3)
    assert main(["watch", "add", "--db", url, str(article)]) == 0
    assert main(["watch", "list", "--db", url, "--format", "json"]) == 0
    assert str(article) in capsys.readouterr().out


def test_a_second_run_on_the_same_postgres_database_is_refused_while_one_checks(
    postgres_server,
):
    url = postgres_server.new_database()
    with WatchStore(url) as first, WatchStore(url) as second:
        busy = pytest.raises(RunBusy, match="another `citeaudit watch run`")
        with first.run_lock(), busy, second.run_lock():
            pass
        with second.run_lock():  # released with the block
            pass


HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from citeaudit.watch import WatchStore
    store = WatchStore(sys.argv[1])
    with store.run_lock():
        print("locked", flush=True)
        time.sleep(600)
""")


def test_a_killed_run_leaves_no_run_lock_on_the_server(postgres_server):
    url = postgres_server.new_database()
    WatchStore(url).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, url], preexec_fn=die_with_parent,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with WatchStore(url) as store, pytest.raises(RunBusy), store.run_lock():
            pass
    finally:
        stop(proc)  # SIGKILL: the server sees the session end and drops its lock
    deadline = time.monotonic() + 30  # a bound for a hang, not a timing
    with WatchStore(url) as store:
        while True:
            try:
                with store.run_lock():
                    break
            except RunBusy:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)


def test_statements_and_migrations_are_adapted_to_postgres_and_nothing_else():
    assert placeholders("SELECT 1 FROM t WHERE a = ? AND b LIKE 'x%'") == (
        "SELECT 1 FROM t WHERE a = %s AND b LIKE 'x%%'")
    assert ddl("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, b BLOB, r REAL, "
               "PRIMARY KEY (n)) WITHOUT ROWID") == (
        "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n BIGINT, "
        "b BYTEA, r DOUBLE PRECISION, PRIMARY KEY (n))")
    assert hide_password("postgresql://u:pw@db:5432/w") == "postgresql://u:***@db:5432/w"
    assert hide_password("postgresql://db/w") == "postgresql://db/w"
    assert hide_password("postgresql://u:pw@[::1/w") == "postgresql://u:***@[::1/w"
    assert hide_password("postgresql://u@db/w?sslmode=disable&password=pw&x=1") == (
        "postgresql://u@db/w?sslmode=disable&password=***&x=1")


def _closed_port() -> int:
    """A loopback port nothing listens on."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
