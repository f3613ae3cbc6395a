"""Rules from the twenty-first round of real notes (German first, titles mostly in plain text: a
Python course's numbered *Literatur*, IEEE *Quellen* with *Zugegriffen:*, *Verfügbar unter:*
lists, an epigraphy database's German supplements to CIL, Markdown links with *abgerufen am*;
Japanese and Korean link lists): ``Zugegriffen:`` as an access label, character references in
a title, the short-title style's ``Surname, Title``, a reading list's ``Title, 5th edition,
Given Surname``, a colon after the year's bracket, and a dash and a part's number."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.notes import parse_note


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "[4] „Hafenordnung Kiel“, Stadt Kiel. Zugegriffen: 3. März 2025. [Online]. "
            "Verfügbar unter: https://example.org/hafen",
            dt.date(2025, 3, 3),
        ),
        # Austrian German names January "Jänner".
        (
            "„Fährplan“, Linz AG. Zugegriffen: 8. Jänner 2026. https://example.org/faehre",
            dt.date(2026, 1, 8),
        ),
        ("Pegelstände, zugegriffen am 12.04.2024, https://example.org/pegel", dt.date(2024, 4, 12)),
    ],
)
def test_zugegriffen_labels_the_access_date(raw: str, expected: dt.date) -> None:
    assert parse_note(raw).access_date == expected


def test_a_date_after_a_word_like_zugegriffen_is_no_access_date() -> None:
    # Guard: the word inside a sentence about something else, with no date after it.
    note = parse_note("Müller, A. (2019). Zugegriffen und verworfen. Kiel: Hafenverlag.")
    assert note.access_date is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "[Docks &ndash; A Field Guide](https://example.org/docks) von A. Berg.",
            "Docks – A Field Guide",
        ),
        ("- [Tides&#160;and Currents](https://example.org/tides)", "Tides\u00a0and Currents"),
        ("[Salt &amp; Sea](https://example.org/salt)", "Salt & Sea"),
    ],
)
def test_a_character_reference_in_the_title_is_the_character_it_names(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


def test_an_ampersand_in_a_title_or_an_address_is_kept_as_written() -> None:
    # Guard: a bare "&" is no reference, and an address keeps its "&amp;".
    note = parse_note("[Salt & Sea](https://example.org/q?a=1&amp;b=2)")
    assert note.title == "Salt & Sea"
    assert note.urls == ("https://example.org/q?a=1&amp;b=2",)


@pytest.mark.parametrize(
    ("raw", "expected", "authors"),
    [
        (
            "Brandt, Römische Meilensteine im nördlichen Hessen und am Main. "
            "Fundberichte aus Hessen 12, 1972, 33–58",
            "Römische Meilensteine im nördlichen Hessen und am Main",
            ("Brandt",),
        ),
        (
            "Schuster, Die Töpferöfen von Rheinzabern und ihre Stempel. Speyer 1961",
            "Die Töpferöfen von Rheinzabern und ihre Stempel",
            ("Schuster",),
        ),
    ],
)
def test_a_surname_and_a_comma_lead_a_short_title_reference(
    raw: str, expected: str, authors: tuple[str, ...]
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.authors == authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guard: a title with a list of its own after the comma keeps its lead.
        (
            "Häfen, Schleusen, Kanäle und Brücken in Norddeutschland. Hamburg 1999.",
            "Häfen, Schleusen, Kanäle und Brücken in Norddeutschland",
        ),
    ],
)
def test_a_lead_that_is_no_lone_surname_is_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected", "authors"),
    [
        (
            "[2] Tidal Engineering, 2nd edition, Anna Berg, Springer",
            "Tidal Engineering",
            ("Anna Berg",),
        ),
        (
            "[2] Harbour Design, Second Edition, Jonas Lind, Wiley",
            "Harbour Design",
            ("Jonas Lind",),
        ),
        (
            "[4] Rust: Systemprogrammierung für alle Fälle, Jonas Lind, aus: iX Special, 1/2021",
            "Rust: Systemprogrammierung für alle Fälle",
            ("Jonas Lind",),
        ),
    ],
)
def test_a_title_then_its_edition_or_authors_and_aus_in_a_reading_list(
    raw: str, expected: str, authors: tuple[str, ...]
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.authors == authors


def test_names_leading_a_reading_list_entry_are_read_as_before() -> None:
    # Guard: the names stand first, so the edition after the title changes nothing.
    note = parse_note("Mark Lutz, Learning Python, 5th edition, O’Reilly, 2013")
    assert note.title == "Learning Python"
    assert note.authors == ("Mark Lutz",)


def test_a_colon_after_the_years_bracket_makes_the_lead_the_author() -> None:
    note = parse_note(
        "Bundesamt für Seeschifffahrt und Hydrographie (2023): Gezeiten der Ostsee. "
        "Verfügbar unter: https://example.org/gezeiten"
    )
    assert note.title == "Gezeiten der Ostsee"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guard: APA's unsigned work, its title before the date and a stop after the bracket.
        (
            "Amt für Häfen und Wasserstraßen Nord (2019). Tide. https://example.org/t",
            "Amt für Häfen und Wasserstraßen Nord",
        ),
        (
            "Hafenordnung der Stadt Kiel in der Fassung vom Mai. (2020). Stadt Kiel. "
            "https://example.org/h",
            "Hafenordnung der Stadt Kiel in der Fassung vom Mai",
        ),
    ],
)
def test_a_stop_after_the_years_bracket_is_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "[9] hafen magazin 3.2021, Segeln lernen mit Python - Teil 2, Anna Berg",
            "Segeln lernen mit Python - Teil 2",
        ),
        (
            "[3] kiel journal 2.2020, Leuchttürme der Nordsee - Part 3, Jonas Lind",
            "Leuchttürme der Nordsee - Part 3",
        ),
    ],
)
def test_a_dash_and_a_parts_number_after_the_title_belong_to_it(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_a_dash_and_words_with_no_parts_number_are_read_as_before() -> None:
    # Guard: a club's name after the dash is no part's number.
    note = parse_note(
        "[5] hafen magazin 3.2021, Segeln lernen mit Python - Segelclub Kiel, Anna Berg"
    )
    assert note.title == "Segeln lernen mit Python"
