"""Notes lists copied from a rendered Wikipedia page: each note starts with ``^``.

MediaWiki prints a note's link back to its marker as a caret (``^ Smith, J. …``;
``^ a b Smith…`` for a note cited twice; ``Jump up ^`` in older skins).  Copied as
text or converted to Markdown, the list loses its numbers but keeps the carets, so a
reader counts them as a browser numbers the list: the *n*-th caret of a *References*
list is note [n].  An explanatory-notes list (``{{efn}}``) is lettered instead, and a
reader knows it is because the prose carries that many ``[a]``-style markers.  A copy
may split a note over two items, the caret alone on the first (``^`` then ``Ore,
Oystein (1988)…``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from citeaudit.read.chrome import is_chrome
from citeaudit.read.interface import RawNote

if TYPE_CHECKING:
    from citeaudit.read.endnotes import Block

CARET = re.compile(r"^(?:[\^↑](?:\s+[\^↑])*(?:\s*Jump up(?: to)?:?)?|Jump up\s*\^)(?:\s+|$)")
"""A note's backlink as a copy keeps it: ``^``, ``↑``, ``^ Jump up to:`` or (older
skins) ``Jump up ^``; ``^ ^ ^`` where each backlink link was read as its caret.  The
caret stands apart: ``^1.2.3`` (a version) or ``^{8}`` (a formula) is no backlink."""
_JUMP_LETTERS = re.compile(r"^(?:a(?: [b-z])+|\[a\](?: \[[b-z]\])+)(?:\s+|$)")
"""The backlinks of a note cited more than once: ``^ a b c Smith…`` (``[a] [b]`` where
the page's superscript letters were read as markers)."""
_HTML_CARET = re.compile(
    r"^((?:\s*<[^>]+>)*)\s*(?:[\^↑](?:(?:\s|<[^>]+>)+[\^↑])*(?:\s*Jump up(?: to)?:?)?"
    r"|Jump up\s*\^)(?=\s|<|$)"
)
_NUMBER_MARKER = re.compile(r"\[(\d{1,4})\]")
_LETTER_MARKER = re.compile(r"\[([a-z])\]")
_GROUP_MARKER = re.compile(r"\[([A-Za-z]{1,8}) (\d{1,3})\]")
MIN_CARETS = 2
"""A single caret line is as likely an exponent or a stray character as a notes list."""


def caret_notes(
    blocks: list[Block], is_heading: Callable[[Block], bool]
) -> tuple[list[Block], tuple[RawNote, ...]] | None:
    """The prose blocks and the notes, when the notes are caret lists under notes headings.

    ``is_heading`` tells a notes heading (*Notes*, *References*…); ``[edit]`` links
    between it and its list are page chrome.  Whatever follows the last list (external
    links, navigation boxes, categories) is dropped, as for any notes list."""
    runs = _runs(blocks, is_heading)
    if sum(len(items) for _, _, items in runs) < MIN_CARETS:
        return None
    prose_end = runs[0][0]
    prose = " ".join(block.text for block in blocks[:prose_end])
    numbers = {m.group(1) for m in _NUMBER_MARKER.finditer(prose)}
    # The other series the prose marks: [a] [b] (efn), [note 1] [note 2] (a named group).
    groups: dict[str, set[str]] = {}
    for match in _LETTER_MARKER.finditer(prose):
        groups.setdefault("", set()).add(match.group(1))
    for match in _GROUP_MARKER.finditer(prose):
        groups.setdefault(match.group(1), set()).add(match.group(2))
    used: set[str] = set()
    counted = 0
    notes: list[RawNote] = []
    body: list[Block] = []
    kept_from = 0
    for index, (heading, end, items) in enumerate(runs):
        body.extend(blocks[kept_from:heading])
        kept_from = end
        # A list is of another series when the prose marks that many of it, and not as
        # many [1]s or another list follows (Wikipedia puts *Notes* before *References*).
        group = next(
            (
                name for name, marked in groups.items()
                if name not in used and len(marked) == len(items)
                and (len(items) != len(numbers) or index + 1 < len(runs))
            ),
            None,
        )
        if group is not None:
            used.add(group)
        for position, parts in enumerate(items, 1):
            if group == "" and position <= 26:
                label = chr(ord("a") + position - 1)
            elif group:
                label = f"{group} {position}"
            else:  # a numbered list's own number where it kept one (``3. ^ …``)
                counted += 1
                label = parts[0].label or str(counted)
            notes.append(_note(label, parts))
    return body, tuple(notes)


def _runs(
    blocks: list[Block], is_heading: Callable[[Block], bool]
) -> list[tuple[int, int, list[list[Block]]]]:
    """Each caret list: where its heading is, where it ends, and each note's blocks."""
    runs = []
    index = 0
    while index < len(blocks):
        start = index + 1
        if not is_heading(blocks[index]):
            index += 1
            continue
        while start < len(blocks) and is_chrome(blocks[start].text):
            start += 1
        items: list[list[Block]] = []
        position = start
        while position < len(blocks):
            block = blocks[position]
            if CARET.match(block.text):
                items.append([block])
            elif items and _bare(items[-1]) and not block.is_heading:
                items[-1].append(block)  # the caret alone, then its note as the next item
            else:
                break
            position += 1
        if items:
            runs.append((index, position, items))
            index = position
        else:
            index += 1
    return runs


def _bare(parts: list[Block]) -> bool:
    """Whether a note so far is only its caret (and backlink letters)."""
    return len(parts) == 1 and not _JUMP_LETTERS.sub("", _strip(parts[0].text), count=1)


def _strip(text: str) -> str:
    return CARET.sub("", text, count=1)


def without_backlink(text: str) -> str:
    """A note's text without the ``^ a b`` its copy kept in front (``^ Jones, K.``)."""
    if not CARET.match(text):
        return text
    return _JUMP_LETTERS.sub("", _strip(text), count=1)


def without_backlink_html(html: str) -> str:
    """A note's markup without the caret in front of its text."""
    return _HTML_CARET.sub(r"\1", html, count=1)


def _note(label: str, parts: list[Block]) -> RawNote:
    texts = [_strip(parts[0].text)] + [p.text for p in parts[1:]]
    raw = " ".join(" ".join(texts).split())
    raw = _JUMP_LETTERS.sub("", raw, count=1)
    htmls = [p.html for p in parts if p.html is not None]
    html = None
    if len(htmls) == len(parts):
        htmls[0] = _HTML_CARET.sub(r"\1", htmls[0], count=1)
        html = " ".join(h for h in htmls if h.strip()) or None
    return RawNote(label=label, raw=raw, html=html)
