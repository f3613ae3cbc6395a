"""Wikitext: ``<ref>`` with ``{{cite …}}``, named refs reused, ``{{sfn}}`` tied to its citation."""

from __future__ import annotations

from citeaudit.notes import NoteKind
from citeaudit.read import parse_article

PAGE = """{{Short description|Port city}}
{{Infobox settlement|name=Harbourton|population=120000}}
'''Harbourton''' is a port on the [[North Sea|northern coast]].<ref name="census">{{cite web
 |url=https://stats.example/census-2021 |title=Census 2021: Harbourton |website=Statistics Office
 |date=4 March 2022 |access-date=3 May 2023 |archive-url=https://web.archive.org/web/20230503/https://stats.example/census-2021
 |archive-date=3 May 2023 |url-status=live |quote=Harbourton had 120,000 residents}}</ref>
It has 120,000 residents.<ref name="census" />

== History ==
The quay was built in 1932.<ref>{{cite news |last=Lee |first=Ann |title=Quay at 90
 |newspaper=Harbour News |url=https://news.example/quay-90 |date=2022-06-01}}</ref>
Storms closed it in 1953.{{sfn|King|2003|p=41}} The city grew after 1960.{{sfn|King|2003|p=41}}
[[File:Quay.jpg|thumb|The quay in 1932]]
A bare link supports this.<ref>[https://port.example/history Port history], Port Authority.</ref>

== References ==
{{reflist}}

== Sources ==
* {{cite book |last=King |first=Stephen |year=2003 |title=A Harbour History
 |publisher=Coast Press |url=https://books.example/harbour-history}}

[[Category:Port cities]]
"""


def test_refs_and_cite_templates_become_notes_with_their_fields():
    a = parse_article(PAGE, "wikitext")
    assert a.format == "wikitext"
    first = a.note("1")
    assert first.urls[0] == "https://stats.example/census-2021"
    assert "https://web.archive.org/web/20230503/https://stats.example/census-2021" in first.raw
    assert "Census 2021: Harbourton" in first.raw and "Statistics Office" in first.raw
    assert "Retrieved 3 May 2023" in first.raw
    assert "Harbourton had 120,000 residents" in first.raw
    assert a.note("2").urls == ("https://news.example/quay-90",)
    assert "Lee, Ann" in a.note("2").raw and "Harbour News" in a.note("2").raw
    assert a.note("4").urls == ("https://port.example/history",)


def test_a_reused_named_ref_cites_the_same_note():
    a = parse_article(PAGE, "wikitext")
    cited = {c.text: c.note_labels for c in a.claims}
    assert cited["Harbourton is a port on the northern coast."] == ("1",)
    assert cited["It has 120,000 residents."] == ("1",)
    assert [n.label for n in a.notes].count("1") == 1


def test_sfn_short_refs_stand_for_their_full_citation():
    a = parse_article(PAGE, "wikitext")
    cited = {c.text: c.note_labels for c in a.claims}
    assert cited["Storms closed it in 1953."] == ("3",)
    assert cited["The city grew after 1960."] == ("3",)  # identical sfns share one note
    short = a.note("3")
    assert short.raw == "King 2003, p. 41."
    assert short.kind is NoteKind.REPEAT and short.ibid_of == "King 2003"
    assert a.note("King 2003").urls == ("https://books.example/harbour-history",)


def test_templates_files_categories_and_reference_sections_are_not_prose():
    a = parse_article(PAGE, "wikitext")
    assert a.body.startswith("Harbourton is a port on the northern coast.[1]")
    for chrome in ("Infobox", "population", "Quay.jpg", "thumb", "Category", "Port cities",
                   "Coast Press", "reflist", "References"):
        assert chrome not in a.body
    assert "History" in a.body


def test_list_defined_refs_and_groups():
    page = (
        "Ships sailed in 1900.<ref name=a/> Trade rose.{{efn|An estimate.}}\n\n"
        "== References ==\n<references>\n<ref name=a>Port log, https://log.example/1900.</ref>\n"
        "</references>\n"
    )
    a = parse_article(page, "wikitext")
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://log.example/1900",)), ("a", ())]
    assert [c.note_labels for c in a.claims] == [("1",), ("a",)]


def test_wikitext_is_detected_by_its_markup(tmp_path):
    path = tmp_path / "Harbourton.wiki"
    path.write_text(PAGE, encoding="utf-8")
    assert parse_article(path).format == "wikitext"
    assert parse_article(PAGE).format == "wikitext"


def test_refs_defined_in_the_reflist_template():
    page = (
        "Ships sailed in {{nowrap|1900 AD}}.<ref name=log/>\n\n"
        "{{reflist|refs=\n<ref name=log>Port log, https://log.example/1900.</ref>\n}}\n"
    )
    a = parse_article(page, "wikitext")
    assert [(n.label, n.urls) for n in a.notes] == [("1", ("https://log.example/1900",))]
    assert a.claims[0].text == "Ships sailed in 1900 AD."


def test_sfnm_and_page_locators():
    page = (
        "Punk met anarchism.{{Sfnm|1a1=Marshall|1y=1993|1pp=493–494|2a1=Dunn|2y=2012}} "
        "The border was a construct.<ref>Read, essay.</ref>{{rp|15}}\n\n"
        "== Sources ==\n* {{cite book |last=Marshall |first=Peter |year=1993 "
        "|title=Demanding the Impossible |url=https://books.example/marshall}}\n"
    )
    a = parse_article(page, "wikitext")
    assert a.note("1").raw == "Marshall 1993, pp. 493–494; Dunn 2012."
    assert a.note("1").ibid_of == "Marshall 1993"
    assert a.note("Marshall 1993").urls == ("https://books.example/marshall",)
    assert [c.note_labels for c in a.claims] == [("1",), ("2",)]  # {{rp|15}} is no note


def test_a_blank_ref_leaves_its_name_to_the_ref_that_has_the_text():
    a = parse_article(
        "Ports grew in 2023.<ref name=\"p\"> \n </ref> Ships doubled.<ref name=\"p\">"
        "[https://port.example/2023 Port report], 2023.</ref>\n\n== References ==\n{{reflist}}\n",
        "wikitext",
    )
    [note] = a.notes
    assert note.urls == ("https://port.example/2023",)
    assert "Port report" in note.raw


def test_refs_in_an_infobox_are_notes_numbered_before_the_lead():
    # As the Flexbox article: the infobox defines named refs the lead then reuses.
    page = (
        "{{Infobox technology standard\n| title = Flexbox\n"
        "| version = Level 1<ref name=\"v1\">{{Cite web|url=https://spec.example/flex-1/"
        "|title=Flex Level 1|website=W3C}}</ref>\n"
        "| editors = {{Plainlist|\n* Ann Lee<ref name=\"v1\" />\n}}\n}}\n"
        "'''Flexbox''' is a layout model.<ref name=\"v1\" /> It is widely used."
        "<ref>{{Cite web|url=https://caniuse.example/flexbox|title=Flexbox support}}</ref>\n\n"
        "==References==\n{{reflist}}\n"
    )
    a = parse_article(page, "wikitext")
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://spec.example/flex-1/",)), ("2", ("https://caniuse.example/flexbox",))]
    assert "Flex Level 1" in a.note("1").raw
    assert [c.note_labels for c in a.claims] == [("1",), ("2",)]  # the box's text is no claim
    assert "Level 1" not in " ".join(c.text for c in a.claims)


def test_citation_templates_of_other_wikipedias_are_notes():
    # French {{Lien web}} (led by a language template), German {{Internetquelle}}, Spanish
    # {{Cita web}}: the citations English pages write as {{cite web}}, under local names.
    page = (
        "Le port fut agrandi en 1999<ref>{{en}} {{Lien web|titre=Port record|url=http://port.example/"
        "record.html|consulté le=24 février 2006|archive-url=https://web.archive.org/web/2006/"
        "http://port.example/record.html}}</ref>. Der Hafen wuchs.<ref>{{Internetquelle "
        "|url=https://hafen.example/2001 |titel=Hafenbericht 2001 |abruf=2020-05-14}}</ref> "
        "El puerto creció.<ref>{{Cita web |url=https://puerto.example/c |título=Informe}}</ref>\n\n"
        "== Notes et références ==\n{{Références}}\n"
    )
    a = parse_article(page, "wikitext")
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("http://port.example/record.html",
               "https://web.archive.org/web/2006/http://port.example/record.html")),
        ("2", ("https://hafen.example/2001",)),
        ("3", ("https://puerto.example/c",)),
    ]
    assert "Port record" in a.note("1").raw and "Hafenbericht 2001" in a.note("2").raw


def test_a_url_with_words_after_a_space_links_to_the_address_before_them():
    # "url=http://bsd.example/ bsd.example": the template writes [url title], and the
    # link's address ends at the space.
    page = ("Policies came from TrustedBSD.<ref>{{cite web|url=http://bsd.example/ bsd.example"
            "|title=TrustedBSD site}}</ref>\n\n== References ==\n{{reflist}}\n")
    assert parse_article(page, "wikitext").note("1").urls == ("http://bsd.example/",)


def test_a_website_given_as_its_home_page_address_is_no_second_source():
    # "site=https://www.bsd.example/" beside the release page on that site names the site.
    page = ("Version 9.0 came in 2012.<ref>{{Lien web|titre=9.0 release|url=https://www.bsd."
            "example/releases/9.0R/|site=https://www.bsd.example/|périodique=[BSD]}}</ref> "
            "Mirrors list it.<ref>{{cite web|title=Mirror|url=https://mirror.example/bsd"
            "|website=https://www.bsd.example/}}</ref>\n\n== References ==\n{{reflist}}\n")
    a = parse_article(page, "wikitext")
    assert a.note("1").urls == ("https://www.bsd.example/releases/9.0R/",)
    assert "www.bsd.example" in a.note("1").raw
    # Another site's address is a source of its own.
    assert set(a.note("2").urls) == {"https://mirror.example/bsd", "https://www.bsd.example/"}
