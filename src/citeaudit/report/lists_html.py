"""HTML pages of ``citeaudit notes`` and ``links``: their tables, on the audit's page helpers.

Nothing here is new layout: :mod:`citeaudit.report.page` gives the page, the
sortable tables that stay inside a phone's screen, and the filters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from citeaudit.report.page import Cell, Column, Row, breakable, e, filters, link, page, table

if TYPE_CHECKING:
    from citeaudit.article import Article
    from citeaudit.links import LinkResult


def render_links(results: Sequence[LinkResult]) -> str:
    """Checked links as a page: one sortable row per URL, filterable by outcome."""
    counts = Counter(r.outcome.value for r in results)
    summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.most_common())
    columns = (Column("URL", "40%"), Column("Outcome", "9em"), Column("Status", "5em"),
               Column("Reason"))
    rows = [Row([Cell(link(r.url), r.url), e(r.outcome.value),
                 Cell(e(r.status or "-"), f"{r.status or 0:03}"), e(r.reason)],
                kinds=(r.outcome.value,))
            for r in results]
    body = [f"<header><h1>Links</h1><p>{len(results)} links: {e(summary or 'none')}</p>",
            "</header>", '<section class="block">']
    if counts:
        body.append(filters("#links tbody tr", ((o, o, n) for o, n in counts.most_common()),
                            "Show outcomes"))
    body += [table("links", columns, rows), "</section>"]
    return page("Links", "", "".join(body))


def render_article(article: Article) -> str:
    """An article's notes, cited claims and uncited claims as a page of sortable tables."""
    title = article.title or article.source
    notes = [Row([Cell(e(n.label), n.label.zfill(9)),
                  e(n.kind.value), e(n.ibid_of or ""), e(n.title or n.raw), e(n.publisher or ""),
                  "<br>".join(link(u) for u in n.urls),
                  e(n.access_date.isoformat() if n.access_date else (n.access_date_raw or ""))])
             for n in article.notes]
    cited = [Row([e(c.id), e(", ".join(c.note_labels)), e(c.text)]) for c in article.claims]
    uncited = [Row([e(c.id), e(", ".join(c.signals)), e(c.text)]) for c in article.uncited]
    claim_columns = (Column("Claim", "6em"), Column("Notes", "8em"), Column("Text"))
    body = [
        f"<header><h1>Notes: {e(title)}</h1><p>{breakable(article.source)}, read as "
        f"{e(article.format)}: {len(article.notes)} notes, {len(article.claims)} cited claims, "
        f"{len(article.uncited)} uncited claims</p>",
        *(f"<p><b>Warning:</b> {e(w)}</p>" for w in article.warnings), "</header>",
        '<section class="block"><h2>Notes</h2>',
        table("notes", (Column("Note", "4em"), Column("Kind", "6em"), Column("Ibid of", "5em"),
                        Column("Title", "24%"), Column("Publisher", "12%"), Column("URL", "28%"),
                        Column("Accessed", "7em")), notes),
        '</section><section class="block"><h2>Cited claims</h2>',
        table("claims", claim_columns, cited),
        '</section><section class="block"><h2>Uncited claims (checkable, no note)</h2>',
        table("uncited", (claim_columns[0], Column("Signals", "8em"), claim_columns[2]), uncited),
        "</section>",
    ]
    return page(f"Notes: {title}", "", "".join(body))
