"""Wikitext openers that nothing closes, made plain text before mwparserfromhell sees them.

MediaWiki shows an unclosed ``{{``, ``{|``, ``[[`` or ``<ref>`` as the characters it is.
mwparserfromhell reaches the same reading by trying each such opener to the end of the
page and backing off, so a page with thousands of them (a cut-off dump, a bot's broken
edit) took time growing with the square of its length: 4,000 unclosed templates, minutes.

One pass matches openers with their closers on a stack, outside comments and the tags
whose content is not wikitext (``<nowiki>``, ``<pre>``, ``<math>``…).  Each opener left
over has its characters swapped for private-use stand-ins of the same length, so every
place in the page stays where it was, and the reader swaps them back in what it returns.
A page whose openers all close is not touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from citeaudit.read.interface import Document

BRACE, BRACKET, ANGLE = "\ue001", "\ue002", "\ue003"
"""The stand-ins for ``{``, ``[`` and ``<`` of an opener that nothing closes."""
_BACK = str.maketrans({BRACE: "{", BRACKET: "[", ANGLE: "<"})

_OPAQUE = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(nowiki|pre|math|syntaxhighlight|source|score|chem|timeline|templatedata|graph)\b"
    r"[^>]*?(?:/>|>.*?(?:</\1\s*>|\Z))",
    re.S | re.I,
)
_FIRST = re.compile(r"[{}\[\]<|]")
"""The first characters of the tokens: a scan for them skips plain prose at C speed, where
one alternation tried at every character cost a third of a second a megabyte."""
_TOKEN = re.compile(
    r"(?P<t_open>\{\{)|(?P<t_close>\}\})"
    r"|(?P<l_open>\[\[)|(?P<l_close>\]\])"
    r"|(?P<tb_open>\{\|)|(?P<tb_close>\|\})"
    r"|(?P<r_open><ref(?:\s[^<>]*?)?(?<!/)>)|(?P<r_close></ref\s*>)",
    re.I,
)
_TABLE_LEAD = {"tb_open": frozenset(" \t:"), "tb_close": frozenset(" \t")}
"""What may stand before a table's ``{|`` (indentation) or ``|}`` on its line."""
_PAIRS = {"t_open": "t_close", "l_open": "l_close", "tb_open": "tb_close", "r_open": "r_close"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_STAND_IN = {"t_open": BRACE, "l_open": BRACKET, "tb_open": BRACE, "r_open": ANGLE}


def _tokens(text: str, pos: int, end: int) -> Iterator[tuple[str, re.Match[str]]]:
    """Each opener and closer in ``text[pos:end]``, in order; a table's only at the start
    of its line."""
    first, token = _FIRST.search, _TOKEN.match
    while (hit := first(text, pos, end)) is not None:
        at = hit.start()
        match = token(text, at, end)
        kind = match.lastgroup if match is not None else None
        if kind is None:
            pos = at + 1
            continue
        lead = _TABLE_LEAD.get(kind)
        if lead is not None and not _starts_line(text, at, lead):
            pos = at + 1  # "x|}}": no table's end mid-line, but "}}" may close a template
            continue
        yield kind, match
        pos = match.end()


def _starts_line(text: str, at: int, lead: frozenset[str]) -> bool:
    """Only ``lead`` characters stand between ``at`` and the start of its line.  (Walked
    back by hand: the walk stops at the first other character, so a long line costs no
    more than its own length in all, where slicing back to the newline grew with its
    square.)"""
    while at and text[at - 1] in lead:
        at -= 1
    return not at or text[at - 1] == "\n"


def unclosed_openers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stand-in) of each opener in ``text`` that no closer matches.

    A ``{|`` stands for its ``{`` alone; a ``<ref …>`` for its ``<``."""
    stacks: dict[str, list[tuple[int, int]]] = {name: [] for name in _PAIRS}
    position = 0
    for opaque in (*_OPAQUE.finditer(text), None):
        end = opaque.start() if opaque is not None else len(text)
        for kind, match in _tokens(text, position, end):
            if kind in _PAIRS:
                start = match.start(kind)
                stop = start + 1 if kind in ("tb_open", "r_open") else match.end(kind)
                stacks[kind].append((start, stop))
            elif stacks[_CLOSERS[kind]]:
                stacks[_CLOSERS[kind]].pop()
        if opaque is not None:
            position = opaque.end()
    return sorted(
        (start, stop, _STAND_IN[kind]) for kind, spans in stacks.items() for start, stop in spans
    )


def close_off(text: str) -> str | None:
    """``text`` with each unclosed opener's characters swapped for stand-ins, or ``None``
    when every opener closes (or the page already holds a stand-in character)."""
    if BRACE in text or BRACKET in text or ANGLE in text:
        return None
    openers = unclosed_openers(text)
    if not openers:
        return None
    pieces: list[str] = []
    last = 0
    for start, stop, stand_in in openers:
        pieces.append(text[last:start])
        pieces.append(stand_in * (stop - start))
        last = stop
    pieces.append(text[last:])
    return "".join(pieces)


def restored(document: Document) -> Document:
    """``document`` with the stand-ins back as the characters they stood for."""

    def back(value: str | None) -> str | None:
        return value.translate(_BACK) if value else value

    return attrs.evolve(
        document,
        body=back(document.body),
        title=back(document.title),
        notes=tuple(
            attrs.evolve(note, raw=back(note.raw), html=back(note.html), label=back(note.label))
            for note in document.notes
        ),
    )
