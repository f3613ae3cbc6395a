"""Titles in French, Finnish, Dutch, Portuguese, Spanish and Turkish reference styles
(issue 13): ABNT's bold title and subtitle, author-date leads, link text that carries
the whole citation, quotes that are not the title, repeats written with emphasis."""

import html as htmllib
import re

import pytest

from citeaudit.notes import NoteKind, parse_note

# Each case is a note a style's grammar reads one way; its id says which rule it shows.
TITLES = [
    *(
        pytest.param(raw, None, id=f"in-text-author-date-citation-has-no-title-{n}")
        for n, raw in enumerate(
            [
                "(SILVA, 2010, p. 45)",
                "Silva (2010, p. 45).",
                "Jansen 2010, p. 45.",
                "Yılmaz ve Kaya 2019: 12",
            ]
        )
    ),
    pytest.param(
        "[1] Guia de Git. Disponível em: [https://git-scm.com/book/pt-br]"
        "(https://git-scm.com/book/pt-br). Acesso em: 3 mar. 2022.",
        "Guia de Git",
        id="a-name-like-sentence-before-disponivel-em-is-the-title",
    ),
    pytest.param(
        "JOCL — Java Bindings for OpenCL. Disponível em: <http://www.jocl.org/>. "
        "Acesso em: jun. 2025.",
        "Java Bindings for OpenCL",
        id="the-sites-own-name-before-a-dash-leaves-the-labelled-title",
    ),
    pytest.param(
        "- Guia de Git — https://git-scm.com/book/pt-br",
        "Guia de Git",
        id="a-dash-that-only-leads-to-the-address-is-not-in-the-title",
    ),
    pytest.param(
        "13. github.com, erişim tarihi Aralık 3, 2025, https://github.com/sqlmapproject/sqlmap",
        None,
        id="the-urls-host-spelled-in-lower-case-is-the-address-not-a-title",
    ),
    pytest.param(
        "FreeCodeCamp.org. (z.d.). Geraadpleegd op 3 maart 2022, van https://www.freecodecamp.org/",
        "FreeCodeCamp.org",
        id="a-brand-cased-host-name-can-still-be-the-title",
    ),
    pytest.param(
        "W3Schools. HTML Tutorial. Disponível em: <https://www.w3schools.com/html/>. "
        "Acesso em: 3 mar. 2022.",
        "HTML Tutorial",
        id="abnt-site-name-lead-is-the-author-of-the-page",
    ),
    pytest.param(
        "- **SILVA, João**. Como programar em Python. São Paulo: Atlas, 2010.",
        "Como programar em Python",
        id="abnt-bold-capitalised-surname-is-the-author-not-the-title",
    ),
    pytest.param(
        "O que é Git? Disponível em: https://www.atlassian.com/br/git. Acesso em: 3 mar. 2022.",
        "O que é Git?",
        id="a-question-before-disponivel-em-is-the-pages-title",
    ),
    pytest.param(
        "Gianglex. 2025. h7-maalisuora.md. Luettavissa: https://example.org/h7.md. "
        "Luettu: 2.10.2025",
        "h7-maalisuora.md",
        id="one-word-author-before-a-year-sentence-is-the-author",
    ),
    pytest.param(
        "Tero Karvinen, 2017: First Steps on a New Virtual Private Server https://example.com/vps/",
        "First Steps on a New Virtual Private Server",
        id="author-comma-year-colon-lead-leaves-the-year-out-of-the-title",
    ),
    pytest.param(
        "[Harabor, D. 5.5.2009, Clearance-based Pathfinding](https://example.org/cbp/)",
        "Clearance-based Pathfinding",
        id="link-text-with-names-and-date-gives-the-title-after-the-date",
    ),
    pytest.param(
        "[Shunting yard algorithm, 2nd part](https://example.org/sya)",
        "Shunting yard algorithm, 2nd part",
        id="link-text-that-is-only-a-title-stays-whole",
    ),
    pytest.param(
        "- [`owner/freebox_home`](https://github.com/owner/freebox_home) — référence",
        "owner/freebox_home",
        id="code-span-ticks-in-link-text-are-not-part-of-the-title",
    ),
    pytest.param(
        "Redactie. (2019, 9 september). _Gartner: “In 2020 zijn er 5,8 miljard apparaten”_. "
        "Geraadpleegd op 30 maart 2020, van https://example.nl/gartner",
        "Gartner: “In 2020 zijn er 5,8 miljard apparaten”",
        id="quote-inside-an-italic-title-belongs-to-the-title",
    ),
    pytest.param(
        "BARTHES, Roland, 1980. _La chambre claire : note sur la photographie_. "
        "Paris : « Cahiers du cinéma » Gallimard.",
        "La chambre claire : note sur la photographie",
        id="quote-in-the-imprint-after-an-italic-title-is-not-the-title",
    ),
    pytest.param(
        "Semana. (1951, 30 de junio). Portada de la revista Semana [Portada de revista]. "
        "En “Los Eder: la familia más importante del Valle”, artículo recuperado de https://example.co/eder/",
        "Portada de la revista Semana",
        id="quote-after-spanish-en-names-the-container",
    ),
    pytest.param(
        "P. M. Dung, “On the acceptability of arguments,” Artif. Intell., 1995.",
        "On the acceptability of arguments",
        id="a-quoted-title-still-wins-with-no-emphasis-before-it",
    ),
    pytest.param(
        "Pressman, R. S. (2002). Ingeniería del software: un enfoque practico (5a. ed.). "
        "Madrid: McGraw-Hill.",
        "Ingeniería del software: un enfoque practico",
        id="full-stop-inside-the-edition-bracket-does-not-cut-the-title",
    ),
    pytest.param(
        "MARTIN, Paul et DURAND, Anne. La ville et ses réseaux. Revue urbaine. 2010, "
        "vol. 12, n° 3, p. 45-67.",
        "La ville et ses réseaux",
        id="iso690-full-reference-ending-in-a-page-is-not-a-short-note",
    ),
    pytest.param(
        "Smith, The Long Road Home, 45.",
        "The Long Road Home",
        id="chicago-short-note-still-reads-surname-title-page",
    ),
    pytest.param(
        "Ministère de la Culture. Le patrimoine en chiffres [en ligne]. 2020. "
        "Disponible sur : https://culture.example.fr/chiffres",
        "Le patrimoine en chiffres",
        id="iso690-body-author-before-the-title-and-its-medium",
    ),
    pytest.param(
        "PostgreSQL Documentation. Privileges [online]. Available at: "
        "https://www.postgresql.org/docs/current/ddl-privs.html",
        "PostgreSQL Documentation. Privileges",
        id="iso690-host-work-named-by-its-kind-stays-in-the-title",
    ),
    pytest.param(
        "Kaharovic, N. (2021, December 11). SonarQube - Get Started with Static Code "
        "Analysis! - Maestral - Medium. Medium. https://medium.com/maestral-solutions/sonarqube",
        "SonarQube - Get Started with Static Code Analysis!",
        id="exclamation-ends-a-headline-before-section-and-site-names",
    ),
    pytest.param(
        "Harris, I., Osborn, T.J., Jones, P. et al. Version 4 of the CRU TS monthly "
        "dataset. Sci Data 7, 109 (2020). https://doi.org/10.1038/s41597-020-0453-3",
        "Version 4 of the CRU TS monthly dataset",
        id="et-al-closes-the-author-sentence-in-natures-style",
    ),
    pytest.param(
        "Smith, J. et al. (2020). Rivers of the north. Nature, 4, 1-2.",
        "Rivers of the north",
        id="apa-lead-with-et-al-still-reads-the-sentence-after-the-year",
    ),
    pytest.param(
        "Yılmaz, Ahmet, Osmanlı Tarihi, Ötüken Neşriyat, İstanbul 2010, s. 45.",
        "Osmanlı Tarihi",
        id="turkish-surname-given-name-then-title-publisher-place-page",
    ),
    pytest.param(
        "YILMAZ, Ahmet, Osmanlı Tarihi, Ötüken, İstanbul, 2010.",
        "Osmanlı Tarihi",
        id="capitalised-surname-and-given-name-lead-a-comma-note",
    ),
    pytest.param(
        "Yılmaz, A. (2010). Osmanlı tarihi (2. bs.). İstanbul: Ötüken.",
        "Osmanlı tarihi",
        id="turkish-edition-abbreviation-in-brackets-is-not-the-title",
    ),
    pytest.param(
        "Nederlandse Vereniging voor Cardiologie. (2020). Richtlijn hartfalen. "
        "https://www.nvvc.nl/richtlijnen",
        "Richtlijn hartfalen",
        id="apa-body-author-is-kept-out-of-the-title",
    ),
    pytest.param(
        "Tilastokeskus 2020. Väestörakenne. Viitattu 3.4.2021. https://stat.fi/vaesto",
        "Väestörakenne",
        id="finnish-body-and-year-lead-the-note",
    ),
    pytest.param(
        "SILVA, João. **Metodologia científica**: uma introdução. São Paulo: Atlas, 2010.",
        "Metodologia científica: uma introdução",
        id="abnt-markdown-bold-title-runs-on-into-a-lower-case-subtitle",
    ),
    pytest.param(
        "SILVA, João. **Metodologia científica**. São Paulo: Atlas, 2010.",
        "Metodologia científica",
        id="bold-title-followed-by-a-capitalised-place-keeps-no-subtitle",
    ),
    pytest.param(
        "Zie J. Jansen, Nederlandse geschiedenis, Amsterdam, Boom, 2010.",
        "Nederlandse geschiedenis",
        id="dutch-zie-signal-is-not-part-of-the-names",
    ),
    pytest.param(
        "Jansen, J. (2010). Nederlandse geschiedenis (3e dr.). Amsterdam: Boom.",
        "Nederlandse geschiedenis",
        id="dutch-druk-in-brackets-is-the-edition",
    ),
    pytest.param(
        "J. DUPONT, Histoire de Lyon, Paris, Gallimard, coll. « Folio », 2005.",
        "Histoire de Lyon",
        id="quoted-series-after-coll-is-not-the-title",
    ),
    pytest.param(
        "Virtanen, M. (toim.) 2015. Suomen historia. Helsinki: Otava.",
        "Suomen historia",
        id="finnish-editors-mark-after-the-names",
    ),
    pytest.param(
        "DUPONT J. (2005), Histoire de Lyon, Paris, Gallimard.",
        "Histoire de Lyon",
        id="comma-after-the-date-makes-the-title-the-first-comma-part",
    ),
    pytest.param(
        "Dupont, J. (2005). Guerre, paix et révolution. Paris : Gallimard.",
        "Guerre, paix et révolution",
        id="full-stop-after-the-date-keeps-commas-inside-the-title",
    ),
    pytest.param(
        "Histoire de la Tour Eiffel, Paris Musées, [en ligne], https://parismusees.example.fr/x, "
        "consulté le 3 mai 2021.",
        "Histoire de la Tour Eiffel",
        id="site-name-before-en-ligne-is-cut-from-the-title-accents-folded",
    ),
    pytest.param(
        "4. (PDF) Deep learning for vision \\- ResearchGate, erişim tarihi Ocak 5, 2026, "
        "[https://www.researchgate.net/publication/1](https://www.researchgate.net/publication/1)",
        "Deep learning for vision",
        id="file-kind-before-a-web-title-is-not-part-of-it",
    ),
    pytest.param(
        "[2] A. Yılmaz, Derin Öğrenme. İstanbul: Papatya, 2019.",
        "Derin Öğrenme",
        id="ieee-capitalised-title-after-a-forward-name-is-not-a-second-author",
    ),
    pytest.param(
        "[3] A. Yılmaz, B. Kaya, Derin Öğrenme. İstanbul: Papatya, 2019.",
        "Derin Öğrenme",
        id="ieee-forward-names-with-initials-all-stay-authors",
    ),
    pytest.param(
        "Klimaatverandering. (z.d.). In Wikipedia. Geraadpleegd op 3 mei 2021, van "
        "https://nl.wikipedia.org/wiki/Klimaatverandering",
        "Klimaatverandering",
        id="apa-host-after-the-date-leaves-the-title-before-it",
    ),
    pytest.param(
        "Bron: https://www.knmi.example.nl/klimaat",
        None,
        id="dutch-bron-label-is-not-a-title",
    ),
    pytest.param(
        "NOS. (2021, 3 mei). Kabinet valt [Video]. YouTube. https://www.youtube.com/watch?v=x",
        "Kabinet valt",
        id="apa-medium-bracket-after-the-title-keeps-apas-reading",
    ),
    pytest.param(
        "BRASIL. Ministério da Educação. **Base Nacional Comum Curricular**. Brasília: MEC, 2018.",
        "Base Nacional Comum Curricular",
        id="abnt-bold-book-before-its-imprint-is-the-title",
    ),
    pytest.param(
        "SILVA, J. A escola e a cidade. *In*: SOUZA, M. (org.). **Educação urbana**. "
        "São Paulo: Atlas, 2010. p. 1-10.",
        "A escola e a cidade",
        id="abnt-chapter-in-a-bold-book-keeps-the-chapter-title",
    ),
    pytest.param(
        "Inflação sobe pelo terceiro mês. **G1**, 3 maio 2021. Disponível em: "
        "https://g1.globo.com/economia/x. Acesso em: 3 maio 2021.",
        "Inflação sobe pelo terceiro mês",
        id="bold-site-name-after-a-title-sentence-is-not-the-title",
    ),
    pytest.param(
        "2. Laravel LLC, **Laravel 12.x Documentation - Mail**, Laravel.com. "
        "Disponível em: https://laravel.com/docs/12.x/mail.",
        "Laravel 12.x Documentation - Mail",
        id="bold-work-title-that-shares-the-sites-name-stays-the-title",
    ),
    pytest.param(
        "- Python Software Foundation. (2023). os — Interfaces del sistema operativo. "
        "Recuperado de https://docs.python.org/es/3/library/os.html",
        "os — Interfaces del sistema operativo",
        id="a-lower-case-name-before-a-dash-is-a-title-not-prose",
    ),
    pytest.param(
        "K. Müller, Geräte der Jungsteinzeit am Niederrhein (Köln 2001) 45.",
        "Geräte der Jungsteinzeit am Niederrhein",
        id="german-place-and-year-bracket-is-the-imprint-not-an-apa-date",
    ),
    pytest.param(
        "Smith, J. (Summer 2020). Rivers of the north. Geography, 4, 1-2.",
        "Rivers of the north",
        id="apa-season-date-is-still-a-date",
    ),
    pytest.param(
        "Vgl. Müller, Klaus: Steinzeit im Rheinland, Köln 2001, S. 45.",
        "Steinzeit im Rheinland",
        id="din-title-ends-before-a-comma-place-and-year",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), TITLES)
def test_the_style_rule_reads_the_title(raw: str, expected: str | None) -> None:
    assert parse_note(raw).title == expected


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


def test_finnish_names_joined_by_ja_or_ampersand_lead_an_author_date_note() -> None:
    for joined in ("&", "ja"):
        note = parse_note(
            f"Virtanen, M. {joined} Korhonen, P. 2015. Suomen historia. Helsinki: Otava."
        )
        assert note.title == "Suomen historia"


def test_a_title_with_a_year_is_not_read_as_an_author_and_year() -> None:
    note = parse_note("Rapport annuel 2020. Paris : Ministère, 2021.")
    assert note.title != "Paris : Ministère"


def test_markdown_target_keeps_a_full_stop_before_its_closing_bracket() -> None:
    target = "https://example.es/blog/calidad.html#:~:text=duplicar%20el%20trabajo."
    note = parse_note(f"Galindo, S. (2023). Gestión de la calidad. 3digits. [{target}]({target})")
    assert note.urls == (target,)


def test_full_stop_after_a_markdown_link_still_ends_the_sentence() -> None:
    note = parse_note("Véase [la guía](https://example.es/guia). Consultado en 2020.")
    assert note.urls == ("https://example.es/guia",)


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


def test_a_bold_entry_head_with_its_label_is_not_the_title_the_link_is() -> None:
    html = (
        "<strong>[4] Musée du Louvre</strong> · <a href=\"https://example.fr/salles\">"
        "Plan des salles du musée</a>. Page non datée, consultée pour l'accès."
    )
    assert parse_note(_text_of(html), html=html).title == "Plan des salles du musée"


# Repeats in the Latin-script styles: Spanish "Íd.", French "art. cit.", Spanish and
# Portuguese "ob. cit.", Turkish "a.g.m." (adı geçen makale).
REPEATS = [
    "Íd., p. 45.",
    "Dupont, art. cit., p. 12.",
    "García, ob. cit., p. 3.",
    "Yılmaz, a.g.m., s. 4.",
]


@pytest.mark.parametrize("raw", REPEATS)
def test_latin_repeat_words_cite_the_work_again(raw: str) -> None:
    note = parse_note(raw)
    assert note.kind is NoteKind.REPEAT
    assert note.title is None


def test_a_surname_before_a_real_title_is_not_a_repeat() -> None:
    note = parse_note("Dupont, Articles cités dans la presse, Paris, Gallimard, 2005.")
    assert note.kind is not NoteKind.REPEAT
