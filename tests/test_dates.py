"""Dates as notes write them, in many languages and orders."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.dates import date_at, find_dates, parse_date

JUNE_28 = dt.date(2024, 6, 28)


@pytest.mark.parametrize(
    "text",
    [
        "28.06.2024",
        "2024-06-28",
        "June 28, 2024",
        "28 June 2024",
        "28th of June 2024",
        "28/06/2024",
        "06/28/2024",
        "28 июня 2024",
        "28. Juni 2024",
        "28 juin 2024",
        "28 de junio de 2024",
        "28 Haziran 2024",
        "28 giugno 2024",
        "28 de junho de 2024",
        "28 jun. 2024",
        "28 juni 2024",
        "28 czerwca 2024 roku",
        "2024年6月28日",
        "Jun. 28, 2024",
    ],
)
def test_every_supported_format_reads_as_the_same_day(text):
    found = parse_date(text)
    assert found is not None and found.date == JUNE_28
    assert not found.ambiguous


def test_both_numbers_twelve_or_less_with_slashes_is_flagged_ambiguous_and_read_day_first():
    found = parse_date("03/04/2024")
    assert found.date == dt.date(2024, 4, 3)
    assert found.ambiguous


def test_a_language_hint_resolves_the_order_without_ambiguity():
    assert parse_date("03/04/2024", day_first=True).ambiguous is False
    us = parse_date("03/04/2024", day_first=False)
    assert us.date == dt.date(2024, 3, 4)


def test_dotted_dates_are_day_first_everywhere():
    found = parse_date("03.04.2024")
    assert found.date == dt.date(2024, 4, 3) and not found.ambiguous


@pytest.mark.parametrize("text", ["11.03.22", "11. 03. 22"])
def test_a_dotted_date_with_a_two_digit_year_is_day_first_too(text: str) -> None:
    # dateparser, which reads the short year, would take 11.03.22 for 3 November.
    assert parse_date(text).date == dt.date(2022, 3, 11)


def test_the_day_first_hint_reaches_the_dateparser_fallback() -> None:
    # A two-digit year leaves the fast patterns; the writer's order must still hold.
    assert parse_date("03/04/22", day_first=True).date == dt.date(2022, 4, 3)
    assert parse_date("03/04/22", day_first=False).date == dt.date(2022, 3, 4)


def test_same_day_and_month_is_never_ambiguous():
    assert parse_date("05/05/2024").ambiguous is False


def test_impossible_dates_are_not_dates():
    assert parse_date("31.02.2024") is None
    assert find_dates("version 2.0.2024-beta") == []


def test_find_dates_gives_each_date_with_its_span_in_order():
    text = "Published 19 June 2024; accessed 28.06.2024."
    found = find_dates(text)
    assert [d.date for d in found] == [dt.date(2024, 6, 19), JUNE_28]
    assert [text[d.start : d.end] for d in found] == ["19 June 2024", "28.06.2024"]
    assert [d.raw for d in found] == ["19 June 2024", "28.06.2024"]


def test_date_at_finds_only_a_date_close_after_the_position():
    text = "Accessed: 28.06.2024"
    found = date_at(text, len("Accessed:"))
    assert found.date == JUNE_28 and text[found.start : found.end] == "28.06.2024"
    assert date_at("Accessed" + " " * 60 + "28.06.2024", 8) is None


@pytest.mark.parametrize("text", ["28-Jun-2024", "June the 28th, 2024"])
def test_odd_phrasings_the_fast_path_skips_fall_back_to_dateparser(text):
    assert find_dates(text) == []
    found = parse_date(text)
    assert found is not None and found.date == JUNE_28 and found.raw == text


def test_text_without_digits_has_no_date():
    assert parse_date("the twenty-eighth of June") is None


def _in_a_fresh_process(code: str) -> str:
    """What ``code`` prints, run where no test has imported dateparser yet."""
    import os
    import pathlib
    import subprocess
    import sys

    src = str(pathlib.Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_month_names_are_read_without_importing_dateparser():
    code = (
        "import sys\nfrom citeaudit import dates\n"
        "print(dates.month_names()['haziran'], dates.find_dates('28 Haziran 2024')[0].date,"
        " 'dateparser' in sys.modules)"
    )
    assert _in_a_fresh_process(code) == "6 2024-06-28 False"


def test_month_names_read_from_the_data_files_are_dateparsers_own():
    code = (
        "import importlib\nfrom citeaudit import dates\n"
        "read = {lang: dates._translation_data(lang) for lang in dates._LANGUAGES}\n"
        "imported = {lang: importlib.import_module("
        "f'dateparser.data.date_translation_data.{lang}').info for lang in dates._LANGUAGES}\n"
        "print(read == imported, len(read))"
    )
    # 11 languages, then uk, hr, sr (2 scripts) and sv, nb, da
    assert _in_a_fresh_process(code) == "True 18"
