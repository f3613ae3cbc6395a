"""The JUnit and SARIF reports, validated against their published schemas."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import jsonschema
import pytest
from lxml import etree

from citeaudit.report import FORMATS, junit, render, sarif
from tests.support.reports import MARKDOWN, REUTERS, REUTERS_SNAPSHOT, build_report

SCHEMAS = Path(__file__).parent / "data" / "schemas"


@pytest.fixture(scope="module")
def report():
    return build_report()


@pytest.fixture(scope="module")
def sarif_schema():
    schema = json.loads((SCHEMAS / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def junit_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "jenkins-junit.xsd")))


def _junit(out: str, schema: etree.XMLSchema) -> etree._Element:
    doc = etree.fromstring(out.encode("utf-8"))
    schema.assertValid(doc)
    return doc


def test_junit_and_sarif_are_registered_formats(report):
    assert {"junit", "sarif"} <= set(FORMATS)
    assert render(report, "junit", fail_on=("any",), color=True).startswith("<?xml")
    assert json.loads(render(report, "sarif", original=MARKDOWN, width=80))["version"] == "2.1.0"


def test_settings_accept_every_registered_format():
    from citeaudit.settings import REPORT_FORMATS

    assert tuple(FORMATS) == REPORT_FORMATS


def test_junit_has_one_case_per_note_and_claim_and_is_valid(report, junit_schema):
    doc = _junit(junit.render(report), junit_schema)
    suite = doc.find("testsuite")
    names = [c.get("name") for c in suite.findall("testcase")]
    assert names[0].startswith("note 1: Putin and Kim sign pact")
    assert names[1].startswith("note 2")
    assert names[2].startswith("c1: On June 19, 2024 Putin")
    assert names[3].startswith("c2: North Korea has sent")
    assert suite.get("tests") == str(len(names)) == str(
        len(report.notes) + len(report.article.claims) + len(report.article.uncited))


def test_junit_fails_only_findings_at_or_above_fail_on(report, junit_schema):
    # The default --fail-on holds contradicted, not dead_link_archived.
    doc = _junit(junit.render(report), junit_schema)
    failures = doc.findall(".//failure")
    assert [f.get("type") for f in failures] == ["contradicted"]
    assert doc.get("failures") == "1"
    note1 = doc.find("testsuite/testcase")
    assert note1.find("failure") is None
    assert "dead_link_archived" in note1.find("system-out").text
    assert REUTERS_SNAPSHOT in note1.find("system-out").text

    doc = _junit(junit.render(report, fail_on=("warning",)), junit_schema)
    assert sorted(f.get("type") for f in doc.findall(".//failure")) == [
        "contradicted", "dead_link_archived"]
    assert _junit(junit.render(report, fail_on=("none",)), junit_schema).get("failures") == "0"


def test_junit_skips_claims_that_could_not_be_checked_and_errors_when_interrupted(
    report, junit_schema
):
    unchecked = attrs.evolve(report.claims[0], verdict=None, reason="every link is dead")
    odd = attrs.evolve(report, claims=(unchecked, report.claims[1]), complete=False)
    doc = _junit(junit.render(odd), junit_schema)
    c1 = doc.findall("testsuite/testcase")[2]
    assert c1.find("skipped").text == "every link is dead"
    assert doc.find("testsuite").get("skipped") == "1"
    assert doc.get("errors") == "1"


def test_sarif_is_valid_and_has_a_result_per_finding_at_its_marker(report, sarif_schema):
    log = json.loads(sarif.render(report, original=MARKDOWN))
    sarif_schema.validate(log)
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["dead_link_archived", "contradicted"]
    assert [r["level"] for r in results] == ["warning", "error"]
    lines = MARKDOWN.splitlines()
    for result, marker in zip(results, ("[^1]", "[^2]"), strict=True):
        region = result["locations"][0]["physicalLocation"]["region"]
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:].startswith(marker)
    assert results[0]["properties"] == {"note": "1", "url": REUTERS,
                                        "archiveUrl": REUTERS_SNAPSHOT}
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[results[1]["ruleIndex"]]["id"] == "contradicted"


def test_sarif_without_the_article_text_still_names_the_file_but_no_region(report, sarif_schema):
    log = json.loads(sarif.render(report))
    sarif_schema.validate(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert "region" not in location
    assert location["artifactLocation"]["uri"] == "%3Ctext%3E"  # "<text>" as a URI
    assert sarif.artifact_uri("articles/Año 2024.md") == "articles/A%C3%B1o%202024.md"


def test_sarif_finds_markers_in_html_and_plain_text():
    from citeaudit import parse_article
    from citeaudit.report.locate import Locator

    html = (
        "<html><body><p>Exports rose 5% in 2023.<sup><a href='#n1'>1</a></sup></p>\n"
        "<p>Imports fell 2% in 2023.<sup><a href='#n2'>[2]</a></sup></p>\n"
        "<ol><li id='n1'>Trade data. https://example.org/a</li>"
        "<li id='n2'>More data. https://example.org/b</li></ol></body></html>"
    )
    # Hard-wrapped prose: a line may start with a marker that is not a note's own line.
    text = (
        "Exports rose 5% in 2023.[1] Imports fell 2% in 2023, the office\n"
        "said in its yearly report on trade\n[2] and wages rose 3% in 2023.[2]\n\n"
        "Notes\n[1] Trade data. https://example.org/a\n[2] More. https://example.org/b\n"
    )
    for original, fmt in ((html, "html"), (text, "text")):
        article = parse_article(original, format=fmt)
        assert [c.note_labels for c in article.claims] == [("1",), ("2",)], fmt
        locator = Locator(build_report_for(article), original)
        lines = original.splitlines()
        found = [locator.marker(claim) for claim in article.claims]
        for claim, where in zip(article.claims, found, strict=True):
            assert where is not None, (fmt, claim.id)
            rest = lines[where.line - 1][where.column - 1:]
            assert rest.startswith(("<sup>", "[", "<sup"))
            assert claim.note_labels[0] in rest[:40]
        if fmt == "text":
            assert [(w.line, w.column) for w in found] == [(1, 25), (3, 31)]


def build_report_for(article):
    import datetime as dt

    from citeaudit.report.model import Report

    return Report(article=article, checked_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
