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

from citeaudit.errors import UnsupportedFormat


@attrs.frozen
class RawNote:
    """One note as a reader found it, before its fields are parsed."""

    label: str
    """The marker as printed: ``"1"``, ``"a"``, ``"smith2020"``."""
    raw: str
    """The note's text, markup and label removed."""
    html: str | None = None
    """The note's inner HTML, when it came from markup (links and ``<i>`` titles live there)."""
    repeats: str | None = None
    """Label of the note this one stands for: a short reference (``{{sfn}}``, ``#CITEREF``)."""


@attrs.frozen
class Document:
    """What a reader hands back."""

    body: str
    """Prose paragraphs, one per line, separated by blank lines; markers kept as ``[label]``."""
    notes: tuple[RawNote, ...] = ()
    title: str | None = None
    warnings: tuple[str, ...] = ()
    """What the reader noticed and could not mend (markers without notes, a huge input)."""
    markers: tuple[tuple[str, int], ...] = ()
    """Each ``[label]`` of ``body`` in order, as ``(label, offset)``: where the marker starts
    in the text read (a wikitext ``<ref``).  Empty when the reader does not know; then the
    markers are looked for in the text by their shape (``report.locate``)."""


class Reader(abc.ABC):
    """Reads articles of one format."""

    format: ClassVar[str]
    """The name users pass as ``format=``: ``text``, ``html``, ``markdown``."""
    extensions: ClassVar[tuple[str, ...]]
    """File name suffixes (lower case, with the dot) that mean this format."""

    binary: ClassVar[bool] = False
    """Whether the reader takes the file's bytes (``.docx``, PDF) rather than decoded text."""

    @abc.abstractmethod
    def read(self, text: str) -> Document:
        """The article in ``text`` (already decoded)."""

    def read_bytes(self, data: bytes) -> Document:
        """The article in the file's bytes; text formats decode them first (``parse_article``)."""
        raise NotImplementedError(f"the {self.format} reader reads decoded text")


class BinaryReader(Reader):
    """Reads a format whose files are not text (``.docx``, PDF)."""

    binary = True

    def read(self, text: str) -> Document:
        """Binary formats cannot be read from text: say so in one line."""
        raise UnsupportedFormat(
            f"{self.format} articles are read from their file, not from text"
        )

    @abc.abstractmethod
    def read_bytes(self, data: bytes) -> Document:
        """The article in the file's bytes."""
