"""The routes by which a claim word the page does not use is counted stated: each names
itself, and a name's words take no route a reader would not (issue #12)."""

from __future__ import annotations

from citeaudit.verify import Label, verify_claim

REGISTRY_PAGE = """\
Librarian adds 25 films to the National Film Registry
The Library of Congress selected the film for preservation in the National Film Registry.
"These films document our history," the librarian said in a statement.
The economics of film preservation were discussed at length.
"""

PRISON_PAGE = """\
Dissident jailed in Havana
Dr. Luis Milan Fernandez was jailed in Havana in 2001 after signing the manifesto.
His health deteriorated in prison, his family said.
"""

OBITUARY_PAGE = """\
Notable residents of Devonshire
Ellis Crane, engineer. Died: 12 September 1875, at Dundridge in Haberton, Devonshire.
The harbour was breached by the storm of 1866.
"""


def coverage_detail(claim: str, page: str) -> str:
    return verify_claim(claim, page).checks[0].detail


def test_a_related_word_names_its_route() -> None:
    detail = coverage_detail("The economist discussed film preservation.", REGISTRY_PAGE)
    assert "'economist' as derivation 'econom-'" in detail


def test_a_name_word_is_not_stated_by_a_derivation_of_it() -> None:
    # "States" of "United States" is no "statement"; the plain word keeps the route.
    detail = coverage_detail("The Library of Congress selected the film for the United "
                             "States National Film Registry.", REGISTRY_PAGE)
    assert "'States'" in detail.split("; matched")[0]  # listed as missing
    assert "statement" not in detail


def test_another_persons_surname_does_not_spell_the_claimed_name() -> None:
    verdict = verify_claim("Lisandra Hernandez was jailed in Havana in 2001.", PRISON_PAGE)
    assert "fernandez" not in verdict.checks[0].detail
    assert verdict.label is not Label.SUPPORTED


def test_a_name_spelt_differently_on_the_page_is_still_found() -> None:
    verdict = verify_claim("Ellis Crane died at Dundridge in Harberton on 12 September 1875.",
                           OBITUARY_PAGE)
    assert "'Harberton' as spelling 'haberton'" in verdict.checks[0].detail
    assert verdict.label is Label.SUPPORTED


def test_a_lower_case_word_does_not_spell_a_name() -> None:
    # "breached" is a word on this page, not a name: no variant of "Beach".
    detail = coverage_detail("Ellis Crane died at Cave Beach in Devonshire in 1875.",
                             OBITUARY_PAGE)
    assert "'Beach'" in detail.split("; matched")[0]
    assert "breach" not in detail


# --- a word of a name of several words is stated by that name, not by another one ---

ADVERT_PAGE = """\
Rob Riggle is the new face of Kentucky Fried Chicken
The actor appears in a new set of advertisements for Kentucky Fried Chicken.
Riggle plays the coach of the fictional football team The Buckets.
"""

RACE_PAGE = """\
Results from Watkins Glen
Kevin Stewart won the race at Watkins Glen in 2011, ahead of the pack.
"""


def missing(claim: str, page: str) -> str:
    return coverage_detail(claim, page).split("; matched")[0]


def test_a_name_word_inside_another_name_does_not_state_the_claimed_name() -> None:
    detail = missing("Rob Riggle appeared as the coach of the Kentucky Buckets football team.",
                     ADVERT_PAGE)
    assert "'Kentucky'" in detail
    assert "'Buckets'" not in detail  # "The Buckets": beside no other name


def test_another_persons_surname_does_not_state_the_claimed_person() -> None:
    verdict = verify_claim("Tony Stewart won the race at Watkins Glen in 2011.", RACE_PAGE)
    assert "'Stewart'" in verdict.checks[0].detail
    assert verdict.label is Label.PARTIALLY_SUPPORTED


def test_a_surname_alone_or_after_a_title_still_states_the_name() -> None:
    page = ("Results from Watkins Glen\nSenator Tony Stewart entered the race as a guest.\n"
            "Stewart won the race at Watkins Glen in 2011, ahead of the pack.\n")
    verdict = verify_claim("Tony Stewart won the race at Watkins Glen in 2011.", page)
    assert verdict.label is Label.SUPPORTED
