"""Word documents (``.docx``): body, footnotes and endnotes, as Word and Google Docs save them.

python-docx opens the package (and finds the parts and their links);
the footnotes and endnotes parts it does not model are read with lxml.  A
``<w:footnoteReference w:id="2"/>`` in a run becomes the note's label in
brackets where it stands, so the sentence it ends cites that note.  Footnotes
are numbered in the order they are first referenced, as Word prints them;
endnotes in Word's default lower-case Roman numerals (``i``, ``ii``) unless
the document chooses another format.  A custom mark (``*``, ``†``) is kept as
the label.  Hyperlinks keep their targets in the note's HTML, italics become
``<i>``, so a note's URL and title survive even when the text shows neither.
A document without Word notes falls back to a typed notes list at the end
(``[1] …`` paragraphs, or a numbered list under *References*).
"""

from __future__ import annotations

import html as html_lib
import io
import zipfile
import zlib

import attrs
from lxml import etree

from citeaudit.errors import InputError
from citeaudit.read.endnotes import Block, split_endnotes
from citeaudit.read.interface import BinaryReader, Document, RawNote

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = {"w": _W, "r": _R}
_NOTE_KINDS = {"footnoteReference": "footnotes", "endnoteReference": "endnotes"}
_HEADING_STYLES = ("heading", "title", "überschrift", "titre", "заголовок", "başlık")


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


_DEL, _MOVE_FROM, _HYPERLINK = _w("del"), _w("moveFrom"), _w("hyperlink")
_RID = f"{{{_R}}}id"
# Tags compared as strings in the run loop: asking lxml for each child's local name
# (``QName``) was a large part of reading a long document.
_T, _R_TAG, _FLD_SIMPLE, _INSTR_TEXT, _FLD_CHAR = (
    _w("t"), _w("r"), _w("fldSimple"), _w("instrText"), _w("fldChar")
)
_RPR, _I, _VAL, _ID = _w("rPr"), _w("i"), _w("val"), _w("id")
_FLD_CHAR_TYPE = _w("fldCharType")
_PPR, _PSTYLE = _w("pPr"), _w("pStyle")
_SPACE_TAGS = frozenset({_w("tab"), _w("br"), _w("cr")})
_NO_BREAK_HYPHEN = _w("noBreakHyphen")
_NOTE_REFERENCES = {_w(local): kind for local, kind in _NOTE_KINDS.items()}
_CUSTOM_MARK = _w("customMarkFollows")
_P, _TXBX_CONTENT, _INSTR, _TYPE = _w("p"), _w("txbxContent"), _w("instr"), _w("type")
_NOTE_TAGS = {"footnotes": _w("footnote"), "endnotes": _w("endnote")}
_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")
_NOTE_FORMATS = {"footnotes": "decimal", "endnotes": "decimal"}
"""A note's own paragraphs cite no notes: their references (if any) are numbered plainly."""


@attrs.frozen
class _Piece:
    """A paragraph's text (note references written ``[label]``) and its HTML."""

    text: str
    html: str


class DocxReader(BinaryReader):
    """Reads Word documents (``.docx``), including Google Docs exports."""

    format = "docx"
    extensions = (".docx",)

    def read_bytes(self, data: bytes) -> Document:
        """The article in a ``.docx`` file's bytes."""
        import docx  # python-docx: imported here, as only Word documents need it

        _check_sizes(data)
        try:
            document = docx.Document(io.BytesIO(data))
        except (ValueError, KeyError, etree.XMLSyntaxError, *_DAMAGED_ZIP) as exc:
            raise InputError(f"cannot read the Word document: {exc}") from None
        links = _hyperlinks(document.part)
        parts = {"footnotes": None, "endnotes": None}
        for rel in document.part.rels.values():
            kind = rel.reltype.rsplit("/", 1)[-1]
            if kind in parts and not rel.is_external:
                parts[kind] = rel.target_part
        formats = _number_formats(document)

        labels: dict[tuple[str, str], str] = {}
        counters = {"footnotes": 0, "endnotes": 0}
        title: str | None = None
        blocks: list[Block] = []
        kept: list[etree._Element] = []
        # The body's markup is read only if its notes turn out to be a list in the body
        # (below): with footnotes or endnotes, only its text is needed.
        for paragraph, style in _paragraphs(document.element.body):
            piece = _read_paragraph(paragraph, links, labels, counters, formats, with_html=False)
            if not piece.text.strip():
                continue
            heading = style.casefold().startswith(_HEADING_STYLES)
            if title is None and not blocks and style.casefold().startswith("title"):
                title = piece.text
                continue
            blocks.append(Block(piece.text, piece.html, "h2" if heading else "p"))
            kept.append(paragraph)

        notes: list[RawNote] = []
        for kind in ("footnotes", "endnotes"):
            part = parts[kind]
            if part is None:
                continue
            for note_id, raw, html in _notes(part, kind):
                label = labels.get((kind, note_id))
                if label is not None:
                    notes.append(RawNote(label=label, raw=raw, html=html))
        order = {label: i for i, label in enumerate(labels.values())}
        notes.sort(key=lambda n: order.get(n.label, len(order)))
        if not notes:
            # Read again with the markup: every reference is labelled by now, so the
            # labels (and the text) come out as they did the first time.
            blocks = [
                attrs.evolve(
                    block,
                    html=_read_paragraph(paragraph, links, labels, counters, formats).html,
                )
                for block, paragraph in zip(blocks, kept, strict=True)
            ]
            split = split_endnotes(blocks)
            blocks, notes = list(split.body), list(split.notes)
        if title is None:
            title = (document.core_properties.title or "").strip() or None
        body = "\n\n".join(b.text for b in blocks)
        return Document(body=body, notes=tuple(notes), title=title)


def _paragraphs(body: etree._Element):
    """Every paragraph of the body in reading order, table cells included, with its style."""
    for paragraph in body.iter(_P):
        parent = paragraph.getparent()
        if parent is not None and parent.tag == _TXBX_CONTENT:
            continue  # text boxes float beside the prose
        properties = next(paragraph.iterchildren(_PPR), None)
        style = next(properties.iterchildren(_PSTYLE), None) if properties is not None else None
        yield paragraph, (style.get(_VAL, "") if style is not None else "")


def _read_paragraph(
    paragraph: etree._Element,
    links: dict[str, str],
    labels: dict[tuple[str, str], str],
    counters: dict[str, int],
    formats: dict[str, str],
    *,
    with_html: bool = True,
) -> _Piece:
    """A paragraph's text, its note references written ``[label]`` (numbered into
    ``labels`` as they come), and its HTML (``""`` unless ``with_html``)."""
    text: list[str] = []
    html: list[str] = []
    for children, href in _runs(paragraph, links):
        properties = None
        chunk: list[str] = []
        custom: tuple[str, str] | None = None
        for child in children:
            tag = child.tag
            if tag == _RPR:
                properties = properties if properties is not None else child
            elif tag == _T and custom is not None:
                # A custom mark (``*``, ``†``) is printed by the text after its reference.
                labels.setdefault(custom, (child.text or "").strip() or "*")
                chunk.append(f"[{labels[custom]}]")
                custom = None
            elif tag == _T:
                chunk.append(child.text or "")
            elif tag in _SPACE_TAGS:
                chunk.append(" ")
            elif tag == _NO_BREAK_HYPHEN:
                chunk.append("-")
            elif tag in _NOTE_REFERENCES:
                key = (_NOTE_REFERENCES[tag], child.get(_ID, ""))
                if child.get(_CUSTOM_MARK) in ("1", "true", "on"):
                    custom = key
                    continue
                if key not in labels:
                    counters[key[0]] += 1
                    labels[key] = _numeral(counters[key[0]], formats[key[0]])
                chunk.append(f"[{labels[key]}]")
        piece = "".join(chunk)
        text.append(piece)
        if not with_html:
            continue
        escaped = html_lib.escape(piece, quote=False)
        if escaped.strip() and _is_italic(properties):
            escaped = f"<i>{escaped}</i>"
        if href:
            escaped = f'<a href="{html_lib.escape(href)}">{escaped}</a>'
        html.append(escaped)
    return _Piece(" ".join("".join(text).split()), "".join(html).strip())


def _runs(paragraph: etree._Element, links: dict[str, str]):
    """(run's children, link target) of each run in order; deleted text and field
    instructions left out.  The children are handed on, read once: the run loop reads
    them again for the text."""
    field_url: str | None = None
    for element in paragraph.iter(_R_TAG, _FLD_SIMPLE):
        if element.tag == _FLD_SIMPLE:
            field_url = _field_url(element.get(_INSTR, "")) or field_url
            continue
        parent = element.getparent()
        if parent is not None and parent.tag in (_DEL, _MOVE_FROM):
            continue  # tracked deletions are not the text
        # One pass over the run's few children, not a filtered iterator per kind: most
        # runs are just properties and text, and two iterators each was a third of this.
        instruction = char = None
        children = list(element)
        for child in children:
            if child.tag == _INSTR_TEXT:
                instruction = instruction if instruction is not None else child
            elif child.tag == _FLD_CHAR:
                char = char if char is not None else child
        if instruction is not None:
            field_url = _field_url(instruction.text or "") or field_url
            continue
        if char is not None and char.get(_FLD_CHAR_TYPE) == "end":
            field_url = None
            continue
        href = field_url
        if parent is not None and parent.tag == _HYPERLINK:
            href = links.get(parent.get(_RID, ""), href)
        yield children, href


def _field_url(instruction: str) -> str | None:
    """The target of a ``HYPERLINK "https://…"`` field (Word's older way to write links)."""
    words = instruction.split()
    if len(words) >= 2 and words[0].upper() == "HYPERLINK":
        target = words[1].strip('"')
        return target if "://" in target or target.startswith("www.") else None
    return None


def _is_italic(properties: etree._Element | None) -> bool:
    """Whether a run's properties (its first ``<w:rPr>``) set it in italics."""
    italic = next(properties.iterchildren(_I), None) if properties is not None else None
    return italic is not None and italic.get(_VAL, "true") not in ("0", "false", "off")


MAX_XML_PART = 100_000_000
"""Bytes a package's XML part may unpack to: a whole book's ``document.xml`` is a few
megabytes, and python-docx holds every part in memory, so a part that would unpack to
gigabytes (a ZIP bomb) is refused before it is read."""
_DAMAGED_ZIP = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)
"""What ``zipfile`` raises on a damaged member: a bad checksum, corrupt or cut deflate
data, an unknown compression method, an encrypted member."""


def _check_sizes(data: bytes) -> None:
    """:class:`InputError` when an XML part of the package would unpack past
    :data:`MAX_XML_PART` (the sizes the ZIP directory declares, which ``zipfile`` holds
    each member to)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except _DAMAGED_ZIP as exc:
        raise InputError(f"cannot read the Word document: {exc}") from None
    for member in members:
        if member.filename.endswith((".xml", ".rels")) and member.file_size > MAX_XML_PART:
            raise InputError(
                f"cannot read the Word document: {member.filename} would unpack to "
                f"{member.file_size / 1e6:,.0f} MB, far more than any document's text"
            )


def _hyperlinks(part) -> dict[str, str]:
    """Relationship id → external target, for one part's ``<w:hyperlink r:id>``."""
    return {rid: rel.target_ref for rid, rel in part.rels.items() if rel.is_external}


_NOTES_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
"""No entity a notes part declares is expanded or fetched (python-docx parses the
document itself the same way)."""


def _notes(part, kind: str):
    """(id, text, html) of each real note in a footnotes/endnotes part."""
    try:
        root = etree.fromstring(part.blob, _NOTES_PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"cannot read the Word document's {kind}: {exc}") from None
    links = _hyperlinks(part)
    for note in root.iter(_NOTE_TAGS[kind]):
        if note.get(_TYPE) in _SEPARATORS:
            continue
        texts: list[str] = []
        htmls: list[str] = []
        for paragraph in note.iter(_P):
            piece = _read_paragraph(paragraph, links, {}, {"footnotes": 0, "endnotes": 0},
                                    _NOTE_FORMATS)
            if piece.text:
                texts.append(piece.text)
                htmls.append(piece.html)
        raw = " ".join(" ".join(texts).split())
        if raw:
            yield note.get(_ID, ""), raw, " ".join(htmls)


def _number_formats(document) -> dict[str, str]:
    """How Word prints footnote and endnote numbers here (``decimal``, ``lowerRoman``…)."""
    formats = {"footnotes": "decimal", "endnotes": "lowerRoman"}
    roots = [document.element.body]
    settings = getattr(document, "settings", None)
    if settings is not None:
        roots.append(settings.element)
    for root in roots:
        for kind, tag in (("footnotes", "footnotePr"), ("endnotes", "endnotePr")):
            found = root.find(f".//w:{tag}/w:numFmt", _NS)
            if found is not None and found.get(_w("val")):
                formats[kind] = found.get(_w("val"))
    if formats["footnotes"] == formats["endnotes"]:
        formats["endnotes"] = "endnote"  # both printed alike: keep their labels apart
    return formats


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
    (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)


def _numeral(number: int, fmt: str) -> str:
    """``number`` as Word prints it in format ``fmt``."""
    if fmt in ("lowerRoman", "upperRoman"):
        out = []
        for value, letters in _ROMAN:
            while number >= value:
                out.append(letters)
                number -= value
        roman = "".join(out)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt == "endnote":
        return f"e{number}"
    return str(number)
