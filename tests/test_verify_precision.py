"""Rules found by measuring the precision of negative verdicts (bench/contradiction_set.py):
a veto needs the same subject, and a date without its year states no year."""

from __future__ import annotations

from citeaudit.verify import CheckKind, Label, verify_claim

ROSTER_PAGE = (
    "Harbour City Hawks sign and release players\n"
    "The Hawks waived linebacker Tom Brandt on December 19, 2009, and re-signed him to the "
    "practice squad two days later.\n"
    "Brandt had played four seasons for the club.\n"
)


def test_a_date_of_the_same_event_for_someone_the_page_never_names_does_not_contradict() -> None:
    # The claim's "He" is Ole Sand (from the context); the page is about another player.
    verdict = verify_claim("He was waived on November 5, 2018 and was re-signed to the "
                           "practice squad.", ROSTER_PAGE,
                           context="Ole Sand joined the Hawks as a linebacker in 2017.")
    assert verdict.label is not Label.CONTRADICTED
    assert verdict.label is not Label.SUPPORTED
    assert any(c.kind is CheckKind.DATE and not c.ok for c in verdict.checks)


def test_a_date_of_the_same_event_for_the_same_subject_still_contradicts() -> None:
    verdict = verify_claim("He was waived on November 5, 2009 and was re-signed to the "
                           "practice squad.", ROSTER_PAGE,
                           context="Tom Brandt joined the Hawks as a linebacker in 2006.")
    assert verdict.label is Label.CONTRADICTED


def test_a_figure_for_a_named_subject_the_page_never_names_does_not_contradict() -> None:
    page = "The Harbour Lights festival drew 42,000 visitors over three days this summer.\n"
    verdict = verify_claim("The Northgate festival drew 52,000 visitors over three days this "
                           "summer.", page)
    assert verdict.label is not Label.CONTRADICTED
    assert verdict.label is not Label.SUPPORTED


EVENT_PAGE = """\
Young wins title rematch in Albuquerque
Young faced Kedzie again on April 9 in a five-round title rematch in Albuquerque.
Kedzie had won their first fight on points.
"""


def test_a_day_and_month_without_a_year_do_not_state_a_year_the_page_never_names() -> None:
    verdict = verify_claim("Young faced Kedzie again in a five-round title rematch on April 9, "
                           "2012 in Albuquerque.", EVENT_PAGE)
    assert verdict.label is not Label.SUPPORTED
    assert any(c.kind is CheckKind.DATE and not c.ok for c in verdict.checks)


def test_a_day_and_month_under_a_page_naming_the_year_state_the_full_date() -> None:
    page = EVENT_PAGE + "The 2011 season ended with Young as champion.\n"
    verdict = verify_claim("Young faced Kedzie again in a five-round title rematch on April 9, "
                           "2011 in Albuquerque.", page)
    assert verdict.label is Label.SUPPORTED
