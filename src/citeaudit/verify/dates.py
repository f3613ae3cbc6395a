"""Dates in text: full, partial (month and year, year alone) and relative ones.

``June 18, 2024``, ``18 June 2024``, ``2024-06-18``, ``June 2024``, ``in 2016``; in a
source, ``yesterday`` or ``last year`` resolve against the page's publication date
when it is known.  A claim's date is *found* when a source date agrees on every
field the claim gives, and *contradicted* when a source date with the same fields
disagrees.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

import attrs

from . import thresholds as th
from .text import scan_at, word_starts

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"

_DECADE = re.compile(r"(?:\b(?P<century>1[0-9]|20)(?P<decade>\d)0|'(?P<short>\d)0)s\b")
"""``1990s``, ``'80s`` (tried before bare years, which would take the ``1990``)."""
_BARE_YEAR = re.compile(
    rf"(?<![\d.,$€£]){_YEAR}(?![\d%]|\.\d|,\d)(?!\s?(?:percent|per cent))")
_PATTERNS = [
    re.compile(r"\b(?P<year>1[0-9]{3}|20[0-9]{2})-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    # "October 15:30" is a month and a clock time, not the 15th (a listing's "18 October
    # 15:30" would lose its day to it).
    re.compile(rf"\b{_MON}\s+{_DAY}(?![:.]\d)(?:,?\s+{_YEAR})?\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR})?\b", re.IGNORECASE),
    re.compile(rf"\b{_MON},?\s+{_YEAR}\b", re.IGNORECASE),
    _DECADE,
    _BARE_YEAR,
]
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:section|sections|article|rule|chapter|route|highway|interstate|flight|"
    r"room|suite|volume|issue|page|pages|form|opus)"
    r"|\b(?:no|nos|vol|pp|p|op)\.|§|#)\s*$", re.IGNORECASE)
"""A figure after one of these names a thing (*Section 1983*, *Route 2020*, *No. 1900*,
*p. 1987*): a reader takes it for a label, not a year.  The short ones only abbreviated:
*no 2020 edition* is a year."""
_BY_MONTH = (_PATTERNS[1], _PATTERNS[3])
"""The patterns that open on a month name: tried only where one may begin
(:func:`~citeaudit.verify.text.word_starts`: a third of reading a page's dates otherwise);
the others only where a run of digits begins."""
_MONTH_PREFIXES = tuple(dict.fromkeys(name[:3] for name in _MONTHS))
_RELATIVE = re.compile(
    r"\b(?P<rel>today|yesterday|tomorrow|(?:last|this|next)\s+(?:year|month)|"
    r"(?P<n>\d+|two|three|four|five|six|seven)\s+(?P<unit>days?|years?)\s+ago|"
    r"(?:last\s+|on\s+)?(?P<wd>" + "|".join(_WEEKDAYS) + r"))\b",
    re.IGNORECASE,
)
_RELATIVE_PREFIXES = ("today", "yesterday", "tomorrow", "last", "this", "next", "two", "three",
                      "four", "five", "six", "seven", "on", *(w[:3] for w in _WEEKDAYS))
"""What each of :data:`_RELATIVE`'s alternatives opens with, but a count in digits."""
_MONTH_NAMES = tuple(max((k for k, v in _MONTHS.items() if v == month), key=len).capitalize()
                     for month in range(1, 13))
"""``January`` … ``December``: each month's longest spelling in :data:`_MONTHS`."""
_BARE_MONTH = re.compile(r"(?P<bm>" + "|".join(_MONTH_NAMES) + r")\b(?![.,]?\s*\d)")
"""A month named alone, capitalised (``screened in May``): not ``may`` the verb, nor a month
with its day or year (a full pattern takes those)."""
_MONTH_LEAD = re.compile(r"\b(?:in|during|since|until|till|by|for|early|late|mid)[\s-]+$",
                         re.IGNORECASE)
"""The word before a month named alone that makes it a time (``in May``, ``early June``), not
a name (``May Day``, ``June Carter``); not *of* or *from*, which open titles as often
(``Daughters of August``, ``emerge from August``)."""
_DIGIT_RUN = re.compile(r"\d+")
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_PUBLISHED_META = re.compile(r"PUBLISHED DATETIME:\s*(\d{4})-(\d{2})-(\d{2})")


@attrs.frozen
class DateRef:
    """A date as precise as the text gives it (missing fields are None)."""

    year: int | None
    month: int | None
    day: int | None
    start: int
    end: int
    text: str
    relative: bool = False
    """Resolved from ``yesterday``, ``last year``… against the publication date, or from *the
    following year* against the claim's context (:mod:`.context_dates`)."""
    decade: bool = False
    """``the 1990s`` / ``the '90s``: ``year`` is the decade's first year."""

    @property
    def fields(self) -> dict[str, int]:
        """The fields the text states."""
        return {k: v for k, v in (("year", self.year), ("month", self.month),
                                  ("day", self.day)) if v is not None}

    def describe(self) -> str:
        """``2024-06-18``, ``2024-06``, ``June 18`` — the fields known, readably."""
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.year and self.month:
            return f"{self.year:04d}-{self.month:02d}"
        if self.month and self.day:
            return f"{dt.date(2000, self.month, self.day):%B} {self.day}"
        return str(self.year) if self.year else self.text

    def supported_by(self, other: DateRef) -> bool:
        """``other`` agrees on every field this date states (a missing source year is allowed
        when month and day agree: pages often write ``June 18`` under a dated headline)."""
        if self.decade:
            return other.year is not None and self.year is not None and (
                self.year <= other.year < self.year + 10)
        if other.decade:
            return False
        mine, theirs = self.fields, other.fields
        for key, value in mine.items():
            if key not in theirs:
                if key == "year" and "month" in mine and "day" in mine:
                    continue
                return False
            if theirs[key] != value:
                return False
        return True

    def conflicts_with(self, other: DateRef) -> bool:
        """``other`` states the same kind of date with a different value."""
        if self.decade or other.decade:
            return False  # a decade is too loose to contradict anything
        mine, theirs = self.fields, other.fields
        shared = [k for k in ("year", "month", "day") if k in mine and k in theirs]
        if not shared:
            return False
        # Both must be at the same granularity at the finest level the claim gives:
        # "June 18" vs "June 2024" is not a contradiction, "June 18" vs "June 19" is.
        finest = "day" if "day" in mine else "month" if "month" in mine else "year"
        if finest not in theirs:
            return False
        return any(mine[k] != theirs[k] for k in shared)


def _make(year: int | None, month: int | None, day: int | None, m: re.Match[str],
          text: str, relative: bool = False) -> DateRef | None:
    try:
        dt.date(year or 2000, month or 1, day or 1)
    except ValueError:
        return None
    return DateRef(year, month, day, m.start(), m.end(), text[m.start():m.end()], relative)


def find_dates(text: str, *, published: dt.date | None = None) -> list[DateRef]:
    """Every date in ``text``, earliest offset first; overlapping matches keep the fullest."""
    found: list[DateRef] = []
    taken = _Spans()
    # Each pattern is tried only where it can begin: a month name, or a run of digits (the
    # others open on a digit after a word boundary or a non-digit), or a decade's "'".
    month_starts = word_starts(text, _MONTH_PREFIXES)
    digit_starts = [m.start() for m in _DIGIT_RUN.finditer(text)]
    for pattern in _PATTERNS:
        if pattern in _BY_MONTH:
            starts = month_starts
        elif pattern is _DECADE:
            starts = sorted(digit_starts + _positions(text, "'"))
        else:
            starts = digit_starts
        for m in scan_at(pattern, text, starts):
            if taken.overlaps(m.start(), m.end()):
                continue
            if pattern is _BARE_YEAR and _LABEL_BEFORE.search(text, max(0, m.start() - 12),
                                                               m.start()):
                continue
            if pattern is _DECADE:
                century, digit = m.group("century"), m.group("decade")
                year = int(century + digit + "0") if century else 1900 + 10 * int(m.group("short"))
                found.append(DateRef(year, None, None, m.start(), m.end(), m.group(),
                                     decade=True))
                taken.add(m.start(), m.end())
                continue
            gd = m.groupdict()
            mon = gd.get("mon")
            month = None
            if mon is not None:
                # casefold, not lower: the pattern matches case-insensitively, so it also
                # takes "ſeptember" (long s) or a Kelvin-sign "K", which lower() keeps.
                month = int(mon) if mon.isdigit() else _MONTHS.get(mon.casefold())
                if month is None:
                    continue
                # "May" alone as a verb or a name is not a date; require a day or a year.
                if mon.lower() == "may" and not (gd.get("day") or gd.get("year")):
                    continue
            day = int(gd["day"]) if gd.get("day") else None
            year = int(gd["year"]) if gd.get("year") else None
            ref = _make(year, month, day, m, text)
            if ref:
                found.append(ref)
                taken.add(m.start(), m.end())
    if published is not None:
        found.extend(_relative_dates(text, published, taken))
        found.extend(_bare_months(text, published, taken))
    return sorted(found, key=lambda d: d.start)


def _positions(text: str, char: str) -> list[int]:
    """Every offset of ``char`` (a character or a word) in ``text``, in order."""
    out = []
    at = text.find(char)
    while at >= 0:
        out.append(at)
        at = text.find(char, at + 1)
    return out


class _Spans:
    """Disjoint spans kept sorted: an overlap test costs a binary search, so a page of
    12,000 dates is read in linear time (a list scanned per match made it quadratic)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a span already added."""
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none already added."""
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def _relative_dates(text: str, published: dt.date, taken: _Spans) -> list[DateRef]:
    out = []
    starts = word_starts(text, _RELATIVE_PREFIXES)
    if starts is not None:
        # A count in digits ("3 days ago") opens a match only where its run of digits does.
        starts = sorted(starts + [m.start() for m in _DIGIT_RUN.finditer(text)])
    for m in scan_at(_RELATIVE, text, starts):
        if taken.overlaps(m.start(), m.end()):
            continue
        rel = m.group("rel").lower()
        year: int | None = published.year
        month: int | None = None
        day: int | None = None
        if rel in {"today", "yesterday", "tomorrow"}:
            d = published + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[rel])
            year, month, day = d.year, d.month, d.day
        elif m.group("wd"):
            d = _weekday(text, m, published)
            year, month, day = d.year, d.month, d.day
        elif m.group("unit"):
            n = m.group("n")
            count = int(n) if n.isdigit() else _SMALL[n.lower()]
            if m.group("unit").lower().startswith("day"):
                d = published - dt.timedelta(days=count)
                year, month, day = d.year, d.month, d.day
            else:
                year = published.year - count
        elif rel.endswith("year"):
            year = published.year + {"last": -1, "this": 0, "next": 1}[rel.split()[0]]
        else:  # last/this/next month
            shift = {"last": -1, "this": 0, "next": 1}[rel.split()[0]]
            index = published.year * 12 + published.month - 1 + shift
            year, month = divmod(index, 12)
            month += 1
        ref = _make(year, month, day, m, text, relative=True)
        if ref:
            out.append(ref)
    return out


def _weekday(text: str, m: re.Match[str], published: dt.date) -> dt.date:
    """The day a weekday names on a page of ``published``: the one just past (news reports
    what happened), but the coming one where the words say so, ``next Thursday``, ``this
    coming Thursday``, or a future (``will``, ``is to``, ``to be``…) earlier in its clause.
    The page's own weekday is the page's day, as news writes it (AP style), except after
    ``last`` or ``next``."""
    target = _WEEKDAYS.index(m.group("wd").lower())
    if m.group("rel").lower().startswith("last"):
        return published - dt.timedelta(days=(published.weekday() - target) % 7 or 7)
    clause = _CLAUSE_START.split(text[max(0, m.start() - _CLAUSE_REACH):m.start()])[-1]
    if _NEXT_BEFORE.search(clause):
        return published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
    if _FUTURE.search(clause):
        return published + dt.timedelta(days=(target - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - target) % 7)


_CLAUSE_REACH = 200
"""How far back a weekday's clause is read for a future (a sentence's clause is shorter)."""
_CLAUSE_START = re.compile(r"[.;:!?,()\n]|\s[–—-]\s")
_NEXT_BEFORE = re.compile(r"\b(?:next|this\s+coming|coming)\s+$", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|shall|won['’]t|is\s+to|are\s+to|to\s+be)\b|\w['’]ll\b",
                     re.IGNORECASE)
"""A future in the words before a weekday: ``will be announced on Thursday``."""


def _bare_months(text: str, published: dt.date, taken: _Spans) -> list[DateRef]:
    """Months a dated page names alone (``screened in May``): the reader takes the one
    nearest the page's date, a news page speaking of the months just past and just ahead
    (``planned for June`` on a page of 20 December 2018 is June 2019)."""
    out = []
    # Every match opens on a capitalised month name: found by plain substring search.
    starts = sorted(at for name in _MONTH_NAMES for at in _positions(text, name))
    for m in scan_at(_BARE_MONTH, text, starts):
        lead = _MONTH_LEAD.search(text, max(0, m.start() - 16), m.start())
        if lead is None or taken.overlaps(m.start(), m.end()):
            continue
        month = _MONTHS[m.group("bm").lower()]
        year = min((published.year + k for k in (-1, 0, 1)),
                   key=lambda y: abs((dt.date(y, month, 15) - published).days))
        ref = _make(year, month, None, m, text, relative=True)
        if ref:
            out.append(ref)
    return out


def published_from_meta(source_text: str) -> dt.date | None:
    """The ``(meta data) PUBLISHED DATETIME: 2016-08-24`` line some extracted pages carry."""
    m = _PUBLISHED_META.search(source_text[:2000])
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_BYLINE_MARK = re.compile(r"^\W*(?:by|posted|published|written|originally)\b", re.IGNORECASE)
_BYLINE_WORDS = frozenset({
    "by", "on", "at", "posted", "published", "updated", "modified", "revised", "edited",
    "written", "originally", "last", "the", "am", "pm", "a.m.", "p.m.", "et", "pt", "est",
    "edt", "pst", "pdt", "cst", "cdt", "gmt", "utc", "bst", "cet", "ist"})
"""What a byline says besides names and the date (``Posted by Editor on``, ``10:02 a.m. ET``)."""
_BYLINE_WHEN = re.compile(r"\b(?:(?P<pub>posted|published|written|originally)|"
                          r"(?P<upd>updated|modified|revised|edited))\b", re.IGNORECASE)
"""The words that say which date a byline gives: when the page was written, or when it was
last changed (``Last updated``, ``Modified``), which is not when it reported its event."""
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?", re.IGNORECASE)
_A_YEAR = re.compile(r"(?<!\d)(?:1[0-9]{3}|20[0-9]{2})(?!\d)")


def published_from_byline(source_text: str) -> dt.date | None:
    """The date a page gives itself in its byline or dateline, when it carries no metadata:
    ``By Travis Zimpfer on March 2, 2017``, ``Posted 3 October 2017``, or a line that is only
    a date (and a time) beside the page's headline.  A date in a sentence, a range (an
    archive's ``31 Mar 2001 - 11 May 2022``) or a line far from the headline (a site's
    "today" in its header) is not the page's."""
    head = source_text[:th.BYLINE_HEAD_LINES * (th.BYLINE_MAX_CHARS + 1)]
    lines = head.split("\n")[:th.BYLINE_HEAD_LINES]
    headline = next((i for i, ln in enumerate(lines) if ln.startswith("# ")), None)
    marked, beside = None, None
    for i, line in enumerate(lines):
        if line.startswith("(meta data)") or len(line) > th.BYLINE_MAX_CHARS \
                or not _A_YEAR.search(line):
            continue  # a date of the page names its year: most lines are read no further
        dates = find_dates(line)
        full = [d for d in dates if d.year and d.month and d.day]
        if not full or len(full) != len(dates) or len(full) > 2 \
                or not _only_byline_words(line, full):
            continue
        written = _written_date(line, full)
        if written is None:
            continue
        day = dt.date(written.year, written.month, written.day)
        if _BYLINE_MARK.match(line):
            marked = marked or day
        elif headline is not None and abs(i - headline) <= th.BYLINE_NEAR_HEADLINE:
            beside = beside or day
    return marked or beside


def _written_date(line: str, full: list[DateRef]) -> DateRef | None:
    """Which of a byline's dates (one, or two: ``Published …, Updated …``) says when the page
    was written, as a reader takes it: the one date a *Published*/*Posted* word leads, or a
    line's only date when no such word nor *Updated*/*Modified* says which it is.  Each date
    is led by the last such word before it (by the line's first, when none comes before)."""
    marks = list(_BYLINE_WHEN.finditer(line))
    if not marks:
        return full[0] if len(full) == 1 else None
    led = []
    for date in full:
        before = [m for m in marks if m.end() <= date.start]
        mark = before[-1] if before else marks[0]
        led.append((date, mark.group("pub") is not None))
    published = [date for date, pub in led if pub]
    return published[0] if len(published) == 1 else None


def _only_byline_words(line: str, full: list[DateRef]) -> bool:
    """Whether ``line`` says nothing but its dates, a time, names and byline words."""
    pieces, at = [], 0
    for date in full:
        pieces.append(line[at:date.start])
        at = date.end
    rest = _CLOCK.sub(" ", " ".join([*pieces, line[at:]]))
    words = re.findall(r"[^\W\d_][\w.'’]*", rest)
    return all(w[0].isupper() or w.lower() in _BYLINE_WORDS for w in words)
