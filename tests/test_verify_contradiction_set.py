"""The rules bench/contradiction_set.py derives its perturbed and mismatched sets by."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def cs():
    sys.path.insert(0, str(BENCH))
    try:
        import contradiction_set
        yield contradiction_set
    finally:
        sys.path.remove(str(BENCH))


PAGE = (
    "(meta data) TITLE: Harbour Lights festival closes\n"
    "The festival drew 42,000 visitors over three days in June 2019.\n"
    "On the final night the singer Mara Quist opened.\n"
    "The festival was first held in 1994 by Tomas Brand in Oslo.\n"
)


def record(claim: str, evidence: list[int], **extra) -> dict:
    return {"id": "r1", "claim": claim, "document": PAGE, "label": "supported",
            "evidence_sentence_indices_union": evidence, **extra}


def test_a_figure_becomes_one_the_page_does_not_state(cs) -> None:
    rec = record("The festival drew 42,000 visitors.", [1])
    out = cs.perturb_figure(rec["claim"], cs.evidence_lines(rec), PAGE)
    assert out == "The festival drew 55,000 visitors."


def test_a_day_of_a_date_is_not_taken_for_a_figure(cs) -> None:
    rec = record("The festival opened on June 12, 2019.", [1])
    assert cs.perturb_figure(rec["claim"], cs.evidence_lines(rec), PAGE) is None


def test_a_year_becomes_one_the_page_never_names(cs) -> None:
    rec = record("The festival was first held in 1994.", [3])
    out = cs.perturb_year(rec["claim"], cs.evidence_lines(rec), PAGE, with_month=False)
    assert out == "The festival was first held in 1995."


def test_a_name_is_swapped_for_another_name_of_the_page_or_of_the_list(cs) -> None:
    rec = record("The festival was first held in 1994 by Tomas Brand.", [3])
    ev = cs.evidence_lines(rec)
    assert cs.perturb_name(rec["claim"], ev, PAGE, from_page=True) == \
        "The festival was first held in 1994 by Mara Quist."
    assert cs.perturb_name(rec["claim"], ev, PAGE, from_page=False) == \
        "The festival was first held in 1994 by Margaret Holloway."


def test_a_claim_is_paired_with_the_nearest_topic_other_document(cs) -> None:
    recs = [
        {"id": "a", "claim": "The festival drew visitors.", "document": "page A",
         "label": "supported", "wiki_title": "Festival", "wiki_section": "History"},
        {"id": "b", "claim": "Mara Quist sang.", "document": "page B",
         "label": "supported", "wiki_title": "Quist", "wiki_section": "Career"},
        {"id": "c", "claim": "The festival moved.", "document": "page C",
         "label": "supported", "wiki_title": "Festival", "wiki_section": "History"},
    ]
    pairs = {r["base_id"]: r["document"] for r in cs.mismatched_set(recs)}
    assert pairs == {"a": "page C", "b": "page C", "c": "page A"}
