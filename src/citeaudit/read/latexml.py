"""LaTeXML's notes (arXiv's HTML papers, ar5iv): ``ltx_bibitem`` entries and ``ltx_note`` footnotes.

LaTeXML writes a paper's references as ``<li class="ltx_bibitem" id="bib.bib4">`` with the
printed label in a ``ltx_tag_bibitem`` span (``[4]``, or ``Wolfram (2026)`` in an
author-year style), and cites them as ``<cite class="ltx_cite">[<a href="#bib.bib4"
class="ltx_ref">4</a>]</cite>``: the link's text is only the year in author-year styles,
and nothing calls it a note, so the generic reader saw neither.  A footnote is inline:
``<span class="ltx_note ltx_role_footnote"><sup class="ltx_note_mark">1</sup>`` then the
note's text in ``ltx_note_content``, repeating the mark, shown on hover or in the margin.

A reader reads them as the paper prints them: each entry is the note of its printed
label, each citation its marker (a whole ``<cite>`` stands for the entries it links:
``(Wolfram, 2026)`` is the marker of ``Wolfram (2026)``), and each footnote the note of
its mark, the mark its marker.  A footnote whose mark is also an entry's label (arXiv
numbers both from 1) is labelled ``footnote 1``, as wikitext labels a group's notes.
"""

from __future__ import annotations

import re

import attrs
from lxml import etree

_BRACKETS = re.compile(r"^\[(.*)\]$")


@attrs.frozen
class LatexmlNotes:
    """Where a page's LaTeXML notes are; the tree already cleaned of their printed labels."""

    notes: tuple[tuple[str, etree._Element], ...]
    """(label, the element holding the note's text), in page order: entries, then footnotes."""
    markers: tuple[tuple[etree._Element, str], ...]
    """(element, text): each citation or footnote mark, to be replaced by ``[label]`` text."""
    holders: tuple[etree._Element, ...]
    """The entries and footnotes, to be taken out of the prose."""


def latexml_notes(root: etree._Element) -> LatexmlNotes | None:
    """The LaTeXML bibliography entries and footnotes of ``root``, or ``None`` if it has none."""
    items = [li for li in root.iter("li") if "ltx_bibitem" in _classes(li)]
    footnotes = [
        span for span in root.iter("span")
        if {"ltx_note", "ltx_role_footnote"} <= _classes(span)
    ]
    if not items and not footnotes:
        return None
    notes: list[tuple[str, etree._Element]] = []
    labels: dict[str, str] = {}  # an entry's id → its label
    for position, item in enumerate(items, 1):
        label = _take_tag(item, "ltx_tag_bibitem") or str(position)
        for cited in [e for e in item.iter() if "ltx_bib_cited" in _classes(e)]:
            cited.drop_tree()  # "Cited by: §2": LaTeXML's back-references, not the note
        notes.append((label, item))
        if item.get("id"):
            labels[item.get("id")] = label
    markers = _citations(root, labels)
    taken = set(labels.values())
    for position, footnote in enumerate(footnotes, 1):
        mark = next((e for e in footnote.iter("sup") if "ltx_note_mark" in _classes(e)), None)
        label = (_printed(mark) if mark is not None else "") or str(position)
        if label in taken:
            label = f"footnote {label}"
        taken.add(label)
        content = next(
            (e for e in footnote.iter("span") if "ltx_note_content" in _classes(e)), footnote
        )
        for printed_mark in [
            e for e in content.iter()
            if _classes(e) & {"ltx_note_mark", "ltx_tag_note", "ltx_note_type"}
        ]:
            printed_mark.drop_tree()  # the mark again, "1", "footnote: ": its label, not its text
        notes.append((label, content))
        markers.append((footnote, f"[{label}]"))
    return LatexmlNotes(notes=tuple(notes), markers=tuple(markers), holders=tuple(items))


def _citations(
    root: etree._Element, labels: dict[str, str]
) -> list[tuple[etree._Element, str]]:
    """Each citation of an entry: its ``<cite>`` (or the bare link) and its markers' text."""
    if not labels:
        return []
    cites: dict[etree._Element, list[str]] = {}
    for anchor in root.iter("a"):
        href = anchor.get("href", "")
        label = labels.get(href.partition("#")[2]) if "#" in href else None
        if label is None:
            continue
        holder = next(
            (e for e in anchor.iterancestors("cite") if "ltx_cite" in _classes(e)), anchor
        )
        cited = cites.setdefault(holder, [])
        if label not in cited:
            cited.append(label)
    return [(holder, "".join(f"[{label}]" for label in cited)) for holder, cited in cites.items()]


def _take_tag(item: etree._Element, tag_class: str) -> str | None:
    """The printed label of ``item`` (``[4]`` → ``4``), taken out of it."""
    tag = next((e for e in item.iter("span") if tag_class in _classes(e)), None)
    if tag is None:
        return None
    text = _printed(tag)
    tag.drop_tree()
    match = _BRACKETS.match(text)
    return (match.group(1).strip() if match else text) or None


def _printed(element: etree._Element) -> str:
    """The text ``element`` prints, its white space collapsed (its tail is not its own)."""
    return " ".join(
        etree.tostring(element, method="text", encoding="unicode", with_tail=False).split()
    )


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())
