"""Cross-validate the word-count constants of the Latin-script style rules.

Usage::

    .venv/bin/python bench/latin_styles_cv.py            # 5 folds over the tune documents

The tune notes (``notes_eval.PARTS["tune"]``) are split into folds by source document
(every note of a document in the same fold).  For each constant, each candidate value
is scored on the notes outside a fold, the best one is kept (ties: the value in use,
which the style's grammar set, else the smallest), and the title accuracy it gives on
the fold itself is reported, with the spread across folds.  The asides are never read
here.
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import zlib
from collections.abc import Callable
from typing import Any

sys.path.insert(0, str(pathlib.Path(__file__).parent))

from notes_eval import PARTS, _source_key, load

from citeaudit.notes import latin_styles, parse_note, styles

CONSTANTS: dict[str, tuple[Any, str, tuple[int, ...]]] = {
    "LEAD_WORDS": (styles, "LEAD_WORDS", (1, 2, 3, 4, 5, 6)),
    "BODY_LEAD_WORDS": (styles, "BODY_LEAD_WORDS", (2, 3, 4, 5, 6, 8)),
    "SITE_NAME_WORDS": (latin_styles, "SITE_NAME_WORDS", (1, 2, 3, 4, 5)),
}


def _title_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if r.get("title_checked", r["title"] is not None)]


def _right(rows: list[dict[str, Any]]) -> Callable[[], list[bool]]:
    def run() -> list[bool]:
        return [parse_note(r["raw"], html=r.get("html")).title == r["title"] for r in rows]

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    rows = _title_rows(load(PARTS["tune"]))
    # A document's fold from a checksum of its name: stable across runs and machines.
    fold_of = [zlib.crc32(_source_key(r).encode()) % args.folds for r in rows]
    for name, (module, attr, values) in CONSTANTS.items():
        kept = getattr(module, attr)
        right: dict[int, list[bool]] = {}
        try:
            for value in values:
                setattr(module, attr, value)
                right[value] = _right(rows)()
        finally:
            setattr(module, attr, kept)
        chosen, scores = [], []
        for fold in range(args.folds):
            inside = [i for i, f in enumerate(fold_of) if f == fold]
            outside = [i for i, f in enumerate(fold_of) if f != fold]
            best = max(values, key=lambda v: (sum(right[v][i] for i in outside), v == kept, -v))
            chosen.append(best)
            scores.append(100 * sum(right[best][i] for i in inside) / max(1, len(inside)))
        flat = {v: round(100 * sum(right[v]) / len(rows), 2) for v in values}
        print(
            f"{name}: in use {kept}; chosen per fold {chosen}; held-out fold title accuracy "
            f"min {min(scores):.1f}% median {statistics.median(scores):.1f}% "
            f"max {max(scores):.1f}%; all tune notes by value {flat}"
        )


if __name__ == "__main__":
    main()
