"""Damaged and malformed captures: said so in one line, naming the record; never replayed as whole.

Every capture here is written by the test from a few readable exchanges, then
damaged the way files really are: cut off mid-record (a killed ``--record``,
a full disk, a partial download), emptied, or written by a tool that got the
status line or the target URI wrong.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from citeaudit.cli import main
from citeaudit.config import HttpConfig
from citeaudit.errors import InputError
from citeaudit.http import make_session
from citeaudit.warc import Exchange, iter_exchanges, write_exchanges

WHEN = datetime(2024, 6, 28, 9, 30, tzinfo=UTC)
SMALL = "https://news.example/brief"
LONG = "https://news.example/2024/06/long-report"
# Numbered lines: readable, and they do not compress to nothing, so a cut lands mid-body.
LONG_BODY = "".join(f"<p>Line {i}: the council met on day {i % 28 + 1}.</p>\n" for i in range(8000))


def _capture(path: Path) -> bytes:
    write_exchanges(
        path,
        [
            Exchange(SMALL, 200, {"Content-Type": "text/html"}, b"<p>Brief.</p>", WHEN),
            Exchange(LONG, 200, {"Content-Type": "text/html"}, LONG_BODY.encode(), WHEN),
        ],
    )
    return path.read_bytes()


def _record_bounds(data: bytes) -> list[tuple[str, int, int]]:
    """(type, start, end) of every record of an intact capture."""
    bounds = []
    records = ArchiveIterator(io.BytesIO(data))
    for record in records:
        start = records.get_record_offset()
        bounds.append((record.rec_type, start, start + records.get_record_length()))
    return bounds


def _replay(path: Path):
    return make_session(HttpConfig(replay=path))


def test_an_empty_capture_is_refused_as_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.warc\.gz is empty: it holds no WARC records"):
        _replay(empty)


def test_a_capture_cut_mid_record_is_refused_naming_the_record(tmp_path: Path) -> None:
    data = _capture(tmp_path / "whole.warc.gz")
    kind, start, end = _record_bounds(data)[3]
    assert kind == "response"
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: (start + end) // 2])

    with pytest.raises(InputError) as caught:
        _replay(cut)
    message = str(caught.value)
    assert "\n" not in message
    assert f"record 4 (response {LONG}, at byte {start})" in message
    assert "cut short" in message
    with pytest.raises(InputError, match="record 4"):
        list(iter_exchanges(cut))


def test_a_capture_cut_in_its_last_record_headers_is_refused(tmp_path: Path) -> None:
    data = _capture(tmp_path / "whole.warc.gz")
    kind, start, end = _record_bounds(data)[-1]
    assert kind == "request"
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: start + (end - start) // 3])

    with pytest.raises(InputError, match=rf"record 5 \(at byte {start}\): .*cut short"):
        _replay(cut)


def test_a_capture_cut_in_a_gzip_trailer_is_refused_though_the_body_is_whole(
    tmp_path: Path,
) -> None:
    data = _capture(tmp_path / "whole.warc.gz")
    _kind, _start, end = _record_bounds(data)[3]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: end - 4])  # the member's CRC and length are gone

    with pytest.raises(InputError, match=r"record 4 .*gzip member is cut short"):
        _replay(cut)


def test_an_intact_capture_still_replays(tmp_path: Path) -> None:
    path = tmp_path / "whole.warc.gz"
    _capture(path)
    with _replay(path) as session:
        response = session.get(LONG)
    assert response.text == LONG_BODY
    assert not response.truncated


def _hand_written(path: Path, url: str, status_line: str) -> None:
    """A capture from another tool: one response record with the given target and status."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(b"<p>Hello</p>"),
            length=12,
            http_headers=StatusAndHeaders(
                status_line, [("Content-Type", "text/html")], protocol="HTTP/1.1"
            ),
        )
        writer.write_record(record)


@pytest.mark.parametrize(
    ("url", "status_line", "why"),
    [
        (SMALL, "2OO OK", "bad HTTP status line '2OO OK'"),
        (SMALL, "999 Whatever", "bad HTTP status line '999 Whatever'"),
        (SMALL, "", "bad HTTP status line"),
        ("http://[news.example/brief", "200 OK", "bad target URI 'http://\\[news.example/brief'"),
        ("http:///brief", "200 OK", "bad target URI 'http:///brief': not an http\\(s\\) URL"),
        ("http://news.example:99999/", "200 OK", "bad target URI"),
    ],
)
def test_a_malformed_record_is_an_input_error_naming_it(
    tmp_path: Path, url: str, status_line: str, why: str
) -> None:
    path = tmp_path / "other-tool.warc.gz"
    _hand_written(path, url, status_line)
    with pytest.raises(InputError, match=rf"record 1 \(response .*\): {why}"):
        _replay(path)


def test_the_command_line_says_what_is_damaged_in_one_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _capture(tmp_path / "whole.warc.gz")
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) // 2])

    status = main(["links", LONG, "--replay", str(cut)])

    err = capsys.readouterr().err
    assert status == 2
    assert "Traceback" not in err
    assert err.count("\n") == 1 and "record 4" in err
