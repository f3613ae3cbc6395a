"""End to end: an article audited against a loopback web and a loopback pywb archive.

Each note's source is laid out to produce exactly one kind of finding (or
none), and the test checks every finding kind appears where it should and
nowhere else.
"""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

from citeaudit.audit import Auditor, audit
from citeaudit.config import Config, HttpConfig
from citeaudit.report import FindingKind, Source
from citeaudit.verify.verdict import Label
from tests.support.pywb_archive import Capture, running_pywb
from tests.support.site import Page, Site, html_page

HTTP = HttpConfig(allow_private=True, per_host_interval=0.0, retries=0, deadline=10.0)
ACCESSED = dt.datetime(2024, 6, 27, 10, tzinfo=dt.UTC)

HARBOUR = (
    "The city council approved a budget of 4.2 million euros for the harbour on Tuesday.",
    "Works on the quay will start in the spring and take two years, the mayor said.",
)
BRIDGE = (
    "The old railway bridge over the river Sava was closed to traffic on 3 May 2024.",
    "Engineers found cracks in two of its steel girders during a routine inspection.",
)
LIBRARY = (
    "The national library digitised 120,000 historical newspapers in 2023.",
    "The scans are free to read online and searchable by keyword.",
)
EXPORTS = (
    "Wine exports from the region grew by 12 percent in 2023, the trade chamber reported.",
    "Most of the growth came from sales to Japan and Canada.",
)
PORT = (
    "The port handled more than 11,000 containers in March, a record for the month.",
    "Dock workers agreed a new contract with the port authority in April.",
)
FESTIVAL = (
    "The summer film festival sold 48,000 tickets this year, its organisers said.",
    "Screenings took place in three open-air cinemas along the beach.",
)
ORCHESTRA = (
    "The youth orchestra toured Vienna and Prague with a programme of Dvořák symphonies.",
    "Its conductor, Ana Horvat, founded the orchestra in 2009.",
)
AIRPORT = (
    "Passenger numbers at the regional airport rose to 2.3 million in 2023.",
    "A new terminal opened in November with twelve gates.",
)
TRAM = (
    "The new tram line connects the main station with the university campus.",
    "Trams run every six minutes during rush hour.",
)
DRIFTED = (
    "This page has been updated. The harbour project is now managed by the regional "
    "government and the previous figures were withdrawn.",
)

ARTICLE = """\
The Loopback Review: a year in the city

The city council approved a budget of 4.2 million euros for the harbour.[1] Works on the quay \
will take two years.[2] The old railway bridge over the Sava was closed on 3 May 2024 after \
engineers found cracks in its girders.[3]

The national library digitised 120,000 historical newspapers in 2023.[4] Wine exports from the \
region grew by 12 percent in 2023, driven by sales to Japan and Canada.[5] The port handled \
more than 13,000 containers in March.[6]

The summer film festival sold 48,000 tickets this year.[7] The youth orchestra toured Vienna and \
Prague, and its conductor Ana Horvat founded it in 2009.[8] Passenger numbers at the regional \
airport rose to 2.3 million in 2023.[9] The stadium will seat 45,000 spectators after its \
renovation.[10]

The tram line connects the main station with the university campus.[11] The city's bicycle \
lanes now stretch over 95 kilometres, more than any other city in the country.

[1] "Council approves harbour budget", Loopback Times, {base}/harbour, (Access Date: 27.06.2024).
[2] Ibid.
[3] "Railway bridge closed after inspection", Loopback Times, {base}/bridge, \
(Access Date: 27.06.2024).
[4] "Library digitises newspapers", Loopback Times, {base}/library-gone, (Access Date: 27.06.2024).
[5] "Wine exports up", Loopback Times, {base}/exports, (Access Date: 27.06.2024).
[6] "Port sets container record", Loopback Times, {base}/port, (Access Date: 27.06.2024).
[7] "Airport passenger numbers", Loopback Times, {base}/airport, (Access Date: 27.06.2024).
[8] "Youth orchestra on tour", Loopback Times, {base}/orchestra, (Access Date: 27.06.2024).
[9] "Film festival ticket sales", Loopback Times, {base}/festival, (Access Date: 27.06.2024).
[10] "Stadium renovation plans", Loopback Times, {base}/stadium-gone, (Access Date: 27.06.2024).
[11] "Tram line opens", Loopback Times, {base}/tram, (Access Date: 27.06.2024).
"""


def _pages() -> dict[str, Page]:
    return {
        "/harbour": html_page("Council approves harbour budget", *HARBOUR),
        "/bridge": html_page("Railway bridge closed after inspection", *BRIDGE),
        "/exports": html_page("Wine exports up", EXPORTS[0]),
        # The harbour page has drifted since the access date; the archive keeps the old text.
        "/port": html_page("Port sets container record", *PORT),
        # Notes 7 and 9 are swapped: each page supports the other's sentence.
        "/airport": html_page("Airport passenger numbers", *AIRPORT),
        "/festival": html_page("Film festival ticket sales", *FESTIVAL),
        "/orchestra": html_page("Weekend sports results", *ORCHESTRA),
        "/tram": html_page("Tram line opens", *TRAM, published="2025-02-01"),
    }


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The site, and a pywb holding the access-date copies of the library and bridge pages."""
    site = Site(_pages())
    with site.running():
        base = site.base
        captures = tuple(
            Capture(f"{base}{path}", ACCESSED, 200, body=html_page(title, *text).body.encode())
            for path, title, text in (
                ("/library-gone", "Library digitises newspapers", LIBRARY),
                ("/bridge", "Railway bridge closed after inspection", BRIDGE),
                ("/drift", "Council approves harbour budget", HARBOUR),
            )
        )
        with running_pywb(tmp_path_factory.mktemp("pywb-audit"), captures) as archive:
            yield site, archive


def _config(archive) -> Config:
    return Config(http=HTTP, archives=(f"pywb={archive.timemap_prefix}",))


@pytest.fixture(scope="module")
def report(world):
    site, archive = world
    return audit(ARTICLE.format(base=site.base), _config(archive))


def _kinds(report, **where):
    return sorted(
        (f.kind.value, f.note or f.claim) for f in report.findings
        if all(getattr(f, k) == v for k, v in where.items())
    )


def test_every_finding_kind_appears_where_it_should_and_nowhere_else(report):
    found = sorted((f.kind.value, f.note, f.claim) for f in report.findings)
    assert found == sorted([
        ("dead_link_archived", "4", None),
        ("dead_link", "10", None),
        ("contradicted", "6", "c6"),
        ("partially_supported", "5", "c5"),
        ("misplaced_note", "7", "c7"),
        ("misplaced_note", "9", "c9"),
        ("title_mismatch", "8", None),
        ("published_after_access", "11", None),
        ("uncited_claim", None, "u1"),
    ]), found


def test_a_dead_link_with_an_archived_copy_is_verified_against_the_copy(report):
    claim = report.claim("c4")
    assert claim.verdict.label is Label.SUPPORTED
    assert claim.source is Source.ARCHIVE
    finding = report.findings_of(FindingKind.DEAD_LINK_ARCHIVED)[0]
    assert finding.archive_url and "/library-gone" in finding.archive_url
    assert finding.archive_url in finding.fix


def test_ibid_is_verified_against_the_note_it_repeats(report):
    claim = report.claim("c2")
    assert claim.note == "2"
    assert claim.verdict.label is Label.SUPPORTED
    assert claim.url.endswith("/harbour")


def test_a_supported_live_claim_rests_on_the_live_page(report):
    claim = report.claim("c1")
    assert (claim.verdict.label, claim.source) == (Label.SUPPORTED, Source.LIVE)
    assert claim.verdict.evidence and "4.2 million euros" in claim.verdict.evidence[0].text


def test_the_contradiction_names_both_numbers(report):
    finding = report.findings_of(FindingKind.CONTRADICTED)[0]
    assert "13,000" in finding.reason and "11,000" in finding.reason


def test_swapped_notes_point_at_each_other(report):
    assert report.claim("c7").better_note == "9"
    assert report.claim("c9").better_note == "7"


def test_the_json_report_follows_schema_v1(report):
    data = json.loads(report.to_json())
    assert data["schema"] == "citeaudit/report/v1"
    assert set(data) >= {"schema", "article", "notes", "claims", "summary"}
    note4 = next(n for n in data["notes"] if n["label"] == "4")
    assert note4["links"][0]["outcome"] == "broken"
    assert note4["archive"]["archive"] == "pywb"
    assert note4["archive"]["snapshot"]["days_from_access"] == 0
    claim = next(c for c in data["claims"] if c["id"] == "c1")
    assert {"id", "text", "notes", "verdict", "score", "source", "evidence", "checks",
            "better_note"} <= set(claim)
    assert data["summary"]["notes"] == 11
    assert data["summary"]["links_by_outcome"]["broken"] == 2


def test_content_drift_is_found_when_the_live_page_changed(world, tmp_path):
    site, archive = world
    site.pages["/drift"] = html_page("Council approves harbour budget", *DRIFTED)
    article = (
        "The city council approved a budget of 4.2 million euros for the harbour.[1]\n\n"
        f'[1] "Council approves harbour budget", Loopback Times, {site.base}/drift, '
        "(Access Date: 27.06.2024).\n"
    )
    result = audit(article, _config(archive))
    assert _kinds(result) == [("content_drift", "1")]
    claim = result.claim("c1")
    assert claim.live.label is not Label.SUPPORTED
    assert (claim.verdict.label, claim.source) == (Label.SUPPORTED, Source.ARCHIVE)


def test_an_interrupted_audit_reports_what_it_checked(world):
    site, archive = world
    calls = {"n": 0}

    def stop_after_three_links(event):
        if event.stage == "links":
            calls["n"] += 1
            if calls["n"] == 3:
                raise KeyboardInterrupt

    auditor = Auditor(_config(archive), progress=stop_after_three_links)
    with pytest.raises(KeyboardInterrupt):
        auditor.run(ARTICLE.format(base=site.base))
    partial = auditor.report()
    assert not partial.complete
    checked = {link.url for note in partial.notes for link in note.links}
    assert len(checked) == 3
    assert json.loads(partial.to_json())["summary"]["complete"] is False


def test_a_claim_is_settled_and_told_while_other_links_are_still_being_checked():
    # The bridge page answers only once a claim is told settled: the harbour claim must be
    # verified and counted while that link is still out, not after every link is checked.
    site = Site({"/harbour": html_page("Council approves harbour budget", *HARBOUR),
                 "/bridge": html_page("Railway bridge closed", *BRIDGE)})
    settled = site.held["/bridge"] = threading.Event()
    events = []

    def progress(event):
        events.append((event.stage, event.done, event.total))
        if event.stage == "claims":
            settled.set()

    with site.running():
        article = (
            "The city council approved a budget of 4.2 million euros for the harbour.[1] "
            "The old railway bridge over the river Sava was closed on 3 May 2024.[2]\n\n"
            f'[1] "Harbour budget", Loopback Times, {site.base}/harbour.\n'
            f'[2] "Bridge closed", Loopback Times, {site.base}/bridge.\n'
        )
        report = Auditor(Config(http=HTTP, archives=()), progress=progress).run(article)
    assert events.index(("claims", 1, 2)) < events.index(("links", 2, 2))
    assert events[-1] == ("claims", 2, 2)
    assert report.claim("c1").verdict.label is Label.SUPPORTED


def test_a_soft_404_page_is_never_used_as_the_source_text(world):
    site, archive = world
    site.pages["/soft"] = html_page("Page not found", "Sorry, the page you are looking for "
                                    "does not exist. The council approved a budget of 4.2 "
                                    "million euros for the harbour.")
    article = (
        "The city council approved a budget of 4.2 million euros for the harbour.[1]\n\n"
        f'[1] "Harbour budget", Loopback Times, {site.base}/soft, (Access Date: 27.06.2024).\n'
    )
    result = audit(article, _config(archive))
    assert result.note("1").links[0].result.outcome.value == "soft_404"
    assert result.claim("c1").verdict is None
    assert _kinds(result) == [("dead_link", "1")]
