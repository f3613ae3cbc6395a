"""Whole documents in the shapes real pages take, each defect with a small readable source."""

from __future__ import annotations

import pytest

from citeaudit.claims import find_claims
from citeaudit.findings import notes_not_found
from citeaudit.notes import NoteKind
from citeaudit.read import MAX_UNCITED, parse_article
from citeaudit.report.model import FindingKind

# Parsoid's rendering (Wikipedia's REST and mobile HTML): note links written ./Page#cite_note-N.
PARSOID = """<!DOCTYPE html><html><head><title>Harbourton</title></head><body>
<section><p>Harbourton is a port.<sup class="mw-ref reference" id="cite_ref-1"
 typeof="mw:Extension/ref"><a href="./Harbourton#cite_note-1"><span class="mw-reflink-text">[1]
 </span></a></sup> It has 120,000 residents.<sup class="mw-ref reference" id="cite_ref-census_2-0"
 typeof="mw:Extension/ref"><a href="./Harbourton#cite_note-census-2">[2]</a></sup> Its census
 counted them twice.<sup class="mw-ref reference" id="cite_ref-census_2-1"><a
 href="./Harbourton#cite_note-census-2">[2]</a></sup></p></section>
<section><h2>References</h2><ol class="mw-references references">
<li id="cite_note-1"><span class="mw-cite-backlink" rel="mw:referencedBy"><a
 href="./Harbourton#cite_ref-1">↑</a></span> <span class="mw-reference-text reference-text">
 <a rel="mw:ExtLink" href="https://port.example/about">About the port</a>. Port Authority.
 </span></li>
<li id="cite_note-census-2"><span class="mw-cite-backlink"><a
 href="./Harbourton#cite_ref-census_2-0">1</a> <a href="./Harbourton#cite_ref-census_2-1">2</a>
 </span> <span class="reference-text">
 <a href="https://stats.example/census">Census 2021</a>. Statistics Office.</span></li>
</ol></section></body></html>"""


def test_parsoid_note_links_to_this_page_are_followed():
    a = parse_article(PARSOID)
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://port.example/about",)), ("2", ("https://stats.example/census",))]
    assert [c.note_labels for c in a.claims] == [("1",), ("2",), ("2",)]
    assert "↑" not in a.notes[0].raw


def test_absolute_note_links_to_this_page_are_followed():
    page = PARSOID.replace("./Harbourton#", "https://en.wikipedia.org/wiki/Harbourton#")
    a = parse_article(page)
    assert [n.label for n in a.notes] == ["1", "2"]
    assert a.notes[1].raw == "Census 2021. Statistics Office."  # backlinks "1 2" left out
    assert [c.note_labels for c in a.claims] == [("1",), ("2",), ("2",)]


WIKIPEDIA_SFN = """<html><body><div id="mw-content-text">
<p>Storms closed the port in 1953.<sup class="reference" id="cite_ref-FOOTNOTEKing200341_1-0"><a
 href="#cite_note-FOOTNOTEKing200341-1">[1]</a></sup></p>
<h2>Notes</h2><div class="reflist"><ol class="references">
<li id="cite_note-FOOTNOTEKing200341-1"><span class="mw-cite-backlink"><b><a
 href="#cite_ref-FOOTNOTEKing200341_1-0">^</a></b></span> <span class="reference-text"><a
 href="#CITEREFKing2003">King 2003</a>, p. 41.</span></li></ol></div>
<h2>Sources</h2><ul><li><cite id="CITEREFKing2003" class="citation book cs1">King, Stephen
 (2003). <a class="external text" href="https://books.example/harbour"><i>A Harbour History</i></a>.
 Coast Press.</cite></li></ul>
</div></body></html>"""


def test_citeref_links_tie_a_short_note_to_its_full_citation():
    a = parse_article(WIKIPEDIA_SFN)
    short = a.note("1")
    assert short.raw == "King 2003, p. 41."
    assert short.kind is NoteKind.REPEAT and short.ibid_of == "King 2003"
    assert a.note("King 2003").urls == ("https://books.example/harbour",)
    assert "Coast Press" not in a.body and "Sources" not in a.body


def test_markdown_footnote_labels_longer_than_twelve_characters():
    a = parse_article(
        "Storms hit in 2021.[^harbour-storm-2021]\n\n"
        "[^harbour-storm-2021]: Met Office, https://met.example/storm-2021.\n", "markdown")
    assert [n.label for n in a.notes] == ["harbour-storm-2021"]
    assert a.claims[0].note_labels == ("harbour-storm-2021",)


def test_markdown_footnotes_written_as_html_anchors_are_not_glued_together():
    text = (
        "Ships sailed in 1900.<sup>[1](#fn1)</sup> Trade rose in 1901.<sup>[2](#fn2)</sup>\n\n"
        '<a name="fn1">1</a>: Port log, https://log.example/1900\n'
        '<a name="fn2">2</a>: Customs, [ledger](https://customs.example/1901)\n'
    )
    a = parse_article(text, "markdown")
    assert [(n.label, n.raw, n.urls) for n in a.notes] == [
        ("1", "Port log, https://log.example/1900", ("https://log.example/1900",)),
        ("2", "Customs, ledger", ("https://customs.example/1901",)),
    ]
    assert [c.note_labels for c in a.claims] == [("1",), ("2",)]


@pytest.mark.parametrize(
    "notes_html",
    [
        "<p><strong>Quellen:</strong><br>1 Weber, K.: Geräte. Köln 2001.<br>"
        '2 <a href="https://museum.example/faustkeil">Faustkeile</a>, Museum, 2016.</p>',
        "<p>Sources:</p><ul><li>Weber, K.: Geräte. Köln 2001.</li>"
        '<li><a href="https://museum.example/faustkeil">Faustkeile</a>, Museum, 2016.</li></ul>',
        "<p>Quellen:<br><sup>1</sup> Weber, K.: Geräte. Köln 2001.<br><sup>2</sup> "
        '<a href="https://museum.example/faustkeil">Faustkeile</a>, Museum, 2016.</p>',
    ],
    ids=["numbered-lines", "bullets", "superscript-lines"],
)
def test_superscript_markers_with_a_sources_list(notes_html):
    page = ("<p>Hand axes were used for a million years.<sup>1</sup> "
            f"Many were found near Cologne.<sup>2</sup></p>{notes_html}")
    a = parse_article(page, "html")
    assert [n.label for n in a.notes] == ["1", "2"]
    assert a.notes[0].raw == "Weber, K.: Geräte. Köln 2001."
    assert a.notes[1].urls == ("https://museum.example/faustkeil",)
    assert [c.note_labels for c in a.claims] == [("1",), ("2",)]
    assert "Weber" not in a.body


@pytest.mark.parametrize("marker", ["[1-2]", "[1–2]", "[1, 2]"])
def test_marker_ranges_and_lists_cite_every_note_they_name(marker):
    a = parse_article(f"Ports grew in 2023.{marker} Trade fell.[3]\n\n[1] A.\n\n[2] B.\n\n[3] C.")
    assert [c.note_labels for c in a.claims] == [("1", "2"), ("3",)]
    assert a.claims[0].text == "Ports grew in 2023."


def test_superscript_ranges_in_html():
    a = parse_article("<p>Ports grew in 2023.<sup>1-2</sup></p><h2>Notes</h2>"
                      "<ol><li>A, 2020.</li><li>B, 2021.</li></ol>", "html")
    assert a.claims[0].note_labels == ("1", "2")


def test_a_table_of_contents_is_not_a_notes_list():
    page = """<html><body><article><h1>Harbour</h1>
    <div class="table-of-contents"><ol><li>History</li><li>Notes</li><li>References</li></ol></div>
    <ol><li>History</li><li>Notes</li><li>References</li></ol>
    <h2>History</h2><p>The quay was built in 1932.<sup>1</sup> It was rebuilt in 1960.</p>
    <p>[1] City archive, https://archive.example/quay.</p>
    </article></body></html>"""
    a = parse_article(page)
    assert [(n.label, n.urls) for n in a.notes] == [("1", ("https://archive.example/quay",))]
    assert "The quay was built in 1932.[1]" in a.body


def test_author_affiliations_are_not_notes():
    text = (
        "Harbour Silt and Storms\n\nAnn Lee[1], Jan Roe[2]\n\n[1] University of Oslo\n\n"
        "[2] Coastal Institute\n\n"
        + "Silt built up in the harbour through the 1990s as storms grew stronger. " * 8
        + "\n\nDredging began in 2004 and has continued every second year since then."
    )
    a = parse_article(text, "text")
    assert a.notes == ()
    assert "Dredging began in 2004" in a.body


@pytest.mark.parametrize(
    ("front", "title"),
    [
        ('---\ntitle: "Harbour storms: a history"\ndate: 2024-05-01\ntags: [a, b]\n---\n',
         "Harbour storms: a history"),
        ('+++\ntitle = "Harbour storms"\ndraft = false\n+++\n', "Harbour storms"),
    ],
    ids=["yaml", "toml"],
)
def test_front_matter_title_is_the_articles_title_not_body_text(front, title):
    a = parse_article(front + "The quay was built in 1932.[^1]\n\n[^1]: City archive.\n",
                      "markdown")
    assert a.title == title
    assert a.body == "The quay was built in 1932.[1]"


def test_code_blocks_are_not_prose_and_hold_no_markers():
    text = (
        "Arrays start at zero.[^1] Write `a[1]` for the second item.\n\n"
        "```python\nitems = a[1]  # the second item\nprint(items)\n```\n\n"
        "    b = a[1]\n\n"
        "[^1]: Language reference, https://docs.example/arrays.\n"
    )
    a = parse_article(text, "markdown")
    assert "print(items)" not in a.body and "b = a" not in a.body
    assert [c.note_labels for c in a.claims] == [("1",)]
    assert a.warnings == ()


def test_mediawiki_chrome_is_not_body():
    page = """<html><body><main id="content"><h1>Harbourton</h1>
    <div id="siteSub">From Wikipedia, the free encyclopedia</div>
    <a class="mw-jump-link" href="#bodyContent">Jump to navigation</a>
    <p>Jump to search</p>
    <div class="ambox"><p>This article needs additional citations for verification.</p></div>
    <p>Harbourton is a port with 120,000 residents.<sup>1</sup></p>
    <h2>Notes</h2><ol><li>Census, https://stats.example/census.</li></ol>
    <div class="printfooter">Retrieved from "https://en.wikipedia.org/wiki/Harbourton"</div>
    <div id="catlinks"><div class="mw-hidden-catlinks">Hidden categories: Articles with short
    description</div></div>
    </main></body></html>"""
    a = parse_article(page)
    assert a.body == "Harbourton is a port with 120,000 residents.[1]"


def test_two_notes_with_the_same_text_stay_two_notes():
    for text, fmt in (
        ("Fact one.[^a] Fact two.[^b]\n\n[^a]: Port log, 1900.\n[^b]: Port log, 1900.\n",
         "markdown"),
        ('<p>Fact one.<sup><a href="#n1">1</a></sup> Fact two.<sup><a href="#n2">2</a></sup></p>'
         '<ol><li id="n1">Port log, 1900.</li><li id="n2">Port log, 1900.</li></ol>', "html"),
    ):
        a = parse_article(text, fmt)
        assert len(a.notes) == 2
        assert [c.note_labels for c in a.claims] == [(a.notes[0].label,), (a.notes[1].label,)]


def test_soft_hyphens_are_dropped_from_displayed_text():
    a = parse_article("<p>The har&shy;bour han\u00addled 4.2 million con&shy;tainers.<sup>1</sup>"
                      "</p><h2>Notes</h2><ol><li>Port Au&shy;thority, 2023.</li></ol>", "html")
    assert a.claims[0].text == "The harbour handled 4.2 million containers."
    assert a.notes[0].raw == "Port Authority, 2023."


def test_an_html_page_saved_as_txt_is_read_as_html(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text(PARSOID, encoding="utf-8")
    a = parse_article(path)
    assert a.format == "html" and len(a.notes) == 2


def test_note_markers_without_notes_are_a_warning_and_a_finding():
    a = parse_article("Ports grew in 2023.[1] Trade fell in 2022.[2]\n\nNo list follows.")
    assert a.notes == ()
    assert a.warnings and "2 note markers ([1], [2]) but no notes found" in a.warnings[0]
    findings = notes_not_found(a)
    assert [f.kind for f in findings] == [FindingKind.NOTES_NOT_FOUND]
    assert notes_not_found(parse_article("Ports grew in 2023.[1]\n\n[1] Log.")) == []


@pytest.mark.parametrize("char", ["\x08", "\x1f", "\x0b", "\x7f"])
def test_control_characters_in_html_do_not_crash_the_reader(char):
    a = parse_article(f"<p>Ports{char} grew in 2023.<sup>1</sup></p>"
                      f"<h2>Notes</h2><ol><li>Log{char}, https://log.example/a.</li></ol>", "html")
    assert a.notes[0].urls == ("https://log.example/a",)
    assert a.claims[0].text == "Ports grew in 2023."


def test_uncited_claims_are_capped_and_counted():
    body = "\n\n".join(f"In {1900 + i % 100} the port handled {i} ships." for i in range(30))
    capped = find_claims(body, set(), max_uncited=10)
    assert len(capped.uncited) == 10 and capped.uncited_truncated
    assert not find_claims(body, set(), max_uncited=30).uncited_truncated
    assert MAX_UNCITED >= 500  # far more than any article's


def test_utf16_without_a_byte_order_mark_is_decoded():
    text = "Ports grew in 2023.[1]\n\n[1] Harbour log, https://log.example/2023.\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        a = parse_article(text.encode(encoding))
        assert a.notes[0].urls == ("https://log.example/2023",)


# Shapes of real exports (the sentences are made up; the markup is as the tools write it).


def test_word_save_as_web_page_footnotes_and_endnotes(data_dir):
    a = parse_article(data_dir / "articles" / "word-web-page.html")
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://archive.example/quay",)), ("i", ("https://news.example/storm",))]
    assert [c.note_labels for c in a.claims] == [("1",), ("i",)]
    assert "supportFootnotes" not in a.body and a.body.count("[") == 2


def test_google_docs_html_export(data_dir):
    a = parse_article(data_dir / "articles" / "gdocs-export.html")
    assert a.title == "Drowsy Driving Review"
    assert [n.urls for n in a.notes] == [
        ("https://www.cdc.example/features/drowsy-driving/index.html",),
        ("https://sleep.example/risk",),  # Google's redirect wrapper taken off
    ]
    assert a.body == ("Drowsy driving caused an estimated 6,400 deaths in 2021.[1] "
                      "Sleep loss doubles the risk.[2]")


def test_markdown_converted_from_google_docs(data_dir):
    a = parse_article(data_dir / "articles" / "gdocs-markdown.md")
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://history.example/lisp-1962",)), ("2", ("https://essays.example/debuggers",))]
    assert a.notes[1].raw.startswith("If only word processors had compilers")
    assert [c.note_labels for c in a.claims] == [("1",), ("2",)]


def test_a_saved_wikipedia_page_reads_only_the_articles_content():
    page = """<html><body><div class="vector-header-container">Main menu Search</div>
    <main id="content" class="mw-body"><header class="mw-body-header vector-page-titlebar">
    <h1 id="firstHeading">Harbourton</h1></header>
    <div class="vector-page-toolbar"><ul><li>Article</li><li>Talk</li><li>Read</li><li>Edit</li>
    <li>View history</li><li>Tools</li></ul></div>
    <div id="bodyContent"><div id="siteSub">From Wikipedia, the free encyclopedia</div>
    <div id="mw-content-text"><div class="mw-parser-output">
    <p>Harbourton is a port with 120,000 residents.<sup id="cite_ref-1" class="reference"><a
    href="#cite_note-1"><span class="cite-bracket">[</span>1<span class="cite-bracket">]</span></a>
    </sup></p>
    <div class="reflist"><ol class="references"><li id="cite_note-1"><span
    class="mw-cite-backlink"><b><a href="#cite_ref-1">^</a></b></span> <span
    class="reference-text"><a href="https://stats.example/census">Census 2021</a>.</span></li>
    </ol></div></div></div></div></main><footer class="mw-footer">Privacy policy</footer>
    </body></html>"""
    a = parse_article(page)
    assert a.title == "Harbourton"
    assert a.body == "Harbourton is a port with 120,000 residents.[1]"
    assert [(n.raw, n.urls) for n in a.notes] == [("Census 2021.", ("https://stats.example/census",))]


def test_notes_followed_by_a_long_comment_thread_are_still_the_notes():
    text = (
        "Silt built up in the harbour through the 1990s as storms grew stronger.[1]\n\n"
        "[1] Port Authority, https://port.example/silt.\n\n"
        + "\n\n".join(f"Reader {i} wrote a long comment about dredging and storms." * 3
                      for i in range(8))
    )
    a = parse_article(text, "text")
    assert [n.urls for n in a.notes] == [("https://port.example/silt",)]


def test_a_contents_link_to_the_references_section_is_not_a_note():
    page = """<html><body><article>
    <ul class="toc"><li class="toc-references"><a href="#references">References</a></li></ul>
    <p>The quay was built in 1932.<sup><a href="#fn1" id="r1">1</a></sup></p>
    <h2 id="references">References</h2>
    <ol><li id="fn1">City archive, https://archive.example/quay.</li></ol>
    </article></body></html>"""
    a = parse_article(page)
    assert [n.label for n in a.notes] == ["1"]


def test_kramdown_and_multimarkdown_footnotes():
    page = """<p>Yes, the ferry ran in 1911.<a href="#fn:ferry" id="fnref:ferry"
    title="see footnote" class="footnote">1</a></p>
    <div class="footnotes"><hr /><ol>
    <li id="fn:ferry"><p><a href="https://archive.example/ferry?term=1911&amp;id=2">Ferry log</a>.
    </p>
    <p>Also the harbour <em>Gazette</em>.<a title="return to article" class="reversefootnote"
    >&#160;&#8617;</a></p></li></ol></div>"""
    a = parse_article(page, "html")
    assert [(n.label, n.raw, n.urls) for n in a.notes] == [
        ("1", "Ferry log. Also the harbour Gazette.",
         ("https://archive.example/ferry?term=1911&id=2",))]
    assert a.claims[0].note_labels == ("1",)
