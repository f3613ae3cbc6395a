"""Ctrl-C does not wait out a politeness interval or a Retry-After (it took up to 30 s)."""

from __future__ import annotations

import threading

import pytest
import requests

from citeaudit.config import HttpConfig
from citeaudit.errors import NetworkError
from citeaudit.http import make_session
from tests.hostile.proc import BUSY_RETRY_AFTER, HangingWeb


@pytest.fixture
def web():
    with HangingWeb().running() as running:
        yield running


def test_abort_wakes_a_call_waiting_out_a_retry_after(web):
    config = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0, retries=2,
                        deadline=120.0)
    session = make_session(config)
    outcome: list[object] = []

    def call() -> None:
        try:
            outcome.append(session.get(f"{web.base}/busy/1"))
        except (requests.RequestException, NetworkError) as exc:
            outcome.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    try:
        assert web.wait_for("/busy/1")
        session.abort()  # what an interrupted audit does
        # Far less than the Retry-After the call would otherwise sleep out (twice).
        caller.join(BUSY_RETRY_AFTER / 2)
        assert not caller.is_alive()
    finally:
        caller.join(3 * BUSY_RETRY_AFTER)
        session.close()
    assert isinstance(outcome[0], requests.Timeout), outcome
    assert web.requests.count("/busy/1") == 1  # and it did not ask again


def test_abort_wakes_a_call_waiting_for_its_turn_with_a_slow_host(web):
    # One request at a time per host, 60 s apart: the second call waits in the queue.
    config = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=60.0, retries=0,
                        deadline=300.0)
    session = make_session(config)
    outcome: list[object] = []

    def call(path: str) -> None:
        try:
            outcome.append(session.get(f"{web.base}{path}"))
        except (requests.RequestException, NetworkError) as exc:
            outcome.append(exc)

    first = threading.Thread(target=call, args=("/ok/first",))
    first.start()
    first.join(60)
    second = threading.Thread(target=call, args=("/ok/second",))
    second.start()
    try:
        second.join(1.0)  # now queued behind the 60 s interval
        session.abort()
        second.join(30)
        assert not second.is_alive()
    finally:
        second.join(120)
        session.close()
    assert "/ok/second" not in web.requests
    assert isinstance(outcome[-1], requests.RequestException | NetworkError), outcome
