"""One HTTP/1.1 exchange on an asyncio stream: the request out, the head and the capped body in.

The parsing follows what ``http.client`` accepts and refuses (the same errors,
so an answer is classified as on the requests path): a status line that is not
``HTTP/x.y NNN`` is ``BadStatusLine``, a header line over 64 KiB is
``LineTooLong``, more than 100 header fields is an ``HTTPException``, a body
shorter than its ``Content-Length`` is ``IncompleteRead``.  Bodies are decoded
a slice at a time with urllib3's decoders, each call bounded by what is left
of ``max_bytes``, so a compression bomb costs about the cap.  Every read is
bounded by the exchange's :class:`~citeaudit.net.bulk.watch.Watch` (its stall
limit and the call's deadline).
"""

from __future__ import annotations

import asyncio
import http.client
from collections.abc import AsyncIterator
from typing import Any

import requests
from urllib3.exceptions import DecodeError
from urllib3.response import HTTPResponse, _get_decoder

from citeaudit.net.adapter import _UNBOUNDED_ENCODINGS
from citeaudit.net.bulk.response import Headers
from citeaudit.net.bulk.watch import Watch

__all__ = [
    "MAX_LINE",
    "Head",
    "has_body",
    "header_lines",
    "read_body",
    "read_head",
    "request_bytes",
    "request_head",
]

MAX_LINE = 65536
"""Longest status or header line (``http.client._MAXLINE``)."""
_MAX_HEADERS = 100
_CHUNK = 64 * 1024
_NO_BODY_STATUSES = frozenset({204, 304})


class Head:
    """The status line and header fields of an answer."""

    __slots__ = ("fields", "headers", "reason", "status", "version")

    def __init__(self, version: str, status: int, reason: str, fields: list[tuple[str, str]]):
        self.version = version
        self.status = status
        self.reason = reason
        self.fields = fields
        self.headers = Headers(fields)

    def keeps_alive(self) -> bool:
        """Whether the server lets the connection serve another request."""
        token = (self.headers.get("Connection") or "").lower()
        if "close" in token:
            return False
        return self.version != "HTTP/1.0" or "keep-alive" in token


def request_bytes(method: str, target: str, host: str, headers: dict[str, str]) -> bytes:
    """The request head, as http.client writes it (``Host`` first)."""
    return request_head(method, target, host, header_lines(headers))


def header_lines(headers: dict[str, str]) -> str:
    """``headers`` as the lines of a request head (each ending in CRLF)."""
    return "".join(f"{name}: {value}\r\n" for name, value in headers.items())


def request_head(method: str, target: str, host: str, lines: str) -> bytes:
    """The request head with header ``lines`` (from :func:`header_lines`) after ``Host``.

    A client whose headers do not change keeps their lines: only the request
    line and ``Host`` are written anew for each request.
    """
    return f"{method} {target} HTTP/1.1\r\nHost: {host}\r\n{lines}\r\n".encode("latin-1")


async def _line(reader: asyncio.StreamReader, what: str) -> bytes:
    """One line (its end included); the caller bounds the time."""
    try:
        return await reader.readuntil(b"\n")
    except asyncio.LimitOverrunError as exc:
        raise http.client.LineTooLong(what) from exc
    except asyncio.IncompleteReadError as exc:
        return exc.partial


async def read_head(reader: asyncio.StreamReader, watch: Watch) -> Head:
    """Read a final answer's head (1xx interim answers are skipped, as http.client does).

    The whole head within the ``watch``'s stall limit (one read, as far as the
    limit goes: a head comes in one packet or two).
    """
    watch.reading()
    return await _head(reader)


async def _head(reader: asyncio.StreamReader) -> Head:
    while True:
        line = await _line(reader, "status line")
        if not line:
            raise http.client.RemoteDisconnected("Remote end closed connection without response")
        text = line.decode("latin-1")
        version, _, rest = text.rstrip("\r\n").partition(" ")
        code, _, reason = rest.strip().partition(" ")
        if not version.startswith("HTTP/") or len(code) != 3 or not code.isdigit():
            raise http.client.BadStatusLine(text)
        status = int(code)
        if status < 100:
            raise http.client.BadStatusLine(text)
        fields = await _fields(reader)
        if 100 <= status < 200 and status != 101:
            continue
        return Head(version, status, reason.strip(), fields)


async def _fields(reader: asyncio.StreamReader) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    while True:
        line = await _line(reader, "header line")
        if line in (b"\r\n", b"\n", b""):
            return fields
        if len(fields) >= _MAX_HEADERS:
            raise http.client.HTTPException(f"got more than {_MAX_HEADERS} headers")
        text = line.decode("latin-1").rstrip("\r\n")
        if text[:1] in (" ", "\t") and fields:
            name, value = fields[-1]  # an obsolete folded line continues the field before it
            fields[-1] = (name, f"{value} {text.strip()}")
            continue
        name, sep, value = text.partition(":")
        if sep:
            fields.append((name.strip(), value.strip()))


async def _raw_body(
    reader: asyncio.StreamReader, head: Head, watch: Watch
) -> AsyncIterator[bytes]:
    """The body's bytes as they are on the wire, framing removed."""
    if "chunked" in (head.headers.get("Transfer-Encoding") or "").lower():
        while True:
            watch.reading()
            line = await _line(reader, "chunk size")
            size_text = line.split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError as exc:
                raise http.client.IncompleteRead(b"") from exc
            if size < 0:  # int() takes a sign, which no chunk size has
                raise http.client.IncompleteRead(b"")
            if size == 0:
                watch.reading()
                await _fields(reader)  # trailers
                return
            async for piece in _counted(reader, size, watch):
                yield piece
            watch.reading()
            await _line(reader, "chunk end")
    left = _length(head)
    if left is not None:
        async for piece in _counted(reader, left, watch):
            yield piece
        return
    while piece := await _read(reader, _CHUNK, watch):
        yield piece


def _length(head: Head) -> int | None:
    """The body's ``Content-Length`` when it frames the body (not chunked, a valid number)."""
    if "chunked" in (head.headers.get("Transfer-Encoding") or "").lower():
        return None
    length = head.headers.get("Content-Length")
    if length is None:
        return None
    try:
        left = int(length.split(",")[0].strip())
    except ValueError:
        return None
    return left if left >= 0 else None


async def _counted(
    reader: asyncio.StreamReader, left: int, watch: Watch
) -> AsyncIterator[bytes]:
    """Exactly ``left`` bytes (a chunk, or a ``Content-Length`` body), piece by piece."""
    while left:
        piece = await _read(reader, min(left, _CHUNK), watch)
        if not piece:
            raise http.client.IncompleteRead(b"", left)
        left -= len(piece)
        yield piece


async def _read(reader: asyncio.StreamReader, size: int, watch: Watch) -> bytes:
    watch.reading()  # each read within the stall limit, however long the body takes
    return await reader.read(size)


def has_body(method: str, head: Head) -> bool:
    """Whether an answer to ``method`` carries a body to read."""
    return method != "HEAD" and head.status not in _NO_BODY_STATUSES


def _decoder(head: Head) -> Any:
    """urllib3's decoder for the answer's content coding, as urllib3 picks it (or ``None``)."""
    coding = (head.headers.get("Content-Encoding") or "").lower()
    if any(c.strip() in _UNBOUNDED_ENCODINGS for c in coding.split(",")):
        raise requests.exceptions.ContentDecodingError(
            f"content encoding {coding!r} cannot be decoded within the size cap "
            "(needs Brotli >= 1.2 or brotlicffi >= 1.2)"
        )
    known = HTTPResponse.CONTENT_DECODERS
    if coding in known:
        return _get_decoder(coding)
    if "," in coding and any(c.strip() in known for c in coding.split(",")):
        try:
            return _get_decoder(coding)
        except DecodeError as exc:  # a chain longer than urllib3 undoes: the page's fault
            raise requests.exceptions.ContentDecodingError(str(exc)) from exc
    return None


async def read_body(
    reader: asyncio.StreamReader, head: Head, cap: int, watch: Watch
) -> tuple[bytes, bool, bool]:
    """``(body, truncated, complete)``: the decoded body cut at ``cap`` bytes.

    ``complete`` says the whole answer was read off the wire (so the
    connection may serve another request).
    """
    decoder = _decoder(head)
    chunks: list[bytes] = []
    size = 0
    try:
        left = _length(head) if decoder is None else None
        if left is not None:
            # The common answer, a plain body of known length, read as _counted reads
            # it but without the two async generators the general framing goes through.
            while left:
                piece = await _read(reader, min(left, _CHUNK), watch)
                if not piece:
                    raise http.client.IncompleteRead(b"", left)
                left -= len(piece)
                chunks.append(piece)
                size += len(piece)
                if size > cap:
                    return b"".join(chunks)[:cap], True, False
            return b"".join(chunks), False, True
        async for piece in _raw_body(reader, head, watch):
            if decoder is None:
                chunks.append(piece)
                size += len(piece)
            else:
                size += _decode(decoder, piece, cap + 1 - size, chunks)
            if size > cap:
                return b"".join(chunks)[:cap], True, False
        if decoder is not None:
            tail = decoder.flush()
            chunks.append(tail)
            size += len(tail)
    except (requests.exceptions.ContentDecodingError, http.client.HTTPException):
        raise
    except (OSError, EOFError, ValueError) as exc:
        raise requests.exceptions.ContentDecodingError(exc) from exc
    body = b"".join(chunks)
    return body[:cap], size > cap, size <= cap


def _decode(decoder: Any, piece: bytes, room: int, chunks: list[bytes]) -> int:
    """Decode ``piece`` into ``chunks``, at most ``room`` bytes; the bytes added."""
    added = 0
    try:
        out = decoder.decompress(piece, max_length=max(room, 1))
        chunks.append(out)
        added += len(out)
        while added < room and decoder.has_unconsumed_tail:
            out = decoder.decompress(b"", max_length=room - added)
            if not out:
                break
            chunks.append(out)
            added += len(out)
    except requests.exceptions.ContentDecodingError:
        raise
    # What urllib3 itself counts a bad body (zlib's, brotli's and zstd's errors, as
    # installed, and its own DecodeError): anything else is our bug, not the page's fault.
    except (*HTTPResponse.DECODER_ERROR_CLASSES, DecodeError, EOFError) as exc:
        raise requests.exceptions.ContentDecodingError(
            f"Received response with content-encoding, but failed to decode it: {exc!r}"
        ) from exc
    return added
