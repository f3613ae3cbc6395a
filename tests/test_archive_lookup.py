"""Batches of look-ups: merging archives, and slowing down when the Archive says 429."""

from __future__ import annotations

import datetime as dt

import pytest
import responses

from citeaudit.archive import (
    Batch,
    MementoArchive,
    Problem,
    WaybackArchive,
    find_snapshots,
    lookup_snapshots,
    parse_spec,
    parse_specs,
)
from citeaudit.archive.lookup import COOLDOWN
from citeaudit.archive.wayback import CDX_URL
from citeaudit.config import Config
from citeaudit.errors import ArchiveRateLimited, ConfigError
from tests.support.pywb_archive import TEST_HTTP

ACCESS = dt.date(2024, 6, 28)
HEADER = ["timestamp", "original", "statuscode", "mimetype"]
TOO_MANY = "<html><body><h1>429 Too Many Requests</h1></body></html>"
URLS = [f"https://www.ukrinform.net/rubric-polytics/{n}-talks.html" for n in range(3871, 3875)]
TIMEMAP = "https://archive.example/timemap/link/"


class Sleeps(list):
    """A stand-in for ``time.sleep`` that records instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def rows(url, *stamps):
    return [HEADER, *([s, url, "200", "text/html"] for s in stamps)]


@responses.activate
def test_a_rate_limited_run_slows_down_stops_asking_and_finishes(archive_session):
    responses.get(CDX_URL, body=TOO_MANY, status=429, content_type="text/html")
    sleeps = Sleeps()

    results = lookup_snapshots(
        [(u, ACCESS) for u in URLS], Config(http=TEST_HTTP), session=archive_session,
        sleep=sleeps,
    )

    problems = [[f.problem for f in r.failures] for r in results]
    assert problems == [
        [Problem.RATE_LIMITED], [Problem.RATE_LIMITED], [Problem.SKIPPED], [Problem.SKIPPED],
    ]
    assert sleeps == [COOLDOWN]  # waited before asking again, then went quiet
    asked = [c.request.params["url"] for c in responses.calls]
    assert set(asked) == set(URLS[:2])  # the skipped look-ups sent nothing
    assert len(asked) == 2 * (1 + TEST_HTTP.retries)  # each look-up retried with backoff first
    assert all(not r.snapshots and not r.complete for r in results)


@responses.activate
def test_a_run_recovers_when_the_archive_stops_rate_limiting(archive_session):
    for _ in range(1 + TEST_HTTP.retries):  # the session's own polite retries see 429 too
        responses.get(CDX_URL, body=TOO_MANY, status=429)
    responses.get(CDX_URL, json=rows(URLS[1], "20240620101512"))
    responses.get(CDX_URL, json=[])
    sleeps = Sleeps()
    batch = Batch([WaybackArchive(archive_session, TEST_HTTP)], sleep=sleeps)

    first, second, third = (batch.lookup(u, ACCESS) for u in URLS[:3])

    assert first.failures[0].problem is Problem.RATE_LIMITED
    assert second.complete and second.best.days_from_access(ACCESS) == 8
    assert third.complete and third.snapshots == ()
    assert sleeps == [COOLDOWN]  # only the look-up right after the 429 waited


@responses.activate
def test_the_cooldown_doubles_while_the_archive_keeps_rate_limiting(archive_session):
    responses.get(CDX_URL, body=TOO_MANY, status=429)
    sleeps = Sleeps()
    batch = Batch(
        [WaybackArchive(archive_session, TEST_HTTP)], cooldown=5.0, max_rate_limited=4,
        sleep=sleeps,
    )
    for url in URLS:
        batch.lookup(url, ACCESS)
    assert sleeps == [5.0, 10.0, 20.0]


@responses.activate
def test_one_archive_rate_limiting_does_not_stop_the_others(archive_session):
    responses.get(CDX_URL, body=TOO_MANY, status=429)
    responses.get(TIMEMAP + URLS[0], content_type="application/link-format", body=(
        f'<{URLS[0]}>; rel="original",\n'
        f'<https://archive.example/20240601000000/{URLS[0]}>; rel="memento"; '
        'datetime="Sat, 01 Jun 2024 00:00:00 GMT"\n'))
    responses.head(f"https://archive.example/20240601000000/{URLS[0]}",
                   headers={"Memento-Datetime": "Sat, 01 Jun 2024 00:00:00 GMT"})
    batch = Batch([
        WaybackArchive(archive_session, TEST_HTTP),
        MementoArchive(archive_session, TEST_HTTP, timemap_prefix=TIMEMAP, name="example"),
    ], sleep=Sleeps())

    result = batch.lookup(URLS[0], ACCESS)

    assert [s.archive for s in result.snapshots] == ["example"]
    assert [(f.archive, f.problem) for f in result.failures] == [
        ("wayback", Problem.RATE_LIMITED)
    ]


@responses.activate
def test_snapshots_of_several_archives_merge_best_first(archive_session):
    responses.get(CDX_URL, json=rows(URLS[0], "20240703000000"))
    responses.get(TIMEMAP + URLS[0], content_type="application/link-format", body=(
        f'<https://archive.example/20240501000000/{URLS[0]}>; rel="memento"; '
        'datetime="Wed, 01 May 2024 00:00:00 GMT"\n'))
    responses.head(f"https://archive.example/20240501000000/{URLS[0]}",
                   headers={"Memento-Datetime": "Wed, 01 May 2024 00:00:00 GMT"})
    config = Config(http=TEST_HTTP, archives=("wayback", f"example={TIMEMAP}"))

    found = find_snapshots(URLS[0], ACCESS, config, session=archive_session)

    # the May capture is further away but before the access date, so it comes first
    assert [(s.archive, s.datetime.month) for s in found] == [("example", 5), ("wayback", 7)]


@responses.activate
def test_find_snapshots_raises_when_nothing_was_found_because_nothing_could_be_asked(
    archive_session,
):
    responses.get(CDX_URL, body=TOO_MANY, status=429)
    with pytest.raises(ArchiveRateLimited):
        find_snapshots(URLS[0], ACCESS, Config(http=TEST_HTTP), session=archive_session)


def test_archive_none_disables_every_look_up(archive_session):
    config = Config(http=TEST_HTTP, archives=("wayback", "none"))
    assert find_snapshots(URLS[0], ACCESS, config, session=archive_session) == []
    assert lookup_snapshots([(URLS[0], ACCESS)], config, session=archive_session)[0].complete


def test_archive_specs_name_known_archives_prefixes_and_named_prefixes():
    assert parse_spec("wayback").timemap_prefix is None
    today = parse_spec("archive.today")
    assert (today.timemap_prefix, today.timegate_prefix) == (
        "https://archive.today/timemap/", "https://archive.today/timegate/"
    )
    assert parse_spec(TIMEMAP).name == "archive.example"
    named = parse_spec(f"library={TIMEMAP}")
    assert (named.name, named.timemap_prefix) == ("library", TIMEMAP)
    assert [s.name for s in parse_specs(["wayback", "WAYBACK", TIMEMAP])] == [
        "wayback", "archive.example"
    ]


@pytest.mark.parametrize("bad", ["wayback-machine", "ftp://archive.example/timemap/", "x=y"])
def test_an_unknown_archive_is_a_config_error_naming_the_choices(bad):
    with pytest.raises(ConfigError, match=r"unknown archive .*wayback"):
        parse_spec(bad)
