"""Where an article comes from, its encoding and its format; unusable input is an InputError."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeaudit.errors import InputError, UnsupportedFormat
from citeaudit.read import parse_article
from citeaudit.read.detect import sniff_format


def test_turkish_windows_1254_text_is_decoded(data_dir, tmp_path):
    readable = (data_dir / "articles" / "turkish.txt").read_text(encoding="utf-8")
    path = tmp_path / "makale.txt"
    path.write_bytes(readable.encode("windows-1254"))
    a = parse_article(path)
    assert a.title == "Kuzey Kore’nin Rusya-Ukrayna Savaşına Müdahalesi"
    assert "askerî iş birliği" in a.body and "Ağustos 2023’ten" in a.body
    assert [n.label for n in a.notes] == ["1", "2"]
    assert a.notes[0].raw.startswith("“Kuzey Kore Rusya’ya mühimmat gönderdi”, Hürriyet,")
    assert "Etiketler" not in a.body and "Paylaş" not in a.body


def test_cyrillic_windows_1251_html_declares_its_charset(data_dir, tmp_path):
    readable = (data_dir / "articles" / "russian.html").read_text(encoding="utf-8")
    path = tmp_path / "statya.html"
    path.write_bytes(readable.encode("windows-1251"))
    a = parse_article(path)
    assert a.title == "Союз Москвы и Пхеньяна"
    assert [n.label for n in a.notes] == ["1", "2"]
    assert a.notes[1].raw == "«Северокорейские военные в Курской области», РИА Новости, 13.12.2024."
    assert a.claims[1].text.startswith("По данным южнокорейской разведки")
    assert "Примечания" not in a.body and "Главная" not in a.body


def test_cyrillic_koi8_r_text_without_declaration_is_detected(data_dir):
    readable = (data_dir / "articles" / "russian.txt").read_text(encoding="utf-8")
    a = parse_article(readable.encode("koi8-r"))
    assert a.source == "<bytes>"
    assert a.body.startswith("Сотрудничество России и Северной Кореи")
    assert a.notes[0].raw.startswith('"Северная Корея отправила боеприпасы", РИА Новости')


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Ports grew in 2023.[1]\n\n[1] Note.".encode("utf-16"))
    assert parse_article(path).claims[0].text == "Ports grew in 2023."


@pytest.mark.parametrize(
    ("source_kind", "expected_source"),
    [("path", "a.md"), ("str-path", "a.md"), ("text", "<text>"), ("bytes", "<bytes>")],
)
def test_sources_a_path_a_file_name_text_or_bytes(tmp_path, monkeypatch, source_kind,
                                                   expected_source):
    text = "Exports rose in 2024.[^x]\n\n[^x]: Customs data.\n"
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(text, encoding="utf-8")
    source = {"path": Path("a.md"), "str-path": "a.md", "text": text,
              "bytes": text.encode()}[source_kind]
    a = parse_article(source)
    assert a.source == expected_source
    assert a.format == "markdown"
    assert [n.label for n in a.notes] == ["x"]


def test_name_and_format_override(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<p>Fact.<sup>1</sup></p><ol><li>Source.</li></ol>", encoding="utf-8")
    assert parse_article(path).format == "text"
    a = parse_article(path, "html", name="<stdin>")
    assert (a.format, a.source, [n.raw for n in a.notes]) == ("html", "<stdin>", ["Source."])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("<p>One.</p><p>Two.</p><div>Three.</div>", "html"),
        ("Body.[^1]\n\n[^1]: Note.", "markdown"),
        ("# Title\n\n## Section\n\nText.", "markdown"),
        ("Body.[1]\n\n[1] Note.", "text"),
    ],
)
def test_sniffing(text, expected):
    assert sniff_format(text) == expected


def errors_for(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n ", encoding="utf-8")
    binary = tmp_path / "data.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    pdf = tmp_path / "paper.txt"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    return {
        "missing": (tmp_path / "nope.txt", "no such file"),
        "missing-str": (str(tmp_path / "nope.html"), "no such file"),
        "directory": (tmp_path, "is a directory"),
        "empty": (empty, "is empty"),
        "binary": (binary, "binary"),
        "pdf": (pdf, "PDF"),
        "empty-text": ("   ", "empty"),
    }


@pytest.mark.parametrize("case", ["missing", "missing-str", "directory", "empty", "binary", "pdf",
                                  "empty-text"])
def test_unusable_input_is_a_one_line_input_error(tmp_path, case):
    source, message = errors_for(tmp_path)[case]
    with pytest.raises(InputError) as info:
        parse_article(source)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_unknown_format_is_unsupported():
    with pytest.raises(UnsupportedFormat, match="unknown article format 'odt'"):
        parse_article("Some text.", "odt")


def test_cyrillic_windows_1251_text_without_declaration_is_detected(data_dir):
    readable = (data_dir / "articles" / "russian.txt").read_text(encoding="utf-8")
    a = parse_article(readable.encode("windows-1251"))
    assert a.body == parse_article(readable).body
    assert a.body.startswith("Сотрудничество России и Северной Кореи")
    assert [n.label for n in a.notes] == ["1"]
    assert a.notes[0].raw.startswith('"Северная Корея отправила боеприпасы", РИА Новости')


def test_turkish_windows_1254_bytes_with_a_short_note():
    text = (
        "Türkiye’nin ihracatı 2024’te yüzde 12 arttı.[1] Şirketler büyüdü.\n\n"
        "[1] “İhracat rekoru”, Hürriyet, https://www.hurriyet.com.tr/ekonomi/ihracat-42414, "
        "Erişim Tarihi: 28.06.2024.\n"
    )
    a = parse_article(text.encode("windows-1254"))
    assert a.claims[0].text == "Türkiye’nin ihracatı 2024’te yüzde 12 arttı."
    assert a.notes[0].raw.startswith("“İhracat rekoru”, Hürriyet,")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("page.htm", "Just a sentence.", "html"),
        ("page.xhtml", "<p>Fact.</p>", "html"),
        ("notes.text", "# not a heading here\n\n[^1] is literal", "text"),
        ("essay.markdown", "Prose.", "markdown"),
        # No known suffix: the content decides.
        ("export.dat", "<!DOCTYPE html><html><body><p>Fact.</p></body></html>", "html"),
        ("export", "Body.[^a]\n\n[^a]: Note.", "markdown"),
        ("README", "Body.[1]\n\n[1] Note.", "text"),
    ],
)
def test_format_by_extension_then_by_content(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert parse_article(path).format == expected


def test_format_override_beats_the_extension(tmp_path):
    path = tmp_path / "article.md"
    path.write_text("<p>Ships sailed in 2024.<sup>1</sup></p><ol><li>Lloyd’s List.</li></ol>",
                    encoding="utf-8")
    a = parse_article(path, format="html")
    assert a.format == "html"
    assert [n.raw for n in a.notes] == ["Lloyd’s List."]
    assert a.claims[0].note_labels == ("1",)


def test_a_byte_order_mark_over_bytes_of_another_encoding_is_an_input_error():
    with pytest.raises(InputError, match="byte-order mark"):
        parse_article(b"\xff\xfe\x00\x00" + b"not utf-32 at all")


def test_in_memory_sources_are_named_in_errors():
    with pytest.raises(InputError, match=r"^<stdin> is empty$"):
        parse_article(b"  \n", name="<stdin>")
    with pytest.raises(InputError, match=r"^<stdin> is a binary file"):
        parse_article(bytes(range(256)) * 4, name="<stdin>")
