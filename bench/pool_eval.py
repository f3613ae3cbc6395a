"""How precise the source pool's findings are on real pages: WiCE dev as one big pool.

Every page cited by the 349 claims of the WiCE claim-level dev split
(``wice_claim_dev.jsonl``; a record citing several pages gives several) goes
into one pool, and every claim is matched against the whole pool with
:func:`citeaudit.pool.match.match_claims`, as ``audit --sources`` does.  What
counts:

* **retrieval**: how often a claim's own cited page is among the pages offered;
* **support precision**: of the claims the pool says a page *supports*, how many
  name the claim's own page and are labelled supported or partially supported
  by WiCE's annotators (a page of another claim may truly support it too, so this
  is a floor);
* **contradictions**: how many claims a pool page is said to contradict, by label
  (WiCE has no "contradicted" label: a contradiction of a claim labelled
  supported is a false alarm).

The claims are cut into 5 folds (by id) and each figure is given per fold, to
show the spread.  Pass the file's path; nothing is downloaded.

    .venv/bin/python bench/pool_eval.py PATH/wice_claim_dev.jsonl [--k 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from citeaudit.claims import Claim
from citeaudit.pool.index import PoolIndex
from citeaudit.pool.match import match_claims
from citeaudit.pool.model import PoolPage, SourceKind, Stance

FOLDS = 5
TITLE = "(meta data) TITLE:"


def pages_of(record: dict) -> list[tuple[str, str]]:
    """The record's cited pages: (title, text), split at each meta-data title line."""
    pages: list[list[str]] = []
    for line in record["document"].split("\n"):
        if line.startswith(TITLE) or not pages:
            pages.append([])
        pages[-1].append(line)
    out = []
    for lines in pages:
        title = lines[0][len(TITLE):].strip() if lines[0].startswith(TITLE) else None
        out.append((title or "", "\n".join(lines[1:] if title is not None else lines)))
    return out


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--k", type=int, default=3)
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines()]
    pages: list[PoolPage] = []
    own: dict[str, set[int]] = defaultdict(set)
    for record in records:
        for title, text in pages_of(record):
            own[record["id"]].add(len(pages))
            pages.append(PoolPage(f"wice:{record['id']}:{len(pages)}", record["id"],
                                  SourceKind.FILE, text, title or None))
    claims = [Claim(r["id"], r["claim"], (0, 0), context=r.get("claim_context") or "")
              for r in records]
    labels = {r["id"]: r["label"] for r in records}
    start = time.perf_counter()
    index = PoolIndex(tuple(pages))
    offered = {c.id: {h.page for h in index.search(c.text, args.k)} for c in claims}
    matches = match_claims(claims, tuple(pages), k=args.k)
    elapsed = time.perf_counter() - start
    print(f"{len(claims)} claims, {len(pages)} pool pages, {len(index)} sentences indexed, "
          f"k={args.k}: {elapsed:.0f} s")
    fold_of = {c.id: i % FOLDS for i, c in enumerate(sorted(claims, key=lambda c: c.id))}
    supports = defaultdict(list)
    contradicts = defaultdict(list)
    for m in matches:
        (supports if m.stance is Stance.SUPPORTS else contradicts)[m.claim].append(m.page)
    rows = []
    for fold in range(FOLDS):
        ids = [c.id for c in claims if fold_of[c.id] == fold]
        recall = sum(1 for i in ids if offered[i] & own[i]) / len(ids)
        said = [i for i in ids if supports[i]]
        right = [i for i in said if supports[i][0] in own[i]
                 and labels[i] in ("supported", "partially_supported")]
        against = Counter(labels[i] for i in ids if contradicts[i] and not supports[i])
        rows.append((recall, len(said), len(right), against))
        print(f"fold {fold}: own page offered {recall:.0%}; support said for {len(said)} "
              f"claims, {len(right)} on its own page and labelled (partially) supported; "
              f"contradicted: {dict(against)}")
    precisions = [r[2] / r[1] for r in rows if r[1]]
    print(f"support precision (floor) per fold: {[f'{p:.2f}' for p in precisions]}; "
          f"mean {statistics.mean(precisions):.2f}, spread {min(precisions):.2f}–"
          f"{max(precisions):.2f}")
    by_label = Counter(labels[m.claim] for m in matches if m.stance is Stance.SUPPORTS)
    print(f"support findings by the claim's label: {dict(by_label)}")
    total = Counter()
    for r in rows:
        total.update(r[3])
    print(f"contradiction findings by the claim's label: {dict(total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
