"""Title cues a reader uses on web notes: caption labels, repository and forum parts of a
page title, and a body named by the initials of its domain (issue 13)."""

from citeaudit.notes import parse_note


def test_a_figure_caption_label_is_not_part_of_the_title() -> None:
    note = parse_note(
        "Resim: ATmega328P – Microchip Technology, sf. 158, "
        "http://ww1.microchip.com/downloads/datasheet.pdf, Erişim Tarihi: 25.08.2018"
    )
    assert note.title == "ATmega328P"


def test_a_source_label_in_german_is_dropped_too() -> None:
    note = parse_note(
        "Quelle: Netzausbau – Bundesamt für Netze, https://www.netze.example.de/ausbau/, "
        "abgerufen am 19.05.2025"
    )
    assert note.title == "Netzausbau"


def test_a_repository_name_from_the_url_path_is_stripped_with_the_site() -> None:
    note = parse_note(
        "15. Theme - tui.calendar - GitHub, erişim tarihi Ocak 5, 2026, "
        "https://github.com/nhn/tui.calendar/blob/main/docs/en/apis/theme.md"
    )
    assert note.title == "Theme"


def test_a_title_part_that_is_only_the_page_itself_is_kept() -> None:
    # "theme" is the URL's last segment, the page itself, not a folder naming a project.
    note = parse_note(
        "Styling Guide - Theme, accessed May 5, 2025, https://docs.example.org/guide/theme"
    )
    assert note.title == "Styling Guide - Theme"


def test_a_question_ends_the_title_before_forum_sections() -> None:
    note = parse_note(
        "19. Calendar: recurring events? - General Support - ProcessWire, "
        "erişim tarihi Ocak 5, 2026, https://processwire.com/talk/topic/1432-calendar/"
    )
    assert note.title == "Calendar: recurring events?"


def test_a_leading_body_named_by_its_domain_initials_is_not_the_title() -> None:
    note = parse_note(
        "- [Asian Development Bank - CAREC Transport Strategy 2030]"
        "(https://www.adb.org/documents/carec-transport-strategy-2030)（访问日期：2026-09-18）"
    )
    assert note.title == "CAREC Transport Strategy 2030"
    assert note.access_date is not None and note.access_date.isoformat() == "2026-09-18"


def test_a_leading_phrase_whose_initials_miss_the_domain_stays() -> None:
    note = parse_note(
        "- [Grand Canal Survey - Notes from the 2019 season]"
        "(https://www.adb.org/documents/grand-canal)（访问日期：2026-09-18）"
    )
    assert note.title == "Grand Canal Survey - Notes from the 2019 season"


def test_a_dash_before_the_address_and_an_acronym_site_are_not_the_title() -> None:
    note = parse_note("1. Implement A/B updates — AOSP — https://source.android.com/docs/ota/ab")
    assert note.title == "Implement A/B updates"


def test_a_site_before_a_page_its_url_slug_spells_is_stripped() -> None:
    note = parse_note(
        "- [Wikipedia - Minimum spanning tree](https://en.wikipedia.org/wiki/Minimum_spanning_tree)"
    )
    assert note.title == "Minimum spanning tree"


def test_a_product_named_by_its_host_stays_when_the_slug_does_not_spell_the_rest() -> None:
    # "Flutter" is the host's name, but it is the product the page title begins with.
    note = parse_note("„Flutter — Build apps for any screen“, Google, https://docs.flutter.dev.")
    assert note.title == "Flutter — Build apps for any screen"


def test_a_leading_host_address_in_link_text_is_dropped() -> None:
    note = parse_note(
        "[^2]: Vgl. [gbv.de, Suchoperatoren](https://www.gbv.de/hilfe/suchoperatoren), "
        "zuletzt abgerufen am 14.04.2016"
    )
    assert note.title == "Suchoperatoren"
    assert note.access_date is not None and note.access_date.isoformat() == "2016-04-14"


def test_quotes_around_a_din_title_are_not_part_of_it() -> None:
    note = parse_note("Müller, K.: „Geräte der Jungsteinzeit am Niederrhein“. Köln 2001.")
    assert note.title == "Geräte der Jungsteinzeit am Niederrhein"


def test_guillemets_around_a_din_title_are_not_part_of_it() -> None:
    note = parse_note("Müller, K.: «Geräte der Jungsteinzeit». Köln 2001.")
    assert note.title == "Geräte der Jungsteinzeit"


def test_a_gbt_type_tag_after_an_apa_lead_is_not_part_of_the_title() -> None:
    note = parse_note(
        "[2] Kelly, T. F., & Larson, D. J. Atom probe tomography 2020[J]. "
        "*Annual Review of Materials Research*, 2012, 42: 1–31."
    )
    assert note.title == "Atom probe tomography 2020"


def test_a_bracketed_word_ending_a_title_stays() -> None:
    # Only GB/T 7714's kind-of-work tags are dropped, not any bracket that ends a title.
    note = parse_note("Smith, J. “Notes on the [Redacted]”. Harbour Press, 2020.")
    assert note.title == "Notes on the [Redacted]"


def test_wikipedias_language_tag_before_the_title_is_not_part_of_it() -> None:
    for tag in ("(en)", "(EN)", "(de)"):
        note = parse_note(f"{tag} Harbour lights, su harbour.example.com, 12 marzo 2020.")
        assert note.title == "Harbour lights"




def test_an_apa_date_after_a_blanked_language_tag_is_still_read() -> None:
    # (the lead is read from where the note's text starts, not only from its first column)
    note = parse_note("(en) Harbour lights (2020). Geraadpleegd op 14 maart 2020.")
    assert note.title == "Harbour lights"
