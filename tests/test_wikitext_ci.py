"""Wikitext as the real reader reads it: SARIF/JUnit marker places and ``--fix wikitext``.

A wikitext note's marker is its ``<ref`` tag (or the ``{{sfn`` template) in
the source; a named ref reused (``<ref name="x" />``) is one more marker of
the same note.  The fix finds the ``{{cite …}}`` of each note inside its
``<ref>``, wherever the ref is defined.
"""

from __future__ import annotations

import datetime as dt

from citeaudit import parse_article
from citeaudit.archive.interface import Snapshot, SnapshotLookup
from citeaudit.fix.wikitext import Mend, fix_wikitext
from citeaudit.links import LinkResult, Outcome
from citeaudit.report.locate import Locator
from citeaudit.report.model import LinkCheck, NoteReport, Report

WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

ARTICLE = """\
{{Short description|A harbour}}
'''Port Vell''' was rebuilt in 1992.<ref>{{cite web |url=https://gone.example/rebuilt \
|title=Rebuilt}}</ref> Its pier is 300 metres
long.<ref name="pier">{{cite news |url=https://gone.example/pier |title=Pier}}</ref>

== History ==
The pier opened in 1994.<ref name=pier/> Ferries left from it in 1995.{{sfn|King|2003|p=41}}
Trade grew by 5% in 1996.<ref name="trade" /> A table follows.
{| class="wikitable"
| Cargo<ref name="pier" />
|}
The harbour was dredged in 1997.<ref>{{cite web |url=https://gone.example/rebuilt \
|title=Rebuilt again |archive-url=https://web.archive.org/web/2019/https://gone.example/rebuilt \
|archive-date=2019-01-01}}</ref>

== References ==
{{reflist|refs=
<ref name="trade">{{cite web |url=https://gone.example/trade |title=Trade}}</ref>
}}

== Bibliography ==
* {{cite book |last=King |first=A. |year=2003 |title=Harbours}}
"""


def _report(article) -> Report:
    notes = []
    for note in article.notes:
        links = tuple(
            LinkCheck(
                result=LinkResult(url=url, outcome=Outcome.BROKEN),
                lookup=SnapshotLookup(url=url, near=None, snapshots=(
                    Snapshot(url=f"https://web.archive.org/web/20240101000000/{url}",
                             original=url, datetime=WHEN, archive="wayback", status=200),)),
            )
            for url in note.urls if "web.archive.org" not in url
        )
        notes.append(NoteReport(note=note, links=links))
    return Report(article=article, checked_at=WHEN, notes=tuple(notes))


def test_each_claims_marker_is_its_own_ref_tag_even_for_a_reused_named_ref():
    article = parse_article(ARTICLE, format="wikitext")
    locator = Locator(_report(article), ARTICLE)
    lines = ARTICLE.splitlines()
    at = {}
    for claim in article.claims:
        where = locator.marker(claim)
        assert where is not None, claim.text
        at[claim.text] = (where.line, lines[where.line - 1][where.column - 1:][:22])
    assert at == {
        "Port Vell was rebuilt in 1992.": (2, "<ref>{{cite web |url=h"),
        # Hard-wrapped: one sentence over two lines of one paragraph.
        "Its pier is 300 metres long.": (3, '<ref name="pier">{{cit'),
        "The pier opened in 1994.": (6, "<ref name=pier/> Ferri"),
        "Ferries left from it in 1995.": (6, "{{sfn|King|2003|p=41}}"),
        "Trade grew by 5% in 1996.": (7, '<ref name="trade" /> A'),
        "The harbour was dredged in 1997.": (11, "<ref>{{cite web |url=h"),
    }
    # The ref in the table (not in the prose) and the list-defined ref's own tag are no markers.
    assert [label for label, _ in article.markers] == ["1", "2", "2", "3", "4", "5"]


def test_a_single_line_break_does_not_end_a_paragraph_but_a_blank_line_or_a_list_does():
    text = ("The pier is 300\nmetres long.<ref>{{cite web |url=https://a.example/x}}</ref>\n\n"
            "It opened in 1994.\n* Ferries left in 1995.\n* Trade grew.\n== Later ==\nClosed.\n")
    article = parse_article(text, format="wikitext")
    assert article.body.split("\n\n") == [
        "The pier is 300 metres long.[1]", "It opened in 1994.", "Ferries left in 1995.",
        "Trade grew.", "Later", "Closed."]


def test_a_ref_inside_a_note_is_no_marker_of_the_prose():
    text = ('Built in 1992.<ref name="a">{{cite web |url=https://a.example/x |title=X}}</ref> '
            "Opened in 1994.<ref>''Compare <ref name=\"a\" />''</ref>\n")
    article = parse_article(text, format="wikitext")
    assert article.body == "Built in 1992.[1] Opened in 1994.[2]"
    assert [(label, text[at:at + 9]) for label, at in article.markers] == [
        ("1", "<ref name"), ("2", "<ref>''Co")]


def test_markers_are_dropped_when_the_prose_writes_a_marker_of_its_own():
    # "[1]" in the prose is a second [1] of the body no ref stands for.
    text = "See <nowiki>[1]</nowiki> here.<ref>{{cite web |url=https://a.example/x}}</ref>\n"
    article = parse_article(text, format="wikitext")
    assert article.body.count("[1]") == 2
    assert article.markers == ()
    (claim,) = article.claims
    assert Locator(_report(article), text).marker(claim) is None  # unknown, not guessed


def test_fix_mends_cites_in_refs_named_reused_and_list_defined_but_not_archived_ones():
    article = parse_article(ARTICLE, format="wikitext")
    result = fix_wikitext(ARTICLE, _report(article))

    def mended(url: str, before: str) -> tuple[str, str]:
        copy = f"https://web.archive.org/web/20240101000000/{url}"
        return before, before.replace(
            "}}", f" |archive-url={copy} |archive-date=2024-01-01 |url-status=dead}}}}")

    expected = ARTICLE
    for before, after in (
        mended("https://gone.example/rebuilt", "|title=Rebuilt}}"),
        mended("https://gone.example/pier", "|title=Pier}}"),
        mended("https://gone.example/trade", "|title=Trade}}"),
    ):
        assert expected.count(before) == 1
        expected = expected.replace(before, after)
    assert result.text == expected
    assert sorted((e.url, e.mend) for e in result.edits) == [
        ("https://gone.example/pier", Mend.DEAD),
        ("https://gone.example/rebuilt", Mend.DEAD),
        ("https://gone.example/trade", Mend.DEAD),
    ]
    # Once mended there is nothing left to do.
    assert fix_wikitext(result.text, _report(article)).edits == ()


def test_the_reader_and_the_fix_read_an_escaped_or_commented_url_alike():
    text = ("Built in 1992.<ref>{{cite web |url=https://gone.example/q?a=1&amp;b=2 "
            "|title=Q}}</ref> Opened in 1994.<ref>{{cite web "
            "|url=https://gone.example/c<!-- moved? --> |title=C}}</ref>\n")
    article = parse_article(text, format="wikitext")
    assert [n.urls for n in article.notes] == [
        ("https://gone.example/q?a=1&b=2",), ("https://gone.example/c",)]
    result = fix_wikitext(text, _report(article))
    assert [e.url for e in result.edits] == [
        "https://gone.example/q?a=1&b=2", "https://gone.example/c"]
    # The template keeps its own spelling of the URL; only the archive parameters are new.
    assert "|url=https://gone.example/q?a=1&amp;b=2 |title=Q |archive-url=" in result.text
    assert "|url=https://gone.example/c<!-- moved? --> |title=C |archive-url=" in result.text
