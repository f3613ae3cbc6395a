"""Plain-text articles: notes at the end, page chrome dropped, claims tied to notes."""

from __future__ import annotations

import pytest

import citeaudit.notes
from citeaudit.read import parse_article


@pytest.fixture
def ankasam(data_dir):
    return parse_article(data_dir / "ankasam.txt")


def test_ankasam_has_five_notes_and_five_claims(ankasam):
    assert ankasam.format == "text"
    assert [n.label for n in ankasam.notes] == ["1", "2", "3", "4", "5"]
    assert [c.id for c in ankasam.claims] == ["c1", "c2", "c3", "c4", "c5"]
    assert [c.note_labels for c in ankasam.claims] == [("1",), ("2",), ("3",), ("4",), ("5",)]


def test_ankasam_note_text_is_the_note_without_its_label(ankasam):
    first = ankasam.note("1")
    assert first.raw == (
        "“Pyongyang Says It Will Send Troops to Ukraine Within a Month”, Kyivpost, "
        "https://www.kyivpost.com/post/34893, (Access Date: 28.06.2024)."
    )
    assert ankasam.note("3").raw == "Ibid."
    assert ankasam.note("2").raw.endswith("(Access Date: 28.06.2024).")  # trailing NBSP gone


def test_ankasam_claim_4_is_the_containers_sentence_with_its_context(ankasam):
    claim = ankasam.claims[3]
    assert claim.text == (
        "According to the Washington Post, North Korea has supplied more than 11,000 containers "
        "of ammunition to Russia since autumn 2023."
    )
    assert claim.context.startswith(
        "Although Pyongyang continues to supply weapons to Moscow, it has not yet directly"
    )
    assert claim.context.endswith("in order to aid Russia’s war effort.")
    assert "1.6 million artillery shells" in claim.context
    assert ankasam.body[slice(*claim.span)].endswith("since autumn 2023.[4]")


def test_ankasam_page_chrome_is_not_body(ankasam):
    body = ankasam.body
    for chrome in ("Share", "This post is also available in", "Dr. Cenk TAMER",
                   "Sakarya University", "Similar Posts", "Access Date", "Analysis\n"):
        assert chrome not in body
    assert ankasam.title == (
        "The North Korea’s Interventions to the Russia-Ukraine War and Its Influences"
    )
    assert body.startswith("Russia’s tensions with the West are pivotal")
    assert body.endswith("if this partnership continues to enhance.")


def test_ankasam_repeat_note_points_to_the_note_it_repeats(ankasam):
    if not hasattr(citeaudit.notes, "resolve_repeats"):
        pytest.skip("citeaudit.notes.resolve_repeats has not landed yet")
    assert ankasam.note("3").ibid_of == "2"


def test_ankasam_uncited_claims_include_the_unsourced_figures(ankasam):
    texts = [c.text for c in ankasam.uncited]
    assert any("1.6 million artillery shells" in t for t in texts)
    assert any(t.startswith("In February 2024, Ukrainian officials reported") for t in texts)
    assert not any("[" in t for t in texts)


@pytest.mark.parametrize(
    "heading", ["Notes", "References", "Kaynakça", "Dipnotlar", "Примечания", "Anmerkungen",
                "Einzelnachweise", "NOTES:"],
)
def test_numbered_notes_under_a_heading(heading):
    text = (
        "Sanctions Against Shadow Tankers\n\n"
        "The cap was set at $60 a barrel.[1] It was tightened in 2023.[2]\n\n"
        f"{heading}\n\n"
        "1. European Commission, “Oil price cap”, https://finance.ec.europa.eu/oil-price-cap_en,\n"
        "   accessed 10 January 2024.\n"
        "2. Reuters, 5 December 2023.\n\n"
        "About the author\nJane Doe writes about energy."
    )
    article = parse_article(text)
    assert [(n.label, n.raw) for n in article.notes] == [
        ("1", "European Commission, “Oil price cap”, https://finance.ec.europa.eu/oil-price-cap_en,"
              " accessed 10 January 2024."),
        ("2", "Reuters, 5 December 2023."),
    ]
    assert article.body == "The cap was set at $60 a barrel.[1] It was tightened in 2023.[2]"
    assert article.title == "Sanctions Against Shadow Tankers"


def test_superscript_markers_become_bracketed_markers():
    article = parse_article(
        "Gas transit stopped in January.¹ Flows fell.²\n\nNotes\n1) A.\n2) B.\n"
    )
    assert article.body == "Gas transit stopped in January.[1] Flows fell.[2]"
    assert [c.note_labels for c in article.claims] == [("1",), ("2",)]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_notes_numbered_with_superscripts_one_a_line_are_each_a_note(fmt):
    article = parse_article(
        "Der Hafen wurde 2019 vertieft.¹ Die Kosten stiegen.²\n\n"
        "Quellen:\n¹ https://hafen.example.de/bericht\n²Amt für Häfen, https://amt.example.de/2019",
        format=fmt,
    )
    assert [(n.label, n.urls) for n in article.notes] == [
        ("1", ("https://hafen.example.de/bericht",)),
        ("2", ("https://amt.example.de/2019",)),
    ]
    assert article.body == "Der Hafen wurde 2019 vertieft.[1] Die Kosten stiegen.[2]"


def test_a_note_wrapped_onto_following_lines_is_one_note():
    article = parse_article(
        "Body sentence.[1]\n\n[1] “A long title that goes on”, Some Site,\n"
        "https://example.org/a/long/path, (Access Date: 28.06.2024).\n\n[2] Ibid.\n"
    )
    assert [n.raw for n in article.notes] == [
        "“A long title that goes on”, Some Site, https://example.org/a/long/path, "
        "(Access Date: 28.06.2024).",
        "Ibid.",
    ]


def test_hard_wrapped_paragraphs_are_joined_and_long_lines_are_paragraphs():
    wrapped = parse_article(
        "The first sentence of a wrapped paragraph runs on\nonto a second line.[1] And ends.\n\n"
        "[1] Note."
    )
    assert wrapped.body == (
        "The first sentence of a wrapped paragraph runs on onto a second line.[1] And ends."
    )
    assert wrapped.claims[0].text == (
        "The first sentence of a wrapped paragraph runs on onto a second line."
    )


def test_chrome_lines_of_other_exports_are_dropped():
    article = parse_article(
        "Home » Analysis » Asia-Pacific\n\nA Headline About Ports\n\nShare on Facebook\n"
        "Tweet\n\nPorts handled 36 million tonnes in 2023.[1]\n\nTags: ports, shipping\n\n"
        "[1] Rosatom annual report.\n\nRelated posts\n\nAnother story headline"
    )
    assert article.body == "Ports handled 36 million tonnes in 2023.[1]"
    assert article.title == "A Headline About Ports"


def test_text_without_notes_still_has_uncited_claims(data_dir):
    article = parse_article(data_dir / "essay-uncited.txt")
    assert article.notes == () and article.claims == ()
    assert len(article.uncited) >= 8
