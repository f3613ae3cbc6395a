"""Shifted notes: a run of consecutive notes whose sources each fit the sentence ``k`` markers on.

When markers drift against the notes list (a note inserted or deleted while
editing, a list pasted one line off), note N's source supports the sentence
that now cites note N+1, note N+1's supports the one citing N+2, and so on.
Each such sentence, checked against its own note, is ``not_found``; one at a
time they look like unrelated ``misplaced_note`` findings.  This module
finds the pattern: for each offset ``k`` (``±1 … ±MAX_OFFSET``) it asks
whether the source of note *i* fits the sentence citing note *i+k* clearly
better than that sentence's own source does, and keeps runs of at least
:data:`MIN_RUN` consecutive notes where it does.

The work is split so the rule stays pure and testable: :func:`candidates`
says which (note, sentence) pairs are worth verifying, the auditor verifies
them with the run's verifier, and :func:`runs` turns the verdicts into
:class:`ShiftedRun` objects.  What counts as evidence (:func:`fits_better`):

* the sentence's own verdict exists and is ``not_found`` or
  ``partially_supported`` — a page that could not be read, or one in another
  language (``unverifiable``), is no evidence either way, and a ``contradicted``
  verdict means the own page speaks of the same fact (a wrong figure, not a
  wrong note);
* the neighbour's page is at least ``partially_supported`` by the verifier
  (:data:`NEIGHBOUR_LEAST`), and
* its coverage beats the own page's by :data:`SHIFT_MARGIN`.

A pair whose two notes resolve to the same source (an ``Ibid.``) says
nothing about a shift, so it breaks a run like any pair without evidence.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from citeaudit.verify import thresholds as th
from citeaudit.verify.verdict import Label, Verdict

if TYPE_CHECKING:
    from citeaudit.report.model import ClaimReport

MIN_RUN = 2
"""Pairs a run needs.  One pair is already a ``misplaced_note``: a single sentence
whose marker is wrong.  Two consecutive notes wrong *by the same offset* is the
smallest pattern that a single slip cannot explain, and the first that says
"renumber" rather than "fix this marker"."""

MAX_OFFSET = 2
"""Offsets tried, each way.  A shift of one is the usual slip (a note added or
dropped); two happens when two notes go at once.  Wider offsets would each add
a chance of a run made of coincidences and describe no edit people make."""

SHIFT_MARGIN = th.SUPPORTED_MIN - th.PARTIAL_MIN
"""How much more of the sentence the neighbour's page must cover than its own.

The width of the ``partially_supported`` band (0.82 − 0.52 = 0.30, both
thresholds chosen by cross-validation, see :mod:`citeaudit.verify.thresholds`):
the neighbour must beat the own page by a whole verdict step, so a page that
covers a sentence a little better never moves a marker; it equals the
misplaced-note margin, so every pair of a run is as strong as the finding it
replaces.  ``bench/shifted_eval.py`` (articles made from WiCE dev) chose 0.0 in
5 of 5 cross-validation folds, but only because none of its correctly numbered
articles raised a false run at any margin: that set cannot price a false
alarm, and real articles' neighbouring sentences share far more than its do.
The cost of the step: 0.59 of shifted pairs found instead of 0.71 on the
tuning part; 0.71 on the held-aside part, never used to choose."""

NEIGHBOUR_LEAST = Label.PARTIALLY_SUPPORTED
"""The weakest verdict on the neighbour's page that counts (with the margin).

Measured with ``bench/shifted_eval.py`` on articles made from the tuning part of
WiCE dev: asking for ``supported`` finds 0.13 of the shifted pairs, letting
``partially_supported`` count finds 0.59, and neither raised a run on any of
the 43 correctly numbered articles.  Most sentences are only partly stated by
even their true source, so ``supported`` alone would leave most shifts unseen;
the margin still asks for a whole verdict step over the sentence's own page."""

_WEAK = (Label.NOT_FOUND, Label.PARTIALLY_SUPPORTED)


@attrs.frozen
class Candidate:
    """A pair worth verifying: does note ``note``'s source fit the sentence citing ``cited``?"""

    offset: int
    """``index(cited) - index(note)`` in the notes list: +1 when note N fits the sentence of N+1."""
    note: str
    """The note whose source is tried."""
    cited: str
    """The note the sentence cites now."""
    claim: ClaimReport


@attrs.frozen
class ShiftPair:
    """One link of a run: ``note``'s source supports the sentence that cites ``cited``."""

    note: str
    cited: str
    claim: str
    """Id of the sentence (``c4``)."""
    own: Verdict
    """The sentence's verdict against its own note's source."""
    fits: Verdict
    """Its verdict against ``note``'s source."""
    url: str | None = None
    """The page of ``note`` the sentence was verified against."""

    def to_dict(self) -> dict[str, Any]:
        """The ``shift.pairs`` entry of a ``shifted_notes`` finding in the JSON report."""
        return {
            "note": self.note,
            "cited_note": self.cited,
            "claim": self.claim,
            "url": self.url,
            "own_verdict": self.own.label.value,
            "own_coverage": round(self.own.coverage, 4),
            "verdict": self.fits.label.value,
            "coverage": round(self.fits.coverage, 4),
        }


@attrs.frozen
class ShiftedRun:
    """Consecutive notes whose sources each fit the sentence ``offset`` markers on."""

    offset: int
    pairs: tuple[ShiftPair, ...]
    """In notes-list order."""

    @property
    def first(self) -> str:
        """The first note the run involves (as the source or as the marker)."""
        head = self.pairs[0]
        return head.note if self.offset > 0 else head.cited

    @property
    def last(self) -> str:
        """The last note the run involves."""
        tail = self.pairs[-1]
        return tail.cited if self.offset > 0 else tail.note

    @property
    def claims(self) -> frozenset[str]:
        """The sentences the run explains (their per-claim findings fold into it)."""
        return frozenset(p.claim for p in self.pairs)

    @property
    def renumbering(self) -> tuple[tuple[str, str], ...]:
        """``(marker now, marker it should be)`` for each sentence of the run."""
        return tuple((p.cited, p.note) for p in self.pairs)

    @property
    def orphaned(self) -> tuple[str, ...]:
        """Notes whose sentence loses its marker when the run is renumbered."""
        cited = {p.cited for p in self.pairs}
        return tuple(p.note for p in self.pairs if p.note not in cited)

    @property
    def unplaced(self) -> tuple[str, ...]:
        """Notes that, once the run is renumbered, mark none of its sentences."""
        sources = {p.note for p in self.pairs}
        return tuple(p.cited for p in self.pairs if p.cited not in sources)

    def to_dict(self) -> dict[str, Any]:
        """The ``shift`` object of a ``shifted_notes`` finding in the JSON report."""
        return {
            "first_note": self.first,
            "last_note": self.last,
            "offset": self.offset,
            "pairs": [p.to_dict() for p in self.pairs],
            "renumber": [{"from": now, "to": to} for now, to in self.renumbering],
        }


def fits_better(own: Verdict | None, other: Verdict | None, *,
                margin: float = SHIFT_MARGIN, least: Label = NEIGHBOUR_LEAST) -> bool:
    """Whether ``other`` (a neighbour's page) fits the sentence clearly better than ``own``
    (``margin`` and ``least`` are for measuring: ``bench/shifted_eval.py``)."""
    if own is None or other is None or own.label not in _WEAK:
        return False
    counts = other.label is Label.SUPPORTED or (
        least is Label.PARTIALLY_SUPPORTED and other.label is Label.PARTIALLY_SUPPORTED)
    return counts and other.coverage >= own.coverage + margin


def candidates(
    order: Sequence[str],
    source_of: Mapping[str, Hashable],
    claims: Iterable[ClaimReport],
    readable: Collection[str],
    *,
    max_offset: int = MAX_OFFSET,
) -> list[Candidate]:
    """The pairs to verify: note labels in list ``order``; ``source_of`` a label's source
    identity (an ``Ibid.`` has its original's); ``readable`` the labels whose page was read.

    Each note's sentence is the first one citing it (the one its number was
    given for); a sentence citing several notes is not tried.  Only sentences
    whose own verdict leaves room (:func:`fits_better`) are paired.
    """
    index = {label: i for i, label in enumerate(order)}
    first: dict[str, ClaimReport] = {}
    for claim in claims:
        for label in claim.claim.note_labels:
            first.setdefault(label, claim)
    out: list[Candidate] = []
    for cited, claim in first.items():
        verdict = claim.verdict
        if (len(claim.claim.note_labels) != 1 or cited not in index or verdict is None
                or verdict.label not in _WEAK):
            continue
        for offset in _offsets(max_offset):
            i = index[cited] - offset
            if not 0 <= i < len(order):
                continue
            note = order[i]
            if note in readable and source_of.get(note) != source_of.get(cited):
                out.append(Candidate(offset, note, cited, claim))
    return out


def runs(
    order: Sequence[str],
    verified: Iterable[tuple[Candidate, Verdict | None, str | None]],
    *,
    min_run: int = MIN_RUN,
    margin: float = SHIFT_MARGIN,
    least: Label = NEIGHBOUR_LEAST,
) -> tuple[ShiftedRun, ...]:
    """The runs that the verdicts bear out: ``verified`` holds each candidate, its verdict
    against the note's page (``None``: not verified) and that page's URL.

    A run is a stretch of consecutive notes with evidence at one offset; a gap
    splits it.  A sentence or a note belongs to one run at most: longer runs,
    then smaller offsets, win.
    """
    index = {label: i for i, label in enumerate(order)}
    by_offset: dict[int, list[ShiftPair]] = {}
    for candidate, verdict, url in verified:
        own = candidate.claim.verdict
        if own is None or verdict is None or not fits_better(
                own, verdict, margin=margin, least=least):
            continue
        by_offset.setdefault(candidate.offset, []).append(ShiftPair(
            candidate.note, candidate.cited, candidate.claim.claim.id, own, verdict, url))
    found: list[ShiftedRun] = []
    for offset, pairs in by_offset.items():
        pairs.sort(key=lambda p: index[p.note])
        stretch: list[ShiftPair] = []
        for pair in pairs:
            if stretch and index[pair.note] != index[stretch[-1].note] + 1:
                found.append(ShiftedRun(offset, tuple(stretch)))
                stretch = []
            stretch.append(pair)
        if stretch:
            found.append(ShiftedRun(offset, tuple(stretch)))
    found.sort(key=lambda r: (-len(r.pairs), abs(r.offset), -r.offset, index[r.pairs[0].note]))
    kept: list[ShiftedRun] = []
    used: set[str] = set()
    for run in found:
        taken = {f"claim:{p.claim}" for p in run.pairs} | {f"note:{p.note}" for p in run.pairs}
        if len(run.pairs) >= min_run and not taken & used:
            kept.append(run)
            used |= taken
    return tuple(sorted(kept, key=lambda r: index[r.first]))


def _offsets(max_offset: int) -> list[int]:
    return [sign * k for k in range(1, max_offset + 1) for sign in (1, -1)]


__all__ = [
    "MAX_OFFSET",
    "MIN_RUN",
    "NEIGHBOUR_LEAST",
    "SHIFT_MARGIN",
    "Candidate",
    "ShiftPair",
    "ShiftedRun",
    "candidates",
    "fits_better",
    "runs",
]
