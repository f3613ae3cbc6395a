"""Numbered link definitions used as notes: ``… in 1953 [1].`` with ``[1]: https://…`` below.

A Markdown post often cites this way: the prose shows ``[1]`` and the definitions
at the end read as its notes list.  CommonMark takes ``[1]: url`` for a link
reference definition, which renders as nothing, so the notes vanished.  A
numbered definition that the prose only ever uses as a bare ``[1]`` is written as
the footnote it stands for (``[^1]``, ``[^1]: url``); one used as a link's
target (``[the report][1]``) stays a link.

Once the definitions are read as a notes list (some cited bare, none a link's
target), the list is read whole, as a reader reads a sources list: its members
the prose never cites are notes too, and a line of it written without the colon
(``[11] Author, Title, url`` between ``[10]:`` and ``[12]:``) is one of its items.
"""

from __future__ import annotations

import re

from citeaudit.read.mdnotes import FENCE, CodeLines

_DEFINITION = re.compile(r"^ {0,3}\[(\d{1,4})\]:[ \t]*(\S.*)$")
_ITEM = re.compile(r"^ {0,3}\[(\d{1,4})\][ \t]+(?![\[(:])(\S.*)$")
"""A ``[11] text`` line: an item of a definitions list whose author left out the colon."""
_BARE = re.compile(r"(?<![\]\\^])\[(\d{1,4})\](?![\[(:])")
"""A bare ``[1]``: not a link's ``[text][1]``, not ``[1](url)``, ``[1][x]`` or ``[1]:``."""
_AS_TARGET = re.compile(r"\]\[(\d{1,4})\]")
_CODE_SPAN = re.compile(r"(`+[^`]*`+)")


def numbered_links_as_footnotes(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text`` with each numbered definition the prose cites bare written as a footnote.

    Also the members of such a list the prose never cites, each as (label, Markdown),
    taken out of the text: no marker points at them, but they are notes of the list.
    """
    if "]:" not in text:
        return text, ()
    lines = text.split("\n")
    definitions: dict[str, int] = {}
    items: dict[int, str] = {}
    code: set[int] = set()
    blocks = CodeLines()
    for index, line in enumerate(lines):
        # An indented block after a blank line is code, unless it continues a list item:
        # its "[21]" is text shown as written, not a marker.
        if blocks.code(line):
            if blocks.indented:
                code.add(index)
            continue
        if not line.strip():
            continue
        match = _DEFINITION.match(line)
        if match and match.group(1) not in definitions:
            definitions[match.group(1)] = index
        elif not match and (item := _ITEM.match(line)):
            items[index] = item.group(1)
    if not definitions:
        return text, ()
    first, last = min(definitions.values()), max(definitions.values())
    while last + 1 in items:  # the list may end in such lines too
        last += 1
    for index, label in items.items():
        if first < index <= last and label not in definitions:
            definitions[label] = index
    at = set(definitions.values())
    prose = "\n".join(line for i, line in enumerate(lines) if i not in at and i not in code)
    bare = {m.group(1) for m in _BARE.finditer(prose)}
    targets = {m.group(1) for m in _AS_TARGET.finditer(prose)}
    cited = {label for label in definitions if label in bare and label not in targets}
    if not cited:
        return text, ()
    listed: list[tuple[str, str]] = []
    if not targets & definitions.keys():
        for label, index in sorted(definitions.items(), key=lambda pair: pair[1]):
            if label not in cited:
                listed.append((label, _content(lines[index])))
                lines[index] = ""
    for label in cited:
        index = definitions[label]
        # The blank line ends the note: a link definition below it stays one.
        lines[index] = f"[^{label}]: {_content(lines[index])}\n"
    definition_lines = {definitions[label] for label in cited}

    def footnote(match: re.Match[str]) -> str:
        return f"[^{match.group(1)}]" if match.group(1) in cited else match.group(0)

    out: list[str] = []
    fence = None
    for index, line in enumerate(lines):
        opened = FENCE.match(line)
        if fence is not None or opened or index in definition_lines or index in code:
            if fence is not None and line.strip().startswith(fence):
                fence = None
            elif fence is None and opened:
                fence = opened.group(1)[:3]
            out.append(line)
            continue
        # Outside code spans only: ``a[1]`` in code is an index, not a marker.
        pieces = _CODE_SPAN.split(line)
        out.append("".join(
            piece if piece.startswith("`") else _BARE.sub(footnote, piece) for piece in pieces
        ))
    return "\n".join(out), tuple(listed)


def _content(line: str) -> str:
    """What a definition or item line says after its ``[n]:`` or ``[n]``."""
    match = _DEFINITION.match(line) or _ITEM.match(line)
    return match.group(2) if match else line.strip()
