"""Choose the cosine calibration of ``model:wordllama`` by k-fold cross-validation.

    python bench/fit_model_calibration.py PATH_TO_JSONL [--folds 5] [--hold-aside 0.25]

The backend blends ``calibration(best cosine)`` into the lexical coverage with the
project's fixed weight (``thresholds.SEMANTIC_WEIGHT``) and decides the label with the
lexical thresholds as shipped; what it owns is the line from cosine to score
(:class:`citeaudit.verify.wordllama.Calibration`: ``floor`` → 0, ``ceiling`` → 1).

Each claim is assessed once lexically and its passages' best raw cosine recorded (the
same passages the backend scores: the chosen evidence together and the BM25 top few).
On each of k folds of the tuning part the (floor, ceiling) pair maximising macro-F1 on
the other folds is chosen from a grid, and the held-out fold is scored with it; the
spread across folds and each fold's choice are printed.  Then the pair is chosen on the
whole tuning part — the constants to ship — and the held-aside part (chosen by a hash of
the record id, as in ``bench/verify_eval.py``) is scored once with it, beside lexical.
Finally the real backend is run with that pair on every claim to confirm the replayed
labels are the labels it gives.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from verify_backends_eval import gold_of, three_way
from verify_eval import balanced_accuracy, held_aside, macro_f1

from citeaudit.verify import thresholds as th
from citeaudit.verify.core import Assessment, SourceDoc, assess_claim, decide
from citeaudit.verify.wordllama import Calibration, WordLlamaScorer


class BestCosine:
    """A scorer that scores nothing (0 for every passage) and keeps the best raw cosine.

    Scoring 0 leaves the assessment's other features as the lexical run gives them; the
    coverage is then ``(1 - W) × lexical``, from which the lexical coverage is read back.
    """

    name = "wordllama-probe"

    def __init__(self, model: WordLlamaScorer) -> None:
        self.model = model
        self.best = 0.0

    def score(self, claim: str, passages: Sequence[str]) -> list[float]:
        """Zeros; records the best cosine."""
        cosines = self.model.cosines(claim, passages)
        self.best = max(cosines, default=0.0)
        return [0.0] * len(cosines)


@attrs.frozen
class Row:
    """One claim: its gold label, the lexical assessment and its passages' best cosine."""

    gold: str
    lexical: Assessment | None
    fallback: str
    cosine: float


def collect(records: list[dict], model: WordLlamaScorer) -> list[Row]:
    """Assess every record once, recording the best cosine of its passages."""
    rows = []
    for record in records:
        probe = BestCosine(model)
        probe.best = 0.0
        verdict, assessment = assess_claim(record["claim"], [SourceDoc(record["document"])],
                                           context=record.get("claim_context") or None,
                                           semantic=probe)
        if assessment is not None:
            lexical = assessment.coverage / (1 - th.SEMANTIC_WEIGHT)
            assessment = attrs.evolve(assessment, coverage=lexical)
        rows.append(Row(gold_of(record), assessment, three_way(verdict.label.value),
                        probe.best))
    return rows


@attrs.frozen
class Blend:
    """What is chosen: the cosine's line and its weight in the support measure."""

    calibration: Calibration
    weight: float = th.SEMANTIC_WEIGHT

    def __str__(self) -> str:
        return (f"floor {self.calibration.floor:.2f} ceiling {self.calibration.ceiling:.2f} "
                f"weight {self.weight:.2f}")


def label(row: Row, blend: Blend | None) -> str:
    """The three-way label the backend gives under ``blend`` (None: lexical alone)."""
    if row.lexical is None:
        return row.fallback
    coverage = row.lexical.coverage
    if blend is not None:
        coverage = (1 - blend.weight) * coverage + blend.weight * blend.calibration(row.cosine)
    return three_way(decide(attrs.evolve(row.lexical, coverage=coverage))[0].value)


def grid(weights: Sequence[float]) -> list[Blend]:
    """Candidate blends: floor and ceiling on a 0.05 grid of [0, 1], floor below ceiling,
    at each weight."""
    steps = [i / 20 for i in range(21)]
    return [Blend(Calibration(f, c), w) for w in weights for f in steps for c in steps
            if f < c]


def scores(rows: list[Row], blend: Blend | None) -> tuple[float, float]:
    """Macro-F1 and balanced accuracy of ``rows`` under ``blend``."""
    gold = [r.gold for r in rows]
    pred = [label(r, blend) for r in rows]
    return macro_f1(gold, pred), balanced_accuracy(gold, pred)


def fit(rows: list[Row], weights: Sequence[float]) -> Blend:
    """The blend maximising macro-F1 on ``rows``; ties go to the lighter weight, then the
    widest line (the mildest)."""
    def mildness(blend: Blend) -> tuple[float, float]:
        return blend.weight, blend.calibration.floor - blend.calibration.ceiling

    best, chosen = -1.0, Blend(Calibration(0.0, 1.0), max(weights))
    for candidate in grid(weights):
        f1 = scores(rows, candidate)[0]
        milder = mildness(candidate) < mildness(chosen)
        if f1 > best + 1e-9 or (abs(f1 - best) <= 1e-9 and milder):
            best, chosen = f1, candidate
    return chosen


def cross_validate(rows: list[Row], folds: int, seed: int, weights: Sequence[float]) -> None:
    """k folds: fit on the others, score the held-out fold; print each and the spread."""
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    parts = [order[i::folds] for i in range(folds)]
    ours, theirs = [], []
    for k, held in enumerate(parts):
        train = [rows[i] for j, part in enumerate(parts) if j != k for i in part]
        test = [rows[i] for i in held]
        blend = fit(train, weights)
        ours.append(scores(test, blend))
        theirs.append(scores(test, None))
        print(f"  fold {k + 1}: {blend}  wordllama F1 {ours[-1][0]:.3f} BA {ours[-1][1]:.3f}"
              f"  | lexical F1 {theirs[-1][0]:.3f} BA {theirs[-1][1]:.3f}  ({len(test)} claims)")
    for name, figures in (("wordllama", ours), ("lexical", theirs)):
        f1s, bas = [f for f, _ in figures], [b for _, b in figures]
        print(f"  {name:<9} CV macro-F1 {statistics.mean(f1s):.3f} ± {statistics.stdev(f1s):.3f}"
              f" (min {min(f1s):.3f}, max {max(f1s):.3f}); BA {statistics.mean(bas):.3f} ± "
              f"{statistics.stdev(bas):.3f} (min {min(bas):.3f})")


def confirm(records: list[dict], rows: list[Row], blend: Blend, model: WordLlamaScorer
            ) -> None:
    """Run the real backend with ``blend``: its labels must be the replayed ones."""
    scorer = WordLlamaScorer(blend.calibration)
    scorer._model = model._model  # one load of the weights is enough
    from citeaudit.verify.core import verify_claim

    start = time.perf_counter()
    differ = 0
    for record, row in zip(records, rows, strict=True):
        verdict = verify_claim(record["claim"], record["document"],
                               context=record.get("claim_context") or None, semantic=scorer)
        differ += three_way(verdict.label.value) != label(row, blend)
    rate = len(records) / (time.perf_counter() - start)
    print(f"-- confirmed on the real backend: {differ} of {len(records)} labels differ from "
          f"the replay ({rate:.1f} claims/s wall, under contention)")


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hold-aside", type=float, default=0.25, metavar="FRACTION",
                        help="share set aside by record id, scored once at the end")
    parser.add_argument("--weight", type=float, action="append", dest="weights",
                        help="a weight of the model's score to choose among (repeatable; "
                             f"default: the backend's fixed {th.SEMANTIC_WEIGHT}); the backend "
                             "itself blends at that fixed weight only")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"fit_model_calibration: no such file: {args.path}", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in args.path.read_text("utf-8").splitlines()
               if line.strip()]
    model = WordLlamaScorer()
    rows = collect(records, model)
    aside = [held_aside(str(r.get("id", i)), args.hold_aside) for i, r in enumerate(records)]
    tune = [row for row, out in zip(rows, aside, strict=True) if not out]
    kept = [row for row, out in zip(rows, aside, strict=True) if out]
    print(f"##### {args.path.name}: {len(tune)} claims to tune on, {len(kept)} set aside "
          f"(weight {th.SEMANTIC_WEIGHT}, lexical thresholds as shipped)")
    weights = args.weights or [th.SEMANTIC_WEIGHT]
    cross_validate(tune, args.folds, args.seed, weights)
    blend = fit(tune, weights)
    print(f"-- fitted on the whole tuning part: {blend}; tuning part F1/BA "
          f"{'/'.join(f'{x:.3f}' for x in scores(tune, blend))}")
    if kept:
        print(f"-- aside part ({len(kept)} claims), once: wordllama F1/BA "
              f"{'/'.join(f'{x:.3f}' for x in scores(kept, blend))}; lexical "
              f"{'/'.join(f'{x:.3f}' for x in scores(kept, None))}")
    if blend.weight == th.SEMANTIC_WEIGHT:
        confirm(records, rows, blend, model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
