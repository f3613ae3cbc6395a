"""LaTeXML pages (arXiv HTML, ar5iv): ``ltx_bibitem`` entries and ``ltx_note`` footnotes."""

from __future__ import annotations

from citeaudit.read import parse_article


def test_entries_are_notes_of_their_printed_numbers_and_the_citation_their_markers(data_dir):
    a = parse_article(data_dir / "articles" / "latexml-numbered.html")
    notes = {n.label: n for n in a.notes}
    assert list(notes) == ["1", "2", "footnote 1"]
    assert notes["1"].urls == ("https://coast.example.org/reed",)
    assert notes["1"].raw == "A. Reed. Silt in small harbours. Coastal Notes, 2019. link"
    assert "Cited by" not in notes["1"].raw  # LaTeXML's back-reference is not the note
    assert notes["2"].urls == ()
    assert "Harbours silt up within a decade [1][2]." in a.body
    assert "References" not in a.body and "Moss" not in a.body


def test_a_footnote_is_the_note_of_its_mark_named_apart_from_an_entry_of_that_number(data_dir):
    a = parse_article(data_dir / "articles" / "latexml-numbered.html")
    footnote = next(n for n in a.notes if n.label == "footnote 1")
    assert footnote.raw == "https://data.example.org/survey"
    assert footnote.urls == ("https://data.example.org/survey",)
    assert "The survey data are public.[footnote 1]" in a.body
    assert [c.note_labels for c in a.claims] == [("1", "2"), ("footnote 1",)]




def test_author_year_entries_are_named_by_their_printed_tags_in_markdown_too(data_dir):
    # The page as a Markdown file holds it: raw HTML passes through the Markdown reader.
    a = parse_article(data_dir / "articles" / "latexml-author-year.md")
    assert [(n.label, n.raw) for n in a.notes] == [
        ("Fuchs (2026)", "Fuchs, C. (2026). Epistemic horizons."),
        ("Wolfram (2026)", "Wolfram, S. (2026). Structural foliation."),
        ("†", "Both wrote in March."),
    ]
    assert a.body == "Fuchs [Fuchs (2026)] and Wolfram [Wolfram (2026)] read the data otherwise.[†]"


def test_a_page_without_latexml_notes_reads_as_before():
    a = parse_article(
        '<article class="ltx_document"><p class="ltx_p">No notes here.</p></article>',
        format="html",
    )
    assert a.notes == () and a.body == "No notes here."
