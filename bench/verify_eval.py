"""Measure citeaudit.verify_claim on a WiCE-style claim file (JSON lines).

    python bench/verify_eval.py PATH_TO_JSONL [--folds K] [--semantic NAME]

Prints, for the thresholds in ``citeaudit/verify/thresholds.py`` (in-sample on
the file given) and for k-fold cross-validation (the two label thresholds chosen
on k-1 folds by grid search, scored on the held-out fold): 3-way macro-F1, binary
balanced accuracy (supported vs the rest), evidence hit rate, claims per second
on one core, and the confusion matrix.  Label mapping (the dataset README):
supported → supported, partially_supported → partially_supported, anything else
→ not_supported.  Read ``document.split("\\n")`` so sentence indices match.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from citeaudit.verify import Label, verify_claim
from citeaudit.verify import thresholds as th

LABELS = ("supported", "partially_supported", "not_supported")


def to_gold(label: str) -> str:
    """Map a verdict label to the dataset's three labels."""
    return label if label in ("supported", "partially_supported") else "not_supported"


def relabel(row: dict, sup: float, part: float) -> str:
    """The label verify_claim would give with thresholds ``sup``/``part``."""
    if row["hard"]:
        return "not_supported"
    if row["coverage"] >= sup:
        return "partially_supported" if row["attribution_failed"] else "supported"
    return "partially_supported" if row["coverage"] >= part else "not_supported"


def macro_f1(gold: list[str], pred: list[str]) -> float:
    """Unweighted mean of per-label F1."""
    f1s = []
    for lab in LABELS:
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def balanced_accuracy(gold: list[str], pred: list[str]) -> float:
    """Mean recall of 'supported' and 'not supported' in the binary view."""
    pos = [p == "supported" for g, p in zip(gold, pred, strict=True) if g == "supported"]
    neg = [p != "supported" for g, p in zip(gold, pred, strict=True) if g != "supported"]
    return (sum(pos) / max(len(pos), 1) + sum(neg) / max(len(neg), 1)) / 2


def confusion(gold: list[str], pred: list[str]) -> str:
    """Rows gold, columns predicted."""
    head = "gold \\ pred".ljust(22) + "".join(lab[:9].rjust(11) for lab in LABELS)
    lines = [head]
    for g in LABELS:
        counts = [sum(1 for a, b in zip(gold, pred, strict=True) if a == g and b == p)
                  for p in LABELS]
        lines.append(g.ljust(22) + "".join(str(c).rjust(11) for c in counts))
    return "\n".join(lines)


def grid() -> list[tuple[float, float]]:
    """Candidate (supported, partial) threshold pairs."""
    steps = [i / 100 for i in range(20, 101, 2)]
    return [(s, p) for s in steps for p in steps if p < s]


def fit(rows: list[dict]) -> tuple[float, float]:
    """Thresholds maximising macro-F1 on ``rows`` (ties: the pair nearest the middle)."""
    gold = [r["gold"] for r in rows]
    best, best_pair = -1.0, (th.SUPPORTED_MIN, th.PARTIAL_MIN)
    for s, p in grid():
        f = macro_f1(gold, [relabel(r, s, p) for r in rows])
        if f > best + 1e-9:
            best, best_pair = f, (s, p)
    return best_pair


def evaluate(records: list[dict], semantic: str | None) -> tuple[list[dict], float]:
    """Run the verifier once per record; returns per-claim rows and claims per second."""
    scorer = None
    if semantic:
        from citeaudit.verify.semantic import load_scorer
        scorer = load_scorer(semantic)
    rows = []
    start = time.process_time()
    for rec in records:
        doc = rec["document"]
        kwargs = {"context": rec.get("claim_context")}
        if scorer is not None:
            kwargs["semantic"] = scorer
        verdict = verify_claim(rec["claim"], doc, **kwargs)
        lines = doc.split("\n")
        line_starts, pos = [], 0
        for line in lines:
            line_starts.append(pos)
            pos += len(line) + 1
        hit_lines = set()
        if verdict.evidence:
            top = verdict.evidence[0]
            hit_lines = {i for i, s in enumerate(line_starts)
                         if s < top.end and s + len(lines[i]) > top.start}
        gold_lines = set(rec.get("evidence_sentence_indices_union") or [])
        rows.append({
            "gold": rec["label"] if rec["label"] in LABELS[:2] else "not_supported",
            "pred": to_gold(verdict.label.value),
            "coverage": verdict.coverage,
            "hard": verdict.label in (Label.CONTRADICTED, Label.UNVERIFIABLE),
            "attribution_failed": any(c.kind == "attribution" and not c.ok
                                      for c in verdict.checks),
            "evidence_hit": bool(hit_lines & gold_lines) if gold_lines else None,
            "label": verdict.label.value,
        })
    elapsed = time.process_time() - start
    return rows, len(records) / elapsed if elapsed else float("inf")


def report(title: str, gold: list[str], pred: list[str]) -> None:
    """Print the headline figures and the confusion matrix."""
    print(f"== {title}")
    print(f"macro-F1 (3-way)            {macro_f1(gold, pred):.3f}")
    print(f"balanced accuracy (binary)  {balanced_accuracy(gold, pred):.3f}")
    print(confusion(gold, pred))


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--semantic", default=None, help="model name for the optional backend")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.path.read_text().splitlines() if line.strip()]
    rows, rate = evaluate(records, args.semantic)
    gold = [r["gold"] for r in rows]
    print(f"{len(rows)} claims, {rate:.1f} claims/s (process CPU time, one core)")
    hits = [r["evidence_hit"] for r in rows if r["evidence_hit"] is not None]
    print(f"evidence hit rate (top passage holds a gold evidence line): "
          f"{sum(hits) / len(hits):.3f} over {len(hits)} claims with gold evidence")
    counts = {lab: sum(r["label"] == lab for r in rows) for lab in Label}
    print("verdicts:", ", ".join(f"{k.value} {v}" for k, v in counts.items()))
    report(f"in-sample (thresholds.py: supported ≥ {th.SUPPORTED_MIN}, "
           f"partial ≥ {th.PARTIAL_MIN})", gold, [r["pred"] for r in rows])
    best = fit(rows)
    report(f"in-sample, best thresholds on this file {best}", gold,
           [relabel(r, *best) for r in rows])
    if args.folds > 1:
        order = list(range(len(rows)))
        random.Random(args.seed).shuffle(order)
        folds = [order[i::args.folds] for i in range(args.folds)]
        pred = [""] * len(rows)
        chosen = []
        for k, held in enumerate(folds):
            train = [rows[i] for j, f in enumerate(folds) if j != k for i in f]
            pair = fit(train)
            chosen.append(pair)
            for i in held:
                pred[i] = relabel(rows[i], *pair)
        report(f"{args.folds}-fold cross-validation (thresholds per fold: {chosen})", gold, pred)
    return 0


if __name__ == "__main__":
    sys.exit(main())
