"""Cues a reader uses that the title rules once missed, one kind per test (issue #13).

The notes are small made-up illustrations in the shape of real ones: GOST imprints,
DIN locators, ISO 690 medium designators, alphabetic citation keys, Czech access dates.
"""

from __future__ import annotations

import datetime as dt

from citeaudit.notes import parse_note


def title_of(raw: str, html: str | None = None) -> str | None:
    return parse_note(raw, html=html).title


def test_a_publisher_quoted_after_the_gost_city_colon_is_not_the_title() -> None:
    raw = (
        "Орлов, К. М. Приливы и отливы / К. М. Орлов; пер. с англ. — "
        "М.: ИД «Морской», 2007. — 300 с."
    )
    assert title_of(raw) == "Приливы и отливы"


def test_a_publisher_quoted_after_ooo_in_the_imprint_is_not_the_title_nor_is_the_edition() -> None:
    raw = 'Белов, Иван. Маяки Балтики, 2-е изд. - СПб.: ООО "Береговая книга". 2015. - 200 с.'
    assert title_of(raw) == "Маяки Балтики"


def test_a_quoted_chapter_after_kap_names_the_part_not_the_work() -> None:
    raw = "Weber, K.: Häfen der Nordsee. 3. Aufl., Küstenverlag, Kiel 2011, Kap. 4 'Sturmfluten'."
    assert title_of(raw) == "Häfen der Nordsee"


def test_quoted_glossary_entries_joined_by_und_are_parts_of_the_work() -> None:
    raw = "Lang, M.: Deichbau – Technik und Geschichte. Ufer, 2009, Glossar 'Deich' und 'Siel'."
    assert title_of(raw) == "Deichbau – Technik und Geschichte"


def test_a_quote_without_a_locator_before_it_is_still_the_title() -> None:
    raw = "Weber, K. „Sturmfluten an der Küste“. Küstenverlag, Kiel 2011."
    assert title_of(raw) == "Sturmfluten an der Küste"


def test_the_bracket_of_a_link_whose_text_is_a_whole_citation_is_not_in_the_title() -> None:
    raw = "[Harbour Tides Explained. tides.example. [dostęp: 15-12-2017].](https://tides.example/explained)"
    assert title_of(raw) == "Harbour Tides Explained"


def test_iso690_capitalised_surname_and_year_lead_and_the_designator_marks_the_site() -> None:
    raw = (
        "FERRY, Anna, 2019. Reading tide tables at night. Anna Ferry [online]. "
        "Dostupné z: https://annaferry.example/tides"
    )
    assert title_of(raw) == "Reading tide tables at night"


def test_iso690_author_named_like_the_urls_host_is_not_part_of_the_title() -> None:
    raw = (
        "TidesForAll. Spring and neap tides explained, [online]. Dostęp w Internecie: "
        "<https://www.tidesforall.example/spring-neap/>."
    )
    assert title_of(raw) == "Spring and neap tides explained"


def test_iso690_capitalised_title_words_are_not_taken_for_an_author() -> None:
    raw = (
        "Hypertext Markup Language. Wikipedia [online]. "
        "Available from: https://en.wikipedia.org/wiki/HTML"
    )
    assert title_of(raw) == "Hypertext Markup Language"


def test_an_alphabetic_citation_key_before_din_names_is_a_label() -> None:
    raw = (
        "[MeBa09] Meyer, Anna; Bauer, Karl: Tidal Models: A Comparison of Two Methods. "
        "In: Kohl, H. (Hrsg.): Coastal Studies. Berlin : Springer, 2009, S. 20–41"
    )
    assert title_of(raw) == "Tidal Models: A Comparison of Two Methods"


def test_din_names_and_colon_open_a_citation_however_wordy_its_locator() -> None:
    raw = (
        "Vogel, V.: Häfen und Deiche der Nordsee. Küstenverlag 2013, Kap. 5 und Kap. 10, "
        "die Diskussion der Wahl zwischen dem Deich und der Mauer."
    )
    assert title_of(raw) == "Häfen und Deiche der Nordsee"


def test_the_title_follows_the_editors_hrsg_and_ends_where_the_body_publishes_it() -> None:
    raw = "Küstenamt (Hrsg.): Deichtabellen DT, Küstenamt, Kiel, aktuelle Auflage."
    assert title_of(raw) == "Deichtabellen DT"


def test_a_ministry_as_editor_is_not_part_of_the_title() -> None:
    raw = "Ministerium für Häfen (Hrsg.): Leitfaden Sturmflut und Hochwasser. Bremen 2016."
    assert title_of(raw) == "Leitfaden Sturmflut und Hochwasser"


def test_a_gost_title_runs_to_the_area_separator_across_a_full_stop() -> None:
    raw = "Морев Д., Ветров Г. Приливы. Полный справочник. — М.: Океан, 2008."
    assert title_of(raw) == "Приливы. Полный справочник"


def test_a_gost_volume_after_the_title_is_not_part_of_it() -> None:
    raw = "Морев Д. Приливы и отливы. В 2 т. — 5-е изд. — М.: Океан, 2020."
    assert title_of(raw) == "Приливы и отливы"


def test_an_apa_edition_in_brackets_after_the_title_is_not_part_of_it() -> None:
    raw = "Marín, L. (1980). Técnicas de navegación (3.ª ed.). México: Puerto."
    assert title_of(raw) == "Técnicas de navegación"


def test_an_apa_translator_in_brackets_after_the_title_is_not_part_of_it() -> None:
    raw = "Kant, I. (1785/2007). Sobre las mareas (M. Ruiz, Trad.). México: Costa."
    assert title_of(raw) == "Sobre las mareas"


def test_a_bracket_that_belongs_to_the_title_stays() -> None:
    raw = "Oficina Hidrográfica (2021). Sistema de Información de Mareas (SIM). Lima: OH."
    assert title_of(raw) == "Sistema de Información de Mareas (SIM)"


def test_a_bodys_acronym_before_the_apa_date_belongs_to_the_author() -> None:
    raw = "Organización Marítima Internacional (OMI). (2019). La cultura del puerto seguro."
    assert title_of(raw) == "La cultura del puerto seguro"


def test_an_apa_title_runs_across_full_stops_to_the_italic_container() -> None:
    raw = (
        "Lelo, K. (2026). Tides of change. The ports of the Adriatic, 1950–1990. "
        "*Harbour working paper*."
    )
    assert title_of(raw) == "Tides of change. The ports of the Adriatic, 1950–1990"


def test_an_apa_title_stops_where_in_opens_the_container() -> None:
    raw = "Mora, P. (2010). Tides. In R. Vela (Ed.), *Coastal Handbook* (pp. 1–9). Lima: OH."
    assert title_of(raw) == "Tides"


def test_a_word_quoted_inside_an_apa_title_does_not_replace_the_title() -> None:
    raw = (
        'Martín, A. (2008). Las mareas del puerto: "realfabetización" del marinero. '
        "Revista de Puertos, (63), 191-206."
    )
    assert title_of(raw) == 'Las mareas del puerto: "realfabetización" del marinero'


def test_a_quoted_title_after_the_apa_date_is_still_the_title() -> None:
    raw = 'Martín, A. (2008). "Las mareas del puerto". Revista de Puertos, (63), 191-206.'
    assert title_of(raw) == "Las mareas del puerto"


def test_bold_author_names_before_the_apa_date_do_not_hide_the_italic_title() -> None:
    raw = "1.  **Görür, N. & Şen, A. M. C.** (1984). *Tides of the salt lake basin*. Geol. Soc."
    assert title_of(raw) == "Tides of the salt lake basin"


def test_an_access_phrase_inside_link_text_leaves_no_bracket_in_the_title() -> None:
    raw = "[Hafenkran Datenblatt (zuletzt aufgerufen am 25.06.24)](https://kran.example/daten)"
    note = parse_note(raw)
    assert (note.title, note.access_date) == ("Hafenkran Datenblatt", dt.date(2024, 6, 25))


def test_the_angle_bracket_of_a_blanked_url_is_not_part_of_the_title() -> None:
    raw = "Hafenamt (2022): Demo Pegel <http://pegel.example/>"
    assert title_of(raw) == "Demo Pegel"


def test_a_signal_word_with_its_adverb_is_no_title() -> None:
    raw = "Hierzu vgl. https://de.example.org/wiki/Gezeiten zuletzt abgerufen am 12.6.2018."
    assert title_of(raw) is None


def test_a_company_with_its_legal_form_and_year_is_the_site_after_the_title() -> None:
    raw = (
        "Harbour Reference Documentation. TideSoft, Inc., 2024. "
        "URL: https://docs.tidesoft.example/ (дата звернення: 11.12.2024)."
    )
    note = parse_note(raw)
    assert (note.title, note.access_date) == (
        "Harbour Reference Documentation",
        dt.date(2024, 12, 11),
    )


def test_a_titles_own_empty_brackets_stay() -> None:
    raw = "[JSON.parse() vs. eval](https://stackoverflow.com/q/1)"
    assert title_of(raw) == "JSON.parse() vs. eval"


def test_iso690_a_sites_documentation_title_is_not_taken_for_its_author() -> None:
    raw = (
        "TideBase Documentation. Privileges [Электронный ресурс]. – Режим доступа: "
        "https://www.tidebase.example/docs/privileges.html"
    )
    assert title_of(raw) == "TideBase Documentation. Privileges"


def _linked(text: str, site: str, url: str, after: str = "") -> tuple[str, str]:
    """A note's text and its markup, with ``site`` as the text of a link to ``url``."""
    return f"{text}{site}{after}", f'{text}<a href="{url}">{site}</a>{after}'


def test_link_text_after_a_comma_that_is_the_linked_sites_name_leaves_the_title_before_it() -> None:
    raw, html = _linked(
        "Kıyı kentlerinde yeni liman planı açıklandı, ",
        "Liman Haber",
        "https://www.limanhaber.example/plan",
        " (Erişim Tarihi: 02.03.2021)",
    )
    assert title_of(raw, html) == "Kıyı kentlerinde yeni liman planı açıklandı"


def test_link_text_after_an_author_date_lead_is_still_the_title() -> None:
    raw, html = _linked("Liman Enstitüsü (2025): ", "Liman Standardı", "https://www.liman.example/std")
    assert title_of(raw, html) == "Liman Standardı"
