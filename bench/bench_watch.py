"""Benchmark: a ``citeaudit watch`` run over thousands of articles on a loopback web.

Generates N article files (each citing ``--per-article`` URLs with one cited
claim per note; one more note cites a neighbour's page, so URLs are shared
across articles and must be checked once), watches them in a fresh SQLite
database and runs one full watch run: article reading, a link check of every
unique URL, text fingerprints and claim verification (the drift baseline).
Each size runs in its own process so its peak RSS is its own.  The pages are
served by an asyncio server in another process on ``--hosts`` loopback
addresses (127.0.0.2 onwards) with no delay; the per-host interval is 0, or
the default politeness with ``--polite``.  ``--slow-every K`` makes one URL in
K answer after ``--slow-after`` seconds.  Sends traffic only to 127.0.0.0/8 and
stops by itself.

    .venv/bin/python bench/bench_watch.py                        # 1,000 and 5,000 articles
    .venv/bin/python bench/bench_watch.py --articles 5000 --no-claims
    # the wide farm of issue 17: 500 hosts, default politeness, one URL in 500 slow
    .venv/bin/python bench/bench_watch.py --hosts 500 --polite --slow-every 500 --articles 1250
    .venv/bin/python bench/bench_watch.py --cluster 2 --hosts 500 --articles 2500 --no-claims
    # a scheduled re-run of the same pages: the second run measured too
    .venv/bin/python bench/bench_watch.py --hosts 500 --polite --articles 1250 --second-run

``--second-run`` then runs the same watch again, measured the same way: every URL is
checked again (a run without ``due_only`` plans every cited URL), the pages answer with
the same bytes, so none is read again (issue #17); it prints how many pages the run
handed to its workers.

With ``--polite`` or slow URLs it also prints the run's floor: the larger of the
politeness floor (a host's URLs one interval apart, plus one answer) and the time
the slowest URL takes checked on its own (measured first, same settings) times the
rounds of slow URLs the busiest host needs (a host answers ``per_host_concurrency``
URLs at once; with ``--slow-every 500 --hosts 500`` all slow URLs share one host),
and the run's ratio to it.

Prints, per size: articles, unique URLs, time to add, time to run, peak RSS of the
runner process (and of its largest page worker), database size; then the RSS ratio
between the largest and the smallest size.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import loopback  # bench/loopback.py, beside this script
import memory  # bench/memory.py, beside this script

SERVE_LIMIT = 1800.0
"""The loopback server exits by itself after this many seconds, whatever happens."""
PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Harbour story {n}"
    "</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Harbour story {n}</h1>"
    "<p>The council of district {n} approved a harbour budget of {n} thousand euros on "
    "Tuesday after a long debate.</p><p>Works start in spring and take two years, the mayor "
    "said, and the quay stays open during the works.</p></article></body></html>"
)


# --- the loopback server (a subprocess, so it does not share the runner's GIL or memory) -----


SLOW: tuple[int, float] = (0, 0.0)
"""(one URL in K, seconds) of the slow answers; K = 0: none.  Set in the serving process."""


def _is_slow(n: int, every: int) -> bool:
    return every > 0 and n % every == every - 1


async def _answer(method: str, path: str, host: str, port: int) -> tuple[str, str, bytes]:
    if path.startswith("/news/story-"):
        n = path.rsplit("-", 1)[-1]
        if n.isdigit() and _is_slow(int(n), SLOW[0]):
            await asyncio.sleep(SLOW[1])
        return "200 OK", "text/html; charset=utf-8", PAGE.format(n=n).encode()
    return loopback.NOT_FOUND


def _hosts(count: int) -> list[str]:
    """``count`` loopback addresses from 127.0.0.2 on, over as many /24s as it takes."""
    return [f"127.0.{k // 250}.{k % 250 + 2}" for k in range(count)]


# --- one measured size (runs in its own process) ---------------------------------------------


def _write_articles(folder: Path, articles: int, per: int, hosts: list[str], port: int) -> int:
    total = articles * per

    def url(k: int) -> str:
        return f"http://{hosts[k % len(hosts)]}:{port}/news/story-{k}"

    for i in range(articles):
        cites = [i * per + j for j in range(per)] + [(i * per + per + 1) % total]
        body = " ".join(
            f"The council of district {k} approved a harbour budget of {k} thousand euros "
            f"[{n}]." for n, k in enumerate(cites, 1)
        )
        notes = "\n\n".join(
            f"[{n}] “Harbour story {k}”, The Loopback Gazette, {url(k)}, "
            f"(Access Date: 28.06.2024)." for n, k in enumerate(cites, 1)
        )
        (folder / f"article-{i:05d}.txt").write_text(
            f"Harbour budgets, part {i}\n\n{body}\n\n\n{notes}\n", encoding="utf-8"
        )
    return total


def _config(polite: bool):  # type: ignore[no-untyped-def]
    from citeaudit.config import HttpConfig

    if polite:
        return HttpConfig(allowed_networks=("127.0.0.0/8",))
    return HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0)


def _slowest_alone(hosts: list[str], port: int, polite: bool, every: int) -> float:
    """Seconds one slow URL takes checked on its own: no run can end sooner."""
    from citeaudit.links import check_links

    k = every - 1
    started = time.perf_counter()
    check_links([f"http://{hosts[k % len(hosts)]}:{port}/news/story-{k}"], _config(polite))
    return time.perf_counter() - started


def _pages_read() -> list[int]:
    """A count of the pages the run hands to its page workers (one a ``Committer._submit``)."""
    from citeaudit.watch.run import Committer

    count = [0]
    real = Committer._submit

    def submit(self, args):  # type: ignore[no-untyped-def]
        count[0] += 1
        return real(self, args)

    Committer._submit = submit  # type: ignore[method-assign]
    return count


def _timed_run(runner, urls: int, pages: list[int]) -> tuple[object, dict]:  # type: ignore[no-untyped-def]
    """One ``runner.run()``: its summary, and its time and CPU (this process, page workers)."""
    pages[0] = 0
    started = time.perf_counter()
    cpu, workers_cpu = time.process_time(), _children_cpu()
    summary = runner.run()
    ran = time.perf_counter() - started
    cpu, workers_cpu = time.process_time() - cpu, _children_cpu() - workers_cpu
    return summary, {
        "outcomes": _outcomes(runner.store, summary.run.id),
        "urls": urls,
        "checked": summary.checked,
        "finished": summary.finished,
        "pages_read": pages[0],
        "events": dict(summary.events),
        "run_s": round(ran, 2),
        "urls_per_s": round(summary.checked / ran, 1) if ran else 0.0,
        "cpu_ms_per_url": round(1000 * cpu / max(1, urls), 2),
        "workers_cpu_ms_per_url": round(1000 * workers_cpu / max(1, urls), 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


def _outcomes(store, run_id: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return dict(store.query(
        "SELECT outcome, count(*) FROM checks WHERE run_id = ? GROUP BY outcome", (run_id,)))


def _measure(articles: int, per: int, hosts: list[str], port: int, claims: bool,
             polite: bool = False, profile: str | None = None, keep: str | None = None,
             second_run: bool = False) -> dict:
    from citeaudit.http import make_session
    from citeaudit.watch import Runner, WatchOptions, WatchStore, add_targets

    with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        urls = _write_articles(folder, articles, per, hosts, port)
        db = Path(tmp) / "watch.sqlite3"
        config = _config(polite)
        store = WatchStore(db)
        started = time.perf_counter()
        add_targets(store, sorted(str(p) for p in folder.iterdir()))
        added = time.perf_counter() - started
        session = make_session(config)
        runner = Runner(store, config, session=session, options=WatchOptions(verify_claims=claims))
        runner._pool()  # the workers forked now, so their CPU is counted from here
        pages = _pages_read()
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
        started = time.perf_counter()
        cpu, workers_cpu = time.process_time(), _children_cpu()
        if profiler is not None:
            profiler.enable()
        pages[0] = 0
        summary = runner.run()
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(profile)
        ran = time.perf_counter() - started
        cpu, workers_cpu = time.process_time() - cpu, _children_cpu() - workers_cpu
        first_pages = pages[0]
        second = None
        if second_run:
            # Not due_only: the new run plans every cited URL again, as a scheduled run
            # does once the policy's interval has passed for all of them.
            _, second = _timed_run(runner, urls, pages)
        session.close()
        outcomes = _outcomes(store, summary.run.id)
        store.close()
        worker_kib = max(memory.worker_peaks_kib(), default=0)
        size = sum(p.stat().st_size for p in Path(tmp).glob("watch.sqlite3*"))
        if keep:
            _keep_results(db, folder, Path(keep))
    return {
        "articles": articles,
        "urls": urls,
        "checked": summary.checked,
        "finished": summary.finished,
        "pages_read": first_pages,
        "outcomes": outcomes,
        "add_s": round(added, 2),
        "run_s": round(ran, 2),
        "urls_per_s": round(summary.checked / ran, 1) if ran else 0.0,
        "cpu_ms_per_url": round(1000 * cpu / max(1, urls), 2),
        "workers_cpu_ms_per_url": round(1000 * workers_cpu / max(1, urls), 2),
        "load_after": round(os.getloadavg()[0], 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_rss_mib": round(worker_kib / 1024, 1),
        "db_mib": round(size / 2**20, 1),
        "second": second,
    }


def _children_cpu() -> float:
    """CPU seconds of this process's live children (the page workers) so far."""
    import psutil

    total = 0.0
    for process in psutil.Process().children(recursive=True):
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def _keep_results(db: Path, folder: Path, out: Path) -> None:
    """What the run found, free of ids and times: to compare two versions' results."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        checks = conn.execute(
            "SELECT u.url, c.outcome, c.status, c.final_url, c.reason, c.kind, c.counted, "
            "c.state_after, c.event, c.fingerprint, c.similarity, u.state, u.fingerprint, "
            "u.text FROM checks c JOIN urls u ON u.id = c.url_id ORDER BY u.url").fetchall()
        verdicts = conn.execute(
            "SELECT a.location, v.claim_id, u.url, v.label FROM claim_verdicts v "
            "JOIN articles a ON a.id = v.article_id JOIN urls u ON u.id = v.url_id "
            "ORDER BY 1, 2, 3").fetchall()
    finally:
        conn.close()
    prefix = str(folder)
    rows = {"checks": [[v.hex() if isinstance(v, bytes) else v for v in r] for r in checks],
            "verdicts": [[r[0].replace(prefix, ""), *r[1:]] for r in verdicts]}
    out.write_text(json.dumps(rows), encoding="utf-8")


def _slow_rounds(urls: int, hosts: int, every: int, concurrency: int) -> int:
    """Back-to-back rounds of slow answers the busiest host needs.

    A host has ``concurrency`` URLs under way at most, so its slow URLs take
    turns in rounds; with one URL in K slow and K a multiple of the host count,
    every slow URL is on the same host.
    """
    if every <= 0:
        return 0
    slow = Counter(k % hosts for k in range(urls) if _is_slow(k, every))
    return -(-max(slow.values(), default=0) // max(1, concurrency))


def _print_floor(row: dict, hosts: int, polite: bool, slowest: float, every: int) -> None:
    from citeaudit.config import HttpConfig

    config = HttpConfig()
    interval = config.per_host_interval if polite else 0.0
    per_host = -(-row["urls"] // hosts)
    polite_floor = (per_host - 1) * interval
    rounds = _slow_rounds(row["urls"], hosts, every, config.per_host_concurrency)
    floor = max(polite_floor, rounds * slowest)
    print(f"       floor {floor:.2f} s (politeness {polite_floor:.2f} s: {per_host} URLs a host "
          f"{interval * 1000:.0f} ms apart; slowest URL alone {slowest:.2f} s, its host needs "
          f"{rounds} round(s) of them at {config.per_host_concurrency} at once; "
          f"run / slowest alone = {row['run_s'] / slowest if slowest else 0:.2f})  "
          f"run / floor = {row['run_s'] / floor:.2f}" if floor else "       floor 0", flush=True)


# --- --cluster N: the same run on a local Dask cluster of N worker processes ------------------


def _measure_cluster(articles: int, per: int, hosts: list[str], port: int, claims: bool,
                     workers: int) -> dict:
    """One watch run with default politeness, on ``workers`` cluster workers (0: this process)."""
    import logging

    from citeaudit import workers as page_workers
    from citeaudit.config import HttpConfig
    from citeaudit.watch import Runner, WatchOptions, WatchStore, add_targets
    from citeaudit.watch.cluster import ClusterTarget

    page_workers.executor()  # forked before the cluster's threads start, as the CLI does
    with tempfile.TemporaryDirectory(prefix="bench-watch-cluster-") as tmp, \
            contextlib.ExitStack() as stack:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        urls = _write_articles(folder, articles, per, hosts, port)
        store = WatchStore(Path(tmp) / "watch.sqlite3")
        add_targets(store, sorted(str(p) for p in folder.iterdir()))
        options = WatchOptions(verify_claims=claims)
        client = None
        if workers:
            from distributed import Client, LocalCluster

            local = stack.enter_context(LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
                scheduler_kwargs={"host": "127.0.0.1"}))
            client = stack.enter_context(Client(local, set_as_default=False))
            options = WatchOptions(verify_claims=claims,
                                   cluster=ClusterTarget(local.scheduler_address))

        def cpu() -> tuple[float, float]:
            """CPU seconds of this process and its page workers, and of the cluster workers."""
            import psutil

            here = psutil.Process()
            workers_cpu = sum(client.run(_process_cpu).values()) if client is not None else 0.0
            total = 0.0
            for process in [here, *here.children(recursive=True)]:
                try:
                    times = process.cpu_times()
                except psutil.Error:
                    continue
                total += times.user + times.system
            return total - workers_cpu, workers_cpu

        load = os.getloadavg()[0]
        cpu_before, started = cpu(), time.perf_counter()
        summary = Runner(store, HttpConfig(allowed_networks=("127.0.0.0/8",)),
                         options=options).run()
        ran = time.perf_counter() - started
        coordinator, on_workers = (b - a for a, b in zip(cpu_before, cpu(), strict=True))
        outcomes = dict(store.query("SELECT outcome, count(*) FROM checks GROUP BY outcome"))
        store.close()
    return {"workers": workers, "urls": urls, "checked": summary.checked,
            "finished": summary.finished, "outcomes": outcomes, "run_s": round(ran, 2),
            "urls_per_s": round(summary.checked / ran, 1),
            "cpu_ms_per_url": round((coordinator + on_workers) * 1000 / summary.checked, 2),
            "coordinator_ms_per_url": round(coordinator * 1000 / summary.checked, 2),
            "workers_ms_per_url": round(on_workers * 1000 / summary.checked, 2),
            "load_before": round(load, 2)}


def _ceiling(single: dict) -> tuple[float, float]:
    """The cores one process kept busy, and the most a cluster could gain over it here.

    A cluster on the same machine shares its cores: spending the same CPU a URL, it
    checks at most ``cores / busy`` times as many URLs a second, whatever its workers.
    """
    busy = single["cpu_ms_per_url"] * single["checked"] / 1000 / single["run_s"]
    return busy, (os.cpu_count() or 1) / busy


def _process_cpu() -> float:
    """On a worker: its process's CPU seconds so far (page workers have none there)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _cluster_main(args: argparse.Namespace, hosts: list[str]) -> int:
    """Single process against ``--cluster N`` workers, alternating, ``--repeat`` times."""
    from citeaudit.config import HttpConfig

    interval = HttpConfig().per_host_interval
    with loopback.running(__file__, hosts) as port:
        for n in args.articles:
            ratios, ceilings = [], []
            for _ in range(args.repeat):
                rows = {}
                for workers in (0, args.cluster):
                    command = [sys.executable, __file__, "--measure", str(n), "--port", str(port),
                               "--hosts", str(args.hosts), "--per-article", str(args.per_article),
                               "--measure-workers", str(workers)]
                    if args.no_claims:
                        command.append("--no-claims")
                    done = subprocess.run(command, capture_output=True, text=True, check=True)
                    rows[workers] = row = json.loads(done.stdout.strip().splitlines()[-1])
                    who = f"cluster of {workers}" if workers else "one process"
                    print(f"{who:14} {row['urls']:6} URLs  run {row['run_s']:7.2f} s  "
                          f"{row['urls_per_s']:7.1f} URLs/s  CPU {row['cpu_ms_per_url']:5.2f} "
                          f"ms/URL (coordinator {row['coordinator_ms_per_url']:5.2f}, workers "
                          f"{row['workers_ms_per_url']:5.2f})  load before "
                          f"{row['load_before']:.2f}  finished {row['finished']}  "
                          f"{row['outcomes']}", flush=True)
                ratios.append(rows[args.cluster]["urls_per_s"] / rows[0]["urls_per_s"])
                print(f"  cluster/single URLs/s: x{ratios[-1]:.2f}", flush=True)
                ceilings.append(_ceiling(rows[0]))
                print(f"  one process kept {ceilings[-1][0]:.2f} of {os.cpu_count()} cores busy: "
                      f"on this machine a cluster spending the same CPU a URL tops out at "
                      f"x{ceilings[-1][1]:.2f}", flush=True)
            per_host = -(-rows[0]["urls"] // len(hosts))
            floor = (per_host - 1) * interval
            print(f"{rows[0]['urls']} URLs on {len(hosts)} hosts: politeness floor {floor:.2f} s "
                  f"({per_host} URLs a host, {interval * 1000:.0f} ms apart); cluster/single "
                  f"x{min(ratios):.2f}–x{max(ratios):.2f} over {len(ratios)} pair(s); its ceiling "
                  f"here x{min(c for _, c in ceilings):.2f}–x{max(c for _, c in ceilings):.2f}")
    claims = "without" if args.no_claims else "with"
    print(f"({claims} claim verification; python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, shared: see the load)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--per-article", type=int, default=4, help="own URLs per article")
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--no-claims", action="store_true", help="skip claim verification")
    parser.add_argument("--polite", action="store_true",
                        help="default politeness (per-host interval) instead of none")
    parser.add_argument("--slow-every", type=int, default=0, metavar="K",
                        help="one URL in K answers after --slow-after seconds")
    parser.add_argument("--slow-after", type=float, default=19.0,
                        help="seconds a slow URL takes to answer (default 19: under the 20 s"
                        " read timeout, so it is slow, not a timeout)")
    parser.add_argument("--cluster", type=int, metavar="N",
                        help="compare one process with a local Dask cluster of N workers "
                        "(default politeness; use with --hosts 500)")
    parser.add_argument("--repeat", type=int, default=1, help="with --cluster: pairs of runs")
    parser.add_argument("--profile", metavar="PREFIX",
                        help="write a cProfile of each size's run to PREFIX-N.prof")
    parser.add_argument("--second-run", action="store_true",
                        help="after the measured run, run again over the same (unchanged) "
                        "pages and measure that run too")
    parser.add_argument("--keep", metavar="PREFIX",
                        help="write each size's checks and verdicts to PREFIX-N.json")
    parser.add_argument("--measure-workers", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=int, metavar="N", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    hosts = _hosts(args.hosts)
    if args.serve:
        global SLOW
        SLOW = (args.slow_every, args.slow_after)
        loopback.serve(hosts, args.serve, _answer, limit=SERVE_LIMIT)
        return 0
    if args.measure and args.measure_workers is not None:
        print(json.dumps(_measure_cluster(args.measure, args.per_article, hosts, args.port,
                                          not args.no_claims, args.measure_workers)))
        return 0
    if args.measure:
        print(json.dumps(_measure(args.measure, args.per_article, hosts, args.port,
                                  not args.no_claims, args.polite, args.profile, args.keep,
                                  args.second_run)))
        return 0
    if args.cluster:
        return _cluster_main(args, hosts)

    rows = []
    slow = ("--slow-every", str(args.slow_every), "--slow-after", str(args.slow_after))
    with loopback.running(__file__, hosts, *slow) as port:
        slowest = _slowest_alone(hosts, port, args.polite, args.slow_every) \
            if args.slow_every else 0.0
        for n in args.articles:
            command = [sys.executable, __file__, "--measure", str(n), "--port", str(port),
                       "--hosts", str(args.hosts), "--per-article", str(args.per_article)]
            if args.no_claims:
                command.append("--no-claims")
            if args.polite:
                command.append("--polite")
            if args.second_run:
                command.append("--second-run")
            for flag, prefix, ext in (("--profile", args.profile, "prof"),
                                      ("--keep", args.keep, "json")):
                if prefix:
                    command += [flag, f"{prefix}-{n}.{ext}"]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            row = rows[-1]
            print(f"{row['articles']:6} articles {row['urls']:6} URLs  add {row['add_s']:7.2f} s"
                  f"  run {row['run_s']:7.2f} s ({row['cpu_ms_per_url']:.2f} ms CPU a URL,"
                  f" workers {row['workers_cpu_ms_per_url']:.2f}; load after"
                  f" {row['load_after']:.2f})"
                  f"  peak RSS {row['peak_rss_mib']:6.1f} MiB"
                  f" (workers {row['worker_rss_mib']:5.1f})"
                  f"  DB {row['db_mib']:5.1f} MiB  checked {row['checked']}"
                  f"  ({row['urls_per_s']:.1f} URLs/s, {row['pages_read']} pages read)"
                  f"  {row['outcomes']}", flush=True)
            if args.polite or args.slow_every:
                _print_floor(row, len(hosts), args.polite, slowest, args.slow_every)
            if (again := row.get("second")) is not None:
                print(f"       second run {again['run_s']:7.2f} s ({again['cpu_ms_per_url']:.2f}"
                      f" ms CPU a URL, workers {again['workers_cpu_ms_per_url']:.2f}; load after"
                      f" {again['load_after']:.2f})  {again['urls_per_s']:.1f} URLs/s"
                      f"  checked {again['checked']}  {again['pages_read']} pages read"
                      f"  events {again['events']}  finished {again['finished']}"
                      f"  {again['outcomes']}", flush=True)
                if args.polite or args.slow_every:
                    _print_floor(again, len(hosts), args.polite, slowest, args.slow_every)
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        print(f"peak RSS x{large['peak_rss_mib'] / small['peak_rss_mib']:.2f} for "
              f"x{large['articles'] / small['articles']:.0f} articles")
    claims = "without" if args.no_claims else "with"
    print(f"({claims} claim verification; python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
