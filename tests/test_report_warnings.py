"""What reading an article noticed (``Article.warnings``) reaches every audit report."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from citeaudit import parse_article
from citeaudit.cli import main
from citeaudit.report import html, markdown, text
from citeaudit.report.model import Report

# Markers, but the notes list is in no shape a reader knows: nothing it cites can be checked.
NO_NOTES = """\
Exports rose 5% in 2023.[1] Imports fell 2% in 2023.[2]

Sources: see the printed edition.
"""


@pytest.fixture
def report() -> Report:
    article = parse_article(NO_NOTES, format="text")
    return Report(article=article, checked_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))


def test_the_reader_warns_of_markers_without_notes(report):
    (warning,) = report.article.warnings
    assert warning.startswith("2 note markers ([1], [2]) but no notes found")


def test_the_json_report_carries_the_warnings_in_article(report):
    data = report.to_dict()
    assert data["article"]["warnings"] == list(report.article.warnings)
    clean = Report(article=parse_article("Plain prose.\n", format="text"),
                   checked_at=report.checked_at)
    assert clean.to_dict()["article"]["warnings"] == []


def test_text_markdown_and_html_reports_show_the_warnings(report):
    (warning,) = report.article.warnings
    assert f"Warning: {warning}" in " ".join(text.render(report, width=400).split())
    assert f"> **Warning:** {warning}\n" in markdown.render(report)
    escaped = warning.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f"<b>Warning:</b> {escaped}</p>" in html.render(report)


def test_a_report_without_warnings_shows_none(report):
    clean = Report(article=parse_article("Plain prose.\n", format="text"),
                   checked_at=report.checked_at)
    assert "Warning" not in text.render(clean) + markdown.render(clean)
    assert "<b>Warning:</b>" not in html.render(clean)


def test_the_audit_from_the_cli_reports_the_readers_warning(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(NO_NOTES, encoding="utf-8")
    main(["audit", str(article), "--format", "json", "--archive", "none"])
    data = json.loads(capsys.readouterr().out)
    assert [w.split(" but ")[0] for w in data["article"]["warnings"]] == [
        "2 note markers ([1], [2])"]
    main(["audit", str(article), "--format", "md", "--archive", "none"])
    assert "> **Warning:** 2 note markers" in capsys.readouterr().out
