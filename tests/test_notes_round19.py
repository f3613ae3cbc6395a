"""Rules from the nineteenth round of real notes (Wikipedia, course pages, Markdown and
reStructuredText docs, Japanese and Korean blogs): a reStructuredText citation's wrapped lines,
a word with a digit closing Vancouver names (no DBLP colon lead), Chicago's ``Names, eds.``, a
link's label ``Site — Page`` led by all of the host's name, an access label alone in its
bracket, ``Author,Name`` joined by a comma with no space, and a colon after a small word in a
title-first sentence (no imprint)."""

from __future__ import annotations

import pytest

from citeaudit.notes import parse_note


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A docstring's citation wraps its title over indented lines.
        (
            ".. [1] Moreau, L. (2015). Tracking seasonal drift in coastal\n"
            "       sensor networks with sparse models. Marine\n"
            "       Systems, 12(3), 45-60.",
            "Tracking seasonal drift in coastal sensor networks with sparse models",
        ),
    ],
)
def test_a_rst_citation_wrapped_over_indented_lines_is_one_paragraph(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected", "url"),
    [
        # Guard: a line of its own holding the address is the link, the line above the title.
        (
            ".. [4] Harbour tide tables for small craft\n    https://example.org/tides/",
            "Harbour tide tables for small craft",
            "https://example.org/tides/",
        ),
    ],
)
def test_a_rst_citation_keeps_the_line_break_before_its_address(
    raw: str, expected: str, url: str
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.urls == (url,)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Vancouver names, then a software's name and its colon: the name is the title's.
        (
            "Lund KA, Berg T. Tidex3: Fast merging of tide gauge series for harbour models. "
            "Coastal Computing Conference 2021 (pp. 12-19). IEEE.",
            "Tidex3: Fast merging of tide gauge series for harbour models",
        ),
    ],
)
def test_a_word_with_a_digit_closing_the_names_is_no_forward_name(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_forward_names_closed_by_a_colon_still_lead_a_dblp_title() -> None:
    # Guard: DBLP's forward names and colon, each name of words alone.
    note = parse_note(
        "Anna K. Lind, Per Holm: Sharding Tide Tables at Scale. PVLDB 9(2): 11-22 (2016)"
    )
    assert note.title == "Sharding Tide Tables at Scale"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Chicago's editors: the mark after a comma closes the names.
        (
            "Karin Lund and Per Berg, eds. Harbour Charts of the North. London: Dent, 1999.",
            "Harbour Charts of the North",
        ),
        (
            ".. [2] Anna Holm, ed. Tide Tables for Small Craft, Ferries,\n"
            "        and Pilots. Bergen: Sjø, 2004. https://example.org/tides",
            "Tide Tables for Small Craft, Ferries, and Pilots",
        ),
    ],
)
def test_an_editors_mark_after_a_comma_closes_the_names(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_a_given_name_ed_is_no_editors_mark() -> None:
    # Guard: "Smith, Ed." is a surname and a given name; the title follows as before.
    note = parse_note("Smith, Ed. Harbour Charts of the North. London: Dent, 1999.")
    assert note.title == "Harbour Charts of the North"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A link's label: the source, all of it the host's name, then the page.
        (
            "- [Tidewatch — Reading Tide Tables with Tidewatch]"
            "(https://tidewatch.io/docs/reading-tide-tables)",
            "Reading Tide Tables with Tidewatch",
        ),
        (
            "- [Apache Harbor — Recipes: Mooring Locks]"
            "(https://harbor.apache.org/doc/recipes.html#mooring_locks)",
            "Recipes: Mooring Locks",
        ),
    ],
)
def test_a_link_label_led_by_the_hosts_whole_name_is_site_then_page(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guard: a quoted title led by the product's name is the title as given, whole.
        (
            '"Tidewatch – Tide tables for any harbour". https://tidewatch.io/',
            "Tidewatch – Tide tables for any harbour",
        ),
        # Guard: a repository's name on a code host leads its project's own title.
        (
            "- [Quaylib — Berths and Queues for Harbours]"
            "(https://github.com/quaylib/quaylib/wiki/berths-queues)",
            "Quaylib — Berths and Queues for Harbours",
        ),
        # Guard: a home page is titled by the site's name and its tagline.
        (
            "- [Tidewatch — Tide tables for any harbour](https://tidewatch.io/)",
            "Tidewatch — Tide tables for any harbour",
        ),
        # Guard: the site's name after the page, as before.
        (
            "- [Reading Tide Tables - Tidewatch](https://tidewatch.io/docs/tables)",
            "Reading Tide Tables",
        ),
    ],
)
def test_a_title_naming_its_site_otherwise_is_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # The access slot left unfilled: a bracket holding the label alone.
        ("Harbour Tide Notes,(最終閲覧日)\n[https://example.jp/tides/]", "Harbour Tide Notes"),
        ("Harbour Tide Notes, (consulté le) https://example.fr/marees", "Harbour Tide Notes"),
    ],
)
def test_an_access_label_alone_in_its_bracket_is_no_part_of_the_title(
    raw: str, expected: str
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.access_date is None


def test_a_bracket_with_its_access_date_is_read_as_before() -> None:
    # Guard: with its date, the bracket gives the access date.
    note = parse_note("Harbour Tide Notes, (consulté le 3 mai 2021) https://example.fr/marees")
    assert note.title == "Harbour Tide Notes"
    assert note.access_date is not None and note.access_date.isoformat() == "2021-05-03"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Author first, then the page's name, joined by a comma with no space.
        (
            "[1]Keiko Sato,Harbour Tide Notes,(最終閲覧日：2019年3月2日)\n[https://example.jp/t/]",
            "Harbour Tide Notes",
        ),
        # A site as its own author: the name twice.
        (
            "[2]Tide Atlas,Tide Atlas,(最終閲覧日：2019年3月2日)\n[https://example.jp/atlas/]",
            "Tide Atlas",
        ),
    ],
)
def test_an_author_then_a_name_joined_by_an_unspaced_comma(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_an_unspaced_comma_after_no_name_is_read_as_before() -> None:
    # Guard: the first field names no person and is not repeated; it is not taken for one.
    before = "Tide tables for harbours,Oslo,(最終閲覧日：2019年3月2日)\n[https://example.no/t/]"
    assert parse_note(before).title != "Oslo"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Title first, then its author's name: the colon after a word in small letters
        # opens the subtitle, no "Place: Publisher" imprint.
        (
            "Mapas interactivos para puertos: Oleaje. Marta Ruiz. mareas.es. 3 de mayo de 2019",
            "Mapas interactivos para puertos: Oleaje",
        ),
    ],
)
def test_a_colon_after_a_small_word_in_a_first_sentence_is_no_imprint(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


def test_a_label_and_its_source_in_one_sentence_still_name_no_work() -> None:
    # Guard: "Label: Source, consultado el …" in a single sentence explains a figure's source.
    note = parse_note(
        "- Tarifas de sector: Autoridad Portuaria vía tarifas, consultado el 2024-03-01 (AAA, BBB)."
    )
    assert note.title is None
