"""Benchmark: what the shifted-notes check adds to an audit in its worst case.

An article of ``--notes`` sentences, each citing its own loopback page, where
every page states the *next* sentence (notes shifted by one): every sentence is
weak against its own page, so the check verifies each against its neighbours'
pages (up to four, ``±1`` and ``±2``) — the most work it ever does per sentence.
The audit runs twice, with the check and with it switched off (the run of the
first must cover every note), and the check's own time is measured inside it.
Archives are not asked; pages answer at once.  Sends traffic only to 127.0.0.1.

    .venv/bin/python bench/bench_shifted.py [--notes 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from citeaudit.audit import Auditor
from citeaudit.config import Config, HttpConfig
from citeaudit.report import FindingKind

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.support.site

TOWNS = ["Arden", "Belmor", "Corvin", "Dunmere", "Elsby", "Farrow", "Glenhaven", "Harrow",
         "Ilford", "Jarrow", "Kelso", "Lowick", "Marden", "Norwick", "Orton", "Penrith"]
THINGS = ["bridge", "library", "harbour", "stadium", "museum", "tram depot", "school",
          "hospital wing", "ferry terminal", "town hall"]


def fact(i: int) -> str:
    """A distinct checkable sentence: its own town, thing, figure and year."""
    town = TOWNS[i % len(TOWNS)] + (f" {i // len(TOWNS) + 1}" if i >= len(TOWNS) else "")
    thing = THINGS[(i * 7) % len(THINGS)]
    return (f"The {thing} of {town} was rebuilt for {1 + i * 0.37:.2f} million euros "
            f"in {1990 + i % 30}.")


def build(n: int, base: str) -> str:
    body = " ".join(f"{fact(i)}[{i + 1}]" for i in range(n))
    notes = "\n".join(f'[{i + 1}] "Story {i + 1}", Loopback Times, {base}/s/{i + 1}, '
                      f"(Access Date: 27.06.2024)." for i in range(n))
    return f"The shifted benchmark\n\n{body}\n\n{notes}\n"


def _timed(method, into: list[float]):
    def timed(*args):
        start = time.perf_counter()
        try:
            return method(*args)
        finally:
            into.append(time.perf_counter() - start)
    return timed


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from tests.support.site import Site, html_page

    pages = {f"/s/{i + 1}": html_page(f"Story {i + 1}", fact(i + 1)) for i in range(args.notes)}
    config = Config(http=HttpConfig(allow_private=True, per_host_interval=0.0, retries=0),
                    archives=())
    with Site(pages).running() as site:
        text = build(args.notes, site.base)
        times: dict[str, list[float]] = {"with the check": [], "without": [], "the check": []}
        for _ in range(args.repeat):
            for name in ("with the check", "without"):
                auditor = Auditor(config)
                if name == "without":
                    auditor._shifted = lambda *_: ()  # type: ignore[method-assign]
                else:
                    auditor._shifted = _timed(auditor._shifted, times["the check"])
                start = time.perf_counter()
                report = auditor.run(text)
                times[name].append(time.perf_counter() - start)
                runs = report.findings_of(FindingKind.SHIFTED_NOTES)
                if name == "with the check" and (
                        len(runs) != 1 or runs[0].shift is None
                        or len(runs[0].shift.pairs) != args.notes - 1):
                    print(f"bench_shifted: expected one run over every note, got {runs}",
                          file=sys.stderr)
                    return 1
    for name, values in times.items():
        print(f"{name:15} median {statistics.median(values):.2f} s "
              f"(runs: {', '.join(f'{v:.2f}' for v in values)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
