"""Numbered link definitions used as notes: ``… in 1953 [1].`` with ``[1]: https://…`` below.

A Markdown post often cites this way: the prose shows ``[1]`` and the definitions
at the end read as its notes list.  CommonMark takes ``[1]: url`` for a link
reference definition, which renders as nothing, so the notes vanished.  A
numbered definition that the prose only ever uses as a bare ``[1]`` is written as
the footnote it stands for (``[^1]``, ``[^1]: url``); one used as a link's
target (``[the report][1]``) stays a link.
"""

from __future__ import annotations

import re

_DEFINITION = re.compile(r"^ {0,3}\[(\d{1,4})\]:[ \t]*(\S.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BARE = re.compile(r"(?<![\]\\^])\[(\d{1,4})\](?![\[(:])")
"""A bare ``[1]``: not a link's ``[text][1]``, not ``[1](url)``, ``[1][x]`` or ``[1]:``."""
_AS_TARGET = re.compile(r"\]\[(\d{1,4})\]")
_CODE_SPAN = re.compile(r"(`+[^`]*`+)")


def numbered_links_as_footnotes(text: str) -> str:
    """``text`` with each numbered definition the prose cites bare written as a footnote."""
    if "]:" not in text:
        return text
    lines = text.split("\n")
    definitions: dict[str, int] = {}
    fence: str | None = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)[:3]
            continue
        match = _DEFINITION.match(line)
        if match and match.group(1) not in definitions:
            definitions[match.group(1)] = index
    if not definitions:
        return text
    at = set(definitions.values())
    prose = "\n".join(line for i, line in enumerate(lines) if i not in at)
    bare = {m.group(1) for m in _BARE.finditer(prose)}
    targets = {m.group(1) for m in _AS_TARGET.finditer(prose)}
    cited = {label for label in definitions if label in bare and label not in targets}
    if not cited:
        return text
    for label in cited:
        index = definitions[label]
        # The blank line ends the note: a link definition below it stays one.
        lines[index] = _DEFINITION.sub(r"[^\1]: \2", lines[index]) + "\n"
    definition_lines = {definitions[label] for label in cited}

    def footnote(match: re.Match[str]) -> str:
        return f"[^{match.group(1)}]" if match.group(1) in cited else match.group(0)

    out: list[str] = []
    fence = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None or opened or index in definition_lines:
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
    return "\n".join(out)
