"""How verification time grows with the page: hostile sizes, bounded by the budgets.

    python bench/bench_verify.py [--big-mb 50]

Verifies a few claims against pages of growing size — plain text up to
``--big-mb`` MB, and a page of 12,000 dated sentences (560 KB) — and prints the
time per page and per claim.  Preparing a page is linear in its size; pages
beyond ``MAX_SOURCE_CHARS`` are compared on their first part, so a 50 MB page
costs what a 1 MB one does; ``PAGE_BUDGET_S`` and ``CLAIM_BUDGET_S`` bound the
rest.  Run by hand (timings on a shared machine are noisy), not as a test.
"""

from __future__ import annotations

import argparse
import sys
import time

from citeaudit.verify import thresholds as th
from citeaudit.verify import verify_claim

CLAIMS = (
    "The council approved 312 new homes on 4 March 2019, the mayor said.",
    'The engineer said "the river is calm again after the long winter".',
    "He stepped down as chairman of the harbour board in the 1990s.",
)


def text_page(chars: int) -> str:
    """Plain prose of about ``chars`` characters, lines of varied sentences."""
    line = ("The harbour board met on Tuesday to discuss the river, the bridge and the new "
            "homes planned for the waterfront, and the engineer reported on the winter. ")
    reps = max(1, chars // len(line))
    return "\n".join(line + f"Item {i}." for i in range(reps))


def dated_page(sentences: int) -> str:
    """``sentences`` short sentences, each with a full date (the 560 KB case)."""
    return " ".join(f"On {1 + i % 28} March {1990 + i % 30} the board recorded item {i}."
                    for i in range(sentences))


def measure(name: str, page: str) -> None:
    """Time each claim against ``page`` (the first includes preparing the page)."""
    times, labels = [], []
    for claim in CLAIMS:
        start = time.perf_counter()
        verdict = verify_claim(claim, page)
        times.append(time.perf_counter() - start)
        labels.append(verdict.label.value)
    print(f"{name:<28} {len(page) / 1e6:8.2f} MB  first claim (with page) {times[0]:6.2f} s  "
          f"next claims {max(times[1:]):6.2f} s  {labels}")


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big-mb", type=float, default=50.0)
    args = parser.parse_args(argv)
    print(f"limits: MAX_SOURCE_CHARS {th.MAX_SOURCE_CHARS:,}, page budget "
          f"{th.PAGE_BUDGET_S} s, claim budget {th.CLAIM_BUDGET_S} s")
    measure("12,000 dated sentences", dated_page(12_000))
    for mb in (0.1, 0.5, 1.0, args.big_mb):
        measure(f"text page {mb:g} MB", text_page(int(mb * 1e6)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
