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


def test_e_t_colon_without_the_second_full_stop_is_still_erisim_tarihi() -> None:
    note = parse_note("Kaya Z., “Liman Kentleri”, Deniz Dergisi, Sayı 3 (E.T: 05.04.2021)")
    assert note.access_date == dt.date(2021, 4, 5)


def test_a_capital_e_and_t_inside_a_word_is_no_access_label() -> None:
    note = parse_note("Rapor, E.Tarım Yayınları: 05.04.2021 baskısı.")
    assert note.access_date is None
