"""Matching an article's sentences against a pool: retrieval first, then the verifier.

Every checkable sentence (cited claims and uncited ones, as
:func:`citeaudit.claims.find_claims` found them) is offered the ``k`` pool pages
:class:`~citeaudit.pool.index.PoolIndex` ranks first, and the run's verifier
judges it against each — page by page, so a page is prepared once for all the
sentences offered it.  Only clear verdicts are kept: a page that **supports**
the sentence, or one that **contradicts** it (the verifier's veto, or the same
count for the same parties with another figure, :mod:`.figures`).  A partial
or not-found verdict against a page the author never cited says nothing.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Sequence

from citeaudit import workers
from citeaudit.article import Article
from citeaudit.claims import Claim
from citeaudit.extract import PageText
from citeaudit.verify import Verdict
from citeaudit.verify.backend import VerifierChoice
from citeaudit.verify.verdict import Label
from citeaudit.workers import ClaimInput

from .figures import counted_conflict
from .index import PoolIndex
from .model import PoolMatch, PoolPage, PoolReport, Stance
from .sources import SourcePool

TOP_PAGES = 3
"""Pool pages each sentence is verified against (the best-retrieved ones).

Measured with ``bench/pool_eval.py`` (WiCE dev, its 372 cited pages as one pool,
5 folds): the claim's own page is offered 80–87 % of the time with 1 page, 90–94 %
with 3, 90–96 % with 5, while the share of support findings that name the own page
of a claim its annotators call (partly) supported falls from 0.95 (0.87–1.00 over
folds) to 0.92 (0.87–0.97) and 0.90 (0.83–0.96); 1 page also raised a contradiction
against a supported claim, whose own page it had not offered.  3 keeps most of the
recall at a cost of three verifier calls a sentence."""


def sentences_of(article: Article) -> tuple[Claim, ...]:
    """The sentences matched against a pool: cited claims, then uncited ones."""
    return (*article.claims, *article.uncited)


def match_article(article: Article, pool: SourcePool, *,
                  verifier: VerifierChoice | None = None,
                  work: concurrent.futures.Executor | None = None,
                  k: int = TOP_PAGES,
                  progress: Callable[[int, int], None] | None = None) -> PoolReport:
    """Every clear match between the article's sentences and the pool's pages."""
    claims = sentences_of(article)
    matches = match_claims(claims, pool.pages, verifier=verifier, work=work, k=k,
                           progress=progress)
    return PoolReport(pool.pages, pool.unread, matches, sentences=len(claims))


def match_claims(claims: Sequence[Claim], pages: tuple[PoolPage, ...], *,
                 verifier: VerifierChoice | None = None,
                 work: concurrent.futures.Executor | None = None,
                 k: int = TOP_PAGES,
                 progress: Callable[[int, int], None] | None = None) -> tuple[PoolMatch, ...]:
    """The clear matches of ``claims`` among ``pages`` (see the module docstring);
    ``progress(done, total)`` is called as each offered page is judged."""
    if not claims or not pages:
        return ()
    index = PoolIndex(pages)
    offered: dict[int, list[Claim]] = {}
    for claim in claims:
        for hit in index.search(claim.text, k):
            offered.setdefault(hit.page, []).append(claim)
    calls = [(_page_text(pages[p]), pages[p].url,
              tuple(ClaimInput(c.id, c.text, c.context) for c in offered[p]), verifier)
             for p in offered]
    judged = workers.side_by_side(work or workers.executor(), workers.verify_page, calls)
    order = {c.id: i for i, c in enumerate(claims)}
    matches: list[PoolMatch] = []
    for done, (p, verdicts) in enumerate(zip(offered, judged, strict=True), 1):
        if progress is not None:
            progress(done, len(calls))
        for claim, verdict in zip(offered[p], verdicts, strict=True):
            found = judge(claim, p, pages[p], verdict)
            if found is not None:
                matches.append(found)
    matches.sort(key=lambda m: (order[m.claim], m.stance is not Stance.SUPPORTS, -m.score))
    return tuple(matches)


def judge(claim: Claim, index: int, page: PoolPage, verdict: Verdict) -> PoolMatch | None:
    """The clear match, if any, that ``verdict`` on ``page`` makes for ``claim``."""
    passage = verdict.evidence[0].text if verdict.evidence else ""
    if verdict.label is Label.SUPPORTED:
        return PoolMatch(claim.id, index, page.url, Stance.SUPPORTS, passage, verdict.reason,
                         verdict.score)
    if verdict.label is Label.CONTRADICTED:
        return PoolMatch(claim.id, index, page.url, Stance.CONTRADICTS, passage,
                         verdict.reason, verdict.score)
    if verdict.label is Label.UNVERIFIABLE:
        return None  # another language, too short: not compared, so nothing either way
    conflict = counted_conflict(claim.text, page.text)
    if conflict is None:
        return None
    return PoolMatch(claim.id, index, page.url, Stance.CONTRADICTS, conflict.passage,
                     "the source states it differently: " + conflict.detail, verdict.score)


def _page_text(page: PoolPage) -> PageText:
    return PageText(page.title, page.text, None, page.published, "text/plain", None)
