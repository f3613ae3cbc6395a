"""Headings' permalink signs: ``<h2>Notes <a class="header-anchor" href="#notes">#</a></h2>``.

Static-site generators (VuePress, VitePress, MkDocs, Sphinx, Jekyll's anchor
plug-ins) put a small link to the heading itself beside or before its words,
shown as ``#``, ``¶`` or ``🔗`` on hover.  It is page furniture: left in, the
title reads ``# Why the wall failed`` and a notes heading ``# 脚注`` is not
known for one.  Only a link within the page whose text is such a sign (or
nothing) goes; a heading's real links stay.
"""

from __future__ import annotations

from lxml import etree

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SIGNS = frozenset({"", "#", "¶", "§", "🔗", "⚓", "∞", "⚓︎", "🔗︎"})


def drop_heading_permalinks(root: etree._Element) -> None:
    """Remove the permalink signs from every heading under ``root`` (their tails kept)."""
    doomed = [
        link
        for heading in root.iter(*_HEADINGS)
        for link in heading.iter("a")
        if link.get("href", "").startswith("#") and link.text_content().strip() in _SIGNS
    ]
    for link in doomed:
        link.drop_tree()
