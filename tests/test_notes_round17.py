"""Rules from the seventeenth round of real notes, whose titles are in plain text: AAAI's
``Surname, I. I.; and Surname, I. Year. Title.`` (the ``; and`` separator, initials that
GOST cut in two, a bare year after the names), a long list of names written forwards with a
middle initial, natbib's ``Title, Year.``, and a container after the title that a tagged run
takes for the title."""

from __future__ import annotations

import pytest

from citeaudit.notes import parse_note
from citeaudit.notes.authors import split_authors


def test_semicolon_and_before_the_last_name_is_one_separator() -> None:
    # "; and" (AAAI, Chicago) before the last name: not a semicolon, then a name "and …".
    assert split_authors("Okafor, C. N.; Lind, P. J.; and Marsh, T. A.") == (
        "Okafor, C. N.",
        "Lind, P. J.",
        "Marsh, T. A.",
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Initials then "; ": the names go on, so GOST's reading (title "J.; Lind, P") is wrong.
        (
            "Okafor, C. N.; Lind, P. J.; and Marsh, T. A. 2019. Tidal Mixing in Shallow Bays. "
            "Journal of Coastal Studies, 12(3): 44–51.",
            "Tidal Mixing in Shallow Bays",
        ),
        (
            "Brandt, H. K.; and Ueda, S. 2022. Open Field Notes. Zenodo.",
            "Open Field Notes",
        ),
    ],
)
def test_aaai_names_with_semicolons_then_a_bare_year(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_bare_year_after_the_names_is_no_prose() -> None:
    # Many small words in the title, no brackets round the year: still a citation.
    raw = (
        "Varga, L. M. 1991. The Search for a Method of Teaching as Good as One to One "
        "Talks in the Classroom. Teaching Review, 7(2): 3–9."
    )
    assert parse_note(raw).title == (
        "The Search for a Method of Teaching as Good as One to One Talks in the Classroom"
    )


def test_container_after_the_title_is_not_the_title() -> None:
    # "Title. In Editors, eds., Host, pages." (AAAI): the run after "In" is the host work.
    raw = (
        "Reyes, M. A.; and Holt, D. 2014. Adaptive Reading Systems. In Quinn, P. J.; and "
        "Moss, A. M., eds., Technologies for Learning at Home, 7–27. Boston: Lantern Press."
    )
    assert parse_note(raw).title == "Adaptive Reading Systems"


def test_title_does_not_run_on_into_the_host_after_in() -> None:
    raw = (
        "Tanaka, R. K.; and Ellis, B. 2020. Field Guide: A Handbook for Survey Teams. In "
        "Survey Methods for Small Teams: Theory and Examples. Harbor Books."
    )
    assert parse_note(raw).title == "Field Guide: A Handbook for Survey Teams"


def test_forward_names_with_a_middle_initial_run_on() -> None:
    # "…, Mara Quint, Oskar J. Lindqvist, …": the initial is a middle one, the names go on.
    raw = (
        "[7] Edda Lorn, Mara Quint, Oskar J. Lindqvist, Pia Sand, and Tomas Vell. "
        "Measuring reading speed on screens. Screen Studies, 4(1):12-30, 2021."
    )
    note = parse_note(raw)
    assert note.title == "Measuring reading speed on screens"
    assert "Oskar J. Lindqvist" in note.authors


def test_long_list_of_forward_names_is_read_as_names() -> None:
    # Forty people: the list runs past 400 characters and is still the names.
    people = ", ".join(f"Alma{chr(65 + i % 26)}x Berg{chr(97 + i % 26)}son" for i in range(40))
    raw = f"[3] {people}, and Carl Dunn. Evaluating tutors in an arena, 2024. URL https://example.org/a/1."
    assert parse_note(raw).title == "Evaluating tutors in an arena"


def test_natbib_year_after_the_title_is_not_part_of_it() -> None:
    raw = (
        "[2] Ines Holm, Jon Birk, and Ola Dahl. Notes on river sediment, 2023. "
        "URL https://example.org/rs."
    )
    assert parse_note(raw).title == "Notes on river sediment"
