"""Years a claim gives relative to the sentences before it: *the following year*, *that year*.

A Wikipedia sentence often dates itself by its predecessor (*The club was formed in 1886 …*
/ *… when it was inaugurated the following year*).  A reader resolves the phrase against
the last year the preceding text names and asks the page for that year, as for a year the
claim states; without it the claim's date goes unchecked and a page that never says when
reads as support.  Resolved years never contradict (like *last year* on a dated page, the
referent may be misread), they only go missing.
"""

from __future__ import annotations

import re

from .dates import DateRef, find_dates

_RELATIVE_YEAR = re.compile(
    r"\b(?:(?P<next>the\s+(?:following|next|subsequent)\s+year|a\s+year\s+later)"
    r"|(?P<same>(?:the|that)\s+same\s+year|later\s+that\s+year|that\s+year)"
    r"|(?P<prev>the\s+(?:previous|preceding|prior)\s+year|a\s+year\s+(?:earlier|before)))"
    r"\b(?!'s|\s+as\b|\s+(?:of|in)\b)",
    re.IGNORECASE)
"""The phrases, by the shift they make.  Not *the same year as* (another referent), nor
*the following year of*/*in*, nor *that year's* (a possessive names something else)."""
_SHIFT = {"next": 1, "same": 0, "prev": -1}
_APPOSED = re.compile(r"[\s,(\u2013\u2014-]*")
"""What may stand between a phrase and the year that names it: *the same year, 1992*,
*that year (1992)*."""


def _names(claim: str, end: int, year_start: int) -> bool:
    """The claim's year at ``year_start`` follows the phrase ending at ``end`` directly."""
    return year_start >= end and _APPOSED.fullmatch(claim, end, year_start) is not None


def context_years(claim: str, context: str | None,
                  claim_dates: list[DateRef] | None = None) -> list[DateRef]:
    """The years ``claim``'s relative phrases stand for, read from ``context`` (the text
    before the claim).  A phrase after a year of the claim's own refers to that year, and
    one the claim names at once (*in the same year, 1992*) is that year: both are already
    asked for, so they give none; nor does a context naming no year.  ``claim_dates`` are
    the claim's own dates when the caller has read them already."""
    if not context:
        return []
    found = []
    if claim_dates is None:
        claim_dates = find_dates(claim)
    own = [d for d in claim_dates if d.year and not d.decade]
    base = None
    for m in _RELATIVE_YEAR.finditer(claim):
        if any(d.end <= m.start() or _names(claim, m.end(), d.start) for d in own):
            continue
        if base is None:
            years = [d for d in find_dates(context) if d.year and not d.decade
                     and not d.relative]
            if not years:
                return []
            base = years[-1].year
        kind = next(k for k, v in m.groupdict().items() if v)
        found.append(DateRef(base + _SHIFT[kind], None, None, m.start(), m.end(), m.group(),
                             relative=True))
    return found
