"""Rules from the thirteenth round of real notes (issue 13): French viewing and listening
dates, APA entries of reference works, a date in the author's place, and Japanese site
names after a title."""

from __future__ import annotations

import datetime

import pytest

from citeaudit.notes import parse_note


@pytest.mark.parametrize(
    "raw",
    [
        "[« La danse des abeilles »](https://video.example.fr/v1), Georgia Tech, 03/02/2011 "
        "(visionnée le 28/11/2024).",
        "Documentaire « Des abeilles et des hommes », Markus Imhoof, 2012 (visionné le 28/11/2024)",
        "Podcast Le bruit de la ruche (Saison 1, épisodes 1 à 5 écoutés le 28/11/2024)",
        "Conference talk, https://video.example.org/t (watched on 28 November 2024)",
    ],
)
def test_a_video_watched_or_a_podcast_heard_on_a_day_gives_that_day_as_access(raw):
    assert parse_note(raw).access_date == datetime.date(2024, 11, 28)


def test_a_french_sentence_about_watching_is_no_access_date():
    assert parse_note("Il a regardé le film en 2012, puis l'a revu.").access_date is None


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("1. Package format. (2022, December 3). In *Wikipedia*. "
         "https://en.wikipedia.org/w/index.php?title=Package_format&oldid=1125350692",
         "Package format"),
        ("Multi-booting (2023, February 22). In *Wikipedia*. https://en.wikipedia.org/w/x",
         "Multi-booting"),
        ("Linker (computing). (2023, February 16). In *Wikipedia*. https://en.wikipedia.org/w/y",
         "Linker (computing)"),
    ],
)
def test_an_unsigned_entry_of_a_reference_work_is_titled_before_its_date(raw, title):
    note = parse_note(raw)
    assert note.title == title
    assert note.publisher == "Wikipedia"  # "In *Wikipedia*": the work it is an entry of


def test_a_chapter_with_authors_keeps_the_title_after_the_date():
    note = parse_note("Smith, J. (2020). A chapter. In *The Book* (pp. 3-9). Pub.")
    assert (note.title, note.publisher) == ("A chapter", "The Book")


@pytest.mark.parametrize(
    ("raw", "title", "published"),
    [
        ("[3] (3 Ekim 2022). Seyahat. https://tr.wikipedia.org/wiki/Seyahat "
         "(Erişim Tarihi: 16 Ocak 2023)", "Seyahat", datetime.date(2022, 10, 3)),
        ("[8] 29 Haz 2016. Google Android Firebase: Learning the Basics "
         "https://books.example.com.tr/x", "Google Android Firebase: Learning the Basics",
         datetime.date(2016, 6, 29)),
    ],
)
def test_a_full_date_in_the_authors_place_leads_to_the_title_as_a_year_does(
    raw, title, published
):
    note = parse_note(raw)
    assert (note.title, note.published) == (title, published)


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # The site's Latin name inside its Japanese one spells the address.
        ("[VSCodeでGitHub Copilotを効率的に使用する方法 \\- カカクコムTechBlog]"
         "(https://kakaku-techblog.com/entry/vscode-github-copilot)",
         "VSCodeでGitHub Copilotを効率的に使用する方法"),
        # A diary (a blog) names a site, whatever its address.
        ("[Xcode 16から登場したSwift AssistとGitHub Copilotの比較 \\- しめ鯖日記]"
         "(https://llcc.hatenablog.example/entry/2024/12/08/154818)",
         "Xcode 16から登場したSwift AssistとGitHub Copilotの比較"),
        # The full-width dash and bar part a title from its site as "-" and "|" do.
        ("[自律的にプログラミング － Publickey](https://www.publickey1.jp/blog/25/x.html)",
         "自律的にプログラミング"),
        ("[どちらがどんな人向きか｜Hi\\-Noguchi \\| 株式会社きみより代表]"
         "(https://note.example.com/hi_noguchi/n/n15)", "どちらがどんな人向きか"),
        # The site's address before a full-width colon.
        ("[ASCII\\.jp：いま文章を書くのに「CURSOR」を使わないのは損だ]"
         "(https://ascii.jp/elem/000/004/253/4253872/)",
         "いま文章を書くのに「CURSOR」を使わないのは損だ"),
    ],
)
def test_a_japanese_site_name_beside_the_title_is_not_part_of_it(raw, title):
    assert parse_note(raw).title == title


def test_a_japanese_title_whose_last_part_names_no_site_is_kept_whole():
    raw = "[Ruby 1.9.3マニュアル - 制御構造](https://docs.ruby-lang.example/ja/1.9.3/control.html)"
    assert parse_note(raw).title == "Ruby 1.9.3マニュアル - 制御構造"


def test_czech_navstiveno_is_read_as_the_access_label():
    # The label was in the list, but the scan's first-letter filter had no "n".
    raw = ("NOVÁK, Jan. Název stránky [online]. Praha, 2019 [navštíveno 3. 5. 2021]. "
           "Dostupné z: https://a.example.cz/x")
    assert parse_note(raw).access_date == datetime.date(2021, 5, 3)
