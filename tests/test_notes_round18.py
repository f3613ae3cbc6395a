"""Rules from the eighteenth round of real notes, whose titles are in plain text: APA's URL
label glued to the title's stop (``Title.Retrieved from Site: url``), a tagged run into a bare
DOI (ResearchGate's export), …"""

from __future__ import annotations

import pytest

from citeaudit.notes import parse_note


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # No space after the title's stop: "Retrieved from" still opens the next element.
        (
            "- Marlow, K. (2019, June 2). How ferries keep their timetables.Retrieved from "
            "Harbour Weekly: https://example.org/ferries",
            "How ferries keep their timetables",
        ),
        (
            "Olsen, T. (2014, May). Tide Tables.Retrieved from Coastal Data Portal -Archive of "
            "Measurements: http://example.com/tides/",
            "Tide Tables",
        ),
        (
            "Ruiz, A. (2021). Mapas del viento.Recuperado de Atlas Abierto: https://example.es/v",
            "Mapas del viento",
        ),
    ],
)
def test_a_url_label_glued_to_the_title_stop_ends_the_title(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # ResearchGate's export: names, year, title, then a bare DOI (no "doi:" before it).
        (
            "* **[7]** Ortega, Ana & Lind, Per. (2019). Comparison of Sensor Networks for Bridge "
            "Monitoring in Cold Climates. 10.22260/ISARC2019/0101.",
            "Comparison of Sensor Networks for Bridge Monitoring in Cold Climates",
        ),
    ],
)
def test_a_bare_doi_after_the_title_is_not_part_of_it(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected
