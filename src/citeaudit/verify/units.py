"""A claim's content units: the facts the source must state for the claim to hold.

Claims usually combine several facts ("X, founded in 1998, employs 1,200
people"): numbers, dates and the content words around them.  Each unit is
matched on its own, so a claim can be *partly* supported.
"""

from __future__ import annotations

import enum
import itertools
import re

import attrs

from .context_dates import context_years
from .dates import DateRef, find_dates
from .numbers import Quantity, find_quantities
from .text import STOPWORDS, stem, tokens


class UnitKind(enum.StrEnum):
    """What a unit is matched as."""

    TERM = "term"
    NUMBER = "number"
    DATE = "date"


@attrs.frozen
class Unit:
    """One checkable piece of the claim."""

    kind: UnitKind
    text: str
    """As written in the claim."""
    key: str = ""
    """For terms: the stem matched against the source's stems."""
    quantity: Quantity | None = None
    date: DateRef | None = None
    entity: bool = False
    """A term inside a capitalised name (weighted higher: names are the claim's anchors)."""
    start: int = -1
    """Offset in the claim (for telling which of its statements the unit belongs to)."""
    name: tuple[int, int] | None = None
    """For a term inside a name: the name's span in the claim (which words are its own)."""


# "North Atlantic Treaty Organization (NATO)" in the context lets "NATO" in the claim
# match a page that only spells the name out.
_ABBREV_DEF = re.compile(r"((?:[A-Z][\w'-]*\s+(?:(?:of|the|and|for|de)\s+)*){2,8})\(([A-Z]{2,8})\)")


_YEAR_SPAN = re.compile(r"\b(?:1\d|20)\d\d\s?[-\u2013/]\s?(\d\d)\b")


def abbreviations(context: str | None) -> dict[str, list[str]]:
    """Acronyms the context defines, mapped to the stems of their long form."""
    if not context:
        return {}
    out = {}
    for m in _ABBREV_DEF.finditer(context):
        long_stems = [stem(t.lower) for t in tokens(m.group(1)) if t.lower not in STOPWORDS]
        out[m.group(2).lower()] = long_stems
    return out


def claim_units(claim: str, entity_spans: list[tuple[int, int]] | None = None, *,
                skip: list[tuple[int, int]] | None = None,
                context: str | None = None) -> list[Unit]:
    """Numbers, dates, then the remaining content words, in claim order within each kind.

    ``skip`` spans (e.g. the claim's ``according to X``) yield no unit.  With ``context``
    (the text before the claim), *the following year* and its kin are dates too
    (:func:`~citeaudit.verify.context_dates.context_years`).
    """
    units: list[Unit] = []
    covered: list[tuple[int, int]] = list(skip or [])
    # "2018–19": the tail of a span of years is not a figure of its own.
    covered += [(m.start(1), m.end(1)) for m in _YEAR_SPAN.finditer(claim)]
    dates = find_dates(claim)
    dates += [d for d in context_years(claim, context, dates)
              if not any(o.start < d.end and d.start < o.end for o in dates)]
    for d in sorted(dates, key=lambda d: d.start):
        units.append(Unit(UnitKind.DATE, d.text, date=d, start=d.start))
        covered.append((d.start, d.end))
    previous: Quantity | None = None
    for q in find_quantities(claim):
        if any(s < q.end and q.start < e for s, e in covered):
            continue
        covered.append((q.start, q.end))
        if previous is not None and _is_conversion(claim, previous, q):
            # "12 miles (19 km)": the bracketed figure restates the first in other units.
            covered.append((previous.end, q.end + 1))
            previous = None
            continue
        units.append(Unit(UnitKind.NUMBER, q.text, quantity=q, start=q.start))
        previous = q
    seen: set[str] = set()
    entity_spans = entity_spans or []
    for tok in tokens(claim):
        if any(s < tok.end and tok.start < e for s, e in covered):
            continue
        low = tok.lower
        if low in STOPWORDS or (len(low) < 2 and not low.isdigit()):
            continue
        key = stem(low)
        if key in seen or key in STOPWORDS:
            continue
        seen.add(key)
        name = next(((s, e) for s, e in entity_spans if s <= tok.start and tok.end <= e), None)
        units.append(Unit(UnitKind.TERM, tok.text, key=key, entity=name is not None,
                          start=tok.start, name=name))
    return units


def _is_conversion(claim: str, first: Quantity, second: Quantity) -> bool:
    between = claim[first.end:second.start]
    a, b = first.measure, second.measure
    # The bracketed figure is a measure, of the first's dimension when that one names its
    # unit in a way we read ("830,000 sq ft (77,000 m²)" has a unit we do not).
    same = b is not None and (a is None or a[0] == b[0])
    return same and re.fullmatch(r"\s*(?:[\w.]+\s*){0,2}\(\s*", between) is not None


_PARTICLES = frozenset(["down", "up", "out", "off", "on", "over", "away", "back", "in"])


def phrasal_particles(claim: str) -> dict[str, str]:
    """Claim word stem → the particle after it (``stepped down``): phrasal verbs are looked
    up whole in the lexicon, since the particle alone is a stopword."""
    toks = tokens(claim)
    out = {}
    for a, b in itertools.pairwise(toks):
        if b.lower in _PARTICLES and a.lower not in STOPWORDS and a.lower.isalpha():
            out[stem(a.lower)] = b.lower
    return out
