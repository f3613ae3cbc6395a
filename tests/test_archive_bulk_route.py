"""An audit's archive requests on the bulk client: the same answers as through requests."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest

from citeaudit.archive._http import over_bulk, send
from citeaudit.archive.interface import Problem
from citeaudit.archive.lookup import Batch
from citeaudit.archive.memento import MementoArchive
from citeaudit.config import HttpConfig
from citeaudit.errors import NetworkError, PolicyRefused
from citeaudit.net.session import make_session
from tests.support.echo import serve

HTTP = HttpConfig(allow_private=True, retries=0, per_host_interval=0.0, deadline=10.0)
PAGE = "http://news.example/story"
ACCESS = dt.date(2024, 6, 28)


class _Archive(http.server.BaseHTTPRequestHandler):
    """A Memento archive of one page: its nearest memento redirects, the next is the page."""

    protocol_version = "HTTP/1.1"
    seen: ClassVar[list[tuple[str, str, str | None]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, status: int, headers: dict[str, str], body: bytes = b"") -> None:
        type(self).seen.append((self.command, self.path, self.headers.get("Accept")))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path == f"/timemap/link/{PAGE}":
            body = (f'<{PAGE}>; rel="original",\n'
                    f'<{base}/web/20240627000000/{PAGE}>; rel="memento"; '
                    'datetime="Thu, 27 Jun 2024 00:00:00 GMT",\n'
                    f'<{base}/web/20240620000000/{PAGE}>; rel="memento"; '
                    'datetime="Thu, 20 Jun 2024 00:00:00 GMT"\n').encode()
            self._answer(200, {"Content-Type": "application/link-format"}, body)
        elif self.path == f"/web/20240627000000/{PAGE}":
            # A capture of a redirect: it replays as one, and is never the page.
            self._answer(302, {"Location": "/elsewhere",
                               "Memento-Datetime": "Thu, 27 Jun 2024 00:00:00 GMT"})
        elif self.path == f"/web/20240620000000/{PAGE}":
            self._answer(200, {"Content-Type": "text/html",
                               "Memento-Datetime": "Thu, 20 Jun 2024 00:00:00 GMT"},
                         b"<html><body><p>The story.</p></body></html>")
        else:
            self._answer(404, {"Content-Type": "text/plain"}, b"no")

    do_HEAD = do_GET


@pytest.fixture
def archive() -> Iterator[str]:
    _Archive.seen = []
    yield from serve(_Archive)


def _lookup(archive: str, routed: bool, ask=None, backend_type: type = MementoArchive):  # type: ignore[no-untyped-def]
    """What ``ask(backend)`` gives (the snapshots of PAGE), through requests or routed."""
    ask = ask or (lambda backend: list(backend.snapshots(PAGE, ACCESS, limit=2)))
    session = make_session(HTTP)
    backend = backend_type(session, HTTP, timemap_prefix=f"{archive}/timemap/link/")
    try:
        if not routed:
            return ask(backend)
        with over_bulk(session):
            def refuse(*args: object, **kwargs: object) -> None:
                raise AssertionError("a plain archive request went through requests")

            session.request = refuse  # type: ignore[method-assign]
            return ask(backend)
    finally:
        session.close()


def test_a_memento_look_up_on_the_bulk_client_finds_what_requests_finds(archive):
    through_requests = _lookup(archive, routed=False)
    asked_by_requests = list(_Archive.seen)
    _Archive.seen.clear()
    assert _lookup(archive, routed=True) == through_requests
    # The same requests: the TimeMap asked for as link-format, each memento probed by a
    # HEAD that does not follow the redirect a capture of a redirect replays as.
    assert _Archive.seen == asked_by_requests
    assert _Archive.seen[0] == ("GET", f"/timemap/link/{PAGE}", "application/link-format")
    assert [path for method, path, _ in _Archive.seen if method == "HEAD"] == [
        f"/web/20240627000000/{PAGE}", f"/web/20240620000000/{PAGE}"]
    [snapshot] = through_requests
    assert snapshot.status == 200 and "20240620000000" in snapshot.url


def test_the_guard_still_refuses_an_address_on_the_bulk_route(archive):
    session = make_session(HttpConfig(retries=0))  # loopback not allowed
    try:
        with over_bulk(session), pytest.raises(PolicyRefused):
            send(session, "GET", f"{archive}/timemap/link/{PAGE}", archive="local",
                 timeout=(HttpConfig().connect_timeout, HttpConfig().read_timeout))
    finally:
        session.close()


def test_a_request_the_bulk_client_cannot_send_as_asked_goes_through_requests(archive):
    session = make_session(HTTP)
    calls: list[str] = []
    original = session.request

    def counted(method: str, url: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(method)
        return original(method, url, *args, **kwargs)

    session.request = counted  # type: ignore[method-assign]
    timeout = (HTTP.connect_timeout, HTTP.read_timeout)
    try:
        with over_bulk(session):
            send(session, "GET", f"{archive}/timemap/link/{PAGE}", archive="local",
                 timeout=timeout)
            assert calls == []
            # Query parameters and a POST body are requests' to encode.
            send(session, "GET", f"{archive}/cdx", archive="local", timeout=timeout,
                 params={"url": PAGE})
            send(session, "POST", f"{archive}/save", archive="local", timeout=timeout,
                 data={"url": PAGE})
        assert calls == ["GET", "POST"]
    finally:
        session.close()


PATIENT = HttpConfig(allow_private=True, retries=0, deadline=60.0, read_timeout=60.0)
"""Deadlines far off: only an abort can end a request in time."""


@pytest.fixture
def silent() -> Iterator[tuple[str, threading.Event]]:
    """A server that takes each request and answers nothing until the test is over;
    its base URL and an event set once it was asked."""
    asked, release = threading.Event(), threading.Event()

    class Silent(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            asked.set()
            release.wait(60)

    server = serve(Silent)
    try:
        yield next(server), asked
    finally:
        release.set()
        next(server, None)


@pytest.mark.parametrize("ending", ["the session is aborted", "the run ends"])
def test_a_bulk_archive_request_in_flight_ends_at_once_when(ending, silent):
    base, asked = silent
    patient = PATIENT
    session = make_session(patient)
    failure: list[BaseException] = []

    def ask() -> None:
        try:
            send(session, "GET", f"{base}/timemap/link/{PAGE}", archive="local",
                 timeout=(patient.connect_timeout, patient.read_timeout))
        except BaseException as exc:  # the test reads what it was
            failure.append(exc)

    try:
        with over_bulk(session):
            asking = threading.Thread(target=ask)
            asking.start()
            assert asked.wait(20)
            if ending == "the session is aborted":
                session.abort()  # type: ignore[attr-defined]
                asking.join(20)
                assert not asking.is_alive()
        # Leaving the block stopped the client's loop: no caller is left waiting on it.
        asking.join(20)
        assert not asking.is_alive()
        assert len(failure) == 1 and isinstance(failure[0], NetworkError)
    finally:
        session.close()


def _batch_lookup(archive: str, routed: bool, backend_type: type = MementoArchive):  # type: ignore[no-untyped-def]
    keys = [(PAGE, ACCESS), (PAGE, dt.date(2024, 6, 1)), (f"{PAGE}/gone", ACCESS)]
    return _lookup(archive, routed, lambda backend: Batch([backend]).lookup_many(keys),
                   backend_type)


def test_a_batch_of_memento_look_ups_on_the_bulk_loop_finds_what_threads_find(archive):
    by_threads = _batch_lookup(archive, routed=False)
    asked_by_threads = sorted(_Archive.seen)
    _Archive.seen.clear()
    on_loop = _batch_lookup(archive, routed=True)
    assert on_loop == by_threads
    # The same requests in any order, but each once: PAGE is cited with two dates, and its
    # two look-ups share one TimeMap and one probe of each memento.
    assert sorted(_Archive.seen) == sorted(set(asked_by_threads))
    timemap = ("GET", f"/timemap/link/{PAGE}", "application/link-format")
    assert asked_by_threads.count(timemap) == 2 and _Archive.seen.count(timemap) == 1
    found = on_loop[(PAGE, ACCESS)]
    assert [s.status for s in found.snapshots] == [200] and not found.failures
    assert on_loop[(f"{PAGE}/gone", ACCESS)].snapshots == ()


def test_a_backend_that_answers_look_ups_its_own_way_is_still_asked_its_way(archive):
    asked: list[str] = []

    class Own(MementoArchive):
        def snapshots(self, url, near=None, *, limit=1):  # type: ignore[no-untyped-def]
            asked.append(url)
            return []

    found = _batch_lookup(archive, routed=True, backend_type=Own)
    assert sorted(asked) == sorted([PAGE, PAGE, f"{PAGE}/gone"])
    assert all(lookup.snapshots == () for lookup in found.values())


def test_a_batch_on_the_bulk_loop_ends_when_the_session_is_aborted(silent):
    base, asked = silent
    session = make_session(PATIENT)
    backend = MementoArchive(session, PATIENT, timemap_prefix=f"{base}/timemap/link/")
    keys = [(f"{PAGE}/{n}", ACCESS) for n in range(6)]
    heard: list[object] = []
    try:
        with over_bulk(session):
            batch = threading.Thread(target=lambda: heard.append(Batch([backend]).lookup_many(
                keys, workers=2)))
            batch.start()
            assert asked.wait(20)
            session.abort()  # type: ignore[attr-defined]
            batch.join(20)
            assert not batch.is_alive()
        [lookups] = heard
        assert set(lookups) == set(keys)  # type: ignore[arg-type]
        for lookup in lookups.values():  # type: ignore[attr-defined]
            assert lookup.snapshots == ()
            assert [f.problem for f in lookup.failures] in ([Problem.NETWORK_ERROR],
                                                           [Problem.SKIPPED])
    finally:
        session.close()
