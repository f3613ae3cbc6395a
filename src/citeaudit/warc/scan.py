"""Scanning a capture: every record read to its end and checked whole before use."""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import attrs
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException
from warcio.timeutils import iso_date_to_datetime

from citeaudit.errors import InputError
from citeaudit.warc._headers import _DEFAULT_PORTS

_READ_CHUNK = 64 * 1024


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


def _record_date(record: Any) -> datetime:
    value = record.rec_headers.get_header("WARC-Date")
    return iso_date_to_datetime(value).replace(tzinfo=UTC) if value else datetime.now(UTC)
