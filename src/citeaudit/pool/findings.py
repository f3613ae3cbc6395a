"""From pool matches to findings: cite this page, a better source, the sources disagree.

* an **uncited** sentence a pool page supports: ``supported_by_source``, which
  replaces its ``uncited_claim`` ("cite this page");
* a **cited** sentence its own source fails (not found, contradicted, or no
  verdict because its link is dead) that a pool page supports:
  ``better_source_available``;
* a sentence a pool page contradicts, and that neither its own source nor any
  pool page supports: ``contradicted_by_source``, one per contradicting page,
  naming the page and passage.

A sentence no pool page clearly supports keeps its ``uncited_claim``.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from citeaudit.article import Article
from citeaudit.findings import DEAD, NETWORK_FAILURES
from citeaudit.report.model import ClaimReport, Finding, FindingKind, NoteReport
from citeaudit.verify.verdict import Label

from .model import PoolMatch, PoolReport, Stance

FAILED = frozenset({Label.NOT_FOUND, Label.CONTRADICTED})
"""Verdicts of a claim's own source that a pool page's support improves on."""


def with_pool(claims: Sequence[ClaimReport], pool: PoolReport) -> tuple[ClaimReport, ...]:
    """The claim reports with their pool matches attached."""
    return tuple(attrs.evolve(c, pool_matches=pool.for_claim(c.claim.id)) for c in claims)


def pool_findings(findings: Sequence[Finding], article: Article, notes: Sequence[NoteReport],
                  claims: Sequence[ClaimReport], pool: PoolReport, *,
                  offline: bool = False) -> list[Finding]:
    """``findings`` with the pool's findings added, each after its sentence's own.

    ``offline``: the network itself was unreachable (as for
    :func:`citeaudit.findings.find_problems`), so a link that could not be
    resolved says nothing about its page: it makes no source "fail".
    """
    by_claim: dict[str, list[Finding]] = {}
    uncited = {u.id for u in article.uncited}
    reports = {c.claim.id: c for c in claims}
    for claim in (*article.claims, *article.uncited):
        matches = pool.for_claim(claim.id)
        report = reports.get(claim.id)
        own = _own_urls(report, notes)
        supports = [m for m in matches if m.stance is Stance.SUPPORTS
                    and not _own_page(m, own)]
        found: list[Finding] = []
        if supports and claim.id in uncited:
            found.append(_supported(supports[0], pool))
        # A misplaced note already names the article's own better source: no second finding.
        elif (supports and report is not None and report.better_note is None
              and _source_fails(report, notes, offline=offline)):
            found.append(_better(supports[0], report, pool))
        own_supports = report is not None and report.verdict is not None and (
            report.verdict.label is Label.SUPPORTED)
        # The claim's own page contradicting it is its own ``contradicted`` finding already.
        against = [m for m in matches if m.stance is Stance.CONTRADICTS
                   and not _own_page(m, own)]
        if against and not supports and not own_supports:
            found += [_contradicted(m, report, pool) for m in against]
        if found:
            by_claim[claim.id] = found
    out: list[Finding] = []
    for finding in findings:
        mine = by_claim.get(finding.claim or "", [])
        replaced = finding.kind is FindingKind.UNCITED_CLAIM and any(
            f.kind is FindingKind.SUPPORTED_BY_SOURCE for f in mine)
        if not replaced:
            out.append(finding)
    placed: set[str] = set()
    for i in range(len(out) - 1, -1, -1):
        claim_id = out[i].claim
        if claim_id in by_claim and claim_id not in placed:
            out[i + 1:i + 1] = by_claim[claim_id]
            placed.add(claim_id)
    for claim_id, found in by_claim.items():
        if claim_id not in placed:
            out += found
    return out


def _own_urls(report: ClaimReport | None, notes: Sequence[NoteReport]) -> list[str]:
    """The pages a claim cites: its notes' URLs and the page its verdict rests on."""
    if report is None:
        return []
    cited = set(report.claim.note_labels)
    urls = [link.url for n in notes if n.note.label in cited for link in n.links]
    return urls + ([report.url] if report.url else [])


def _own_page(match: PoolMatch, own: Sequence[str]) -> bool:
    """Whether the pool page is a page the claim already cites, or an archived copy of one."""
    a = _bare(match.url)
    return any(a == b or a.endswith(b) or b.endswith(a) for b in map(_bare, own))


def _bare(url: str) -> str:
    return url.split("#")[0].split("://", 1)[-1].removeprefix("www.").rstrip("/")


def _source_fails(report: ClaimReport, notes: Sequence[NoteReport], *, offline: bool) -> bool:
    if report.verdict is not None:
        return report.verdict.label in FAILED
    cited = set(report.claim.note_labels)
    dead = DEAD - NETWORK_FAILURES if offline else DEAD
    return any(link.result.outcome in dead for n in notes if n.note.label in cited
               for link in n.links)


def _page_name(match: PoolMatch, pool: PoolReport) -> str:
    page = pool.page(match)
    return f"{_quote(page.title)} ({match.url})" if page.title else match.url


def _supported(match: PoolMatch, pool: PoolReport) -> Finding:
    return Finding(
        FindingKind.SUPPORTED_BY_SOURCE,
        f"uncited, but the pool page {_page_name(match, pool)} states it: "
        f"{_quote(match.passage, 160)}",
        f"cite this page: {match.url}",
        claim=match.claim, url=match.url,
    )


def _better(match: PoolMatch, report: ClaimReport, pool: PoolReport) -> Finding:
    own = report.verdict.label.value if report.verdict is not None else "dead link"
    note = report.note or ", ".join(report.claim.note_labels)
    return Finding(
        FindingKind.BETTER_SOURCE_AVAILABLE,
        f"note {note}'s source fails this sentence ({own}) but the pool page "
        f"{_page_name(match, pool)} states it: {_quote(match.passage, 160)}",
        f"cite this page instead of, or beside, note {note}'s source: {match.url}",
        note=note, claim=match.claim, url=match.url,
    )


def _contradicted(match: PoolMatch, report: ClaimReport | None, pool: PoolReport) -> Finding:
    return Finding(
        FindingKind.CONTRADICTED_BY_SOURCE,
        f"{match.reason.removeprefix('the source states it differently: ')}: the pool page "
        f"{_page_name(match, pool)} says {_quote(match.passage, 160)}",
        "check the sentence against this page: correct it, or cite the source it rests on",
        note=report.note if report is not None else None, claim=match.claim, url=match.url,
    )


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"
