"""The verifier's caps, vetoes and the readings that used to fire wrongly."""

from __future__ import annotations

import pytest

from citeaudit.verify import CheckKind, Label, Verdict, verify_claim
from citeaudit.verify.core import SourceDoc, verify_claim_sources
from citeaudit.verify.dates import find_dates
from citeaudit.verify.numbers import find_quantities
from citeaudit.verify.quotes import find_quotes

CONCERT_PAGE = """\
Harbour Lights festival closes with record crowd
The festival drew 42,000 visitors over three days, organisers said.
Singer Mara Quist opened the final night with a set of new songs.
"It's the best crowd we have ever played to," Quist told the audience.
The festival was first held in 1994 and moved to the waterfront in 2003.
"""


def failed(verdict: Verdict, kind: CheckKind) -> list:
    return [c for c in verdict.checks if c.kind is kind and not c.ok]


# --- caps: a failed figure, date, name or quotation keeps the verdict below supported ---

def test_a_figure_the_page_does_not_state_caps_the_verdict() -> None:
    verdict = verify_claim("The festival drew visitors over three days and raised 90,000 "
                           "euros for charity.", CONCERT_PAGE)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    assert failed(verdict, CheckKind.NUMBER)


def test_a_date_the_page_does_not_state_caps_the_verdict() -> None:
    verdict = verify_claim("Singer Mara Quist opened the final night of the festival with a "
                           "set of new songs on 14 August 2021.", CONCERT_PAGE)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    assert failed(verdict, CheckKind.DATE)


def test_a_name_the_page_does_not_state_caps_the_verdict() -> None:
    verdict = verify_claim("Singer Mara Quist and Tom Ellery opened the final night with a set "
                           "of new songs.", CONCERT_PAGE)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    assert failed(verdict, CheckKind.ENTITY)


def test_a_missing_word_of_a_name_caps_the_verdict_whatever_its_accents() -> None:
    # The name's words are compared without accents; the claim's word "Hernández" was
    # compared with them as written, never matched, and so was never asked for.
    page = ("The physician and his wife Lisandra Lafitta, a dentist, signed the Manifiesto "
            "calling for fundamental freedoms in Cuba in 2001.")
    verdict = verify_claim("In 2001 the dentist Lisandra Lafitta Hernández signed the "
                           "Manifiesto calling for freedoms in Cuba.", page)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    assert any("Hernández" in c.detail for c in failed(verdict, CheckKind.ENTITY))


def test_a_quotation_the_page_does_not_hold_caps_the_verdict() -> None:
    verdict = verify_claim('Quist told the audience at the festival that "nobody will forget '
                           'this summer night".', CONCERT_PAGE)
    assert verdict.label is not Label.SUPPORTED
    assert verdict.label is not Label.CONTRADICTED
    assert failed(verdict, CheckKind.QUOTE)


# --- vetoes: contradicted needs the same fact stated differently ---

def test_the_same_counted_noun_with_another_figure_contradicts() -> None:
    verdict = verify_claim("The festival drew 52,000 visitors over three days.", CONCERT_PAGE)
    assert verdict.label is Label.CONTRADICTED


def test_a_figure_of_another_noun_does_not_contradict() -> None:
    verdict = verify_claim("The festival drew 52,000 euros in ticket sales over three days.",
                           CONCERT_PAGE)
    assert verdict.label is not Label.CONTRADICTED


def test_a_date_of_another_event_does_not_contradict() -> None:
    page = "Ada Lind was born on 9 May 1950 in Oslo, where she later worked as a painter.\n"
    verdict = verify_claim("Ada Lind, a painter, held her first exhibition in Oslo on 3 May "
                           "1950.", page)
    assert verdict.label is not Label.CONTRADICTED
    assert failed(verdict, CheckKind.DATE)


def test_a_date_of_the_same_event_stated_differently_contradicts() -> None:
    page = "Ada Lind died on 9 May 2011 in Bergen after a long career as a painter.\n"
    verdict = verify_claim("Ada Lind died on 3 May 2011 in Bergen after a long career as a "
                           "painter.", page)
    assert verdict.label is Label.CONTRADICTED


def test_a_misquote_of_the_same_speaker_contradicts() -> None:
    verdict = verify_claim('Quist told the audience: "It is the best crowd we have ever '
                           'performed to."', CONCERT_PAGE)
    assert verdict.label is Label.CONTRADICTED


def test_a_near_miss_spanning_two_quotations_does_not_contradict() -> None:
    page = ('Mayor Ruth Okafor spoke first. "We rebuilt the bridge," she said. "The river '
            'is calm again," added engineer Paul Dree.\n')
    verdict = verify_claim('Okafor said "we rebuilt the bridge and the river is calm".', page)
    assert verdict.label is not Label.CONTRADICTED


def test_a_near_miss_attributed_to_someone_else_does_not_contradict() -> None:
    page = ('Engineer Paul Dree said: "The river is calm again after the long winter."\n'
            'Mayor Ruth Okafor thanked the volunteers.\n')
    verdict = verify_claim('Ruth Okafor said: "the river is calm again after a long winter".',
                           page)
    assert verdict.label is not Label.CONTRADICTED


# --- readings that fired wrongly ---

def test_text_between_two_quoted_words_is_not_a_quotation() -> None:
    assert find_quotes('Critics called it "bold" and "moving".') == ["bold", "moving"]
    assert find_quotes('the 12" single "Blue Room" sold well') == ["Blue Room"]


def test_a_quotation_differing_by_a_contraction_is_found() -> None:
    verdict = verify_claim('Quist told the audience: "It is the best crowd we have ever played '
                           'to."', CONCERT_PAGE)
    assert not failed(verdict, CheckKind.QUOTE)
    assert verdict.label is Label.SUPPORTED


def test_a_short_english_sentence_is_not_taken_for_another_language() -> None:
    page = "Die Hard is a 1988 action film directed by John McTiernan, set in Los Angeles.\n"
    verdict = verify_claim("Die Hard is set in a skyscraper.", page)
    assert verdict.label is not Label.UNVERIFIABLE


def test_decades_are_dates_and_are_supported_by_a_year_within_them() -> None:
    assert [(d.year, d.decade) for d in find_dates("in the 1990s and the '80s")] == \
        [(1990, True), (1980, True)]
    verdict = verify_claim("The festival was first held in the 1990s.", CONCERT_PAGE)
    assert not failed(verdict, CheckKind.DATE)


def test_units_and_converted_figures_match() -> None:
    page = "The new trail runs 19.3 kilometres along the coast.\n"
    verdict = verify_claim("The new coastal trail runs 12 miles (19 km).", page)
    assert not failed(verdict, CheckKind.NUMBER)
    [q] = find_quantities("a 5km race")
    assert (q.value, q.noun) == (5.0, "km")


def test_ordinals_match_ordinals() -> None:
    page = "Vera Holm finished third in the 2019 Boston Marathon.\n"
    verdict = verify_claim("Vera Holm finished 3rd in the 2019 Boston Marathon.", page)
    assert verdict.label is Label.SUPPORTED


# --- what a careful reader knows ---

@pytest.mark.parametrize(("claim", "page"), [
    ("The company purchased the mill in 1920.", "In 1920 the company bought the mill.\n"),
    ("He stepped down as chairman in 2004.", "He resigned as chairman in 2004.\n"),
    ("She is an economist at the bank.", "She studied economics and works at the bank.\n"),
])
def test_synonyms_inflections_and_derivations_count_as_stated(claim: str, page: str) -> None:
    assert verify_claim(claim, page + "It was a long story.\n").coverage == 1.0


def test_a_leading_pronoun_is_read_with_the_context() -> None:
    page = ("Karl Brun was born in Basel.\nHis brother Olaf Brun was born in Zurich in 1931.\n"
            "Karl Brun studied law in Bern and was born in 1928.\n")
    verdict = verify_claim("He was born in 1928.", page, context="Karl Brun is a lawyer.")
    assert "Karl" in verdict.evidence[0].text


def test_a_claim_about_the_page_itself_is_supported_by_its_date() -> None:
    import datetime as dt
    page = "Flooding closed the coastal road for a week, officials said.\n"
    verdict = verify_claim("The Herald reported on 4 May 2019 that flooding closed the coastal "
                           "road.", page, source_publisher="The Herald",
                           source_published=dt.date(2019, 5, 4))
    assert verdict.label is Label.SUPPORTED


def test_several_cited_pages_support_a_claim_together() -> None:
    first = SourceDoc("The bridge opened to traffic in 1932 after four years of work.\n")
    second = SourceDoc("Its main span is 503 metres long, the longest of its day.\n")
    claim = "The bridge opened in 1932 and its main span is 503 metres long."
    assert verify_claim(claim, first.text).label is not Label.SUPPORTED
    together = verify_claim_sources(claim, [first, second])
    assert together.label is Label.SUPPORTED
    assert {e.source for e in together.evidence} == {0, 1}


# --- negation ---

def test_a_claim_turned_round_by_not_is_at_most_partly_supported() -> None:
    page = "The Harbour Lights festival did not return to the waterfront after the 2003 season.\n"
    verdict = verify_claim("The Harbour Lights festival returned to the waterfront after the "
                           "2003 season.", page)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    assert "negates" in verdict.reason


def test_a_negated_claim_against_a_page_stating_the_opposite_is_not_supported() -> None:
    page = "The war ended in 1648 with the Treaty of Westphalia, signed in Osnabrueck.\n"
    verdict = verify_claim("The war ended in 1648 without a treaty signed in "
                           "Osnabrueck.", page)
    assert verdict.label is not Label.SUPPORTED


def test_a_negated_claim_stated_negated_is_supported() -> None:
    page = "The Harbour Lights festival did not return to the waterfront after the 2003 season.\n"
    verdict = verify_claim("The Harbour Lights festival did not return to the waterfront after "
                           "the 2003 season.", page)
    assert verdict.label is Label.SUPPORTED
