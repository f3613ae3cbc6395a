"""The polite, guarded HTTP session, against the loopback web."""

from __future__ import annotations

import http.server
import itertools
import select
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

import citeaudit.http
import citeaudit.net.deadline
import citeaudit.net.throttle
from citeaudit.config import DEFAULT_USER_AGENT, HttpConfig
from citeaudit.errors import ConfigError, PolicyRefused
from citeaudit.http import DeadlineExceeded, RedirectLoop, make_session, parse_retry_after
from citeaudit.links import check_links
from citeaudit.warc import Exchange, write_exchanges
from tests.support.echo import serve
from tests.support.web import LoopbackWeb


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every address the session opens a TCP connection to."""
    seen: list[str] = []
    real = socket.create_connection

    def spy(address, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(address[0])
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", spy)
    return seen


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata", "/to-lan", "/to-intranet"])
def test_redirect_to_a_private_address_is_refused_before_connecting(
    loopback_web: LoopbackWeb, connects: list[str], path: str
) -> None:
    with loopback_web.session() as session, pytest.raises(PolicyRefused):
        session.get(loopback_web.url(path))
    assert connects and all(a.startswith("127.") for a in connects)


def test_a_name_resolving_to_any_private_address_is_refused(
    loopback_web: LoopbackWeb, connects: list[str]
) -> None:
    def rebinding(host: str, port: int) -> list[str]:
        return ["127.0.0.1", "10.9.9.9"]

    session = make_session(loopback_web.config(), resolver=rebinding)
    with session, pytest.raises(PolicyRefused, match=r"10\.9\.9\.9"):
        session.get(loopback_web.url("/politics/harbour-budget-approved"))
    assert connects == []


def test_loopback_is_refused_by_default(loopback_web: LoopbackWeb, connects: list[str]) -> None:
    session = make_session(HttpConfig(), resolver=loopback_web.resolver)
    with session, pytest.raises(PolicyRefused, match="loopback"):
        session.get(loopback_web.url("/politics/harbour-budget-approved"))
    assert connects == []


def test_session_sends_a_truthful_user_agent(loopback_web: LoopbackWeb) -> None:
    with loopback_web.session() as session:
        session.get(loopback_web.url("/politics/harbour-budget-approved?ua=1"))
    headers = loopback_web.last_headers["GET news.test/politics/harbour-budget-approved?ua=1"]
    assert headers["User-Agent"] == DEFAULT_USER_AGENT
    assert "citeaudit" in headers["User-Agent"]


def test_requests_to_one_host_keep_the_minimum_interval(loopback_web: LoopbackWeb) -> None:
    urls = [loopback_web.url(f"/politics/harbour-budget-approved?gap={i}") for i in range(4)]
    with loopback_web.session(host_intervals={"news.test": 0.3}) as session:
        check_links(urls, session=session)
    starts = sorted(t for k, ts in loopback_web.arrivals.items() if "?gap=" in k for t in ts)
    assert len(starts) == 4
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 0.25


class _LateClock:
    """``time`` for the throttle: every sleep overshoots by the next of ``lateness``."""

    def __init__(self, lateness: list[float]) -> None:
        self.now = 1000.0
        self._lateness = itertools.cycle(lateness)

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds + next(self._lateness)


@pytest.mark.parametrize("interval", [0.05, 0.02, 3.0])
def test_late_wake_ups_do_not_push_back_a_hosts_schedule(
    monkeypatch: pytest.MonkeyPatch, interval: float
) -> None:
    # Threads wake a little late on a busy machine (the GIL, the scheduler).  Measured
    # from each late start, the host's queue would drift later by every overshoot.
    clock = _LateClock([0.004, 0.0, 0.001])
    monkeypatch.setattr(citeaudit.net.throttle, "time", clock)
    monkeypatch.setattr(citeaudit.net.deadline, "time", clock)  # the interval is slept there
    throttle = citeaudit.net.throttle.Throttle(HttpConfig(per_host_interval=interval))
    deadline = citeaudit.net.deadline.Deadline(3600.0)
    starts = []
    for _ in range(30):
        gate = throttle.acquire("news.test", deadline)
        starts.append(gate.last_start)
        throttle.release(gate)
    slack = min(citeaudit.net.throttle._WAKE_SLACK, interval / 10)
    assert min(b - a for a, b in itertools.pairwise(starts)) >= interval - slack - 1e-9
    assert starts[-1] - starts[0] <= 29 * interval + 0.004 + 1e-9


def test_slow_drip_is_stopped_at_the_deadline(loopback_web: LoopbackWeb) -> None:
    with loopback_web.session(deadline=1.0) as session, pytest.raises(DeadlineExceeded):
        session.get(loopback_web.url("/drip"))


def test_endless_body_is_cut_at_max_bytes(loopback_web: LoopbackWeb) -> None:
    with loopback_web.session(max_bytes=100_000) as session:
        response = session.get(loopback_web.url("/endless"))
    assert len(response.content) == 100_000
    assert response.truncated


def test_redirect_loop_is_detected_before_the_redirect_limit(loopback_web: LoopbackWeb) -> None:
    with loopback_web.session() as session, pytest.raises(RedirectLoop) as caught:
        session.get(loopback_web.url("/loop/a"))
    assert len(caught.value.response.history) < session.max_redirects


def test_too_many_redirects_respects_the_limit(loopback_web: LoopbackWeb) -> None:
    with (
        loopback_web.session(max_redirects=1) as session,
        pytest.raises(requests.TooManyRedirects),
    ):
        session.get(loopback_web.url("/chain/1"))


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("120", 120.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None), (None, None)],
)
def test_retry_after_is_read_as_seconds_or_date(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header) == seconds


def test_retry_after_date_in_the_future() -> None:
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412480.0) == 30.0


def test_cache_serves_successes_and_asks_again_for_errors(
    loopback_web: LoopbackWeb, tmp_path: Path
) -> None:
    ok, missing = "/politics/harbour-budget-approved?cache=1", "/missing?cache=1"
    for _ in range(2):
        with loopback_web.session(cache_path=tmp_path / "cache") as session:
            assert session.get(loopback_web.url(ok)).status_code == 200
            assert session.get(loopback_web.url(missing)).status_code == 404
    assert loopback_web.count(ok) == 1
    assert loopback_web.count(missing) == 2


def test_a_recorded_run_replays_offline_with_the_same_outcomes(
    loopback_web: LoopbackWeb, tmp_path: Path
) -> None:
    capture = tmp_path / "run.warc.gz"
    paths = ["/chain/1?rec=1", "/missing?rec=1", "/soft-404?rec=1", "/rate/once?rec=1"]
    urls = [loopback_web.url(p) for p in paths]
    with loopback_web.session(record=capture) as session:
        live = check_links(urls, session=session)
    hits_before = sum(loopback_web.hits.values())
    # No resolver: no network.  The answers came from loopback, so replay needs the same
    # allowance the live run had.
    replay_config = HttpConfig(replay=capture, allowed_networks=("127.0.0.0/8",))
    with make_session(replay_config) as session:
        replayed = check_links(urls, session=session)
    assert sum(loopback_web.hits.values()) == hits_before
    assert [(r.outcome, r.status, r.final_url) for r in replayed] == [
        (r.outcome, r.status, r.final_url) for r in live
    ]
    assert [r.outcome.value for r in live] == ["redirected", "broken", "soft_404", "ok"]


def test_an_answer_recorded_from_a_private_address_is_refused_on_replay_without_allowance(
    loopback_web: LoopbackWeb, tmp_path: Path
) -> None:
    capture = tmp_path / "run.warc.gz"
    url = loopback_web.url("/politics/harbour-budget-approved?rec=policy")
    with loopback_web.session(record=capture) as session:
        assert session.get(url).status_code == 200
    with (
        make_session(HttpConfig(replay=capture)) as session,
        pytest.raises(
            PolicyRefused, match=r"refused news\.test \(resolves to 127\.0\.0\.1\): loopback"
        ),
    ):
        session.get(url)
    with make_session(HttpConfig(replay=capture, allow_private=True)) as session:
        assert session.get(url).status_code == 200


def test_a_captured_answer_for_an_address_url_obeys_the_policy_without_a_recorded_address(
    tmp_path: Path,
) -> None:
    capture = tmp_path / "old.warc.gz"
    when = datetime(2024, 6, 1, tzinfo=UTC)
    write_exchanges(capture, [Exchange("http://10.0.0.1/admin", 200, {}, b"router", when)])
    with make_session(HttpConfig(replay=capture)) as session, pytest.raises(PolicyRefused):
        session.get("http://10.0.0.1/admin")


def test_a_cached_answer_from_a_run_allowing_private_addresses_is_not_served_without_it(
    loopback_web: LoopbackWeb, tmp_path: Path
) -> None:
    url = loopback_web.url("/politics/harbour-budget-approved?cache=policy")
    with loopback_web.session(cache_path=tmp_path / "cache") as session:
        assert session.get(url).status_code == 200
    strict = HttpConfig(cache_path=tmp_path / "cache", deadline=4.0)
    with (
        make_session(strict, resolver=loopback_web.resolver) as session,
        pytest.raises(PolicyRefused),
    ):
        session.get(url)
    assert loopback_web.count("/politics/harbour-budget-approved?cache=policy") == 1


def test_a_bad_allowed_network_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="bad allowed network"):
        make_session(HttpConfig(allowed_networks=("the office",)))


class _BodyAfterHeadHandler(http.server.BaseHTTPRequestHandler):
    """A keep-alive server that, like some real ones, sends a body even to ``HEAD``."""

    protocol_version = "HTTP/1.1"
    page = b"<html><head><title>Annual report</title></head><body>Exports grew.</body></html>"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer()
        # The stray body comes a moment after the headers, as from a busy server: urllib3
        # drops a connection with bytes already waiting, but this arrives once the next
        # request is out, and a client that kept the connection reads it as the answer.
        time.sleep(0.05)
        self.wfile.write(self.page)

    def do_GET(self) -> None:
        self._answer()
        self.wfile.write(self.page)

    def _answer(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.page)))
        self.end_headers()
        self.wfile.flush()


@pytest.fixture
def body_after_head() -> Iterator[str]:
    yield from serve(_BodyAfterHeadHandler)


def test_a_get_after_a_head_to_the_same_host_gets_its_own_answer(
    loopback_web: LoopbackWeb,
) -> None:
    with loopback_web.session(per_host_concurrency=1) as session:
        head = session.head(loopback_web.url("/media/archive.zip?keepalive=1"))
        get = session.get(loopback_web.url("/politics/harbour-budget-approved?keepalive=1"))
        again = session.head(loopback_web.url("/gone?keepalive=1"))
    assert (head.status_code, head.content) == (200, b"")
    assert get.status_code == 200 and b"harbour" in get.content
    assert again.status_code == 410


def test_a_head_answer_never_leaves_its_connection_to_the_next_request(
    body_after_head: str,
) -> None:
    config = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_concurrency=1, retries=0)
    with make_session(config) as session:
        head = session.head(f"{body_after_head}/report")
        get = session.get(f"{body_after_head}/report")
    assert head.status_code == 200
    assert get.status_code == 200
    assert get.content == _BodyAfterHeadHandler.page


def test_a_patch_through_the_old_http_name_reaches_the_throttle(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    throttle = citeaudit.net.throttle.Throttle(HttpConfig(per_host_interval=0.5))
    assert throttle.interval("web.archive.org") == 3.0
    monkeypatch.setattr(citeaudit.http, "DEFAULT_HOST_INTERVALS", {})
    assert throttle.interval("web.archive.org") == 0.5
    monkeypatch.undo()
    assert throttle.interval("web.archive.org") == 3.0


def test_a_cookie_an_answer_sets_goes_with_the_redirect_and_later_calls(echo_server: str) -> None:
    config = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0)
    with make_session(config) as session:
        first = session.get(f"{echo_server}/login")
        later = session.get(f"{echo_server}/echo")
    assert [r.status_code for r in first.history] == [302]
    assert first.json()["cookie"] == "consent=yes"
    assert later.json()["cookie"] == "consent=yes"
    assert first.history[0].cookies.get("consent") == "yes" and first.cookies.get("consent") is None
    assert session.cookies.get("consent") == "yes"


def test_a_calls_own_headers_and_params_are_merged_as_requests_merges_them(
    echo_server: str,
) -> None:
    config = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0)
    with make_session(config) as session:
        plain = session.get(f"{echo_server}/echo").json()
        extra = session.get(
            f"{echo_server}/echo",
            headers={"X-Extra": "1", "Accept-Language": None},
            params={"q": "harbour budget"},
        ).json()
    assert plain == {"path": "/echo", "cookie": None, "accept_language": "en;q=0.9, *;q=0.5",
                     "x_extra": None, "authorization": None}
    assert extra == {"path": "/echo?q=harbour+budget", "cookie": None, "accept_language": None,
                     "x_extra": "1", "authorization": None}


def test_credentials_in_a_url_are_sent_as_basic_auth(echo_server: str) -> None:
    config = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0)
    with make_session(config) as session:
        seen = session.get(echo_server.replace("http://", "http://reader:secret@") + "/echo")
    assert seen.json()["authorization"] == "Basic cmVhZGVyOnNlY3JldA=="


def test_a_short_deadline_started_after_a_long_one_still_expires_first() -> None:
    # The watchdog sleeps until the earliest deadline it knows; one that comes later but
    # ends sooner must wake it, or the short call would wait out the long one.
    long = citeaudit.net.deadline.Deadline(3600.0)
    short = citeaudit.net.deadline.Deadline(0.2)
    long.start()
    watchdog = citeaudit.net.deadline._WATCHDOG
    for _ in range(1000):  # until the watchdog sleeps on the long deadline (or earlier ones)
        if watchdog._wake_at != float("-inf"):
            break
        time.sleep(0.01)
    left, right = socket.socketpair()
    try:
        short.adopt(left)
        short.start()
        readable = right.recv(1) if select.select([right], [], [], 30.0)[0] else None
        assert short.expired and not long.expired
        assert readable == b""  # the adopted socket was shut down, so its peer sees the end
    finally:
        long.finish()
        short.finish()
        left.close()
        right.close()
