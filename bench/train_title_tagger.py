"""Rebuild the title tagger's model, or cross-validate it.

Usage (retraining needs python-crfsuite: ``pip install -e '.[train]'``)::

    .venv/bin/python bench/train_title_tagger.py          # rebuild notes/data/title_tagger.crfsuite
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
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import sys
import tempfile
from collections import defaultdict
from typing import Any

from citeaudit.notes import parse_note, styles, tagger
from citeaudit.notes.tagger_train import (
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


def _anystyle_parsed(held: list[Example]) -> float:
    """How often ``parse_note`` gives the held-out AnyStyle sequence's title exactly (the
    rules never saw these, so this compares rules and tagger fairly)."""
    ok = 0
    for example in held:
        want = example.text[example.title[0] : example.title[1]] if example.title else None
        ok += parse_note(example.text).title == want
    return ok / len(held)


def cross_validate(k: int, thresholds: tuple[float, ...] = THRESHOLDS) -> None:
    anystyle = anystyle_examples()
    rows = tune_rows()
    docs = sorted({_source_key(r) for r in rows})
    doc_fold = {doc: i % k for i, doc in enumerate(docs)}
    results: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(k):
            train_any = [e for i, e in enumerate(anystyle) if i % k != fold]
            held_any = [e for i, e in enumerate(anystyle) if i % k == fold]
            train_rows = [r for r in rows if doc_fold[_source_key(r)] != fold]
            held_rows = [r for r in rows if doc_fold[_source_key(r)] == fold]
            path = pathlib.Path(tmp) / f"fold{fold}.crfsuite"
            train([*train_any, *note_examples(train_rows)], path)
            model = tagger.TitleTagger(path)
            tagger.default_tagger.cache_clear()
            original = tagger.default_tagger
            tagger.default_tagger = lambda model=model: model  # type: ignore[assignment]
            try:
                styles.TAGGER_MODE = "off"
                ok, n = _titles_right(held_rows)
                results["tune rules"].append(ok / n)
                results["anystyle parse rules"].append(_anystyle_parsed(held_any))
                for threshold in thresholds:
                    results[f"anystyle tagger@{threshold}"].append(
                        _anystyle_right(model, held_any, threshold) / len(held_any)
                    )
                    for mode in MODES:
                        styles.TAGGER_MODE = mode
                        if mode == "override":
                            styles.OVERRIDE_AT = threshold
                            saved, tagger.THRESHOLD = tagger.THRESHOLD, 0.5
                        else:
                            saved, tagger.THRESHOLD = tagger.THRESHOLD, threshold
                        ok, n = _titles_right(held_rows)
                        results[f"anystyle parse {mode}@{threshold}"].append(
                            _anystyle_parsed(held_any)
                        )
                        tagger.THRESHOLD = saved
                        results[f"tune {mode}@{threshold}"].append(ok / n)
            finally:
                tagger.default_tagger = original  # type: ignore[assignment]
                styles.TAGGER_MODE = "off"
            print(
                f"fold {fold}: {len(held_any)} anystyle, {len(held_rows)} tune notes held out",
                file=sys.stderr,
            )
    print(f"{k} folds; figures are mean (min–max) over folds")
    for name, values in results.items():
        print(
            f"  {name:28} {100 * statistics.mean(values):5.1f}%"
            f"  ({100 * min(values):5.1f}–{100 * max(values):5.1f})"
        )


def cross_validate_cues(k: int) -> None:
    """Per-cue gain of ``override`` over the rules on held-out folds, and a nested policy."""
    anystyle = anystyle_examples()
    rows = tune_rows()
    docs = sorted({_source_key(r) for r in rows})
    doc_fold = {doc: i % k for i, doc in enumerate(docs)}
    cues: list[str] = []
    rules_title = styles.rules_title

    def recording(*args: Any, **kwargs: Any) -> Any:
        out = rules_title(*args, **kwargs)
        cues.append(out[0].how if out[0] is not None else "none")
        return out

    # (fold, source, cue, rules right, override right) for every held-out note
    results: list[tuple[int, str, str, bool, bool]] = []
    original = tagger.default_tagger
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
                )
                model = tagger.TitleTagger(path)
                tagger.default_tagger = lambda model=model: model  # type: ignore[assignment]
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
                for raw, html, want, source in held:
                    styles.TAGGER_MODE = "off"
                    cues.clear()
                    ruled = parse_note(raw, html=html).title
                    cue = cues[-1] if cues else "marked"
                    styles.TAGGER_MODE = "override"
                    results.append(
                        (fold, source, cue, ruled == want, parse_note(raw, html=html).title == want)
                    )
    finally:
        styles.rules_title = rules_title  # type: ignore[assignment]
        tagger.default_tagger = original  # type: ignore[assignment]
        styles.TAGGER_MODE = "override"
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
    args = parser.parse_args()
    if args.cv_cues:
        cross_validate_cues(args.cv_cues)
        return
    if args.speed:
        speed()
        return
    if args.score:
        from notes_eval import score

        styles.TAGGER_MODE = args.score
        styles.OVERRIDE_AT = args.override_at
        for name in PARTS:
            if args.part in (name, "all"):
                score(name, args.by, False)
        return
    if args.cv:
        cross_validate(args.cv, tuple(args.thresholds))
        return
    examples = [*anystyle_examples(), *note_examples(tune_rows())]
    used = train(examples, args.out)
    print(f"trained on {used} examples -> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
