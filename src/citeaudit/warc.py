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
hand out decoded bodies with headers that describe them.  A body cut at the
size cap is the exception: its record says ``WARC-Truncated: length`` and keeps
the length the server announced (none if it was compressed on the wire), and
replay hands it out with ``response.truncated`` set.  Each live answer's
``WARC-IP-Address`` is recorded, so replay can apply the address policy.

A capture is checked whole before replay answers anything: a record cut short
(a killed run, a full disk, a partial copy), an empty file, a bad status line
or target URI raise :class:`~citeaudit.errors.InputError` naming the record.
Replay then reads each body from the file as it is consumed, so a record of
any size costs only what the session reads of it (``max_bytes``).

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
import os
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
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParserException
from warcio.timeutils import datetime_to_iso_date, iso_date_to_datetime
from warcio.warcwriter import WARCWriter

from citeaudit.errors import InputError, ReplayMiss
from citeaudit.netguard import AddressGuard, parse_ip

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
_READ_CHUNK = 64 * 1024
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


def _cut_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Headers for a decoded body cut at the size cap, which must not pass for whole.

    The length the server announced is kept when it counts the same bytes as the
    stored body (no content encoding); otherwise no length is claimed at all.
    """
    headers = list(headers)
    encoded = any(
        k.lower() == "content-encoding" and v.strip().lower() not in ("", "identity")
        for k, v in headers
    )
    drop = _WIRE_HEADERS if encoded else _WIRE_HEADERS - {"content-length"}
    return [(k, v) for k, v in headers if k.lower() not in drop]


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
        truncated: bool = False,
        address: str | None = None,
    ) -> None:
        warc_headers = {"WARC-Date": _warc_date(date)}
        response_headers_dict = dict(warc_headers)
        if address:
            response_headers_dict["WARC-IP-Address"] = address
        if truncated:
            # As Heritrix writes it: the record holds less than the server sent.
            response_headers_dict["WARC-Truncated"] = "length"
        response = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            warc_headers_dict=response_headers_dict,
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
        truncated = method != "HEAD" and bool(getattr(response, "truncated", False))
        if method == "HEAD":
            # Keep the length the server announced; there is no body to describe.
            response_headers = [(k, v) for k, v in wire_headers]
        elif truncated:
            response_headers = _cut_headers(wire_headers)
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
                truncated=truncated,
                address=getattr(response, "peer_address", None),
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
    """Where one response record sits in the capture, and what the scan learnt of it."""

    offset: int
    method: str
    length: int
    """Bytes of its body once chunking and content encoding are undone."""
    truncated: bool = False
    """The record says (``WARC-Truncated``) that it holds only part of the body."""
    address: str | None = None
    """The IP address the answer came from (``WARC-IP-Address``), if recorded."""


def _open_capture(path: Path) -> IO[bytes]:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read capture {path}: {exc.strerror}") from exc


@attrs.frozen
class _Scanned:
    """A response record met while scanning a capture."""

    entry: _Entry
    url: str
    date: datetime
    record_id: str
    parts: tuple[int, str, list[tuple[str, str]], bytes] | None
    """Status, reason, headers as stored and decoded body, when the scan read them."""


class _Damaged(Exception):
    """One record of a capture cannot be trusted; the message says why."""


_UNREADABLE = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    ValueError,
    OSError,
    EOFError,
    zlib.error,
    # warcio's own slips on malformed records (a record cut inside its headers
    # has no target URI, and warcio calls .startswith on None).
    AttributeError,
    TypeError,
    IndexError,
)
"""What warcio and zlib raise on a capture that is not what it claims."""


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, AttributeError | TypeError | IndexError):
        return "its headers are malformed or cut short"
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]


def _drain(stream: IO[bytes]) -> int:
    size = 0
    while chunk := stream.read(_READ_CHUNK):
        size += len(chunk)
    return size


def _status_of(record: Any) -> tuple[int, str]:
    """The status code and reason of a response record's HTTP status line."""
    http_headers = record.http_headers
    code = http_headers.get_statuscode() or ""
    if not (code.isascii() and code.isdigit() and len(code) == 3 and code[0] in "12345"):
        raise _Damaged(f"bad HTTP status line {http_headers.statusline[:80]!r}")
    return int(code), http_headers.statusline.partition(" ")[2]


def _checked_url(record: Any) -> str:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise _Damaged(f"bad target URI {url[:80]!r}: {exc}") from exc
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        raise _Damaged(f"bad target URI {url[:80]!r}: not an http(s) URL with a host")
    return url


def _check_whole(records: ArchiveIterator, record: Any) -> None:
    """Raise :class:`_Damaged` if ``record`` ends before the length its header declares.

    Its body must already be read to the end.  A cut file also leaves the gzip
    member of the record unfinished, which is how a cut inside the record's
    trailer is found.
    """
    _drain(record.raw_stream)
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        raise _Damaged(f"it is cut short, {missing} bytes before its declared end")
    records.read_to_end()
    decompressor = getattr(records.reader, "decompressor", None)
    if decompressor is not None and not getattr(decompressor, "eof", True):
        raise _Damaged("its gzip member is cut short")


def _scan(path: Path, *, read_bodies: bool) -> Iterator[tuple[_Scanned, str]]:
    """Yield each response record of the capture with the method of its request.

    Every record is read to its end and checked whole (see :func:`_check_whole`);
    a damaged, empty or malformed capture raises :class:`InputError` naming the
    record.  warcio writes a response before its request, so a response is held
    back until the next record shows which request it answered.
    """
    methods: dict[str, str] = {}
    pending: list[_Scanned] = []

    def flush() -> Iterator[tuple[_Scanned, str]]:
        while pending:
            scanned = pending.pop(0)
            yield scanned, methods.pop(scanned.record_id, "GET")

    number, what, end = 0, "the first record", 0
    with _open_capture(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        try:
            records = ArchiveIterator(stream)
            for number, record in enumerate(records, start=1):
                offset = records.offset
                what = f"record {number} (at byte {offset})"
                if record.format != "warc":
                    raise InputError(f"cannot read capture {path}: not a WARC file")
                target = record.rec_headers.get_header("WARC-Target-URI") or ""
                what = f"record {number} ({record.rec_type} {target[:200]}, at byte {offset})"
                if record.rec_type == "response" and record.http_headers:
                    yield from flush()
                    url = _checked_url(record)
                    status, reason = _status_of(record)
                    body = record.content_stream().read() if read_bodies else None
                    length = len(body) if body is not None else _drain(record.content_stream())
                    _check_whole(records, record)
                    end = records.offset
                    what = f"record {number + 1} (at byte {end})"
                    headers = list(record.http_headers.headers)
                    pending.append(
                        _Scanned(
                            entry=_Entry(
                                offset=records.get_record_offset(),
                                method="GET",
                                length=length,
                                truncated=bool(record.rec_headers.get_header("WARC-Truncated")),
                                address=record.rec_headers.get_header("WARC-IP-Address"),
                            ),
                            url=url,
                            date=_record_date(record),
                            record_id=record.rec_headers.get_header("WARC-Record-ID") or "",
                            parts=(status, reason, headers, body) if body is not None else None,
                        )
                    )
                    continue
                if record.rec_type == "request" and record.http_headers:
                    method = record.http_headers.protocol.upper()
                    for ref in record.rec_headers.get_header("WARC-Concurrent-To", "").split():
                        methods[ref] = method
                _check_whole(records, record)
                end = records.offset
                what = f"record {number + 1} (at byte {end})"
            if end < size:
                # warcio stops without a word at a record whose headers are cut off.
                what = f"the end (after record {number}, at byte {end})"
                raise _Damaged(f"{size - end} bytes there are not a whole record (one cut short)")
            yield from flush()
        except _Damaged as exc:
            raise InputError(f"capture {path} is damaged: {what}: {exc}") from None
        except _UNREADABLE as exc:
            raise InputError(f"capture {path} is damaged: {what}: {_one_line(exc)}") from exc
    if number == 0:
        raise InputError(f"capture {path} is empty: it holds no WARC records")


class _RecordBody(io.RawIOBase):
    """The body of one response record, read from the capture as it is consumed.

    Owns the open capture file and closes it at the end of the body or on
    :meth:`close`, so a replayed answer costs memory only for what is read.
    """

    def __init__(self, stream: IO[bytes], content: IO[bytes]) -> None:
        super().__init__()
        self._stream = stream
        self._content = content

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.closed:
            return 0
        data = self._content.read(len(buffer))
        if not data:
            self.close()
            return 0
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._stream.close()
        super().close()


def _open_response(path: Path, entry: _Entry) -> tuple[int, str, list[tuple[str, str]], IO[bytes]]:
    """Status, reason, stored headers and a body stream of the record at ``entry``."""
    stream = _open_capture(path)
    try:
        stream.seek(entry.offset)
        record = next(iter(ArchiveIterator(stream)))
        status, reason = _status_of(record)
        return (
            status,
            reason,
            list(record.http_headers.headers),
            _RecordBody(stream, record.content_stream()),
        )
    except (StopIteration, _Damaged, *_UNREADABLE) as exc:
        stream.close()
        raise InputError(f"cannot read capture {path} at byte {entry.offset}: {exc}") from exc
    except BaseException:
        stream.close()
        raise


def _served_headers(headers: list[tuple[str, str]], entry: _Entry) -> list[tuple[str, str]]:
    """Headers describing the decoded body replay hands out for ``entry``.

    A whole body gets the length it has.  A body the record says was cut keeps
    the length the server announced (as recorded), so it does not pass for whole.
    """
    if entry.method == "HEAD":
        return headers  # no body: the length the server announced stands
    if entry.truncated:
        return [(k, v) for k, v in headers if k.lower() not in _WIRE_HEADERS - {"content-length"}]
    return _decoded_headers(headers, entry.length)


def _record_date(record: Any) -> datetime:
    value = record.rec_headers.get_header("WARC-Date")
    return iso_date_to_datetime(value).replace(tzinfo=UTC) if value else datetime.now(UTC)


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
