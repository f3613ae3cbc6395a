"""A line that is one of many words (headings, page chrome), matched in one pass.

A case-blind alternation of dozens of words tries each word in turn at every line,
as the regex engine's shortcut for a literal first letter does not apply under
``re.IGNORECASE``.  Most lines start with a letter no word starts with, so a look-ahead
on the words' first letters, built from the same words and compiled with the same
flags, turns those lines away at once and matches exactly what the alternation matches.
"""

from __future__ import annotations

import re


class _BadWord(ValueError):
    """A word whose first character the look-ahead cannot name (a programming error)."""


def _first(word: str) -> str:
    """The pattern for ``word``'s first character, as it may stand in a character class."""
    if word[:1] == "\\" and len(word) >= 2 and word[1] in "dw[":
        return word[:2]
    if word[:1].isalnum():
        return word[0]
    raise _BadWord(f"keyword pattern {word!r} must start with a letter, \\d, \\w or \\[")


def keyword_line(words: tuple[str, ...], head: str, tail: str, flags: int) -> re.Pattern[str]:
    """``head(?:word|word|…)tail`` compiled with ``flags``, with a look-ahead after ``head``
    on the characters the words can start with (each word starts with a literal letter,
    ``\\d``, ``\\w`` or ``\\[``)."""
    firsts = "".join(sorted({_first(w) for w in words}))
    return re.compile(f"{head}(?=[{firsts}])(?:{'|'.join(words)}){tail}", flags)
