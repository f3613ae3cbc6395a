"""From checked notes and claims to findings an editor can act on.

Pure functions over report data, so every rule is testable on its own:

* a link is **dead** when the page is gone for good as far as one run can
  tell (``broken``, ``soft_404``, ``moved_to_home``, ``dns_error``,
  ``invalid_url``); an archived copy turns "find a new source" into "cite the
  copy".  Other failures (walls, rate limits, timeouts, 5xx) say "could not
  check now" — one run cannot tell an outage from rot; ``citeaudit watch``
  can.
* a claim's verdict gives ``contradicted``, ``not_found`` or
  ``partially_supported``; supported by the copy from the access date but not
  by the live page is **content drift**.
* a claim another note's source supports clearly better than its own is a
  **misplaced note** (notes shifted by one are the classic case); the finding
  replaces the claim's ``not_found``/``partially_supported``.
* consecutive notes that each fit the sentence a fixed number of markers on
  are **shifted notes** (:mod:`citeaudit.shifts`): one finding for the run,
  which replaces the findings of the sentences it explains.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import attrs
from rapidfuzz import fuzz

from citeaudit.archive.cited import IS_A_COPY
from citeaudit.archive.interface import ArchiveStatus
from citeaudit.article import Article
from citeaudit.links import Outcome
from citeaudit.report.model import ClaimReport, Finding, FindingKind, LinkCheck, NoteReport
from citeaudit.shifts import ShiftedRun
from citeaudit.verify import support_score
from citeaudit.verify import thresholds as th
from citeaudit.verify.verdict import Label

DEAD = frozenset({
    Outcome.BROKEN, Outcome.SOFT_404, Outcome.MOVED_TO_HOME, Outcome.DNS_ERROR,
    Outcome.INVALID_URL,
})
"""Outcomes that mean the cited page is gone."""

NETWORK_FAILURES = frozenset({Outcome.DNS_ERROR, Outcome.CONNECTION_ERROR, Outcome.TIMEOUT})
"""Outcomes that say nothing about a page when the network itself is down."""

MISPLACED_MIN_SCORE = th.SUPPORTED_MIN
"""Another note's source must cover the claim as well as a supporting source would…"""
MISPLACED_MARGIN = 0.3
"""…and by this much more than the claim's own source, so near-ties never move a note."""

TITLE_MIN_SIMILARITY = 60.0
"""rapidfuzz ``token_set_ratio`` below which a note's title and the page's title differ.

Chosen so a page title with a site suffix ("Title – Site") or a shortened
cited title still matches, while a different article's title does not.
"""


def find_problems(
    article: Article, notes: Sequence[NoteReport], claims: Sequence[ClaimReport],
    *, offline: bool = False, shifts: Sequence[ShiftedRun] = (),
) -> list[Finding]:
    """Every finding of an audit, note by note, then claim by claim, then uncited claims.

    ``offline``: the network itself was unreachable, so a link that could not
    be resolved or connected to says nothing about its page and raises nothing.
    ``shifts``: runs of shifted notes; a sentence a run explains has no finding
    of its own (the run's says what to do with its marker).
    """
    findings: list[Finding] = notes_not_found(article)
    for note in notes:
        findings += link_findings(note, offline=offline)
        findings += page_findings(note)
    explained = {cid for run in shifts for cid in run.claims}
    for claim in claims:
        if claim.claim.id not in explained:
            findings += claim_findings(claim)
    findings += [shifted_finding(run) for run in shifts]
    findings += [
        Finding(
            FindingKind.UNCITED_CLAIM,
            f"states a checkable fact ({', '.join(claim.signals)}) with no note: "
            f"{_quote(claim.text)}",
            "cite a source for this sentence, or rephrase it as the article's own view",
            claim=claim.id,
        )
        for claim in article.uncited
    ]
    return findings


def notes_not_found(article: Article) -> list[Finding]:
    """Note markers with no notes read: say so rather than report a clean article."""
    from citeaudit.read import describe_markers, unmatched_markers

    markers = unmatched_markers(article.body) if not article.notes else []
    if not markers:
        return []
    return [Finding(
        FindingKind.NOTES_NOT_FOUND,
        f"{describe_markers(markers)} but no notes were read, so no source was checked",
        "check that the notes list is part of the file, or name its format with --input-format",
    )]


def link_findings(note: NoteReport, *, offline: bool = False) -> list[Finding]:
    """Dead and unreachable links of one note (none for network failures when ``offline``)."""
    label = note.note.label
    findings: list[Finding] = []
    for link in note.links:
        result = link.result
        if result.is_ok or (offline and result.outcome in NETWORK_FAILURES):
            continue
        snapshot = link.snapshot
        archive_url = snapshot.url if snapshot is not None else None
        copy = _copy_phrase(link)
        status = link.archive_status
        if result.outcome in DEAD and snapshot is not None:
            fix = (f"none needed for the copy: the note already cites it ({snapshot.url}); "
                   "mark the original link as dead" if status is ArchiveStatus.CITED
                   else f"cite the archived copy: {snapshot.url}")
            findings.append(Finding(
                FindingKind.DEAD_LINK_ARCHIVED,
                f"{result.outcome.value}: {result.reason}; {copy}",
                fix, note=label, url=result.url, archive_url=archive_url,
            ))
        elif result.outcome in DEAD:
            fix = {
                ArchiveStatus.NONE: "find a new source for this note (no archive holds a copy)",
                ArchiveStatus.UNKNOWN: "look the archives up again later, then find a new source",
            }.get(status, "look the archives up (they were not asked), then find a new source")
            if link.lookup is not None and link.lookup.not_asked == IS_A_COPY:
                fix = ("the archived copy the note cites is not a working page: cite another "
                       "copy of the original (citeaudit archive URL lists them)")
            findings.append(Finding(
                FindingKind.DEAD_LINK,
                f"{result.outcome.value}: {result.reason}; {copy}",
                fix, note=label, url=result.url,
            ))
        else:
            fix = (f"check by hand; an archived copy is at {snapshot.url}" if snapshot is not None
                   else "check by hand or re-run later")
            findings.append(Finding(
                FindingKind.UNREACHABLE_LINK,
                f"{result.outcome.value}: {result.reason}",
                fix, note=label, url=result.url, archive_url=archive_url,
            ))
    return findings


def page_findings(note: NoteReport) -> list[Finding]:
    """The cited title and dates against what the live page says."""
    findings: list[Finding] = []
    cited_title = note.note.title
    for link in note.links:
        if not link.result.is_ok:
            continue
        page_title = link.result.title
        if cited_title and page_title and not titles_match(cited_title, page_title):
            findings.append(Finding(
                FindingKind.TITLE_MISMATCH,
                f"the note cites {_quote(cited_title)} but the page is titled {_quote(page_title)}",
                "check the note points at the intended page; correct its URL or title",
                note=note.note.label, url=link.url,
            ))
        accessed = note.note.access_date
        if accessed is not None and link.page_published is not None and (
            link.page_published > accessed
        ):
            findings.append(Finding(
                FindingKind.PUBLISHED_AFTER_ACCESS,
                f"the page says it was published on {link.page_published.isoformat()}, after the "
                f"note's access date {accessed.isoformat()}",
                "the page was republished or replaced: compare it with an archived copy "
                "from the access date, or correct the date",
                note=note.note.label, url=link.url,
                archive_url=link.snapshot.url if link.snapshot is not None else None,
            ))
    return findings


def claim_findings(claim: ClaimReport) -> list[Finding]:
    """What the verdict on one claim calls for."""
    verdict = claim.verdict
    cid = claim.claim.id
    if claim.better_note is not None:
        return [Finding(
            FindingKind.MISPLACED_NOTE,
            f"note {claim.note} does not support this sentence but note {claim.better_note}'s "
            f"source does: {_quote(claim.claim.text)}",
            f"cite note {claim.better_note} here (check whether the notes shifted)",
            note=claim.note, claim=cid, url=claim.url,
        )]
    if verdict is None:
        return []
    findings: list[Finding] = []
    if (claim.live is not None and claim.archived is not None
            and claim.archived.label is Label.SUPPORTED
            and claim.live.label is not Label.SUPPORTED):
        findings.append(Finding(
            FindingKind.CONTENT_DRIFT,
            f"the copy from the access date supports the sentence; the live page no longer does "
            f"(live: {claim.live.label.value})",
            f"cite the archived copy: {claim.url}",
            note=claim.note, claim=cid, url=claim.url, archive_url=claim.url,
        ))
        return findings
    kind = {
        Label.CONTRADICTED: FindingKind.CONTRADICTED,
        Label.NOT_FOUND: FindingKind.NOT_FOUND,
        Label.PARTIALLY_SUPPORTED: FindingKind.PARTIALLY_SUPPORTED,
    }.get(verdict.label)
    if kind is None:
        return findings
    problems = "; ".join(c.detail for c in verdict.failed_checks) or verdict.reason
    fix = {
        FindingKind.CONTRADICTED: "correct the sentence to what the source says, or cite a "
        "source for the sentence's figure",
        FindingKind.NOT_FOUND: "find the passage that supports the sentence, or cite another "
        "source",
        FindingKind.PARTIALLY_SUPPORTED: "cite a source for the missing facts, or narrow the "
        "sentence",
    }[kind]
    findings.append(Finding(
        kind, f"{problems} ({claim.source.value if claim.source else 'no'} page)", fix,
        note=claim.note, claim=cid, url=claim.url,
    ))
    return findings


def shifted_finding(run: ShiftedRun) -> Finding:
    """The one finding for a run of shifted notes, with the renumbering as its fix."""
    offset = abs(run.offset)
    by = {1: "one", 2: "two", 3: "three"}.get(offset, str(offset))
    sign = "+" if run.offset > 0 else "−"
    pairs = ", ".join(f"note {p.note} → the sentence citing [{p.cited}]" for p in run.pairs)
    renumber = ", ".join(f"[{now}] → [{to}]" for now, to in run.renumbering)
    orphaned = ", ".join(f"[{label}]" for label in run.orphaned)
    unplaced = " and ".join(f"note {label}" for label in run.unplaced)
    then = (f"; the sentence now citing {orphaned} then needs its own source"
            if orphaned else "")
    then += (f"; {unplaced} then marks none of these sentences: find the one it was for"
             if unplaced else "")
    return Finding(
        FindingKind.SHIFTED_NOTES,
        f"notes {run.first}–{run.last} appear shifted by {by}: note N's source supports the "
        f"sentence that cites note N{sign}{offset} better than that sentence's own source "
        f"does ({pairs})",
        f"renumber the markers: {renumber}{then}",
        shift=run,
    )


def misplaced_notes(
    claims: Iterable[ClaimReport], texts: Mapping[str, str]
) -> tuple[ClaimReport, ...]:
    """The claims with ``better_note`` set where another note's text fits clearly better.

    ``texts`` maps note labels to their source text.  Only claims whose own
    source does not support them are considered; pages are compared
    source-major so each is prepared once (see :func:`citeaudit.verify.support_score`).
    """
    claims = tuple(claims)
    weak = [c for c in claims if c.verdict is not None and c.verdict.label in (
        Label.NOT_FOUND, Label.PARTIALLY_SUPPORTED)]
    if not weak or len(texts) < 2:
        return claims
    best: dict[str, tuple[float, str]] = {}
    for label, text in texts.items():
        for claim in weak:
            if label in claim.claim.note_labels:
                continue
            score = support_score(claim.claim.text, text)
            if score > best.get(claim.claim.id, (0.0, ""))[0]:
                best[claim.claim.id] = (score, label)
    out: list[ClaimReport] = []
    for claim in claims:
        found = best.get(claim.claim.id)
        own = claim.verdict.coverage if claim.verdict is not None else 0.0
        if found and found[0] >= MISPLACED_MIN_SCORE and found[0] >= own + MISPLACED_MARGIN:
            claim = attrs.evolve(claim, better_note=found[1], better_score=round(found[0], 4))
        out.append(claim)
    return tuple(out)


def titles_match(cited: str, page: str) -> bool:
    """Whether a cited title names the page (site suffixes and case ignored)."""
    a, b = _norm(cited), _norm(page)
    if not a or not b:
        return True
    # Set by hand, not tuned: the shorter title stated almost verbatim (a letter or two
    # off in ten) inside the longer one, as a cited headline cut short or a page title
    # under a long section banner is, however many words the rest adds.
    return fuzz.token_set_ratio(a, b) >= TITLE_MIN_SIMILARITY or fuzz.partial_ratio(a, b) >= 90


def _norm(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", title.casefold()).split())


def _copy_phrase(link: LinkCheck) -> str:
    snapshot = link.snapshot
    status = link.archive_status
    if snapshot is None:
        if link.lookup is not None and link.lookup.not_asked == IS_A_COPY:
            return "it is an archived copy itself"
        if status is ArchiveStatus.NOT_ASKED:
            if link.lookup is not None and link.lookup.not_asked is None:
                return "; ".join(f.message for f in link.lookup.failures)  # "not asked: …"
            why = link.lookup.not_asked if link.lookup is not None else None
            return f"the archives were not asked ({why or 'no archive configured'})"
        if status is ArchiveStatus.UNKNOWN and link.lookup is not None:
            problems = "; ".join(f.message for f in link.lookup.failures)
            return f"the archives could not be asked ({problems})"
        return "no archive holds a copy"
    near = link.lookup.near if link.lookup is not None else None
    when = snapshot.datetime.date().isoformat()
    if status is ArchiveStatus.CITED:
        return f"the note cites a {snapshot.archive} copy from {when}, which works"
    if near is not None:
        days = snapshot.days_from(near)
        span = f"{abs(days)} day{'' if abs(days) == 1 else 's'}"
        side = "on the access date" if days == 0 else (
            f"{span} before the access date" if days < 0 else f"{span} after the access date")
        return f"{snapshot.archive} holds a copy from {when} ({side})"
    return f"{snapshot.archive} holds a copy from {when}"


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


__all__ = [
    "DEAD",
    "NETWORK_FAILURES",
    "claim_findings",
    "find_problems",
    "link_findings",
    "misplaced_notes",
    "page_findings",
    "shifted_finding",
    "titles_match",
]
