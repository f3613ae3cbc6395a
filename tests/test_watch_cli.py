"""``citeaudit watch``: the commands and their exit codes (0 fine, 1 newly broke, 2 bad input)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from citeaudit.cli import main
from citeaudit.watch.schema import LATEST
from citeaudit.watch.store import WatchStore
from tests.test_watch_run import HARBOUR, STRIKE
from tests.test_watch_web import time_web_fixture, write_article  # noqa: F401


@pytest.fixture
def site(time_web, tmp_path):
    """An article citing two pages served on 127.0.0.1 (the CLI resolves names for real)."""
    harbour = f"http://127.0.0.1:{time_web.port}/2024/harbour-budget"
    strike = f"http://127.0.0.1:{time_web.port}/story/strike"
    time_web.set(harbour, HARBOUR)
    time_web.set(strike, STRIKE)
    article = write_article(tmp_path, "harbour.txt", [
        ("The city council approved a budget of 4.2 million euros for the harbour",
         "Council approves the new harbour budget", harbour),
        ("Dock workers walked out on Monday over pay", "Dock workers strike over pay", strike),
    ])
    return article, harbour, strike


def watch_cmd(db, *args):
    return main(["watch", *args[:1], "--db", str(db), *args[1:]])


def test_a_week_of_watching_from_the_command_line(site, time_web, tmp_path, capsys):
    article, harbour, _ = site
    db = tmp_path / "w.sqlite3"
    assert watch_cmd(db, "add", str(article)) == 0
    assert "added: file" in capsys.readouterr().out
    assert watch_cmd(db, "run", "--allow-private") == 0
    assert "checked 2 URLs" in capsys.readouterr().out
    assert watch_cmd(db, "report") == 0
    capsys.readouterr()
    time_web.drop(harbour)
    # With the spacing off and one failure enough, the next run declares it dead.
    assert watch_cmd(db, "run", "--allow-private", "--failures", "1", "--spacing-days", "0",
                     "--format", "json") == 1
    assert json.loads(capsys.readouterr().out)["events"] == {"died": 1}
    for fmt in ("text", "json", "md", "html"):
        assert watch_cmd(db, "report", "--format", fmt) == 1
        assert harbour in capsys.readouterr().out
    assert watch_cmd(db, "report", "--since", "2999-01-01") == 0
    assert "0 newly dead" in capsys.readouterr().out
    assert watch_cmd(db, "list", "--format", "json") == 0
    listed = json.loads(capsys.readouterr().out)["watching"]
    assert [(w["kind"], w["count"]) for w in listed] == [("file", 2)]
    assert watch_cmd(db, "remove", str(article)) == 0
    assert watch_cmd(db, "list") == 0
    assert "0 watched" in capsys.readouterr().out


def test_the_database_can_be_named_by_environment(site, tmp_path, monkeypatch, capsys):
    article, _, _ = site
    monkeypatch.setenv("CITEAUDIT_WATCH_DB", str(tmp_path / "env.sqlite3"))
    assert main(["watch", "add", str(article)]) == 0
    assert (tmp_path / "env.sqlite3").exists()


@pytest.mark.parametrize(("setup", "args", "message"), [
    (None, ["add", "no-such-article.txt"], "no such file"),
    ("sitemap", ["add", "{tmp}/sitemap.xml"], "not well-formed XML"),
    ("garbage-db", ["list"], "not a usable watch database"),
    ("empty-db", ["remove", "never-added.txt"], "not watched"),
    (None, ["report"], "no such watch database"),
    (None, ["run"], "no such watch database"),
    (None, ["list"], "no such watch database"),
    ("foreign-db", ["report"], "has no table 'sources'"),
])
def test_bad_input_is_one_line_and_exit_2(setup, args, message, tmp_path, capsys):
    db = tmp_path / "w.sqlite3"
    if setup == "sitemap":
        (tmp_path / "sitemap.xml").write_text("<urlset><url><loc>https://a.example/</url>")
    if setup == "garbage-db":
        db.write_bytes(b"not sqlite at all\n" * 100)
    if setup == "empty-db":
        WatchStore(db).close()
    if setup == "foreign-db":  # the version a watch database has, but another program's tables
        conn = sqlite3.connect(db)
        conn.executescript(f"CREATE TABLE notes (id INTEGER); PRAGMA user_version = {LATEST};")
        conn.close()
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert watch_cmd(db, *args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    if setup is None and args[0] != "add":
        assert not db.exists()  # a mistyped --db never leaves an empty database behind


@pytest.mark.parametrize("args", [
    ["report", "--since", "last tuesday"],
    ["report", "--format", "pdf"],
    ["run", "--failures", "0"],
])
def test_bad_flags_exit_2(args, tmp_path, capsys):
    assert watch_cmd(tmp_path / "w.sqlite3", *args) == 2


def test_a_run_with_nothing_watched_is_fine(tmp_path, capsys):
    WatchStore(tmp_path / "w.sqlite3").close()
    assert watch_cmd(tmp_path / "w.sqlite3", "run") == 0
    assert "checked 0 URLs" in capsys.readouterr().out


def test_a_second_run_on_a_locked_database_is_refused_with_exit_3(tmp_path, capsys):
    db = tmp_path / "w.sqlite3"
    with WatchStore(db) as holder, holder.run_lock():
        assert watch_cmd(db, "run") == 3
    err = capsys.readouterr().err
    assert "another `citeaudit watch run`" in err and err.count("\n") == 1
    assert watch_cmd(db, "run") == 0  # the lock is free again once its holder is done


def test_watch_report_writes_to_a_file_and_checks_it_first(site, tmp_path, capsys):
    article, _, _ = site
    db = tmp_path / "w.sqlite3"
    assert watch_cmd(db, "add", str(article)) == 0
    assert watch_cmd(db, "report", "-o", str(tmp_path / "no-such-folder" / "r.md")) == 2
    assert "no such folder" in capsys.readouterr().err
    assert watch_cmd(db, "report", "--format", "md", "-o", str(tmp_path / "r.md")) == 0
    assert capsys.readouterr().out == ""
    assert (tmp_path / "r.md").read_text().startswith("#")
