"""The self-contained HTML report, read as markup (the browser test is separate)."""

from __future__ import annotations

import re

import attrs
import pytest
from bs4 import BeautifulSoup

from citeaudit.report import html
from tests.support.reports import REUTERS_SNAPSHOT, build_report


@pytest.fixture(scope="module")
def report():
    return build_report()


@pytest.fixture(scope="module")
def page(report):
    return BeautifulSoup(html.render(report), "html.parser")


def test_each_cited_claim_is_highlighted_with_its_verdict_at_its_span(report, page):
    marks = page.select("#article mark.claim")
    assert [(m["data-claim"], m["data-verdict"]) for m in marks] == [
        ("c1", "supported"), ("c2", "contradicted")]
    body = report.article.body
    for mark, claim in zip(marks, report.claims, strict=True):
        start, end = claim.claim.span
        assert mark.get_text() == body[start:end]
    # The whole body is there, highlighted or not.
    assert page.select_one("#article").get_text() == body


def test_evidence_panel_holds_claim_passage_checks_and_snapshot_link(page):
    panel = page.select_one("#ev-c2")
    assert panel.has_attr("hidden")
    assert "1.6 million artillery shells" in panel.select_one(".claim-text").get_text()
    assert "about 1 million artillery shells" in panel.select_one(".passage").get_text()
    assert "fail" in panel.select_one(".check")["class"]
    archived = page.select_one("#ev-c1")
    assert REUTERS_SNAPSHOT in [a["href"] for a in archived.select("a")]
    assert "archived copy" in archived.get_text()


def test_page_loads_no_external_assets(report):
    out = html.render(report)
    soup = BeautifulSoup(out, "html.parser")
    assert not soup.select("link, img, iframe, script[src], object, embed")
    assert not re.search(r"url\(", out)
    assert "default-src 'none'" in soup.select_one('meta[http-equiv="Content-Security-Policy"]')[
        "content"]


def test_article_and_finding_text_is_escaped(report):
    claim = attrs.evolve(report.claims[0].claim,
                         text="<script>alert(1)</script> & more")
    body = report.article.body
    start, end = claim.span
    article = attrs.evolve(report.article,
                           body=body[:start] + "<img src=x onerror=alert(1)>" + body[end:])
    odd = attrs.evolve(report, article=article,
                       claims=(attrs.evolve(report.claims[0], claim=claim),))
    out = html.render(odd)
    assert "<script>alert(1)" not in out
    assert "<img src=x" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in out
    assert "1.6 million &amp; say so." in out


def test_findings_table_lists_reason_fix_and_archive_link(page):
    rows = page.select("#findings tr.finding")
    assert len(rows) == 2
    assert rows[0].select_one("td").get_text() == "warning"
    assert rows[1].select_one(".sev-error").get_text() == "error"
    assert page.select_one("#summary").get_text().startswith("2 notes, 2 cited claims")
