"""Case-insensitive cue search at the speed of a case-sensitive one.

Python's ``re`` tries every branch of a large ``IGNORECASE`` alternation at
every position of the text: the link rules' not-found, bot-wall and paywall
cues took a few hundred microseconds a page, more than fetching it.  Folding
the text once (:func:`fold`) and searching it with a case-sensitive pattern
(:class:`Cue`) finds exactly what the ``IGNORECASE`` pattern finds: ``re``
compares characters by their simple lowercase mapping, plus a few extra
equivalences (``i``/``ı``, ``s``/``ſ``, Cyrillic and Greek letter variants),
and :func:`fold` maps each character to that same class.
"""

from __future__ import annotations

import re

__all__ = ["Cue", "fold"]


def _extra_cases() -> dict[int, tuple[int, ...]]:
    """``re``'s equivalences beyond the lowercase mapping (code point → the others)."""
    try:
        from re import _casefix  # type: ignore[attr-defined]

        return dict(_casefix._EXTRA_CASES)
    except (ImportError, AttributeError):  # pragma: no cover - CPython >= 3.11 has it
        return {}


_EXTRA = _extra_cases()
_CLASSES = {
    code: chr(min(c for c in (code, *others) if chr(c).isalpha()))
    for code, others in _EXTRA.items()
    # A member that is not a letter keeps itself: mapped, it would change \w and \b.
    if chr(code).isalpha()
}
_CLASSES = {k: v for k, v in _CLASSES.items() if chr(k) != v}
_NOT_LETTERS = frozenset(
    chr(c) for code, others in _EXTRA.items() for c in (code, *others) if not chr(c).isalpha()
)
"""Characters in a class with a non-letter: a folded cue may not use them."""


def fold(text: str) -> str:
    """``text`` with each character replaced by the one ``re``'s ``IGNORECASE`` compares it as.

    ``str.lower`` is the full mapping; ``re`` uses the simple one, which differs
    only for ``İ`` (one ``i``, not ``i`` and a combining dot) and a final ``Σ``
    (``σ``, which the class table then makes ``σ``/``ς`` alike).
    """
    if text.isascii():
        return text.lower()
    return text.replace("İ", "i").lower().translate(_CLASSES)


class Cue:
    """A pattern searched case-insensitively, in the text :func:`fold` gives."""

    __slots__ = ("exact", "folded")

    def __init__(self, pattern: str) -> None:
        self.exact = re.compile(pattern, re.IGNORECASE)
        """The pattern as written, for callers that search unfolded text."""
        literal = re.sub(r"\\.", "", pattern)
        if any(c.isupper() for c in literal) or _NOT_LETTERS & set(literal):
            raise ValueError(f"a folded cue must be written in lower case: {pattern!r}")
        self.folded = re.compile(pattern.translate(_CLASSES))

    def search(self, folded: str) -> bool:
        """Whether the pattern occurs in ``folded`` (a :func:`fold`-ed text)."""
        return self.folded.search(folded) is not None

    @property
    def pattern(self) -> str:
        """The pattern as written."""
        return self.exact.pattern
