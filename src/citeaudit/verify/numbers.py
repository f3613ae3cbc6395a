"""Quantities in text: numerals, thousands separators, scale words, written-out numbers.

``more than 13,000 containers`` → ``Quantity(13000, noun="contain", approx=True)``;
``1.6 million`` → 1600000; ``twenty-five`` → 25.  Years (a bare 4-digit number
between 1000 and 2100) are left to :mod:`citeaudit.verify.dates`.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections.abc import Iterator

import attrs

from .text import STOPWORDS, lowered, scan_at, stem

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mn": 1e6, "bn": 1e9, "m": 1e6, "b": 1e9, "k": 1e3,
}
_QUALIFIERS = ("more than", "over", "nearly", "almost", "about", "around", "approximately",
               "roughly", "some", "at least", "up to", "less than", "fewer than", "under",
               "close to", "just over", "just under", "upwards of", "estimated", "an estimated")

_ORDINAL_WORDS = {
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20,
}
"""Ordinals written out ("first" and "second" are left out: they are more often not ranks —
"at first", "a second")."""
# The look-ahead only says what every alternative starts with (a digit, or one of the
# words' first letters): it finds the same ranks, and spares trying each of the eighteen
# words at every word of a page, which halves the time spent here.
_ORDINAL = re.compile(r"\b(?=[\d" + "".join(sorted({w[0] for w in _ORDINAL_WORDS})) + r"])"
                      r"(?:(?P<digits>\d{1,4})(?:st|nd|rd|th)|(?P<word>"
                      + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + r"))\b",
                      re.IGNORECASE)

# Units of measure → (dimension, size in the dimension's base unit).  Figures in different
# units of one dimension are compared after conversion ("12 miles" ~ "19 km").
_MEASURES = {
    "km": ("length", 1000.0), "kilometr": ("length", 1000.0), "kilomet": ("length", 1000.0),
    "metr": ("length", 1.0), "meter": ("length", 1.0), "cm": ("length", 0.01),
    "mile": ("length", 1609.344), "mi": ("length", 1609.344), "ft": ("length", 0.3048),
    "feet": ("length", 0.3048), "foot": ("length", 0.3048), "yard": ("length", 0.9144),
    "kg": ("mass", 1.0), "kilogram": ("mass", 1.0), "lb": ("mass", 0.45359237),
    "tonn": ("mass", 1000.0), "acr": ("area", 4046.856), "hectar": ("area", 10000.0),
    "ha": ("area", 10000.0), "mph": ("speed", 0.44704), "kmh": ("speed", 1 / 3.6),
}
CONVERSION_TOLERANCE = 0.05
"""A converted figure is rounded: "12 miles (19 km)" is 19.3 km."""

_WORD = "|".join(sorted([*_UNITS, "hundred", "thousand"], key=len, reverse=True))
_NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"hundred|thousand|million|billion|trillion|mn|bn|m|b|k"
_QUANTITY = re.compile(
    rf"(?P<cur>[$€£¥]|US\$)?\s?"
    rf"(?:(?P<num>{_NUMERAL})|(?P<words>\b(?:{_WORD})(?:(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)(?:{_WORD}))*)\b)"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?"
    rf"(?P<pct>\s?%|\s(?:per\s?cent|percent)\b)?",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"[\s-]*([^\W\d_]+)")
_START = re.compile(rf"[$€£¥\d]|\b(?=[zotfsendh])(?:{_WORD})\b", re.IGNORECASE)
"""Where a quantity's figure can begin: a currency sign, a digit or a number word.

Scanning for these first, then trying :data:`_QUANTITY` from a few characters
before each, finds the same matches as letting it try every position of a page,
five times faster."""
_LEAD = 4
"""How far before its figure a match can start: ``US$`` and a space."""
_START_SIGN = re.compile(r"[$€£¥\d]")
""":data:`_START`'s first alternative alone (a character class: the engine skips to it)."""
_SIGNS = "$€£¥"
_WORD_PREFIXES = tuple(dict.fromkeys(w[:3] for w in sorted([*_UNITS, "hundred", "thousand"])))
_ORDINAL_PREFIXES = frozenset(w[:3] for w in _ORDINAL_WORDS)
if not _ORDINAL_PREFIXES.issubset(_WORD_PREFIXES):  # the one scan finds ranks' words too
    raise AssertionError("a rank's word opens on no number word's letters")


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` (lower-case letters, none a prefix of another) written as
    a trie, so the engine reads each letter once whichever word follows."""
    heads: dict[str, list[str]] = {}
    for word in sorted(words):
        heads.setdefault(word[0], []).append(word[1:])
    return "|".join(head if tails == [""] else f"{head}(?:{_trie(tails)})"
                    for head, tails in heads.items())


_SCAN = re.compile(rf"[^a-z](?:(?P<word>{_trie(list(_WORD_PREFIXES))})|(?<=[{_SIGNS}\d]))")
"""Over the lower-cased page: every sign or digit, and every character that is not a
letter a-z followed by a number word's first three letters (a superset of the places a
number word or a rank's word can begin: after a non-word character).  A class opens the
pattern, so the engine skips from one such character to the next; one pass gives what
:func:`_ordinals` and :func:`_starts` each searched the page for (two lower-cased copies,
thirty substring searches and three scans for digits before)."""


@attrs.frozen
class _Starts:
    """Where figures and ranks can begin on a page, from one pass of :data:`_SCAN`."""

    words: list[int]
    """Offsets where a number word's first letters begin after a non-letter (or at 0)."""
    ranks: list[int]
    """Those of :attr:`words` that open a rank's word (``third`` … ``twentieth``)."""
    signs: list[int]
    """Offsets of every currency sign and digit."""
    runs: list[int]
    """Offsets where a run of digits begins."""


def _scan(text: str) -> _Starts | None:
    """The :class:`_Starts` of ``text``, or None when its lower-cased copy cannot stand for it
    (see :func:`~citeaudit.verify.text.word_starts`)."""
    low = lowered(text)
    if low is None:
        return None
    words: list[int] = []
    ranks: list[int] = []
    signs: list[int] = []
    runs: list[int] = []
    if low.startswith(_WORD_PREFIXES):
        words.append(0)
        if low[:3] in _ORDINAL_PREFIXES:
            ranks.append(0)
    last_digit = -2
    for m in _SCAN.finditer(low):
        at = m.start()
        word = m.group("word")
        if word is not None:
            words.append(at + 1)
            if word in _ORDINAL_PREFIXES:
                ranks.append(at + 1)
            # The character before the word may itself be a sign or a digit ("$five").
            ch = low[at]
            if ch not in _SIGNS and not _START_SIGN.match(ch):
                continue
        signs.append(at)
        if low[at] not in _SIGNS:
            if at != last_digit + 1:
                runs.append(at)
            last_digit = at
    return _Starts(words, ranks, signs, runs)


@attrs.frozen
class Quantity:
    """A number found in text."""

    value: float
    start: int
    end: int
    text: str
    noun: str | None = None
    """Stem of the word the number counts (``containers`` → ``contain``), if any."""
    approx: bool = False
    """Preceded by ``more than``, ``about``, ``nearly``…: the figure is not exact."""
    percent: bool = False
    precision: float = 1.0
    """Half a unit of the last written digit, scaled: ``1.6 million`` → 50,000."""
    ordinal: bool = False
    """A rank (``3rd``, ``third``), matched only by a rank."""

    @property
    def measure(self) -> tuple[str, float] | None:
        """``(dimension, size of the unit)`` when the figure is a measurement (``5km``)."""
        return _MEASURES.get(self.noun or "")

    def matches(self, other: Quantity, approx_tolerance: float) -> bool:
        """Whether ``other`` (from the source) states the same figure as this (from the claim)."""
        if self.ordinal != other.ordinal:
            return False
        mine, theirs = self.measure, other.measure
        if mine and theirs and mine[0] == theirs[0] and mine[1] != theirs[1]:
            a, b = self.value * mine[1], other.value * theirs[1]
            return abs(a - b) <= CONVERSION_TOLERANCE * max(abs(a), abs(b))
        if math.isclose(self.value, other.value, rel_tol=1e-9):
            return True
        # "1.6 million" is supported by "1,581,000": the claim rounds.
        if abs(self.value - other.value) <= self.precision:
            return True
        if abs(self.value - other.value) <= other.precision:
            return True
        if self.approx or other.approx:
            return abs(self.value - other.value) <= approx_tolerance * max(self.value, 1.0)
        return False


def _words_value(words: str) -> float | None:
    total, current = 0.0, 0.0
    seen = False
    for w in re.split(r"[\s-]+", words.lower()):
        if not w or w == "and":
            continue
        if w in _UNITS:
            current += _UNITS[w]
            seen = True
        elif w in _SCALES:
            current = max(current, 1.0) * _SCALES[w]
            if _SCALES[w] >= 1e3:
                total += current
                current = 0.0
    return total + current if seen else None


def is_year(q: Quantity) -> bool:
    """A bare four-digit number that reads as a year."""
    return (q.precision == 0.5 and float(q.value).is_integer() and 1000 <= q.value <= 2100
            and not q.percent and "," not in q.text and q.text.strip()[:1].isdigit()
            and len(q.text.strip()) == 4)


def find_quantities(text: str, *, skip_years: bool = True) -> list[Quantity]:
    """Every quantity in ``text`` with its offsets; years are skipped unless asked for."""
    starts = _scan(text)
    out: list[Quantity] = list(_ordinals(text, starts))
    # Ranks come in text order and do not overlap: the one that may overlap a match is the
    # last starting before its end (a binary search, so a page of ranks stays linear).
    rank_starts = [q.start for q in out]
    rank_ends = [q.end for q in out]
    for m in _matches(text, starts):
        i = bisect.bisect_left(rank_starts, m.end()) - 1
        if i >= 0 and rank_ends[i] > m.start():
            continue
        num, words, scale = m.group("num"), m.group("words"), m.group("scale")
        end = m.end()
        if num:
            # "5m" / "10k" only count as scale words right after the digits.
            if scale and scale.lower() in {"m", "b", "k"} and m.group().rstrip()[-2:-1] == " ":
                scale = None
                end = m.end("num")  # "100 m sprint": the "m" is a unit, read as the noun
            digits = num.replace(",", "")
            value = float(digits)
            decimals = len(digits.split(".")[1]) if "." in digits else 0
            precision = 0.5 * 10 ** (-decimals)
        elif words:
            words_value = _words_value(words)
            if words_value is None:
                continue
            # "one" and "a dozen" are too often not figures at all.
            if words.strip().lower() in {"one", "zero"}:
                continue
            value, precision = words_value, 0.5
        else:
            continue
        if scale and scale.lower() in _SCALES:
            factor = _SCALES[scale.lower()]
            value *= factor
            precision *= factor
        matched = text[m.start():end].rstrip()
        end = m.start() + len(matched)
        start = m.start() + (len(matched) - len(matched.lstrip()))
        if start >= end:
            continue
        q = Quantity(
            value=value, start=start, end=end, text=text[start:end],
            noun=_noun_after(text, end), approx=_qualified(text, start),
            percent=bool(m.group("pct")), precision=precision,
        )
        if skip_years and is_year(q) and not m.group("cur"):
            continue
        out.append(q)
    return out


def _ordinals(text: str, starts: _Starts | None = None) -> Iterator[Quantity]:
    # A rank begins at a word boundary with a digit (so where a run of digits begins) or
    # with one of the words: the pattern is tried there only.
    at: list[int] | None = None
    if (starts := starts or _scan(text)) is not None:
        at = sorted(starts.ranks + starts.runs)
    for m in scan_at(_ORDINAL, text, at):
        digits, word = m.group("digits"), m.group("word")
        value = float(digits) if digits else float(_ORDINAL_WORDS[word.lower()])
        yield Quantity(value=value, start=m.start(), end=m.end(), text=m.group(),
                       noun=_noun_after(text, m.end()), ordinal=True, precision=0.5)


def _matches(text: str, starts: _Starts | None = None) -> Iterator[re.Match[str]]:
    """``_QUANTITY.finditer(text)``, found faster (see :data:`_START`)."""
    pos = 0
    for start in _starts(text, starts):
        if start < pos:
            continue
        m = _QUANTITY.search(text, max(pos, start - _LEAD))
        if m is None:
            return
        yield m
        pos = m.end()


def _starts(text: str, starts: _Starts | None = None) -> Iterator[int]:
    """The offsets where :data:`_START` matches, in order.

    Its word alternative, case-insensitive, would be tried at every offset of the page:
    it is tried only where a number word's first letters begin (:func:`_scan`), and signs
    and digits are found in the same pass.
    """
    if (starts := starts or _scan(text)) is None:
        yield from (m.start() for m in _START.finditer(text))
        return
    words = [at for at in starts.words if _START.match(text, at)]
    # A sign or digit is never a word's first letter: no offset is in both lists.
    yield from heapq.merge(starts.signs, words)


def _noun_after(text: str, end: int) -> str | None:
    for _ in range(2):
        m = _NEXT_WORD.match(text, end)
        if not m:
            return None
        word = m.group(1).lower()
        if word in {"km", "mi", "ft", "kg", "lb", "lbs", "cm", "ha", "mph", "m"}:
            return {"lbs": "lb", "m": "metr"}.get(word, word)
        if word in STOPWORDS or word in _SCALES or word in {"per", "cent", "percent"}:
            end = m.end()
            continue
        return stem(word)
    return None


def _qualified(text: str, start: int) -> bool:
    before = text[max(0, start - 20):start].lower().rstrip(" $€£¥")
    return before.endswith(_QUALIFIERS)
