"""``citeaudit audit --format junit|sarif`` and ``--fix wikitext [--diff]`` end to end."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from citeaudit.cli import main
from tests.test_cli_audit import archive_flag, world  # noqa: F401  (fixtures)
from tests.test_report_ci_formats import SCHEMAS

WIKI = """\
The council approved a budget of 4.2 million euros for the harbour.[1] The stadium will seat \
45,000 spectators after its renovation.[2]

[1] {{{{cite web |url={base}/harbour |title=Council approves harbour budget
 |access-date=27 June 2024}}}}
[2] {{{{cite web |url={base}/stadium |title=Stadium plans |access-date=27 June 2024}}}}
"""


@pytest.fixture
def wiki(world, tmp_path):  # noqa: F811
    site, _ = world
    path = tmp_path / "article.wiki"
    path.write_text(WIKI.format(base=site.base), encoding="utf-8")
    return path


def test_sarif_from_the_cli_points_at_the_dead_links_marker(wiki, archive_flag, capsys):  # noqa: F811
    import jsonschema

    code = main(["audit", str(wiki), "--format", "sarif", *archive_flag])
    log = json.loads(capsys.readouterr().out)
    schema = json.loads((SCHEMAS / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "dead_link_archived"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1, "startColumn": WIKI.index("[2]") + 1}
    assert code == 0


def test_junit_from_the_cli_fails_what_fail_on_selects(wiki, archive_flag, capsys):  # noqa: F811
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "jenkins-junit.xsd")))
    assert main(["audit", str(wiki), "--format", "junit", "--fail-on", "warning",
                 *archive_flag]) == 1
    doc = etree.fromstring(capsys.readouterr().out.encode())
    schema.assertValid(doc)
    assert [f.get("type") for f in doc.iter("failure")] == ["dead_link_archived"]


def test_fix_diff_prints_the_edit_and_leaves_the_file(wiki, archive_flag, capsys):  # noqa: F811
    before = wiki.read_text(encoding="utf-8")
    assert main(["audit", str(wiki), "--fix", "wikitext", "--diff", *archive_flag]) == 0
    out, err = capsys.readouterr()
    assert wiki.read_text(encoding="utf-8") == before
    added = [line for line in out.splitlines() if line.startswith("+[")]
    assert len(added) == 1
    assert added[0].startswith("+[2] {{cite web |url=")
    assert "|access-date=27 June 2024 |archive-url=" in added[0]
    assert added[0].endswith("/stadium |archive-date=2024-06-20 |url-status=dead}}")
    assert "would mend 1 citations" in err


def test_fix_writes_the_article_back_and_still_reports(wiki, archive_flag, tmp_path, capsys):  # noqa: F811
    report = tmp_path / "report.json"
    assert main(["audit", str(wiki), "--fix", "wikitext", "--format", "json", "-o", str(report),
                 *archive_flag]) == 0
    text = wiki.read_text(encoding="utf-8")
    assert text.count("|url-status=dead}}") == 1
    assert json.loads(report.read_text(encoding="utf-8"))["schema"] == "citeaudit/report/v1"
    # Run again: nothing left to mend.
    assert main(["audit", str(wiki), "--fix", "wikitext", "--diff", "--format", "json",
                 "-o", str(report), *archive_flag]) == 0
    assert capsys.readouterr().out == ""


def test_fix_refuses_stdin_without_diff_and_diff_without_fix(capsys):
    assert main(["audit", "-", "--fix", "wikitext"]) == 2
    assert "add --diff" in capsys.readouterr().err
    assert main(["audit", "-", "--diff"]) == 2
    assert "add --fix wikitext" in capsys.readouterr().err


def test_fix_refuses_an_html_article_before_checking_anything(tmp_path, capsys):
    page = tmp_path / "a.html"
    page.write_text("<html><body><p>Text.<sup>[1]</sup></p><ol><li id='n1'>Note "
                    "http://192.0.2.1/x</li></ol></body></html>", encoding="utf-8")
    assert main(["audit", str(page), "--fix", "wikitext", "--diff"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "was read as html" in err
