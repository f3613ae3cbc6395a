"""PDF articles: the text layer's prose, footnotes and reference list, as pypdf gives them.

A PDF holds no notes, only glyphs and their sizes.  pypdf reports each run
of text with its font size, and that is what tells notes apart: a number set
well below the text it follows (``war.³``) is a note marker, and a later line
that starts with that number, in smaller type than the marker's line, is
that note (with the lines after it in the same small type).
The rest is hard-wrapped prose read like plain text, so a reference list at
the end (``[1] …``, or numbered under *References*) is found as the text
reader finds it.  Scanned PDFs have no text layer: they say so.
"""

from __future__ import annotations

import io
import re

import attrs

from citeaudit.errors import InputError
from citeaudit.read.complaints import kept
from citeaudit.read.interface import BinaryReader, Document, RawNote
from citeaudit.read.text import TextReader

SUPERSCRIPT_RATIO = 0.8
"""A number in type at most this fraction of the text before it is a superscript marker."""
FOOTNOTE_RATIO = 0.95
"""A footnote's line is set smaller than this fraction of the line that holds its marker."""
_MARKER = re.compile(r"^\s*(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\s*$")
_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3})[.)]?\s+(?=\S)")

Line = list[tuple[str, float]]


class PdfReader(BinaryReader):
    """Reads the text layer of PDF articles."""

    format = "pdf"
    extensions = (".pdf",)

    def read_bytes(self, data: bytes) -> Document:
        """The article in a PDF file's bytes."""
        with kept("pypdf") as complaints:
            document = self._read(data)
        if not complaints:
            return document
        return attrs.evolve(document, warnings=(*document.warnings, (
            f"the PDF is damaged ({complaints[0]}): its text was read as far as it goes"),))

    def _read(self, data: bytes) -> Document:
        lines = _lines(data)
        if not any(text.strip() for line in lines for text, _ in line):
            raise InputError("the PDF has no text layer (a scan?): nothing to read")
        prose: list[str] = []
        footnotes: dict[str, list[str]] = {}
        markers: dict[str, float] = {}  # each marker seen → the type size of its line
        current: tuple[list[str], float] | None = None
        for line in lines:
            text = _line_text(line, markers)
            if not text.strip():
                continue
            size = max(size for t, size in line if t.strip())
            start = _FOOTNOTE_START.match(text)
            label = start.group(1) if start else None
            if (
                label is not None
                and label in markers
                and label not in footnotes
                and size < FOOTNOTE_RATIO * markers[label]
            ):
                parts = footnotes.setdefault(label, [text[start.end() :]])
                current = (parts, size)
            elif current is not None and size <= current[1] and not start:
                current[0].append(text)
            else:
                current = None
                prose.append(text)
        document = TextReader().read(_unhyphenate(prose))
        page_notes = tuple(
            RawNote(label=label, raw=" ".join(" ".join(parts).split()))
            for label, parts in footnotes.items()
        )
        known = {n.label for n in page_notes}
        notes = page_notes + tuple(n for n in document.notes if n.label not in known)
        return Document(body=document.body, notes=notes, title=document.title or _title(data))


def _lines(data: bytes) -> list[Line]:
    import pypdf  # imported here: only PDF articles need it

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("the PDF is encrypted with a password: save a decrypted copy "
                             "(for example with qpdf --decrypt) and read that")
        lines: list[Line] = [[]]

        def visit(text: str, cm, tm, font_dict, font_size: float) -> None:
            scale = abs(tm[3] * cm[3]) or 1.0
            size = float(font_size) * scale
            for index, piece in enumerate(text.split("\n")):
                if index:
                    lines.append([])
                if piece:
                    lines[-1].append((piece, size))

        for page in reader.pages:
            page.extract_text(visitor_text=visit)
            lines.append([])
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise InputError(f"cannot read the PDF: {exc}") from None
    return [line for line in lines if line]


def _line_text(line: Line, markers: dict[str, float]) -> str:
    """The line's text, numbers set small after a word written as ``[N]`` markers.

    ``markers`` gains each marker's label and the type size of the text it follows.
    """
    out: list[str] = []
    previous = 0.0
    for text, size in line:
        match = _MARKER.match(text)
        if match and out and out[-1].strip() and size <= SUPERSCRIPT_RATIO * previous:
            labels = re.split(r"\s*[,–-]\s*", match.group(1))
            out[-1] = out[-1].rstrip()
            out.append("".join(f"[{label}]" for label in labels))
            for label in labels:
                markers.setdefault(label, previous)
            continue
        out.append(text)
        if text.strip():
            previous = size
    return "".join(out)


def _unhyphenate(lines: list[str]) -> str:
    """Hard-wrapped lines as one text: words broken at a line's end joined again."""
    joined: list[str] = []
    for line in lines:
        line = line.strip()
        if joined and joined[-1].endswith("-") and line[:1].islower():
            joined[-1] = joined[-1][:-1] + line
        else:
            joined.append(line)
    return "\n".join(joined)


def _title(data: bytes) -> str | None:
    import pypdf

    try:
        info = pypdf.PdfReader(io.BytesIO(data)).metadata
    except Exception:  # a title is a nicety: a damaged info dictionary costs only that
        return None
    title = info.title if info is not None else None
    return str(title).strip() or None if title else None
