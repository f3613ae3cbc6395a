"""The Markdown job summary of a citeaudit run, whatever format its report is in.

A Markdown report is the summary itself; an audit's JSON document, a SARIF
log or JUnit XML become a findings table; a watch report's JSON its counts;
anything else (text, CSV, HTML) is shown in a folded block.  The summary
never grows past what GitHub shows (1 MiB per step): long ones are cut, and
say so.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

MAX_SUMMARY = 1_000_000
"""Characters a step summary may hold (GitHub refuses more than 1 MiB)."""
MAX_ROWS = 200
"""Findings listed before the table says "and N more"."""

EXIT_MEANING = {
    0: "nothing matched --fail-on",
    1: "findings matched --fail-on",
    2: "usage or input error: nothing was checked",
    3: "the run could not complete",
    130: "interrupted",
    143: "terminated",
}


def _cell(text: object) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        out.append(f"\n…and {len(rows) - MAX_ROWS} more (see the report file).")
    return out


def _from_audit_json(doc: dict[str, Any]) -> list[str]:
    summary = doc.get("summary", {})
    lines = [
        f"{summary.get('notes', 0)} notes, {summary.get('claims', 0)} cited claims, "
        f"{summary.get('links', 0)} links ({summary.get('archived', 0)} archived), "
        f"{len(doc.get('findings', []))} findings.",
        "",
    ]
    rows = [(f["severity"], f"`{f['kind']}`", f.get("note") or "", f["reason"], f["fix"])
            for f in doc.get("findings", [])]
    return lines + (_table(rows, ("Severity", "Kind", "Note", "Reason", "Fix")) if rows
                    else ["No findings."])


def _from_watch_json(doc: dict[str, Any]) -> list[str]:
    counts = doc.get("summary", {})
    lines = [", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()) + ".", ""]
    rows = [(section.replace("_", " "), change["url"], change.get("reason", ""))
            for section in ("newly_dead", "drifted") for change in doc.get(section, [])]
    return lines + (_table(rows, ("What", "URL", "Why")) if rows else ["Nothing newly broke."])


def _from_sarif(doc: dict[str, Any]) -> list[str]:
    rows = []
    for run in doc.get("runs", []):
        for result in run.get("results", []):
            region = (result.get("locations") or [{}])[0].get("physicalLocation", {})
            where = region.get("region", {})
            at = f"{where['startLine']}:{where['startColumn']}" if where else ""
            rows.append((result.get("level", ""), f"`{result.get('ruleId', '')}`", at,
                         result.get("message", {}).get("text", "")))
    return _table(rows, ("Level", "Rule", "Line:column", "Message")) if rows else ["No findings."]


def _from_junit(root: etree._Element) -> list[str]:
    failures = [(case.get("name", ""), f.get("type", ""), f.get("message", ""))
                for case in root.iter("testcase") for f in case.iter("failure")]
    lines = [f"{root.get('tests', '0')} test cases, {root.get('failures', '0')} failures.", ""]
    return lines + (_table(failures, ("Test case", "Kind", "Message")) if failures else [])


def body(report: str) -> list[str]:
    """Summary lines for a report's text, by what the text turns out to be."""
    stripped = report.lstrip()
    if stripped.startswith("{"):
        try:
            doc = json.loads(report)
        except ValueError:
            doc = None
        if isinstance(doc, dict):
            schema = str(doc.get("schema", ""))
            if schema.startswith("citeaudit/report/"):
                return _from_audit_json(doc)
            if schema.startswith("citeaudit/watch-report/"):
                return _from_watch_json(doc)
            if "runs" in doc and str(doc.get("version", "")).startswith("2.1"):
                return _from_sarif(doc)
    if stripped.startswith("<?xml") or stripped.startswith("<testsuites"):
        try:
            root = etree.fromstring(report.encode("utf-8"))
        except etree.XMLSyntaxError:
            root = None
        if root is not None and root.tag in ("testsuites", "testsuite"):
            return _from_junit(root)
    if stripped.startswith("#"):
        return [report.rstrip("\n")]
    if not stripped:
        return []
    fence = "````"
    return ["<details><summary>Report</summary>", "", fence, report.rstrip("\n"), fence, "",
            "</details>"]


def job_summary(command: str, exit_code: int, report: str, report_path: str | None) -> str:
    """The Markdown written to ``$GITHUB_STEP_SUMMARY`` for one run."""
    meaning = EXIT_MEANING.get(exit_code, "unexpected exit status")
    head = [f"### citeaudit {command}", "", f"Exit status **{exit_code}**: {meaning}."]
    if report_path:
        head[-1] += f" Report: `{report_path}`."
    text = "\n".join([*head, "", *body(report)]) + "\n"
    if len(text) > MAX_SUMMARY:
        note = "\n\n*(cut here: the whole report is in the report file)*\n"
        text = text[: MAX_SUMMARY - len(note)] + note
    return text
