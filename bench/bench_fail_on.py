"""Benchmark: ``--fail-on`` selection on a report with many notes (issue #17).

A report on an article of ``--notes`` notes (10,000 by default), each citing two
URLs (one its own, one shared with its neighbours) with every link outcome in
turn, one finding per link and one per claim, as a large audit gives
(``tests/support/wide_reports.many_links_report``).  It times
``Report.matching`` with the default ``--fail-on`` and with an outcome token
(``soft_404``, which a finding's kind never matches, so every link finding is
looked up), and ``report.claim`` for every claim.  Before the report's index, each
look-up scanned every note's links: 10,000 notes took about 25 s.

    .venv/bin/python bench/bench_fail_on.py [--notes 10000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.support.wide_reports


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10_000)
    args = parser.parse_args()

    from tests.support.wide_reports import many_links_report

    from citeaudit.report.model import DEFAULT_FAIL_ON

    report = many_links_report(args.notes)
    links = sum(len(n.links) for n in report.notes)
    print(f"{len(report.notes)} notes, {links} links, {len(report.findings)} findings")
    for name, tokens in (("default --fail-on", DEFAULT_FAIL_ON), ("--fail-on soft_404",
                                                                  ("soft_404",))):
        started = time.perf_counter()
        selected = report.matching(tokens)
        print(f"{name}: {len(selected)} selected in {time.perf_counter() - started:.3f} s")
    started = time.perf_counter()
    found = sum(report.claim(c.claim.id) is not None for c in report.claims)
    print(f"report.claim for each of {found} claims: {time.perf_counter() - started:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
