"""What a parsed note is: :class:`Note` and its :class:`NoteKind`."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs


class NoteKind(enum.StrEnum):
    """What a note is, so a note without a URL still says what it is."""

    WEB = "web"
    """Cites at least one URL."""
    BOOK = "book"
    """Cites a printed work (book, journal, report) with no URL."""
    REPEAT = "repeat"
    """``Ibid.``, ``Op. cit.``, a short form (``King 2003, p. 41``): repeats another note.

    ``ibid_of`` names the note repeated."""
    EXPLANATORY = "explanatory"
    """Explains rather than cites."""


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@attrs.frozen
class Note:
    """One parsed note."""

    label: str
    """The note's marker as printed: ``"1"``, ``"a"``, ``"note-3"``."""
    raw: str
    """The note's text as it stands in the article (markup removed)."""
    kind: NoteKind = NoteKind.EXPLANATORY
    title: str | None = None
    """The cited work's title; None when the note gives no cue to tell it from the rest."""
    publisher: str | None = None
    """Publisher or site name, e.g. ``Kyivpost``."""
    authors: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    """Every URL in the note in order of appearance, then ``https://doi.org/…`` for a DOI
    written as an identifier (``doi:10.1000/x``) that no URL of the note already resolves."""
    access_date: dt.date | None = None
    access_date_raw: str | None = None
    """The access date as written, e.g. ``28.06.2024``."""
    access_date_ambiguous: bool = False
    """Day and month order could not be told apart (``03/04/2024``); ``access_date`` is a guess."""
    published: dt.date | None = None
    locator: str | None = None
    """Where in the source: ``p. 4``, ``S. 177``, ``pp. 12-14``."""
    ibid_of: str | None = None
    """Label of the note this one repeats, chains followed to the first."""
    doi: str | None = None
    """The DOI, bare and lower-cased prefix kept as written: ``10.1000/xyz123``."""
    isbn: str | None = None
    """The ISBN, digits (and a final ``X``) only: ``9780140449136``."""
    arxiv: str | None = None
    """The arXiv identifier: ``2101.00001`` or ``hep-th/9901001`` (version kept if written)."""
    pmid: str | None = None
    """The PubMed identifier: ``12345678``."""
    archive_url: str | None = None
    """The note's own archived copy (one of ``urls``), e.g. a ``web.archive.org`` snapshot."""
    archive_date: dt.date | None = None
    """When that copy was made: ``Archived from the original on 4 October 2002``."""
    short_form: bool = False
    """Looks like a short citation (``King 2003, p. 41``) of a fuller note; ``resolve_repeats``
    turns it into a REPEAT when an earlier note by that author is found."""

    def to_dict(self) -> dict[str, Any]:
        """The note as in the ``notes`` part of the ``citeaudit/report/v1`` JSON schema."""
        return {
            "label": self.label,
            "raw": self.raw,
            "kind": self.kind.value,
            "title": self.title,
            "publisher": self.publisher,
            "authors": list(self.authors),
            "urls": list(self.urls),
            "access_date": _iso(self.access_date),
            "access_date_raw": self.access_date_raw,
            "access_date_ambiguous": self.access_date_ambiguous,
            "published": _iso(self.published),
            "locator": self.locator,
            "ibid_of": self.ibid_of,
            "doi": self.doi,
            "isbn": self.isbn,
            "arxiv": self.arxiv,
            "pmid": self.pmid,
            "archive_url": self.archive_url,
            "archive_date": _iso(self.archive_date),
        }
