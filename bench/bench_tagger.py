"""Time the title tagger alone on the notes ``bench_parse``'s article hands it.

    .venv/bin/python bench/bench_tagger.py              # 10,000 notes, best of 3 passes
    .venv/bin/python bench/bench_tagger.py --passes 0   # record the notes only

The notes are recorded while the article parses, so the tagger sees what it sees in
``bench_parse``; the passes then run ``title_span`` over them with warm word caches.
For instruction counts run it under ``valgrind --tool=cachegrind --cache-sim=no`` with
``--passes 1`` and ``--passes 0`` and subtract.  Figures on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_parse import generate

from citeaudit.notes import tagger
from citeaudit.read import parse_article


def tagged_notes(count: int) -> list[str]:
    """The texts ``title_span`` is asked about while the generated article parses."""
    seen: list[str] = []
    original = tagger.TitleTagger.title_span

    def record(self: tagger.TitleTagger, text: str, threshold: float | None = None):
        seen.append(text)
        return original(self, text, threshold)

    tagger.TitleTagger.title_span = record  # type: ignore[method-assign]
    try:
        parse_article(generate(count, "text"), "text")
    finally:
        tagger.TitleTagger.title_span = original  # type: ignore[method-assign]
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    texts = tagged_notes(args.notes)
    model = tagger.default_tagger()
    best = None
    for _ in range(args.passes):
        started = time.process_time()
        for text in texts:
            model.title_span(text)
        elapsed = time.process_time() - started
        best = elapsed if best is None else min(best, elapsed)
    tokens = sum(len(t) for t in texts)
    line = f"{len(texts)} tagged notes ({tokens} chars)"
    print(line if best is None else f"{line}: best CPU {best:.3f} s over {args.passes} passes")


if __name__ == "__main__":
    main()
