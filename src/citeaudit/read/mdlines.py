"""A sources list written one note a line inside one Markdown paragraph.

Answers exported from chat assistants and answer engines end in ``Sources:`` (or
``Quellen:``, ``Citations:``, ``Fuentes:``) followed on the next lines by
``[1] https://…``, ``[2] Title – https://…``, with no blank line between them.
CommonMark joins such lines into one paragraph (a line break there is a space),
so the list reached the notes finder as one run-on block and every note was lost.
The writer meant lines, and a reader of the file sees lines: where a paragraph is
a list of that kind, each note line is given the hard break its author meant.

A paragraph is such a list when its first line is a notes heading or a note line
(``[n] text``, or ``ⁿ text`` where the markers are superscript digits) and the next
line is a note line; lines that are neither (a URL the note wrapped onto the next
line) go on with the note above them.  Code blocks and link reference definitions
(``[1]: url``) are left as they are.
"""

from __future__ import annotations

import itertools
import re

from citeaudit.read.endnotes import NOTES_HEADING

_NOTE_LINE = re.compile(r"^ {0,3}(?:\[\d{1,4}\][ \t]+(?![\[(:])|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}[ \t]*)\S")
"""``[3] https://…``, ``[3] Title …`` or ``³ Title …`` (where the markers are superscript
digits); not ``[3]: url``, ``[3](url)`` or ``[3] [x]``."""
# A note line after a line break: a pattern that starts with "\n" is searched for at each
# line break only, four times faster than "^" under re.M, which is tried at every character.
_LATER_NOTE_LINE = re.compile("\n" + _NOTE_LINE.pattern.removeprefix("^"))
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_HARD_BREAK = "  "


def note_lines_broken(text: str) -> str:
    """``text`` with the note lines of each one-paragraph sources list on lines of their own."""
    if not (_NOTE_LINE.match(text) or _LATER_NOTE_LINE.search(text)):  # most documents
        return text
    lines = text.split("\n")
    paragraph: list[int] = []
    fence: str | None = None
    changed = False
    for index, line in enumerate(lines):
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened or not line.strip() or (not paragraph and _INDENTED.match(line)):
            changed |= _break(lines, paragraph)
            paragraph = []
            if opened:
                fence = opened.group(1)[:3]
            continue
        paragraph.append(index)
    changed |= _break(lines, paragraph)
    return "\n".join(lines) if changed else text


def _break(lines: list[str], paragraph: list[int]) -> bool:
    """End the line before each note line of ``paragraph`` in a hard break, if it is a list."""
    if len(paragraph) < 2:
        return False
    first, second = lines[paragraph[0]], lines[paragraph[1]]
    if not _NOTE_LINE.match(second):
        return False
    if not (_NOTE_LINE.match(first) or NOTES_HEADING.match(first.strip())):
        return False
    for before, index in itertools.pairwise(paragraph):
        if _NOTE_LINE.match(lines[index]):
            lines[before] = lines[before].rstrip() + _HARD_BREAK
    return True
