"""Notes of Swedish, Norwegian, Danish, Finnish and German reference lists: their access
labels, month names, the markup left in them and the parts of their titles a reader
leaves out."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit import dates
from citeaudit.notes import parse_note


def test_swedish_norwegian_and_danish_month_names_are_read() -> None:
    found = dates.find_dates("3 augusti 2016, 5. desember 2015 og 2. marts 2020")
    assert [d.date for d in found] == [
        dt.date(2016, 8, 3),
        dt.date(2015, 12, 5),
        dt.date(2020, 3, 2),
    ]


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("[Hämtad: 11 december, 2015].", dt.date(2015, 12, 11)),  # Swedish IEEE
        ("Hämtad 2023-05-01 från", dt.date(2023, 5, 1)),
        ("(läst 3 augusti 2016)", dt.date(2016, 8, 3)),
        ("\\[Lest 5. desember 2015\\].", dt.date(2015, 12, 5)),  # Norwegian Harvard
        ("(hentet 20.08.2015)", dt.date(2015, 8, 20)),
        ("Besøgt 2. marts 2020.", dt.date(2020, 3, 2)),  # Danish
    ],
)
def test_nordic_access_labels(phrase: str, day: dt.date) -> None:
    assert parse_note(f"Foo bar. https://a.example/c {phrase}").access_date == day


def test_an_html_line_break_in_a_markdown_note_parts_its_pieces_like_a_space() -> None:
    note = parse_note(
        "Caching Patterns Explained<br>https://acme.example/c<BR/>Abgerufen am 2. Oktober 2023"
    )
    assert (note.title, note.urls, note.access_date) == (
        "Caching Patterns Explained",
        ("https://acme.example/c",),
        dt.date(2023, 10, 2),
    )


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # Set in italics with the title, the designator is still no part of it.
        (
            "Island Centre. (2006). _Island Yearbook 2005 [CD-ROM]_. Island Centre.",
            "Island Yearbook 2005",
        ),
        # Finnish "verkkojulkaisu" (online publication), Norwegian "Internett".
        ("Väestöennuste [verkkojulkaisu]. Helsinki: Tilastokeskus.", "Väestöennuste"),
        (
            "Aas, K. (2009) _Skriving uten juks_ \\[Internett\\]. Oslo: Forlag. "
            "Tilgjengelig fra: <https://a.example/c>",
            "Skriving uten juks",
        ),
    ],
)
def test_medium_designators_of_more_languages_close_the_title(raw: str, title: str) -> None:
    assert parse_note(raw).title == title


@pytest.mark.parametrize(
    "raw",
    [
        "3. Suomen virallinen tilasto (SVT): Muuttoliike [verkkojulkaisu]. ISSN=1797-6766. "
        "Helsinki: Tilastokeskus [viitattu: 6.7.2022]. Saantitapa: http://www.stat.fi/til/muutl/",
        "Official Statistics of Finland (OSF): Muuttoliike [e-publication]. Helsinki.",
    ],
)
def test_an_official_statistics_series_is_not_part_of_the_statistics_title(raw: str) -> None:
    assert parse_note(raw).title == "Muuttoliike"


def test_a_title_merely_opening_with_a_name_and_acronym_keeps_it() -> None:
    raw = "Natural Language Processing (NLP): An Introduction. Oxford: Press, 2020."
    assert parse_note(raw).title == "Natural Language Processing (NLP): An Introduction"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # Finnish school style with "s.a." (sine anno) in the year's place.
        (
            "Acme.com s.a. Widget wiring datasheet. Luettavissa: https://acme.example/w. "
            "Luettu: 11.04.2026.",
            "Widget wiring datasheet",
        ),
        (
            "Salt Project. s.a. salt.states.file. Salt project. Luettavissa: "
            "https://docs.saltproject.io/en/latest/ref/states/all/salt.states.file.html",
            "salt.states.file",
        ),
        # Norwegian "u.å." (uten år; Swedish utan år, Danish uden år) in APA's brackets.
        (
            "Helsedirektoratet (u.å.) Kosthold for eldre. Oslo: Helsedirektoratet.",
            "Kosthold for eldre",
        ),
    ],
)
def test_no_year_marks_of_finnish_and_nordic_lists_stand_for_the_year(raw: str, title: str) -> None:
    assert parse_note(raw).title == title


def test_initials_written_together_do_not_end_the_author_sentence() -> None:
    raw = "Berg, A., Lund, K.M. og Dahl, P. (2015) Fjell & fjord: en reise. _Tidsskrift_, (2)."
    assert parse_note(raw).title == "Fjell & fjord: en reise"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # The chapter before "I:" (in), the book in italics after its editor.
        (
            "Holm, A.-M.B. og Dahl, E. (2008) Litteratursøk i praksis. I: Berg, K. red. "
            "_Forskning i praksis_. Oslo: Forlag, s. 1-9.",
            "Litteratursøk i praksis",
        ),
        (
            "Vik, S. (2001) Læring og dialog: Mead og Dewey om læring. I: Berg, K. red. "
            "_Forskning i praksis_. Oslo: Forlag, s. 129-150.",
            "Læring og dialog: Mead og Dewey om læring",
        ),
    ],
)
def test_nordic_in_mark_opens_the_host_book_after_a_chapter(raw: str, title: str) -> None:
    assert parse_note(raw).title == title


def test_a_body_and_its_acronym_lead_an_ieee_reference() -> None:
    raw = (
        "[2] Bundesamt für Kartographie und Geodäsie, BKG, Digitales Geländemodell, "
        "Frankfurt am Main: BKG, 2023."
    )
    note = parse_note(raw)
    assert note.title == "Digitales Geländemodell"
    assert note.authors == ("Bundesamt für Kartographie und Geodäsie",)
