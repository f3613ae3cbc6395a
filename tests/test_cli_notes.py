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


def test_bad_input_format_is_a_usage_error(data_dir, capsys):
    assert main(["notes", str(data_dir / "ankasam.txt"), "--input-format", "pdf"]) == 2
    assert "invalid choice" in capsys.readouterr().err
