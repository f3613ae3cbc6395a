"""Snapshot sanity: only real pages are offered; otherwise the next nearest capture is."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.archive import Snapshot
from citeaudit.archive.interface import ArchiveStatus
from citeaudit.archive.sanity import fetch_and_judge
from citeaudit.audit import Auditor
from citeaudit.config import Config, HttpConfig
from citeaudit.http import make_session
from citeaudit.netguard import static_resolver
from citeaudit.report import FindingKind
from tests.support.ia_standin import Capture, running_standin
from tests.support.site import Site, html_page

UTC = dt.UTC
HTTP = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0, retries=0,
                  deadline=10.0, host_intervals={"127.0.0.1": 0.0})
STORY = html_page("Harbour budget approved", "The council approved the harbour budget "
                  "of 4.2 million euros on Tuesday after a long debate.").body.encode()
SOFT_404 = html_page("Page not found", "Sorry, we could not find that page.").body.encode()
WALL = (b"<html><head><title>Just a moment...</title></head><body>Checking your browser "
        b"<div id='cf-challenge'>captcha</div></body></html>")


def at(day: int) -> dt.datetime:
    return dt.datetime(2024, 6, day, 12, tzinfo=UTC)


@pytest.fixture
def session():
    s = make_session(HTTP, resolver=static_resolver({"127.0.0.1": "127.0.0.1"}))
    yield s
    s.close()


def snapshot_of(ia, capture: Capture) -> Snapshot:
    return Snapshot(ia.memento(capture), capture.original, capture.when, "wayback",
                    capture.status, ia.memento(capture, "id_"))


@pytest.mark.parametrize("capture, verdict", [
    (Capture("https://news.example/a/story", at(20), body=STORY), None),
    (Capture("https://news.example/a/story", at(20), body=SOFT_404), "soft_404"),
    (Capture("https://news.example/a/story", at(20), body=WALL), "blocked"),
    (Capture("https://news.example/a/story", at(20), status=404), "archived HTTP 404"),
    (Capture("https://news.example/a/story", at(20), status=301,
             location="https://news.example/"), "front page"),
    (Capture("https://news.example/a/story", at(20), status=302,
             location="https://news.example/b/other"), "redirect (HTTP 302)"),
])
def test_a_capture_is_judged_as_the_live_check_judges_a_page(session, capture, verdict):
    home = Capture("https://news.example/", at(20), body=STORY)
    other = Capture("https://news.example/b/other", at(20), body=STORY)
    with running_standin([capture, home, other]) as ia:
        judged = fetch_and_judge(snapshot_of(ia, capture), session, HTTP)
    if verdict is None:
        assert judged.ok and judged.page is not None and b"4.2 million" in judged.page.body
    else:
        assert not judged.ok and verdict in judged.reason


def test_the_archives_own_hop_to_the_exact_timestamp_is_followed(session):
    capture = Capture("https://news.example/a/story", at(20), body=STORY)
    with running_standin([capture]) as ia:
        rough = Snapshot(f"{ia.base_url}/web/20240620/{capture.original}", capture.original,
                         at(20), "wayback", raw_url=f"{ia.base_url}/web/2024id_/{capture.original}")
        judged = fetch_and_judge(rough, session, HTTP)
    assert judged.ok


ARTICLE = """\
An article with archived error pages

The harbour budget of 4.2 million euros was approved.[1] The bridge was closed.[2]

[1] "Harbour budget approved", Coast Times, {base}/news/harbour, (Access Date: 28.06.2024).
[2] "Bridge closed", Coast Times, {base}/news/bridge, (Access Date: 28.06.2024).
"""


def test_a_dead_link_is_offered_the_nearest_capture_that_is_a_real_page(session):
    site = Site({})
    with site.running():
        harbour, bridge = f"{site.base}/news/harbour", f"{site.base}/news/bridge"
        captures = [
            Capture(harbour, at(27), body=SOFT_404),  # nearest before: a soft 404
            Capture(harbour, at(10), body=STORY),  # the real page, further back
            Capture(bridge, at(26), body=WALL),  # every capture of the bridge is no page
            Capture(bridge, at(25), body=SOFT_404),
        ]
        with running_standin(captures) as ia:
            report = Auditor(Config(http=HTTP), session=session,
                             archives=[ia.backend(session, HTTP)]).run(
                ARTICLE.format(base=site.base))

    link = report.note("1").links[0]
    assert link.archive_status is ArchiveStatus.FOUND
    assert link.snapshot.datetime == at(10)
    [offered] = [f for f in report.findings_of(FindingKind.DEAD_LINK_ARCHIVED) if f.note == "1"]
    assert "20240610120000" in offered.fix
    assert report.claims[0].verdict is not None and report.claims[0].source.value == "archive"
    bridge_link = report.note("2").links[0]
    assert bridge_link.snapshot is None
    assert "no capture near the access date is a real page" in (
        bridge_link.lookup.failures[-1].message)
    assert not [f for f in report.findings_of(FindingKind.DEAD_LINK_ARCHIVED) if f.note == "2"]
