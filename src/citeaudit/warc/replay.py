"""Replaying a capture: a ``requests`` adapter that answers offline, and reading it back."""

from __future__ import annotations

import http.client
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit, urlunsplit

import attrs
import requests
import urllib3
from requests.adapters import BaseAdapter
from requests.cookies import extract_cookies_to_jar
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers

from citeaudit.errors import ReplayMiss
from citeaudit.netguard import AddressGuard, parse_ip
from citeaudit.warc._headers import _DEFAULT_PORTS
from citeaudit.warc.body import _open_response, _served_headers
from citeaudit.warc.exchange import Exchange
from citeaudit.warc.scan import _Entry, _scan


def _normalise_url(url: str) -> str:
    """The URL as replay matches it: see the docstring of :mod:`citeaudit.warc`."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def iter_exchanges(path: str | Path) -> Iterator[Exchange]:
    """Yield the exchanges of the capture at ``path`` in recorded order.

    Bodies come decoded (chunking and gzip/deflate undone) with headers to match,
    except that a body recorded as cut (``WARC-Truncated``) keeps the length its
    server announced.  A damaged capture raises
    :class:`~citeaudit.errors.InputError` naming the record.
    """
    for scanned, method in _scan(Path(path), read_bodies=True):
        assert scanned.parts is not None
        status, reason, headers, body = scanned.parts
        if method != "HEAD":
            headers = _served_headers(headers, attrs.evolve(scanned.entry, method=method))
        yield Exchange(
            url=scanned.url,
            status=status,
            headers=headers,
            body=body,
            date=scanned.date,
            method=method,
            reason=reason,
        )


class _Headers:
    """The ``msg`` of a stand-in ``http.client`` response, so cookies replay too."""

    def __init__(self, headers: list[tuple[str, str]]) -> None:
        self.msg = http.client.HTTPMessage()
        for name, value in headers:
            self.msg[name] = value

    def isclosed(self) -> bool:
        return True

    def close(self) -> None:
        return None


class ReplayAdapter(BaseAdapter):
    """A ``requests`` adapter that answers every request from a WARC capture, offline.

    Mount it on a session for ``http://`` and ``https://``.  A URL captured
    several times is answered in recorded order, the last answer repeating.
    A ``HEAD`` the capture lacks is answered from a ``GET`` capture, without a body.
    A request the capture lacks raises :class:`~citeaudit.errors.ReplayMiss`.
    """

    def __init__(self, path: str | Path, guard: AddressGuard | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.guard = guard
        self._index: dict[tuple[str, str], list[_Entry]] = {}
        for scanned, method in _scan(self.path, read_bodies=False):
            key = (method, _normalise_url(scanned.url))
            self._index.setdefault(key, []).append(attrs.evolve(scanned.entry, method=method))
        # Answers served so far per (asked method, captured method, url).
        self._served: dict[tuple[str, str, str], int] = {}
        self._lock = threading.Lock()

    def __contains__(self, request: tuple[str, str]) -> bool:
        """Whether ``(method, url)`` can be answered."""
        method, url = request
        return self._lookup(method.upper(), _normalise_url(url)) is not None

    def _lookup(self, method: str, url: str) -> tuple[str, str] | None:
        if (method, url) in self._index:
            return method, url
        if method == "HEAD" and ("GET", url) in self._index:
            return "GET", url
        return None

    def send(
        self, request: requests.PreparedRequest, stream: bool = False, **kwargs: Any
    ) -> requests.Response:
        """Answer ``request`` from the capture; raise ``ReplayMiss`` if it holds no answer."""
        method = (request.method or "GET").upper()
        url = request.url or ""
        key = self._lookup(method, _normalise_url(url))
        if key is None:
            raise ReplayMiss(f"{method} {url} is not in capture {self.path.name}")
        cursor = (method, *key)
        with self._lock:
            served = self._served.get(cursor, 0)
            self._served[cursor] = served + 1
        entries = self._index[key]
        entry = entries[min(served, len(entries) - 1)]
        if self.guard is not None:
            self._check_policy(url, entry)
        if method == "HEAD":
            status, reason, headers, body = self._head(entry)
        else:
            status, reason, headers, body = _open_response(self.path, entry)
            headers = _served_headers(headers, entry)
        response = self._build_response(
            request, status, reason, headers, body, method, whole=not entry.truncated
        )
        # Said here, not by the body's length: the recorded body is all there is.
        response.truncated = entry.truncated  # type: ignore[attr-defined]
        return response

    def _head(self, entry: _Entry) -> tuple[int, str, list[tuple[str, str]], IO[bytes]]:
        status, reason, headers, body = _open_response(self.path, entry)
        body.close()
        return status, reason, _served_headers(headers, entry), io.BytesIO(b"")

    def _check_policy(self, url: str, entry: _Entry) -> None:
        """Refuse an answer that came from an address the session's policy refuses.

        The recorded ``WARC-IP-Address`` tells where it came from; without one, a
        host that is itself an address (or ``localhost``) does.
        """
        assert self.guard is not None
        host = (urlsplit(url).hostname or "").lower()
        address = entry.address
        if address is None:
            if parse_ip(host) is not None:
                address = host
            elif host == "localhost" or host.endswith(".localhost"):
                address = "127.0.0.1"
        if address is not None:
            self.guard.check(host, address)

    def _build_response(
        self,
        request: requests.PreparedRequest,
        status: int,
        reason: str,
        headers: list[tuple[str, str]],
        body: IO[bytes],
        method: str,
        *,
        whole: bool = True,
    ) -> requests.Response:
        # A real urllib3 response over the stored bytes, so .raw.read(), .iter_content()
        # and .content behave exactly as they do on a live response.
        raw = urllib3.HTTPResponse(
            body=body,
            headers=urllib3.HTTPHeaderDict(headers),
            status=status,
            reason=reason,
            version=11,
            preload_content=False,
            decode_content=False,
            # A body recorded as cut is shorter than the length its server announced.
            enforce_content_length=whole,
            request_method=method,
            request_url=request.url,
            original_response=_Headers(headers),  # type: ignore[arg-type]
        )
        response = requests.Response()
        response.status_code = status
        response.headers = CaseInsensitiveDict(raw.headers)
        response.encoding = get_encoding_from_headers(response.headers)
        response.raw = raw
        response.reason = reason
        response.url = request.url or ""
        response.request = request
        response.connection = self
        extract_cookies_to_jar(response.cookies, request, raw)
        return response

    def close(self) -> None:
        """Nothing to release: each answer opens the capture and closes it once read."""
