"""Politeness you can set: per-archive intervals (flags, toml) and look-ups kept across runs."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from citeaudit.archive import Batch
from citeaudit.archive.cache import TTL, LookupCache, kind_of
from citeaudit.archive.interface import ArchiveStatus, Snapshot
from citeaudit.archive.politeness import with_archive_intervals
from citeaudit.config import Config, HttpConfig
from citeaudit.errors import ConfigError, InputError
from citeaudit.http import make_session
from citeaudit.settings import load_settings
from tests.support.ia_standin import Capture, running_standin

ACCESS = dt.date(2024, 6, 28)
UTC = dt.UTC
HTTP = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0, retries=0,
                  deadline=10.0, host_intervals={"127.0.0.1": 0.0})


def test_an_archive_interval_spaces_every_host_of_that_archive():
    config = Config(archives=("wayback", "archive.today", "mine=https://arch.example/timemap/"),
                    archive_intervals={"wayback": 5.0, "mine": 0.5, "archive.today": 12})
    hosts = with_archive_intervals(config).http.host_intervals
    assert hosts == {"archive.org": 5.0, "web.archive.org": 5.0, "archive.today": 12.0,
                     "arch.example": 0.5}


def test_an_interval_for_an_archive_nobody_configured_is_an_error():
    with pytest.raises(ConfigError, match="unknown archive 'nope'"):
        with_archive_intervals(Config(archive_intervals={"nope": 1.0}))


def test_citeaudit_toml_sets_archive_intervals(tmp_path):
    path = tmp_path / "citeaudit.toml"
    path.write_text('archive = ["wayback"]\n[archive_interval]\nwayback = 6\n', encoding="utf-8")
    config = load_settings(path).apply(Config())
    assert config.archive_intervals == {"wayback": 6.0}
    assert with_archive_intervals(config).http.host_intervals["web.archive.org"] == 6.0


@pytest.mark.parametrize("text", ['archive_interval = 3\n',
                                  '[archive_interval]\nwayback = "fast"\n',
                                  '[archive_interval]\nwayback = -1\n'])
def test_a_wrong_archive_interval_in_the_settings_file_is_a_clear_error(tmp_path, text):
    path = tmp_path / "citeaudit.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="archive_interval"):
        load_settings(path)


def test_the_archive_interval_flag_beats_the_settings_file(tmp_path, monkeypatch):
    from citeaudit.cli import build_parser
    from citeaudit.cli.audit import resolve_options

    (tmp_path / "citeaudit.toml").write_text("[archive_interval]\nwayback = 6\n",
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = build_parser().parse_args(["audit", "a.txt", "--archive-interval", "wayback=9"])
    assert resolve_options(args).config.archive_intervals == {"wayback": 9.0}
    bad = build_parser().parse_args(["audit", "a.txt", "--archive-interval", "wayback"])
    with pytest.raises(InputError, match="NAME=SECONDS"):
        resolve_options(bad)


def _snap(day: int) -> Snapshot:
    when = dt.datetime(2024, 6, day, 12, tzinfo=UTC)
    return Snapshot(f"https://web.archive.org/web/{when:%Y%m%d%H%M%S}/https://a.example/",
                    "https://a.example/", when, "wayback", 200)


def test_each_kind_of_answer_is_kept_for_its_own_time():
    assert kind_of([_snap(20)], ACCESS) == "before"
    assert kind_of([_snap(30)], ACCESS) == "after"
    assert kind_of([], ACCESS) == "none"
    assert TTL["before"] > TTL["after"] > TTL["none"]


def test_a_kept_answer_expires_after_its_ttl(tmp_path):
    now = [1000.0]
    cache = LookupCache(tmp_path / "lookups.sqlite", clock=lambda: now[0])
    cache.put("wayback", "https://a.example/", ACCESS, [])
    assert cache.get("wayback", "https://a.example/", ACCESS) == []
    now[0] += TTL["none"] + 1
    assert cache.get("wayback", "https://a.example/", ACCESS) is None
    cache.put("wayback", "https://a.example/", ACCESS, [_snap(20)])
    now[0] += TTL["none"] + 1  # a capture before the date outlives a "none"
    assert cache.get("wayback", "https://a.example/", ACCESS) == [_snap(20)]
    cache.close()


def test_a_rerun_asks_the_archive_only_about_what_it_has_not_answered(tmp_path):
    urls = [f"https://a.example/{n}" for n in range(3)]
    captures = [Capture(urls[0], dt.datetime(2024, 6, 20, tzinfo=UTC))]
    config = Config(http=attrs.evolve(HTTP, cache_path=tmp_path / "cache"))
    session = make_session(HTTP)
    try:
        with running_standin(captures) as ia:
            first = Batch([ia.backend(session, HTTP)], cache=LookupCache.for_config(config))
            first.lookup_many([(u, ACCESS) for u in urls[:2]])
            again = Batch([ia.backend(session, HTTP)], cache=LookupCache.for_config(config))
            results = again.lookup_many([(u, ACCESS) for u in urls])
            lines = [r.lines for r in ia.requests("/wayback/available", "POST")]
    finally:
        session.close()
    assert lines == [2, 1, 1, 1]  # run 1: before, after; run 2: only the new URL
    assert results[(urls[0], ACCESS)].status is ArchiveStatus.FOUND
    assert results[(urls[1], ACCESS)].status is ArchiveStatus.NONE


def test_failures_are_never_kept(tmp_path):
    from citeaudit.archive import Problem

    config = Config(http=attrs.evolve(HTTP, cache_path=tmp_path / "cache"))
    session = make_session(HTTP)
    try:
        with running_standin([]) as ia:
            dead = ia.backend(session, HTTP)
        # the stand-in is gone: the look-up fails, and must be asked again next run
        batch = Batch([dead], cache=LookupCache.for_config(config))
        failed = batch.lookup_many([("https://a.example/", ACCESS)])
    finally:
        session.close()
    assert failed[("https://a.example/", ACCESS)].failures[0].problem is Problem.NETWORK_ERROR
    assert LookupCache.for_config(config).get("wayback", "https://a.example/", ACCESS) is None
