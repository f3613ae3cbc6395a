"""Markdown articles: ``[^label]`` footnotes (markdown-it-py with the footnote plug-in).

The Markdown is rendered to HTML, with each reference printed as its label as
written (``[^smith2020]`` → ``[smith2020]``, not a renumbered ``[3]``), and read
by the HTML reader, so Markdown gets the same prose, title and note handling.
Markdown whose notes are plain ``[1] …`` lines falls back like HTML does.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from typing import Any

import attrs
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from citeaudit.read.html import HtmlReader, note_from_html
from citeaudit.read.interface import Document, RawNote, Reader
from citeaudit.read.mdlines import note_lines_broken
from citeaudit.read.mdlinkmarks import link_markers_as_footnotes
from citeaudit.read.mdnotes import split_footnotes
from citeaudit.read.mdplain import render
from citeaudit.read.mdrefs import numbered_links_as_footnotes
from citeaudit.read.mdspaced import spaced_labels_joined, spaced_labels_restored
from citeaudit.read.mdwikinotes import wiki_notes_as_footnotes
from citeaudit.read.sourceline import source_lines_split
from citeaudit.read.tooltips import tooltip_notes_as_footnotes
from citeaudit.sentences import MARKER

_AUTOLINK = re.compile(r"<(https?://[^\s<>]*)>", re.I)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _unescape_autolinks(text: str) -> str:
    """Undo backslash escapes inside ``<https://…>``.

    CommonMark keeps them literally there (``<https://a.org/x\\_y>`` links to
    ``x%5C_y``), but exporters that escape every ``_`` and ``*`` put them in
    autolinks too, and the URL meant is the unescaped one.
    """
    return _AUTOLINK.sub(lambda m: "<" + _ESCAPE.sub(r"\1", m.group(1)) + ">", text)


def _caption(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    meta = tokens[idx].meta
    label = meta.get("label") or str(meta["id"] + 1)  # inline ^[…] notes have no label
    return f"[{label}]"


def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).use(footnote_plugin).enable("table")
    md.add_render_rule("footnote_caption", _caption)
    return md


class MarkdownReader(Reader):
    """Reads Markdown (CommonMark with footnotes and tables)."""

    format = "markdown"
    extensions = (".md", ".markdown")

    def __init__(self) -> None:
        self._md = _renderer()
        self._html = HtmlReader()

    def read(self, text: str) -> Document:
        """The article in ``text`` (Markdown)."""
        title, text = front_matter(text)
        text = wiki_notes_as_footnotes(text)  # "^[[1]](#cite_note-1)^", "2. [↑](#cite_ref-2) …"
        text, spaced = spaced_labels_joined(text)  # "[^Smith, 2019]", read as one label
        text = link_markers_as_footnotes(_unescape_autolinks(text))
        text, listed = numbered_links_as_footnotes(text)
        text = tooltip_notes_as_footnotes(text)
        text = note_lines_broken(source_lines_split(text))
        split = split_footnotes(text)
        if split is None:
            rendered = render(self._md, text)
            document = self._html.read(f"<html><body><article>{rendered}</article></body></html>")
        else:
            rendered = render(self._md, split.prose)
            loose = dict(split.unreferenced)
            document = self._html.read_prose(
                f"<html><body><article>{rendered}</article></body></html>",
                sup_labels=frozenset(loose),
            )
            notes = [self._note(label, md) for label, md in split.notes]
            # "…useful<sup>1</sup>" with "[^1]: Box, G.E.P. …" below: the definition is the
            # note of that marker, though no "[^1]" refers to it.  A definition nothing
            # marks stays out, as a Markdown renderer leaves it out of the page.
            marked = dict.fromkeys(
                m.group(1) for m in MARKER.finditer(document.body) if m.group(1) in loose
            )
            notes += [self._note(label, loose[label]) for label in marked]
            document = attrs.evolve(document, notes=tuple(notes))
        if listed:  # a sources list's members no marker points at are its notes all the same
            notes = [*document.notes, *(self._note(label, md) for label, md in listed)]
            document = attrs.evolve(document, notes=tuple(notes))
        if title:
            body = document.body
            if body.startswith(title + "\n") or body == title:
                body = body[len(title) :].lstrip("\n")
            document = attrs.evolve(document, title=title, body=body)
        return spaced_labels_restored(document, spaced)


    def _note(self, label: str, markdown: str) -> RawNote:
        if not _MARKUP.search(markdown):  # plain words render as themselves
            text = " ".join(markdown.split())
            return RawNote(label=label, raw=text, html=html_lib.escape(text, quote=False))
        return note_from_html(label, self._md.render(markdown))


_MARKUP = re.compile(
    r"[\[\]*_`<>\\~|]|&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{1,31});"
    r"|^\s*(?:[-+#>=]|\d+[.)])",
    re.M,
)
"""What Markdown could turn into markup; a note without any renders as its own words.

A lone ``&`` (``?id=3&lang=en``) or ``!`` is text; only a character reference
(``&amp;``, ``&#8212;``) turns into another character, and an image needs its ``[``."""


_YAML = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_TOML = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)


def front_matter(text: str) -> tuple[str | None, str]:
    """The ``title`` of YAML (``---``) or TOML (``+++``) front matter, and the text without it.

    Static-site generators (Jekyll, Hugo, Eleventy, Astro) put the page's
    metadata there; it is not prose.
    """
    for pattern, load in ((_YAML, _yaml), (_TOML, _toml)):
        match = pattern.match(text)
        if match:
            meta = load(match.group(1))
            title = meta.get("title") if isinstance(meta, dict) else None
            rest = text[match.end() :]
            return (" ".join(str(title).split()) or None) if title else None, rest
    return None, text


def _yaml(block: str) -> object:
    import yaml

    try:
        return yaml.safe_load(block)
    except yaml.YAMLError:
        return None


def _toml(block: str) -> object:
    import tomllib

    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError:
        return None
