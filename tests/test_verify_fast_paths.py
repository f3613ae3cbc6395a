"""The verifier's fast paths give exactly what the plain computations they replace give."""

from __future__ import annotations

import datetime as dt
import random
import re
import string
import unicodedata

import pytest

from citeaudit.verify import dates, numbers, quotes
from citeaudit.verify import text as text_module
from citeaudit.verify.language import detect_language
from citeaudit.verify.quotes import FoldedText
from citeaudit.verify.text import content_stems, fold, scan_at, split_sentences, word_starts

PAGES = [
    "On 4 March 2019 the council met. In summary, May 2001 and MAY 3, 2004 were busy.",
    "Sept. 4, 1990; September 2020; sep 12 — and a mayor who may resign in Dec 2021.",
    "İstanbul, 3 June 2015: the jury met on June 3, 2015 and again in July 2016.",
    "Marching bands (Mar 2010) played; the Summary of apr 1 1999 is in Augusta, Aug. 2000.",
    "no month here at all, only 1990s and 2004-05-06",
    "",
]
NUMBER_PAGES = [
    "3rd and Third, a3rd 12th; Twenty-five men, THIRTY-one; US$ 5 million, £3bn and about "
    "two hundred and five",
    "ıt fıve 5 \u017fix, İ twenty 5",
    "forty fourteen 1,000,000 ten-fold often; yesterday, 3 days ago, last Monday, on Friday",
]


def test_every_char_a_case_insensitive_pattern_takes_for_a_letter_lower_cases_to_it():
    # word_starts finds words by substring search of the lower-cased page: that misses no
    # match of a case-insensitive pattern only if this holds, but for the outliers it
    # refuses to read (and characters that lower-case to two, which move offsets).
    every_char = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    for letter in string.ascii_lowercase:
        for ch in re.findall(letter, every_char, re.IGNORECASE):
            assert ch.lower() == letter or ch in text_module._CASE_OUTLIERS \
                or len(ch.lower()) != 1, (letter, ch)


@pytest.mark.parametrize("page", PAGES)
def test_month_patterns_tried_at_month_starts_find_what_a_full_scan_finds(page):
    starts = word_starts(page, dates._MONTH_PREFIXES)
    for pattern in dates._BY_MONTH:
        full = [(m.span(), m.groupdict()) for m in pattern.finditer(page)]
        fast = [(m.span(), m.groupdict()) for m in scan_at(pattern, page, starts)]
        assert fast == full


DATE_PAGES = [
    "The '90s and the 1980s; 1,2004 and 2004.5 and 2004% and x2004; 12th of May 1999; 3 June",
    "Scores 7-1, 2019-04-31, 2019-4-3 and _2019 and \u0663 2020 (an Arabic-Indic digit first).",
]


@pytest.mark.parametrize("page", PAGES + NUMBER_PAGES + DATE_PAGES)
def test_find_dates_finds_what_every_pattern_over_every_offset_finds(page, monkeypatch):
    published = dt.date(2016, 5, 3)
    fast = dates.find_dates(page, published=published)
    # The plain reading: each pattern's finditer over the whole page.
    monkeypatch.setattr(dates, "scan_at", lambda pattern, text, starts: pattern.finditer(text))
    assert fast == dates.find_dates(page, published=published)


@pytest.mark.parametrize("words", [
    "it s what they re saying we ll see i m sure let s go it can t be won t be don t",
    "isn t", "we ve", "it s", "cannot and its seven tenths", "plain words only", "",
])
def test_contractions_are_spelt_out_as_every_pattern_in_turn_would(words):
    plain = words
    for pattern, repl, _ in quotes._CONTRACTIONS:
        plain = pattern.sub(repl, plain)
    assert quotes.uncontracted(words) == plain


def test_a_page_whose_lower_case_moves_offsets_is_scanned_in_full():
    assert word_starts("İstanbul, 3 June 2015", dates._MONTH_PREFIXES) is None
    assert word_starts("\u017fept 2015", dates._MONTH_PREFIXES) is None
    assert word_starts("3 June 2015", dates._MONTH_PREFIXES) == [2]


@pytest.mark.parametrize("page", PAGES + NUMBER_PAGES + DATE_PAGES)
def test_relative_dates_tried_at_their_starts_are_those_of_a_full_scan(page):
    published = dt.date(2016, 5, 3)
    found = dates.find_dates(page, published=published)
    absolute = [d for d in found if not d.relative]
    taken = dates._Spans()
    for d in sorted(absolute, key=lambda d: d.start):
        taken.add(d.start, d.end)
    full = [m.span() for m in dates._RELATIVE.finditer(page)
            if not taken.overlaps(m.start(), m.end())]
    assert [(d.start, d.end) for d in found if d.relative] == full
    assert absolute == dates.find_dates(page)


@pytest.mark.parametrize("page", PAGES + NUMBER_PAGES)
def test_figures_and_ranks_found_at_their_starts_are_those_of_a_full_scan(page):
    starts = [m.start() for m in numbers._START.finditer(page)]
    assert list(numbers._starts(page)) == starts
    ranks = [(m.span(), m.groupdict()) for m in numbers._ORDINAL.finditer(page)]
    assert [(q.start, q.end) for q in numbers._ordinals(page)] == [r[0] for r in ranks]


def test_quantities_are_read_through_the_fast_path():
    found = numbers.find_quantities(NUMBER_PAGES[0])
    assert [(q.value, q.ordinal) for q in found] == [
        (3.0, True), (3.0, True), (12.0, True), (3.0, False), (25.0, False), (31.0, False),
        (5e6, False), (3e9, False), (205.0, False)]


def test_find_dates_reads_month_dates_through_the_fast_path():
    found = dates.find_dates(PAGES[0])
    assert [(d.year, d.month, d.day) for d in found] == [(2019, 3, 4), (2001, 5, None),
                                                         (2004, 5, 3)]


def test_content_stems_read_curly_and_straight_apostrophes_alike():
    assert content_stems("The mayor\u2019s plan won\u2019t pass") == \
        content_stems("The mayor's plan won't pass") == ["mayor", "plan", "won't", "pass"]


def test_content_stems_are_the_same_after_the_word_memo_is_emptied():
    text = "Children bought 312 homes in Zürich; the children’s homes were bought."
    first = content_stems(text)
    text_module._CONTENT_STEMS.clear()
    assert content_stems(text) == first
    assert first[:4] == ["child", "buy", "312", "home"]


@pytest.mark.parametrize(("page", "language"), [
    ("The council said that the homes were built by the city and its people.", "en"),
    ("Der Rat hat gesagt, dass die Häuser von der Stadt gebaut wurden und nicht", "de"),
    ("Belediye bu yıl için daha çok ev yapılacağını ve bunun sonra olduğu söyledi ğış", "tr"),
    ("Το συμβούλιο είπε ότι τα σπίτια χτίστηκαν από την πόλη (the council said).", "el"),
    ("1990, 2004 — 312.", None),
    ("", None),
])
def test_language_is_told_by_script_then_by_counted_function_words(page, language):
    assert detect_language(page) == language


@pytest.mark.parametrize("text", ["a `quoted` word", "plain", "curly \u2018quotes\u2019 \ufb01ne"])
def test_fold_of_ascii_text_is_the_full_fold(text):
    assert fold(text) == unicodedata.normalize("NFKC", text).translate(text_module._FOLD)


def test_folded_text_maps_each_folded_character_to_its_source():
    source = "The \u201cRiver\u201d is  calm \ufb01ne con-\n  tainers"
    folded = FoldedText(source)
    assert folded.text == 'the "river" is calm fine containers'
    at = folded.text.index("calm")
    assert source[slice(*folded.span(at, at + 4))] == "calm"
    at = folded.text.index("containers")
    assert source[slice(*folded.span(at, at + 10))] == "con-\n  tainers"


FOLD_PAGES = [
    "Plain line one.\n\nThe \u201cRiver\u201d line\n  (\"quoted\") -- `tick` and 42\n",
    "con-\n\n  tainers and re-\n  use\nthen a plain line\n\u00e9t\u00e9 \u200b here\n\n",
    "  lead spaces\n\"--\" (first) word\n\x1cunit\x1fsep\nx \u00ad\nyz end-\n.",
]


def _run_by_run(text: str, drop: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list]:
    """The fold run by run over the whole text, as before plain lines were folded whole."""
    with monkeypatch.context() as m:
        m.setattr(quotes, "_BLOCK_BREAK", re.compile(r"(?!)"))
        m.setattr(FoldedText, "_block", lambda self, text, start, end: self._runs(text, start,
                                                                                    end))
        folded = FoldedText(text, drop_punctuation=drop)
    return folded.text, [folded.span(i, i + 1) for i in range(len(folded.text))]


def test_ascii_folds_replace_one_printing_character_by_one():
    # FoldedText folds an ASCII line whole and takes its words as the folded runs: that holds
    # only while folding ASCII keeps each character in its place and makes no new space.
    assert all(len(new) == 1 and not new.isspace() for _, new in text_module._ASCII_FOLDS)


@pytest.mark.parametrize("drop", [False, True])
def test_folding_plain_lines_whole_gives_the_run_by_run_fold_and_offsets(drop, monkeypatch):
    rnd = random.Random(7)
    alphabet = list("ab C-`\"'.,\n \t\x1c\u00ad\u2010\u00e9\u200b\u0301(")
    texts = FOLD_PAGES + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
                          for _ in range(400)]
    for text in texts:
        folded = FoldedText(text, drop_punctuation=drop)
        offsets = [folded.span(i, i + 1) for i in range(len(folded.text))]
        assert (folded.text, offsets) == _run_by_run(text, drop, monkeypatch), text


def test_lines_without_sentence_punctuation_are_one_sentence_each_with_their_offsets():
    text = "  Harbour board minutes  \n\nThe mayor spoke. Then the engineer\n3 June 2015"
    found = [(s.start, s.end, s.text) for s in split_sentences(text)]
    assert found == [(2, 23, "Harbour board minutes"), (27, 43, "The mayor spoke."),
                     (44, 61, "Then the engineer"), (62, 73, "3 June 2015")]
    assert all(text[start:end] == sentence for start, end, sentence in found)


def test_a_month_written_with_a_long_s_is_read_as_that_month_not_a_crash():
    from citeaudit.verify.dates import find_dates

    (ref,) = find_dates("ſeptember 2001")
    assert (ref.year, ref.month) == (2001, 9)


def test_ascii_text_is_tokenised_by_the_ascii_pattern_as_by_the_unicode_one():
    # content_stems reads ASCII sentences with the ASCII pattern: on every pair of ASCII
    # characters, and on long random mixes of the ones the pattern cares about, it must
    # find the same words as the pattern every other text is read with.
    ascii_chars = [chr(i) for i in range(128)]
    pairs = [a + b for a in ascii_chars for b in ascii_chars]
    rng = random.Random(17)
    mixes = ["".join(rng.choice("aZ09.,'_ -\n\t\x00") for _ in range(40))
             for _ in range(3000)]
    for text in pairs + mixes + PAGES[:2] + NUMBER_PAGES[:1]:
        assert text_module._ASCII_TOKEN.findall(text) == text_module._TOKEN.findall(text), text


def test_ascii_words_found_by_splitting_are_the_tokens_the_pattern_finds():
    # content_stems splits an ASCII sentence on a byte translation, and reads only runs
    # with a digit or an apostrophe with the pattern: every pair of ASCII characters, and
    # long random mixes of those the split treats apart, must give the pattern's tokens.
    ascii_chars = [chr(i) for i in range(128)]
    pairs = [a + b for a in ascii_chars for b in ascii_chars]
    rng = random.Random(23)
    mixes = ["".join(rng.choice("aZq09.,'_ -\n\t\x00!\"(") for _ in range(rng.randint(0, 40)))
             for _ in range(5000)]
    words = ["Mayor", "don't", "3rd", "1,000.", "U.S.", "'90s", "rock'n'roll", "a.b,c"]
    phrases = [" ".join(rng.choice(words) for _ in range(6)) for _ in range(200)]
    pages = [p for p in PAGES + NUMBER_PAGES + DATE_PAGES if p.isascii()]
    for text in pairs + mixes + phrases + pages:
        assert text_module._ascii_words(text) == text_module._ASCII_TOKEN.findall(text), text


@pytest.mark.parametrize("text", ["plain", "it\u2019s the \u2018best\u2019", "\u2019\u2019",
                                  "caf\u00e9 \u2014 \u201cquoted\u201d"])
def test_curly_apostrophes_are_straightened_as_translating_them_would(text):
    table = str.maketrans({"\u2019": "'", "\u2018": "'"})
    assert text_module._apostrophes_folded(text) == text.translate(table)


def test_lower_casing_keeps_word_boundaries_signs_and_digits_where_they_were():
    # numbers._scan reads the lower-cased page: a non-word character must not become a
    # letter a-z there (a number word's boundary would be lost), and a sign or a digit must
    # stay one and nothing else become one.
    sign_or_digit = re.compile(r"[$€£¥\d]")
    for i in range(0x110000):
        ch = chr(i)
        if 0xD800 <= i < 0xE000 or len(ch.lower()) != 1 or ch in text_module._CASE_OUTLIERS:
            continue
        low = ch.lower()
        if not re.match(r"\w", ch):
            assert not "a" <= low <= "z", ch
        assert bool(sign_or_digit.match(ch)) == bool(sign_or_digit.match(low)), ch


SCAN_PAGES = [
    "$five and 5thirty, 1,2345 and 12,345; Third, 3rd and x3rd; £twenty €7 ¥8 US$nine",
    "Ten\tthousand\nnineteenth: (six) \u0663\u0664th and fifth-century, often one-off",
    "ninety", "7", "",
]


@pytest.mark.parametrize("page", SCAN_PAGES)
def test_one_scan_gives_the_starts_of_figures_and_ranks_a_full_scan_finds(page):
    assert list(numbers._starts(page)) == [m.start() for m in numbers._START.finditer(page)]
    ranks = [m.span() for m in numbers._ORDINAL.finditer(page)]
    assert [(q.start, q.end) for q in numbers._ordinals(page)] == ranks
    fast = [(m.span(), m.groupdict()) for m in numbers._matches(page)]
    assert fast == [(m.span(), m.groupdict()) for m in numbers._QUANTITY.finditer(page)]
