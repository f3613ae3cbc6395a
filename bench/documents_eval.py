"""Score citeaudit's reading of whole documents against hand-written expectations.

    .venv/bin/python bench/documents_eval.py FOLDER            # every document in FOLDER
    .venv/bin/python bench/documents_eval.py FOLDER --verbose  # and each note that is wrong
    .venv/bin/python bench/documents_eval.py F1 F2 F3          # several parts, and all of them

Each document ``NAME.EXT`` (``.html``, ``.md``, ``.txt``, ``.wiki``…) has beside it
``NAME.expect.json``, written by hand from the document itself::

    {"source": "where the document came from",
     "format": "markdown",                  # optional: else detected, as a user's run would
     "notes": {"1": ["https://…"], "2": []}}   # every note's label and its URLs

A note is *found* when a parsed note has its label and some text; its URLs are *right* when the
parsed note's URLs are exactly the expected ones (as a set: order is not a reading
error).  A parsed note whose label is not expected is *invented*.  A document that
raises is a crash.  The totals are set against issue #13's bar: ≥ 95 % of notes found,
≥ 90 % with exactly the right URLs, no invented notes, no crash.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

from citeaudit.read import parse_article


def score(document: pathlib.Path, expect: dict, verbose: bool) -> dict[str, int]:
    """Counts for one document: expected, found, urls_right, invented, crashed."""
    expected: dict[str, list[str]] = expect["notes"]
    counts = {"expected": len(expected), "found": 0, "urls_right": 0, "invented": 0, "crashed": 0}
    try:
        article = parse_article(document, expect.get("format"))
    except Exception as error:  # a crash is what is measured here
        counts["crashed"] = 1
        print(f"  CRASH {type(error).__name__}: {error}")
        return counts
    parsed = {note.label: note for note in article.notes}
    for label, urls in expected.items():
        note = parsed.get(label)
        if note is None or not note.raw.strip():  # a note without its text is not found
            if verbose:
                print(f"  missing [{label}]" + (" (found empty)" if note is not None else ""))
            continue
        counts["found"] += 1
        if set(note.urls) == set(urls):
            counts["urls_right"] += 1
        elif verbose:
            print(f"  [{label}] urls {list(note.urls)} != expected {urls}")
    for label in parsed.keys() - expected.keys():
        counts["invented"] += 1
        if verbose:
            print(f"  invented [{label}]: {parsed[label].raw[:80]!r}")
    return counts


def _folder(folder: pathlib.Path, verbose: bool) -> dict[str, int] | None:
    """Score every document in ``folder``; its totals, or ``None`` if it is malformed."""
    totals = {"expected": 0, "found": 0, "urls_right": 0, "invented": 0, "crashed": 0}
    for expect_path in sorted(folder.glob("*.expect.json")):
        name = expect_path.name[: -len(".expect.json")]
        documents = [p for p in folder.glob(name + ".*") if p != expect_path]
        if len(documents) != 1:
            print(f"{name}: want one document beside {expect_path.name}, found {len(documents)}")
            return None
        expect = json.loads(expect_path.read_text("utf-8"))
        counts = score(documents[0], expect, verbose)
        print(f"{documents[0].name:40} {counts['found']:3}/{counts['expected']:<3} found, "
              f"{counts['urls_right']:3} URLs right, {counts['invented']} invented"
              + (", CRASHED" if counts["crashed"] else ""))
        for key in totals:
            totals[key] += counts[key]
    if not totals["expected"]:
        print("no *.expect.json in", folder)
        return None
    return totals


def _summary(name: str, totals: dict[str, int]) -> bool:
    """Print one line of totals; whether they meet issue #13's bar."""
    found = totals["found"] / totals["expected"]
    right = totals["urls_right"] / totals["expected"]
    print(f"{name}: {totals['found']}/{totals['expected']} notes found ({found:.1%}, bar 95%), "
          f"{totals['urls_right']} with exactly the right URLs ({right:.1%}, bar 90%), "
          f"{totals['invented']} invented, {totals['crashed']} crashed")
    return found >= 0.95 and right >= 0.90 and not totals["invented"] and not totals["crashed"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=pathlib.Path, nargs="+", metavar="folder")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    overall = {"expected": 0, "found": 0, "urls_right": 0, "invented": 0, "crashed": 0}
    met = True
    for folder in args.folders:
        if len(args.folders) > 1:
            print(f"== {folder}")
        totals = _folder(folder, args.verbose)
        if totals is None:
            return 2
        print()
        met = _summary("all" if len(args.folders) == 1 else str(folder), totals) and met
        for key in overall:
            overall[key] += totals[key]
    if len(args.folders) > 1:
        met = _summary("\nall parts", overall)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
