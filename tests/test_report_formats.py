"""The text, JSON, Markdown and CSV reports, and the format registry."""

from __future__ import annotations

import csv
import io
import json

import pytest

from citeaudit.errors import CiteauditError
from citeaudit.report import FORMATS, csv_table, json_doc, markdown, render, text
from tests.support.reports import REUTERS_SNAPSHOT, WAPO, build_report


@pytest.fixture(scope="module")
def report():
    return build_report()


def test_json_report_is_exactly_the_schema_document(report):
    out = json_doc.render(report)
    assert out == report.to_json() + "\n"
    doc = json.loads(out)
    assert doc["schema"] == "citeaudit/report/v1"
    assert [c["verdict"] for c in doc["claims"]] == ["supported", "contradicted"]


def test_text_report_lists_claims_links_findings_and_summary_without_colour(report):
    out = text.render(report, color=False, width=120)
    assert "\x1b[" not in out
    assert "contradicted" in out and "supported" in out
    assert "dead_link_archived (note 1)" in out
    assert "fix: Correct the number or cite a source for 1.6 million & say so." in out
    assert "2 notes, 2 claims, 2 links (1 archived), 2 findings" in out
    assert max(len(line) for line in out.splitlines()) <= 120


def test_text_report_colours_verdicts_when_asked(report):
    out = text.render(report, color=True, width=120)
    # "contradicted" is bold red (ANSI 31) and "supported" green (32).
    assert "\x1b[1;31mcontradicted" in out
    assert "\x1b[32msupported" in out


def test_markdown_report_has_claims_links_and_findings_tables(report):
    out = markdown.render(report)
    assert out.startswith("# Citation audit: Pyongyang and Moscow\n")
    assert "| North Korea has sent close to 1.6 million artillery shells to Russia. | 2 " \
           "| contradicted | live |" in out
    assert f"[2024-06-20]({REUTERS_SNAPSHOT})" in out
    assert "- **error** `contradicted` (note 2):" in out


def test_markdown_cells_escape_pipes(report):
    import attrs

    claim = attrs.evolve(report.claims[0].claim, text="Exports | imports rose 5%")
    odd = attrs.evolve(report, claims=(attrs.evolve(report.claims[0], claim=claim),))
    assert "| Exports \\| imports rose 5% |" in markdown.render(odd)


def test_csv_report_has_one_row_per_finding(report):
    rows = list(csv.DictReader(io.StringIO(csv_table.render(report))))
    assert [r["kind"] for r in rows] == ["dead_link_archived", "contradicted"]
    assert rows[0]["archive_url"] == REUTERS_SNAPSHOT
    assert rows[1] == {
        "severity": "error", "kind": "contradicted", "note": "2", "claim": "c2", "url": WAPO,
        "archive_url": "", "reason": "The source says about 1 million shells, not 1.6 million.",
        "fix": "Correct the number or cite a source for 1.6 million & say so.",
    }


def test_registry_renders_every_format_by_name(report):
    assert set(FORMATS) == {"text", "json", "md", "csv", "html", "junit", "sarif"}
    assert render(report, "json") == json_doc.render(report)
    assert render(report, "markdown") == markdown.render(report)
    assert render(report, "text", color=False, width=90) == text.render(report, color=False,
                                                                         width=90)


def test_registry_refuses_an_unknown_format_with_a_clear_message(report):
    with pytest.raises(CiteauditError, match="unknown report format 'pdf'"):
        render(report, "pdf")
