"""Benchmark: a full audit against checking the same article's links alone.

An article with 200 notes, each citing its own page on one of 20 loopback
hosts (127.0.0.2–127.0.0.21, pages of ~600 words, each response taking
``--delay`` seconds: 0.5 s by default, a typical news page's time to load),
and a Memento archive on 127.0.0.1 holding a capture of every page (TimeMaps
answered at once: a local archive, asked with no interval, as a user's own
archive would be; the Internet Archive's 3 s spacing would dominate any audit
of 200 notes).  Both runs use citeaudit's default politeness otherwise.  The
audit should take at most 1.2× the links-only time: archive look-ups, page
reading and verification overlap with fetching.  With much faster pages
(``--delay 0.1``; issue #17 asks for at most 1.5×) the overlap cannot hide the
work: an audit then spends about 0.9 s of CPU — about 0.27 s in this process
(the link checks' 0.09 s; 400 archive requests, TimeMaps and memento probes on
kept-alive connections, as coroutines on the bulk client's loop, about 0.05 s
and 210 M instructions; the pool's hand-offs, about 0.04 s in its manager and
feeder threads; the rest in reading the article, starting the workers and
building the report) and about 0.6 s in the workers (200 pages read, about
12.5 M instructions each, and verified, about 8.4 M instructions, from 10.6 M
before this round: ``bench_audit_pages.py`` counts them in one process, its
``--stage setup`` subtracted) — against
the links' 0.09 s (2 December 2026; ``--breakdown`` tabulates the parts).  Two
cores hold that within the links' 0.6 s only when the workers have a core to
themselves from the first answer on: on a busy machine they, at a lower
priority, wait behind every other process, and the ratio follows the load
(at load averages of 1 to 2 on two cores 1.7 to 2.7, at 5 to 8 from 1.9 to
10, while the instruction counts stay put).  Sends traffic only to 127.0.0.0/8.

With ``--ia`` the archive is Internet-Archive-shaped instead: the stand-in
Archive of ``tests/support/ia_standin.py`` with the real limits (60 interface
requests and 600 replays a minute per client, 429 with ``Retry-After`` beyond,
a block for clients that go on through 429s), asked with the real spacing (3 s
between requests to it).  Every URL needs a look-up (no cache, no note cites a
copy), so the audit leans on the batch availability interface; the stand-in's
count of requests beyond its limits must be 0.  ``--notes 385`` is the issue's
385-note article.

CPU seconds are reported beside wall time (this process, and the audit's worker
processes apart): on a shared machine they are the figure that survives load.
``--json PATH`` writes the audit's report without its timings (to compare two
versions' results); ``--profile DIR`` writes cProfile statistics of the audit
in this process (``audit.prof``) and of each worker process (``worker-PID.prof``);
``--breakdown`` then times the parts alone: parsing the article, the archive look-ups,
and reading and verifying the pages (the workers' share) in this process, and tabulates
them beside the audit's own CPU.  Every run prints the audit's timeline (when the first
and last link, look-up and claim were done).

    .venv/bin/python bench/bench_audit.py [--notes 200] [--hosts 20] [--delay 0.5]
        [--no-archive] [--pywb] [--ia]   # --pywb: a real pywb as the archive, on the same CPUs
        [--json PATH] [--profile DIR] [--breakdown]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import datetime as dt
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import loopback  # bench/loopback.py, beside this script
import memory  # bench/memory.py, beside this script

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.support.pywb_archive

ARCHIVE_HOST = "127.0.0.1"
SERVE_LIMIT = 900.0
"""The loopback server exits by itself after this many seconds, whatever happens."""
WORDS = (
    "council", "harbour", "budget", "works", "spring", "debate", "mayor", "fishermen", "quay",
    "boats", "catch", "contract", "audit", "costs", "opposition", "members", "afternoon",
    "decision", "association", "weather", "coast", "guard", "search", "railway", "station",
    "tram", "line", "campus", "library", "archive", "newspaper", "festival", "tickets",
    "orchestra", "airport", "terminal", "passengers", "exports", "wine", "region", "chamber",
    "growth", "market", "prices", "housing",
)


def claim_of(n: int) -> str:
    """The sentence note ``n`` supports, stated on its page and in the article."""
    return (f"The council of district {n} approved {n * 37 + 120} new homes and a budget of "
            f"{n % 9 + 1}.{n % 7} million euros for the {WORDS[n % len(WORDS)]} project.")


def page_of(n: int) -> bytes:
    rng = random.Random(n)
    filler = [" ".join(rng.choice(WORDS) for _ in range(25)).capitalize() + "." for _ in range(24)]
    paragraphs = [*filler[:12], claim_of(n), *filler[12:]]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Story {n}"
            f"</title></head><body><article><h1>Story {n}</h1>{body}</article></body></html>"
            ).encode()


# --- the loopback server (a subprocess, so it does not share citeaudit's GIL) ------------------


def _answer(delay: float) -> loopback.Answer:
    async def answer(method: str, path: str, host: str, port: int) -> tuple[str, str, bytes]:
        if host == ARCHIVE_HOST:
            return _archive_answer(path, port)
        await asyncio.sleep(delay)
        return _page_answer(path)

    return answer


def _page_answer(path: str) -> tuple[str, str, bytes]:
    if path.startswith("/stories/") and path.rsplit("/", 1)[-1].isdigit():
        return "200 OK", "text/html; charset=utf-8", page_of(int(path.rsplit("/", 1)[-1]))
    return loopback.NOT_FOUND


def _archive_answer(path: str, port: int) -> tuple[str, str, bytes]:
    """A Memento TimeMap with one capture (20 June 2024) of each story, and the capture."""
    base = f"http://{ARCHIVE_HOST}:{port}"
    if path.startswith("/timemap/link/"):
        original = path[len("/timemap/link/"):]
        if "/stories/" not in original:
            return loopback.NOT_FOUND
        body = (f'<{original}>; rel="original",\n'
                f'<{base}{path}>; rel="self"; type="application/link-format",\n'
                f'<{base}/web/20240620120000/{original}>; rel="memento"; '
                f'datetime="Thu, 20 Jun 2024 12:00:00 GMT"\n')
        return "200 OK", "application/link-format", body.encode()
    if path.startswith("/web/"):
        original = path.split("/", 3)[3]
        return _page_answer("/" + original.split("/", 3)[3])
    return loopback.NOT_FOUND


class _StandinClient:
    """The bench's side of the stand-in Archive running in its own process."""

    def __init__(self, base_url: str) -> None:
        from tests.support.ia_standin import StandinArchive

        self.archive = StandinArchive([])
        self.archive.base_url = base_url

    def backend(self, session, http):  # type: ignore[no-untyped-def]
        return self.archive.backend(session, http)

    def stats(self) -> dict[str, int]:
        import requests
        from tests.support.ia_standin import STATS_PATH

        answer = requests.get(self.archive.base_url + STATS_PATH, timeout=10)
        return answer.json()  # type: ignore[no-any-return]


def _serve_standin(args: argparse.Namespace) -> int:
    """The stand-in Internet Archive holding a capture (20 June 2024) of every story."""
    from tests.support.ia_standin import Capture, serve

    hosts = [f"127.0.0.{i}" for i in range(2, 2 + args.page_hosts)]
    when = dt.datetime(2024, 6, 20, 12, tzinfo=dt.UTC)
    captures = [Capture(f"http://{hosts[n % len(hosts)]}:{args.serve_ia}/stories/{n}", when,
                        body=page_of(n)) for n in range(1, args.notes + 1)]
    serve(captures, ARCHIVE_HOST, args.serve, limit=SERVE_LIMIT)
    return 0


def article_text(urls: list[str]) -> str:
    sentences = " ".join(f"{claim_of(n)}[{n}]" for n in range(1, len(urls) + 1))
    notes = "\n".join(f'[{n}] "Story {n}", Loopback News, {url}, (Access Date: 28.06.2024).'
                      for n, url in enumerate(urls, 1))
    return f"A long article\n\n{sentences}\n\n{notes}\n"


def worker_cpu() -> float:
    """CPU seconds (user + system) spent so far by the live citeaudit worker processes."""
    from citeaudit import workers

    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pool in list(workers._pools.values()):
        for pid in list(getattr(pool, "_processes", None) or {}):
            try:
                # Fields after the command's closing parenthesis; utime and stime are 14 and 15.
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def without_timings(value: object) -> object:
    """A report's JSON with what differs between two identical runs taken out."""
    if isinstance(value, dict):
        return {k: without_timings(v) for k, v in value.items()
                if k not in ("elapsed", "checked_at")}
    if isinstance(value, list):
        return [without_timings(v) for v in value]
    return value


def breakdown(auditor, urls: list[str], make_session) -> dict[str, tuple[float, float]]:  # type: ignore[no-untyped-def]
    """Wall and CPU seconds of the audit's parts, each alone, as the audit asked for them:
    its archive look-ups (this process), and reading then verifying every page (done in
    the workers during the audit; here in this process, one after the other)."""
    from citeaudit import workers
    from citeaudit.archive._http import over_bulk
    from citeaudit.archive.lookup import Batch, backends
    from citeaudit.read import parse_article

    config = auditor.config
    parts: dict[str, tuple[float, float]] = {}
    started, cpu = time.perf_counter(), time.process_time()
    parse_article(article_text(urls), None)
    parts["parsing the article"] = (time.perf_counter() - started, time.process_time() - cpu)
    keys = list(auditor._lookups)
    if keys and config.archives:
        session = make_session(config.http)
        try:
            started, cpu = time.perf_counter(), time.process_time()
            with over_bulk(session):  # as the audit sends them
                Batch(backends(config, session=session)).lookup_many(keys)
            parts[f"{len(keys)} archive look-ups alone"] = (time.perf_counter() - started,
                                                            time.process_time() - cpu)
        finally:
            session.close()
    bodies = [page_of(n) for n in range(1, len(urls) + 1)]
    kind = "text/html; charset=utf-8"
    workers.read_page(bodies[0], kind, urls[0])  # its first call loads what it needs
    started, cpu = time.perf_counter(), time.process_time()
    pages = [workers.read_page(body, kind, url) for body, url in zip(bodies, urls, strict=True)]
    parts[f"reading {len(urls)} pages"] = (time.perf_counter() - started,
                                           time.process_time() - cpu)
    inputs = [auditor._inputs.get(url, ()) for url in urls]
    started, cpu = time.perf_counter(), time.process_time()
    for page, url, claims in zip(pages, urls, inputs, strict=True):
        if page is not None:
            workers.verify_page(page, url, claims, auditor._verifier)
    parts[f"verifying {sum(map(len, inputs))} claims"] = (time.perf_counter() - started,
                                                        time.process_time() - cpu)
    return parts


class Timeline:
    """When each stage of the audit began and ended, from its progress callback."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}

    def __call__(self, progress) -> None:  # type: ignore[no-untyped-def]
        now = time.perf_counter() - self.start
        self.first.setdefault(progress.stage, now)
        if progress.done == progress.total:
            self.last[progress.stage] = now

    def lines(self, end: float) -> list[str]:
        stages = [(f"first {stage} done", at) for stage, at in self.first.items()]
        stages += [(f"all {stage} done", at) for stage, at in self.last.items()]
        return [f"  {at:5.2f} s  {what}" for what, at in sorted(stages, key=lambda s: s[1])
                ] + [f"  {end:5.2f} s  report returned"]


def table(parts: dict[str, tuple[float, float]], links_cpu: float, audit_cpu: float,
          workers_cpu: float) -> list[str]:
    """Where the audit's CPU went: each part alone, beside what the audit itself spent."""
    rows = [("link checks (the links-only run)", links_cpu),
            *[(name, cpu) for name, (_wall, cpu) in parts.items()]]
    alone = sum(cpu for _, cpu in rows)
    spent = audit_cpu + workers_cpu
    out = ["  part                                   CPU alone   share of the audit's CPU"]
    out += [f"  {name:38s} {cpu:6.2f} s   {100 * cpu / spent:5.1f} %" for name, cpu in rows]
    out.append(f"  {'the rest (hand-offs, threads, load)':38s} {spent - alone:6.2f} s   "
               f"{100 * (spent - alone) / spent:5.1f} %")
    out.append(f"  {'the audit (this process + workers)':38s} {spent:6.2f} s  "
               f"(two cores: at least {spent / 2:.2f} s of wall)")
    return out


def _profile_worker(directory: str) -> None:
    """Run in each worker: profile it until it exits, then write ``worker-PID.prof``."""
    import atexit
    from multiprocessing import util

    profile = cProfile.Profile()
    profile.enable()

    def dump() -> None:
        profile.disable()
        profile.dump_stats(os.path.join(directory, f"worker-{os.getpid()}.prof"))

    # A pool worker leaves through os._exit, which skips atexit: multiprocessing's
    # finalizers still run.
    util.Finalize(None, dump, exitpriority=100)
    atexit.register(dump)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.5, help="seconds per page response")
    parser.add_argument("--no-archive", action="store_true", help="skip the archive look-ups")
    parser.add_argument("--pywb", action="store_true", help="use a real pywb as the archive")
    parser.add_argument("--ia", action="store_true",
                        help="use the stand-in Internet Archive, with its real limits")
    parser.add_argument("--archive-interval", type=float, default=0.0,
                        help="seconds between look-ups to the loopback archive (default 0: it "
                        "is the user's own archive; the Internet Archive gets 3 s)")
    parser.add_argument("--json", metavar="PATH",
                        help="write the audit's report here, without its timings")
    parser.add_argument("--profile", metavar="DIR",
                        help="write cProfile statistics of the audit and of its workers here")
    parser.add_argument("--breakdown", action="store_true",
                        help="after the audit, time each part of its CPU on its own: the "
                        "archive look-ups, and reading and verifying the pages in this process")
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--serve-ia", type=int, metavar="PAGE_PORT", help=argparse.SUPPRESS)
    parser.add_argument("--page-hosts", type=int, default=20, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve and args.serve_ia:
        return _serve_standin(args)
    hosts = [f"127.0.0.{i}" for i in range(2, 2 + args.hosts)]
    if args.serve:
        loopback.serve([*hosts, ARCHIVE_HOST], args.serve, _answer(args.delay),
                       limit=SERVE_LIMIT)
        return 0

    from citeaudit import workers
    from citeaudit.audit import Auditor
    from citeaudit.config import Config, HttpConfig
    from citeaudit.http import DEFAULT_HOST_INTERVALS, make_session
    from citeaudit.links import check_links

    # Default politeness otherwise; the archive (pywb on 127.0.0.1) is the user's own,
    # while the stand-in Internet Archive gets the real one's spacing.
    interval = DEFAULT_HOST_INTERVALS["archive.org"] if args.ia else args.archive_interval
    http = HttpConfig(allowed_networks=("127.0.0.0/8",), host_intervals={"127.0.0.1": interval})
    ia = None
    with (loopback.running(__file__, hosts, "--delay", str(args.delay)) as port,
          tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack):
        urls = [f"http://{hosts[n % len(hosts)]}:{port}/stories/{n}"
                for n in range(1, args.notes + 1)]
        text = article_text(urls)
        if args.no_archive:
            archives: tuple[str, ...] = ()
        elif args.ia:
            # In a process of its own, like the pages: citeaudit forks its workers only
            # while no other thread runs in its process.
            ia_port = stack.enter_context(loopback.running(
                __file__, [ARCHIVE_HOST], "--serve-ia", str(port), "--notes", str(args.notes),
                "--page-hosts", str(args.hosts)))
            ia = _StandinClient(f"http://{ARCHIVE_HOST}:{ia_port}")
            archives = ("wayback",)
        elif not args.pywb:
            archives = (f"local=http://{ARCHIVE_HOST}:{port}/timemap/link/",)
        else:
            from tests.support.pywb_archive import Capture, running_pywb

            when = dt.datetime(2024, 6, 20, 12, tzinfo=dt.UTC)
            captures = tuple(Capture(u, when, 200, body=page_of(n))
                             for n, u in enumerate(urls, 1))
            pywb = stack.enter_context(running_pywb(Path(tmp) / "pywb", captures))
            archives = (f"pywb={pywb.timemap_prefix}",)
        if args.profile:
            os.makedirs(args.profile, exist_ok=True)
            worker_init = workers._worker_init

            def profiled_init(parent: int) -> None:
                worker_init(parent)
                _profile_worker(args.profile)

            workers._worker_init = profiled_init
        started, cpu = time.perf_counter(), time.process_time()
        links = check_links(urls, http)
        links_time, links_cpu = time.perf_counter() - started, time.process_time() - cpu
        # No pool yet: the audit forks its workers inside the timed part, as the CLI does,
        # so their start (and what they load first) is counted.
        worker_before = worker_cpu()
        profile = cProfile.Profile() if args.profile else None
        started, cpu = time.perf_counter(), time.process_time()
        config = Config(http=http, archives=archives)
        session = make_session(http)
        backends = [ia.backend(session, http)] if ia is not None else None
        try:
            if profile is not None:
                profile.enable()
            timeline = Timeline()
            auditor = Auditor(config, session=session, archives=backends, progress=timeline)
            report = auditor.run(text)
        finally:
            if profile is not None:
                profile.disable()
            session.close()
        audit_time, audit_cpu = time.perf_counter() - started, time.process_time() - cpu
        audit_worker_cpu = worker_cpu() - worker_before
        if profile is not None:
            profile.dump_stats(os.path.join(args.profile, "audit.prof"))
        if args.json:
            # The loopback port changes from run to run; nothing else should.
            document = json.dumps(without_timings(json.loads(report.to_json())), indent=1,
                                  sort_keys=True).replace(f":{port}/", ":PORT/")
            Path(args.json).write_text(document + "\n")
        stats = ia.stats() if ia is not None else {}
        parts = breakdown(auditor, urls, make_session) if args.breakdown else None

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peaks = [kib / 1024 for kib in memory.worker_peaks_kib()]
    print(f"{args.notes} notes over {args.hosts} loopback hosts, {args.delay * 1000:.0f} ms each; "
          "archive: " + ("none" if args.no_archive else "pywb" if args.pywb
                         else "stand-in Internet Archive" if args.ia else "local Memento"))
    print(f"links only : {links_time:6.2f} s wall, {links_cpu:5.2f} s CPU  "
          f"({dict(Counter(r.outcome.value for r in links))})")
    summary = report.summary()
    print(f"full audit : {audit_time:6.2f} s wall, {audit_cpu:5.2f} s CPU + "
          f"{audit_worker_cpu:.2f} s in workers  (verdicts {summary['claims_by_verdict']}, "
          f"archived {summary['archived']}, findings {summary['findings_by_kind']})")
    target = "1.5 (issue #17, 100 ms pages)" if args.delay <= 0.1 else "1.2"
    print(f"ratio audit/links: {audit_time / links_time:.2f}  (target ≤ {target})  "
          f"peak RSS {peak:.0f} MiB, worker processes "
          + (", ".join(f"{w:.0f}" for w in worker_peaks) + " MiB (pages shared with the "
             "parent counted in each)" if worker_peaks else "none"))
    print("timeline of the audit:")
    print("\n".join(timeline.lines(audit_time)))
    if parts is not None:
        for name, (wall, cpu) in parts.items():
            print(f"  {name:32s}: {wall:6.2f} s wall, {cpu:5.2f} s CPU")
        print("\n".join(table(parts, links_cpu, audit_cpu, audit_worker_cpu)))
    if ia is not None:
        print(f"Archive stand-in: {stats['requests']} requests ({stats['posts']} batch POSTs "
              f"carrying {stats['lines']} lines, {stats['cdx']} CDX, {stats['replays']} "
              f"replays); beyond its limits: {stats['over_limit']}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if args.profile:
        # Workers write their statistics as they exit, so they are asked to exit cleanly.
        for pool in list(workers._pools.values()):
            pool.shutdown(wait=True)
        workers._pools.clear()
        print(f"profiles in {args.profile}: audit.prof, worker-PID.prof")
    return 0


if __name__ == "__main__":
    sys.exit(main())
