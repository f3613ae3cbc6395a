"""Writing the article back with archive links added."""

from __future__ import annotations

import codecs

import pytest

from citeaudit.annotate import annotate, annotate_bytes
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


ARCHIVED = f" Archived at {REUTERS_SNAPSHOT} (2024-06-20)."
TURKISH = ("# İstanbul ve Ankara\r\n\r\nŞehir meclisi bütçeyi onayladı ve ığdır için yeni "
           "bir liman planı açıkladı.[^1]\r\n\r\n"
           f'[^1]: "Putin and Kim sign pact". Reuters. {REUTERS} Retrieved 20 June 2024.\r\n')


def test_a_windows_1254_article_with_crlf_keeps_its_encoding_and_line_endings(report):
    data = TURKISH.encode("cp1254")
    out = annotate_bytes(report, data, "markdown", text=TURKISH)
    assert out == TURKISH.replace("2024.\r\n", "2024." + ARCHIVED + "\r\n").encode("cp1254")
    assert out.count(b"\r\n") == data.count(b"\r\n")


def test_a_utf8_byte_order_mark_is_kept(report):
    data = codecs.BOM_UTF8 + MARKDOWN.encode("utf-8")
    out = annotate_bytes(report, data, "markdown", text=MARKDOWN)
    assert out.startswith(codecs.BOM_UTF8)
    assert out[3:].decode("utf-8").replace(ARCHIVED, "") == MARKDOWN


def test_a_utf16_article_stays_utf16(report):
    data = codecs.BOM_UTF16_LE + MARKDOWN.encode("utf-16-le")
    out = annotate_bytes(report, data, "markdown")
    assert out.startswith(codecs.BOM_UTF16_LE)
    assert ARCHIVED in out[2:].decode("utf-16-le")


def test_an_html_page_keeps_the_charset_it_declares(report):
    page = HTML.replace("<head>", '<head><meta charset="windows-1254">').replace(
        "Pyongyang and Moscow</h1>", "Pyongyang ve Moskova: ığ</h1>")
    data = page.encode("cp1254")
    out = annotate_bytes(report, data, "html", text=page)
    assert b"data-versionurl" in out
    assert out.decode("cp1254").replace(
        f' data-originalurl="{REUTERS}" data-versionurl="{REUTERS_SNAPSHOT}" '
        'data-versiondate="2024-06-20"', "") == page


def test_an_article_with_nothing_to_add_comes_back_byte_for_byte(report):
    data = codecs.BOM_UTF8 + b"Nothing cited here.\r\nReally.\r\n"
    assert annotate_bytes(report, data, "text") == data
