"""Writing the article back with archive links added."""

from __future__ import annotations

import pytest

from citeaudit.annotate import annotate
from citeaudit.errors import CiteauditError
from tests.support.reports import HTML, MARKDOWN, REUTERS, REUTERS_SNAPSHOT, build_report


@pytest.fixture(scope="module")
def report():
    return build_report()


def test_markdown_footnote_with_a_snapshot_gains_archived_at(report):
    out = annotate(report, MARKDOWN, "markdown")
    lines = out.splitlines()
    assert lines[4] == (
        f'[^1]: "Putin and Kim sign pact". Reuters. {REUTERS} Retrieved 20 June 2024. '
        f"Archived at {REUTERS_SNAPSHOT} (2024-06-20)."
    )
    # Nothing else changes: the unarchived note and the body stay as they were.
    assert out.replace(f" Archived at {REUTERS_SNAPSHOT} (2024-06-20).", "") == MARKDOWN


def test_annotating_twice_adds_nothing_more(report):
    once = annotate(report, MARKDOWN, "markdown")
    assert annotate(report, once, "markdown") == once


def test_plain_text_note_found_by_label_when_the_url_also_appears_in_the_body(report):
    text = (
        f"Reuters reported it ({REUTERS}).[1]\n\n"
        f"Notes\n1. \"Putin and Kim sign pact\". Reuters. {REUTERS} Retrieved 20 June 2024.\r\n"
    )
    out = annotate(report, text, "text")
    assert out.splitlines(keepends=True)[3].endswith("(2024-06-20).\r\n")
    assert out.splitlines()[0] == f"Reuters reported it ({REUTERS}).[1]"


def test_html_links_with_a_snapshot_gain_robust_links_attributes(report):
    out = annotate(report, HTML, "html")
    expected_tag = (
        f'<a href="{REUTERS}" class="ext" data-originalurl="{REUTERS}" '
        f'data-versionurl="{REUTERS_SNAPSHOT}" data-versiondate="2024-06-20">'
    )
    assert expected_tag in out
    # Only that tag changed; the rest of the document is byte for byte the same.
    assert out.replace(expected_tag, f'<a href="{REUTERS}" class="ext">') == HTML


def test_html_href_with_entities_and_single_quotes_is_matched(report):
    url = REUTERS + "?a=1&b=2"
    snap = report.notes[0].links[0].lookup.snapshots[0]
    import attrs

    lookup = attrs.evolve(report.notes[0].links[0].lookup, url=url)
    link = attrs.evolve(report.notes[0].links[0], lookup=lookup,
                        result=attrs.evolve(report.notes[0].links[0].result, url=url))
    odd = attrs.evolve(report, notes=(attrs.evolve(report.notes[0], links=(link,)),))
    out = annotate(odd, f"<p><a class=x href='{REUTERS}?a=1&amp;b=2'/>x</p>", "html")
    assert out == (
        f"<p><a class=x href='{REUTERS}?a=1&amp;b=2' data-originalurl=\"{REUTERS}?a=1&amp;b=2\""
        f' data-versionurl="{snap.url}" data-versiondate="2024-06-20"/>x</p>'
    )


def test_unknown_article_format_is_a_clear_error(report):
    with pytest.raises(CiteauditError, match="cannot annotate 'pdf'"):
        annotate(report, "x", "pdf")
