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
        # A medium designator closes the title, set in italics with it too; Finnish
        # "verkkojulkaisu" (online publication) and Norwegian "Internett" are designators.
        pytest.param(
            "Island Centre. (2006). _Island Yearbook 2005 [CD-ROM]_. Island Centre.",
            "Island Yearbook 2005",
            id="medium-in-italics",
        ),
        pytest.param(
            "Väestöennuste [verkkojulkaisu]. Helsinki: Tilastokeskus.",
            "Väestöennuste",
            id="medium-verkkojulkaisu",
        ),
        pytest.param(
            "Aas, K. (2009) _Skriving uten juks_ \\[Internett\\]. Oslo: Forlag. "
            "Tilgjengelig fra: <https://a.example/c>",
            "Skriving uten juks",
            id="medium-internett",
        ),
        # A national official-statistics series before the colon is not the title...
        pytest.param(
            "3. Suomen virallinen tilasto (SVT): Muuttoliike [verkkojulkaisu]. ISSN=1797-6766. "
            "Helsinki: Tilastokeskus [viitattu: 6.7.2022]. Saantitapa: http://www.stat.fi/til/",
            "Muuttoliike",
            id="series-svt",
        ),
        pytest.param(
            "Official Statistics of Finland (OSF): Muuttoliike [e-publication]. Helsinki.",
            "Muuttoliike",
            id="series-osf",
        ),
        # ... but a title merely opening with a name and its acronym keeps them.
        pytest.param(
            "Natural Language Processing (NLP): An Introduction. Oxford: Press, 2020.",
            "Natural Language Processing (NLP): An Introduction",
            id="acronym-in-title",
        ),
        # "s.a." (sine anno) and Norwegian "u.å." (uten år; Swedish utan år, Danish uden
        # år) stand where the year would.
        pytest.param(
            "Acme.com s.a. Widget wiring datasheet. Luettavissa: https://acme.example/w. "
            "Luettu: 11.04.2026.",
            "Widget wiring datasheet",
            id="no-year-after-one-word",
        ),
        pytest.param(
            "Salt Project. s.a. salt.states.file. Salt project. Luettavissa: "
            "https://docs.saltproject.io/en/latest/ref/states/all/salt.states.file.html",
            "salt.states.file",
            id="no-year-sentence",
        ),
        pytest.param(
            "Helsedirektoratet (u.å.) Kosthold for eldre. Oslo: Helsedirektoratet.",
            "Kosthold for eldre",
            id="no-year-in-brackets",
        ),
        # Capitals run together (K.M., A.-M.B.) are initials, not a sentence's end.
        pytest.param(
            "Berg, A., Lund, K.M. og Dahl, P. (2015) Fjell & fjord: en reise. _Tidsskrift_, (2).",
            "Fjell & fjord: en reise",
            id="joined-initials",
        ),
        # "I:" (in) opens the host book after a chapter, before the book's editor.
        pytest.param(
            "Holm, A.-M.B. og Dahl, E. (2008) Litteratursøk i praksis. I: Berg, K. red. "
            "_Forskning i praksis_. Oslo: Forlag, s. 1-9.",
            "Litteratursøk i praksis",
            id="in-mark-after-hyphenated-initials",
        ),
        pytest.param(
            "Vik, S. (2001) Læring og dialog: Mead og Dewey om læring. I: Berg, K. red. "
            "_Forskning i praksis_. Oslo: Forlag, s. 129-150.",
            "Læring og dialog: Mead og Dewey om læring",
            id="in-mark-after-a-subtitle",
        ),
    ],
)
def test_titles_of_nordic_finnish_and_statistics_references(raw: str, title: str) -> None:
    assert parse_note(raw).title == title


def test_a_body_and_its_acronym_lead_an_ieee_reference() -> None:
    raw = (
        "[2] Bundesamt für Kartographie und Geodäsie, BKG, Digitales Geländemodell, "
        "Frankfurt am Main: BKG, 2023."
    )
    note = parse_note(raw)
    assert note.title == "Digitales Geländemodell"
    assert note.authors == ("Bundesamt für Kartographie und Geodäsie",)
