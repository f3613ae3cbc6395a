"""One polite hop: throttle, attempt, read the body under the cap, retry, record.

Bodies are read in a stream and cut at ``max_bytes``, decoded a slice at a time
in only the content codings that can be bounded (:data:`BOUNDED_ENCODINGS`);
429, 5xx and timeouts are retried with exponential backoff, honouring
``Retry-After`` up to ``max_retry_after``.
"""

from __future__ import annotations

import email.utils
import random
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import BaseAdapter
from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError, SSLError

from citeaudit.config import HttpConfig
from citeaudit.net.deadline import (
    Deadline,
    DeadlineExceeded,
    current_deadline,
    enter_deadline,
    leave_deadline,
)
from citeaudit.net.throttle import Throttle, is_spaced

__all__ = [
    "BOUNDED_ENCODINGS",
    "RETRY_STATUSES",
    "PoliteAdapter",
    "backoff",
    "parse_retry_after",
    "retry_wait",
]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
"""Statuses worth another polite attempt."""

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


def backoff(config: HttpConfig, attempt: int) -> float:
    """Seconds before retry ``attempt + 1``: exponential, with jitter."""
    base = config.backoff * (2**attempt)
    return base * (1 + random.random() / 4)  # jitter keeps parallel retries apart


def retry_wait(
    config: HttpConfig, response: Any, attempt: int, remaining: float
) -> tuple[float | None, float | None]:
    """``(wait, asked)``: seconds before asking again (``None``: the answer stands), and
    the ``Retry-After`` the host asked for, if it did.

    For an answer worth another polite attempt (429, 5xx), within the retries, a
    ``Retry-After`` no longer than ``max_retry_after`` and the call's deadline;
    never after a bot challenge, which asking again won't pass.
    """
    if response.status_code not in RETRY_STATUSES or response.headers.get("cf-mitigated"):
        return None, None
    asked = parse_retry_after(response.headers.get("Retry-After"))
    wait = backoff(config, attempt) if asked is None else asked
    if (
        attempt >= config.retries
        or (asked is not None and asked > config.max_retry_after)
        or wait >= remaining
    ):
        return None, asked
    return wait, asked


class PoliteAdapter(BaseAdapter):
    """One hop: throttle, attempt, read the body under the cap, retry politely, record."""

    def __init__(
        self, inner: BaseAdapter, config: HttpConfig, throttle: Throttle | None, recorder: Any
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
        own = current_deadline() is None
        deadline = enter_deadline(self.config.deadline) if own else current_deadline()
        assert deadline is not None
        try:
            return self._send(request, deadline, timeout, verify, cert, proxies)
        finally:
            if own:
                leave_deadline(deadline)

    def _send(
        self,
        request: requests.PreparedRequest,
        deadline: Deadline,
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
                if not retryable:
                    return response
                wait, asked = retry_wait(self.config, response, attempt, deadline.remaining())
                if wait is None:
                    return response
                if asked is not None and self.throttle is not None:
                    self.throttle.pause_host(host, asked)  # the whole host asked us to wait
                last = response
            attempt += 1
            if self.throttle is not None:  # replay answers at once: nobody to be polite to
                deadline.sleep(wait, f"a retry of {host}")

    def _backoff(self, attempt: int) -> float:
        return backoff(self.config, attempt)

    def _attempt(
        self,
        request: requests.PreparedRequest,
        host: str,
        deadline: Deadline,
        timeout: Any,
        verify: bool | str,
        cert: Any,
        proxies: Any,
    ) -> requests.Response:
        if deadline.expired or deadline.remaining() <= 0:
            raise DeadlineExceeded(f"deadline of {self.config.deadline:g}s passed")
        spaced = is_spaced()
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

    def _timeouts(self, asked: Any, deadline: Deadline) -> tuple[float, float]:
        connect, read = self.config.connect_timeout, self.config.read_timeout
        if isinstance(asked, tuple):
            connect = min(connect, asked[0] or connect)
            read = min(read, asked[1] or read)
        elif isinstance(asked, int | float):
            connect, read = min(connect, asked), min(read, asked)
        left = max(0.01, deadline.remaining())
        return min(connect, left), min(read, left)

    def _read_body(
        self, request: requests.PreparedRequest, response: requests.Response, deadline: Deadline
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


