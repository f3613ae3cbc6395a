"""Reports that stress a page's layout: long unbroken URLs, every outcome, a long article.

:func:`audit_report` has a note for each kind of link fate (one of them a
200-character URL with no place to break); :func:`long_audit_report` is an
article of Wikipedia size whose few cited paragraphs sit among many without
notes; :func:`watch_report` has every section, long URLs and one drifted page
whose claim two copies of an article lost; :func:`many_links_report` has thousands
of notes, links shared between them, and every outcome, verdict and finding kind.
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
from citeaudit.verify.verdict import Evidence, Label, Verdict
from citeaudit.watch.report import Citation, LostClaim, UrlChange, WatchReport
from citeaudit.watch.store import RunInfo

LONG_URL = ("https://statistics.example.org/releases/2024/harbour-freight-volumes-"
            + "quarterly-tonnage-by-terminal-and-commodity-" * 3
            + "final-revised-edition.pdf")
WHEN = dt.datetime(2024, 11, 23, 3, 0, tzinfo=dt.UTC)

ARTICLE = f"""# Harbour and stadium

The council approved a budget of 4.2 million euros for the harbour on Tuesday.[^1] \
Freight volumes at the port reached 3.1 million tonnes in 2023.[^2]

The stadium will seat 45,000 spectators after its renovation, which began in 2022.[^3] \
The mayor said the works would end in 2026.[^4] About 12,000 people live within a kilometre \
of the site.

[^1]: "Council approves harbour budget". Loopback Times. https://news.example.org/harbour \
Retrieved 27 June 2024.
[^2]: "Freight volumes". Statistics Office. {LONG_URL} Retrieved 27 June 2024.
[^3]: "Stadium plans". Loopback Times. https://news.example.org/2022/stadium-renovation \
Retrieved 27 June 2024.
[^4]: "Mayor on the works". Radio Example. https://radio.example.net/mayor Retrieved 1 July \
2024.
"""


def _snap(url: str, day: dt.datetime) -> Snapshot:
    return Snapshot(url=f"https://web.archive.org/web/{day:%Y%m%d%H%M%S}/{url}", original=url,
                    datetime=day, archive="wayback", status=200)


def _verdict(label: Label, reason: str, passage: str) -> Verdict:
    return Verdict(label=label, score=0.8 if label is Label.SUPPORTED else 0.2,
                   evidence=(Evidence(text=passage, start=0, end=len(passage), score=0.7),),
                   reason=reason)


def audit_report(markdown: str = ARTICLE) -> Report:
    """A report on :data:`ARTICLE`: ok, dead with a copy, dead with none, unreachable."""
    article = parse_article(markdown, format="markdown", name="articles/harbour-and-stadium.md")
    notes = {n.label: n for n in article.notes}
    june = dt.datetime(2024, 6, 27, 10, 0, tzinfo=dt.UTC)
    stadium = "https://news.example.org/2022/stadium-renovation"
    links = {
        "1": LinkCheck(LinkResult(url="https://news.example.org/harbour", outcome=Outcome.OK,
                                  status=200, reason="HTTP 200"),
                       SnapshotLookup("https://news.example.org/harbour", june.date(),
                                      (_snap("https://news.example.org/harbour", june),))),
        "2": LinkCheck(LinkResult(url=LONG_URL, outcome=Outcome.BROKEN, status=404,
                                  reason="HTTP 404"),
                       SnapshotLookup(LONG_URL, june.date())),
        "3": LinkCheck(LinkResult(url=stadium, outcome=Outcome.BROKEN, status=410,
                                  reason="HTTP 410"),
                       SnapshotLookup(stadium, june.date(), (_snap(stadium, june),))),
        "4": LinkCheck(LinkResult(url="https://radio.example.net/mayor",
                                  outcome=Outcome.BLOCKED, status=403,
                                  reason="a bot wall answered"), None),
    }
    note_reports = tuple(NoteReport(note=notes[k], links=(v,)) for k, v in links.items())
    c1, c2, c3, c4 = article.claims
    claims = (
        ClaimReport(c1, _verdict(Label.SUPPORTED, "Every fact is stated.",
                                 "The council approved 4.2 million euros."), Source.LIVE, "1",
                    "https://news.example.org/harbour"),
        ClaimReport(c2, None, reason="the only link is dead and no archive holds a copy"),
        ClaimReport(c3, _verdict(Label.NOT_FOUND, "The copy does not say when works began.",
                                 "The stadium will seat 45,000."), Source.ARCHIVE, "3",
                    links["3"].snapshot.url if links["3"].snapshot else None),
        ClaimReport(c4, None, reason="the page could not be read (bot wall)"),
    )
    findings = (
        Finding(FindingKind.DEAD_LINK, "broken: HTTP 404; no archive holds a copy",
                "find a new source for this note (no archive holds a copy)", note="2",
                url=LONG_URL),
        Finding(FindingKind.DEAD_LINK_ARCHIVED, "broken: HTTP 410; an archived copy exists",
                f"cite the archived copy: {links['3'].snapshot.url}", note="3", url=stadium,
                archive_url=links["3"].snapshot.url),
        Finding(FindingKind.NOT_FOUND, "The archived copy does not say when the works began.",
                "cite a source for the start of the works", note="3", claim=c3.id),
        Finding(FindingKind.UNREACHABLE_LINK, "blocked: a bot wall answered",
                "check by hand or re-run later", note="4",
                url="https://radio.example.net/mayor"),
        Finding(FindingKind.UNCITED_CLAIM, "A checkable fact (a number) has no note.",
                "cite a source or soften the sentence",
                claim=article.uncited[0].id if article.uncited else None),
    )
    return Report(article=article, checked_at=WHEN, notes=note_reports, claims=claims,
                  findings=findings)


FILLER = ("The quarter grew around the old fish market, where narrow streets still follow "
          "the line of the medieval wall and most houses keep their courtyards and wells")


def long_article(paragraphs: int = 120, cited_every: int = 30) -> str:
    """A Markdown article of Wikipedia size: ``paragraphs`` paragraphs, few with notes."""
    body = []
    for i in range(paragraphs):
        if i % cited_every == 0:
            body.append(f"The harbour handled {i + 3} ships in its busiest week of 2023.[^{i}]")
        else:
            body.append(f"{FILLER}, as the guide to district {i} explains at length.")
    notes = [f"[^{i}]: \"Harbour week {i}\". Loopback Times. https://news.example.org/w{i} "
             "Retrieved 27 June 2024." for i in range(0, paragraphs, cited_every)]
    return "# A long article\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(notes) + "\n"


def long_audit_report() -> Report:
    """A report on :func:`long_article`, with every claim unchecked (no link was asked)."""
    article = parse_article(long_article(), format="markdown", name="long.md")
    return Report(article=article, checked_at=WHEN,
                  notes=tuple(NoteReport(note=n) for n in article.notes),
                  claims=tuple(ClaimReport(c, None, reason="not checked") for c in article.claims))


def watch_report() -> WatchReport:
    """Every section, long URLs, and one drifted page two copies of an article lost a claim to."""
    def change(url: str, host: str, state: str, outcome: str, status: int | None,
               reason: str, **extra: object) -> UrlChange:
        return UrlChange(url=url, host=host, state=state, outcome=outcome, status=status,
                         reason=reason, checked_at=WHEN, failures=extra.pop("failures", 0),
                         **extra)

    copies = (Citation("articles/harbour.md", "Harbour", "2"),
              Citation("https://wiki.example.org/wiki/Harbour", "Harbour", "2"))
    lost = tuple(LostClaim(c.article, "c2", "Freight volumes reached 3.1 million tonnes in 2023.",
                           "supported", "not_found") for c in copies)
    return WatchReport(
        since=dt.datetime(2024, 11, 16, 3, 0, tzinfo=dt.UTC),
        generated_at=WHEN,
        last_run=RunInfo(id=7, started_at=WHEN, due_only=True, planned=120, checked=118,
                         finished_at=WHEN + dt.timedelta(minutes=14)),
        newly_dead=(change(LONG_URL, "statistics.example.org", "dead", "broken", 404,
                           "HTTP 404", failures=3,
                           citations=(Citation("articles/harbour.md", "Harbour", "2"),)),),
        recovered=(change("https://news.example.org/harbour", "news.example.org", "alive", "ok",
                          200, "", citations=(Citation("articles/harbour.md", "Harbour", "1"),)),),
        drifted=(change("https://news.example.org/2024/freight-volumes-at-the-port",
                        "news.example.org", "alive", "ok", 200, "", similarity=0.41,
                        citations=copies, lost_claims=lost),),
        still_failing=(change("https://radio.example.net/mayor", "radio.example.net", "failing",
                              "blocked", 403, "a bot wall answered", failures=2,
                              citations=(Citation("articles/stadium.md", "Stadium", "4"),)),),
    )


def many_url(n: int) -> str:
    """The URL note ``n`` of :func:`many_links_report` cites as its own."""
    return f"https://site{n % 50}.example.org/page/{n}"


def many_links_report(count: int) -> Report:
    """A report on ``count`` notes: notes 3k, 3k + 1 and 3k + 2 cite note 3k's URL beside
    their own; links take every outcome in turn, claims every verdict (every fourth has
    none); one finding per link and per claim, of every kind in turn, and two that no
    link or claim answers to."""
    outcomes, labels, kinds = list(Outcome), list(Label), list(FindingKind)
    body = " ".join(f"The harbour handled {n + 3} ships in week {n}.[^{n}]" for n in range(count))
    notes = "\n".join(f'[^{n}]: "Week {n}". Loopback Times. {many_url(n)} {many_url(n - n % 3)}'
                      for n in range(count))
    article = parse_article(f"# Many notes\n\n{body}\n\n{notes}\n", format="markdown",
                            name="many.md")
    reports, findings = [], []
    for i, note in enumerate(article.notes):
        links = tuple(LinkCheck(LinkResult(url=u, outcome=outcomes[(i + j) % len(outcomes)]))
                      for j, u in enumerate(note.urls))
        reports.append(NoteReport(note=note, links=links))
        findings += [Finding(kinds[(i + j) % len(kinds)], "r", "f", note=note.label,
                             url=link.result.url) for j, link in enumerate(links)]
    claims = tuple(
        ClaimReport(c, Verdict(label=labels[i % len(labels)], score=0.5) if i % 4 else None)
        for i, c in enumerate(article.claims))
    findings += [Finding(kinds[i % len(kinds)], "r", "f", claim=c.claim.id)
                 for i, c in enumerate(claims)]
    findings += [Finding(FindingKind.DEAD_LINK, "r", "f", url="https://nowhere.example/"),
                 Finding(FindingKind.NOT_FOUND, "r", "f", claim="c999999")]
    return Report(article=article, checked_at=WHEN, notes=tuple(reports), claims=claims,
                  findings=tuple(findings))
