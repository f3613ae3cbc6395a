"""How long `citeaudit audit` takes to exit after Ctrl-C or SIGTERM, and whether workers remain.

Run by hand (not a test; figures under contention are noisy):

    PYTHONPATH=src python bench/bench_interrupt.py [--signal TERM] [--src OTHER_TREE/src]

The article cites 40 pages of about 200 KB (the workers are busy reading them), one page
that never answers, and one that answers 429 with ``Retry-After: 25`` (a run waiting out
a rate limit).  The signal is sent 2 s after the rate-limited (or the hanging) page was asked
for; the figure is the time from the signal to the process's exit.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import ClassVar

SENTENCE = "On {d} March 2024 the port handled {n} containers, a record for the month."
BIG = "".join(f"<p>{SENTENCE.format(d=d % 28 + 1, n=d * 1000)}</p>" for d in range(2500))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    asked: ClassVar[list[str]] = []
    release = threading.Event()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        Handler.asked.append(self.path)
        if self.path.startswith("/hang"):
            Handler.release.wait(300)
        status, extra = (429, [("Retry-After", "25")]) if self.path.startswith("/busy") else (
            200, [])
        data = (f"<html><head><title>{self.path}</title></head><body><article>{BIG}"
                "</article></body></html>").encode()
        self.send_response(status)
        for name, value in extra:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(data)


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError, IndexError, ValueError):
            if entry.name.isdigit() and int(
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signal", choices=("INT", "TERM"), default="INT")
    parser.add_argument("--when", choices=("busy", "hang"), default="busy",
                        help="signal 2 s after the rate-limited page, or the hanging one, "
                        "was asked for (default: busy, i.e. while Retry-After is waited out)")
    parser.add_argument("--src", default=str(Path(__file__).resolve().parents[1] / "src"))
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    paths = [f"/ok/{i}" for i in range(40)] + ["/busy/1", "/hang/1"]
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article.txt"
        claims = " ".join(f"The port handled {i * 1000} containers.[{i}]"
                          for i in range(1, len(paths) + 1))
        notes = "\n".join(f'[{i}] "Port {i}", Loopback Times, {base}{p}, '
                          "(Access Date: 27.06.2024)." for i, p in enumerate(paths, 1))
        article.write_text(f"{claims}\n\n{notes}\n")
        env = dict(os.environ, PYTHONPATH=args.src)
        proc = subprocess.Popen(
            [sys.executable, "-m", "citeaudit", "audit", str(article), "--format", "json",
             "--archive", "none", "--allow-private"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        while not any(p.startswith(f"/{args.when}") for p in Handler.asked):
            time.sleep(0.05)
        time.sleep(2)  # let the workers get busy with pages
        workers = children(proc.pid)
        started = time.monotonic()
        proc.send_signal(getattr(signal, f"SIG{args.signal}"))
        proc.wait(300)
        took = time.monotonic() - started
        time.sleep(1)
        left = [p for p in workers if _alive(p)]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        Handler.release.set()
        print(proc.stderr.read().strip()[-400:])
        print(f"SIG{args.signal}: exit {proc.returncode} after {took:.2f} s; "
              f"{len(workers)} children before, {len(left)} left after 1 s")
    server.shutdown()


if __name__ == "__main__":
    main()
