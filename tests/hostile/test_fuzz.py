"""Fuzzed input for the readers, the note parser and the date parser: an answer or an
``InputError``, never a crash.

The inputs are built from the pieces real articles and notes are made of
(sentences, note markers, URLs, dates in several languages, quotes, runs of
punctuation, stray markup) mixed with arbitrary text and control characters,
so hypothesis spends its examples near the parsers' edges.  Each test is
bounded by ``max_examples`` and a per-example ``deadline``, so the file runs in
well under a minute.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import citeaudit
from citeaudit.dates import find_dates, parse_date
from citeaudit.errors import InputError
from citeaudit.notes import Note

PIECES = [
    "The council approved a budget of 4.2 million euros on 3 May 2021.",
    "Ankara'da 27 Haziran 2024 tarihinde görüşüldü.",
    "Встреча прошла 28.06.2024 в Москве.",
    "“Quoted words",
    "«guillemets",
    "‘single",
    '"',
    "'",
    "[1]",
    "[12]",
    "(1)",
    "^",
    "1.",
    "a)",
    "Ibid.",
    "Op. cit., p. 4.",
    "https://news.example/2024/06/ankara-talks",
    "http://[::1]/",
    "https://x.example/a_(b)",
    "www.example.org/page",
    "doi:10.1000/182",
    "(Access Date: 28.06.2024)",
    "Retrieved June 28, 2024",
    "Erişim tarihi: 28 Haziran 2024",
    "accessed 2024-06-28",
    "31/02/2024",
    "0/0/0000",
    "99.99.9999",
    "...",
    "????",
    "!!!",
    "…",
    "—",
    "–",
    ";",
    ":",
    ",",
    "\n",
    "\n\n",
    "\t",
    "  ",
    "<p>",
    "</p>",
    "<a href='https://news.example/x'>",
    "</a>",
    "<sup>",
    "<ol><li>",
    "<br>",
    "<!--",
    "-->",
    "<script>",
    "&amp;",
    "&#0;",
    "&#x1f;",
    "# Heading",
    "* item",
    "> quote",
    "[text](https://news.example/md)",
    "[^1]",
    "[^1]: Note.",
    "```",
    "`code`",
    "\\",
    "|a|b|",
    "\x00",
    "\x08",
    "\x1f",
    "\x0b",
    "\x7f",
    "\ufeff",
    "\u200b",
    "\u202e",
    "\ud7ff",
]

pieces = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), min_size=0, max_size=40
).map(" ".join)


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    """Load dateparser's language data and the readers once, outside any example's deadline."""
    parse_date("le 3 mai 2021, accessed 28.06.2024")
    citeaudit.parse_article("<p>A sentence.[1]</p><ol><li>Note.</li></ol>", format="html")


FUZZ = settings(
    max_examples=40,
    # A hang guard, not a speed check: catastrophic backtracking runs for minutes, while a
    # first example on a machine at load 12 was seen to take 20 s (dateparser loading a language).
    deadline=dt.timedelta(seconds=60),
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: CI stays reproducible
    database=None,
)


def _article_or_input_error(text: str, fmt: str) -> None:
    try:
        article = citeaudit.parse_article(text, format=fmt, name="<fuzz>")
    except InputError:
        return
    for note in article.notes:
        assert isinstance(note, Note)
    for claim in (*article.claims, *article.uncited):
        start, end = claim.span
        assert 0 <= start <= end <= len(article.body)


@FUZZ
@given(pieces)
def test_the_text_reader_answers_or_refuses_any_input(text: str) -> None:
    _article_or_input_error(text, "text")


@FUZZ
@given(pieces)
@example("<br> \x08")  # lxml refused the backspace when a line break was added before it
def test_the_html_reader_answers_or_refuses_any_input(text: str) -> None:
    _article_or_input_error(f"<html><body><p>{text}</p></body></html>", "html")


@FUZZ
@given(pieces)
@example("<br> \x1f")
def test_the_markdown_reader_answers_or_refuses_any_input(text: str) -> None:
    _article_or_input_error(text, "markdown")


@FUZZ
@given(pieces)
def test_parse_note_answers_any_note(raw: str) -> None:
    note = citeaudit.parse_note(raw)
    assert isinstance(note, Note)
    assert all(url.lower().startswith(("http://", "https://", "doi:")) for url in note.urls)
    if note.access_date is not None:
        assert isinstance(note.access_date, dt.date)


@FUZZ
@given(pieces)
def test_find_dates_gives_real_dates_at_their_place(text: str) -> None:
    previous_end = 0
    for match in find_dates(text):
        assert isinstance(match.date, dt.date)
        assert previous_end <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.raw
        previous_end = match.end


@FUZZ
@given(pieces)
def test_parse_date_gives_a_real_date_or_none(text: str) -> None:
    match = parse_date(text)
    assert match is None or isinstance(match.date, dt.date)
