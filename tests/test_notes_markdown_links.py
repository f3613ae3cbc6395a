"""Links as Markdown and ABNT write them: the URL a reader would follow, once."""

from __future__ import annotations

from citeaudit.notes import parse_note


def test_a_doi_link_whose_text_is_its_url_gives_one_link_and_the_doi() -> None:
    note = parse_note(
        "Doe, J. (2002). *Tides*. Disponível em: "
        "[https://doi.org/10.1613/jair.953](https://doi.org/10.1613/jair.953)"
    )
    assert note.urls == ("https://doi.org/10.1613/jair.953",)
    assert note.doi == "10.1613/jair.953"


def test_a_space_before_the_closing_angle_bracket_is_not_part_of_the_url() -> None:
    note = parse_note(
        "MARÉS DO NORTE. Portal, 2018. Disponível em: <https://example.com/a/b.html >. "
        "Acesso em: 10/03/2018"
    )
    assert note.urls == ("https://example.com/a/b.html",)


def test_spaces_inside_an_angled_url_path_are_still_kept() -> None:
    note = parse_note("Report: <https://example.org/files/Annual Report 2020.pdf>.")
    assert note.urls == ("https://example.org/files/Annual%20Report%202020.pdf",)


def test_an_absolute_wikipedia_back_link_is_not_a_cited_url() -> None:
    note = parse_note(
        "2. ^ [**a**](https://ja.wikipedia.org/wiki/Tide#cite_ref-t_2-0) "
        "[**b**](https://ja.wikipedia.org/wiki/Tide#cite_ref-t_2-1) "
        "“[Tides of Japan](https://example.jp/tides)”. 2018年8月10日閲覧。"
    )
    assert note.urls == ("https://example.jp/tides",)
    assert note.title == "Tides of Japan"


def test_a_bare_site_name_beside_a_full_url_on_that_host_is_not_a_second_link() -> None:
    note = parse_note(
        "Kaya, S. (2022, 07 01). Limanın tarihi. 2 1, 2024 tarihinde www.liman.example: "
        "https://www.liman.example/gundem/limanin-tarihi adresinden alındı"
    )
    assert note.urls == ("https://www.liman.example/gundem/limanin-tarihi",)


def test_a_bare_host_alone_is_still_a_link() -> None:
    assert parse_note("Limanlar, www.liman.example/, 2020.").urls == ("http://www.liman.example/",)


def test_a_url_shown_as_link_text_is_not_cited_beside_the_links_other_target() -> None:
    note = parse_note(
        "Salt. s.a. states.file. Luettavissa: "
        "[https://docs.example/states.pkg.html](https://docs.example/states.file.html) "
        "Luettu: 25.11.2024."
    )
    assert (note.urls, note.title) == (("https://docs.example/states.file.html",), "states.file")
