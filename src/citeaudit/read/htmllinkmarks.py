"""Note markers in HTML that are links to their sources: ``…in 2019.<a href="https://…">[1]</a>``.

The HTML twin of :mod:`citeaudit.read.mdlinkmarks`.  Answer engines and hand-made pages
cite this way, ``[1]`` or a superscript ``1`` linking straight to the source, with no
notes list; read as written each marker was a link whose text is a number, and the note
was lost.  A reader takes such a link for what it shows: the note of that number, its
source the link's target.

A link is read as a marker when it shows a bracketed number (``[1]``), or a bare one
inside ``<sup>``, points to a web page (not to a note of another page, ``…#cite_note-3``:
a page converted from that one, whose own list says what the note is), and follows words
in its paragraph: a numbered link that opens a list item or a line of links
(``<li><a href=…>[1]</a> Campos…``, a pager's ``1 2 3``) titles a link, it marks no note.
A number linked to two different pages is no one note, so those links stay links.  Each
marker is written as ``[n]``; the notes list of the page itself, where it has one, says
what the note is, and only a number it lacks takes the link's target as its note.
"""

from __future__ import annotations

import re

from lxml import etree

_NUMBER = re.compile(r"^\s*(\[)?\s*(\d{1,4})\s*(\])?\s*$")
_WORD = re.compile(r"[^\W\d_]")
"""A letter: what the text before a marker holds when the marker follows prose."""
_NOTE_FRAGMENT = re.compile(r"(?:cite_|end|foot)?(?:note|ref)|fn", re.I)
"""A fragment naming a note (``#cite_note-3``, ``#fn2``, ``#footnote-1``), matched at its start."""
_WRAPPERS = ("sup", "span", "small")
_BLOCKS = frozenset(
    {"p", "li", "dd", "dt", "td", "th", "blockquote", "div", "section", "article",
     "h1", "h2", "h3", "h4", "h5", "h6", "body", "figcaption", "pre"}
)


def link_markers(content: etree._Element) -> dict[str, str]:
    """Write each link in ``content`` that is a note's marker as ``[n]``; each number's page.

    The numbers come in the order first cited, so the notes they make read in that order."""
    found: list[tuple[etree._Element, str, str]] = []
    pages: dict[str, set[str]] = {}
    after_words = _AfterWords()
    for anchor in content.iter("a"):
        marker = _marker(anchor, after_words)
        if marker is not None:
            found.append(marker)
            pages.setdefault(marker[1], set()).add(marker[2])
    usable = {label: next(iter(seen)) for label, seen in pages.items() if len(seen) == 1}
    for element, label, _ in found:
        if label in usable:
            element.tail = f"[{label}]" + (element.tail or "")
            element.drop_tree()
    return usable


def _marker(
    anchor: etree._Element, after_words: _AfterWords
) -> tuple[etree._Element, str, str] | None:
    """(the element the marker is, its number, its page) if ``anchor`` is a note's marker."""
    href = (anchor.get("href") or "").strip()
    if not href.lower().startswith(("http://", "https://")):
        return None
    _, _, fragment = href.partition("#")
    if fragment and _NOTE_FRAGMENT.match(fragment):
        return None  # a note of a page this one was converted from: its own list says
    match = _NUMBER.match("".join(anchor.itertext()))
    if match is None or bool(match.group(1)) != bool(match.group(3)):
        return None
    element = anchor
    while (parent := element.getparent()) is not None and parent.tag in _WRAPPERS:
        if len(parent) != 1 or (parent.text or "").strip() or (element.tail or "").strip():
            break
        element = parent
    if not match.group(1) and element.tag != "sup":
        return None  # a bare number outside a superscript: "page 3", a pager
    return (element, match.group(2), href) if after_words(element) else None


class _AfterWords:
    """Whether words come before an element in its paragraph, each parent's children
    weighed once: asked sibling by sibling, a run of markers with no words before them
    (a line of links) cost the square of its length."""

    def __init__(self) -> None:
        self._after: dict[etree._Element, set[etree._Element]] = {}

    def __call__(self, element: etree._Element) -> bool:
        while element.tag not in _BLOCKS:
            parent = element.getparent()
            if parent is None:
                return False
            after = self._after.get(parent)
            if after is None:
                after = self._after[parent] = _children_after_words(parent)
            if element in after:
                return True
            element = parent
        return False


def _children_after_words(parent: etree._Element) -> set[etree._Element]:
    """The children of ``parent`` that some word of ``parent`` comes before."""
    after: set[etree._Element] = set()
    words = bool(_WORD.search(parent.text or ""))
    for child in parent:
        if words:
            after.add(child)
        elif _WORD.search("".join(child.itertext())) or _WORD.search(child.tail or ""):
            words = True
    return after
