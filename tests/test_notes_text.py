"""The note parser's shared text steps: the note lower-cased once for every finder."""

from __future__ import annotations

from citeaudit.notes import parse_note
from citeaudit.notes.text import lowered


def test_lowered_is_each_strings_own_lower_case_whatever_was_asked_before():
    first = "“Grain Corridor”, Hürriyet, https://WWW.Example.COM/A"
    second = "Retrieved 3 MAY 2021 from İSTANBUL"
    assert lowered(first) == first.lower()
    assert lowered(second) == second.lower()
    assert lowered(first) == first.lower()  # asked again after another string
    assert lowered(first) == first.lower()  # and kept


def test_notes_parsed_one_after_another_keep_their_own_urls_and_access_dates():
    # The finders share one lower-cased note: each note must still be read as itself.
    one = parse_note("Port log, https://ONE.example/a, accessed 3 May 2021.")
    two = parse_note("Harbour log, WWW.TWO.example, Erişim tarihi: 4 June 2022.")
    assert one.urls == ("https://ONE.example/a",)
    assert str(one.access_date) == "2021-05-03"
    assert two.urls == ("http://WWW.TWO.example",)
    assert str(two.access_date) == "2022-06-04"


def test_a_locator_is_read_wherever_its_number_stands():
    # The locator scan starts just before the note's first digit.
    assert parse_note("Smith, Harbours of the North Sea, Press, sayfa. 4.").locator == "sayfa. 4"
    assert parse_note("Smith, Harbours, p. 12, of the North Sea in 1999.").locator == "p. 12"
    late = parse_note("Smith, " + "Harbours of the North Sea and Baltic, " * 5 + "pp. 3–9.")
    assert late.locator == "pp. 3–9"
    assert parse_note("Smith, Harbours of the North Sea, Press.").locator is None
