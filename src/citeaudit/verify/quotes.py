"""Quotations: is every quoted span of the claim in the source, word for word?

Comparison ignores the kind of quote marks and dashes, letter case, whitespace
and line-break hyphenation (``con-\\ntainers``).  A quote not found verbatim is
reported with the source's nearest wording (rapidfuzz's best partial alignment).
"""

from __future__ import annotations

import re
import unicodedata

import attrs
from rapidfuzz import fuzz

from .text import fold

_QUOTED = re.compile(r'"([^"]{2,}?)"')
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\.\.\.|\u2026|\[\u2026\])\s*")


def _words_only(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text).lower()).split())


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
        chars: list[str] = []
        origin: list[int] = []
        pending_space = False
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            # Line-break hyphenation: "con-\n  tainers" reads "containers".
            if ch in "-\u00ad\u2010" and i + 1 < n and text[i + 1] == "\n" and chars \
                    and chars[-1].isalnum():
                j = i + 1
                while j < n and text[j].isspace():
                    j += 1
                if j < n and text[j].isalnum():
                    i = j
                    continue
            for out in fold(unicodedata.normalize("NFKC", ch)).lower():
                if out.isspace() or (drop_punctuation and not out.isalnum()):
                    pending_space = bool(chars)
                    continue
                if pending_space:
                    chars.append(" ")
                    origin.append(i)
                    pending_space = False
                chars.append(out)
                origin.append(i)
            i += 1
        self.text = "".join(chars)
        self._origin = origin
        self._orig_len = n

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of folded characters ``start:end``."""
        if start >= len(self._origin):
            return self._orig_len, self._orig_len
        last = self._origin[end - 1] + 1 if end > start else self._origin[start]
        return self._origin[start], last


def quote_parts(quote: str) -> list[str]:
    """A quote with an ellipsis (``mature, tasteful, and [...] sexy``) is several quotes."""
    return [p for p in _ELLIPSIS.split(quote) if any(ch.isalnum() for ch in p)]


def check_quote(quote: str, source: FoldedText, source_text: str,
                words_only: FoldedText | None = None) -> QuoteResult:
    """Look for ``quote`` in the folded source, verbatim first, then word for word ignoring
    punctuation (``words_only``, a punctuation-free copy), then the nearest wording."""
    needle = " ".join(fold(quote).lower().split())
    pos = source.text.find(needle)
    if pos >= 0:
        start, end = source.span(pos, pos + len(needle))
        return QuoteResult(quote, True, 100.0, "", start, end)
    if words_only is not None:
        bare = _words_only(quote)
        pos = words_only.text.find(bare) if bare else -1
        if pos >= 0:
            start, end = words_only.span(pos, pos + len(bare))
            return QuoteResult(quote, True, 100.0, source_text[start:end], start, end,
                               punctuation_differs=True)
    align = fuzz.partial_ratio_alignment(needle, source.text)
    if align is None or align.score == 0:
        return QuoteResult(quote, False, 0.0)
    start, end = source.span(align.dest_start, align.dest_end)
    # Widen to whole words so the nearest wording reads naturally.
    while start > 0 and source_text[start - 1].isalnum():
        start -= 1
    while end < len(source_text) and source_text[end].isalnum():
        end += 1
    while start < end and not source_text[start].isalnum():
        start += 1
    while end > start and not source_text[end - 1].isalnum():
        end -= 1
    return QuoteResult(quote, False, round(align.score, 1), source_text[start:end], start, end)
