"""The verifier's fast paths give exactly what the plain computations they replace give."""

from __future__ import annotations

import re

import pytest

from citeaudit.verify import dates
from citeaudit.verify.text import content_stems, sentence_stems, split_sentences

PAGES = [
    "On 4 March 2019 the council met. In summary, May 2001 and MAY 3, 2004 were busy.",
    "Sept. 4, 1990; September 2020; sep 12 — and a mayor who may resign in Dec 2021.",
    "İstanbul, 3 June 2015: the jury met on June 3, 2015 and again in July 2016.",
    "Marching bands (Mar 2010) played; the Summary of apr 1 1999 is in Augusta, Aug. 2000.",
    "no month here at all, only 1990s and 2004-05-06",
    "",
]


def test_every_letter_matched_case_insensitively_lower_cases_to_it_but_long_s():
    # _month_starts finds month names by substring search of the lower-cased page: that
    # misses none only if this holds for the letters of the month prefixes.
    every_char = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    for letter in set("".join(dates._MONTH_PREFIXES)):
        for ch in re.findall(letter, every_char, re.IGNORECASE):
            assert ch.lower() == letter or ch == "\u017f" or len(ch.lower()) != 1, (letter, ch)


@pytest.mark.parametrize("page", PAGES)
def test_month_patterns_tried_at_month_starts_find_what_a_full_scan_finds(page):
    starts = dates._month_starts(page)
    for pattern in dates._BY_MONTH:
        full = [(m.span(), m.groupdict()) for m in pattern.finditer(page)]
        fast = [(m.span(), m.groupdict()) for m in dates._scan(pattern, page, starts)]
        assert fast == full


def test_a_page_whose_lower_case_moves_offsets_is_scanned_in_full():
    assert dates._month_starts("İstanbul, 3 June 2015") is None
    assert dates._month_starts("\u017fept 2015") is None
    assert dates._month_starts("3 June 2015") == [2]


def test_find_dates_reads_month_dates_through_the_fast_path():
    found = dates.find_dates(PAGES[0])
    assert [(d.year, d.month, d.day) for d in found] == [(2019, 3, 4), (2001, 5, None),
                                                         (2004, 5, 3)]


def test_sentence_stems_are_each_sentences_content_stems():
    text = ("The mayor\u2019s plan won\u2019t pass.  Dr. Smith said so.\n"
            "Children bought 312 homes.  It rained.\n\n  Zürich’s council met on 4 March.")
    sentences = split_sentences(text)
    assert sentence_stems(text, sentences) == [content_stems(s.text) for s in sentences]
    assert sentence_stems(text, sentences[1:2]) == [content_stems(sentences[1].text)]
