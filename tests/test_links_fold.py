"""Folded cue search finds exactly what the case-insensitive pattern finds."""

from __future__ import annotations

import random

import pytest

from citeaudit.links import classify
from citeaudit.links.fold import Cue, fold

CUES = [
    classify._NOT_FOUND_TITLES,
    classify._NOT_FOUND_WORDS,
    classify._CHALLENGE_TITLES,
    classify._CHALLENGE_MARKERS,
    classify._PAYWALL_WORDS,
    classify._PAYWALL_CLASS,
]

# Letters re's IGNORECASE pairs beyond lower(): dotted and dotless i, long s, the Kelvin
# sign, final sigma, old Cyrillic letter forms; and the cues' own words in every case.
PIECES = [
    *"aAiIıİsSſkKKσΣςвВᲀдДоОтТᲄъᲆ ÜüéÉ404-_.:!?\t",
    "page not found", "PAGE NOT FOUND", "Sayfa Bulunamadı", "SAYFA BULUNAMADI",
    "sayfa bulunamadİ", "страница не найдена", "СТРАНИЦА НЕ НАЙДЕНА", "Seite nicht gefunden",
    "Just a moment", "CAPTCHA", "Subscribers Only", "paywall", 'class="x PAYWALL"',
    "ABONELERE ÖZEL", "Página no encontrada", "PÁGINA NO ENCONTRADA", "Error 404",
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
