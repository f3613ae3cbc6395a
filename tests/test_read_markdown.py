"""Markdown articles: ``[^label]`` footnotes with word labels and multi-line definitions."""

from __future__ import annotations

from citeaudit.read import parse_article
from citeaudit.read.markdown import MarkdownReader


def test_word_labels_multi_line_notes_and_a_note_cited_twice(data_dir):
    a = parse_article(data_dir / "articles" / "footnotes.md")
    assert a.format == "markdown"
    assert a.title == "Shells, Troops and Treaties"
    assert [n.label for n in a.notes] == ["wapo", "nis"]
    assert a.notes[0].raw == (
        "“North Korea has sent Russia millions of shells”, The Washington Post, "
        "https://www.washingtonpost.com/world/2024/02/28/north-korea-russia-shells/, "
        "accessed 28 June 2024."
    )
    # The indented second paragraph belongs to the same note.
    assert a.notes[1].raw == (
        "National Intelligence Service briefing to the National Assembly, 27 February 2024. "
        "Reported by Yonhap."
    )
    assert [(c.note_labels, c.text) for c in a.claims] == [
        (("wapo",),
         "North Korea has supplied more than 11,000 containers of ammunition to Russia."),
        (("nis",), "The figure comes from South Korean intelligence."),
        (("nis",), "Officials in Seoul described the supply line as \"a lifeline for Moscow's "
                   "artillery\"."),
    ]
    assert "[^" not in a.body and "↩" not in a.body


def test_note_html_carries_the_links_of_the_definition(data_dir):
    text = (data_dir / "articles" / "footnotes.md").read_text(encoding="utf-8")
    notes = MarkdownReader().read(text).notes
    assert 'href="https://en.yna.co.kr/view/AEN20240227004400315"' in notes[1].html
    assert "<em>The Washington Post</em>" in notes[0].html
    assert "footnote-backref" not in notes[0].html


def test_markdown_is_recognised_by_content_and_soft_breaks_are_spaces():
    a = parse_article(
        "Russia signed the treaty in\nJune 2024.[^1]\n\n[^1]: Kremlin, 19 June 2024.\n"
    )
    assert a.format == "markdown"
    assert a.body == "Russia signed the treaty in June 2024.[1]"
    assert a.claims[0].note_labels == ("1",)


def test_markdown_with_plain_bracketed_notes_falls_back_like_text():
    a = parse_article(
        "# A Headline\n\nShips were seized in 2024.[1]\n\n[1] Lloyd's List, 3 May 2024.\n",
        format="markdown",
    )
    assert [(n.label, n.raw) for n in a.notes] == [("1", "Lloyd's List, 3 May 2024.")]
    assert a.body == "Ships were seized in 2024.[1]"
    assert a.title == "A Headline"


def test_a_definition_continued_on_indented_lines_is_one_note():
    a = parse_article(
        "Exports to Russia doubled in 2023.[^kita]\n\n"
        "[^kita]: Korea International Trade Association,\n"
        "    “Trade with Russia, 2023 annual report”,\n"
        "    https://www.kita.org/report/russia-2023.pdf,\n"
        "    accessed 28 June 2024.\n\n"
        "Unrelated closing paragraph.\n"
    )
    (note,) = a.notes
    assert note.raw == (
        "Korea International Trade Association, “Trade with Russia, 2023 annual report”, "
        "https://www.kita.org/report/russia-2023.pdf, accessed 28 June 2024."
    )
    assert note.urls == ("https://www.kita.org/report/russia-2023.pdf",)
    assert a.body == "Exports to Russia doubled in 2023.[kita]\n\nUnrelated closing paragraph."


def test_escaped_markdown_characters_in_urls_are_undone():
    # Exporters (Google Docs, pandoc -t markdown_strict) escape _ * ( ) & in bare and
    # angle-bracket URLs alike; the cited URL is the unescaped one, given once.
    a = parse_article(
        "Grain left Odesa.[^1] Ships were insured.[^2]\n\n"
        "[^1]: Reuters, https://www.reuters.com/markets/grain\\_exports\\_2024/, accessed "
        "2024-02-01.\n"
        "[^2]: Lloyd's List, <https://lloydslist.com/LL1148\\_war\\_risk>, and "
        "[the rates](https://example.org/rates\\_\\(2024\\)?a=1\\&b=2).\n"
    )
    assert a.notes[0].urls == ("https://www.reuters.com/markets/grain_exports_2024/",)
    assert set(a.notes[1].urls) == {
        "https://lloydslist.com/LL1148_war_risk",
        "https://example.org/rates_(2024)?a=1&b=2",
    }
    assert "\\" not in a.notes[0].raw + a.notes[1].raw


def test_markdown_is_chosen_by_extension_even_without_footnotes(tmp_path):
    for suffix in (".md", ".markdown"):
        path = tmp_path / f"essay{suffix}"
        path.write_text("Plain prose with *emphasis* in 2024.\n", encoding="utf-8")
        a = parse_article(path)
        assert a.format == "markdown"
        assert a.body == "Plain prose with emphasis in 2024."


def test_a_lone_ampersand_is_text_and_a_character_reference_is_its_character():
    document = MarkdownReader().read(
        "Ports grew.[^1] Trade fell.[^2]\n\n"
        "[^1]: Port log, https://port.example/log?id=3&lang=en, 2021.\n"
        "[^2]: Trade &amp; Tariffs &#8212; a review, 2020.\n"
    )
    raws = {note.label: note.raw for note in document.notes}
    assert raws["1"] == "Port log, https://port.example/log?id=3&lang=en, 2021."
    assert raws["2"] == "Trade & Tariffs \u2014 a review, 2020."


def test_sup_markers_in_the_prose_tie_to_footnote_definitions_nothing_else_refers_to():
    # Shape of a public essay (a GitHub Markdown file): <sup>N</sup> in the prose, the notes
    # written as [^N]: definitions that no [^N] refers to.  Words shortened.
    document = MarkdownReader().read(
        "All models are wrong, but some are useful<sup>1</sup>. Markets become "
        "competitive<sup>2</sup>. Water boils at 100 degrees<sup>3</sup>.\n\n"
        "[^1]: Box, G.E.P. (1976), \"Science and Statistics\", _JASA_, 71: 791–799.\n\n"
        "[^2]: _Ibid._, 792.\n\n"
        "[^9]: A definition nothing marks.\n"
    )
    assert [note.label for note in document.notes] == ["1", "2"]
    assert "useful[1]" in document.body and "competitive[2]" in document.body
    assert "degrees3" in document.body  # a superscript with no note stays as written


def test_sup_markers_become_claims_of_their_notes():
    article = parse_article(
        "Ports grew in 2021 by 12 percent<sup>1</sup>.\n\n[^1]: Port log, https://port.example/log.\n",
        "markdown",
    )
    assert [claim.note_labels for claim in article.claims] == [("1",)]
    assert article.notes[0].urls == ("https://port.example/log",)


def test_a_substack_footnote_kept_as_html_with_blank_lines_keeps_its_text():
    # Shape of a Substack post saved as Markdown (a public GitHub file): the footnote is
    # the page's own HTML, and its blank lines make the number a paragraph of its own.
    article = parse_article(
        'Most models use it in evaluation<a href="#footnote-1" id="footnote-anchor-1" '
        'class="footnote-anchor">1</a> procedures.\n\n'
        '<div class="footnote">\n\n'
        '<a href="#footnote-anchor-1" id="footnote-1" class="footnote-number">1</a>\n\n'
        '<div class="footnote-content">\n\n'
        "Researchers filter out Wikipedia content in some cases.\n\n"
        "</div>\n\n</div>\n",
        "markdown",
    )
    assert [(note.label, note.raw) for note in article.notes] == [
        ("1", "Researchers filter out Wikipedia content in some cases.")
    ]
    assert [claim.note_labels for claim in article.claims] == [("1",)]


def test_a_footnote_marked_only_inside_another_note_is_a_note_of_its_own():
    a = parse_article(
        "The harbour silted up by 1850.[^survey]\n\n"
        "[^survey]: Admiralty survey, which relies on the tide tables[^tides].\n"
        "[^tides]: Tide tables, https://tides.example/1849.\n",
        format="markdown",
    )
    assert [(n.label, n.urls) for n in a.notes] == [
        ("survey", ()), ("tides", ("https://tides.example/1849",)),
    ]
    assert a.notes[0].raw == "Admiralty survey, which relies on the tide tables[tides]."


SPACED_LABELS = """\
Donors give where the books are open.[^Smith, 2019] Few give blind.[^要出典]

[^Smith, 2019]: [Giving and trust](https://giving.example/trust), a survey.

[^要出典]: No source yet.

[^Lee 2001]: Defined, never cited.

Drafts say [^some words] here.
"""


def test_a_footnote_label_with_spaces_is_one_note_where_a_definition_gives_it():
    # A slide deck's "[^Smith, 2019]" (Deckset, Obsidian take such labels); words in
    # brackets no definition names stay text, a definition nothing cites stays out.
    for text in (SPACED_LABELS, SPACED_LABELS + "\nRun `make`, then read the log.[^要出典]\n"):
        a = parse_article(text, format="markdown")
        assert [(n.label, n.urls) for n in a.notes] == [
            ("Smith, 2019", ("https://giving.example/trust",)), ("要出典", ())]
        assert a.body.startswith("Donors give where the books are open.[Smith, 2019]")
        assert "[^some words]" in a.body
        assert [c.note_labels for c in a.claims][:2] == [("Smith, 2019",), ("要出典",)]


def test_a_wiki_page_converted_with_caret_superscript_note_links_has_its_notes_list():
    # Shape of a German Wikipedia page clipped to Markdown (made up, words shortened):
    # "^[[1]](#cite_note-…)^" markers, a numbered list whose items open with their links
    # back ("[↑](#cite_ref-2)", "↑ ^[a](…)^ ^[b](…)^"), links to the wiki's own pages.
    article = parse_article(
        "Die erste Fassung kam 1991.^[[1]](#cite_note-buch-1)^ "
        "Sie war frei.^[[1]](#cite_note-buch-1)^\n"
        "Ein Angriff ist bekannt.^[[2]](#cite_note-2)^\n\n"
        "[Bearbeiten](https://wiki.example/w/index.php?title=Seite&action=edit&section=2)\n\n"
        "* [Verwandt](https://wiki.example/wiki/Verwandt)\n"
        "1. ↑ ^[a](#cite_ref-buch_1-0)^ ^[b](#cite_ref-buch_1-1)^ A. Autor: "
        "[Ein Buch](https://wiki.example/wiki/Ein_Buch \"Ein Buch\"). "
        "[ISBN 3-00-000000-0](https://wiki.example/wiki/Spezial:ISBN-Suche/3000000000).\n"
        "2. [↑](#cite_ref-2) B. Autor: [*Ein Bericht.*](https://news.example/bericht-7) "
        "In: *[Die Zeitung](https://wiki.example/wiki/Die_Zeitung \"Die Zeitung\").* 2015.\n",
        "markdown",
    )
    assert [(n.label, n.urls) for n in article.notes] == [
        ("1", ()),
        ("2", ("https://news.example/bericht-7",)),
    ]
    assert article.notes[0].raw == "A. Autor: Ein Buch. ISBN 3-00-000000-0."
    assert "1991.[1] Sie war frei.[1]" in article.body and "bekannt.[2]" in article.body
