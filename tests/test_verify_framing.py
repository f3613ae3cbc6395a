"""The words that frame a claim (connectives, stance frames) are not looked for on the page."""

from __future__ import annotations

from citeaudit.verify import Label, verify_claim
from citeaudit.verify.framing import frame_spans

PAGE = ("Silica fume is added to concrete mixes on large projects. "
        "It improves the bond between the concrete and the reinforcement, so the slab is less "
        "likely to crack. Engineers have used it since the 1980s.")


def spans_text(claim: str) -> list[str]:
    return [claim[s:e] for s, e in frame_spans(claim)]


def test_an_opening_connective_and_a_stance_frame_are_framing() -> None:
    claim = "However, it is essential to consider the time clinical trials take."
    assert spans_text(claim) == ["However, ", "it is essential to consider "]
    assert spans_text("It's important also to bear in mind, the yarn shapes the finish.") == [
        "It's important also to bear in mind, "]
    assert spans_text("It is also worth considering that stocks fall.") == [
        "It is also worth considering that "]
    assert spans_text("In terms of cost, steel is dearer.") == ["In terms of"]


def test_an_importance_the_claim_asserts_is_not_framing() -> None:
    # No cognition verb: "important" is said of the act, and a page may or may not say it.
    assert frame_spans("It is important to address the situation by offering support.") == []
    # A connective inside the sentence is a word of the fact ("additionally holds").
    assert frame_spans("The museum additionally holds coins, and later bought a mill.") == []


def test_a_claim_opening_with_a_connective_is_supported_by_the_plain_statement() -> None:
    v = verify_claim("Additionally, it improves the bond between the concrete and the "
                     "reinforcement.", PAGE)
    assert v.label is Label.SUPPORTED, v.reason
    plain = verify_claim("It improves the bond between the concrete and the reinforcement.",
                         PAGE)
    assert v.coverage == plain.coverage


def test_framing_words_never_lift_a_claim_the_page_does_not_state() -> None:
    v = verify_claim("Additionally, it is worth noting that silica fume doubles the price of "
                     "the steel.", PAGE)
    assert v.label is not Label.SUPPORTED, v.reason


def test_note_markers_are_not_figures() -> None:
    page = "Dark matter is not anti-matter. It is not in the form of stars and planets."
    for claim in ("Dark matter is not anti-matter [4].", "Dark matter is not anti-matter.[4][5]",
                  "Dark matter is not anti-matter.[a]", "Dark matter is not anti-matter "
                  "[citation needed]."):
        v = verify_claim(claim, page)
        assert v.label is Label.SUPPORTED, (claim, v.reason)
        assert all(c.ok for c in v.checks), claim


def test_a_figure_in_the_sentence_is_still_a_figure() -> None:
    page = "Dark matter is not anti-matter. It is not in the form of stars and planets."
    v = verify_claim("Dark matter is not in the form of 4 stars [4].", page)
    assert v.label is not Label.SUPPORTED
    assert any(not c.ok and c.detail == "4 is not stated in the source" for c in v.checks)
