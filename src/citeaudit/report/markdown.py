"""The Markdown report: a summary, a claims table and the findings, for pull requests."""

from __future__ import annotations

from citeaudit.report.model import Report


def _cell(text: object) -> str:
    # A pipe or newline would break the table row.
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render(report: Report) -> str:
    """The report as GitHub-flavoured Markdown."""
    title = report.article.title or report.article.source
    summary = report.summary()
    lines = [f"# Citation audit: {_cell(title)}", ""]
    if not report.complete:
        why = report.incomplete_reason
        lines += [f"> **Incomplete:** {why}." if why and why != "interrupted"
                  else "> **Interrupted:** only part of the article was checked.", ""]
    # What reading the article noticed (markers but no notes…) says why a report is thin.
    lines += [line for w in report.article.warnings for line in (f"> **Warning:** {w}", "")]
    lines += [
        f"{summary['notes']} notes, {summary['claims']} cited claims, "
        f"{summary['links']} links ({summary['archived']} archived), "
        f"{len(report.findings)} findings.",
        "",
        "## Claims",
        "",
        "| Claim | Notes | Verdict | Source | Reason |",
        "|---|---|---|---|---|",
    ]
    for c in report.claims:
        verdict = c.verdict.label.value if c.verdict else "unchecked"
        reason = c.verdict.reason if c.verdict else c.reason
        source = c.source.value if c.source else ""
        lines.append(
            f"| {_cell(c.claim.text)} | {_cell(', '.join(c.claim.note_labels))} | {verdict} "
            f"| {source} | {_cell(reason)} |"
        )
    lines += ["", "## Links", "", "| Note | URL | Outcome | Archived copy |", "|---|---|---|---|"]
    for n in report.notes:
        for link in n.links:
            snap = link.snapshot
            archived = f"[{snap.datetime.date().isoformat()}]({snap.url})" if snap else ""
            lines.append(
                f"| {_cell(n.note.label)} | {_cell(link.url)} | {link.result.outcome.value} "
                f"| {archived} |"
            )
    lines += ["", "## Findings", ""]
    if not report.findings:
        lines.append("No findings.")
    for f in report.findings:
        where = f" (note {f.note})" if f.note else ""
        lines.append(f"- **{f.severity.value}** `{f.kind.value}`{where}: {f.reason} *Fix:* {f.fix}")
    return "\n".join(lines) + "\n"
