"""Fixture plugin: a real pywb web archive on loopback, fed with WARCs the tests write.

``pywb_archive`` (session-scoped, started once) serves one collection, ``web``,
holding the captures listed in :data:`CAPTURES` — readable rows turned into a
WARC file at start-up, indexed, and replayed by pywb's own ``wayback`` server
bound to 127.0.0.1.  It stands for any Memento archive: TimeMaps at
``/web/timemap/link/URL``, a TimeGate at ``/web/URL``, mementos at
``/web/TIMESTAMP/URL``.

``archive_session`` is a session for archive tests: the shared session
factory's politeness with test-sized waits, loopback allowed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
import requests

from citeaudit.config import HttpConfig
from tests.support.children import die_with_parent

COLLECTION = "web"

REPORT = "https://example.org/report"
"""Two page captures (20 June, 3 July 2024) with a redirect and a 404 capture between."""
LATER_ONLY = "https://example.org/later-only"
"""A 404 capture before the access date and one page capture after it."""
NEVER_A_PAGE = "https://example.org/moved"
"""Only a redirect capture and an error capture: never a page."""
NOT_ARCHIVED = "https://example.org/never-archived"


@attrs.frozen
class Capture:
    """One captured HTTP response, as the WARC will hold it."""

    url: str
    date: dt.datetime
    status: int
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)
    body: bytes = b""


def _day(y: int, m: int, d: int) -> dt.datetime:
    return dt.datetime(y, m, d, 10, 0, 0, tzinfo=dt.UTC)


CAPTURES = (
    Capture(REPORT, _day(2024, 6, 20), 200,
            body=b"<html><head><title>Annual report</title></head>"
                 b"<body><p>Exports grew by 12 percent in 2023.</p></body></html>"),
    Capture(REPORT, _day(2024, 6, 25), 301,
            headers=(("Location", "https://example.org/reports/2023"),)),
    Capture(REPORT, _day(2024, 6, 27), 404, body=b"<html><body>Not found</body></html>"),
    Capture(REPORT, _day(2024, 7, 3), 200,
            body=b"<html><head><title>Annual report</title></head>"
                 b"<body><p>Exports grew by 11 percent in 2023 (revised).</p></body></html>"),
    Capture(LATER_ONLY, _day(2024, 6, 21), 404, body=b"<html><body>Not found</body></html>"),
    Capture(LATER_ONLY, _day(2024, 7, 3), 200,
            body=b"<html><head><title>Published later</title></head><body>Text</body></html>"),
    Capture(NEVER_A_PAGE, _day(2024, 6, 20), 302,
            headers=(("Location", "https://example.org/"),)),
    Capture(NEVER_A_PAGE, _day(2024, 6, 26), 500, body=b"Internal Server Error"),
)


@attrs.frozen
class PywbArchive:
    """A running pywb: where it listens and how to reach its collection."""

    base_url: str
    root: Path

    @property
    def timemap_prefix(self) -> str:
        """The MemGator-style TimeMap prefix of the collection."""
        return f"{self.base_url}/{COLLECTION}/timemap/link/"

    @property
    def timegate_prefix(self) -> str:
        return f"{self.base_url}/{COLLECTION}/"


def write_warc(path: Path, captures: tuple[Capture, ...] = CAPTURES) -> None:
    """Write ``captures`` as WARC response records (through citeaudit's own WARC writer)."""
    from citeaudit.warc import Exchange, write_exchanges

    write_exchanges(path, [
        Exchange(url=c.url, status=c.status, headers=list(c.headers), body=c.body, date=c.date)
        for c in captures
    ])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


@contextlib.contextmanager
def running_pywb(root: Path, captures: tuple[Capture, ...]) -> Iterator[PywbArchive]:
    """Write ``captures`` to a WARC under ``root``, index it, and serve it with pywb."""
    archive = root / "collections" / COLLECTION / "archive"
    indexes = root / "collections" / COLLECTION / "indexes"
    archive.mkdir(parents=True)
    indexes.mkdir()
    write_warc(archive / "captures.warc.gz", captures)
    subprocess.run(
        [_bin("cdx-indexer"), "--cdxj", "--sort", "-o", str(indexes / "index.cdxj"), str(archive)],
        check=True, capture_output=True, timeout=60,
    )
    # framed replay would answer 200 with a frame page for every memento, hiding its status
    (root / "config.yaml").write_text("framed_replay: false\nenable_memento: true\n")
    port = _free_port()
    log = (root / "pywb.log").open("wb")
    process = subprocess.Popen(
        [_bin("wayback"), "--bind", "127.0.0.1", "--port", str(port), "--threads", "4"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONWARNINGS": "ignore"}, preexec_fn=die_with_parent,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url, process, root / "pywb.log")
        yield PywbArchive(base_url, root)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def pywb_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PywbArchive]:
    """A pywb instance on 127.0.0.1 replaying :data:`CAPTURES`; stopped after the session."""
    with running_pywb(tmp_path_factory.mktemp("pywb"), CAPTURES) as archive:
        yield archive


def _wait_until_up(base_url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"pywb exited early:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            requests.get(f"{base_url}/{COLLECTION}/", timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError(f"pywb did not answer within 30 s:\n{log.read_text(errors='replace')}")


TEST_HTTP = HttpConfig(
    allow_private=True, retries=2, backoff=0.01, max_retry_after=0.05,
    per_host_interval=0.0, deadline=20.0,
    host_intervals={"archive.org": 0.0},  # the faked Internet Archive needs no 3 s spacing
)
"""Archive tests' network settings: loopback allowed, retries kept, waits test-sized."""


@pytest.fixture
def archive_session():
    """A session from the shared factory with :data:`TEST_HTTP`, closed afterwards."""
    from citeaudit.http import make_session

    session = make_session(TEST_HTTP)
    yield session
    session.close()
