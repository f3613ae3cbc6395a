"""Rules learnt from the misses of the two retired asides (``notes_realworld_retired6`` and
``retired12``, asides 6 and 12 until 4 December 2026; issue #13): an address an HTML link
shows (or a redirect's target) listed once where the link stands, a CS1 identifier written
as a link, ``Title, accessed <date>, URL``, German archaeology's slashed names, a quote
holding its own kind, ``Body, Title [online]``, ISO 690's designated serial, a book list's
``Title\n(Author, Year)``, a Japanese era's year, CS1's ``[Chapter: …]``, ``(video)`` and
``host: Title``, a quoted term a GB/T title runs on from, a company after a Japanese title,
ISO 690's capital names before a prose-like title, a quoted word opening an authorless
entry, and IEEE's ``Body, Title, …, Place: Publisher, Year``.  Every note here is made up in
the shape of a style, not copied from the data; each rule has guards for neighbouring shapes
that must read as before.  See ``bench/data/notes_realworld_retired6_12.README.md``."""

from __future__ import annotations

import pytest

from citeaudit.notes import parse_note


def test_an_address_a_link_shows_is_listed_where_the_link_stands() -> None:
    # IEEE in HTML: the site's own link first, then the page's address shown as its link.
    raw = "example.org, “Rivers in Spring”, [Online]. https://www.example.org/rivers/spring/"
    html = (
        '<a href="http://www.example.org">example.org</a>, “Rivers in Spring”, [Online]. '
        '<a href="https://www.example.org/rivers/spring/">https://www.example.org/rivers/'
        "spring/</a>"
    )
    assert parse_note(raw, html=html).urls == (
        "http://www.example.org",
        "https://www.example.org/rivers/spring/",
    )


def test_a_redirect_link_is_the_address_not_the_target_it_shows() -> None:
    raw = "Lund, O., “Bread,” 2020. Available: https://example.org/bread. [Accessed: 1.2.2021]."
    html = (
        'Lund, O., “Bread,” 2020. Available: <a href="https://www.google.com/url?sa=E&amp;q='
        'https%3A%2F%2Fexample.org%2Fbread">https://example.org/bread</a>. [Accessed: 1.2.2021].'
    )
    assert parse_note(raw, html=html).urls == (
        "https://www.google.com/url?sa=E&q=https%3A%2F%2Fexample.org%2Fbread",
    )


def test_a_link_showing_another_page_of_its_site_keeps_both_addresses() -> None:
    # Guard: no redirect; the text names a page below the link's own.
    raw = "See https://example.org/docs/intro.html"
    html = 'See <a href="https://example.org/docs/">https://example.org/docs/intro.html</a>'
    assert parse_note(raw, html=html).urls == (
        "https://example.org/docs/intro.html",
        "https://example.org/docs/",
    )


def test_a_cs1_identifier_written_as_a_link_is_no_source_address() -> None:
    # CS1: "doi:<a href=doi.org/…>", "S2CID <a href=semanticscholar>": identifiers, not links
    # the note points to; the DOI is given as its resolver link, spelled as the DOI is.
    raw = (
        'Berg, Ida (2019). "Ring Buffers". Journal of Queues. 4 (1): 1–9. doi:10.1000/rq.4. '
        "S2CID 1234567."
    )
    html = (
        '<cite class="citation journal cs1">Berg, Ida (2019). "Ring Buffers". <i>Journal of '
        'Queues</i>. <b>4</b> (1): 1–9. <a href="/wiki/Doi_(identifier)" class="mw-redirect" '
        'title="Doi (identifier)">doi</a>:<a rel="nofollow" class="external text" '
        'href="https://doi.org/10.1000%2Frq.4">10.1000/rq.4</a>. <a href="/wiki/'
        'S2CID_(identifier)" title="S2CID (identifier)">S2CID</a>&#160;<a rel="nofollow" '
        'class="external text" href="https://api.semanticscholar.org/CorpusID:1234567">1234567'
        "</a>.</cite>"
    )
    note = parse_note(raw, html=html)
    assert note.urls == ("https://doi.org/10.1000/rq.4",)
    assert note.doi == "10.1000/rq.4"


def test_a_cs1_link_after_other_words_is_still_a_source_address() -> None:
    # Guard: the work's own link, and an archive link, follow no identifier's name.
    raw = 'Berg, Ida (2019). "Ring Buffers". Queues. Archived from the original on 2020-01-01.'
    html = (
        '<cite class="citation web cs1">Berg, Ida (2019). <a class="external text" '
        'href="https://example.org/rb">"Ring Buffers"</a>. <i>Queues</i>. <a class="external '
        'text" href="https://web.archive.org/web/2020/https://example.org/rb">Archived</a> from '
        "the original on 2020-01-01.</cite>"
    )
    assert parse_note(raw, html=html).urls == (
        "https://example.org/rb",
        "https://web.archive.org/web/2020/https://example.org/rb",
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # "Title, accessed <date>, URL" (a works-cited list as a search tool writes it): the
        # phrase before the access phrase is the title, however long and whatever its commas.
        (
            "3. Frost on Small Lakes and the Ways Ice Forms Across a Cold Northern Winter, "
            "erişim tarihi Ocak 4, 2025, [https://www.example.org/frost-lakes/]"
            "(https://www.example.org/frost-lakes/)",
            "Frost on Small Lakes and the Ways Ice Forms Across a Cold Northern Winter",
        ),
        (
            "4. Bread at Home: Flour, Water, and Patient ..., erişim tarihi Ocak 4, 2025, "
            "[https://example.net/bread-at-home/](https://example.net/bread-at-home/)",
            "Bread at Home: Flour, Water, and Patient ...",
        ),
        (
            "5. Why the old mill by the river still turns in 2024, accessed January 4, 2025, "
            "https://www.example.com/blog/old-mill",
            "Why the old mill by the river still turns in 2024",
        ),
    ],
)
def test_a_phrase_before_its_access_phrase_and_address_is_the_title(
    raw: str, expected: str
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.authors == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: an author after the title, a site after it, an address before the access
        # phrase, and a site's name after a dash, read as before.
        (
            "Baking Rye Bread the Slow Way, Mara Lindqvist, erişim tarihi Ocak 4, 2025, "
            "https://example.org/rye",
            "Baking Rye Bread the Slow Way",
        ),
        (
            "Rye bread, Wikipedia, accessed January 4, 2025, https://en.wikipedia.org/wiki/Rye_bread",
            "Rye bread",
        ),
        (
            "[7] Wie man Roggenbrot backt, https://www.example.de/roggen, abgerufen am 19.05.2025",
            "Wie man Roggenbrot backt",
        ),
        (
            "Testing Bread Ovens - OvenGuide - Latest, accessed January 4, 2025, "
            "https://ovenguide.example.org/latest/testing",
            "Testing Bread Ovens",
        ),
    ],
)
def test_titles_led_or_followed_by_names_and_sites_before_access_read_as_before(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected", "authors"),
    [
        # German archaeology (DAI/RGK): slashed forward names, the title over its full stops
        # to the series' "(Place Year)", a journal's "Volume, Year, pages", or ". In:".
        (
            "[1] K. Berg/L. Hoff, Die Keramik vom Burgberg bei Kassel. Ein Überblick. "
            "Beiträge zur Vorgeschichte Hessens 4 (Kassel 1988).",
            "Die Keramik vom Burgberg bei Kassel. Ein Überblick",
            ("K. Berg", "L. Hoff"),
        ),
        (
            "[2] K. Berg, Die Keramik vom Burgberg. In: L. Hoff (Hrsg.), Hessen in der "
            "Steinzeit. Schriften 3 (Kassel 1990) 12-40.",
            "Die Keramik vom Burgberg",
            ("K. Berg",),
        ),
        (
            "[3] B. Auffermann/W. Burkert/J. Hahn, Ein Merkmalsystem für Scherben. "
            "Archäologische Blätter 20, 1990, 259–268.",
            "Ein Merkmalsystem für Scherben",
            ("B. Auffermann", "W. Burkert", "J. Hahn"),
        ),
        (
            "[4] K. Berg, Die Keramik vom Burgberg 12 A. Unveröffentlichte Dissertation "
            "(Marburg 2004).",
            "Die Keramik vom Burgberg 12 A",
            ("K. Berg",),
        ),
    ],
)
def test_slashed_names_lead_an_archaeology_title_to_its_series_or_host(
    raw: str, expected: str, authors: tuple[str, ...]
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.authors == authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: initials and a comma with no series, journal or "In:" closing the entry.
        ("J. Barker, The Long Road Home, Harbour Books, 2010.", "The Long Road Home"),
        ("K. Berg, Die Keramik vom Burgberg, Kassel 1988, S. 4.", "Die Keramik vom Burgberg"),
    ],
)
def test_initials_leads_closed_otherwise_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A quote holding a quote of its own kind: the outer marks close the title.
        (
            "A. Berg ve L. Hoff, ““RiverNet”: A deep network for river mapping”, Journal of "
            "Rivers, c. 3, s. 1–9, 2023.",
            "“RiverNet”: A deep network for river mapping",
        ),
        (
            "Ida Berg「小さな「川」の地図」2020.8.14. URL:https://example.jp/river/（2026年6月9日閲覧）",
            "小さな「川」の地図",
        ),
        (
            "A. Berg, “The “RiverNet” model for mapping,” Journal of Rivers, 2023.",
            "The “RiverNet” model for mapping",
        ),
    ],
)
def test_a_quote_holding_its_own_kind_of_quote_closes_where_the_marks_balance(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: a quote and then another, apart; a quote with none inside it.
        (
            "Ida Berg「川の地図」（「地図」シリーズ）2020.8.14. URL:https://example.jp/river/",
            "川の地図",
        ),
        ("A. Berg, “Rivers,” in “Lakes and Rivers,” Example Press, 2023.", "Rivers"),
    ],
)
def test_quotes_side_by_side_or_of_another_kind_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected", "authors"),
    [
        # One sentence before the designator: a body or the site before its comma wrote it.
        (
            "Stadtmuseum Kassel, Die Mühle am Fluss [online]\nURL: "
            "https://www.stadtmuseum-kassel.de/muehle\nletzter Zugriff am 19.06.2026",
            "Die Mühle am Fluss",
            ("Stadtmuseum Kassel",),
        ),
        (
            "Stiftung Alte Mühlen, Die Mühle am Fluss - Ort der Arbeit [online]\nURL: "
            "https://www.muehlen.de/fluss\nletzter Zugriff am 19.06.2026",
            "Die Mühle am Fluss - Ort der Arbeit",
            ("Stiftung Alte Mühlen",),
        ),
    ],
)
def test_a_body_before_the_comma_of_a_designated_title_is_its_author(
    raw: str, expected: str, authors: tuple[str, ...]
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.authors == authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: a title's own comma, and the site's name after the title.
        (
            "Rivers, Lakes and Seas [online]. 2020. Available at: https://example.org/water",
            "Rivers, Lakes and Seas",
        ),
        (
            "Histoire du pont, Paris Musées, [en ligne]. Disponible sur : "
            "https://www.parismusees.paris.fr/pont",
            "Histoire du pont",
        ),
    ],
)
def test_designated_titles_with_other_commas_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # ISO 690: the designator names the serial when its numbering follows, or when an
        # author-date lead stands two sentences before it; the sentence between is the title.
        (
            "BERG, Ida et HOFF, Lars J. Frost Patterns on Small Northern Lakes in Winter and "
            "Spring Under a Changing Climate. Journal of Lake and River Ice Studies [en ligne]. "
            "1 Janvier 2018, Vol. 17, n° 3, p. 20-75.",
            "Frost Patterns on Small Northern Lakes in Winter and Spring Under a Changing "
            "Climate",
        ),
        (
            "Frost on small lakes (Berg, 1999) in the north, 2021. Lake Bulletin [en ligne]. "
            "Vol. 166, pp. 112. [Consulté le 1 février 2022]. Disponible à l’adresse : "
            "https://example.org/frost",
            "Frost on small lakes (Berg, 1999) in the north",
        ),
        (
            "MUSÉE, Lac du Nord, [sans date]. Perca fluviatilis (Linnaeus, 1758). Inventaire "
            "des Lacs [en ligne]. Disponible à l’adresse : https://example.org/perca",
            "Perca fluviatilis (Linnaeus, 1758)",
        ),
    ],
)
def test_a_designated_serial_or_database_is_the_host_of_the_title_before_it(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: a page's title before its site and designator; an author before the title.
        (
            "Rivers of Europe. Wikipedia [online]. 2020. Available at: "
            "https://en.wikipedia.org/wiki/Rivers",
            "Rivers of Europe",
        ),
        (
            "BERG, Ida. Lakes in Winter [en ligne]. 2019. Disponible à l’adresse : "
            "https://example.org/lakes",
            "Lakes in Winter",
        ),
    ],
)
def test_designated_titles_with_no_serial_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "html", "expected"),
    [
        # A book list's two lines: the title above, a bracket describing the work below.
        ("Mai 1915, La Bataille du Lac\n(Jean Berg, 1993)", None, "Mai 1915, La Bataille du Lac"),
        (
            "Un village dans la Grande Guerre venant du Nord\n(Editions Lac / fiche "
            '"La Généalogie du Lac")',
            None,
            "Un village dans la Grande Guerre venant du Nord",
        ),
        (
            "Les lacs du Nord, la glace et les hommes, 1914–1921\n(thèse rédigée par Ida Berg "
            "sous la direction de Lars Hoff et soutenue par elle à l'université de Lille en 2001)",
            "Les lacs du Nord, la glace et les hommes, 1914–1921<br />(thèse rédigée par Ida Berg "
            "sous la direction de Lars Hoff et soutenue par elle à l'université de Lille en 2001)",
            "Les lacs du Nord, la glace et les hommes, 1914–1921",
        ),
    ],
)
def test_a_line_above_a_bracket_describing_the_work_is_its_title(
    raw: str, html: str | None, expected: str
) -> None:
    assert parse_note(raw, html=html).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: a date and a title above an address and its access bracket; a quote above.
        (
            "[8] 3 Mai 2016. Frost on Lakes: The Basics  \nhttps://example.org/frost "
            "(Erişim Tarihi: 20.01.2023)",
            "Frost on Lakes: The Basics",
        ),
        ("« Les lacs du Nord »\n(Jean Berg, 1993)", "Les lacs du Nord"),
    ],
)
def test_lines_above_an_address_or_holding_a_quote_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "published"),
    [
        # A date whose year is a Japanese era's: 令和 began in 2019 (元年), 平成 in 1989.
        (
            "令和２年４月１日付けの市役所のお知らせ\n「湖の氷について」\nhttps://www.example.jp/news/ice.html",
            "2020-04-01",
        ),
        ("平成元年５月３日の新聞記事「湖の氷」 https://www.example.jp/old/ice.html", "1989-05-03"),
    ],
)
def test_a_date_in_a_japanese_eras_year_is_read_as_its_day(raw: str, published: str) -> None:
    note = parse_note(raw)
    assert note.published is not None
    assert note.published.isoformat() == published


@pytest.mark.parametrize(
    ("raw", "published"),
    [
        # Guards: a Western year in 年月日, and an era's name with no date after it.
        ("2021年9月24日のお知らせ「湖の氷」 https://www.example.jp/news/ice.html", "2021-09-24"),
        ("令和の湖「氷の話」 https://www.example.jp/ice.html", None),
    ],
)
def test_dates_with_western_years_or_no_day_read_as_before(
    raw: str, published: str | None
) -> None:
    note = parse_note(raw)
    assert (note.published.isoformat() if note.published else None) == published


@pytest.mark.parametrize(
    ("raw", "html", "expected"),
    [
        # CS1/CS2: the part read, a recording's form, and the site's host before a colon
        # stand around the work's title, not in it.
        (
            "Berg, Ida (2014), Queues: Three Short Lessons [Chapter: Ring Buffers, figure 3.1] "
            "(PDF), Berg Books",
            '<cite class="citation cs2">Berg, Ida (2014), <a class="external text" '
            'href="https://example.org/queues.pdf"><i>Queues: Three Short Lessons &#91;Chapter: '
            'Ring Buffers, figure 3.1&#93;</i></a> <span class="cs1-format">(PDF)</span>, Berg '
            "Books</cite>",
            "Queues: Three Short Lessons",
        ),
        (
            'Hoff, Lars (3 May 2011). "Ring Relay - Old Exchange (video)". Youtube. Retrieved '
            "5 May 2021.",
            '<cite class="citation web cs1">Hoff, Lars (3 May 2011). <a class="external text" '
            'href="https://www.youtube.com/watch?v=abc">"Ring Relay - Old Exchange (video)"</a>'
            '. Youtube<span class="reference-accessdate">. Retrieved 5 May 2021</span>.</cite>',
            "Ring Relay - Old Exchange",
        ),
        (
            'Ida Berg (2012-02-17). "idaberg.net: Notes 2012-02-17: Ring Buffers: Part II". '
            "idaberg.net. Retrieved 2019-01-10.",
            '<cite class="citation web cs1">Ida Berg (2012-02-17). <a class="external text" '
            'href="https://www.idaberg.net/notes/ring-buffers-ii.html">"idaberg.net: Notes '
            '2012-02-17: Ring Buffers: Part II"</a>. <i>idaberg.net</i>. Retrieved 2019-01-10.'
            "</cite>",
            "Notes 2012-02-17: Ring Buffers: Part II",
        ),
    ],
)
def test_a_part_a_form_and_the_hosts_colon_lead_are_no_part_of_a_cs1_title(
    raw: str, html: str, expected: str
) -> None:
    assert parse_note(raw, html=html).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: a bracket or a host that is the title's own.
        (
            '"Node.js: The Short Guide". Example Blog. https://blog.example.org/node',
            "Node.js: The Short Guide",
        ),
        (
            '"Ring Buffers (Part 2)". Example Blog. https://blog.example.org/rb',
            "Ring Buffers (Part 2)",
        ),
    ],
)
def test_brackets_and_hosts_of_the_titles_own_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # GB/T 7714: a quoted term the title runs on from, with no space, to its type code.
        (
            '[17] 湖泊管理局. "十五五"湖泊保护规划[EB/OL]. (2022-05-20). '
            "http://www.example.cn/content_1.htm.",
            '"十五五"湖泊保护规划',
        ),
        # Guard: the quote closes the title right before the code.
        ('[18] 王明. "湖泊"[J]. 湖泊科学, 2020, 3(1): 1-9.', "湖泊"),
    ],
)
def test_a_quoted_term_leading_a_gbt_title_runs_to_its_type_code(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A Japanese book list: the publisher after the title, set off by a space.
        (
            "湖と氷のシリーズ3 湖沼学入門 湖出版株式会社, https://www.example.jp/book/b1.html, "
            "2025 年 11 月 25 日閲覧",
            "湖と氷のシリーズ3 湖沼学入門",
        ),
        # Guard: a title with a space and no company after it.
        (
            "湖と氷のシリーズ3 湖沼学入門, https://www.example.jp/book/b1.html, "
            "2025 年 11 月 25 日閲覧",
            "湖と氷のシリーズ3 湖沼学入門",
        ),
    ],
)
def test_a_company_after_a_japanese_title_is_no_part_of_it(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected", "authors"),
    [
        # ISO 690's capital surnames and given names lead a citation, not prose, however
        # many "de" and "des" the title after them has; its commas are its own.
        (
            "BERG, Ida, HOFF, Lars et LUND, Chloé. La courbe de la glace, des lacs et des "
            "rivières du Nord de la France. L’Année lacustre. Presses du Nord de la France, "
            "2006, Vol. 56, n° 1, p. 201-227.",
            "La courbe de la glace, des lacs et des rivières du Nord de la France",
            ("BERG, Ida", "HOFF, Lars", "LUND, Chloé"),
        ),
    ],
)
def test_capital_surnames_and_given_names_lead_a_citation_not_prose(
    raw: str, expected: str, authors: tuple[str, ...]
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.authors == authors


def test_prose_naming_a_person_in_capitals_is_still_prose() -> None:
    # Guard: no full stop closes the names; the note explains, it cites no work.
    note = parse_note(
        "BERG, Ida a montré que la glace des lacs du Nord de la France fond plus tôt et que "
        "les rivières de la région se réchauffent depuis des années."
    )
    assert note.title is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # An entry with no author opening on a quoted word: the title runs on to its year.
        (
            "« Frozen » Lakes Cover Northern Plains, 2009. Animals [en ligne]. [Consulté le 16 "
            "février 2022]. Disponible à l’adresse : https://example.org/frozen",
            "« Frozen » Lakes Cover Northern Plains",
        ),
        # Guards: the quote closed by the year, and a quote closing its own sentence.
        (
            "« Frozen », 2009. Animals [en ligne]. Disponible à l’adresse : https://example.org/f",
            "Frozen",
        ),
        ('"Frozen." Lakes Weekly, 2009. https://example.org/frozen', "Frozen"),
    ],
)
def test_a_quoted_word_opening_an_authorless_entry_runs_on_to_its_year(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # IEEE's dataset or book by a body: every piece before "Place: Publisher, Year".
        (
            "Ville de Lyon, Parcs, jardins et places publiques, Lyon: Données ouvertes de la "
            "Ville de Lyon, 2024. [Ensemble de données]. Disponible: https://data.example.fr/"
            "parcs. [consulté le 18 novembre 2025].",
            "Parcs, jardins et places publiques",
        ),
        # Guards: no imprint, and a person (not a body) leading.
        (
            "Ville de Lyon, Parcs publics, 2024. [Ensemble de données]. Disponible: "
            "https://data.example.fr/parcs.",
            "Parcs publics",
        ),
        ("J. Barker, The Long Road, London: Harbour Books, 2010.", "The Long Road"),
    ],
)
def test_a_bodys_ieee_title_runs_to_its_place_and_publisher(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected
