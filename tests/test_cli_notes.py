"""``citeaudit notes``: tables, JSON, stdin, and one-line errors with exit code 2."""

from __future__ import annotations

import io
import json

import pytest

from citeaudit.cli import main
from citeaudit.cli.common import ExitCode


def test_text_output_lists_notes_claims_and_uncited_claims(data_dir, capsys):
    assert main(["notes", str(data_dir / "ankasam.txt")]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "5 notes, 5 cited claims" in out
    for heading in ("Notes", "Cited claims", "Uncited claims"):
        assert heading in out
    assert "c4" in out and "11,000 containers" in out
    assert "1.6 million" in out  # an uncited figure


def test_json_output_follows_the_report_schema(data_dir, capsys):
    assert main(["notes", str(data_dir / "ankasam.txt"), "--format", "json"]) == ExitCode.OK
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"article", "notes", "claims", "uncited"}
    assert document["article"]["title"].startswith("The North Korea’s Interventions")
    assert [n["label"] for n in document["notes"]] == ["1", "2", "3", "4", "5"]
    assert {"label", "raw", "title", "publisher", "urls", "access_date", "ibid_of"} <= set(
        document["notes"][0]
    )
    claim = document["claims"][3]
    assert (claim["id"], claim["notes"]) == ("c4", ["4"])
    assert claim["text"].startswith("According to the Washington Post")
    assert all(u["notes"] == [] and u["signals"] for u in document["uncited"])


def test_stdin_with_an_input_format(monkeypatch, capsys, data_dir):
    page = (data_dir / "articles" / "pandoc.html").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(page)))
    assert main(["notes", "-", "--input-format", "html", "--format", "json"]) == ExitCode.OK
    document = json.loads(capsys.readouterr().out)
    assert document["article"]["source"] == "<stdin>"
    assert [c["notes"] for c in document["claims"]] == [["1"], ["2"]]


def _error_cases(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return {
        "missing": str(tmp_path / "missing.txt"),
        "directory": str(tmp_path),
        "empty": str(empty),
        "binary": str(binary),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "binary"])
def test_unusable_article_is_one_line_on_stderr_and_exit_2(tmp_path, capsys, case):
    assert main(["notes", _error_cases(tmp_path)[case]]) == ExitCode.USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("citeaudit: error: ")
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


def _assert_one_line_error(capsys, *fragments):
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("citeaudit: error: ")
    assert captured.err.count("\n") == 1
    for fragment in fragments:
        assert fragment in captured.err


def test_unknown_input_format_is_one_line_and_exit_2(data_dir, capsys):
    assert main(["notes", str(data_dir / "ankasam.txt"), "--input-format", "odt"]) == 2
    _assert_one_line_error(capsys, "unknown article format 'odt'", "text, html, markdown")


def test_unreadable_path_is_one_line_and_exit_2(tmp_path, capsys):
    # A path through a regular file cannot be opened (ENOTDIR), even by root,
    # unlike a chmod 000 file.
    (tmp_path / "article.txt").write_text("Fact.[1]\n\n[1] Note.", encoding="utf-8")
    assert main(["notes", str(tmp_path / "article.txt" / "inner.txt")]) == ExitCode.USAGE
    _assert_one_line_error(capsys, "cannot read", "inner.txt")


def test_binary_file_without_a_known_signature_is_one_line_and_exit_2(tmp_path, capsys):
    path = tmp_path / "dump.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert main(["notes", str(path)]) == ExitCode.USAGE
    _assert_one_line_error(capsys, "dump.txt is a binary file")


@pytest.mark.parametrize(
    ("stdin", "message"),
    [(b"", "<stdin> is empty"), (b"\n \n", "<stdin> is empty"),
     (b"\x00\x01\x02" * 100, "<stdin> is a binary file")],
)
def test_unusable_stdin_is_one_line_and_exit_2(monkeypatch, capsys, stdin, message):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    assert main(["notes", "-"]) == ExitCode.USAGE
    _assert_one_line_error(capsys, message)


def test_stdin_format_is_sniffed_from_content(monkeypatch, capsys):
    text = "Exports rose in 2024.[^kita]\n\n[^kita]: KITA annual report, 2024.\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["notes", "-", "--format", "json"]) == ExitCode.OK
    document = json.loads(capsys.readouterr().out)
    assert document["article"]["format"] == "markdown"
    assert document["claims"][0]["notes"] == ["kita"]


ARTICLE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Harbour</title></head>
<body><p>The council approved 4.2 million euros for the harbour.<sup><a href="#n1">1</a></sup></p>
<ol><li id="n1">"Harbour budget", Loopback Times, https://news.example/harbour,
(Access Date: 27.06.2024).</li></ol></body></html>"""


def test_an_article_url_is_fetched_and_read(capsys):
    from tests.support.site import Page, Site

    site = Site({"/article": Page(body=ARTICLE_PAGE)})
    with site.running():
        url = site.url("/article")
        assert main(["notes", url, "--allow-private", "--format", "json"]) == ExitCode.OK
    document = json.loads(capsys.readouterr().out)
    assert document["article"]["source"] == url
    assert document["notes"][0]["urls"] == ["https://news.example/harbour"]


def test_an_unreachable_article_url_is_named_whole_in_the_error(capsys):
    url = "http://127.0.0.1:9/article"  # the discard port: nothing listens
    assert main(["notes", url, "--allow-private", "--timeout", "5"]) == ExitCode.USAGE
    _assert_one_line_error(capsys, url)


@pytest.mark.parametrize(("rows", "header"), [
    ("notes", "note,kind,title,publisher,access_date,url,outcome"),
    ("claims", "claim,cited,notes,text,verdict"),
])
def test_csv_rows_are_notes_or_claims(data_dir, capsys, rows, header):
    path = str(data_dir / "ankasam.txt")
    assert main(["notes", path, "--format", "csv", "--csv-rows", rows]) == ExitCode.OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(header)
    if rows == "notes":
        assert lines[1].startswith("1,")
    else:
        cited = [line for line in lines[1:] if line.split(",")[1] == "yes"]
        assert len(cited) == 5 and any(",no," in line for line in lines[1:])


def test_notes_write_to_a_file_with_o(data_dir, tmp_path, capsys):
    out = tmp_path / "notes.json"
    assert main(["notes", str(data_dir / "ankasam.txt"), "--format", "json",
                 "-o", str(out)]) == ExitCode.OK
    assert capsys.readouterr().out == ""
    assert len(json.loads(out.read_text())["notes"]) == 5
