"""Malformed and extreme inputs in every format citeaudit reads, each run through the
API and the CLI in a worker process with a timeout: crash, hang, super-linear, or fine.

    .venv/bin/python bench/hostile_inputs.py                  # every recipe, table at the end
    .venv/bin/python bench/hostile_inputs.py --only docx,bib  # recipes whose name holds these
    .venv/bin/python bench/hostile_inputs.py --list           # the recipes, nothing run
    .venv/bin/python bench/hostile_inputs.py --keep DIR       # keep the generated files

Each recipe is a small function that builds one input (bytes and a file name) from a
readable description: a Word document whose footnotes part is missing, a PDF cut in
its cross-reference table, BibTeX whose ``@string`` macros name each other, HTML
nested 100,000 levels deep.  Every input is run as

* ``api``: ``parse_article(path, format)`` (and ``parse_note`` for the note recipes),
* ``notes``: ``citeaudit notes FILE --format json [--input-format X]``,
* ``audit``: ``citeaudit audit FILE --replay EMPTY.warc.gz --archive none --format json``,

the CLI through ``citeaudit.cli.main`` inside the worker (``--cli-subprocess`` runs the
real program instead, slower).  Outcomes:

* ``fine``: an answer, or for the API a :class:`CiteauditError`, for the CLI an exit
  status other than 3 ("internal error") with at most one line on standard error;
* ``crash``: any other exception (the API), ``internal error`` / a traceback / a worker
  killed by a signal (the CLI);
* ``hang``: more than ``--timeout`` CPU seconds (default 10), or no answer at all
  within six times that in wall time (the machine is shared: wall time says little);
* ``superlinear``: a scalable recipe whose CPU time grows more than ``--growth`` times
  (default 3.0) when its size doubles, above 0.3 s; linear growth is 2.

The exit status is 1 when anything is not fine.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------- recipes


@dataclass(frozen=True)
class Recipe:
    """One hostile input: ``build(scale)`` gives its bytes; ``formats`` the readers to force."""

    name: str
    suffix: str
    build: Callable[[int], bytes]
    formats: tuple[str | None, ...] = (None,)
    """``None`` lets citeaudit choose (suffix, content); a name forces ``--input-format``."""
    scalable: bool = False
    """Run at scale 1 and 2 and compare the CPU times."""
    note: bool = False
    """The bytes are one note's text: also run through ``parse_note``."""


RECIPES: list[Recipe] = []


def recipe(
    name: str,
    suffix: str,
    *,
    formats: tuple[str | None, ...] = (None,),
    scalable: bool = False,
    note: bool = False,
):
    """Register the decorated builder as a recipe."""

    def register(build: Callable[[int], bytes]) -> Callable[[int], bytes]:
        RECIPES.append(Recipe(name, suffix, build, formats, scalable, note))
        return build

    return register


TEXT_FORMATS = ("text", "html", "markdown", "rst", "wikitext")
"""The prose readers every generic hostile text is forced through, besides detection."""
ALL_TEXT = (None, *TEXT_FORMATS, "csljson", "bibtex")

# ---- Word documents, built by hand so each part can be left out or broken

_W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/footnotes" Target="footnotes.xml"/>{extra}</Relationships>'
)


def _para(text: str, note_id: str | None = None) -> str:
    ref = f'<w:r><w:footnoteReference w:id="{note_id}"/></w:r>' if note_id else ""
    return f"<w:p><w:r><w:t>{text}</w:t></w:r>{ref}</w:p>"


def _document(body: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f"<w:document {_W_NS}><w:body>{body}</w:body></w:document>"
    )


def _footnotes(notes: dict[str, str]) -> str:
    inner = "".join(f'<w:footnote w:id="{i}">{_para(t)}</w:footnote>' for i, t in notes.items())
    return f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {_W_NS}>{inner}</w:footnotes>'


def docx(parts: dict[str, str | bytes | None]) -> bytes:
    """A Word package of ``parts`` (name → content; ``None`` leaves a default part out)."""
    defaults: dict[str, str | bytes | None] = {
        "[Content_Types].xml": _CT,
        "_rels/.rels": _ROOT_RELS,
        "word/_rels/document.xml.rels": _DOC_RELS.format(extra=""),
        "word/document.xml": _document(_para("The mayor said so.", "1")),
        "word/footnotes.xml": _footnotes({"1": "Town Gazette, https://news.example/a"}),
    }
    defaults.update(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in defaults.items():
            if content is not None:
                package.writestr(name, content)
    return out.getvalue()


_GOOD_DOCX = docx({})

recipe("docx-truncated-half", ".docx")(lambda s: _GOOD_DOCX[: len(_GOOD_DOCX) // 2])
recipe("docx-truncated-central-directory", ".docx")(lambda s: _GOOD_DOCX[:-30])
recipe("docx-corrupt-member-bytes", ".docx")(
    lambda s: _GOOD_DOCX[:60] + bytes(b ^ 0x55 for b in _GOOD_DOCX[60:400]) + _GOOD_DOCX[400:]
)
recipe("docx-only-zip-magic", ".docx")(lambda s: b"PK\x03\x04" + b"\x00" * 40)
recipe("docx-no-document-part", ".docx", formats=(None, "docx"))(
    lambda s: docx({"word/document.xml": None})
)
recipe("docx-no-content-types", ".docx")(lambda s: docx({"[Content_Types].xml": None}))
recipe("docx-no-root-rels", ".docx")(lambda s: docx({"_rels/.rels": None}))
recipe("docx-document-not-xml", ".docx")(
    lambda s: docx({"word/document.xml": "<w:document><w:body><w:p>unclosed"})
)
recipe("docx-document-empty-part", ".docx")(lambda s: docx({"word/document.xml": ""}))
recipe("docx-footnote-id-missing", ".docx")(
    lambda s: docx(
        {
            "word/document.xml": _document(
                _para("One.", "1") + _para("Two.", "7") + _para("Three.", "")
            ),
        }
    )
)
recipe("docx-footnote-id-not-a-number", ".docx")(
    lambda s: docx(
        {
            "word/document.xml": _document(_para("One.", "x") + _para("Two.", "-1")),
            "word/footnotes.xml": _footnotes({"x": "https://a.example/", "-1": "B"}),
        }
    )
)
recipe("docx-footnotes-part-missing", ".docx")(lambda s: docx({"word/footnotes.xml": None}))
recipe("docx-footnotes-not-xml", ".docx")(lambda s: docx({"word/footnotes.xml": "<w:foot"}))
recipe("docx-footnotes-wrong-root", ".docx")(
    lambda s: docx({"word/footnotes.xml": f"<w:document {_W_NS}/>"})
)
recipe("docx-footnote-refers-to-itself", ".docx")(
    lambda s: docx(
        {
            "word/footnotes.xml": (
                f'<w:footnotes {_W_NS}><w:footnote w:id="1">'
                f"{_para('see', '1')}</w:footnote></w:footnotes>"
            ),
        }
    )
)
recipe("docx-hyperlink-missing-rel", ".docx")(
    lambda s: docx(
        {
            "word/document.xml": _document(
                '<w:p><w:hyperlink r:id="rId404"><w:r><w:t>x</w:t></w:r></w:hyperlink></w:p>'
            ),
        }
    )
)
recipe("docx-rels-target-missing", ".docx")(
    lambda s: docx(
        {
            "word/_rels/document.xml.rels": _DOC_RELS.format(
                extra=(
                    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/'
                    '2006/relationships/endnotes" Target="endnotes.xml"/>'
                )
            ),
        }
    )
)
_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
recipe("docx-billion-laughs-document", ".docx")(
    lambda s: docx({"word/document.xml": _document(_para("&lol9;"), _LAUGHS)})
)
recipe("docx-billion-laughs-footnotes", ".docx")(
    lambda s: docx(
        {"word/footnotes.xml": _footnotes({"1": "&lol9;"}).replace("?>", "?>" + _LAUGHS, 1)}
    )
)
recipe("docx-external-entity", ".docx")(
    lambda s: docx(
        {
            "word/document.xml": _document(
                _para("&xxe;"), '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            )
        }
    )
)
recipe("docx-deep-nesting", ".docx", scalable=True)(
    lambda s: docx(
        {
            "word/document.xml": _document(
                "<w:tbl><w:tr><w:tc>" * (20_000 * s)
                + _para("Deep.")
                + "</w:tc></w:tr></w:tbl>" * (20_000 * s)
            )
        }
    )
)
recipe("docx-many-footnotes", ".docx", scalable=True)(
    lambda s: docx(
        {
            "word/document.xml": _document(
                "".join(_para(f"Fact {i}.", str(i)) for i in range(1, 5000 * s))
            ),
            "word/footnotes.xml": _footnotes(
                {str(i): f"Src {i}, https://n.example/{i}" for i in range(1, 5000 * s)}
            ),
        }
    )
)
recipe("docx-zip-bomb-document", ".docx")(
    lambda s: docx({"word/document.xml": _document(_para("Big. " + " " * 150_000_000))})
)
recipe("docx-one-huge-run", ".docx", scalable=True)(
    lambda s: docx({"word/document.xml": _document(_para("word " * (1_000_000 * s), "1"))})
)


# ---- PDF, written by hand: object offsets are computed, so each break is deliberate


def pdf(
    objects: list[bytes],
    *,
    xref: bool = True,
    trailer_extra: bytes = b"",
    header: bytes = b"%PDF-1.4\n",
) -> bytes:
    """A PDF of ``objects`` (numbered from 1; object 1 is the catalogue)."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer_extra,
        start,
    )
    return bytes(out)


def _text_page(text: bytes) -> list[bytes]:
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


_GOOD_PDF = pdf(_text_page(b"The mayor said so.[1] [1] https://news.example/a"))
recipe("pdf-no-text-layer", ".pdf")(lambda s: pdf(_text_page(b"")))
recipe("pdf-header-only", ".pdf")(lambda s: b"%PDF-1.7\n")
recipe("pdf-truncated-xref", ".pdf")(lambda s: _GOOD_PDF[: _GOOD_PDF.index(b"xref") + 20])
recipe("pdf-truncated-half", ".pdf")(lambda s: _GOOD_PDF[: len(_GOOD_PDF) // 2])
recipe("pdf-no-xref", ".pdf")(lambda s: pdf(_text_page(b"No xref.[1]"), xref=False))
recipe("pdf-wrong-startxref", ".pdf")(lambda s: _GOOD_PDF.replace(b"startxref\n", b"startxref\n9"))
recipe("pdf-pages-loop", ".pdf")(
    lambda s: pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
        ]
    )
)
recipe("pdf-root-not-a-dict", ".pdf")(lambda s: pdf([b"42"]))
recipe("pdf-missing-root", ".pdf")(lambda s: pdf(_text_page(b"x")).replace(b"/Root 1 0 R", b""))
recipe("pdf-stream-length-wrong", ".pdf")(
    lambda s: _GOOD_PDF.replace(b"/Length ", b"/Length 9999", 1)
)
recipe("pdf-bad-flate-stream", ".pdf")(
    lambda s: pdf(
        [
            *_text_page(b"x")[:3],
            b"<< /Length 10 /Filter /FlateDecode >>\nstream\n0123456789\nendstream",
            _text_page(b"")[4],
        ]
    )
)
recipe("pdf-encrypted-unknown-handler", ".pdf")(
    lambda s: pdf(
        [*_text_page(b"Secret."), b"<< /Filter /Standard /V 5 /R 6 /O (x) /U (y) /P -1 >>"],
        trailer_extra=b"/Encrypt 6 0 R /ID [<00> <00>] ",
    )
)
recipe("pdf-garbage-after-header", ".pdf")(lambda s: b"%PDF-1.4\n" + bytes(range(256)) * 40)


def _pdf_encrypted(scale: int) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_GOOD_PDF))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


recipe("pdf-encrypted-password", ".pdf")(_pdf_encrypted)


def _pdf_encrypted_empty(scale: int) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_GOOD_PDF))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


recipe("pdf-encrypted-empty-password-aes", ".pdf")(_pdf_encrypted_empty)
recipe("pdf-many-lines", ".pdf", scalable=True)(
    lambda s: pdf(
        _text_page(
            b") Tj T* (".join(
                b"Line %d says a thing.[%d]" % (i, i % 900 + 1) for i in range(3000 * s)
            )
        )
    )
)


# ---- BibTeX

recipe("bib-unbalanced-open", ".bib")(
    lambda s: b"@article{a, title={Open {brace, url={https://a.example/}\n"
)
recipe("bib-unbalanced-close", ".bib")(
    lambda s: b"@article{a, title={Close}}}}, url={https://a.example/}}\n"
)
recipe("bib-string-loop", ".bib")(
    lambda s: b"@string{a = b}\n@string{b = a}\n@misc{x, title = a # b}\n"
)
recipe("bib-string-self", ".bib")(
    lambda s: b"@string{a = a # a}\n@misc{x, title = a, url={https://a.example/}}\n"
)
recipe("bib-string-doubling", ".bib")(
    lambda s: b"".join(
        [b'@string{s0 = "ab"}\n']
        + [b"@string{s%d = s%d # s%d}\n" % (i, i - 1, i - 1) for i in range(1, 40)]
        + [b"@misc{x, title = s39}\n"]
    )
)
recipe("bib-unclosed-quote", ".bib")(
    lambda s: b'@misc{x, title = "never closed, url = {https://a.example/}}\n'
)
recipe("bib-no-key", ".bib")(lambda s: b"@misc{, title={T}}\n@misc{}\n@{x}\n@misc\n")
recipe("bib-deep-braces", ".bib", scalable=True)(
    lambda s: b"@misc{x, title=" + b"{" * (50_000 * s) + b"T" + b"}" * (50_000 * s) + b"}\n"
)
recipe("bib-deep-braces-unclosed", ".bib", scalable=True)(
    lambda s: b"@misc{x, title=" + b"{" * (50_000 * s) + b"\n"
)
recipe("bib-many-unclosed-entries", ".bib", scalable=True)(
    lambda s: b"".join(b"@misc{k%d, title={T%d},\n" % (i, i) for i in range(5000 * s))
)
recipe("bib-many-entries", ".bib", scalable=True)(
    lambda s: b"".join(
        b"@misc{k%d, title={Title %d}, url={https://a.example/%d}, urldate={2021-05-0%d}}\n"
        % (i, i, i, i % 9 + 1)
        for i in range(5000 * s)
    )
)
recipe("bib-huge-field", ".bib", scalable=True)(
    lambda s: b"@misc{x, title={" + b"word " * (1_000_000 * s) + b"}, url={https://a.example/}}\n"
)
recipe("bib-weird-dates", ".bib")(
    lambda s: (
        b"@misc{a, urldate={0000-00-00}, year={-5}, url={https://a.example/}}\n"
        b"@misc{b, urldate={9999-99-99}, month={13}, year={99999999999999999999}}\n"
        b"@misc{c, urldate={2021-02-30}, date={2021/2022/2023}}\n"
    )
)
recipe("bib-at-signs", ".bib")(lambda s: b"@" * 10_000 + b"{" * 100 + b"\n@comment{" + b"@" * 1000)
recipe("bib-nul-and-controls", ".bib")(
    lambda s: b"@misc{x, title={A\x00B\x01C}, url={https://a.example/\x00}}\n"
)

# ---- CSL-JSON


def _js(value) -> bytes:
    return json.dumps(value).encode()


recipe("csl-numbers-for-strings", ".json")(
    lambda s: _js(
        [{"id": 1, "type": 5, "title": 42, "URL": 7, "accessed": 3, "author": 9, "issued": 1.5}]
    )
)
recipe("csl-nested-arrays", ".json")(
    lambda s: _js(
        [
            {
                "id": "a",
                "type": "webpage",
                "title": [["x"]],
                "URL": [["https://a.example/"]],
                "author": [[{"family": ["x"]}]],
                "issued": {"date-parts": [[[2021]]]},
            }
        ]
    )
)
recipe("csl-nulls", ".json")(
    lambda s: _js(
        [
            None,
            {
                "id": None,
                "type": None,
                "title": None,
                "URL": None,
                "accessed": None,
                "author": None,
                "issued": None,
            },
            {"author": [None], "issued": {"date-parts": None}},
        ]
    )
)
recipe("csl-wrong-top-level", ".json", formats=("csljson",))(lambda s: _js("just a string"))
recipe("csl-top-level-number", ".json", formats=("csljson",))(lambda s: b"42")
recipe("csl-object-not-list", ".json")(lambda s: _js({"id": "a", "type": "book", "title": "T"}))
recipe("csl-not-json", ".json", formats=(None, "csljson"))(
    lambda s: b'[{"id": "a", "type": "book", "title": "T",'
)
recipe("csl-date-parts-garbage", ".json")(
    lambda s: _js(
        [
            {
                "id": "a",
                "type": "webpage",
                "title": "T",
                "URL": "https://a.example/",
                "accessed": {"date-parts": [["x", 99, -4]]},
                "issued": {"date-parts": [[2021, 13, 45]]},
            },
            {"id": "b", "type": "webpage", "title": "T", "accessed": {"date-parts": [[10**30]]}},
            {
                "id": "c",
                "type": "webpage",
                "title": "T",
                "accessed": {"raw": "31/31/31"},
                "issued": {"literal": 5},
            },
            {
                "id": "d",
                "type": "webpage",
                "title": "T",
                "accessed": {"date-parts": []},
                "issued": {"date-parts": [[]]},
            },
            {
                "id": "e",
                "type": "webpage",
                "title": "T",
                "accessed": {"date-parts": [[2021, 2, 30]]},
            },
        ]
    )
)
recipe("csl-deep-arrays", ".json", formats=(None, "csljson"), scalable=True)(
    lambda s: (
        b'[{"id":"a","type":"book","title":"T","x":'
        + b"[" * (100_000 * s)
        + b"]" * (100_000 * s)
        + b"}]"
    )
)
recipe("csl-deep-objects", ".json", formats=(None, "csljson"))(
    lambda s: (
        b'[{"id":"a","type":"book","title":"T","x":'
        + b'{"a":' * 100_000
        + b"1"
        + b"}" * 100_000
        + b"}]"
    )
)
recipe("csl-50mb-string", ".json")(
    lambda s: (
        b'[{"id":"a","type":"webpage","title":"'
        + b"x" * 50_000_000
        + b'","URL":"https://a.example/"}]'
    )
)
recipe("csl-50mb-url", ".json")(
    lambda s: (
        b'[{"id":"a","type":"webpage","title":"T","URL":"https://a.example/'
        + b"x" * 50_000_000
        + b'"}]'
    )
)
recipe("csl-many-items", ".json", scalable=True)(
    lambda s: _js(
        [
            {
                "id": f"k{i}",
                "type": "webpage",
                "title": f"Title {i}",
                "URL": f"https://a.example/{i}",
                "accessed": {"date-parts": [[2021, 5, i % 28 + 1]]},
            }
            for i in range(5000 * s)
        ]
    )
)
recipe("csl-lone-surrogate-escape", ".json")(
    lambda s: (
        b'[{"id":"a","type":"webpage","title":"\\ud800 \\udfff","URL":"https://a.example/\\ud83d"}]'
    )
)
recipe("csl-huge-numbers", ".json")(
    lambda s: b'[{"id":1e999,"type":"book","title":"T","issued":{"date-parts":[[1e999, -1e999]]}}]'
)

# ---- wikitext

recipe("wiki-unclosed-template", ".wiki", scalable=True)(
    lambda s: b"Fact.<ref>{{cite web|url=https://a.example/|title=T</ref>\n" * (2000 * s)
)
recipe("wiki-unclosed-ref", ".wiki", scalable=True)(
    lambda s: (
        b"Fact.<ref>{{cite web|url=https://a.example/}}\n" * (2000 * s)
        + b"== Refs ==\n{{reflist}}\n"
    )
)
recipe("wiki-unclosed-comment", ".wiki")(
    lambda s: b"Fact.<ref>{{cite web|url=https://a.example/}}</ref> <!-- never closed\n" * 50
)
recipe("wiki-deep-templates", ".wiki", scalable=True)(
    lambda s: b"Fact.<ref>" + b"{{x|" * (20_000 * s) + b"}}" * (20_000 * s) + b"</ref>\n{{reflist}}"
)
recipe("wiki-deep-templates-unclosed", ".wiki", scalable=True)(
    lambda s: b"'''Bold''' fact.<ref>" + b"{{x|" * (20_000 * s) + b"\n"
)
recipe("wiki-deep-links", ".wiki", scalable=True)(
    lambda s: b"'''B''' <ref>x</ref>" + b"[[" * (20_000 * s) + b"]]" * (20_000 * s)
)
recipe("wiki-named-ref-cycle", ".wiki")(
    lambda s: (
        b'A.<ref name="a">{{cite web|url=https://a.example/|title=A}}</ref> B.<ref name="a"/>'
        b' C.<ref name="b" /> D.<ref name=""/> E.<ref name=a>x</ref>\n{{reflist}}'
    )
)
recipe("wiki-many-refs", ".wiki", scalable=True)(
    lambda s: (
        b"\n".join(
            b"Fact %d.<ref>{{cite web|url=https://a.example/%d|title=T %d"
            b"|access-date=3 May 2021}}</ref>"
            % (i, i, i)
            for i in range(5000 * s)
        )
        + b"\n== References ==\n{{reflist}}\n"
    )
)
recipe("wiki-many-open-brackets", ".wiki", scalable=True)(
    lambda s: b"'''B''' <ref>x</ref>" + b"{{{[[<" * (30_000 * s)
)
recipe("wiki-ref-in-ref", ".wiki", scalable=True)(
    lambda s: b"'''B''' " + b"<ref>" * (10_000 * s) + b"x" + b"</ref>" * (10_000 * s)
)
recipe("wiki-tables-unclosed", ".wiki")(
    lambda s: b"'''B''' <ref>x</ref>\n" + b"{|\n|-\n| cell\n" * 5000
)

# ---- HTML

recipe("html-nested-divs", ".html", scalable=True)(
    lambda s: (
        b"<html><body>"
        + b"<div>" * (50_000 * s)
        + b"Fact.<sup>[1]</sup>"
        + b"</div>" * (50_000 * s)
        + b'<ol><li id="cite_note-1">https://a.example/</li></ol></body></html>'
    )
)
recipe("html-nested-unclosed", ".html", scalable=True)(
    lambda s: b"<html><body>" + b"<div><span><b>" * (30_000 * s) + b"Fact."
)
recipe("html-nested-lists", ".html", scalable=True)(
    lambda s: b"<html><body><p>Fact.[1]</p>" + b"<ol><li>" * (30_000 * s) + b"https://a.example/"
)
recipe("html-nested-sup", ".html", scalable=True)(
    lambda s: (
        b"<html><body><p>Fact."
        + b"<sup>" * (30_000 * s)
        + b"[1]"
        + b"</sup>" * (30_000 * s)
        + b"</p><ol><li>https://a.example/</li></ol></body></html>"
    )
)
recipe("html-nested-tables", ".html", scalable=True)(
    lambda s: b"<html><body>" + b"<table><tr><td>" * (20_000 * s) + b"Fact.[1]"
)
recipe("html-unclosed-comment", ".html")(
    lambda s: b"<html><body><p>Fact.[1]</p><!-- <ol><li>https://a.example/</li></ol>"
)
recipe("html-many-links", ".html", scalable=True)(
    lambda s: (
        b"<html><body><p>Fact.[1]</p><ol><li>"
        + b"".join(b'<a href="https://a.example/%d">%d</a> ' % (i, i) for i in range(10_000 * s))
        + b"</li></ol></body></html>"
    )
)
recipe("html-many-notes", ".html", scalable=True)(
    lambda s: (
        b"<html><body><p>"
        + b"".join(
            b'Fact %d.<sup><a href="#cite_note-%d">[%d]</a></sup> ' % (i, i, i)
            for i in range(1, 5000 * s)
        )
        + b'</p><ol class="references">'
        + b"".join(
            b'<li id="cite_note-%d">Src, <a href="https://a.example/%d">T</a>.'
            b" Retrieved 3 May 2021.</li>"
            % (i, i)
            for i in range(1, 5000 * s)
        )
        + b"</ol></body></html>"
    )
)
recipe("html-bad-entities", ".html")(
    lambda s: (
        b"<html><body><p>Fact &#0; &#xD800; &#99999999999; "
        b"&#x110000; &bogus; &amp[1]</p><ol><li>&#0;https://a.example/&#xDFFF;</li></ol></body></html>"
    )
)
recipe("html-huge-attribute", ".html")(
    lambda s: (
        b'<html><body><p title="'
        + b"x" * 20_000_000
        + b'">Fact.[1]</p><ol><li>https://a.example/</li></ol></body></html>'
    )
)
recipe("html-many-attributes", ".html")(
    lambda s: (
        b"<html><body><p "
        + b" ".join(b"a%d=1" % i for i in range(100_000))
        + b">Fact.[1]</p></body></html>"
    )
)
recipe("html-meta-charset-bogus", ".html")(
    lambda s: b'<html><head><meta charset="x-no-such"></head><body><p>Caf\xe9.[1]</p></body></html>'
)
recipe("html-xml-decl-entities", ".html")(
    lambda s: (
        b'<?xml version="1.0"?>' + _LAUGHS.encode() + b"<html><body><p>&lol9;[1]</p></body></html>"
    )
)
recipe("html-backlinks-cycle", ".html")(
    lambda s: (
        b'<html><body><p>A<sup id="r1"><a href="#n1">1</a></sup></p><ol>'
        b'<li id="n1"><a href="#r1">^</a><a href="#n1">self</a> https://a.example/</li>'
        b'<li id="n1">dup id</li></ol></body></html>'
    )
)

# ---- Markdown

recipe("md-deep-blockquote", ".md", scalable=True)(
    lambda s: b">" * (50_000 * s) + b" Fact.[^1]\n\n[^1]: https://a.example/\n"
)
# Lists nested down 400 levels and back, again and again: the size grows with the scale.
recipe("md-deep-lists", ".md", scalable=True)(
    lambda s: (
        b"".join(b"  " * (i % 400) + b"- item\n" for i in range(2000 * s))
        + b"\nFact.[^1]\n\n[^1]: https://a.example/\n"
    )
)
recipe("md-many-brackets", ".md", scalable=True)(
    lambda s: b"# T\n\nFact.[^1] " + b"[" * (100_000 * s) + b"\n\n[^1]: https://a.example/\n"
)
recipe("md-many-link-brackets", ".md", scalable=True)(
    lambda s: b"# T\n\nFact.[^1] " + b"[a](" * (50_000 * s) + b"\n\n[^1]: https://a.example/\n"
)
recipe("md-unclosed-fence", ".md")(
    lambda s: b"# T\n\nFact.[^1]\n\n```\n[^1]: https://a.example/\n" * 100
)
recipe("md-many-footnotes", ".md", scalable=True)(
    lambda s: (
        b"# T\n\n"
        + b" ".join(b"Fact %d.[^n%d]" % (i, i) for i in range(5000 * s))
        + b"\n\n"
        + b"".join(b"[^n%d]: Src, https://a.example/%d\n" % (i, i) for i in range(5000 * s))
    )
)
recipe("md-markers-without-notes", ".md", scalable=True)(
    lambda s: b"# T\n\n" + b"Fact.[^x] " * (100_000 * s) + b"\n"
)
recipe("md-nested-emphasis", ".md", scalable=True)(
    lambda s: b"# T\n\nFact.[^1] " + b"*_" * (50_000 * s) + b"\n\n[^1]: https://a.example/\n"
)
recipe("md-html-anchors-unclosed", ".md")(
    lambda s: (
        b"# T\n\nFact<sup>[1](#fn1)</sup>\n\n"
        + b'<a name="fn1">' * 5000
        + b"1</a>: https://a.example/\n"
    )
)
recipe("md-front-matter-unclosed", ".md")(
    lambda s: (
        b"---\ntitle: [unclosed\n"
        + b"key: {{{{\n" * 1000
        + b"Fact.[^1]\n\n[^1]: https://a.example/\n"
    )
)
recipe("md-reference-links-many", ".md", scalable=True)(
    lambda s: (
        b"# T\n\n"
        + b"".join(b"Fact [%d].\n" % i for i in range(5000 * s))
        + b"\n"
        + b"".join(b"[%d]: https://a.example/%d\n" % (i, i) for i in range(5000 * s))
    )
)

# ---- reStructuredText

recipe("rst-deep-indent", ".rst", scalable=True)(
    lambda s: (
        b"Title\n=====\n\nFact [#]_.\n\n"
        + b"".join(b" " * (i % 400) + b"x\n\n" for i in range(2000 * s))
        + b".. [#] https://a.example/\n"
    )
)
recipe("rst-unclosed-literal", ".rst")(
    lambda s: (
        b"Title\n=====\n\nFact [1]_ ``never closed `x <https://a.example/`_\n\n.. [1] `Text <https://a"
    )
)
recipe("rst-many-notes", ".rst", scalable=True)(
    lambda s: (
        b"Title\n=====\n\n"
        + b" ".join(b"Fact %d [%d]_." % (i, i) for i in range(1, 3000 * s))
        + b"\n\n"
        + b"".join(b".. [%d] Src https://a.example/%d\n" % (i, i) for i in range(1, 3000 * s))
    )
)
recipe("rst-directive-garbage", ".rst")(
    lambda s: (
        b".. [1] x\n.. include:: /etc/passwd\n.. raw:: html\n   :file: /etc/passwd\n\nFact [1]_.\n"
    )
)
recipe("rst-deep-blockquote", ".rst", scalable=True)(
    lambda s: (
        b"Fact [1]_.\n\n"
        + b"".join(b"   " * (i % 200) + b"q\n\n" for i in range(500 * s))
        + b".. [1] https://a.example/\n"
    )
)

# ---- generic text, forced through every prose reader


def _generic(
    name: str,
    build: Callable[[int], bytes],
    *,
    scalable: bool = False,
    note: bool = False,
    suffix: str = ".txt",
) -> None:
    recipe(name, suffix, formats=ALL_TEXT, scalable=scalable, note=note)(build)


_generic("nul-bytes", lambda s: b"Fact.\x00[1]\x00\n\n[1] https://a.example/\x00\n")
_generic(
    "nul-bytes-sparse",
    lambda s: b"Fact one.[1] " * 2000 + b"\x00" + b"\n\n[1] https://a.example/\n",
)
_generic(
    "lone-surrogates-utf8",
    lambda s: b"Fact \xed\xa0\x80.[1]\n\n[1] https://a.example/\xed\xbf\xbf\n",
)
_generic(
    "mixed-encodings",
    lambda s: (
        "Café.[1] ".encode()
        + "Çağrı.[2]".encode("cp1254")
        + "\n\n[1] https://a.example/\n[2] Erişim tarihi: 3 Mayıs 2021".encode("latin-1", "replace")
    ),
)
_generic(
    "bom-utf8-then-utf16",
    lambda s: b"\xef\xbb\xbf" + "Fact.[1]\n\n[1] https://a.example/".encode("utf-16"),
)
_generic("bom-utf16-odd-length", lambda s: b"\xff\xfe" + "Fact.[1]".encode("utf-16-le") + b"\x41")
_generic("bom-utf32-truncated", lambda s: b"\xff\xfe\x00\x00F\x00\x00")
_generic("bom-only", lambda s: b"\xef\xbb\xbf")
_generic("bom-repeated", lambda s: b"\xef\xbb\xbf" * 1000 + b"Fact.[1]\n\n[1] https://a.example/\n")
_generic("single-line-20mb", lambda s: b"word " * (4_000_000 * s), scalable=True)
_generic("single-line-20mb-brackets", lambda s: b"[1]" * (2_000_000 * s // 3 * 3), scalable=True)
_generic("markers-without-notes", lambda s: b"Fact [1]. " * (100_000 * s), scalable=True)
_generic(
    "markers-distinct-without-notes",
    lambda s: b" ".join(b"Fact %d.[%d]" % (i, i) for i in range(100_000 * s)),
    scalable=True,
)
_generic(
    "note-10000-urls",
    lambda s: (
        b"Fact.[1]\n\n[1] "
        + b" ".join(b"https://a.example/%d" % i for i in range(10_000 * s))
        + b"\n"
    ),
    scalable=True,
    note=True,
)
_generic(
    "url-1mb",
    lambda s: b"Fact.[1]\n\n[1] https://a.example/" + b"a" * (1_000_000 * s) + b"\n",
    scalable=True,
    note=True,
)
_generic(
    "url-1mb-of-punctuation",
    lambda s: b"Fact.[1]\n\n[1] https://a.example/" + b"(.)," * (250_000 * s) + b"\n",
    scalable=True,
    note=True,
)
_generic(
    "pathological-dates",
    lambda s: b"Fact.[1]\n\n[1] Retrieved " + b"31 31 31 2021 May May " * (20_000 * s) + b"\n",
    scalable=True,
    note=True,
)
_generic(
    "pathological-date-digits",
    lambda s: b"Fact.[1]\n\n[1] accessed " + b"1/" * (100_000 * s) + b"\n",
    scalable=True,
    note=True,
)
_generic(
    "pathological-brackets",
    lambda s: (
        b"Fact.[1]\n\n[1] "
        + b"(" * (100_000 * s)
        + b"[" * (100_000 * s)
        + b"\xe2\x80\x9c" * (50_000 * s)
        + b"\n"
    ),
    scalable=True,
    note=True,
)
_generic(
    "pathological-quotes",
    lambda s: b"Fact.[1]\n\n[1] " + b'"a" ' * (100_000 * s) + b"\n",
    scalable=True,
    note=True,
)
_generic(
    "pathological-spaces",
    lambda s: b"Fact.[1]\n\n[1] " + b" \t" * (500_000 * s) + b"x\n",
    scalable=True,
    note=True,
)
_generic(
    "pathological-dots",
    lambda s: b"Fact.[1]\n\n[1] " + b"A. " * (200_000 * s) + b"\n",
    scalable=True,
    note=True,
)
_generic(
    "pathological-commas",
    lambda s: b"Fact.[1]\n\n[1] " + b"Smith, J., " * (100_000 * s) + b"\n",
    scalable=True,
    note=True,
)
_generic(
    "note-huge-one-line",
    lambda s: b"Fact.[1]\n\n[1] " + b"word " * (400_000 * s) + b"https://a.example/\n",
    scalable=True,
    note=True,
)
_generic(
    "many-notes-no-markers",
    lambda s: (
        b"Prose.\n\n"
        + b"".join(b"[%d] https://a.example/%d\n" % (i, i) for i in range(1, 20_000 * s))
    ),
    scalable=True,
)
_generic("many-short-lines", lambda s: b"x\n" * (1_000_000 * s), scalable=True)
_generic(
    "many-blank-lines",
    lambda s: b"Fact.[1]" + b"\n" * (2_000_000 * s) + b"[1] https://a.example/\n",
    scalable=True,
)
_generic("many-sentences-no-space", lambda s: b"A.B." * (500_000 * s), scalable=True)
_generic("control-chars", lambda s: bytes(range(1, 32)) * 100)
_generic("only-whitespace", lambda s: b" \n\t\r\n" * 100)
_generic("cr-only-newlines", lambda s: b"Fact.[1]\r\r[1] https://a.example/\r" * 1000)
_generic(
    "unicode-line-separators",
    lambda s: "Fact.[1]\u2028\u2029[1] https://a.example/\x85\u2028".encode() * 1000,
)
_generic(
    "combining-marks",
    lambda s: ("Fact" + "\u0301" * 100_000 + ".[1]\n\n[1] https://a.example/\n").encode(),
)
_generic(
    "emoji-and-astral", lambda s: ("Fact 🏛️𝕏.[1]\n\n[1] https://a.example/🏛 «𝕏»\n" * 500).encode()
)
_generic(
    "rtl-and-bidi",
    lambda s: ("حقيقة.[1]\u202e\u2066\n\n[1] تاريخ الوصول https://a.example/\u200f\n").encode(),
)
_generic("html-in-text", lambda s: b"<script>" * 1000 + b"Fact.[1]\n\n[1] https://a.example/")
_generic("csl-looking-text", lambda s: b'{"type": "x", "title": "T"' + b", " * 1000)
_generic("bib-looking-text", lambda s: b"@misc{" * 10_000)


# ---- notes alone (parse_note)


def _note(name: str, text: bytes, scalable: bool = False) -> None:
    recipe(name, ".txt", formats=(None,), note=True, scalable=scalable)(lambda s, t=text: t * s)


_note(
    "note-lone-surrogate-str",
    "Title \ud800 https://a.example/\udfff".encode("utf-8", "surrogatepass"),
)
_note("note-nul", b"Title\x00 https://a.example/\x00 accessed 3 May 2021")
_note(
    "note-dates-every-shape",
    b"0/0/0000 31/02/2024 99.99.9999 2021-13-45 32 May 2021 "
    b"May 0, 2021 1e9999 -1 BC 2021\xe5\xb9\xb45\xe6\x9c\x8840\xe6\x97\xa5 "
    b"\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa1",
)
_note("note-years-huge", b"Retrieved 3 May 99999999999999999999. Published 0 January 0000.")


# --------------------------------------------------------------------------- running


@dataclass
class Job:
    """One run: an input file through the API, ``parse_note`` or the CLI."""

    recipe: str
    scale: int
    kind: str  # api, note, notes, audit
    path: str
    format: str | None
    result: dict = field(default_factory=dict)


class _CpuTimeout(BaseException):
    """The job used up its CPU seconds (the machine is shared: wall time says little)."""


def _on_cpu_timeout(signum, frame) -> None:
    raise _CpuTimeout


def _worker() -> None:
    """Read jobs (JSON lines) from stdin, answer each with a JSON line on stdout.

    Each job gets ``timeout`` seconds of CPU time (``ITIMER_PROF``); the parent's wall
    clock is only the backstop for work stuck inside C that never returns to Python."""
    import signal

    signal.signal(signal.SIGPROF, _on_cpu_timeout)
    real_stdout = sys.stdout
    for line in sys.stdin:
        job = json.loads(line)
        start = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, job["timeout"])
        try:
            result = _run_one(job)
        except _CpuTimeout:
            result = {"outcome": "hang", "detail": f"over {job['timeout']:g} CPU seconds"}
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        result["cpu"] = time.process_time() - start
        real_stdout.write(json.dumps(result) + "\n")
        real_stdout.flush()


def _run_one(job: dict) -> dict:
    from citeaudit.errors import CiteauditError

    kind, path, fmt = job["kind"], job["path"], job["format"]
    if kind in ("api", "note"):
        try:
            if kind == "api":
                from citeaudit.read import parse_article

                article = parse_article(Path(path), fmt)
                return {"outcome": "fine", "detail": f"{len(article.notes)} notes"}
            from citeaudit.notes import parse_note

            raw = Path(path).read_bytes().decode("utf-8", "surrogatepass")
            note = parse_note(raw, "1")
            return {"outcome": "fine", "detail": f"{len(note.urls)} urls"}
        except CiteauditError as exc:
            return {"outcome": "fine", "detail": f"{type(exc).__name__}: {_short(str(exc))}"}
        except _CpuTimeout:
            raise
        except BaseException as exc:
            tb = traceback.extract_tb(exc.__traceback__)
            where = next(
                (
                    f"{Path(f.filename).name}:{f.lineno} {f.name}"
                    for f in reversed(tb)
                    if "citeaudit" in f.filename
                ),
                "?",
            )
            return {
                "outcome": "crash",
                "detail": f"{type(exc).__name__}: {_short(str(exc))} at {where}",
            }
    from citeaudit.cli import main

    argv = _cli_argv(job)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except _CpuTimeout:
            raise
        except BaseException as exc:
            code = f"raised {type(exc).__name__}"
    return _cli_outcome(code, err.getvalue())


def _cli_argv(job: dict) -> list[str]:
    argv = [job["kind"], job["path"], "--format", "json"]
    if job["kind"] == "audit":
        argv += ["-q", "--replay", job["warc"], "--archive", "none"]
    if job["format"]:
        argv += ["--input-format", job["format"]]
    return argv


def _cli_outcome(code, stderr: str) -> dict:
    lines = [line for line in stderr.splitlines() if line.strip()]
    if isinstance(code, str) or code == 3 or "Traceback" in stderr or len(lines) > 1 or code < 0:
        return {"outcome": "crash", "detail": f"exit {code}: {_short(' | '.join(lines[-2:]))}"}
    return {
        "outcome": "fine",
        "detail": f"exit {code}" + (f": {_short(lines[0])}" if lines else ""),
    }


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


WALL_BACKSTOP = 6
"""The parent waits this many times the CPU timeout in wall time before it kills a worker."""


class Worker:
    """A worker process; restarted after a hang or a crash that kills it."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.proc: subprocess.Popen | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()

    def _start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=self.env,
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._pump, args=(self.proc, self.lines), daemon=True).start()

    @staticmethod
    def _pump(proc: subprocess.Popen, lines: queue.Queue) -> None:
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    def run(self, job: dict, timeout: float) -> dict:
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        assert self.proc is not None and self.proc.stdin is not None
        wall = time.monotonic()
        try:
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
            line = self.lines.get(timeout=WALL_BACKSTOP * timeout + 5)
        except queue.Empty:
            self.stop()
            return {
                "outcome": "hang",
                "detail": f"no answer in {WALL_BACKSTOP * timeout + 5:g} "
                "wall seconds (stuck in C?)",
                "cpu": timeout,
            }
        except BrokenPipeError:
            line = None
        if line is None:
            code = self.proc.wait()
            self.proc = None
            return {
                "outcome": "crash",
                "detail": f"worker died (status {code})",
                "cpu": time.monotonic() - wall,
            }
        return json.loads(line)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


def _subprocess_cli(job: dict, timeout: float, env: dict[str, str]) -> dict:
    argv = [sys.executable, "-m", "citeaudit", *_cli_argv(job)]
    start = time.monotonic()
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        return {"outcome": "hang", "detail": f"no answer in {timeout:g} s", "cpu": timeout}
    result = _cli_outcome(done.returncode, done.stderr)
    result["cpu"] = time.monotonic() - start
    return result


def _empty_warc(directory: Path) -> str:
    from citeaudit.warc.record import write_exchanges

    path = directory / "empty.warc.gz"
    write_exchanges(path, [])
    return str(path)


def main(argv: list[str] | None = None) -> int:
    """Build every recipe's input, run it, print the table; 1 if anything is not fine."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated parts of recipe names to run")
    parser.add_argument("--kinds", default="api,note,notes,audit")
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--growth", type=float, default=3.0)
    parser.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    parser.add_argument("--list", action="store_true")
    parser.add_argument(
        "--cli-subprocess",
        action="store_true",
        help="run the CLI as its own program for each input (slow)",
    )
    parser.add_argument("--json", type=Path, help="also write every result here")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker()
        return 0
    chosen = [
        r for r in RECIPES if not args.only or any(part in r.name for part in args.only.split(","))
    ]
    kinds = args.kinds.split(",")
    if args.list:
        for r in chosen:
            print(
                f"{r.name:40} {r.suffix:6} formats={','.join(f or 'auto' for f in r.formats)}"
                + (" scalable" if r.scalable else "")
                + (" note" if r.note else "")
            )
        return 0
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="citeaudit-hostile-"))
    workdir.mkdir(parents=True, exist_ok=True)
    warc = _empty_warc(workdir)
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    sys.path.insert(0, src)
    worker = Worker(env)
    results: list[Job] = []
    inputs = 0
    try:
        for r in chosen:
            for scale in (1, 2) if r.scalable else (1,):
                path = workdir / f"{r.name}-x{scale}{r.suffix}"
                path.write_bytes(r.build(scale))
                inputs += 1
                todo = []
                if r.note and "note" in kinds:
                    todo.append(Job(r.name, scale, "note", str(path), None))
                for fmt in r.formats:
                    todo += [
                        Job(r.name, scale, kind, str(path), fmt)
                        for kind in ("api", "notes", "audit")
                        if kind in kinds
                    ]
                for job in todo:
                    payload = {
                        "kind": job.kind,
                        "path": job.path,
                        "format": job.format,
                        "warc": warc,
                        "timeout": args.timeout,
                    }
                    if args.cli_subprocess and job.kind in ("notes", "audit"):
                        job.result = _subprocess_cli(payload, args.timeout, env)
                    else:
                        job.result = worker.run(payload, args.timeout)
                    results.append(job)
                    if job.result["outcome"] != "fine":
                        print(
                            f"{job.result['outcome']:6} {r.name} x{scale} {job.kind} "
                            f"{job.format or 'auto'}: {job.result['detail']}",
                            flush=True,
                        )
                if not args.keep:
                    path.unlink()
    finally:
        worker.stop()
    _growth(results, args.growth)
    return _table(results, inputs, args.json)


def _growth(results: list[Job], limit: float) -> None:
    """Mark a scalable recipe's scale-2 run super-linear when its time grew past ``limit``."""
    by_key = {(j.recipe, j.kind, j.format, j.scale): j for j in results}
    for job in results:
        if job.scale != 2 or job.result["outcome"] != "fine":
            continue
        first = by_key.get((job.recipe, job.kind, job.format, 1))
        if first is None or first.result["outcome"] != "fine":
            continue
        before, after = first.result["cpu"], job.result["cpu"]
        if after > 0.3 and after > limit * max(before, 0.05):
            job.result = {
                **job.result,
                "outcome": "superlinear",
                "detail": f"{before:.2f} s → {after:.2f} s when the size doubled",
            }
            print(
                f"superlinear {job.recipe} {job.kind} {job.format or 'auto'}: "
                f"{job.result['detail']}",
                flush=True,
            )


def _table(results: list[Job], inputs: int, json_path: Path | None) -> int:
    counts: dict[str, int] = {}
    for job in results:
        counts[job.result["outcome"]] = counts.get(job.result["outcome"], 0) + 1
    print(
        f"\n{inputs} inputs, {len(results)} runs: "
        + ", ".join(f"{counts.get(k, 0)} {k}" for k in ("fine", "crash", "hang", "superlinear"))
    )
    bad = [j for j in results if j.result["outcome"] != "fine"]
    if bad:
        print(f"\n{'outcome':11} {'recipe':36} {'run':6} {'format':9} detail")
        for j in bad:
            print(
                f"{j.result['outcome']:11} {j.recipe + ' x' + str(j.scale):36} {j.kind:6} "
                f"{j.format or 'auto':9} {j.result['detail']}"
            )
    slowest = sorted(results, key=lambda j: -j.result.get("cpu", 0))[:8]
    print(
        "\nslowest runs: "
        + "; ".join(
            f"{j.recipe} x{j.scale} {j.kind} {j.format or 'auto'} {j.result.get('cpu', 0):.2f} s"
            for j in slowest
        )
    )
    if json_path is not None:
        json_path.write_text(
            json.dumps(
                [
                    {
                        "recipe": j.recipe,
                        "scale": j.scale,
                        "kind": j.kind,
                        "format": j.format,
                        **j.result,
                    }
                    for j in results
                ],
                indent=1,
            )
        )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
