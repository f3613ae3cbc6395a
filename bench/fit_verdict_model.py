"""Fit, and compare with the thresholds, a small logistic verdict model (issue #12 experiment).

    python bench/fit_verdict_model.py DEV.jsonl PARTIAL.jsonl [--hold-aside 0.25] [--folds 5]
        [--stated]

The lexical verifier decides ``supported`` / ``partially_supported`` / ``not_found`` from a
few per-claim features (:class:`citeaudit.verify.core.Assessment`): the weighted share of
the claim found, the shares of its least- and best-stated statements, the share found in
its best single passage, and whether a cap fired.  ``thresholds.py`` turns them into a
label with hand-shaped rules and CV-chosen cut-offs.  This script asks whether a
regularised multinomial logistic model over the same features generalises better.

Protocol (deterministic: fixed folds, lbfgs, no random state used):

* the tuning part of DEV is the records ``verify_eval.held_aside`` does not set aside;
* outer ``--folds``-fold CV on it, with the same fold split as ``verify_eval.py``; in each
  fold the thresholds are grid-searched (``verify_eval.fit``) and the model's ``C`` and
  class weighting are chosen by an inner 4-fold CV on the training folds, both for macro-F1;
* then both are fitted on the whole tuning part and scored once on the held-aside part
  and on PARTIAL (claims from WiCE's train split, all gold ``partially_supported``);
* contradicted / unverifiable stay rule-decided, and a cap still caps (a model
  ``supported`` with a cap becomes ``partially_supported``), exactly as in ``decide``.

scikit-learn is used here only; it is not a dependency of citeaudit.  The coefficients it
prints are what would be shipped as constants if the model won.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import warnings
from pathlib import Path

import numpy as np
import verify_eval as ve
from sklearn.linear_model import LogisticRegression

from citeaudit.verify import thresholds as th
from citeaudit.verify.core import Assessment, Thresholds

CLASSES = ("supported", "partially_supported", "not_supported")
FEATURES = ("coverage", "statement_min", "statement_max", "passage", "capped")
STATED_FEATURE = "stated"
"""``--stated``: also the indicator the rules use to keep a claim off ``not_found`` (one of
several statements stated in full), which a linear model cannot draw from ``statement_max``."""
C_GRID = (0.01, 0.1, 1.0, 10.0, 100.0)
WEIGHTS = (None, "balanced")


USE_STATED = False


def features(a: Assessment) -> list[float]:
    """The features the verdict is decided from, as numbers (all in [0, 1])."""
    out = [a.coverage, a.statement_min, a.statement_max, a.passage, float(bool(a.caps))]
    if USE_STATED:
        out.append(float(a.statement_max >= th.STATED_MIN))
    return out


def rule_decided(row: dict) -> bool:
    """Rows the model does not label: no assessment, or a veto fired."""
    a = row["assessment"]
    return a is None or a.contradiction is not None


def model_label(row: dict, model: LogisticRegression | None) -> str:
    """The 3-way label under the model, with the rules the model does not replace."""
    a: Assessment | None = row["assessment"]
    if model is None or rule_decided(row):
        return ve.relabel(row, Thresholds())
    assert a is not None
    label = str(model.predict(np.array([features(a)]))[0])
    if label == "supported" and a.caps:
        return "partially_supported"
    return label


def fit_model(rows: list[dict], c: float, weight: str | None) -> LogisticRegression | None:
    """A multinomial L2 logistic model on the model-decided rows (None: too few classes)."""
    train = [r for r in rows if not rule_decided(r)]
    y = [r["gold"] for r in train]
    if len(set(y)) < 2:
        return None
    model = LogisticRegression(C=c, class_weight=weight, max_iter=5000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(np.array([features(r["assessment"]) for r in train]), y)
    return model


def split(n: int, folds: int, seed: int) -> list[list[int]]:
    """The fold split ``verify_eval.cross_validate`` uses."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[i::folds] for i in range(folds)]


def choose(rows: list[dict]) -> tuple[float, str | None]:
    """``C`` and class weighting by inner 4-fold CV for macro-F1 (ties: smaller C first)."""
    parts = split(len(rows), 4, 1)
    best, best_hp = -1.0, (1.0, None)
    for c, w in itertools.product(C_GRID, WEIGHTS):
        pred = [""] * len(rows)
        for k, held in enumerate(parts):
            model = fit_model([rows[i] for j, f in enumerate(parts) if j != k for i in f], c, w)
            for i in held:
                pred[i] = model_label(rows[i], model)
        score = ve.macro_f1([r["gold"] for r in rows], pred)
        if score > best + 1e-9:
            best, best_hp = score, (c, w)
    return best_hp


def cross_validate(rows: list[dict], folds: int, seed: int) -> None:
    """Outer CV of both deciders on the same folds; per-fold figures and their spread."""
    per: dict[str, list[tuple[float, float]]] = {"thresholds": [], "model": []}
    pooled = {name: [""] * len(rows) for name in per}
    for k, held in enumerate(split(len(rows), folds, seed)):
        train = [rows[i] for j, f in enumerate(split(len(rows), folds, seed)) if j != k
                 for i in f]
        test = [rows[i] for i in held]
        gold = [r["gold"] for r in test]
        t = ve.fit(train)
        c, w = choose(train)
        model = fit_model(train, c, w)
        for name, pred in (("thresholds", [ve.relabel(r, t) for r in test]),
                           ("model", [model_label(r, model) for r in test])):
            per[name].append((ve.macro_f1(gold, pred), ve.balanced_accuracy(gold, pred)))
            for i, p in zip(held, pred, strict=True):
                pooled[name][i] = p
        print(f"  fold {k}: model C={c} weight={w}")
    for name, scores in per.items():
        f1s, bas = [f for f, _ in scores], [b for _, b in scores]
        print(f"{name:<11} CV macro-F1 {', '.join(f'{f:.3f}' for f in f1s)} (mean "
              f"{statistics.mean(f1s):.3f}, sd {statistics.pstdev(f1s):.3f}, range "
              f"{max(f1s) - min(f1s):.3f}); bal.acc. {', '.join(f'{b:.3f}' for b in bas)} "
              f"(mean {statistics.mean(bas):.3f}, sd {statistics.pstdev(bas):.3f})")
        print(ve.confusion([r["gold"] for r in rows], pooled[name]))


def scores(rows: list[dict], pred: list[str]) -> str:
    """Macro-F1 and balanced accuracy, as one string."""
    gold = [r["gold"] for r in rows]
    return (f"macro-F1 {ve.macro_f1(gold, pred):.3f}, "
            f"bal.acc. {ve.balanced_accuracy(gold, pred):.3f}")


def kept_off(rows: list[dict], pred: list[str]) -> str:
    """How many all-partial claims are kept off ``supported``, and how many get ``partial``."""
    off = sum(p != "supported" for p in pred)
    right = sum(p == "partially_supported" for p in pred)
    return f"kept off 'supported' {off}/{len(rows)} ({off / len(rows):.2f}), partial {right}"


def load(path: Path) -> list[dict]:
    """Verifier rows (``verify_eval.evaluate``) for one claim file."""
    records = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    rows, rate = ve.evaluate(records, None, False)
    print(f"{path.name}: {len(rows)} claims, {rate:.1f} claims/s")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dev", type=Path)
    parser.add_argument("partial", type=Path)
    parser.add_argument("--hold-aside", type=float, default=0.25)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stated", action="store_true", help="add the 'stated' indicator")
    args = parser.parse_args(argv)
    global USE_STATED
    USE_STATED = args.stated
    names = (*FEATURES, STATED_FEATURE) if args.stated else FEATURES
    for path in (args.dev, args.partial):
        if not path.is_file():
            print(f"fit_verdict_model: no such file: {path}", file=sys.stderr)
            return 2
    rows = load(args.dev)
    tune = [r for r in rows if not ve.held_aside(r["id"], args.hold_aside)]
    aside = [r for r in rows if ve.held_aside(r["id"], args.hold_aside)]
    partial = load(args.partial)
    print(f"tuning part {len(tune)}, held-aside part {len(aside)}; features {names}")
    cross_validate(tune, args.folds, args.seed)
    c, w = choose(tune)
    model = fit_model(tune, c, w)
    assert model is not None
    print(f"model fitted on the tuning part: C={c} class_weight={w}")
    for cls, coef, bias in zip(model.classes_, model.coef_, model.intercept_, strict=True):
        print(f"  {cls:<20} bias {bias:+.4f}  " + "  ".join(
            f"{n} {v:+.4f}" for n, v in zip(names, coef, strict=True)))
    t = ve.fit(tune)
    for title, part in (("held-aside part", aside), ("WiCE-train partial set", partial)):
        print(f"-- {title} ({len(part)} claims)")
        for name, pred in (
                ("thresholds.py", [r["pred"] for r in part]),
                ("thresholds refit on tuning part", [ve.relabel(r, t) for r in part]),
                ("logistic model", [model_label(r, model) for r in part])):
            figure = kept_off(part, pred) if part is partial else scores(part, pred)
            print(f"  {name:<32} {figure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
