"""Titles across citation styles and languages: one small note per cue of the model."""

from __future__ import annotations

import pytest

from citeaudit.notes import parse_note


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # quotes, including non-Latin brackets
        ('Ivanov, "Rivers of the North", Nauka, 2001.', "Rivers of the North"),
        (
            "「東京の歴史」、東京都、https://www.metro.tokyo.lg.jp/a 2021年5月3日閲覧。",
            "東京の歴史",
        ),
        ("« Les rivières du Nord », Le Monde, https://lemonde.fr/a", "Les rivières du Nord"),
        ("Schmidt, „Flüsse im Norden“, Die Zeit, 2020.", "Flüsse im Norden"),
        ("정상윤 (2012). 《알기 쉬운 기초통계학》. 형설출판사.", "알기 쉬운 기초통계학"),
        (
            "Moore, D. (1992). 〈Teaching Statistics〉. 《Statistics for the Century》. MAA.",
            "Teaching Statistics",
        ),
        # APA and Harvard: the sentence after the authors and the year
        ("Smith, J. (2020, May 3). Rivers of the north. River Press.", "Rivers of the north"),
        (
            "Somani, S. (2023, 23 Ekim). TCP ve UDP: Farkları anlama. Scaler. https://scaler.com/a",
            "TCP ve UDP: Farkları anlama",
        ),
        (
            "Marx, K. (1867 [originally published 1840]). Das Kapital. Hamburg: Meissner.",
            "Das Kapital",
        ),
        ("<sup>3</sup> Marx, K. (1867). Das Kapital. Hamburg: Meissner.", "Das Kapital"),
        (
            "Support vector machines: The linearly separable case. (z.d.). nlp stanford. https://nlp.stanford.edu/a",
            "Support vector machines: The linearly separable case",
        ),
        # DIN 1505: "Surname, Given: Title. Place Year."
        (
            "Weber, K.: Geräte der Jungsteinzeit am Niederrhein. Köln 2001.",
            "Geräte der Jungsteinzeit am Niederrhein",
        ),
        (
            "Paar, Christof ; Pelzl, Jan: Kryptografie verständlich : Ein Lehrbuch. "
            "Berlin : Springer, 2016",
            "Kryptografie verständlich : Ein Lehrbuch",
        ),
        # GOST: after "Surname I. I.", before " // " or a medium designator
        ("Иванов И. И. Очерки истории. М.: Наука, 2001. 300 с.", "Очерки истории"),
        (
            "xattr(7) — Linux manual page // Linux man-pages project URL: https://man7.org/x "
            "(дата обращения: 30.09.2022).",
            "xattr(7) — Linux manual page",
        ),
        (
            "Оформление списка литературы [Электронный ресурс]. – URL: https://workproekt.ru/a "
            "(дата обращения: 31.05.2022).",
            "Оформление списка литературы",
        ),
        # Vancouver, MLA / Chicago bibliography / ISO 690, ABNT capitals
        (
            "Smith AB, Jones CD. Heart failure in the young. Lancet. 2001;357:100-5.",
            "Heart failure in the young",
        ),
        ("King, Stephen. On Writing. New York: Scribner, 2003.", "On Writing"),
        (
            "DEVMEDIA. Stored Procedures no MySQL. Disponível em: https://www.devmedia.com.br/a. "
            "Acesso em: 21 abr. 2026.",
            "Stored Procedures no MySQL",
        ),
        # Chicago notes and title-first notes
        (
            "Halil İnalcık, Devlet-i Âliyye, Türkiye İş Bankası Yayınları, İstanbul, 2015, s. 25.",
            "Devlet-i Âliyye",
        ),
        ("Faustkeile, Museumsführer Frühgeschichte, 2016.", "Faustkeile"),
        ("ESP-Prog, Espressif, https://docs.espressif.com/esp-prog", "ESP-Prog"),
        (
            "Transparency Report, Google, https://www.google.com/transparencyreport/",
            "Transparency Report",
        ),
    ],
)
def test_title_by_style(raw, title):
    assert parse_note(raw).title == title


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            "Hadrian's Wall | Facts & History | Some Encyclopaedia. https://enc.example/hadrians-wall",
            "Hadrian's Wall",
        ),
        (
            "Prompt Basics – Midjourney, consulté le mai 5, 2025, https://docs.midjourney.com/a",
            "Prompt Basics",
        ),
        (
            "Dialect Conversion \\- MLIR \\- LLVM, Zugriff am August 22, 2025, https://mlir.llvm.org/docs/x/",
            "Dialect Conversion",
        ),
        ("Hevy — Shareables: https://www.hevyapp.com/features/shareable/", "Shareables"),
        # a dash inside a title stays when the words after it are not the site
        (
            "Guia de Git - O que é um commit. https://www.youtube.com/watch?v=1",
            "Guia de Git - O que é um commit",
        ),
        (
            "Adrian Michalczyk, Kompendium haseł – atak i obrona, Sekurak.pl, https://sekurak.pl/kompendium-hasel-atak-i-obrona/",
            "Kompendium haseł – atak i obrona",
        ),
    ],
)
def test_site_names_are_stripped_only_when_they_name_the_site(raw, title):
    assert parse_note(raw).title == title


@pytest.mark.parametrize(
    "raw",
    [
        'The term "hapax" means a word that occurs only once in a corpus, as explained by many.',
        "なお、Rubyの演算子は、JavaScriptでのような「厳密に等しい」という意味ではない。",
        "- https://ai.google.dev/pricing (erişim tarihi: 2026-05-14)",
        "[9] This paragraph draws on interviews the author held in Seoul.",
        "See the discussion above, which also covers the later years of the dispute in detail.",
    ],
)
def test_no_cue_gives_no_title(raw):
    assert parse_note(raw).title is None


def test_a_quoted_gloss_in_brackets_is_not_the_title():
    note = parse_note(
        'Design of CUPS Filtering — including Mac OS X ("Jaguar"). LinuxPrinting.org. '
        "Retrieved January 5, 2005."
    )
    assert note.title == 'Design of CUPS Filtering — including Mac OS X ("Jaguar")'


def test_markdown_link_text_is_the_title_and_its_tooltip_is_not():
    note = parse_note(
        "[switch(C\\#リファレンス)](http://msdn.microsoft.com/a.aspx)、"
        '[MSDN](https://ja.wikipedia.org/wiki/MSDN "wikilink")'
    )
    assert note.title == "switch(C#リファレンス)"


def test_a_quote_inside_link_text_belongs_to_the_linked_title():
    note = parse_note(
        "[“Vista風”を実現したOS「ReactOS 0.4.6」 - PC Watch](https://pc.watch.impress.co.jp/docs/news/1.html)、2018年9月25日閲覧。"
    )
    assert note.title == "“Vista風”を実現したOS「ReactOS 0.4.6」"


def test_rest_link_text_is_the_title():
    note = parse_note("See `Rivers of the North <https://example.org/rivers>`_ for the maps.")
    assert note.title == "Rivers of the North"
    assert note.urls == ("https://example.org/rivers",)


def test_raw_markup_never_comes_back_as_the_title():
    for raw in (
        "[Rivers](https://example.org/r)",
        "`Rivers <https://example.org/r>`_",
        "*Rivers of the North*",
    ):
        title = parse_note(raw).title
        assert title is not None and not any(c in title for c in "[]()<>`*")


@pytest.mark.parametrize(
    ("html", "title", "publisher"),
    [
        ("Author, <i>Rivers of the North</i>, Nauka, 2001.", "Rivers of the North", None),
        ("“Article”, <i>The Paper</i>, 2001.", "Article", "The Paper"),
        ("<cite>Rivers of the North</cite>, 2001.", "Rivers of the North", None),
        (
            '<cite class="citation news"><a class="external text" href="http://x.kr/a">'
            '“명저 새로 읽기 "우연을 길들이다"”</a>. 경향신문. 2013년 1월 18일.</cite>',
            '명저 새로 읽기 "우연을 길들이다"',
            "경향신문",
        ),
        (
            '<a class="external text" href="http://www.stats.ox.ac.uk/x.pdf">'
            "Exegeses on Linear Models</a>",
            "Exegeses on Linear Models",
            None,
        ),
    ],
)
def test_titles_marked_only_by_html(html, title, publisher):
    import re

    raw = re.sub(r"<[^>]+>", "", html)
    note = parse_note(raw, html=html)
    assert note.title == title
    if publisher is not None:
        assert note.publisher == publisher


def test_apa_italics_after_the_title_name_the_journal():
    note = parse_note(
        "Svensson, P. (2009). Humanities Computing as Digital Humanities. "
        "*Digital Humanities Quarterly 3(3)*."
    )
    assert note.title == "Humanities Computing as Digital Humanities"
    assert note.publisher == "Digital Humanities Quarterly"


# Cues that hold across styles (notes2): each note below is made up to show one cue.


def test_reversed_guillemets_mark_the_title_in_german_print():
    note = parse_note("Kramer, Ute 2019. »Wege durch das Moor«, in Heimatblätter 4, S. 10–12.")
    assert note.title == "Wege durch das Moor"


def test_ascii_single_quotes_mark_a_title_but_an_apostrophe_does_not():
    assert parse_note(
        "DOE. 2021. 'Reading Old Maps'. [En ligne]: https://maps.example/read"
    ).title == ("Reading Old Maps")
    assert (
        parse_note("Rego's Guide to Maps, Map Press, 2004.").title
        != "s Guide to Maps, Map Press, 2004"
    )


def test_a_quote_inside_a_bracketed_remark_is_not_the_title():
    note = parse_note(
        'Shop — *Lamp Prices* (cheap, "Basic" plan only) — https://shop.example/lamps'
    )
    assert note.title == "Lamp Prices"


def test_gost_authors_then_title_up_to_the_container_mark():
    note = parse_note(
        "Орлова Е.К., Лебедев С.С. О модели роста А.Н. Петрова // Вестник науки. 2015. № 2."
    )
    assert note.title == "О модели роста А.Н. Петрова"


def test_a_quote_in_the_container_after_the_slashes_is_not_the_title():
    note = parse_note(
        "Лебедев С.С. Анализ потоков газа // Вестник МГТУ. Серия «Естественные науки». – 2018."
    )
    assert note.title == "Анализ потоков газа"


def test_authors_set_in_italics_are_names_not_the_title():
    note = parse_note("_Орлова Е.К., Лебедев С.С._ Библиотека форм // Вестник науки, 2009, № 4")
    assert note.title == "Библиотека форм"


def test_author_list_closed_by_a_bare_year_then_the_title_sentence():
    note = parse_note("Brand, Ola S.; Vik, Nina 2021. Harbour walls. Second edition. Oslo: Fjord.")
    assert note.title == "Harbour walls"


def test_the_title_ends_where_the_imprint_begins():
    note = parse_note("Demir, Ali Rıza. Kervan Yolları, Deniz Yayınları, İzmir, 2012.")
    assert note.title == "Kervan Yolları"


def test_a_sentence_between_authors_and_emphasis_is_the_title_and_the_emphasis_its_container():
    note = parse_note(
        "LIMA, J. K. Notes on river sediment. **Proceedings of the Delta Meeting**, 1971."
    )
    assert note.title == "Notes on river sediment"
    assert note.publisher == "Proceedings of the Delta Meeting"


def test_words_that_introduce_a_url_are_not_a_title():
    note = parse_note(
        "SALT. Tide tables. Disponível em: <https://salt.example/tides>. Acesso em: 3 maio 2024."
    )
    assert note.title != "Disponível em: <"


def test_publisher_and_year_in_brackets_are_a_chicago_imprint_not_an_apa_date():
    note = parse_note("Ana Vidal, Salt Roads of the North, (Harbour Press, 2011), p. 40.")
    assert note.title == "Salt Roads of the North"
    assert note.authors == ("Ana Vidal",)


def test_a_signal_word_before_the_citation_is_not_part_of_the_names():
    note = parse_note("See K. L. Berg, Tide Mills, Coastal Working Paper No. 7, 2019.")
    assert note.title == "Tide Mills"
    assert note.authors == ("K. L. Berg",)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("*Moby Dick*, Harper, 1851.", "Moby Dick"),
        ("*Don Quixote*. Madrid: Juan de la Cuesta, 1605.", "Don Quixote"),
        ("_Le Petit Prince_, Gallimard, 1943.", "Le Petit Prince"),
    ],
)
def test_a_title_in_italics_at_the_start_stays_the_title_even_when_it_reads_like_a_name(
    raw, expected
):
    assert parse_note(raw).title == expected


def test_a_quoted_title_in_an_author_date_bracket_is_still_the_title():
    assert parse_note("Dupont (« Les villes du Nord », 2019), p. 4.").title == (
        "Les villes du Nord"
    )


def test_emphasis_inside_the_sentence_after_the_names_is_not_a_container():
    note = parse_note("Smith, John. Introduction to *Hamlet*, by W. Shakespeare. London, 1990.")
    assert note.title != "Introduction to"


def test_a_first_sentence_ending_in_a_year_without_name_commas_is_the_title():
    note = parse_note(
        "Harbour Traffic Review 2023. Port Authority of Nowhere. https://port.example/r"
    )
    assert note.title == "Harbour Traffic Review 2023"
