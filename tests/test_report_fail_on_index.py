"""``--fail-on`` and the report's look-ups use an index built once per report.

The selection must be the one a scan of every note's links (and every claim)
gives for each finding: :func:`_scanned` below is that scan, written out as the
definition the index has to agree with, on a report with many notes, links
shared between notes, and every outcome and verdict.
"""

from __future__ import annotations

import attrs

from citeaudit.report.model import (
    FAIL_ON_NONE,
    ClaimReport,
    Finding,
    NoteReport,
    Report,
    fail_on_tokens,
    matches_fail_on,
)
from tests.support.wide_reports import many_links_report, many_url

NOTES = 300


def _scanned(finding: Finding, report: Report, tokens: set[str]) -> bool:
    """The selection as a scan of the whole report for each finding defines it (the kind
    and severity tokens by the finding alone, as ``matches_fail_on`` takes them)."""
    if FAIL_ON_NONE in tokens:
        return False
    if matches_fail_on(attrs.evolve(finding, url=None, claim=None), report, tokens):
        return True
    if finding.url is not None and any(
        link.url == finding.url and link.result.outcome.value in tokens
        for note in report.notes for link in note.links
    ):
        return True
    claim = next((c for c in report.claims if c.claim.id == finding.claim), None)
    return claim is not None and claim.verdict is not None and claim.verdict.label.value in tokens


def test_fail_on_selects_what_a_scan_of_every_link_selects_on_a_report_with_many_links():
    report = many_links_report(NOTES)
    assert len(report.notes) == NOTES and len(report.findings) > 2 * NOTES
    token_sets = [{t} for t in fail_on_tokens()]
    token_sets += [{"soft_404", "partially_supported"}, {"timeout", "dead_link", "not_found"},
                   {"redirected", "ok"}]
    for tokens in token_sets:
        expected = [f for f in report.findings if _scanned(f, report, tokens)]
        assert report.matching(tokens) == expected, tokens
        assert [f for f in report.findings if matches_fail_on(f, report, tokens)] == expected
    # Outcome tokens select link findings the kinds alone would not.
    by_outcome = report.matching({"soft_404"})
    assert by_outcome and all(f.url is not None for f in by_outcome)


def test_a_link_checked_twice_with_two_outcomes_is_selected_by_either():
    report = many_links_report(NOTES)
    shared = many_url(0)  # note 0 cites it twice; notes 1 and 2 cite it as their second URL
    assert report.link_outcomes(shared) == frozenset(
        link.result.outcome.value for n in report.notes for link in n.links if link.url == shared)
    assert len(report.link_outcomes(shared)) > 1
    assert report.link_outcomes("https://nowhere.example/") == frozenset()


def test_note_and_claim_give_the_first_with_that_label_or_id():
    report = many_links_report(NOTES)
    first = report.notes[5]
    twice = Report(article=report.article, checked_at=report.checked_at,
                   notes=(*report.notes, NoteReport(note=first.note)),
                   claims=(*report.claims, ClaimReport(report.claims[5].claim)))
    assert twice.note(first.note.label) is twice.notes[5]
    assert twice.claim(report.claims[5].claim.id) is twice.claims[5]
    assert twice.note("no such note") is None and twice.claim("c999999") is None
