"""HTML articles: each footnote flavour gives the same notes, markers and claims."""

from __future__ import annotations

import pytest

from citeaudit.read import parse_article
from citeaudit.read.html import HtmlReader


@pytest.fixture
def raw_notes(data_dir):
    """The notes as the reader hands them to ``parse_note``, inner HTML included."""

    def read(name: str):
        return HtmlReader().read((data_dir / "articles" / name).read_text(encoding="utf-8")).notes

    return read


@pytest.fixture
def article(data_dir):
    def read(name: str):
        return parse_article(data_dir / "articles" / name)

    return read


def test_wordpress_easy_footnotes(article):
    a = article("wordpress-easy-footnotes.html")
    assert a.format == "html"
    assert a.title == "Grain Corridor Under Strain"
    assert [n.label for n in a.notes] == ["1", "2"]
    assert a.notes[0].raw == (
        "“Ukraine grain exports hit record through new corridor”, Reuters, "
        "https://www.reuters.com/markets/commodities/ukraine-grain-exports-2024-02-01/, "
        "(Access Date: 02.03.2024)."
    )
    assert a.body == (
        "Ukraine exported 4.2 million tonnes of grain through its own Black Sea corridor in "
        "January.[1] Insurers have since raised war-risk premiums for ships calling at Odesa.[2]"
        "\n\nAnalysts expect volumes to fall if attacks on port infrastructure continue."
    )
    assert [c.note_labels for c in a.claims] == [("1",), ("2",)]


def test_note_html_keeps_links_and_titles_and_drops_backlinks():
    html = (HtmlReader().read(
        '<article><p>Fact.<sup><a href="#fn1" id="r1">1</a></sup></p>'
        '<ol><li id="fn1"><i>Lloyd’s List</i>, <a href="https://lloydslist.com/x">here</a>. '
        '<a href="#r1">↩</a></li></ol></article>'
    ))
    (note,) = html.notes
    assert note.html == '<i>Lloyd’s List</i>, <a href="https://lloydslist.com/x">here</a>.'
    assert note.raw == "Lloyd’s List, here."


def test_wordpress_block_editor_footnotes_reused_note(article, raw_notes):
    a = article("wordpress-block-footnotes.html")
    assert [n.label for n in a.notes] == ["1", "2"]
    assert "Jump to footnote" not in a.notes[0].raw and "↩" not in a.notes[0].raw
    first = raw_notes("wordpress-block-footnotes.html")[0]
    assert 'href="https://finance.ec.europa.eu/' in first.html
    assert [(c.id, c.note_labels) for c in a.claims] == [("c1", ("1",)), ("c2", ("2",)),
                                                         ("c3", ("1",))]
    assert "Powered by WordPress" not in a.body and "Home" not in a.body


def test_modern_footnotes_inline_tooltips_leave_the_body(article):
    a = article("modern-footnotes.html")
    assert [(n.label, n.raw) for n in a.notes] == [
        ("1", "Rosatom, annual report 2023, https://www.rosatom.ru/en/press-centre/news/.")
    ]
    assert a.body == (
        "Cargo on the Northern Sea Route reached 36 million tonnes in 2023.[1] "
        "Most of it was liquefied natural gas from Yamal."
    )


def test_wikipedia_references(article, raw_notes):
    a = article("wikipedia.html")
    assert a.title == "Treaty on Comprehensive Strategic Partnership"
    assert [n.label for n in a.notes] == ["1", "2", "3"]
    first = a.notes[0]
    assert first.raw.startswith('"Pyongyang Says It Will Send Troops to Ukraine Within a Month".')
    assert "^" not in first.raw and not first.raw.startswith("a b")
    first_html = raw_notes("wikipedia.html")[0].html
    assert "<cite" in first_html and "https://www.kyivpost.com/post/34893" in first_html
    assert "mw-cite-backlink" not in first_html
    assert a.claims[2].text == "The State Duma ratified the treaty in October 2024."
    assert a.claims[2].note_labels == ("1", "3")
    for chrome in ("References", "edit", "Jump to content", "Main page", "last edited",
                   "Russia–North Korea relations", "Signed"):
        assert chrome not in a.body


def test_pandoc_footnotes(article, raw_notes):
    a = article("pandoc.html")
    assert [n.label for n in a.notes] == ["1", "2"]
    assert a.notes[1].raw == "Satellite imagery, Beyond Parallel (CSIS), 2024."
    assert "footnote-back" not in raw_notes("pandoc.html")[0].html
    assert a.claims[1].text == "The shells travel by rail across the Tumen River bridge."


def test_dpub_aria_footnote_and_endnote_with_letter_labels(article):
    a = article("dpub-aria.html")
    assert [n.label for n in a.notes] == ["a", "b"]
    assert a.notes[1].raw == "TASS, 15 January 2025."
    assert a.body.endswith("Russia claims a similar figure for its own factories.[b]")
    assert "Ministry" not in a.body


def test_substack_footnotes(article):
    a = article("substack.html")
    assert [(n.label, n.raw[:20]) for n in a.notes] == [("1", "Yonhap News Agency, "),
                                                       ("2", "Ibid.")]
    assert "Subscribe" not in a.body and "Thanks for reading" not in a.body
    assert a.claims[0].text.endswith("were in Kursk by December.")
    assert a.claims[0].context == ""


def test_bare_superscripts_and_a_numbered_list_under_notes(article, raw_notes):
    a = article("plain-sup.html")
    assert [(n.label, n.raw) for n in a.notes] == [
        ("1", "Naftogaz press release, 1 January 2025."),
        ("2", "“Russian gas flows via Ukraine”, Reuters, reuters.com."),
    ]
    assert 'href="https://www.reuters.com/' in raw_notes("plain-sup.html")[1].html
    assert "About the author" not in a.body and "Notes" not in a.body
    assert [c.note_labels for c in a.claims] == [("1",), ("2",)]


def test_bare_superscripts_with_a_final_list_and_no_heading():
    a = parse_article(
        "<html><body><p>Exports rose in 2024.<sup>1</sup> Imports fell.<sup>2</sup></p>"
        "<ol><li>Customs data.</li><li>Ministry of Trade.</li></ol></body></html>"
    )
    assert [(n.label, n.raw) for n in a.notes] == [("1", "Customs data."),
                                                   ("2", "Ministry of Trade.")]
    assert a.body == "Exports rose in 2024.[1] Imports fell.[2]"


def test_think_tank_page_with_bracketed_paragraph_notes(article, raw_notes):
    a = article("think-tank.html")
    assert [(n.label, n.raw[:12]) for n in a.notes] == [("1", "“Pyongyang S"), ("2", "Ibid.")]
    first_html = raw_notes("think-tank.html")[0].html
    assert 'href="https://www.kyivpost.com/post/34893"' in first_html
    assert first_html.startswith("“Pyongyang Says")
    assert "Share" not in a.body and "Dr. Cenk" not in a.body
    assert len(a.claims) == 2


def test_main_content_only(data_dir):
    a = parse_article(
        "<html><body><header>Site name and menu</header><aside>Popular: Ten tips</aside>"
        "<main><p>Only this counts, since 2020.</p></main><footer>© 2024</footer>"
        "<script>var x = 1;</script></body></html>"
    )
    assert a.body == "Only this counts, since 2020."


def test_line_breaks_are_paragraph_breaks_but_source_newlines_are_spaces():
    a = parse_article("<html><body><p>One sentence\nwrapped in the source.<br>Next line.</p>"
                      "</body></html>")
    assert a.body == "One sentence wrapped in the source.\n\nNext line."


def test_a_note_whose_link_lives_only_in_the_markup_keeps_its_url():
    a = parse_article(
        "<article><h1>Grain Corridor Holds</h1>"
        "<p>Ukraine exported 4.2 million tonnes in January.<sup>1</sup> Premiums rose.<sup>2</sup>"
        "</p><h2>Notes</h2><ol>"
        '<li><a href="https://www.reuters.com/markets/ukraine-grain-2024-02-01/">Ukraine grain '
        "exports hit record</a>, Reuters, 1 February 2024.</li>"
        '<li><i>Lloyd’s List</i>, <a href="https://lloydslist.com/LL1148">war risk premiums</a>.'
        "</li></ol></article>"
    )
    assert [n.raw for n in a.notes] == [
        "Ukraine grain exports hit record, Reuters, 1 February 2024.",
        "Lloyd’s List, war risk premiums.",
    ]
    assert [n.urls for n in a.notes] == [
        ("https://www.reuters.com/markets/ukraine-grain-2024-02-01/",),
        ("https://lloydslist.com/LL1148",),
    ]
    assert a.body == "Ukraine exported 4.2 million tonnes in January.[1] Premiums rose.[2]"


# A blog post as its Atom feed carries it (kcsrk.info's feed of a kramdown post, kept in a
# public GitHub repository): the feed dropped the notes' ids and made every link absolute,
# so no marker links to its note; the notes are the numbered list, each item a paragraph.
FEED_POST = """<p>In multicore OCaml<sup role="doc-noteref"><a
 href="https://kcsrk.info/atom-ocaml.xml#fn:OW14" class="footnote" rel="footnote">2</a></sup>,
 continuations are fibers.</p>
<p>Our continuations are one-shot<sup role="doc-noteref"><a
 href="https://kcsrk.info/atom-ocaml.xml#fn:Bruggeman96" class="footnote"
 rel="footnote">3</a></sup>.</p>
<div class="footnotes" role="doc-endnotes"><ol>
<li role="doc-endnote"><p><a href="http://www.eff-lang.org/">Eff</a>&nbsp;<a
 href="https://kcsrk.info/atom-ocaml.xml#fnref:Eff" class="reversefootnote"
 role="doc-backlink">&#8617;</a></p></li>
<li role="doc-endnote"><p><a href="https://ocaml.org/meetings/ocaml/2014/ocaml2014_1.pdf">Multicore
 OCaml (pdf)</a>&nbsp;<a href="https://kcsrk.info/atom-ocaml.xml#fnref:OW14" class="reversefootnote"
 role="doc-backlink">&#8617;</a></p></li>
<li role="doc-endnote"><p><a
 href="http://www.cs.indiana.edu/~dyb/pubs/call1cc-abstract.html">Representing Control</a>&nbsp;<a
 href="https://kcsrk.info/atom-ocaml.xml#fnref:Bruggeman96" class="reversefootnote"
 role="doc-backlink">&#8617;</a></p></li>
</ol></div>"""


def test_notes_whose_ids_a_feed_dropped_are_the_numbered_list_without_back_links():
    article = parse_article(FEED_POST, "html")
    assert article.warnings == ()
    assert [(note.label, note.urls) for note in article.notes] == [
        ("1", ("http://www.eff-lang.org/",)),
        ("2", ("https://ocaml.org/meetings/ocaml/2014/ocaml2014_1.pdf",)),
        ("3", ("http://www.cs.indiana.edu/~dyb/pubs/call1cc-abstract.html",)),
    ]
    assert article.notes[1].raw == "Multicore OCaml (pdf)"
    assert [claim.note_labels for claim in article.claims] == [("2",), ("3",)]


def test_a_note_of_two_paragraphs_in_a_numbered_list_stays_one_note_and_ends_no_list():
    # The feed shape above, one note written in two paragraphs.
    page = """<p>Ports grew in 2021 by twelve percent.<sup role="doc-noteref"><a
 href="https://x.example/feed.xml#fn:a" class="footnote">1</a></sup> Trade fell in 2020 by a
 third.<sup role="doc-noteref"><a href="https://x.example/feed.xml#fn:b"
 class="footnote">2</a></sup>
 Ships came in 2019.<sup role="doc-noteref"><a href="https://x.example/feed.xml#fn:c"
 class="footnote">3</a></sup></p>
<div class="footnotes" role="doc-endnotes"><ol>
<li role="doc-endnote"><p>Port log, https://a.example/1.</p></li>
<li role="doc-endnote"><p>Trade log, https://a.example/2.</p>
<p>See also the yearly summary.</p></li>
<li role="doc-endnote"><p>Ship log, https://a.example/3.</p></li>
</ol></div>"""
    article = parse_article(page, "html")
    assert [(note.label, note.raw) for note in article.notes] == [
        ("1", "Port log, https://a.example/1."),
        ("2", "Trade log, https://a.example/2. See also the yearly summary."),
        ("3", "Ship log, https://a.example/3."),
    ]
    assert "Trade log" not in article.body


BRIDGE_NOTES = [
    ("1", "City archive, bridge file.", ("https://archive.example/bridge",)),
    ("2", "Tram society newsletter, 1962.", ()),
]


def test_org_mode_export_whose_references_are_marked_as_backlinks(article):
    a = article("org-mode.html")
    assert [(n.label, n.raw, n.urls) for n in a.notes] == BRIDGE_NOTES
    assert a.body == "The bridge opened in 1932[1]. It carried trams until 1961[2]."


def test_asciidoctor_footnotes_bracketed_outside_the_link_and_numbered_by_the_backlink(
    article,
):
    a = article("asciidoctor.html")
    assert [(n.label, n.raw, n.urls) for n in a.notes] == BRIDGE_NOTES
    assert a.body == "The bridge opened in 1932.[1] It carried trams until 1961.[2]"


def test_sphinx_footnotes_listed_as_terms_and_definitions(article):
    a = article("sphinx-footnote-list.html")
    assert [(n.label, n.raw, n.urls) for n in a.notes] == [
        ("1", "City archive, https://archive.example/bridge", ("https://archive.example/bridge",)),
        ("2", "Tram society newsletter, 1962.", ()),
    ]
    assert a.body == "The bridge opened in 1932 [1]. It carried trams until 1961 [2]."


def test_a_declared_note_reference_keeps_its_label_whatever_its_words():
    # markdown-it's "[^note]" and "[^Miller & Ratner, 1998]": the markup calls each link a
    # note reference, so "note" (a notes heading's word) and a label of several words with
    # punctuation are labels; a plain link to the notes section is still no marker.
    page = (
        "<p>Rendered ahead of time.<sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"fnref1\">"
        "[note]</a></sup> Donors follow their peers.<sup class=\"footnote-ref\"><a href=\"#fn2\""
        " id=\"fnref2\">[Miller＆Ratner、1998]</a></sup> See the <a href=\"#notes\">notes</a>.</p>"
        "<h2 id=\"notes\">Notes</h2><section class=\"footnotes\"><ol>"
        "<li id=\"fn1\"><p>Static pages at deploy time. <a href=\"#fnref1\">↩</a></p></li>"
        "<li id=\"fn2\"><p><a href=\"https://pubs.example/self-interest\">Self-interest</a>"
        " <a href=\"#fnref2\">↩</a></p></li></ol></section>"
    )
    a = parse_article(page, format="html")
    assert [(n.label, n.urls) for n in a.notes] == [
        ("note", ()), ("Miller＆Ratner、1998", ("https://pubs.example/self-interest",))]
    assert a.body.startswith("Rendered ahead of time.[note] Donors follow their peers."
                             "[Miller＆Ratner、1998] See the notes.")


def test_a_page_that_is_one_template_is_read_as_its_content():
    # Shape of a VuePress build's compiled page (a Vue "<template>" of markdown-it HTML),
    # made up: markers and notes inside the template, a script beside it.
    page = (
        '<template><h1 id="t">Chapter</h1>\n'
        '<p>Commands run in a subshell<sup class="footnote-ref"><a href="#footnote1">[1]</a>'
        '<a class="footnote-anchor" id="footnote-ref1" /></sup>.</p>\n'
        '<section class="footnotes"><ol class="footnotes-list">\n'
        '<li id="footnote1" class="footnote-item"><p>See <a href="https://guide.example/sub">'
        'subshells<ExternalLinkIcon/></a>. <a href="#footnote-ref1" class="footnote-backref">↩︎</a>'
        '</p></li>\n</ol></section>\n</template>\n<script>export default {}</script>\n'
    )
    document = HtmlReader().read(page)
    assert [(note.label, note.raw) for note in document.notes] == [("1", "See subshells.")]
    assert "subshell[1]." in document.body
    # A template beside the page's own prose is markup for a script: still left out.
    other = HtmlReader().read(
        "<p>Prose stays.</p><template><p>Row to stamp out.</p></template>"
    )
    assert "Row to stamp out" not in other.body and "Prose stays." in other.body


_PLUGIN_MARKER = (
    'Built on the lab network<span class="footnote_referrer"><a role="button" tabindex="0" '
    "onclick=\"footnote_moveToReference_7_3('footnote_plugin_reference_7_3_1');\">"
    '<sup id="footnote_plugin_tooltip_7_3_1" class="footnote_plugin_tooltip_text">1</sup></a>'
    '<span id="footnote_plugin_tooltip_text_7_3_1" class="footnote_tooltip">'
    '<a href="https://lab.example/network">lab.example/network</a></span></span> last year.'
)


def test_the_wordpress_footnotes_plugins_markers_link_to_their_table_rows():
    # Shape of a WordPress post with the "footnotes" plug-in (made up): a scripted marker
    # with no href, a hidden tooltip copy of the note, the notes a table of rows.
    page = (
        f"<p>{_PLUGIN_MARKER}</p>"
        '<table class="footnotes_table"><tr class="footnotes_plugin_reference_row">'
        "<th onclick=\"footnote_moveToAnchor_7_3('footnote_plugin_tooltip_7_3_1');\">"
        '<a id="footnote_plugin_reference_7_3_1" class="footnote_backlink">↑1</a></th>'
        '<td class="footnote_plugin_text">See <a href="https://lab.example/network">the '
        "network design</a>.</td></tr></table>"
    )
    document = HtmlReader().read(page)
    assert [(n.label, n.raw) for n in document.notes] == [("1", "See the network design.")]
    assert "network[1] last year." in document.body
    assert "lab.example" not in document.body


def test_the_footnotes_plugins_tooltip_is_the_note_where_its_table_row_is_cut_short():
    # Exported to Markdown, a blank line inside the table ends its HTML block: the note's
    # cell becomes an indented code block and the row holds only its backlink.
    article = parse_article(
        f"{_PLUGIN_MARKER}\n\n"
        '<table class="footnotes_table"><tr class="footnotes_plugin_reference_row">\n'
        '  <th><a id="footnote_plugin_reference_7_3_1" class="footnote_backlink">↑1</a></th>\n'
        "\n"
        '        <td class="footnote_plugin_text">lab.example/network</td>\n'
        "      </tr>\n    </table>\n",
        "markdown",
    )
    assert [(n.label, n.urls) for n in article.notes] == [
        ("1", ("https://lab.example/network",))
    ]
