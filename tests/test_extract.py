"""Page text: the main text, title, language and date of HTML, PDF and plain-text sources,
decoded right even when the page lies about its charset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from citeaudit.extract import PageText, extract

PAGES = Path(__file__).parent / "data" / "pages"


def page(name: str) -> str:
    """A fixture page, stored as readable UTF-8; tests encode it as a server would."""
    return (PAGES / name).read_text(encoding="utf-8")


def with_meta(html: str, meta: str) -> str:
    return html.replace("<head>", "<head>\n" + meta, 1)


# --- HTML main text and metadata ------------------------------------------------------------


def test_article_gives_main_text_without_navigation_or_footer() -> None:
    result = extract(page("article-en.html").encode(), content_type="text/html; charset=utf-8")

    assert "1,500 North Korean special forces soldiers" in result.text
    assert "directed against third countries" in result.text
    for boilerplate in (
        "Subscribe to our newsletter",
        "All rights reserved",
        "Cookie settings",
        "Ten recipes",
    ):
        assert boilerplate not in result.text
    # One paragraph per line, each paragraph's own line breaks joined.
    lines = result.text.splitlines()
    assert any(line.startswith("Moscow denied the report.") for line in lines)
    assert not any(line.startswith("that about 1,500") for line in lines)


def test_article_title_language_and_published_date_come_from_its_metadata() -> None:
    result = extract(page("article-en.html").encode(), content_type="text/html")

    assert result.title == "Seoul and Moscow trade accusations over troop deployment"
    assert result.lang == "en"
    assert result.published == dt.date(2024, 10, 21)
    assert (result.content_type, result.encoding) == ("text/html", "utf-8")


def test_published_date_from_a_time_element() -> None:
    html = (
        "<html><head><title>Budget vote</title></head><body><article><h1>Budget vote</h1>"
        '<time datetime="2023-11-30T18:00:00Z" class="published">30 November 2023</time>'
        "<p>The assembly passed the budget by 301 votes to 250 after a twelve-hour debate.</p>"
        "<p>The opposition said it would challenge two articles before the top court.</p>"
        "</article></body></html>"
    )

    assert extract(html.encode(), content_type="text/html").published == dt.date(2023, 11, 30)


def test_a_date_only_mentioned_in_the_text_is_not_taken_as_publication_date() -> None:
    html = (
        "<html><head><title>Treaty history</title></head><body>"
        "<p>The treaty was signed on 12 March 1999 in Independence, Missouri.</p>"
        "<p>Three countries joined the alliance that day, after years of negotiation.</p>"
        "<p>Historians still debate how much the enlargement changed the region.</p>"
        "</body></html>"
    )

    assert extract(html.encode(), content_type="text/html").published is None


def test_a_short_three_paragraph_page_still_gives_its_text() -> None:
    html = (
        "<html><head><title>Notice</title></head><body>"
        "<p>The office is closed on Friday.</p>"
        "<p>Applications can be sent by post.</p>"
        "<p>We answer within ten days.</p>"
        "</body></html>"
    )

    result = extract(html.encode(), content_type="text/html")

    assert result.text.splitlines() == [
        "The office is closed on Friday.",
        "Applications can be sent by post.",
        "We answer within ten days.",
    ]
    assert result.title == "Notice"


def test_html_is_recognised_without_a_content_type() -> None:
    result = extract(page("article-en.html").encode())

    assert result.content_type == "text/html"
    assert "Kremlin spokesman" in result.text


def test_html_lang_attribute_is_used_when_the_text_is_too_short_to_detect() -> None:
    html = (
        '<html lang="de"><head><title>Impressum</title></head><body><p>Kontakt.</p></body></html>'
    )

    assert extract(html.encode(), content_type="text/html").lang == "de"


def test_without_detection_only_the_declared_language_is_given() -> None:
    english = "<p>" + "The harbour council approved the budget for the new quay. " * 8 + "</p>"
    declared = f'<html lang="de"><head><title>T</title></head><body>{english}</body></html>'
    undeclared = f"<html><head><title>T</title></head><body>{english}</body></html>"

    def lang(html: str, **kwargs: bool) -> str | None:
        return extract(html.encode(), content_type="text/html", **kwargs).lang

    assert lang(declared) == "en"
    assert lang(declared, detect_language=False) == "de"
    assert lang(undeclared, detect_language=False) is None
    plain = extract(english.encode(), content_type="text/plain", detect_language=False)
    assert plain.lang is None and "harbour council" in plain.text


# --- charsets -------------------------------------------------------------------------------

TURKISH_WORDS = ("Dışişleri", "Bakanlığı", "İstanbul", "şubat", "Işık", "görüşmelerin")


def assert_turkish_intact(result: PageText) -> None:
    for word in TURKISH_WORDS:
        assert word in result.text + (result.title or "")
    assert result.title == "Dışişleri Bakanlığı: Görüşmeler şubatta İstanbul'da sürecek"
    assert result.lang == "tr"
    assert result.encoding == "windows-1254"


def test_turkish_windows_1254_page_declared_correctly_in_the_header() -> None:
    body = page("haber-tr.html").encode("cp1254")

    assert_turkish_intact(extract(body, content_type="text/html; charset=windows-1254"))


def test_turkish_windows_1254_page_wrongly_declared_iso_8859_1_in_the_header() -> None:
    body = page("haber-tr.html").encode("cp1254")

    assert_turkish_intact(extract(body, content_type="text/html; charset=ISO-8859-1"))


def test_turkish_windows_1254_page_wrongly_declared_in_a_meta_tag() -> None:
    html = with_meta(
        page("haber-tr.html"),
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
    )

    assert_turkish_intact(extract(html.encode("cp1254"), content_type="text/html"))


def test_turkish_windows_1254_page_with_no_declaration() -> None:
    assert_turkish_intact(extract(page("haber-tr.html").encode("cp1254")))


def test_icelandic_latin_1_page_is_not_mistaken_for_turkish() -> None:
    html = (
        "<html><head><title>Þingvellir</title></head><body>"
        "<p>Þingvellir er þjóðgarður á Íslandi. Þar var Alþingi stofnað árið 930.</p>"
        "<p>Þingið kom þar saman til ársins 1798 og staðurinn er á heimsminjaskrá.</p>"
        "</body></html>"
    )

    result = extract(html.encode("latin-1"), content_type="text/html; charset=iso-8859-1")

    assert "þjóðgarður á Íslandi" in result.text
    assert result.encoding == "windows-1252"


def test_charset_from_the_header_wins_over_a_meta_tag() -> None:
    html = with_meta(page("novosti-ru.html"), '<meta charset="windows-1251">')

    result = extract(html.encode("koi8-r"), content_type="text/html; charset=KOI8-R")

    assert "Министерство иностранных дел" in result.text
    assert result.encoding == "koi8-r"


def test_charset_from_a_meta_tag() -> None:
    html = with_meta(page("novosti-ru.html"), '<meta charset="koi8-r">')

    result = extract(html.encode("koi8-r"), content_type="text/html")

    assert "совместную рабочую группу" in result.text
    assert result.encoding == "koi8-r"


def test_cyrillic_page_with_no_declared_charset_is_detected() -> None:
    result = extract(page("novosti-ru.html").encode("cp1251"), content_type="text/html")

    assert "Переговоры в Москве" in (result.title or "")
    assert "Ранее представители обеих стран" in result.text
    assert result.encoding == "windows-1251"


def test_cyrillic_page_wrongly_declared_iso_8859_1_is_fixed() -> None:
    body = page("novosti-ru.html").encode("cp1251")

    result = extract(body, content_type="text/html; charset=iso-8859-1")

    assert "Министерство иностранных дел" in result.text
    assert "Ì" not in result.text


def test_cyrillic_page_language_and_date() -> None:
    result = extract(page("novosti-ru.html").encode("utf-8"), content_type="text/html")

    assert result.lang == "ru"
    assert result.published == dt.date(2024, 6, 28)
    assert "Главная" not in result.text  # the menu


def test_utf8_page_declared_latin_1_does_not_turn_into_mojibake() -> None:
    html = (
        "<html><head><meta charset='iso-8859-1'><title>Café culture</title></head><body>"
        "<p>The café on the Rue de Rivoli served crème brûlée to the délégation.</p>"
        "<p>Its owner said the naïve décor was a tribute to the 1920s.</p>"
        "<p>It closes in August.</p></body></html>"
    )

    result = extract(html.encode("utf-8"), content_type="text/html; charset=iso-8859-1")

    assert "crème brûlée" in result.text
    assert "Ã" not in result.text
    assert result.encoding == "utf-8"


def test_a_byte_order_mark_wins_over_a_wrong_header() -> None:
    body = "\ufeff".encode() + page("haber-tr.html").encode("utf-8")

    result = extract(body, content_type="text/html; charset=iso-8859-1")

    assert "Dışişleri Bakanlığı" in result.text
    assert result.encoding == "utf-8"


def test_utf_16_page_with_a_byte_order_mark() -> None:
    result = extract(page("novosti-ru.html").encode("utf-16"), content_type="text/html")

    assert "Министерство иностранных дел" in result.text


# --- PDF ------------------------------------------------------------------------------------


def pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def minimal_pdf(pages: list[list[str]], *, title: str, created: str) -> bytes:
    """A small valid PDF: one Helvetica text line per string, Info with Title and CreationDate."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for lines in pages:
        stream = (
            "BT /F1 12 Tf 72 720 Td 14 TL "
            + " ".join(f"{pdf_string(line)} Tj T*" for line in lines)
            + " ET"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    objects.append(f"<< /Title {pdf_string(title)} /CreationDate (D:{created}) >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


REPORT_PDF = minimal_pdf(
    [
        ["Annual report on arms control", "The panel met four times in 2023."],
        ["Annex: the panel recommends a new verification regime."],
    ],
    title="Arms Control Report 2023",
    created="20240115093000Z",
)


def test_pdf_gives_the_text_of_every_page_and_its_metadata() -> None:
    result = extract(REPORT_PDF, content_type="application/pdf")

    assert "The panel met four times in 2023." in result.text
    assert "recommends a new verification regime" in result.text
    assert result.text.index("four times") < result.text.index("Annex")
    assert result.title == "Arms Control Report 2023"
    assert result.published == dt.date(2024, 1, 15)
    assert result.lang == "en"
    assert (result.content_type, result.encoding) == ("application/pdf", None)


def test_pdf_sent_as_octet_stream_is_recognised_by_its_signature() -> None:
    result = extract(REPORT_PDF, content_type="application/octet-stream")

    assert result.content_type == "application/pdf"
    assert "Annual report on arms control" in result.text


def test_a_damaged_pdf_gives_empty_text_not_an_error() -> None:
    result = extract(REPORT_PDF[:200], content_type="application/pdf")

    assert (result.text, result.content_type) == ("", "application/pdf")


# --- plain text and anything else -----------------------------------------------------------


def test_plain_text_is_kept_as_is() -> None:
    text = "Press release\r\n\r\nThe ministry confirmed the visit.\r\nTalks start on Monday.\r\n"

    result = extract(text.encode(), content_type="text/plain; charset=utf-8")

    assert (
        result.text == "Press release\n\nThe ministry confirmed the visit.\nTalks start on Monday."
    )
    assert (result.content_type, result.title) == ("text/plain", None)


def test_plain_text_in_windows_1252_without_charset() -> None:
    text = "Le café a servi une crème brûlée, déjà célèbre, à la délégation naïve."

    result = extract(text.encode("cp1252"), content_type="text/plain")

    assert result.text == text
    assert result.lang == "fr"


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "image/png"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", None),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "application/octet-stream"),
        (b"<html><body>not a pdf</body></html>", "application/pdf"),
        (b"", None),
    ],
    ids=["png", "png-unlabelled", "docx-as-octet-stream", "html-labelled-pdf", "empty"],
)
def test_unknown_or_binary_content_gives_empty_text(
    content: bytes, content_type: str | None
) -> None:
    result = extract(content, content_type=content_type)

    assert result.text == ""
    assert result.title is None


def test_control_characters_xml_forbids_are_removed_from_html_before_reading() -> None:
    from citeaudit.charset import xml_safe

    assert xml_safe("a\x00b\x08c\x1fd\x7fe\tf\ng\rh") == "abcde\tf\ng\rh"
    assert xml_safe("page\x0cbreak\x0bhere") == "page break here"
    page = extract(
        b"<html><head><title>Harbour\x08 budget</title></head><body><article><p>"
        + b"The council approved the harbour budget\x1f on Tuesday after a long debate. " * 8
        + b"</p></article></body></html>",
        content_type="text/html; charset=utf-8",
        detect_language=False,
    )
    assert "harbour budget on Tuesday" in page.text
    assert not any(ord(c) < 32 and c not in "\n\t" for c in page.text + (page.title or ""))


def test_charset_sniffing_skips_scripts_and_tags_even_unclosed_ones() -> None:
    from citeaudit.charset import visible_text as _visible

    html = "a<script>x<p>y</p></script>b<STYLE media=x>z</style >c<p class='q'>d</p><<e"
    assert _visible(html).split() == ["a", "b", "c", "d", "<<e"]
    assert _visible("before<script>never closed <p>text</p>").split() == ["before"]
