"""The shifted-notes rule on its own: which pairs count as evidence, and how pairs form runs."""

from __future__ import annotations

import pytest

from citeaudit.claims import Claim
from citeaudit.report.model import ClaimReport
from citeaudit.shifts import SHIFT_MARGIN, candidates, fits_better, runs
from citeaudit.verify.verdict import Label, Verdict


def _v(label: Label, coverage: float) -> Verdict:
    return Verdict(label, coverage, coverage=coverage)


NOT_FOUND = _v(Label.NOT_FOUND, 0.1)
SUPPORTED = _v(Label.SUPPORTED, 0.95)


def test_the_margin_is_one_verdict_step_and_the_misplaced_note_margin():
    # A pair of a run must be as strong as the misplaced_note finding it replaces.
    from citeaudit.findings import MISPLACED_MARGIN

    assert pytest.approx(MISPLACED_MARGIN) == SHIFT_MARGIN
    below = _v(Label.PARTIALLY_SUPPORTED, 0.55)
    assert not fits_better(below, _v(Label.SUPPORTED, 0.55 + SHIFT_MARGIN - 0.01))
    assert fits_better(below, _v(Label.SUPPORTED, 0.55 + SHIFT_MARGIN + 0.01))


def test_a_neighbour_that_states_what_the_own_page_does_not_is_evidence():
    assert fits_better(NOT_FOUND, SUPPORTED)
    assert fits_better(NOT_FOUND, _v(Label.PARTIALLY_SUPPORTED, 0.6))


def test_a_neighbour_only_a_little_better_is_no_evidence():
    assert not fits_better(_v(Label.PARTIALLY_SUPPORTED, 0.6), _v(Label.PARTIALLY_SUPPORTED, 0.8))
    assert not fits_better(NOT_FOUND, _v(Label.NOT_FOUND, 0.45))


def test_own_verdicts_that_say_nothing_of_a_shift_are_never_evidence():
    for own in (None, _v(Label.UNVERIFIABLE, 0.0), _v(Label.CONTRADICTED, 0.7),
                _v(Label.SUPPORTED, 0.9)):
        assert not fits_better(own, SUPPORTED)
    assert not fits_better(NOT_FOUND, None)


def _claims(n: int) -> list[ClaimReport]:
    return [ClaimReport(Claim(f"c{i}", f"sentence {i}", (0, 0), (str(i),)), NOT_FOUND)
            for i in range(1, n + 1)]


def _verified(claims, fitting: set[tuple[str, str]], order, source_of=None):
    source_of = source_of or {label: label for label in order}
    pairs = candidates(order, source_of, claims, set(order))
    return [(p, SUPPORTED if (p.note, p.cited) in fitting else NOT_FOUND, None) for p in pairs]


def test_pairs_at_one_offset_form_a_run_and_a_gap_splits_it():
    order = [str(i) for i in range(1, 8)]
    fitting = {("1", "2"), ("2", "3"), ("4", "5"), ("5", "6")}
    found = runs(order, _verified(_claims(7), fitting, order))
    assert [[(p.note, p.cited) for p in r.pairs] for r in found] == [
        [("1", "2"), ("2", "3")], [("4", "5"), ("5", "6")]]


def test_a_lone_pair_is_no_run():
    order = [str(i) for i in range(1, 6)]
    assert runs(order, _verified(_claims(5), {("1", "2"), ("3", "4")}, order)) == ()


def test_an_ibid_pair_compares_a_page_with_itself_and_breaks_the_run():
    order = ["1", "2", "3", "4"]
    source_of = {"1": "a", "2": "b", "3": "b", "4": "c"}  # note 3 is Ibid. of note 2
    pairs = candidates(order, source_of, _claims(4), set(order))
    assert ("2", "3") not in {(p.note, p.cited) for p in pairs}


def test_a_sentence_belongs_to_one_run_the_longer_one():
    order = [str(i) for i in range(1, 7)]
    fitting = {("1", "2"), ("2", "3"), ("3", "4"), ("5", "4"), ("6", "5")}
    [run] = runs(order, _verified(_claims(6), fitting, order))
    assert (run.offset, run.first, run.last) == (1, "1", "4")
