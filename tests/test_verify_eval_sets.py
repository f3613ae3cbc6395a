"""bench/verify_eval.py on a set of one label with annotated unsupported words: what it counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.scripts import load_script

EVAL = Path(__file__).resolve().parent.parent / "bench" / "verify_eval.py"

PAGE = ("(meta data) TITLE: Rovers finish third\n"
        "Rovers finished third in the 2016 season.\n"
        "The club was founded in 1921 and plays at Mill Lane.\n")


@pytest.fixture(scope="module")
def ve():
    return load_script(EVAL)


def record(rid: str, claim: str, tokens: list[str], marked: list[bool]) -> dict:
    return {"id": rid, "claim": claim, "document": PAGE, "label": "partially_supported",
            "claim_tokens": tokens, "non_supported_spans": marked}


def run_on(ve, records: list[dict], path: Path, capsys) -> str:
    """What verify_eval prints for ``records`` written to ``path`` (no cross-validation)."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    assert ve.main([str(path), "--folds", "0"]) == 0
    return capsys.readouterr().out


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
    out = run_on(ve, records, tmp_path / "partial.jsonl", capsys)
    assert "all gold 'partially_supported': 1 of 2 get it; kept off 'supported' 1 of 2" in out
    assert "unsupported words (" in out


URL_PAGES = ("(meta data) URL: https://example.org/rovers\n"
             "Rovers finished third in the 2016 season.\n"
             "(meta data) URL: https://example.org/ground\n"
             "The club plays at Mill Lane.")


def test_url_headed_pages_are_split_and_the_url_is_not_page_text(ve) -> None:
    pages = ve.split_pages(URL_PAGES)
    assert [(first, url) for first, _, _, url in pages] == [
        (1, "https://example.org/rovers"), (3, "https://example.org/ground")]
    assert [text for _, text, _, _ in pages] == [
        "Rovers finished third in the 2016 season.", "The club plays at Mill Lane."]
    # One page with a URL line is still read without it.
    assert ve.split_pages(URL_PAGES.split("\n(meta data) URL: https://example.org/ground")[0]) \
        == [(1, "Rovers finished third in the 2016 season.", None, "https://example.org/rovers")]
    # A WiCE document with one title line stays one page, title line included.
    assert ve.split_pages(PAGE) == [(0, PAGE, None, None)]


def test_a_two_label_file_is_scored_in_the_binary_view(ve, tmp_path, capsys) -> None:
    def rec(rid: str, claim: str, label: str) -> dict:
        return {"id": rid, "claim": claim, "document": URL_PAGES, "label": label}
    records = [rec("s", "Rovers finished third in the 2016 season.", "supported"),
               # Partly stated: a partial verdict is right in the binary view.
               rec("n", "Rovers finished third in the 2016 season under coach Ellis.",
                   "not_supported")]
    out = run_on(ve, records, tmp_path / "binary.jsonl", capsys)
    assert "macro-F1 (binary, partial counted as not supported) 1.000" in out
    assert "balanced accuracy (binary) 1.000" in out
    assert "partially_supported  precision" not in out


def rows_at(coverages: list[tuple[float, str]]) -> list[dict]:
    """Rows as verify_eval keeps them, from (coverage, gold label) pairs."""
    from citeaudit.verify.core import Assessment
    return [{"gold": gold, "assessment": Assessment(cov, cov)} for cov, gold in coverages]


def test_pooled_fit_finds_the_one_cut_off_that_serves_every_set(ve) -> None:
    # Set a alone is separated by any cut-off in (0.70, 0.95]; set b by one in (0.40, 0.75].
    a = rows_at([(0.95, "supported"), (0.96, "supported"), (0.70, "not_supported"),
                 (0.69, "not_supported")])
    b = rows_at([(0.75, "supported"), (0.76, "supported"), (0.40, "not_supported"),
                 (0.41, "not_supported")])
    assert ve.fit(a, ve.BINARY).supported == 0.82  # the default is among a's best
    t = ve.pooled_fit({"a": a, "b": b})
    assert 0.70 < t.supported <= 0.75


def test_pooled_cross_validation_reports_each_file_on_its_own(ve, tmp_path, capsys) -> None:
    def rec(rid: str, claim: str, label: str) -> dict:
        return {"id": rid, "claim": claim, "document": PAGE, "label": label}
    stated = "Rovers finished third in the 2016 season."
    unstated = "Rovers finished third in the 2016 season under coach Ellis at Deepdale."
    one = [rec(f"x{i}", stated, "supported") for i in range(3)] + \
        [rec(f"y{i}", unstated, "not_supported") for i in range(3)]
    two = [rec(f"u{i}", stated, "supported") for i in range(3)] + \
        [rec(f"v{i}", unstated, "not_supported") for i in range(3)]
    partial = [rec("p0", unstated, "partially_supported"),
               rec("p1", unstated, "partially_supported")]
    paths = []
    for name, records in (("one.jsonl", one), ("two.jsonl", two), ("part.jsonl", partial)):
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
        paths.append(str(tmp_path / name))
    assert ve.main([*paths, "--folds", "2", "--pooled"]) == 0
    out = capsys.readouterr().out.split("##### pooled 2-fold cross-validation")[1]
    assert "one.jsonl: pooled CV macro-F1 1.000 balanced accuracy 1.000" in out
    assert "two.jsonl: pooled CV macro-F1 1.000 balanced accuracy 1.000" in out
    assert "part.jsonl (one label, not fitted on): kept off 'supported'" in out
    assert "2 of 2" in out


def test_leave_one_set_out_scores_each_set_with_the_cut_offs_of_the_others(ve, capsys) -> None:
    # Sets a and b are separated by any cut-off in (0.70, 0.95]; set c only by one in
    # (0.40, 0.65].  Left out, c gets the others' cut-off and calls nothing supported.
    def set_at(hi: float, lo: float) -> list[dict]:
        return rows_at([(hi, "supported")] * 3 + [(lo, "not_supported")] * 3)
    tunes = {"a": set_at(0.95, 0.70), "b": set_at(0.96, 0.71), "c": set_at(0.65, 0.40),
             "one": rows_at([(0.90, "partially_supported")])}
    out = ve.leave_one_out(tunes, {}, 2, 0)
    assert out["a"] == (1.0, 1.0) and out["b"] == (1.0, 1.0)
    assert out["c"][1] == 0.5  # every claim of c below the cut-off chosen on a and b
    printed = capsys.readouterr().out
    assert "c left out: cut-offs (0.82" in printed
    assert "left-out bal.acc.: mean 0.833" in printed
    assert "one (one label, never fitted on): kept off 'supported'" in printed


def test_leave_one_set_out_needs_three_sets_of_two_labels(ve, capsys) -> None:
    rows = rows_at([(0.95, "supported"), (0.40, "not_supported")] * 2)
    assert ve.leave_one_out({"a": rows, "b": rows}, {}, 2, 0) == {}
    assert "needs three files of two labels" in capsys.readouterr().out
