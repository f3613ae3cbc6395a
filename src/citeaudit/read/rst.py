"""reStructuredText articles: ``[1]_``, ``[#name]_`` and ``[CIT2002]_`` notes (docutils).

docutils renders the document to HTML5, whose footnote references carry
``role="doc-noteref"`` and whose notes are ``doc-footnote`` asides, and the
HTML reader reads that, so reST gets the same prose, title and note handling
(links written `` `Text <url>`_ `` reach the note's HTML as links).
docutils prints every footnote and citation, cited or not, in the page's lists; the
ones no marker cites are notes all the same, under the labels docutils prints.
Directives that read files or embed raw markup are off: an article cannot
make citeaudit open other files.
"""

from __future__ import annotations

import html as html_lib

import attrs
import lxml.html
from lxml import etree

from citeaudit.errors import InputError
from citeaudit.read.html import HtmlReader, note_from_html
from citeaudit.read.interface import Document, RawNote, Reader

_SETTINGS = {
    "file_insertion_enabled": False,
    "raw_enabled": False,
    "report_level": 5,
    "halt_level": 5,
    "_disable_config": True,
    "embed_stylesheet": False,
    "footnote_references": "brackets",
    "syntax_highlight": "none",
}


class RstReader(Reader):
    """Reads reStructuredText."""

    format = "rst"
    extensions = (".rst", ".rest")

    def __init__(self) -> None:
        self._html = HtmlReader()

    def read(self, text: str) -> Document:
        """The article in ``text`` (reStructuredText)."""
        from docutils.core import publish_parts  # imported here: only reST articles need it
        from docutils.writers import html5_polyglot

        try:
            parts = publish_parts(
                text, writer=html5_polyglot.Writer(), settings_overrides=_SETTINGS
            )
        except Exception as exc:  # docutils reports broken markup as several kinds
            raise InputError(f"cannot read the reStructuredText: {exc}") from None
        title = parts.get("title") or ""
        heading = f"<h1>{html_lib.escape(title)}</h1>" if title else ""
        body, uncited = _uncited_notes(parts["body"])
        document = self._html.read(f"<html><body><article>{heading}{body}</article></body></html>")
        if not uncited:
            return document
        labels = {note.label for note in document.notes}
        extra = tuple(note for note in uncited if note.label not in labels)
        return attrs.evolve(document, notes=document.notes + extra)


_ENTRIES = '//*[@role="doc-footnote" or @role="doc-biblioentry"]'
_LABEL = './span[contains(concat(" ", normalize-space(@class), " "), " label ")]'


def _uncited_notes(body: str) -> tuple[str, list[RawNote]]:
    """``body`` without the footnotes and citations no marker cites, and those as notes.

    docutils links a cited entry's label back to its references (``role="doc-backlink"``);
    an uncited one prints its label as plain text, and the HTML reader, which finds notes
    by their references, would leave it in the prose."""
    if "doc-footnote" not in body and "doc-biblioentry" not in body:
        return body, []
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    notes: list[RawNote] = []
    for entry in root.xpath(_ENTRIES):
        labels = entry.xpath(_LABEL)
        if not labels or entry.xpath('.//a[@role="doc-backlink"]'):
            continue
        label = labels[0].text_content().strip().strip("[]").strip()
        if not label:
            continue
        labels[0].drop_tree()
        inner = (entry.text or "") + "".join(
            etree.tostring(child, encoding="unicode", method="html") for child in entry
        )
        notes.append(note_from_html(label, inner))
        parent = entry.getparent()
        entry.drop_tree()
        empty = parent is not None and not len(parent) and not parent.text_content().strip()
        if empty and parent is not root:
            parent.drop_tree()
    if not notes:
        return body, []
    return (root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    ), notes
