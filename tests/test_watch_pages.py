"""A watch reads a page's title and date only to verify claims against it."""

from __future__ import annotations

from citeaudit.verify.verdict import Label
from citeaudit.watch.pages import read_page_state
from citeaudit.workers import ClaimInput, read_page, verify_page
from tests.support.site import html_page

URL = "https://news.example/harbour"
BODY = html_page(
    "Council approves harbour budget",
    "The city council approved a budget of 4.2 million euros for the harbour on Tuesday.",
    *(f"Paragraph {i} of the council's report on the harbour works, which the members "
      "debated for most of the afternoon before the vote." for i in range(6)),
    published="2024-03-05",
).body.encode()
KIND = "text/html; charset=utf-8"
# "Tuesday" is 5 March 2024 only by the page's date: without it the claim is but partly
# supported.
CLAIM = ClaimInput("a:c1", "On 5 March 2024 the city council approved a budget of 4.2 million "
                   "euros for the harbour.")


def test_a_page_with_nothing_to_verify_is_fingerprinted_without_its_title_and_date(
        date_searches):
    first = read_page_state(BODY, KIND, URL, None, "", (CLAIM,), frozenset())
    assert first is not None and first.verdicts == ()
    same = read_page_state(BODY, KIND, URL, first.fingerprint, first.text, (CLAIM,), frozenset())
    assert same is not None and not same.changed and same.verdicts == ()
    assert date_searches == []


def test_a_claim_verified_by_a_watch_is_judged_with_the_title_and_date_an_audit_reads(
        date_searches):
    state = read_page_state(BODY, KIND, URL, None, "", (CLAIM,), frozenset({CLAIM.id}))
    assert len(date_searches) == 1
    page = read_page(BODY, KIND, URL)
    assert page is not None and page.published is not None
    (verdict,) = verify_page(page, URL, (CLAIM,))
    assert verdict.label is Label.SUPPORTED
    assert state is not None and state.verdicts == ((CLAIM.id, "supported"),)
