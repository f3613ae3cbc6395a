"""A claim citing several notes is judged against their pages together in an audit."""

from __future__ import annotations

from citeaudit.audit import audit
from citeaudit.config import Config, HttpConfig
from citeaudit.verify.verdict import Label
from tests.support.site import Site, html_page

HTTP = HttpConfig(allow_private=True, per_host_interval=0.0, retries=0, deadline=10.0)

ARTICLE = """\
The Loopback Review

The Sava bridge opened to traffic in 1932 and its main span is 503 metres long.[1][2]

[1] "Bridge opens", Loopback Times, {base}/opening, (Access Date: 27.06.2024).
[2] "A long span", Loopback Times, {base}/span, (Access Date: 27.06.2024).
"""


def test_a_claim_stated_half_on_each_cited_page_is_supported_by_both() -> None:
    site = Site({
        "/opening": html_page("Bridge opens", "The Sava bridge opened to traffic in 1932 "
                              "after four years of work by the city's engineers."),
        "/span": html_page("A long span", "The main span of the Sava bridge is 503 metres "
                           "long, the longest of its day in the region."),
    })
    with site.running():
        report = audit(ARTICLE.format(base=site.base), Config(http=HTTP, archives=()))
    [claim] = [c for c in report.claims if c.verdict is not None]
    assert claim.verdict.label is Label.SUPPORTED
    assert {e.source for e in claim.verdict.evidence} == {0, 1}
