"""Honest archive outcomes: not asked is not "none", a dead network is not dead links."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import requests
from requests.adapters import BaseAdapter
from urllib3.exceptions import NameResolutionError

from citeaudit.archive import Batch, Problem, SnapshotLookup, WaybackArchive
from citeaudit.archive.interface import ArchiveStatus
from citeaudit.audit import Auditor
from citeaudit.config import Config, HttpConfig
from citeaudit.errors import NetworkError
from citeaudit.findings import link_findings
from citeaudit.http import make_session
from citeaudit.links import LinkResult, Outcome
from citeaudit.netguard import static_resolver
from citeaudit.notes import Note
from citeaudit.report import FindingKind
from citeaudit.report.model import LinkCheck, NoteReport
from tests.support.ia_standin import Capture, running_standin
from tests.support.site import Site, html_page

ACCESS = dt.date(2024, 6, 28)
LOOPBACK_ONLY = static_resolver({"127.0.0.1": "127.0.0.1"})
"""No name resolves but loopback's: the tests never ask a real DNS server."""
HTTP = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0, retries=0,
                  deadline=10.0, host_intervals={"127.0.0.1": 0.0})
ARTICLE = """\
A short article

The harbour budget was approved.[1] The bridge was closed in May.[2]

[1] "Harbour budget", Coast Times, https://coast-times.invalid/harbour, (Access Date: 28.06.2024).
[2] "Bridge closed", River News, https://river-news.invalid/bridge, (Access Date: 28.06.2024).
"""


class Unreachable(BaseAdapter):
    """A network where no name resolves: every request fails before it is sent."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def send(self, request, **kwargs):
        self.asked.append(request.url)
        host = requests.utils.urlparse(request.url).hostname
        raise requests.ConnectionError(NameResolutionError(host, None, "no network"),
                                       request=request)

    def close(self) -> None:
        pass


def offline_report():
    transport = Unreachable()
    session = make_session(HTTP, transport=transport)
    report = Auditor(Config(http=HTTP), session=session).run(ARTICLE)
    return report, transport


def test_with_no_network_the_run_is_incomplete_says_why_and_raises_no_dead_link():
    report, transport = offline_report()

    assert not report.complete
    assert report.incomplete_reason.startswith("the network is unreachable: no cited site (")
    assert "nor the wayback archive" in report.incomplete_reason
    assert "\n" not in report.incomplete_reason
    assert not report.findings_of(FindingKind.DEAD_LINK, FindingKind.UNREACHABLE_LINK)
    assert any("archive.org" in url for url in transport.asked)  # the archive was tried too
    article = json.loads(report.to_json())["article"]
    assert article["complete"] is False
    assert article["incomplete_reason"] == report.incomplete_reason


def test_offline_cli_audit_says_so_in_one_line_and_exits_3(tmp_path, monkeypatch, capsys):
    import importlib

    from citeaudit.cli import main

    audit_module = importlib.import_module("citeaudit.audit")  # the module, not the function

    monkeypatch.setattr(audit_module, "make_session",
                        lambda http: make_session(http, transport=Unreachable()))
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    code = main(["audit", str(path), "--no-color", "--quiet"])  # progress lines aside

    captured = capsys.readouterr()
    assert code == 3
    [line] = captured.err.strip().splitlines()
    assert line.startswith("citeaudit: the run could not complete: the network is unreachable")
    assert "dead_link" not in captured.out


def test_one_dead_site_with_the_archive_answering_is_a_dead_link_not_a_dead_network():
    site = Site({"/bridge": html_page("Bridge closed", "The bridge was closed in May.")})
    with site.running(), running_standin([]) as ia:
        text = ARTICLE.replace("https://river-news.invalid", site.base)
        session = make_session(HTTP, resolver=LOOPBACK_ONLY)
        try:
            report = Auditor(Config(http=HTTP), session=session,
                             archives=[ia.backend(session, HTTP)]).run(text)
        finally:
            session.close()

    assert report.complete and report.incomplete_reason is None
    [dead] = report.findings_of(FindingKind.DEAD_LINK)
    assert "no archive holds a copy" in dead.reason  # every archive answered: truly none


def _dead(lookup):
    note = Note("1", "a note", urls=("https://gone.example/a",), access_date=ACCESS)
    result = LinkResult("https://gone.example/a", Outcome.BROKEN, 404, reason="HTTP 404")
    return link_findings(NoteReport(note, (LinkCheck(result, lookup),)))


@pytest.mark.parametrize("lookup, expected", [
    (None, "not asked"),
    (SnapshotLookup.unasked("https://gone.example/a", ACCESS, "archives disabled"),
     "archives disabled"),
    (SnapshotLookup.unasked("https://gone.example/a", ACCESS, "interrupted"), "interrupted"),
])
def test_a_dead_link_whose_archives_were_not_asked_never_says_no_archive_holds_a_copy(
    lookup, expected,
):
    [finding] = _dead(lookup)
    assert finding.kind is FindingKind.DEAD_LINK
    assert "no archive holds a copy" not in finding.reason + finding.fix
    assert expected in finding.reason
    assert "not asked" in finding.fix


def test_archive_status_tells_found_none_unknown_and_not_asked_apart():
    from citeaudit.archive import LookupFailure

    url = "https://gone.example/a"
    failure = LookupFailure("wayback", Problem.NETWORK_ERROR, "unreachable")
    skipped = LookupFailure("wayback", Problem.SKIPPED, "not asked: circuit breaker")
    assert SnapshotLookup(url, ACCESS).status is ArchiveStatus.NONE
    assert SnapshotLookup(url, ACCESS, failures=(failure,)).status is ArchiveStatus.UNKNOWN
    assert SnapshotLookup(url, ACCESS, failures=(skipped,)).status is ArchiveStatus.NOT_ASKED
    assert SnapshotLookup.unasked(url, ACCESS, "interrupted").status is ArchiveStatus.NOT_ASKED
    assert LinkCheck(LinkResult(url, Outcome.OK)).to_dict()["archive_status"] == "not_asked"


def test_archives_disabled_audit_reports_not_asked():
    site = Site({})
    with site.running():
        text = ARTICLE.replace("https://coast-times.invalid", site.base)
        session = make_session(HTTP, resolver=LOOPBACK_ONLY)
        report = Auditor(Config(http=HTTP, archives=()), session=session).run(text)
        session.close()
    link = report.note("1").links[0]
    assert link.archive_status is ArchiveStatus.NOT_ASKED
    assert link.lookup.not_asked == "archives disabled"


class Failing(WaybackArchive):
    """An archive whose every look-up fails."""

    def __init__(self) -> None:
        super().__init__(requests.Session())
        self.asked = 0

    def snapshots(self, url, near=None, *, limit=1):
        self.asked += 1
        raise NetworkError(f"wayback: could not reach the archive for {url}")


def test_the_circuit_breaker_stops_asking_an_archive_that_keeps_failing_and_says_so():
    archive = Failing()
    batch = Batch([archive], max_failures=3)
    results = [batch.lookup(f"https://a.example/{n}", ACCESS) for n in range(6)]

    assert archive.asked == 3
    assert [r.failures[0].problem for r in results] == [Problem.NETWORK_ERROR] * 3 + [
        Problem.SKIPPED] * 3
    assert "circuit breaker" in results[-1].failures[0].message
    assert "circuit breaker" in batch.tripped["wayback"]
    assert results[-1].status is ArchiveStatus.NOT_ASKED


def test_a_batch_lookup_that_succeeds_resets_the_breaker_count():
    captures = [Capture("https://a.example/1", dt.datetime(2024, 6, 1, tzinfo=dt.UTC))]
    session = make_session(HTTP)
    try:
        with running_standin(captures) as ia:
            batch = Batch([ia.backend(session, HTTP)], max_failures=1)
            found = batch.lookup_many([("https://a.example/1", ACCESS)])
    finally:
        session.close()
    assert found[("https://a.example/1", ACCESS)].status is ArchiveStatus.FOUND
    assert batch.tripped == {}


def test_an_interrupted_run_reports_its_unfinished_look_ups_as_not_asked():
    from tests.support.ia_standin import Limits

    site = Site({"/harbour": html_page("Harbour budget", "The harbour budget was approved.")})
    with site.running(), running_standin([], Limits(seconds_per_line=2.0)) as ia:
        text = ARTICLE.replace("https://coast-times.invalid", site.base)

        def interrupt(event):
            if event.stage == "links":
                raise KeyboardInterrupt

        session = make_session(HTTP, resolver=LOOPBACK_ONLY)
        auditor = Auditor(Config(http=HTTP), session=session, progress=interrupt,
                          archives=[ia.backend(session, HTTP)])
        with pytest.raises(KeyboardInterrupt):
            auditor.run(text)
        report = auditor.report()
        session.close()

    assert not report.complete and report.incomplete_reason == "interrupted"
    statuses = {link.archive_status for note in report.notes for link in note.links}
    assert statuses == {ArchiveStatus.NOT_ASKED}
    assert all("no archive holds a copy" not in f.reason for f in report.findings)


def test_with_no_network_a_pool_page_never_calls_the_cited_source_dead(tmp_path):
    saved = tmp_path / "harbour.html"
    saved.write_text(html_page("Harbour budget", "The harbour budget was approved on Tuesday "
                               "by the council. The bridge was closed in May for repairs.")
                     .body, encoding="utf-8")
    session = make_session(HTTP, transport=Unreachable())
    report = Auditor(Config(http=HTTP, archives=()), session=session,
                     sources=[saved]).run(ARTICLE)

    assert report.incomplete_reason.startswith("the network is unreachable")
    # The pool page does state the sentences: only the dead network keeps this finding away.
    assert report.pool is not None and report.pool.for_claim(report.claims[0].claim.id)
    assert not report.findings_of(FindingKind.BETTER_SOURCE_AVAILABLE)
