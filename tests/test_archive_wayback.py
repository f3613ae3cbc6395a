"""The Internet Archive backend against faked CDX, availability and replay answers.

The shapes are the Archive's own: ``output=json`` is a list whose first row
names the fields; an unknown URL is ``[]``; a 429 is an HTML page.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

from citeaudit.archive import Snapshot, WaybackArchive, fetch_snapshot
from citeaudit.archive.wayback import AVAILABILITY_URL, CDX_URL
from citeaudit.errors import ArchiveError, ArchiveRateLimited
from citeaudit.http import DEFAULT_HOST_INTERVALS

PAGE = "https://www.kyivpost.com/post/34571"
ACCESS = dt.date(2024, 6, 28)
HEADER = ["timestamp", "original", "statuscode", "mimetype"]
TOO_MANY = (
    "<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1>"
    "<p>We are limiting the number of requests you can make.</p></body></html>"
)


@pytest.fixture
def wayback(archive_session):
    return WaybackArchive(archive_session)


def cdx(*rows, status=200):
    responses.get(CDX_URL, json=[HEADER, *rows] if rows else [], status=status)


def query(call):
    return {k: v[0] for k, v in parse_qs(urlsplit(call.request.url).query).items()}


@responses.activate
def test_closest_capture_before_the_access_date_wins_over_a_nearer_later_one(wayback):
    # sort=closest puts the 3 July capture first: it is 4 days away, 20 June is 8
    cdx(["20240703081122", PAGE, "200", "text/html"],
        ["20240620101512", PAGE, "200", "text/html"],
        ["20240611120000", PAGE, "200", "text/html"])

    [best] = wayback.snapshots(PAGE, ACCESS)

    assert best.datetime == dt.datetime(2024, 6, 20, 10, 15, 12, tzinfo=dt.UTC)
    assert best.days_from_access(ACCESS) == 8
    assert best.url == f"https://web.archive.org/web/20240620101512/{PAGE}"
    assert best.raw_url == f"https://web.archive.org/web/20240620101512id_/{PAGE}"
    assert (best.archive, best.status, best.original) == ("wayback", 200, PAGE)


@responses.activate
def test_the_query_asks_for_200_captures_closest_to_the_end_of_the_access_day(wayback):
    cdx(["20240620101512", PAGE, "200", "text/html"])
    wayback.snapshots(PAGE, ACCESS)
    sent = query(responses.calls[0])
    assert sent == {
        "url": PAGE, "output": "json", "fl": "timestamp,original,statuscode,mimetype",
        "filter": "statuscode:200", "sort": "closest", "closest": "20240628235959",
        "limit": "10",
    }


@responses.activate
def test_with_only_later_captures_the_closest_later_one_is_chosen(wayback):
    cdx(["20240703081122", PAGE, "200", "text/html"],
        ["20240915000000", PAGE, "200", "text/html"])
    [best] = wayback.snapshots(PAGE, ACCESS)
    assert best.datetime.date() == dt.date(2024, 7, 3)
    assert best.days_from_access(ACCESS) == 5
    assert not best.is_before(ACCESS)


@responses.activate
def test_a_capture_on_the_access_day_counts_as_before(wayback):
    cdx(["20240628213000", PAGE, "200", "text/html"],
        ["20240627090000", PAGE, "200", "text/html"])
    [best] = wayback.snapshots(PAGE, ACCESS)
    assert best.days_from_access(ACCESS) == 0
    assert best.is_before(ACCESS)


@responses.activate
def test_limit_returns_several_snapshots_best_first(wayback):
    cdx(["20240703081122", PAGE, "200", "text/html"],
        ["20240620101512", PAGE, "200", "text/html"],
        ["20240611120000", PAGE, "200", "text/html"])
    got = [s.datetime.date().isoformat() for s in wayback.snapshots(PAGE, ACCESS, limit=3)]
    assert got == ["2024-06-20", "2024-06-11", "2024-07-03"]


@responses.activate
def test_when_every_nearby_row_is_later_one_more_query_finds_the_closest_before(wayback):
    later = [[f"202407{day:02d}000000", PAGE, "200", "text/html"] for day in range(1, 11)]
    responses.get(CDX_URL, json=[HEADER, *later])
    responses.get(CDX_URL, json=[HEADER, ["20230102030405", PAGE, "200", "text/html"]])

    [best] = wayback.snapshots(PAGE, ACCESS)

    assert best.datetime.year == 2023
    assert len(responses.calls) == 2
    assert query(responses.calls[1])["to"] == "20240628235959"
    assert query(responses.calls[1])["limit"] == "1"


@responses.activate
def test_an_unknown_url_is_an_empty_list_and_the_fallback_is_not_asked(wayback):
    cdx()  # the CDX server answers [] for a URL it has never captured
    assert wayback.snapshots("https://example.org/never-archived", ACCESS) == []
    assert len(responses.calls) == 1


@responses.activate
def test_an_empty_body_is_an_empty_list(wayback):
    responses.get(CDX_URL, body="")
    assert wayback.snapshots(PAGE, ACCESS) == []


@responses.activate
def test_rows_that_are_not_200_are_never_taken_as_the_page(wayback):
    # should the filter ever be ignored, a redirect capture still must not win
    cdx(["20240627000000", PAGE, "301", "text/html"],
        ["20240626000000", PAGE, "404", "text/html"],
        ["20240601000000", PAGE, "200", "text/html"])
    [best] = wayback.snapshots(PAGE, ACCESS)
    assert best.datetime.date() == dt.date(2024, 6, 1)


@responses.activate
def test_without_an_access_date_the_newest_capture_is_chosen(wayback):
    cdx(["20230101000000", PAGE, "200", "text/html"],
        ["20240101000000", PAGE, "200", "text/html"])
    [best] = wayback.snapshots(PAGE)
    assert best.datetime.year == 2024
    sent = query(responses.calls[0])
    assert (sent["limit"], sent["fastLatest"]) == ("-10", "true")
    assert "closest" not in sent


@responses.activate
def test_the_availability_api_answers_when_the_cdx_server_fails(wayback):
    responses.get(CDX_URL, body="<html>502 Bad Gateway</html>", status=502)
    responses.get(AVAILABILITY_URL, json={
        "url": PAGE,
        "archived_snapshots": {"closest": {
            "status": "200", "available": True, "timestamp": "20240620101512",
            "url": f"http://web.archive.org/web/20240620101512/{PAGE}",
        }},
        "timestamp": "20240628235959",
    })

    [best] = wayback.snapshots(PAGE, ACCESS)

    assert best.days_from_access(ACCESS) == 8
    assert best.original == PAGE
    [asked] = [c for c in responses.calls if c.request.url.startswith(AVAILABILITY_URL)]
    assert query(asked)["timestamp"] == "20240628235959"


@responses.activate
def test_an_empty_availability_answer_is_no_snapshot(wayback):
    responses.get(CDX_URL, body="not json", status=200, content_type="text/html")
    responses.get(AVAILABILITY_URL, json={"url": PAGE, "archived_snapshots": {}})
    assert wayback.snapshots(PAGE, ACCESS) == []


@responses.activate
def test_a_non_200_availability_capture_is_not_a_page(wayback):
    responses.get(CDX_URL, status=503)
    responses.get(AVAILABILITY_URL, json={"archived_snapshots": {"closest": {
        "status": "302", "available": True, "timestamp": "20240620101512",
        "url": f"http://web.archive.org/web/20240620101512/{PAGE}"}}})
    assert wayback.snapshots(PAGE, ACCESS) == []


@responses.activate
def test_when_both_apis_fail_the_cdx_error_is_raised(wayback):
    responses.get(CDX_URL, status=503)
    responses.get(AVAILABILITY_URL, status=503)
    with pytest.raises(ArchiveError, match="CDX server answered HTTP 503"):
        wayback.snapshots(PAGE, ACCESS)


@responses.activate
def test_a_429_page_raises_rate_limited_and_does_not_fall_back(wayback):
    responses.get(CDX_URL, body=TOO_MANY, status=429, content_type="text/html")
    with pytest.raises(ArchiveRateLimited, match="429"):
        wayback.snapshots(PAGE, ACCESS)
    assert all(urlsplit(c.request.url).path.startswith("/cdx") for c in responses.calls)


@responses.activate
def test_a_header_row_without_field_names_is_an_archive_error(wayback):
    responses.get(CDX_URL, json=[["20240620101512", PAGE]])
    responses.get(AVAILABILITY_URL, status=500)
    with pytest.raises(ArchiveError, match="header row"):
        wayback.snapshots(PAGE, ACCESS)


@responses.activate
def test_fetch_snapshot_reads_the_unmodified_bytes_through_id_(archive_session, wayback):
    cdx(["20240620101512", PAGE, "200", "text/html"])
    [best] = wayback.snapshots(PAGE, ACCESS)
    responses.get(best.raw_url, body=b"<html><title>Kyiv Post</title></html>",
                  content_type="text/html; charset=utf-8")

    page = fetch_snapshot(best, session=archive_session)

    assert page.body == b"<html><title>Kyiv Post</title></html>"
    assert page.url == best.raw_url
    assert page.content_type == "text/html; charset=utf-8"


def test_every_session_spaces_requests_to_the_archive_hosts_by_default():
    assert set(DEFAULT_HOST_INTERVALS) >= {"web.archive.org", "archive.org"}
    assert min(DEFAULT_HOST_INTERVALS.values()) >= 2.5  # CDX allows about 24 requests a minute


def test_snapshot_to_dict_is_the_archive_part_of_the_report():
    snap = Snapshot(
        url=f"https://web.archive.org/web/20240620101512/{PAGE}", original=PAGE,
        datetime=dt.datetime(2024, 6, 20, 10, 15, 12, tzinfo=dt.UTC), archive="wayback",
        status=200,
    )
    assert snap.to_dict(ACCESS) == {
        "snapshot": {"url": snap.url, "datetime": "2024-06-20T10:15:12Z", "days_from_access": 8},
        "archive": "wayback",
    }
    assert snap.to_dict()["snapshot"]["days_from_access"] is None


@responses.activate
def test_the_fragment_of_a_cited_url_is_not_sent_to_the_archive(wayback):
    cdx(["20240620101512", PAGE, "200", "text/html"])
    wayback.snapshots(PAGE + "#:~:text=exports%20grew", ACCESS)
    assert query(responses.calls[0])["url"] == PAGE
