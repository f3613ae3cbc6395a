"""The GitHub Action: ``python -m citeaudit.ci.github`` run as action.yml runs it.

Every test sets the GitHub environment (``GITHUB_STEP_SUMMARY``,
``GITHUB_OUTPUT``, ``INPUT_*``) and runs the entry point in a child process,
answered offline from the bundled example's WARC capture.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import etree

from citeaudit.ci.github import Inputs
from citeaudit.ci.summary import MAX_SUMMARY, job_summary
from tests.support.children import die_with_parent

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ankasam"
SRC = ROOT / "src"


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


def run_action(tmp_path: Path, **inputs: str) -> tuple[int, dict[str, str], str, str]:
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(SRC),
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_WORKSPACE": str(ROOT),  # the article paths are inside it
        **{f"INPUT_{k.upper()}": v for k, v in inputs.items()},
    }
    done = subprocess.run([sys.executable, "-m", "citeaudit.ci.github"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300, check=False,
                          preexec_fn=die_with_parent)
    text = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return done.returncode, _outputs(output), text, done.stdout + done.stderr


def _example_args() -> str:
    return f"{EXAMPLE / 'article.txt'} --replay {EXAMPLE / 'capture.warc.gz'}"


@pytest.mark.slow
def test_audit_writes_the_report_summary_and_outputs_and_fails_on_findings(tmp_path):
    code, outputs, summary, log = run_action(tmp_path, command="audit", args=_example_args(),
                                             fail="true")  # format: the default
    assert code == 1, log
    assert outputs == {"exit_code": "1", "report": "citeaudit-report.md"}
    report = (tmp_path / "citeaudit-report.md").read_text(encoding="utf-8")
    assert report.startswith("# Citation audit:")
    assert summary.startswith("### citeaudit audit\n")
    assert "Exit status **1**: findings matched --fail-on." in summary
    assert report in summary
    assert "::warning title=citeaudit::findings matched --fail-on" in log


@pytest.mark.slow
def test_fail_false_passes_the_step_but_still_reports_the_exit_code(tmp_path):
    code, outputs, summary, log_text = run_action(
        tmp_path, command="audit", args=_example_args(), format="sarif",
        output="reports/audit.sarif", fail="false", cache_dir=str(tmp_path / "cache"))
    assert code == 0
    assert outputs == {"exit_code": "1", "report": "reports/audit.sarif"}
    log = json.loads((tmp_path / "reports" / "audit.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert re.search(r"^::warning file=examples/ankasam/article\.txt,line=\d+,col=\d+,"
                     r"title=citeaudit "
                     r"dead_link_archived::", log_text, re.MULTILINE)
    # The summary of a SARIF log is its findings, each at its line and column.
    assert "| Level | Rule | Line:column | Message |" in summary
    assert re.search(r"\| warning \| `dead_link_archived` \| \d+:\d+ \|", summary)


def test_sarif_findings_become_annotations_at_their_line():
    from citeaudit.ci.github import annotations

    log = {"version": "2.1.0", "runs": [{"results": [
        {"ruleId": "dead_link", "level": "error", "message": {"text": "gone: 100%\nFix: x"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "articles/a,b.md"},
                                             "region": {"startLine": 4, "startColumn": 9}}}]},
        {"ruleId": "uncited_claim", "level": "note", "message": {"text": "no note"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "https://x.example/a"}}}]},
    ]}]}
    assert annotations(json.dumps(log)) == [
        "::error file=articles/a%2Cb.md,line=4,col=9,title=citeaudit dead_link::"
        "gone: 100%25%0AFix: x",
        "::notice title=citeaudit uncited_claim::no note",
    ]
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    uri["uri"] = "/home/runner/work/site/site/articles/a.md"
    assert annotations(json.dumps(log), "/home/runner/work/site/site")[0].startswith(
        "::error file=articles/a.md,line=4")
    assert annotations("# Markdown") == [] and annotations('{"schema": "x"}') == []


@pytest.mark.slow
def test_fail_on_none_exits_zero_and_junit_summary_counts_cases(tmp_path):
    code, outputs, summary, _ = run_action(
        tmp_path, command="audit", args=_example_args() + " --fail-on none", format="junit")
    assert (code, outputs["exit_code"]) == (0, "0")
    doc = etree.parse(str(tmp_path / "citeaudit-report.xml"))
    assert doc.getroot().get("failures") == "0"
    assert "test cases, 0 failures." in summary


@pytest.mark.slow
def test_an_input_error_is_exit_2_with_a_workflow_error_line(tmp_path):
    code, outputs, summary, log = run_action(tmp_path, command="audit",
                                             args=str(tmp_path / "missing.txt"))
    assert code == 2 and outputs["exit_code"] == "2"
    assert "usage or input error" in summary
    assert "missing.txt: no such file" in log
    assert "::error title=citeaudit::citeaudit audit exited 2" in log


def test_bad_inputs_are_refused_before_anything_runs(tmp_path):
    code, outputs, _, log = run_action(tmp_path, command="publish", args="x")
    assert (code, outputs) == (2, {"exit_code": "2", "report": ""})
    assert "::error title=citeaudit::unknown command 'publish'" in log
    code, _, _, log = run_action(tmp_path, command="audit", fail="maybe")
    assert code == 2 and "'fail' input must be true or false" in log


def test_inputs_become_citeaudit_arguments():
    base = {"INPUT_COMMAND": "watch  run", "INPUT_ARGS": "--db 'my db.sqlite'\n--no-claims",
            "INPUT_FORMAT": "json", "INPUT_CACHE_DIR": "/tmp/c"}
    inputs = Inputs.from_env(base)
    assert inputs.argv() == ["watch", "run", "--db", "my db.sqlite", "--no-claims",
                             "--format", "json", "--cache", "/tmp/c"]
    assert inputs.report_path() == "citeaudit-report.json"
    # notes and watch report take no --cache; an explicit -o is where the report is.
    notes = Inputs.from_env({**base, "INPUT_COMMAND": "notes", "INPUT_ARGS": "a.md -o n.json"})
    assert notes.argv() == ["notes", "a.md", "-o", "n.json", "--format", "json"]
    assert notes.report_path() == "n.json" and notes.writes_own_output()
    # No format asked: Markdown for the commands that have it, none for the others.
    assert Inputs.from_env({"INPUT_COMMAND": "audit"}).argv() == ["audit", "--format", "md"]
    assert Inputs.from_env({"INPUT_COMMAND": "watch add", "INPUT_ARGS": "a.md"}).argv() == [
        "watch", "add", "a.md"]


def test_file_patterns_in_args_are_expanded_as_a_shell_would(tmp_path, monkeypatch):
    from citeaudit.ci.github import expand

    (tmp_path / "articles" / "old").mkdir(parents=True)
    for name in ("b.md", "a.md", "old/c.md", "notes.txt"):
        (tmp_path / "articles" / name).write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert expand(["articles/*.md", "--fail-on", "dead_link", "https://x.example/?q=*"]) == [
        "articles/a.md", "articles/b.md", "--fail-on", "dead_link", "https://x.example/?q=*"]
    assert expand(["articles/**/*.md"]) == ["articles/a.md", "articles/b.md",
                                            "articles/old/c.md"]
    assert expand(["missing/*.md"]) == ["missing/*.md"]


def test_summary_is_cut_to_what_github_accepts():
    text = job_summary("audit", 0, "# Citation audit\n" + "x" * (2 * MAX_SUMMARY), "r.md")
    assert len(text) <= MAX_SUMMARY
    assert text.endswith("*(cut here: the whole report is in the report file)*\n")


def test_summary_of_text_output_is_folded():
    text = job_summary("links", 1, "https://a.example broken 404\n", None)
    assert "<details><summary>Report</summary>" in text
    assert "https://a.example broken 404" in text


def test_action_yml_runs_the_tested_entry_point_with_pinned_actions():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    run = next(s for s in steps if s.get("id") == "run")
    assert "-m citeaudit.ci.github" in run["run"]
    # Every input the entry point reads is one the action declares and passes.
    read = set(re.findall(r'"(INPUT_[A-Z_]+)"', (SRC / "citeaudit/ci/github.py").read_text()))
    assert read == set(run["env"])
    declared = {f"INPUT_{name.upper().replace('-', '_')}" for name in action["inputs"]}
    assert read - {"INPUT_CACHE_DIR"} <= declared
    assert set(action["outputs"]) == {"exit_code", "report"}
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert any("actions/cache/save" in s.get("uses", "") and "always()" in s["if"]
               for s in steps)
