"""Case-insensitive cue search at the speed of a case-sensitive one.

Python's ``re`` tries every branch of a large ``IGNORECASE`` alternation at
every position of the text: the link rules' not-found, bot-wall and paywall
cues took a few hundred microseconds a page, more than fetching it.  Folding
the text once (:func:`fold`) and searching it with a case-sensitive pattern
(:class:`Cue`) finds exactly what the ``IGNORECASE`` pattern finds: ``re``
compares characters by their simple lowercase mapping, plus a few extra
equivalences (``i``/``ı``, ``s``/``ſ``, Cyrillic and Greek letter variants),
and :func:`fold` maps each character to that same class.

A cue whose every branch holds a literal run (``page not found``, ``captcha``)
is first looked for by those runs with ``str.__contains__``: a text holding
none of them cannot match, and most pages hold none, which ``re`` (trying
every branch at every position) took several times longer to find out.
"""

from __future__ import annotations

import re

__all__ = ["Cue", "anchors", "fold"]


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


_SHORTEST_ANCHOR = 3
"""Literal runs shorter than this are in most texts: no use as a first look."""


def anchors(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains, or ``None`` if not known.

    One per top-level branch: its longest run of plain characters (the parse's,
    so a one-letter class counts as its letter).  ``None`` when a branch has no
    run of :data:`_SHORTEST_ANCHOR` characters, or the pattern sets flags.
    """
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]

        tree = _parser.parse(pattern)
    except (ImportError, AttributeError, re.error):  # pragma: no cover - CPython >= 3.11 has it
        return None
    if tree.state.flags & ~re.UNICODE:
        return None  # a case-blind or verbose literal is not the plain characters it reads as
    items = list(tree)
    branched = len(items) == 1 and items[0][0] is _constants.BRANCH
    branches = items[0][1][1] if branched else [tree]
    found: set[str] = set()
    for branch in branches:
        best, run = "", []
        for op, arg in [*branch, (None, None)]:
            if op is _constants.LITERAL:
                run.append(chr(arg))
                continue
            if len(run) > len(best):
                best = "".join(run)
            run = []
        if len(best) < _SHORTEST_ANCHOR:
            return None
        found.add(best)
    # A run holding another is implied by it: the shorter alone is looked for.
    kept: list[str] = []
    for run_ in sorted(found, key=len):
        if not any(k in run_ for k in kept):
            kept.append(run_)
    return tuple(kept)


class Cue:
    """A pattern searched case-insensitively, in the text :func:`fold` gives."""

    __slots__ = ("anchors", "exact", "folded")

    def __init__(self, pattern: str) -> None:
        self.exact = re.compile(pattern, re.IGNORECASE)
        """The pattern as written, for callers that search unfolded text."""
        literal = re.sub(r"\\.", "", pattern)
        if any(c.isupper() for c in literal) or _NOT_LETTERS & set(literal):
            raise ValueError(f"a folded cue must be written in lower case: {pattern!r}")
        self.folded = re.compile(pattern.translate(_CLASSES))
        self.anchors = anchors(self.folded.pattern)
        """What :meth:`search` looks for before the pattern (see :func:`anchors`)."""

    def search(self, folded: str) -> bool:
        """Whether the pattern occurs in ``folded`` (a :func:`fold`-ed text)."""
        if self.anchors is not None:
            for anchor in self.anchors:
                if anchor in folded:
                    break
            else:
                return False
        return self.folded.search(folded) is not None

    @property
    def pattern(self) -> str:
        """The pattern as written."""
        return self.exact.pattern
