"""Claims: the sentence a note marker ends, tied to the notes it cites.

:func:`find_claims` walks an article body paragraph by paragraph and sentence
by sentence (see :mod:`citeaudit.sentences`):

* a sentence that holds one or more markers of known notes is a cited claim
  (``c1``, ``c2``…).  A marker in the middle of a sentence (``… [2] and … [3].``)
  still ties the *whole* sentence; all its markers' notes are listed in marker
  order, each once.  A note cited from two sentences gives two claims.
* the sentences of the same paragraph before a cited one, cited or not, are its
  ``context``: they name whom *He* or *The company* means, what an acronym stands for and
  which year *the following year* is, as a reader takes them from the text before.
* a sentence without markers that asserts checkable facts (numbers, dates,
  quotations, named sources) is an uncited claim (``u1``, ``u2``…) whose
  ``signals`` say why.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Collection, Iterator
from typing import Any

import attrs

from citeaudit.sentences import MARKER, paragraphs, split_sentences


@attrs.frozen
class Claim:
    """A sentence of the article and the notes that support it."""

    id: str
    """``c1``, ``c2``… for cited claims in article order; ``u1``… for uncited ones."""
    text: str
    """The sentence, with note markers removed."""
    span: tuple[int, int]
    """Character offsets of the sentence in ``Article.body``."""
    note_labels: tuple[str, ...] = ()
    """Labels of the cited notes, in marker order; empty for an uncited claim."""
    context: str = ""
    """The sentences of the same paragraph before this one (markers removed), at most
    :data:`MAX_CONTEXT_CHARS` of them counted from the claim back."""
    signals: tuple[str, ...] = ()
    """For uncited claims: what makes it checkable (``number``, ``date``, ``quote``, ``source``)."""

    def to_dict(self) -> dict[str, Any]:
        """The claim's parse-time fields as in the ``claims`` part of the JSON schema."""
        return {
            "id": self.id,
            "text": self.text,
            "span": list(self.span),
            "notes": list(self.note_labels),
            "context": self.context,
            "signals": list(self.signals),
        }


@attrs.frozen
class Claims:
    """The claims of one body: cited ones and checkable uncited ones."""

    cited: tuple[Claim, ...]
    uncited: tuple[Claim, ...]
    uncited_truncated: bool = False
    """More uncited claims than ``max_uncited`` were found; only that many are listed."""


MIN_UNCITED_WORDS = 5
"""Shorter marker-less lines are headings, captions or bylines, not claims."""
MAX_CONTEXT_CHARS = 2000
"""A claim's context keeps the whole sentences before it that fit in this many characters.
The verifier is measured with WiCE's contexts, the paragraph before the claim (the longest
of its dev set is 1,902 characters), so the bound does not cut a context of that kind; it
keeps a paragraph of thousands of cited sentences from costing each claim all of them."""


def find_claims(
    body: str, labels: Collection[str], *, max_uncited: int | None = None
) -> Claims:
    """Cited and uncited claims of ``body``; ``labels`` are the article's note labels.

    ``max_uncited`` caps the uncited claims listed; past it, sentences are no
    longer weighed for checkable facts (on a 50 MB input that was most of the time).
    """
    known = labels if isinstance(labels, set | frozenset) else frozenset(labels)
    cited: list[Claim] = []
    uncited: list[Claim] = []
    truncated = False
    for p_start, p_end in paragraphs(body):
        before = _Before()
        for start, end in split_sentences(body, p_start, p_end):
            sentence = body[start:end]
            # Each marker is read once, for the labels it cites and to strip it.
            markers = _known_markers(sentence, known) if "[" in sentence else []
            cites = _cited_labels(markers)
            if cites:
                text = _without_markers(sentence, markers)
                cited.append(
                    Claim(
                        id=f"c{len(cited) + 1}",
                        text=text,
                        span=(start, end),
                        note_labels=cites,
                        context=before.text(),
                    )
                )
                # A cited sentence is context for the next claim as much as an uncited
                # one: "Smith founded the club in 1886.[1] He left the following year.[2]"
                before.add(text)
                continue
            words = sentence.split()
            text = " ".join(words)
            before.add(text)
            if truncated or len(words) < MIN_UNCITED_WORDS:
                continue
            signals = checkable_signals(text)
            if not signals:
                continue
            if max_uncited is not None and len(uncited) >= max_uncited:
                truncated = True
                continue
            uncited.append(
                Claim(id=f"u{len(uncited) + 1}", text=text, span=(start, end), signals=signals)
            )
    return Claims(tuple(cited), tuple(uncited), truncated)


class _Before:
    """The last sentences of a paragraph, within :data:`MAX_CONTEXT_CHARS`."""

    def __init__(self) -> None:
        self._sentences: deque[str] = deque()
        self._chars = 0

    def add(self, sentence: str) -> None:
        if not sentence:
            return
        self._sentences.append(sentence)
        self._chars += len(sentence) + 1
        while self._chars - 1 > MAX_CONTEXT_CHARS and self._sentences:
            self._chars -= len(self._sentences.popleft()) + 1

    def text(self) -> str:
        return " ".join(self._sentences)


def _known_markers(
    sentence: str, known: Collection[str]
) -> list[tuple[re.Match[str], tuple[str, ...]]]:
    """Each marker of ``sentence`` that names known labels, with those labels."""
    return [
        (match, labels)
        for match in MARKER.finditer(sentence)
        if (labels := marker_labels(match.group(1), known))
    ]


def _cited_labels(markers: list[tuple[re.Match[str], tuple[str, ...]]]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for _match, labels in markers:
        for label in labels:
            found[label] = None
    return tuple(found)


_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
_RANGE = re.compile(r"^(\d{1,4})\s*[-–—]\s*(\d{1,4})$")
MAX_RANGE = 50
"""A marker range wider than this (``[1-2000]``) is not a list of notes."""


def marker_labels(inside: str, known: Collection[str]) -> tuple[str, ...]:
    """The known labels a marker's text names: ``2``, ``1-3`` (a range), ``1, 4``."""
    label = inside.strip()
    if label in known:
        return (label,)
    labels: list[str] = []
    for part in _LIST_SEPARATOR.split(label):
        if part in known:
            labels.append(part)
            continue
        span = _RANGE.match(part)
        if span is None:
            return ()
        first, last = int(span.group(1)), int(span.group(2))
        if not first <= last <= first + MAX_RANGE:
            return ()
        numbers = [str(n) for n in range(first, last + 1)]
        if not all(n in known for n in numbers):
            return ()
        labels.extend(numbers)
    return tuple(labels)


def strip_markers(sentence: str, known: Collection[str]) -> str:
    """The sentence without the markers of known notes (and the spaces before them),
    whitespace tidied."""
    return _without_markers(sentence, _known_markers(sentence, known))


def _without_markers(
    sentence: str, markers: list[tuple[re.Match[str], tuple[str, ...]]]
) -> str:
    pieces: list[str] = []
    pos = 0
    # The markers are found by their bracket (a literal the scan jumps to) and the spaces
    # before each are walked back over: a pattern led by ``\s*`` was tried at every
    # position of every sentence.
    for match, _labels in markers:
        start = match.start()
        while start > pos and sentence[start - 1].isspace():
            start -= 1
        pieces.append(sentence[pos:start])
        pos = match.end()
    if not pieces:
        return " ".join(sentence.split())
    pieces.append(sentence[pos:])
    return " ".join("".join(pieces).split())


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# The forms that name a month, then those written in figures alone.
_MONTH_DATES = rf"""
      \b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?  # June 18, 2024
    | \b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b(?:\s+\d{{4}}\b)?  # 18 June 2024
    | \b(?:{_MONTHS})\.?\s+\d{{4}}\b                                        # November 2024
"""
_FIGURE_DATES = r"""
      \b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b | \b\d{4}-\d{2}-\d{2}\b
    | (?<![\d,.])\b(?:1[89]\d\d|20\d\d)s?\b(?![,.]?\d)                      # a year
"""
_DATE = re.compile(f"{_MONTH_DATES} | {_FIGURE_DATES}", re.X)
# Every month name above starts with one of these: a sentence with none of them can hold
# only the forms in figures, which the scan tries alone (the month names, tried at every
# word, were most of its cost).
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FIGURE_DATE = re.compile(_FIGURE_DATES, re.X)
_DIGITS = re.compile(r"\d")
_NUMBER_WORDS = re.compile(
    r"(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten|tens|dozens?|hundreds?"
    r"|thousands?|millions?)\s+(?:of\s+)?(?:thousand|million|billion|trillion|percent|per cent)\b"
    r"|\d\s*%|\bpercent\b"
)
# An opening mark is not allowed inside its own quotation, so a run of unclosed
# marks fails at the next one instead of scanning to the end from each (quadratic).
_QUOTED = re.compile(r"“([^“”]+)”|«([^«»]+)»|„([^„“”]+)[“”]|\"([^\"]+)\"")
MIN_QUOTE_WORDS = 4
"""Shorter quotations are scare quotes (“like pawns”), not quoted statements."""
_SOURCE = re.compile(
    r"\b[Aa]ccording to\b|\bciting\b|\b(?:said|says|stated|states|told|reported|reports"
    r"|announced|warned|claimed|noted|confirmed|estimated|estimates|revealed|wrote|declared"
    r"|testified|admitted|acknowledged)\b"
    r"|\b(?:göre|açıkladı|söyledi|заявил[аи]?|сообщил[аи]?|по\s+данным|по\s+словам"
    r"|sagte|erklärte|laut|zufolge)\b"
)


def _may_count(sentence: str, any_digit: bool) -> bool:
    """Can :data:`_NUMBER_WORDS` match?  Each of its matches has a digit, ``llion``
    (million…), ``thou`` or ``cent``, so the case-blind regex scan (slow: a word boundary
    tried at every position) runs only then.  Of those letters only ``i`` matches other
    characters case-blind (``İ``, ``ı``): they are read as ``i`` first."""
    if any_digit:
        return True
    lower = (sentence if sentence.isascii() else sentence.translate(_DOTTED_I)).lower()
    return "llion" in lower or "thou" in lower or "cent" in lower


_DOTTED_I = str.maketrans({"İ": "i", "ı": "i"})


def _dates(sentence: str) -> Iterator[re.Match[str]]:
    """:data:`_DATE`'s matches; without a month's name, those of the figures alone."""
    if any(stem in sentence for stem in _MONTH_STEMS):
        return _DATE.finditer(sentence)
    return _FIGURE_DATE.finditer(sentence)


def checkable_signals(sentence: str) -> tuple[str, ...]:
    """What makes a sentence checkable: ``number``, ``date``, ``quote``, ``source``, in order."""
    signals: list[str] = []
    # Every date form has a digit: a sentence without one skips the date scan.
    any_digit = has_digit = _DIGITS.search(sentence) is not None
    dates = list(_dates(sentence)) if has_digit else []
    if dates:  # a digit outside the dates is a number
        pieces, pos = [], 0
        for match in dates:
            pieces.append(sentence[pos : match.start()])
            pos = match.end()
        pieces.append(sentence[pos:])
        has_digit = _DIGITS.search(" ".join(pieces)) is not None
    if has_digit or (_may_count(sentence, any_digit) and _NUMBER_WORDS.search(sentence)):
        signals.append("number")
    if dates:
        signals.append("date")
    for match in _QUOTED.finditer(sentence):
        quoted = next(group for group in match.groups() if group is not None)
        if len(quoted.split()) >= MIN_QUOTE_WORDS:
            signals.append("quote")
            break
    if _SOURCE.search(sentence):
        signals.append("source")
    return tuple(signals)
