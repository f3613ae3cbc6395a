"""Claims: the sentence each marker ends, its context, and checkable uncited sentences."""

from __future__ import annotations

import pytest

from citeaudit.claims import (
    MAX_CONTEXT_CHARS,
    Claim,
    checkable_signals,
    find_claims,
    strip_markers,
)


def test_each_marked_sentence_is_a_claim_with_its_notes_and_span():
    body = "Troops were promised.[2] Engineers will follow in July.[3]"
    claims = find_claims(body, {"2", "3"}).cited
    assert [(c.id, c.text, c.note_labels) for c in claims] == [
        ("c1", "Troops were promised.", ("2",)),
        ("c2", "Engineers will follow in July.", ("3",)),
    ]
    assert body[slice(*claims[1].span)] == "Engineers will follow in July.[3]"


def test_context_is_the_paragraph_before_the_claim():
    body = (
        "An opening paragraph.\n\n"
        "Shipments began in 2023. Officials confirmed them. Containers numbered 11,000.[4] "
        "Later sentences do not count.\n\nNext paragraph.[5]"
    )
    cited = find_claims(body, {"4", "5"}).cited
    assert cited[0].context == "Shipments began in 2023. Officials confirmed them."
    assert cited[1].context == ""


def test_context_holds_the_cited_sentences_before_the_claim_without_their_markers():
    # "He" and "the following year" are read from the sentence before, cited or not.
    body = "Smith founded the club in 1886.[1] He left it the following year.[2]"
    cited = find_claims(body, {"1", "2"}).cited
    assert cited[1].context == "Smith founded the club in 1886."


def test_context_keeps_the_last_whole_sentences_within_its_bound():
    sentences = [f"Sentence number {n} of a long paragraph is here." for n in range(200)]
    body = " ".join(sentences) + " The claim.[1]"
    (claim,) = find_claims(body, {"1"}).cited
    assert len(claim.context) <= MAX_CONTEXT_CHARS
    assert claim.context.endswith(sentences[-1])
    assert claim.context.startswith("Sentence number ")
    assert len(claim.context) > MAX_CONTEXT_CHARS - len(sentences[0]) - 1


def test_several_markers_in_one_sentence_tie_the_whole_sentence_once():
    body = "Russia received shells [2] and missiles.[3][2]"
    (claim,) = find_claims(body, {"2", "3"}).cited
    assert claim.note_labels == ("2", "3")
    assert claim.text == "Russia received shells and missiles."


def test_one_note_cited_twice_gives_two_claims():
    body = "The cap was set in 2022.[1] It was tightened in 2023.[1]"
    cited = find_claims(body, {"1"}).cited
    assert [c.note_labels for c in cited] == [("1",), ("1",)]
    assert [c.id for c in cited] == ["c1", "c2"]


def test_brackets_that_are_not_note_labels_are_text():
    body = "He wrote that [sic] the treaty was signed.[1]"
    (claim,) = find_claims(body, {"1"}).cited
    assert claim.text == "He wrote that [sic] the treaty was signed."
    assert strip_markers("A [b] c.[1]", {"1"}) == "A [b] c."


def test_a_known_marker_goes_with_the_spaces_before_it_and_an_unknown_one_stays():
    assert strip_markers("Ports grew \u00a0[1], then fell. [2][x]", {"1", "2"}) == (
        "Ports grew, then fell.[x]"
    )
    assert strip_markers("Ports [1-2]grew [1, 2] [9].", {"1", "2"}) == "Portsgrew [9]."
    assert strip_markers("No markers\n here.", {"1"}) == "No markers here."


def test_uncited_claims_name_their_signals():
    assert checkable_signals("Russia has over 10,000 North Korean troops there.") == ("number",)
    assert checkable_signals("The treaty was signed on June 18, 2024 in Pyongyang.") == ("date",)
    assert checkable_signals("Troops fought in Kursk on November 4.") == ("date",)
    assert checkable_signals("According to the Washington Post, shipments continue.") == ("source",)
    assert "quote" in checkable_signals("He said, “The government is monitoring this closely.”")
    assert checkable_signals("They are concerned that it could prolong the war.") == ()
    assert checkable_signals("The United States and NATO consider it a violation.") == ()
    assert checkable_signals("They could be used “like pawns” on the front line.") == ()


@pytest.mark.parametrize(
    ("sentence", "signals"),
    [
        ("The port was closed on 03/04/2024 by the mayor.", ("date",)),
        ("The port was closed on 2024-04-03 by the mayor.", ("date",)),
        ("The port has been closed since 1998 by the mayor.", ("date",)),
        ("In May the port closed on 2024-04-03 again.", ("date",)),
        ("The port has 1998 berths and more.", ("date",)),
        ("The port has 19,980 berths and more.", ("number",)),
    ],
)
def test_dates_in_figures_are_dates_with_or_without_a_month_name_beside_them(sentence, signals):
    # Without a month's name only the forms in figures are tried: they still count.
    assert checkable_signals(sentence) == signals


def test_number_words_count_in_any_case_and_dotted_capitals():
    assert checkable_signals("Officials counted two million ballots in the town.") == ("number",)
    assert checkable_signals("OFFICIALS COUNTED TWO MİLLİON BALLOTS IN THE TOWN.") == ("number",)
    assert checkable_signals("Officials counted two mıllıon ballots in the town.") == ("number",)
    assert checkable_signals("Turnout rose by ten Per Cent in the town.") == ("number",)
    assert checkable_signals("Two Thousand soldiers gathered in the square today.") == ("number",)
    assert checkable_signals("All of them will gather in the square today.") == ()


def test_essay_uncited_claims_are_the_checkable_sentences(data_dir):
    body = (data_dir / "essay-uncited.txt").read_text(encoding="utf-8")
    uncited = find_claims(body, set()).uncited
    texts = [c.text for c in uncited]
    expected_starts = [
        "In November 2024, Russia and North Korea signed",
        "The treaty is about a comprehensive strategic partnership and it was signed on June 18",
        "For example, in recent weeks, North Korea sent to Russia 50",
        "Since August 2023, North Korea has sent more than 13,000 containers",
        "The first North Korean troops were engaged in combat in the Kursk region",
        "Ukrainian President Volodymyr Zelensky said, “When the war reaches 1,000 days",
        "Russia currently has more than 10,000 North Korean troops",
        "“The government is monitoring with serious concern",
    ]
    for start in expected_starts:
        assert any(t.startswith(start) for t in texts), start
    assert "They are concerned that it could prolong the war." not in texts
    assert not any("could shift the balance of power" in t for t in texts)
    assert [c.id for c in uncited] == [f"u{i}" for i in range(1, len(uncited) + 1)]
    assert all(c.note_labels == () and c.signals for c in uncited)
    hayashi = next(c for c in uncited if "Hayashi" in c.text)
    assert set(hayashi.signals) >= {"quote", "source"}


def test_uncited_spans_point_into_the_body():
    body = "Opinion first.\n\nRussia sent 50 howitzers in October 2024."
    (claim,) = find_claims(body, set()).uncited
    assert body[slice(*claim.span)] == claim.text
    assert claim.signals == ("number", "date")


def test_claim_to_dict_matches_the_report_schema():
    claim = Claim(id="c1", text="A.", span=(0, 5), note_labels=("1",), context="B.")
    assert claim.to_dict() == {
        "id": "c1", "text": "A.", "span": [0, 5], "notes": ["1"], "context": "B.", "signals": [],
    }


def test_a_marker_after_a_closing_quote_ties_the_quoted_sentence():
    body = (
        "Putin called it “a breakthrough document.”[3] Kim agreed. "
        "He said “we stand together”.[4]"
    )
    cited = find_claims(body, {"3", "4"}).cited
    assert [(c.text, c.note_labels) for c in cited] == [
        ("Putin called it “a breakthrough document.”", ("3",)),
        ("He said “we stand together”.", ("4",)),
    ]
    assert cited[1].context == "Putin called it “a breakthrough document.” Kim agreed."


def test_abbreviations_keep_a_cited_sentence_whole():
    body = (
        "Dr. Kim testified before the U.S. Senate on Jan. 5, citing p. 4 of the report.[2] "
        "No one disputed it."
    )
    (claim,) = find_claims(body, {"2"}).cited
    assert claim.text == (
        "Dr. Kim testified before the U.S. Senate on Jan. 5, citing p. 4 of the report."
    )
    assert claim.context == ""
