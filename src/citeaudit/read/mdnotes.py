"""Markdown footnote definitions taken out before rendering, where that reads the same.

markdown-it's footnote plug-in parses every definition as a block of its
own and the HTML reader then finds each note in the rendered page: for an
article with 10,000 notes that was most of the reading time.  Here the
definitions (``[^label]: …`` lines, their lazy and indented continuation
lines) are cut out of the source with one pass over its lines, and the
references written ``[label]`` in place, so only the prose is rendered.

It gives up (``None``: render the whole document as before) on whatever it
does not model exactly: inline notes (``^[…]``), a reference or definition
inside code or a blockquote, a label defined twice, a reference to a label
never defined.
"""

from __future__ import annotations

import re

import attrs

_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
"""A line opening or closing a fenced code block (its first three marks close it)."""


class Fences:
    """Which lines of a Markdown text are fenced code, told one line at a time in order."""

    def __init__(self) -> None:
        self.open: str | None = None
        """The marks that close the code block the last line left open (``None``: none)."""

    def code(self, line: str) -> bool:
        """Whether ``line`` opens, closes or lies inside a fenced code block."""
        if self.open is not None:
            if line.strip().startswith(self.open):
                self.open = None
            return True
        opened = FENCE.match(line)
        if opened:
            self.open = opened.group(1)[:3]
            return True
        return False


_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]")


class CodeLines(Fences):
    """Which lines of a Markdown text are code, fenced or indented, told one line at a time.

    An indented line after a blank one is code, and so are the indented lines after it,
    unless it continues a list item."""

    def __init__(self) -> None:
        super().__init__()
        self.indented = False
        """Whether the last line told was indented code (not fenced)."""
        self._blank_before, self._in_list, self._in_code = True, False, False

    def code(self, line: str) -> bool:
        """Whether ``line`` is code: inside a fenced block or an indented one."""
        self.indented = False
        if super().code(line):
            return True
        if not line.strip():
            self._blank_before = True
            return False
        starts_indented = _INDENTED.match(line) is not None
        if starts_indented and not self._in_list and (self._blank_before or self._in_code):
            self._blank_before, self._in_code, self.indented = False, True, True
            return True
        if not starts_indented:
            self._in_list = bool(_LIST_ITEM.match(line))
        self._blank_before, self._in_code = False, False
        return False


_INDENTED = re.compile(r"^(?: {4}|\t)")
_OPENS_BLOCK = re.compile(
    r"^ {0,3}(?:#{1,6}(?:\s|$)|[-*+]\s|\d{1,9}[.)]\s|>|<|(?:[-*_][ \t]*){3,}$)"
)
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


@attrs.frozen
class Split:
    """The prose with references written ``\\[label\\]``, and each note's Markdown."""

    prose: str
    notes: tuple[tuple[str, str], ...]
    """(label, Markdown of the note), in order of first reference; unreferenced ones left out."""
    unreferenced: tuple[tuple[str, str], ...] = ()
    """The definitions no ``[^label]`` refers to, in the order written: the prose may mark
    them another way (``<sup>1</sup>``, ``[1]``), which only the rendered page shows."""


def split_footnotes(text: str) -> Split | None:
    """The prose and the notes of ``text``, or ``None`` where only a full render is right."""
    if "^[" in text or "[^" not in text:
        return None
    prose: list[str] = []
    definitions: dict[str, list[str]] = {}
    current: list[str] | None = None
    blank_before = False
    fence: str | None = None
    for line in text.split("\n"):
        if fence is not None:
            if "[^" in line:
                return None
            if line.strip().startswith(fence):
                fence = None
            prose.append(line)
            continue
        opened = FENCE.match(line)
        definition = _DEFINITION.match(line)
        if definition:
            label = definition.group(1)
            if label in definitions:
                return None
            current = definitions[label] = [definition.group(2)]
            blank_before = False
            continue
        if current is not None:
            if not line.strip():
                current.append("")
                blank_before = True
                continue
            if _INDENTED.match(line) or (not blank_before and not opened
                                         and not _OPENS_BLOCK.match(line)):
                current.append(line.strip())
                blank_before = False
                continue
            current = None
        if opened:
            fence = opened.group(1)[:3]
        if "[^" in line and ("`" in line or _INDENTED.match(line) or line.lstrip().startswith(">")):
            return None  # code or a quotation holds it: the plug-in's reading is subtler
        prose.append(line)
    if not definitions:  # "[^](#cite_ref-1)", a converted page's backlink: no footnotes here
        return None
    order: dict[str, None] = {}
    body = "\n".join(prose)
    notes_text = {label: _paragraphs(lines) for label, lines in definitions.items()}
    # A note may cite another ("…as Smith argues[^smith]" inside [^2]): the page lists
    # that one too, after those the prose cites.
    cited = [body]
    for text_with_references in cited:
        for match in _REFERENCE.finditer(text_with_references):
            label = match.group(1)
            if label not in definitions:
                return None
            if label not in order:
                order[label] = None
                if "[^" in notes_text[label] and "`" in notes_text[label]:
                    return None  # a note's code may show "[^x]" that cites nothing
                cited.append(notes_text[label])

    def written(match: re.Match[str]) -> str:
        return "\\[" + _PUNCTUATION.sub(r"\\\1", match.group(1)) + "\\]"

    notes_text = {label: _REFERENCE.sub(written, text) for label, text in notes_text.items()}
    return Split(
        prose=_REFERENCE.sub(written, body),
        notes=tuple((label, notes_text[label]) for label in order),
        unreferenced=tuple(
            (label, text) for label, text in notes_text.items() if label not in order
        ),
    )


def _paragraphs(lines: list[str]) -> str:
    """A note's lines as Markdown: paragraphs kept apart, trailing blank lines dropped."""
    while lines and not lines[-1]:
        lines = lines[:-1]
    return "\n".join(lines)
