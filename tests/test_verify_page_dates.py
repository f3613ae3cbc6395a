"""A page's own date, and the dates it gives relative to it (issue #12, verify10).

A news page reports its event in words dated by the page itself: *Wednesday evening* under a
byline of Thursday 2 March 2017, *screened in May* on a page of September 2018.  The reader
reads the page's date off its byline when nothing else gives it, and resolves those words
against it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.verify import Label, dates, verify_claim
from citeaudit.verify.dates import find_dates, published_from_byline

HEAD = "Search The Missouri Times\nAugust 25, 2019\n# Three selected for the Supreme Court\n"
BODY = ("The seven-person Appellate Judicial Commission narrowed the list of applicants for "
        "the vacant Supreme Court seat from 31 down to three Wednesday evening.\n"
        "Governor Eric Greitens will choose between Lisa Hardwick, Benjamin Lipman and "
        "Brent Powell.\n")
CLAIM = ("On March 1, 2017 the Appellate Judicial Commission narrowed the list of applicants "
         "for the vacant Supreme Court seat to three.")


@pytest.mark.parametrize(("line", "day"), [
    ("By Travis Zimpfer on March 2, 2017", dt.date(2017, 3, 2)),
    ("Posted 3 October 2017", dt.date(2017, 10, 3)),
    ("###### By Chava Gourarie May 24, 2019 2:44 pm", dt.date(2019, 5, 24)),
    ("by Martin Merk|19 MAY 2018", dt.date(2018, 5, 19)),
])
def test_a_byline_dates_a_page_that_carries_no_metadata(line: str, day: dt.date) -> None:
    assert published_from_byline(HEAD + line + "\n" + BODY) == day


def test_a_date_line_beside_the_headline_dates_the_page_but_the_sites_header_does_not() -> None:
    # "August 25, 2019" is the site's today, two lines above the headline but not the
    # page's own: the byline under the headline says when the article was written.
    page = HEAD + "By Travis Zimpfer on March 2, 2017\n" + BODY
    assert published_from_byline(page) == dt.date(2017, 3, 2)
    beside = "Skip to content\n# Raiders sign Kony Ealy\nMonday, Nov 05, 2018 02:15 PM\n" + BODY
    assert published_from_byline(beside) == dt.date(2018, 11, 5)
    far = "August 25, 2019\n" + "Menu\n" * 5 + "# Three selected\n" + BODY
    assert published_from_byline(far) is None


@pytest.mark.parametrize("line", [
    "31 Mar 2001 - 11 May 2022",                         # an archive's capture range
    "Jan 2001 - 11 May 2022",                            # … of a month to a day
    "By then, on March 2, 2017, the commission had met",  # a sentence stating a date
    "It will become effective as of Aug. 25, 2019.",
])
def test_a_range_or_a_sentence_is_no_byline(line: str) -> None:
    assert published_from_byline("# Headline\n" + line + "\n" + BODY) is None


def test_a_weekday_under_a_byline_states_the_claims_date() -> None:
    dated = HEAD + "By Travis Zimpfer on March 2, 2017\n" + BODY
    verdict = verify_claim(CLAIM, dated)
    assert verdict.label is Label.SUPPORTED, verdict.reason
    # Without the byline the page never says which Wednesday: the date is missing.
    undated = HEAD + "By Travis Zimpfer\n" + BODY
    assert verify_claim(CLAIM, undated).label is Label.PARTIALLY_SUPPORTED


def test_a_publication_date_given_by_the_caller_wins_over_the_byline() -> None:
    dated = HEAD + "By Travis Zimpfer on March 2, 2017\n" + BODY
    # A week later, "Wednesday" is 8 March: the claim's 1 March is not stated.
    verdict = verify_claim(CLAIM, dated, source_published=dt.date(2017, 3, 9))
    assert verdict.label is Label.PARTIALLY_SUPPORTED


@pytest.mark.parametrize(("text", "published", "month"), [
    ("Crunchyroll already screened the film in May.", dt.date(2018, 9, 3), (2018, 5)),
    ("The film will screen in the United States in May.", dt.date(2018, 3, 23), (2018, 5)),
    # Six months either way: the June ahead of a page of 20 December, not the one behind.
    ("Twelve debates, with the first planned for June.", dt.date(2018, 12, 20), (2019, 6)),
    ("Roads stay shut until early March.", dt.date(2019, 2, 1), (2019, 3)),
])
def test_a_month_named_alone_is_the_one_nearest_the_pages_date(
        text: str, published: dt.date, month: tuple[int, int]) -> None:
    (ref,) = find_dates(text, published=published)
    assert (ref.year, ref.month, ref.day) == (*month, None) and ref.relative


@pytest.mark.parametrize("text", [
    "May Day parades and June Carter songs",   # names, not times
    "Can anyone emerge from August victorious?",  # a title after "from"
    "the Daughters of March",
    "She may march in june.",                  # verbs, and a month not capitalised
])
def test_a_month_word_that_is_no_time_is_not_a_date(text: str) -> None:
    assert find_dates(text, published=dt.date(2018, 9, 3)) == []


def test_a_month_with_its_year_or_day_is_read_as_written_not_as_the_nearest() -> None:
    found = find_dates("in May 2016 and again in May 2", published=dt.date(2018, 9, 3))
    assert [(d.year, d.month, d.day, d.relative) for d in found] == [
        (2016, 5, None, False), (None, 5, 2, False)]


def test_a_month_named_alone_on_a_dated_page_states_the_claims_month() -> None:
    page = ("# Crunchyroll streams the film\n"
            "Crunchyroll already screened the film in the United States and Canada in May "
            "as part of its Anime Movie Night series.\n") * 2
    claim = "The film was screened in the United States and Canada during May 2018."
    assert verify_claim(claim, page, source_published=dt.date(2018, 9, 3)).label \
        is Label.SUPPORTED
    # A year later the May it speaks of is May 2019, not the claim's.
    assert verify_claim(claim, page, source_published=dt.date(2019, 9, 3)).label \
        is Label.PARTIALLY_SUPPORTED


def test_a_clock_time_after_a_month_is_not_its_day() -> None:
    (ref,) = find_dates(": BFI London Film Festival – Thursday 18 October 15:30 Odeon")
    assert (ref.month, ref.day, ref.text) == (10, 18, "18 October")
    (ref,) = find_dates("October 15, 2018")
    assert (ref.year, ref.month, ref.day) == (2018, 10, 15)


def test_months_named_alone_found_at_month_starts_are_those_of_a_full_scan(monkeypatch) -> None:
    page = ("Screened in May, again during June and until early March; May Day, from August, "
            "in Mayhem, in May 2016, and in DECEMBER. " * 3)
    published = dt.date(2016, 5, 3)
    fast = find_dates(page, published=published)
    assert [d.text for d in fast if d.relative] == ["May", "June", "March"] * 3
    monkeypatch.setattr(dates, "scan_at", lambda pattern, text, starts: pattern.finditer(text))
    assert fast == find_dates(page, published=published)


@pytest.mark.parametrize("line", [
    "Updated March 5, 2017",
    "Last updated: March 5, 2017 10:02 a.m. ET",
    "Modified 5 March 2017",
    "By Travis Zimpfer, updated March 5, 2017",
])
def test_a_line_saying_only_when_the_page_was_updated_gives_no_page_date(line: str) -> None:
    # An update date is when the page last changed, not when it reported its event.
    assert published_from_byline("# Headline\n" + line + "\n" + BODY) is None


@pytest.mark.parametrize("lines", [
    "Published March 2, 2017 Updated March 5, 2017",
    "Updated March 5, 2017 | Published March 2, 2017",
    "Posted on March 2, 2017, last modified 10:02 a.m.",
    "Updated March 5, 2017\nMarch 2, 2017",  # the date line beside it, not the update
])
def test_the_published_date_beside_an_update_date_dates_the_page(lines: str) -> None:
    assert published_from_byline("# Headline\n" + lines + "\n" + BODY) == dt.date(2017, 3, 2)


MONDAY = dt.date(2017, 2, 27)


@pytest.mark.parametrize(("text", "day"), [
    ("The finalists will be announced on Thursday.", dt.date(2017, 3, 2)),
    ("The commission is to meet Thursday in Jefferson City.", dt.date(2017, 3, 2)),
    ("The commission meets again next Thursday.", dt.date(2017, 3, 2)),
    ("It meets this coming Thursday.", dt.date(2017, 3, 2)),
    ("The governor said he'll decide by Friday.", dt.date(2017, 3, 3)),
    ("Its next hearing is next Monday.", dt.date(2017, 3, 6)),  # not the page's own day
])
def test_a_weekday_the_sentence_puts_ahead_is_the_coming_one(text: str, day: dt.date) -> None:
    assert [d.describe() for d in find_dates(text, published=MONDAY)] == [day.isoformat()]


@pytest.mark.parametrize(("text", "day"), [
    ("The finalists were announced on Thursday.", dt.date(2017, 2, 23)),
    ("The list, which was narrowed Thursday, will go to the governor.", dt.date(2017, 2, 23)),
    ("The governor will choose. The commission met Thursday.", dt.date(2017, 2, 23)),
    ("The commission met last Monday.", dt.date(2017, 2, 20)),
    ("The commission met on Monday.", MONDAY),
])
def test_a_weekday_in_a_clause_without_a_future_is_the_one_just_past(text: str,
                                                                      day: dt.date) -> None:
    assert [d.describe() for d in find_dates(text, published=MONDAY)] == [day.isoformat()]


def test_a_weekday_ahead_under_a_byline_states_the_claims_date() -> None:
    page = ("# Commission to name three finalists\nBy Travis Zimpfer on February 27, 2017\n"
            "The Appellate Judicial Commission will name the three finalists for the vacant "
            "Supreme Court seat on Thursday.\n")
    claim = ("On March 2, 2017 the Appellate Judicial Commission named the three finalists "
             "for the vacant Supreme Court seat.")
    verdict = verify_claim(claim, page)
    assert verdict.label is Label.SUPPORTED, verdict.reason
