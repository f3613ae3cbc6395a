"""Measure citeaudit's claim verifier on a WiCE-style claim file (JSON lines).

    python bench/verify_eval.py PATH.jsonl [PATH2.jsonl …] [--folds K] [--semantic NAME]
        [--hold-aside FRACTION] [--whole-document] [--pooled] [--leave-one-out]

For each file, separately: 3-way macro-F1, binary balanced accuracy (supported vs
the rest), per-class precision and recall, the precision of each negative
verdict (``not_found``, ``contradicted``) and of each check that caps a verdict,
the evidence hit rate, claims per second on one core, and k-fold
cross-validation of the label thresholds (chosen on k-1 folds by grid search
for macro-F1, scored on the held-out fold) with the spread across folds.

WiCE has no contradicted class: the precision of ``contradicted``, and of each
audit finding raised from verdicts (``misplaced_note``, ``content_drift`` …), is
measured on sets derived from the same file by ``bench/contradiction_set.py``.

``--hold-aside`` sets a fixed part of each file aside (by a hash of the record
id, so the same records every run): thresholds are then fitted on the rest only
and the held-aside part is scored once with them.  Nothing else is tuned on it.

``--pooled`` also cross-validates *one* set of thresholds for all the files given: each
fold holds out a k-th of every file's tuning part, the thresholds are fitted on the rest of
all of them together (each file's macro-F1 counting the same), and every file is reported
on its own held-out claims — whether one cut-off can serve several genres.

``--leave-one-out`` judges the verdict rule across sets: for each file of two labels in turn,
the cut-offs are chosen by that pooled cross-validation on the *other* files' tuning parts
(per-fold medians) and the left-out file's tuning part is scored with them; it prints each
file's figure and their spread.  A rule change is judged by the mean of these (and by no set's
held-aside part dropping), not by one file's own cross-validation, which over-predicts.

Record fields (WiCE's): ``claim``, ``document`` (one sentence per line; several
cited pages are joined, each starting with a ``(meta data) TITLE:`` line),
``label`` (``supported`` / ``partially_supported`` / ``not_supported``),
optional ``claim_context``, ``evidence_sentence_indices_union`` and ``id``.  A
document of several pages is verified as several sources
(:func:`citeaudit.verify.core.verify_claim_sources`) unless ``--whole-document``.
Label mapping: supported → supported, partially_supported → partially_supported,
anything else → not_supported.

A page may instead start with a ``(meta data) URL:`` line (``bench/data/expertqa_claims.jsonl``,
whose cited pages have a URL but no separate title): the URL becomes the source's ``url``
and the line is not part of its text.  A file whose gold labels are only ``supported`` and
``not_supported`` (a binary set such as that one) is scored in the binary view throughout:
a ``partially_supported`` verdict counts as "not supported", macro-F1 is over the two
labels, and cross-validation fits the thresholds for that.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import statistics
import sys
import time
from pathlib import Path

from citeaudit.verify import Label
from citeaudit.verify import thresholds as th
from citeaudit.verify.core import Assessment, SourceDoc, Thresholds, assess_claim, decide
from citeaudit.verify.text import STOPWORDS, fold

LABELS = ("supported", "partially_supported", "not_supported")
BINARY = ("supported", "not_supported")


def to_gold(label: str) -> str:
    """Map a verdict label to the dataset's three labels."""
    return label if label in ("supported", "partially_supported") else "not_supported"


def in_view(label: str, labels: tuple[str, ...]) -> str:
    """A dataset label in the view ``labels`` (the binary view folds partial into 'not')."""
    return label if label in labels else "not_supported"


def relabel(row: dict, t: Thresholds, labels: tuple[str, ...] = LABELS) -> str:
    """The label the verifier would give under thresholds ``t``."""
    a: Assessment | None = row["assessment"]
    if a is None:
        return in_view(to_gold(row["label"]), labels)
    return in_view(to_gold(decide(a, t)[0].value), labels)


def macro_f1(gold: list[str], pred: list[str], labels: tuple[str, ...] = LABELS) -> float:
    """Unweighted mean of per-label F1."""
    return sum(prf(gold, pred, lab)[2] for lab in labels) / len(labels)


def view_of(rows: list[dict]) -> tuple[str, ...]:
    """The labels a file is scored over: binary when its gold has no partial class."""
    golds = {r["gold"] for r in rows}
    return BINARY if golds == set(BINARY) else LABELS


def prf(gold: list[str], pred: list[str], lab: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of one label."""
    tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
    fp = sum(p == lab and g != lab for g, p in zip(gold, pred, strict=True))
    fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    return precision, recall, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def balanced_accuracy(gold: list[str], pred: list[str]) -> float:
    """Mean recall of 'supported' and 'not supported' in the binary view."""
    pos = [p == "supported" for g, p in zip(gold, pred, strict=True) if g == "supported"]
    neg = [p != "supported" for g, p in zip(gold, pred, strict=True) if g != "supported"]
    return (sum(pos) / max(len(pos), 1) + sum(neg) / max(len(neg), 1)) / 2


def confusion(gold: list[str], pred: list[str], labels: tuple[str, ...] = LABELS) -> str:
    """Rows gold, columns predicted."""
    head = "gold \\ pred".ljust(22) + "".join(lab[:9].rjust(11) for lab in labels)
    lines = [head]
    for g in labels:
        counts = [sum(1 for a, b in zip(gold, pred, strict=True) if a == g and b == p)
                  for p in labels]
        lines.append(g.ljust(22) + "".join(str(c).rjust(11) for c in counts))
    return "\n".join(lines)


def grid() -> list[Thresholds]:
    """Candidate thresholds: supported × partial × statement share × passage share."""
    sup = [i / 100 for i in range(60, 100, 2)]
    part = [i / 100 for i in range(20, 66, 4)]
    stmt = [0.0, 0.5, 0.67]
    passage = [0.0, 0.5, 0.6, 0.7]
    return [Thresholds(s, p, m, g) for s, p, m, g in itertools.product(sup, part, stmt, passage)
            if p < s]


def fit(rows: list[dict], labels: tuple[str, ...] = LABELS) -> Thresholds:
    """Thresholds maximising macro-F1 on ``rows``; ties go to the pair nearest the defaults."""
    gold = [r["gold"] for r in rows]
    default = Thresholds()
    best, best_t = -1.0, default
    for t in grid():
        f = macro_f1(gold, [relabel(r, t, labels) for r in rows], labels)
        closer = abs(t.supported - default.supported) + abs(t.partial - default.partial) < \
            abs(best_t.supported - default.supported) + abs(best_t.partial - default.partial)
        if f > best + 1e-9 or (abs(f - best) <= 1e-9 and closer):
            best, best_t = f, t
    return best_t


TITLE_LINE, URL_LINE = "(meta data) TITLE:", "(meta data) URL:"


def split_pages(document: str) -> list[tuple[int, str, str | None, str | None]]:
    """(first line number, text, title, url) of each page of a WiCE-style document."""
    lines = document.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith((TITLE_LINE, URL_LINE))]
    if len(starts) <= 1 and not any(lines[i].startswith(URL_LINE) for i in starts):
        return [(0, document, None, None)]
    if starts[0] != 0:
        starts.insert(0, 0)
    pages = []
    for a, b in itertools.pairwise([*starts, len(lines)]):
        first = lines[a]
        title = first.split(":", 1)[1].strip() if first.startswith(TITLE_LINE) else None
        if first.startswith(URL_LINE):
            # The URL names the page; it is not text the page states.
            pages.append((a + 1, "\n".join(lines[a + 1:b]), None,
                          first.split(":", 1)[1].strip()))
        else:
            pages.append((a, "\n".join(lines[a:b]), title, None))
    return pages


def evaluate(records: list[dict], semantic: str | None, whole: bool) -> tuple[list[dict], float]:
    """Run the verifier once per record; returns per-claim rows and claims per second."""
    scorer = None
    if semantic:
        from citeaudit.verify.semantic import load_scorer
        scorer = load_scorer(semantic)
    rows = []
    start = time.process_time()
    for rec in records:
        doc = rec["document"]
        pages = [(0, doc, None, None)] if whole else split_pages(doc)
        sources = [SourceDoc(text, title=title, url=url) for _, text, title, url in pages]
        verdict, assessment = assess_claim(rec["claim"], sources,
                                           context=rec.get("claim_context"), semantic=scorer)
        hit_lines: set[int] = set()
        if verdict.evidence:
            top = verdict.evidence[0]
            first_line, text, _, _ = pages[top.source]
            pos = 0
            for i, line in enumerate(text.split("\n")):
                if pos < top.end and pos + len(line) > top.start:
                    hit_lines.add(first_line + i)
                pos += len(line) + 1
        gold_lines = set(rec.get("evidence_sentence_indices_union") or [])
        rows.append({
            "id": str(rec.get("id", len(rows))),
            "gold": to_gold(rec["label"]),
            "pred": to_gold(verdict.label.value),
            "label": verdict.label.value,
            "assessment": assessment,
            "checks": [(c.kind.value, c.ok) for c in verdict.checks],
            "evidence_hit": bool(hit_lines & gold_lines) if gold_lines else None,
            "tokens": token_flags(rec, assessment),
        })
    elapsed = time.process_time() - start
    return rows, len(records) / elapsed if elapsed else float("inf")


def token_flags(rec: dict, assessment: Assessment | None) -> list[tuple[bool, bool]] | None:
    """Per content token of an annotated claim: (annotated unsupported, flagged missing).

    Records of WiCE's non-supported-tokens task carry ``claim_tokens`` and
    ``non_supported_spans``; a token is flagged when it lies in a claim unit that no
    cited page states (``Assessment.missing``).  Stopwords and punctuation are left out:
    the verifier never looks them up.
    """
    tokens, spans = rec.get("claim_tokens"), rec.get("non_supported_spans")
    if not tokens or not spans or assessment is None:
        return None
    claim = fold(rec["claim"]).strip()
    out, cursor = [], 0
    for tok, unsupported in zip(tokens, spans, strict=True):
        t = fold(tok)
        at = claim.find(t, cursor)
        if at < 0:
            continue
        cursor = at + len(t)
        if not any(ch.isalnum() for ch in t) or t.lower() in STOPWORDS:
            continue
        flagged = any(s < cursor and at < e for s, e in assessment.missing)
        out.append((bool(unsupported), flagged))
    return out


def token_report(rows: list[dict]) -> None:
    """Do the claim words the verifier finds missing match those annotators marked?"""
    annotated = [r for r in rows if r["tokens"]]
    if not annotated:
        return
    pairs = [p for r in annotated for p in r["tokens"]]
    tp = sum(g and f for g, f in pairs)
    fp = sum(f and not g for g, f in pairs)
    fn = sum(g and not f for g, f in pairs)
    hit = sum(any(g and f for g, f in r["tokens"]) for r in annotated)
    gold_claims = sum(any(g for g, _ in r["tokens"]) for r in annotated)
    print(f"unsupported words ({len(pairs)} content words of {len(annotated)} annotated claims, "
          f"{tp + fn} marked unsupported): flagged-missing precision "
          f"{tp / (tp + fp) if tp + fp else float('nan'):.2f}, recall "
          f"{tp / (tp + fn) if tp + fn else float('nan'):.2f}; a marked word flagged in "
          f"{hit} of {gold_claims} claims; words flagged {sum(f for _, f in pairs)}")


def report(title: str, rows: list[dict], pred: list[str],
           labels: tuple[str, ...] = LABELS) -> dict[str, float]:
    """Print the headline figures, per-class precision/recall and the confusion matrix."""
    gold = [r["gold"] for r in rows]
    pred = [in_view(p, labels) for p in pred]
    f1, ba = macro_f1(gold, pred, labels), balanced_accuracy(gold, pred)
    print(f"== {title}  ({len(rows)} claims)")
    view = "3-way" if labels == LABELS else "binary, partial counted as not supported"
    print(f"macro-F1 ({view}) {f1:.3f}   balanced accuracy (binary) {ba:.3f}")
    for lab in labels:
        p, r, f = prf(gold, pred, lab)
        print(f"  {lab:<20} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    print(confusion(gold, pred, labels))
    return {"f1": f1, "ba": ba}


def negative_precision(rows: list[dict]) -> None:
    """How often each negative verdict, and each failed check that caps, is right."""
    print("precision of negative verdicts (right = gold is not 'supported'; for not_found "
          "and contradicted also: right = gold 'not_supported')")
    for lab in ("not_found", "contradicted", "unverifiable"):
        hit = [r for r in rows if r["label"] == lab]
        if not hit:
            print(f"  {lab:<14} never given")
            continue
        not_sup = sum(r["gold"] != "supported" for r in hit) / len(hit)
        strict = sum(r["gold"] == "not_supported" for r in hit) / len(hit)
        print(f"  {lab:<14} {len(hit):4d} given; not supported {not_sup:.2f}, "
              f"gold not_supported {strict:.2f}")
    print("precision of failed checks (right = gold is not 'supported')")
    kinds = sorted({k for r in rows for k, ok in r["checks"] if not ok})
    for kind in kinds:
        hit = [r for r in rows if any(k == kind and not ok for k, ok in r["checks"])]
        right = sum(r["gold"] != "supported" for r in hit) / len(hit)
        print(f"  {kind:<14} {len(hit):4d} claims; right {right:.2f}")


def cross_validate(rows: list[dict], folds: int, seed: int,
                   labels: tuple[str, ...] = LABELS) -> None:
    """k-fold CV of the thresholds, with the spread of the per-fold scores."""
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    parts = [order[i::folds] for i in range(folds)]
    pred = [""] * len(rows)
    per_fold = []
    chosen = []
    for k, held in enumerate(parts):
        train = [rows[i] for j, f in enumerate(parts) if j != k for i in f]
        t = fit(train, labels)
        chosen.append(t)
        fold_rows = [rows[i] for i in held]
        fold_pred = [relabel(r, t, labels) for r in fold_rows]
        for i, p in zip(held, fold_pred, strict=True):
            pred[i] = p
        gold = [r["gold"] for r in fold_rows]
        per_fold.append((macro_f1(gold, fold_pred, labels), balanced_accuracy(gold, fold_pred)))
    report(f"{folds}-fold cross-validation", rows, pred, labels)
    f1s, bas = [f for f, _ in per_fold], [b for _, b in per_fold]
    print(f"  per fold macro-F1 {', '.join(f'{f:.3f}' for f in f1s)}  "
          f"(mean {statistics.mean(f1s):.3f}, sd {statistics.pstdev(f1s):.3f}, "
          f"min {min(f1s):.3f})")
    print(f"  per fold bal.acc. {', '.join(f'{b:.3f}' for b in bas)}  "
          f"(mean {statistics.mean(bas):.3f}, sd {statistics.pstdev(bas):.3f}, "
          f"min {min(bas):.3f})")
    print("  thresholds per fold (supported, partial, statement): "
          + "; ".join(f"{t.supported:.2f} {t.partial:.2f} {t.statement:.2f} {t.passage:.2f}"
                      for t in chosen))


def partial_report(title: str, rows: list[dict]) -> None:
    """For a set whose claims all have one gold label: how often each verdict is given."""
    gold = rows[0]["gold"]
    right = sum(r["pred"] == gold for r in rows)
    kept_off = sum(r["pred"] != "supported" for r in rows) if gold != "supported" else None
    line = f"-- {title}: all gold '{gold}': {right} of {len(rows)} get it"
    if kept_off is not None:
        line += f"; kept off 'supported' {kept_off} of {len(rows)} ({kept_off / len(rows):.2f})"
    print(line)


def held_aside(record_id: str, fraction: float) -> bool:
    """Whether a record belongs to the part set aside (stable across runs and machines)."""
    digest = hashlib.sha256(record_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2 ** 32 < fraction


def run_file(path: Path, args: argparse.Namespace) -> tuple[list[dict], list[dict]]:
    """Every figure for one file; returns its tuning and held-aside parts' rows (for
    ``--pooled`` and ``--leave-one-out``)."""
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    rows, rate = evaluate(records, args.semantic, args.whole_document)
    print(f"##### {path.name}: {len(rows)} claims, {rate:.1f} claims/s (process CPU time, "
          f"one core)")
    aside = [r for r in rows if args.hold_aside and held_aside(r["id"], args.hold_aside)]
    tune = [r for r in rows if not (args.hold_aside and held_aside(r["id"], args.hold_aside))]
    hits = [r["evidence_hit"] for r in tune if r["evidence_hit"] is not None]
    if hits:
        print(f"evidence hit rate (top passage holds a gold evidence line): "
              f"{sum(hits) / len(hits):.3f} over {len(hits)} claims with gold evidence")
    counts = {lab: sum(r["label"] == lab for r in tune) for lab in Label}
    print("verdicts:", ", ".join(f"{k.value} {v}" for k, v in counts.items()))
    labels = view_of(rows)
    report(f"thresholds.py (supported ≥ {th.SUPPORTED_MIN}, partial ≥ {th.PARTIAL_MIN}, "
           f"statement ≥ {th.STATEMENT_MIN})" + (" — tuning part" if aside else ""),
           tune, [r["pred"] for r in tune], labels)
    one_class = len({r["gold"] for r in rows}) == 1
    if one_class:
        # A set of one label (WiCE's partly supported claims): F1 and balanced accuracy say
        # little; what counts is how many are kept off the label they do not have.
        partial_report("tuning part" if aside else "all", tune)
    negative_precision(tune)
    token_report(tune)
    if args.folds > 1 and len(tune) >= args.folds * 4 and not one_class:
        cross_validate(tune, args.folds, args.seed, labels)
    if aside and not args.no_aside_report:
        t = fit(tune, labels)
        if not one_class:
            print(f"-- held-aside part: thresholds fitted on the tuning part: supported "
                  f"{t.supported:.2f}, partial {t.partial:.2f}, statement {t.statement:.2f}, "
                  f"passage {t.passage:.2f}")
        report("held-aside part, thresholds.py", aside, [r["pred"] for r in aside], labels)
        if one_class:
            partial_report("held-aside part", aside)
        else:
            report("held-aside part, thresholds fitted on the tuning part", aside,
                   [relabel(r, t, labels) for r in aside], labels)
        negative_precision(aside)
        token_report(aside)
    return tune, aside


def pooled_fit(sets: dict[str, list[dict]]) -> Thresholds:
    """Thresholds maximising the mean over sets of each set's macro-F1 (in its own view):
    every set counts the same, however many claims it has; ties go nearest the defaults."""
    views = {name: view_of(rows) for name, rows in sets.items()}
    default = Thresholds()
    best, best_t = -1.0, default
    for t in grid():
        f = statistics.mean(macro_f1([r["gold"] for r in rows],
                                     [relabel(r, t, views[name]) for r in rows], views[name])
                            for name, rows in sets.items())
        closer = abs(t.supported - default.supported) + abs(t.partial - default.partial) < \
            abs(best_t.supported - default.supported) + abs(best_t.partial - default.partial)
        if f > best + 1e-9 or (abs(f - best) <= 1e-9 and closer):
            best, best_t = f, t
    return best_t


def two_label_sets(tunes: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The sets a cut-off can be fitted on: those with more than one gold label.  A set of one
    label (WiCE's partly supported claims) has no macro-F1 to fit; it is scored (kept off
    'supported') but does not pull the fit."""
    return {n: rows for n, rows in tunes.items() if len({r["gold"] for r in rows}) > 1}


def pooled_folds(sets: dict[str, list[dict]], folds: int, seed: int
                 ) -> tuple[list[Thresholds], dict[str, list[str]],
                            dict[str, list[tuple[float, float]]]]:
    """k-fold CV of one set of thresholds for all ``sets``: each fold holds out a k-th of every
    set, the thresholds are fitted on the rest of all of them together (:func:`pooled_fit`),
    and each set is predicted on its own held-out claims.  Returns the thresholds chosen per
    fold, each set's held-out predictions and each set's per-fold (macro-F1, bal. acc.)."""
    parts = {}
    for name, rows in sets.items():
        order = list(range(len(rows)))
        random.Random(seed).shuffle(order)
        parts[name] = [order[i::folds] for i in range(folds)]
    pred = {name: [""] * len(rows) for name, rows in sets.items()}
    per_fold: dict[str, list[tuple[float, float]]] = {name: [] for name in sets}
    chosen = []
    for k in range(folds):
        train = {name: [rows[i] for j, f in enumerate(parts[name]) if j != k for i in f]
                 for name, rows in sets.items()}
        t = pooled_fit(train)
        chosen.append(t)
        for name, rows in sets.items():
            labels = view_of(rows)
            held = parts[name][k]
            fold_pred = [relabel(rows[i], t, labels) for i in held]
            for i, p in zip(held, fold_pred, strict=True):
                pred[name][i] = p
            gold = [rows[i]["gold"] for i in held]
            per_fold[name].append((macro_f1(gold, fold_pred, labels),
                                   balanced_accuracy(gold, fold_pred)))
    return chosen, pred, per_fold


def median_thresholds(chosen: list[Thresholds]) -> Thresholds:
    """Each cut-off's median over the folds (how ``thresholds.py``'s constants were chosen)."""
    return Thresholds(*(statistics.median(getattr(t, f) for t in chosen)
                        for f in ("supported", "partial", "statement", "passage")))


def fmt_thresholds(t: Thresholds) -> str:
    """The four cut-offs, in the order the reports name them."""
    return f"{t.supported:.2f} {t.partial:.2f} {t.statement:.2f} {t.passage:.2f}"


def pooled_cross_validate(tunes: dict[str, list[dict]], folds: int, seed: int) -> None:
    """k-fold CV of one set of thresholds for all files (:func:`pooled_folds`), each file
    reported on its own held-out claims."""
    sets = two_label_sets(tunes)
    if len(sets) < 2 or any(len(rows) < folds for rows in sets.values()):
        print("pooled cross-validation needs two files of two labels or more")
        return
    chosen, pred, per_fold = pooled_folds(sets, folds, seed)
    print(f"##### pooled {folds}-fold cross-validation over the tuning parts of "
          f"{', '.join(sets)} (one set of thresholds for all; each file scored on its own)")
    print("  thresholds per fold (supported, partial, statement, passage): "
          + "; ".join(fmt_thresholds(t) for t in chosen))
    median = median_thresholds(chosen)
    for name, rows in sets.items():
        labels = view_of(rows)
        gold = [r["gold"] for r in rows]
        f1s, bas = [f for f, _ in per_fold[name]], [b for _, b in per_fold[name]]
        shipped = [relabel(r, Thresholds(), labels) for r in rows]
        at_median = [relabel(r, median, labels) for r in rows]
        print(f"  {name}: pooled CV macro-F1 {macro_f1(gold, pred[name], labels):.3f} "
              f"balanced accuracy {balanced_accuracy(gold, pred[name]):.3f}; per fold "
              f"macro-F1 mean {statistics.mean(f1s):.3f} sd {statistics.pstdev(f1s):.3f}, "
              f"bal.acc. mean {statistics.mean(bas):.3f} sd {statistics.pstdev(bas):.3f}")
        print(f"    whole tuning part: thresholds.py {macro_f1(gold, shipped, labels):.3f} / "
              f"{balanced_accuracy(gold, shipped):.3f}; per-fold median thresholds "
              f"({fmt_thresholds(median)}) {macro_f1(gold, at_median, labels):.3f} / "
              f"{balanced_accuracy(gold, at_median):.3f}")
    for name, rows in tunes.items():
        if name not in sets:
            kept = sum(relabel(r, median) != "supported" for r in rows)
            print(f"  {name} (one label, not fitted on): kept off 'supported' under the median "
                  f"thresholds {kept} of {len(rows)}")


def scores(rows: list[dict], t: Thresholds) -> tuple[float, float]:
    """(macro-F1, balanced accuracy) of ``rows`` under ``t``, in the rows' own view."""
    labels = view_of(rows)
    pred = [relabel(r, t, labels) for r in rows]
    gold = [r["gold"] for r in rows]
    return macro_f1(gold, pred, labels), balanced_accuracy(gold, pred)


def spread(values: list[float]) -> str:
    """Mean, sd and range of per-set figures."""
    return (f"mean {statistics.mean(values):.3f} sd {statistics.pstdev(values):.3f} "
            f"min {min(values):.3f} max {max(values):.3f}")


def leave_one_out(tunes: dict[str, list[dict]], asides: dict[str, list[dict]], folds: int,
                  seed: int) -> dict[str, tuple[float, float]]:
    """Leave-one-set-out: for each set of two labels in turn, the cut-offs are chosen by pooled
    k-fold CV on the tuning parts of all the *other* sets (per-fold medians, as for
    ``thresholds.py``) and the left-out set's tuning part is scored with them — the nearest
    thing to a held-out set of another kind.  Sets of one label are never fitted on; each is
    scored (kept off 'supported') under the cut-offs chosen on all the two-label sets.
    Returns each set's (macro-F1, balanced accuracy) when left out."""
    sets = two_label_sets(tunes)
    if len(sets) < 3 or any(len(rows) < folds for rows in sets.values()):
        print("leave-one-set-out needs three files of two labels or more")
        return {}
    print(f"##### leave-one-set-out over {', '.join(sets)} (cut-offs: pooled {folds}-fold CV "
          f"medians on the other sets' tuning parts; each set scored in its own view)")
    out: dict[str, tuple[float, float]] = {}
    for name, rows in sets.items():
        others = {n: r for n, r in sets.items() if n != name}
        t = median_thresholds(pooled_folds(others, folds, seed)[0])
        f1, ba = scores(rows, t)
        own_f1, own_ba = scores(rows, Thresholds())
        out[name] = (f1, ba)
        line = (f"  {name} left out: cut-offs ({fmt_thresholds(t)}) → macro-F1 {f1:.3f} "
                f"bal.acc. {ba:.3f}  (thresholds.py: {own_f1:.3f} / {own_ba:.3f})")
        if asides.get(name):
            a_f1, a_ba = scores(asides[name], t)
            line += f"; held-aside part {a_f1:.3f} / {a_ba:.3f}"
        print(line)
    f1s, bas = [f for f, _ in out.values()], [b for _, b in out.values()]
    print(f"  left-out macro-F1: {spread(f1s)}")
    print(f"  left-out bal.acc.: {spread(bas)}")
    everyone = median_thresholds(pooled_folds(sets, folds, seed)[0])
    for name, rows in tunes.items():
        if name not in sets:
            kept = sum(relabel(r, everyone) != "supported" for r in rows)
            print(f"  {name} (one label, never fitted on): kept off 'supported' {kept} of "
                  f"{len(rows)} under the cut-offs of all the others ({fmt_thresholds(everyone)})")
    return out


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--semantic", default=None, help="model name for the optional backend")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hold-aside", type=float, default=0.0, metavar="FRACTION",
                        help="set this share of each file aside, scored once at the end")
    parser.add_argument("--no-aside-report", action="store_true",
                        help="do not score the held-aside part (while developing)")
    parser.add_argument("--whole-document", action="store_true",
                        help="verify a document of several pages as one text")
    parser.add_argument("--pooled", action="store_true",
                        help="also cross-validate one set of thresholds over all files' "
                             "tuning parts together, scored per file")
    parser.add_argument("--leave-one-out", action="store_true",
                        help="also score each file with the cut-offs chosen on all the others")
    args = parser.parse_args(argv)
    for path in args.paths:
        if not path.is_file():
            print(f"verify_eval: no such file: {path}", file=sys.stderr)
            return 2
    parts = {path.name: run_file(path, args) for path in args.paths}
    tunes = {name: tune for name, (tune, _) in parts.items()}
    if args.pooled and args.folds > 1:
        pooled_cross_validate(tunes, args.folds, args.seed)
    if args.leave_one_out and args.folds > 1:
        # The held-aside parts are scored only when the run reports them at all.
        asides = {} if args.no_aside_report else {n: a for n, (_, a) in parts.items()}
        leave_one_out(tunes, asides, args.folds, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
