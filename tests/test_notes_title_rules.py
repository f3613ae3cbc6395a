"""One rule of the title model per test: where a reader finds the title, and why."""

from __future__ import annotations

import pytest

from citeaudit.notes import parse_note


def title_of(raw: str) -> str | None:
    return parse_note(raw).title


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            "Ferry Times 3.1. (n.d.). Ferry Docs. https://docs.ferrytimes.org/latest/",
            "Ferry Times 3.1",
        ),
        (
            "- How do I read a tide table? (n.d.). Stack Overflow. https://stackoverflow.com/q/1",
            "How do I read a tide table?",
        ),
        ("Harbour Lights. (n.d.). harbourlights.nl. https://harbourlights.nl/", "Harbour Lights"),
    ],
)
def test_apa_work_whose_date_is_followed_only_by_its_site_has_its_title_first(
    raw: str, title: str
) -> None:
    assert title_of(raw) == title


def test_apa_organisation_author_named_like_the_site_keeps_the_title_after_the_date() -> None:
    raw = "Ferrylog. (z.d.). What is Ferrylog? | Ferrylog. https://www.ferrylog.org/what"
    assert title_of(raw) == "What is Ferrylog?"


def test_a_title_opening_with_a_capitalised_word_is_not_taken_for_a_surname() -> None:
    raw = "- CSS - keep a footer at the bottom. How? (n.d.). Stack Overflow. https://stackoverflow.com/q/2"
    assert title_of(raw) == "CSS - keep a footer at the bottom. How?"


def test_a_body_named_in_capitals_is_still_the_author() -> None:
    raw = "AGÊNCIA NACIONAL DE ÁGUAS (ANA). Manual de Pequenas Barragens. Brasília: ANA, 2016."
    assert title_of(raw) == "Manual de Pequenas Barragens"


def test_a_quoted_markdown_link_gives_its_text_as_the_title() -> None:
    raw = "1. “[Tide Tables Explained](https://example.org/tides)”. 2010年12月29日閲覧。"
    assert title_of(raw) == "Tide Tables Explained"


def test_a_date_of_access_inside_link_text_is_not_part_of_the_title() -> None:
    raw = "[^1]: [Enciclopedia del Mare URL consultato il 9/04/2018](https://example.it/mare)"
    note = parse_note(raw)
    assert note.title == "Enciclopedia del Mare"
    assert note.access_date is not None and note.access_date.isoformat() == "2018-04-09"


def test_a_url_label_ending_the_title_is_dropped() -> None:
    raw = "1. [Документация по системе Modelica – Режим доступа: https://modelica.org/](https://modelica.org/)"
    assert title_of(raw) == "Документация по системе Modelica"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            "Mareas del Sur. (s. f.). Guía de mareas: conceptos y tablas. Mareas del Sur. https://mareas.example/guia",
            "Guía de mareas: conceptos y tablas",
        ),
        (
            "Faro Tools. (s.f.). Faro documentation. Recuperado de https://docs.faro.example/",
            "Faro documentation",
        ),
        ("Tide Cheat Sheet. (2023). Recuperado de https://www.tides.example/", "Tide Cheat Sheet"),
    ],
)
def test_spanish_apa_reads_s_f_as_no_date_and_recuperado_de_as_a_url_label(
    raw: str, title: str
) -> None:
    assert title_of(raw) == title


def test_a_long_body_name_before_the_date_is_the_author_when_a_title_follows() -> None:
    raw = (
        "Comisión Nacional para la Protección de las Costas (2020). Disposiciones para la "
        "gestión de puertos durante la temporada de lluvias. Recuperado de https://gob.example/a"
    )
    assert title_of(raw) == (
        "Disposiciones para la gestión de puertos durante la temporada de lluvias"
    )


def test_a_long_title_in_the_author_place_still_counts_when_only_a_site_follows() -> None:
    raw = (
        "Tide tables: reading the numbers correctly. (z.d.). tides example. https://tides.example/a"
    )
    assert title_of(raw) == "Tide tables: reading the numbers correctly"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("John Smith, The Long Road Home (London: Penguin, 2010), 45.", "The Long Road Home"),
        (
            "John Smith and Jane Doe, Rivers, Roads, and Rails (Oxford: Oxford UP, 2019).",
            "Rivers, Roads, and Rails",
        ),
        (
            "Jean Dupont, Histoire de la Gaule (Paris : Gallimard, 1998), p. 12.",
            "Histoire de la Gaule",
        ),
    ],
)
def test_a_chicago_note_ends_its_title_at_the_bracketed_imprint(raw: str, title: str) -> None:
    assert title_of(raw) == title


def test_a_chicago_short_note_gives_its_short_title() -> None:
    note = parse_note("Smith, The Long Road Home, 45.")
    assert note.title == "The Long Road Home"
    assert note.authors == ("Smith",)


def test_a_year_after_the_initials_is_author_date_not_a_gost_title() -> None:
    assert title_of("Jones, A. 2019. Rivers of the North. Oxford: Oxford University Press.") == (
        "Rivers of the North"
    )


def test_the_sentence_before_a_lone_site_and_year_is_the_title() -> None:
    raw = "COMO FUNCIONA O GPS. Tecmundo, 2020. Disponível em: <https://tecmundo.example/gps>."
    assert title_of(raw) == "COMO FUNCIONA O GPS"


def test_the_piece_the_url_slug_repeats_is_the_title() -> None:
    raw = (
        "Harbour Guides. Reading a Tide Table Step by Step. Disponível em: "
        "<https://harbour.example/reading-a-tide-table>. Acesso em: 18 maio 2024."
    )
    assert title_of(raw) == "Reading a Tide Table Step by Step"


def test_names_followed_by_a_comma_are_a_chicago_note_not_gost() -> None:
    assert title_of("Kowalski J., Naprawa roweru, Warszawa 2010.") == "Naprawa roweru"


def test_a_medium_designator_after_the_title_is_not_part_of_it() -> None:
    raw = (
        "Smith J. How to repair a chain [Internet]. London: Bike Shop; 2020 [cited 2021 May 3]. "
        "Available from: https://bikeshop.example/repair"
    )
    assert title_of(raw) == "How to repair a chain"


def test_the_sentence_before_in_colon_is_the_title_of_a_work_with_no_author() -> None:
    note = parse_note(
        "Reparatur von Fahrrädern. In: Fahrrad-Lexikon. URL: https://lexikon.example/r "
        "(abgerufen am 3. Mai 2021)."
    )
    assert note.title == "Reparatur von Fahrrädern"
    assert note.authors == ()


def test_markup_italics_after_an_author_date_title_name_the_journal() -> None:
    note = parse_note(
        "Kaya, T. (2016). Liman şehirlerinde ticaret. Deniz Tarihi Dergisi, 564-577.",
        html="Kaya, T. (2016). Liman şehirlerinde ticaret. <em>Deniz Tarihi Dergisi</em>, 564-577.",
    )
    assert note.title == "Liman şehirlerinde ticaret"
    assert note.publisher == "Deniz Tarihi Dergisi"


@pytest.mark.parametrize(
    ("text", "pos", "end"),
    [
        ("Smith J. Title", 0, 7),
        ("Smith J.\nTitle", 0, 7),
        ("word\n", 0, 5),
        ("a \n", 0, 3),
        ("one\u00a0two", 0, 7),
        ("Hrsg. von", 2, 4),
        ("", 0, 0),
        ("  ", 0, 2),
    ],
)
def test_the_word_before_a_stop_is_what_a_trailing_non_space_run_finds(
    text: str, pos: int, end: int
) -> None:
    import re

    from citeaudit.notes.styles import _word_before

    found = re.compile(r"(\S+)$").search(text, pos, end)
    assert _word_before(text, pos, end) == (found.group(1) if found else "")


def _each(
    template: str, expected: str, rule: str, fills: tuple[str, ...]
) -> list[pytest.ParameterSet]:
    """One case per way of writing the same thing, each named by the rule and its fill."""
    return [
        pytest.param(template.format(fill), expected, id=f"{rule}[{fill}]") for fill in fills
    ]


# Rules for French, Italian, Dutch and Turkish notes (issue #13, titles10): the note, the
# title a reader gives it, and the rule's name.
READER_RULES = [
    pytest.param(
        "Ministero della Cultura, Musei statali 2022, Roma, 2023.",
        "Musei statali 2022",
        id="a-ministry-leading-the-note-is-its-author",
    ),
    pytest.param(
        "Köy okulları raporu, T.C. Milli Eğitim Bakanlığı (Erişim Tarihi: 2.3.2021)",
        "Köy okulları raporu",
        id="a-ministry-after-the-title-is-not-the-title",
    ),
    pytest.param(
        "T.C. Sağlık Bakanlığı, Aile hekimliği rehberi, Ankara, 2019.",
        "Aile hekimliği rehberi",
        id="t-c-before-a-turkish-body-ends-no-sentence",
    ),
    pytest.param(
        "Dupont, Jean, Histoire du ministère de la Marine, Paris, 1990.",
        "Histoire du ministère de la Marine",
        id="a-word-for-ministry-inside-a-title-makes-no-body",
    ),
    pytest.param(
        "Türk Dil Kurumu (TDK), Yazım Kılavuzu, Ankara, 2012.",
        "Yazım Kılavuzu",
        id="a-turkish-institution-with-its-acronym-is-the-author",
    ),
    pytest.param(
        "Eski çarşılar. (t.y.). Kültür Portalı. https://www.kulturportali.example/carsi",
        "Eski çarşılar",
        id="an-accented-site-name-after-the-apa-date-is-the-host",
    ),
    pytest.param(
        "Eski çarşılar - Kültür Portalı, https://www.kulturportali.example/carsi",
        "Eski çarşılar",
        id="an-accented-site-name-after-a-dash-is-stripped",
    ),
    pytest.param(
        "Galata Kulesi - Vikipedi, https://tr.example.org/wiki/Galata",
        "Galata Kulesi",
        id="turkish-vikipedi-is-a-site-word",
    ),
    pytest.param(
        "Galata Kulesi - Wikipédia, https://tr.example.org/wiki/Galata",
        "Galata Kulesi",
        id="an-accented-wikipedia-is-a-site-word",
    ),
    *_each(
        "Le port de Marseille. {} [en ligne]. 2021. https://fr.example.org/p",
        "Le port de Marseille",
        "iso690-in-container-before-the-designator-is-the-host",
        ("In : Wikipédia", "Dans : Wikipédia", "In: Encyclopédie"),
    ),
    pytest.param(
        "Parkeren in het centrum. (z.d.). Gemeente Utrecht. Geraadpleegd op 3 maart 2020, "
        "van https://www.utrecht.example/parkeren",
        "Parkeren in het centrum",
        id="a-city-government-after-the-apa-date-leaves-the-title-before-it",
    ),
    pytest.param(
        "Les marchés couverts. (s. d.). Ville de Lyon. Consulté le 3 mars 2020, à l'adresse "
        "https://www.lyon.example/marches",
        "Les marchés couverts",
        id="ville-de-x-after-the-apa-date-is-the-host",
    ),
    pytest.param(
        "Martin, Paul, La ville de Lyon au Moyen Âge, Lyon, 1990.",
        "La ville de Lyon au Moyen Âge",
        id="a-title-about-a-city-is-no-city-government",
    ),
    pytest.param(
        "MARTIN Paul, Le port de Marseille, Paris, Seuil, coll. « Points », 2012.",
        "Le port de Marseille",
        id="coll-before-a-quoted-series-ends-no-sentence",
    ),
    pytest.param(
        "Routes beveiligen met tokens. (2019, 3 mei). Geraadpleegd op 6 april, van "
        "https://blog.example.nl/tokens",
        "Routes beveiligen met tokens",
        id="an-undated-access-phrase-after-the-apa-date-is-no-title",
    ),
    pytest.param(
        "Fietsen in de stad. NRC (12 maart 2020). Geraadpleegd op 14 maart 2020.",
        "Fietsen in de stad",
        id="a-site-name-ending-the-apa-lead-is-not-in-the-title",
    ),
    pytest.param(
        "M. Bianchi, Le fontane di Napoli, in «Studi urbani», 4, 2011, pp. 9-30.",
        "Le fontane di Napoli",
        id="a-quote-after-lower-case-in-names-the-container",
    ),
    *_each(
        "Kaya, S. (2017). Kıyı rüzgârları ({}). Ege Üniversitesi, İzmir.",
        "Kıyı rüzgârları",
        "the-kind-of-thesis-after-the-title-is-not-in-it",
        ("Yüksek lisans tezi", "Thèse de doctorat", "Masterscriptie", "Tesi di laurea"),
    ),
    *_each(
        "- Legge quadro sulle aree protette, {}. Testo su https://leggi.example.it/x",
        "Legge quadro sulle aree protette",
        "the-article-of-a-law-is-a-locator",
        ("articolo 12, comma 3", "art. 7", "article 5", "madde 4"),
    ),
    pytest.param(
        "Parkeren in het centrum. (z.d.). Opgehaald van https://www.utrecht.example/parkeren",
        "Parkeren in het centrum",
        id="opgehaald-van-after-the-apa-date-is-the-urls-label-not-a-title",
    ),
    pytest.param(
        "- [Jansen, P. (2020). Fietsen in de stad. Fietsersbond.](https://fiets.example.nl/s)",
        "Fietsen in de stad",
        id="a-whole-apa-citation-as-link-text-keeps-its-date-brackets",
    ),
    *_each(
        "{} Martin P., Le port de Marseille, Seuil, 2012.",
        "Le port de Marseille",
        "a-reference-label-is-no-author",
        ("Référence :", "Riferimento:", "Referentie:"),
    ),
]


@pytest.mark.parametrize(("raw", "expected"), READER_RULES)
def test_the_reader_rule_gives_the_title(raw: str, expected: str) -> None:
    assert title_of(raw) == expected


def test_an_apa_date_written_day_first_closes_the_authors() -> None:
    note = parse_note("Jansen, P. (12 maart 2020). Fietsen in de stad. NRC. https://nrc.example.nl/f")
    assert note.title == "Fietsen in de stad"
    assert note.authors == ("Jansen, P.",)
