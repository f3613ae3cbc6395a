"""Notes: one entry of an article's notes list, parsed into fields.

:func:`parse_note` turns the raw text (and markup) of one note into a :class:`Note`;
readers call it for every note they find, then :func:`resolve_repeats` ties
``Ibid.`` and short forms to the note they repeat.  One module per concept:

- :mod:`~citeaudit.notes.model` — :class:`Note`, :class:`NoteKind`;
- :mod:`~citeaudit.notes.urls` — URLs in the text and the markup;
- :mod:`~citeaudit.notes.identifiers` — DOI, ISBN, arXiv, PubMed;
- :mod:`~citeaudit.notes.access` — access and archive dates;
- :mod:`~citeaudit.notes.title` — titles marked by quotes or markup, site names;
- :mod:`~citeaudit.notes.styles` — titles by position in the common citation styles;
- :mod:`~citeaudit.notes.authors`, :mod:`~citeaudit.notes.publisher`;
- :mod:`~citeaudit.notes.repeats` — ``Ibid.``, ``op. cit.``, short forms;
- :mod:`~citeaudit.notes.parse` — :func:`parse_note`, which composes them.
"""

from __future__ import annotations

from citeaudit.notes.model import Note, NoteKind
from citeaudit.notes.parse import parse_note
from citeaudit.notes.repeats import resolve_repeats

__all__ = ["Note", "NoteKind", "parse_note", "resolve_repeats"]
