"""Paragraph and sentence splitting tuned for news and analysis prose.

A small rule-based splitter: it is fast (one regular-expression pass per
paragraph) and knows the traps of this kind of prose: abbreviations
(``U.S.``, ``Dr.``, ``e.g.``, ``No. 5``), initials (``J. R. R. Tolkien``),
decimals (``1.6 million``), ellipses, quotations that hold several sentences,
and note markers after the full stop (``war.[5]``, ``war.”[5]``), which stay
with the sentence they end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[int, int]

MARKER = re.compile(r"\[([^\[\]\n]{1,32})\]")
"""A bracketed note marker as readers leave them in ``Article.body``."""

# Terminal punctuation, closing quotes/brackets, then any markers (an optional
# space before each), and it must be followed by whitespace or the end.
_BOUNDARY = re.compile(
    r"""[.!?…]+
        [\"'”’»)]*
        (?:\ ?\[[^\[\]\n]{1,32}\])*
        (?=\s|$)""",
    re.X,
)
_PARAGRAPH = re.compile(r"[^\n]+")
_QUOTE_MARK = re.compile("[“„”«»]")

# Abbreviations after which a full stop never ends a sentence.
_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "messrs", "mme", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt",
        "cmdr", "adm", "maj", "gov", "sen", "rep", "pres", "rev", "hon", "fr", "mt", "ft", "e.g",
        "i.e", "cf", "vs", "viz", "approx", "ca", "al", "ibid", "op", "resp"
    }
)
# Abbreviations that do not end a sentence when a number follows (``No. 5``, ``Jan. 6``).
_BEFORE_NUMBER = frozenset(
    {
        "no", "nos", "nr", "p", "pp", "vol", "vols", "fig", "figs", "art", "sec", "ch", "para",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"
    }
)
# Words that start a sentence after an acronym ends one (``… in the U.S. The …``).
_STARTERS = frozenset(
    {
        "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "in",
        "on", "at", "but", "and", "however", "yet", "so", "meanwhile", "there", "then", "a", "an",
        "as", "after", "before", "since", "while", "when", "if", "although"
    }
)
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")


def paragraphs(text: str) -> Iterator[Span]:
    """Spans of the paragraphs of ``text``: every non-empty line is one."""
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of the sentences of ``text[start:end]`` (one paragraph), as offsets into ``text``."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    begin = start
    # Most paragraphs hold no curly or angle quotation mark: then none is ever open,
    # and counting marks at each full stop is skipped.
    quoted = _QUOTE_MARK.search(text, start, end) is not None
    quotes = _Quotes(start)
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.end()
        if quoted:
            quotes.advance(text, stop)
        if _ends_sentence(text, begin, match.start(), stop, end, quotes):
            spans.append((begin, stop))
            begin = stop
            if quoted:
                quotes = _Quotes(stop)
    if begin < end:
        spans.append((begin, end))
    return [trimmed for span in spans if (trimmed := _trim(text, span))]


def _ends_sentence(
    text: str, begin: int, punct: int, stop: int, end: int, quotes: _Quotes
) -> bool:
    nxt = stop
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt >= end:
        return True
    following = text[nxt]
    if following.islower():
        return False
    if quotes.open:
        return False
    if text[punct] != ".":
        return True
    word = _word_before(text, begin, punct)
    lowered = word.lower()
    if lowered in _ABBREVIATIONS:
        return False
    if following.isdigit() and lowered in _BEFORE_NUMBER:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: J. R. R. Tolkien
    if _ACRONYM.match(word):
        next_word = re.match(r"[\w’']+", text[nxt:end])
        return bool(next_word) and next_word.group(0).lower() in _STARTERS
    return True


def _word_before(text: str, begin: int, punct: int) -> str:
    i = punct
    while i > begin and not text[i - 1].isspace() and text[i - 1] not in "(“\"'«":
        i -= 1
    return text[i:punct]


class _Quotes:
    """Curly and angle quotation marks counted since a sentence began, kept as it grows.

    Counting the whole sentence again at every full stop was quadratic: an
    unclosed “ keeps the sentence open, and each later stop re-read it all.
    Straight quotes are ambiguous and not counted.
    """

    __slots__ = ("close", "english", "german", "left", "right", "scanned")

    def __init__(self, begin: int) -> None:
        self.scanned = begin
        self.english = self.german = self.close = self.left = self.right = 0

    def advance(self, text: str, stop: int) -> None:
        """Count the marks between the last position counted and ``stop``."""
        if stop > self.scanned:
            piece = text[self.scanned : stop]
            self.english += piece.count("“")
            self.german += piece.count("„")
            self.close += piece.count("”")
            self.left += piece.count("«")
            self.right += piece.count("»")
            self.scanned = stop

    @property
    def open(self) -> bool:
        """Whether a quotation is open: German „…“ closes with the mark that opens English ones."""
        return self.english - self.german > self.close or self.left > self.right


def _trim(text: str, span: Span) -> Span | None:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
