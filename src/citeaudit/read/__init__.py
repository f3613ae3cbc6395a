"""Reading articles: format and encoding detection, one reader per format.

:func:`parse_article` is the entry point; :mod:`citeaudit.read.interface`
says what a reader is.  The readers: ``text``, ``html``, ``markdown``,
``wikitext``, ``rst``, ``docx`` and ``pdf`` for articles; ``csljson`` and ``bibtex``
for reference lists (notes without prose, so without claims).
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
from collections.abc import Iterator

import attrs

from citeaudit.article import Article
from citeaudit.claims import find_claims
from citeaudit.errors import UnsupportedFormat
from citeaudit.notes import Note, NoteKind
from citeaudit.read.bibtex import BibtexReader
from citeaudit.read.csljson import CslJsonReader
from citeaudit.read.detect import load, looks_like_html_page, sniff_format
from citeaudit.read.docx import DocxReader
from citeaudit.read.html import HtmlReader
from citeaudit.read.interface import BinaryReader, Document, RawNote, Reader
from citeaudit.read.markdown import MarkdownReader
from citeaudit.read.pdf import PdfReader
from citeaudit.read.rst import RstReader
from citeaudit.read.text import TextReader
from citeaudit.read.wikitext import WikitextReader

READERS: dict[str, Reader] = {
    r.format: r
    for r in (
        TextReader(), HtmlReader(), MarkdownReader(), WikitextReader(), RstReader(), DocxReader(),
        PdfReader(), CslJsonReader(), BibtexReader(),
    )
}
"""Every reader, by the name ``format=`` takes."""

FORMATS = tuple(READERS)

__all__ = [
    "FORMATS",
    "LARGE_BODY",
    "MAX_UNCITED",
    "READERS",
    "BinaryReader",
    "Document",
    "RawNote",
    "Reader",
    "choose_format",
    "compose",
    "describe_markers",
    "parse_article",
    "read_notes",
    "unmatched_markers",
]


def parse_article(
    source: str | bytes | os.PathLike[str],
    format: str | None = None,
    *,
    name: str | None = None,
) -> Article:
    """Read an article into its body, notes, claims and uncited claims.

    ``source`` is a path (``Path``/PathLike), a ``str`` naming an existing file,
    any other ``str`` (the article text itself) or ``bytes`` (decoded by BOM,
    declared charset, then detection; Word documents and PDFs are recognised
    by their bytes).  A one-line ``str`` that looks like a file name
    (``article.txt``) but names no file is an error, not an article.
    ``format`` (one of :data:`FORMATS`) overrides the choice made from the
    content's kind, the file's suffix or, failing those, the text itself.
    ``name`` overrides ``Article.source`` (e.g. ``<stdin>``).

    Raises :class:`~citeaudit.errors.InputError` for a missing, empty, binary
    or undecodable input, :class:`~citeaudit.errors.UnsupportedFormat` for an
    unknown ``format``.
    """
    if format is not None and format not in READERS:
        raise UnsupportedFormat(
            f"unknown article format {format!r} (choose from {', '.join(FORMATS)})"
        )
    with _collector_paused():
        return _parse_article(source, format, name)


def _parse_article(
    source: str | bytes | os.PathLike[str], format: str | None, name: str | None
) -> Article:
    loaded = load(source, name)
    source_name = name or loaded.name
    chosen = format or loaded.binary_format or choose_format(loaded.text, loaded.suffix)
    reader = READERS[chosen]
    if reader.binary:
        if loaded.data is None:
            raise UnsupportedFormat(
                f"{source_name} is text, not a {chosen} file"
            )
        document = reader.read_bytes(loaded.data)
    elif loaded.data is not None:
        raise UnsupportedFormat(
            f"{source_name} is a {loaded.binary_format} file, not a {chosen} article"
        )
    else:
        document = reader.read(loaded.text)
    return compose(document, source=source_name, format=chosen)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while an article is read.

    Reading builds many small objects that live to the end (a tree's nodes, one note
    per list item), and each collection re-walks all of them: on 10,000 notes that
    was a tenth of the time.  Reading leaves little cyclic garbage (an HTML page about
    one object per note), collected once resumed; whoever paused the collector
    before (another thread reading) is left to resume it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compose(document: Document, *, source: str, format: str) -> Article:
    """The :class:`Article` a reader's :class:`Document` makes: notes parsed, claims found.

    Soft hyphens (U+00AD) are dropped first: they only say where a word may
    break, and left in they split words for the claim finder and the verifier.
    """
    if _SOFT_HYPHEN in document.body or any(_SOFT_HYPHEN in n.raw for n in document.notes):
        document = attrs.evolve(
            document,
            body=document.body.replace(_SOFT_HYPHEN, ""),
            notes=tuple(
                attrs.evolve(n, raw=n.raw.replace(_SOFT_HYPHEN, ""),
                             html=n.html.replace(_SOFT_HYPHEN, "") if n.html else n.html)
                for n in document.notes
            ),
            title=document.title.replace(_SOFT_HYPHEN, "") if document.title else None,
        )
    notes = read_notes(document.notes)
    labels = {note.label for note in notes}
    claims = find_claims(document.body, labels, max_uncited=MAX_UNCITED)
    warnings = list(document.warnings)
    if len(document.body) > LARGE_BODY:
        warnings.append(
            f"the article's text is {len(document.body):,} characters, far beyond an "
            "article's size: is this the right file?"
        )
    if claims.uncited_truncated:
        warnings.append(
            f"more than {len(claims.uncited):,} uncited sentences state checkable facts; "
            "only the first are listed"
        )
    if not notes and (markers := unmatched_markers(document.body)):
        warnings.append(
            f"{describe_markers(markers)} but no notes found: the notes list is missing or in "
            "a shape citeaudit does not read"
        )
    return Article(
        source=source,
        format=format,
        body=document.body,
        title=document.title,
        notes=notes,
        claims=claims.cited,
        uncited=claims.uncited,
        warnings=tuple(warnings),
        markers=document.markers,
    )


_SOFT_HYPHEN = "\u00ad"
LARGE_BODY = 2_000_000
"""Characters of prose beyond which an input is far larger than any article (a book, a dump).

The longest Wikipedia articles hold about 200,000 characters of prose."""
MAX_UNCITED = 1_000
"""Uncited claims listed at most; a 50 MB input once listed 418,600 of them."""
_NUMERIC_MARKER = re.compile(r"\[(\d{1,4})\]")


def describe_markers(markers: list[str]) -> str:
    """``2 note markers ([1], [2])``: how many, and the first few."""
    shown = ", ".join(f"[{label}]" for label in markers[:3]) + ("…" if len(markers) > 3 else "")
    return f"{len(markers)} note marker{'s' if len(markers) != 1 else ''} ({shown})"


def unmatched_markers(body: str) -> list[str]:
    """The distinct ``[N]`` markers of a body, in order (those that cite nothing here)."""
    seen: dict[str, None] = {}
    for match in _NUMERIC_MARKER.finditer(body):
        seen[match.group(1)] = None
    return list(seen)


def read_notes(raw_notes: tuple[RawNote, ...]) -> tuple[Note, ...]:
    """Parse each raw note's fields and link repeats (``Ibid.``) to the note they repeat.

    A short reference a reader tied to its full citation (``{{sfn}}``,
    ``#CITEREF``) is a repeat of that citation's note.
    """
    from citeaudit import notes as notes_module  # the field parser lives beside Note

    parse_note = getattr(notes_module, "parse_note", None)
    resolve_repeats = getattr(notes_module, "resolve_repeats", None)
    if parse_note is None:  # the field parser has not landed: keep label and text
        parsed = tuple(Note(label=n.label, raw=n.raw) for n in raw_notes)
    else:
        parsed = tuple(parse_note(n.raw, n.label, html=n.html) for n in raw_notes)
    if resolve_repeats is not None:
        parsed = tuple(resolve_repeats(parsed))
    labels = {note.label for note in parsed}
    return tuple(
        attrs.evolve(note, kind=NoteKind.REPEAT, ibid_of=raw.repeats)
        if raw.repeats in labels and raw.repeats != note.label and not note.urls
        else note
        for note, raw in zip(parsed, raw_notes, strict=True)
    )


def choose_format(text: str, suffix: str = "") -> str:
    """The reader for decoded ``text`` from a file with ``suffix``.

    The suffix decides, except that a page saved as ``.txt`` is still read
    as HTML when its text plainly is HTML (a doctype or ``<html>`` tag).
    """
    by_suffix = next((r.format for r in READERS.values() if suffix in r.extensions), None)
    if by_suffix == "text" and looks_like_html_page(text):
        return "html"
    return by_suffix or sniff_format(text)
