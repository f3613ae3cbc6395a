"""Claim verification: does the cited page say what the claim says?

``verify_claim(claim, source_text)`` returns a :class:`Verdict`;
``verify_claim_sources(claim, [SourceDoc(...), ...])`` judges a claim against all
the pages it cites together; ``support_score`` is the cheap core for comparing
many claims with many sources.  See
``docs/verification.md`` for the method and its measured accuracy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from citeaudit._lazy import exports

if TYPE_CHECKING:
    from .core import SourceDoc, calibrated, support_score, verify_claim, verify_claim_sources
    from .language import detect_language
    from .verdict import Check, CheckKind, Evidence, Label, Verdict

_HOMES = {
    "Check": "citeaudit.verify.verdict",
    "CheckKind": "citeaudit.verify.verdict",
    "Evidence": "citeaudit.verify.verdict",
    "Label": "citeaudit.verify.verdict",
    "SourceDoc": "citeaudit.verify.core",
    "Verdict": "citeaudit.verify.verdict",
    "calibrated": "citeaudit.verify.core",
    "detect_language": "citeaudit.verify.language",
    "support_score": "citeaudit.verify.core",
    "verify_claim": "citeaudit.verify.core",
    "verify_claim_sources": "citeaudit.verify.core",
}
__getattr__, __dir__ = exports(__name__, globals(), _HOMES)

__all__ = [
    "Check",
    "CheckKind",
    "Evidence",
    "Label",
    "SourceDoc",
    "Verdict",
    "calibrated",
    "detect_language",
    "support_score",
    "verify_claim",
    "verify_claim_sources",
]
