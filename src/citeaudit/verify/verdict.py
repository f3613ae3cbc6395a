"""The verifier's result: a label, a calibrated score, evidence passages and named checks."""

from __future__ import annotations

import enum
from typing import Any

import attrs


class Label(enum.StrEnum):
    """How well the cited page supports the claim."""

    SUPPORTED = "supported"
    """Every content unit of the claim is found in the page and nothing contradicts it."""
    PARTIALLY_SUPPORTED = "partially_supported"
    """Some of the claim's facts are found, others are missing."""
    NOT_FOUND = "not_found"
    """The page does not say what the claim says (little of it is found)."""
    CONTRADICTED = "contradicted"
    """The page states a different number, date or wording for the same fact."""
    UNVERIFIABLE = "unverifiable"
    """The page cannot be compared lexically: empty, too short, or in another language."""


class CheckKind(enum.StrEnum):
    """What a :class:`Check` tested."""

    QUOTE = "quote"
    NUMBER = "number"
    DATE = "date"
    ENTITY = "entity"
    ATTRIBUTION = "attribution"
    COVERAGE = "coverage"
    LANGUAGE = "language"
    SOURCE = "source"
    SEMANTIC = "semantic"


@attrs.frozen
class Evidence:
    """A passage of the source (one or more adjacent sentences) that bears on the claim."""

    text: str
    """Exactly ``source_text[start:end]``."""
    start: int
    end: int
    score: float
    """Share of the claim's content units this passage contains, in [0, 1]."""
    source: int = 0
    """Which cited page the passage is from: an index into the pages given to
    :func:`citeaudit.verify.core.verify_claim_sources` (always 0 for ``verify_claim``)."""

    def to_dict(self) -> dict[str, Any]:
        """The passage as in the ``evidence`` list of the report schema."""
        return {"text": self.text, "score": round(self.score, 4), "start": self.start,
                "end": self.end}


@attrs.frozen
class Check:
    """One named test the verifier ran, and what it found."""

    kind: CheckKind
    ok: bool
    """False when the check found a problem (a misquote, a different number, a missing name)."""
    detail: str
    """One readable sentence saying what was compared and what was found."""

    def to_dict(self) -> dict[str, Any]:
        """The check as in the ``checks`` list of the report schema."""
        return {"kind": self.kind.value, "ok": self.ok, "detail": self.detail}


@attrs.frozen
class Verdict:
    """What :func:`citeaudit.verify_claim` concluded about one claim and one source."""

    label: Label
    score: float
    """Calibrated confidence that the source supports the claim, in [0, 1]."""
    evidence: tuple[Evidence, ...] = ()
    """Best passages first."""
    checks: tuple[Check, ...] = ()
    reason: str = ""
    """One line explaining the label."""
    coverage: float = 0.0
    """Weighted share of the claim's content units found in the evidence (before checks)."""

    @property
    def failed_checks(self) -> tuple[Check, ...]:
        """The checks that found a problem."""
        return tuple(c for c in self.checks if not c.ok)

    def to_dict(self) -> dict[str, Any]:
        """The claim-verdict fields of the ``citeaudit/report/v1`` JSON schema."""
        return {
            "verdict": self.label.value,
            "score": round(self.score, 4),
            "reason": self.reason,
            "coverage": round(self.coverage, 4),
            "evidence": [e.to_dict() for e in self.evidence],
            "checks": [c.to_dict() for c in self.checks],
        }
