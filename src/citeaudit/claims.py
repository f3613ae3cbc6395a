"""Claims: the sentence a note marker ends, tied to the notes it cites."""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen
class Claim:
    """A sentence of the article and the notes that support it."""

    id: str
    """``c1``, ``c2``… for cited claims in article order; ``u1``… for uncited ones."""
    text: str
    """The sentence, with note markers removed."""
    span: tuple[int, int]
    """Character offsets of the sentence in ``Article.body``."""
    note_labels: tuple[str, ...] = ()
    """Labels of the cited notes, in marker order; empty for an uncited claim."""
    context: str = ""
    """The uncited sentences of the same paragraph that lead up to this one."""
    signals: tuple[str, ...] = ()
    """For uncited claims: what makes it checkable (``number``, ``date``, ``quote``, ``source``)."""

    def to_dict(self) -> dict[str, Any]:
        """The claim's parse-time fields as in the ``claims`` part of the JSON schema."""
        return {
            "id": self.id,
            "text": self.text,
            "span": list(self.span),
            "notes": list(self.note_labels),
            "context": self.context,
            "signals": list(self.signals),
        }
