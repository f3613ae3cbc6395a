"""Title and access-date cues from reference lists in styles the parser had not met:
Markdown link lists whose link text spells the address, Finnish course reports
("Surname, I. Title. Luettavissa: URL. Luettu d.m.yyyy"), author-date lists with an
acronym ending the title, comma-separated humanities notes with a lone surname and its
initials, and access labels in Indonesian, Vietnamese and Finnish."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.notes import parse_note
from citeaudit.notes.title import plausible


@pytest.mark.parametrize(
    "raw",
    [
        "3. [docs.example.org/guide/install](https://docs.example.org/guide/install)",
        "1. [example.com](https://example.com/) Diakses tanggal: 2021-03-04",
        "- [www.harbour-tides.net](https://www.harbour-tides.net/)",
    ],
)
def test_link_text_that_spells_its_address_names_no_work(raw: str) -> None:
    assert parse_note(raw).title is None


def test_link_text_with_words_is_still_the_title() -> None:
    raw = "2. [Caching tasks in Rails with Redis](https://blog.example.com/caching-rails-redis)"
    assert parse_note(raw).title == "Caching tasks in Rails with Redis"


def test_a_name_with_a_dot_is_not_taken_for_an_address() -> None:
    assert parse_note("[Node.js](https://nodejs.org/en/docs) documentation").title == "Node.js"


def test_a_host_standing_as_the_authorless_works_name_stays_its_title() -> None:
    raw = "6. Tidewatch.org. (z.d.). Geraadpleegd op 23 februari 2020, van https://tidewatch.org;"
    assert parse_note(raw).title == "Tidewatch.org"


@pytest.mark.parametrize(
    "address", ["chartkick.com/", "github.com/pry/pry", "www.example.org", "[github.com/a/b]"]
)
def test_an_address_without_its_scheme_is_not_a_plausible_title(address: str) -> None:
    assert not plausible(address)


def test_initial_closing_surname_comma_initial_ends_the_names_before_the_title() -> None:
    # "t." is also an abbreviation (a volume), but here it closes "Virtanen, T."
    note = parse_note("- Virtanen, T. Palvelinten automatisointi https://example.fi/2024/")
    assert note.title == "Palvelinten automatisointi"


def test_a_whole_day_in_the_author_date_slot_is_the_date_not_the_title() -> None:
    note = parse_note(
        "- Virtanen, K. 2.3.2024. Verkkopalvelut 2024. Luettavissa: "
        "https://example.fi/2024/verkko/. Luettu 5.4.2024."
    )
    assert note.title == "Verkkopalvelut 2024"
    assert note.access_date == dt.date(2024, 4, 5)


def test_an_acronym_ends_an_author_date_title_like_any_word() -> None:
    note = parse_note("[4] Lind, A., and Berg, M. (2021). Tracing factual recall in GPT. ACL 2021.")
    assert note.title == "Tracing factual recall in GPT"


def test_a_lone_surname_and_its_initials_lead_a_chicago_note_with_an_imprint() -> None:
    note = parse_note("Marsh, A., Rivers in the Making: A Short History (Detroit: Lakeside, 1970).")
    assert note.title == "Rivers in the Making: A Short History"


def test_a_closing_place_and_publisher_bracket_is_not_part_of_the_title() -> None:
    note = parse_note("Holt, Peter (1991), The Practice of Patience (Oxford: Clarendon Press).")
    assert note.title == "The Practice of Patience"


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("1. [Tide tables](https://example.com/tides) Diakses tanggal: 2020/09/13", (2020, 9, 13)),
        (
            "1. Acme LLC, **Acme 2.x Documentation - Mail**, Acme.com. [Trực tuyến]. Địa chỉ: "
            "https://acme.example.com/docs/mail. [Truy cập ngày: 06-05-2026].",
            (2026, 5, 6),
        ),
        (
            "Kaarto 2023. Sillat ja tunnelit. Luettavissa: https://example.fi/s/. Luettu 24.9.2024",
            (2024, 9, 24),
        ),
    ],
)
def test_access_labels_of_more_languages_give_the_access_date(
    raw: str, day: tuple[int, int, int]
) -> None:
    assert parse_note(raw).access_date == dt.date(*day)


def test_an_access_label_is_not_read_into_the_title() -> None:
    raw = "Kaarto 2023. Sillat ja tunnelit. Luettavissa: https://example.fi/s/. Luettu 24.9.2024"
    assert parse_note(raw).title == "Sillat ja tunnelit"
