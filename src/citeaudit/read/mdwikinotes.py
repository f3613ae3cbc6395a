"""A wiki page converted to Markdown with its note links: ``^[[1]](#cite_note-singh-1)^``.

Page-to-Markdown tools keep MediaWiki's markers as superscript links to the notes
(``^[[2]](#cite_note-2)^``, Pandoc's ``^…^`` superscript, or a bare ``[[2]](#cite_note-2)``)
and the notes as a numbered list whose items open with their links back to the markers
(``2. [↑](#cite_ref-2) Bachfeld…``; ``1. ↑ ^[a](#cite_ref-singh_1-0)^ ^[b](…)^ Singh…`` for a
note cited three times), the ids those links jump to gone.  Read as written, ``^[`` opened
Pandoc inline notes (``^[[1]]`` a note whose text is ``[1]``) and the list stayed prose.

A reader ties them by MediaWiki's ids: the marker's ``cite_note-NAME-N`` is the note whose
backlinks are ``cite_ref-NAME_N-k`` (``cite_note-N`` and ``cite_ref-N`` unnamed).  Each marker
becomes the footnote ``[^label]`` (its shown number) and each item the definition
``[^label]: …`` without its backlinks.  In the notes, links to the wiki's own pages (the
host its ``action=edit`` section links go to: a book's article, ``Spezial:ISBN-Suche``, an
author) are navigation, not sources, and are left as their words, as the HTML reader
leaves a saved wiki page's.  A list item no marker's note names stays an item.
"""

from __future__ import annotations

import re

from citeaudit.read.mdnotes import CodeLines

_MARKER = re.compile(r"(\^?)\[\[([^\[\]\s]{1,12})\]\]\(#(cite_note-[^\s()]+)\)(\^?)")
"""``^[[1]](#cite_note-singh-1)^`` or ``[[1]](#cite_note-1)``; the carets come in pairs."""
_BACKLINK = r"(?:\^?\[[^\[\]\n]{1,12}\]\(#cite_ref-[^\s()]+\)\^?)"
_ITEM = re.compile(
    rf"^ {{0,3}}\d{{1,4}}[.)][ \t]+(?:↑[ \t]*)?((?:{_BACKLINK}[ \t]*)+)(.*)$"
)
"""A notes list's item: its number, an optional ``↑``, its backlinks, the note."""
_REF = re.compile(r"\(#cite_ref-([^\s()]+)\)")
_NAMED_REF = re.compile(r"^(.+)_(\d+)-\d+$")
_EDIT = re.compile(r"\((https?://[^\s()/]+)/w/index\.php\?title=[^\s()]*action=edit")
_WIKI_LINK = re.compile(
    r"(?<!!)\[([^\[\]\n]*)\]\((https?://[^\s()/]+)/[^\s()]*(?:\([^\s()]*\)[^\s()]*)?"
    r"(?:[ \t]+\"[^\"\n]*\")?\)"
)
"""A link, the host its URL goes to, an optional title; a URL may hold one ``(…)``."""


def _note_id(ref: str) -> str:
    """The ``cite_note-…`` id a backlink's ``cite_ref-…`` (without its prefix) names."""
    named = _NAMED_REF.match(ref)
    if named:
        return f"cite_note-{named.group(1)}-{named.group(2)}"
    return f"cite_note-{ref}"


def wiki_notes_as_footnotes(text: str) -> str:
    """``text`` with a converted wiki page's note links written as footnotes."""
    if "(#cite_note-" not in text or "(#cite_ref-" not in text:
        return text
    lines = text.split("\n")
    code = CodeLines()
    prose = [index for index, line in enumerate(lines) if not code.code(line)]
    labels: dict[str, str] = {}  # note id -> the label its markers show
    for index in prose:
        for match in _MARKER.finditer(lines[index]):
            if (match.group(1) == "^") == (match.group(4) == "^"):
                labels.setdefault(match.group(3), match.group(2))
    items: dict[int, tuple[str, str]] = {}
    for index in prose:
        item = _ITEM.match(lines[index])
        if item is None:
            continue
        ids = {_note_id(ref) for ref in _REF.findall(item.group(1))}
        found = [labels[note] for note in ids if note in labels]
        if len(set(found)) == 1:
            items[index] = (found[0], item.group(2))
    if not items:
        return text
    hosts = {m.group(1).lower() for m in _EDIT.finditer(text)}
    defined = {label for label, _ in items.values()}

    def marker(match: re.Match[str]) -> str:
        label = labels.get(match.group(3))
        paired = (match.group(1) == "^") == (match.group(4) == "^")
        return f"[^{label}]" if paired and label in defined else match.group(0)

    def unlinked(note: str) -> str:
        return _WIKI_LINK.sub(
            lambda m: m.group(1) if m.group(2).lower() in hosts else m.group(0), note
        )

    out: list[str] = []
    for index, line in enumerate(lines):
        if index in items:
            label, note = items[index]
            out += ["", f"[^{label}]: {unlinked(note)}"]
        elif index in prose:
            out.append(_MARKER.sub(marker, line))
        else:
            out.append(line)
    return "\n".join(out)
