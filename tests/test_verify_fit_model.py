"""bench/fit_verdict_model.py: the logistic verdict experiment keeps the rules it must keep."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeaudit.verify.core import Assessment
from tests.support.scripts import load_script

pytest.importorskip("sklearn")  # a bench-only tool, not a dependency of citeaudit

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def fm():
    return load_script(BENCH / "fit_verdict_model.py")


def row(coverage: float, gold: str, caps: tuple[str, ...] = (),
        contradiction: str | None = None) -> dict:
    a = Assessment(coverage, coverage, caps, contradiction, statement_max=0.0,
                   passage=coverage)
    return {"assessment": a, "gold": gold, "label": "supported"}


def training_rows() -> list[dict]:
    # Coverage alone separates the three labels here, so any sane fit learns it.
    return [row(c / 100, "supported") for c in range(85, 100, 2)] + \
        [row(c / 100, "partially_supported") for c in range(50, 80, 4)] + \
        [row(c / 100, "not_supported") for c in range(5, 40, 5)]


def test_a_capped_claim_the_model_calls_supported_is_partially_supported(fm) -> None:
    model = fm.fit_model(training_rows(), 1.0, None)
    assert fm.model_label(row(0.97, "supported"), model) == "supported"
    capped = row(0.97, "supported", caps=("1921 is not stated in the source",))
    assert fm.model_label(capped, model) == "partially_supported"


def test_a_vetoed_claim_is_decided_by_the_rule_not_the_model(fm) -> None:
    model = fm.fit_model(training_rows(), 1.0, None)
    vetoed = row(0.97, "supported", contradiction="the claim says 12 but the source says 13")
    assert fm.model_label(vetoed, model) == "not_supported"  # contradicted, in 3-way terms


def test_the_fit_is_deterministic(fm) -> None:
    a = fm.fit_model(training_rows(), 1.0, "balanced")
    b = fm.fit_model(training_rows(), 1.0, "balanced")
    assert (a.coef_ == b.coef_).all() and (a.intercept_ == b.intercept_).all()
    assert fm.choose(training_rows()) == fm.choose(training_rows())
