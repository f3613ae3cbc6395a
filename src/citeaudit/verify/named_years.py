"""Years used as names: "the 2018 prize", "the 2016 season", "the 2014 election".

A year written before a common noun picks out *which* prize, season or election
the claim means.  A page that gives the same noun only with other years ("books
… are eligible for the 2020 prize") speaks of another one, even when the claim's
year stands elsewhere on it ("a copyright of 2018"): the year and the noun are
both found, but not the thing they name together.  A reader reads the pair, so
the check caps (the claim is at most partly supported); it never vetoes — both
prizes may well exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from .text import STOPWORDS
from .units import Unit, UnitKind

# Up to three capitalised words may stand between a page's year and its noun
# ("the 2018 Birdsall Prize" names the 2018 prize).
_BETWEEN = r"(?:[A-Z][\w'.&-]*\s+){0,3}"
_NOUN_AFTER = re.compile(r"\s+([a-z][a-z-]{2,})\b")


@attrs.frozen
class NamedYear:
    """A bare year of the claim and the common noun it names."""

    year: int
    noun: str
    text: str
    """As the claim writes the pair (``2018 prize``)."""
    unit: int
    """Index of the year among the claim's units."""


def named_years(claim: str, units: Sequence[Unit]) -> list[NamedYear]:
    """The claim's bare years directly followed by a lower-case content word."""
    out = []
    for ui, unit in enumerate(units):
        d = unit.date
        if unit.kind is not UnitKind.DATE or d is None or d.year is None or d.month or \
                d.decade or d.relative or not d.text.strip().isdigit():
            continue
        m = _NOUN_AFTER.match(claim, d.end)
        if m is None or m.group(1) in STOPWORDS:
            continue
        out.append(NamedYear(d.year, m.group(1), claim[d.start:m.end()].strip(), ui))
    return out


def years_naming(noun: str, text: str) -> set[int]:
    """Every year the page writes before ``noun`` (singular or plural, any case)."""
    singular = noun[:-1] if noun.endswith("s") and len(noun) > 4 else noun
    pattern = re.compile(
        rf"\b(1[0-9]\d\d|20\d\d)\s+{_BETWEEN}(?i:{re.escape(singular)}(?:e?s)?)\b")
    return {int(m.group(1)) for m in pattern.finditer(text)}


def other_year(named: NamedYear, texts: Iterable[str]) -> int | None:
    """Another year the pages give the claim's noun, when none gives it the claim's year."""
    seen: set[int] = set()
    for text in texts:
        seen |= years_naming(named.noun, text)
    if not seen or named.year in seen:
        return None
    # The nearest year is the one a reader would compare it with; ties go to the earlier.
    return min(seen, key=lambda y: (abs(y - named.year), y))
