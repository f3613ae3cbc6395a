"""Benchmark: a ``citeaudit watch`` run over thousands of articles on a loopback web.

Generates N article files (each citing ``--per-article`` URLs with one cited
claim per note; one more note cites a neighbour's page, so URLs are shared
across articles and must be checked once), watches them in a fresh SQLite
database and runs one full watch run: article reading, a link check of every
unique URL, text fingerprints and claim verification (the drift baseline).
Each size runs in its own process so its peak RSS is its own.  The pages are
served by an asyncio server in another process on 20 loopback addresses
(127.0.0.2–21) with no delay; the per-host interval is 0.  Sends traffic only
to 127.0.0.0/8 and stops by itself.

    .venv/bin/python bench/bench_watch.py                        # 1,000 and 5,000 articles
    .venv/bin/python bench/bench_watch.py --articles 5000 --no-claims

Prints, per size: articles, unique URLs, time to add, time to run, peak RSS of the
runner process (and of its largest page worker), database size; then the RSS ratio
between the largest and the smallest size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
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


async def _answer(method: str, path: str, host: str, port: int) -> tuple[str, str, bytes]:
    if path.startswith("/news/story-"):
        n = path.rsplit("-", 1)[-1]
        return "200 OK", "text/html; charset=utf-8", PAGE.format(n=n).encode()
    return loopback.NOT_FOUND


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


def _measure(articles: int, per: int, hosts: list[str], port: int, claims: bool) -> dict:
    from citeaudit.config import HttpConfig
    from citeaudit.http import make_session
    from citeaudit.watch import Runner, WatchOptions, WatchStore, add_targets

    with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        urls = _write_articles(folder, articles, per, hosts, port)
        db = Path(tmp) / "watch.sqlite3"
        config = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0)
        store = WatchStore(db)
        started = time.perf_counter()
        add_targets(store, sorted(str(p) for p in folder.iterdir()))
        added = time.perf_counter() - started
        session = make_session(config)
        started = time.perf_counter()
        summary = Runner(store, config, session=session,
                         options=WatchOptions(verify_claims=claims)).run()
        ran = time.perf_counter() - started
        session.close()
        outcomes = dict(store.query("SELECT outcome, count(*) FROM checks GROUP BY outcome"))
        store.close()
        worker_kib = max(memory.worker_peaks_kib(), default=0)
        size = sum(p.stat().st_size for p in Path(tmp).glob("watch.sqlite3*"))
    return {
        "articles": articles,
        "urls": urls,
        "checked": summary.checked,
        "finished": summary.finished,
        "outcomes": outcomes,
        "add_s": round(added, 2),
        "run_s": round(ran, 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_rss_mib": round(worker_kib / 1024, 1),
        "db_mib": round(size / 2**20, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--per-article", type=int, default=4, help="own URLs per article")
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--no-claims", action="store_true", help="skip claim verification")
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=int, metavar="N", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    hosts = [f"127.0.0.{i}" for i in range(2, 2 + args.hosts)]
    if args.serve:
        loopback.serve(hosts, args.serve, _answer, limit=SERVE_LIMIT)
        return 0
    if args.measure:
        print(json.dumps(_measure(args.measure, args.per_article, hosts, args.port,
                                  not args.no_claims)))
        return 0

    rows = []
    with loopback.running(__file__, hosts) as port:
        for n in args.articles:
            command = [sys.executable, __file__, "--measure", str(n), "--port", str(port),
                       "--hosts", str(args.hosts), "--per-article", str(args.per_article)]
            if args.no_claims:
                command.append("--no-claims")
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            row = rows[-1]
            print(f"{row['articles']:6} articles {row['urls']:6} URLs  add {row['add_s']:7.2f} s"
                  f"  run {row['run_s']:7.2f} s  peak RSS {row['peak_rss_mib']:6.1f} MiB"
                  f" (workers {row['worker_rss_mib']:5.1f})"
                  f"  DB {row['db_mib']:5.1f} MiB  checked {row['checked']}"
                  f"  {row['outcomes']}", flush=True)
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
