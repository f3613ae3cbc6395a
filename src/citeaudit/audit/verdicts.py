"""Choosing among a claim's verdicts: the best single text, or its notes' pages together."""

from __future__ import annotations

import attrs

from citeaudit.audit.model import _Text
from citeaudit.claims import Claim
from citeaudit.report.model import ClaimReport
from citeaudit.verify.core import SourceDoc, verify_claim_sources
from citeaudit.verify.verdict import Label

_RANK = {
    Label.SUPPORTED: 4,
    Label.PARTIALLY_SUPPORTED: 3,
    Label.CONTRADICTED: 2,
    Label.NOT_FOUND: 1,
    Label.UNVERIFIABLE: 0,
}
"""Which verdict to report when a claim was verified against several texts."""



def judged_together(claim: Claim, best: ClaimReport, texts: list[_Text]) -> ClaimReport:
    """A claim citing several notes may be supported by their pages together, by no
    one of them alone: the combined verdict replaces the best single one if better."""
    assert best.verdict is not None
    if best.verdict.label is Label.SUPPORTED:
        return best
    docs = [SourceDoc(t.page.text, t.page.title, None, t.url, t.page.published)
            for t in texts]
    together = verify_claim_sources(claim.text, docs, context=claim.context or None)
    if _RANK[together.label] <= _RANK[best.verdict.label]:
        return best
    return attrs.evolve(best, verdict=together)
