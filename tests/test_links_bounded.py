"""The link check takes its URLs lazily and holds at most ``max_pending`` of them.

A watch run feeds one check every due URL of the run; when the caller (the
page workers) is slower than the network, the answered pages must wait in a
bounded queue, not pile up.  Both paths are run: the bulk client (a live
session) and the requests threads (a session with a response hook).
"""

from __future__ import annotations

import gc
import http.server
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest

from citeaudit.config import HttpConfig
from citeaudit.errors import ConfigError
from citeaudit.http import make_session
from citeaudit.links import LinkResult, Outcome, iter_check_links
from citeaudit.links.one import Awaiting
from citeaudit.net.bulk import bulk_of
from citeaudit.netguard import static_resolver

FAST_HOSTS = [f"h{i}.bound.test" for i in range(20)]
SLOW_HOST = "slow.bound.test"
PAGE = (
    b"<!doctype html><html><head><title>Harbour budget %d</title></head><body>"
    b"<article><h1>Harbour budget %d approved</h1>"
    + b"<p>The council approved the harbour budget after a long debate.</p>" * 20
    + b"</article></body></html>"
)


class _Farm(http.server.ThreadingHTTPServer):
    daemon_threads = True
    release_slow: threading.Event

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: thousands of requests on a few connections
    server: _Farm

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        host = (self.headers.get("Host") or "").partition(":")[0]
        if host == SLOW_HOST:
            # Held until the test has seen every other host's answer (or gives up).
            self.server.release_slow.wait(30)
        number = self.path.rpartition("/")[2]
        if self.path.startswith("/p/") and number.isdigit():
            body = PAGE.replace(b"%d", number.encode())
            status = 200
        else:
            body, status = b"<html><body>Not found</body></html>", 404
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def farm() -> Iterator[_Farm]:
    server = _Farm(("127.0.0.1", 0), _Handler)
    server.release_slow = threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release_slow.set()
        server.shutdown()
        server.server_close()
        thread.join()


def _session(farm: _Farm, path: str, **changes: object):
    config = HttpConfig(
        allowed_networks=("127.0.0.0/8",), deadline=40.0, connect_timeout=5.0,
        read_timeout=35.0, backoff=0.05, retries=1, per_host_interval=0.0, **changes,
    )
    hosts = {name: "127.0.0.1" for name in [*FAST_HOSTS, SLOW_HOST]}
    session = make_session(config, resolver=static_resolver(hosts))
    if path == "threads":
        # Only requests calls hooks: the check goes through the threads.
        session.hooks["response"].append(lambda r, *a, **k: None)
        assert bulk_of(session) is None
    else:
        assert bulk_of(session) is not None
    return session


def _url(farm: _Farm, host: str, n: int) -> str:
    return f"http://{host}:{farm.server_port}/p/{n}"


def _held() -> int:
    """Answered bodies alive now, in results and in answers waiting for their folder's probe.

    The walk keeps the interpreter lock from start to end: ``gc.get_objects()``
    hands out tuples a worker thread is still building, and a worker resuming
    while the walk's list holds one fails in CPython's tuple resize
    (``SystemError: bad argument to internal function``).  With no thread
    switch until the list is gone, no worker ever sees its tuple shared.
    """
    gc.collect()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1_000.0)
    try:
        objects = gc.get_objects()
        bodies = {
            id(o.body) if isinstance(o, LinkResult) else id(o.response.content)
            for o in objects
            if (isinstance(o, LinkResult) and o.body) or isinstance(o, Awaiting)
        }
        del objects
    finally:
        sys.setswitchinterval(interval)
    return len(bodies)


@pytest.mark.parametrize("path", ["bulk", "threads"])
def test_a_slow_consumer_holds_the_check_to_max_pending_urls_and_bodies(
    farm: _Farm, path: str
) -> None:
    total, bound = 10_000, 100
    taken = 0
    received = 0
    peak = 0

    def urls() -> Iterator[str]:
        nonlocal taken, peak
        for n in range(total):
            taken += 1
            peak = max(peak, taken - received)
            yield _url(farm, FAST_HOSTS[n % len(FAST_HOSTS)], n)

    seen: Counter[str] = Counter()
    held: list[int] = []
    before = _held()
    with _session(farm, path, global_concurrency=16) as session:
        for result in iter_check_links(urls(), session=session, max_pending=bound):
            received += 1
            seen[result.url] += 1
            assert result.outcome is Outcome.OK, result
            if received % 2_000 == 0:
                # The caller is slow here: the workers run ahead until the bound stops them.
                time.sleep(0.5)
                held.append(_held() - before)
            del result
    assert taken == total
    assert len(seen) == total and set(seen.values()) == {1}
    assert peak <= bound
    assert held and max(held) <= bound
    # The bound was reached (the check ran ahead while the caller slept), so it was tested.
    assert peak == bound


@pytest.mark.parametrize("path", ["bulk", "threads"])
def test_a_stalled_host_does_not_hold_up_the_other_hosts(farm: _Farm, path: str) -> None:
    farm.release_slow.clear()
    urls = [
        _url(farm, SLOW_HOST if n % 10 == 0 else FAST_HOSTS[n % len(FAST_HOSTS)], 20_000 + n)
        for n in range(240)
    ]
    slow = {u for u in urls if SLOW_HOST in u}
    order: list[str] = []
    try:
        with _session(farm, path, global_concurrency=8, per_host_concurrency=2) as session:
            for result in iter_check_links(urls, session=session, max_pending=40):
                order.append(result.url)
                if len(order) == len(urls) - len(slow):
                    farm.release_slow.set()  # every other host has answered: let it go
    finally:
        farm.release_slow.set()
    assert sorted(order) == sorted(urls)
    # Every other host's URL came back while the stalled host still held its answers.
    assert not slow & set(order[: len(urls) - len(slow)])


def test_a_url_given_twice_is_taken_once_and_counts_once_against_the_bound(farm: _Farm) -> None:
    given = [_url(farm, FAST_HOSTS[n % 3], 30_000 + n % 7) for n in range(70)]
    with _session(farm, "bulk") as session:
        results = list(iter_check_links(given, session=session, max_pending=1))
    assert sorted(r.url for r in results) == sorted(set(given))


def test_a_bound_below_one_is_refused(farm: _Farm) -> None:
    with _session(farm, "bulk") as session, pytest.raises(ConfigError, match="max_pending"):
        list(iter_check_links([_url(farm, FAST_HOSTS[0], 1)], session=session, max_pending=0))
