"""Years a claim gives relative to the sentences before it (*the following year*)."""

from __future__ import annotations

import pytest

from citeaudit.claims import find_claims
from citeaudit.verify import CheckKind, Label, verify_claim
from citeaudit.verify.context_dates import context_years

CONTEXT = "The club was formed in 1886 and first played at South Testwood Park."


@pytest.mark.parametrize(("claim", "year"), [
    ("It joined the county league when it was founded the following year.", 1887),
    ("A year later it moved to a new ground.", 1887),
    ("The same year, it adopted its colours.", 1886),
    ("Later that year it played its first match.", 1886),
    ("The previous year, a cricket club had used the park.", 1885),
])
def test_a_year_relative_to_the_context_resolves_against_its_last_year(claim: str,
                                                                       year: int) -> None:
    (date,) = context_years(claim, CONTEXT)
    assert date.year == year
    assert date.relative
    assert claim[date.start:date.end] == date.text


@pytest.mark.parametrize("claim", [
    "It was promoted in 1890 and relegated that same year.",  # the claim's own year
    "Both clubs turned professional in the same year, 1891.",  # named at once
    "It was founded the same year as its rival.",  # another referent
    "That year's champions were Southampton St Mary's.",  # a possessive
])
def test_a_phrase_the_claim_itself_resolves_gives_no_year(claim: str) -> None:
    assert context_years(claim, CONTEXT) == []


def test_without_a_year_in_the_context_nothing_is_resolved() -> None:
    assert context_years("The same year, it adopted its colours.", "It played in red.") == []
    assert context_years("The same year, it adopted its colours.", None) == []


PAGE = """\
Totton FC history
Totton Football Club was formed in 1886 and played at South Testwood Park.
The club was a founding member of the Hampshire Football Association.
"""


def test_a_claim_dated_by_its_context_needs_that_year_on_the_page() -> None:
    claim = "The club became a founding member of the Hampshire Football Association the " \
            "following year."
    verdict = verify_claim(claim, PAGE, context=CONTEXT)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    (date,) = [c for c in verdict.checks if c.kind is CheckKind.DATE]
    assert not date.ok
    assert "1887" in date.detail


def test_a_claim_dated_by_its_context_is_supported_when_the_page_gives_the_year() -> None:
    page = PAGE.replace("The club was a founding", "In 1887 the club was a founding")
    claim = "The club became a founding member of the Hampshire Football Association the " \
            "following year."
    assert verify_claim(claim, page, context=CONTEXT).label is Label.SUPPORTED


def test_a_cited_sentence_before_the_claim_dates_it_in_an_article() -> None:
    # In an article the year is usually in the sentence before, itself cited.
    body = ("Totton Football Club was formed in 1886.[1] The club became a founding member "
            "of the Hampshire Football Association the following year.[2]")
    claim = find_claims(body, {"1", "2"}).cited[1]
    verdict = verify_claim(claim.text, PAGE, context=claim.context)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    assert any("1887" in c.detail for c in verdict.checks if c.kind is CheckKind.DATE)
