"""Link outcomes on real-world response shapes: per-outcome accuracy of each half.

Serves every fixture of tests/data/hostile_shapes/ (bot walls, consent and
login walls, parked domains, not-found pages in many languages, refreshes to
the home page, paywalls, 200-with-rate-limit …) on loopback, checks each cited
URL with ``check_links`` and compares its outcome with the one a careful person
gives (``# expect:``).  Odd-numbered fixtures are the tune half, even the
held-aside half.  Sends traffic only to 127.0.0.1 and stops by itself.

    PYTHONPATH=src .venv/bin/python bench/hostile_shapes_eval.py [--half tune|aside|both] [-v]

Also counts the costly mistakes: a working page (``ok``/``redirected`` expected)
or one that could not be checked called dead (``broken``/``soft_404``/``moved_to_home``).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.support.shapes

from tests.support import shapes

from citeaudit.config import HttpConfig
from citeaudit.http import make_session
from citeaudit.links import check_links
from citeaudit.netguard import static_resolver

DEAD = {"broken", "soft_404", "moved_to_home"}


def score(half: str, verbose: bool) -> None:
    chosen = shapes.load_all(half)
    config = HttpConfig(
        allowed_networks=("127.0.0.0/8",), retries=1, backoff=0.05, deadline=10.0
    )
    with shapes.serving(chosen) as port:
        session = make_session(config, resolver=static_resolver(shapes.hosts_of(chosen)))
        results = check_links([s.url(port) for s in chosen], session=session)
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    false_dead = 0
    for shape, result in zip(chosen, results, strict=True):
        got = result.outcome.value
        seen[shape.expect] += 1
        right[shape.expect] += got == shape.expect
        false_dead += got in DEAD and shape.expect not in DEAD
        if verbose or got != shape.expect:
            mark = "ok " if got == shape.expect else "MISS"
            print(f"  {mark} {shape.name}: expected {shape.expect}, got {got} ({result.reason})")
    total = sum(right.values())
    print(f"{half}: {total}/{len(chosen)} right ({total / len(chosen):.0%}); "
          f"false dead: {false_dead}")
    for outcome in sorted(seen):
        print(f"  {outcome:14} {right[outcome]}/{seen[outcome]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=("tune", "aside", "both"), default="tune")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    for half in ("tune", "aside") if args.half == "both" else (args.half,):
        score(half, args.verbose)


if __name__ == "__main__":
    main()
