"""Simple ``<ref>``s cut out of wikitext before mwparserfromhell sees the page.

mwparserfromhell's tree builder is pure Python, and wrapping each ``<ref>`` in a
tag node (its name, attributes, closing tag: each a parsed piece of its own) was
most of the time it took to read a page with many notes.  A simple ref —
``<ref>``, ``<ref name="x" group=y>`` or ``<ref name="x" />`` whose content has no
markup that could open or close anything around it (its templates and links close in
it: ``<ref>{{cite web|…}}</ref>``) — is cut out and stands as one private-use
character; the page left is parsed as before, and the refs' contents apart, only
those that could hold a template, a link or an entity.

A cut is kept only where its placeholder comes back in a top-level text node: a ref
that was inside a template, a link, a heading, a comment, ``<nowiki>`` … lands
somewhere else, and is put back for mwparserfromhell to parse where it stands (after
a few tries, the whole page is parsed as it is: ``cut_refs`` gives ``None``).  Refs
that do not look simple are left in the page and parsed as they always were.
"""

from __future__ import annotations

import bisect
import functools
import re

import attrs

PLACEHOLDER = "\ue000"

# No "<", "'", "~", "_" or line break in the content: it holds no tag, comment or
# formatting, nothing that reaches past its line.  Its templates and links (a
# ``{{cite …}}``, ``[http://… title]``, ``[[Page]]``) must close in it, unnested
# (``_closed``), so that none can close a construct around the ref.  A first
# character that is list or heading markup at the start of a line (where the content
# would stand if parsed alone) is left to the full parse.
_CONTENT = r"(?:[^<>'~_\n*#:;=\s-][^<>'~_\n]*)?"
_VALUE = r"""(?:"[^"<>{}\[\]&|\n]*"|'[^'<>{}\[\]&|\n]*'|[^\s"'<>/{}\[\]&|=]+(?=[\s>]|$))"""
_ATTRIBUTE = rf"\s+[a-z]+={_VALUE}"
_REF = re.compile(rf"<ref((?:{_ATTRIBUTE})*)(?:\s*/>|>({_CONTENT})</ref>)")
_ONE_ATTRIBUTE = re.compile(rf"\s+([a-z]+)=({_VALUE})")
_NEEDS_PARSE = re.compile(r"[:&{\[]")
"""A free link needs a scheme's ``:``, an entity its ``&``, a template or link its
bracket: content with none of them is text."""
_BRACKETS = re.compile(r"\{\{|\}\}|\[\[|\]\]|[{}\[\]]")
_CLOSES = {"{{": "}}", "[[": "]]", "[": "]"}


@attrs.frozen
class CutAttribute:
    """One ``name=value`` of a cut ref, shaped like mwparserfromhell's."""

    name: str
    value: str


@attrs.frozen(eq=False)
class CutRef:
    """A ``<ref>`` cut out of the page: its attributes, parsed content and place."""

    attributes: tuple[CutAttribute, ...]
    contents: object
    """The content as mwparserfromhell's ``Wikicode``."""
    start: int
    text: str


@attrs.frozen
class CutPage:
    """The page with its simple refs cut out, and the way back to the source."""

    nodes: list
    """The page's top-level nodes, each cut ref a ``CutRef`` where it stood."""
    code: object
    """The parse of the page left (for the places of its nodes)."""
    _places: list[int]
    _shifts: list[int]

    def source_place(self, place: int) -> int:
        """Where ``place`` in the page left is in the source."""
        index = bisect.bisect_right(self._places, place)
        return place + (self._shifts[index - 1] if index else 0)


def cut_refs(text: str, parse) -> CutPage | None:
    """``text`` parsed with its simple refs cut out, or ``None`` where that is not safe.

    ``parse`` is mwparserfromhell's ``parse``.  ``None`` too where there is no ref to cut."""
    if PLACEHOLDER in text:
        return None
    matches = [match for match in _REF.finditer(text) if _closed(match.group(2))]
    if not matches:
        return None
    contents = _contents([match.group(2) for match in matches], parse)
    refs = [CutRef(_attributes(match.group(1)), code, match.start(), match.group(0))
            for match, code in zip(matches, contents, strict=True)]
    # A ref inside a template (an infobox's, say) is put back and parsed where it is,
    # and the page parsed again: the rest stay cut.  Putting refs back should move no
    # other placeholder out of the top level, but each parse is checked all the same.
    for _ in range(_ATTEMPTS):
        reduced, places, shifts = _reduce(text, refs)
        code = parse(reduced)
        nodes = _restore(code.nodes, refs)
        if nodes is not None:
            # A place in the page left is past the placeholders before it: bisect on the
            # place just after each one.
            return CutPage(nodes, code, [p + 1 for p in places], shifts)
        inside = _inside(code.nodes)
        refs = [ref for index, ref in enumerate(refs) if index not in inside]
        if not refs or not inside:
            return None
    return None


_ATTEMPTS = 3


def _reduce(text: str, refs: list[CutRef]) -> tuple[str, list[int], list[int]]:
    """``text`` with each of ``refs`` one placeholder, where they stand in it, and how far
    the source is ahead of the text left after each one."""
    pieces: list[str] = []
    places: list[int] = []
    shifts: list[int] = []
    shift = 0
    last = 0
    for ref in refs:
        pieces.append(text[last:ref.start])
        pieces.append(PLACEHOLDER)
        places.append(ref.start - shift)
        shift += len(ref.text) - 1
        shifts.append(shift)
        last = ref.start + len(ref.text)
    pieces.append(text[last:])
    return "".join(pieces), places, shifts


def _inside(nodes) -> set[int]:
    """The placeholders (by their order in the page) that are not in a top-level text node."""
    text_node = _node_types()[0]
    inside: set[int] = set()
    index = 0
    for node in nodes:
        if type(node) is text_node:
            index += node.value.count(PLACEHOLDER)
            continue
        count = str(node).count(PLACEHOLDER)
        inside.update(range(index, index + count))
        index += count
    return inside


@functools.cache
def _node_types() -> tuple[type, type, type]:
    """mwparserfromhell's text node, list and ``Wikicode``: imported when a page is read,
    as only wikitext articles need them, and once (importing them in the function that
    makes each ref's content was a tenth of the time)."""
    from mwparserfromhell.nodes import Text
    from mwparserfromhell.smart_list import SmartList
    from mwparserfromhell.wikicode import Wikicode

    return Text, SmartList, Wikicode


def _closed(content: str | None) -> bool:
    """Whether each template and link in ``content`` closes in it, none inside another.

    A lone brace, ``{{{`` (a parameter) or a nested template is left to the full parse."""
    if not content or ("{" not in content and "[" not in content
                       and "}" not in content and "]" not in content):
        return True
    if "{{{" in content or "}}}" in content:
        return False
    open_ = None
    for match in _BRACKETS.finditer(content):
        token = match.group(0)
        if open_ is None:
            if token not in _CLOSES or token == "{":
                return False
            open_ = token
        elif token == _CLOSES[open_]:
            open_ = None
        else:
            return False
    return open_ is None


def _attributes(written: str) -> tuple[CutAttribute, ...]:
    out = []
    for match in _ONE_ATTRIBUTE.finditer(written):
        value = match.group(2)
        if value[0] in "\"'":
            value = value[1:-1]
        out.append(CutAttribute(match.group(1), value))
    return tuple(out)


def _contents(contents: list[str | None], parse) -> list:
    """Each ref's content as mwparserfromhell's ``Wikicode``.

    Content with neither ``:`` nor ``&`` is one text node, built as the parser builds it.
    The rest are parsed in one go, a line each: none has markup that reaches past its
    line (no ``<``, brackets, quotes, nor a line break), each starts a line as it starts
    a page of its own, and a line break ends a free link as the content's end does.  A
    parse per ref paid the parser's setup as often as there are links."""
    text_node, smart_list, wikicode = _node_types()
    codes: list = [
        wikicode(smart_list([text_node(c)] if c else []))
        for c in contents
    ]
    marked = [i for i, c in enumerate(contents) if c and _NEEDS_PARSE.search(c)]
    if not marked:
        return codes
    lines: list[list] = [[]]
    for node in parse("\n".join(contents[i] for i in marked)).nodes:  # type: ignore[misc]
        if type(node) is not text_node or "\n" not in node.value:
            lines[-1].append(node)
            continue
        for index, part in enumerate(node.value.split("\n")):
            if index:
                lines.append([])
            if part:
                lines[-1].append(text_node(part))
    if len(lines) != len(marked) or any(
        "".join(map(str, line)) != contents[i] for i, line in zip(marked, lines, strict=True)
    ):
        lines = [parse(contents[i]).nodes for i in marked]  # the safe way, should one not fit
    for i, line in zip(marked, lines, strict=True):
        codes[i] = wikicode(smart_list(line))
    return codes


def _restore(nodes, refs: list[CutRef]) -> list | None:
    """The top-level nodes with each placeholder back as its ``CutRef``; ``None`` if one
    is not in a top-level text node (it was inside something)."""
    text_node = _node_types()[0]
    out: list = []
    found = 0
    for node in nodes:
        if type(node) is not text_node or PLACEHOLDER not in node.value:
            out.append(node)
            continue
        parts = node.value.split(PLACEHOLDER)
        for index, part in enumerate(parts):
            if index:
                out.append(refs[found])
                found += 1
            if part:
                out.append(text_node(part))
    return out if found == len(refs) else None
