"""The terminal report: rich tables coloured by verdict and outcome."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from citeaudit.report.model import Report, Severity

VERDICT_STYLE = {
    "supported": "green",
    "partially_supported": "yellow",
    "not_found": "magenta",
    "contradicted": "bold red",
    "unverifiable": "dim",
}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _outcome_style(outcome: str) -> str:
    if outcome in ("ok", "redirected"):
        return "green"
    if outcome in ("broken", "soft_404", "moved_to_home", "invalid_url", "dns_error"):
        return "red"
    return "yellow"


def render(report: Report, *, color: bool = False, width: int | None = None) -> str:
    """The report as terminal text; ANSI colours only when ``color``."""
    out = io.StringIO()
    console = Console(
        file=out, width=width or 100, color_system="standard" if color else None,
        force_terminal=color, no_color=not color, highlight=False, soft_wrap=False,
    )
    console.print(Text(f"Citation audit: {report.article.title or report.article.source}",
                       style="bold"))
    if not report.complete:
        why = report.incomplete_reason
        console.print(Text(f"Incomplete: {why}." if why and why != "interrupted"
                           else "Interrupted: only part of the article was checked.",
                           style="yellow"))
    for warning in report.article.warnings:
        console.print(Text(f"Warning: {warning}", style="yellow"))
    if report.pool is not None:
        console.print(Text(report.pool.describe()))
        for warning in report.pool.warnings():
            console.print(Text(f"Warning: {warning}", style="yellow"))
    links = Table(title="Links", show_lines=False)
    for col in ("Note", "URL", "Outcome", "Archived copy"):
        links.add_column(col, overflow="fold")
    for n in report.notes:
        for link in n.links:
            outcome = link.result.outcome.value
            snap = link.snapshot
            links.add_row(n.note.label, link.url, Text(outcome, style=_outcome_style(outcome)),
                          f"{snap.datetime.date().isoformat()} {snap.url}" if snap else "")
    console.print(links)
    claims = Table(title="Claims")
    for col in ("Claim", "Notes", "Verdict", "Source", "Reason"):
        claims.add_column(col, overflow="fold")
    for c in report.claims:
        label = c.verdict.label.value if c.verdict else "unchecked"
        claims.add_row(c.claim.text, ", ".join(c.claim.note_labels),
                       Text(label, style=VERDICT_STYLE.get(label, "dim")),
                       c.source.value if c.source else "",
                       c.verdict.reason if c.verdict else c.reason)
    console.print(claims)
    console.print(Text("Findings", style="bold"))
    if not report.findings:
        console.print("No findings.")
    for f in report.findings:
        line = Text()
        line.append(f"{f.severity.value.upper():8}", style=SEVERITY_STYLE[f.severity])
        line.append(f"{f.kind.value}" + (f" (note {f.note})" if f.note else ""), style="bold")
        line.append(f": {f.reason}\n         fix: {f.fix}")
        console.print(line)
    s = report.summary()
    console.print(Text(
        f"{s['notes']} notes, {s['claims']} claims, {s['links']} links "
        f"({s['archived']} archived), {len(report.findings)} findings", style="bold"))
    return out.getvalue()
