"""The Markdown report: a summary, a claims table and the findings, for pull requests.

:func:`table` and :func:`cell` write its tables; :func:`render_article`,
:func:`render_links` and :func:`render_lookup` use them for the ``--format md``
of ``citeaudit notes``, ``links`` and ``archive``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from citeaudit.report.model import Report

if TYPE_CHECKING:
    from citeaudit.archive import Snapshot, SnapshotLookup
    from citeaudit.archive.save import SaveResult
    from citeaudit.article import Article
    from citeaudit.links import LinkResult


def cell(text: object) -> str:
    """``text`` made safe for one table cell (``None`` is an empty cell)."""
    if text is None:
        return ""
    # A pipe or newline would break the table row.
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


class Markup(str):
    """Text already written as Markdown (a link), put in a :func:`table` cell unescaped."""

    __slots__ = ()


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """A GitHub-flavoured Markdown table, as lines: ``header``, its rule, one line per row.

    Cells are escaped with :func:`cell`; pass Markdown (a link) through ``Markup``.
    """
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(
            c if isinstance(c, Markup) else cell(c) for c in row) + " |")
    return lines


def render(report: Report) -> str:
    """The report as GitHub-flavoured Markdown."""
    title = report.article.title or report.article.source
    summary = report.summary()
    lines = [f"# Citation audit: {cell(title)}", ""]
    if not report.complete:
        why = report.incomplete_reason
        lines += [f"> **Incomplete:** {why}." if why and why != "interrupted"
                  else "> **Interrupted:** only part of the article was checked.", ""]
    # What reading the article noticed (markers but no notes…) says why a report is thin.
    lines += [line for w in report.article.warnings for line in (f"> **Warning:** {w}", "")]
    if report.pool is not None:
        lines += [cell(report.pool.describe()) + ".", ""]
        lines += [line for w in report.pool.warnings()
                  for line in (f"> **Warning:** {cell(w)}", "")]
    lines += [
        f"{summary['notes']} notes, {summary['claims']} cited claims, "
        f"{summary['links']} links ({summary['archived']} archived), "
        f"{len(report.findings)} findings.",
        "",
        "## Claims",
        "",
    ]
    lines += table(("Claim", "Notes", "Verdict", "Source", "Reason"), (
        (c.claim.text, ", ".join(c.claim.note_labels),
         c.verdict.label.value if c.verdict else "unchecked",
         c.source.value if c.source else "", c.verdict.reason if c.verdict else c.reason)
        for c in report.claims
    ))
    lines += ["", "## Links", ""]
    lines += table(("Note", "URL", "Outcome", "Archived copy"), (
        (n.note.label, link.url, link.result.outcome.value, _snapshot_link(link.snapshot))
        for n in report.notes for link in n.links
    ))
    lines += ["", "## Findings", ""]
    if not report.findings:
        lines.append("No findings.")
    for f in report.findings:
        where = f" (note {f.note})" if f.note else ""
        lines.append(f"- **{f.severity.value}** `{f.kind.value}`{where}: {f.reason} *Fix:* {f.fix}")
    return "\n".join(lines) + "\n"


def _snapshot_link(snap: Snapshot | None) -> Markup:
    return Markup(f"[{snap.datetime.date().isoformat()}]({snap.url})" if snap else "")


def render_article(article: Article) -> str:
    """An article's notes, cited claims and uncited claims as Markdown tables (nothing checked)."""
    lines = [f"# Notes: {cell(article.title or article.source)}", "",
             f"{cell(article.source)}, read as {article.format}: {len(article.notes)} notes, "
             f"{len(article.claims)} cited claims, {len(article.uncited)} uncited claims.", ""]
    lines += [line for w in article.warnings for line in (f"> **Warning:** {cell(w)}", "")]
    lines += ["## Notes", ""]
    lines += table(("Note", "Kind", "Ibid of", "Title", "Publisher", "URL", "Accessed"), (
        (n.label, n.kind.value, n.ibid_of, n.title or n.raw, n.publisher, " ".join(n.urls),
         n.access_date.isoformat() if n.access_date else n.access_date_raw)
        for n in article.notes
    ))
    lines += ["", "## Cited claims", ""]
    lines += table(("Claim", "Notes", "Text"),
                   ((c.id, ", ".join(c.note_labels), c.text) for c in article.claims))
    lines += ["", "## Uncited claims (checkable, no note)", ""]
    lines += table(("Claim", "Signals", "Text"),
                   ((c.id, ", ".join(c.signals), c.text) for c in article.uncited))
    return "\n".join(lines) + "\n"


def render_links(results: Sequence[LinkResult]) -> str:
    """Checked links as a Markdown table, one row per URL, and a count of each outcome."""
    lines = ["# Links", ""]
    lines += table(("URL", "Outcome", "Status", "Final URL", "Reason"), (
        (r.url, r.outcome.value, r.status, r.final_url if r.final_url != r.url else "", r.reason)
        for r in results
    ))
    counts = Counter(r.outcome.value for r in results)
    summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.most_common())
    return "\n".join([*lines, "", f"{len(results)} links: {summary or 'none'}."]) + "\n"


def render_lookup(lookup: SnapshotLookup, saved: SaveResult | None = None, *,
                  disabled: bool = False) -> str:
    """An archive look-up as Markdown: a table of the snapshots, then what could not be asked."""
    near = lookup.near
    lines = [f"# Archived copies of <{lookup.url}>", ""]
    if near is not None:
        lines += [f"Nearest the access date {near.isoformat()}.", ""]
    lines += table(("Captured", "From access date", "Archive", "Snapshot"), (
        (s.datetime.strftime("%Y-%m-%d %H:%M:%S UTC"), _distance(s, near), s.archive,
         s.url)
        for s in lookup.snapshots
    ))
    lines.append("")
    if disabled:
        lines.append("Archive look-ups disabled (`--archive none`).")
    elif not lookup.snapshots:
        lines.append("No snapshot found." if lookup.complete else "No snapshot found so far.")
    lines += [f"- **Could not check** {cell(f.archive)}: {f.problem.value}: {cell(f.message)}"
              for f in lookup.failures]
    if saved is not None:
        where = f" → <{saved.snapshot.url}>" if saved.snapshot else ""
        detail = f" ({cell(saved.message)})" if saved.message else ""
        lines.append(f"- **Save Page Now:** {saved.outcome.value}{where}{detail}")
    return "\n".join(lines) + "\n"


def _distance(snap: Snapshot, near: dt.date | dt.datetime | None) -> str:
    if near is None:
        return "newest"
    days = snap.days_from(near)
    if days == 0:
        return "same day"
    return f"{abs(days)} day{'s' * (abs(days) != 1)} {'before' if days < 0 else 'after'}"
