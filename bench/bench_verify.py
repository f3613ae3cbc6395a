"""How verification time grows with the page: hostile sizes, bounded by the budgets.

    python bench/bench_verify.py [--big-mb 50]
    python bench/bench_verify.py --audit-claims   # the audit bench's verification alone

Verifies a few claims against pages of growing size — plain text up to
``--big-mb`` MB, and a page of 12,000 dated sentences (560 KB) — and prints the
time per page and per claim.  Preparing a page is linear in its size; pages
beyond ``MAX_SOURCE_CHARS`` are compared on their first part, so a 50 MB page
costs what a 1 MB one does; ``PAGE_BUDGET_S`` and ``CLAIM_BUDGET_S`` bound the
rest.  Run by hand (timings on a shared machine are noisy), not as a test.

``--audit-claims`` instead verifies, in this process, the 200 claims of
``bench/bench_audit.py`` against their pages (read once first, as the audit's
workers read them) and prints the CPU seconds of the verification alone: the
audit's verification cost without its network and processes.  Under
``valgrind --tool=cachegrind --cache-sim=no`` (minus a run with ``--audit-claims
--no-verify``) it gives instruction counts, which survive a busy machine.
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


def _stems(text: str) -> None:
    from citeaudit.verify.text import content_stems, split_sentences

    for sentence in split_sentences(text):
        content_stems(sentence.text)


def _index(text: str) -> None:
    from citeaudit.verify.align import SourceIndex

    SourceIndex(text)


def _quantities(text: str) -> None:
    from citeaudit.verify.numbers import find_quantities

    find_quantities(text)


PARTS = {"stems": _stems, "index": _index, "quantities": _quantities}
"""The hot spots of preparing a page, each run alone by ``--part`` (``stems`` includes
splitting the page into sentences, as :class:`~citeaudit.verify.align.SourceIndex` does)."""


def audit_claims(*, verify: bool = True, part: str | None = None) -> None:
    """The audit bench's pages read, then (unless not ``verify``) each claim verified, or
    only ``part`` of preparing each page done (see :data:`PARTS`)."""
    import bench_audit  # bench/bench_audit.py, beside this script

    from citeaudit import workers

    kind = "text/html; charset=utf-8"
    notes = range(1, 201)
    urls = [f"http://127.0.0.{2 + n % 20}/story/{n}" for n in notes]
    pages = [workers.read_page(bench_audit.page_of(n), kind, url)
             for n, url in zip(notes, urls, strict=True)]
    if not verify:
        return
    if part is not None:
        started = time.process_time()
        texts = [page.text for page in pages if page is not None]
        for text in texts:
            PARTS[part](text)
        print(f"{part} of {len(texts)} pages in {time.process_time() - started:.3f} s of CPU")
        return
    started = time.process_time()
    labels = [verify_claim(bench_audit.claim_of(n), page.text, source_title=page.title,
                           source_url=url, source_published=page.published).label.value
              for n, page, url in zip(notes, pages, urls, strict=True) if page is not None]
    print(f"{len(labels)} claims verified in {time.process_time() - started:.3f} s of CPU "
          f"(labels {sorted(set(labels))})")


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big-mb", type=float, default=50.0)
    parser.add_argument("--audit-claims", action="store_true",
                        help="verify the audit bench's 200 claims against their pages")
    parser.add_argument("--no-verify", action="store_true",
                        help="with --audit-claims: only read the pages (a baseline)")
    parser.add_argument("--part", choices=sorted(PARTS),
                        help="with --audit-claims: only this part of preparing each page")
    args = parser.parse_args(argv)
    if args.audit_claims:
        audit_claims(verify=not args.no_verify, part=args.part)
        return 0
    print(f"limits: MAX_SOURCE_CHARS {th.MAX_SOURCE_CHARS:,}, page budget "
          f"{th.PAGE_BUDGET_S} s, claim budget {th.CLAIM_BUDGET_S} s")
    measure("12,000 dated sentences", dated_page(12_000))
    for mb in (0.1, 0.5, 1.0, args.big_mb):
        measure(f"text page {mb:g} MB", text_page(int(mb * 1e6)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
