"""Score ``parse_note`` on real note strings in many languages, and time it.

Usage::

    .venv/bin/python bench/notes_eval.py                 # both parts
    .venv/bin/python bench/notes_eval.py --part dev      # only the part used while tuning
    .venv/bin/python bench/notes_eval.py --show-errors   # print every miss

``bench/data/notes_realworld.jsonl`` is the dev part (looked at while tuning);
``bench/data/notes_realworld_heldout.jsonl`` is held out (collected with the dev part,
its strings read while writing expectations, never tuned on);
``bench/data/notes_realworld_unseen.jsonl`` was collected after tuning, its
expectations written before the parser first ran on it.  Each line has ``lang``,
``raw``, the expected ``urls`` (list), ``access_date`` (ISO or null), ``title``
(null = not scored: the note has no clearly marked title) and the ``source`` it came
from.  A note counts as right when URLs, access date and (scored) title all match.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import time
from collections import defaultdict

from citeaudit.notes import parse_note

DATA = pathlib.Path(__file__).parent / "data"
PARTS = {
    "dev": DATA / "notes_realworld.jsonl",
    "heldout": DATA / "notes_realworld_heldout.jsonl",
    "unseen": DATA / "notes_realworld_unseen.jsonl",
}


def score(path: pathlib.Path, show_errors: bool) -> None:
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for row in rows:
        note = parse_note(row["raw"])
        got = {
            "urls": list(note.urls),
            "access_date": note.access_date.isoformat() if note.access_date else None,
            "title": note.title,
        }
        checks = {
            "urls": got["urls"] == row["urls"],
            "access_date": got["access_date"] == row["access_date"],
        }
        if row["title"] is not None:
            checks["title"] = got["title"] == row["title"]
        checks["all"] = all(checks.values())
        for lang in (row["lang"], "ALL"):
            for field, ok in checks.items():
                tally[lang][field][0] += ok
                tally[lang][field][1] += 1
        if show_errors and not checks["all"]:
            print(f"  MISS [{row['lang']}] {row['raw'][:90]!r}")
            for field in ("urls", "access_date", "title"):
                if field in checks and not checks[field]:
                    print(f"       {field}: expected {row[field]!r} got {got[field]!r}")
    print(f"{path.name}: {len(rows)} notes")
    print(f"  {'lang':5} {'n':>3} {'urls':>7} {'access':>7} {'title':>7} {'all':>7}")
    for lang in sorted(tally, key=lambda k: (k == "ALL", k)):
        t = tally[lang]

        def pct(field: str, t=t) -> str:
            ok, n = t[field]
            return f"{100 * ok / n:6.1f}%" if n else "     -"

        cells = " ".join(pct(field) for field in ("urls", "access_date", "title", "all"))
        print(f"  {lang:5} {t['all'][1]:>3} {cells}")


def timing() -> None:
    notes = [
        "[1] “Pyongyang Says It Will Send Troops to Ukraine Within a Month”, Kyivpost, "
        "https://www.kyivpost.com/post/34893, (Access Date: 28.06.2024).",
        "[3] Ibid.",
        "1. Иванов И.И. Основы программирования. Москва: Просвещение, 2020. URL: "
        "https://example.com/book1 (дата обращения: 29.04.2025).",
        "Halil İnalcık, Devlet-i Âliyye, Türkiye İş Bankası Yayınları, İstanbul, 2015, s. 25.",
    ]
    for n in notes:
        parse_note(n)  # warm caches (month tables)
    runs = 2500
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(runs):
            for n in notes:
                parse_note(n)
        samples.append((time.perf_counter() - start) / (runs * len(notes)))
    per_note = statistics.median(samples) * 1e6
    print(f"parse_note: {per_note:.1f} µs per note (median of 5 runs of {runs * len(notes)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=[*PARTS, "both"], default="both")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    for name, path in PARTS.items():
        if args.part in (name, "both"):
            score(path, args.show_errors)
    if not args.no_timing:
        timing()


if __name__ == "__main__":
    main()
