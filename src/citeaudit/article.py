"""An article read into its body, notes and claims."""

from __future__ import annotations

import attrs

from citeaudit.claims import Claim
from citeaudit.notes import Note


@attrs.frozen
class Article:
    """An article, parsed."""

    source: str
    """Where it came from: a path, a URL, or ``<text>``/``<stdin>``."""
    format: str
    """The reader that parsed it: one of ``citeaudit.read.FORMATS``."""
    body: str
    """The article's prose, markers kept as ``[N]``, page chrome and notes list removed."""
    title: str | None = None
    notes: tuple[Note, ...] = ()
    claims: tuple[Claim, ...] = ()
    """Sentences that end in a note marker, in article order."""
    uncited: tuple[Claim, ...] = ()
    """Sentences with no marker that assert checkable facts (at most ``read.MAX_UNCITED``)."""
    warnings: tuple[str, ...] = ()
    """What reading noticed and could not mend: note markers but no notes, a huge input."""
    markers: tuple[tuple[str, int], ...] = ()
    """Each ``[label]`` of ``body`` in order and where it starts in the article's own text,
    when the reader knows (``Document.markers``)."""

    def note(self, label: str) -> Note | None:
        """The note with this label, or ``None``."""
        for note in self.notes:
            if note.label == label:
                return note
        return None
