"""MediaWiki wikitext: ``<ref>`` notes, ``{{cite …}}`` templates, named refs and ``{{sfn}}``.

mwparserfromhell parses the page; this module renders it as a reader sees
the rendered page.  Notes are numbered as MediaWiki numbers them: in order of
first use, a named ref reused (``<ref name="x" />``, the wiki's Ibid.) taking
the number it already has, so each sentence that reuses it cites that note.
Refs in a group get the group's own numbers (``{{efn}}`` → ``a``, ``b``).
``{{cite web|news|book|journal…}}`` is written out in CS1's order
(authors, date, "title", website, publisher, URL, archive, access date,
quote), with the URL in the text and in a link around the title in the
note's HTML.  ``{{sfn|King|2003|p=41}}`` is a note of its own
(``King 2003, p. 41.``) that stands for the full citation it names: the
bibliography's ``{{cite …|last=King|year=2003}}``, which becomes a note too.
"""

from __future__ import annotations

import contextlib
import html as html_lib
import re
import threading
from collections import Counter
from urllib.parse import urlsplit

import attrs

from citeaudit.read.citation import Citation, render
from citeaudit.read.interface import Document, RawNote, Reader
from citeaudit.read.wikicites import BOOKS, CITATIONS, cs1_name, is_citation
from citeaudit.read.wikicut import CutRef, cut_refs
from citeaudit.read.wikiopen import close_off, restored

_SFN = frozenset({"sfn", "sfnp", "sfnm", "harvnb", "harv", "harvp", "harvtxt", "sfnref"})
_EFN = frozenset({"efn", "efn-la", "efn-lr", "efn-ua", "efn-ur", "notetag", "refn"})
_NAMED_REF = frozenset({"r"})
_SKIP_LINK_PREFIXES = re.compile(r"^\s*:?\s*(?:file|image|category|media|datei|bild|kategorie)\s*:"
                                 r"|^\s*[a-z]{2,3}(?:-[a-z]+)?\s*:", re.I)
_END_SECTIONS = re.compile(
    r"^\s*(?:references|notes|sources|bibliography|external\s+links|see\s+also|further\s+reading"
    r"|works\s+cited|citations|footnotes|notes\s+and\s+references|einzelnachweise|literatur"
    r"|weblinks|références|notes\s+et\s+références|kaynakça|примечания|литература|ссылки)\s*$",
    re.I,
)
_SKIP_TAGS = frozenset({
    "table", "gallery", "math", "score", "timeline", "imagemap", "syntaxhighlight", "source",
    "templatedata", "graph", "mapframe", "ref", "references",
})
_GROUP_STYLES = {
    "lower-alpha": "abcdefghijklmnopqrstuvwxyz", "upper-alpha": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
}
_EFN_GROUP = "lower-alpha"


@attrs.define
class _Ref:
    label: str
    raw: str = ""
    html: str = ""
    repeats: str | None = None


class _State:
    """Notes as they are met while the page is rendered."""

    def __init__(self) -> None:
        self.refs: dict[tuple[str, str], _Ref] = {}
        self.order: list[_Ref] = []
        self.counts: dict[str, int] = {}
        self.anchors: dict[str, _Ref] = {}
        """Full citations by their CITEREF anchor (``King2003``)."""
        self.short: list[tuple[_Ref, str]] = []
        """Short references and the anchor they point to."""
        self.markers: list[tuple[str, int]] = []
        """The body's markers as rendered: label and where the ref starts in the source."""

    def label(self, group: str) -> str:
        count = self.counts.get(group, 0) + 1
        self.counts[group] = count
        letters = _GROUP_STYLES.get(group)
        if letters is not None:
            return _letters(count, letters)
        return f"{group} {count}" if group else str(count)

    def ref(self, group: str, name: str | None) -> _Ref:
        key = (group, name) if name else None
        if key is not None and key in self.refs:
            return self.refs[key]
        ref = _Ref(self.label(group))
        self.order.append(ref)
        if key is not None:
            self.refs[key] = ref
        return ref


def _letters(count: int, letters: str) -> str:
    out = ""
    while count > 0:
        count, rest = divmod(count - 1, len(letters))
        out = letters[rest] + out
    return out


class WikitextReader(Reader):
    """Reads MediaWiki wikitext (a page's source, as ``action=raw`` or the edit box gives it)."""

    format = "wikitext"
    extensions = (".wiki", ".wikitext", ".mediawiki")

    def read(self, text: str) -> Document:
        """The article in ``text`` (wikitext)."""
        import mwparserfromhell  # imported here: only wikitext articles need it

        # Openers nothing closes are plain text first: left in, mwparserfromhell tries each
        # to the end of the page (time growing with the square of the page's length).
        closed = close_off(text)
        with _reading():
            if closed is None:
                return self._read(text, mwparserfromhell)
            return restored(self._read(closed, mwparserfromhell))

    def _read(self, text: str, mwparserfromhell) -> Document:
        state = _State()
        # One parser for the page and each ref's content: a parser per call was a fifth of
        # the time cut refs took.
        page = cut_refs(text, mwparserfromhell.parser.Parser().parse)
        if page is None:
            code = mwparserfromhell.parse(text)
            rendered = _Renderer(state, text, _offsets(code)).body(code.nodes)
        else:
            offsets = {key: (page.source_place(at), written)
                       for key, (at, written) in _offsets(page.code).items()}
            offsets.update((id(node), (node.start, node.text))
                           for node in page.nodes if type(node) is CutRef)
            rendered = _Renderer(state, text, offsets).body(page.nodes)
        for ref, anchor in state.short:
            target = state.anchors.get(anchor)
            if target is not None:
                ref.repeats = target.label
        notes = [
            RawNote(label=r.label, raw=" ".join(r.raw.split()), html=r.html.strip() or None,
                    repeats=r.repeats)
            for r in state.order
            if r.raw.strip()
        ]
        cited = {r.label for r in state.order} | {n.repeats for n in notes if n.repeats}
        notes += [
            RawNote(label=r.label, raw=" ".join(r.raw.split()), html=r.html.strip() or None)
            for r in state.anchors.values()
            if r.label in cited and r not in state.order
        ]
        # A single line break does not end a MediaWiki paragraph; a blank line (or a list
        # item, a heading: rendered with one of their own) does.
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", rendered)]
        title = None
        display = re.search(r"\{\{\s*(?:DISPLAYTITLE|displaytitle)\s*:\s*([^}]+)\}\}", text)
        if display:
            title = display.group(1).strip()
        body = "\n\n".join(p for p in paragraphs if p)
        markers = tuple(state.markers)
        if _written_markers(body, Counter(lab for lab, _ in markers)):
            markers = ()  # a "[1]" written in the prose: which is which is not known
        return Document(body=body, notes=tuple(notes), title=title, markers=markers)


def _written_markers(body: str, rendered: Counter[str]) -> bool:
    """Whether ``body`` holds a ``[label]`` the renderer did not write (one in the prose).

    One scan of the body's bracketed words rather than a scan of the body per label: a
    label without brackets is found once at each ``[`` that opens it, as ``str.count``
    finds it.  A label with brackets in it (rare) is still counted on its own."""
    plain = [label for label in rendered if "[" not in label and "]" not in label]
    longest = max((len(label) for label in plain), default=0)
    written = Counter(m.group(1) for m in re.finditer(rf"\[([^\[\]]{{0,{longest}}})\]", body))
    return any(written[label] != rendered[label] for label in plain) or any(
        body.count(f"[{label}]") != count
        for label, count in rendered.items()
        if "[" in label or "]" in label
    )


def _offsets(code) -> dict[int, tuple[int, str]]:
    """Where each node of ``code`` starts in the text parsed, and its text, by ``id``.

    mwparserfromhell gives back exactly the text it parsed, and a node's
    children (tag name, attributes, contents; template name, parameters) come
    in the order they are written, so each is found in its node's text after
    the one before it.

    Only markers read these places, and a marker is a ``<ref>`` or a template: a
    child with neither ``<`` nor ``{`` in its text holds none, and what is inside a
    ``<ref>`` is a note's text, whose markers are not the body's.  Those are not
    walked (walking every node of 10,000 refs was a quarter of reading them).
    """
    found: dict[int, tuple[int, str]] = {}
    stack = [(code, 0)]
    while stack:
        wikicode, at = stack.pop()
        for node in wikicode.nodes:
            text = str(node)
            found[id(node)] = (at, text)  # the text kept: a marker checks it, once per ref
            if ("<" in text or "{" in text) and not _is_ref(node):
                cursor = 0
                for child in node.__children__():
                    piece = str(child)
                    inner = text.find(piece, cursor)
                    if inner < 0:
                        break
                    if "<" in piece or "{" in piece:
                        stack.append((child, at + inner))
                    cursor = inner + len(piece)
            at += len(text)
    return found


def _is_ref(node) -> bool:
    return type(node).__name__ == "Tag" and str(node.tag).strip().lower() == "ref"


class _Renderer:
    def __init__(
        self, state: _State, source: str = "", offsets: dict[int, tuple[int, str]] | None = None
    ) -> None:
        self.state = state
        self.source = source
        self.offsets = offsets or {}
        self.quiet = 0
        """Above 0 while rendering what does not go into the body (a note, a bibliography)."""

    def marker(self, node, label: str) -> str:
        """``[label]``, the marker of the ref ``node``, noted with its place in the source."""
        place = self.offsets.get(id(node))
        if not self.quiet and place is not None and self.source.startswith(place[1], place[0]):
            self.state.markers.append((label, place[0]))
        return f"[{label}]"

    # --- the prose --------------------------------------------------------------------------

    def body(self, nodes) -> str:
        out: list[str] = []
        skipping = False
        for node in nodes:
            kind = type(node).__name__
            if kind == "Heading":
                title = self.plain(node.title.nodes)
                skipping = bool(_END_SECTIONS.match(title))
                if not skipping:
                    out.append(f"\n{title}\n")
                continue
            if skipping:
                self.collect(node)  # bibliographies and list-defined refs live here
                continue
            out.append(self.prose(node))
        return "".join(out)

    def prose(self, node) -> str:
        kind = type(node).__name__
        if kind == "Text":
            return str(node.value)
        if kind == "Tag":
            tag = str(node.tag).strip().lower()
            if tag == "ref":
                return self.ref_tag(node)
            if tag == "references":
                self.collect(node)
                return ""
            if tag in _SKIP_TAGS:
                return ""
            if tag in ("br", "hr"):
                return " "
            if node.wiki_markup in ("*", "#", ";", ":"):
                return "\n"
            return self.body(node.contents.nodes) if node.contents is not None else ""
        if kind == "Template":
            return self.template(node)
        if kind == "CutRef":
            return self.ref_tag(node)
        if kind == "Wikilink":
            return self.wikilink(node)
        if kind == "ExternalLink":
            return self.plain(node.title.nodes) if node.title is not None else ""
        if kind in ("HTMLEntity",):
            return node.normalize()
        return ""  # comments, arguments

    def ref_tag(self, node) -> str:
        group = _attr(node, "group")
        name = _attr(node, "name")
        ref = self.state.ref(group, name)
        if node.contents is not None and not ref.raw and _has_text(node.contents.nodes):
            self.fill(ref, node.contents.nodes)
        return self.marker(node, ref.label)

    def template(self, node) -> str:
        name = _name(node)
        if name in _SFN:
            return self.short_ref(node) if name != "harvtxt" else self.harv_text(node)
        if name in _EFN:
            group = _param(node, "group") or _EFN_GROUP
            ref = self.state.ref(group, _param(node, "name") or None)
            content = node.get("1").value if node.has("1") else None
            if content is not None and not ref.raw:
                self.fill(ref, content.nodes)
            return self.marker(node, ref.label)
        if name in _NAMED_REF:
            labels = []
            for param in node.params:
                if not param.showkey:
                    ref = self.state.ref("", str(param.value).strip())
                    labels.append(self.marker(node, ref.label))
            return "".join(labels)
        if is_citation(name):
            self.bibliography_entry(node)
        if name in ("reflist", "references", "notelist", "notes"):
            self.collect(node)  # list-defined refs: {{reflist|refs=<ref name="a">…</ref>}}
            return ""
        if name in ("nowrap", "nobr", "small", "big", "em", "strong") and node.has("1"):
            return self.plain(node.get("1").value.nodes)
        if name in ("convert", "cvt") and node.has("1"):
            unit = str(node.get("2").value).strip() if node.has("2") else ""
            return f"{str(node.get('1').value).strip()} {unit}".strip()
        if name in ("lang", "transl") and node.has("2"):
            return self.plain(node.get("2").value.nodes)
        self.refs_within(node)
        return ""

    def refs_within(self, node) -> None:
        """The refs in the parameters of a template whose text is not prose (an infobox).

        The rendered page shows the box and numbers its refs where they stand, before the
        lead's, so they are notes in that order; their markers stand in no sentence of the
        body, so none is noted (and the box's text is left out)."""
        if not any("<" in str(p.value) or "{" in str(p.value) for p in node.params):
            return
        self.quiet += 1
        for param in node.params:
            self.body(param.value.nodes)
        self.quiet -= 1

    def wikilink(self, node) -> str:
        target = str(node.title)
        if _SKIP_LINK_PREFIXES.match(target):
            return ""
        if node.text is not None:
            return self.plain(node.text.nodes)
        return target.split("#")[0].strip() or target.strip("#")

    def plain(self, nodes) -> str:
        return " ".join(self.body(nodes).split())

    # --- notes ------------------------------------------------------------------------------

    def collect(self, node) -> None:
        """Definitions met outside the prose: list-defined refs, bibliography citations."""
        kind = type(node).__name__
        if kind == "CutRef":
            self.defined_ref(node)
        elif kind == "Tag":
            tag = str(node.tag).strip().lower()
            if tag == "ref":
                self.defined_ref(node)
                return
            if node.contents is not None:
                for child in node.contents.nodes:
                    self.collect(child)
        elif kind == "Template":
            name = _name(node)
            if is_citation(name):
                self.bibliography_entry(node)
            else:
                for param in node.params:
                    for child in param.value.nodes:
                        self.collect(child)

    def defined_ref(self, node) -> None:
        """A ref met outside the prose: the text of the named ref it defines, if any."""
        name = _attr(node, "name")
        group = _attr(node, "group")
        key = (group, name)
        if name and key in self.state.refs and node.contents is not None:
            ref = self.state.refs[key]
            if not ref.raw:
                self.fill(ref, node.contents.nodes)

    def bibliography_entry(self, node) -> None:
        """A full citation an ``{{sfn}}`` may point to, under its CITEREF anchor."""
        anchor = _citeref(node)
        if anchor and anchor not in self.state.anchors:
            self.quiet += 1
            raw, html = _cite(node, self)
            self.quiet -= 1
            names = [_param(node, k) for k in ("last", "last1", "author", "surname")]
            year = _param(node, "year") or _year(_param(node, "date"))
            label = " ".join(x for x in (next((n for n in names if n), ""), year) if x)
            self.state.anchors[anchor] = _Ref(label or anchor, raw, html)

    def fill(self, ref: _Ref, nodes) -> None:
        texts: list[str] = []
        htmls: list[str] = []
        self.quiet += 1  # a ref inside a note is no marker of the body
        for node in nodes:
            text, html = self.note_piece(node, ref)
            texts.append(text)
            htmls.append(html)
        self.quiet -= 1
        ref.raw = " ".join("".join(texts).split())
        ref.html = "".join(htmls)

    def note_piece(self, node, ref: _Ref) -> tuple[str, str]:
        kind = type(node).__name__
        if kind == "Template":
            name = _name(node)
            if is_citation(name):
                return _cite(node, self)
            if name in _SFN:
                text = _short_text(node)
                self.state.short.append((ref, _short_anchor(node)))
                return text, html_lib.escape(text, quote=False)
            return "", ""
        if kind == "ExternalLink":
            url = str(node.url).strip()
            title = self.plain(node.title.nodes) if node.title is not None else ""
            text = f"{title} {url}".strip()
            shown = html_lib.escape(title or url, quote=False)
            return f" {text} ", f' <a href="{html_lib.escape(url)}">{shown}</a> '
        if kind == "Tag" and node.wiki_markup == "''" and node.contents is not None:
            text = self.plain(node.contents.nodes)
            return text, f"<i>{html_lib.escape(text, quote=False)}</i>"
        text = self.prose(node) if kind != "Tag" or str(node.tag).lower() != "ref" else ""
        return text, html_lib.escape(text, quote=False)

    def short_ref(self, node) -> str:
        """An ``{{sfn}}``: a note of its own, numbered like a ref named by its text."""
        text = _short_text(node)
        ref = self.state.ref("", "sfn:" + text)
        if not ref.raw:
            ref.raw = text
            ref.html = html_lib.escape(text, quote=False)
            self.state.short.append((ref, _short_anchor(node)))
        return self.marker(node, ref.label)

    def harv_text(self, node) -> str:
        names = _positional(node)
        return " ".join(names)


def _attr(tag, name: str) -> str:
    for attribute in tag.attributes:
        if str(attribute.name).strip().lower() == name:
            return str(attribute.value).strip() if attribute.value is not None else ""
    return ""


def _has_text(nodes) -> bool:
    """Whether the nodes write anything but white space: ``str(wikicode).strip()``, each
    node written out only until one shows text (the whole ref, links and all, was
    written out once per ref just to see it was not empty)."""
    return any(str(node).strip() for node in nodes)


def _name(template) -> str:
    return " ".join(str(template.name).replace("_", " ").split()).lower()


_READING = threading.local()
"""The parameters of each template met, by ``id``, while a page is read (``_reading``)."""


@contextlib.contextmanager
def _reading():
    """Parameters looked up once per template while a page is read: a ``{{cite …}}`` asks
    for some forty names, and scanning its parameters for each was half of the reading.
    The page's templates live (and do not change) until the reading ends."""
    _READING.params = {}
    try:
        yield
    finally:
        del _READING.params


def _param(template, name: str) -> str:
    cache = getattr(_READING, "params", None)
    if cache is None:
        return _param_value(template, name)
    values = cache.get(id(template))
    if values is None:
        values = cache[id(template)] = _named(template)
    value = values.get(name, "")
    if not isinstance(value, str):
        value = values[name] = " ".join(str(value.value.strip_code()).split())
    return value


def _param_value(template, name: str) -> str:
    param = _named(template).get(name)
    return " ".join(str(param.value.strip_code()).split()) if param is not None else ""


def _called(param, name: str, local: bool) -> bool:
    """Whether ``param`` is ``name`` (lower case), or stands for it in a local citation."""
    own = str(param.name).strip().lower()
    return own == name or (local and cs1_name(own) == name)


def _named(template) -> dict:
    """A template's parameters by name (lower case; the first of a name wins).  A citation
    of another language's Wikipedia (``{{Lien web|titre=…}}``) has each also under the CS1
    name it stands for (``title``), unless it gives that name itself."""
    values: dict = {}
    local = _name(template) in CITATIONS
    for param in template.params:
        name = str(param.name).strip().lower()
        values.setdefault(name, param)
        if local and (cs1 := cs1_name(name)) is not None:
            values.setdefault(cs1, param)
    return values


def _raw_param(template, name: str) -> str:
    for param in template.params:
        if str(param.name).strip().lower() == name:
            return str(param.value).strip()
    return ""


def cited_url(value) -> str:
    """Where a citation's ``url=`` (its parsed value) links: comments and markup dropped,
    entities decoded (``&amp;`` is ``&``), as the page's link has it.

    The address ends at its first white space (``url=http://x.org/ x.org``): the template
    writes the link as ``[url title]``, and MediaWiki's link ends its address there, the
    rest being words shown.  ``citeaudit.fix`` matches templates to checked links by this,
    so both agree.
    """
    url = html_lib.unescape(str(value.strip_code()).strip() or str(value).strip())
    return url.split(None, 1)[0] if url else url


def _positional(template) -> list[str]:
    return [" ".join(str(p.value.strip_code()).split()) for p in template.params if not p.showkey]


def _year(date: str) -> str:
    match = re.search(r"\b(1\d{3}|20\d{2})[a-z]?\b", date)
    return match.group(0) if match else ""


def _short_parts(template) -> list[tuple[list[str], str, str]]:
    """(surnames, year, locator) of each source a short reference names.

    ``{{sfn|King|Lee|2003|p=41}}`` names one; ``{{sfnm|1a1=King|1y=2003|1p=41|2a1=Lee|2y=1999}}``
    names several, numbered.
    """
    if _name(template) != "sfnm":
        parts = _positional(template)
        return [(parts[:-1], parts[-1] if parts else "", _locator(template, ""))]
    sources = []
    for number in range(1, 10):
        names = [_param(template, f"{number}a{i}") for i in range(1, 5)]
        names = [n for n in names if n]
        year = _param(template, f"{number}y")
        if not names and not year:
            break
        sources.append((names, year, _locator(template, str(number))))
    return sources


def _locator(template, prefix: str) -> str:
    page = _param(template, f"{prefix}p") or _param(template, f"{prefix}page")
    pages = _param(template, f"{prefix}pp") or _param(template, f"{prefix}pages")
    loc = _param(template, f"{prefix}loc")
    out = f"p. {page}" if page else f"pp. {pages}" if pages else ""
    return ", ".join(x for x in (out, loc) if x)


def _short_text(template) -> str:
    """``{{sfn|King|Lee|2003|p=41}}`` → ``King & Lee 2003, p. 41.`` as MediaWiki renders it."""
    rendered = []
    for names, year, locator in _short_parts(template):
        if len(names) == 2:
            who = f"{names[0]} & {names[1]}"
        elif len(names) > 2:
            who = f"{names[0]} et al."
        else:
            who = names[0] if names else ""
        rendered.append(", ".join(x for x in (f"{who} {year}".strip(), locator) if x))
    return "; ".join(rendered) + "."


def _short_anchor(template) -> str:
    """The CITEREF anchor of the first source a short reference names (``King2003``)."""
    parts = _short_parts(template)
    if not parts:
        return ""
    names, year, _ = parts[0]
    return "".join(n.replace(" ", "") for n in names) + year.replace(" ", "")


def _citeref(template) -> str:
    """The anchor CS1 gives a citation: ``CITEREF`` + surnames (up to four) + year."""
    explicit = _param(template, "ref")
    if explicit and explicit.lower() not in ("harv", "none"):
        match = re.match(r"\{\{\s*(?:sfnref|harvid)\s*\|(.*)\}\}", _raw_param(template, "ref"))
        if match:
            return "".join(p.strip().replace(" ", "") for p in match.group(1).split("|"))
        return explicit.replace(" ", "")
    names = []
    for index in range(1, 5):
        keys = (("last", "surname", "author") if index == 1 else ()) + (
            f"last{index}", f"surname{index}", f"author{index}")
        name = next((_param(template, k) for k in keys if _param(template, k)), "")
        if not name:
            break
        names.append(name.replace(" ", ""))
    year = _param(template, "year") or _year(_param(template, "date"))
    return "".join(names) + year if names and year else ""


def _authors(template) -> tuple[str, ...]:
    names: list[str] = []
    for index in range(1, 10):
        keys = ("", "1") if index == 1 else (str(index),)
        last = next((_param(template, f"{k}{n}") for n in keys for k in ("last", "surname")
                     if _param(template, f"{k}{n}")), "")
        first = next((_param(template, f"{k}{n}") for n in keys for k in ("first", "given")
                      if _param(template, f"{k}{n}")), "")
        author = next((_param(template, f"author{n}") for n in keys
                       if _param(template, f"author{n}")), "")
        if last:
            names.append(f"{last}, {first}" if first else last)
        elif author:
            names.append(author)
        elif index > 1:
            break
    if not names and _param(template, "authors"):
        names.append(_param(template, "authors"))
    return tuple(names)


_CONTAINERS = ("website", "work", "newspaper", "magazine", "journal", "periodical",
               "encyclopedia", "series")
_IDENTIFIERS = (("doi", "doi:"), ("isbn", "ISBN "), ("pmid", "PMID "), ("arxiv", "arXiv:"))


_HOME_PAGE = re.compile(r"^(?:https?:)?//([^/\s?#]+)/?$", re.I)


def _site_name(value: str, url: str) -> str:
    """A website or publisher given as the address of the cited page's own site
    (``site=https://www.freebsd.org/`` beside ``url=https://www.freebsd.org/releases/…``)
    is that site's name: written as its host, it is no second source the note cites."""
    home = _HOME_PAGE.match(value)
    if home and url and urlsplit(url).hostname == urlsplit("//" + home.group(1)).hostname:
        return home.group(1)
    return value


def _cite(template, renderer: _Renderer) -> tuple[str, str]:
    """A ``{{cite …}}`` written out as CS1 prints it: (text, HTML)."""

    def get(*keys: str) -> str:
        return next((_param(template, k) for k in keys if _param(template, k)), "")

    local = _name(template) in CITATIONS

    def link(*keys: str) -> str:
        return next((cited_url(p.value) for k in keys for p in template.params
                     if _called(p, k, local) and str(p.value).strip()), "")

    url = link("url", "chapter-url")
    container = _site_name(get(*_CONTAINERS), url)
    citation = Citation(
        authors=_authors(template),
        date=get("date", "year"),
        title=get("title", "chapter", "script-title", "trans-title"),
        container=container,
        publisher=_site_name(get("publisher", "agency", "institution"), url),
        location=get("location", "place"),
        volume=get("volume"),
        issue=get("issue", "number"),
        pages=get("page", "pages", "at"),
        url=url,
        archive_url=link("archive-url", "archiveurl"),
        archive_date=get("archive-date", "archivedate"),
        dead=get("url-status", "dead-url").lower() in ("dead", "yes", "usurped", "unfit"),
        accessed=get("access-date", "accessdate"),
        identifiers=tuple((prefix, get(key)) for key, prefix in _IDENTIFIERS if get(key)),
        quote=get("quote"),
        book=_name(template) in ("cite book", "citation", *BOOKS) and not container,
    )
    text, html = render(citation)
    if not text and template.params:
        text = renderer.plain(template.params[0].value.nodes)
        html = html_lib.escape(text, quote=False)
    return text, html
