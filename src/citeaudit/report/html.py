"""The HTML report for editors: one self-contained page, no external assets.

The article body is shown with each cited claim highlighted in its verdict's
colour; clicking (or hovering, or focusing) a claim shows the claim beside the
source passages its verdict rests on, with links to the live page and the
archived copy.  Everything from the article or the web is escaped.
"""

from __future__ import annotations

import html
import json

from citeaudit.claims import Claim
from citeaudit.report.model import ClaimReport, Report

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

_CSS = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#222}
header,footer{padding:.8em 1.5em;background:#f4f4f4}
main{display:flex;gap:1.5em;padding:1em 1.5em}
#article{flex:3;white-space:pre-wrap;max-width:50em}
#panel{flex:2;position:sticky;top:0;align-self:flex-start;max-height:100vh;overflow:auto}
mark.claim{cursor:pointer;border-radius:3px;padding:0 2px}
mark.claim.active{outline:2px solid #333}
.evidence blockquote{margin:.5em 0;padding:.3em .8em;border-left:4px solid #999;background:#fafafa}
.check.fail{color:#a00}
.sev-error{color:#a00;font-weight:bold}.sev-warning{color:#a60}.sev-info{color:#06c}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}
""" + "".join(f"mark.v-{k}{{background:{v}}}\n" for k, v in VERDICT_COLOURS.items())

# Shows the evidence of the claim clicked, hovered or focused; no network, no eval.
_JS = """
(function(){
  var current=null;
  function show(id){
    document.querySelectorAll('.evidence').forEach(function(e){e.hidden=e.id!=='ev-'+id;});
    document.querySelectorAll('mark.claim').forEach(function(m){
      m.classList.toggle('active',m.dataset.claim===id);});
    var hint=document.getElementById('hint'); if(hint){hint.hidden=true;}
    current=id;
  }
  document.querySelectorAll('mark.claim').forEach(function(m){
    m.addEventListener('click',function(){show(m.dataset.claim);});
    m.addEventListener('mouseenter',function(){show(m.dataset.claim);});
    m.addEventListener('focus',function(){show(m.dataset.claim);});
    m.addEventListener('keydown',function(e){if(e.key==='Enter'){show(m.dataset.claim);}});
  });
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _link(url: str, text: str | None = None) -> str:
    return f'<a href="{_e(url)}" rel="noreferrer noopener">{_e(text or url)}</a>'


def _verdict_class(c: ClaimReport | None) -> str:
    if c is None:
        return "uncited"
    return c.verdict.label.value if c.verdict else "unchecked"


def _body(report: Report) -> str:
    body = report.article.body
    marks: list[tuple[Claim, str]] = [
        (c.claim, _verdict_class(c)) for c in report.claims
    ] + [(u, "uncited") for u in report.article.uncited]
    marks.sort(key=lambda m: m[0].span)
    out: list[str] = []
    pos = 0
    for claim, verdict in marks:
        start, end = claim.span
        if start < pos or end > len(body) or start >= end:
            continue  # overlapping or out-of-range spans are shown unhighlighted
        out.append(_e(body[pos:start]))
        out.append(
            f'<mark class="claim v-{verdict}" data-claim="{_e(claim.id)}" '
            f'data-verdict="{verdict}" tabindex="0" title="{_e(verdict)}">'
            f"{_e(body[start:end])}</mark>"
        )
        pos = end
    out.append(_e(body[pos:]))
    return "".join(out)


def _note_links(report: Report, labels: tuple[str, ...]) -> str:
    items = []
    for label in labels:
        note = report.note(label)
        if note is None:
            continue
        for link in note.links:
            snap = link.snapshot
            archived = (
                f" · archived {_link(snap.url, snap.datetime.date().isoformat())}" if snap else ""
            )
            items.append(
                f"<li>[{_e(label)}] {_link(link.url, 'live page')} "
                f"({_e(link.result.outcome.value)}){archived}</li>"
            )
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _evidence(report: Report, c: ClaimReport) -> str:
    verdict = _verdict_class(c)
    reason = c.verdict.reason if c.verdict else c.reason
    parts = [
        f'<section class="evidence" id="ev-{_e(c.claim.id)}" hidden>',
        f'<h3>Claim {_e(c.claim.id)}: <span class="verdict">{_e(verdict)}</span></h3>',
        f'<blockquote class="claim-text">{_e(c.claim.text)}</blockquote>',
        f"<p>{_e(reason)}</p>",
    ]
    if c.url:
        where = "archived copy" if c.source and c.source.value == "archive" else "live page"
        parts.append(f"<p>Evidence from the {where} ({_link(c.url)}):</p>")
    for ev in c.verdict.evidence if c.verdict else ():
        parts.append(f'<blockquote class="passage">{_e(ev.text)}</blockquote>')
    checks = c.verdict.checks if c.verdict else ()
    if checks:
        parts.append("<ul>" + "".join(
            f'<li class="check {"ok" if ch.ok else "fail"}">{_e(ch.kind.value)}: '
            f"{_e(ch.detail)}</li>" for ch in checks) + "</ul>")
    parts.append(_note_links(report, c.claim.note_labels))
    parts.append("</section>")
    return "".join(parts)


def _uncited(u: Claim) -> str:
    return (
        f'<section class="evidence" id="ev-{_e(u.id)}" hidden><h3>Claim {_e(u.id)}: uncited</h3>'
        f'<blockquote class="claim-text">{_e(u.text)}</blockquote>'
        "<p>A checkable factual sentence with no note.</p></section>"
    )


def _findings(report: Report) -> str:
    if not report.findings:
        return "<p>No findings.</p>"
    rows = []
    for f in report.findings:
        archive = _link(f.archive_url, "archived copy") if f.archive_url else ""
        rows.append(
            f'<tr class="finding"><td class="sev-{f.severity.value}">{_e(f.severity.value)}</td>'
            f"<td>{_e(f.kind.value)}</td><td>{_e(f.note or '')}</td>"
            f"<td>{_e(f.reason)}</td><td>{_e(f.fix)} {archive}</td></tr>"
        )
    return ("<table id=\"findings\"><tr><th>Severity</th><th>Kind</th><th>Note</th>"
            f"<th>Reason</th><th>Fix</th></tr>{''.join(rows)}</table>")


def render(report: Report) -> str:
    """The report as one self-contained HTML page."""
    title = report.article.title or report.article.source
    s = report.summary()
    counts = ", ".join(f"{k}: {v}" for k, v in s["claims_by_verdict"].items()) or "none"
    why = report.incomplete_reason
    interrupted = "" if report.complete else (
        f"<p><b>Incomplete:</b> {html.escape(why)}.</p>" if why and why != "interrupted"
        else "<p><b>Interrupted:</b> partly checked.</p>")
    # The JSON copy lets scripts read the page; "</" is escaped so it cannot end the tag.
    data = json.dumps(report.summary(), ensure_ascii=False).replace("</", "<\\/")
    panels = "".join(_evidence(report, c) for c in report.claims)
    panels += "".join(_uncited(u) for u in report.article.uncited)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>Citation audit: {_e(title)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>Citation audit: {_e(title)}</h1>{interrupted}"
        f'<p id="summary">{s["notes"]} notes, {s["claims"]} cited claims, '
        f"{s['uncited_claims']} uncited, {s['links']} links ({s['archived']} archived), "
        f"{len(report.findings)} findings. Verdicts: {_e(counts)}. "
        f"Checked {_e(report.checked_at.isoformat(timespec='seconds'))}.</p></header>"
        f'<main><article id="article">{_body(report)}</article>'
        f'<aside id="panel"><p id="hint">Click or hover a highlighted claim to see its '
        f"evidence.</p>{panels}</aside></main>"
        f"<footer><h2>Findings</h2>{_findings(report)}</footer>"
        f'<script type="application/json" id="summary-data">{data}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )
