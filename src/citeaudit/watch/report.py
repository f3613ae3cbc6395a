"""What changed since a date: newly dead, recovered, drifted, still failing.

:func:`build_report` reads the store into a :class:`WatchReport` (pure data);
``render_text``/``render_json``/``render_markdown``/``render_html``/``render_csv`` return
strings, the CLI decides where they go.  Sections:

* **newly dead** — declared dead by a check since ``since``, and still dead;
* **recovered** — dead, then answered again since ``since``, and still alive;
* **drifted** — answered since ``since`` with main text notably changed or a
  claim no longer supported (see :mod:`citeaudit.watch.run`);
* **still failing** — failing or dead now, and not newly dead.

:attr:`WatchReport.broke` (newly dead or drifted) is what makes the CLI exit 1.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import attrs

from citeaudit.watch.clock import format_time, parse_time
from citeaudit.watch.store import RunInfo, WatchStore

__all__ = [
    "CSV_COLUMNS",
    "SCHEMA",
    "SECTIONS",
    "Citation",
    "LostClaim",
    "UrlChange",
    "WatchReport",
    "build_report",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
]

SCHEMA = "citeaudit/watch-report/v1"
CSV_COLUMNS = ("section", "url", "host", "state", "outcome", "status", "reason", "checked_at",
               "failures", "dead_since", "similarity", "cited_in", "lost_claims")
"""The columns of :func:`render_csv`: one row per URL per section it is in."""
SECTIONS = ("newly_dead", "recovered", "drifted", "still_failing")
_TITLES = {
    "newly_dead": "Newly dead",
    "recovered": "Recovered",
    "drifted": "Drifted",
    "still_failing": "Still failing",
}


@attrs.frozen
class Citation:
    """Where a URL is cited: an article and one of its notes."""

    article: str
    title: str | None
    note: str


@attrs.frozen
class LostClaim:
    """A claim the page supported at its previous check and no longer does."""

    article: str
    claim_id: str
    text: str
    before: str
    after: str


@attrs.frozen
class UrlChange:
    """One URL in one section of the report."""

    url: str
    host: str
    state: str
    """Where it stands now: ``alive``, ``failing``, ``dead``."""
    outcome: str
    """Outcome of its latest check."""
    status: int | None
    reason: str
    checked_at: dt.datetime
    """When the latest check (or, for an event, the check that made it) happened."""
    failures: int
    """Counted failures since its last success."""
    dead_since: dt.datetime | None = None
    similarity: float | None = None
    """For drift: word-trigram similarity of the new main text to the previous one."""
    citations: tuple[Citation, ...] = ()
    lost_claims: tuple[LostClaim, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "host": self.host,
            "state": self.state,
            "outcome": self.outcome,
            "status": self.status,
            "reason": self.reason,
            "checked_at": format_time(self.checked_at),
            "failures": self.failures,
            "dead_since": format_time(self.dead_since) if self.dead_since else None,
            "similarity": round(self.similarity, 3) if self.similarity is not None else None,
            "cited_by": [attrs.asdict(c) for c in self.citations],
            "lost_claims": [attrs.asdict(c) for c in self.lost_claims],
        }


@attrs.frozen
class WatchReport:
    """The state of the watched citations, and what changed since ``since``."""

    since: dt.datetime | None
    generated_at: dt.datetime
    last_run: RunInfo | None
    newly_dead: tuple[UrlChange, ...] = ()
    recovered: tuple[UrlChange, ...] = ()
    drifted: tuple[UrlChange, ...] = ()
    still_failing: tuple[UrlChange, ...] = ()

    @property
    def broke(self) -> bool:
        """Whether something newly broke: a link died or a page drifted."""
        return bool(self.newly_dead or self.drifted)

    def section(self, name: str) -> tuple[UrlChange, ...]:
        return tuple(getattr(self, name))

    def by_article(self) -> dict[str, dict[str, list[tuple[UrlChange, str]]]]:
        """Article → section → (URL change, note label), articles in name order."""
        out: dict[str, dict[str, list[tuple[UrlChange, str]]]] = {}
        for name in SECTIONS:
            for change in self.section(name):
                for cite in change.citations:
                    out.setdefault(cite.article, {}).setdefault(name, []).append(
                        (change, cite.note)
                    )
        return dict(sorted(out.items()))

    def by_site(self) -> dict[str, dict[str, int]]:
        """Host → section → number of URLs, busiest hosts first."""
        counts: dict[str, Counter[str]] = {}
        for name in SECTIONS:
            for change in self.section(name):
                counts.setdefault(change.host, Counter())[name] += 1
        ranked = sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        return {host: {n: c[n] for n in SECTIONS} for host, c in ranked}

    def to_dict(self) -> dict[str, Any]:
        run = self.last_run
        return {
            "schema": SCHEMA,
            "since": format_time(self.since) if self.since else None,
            "generated_at": format_time(self.generated_at),
            "last_run": None if run is None else {
                "id": run.id,
                "started_at": format_time(run.started_at),
                "finished_at": format_time(run.finished_at) if run.finished_at else None,
                "planned": run.planned,
                "checked": run.checked,
            },
            "summary": {name: len(self.section(name)) for name in SECTIONS},
            "broke": self.broke,
            **{name: [c.to_dict() for c in self.section(name)] for name in SECTIONS},
            "articles": {
                article: {name: [{"url": c.url, "note": note} for c, note in items]
                          for name, items in sections.items()}
                for article, sections in self.by_article().items()
            },
            "sites": self.by_site(),
        }


# --- building ------------------------------------------------------------------------------


def build_report(store: WatchStore, since: dt.datetime | None = None) -> WatchReport:
    """The report of changes since ``since`` (default: the start of the latest run)."""
    last = store.last_run()
    if since is None and last is not None:
        since = last.started_at
    start = format_time(since) if since else ""
    cited = "EXISTS (SELECT 1 FROM citations ci WHERE ci.url_id = u.id)"

    def events(event: str, state: str | None) -> tuple[UrlChange, ...]:
        rows = store.query(
            f"SELECT u.id AS url_id, max(c.id) AS check_id FROM checks c "
            f"JOIN urls u ON u.id = c.url_id WHERE c.event = ? AND c.checked_at >= ? "
            f"{'AND u.state = ?' if state else ''} AND {cited} "
            f"GROUP BY u.id ORDER BY u.url",
            (event, start, state) if state else (event, start),
        )
        return tuple(_change(store, r["url_id"], r["check_id"]) for r in rows)

    newly_dead = events("died", "dead")
    dead_ids = {c.url for c in newly_dead}
    failing = tuple(
        change
        for r in store.query(
            f"SELECT u.id FROM urls u WHERE u.state IN ('failing', 'dead') AND {cited} "
            "ORDER BY u.url"
        )
        if (change := _change(store, r[0], None)).url not in dead_ids
    )
    return WatchReport(
        since=since,
        generated_at=store.clock.now(),
        last_run=last,
        newly_dead=newly_dead,
        recovered=events("recovered", "alive"),
        drifted=events("drifted", None),
        still_failing=failing,
    )


def _change(store: WatchStore, url_id: int, check_id: int | None) -> UrlChange:
    url = store.query(
        "SELECT url, host, state, failures, dead_since FROM urls WHERE id = ?", (url_id,)
    )[0]
    where = "id = ?" if check_id is not None else "url_id = ? ORDER BY checked_at DESC, id DESC"
    check = store.query(
        f"SELECT id, outcome, status, reason, checked_at, similarity FROM checks WHERE {where} "
        "LIMIT 1",
        (check_id if check_id is not None else url_id,),
    )[0]
    citations = tuple(
        Citation(r[0], r[1], r[2])
        for r in store.query(
            "SELECT a.location, a.title, ci.note_label FROM citations ci "
            "JOIN articles a ON a.id = ci.article_id WHERE ci.url_id = ? "
            "ORDER BY a.location, ci.note_label",
            (url_id,),
        )
    )
    lost = tuple(
        LostClaim(r[0], r[1], r[2], r[3], r[4])
        for r in store.query(
            "SELECT a.location, cc.claim_id, coalesce(cl.text, ''), cc.before, cc.after "
            "FROM check_claims cc JOIN articles a ON a.id = cc.article_id "
            "LEFT JOIN claims cl ON cl.article_id = cc.article_id AND cl.claim_id = cc.claim_id "
            "WHERE cc.check_id = ? ORDER BY a.location, cc.claim_id",
            (check["id"],),
        )
    )
    return UrlChange(
        url=url["url"],
        host=url["host"],
        state=url["state"],
        outcome=check["outcome"],
        status=check["status"],
        reason=check["reason"] or "",
        checked_at=parse_time(check["checked_at"]),
        failures=url["failures"],
        dead_since=parse_time(url["dead_since"]) if url["dead_since"] else None,
        similarity=check["similarity"],
        citations=citations,
        lost_claims=lost,
    )


# --- rendering -----------------------------------------------------------------------------


def _day(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "the beginning"


def _detail(change: UrlChange) -> str:
    status = f" HTTP {change.status}" if change.status else ""
    bits = [f"{change.outcome}{status}"]
    if change.state in ("failing", "dead"):
        bits.append(f"{change.failures} spaced failure(s)")
    if change.similarity is not None:
        bits.append(f"text similarity {change.similarity:.2f}")
    return ", ".join(bits)


def _run_line(report: WatchReport) -> str:
    run = report.last_run
    if run is None:
        return "no run yet"
    state = "finished" if run.finished_at else "unfinished"
    return f"last run #{run.id} {state}, {run.checked} of {run.planned} URLs checked"


def render_text(report: WatchReport) -> str:
    """Plain text for a terminal or a cron mail."""
    lines = [f"citeaudit watch report since {_day(report.since)} ({_run_line(report)})"]
    lines.append(", ".join(f"{len(report.section(n))} {_TITLES[n].lower()}" for n in SECTIONS))
    for name in SECTIONS:
        changes = report.section(name)
        if not changes:
            continue
        lines += ["", f"{_TITLES[name]} ({len(changes)})"]
        for change in changes:
            lines.append(f"  {change.url}")
            lines.append(f"    {_detail(change)}: {change.reason}".rstrip(": "))
            for cite in change.citations:
                lines.append(f"    cited in {cite.article} [{cite.note}]")
            for lost in change.lost_claims:
                lines.append(f"    claim {lost.claim_id} of {lost.article}: {lost.before} -> "
                             f"{lost.after}: {lost.text}")
    articles = report.by_article()
    if articles:
        lines += ["", "By article"]
        for article, sections in articles.items():
            counts = ", ".join(f"{len(v)} {_TITLES[k].lower()}" for k, v in sections.items())
            lines.append(f"  {article}: {counts}")
    sites = report.by_site()
    if sites:
        lines += ["", "By site"]
        for host, counts in sites.items():
            text = ", ".join(f"{n} {_TITLES[k].lower()}" for k, n in counts.items() if n)
            lines.append(f"  {host}: {text}")
    return "\n".join(lines) + "\n"


def render_json(report: WatchReport) -> str:
    """The ``citeaudit/watch-report/v1`` document."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render_csv(report: WatchReport) -> str:
    """CSV (:data:`CSV_COLUMNS`): one row per URL in each section, sections in report order.

    ``cited_in`` is ``article [note]`` for each citation and ``lost_claims``
    ``claim_id of article: before -> after`` for each claim that lost its
    support, both joined by ``; ``.  Nothing changed is a header alone.
    """
    from citeaudit.report.csv_table import table

    rows = []
    for name in SECTIONS:
        for change in report.section(name):
            row = change.to_dict()
            row["section"] = name
            row["cited_in"] = "; ".join(f"{c.article} [{c.note}]" for c in change.citations)
            row["lost_claims"] = "; ".join(f"{x.claim_id} of {x.article}: {x.before} -> {x.after}"
                                           for x in change.lost_claims)
            rows.append(row)
    return table(CSV_COLUMNS, rows)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: WatchReport) -> str:
    """Markdown for an issue, a pull request or a wiki page."""
    out = [f"# Citation watch report since {_day(report.since)}", "", f"_{_run_line(report)}_",
           ""]
    out += ["| " + " | ".join(_TITLES[n] for n in SECTIONS) + " |",
            "|" + "---|" * len(SECTIONS),
            "| " + " | ".join(str(len(report.section(n))) for n in SECTIONS) + " |"]
    for name in SECTIONS:
        changes = report.section(name)
        if not changes:
            continue
        out += ["", f"## {_TITLES[name]} ({len(changes)})", "",
                "| URL | Result | Cited in |", "|---|---|---|"]
        for c in changes:
            cited = "<br>".join(_md(f"{x.article} [{x.note}]") for x in c.citations)
            result = _md(_detail(c) + (f": {c.reason}" if c.reason else ""))
            for lost in c.lost_claims:
                result += "<br>" + _md(f"claim {lost.claim_id} of {lost.article}: "
                                       f"{lost.before} → {lost.after}")
            out.append(f"| <{c.url}> | {result} | {cited} |")
    sites = report.by_site()
    if sites:
        out += ["", "## By site", "", "| Site | " + " | ".join(_TITLES[n] for n in SECTIONS)
                + " |", "|---|" + "---|" * len(SECTIONS)]
        out += [f"| {_md(host)} | " + " | ".join(str(counts[n]) for n in SECTIONS) + " |"
                for host, counts in sites.items()]
    articles = report.by_article()
    if articles:
        out += ["", "## By article", ""]
        for article, sections in articles.items():
            counts = ", ".join(f"{len(v)} {_TITLES[k].lower()}" for k, v in sections.items())
            out.append(f"- {_md(article)}: {counts}")
    return "\n".join(out) + "\n"


SECTION_COLOURS = {
    "newly_dead": "#f7b9b4",
    "recovered": "#c8ecc9",
    "drifted": "#fbe7a1",
    "still_failing": "#dddddd",
}
"""The colour of each section in the HTML report (its legend, its heading, its rows)."""
_MEANINGS = {
    "newly_dead": "died since the report's start date",
    "recovered": "answers again after being dead",
    "drifted": "its text changed, or a claim lost its support",
    "still_failing": "failing or dead, and not new",
}
_CSS = "".join(
    f".swatch.s-{name},section.s-{name} h2{{background:{colour}}}\n"
    for name, colour in SECTION_COLOURS.items()
) + "section.changes h2{padding:.1em .4em;border-radius:3px}\n"


def _lost_html(c: UrlChange) -> str:
    from citeaudit.report.page import breakable, e

    return "".join(
        f"<br>claim {e(x.claim_id)} of {breakable(x.article)}: {e(x.before)} → {e(x.after)}"
        f' <span class="muted">({e(x.text)})</span>' for x in c.lost_claims
    )


def render_html(report: WatchReport) -> str:
    """A self-contained HTML page: legend, sections filterable by kind, sortable tables."""
    from citeaudit.report.page import (
        Cell,
        Column,
        Row,
        breakable,
        e,
        filters,
        legend,
        link,
        page,
        table,
    )

    change_columns = (Column("URL", "36%"), Column("Result"), Column("Checked", "7.5em"),
                      Column("Cited in", "24%"))
    title = f"Citation watch report since {_day(report.since)}"
    body = [
        f"<header><h1>{e(title)}</h1><p>{e(_run_line(report))}</p>",
        legend((f"s-{n}", f"{_TITLES[n]} ({len(report.section(n))})", _MEANINGS[n])
               for n in SECTIONS),
        "</header>",
    ]
    present = [(n, _TITLES[n], len(report.section(n))) for n in SECTIONS if report.section(n)]
    if present:
        body.append('<section class="block">'
                    + filters("section.changes", present, "Show sections") + "</section>")
    for name in SECTIONS:
        changes = report.section(name)
        if not changes:
            continue
        rows = []
        for c in changes:
            result = e(_detail(c) + (f": {c.reason}" if c.reason else "")) + _lost_html(c)
            cited = "<br>".join(f"{breakable(x.article)} [{e(x.note)}]" for x in c.citations)
            day = c.checked_at.strftime("%Y-%m-%d")
            rows.append(Row([Cell(link(c.url), c.url), Cell(result, c.outcome),
                             Cell(e(day), c.checked_at.isoformat()), cited]))
        body.append(
            f'<section class="block changes s-{name}" id="{name}" data-kind="{name}">'
            f"<h2>{e(_TITLES[name])} ({len(changes)})</h2>"
            + table(f"table-{name}", change_columns, rows) + "</section>"
        )
    sites = report.by_site()
    if sites:
        columns = (Column("Site", "34%"), *(Column(_TITLES[n]) for n in SECTIONS))
        rows = [Row([Cell(e(host), host), *(Cell(str(counts[n]), f"{counts[n]:09}")
                                             for n in SECTIONS)]) for host, counts in sites.items()]
        body.append('<section class="block"><h2>By site</h2>'
                    + table("sites", columns, rows) + "</section>")
    articles = report.by_article()
    if articles:
        columns = (Column("Article", "34%"), *(Column(_TITLES[n]) for n in SECTIONS))
        rows = [Row([Cell(breakable(article), article),
                     *(Cell(str(len(sections.get(n, []))), f"{len(sections.get(n, [])):09}")
                       for n in SECTIONS)])
                for article, sections in articles.items()]
        body.append('<section class="block"><h2>By article</h2>'
                    + table("articles", columns, rows) + "</section>")
    return page(title, _CSS, "".join(body))


_RENDERERS = {
    "text": render_text,
    "json": render_json,
    "md": render_markdown,
    "html": render_html,
    "csv": render_csv,
}


def render(report: WatchReport, format: str = "text") -> str:
    """``report`` in ``text``, ``json``, ``md``, ``html`` or ``csv``."""
    return _RENDERERS[format](report)
