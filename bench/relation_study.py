"""Study (not shipped): cap a claim whose relation is never stated together with its arguments.

    python bench/relation_study.py CLAIMS.jsonl [CLAIMS2.jsonl …] [--words verb|inflected|any]
        [--window N] [--arguments all|one|names] [--no-title] [--hold-aside 0.25]

Issue #12's *topical overlap*: a page names the claim's people and figures and uses its verb,
but in different sentences (*Who voices Hiccup? Jay Baruchel* against a cast list naming
Baruchel among "the returning voices" and a plot summary naming Hiccup).  The rule studied:
in each of the claim's statements (``citeaudit.verify.statements``), its *relation words*
— plain words (not of a name) that WordNet knows as a verb (``--words verb``), only those
written as an inflected verb (``inflected``: *voices*, *won*, *signed*), or every plain word
(``any``) — must be stated, one of them at least, in a window of a sentence and the ``N``
after it (``--window``) that also states its *arguments*: all its found names, figures and
dates (``all``), at least one of them not given by the page's title (``one``), or all its
found names only (``names``).  The page's title (``SourceDoc.title``, and unless
``--no-title`` its opening line, which extracted pages give their title) counts in every
window.  A statement failing it caps the claim at ``partially_supported``.  Units and
alignment are those of ``assess_claim``; only found units are asked about (a missing one
has lowered the coverage already).

For each file, only its tuning part (with ``--hold-aside``) is scored — the held-aside
records are skipped entirely: the figures ``verify_eval.py`` gives, with the cap added, and
how many claims it moves off ``supported``, by gold label.  Results and the decision are in
``docs/verification.md`` (*The relation stated with its arguments*).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

import attrs
import numpy as np
import verify_eval  # bench/verify_eval.py, beside this script

from citeaudit.verify import core
from citeaudit.verify.align import Alignment, SourceIndex, align, source_index
from citeaudit.verify.entities import find_attributions, find_entities
from citeaudit.verify.framing import frame_spans
from citeaudit.verify.lexicon import too_vague, wordnet
from citeaudit.verify.statements import statement_of
from citeaudit.verify.text import fold
from citeaudit.verify.units import Unit, UnitKind, abbreviations, claim_units, phrasal_particles


def relation_word(unit: Unit, words: str) -> bool:
    """A plain word that can be the claim's verb, as ``--words`` reads it."""
    if unit.kind is not UnitKind.TERM or unit.entity:
        return False
    if words == "any":
        return True
    word = unit.text.lower()
    wn = wordnet()
    if wn is None or too_vague(word):
        return False
    bases = wn.base_forms(word, "v")
    return any(b != word for b in bases) if words == "inflected" else bool(bases)


def argument(unit: Unit, arguments: str) -> bool:
    """What the relation relates, as ``--arguments`` reads it."""
    return unit.entity if arguments == "names" else unit.entity or unit.kind is not UnitKind.TERM


def opening_line(alignment: Alignment, index: SourceIndex) -> np.ndarray:
    """Units the page's first line (its title, on an extracted page) states."""
    end = index.body.find("\n")
    end = len(index.body) if end < 0 else end
    rows = [i for i, s in enumerate(index.sentences) if s.start < end]
    if not rows:
        return np.zeros(len(alignment.units), dtype=bool)
    return alignment.presence[:, rows].any(axis=1)


def stated_together(alignment: Alignment, everywhere: np.ndarray, rel: np.ndarray,
                    arg: np.ndarray, window: int, arguments: str) -> bool:
    """Some window of ``window + 1`` sentences states a relation word and the arguments."""
    rows = rel | arg
    presence = alignment.presence[rows]
    seen = presence.copy()
    for k in range(1, window + 1):
        seen[:, :-k] |= presence[:, k:]
    if arguments == "one":
        # Only what the sentences state: a title stating an argument would make any use of
        # the verb "near" it.
        own = arg[rows] & ~everywhere[rows]
        if not own.any():
            return True
        seen |= (everywhere[rows] & rel[rows])[:, None]
        return bool((seen[rel[rows]].any(axis=0) & seen[own].any(axis=0)).any())
    seen |= everywhere[rows][:, None]
    return bool((seen[rel[rows]].any(axis=0) & seen[arg[rows]].all(axis=0)).any())


def relation_cap(rec: dict, args: argparse.Namespace) -> str | None:
    """The cap's reason for one record, or None when its relations are stated in place."""
    claim = fold(rec["claim"]).strip()
    pages = verify_eval.split_pages(rec["document"])
    sources = [core.SourceDoc(text, title=title, url=url) for _, text, title, url in pages]
    indexes = [source_index(s.text) for s in sources]
    # The units and alignment assess_claim builds (core._assess), repeated here so the
    # shipped verifier carries no switch for a rule it does not use.
    entities = find_entities(claim)
    spans = [(a.lead, max(a.end, a.phrase_end)) for a in find_attributions(claim)]
    units = claim_units(claim, [(e.start, e.end) for e in entities],
                        skip=spans + frame_spans(claim))
    if not units:
        return None
    subject = core._subject_stems(claim, rec.get("claim_context"))
    alignments = [align(units, ix, abbreviations(rec.get("claim_context")),
                        particles=phrasal_particles(claim), extra_query=subject)
                  for ix in indexes]
    meta = [core._meta_found(units, claim, doc, ix) for doc, ix in zip(sources, indexes,
                                                                      strict=True)]
    found = np.logical_or.reduce([a.found_in_evidence | m for a, m in zip(alignments, meta,
                                                                          strict=True)])
    groups = statement_of(units, claim)
    rel = np.array([relation_word(u, args.words) and f for u, f in zip(units, found,
                                                                      strict=True)])
    arg = np.array([argument(u, args.arguments) and f for u, f in zip(units, found,
                                                                      strict=True)])
    for g in range(int(groups.max()) + 1 if len(groups) else 0):
        rel_g, arg_g = rel & (groups == g), arg & (groups == g)
        if not rel_g.any() or not arg_g.any():
            continue
        if not any(stated_together(a, m | (np.zeros_like(m) if args.no_title
                                           else opening_line(a, ix)),
                                   rel_g, arg_g, args.window, args.arguments)
                   for a, ix, m in zip(alignments, indexes, meta, strict=True)):
            said = ", ".join(u.text for u, r in zip(units, rel_g, strict=True) if r)
            return f"the source never says {said} where it names the claim's arguments"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--words", choices=("verb", "inflected", "any"), default="verb")
    parser.add_argument("--window", type=int, default=1)
    parser.add_argument("--arguments", choices=("all", "one", "names"), default="all")
    parser.add_argument("--no-title", action="store_true")
    parser.add_argument("--hold-aside", type=float, default=0.25)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for path in args.paths:
        try:
            records = [json.loads(line) for line in path.read_text("utf-8").splitlines()
                       if line.strip()]
        except (OSError, json.JSONDecodeError) as exc:
            print(f"relation_study: cannot read {path}: {exc}", file=sys.stderr)
            return 2
        records = [r for r in records if not verify_eval.held_aside(
            str(r.get("id", "")), args.hold_aside)]
        rows, _ = verify_eval.evaluate(records, None, False)
        moved: collections.Counter[str] = collections.Counter()
        for rec, row in zip(records, rows, strict=True):
            a = row["assessment"]
            detail = relation_cap(rec, args) if a is not None else None
            if detail is None:
                continue
            if row["label"] == "supported":
                moved[row["gold"]] += 1
            row["assessment"] = attrs.evolve(a, caps=(*a.caps, detail))
            row["pred"] = verify_eval.relabel(row, core.Thresholds())
            row["label"] = core.decide(row["assessment"])[0].value
        labels = verify_eval.view_of(rows)
        print(f"##### {path.name}: tuning part, {len(rows)} claims; moved off 'supported' "
              f"by gold label: {dict(sorted(moved.items()))}")
        verify_eval.report("thresholds.py, with the relation cap", rows,
                           [verify_eval.in_view(r["pred"], labels) for r in rows], labels)
        if len({r["gold"] for r in rows}) == 1:
            verify_eval.partial_report("tuning part", rows)
        else:
            verify_eval.cross_validate(rows, args.folds, args.seed, labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
