"""HTML articles: footnote plug-ins, Wikipedia, Pandoc, DPub-ARIA, Substack, bare ``<sup>N</sup>``.

Linked footnotes are found by their shape rather than by site: a note
reference is a short link (``1``, ``[1]``, ``a``) to an element of the same
page, marked as one by ``role="doc-noteref"``, a footnote-ish class or id, or a
``<sup>`` around or inside it; the note is the element it points to (climbing
from an empty anchor to its list item or ``div.footnote``).  That covers
WordPress footnote plug-ins and the block editor, Wikipedia, Pandoc,
markdown-it, DPub-ARIA and Substack.  Pages without linked notes fall back to
the text rules: ``[N]`` paragraphs at the end, or ``<sup>N</sup>`` markers with
a numbered list after a *Notes* heading or at the end.
"""

from __future__ import annotations

import contextlib
import copy
import html as html_lib
import re
import sys
from collections.abc import Iterator
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit

import attrs
import lxml.html
from lxml import etree

from citeaudit.errors import InputError
from citeaudit.read.backlinked import Backlinks
from citeaudit.read.chrome import drop_chrome
from citeaudit.read.endnotes import NOTES_HEADING, Block, split_endnotes
from citeaudit.read.htmllinkmarks import link_markers
from citeaudit.read.interface import Document, RawNote, Reader
from citeaudit.read.latexml import latexml_notes
from citeaudit.read.permalinks import drop_heading_permalinks
from citeaudit.read.sourceline import source_blocks_split
from citeaudit.read.text import superscripts_to_markers
from citeaudit.read.tooltips import tooltip_text

_BLOCK_TAGS = frozenset(
    {
        "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt",
        "td", "th", "figcaption", "caption", "section", "article", "main", "ul", "ol", "dl",
        "table", "tr", "tbody", "thead", "tfoot", "header", "footer", "aside", "nav", "form", "hr",
        "address", "details", "summary", "figure", "center", "fieldset"
    }
)
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "button", "select")
_CHROME_TAGS = ("nav", "header", "footer", "aside", "form")
# Class or id tokens of page furniture (matched as whole words inside the attribute).
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|sharedaddy|social|related|relatedposts|jp-relatedposts"
    r"|post-tags|tags-links|tag-links|author-bio|author-box|about-author|comments?|comment-respond"
    r"|mw-editsection|navbox|toc|breadcrumbs?|screen-reader-text|infobox|metadata|hatnote"
    r"|mw-jump-link|newsletter|subscribe|advert|ads?|cookie|sidebar|widget|table-of-contents"
    r"|catlinks|mw-hidden-catlinks|printfooter|ambox|mbox-small|noprint|sistersitebox|siteSub"
    r"|contentSub|contentSub2|jump-to-nav|mw-indicators|authority-control|navbar|portal-bar"
    r"|vector-toc|mw-normal-catlinks|page-toolbar|mw-portlet|vector-menu|vector-dropdown"
    r"|sticky-header|mw-footer|vector-header)(?:$|[\s_-])",
    re.I,
)
_REF_NAMES = re.compile(r"foot-?note|fnref|noteref|cite_ref|reference|\bfn\b|endnote", re.I)
_BACKLINK_NAMES = re.compile(
    r"back-?ref|backlink|footnote-back|footnote-number|to-top|cite-backlink|return"
    r"|reversefootnote", re.I
)
_BACKLINK_TEXT = frozenset({"", "↩", "↩︎", "^", "↑", "⤴", "back"})
_WIKI_BACKLINK = re.compile(r"cite_ref[-_]")
_SUP_LABEL = re.compile(r"^\[?(\d{1,4}(?:\s*[-–,]\s*\d{1,4})*|[a-z])\]?$")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_LINE_BREAK = "\u2028"
"""Stands for ``<br>`` while text is gathered: source newlines are mere spaces in HTML."""
_PRINTED_LABEL = frozenset({"label", "fn-bracket"})
"""Classes of a note's printed ``[1]`` (docutils), which is its label, not its text."""
_CONTENT_CLASSES = frozenset({"reference-text", "footnote-content"})
"""Classes of the element inside a note item that holds the note proper (Wikipedia, Ghost)."""
MAX_LABEL = 12
"""A link whose text is longer than this is prose, not a note reference…"""
_LONG_LABEL = re.compile(r"^[^\s\[\]](?:[^\[\]]{0,30}[^\s\[\]])?$")
"""…unless the markup calls it a note reference and it is at most 32 characters, as a
marker of the body may be: one word (``harbour-storm-2021``) or a few with spaces and
punctuation, as a Markdown label may be (``[^Miller＆Ratner、1998]``, ``[^Pain of paying]``)."""


class HtmlReader(Reader):
    """Reads HTML pages and fragments."""

    format = "html"
    extensions = (".html", ".htm", ".xhtml")

    def read(self, text: str) -> Document:
        """The article in ``text`` (HTML)."""
        return self._read(text, find_notes=True)

    def read_prose(self, text: str, *, sup_labels: frozenset[str] = frozenset()) -> Document:
        """The prose and title of ``text`` whose notes were taken out before (Markdown).

        A ``<sup>`` holding one of ``sup_labels`` (``<sup>3</sup>``) is that note's marker."""
        return self._read(text, find_notes=False, sup_labels=sup_labels)

    def _read(
        self, text: str, *, find_notes: bool, sup_labels: frozenset[str] = frozenset()
    ) -> Document:
        with _recursion_for_depth():
            return self._read_tree(text, find_notes=find_notes, sup_labels=sup_labels)

    def _read_tree(
        self, text: str, *, find_notes: bool, sup_labels: frozenset[str]
    ) -> Document:
        parsed = _parse(text)
        warnings = _depth_warning()
        root = _cleaned(parsed)
        _unlink_wiki_pages(root)
        if find_notes and "footnote_plugin_tooltip_" in text:
            _plugin_footnotes_linked(root)
        title = _title(root)
        notes: list[RawNote] = []
        if find_notes:
            # LaTeXML's own classes first: its citations do not look like note links.
            notes = (_latexml(root) if "ltx_" in text else []) + _linked_notes(root)
        content = _content_root(root)
        _drop_chrome(content)
        trailing_list = False
        linked: dict[str, str] = {}
        if find_notes and not notes:
            linked = link_markers(content)
            trailing_list = _mark_bare_superscripts(content)
            _drop_backlinks(content)
        elif sup_labels:
            _mark_bare_superscripts(content, sup_labels)
        # Only the notes a body's list holds need their markup: linked notes bring theirs.
        blocks = _blocks(content, with_html=find_notes and not notes)
        if notes or not find_notes:
            body_blocks = _without_empty_notes_headings(blocks)
        else:
            split = split_endnotes(source_blocks_split(blocks), trailing_list=trailing_list)
            body_blocks, notes = list(split.body), split.notes
            if linked:  # a marker linked to its source is its note where the page lists none
                listed = {note.label for note in notes}
                notes = (*notes, *(RawNote(label=n, raw=url) for n, url in linked.items()
                                  if n not in listed))
        paragraphs = [line for b in body_blocks for line in b.text.split("\n") if line.strip()]
        if title and paragraphs and paragraphs[0] == title:
            paragraphs = paragraphs[1:]
        body = "\n\n".join(drop_chrome(paragraphs))
        body = superscripts_to_markers(body, {n.label for n in notes} | sup_labels)
        return Document(body=body, notes=tuple(notes), title=title, warnings=warnings)


MAX_DEPTH = 2_048
"""How deep libxml2 nests elements (with ``huge_tree``); what lies deeper is not read."""


@contextlib.contextmanager
def _recursion_for_depth() -> Iterator[None]:
    """Python's recursion limit raised for the tree walks while a page is read: a page
    nested :data:`MAX_DEPTH` deep takes a few frames per level, past the default 1,000
    (Python 3.11 keeps nested Python calls off the C stack)."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 8 * MAX_DEPTH))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def _depth_warning() -> tuple[str, ...]:
    """A warning when the page just parsed nested past :data:`MAX_DEPTH` (libxml2 stops
    there, and the rest of the page, its notes with it, is lost)."""
    if any("Excessive depth" in error.message for error in _PARSER.error_log):
        return (f"the HTML nests elements more than {MAX_DEPTH:,} deep (unclosed tags?): "
                "only the part before that depth was read",)
    return ()


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters XML cannot hold: lxml refuses a tree that has them (``\\x08``, ``\\x1f``)."""


def _cleaned(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """Scripts and the like gone, code quieted, redirect links unwrapped, ``<br>`` marked."""
    _unwrap_page_template(root)
    for element in list(root.iter(*_DROP_TAGS)):
        element.drop_tree()
    _quiet_code(root)
    _unwrap_redirects(root)
    drop_heading_permalinks(root)
    for br in list(root.iter("br")):
        br.tail = _LINE_BREAK + (br.tail or "")
        br.drop_tree()
    return root


def _unwrap_page_template(root: lxml.html.HtmlElement) -> None:
    """A page that is one ``<template>`` is that template's content.

    A ``<template>`` holds markup a script stamps out later, not the page, and is
    dropped; but a Vue single-file component, or a VuePress build's compiled page,
    is its ``<template>`` (beside only its ``<script>`` and ``<style>``): the page
    itself, its prose and notes inside."""
    body = root.find("body") if root.tag == "html" else None
    if body is None or (body.text or "").strip():
        return
    templates = [child for child in body if child.tag == "template"]
    others = [
        child for child in body
        if child.tag != "template" and isinstance(child.tag, str) and child.tag not in _DROP_TAGS
    ]
    if len(templates) != 1 or others or any((c.tail or "").strip() for c in body):
        return
    templates[0].drop_tag()


def note_from_html(label: str, html: str) -> RawNote:
    """A note whose markup is ``html`` (a fragment), cleaned as a page's notes are."""
    if _CONTROLS.search(html):
        html = _CONTROLS.sub("", html)
    fragment = _cleaned(_fragment_root(html))
    return RawNote(label=label, raw=_text(fragment), html=_inner_html(fragment))


def _html_parser() -> etree.HTMLParser:
    """lxml.html's parser, its element classes chosen in C.

    lxml.html asks a Python method for the class of every element it hands out
    (a form, an input, any other): on a page of 10,000 notes that was a tenth of
    reading it.  Nothing here uses the form classes' extras, so every element is
    a plain ``HtmlElement``.

    ``huge_tree`` lifts libxml2's limits on a text or attribute's size (a 20 MB
    attribute made the whole page read as empty) and raises its nesting limit from 256
    to :data:`MAX_DEPTH` elements."""
    parser = etree.HTMLParser(huge_tree=True)
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity,
        )
    )
    return parser


_PARSER = _html_parser()


def _fragment_root(html: str) -> lxml.html.HtmlElement:
    """A ``<div>`` around the elements and text of the fragment ``html``, as
    ``fragment_fromstring(create_parent=True)`` makes it, with this module's parser."""
    elements = lxml.html.fragments_fromstring(html, parser=_PARSER)
    root = _PARSER.makeelement("div")
    if elements and isinstance(elements[0], str):
        root.text = elements.pop(0)
    root.extend(elements)
    return root


MAX_ATTRIBUTES = 1_000
"""Attributes kept on one element: libxml2 compares each new attribute with those
before it, so 100,000 attributes on one tag took minutes; real elements have a few."""
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{8000,}>")
_ATTRIBUTE = re.compile(r"""\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")


def _fewer_attributes(match: re.Match[str]) -> str:
    tag = match.group(0)
    attributes = _ATTRIBUTE.findall(tag)
    if len(attributes) <= MAX_ATTRIBUTES:
        return tag
    name = re.match(r"<[A-Za-z][^\s/>]*", tag).group(0)  # type: ignore[union-attr]
    return name + "".join(attributes[:MAX_ATTRIBUTES]) + ">"


def _parse(text: str) -> lxml.html.HtmlElement:
    text = _XML_DECL.sub("", text, count=1)
    text = _LONG_TAG.sub(_fewer_attributes, text)
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    try:
        return lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the HTML: {exc}") from None


_REDIRECTORS = re.compile(
    r"^https?://(?:www\.)?google\.[a-z.]+/url\?|^https?://l\.facebook\.com/l\.php\?"
    r"|^https?://(?:[a-z]+\.)?safelinks\.protection\.outlook\.com/\?",
    re.I,
)


def _unwrap_redirects(root: lxml.html.HtmlElement) -> None:
    """Links the exporter wrapped in its own redirect point to their real target.

    Google Docs writes every link as ``https://www.google.com/url?q=REAL&sa=D…``;
    Facebook and Outlook wrap theirs alike.  The note cites the real page.
    """
    for anchor in root.iter("a"):
        href = anchor.get("href", "")
        if _REDIRECTORS.match(href):
            query = parse_qs(urlsplit(href).query)
            target = (query.get("q") or query.get("u") or query.get("url") or [""])[0]
            if target.startswith(("http://", "https://")):
                anchor.set("href", target)


_WIKI_NOTE_LINK = re.compile(r"cite_(?:note|ref)[-_]")


def _unlink_wiki_pages(root: lxml.html.HtmlElement) -> None:
    """Links to the wiki's own pages are navigation, not sources: their ``href`` goes.

    A wiki page saved or converted with absolute links writes a note's author, journal
    and ``doi`` wikilinks as ``https://en.wikipedia.org/wiki/…``, the same host its
    markers link to (``…/wiki/Page#cite_note-1``); the note cites only its external
    links (``class="external"``, Parsoid's ``rel="mw:ExtLink"``) and other hosts."""
    # Most pages link to no "#cite_" at all: one XPath query, no URL split, says so.
    hosts = {
        parts.netloc.lower()
        for href in root.xpath("//a[contains(@href, '#cite_')]/@href")
        if _WIKI_NOTE_LINK.match((parts := _split(str(href))).fragment) and parts.netloc
    }
    if not hosts:
        return
    for anchor in root.xpath("//a[@href]"):
        parts = _split(anchor.get("href", ""))
        if (
            parts.netloc.lower() in hosts
            and not _WIKI_NOTE_LINK.match(parts.fragment)
            and "external" not in anchor.get("class", "").split()
            and anchor.get("rel") != "mw:ExtLink"
        ):
            del anchor.attrib["href"]


def _split(href: str) -> SplitResult:
    """``href``'s parts; a malformed one (``http://[::1``) is no link to anywhere."""
    try:
        return urlsplit(href)
    except ValueError:
        return SplitResult("", "", "", "", "")


def _quiet_code(root: lxml.html.HtmlElement) -> None:
    """Code is not prose: drop code blocks, and keep ``a[1]`` in inline code from being a marker.

    A zero-width joiner after the bracket leaves the code as shown while the
    marker pattern no longer reads a note label in it.
    """
    for block in list(root.iter("pre")):
        if block.getparent() is not None:
            block.drop_tree()
    for code in root.iter("code", "kbd", "samp", "tt"):
        for element in code.iter():
            if element.text:
                element.text = element.text.replace("[", "[\u2060")
            if element is not code and element.tail:
                element.tail = element.tail.replace("[", "[\u2060")


def _string(element: etree._Element) -> str:
    """``element.text_content()``: every text below it, its own tail left out.

    lxml.html answers that with an XPath ``string()`` run from Python; libxml2's
    text serializer writes the same string at a third of the cost, and a page
    of 10,000 notes asks it 50,000 times."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _text(element: etree._Element) -> str:
    return " ".join(_string(element).split())


def _title(root: lxml.html.HtmlElement) -> str | None:
    # The few <meta> picked by tag, in C: libxml2's XPath for them walked the whole
    # page at five hundred times the cost (a page of 10,000 notes: 20 ms).
    for meta in root.iter("meta"):
        content = meta.get("content")
        if content is not None and meta.get("property") == "og:title":
            text = " ".join(content.split())
            if text:
                return text
    # "//article//h1" walked in C by tag: the first non-empty <h1> inside any <article>,
    # in page order (a nested article's headings come up inside its outer one's walk).
    for holder in ("article", "main"):
        for outer in root.iter(holder):
            for heading in outer.iter("h1"):
                text = _text(heading)
                if text:
                    return text
    for xpath in (
        "//h1",
        "//p[contains(concat(' ', normalize-space(@class), ' '), ' title ')]",  # Google Docs
        "//title",
    ):
        for found in root.xpath(xpath):
            text = " ".join(str(found).split()) if isinstance(found, str) else _text(found)
            if text:
                return text
    return None


def _classes(element: etree._Element) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


# --- linked footnotes -------------------------------------------------------------------------


_PLUGIN_MARKER = re.compile(r"^footnote_plugin_tooltip_(\d+_\d+_\d+)$")


def _plugin_footnotes_linked(root: lxml.html.HtmlElement) -> None:
    """The WordPress "footnotes" plug-in's markers written as links to their notes.

    Its marker is ``<a role="button" onclick="footnote_moveToReference_…"><sup
    id="footnote_plugin_tooltip_2683_89_1" class="footnote_plugin_tooltip_text">1</sup></a>``,
    a script and no ``href`` taking the reader to the note, followed by a hidden
    ``<span class="footnote_tooltip">`` copy of the note; the note is a row of the
    ``footnotes_table`` below, ``<th><a id="footnote_plugin_reference_2683_89_1">↑1</a></th>``
    beside ``<td class="footnote_plugin_text">`` holding it.  The marker links to its row
    (the backlink cell gone), and the copy leaves the prose.  With the table gone, or its
    row holding nothing but the backlink (a Markdown export whose blank lines cut the table
    short, the note's cell left as an indented code block), the copy is the note."""
    by_id = {str(e.get("id")): e for e in root.iter() if e.get("id")}
    for sup in list(root.iter("sup")):
        match = _PLUGIN_MARKER.match(sup.get("id") or "")
        anchor = sup.getparent()
        if match is None or anchor is None or anchor.tag != "a" or anchor.get("href"):
            continue
        key = match.group(1)
        copy_ = by_id.get(f"footnote_plugin_tooltip_text_{key}")
        backlink = by_id.get(f"footnote_plugin_reference_{key}")
        cell = backlink.getparent() if backlink is not None else None
        row = cell.getparent() if cell is not None and cell.tag == "th" else None
        if row is not None and row.tag == "tr" and _string(row).strip() != _string(cell).strip():
            backlink.attrib.pop("id")
            cell.drop_tree()
            row.set("id", f"footnote_plugin_reference_{key}")
            anchor.set("href", f"#footnote_plugin_reference_{key}")
            if copy_ is not None and copy_.getparent() is not None:
                copy_.drop_tree()
        elif copy_ is not None and copy_.getparent() is not None:
            # The note after the marker, where the notes list below it would be.
            holder = _PARSER.makeelement("div", {"id": f"footnote_plugin_note_{key}"})
            copy_.drop_tree()
            holder.text, copy_.tail = None, None
            holder.append(copy_)
            root_body = root.find("body")
            (root_body if root_body is not None else root).append(holder)
            anchor.set("href", f"#footnote_plugin_note_{key}")


def _linked_notes(root: lxml.html.HtmlElement) -> list[RawNote]:
    """Find note references and their notes; write references as ``[label]``; detach the notes."""
    order: dict[etree._Element, int] = {}
    by_id: dict[str, etree._Element] = {}
    for index, element in enumerate(root.iter()):
        order[element] = index
        # ``id`` before ``name``, written out: a loop over the two, per element, cost more.
        value = element.get("id")
        if value and value not in by_id:
            by_id[value] = element
        value = element.get("name")
        if value and value not in by_id:
            by_id[value] = element
    refs: list[tuple[etree._Element, str, etree._Element]] = []
    backlinks = Backlinks(root, by_id)
    tooltips: list[tuple[etree._Element, RawNote]] = []
    for anchor in root.iter("a"):
        target_id = _target_id(anchor)
        if target_id is None:
            continue
        target = by_id.get(target_id)
        if target is None and _looks_like_ref(anchor):  # the notes list is gone, or its ids
            target = backlinks.note_of(anchor)
            if target is None and (title := tooltip_text(anchor)) and (label := _label(anchor)):
                tooltips.append((anchor, note_from_html(label, title)))
                continue
        # The cheap tests first: every note's backlink fails the order test.
        if target is None or order.get(target, 0) < order[anchor]:
            continue  # a backlink points back up to the reference
        if not _looks_like_ref(anchor):
            continue
        label = _label(anchor)
        if not label:
            continue
        refs.append((anchor, label, target))
    if not refs and not tooltips:
        return []
    ref_ids = _ref_ids(ref for ref, _, _ in refs)
    groups: dict[etree._Element, list[tuple[str, etree._Element]]] = {}
    for _anchor, label, target in refs:
        entries = groups.setdefault(_container(target, label), [])
        if all(seen is not target for _, seen in entries):
            entries.append((label, target))
    notes: dict[etree._Element, list[RawNote]] = {}
    for container, entries in groups.items():
        if len(entries) == 1:
            notes[container] = [_raw_note(container, entries[0][0], ref_ids)]
        else:  # several notes in one paragraph: <a name="fn1">1</a>: … <a name="fn2">2</a>: …
            notes[container] = _split_notes(container, entries, ref_ids)
    citations = _short_citations(notes, by_id)
    for anchor, label, _target in refs:
        _replace(_outermost(anchor), f"[{label}]")
    # Every note first, then each emptied list once: checking the list after each
    # removal re-read the whole list per note (quadratic in the number of notes).
    parents: dict[etree._Element, list[etree._Element]] = {}
    for container in notes:
        parents.setdefault(container.getparent(), []).append(container)
    for parent, containers in parents.items():
        if parent is not None:
            _drop_all(parent, containers)
            _drop_if_empty(parent)
    found = [note for c in sorted(notes, key=lambda c: order.get(c, 0)) for note in notes[c]]
    for anchor, note in tooltips:
        _replace(_outermost(anchor), f"[{note.label}]")
    return found + [note for _, note in tooltips] + citations


def _latexml(root: lxml.html.HtmlElement) -> list[RawNote]:
    """LaTeXML's bibliography entries and footnotes as notes, their citations as ``[label]``."""
    found = latexml_notes(root)
    if found is None:
        return []
    notes = [
        RawNote(label=label, raw=_text(content), html=_inner_html(content))
        for label, content in found.notes
    ]
    for element, text in found.markers:
        _replace(element, text)
    for holder in found.holders:
        parent = holder.getparent()
        holder.drop_tree()
        _drop_if_empty(parent)
    return notes


def _drop_all(parent: etree._Element, containers: list[etree._Element]) -> None:
    """Detach ``containers`` (children of ``parent``), their text kept as ``drop_tree`` keeps it.

    A notes list that holds nothing but the notes is emptied at once: dropping 10,000
    items one by one was a tenth of reading such a page."""
    children = list(parent)
    if (
        len(children) == len(containers)
        and set(children) == set(containers)
        and not (parent.text or "").strip()
        and all(not (child.tail or "").strip() for child in children)
    ):
        del parent[:]  # only whitespace between the items: nothing else to keep
        return
    for container in containers:
        container.drop_tree()


def _short_citations(
    notes: dict[etree._Element, list[RawNote]], by_id: dict[str, etree._Element]
) -> list[RawNote]:
    """Tie short notes (``King 2003, p. 41``) to the full citation their ``#CITEREF`` link names.

    Wikipedia's ``{{sfn}}`` notes link to the ``<cite id="CITEREFKing2003">``
    of a bibliography below the notes.  Each cited one becomes a note (its
    link text the label) and leaves the prose; the short note stands for it.
    """
    citations: dict[etree._Element, RawNote] = {}
    for container, raw_notes in notes.items():
        if len(raw_notes) != 1:
            continue
        targets = [
            (link, by_id[fragment])
            for link in container.iter("a")
            if (fragment := _fragment(link.get("href", ""))) is not None
            and fragment.startswith("CITEREF")
            and fragment in by_id
        ]
        if len({id(target) for _, target in targets}) != 1:
            continue
        link, target = targets[0]
        if target not in citations:
            label = " ".join(_string(link).split()) or target.get("id", "")[7:]
            citations[target] = RawNote(
                label=label, raw=_text(target), html=_inner_html(copy.deepcopy(target))
            )
        raw_notes[0] = attrs.evolve(raw_notes[0], repeats=citations[target].label)
    for target in citations:
        holder = target.getparent()
        if holder is not None and holder.tag == "li" and _text(holder) == _text(target):
            target = holder
        if target.getparent() is not None:
            parent = target.getparent()
            target.drop_tree()
            _drop_if_empty(parent)
    return list(citations.values())


def _split_notes(
    container: etree._Element, entries: list[tuple[str, etree._Element]], ref_ids: set[str]
) -> list[RawNote]:
    """One note per target in a container that holds several, each up to the next target."""
    children = list(container)

    def top(element: etree._Element) -> etree._Element | None:
        while element is not None and element.getparent() is not container:
            element = element.getparent()
        return element

    starts = sorted(
        ((children.index(t), label, target) for label, target in entries
         if (t := top(target)) is not None),
        key=lambda item: item[0],
    )
    notes: list[RawNote] = []
    for index, (start, label, target) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(children)
        if end <= start:
            continue
        piece = _PARSER.makeelement("div")
        for child in children[start:end]:
            piece.append(copy.deepcopy(child))
        for element in piece.iter():
            if (
                element.get("id") in (target.get("id"), None)
                and element.get("name") == target.get("name")
                and element.tag == target.tag
                and _string(element).strip() == label
            ):
                for grandchild in list(element):
                    element.remove(grandchild)
                element.text = None  # the number before the note is its label, not its text
                break
        note = _raw_note(piece, label, ref_ids)
        notes.append(attrs.evolve(note, raw=note.raw.lstrip(":.) ")))
    return notes


def _fragment(href: str) -> str | None:
    """The id a link points to on its page: ``#cite_note-2``, ``./Page#cite_note-2``, or
    ``https://en.wikipedia.org/wiki/Page#cite_note-2`` (saved and exported pages write them so).

    Whether that id is on this page is what makes it a link within the page.
    """
    _, hash_sign, fragment = href.partition("#")
    return unquote(fragment) if hash_sign and fragment else None


def _target_id(anchor: etree._Element) -> str | None:
    target = _fragment(anchor.get("href", ""))
    if target is not None:
        return target
    for attribute in ("aria-describedby", "aria-controls"):
        if anchor.get(attribute):
            return anchor.get(attribute).split()[0]
    return None


def _looks_like_ref(anchor: etree._Element) -> bool:
    classes = _classes(anchor)
    role = anchor.get("role")
    if _BACKLINK_NAMES.search(classes):
        return False
    if role == "doc-backlink":
        # Org mode's HTML export gives its references that role too; it names them footref.
        return "footref" in classes.split()
    if role == "doc-noteref" or anchor.get("rel") == "footnote":
        return True
    if _REF_NAMES.search(classes):
        return True
    parent = anchor.getparent()
    if parent is not None and (parent.tag == "sup" or _REF_NAMES.search(_classes(parent))):
        return True
    return any(child.tag == "sup" for child in anchor)


def _label(anchor: etree._Element) -> str | None:
    text = " ".join(_string(anchor).split()).strip("[]() ")
    if text in _BACKLINK_TEXT or "[" in text or "]" in text:
        return None
    declared = _declared_ref(anchor)
    # A link to the "References" section is not a note's marker; but where the markup
    # calls the link a note reference, its words are the label ("[^note]" → "[note]").
    if not declared and NOTES_HEADING.match(text):
        return None
    if len(text) > MAX_LABEL and not (declared and _LONG_LABEL.match(text)):
        return None
    return text


def _declared_ref(anchor: etree._Element) -> bool:
    """Whether the markup itself calls the link a note reference (role or footnote class)."""
    parent = anchor.getparent()
    return (
        anchor.get("role") == "doc-noteref"
        or "footnote-ref" in _classes(anchor)
        or (parent is not None and "footnote-ref" in _classes(parent))
    )


def _ref_ids(anchors) -> set[str]:
    """Ids of the references and their wrappers: links to them from a note are backlinks.

    A reference named the old way (Word's ``<a href="#_ftn1" name="_ftnref1">``) is
    linked back to by that name."""
    ids: set[str] = set()
    for anchor in anchors:
        # Each attribute read once: lxml decodes its value anew at every reading.
        if name := anchor.get("name"):
            ids.add(name)
        element = anchor
        for _ in range(3):
            if element is None:
                break
            if value := element.get("id"):
                ids.add(value)
            element = element.getparent()
    return ids


def _container(target: etree._Element, label: str) -> etree._Element:
    """The element holding the whole note, climbing from an empty or number-only anchor.

    A paragraph that holds only the number climbs too: Markdown that keeps a page's
    ``<div class="footnote"><a id="footnote-1">1</a><div>text</div></div>`` with blank
    lines between renders the number as a paragraph of its own, beside the text."""
    element = target
    while (
        element.getparent() is not None
        and element.tag in ("a", "span", "sup", "b", "i", "em", "strong", "cite", "p")
        and len(_string(element).strip()) <= len(label) + 2
    ):
        element = element.getparent()
    if element.tag == "dt":
        return _with_definition(element)
    return element


def _with_definition(term: etree._Element) -> etree._Element:
    """A ``<dt>`` note label and the ``<dd>`` after it, wrapped as one note.

    docutils' HTML5 writer (Sphinx 4) lists footnotes as ``<dl class="footnote">``:
    the id and number are the term, the note's text its definition."""
    parent = term.getparent()
    if parent.tag == "div" and [child.tag for child in parent] == ["dt", "dd"]:
        return parent  # wrapped already, for an earlier reference to the same note
    definition = term.getnext()
    if definition is None or definition.tag != "dd":
        return term
    wrapper = etree.Element("div")
    term.addprevious(wrapper)
    wrapper.append(term)  # moves the term, and its tail with it
    wrapper.append(definition)
    return wrapper


def _raw_note(container: etree._Element, label: str, ref_ids: set[str]) -> RawNote:
    content = next(
        (
            element
            for element in container.iterdescendants()
            if _CONTENT_CLASSES.intersection(element.get("class", "").split())
        ),
        container,
    )
    # Backlinks are dropped in place: the note leaves the page next (a copy per note
    # was a fifth of reading a page of 10,000 notes).
    for element in list(content.iter()):
        if element is content or not isinstance(element.tag, str):
            continue
        # The link back to the reference first: it is the one every note has.
        fragment = _fragment(element.get("href", "")) if element.tag == "a" else None
        if (
            fragment in ref_ids
            or element.get("role") == "doc-backlink"
            or _PRINTED_LABEL.intersection(element.get("class", "").split())
            or _BACKLINK_NAMES.search(_classes(element))
            or (fragment is not None and _WIKI_BACKLINK.match(fragment))
        ):
            if element.tail and _opens(content, element) and _string(element).strip() == label:
                # The number printed as the link back, then its ". " (Asciidoctor).
                element.tail = _LABEL_SEPARATOR.sub("", element.tail, count=1)
            element.drop_tree()
    return RawNote(label=label, raw=_text(content), html=_inner_html(content))


_LABEL_SEPARATOR = re.compile(r"^\s*[.:)]\s*")


def _opens(content: etree._Element, element: etree._Element) -> bool:
    """Whether ``element`` is the first thing in ``content``: no text or tag before it."""
    return element.getparent() is content and content.index(element) == 0 and not (
        content.text or ""
    ).strip()


def _inner_html(element: etree._Element) -> str:
    text = element.text or ""
    if "&" in text or "<" in text or ">" in text:
        text = html_lib.escape(text, quote=False)
    if not len(element):  # a note whose backlink was its only markup: its text is all
        return text.strip()
    parts = [text]
    parts.extend(
        etree.tostring(child, encoding="unicode", method="html", with_tail=True)
        for child in element
    )
    return "".join(parts).strip()


def _outermost(anchor: etree._Element) -> etree._Element:
    element = anchor
    text: str | None = None  # the anchor's text, written out only if a wrapper needs it
    while True:
        parent = element.getparent()
        if parent is None or parent.tag not in ("sup", "span", "small"):
            return element
        # A wrapper holding only the element (and white space) has its text: no need
        # to write the wrapper's text out to compare.
        alone = len(parent) == 1 and not (parent.text or "").strip()
        if not (alone and not (element.tail or "").strip()):
            if text is None:
                text = _string(anchor).strip()
            # Asciidoctor prints the brackets outside the link: <sup>[<a>1</a>]</sup>.
            if _string(parent).strip() not in (text, f"[{text}]"):
                return element
        element = parent


def _replace(element: etree._Element, text: str) -> None:
    element.tail = text + (element.tail or "")
    element.drop_tree()


def _drop_if_empty(element: etree._Element | None) -> None:
    """Remove note lists and sections left empty once their notes are detached."""
    while element is not None and element.getparent() is not None:
        if element.tag in ("body", "article", "main"):
            return
        if _string(element).strip():
            return
        parent = element.getparent()
        element.drop_tree()
        element = parent


# --- the prose ------------------------------------------------------------------------------


def _content_root(root: lxml.html.HtmlElement) -> etree._Element:
    articles = list(root.iter("article"))  # as "//article", without XPath's walk of the page
    if len(articles) == 1:
        return articles[0]  # no need to weigh the whole article's text against nothing
    if articles:
        return max(articles, key=lambda a: len(_string(a)))
    for xpath in (
        "//*[@id='mw-content-text']",  # MediaWiki: inside <main>, without its tabs and tools
        "//main",
        "//*[@role='main']",
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]",
        "//body",
    ):
        found = root.xpath(xpath)
        if found:
            return found[0]
    return root


def _drop_chrome(content: etree._Element) -> None:
    doomed = [
        element
        for element in content.iterdescendants()
        if isinstance(element.tag, str)
        and (
            element.tag in _CHROME_TAGS
            or element.get("hidden") is not None
            # Most elements have neither class nor id: no word of furniture to search.
            or ((names := _classes(element)) != " " and _CHROME_NAMES.search(names))
        )
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _mark_bare_superscripts(
    content: etree._Element, labels: frozenset[str] | None = None
) -> bool:
    """Write ``<sup>3</sup>`` as ``[3]`` (only for ``labels``, when given); whether any was."""
    found = False
    for sup in list(content.iter("sup")):
        match = _SUP_LABEL.match(_string(sup).strip())
        if match and (labels is None or match.group(1) in labels):
            _replace(sup, f"[{match.group(1)}]")
            found = True
    return found


def _drop_backlinks(content: etree._Element) -> None:
    """Drop the notes' ``↩`` links back to the text, which are no part of a note.

    Where the notes could not be tied to their markers by id (a feed reader stripped
    the ids), the notes list is read from the page's text, back-links and all.  A link to
    MediaWiki's ``#cite_ref-…`` is one whatever it shows (``^``, ``a``, ``Jump up to: a``):
    converted pages keep it, absolute, with no class."""
    for anchor in list(content.iter("a")):
        if _WIKI_BACKLINK.match(_fragment(anchor.get("href", "")) or ""):
            _replace(anchor, " ^ ")  # the caret a reader sees there: the notes list reads it
            continue
        marked = anchor.get("role") == "doc-backlink" or _BACKLINK_NAMES.search(_classes(anchor))
        if marked and " ".join(_string(anchor).split()) in _BACKLINK_TEXT:
            _replace(anchor, "")


def _blocks(content: etree._Element, *, with_html: bool = True) -> list[Block]:
    """The page's paragraphs, list items and headings; each one's markup too when
    ``with_html`` (rendering 10,000 paragraphs no one reads was a tenth of a page)."""
    blocks: list[Block] = []
    buffer: list[str] = []

    def flush() -> None:
        text = _tidy("".join(buffer))
        buffer.clear()
        if text:
            blocks.append(Block(text))

    def has_block(element: etree._Element) -> bool:
        # A loop, each tag read once: lxml writes a tag's string out at every reading.
        for descendant in element.iterdescendants():
            tag = descendant.tag
            if isinstance(tag, str) and tag in _BLOCK_TAGS:
                return True
        return False

    def walk(element: etree._Element) -> None:
        if element.text:
            buffer.append(element.text)
        for child in element:
            tag = child.tag
            if isinstance(tag, str):
                block = tag in _BLOCK_TAGS
                if block or has_block(child):
                    flush()
                    if block and not has_block(child):
                        text = _tidy(_string(child))
                        if text:
                            blocks.append(
                                Block(text, _inner_html(child) if with_html else None,
                                      tag, _item_number(child))
                            )
                    else:
                        first = len(blocks)
                        walk(child)
                        flush()
                        number = _item_number(child)
                        if number is not None and len(blocks) > first:
                            # "<li><p>Note</p><p>More</p></li>": the item's number is its
                            # first paragraph's, as a browser prints it beside that
                            # paragraph, and the paragraphs after it go on with the item.
                            blocks[first] = attrs.evolve(blocks[first], tag="li", label=number)
                            for index in range(first + 1, len(blocks)):
                                blocks[index] = attrs.evolve(blocks[index], continues=True)
                else:
                    buffer.append(_string(child))
            if child.tail:
                buffer.append(child.tail)

    walk(content)
    flush()
    return [line for block in blocks for line in _lines(block)]


def _lines(block: Block) -> list[Block]:
    """A block cut at its ``<br>`` lines: a notes list is often one paragraph of lines."""
    if "\n" not in block.text:
        return [block]
    texts = block.text.split("\n")
    htmls: list[str | None] = [
        piece
        for piece in block.html.split(_LINE_BREAK)
        if _tidy(_string(_fragment_root(piece)))
    ] if block.html is not None else []
    if len(htmls) != len(texts):  # lines and markup do not line up: keep the text only
        htmls = [None] * len(texts)
    return [
        Block(text, html, block.tag, block.label if index == 0 else None,
              block.continues or (index > 0 and block.label is not None))
        for index, (text, html) in enumerate(zip(texts, htmls, strict=True))
    ]


def _item_number(element: etree._Element) -> str | None:
    """The number a browser shows for an ``<li>`` of an ``<ol>``."""
    parent = element.getparent()
    if element.tag != "li" or parent is None or parent.tag != "ol":
        return None
    try:
        start = int(parent.get("start", "1"))
    except ValueError:
        start = 1
    preceding = sum(1 for sibling in element.itersiblings(preceding=True) if sibling.tag == "li")
    return str(start + preceding)


def _tidy(text: str) -> str:
    if _LINE_BREAK not in text:  # most blocks: one line, no generators to set up
        return " ".join(text.split())
    lines = (" ".join(line.split()) for line in text.split(_LINE_BREAK))
    return "\n".join(line for line in lines if line)


def _without_empty_notes_headings(blocks: list[Block]) -> list[Block]:
    """Drop a *Notes*/*References* heading whose list was detached."""
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            NOTES_HEADING.match(block.text)
            and (block.is_heading or len(block.text) < 30)
            and (following is None or following.is_heading)
        ):
            continue
        kept.append(block)
    return kept
