"""The HTML report for editors: one self-contained page, no external assets.

The article body is shown with each cited claim highlighted in its verdict's
colour (a legend says which is which); clicking (or hovering, or focusing) a
claim shows the claim beside the source passages its verdict rests on, with
links to the live page and the archived copy.  Below come a sortable table of
the sources (note, URL, outcome, archived copy, verdicts of the claims citing
it) and the findings, which can be filtered by kind.  A long article (a
Wikipedia page) folds its paragraphs without notes away, behind a switch.
Everything from the article or the web is escaped; layout rules are in
:mod:`citeaudit.report.page`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from citeaudit.claims import Claim
from citeaudit.report.model import ClaimReport, Finding, LinkCheck, NoteReport, Report
from citeaudit.report.page import STACKED, Cell, Column, Row, e, filters, legend, link, page, table
from citeaudit.sentences import paragraphs

VERDICT_COLOURS = {
    "supported": "#c8ecc9",
    "partially_supported": "#fbe7a1",
    "not_found": "#e9d1f2",
    "contradicted": "#f7b9b4",
    "unverifiable": "#dddddd",
    "unchecked": "#dddddd",
    "uncited": "#cfe3f7",
}
"""Highlight colour of each verdict class (``v-<verdict>``)."""

VERDICT_MEANINGS = {
    "supported": "the source states it",
    "partially_supported": "the source states part of it",
    "not_found": "the source does not say it",
    "contradicted": "the source says otherwise",
    "unverifiable": "the source could not be judged",
    "unchecked": "no source text could be read",
    "uncited": "a checkable fact with no note",
}
"""What each colour tells the reader (the legend)."""

COLLAPSE_AT = 20_000
"""Bodies longer than this (about ten screens) fold their paragraphs without notes away."""

_CSS = f"""
main{{display:flex;gap:1.5em;padding:1em 1.5em}}
#article{{flex:3 1 0;min-width:0;max-width:50em}}
#article p.para{{margin:0 0 .9em}}
#panel{{flex:2 1 0;min-width:0;position:sticky;top:0;align-self:flex-start;max-height:100vh;
  overflow:auto}}
mark.claim{{cursor:pointer;border-radius:3px;padding:0 2px}}
mark.claim.active{{outline:2px solid #333}}
mark.v-unchecked,mark.v-unverifiable{{background:none;border-bottom:2px dotted #888}}
mark.badge{{border-radius:3px;padding:0 .3em;white-space:nowrap;cursor:pointer}}
.evidence blockquote{{margin:.5em 0;padding:.3em .8em;border-left:4px solid #999;
  background:#fafafa}}
.check.fail{{color:#a00}}
.sev-error{{color:#a00;font-weight:bold}}.sev-warning{{color:#a60}}.sev-info{{color:#06c}}
.fold{{margin:0 0 .9em}}
#findings code{{font-size:.85em}}
.fold>summary{{cursor:pointer;color:#555;font-style:italic}}
#fold-all{{margin:.3em 0}}
@media (max-width:{STACKED}px){{
  main{{flex-direction:column;padding:.8em}}
  #article{{max-width:none}}
  #panel{{position:static;max-height:none}}
}}
""" + "".join(f"mark.v-{k}{{background:{v}}}\n" for k, v in VERDICT_COLOURS.items()
              if k not in ("unchecked", "unverifiable")) + "".join(
    f".swatch.v-{k}{{background:{v}}}\n" for k, v in VERDICT_COLOURS.items())

# Shows the evidence of the claim clicked, hovered or focused; no network, no eval.
_JS = f"""
(function(){{
  var narrow=window.matchMedia('(max-width:{STACKED}px)');
  function show(id,scroll){{
    document.querySelectorAll('.evidence').forEach(function(e){{e.hidden=e.id!=='ev-'+id;}});
    document.querySelectorAll('mark.claim').forEach(function(m){{
      m.classList.toggle('active',m.dataset.claim===id);}});
    var hint=document.getElementById('hint'); if(hint){{hint.hidden=true;}}
    var panel=document.getElementById('ev-'+id);
    if(scroll&&panel&&narrow.matches){{panel.scrollIntoView({{block:'nearest'}});}}
  }}
  document.querySelectorAll('mark.claim').forEach(function(m){{
    m.addEventListener('click',function(){{show(m.dataset.claim,true);}});
    m.addEventListener('mouseenter',function(){{show(m.dataset.claim,false);}});
    m.addEventListener('focus',function(){{show(m.dataset.claim,false);}});
    m.addEventListener('keydown',function(e){{if(e.key==='Enter'){{show(m.dataset.claim,true);}}}});
  }});
  document.querySelectorAll('mark.badge').forEach(function(b){{
    b.addEventListener('click',function(){{
      var m=document.querySelector('mark.claim[data-claim="'+b.dataset.claim+'"]');
      if(m){{m.scrollIntoView({{block:'center'}});}} show(b.dataset.claim,false);
    }});
  }});
  var all=document.getElementById('fold-all');
  if(all){{all.addEventListener('change',function(){{
    document.querySelectorAll('details.fold').forEach(function(d){{d.open=all.checked;}});
  }});}}
}})();
"""


def _verdict_class(c: ClaimReport | None) -> str:
    if c is None:
        return "uncited"
    return c.verdict.label.value if c.verdict else "unchecked"


def _mark(body: str, claim: Claim, verdict: str) -> str:
    start, end = claim.span
    return (
        f'<mark class="claim v-{verdict}" data-claim="{e(claim.id)}" '
        f'data-verdict="{verdict}" tabindex="0" title="{e(verdict)}">'
        f"{e(body[start:end])}</mark>"
    )


def _paragraph(body: str, start: int, end: int, marks: list[tuple[Claim, str]]) -> str:
    out, pos = [], start
    for claim, verdict in marks:
        c_start, c_end = claim.span
        if c_start < pos or c_end > end or c_start >= c_end:
            continue  # overlapping or out-of-range spans are shown unhighlighted
        out += [e(body[pos:c_start]), _mark(body, claim, verdict)]
        pos = c_end
    out.append(e(body[pos:end]))
    return "".join(out)


def _body(report: Report) -> tuple[str, int]:
    """The article's paragraphs with claims marked, and how many paragraphs were folded."""
    body = report.article.body
    marks = sorted(
        [(c.claim, _verdict_class(c)) for c in report.claims]
        + [(u, "uncited") for u in report.article.uncited],
        key=lambda m: m[0].span,
    )
    cited = sorted(c.claim.span for c in report.claims)
    fold = len(body) > COLLAPSE_AT
    out: list[str] = []
    run: list[str] = []
    folded = 0

    def flush() -> None:
        nonlocal folded
        if run:
            words = "paragraph" if len(run) == 1 else "paragraphs"
            out.append(f'<details class="fold"><summary>{len(run)} {words} without notes'
                       f"</summary>{''.join(run)}</details>")
            folded += len(run)
            run.clear()

    pos = 0
    for start, end in paragraphs(body):
        gap = e(body[pos:start])
        inside = [m for m in marks if start <= m[0].span[0] < end]
        html_p = f'<p class="para">{_paragraph(body, start, end, inside)}</p>'
        has_note = any(start <= s < end for s, _ in cited)
        if fold and not has_note:
            run.append(gap + html_p)
        else:
            flush()
            out.append(gap + html_p)
        pos = end
    flush()
    out.append(e(body[pos:]))
    return "".join(out), folded


def _archived_cell(link_check: LinkCheck) -> Cell:
    snap = link_check.snapshot
    if snap is not None:
        day = snap.datetime.date().isoformat()
        return Cell(link(snap.url, day), day)
    if link_check.lookup is None:
        return Cell('<span class="muted">not asked</span>', "")
    if not link_check.lookup.complete:
        return Cell('<span class="muted">unknown: an archive did not answer</span>', "")
    return Cell("none", "")


def _verdict_badges(claims: list[ClaimReport]) -> Cell:
    badges = " ".join(
        f'<mark class="badge v-{_verdict_class(c)}" data-claim="{e(c.claim.id)}" '
        f'title="{e(c.claim.text)}">{e(c.claim.id)} {e(_verdict_class(c))}</mark>'
        for c in claims
    )
    return Cell(badges or '<span class="muted">no claim</span>',
                " ".join(_verdict_class(c) for c in claims))


def _source_rows(report: Report) -> list[Row]:
    claims_of: dict[str, list[ClaimReport]] = defaultdict(list)
    for c in report.claims:
        for label in c.claim.note_labels:
            claims_of[label].append(c)
    kinds_of: dict[str, set[str]] = defaultdict(set)
    for f in report.findings:
        if f.note is not None:
            kinds_of[f.note].add(f.kind.value)
        for pair in f.shift.pairs if f.shift is not None else ():
            kinds_of[pair.note].add(f.kind.value)
            kinds_of[pair.cited].add(f.kind.value)
    rows = []
    for n in report.notes:
        label = n.note.label
        note_cell = Cell(f'<span title="{e(n.note.raw)}">{e(label)}</span>', label)
        verdicts = _verdict_badges(claims_of.get(label, []))
        kinds = tuple(sorted(kinds_of.get(label, ()))) or ("no_finding",)
        for lc in n.links or (None,):
            rows.append(Row(_link_cells(n, lc, note_cell, verdicts), kinds=kinds))
    return rows


def _link_cells(n: NoteReport, lc: LinkCheck | None, note: Cell, verdicts: Cell) -> list[Cell]:
    if lc is None:
        what = n.note.kind.value if n.note.ibid_of is None else f"repeats note {n.note.ibid_of}"
        return [note, Cell('<span class="muted">no URL</span>', ""), Cell(e(what)),
                Cell('<span class="muted">—</span>', ""), verdicts]
    result = lc.result
    status = f" ({result.status})" if result.status else ""
    outcome = Cell(f'<span title="{e(result.reason)}">{e(result.outcome.value)}{status}</span>',
                   result.outcome.value)
    return [note, Cell(link(lc.url), lc.url), outcome, _archived_cell(lc), verdicts]


_SOURCE_COLUMNS = (
    Column("Note", "4.5em"), Column("URL", "30%"), Column("Outcome", "7.5em"),
    Column("Archived copy", "7.5em"), Column("Verdicts"),
)
_FINDING_COLUMNS = (
    Column("Severity", "5.5em"), Column("Kind", "9.5em"), Column("Note", "4em"),
    Column("Reason"), Column("Fix"),
)
_SEVERITY_ORDER = {"error": "0", "warning": "1", "info": "2"}


def _findings(report: Report) -> str:
    if not report.findings:
        return "<p>No findings.</p>"
    rows = []
    for f in report.findings:
        archive = " " + link(f.archive_url, "archived copy") if f.archive_url else ""
        rows.append(Row(
            [Cell(f'<span class="sev-{f.severity.value}">{e(f.severity.value)}</span>',
                  _SEVERITY_ORDER[f.severity.value]),
             Cell(f"<code>{e(f.kind.value)}</code>", f.kind.value),
             Cell(e(_notes_of(f)), _notes_of(f)), e(f.reason),
             e(f.fix) + archive],
            kinds=(f.kind.value,), css_class="finding",
        ))
    counts = Counter(f.kind.value for f in report.findings)
    kinds = [(kind, kind, n) for kind, n in sorted(counts.items())]
    return (filters("#findings tr.finding", kinds, "Show findings of kind")
            + table("findings", _FINDING_COLUMNS, rows))


def _notes_of(f: Finding) -> str:
    """The note a finding concerns; for shifted notes, the run's first to last."""
    if f.shift is not None:
        return f"{f.shift.first}–{f.shift.last}"
    return f.note or ""


def _evidence_links(report: Report, labels: tuple[str, ...]) -> str:
    items = []
    for label in labels:
        note = report.note(label)
        if note is None:
            continue
        for lc in note.links:
            snap = lc.snapshot
            archived = (
                f" · archived {link(snap.url, snap.datetime.date().isoformat())}" if snap else ""
            )
            items.append(
                f"<li>[{e(label)}] {link(lc.url, 'live page')} "
                f"({e(lc.result.outcome.value)}){archived}</li>"
            )
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _evidence(report: Report, c: ClaimReport) -> str:
    verdict = _verdict_class(c)
    reason = c.verdict.reason if c.verdict else c.reason
    parts = [
        f'<section class="evidence" id="ev-{e(c.claim.id)}" hidden>',
        f'<h3>Claim {e(c.claim.id)}: <span class="verdict">{e(verdict)}</span></h3>',
        f'<blockquote class="claim-text">{e(c.claim.text)}</blockquote>',
        f"<p>{e(reason)}</p>",
    ]
    if c.url:
        where = "archived copy" if c.source and c.source.value == "archive" else "live page"
        parts.append(f"<p>Evidence from the {where} ({link(c.url)}):</p>")
    for ev in c.verdict.evidence if c.verdict else ():
        parts.append(f'<blockquote class="passage">{e(ev.text)}</blockquote>')
    checks = c.verdict.checks if c.verdict else ()
    if checks:
        parts.append("<ul>" + "".join(
            f'<li class="check {"ok" if ch.ok else "fail"}">{e(ch.kind.value)}: '
            f"{e(ch.detail)}</li>" for ch in checks) + "</ul>")
    parts.append(_evidence_links(report, c.claim.note_labels))
    parts.append(_pool_matches(report, c.claim.id))
    parts.append("</section>")
    return "".join(parts)


def _uncited(report: Report, u: Claim) -> str:
    return (
        f'<section class="evidence" id="ev-{e(u.id)}" hidden><h3>Claim {e(u.id)}: uncited</h3>'
        f'<blockquote class="claim-text">{e(u.text)}</blockquote>'
        "<p>A checkable factual sentence with no note.</p>"
        f"{_pool_matches(report, u.id)}</section>"
    )


def _pool_matches(report: Report, claim_id: str) -> str:
    """The ``--sources`` pages that support or contradict the sentence, with their passages."""
    if report.pool is None:
        return ""
    parts = []
    for m in report.pool.for_claim(claim_id):
        page = report.pool.page(m)
        parts.append(f"<p>Pool page {link(m.url, page.title or m.url)} {e(m.stance.value)} "
                     f"it: {e(m.reason)}</p>"
                     f'<blockquote class="passage">{e(m.passage)}</blockquote>')
    return "".join(parts)


def render(report: Report) -> str:
    """The report as one self-contained HTML page."""
    title = report.article.title or report.article.source
    s = report.summary()
    counts = ", ".join(f"{k}: {v}" for k, v in s["claims_by_verdict"].items()) or "none"
    why = report.incomplete_reason
    interrupted = "" if report.complete else (
        f"<p><b>Incomplete:</b> {e(why)}.</p>" if why and why != "interrupted"
        else "<p><b>Interrupted:</b> partly checked.</p>")
    interrupted += "".join(f'<p class="sev-warning"><b>Warning:</b> {e(w)}</p>'
                           for w in report.article.warnings)
    if report.pool is not None:
        interrupted += f"<p>{e(report.pool.describe())}.</p>" + "".join(
            f'<p class="sev-warning"><b>Warning:</b> {e(w)}</p>' for w in report.pool.warnings())
    # The JSON copy lets scripts read the page; "</" is escaped so it cannot end the tag.
    data = json.dumps(report.summary(), ensure_ascii=False).replace("</", "<\\/")
    panels = "".join(_evidence(report, c) for c in report.claims)
    panels += "".join(_uncited(report, u) for u in report.article.uncited)
    body, folded = _body(report)
    fold_switch = (
        f'<p><label><input type="checkbox" id="fold-all"> show the {folded} paragraphs '
        "without notes</label></p>" if folded else ""
    )
    content = (
        f"<header><h1>Citation audit: {e(title)}</h1>{interrupted}"
        f'<p id="summary">{s["notes"]} notes, {s["claims"]} cited claims, '
        f"{s['uncited_claims']} uncited, {s['links']} links ({s['archived']} archived), "
        f"{len(report.findings)} findings. Verdicts: {e(counts)}. "
        f"Checked {e(report.checked_at.isoformat(timespec='seconds'))}.</p>"
        f'<nav><a href="#article">Article</a> · <a href="#sources">Sources</a> · '
        f'<a href="#findings-section">Findings</a></nav>{_legend()}</header>'
        f'<main><article id="article">{fold_switch}{body}</article>'
        f'<aside id="panel"><p id="hint">Click or hover a highlighted claim to see its '
        f"evidence.</p>{panels}</aside></main>"
        f'<section class="block" id="sources-section"><h2 id="sources-title">Sources</h2>'
        f"{table('sources', _SOURCE_COLUMNS, _source_rows(report))}</section>"
        f'<footer id="findings-section"><h2>Findings</h2>{_findings(report)}</footer>'
        f'<script type="application/json" id="summary-data">{data}</script>'
        f"<script>{_JS}</script>"
    )
    return page(f"Citation audit: {title}", _CSS, content)


def _legend() -> str:
    return legend((f"v-{k}", k.replace("_", " "), VERDICT_MEANINGS[k]) for k in VERDICT_COLOURS)
