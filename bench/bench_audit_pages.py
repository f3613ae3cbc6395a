"""Benchmark: the workers' share of ``bench_audit.py``, in one process, for instruction counts.

Reads and verifies the audit bench's pages (the same 200 pages and the claims the
article's parse gives them) one after the other in this process, exactly as a
worker does for each page the audit hands it: ``workers.read_and_verify``, with the
bytes, then the result, passed through ``pickle`` as the pool passes them.  Wall and
CPU seconds are printed; under cachegrind the instruction count is the figure that
survives a shared machine's load:

    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        .venv/bin/python bench/bench_audit_pages.py [--notes 200] [--warm]

``--warm`` reads and verifies one page before the timed part (what a worker pays on
its first page is then left out); without it the count includes that first page's
loading, as each worker pays it.  ``--stage read`` or ``--stage verify`` times one
stage alone (verifying pages read before the timed part); ``--stage watch`` gives
each page to a watch's worker (``watch.pages.read_page_state``) as a page with claims
but none to verify (each claim verified before, the page never fingerprinted), as most
pages of a watch run are; ``--stage setup`` does everything but the timed part, so
that its count, subtracted from another stage's, gives that stage's own instructions
(divide by ``--notes`` for a page's: 2 December 2026, read 12.5 M, read and verify
20.9 M (23.1 M before verify's stems and figures were found in one pass), watch 10.3 M,
from 13.0 M before the title and date were left unread).

Where an audit's reading goes (12.5 M a page): trafilatura's text about 9.8 M, the title
0.4 M, htmldate's date search 2.25 M (the bench's pages state no date, so it tries every
place one could be).  An audit cannot leave the date unread: its report states every
read page's date (``page_published``, ``published_after_access``) and verification takes
it.  Tried and not adopted: parsing with a C-level element class lookup instead of
lxml.html's Python one (−0.32 M a page, −2.6 %, but every ``<form>``, ``<input>``… then
loses its lxml.html class, which trafilatura and htmldate may rely on); trafilatura has no
option whose work an audit discards (``fast``, no comments, no metadata are already set).
"""

from __future__ import annotations

import argparse
import pickle
import time

import bench_audit  # bench/bench_audit.py, beside this script


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--warm", action="store_true",
                        help="read and verify one page before the timed part")
    parser.add_argument("--stage", default="both",
                        choices=("both", "read", "verify", "watch", "setup"))
    args = parser.parse_args()

    from citeaudit import workers
    from citeaudit.audit.targets import claim_inputs, effective_notes
    from citeaudit.read import parse_article
    from citeaudit.watch.pages import read_page_state

    hosts = [f"127.0.0.{i}" for i in range(2, 22)]
    urls = [f"http://{hosts[n % len(hosts)]}:8000/stories/{n}" for n in range(1, args.notes + 1)]
    article = parse_article(bench_audit.article_text(urls), None)
    inputs = claim_inputs(article, effective_notes(article))
    kind = "text/html; charset=utf-8"
    calls = [(bench_audit.page_of(n), kind, url, inputs.get(url, ()), None)
             for n, url in enumerate(urls, 1)]
    if args.warm:
        workers.read_and_verify(*calls[0])
    pages = [workers.read_page(*call[:3]) for call in calls] if args.stage == "verify" else []
    started, cpu = time.perf_counter(), time.process_time()
    verdicts = 0
    if args.stage == "both":
        for call in calls:
            page, found = pickle.loads(pickle.dumps(
                workers.read_and_verify(*pickle.loads(pickle.dumps(call)))))
            verdicts += len(found)
    elif args.stage == "read":
        for call in calls:
            verdicts += workers.read_page(*call[:3]) is not None
    elif args.stage == "watch":
        for body, kind_, url, claims, _ in calls:
            verdicts += read_page_state(body, kind_, url, None, "", claims, frozenset()) is not None
    elif args.stage == "verify":
        for page, call in zip(pages, calls, strict=True):
            if page is not None:
                verdicts += len(workers.verify_page(page, call[2], call[3]))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{args.stage}: {len(calls)} pages, {verdicts} results: {wall:.3f} s wall, "
          f"{cpu:.3f} s CPU ({1000 * cpu / len(calls):.2f} ms a page)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
