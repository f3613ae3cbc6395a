"""Folded cue search finds exactly what the case-insensitive pattern finds."""

from __future__ import annotations

import random

import pytest

from citeaudit.links import classify
from citeaudit.links.fold import Cue, anchors, fold

CUES = [
    classify._NOT_FOUND_TITLES,
    classify._NOT_FOUND_WORDS,
    classify._CHALLENGE_TITLES,
    classify._CHALLENGE_MARKERS,
    classify._PAYWALL_WORDS,
    classify._PAYWALL_CLASS,
    classify._RATE_LIMIT_WORDS,
    classify._PARKED_WORDS,
]

# Letters re's IGNORECASE pairs beyond lower(): dotted and dotless i, long s, the Kelvin
# sign, final sigma, old Cyrillic letter forms; and the cues' own words in every case.
PIECES = [
    *"aAiIıİsSſkKKσΣςвВᲀдДоОтТᲄъᲆ ÜüéÉ404-_.:!?\t",
    "page not found", "PAGE NOT FOUND", "Sayfa Bulunamadı", "SAYFA BULUNAMADI",
    "sayfa bulunamadİ", "страница не найдена", "СТРАНИЦА НЕ НАЙДЕНА", "Seite nicht gefunden",
    "Just a moment", "CAPTCHA", "Subscribers Only", "paywall", 'class="x PAYWALL"',
    "ABONELERE ÖZEL", "Página no encontrada", "PÁGINA NO ENCONTRADA", "Error 404",
    "Too Many Requests", "Buy this domain", "PÁGINA NÃO ENCONTRADA", "页面不存在",
]


def test_a_folded_search_agrees_with_ignorecase_on_tricky_text() -> None:
    rnd = random.Random(17)
    texts = ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 10))) for _ in range(4000)]
    found = 0
    for text in texts:
        for cue in CUES:
            exact = cue.exact.search(text) is not None
            assert cue.search(fold(text)) is exact, (cue.pattern[:40], text)
            found += exact
    assert found > 500  # the corpus does hit the cues, not only miss them


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("SAYFA BULUNAMADI", classify._NOT_FOUND_TITLES),  # I, which re pairs with ı
        ("Sayfa bulunamadİ", classify._NOT_FOUND_TITLES),  # İ: one i, not i and a dot
        ("CAPTCHA", classify._CHALLENGE_TITLES),
        ("Verify you are human", classify._CHALLENGE_MARKERS),
        ("ſubscribers only", classify._PAYWALL_WORDS),  # long s, as re reads it
    ],
)
def test_cues_match_across_case_as_re_does(text: str, cue: Cue) -> None:
    assert cue.exact.search(text) is not None
    assert cue.search(fold(text))


def test_a_cue_written_in_upper_case_is_refused() -> None:
    with pytest.raises(ValueError, match="lower case"):
        Cue("Page not found")


def test_every_link_cue_is_first_looked_for_by_its_literal_runs() -> None:
    # Each cue's branches hold a run of plain letters: the quick look applies to them all.
    for cue in CUES:
        assert cue.anchors, cue.pattern[:40]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("page not found|^\\W*404\\b", ("404", "page not found")),
        ("captcha|recaptcha", ("captcha",)),  # a run holding another adds nothing
        ("page (?:gone|moved) here", ("page ",)),
        ("ab|page", None),  # a branch without a run long enough: no quick look
        ("(?i)page", None),  # case-blind: the run is not the plain letters it reads as
        ("\\w+", None),
    ],
)
def test_anchors_are_the_runs_every_match_must_contain(
    pattern: str, expected: tuple[str, ...] | None
) -> None:
    found = anchors(pattern)
    assert (sorted(found) if found else found) == (sorted(expected) if expected else expected)


def test_a_text_without_any_anchor_is_no_match_and_one_with_an_anchor_is_still_searched() -> None:
    cue = Cue(r"page not found|^\W*404\b")
    assert not cue.search(fold("the harbour budget was approved"))
    assert not cue.search(fold("room 404 is on the left"))  # an anchor, but no match
    assert cue.search(fold("  404 — gone"))
