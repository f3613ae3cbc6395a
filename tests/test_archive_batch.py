"""Batch availability look-ups against the stand-in Archive: few requests, within its limits."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs

import pytest

from citeaudit.archive import Batch, Problem
from citeaudit.archive.availability import AvailabilityClient
from citeaudit.config import HttpConfig
from citeaudit.http import make_session
from tests.support.ia_standin import Capture, Limits, running_standin

ACCESS = dt.date(2024, 6, 28)
HTTP = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0, retries=2,
                  backoff=0.01, max_retry_after=5.0, deadline=20.0,
                  host_intervals={"127.0.0.1": 0.0})
URLS = [f"https://news.example/stories/{n}" for n in range(12)]


def at(day: int, month: int = 6) -> dt.datetime:
    return dt.datetime(2024, month, day, 12, tzinfo=dt.UTC)


@pytest.fixture
def session():
    s = make_session(HTTP)
    yield s
    s.close()


def test_one_request_answers_every_url_with_its_capture_before_the_access_date(session):
    captures = [Capture(u, at(20)) for u in URLS] + [Capture(u, at(30)) for u in URLS]
    with running_standin(captures) as ia:
        found = ia.backend(session, HTTP).snapshots_many([(u, ACCESS) for u in URLS])
        posts = ia.requests("/wayback/available", "POST")

    assert len(posts) == 1 and posts[0].lines == len(URLS)
    assert ia.requests("/cdx") == []  # the batch answer was enough
    assert all(found[(u, ACCESS)][0].datetime == at(20) for u in URLS)
    assert found[(URLS[0], ACCESS)][0].raw_url.endswith(f"/web/20240620120000id_/{URLS[0]}")


def test_a_url_with_no_capture_before_the_date_is_asked_once_more_for_the_closest_after(
    session,
):
    captures = [Capture(URLS[0], at(20)), Capture(URLS[1], at(2, 7)),
                Capture(URLS[1], at(1, 5), status=404)]
    with running_standin(captures) as ia:
        found = ia.backend(session, HTTP).snapshots_many([(u, ACCESS) for u in URLS[:3]])
        posts = ia.requests("/wayback/available", "POST")

    assert [p.lines for p in posts] == [3, 2]  # before for all, after for the two misses
    assert found[(URLS[0], ACCESS)][0].datetime == at(20)
    assert found[(URLS[1], ACCESS)][0].datetime == at(2, 7)  # never the archived 404
    assert found[(URLS[2], ACCESS)] == []


def test_request_lines_are_the_ones_internetarchivebot_sends(session):
    with running_standin([Capture(URLS[0], at(20))]) as ia:
        client = AvailabilityClient(session, HTTP, url=ia.availability_url)
        client.closest([(URLS[0] + "?a=1&b=2", ACCESS)])
    from citeaudit.archive.availability import line

    fields = parse_qs(line(URLS[0] + "?a=1&b=2", ACCESS, "before", 7))
    assert fields == {"url": [URLS[0] + "?a=1&b=2"], "timestamp": ["20240628235959"],
                      "closest": ["before"], "statuscodes": ["200", "203", "206"], "tag": ["7"]}


def test_tags_an_answer_leaves_out_are_posted_again(session):
    captures = [Capture(u, at(20)) for u in URLS[:5]]
    with running_standin(captures, Limits(omit_tags=2)) as ia:
        client = AvailabilityClient(session, HTTP, url=ia.availability_url)
        answers = client.closest([(u, ACCESS) for u in URLS[:5]])
        posts = ia.requests("/wayback/available", "POST")

    assert [p.lines for p in posts] == [5, 2]
    assert all(answers[(u, ACCESS)].timestamp == "20240620120000" for u in URLS[:5])


def test_a_batch_too_large_for_the_archive_is_split(session):
    captures = [Capture(u, at(20)) for u in URLS]
    with running_standin(captures, Limits(max_lines=5)) as ia:
        client = AvailabilityClient(session, HTTP, url=ia.availability_url, max_lines=12)
        answers = client.closest([(u, ACCESS) for u in URLS])
        statuses = [(r.status, r.lines) for r in ia.requests("/wayback/available")]

    assert statuses[0] == (413, 12)
    assert all(lines <= 5 for status, lines in statuses[1:] if status == 200)
    assert len(answers) == len(URLS) and all(a is not None for a in answers.values())


def test_a_429_is_waited_out_for_its_retry_after_and_never_sent_through(session):
    captures = [Capture(u, at(20)) for u in URLS[:2]]
    with running_standin(captures, Limits(api_per_window=1, window=1.0,
                                          block_after_ignored=1)) as ia:
        client = AvailabilityClient(session, HTTP, url=ia.availability_url, max_lines=1)
        answers = client.closest([(u, ACCESS) for u in URLS[:2]])
        log = ia.requests("/wayback/available")

    assert [r.status for r in log] == [200, 429, 200]
    assert log[2].at - log[1].at >= 1.0  # Retry-After: 1 was honoured
    assert all(a is not None for a in answers.values())


def test_a_retry_after_longer_than_allowed_gives_up_as_rate_limited(session):
    limits = Limits(api_per_window=1, window=120.0)
    with running_standin([Capture(URLS[0], at(20))], limits) as ia:
        batch = Batch([ia.backend(session, HTTP)])
        first = batch.lookup_many([(URLS[0], ACCESS)])
        second = batch.lookup_many([(URLS[1], ACCESS)])

    assert first[(URLS[0], ACCESS)].best is not None
    [failure] = second[(URLS[1], ACCESS)].failures
    assert failure.problem is Problem.RATE_LIMITED
    assert ia.over_limit == 1  # asked once, told to wait two minutes, and went quiet


def test_the_standin_blocks_a_client_that_keeps_going_through_429s(session):
    import requests

    limits = Limits(api_per_window=1, window=60.0, block_after_ignored=3)
    with running_standin([], limits) as ia:
        statuses = [requests.get(ia.cdx_url, params={"url": URLS[0]}, timeout=5).status_code
                    for _ in range(6)]
    assert statuses == [200, 429, 429, 429, 403, 403]  # the third request sent through: blocked


def test_when_the_batch_interface_fails_each_url_is_asked_of_cdx_instead(session):
    captures = [Capture(u, at(20)) for u in URLS[:2]]
    with running_standin(captures) as ia:
        backend = ia.backend(session, HTTP)
        backend.availability.url = ia.base_url + "/broken/available"  # answers 404
        found = backend.snapshots_many([(u, ACCESS) for u in URLS[:2]])
        cdx = ia.requests("/cdx")

    assert len(cdx) == 2
    assert all(found[(u, ACCESS)][0].datetime == at(20) for u in URLS[:2])
