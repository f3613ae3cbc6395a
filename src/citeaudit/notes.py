"""Notes: one entry of an article's notes list, parsed into fields.

``parse_note`` (implemented below) turns the raw text of one note into a
:class:`Note`.  Readers call it for every note they find.
"""

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
    """``Ibid.``, ``Op. cit.``, ``Id.``: repeats another note (see ``ibid_of``)."""
    EXPLANATORY = "explanatory"
    """Explains rather than cites."""


@attrs.frozen
class Note:
    """One parsed note."""

    label: str
    """The note's marker as printed: ``"1"``, ``"a"``, ``"note-3"``."""
    raw: str
    """The note's text as it stands in the article (markup removed)."""
    kind: NoteKind = NoteKind.EXPLANATORY
    title: str | None = None
    publisher: str | None = None
    """Publisher or site name, e.g. ``Kyivpost``."""
    authors: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    """Every URL in the note, exactly, in order of appearance."""
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
            "access_date": self.access_date.isoformat() if self.access_date else None,
            "access_date_raw": self.access_date_raw,
            "access_date_ambiguous": self.access_date_ambiguous,
            "published": self.published.isoformat() if self.published else None,
            "locator": self.locator,
            "ibid_of": self.ibid_of,
        }
