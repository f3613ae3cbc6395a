"""Rules from the twenty-first round of real notes (German first, titles mostly in plain text: a
Python course's numbered *Literatur*, IEEE *Quellen* with *Zugegriffen:*, *Verfügbar unter:*
lists, an epigraphy database's German supplements to CIL, Markdown links with *abgerufen am*;
Japanese and Korean link lists)."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.notes import parse_note


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "[4] „Hafenordnung Kiel“, Stadt Kiel. Zugegriffen: 3. März 2025. [Online]. "
            "Verfügbar unter: https://example.org/hafen",
            dt.date(2025, 3, 3),
        ),
        # Austrian German names January "Jänner".
        (
            "„Fährplan“, Linz AG. Zugegriffen: 8. Jänner 2026. https://example.org/faehre",
            dt.date(2026, 1, 8),
        ),
        ("Pegelstände, zugegriffen am 12.04.2024, https://example.org/pegel", dt.date(2024, 4, 12)),
    ],
)
def test_zugegriffen_labels_the_access_date(raw: str, expected: dt.date) -> None:
    assert parse_note(raw).access_date == expected


def test_a_date_after_a_word_like_zugegriffen_is_no_access_date() -> None:
    # Guard: the word inside a sentence about something else, with no date after it.
    note = parse_note("Müller, A. (2019). Zugegriffen und verworfen. Kiel: Hafenverlag.")
    assert note.access_date is None
