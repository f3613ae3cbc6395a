"""keyword_line: the look-ahead on first letters changes no match of the alternation."""

import re

import pytest

from citeaudit.read.keywords import keyword_line

WORDS = (r"notes?", r"share(?:\s+this)?", r"\d+\s+comments?", r"\[\s*edit\s*\]", r"参考文献")
LINES = (
    "Notes", "NOTES:", "— notes —", "ſhare this", "share  this", "12 comments", "[ edit ]",
    "参考文献", "Smith, J. Notes on a war", "Keynotes", "  notes", "", "1. Notes", "ſ", "K",
)


def test_keyword_line_matches_exactly_what_the_plain_alternation_matches():
    head, tail = r"^\W{0,3}", r"\s*:?\W{0,3}$"
    plain = re.compile(f"{head}(?:{'|'.join(WORDS)}){tail}", re.I | re.X)
    fast = keyword_line(WORDS, head, tail, re.I | re.X)
    for line in LINES:
        assert bool(fast.match(line)) == bool(plain.match(line)), line
    assert fast.match("ſhare this")  # re.I folds the long s to s in the look-ahead too


def test_keyword_line_refuses_a_word_whose_first_character_it_cannot_name():
    with pytest.raises(ValueError, match="must start with"):
        keyword_line((r"notes", r"(?:foot)?notes"), "^", "$", re.I)
