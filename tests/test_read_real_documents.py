"""Reader defects found on whole real documents (bench/data/documents2), each as a small source."""

from __future__ import annotations

from citeaudit.read import parse_article

# A Wikipedia page as a page-to-Markdown tool saves it: links stripped, the notes lists
# kept with their "^" backlinks, one note split over two items, "[edit]" after headings.
WIKIPEDIA_AS_MARKDOWN = """\
# Harbour wall - Wikipedia

Jump to content

The harbour wall failed in the storm of 1953.[1] It was rebuilt within two years,[2]
though the new wall was lower.[a] Its stones came from the old quarry.[3]

## Notes

[edit]

- ^ The original wall stood four metres high.

## References

[edit]

- ^ a b Smith, J. (2001). Storms of the North Sea. doi:10.1000/storms

- ^
- Jones, K. (1999). The Harbour. Retrieved 3 May 2020.

- ^ Quarry Trust, https://example.org/quarry

## External links

[edit]

- Harbour Trust website
"""


def test_caret_lists_of_a_copied_wikipedia_page_are_its_notes_numbered_as_rendered():
    article = parse_article(WIKIPEDIA_AS_MARKDOWN, "markdown")
    assert [(n.label, n.raw) for n in article.notes] == [
        ("a", "The original wall stood four metres high."),
        ("1", "Smith, J. (2001). Storms of the North Sea. doi:10.1000/storms"),
        ("2", "Jones, K. (1999). The Harbour. Retrieved 3 May 2020."),
        ("3", "Quarry Trust, https://example.org/quarry"),
    ]
    assert article.notes[3].urls == ("https://example.org/quarry",)
    assert "^" not in article.body and "Harbour Trust" not in article.body
    assert [c.note_labels for c in article.claims][:2] == [("1",), ("2", "a")]


def test_caret_lines_pasted_as_plain_text_are_one_note_each():
    text = (
        "The wall failed in 1953.[1] It was rebuilt.[2]\n\n"
        "References\n"
        "^ a b Smith, J. (2001). Storms. https://example.org/storms\n"
        "^ Jones, K. (1999). The Harbour. https://example.org/harbour\n"
    )
    article = parse_article(text, "text")
    assert [(n.label, n.urls) for n in article.notes] == [
        ("1", ("https://example.org/storms",)),
        ("2", ("https://example.org/harbour",)),
    ]


def test_a_lone_caret_under_a_heading_is_not_a_notes_list():
    text = "The area is 3 m^2 in all.[1]\n\nNotes\n\n^ squared\n\n[1] Survey of 2001.\n"
    article = parse_article(text, "text")
    assert [(n.label, n.raw) for n in article.notes] == [("1", "Survey of 2001.")]


def test_older_jump_up_backlinks_under_a_heading_glued_to_its_edit_link():
    text = (
        "Overview[edit]\n"
        "The host name must map directly to an address record.[1] MX can spread delivery"
        " across equal-priority servers.[2]\n"
        "References[edit]\n"
        "Jump up ^ RFC 2181, Section 10.3, Clarifications to the DNS Specification\n"
        "^ Jump up to: a b c d RFC 5321\n"
        "Categories: Domain name systemEmail\n"
    )
    article = parse_article(text, "text")
    assert [(n.label, n.raw) for n in article.notes] == [
        ("1", "RFC 2181, Section 10.3, Clarifications to the DNS Specification"),
        ("2", "RFC 5321"),
    ]
    assert "Categories" not in article.body


def test_a_numbered_markdown_list_of_caret_notes_keeps_its_numbers_without_backlinks():
    text = (
        "Tries were described by Thue.[2] Knuth gives the history.[3]\n\n"
        "References\n----------\n\n"
        "2.  **^** Thue, Axel (1912). \"Über die gegenseitige Lage\". Cited by Knuth.\n"
        "3.  ^ Jump up to: a b c d Knuth, Donald (1997). [Digital Searching]"
        "(https://example.org/taocp). Addison-Wesley.\n"
    )
    article = parse_article(text, "markdown")
    assert [(n.label, n.raw, n.urls) for n in article.notes] == [
        ("2", "Thue, Axel (1912). \"Über die gegenseitige Lage\". Cited by Knuth.", ()),
        ("3", "Knuth, Donald (1997). Digital Searching. Addison-Wesley.",
         ("https://example.org/taocp",)),
    ]


def test_notes_linked_back_by_name_drop_their_printed_label():
    # Word's "Save as web page" and pages pasted from it: references and notes are
    # <a name=…> anchors linking to each other; the note's own "[1]" is its backlink.
    page = (
        '<html><body><p>The wall fell in 1953.<sup><a href="#_ftn1" name="_ftnref1">[1]</a>'
        '</sup> It was rebuilt.<sup><a href="#_ftn2" name="_ftnref2">[2]</a></sup></p>'
        '<p><a href="#_ftnref1" name="_ftn1">[1]</a> Smith, '
        '<a href="https://example.org/storms">Storms</a></p>'
        '<p><a href="#_ftnref2" name="_ftn2">[2]</a> Jones, The Harbour.</p></body></html>'
    )
    article = parse_article(page, "html")
    assert [(n.label, n.raw) for n in article.notes] == [
        ("1", "Smith, Storms"),
        ("2", "Jones, The Harbour."),
    ]
    assert article.body == "The wall fell in 1953.[1] It was rebuilt.[2]"


# A Wikipedia page converted to Markdown with its links kept (html2text-style): markers
# and backlinks link to the page itself, absolute; "[^](…)" is a backlink, not a footnote.
WIKIPEDIA_MARKDOWN_WITH_LINKS = """\
The wall fell in 1953.[[1]](https://en.wikipedia.org/wiki/Harbour#cite_note-1) It was
rebuilt.[[2]](https://en.wikipedia.org/wiki/Harbour#cite_note-Jones-2)

## References

1. **[^](https://en.wikipedia.org/wiki/Harbour#cite_ref-1)** Smith, J.
   [*Storms*](https://example.org/storms). Retrieved 2020.
2. ^ [***a***](https://en.wikipedia.org/wiki/Harbour#cite_ref-Jones_2-0)
   [***b***](https://en.wikipedia.org/wiki/Harbour#cite_ref-Jones_2-1) Jones, K.
   [The Harbour](https://example.org/harbour).
"""


def test_a_converted_wikipedia_page_keeps_its_notes_without_their_backlinks():
    article = parse_article(WIKIPEDIA_MARKDOWN_WITH_LINKS, "markdown")
    assert [(n.label, n.raw, n.urls) for n in article.notes] == [
        ("1", "Smith, J. Storms. Retrieved 2020.", ("https://example.org/storms",)),
        ("2", "Jones, K. The Harbour.", ("https://example.org/harbour",)),
    ]
    assert [c.note_labels for c in article.claims] == [("1",), ("2",)]


def test_relative_backlinks_written_as_caret_links_are_not_footnote_definitions():
    text = (
        "The wall fell in 1953.[\\[1\\]](#cite_note-1)\n\n## References\n\n"
        "1.  [^](#cite_ref-1) Smith, J. [Storms](https://example.org/storms).\n"
    )
    article = parse_article(text, "markdown")
    assert [(n.label, n.urls) for n in article.notes] == [("1", ("https://example.org/storms",))]


SAVED_WIKIPEDIA_PAGE = """\
<html><body><div class="mw-parser-output">
<p>The wall fell in 1953.<sup id="cite_ref-1" class="reference"><a
 href="https://en.wikipedia.org/wiki/Harbour#cite_note-1">[1]</a></sup></p>
<h2>References</h2><ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink">
<b><a href="https://en.wikipedia.org/wiki/Harbour#cite_ref-1">^</a></b></span>
<span class="reference-text"><cite class="citation journal cs1"><a
 href="https://en.wikipedia.org/wiki/J_Smith">Smith, J.</a> (2001). <a class="external text"
 href="https://example.org/storms">"Storms"</a>. <i><a
 href="https://en.wikipedia.org/wiki/Journal_of_Storms">Journal of Storms</a></i>. <a
 href="https://en.wikipedia.org/wiki/Doi_(identifier)">doi</a>:<a class="external text"
 href="https://doi.org/10.1000/xyz">10.1000/xyz</a>.</cite></span></li></ol>
</div></body></html>
"""


def test_a_saved_wiki_page_with_absolute_links_cites_only_its_external_links():
    article = parse_article(SAVED_WIKIPEDIA_PAGE, "html")
    assert [(n.label, n.urls) for n in article.notes] == [
        ("1", ("https://example.org/storms", "https://doi.org/10.1000/xyz")),
    ]
    assert article.notes[0].raw == 'Smith, J. (2001). "Storms". Journal of Storms. doi:10.1000/xyz.'


def test_converted_wikipedia_markdown_with_notes_and_references_lists_and_edit_links():
    text = (
        "The wall fell in 1953.[[1]](https://en.wikipedia.org/wiki/Harbour#cite_note-1)"
        " It was lower.[[a]](https://en.wikipedia.org/wiki/Harbour#cite_note-2)\n\n"
        "## Notes\n\n\\[edit\\]\n\n"
        "1. **[^](https://en.wikipedia.org/wiki/Harbour#cite_ref-2)** The old wall was higher.\n\n"
        "## References\n\n\\[edit\\]\n\n"
        "1. **[^](https://en.wikipedia.org/wiki/Harbour#cite_ref-1)**"
        "[Smith, J.](https://en.wikipedia.org/wiki/J_Smith) [Storms](https://example.org/storms).\n"
        "2. **[^](https://en.wikipedia.org/wiki/Harbour#cite_ref-3)** Jones 2003, p. 4.\n"
    )
    article = parse_article(text, "markdown")
    assert [(n.label, n.raw, n.urls) for n in article.notes] == [
        ("a", "The old wall was higher.", ()),
        ("1", "Smith, J. Storms.", ("https://example.org/storms",)),
        ("2", "Jones 2003, p. 4.", ()),
    ]


def test_numbered_link_definitions_cited_bare_are_the_posts_notes():
    text = (
        "The wall fell in 1953 [1]. Index it with `arr[1]`. It was rebuilt[2] and the\n"
        "[harbour report][3] agrees.\n\n"
        "[1]: https://example.org/storms\n"
        '[2]: https://example.org/harbour "The Harbour"\n'
        "[3]: https://example.org/report\n"
    )
    article = parse_article(text, "markdown")
    assert [(n.label, n.urls) for n in article.notes] == [
        ("1", ("https://example.org/storms",)),
        ("2", ("https://example.org/harbour",)),
    ]
    assert "harbour report agrees" in article.body  # [3] stays the link it is


def test_numbered_link_definitions_used_only_as_link_targets_stay_links():
    text = "The wall [fell][1] in 1953.\n\n[1]: https://example.org/storms\n"
    article = parse_article(text, "markdown")
    assert article.notes == ()
    assert article.body == "The wall fell in 1953."


def test_a_sources_list_of_numbered_definitions_is_read_whole():
    # Lecture notes cite [2] and [3]; [1] and [4] are in the list but never cited, and [3]
    # and [4] lost their colon.  Under "#Quellen:" the lines are one visible paragraph.
    text = (
        "Ein Client schickt eine Anfrage an den Server [2]. Peer to peer braucht keinen [3].\n\n"
        "#Quellen:\n"
        "[1]: Meyer. Verteilte Systeme (o. J.) https://a.example/vs (11.10.2023)\n"
        "[2]: Kurz. Client und Server https://b.example/cs (11.10.2023)\n"
        "[3] Lang. Peer to peer https://c.example/p2p (13.10.2023)\n"
        "[4] Roth. Caching https://d.example/cache\n"
    )
    article = parse_article(text, "markdown")
    assert _urls_by_label(article) == {
        "1": ("https://a.example/vs",), "2": ("https://b.example/cs",),
        "3": ("https://c.example/p2p",), "4": ("https://d.example/cache",),
    }
    assert [c.note_labels for c in article.claims] == [("2",), ("3",)]
    assert "Meyer" not in article.body and "Roth" not in article.body


def test_a_bracketed_number_in_indented_code_is_no_marker_of_a_sources_list():
    text = (
        "Ein Netz ohne zentralen Server [1].\n\n"
        "    Vorteile:\n"
        "    -Kein zentraler Server [2]\n\n"
        "Quellen:\n\n"
        "[1]: https://a.example/p2p\n"
        "[2]: https://b.example/vorteile\n"
    )
    article = parse_article(text, "markdown")
    assert _urls_by_label(article) == {
        "1": ("https://a.example/p2p",), "2": ("https://b.example/vorteile",),
    }
    assert [c.note_labels for c in article.claims] == [("1",)]  # code makes no claim


def _urls_by_label(article):
    return {note.label: note.urls for note in article.notes}


def test_a_malformed_link_on_a_wiki_page_is_no_crash():
    page = (
        '<p>A claim.<sup><a href="https://w.example/wiki/P#cite_note-1">[1]</a></sup>'
        ' <a href="http://[::1">broken</a></p>'
    )
    assert parse_article(page, "html").body == "A claim.[1] broken"


def test_notes_headings_of_other_wikipedias_introduce_their_caret_lists():
    text = (
        "値オブジェクトはドメイン駆動設計の基本要素である[1]。ファウラーが命名した[2]。\n\n"
        "脚注[編集]\n"
        "^ a b Evans, Eric (2003). Domain-Driven Design. Addison-Wesley.\n"
        "^ Fowler, Martin. “Value Object”. https://martinfowler.com/bliki/ValueObject.html\n"
    )
    article = parse_article(text, "text")
    assert [(n.label, n.urls) for n in article.notes] == [
        ("1", ()),
        ("2", ("https://martinfowler.com/bliki/ValueObject.html",)),
    ]
    korean = "빠르다.[1]\n\n## 각주\n\n1. ↑ Microsoft Docs, https://docs.microsoft.com/a\n"
    assert [(n.label, n.raw) for n in parse_article(korean, "markdown").notes] == [
        ("1", "Microsoft Docs, https://docs.microsoft.com/a"),
    ]


def test_version_ranges_under_a_notes_heading_are_not_caret_notes():
    text = "Upgrade first.\n\n## Notes\n\n- ^1.2.0 of lodash is required.\n- ^2.0.0 of react.\n"
    assert parse_article(text, "markdown").notes == ()


def test_a_named_group_of_notes_copied_from_wikipedia_keeps_its_group_labels():
    text = (
        "The wall fell in 1953,[note 1] though records differ.[1] It was rebuilt,[2]"
        " lower than before.[note 2]\n\n"
        "Notes\n"
        "^ The storm of 31 January.\n"
        "^ By a metre.\n\n"
        "References\n"
        "^ Smith, J. (2001). Storms. https://example.org/storms\n"
        "^ Jones, K. (1999). The Harbour.\n"
    )
    article = parse_article(text, "text")
    assert [n.label for n in article.notes] == ["note 1", "note 2", "1", "2"]
    assert article.notes[2].urls == ("https://example.org/storms",)


def test_a_reader_view_copy_of_a_wikipedia_page_drops_the_superscript_backlink_letters():
    # Reader views and read-later apps strip the ids and classes, keeping <sup>[1]</sup>
    # markers and "^ a b" backlinks printed in superscript.
    page = (
        "<html><body><article><p>The wall fell in 1953.<sup>[1]</sup> It was rebuilt."
        "<sup>[2]</sup></p><h2>References</h2><ol><li><b>^</b> Smith, J. "
        '<a href="https://example.org/storms">Storms</a>.</li><li>^ <sup><i><b>a</b></i></sup>'
        ' <sup><i><b>b</b></i></sup> Jones, K. The Harbour.</li></ol></article></body></html>'
    )
    article = parse_article(page, "html")
    assert [(n.label, n.raw) for n in article.notes] == [
        ("1", "Smith, J. Storms."),
        ("2", "Jones, K. The Harbour."),
    ]
