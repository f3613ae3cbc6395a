"""Rules from the eighteenth round of real notes, whose titles are in plain text: APA's URL
label glued to the title's stop (``Title.Retrieved from Site: url``), a tagged run into a bare
DOI (ResearchGate's export), a quote closing an APA title, names running on to an APA date, an
edition's number before ``vyd.``, a subtitle after ``(Year),`` running to the comma, ``last
access``, ``Names - Title, Publisher``, a forward name with a middle initial, DBLP's forward
names and colon, a lone title-cased list entry, and a subtitle after an APA question mark."""

from __future__ import annotations

import pytest

from citeaudit.notes import parse_note


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # No space after the title's stop: "Retrieved from" still opens the next element.
        (
            "- Marlow, K. (2019, June 2). How ferries keep their timetables.Retrieved from "
            "Harbour Weekly: https://example.org/ferries",
            "How ferries keep their timetables",
        ),
        (
            "Olsen, T. (2014, May). Tide Tables.Retrieved from Coastal Data Portal -Archive of "
            "Measurements: http://example.com/tides/",
            "Tide Tables",
        ),
        (
            "Ruiz, A. (2021). Mapas del viento.Recuperado de Atlas Abierto: https://example.es/v",
            "Mapas del viento",
        ),
    ],
)
def test_a_url_label_glued_to_the_title_stop_ends_the_title(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # ResearchGate's export: names, year, title, then a bare DOI (no "doi:" before it).
        (
            "* **[7]** Ortega, Ana & Lind, Per. (2019). Comparison of Sensor Networks for Bridge "
            "Monitoring in Cold Climates. 10.22260/ISARC2019/0101.",
            "Comparison of Sensor Networks for Bridge Monitoring in Cold Climates",
        ),
    ],
)
def test_a_bare_doi_after_the_title_is_not_part_of_it(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A quoted word closing the title sentence after the date is quoted by the title.
        (
            "- Berg, A., & Nilsen, K. (2011, March 3). Charting the Urban 'Heat Island'.Retrieved "
            "from City Lab: http://example.org/heat",
            "Charting the Urban 'Heat Island'",
        ),
        (
            "Hale, P. (2018, May 1). Police Trace Wallets to Arrest Forum \u2018Admin\u2019. "
            "Coin Desk. https://example.com/admin",
            "Police Trace Wallets to Arrest Forum \u2018Admin\u2019",
        ),
    ],
)
def test_a_quote_closing_an_apa_title_is_part_of_it(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_a_quote_opening_the_apa_title_sentence_is_still_the_title() -> None:
    # APA's own quoted title (a guard: passes before and after).
    note = parse_note('Hale, P. (2018). "Police Trace Wallets". Coin Desk. https://example.com/a')
    assert note.title == "Police Trace Wallets"


def test_names_running_on_to_an_apa_date_are_no_humanities_lead() -> None:
    # Five names, one with two initials before ", &": the humanities rule took "Kent, S. A.,
    # & Moor, R. (2024). Title. …" for the title; the APA date shows where the names end.
    raw = (
        "Ames, M., Berg, L., Cole, C., Kent, S. A., & Moor, R. (2024). Do promotions of "
        "healthier or more sustainable foods increase sales in shops. BMC Public Health, 24, "
        "Article 1658."
    )
    assert parse_note(raw).title == (
        "Do promotions of healthier or more sustainable foods increase sales in shops"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # The edition's number before "vyd" (Czech) or "wyd" (Polish) closes no title.
        (
            "Novak, J. Programming Embedded Systems 3. vyd, Praha:\nComputer Press, 2004. 312 s.",
            "Programming Embedded Systems",
        ),
        (
            "Kowalski, J. Sieci komputerowe 2. wyd. Warszawa: Helion, 2010. 400 s.",
            "Sieci komputerowe",
        ),
    ],
)
def test_an_edition_number_before_the_edition_word_is_not_the_title(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # "Surname Given (Year), Title. Subtitle, publisher": after "(Year)," the fields are
        # comma-separated, so the subtitle after the title's stop runs on to the comma.
        (
            "* Rossi Mario (1985), Venezia e il mare. Storia di una repubblica marinara, "
            "Laterza, Bari.",
            "Venezia e il mare. Storia di una repubblica marinara",
        ),
        (
            "*  Bianchi Laura (2014), Archivi o biblioteche? Modelli di catalogazione digitale, "
            "in Atti del convegno, Roma, 2014, pp. 10 - 20",
            "Archivi o biblioteche? Modelli di catalogazione digitale",
        ),
        # A bracketed volume after the subtitle is not part of the title.
        (
            "*  Verdi Anna, Neri Luca (2003), Il tempo e la città. Dal Medioevo a oggi. (Vol. 2), "
            "edited by Russo Elena, Mondadori, Milano.",
            "Il tempo e la città. Dal Medioevo a oggi",
        ),
    ],
)
def test_a_subtitle_runs_to_the_comma_after_a_dated_comma_lead(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_last_access_is_an_access_label() -> None:
    note = parse_note(
        "*  Moretti, Paolo (2012), Reading Digital Archives, In: Archive Quarterly 4 (2), "
        "http://example.org/aq/4/2/7.html, last access 21/03/2022."
    )
    assert note.access_date is not None and note.access_date.isoformat() == "2022-03-21"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards (pass before and after): a publisher after the stop is no subtitle.
        (
            "Nguyễn Văn A (2020), Giáo trình kinh tế học. NXB Giáo dục, Hà Nội.",
            "Giáo trình kinh tế học",
        ),
        ("Smith J. (2001), The long road. Penguin Books, London.", "The long road"),
    ],
)
def test_a_publisher_after_the_stop_is_no_subtitle(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Names closed by an initial, a spaced dash, then the title to its comma.
        (
            "Lund, K., Moreau, P. A., Ito, S. - Compilers in Practice: A Field Guide, Example "
            "Press, ISBN: 0123456789. 640pp, March 2003.",
            "Compilers in Practice: A Field Guide",
        ),
        # A serial list in the title goes on over its commas.
        (
            "Varga, P., Varga, E. - Networks: Design, Operation, and Security, Third Edition, "
            "Example Books, ISBN: 0123456780, 512pp., June 2001.",
            "Networks: Design, Operation, and Security",
        ),
        # A quote opened before the title and never closed is no part of it.
        (
            'HOLT, J., BRAND, A. - "XML:2004 - Reading Structured Documents, Example Books, '
            "ISBN: 0123456781, 300pp., May 2004.",
            "XML:2004 - Reading Structured Documents",
        ),
    ],
)
def test_names_then_a_dash_lead_the_title(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_a_given_name_and_middle_initial_are_no_vancouver_lead() -> None:
    # "Margaret K. Olsen, Title, Publisher, Year": a forward name, then the comma-separated title.
    raw = "Margaret K. Olsen, Query Planning in Practice - Reading Plans, Example Media, 2015."
    assert parse_note(raw).title == "Query Planning in Practice - Reading Plans"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # DBLP: forward names (middle initials among them), a colon, the title, the venue.
        (
            "Ana Costa, Peter J. Lind, Maria Ortiz, Jon K. Berg: Stream Joins: Are Indexes "
            "Enough? VLDBJ 12(3): 201 (2019)",
            "Stream Joins: Are Indexes Enough?",
        ),
        (
            "Ana Costa, Peter J. Lind, Maria Ortiz, Jon K. Berg: Compact Hash Tables for "
            "Analytics PVLDB 9(2): 11-22 (2016)",
            "Compact Hash Tables for Analytics",
        ),
    ],
)
def test_forward_names_and_a_colon_lead_a_dblp_title(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_din_names_and_a_colon_keep_their_reading() -> None:
    # A guard (passes before and after): "Surname, I.: Title" is DIN's lead, not a name list.
    assert parse_note("Müller, J.: Die Welt der Steine. Köln 2001.").title == "Die Welt der Steine"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A list entry of a book's name alone, title-cased, no URL: the name is the title.
        ("[4] Enterprise Integration Patterns 2.0", "Enterprise Integration Patterns 2.0"),
        ("[6] Journey into Functional Programming", "Journey into Functional Programming"),
        # Guards (pass before and after): a sentence, and a person's name, name no work.
        ("[7] The results were similar in both groups", None),
        ("[8] Eric Freeman", None),
    ],
)
def test_a_lone_title_cased_list_entry_names_the_work(raw: str, expected: str | None) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # After the question mark, a sentence of words alone, then the journal and volume.
        (
            "Berg, T., & Ames, L. (2022). Do bike lanes change commuting? Evidence from two "
            "Nordic cities. Transport Letters, 14(2), 55–70.",
            "Do bike lanes change commuting? Evidence from two Nordic cities",
        ),
        # Guards (pass before and after): the journal itself follows the question mark.
        (
            "Berg, T. (2022). Do bike lanes change commuting? Journal of Urban Transport "
            "Studies, 14(2), 55–70.",
            "Do bike lanes change commuting?",
        ),
        (
            "Berg, T. (2022). Do bike lanes change commuting? City Notes. "
            "https://example.org/bikes",
            "Do bike lanes change commuting?",
        ),
    ],
)
def test_a_subtitle_after_a_question_mark_stays_with_the_title(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected
