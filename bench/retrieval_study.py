"""Retrieval study: when the verifier misses a unit, was a gold evidence line there to state it?

    python bench/retrieval_study.py CLAIMS.jsonl [--hold-aside 0.25] [--show]

WiCE records carry ``evidence_sentence_indices_union``: the page lines the annotators
marked as evidence.  They are read here, on the tuning part only (the held-aside part is
skipped by id, as ``verify_eval.py --hold-aside`` skips it), to measure retrieval; the
verifier never sees them.  For every claim unit not stated in the chosen evidence (nor by
the page's metadata) the study says where it is:

* ``gold, not ranked``: a gold line states it, but no gold line stating it is among the
  BM25 candidates evidence is chosen from;
* ``gold, ranked``: a gold line stating it is a candidate, and the greedy choice did not
  take it (it took sentences adding more, or ran out of room);
* ``elsewhere``: stated on the page, but not on a gold line;
* ``missing``: stated nowhere on the page (paraphrase, or really missing).

The first two are retrieval errors: a reader pointed at the gold line would have found the
unit.  The rate "gold line available but not chosen" is their share of the units of each
kind, over the claims with gold lines and over the *boundary errors* among them (supported
claims called partly supported, and the other way round), where a missed unit changes the
label.  ``--show`` prints each such unit with its claim and the gold line.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import numpy as np
import unit_agreement  # bench/unit_agreement.py, beside this script
import verify_eval

from citeaudit.verify import thresholds as th

PLACES = ("gold, not ranked", "gold, ranked", "elsewhere", "missing")


def line_sentences(text: str, index) -> list[set[int]]:
    """Per line of ``text``: the indices of the index's sentences lying on it."""
    starts, pos = [], 0
    for line in text.split("\n"):
        starts.append((pos, pos + len(line)))
        pos += len(line) + 1
    out: list[set[int]] = [set() for _ in starts]
    li = 0
    for si, s in enumerate(index.sentences):
        while li < len(starts) - 1 and s.start > starts[li][1]:
            li += 1
        out[li].add(si)
    return out


def study(rec: dict, seen: list) -> tuple[list[tuple[str, str, str, str, str]], bool, bool]:
    """(kind, place, unit, claim, gold line) of each unit not stated in the evidence; whether
    a gold line is among the candidates, and whether one is in the chosen evidence."""
    aligned = [(ix, a) for what, ix, a in seen if what == "align"]
    metas = [m for what, _, m in seen if what == "meta"]
    gold = set(rec.get("evidence_sentence_indices_union") or [])
    if not aligned or not gold:
        return [], False, False
    pages = verify_eval.split_pages(rec["document"])
    found = np.logical_or.reduce([a.found_in_evidence for _, a in aligned]) | \
        np.logical_or.reduce(metas)
    units = aligned[0][1].units
    out = []
    per_page = []
    for (first_line, text, _, _), (ix, a) in zip(pages, aligned, strict=True):
        lines = line_sentences(text, ix)
        rows = sorted({si for g in gold if 0 <= g - first_line < len(lines)
                       for si in lines[g - first_line]})
        k = min(th.CANDIDATES, len(ix.sentences))
        ranked = set(np.argsort(-a.bm25, kind="stable")[:k].tolist())
        per_page.append((ix, a, rows, ranked))
    in_ranked = any(set(rows) & ranked for _, _, rows, ranked in per_page)
    in_evidence = any(set(rows) & set(a.evidence) for _, a, rows, _ in per_page)
    for ui, unit in enumerate(units):
        if found[ui]:
            continue
        place, line = "missing", ""
        for ix, a, rows, ranked in per_page:
            on_gold = [r for r in rows if a.presence[ui, r]]
            if on_gold:
                hit = [r for r in on_gold if r in ranked]
                place = "gold, ranked" if hit else "gold, not ranked"
                line = ix.sentences[(hit or on_gold)[0]].text
                break
            if a.presence[ui].any():
                place = "elsewhere"
        out.append((unit_agreement.unit_kind(unit), place, unit.text, rec["claim"], line))
    return out, in_ranked, in_evidence


def report(title: str, items: list[tuple], totals: collections.Counter) -> None:
    """Print, per unit kind, where the units the evidence misses are."""
    print(title)
    print(f"  {'kind':<7} {'units':>5} {'missed':>6} " + " ".join(f"{p:>16}" for p in PLACES)
          + "  gold-but-not-chosen rate")
    for kind in ("date", "figure", "name", "word"):
        mine = [i for i in items if i[0] == kind]
        count = collections.Counter(i[1] for i in mine)
        retrieval = count[PLACES[0]] + count[PLACES[1]]
        rate = retrieval / totals[kind] if totals[kind] else 0.0
        print(f"  {kind:<7} {totals[kind]:>5} {len(mine):>6} "
              + " ".join(f"{count[p]:>16}" for p in PLACES) + f"  {rate:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--hold-aside", type=float, default=0.25)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    records = unit_agreement.tuning_records(args.path, args.hold_aside)
    if isinstance(records, str):
        print(f"retrieval_study: cannot read {args.path}: {records}", file=sys.stderr)
        return 2
    every, boundary = [], []
    totals_all, totals_boundary = collections.Counter(), collections.Counter()
    claims = collections.Counter()
    for rec in records:
        with unit_agreement.recording() as seen:
            (row,), _ = verify_eval.evaluate([rec], None, False)
        items, in_ranked, in_evidence = study(rec, seen)
        aligned = [a for what, _, a in seen if what == "align"]
        if not rec.get("evidence_sentence_indices_union") or not aligned:
            continue  # no gold line to measure retrieval by
        claims["with gold"] += 1
        claims["gold ranked"] += in_ranked
        claims["gold in evidence"] += in_evidence
        kinds = [unit_agreement.unit_kind(u) for u in aligned[0].units]
        totals_all.update(kinds)
        every += items
        pair = (row["gold"], row["pred"])
        if pair in {("supported", "partially_supported"), ("partially_supported", "supported")}:
            boundary += items
            totals_boundary.update(kinds)
            claims[pair] += 1
            if any(i[1].startswith("gold") for i in items):
                claims[(*pair, "gold line available")] += 1
    report(f"{args.path.name}, tuning part ({len(records)} claims), the "
           f"{claims['with gold']} with gold lines", every, totals_all)
    gold = claims["with gold"] or 1
    print(f"claims with gold lines: {claims['with gold']}; a gold line among the "
          f"{th.CANDIDATES} candidates: {claims['gold ranked'] / gold:.3f}; in the chosen "
          f"evidence: {claims['gold in evidence'] / gold:.3f}")
    n = claims[("supported", "partially_supported")] + claims[
        ("partially_supported", "supported")]
    print(f"boundary errors: {n} claims (supported called partly: "
          f"{claims[('supported', 'partially_supported')]}, of them "
          f"{claims[('supported', 'partially_supported', 'gold line available')]} with a unit a "
          f"gold line states and the evidence lacks; partly called supported: "
          f"{claims[('partially_supported', 'supported')]})")
    report("  boundary errors only", boundary, totals_boundary)
    if args.show:
        for kind, place, text, claim, line in every:
            if place.startswith("gold"):
                print(f"  [{kind}, {place}] {text!r} in {claim!r}\n      <- {line[:200]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
