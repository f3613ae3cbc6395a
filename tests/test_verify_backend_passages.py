"""The passages a model or LLM judge is shown: BM25+ over the page's sentences."""

from __future__ import annotations

import pytest

from citeaudit.verify.passages import top_passages

PAGE = "\n".join([
    "Harbour Weekly",
    "The ferry service to the island started in 1952.",
    "It was run by the county until 1980.",
    "Ticket prices rose twice in the 1970s.",
    "The lighthouse on the cape was automated in 1991.",
    "Its keeper, Ann Roe, moved to the mainland.",
    "The fish market opens at dawn on Saturdays.",
    "Parking near the quay is free after six.",
])


def test_each_passage_is_an_exact_slice_of_the_page() -> None:
    passages = top_passages("The lighthouse was automated in 1991.", PAGE, 3)
    assert passages  # an empty answer would make the slice check below vacuous
    for passage in passages:
        assert PAGE[passage.start:passage.end] == passage.text


def test_the_best_sentence_comes_with_its_neighbours() -> None:
    best = top_passages("The lighthouse was automated in 1991.", PAGE, 1)[0]
    assert best.text.splitlines() == [
        "Ticket prices rose twice in the 1970s.",
        "The lighthouse on the cape was automated in 1991.",
        "Its keeper, Ann Roe, moved to the mainland.",
    ]
    alone = top_passages("The lighthouse was automated in 1991.", PAGE, 1, window=0)[0]
    assert alone.text == "The lighthouse on the cape was automated in 1991."


def test_touching_passages_merge_and_the_best_comes_first() -> None:
    passages = top_passages("The ferry to the island was run by the county.", PAGE, 3)
    assert "The ferry service" in passages[0].text and "run by the county" in passages[0].text
    starts = [p.start for p in passages]
    assert len(set(starts)) == len(starts)
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)


def test_a_sentence_sharing_no_word_with_the_claim_is_never_shown() -> None:
    assert top_passages("Volcanic eruptions darkened Iceland's sky.", PAGE, 5) == []
    assert top_passages("Anything at all.", "", 5) == []


def test_a_short_page_still_gives_its_matching_sentence() -> None:
    page = "The match ended 2-1 in Rome.\nThe crowd went home."
    (passage,) = top_passages("The match in Rome ended 2-1.", page, 2, window=0)
    assert passage.text == "The match ended 2-1 in Rome."


def test_the_context_ranks_the_sentence_naming_the_subject_first() -> None:
    page = "Ann Roe left the island in 1990.\nBen Hall left the island in 1990."
    claim = "He left the island in 1990."
    assert top_passages(claim, page, 1, window=0)[0].text.startswith("Ann Roe")
    ranked = top_passages(claim, page, 1, window=0, context="Ben Hall ran the ferry.")
    assert ranked[0].text.startswith("Ben Hall")


def test_k_must_be_positive() -> None:
    with pytest.raises(ValueError, match="k >= 1"):
        top_passages("claim", PAGE, 0)


def test_passages_from_the_pages_index_are_those_of_the_page_split_anew():
    from citeaudit.verify.align import source_index

    index = source_index(PAGE)
    for claim, context in (("The lighthouse was automated in 1991.", None),
                           ("The ferry to the island was run by the county.", "Ben Hall."),
                           ("Volcanic eruptions darkened Iceland's sky.", None)):
        fresh = top_passages(claim, PAGE, 3, context=context)
        assert top_passages(claim, PAGE, 3, context=context, index=index) == fresh
        # Again, now with the ranker the first call kept for the page.
        assert top_passages(claim, PAGE, 3, context=context, index=index) == fresh


def test_an_index_of_another_text_is_not_used_for_the_passages():
    from citeaudit.verify.align import source_index

    other = source_index("The county ran the ferry until 1950. Nobody rode it after that.")
    claim = "The lighthouse was automated in 1991."
    assert top_passages(claim, PAGE, 2, index=other) == top_passages(claim, PAGE, 2)
