"""PDF articles: the text layer's superscript markers, page-foot footnotes and reference list.

Each PDF is written here from a readable list of text lines (position, type
size, rise, text) by a minimal PDF writer, so the test shows what the page
holds.
"""

from __future__ import annotations

import pytest

from citeaudit.errors import InputError
from citeaudit.read import parse_article

Line = tuple[float, float, float, float, str]
"""x, y, type size, rise (superscripts are raised), text."""


def make_pdf(pages: list[list[Line]]) -> bytes:
    """A PDF whose pages show ``pages``' lines in Helvetica."""
    objects: list[str] = ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for lines in pages:
        ops = []
        for x, y, size, rise, text in lines:
            quoted = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"BT /F1 {size} Tf {rise} Ts {x} {y} Td ({quoted}) Tj ET")
        stream = "\n".join(ops)
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    pages_id = len(objects) + len(pages) + 1
    kids = []
    for index in range(len(pages)):
        objects.append(
            f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 1 0 R >> >> /Contents {index + 2} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects.append(f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>")
    objects.append(f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root {len(objects)} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return out


def test_superscript_markers_and_page_foot_footnotes(tmp_path):
    path = tmp_path / "harbour.pdf"
    path.write_bytes(make_pdf([
        [
            (72, 720, 12, 0, "The harbour handled 4.2 million containers in 2023."),
            (380, 720, 7, 5, "1"),
            (72, 704, 12, 0, "Storms closed the port twice that winter."),
            (320, 704, 7, 5, "2"),
            (72, 80, 9, 0, "1 Port Authority, Annual Report, https://port.example/report."),
            (72, 68, 9, 0, "2 Harbour News, https://news.example/storms,"),
            (72, 58, 9, 0, "accessed 3 May 2024."),
        ],
        [
            (72, 720, 12, 0, "A new quay opened in 2024."),
            (240, 720, 7, 5, "3"),
            (72, 80, 9, 0, "3 City Council, https://city.example/quay."),
        ],
    ]))
    a = parse_article(path)
    assert a.format == "pdf"
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://port.example/report",)),
        ("2", ("https://news.example/storms",)),
        ("3", ("https://city.example/quay",)),
    ]
    assert a.notes[1].raw.endswith("accessed 3 May 2024.")
    assert [(c.text, c.note_labels) for c in a.claims] == [
        ("The harbour handled 4.2 million containers in 2023.", ("1",)),
        ("Storms closed the port twice that winter.", ("2",)),
        ("A new quay opened in 2024.", ("3",)),
    ]
    assert "Port Authority" not in a.body


def test_a_reference_list_at_the_end_of_the_text_layer():
    a = parse_article(make_pdf([[
        (72, 720, 11, 0, "Rainfall doubled in 2022 [1] and fell in 2023 [2]."),
        (72, 690, 14, 0, "References"),
        (72, 670, 11, 0, "[1] Met Office, https://met.example/rain-2022."),
        (72, 656, 11, 0, "[2] Met Office, https://met.example/rain-2023."),
    ]]))
    assert [n.urls for n in a.notes] == [("https://met.example/rain-2022",),
                                         ("https://met.example/rain-2023",)]
    assert a.claims[0].note_labels == ("1", "2")


def test_a_pdf_without_text_says_so():
    with pytest.raises(InputError, match="no text layer"):
        parse_article(make_pdf([[]]))


def test_a_pdf_whose_cross_reference_offset_is_wrong_warns_and_prints_nothing(capfd):
    page = make_pdf([[(72, 720, 12, 0, "The mayor said so.")]])
    xref_at = page.rindex(b"startxref\n") + len(b"startxref\n")
    damaged = page[:xref_at] + b"9" + page[xref_at:]  # the offset now points past the file
    article = parse_article(damaged)
    assert article.body == "The mayor said so."
    assert any(w.startswith("the PDF is damaged (") for w in article.warnings)
    assert capfd.readouterr().err == ""


def test_a_password_protected_pdf_is_an_input_error_that_says_so():
    import io

    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf([[(72, 720, 12, 0, "Secret.")]])))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InputError, match="encrypted with a password"):
        parse_article(out.getvalue())
