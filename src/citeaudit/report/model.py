"""What an audit found: pure data, and its stable JSON form (schema ``citeaudit/report/v1``).

:func:`citeaudit.audit` builds a :class:`Report`; the formatters in
:mod:`citeaudit.report` turn it into text for people and machines.  The JSON
document (:meth:`Report.to_dict`) is a contract: scripts read it, so fields
are only ever added, never renamed or removed (see ``docs/json-schema.md``).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from citeaudit.archive.interface import ArchiveStatus, Snapshot, SnapshotLookup
from citeaudit.archive.save import SaveResult
from citeaudit.article import Article
from citeaudit.claims import Claim
from citeaudit.links import LinkResult
from citeaudit.notes import Note
from citeaudit.pool.model import PoolMatch, PoolReport
from citeaudit.shifts import ShiftedRun
from citeaudit.verify.verdict import Verdict

SCHEMA = "citeaudit/report/v1"


class Severity(enum.StrEnum):
    """How urgently a finding needs an editor."""

    ERROR = "error"
    """The citation is wrong or gone: readers are misled or stranded."""
    WARNING = "warning"
    """Needs a look: the citation may be weak, moved or changed."""
    INFO = "info"
    """Worth knowing; nothing is necessarily wrong."""


class FindingKind(enum.StrEnum):
    """The kinds of problem an audit reports (also accepted by ``--fail-on``)."""

    DEAD_LINK = "dead_link"
    """The link is gone and no archive holds a copy: the note needs a new source."""
    DEAD_LINK_ARCHIVED = "dead_link_archived"
    """The link is gone but an archive holds a copy: cite the archived copy."""
    UNREACHABLE_LINK = "unreachable_link"
    """The page could not be checked now (bot wall, paywall, rate limit, timeout, 5xx)."""
    CONTENT_DRIFT = "content_drift"
    """The copy from the access date supports the claim; the live page no longer does."""
    CONTRADICTED = "contradicted"
    """The source states a different number, date or wording for the claim's fact."""
    NOT_FOUND = "not_found"
    """The source does not say what the claim says."""
    PARTIALLY_SUPPORTED = "partially_supported"
    """The source states some of the claim's facts; others are missing."""
    MISPLACED_NOTE = "misplaced_note"
    """Another note's source supports the claim clearly better than its own."""
    SHIFTED_NOTES = "shifted_notes"
    """Consecutive notes each support the sentence a fixed number of markers on: renumber."""
    TITLE_MISMATCH = "title_mismatch"
    """The note's title does not match the page's title."""
    PUBLISHED_AFTER_ACCESS = "published_after_access"
    """The page says it was published after the note's access date."""
    UNCITED_CLAIM = "uncited_claim"
    """A checkable factual sentence (numbers, dates, quotations, attributions) has no note."""
    NOTES_NOT_FOUND = "notes_not_found"
    """The article has note markers but no notes were read: nothing it cites was checked."""
    CONTRADICTED_BY_SOURCE = "contradicted_by_source"
    """A page of the ``--sources`` pool states the sentence's fact differently."""
    SUPPORTED_BY_SOURCE = "supported_by_source"
    """An uncited sentence that a page of the pool states: cite that page."""
    BETTER_SOURCE_AVAILABLE = "better_source_available"
    """A cited sentence its own source fails (not found, contradicted, dead) that a pool page
    supports."""


SEVERITY: dict[FindingKind, Severity] = {
    FindingKind.DEAD_LINK: Severity.ERROR,
    FindingKind.DEAD_LINK_ARCHIVED: Severity.WARNING,
    FindingKind.UNREACHABLE_LINK: Severity.WARNING,
    FindingKind.CONTENT_DRIFT: Severity.WARNING,
    FindingKind.CONTRADICTED: Severity.ERROR,
    FindingKind.NOT_FOUND: Severity.WARNING,
    FindingKind.PARTIALLY_SUPPORTED: Severity.INFO,
    FindingKind.MISPLACED_NOTE: Severity.ERROR,
    FindingKind.SHIFTED_NOTES: Severity.ERROR,
    FindingKind.TITLE_MISMATCH: Severity.WARNING,
    FindingKind.PUBLISHED_AFTER_ACCESS: Severity.WARNING,
    FindingKind.UNCITED_CLAIM: Severity.INFO,
    FindingKind.NOTES_NOT_FOUND: Severity.ERROR,
    FindingKind.CONTRADICTED_BY_SOURCE: Severity.WARNING,
    FindingKind.SUPPORTED_BY_SOURCE: Severity.INFO,
    FindingKind.BETTER_SOURCE_AVAILABLE: Severity.WARNING,
}


class Source(enum.StrEnum):
    """Which text a verdict rests on."""

    LIVE = "live"
    ARCHIVE = "archive"


@attrs.frozen
class Finding:
    """One problem an editor can act on."""

    kind: FindingKind
    reason: str
    """One line saying what is wrong."""
    fix: str
    """One line saying what to do about it."""
    note: str | None = None
    """Label of the note concerned."""
    claim: str | None = None
    """Id of the claim concerned (``c3``, ``u1``)."""
    url: str | None = None
    archive_url: str | None = None
    """An archived copy to cite instead, when there is one."""
    shift: ShiftedRun | None = None
    """For ``shifted_notes``: the run of notes, its offset and each note's sentence."""

    @property
    def severity(self) -> Severity:
        """How urgent the finding is."""
        return SEVERITY[self.kind]

    def to_dict(self) -> dict[str, Any]:
        """The finding as in the ``findings`` list of the JSON report."""
        return {
            "kind": self.kind.value,
            "severity": self.severity.value,
            "note": self.note,
            "claim": self.claim,
            "url": self.url,
            "archive_url": self.archive_url,
            "reason": self.reason,
            "fix": self.fix,
            "shift": self.shift.to_dict() if self.shift is not None else None,
        }


@attrs.frozen
class LinkCheck:
    """One of a note's URLs: how it answered, and its archived copies."""

    result: LinkResult
    lookup: SnapshotLookup | None = None
    """Snapshots nearest the note's access date; ``None`` when archives were not asked."""
    page_published: dt.date | None = None
    """The publication date the live page states, if any."""
    save: SaveResult | None = None
    """The capture requested with ``--save-missing``, if one was."""

    @property
    def url(self) -> str:
        """The URL as cited."""
        return self.result.url

    @property
    def snapshot(self) -> Snapshot | None:
        """The snapshot nearest the access date, if an archive holds one."""
        return self.lookup.best if self.lookup is not None else None

    @property
    def archive_status(self) -> ArchiveStatus:
        """What the archives said of this URL; ``not_asked`` when they were not asked."""
        return self.lookup.status if self.lookup is not None else ArchiveStatus.NOT_ASKED

    def to_dict(self) -> dict[str, Any]:
        """The ``links`` entry of a note in the JSON report."""
        row = self.result.to_dict()
        near = self.lookup.near if self.lookup is not None else None
        row["page_published"] = self.page_published.isoformat() if self.page_published else None
        row["archive"] = self.snapshot.to_dict(near) if self.snapshot is not None else None
        row["archive_status"] = self.archive_status.value
        row["archive_failures"] = (
            [f.to_dict() for f in self.lookup.failures] if self.lookup is not None else []
        )
        row["save"] = self.save.to_dict() if self.save is not None else None
        return row


@attrs.frozen
class NoteReport:
    """A note and what became of each URL it cites."""

    note: Note
    links: tuple[LinkCheck, ...] = ()

    @property
    def archive(self) -> tuple[LinkCheck, Snapshot] | None:
        """The first of the note's links that an archive holds, with its best snapshot."""
        for link in self.links:
            if link.snapshot is not None:
                return link, link.snapshot
        return None

    def to_dict(self) -> dict[str, Any]:
        """The ``notes`` entry of the JSON report."""
        row = self.note.to_dict()
        row["links"] = [link.to_dict() for link in self.links]
        found = self.archive
        row["archive"] = found[1].to_dict(self.note.access_date) if found else None
        return row


@attrs.frozen
class ClaimReport:
    """A claim, the verdict on it, and which text that verdict rests on."""

    claim: Claim
    verdict: Verdict | None = None
    """The verdict reported: the better of the live and archived ones; ``None`` if no text."""
    source: Source | None = None
    note: str | None = None
    """Label of the note whose source the verdict rests on (an ``Ibid.`` names itself)."""
    url: str | None = None
    """The page (live URL or snapshot URL) the verdict rests on."""
    live: Verdict | None = None
    """The verdict against the live page, when it could be read."""
    archived: Verdict | None = None
    """The verdict against the copy from the access date, when one was read."""
    better_note: str | None = None
    """Another note whose source supports the claim clearly better (a misplaced note)."""
    better_score: float | None = None
    reason: str = ""
    """Why there is no verdict (no URL, every link dead and unarchived, ...)."""
    pool_matches: tuple[PoolMatch, ...] = ()
    """Pages of the ``--sources`` pool that clearly support or contradict the claim."""

    def to_dict(self) -> dict[str, Any]:
        """The ``claims`` entry of the JSON report."""
        evidence = self.verdict.evidence if self.verdict else ()
        row: dict[str, Any] = {
            "id": self.claim.id,
            "text": self.claim.text,
            "notes": list(self.claim.note_labels),
            "context": self.claim.context,
            "span": list(self.claim.span),
            "verdict": self.verdict.label.value if self.verdict else None,
            "score": round(self.verdict.score, 4) if self.verdict else None,
            "reason": self.verdict.reason if self.verdict else self.reason,
            "source": self.source.value if self.source else None,
            "source_note": self.note,
            "source_url": self.url,
            "evidence": [{**e.to_dict(), "url": self.url} for e in evidence],
            "checks": [c.to_dict() for c in (self.verdict.checks if self.verdict else ())],
            "live_verdict": self.live.label.value if self.live else None,
            "archive_verdict": self.archived.label.value if self.archived else None,
            "better_note": self.better_note,
            "pool_matches": [m.to_dict() for m in self.pool_matches],
        }
        return row


@attrs.frozen
class Report:
    """Everything an audit found about one article."""

    article: Article
    checked_at: dt.datetime
    notes: tuple[NoteReport, ...] = ()
    claims: tuple[ClaimReport, ...] = ()
    findings: tuple[Finding, ...] = ()
    complete: bool = True
    """False when the run was interrupted: what is here was checked, the rest was not."""
    incomplete_reason: str | None = None
    """Why the run could not complete (``"interrupted"``, ``"the network is unreachable: …"``)."""
    pool: PoolReport | None = None
    """The ``--sources`` pool the sentences were matched against; ``None`` without one."""

    def note(self, label: str) -> NoteReport | None:
        """The report on the note with this label, or ``None``."""
        return self._notes_by_label.get(label)

    def claim(self, claim_id: str) -> ClaimReport | None:
        """The report on the claim with this id, or ``None``."""
        return self._claims_by_id.get(claim_id)

    def link_outcomes(self, url: str) -> frozenset[str]:
        """The outcomes (``broken``, ``soft_404``…) of every check of ``url`` in the report."""
        return self._outcomes_by_url.get(url, frozenset())

    # Built once per report: callers ask once per finding or claim, and a scan of
    # every note each time made ``--fail-on`` and the HTML report quadratic.

    @functools.cached_property
    def _notes_by_label(self) -> dict[str, NoteReport]:
        by_label: dict[str, NoteReport] = {}
        for n in self.notes:
            by_label.setdefault(n.note.label, n)  # the first, as a scan would find
        return by_label

    @functools.cached_property
    def _claims_by_id(self) -> dict[str, ClaimReport]:
        by_id: dict[str, ClaimReport] = {}
        for c in self.claims:
            by_id.setdefault(c.claim.id, c)
        return by_id

    @functools.cached_property
    def _outcomes_by_url(self) -> dict[str, frozenset[str]]:
        outcomes: dict[str, set[str]] = {}
        for n in self.notes:
            for link in n.links:
                outcomes.setdefault(link.url, set()).add(link.result.outcome.value)
        return {url: frozenset(values) for url, values in outcomes.items()}

    def findings_of(self, *kinds: FindingKind | str) -> list[Finding]:
        """The findings of the given kinds, in report order."""
        wanted = {FindingKind(k) for k in kinds}
        return [f for f in self.findings if f.kind in wanted]

    def matching(self, fail_on: Iterable[str]) -> list[Finding]:
        """Findings that ``--fail-on`` selects; see :func:`matches_fail_on`."""
        tokens = set(fail_on)
        return [f for f in self.findings if matches_fail_on(f, self, tokens)]

    def summary(self) -> dict[str, Any]:
        """Counts for the ``summary`` part of the JSON report."""
        links = {link.url: link for n in self.notes for link in n.links}
        return {
            "notes": len(self.article.notes),
            "claims": len(self.article.claims),
            "uncited_claims": len(self.article.uncited),
            "links": len(links),
            "links_by_outcome": dict(Counter(link.result.outcome.value for link in links.values())),
            "archived": sum(1 for link in links.values() if link.snapshot is not None),
            "claims_by_verdict": dict(
                Counter(c.verdict.label.value for c in self.claims if c.verdict is not None)
            ),
            "findings_by_kind": dict(Counter(f.kind.value for f in self.findings)),
            "complete": self.complete,
        }

    def to_dict(self) -> dict[str, Any]:
        """The ``citeaudit/report/v1`` JSON document as plain data."""
        return {
            "schema": SCHEMA,
            "article": {
                "source": self.article.source,
                "title": self.article.title,
                "format": self.article.format,
                "checked_at": self.checked_at.isoformat(timespec="seconds"),
                "complete": self.complete,
                "incomplete_reason": self.incomplete_reason,
                "warnings": list(self.article.warnings),
            },
            "notes": [n.to_dict() for n in self.notes],
            "claims": [c.to_dict() for c in self.claims],
            "uncited": [self._uncited_dict(u) for u in self.article.uncited],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary(),
            "pool": self.pool.to_dict() if self.pool is not None else None,
        }

    def _uncited_dict(self, claim: Claim) -> dict[str, Any]:
        row = claim.to_dict()
        matches = self.pool.for_claim(claim.id) if self.pool is not None else ()
        row["pool_matches"] = [m.to_dict() for m in matches]
        return row

    def to_json(self, *, indent: int | None = 2) -> str:
        """The ``citeaudit/report/v1`` JSON document."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


FAIL_ON_ALL = "any"
"""``--fail-on any``: every finding fails the run."""
FAIL_ON_NONE = "none"
"""``--fail-on none``: never fail on findings (exit 0 unless the input is bad)."""
DEFAULT_FAIL_ON: tuple[str, ...] = (
    FindingKind.DEAD_LINK.value,
    FindingKind.CONTRADICTED.value,
    FindingKind.MISPLACED_NOTE.value,
    FindingKind.SHIFTED_NOTES.value,
    FindingKind.NOT_FOUND.value,
    FindingKind.CONTENT_DRIFT.value,
    FindingKind.NOTES_NOT_FOUND.value,
)
"""What fails a CI run unless ``--fail-on`` says otherwise."""


def fail_on_tokens() -> tuple[str, ...]:
    """Every word ``--fail-on`` accepts."""
    from citeaudit.links import Outcome
    from citeaudit.verify.verdict import Label

    words = [FAIL_ON_ALL, FAIL_ON_NONE, *(s.value for s in Severity)]
    words += [k.value for k in FindingKind]
    words += [o.value for o in Outcome if o.value not in words]
    words += [lab.value for lab in Label if lab.value not in words]
    return tuple(words)


def matches_fail_on(finding: Finding, report: Report, tokens: set[str]) -> bool:
    """Whether ``--fail-on`` ``tokens`` select ``finding``.

    A token is a finding kind (``dead_link``), a severity (``error`` selects
    errors, ``warning`` selects warnings and errors), ``any``, a link outcome
    (``soft_404``: link findings whose link ended so), or a verdict label
    (``partially_supported``: claim findings with that verdict).
    """
    if FAIL_ON_NONE in tokens:
        return False
    if FAIL_ON_ALL in tokens or finding.kind.value in tokens:
        return True
    if Severity.ERROR.value in tokens and finding.severity is Severity.ERROR:
        return True
    if Severity.WARNING.value in tokens and finding.severity in (Severity.ERROR, Severity.WARNING):
        return True
    if Severity.INFO.value in tokens:
        return True
    if finding.url is not None and not tokens.isdisjoint(report.link_outcomes(finding.url)):
        return True
    if finding.claim is not None:
        claim = report.claim(finding.claim)
        if claim is not None and claim.verdict is not None and claim.verdict.label.value in tokens:
            return True
    return False
