"""Record HTTP exchanges to a WARC file and replay them without a network.

A capture is a gzipped WARC (written with warcio) holding, for each exchange,
a ``request`` record and a ``response`` record linked by ``WARC-Concurrent-To``.

- :func:`write_exchanges` builds a capture from small readable
  :class:`Exchange` values (tests, fixtures, the bundled example).
- :class:`WarcRecorder` appends what a live run sends and receives.
- :class:`ReplayAdapter` is a ``requests`` transport adapter that answers every
  request from a capture, so a whole audit can run offline.
- :func:`iter_exchanges` reads a capture back.

Bodies are stored *decoded*: ``requests`` has already undone gzip/deflate and
chunking by the time a body is read, so the recorder drops
``Content-Encoding``/``Transfer-Encoding`` and writes a ``Content-Length``
that matches the stored bytes.  Replay and :func:`iter_exchanges` likewise
hand out decoded bodies with headers that describe them.

URL matching on replay ignores the case of scheme and host, a default port
(80/443), an empty path (``/``) and the fragment.  The query string is matched
exactly, order included: servers may treat ``?a=1&b=2`` and ``?b=2&a=1``
differently, and ``requests`` sends a URL's query in the same order on every
run, so exact matching never misses a request the live run made.
"""

from __future__ import annotations

import http
import http.client
import io
import threading
import zlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any
from urllib.parse import urlsplit, urlunsplit

import attrs
import requests
import urllib3
from requests.adapters import BaseAdapter
from requests.cookies import extract_cookies_to_jar
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date, iso_date_to_datetime
from warcio.warcwriter import WARCWriter

from citeaudit.errors import InputError, ReplayMiss

__all__ = [
    "Exchange",
    "ReplayAdapter",
    "WarcRecorder",
    "iter_exchanges",
    "write_exchanges",
]

Headers = tuple[tuple[str, str], ...]

# Headers that describe the bytes on the wire rather than the decoded body we store.
_WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SOFTWARE = "citeaudit (https://pypi.org/project/citeaudit/)"


def _to_headers(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> Headers:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(name), str(val)) for name, val in items)


@attrs.frozen
class Exchange:
    """One HTTP request and the response it got, as stored in a capture."""

    url: str
    status: int
    headers: Headers = attrs.field(converter=_to_headers)
    """Response headers in order, repeats allowed; a dict or ``(name, value)`` pairs."""
    body: bytes
    date: datetime
    """When the response was received; a naive datetime is taken as UTC."""
    method: str = "GET"
    reason: str | None = None
    """Reason phrase; ``None`` means the standard phrase for ``status``."""

    def header(self, name: str) -> str | None:
        """The first value of response header ``name`` (case-insensitive), or ``None``."""
        wanted = name.lower()
        return next((v for k, v in self.headers if k.lower() == wanted), None)


def _reason_for(status: int, reason: str | None) -> str:
    if reason is not None:
        return reason
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _warc_date(when: datetime) -> str:
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return datetime_to_iso_date(when, use_micros=True)


def _decoded_headers(headers: Iterable[tuple[str, str]], body_length: int) -> list[tuple[str, str]]:
    """Headers that truthfully describe a decoded body of ``body_length`` bytes."""
    kept = [(k, v) for k, v in headers if k.lower() not in _WIRE_HEADERS]
    kept.append(("Content-Length", str(body_length)))
    return kept


def _normalise_url(url: str) -> str:
    """The URL as replay matches it: see the module docstring."""
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


class _CaptureWriter:
    """Writes request/response pairs to a gzipped WARC; callers serialise access."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._writer = WARCWriter(stream, gzip=True, warc_version="1.1")
        info = self._writer.create_warcinfo_record(
            Path(getattr(stream, "name", "capture.warc.gz")).name,
            {"software": _SOFTWARE, "format": "WARC File Format 1.1"},
        )
        self._writer.write_record(info)

    def write_pair(
        self,
        *,
        url: str,
        method: str,
        request_target: str,
        request_headers: Iterable[tuple[str, str]],
        request_body: bytes,
        status_line: str,
        protocol: str,
        response_headers: list[tuple[str, str]],
        body: bytes,
        date: datetime,
    ) -> None:
        warc_headers = {"WARC-Date": _warc_date(date)}
        response = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            warc_headers_dict=warc_headers,
            http_headers=StatusAndHeaders(status_line, response_headers, protocol=protocol),
        )
        request = self._writer.create_warc_record(
            url,
            "request",
            payload=io.BytesIO(request_body),
            length=len(request_body),
            warc_headers_dict=warc_headers,
            http_headers=StatusAndHeaders(
                f"{method} {request_target} HTTP/1.1",
                list(request_headers),
                is_http_request=True,
            ),
        )
        self._writer.write_request_response_pair(request, response)


def _request_target(url: str) -> tuple[str, str]:
    """The origin-form request target and Host header value for ``url``."""
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return target, parts.netloc.rpartition("@")[2]


def write_exchanges(path: str | Path, exchanges: Iterable[Exchange]) -> None:
    """Write ``exchanges`` as a gzipped WARC at ``path`` (request + response records each).

    Bodies and headers are written as given, except that ``Content-Length`` is
    set to the body's length unless the headers say the body is chunked.
    A redirect is simply an exchange with a 3xx status and a ``Location`` header.
    """
    with open(path, "wb") as stream:
        writer = _CaptureWriter(stream)
        for exchange in exchanges:
            headers = [(k, v) for k, v in exchange.headers if k.lower() != "content-length"]
            if (exchange.header("Transfer-Encoding") or "").lower() != "chunked":
                headers.append(("Content-Length", str(len(exchange.body))))
            target, host = _request_target(exchange.url)
            writer.write_pair(
                url=exchange.url,
                method=exchange.method.upper(),
                request_target=target,
                request_headers=[("Host", host)],
                request_body=b"",
                status_line=f"{exchange.status} {_reason_for(exchange.status, exchange.reason)}",
                protocol="HTTP/1.1",
                response_headers=headers,
                body=exchange.body,
                date=exchange.date,
            )


class WarcRecorder:
    """Thread-safe writer of a live run's HTTP exchanges to a gzipped WARC.

    Use as a context manager, or call :meth:`close` when the run ends.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._stream: IO[bytes] = open(self.path, "wb")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise InputError(f"cannot write capture {self.path}: {exc.strerror}") from exc
        self._lock = threading.Lock()
        self._writer = _CaptureWriter(self._stream)

    def record(
        self, request: requests.PreparedRequest, response: requests.Response, body: bytes
    ) -> None:
        """Append ``request`` and ``response`` (whose decoded body is ``body``) to the capture."""
        url = request.url or response.url
        method = (request.method or "GET").upper()
        target, host = _request_target(url)
        request_headers = list(request.headers.items())
        if not any(k.lower() == "host" for k, _ in request_headers):
            request_headers.insert(0, ("Host", host))
        request_body = request.body or b""
        if isinstance(request_body, str):
            request_body = request_body.encode("utf-8")
        elif not isinstance(request_body, bytes):
            request_body = b""  # a streamed upload: its bytes are gone by now
        raw = response.raw
        raw_headers = getattr(raw, "headers", None)
        wire_headers = list(raw_headers.items()) if raw_headers is not None else []
        if not wire_headers:
            wire_headers = list(response.headers.items())
        version = getattr(raw, "version", 11)
        protocol = "HTTP/1.0" if version == 10 else "HTTP/1.1"
        status_line = f"{response.status_code} {_reason_for(response.status_code, response.reason)}"
        if method == "HEAD":
            # Keep the length the server announced; there is no body to describe.
            response_headers = [(k, v) for k, v in wire_headers]
        else:
            response_headers = _decoded_headers(wire_headers, len(body))
        with self._lock:
            if self._stream.closed:
                raise InputError(f"capture {self.path} is already closed")
            self._writer.write_pair(
                url=url,
                method=method,
                request_target=target,
                request_headers=request_headers,
                request_body=request_body,
                status_line=status_line,
                protocol=protocol,
                response_headers=response_headers,
                body=body if method != "HEAD" else b"",
                date=datetime.now(UTC),
            )

    def close(self) -> None:
        """Flush and close the capture file; later :meth:`record` calls raise."""
        with self._lock:
            self._stream.close()

    def __enter__(self) -> WarcRecorder:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@attrs.frozen
class _Entry:
    """Where one response record sits in the capture."""

    offset: int
    method: str


def _open_capture(path: Path) -> IO[bytes]:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read capture {path}: {exc.strerror}") from exc


@attrs.frozen
class _Scanned:
    """A response record met while scanning a capture."""

    offset: int
    url: str
    date: datetime
    record_id: str
    parts: tuple[int, str, list[tuple[str, str]], bytes] | None
    """Status, reason, headers as stored and decoded body, when the scan read them."""


def _scan(path: Path, *, read_bodies: bool) -> Iterator[tuple[_Scanned, str]]:
    """Yield each response record of the capture with the method of its request.

    warcio writes a response before its request, so a response is held back until
    the next record shows which request it answered.
    """
    methods: dict[str, str] = {}
    pending: list[_Scanned] = []

    def flush() -> Iterator[tuple[_Scanned, str]]:
        while pending:
            scanned = pending.pop(0)
            yield scanned, methods.pop(scanned.record_id, "GET")

    with _open_capture(path) as stream:
        try:
            records = ArchiveIterator(stream)
            for record in records:
                if record.format != "warc":
                    raise InputError(f"cannot read capture {path}: not a WARC file")
                if record.rec_type == "response" and record.http_headers:
                    yield from flush()
                    # Read the body before asking the offset: warcio skips to the
                    # record's end to compute it.
                    parts = _raw_parts(record) if read_bodies else None
                    pending.append(
                        _Scanned(
                            offset=records.get_record_offset(),
                            url=record.rec_headers.get_header("WARC-Target-URI") or "",
                            date=_record_date(record),
                            record_id=record.rec_headers.get_header("WARC-Record-ID") or "",
                            parts=parts,
                        )
                    )
                elif record.rec_type == "request" and record.http_headers:
                    method = record.http_headers.protocol.upper()
                    for ref in record.rec_headers.get_header("WARC-Concurrent-To", "").split():
                        methods[ref] = method
            yield from flush()
        except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error) as exc:
            raise InputError(f"cannot read capture {path}: {exc}") from exc


def _read_response(path: Path, entry: _Entry) -> tuple[int, str, list[tuple[str, str]], bytes]:
    """Status, reason, decoded-body headers and decoded body of the record at ``entry``."""
    with _open_capture(path) as stream:
        stream.seek(entry.offset)
        try:
            record = next(iter(ArchiveIterator(stream)))
        except (StopIteration, ArchiveLoadFailed, ValueError, EOFError, zlib.error) as exc:
            raise InputError(f"cannot read capture {path}: {exc}") from exc
        return _response_parts(record, head=entry.method == "HEAD")


def _response_parts(
    record: Any, *, head: bool = False
) -> tuple[int, str, list[tuple[str, str]], bytes]:
    """Status, reason, headers and decoded body of a response record.

    The headers are made to describe the decoded body, except for an answer to
    ``HEAD``, which has no body and keeps the length the server announced.
    """
    status, reason, headers, body = _raw_parts(record)
    if head:
        return status, reason, headers, b""
    return status, reason, _decoded_headers(headers, len(body)), body


def _raw_parts(record: Any) -> tuple[int, str, list[tuple[str, str]], bytes]:
    http_headers = record.http_headers
    status_text = http_headers.get_statuscode() or "0"
    reason = http_headers.statusline.partition(" ")[2]
    return int(status_text), reason, list(http_headers.headers), record.content_stream().read()


def _record_date(record: Any) -> datetime:
    value = record.rec_headers.get_header("WARC-Date")
    return iso_date_to_datetime(value).replace(tzinfo=UTC) if value else datetime.now(UTC)


def iter_exchanges(path: str | Path) -> Iterator[Exchange]:
    """Yield the exchanges of the capture at ``path`` in recorded order.

    Bodies come decoded (chunking and gzip/deflate undone) with headers to match.
    """
    for scanned, method in _scan(Path(path), read_bodies=True):
        assert scanned.parts is not None
        status, reason, headers, body = scanned.parts
        if method != "HEAD":
            headers = _decoded_headers(headers, len(body))
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

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self._index: dict[tuple[str, str], list[_Entry]] = {}
        for scanned, method in _scan(self.path, read_bodies=False):
            key = (method, _normalise_url(scanned.url))
            self._index.setdefault(key, []).append(_Entry(scanned.offset, method))
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
        status, reason, headers, body = _read_response(self.path, entry)
        if method == "HEAD":
            body = b""
        return self._build_response(request, status, reason, headers, body, method)

    def _build_response(
        self,
        request: requests.PreparedRequest,
        status: int,
        reason: str,
        headers: list[tuple[str, str]],
        body: bytes,
        method: str,
    ) -> requests.Response:
        # A real urllib3 response over the stored bytes, so .raw.read(), .iter_content()
        # and .content behave exactly as they do on a live response.
        raw = urllib3.HTTPResponse(
            body=io.BytesIO(body),
            headers=urllib3.HTTPHeaderDict(headers),
            status=status,
            reason=reason,
            version=11,
            preload_content=False,
            decode_content=False,
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
        """Nothing to release: each answer opens and closes the capture itself."""
