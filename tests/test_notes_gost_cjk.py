"""Titles in GOST/DSTU descriptions, GB/T 7714 lists and Korean/Japanese entries, and
the access dates of South Slavic, Ukrainian, Vietnamese and CJK notes."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit import dates
from citeaudit.notes import parse_note
from citeaudit.notes.cjk import gbt_title_span, paged_note_span, slash_entry_span
from citeaudit.notes.gost import title_span


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # The statement of responsibility after " / " is not the title.
        (
            "Андерсон, Дэвид. Канбан: альтернативный путь в Agile / Дэвид Андерсон ; "
            "пер. с англ. А. Петрова. – Москва : Манн, 2017. – 331 с.",
            "Канбан: альтернативный путь в Agile",
        ),
        (
            "Hendrycks D. A Baseline for Detecting Misclassified Examples / D. Hendrycks, "
            "K. Gimpel // International Conference on Learning Representations. – 2017.",
            "A Baseline for Detecting Misclassified Examples",
        ),
        # No heading: the title opens the note, and " : " starts the other title info.
        (
            "Информационные технологии : учебник для вузов / В. В. Трофимов. – Москва : "
            "Юрайт, 2024. – 546 с.",
            "Информационные технологии",
        ),
        (
            "ITIL Foundation: Service Edition / AXELOS. – London : TSO, 2021. – 212 p.",
            "ITIL Foundation: Service Edition",
        ),
        # Several names in the heading.
        (
            "Гонсалес, Р. Ц., Вудс, Р. Е. Цифровая обработка изображений / Р. Ц. Гонсалес, "
            "Р. Е. Вудс. — 3-е изд. — М.: Техносфера, 2012. — 1104 с.",
            "Цифровая обработка изображений",
        ),
    ],
)
def test_gost_title_proper_stops_at_the_responsibility_slash(raw: str, title: str) -> None:
    assert parse_note(raw).title == title


def test_gost_heading_with_initials_gives_the_author() -> None:
    note = parse_note(
        "Ставицкий В. В. Неолит лесостепного Посурья / В.В. Ставицкий. – Саратов : "
        "Изд-во Сарат. ун-та, 2003. – 166 с."
    )
    assert note.title == "Неолит лесостепного Посурья"
    assert note.authors == ("Ставицкий В. В.",)


def test_gost_areas_need_both_the_slash_and_the_area_mark() -> None:
    # "Title / Author" with no ". – " area after it is not read as GOST's areas.
    assert title_span("Input / Output in practice, Springer, 2001.", 0) is None
    # A full given name is a heading only when the surname comes again after the slash.
    text = "Иванов, Пётр. Записки / под ред. А. Сидорова. – М. : Наука, 1990."
    start, end, heading = title_span(text, 0)
    assert (text[start:end], heading) == ("Иванов, Пётр. Записки", None)


def test_ukrainian_medium_designator_ends_the_title() -> None:
    note = parse_note(
        "Laravel Documentation [Електронний ресурс]. – Режим доступу: https://laravel.com/docs"
    )
    assert note.title == "Laravel Documentation"


@pytest.mark.parametrize(
    ("raw", "title", "authors"),
    [
        # "Chase H." looks like a GOST heading; the type code says GB/T.
        (
            "[5] Chase H. LangChain[EB/OL]. (2022). https://github.com/langchain-ai/langchain.",
            "LangChain",
            ("Chase H",),
        ),
        (
            "Box G E, Jenkins G M, Reinsel G C, et al. Time series analysis[M]. Wiley, 2015.",
            "Time series analysis",
            ("Box G E", "Jenkins G M", "Reinsel G C"),
        ),
        ("周志华. 机器学习[M]. 北京: 清华大学出版社, 2016.", "机器学习", ("周志华",)),
        # A full stop inside the title after a GB/T name does not move the title's start.
        (
            "Smith J. Deep learning. A review[J]. Nature, 2015, 521: 436-444.",
            "Deep learning. A review",
            ("Smith J",),
        ),
        # The work's year after the title's full stop is not part of the title ...
        (
            "[1] Krizhevsky A, Hinton G. Learning multiple layers of features.(2009)[EB/OL].",
            "Learning multiple layers of features",
            ("Krizhevsky A", "Hinton G"),
        ),
        # ... but a year in the title's own brackets (the edition) is.
        (
            "中国营养学会. 膳食营养素参考摄入量(2023版)[M]. 北京: 科学出版社, 2023.",
            "膳食营养素参考摄入量(2023版)",
            ("中国营养学会",),
        ),
    ],
)
def test_gbt_type_code_closes_the_title(raw: str, title: str, authors: tuple[str, ...]) -> None:
    note = parse_note(raw)
    assert (note.title, note.authors) == (title, authors)


def test_gbt_dotted_initials_stay_in_the_names() -> None:
    text = "Kelly, T. F. Atom probe tomography[J]"
    start, end, authors = gbt_title_span(text, 0, text.index("["))
    assert (text[start:end], authors) == ("Atom probe tomography", ("Kelly, T. F.",))
    text = "Devlin J. et al. BERT: Pre-training of transformers[C]"
    start, end, _ = gbt_title_span(text, 0, text.index("["))
    assert text[start:end] == "BERT: Pre-training of transformers"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (
            "* Head First Design Patterns / 에릭 프리먼 등저 / 서환수 역 / 한빛미디어 / 2017년",
            "Head First Design Patterns",
        ),
        (
            "* 이펙티브 자바 3/E / 조슈아 블로크 저/개앞맵시 역 / 인사이트 / 2018년 11월 21일",
            "이펙티브 자바 3/E",
        ),
        ("入門 Python / 山田太郎 著 / 鈴木花子 訳 / 技術評論社 / 2020", "入門 Python"),
    ],
)
def test_slash_separated_entry_title_comes_first(raw: str, title: str) -> None:
    assert parse_note(raw).title == title


def test_slash_entry_needs_a_role_word() -> None:
    # Three slashed parts without a person's role are not such an entry.
    assert slash_entry_span("Input / Output / Storage", 0) is None


def test_short_note_with_a_cjk_page_gives_the_sentence_before_it() -> None:
    assert parse_note("[^head]: Head First Design Patterns. 75쪽.").title == (
        "Head First Design Patterns"
    )
    assert paged_note_span("Design Patterns. 12頁", 0) == (0, len("Design Patterns"))
    assert paged_note_span("Design Patterns. Addison-Wesley.", 0) is None


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("Foo. URL: https://a.example/c [Pristupljeno: 14. siječnja 2025.]", dt.date(2025, 1, 14)),
        ("Foo, https://a.example/c, pristupljeno 17. ožujka 2017.", dt.date(2017, 3, 17)),
        # Croatian "listopad" is October (in Polish and Czech it is November).
        ("Foo, https://a.example/c (pristupljeno 17. listopada 2020.)", dt.date(2020, 10, 17)),
    ],
)
def test_croatian_access_label_and_month_names(raw: str, day: dt.date) -> None:
    assert parse_note(raw).access_date == day


def test_serbian_access_label_in_both_scripts_and_the_spaced_dotted_date() -> None:
    days = [
        parse_note(raw).access_date
        for raw in (
            "Фоо. https://a.example/c. Приступљено 5. марта 2020.",
            "Foo. https://a.example/c. Pristupljeno 5. juna 2020.",
            "Foo https://a.example/c (pristupljeno 29. 9. 2026).",
        )
    ]
    assert days == [dt.date(2020, 3, 5), dt.date(2020, 6, 5), dt.date(2026, 9, 29)]


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        ("(дата доступу: 12.03.2021)", "2021-03-12"),  # Ukrainian
        ("Ngày truy cập: 15/09/2026", "2026-09-15"),  # Vietnamese
        ("(最終閲覧日:2023/09/14)", "2023-09-14"),  # Japanese, the label ending in a letter
        ("(檢索日期：2026年5月31日)", "2026-05-31"),  # traditional Chinese
        ("검색일자: 2021.05.03", "2021-05-03"),  # Korean
    ],
)
def test_access_labels_of_more_languages(phrase: str, iso: str) -> None:
    assert parse_note(f"Foo. https://a.example/c {phrase}").access_date == dt.date.fromisoformat(
        iso
    )


def test_gbt_page_with_no_date_of_its_own_gives_the_cited_date() -> None:
    note = parse_note("Foo[EB/OL]. [2023-12-01]. https://a.example/c.")
    assert note.access_date == dt.date(2023, 12, 1)


def test_gbt_cited_date_keeps_the_type_code_for_the_title() -> None:
    note = parse_note("Acme. Widget Docs[EB/OL]. (2024-06-20)[2026-07-17]. https://docs.acme.io.")
    assert (note.title, note.access_date) == ("Widget Docs", dt.date(2026, 7, 17))


def test_south_slavic_month_names_and_spaced_dotted_dates() -> None:
    found = dates.find_dates("od 5. septembra 2020. do 21. августа 2026. i 5. 12. 2019.")
    assert [d.date for d in found] == [
        dt.date(2020, 9, 5),
        dt.date(2026, 8, 21),
        dt.date(2019, 12, 5),
    ]
    assert dates.month_in("listopada", "hr") == 10
    # An abbreviation has no genitive of its own ("mar" → no "mara").
    assert dates.find_dates("5. mara 2020") == []


def test_markdown_reference_link_text_is_the_title() -> None:
    assert parse_note("* [Class Observable][observable]").title == "Class Observable"
    # GB/T's type tags next to a bracket are no reference link.
    assert parse_note("Nakamoto S. Bitcoin[EB/OL][1]").title != "EB/OL"


def test_link_text_opening_with_a_bracketed_tag_is_not_a_label() -> None:
    note = parse_note(
        "[[Docker] SpringBoot와 PostgreSQL 설정하기](https://earth-95.tistory.com/135)"
    )
    assert note.title == "[Docker] SpringBoot와 PostgreSQL 설정하기"
    assert note.urls == ("https://earth-95.tistory.com/135",)


def test_markdown_link_target_keeps_cjk_punctuation() -> None:
    url = "https://www.lowcost-print.com/column/【出版社別】新書サイズまとめ｜家にある新書を/"
    note = parse_note(f"- [{url}]({url}), 参照日2024-09-16")
    assert note.urls == (url,)
    assert note.title is None  # the link's text is only its address
    assert note.access_date == dt.date(2024, 9, 16)
    # A bare URL still stops at the bracket that follows it in Chinese text.
    assert parse_note("见 https://example.cn/a【注】").urls == ("https://example.cn/a",)


@pytest.mark.parametrize(
    ("raw", "title", "authors"),
    [
        # Full-width stops, and stops set tight after a CJK character or a lone initial.
        (
            "[1] 张三．人工智能技术发展概述[J]．计算机学报，2020，43(1)：1-10．",
            "人工智能技术发展概述",
            ("张三",),
        ),
        (
            "[3]李四,王五,赵六,等.大数据系统架构研究[J].计算机学报,2011,34(10):1741-1752.",
            "大数据系统架构研究",
            ("李四", "王五", "赵六"),
        ),
        (
            "[4]Smith J.Deep models for tables[J].Nature,2015,521:436-444.",
            "Deep models for tables",
            ("Smith J",),
        ),
        # "Vue.js" keeps its stop.
        ("Evan You. Vue.js[EB/OL]. https://vuejs.org.", "Vue.js", ("Evan You",)),
    ],
)
def test_gbt_as_chinese_typesetting_writes_it(
    raw: str, title: str, authors: tuple[str, ...]
) -> None:
    note = parse_note(raw)
    assert (note.title, note.authors) == (title, authors)


def test_cjk_author_lists_split_at_their_own_commas() -> None:
    assert parse_note("[8] 张三，李四. 某某研究[J]. 学报, 2020.").authors == ("张三", "李四")
    assert parse_note("鲁迅：《狂人日记》，《新青年》1918年第4卷第5号。").authors == ("鲁迅",)


def test_quote_inside_a_gost_title_is_part_of_it() -> None:
    note = parse_note(
        "Методические указания для направления 09.03.03 «Прикладная информатика» / "
        "Уральский университет. – Екатеринбург, 2025. – 42 с."
    )
    assert note.title == "Методические указания для направления 09.03.03 «Прикладная информатика»"
    # A quote that opens the title area is the title.
    assert parse_note("Иванов И. И. «Заголовок статьи» / И. И. Иванов. – М., 2020.").title == (
        "Заголовок статьи"
    )


def test_vietnamese_author_year_comma_fields_give_the_first_as_title() -> None:
    note = parse_note("Nguyễn Văn A (2020), Giáo trình kinh tế học, NXB Giáo dục, Hà Nội.")
    assert (note.title, note.authors) == ("Giáo trình kinh tế học", ("Nguyễn Văn A",))
    # APA's full stop after the year keeps the whole sentence, commas and all.
    note = parse_note("Smith, J. (2020). Rivers, lakes and seas. Oxford University Press.")
    assert note.title == "Rivers, lakes and seas"


def test_a_bare_number_before_edition_is_part_of_a_name() -> None:
    note = parse_note("ITIL 4 Foundation: ITIL 4 Edition / AXELOS. – London : TSO, 2021. – 212 p.")
    assert note.title == "ITIL 4 Foundation: ITIL 4 Edition"
    # With its ordinal the edition is still no part of the title.
    assert parse_note("Лутц М. Изучаем Python, 5-е изд. — СПб.: Питер, 2019.").title == (
        "Изучаем Python"
    )
