"""The shifted-notes stage: each weak sentence verified against its neighbours' pages."""

from __future__ import annotations

from collections.abc import Callable

from citeaudit.article import Article
from citeaudit.audit.model import _Text
from citeaudit.notes import Note
from citeaudit.report.model import ClaimReport
from citeaudit.shifts import Candidate, ShiftedRun, candidates, runs
from citeaudit.verify import Verdict
from citeaudit.workers import ClaimInput

VerifyPages = Callable[[list[tuple[_Text, tuple[ClaimInput, ...]]]], list[tuple[Verdict, ...]]]
"""Each page's verdicts on the claims asked of it, in the order asked."""


def shifted_runs(article: Article, targets: dict[str, Note], claims: list[ClaimReport],
                 pages: dict[str, _Text], verify_pages: VerifyPages) -> tuple[ShiftedRun, ...]:
    """Runs of shifted notes among the settled ``claims``, ``pages`` being each note's page."""
    order = [note.label for note in article.notes]
    source_of = {label: targets[label].label for label in order}
    pairs = candidates(order, source_of, claims, pages)
    by_note: dict[str, list[Candidate]] = {}
    for pair in pairs:
        by_note.setdefault(pair.note, []).append(pair)
    asks = [(pages[label], tuple(
        ClaimInput(p.claim.claim.id, p.claim.claim.text, p.claim.claim.context,
                   targets[label].publisher) for p in group))
            for label, group in by_note.items()]
    verified: list[tuple[Candidate, Verdict | None, str | None]] = []
    for (text, _), group, verdicts in zip(asks, by_note.values(), verify_pages(asks),
                                          strict=True):
        verified += [(p, v, text.url) for p, v in zip(group, verdicts, strict=True)]
    return runs(order, verified)
