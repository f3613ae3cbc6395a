"""The verifier's building blocks: figures, dates, quotes, names, languages, sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.verify import numbers
from citeaudit.verify.dates import find_dates, published_from_meta
from citeaudit.verify.entities import find_attributions, find_entities, host_name, names_match
from citeaudit.verify.language import detect_language
from citeaudit.verify.numbers import find_quantities
from citeaudit.verify.quotes import FoldedText, check_quote, find_quotes, quote_parts
from citeaudit.verify.text import split_sentences


@pytest.mark.parametrize(("text", "value"), [
    ("more than 13,000 containers", 13000),
    ("about 1.6 million people", 1_600_000),
    ("twenty-five years", 25),
    ("two hundred and fifty soldiers", 250),
    ("a $5m grant", 5_000_000),
    ("41.3 % of voters", 41.3),
])
def test_quantities_are_read_with_separators_scales_and_words(text: str, value: float) -> None:
    (q,) = find_quantities(text)
    assert q.value == pytest.approx(value)
    assert text[q.start:q.end] == q.text


def test_a_quantity_knows_what_it_counts_and_whether_it_is_approximate() -> None:
    (q,) = find_quantities("Police seized more than 13,000 containers.")
    assert q.noun == "contain" and q.approx


def test_rounded_and_approximate_figures_match_but_different_ones_do_not() -> None:
    (claim,) = find_quantities("1.6 million")
    (exact,) = find_quantities("1,581,000")
    (other,) = find_quantities("1,400,000")
    assert claim.matches(exact, 0.1)
    assert not claim.matches(other, 0.1)


_NUMERIC_TEXTS = [
    "US$ 5 and US$5bn, €12, £ 7.5 million, ¥300 and $ 4 — twenty-five, Fourteen, ONE",
    "two hundred and fifty soldiers, a thousand and one nights, some 41.3 % of voters",
    "onerous eighteenth-century tenets: often, sixth, nineteenth, dozens, hundreds",
    "Seven-eleven, ninety nine, ٣٤ (Arabic-Indic digits), ５ (full-width), 10 per cent, 5m, 10k",
    "Police seized more than 13,000 containers in 2016, up from 1,581,000 in 1999.",
    "", "$", "US$", "no figures here at all", "1", "one",
]


@pytest.mark.parametrize("text", _NUMERIC_TEXTS)
def test_the_fast_quantity_scan_finds_exactly_what_the_plain_pattern_finds(text: str) -> None:
    fast = [(m.start(), m.end(), m.groupdict()) for m in numbers._matches(text)]
    plain = [(m.start(), m.end(), m.groupdict()) for m in numbers._QUANTITY.finditer(text)]
    assert fast == plain


def test_the_fast_quantity_scan_agrees_on_every_cut_of_a_mixed_text() -> None:
    text = " ".join(_NUMERIC_TEXTS)
    for cut in range(len(text)):
        piece = text[cut:cut + 40]
        fast = [m.span() for m in numbers._matches(piece)]
        assert fast == [m.span() for m in numbers._QUANTITY.finditer(piece)], piece


def test_years_are_left_to_the_date_reader() -> None:
    assert find_quantities("the 2016 film") == []
    assert [d.year for d in find_dates("the 2016 film")] == [2016]


@pytest.mark.parametrize("text", ["Section 1983 lawsuits", "on Route 2020", "see p. 1987",
                                  "locomotive No. 1900", "§ 1981 claims"])
def test_a_year_shaped_figure_after_a_label_names_a_thing_and_is_no_date(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(("text", "year"), [("the Mental Health Act 1983", 1983),
                                            ("there was no 2020 edition", 2020)])
def test_a_year_after_a_name_or_a_plain_word_is_still_a_year(text: str, year: int) -> None:
    assert [d.year for d in find_dates(text)] == [year]


@pytest.mark.parametrize(("text", "fields"), [
    ("on June 18, 2024 the port", {"year": 2024, "month": 6, "day": 18}),
    ("on 18 June 2024", {"year": 2024, "month": 6, "day": 18}),
    ("PUBLISHED DATETIME: 2016-08-24", {"year": 2016, "month": 8, "day": 24}),
    ("in December 2012", {"year": 2012, "month": 12}),
    ("by June 19", {"month": 6, "day": 19}),
])
def test_full_and_partial_dates_are_read(text: str, fields: dict) -> None:
    (date,) = find_dates(text)
    assert date.fields == fields


def test_dates_agree_on_stated_fields_and_clash_on_differing_ones() -> None:
    (claim,) = find_dates("June 18, 2024")
    (same_day,) = find_dates("June 18")
    (next_day,) = find_dates("June 19")
    (month,) = find_dates("June 2024")
    assert claim.supported_by(same_day)
    assert claim.conflicts_with(next_day)
    assert not claim.supported_by(month) and not claim.conflicts_with(month)
    (claim_month,) = find_dates("June 2024")
    assert claim_month.supported_by(claim)


def test_relative_dates_resolve_only_with_a_publication_date() -> None:
    text = "The union walked out yesterday; last year it struck twice."
    assert find_dates(text) == []
    resolved = find_dates(text, published=dt.date(2024, 6, 20))
    assert [(d.year, d.month, d.day) for d in resolved] == [(2024, 6, 19), (2023, None, None)]
    assert published_from_meta("(meta data) PUBLISHED DATETIME: 2016-08-24T10:00") \
        == dt.date(2016, 8, 24)


def test_quotes_of_any_style_are_extracted_and_ellipses_split_them() -> None:
    assert find_quotes("He called it \u201cmature, tasteful, and [...] sexy\u201d.") == [
        "mature, tasteful, and [...] sexy"]
    assert quote_parts("mature, tasteful, and [...] sexy") == ["mature, tasteful, and", "sexy"]


def test_a_quote_with_edited_punctuation_is_found_word_for_word() -> None:
    source = "Forbes listed her among Young Hollywood's Top-Earning Stars."
    result = check_quote("Young Hollywood's Top Earning-Stars", FoldedText(source), source,
                         FoldedText(source, drop_punctuation=True))
    assert result.found and result.punctuation_differs
    assert source[result.start:result.end] == "Young Hollywood's Top-Earning Stars"


def test_names_attribution_and_publishers_are_recognised() -> None:
    claim = ("According to the Washington Post, the Tozzer Library bought the Peabody "
             "Museum Library's first book.")
    assert [e.text for e in find_entities(claim)] == ["Washington Post", "Tozzer Library",
                                                      "Peabody Museum Library's"]
    assert [a.who for a in find_attributions(claim)] == ["Washington Post"]
    assert host_name("https://www.bbc.co.uk/news/x") == "bbc"
    assert names_match("Washington Post", "washingtonpost")
    assert not names_match("Washington Post", "Politico")


def test_a_name_ends_where_its_sentence_ends_but_not_at_an_abbreviation() -> None:
    claim = ("It raised concerns in the United States. Experts warn that U.S. Army families "
             "in St. Louis suffer.")
    # "Experts" opens the next sentence: one capitalised word there is no name.
    assert [e.text for e in find_entities(claim)] == ["United States", "U.S. Army", "St. Louis"]


@pytest.mark.parametrize(("text", "lang"), [
    ("The band released its third album on November 2, 2004, the day of the election.", "en"),
    ("Türkiye ile Rusya arasındaki ilişkiler son yıllarda daha çok gelişti ve bu da önemli "
     "bir adım olarak görüldü.", "tr"),
    ("Die Regierung hat am Montag beschlossen, dass die Steuern nicht steigen.", "de"),
    ("Le gouvernement a annoncé que les prix vont augmenter dans les prochains mois.", "fr"),
    ("Москва — столица России.", "cyrillic"),
    ("Media Play News", None),
])
def test_languages_are_told_apart_or_left_unknown(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_sentences_keep_their_offsets_and_respect_abbreviations() -> None:
    text = 'Mr. Smith said "yes." The U.S. Army left.\nNext line. J. Doe agreed.'
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ['Mr. Smith said "yes."', "The U.S. Army left.",
                                           "Next line.", "J. Doe agreed."]
    assert all(text[s.start:s.end] == s.text for s in sentences)
