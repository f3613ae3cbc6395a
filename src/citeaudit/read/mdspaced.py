"""Markdown footnote labels with spaces: ``[^Smith, 2019]`` and its ``[^Smith, 2019]: …`` line.

Deckset, Obsidian and iA Writer take a label with spaces, and slide decks cite with
them (``[^Miller & Ratner, 1998]``, ``[^open source]``).  markdown-it's footnote plug-in
(and the quick cut of :mod:`citeaudit.read.mdnotes`) ends a label at a space, so such
markers and their definitions were read as prose, and the links of a definition were
taken for markers of their own.  Where a definition line gives a label with white space,
the label is *joined*: every ``[^label]`` of it is written with its white space as a
private-use character, which both read as a letter, and once the page is read the labels,
the body and the notes get the label back as written.  Words in brackets that no
definition line names (``see [^some words]``) stay the prose's own text.
"""

from __future__ import annotations

import re

import attrs

from citeaudit.read.interface import Document

_JOINER = "\ue000"
"""What stands for each white-space character of a joined label: a private-use character,
which no text means and no reader changes, so writing the label back is a plain replace."""

_DEFINITION = re.compile(r"^ {0,3}\[\^([^\[\]\n]+)\]:", re.M)
_WHITE = re.compile(r"\s")


def spaced_labels_joined(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with each footnote label that holds white space joined, and the labels as
    written by their joined form (empty, and ``text`` as it was, when there are none)."""
    if "[^" not in text or _JOINER in text:
        return text, {}
    labels = {
        label for label in (m.group(1) for m in _DEFINITION.finditer(text))
        # "[^ x]" or "[^x ]" is no label the writers above take; only inner white space is.
        if _WHITE.search(label) and label == label.strip()
    }
    if not labels:
        return text, {}
    joined = {label: _WHITE.sub(_JOINER, label) for label in labels}
    # Longest first, so "[^Lee, 2001 b]" is not read as a shorter label it starts with.
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    written = re.sub(
        rf"\[\^({alternatives})\]", lambda m: f"[^{joined[m.group(1)]}]", text
    )
    return written, {stand_in: label for label, stand_in in joined.items()}


def spaced_labels_restored(document: Document, labels: dict[str, str]) -> Document:
    """``document`` with each joined label (``labels``: as written, by joined form) back as
    written, wherever the reading carried it: labels, body, note texts and warnings."""
    if not labels:
        return document
    # "Lee, 2001" joined is a part of "Lee, 2001 b" joined: the longer goes back first.
    longest_first = sorted(labels, key=len, reverse=True)

    def back(text: str) -> str:
        if _JOINER not in text:
            return text
        for stand_in in longest_first:
            text = text.replace(stand_in, labels[stand_in])
        return text

    notes = tuple(
        attrs.evolve(
            note,
            label=back(note.label),
            raw=back(note.raw),
            html=None if note.html is None else back(note.html),
            repeats=None if note.repeats is None else back(note.repeats),
        )
        for note in document.notes
    )
    return attrs.evolve(
        document,
        body=back(document.body),
        notes=notes,
        warnings=tuple(back(w) for w in document.warnings),
        markers=tuple((back(label), offset) for label, offset in document.markers),
    )
