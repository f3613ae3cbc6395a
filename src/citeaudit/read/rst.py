"""reStructuredText articles: ``[1]_``, ``[#name]_`` and ``[CIT2002]_`` notes (docutils).

docutils renders the document to HTML5, whose footnote references carry
``role="doc-noteref"`` and whose notes are ``doc-footnote`` asides, and the
HTML reader reads that, so reST gets the same prose, title and note handling
(links written `` `Text <url>`_ `` reach the note's HTML as links).
Directives that read files or embed raw markup are off: an article cannot
make citeaudit open other files.
"""

from __future__ import annotations

import html as html_lib

from citeaudit.errors import InputError
from citeaudit.read.html import HtmlReader
from citeaudit.read.interface import Document, Reader

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
        return self._html.read(
            f"<html><body><article>{heading}{parts['body']}</article></body></html>"
        )
