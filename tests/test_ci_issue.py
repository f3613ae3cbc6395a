"""The body of the issue the weekly watch workflow opens or updates."""

from __future__ import annotations

import json

from citeaudit.ci.issue import MARKER, MAX_BODY, build_issue, main
from citeaudit.watch import build_report, render
from tests.test_watch_report import broken_week
from tests.test_watch_web import news_page, time_web_fixture, watch_fixture  # noqa: F401


def _change(url: str, **extra) -> dict:
    return {"url": url, "outcome": "broken", "status": 404, "reason": "HTTP 404",
            "similarity": None, "cited_by": [{"article": "a.md", "title": None, "note": "3"}],
            "lost_claims": [], **extra}


def test_a_broken_week_makes_an_issue_naming_the_dead_link_and_the_drift(
    watch, tmp_path, monkeypatch
):
    harbour, strike = broken_week(watch, tmp_path)
    report = build_report(watch.store, since=watch.clock.now().replace(day=1))
    path = tmp_path / "watch.json"
    path.write_text(render(report, "json"), encoding="utf-8")
    outputs, body = tmp_path / "out.txt", tmp_path / "body.md"
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    assert main([str(path), "-o", str(body), "--run-url", "https://ci.example/run/7"]) == 0
    text = body.read_text(encoding="utf-8")
    assert text.startswith(MARKER + "\n## citeaudit watch: 1 link died, 1 page drifted\n")
    assert "[workflow run](https://ci.example/run/7)" in text
    dead = text[text.index("### Newly dead (1)"):text.index("### Drifted (1)")]
    assert f"| <{harbour}> | broken HTTP 404" in dead
    assert "harbour & port.txt [1]" in dead
    assert f"| <{strike}> |" in text[text.index("### Drifted (1)"):]
    assert outputs.read_text(encoding="utf-8") == (
        f"broke=true\ntitle=citeaudit watch: 1 link died, 1 page drifted\nmarker={MARKER}\n")


def test_lost_claims_say_which_article_they_are_in():
    doc = {"schema": "citeaudit/watch-report/v1", "newly_dead": [], "drifted": [_change(
        "https://x.example/p", outcome="ok", status=200, similarity=0.41,
        lost_claims=[{"article": "copy-a.md", "claim_id": "c2", "text": "T",
                      "before": "supported", "after": "not_found"},
                     {"article": "copy-b.md", "claim_id": "c2", "text": "T",
                      "before": "supported", "after": "not_found"}])]}
    issue = build_issue(doc)
    assert issue.broke
    assert ("| <https://x.example/p> | 0.41 | copy-a.md c2: supported → not_found<br>"
            "copy-b.md c2: supported → not_found | a.md [3] |") in issue.body


def test_nothing_broken_means_no_issue_and_a_huge_week_is_cut_to_fit():
    quiet = build_issue({"schema": "citeaudit/watch-report/v1", "newly_dead": [],
                         "drifted": []})
    assert not quiet.broke and quiet.title == "citeaudit watch: nothing newly broke"
    huge = build_issue({"schema": "citeaudit/watch-report/v1", "drifted": [],
                        "newly_dead": [_change(f"https://x.example/{i:05}") for i in range(3000)]})
    assert huge.title == "citeaudit watch: 3000 links died"
    assert len(huge.body) <= MAX_BODY
    assert "cut here: the whole report is in the workflow run's summary" in huge.body
    assert huge.body.rstrip().endswith("</sub>")


def test_a_file_that_is_not_a_watch_report_is_refused(tmp_path, capsys):
    path = tmp_path / "audit.json"
    path.write_text(json.dumps({"schema": "citeaudit/report/v1"}), encoding="utf-8")
    assert main([str(path), "-o", str(tmp_path / "b.md")]) == 2
    assert "is not a watch report" in capsys.readouterr().err


def test_the_example_workflow_finds_the_issue_by_the_marker_the_body_carries():
    import re
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parent.parent / "examples/scheduling/github/citeaudit-watch.yml"
    text = path.read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    steps = flow["jobs"]["watch"]["steps"]
    assert MARKER in next(s["run"] for s in steps if "gh issue edit" in s.get("run", ""))
    assert "pip install citeaudit" not in text  # not published: the action installs it
    for step in steps:
        uses = step.get("uses", "")
        if uses.startswith("actions/"):
            assert re.fullmatch(r"actions/[\w-]+@[0-9a-f]{40}", uses), uses
    runs = [s["with"]["command"] for s in steps if s.get("uses", "").startswith("citeaudit/")]
    assert runs == ["watch add", "watch run"]
    assert flow["permissions"]["issues"] == "write"
