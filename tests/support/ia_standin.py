"""A stand-in Internet Archive on loopback, with the real one's interfaces and limits.

It serves what citeaudit asks of the Archive, in the Archive's shapes:

* ``POST /wayback/available`` with ``Wayback-Api-Version: 2``: one line per URL
  (``url=…&timestamp=…&closest=before&statuscodes=200&…&tag=N``), answered
  ``{"results": [{"url", "tag", "archived_snapshots": {"closest": …}}]}``; a
  body over ``max_lines`` lines or ``max_body`` bytes gets 413; the first
  answers may leave ``omit_tags`` tags out, as the real one sometimes does;
* ``GET /wayback/available?url=…&timestamp=…`` (the one-URL form);
* ``GET /cdx/search/cdx`` (``output=json``, ``fl``, ``filter=statuscode:…``,
  ``sort=closest``/``closest``, ``limit``, ``to``);
* ``GET /web/<timestamp>[id_]/<url>``: replay, redirecting to the nearest
  capture's own timestamp, serving the captured status and bytes (a captured
  redirect replays as a redirect to its target's replay URL);

and limits each client as the Archive does: at most ``api_per_window``
requests to the interfaces and ``replay_per_window`` replays per ``window``
seconds, answering 429 with ``Retry-After`` beyond that; a client that keeps
sending while told to wait (``block_after_ignored`` requests, or for
``block_after`` seconds) is blocked for ``block_for`` seconds (403 to
everything).  :attr:`StandinArchive.over_limit` counts the answers that were
a 429 or a block: a polite client makes none.

The defaults are the real limits as documented in ``docs/archive.md``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import attrs

UTC = dt.UTC
STATS_PATH = "/__standin/stats"
"""Where :meth:`StandinArchive.stats` is served (outside the Archive's limits and log)."""


@attrs.frozen
class Capture:
    """One archived response."""

    original: str
    when: dt.datetime
    status: int = 200
    body: bytes = b"<html><head><title>Page</title></head><body><p>Text.</p></body></html>"
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None
    """Where a captured redirect pointed."""

    @property
    def timestamp(self) -> str:
        return self.when.astimezone(UTC).strftime("%Y%m%d%H%M%S")


@attrs.frozen
class Limits:
    """Per-client limits (defaults: the Internet Archive's, see docs/archive.md)."""

    api_per_window: int = 60
    replay_per_window: int = 600
    window: float = 60.0
    block_after: float = 60.0
    """Seconds of requests sent through 429s after which the client is blocked."""
    block_after_ignored: int | None = None
    """Requests sent through 429s after which the client is blocked (tests use a few)."""
    block_for: float = 3600.0
    max_lines: int = 1000
    max_body: int = 1024 * 1024
    omit_tags: int = 0
    """Tags the first batch answer leaves out (the real interface's gaps)."""
    seconds_per_line: float = 0.0
    """Time the batch interface takes per line it answers."""


@attrs.frozen
class Request:
    """One request as the stand-in saw it."""

    at: float
    method: str
    path: str
    client: str
    status: int
    lines: int = 0


class _Client:
    def __init__(self) -> None:
        self.starts: dict[str, deque[float]] = {"api": deque(), "replay": deque()}
        self.wait_until = 0.0
        self.ignoring_since: float | None = None
        self.ignored = 0
        self.blocked_until = 0.0


class StandinArchive:
    """The stand-in Archive; use :func:`running_standin` to start and stop it."""

    def __init__(self, captures: Sequence[Capture], limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.captures: dict[str, list[Capture]] = {}
        for capture in captures:
            self.captures.setdefault(_norm(capture.original), []).append(capture)
        for group in self.captures.values():
            group.sort(key=lambda c: c.when)
        self.log: list[Request] = []
        self._clients: dict[str, _Client] = {}
        self._lock = threading.Lock()
        self._omit = self.limits.omit_tags
        self.base_url = ""

    # -- what tests read -----------------------------------------------------------------------

    @property
    def availability_url(self) -> str:
        return f"{self.base_url}/wayback/available"

    @property
    def cdx_url(self) -> str:
        return f"{self.base_url}/cdx/search/cdx"

    @property
    def replay_url(self) -> str:
        return f"{self.base_url}/web/"

    @property
    def over_limit(self) -> int:
        """Requests answered 429 or blocked: what a polite client never causes."""
        return sum(1 for r in self.log if r.status in (429, 403))

    def stats(self) -> dict[str, int]:
        """Counts of what was asked, for a bench that runs the stand-in in another process."""
        posts = self.requests("/wayback/available", "POST")
        return {"requests": len(self.log), "posts": len(posts),
                "lines": sum(p.lines for p in posts), "cdx": len(self.requests("/cdx")),
                "replays": len(self.requests("/web/")), "over_limit": self.over_limit}

    def requests(self, path_prefix: str, method: str | None = None) -> list[Request]:
        """The logged requests whose path starts with ``path_prefix``."""
        return [r for r in self.log if r.path.startswith(path_prefix)
                and (method is None or r.method == method)]

    def backend(self, session, http=None):
        """A :class:`~citeaudit.archive.WaybackArchive` talking to this stand-in."""
        from citeaudit.archive import WaybackArchive

        return WaybackArchive(session, http, cdx_url=self.cdx_url,
                              availability_url=self.availability_url, replay_url=self.replay_url)

    # -- the limits ----------------------------------------------------------------------------

    def admit(self, client: str, bucket: str) -> tuple[int, float | None]:
        """``(0, None)`` to serve, ``(429, retry_after)`` or ``(403, None)`` to refuse."""
        limits = self.limits
        now = time.monotonic()
        with self._lock:
            state = self._clients.setdefault(client, _Client())
            if now < state.blocked_until:
                return 403, None
            if now < state.wait_until:  # sent while told to wait
                state.ignored += 1
                state.ignoring_since = state.ignoring_since or now
                if (limits.block_after_ignored is not None
                        and state.ignored >= limits.block_after_ignored) or (
                        now - state.ignoring_since >= limits.block_after):
                    state.blocked_until = now + limits.block_for
                    return 403, None
            else:
                state.ignoring_since, state.ignored = None, 0
            starts = state.starts[bucket]
            while starts and now - starts[0] >= limits.window:
                starts.popleft()
            allowed = limits.api_per_window if bucket == "api" else limits.replay_per_window
            if len(starts) >= allowed:
                wait = max(1, math.ceil(limits.window - (now - starts[0])))
                state.wait_until = max(state.wait_until, now + wait)
                return 429, float(wait)
            starts.append(now)
            return 0, None

    def record(self, request: Request) -> None:
        with self._lock:
            self.log.append(request)

    def take_omissions(self) -> int:
        with self._lock:
            omit, self._omit = self._omit, 0
            return omit

    # -- the index -----------------------------------------------------------------------------

    def closest(self, url: str, when: dt.datetime | None, direction: str,
                statuses: set[int] | None) -> Capture | None:
        group = [c for c in self.captures.get(_norm(url), ())
                 if statuses is None or c.status in statuses]
        if when is None:
            return group[-1] if group else None
        if direction == "before":
            group = [c for c in group if c.when <= when]
        elif direction == "after":
            group = [c for c in group if c.when >= when]
        return min(group, key=lambda c: abs((c.when - when).total_seconds()), default=None)

    def memento(self, capture: Capture, modifier: str = "") -> str:
        return f"{self.base_url}/web/{capture.timestamp}{modifier}/{capture.original}"


def _norm(url: str) -> str:
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def parse_stamp(text: str) -> dt.datetime | None:
    digits = "".join(ch for ch in text if ch.isdigit())[:14]
    if len(digits) < 4:
        return None
    digits = digits + "0101000000"[len(digits) - 4:] if len(digits) < 14 else digits
    try:
        return dt.datetime.strptime(digits, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._serve("GET")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        archive = self.server.archive
        path = self.path
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if path == STATS_PATH:  # the bench's look at the log: neither limited nor logged
            self._method, self._lines = method, 0
            self.wfile.write(self._stats_answer())
            return
        bucket = "replay" if path.startswith("/web/") else "api"
        refused, wait = archive.admit(self.client_address[0], bucket)
        self._method = method
        self._lines = body.count(b"\n") + 1 if method == "POST" and body.strip() else 0
        if refused == 429:
            status = self._send(429, b"<h1>429 Too Many Requests</h1>", "text/html",
                                {"Retry-After": str(int(wait or 1))}, method)
        elif refused == 403:
            status = self._send(403, b"<h1>Blocked</h1>", "text/html", {}, method)
        elif path.startswith("/wayback/available") and method == "POST":
            status = self._batch(body, method)
        elif path.startswith("/wayback/available"):
            status = self._available(method)
        elif path.startswith("/cdx/search/cdx"):
            status = self._cdx(method)
        elif path.startswith("/web/"):
            status = self._replay(method)
        else:
            status = self._send(404, b"not found", "text/plain", {}, method)
        del status  # recorded by _send, before the client could read the answer

    def _stats_answer(self) -> bytes:
        body = json.dumps(self.server.archive.stats()).encode()
        return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + str(len(body)).encode() + b"\r\n\r\n" + body)

    def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str],
              method: str) -> int:
        self.server.archive.record(Request(time.monotonic(), self._method, self.path,
                                           self.client_address[0], status, self._lines))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(body)
        return status

    def _json(self, data: object, method: str) -> int:
        return self._send(200, json.dumps(data).encode(), "application/json", {}, method)

    def _closest_row(self, capture: Capture | None) -> dict[str, object]:
        if capture is None:
            return {}
        return {"closest": {"available": True, "url": self.server.archive.memento(capture),
                            "timestamp": capture.timestamp, "status": str(capture.status)}}

    def _batch(self, body: bytes, method: str) -> int:
        archive = self.server.archive
        limits = archive.limits
        if self.headers.get("Wayback-Api-Version") != "2":
            return self._send(400, b"Error: no POST data", "text/plain", {}, method)
        rows = [row for row in body.decode("utf-8", "replace").split("\n") if row.strip()]
        if len(rows) > limits.max_lines or len(body) > limits.max_body:
            return self._send(413, b"Request Entity Too Large", "text/html", {}, method)
        results = []
        for row in rows:
            fields = parse_qs(row)
            url = (fields.get("url") or [""])[0]
            when = parse_stamp((fields.get("timestamp") or [""])[0])
            direction = (fields.get("closest") or ["either"])[0]
            statuses = {int(s) for s in fields.get("statuscodes", []) if s.isdigit()} or None
            capture = archive.closest(url, when, direction, statuses)
            results.append({"url": url, "tag": (fields.get("tag") or [""])[0],
                            "archived_snapshots": self._closest_row(capture)})
        omit = archive.take_omissions()
        if omit:
            results = results[omit:]
        if limits.seconds_per_line:
            time.sleep(limits.seconds_per_line * len(rows))
        return self._json({"results": results}, method)

    def _available(self, method: str) -> int:
        query = parse_qs(urlsplit(self.path).query)
        url = (query.get("url") or [""])[0]
        when = parse_stamp((query.get("timestamp") or [""])[0])
        capture = self.server.archive.closest(url, when, "either", {200})
        return self._json({"url": url, "archived_snapshots": self._closest_row(capture)}, method)

    def _cdx(self, method: str) -> int:
        archive = self.server.archive
        query = parse_qs(urlsplit(self.path).query)
        url = (query.get("url") or [""])[0]
        group = list(archive.captures.get(_norm(url), ()))
        for rule in query.get("filter", []):
            name, _, value = rule.partition(":")
            if name == "statuscode":
                group = [c for c in group if str(c.status) == value]
        to = parse_stamp((query.get("to") or [""])[0])
        if to is not None:
            group = [c for c in group if c.timestamp <= to.strftime("%Y%m%d%H%M%S")]
        target = parse_stamp((query.get("closest") or [""])[0])
        if target is not None and (query.get("sort") or [""])[0] == "closest":
            group.sort(key=lambda c: abs((c.when - target).total_seconds()))
        limit = int((query.get("limit") or ["0"])[0] or 0)
        if limit > 0:
            group = group[:limit]
        elif limit < 0:
            group = group[limit:]
        fields = (query.get("fl") or ["timestamp,original,statuscode,mimetype"])[0].split(",")
        values = {"timestamp": lambda c: c.timestamp, "original": lambda c: c.original,
                  "statuscode": lambda c: str(c.status),
                  "mimetype": lambda c: c.content_type.split(";")[0]}
        rows = [fields, *([values[f](c) for f in fields] for c in group)] if group else []
        return self._json(rows, method)

    def _replay(self, method: str) -> int:
        archive = self.server.archive
        stamp, _, original = self.path[len("/web/"):].partition("/")
        modifier = "id_" if stamp.endswith("id_") else ""
        when = parse_stamp(stamp.removesuffix("id_"))
        capture = archive.closest(original, when, "either", None)
        if capture is None:
            return self._send(404, b"<title>Wayback Machine</title>Not in archive", "text/html",
                              {}, method)
        if capture.timestamp != stamp.removesuffix("id_"):
            return self._send(302, b"", "text/html",
                              {"Location": archive.memento(capture, modifier)}, method)
        headers = {"Memento-Datetime": capture.when.strftime("%a, %d %b %Y %H:%M:%S GMT")}
        if capture.location:
            target = archive.closest(capture.location, capture.when, "either", None)
            headers["Location"] = (archive.memento(target, modifier) if target is not None
                                   else capture.location)
        return self._send(capture.status, capture.body, capture.content_type, headers, method)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    archive: StandinArchive

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # a client hanging up is no error


def serve(captures: Sequence[Capture], host: str, port: int, *, limits: Limits | None = None,
          limit: float = 900.0) -> None:
    """Serve the stand-in on ``host:port`` for ``limit`` seconds; prints ``ready`` once up."""
    archive = StandinArchive(captures, limits)
    server = _Server((host, port), _Handler)
    server.archive = archive
    archive.base_url = f"http://{host}:{port}"
    timer = threading.Timer(limit, server.shutdown)
    timer.daemon = True
    timer.start()
    print("ready", flush=True)
    try:
        server.serve_forever()
    finally:
        timer.cancel()
        server.server_close()


@contextlib.contextmanager
def running_standin(
    captures: Sequence[Capture], limits: Limits | None = None, host: str = "127.0.0.1"
) -> Iterator[StandinArchive]:
    """The stand-in Archive, listening on ``host`` until the block ends."""
    archive = StandinArchive(captures, limits)
    server = _Server((host, 0), _Handler)
    server.archive = archive
    archive.base_url = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="ia-standin", daemon=True)
    thread.start()
    try:
        yield archive
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
