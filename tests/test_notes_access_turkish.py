"""Turkish ways of writing when a source was read."""

from __future__ import annotations

import datetime as dt

from citeaudit.notes import parse_note


def test_gelis_tarihi_is_an_access_label() -> None:
    note = parse_note(
        "Anonim. 2024. “Liman Suyu”. Şirket Tarihi. Geliş tarihi 27 Şubat 2024 "
        "(http://www.liman.example/sirket.html)."
    )
    assert note.access_date == dt.date(2024, 2, 27)


def test_words_apa_date_before_tarihinde_and_adresinden_alindi_is_the_access_date() -> None:
    note = parse_note(
        "Kaya, Z. (2022 , 5 17). Liman Üniversitesi. Ocak 2, 2024 tarihinde liman.example: "
        "https://liman.example/bilgi/universite/ adresinden alındı"
    )
    assert note.access_date == dt.date(2024, 1, 2)
