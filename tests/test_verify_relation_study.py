"""bench/relation_study.py: the studied cap fires where the relation is away from its
arguments, and not where one passage states them together (the figures in
docs/verification.md rest on it)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.support.scripts import load_script

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def rs():
    return load_script(BENCH / "relation_study.py")


def options(**kw) -> argparse.Namespace:
    base = {"words": "verb", "arguments": "all", "window": 1, "no_title": False}
    return argparse.Namespace(**{**base, **kw})


# A page on the film that names both people and uses the verb, never of them together.
APART = ("The film was directed by Dean Harlow and produced in Toronto over two years.\n"
         "Its score was recorded with a full orchestra in a converted church.\n"
         "Critics praised the animation and the pacing of the second half.\n"
         "Marta Quell won the award for best editing at the festival.\n"
         "The festival itself was held in Lisbon that autumn.\n"
         "Oskar Brandt appears in a small part as a ferryman.")
TOGETHER = ("The film was directed by Dean Harlow and produced in Toronto over two years.\n"
            "Oskar Brandt won the award for best editing, ahead of Marta Quell.\n"
            "The festival itself was held in Lisbon that autumn.")


def record(claim: str, page: str) -> dict:
    return {"claim": claim, "document": page, "label": "not_supported"}


def test_relation_word_is_a_verb_not_a_name_or_a_noun_only(rs):
    from citeaudit.verify.units import claim_units
    units = {u.text: u for u in claim_units("Brandt won the award in Lisbon", [(0, 6)])}
    assert rs.relation_word(units["won"], "verb")
    assert not rs.relation_word(units["Brandt"], "verb")  # a name's word
    assert rs.argument(units["Brandt"], "all")
    assert not rs.argument(units["won"], "all")


def test_verb_stated_only_away_from_the_claimed_winner_caps(rs):
    detail = rs.relation_cap(record("Oskar Brandt won the award for best editing.", APART),
                             options())
    assert detail is not None and "won" in detail


def test_verb_stated_in_the_winners_own_sentence_does_not_cap(rs):
    assert rs.relation_cap(record("Oskar Brandt won the award for best editing.", TOGETHER),
                           options()) is None


def test_the_next_sentence_counts_as_the_same_place(rs):
    page = ("The film was shot in Toronto over two years.\nOskar Brandt grew up in Aarhus.\n"
            "He won the award for best editing that year.\nThe festival was held in Lisbon.")
    claim = "Oskar Brandt won the award for best editing."
    assert rs.relation_cap(record(claim, page), options()) is None
    assert rs.relation_cap(record(claim, page), options(window=0)) is not None


def test_a_name_in_the_opening_title_line_counts_in_every_sentence(rs):
    page = ("(meta data) TITLE: Oskar Brandt\n"
            "The film was shot in Toronto over two years.\n"
            "Critics praised the animation and the pacing of the second half.\n"
            "Brandt won the award for best editing at the festival.")
    claim = "Oskar Brandt won the award for best editing."
    assert rs.relation_cap(record(claim, page), options()) is None
    assert rs.relation_cap(record(claim, page), options(no_title=True)) is not None
