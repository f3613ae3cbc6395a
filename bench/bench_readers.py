"""Each reader's own cost: ``Reader.read`` alone, then ``compose`` (notes and claims), per format.

    .venv/bin/python bench/bench_readers.py                      # every format, 10,000 notes
    .venv/bin/python bench/bench_readers.py --formats html,docx --repeat 9

``parse_article`` is a reader's ``read`` (markup to prose and raw notes) followed by
``compose`` (``parse_note`` per note, the claim finder over the prose), which every
format shares.  This prints the best CPU time of each part over ``--repeat`` runs and
each format's ``read`` beyond the text reader's, the part a reader itself adds.
CPU seconds on a shared machine are noisy: compare runs made back to back.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_parse import BENCH_FORMATS, generate

from citeaudit.read import READERS, compose


def measure(fmt: str, notes: int, repeat: int) -> tuple[float, float]:
    """Best CPU seconds of ``read`` and of ``compose`` for the generated article in ``fmt``."""
    source = generate(notes, fmt)
    reader = READERS[fmt]
    best_read = best_compose = float("inf")
    for _ in range(repeat):
        gc.disable()  # as parse_article does while it reads
        start = time.process_time()
        document = reader.read_bytes(source) if reader.binary else reader.read(source)
        read_done = time.process_time()
        compose(document, source="bench", format=fmt)
        composed = time.process_time()
        gc.enable()
        gc.collect()
        best_read = min(best_read, read_done - start)
        best_compose = min(best_compose, composed - read_done)
    return best_read, best_compose


def main(argv: list[str] | None = None) -> int:
    """Print each format's read and compose times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--formats", default=",".join(BENCH_FORMATS))
    args = parser.parse_args(argv)
    formats = args.formats.split(",")
    unknown = [f for f in formats if f not in BENCH_FORMATS]
    if unknown:
        parser.error(f"unknown format {unknown[0]!r} (choose from {', '.join(BENCH_FORMATS)})")
    # The text reader first: every other format's read is set against it.
    text_read = measure("text", args.notes, args.repeat)[0]
    for fmt in formats:
        read, composed = measure(fmt, args.notes, args.repeat)
        print(f"{fmt:9} read {read:.3f} s ({read - text_read:+.3f} s over text's), "
              f"compose {composed:.3f} s, total {read + composed:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
