"""Text primitives shared by the checks: folding, tokens, stems, stopwords, sentences.

Everything here keeps character offsets into the caller's original string, so
evidence can always be sliced out of ``source_text`` exactly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import attrs
import Stemmer

from .lexicon import irregular_base

_STEMMER = Stemmer.Stemmer("english")

# Quote marks, dashes and invisible characters that differ between a page and an
# article quoting it without changing the words.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2033": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
})


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (readable long lists)."""
    return frozenset(words.split())


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)?")
_ASCII_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[A-Za-z]+(?:'[A-Za-z]+)?")
""":data:`_TOKEN` for ASCII text, where it matches the same (there ``\\d`` is ``0-9`` and
``[^\\W\\d_]`` the letters): classes the engine tests against a bitmap rather than by
Unicode category, which cuts a third off tokenising every sentence of a page."""

STOPWORDS = word_set("""
a about above after again against all also am an and any are as at be been before being
below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is
it its itself just me more most my myself no nor not now of off on once only or other
our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your yours yourself
yourselves s t d ll m o re ve y one first may might must shall upon within without via
per among amongst although though however thus therefore since including include
includes included later well many much another every either neither whose whether yet
still us
""")
"""English function words, ignored as content units (stems of these never carry a fact)."""


_ASCII_FOLDS = tuple((chr(k), v or "") for k, v in _FOLD.items() if k < 128)
"""The part of :data:`_FOLD` that applies to ASCII text."""


def fold(text: str) -> str:
    """Unify quote marks, dashes and spaces, and drop invisible characters."""
    if text.isascii():
        # NFKC leaves ASCII as it is, and a replace costs a tenth of str.translate (which
        # most calls, a word or a sentence of plain ASCII, would pay).
        for old, new in _ASCII_FOLDS:
            text = text.replace(old, new)
        return text
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def fold_for_match(text: str) -> str:
    """Lower-case comparison form: folded, line-break hyphenation joined, whitespace collapsed."""
    text = fold(text).lower()
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()


def strip_accents(word: str) -> str:
    """``Zürich`` → ``Zurich``: pages and articles disagree on diacritics more than on words."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@attrs.frozen
class Token:
    """A word or number of a text, with its offsets."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        """Lower-cased, accent-free form."""
        return strip_accents(self.text.lower())


def _apostrophes_folded(text: str) -> str:
    """``text`` with curly apostrophes (``\u2019``, ``\u2018``) made straight, by
    ``str.replace``: ``str.translate`` of a non-ASCII text looks every character up in the
    mapping, and fails for nearly all of them."""
    if "\u2019" in text:
        text = text.replace("\u2019", "'")
    if "\u2018" in text:
        text = text.replace("\u2018", "'")
    return text


def tokens(text: str) -> list[Token]:
    """Words and numbers of ``text`` in order (apostrophes folded first, offsets kept)."""
    # A claim is read into tokens by several checks: made once (Tokens are frozen), and each
    # caller given its own list.
    return list(_tokens(text))


@lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[Token, ...]:
    folded = text if text.isascii() else _apostrophes_folded(text)
    return tuple(Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of an already lower-cased word; numbers stay as they are.

    Irregular forms a stemmer cannot undo go to their base first (``bought`` → ``buy``,
    ``children`` → ``child``; WordNet's exception lists).
    """
    if word[:1].isdigit():
        return word.replace(",", "")
    if word.endswith("'s"):
        word = word[:-2]
    base = irregular_base(word)
    return _STEMMER.stemWord(base if base else word)


_LETTER_RUNS = bytes(c if chr(c).isalpha() else 0 if chr(c) in "0123456789'\0" else 32
                     for c in range(128)) + bytes(128)
"""For ASCII text (as bytes): letters kept, digits and ``'`` marked ``\\0``, every other
character a space.  Without a mark, :data:`_ASCII_TOKEN` finds exactly the runs of letters
(a digit or an apostrophe is all that makes it read otherwise: ``3rd``, ``1.5``,
``don't``), which ``str.split`` of the translation gives at a fifth of the regex's cost
(``bytes.translate`` reads a table; ``str.translate`` looks each character up)."""
_TOKEN_RUNS = bytes(c if chr(c).isalnum() or chr(c) in "'.," else 32
                    for c in range(128)) + bytes(128)
"""For ASCII text (as bytes): the characters a token of :data:`_ASCII_TOKEN` can hold kept,
every other a space.  No token spans a space, and the pattern looks neither behind nor
ahead of a match, so the tokens of a text are those of each run of kept characters."""


def _ascii_words(text: str) -> list[str]:
    """``_ASCII_TOKEN.findall(text)`` of an ASCII ``text``, found mostly by ``str.split``."""
    raw = text.encode("ascii")
    letters = raw.translate(_LETTER_RUNS)
    if b"\0" not in letters:
        return letters.decode("ascii").split()
    words: list[str] = []
    for run in raw.translate(_TOKEN_RUNS).decode("ascii").split():
        # A word before a comma or a full stop is the word: only a run with a digit or an
        # apostrophe in it needs the pattern (``1,000``, ``3rd``, ``don't``, ``U.S``).
        bare = run.strip(".,")
        if bare.isalpha():
            words.append(bare)
        else:
            words += _ASCII_TOKEN.findall(run)
    return words


def content_stems(text: str) -> list[str]:
    """Stems of the non-stopword tokens of ``text``, in order, repeats kept (for BM25)."""
    # Every sentence of every page passes here: plain strings rather than Token
    # objects, and each word's stem remembered (a C-level look-up per word; only a
    # spelling not met before reaches Python).  The fold maps non-ASCII characters only.
    words = _ascii_words(text) if text.isascii() else _TOKEN.findall(_apostrophes_folded(text))
    return list(filter(None, map(_CONTENT_STEMS.__getitem__, words)))


def stemmed_words(text: str) -> list[tuple[str, int, int, str]]:
    """``(word as written, start, end, content stem)`` of each token of ``text``, the stem
    ``""`` for a stopword: :func:`tokens` and :func:`content_stems` at once, for a check
    that reads many sentences of a page (the stems come from the same memo)."""
    if not text.isascii():
        text = _apostrophes_folded(text)
    return [(m.group(), m.start(), m.end(), _CONTENT_STEMS[m.group()])
            for m in _TOKEN.finditer(text)]


def _content_stem(word: str) -> str:
    """The content stem of one word as written, ``""`` for a stopword or a lone letter."""
    low = strip_accents(word.lower())
    return "" if low in STOPWORDS or (len(low) < 2 and not low.isdigit()) else stem(low)


class _StemMemo(dict[str, str]):
    """Word as written → its content stem, ``""`` for a stopword; cleared when full (an
    audit of 200 news pages meets about 30,000 distinct spellings)."""

    def __missing__(self, word: str) -> str:
        if len(self) >= _CONTENT_STEMS_MAX:
            self.clear()
        found = self[word] = _content_stem(word)
        return found


_CONTENT_STEMS = _StemMemo()
_CONTENT_STEMS_MAX = 100_000


_CASE_OUTLIERS = "\u017f\u0131"
"""``ſ`` and ``ı``: a case-insensitive pattern takes them for ``s`` and ``i``, but they do not
lower-case to those letters (every other character that such a pattern takes for an ASCII
letter lower-cases to it, or to two characters; ``tests/test_verify_fast_paths.py``)."""


def lowered(text: str) -> str | None:
    """``text.lower()`` when a substring search of it finds every place a case-insensitive
    pattern of lower-case ASCII letters can match ``text``, at the same offsets; else None
    (see :data:`_CASE_OUTLIERS`; lower-casing that lengthens a character moves offsets)."""
    low = text.lower()
    if len(low) != len(text) or any(ch in text for ch in _CASE_OUTLIERS):
        return None
    return low


def word_starts(text: str, prefixes: tuple[str, ...]) -> list[int] | None:
    """Sorted offsets of ``text`` where a lower-case ASCII ``prefix`` occurs in any letter case:
    every place a case-insensitive pattern opening on one of them can match, and more.  None
    when substring search of the lower-cased text cannot promise that (see
    :data:`_CASE_OUTLIERS`; lower-casing that lengthens a character moves offsets).

    A case-insensitive alternation of words is tried at every offset of a page; a substring
    search per prefix costs next to nothing, and the pattern is then tried only here
    (:func:`scan_at`).
    """
    low = lowered(text)
    if low is None:
        return None
    starts = []
    for prefix in prefixes:
        at = low.find(prefix)
        while at >= 0:
            starts.append(at)
            at = low.find(prefix, at + 1)
    starts.sort()
    return starts


def scan_at(pattern: re.Pattern[str], text: str,
            starts: list[int] | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying only the sorted offsets ``starts`` when given (every
    match of ``pattern`` must begin at one of them): the same matches, left to right, none
    overlapping.  ``pattern`` must not match the empty string."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for at in starts:
        if at < end:
            continue
        m = pattern.match(text, at)
        if m is not None:
            yield m
            end = m.end()


@attrs.frozen
class Sentence:
    """One sentence of the source with its offsets into ``source_text``."""

    index: int
    start: int
    end: int
    text: str


# A sentence ends at . ! ? (with closing quotes/brackets) followed by space and a capital
# (Latin, Greek or Cyrillic), digit or opening quote — unless the word before the period is
# a known abbreviation or a single initial ("J. Smith").
_BOUNDARY = re.compile(
    r"[.!?][\"'\u201d\u2019\u00bb)\]]*\s+"
    r"(?=[\"'\u201c\u2018\u00ab\u201e(\[]?[A-Z0-9\u00c0-\u024f\u0391-\u03a9\u0400-\u042f])")
_ABBREV = word_set("""
mr mrs ms dr prof st sr jr vs etc inc ltd co corp gen col lt sgt capt gov sen rep rev
fig no nos vol pp jan feb mar apr jun jul aug sep sept oct nov dec u.s e.g i.e a.m p.m
dept est approx mt ft
""")


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences: each line, then at sentence-final punctuation.

    Pages extracted from HTML put block elements on their own lines, so a line
    break always ends a sentence.
    """
    out: list[Sentence] = []
    for line_start, line in _lines(text):
        # A line without . ! or ? is one sentence (or none): no boundary to look for.
        spans = _split_line(line) if "." in line or "!" in line or "?" in line else \
            ((0, len(line)),)
        for s, e in spans:
            chunk = line[s:e]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            if trail > lead:
                out.append(Sentence(len(out), line_start + s + lead, line_start + s + trail,
                                    chunk[lead:trail]))
    return out


def _lines(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


_WORD_REACHES = (64, 4096)
"""How far back from a boundary its last word is looked for: first just past the longest
abbreviation, then, where that reach holds only blanks, 4,096 characters at most."""


def _split_line(line: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _BOUNDARY.finditer(line):
        # Only the word before the boundary matters: slicing back to the sentence's start
        # at every skipped boundary made a run of initials ("A. A. A. …") quadratic.
        for reach in _WORD_REACHES:
            before = line[max(start, m.start() - reach):m.start()].rsplit(None, 1)
            if before or m.start() - reach <= start:
                break
        last = before[-1].lower().rstrip(".") if before else ""
        if last in _ABBREV or (len(last) == 1 and last.isalpha()):
            continue
        yield start, m.start() + len(m.group().rstrip())
        start = m.end()
    yield start, len(line)
