"""Where in the article's own file a claim's note marker sits (line and column).

Readers keep markers in ``Article.body`` as ``[label]``, but the body is not
the file: paragraphs are re-flowed and markup is gone.  A marker is found in
the original text by its order instead: the claim's marker is the k-th
``[label]`` of the body, so it is the k-th marker of that label in the file,
written ``[1]``, ``[^1]`` (Markdown) or ``<sup>1</sup>`` (HTML).  Note
definitions (``[^1]:``, a notes list line starting ``[1]``) are not markers.
A reader that knows where each marker came from says so
(``Article.markers``): a wikitext note's markers are its ``<ref>`` tags, a
named ref reused (``<ref name="x" />``) being one more marker of the same
note, and those places are used as they are.  When the counts disagree the
position is unknown rather than guessed.
"""

from __future__ import annotations

import re
from functools import cache

import attrs

from citeaudit.claims import Claim
from citeaudit.report.model import Finding, Report


@attrs.frozen
class Position:
    """A place in a text file: 1-based line and column (in characters)."""

    line: int
    column: int


def _marker_pattern(label: str) -> re.Pattern[str]:
    lab = re.escape(label)
    return re.compile(
        rf"\[\^?{lab}\](?!:)"
        rf"|<sup\b[^>]*>\s*(?:<a\b[^>]*>\s*)?\[?{lab}\]?\s*(?:</a>\s*)?</sup>",
        re.IGNORECASE,
    )


def _is_definition(text: str, start: int) -> bool:
    # A notes list line ("[1] Title…") starts with its label; a marker follows prose.
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:start].strip() == ""


class Locator:
    """Finds claims' markers of one report in its article's original text."""

    def __init__(self, report: Report, original: str | None) -> None:
        self.report = report
        self.original = original
        self._body = report.article.body
        self._in_original = cache(self._original_markers)

    def _original_markers(self, label: str) -> tuple[int, ...]:
        """Offsets of the markers of ``label`` in the file, as many as the body has, or none.

        A line that starts with the marker is the note's own line in a notes
        list, unless the prose was hard-wrapped just before a marker: such
        line starts are dropped from the end (the notes come after the prose)
        until the file holds as many markers as the body; if it cannot, the
        positions are unknown.
        """
        assert self.original is not None
        wanted = self._body.count(f"[{label}]")
        if self.report.article.markers:
            known = tuple(at for lab, at in self.report.article.markers if lab == label)
            return known if len(known) == wanted else ()
        hits = [m.start() for m in _marker_pattern(label).finditer(self.original)]
        for at in reversed([h for h in hits if _is_definition(self.original, h)]):
            if len(hits) <= wanted:
                break
            hits.remove(at)
        return tuple(hits) if len(hits) == wanted else ()

    def _position(self, offset: int) -> Position:
        assert self.original is not None
        line = self.original.count("\n", 0, offset) + 1
        column = offset - (self.original.rfind("\n", 0, offset) + 1) + 1
        return Position(line, column)

    def marker(self, claim: Claim, label: str | None = None) -> Position | None:
        """Where ``claim``'s marker of note ``label`` (its first note by default) is."""
        if self.original is None:
            return None
        if not claim.note_labels:
            return self._sentence(claim)
        label = label if label in claim.note_labels else claim.note_labels[0]
        start, end = claim.span
        token = f"[{label}]"
        # Markers end sentences: the claim's own is its last one of that label.
        at = self._body.rfind(token, start, end + len(token))
        if at < 0:
            return None
        k = self._body.count(token, 0, at)
        found = self._in_original(label)
        return self._position(found[k]) if k < len(found) else None

    def _sentence(self, claim: Claim) -> Position | None:
        # An uncited sentence has no marker: its first words, where they occur once.
        assert self.original is not None
        words = claim.text.split()[:6]
        if not words:
            return None
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
        hits = [m.start() for m in pattern.finditer(self.original)]
        return self._position(hits[0]) if len(hits) == 1 else None

    def finding(self, finding: Finding) -> Position | None:
        """Where ``finding`` is in the article: its claim's marker, or its note's first one
        (for a run of shifted notes, the marker of the run's first sentence)."""
        if finding.shift is not None:
            first = finding.shift.pairs[0]
            claim = self._claim(first.claim)
            return self.marker(claim, first.cited) if claim is not None else None
        if finding.claim is not None:
            claim = self._claim(finding.claim)
            return self.marker(claim, finding.note) if claim is not None else None
        if finding.note is not None:
            for claim in self.report.article.claims:
                if finding.note in claim.note_labels:
                    return self.marker(claim, finding.note)
        return None

    def _claim(self, claim_id: str) -> Claim | None:
        article = self.report.article
        return next((c for c in (*article.claims, *article.uncited) if c.id == claim_id), None)
