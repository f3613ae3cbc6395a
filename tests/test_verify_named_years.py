"""A year used as a name ("the 2018 prize") must name the same thing on the page; and the
claim words the verifier reports missing are the ones the page does not state."""

from __future__ import annotations

from citeaudit.verify import CheckKind, Label, verify_claim
from citeaudit.verify.core import SourceDoc, assess_claim
from citeaudit.verify.named_years import named_years, years_naming
from citeaudit.verify.text import fold
from citeaudit.verify.units import claim_units

PRIZE_PAGE = """\
The Harwell Prize is awarded every two years for the best book on maritime history.
Books published in English and bearing a copyright of 2018 or 2019 are eligible for the 2020 prize.
Nominations may be made by an author or by a publisher.
"""

SEASON_PAGE = """\
Rovers finished third in the 2016 season and second in the 2017 season.
The club was founded in 1921 and plays at Mill Lane.
"""


def date_failures(claim: str, page: str) -> list[str]:
    verdict = verify_claim(claim, page)
    return [c.detail for c in verdict.checks if c.kind is CheckKind.DATE and not c.ok]


def test_a_year_the_page_gives_another_thing_caps_the_claim() -> None:
    verdict = verify_claim("Books published in English are eligible for the 2018 prize.",
                           PRIZE_PAGE)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    assert "the claim speaks of the 2018 prize; the source only of the 2020 prize" in \
        date_failures("Books published in English are eligible for the 2018 prize.", PRIZE_PAGE)


def test_the_same_year_and_noun_on_the_page_raise_nothing() -> None:
    verdict = verify_claim("Books published in English are eligible for the 2020 prize.",
                           PRIZE_PAGE)
    assert verdict.label is Label.SUPPORTED
    assert date_failures("Rovers finished second in the 2017 season.", SEASON_PAGE) == []


def test_capitalised_words_may_stand_between_the_pages_year_and_noun() -> None:
    page = "Mara Quist won the 2018 Harwell Prize for her history of the port.\n" \
           "She also won a prize in 2020 for a novel about the sea.\n"
    assert years_naming("prize", page) == {2018}
    assert date_failures("Mara Quist won the 2018 prize for her history of the port.",
                         page) == []


def test_a_year_followed_by_a_function_word_or_a_name_names_nothing() -> None:
    claim = "The club was founded in 1921 and won the Harwell Cup in 1950."
    assert named_years(claim, claim_units(claim)) == []


def test_a_noun_the_page_never_dates_raises_nothing() -> None:
    page = "Rovers finished third in the league.\nThe league began in 1921.\n"
    assert date_failures("Rovers finished third in the 1921 league table.", page) == []


def test_a_missing_year_is_reported_once_as_not_stated() -> None:
    failures = date_failures("Rovers finished third in the 2015 season.", SEASON_PAGE)
    assert failures == ["2015 is not stated in the source"]


def test_the_assessment_names_the_claim_words_no_page_states() -> None:
    claim = "Rovers finished third in the 2016 season under coach Ellis."
    _, assessment = assess_claim(claim, [SourceDoc(SEASON_PAGE)])
    assert assessment is not None
    folded = fold(claim).strip()
    assert sorted(folded[s:e] for s, e in assessment.missing) == ["Ellis", "coach"]
