"""The Memento backend end to end against a real pywb replaying WARCs the tests wrote."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from citeaudit.archive import (
    MementoArchive,
    SnapshotLookup,
    fetch_snapshot,
    find_snapshots,
    lookup_snapshots,
)
from citeaudit.config import Config
from tests.support.pywb_archive import (
    LATER_ONLY,
    NEVER_A_PAGE,
    NOT_ARCHIVED,
    REPORT,
    TEST_HTTP,
)

pytestmark = pytest.mark.slow
ACCESS = dt.date(2024, 6, 28)


@pytest.fixture
def pywb(pywb_archive, archive_session):
    return MementoArchive(
        archive_session, TEST_HTTP, timemap_prefix=pywb_archive.timemap_prefix, name="pywb"
    )


def test_the_page_captured_before_the_access_date_is_chosen(pywb):
    [best] = pywb.snapshots(REPORT, ACCESS)
    assert best.datetime == dt.datetime(2024, 6, 20, 10, 0, tzinfo=dt.UTC)
    assert best.days_from_access(ACCESS) == 8
    assert best.is_before(ACCESS)
    assert (best.archive, best.status, best.original) == ("pywb", 200, REPORT)
    assert best.url.endswith(f"/web/20240620100000/{REPORT}")


def test_redirect_and_error_captures_nearer_the_date_are_passed_over(pywb):
    # 27 June (404) and 25 June (301) are closer to 28 June than 20 June, yet not pages
    chosen = pywb.snapshots(REPORT, ACCESS, limit=5)
    assert [s.datetime.date().isoformat() for s in chosen] == ["2024-06-20", "2024-07-03"]
    assert all(s.status == 200 for s in chosen)


def test_with_only_a_later_page_capture_that_one_is_chosen(pywb):
    [best] = pywb.snapshots(LATER_ONLY, ACCESS)
    assert best.datetime.date() == dt.date(2024, 7, 3)
    assert best.days_from_access(ACCESS) == 5
    assert not best.is_before(ACCESS)


def test_a_url_with_only_redirect_and_error_captures_has_no_snapshot(pywb):
    assert pywb.snapshots(NEVER_A_PAGE, ACCESS) == []


def test_a_url_the_archive_never_captured_has_no_snapshot(pywb):
    assert pywb.snapshots(NOT_ARCHIVED, ACCESS) == []


def test_the_timegate_alone_finds_the_memento_nearest_the_date(pywb):
    # 20 June 2024 at noon: the gate's nearest is the 20 June page capture itself
    [best] = pywb.timegate(REPORT, dt.datetime(2024, 6, 20, 12, 0, tzinfo=dt.UTC))
    assert best.datetime.date() == dt.date(2024, 6, 20)
    assert best.status == 200


def test_the_timegate_never_returns_an_error_capture_as_the_page(pywb):
    # nearest to 27 June is the 404 capture; the gate names no other, so nothing is chosen
    assert pywb.timegate(REPORT, dt.datetime(2024, 6, 27, 10, 0, tzinfo=dt.UTC)) == []


def test_find_snapshots_asks_an_archive_configured_by_its_timemap_prefix(
    pywb_archive, archive_session
):
    config = Config(http=TEST_HTTP, archives=(f"local={pywb_archive.timemap_prefix}",))
    [best] = find_snapshots(REPORT, ACCESS, config, session=archive_session)
    assert best.archive == "local"
    assert best.to_dict(ACCESS)["snapshot"]["days_from_access"] == 8


def test_a_batch_reports_found_and_missing_urls_with_nothing_failed(pywb_archive, archive_session):
    config = Config(http=TEST_HTTP, archives=(pywb_archive.timemap_prefix,))
    results = lookup_snapshots(
        [(REPORT, ACCESS), (NOT_ARCHIVED, ACCESS)], config, session=archive_session
    )
    assert [type(r) for r in results] == [SnapshotLookup, SnapshotLookup]
    assert results[0].best.days_from_access(ACCESS) == 8
    assert results[1].snapshots == ()
    assert all(r.complete for r in results)


def test_fetch_snapshot_with_the_raw_modifier_returns_the_captured_bytes(
    pywb_archive, archive_session
):
    raw = MementoArchive(
        archive_session, TEST_HTTP, timemap_prefix=pywb_archive.timemap_prefix,
        raw_modifier=True,
    )
    [best] = raw.snapshots(REPORT, ACCESS)
    page = fetch_snapshot(best, Config(http=TEST_HTTP), session=archive_session)
    assert "id_/" in page.url
    assert page.body == (
        b"<html><head><title>Annual report</title></head>"
        b"<body><p>Exports grew by 12 percent in 2023.</p></body></html>"
    )


def test_a_recorded_look_up_replays_from_its_warc_with_the_same_answer(pywb_archive, tmp_path):
    from citeaudit.http import make_session

    capture = tmp_path / "lookup.warc.gz"
    archives = (f"pywb={pywb_archive.timemap_prefix}",)
    recording = Config(http=attrs.evolve(TEST_HTTP, record=capture), archives=archives)
    session = make_session(recording.http)
    recorded = find_snapshots(REPORT, ACCESS, recording, session=session)
    session.close()

    replaying = Config(http=attrs.evolve(TEST_HTTP, replay=capture), archives=archives)
    session = make_session(replaying.http)
    replayed = find_snapshots(REPORT, ACCESS, replaying, session=session)
    session.close()

    assert replayed == recorded
    assert replayed[0].days_from_access(ACCESS) == 8
