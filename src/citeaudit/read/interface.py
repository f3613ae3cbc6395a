"""What every article reader is and what it hands back.

A reader turns decoded article text of one format into a :class:`Document`:
the prose (with note markers written ``[label]``), the raw notes it found and
a title.  It does not parse the notes' fields (``citeaudit.notes`` does) nor
find claims (``citeaudit.claims`` does): ``parse_article`` composes those.
"""

from __future__ import annotations

import abc
from typing import ClassVar

import attrs


@attrs.frozen
class RawNote:
    """One note as a reader found it, before its fields are parsed."""

    label: str
    """The marker as printed: ``"1"``, ``"a"``, ``"smith2020"``."""
    raw: str
    """The note's text, markup and label removed."""
    html: str | None = None
    """The note's inner HTML, when it came from markup (links and ``<i>`` titles live there)."""


@attrs.frozen
class Document:
    """What a reader hands back."""

    body: str
    """Prose paragraphs, one per line, separated by blank lines; markers kept as ``[label]``."""
    notes: tuple[RawNote, ...] = ()
    title: str | None = None


class Reader(abc.ABC):
    """Reads articles of one format."""

    format: ClassVar[str]
    """The name users pass as ``format=``: ``text``, ``html``, ``markdown``."""
    extensions: ClassVar[tuple[str, ...]]
    """File name suffixes (lower case, with the dot) that mean this format."""

    @abc.abstractmethod
    def read(self, text: str) -> Document:
        """The article in ``text`` (already decoded)."""
