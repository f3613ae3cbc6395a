"""Notes kept only in their marker's tooltip: ``[<sup>1</sup>](…#easy-footnote-bottom-1 "text")``.

WordPress footnote plug-ins (Easy Footnotes and its kind) show each note as the
title of its marker link, and the link jumps to a notes list at the foot of the
page.  Exported to Markdown, the list is usually gone and the marker is all that
is left: a superscript number linking to a place on the page, its title the
note.  A reader takes that title for the note, so it is written here as a
footnote definition, and the marker as the ``<sup>1</sup>`` that stands for it.

The titles hold the notes' own HTML, quotes and all (``<a href="…">``), so no
Markdown parser takes the marker for a link; it is matched here up to its
closing ``")``.  A superscript link without a fragment is a link to a source,
not a jump to a note, and stays as it is; so does a marker whose number already
has a ``[^1]:`` definition.
"""

from __future__ import annotations

import re

_MARKER = re.compile(
    r"\[\s*(?:<sup>\s*)?(\d{1,3})(?:\s*</sup>)?\s*\]"  # [<sup>1</sup>] or [1]
    r"\(<?([^\s()<>]*#[^\s()<>]+)>?\s+\"(.+?)\"\)"  # (url#fragment "title")
)
_DEFINED = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)


def tooltip_notes_as_footnotes(text: str) -> str:
    """``text`` with each tooltip-only note written as a footnote of its marker."""
    if "#" not in text or '"' not in text:
        return text
    defined = set(_DEFINED.findall(text))
    notes: dict[str, str] = {}

    def marker(match: re.Match[str]) -> str:
        label, title = match.group(1), " ".join(match.group(3).split())
        if label in defined or not title or title == label:
            return match.group(0)
        notes.setdefault(label, title)
        return f"<sup>{label}</sup>"

    text = _MARKER.sub(marker, text)
    if not notes:
        return text
    definitions = "\n\n".join(f"[^{label}]: {title}" for label, title in notes.items())
    return text.rstrip("\n") + "\n\n" + definitions + "\n"
