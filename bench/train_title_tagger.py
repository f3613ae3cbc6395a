"""Rebuild the title tagger's model, or cross-validate it.

Usage (retraining needs python-crfsuite: ``pip install -e '.[train]'``)::

    .venv/bin/python bench/train_title_tagger.py          # rebuild notes/data/title_tagger.crfsuite
    .venv/bin/python bench/train_title_tagger.py --grid 5 --c1 0.01 0.05 0.2 0.5 \
        --c2 0.01 0.1 0.5 1.0 --thresholds 0.8 0.9      # choose c1/c2 on grouped folds
    .venv/bin/python bench/train_title_tagger.py --out /tmp/candidate.crfsuite --c1 X --c2 Y
    .venv/bin/python bench/train_title_tagger.py --compare /tmp/candidate.crfsuite
                                  # each part's title total, packaged model against the candidate
    .venv/bin/python bench/train_title_tagger.py --cv 5     # AnyStyle and tune notes held out
    .venv/bin/python bench/train_title_tagger.py --score fallback --part aside
                                  # notes_eval's table with the packaged model joined that way
    .venv/bin/python bench/train_title_tagger.py --speed    # parse_note µs/note, tagger off and on
    .venv/bin/python bench/train_title_tagger.py --cv-cues 5  # override's gain by the rules' cue

Training data: ``bench/data/anystyle/*.jsonl`` (AnyStyle's parser gold set, BSD-2-Clause;
see its README) and the **tune** part of ``bench/notes_eval.py`` (notes whose expected
title is found in the text as written).  The aside parts are never read here.

``--cv K`` splits the AnyStyle sequences into K folds by position and the tune notes into
K folds by source document; each fold is held out in turn from a model trained on the
rest, and reports (a) the exact title on held-out AnyStyle sequences and (b) the title
``parse_note`` returns on held-out tune notes for the rules alone and for each way of
joining the tagger to them (``styles.TAGGER_MODE``) at each threshold.

``--cv-cues K`` uses the same folds to ask where the tagger should be trusted: for every
held-out note it records which style rule gave the rules' title (``apa``, ``gost``,
``none``…) and whether the rules alone and ``override`` are right, then, fold by fold,
blocks the override for the cues whose net gain on the *other* folds is negative and
scores that policy on the held-out fold.

``--grid K`` runs ``--cv``'s folds for every ``--c1`` x ``--c2`` (the CRF's L1 and L2
regularisation) and prints the ``override`` figures; ``both`` pools each fold's tune and
AnyStyle notes.  ``--without CUE…`` leaves cues out of training and tagging (an ablation).

Rebuilding is deterministic: the same data and parameters give a byte-identical model
(CRFsuite's L-BFGS has no random start; the examples are read in file order).

Retraining when a new tune part lands (it is read from ``notes_eval.PARTS["tune"]``, so
adding it there is all the data step needs):

1. ``--grid 5`` as above; take the (c1, c2) whose ``both override@0.9`` mean is highest
   and whose neighbours in the grid agree (one note moves a fold by ~0.5 points);
2. ``--out /tmp/candidate.crfsuite --c1 X --c2 Y``, then ``--compare`` it;
3. adopt it only if the grid's mean beats the packaged parameters' and no aside part's
   total drops: then set ``tagger_train.PARAMS`` to (X, Y) and run the script with no
   arguments, which writes the packaged model (check that it equals the candidate:
   ``cmp``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import pathlib
import statistics
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import attrs

from citeaudit.notes import parse_note, styles, tagger, tagger_features
from citeaudit.notes.tagger_train import (
    PARAMS,
    Example,
    example_from_note,
    example_from_spans,
    train,
    trim_span,
)

BENCH = pathlib.Path(__file__).parent
sys.path.insert(0, str(BENCH))
from notes_eval import DATA, PARTS, _source_key  # noqa: E402

ANYSTYLE = DATA / "anystyle"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
MODES = ("fallback", "replace", "override")
# The cues that are one attribute string each, which --without can leave out.
ONE_STRING_CUES = ("first", "last", "inbracket", "inquote", "initial")
CHOSEN_MODE, CHOSEN_AT = styles.TAGGER_MODE, styles.OVERRIDE_AT


def anystyle_examples() -> list[Example]:
    out = []
    for path in sorted(ANYSTYLE.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(example_from_spans([tuple(pair) for pair in json.loads(line)]))
    return out


def tune_rows() -> list[dict[str, Any]]:
    rows = []
    for name in PARTS["tune"]:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def note_examples(rows: list[dict[str, Any]]) -> list[Example]:
    out = []
    for row in rows:
        if not row.get("title_checked", row["title"] is not None):
            continue
        example = example_from_note(row["raw"], row["title"])
        if example is not None:
            out.append(example)
    return out


def _titles_right(rows: list[dict[str, Any]]) -> tuple[int, int]:
    ok = n = 0
    for row in rows:
        if not row.get("title_checked", row["title"] is not None):
            continue
        n += 1
        ok += parse_note(row["raw"], html=row.get("html")).title == row["title"]
    return ok, n


def _anystyle_right(model: tagger.TitleTagger, held: list[Example], threshold: float) -> int:
    ok = 0
    for example in held:
        span = model.title_span(example.text, threshold)
        got = None
        if span is not None:
            got = trim_span(example.text, span.start, span.end)
        ok += got == example.title
    return ok


def _anystyle_parsed(held: list[Example]) -> int:
    """How often ``parse_note`` gives the held-out AnyStyle sequence's title exactly (the
    rules never saw these, so this compares rules and tagger fairly)."""
    ok = 0
    for example in held:
        want = example.text[example.title[0] : example.title[1]] if example.title else None
        ok += parse_note(example.text).title == want
    return ok


@contextlib.contextmanager
def using_model(model: tagger.TitleTagger) -> Iterator[None]:
    """``parse_note`` reads titles with ``model`` instead of the packaged one."""
    original = tagger.default_tagger
    tagger.default_tagger = lambda: model  # type: ignore[assignment]
    try:
        yield
    finally:
        tagger.default_tagger = original  # type: ignore[assignment]


def _folds(k: int) -> tuple[list[Example], list[dict[str, Any]], dict[str, int]]:
    """AnyStyle's sequences (fold ``i % k``), the tune notes, and each tune note's
    document's fold: a document's notes are held out together."""
    rows = tune_rows()
    docs = sorted({_source_key(r) for r in rows})
    return anystyle_examples(), rows, {doc: i % k for i, doc in enumerate(docs)}


def fold_results(
    k: int,
    thresholds: tuple[float, ...] = THRESHOLDS,
    params: dict[str, Any] | None = None,
    modes: tuple[str, ...] = MODES,
) -> dict[str, list[float]]:
    """Each held-out figure of :func:`cross_validate`, one value per fold."""
    anystyle, rows, doc_fold = _folds(k)
    results: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(k):
            train_any = [e for i, e in enumerate(anystyle) if i % k != fold]
            held_any = [e for i, e in enumerate(anystyle) if i % k == fold]
            train_rows = [r for r in rows if doc_fold[_source_key(r)] != fold]
            held_rows = [r for r in rows if doc_fold[_source_key(r)] == fold]
            path = pathlib.Path(tmp) / f"fold{fold}.crfsuite"
            train([*train_any, *note_examples(train_rows)], path, params)
            model = tagger.TitleTagger(path)
            with using_model(model):
                try:
                    styles.TAGGER_MODE = "off"
                    ok, n = _titles_right(held_rows)
                    results["tune rules"].append(ok / n)
                    any_ok = _anystyle_parsed(held_any)
                    results["anystyle parse rules"].append(any_ok / len(held_any))
                    results["both rules"].append((ok + any_ok) / (n + len(held_any)))
                    for threshold in thresholds:
                        results[f"anystyle tagger@{threshold}"].append(
                            _anystyle_right(model, held_any, threshold) / len(held_any)
                        )
                        for mode in modes:
                            styles.TAGGER_MODE = mode
                            if mode == "override":
                                styles.OVERRIDE_AT = threshold
                                saved, tagger.THRESHOLD = tagger.THRESHOLD, 0.5
                            else:
                                saved, tagger.THRESHOLD = tagger.THRESHOLD, threshold
                            ok, n = _titles_right(held_rows)
                            any_ok = _anystyle_parsed(held_any)
                            tagger.THRESHOLD = saved
                            results[f"anystyle parse {mode}@{threshold}"].append(
                                any_ok / len(held_any)
                            )
                            results[f"tune {mode}@{threshold}"].append(ok / n)
                            results[f"both {mode}@{threshold}"].append(
                                (ok + any_ok) / (n + len(held_any))
                            )
                finally:
                    styles.TAGGER_MODE = CHOSEN_MODE
                    styles.OVERRIDE_AT = CHOSEN_AT
            print(
                f"fold {fold}: {len(held_any)} anystyle, {len(held_rows)} tune notes held out",
                file=sys.stderr,
            )
    return results


def _spread(values: list[float]) -> str:
    return (
        f"{100 * statistics.mean(values):5.1f}%"
        f"  ({100 * min(values):5.1f}–{100 * max(values):5.1f})"
    )


def cross_validate(k: int, thresholds: tuple[float, ...] = THRESHOLDS) -> None:
    results = fold_results(k, thresholds)
    print(f"{k} folds; figures are mean (min–max) over folds")
    for name, values in results.items():
        print(f"  {name:28} {_spread(values)}")


def grid(k: int, c1s: list[float], c2s: list[float], thresholds: tuple[float, ...]) -> None:
    """:func:`cross_validate`'s override figures for each CRF regularisation (c1, c2),
    on the same document-grouped folds, to choose ``tagger_train.PARAMS``."""
    print(f"{k} folds; mean (min–max) over folds; 'both' pools tune and AnyStyle notes")
    for c1 in c1s:
        for c2 in c2s:
            results = fold_results(k, thresholds, {"c1": c1, "c2": c2}, ("override",))
            for name in (
                *(f"anystyle tagger@{t}" for t in thresholds),
                *(f"{src} override@{t}" for t in thresholds for src in ("tune", "both")),
                *(f"anystyle parse override@{t}" for t in thresholds),
            ):
                print(f"  c1={c1:<5} c2={c2:<5} {name:28} {_spread(results[name])}")
            print(f"  c1={c1:<5} c2={c2:<5} {'both rules':28} {_spread(results['both rules'])}")
            sys.stdout.flush()


def cross_validate_cues(k: int, params: dict[str, Any] | None = None) -> None:
    """Per-cue gain of ``override`` over the rules on held-out folds, and a nested policy."""
    anystyle, rows, doc_fold = _folds(k)
    cues: list[str] = []
    rules_title = styles.rules_title

    def recording(*args: Any, **kwargs: Any) -> Any:
        out = rules_title(*args, **kwargs)
        cues.append(out[0].how if out[0] is not None else "none")
        return out

    # (fold, source, cue, rules right, override right) for every held-out note
    results: list[tuple[int, str, str, bool, bool]] = []
    styles.rules_title = recording  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for fold in range(k):
                train_rows = [r for r in rows if doc_fold[_source_key(r)] != fold]
                path = pathlib.Path(tmp) / f"fold{fold}.crfsuite"
                train(
                    [
                        *(e for i, e in enumerate(anystyle) if i % k != fold),
                        *note_examples(train_rows),
                    ],
                    path,
                    params,
                )
                model = tagger.TitleTagger(path)
                held: list[tuple[str, str | None, str | None, str]] = [
                    (r["raw"], r.get("html"), r["title"], "tune")
                    for r in rows
                    if doc_fold[_source_key(r)] == fold
                    and r.get("title_checked", r["title"] is not None)
                ]
                held += [
                    (e.text, None, e.text[e.title[0] : e.title[1]] if e.title else None, "anystyle")
                    for i, e in enumerate(anystyle)
                    if i % k == fold
                ]
                with using_model(model):
                    for raw, html, want, source in held:
                        styles.TAGGER_MODE = "off"
                        cues.clear()
                        ruled = parse_note(raw, html=html).title
                        cue = cues[-1] if cues else "marked"
                        styles.TAGGER_MODE = "override"
                        overridden = parse_note(raw, html=html).title
                        results.append((fold, source, cue, ruled == want, overridden == want))
    finally:
        styles.rules_title = rules_title  # type: ignore[assignment]
        styles.TAGGER_MODE = CHOSEN_MODE
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for _fold, source, cue, ruled_ok, override_ok in results:
        t = tally[(source, cue)]
        t[0], t[1], t[2] = t[0] + 1, t[1] + ruled_ok, t[2] + override_ok
    print(f"{k} folds; held-out notes by the rules' cue (override at {styles.OVERRIDE_AT})")
    for (source, cue), (n, ruled_ok, override_ok) in sorted(tally.items()):
        print(
            f"  {source:9} {cue:13} n={n:4} rules {ruled_ok:4} override {override_ok:4}"
            f"  net {override_ok - ruled_ok:+d}"
        )
    print("  fold    n   rules override  policy  (override blocked for)")
    for fold in range(k):
        net: dict[str, int] = defaultdict(int)
        for other, _source, cue, ruled_ok, override_ok in results:
            if other != fold:
                net[cue] += override_ok - ruled_ok
        blocked = sorted(cue for cue, gain in net.items() if gain < 0)
        mine = [r for r in results if r[0] == fold]
        n = len(mine)
        ruled = sum(r[3] for r in mine)
        overridden = sum(r[4] for r in mine)
        policy = sum(r[3] if r[2] in blocked else r[4] for r in mine)
        print(
            f"  {fold:4} {n:4} {100 * ruled / n:7.1f} {100 * overridden / n:7.1f}"
            f" {100 * policy / n:7.1f}  {blocked}"
        )


def speed() -> None:
    """``parse_note`` over every note in bench/data (all parts), tagger off and on: the
    median of three passes, after one warm-up pass (imports, the model, date tables)."""
    import time

    rows = [
        json.loads(line)
        for path in sorted(DATA.glob("notes_realworld*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    chosen = styles.TAGGER_MODE
    for mode in ("off", chosen):
        styles.TAGGER_MODE = mode
        samples = []
        for _ in range(4):
            start = time.perf_counter()
            for row in rows:
                parse_note(row["raw"], html=row.get("html"))
            samples.append((time.perf_counter() - start) / len(rows) * 1e6)
        print(f"{mode:9} {len(rows)} notes: {statistics.median(samples[1:]):.0f} µs per note")
    styles.TAGGER_MODE = chosen


def compare(candidate: pathlib.Path) -> None:
    """The titles ``parse_note`` gets right in each part of ``notes_eval`` with the
    packaged model and with ``candidate``, joined as ``styles.TAGGER_MODE`` says.  Only
    the totals: an aside part's misses are never shown."""
    from notes_eval import load

    models = {"packaged": tagger.default_tagger(), "candidate": tagger.TitleTagger(candidate)}
    print(f"titles right per part ({styles.TAGGER_MODE} at {styles.OVERRIDE_AT})")
    print(f"  {'part':10} {'n':>4} {'packaged':>9} {'candidate':>9}")
    for name in PARTS:
        rows = load(PARTS[name])
        cells = []
        for model in models.values():
            with using_model(model):
                ok, n = _titles_right(rows)
            cells.append(f"{100 * ok / n:8.1f}%")
        print(f"  {name:10} {n:4} {' '.join(cells)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", type=int, default=0, help="cross-validate with this many folds")
    parser.add_argument("--out", type=pathlib.Path, default=tagger.MODEL)
    parser.add_argument(
        "--thresholds", type=float, nargs="+", default=THRESHOLDS, help="thresholds to try (--cv)"
    )
    parser.add_argument("--score", choices=["off", *MODES], help="run notes_eval in this mode")
    parser.add_argument("--part", choices=[*PARTS, "all"], default="all")
    parser.add_argument("--by", choices=["lang", "style", "source"], default="lang")
    parser.add_argument("--override-at", type=float, default=styles.OVERRIDE_AT)
    parser.add_argument("--speed", action="store_true", help="time parse_note, tagger off and on")
    parser.add_argument(
        "--cv-cues", type=int, default=0, help="per-cue override gain with this many folds"
    )
    parser.add_argument(
        "--grid", type=int, default=0, help="cross-validate each --c1 x --c2 with this many folds"
    )
    parser.add_argument("--c1", type=float, nargs="+", default=[PARAMS["c1"]])
    parser.add_argument("--c2", type=float, nargs="+", default=[PARAMS["c2"]])
    parser.add_argument(
        "--model", type=pathlib.Path, help="score or time with this model file (--score, --speed)"
    )
    parser.add_argument(
        "--compare",
        type=pathlib.Path,
        help="each part's title total, packaged model against this one (totals only)",
    )
    parser.add_argument(
        "--without",
        nargs="+",
        default=[],
        choices=ONE_STRING_CUES,
        help="train and tag without these cues (an ablation for --grid, --cv, --cv-cues)",
    )
    args = parser.parse_args()
    if args.without:
        # A cue with no attribute strings is never trained on and weighs nothing.
        tagger_features.STRING_CUES = attrs.evolve(
            tagger_features.STRING_CUES, **dict.fromkeys(args.without, ())
        )
    if args.grid:
        grid(args.grid, args.c1, args.c2, tuple(args.thresholds))
        return
    if args.cv_cues:
        cross_validate_cues(args.cv_cues, {"c1": args.c1[0], "c2": args.c2[0]})
        return
    if args.compare:
        compare(args.compare)
        return
    model = tagger.TitleTagger(args.model) if args.model else tagger.default_tagger()
    if args.speed:
        with using_model(model):
            speed()
        return
    if args.score:
        from notes_eval import score

        styles.TAGGER_MODE = args.score
        styles.OVERRIDE_AT = args.override_at
        with using_model(model):
            for name in PARTS:
                if args.part in (name, "all"):
                    score(name, args.by, False)
        return
    if args.cv:
        cross_validate(args.cv, tuple(args.thresholds))
        return
    examples = [*anystyle_examples(), *note_examples(tune_rows())]
    used = train(examples, args.out, {"c1": args.c1[0], "c2": args.c2[0]})
    print(f"trained on {used} examples -> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
