"""A pool page that counts the same thing, for the same parties, with another figure.

The verifier vetoes a cited page's differing figure only in a sentence that
states at least half of the claim's other words
(:data:`citeaudit.verify.thresholds.CONTRADICTION_MIN_ALIGNMENT`): a page the
author chose is expected to state the claim, so a figure elsewhere on it is
likely another fact.  A pool page was not chosen for the sentence; a reader
checking "North Korea has sent more than 13,000 containers of artillery,
missiles and other weapons to Russia" against "North Korea has supplied more
than 11,000 containers of ammunition to Russia" takes the other figure as the
sources' count of the same thing, however differently the cargo is described.
What makes it the same count is who and what: the page's sentence names every
party the claim names and counts the same noun with exactly one figure, and no
sentence of the page states the claim's own figure for that noun.
"""

from __future__ import annotations

import attrs

from citeaudit.verify import thresholds as th
from citeaudit.verify.entities import find_entities
from citeaudit.verify.numbers import Quantity, find_quantities
from citeaudit.verify.text import content_stems, split_sentences


@attrs.frozen
class Conflict:
    """The claim's figure and the page's differing figure for the same counted noun."""

    claim_figure: str
    page_figure: str
    noun: str
    """The counted word as the page writes it."""
    passage: str
    """The page's sentence stating its figure."""
    start: int
    end: int

    @property
    def detail(self) -> str:
        """One line: ``the claim says 13,000 containers but the page says 11,000``."""
        return (f"the claim says {self.claim_figure} {self.noun} but the page says "
                f"{self.page_figure} {self.noun}")


def counted_conflict(claim: str, page_text: str) -> Conflict | None:
    """The first figure of ``claim`` that ``page_text`` counts differently, or ``None``.

    Only counted figures (a number followed by the noun it counts) of a claim
    that names someone are weighed: a bare number or a claim about no named
    party is too loose to contradict.
    """
    counted = [q for q in find_quantities(claim) if q.noun and not q.percent]
    names = [set(content_stems(e.text)) for e in find_entities(claim)]
    names = [n for n in names if n]
    if not counted or not names:
        return None
    sentences = [(s, find_quantities(s.text)) for s in split_sentences(page_text)]
    for figure in counted:
        same = [(s, qs) for s, qs in sentences
                if any(o.noun == figure.noun and o.ordinal == figure.ordinal for o in qs)]
        if any(figure.matches(o, th.APPROX_TOLERANCE) for _, qs in same for o in qs
               if o.noun == figure.noun):
            continue  # the page states the claim's figure somewhere: not a contradiction
        for sentence, quantities in same:
            found = _conflict(figure, quantities, names, sentence.text)
            if found is not None:
                page_figure, noun = found
                return Conflict(figure.text, page_figure, noun, sentence.text,
                                sentence.start, sentence.end)
    return None


def _conflict(figure: Quantity, quantities: list[Quantity], names: list[set[str]],
              text: str) -> tuple[str, str] | None:
    same = [o for o in quantities if o.noun == figure.noun and o.ordinal == figure.ordinal]
    # A sentence listing several figures of the noun may give each for another part.
    if len(same) != 1 or figure.matches(same[0], th.APPROX_TOLERANCE):
        return None
    stems = set(content_stems(text))
    if not all(name <= stems for name in names):
        return None
    other = same[0]
    rest = text[other.end:].split()
    noun = rest[0].strip(".,;:()") if rest else ""
    return other.text, noun
