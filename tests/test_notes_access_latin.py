"""Access dates in Finnish school style and in APA's Spanish, Portuguese, French and
Dutch retrieval phrases (issue 13)."""

import datetime

import pytest

from citeaudit.notes import parse_note


@pytest.mark.parametrize(
    "raw",
    [
        "[Harabor, D. 2009, Clearance](https://example.org/x), tiedosto, viitattu 10.11.2022",
        "Yle. Video. Katsottavissa: https://yle.example.fi/x. Katsottu: 10.11.2022.",
        "Yle. Podcast. https://yle.example.fi/x. Kuunneltu 10.11.2022.",
        "Opetushallitus. Ohje. https://oph.example.fi/x (haettu 10.11.2022)",
        "Sanidad. (s. f.). Vacunas. Recuperado el 10 de noviembre de 2022, de https://example.es/x",
        "SILVA. Título. Recuperado em 10 de novembro de 2022, de https://example.br/x",
        "DUPONT. Titre. Récupéré le 10 novembre 2022 de https://example.fr/x",
        "Jansen. (z.d.). Fietsen. Opgehaald op 10 november 2022, van https://example.nl/x",
    ],
)
def test_the_retrieval_phrase_gives_the_access_date(raw: str) -> None:
    assert parse_note(raw).access_date == datetime.date(2022, 11, 10)


def test_recuperado_de_without_a_date_is_only_the_url_label() -> None:
    note = parse_note(
        "Python Software Foundation. (2023). turtle. Recuperado de https://docs.python.org/es/"
    )
    assert note.access_date is None
    assert note.urls == ("https://docs.python.org/es/",)


def test_page_consultee_le_in_brackets_is_the_access_label_whole_not_part_of_the_title() -> None:
    note = parse_note("[^3]: Grille tarifaire (page consultée le 04/03/2019). https://example.fr/t")
    assert note.access_date == datetime.date(2019, 3, 4)
    assert note.title == "Grille tarifaire"
