"""The issue a scheduled ``watch run`` opens, or updates, when something broke.

``python -m citeaudit.ci.issue WATCH-REPORT.json -o body.md [--run-url URL]``
reads ``citeaudit watch report --format json`` and writes the issue's body;
it sets ``broke``, ``title`` and ``marker`` in ``$GITHUB_OUTPUT`` so the
workflow can find the one open issue carrying :data:`MARKER` and edit it
rather than open another.  Only what newly broke (links that died, pages that
drifted) is listed: those are what an editor must act on.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

MARKER = "<!-- citeaudit-watch-issue -->"
"""Hidden in the body: how the workflow recognises the issue it keeps up to date."""
MAX_BODY = 65_000
"""GitHub refuses issue bodies over 65,536 characters."""


@attrs.frozen
class Issue:
    """An issue's title and body, and whether there is anything to report."""

    title: str
    body: str
    broke: bool


def _cell(text: object) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _cited(change: dict[str, Any]) -> str:
    return "<br>".join(_cell(f"{c['article']} [{c['note']}]") for c in change.get("cited_by", []))


def _dead_rows(changes: list[dict[str, Any]]) -> list[str]:
    rows = ["| URL | Result | Cited in |", "|---|---|---|"]
    for c in changes:
        status = f" HTTP {c['status']}" if c.get("status") else ""
        why = f"{c['outcome']}{status}" + (f": {c['reason']}" if c.get("reason") else "")
        rows.append(f"| <{c['url']}> | {_cell(why)} | {_cited(c)} |")
    return rows


def _drift_rows(changes: list[dict[str, Any]]) -> list[str]:
    rows = ["| URL | Text similarity | Claims no longer supported | Cited in |",
            "|---|---|---|---|"]
    for c in changes:
        similarity = f"{c['similarity']:.2f}" if c.get("similarity") is not None else ""
        lost = "<br>".join(
            _cell(f"{x['article']} {x['claim_id']}: {x['before']} → {x['after']}")
            for x in c.get("lost_claims", [])
        )
        rows.append(f"| <{c['url']}> | {similarity} | {lost} | {_cited(c)} |")
    return rows


def build_issue(report: dict[str, Any], run_url: str | None = None) -> Issue:
    """The issue for one ``citeaudit/watch-report/v1`` document."""
    dead, drifted = report.get("newly_dead", []), report.get("drifted", [])
    parts = []
    if dead:
        parts.append(_plural(len(dead), "link died", "links died"))
    if drifted:
        parts.append(_plural(len(drifted), "page drifted", "pages drifted"))
    headline = ", ".join(parts) or "nothing newly broke"
    title = f"citeaudit watch: {headline}"
    run = report.get("last_run") or {}
    facts = []
    if run_url:
        facts.append(f"[workflow run]({run_url})")
    if run:
        facts.append(f"run #{run.get('id')}: {run.get('checked')} of {run.get('planned')} "
                     "URLs checked")
    if report.get("since"):
        facts.append(f"changes since {report['since']}")
    lines = [MARKER, f"## {title}", "", " · ".join(facts), ""]
    footer = ["", "<sub>Kept up to date by the scheduled citeaudit watch workflow: each run "
              "that finds something broken rewrites this issue. Close it once the notes are "
              "mended.</sub>"]
    sections = [("Newly dead", dead, _dead_rows), ("Drifted", drifted, _drift_rows)]
    for name, changes, rows in sections:
        if changes:
            lines += [f"### {name} ({len(changes)})", "", *rows(changes), ""]
    body = "\n".join(lines + footer) + "\n"
    if len(body) > MAX_BODY:
        note = "\n\n…cut here: the whole report is in the workflow run's summary.\n"
        body = body[: MAX_BODY - len(note) - len("\n".join(footer))] + note + "\n".join(footer)
    return Issue(title=title, body=body, broke=bool(dead or drifted))


def main(argv: Sequence[str] | None = None) -> int:
    """Write the issue body; set ``broke``/``title``/``marker`` outputs for the workflow."""
    parser = argparse.ArgumentParser(prog="python -m citeaudit.ci.issue")
    parser.add_argument("report", type=Path, help="citeaudit watch report --format json output")
    parser.add_argument("-o", "--output", type=Path, required=True, help="where the body goes")
    parser.add_argument("--run-url", help="link to the workflow run")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        report = json.loads(args.report.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"citeaudit.ci.issue: error: cannot read {args.report}: {exc}", file=sys.stderr)
        return 2
    if not str(report.get("schema", "")).startswith("citeaudit/watch-report/"):
        print(f"citeaudit.ci.issue: error: {args.report} is not a watch report "
              "(citeaudit watch report --format json)", file=sys.stderr)
        return 2
    issue = build_issue(report, args.run_url)
    args.output.write_text(issue.body, encoding="utf-8")
    out = os.environ.get("GITHUB_OUTPUT")
    if out:
        with open(out, "a", encoding="utf-8") as handle:
            handle.write(f"broke={'true' if issue.broke else 'false'}\ntitle={issue.title}\n"
                         f"marker={MARKER}\n")
    print(issue.title)
    return 0


if __name__ == "__main__":
    sys.exit(main())
