"""Word documents: body, footnotes and endnotes, markers tied to their sentences.

Each document is built here from a readable description: paragraphs whose
``{fn:…}``/``{en:…}`` stand where Word puts a footnote or endnote reference,
and notes whose ``[text](url)`` is a hyperlink and ``*text*`` italics.
python-docx writes the document; the notes parts it does not model are added
as Word writes them.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from citeaudit.errors import InputError
from citeaudit.read import parse_article

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NOTE = re.compile(r"\{(fn|en):((?:[^{}]|\{[^{}]*\})*)\}")
_INLINE = re.compile(r"\[([^\]]+)\]\(([^)]+)\)|\*([^*]+)\*")


def _runs_xml(text: str, links: list[str]) -> str:
    """Word runs for ``text``: ``[t](url)`` as a hyperlink, ``*t*`` in italics."""
    out, pos = [], 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            out.append(_run(text[pos : match.start()]))
        if match.group(2):
            links.append(match.group(2))
            out.append(f'<w:hyperlink r:id="rIdL{len(links)}">{_run(match.group(1))}</w:hyperlink>')
        else:
            out.append(_run(match.group(3), italic=True))
        pos = match.end()
    if pos < len(text):
        out.append(_run(text[pos:]))
    return "".join(out)


def _run(text: str, italic: bool = False) -> str:
    props = "<w:rPr><w:i/></w:rPr>" if italic else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _notes_part(kind: str, notes: list[str]) -> tuple[str, str]:
    """(notes XML, its relationships XML) as Word writes them, separators first."""
    tag = "footnote" if kind == "fn" else "endnote"
    ref = "footnoteRef" if kind == "fn" else "endnoteRef"
    links: list[str] = []
    items = [
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>',
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{tag}>",
    ]
    for number, text in enumerate(notes, 1):
        items.append(
            f'<w:{tag} w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
            f"</w:rPr><w:{ref}/></w:r>{_run(' ')}{_runs_xml(text, links)}</w:p></w:{tag}>"
        )
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:{tag}s {_W} {_R}>{"".join(items)}</w:{tag}s>'
    rels = "".join(
        f'<Relationship Id="rIdL{i}" Type="{_REL}/hyperlink" Target="{escape(url)}" '
        'TargetMode="External"/>'
        for i, url in enumerate(links, 1)
    )
    rels_xml = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
        "</Relationships>"
    )
    return xml, rels_xml


def make_docx(paragraphs: list[str], *, title: str | None = None, heading: str | None = None,
              custom_mark: bool = False) -> bytes:
    """A .docx whose paragraphs hold ``{fn:note}``/``{en:note}`` references."""
    document = docx.Document()
    if title:
        document.core_properties.title = title
    if heading:
        document.add_heading(heading, level=0)
    notes: dict[str, list[str]] = {"fn": [], "en": []}
    for text in paragraphs:
        paragraph = document.add_paragraph()
        pos = 0
        for match in _NOTE.finditer(text):
            paragraph.add_run(text[pos : match.start()])
            kind = match.group(1)
            notes[kind].append(match.group(2))
            reference = OxmlElement("w:footnoteReference" if kind == "fn" else "w:endnoteReference")
            reference.set(qn("w:id"), str(len(notes[kind])))
            run = paragraph.add_run()
            if custom_mark:
                reference.set(qn("w:customMarkFollows"), "1")
                run._r.append(reference)
                run.add_text("*")
            else:
                run._r.append(reference)
            pos = match.end()
        paragraph.add_run(text[pos:])
    saved = io.BytesIO()
    document.save(saved)
    return _with_notes(saved.getvalue(), notes)


def _with_notes(data: bytes, notes: dict[str, list[str]]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                overrides = "".join(
                    f'<Override PartName="/word/{name}s.xml" ContentType="application/'
                    f'vnd.openxmlformats-officedocument.wordprocessingml.{name}s+xml"/>'
                    for kind, name in (("fn", "footnote"), ("en", "endnote"))
                    if notes[kind]
                )
                content = content.replace(b"</Types>", overrides.encode() + b"</Types>")
            elif item.filename == "word/_rels/document.xml.rels":
                rels = "".join(
                    f'<Relationship Id="rIdN{kind}" Type="{_REL}/{name}s" Target="{name}s.xml"/>'
                    for kind, name in (("fn", "footnote"), ("en", "endnote"))
                    if notes[kind]
                )
                content = content.replace(b"</Relationships>",
                                          rels.encode() + b"</Relationships>")
            target.writestr(item, content)
        for kind, name in (("fn", "footnote"), ("en", "endnote")):
            if notes[kind]:
                xml, rels = _notes_part(kind, notes[kind])
                target.writestr(f"word/{name}s.xml", xml)
                target.writestr(f"word/_rels/{name}s.xml.rels", rels)
    return out.getvalue()


def test_footnotes_are_tied_to_the_sentences_that_reference_them(tmp_path):
    path = tmp_path / "harbour.docx"
    path.write_bytes(make_docx(
        [
            "The harbour handled 4.2 million containers in 2023.{fn:Port Authority, "
            "*Annual Report 2023*, [port.example/report](https://port.example/report-2023), "
            "accessed 3 May 2024.} Trade grew. Storms closed it twice.{fn:Ibid., p. 4.}",
            "A new quay opened in 2024.{fn:“Quay opens”, Harbour News, "
            "https://news.example/quay.}",
        ],
        heading="The Harbour in 2023",
    ))
    a = parse_article(path)
    assert a.format == "docx"
    assert a.title == "The Harbour in 2023"
    assert [n.label for n in a.notes] == ["1", "2", "3"]
    assert a.notes[0].urls == ("https://port.example/report-2023",)
    assert "Annual Report 2023" in a.notes[0].raw
    assert a.notes[1].ibid_of == "1"
    assert a.notes[2].urls == ("https://news.example/quay",)
    assert [(c.text, c.note_labels) for c in a.claims] == [
        ("The harbour handled 4.2 million containers in 2023.", ("1",)),
        ("Storms closed it twice.", ("2",)),
        ("A new quay opened in 2024.", ("3",)),
    ]
    assert "[1]" in a.body and "Port Authority" not in a.body


def test_endnotes_take_words_default_roman_labels_beside_footnotes():
    data = make_docx([
        "Exports rose by 12 percent in 2024.{fn:Customs data, https://customs.example/2024.}",
        "Imports fell in 2024.{en:Trade Office, https://trade.example/imports, "
        "retrieved 2 June 2025.}",
    ])
    a = parse_article(data)
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://customs.example/2024",)),
        ("i", ("https://trade.example/imports",)),
    ]
    assert a.claims[1].note_labels == ("i",)


def test_a_custom_mark_is_the_notes_label():
    a = parse_article(make_docx(
        ["The bridge was finished in 1932.{fn:City archive, https://archive.example/bridge.}"],
        custom_mark=True,
    ))
    assert [n.label for n in a.notes] == ["*"]
    assert a.claims[0].note_labels == ("*",)


def test_a_typed_references_list_is_read_when_word_holds_no_notes():
    a = parse_article(make_docx([
        "Rainfall doubled in 2022.[1]",
        "References",
        "[1] Met Office, https://met.example/rain-2022.",
    ]))
    assert [n.urls for n in a.notes] == [("https://met.example/rain-2022",)]
    assert a.claims[0].note_labels == ("1",)
    assert "Met Office" not in a.body


def test_the_document_title_property_is_the_title_when_no_title_paragraph():
    a = parse_article(make_docx(["Prose without notes."], title="Harbour report"))
    assert a.title == "Harbour report"


def test_a_zip_that_is_not_a_word_document_is_an_input_error(tmp_path):
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    with pytest.raises(InputError, match="ZIP archive"):
        parse_article(path)


def test_a_damaged_word_document_is_a_one_line_input_error(tmp_path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")
    with pytest.raises(InputError) as info:
        parse_article(path)
    assert "\n" not in str(info.value)


def test_a_references_list_in_the_body_keeps_its_links_and_italics():
    # The body's markup is read only when the notes are a list in the body: its hyperlink
    # (no URL in the text) and its italic title must still reach the note.
    document = docx.Document()
    document.add_paragraph("Rainfall doubled in 2022.[1]")
    document.add_paragraph("References")
    item = document.add_paragraph("[1] Met Office, ")
    item.add_run("Rain in Review").italic = True
    item.add_run(", ")
    rid = document.part.relate_to(
        "https://met.example/rain-2022",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "the report"
    run.append(text)
    link.append(run)
    item._p.append(link)
    item.add_run(", 2023.")
    saved = io.BytesIO()
    document.save(saved)
    a = parse_article(saved.getvalue())
    [note] = a.notes
    assert note.urls == ("https://met.example/rain-2022",)
    assert note.title == "Rain in Review"
    assert a.claims[0].note_labels == ("1",)
