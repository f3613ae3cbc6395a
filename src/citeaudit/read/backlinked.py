"""A note found by its backlink when its marker's target is gone.

Posts moved between blog engines keep the marker (``<sup id="fnref:1"><a
href="#fn:1">1</a></sup>``) but often lose the notes list's ids: the note is
then a paragraph with nothing to jump to, known only by its ``↩`` link back
to the marker (``hyper-ish, if you will. <a href="#fnref:1">↩</a>``).  A
reader ties the two by that link, and so is it done here: the block holding
a link back to one of the marker's ids is the marker's note.
"""

from __future__ import annotations

from urllib.parse import unquote

from lxml import etree

_BLOCKS = ("p", "li", "dd", "td", "div")
_CLIMB = 3
"""How far up from the marker its ids are looked for (``<sup id=…><a>``)."""


class Backlinks:
    """The page's links to ids on it, read once, the first time a marker needs them."""

    def __init__(self, root: etree._Element, by_id: dict[str, etree._Element]) -> None:
        self._root = root
        self._by_id = by_id
        self._to: dict[str, etree._Element] | None = None

    def note_of(self, anchor: etree._Element) -> etree._Element | None:
        """The block that links back to ``anchor`` (or a wrapper's id), if any."""
        if self._to is None:
            self._to = {}
            for link in self._root.iter("a"):
                _, hash_sign, fragment = link.get("href", "").partition("#")
                fragment = unquote(fragment) if hash_sign else ""
                if fragment in self._by_id:
                    self._to.setdefault(fragment, link)
        element: etree._Element | None = anchor
        for _ in range(_CLIMB):
            if element is None:
                break
            for attribute in ("id", "name"):
                link = self._to.get(element.get(attribute) or "")
                if link is not None and link is not anchor:
                    return _block(link)
            element = element.getparent()
        return None


def _block(link: etree._Element) -> etree._Element | None:
    for ancestor in link.iterancestors(*_BLOCKS):
        return ancestor
    return None
