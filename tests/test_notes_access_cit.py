"""Czech and Slovak ISO 690 give the access date as ``[cit. YYYY-MM-DD]`` / ``[vid. …]``."""

from __future__ import annotations

import datetime as dt

from citeaudit.notes import parse_note


def test_a_bracketed_cit_date_is_the_day_the_source_was_read() -> None:
    raw = "Přílivy. Online. Dostupné z: https://tides.example/cz/. [cit. 2025-12-11]."
    assert parse_note(raw).access_date == dt.date(2025, 12, 11)


def test_a_bracketed_vid_date_is_the_day_the_source_was_read() -> None:
    raw = "NOVÁK, Jan. Mapy přístavů [online]. [vid. 2021-04-29]. Dostupné z: https://maps.example/"
    assert parse_note(raw).access_date == dt.date(2021, 4, 29)

