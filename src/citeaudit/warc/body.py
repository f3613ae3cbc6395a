"""Reading one response record's body from the capture as it is consumed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from citeaudit.errors import InputError
from citeaudit.warc._headers import _WIRE_HEADERS, _decoded_headers
from citeaudit.warc.scan import _UNREADABLE, _Damaged, _Entry, _open_capture, _status_of


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
