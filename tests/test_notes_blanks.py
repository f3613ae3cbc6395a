"""A long run of blanks in a note is read as a short one (hostile notes stay linear)."""

from __future__ import annotations

from citeaudit.notes import parse_note
from citeaudit.notes.text import squeeze_blanks

NOTE = "Smith, J.,{gap}& Doe, K. (2020). A title here. Journal, 3(2), 1-2. https://a.org/x"


def test_a_long_run_of_blanks_is_cut_to_32_and_keeps_its_line_break():
    assert squeeze_blanks("a" + " " * 100 + "b") == "a" + " " * 32 + "b"
    assert squeeze_blanks("a" + " " * 100 + "\n" + " " * 10 + "b") == "a" + " " * 32 + "\nb"
    assert squeeze_blanks("a" + " " * 63 + "b") == "a" + " " * 63 + "b"  # short runs stay


def test_a_note_with_a_huge_gap_reads_as_with_a_small_one():
    huge = parse_note(NOTE.format(gap=" \t" * 2_000))
    small = parse_note(NOTE.format(gap=" \t" * 16))
    assert (huge.title, huge.urls, huge.authors) == (small.title, small.urls, small.authors)
    assert huge.title == "A title here"
    assert huge.raw == NOTE.format(gap=" \t" * 2_000)  # the note as written is kept
