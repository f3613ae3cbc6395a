"""The wiki edit: archive links and {{dead link}} added to citation templates, nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from citeaudit import parse_note
from citeaudit.archive.interface import LookupFailure, Problem, Snapshot, SnapshotLookup
from citeaudit.article import Article
from citeaudit.fix.wikitext import Mend, fix_wikitext, plan
from citeaudit.links import LinkResult, Outcome
from citeaudit.report.model import Finding, FindingKind, LinkCheck, NoteReport, Report

DATA = Path(__file__).parent / "data" / "wikitext"
WAYBACK = "https://web.archive.org/web/"


def _snapshot(url: str, when: dt.datetime) -> Snapshot:
    stamp = when.strftime("%Y%m%d%H%M%S")
    return Snapshot(url=f"{WAYBACK}{stamp}/{url}", original=url, datetime=when,
                    archive="wayback", status=200)


def _link(url: str, outcome: Outcome, snap: Snapshot | None = None, *,
          asked: bool = True) -> LinkCheck:
    failures = () if asked else (LookupFailure("wayback", Problem.NETWORK_ERROR, "no answer"),)
    lookup = SnapshotLookup(url=url, near=None, snapshots=(snap,) if snap else (),
                            failures=failures)
    return LinkCheck(result=LinkResult(url=url, outcome=outcome), lookup=lookup)


def build_report() -> Report:
    """What an audit of ``fix-before.wiki`` found, link by link."""
    pact = _snapshot("https://news.example.org/pact",
                     dt.datetime(2024, 6, 20, 8, 15, tzinfo=dt.UTC))
    ratified = _snapshot("https://paper.example.net/ratified",
                         dt.datetime(2024, 11, 12, tzinfo=dt.UTC))
    chosen = _snapshot("https://news.example.org/chosen", dt.datetime(2024, 6, 21, tzinfo=dt.UTC))
    links = [
        ("1", _link("https://news.example.org/pact", Outcome.BROKEN, pact)),
        ("2", _link("https://paper.example.net/ratified", Outcome.OK, ratified)),
        ("3", _link("https://gone.example.com/seoul", Outcome.BROKEN)),
        ("4", _link("https://gone.example.com/tokyo", Outcome.DNS_ERROR)),
        ("5", _link("https://news.example.org/chosen", Outcome.BROKEN, chosen)),
        ("6", _link("https://slow.example.org/timeout", Outcome.BROKEN, asked=False)),
        ("7", _link("https://slow.example.org/timeout2", Outcome.TIMEOUT)),
        ("8", _link("https://fine.example.org/ok", Outcome.OK, _snapshot(
            "https://fine.example.org/ok", dt.datetime(2024, 1, 1, tzinfo=dt.UTC)))),
    ]
    notes = tuple(
        NoteReport(note=parse_note(f"Title. {link.url}", label=label), links=(link,))
        for label, link in links
    )
    drift = Finding(FindingKind.CONTENT_DRIFT, "the live page no longer says it",
                    f"cite the archived copy: {ratified.url}", note="2", claim="c2",
                    url=ratified.url, archive_url=ratified.url)
    article = Article(source="fix-before.wiki", format="wikitext", body="",
                      notes=tuple(n.note for n in notes))
    return Report(article=article, checked_at=dt.datetime(2024, 11, 23, 3, 0, tzinfo=dt.UTC),
                  notes=notes, findings=(drift,))


@pytest.fixture(scope="module")
def report():
    return build_report()


def test_plan_marks_dead_drifted_and_unarchived_links_but_not_unknown_ones(report):
    plans = plan(report)
    assert plans["https://news.example.org/pact"].mend is Mend.DEAD
    assert plans["https://paper.example.net/ratified"].mend is Mend.LIVE
    assert plans["https://gone.example.com/seoul"].mend is Mend.DEAD_LINK
    # An archive that did not answer is "unknown", never "no copy"; a timeout is not dead.
    assert "https://slow.example.org/timeout" not in plans
    assert "https://slow.example.org/timeout2" not in plans
    # A live page with a copy but no drift needs nothing.
    assert "https://fine.example.org/ok" not in plans


def test_fix_adds_archive_parameters_and_dead_link_and_changes_nothing_else(report):
    before = (DATA / "fix-before.wiki").read_text(encoding="utf-8")
    expected = (DATA / "fix-after.wiki").read_text(encoding="utf-8")
    result = fix_wikitext(before, report)
    assert result.text == expected
    assert [(e.url, e.mend) for e in result.edits] == [
        ("https://news.example.org/pact", Mend.DEAD),
        ("https://paper.example.net/ratified", Mend.LIVE),
        ("https://gone.example.com/seoul", Mend.DEAD_LINK),
    ]


def test_fix_is_idempotent(report):
    after = (DATA / "fix-after.wiki").read_text(encoding="utf-8")
    again = fix_wikitext(after, report)
    assert again.text == after and not again.changed and again.edits == ()


def test_diff_shows_only_the_edited_lines(report):
    before = (DATA / "fix-before.wiki").read_text(encoding="utf-8")
    diff = fix_wikitext(before, report).diff("fix-before.wiki")
    assert diff.startswith("--- a/fix-before.wiki\n+++ b/fix-before.wiki\n")
    removed = [line for line in diff.splitlines() if line.startswith("-") and
               not line.startswith("---")]
    assert len(removed) == 3  # the pact line, the empty url-status, the Seoul line
    assert all("url-status" in line or "{{cite" in line for line in removed)


def test_fix_matches_urls_written_with_entities_and_leaves_other_templates(report):
    text = ("A.<ref>{{Cite web | title = X | url = https://news.example.org/pact }}</ref>"
            "{{Infobox treaty |url=https://news.example.org/pact}}\n")
    result = fix_wikitext(text, report)
    assert result.text == (
        "A.<ref>{{Cite web | title = X | url = https://news.example.org/pact "
        "| archive-url = https://web.archive.org/web/20240620081500/https://news.example.org/pact "
        "| archive-date = 2024-06-20 | url-status = dead }}</ref>"
        "{{Infobox treaty |url=https://news.example.org/pact}}\n"
    )
    amp = "B.<ref>{{cite web |url=https://gone.example.com/seoul&#63; |title=Q}}</ref>"
    assert fix_wikitext(amp, report).text == amp  # a different URL ("?" at the end)


def test_citations_with_a_webarchive_after_them_or_cbignore_are_left_alone(report):
    text = (
        "A.<ref>{{cite web |url=https://news.example.org/pact |title=P}}"
        "{{Webarchive |url=https://archive.example/x |date=2024-06-20}}</ref>\n"
        "B.<ref>{{cite web |url=https://gone.example.com/seoul |title=S}}{{cbignore}}</ref>\n"
        "C.<ref>{{cite web |url=https://gone.example.com/seoul |title=S}} "
        "{{Dead link|date=May 2024}}</ref>\n"
    )
    result = fix_wikitext(text, report)
    assert result.text == text and result.edits == ()
