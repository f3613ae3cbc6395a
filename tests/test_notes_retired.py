"""Rules learnt from the misses of the two retired asides (``notes_realworld_retired13`` and
``retired14``, asides 13 and 14 until 4 December 2026; issue #13).  Every note here is made
up in the shape of a style, not copied from the data; each rule has guards for neighbouring
shapes that must read as before."""

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
