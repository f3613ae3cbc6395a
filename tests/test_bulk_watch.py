"""One timer per exchange keeps both limits of a timeout per read: a stall, and the deadline.

The bulk client guards each exchange with a single :class:`Watch` instead of an
``asyncio.timeout`` around every read; these prove that progress keeps a slow
answer alive past the stall limit, that silence does not, that the deadline
still ends a drip that never stalls, and that a cancellation from elsewhere
stays the caller's.
"""

from __future__ import annotations

import asyncio

import pytest
import requests

from citeaudit.net.bulk import BulkClient, bulk_of
from citeaudit.net.bulk.watch import Fired, Watch
from citeaudit.net.deadline import DeadlineExceeded
from tests.support.web import LoopbackWeb


async def _guarded(watch_at: float, limit: float, body: object) -> Fired | str:
    """Run ``body(watch)`` under a fresh watch: what stopped it, or ``"done"``."""
    loop = asyncio.get_running_loop()
    watch = Watch(loop.time() + watch_at, limit)
    try:
        await body(watch)  # type: ignore[operator]
    except asyncio.CancelledError as exc:
        fired = watch.stopped(exc)
        if fired is None:
            raise
        return fired
    finally:
        watch.close()
    return "done"


def test_a_read_that_gets_nothing_within_the_limit_is_a_stall() -> None:
    async def silent(watch: Watch) -> None:
        watch.reading()
        await asyncio.sleep(30)

    assert asyncio.run(_guarded(30.0, 0.2, silent)) is Fired.STALL


def test_reads_that_keep_making_progress_outlive_the_limit_until_the_deadline() -> None:
    async def drip(watch: Watch) -> None:
        while True:  # each read gets its byte well within the limit
            watch.reading()
            await asyncio.sleep(0.02)

    # Ten stall limits go by before the deadline: only the deadline may end it.
    assert asyncio.run(_guarded(2.0, 0.2, drip)) is Fired.DEADLINE


def test_progress_that_ends_before_the_deadline_finishes_unhindered() -> None:
    async def slow_but_steady(watch: Watch) -> None:
        for _ in range(20):  # 0.4 s in all, twice the limit
            watch.reading()
            await asyncio.sleep(0.02)

    assert asyncio.run(_guarded(30.0, 0.2, slow_but_steady)) == "done"


def test_no_stall_is_counted_while_no_read_is_under_way() -> None:
    async def connecting(watch: Watch) -> None:
        watch.reading()
        watch.pause()  # a new connection, under its own timeout
        await asyncio.sleep(0.5)

    assert asyncio.run(_guarded(30.0, 0.2, connecting)) == "done"


def test_a_cancellation_from_elsewhere_is_not_taken_for_the_watchs() -> None:
    async def main() -> None:
        async def silent(watch: Watch) -> None:
            watch.reading()
            await asyncio.sleep(30)

        task = asyncio.create_task(_guarded(30.0, 10.0, silent))
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())


def test_a_watch_must_be_made_inside_a_task() -> None:
    with pytest.raises(RuntimeError):
        Watch(0.0, 1.0)


def _get(loopback_web: LoopbackWeb, path: str, **config: object) -> object:
    """What the bulk client's ``get`` of ``path`` returned or raised."""
    with loopback_web.session(retries=0, **config) as session:
        spec = bulk_of(session)
        assert spec is not None
        client = BulkClient(session, spec)
        try:
            return client.submit(client.get(loopback_web.url(path))).exception(timeout=60)
        finally:
            client.close()


def test_the_bulk_client_reads_a_drip_until_the_deadline_not_the_read_timeout(
    loopback_web: LoopbackWeb,
) -> None:
    # A byte every 0.1 s: no read waits 0.5 s, so only the 2 s deadline ends it.
    raised = _get(loopback_web, "/drip?watch=1", read_timeout=0.5, deadline=2.0)
    assert isinstance(raised, DeadlineExceeded)


def test_the_bulk_client_calls_a_head_that_never_ends_a_read_timeout(
    loopback_web: LoopbackWeb,
) -> None:
    # Header lines every 0.1 s, but the head as a whole must come within the read timeout.
    raised = _get(loopback_web, "/drip-headers?watch=1", read_timeout=0.5, deadline=20.0)
    assert isinstance(raised, requests.exceptions.ReadTimeout)
    assert not isinstance(raised, DeadlineExceeded)
