"""Reading articles: format and encoding detection, one reader per format.

:func:`parse_article` is the entry point; :mod:`citeaudit.read.interface`
says what a reader is; ``text``, ``html`` and ``markdown`` are the readers.
"""

from __future__ import annotations

import os

from citeaudit.article import Article
from citeaudit.claims import find_claims
from citeaudit.errors import UnsupportedFormat
from citeaudit.notes import Note
from citeaudit.read.detect import load, sniff_format
from citeaudit.read.html import HtmlReader
from citeaudit.read.interface import Document, RawNote, Reader
from citeaudit.read.markdown import MarkdownReader
from citeaudit.read.text import TextReader

READERS: dict[str, Reader] = {r.format: r for r in (TextReader(), HtmlReader(), MarkdownReader())}
"""Every reader, by the name ``format=`` takes."""

FORMATS = tuple(READERS)

__all__ = ["FORMATS", "READERS", "Document", "RawNote", "Reader", "parse_article", "read_notes"]


def parse_article(
    source: str | bytes | os.PathLike[str],
    format: str | None = None,
    *,
    name: str | None = None,
) -> Article:
    """Read an article into its body, notes, claims and uncited claims.

    ``source`` is a path (``Path``/PathLike), a ``str`` naming an existing file,
    any other ``str`` (the article text itself) or ``bytes`` (decoded by BOM,
    declared charset, then detection).  A one-line ``str`` that looks like a
    file name (``article.txt``) but names no file is an error, not an article.
    ``format`` (``text``, ``html``, ``markdown``) overrides the choice made from
    the file's suffix or, failing that, from the content.  ``name`` overrides
    ``Article.source`` (e.g. ``<stdin>``).

    Raises :class:`~citeaudit.errors.InputError` for a missing, empty, binary
    or undecodable input, :class:`~citeaudit.errors.UnsupportedFormat` for an
    unknown ``format``.
    """
    if format is not None and format not in READERS:
        raise UnsupportedFormat(
            f"unknown article format {format!r} (choose from {', '.join(FORMATS)})"
        )
    loaded = load(source, name)
    chosen = format or _format_for_suffix(loaded.suffix) or sniff_format(loaded.text)
    document = READERS[chosen].read(loaded.text)
    notes = read_notes(document.notes)
    claims = find_claims(document.body, {note.label for note in notes})
    return Article(
        source=name or loaded.name,
        format=chosen,
        body=document.body,
        title=document.title,
        notes=notes,
        claims=claims.cited,
        uncited=claims.uncited,
    )


def read_notes(raw_notes: tuple[RawNote, ...]) -> tuple[Note, ...]:
    """Parse each raw note's fields and link repeats (``Ibid.``) to the note they repeat."""
    from citeaudit import notes as notes_module  # the field parser lives beside Note

    parse_note = getattr(notes_module, "parse_note", None)
    resolve_repeats = getattr(notes_module, "resolve_repeats", None)
    if parse_note is None:  # the field parser has not landed: keep label and text
        parsed = tuple(Note(label=n.label, raw=n.raw) for n in raw_notes)
    else:
        parsed = tuple(parse_note(n.raw, n.label, html=n.html) for n in raw_notes)
    return tuple(resolve_repeats(parsed)) if resolve_repeats is not None else parsed


def _format_for_suffix(suffix: str) -> str | None:
    for reader in READERS.values():
        if suffix in reader.extensions:
            return reader.format
    return None
