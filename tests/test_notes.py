"""parse_note and resolve_repeats on notes as articles print them."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from citeaudit.notes import Note, NoteKind, parse_note, resolve_repeats

ACCESS = dt.date(2024, 6, 28)


@pytest.fixture
def ankasam_notes(data_dir):
    """The five notes at the bottom of the ANKASAM article, as printed."""
    text = (data_dir / "ankasam.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if re.match(r"^\[\d\] ", line)]
    assert len(lines) == 5
    return resolve_repeats([parse_note(line) for line in lines])


def test_ankasam_note_1_every_field(ankasam_notes):
    note = ankasam_notes[0]
    assert note.label == "1"
    assert note.kind is NoteKind.WEB
    assert note.title == "Pyongyang Says It Will Send Troops to Ukraine Within a Month"
    assert note.publisher == "Kyivpost"
    assert note.authors == ()
    assert note.urls == ("https://www.kyivpost.com/post/34893",)
    assert note.access_date == ACCESS
    assert note.access_date_raw == "28.06.2024"
    assert note.access_date_ambiguous is False
    assert note.published is None and note.locator is None and note.ibid_of is None


def test_ankasam_note_2_keeps_inner_quotes_of_a_turkish_title(ankasam_notes):
    note = ankasam_notes[1]
    assert note.title == (
        "Yakın ‘dostu’ Rusya’nın yardımına koştu… ‘Yeni dünya savaşı’ uyarısı yapmışlardı… "
        "Ukrayna’ya asker yollayacaklar!"
    )
    assert note.publisher == "Hürriyet"
    assert note.urls == (
        "https://www.hurriyet.com.tr/dunya/yakin-dostu-rusyanin-yardimina-kostu-yeni-dunya-savasi-"
        "uyarisi-yapmislardi-ukraynaya-asker-yollayacaklar-42482022",
    )
    assert note.access_date == ACCESS


def test_ankasam_note_3_is_ibid_of_note_2(ankasam_notes):
    note = ankasam_notes[2]
    assert note.kind is NoteKind.REPEAT
    assert note.ibid_of == "2"
    assert note.urls == () and note.title is None


def test_ankasam_note_4_title_with_a_comma_inside_single_quotes(ankasam_notes):
    note = ankasam_notes[3]
    assert note.title == "Putin would use North Korean troops as ‘cannon fodder,’ US claims"
    assert note.publisher == "Politico"
    assert note.urls == (
        "https://www.politico.eu/article/vladimir-putin-would-use-north-korean-troops-cannon-fodder-us-says/",
    )
    assert note.access_date == ACCESS


def test_ankasam_note_5_url_keeps_its_trailing_hash_as_written(ankasam_notes):
    note = ankasam_notes[4]
    assert (
        note.title
        == "North Korea risks WW3 as it sends ‘cannon fodder’ troops to fight for Putin in Ukraine"
    )
    assert note.publisher == "Mirror"
    assert note.urls == (
        "https://www.mirror.co.uk/news/world-news/north-korea-risks-ww3-sends-33112796#",
    )
    assert note.access_date == ACCESS


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("[1] Text, https://a.example/x", "1"),
        ("1. Text, https://a.example/x", "1"),
        ("1) Text, https://a.example/x", "1"),
        ("^1 Text, https://a.example/x", "1"),
        ("[^note-a]: Text, https://a.example/x", "note-a"),
        (".. [#sekurak] Text, https://a.example/x", "sekurak"),
    ],
)
def test_each_label_style_is_stripped_and_used(raw, label):
    note = parse_note(raw)
    assert note.label == label
    assert note.urls == ("https://a.example/x",)
    assert note.raw == raw


def test_a_given_label_wins_and_a_different_leading_number_stays_content():
    note = parse_note("2022. Annual report, https://a.example/r", "7")
    assert note.label == "7"
    assert parse_note("[7] Text", "7").label == "7"


def _multilingual_cases():
    from pathlib import Path

    path = Path(__file__).parent / "data" / "notes" / "languages.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [pytest.param(row, id=f"{row['lang']}-{i}") for i, row in enumerate(rows)]


@pytest.mark.parametrize("case", _multilingual_cases())
def test_notes_in_many_languages(case):
    note = parse_note(case["raw"])
    assert list(note.urls) == case["urls"]
    assert note.access_date == dt.date.fromisoformat(case["access_date"])
    assert note.kind is NoteKind.WEB
    for field in ("title", "publisher"):
        if field in case:
            assert getattr(note, field) == case[field]
    if "published" in case:
        assert note.published == dt.date.fromisoformat(case["published"])


@pytest.mark.parametrize(
    ("raw", "urls"),
    [
        (
            "See https://en.wikipedia.org/wiki/Foo_(bar).",
            ["https://en.wikipedia.org/wiki/Foo_(bar)"],
        ),
        ("(see https://example.org/page)", ["https://example.org/page"]),
        (
            "At https://example.org/a, https://example.org/b; and https://example.org/c.",
            ["https://example.org/a", "https://example.org/b", "https://example.org/c"],
        ),
        (
            "“T”, https://example.org/x?id=1&p=2#sec, accessed 2024-06-28",
            ["https://example.org/x?id=1&p=2#sec"],
        ),
        ("Link: <https://example.org/auto>.", ["https://example.org/auto"]),
        (
            "[Report](https://example.org/report_(final).pdf).",
            ["https://example.org/report_(final).pdf"],
        ),
        (
            "https://example.org/some\\_file\\_name\\#top",
            ["https://example.org/some_file_name#top"],
        ),
        ("Available at www.legalbank.com/doc, 2011.", ["http://www.legalbank.com/doc"]),
        # "www" inside a host's first label is no bare www. address of its own
        (
            "vsis-www.uni.example o. V. (o. J.) https://vsis-www.uni.example/folien/01.pdf",
            ["https://vsis-www.uni.example/folien/01.pdf"],
        ),
        ("doi:10.1017/s0021932006001337.", ["https://doi.org/10.1017/s0021932006001337"]),
        ("https://doi.org/10.1000/xyz123.", ["https://doi.org/10.1000/xyz123"]),
        ("“Title”, https://example.org/a, https://example.org/a", ["https://example.org/a"]),
    ],
)
def test_urls_are_exact(raw, urls):
    assert list(parse_note(raw).urls) == urls


def test_a_url_wrapped_across_lines_is_rejoined():
    raw = (
        "Intel, Disponible sur :\nhttps://linux.developpez.com/actu/364738/Intel-detecte-une-amelioration-des-\n"
        "performances-de-3888-9-pourcent/\n(consulté le 10.01.2025)."
    )
    note = parse_note(raw)
    assert note.urls == (
        "https://linux.developpez.com/actu/364738/Intel-detecte-une-amelioration-des-performances-de-3888-9-pourcent/",
    )
    assert note.access_date == dt.date(2025, 1, 10)


def test_a_url_followed_by_a_word_on_the_next_line_is_not_joined():
    note = parse_note("https://example.org/page\nRetrieved 28 June 2024.")
    assert note.urls == ("https://example.org/page",)
    assert note.access_date == ACCESS


def test_markdown_link_text_is_the_title_and_escapes_are_undone():
    note = parse_note(
        "1. [No New New: Das Ende von Zeigern in C\\+\\+]"
        "(https://www.heise.de/blog/x-4009347.html) "
        "(abgerufen am 13.06.2022)."
    )
    assert note.title == "No New New: Das Ende von Zeigern in C++"
    assert note.urls == ("https://www.heise.de/blog/x-4009347.html",)
    assert note.access_date == dt.date(2022, 6, 13)


def test_html_supplies_links_and_italic_titles_missing_from_the_text():
    raw = "Ministry of Finance, Budget Outlook 2024, accessed 28 June 2024."
    html = (
        "Ministry of Finance, <i>Budget Outlook 2024</i>, "
        '<a href="https://www.gov.example/budget?a=1&amp;b=2">online</a>, accessed 28 June 2024.'
    )
    note = parse_note(raw, "4", html=html)
    assert note.label == "4"
    assert note.title == "Budget Outlook 2024"
    assert note.urls == ("https://www.gov.example/budget?a=1&b=2",)
    assert note.kind is NoteKind.WEB


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ('"Straight Quotes", Site, https://a.example/x', "Straight Quotes"),
        ("‘Single Curly’, Site, https://a.example/x", "Single Curly"),
        ("«Guillemets», Site, https://a.example/x", "Guillemets"),
        ("„Deutsche Anführung“, Site, https://a.example/x", "Deutsche Anführung"),
        ("Author, *Italic Book Title*, 2019.", "Italic Book Title"),
        (
            "Author, _Underscore Title_, 2019.",
            "Italic Book Title".replace("Italic Book", "Underscore"),
        ),
    ],
)
def test_titles_in_every_quoting_style(raw, title):
    assert parse_note(raw).title == title


@pytest.mark.parametrize(
    ("raw", "authors"),
    [
        (
            "Smith, John and Jane Doe, *The Book of Things* (London: Penguin Press, 2019).",
            ("Smith, John", "Jane Doe"),
        ),
        ('J. Smith, "A Paper", Journal of Things 4 (2020): 5.', ("J. Smith",)),
        ("Иванов И. И. Очерки истории. М.: Наука, 2001. С. 45.", ("Иванов И. И.",)),
        (
            'Mark Erikson, Dan Abramov, "Redux Fundamentals", https://redux.js.org/x',
            ("Mark Erikson", "Dan Abramov"),
        ),
        (
            "Monkman, M. (n.d.). Chapter 8. Retrieved May 27, 2020, from <https://bookdown.org/x>",
            ("Monkman, M.",),
        ),
    ],
)
def test_authors(raw, authors):
    assert parse_note(raw).authors == authors


@pytest.mark.parametrize(
    ("raw", "locator"),
    [
        ("Smith, *Title* (London: Press, 2019), p. 4.", "p. 4"),
        ("Smith, *Title* (London: Press, 2019), pp. 12–14.", "pp. 12–14"),
        ("Müller, *Titel*, Berlin 2001, S. 177.", "S. 177"),
        ("Иванов И. И. Очерки истории. М.: Наука, 2001. с. 45.", "с. 45"),
        ("Yıldız, *Neferin Adı Yok*, İstanbul 2009, s. 12.", "s. 12"),
        ("Convention, *Text*, 1950, para. 3.", "para. 3"),
    ],
)
def test_locators(raw, locator):
    assert parse_note(raw).locator == locator


def test_a_book_note_has_title_publisher_and_no_url():
    note = parse_note(
        "[1] John Smith, *The Cold War in Asia* (London: Penguin Press, 2019), p. 44."
    )
    assert note.kind is NoteKind.BOOK
    assert note.title == "The Cold War in Asia"
    assert note.publisher == "Penguin Press"
    assert note.authors == ("John Smith",)
    assert note.locator == "p. 44"
    assert note.urls == ()


def test_an_explanatory_note_is_only_text():
    note = parse_note("[9] This paragraph draws on interviews the author held in Seoul.")
    assert note.kind is NoteKind.EXPLANATORY
    assert (note.title, note.urls, note.access_date) == (None, (), None)


def test_an_ambiguous_english_access_date_is_flagged_and_kept_raw():
    note = parse_note("“T”, https://a.example/x, accessed 03/04/2024.")
    assert note.access_date == dt.date(2024, 4, 3)
    assert note.access_date_ambiguous is True
    assert note.access_date_raw == "03/04/2024"


def test_a_non_english_access_label_settles_day_month_order():
    note = parse_note("“T”, https://a.example/x, (Erişim Tarihi: 03/04/2024).")
    assert note.access_date == dt.date(2024, 4, 3)
    assert note.access_date_ambiguous is False


def test_us_order_is_recognised_when_the_day_is_over_twelve():
    note = parse_note("“T”, https://a.example/x, Accessed 06/28/2024.")
    assert note.access_date == ACCESS and not note.access_date_ambiguous


def test_a_date_inside_a_url_is_neither_published_nor_accessed():
    note = parse_note("https://example.org/2024-06-19/story")
    assert note.published is None and note.access_date is None


@pytest.fixture
def repeat_notes(data_dir):
    lines = (data_dir / "notes" / "repeats.txt").read_text(encoding="utf-8").splitlines()
    return resolve_repeats([parse_note(line) for line in lines if line.strip()])


def test_repeats_point_at_the_note_they_repeat(repeat_notes):
    by_label = {n.label: n for n in repeat_notes}
    assert [n.kind for n in repeat_notes].count(NoteKind.REPEAT) == 6
    assert by_label["3"].ibid_of == "2"
    assert by_label["4"].ibid_of == "2" and by_label["4"].locator == "p. 5"


def test_op_cit_finds_the_latest_note_by_that_author(repeat_notes):
    by_label = {n.label: n for n in repeat_notes}
    assert by_label["5"].ibid_of == "1"
    assert by_label["5"].locator == "p. 51"


def test_chains_are_followed_to_the_first_real_note(repeat_notes):
    by_label = {n.label: n for n in repeat_notes}
    assert by_label["6"].ibid_of == "1"  # Id. of note 5, which repeats note 1
    assert by_label["7"].ibid_of == "1" and by_label["7"].locator == "С. 12"
    assert by_label["8"].ibid_of == "1" and by_label["8"].locator == "S. 177"


def test_non_repeats_are_left_alone(repeat_notes):
    assert all(n.ibid_of is None for n in repeat_notes if n.kind is not NoteKind.REPEAT)


def test_op_cit_with_an_unknown_author_falls_back_to_the_previous_note():
    notes = resolve_repeats(
        [parse_note("[1] “A”, https://a.example/a"), parse_note("[2] Jones, op. cit., p. 2.")]
    )
    assert notes[1].ibid_of == "1"


def test_a_repeat_with_nothing_before_it_stays_unresolved():
    assert resolve_repeats([parse_note("[1] Ibid.")])[0].ibid_of is None


@pytest.mark.parametrize(
    "raw",
    [
        "Ibid.",
        "ibidem, p. 3",
        "Id.",
        "Op. cit., p. 9",
        "Aynı eser, s. 4",
        "Там же.",
        "Ebd.",
        "ebenda, S. 3",
    ],
)
def test_every_repeat_phrase_is_a_repeat(raw):
    assert parse_note(raw).kind is NoteKind.REPEAT


def test_to_dict_matches_the_report_schema_fields():
    note = parse_note("[1] “T”, Site, https://a.example/x, (Access Date: 28.06.2024).")
    assert isinstance(note, Note)
    assert note.to_dict()["access_date"] == "2024-06-28"
    assert note.to_dict()["urls"] == ["https://a.example/x"]


def test_odd_input_never_raises():
    for raw in ["", "   ", "[", "1.", "((((", "https://", "“", "*" * 50, "\\" * 10]:
        note = parse_note(raw)
        assert note.raw == raw


def test_a_quoted_title_beats_html_italics_which_name_the_publisher():
    raw = "“North Korea has sent Russia millions of shells”, The Washington Post, 28 February 2024."
    html = (
        "“North Korea has sent Russia millions of shells”, <em>The Washington Post</em>, "
        '<a href="https://www.washingtonpost.com/world/2024/02/28/shells/">link</a>, '
        "28 February 2024."
    )
    note = parse_note(raw, "1", html=html)
    assert note.title == "North Korea has sent Russia millions of shells"
    assert note.publisher == "The Washington Post"
    assert note.urls == ("https://www.washingtonpost.com/world/2024/02/28/shells/",)
    assert note.published == dt.date(2024, 2, 28)


def test_a_wikipedia_cite_element_gives_its_quoted_title():
    raw = '"Treaty on Partnership" (in Russian). Kremlin.ru. Retrieved 28 June 2024.'
    html = (
        '<cite class="citation web">"<a rel="nofollow" class="external text" '
        'href="http://www.kremlin.ru/supplement/6158">Treaty on Partnership</a>" (in Russian). '
        "<i>Kremlin.ru</i>. Retrieved <span>28 June</span> 2024.</cite>"
    )
    note = parse_note(raw, "2", html=html)
    assert note.title == "Treaty on Partnership"
    assert note.urls == ("http://www.kremlin.ru/supplement/6158",)
    assert note.access_date == ACCESS


def test_link_text_that_only_shows_a_domain_is_not_a_second_url():
    note = parse_note("[epdk.gov.tr/Kararlar/14820](https://www.epdk.gov.tr) (Erişim: 18.08.2026)")
    assert note.urls == ("https://www.epdk.gov.tr",)
    assert note.access_date == dt.date(2026, 8, 18)


def test_a_url_ending_a_line_does_not_swallow_the_capitalised_word_below():
    note = parse_note("Quelle: https://www.example.de/sensor/\nZuletzt abgerufen am 23.03.2022")
    assert note.urls == ("https://www.example.de/sensor/",)
    assert note.access_date == dt.date(2022, 3, 23)


@pytest.mark.parametrize(
    ("raw", "urls"),
    [
        # The scheme is read case-blind, in lower-cased text or, where lower-casing changes
        # the length (İ) or misses a case-blind letter (ſ), in the text itself.
        ("Report, HTTPS://Example.ORG/Path/A, 2020.", ("HTTPS://Example.ORG/Path/A",)),
        ("İstanbul Raporu, Https://example.org/İ-a, 2020.", ("Https://example.org/İ-a",)),
        ("Bericht, httpſ://example.org/a, 2020.", ("httpſ://example.org/a",)),
    ],
)
def test_a_url_scheme_in_any_case_is_found(raw: str, urls: tuple[str, ...]) -> None:
    assert parse_note(raw).urls == urls
