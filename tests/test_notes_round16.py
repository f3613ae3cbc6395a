"""Rules from the sixteenth round of real notes: a Japanese ``閲覧:`` access label, a saved
wiki page's own links in a note's markup, a saved page title's ``" _ "`` before the site,
a chapter locator closing an APA title (``…, Capítulo 4``), and a title wrapped onto the
next line after a word no title ends with."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.notes import parse_note
from citeaudit.notes.urls import html_urls


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        # "閲覧" alone, then a colon and the date: the day the page was read.
        (
            "[2] 自宅サーバーの作り方まとめ, https://example.jp/blog/12 , 閲覧: 2019/7/3.",
            dt.date(2019, 7, 3),
        ),
        (
            "[^4]: Example Docs, “Rate limits.” https://docs.example.com/limits "
            "（閲覧：2021-03-09）。上限について。",
            dt.date(2021, 3, 9),
        ),
    ],
)
def test_bare_etsuran_label_reads_the_access_date(raw: str, day: dt.date) -> None:
    assert parse_note(raw).access_date == day


def test_etsuran_without_a_date_after_it_is_no_label() -> None:
    # "閲覧" as a word of the text, no colon and date after it: nothing is read as accessed.
    note = parse_note("[1] 閲覧数を増やす方法, https://example.jp/a/1 (2020年4月1日)")
    assert note.access_date is None


WIKI = "https://es.wikipedia.org/wiki/Pintura_rupestre"


def test_saved_wiki_backlinks_and_identifier_links_are_not_sources() -> None:
    # A page saved whole writes the backlink and the ISBN links with the wiki's address.
    markup = (
        f'<a href="{WIKI}#cite_ref-libro_3-0">Volver arriba&uarr;</a>&nbsp;'
        '<a href="http://example.org/cuevas.pdf"><em>Cuevas del norte</em></a>&nbsp;(PDF), '
        'Museo Regional, 2001, <a href="https://es.wikipedia.org/wiki/ISBN">ISBN</a>&nbsp;'
        '<a href="https://es.wikipedia.org/wiki/Especial:FuentesDeLibros/84-7654-321-0">'
        "84-7654-321-0</a>, "
        '<a href="https://web.archive.org/web/2012/http://example.org/cuevas.pdf">archivado</a>'
    )
    assert html_urls(markup) == [
        "http://example.org/cuevas.pdf",
        "https://web.archive.org/web/2012/http://example.org/cuevas.pdf",
    ]
    markup = f'<a href="{WIKI}#cite_note-7">[7]</a> <a href="http://example.org/x">«X»</a>'
    assert html_urls(markup) == ["http://example.org/x"]


def test_a_wiki_article_cited_as_a_source_keeps_its_link() -> None:
    markup = f'«Pintura rupestre». <a href="{WIKI}">Pintura rupestre</a>. Wikipedia.'
    assert html_urls(markup) == [WIKI]


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # A saved page's title: the file name's "_" stands where the title had "|".
        (
            "[Install Node _ Node.js](https://nodejs.org/en/download) (ang.). [dostęp 2019-01-02].",
            "Install Node",
        ),
        # Not a site after it: the "_" is kept with the title.
        (
            "[Tabs _ spaces in shell scripts](https://example.org/notes/tabs) (ang.).",
            "Tabs _ spaces in shell scripts",
        ),
        # APA's title, then the chapter the note points to.
        (
            "- Pérez, Ana. (2015). Guía de diseño de formularios, Capítulo 4. Editorial Norte.",
            "Guía de diseño de formularios",
        ),
        ("Lee, K. (2010). Building Web Forms, chapter 3. Example Press.", "Building Web Forms"),
    ],
)
def test_round16_titles(raw: str, title: str) -> None:
    assert parse_note(raw).title == title


def test_a_chapter_named_inside_the_title_stays() -> None:
    # No comma before it: the number is part of the book's name.
    raw = "Ortiz, L. (2019). Chapter 11 Bankruptcy Explained. Example Press."
    assert parse_note(raw).title == "Chapter 11 Bankruptcy Explained"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # The list item wraps inside the title, right after "and" / "y": the indented line
        # carries it on.
        (
            "-  Ruiz, Eva. (2014). Patrones de navegación y\n   menús móviles. Editorial Sur.",
            "Patrones de navegación y menús móviles",
        ),
        (
            "-  Lee, Kim. (2012). Building Mobile Forms: Inputs and\n"
            "   Validation Rules. Example Press.",
            "Building Mobile Forms: Inputs and Validation Rules",
        ),
    ],
)
def test_a_title_wrapped_after_a_dangling_word_is_read_whole(raw: str, title: str) -> None:
    assert parse_note(raw).title == title


def test_a_wrap_after_a_full_word_still_ends_the_title() -> None:
    # "Interfaces" can end a title: the line after it is not read into it.
    raw = "-  Lee, K. (2012). Designing Interfaces\n   Second printing. Example Press."
    assert parse_note(raw).title != "Designing Interfaces Second printing"


def test_a_text_url_running_into_the_words_after_its_link_ends_where_the_link_does():
    # Japanese writes no space after a link: the markup says where the address ends.
    raw = "Workers KV の制限は https://developers.example.com/kv/limits/を参照"
    html = ('Workers KV の制限は <a href="https://developers.example.com/kv/limits/">'
            "https://developers.example.com/kv/limits/</a>を参照")
    assert parse_note(raw, html=html).urls == ("https://developers.example.com/kv/limits/",)


def test_a_text_url_going_on_past_its_link_with_a_path_is_kept():
    raw = "See https://example.org/a/index.html"
    html = 'See <a href="https://example.org/a/">https://example.org/a/index.html</a>'
    assert parse_note(raw, html=html).urls == (
        "https://example.org/a/index.html", "https://example.org/a/")
