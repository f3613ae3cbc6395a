"""The ``model:wordllama`` backend: the WordLlama sentence model its PyPI wheel ships.

``pip install 'citeaudit[wordllama]'`` installs ``wordllama`` (MIT), whose wheel holds
the trained weights (``wordllama/weights/l2_supercat_256.safetensors``, a 32,000 × 256
token-embedding table distilled from Llama 2) and its tokenizer.  It needs no torch: a
text's vector is the mean of its tokens' vectors, so one claim costs a few
tokenizations and a small matrix product.

It is a sentence embedder, not an NLI model: the cosine of two vectors says how alike
two texts are in topic and wording, not whether one entails the other.  So it only
nudges the lexical support measure (``verify_claim(..., semantic=scorer)``), and every
lexical cap and veto (figures, dates, quotations, names, negation) still applies.

The weights are loaded from the installed package by path.  ``WordLlama.load()`` is not
used: in 0.4.0 it looks for the bundled tokenizer in a folder that does not exist
(``tokenizer/`` for ``tokenizers/``) and would then download it from Hugging Face.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from ..errors import VerifyError

NAME = "wordllama"
"""The model name of this backend in a spec (``model:wordllama``)."""
WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
TENSOR = "embedding.weight"

MISSING = "the model:wordllama backend needs the 'wordllama' extra: " \
          "pip install 'citeaudit[wordllama]'"

# How a cosine becomes a score (see Calibration): chosen by 5-fold cross-validation for
# macro-F1 on the tuning part of WiCE dev (the hash-chosen aside quarter left out), with
# the lexical thresholds fixed; per-fold choices and their spread are in
# docs/verification-backends.md, reproduced by
# ``bench/fit_model_calibration.py DEV`` (floor and ceiling on a 0.05 grid).
COSINE_FLOOR = 0.10
"""A passage this little like the claim (or less) scores 0."""
COSINE_CEILING = 0.75
"""A passage this like the claim (or more) scores 1."""


@attrs.frozen
class Calibration:
    """A straight line from cosine to score: ``floor`` → 0, ``ceiling`` → 1, clipped.

    A page's best passage is rarely unlike the claim it is cited for (on WiCE dev the best
    cosine averages 0.44 even for unsupported claims, 0.64 for supported ones), so the raw
    cosine would read as partial support for anything; the line spreads the band where
    claims differ over [0, 1].
    """

    floor: float = COSINE_FLOOR
    ceiling: float = COSINE_CEILING

    def __attrs_post_init__(self) -> None:
        if not self.floor < self.ceiling:
            raise VerifyError(f"a cosine calibration needs floor < ceiling, not "
                              f"{self.floor} and {self.ceiling}")

    def __call__(self, cosine: float) -> float:
        """The score of one cosine."""
        return float(min(1.0, max(0.0, (cosine - self.floor) / (self.ceiling - self.floor))))


def package_root() -> Path | None:
    """Where the installed ``wordllama`` package lives, or None when it is not installed."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def available() -> bool:
    """Whether the ``wordllama`` extra is installed."""
    return package_root() is not None


def model_files() -> tuple[Path, Path]:
    """The bundled weights and tokenizer; raises :class:`VerifyError` naming what is missing."""
    root = package_root()
    if root is None:
        raise VerifyError(MISSING)
    weights, tokenizer = root / WEIGHTS, root / TOKENIZER
    for path in (weights, tokenizer):
        if not path.is_file():
            raise VerifyError(f"the installed wordllama package lacks its bundled model "
                              f"file {path}: reinstall it (pip install --force-reinstall "
                              f"wordllama)")
    return weights, tokenizer


def _import_inference() -> Any:
    """``wordllama.inference``, imported without letting it configure the root logger.

    The module calls ``logging.basicConfig(level=INFO)`` on import, which would make every
    library's INFO lines appear on the user's terminal; ``basicConfig`` does nothing when
    the root logger already has a handler, so a placeholder is held there meanwhile.
    """
    root = logging.getLogger()
    placeholder = logging.NullHandler()
    level = root.level
    root.addHandler(placeholder)
    try:
        from wordllama import inference
    finally:
        root.removeHandler(placeholder)
        root.setLevel(level)
    return inference


@functools.cache
def _model() -> Any:
    """The bundled model, loaded once per process."""
    weights, tokenizer_file = model_files()
    try:
        inference = _import_inference()
        from safetensors import safe_open
        from tokenizers import Tokenizer

        with safe_open(str(weights), framework="np") as handle:
            table = handle.get_tensor(TENSOR)
        return inference.WordLlamaInference(table, Tokenizer.from_file(str(tokenizer_file)))
    except ImportError as exc:
        raise VerifyError(f"{MISSING} ({exc})") from exc
    except Exception as exc:  # safetensors and tokenizers raise their own kinds
        raise VerifyError(f"cannot load the wordllama model from {weights}: {exc}") from exc


class WordLlamaScorer:
    """Scores passages by the calibrated cosine of their WordLlama vectors with the claim's."""

    def __init__(self, calibration: Calibration = Calibration()) -> None:
        self.name = NAME
        self.calibration = calibration
        self._model = _model()

    def cosines(self, claim: str, passages: Sequence[str]) -> list[float]:
        """The raw cosine of the claim with each passage (0 for a text with no tokens)."""
        if not passages:
            return []
        vectors = self._model.embed([claim, *passages], norm=False)
        norms = np.linalg.norm(vectors, axis=1)
        # A text of no tokens pools to a zero (or NaN) vector: it states nothing.
        ok = np.isfinite(norms) & (norms > 0)
        unit = np.zeros_like(vectors)
        unit[ok] = vectors[ok] / norms[ok, None]
        return [float(s) for s in unit[1:] @ unit[0]]

    def score(self, claim: str, passages: Sequence[str]) -> list[float]:
        """One score in [0, 1] per passage: how like the claim it is, calibrated."""
        return [self.calibration(c) for c in self.cosines(claim, passages)]


def load_wordllama(calibration: Calibration = Calibration()) -> WordLlamaScorer:
    """The ``model:wordllama`` scorer; raises :class:`VerifyError` if the extra is missing."""
    return WordLlamaScorer(calibration)
