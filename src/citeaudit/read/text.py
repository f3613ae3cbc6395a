"""Plain-text articles: copied or exported web pages, ``[N]`` markers, notes at the end."""

from __future__ import annotations

import re

from citeaudit.read.carets import CARET
from citeaudit.read.chrome import drop_chrome, is_chrome
from citeaudit.read.endnotes import NOTES_HEADING, Block, split_endnotes
from citeaudit.read.interface import Document, Reader
from citeaudit.read.sourceline import source_lines_split

WRAP_WIDTH = 120
"""A block whose lines are all at most this long is hard-wrapped prose: its lines are joined."""

_ITEM_START = re.compile(
    r"^\s*(?:(?:\[(?:\d{1,5}|[ivxlcIVXLC]{1,6}|[a-z])\]|\d{1,5}[.)])\s+|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}\s*)\S"
)
"""A line that starts a note: ``[3] …``, ``3. …``, or ``³ …`` where the markers are
superscript digits (a post pasted from an editor without footnotes)."""
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPTS = str.maketrans(_SUPERSCRIPT_DIGITS, "0123456789")
_SUPERSCRIPT_RUN = re.compile(f"[{_SUPERSCRIPT_DIGITS}]+")
_END_PUNCT = ".!?;,…"
_MARKED = re.compile(r"\[[^\[\]\s]{1,12}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]")


class TextReader(Reader):
    """Reads plain text: paragraphs split by blank lines (or one per long line)."""

    format = "text"
    extensions = (".txt", ".text")

    def read(self, text: str) -> Document:
        """The article in plain ``text``."""
        blocks = _blocks(source_lines_split(text))
        split = split_endnotes(blocks)
        paragraphs = [block.text for block in split.body]
        title, paragraphs = _title(drop_chrome(paragraphs))
        body = "\n\n".join(paragraphs)
        labels = {note.label for note in split.notes}
        body = superscripts_to_markers(body, labels)
        return Document(body=body, notes=split.notes, title=title)


def _blocks(text: str) -> list[Block]:
    """Blank-line-separated chunks, cut further at note items and chrome lines."""
    blocks: list[Block] = []
    piece: list[str] = []  # the lines of the block being read
    # One loop over the lines (no generators stacked per chunk and per piece): a blank
    # line, a chrome line, a notes heading, a note item or a caret line ends a block.
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            if piece:
                _unwrap(piece, blocks)
                piece = []
            continue
        alone = is_chrome(stripped) or bool(NOTES_HEADING.match(stripped))  # a block on its own
        if piece and (alone or _ITEM_START.match(stripped) or CARET.match(stripped)):
            _unwrap(piece, blocks)
            piece = []
        piece.append(stripped)
        if alone:
            _unwrap(piece, blocks)
            piece = []
    if piece:
        _unwrap(piece, blocks)
    return blocks


def _unwrap(lines: list[str], blocks: list[Block]) -> None:
    """Add the block(s) of ``lines`` to ``blocks``."""
    if len(lines) == 1:  # most blocks: nothing to join or to tell apart
        blocks.append(Block(" ".join(lines[0].split())))
        return
    wrapped_note = bool(_ITEM_START.match(lines[0]))
    if not wrapped_note and max(len(line) for line in lines) > WRAP_WIDTH:
        # Unwrapped text: every line is a paragraph of its own.
        blocks.extend(Block(" ".join(line.split())) for line in lines)
    else:
        blocks.append(Block(" ".join(" ".join(lines).split())))


def _title(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """A headline among the first few paragraphs, and the paragraphs without it and its kicker."""
    for index, paragraph in enumerate(paragraphs[:4]):
        words = len(paragraph.split())
        if (
            3 <= words <= 30
            and index + 1 < len(paragraphs)
            and paragraph[-1] not in _END_PUNCT
            and not _MARKED.search(paragraph)
            and not is_chrome(paragraph)
        ):
            before = paragraphs[:index]
            if all(len(p.split()) <= 4 for p in before):  # a kicker ("Analysis") or a byline
                return paragraph, paragraphs[index + 1 :]
            return None, paragraphs
        if words > 30:
            break
    return None, paragraphs


def superscripts_to_markers(body: str, labels: set[str]) -> str:
    """Write superscript note numbers (``war.³``) as ``[3]`` when a note has that label."""
    # Ten substring tests scan a long body several times faster than the pattern does.
    if not labels or not any(digit in body for digit in _SUPERSCRIPT_DIGITS):
        return body

    def marker(match: re.Match[str]) -> str:
        label = match.group(0).translate(_SUPERSCRIPTS)
        return f"[{label}]" if label in labels else match.group(0)

    return _SUPERSCRIPT_RUN.sub(marker, body)
