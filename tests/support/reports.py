"""Hand-built audit reports, shaped like a real run on a short news analysis.

Two cited claims: the first rests on an archived copy (its live link is gone),
the second is contradicted by its live source.  A fix holds ``<`` and ``&`` so
every format proves it escapes what it shows.
"""

from __future__ import annotations

import datetime as dt

from citeaudit import parse_article
from citeaudit.archive.interface import Snapshot, SnapshotLookup
from citeaudit.links import LinkResult, Outcome
from citeaudit.report.model import (
    ClaimReport,
    Finding,
    FindingKind,
    LinkCheck,
    NoteReport,
    Report,
    Source,
)
from citeaudit.verify.verdict import Check, CheckKind, Evidence, Label, Verdict

REUTERS = "https://www.reuters.com/world/putin-kim-pact-2024-06-19/"
WAPO = "https://www.washingtonpost.com/world/2024/nk-shells/"
REUTERS_SNAPSHOT = "https://web.archive.org/web/20240620081500/" + REUTERS

MARKDOWN = f"""# Pyongyang and Moscow

On June 19, 2024 Putin and Kim Jong Un signed a partnership agreement in Pyongyang.[^1] \
North Korea has sent close to 1.6 million artillery shells to Russia.[^2]

[^1]: "Putin and Kim sign pact". Reuters. {REUTERS} Retrieved 20 June 2024.
[^2]: "North Korea shells". The Washington Post. {WAPO} Retrieved 1 July 2024.
"""

HTML = f"""<!DOCTYPE html>
<html><head><title>Pyongyang and Moscow</title></head>
<body><h1>Pyongyang and Moscow</h1>
<p>On June 19, 2024 Putin and Kim Jong Un signed a partnership agreement in Pyongyang.
<sup><a href="#fn1">[1]</a></sup>
North Korea has sent close to 1.6 million artillery shells to Russia.
<sup><a href="#fn2">[2]</a></sup></p>
<ol class="notes">
<li id="fn1">"Putin and Kim sign pact". Reuters.
<a href="{REUTERS}" class="ext">{REUTERS}</a> Retrieved 20 June 2024.</li>
<li id="fn2">"North Korea shells". The Washington Post.
<a href="{WAPO}">{WAPO}</a> Retrieved 1 July 2024.</li>
</ol>
</body></html>
"""

SHELLS_PAGE = (
    "Officials say Pyongyang has shipped about 1 million artillery shells to Russia "
    "since the autumn of 2023."
)


def build_report() -> Report:
    """A report on :data:`MARKDOWN` with a dead-but-archived link and a contradiction."""
    article = parse_article(MARKDOWN, format="markdown")
    note1, note2 = article.notes
    claim1, claim2 = article.claims
    snapshot = Snapshot(
        url=REUTERS_SNAPSHOT,
        original=REUTERS,
        datetime=dt.datetime(2024, 6, 20, 8, 15, tzinfo=dt.UTC),
        archive="wayback",
        status=200,
    )
    reuters = LinkCheck(
        result=LinkResult(url=REUTERS, outcome=Outcome.BROKEN, status=404, reason="HTTP 404"),
        lookup=SnapshotLookup(url=REUTERS, near=note1.access_date, snapshots=(snapshot,)),
    )
    wapo = LinkCheck(
        result=LinkResult(url=WAPO, outcome=Outcome.OK, status=200, title="North Korea shells"),
        lookup=SnapshotLookup(url=WAPO, near=note2.access_date),
    )
    pact_text = "Putin and Kim Jong Un signed a partnership agreement in Pyongyang on June 19."
    supported = Verdict(
        label=Label.SUPPORTED,
        score=0.93,
        evidence=(Evidence(text=pact_text, start=120, end=120 + len(pact_text), score=0.9),),
        checks=(Check(kind=CheckKind.DATE, ok=True, detail="June 19, 2024 is stated."),),
        reason="Every fact of the claim is stated in the archived copy.",
    )
    contradicted = Verdict(
        label=Label.CONTRADICTED,
        score=0.12,
        evidence=(Evidence(text=SHELLS_PAGE, start=0, end=len(SHELLS_PAGE), score=0.6),),
        checks=(
            Check(
                kind=CheckKind.NUMBER,
                ok=False,
                detail="The claim says 1.6 million shells; the source says about 1 million.",
            ),
        ),
        reason="The source gives a different number of shells.",
    )
    claims = (
        ClaimReport(claim=claim1, verdict=supported, source=Source.ARCHIVE, note="1",
                    url=REUTERS_SNAPSHOT, archived=supported),
        ClaimReport(claim=claim2, verdict=contradicted, source=Source.LIVE, note="2", url=WAPO,
                    live=contradicted),
    )
    findings = (
        Finding(
            kind=FindingKind.DEAD_LINK_ARCHIVED,
            reason="The Reuters page answers 404 but the Wayback Machine holds a copy.",
            fix=f"Cite the archived copy <{REUTERS_SNAPSHOT}>.",
            note="1",
            url=REUTERS,
            archive_url=REUTERS_SNAPSHOT,
        ),
        Finding(
            kind=FindingKind.CONTRADICTED,
            reason="The source says about 1 million shells, not 1.6 million.",
            fix="Correct the number or cite a source for 1.6 million & say so.",
            note="2",
            claim=claim2.id,
            url=WAPO,
        ),
    )
    return Report(
        article=article,
        checked_at=dt.datetime(2024, 11, 23, 3, 0, tzinfo=dt.UTC),
        notes=(NoteReport(note=note1, links=(reuters,)), NoteReport(note=note2, links=(wapo,))),
        claims=claims,
        findings=findings,
    )
