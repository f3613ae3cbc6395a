"""Notes kept only in their marker's tooltip: ``[<sup>1</sup>](…#easy-footnote-bottom-1 "text")``.

WordPress footnote plug-ins (Easy Footnotes and its kind) show each note as the
title of its marker link, and the link jumps to a notes list at the foot of the
page.  Exported to Markdown, or saved with the list hidden, the list is gone and
the marker is all that is left: a superscript number linking to a place on the
page, its title the note.  A reader takes that title for the note.  In Markdown
it is written here as a footnote definition, and the marker as the
``<sup>1</sup>`` that stands for it; the HTML reader asks :func:`tooltip_text`.

The titles hold the notes' own HTML, quotes and all (``<a href="…">``), so no
Markdown parser takes the marker for a link; it is matched here up to its
closing ``")``.  A superscript link without a fragment is a link to a source,
not a jump to a note, and stays as it is; so does a marker whose number already
has a ``[^1]:`` definition.
"""

from __future__ import annotations

import re

from lxml import etree

_MARKER = re.compile(
    r"\[\s*(?:<sup>\s*)?(\d{1,3})(?:\s*</sup>)?\s*\]"  # [<sup>1</sup>] or [1]
    r"\(<?([^\s()<>]*#[^\s()<>]+)>?\s+\"(.+?)\"\)"  # (url#fragment "title")
)
_DEFINED = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)
_GENERIC = re.compile(
    r"^\W*(?:see|jump\s+to|go\s+to|read|show|view)?\s*(?:the\s+)?(?:foot|end)?notes?\b[\s\d:.]*$",
    re.I,
)
"""A title that names the link (``See footnote``, ``Footnote 3``), not a note."""


def is_note_title(title: str, label: str) -> bool:
    """Whether a marker's ``title`` holds its note rather than naming the link."""
    return bool(title) and title != label and not _GENERIC.match(title)


def tooltip_text(anchor: etree._Element) -> str | None:
    """The note an HTML marker carries in its title (its HTML, as the plug-ins store it)."""
    title = " ".join((anchor.get("title") or "").split())
    label = " ".join(anchor.text_content().split())
    return title if is_note_title(title, label) else None


def tooltip_notes_as_footnotes(text: str) -> str:
    """``text`` with each tooltip-only note written as a footnote of its marker."""
    if "#" not in text or '"' not in text:
        return text
    defined = set(_DEFINED.findall(text))
    notes: dict[str, str] = {}

    def marker(match: re.Match[str]) -> str:
        label, title = match.group(1), " ".join(match.group(3).split())
        if label in defined or not is_note_title(title, label):
            return match.group(0)
        notes.setdefault(label, title)
        return f"<sup>{label}</sup>"

    text = _MARKER.sub(marker, text)
    if not notes:
        return text
    definitions = "\n\n".join(f"[^{label}]: {title}" for label, title in notes.items())
    return text.rstrip("\n") + "\n\n" + definitions + "\n"
