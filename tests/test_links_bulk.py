"""The bulk client keeps the polite session's guarantees on the link check's fast path.

test_links.py runs every outcome on both paths and checks they agree; these
are the guarantees a difference in the client could break unseen.
"""

from __future__ import annotations

import http.server
import ipaddress
import itertools
import json
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

import citeaudit.net.throttle
from citeaudit.config import HttpConfig
from citeaudit.http import make_session
from citeaudit.links import Outcome, check_links
from citeaudit.net.bulk import bulk_of
from citeaudit.net.bulk.client import prepared_url
from tests.support import hostile
from tests.support.echo import serve
from tests.support.web import LoopbackWeb


def test_a_live_session_is_answered_by_the_bulk_client(loopback_web: LoopbackWeb) -> None:
    with loopback_web.session() as session:
        assert bulk_of(session) is not None


@pytest.mark.parametrize(
    "change",
    [
        {"record": "capture.warc.gz"},
        {"cache_path": "cache"},
    ],
)
def test_a_session_that_records_or_caches_is_answered_by_requests(
    loopback_web: LoopbackWeb, tmp_path: Path, change: dict[str, str]
) -> None:
    config = loopback_web.config(**{k: tmp_path / v for k, v in change.items()})
    with make_session(config, resolver=loopback_web.resolver) as session:
        assert bulk_of(session) is None
        [result] = check_links([loopback_web.url("/politics/harbour-budget-approved?rec=1")],
                               session=session)
    assert result.outcome is Outcome.OK
    if "record" in change:
        assert (tmp_path / change["record"]).stat().st_size > 0


def test_a_callers_response_hook_is_still_called(loopback_web: LoopbackWeb) -> None:
    heard: list[str] = []
    with loopback_web.session() as session:
        session.hooks["response"].append(lambda r, *a, **k: heard.append(r.url))
        assert bulk_of(session) is None  # only requests calls hooks
        url = loopback_web.url("/politics/harbour-budget-approved?hook=1")
        check_links([url], session=session)
    assert url in heard


def test_a_name_resolving_to_any_private_address_is_refused_before_connecting(
    loopback_web: LoopbackWeb,
) -> None:
    def rebinding(host: str, port: int) -> list[str]:
        return ["127.0.0.1", "10.9.9.9"]

    url = loopback_web.url("/politics/harbour-budget-approved?rebind=1")
    with make_session(loopback_web.config(), resolver=rebinding) as session:
        assert bulk_of(session) is not None
        [result] = check_links([url], session=session)
    assert result.outcome is Outcome.SKIPPED and "10.9.9.9" in result.reason
    assert loopback_web.count("/politics/harbour-budget-approved?rebind=1") == 0


def test_the_connection_goes_to_the_checked_address_never_to_the_name_again(
    loopback_web: LoopbackWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A rebinding name answers the guard's question with one address and the connection's
    # with another: the system resolver is asked nothing here, only the checked address.
    asked: list[str] = []
    real = socket.getaddrinfo

    def system(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            ipaddress.ip_address(host)
        except ValueError:
            asked.append(host)
            return real("10.9.9.9", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", system)
    with loopback_web.session() as session:
        [result] = check_links([loopback_web.url("/politics/harbour-budget-approved?pin=1")],
                               session=session)
    assert result.outcome is Outcome.OK and asked == []


def test_a_bulk_check_and_the_sessions_own_calls_keep_one_interval_per_host(
    loopback_web: LoopbackWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The starts the throttle grants, read on its own clock under its lock (arrival times
    # at the server would add the machine's scheduling noise).
    granted: list[tuple[float, bool]] = []
    real_turn = citeaudit.net.throttle.Throttle._turn

    def turn(self, gate, interval, spaced):  # type: ignore[no-untyped-def]
        due = real_turn(self, gate, interval, spaced)
        if due is None and spaced:
            granted.append((gate.last_start, threading.current_thread().name == "citeaudit-bulk"))
        return due

    monkeypatch.setattr(citeaudit.net.throttle.Throttle, "_turn", turn)
    urls = [loopback_web.url(f"/politics/harbour-budget-approved?shared={i}") for i in range(3)]
    with loopback_web.session(host_intervals={"news.test": 0.3}) as session:
        others = threading.Thread(target=lambda: [
            session.get(loopback_web.url(f"/politics/harbour-budget-approved?shared=s{i}"))
            for i in range(2)
        ])
        others.start()
        check_links(urls, session=session)
        others.join()
    assert sorted(bulk for _, bulk in granted) == [False, False, True, True, True]
    starts = sorted(t for t, _ in granted)
    slack = citeaudit.net.throttle._WAKE_SLACK
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 0.3 - slack


def test_a_compression_bomb_costs_the_bulk_client_about_the_cap(
    loopback_web: LoopbackWeb,
) -> None:
    cap = 1024 * 1024
    hostile.BOMBS["/bomb/gzip-gzip"][1]()  # built first: the server's bytes are not ours
    url = loopback_web.url("/bomb/gzip-gzip?bulk", host="hostile.test")
    with loopback_web.session(max_bytes=cap) as session:
        assert bulk_of(session) is not None
        tracemalloc.start()
        try:
            [result] = check_links([url], session=session)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert result.outcome is Outcome.OK and "cut at" in result.reason
    assert result.body is not None and len(result.body) == cap
    assert peak < 24 * 1024 * 1024, f"the bomb took {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize("path", ["bulk", "requests"])
def test_an_aborted_session_ends_the_requests_in_flight_as_timeouts(
    loopback_web: LoopbackWeb, path: str
) -> None:
    urls = [loopback_web.url(f"/drip?abort={path}"), loopback_web.url(f"/gone?abort={path}")]
    with loopback_web.session(deadline=60.0, read_timeout=60.0) as session:
        if path == "requests":
            session.bulk = None
        timer = threading.Timer(1.0, session.abort)
        timer.start()
        started = time.monotonic()
        results = check_links(urls, session=session)
        timer.join()
    assert time.monotonic() - started < 30  # safety bound only: a hang would take 60 s
    drip, gone = results
    assert drip.outcome is Outcome.TIMEOUT and drip.elapsed < 30
    assert gone.outcome is Outcome.BROKEN


def test_a_cookie_set_on_a_redirect_goes_with_the_next_hop_and_stays_in_the_jar(
    echo_server: str,
) -> None:
    config = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0)
    with make_session(config) as session:
        assert bulk_of(session) is not None
        [login] = check_links([f"{echo_server}/login"], session=session)
        [later] = check_links([f"{echo_server}/echo?later=1"], session=session)
    assert login.outcome is Outcome.REDIRECTED and login.redirects[0][1] == 302
    assert json.loads(login.body or b"")["cookie"] == "consent=yes"
    assert json.loads(later.body or b"")["cookie"] == "consent=yes"
    assert session.cookies.get("consent") == "yes"


def test_credentials_in_a_url_are_sent_as_basic_auth(echo_server: str) -> None:
    config = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0)
    url = echo_server.replace("http://", "http://reader:secret@") + "/echo"
    with make_session(config) as session:
        [result] = check_links([url], session=session)
    assert json.loads(result.body or b"")["authorization"] == "Basic cmVhZGVyOnNlY3JldA=="


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.2:8000/articles/story-5.html",
        "https://news.example/a/b.c/d?x=1&y=2",
        "http://A.example/x",
        "http://a.example",
        "http://a.example/./x",
        "http://a.example/x/../y",
        "http://a.example/.well-known/x",
        "http://a.example:0/",
        "http://a.example:65536/",
        "http://a.example/x%41",
        "http://a.example/x y",
        "http://a.example/é",
        "http://a.example/x#part",
        "http://bücher.example/",
        "http://a.example//x;p=1?q=~u",
    ],
)
def test_a_url_is_prepared_as_requests_prepares_it(url: str) -> None:
    from requests.models import PreparedRequest

    expected = PreparedRequest()
    try:
        expected.prepare_url(url, None)
    except Exception as exc:  # the same refusal is expected
        with pytest.raises(type(exc)):
            prepared_url(url)
        return
    assert prepared_url(url) == expected.url


def test_a_tls_page_is_fetched_by_the_bulk_client_verifying_the_certificate(
    loopback_web: LoopbackWeb,
) -> None:
    # Every other TLS case ends in an error; this one proves the bulk client completes a
    # verified handshake (SNI, the CA file given as ``verify``) and reads the answer.
    assert loopback_web.tls_cert is not None
    with loopback_web.session() as session:
        session.verify = str(loopback_web.tls_cert)
        assert bulk_of(session) is not None
        [result] = check_links([loopback_web.tls_url("/politics/harbour-budget-approved")],
                               session=session)
    # The TLS server answers every path alike, so the soft-404 probe may judge the page;
    # what matters here is that the verified exchange happened and its answer was read.
    assert result.outcome is not Outcome.TLS_ERROR, result
    assert result.status == 200
    assert result.title == "Council approves the new harbour budget"


def test_a_tls_page_with_an_untrusted_certificate_is_a_tls_error_on_the_bulk_client(
    loopback_web: LoopbackWeb,
) -> None:
    with loopback_web.session() as session:
        assert bulk_of(session) is not None
        [result] = check_links([loopback_web.tls_url("/politics/harbour-budget-approved")],
                               session=session)
    assert result.outcome is Outcome.TLS_ERROR


@pytest.mark.parametrize("path", ["bulk", "requests"])
def test_a_chain_of_too_many_content_codings_is_a_result_on_both_paths(
    loopback_web: LoopbackWeb, path: str
) -> None:
    url = loopback_web.url(f"/six-gzip?{path}", host="hostile.test")
    with loopback_web.session() as session:
        if path == "requests":
            session.bulk = None
        else:
            assert bulk_of(session) is not None
        [result] = check_links([url], session=session)
    # Could not read, as requests says it: not a dead page, and no crash of the whole check.
    assert result.outcome is Outcome.CONNECTION_ERROR
    assert "Too many content encodings" in result.reason


class _Chunked(http.server.BaseHTTPRequestHandler):
    """``/two``: a page in two chunks; ``/signed``: a chunk size with a sign, then silence."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        page = b"<html><head><title>Harbour</title></head><body><p>" + b"harbour " * 400
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if self.path == "/two":
            for piece in (page[:1000], page[1000:] + b"</p></body></html>"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.wfile.write(b"-10\r\n" + page[:16] + b"\r\n")
            self.wfile.flush()
            self.stopped.wait(30)  # type: ignore[attr-defined]


@pytest.fixture
def chunked_server() -> Iterator[str]:
    stopped = threading.Event()
    handler = type("Handler", (_Chunked,), {"stopped": stopped})
    serving = serve(handler)
    base = next(serving)
    try:
        yield base
    finally:
        stopped.set()
        next(serving, None)


def test_a_chunked_page_is_read_whole_and_a_signed_chunk_size_is_refused_at_once(
    chunked_server: str,
) -> None:
    config = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0,
                        read_timeout=20.0)
    with make_session(config) as session:
        assert bulk_of(session) is not None
        whole, signed = check_links([f"{chunked_server}/two", f"{chunked_server}/signed"],
                                    session=session)
    assert whole.outcome is Outcome.OK and whole.body is not None
    assert whole.body.endswith(b"</p></body></html>") and whole.body.count(b"harbour") == 400
    # Not read to the end of a connection the server holds open: a framing error, not a wait.
    assert signed.outcome is not Outcome.OK and signed.outcome is not Outcome.TIMEOUT
