"""The one HTTP session every network call of citeaudit goes through.

:func:`make_session` builds a :class:`requests.Session` whose politeness and
safety live *in* the session, so link checks, archive look-ups and snapshot
fetches all obey one policy:

* a truthful User-Agent, connect/read timeouts and a total deadline per call
  (retries and redirects included) enforced by a watchdog that shuts the
  socket down, so a slow drip or a server that never finishes its headers
  cannot outlive the deadline;
* retries with exponential backoff on 429, 5xx and timeouts, honouring
  ``Retry-After`` up to ``max_retry_after``;
* per-host concurrency and minimum interval between request starts, and a
  global concurrency limit;
* a redirect limit with loop detection;
* bodies read in a stream and cut at ``max_bytes``, decoded a slice at a time
  in only the content codings that can be bounded (:data:`BOUNDED_ENCODINGS`);
* refusal of non-public addresses (see :mod:`citeaudit.netguard`), checked on
  the address actually connected to, after resolution, on every hop;
* an optional on-disk cache (requests-cache) that keeps only successes, and
  WARC record/replay (:mod:`citeaudit.warc`); cached and replayed answers obey
  the address policy too.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import heapq
import itertools
import random
import socket
import threading
import time
import weakref
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import BaseAdapter, HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from citeaudit.config import HttpConfig
from citeaudit.errors import ConfigError, NetworkError, PolicyRefused
from citeaudit.netguard import AddressGuard, Resolver, parse_ip, system_resolver

__all__ = [
    "BOUNDED_ENCODINGS",
    "DEFAULT_HOST_INTERVALS",
    "RETRY_STATUSES",
    "DeadlineExceeded",
    "PoliteSession",
    "RedirectLoop",
    "make_session",
    "off_interval",
    "parse_retry_after",
]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
"""Statuses worth another polite attempt."""

DEFAULT_HOST_INTERVALS: Mapping[str, float] = MappingProxyType(
    {"web.archive.org": 3.0, "archive.org": 3.0}
)
"""Seconds between requests to hosts with published limits, whatever config is used.

The Internet Archive allows its CDX server about 20 requests a minute and blocks
addresses that keep going through its 429s, so every session spaces requests to
it 3 s apart, not only sessions built for archive look-ups.  Keys match the host
and its subdomains; ``HttpConfig.host_intervals`` overrides them, and a larger
``per_host_interval`` still wins.
"""

_WAKE_SLACK = 0.005
"""How much sooner than ``interval`` after the previous actual start a request to the
same host may go, when the previous one went late: never more than a tenth of the
interval (see :meth:`_Throttle.acquire`)."""

_CHUNK = 64 * 1024


def _codings() -> tuple[tuple[str, ...], frozenset[str]]:
    """The content codings urllib3 decodes here within a read's size, and those it cannot.

    gzip and deflate always (zlib takes an output limit).  Brotli only with a
    binding that takes one too (Brotli ≥ 1.2 or brotlicffi ≥ 1.2, which have
    ``can_accept_more_data``): with an older one (brotlipy, which pywb pulls in)
    a few kilobytes can decode to gigabytes in one call.  zstd when urllib3 has
    its decoder, which is bounded.
    """
    import urllib3.response as urllib3_response

    codings = ["gzip", "deflate"]
    unbounded: set[str] = set()
    brotli = getattr(urllib3_response, "brotli", None)
    if brotli is not None:
        if hasattr(brotli.Decompressor(), "can_accept_more_data"):
            codings.append("br")
        else:
            unbounded.add("br")
    if getattr(urllib3_response, "HAS_ZSTD", False):
        codings.append("zstd")
    return tuple(codings), frozenset(unbounded)


BOUNDED_ENCODINGS, _UNBOUNDED_ENCODINGS = _codings()
"""Content codings the session asks for and decodes, each within ``max_bytes``."""
_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"


class DeadlineExceeded(requests.exceptions.Timeout):
    """The total deadline of one call (retries and redirects included) ran out."""


class RedirectLoop(requests.exceptions.TooManyRedirects):
    """A redirect chain came back to a URL it had already visited twice."""


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or HTTP date), or ``None``."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now_dt = datetime.fromtimestamp(now, UTC) if now is not None else datetime.now(UTC)
    return max(0.0, (when - now_dt).total_seconds())


# --- deadlines -------------------------------------------------------------------------------


_WAIT_SLICE = 0.25
"""Longest sleep between two looks at whether a waiting call was stopped."""


class _Deadline:
    """The time budget of one call and the sockets it is using."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = float("inf")
        self.started = False
        self.expired = False
        self.finished = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the clock: the first time the call gets its turn with the host.

        Waiting in the politeness queue does not count, so a slow host's queue
        does not time out the calls behind it before they are even sent.
        """
        if not self.started:
            self.started = True
            self.at = time.monotonic() + self.seconds
            _WATCHDOG.watch(self)

    def remaining(self) -> float:
        return self.at - time.monotonic() if self.started else self.seconds

    def adopt(self, sock: socket.socket | None) -> None:
        """Put ``sock`` under this deadline: it is shut down when the deadline passes."""
        if sock is None:
            return
        with self._lock:
            if self.expired:
                _shutdown(sock)
            elif not any(s is sock for s in self._sockets):
                self._sockets.append(sock)

    def sleep(self, seconds: float, what: str) -> None:
        """Wait ``seconds``, or until the call expires (Ctrl-C: ``abort``), which raises.

        In slices, as :func:`_wait_for` does, so an interrupted run is not held
        for a whole ``Retry-After`` or host interval.
        """
        end = time.monotonic() + seconds
        while not self.expired:
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, _WAIT_SLICE))
        raise DeadlineExceeded(f"stopped while waiting for {what}")

    def expire(self) -> None:
        """Stop every socket of the call; blocked reads and waits return at once."""
        with self._lock:
            if self.finished:
                return
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)
            self._sockets.clear()

    def disown(self) -> None:
        """Forget the sockets of the finished exchange: they go back to the pool for others."""
        with self._lock:
            self._sockets.clear()

    def finish(self) -> None:
        with self._lock:
            self.finished = True
            self._sockets.clear()


def _shutdown(sock: socket.socket) -> None:
    # socket.socket.shutdown, not SSLSocket.shutdown: the latter tears down the TLS
    # object under a thread that may be reading from it.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watchdog:
    """One daemon thread that expires deadlines as they pass."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, _Deadline]] = []
        self._seq = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, deadline: _Deadline) -> None:
        with self._cond:
            heapq.heappush(self._heap, (deadline.at, next(self._seq), deadline))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="citeaudit-deadlines", daemon=True
                )
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    while self._heap and self._heap[0][2].finished:
                        heapq.heappop(self._heap)
                    now = time.monotonic()
                    if self._heap and self._heap[0][0] <= now:
                        deadline = heapq.heappop(self._heap)[2]
                        break
                    self._cond.wait(self._heap[0][0] - now if self._heap else None)
            deadline.expire()


_WATCHDOG = _Watchdog()
_local = threading.local()


def _current_deadline() -> _Deadline | None:
    return getattr(_local, "deadline", None)


# --- guarded connections ---------------------------------------------------------------------


class _GuardedMixin:
    """Resolve, check the address, then connect to exactly that address."""

    guard: AddressGuard
    resolver: Resolver

    def _new_conn(self) -> socket.socket:
        conn: Any = self
        host = conn._dns_host
        try:
            ip = parse_ip(host)
            addresses = [str(ip)] if ip is not None else self.resolver(host, conn.port)
        except socket.gaierror as exc:
            raise NameResolutionError(conn.host, conn, exc) from exc
        if not addresses:
            raise NameResolutionError(conn.host, conn, socket.gaierror("no address"))
        for address in addresses:
            # Refused before any connection is attempted.
            self.guard.check(conn.host, address)
        last: OSError | None = None
        for address in addresses:
            try:
                sock = socket.create_connection(
                    (address, conn.port), conn.timeout, source_address=conn.source_address
                )
            except TimeoutError as exc:
                raise ConnectTimeoutError(
                    conn, f"Connection to {conn.host} timed out. (connect timeout={conn.timeout})"
                ) from exc
            except OSError as exc:
                last = exc
                continue
            peer = sock.getpeername()[0]
            try:
                self.guard.check(conn.host, peer)
            except PolicyRefused:
                sock.close()
                raise
            conn.peer_address = peer  # for the recorder's WARC-IP-Address
            for option in conn.socket_options or ():
                sock.setsockopt(*option)
            _adopt(sock)
            return sock
        raise NewConnectionError(conn, f"Failed to establish a new connection: {last}") from last

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _adopt(self.sock)  # type: ignore[attr-defined]

    def request(self, *args: Any, **kwargs: Any) -> None:
        _adopt(getattr(self, "sock", None))
        super().request(*args, **kwargs)  # type: ignore[misc]


def _adopt(sock: socket.socket | None) -> None:
    deadline = _current_deadline()
    if deadline is not None:
        deadline.adopt(sock)


class _GuardedAdapter(HTTPAdapter):
    """requests' HTTP adapter with connections that obey an :class:`AddressGuard`."""

    def __init__(self, guard: AddressGuard, resolver: Resolver, pool_maxsize: int) -> None:
        attrs_ = {"guard": guard, "resolver": staticmethod(resolver)}
        http_conn = type("GuardedHTTPConnection", (_GuardedMixin, HTTPConnection), attrs_)
        https_conn = type("GuardedHTTPSConnection", (_GuardedMixin, HTTPSConnection), attrs_)
        self._pool_classes = {
            "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
            "https": type(
                "GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}
            ),
        }
        super().__init__(pool_connections=64, pool_maxsize=pool_maxsize, max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pool_classes


# --- politeness ------------------------------------------------------------------------------


class _HostGate:
    def __init__(self, concurrency: int) -> None:
        self.slots = threading.BoundedSemaphore(concurrency)
        self.next_start = 0.0
        """The start time the next spaced request may reserve."""
        self.last_start = float("-inf")
        """When the last spaced request actually went out."""
        self.paused_until = 0.0
        """The host asked us (``Retry-After``) to send nothing before this."""


class _Throttle:
    """Per-host concurrency and start interval, and a global concurrency limit."""

    def __init__(self, config: HttpConfig) -> None:
        self._config = config
        self._gates: dict[str, _HostGate] = {}
        self._lock = threading.Lock()
        self._global = threading.BoundedSemaphore(config.global_concurrency)

    def interval(self, host: str) -> float:
        """Seconds between request starts to ``host``: the user's setting, else the defaults."""
        general = self._config.per_host_interval
        mine = _by_domain(self._config.host_intervals, host)
        if mine is not None:
            return mine
        default = _by_domain(DEFAULT_HOST_INTERVALS, host)
        return general if default is None else max(default, general)

    def _gate(self, host: str) -> _HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = _HostGate(self._config.per_host_concurrency)
            return gate

    def acquire(self, host: str, deadline: _Deadline, *, spaced: bool = True) -> _HostGate:
        """Wait for ``host``'s interval (if ``spaced``), then a slot on it and a global slot.

        A spaced request first reserves its start time and sleeps until then
        holding no slot, so requests waiting their turn do not count against the
        concurrency limits meant for requests in flight.  Once it holds its slots
        it checks again against the last request that really went out, so the
        interval holds between actual starts however the waits interleave, less
        a slack of a few milliseconds: a thread that wakes a little late (the
        GIL, the scheduler) then does not push back every later request to the
        host.  Without it the lateness adds up over a host's queue, about 1 ms a
        request on a busy machine; with it the starts follow the reserved
        schedule, so a host still gets one request per interval on average.
        """
        gate = self._gate(host)
        interval = self.interval(host) if spaced else 0.0
        slack = min(_WAKE_SLACK, interval / 10)
        if spaced:
            with self._lock:
                now = time.monotonic()
                start = max(now, gate.next_start, gate.paused_until)
                gate.next_start = start + interval
            _sleep_until(start, deadline, host)
        _wait_for(gate.slots, deadline, f"a slot on {host}")
        try:
            _wait_for(self._global, deadline, "a connection slot")
            try:
                while True:
                    with self._lock:
                        now = time.monotonic()
                        due = max(
                            gate.paused_until,
                            gate.last_start + interval - slack if spaced else 0.0,
                        )
                        if now >= due:
                            if spaced:
                                gate.last_start = now
                            break
                    _sleep_until(due, deadline, host)
            except BaseException:
                self._global.release()
                raise
        except BaseException:
            gate.slots.release()
            raise
        return gate

    def release(self, gate: _HostGate) -> None:
        self._global.release()
        gate.slots.release()

    def pause_host(self, host: str, seconds: float) -> None:
        """Hold back every request to ``host`` for ``seconds`` (it asked us to slow down)."""
        gate = self._gate(host)
        with self._lock:
            gate.paused_until = max(gate.paused_until, time.monotonic() + seconds)


def _sleep_until(moment: float, deadline: _Deadline, host: str) -> None:
    wait = moment - time.monotonic()
    if wait <= 0:
        return
    if deadline.started and wait > deadline.remaining():
        raise DeadlineExceeded(f"deadline passed waiting for {host}'s interval")
    deadline.sleep(wait, f"{host}'s interval")


def _by_domain(table: Mapping[str, float], host: str) -> float | None:
    """The value for ``host`` or its nearest parent domain in ``table``."""
    parts = host.split(".")
    for i in range(len(parts)):
        value = table.get(".".join(parts[i:]))
        if value is not None:
            return value
    return None


@contextlib.contextmanager
def off_interval() -> Iterator[None]:
    """Requests made in this block (this thread) skip the per-host interval.

    They still take a per-host and a global concurrency slot, back off on 429
    and honour a host's ``Retry-After`` pause.  For a bounded few extra requests
    that should not push a host's real URLs back, e.g. the link checker's one
    made-up URL per site folder.
    """
    before = getattr(_local, "unspaced", False)
    _local.unspaced = True
    try:
        yield
    finally:
        _local.unspaced = before


def _wait_for(slots: threading.BoundedSemaphore, deadline: _Deadline, what: str) -> None:
    while not slots.acquire(timeout=min(0.25, max(0.0, deadline.remaining()))):
        if deadline.expired:
            raise DeadlineExceeded(f"stopped while waiting for {what}")
        if deadline.started and deadline.remaining() <= 0:
            raise DeadlineExceeded(f"deadline passed waiting for {what}")


class _PoliteAdapter(BaseAdapter):
    """One hop: throttle, attempt, read the body under the cap, retry politely, record."""

    def __init__(
        self, inner: BaseAdapter, config: HttpConfig, throttle: _Throttle | None, recorder: Any
    ) -> None:
        super().__init__()
        self.inner = inner
        self.config = config
        self.throttle = throttle
        self.recorder = recorder

    def send(  # type: ignore[override]
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: bool | str = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        own = _current_deadline() is None
        deadline = _enter_deadline(self.config.deadline) if own else _current_deadline()
        assert deadline is not None
        try:
            return self._send(request, deadline, timeout, verify, cert, proxies)
        finally:
            if own:
                _leave_deadline(deadline)

    def _send(
        self,
        request: requests.PreparedRequest,
        deadline: _Deadline,
        timeout: Any,
        verify: bool | str,
        cert: Any,
        proxies: Any,
    ) -> requests.Response:
        host = (urlsplit(request.url or "").hostname or "").lower()
        retryable = (request.method or "GET").upper() in ("GET", "HEAD", "OPTIONS")
        attempt = 0
        last: requests.Response | None = None
        while True:
            wait: float | None
            try:
                response = self._attempt(request, host, deadline, timeout, verify, cert, proxies)
            except DeadlineExceeded:
                if last is not None:
                    return last  # out of time for another try: the last answer stands
                raise
            except requests.exceptions.Timeout:
                wait = self._backoff(attempt)
                if not retryable or attempt >= self.config.retries or wait >= deadline.remaining():
                    raise
            else:
                if not retryable or response.status_code not in RETRY_STATUSES:
                    return response
                if response.headers.get("cf-mitigated"):
                    return response  # a bot challenge: asking again won't pass it
                asked = parse_retry_after(response.headers.get("Retry-After"))
                wait = self._backoff(attempt) if asked is None else asked
                if (
                    attempt >= self.config.retries
                    or (asked is not None and asked > self.config.max_retry_after)
                    or wait >= deadline.remaining()
                ):
                    return response
                if asked is not None and self.throttle is not None:
                    self.throttle.pause_host(host, asked)  # the whole host asked us to wait
                last = response
            attempt += 1
            if self.throttle is not None:  # replay answers at once: nobody to be polite to
                deadline.sleep(wait, f"a retry of {host}")

    def _backoff(self, attempt: int) -> float:
        base = self.config.backoff * (2**attempt)
        return base * (1 + random.random() / 4)  # jitter keeps parallel retries apart

    def _attempt(
        self,
        request: requests.PreparedRequest,
        host: str,
        deadline: _Deadline,
        timeout: Any,
        verify: bool | str,
        cert: Any,
        proxies: Any,
    ) -> requests.Response:
        if deadline.expired or deadline.remaining() <= 0:
            raise DeadlineExceeded(f"deadline of {self.config.deadline:g}s passed")
        spaced = not getattr(_local, "unspaced", False)
        gate = (
            self.throttle.acquire(host, deadline, spaced=spaced)
            if self.throttle is not None
            else None
        )
        deadline.start()
        try:
            connect, read = self._timeouts(timeout, deadline)
            try:
                response = self.inner.send(
                    request,
                    stream=True,
                    timeout=(connect, read),
                    verify=verify,
                    cert=cert,
                    proxies=proxies,
                )
                response.peer_address = _peer_address(response)  # type: ignore[attr-defined]
                body = self._read_body(request, response, deadline)
            except (requests.exceptions.RequestException, OSError) as exc:
                if deadline.expired:
                    raise DeadlineExceeded(f"deadline of {self.config.deadline:g}s passed") from exc
                raise
        finally:
            deadline.disown()
            if gate is not None:
                self.throttle.release(gate)  # type: ignore[union-attr]
        if self.recorder is not None:
            self.recorder.record(request, response, body)
        return response

    def _timeouts(self, asked: Any, deadline: _Deadline) -> tuple[float, float]:
        connect, read = self.config.connect_timeout, self.config.read_timeout
        if isinstance(asked, tuple):
            connect = min(connect, asked[0] or connect)
            read = min(read, asked[1] or read)
        elif isinstance(asked, int | float):
            connect, read = min(connect, asked), min(read, asked)
        left = max(0.01, deadline.remaining())
        return min(connect, left), min(read, left)

    def _read_body(
        self, request: requests.PreparedRequest, response: requests.Response, deadline: _Deadline
    ) -> bytes:
        # A replayed answer may already know it is cut (its record says so).
        response.truncated = bool(getattr(response, "truncated", False))  # type: ignore[attr-defined]
        if response._content is not False:  # already read (e.g. a replayed answer)
            return response._content or b""
        raw = response.raw
        if raw is None or (request.method or "").upper() == "HEAD":
            # No body to read.  A HEAD answer is not even streamed: reading it to its end
            # would hand its connection back to the pool before we could close it.
            body = b""
        else:
            _refuse_unbounded_coding(request, response)
            cap = self.config.max_bytes
            chunks: list[bytes] = []
            size = 0
            try:
                for chunk in raw.stream(_CHUNK, decode_content=True):
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > cap:
                        response.truncated = True  # type: ignore[attr-defined]
                        break
            except ReadTimeoutError as exc:
                raise requests.exceptions.ReadTimeout(exc, request=request) from exc
            except DecodeError as exc:
                raise requests.exceptions.ContentDecodingError(exc, request=request) from exc
            except (ProtocolError, SSLError, OSError) as exc:
                raw.close()
                raise requests.exceptions.ChunkedEncodingError(exc, request=request) from exc
            body = b"".join(chunks)[:cap]
        response.bytes_read = len(body)  # type: ignore[attr-defined]
        response._content = body
        response._content_consumed = True
        deadline.disown()
        if raw is not None:
            if deadline.expired:
                raw.close()  # the watchdog cut it: what came is not the whole answer
                raise DeadlineExceeded(f"deadline of {self.config.deadline:g}s passed")
            if not _reusable(request, response, raw):
                raw.close()  # pooled again closed, so the next request opens a fresh connection
            release = getattr(raw, "release_conn", None)
            if release is not None:
                release()
        return body

    def close(self) -> None:
        self.inner.close()


def _refuse_unbounded_coding(
    request: requests.PreparedRequest, response: requests.Response
) -> None:
    """Raise ``ContentDecodingError`` for a body urllib3 would decode without a size limit.

    A server may send a coding it was not offered; urllib3 decodes every one it
    knows, so one it cannot bound (brotli on an old binding) is refused before
    the first byte is decoded.  Codings urllib3 does not know pass undecoded.
    """
    header = response.headers.get("Content-Encoding") or ""
    if any(c.strip().lower() in _UNBOUNDED_ENCODINGS for c in header.split(",")):
        response.raw.close()
        raise requests.exceptions.ContentDecodingError(
            f"content encoding {header!r} cannot be decoded within the size cap "
            "(needs Brotli >= 1.2 or brotlicffi >= 1.2)",
            request=request,
        )


def _peer_address(response: requests.Response) -> str | None:
    """The address a live answer came from, while its connection is still held."""
    connection = getattr(response.raw, "_connection", None)
    address = getattr(connection, "peer_address", None)
    return address if isinstance(address, str) else None


def _reusable(request: requests.PreparedRequest, response: requests.Response, raw: Any) -> bool:
    """Whether the connection of a fully handled answer may serve the next request.

    Not after a cut body (the rest is still on the wire), nor after an answer
    whose stream is still open, nor after a ``HEAD``: servers that send a body
    anyway are common enough, and those bytes would be read as the next answer's
    status line.
    """
    if getattr(response, "truncated", False):
        return False
    if (request.method or "GET").upper() == "HEAD":
        return False
    return bool(getattr(raw, "closed", True))


def _enter_deadline(seconds: float) -> _Deadline:
    deadline = _Deadline(seconds)
    _local.deadline = deadline
    return deadline


def _leave_deadline(deadline: _Deadline) -> None:
    deadline.finish()
    _local.deadline = None


# --- the session -----------------------------------------------------------------------------


class PoliteSession(requests.Session):
    """A :class:`requests.Session` whose every call obeys one :class:`HttpConfig`."""

    def __init__(self, config: HttpConfig | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.config = config or HttpConfig()
        self.max_redirects = self.config.max_redirects
        # Proxies from the environment would connect on our behalf, out of the guard's sight.
        self.trust_env = False
        self.headers.update(
            {
                "User-Agent": self.config.user_agent,
                "Accept": _ACCEPT,
                # Only what can be decoded within the size cap (requests would offer br).
                "Accept-Encoding": ", ".join(BOUNDED_ENCODINGS),
                "Accept-Language": "en;q=0.9, *;q=0.5",
            }
        )
        self._active: weakref.WeakSet[_Deadline] = weakref.WeakSet()
        self._aborted = False
        self.recorder: Any = None

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        """Like :meth:`requests.Session.request`, within the config's total deadline."""
        if self._aborted:
            raise NetworkError("the session was aborted")
        if _current_deadline() is not None:  # nested (e.g. through a cache layer)
            return super().request(method, url, *args, **kwargs)
        deadline = _enter_deadline(self.config.deadline)
        self._active.add(deadline)
        try:
            return super().request(method, url, *args, **kwargs)
        finally:
            _leave_deadline(deadline)

    def resolve_redirects(
        self, resp: requests.Response, req: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> Iterator[Any]:
        """Follow redirects as requests does, stopping at a loop."""
        seen = Counter([resp.url])
        chain = [resp]
        for item in super().resolve_redirects(resp, req, *args, **kwargs):
            url = getattr(item, "url", None)
            seen[url] += 1
            if seen[url] > 2 and isinstance(item, requests.Response):
                item.history = chain  # the whole chain, for the caller's report
                raise RedirectLoop(f"redirect loop at {url}", response=item)
            chain.append(item)
            yield item

    def abort(self) -> None:
        """Stop every call in flight at once (Ctrl-C); later calls raise until :meth:`resume`."""
        self._aborted = True
        for deadline in list(self._active):
            deadline.expire()

    def resume(self) -> None:
        """Accept calls again after :meth:`abort`."""
        self._aborted = False

    def close(self) -> None:
        super().close()
        if self.recorder is not None:
            self.recorder.close()
            self.recorder = None


def make_session(
    config: HttpConfig | None = None,
    *,
    resolver: Resolver | None = None,
    transport: BaseAdapter | None = None,
) -> requests.Session:
    """The session every network call of citeaudit uses.

    ``resolver`` replaces DNS (``(host, port) -> [ip, ...]``), e.g.
    :func:`citeaudit.netguard.static_resolver` for tests.  ``transport`` answers
    every request in place of the network (a ``requests`` adapter: a stand-in
    web, as ``examples/ankasam/build_capture.py`` uses to write its capture);
    politeness waits are skipped for it, recording still happens.  With ``config.replay``
    every request is answered from the WARC capture and nothing touches the
    network; with ``config.record`` every exchange (each hop and retry) is written
    to a WARC.  Close the session when done so the capture is flushed.

    Bodies are read (up to ``max_bytes``) before a response is returned, so
    ``stream=True`` gives the same preloaded ``content``; ``response.truncated``
    says whether the body was cut.  A URL refused by the address guard raises
    :class:`~citeaudit.errors.PolicyRefused`; other failures raise requests'
    exceptions (a passed deadline is :class:`DeadlineExceeded`, a ``Timeout``).
    """
    config = config or HttpConfig()
    try:
        guard = AddressGuard.from_policy(config.allow_private, config.allowed_networks)
    except ValueError as exc:
        raise ConfigError(f"bad allowed network: {exc}") from exc
    session: PoliteSession
    if config.cache_path is not None and config.replay is None:
        session = _cached_session(config)
    else:
        session = PoliteSession(config)
    inner: BaseAdapter
    throttle: _Throttle | None
    if transport is not None:
        inner, throttle = transport, None
    elif config.replay is not None:
        from citeaudit.warc import ReplayAdapter

        # Replayed answers obey the same address policy as live ones.
        inner, throttle = ReplayAdapter(config.replay, guard), None
    else:
        pool = max(config.per_host_concurrency, 1)
        inner, throttle = (
            _GuardedAdapter(guard, resolver or system_resolver, pool),
            _Throttle(config),
        )
    if config.record is not None:
        from citeaudit.warc import WarcRecorder

        session.recorder = WarcRecorder(config.record)
    adapter = _PoliteAdapter(inner, config, throttle, session.recorder)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _policy_key_fn(config: HttpConfig) -> Any:
    """The cache-key function for ``config``'s address policy.

    The cache answers before the address guard is asked, so an answer obtained
    under a looser policy (``--allow-private``, allowed networks) is filed under
    a key of its own and never reaches a run with a stricter one.
    """
    from requests_cache import create_key

    if not config.allow_private and not config.allowed_networks:
        return create_key
    policy = "all" if config.allow_private else ",".join(sorted(config.allowed_networks))
    tag = hashlib.sha256(policy.encode()).hexdigest()[:16]

    def key_fn(**kwargs: Any) -> str:
        return f"{create_key(**kwargs)}-policy-{tag}"

    return key_fn


def _cached_session(config: HttpConfig) -> PoliteSession:
    from requests_cache import CacheMixin

    class CachedPoliteSession(CacheMixin, PoliteSession):  # type: ignore[misc]
        """A polite session with an on-disk cache that keeps only successes."""

    assert config.cache_path is not None
    config.cache_path.mkdir(parents=True, exist_ok=True)
    return CachedPoliteSession(  # type: ignore[no-any-return]
        cache_name=str(config.cache_path / "http-cache.sqlite"),
        backend="sqlite",
        expire_after=config.cache_expire,
        # Errors, rate limits and temporary redirects are asked again next run.
        allowable_codes=(200, 203, 300, 301, 308),
        allowable_methods=("GET", "HEAD"),
        key_fn=_policy_key_fn(config),
        config=config,
    )
