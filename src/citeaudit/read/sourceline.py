"""A sources list written on one line: ``…minister says.[4] Sources: [1] https://… [2] https://…``.

News digests reposted to forums and dashboards, and answers pasted from chat
assistants, end a paragraph with the whole list on its line: a notes keyword and a
colon, then ``[1] …`` ``[2] …`` one after another.  Read as written it was one run
of prose, its markers pointing at nothing.  A reader sees a list there, the line
breaks lost in copying, so the list is put back on lines of its own: the keyword on
its line, each note on the next, where the line readers find a sources list.

The list is taken for one only when it is numbered from 1 up by one and every item
names a web address: ``Sources: [1] and [3] disagree`` is prose, and so is a list
whose numbers jump.  Code blocks are left as they are.
"""

from __future__ import annotations

import re

from citeaudit.read.endnotes import NOTES_WORDS
from citeaudit.read.keywords import keyword_line
from citeaudit.read.mdnotes import Fences

_OPENS = re.compile(r":[ \t]*(?=\[1\][ \t])")
"""The colon before ``[1]``: searched for first, as it starts with a literal character and
the keywords' case-blind alternation, tried at every character, took a tenth of a second
on a 2 MB text."""
_KEYWORD = keyword_line(NOTES_WORDS, r"(?<![^\W\d_])", r"[ \t]*$", re.I | re.X)
"""``Sources`` (any notes keyword) ending the text before that colon, not a longer word's end."""
_KEYWORD_REACH = 40
"""How far before the colon its keyword is looked for (the longest, ``notes and references``,
is 20 characters)."""
_ITEM = re.compile(r"\[(\d{1,4})\][ \t]+")
_WEB = re.compile(r"https?://|www\.", re.I)


def source_lines_split(text: str) -> str:
    """``text`` with each one-line sources list written one note a line."""
    if "[1]" not in text or not _OPENS.search(text):
        return text
    lines = text.split("\n")
    fences = Fences()
    changed = False
    for index, line in enumerate(lines):
        if fences.code(line):
            continue
        split = _split(line)
        if split is not None:
            lines[index] = split
            changed = True
    return "\n".join(lines) if changed else text


def _split(line: str) -> str | None:
    """``line`` with its sources list on lines of its own, or ``None`` if it holds none."""
    for colon in _OPENS.finditer(line):
        reach = max(0, colon.start() - _KEYWORD_REACH)
        keyword = _KEYWORD.search(line, reach, colon.start())
        if keyword is None:
            continue
        items = _items(line, colon.end())
        if items is None:
            continue
        before = line[: keyword.start()].rstrip()
        heading = line[keyword.start() : colon.end()].strip()
        return "\n".join([*([before] if before else []), heading, *items])
    return None


def _items(line: str, start: int) -> list[str] | None:
    """The ``[n] …`` items from ``start`` to the line's end, if they make a list."""
    starts = []
    expected = 1
    for match in _ITEM.finditer(line, start):
        # Only the next number opens an item: a "[3]" inside a title is the title's.
        if match.group(1) == str(expected) and (expected > 1 or match.start() == start):
            starts.append(match.start())
            expected += 1
    if len(starts) < 2:
        return None
    items = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], len(line)], strict=True)]
    if not all(_WEB.search(item) for item in items):
        return None
    return items
