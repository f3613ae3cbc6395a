"""A sources list written on one line: ``…minister says.[4] Sources: [1] https://… [2] https://…``.

News digests reposted to forums and dashboards, and answers pasted from chat
assistants, end a paragraph with the whole list on its line: a notes keyword and a
colon, then ``[1] …`` ``[2] …`` one after another.  Read as written it was one run
of prose, its markers pointing at nothing.  A reader sees a list there, the line
breaks lost in copying, so the list is put back on lines of its own: the keyword on
its line, each note on the next, where the line readers find a sources list.

The list is taken for one only when it is numbered from 1 up by one and every item
names a web address: ``Sources: [1] and [3] disagree`` is prose, and so is a list
whose numbers jump.  Code blocks are left as they are.  The keyword may be bold
(``**Sources:** [1] …``, ``<strong>Sources:</strong> [1] …``): bold or not, a reader
sees the same label.  In HTML the list is one paragraph; its items become paragraphs
of their own, each with its markup, so a source linked under its title keeps its address.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from citeaudit.read.endnotes import NOTES_WORDS, Block
from citeaudit.read.keywords import keyword_line
from citeaudit.read.mdnotes import Fences

_OPENS = re.compile(r":(?:\*\*|__)?[ \t]*(?=\[1\][ \t])")
"""The colon before ``[1]`` (and the bold it may close): searched for first, as it starts
with a literal character and the keywords' case-blind alternation, tried at every
character, took a tenth of a second on a 2 MB text."""
_KEYWORD = keyword_line(NOTES_WORDS, r"(?<![^\W\d_])", r"(?:\*\*|__)?[ \t]*$", re.I | re.X)
"""``Sources`` (any notes keyword) ending the text before that colon, not a longer word's end."""
_KEYWORD_REACH = 40
"""How far before the colon its keyword is looked for (the longest, ``notes and references``,
is 20 characters)."""
_ITEM = re.compile(r"\[(\d{1,4})\][ \t]+")
_WEB = re.compile(r"https?://|www\.", re.I)
_BOLD = ("**", "__")


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


def source_blocks_split(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each paragraph that ends in a one-line sources list cut into the
    paragraph before it, the keyword, and one block per note (HTML, where a ``<br>`` lost
    in copying or never written leaves the list one paragraph)."""
    out: list[Block] | None = None
    for index, block in enumerate(blocks):
        cut = _block_cut(block) if "[1]" in block.text else None
        if cut is None:
            if out is not None:
                out.append(block)
            continue
        if out is None:
            out = blocks[:index]
        before, heading, items, pieces = cut
        if before:
            out.append(Block(before, tag=block.tag))
        out.append(Block(heading, tag=block.tag))
        out.extend(
            attrs.evolve(block, text=item, html=pieces[n] if pieces else None, label=None)
            for n, item in enumerate(items)
        )
    return blocks if out is None else out


def _block_cut(block: Block) -> tuple[str, str, list[str], list[str] | None] | None:
    """``_parts`` of the block's text, and the markup of each item where it lines up."""
    pieces: list[str] | None = None

    def named(items: list[str]) -> bool:
        # A source linked under its title names its address in the markup alone.
        nonlocal pieces
        pieces = _html_items(block.html, len(items)) if block.html else None
        return all(
            _WEB.search(item) or (pieces is not None and _WEB.search(pieces[n]))
            for n, item in enumerate(items)
        )

    parts = _parts(block.text, named)
    return None if parts is None else (*parts, pieces)


def _html_items(html: str, count: int) -> list[str] | None:
    """The markup of the last ``count`` items ``[1] …`` ``[count] …`` of ``html``."""
    starts: list[int] = []
    end = len(html)
    for number in range(count, 0, -1):
        end = html.rfind(f"[{number}]", 0, end)
        if end < 0:
            return None
        starts.append(end)
    starts.reverse()
    return [html[a:b].strip() for a, b in zip(starts, [*starts[1:], len(html)], strict=True)]


def _split(line: str) -> str | None:
    """``line`` with its sources list on lines of its own, or ``None`` if it holds none."""
    parts = _parts(line, lambda items: all(_WEB.search(item) for item in items))
    if parts is None:
        return None
    before, heading, items = parts
    return "\n".join([*([before] if before else []), heading, *items])


def _parts(
    line: str, named: Callable[[list[str]], bool]
) -> tuple[str, str, list[str]] | None:
    """What precedes the sources list on ``line``, its keyword, and its items: the first
    list whose items are ``named`` (each names a web address)."""
    for colon in _OPENS.finditer(line):
        reach = max(0, colon.start() - _KEYWORD_REACH)
        keyword = _KEYWORD.search(line, reach, colon.start())
        if keyword is None:
            continue
        items = _items(line, colon.end())
        if items is None or not named(items):
            continue
        start = keyword.start()
        if line[:start].endswith(_BOLD):  # "**Sources:**": the bold goes with its word
            start -= 2
        before = line[:start].rstrip()
        heading = line[start : colon.end()].strip()
        return before, heading, items
    return None


def _items(line: str, start: int) -> list[str] | None:
    """The ``[n] …`` items from ``start`` to the line's end, if they are numbered as a list."""
    starts = []
    expected = 1
    for match in _ITEM.finditer(line, start):
        # Only the next number opens an item: a "[3]" inside a title is the title's.
        if match.group(1) == str(expected) and (expected > 1 or match.start() == start):
            starts.append(match.start())
            expected += 1
    if len(starts) < 2:
        return None
    return [line[a:b].strip() for a, b in zip(starts, [*starts[1:], len(line)], strict=True)]
