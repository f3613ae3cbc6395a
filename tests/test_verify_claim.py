"""verify_claim on real-world-shaped claims and pages: labels, checks, evidence offsets."""

from __future__ import annotations

import attrs
import pytest

from citeaudit.errors import InputError
from citeaudit.verify import CheckKind, Label, Verdict, support_score, verify_claim

PORT_PAGE = """\
Shipping backlog grows at Rotterdam as strike enters second week
By Anna de Vries
Port officials said on Tuesday that more than 11,000 containers were stranded at the \
Maasvlakte terminal after dock workers walked out.
The strike began on June 19, 2024, when talks between the union FNV Havens and terminal \
operators collapsed.
"We will not unload a single ship until our safety demands are met," union spokesman \
Niek Stam told reporters.
Operators estimate the stoppage costs the port about 1.6 million euros a day.
"""

PARLIAMENT_PAGE = """\
Parliament moves to Wellington
On 26 July 1865 Parliament sat for the first time in Wellington.
The capital had been moved from Auckland, which was judged too far north.
Commissioners from Australia chose Wellington because of its central location and harbour.
"""


def checks_of(verdict: Verdict, kind: CheckKind) -> list:
    return [c for c in verdict.checks if c.kind is kind]


def test_a_different_container_count_is_a_contradiction() -> None:
    verdict = verify_claim("Port officials said more than 13,000 containers were stranded at "
                           "the Maasvlakte terminal.", PORT_PAGE)
    assert verdict.label is Label.CONTRADICTED
    (number,) = checks_of(verdict, CheckKind.NUMBER)
    assert not number.ok
    assert "13,000" in number.detail and "11,000" in number.detail


def test_the_same_container_count_written_differently_is_supported() -> None:
    verdict = verify_claim("More than 11000 containers were stranded at the Maasvlakte "
                           "terminal, port officials said.", PORT_PAGE)
    assert verdict.label is Label.SUPPORTED
    assert all(c.ok for c in checks_of(verdict, CheckKind.NUMBER))


def test_a_scaled_figure_matches_the_page() -> None:
    verdict = verify_claim("The stoppage costs the port an estimated 1,600,000 euros a day.",
                           PORT_PAGE)
    assert verdict.label is Label.SUPPORTED


def test_the_day_after_the_strike_began_is_a_contradiction() -> None:
    verdict = verify_claim("The strike began on June 18, 2024, when talks between the union "
                           "and terminal operators collapsed.", PORT_PAGE)
    assert verdict.label is Label.CONTRADICTED
    (date,) = checks_of(verdict, CheckKind.DATE)
    assert not date.ok and "June 19, 2024" in date.detail


def test_a_partial_date_is_supported_by_the_full_date() -> None:
    verdict = verify_claim("The strike began in June 2024 when talks between the union and "
                           "terminal operators collapsed.", PORT_PAGE)
    assert verdict.label is Label.SUPPORTED
    assert all(c.ok for c in checks_of(verdict, CheckKind.DATE))


def test_a_relative_date_in_the_page_resolves_against_its_publication_date() -> None:
    page = "Dock workers at Rotterdam walked out yesterday after wage talks collapsed."
    claim = "Dock workers at Rotterdam walked out on June 19, 2024 after wage talks collapsed."
    import datetime as dt

    assert verify_claim(claim, page, source_published=dt.date(2024, 6, 20)).label \
        is Label.SUPPORTED
    assert verify_claim(claim, page, source_published=dt.date(2024, 6, 25)).label \
        is not Label.SUPPORTED


def test_a_verbatim_quote_is_found_despite_curly_quotes_and_line_breaks() -> None:
    claim = ("Union spokesman Niek Stam said: \u201cWe will not unload a single ship until "
             "our safety demands are met.\u201d")
    verdict = verify_claim(claim, PORT_PAGE.replace("single ship", "single\n ship"))
    (quote,) = checks_of(verdict, CheckKind.QUOTE)
    assert quote.ok and "verbatim" in quote.detail
    assert verdict.label is Label.SUPPORTED


def test_a_misquote_is_reported_with_the_nearest_wording() -> None:
    claim = ('Union spokesman Niek Stam said: "We will never unload another ship until our '
             'safety demands are met."')
    verdict = verify_claim(claim, PORT_PAGE)
    (quote,) = checks_of(verdict, CheckKind.QUOTE)
    assert not quote.ok
    assert "We will not unload a single ship until our safety demands are met" in quote.detail
    assert verdict.label is Label.CONTRADICTED


def test_attribution_to_another_outlet_is_flagged() -> None:
    page = ("Senate passes stopgap bill to avert shutdown\n"
            "The Senate voted 77-19 on Thursday to fund the government through March 8.")
    claim = ("According to the Washington Post, the Senate voted 77-19 to fund the "
             "government through March 8.")
    verdict = verify_claim(claim, page, source_publisher="Politico",
                           source_url="https://www.politico.com/news/2024/02/29/senate")
    (attribution,) = checks_of(verdict, CheckKind.ATTRIBUTION)
    assert not attribution.ok
    assert "Washington Post" in attribution.detail and "Politico" in attribution.detail
    assert verdict.label is Label.PARTIALLY_SUPPORTED


def test_attribution_to_the_publisher_itself_passes() -> None:
    page = "The Senate voted 77-19 on Thursday to fund the government through March 8."
    claim = "According to Politico, the Senate voted 77-19 to fund the government."
    verdict = verify_claim(claim, page, source_url="https://www.politico.com/news/x")
    (attribution,) = checks_of(verdict, CheckKind.ATTRIBUTION)
    assert attribution.ok
    assert verdict.label is Label.SUPPORTED


def test_a_claim_combining_several_stated_facts_is_supported() -> None:
    claim = ("Parliament first sat in Wellington on 26 July 1865, the city having been chosen "
             "by commissioners from Australia for its central location.")
    verdict = verify_claim(claim, PARLIAMENT_PAGE)
    assert verdict.label is Label.SUPPORTED
    assert verdict.score > 0.5
    assert len(verdict.evidence) >= 1


def test_a_claim_with_one_fact_missing_is_partially_supported() -> None:
    claim = ("Wellington was chosen for its central location, and the Parliament buildings "
             "were designed by architect William Mason in 1865.")
    verdict = verify_claim(claim, PARLIAMENT_PAGE)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    coverage = checks_of(verdict, CheckKind.COVERAGE)[0]
    assert "Mason" in coverage.detail


def test_a_claim_the_page_does_not_make_is_not_found() -> None:
    claim = "The Tozzer Library holds over 260,000 volumes on anthropology and archaeology."
    verdict = verify_claim(claim, PARLIAMENT_PAGE)
    assert verdict.label is Label.NOT_FOUND
    assert verdict.score < 0.2


FILM_PAGE = """\
Winter Harbour opens in cinemas
The drama Winter Harbour opens in cinemas across the country on February 25, 2015.
Critics at the autumn festival praised its long, quiet takes of the fishing town.
The director said the script took four years to write.
"""


def test_a_claim_whose_date_the_page_states_is_partly_supported_not_not_found() -> None:
    # Most of the claim (the distributor, video on demand, a limited release) is not on the
    # page, but its date is: the page supports part of it.
    claim = ("Winter Harbour was distributed by Sundance Selects through video on demand "
             "and a limited release on February 25, 2015.")
    verdict = verify_claim(claim, FILM_PAGE)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    assert "date" in verdict.reason
    (date,) = checks_of(verdict, CheckKind.DATE)
    assert date.ok


def test_the_same_claim_with_a_date_the_page_lacks_is_not_found() -> None:
    claim = ("Winter Harbour was distributed by Sundance Selects through video on demand "
             "and a limited release on March 3, 2016.")
    verdict = verify_claim(claim, FILM_PAGE)
    assert verdict.label is Label.NOT_FOUND


def test_an_english_claim_against_a_turkish_page_is_unverifiable() -> None:
    page = ("Türkiye ile Rusya arasındaki ticaret hacmi geçen yıl rekor seviyeye ulaştı. "
            "Bakanlık tarafından yapılan açıklamaya göre ihracat yüzde 20 arttı ve bu artış "
            "özellikle tarım ürünlerinde görüldü.")
    verdict = verify_claim("Trade between the two countries reached a record last year, the "
                           "ministry said.", page)
    assert verdict.label is Label.UNVERIFIABLE
    assert "languages" in verdict.reason
    assert checks_of(verdict, CheckKind.LANGUAGE)[0].ok is False


@pytest.mark.parametrize("source", ["", "   \n ", "Access denied."])
def test_an_empty_or_tiny_source_is_unverifiable(source: str) -> None:
    verdict = verify_claim("The strike began on June 19, 2024.", source)
    assert verdict.label is Label.UNVERIFIABLE


def test_evidence_offsets_slice_the_source_exactly() -> None:
    verdict = verify_claim("The strike began on June 19, 2024, after talks between the union "
                           "FNV Havens and the terminal operators collapsed; about 1.6 million "
                           "euros a day are lost.", PORT_PAGE)
    assert verdict.evidence
    for ev in verdict.evidence:
        assert PORT_PAGE[ev.start:ev.end] == ev.text
        assert 0 <= ev.score <= 1


def test_an_acronym_defined_in_the_context_matches_its_long_form() -> None:
    page = "The North Atlantic Treaty Organization admitted Finland as its 31st member."
    claim = "Finland was admitted as the 31st member of NATO."
    without = verify_claim(claim, page)
    with_context = verify_claim(claim, page,
                                context="The North Atlantic Treaty Organization (NATO) grew.")
    assert with_context.coverage > without.coverage
    assert with_context.label is Label.SUPPORTED


def test_to_dict_has_the_report_schema_fields() -> None:
    verdict = verify_claim("More than 11,000 containers were stranded.", PORT_PAGE)
    data = verdict.to_dict()
    assert data["verdict"] == verdict.label.value
    assert {"verdict", "score", "evidence", "checks"} <= data.keys()
    assert set(data["evidence"][0]) == {"text", "score", "start", "end"}
    assert set(data["checks"][0]) == {"kind", "ok", "detail"}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        verdict.label = Label.SUPPORTED  # type: ignore[misc]


def test_support_score_prefers_the_source_that_states_the_claim() -> None:
    claim = "More than 11,000 containers were stranded at the Maasvlakte terminal."
    assert support_score(claim, PORT_PAGE) > 0.9
    assert support_score(claim, PARLIAMENT_PAGE) < 0.3


def test_an_empty_claim_is_bad_input() -> None:
    with pytest.raises(InputError):
        verify_claim("  ", PORT_PAGE)


def test_a_russian_page_is_split_into_sentences_so_evidence_is_one_sentence():
    from citeaudit.verify.text import split_sentences

    page = ("Северная Корея отправила войска в Россию. По данным разведки, речь идёт о "
            "12 тысячах солдат. «Это опасный шаг», — заявил министр.")
    assert [s.text for s in split_sentences(page)] == [
        "Северная Корея отправила войска в Россию.",
        "По данным разведки, речь идёт о 12 тысячах солдат.",
        "«Это опасный шаг», — заявил министр.",
    ]


def test_a_credit_is_not_held_against_a_page_whose_publisher_is_unknown() -> None:
    # The passage comes without publisher, title or address: it may be Jobted's own page.
    page = ("The average weekly earnings for all employees in Australia is AU$1,344, "
            "according to the latest figures (August 2022).")
    claim = "According to Jobted Australia, the average weekly earnings for all employees " \
            "in Australia is AU$1,344 as of August 2022."
    verdict = verify_claim(claim, page)
    (attribution,) = checks_of(verdict, CheckKind.ATTRIBUTION)
    assert attribution.ok and "could not be checked" in attribution.detail
    assert verdict.label is Label.SUPPORTED
    # Known to be another outlet's page, the same credit caps.
    verdict = verify_claim(claim, page, source_url="https://www.abs.gov.au/earnings")
    (attribution,) = checks_of(verdict, CheckKind.ATTRIBUTION)
    assert not attribution.ok and verdict.label is Label.PARTIALLY_SUPPORTED


def test_a_title_before_a_name_is_not_a_part_of_the_name_the_page_must_give() -> None:
    page = ("During his studies at Trinity College, Cambridge, Byron kept a tame bear, as "
            "the rules forbade him to keep dogs.")
    verdict = verify_claim("Lord Byron kept a tame bear while studying at Trinity College, "
                           "Cambridge.", page)
    (names,) = checks_of(verdict, CheckKind.ENTITY)
    assert names.ok
    # The title is still a claim word: it counts as missing, it does not cap.
    assert "'Lord'" in _coverage_detail(verdict)
    # A name the page lacks still caps, title or not.
    verdict = verify_claim("Lord Tennyson kept a tame bear while studying at Trinity College.",
                           page)
    (names,) = checks_of(verdict, CheckKind.ENTITY)
    assert not names.ok and verdict.label is not Label.SUPPORTED


def _coverage_detail(verdict: Verdict) -> str:
    return " ".join(c.detail for c in checks_of(verdict, CheckKind.COVERAGE))


WAGE_PAGE = ("From 1 July the minimum wage will be lifted by $1.05 an hour to $21.38 per hour, "
             "equating to a handy $40 per week injection for the lowest-paid workers.")


def test_a_figure_restating_a_stated_one_in_another_unit_caps_but_never_contradicts() -> None:
    # $812.60 a week is the hourly wage worked out; the page's $40 a week is the rise.
    verdict = verify_claim("The minimum wage is $21.38 per hour, equating to $812.60 per week.",
                           WAGE_PAGE)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    assert any("restates $21.38" in c.detail for c in checks_of(verdict, CheckKind.NUMBER))
    # Without the restated figure on the page, the weekly one is a fact of its own.
    verdict = verify_claim("The minimum wage is $25.10 per hour, equating to $812.60 per week.",
                           WAGE_PAGE)
    assert not any("restates" in c.detail for c in checks_of(verdict, CheckKind.NUMBER))
