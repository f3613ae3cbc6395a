"""Memento shapes pywb does not produce: redirecting TimeGates, scheme hops, failing TimeMaps."""

from __future__ import annotations

import datetime as dt

import pytest
import responses

from citeaudit.archive import MementoArchive
from citeaudit.archive.memento import derive_timegate, http_date, with_raw_modifier
from citeaudit.errors import ArchiveError, ArchiveRateLimited
from tests.support.pywb_archive import TEST_HTTP

PAGE = "https://www.kyivpost.com/post/34571"
ACCESS = dt.date(2024, 6, 28)
TIMEMAP = "https://archive.example/timemap/link/"
GATE = "https://archive.example/"
MEMENTO = f"https://archive.example/20240620101512/{PAGE}"
DATETIME = "Thu, 20 Jun 2024 10:15:12 GMT"


@pytest.fixture
def archive(archive_session):
    return MementoArchive(archive_session, TEST_HTTP, timemap_prefix=TIMEMAP, name="example")


@responses.activate
def test_a_failing_timemap_falls_back_to_the_timegate(archive):
    responses.get(TIMEMAP + PAGE, status=503)
    # the Internet Archive's pattern: the gate redirects to the memento (no Memento-Datetime)
    responses.get(GATE + PAGE, status=302, headers={
        "Location": MEMENTO, "Vary": "accept-datetime",
        "Link": f'<{PAGE}>; rel="original"',
    })
    responses.head(MEMENTO, headers={"Memento-Datetime": DATETIME})

    [best] = archive.snapshots(PAGE, ACCESS)

    assert best.url == MEMENTO and best.status == 200
    assert best.days_from_access(ACCESS) == 8
    gate_call = next(c for c in responses.calls if c.request.url == GATE + PAGE)
    assert gate_call.request.headers["Accept-Datetime"] == "Fri, 28 Jun 2024 23:59:59 GMT"


@responses.activate
def test_a_gate_naming_a_previous_memento_lets_the_earlier_page_win(archive):
    later = f"https://archive.example/20240703000000/{PAGE}"
    responses.get(TIMEMAP + PAGE, status=501)
    responses.get(GATE + PAGE, status=302, headers={
        "Location": later,
        "Link": f'<{MEMENTO}>; rel="prev memento"; datetime="{DATETIME}", '
                f'<{later}>; rel="memento"; datetime="Wed, 03 Jul 2024 00:00:00 GMT"',
    })
    responses.head(later, headers={"Memento-Datetime": "Wed, 03 Jul 2024 00:00:00 GMT"})
    responses.head(MEMENTO, headers={"Memento-Datetime": DATETIME})

    [best] = archive.snapshots(PAGE, ACCESS)

    assert best.url == MEMENTO


@responses.activate
def test_an_archive_hop_from_http_to_https_is_followed_not_mistaken_for_a_redirect_capture(
    archive,
):
    plain = MEMENTO.replace("https://archive.example", "http://archive.example")
    responses.get(TIMEMAP + PAGE, content_type="application/link-format",
                  body=f'<{plain}>; rel="memento"; datetime="{DATETIME}"')
    responses.head(plain, status=301, headers={"Location": MEMENTO})
    responses.head(MEMENTO, headers={"Memento-Datetime": DATETIME})

    [best] = archive.snapshots(PAGE, ACCESS)

    assert (best.url, best.status) == (MEMENTO, 200)


@responses.activate
def test_a_memento_of_a_redirect_is_never_the_page(archive):
    responses.get(TIMEMAP + PAGE, content_type="application/link-format",
                  body=f'<{MEMENTO}>; rel="memento"; datetime="{DATETIME}"')
    responses.head(MEMENTO, status=302, headers={
        "Location": "https://archive.example/20240620101512/https://www.kyivpost.com/",
        "Memento-Datetime": DATETIME,
    })
    assert archive.snapshots(PAGE, ACCESS) == []


@responses.activate
def test_an_archive_that_refuses_head_is_probed_with_get(archive):
    responses.get(TIMEMAP + PAGE, content_type="application/link-format",
                  body=f'<{MEMENTO}>; rel="memento"; datetime="{DATETIME}"')
    responses.head(MEMENTO, status=405)
    responses.get(MEMENTO, body="<html>page</html>", headers={"Memento-Datetime": DATETIME})
    [best] = archive.snapshots(PAGE, ACCESS)
    assert best.status == 200


@responses.activate
def test_probes_stop_at_the_limit(archive_session):
    stamps = [f"202406{day:02d}000000" for day in range(1, 11)]
    body = ",\n".join(
        f'<https://archive.example/{s}/{PAGE}>; rel="memento"; '
        f'datetime="{http_date(dt.datetime.strptime(s, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC))}"'
        for s in stamps
    )
    responses.get(TIMEMAP + PAGE, body=body, content_type="application/link-format")
    for s in stamps:
        responses.head(f"https://archive.example/{s}/{PAGE}", status=404,
                       headers={"Memento-Datetime": "Sat, 01 Jun 2024 00:00:00 GMT"})
    archive = MementoArchive(archive_session, TEST_HTTP, timemap_prefix=TIMEMAP, max_probes=3)

    assert archive.snapshots(PAGE, ACCESS) == []
    assert sum(c.request.method == "HEAD" for c in responses.calls) == 3


@responses.activate
def test_a_timemap_without_a_gate_to_fall_back_on_is_an_archive_error(archive_session):
    archive = MementoArchive(
        archive_session, TEST_HTTP, timemap_prefix="https://archive.example/tm?url="
    )
    responses.get("https://archive.example/tm?url=" + PAGE, status=500)
    with pytest.raises(ArchiveError, match="TimeMap answered HTTP 500"):
        archive.snapshots(PAGE, ACCESS)


@responses.activate
def test_a_rate_limited_timemap_raises_rate_limited(archive):
    responses.get(TIMEMAP + PAGE, status=429, body="<html>Too Many Requests</html>")
    with pytest.raises(ArchiveRateLimited):
        archive.snapshots(PAGE, ACCESS)


def test_timegates_are_derived_from_timemap_prefixes_as_memgator_lists_them():
    assert derive_timegate("https://web.archive.org/web/timemap/link/") == (
        "https://web.archive.org/web/"
    )
    assert derive_timegate("https://archive.today/timemap/") == "https://archive.today/timegate/"
    assert derive_timegate("https://archive.example/tm?url=") is None


def test_the_raw_modifier_goes_right_after_the_timestamp():
    assert with_raw_modifier(MEMENTO) == f"https://archive.example/20240620101512id_/{PAGE}"
