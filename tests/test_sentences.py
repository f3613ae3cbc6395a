"""Sentence splitting for news prose: abbreviations, initials, decimals, quotes, markers."""

from __future__ import annotations

import pytest

from citeaudit.sentences import paragraphs, split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon states that Ukrainian forces can use U.S. provided weapons.",
        "Dr. Cenk Tamer joined ANKASAM in 2017.",
        "Mr. Kim met Mrs. Park and Ms. Lee in St. Petersburg.",
        "Sanctions, e.g. the price cap, and tariffs, i.e. taxes, both matter.",
        "The book by J. R. R. Tolkien sold well.",
        "Pyongyang sent close to 1.6 million artillery shells.",
        "Resolution No. 2397 tightened the sanctions.",
        "It was Russia vs. Ukraine from the start.",
        "He said “we will win. They will lose.” to the crowd.",
    ],
)
def test_no_false_break(text):
    assert sentences(text) == [text]


def test_breaks_after_an_acronym_when_a_new_sentence_starts():
    text = "The weapons came from the U.S. The shipments began in May."
    assert sentences(text) == ["The weapons came from the U.S.", "The shipments began in May."]


def test_acronym_followed_by_a_name_does_not_break():
    assert sentences("He served in the U.S. Army for ten years.") == [
        "He served in the U.S. Army for ten years."
    ]


def test_markers_after_the_full_stop_stay_with_their_sentence():
    text = (
        "North Korea promised troops.[2] According to Chosun, engineers will follow.[3] "
        "Then more."
    )
    assert sentences(text) == [
        "North Korea promised troops.[2]",
        "According to Chosun, engineers will follow.[3]",
        "Then more.",
    ]


def test_marker_after_a_closing_quote_stays_with_its_sentence():
    text = "He warned of a “new world war.”[5] The West reacted."
    assert sentences(text) == ["He warned of a “new world war.”[5]", "The West reacted."]


def test_several_markers_and_a_spaced_marker():
    text = "Shells were sent.[2][3] Troops too. [4] Nothing else."
    assert sentences(text) == ["Shells were sent.[2][3]", "Troops too. [4]", "Nothing else."]


def test_ellipsis_ends_a_sentence_before_a_capital_but_not_before_lower_case():
    assert sentences("He paused... Then he left.") == ["He paused...", "Then he left."]
    assert sentences("The treaty … obliges both parties.") == ["The treaty … obliges both parties."]


def test_question_and_exclamation_marks_end_sentences():
    assert sentences("Will it last? Nobody knows! Time will tell.") == [
        "Will it last?",
        "Nobody knows!",
        "Time will tell.",
    ]


def test_a_sentence_quoted_whole_ends_at_its_closing_quote():
    text = "Zelensky said, “My country could face 100,000 troops.” Russia has 10,000 already."
    assert sentences(text) == [
        "Zelensky said, “My country could face 100,000 troops.”",
        "Russia has 10,000 already.",
    ]


def test_spans_are_offsets_into_the_whole_text():
    text = "First paragraph.\n\nSecond one. Third one."
    spans = [list(split_sentences(text, a, b)) for a, b in paragraphs(text)]
    assert [[text[a:b] for a, b in p] for p in spans] == [
        ["First paragraph."],
        ["Second one.", "Third one."],
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The ruling is quoted on p. 4 of the decision.",
        "See pp. 12–14 and Vol. 3 of the report.",
        "The talks began on Jan. 5 and ended in Feb. 2024.",
        "Troops arrived in Sept. 2023 near Kursk.",
        "The report (p. 4) by Prof. Lankov says so.",
        "Growth reached 2.5% in the U.K. last year.",
        "The U.S.-led coalition grew.",
    ],
)
def test_abbreviations_before_numbers_and_inside_words_do_not_break(text):
    assert sentences(text) == [text]


def test_an_abbreviation_does_not_swallow_the_next_sentence_after_a_time():
    assert sentences("Officials met at 5 p.m. Then they left.") == [
        "Officials met at 5 p.m.",
        "Then they left.",
    ]
