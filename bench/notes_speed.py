"""CPU time of ``parse_note`` alone, per note, on the notes ``bench_parse.py`` generates
and on the real notes under ``bench/data/`` (process time, so a shared machine's load
counts less than in wall time).

    .venv/bin/python bench/notes_speed.py             # both sets
    .venv/bin/python bench/notes_speed.py --profile   # cProfile's top functions too

Each set's line also says how many of its notes the learned title tagger reads (it runs
on every note with no marked title; its CRF runs in Python from the model's weights, see
``citeaudit.notes.crf``, and took about a sixth of the parse time of bench_parse's notes
when it was last measured).  On a shared machine, count instructions rather than seconds:

    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        .venv/bin/python bench/bench_parse.py --repeat 1 --input-format text
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pathlib
import pstats
import re
import statistics
import sys
import time

from citeaudit.notes import parse_note, tagger

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE))
from bench_parse import generate  # noqa: E402

_NOTE = re.compile(r"^\[\d+\] (.+)$", re.MULTILINE)


def bench_notes(count: int) -> list[str]:
    """The note lines of ``bench_parse``'s generated text article."""
    return _NOTE.findall(generate(count, "text"))


def real_notes() -> list[str]:
    """Every note of the real-world sets (raw text only)."""
    rows = []
    for path in sorted((HERE / "data").glob("notes_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line)["raw"])
    return rows


def per_note(notes: list[str], repeat: int) -> tuple[float, float]:
    """Median and best CPU µs per note over ``repeat`` passes."""
    # Warm the lazy tables, the tagger's model and dateparser's import (some real notes
    # need it; its load alone was most of a single pass over the real set).
    for note in notes[:1000]:
        parse_note(note)
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        for note in notes:
            parse_note(note)
        samples.append((time.process_time() - start) / len(notes) * 1e6)
    return statistics.median(samples), min(samples)


def tagger_reads(notes: list[str]) -> int:
    """How many of ``notes`` reach the title tagger."""
    model = tagger.default_tagger()
    read = 0
    original = model.title_span

    def counting(text: str, threshold: float | None = None) -> tagger.Span | None:
        nonlocal read
        read += 1
        return original(text, threshold)

    model.title_span = counting  # type: ignore[method-assign]
    try:
        for note in notes:
            parse_note(note)
    finally:
        del model.title_span  # the instance attribute goes; the method shows again
    return read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    sets = {"bench_parse": bench_notes(args.notes), "real": real_notes()}
    for name, notes in sets.items():
        med, best = per_note(notes, args.repeat)
        share = tagger_reads(notes)
        print(f"{name:12} {len(notes):6} notes: median {med:6.1f} µs, best {best:6.1f} µs CPU/note;"
              f" the tagger reads {share} ({100 * share / len(notes):.0f}%)")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for note in sets["bench_parse"]:
            parse_note(note)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
