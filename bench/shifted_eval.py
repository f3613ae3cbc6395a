"""How often the shifted-notes rule finds a real shift, and how often it invents one.

    python bench/shifted_eval.py PATH.jsonl [--size N] [--folds K] [--hold-aside FRACTION]

There is no labelled set of articles with shifted notes, so this script makes
them from a WiCE-format file (``bench/verify_eval.py`` describes the fields), by
fixed rules and with no randomness:

* **articles**: the claims in a chain where each next claim is the unused one
  sharing most content words with the last (ties by id), cut into articles of
  ``--size`` sentences — so neighbouring sentences are about related things, the
  hard case for a rule that compares a sentence with its neighbours' pages.  Each
  sentence cites one note, whose page is the claim's own WiCE document.
* **right**: the article as it is.  Every run found is a false alarm.
* **shifted +1 / −1**: the notes list one step ahead (note N holds the page of
  sentence N+1; the last note the page of the next article's first sentence) or
  one behind.  The run to find covers every note, at that offset.

Every sentence is verified against its own page and against the pages ``±1``
and ``±2`` notes away (:mod:`citeaudit.shifts` pairs them), once; the rule is then
replayed for each constant setting from the cached verdicts, through
``citeaudit.shifts.candidates`` and ``runs`` themselves.

Figures: *pairs* a run claims at the right offset of a shifted article
(recall: of the pairs a shift makes; precision: of every pair claimed, false
alarms on right articles included) and *articles* with a false run.  The
minimum run length and the margin are then chosen by K-fold cross-validation
over the articles (maximising pair F1 on the other folds; ties go to the
longer run, the wider margin, ``supported``), and the spread of the choice
across folds is printed; so is the variant that lets a ``partially_supported``
neighbour count.  Claims that ``--hold-aside`` sets aside
(the same hash as ``bench/verify_eval.py``) make their own articles, reported
apart and never used to choose.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from contradiction_set import verify
from verify_eval import held_aside

from citeaudit.claims import Claim
from citeaudit.report.model import ClaimReport
from citeaudit.shifts import (
    MAX_OFFSET,
    MIN_RUN,
    NEIGHBOUR_LEAST,
    SHIFT_MARGIN,
    candidates,
    runs,
)
from citeaudit.verify.text import content_stems, fold
from citeaudit.verify.verdict import Label

MIN_RUNS = (2, 3)
"""A run of one pair is the ``misplaced_note`` finding, not a shift: never a choice here."""
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4)
LEAST = (Label.SUPPORTED, Label.PARTIALLY_SUPPORTED)
"""The weakest verdict on the neighbour's page that counts as it fitting."""


def chain(records: list[dict]) -> list[dict]:
    """The records in nearest-topic order (greedy by shared content words, ties by id)."""
    stems = {r["id"]: set(content_stems(fold(r["claim"]))) for r in records}
    left = sorted(records, key=lambda r: r["id"])
    out = [left.pop(0)]
    while left:
        last = stems[out[-1]["id"]]
        best = max(range(len(left)), key=lambda i: (len(last & stems[left[i]["id"]]), -i))
        out.append(left.pop(best))
    return out


def articles(records: list[dict], size: int) -> list[list[dict]]:
    ordered = chain(records)
    return [ordered[i:i + size] for i in range(0, len(ordered) - size + 1, size)]


class Verdicts:
    """Each (claim, page) verdict, computed once."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], object] = {}
        self.docs: dict[str, dict] = {}

    def __call__(self, claim: dict, page_of: str):
        key = (claim["id"], page_of)
        if key not in self.cache:
            doc = self.docs[page_of]["document"]
            self.cache[key] = verify(claim["claim"], doc, claim.get("claim_context"))
        return self.cache[key]


def arrangements(article: list[dict], outside: tuple[dict, dict]) -> dict[str, list[str]]:
    """Each arrangement's note pages (record ids), note i for sentence i."""
    ids = [r["id"] for r in article]
    return {
        "right": ids,
        "+1": [*ids[1:], outside[1]["id"]],
        "-1": [outside[0]["id"], *ids[:-1]],
    }


def evaluate(article: list[dict], pages: list[str], verdicts: Verdicts, min_run: int,
             margin: float, least: Label) -> list:
    """The runs the rule finds when sentence i cites note i whose page is ``pages[i]``."""
    order = [str(i) for i in range(1, len(article) + 1)]
    reports = [ClaimReport(Claim(f"c{i}", r["claim"], (0, 0), (str(i),)),
                           verdicts(r, pages[i - 1])) for i, r in enumerate(article, 1)]
    source_of = {label: pages[int(label) - 1] for label in order}
    pairs = candidates(order, source_of, reports, set(order), max_offset=MAX_OFFSET)
    by_id = {f"c{i}": r for i, r in enumerate(article, 1)}
    verified = [(p, verdicts(by_id[p.claim.claim.id], pages[int(p.note) - 1]), None)
                for p in pairs]
    return list(runs(order, verified, min_run=min_run, margin=margin, least=least))


def score(arts: list[list[dict]], outside: list[tuple[dict, dict]], verdicts: Verdicts,
          min_run: int, margin: float, least: Label) -> dict[str, float]:
    right_pairs = claimed = expected = false_articles = 0
    for article, out in zip(arts, outside, strict=True):
        for name, pages in arrangements(article, out).items():
            found = evaluate(article, pages, verdicts, min_run, margin, least)
            n_pairs = sum(len(r.pairs) for r in found)
            claimed += n_pairs
            if name == "right":
                false_articles += bool(found)
                continue
            expected += len(article) - 1
            want = 1 if name == "+1" else -1
            right_pairs += sum(len(r.pairs) for r in found if r.offset == want)
    precision = right_pairs / claimed if claimed else 1.0
    recall = right_pairs / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "claimed": claimed,
            "false_articles": false_articles, "articles": len(arts)}


def _fold(article: list[dict], k: int) -> int:
    digest = hashlib.sha256(article[0]["id"].encode()).digest()
    return int.from_bytes(digest[:4], "big") % k


def _name(key: tuple[int, float, Label]) -> str:
    least = "supported" if key[2] is Label.SUPPORTED else "partial"
    return f"run {key[0]}, margin {key[1]:.1f}, {least}"


def _line(label: str, s: dict[str, float]) -> str:
    return (f"{label:28} pairs: precision {s['precision']:.2f} recall {s['recall']:.2f} "
            f"F1 {s['f1']:.2f} ({s['claimed']} claimed); right articles with a false run: "
            f"{s['false_articles']} of {s['articles']}")


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--size", type=int, default=6, help="sentences per article")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--hold-aside", type=float, default=0.25, metavar="FRACTION")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"shifted_eval: no such file: {args.path}", file=sys.stderr)
        return 2
    try:
        records = [json.loads(line) for line in args.path.read_text("utf-8").splitlines()
                   if line.strip()]
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        print(f"shifted_eval: {args.path} is not a JSON-lines file: {exc}", file=sys.stderr)
        return 2
    start = time.process_time()
    verdicts = Verdicts()
    verdicts.docs = {r["id"]: r for r in records}
    parts = {}
    for name, keep in (("tuning", False), ("held-aside", True)):
        chosen = [r for r in records if held_aside(r["id"], args.hold_aside) == keep]
        arts = articles(chosen, args.size)
        # Each article's outside pages: the first sentence of the next article and the last
        # of the previous one (wrapping), pages a shifted notes list would pull in.
        outside = [(arts[i - 1][-1], arts[(i + 1) % len(arts)][0]) for i in range(len(arts))]
        parts[name] = (arts, outside)
    grid = {(m, g, least): None for m in MIN_RUNS for g in MARGINS for least in LEAST}
    arts, outside = parts["tuning"]
    folds = [_fold(a, args.folds) for a in arts]
    per_fold: dict[int, dict] = {}
    for k in range(args.folds):
        idx = [i for i, f in enumerate(folds) if f == k]
        per_fold[k] = {key: score([arts[i] for i in idx], [outside[i] for i in idx], verdicts,
                                  *key) for key in grid}
    print(f"##### {args.path.name}: {len(arts)} tuning articles of {args.size} sentences, "
          f"{len(parts['held-aside'][0])} held-aside; offsets ±1..±{MAX_OFFSET}")
    for key in grid:
        total = score(arts, outside, verdicts, *key)
        shipped = (key[0], round(key[1], 6), key[2]) == (
            MIN_RUN, round(SHIFT_MARGIN, 6), NEIGHBOUR_LEAST)
        mark = "  <- citeaudit.shifts" if shipped else ""
        print(_line(_name(key), total) + mark)
    print("cross-validation (chosen on the other folds by pair F1; ties to the stricter):")
    for k in range(args.folds):
        def trained(key: tuple[int, float, Label], k: int = k) -> tuple[float, int, float, bool]:
            pooled = [per_fold[j][key] for j in per_fold if j != k]
            tp = sum(s["precision"] * s["claimed"] for s in pooled)
            claimed = sum(s["claimed"] for s in pooled)
            recall = sum(s["recall"] * s["articles"] for s in pooled) / max(
                1, sum(s["articles"] for s in pooled))
            precision = tp / claimed if claimed else 1.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            return (round(f1, 4), key[0], key[1], key[2] is Label.SUPPORTED)
        best = max(grid, key=trained)
        print("  " + _line(f"fold {k}: {_name(best)}", per_fold[k][best]))
    held, held_out = parts["held-aside"]
    for least in LEAST:
        key = (MIN_RUN, SHIFT_MARGIN, least)
        print(_line(f"held-aside, {_name(key)}", score(held, held_out, verdicts, *key)))
    print(f"({len(verdicts.cache)} verdicts in {time.process_time() - start:.1f} s process CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
