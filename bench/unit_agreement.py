"""Per-unit agreement study: is each claim unit the verifier counts stated one a reader
would call stated, and by which route was it counted?

    python bench/unit_agreement.py CLAIMS.jsonl [CLAIMS2.jsonl …] [--hold-aside 0.25]
        [--show ROUTE] [--stray]

For every claim of each file's tuning part (the part ``verify_eval.py --hold-aside`` sets
aside is skipped entirely, never read past its id), every content unit of the claim —
date, figure, name word, other content word — gets the route by which the verifier
counted it stated in the evidence:

* ``exact`` (the stem itself, irregular forms included), ``acronym`` (a long form the
  context defines), ``synonym`` / ``phrasal`` (WordNet), ``country`` (a nationality by its
  country), ``derivation`` (a shared stem with a derivational suffix), ``spelling``
  (rapidfuzz), ``value`` (a figure or date by value);
* ``title`` / ``page date``: the page's own metadata (and nothing in the evidence);
* ``elsewhere``: on the page but not in the chosen evidence (not counted stated);
* ``missing``.

A leading pronoun's subject, taken from the context, steers the ranking only: it is no
route by which a unit is counted.

On a file whose records carry ``claim_tokens`` and ``non_supported_spans`` (WiCE's
non-supported-tokens annotation, ``bench/data/wice_train_partial.jsonl``) a unit is
*marked* when one of its tokens is marked not supported, and each route's precision is
"counted stated and not marked".  On other WiCE-style files (gold claim labels only) each
route is scored by what counting it does to the verdict: the unit is dropped (as if not
stated, with the cap a missing figure, date or name brings) and the claim re-decided under
``thresholds.py``; a drop that moves the verdict to the gold label says the route was
wrong there, one that moves it away says it was right.

``--stray`` splits each route by where the unit is stated: in the *anchor* (the evidence
sentence stating most of the claim, or one next to it) or only in a sentence far from it.
``--show ROUTE`` prints each unit counted by that route with its claim and sentence.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs
import numpy as np
import verify_eval  # bench/verify_eval.py, beside this script

from citeaudit.verify import core
from citeaudit.verify.statements import statement_coverage, statement_of
from citeaudit.verify.text import fold
from citeaudit.verify.units import Unit, UnitKind


@attrs.frozen
class UnitRow:
    """One claim unit, as the verifier counted it."""

    kind: str
    route: str
    stray: bool
    """Stated only in an evidence sentence away from the anchor."""
    marked: bool | None
    """Annotated not supported (None: the file has no token annotation)."""
    flip: int
    """Dropping the unit moves the verdict to gold (+1), away from it (-1), or neither (0)."""
    text: str
    claim: str
    sentence: str
    how: str = ""
    """The aligner's own account of the route (the page's word it matched)."""


@contextmanager
def recording() -> Iterator[list]:
    """Record what ``core._assess`` aligns and finds in the metadata, for one claim."""
    seen: list = []
    real_align, real_meta = core.align, core._meta_found

    def align(units, index, *args, **kwargs):
        out = real_align(units, index, *args, **kwargs)
        seen.append(("align", index, out))
        return out

    def meta(*args, **kwargs):
        out = real_meta(*args, **kwargs)
        seen.append(("meta", None, out))
        return out

    core.align, core._meta_found = align, meta
    try:
        yield seen
    finally:
        core.align, core._meta_found = real_align, real_meta


def unit_kind(unit: Unit) -> str:
    """What the unit is, for the report."""
    if unit.kind is UnitKind.DATE:
        return "date"
    if unit.kind is UnitKind.NUMBER:
        return "figure"
    return "name" if unit.entity else "word"


def marked_units(rec: dict, claim: str, units: tuple[Unit, ...]) -> list[bool] | None:
    """Per unit: one of its tokens is annotated not supported (None without annotation)."""
    toks, spans = rec.get("claim_tokens"), rec.get("non_supported_spans")
    if not toks or not spans:
        return None
    marked = [span for span, bad in zip(token_spans(claim, toks), spans, strict=True)
              if bad and span is not None]
    return [any(s < u.start + len(u.text) and u.start < e for s, e in marked) for u in units]


def token_spans(claim: str, toks: list[str]) -> Iterator[tuple[int, int] | None]:
    """Where each annotated token lies in the (folded) claim, in order; None if not found."""
    cursor = 0
    for tok in map(fold, toks):
        at = claim.find(tok, cursor)
        cursor = at + len(tok) if at >= 0 else cursor
        yield (at, cursor) if at >= 0 else None


def anchor_rows(alignment, found: np.ndarray) -> set[int]:
    """The evidence sentence stating most of the claim and its neighbours."""
    if not alignment.evidence:
        return set()
    shares = {i: alignment.sentence_coverage(i) for i in alignment.evidence}
    best = max(shares, key=lambda i: (shares[i], -i))
    return {best - 1, best, best + 1}


def study_claim(rec: dict, row: dict, seen: list) -> list[UnitRow]:
    """The unit rows of one claim, from what ``assess_claim`` aligned."""
    aligned = [(ix, a) for what, ix, a in seen if what == "align"]
    metas = [m for what, _, m in seen if what == "meta"]
    if not aligned:
        return []
    claim = fold(rec["claim"]).strip()
    units = aligned[0][1].units
    found_ev = np.logical_or.reduce([a.found_in_evidence for _, a in aligned])
    found_meta = np.logical_or.reduce(metas)
    anywhere = np.logical_or.reduce([a.found_anywhere for _, a in aligned])
    found = found_ev | found_meta
    marked = marked_units(rec, claim, units)
    assessment = row["assessment"]
    first = aligned[0][1]
    groups = statement_of(units, claim)
    out = []
    for ui, unit in enumerate(units):
        sentence, stray, how = "", False, ""
        if found_ev[ui]:
            if unit.kind is UnitKind.TERM:
                how = next((a.via[ui] for _, a in aligned if a.found_in_evidence[ui]), "")
                route = how.split(" ", 1)[0] if how else "exact"
            else:
                route = "value"
            ix, a = next((ix, a) for ix, a in aligned if a.found_in_evidence[ui])
            rows = [i for i in a.evidence if a.presence[ui, i]]
            sentence = ix.sentences[rows[0]].text
            stray = not set(rows) & anchor_rows(a, found)
        elif found_meta[ui]:
            route = "title" if unit.kind is UnitKind.TERM else "page date"
        else:
            route = "elsewhere" if anywhere[ui] else "missing"
        flip = 0
        if found[ui] and assessment is not None and not assessment.contradiction:
            without = found.copy()
            without[ui] = False
            shares = statement_coverage(first.weights, without, groups)
            caps = assessment.caps
            if unit.kind is not UnitKind.TERM or unit.entity:
                caps = (*caps, "dropped")
            changed = attrs.evolve(assessment, coverage=first.coverage(without),
                                   statement_min=min(shares, default=1.0),
                                   statement_max=max(shares) if len(shares) > 1 else 0.0,
                                   caps=caps)
            before = verify_eval.to_gold(core.decide(assessment)[0].value)
            after = verify_eval.to_gold(core.decide(changed)[0].value)
            if before != after:
                flip = 1 if after == row["gold"] else -1 if before == row["gold"] else 0
        out.append(UnitRow(unit_kind(unit), route, stray,
                           None if marked is None else marked[ui], flip, unit.text,
                           rec["claim"], sentence, how))
    return out


def report(name: str, rows: list[UnitRow], split_stray: bool) -> None:
    """Per kind and route: how many, how often marked / how dropping them moves verdicts."""
    annotated = any(r.marked is not None for r in rows)
    print(f"##### {name}: {len(rows)} units")
    if annotated:
        print(f"{'kind':<7} {'route':<18} {'units':>5} {'marked':>6} {'precision':>9}")
    else:
        print(f"{'kind':<7} {'route':<18} {'units':>5} {'to gold':>7} {'away':>5}")
    key = (lambda r: (r.kind, r.route + (" (stray)" if r.stray else ""))) if split_stray \
        else (lambda r: (r.kind, r.route))
    groups: dict[tuple[str, str], list[UnitRow]] = collections.defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    for (kind, route), members in sorted(groups.items()):
        if annotated:
            marked = sum(bool(r.marked) for r in members)
            counted = route.split(" ")[0] not in ("elsewhere", "missing")
            prec = f"{1 - marked / len(members):.2f}" if counted else "-"
            print(f"{kind:<7} {route:<18} {len(members):>5} {marked:>6} {prec:>9}")
        else:
            print(f"{kind:<7} {route:<18} {len(members):>5} "
                  f"{sum(r.flip > 0 for r in members):>7} {sum(r.flip < 0 for r in members):>5}")
    stated = [r for r in rows if r.route not in ("elsewhere", "missing")]
    if annotated and stated:
        print(f"all counted stated: {len(stated)}, precision "
              f"{1 - sum(bool(r.marked) for r in stated) / len(stated):.2f}")


def tuning_records(path: Path, aside: float) -> list[dict] | str:
    """The records of ``path`` outside its held-aside part (never parsed further than the
    id), or why the file cannot be read."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        return str(exc)
    out = []
    for number, line in enumerate(lines, 1):
        try:
            rec = json.loads(line) if line.strip() else None
            held = rec is not None and verify_eval.held_aside(str(rec.get("id", "")), aside)
        except (json.JSONDecodeError, AttributeError) as exc:
            return f"line {number}: {exc}"
        if rec is not None and not held:
            out.append(rec)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--hold-aside", type=float, default=0.25)
    parser.add_argument("--show", default=None, metavar="ROUTE",
                        help="print each unit counted by this route")
    parser.add_argument("--stray", action="store_true",
                        help="split routes by whether the unit is stated near the anchor")
    args = parser.parse_args(argv)
    for path in args.paths:
        records = tuning_records(path, args.hold_aside)
        if isinstance(records, str):
            print(f"unit_agreement: cannot read {path}: {records}", file=sys.stderr)
            return 2
        rows: list[UnitRow] = []
        for rec in records:
            with recording() as seen:
                (row,), _ = verify_eval.evaluate([rec], None, False)
            rows += study_claim(rec, row, seen)
        report(f"{path.name}, tuning part ({len(records)} claims)", rows, args.stray)
        if args.show:
            for r in rows:
                if r.route == args.show:
                    print(f"  [{r.kind}{' stray' if r.stray else ''}"
                          f"{' MARKED' if r.marked else ''}"
                          f"{' flip' + str(r.flip) if r.flip else ''}] {r.text!r} "
                          f"{('as ' + r.how + ' ') if r.how else ''}in "
                          f"{r.claim!r}\n      <- {r.sentence[:160]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
