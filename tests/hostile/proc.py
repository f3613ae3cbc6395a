"""Helpers for tests that run citeaudit as a process: a hanging web, and child processes."""

from __future__ import annotations

import contextlib
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tests.support.children import die_with_parent

PAGE = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        "</head><body><article><h1>{title}</h1><p>The port handled more than 11,000 "
        "containers in March, a record for the month.</p></article></body></html>")


BUSY_RETRY_AFTER = 28
"""Seconds ``/busy/…`` asks to wait (``Retry-After``): within what a run honours (30)."""


class HangingWeb:
    """Loopback pages: ``/ok/…`` answers at once, ``/hang/…`` waits until :meth:`release`,
    ``/busy/…`` answers 429 with a long ``Retry-After``."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self._release = threading.Event()
        self._server: http.server.ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def release(self) -> None:
        self._release.set()

    def wait_for(self, prefix: str, seconds: float = 60.0) -> bool:
        """Whether a request for a path starting with ``prefix`` arrived in time."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(path.startswith(prefix) for path in list(self.requests)):
                return True
            time.sleep(0.05)
        return False

    @contextlib.contextmanager
    def running(self) -> Iterator[HangingWeb]:
        web = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                web.requests.append(self.path)
                if self.path.startswith("/hang"):
                    web._release.wait(120)
                data = PAGE.format(title=self.path).encode()
                busy = self.path.startswith("/busy")
                self.send_response(429 if busy else 200)
                if busy:
                    self.send_header("Retry-After", str(BUSY_RETRY_AFTER))
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(data)

            do_HEAD = do_GET

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        self._server = server
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.release()
            server.shutdown()
            server.server_close()
            thread.join(10)


def write_article(folder: Path, base: str, paths: list[str]) -> Path:
    """A plain-text article citing each of ``paths`` on ``base`` in its own note."""
    body = " ".join(f"The port handled more than 11,000 containers in March.[{i}]"
                    for i in range(1, len(paths) + 1))
    notes = "\n".join(f'[{i}] "Port record {i}", Loopback Times, {base}{path}, '
                      "(Access Date: 27.06.2024)." for i, path in enumerate(paths, 1))
    article = folder / "article.txt"
    article.write_text(f"{body}\n\n{notes}\n", encoding="utf-8")
    return article


def citeaudit(*args: str, **popen: object) -> subprocess.Popen[str]:
    """``python -m citeaudit ARGS`` as a child process (this tree's source first)."""
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = dict(os.environ, PYTHONPATH=src + os.pathsep + os.environ.get("PYTHONPATH", ""))
    then = popen.pop("preexec_fn", None)

    def before_exec() -> None:
        die_with_parent()
        if callable(then):
            then()

    return subprocess.Popen([sys.executable, "-m", "citeaudit", *args], env=env, text=True,
                            preexec_fn=before_exec, **popen)  # type: ignore[call-overload]


def children(pid: int) -> list[int]:
    """The pids of ``pid``'s child processes (Linux ``/proc``)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def reap(pids: list[int], seconds: float = 20.0) -> list[int]:
    """Wait for ``pids`` to end; kill and return any still alive after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.1)
    left = [p for p in pids if alive(p)]
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return left


def stop(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """SIGKILL a child process a test started (if it still runs), reap it, close its pipes."""
    if proc.poll() is None:
        proc.kill()
    proc.wait(30)
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        if pipe is not None:
            pipe.close()
