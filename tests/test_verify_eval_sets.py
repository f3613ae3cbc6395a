"""bench/verify_eval.py on a set of one label with annotated unsupported words: what it counts."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "bench" / "verify_eval.py"

PAGE = ("(meta data) TITLE: Rovers finish third\n"
        "Rovers finished third in the 2016 season.\n"
        "The club was founded in 1921 and plays at Mill Lane.\n")


@pytest.fixture(scope="module")
def ve():
    # Loaded from its path: bench/ is a folder of scripts, not a package on sys.path.
    spec = importlib.util.spec_from_file_location("verify_eval", EVAL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record(rid: str, claim: str, tokens: list[str], marked: list[bool]) -> dict:
    return {"id": rid, "claim": claim, "document": PAGE, "label": "partially_supported",
            "claim_tokens": tokens, "non_supported_spans": marked}


def test_words_the_page_lacks_are_flagged_and_compared_with_the_marked_ones(ve) -> None:
    rec = record("a", "Rovers finished third in the 2016 season under coach Ellis.",
                 ["Rovers", "finished", "third", "in", "the", "2016", "season", "under",
                  "coach", "Ellis", "."],
                 [False] * 8 + [True, True, False])
    rows, _ = ve.evaluate([rec], None, False)
    # Stopwords and punctuation are not counted; "coach" and "Ellis" are marked and missing.
    assert rows[0]["tokens"] == [(False, False), (False, False), (False, False),
                                 (False, False), (False, False), (True, True), (True, True)]


def test_a_marked_word_the_page_states_counts_as_missed(ve) -> None:
    rec = record("b", "Rovers finished third in the 2016 season.",
                 ["Rovers", "finished", "third", "in", "the", "2016", "season", "."],
                 [False, False, True, False, False, False, False, False])
    rows, _ = ve.evaluate([rec], None, False)
    assert (True, False) in rows[0]["tokens"]


def test_a_one_label_file_reports_the_share_kept_off_supported(ve, tmp_path, capsys) -> None:
    records = [
        record("c", "Rovers finished third in the 2016 season under coach Ellis.",
               ["Rovers", "finished", "third", "in", "the", "2016", "season", "under",
                "coach", "Ellis", "."], [False] * 8 + [True, True, False]),
        record("d", "Rovers finished third in the 2016 season.",
               ["Rovers", "finished", "third", "in", "the", "2016", "season", "."],
               [False] * 8),
    ]
    path = tmp_path / "partial.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    assert ve.main([str(path), "--folds", "0"]) == 0
    out = capsys.readouterr().out
    assert "all gold 'partially_supported': 1 of 2 get it; kept off 'supported' 1 of 2" in out
    assert "unsupported words (" in out
