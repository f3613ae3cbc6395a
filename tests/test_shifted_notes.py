"""Shifted notes end to end: articles audited against a loopback site laid out note by note.

Each article cites one page per note.  The pages state the facts of the
sentences *around* the one that cites them, so the shifted-notes rule must find
the run (and fold the per-sentence findings into it) — or, when the notes are
right or the evidence is missing, find nothing.
"""

from __future__ import annotations

import html
import json

import pytest

from citeaudit.annotate import annotate
from citeaudit.audit import audit
from citeaudit.config import Config, HttpConfig
from citeaudit.report import FindingKind, render
from tests.support.site import Page, Site, html_page

HTTP = HttpConfig(allow_private=True, per_host_interval=0.0, retries=0, deadline=10.0)

FACTS = {
    "A": "The city council approved a budget of 4.2 million euros for the harbour on Tuesday.",
    "B": "The old railway bridge over the river Sava was closed to traffic on 3 May 2024.",
    "C": "The national library digitised 120,000 historical newspapers in 2023.",
    "D": "Wine exports from the region grew by 12 percent in 2023, the trade chamber reported.",
    "E": "The summer film festival sold 48,000 tickets this year, its organisers said.",
    "F": "Passenger numbers at the regional airport rose to 2.3 million in 2023.",
    "G": "The youth orchestra toured Vienna and Prague with a programme of Dvořák symphonies.",
}
SENTENCES = {
    "A": "The city council approved a budget of 4.2 million euros for the harbour.",
    "B": "The old railway bridge over the Sava was closed to traffic on 3 May 2024.",
    "C": "The national library digitised 120,000 historical newspapers in 2023.",
    "D": "Wine exports from the region grew by 12 percent in 2023.",
    "E": "The summer film festival sold 48,000 tickets this year.",
    "F": "Passenger numbers at the regional airport rose to 2.3 million in 2023.",
    "G": "The youth orchestra toured Vienna and Prague with a programme of Dvořák symphonies.",
}
FILLER = {
    "x": "The zoo welcomed two snow leopards from a breeding programme in Finland.",
    "y": "Volunteers planted oak saplings along the northern ring road in October.",
    "z": "A chess club for pensioners meets every Thursday in the old town hall.",
}
UNREACHABLE = Page(503, "<h1>Service Unavailable</h1>")

LAYOUTS: dict[str, tuple[str, str]] = {
    # name → (the facts its sentences state, in order; what each note's page states)
    "plus": ("ABCDE", "BCDEx"),       # note N's page states the sentence of note N+1
    "minus": ("ABCDE", "xABCD"),      # note N's page states the sentence of note N−1
    "broken": ("ABCDEFG", "BCyEFxz"),  # notes 1–3 and 4–6: note 3's page states nothing cited
    "lone": ("ABCDE", "BxDyz"),       # two single misplaced notes, never consecutive
    "right": ("ABCDE", "ABCDE"),      # every note supports its own sentence
    "gaps": ("ABCDE", "BCDEx"),       # as "plus", but the even notes' pages cannot be read
    "hole": ("ABCDE", "BCDEx"),       # as "plus", but note 3's page cannot be read
}
UNREADABLE = {"gaps": {2, 4}, "hole": {3}}


def _article(name: str, base: str) -> str:
    facts, _ = LAYOUTS[name]
    body = " ".join(f"{SENTENCES[f]}[{i}]" for i, f in enumerate(facts, 1))
    notes = "\n".join(
        f'[{i}] "Story {i}", Loopback Times, {base}/{name}/{i}, (Access Date: 27.06.2024).'
        for i in range(1, len(facts) + 1)
    )
    return f"The Loopback Review: {name}\n\n{body}\n\n{notes}\n"


def _pages() -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for name, (_, states) in LAYOUTS.items():
        for i, fact in enumerate(states, 1):
            text = FACTS.get(fact) or FILLER[fact]
            pages[f"/{name}/{i}"] = (UNREACHABLE if i in UNREADABLE.get(name, ()) else
                                     html_page(f"Story {i}", text, FILLER["z" if fact != "z"
                                                                           else "y"]))
    return pages


@pytest.fixture(scope="module")
def site():
    with Site(_pages()).running() as running:
        yield running


@pytest.fixture(scope="module")
def reports(site):
    config = Config(http=HTTP, archives=())
    return {name: audit(_article(name, site.base), config) for name in LAYOUTS}


def _runs(report):
    return [f.shift for f in report.findings_of(FindingKind.SHIFTED_NOTES)]


def _pairs(run):
    return [(p.note, p.cited) for p in run.pairs]


def test_notes_shifted_by_plus_one_give_one_finding_for_the_run(reports):
    report = reports["plus"]
    [run] = _runs(report)
    assert (run.first, run.last, run.offset) == ("1", "5", 1)
    assert _pairs(run) == [("1", "2"), ("2", "3"), ("3", "4"), ("4", "5")]
    [finding] = report.findings_of(FindingKind.SHIFTED_NOTES)
    assert finding.reason.startswith("notes 1–5 appear shifted by one: note N's source "
                                     "supports the sentence that cites note N+1")
    assert "[2] → [1], [3] → [2], [4] → [3], [5] → [4]" in finding.fix
    assert "the sentence now citing [1] then needs its own source" in finding.fix


def test_the_sentences_a_run_explains_have_no_findings_of_their_own(reports):
    report = reports["plus"]
    assert not report.findings_of(FindingKind.MISPLACED_NOTE)
    per_claim = {f.claim for f in report.findings if f.claim is not None}
    assert per_claim == {"c1"}  # the sentence citing note 1: no page states it
    assert report.claim("c2").better_note == "1"  # the claim data still says so


def test_notes_shifted_by_minus_one_name_the_renumbering_the_other_way(reports):
    [run] = _runs(reports["minus"])
    assert (run.first, run.last, run.offset) == ("1", "5", -1)
    assert _pairs(run) == [("2", "1"), ("3", "2"), ("4", "3"), ("5", "4")]
    [finding] = reports["minus"].findings_of(FindingKind.SHIFTED_NOTES)
    assert "cites note N−1" in finding.reason
    assert "[1] → [2], [2] → [3], [3] → [4], [4] → [5]" in finding.fix
    assert "[5] then needs its own source" in finding.fix


def test_a_run_broken_in_the_middle_gives_two_runs(reports):
    runs = _runs(reports["broken"])
    assert [(r.first, r.last, r.offset) for r in runs] == [("1", "3", 1), ("4", "6", 1)]
    assert [_pairs(r) for r in runs] == [[("1", "2"), ("2", "3")], [("4", "5"), ("5", "6")]]


def test_single_misplaced_notes_that_are_not_consecutive_stay_misplaced_notes(reports):
    report = reports["lone"]
    assert not _runs(report)
    misplaced = sorted((f.note, f.claim) for f in report.findings_of(FindingKind.MISPLACED_NOTE))
    assert misplaced == [("2", "c2"), ("4", "c4")]


def test_notes_that_support_their_own_sentences_give_no_shift(reports):
    report = reports["right"]
    assert not _runs(report)
    assert not report.findings_of(FindingKind.MISPLACED_NOTE)


def test_pages_that_could_not_be_read_are_never_evidence_of_a_shift(reports):
    assert not _runs(reports["gaps"])
    # Note 3's page is unreachable: it neither fits note 4's sentence nor lets note 2's page
    # be compared with it, so the run is cut into two single pairs, which are no run.
    hole = reports["hole"]
    assert not _runs(hole)
    assert sorted(f.claim for f in hole.findings_of(FindingKind.MISPLACED_NOTE)) == ["c2", "c5"]


def test_the_json_report_carries_the_run_in_an_article_level_finding(reports):
    doc = json.loads(reports["plus"].to_json())
    [entry] = [f for f in doc["findings"] if f["kind"] == "shifted_notes"]
    assert (entry["note"], entry["claim"], entry["severity"]) == (None, None, "error")
    shift = entry["shift"]
    assert (shift["first_note"], shift["last_note"], shift["offset"]) == ("1", "5", 1)
    assert [(p["note"], p["cited_note"], p["claim"]) for p in shift["pairs"]] == [
        ("1", "2", "c2"), ("2", "3", "c3"), ("3", "4", "c4"), ("4", "5", "c5")]
    pair = shift["pairs"][0]
    assert pair["verdict"] == "supported" and pair["own_verdict"] == "not_found"
    assert pair["coverage"] - pair["own_coverage"] >= 0.3
    assert pair["url"].endswith("/plus/1")
    assert shift["renumber"][0] == {"from": "2", "to": "1"}
    assert all(f["shift"] is None for f in doc["findings"] if f["kind"] != "shifted_notes")
    assert doc["summary"]["findings_by_kind"]["shifted_notes"] == 1


@pytest.mark.parametrize("fmt", ["text", "json", "md", "csv", "html", "junit", "sarif"])
def test_every_report_format_shows_the_run_and_its_renumbering(reports, site, fmt):
    out = render(reports["plus"], fmt, original=_article("plus", site.base), width=400)
    out = html.unescape(out) if fmt in ("html", "junit") else out
    if fmt == "json":
        out = json.dumps(json.loads(out), ensure_ascii=False)
    assert "shifted_notes" in out
    assert "notes 1–5 appear shifted by one" in out
    assert "[2] → [1], [3] → [2], [4] → [3], [5] → [4]" in out


def test_sarif_places_the_run_at_the_marker_of_its_first_sentence(reports, site):
    original = _article("plus", site.base)
    doc = json.loads(render(reports["plus"], "sarif", original=original))
    [result] = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "shifted_notes"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = original.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:].startswith("[2]")


def test_the_annotated_article_says_which_sentence_each_shifted_note_supports(reports, site):
    original = _article("plus", site.base)
    out = annotate(reports["plus"], original, "text")
    note_lines = [line for line in out.splitlines() if line.startswith("[")]
    assert note_lines[0].endswith("this note's source supports the sentence that cites [2]; "
                                  "the notes look shifted.")
    assert "cites [5]" in note_lines[3] and "citeaudit" not in note_lines[4]
    page = "".join(f'<p>[{i}] <a href="{site.base}/plus/{i}">Story {i}</a></p>'
                   for i in range(1, 6))
    tagged = annotate(reports["plus"], page, "html")
    assert f'<a href="{site.base}/plus/1" data-citeaudit-supports="[2]">' in tagged
    assert f'<a href="{site.base}/plus/5">' in tagged
