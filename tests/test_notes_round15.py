"""Rules from the fifteenth round of real notes: German titles in DIN and humanities
bibliographies and footnotes (``Name, Vorname, Titel, in: …``, ``Name, V.: Titel, in: …``,
``… In: Zeitschrift``, ``S. 12``)."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.notes import parse_note
from citeaudit.notes.styles import rules_title


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # The title runs to ", in:" / "In:" (the container), whatever full stops it has.
        ("Meier, Anna, Die Stadt am Fluss. Studien zur Ufergeschichte, in: Schmidt, Karl "
         "(Hrsg.), Flüsse und Städte, Berlin 2011, S. 10-32.",
         "Die Stadt am Fluss. Studien zur Ufergeschichte"),
        ("Meier, Anna, Lange, Jan Peter, Warum Brücken? In: Schmidt, Karl (Hrsg.), Flüsse "
         "und Städte, Berlin 2011, S. 14-33.", "Warum Brücken?"),
        # A one-word title before the container is still the title.
        ("Meier, Anna, Vorwort, in: Dies./Schmidt, Karl (Hrsg.), Flüsse und Städte, "
         "Berlin 2011, S. 1-9.", "Vorwort"),
        # Or to the imprint, ", Ort Jahr".
        ("Lange, Jan Peter, Der Fluss. Eine Biographie, Frankfurt am Main 2009.",
         "Der Fluss. Eine Biographie"),
        # "Vgl." opens the footnote; it is not part of the names.
        ("Vgl. Meier, Anna, Die Stadt am Fluss. Studien zur Ufergeschichte, in: Schmidt, "
         "Karl (Hrsg.), Flüsse und Städte, Berlin 2011, S. 22.",
         "Die Stadt am Fluss. Studien zur Ufergeschichte"),
    ],
)
def test_a_humanities_entry_has_its_title_between_the_names_and_the_cue(raw, title):
    assert parse_note(raw).title == title


def test_the_names_of_a_humanities_entry_are_its_authors():
    note = parse_note("Lange, Jan Peter, Meier, Anna, Der Fluss. Eine Biographie, Köln 2009.")
    assert note.authors == ("Lange, Jan Peter", "Meier, Anna")


def test_names_that_run_into_a_dated_lead_are_no_humanities_entry():
    # "Name, Vorname, Name, Vorname (Kurzbeleg, Jahr): Titel" is FOM's lead: the names go on
    # to the bracket, so the humanities rule must not take the last name as the title.
    found, _ = rules_title(
        "Lange, Jan, Meier, Anna (Flussbuch, 2020): Der Fluss und die Stadt, in: Zeitschrift "
        "für Stadtgeschichte, 12. Jg. (2020), S. 1-20"
    )
    assert found is None or found.how != "humanities"


def test_a_din_title_ends_before_in():
    note = parse_note(
        "Lange, Jan: Nacktheit in großen Bildern, in: Ders./Meier, Anna (Hrsg.), Der Maler. "
        "Eine Hommage, München 2015, S. 152."
    )
    assert note.title == "Nacktheit in großen Bildern"


def test_a_tagged_run_through_in_colon_gives_way_to_the_sentence_before_it():
    # DIN 1505 with full stops: "Name, V./Name, V. Titel. In: Zeitschrift. Ausgabe …"
    note = parse_note(
        "Lange, Jan/Meier, Anna. Geheimhaltung in der Statistik. In: WISTA \n"
        "Wirtschaft und Statistik. Ausgabe 6/2019, Seite 87 ff."
    )
    assert note.title == "Geheimhaltung in der Statistik"


def test_a_page_locator_is_no_part_of_the_title():
    note = parse_note(
        "[1] FACHHOCHSCHULE MUSTERSTADT. Modulhandbuch S.210 [Online]. "
        "[Zugriff am: 22. März 2021]. Verfügbar unter: https://example.org/modulhandbuch.pdf"
    )
    assert note.title == "Modulhandbuch"


def test_a_surname_after_an_initial_and_a_line_break_closes_the_names():
    note = parse_note(
        "[^3]: Vgl. Anna Meier, Jan Lange, Karl P.\n    Schmidt: Replikationen und gute "
        "Praxis,\n    in: Zeitschrift für Praxis, Bd. 6, 2017, S. 15-18."
    )
    assert note.title == "Replikationen und gute Praxis"


def test_the_hosts_name_before_a_dashed_title_stays_cut():
    note = parse_note(
        "JAX Blog - Und jetzt? Microservices nach dem Hype <br /> "
        "https://jax.de/blog/microservices-nach-dem-hype/ <br /> (abgerufen am 01.10.2023)"
    )
    assert note.title == "Und jetzt? Microservices nach dem Hype"


def test_a_lead_spelled_by_the_hosts_labels_is_the_site_not_the_title():
    # Both sides name Docker; only the lead is made of docs.docker.com's labels alone.
    note = parse_note(
        "Docker-docs - Use Docker Compose <br /> "
        "https://docs.docker.com/get-started/08_using_compose/ <br /> (abgerufen am 02.10.2023)"
    )
    assert note.title == "Use Docker Compose"


def test_a_non_english_labels_two_digit_year_date_is_read_day_first() -> None:
    # "Erişim" (Turkish) writes day first, as the fast path already assumes for its dates.
    note = parse_note("Örnek sayfa. https://example.com.tr/x (Erişim: 03/04/22)")
    assert note.access_date == dt.date(2022, 4, 3)
