"""The claim sets under bench/data are what their READMEs say they are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"


@pytest.fixture(scope="module")
def ve():
    return load_script(ROOT / "bench" / "verify_eval.py")


def records(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines()
            if line.strip()]


@pytest.mark.parametrize("name, labels", [
    ("wice_train_partial.jsonl", {"partially_supported"}),
    ("expertqa_claims.jsonl", {"supported", "not_supported"}),
    ("attrbench_claims.jsonl", {"supported", "not_supported"}),
    ("gensearch_claims.jsonl", {"supported", "not_supported"}),
])
def test_each_claim_set_has_unique_ids_known_labels_and_text(name, labels) -> None:
    recs = records(name)
    assert len({r["id"] for r in recs}) == len(recs)
    assert {r["label"] for r in recs} == labels
    assert all(r["claim"].strip() and r["document"].strip() for r in recs)


def attribution_set(name: str, prefix: str, size: int, supported: int) -> list[dict]:
    """The records of an AttributionBench-derived binary set, checked for what its README says:
    how many, how many supported, whose ids, and the label mapping."""
    recs = records(name)
    assert (len(recs), sum(r["label"] == "supported" for r in recs)) == (size, supported)
    for r in recs:
        assert r["id"].startswith(prefix)
        assert r["label"] == ("supported" if r["attribution_label"] == "attributable"
                              else "not_supported")
    return recs


def aside_part(ve, recs: list[dict]) -> tuple[int, int]:
    """(claims, supported claims) of the quarter held aside by the ids' hash."""
    aside = [r for r in recs if ve.held_aside(r["id"], 0.25)]
    return len(aside), sum(r["label"] == "supported" for r in aside)


def test_the_attributedqa_set_is_question_and_answer_against_one_wikipedia_passage(ve) -> None:
    recs = attribution_set("attrbench_claims.jsonl", "AttributedQA_", 71, 36)
    for r in recs:
        q = r["question"]
        assert r["claim"] == f"{q[0].upper()}{q[1:]}? {r['answer']}"
        # One page, named by its title line; the passage is at most 2,500 characters.
        pages = ve.split_pages(r["document"])
        assert len(pages) == 1 and r["document"].startswith("(meta data) TITLE: ")
        assert len(r["document"].split("\n")[-1]) <= 2500
    # The held-aside quarter the README names: fixed by the ids' hash, 8 supported of 17.
    assert aside_part(ve, recs) == (17, 8)


def test_the_gensearch_set_is_a_search_engine_sentence_against_the_passage_it_cites(ve) -> None:
    recs = attribution_set("gensearch_claims.jsonl", "AttrScore-GenSearch_", 114, 60)
    for r in recs:
        # One untitled passage of at most 2,500 characters; the question is not shown.
        assert ve.split_pages(r["document"]) == [(0, r["document"], None, None)]
        assert "\n" not in r["document"] and len(r["document"]) <= 2500
        assert r["claim_context"] == "" and r["question"].strip()
    # The held-aside quarter the README names: fixed by the ids' hash, 18 supported of 28
    # (16 of 23 among the first 84 records).
    assert aside_part(ve, recs) == (28, 18)
    assert aside_part(ve, recs[:84]) == (23, 16)
