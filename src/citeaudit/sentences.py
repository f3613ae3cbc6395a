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
# (The first mark is written alone, then the rest: a pattern led by a repeat has no first
# character for the scan to jump to, so it was tried at every position.)
_BOUNDARY = re.compile(
    r"""[.!?…][.!?…]*
        [\"'”’»)]*
        (?:\ ?\[[^\[\]\n]{1,32}\])*
        (?=\s|$)""",
    re.X,
)
# The same boundary (group 1) and the spaces after it.
_BOUNDARY_AND_SPACE = re.compile(f"({_BOUNDARY.pattern})\\s*", re.X)
# A line from its first to its last non-space character: the match itself is the trimmed
# paragraph, and a line of spaces alone is skipped by the scan.
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")
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
        yield match.span()


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of the sentences of ``text[start:end]`` (one paragraph), as offsets into ``text``."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    begin = start
    while begin < end and text[begin].isspace():
        begin += 1
    # Most paragraphs hold no curly or angle quotation mark: then none is ever open,
    # and counting marks at each full stop is skipped.
    quoted = _QUOTE_MARK.search(text, begin, end) is not None
    quotes = _Quotes(begin)
    # The boundary's match takes the spaces after it too: where it ends the next
    # sentence begins, already trimmed, so no span is walked over again.  The quotes are
    # counted only where the answer needs them (the count is kept up to each use).
    for match in _BOUNDARY_AND_SPACE.finditer(text, begin, end):
        nxt = match.end()
        if nxt < end:
            following = text[nxt]
            if following.islower():
                continue
            if quoted:
                quotes.advance(text, match.end(1))
                if quotes.open:
                    continue
            punct = match.start()
            if text[punct] == "." and not _full_stop_ends(text, begin, punct, nxt, end):
                continue
        spans.append((begin, match.end(1)))
        begin = nxt
        if quoted:
            quotes = _Quotes(begin)
    if begin < end:
        stop = end
        while text[stop - 1].isspace():  # begin is past any space, so this stops there
            stop -= 1
        spans.append((begin, stop))
    return spans


def _full_stop_ends(text: str, begin: int, punct: int, nxt: int, end: int) -> bool:
    """Whether the full stop at ``punct``, before a capital or a digit at ``nxt``, ends a
    sentence (not an abbreviation, an initial or an acronym inside one)."""
    following = text[nxt]
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
