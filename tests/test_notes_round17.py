"""Rules from the seventeenth round of real notes, whose titles are in plain text: AAAI's
``Surname, I. I.; and Surname, I. Year. Title.`` (the ``; and`` separator, initials that
GOST cut in two, a bare year after the names), a long list of names written forwards with a
middle initial, natbib's ``Title, Year.``, and a container after the title that a tagged run
takes for the title."""

from __future__ import annotations

import datetime as dt

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


def test_apa_title_wrapped_before_an_italic_journal() -> None:
    # The plain title runs over two lines of the entry; the italics after it are the journal.
    # (With the names a surname of two words, the tagger's run gives way; the rules read the
    # sentence after the date, which has to go on over the line break.)
    raw = (
        "Demir, O., Kaya, D., Yıldız Arslan, İ. ve Tan, A. (2011). Leaf anatomy and\n"
        "pollen studies on the Crocus sativus. _Plant Diversity Notes_ 4(2): 10-19."
    )
    assert parse_note(raw).title == "Leaf anatomy and pollen studies on the Crocus sativus"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Markdown emphasis goes on over a wrapped line of its paragraph.
        (
            "Aksoy, L. (çev.) (2015). _Garden Botany (Bahçe\nBotaniği)_. Yeşil Yayınları, İzmir.",
            "Garden Botany (Bahçe Botaniği)",
        ),
        (
            "Ersoy, M. (çev. edlr. Tan, K.) (1999). _Flowers of the Black Sea (Karadeniz\n"
            "Çiçekleri)_. Deniz Press, Samsun.",
            "Flowers of the Black Sea (Karadeniz Çiçekleri)",
        ),
    ],
)
def test_italic_title_over_a_line_break(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_emphasis_is_not_taken_over_a_blank_line() -> None:
    # Two paragraphs: an underscore at the end of one and at the start of the next are no pair.
    raw = "Note on _drafts\n\nand_ final copies. Self-published, 2001."
    assert parse_note(raw).title != "drafts and"


def test_italics_inside_the_title_sentence_are_part_of_it() -> None:
    # A taxon set in italics inside an article's title: the sentence is the title.
    raw = (
        "Oruç, K. ve Lind, S. (2010). A new Crocus species (_Iridaceae_) from\n"
        "central Anatolia. _Flora Notes_ 12: 101-104."
    )
    assert parse_note(raw).title == "A new Crocus species (Iridaceae) from central Anatolia"


def test_program_version_after_the_title_is_not_part_of_it() -> None:
    raw = (
        "Lee, S. (2020). Tonemap: Tools to match image brightness (Version 1.3). "
        "[Computer program]. https://example.org/tonemap"
    )
    assert parse_note(raw).title == "Tonemap: Tools to match image brightness"


@pytest.mark.parametrize("raw", ["- Deniz Kara - Udemy - YouTube", "- Elif Su Demir - Medium"])
def test_person_and_platforms_name_no_work(raw: str) -> None:
    # A person's name, then the platforms they publish on: no title a reader could point to.
    assert parse_note(raw).title is None


def test_title_with_small_words_before_a_platform_stays() -> None:
    # Not a name: a title has its small words ("of"), so the platform after it is the site.
    assert parse_note("- The Art of Testing - Medium").title == "The Art of Testing"


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        # "er. tar." (erişim tarihi cut short) and a month in Roman numerals.
        (
            "Flora Veritabanı: “<https://example.org/flora/index.php>, er. tar.: 16 iii 2011”.",
            dt.date(2011, 3, 16),
        ),
        (
            "Herbaryum Listesi (2009): “<https://example.org/h/2>, er. tar.: 4.XII.2012”.",
            dt.date(2012, 12, 4),
        ),
    ],
)
def test_abbreviated_turkish_label_and_roman_month(raw: str, day: dt.date) -> None:
    assert parse_note(raw).access_date == day


def test_roman_numerals_are_no_date_without_a_label() -> None:
    # "Band iii 2011" in a title is no access date: the numerals are read only after a label.
    assert parse_note("Aydın, K. (2011). Flora, 16 iii 2011 baskısı. Ankara.").access_date is None


def test_name_and_tagline_lead_a_title_first_entry() -> None:
    # "Name: tagline." first, the venue after: the colon is no "Place: Publisher" imprint.
    raw = (
        "1. Kestrel: A Fast Planner for Small Robot Teams. ICRA 2021. "
        "[github.com/kestrel/kestrel](https://github.com/kestrel/kestrel)."
    )
    assert parse_note(raw).title == "Kestrel: A Fast Planner for Small Robot Teams"
