"""bench/unit_agreement.py: each claim unit gets the route the verifier counted it by, a
token the annotators marked marks its unit, and held-aside records are never read (the
per-route figures in docs/verification.md rest on it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.scripts import BENCH, load_script

PAGE = ("Harbour festival report\n"
        "The festival drew 42,000 visitors, who purchased tickets at the gate.\n"
        "Mara Quist opened the final night.\n")


@pytest.fixture(scope="module")
def ua():
    return load_script(BENCH / "unit_agreement.py")


def rows_of(ua, rec: dict) -> list:
    with ua.recording() as seen:
        (row,), _ = ua.verify_eval.evaluate([rec], None, False)
    return ua.study_claim(rec, row, seen)


def test_each_unit_gets_the_route_it_was_counted_by(ua):
    rec = {"id": "a", "claim": "The festival drew 42,000 visitors, who bought tickets in 1994.",
           "document": PAGE, "label": "partially_supported"}
    routes = {r.text: (r.kind, r.route) for r in rows_of(ua, rec)}
    assert routes["42,000"] == ("figure", "value")
    assert routes["festival"] == ("word", "exact")
    assert routes["bought"] == ("word", "synonym")
    assert routes["1994"] == ("date", "missing")


def test_a_marked_token_marks_its_unit_and_only_it(ua):
    rec = {"id": "b", "claim": "Mara Quist opened the first night.", "document": PAGE,
           "label": "partially_supported",
           "claim_tokens": ["Mara", "Quist", "opened", "the", "first", "night", "."],
           "non_supported_spans": [False, False, True, False, False, False, False]}
    marked = {r.text: r.marked for r in rows_of(ua, rec)}
    assert marked == {"Mara": False, "Quist": False, "opened": True, "night": False}


def test_dropping_a_needed_unit_counts_against_its_route(ua):
    rec = {"id": "c", "claim": "Mara Quist opened the final night.", "document": PAGE,
           "label": "supported"}
    rows = {r.text: r for r in rows_of(ua, rec)}
    assert rows["Quist"].flip == -1  # without it, a supported claim would be capped


def test_held_aside_records_are_skipped(ua, tmp_path: Path, capsys):
    ids = [f"rec{i}" for i in range(40)]
    aside = [i for i in ids if ua.verify_eval.held_aside(i, 0.25)]
    assert aside and len(aside) < len(ids)
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "claim": "Mara Quist opened the night.",
                                          "document": PAGE, "label": "supported"})
                              for i in ids), "utf-8")
    assert ua.main([str(path)]) == 0
    assert f"tuning part ({len(ids) - len(aside)} claims)" in capsys.readouterr().out


def test_an_unreadable_file_is_a_one_line_error(ua, tmp_path: Path, capsys):
    assert ua.main([str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err
