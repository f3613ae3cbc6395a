"""The bulk client: many link checks on one asyncio event loop, with the session's guarantees.

A thread per request (the requests path) costs a link check most of its CPU
in thread switches and in requests' and urllib3's per-request machinery.  This
client runs every request of a check as a coroutine on one event loop thread
and keeps, hop by hop, what the polite session promises:

* the address guard on every new connection of every hop (:mod:`.connect`);
* the session's :class:`~citeaudit.net.throttle.Throttle` itself (its gates are
  shared, so a check and the session's other callers keep one interval per host),
  ``Retry-After`` pauses and backoff on 429, 5xx and timeouts;
* a total deadline per call (retries and redirects included, started when the
  call first gets its turn) and connect/read timeouts;
* bodies cut at ``max_bytes`` and decoded a slice at a time (:mod:`.wire`);
* requests' redirect rules, its loop detection and redirect limit, and the
  session's cookies (sent where the jar says, answers' cookies kept in it).

It answers only sessions it can stand in for (:func:`bulk_of`): a live session
as :func:`~citeaudit.net.session.make_session` built it, without record,
replay, cache or a caller's transport, hooks or adapters.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import http.client
import re
import ssl
import threading
import time
import types
from collections import Counter
from collections.abc import Coroutine
from typing import Any, TypeVar
from urllib.parse import urljoin, urlparse, urlsplit

import attrs
import requests
from requests.auth import _basic_auth_str
from requests.cookies import MockRequest, MockResponse, get_cookie_header
from requests.models import PreparedRequest
from requests.utils import get_auth_from_url, requote_uri
from urllib3.exceptions import ProtocolError

from citeaudit.config import HttpConfig
from citeaudit.errors import NetworkError
from citeaudit.net.adapter import backoff, retry_wait
from citeaudit.net.bulk.connect import (
    Connection,
    Key,
    Pool,
    open_guarded,
    resolve_checked,
    tls_context,
)
from citeaudit.net.bulk.response import BulkResponse
from citeaudit.net.bulk.watch import Fired, Watch
from citeaudit.net.bulk.wire import (
    Head,
    has_body,
    header_lines,
    read_body,
    read_head,
    request_bytes,
    request_head,
)
from citeaudit.net.deadline import DeadlineExceeded
from citeaudit.net.throttle import Throttle
from citeaudit.net.urls import split
from citeaudit.netguard import AddressGuard, Resolver

__all__ = ["BulkClient", "BulkSpec", "bulk_of"]

T = TypeVar("T")
_DEFAULT_PORTS = {"http": 80, "https": 443}


@attrs.frozen
class BulkSpec:
    """What a live session was built with, so the bulk client can keep its policy."""

    guard: AddressGuard
    resolver: Resolver
    throttle: Throttle
    adapter: Any
    """The session's own adapter: the session is answered in bulk only while it is mounted."""


def bulk_of(session: Any) -> BulkSpec | None:
    """The session's :class:`BulkSpec` if the bulk client may answer for it, else ``None``.

    Not for a session a caller changed in ways only requests would honour:
    another adapter mounted, response hooks, auth, parameters, proxies or the
    environment's settings.
    """
    spec = getattr(session, "bulk", None)
    if not isinstance(spec, BulkSpec):
        return None
    try:
        mounted = all(session.get_adapter(p) is spec.adapter for p in ("http://x", "https://x"))
    except requests.exceptions.InvalidSchema:
        return None
    if (
        not mounted
        or any(session.hooks.get("response") or ())
        or session.auth is not None
        or session.params
        or session.proxies
        or session.trust_env
        or session.cert is not None
    ):
        return None
    return spec


class _Call:
    """The total deadline of one call, in the shape the throttle reads."""

    __slots__ = ("at", "expired", "seconds", "started")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = float("inf")
        self.started = False
        self.expired = False

    def start(self) -> None:
        if not self.started:
            self.started = True
            self.at = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return self.at - time.monotonic() if self.started else self.seconds


class _Fields:
    """Header fields in the shape ``http.cookiejar`` reads (``get_all``)."""

    def __init__(self, fields: list[tuple[str, str]]) -> None:
        self._fields = fields

    def get_all(self, name: str, default: Any = None) -> Any:
        name = name.lower()
        found = [v for k, v in self._fields if k.lower() == name]
        return found or default


class BulkClient:
    """An event loop thread that fetches for one session (see the module's notes)."""

    def __init__(self, session: Any, spec: BulkSpec) -> None:
        self.config: HttpConfig = session.config
        self._session = session
        self._spec = spec
        self._headers = {k: v for k, v in session.headers.items() if v is not None}
        self._headers.setdefault("Connection", "keep-alive")
        self._header_lines = header_lines(self._headers)
        self._verify = session.verify
        self._tls: ssl.SSLContext | None = None
        self._pool = Pool(self.config.per_host_concurrency)
        self._jar_lock = threading.Lock()
        self._cookie_domains = self._domains()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="citeaudit-bulk", daemon=True
        )
        self._thread.start()

    # --- running coroutines from other threads ------------------------------------------------

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Run ``coro`` on the client's loop."""
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def call_soon(self, fn: Any, *args: Any) -> None:
        """Call ``fn(*args)`` on the loop's thread (nothing, once the client is closed)."""
        with contextlib.suppress(RuntimeError):  # the loop closed: nothing left to call on
            self._loop.call_soon_threadsafe(fn, *args)

    def close(self) -> None:
        """Close idle connections and stop the loop's thread (after the caller's work ended)."""
        if self._loop.is_closed():
            return

        async def finish() -> None:
            self._pool.close()
            await self._loop.shutdown_default_executor()

        try:
            self.submit(finish()).result(timeout=30)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    # --- one call ---------------------------------------------------------------------------

    async def get(
        self, url: str, *, method: str = "GET", spaced: bool = True,
        headers: dict[str, str] | None = None, follow: bool = True,
    ) -> BulkResponse:
        """Fetch ``url`` following redirects, as ``session.request(method, url)`` would.

        ``headers`` are sent beside the session's (an archive's ``Accept``);
        ``follow=False`` answers the first hop, as ``allow_redirects=False``.
        """
        if getattr(self._session, "_aborted", False):
            raise NetworkError("the session was aborted")
        call = _Call(self.config.deadline)
        current = prepared_url(url)
        # Credentials in the URL go as Basic auth, as requests sends them (prepare_auth).
        auth = _basic_auth(current)
        response = await self._hop(method, current, call, spaced, auth, headers)
        if not follow or not response.is_redirect:
            return response  # most answers: no chain to follow or count
        seen = Counter([response.url])
        chain: list[BulkResponse] = []
        fragment = split(current).fragment
        while response.is_redirect:
            response.history = chain[:]
            chain.append(response)
            if len(response.history) >= self.config.max_redirects:
                raise requests.exceptions.TooManyRedirects(
                    f"Exceeded {self.config.max_redirects} redirects.", response=response
                )
            target, fragment = _redirect_target(response, fragment)
            if response.status_code in (302, 303) and method != "HEAD":
                method = "GET"
            if auth is not None and _strips_auth(response.url, target):
                auth = None  # not to another host (requests' should_strip_auth)
            response = await self._hop(method, target, call, spaced, auth, headers)
            seen[response.url] += 1
            if seen[response.url] > 2:
                response.history = chain
                raise _loop_error(f"redirect loop at {response.url}", response)
        response.history = chain
        return response

    async def _hop(
        self, method: str, url: str, call: _Call, spaced: bool, auth: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> BulkResponse:
        """One hop with polite retries, as the session's ``PoliteAdapter`` sends it."""
        parts = split(url)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            raise requests.exceptions.InvalidSchema(
                f"No connection adapters were found for {url!r}"
            )
        try:
            parts.port  # noqa: B018 - a bad port raises here, not in the middle of a hop
            host = (parts.hostname or "").lower()
            if not host.isascii():
                host = host.encode("idna").decode("ascii")
        except (ValueError, UnicodeError) as exc:
            raise requests.exceptions.InvalidURL(f"Invalid URL {url!r}: {exc}") from exc
        if not host:
            raise requests.exceptions.InvalidURL(f"Invalid URL {url!r}: No host supplied")
        retryable = method in ("GET", "HEAD", "OPTIONS")
        attempt = 0
        last: BulkResponse | None = None
        throttle = self._spec.throttle
        while True:
            wait: float
            try:
                response = await self._attempt(method, url, parts, host, call, spaced, auth,
                                               extra)
            except DeadlineExceeded:
                if last is not None:
                    return last
                raise
            except requests.exceptions.Timeout:
                wait = backoff(self.config, attempt)
                if not retryable or attempt >= self.config.retries or wait >= call.remaining():
                    raise
            else:
                if not retryable:
                    return response
                answered, asked = retry_wait(self.config, response, attempt, call.remaining())
                if answered is None:
                    return response
                wait = answered
                if asked is not None:
                    throttle.pause_host(host, asked)
                last = response
            attempt += 1
            await asyncio.sleep(wait)

    async def _attempt(
        self,
        method: str,
        url: str,
        parts: Any,
        host: str,
        call: _Call,
        spaced: bool,
        auth: str | None,
        extra: dict[str, str] | None = None,
    ) -> BulkResponse:
        if call.expired or call.remaining() <= 0:
            raise DeadlineExceeded(f"deadline of {self.config.deadline:g}s passed")
        throttle = self._spec.throttle
        key = _key(parts, host)
        addresses = None
        if not self._pool.has_idle(key):
            # Looked up (and checked) while the request waits for its turn: a slow DNS
            # answer then does not push the host's schedule back.
            try:
                async with asyncio.timeout(call.remaining()):  # a lookup that hangs
                    addresses = await resolve_checked(key, self._spec.guard, self._spec.resolver)
            except TimeoutError as exc:
                raise DeadlineExceeded(f"deadline of {self.config.deadline:g}s passed") from exc
        gate = await throttle.acquire_async(host, call, spaced=spaced)
        call.start()
        # One timer for the whole exchange: the deadline, and each read's stall limit.
        watch = Watch(call.at, min(self.config.read_timeout, max(0.01, call.remaining())))
        try:
            return await self._exchange(method, url, parts, key, call, auth, addresses, watch,
                                        extra)
        except asyncio.CancelledError as exc:
            fired = watch.stopped(exc)
            if fired is Fired.STALL:
                raise requests.exceptions.ReadTimeout(
                    f"Read timed out. (read timeout={watch.limit:g})"
                ) from None
            if fired is Fired.DEADLINE:
                call.expired = True
                raise DeadlineExceeded(f"deadline of {self.config.deadline:g}s passed") from None
            raise
        finally:
            watch.close()
            throttle.release(gate)

    async def _exchange(
        self,
        method: str,
        url: str,
        parts: Any,
        key: Key,
        call: _Call,
        auth: str | None,
        addresses: list[str] | None,
        watch: Watch,
        extra: dict[str, str] | None = None,
    ) -> BulkResponse:
        scheme, _, port = key
        host = key[1].strip("[]")
        connect_t = min(self.config.connect_timeout, max(0.01, call.remaining()))
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = self._headers
        if extra:  # the call's own replace the session's, whatever their case (as requests)
            names = {name.lower() for name in extra}
            headers = {k: v for k, v in headers.items() if k.lower() not in names} | extra
        if auth is not None:
            headers = {**headers, "Authorization": auth}
        if self._cookie_domains and _matches(host, self._cookie_domains):
            headers = dict(headers)
            with self._jar_lock:
                cookie = get_cookie_header(self._session.cookies, _cookie_request(url))
            if cookie:
                headers["Cookie"] = cookie
        wanted = key[1] if port == _DEFAULT_PORTS[scheme] else f"{key[1]}:{port}"
        data = (request_head(method, target, wanted, self._header_lines)
                if headers is self._headers else request_bytes(method, target, wanted, headers))
        conn = self._pool.take(key)
        while True:
            fresh = conn is None
            if conn is None:
                watch.pause()  # the connect has its own timeout
                conn = await open_guarded(key, self._spec.guard, self._spec.resolver,
                                          self._tls_context, connect_t, addresses)
            try:
                conn.writer.write(data)
                head = await read_head(conn.reader, watch)
                break
            except (http.client.HTTPException, ConnectionError) as exc:
                conn.close()
                if not fresh:
                    # An idle connection the server had closed, or one holding what a
                    # server sent after a HEAD's head against the rules (read here as the
                    # status line): once more, anew.
                    conn = None
                    continue
                raise _aborted(exc) from exc
            except BaseException:
                conn.close()
                raise
        return await self._answer(method, url, head, conn, watch)

    async def _answer(
        self, method: str, url: str, head: Head, conn: Connection, watch: Watch
    ) -> BulkResponse:
        truncated, complete, body = False, True, b""
        if has_body(method, head):
            try:
                body, truncated, complete = await read_body(
                    conn.reader, head, self.config.max_bytes, watch
                )
            except requests.exceptions.ContentDecodingError:
                conn.close()
                raise
            except (http.client.HTTPException, OSError) as exc:
                conn.close()
                raise requests.exceptions.ChunkedEncodingError(
                    ProtocolError("Response ended prematurely", exc)
                ) from exc
            except BaseException:
                conn.close()
                raise
        # After a HEAD only with nothing read beyond its head: a body sent anyway is not
        # taken for the next answer (one that comes later fails that request's status
        # line, which is then asked again on a new connection, above).
        if (complete and not truncated and head.keeps_alive()
                and (method != "HEAD" or not _buffered(conn.reader))):
            self._pool.give(conn)
        else:
            conn.close()
        if any(name.lower() in ("set-cookie", "set-cookie2") for name, _ in head.fields):
            self._keep_cookies(url, head)
        return BulkResponse(url, head.status, head.reason, head.headers, body,
                            truncated=truncated, peer_address=conn.peer)

    def _keep_cookies(self, url: str, head: Head) -> None:
        """File the answer's cookies in the session's jar, as requests does on each hop."""
        with self._jar_lock:
            jar = self._session.cookies
            answer = MockResponse(_Fields(head.fields))  # type: ignore[arg-type]
            jar.extract_cookies(answer, MockRequest(_cookie_request(url)))  # type: ignore[arg-type]
            self._cookie_domains = self._domains()

    def _domains(self) -> frozenset[str]:
        return frozenset(c.domain.lstrip(".").lower() for c in self._session.cookies)

    def _tls_context(self) -> ssl.SSLContext:
        if self._tls is None:
            self._tls = tls_context(self._verify)
        return self._tls


def _key(parts: Any, host: str) -> Key:
    """The origin of a URL's connection: scheme, host (IPv6 in brackets), port."""
    scheme = parts.scheme.lower()
    return (scheme, f"[{host}]" if ":" in host else host, parts.port or _DEFAULT_PORTS[scheme])


def _cookie_request(url: str) -> Any:
    """A stand-in for the prepared request ``http.cookiejar`` asks about (its URL)."""
    return types.SimpleNamespace(url=url, headers={})


_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_PLAIN_URL = re.compile(
    rf"https?://(?:{_LABEL}\.)*{_LABEL}(?::(?P<port>[1-9][0-9]{{0,4}}))?"
    r"/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*"
    r"(?:\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)?"
)
"""A URL ``prepare_url`` gives back unchanged: lower-case host, no escapes, dots only in
names (no ``.``/``..`` segments), a port that is one (checked apart), no fragment."""


def prepared_url(url: str) -> str:
    """``url`` as requests prepares it (``PreparedRequest.prepare_url``).

    Most cited URLs are already in that form; recognising them skips urllib3's
    parsing, a noticeable part of a link check's CPU.
    """
    plain = _PLAIN_URL.fullmatch(url)
    if plain and "/." not in url and int(plain.group("port") or 0) <= 65535:
        return url
    prepared = PreparedRequest()
    prepared.prepare_url(url, None)
    return prepared.url or url


def _basic_auth(url: str) -> str | None:
    """The ``Authorization`` value for credentials in ``url``, or ``None``."""
    if "@" not in split(url).netloc:
        return None
    user, password = get_auth_from_url(url)
    if not user and not password:
        return None
    return _basic_auth_str(user, password)


def _strips_auth(old: str, new: str) -> bool:
    """Whether a redirect from ``old`` to ``new`` drops credentials (requests' rule)."""
    a, b = urlsplit(old), urlsplit(new)
    if a.hostname != b.hostname:
        return True
    ports = {"http": 80, "https": 443}
    upgrade = (a.scheme == "http" and b.scheme == "https"
               and a.port in (80, None) and b.port in (443, None))
    if upgrade:
        return False
    same_port = (a.port or ports.get(a.scheme)) == (b.port or ports.get(b.scheme))
    return a.scheme != b.scheme or not same_port


def _matches(host: str, domains: frozenset[str]) -> bool:
    parts = host.split(".")
    return any(".".join(parts[i:]) in domains for i in range(len(parts)))


def _redirect_target(response: BulkResponse, fragment: str) -> tuple[str, str]:
    """The next URL of a redirect, as requests' ``resolve_redirects`` builds it."""
    location = response.headers["location"].encode("latin1").decode("utf8", errors="replace")
    if location.startswith("//"):
        location = f"{urlparse(response.url).scheme}:{location}"
    parsed = urlparse(location)
    if parsed.fragment == "" and fragment:
        parsed = parsed._replace(fragment=fragment)
    elif parsed.fragment:
        fragment = parsed.fragment
    location = parsed.geturl()
    if not parsed.netloc:
        location = urljoin(response.url, requote_uri(location))
    else:
        location = requote_uri(location)
    return location, fragment


def _loop_error(message: str, response: BulkResponse) -> requests.exceptions.TooManyRedirects:
    from citeaudit.net.session import RedirectLoop

    return RedirectLoop(message, response=response)  # type: ignore[arg-type]


def _aborted(exc: BaseException) -> requests.exceptions.ConnectionError:
    """The error requests raises when an exchange broke before its answer's head."""
    return requests.exceptions.ConnectionError(ProtocolError("Connection aborted.", exc))


def _buffered(reader: asyncio.StreamReader) -> int:
    """How many bytes ``reader`` holds, received and not yet read (0 if it cannot say)."""
    return len(getattr(reader, "_buffer", b""))
