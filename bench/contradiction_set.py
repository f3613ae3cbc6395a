"""How often the verifier's negative verdicts, and the audit findings raised from them, are right.

    python bench/contradiction_set.py PATH.jsonl [--hold-aside FRACTION] [--write DIR]
        [--show SET]

WiCE has no contradicted class, so the precision of ``contradicted`` cannot be
measured on it directly.  This script derives labelled sets from any WiCE-format
file (``bench/verify_eval.py`` describes the fields), by fixed rules and with no
randomness, so the same file always gives the same sets:

**Perturbed claims** (true label: contradicted).  From each claim labelled
``supported`` whose gold evidence lines state the item, exactly one item of one
kind is changed to another value of the same kind, and nothing else:

* ``figure``: the first figure written in digits (not a year, a day of a date, a decade,
  a rank or an end of a range) whose
  value an evidence line states; it becomes ``v + k`` with ``k`` ≈ 30 % of ``v``
  rounded to the figure's last written digit (then ``v − k``, ``v + 2k`` …), the
  first such value that no figure on the page matches; same format (commas,
  decimals, scale word, unit, qualifier).
* ``year`` (a bare year) / ``date`` (a date with its month): the first whose year an
  evidence line states; the year becomes year ±1, ±2, … — the first the page never
  mentions.  Day and month are kept.
* ``name-page``: the first name (capitalised run, not a month) whose words all
  appear in an evidence line is swapped for a name with as many words found
  elsewhere on the page (not in an evidence line, sharing no word with the claim) —
  the hard case: the new name *is* on the page.
* ``name-list``: the same name swapped for one of a fixed list (same word count).

**Controls**: the untouched ``supported`` originals (true label: supported).

**Mismatched pages** (true label: not supported): each claim paired with another
claim's document from the same file — the nearest topic available: the same
``wiki_title`` and ``wiki_section``, else the same ``wiki_title``, else the claim
sharing most content words — never an identical document.  (A neighbour's page
may now and then support the claim; those cases count as errors of the verifier
here, so the figure is a lower bound.)

Findings are simulated as the audit raises them (``citeaudit.findings``):

* ``contradicted`` / ``not_found`` / ``partially_supported`` from the verdict on
  the claim's cited page;
* ``misplaced_note``: for a claim whose own verdict is ``not_found`` or
  ``partially_supported``, another note's page scores ``support_score`` ≥
  ``MISPLACED_MIN_SCORE`` and ≥ own coverage + ``MISPLACED_MARGIN``.  Wrong: claim
  A with its own page and the neighbour's page as the other note (the neighbour
  must not be preferred).  Right: the notes shifted — A verified against the
  neighbour's page, with its own page as the other note — for A gold
  ``supported``/``partially_supported``;
* ``content_drift``: the archived copy (the original page) supports the claim and
  the live page does not.  Right: a live page with the gold evidence lines
  removed; wrong: a live page with a third of the *other* lines removed (an
  edited page that still states the claim).  Only claims gold ``supported`` whose
  own page the verifier calls ``supported``.

A finding is *right* when the claim is not supported by the page it is checked
against (contradicted: only when the claim was perturbed).  Figures are printed
for the tuning part and the held-aside part of ``--hold-aside`` separately (the
same hash as ``bench/verify_eval.py``).  ``--write DIR`` writes the generated sets
as JSON lines (to a scratch directory: they hold page text).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

from verify_eval import held_aside, split_pages

from citeaudit.findings import MISPLACED_MARGIN, MISPLACED_MIN_SCORE
from citeaudit.verify import support_score
from citeaudit.verify.core import SourceDoc, assess_claim
from citeaudit.verify.dates import find_dates
from citeaudit.verify.entities import find_entities
from citeaudit.verify.numbers import find_quantities
from citeaudit.verify.text import STOPWORDS, content_stems, fold

PERTURBED = ("figure", "year", "date", "name-page", "name-list")
NEGATIVE = ("contradicted", "not_found", "partially_supported")
DRIFT_MIN_DROP = 0.2
"""For the drift variant reported alongside the audit's rule (set by hand, not tuned)."""

_FIXED_NAMES = {
    1: ["Rotterdam", "Winnipeg", "Adelaide", "Marseille", "Tbilisi", "Halvorsen"],
    2: ["Margaret Holloway", "Daniel Okafor", "Ingrid Lundqvist", "Tomas Herrera",
        "Priya Raman", "Walter Brennan"],
    3: ["Northfield Trading Company", "Eastern Valley Council", "Saint Albert Institute"],
}
_MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december", "monday", "tuesday",
                "wednesday", "thursday", "friday", "saturday", "sunday"}
_NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def evidence_lines(rec: dict) -> list[str]:
    """The record's gold evidence lines."""
    lines = rec["document"].split("\n")
    return [fold(lines[i]) for i in rec.get("evidence_sentence_indices_union") or []
            if 0 <= i < len(lines)]


def _format_like(value: float, written: str) -> str:
    decimals = len(written.split(".", 1)[1]) if "." in written else 0
    text = f"{value:,.{decimals}f}" if "," in written else f"{value:.{decimals}f}"
    return text


def perturb_figure(claim: str, evidence: list[str], page: str) -> str | None:
    """The claim with its first evidenced digit figure changed to a value the page lacks."""
    page_qs = find_quantities(fold(page))
    # A day of a date ("August 22") and a decade ("'80s") are dates, not figures.
    dated = [(d.start, d.end) for d in find_dates(claim)]
    for q in find_quantities(claim):
        m = _NUMERAL.search(q.text)
        if any(s < q.end and q.start < e for s, e in dated) or \
                claim[max(0, q.start - 1):q.start] in ("'", "-") or \
                claim[q.end:q.end + 1] in ("-", "s"):
            continue
        if q.ordinal or m is None or not any(
                any(q.matches(o, 0.0) for o in find_quantities(line)) for line in evidence):
            continue
        written = m.group()
        v = float(written.replace(",", ""))
        decimals = len(written.split(".", 1)[1]) if "." in written else 0
        digits = written.replace(",", "").split(".")[0].rstrip("0")
        place = 10 ** -decimals if decimals else 10 ** (len(written.replace(",", "").split(".")[0])
                                                          - max(len(digits), 1))
        k = max(place, round(v * 0.3 / place) * place)
        for step in (k, -k, 2 * k, -2 * k, 3 * k):
            new = v + step
            if new <= 0 or math.isclose(new, v):
                continue
            scale = q.value / v if v else 1.0
            probe = type(q)(new * scale, 0, 0, "", noun=q.noun, approx=q.approx,
                            percent=q.percent, precision=q.precision)
            if any(probe.matches(o, 0.1) or o.matches(probe, 0.1) for o in page_qs):
                continue
            at = q.start + m.start()
            return claim[:at] + _format_like(new, written) + claim[at + len(written):]
    return None


def perturb_year(claim: str, evidence: list[str], page: str, *, with_month: bool) -> str | None:
    """The claim with the year of its first evidenced (bare / full) date changed."""
    for d in find_dates(claim):
        if d.year is None or d.decade or d.relative or bool(d.month) != with_month:
            continue
        year = str(d.year)
        if not any(year in line for line in evidence):
            continue
        for step in (1, -1, 2, -2, 3, -3, 4, -4, 5):
            new = str(d.year + step)
            if new in page:
                continue
            at = d.start + d.text.rfind(year)
            return claim[:at] + new + claim[at + len(year):]
    return None


def _name_ok(words: list[str]) -> bool:
    return bool(words) and all(len(w) >= 2 for w in words) and not any(
        w.lower() in _MONTH_WORDS or w.lower() in STOPWORDS for w in words)


def perturb_name(claim: str, evidence: list[str], page: str, *, from_page: bool) -> str | None:
    """The claim with its first evidenced name swapped for another name of as many words."""
    ev_low = " ".join(evidence).lower()
    claim_stems = set(content_stems(claim))
    for e in find_entities(claim):
        words = e.text.split()
        if not _name_ok(words) or e.text.isupper() or len(words) > 3 or not all(
                w.lower() in ev_low for w in words):
            continue
        if from_page:
            candidates = []
            for line in page.split("\n"):
                line = fold(line)
                if line in evidence or line.startswith("(meta data)"):
                    continue
                for other in find_entities(line):
                    ow = other.text.split()
                    if len(ow) == len(words) and _name_ok(ow) and not other.text.isupper() \
                            and other.start > 0 and other.text.lower() not in ev_low \
                            and not set(content_stems(other.text)) & claim_stems:
                        candidates.append(other.text)
            replacement = next(iter(candidates), None)
        else:
            replacement = next((n for n in _FIXED_NAMES.get(len(words), [])
                                if n.lower() not in page.lower()), None)
        if replacement:
            return claim[:e.start] + replacement + claim[e.end:]
    return None


def perturbed_set(records: list[dict]) -> list[dict]:
    """Every perturbation of every supported claim (one per kind at most)."""
    out = []
    for rec in records:
        if rec["label"] != "supported":
            continue
        claim, ev, page = fold(rec["claim"]), evidence_lines(rec), fold(rec["document"])
        if not ev:
            continue
        made = {
            "figure": perturb_figure(claim, ev, page),
            "year": perturb_year(claim, ev, page, with_month=False),
            "date": perturb_year(claim, ev, page, with_month=True),
            "name-page": perturb_name(claim, ev, page, from_page=True),
            "name-list": perturb_name(claim, ev, page, from_page=False),
        }
        for kind, text in made.items():
            if text and text != claim:
                out.append({**rec, "id": f"{rec['id']}~{kind}", "base_id": rec["id"],
                            "claim": text, "original_claim": rec["claim"], "set": kind,
                            "label": "contradicted"})
    return out


def mismatched_set(records: list[dict]) -> list[dict]:
    """Each claim with the nearest-topic other claim's document."""
    stems = [set(content_stems(fold(r["claim"]))) for r in records]
    out = []
    for i, rec in enumerate(records):
        def nearness(j: int, rec: dict = rec, i: int = i) -> tuple:
            other = records[j]
            same_title = other.get("wiki_title") == rec.get("wiki_title")
            same_section = same_title and other.get("wiki_section") == rec.get("wiki_section")
            return (same_section, same_title, len(stems[i] & stems[j]), other["id"])
        others = [j for j in range(len(records))
                  if j != i and records[j]["document"] != rec["document"]]
        if not others:
            continue
        j = max(others, key=nearness)
        out.append({**rec, "id": f"{rec['id']}~page-of-{records[j]['id']}", "base_id": rec["id"],
                    "document": records[j]["document"], "own_document": rec["document"],
                    "original_label": rec["label"], "set": "mismatched",
                    "label": "not_supported"})
    return out


def verify(claim: str, document: str, context: str | None):
    """The verdict on one claim against a WiCE document (its pages as several sources)."""
    sources = [SourceDoc(text, title=title, url=url)
               for _, text, title, url in split_pages(document)]
    return assess_claim(claim, sources, context=context)[0]


def drop_lines(rec: dict, evidence: bool) -> str:
    """The page with its gold evidence lines removed, or with every third other line removed."""
    keep = set(rec.get("evidence_sentence_indices_union") or [])
    lines = rec["document"].split("\n")
    if evidence:
        return "\n".join(line for i, line in enumerate(lines) if i not in keep)
    others = [i for i in range(len(lines)) if i not in keep and not lines[i].startswith(
        "(meta data)")]
    drop = set(others[2::3])
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def run(records: list[dict], args: argparse.Namespace) -> dict[str, list[dict]]:
    """Build the sets and verify every claim in them; returns rows per set."""
    sets = {"controls": [{**r, "set": "controls", "base_id": r["id"]} for r in records
                         if r["label"] == "supported"]}
    for row in perturbed_set(records):
        sets.setdefault(row["set"], []).append(row)
    sets["mismatched"] = mismatched_set(records)
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for name, rows in sets.items():
            with open(args.write / f"{name}.jsonl", "w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    for rows in sets.values():
        for row in rows:
            v = verify(row["claim"], row["document"], row.get("claim_context"))
            row["verdict"], row["coverage"] = v.label.value, v.coverage
            row["reason"] = v.reason
            row["failed"] = [c.detail for c in v.failed_checks]
    by_id = {r["id"]: r for r in records}
    # misplaced_note, both ways round, on the mismatched pairs
    mis_rows = []
    for row in sets["mismatched"]:
        base = by_id[row["base_id"]]
        mine = verify(base["claim"], base["document"], base.get("claim_context"))
        theirs_score = support_score(fold(base["claim"]), row["document"])
        fires = mine.label.value in ("not_found", "partially_supported") and \
            theirs_score >= MISPLACED_MIN_SCORE and theirs_score >= mine.coverage + MISPLACED_MARGIN
        mis_rows.append({"base_id": row["base_id"], "shifted": False, "fires": fires,
                         "right": False})
        own_score = support_score(fold(base["claim"]), base["document"])
        fires = row["verdict"] in ("not_found", "partially_supported") and \
            own_score >= MISPLACED_MIN_SCORE and own_score >= row["coverage"] + MISPLACED_MARGIN
        mis_rows.append({"base_id": row["base_id"], "shifted": True, "fires": fires,
                         "right": base["label"] != "not_supported"})
    sets["misplaced"] = mis_rows
    drift_rows = []
    for row in sets["controls"]:
        if row["verdict"] != "supported" or not row.get("evidence_sentence_indices_union"):
            continue
        for gone in (True, False):
            live = verify(row["claim"], drop_lines(row, gone), row.get("claim_context"))
            drift_rows.append({"base_id": row["base_id"], "evidence_removed": gone,
                               "fires": live.label.value != "supported", "right": gone,
                               "drop": row["coverage"] - live.coverage})
    sets["drift"] = drift_rows
    return sets


def _rate(hits: list[bool]) -> str:
    return f"{sum(hits) / len(hits):.2f}" if hits else "  – "


def report(title: str, sets: dict[str, list[dict]]) -> None:
    """Verdicts per set, then the precision of each negative verdict and finding kind."""
    print(f"== {title}")
    print(f"  {'set':<12}{'claims':>7}  verdicts")
    verdict_sets = [s for s in (*PERTURBED, "controls", "mismatched") if s in sets]
    for name in verdict_sets:
        rows = sets[name]
        counts = Counter(r["verdict"] for r in rows)
        still = sum(r["verdict"] == "supported" for r in rows) / len(rows) if rows else 0.0
        extra = f"   still supported {still:.2f}" if name in PERTURBED else ""
        print(f"  {name:<12}{len(rows):>7}  " + ", ".join(
            f"{k} {counts[k]}" for k in ("supported", "partially_supported", "not_found",
                                         "contradicted", "unverifiable") if counts[k]) + extra)
    perturbed = [r for s in PERTURBED for r in sets.get(s, [])]
    if perturbed:
        contra = [r for s in verdict_sets for r in sets[s] if r["verdict"] == "contradicted"]
        right = [r["set"] in PERTURBED for r in contra]
        recall = sum(r["verdict"] == "contradicted" for r in perturbed) / len(perturbed)
        not_sup = sum(r["verdict"] != "supported" for r in perturbed) / len(perturbed)
        print(f"  contradicted: precision {_rate(right)} ({len(contra)} given over perturbed + "
              f"controls + mismatched), recall {recall:.2f} of {len(perturbed)} perturbed; "
              f"perturbed kept off 'supported' {not_sup:.2f}")
    print("  precision of each finding (right = not supported by the page checked against):")
    print(f"    {'finding':<22}" + "".join(f"{s:>14}" for s in (*verdict_sets, "pooled")))
    for kind in NEGATIVE:
        cells, pooled = [], []
        for name in verdict_sets:
            hit = [r for r in sets[name] if r["verdict"] == kind]
            ok = [(r["set"] in PERTURBED) if kind == "contradicted" else r["set"] != "controls"
                  for r in hit]
            pooled += ok
            cells.append(f"{_rate(ok)} ({len(ok)})" if ok else "–")
        print(f"    {kind:<22}" + "".join(f"{c:>14}" for c in cells)
              + f"{(_rate(pooled) + f' ({len(pooled)})') if pooled else '–':>14}")
    mis = sets.get("misplaced", [])
    if mis:
        fired = [r for r in mis if r["fires"]]
        plain = [r for r in mis if not r["shifted"]]
        shifted = [r for r in mis if r["shifted"] and r["right"]]
        print(f"    misplaced_note: precision {_rate([r['right'] for r in fired])} "
              f"({len(fired)} raised); neighbour wrongly preferred "
              f"{sum(r['fires'] for r in plain)} of {len(plain)} "
              f"({_rate([r['fires'] for r in plain])}); shifted notes caught "
              f"{sum(r['fires'] for r in shifted)} of {len(shifted)}")
    drift = sets.get("drift", [])
    if drift:
        fired = [r for r in drift if r["fires"]]
        print(f"    content_drift: precision {_rate([r['right'] for r in fired])} "
              f"({len(fired)} raised); evidence removed caught "
              f"{sum(r['fires'] for r in drift if r['right'])} of "
              f"{sum(r['right'] for r in drift)}; other lines removed, wrongly raised "
              f"{sum(r['fires'] for r in drift if not r['right'])} of "
              f"{sum(not r['right'] for r in drift)}")
        # A variant the audit could adopt: drift only when the live page lost a clear share.
        strict = [r for r in fired if r["drop"] >= DRIFT_MIN_DROP]
        print(f"    content_drift if also live coverage fell ≥ {DRIFT_MIN_DROP}: precision "
              f"{_rate([r['right'] for r in strict])} ({len(strict)} raised); evidence removed "
              f"caught {sum(r['right'] for r in strict)} of {sum(r['right'] for r in drift)}")


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--hold-aside", type=float, default=0.0, metavar="FRACTION",
                        help="report the part set aside by bench/verify_eval.py separately")
    parser.add_argument("--write", type=Path, default=None, metavar="DIR",
                        help="write the generated sets here as JSON lines")
    parser.add_argument("--show", default=None, metavar="SET",
                        help="print the claims of one set (tuning part only) with verdicts")
    args = parser.parse_args(argv)
    for path in args.paths:
        if not path.is_file():
            print(f"contradiction_set: no such file: {path}", file=sys.stderr)
            return 2
    for path in args.paths:
        try:
            records = [json.loads(line) for line in path.read_text("utf-8").splitlines()
                       if line.strip()]
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            print(f"contradiction_set: {path} is not a JSON-lines file: {exc}", file=sys.stderr)
            return 2
        bad = next((i for i, r in enumerate(records, 1) if not isinstance(r, dict) or not all(
            k in r for k in ("id", "claim", "document", "label"))), None)
        if bad is not None:
            print(f"contradiction_set: {path} record {bad} lacks id, claim, document or label",
                  file=sys.stderr)
            return 2
        start = time.process_time()
        sets = run(records, args)
        elapsed = time.process_time() - start
        print(f"##### {path.name}: sets built and verified in {elapsed:.1f} s process CPU time")
        part = {name: [r for r in rows if not (args.hold_aside and held_aside(
            r["base_id"], args.hold_aside))] for name, rows in sets.items()}
        report("tuning part" if args.hold_aside else "all", part)
        if args.hold_aside:
            aside = {name: [r for r in rows if held_aside(r["base_id"], args.hold_aside)]
                     for name, rows in sets.items()}
            report("held-aside part", aside)
        if args.show:
            for r in part.get(args.show, []):
                print(f"\n[{r['verdict']}] {r['id']} cov {r['coverage']}\n  {r['claim']}\n"
                      f"  was: {r.get('original_claim', '')}\n  {r['reason']}\n  "
                      + "\n  ".join(r["failed"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
