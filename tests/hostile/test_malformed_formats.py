"""Malformed documents in each format the readers take: an answer or an ``InputError``,
never another exception, and no reader spends seconds where linear work takes a fraction.

Each input is built here from a short description (``bench/hostile_inputs.py`` holds
the full set of recipes these were found with).
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from citeaudit.errors import InputError
from citeaudit.notes import parse_note
from citeaudit.read import parse_article

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_ROOT_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _word_package(body_text: str) -> bytes:
    """The smallest Word package: one paragraph saying ``body_text``."""
    document = (f"<w:document {_W}><w:body><w:p><w:r><w:t>{body_text}</w:t></w:r></w:p>"
                "</w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("word/document.xml", document)
    return out.getvalue()


def test_the_smallest_word_package_reads():
    # The package the tests below damage is itself a readable document.
    assert parse_article(_word_package("The mayor said so.")).body == "The mayor said so."


def test_a_word_document_with_corrupt_compressed_data_is_an_input_error():
    data = bytearray(_word_package("The mayor said so. " * 50))
    start = data.index(b"word/document.xml") + len("word/document.xml")
    # The deflated bytes of document.xml, scrambled: zlib fails, not the ZIP directory.
    for at in range(start + 4, start + 60):
        data[at] ^= 0x55
    with pytest.raises(InputError, match="cannot read the Word document"):
        parse_article(bytes(data), "docx")


def test_a_word_part_that_would_unpack_past_the_limit_is_refused(monkeypatch):
    from citeaudit.read import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_XML_PART", 1_000)
    with pytest.raises(InputError, match=r"word/document\.xml would unpack to"):
        parse_article(_word_package("word " * 1_000), "docx")


def test_csl_json_fields_of_the_wrong_type_are_left_out():
    items = [{"id": 1, "type": 5, "title": "Budget", "author": 9, "URL": "https://a.example/b",
              "issued": {"date-parts": [[1e999]]}, "accessed": {"date-parts": [[-1e999, 2]]}}]
    # json.dumps writes 1e999 as Infinity, which json.loads reads back as a float.
    article = parse_article(json.dumps(items), "csljson")
    assert [n.urls for n in article.notes] == [("https://a.example/b",)]
    assert article.notes[0].authors == ()


def test_csl_json_nested_thousands_deep_is_an_input_error():
    deep = '[{"id": "a", "type": "book", "title": "T", "x": ' + "[" * 100_000 + "]" * 100_000 + "}]"
    with pytest.raises(InputError, match="nested too deeply"):
        parse_article(deep, "csljson")


def test_the_title_tagger_reads_only_the_head_of_a_huge_note(monkeypatch):
    from citeaudit.notes import tagger

    read: list[int] = []
    real_spans = tagger.spans
    monkeypatch.setattr(tagger, "spans", lambda text: read.append(len(text)) or real_spans(text))
    note = parse_note("Report on harbours " + "and more words " * 100_000 + "https://a.example/r")
    assert note.urls == ("https://a.example/r",)
    assert read and max(read) <= tagger.MAX_CHARS


def test_letters_are_not_counted_for_a_link_text_that_is_no_citation(monkeypatch):
    from citeaudit.notes import parse

    def refuse(text: str) -> int:
        raise AssertionError("counted the letters of a note whose link text is a plain title")

    monkeypatch.setattr(parse, "_letter_count", refuse)
    html = '<a href="https://a.example/r">' + "Harbour storm report " * 1_000 + "</a>"
    note = parse_note("Harbour storm report " * 1_000 + " https://a.example/r", "1", html=html)
    assert note.urls == ("https://a.example/r",)


def test_html_nested_past_the_parsers_depth_says_what_was_not_read():
    page = ("<html><body><p>Before the tangle.</p>" + "<div>" * 3_000 + "Lost.[1]"
            + "</div>" * 3_000 + "<ol><li>https://a.example/</li></ol></body></html>")
    article = parse_article(page, "html")
    assert article.body.startswith("Before the tangle.")
    assert any("nests elements more than 2,048 deep" in w for w in article.warnings)


def test_html_nested_a_thousand_deep_is_read_whole():
    page = ("<html><body>" + "<div>" * 1_500 + 'The mayor said so.<sup><a href="#cite_note-1">'
            "[1]</a></sup>" + "</div>" * 1_500 + '<ol class="references"><li id="cite_note-1">'
            "https://a.example/m</li></ol></body></html>")
    article = parse_article(page, "html")
    assert article.body == "The mayor said so.[1]"
    assert [n.urls for n in article.notes] == [("https://a.example/m",)]
    assert article.warnings == ()


def test_an_html_attribute_of_megabytes_does_not_empty_the_page():
    # A page saved with its images inline: a data: URI of many megabytes.
    page = ('<html><body><p>The mayor said so.[1]</p><img src="data:image/png;base64,'
            + "A" * 12_000_000 + '"><ol><li>https://a.example/m</li></ol></body></html>')
    assert parse_article(page, "html").body.startswith("The mayor said so.[1]")


def test_an_element_with_a_hundred_thousand_attributes_keeps_the_first_thousand():
    from citeaudit.read import html as html_reader

    attributes = " ".join(f"a{i}=1" for i in range(100_000))
    page = f"<html><body><p {attributes}>The mayor said so.</p></body></html>"
    kept = html_reader._LONG_TAG.sub(html_reader._fewer_attributes, page)
    assert kept.count("=1") == html_reader.MAX_ATTRIBUTES
    assert parse_article(page, "html").body == "The mayor said so."


def test_wikitext_openers_nothing_closes_are_found_outside_comments_and_nowiki():
    from citeaudit.read.wikiopen import unclosed_openers

    page = ("A {{cite web|url=x}} b {{open <!-- {{in a comment --> c [[Page]] d [[open "
            "<nowiki>{{literal</nowiki> e <ref>never closed f <ref>closed</ref>\n{|\n| cell\n")
    found = [page[start:stop] for start, stop, _ in unclosed_openers(page)]
    assert found == ["{{", "[[", "<", "{"]
    assert page.index("{{open") == unclosed_openers(page)[0][0]


def test_wikitext_table_marks_count_only_at_the_start_of_their_line():
    from citeaudit.read.wikiopen import unclosed_openers

    # Mid-line, "|}" ends no table, and its "}" still closes the template with the next
    # one; an indented "{|" (or one after ":") opens a table, one after text does not.
    page = "{{a|b|}}\n  :{|\n| x\nword {| y\n"
    found = [(page[start:stop], start) for start, stop, _ in unclosed_openers(page)]
    assert found == [("{", page.index("{|"))]


def test_a_wikitext_page_whose_openers_all_close_is_untouched():
    from citeaudit.read.wikiopen import close_off

    page = "A.<ref>{{cite web|url=https://a.example/|title=T}}</ref>\n{|\n|x\n|}\n"
    assert close_off(page) is None


def test_unclosed_wikitext_templates_read_as_their_characters():
    page = "".join(f"Fact {i}.<ref>{{{{cite web|url=https://a.example/{i}|title=T</ref>\n"
                   for i in range(1, 301))
    article = parse_article(page, "wikitext")
    assert len(article.notes) == 300
    first = article.notes[0]
    # As mwparserfromhell read a page of three such refs before (the renderer spaces a
    # free link off): the template's characters, its URL found.
    assert first.raw == "{{cite web|url= https://a.example/1|title=T"
    assert "https://a.example/1" in first.urls
    assert "\ue001" not in article.body + first.raw


def test_damaged_bibtex_warns_once_and_prints_nothing(capfd):
    text = ("@misc{a, title={Open {brace, url={https://a.example/}\n"
            "@misc{b, title={Fine}, url={https://b.example/}}\n")
    article = parse_article(text, "bibtex")
    assert [n.label for n in article.notes] == ["b"]
    assert [w[:24] for w in article.warnings] == ["the BibTeX is damaged (P"]
    assert capfd.readouterr().err == ""


def test_an_initial_looks_back_for_its_names_comma_only_within_reach():
    from citeaudit.notes import styles

    # Each initial looks back for the comma of its "Surname, I." name at most NAME_REACH
    # characters, which keeps a run of 200,000 initials linear: a comma farther back is
    # not seen, one within reach is.
    far = "HAZEN, " + "a " * styles.NAME_REACH + "Helen D. Power of maps."
    assert styles.sentence_count(far) == 1
    assert styles.sentence_count("HAZEN, Helen D. Power of maps.") == 2
    assert styles.sentence_count("A. " * 200_000) == 1
    assert styles.sentence_count("HAZEN, Helen D. Power of maps. Guilford, 1992.") == 3

