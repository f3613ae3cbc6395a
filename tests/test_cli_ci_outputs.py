"""``citeaudit audit --format junit|sarif`` and ``--fix wikitext [--diff]`` end to end."""

from __future__ import annotations

import json
import re

import pytest
from lxml import etree

from citeaudit.cli import main
from tests.test_cli_audit import archive_flag, world  # noqa: F401  (fixtures)
from tests.test_report_ci_formats import SCHEMAS

WIKI = """\
The council approved a budget of 4.2 million euros for the harbour.<ref>{{{{cite web \
|url={base}/harbour |title=Council approves harbour budget
 |access-date=27 June 2024}}}}</ref>

The stadium will seat 45,000 spectators after its renovation.<ref name="stadium">\
{{{{cite web |url={base}/stadium |title=Stadium plans |access-date=27 June 2024}}}}</ref> \
After its renovation, the stadium will seat 45,000 spectators.<ref name="stadium" />

== References ==
{{{{reflist}}}}
"""
STADIUM_TAIL = "|access-date=27 June 2024}}</ref> After"
"""The end of the one citation the fix edits: the dead link's, inside its named ref."""


def _line_and_column(text: str, needle: str) -> dict[str, int]:
    at = text.index(needle)
    return {"startLine": text.count("\n", 0, at) + 1,
            "startColumn": at - (text.rfind("\n", 0, at) + 1) + 1}


@pytest.fixture
def wiki(world, tmp_path):  # noqa: F811
    site, _ = world
    path = tmp_path / "article.wiki"
    path.write_text(WIKI.format(base=site.base), encoding="utf-8")
    return path


def test_sarif_from_the_cli_points_at_the_dead_links_ref_tag(wiki, archive_flag, capsys):  # noqa: F811
    import jsonschema

    code = main(["audit", str(wiki), "--format", "sarif", *archive_flag])
    log = json.loads(capsys.readouterr().out)
    schema = json.loads((SCHEMAS / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "dead_link_archived"
    # The note's first marker: the <ref name="stadium"> that defines it, on line 4.
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == _line_and_column(wiki.read_text(encoding="utf-8"), '<ref name="stadium">')
    assert region["startLine"] == 4
    assert code == 0


def test_junit_from_the_cli_fails_what_fail_on_selects(wiki, archive_flag, capsys):  # noqa: F811
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "jenkins-junit.xsd")))
    assert main(["audit", str(wiki), "--format", "junit", "--fail-on", "warning",
                 *archive_flag]) == 1
    doc = etree.fromstring(capsys.readouterr().out.encode())
    schema.assertValid(doc)
    (failure,) = doc.iter("failure")
    assert failure.get("type") == "dead_link_archived"
    # Where the note's marker is, as a compiler would say it: its <ref name="stadium"> tag.
    at = _line_and_column(wiki.read_text(encoding="utf-8"), '<ref name="stadium">')
    assert f"At: {wiki}:{at['startLine']}:{at['startColumn']}" in failure.text
    # Three claims, the last citing the note again through <ref name="stadium" />.
    claims = [c.get("name") for c in doc.iter("testcase") if c.get("classname").endswith("claims")]
    assert [name.split(":")[0] for name in claims] == ["c1", "c2", "c3"]


def test_fix_diff_prints_the_edit_and_leaves_the_file(wiki, archive_flag, capsys):  # noqa: F811
    before = wiki.read_text(encoding="utf-8")
    assert main(["audit", str(wiki), "--fix", "wikitext", "--diff", *archive_flag]) == 0
    out, err = capsys.readouterr()
    assert wiki.read_text(encoding="utf-8") == before
    added = [line[1:] for line in out.splitlines() if line.startswith("+") and
             not line.startswith("+++")]
    removed = [line[1:] for line in out.splitlines() if line.startswith("-") and
               not line.startswith("---")]
    assert len(added) == len(removed) == 1
    assert removed[0].startswith("The stadium will seat")
    assert '<ref name="stadium">{{cite web |url=' in removed[0] and "/stadium " in removed[0]
    mended = re.fullmatch(
        r"(.*\|access-date=27 June 2024) \|archive-url=(\S+/stadium) "
        r"\|archive-date=2024-06-20 \|url-status=dead(\}\}</ref> After.*)", added[0])
    assert mended is not None, added[0]
    assert mended.group(1) + mended.group(3) == removed[0]
    assert "would mend 1 citations" in err


def test_fix_writes_the_article_back_and_still_reports(wiki, archive_flag, tmp_path, capsys):  # noqa: F811
    before = wiki.read_text(encoding="utf-8")
    report = tmp_path / "report.json"
    assert main(["audit", str(wiki), "--fix", "wikitext", "--format", "json", "-o", str(report),
                 *archive_flag]) == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["schema"] == "citeaudit/report/v1"
    (dead,) = [f for f in data["findings"] if f["kind"] == "dead_link_archived"]
    assert dead["note"] == "2"
    # Byte for byte the article, but for the parameters added to the dead link's template.
    added = f" |archive-url={dead['archive_url']} |archive-date=2024-06-20 |url-status=dead"
    assert before.count(STADIUM_TAIL) == 1
    assert wiki.read_text(encoding="utf-8") == before.replace(
        STADIUM_TAIL, STADIUM_TAIL.replace(" 2024}}", " 2024" + added + "}}"))
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
