"""Titles in French, Finnish, Dutch, Portuguese, Spanish and Turkish reference styles
(issue 13): ABNT's bold title and subtitle, author-date leads, link text that carries
the whole citation, quotes that are not the title, repeats written with emphasis."""

import html as htmllib
import re

from citeaudit.notes import NoteKind, parse_note


def test_abnt_bold_title_runs_on_into_its_subtitle_after_a_colon() -> None:
    html = (
        "DIAS, C. <strong>Usabilidade na Web</strong>: criando portais mais acessíveis, "
        "2a edição, Rio de Janeiro, Alta Books, 2007."
    )
    raw = (
        "DIAS, C. Usabilidade na Web: criando portais mais acessíveis, 2a edição, "
        "Rio de Janeiro, Alta Books, 2007."
    )
    assert parse_note(raw, html=html).title == "Usabilidade na Web: criando portais mais acessíveis"


def test_abnt_bold_title_runs_on_into_its_subtitle_after_a_dash() -> None:
    html = (
        "KRUG, Steve. <b>Não me faça pensar</b> – Uma abordagem de bom senso. 2. ed. Rio: AB, 2008."
    )
    raw = "KRUG, Steve. Não me faça pensar – Uma abordagem de bom senso. 2. ed. Rio: AB, 2008."
    assert parse_note(raw, html=html).title == "Não me faça pensar – Uma abordagem de bom senso"


def test_abnt_bold_title_without_subtitle_ends_at_the_bold() -> None:
    html = "CUSIN, C. A. <strong>Inclusão digital via acessibilidade web</strong>, Rio, v. 5, 2009."
    raw = "CUSIN, C. A. Inclusão digital via acessibilidade web, Rio, v. 5, 2009."
    assert parse_note(raw, html=html).title == "Inclusão digital via acessibilidade web"


def test_bold_inside_the_author_list_is_not_the_title() -> None:
    html = (
        "HENRY, Shawn; <strong>Outreach Working Group</strong>. Introduction to Web "
        "Accessibility. W3C, 2005."
    )
    raw = "HENRY, Shawn; Outreach Working Group. Introduction to Web Accessibility. W3C, 2005."
    assert parse_note(raw, html=html).title != "Outreach Working Group"


def test_one_word_author_before_a_year_sentence_is_the_author() -> None:
    note = parse_note(
        "Gianglex. 2025. h7-maalisuora.md. Luettavissa: https://example.org/h7.md. "
        "Luettu: 2.10.2025"
    )
    assert note.title == "h7-maalisuora.md"


def test_author_comma_year_colon_lead_leaves_the_year_out_of_the_title() -> None:
    note = parse_note(
        "Tero Karvinen, 2017: First Steps on a New Virtual Private Server https://example.com/vps/"
    )
    assert note.title == "First Steps on a New Virtual Private Server"


def test_link_text_with_names_and_date_gives_the_title_after_the_date() -> None:
    note = parse_note(
        "[Harabor, D. 5.5.2009, Clearance-based Pathfinding](https://example.org/cbp/)"
    )
    assert note.title == "Clearance-based Pathfinding"


def test_link_text_that_is_only_a_title_stays_whole() -> None:
    note = parse_note("[Shunting yard algorithm, 2nd part](https://example.org/sya)")
    assert note.title == "Shunting yard algorithm, 2nd part"


def test_code_span_ticks_in_link_text_are_not_part_of_the_title() -> None:
    note = parse_note("- [`owner/freebox_home`](https://github.com/owner/freebox_home) — référence")
    assert note.title == "owner/freebox_home"


def test_quote_inside_an_italic_title_belongs_to_the_title() -> None:
    note = parse_note(
        "Redactie. (2019, 9 september). _Gartner: “In 2020 zijn er 5,8 miljard apparaten”_. "
        "Geraadpleegd op 30 maart 2020, van https://example.nl/gartner"
    )
    assert note.title == "Gartner: “In 2020 zijn er 5,8 miljard apparaten”"


def test_quote_in_the_imprint_after_an_italic_title_is_not_the_title() -> None:
    note = parse_note(
        "BARTHES, Roland, 1980. _La chambre claire : note sur la photographie_. "
        "Paris : « Cahiers du cinéma » Gallimard."
    )
    assert note.title == "La chambre claire : note sur la photographie"


def test_quote_after_spanish_en_names_the_container() -> None:
    note = parse_note(
        "Semana. (1951, 30 de junio). Portada de la revista Semana [Portada de revista]. "
        "En “Los Eder: la familia más importante del Valle”, artículo recuperado de https://example.co/eder/"
    )
    assert note.title == "Portada de la revista Semana"


def test_a_quoted_title_still_wins_with_no_emphasis_before_it() -> None:
    note = parse_note("P. M. Dung, “On the acceptability of arguments,” Artif. Intell., 1995.")
    assert note.title == "On the acceptability of arguments"


def test_full_stop_inside_the_edition_bracket_does_not_cut_the_title() -> None:
    note = parse_note(
        "Pressman, R. S. (2002). Ingeniería del software: un enfoque practico (5a. ed.). "
        "Madrid: McGraw-Hill."
    )
    assert note.title == "Ingeniería del software: un enfoque practico"


def test_ibidem_in_emphasis_is_a_repeat_with_no_title() -> None:
    note = parse_note("5\\. _Ibidem_. p. 47.")
    assert note.kind is NoteKind.REPEAT
    assert note.title is None
    assert note.locator == "p. 47"


def test_surname_then_ibidem_is_a_repeat() -> None:
    note = parse_note("7. FARGE, _Ibidem_. p. 15.")
    assert note.kind is NoteKind.REPEAT
    assert note.title is None


def test_a_word_starting_with_ibid_is_not_a_repeat() -> None:
    assert parse_note("Ibidemxyz tools, a guide. https://example.org/x").kind is not NoteKind.REPEAT


def test_iso690_full_reference_ending_in_a_page_is_not_a_short_note() -> None:
    note = parse_note(
        "MARTIN, Paul et DURAND, Anne. La ville et ses réseaux. Revue urbaine. 2010, "
        "vol. 12, n° 3, p. 45-67."
    )
    assert note.title == "La ville et ses réseaux"


def test_chicago_short_note_still_reads_surname_title_page() -> None:
    assert parse_note("Smith, The Long Road Home, 45.").title == "The Long Road Home"


def test_iso690_body_author_before_the_title_and_its_medium() -> None:
    note = parse_note(
        "Ministère de la Culture. Le patrimoine en chiffres [en ligne]. 2020. "
        "Disponible sur : https://culture.example.fr/chiffres"
    )
    assert note.title == "Le patrimoine en chiffres"


def test_iso690_host_work_named_by_its_kind_stays_in_the_title() -> None:
    note = parse_note(
        "PostgreSQL Documentation. Privileges [online]. Available at: "
        "https://www.postgresql.org/docs/current/ddl-privs.html"
    )
    assert note.title == "PostgreSQL Documentation. Privileges"


def test_exclamation_ends_a_headline_before_section_and_site_names() -> None:
    note = parse_note(
        "Kaharovic, N. (2021, December 11). SonarQube - Get Started with Static Code "
        "Analysis! - Maestral - Medium. Medium. https://medium.com/maestral-solutions/sonarqube"
    )
    assert note.title == "SonarQube - Get Started with Static Code Analysis!"


def test_et_al_closes_the_author_sentence_in_natures_style() -> None:
    note = parse_note(
        "Harris, I., Osborn, T.J., Jones, P. et al. Version 4 of the CRU TS monthly "
        "dataset. Sci Data 7, 109 (2020). https://doi.org/10.1038/s41597-020-0453-3"
    )
    assert note.title == "Version 4 of the CRU TS monthly dataset"


def test_apa_lead_with_et_al_still_reads_the_sentence_after_the_year() -> None:
    note = parse_note("Smith, J. et al. (2020). Rivers of the north. Nature, 4, 1-2.")
    assert note.title == "Rivers of the north"


def test_turkish_surname_given_name_then_title_publisher_place_page() -> None:
    note = parse_note("Yılmaz, Ahmet, Osmanlı Tarihi, Ötüken Neşriyat, İstanbul 2010, s. 45.")
    assert note.title == "Osmanlı Tarihi"


def test_capitalised_surname_and_given_name_lead_a_comma_note() -> None:
    note = parse_note("YILMAZ, Ahmet, Osmanlı Tarihi, Ötüken, İstanbul, 2010.")
    assert note.title == "Osmanlı Tarihi"


def test_turkish_edition_abbreviation_in_brackets_is_not_the_title() -> None:
    note = parse_note("Yılmaz, A. (2010). Osmanlı tarihi (2. bs.). İstanbul: Ötüken.")
    assert note.title == "Osmanlı tarihi"


def test_apa_body_author_is_kept_out_of_the_title() -> None:
    note = parse_note(
        "Nederlandse Vereniging voor Cardiologie. (2020). Richtlijn hartfalen. "
        "https://www.nvvc.nl/richtlijnen"
    )
    assert note.title == "Richtlijn hartfalen"


def test_finnish_names_joined_by_ja_or_ampersand_lead_an_author_date_note() -> None:
    for joined in ("&", "ja"):
        note = parse_note(
            f"Virtanen, M. {joined} Korhonen, P. 2015. Suomen historia. Helsinki: Otava."
        )
        assert note.title == "Suomen historia"


def test_finnish_body_and_year_lead_the_note() -> None:
    note = parse_note(
        "Tilastokeskus 2020. Väestörakenne. Viitattu 3.4.2021. https://stat.fi/vaesto"
    )
    assert note.title == "Väestörakenne"


def test_a_title_with_a_year_is_not_read_as_an_author_and_year() -> None:
    note = parse_note("Rapport annuel 2020. Paris : Ministère, 2021.")
    assert note.title != "Paris : Ministère"


def test_abnt_markdown_bold_title_runs_on_into_a_lower_case_subtitle() -> None:
    note = parse_note(
        "SILVA, João. **Metodologia científica**: uma introdução. São Paulo: Atlas, 2010."
    )
    assert note.title == "Metodologia científica: uma introdução"


def test_bold_title_followed_by_a_capitalised_place_keeps_no_subtitle() -> None:
    note = parse_note("SILVA, João. **Metodologia científica**. São Paulo: Atlas, 2010.")
    assert note.title == "Metodologia científica"


def test_markdown_target_keeps_a_full_stop_before_its_closing_bracket() -> None:
    target = "https://example.es/blog/calidad.html#:~:text=duplicar%20el%20trabajo."
    note = parse_note(f"Galindo, S. (2023). Gestión de la calidad. 3digits. [{target}]({target})")
    assert note.urls == (target,)


def test_full_stop_after_a_markdown_link_still_ends_the_sentence() -> None:
    note = parse_note("Véase [la guía](https://example.es/guia). Consultado en 2020.")
    assert note.urls == ("https://example.es/guia",)


def test_dutch_zie_signal_is_not_part_of_the_names() -> None:
    note = parse_note("Zie J. Jansen, Nederlandse geschiedenis, Amsterdam, Boom, 2010.")
    assert note.title == "Nederlandse geschiedenis"


def test_dutch_druk_in_brackets_is_the_edition() -> None:
    note = parse_note("Jansen, J. (2010). Nederlandse geschiedenis (3e dr.). Amsterdam: Boom.")
    assert note.title == "Nederlandse geschiedenis"


def test_quoted_series_after_coll_is_not_the_title() -> None:
    note = parse_note("J. DUPONT, Histoire de Lyon, Paris, Gallimard, coll. « Folio », 2005.")
    assert note.title == "Histoire de Lyon"


def test_finnish_editors_mark_after_the_names() -> None:
    note = parse_note("Virtanen, M. (toim.) 2015. Suomen historia. Helsinki: Otava.")
    assert note.title == "Suomen historia"


def test_comma_after_the_date_makes_the_title_the_first_comma_part() -> None:
    note = parse_note("DUPONT J. (2005), Histoire de Lyon, Paris, Gallimard.")
    assert note.title == "Histoire de Lyon"


def test_full_stop_after_the_date_keeps_commas_inside_the_title() -> None:
    note = parse_note("Dupont, J. (2005). Guerre, paix et révolution. Paris : Gallimard.")
    assert note.title == "Guerre, paix et révolution"


def test_site_name_before_en_ligne_is_cut_from_the_title_accents_folded() -> None:
    note = parse_note(
        "Histoire de la Tour Eiffel, Paris Musées, [en ligne], https://parismusees.example.fr/x, "
        "consulté le 3 mai 2021."
    )
    assert note.title == "Histoire de la Tour Eiffel"


def _text_of(html: str) -> str:
    """The text a reader shows for a note's markup."""
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_abnt_bold_journal_after_the_article_sentence_is_the_container() -> None:
    html = "SOUZA, M. A educação no Brasil. <b>Revista Brasileira de Educação</b>, v. 10, 2015."
    note = parse_note(_text_of(html), html=html)
    assert note.title == "A educação no Brasil"
    assert note.publisher == "Revista Brasileira de Educação"


def test_abnt_chapter_before_in_and_the_bold_book_is_the_title() -> None:
    html = "SOUZA, M. A educação. In: SILVA, J. (org.). <b>Educação</b>. São Paulo: Atlas, 2010."
    assert parse_note(_text_of(html), html=html).title == "A educação"


def test_iso690_italic_journal_after_the_article_sentence_is_the_container() -> None:
    html = "MARTIN, Paul. La ville. <i>Revue urbaine</i>. 2010, vol. 12, p. 45-67."
    assert parse_note(_text_of(html), html=html).title == "La ville"


def test_bold_authors_or_bold_labels_are_not_the_title() -> None:
    for html in (
        "<b>SILVA, J.</b> Metodologia científica. São Paulo: Atlas, 2010.",
        "<strong>Fonte:</strong> SILVA, J. Metodologia científica. São Paulo: Atlas, 2010.",
        "<b>[1]</b> SILVA, J. Metodologia científica. São Paulo: Atlas, 2010.",
    ):
        assert parse_note(_text_of(html), html=html).title == "Metodologia científica"


def test_file_kind_before_a_web_title_is_not_part_of_it() -> None:
    note = parse_note(
        "4. (PDF) Deep learning for vision \\- ResearchGate, erişim tarihi Ocak 5, 2026, "
        "[https://www.researchgate.net/publication/1](https://www.researchgate.net/publication/1)"
    )
    assert note.title == "Deep learning for vision"


def test_ieee_capitalised_title_after_a_forward_name_is_not_a_second_author() -> None:
    note = parse_note("[2] A. Yılmaz, Derin Öğrenme. İstanbul: Papatya, 2019.")
    assert note.title == "Derin Öğrenme"


def test_ieee_forward_names_with_initials_all_stay_authors() -> None:
    note = parse_note("[3] A. Yılmaz, B. Kaya, Derin Öğrenme. İstanbul: Papatya, 2019.")
    assert note.title == "Derin Öğrenme"


def test_apa_host_after_the_date_leaves_the_title_before_it() -> None:
    note = parse_note(
        "Klimaatverandering. (z.d.). In Wikipedia. Geraadpleegd op 3 mei 2021, van "
        "https://nl.wikipedia.org/wiki/Klimaatverandering"
    )
    assert note.title == "Klimaatverandering"


def test_dutch_bron_label_is_not_a_title() -> None:
    assert parse_note("Bron: https://www.knmi.example.nl/klimaat").title is None


def test_apa_medium_bracket_after_the_title_keeps_apas_reading() -> None:
    note = parse_note(
        "NOS. (2021, 3 mei). Kabinet valt [Video]. YouTube. https://www.youtube.com/watch?v=x"
    )
    assert note.title == "Kabinet valt"


def test_abnt_bold_book_before_its_imprint_is_the_title() -> None:
    note = parse_note(
        "BRASIL. Ministério da Educação. **Base Nacional Comum Curricular**. Brasília: MEC, 2018."
    )
    assert note.title == "Base Nacional Comum Curricular"


def test_abnt_chapter_in_a_bold_book_keeps_the_chapter_title() -> None:
    note = parse_note(
        "SILVA, J. A escola e a cidade. *In*: SOUZA, M. (org.). **Educação urbana**. "
        "São Paulo: Atlas, 2010. p. 1-10."
    )
    assert note.title == "A escola e a cidade"


def test_bold_site_name_after_a_title_sentence_is_not_the_title() -> None:
    note = parse_note(
        "Inflação sobe pelo terceiro mês. **G1**, 3 maio 2021. Disponível em: "
        "https://g1.globo.com/economia/x. Acesso em: 3 maio 2021."
    )
    assert note.title == "Inflação sobe pelo terceiro mês"


def test_bold_work_title_that_shares_the_sites_name_stays_the_title() -> None:
    note = parse_note(
        "2. Laravel LLC, **Laravel 12.x Documentation - Mail**, Laravel.com. "
        "Disponível em: https://laravel.com/docs/12.x/mail."
    )
    assert note.title == "Laravel 12.x Documentation - Mail"


def test_a_lower_case_name_before_a_dash_is_a_title_not_prose() -> None:
    note = parse_note(
        "- Python Software Foundation. (2023). os — Interfaces del sistema operativo. "
        "Recuperado de https://docs.python.org/es/3/library/os.html"
    )
    assert note.title == "os — Interfaces del sistema operativo"


def test_german_place_and_year_bracket_is_the_imprint_not_an_apa_date() -> None:
    note = parse_note("K. Müller, Geräte der Jungsteinzeit am Niederrhein (Köln 2001) 45.")
    assert note.title == "Geräte der Jungsteinzeit am Niederrhein"


def test_apa_season_date_is_still_a_date() -> None:
    note = parse_note("Smith, J. (Summer 2020). Rivers of the north. Geography, 4, 1-2.")
    assert note.title == "Rivers of the north"


def test_din_title_ends_before_a_comma_place_and_year() -> None:
    note = parse_note("Vgl. Müller, Klaus: Steinzeit im Rheinland, Köln 2001, S. 45.")
    assert note.title == "Steinzeit im Rheinland"
