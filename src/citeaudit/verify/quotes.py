"""Quotations: is every quoted span of the claim in the source, word for word?

Comparison ignores the kind of quote marks and dashes, letter case, whitespace
and line-break hyphenation (``con-\\ntainers``).  A quote not found verbatim is
reported with the source's nearest wording (rapidfuzz's best partial alignment).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable

import attrs
from rapidfuzz import fuzz

from .text import fold

# An opening mark follows the start, a space, a bracket or a dash and is followed by a
# letter; a closing one follows a non-space and is followed by the end, a space or
# punctuation.  So in `called it "brilliant" and "moving"` the text ` and ` between two
# quotations is not one, and an inch mark (`a 12" single`) opens nothing.
_QUOTED = re.compile(r'(?:^|(?<=[\s(\[{\-/]))"(?=[^\s"])([^"]{2,}?)(?<=\S)"'
                     r"(?=$|[\s.,;:!?)\]}\-'])")
_CONTRACTIONS = [
    (re.compile(r"\b(it|he|she|that|there|what|who|here|where|this) s\b"), r"\1 is", " s"),
    (re.compile(r"\bcannot\b"), "can not", "cannot"),
    (re.compile(r"\bwon t\b"), "will not", "won t"),
    (re.compile(r"\bcan t\b"), "can not", "can t"),
    (re.compile(r"\b(\w+)n t\b"), r"\1 not", "n t"),
    (re.compile(r"\b(\w+) re\b"), r"\1 are", " re"),
    (re.compile(r"\b(\w+) ve\b"), r"\1 have", " ve"),
    (re.compile(r"\b(\w+) ll\b"), r"\1 will", " ll"),
    (re.compile(r"\bi m\b"), "i am", "i m"),
    (re.compile(r"\blet s\b"), "let us", "let s"),
]
"""Pattern, replacement, and the letters every match ends with (a word's end follows them)."""
_RUN = re.compile(r"(?:[-\u00ad\u2010]\n\s*(?=[^\W_])|\S)+")
_WORD_PIECE = re.compile(r"[^\W_]+")
_BLOCK_BREAK = re.compile(r"(?<=[^\s\-\u00ad\u2010])\s*\n\s*")
"""Whitespace with a line break, after a character that is neither a space nor a hyphen: no
run of :data:`_RUN` crosses it (a run goes on past a line break only after a hyphen)."""
_ASCII_RUN = re.compile(r"\S+")
_ASCII_PIECE = re.compile(r"[A-Za-z0-9]+")
""":data:`_WORD_PIECE` in ASCII text."""
_ASCII_WORDY_RUN = re.compile(r"\S*[A-Za-z0-9]")
"""Matches from the start of the first run that holds a word piece."""
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\.\.\.|\u2026|\[\u2026\])\s*")


def _words_only(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text).lower()).split())


def uncontracted(words: str) -> str:
    """A punctuation-free, lower-case text (words and spaces, as :class:`FoldedText` with
    ``drop_punctuation`` makes it) with contractions spelt out (``it s`` → ``it is``,
    ``don t`` → ``do not``): a quotation that differs only so is the same quotation."""
    for pattern, repl, tail in _CONTRACTIONS:
        # Each pattern is costly over a page; most pages have no match of most of them.
        # The text is words and spaces, so a match's tail is followed by a space or the end.
        if f"{tail} " in words or words.endswith(tail):
            words = pattern.sub(repl, words)
    return words


@attrs.frozen
class QuoteResult:
    """What became of one quoted span."""

    quote: str
    found: bool
    similarity: float
    """0–100: how close the nearest wording is (100 when found verbatim)."""
    nearest: str = ""
    """The source's closest wording (exact source characters), when not found verbatim."""
    start: int = -1
    end: int = -1
    punctuation_differs: bool = False
    """Found word for word, but with different punctuation (``Top-Earning Stars``)."""
    contraction_differs: bool = False
    """Found once contractions are spelt out on both sides (``it's`` / ``it is``)."""


def find_quotes(claim: str) -> list[str]:
    """The spans the claim puts in double quotes (any style of quote mark)."""
    folded = fold(claim)
    quotes = []
    for m in _QUOTED.finditer(folded):
        inner = m.group(1).strip(" ,.;:")
        if inner and any(ch.isalnum() for ch in inner):
            quotes.append(inner)
    return quotes


class FoldedText:
    """A lower-cased, folded copy of a text that remembers where each character came from."""

    def __init__(self, text: str, *, drop_punctuation: bool = False) -> None:
        self._chars: list[str] = []
        self._origin: list[int] = []
        self._plain: list[tuple[int, int]] = []
        """Plain blocks, whose offsets are listed only when asked for: start and end."""
        self._plain_at: list[int] = []
        """Where each plain block's folded characters begin."""
        self._plain_chars: list[int] = [0]
        """Folded characters in the plain blocks before each (and in all): ``_origin`` does
        not list them."""
        self._plain_offsets: dict[int, list[int]] = {}
        self._text = text
        self._drop = drop_punctuation
        # Line by line: most lines of a page are plain ASCII, folded in one step (no loop
        # over their words, no list of offsets until :meth:`span` asks for one).
        start = 0
        for m in _BLOCK_BREAK.finditer(text):
            self._block(text, start, m.start())
            start = m.end()
        self._block(text, start, len(text))
        if self._chars and self._chars[-1] == " ":
            self._chars.pop()
            self._origin.pop()
        self.text = "".join(self._chars)
        self._orig_len = len(text)
        del self._chars

    def _block(self, text: str, start: int, end: int) -> None:
        """Fold ``text[start:end]``, which no run of :data:`_RUN` crosses into or out of."""
        block = text[start:end]
        if block.isascii() and "-\n" not in block:
            # ASCII folds character for character, keeping length, and without a line-break
            # hyphen the runs are the whitespace-separated words: each run folds as the
            # slice of the folded block (so what follows is what the loop below makes).
            if self._drop:
                words = _ASCII_PIECE.findall(block.lower())
            else:
                words = fold(block).lower().split()
            if not words:
                return
            if self._chars:
                # The separator comes from the first run that gives words, as below.
                first = _ASCII_WORDY_RUN.search(block) if self._drop else _ASCII_RUN.search(block)
                self._chars.append(" ")
                self._origin.append(start + first.start())
            folded = " ".join(words)
            self._chars.append(folded)
            self._plain.append((start, end))
            self._plain_at.append(len(self._origin) + self._plain_chars[-1])
            self._plain_chars.append(self._plain_chars[-1] + len(folded))
            return
        self._runs(text, start, end)

    def _runs(self, text: str, begin: int, stop: int) -> None:
        """Fold run by run: blocks with non-ASCII characters or line-break hyphenation."""
        drop_punctuation = self._drop
        chars, origin = self._chars, self._origin
        # Word by word, not character by character: a run whose folded form keeps its
        # length (nearly all of them) maps its offsets in one step, so a page of a
        # million characters folds in well under a second.
        for m in _RUN.finditer(text, begin, stop):
            run, start = m.group(), m.start()
            if chars:
                chars.append(" ")
                origin.append(start)
            if "\n" in run:
                self._slow(text, start, m.end())
            elif not drop_punctuation:
                # _fast, inlined: this loop meets every word of the page.
                folded = fold(run).lower()
                if len(folded) == len(run):
                    chars.append(folded)
                    origin.extend(range(start, start + len(run)))
                else:
                    self._slow(text, start, m.end())
            else:
                first = True
                for piece in _WORD_PIECE.finditer(m.group()):
                    if not first:
                        self._chars.append(" ")
                        self._origin.append(m.start() + piece.start())
                    first = False
                    self._fast(text, m.start() + piece.start(), m.start() + piece.end())
                if first and self._chars and self._chars[-1] == " ":
                    self._chars.pop()
                    self._origin.pop()

    def _fast(self, text: str, start: int, end: int) -> None:
        run = text[start:end]
        folded = fold(run).lower()
        if len(folded) == len(run) and not (self._drop and not folded.isalnum()):
            self._chars.append(folded)
            self._origin.extend(range(start, end))
        else:
            self._slow(text, start, end)

    def _slow(self, text: str, start: int, end: int) -> None:
        """Character by character: compatibility forms, case changes of length, hyphenation."""
        chars, origin = self._chars, self._origin
        pending_space = False
        i = start
        while i < end:
            ch = text[i]
            # Line-break hyphenation: "con-\n  tainers" reads "containers".
            if ch in "-\u00ad\u2010" and i + 1 < end and text[i + 1] == "\n" and chars \
                    and chars[-1].isalnum():
                j = i + 1
                while j < end and text[j].isspace():
                    j += 1
                if j < end and text[j].isalnum():
                    i = j
                    continue
            for out in fold(unicodedata.normalize("NFKC", ch)).lower():
                if out.isspace() or (self._drop and not out.isalnum()):
                    pending_space = bool(chars) and chars[-1] != " "
                    continue
                if pending_space:
                    chars.append(" ")
                    origin.append(i)
                    pending_space = False
                chars.append(out)
                origin.append(i)
            i += 1

    def _block_offsets(self, k: int) -> list[int]:
        """Where each folded character of plain block ``k`` came from, as the run-by-run fold
        would list them."""
        if k not in self._plain_offsets:
            start, end = self._plain[k]
            out: list[int] = []
            first = True
            for run in _ASCII_RUN.finditer(self._text, start, end):
                pieces = (list(_ASCII_PIECE.finditer(self._text, run.start(), run.end()))
                          if self._drop else [run])
                if not pieces:
                    continue
                if not first:
                    out.append(run.start())  # a separator comes from the next run
                first = False
                for n, piece in enumerate(pieces):
                    if n:
                        out.append(piece.start())
                    out.extend(range(piece.start(), piece.end()))
            self._plain_offsets[k] = out
        return self._plain_offsets[k]

    def _offset(self, i: int) -> int:
        """Where folded character ``i`` came from."""
        k = bisect.bisect_right(self._plain_at, i) - 1
        if k >= 0 and i < self._plain_at[k] + self._plain_chars[k + 1] - self._plain_chars[k]:
            return self._block_offsets(k)[i - self._plain_at[k]]
        return self._origin[i - self._plain_chars[k + 1]]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of folded characters ``start:end``."""
        if start >= len(self.text):
            return self._orig_len, self._orig_len
        last = self._offset(end - 1) + 1 if end > start else self._offset(start)
        return self._offset(start), last


def quote_parts(quote: str) -> list[str]:
    """A quote with an ellipsis (``mature, tasteful, and [...] sexy``) is several quotes."""
    return [p for p in _ELLIPSIS.split(quote) if any(ch.isalnum() for ch in p)]


def flatten(text: str) -> str:
    """The folded, lower-case text with whitespace collapsed: a quick first look-up (it does
    not join line-break hyphenation; :class:`FoldedText` does)."""
    return " ".join(fold(text).lower().split())


def check_quote(quote: str, source: FoldedText | Callable[[], FoldedText], source_text: str,
                words_only: FoldedText | Callable[[], FoldedText] | None = None, *,
                uncontracted_source: str | Callable[[], str] | None = None,
                windows: list[tuple[int, int]] | None = None,
                flat: str | None = None) -> QuoteResult:
    """Look for ``quote`` in the folded source, verbatim first, then word for word ignoring
    punctuation (``words_only``, a punctuation-free copy), then with contractions spelt out
    (``uncontracted_source``, :func:`uncontracted` of ``words_only``), then the nearest
    wording — within ``windows`` (offsets into ``source_text``) when given, so a long page
    costs no more than its likely passages.  The copies may be given as functions making
    them, so they are made only for a quote not found verbatim; ``flat`` (:func:`flatten`
    of the source) answers the common case, a quote found verbatim, without them (its
    result then carries no offsets).  ``source`` may likewise be a function."""
    needle = " ".join(fold(quote).lower().split())
    if flat is not None and needle and needle in flat:
        return QuoteResult(quote, True, 100.0)
    if callable(source):
        source = source()
    pos = source.text.find(needle)
    if pos >= 0:
        start, end = source.span(pos, pos + len(needle))
        return QuoteResult(quote, True, 100.0, "", start, end)
    if callable(words_only):
        words_only = words_only()
    if callable(uncontracted_source):
        uncontracted_source = uncontracted_source()
    if words_only is not None:
        bare = _words_only(quote)
        pos = words_only.text.find(bare) if bare else -1
        if pos >= 0:
            start, end = words_only.span(pos, pos + len(bare))
            return QuoteResult(quote, True, 100.0, source_text[start:end], start, end,
                               punctuation_differs=True)
        if uncontracted_source is not None and bare:
            plain = uncontracted(bare)
            if f" {plain} " in f" {uncontracted_source} ":
                return QuoteResult(quote, True, 100.0, "", contraction_differs=True)
    best = _nearest(needle, source, source_text, windows)
    if best is None:
        return QuoteResult(quote, False, 0.0)
    score, start, end = best
    # Widen to whole words so the nearest wording reads naturally.
    while start > 0 and source_text[start - 1].isalnum():
        start -= 1
    while end < len(source_text) and source_text[end].isalnum():
        end += 1
    while start < end and not source_text[start].isalnum():
        start += 1
    while end > start and not source_text[end - 1].isalnum():
        end -= 1
    return QuoteResult(quote, False, round(score, 1), source_text[start:end], start, end)


def _nearest(needle: str, source: FoldedText, source_text: str,
             windows: list[tuple[int, int]] | None) -> tuple[float, int, int] | None:
    """The best partial alignment of ``needle``: (score, start, end) in ``source_text``."""
    if windows is None:
        align = fuzz.partial_ratio_alignment(needle, source.text)
        if align is None or align.score == 0:
            return None
        start, end = source.span(align.dest_start, align.dest_end)
        return align.score, start, end
    best: tuple[float, int, int] | None = None
    for w_start, w_end in windows:
        hay = fold(source_text[w_start:w_end]).lower()
        align = fuzz.partial_ratio_alignment(needle, hay)
        if align is None or align.score == 0 or (best and align.score <= best[0]):
            continue
        # fold keeps lengths for everything but rare compatibility characters; clamp.
        start = min(w_end, w_start + align.dest_start)
        end = min(w_end, w_start + align.dest_end)
        best = (align.score, start, end)
    return best
