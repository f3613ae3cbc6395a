"""Rules learnt from the misses of the two retired asides (``notes_realworld_retired13`` and
``retired14``, asides 13 and 14 until 4 December 2026; issue #13): FOM's ``Names (Kurzbeleg,
Jahr): Title``, ``Stand: <day>`` closing a German footnote, a tagged run over DIN's colon,
GOST's ``//`` before the designator, MLA's quote inside italics, a bold ``[Key]`` and a body
named for its product in ISO 690, ABNT pages with no author, ``Names: Title. Subtitle. In:``,
a reading list's ``Title, Given Surname, Year``, a quoted word inside a DIN title, a link
around a whole DIN citation, words after a quote up to ``, in:``, ``Surname I., Title`` that
reads like prose, a phrase beside its URL, Harvard's author named again before a colon, and a
host name before ``[online]``.  Every note here is made up in the shape of a style, not
copied from the data; each rule has guards for neighbouring shapes that must read as before."""

from __future__ import annotations

import pytest

from citeaudit.notes import parse_note


@pytest.mark.parametrize(
    ("raw", "expected", "authors"),
    [
        # FOM's Literaturverzeichnis: names, (short title, year), colon, then the title.
        (
            "Lindqvist, Maren, Hoff, Tobias (Rivers, 2021): Rivers and Their Floodplains: "
            "A Survey, Working Paper Nr. 12, Kassel: Example Press, 2021",
            "Rivers and Their Floodplains: A Survey",
            ("Lindqvist, Maren", "Hoff, Tobias"),
        ),
        # A full stop joins title and subtitle; the first comma opens the edition.
        (
            "Brandt, Ilse (Gartenbau, 2019): Gartenbau. Grundlagen und Praxis im Kleingarten, "
            "3. Aufl., Stuttgart: Ulmer, 2019",
            "Gartenbau. Grundlagen und Praxis im Kleingarten",
            ("Brandt, Ilse",),
        ),
        # An article: the title runs to ", in:", commas inside it kept.
        (
            "Okafor, Ada, Weiss, Jonas (Sensor Drift, 2024): Sensor Drift in Cold Rooms: "
            "A Long, Slow Problem, in: Journal of Cooling, 12. Jg. (2024), Heft 2, S. 1–9",
            "Sensor Drift in Cold Rooms: A Long, Slow Problem",
            ("Okafor, Ada", "Weiss, Jonas"),
        ),
        # Editors marked "(Hrsg.)" before the short form.
        (
            "Falk, Nora, Berger, Paul (Hrsg.) (Tagung 2022, 2022): Proceedings of the Alpine "
            "Data Days, LNCS 900, Cham: Springer, 2022",
            "Proceedings of the Alpine Data Days",
            ("Falk, Nora", "Berger, Paul"),
        ),
    ],
)
def test_a_short_form_lead_opens_the_title_after_its_colon(
    raw: str, expected: str, authors: tuple[str, ...]
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.authors == authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # APA: "(Year)." with no short title: APA's own rule reads it.
        ("Brandt, I. (2019). Gartenbau im Kleingarten. Ulmer.", "Gartenbau im Kleingarten"),
        # A humanities list with no bracket at all.
        (
            "Brandt, Ilse, Gartenbau im Kleingarten, in: Hoff, Tobias (Hrsg.), Gärten, "
            "Kassel 2019, S. 4.",
            "Gartenbau im Kleingarten",
        ),
    ],
)
def test_leads_without_a_short_form_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "[^3]: Vgl. Hartmann, Lena: Why do rivers meander, and does it matter?, in: The "
            "Observer, 12.03.2016. Online: <https://www.example.org/rivers/meander>, "
            "Stand: 02.10.2018.",
            "2018-10-02",
        ),
        (
            "[^4]: Vgl. Weber, Tom: Kleine Häfen an der Ostsee, in: Küstenblatt, 4.7.2015. "
            "Online: <https://www.example.de/haefen>, Stand: 9. Mai 2019.",
            "2019-05-09",
        ),
    ],
)
def test_stand_with_a_day_closing_the_note_is_the_access_date(raw: str, expected: str) -> None:
    note = parse_note(raw)
    assert note.access_date is not None
    assert note.access_date.isoformat() == expected


@pytest.mark.parametrize(
    ("raw", "accessed"),
    [
        # "Stand" among the elements dates the document's version, not the reading.
        ("Vgl. Bundesamt für Karten: Kartenrichtlinie, Stand: 01.01.2020, S. 4.", None),
        # A month, not a day: the version of a paper; the reading is "letzter Zugriff".
        (
            "Vgl. Forschungsrat (Hrsg.): Offene Daten. Eine Stellungnahme, Stand: April 2017, "
            "URL: <https://example.org/a.pdf> (letzter Zugriff am 21.04.2022).",
            "2022-04-21",
        ),
    ],
)
def test_stand_dating_a_version_is_no_access_date(raw: str, accessed: str | None) -> None:
    note = parse_note(raw)
    assert (note.access_date.isoformat() if note.access_date else None) == accessed


def test_a_tagged_run_over_the_din_colon_does_not_take_the_given_name() -> None:
    # "Surname, Given: Title": DIN's colon closes the names, the given name is no title word.
    note = parse_note(
        "[^2]: Vgl. Fairley, Sarah: Britain’s trains seem fast, but are they on time?, in: "
        "The Guardian, 11.02.2018. Online: <https://www.theguardian.com/uk/2018/feb/11/"
        "britain-trains-fast-on-time>."
    )
    assert note.title == "Britain’s trains seem fast, but are they on time?"
    assert note.authors == ("Fairley, Sarah",)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # GOST's "//" before the designator with no host named: the title ends before it.
        (
            "3. Руководство Django // [Электронный ресурс]. URL: https://example.org/django/ "
            "(дата обращения: 10.02.2024).",
            "Руководство Django",
        ),
        # Guard: the designator right after the title, no "//".
        (
            "4. Руководство Django [Электронный ресурс]. URL: https://example.org/django/ "
            "(дата обращения: 10.02.2024).",
            "Руководство Django",
        ),
    ],
)
def test_gost_separator_before_the_designator_ends_the_title(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # MLA's '"Title." *Container*' with the italics run over both: the quote is the title.
        (
            '- _"Notes On Learning Rust". Ferris Blog_, 2020, https://example.org/rust. '
            "Accessed 3 Feb 2021.",
            "Notes On Learning Rust",
        ),
        (
            '- Lund, Ola. _"A Guide To Sourdough." Ola\'s Kitchen_, 2018, '
            "https://example.org/bread. Accessed 5 May 2020.",
            "A Guide To Sourdough",
        ),
    ],
)
def test_a_quote_opening_the_emphasis_before_its_stop_is_the_title(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: a quote inside an italic title after its first words, or opening it with
        # no stop after it, leaves the emphasis the title.
        (
            '_Gartner: "In 2020 most firms will fail"_, 2019, https://example.org/g',
            'Gartner: "In 2020 most firms will fail"',
        ),
        (
            '*"Liberty" in Early Modern Europe*. Oxford: Example Press, 2011.',
            '"Liberty" in Early Modern Europe',
        ),
    ],
)
def test_a_quote_inside_an_italic_title_leaves_the_emphasis_the_title(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected", "authors"),
    [
        # A bold key in brackets labels the entry; ISO 690's author and title follow it.
        (
            "- **[Figma]** Figma Inc. Figma [online]. 2024. Available at: https://www.figma.com",
            "Figma",
            ("Figma Inc.",),
        ),
        (
            "- **[Notion]** Notion Labs. Notion [online]. 2024. Available at: https://notion.so",
            "Notion",
            ("Notion Labs",),
        ),
    ],
)
def test_a_bold_key_labels_an_iso690_entry_whose_body_names_its_product(
    raw: str, expected: str, authors: tuple[str, ...]
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.authors == authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: a title then the site before the designator; a numbered bold label.
        (
            "Rivers of Europe. Wikipedia [online]. 2020. Available at: "
            "https://en.wikipedia.org/wiki/Rivers",
            "Rivers of Europe",
        ),
        (
            "* **[2]** Berg, Ida & Lund, Ola. (2017). Crack Detection in Old Bridges. "
            "10.1000/xyz123.",
            "Crack Detection in Old Bridges",
        ),
    ],
)
def test_iso690_titles_before_a_site_and_numbered_labels_read_as_before(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # ABNT, no author: a question, its subtitle, then "Disponível em:".
        (
            "[4] Por que usar Git? Um guia para equipes pequenas. Disponível em: "
            "<https://example.com.br/git-equipes>. Acesso em: 5 de maio de 2022.",
            "Por que usar Git? Um guia para equipes pequenas",
        ),
        # The URL's site, a comma, then the page's title.
        (
            "[5] Wikipédia, Scrum. Disponível em: <https://pt.wikipedia.org/wiki/Scrum>. "
            "Acesso em: 5 de maio de 2022.",
            "Scrum",
        ),
    ],
)
def test_abnt_pages_with_no_author_before_the_url_label(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: a site as the author sentence; a comma inside a title not led by the site.
        (
            "W3Schools. HTML Tutorial. Disponível em: <https://www.w3schools.com/html/>. "
            "Acesso em: 5 maio 2022.",
            "HTML Tutorial",
        ),
        (
            "Git, o guia prático. Disponível em: <https://example.github.io/git-guide/>. "
            "Acesso em: 5 maio 2022.",
            "Git, o guia prático",
        ),
    ],
)
def test_abnt_titles_led_otherwise_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected", "authors"),
    [
        # Forward names, a colon, title and subtitle joined by full stops, then "In:".
        (
            "[^2]: Vgl. Hanna Albrecht: Alte Karten als Quelle. Neue Wege der Kartenkunde. In: "
            "Jonas Keller (Hg.): Karten lesen. Kassel 2019. S. 12.",
            "Alte Karten als Quelle. Neue Wege der Kartenkunde",
            ("Hanna Albrecht",),
        ),
        # A "Surname, Given" pair first, forward names after it, then "Ort Jahr".
        (
            "[^3]: Berger, Ina, Tomas Vogel: Stadtgeschichte. Eine Einführung. Leipzig 2015.",
            "Stadtgeschichte. Eine Einführung",
            ("Berger, Ina", "Tomas Vogel"),
        ),
        # A part's number and its own colon stay in the title.
        (
            "[^4]: Lea Hartung: Digitale Archive und ihre Nutzer. Zum Umgang mit Quellen. Teil "
            "1: Begriffe, Theorie und Methoden. Hamburg 2012, S. 40.",
            "Digitale Archive und ihre Nutzer. Zum Umgang mit Quellen. Teil 1: Begriffe, "
            "Theorie und Methoden",
            ("Lea Hartung",),
        ),
    ],
)
def test_names_and_a_colon_lead_a_german_title_to_its_container_or_imprint(
    raw: str, expected: str, authors: tuple[str, ...]
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.authors == authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: ABNT's "SURNAME, Given. Title: Subtitle. In:" (a sentence before the colon)
        # and DIN's "Surname, I.: Title. Place Year".
        (
            "SOUZA, Marta Lima. Motores: Como Funcionam e Seus Tipos. In: Motores: Como "
            "Funcionam e Seus Tipos. [S. l.], 2019.",
            "Motores: Como Funcionam e Seus Tipos",
        ),
        ("Keller, J.: Karten lesen. Kassel 2019.", "Karten lesen"),
    ],
)
def test_colon_titles_after_a_sentence_or_din_initials_read_as_before(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected", "authors"),
    [
        # A reading list: the title first (its own commas kept), forward names, the year.
        (
            "[3] Rechnen, Raten, Rätseln - ein Buch für Neugierige, Anna Lorenz, 2011",
            "Rechnen, Raten, Rätseln - ein Buch für Neugierige",
            ("Anna Lorenz",),
        ),
        (
            "[4] Die Stadt, die niemals schläft, Peter Kranz, 2005",
            "Die Stadt, die niemals schläft",
            ("Peter Kranz",),
        ),
        (
            "[5] Physik für Ingenieure, Band 1, Mechanik und Wärme, Karl Busch, Eva Busch, 2016",
            "Physik für Ingenieure, Band 1, Mechanik und Wärme",
            ("Karl Busch", "Eva Busch"),
        ),
    ],
)
def test_forward_names_and_a_year_closing_a_list_entry_follow_its_title(
    raw: str, expected: str, authors: tuple[str, ...]
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.authors == authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: names lead (Chicago), so the last piece is the publisher; a body last.
        ("John Barker, The Long Road Home, Harbour Books, 2010.", "The Long Road Home"),
        ("[6] Wie Häfen wachsen, Peter Kranz, Universität Kassel, 2005", "Wie Häfen wachsen"),
    ],
)
def test_names_leading_or_a_publisher_closing_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # After DIN's "Surname, Given:", a quoted word inside the title is not the title;
        # the title runs over its full stop to the comma before the web address.
        (
            'Vogt, Ina: Wörter und Wandel. Analysen des Artikels "Heimat" in der Wikipedia von '
            "2010 bis 2015, https://example.org/vogt/heimat-wikipedia, 03.05.2018.",
            'Wörter und Wandel. Analysen des Artikels "Heimat" in der Wikipedia von 2010 bis 2015',
        ),
        (
            "Vogt, Ina: Heimat. Ein Begriff im Wandel, https://example.org/vogt/heimat, "
            "03.05.2018.",
            "Heimat. Ein Begriff im Wandel",
        ),
    ],
)
def test_a_din_title_with_a_quoted_word_runs_to_its_web_address(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_a_quote_right_after_the_din_colon_is_the_title() -> None:
    # Guard: the quote opens the title and "in:" names the container.
    note = parse_note(
        "[^2]: Vgl. Vogt, Ina: „Heimat“, in: Zeitschrift für Sprache 4, 2018, S. 12."
    )
    assert note.title == "Heimat"


def test_a_link_around_a_whole_din_citation_is_read_as_the_citation() -> None:
    # "[Names: Title, in: Container, Year, S. n](url)": the link text is the whole note.
    note = parse_note(
        "[^5]: Vgl. [Roth, Ida; Kern, Paul: Lokaljournalismus heute. Befunde einer Befragung, "
        "in: Medien und Praxis 3, 2011, S. 40](https://example.org/roth-kern.pdf)."
    )
    assert note.title == "Lokaljournalismus heute. Befunde einer Befragung"
    assert note.authors == ("Roth, Ida", "Kern, Paul")


def test_a_link_naming_only_the_work_is_still_its_title() -> None:
    # Guard: a link whose text is the title alone.
    note = parse_note("- [Lokaljournalismus heute](https://example.org/roth) is a good read.")
    assert note.title == "Lokaljournalismus heute"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Words after the quote, up to DIN's ", in:", belong to the title the quote opens.
        (
            "[^6]: Vgl. „Heimatkunde“ – Versionsgeschichte, in: Wikipedia, Online: "
            "<https://de.wikipedia.org/w/index.php?title=Heimatkunde&action=history>, "
            "Stand: 21.11.2019.",
            "„Heimatkunde“ – Versionsgeschichte",
        ),
        (
            "[^2]: Vgl. Vogt, Ina: „Heimat“ im Wandel, in: Zeitschrift für Sprache 4, 2018, S. 12.",
            "„Heimat“ im Wandel",
        ),
    ],
)
def test_words_after_a_quote_up_to_in_belong_to_its_title(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: the quote closes the title before ", in:", or closed a title sentence.
        ("[^2]: Vgl. Vogt, Ina: „Heimat“, in: Zeitschrift für Sprache 4, 2018, S. 12.", "Heimat"),
        (
            'Vogt, I. "Heimat im Wandel." Zeitschrift für Sprache, in: Reihe 4, 2018.',
            "Heimat im Wandel",
        ),
    ],
)
def test_a_quote_closing_the_title_keeps_it(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected", "authors"),
    [
        # "Surname I.," leads a citation however many "und" and "der" its title has.
        (
            "[6] Brandt K., Die Macht der Karten und die Ohnmacht der Ordnung. Ulmer, "
            "Stuttgart, 1990",
            "Die Macht der Karten und die Ohnmacht der Ordnung",
            ("Brandt K.",),
        ),
        (
            "[8] Nowak A. B., Kowal P., Die Flüsse und die Städte der Oder. Ossolineum, "
            "Wrocław, 2001",
            "Die Flüsse und die Städte der Oder",
            ("Nowak A. B.", "Kowal P."),
        ),
    ],
)
def test_surnames_with_initials_and_a_comma_lead_a_citation_not_prose(
    raw: str, expected: str, authors: tuple[str, ...]
) -> None:
    note = parse_note(raw)
    assert note.title == expected
    assert note.authors == authors


def test_names_going_on_past_the_comma_read_as_before() -> None:
    # Guard: GOST's last name is closed by its stop, not a comma; the title follows it.
    note = parse_note(
        "Jones M., Bradley J., Sakimura N. Rivers of the North. RFC 9999, Example Task Force, "
        "2015."
    )
    assert note.title == "Rivers of the North"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # "Title, URL, abgerufen am …": the commas the blanked URL leaves are no title words.
        (
            "[12] Was man über Karten wissen sollte, https://www.example.de/artikel/"
            "was-man-ueber-karten-wissen-sollte-42.html, abgerufen am 26.01.2021",
            "Was man über Karten wissen sollte",
        ),
        (
            "[13] Wie man alte Karten richtig liest, https://www.example.de/karten/lesen, "
            "abgerufen am 26.01.2021",
            "Wie man alte Karten richtig liest",
        ),
        # Guard: a short phrase read before too.
        (
            "[14] Karten lesen, https://www.example.de/karten, abgerufen am 26.01.2021",
            "Karten lesen",
        ),
    ],
)
def test_a_phrase_beside_its_url_counts_only_its_own_words(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_the_author_named_again_before_a_colon_is_no_part_of_the_title() -> None:
    # Harvard with ISO 690's designator: "Body, Year. Body a. d. Place: Title. [Online]".
    note = parse_note(
        "Stadtwerke Kassel, 2021. Stadtwerke Kassel a. d. Fulda: Die Strompreise. [Online]\n\n"
        "Available at: https://www.example.de/strompreise\n\n[Zugriff am 3 Mai 2022]"
    )
    assert note.title == "Die Strompreise"
    assert note.authors == ("Stadtwerke Kassel",)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guards: no repeated name; a colon inside a title by another author.
        (
            "Stadtwerke Kassel, 2021. Die Strompreise. [Online]\n\nAvailable at: "
            "https://www.example.de/strompreise\n\n[Zugriff am 3 Mai 2022]",
            "Die Strompreise",
        ),
        (
            "Berg, I., 2021. Rivers: A Survey. [Online]\n\nAvailable at: "
            "https://www.example.org/rivers\n\n[Zugriff am 3 Mai 2022]",
            "Rivers: A Survey",
        ),
    ],
)
def test_harvard_titles_before_the_designator_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_a_host_name_before_the_designator_is_the_works_title() -> None:
    # "diagrams.net [online]": ISO 690's designator says the words before it name the work.
    note = parse_note(
        "- **[excalidraw]**. excalidraw.com [online]. 2024. Available at: https://excalidraw.com"
    )
    assert note.title == "excalidraw.com"


def test_a_bare_host_name_with_no_designator_is_still_no_title() -> None:
    # Guard: the address written out as the note's text names no work.
    note = parse_note("excalidraw.com, erişim tarihi 3 Mayıs 2024, https://excalidraw.com/")
    assert note.title is None
