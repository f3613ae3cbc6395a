"""Archive look-ups under the session's policy: refused addresses and the Archive's limits.

A refusal by the address guard is a :class:`~citeaudit.errors.PolicyRefused`,
not a requests exception: every archive path must still turn it into a
:class:`LookupFailure` (or a save result, or citeaudit's own error), never a
traceback.  Every refused address here is on loopback, refused before any
connection is opened, so nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator

import pytest
import responses

from citeaudit.archive import (
    Batch,
    MementoArchive,
    Problem,
    Snapshot,
    WaybackArchive,
    fetch_snapshot,
    lookup_snapshots,
)
from citeaudit.archive.save import SaveOutcome, SavePageNow
from citeaudit.archive.wayback import CDX_URL
from citeaudit.config import Config, HttpConfig
from citeaudit.errors import PolicyRefused
from citeaudit.http import make_session

ACCESS = dt.date(2024, 6, 28)
PAGE = "https://www.kyivpost.com/post/34571"
INTRANET_ARCHIVE = "http://127.0.0.1:9"
"""An archive on an address the default policy refuses (loopback); port 9 is never reached."""


def test_an_archive_on_a_refused_address_is_a_network_failure_not_a_traceback():
    config = Config(http=HttpConfig(), archives=(f"{INTRANET_ARCHIVE}/timemap/link/",))

    [result] = lookup_snapshots([(PAGE, ACCESS)], config)

    assert result.snapshots == ()
    [failure] = result.failures
    assert failure.problem is Problem.NETWORK_ERROR
    assert "refused 127.0.0.1" in failure.message and "loopback" in failure.message


def test_a_wayback_server_on_a_refused_address_is_a_network_failure():
    with make_session(HttpConfig()) as session:
        wayback = WaybackArchive(
            session,
            cdx_url=f"{INTRANET_ARCHIVE}/cdx/search/cdx",
            availability_url=f"{INTRANET_ARCHIVE}/wayback/available",
        )
        result = Batch([wayback]).lookup(PAGE, ACCESS)
    assert [(f.archive, f.problem) for f in result.failures] == [
        ("wayback", Problem.NETWORK_ERROR)
    ]
    assert not result.complete


def test_fetching_a_snapshot_on_a_refused_address_raises_citeaudits_error():
    snapshot = Snapshot(
        url=f"{INTRANET_ARCHIVE}/web/20240620101512/{PAGE}",
        original=PAGE,
        datetime=dt.datetime(2024, 6, 20, 10, 15, 12, tzinfo=dt.UTC),
        archive="intranet",
    )
    with pytest.raises(PolicyRefused, match="loopback"):
        fetch_snapshot(snapshot, Config(http=HttpConfig()))


def test_save_page_now_on_a_refused_address_is_a_failed_save():
    with make_session(HttpConfig()) as session:
        spn = SavePageNow(session, save_url=f"{INTRANET_ARCHIVE}/save", sleep=lambda s: None)
        result = spn.save(PAGE)
    assert result.outcome is SaveOutcome.FAILED
    assert "loopback" in result.message


class _TimeMapHandler(http.server.BaseHTTPRequestHandler):
    """An allowed archive whose TimeMap points at mementos on a refused address."""

    protocol_version = "HTTP/1.1"
    memento_host = "127.0.0.2"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        original = self.path.split("/timemap/link/", 1)[1]
        body = (
            f'<{original}>; rel="original",\n'
            f"<http://{self.memento_host}:{port}/web/20240620101512/{original}>; "
            'rel="memento"; datetime="Thu, 20 Jun 2024 10:15:12 GMT"\n'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/link-format")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def timemap_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _TimeMapHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/timemap/link/"
    server.shutdown()
    server.server_close()


def test_mementos_on_a_refused_address_are_a_network_failure(timemap_server: str):
    only_the_archive = HttpConfig(allowed_networks=("127.0.0.1/32",))  # not 127.0.0.2
    with make_session(only_the_archive) as session:
        archive = MementoArchive(session, only_the_archive, timemap_prefix=timemap_server)
        result = Batch([archive]).lookup(PAGE, ACCESS)
    assert result.snapshots == ()
    [failure] = result.failures
    assert failure.problem is Problem.NETWORK_ERROR
    assert "127.0.0.2" in failure.message


# --- the Internet Archive's limits, whatever session is passed in ----------------------------


class _Waits(list):
    """Records the waits the session asks for and skips them on a shifted clock."""

    def __init__(self, monotonic) -> None:
        super().__init__()
        self._monotonic = monotonic
        self._skipped = 0.0

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        self._skipped += max(seconds, 0.0)

    def now(self) -> float:
        return self._monotonic() + self._skipped

    @property
    def waited(self) -> float:
        """All the time waited: the session sleeps in short slices, so Ctrl-C is not held."""
        return sum(self)


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> _Waits:
    import time

    recorded = _Waits(time.monotonic)
    monkeypatch.setattr(time, "sleep", recorded)
    monkeypatch.setattr(time, "monotonic", recorded.now)
    return recorded


def _two_cdx_lookups(http: HttpConfig) -> None:
    responses.get(CDX_URL, json=[])
    with make_session(http) as session:
        wayback = WaybackArchive(session, http)
        wayback.snapshots(PAGE, ACCESS)
        wayback.snapshots("https://www.ukrinform.net/rubric-polytics/3871-talks.html", ACCESS)


@responses.activate
def test_a_session_from_a_plain_config_spaces_archive_requests_3_seconds_apart(waits):
    _two_cdx_lookups(HttpConfig())
    assert len(responses.calls) == 2
    assert waits.waited == pytest.approx(3.0, abs=0.2)


@responses.activate
def test_the_users_interval_for_the_archive_wins_over_the_default(waits):
    _two_cdx_lookups(HttpConfig(host_intervals={"archive.org": 0.5}))
    assert 0.3 < waits.waited <= 0.5


@responses.activate
def test_a_slower_general_interval_is_not_made_faster_by_the_archive_default(waits):
    _two_cdx_lookups(HttpConfig(per_host_interval=5.0))
    assert waits.waited == pytest.approx(5.0, abs=0.2)


@responses.activate
def test_other_hosts_keep_the_general_interval(waits):
    responses.get("https://www.kyivpost.com/post/34571", body="<html></html>")
    with make_session(HttpConfig()) as session:
        session.get(PAGE)
        session.get(PAGE)
    assert waits.waited <= HttpConfig().per_host_interval
