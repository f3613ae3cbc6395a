"""Note markers that are links to their sources: ``…in 2019.[[1]](https://…)`` or ``[1](https://…)``.

Answer engines, wiki exports (ArchWiki, a Wikipedia page converted to Markdown) and
hand-written READMEs cite this way: the marker a reader sees is ``[1]`` or a bare
``1``, and it links straight to the source, with no notes list at all.  Rendered
as written, each marker was an ordinary link whose text is a number, so the notes
were lost.  A reader takes such a link for what it shows: the note of that number,
its source the link's target.

A link is read as a marker when its text is only a number, bare or bracketed, it
points to a web page, and it follows text on its line: a numbered link at the start
of a line or list item (``11. [1](https://…) – Campos…``) is an item of a link list
titled by chance with a number, not a note's marker.  Each marker becomes the
footnote ``[^n]``, and a definition ``[^n]: url`` is added at the end; where the
document already has a notes list holding that number (``[^n]:``, ``[n]:``, a ``[n] …``
line, or ``n. …`` under a *References* heading: a converted Wikipedia page, whose markers
link to the page's own notes), the marker is only the marker, and the list says what
the note is.  With no list, the link is all a reader has of the note.
A number linked to two different pages is no one note, so those links stay links.
Code blocks and code spans are left as they are, and so is a footnote's definition
(``[^azu]: Talks of [2014](https://…), [2015](https://…)``) and the lines that continue
it: a link there is a source the note cites, not the marker of another note.
"""

from __future__ import annotations

import re

from citeaudit.read.endnotes import NOTES_HEADING
from citeaudit.read.mdnotes import CodeLines

_URL = r"https?://(?:[^\s()<>]|\([^\s()<>]*\))+"
_MARKER = re.compile(
    rf"(?<![!\]\\])\[(\[?)(\d{{1,4}})(\]?)\]\(<?({_URL})>?(?:[ \t]+\"[^\"\n]*\")?\)"
)
"""``[1](url)`` or ``[[1]](url)``, an optional title after the URL; not an image ``![1](…)``."""
_LEAD = re.compile(r"^\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?$")
"""What may stand before a link that starts its line: quote marks, a list item's bullet."""
_LISTED = re.compile(r"^ {0,3}\[\^?(\d{1,4})\](?::|[ \t]+\S)", re.M)
"""A notes list's line for a number: ``[^1]:``, ``[1]:`` or ``[1] Author, Title…``."""
_ITEM = re.compile(r"^ {0,3}(\d{1,4})[.)][ \t]+\S")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]")
_CODE_SPAN = re.compile(r"(`+[^`]*`+)")


def link_markers_as_footnotes(text: str) -> str:
    """``text`` with each link that is a note's marker written as the footnote it stands for."""
    if "](http" not in text or not _MARKER.search(text):
        return text
    lines = text.split("\n")
    prose, fence_open = _prose_lines(lines)
    urls: dict[str, set[str]] = {}
    for index in prose:
        for match in _markers(lines[index]):
            urls.setdefault(match.group(2), set()).add(match.group(4))
    # Each number linked to one page, and that page; in order of first use, so the added
    # definitions read in the order cited.
    usable = {label: next(iter(seen)) for label, seen in urls.items() if len(seen) == 1}
    if not usable:
        return text
    listed = {m.group(1) for m in _LISTED.finditer(text)} | _under_notes_heading(lines, prose)
    for index in prose:
        lines[index] = _replaced(lines[index], usable, listed)
    added = [f"[^{label}]: {url}" for label, url in usable.items() if label not in listed]
    if not added:
        return "\n".join(lines)
    # A code block never closed runs to the end of the text: closed first, it keeps the notes.
    ending = [*([fence_open] if fence_open else []), "", *added]
    return "\n".join(lines + ending) + "\n"


def _under_notes_heading(lines: list[str], prose: list[int]) -> set[str]:
    """The numbers of a numbered list under a notes heading (``## References`` then ``1. …``)."""
    numbers: set[str] = set()
    under = False
    for index in prose:
        line = lines[index]
        if NOTES_HEADING.match(line.strip()):
            under = True
        elif _HEADING.match(line):
            under = False
        elif under and (item := _ITEM.match(line)):
            numbers.add(item.group(1))
    return numbers


def _replaced(line: str, usable: dict[str, str], listed: set[str]) -> str:
    """``line`` with each marker of a usable number written as a footnote reference."""
    out: list[str] = []
    last = 0
    for match in _markers(line):
        label = match.group(2)
        if label not in usable:
            continue
        out.append(line[last : match.start()])
        # A notes list of its own: the bare marker, which the list's reader ties to it.
        out.append(f"[{label}]" if label in listed else f"[^{label}]")
        last = match.end()
    out.append(line[last:])
    return "".join(out)


_DEFINITION = re.compile(r"^ {0,3}\[\^[^\[\]\n]+\]:")
"""The first line of a footnote's definition, ``[^label]: …``."""
_OPENS = re.compile(r"^ {0,3}(?:#{1,6}(?:\s|$)|[-*+]\s|\d{1,9}[.)]\s|>)")
"""A line that starts a block of its own (heading, list item, quotation), which ends the
definition above it instead of going on with it."""


def _prose_lines(lines: list[str]) -> tuple[list[int], str | None]:
    """The indices of the lines outside code and outside footnote definitions, and the
    fence the last code block left open."""
    blocks = CodeLines()
    prose: list[int] = []
    in_definition = False
    for index, line in enumerate(lines):
        if blocks.code(line) and not blocks.indented:
            in_definition = False
            continue
        if _DEFINITION.match(line):
            in_definition = True
            continue
        if not line.strip():
            continue
        # A definition goes on over the indented lines below it (its other paragraphs) and
        # the lines right below it that start no block, as Markdown's footnotes read them.
        if in_definition and (
            line[:1] in (" ", "\t") or (lines[index - 1].strip() and not _OPENS.match(line))
        ):
            continue
        in_definition = False
        if not blocks.indented:
            prose.append(index)
    return prose, blocks.open


def _markers(line: str) -> list[re.Match[str]]:
    """The links on ``line`` that are markers: each after text on its line, outside code."""
    spans = [m.span() for m in _CODE_SPAN.finditer(line)] if "`" in line else []
    return [
        match
        for match in _MARKER.finditer(line)
        if not any(start <= match.start() < end for start, end in spans)
        # "[1" + "](url)" or "[[1]" + "(url)": one bracket unmatched is not a printed marker.
        and bool(match.group(1)) == bool(match.group(3))
        and not _LEAD.match(line[: match.start()])
    ]
