"""A sources list written one note a line inside one Markdown paragraph.

Answers exported from chat assistants and answer engines end in ``Sources:`` (or
``Quellen:``, ``Citations:``, ``Fuentes:``) followed on the next lines by
``[1] https://…``, ``[2] Title – https://…``, with no blank line between them.
CommonMark joins such lines into one paragraph (a line break there is a space),
so the list reached the notes finder as one run-on block and every note was lost.
The writer meant lines, and a reader of the file sees lines: where a paragraph is
a list of that kind, each note line is given the hard break its author meant.

A paragraph holds such a list from a line that is a notes heading and is followed by
a note line (``[n] text``, or ``ⁿ text`` where the markers are superscript digits),
or from its first line when that and a later line are note lines.  The heading may
end a paragraph of prose (no blank line before ``Sources:``), and may head a
numbered list (``1. [Title](url)``) instead, which then is a list of its own.  Lines
that are neither heading nor note (a URL the note wrapped onto the next line) go on
with the note above them.  Code blocks and link reference definitions (``[1]: url``)
are left as they are.
"""

from __future__ import annotations

import itertools
import re

from citeaudit.read.endnotes import NOTES_HEADING
from citeaudit.read.mdnotes import FENCE

_NOTE_LINE = re.compile(r"^ {0,3}(?:\[\d{1,4}\][ \t]+|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}[ \t]*)\S")
"""``[3] https://…``, ``[3] [Title](https://…)`` or ``³ Title …`` (where the markers are
superscript digits); not ``[3]: url`` (a link definition) or ``[3](url)`` (a link)."""
# A note line after a line break: a pattern that starts with "\n" is searched for at each
# line break only, four times faster than "^" under re.M, which is tried at every character.
_LATER_NOTE_LINE = re.compile("\n" + _NOTE_LINE.pattern.removeprefix("^"))
_FIRST_ITEM = re.compile(r"^ {0,3}1[.)][ \t]+\S")
"""``1. [Title](url)``: a numbered list, which CommonMark lets interrupt the paragraph above."""
_LATER_FIRST_ITEM = re.compile("\n" + _FIRST_ITEM.pattern.removeprefix("^"))
_INDENTED = re.compile(r"^(?: {4}|\t)")
_HARD_BREAK = "  "


def note_lines_broken(text: str) -> str:
    """``text`` with the note lines of each one-paragraph sources list on lines of their own."""
    if not _may_hold_list(text):  # most documents: a search or two in C, nothing to do
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
        opened = FENCE.match(line)
        if opened or not line.strip() or (not paragraph and _INDENTED.match(line)):
            changed |= _break(lines, paragraph)
            paragraph = []
            if opened:
                fence = opened.group(1)[:3]
            continue
        paragraph.append(index)
    changed |= _break(lines, paragraph)
    return "\n".join(lines) if changed else text


def _may_hold_list(text: str) -> bool:
    """Whether ``text`` has a note line, or a numbered list right under a notes heading."""
    if _NOTE_LINE.match(text) or _LATER_NOTE_LINE.search(text):
        return True
    for item in _LATER_FIRST_ITEM.finditer(text):
        start = text.rfind("\n", 0, item.start()) + 1
        if NOTES_HEADING.match(text[start : item.start()].strip()):
            return True
    return False


def _break(lines: list[str], paragraph: list[int]) -> bool:
    """End the line before each note line of ``paragraph``'s sources list in a hard break."""
    start = _list_start(lines, paragraph)
    if start is None:
        return False
    if start > 0:  # "…rose.<sup>2</sup>" then "Sources:" on the next line: the heading's own line
        before = paragraph[start - 1]
        lines[before] = lines[before].rstrip() + _HARD_BREAK
    for before, index in itertools.pairwise(paragraph[start:]):
        if _NOTE_LINE.match(lines[index]):
            lines[before] = lines[before].rstrip() + _HARD_BREAK
    return True


def _list_start(lines: list[str], paragraph: list[int]) -> int | None:
    """Where in ``paragraph`` a sources list begins, if it holds one.

    At a notes heading whose next line is a note line, or at the first line when it is a
    note line and another note line follows: prose wrapped onto a line that starts with a
    marker (``…in`` / ``[2] and [3] show…``) has neither.
    """
    if len(paragraph) < 2:
        return None
    if _NOTE_LINE.match(lines[paragraph[0]]) and any(
        _NOTE_LINE.match(lines[index]) for index in paragraph[1:]
    ):
        return 0
    for position, (index, following) in enumerate(itertools.pairwise(paragraph)):
        opens = _NOTE_LINE.match(lines[following]) or _FIRST_ITEM.match(lines[following])
        if opens and NOTES_HEADING.match(lines[index].strip()):
            return position
    return None
