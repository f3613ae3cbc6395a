"""Writing captures: from :class:`Exchange` values, or from a live run."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO
from urllib.parse import urlsplit

import requests
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from citeaudit.errors import InputError
from citeaudit.warc._headers import _cut_headers, _decoded_headers, _reason_for
from citeaudit.warc.exchange import Exchange

_SOFTWARE = "citeaudit (https://pypi.org/project/citeaudit/)"


def _warc_date(when: datetime) -> str:
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return datetime_to_iso_date(when, use_micros=True)


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
