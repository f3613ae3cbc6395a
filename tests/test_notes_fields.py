"""parse_note's newer fields and the per-note defects of issue 13, each on a small note."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.notes import NoteKind, parse_note, resolve_repeats


def test_a_doi_written_as_doi_colon_is_an_identifier_resolved_through_doi_org():
    note = parse_note('Smith, J. (2010). "A study". Journal of X. doi:10.1000/xyz123.')
    assert note.doi == "10.1000/xyz123"
    assert note.urls == ("https://doi.org/10.1000/xyz123",)
    assert note.title == "A study"


def test_a_doi_org_link_is_kept_as_written_and_fills_the_doi():
    note = parse_note("Doe, A. (2001). Things. https://doi.org/10.1000/ABC.9 (accessed 3 May 2021)")
    assert note.urls == ("https://doi.org/10.1000/ABC.9",)
    assert note.doi == "10.1000/ABC.9"


def test_pubmed_pmc_and_arxiv_links_are_kept_and_their_ids_read():
    note = parse_note(
        "Hotez P. Vaccines. Nature. 2020. PMID 12345678. "
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7654321/ https://arxiv.org/abs/2101.00001"
    )
    assert note.urls == (
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7654321/",
        "https://arxiv.org/abs/2101.00001",
    )
    assert (note.pmid, note.arxiv) == ("12345678", "2101.00001")


def test_an_html_note_keeps_wikipedia_identifier_links():
    html = (
        '<cite>Doe, J. (2001). "Title". <i>Journal</i>. '
        '<a href="https://doi.org/10.1000%2Fx1">doi</a>:'
        '<a href="https://doi.org/10.1000/x1">10.1000/x1</a>. '
        'PMID <a href="https://pubmed.ncbi.nlm.nih.gov/123">123</a>. '
        'PMC <a href="//www.ncbi.nlm.nih.gov/pmc/articles/PMC9">9</a>.</cite>'
    )
    note = parse_note(
        'Doe, J. (2001). "Title". Journal. doi:10.1000/x1. PMID 123. PMC 9.', html=html
    )
    assert [u for u in note.urls if "doi.org" in u] == ["https://doi.org/10.1000%2Fx1"]  # once
    assert "https://pubmed.ncbi.nlm.nih.gov/123" in note.urls
    assert "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC9" in note.urls
    assert not any(u.startswith("doi:") for u in note.urls)
    assert (note.doi, note.pmid, note.title, note.publisher) == (
        "10.1000/x1",
        "123",
        "Title",
        "Journal",
    )


def test_isbn_and_arxiv_identifiers_are_fields():
    book = parse_note("Orwell, G. Animal Farm. London: Penguin, 2008. ISBN 978-0-14-103613-7.")
    assert book.isbn == "9780141036137"
    assert book.kind is NoteKind.BOOK
    assert (book.title, book.publisher, book.authors) == ("Animal Farm", "Penguin", ("Orwell, G.",))
    paper = parse_note("Vaswani, A. (2017). Attention is all you need. arXiv:1706.03762v5.")
    assert paper.arxiv == "1706.03762v5" and paper.urls == ()


def test_a_url_with_spaces_before_a_file_name_is_one_url():
    note = parse_note(
        "Bericht, https://example.org/files/Annual Report 2020.pdf, abgerufen am 3. Mai 2021."
    )
    assert note.urls == ("https://example.org/files/Annual%20Report%202020.pdf",)
    assert note.access_date == dt.date(2021, 5, 3)


def test_a_url_followed_by_words_is_not_stretched():
    note = parse_note("See https://example.org/files/ and the report of 2020.pdf-less notes.")
    assert note.urls == ("https://example.org/files/",)


def test_an_angle_bracketed_url_keeps_its_spaces():
    assert parse_note("Report <https://example.org/a b/c>").urls == ("https://example.org/a%20b/c",)


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ('"Başlık", Site, https://x.com/a (E.T.: 12.03.2021).', dt.date(2021, 3, 12)),
        (
            "« Titre », Le Monde, https://lemonde.fr/a, consulté le 12 avril et 3 mai 2019.",
            dt.date(2019, 4, 12),
        ),
        ("“Title”, https://x.org/a, accessed April 12 and May 3, 2019.", dt.date(2019, 4, 12)),
        ("« Titre », https://x.fr/a, consulté les 12 et 14 avril 2019.", dt.date(2019, 4, 12)),
        (
            "「東京の歴史」、東京都、https://www.metro.tokyo.lg.jp/a 2021年5月3日閲覧。",
            dt.date(2021, 5, 3),
        ),
        ("《北京历史》，https://baike.baidu.com/item/x [引用日期2021-05-03]", dt.date(2021, 5, 3)),
        (
            '"عنوان المقال". الجزيرة. https://aljazeera.net/a. تاريخ الوصول 3 مايو 2021.',
            dt.date(2021, 5, 3),
        ),
        ("“عنوان”. https://x.net/a. اطلع عليه بتاريخ ٣ مايو ٢٠٢١.", dt.date(2021, 5, 3)),
        ('"제목". 조선일보. https://chosun.com/a. 2021년 5월 3일에 확인함.', dt.date(2021, 5, 3)),
    ],
)
def test_access_dates_in_more_languages(raw, day):
    assert parse_note(raw).access_date == day


def test_archived_from_the_original_is_an_archive_date_not_the_published_date():
    note = parse_note(
        '"Old page". Example. 1 May 2000. Archived from the original on 4 October 2002. '
        "Retrieved 5 May 2010. https://example.com/old "
        "https://web.archive.org/web/20021004000000/https://example.com/old"
    )
    assert note.archive_date == dt.date(2002, 10, 4)
    assert note.archive_url == "https://web.archive.org/web/20021004000000/https://example.com/old"
    assert note.published == dt.date(2000, 5, 1)
    assert note.access_date == dt.date(2010, 5, 5)
    assert note.to_dict()["archive_date"] == "2002-10-04"


def test_archive_date_in_turkish_comes_before_its_phrase():
    note = parse_note(
        '"Başlık". Site. 4 Ekim 2002 tarihinde kaynağından arşivlendi. Erişim tarihi: 5 Mayıs 2010.'
    )
    assert (note.archive_date, note.published) == (dt.date(2002, 10, 4), None)
    assert note.access_date == dt.date(2010, 5, 5)


def test_a_snapshot_url_alone_gives_the_archive_date():
    note = parse_note("“Page”, https://web.archive.org/web/20150102030405/http://x.org/")
    assert note.archive_date == dt.date(2015, 1, 2)


def test_short_forms_repeat_the_full_citation_they_shorten():
    notes = resolve_repeats(
        [
            parse_note("King, Stephen. On Writing. New York: Scribner, 2003.", "1"),
            parse_note('Weinard, Anna. "Data as Medium." Journal of Media, 2019.', "2"),
            parse_note("King 2003, p. 41.", "3"),
            parse_note('Weinard, "Data as Medium."', "4"),
            parse_note("Lee 1999, p. 2.", "5"),
        ]
    )
    assert [(n.kind, n.ibid_of) for n in notes[2:]] == [
        (NoteKind.REPEAT, "1"),
        (NoteKind.REPEAT, "2"),
        (NoteKind.BOOK, None),
    ]


def test_a_short_form_with_the_wrong_year_is_not_tied():
    notes = resolve_repeats(
        [
            parse_note("King, Stephen. On Writing. New York: Scribner, 2003.", "1"),
            parse_note("King 1990, 4.", "2"),
        ]
    )
    assert notes[1].ibid_of is None


def test_gb_t_7714_cited_date_in_brackets_after_the_published_date():
    note = parse_note(
        "[2] 李四. 城市河流治理报告[EB/OL]. (2022-03-10)[2024-05-06]. https://example.org/r."
    )
    assert note.title == "城市河流治理报告"
    assert (note.published, note.access_date) == (dt.date(2022, 3, 10), dt.date(2024, 5, 6))
    book = parse_note("[3] Smith J A, Lee K. River models and floods[M]. River Press, 2015.")
    assert book.title == "River models and floods"
