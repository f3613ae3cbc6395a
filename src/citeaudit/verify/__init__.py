"""Claim verification: does the cited page say what the claim says?

``verify_claim(claim, source_text)`` returns a :class:`Verdict`; ``support_score``
is its cheap core for comparing many claims with many sources.  See
``docs/verification.md`` for the method and its measured accuracy.
"""

from __future__ import annotations

from .core import calibrated, support_score, verify_claim
from .language import detect_language
from .verdict import Check, CheckKind, Evidence, Label, Verdict

__all__ = [
    "Check",
    "CheckKind",
    "Evidence",
    "Label",
    "Verdict",
    "calibrated",
    "detect_language",
    "support_score",
    "verify_claim",
]
