"""One cited URL: fetched (a HEAD first for a large binary), read cheaply and judged.

:func:`check_one` asks through a requests session, :func:`check_one_bulk`
through the bulk client (:mod:`citeaudit.net.bulk`); both end in the same
:func:`judge`, so an answer gets one verdict whichever client fetched it.  An
answer that could be a soft 404 comes back :class:`Awaiting` its folder's
probe (:mod:`citeaudit.links.soft404`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import time
from collections.abc import Callable
from typing import Any

import attrs
import requests

from citeaudit.errors import PolicyRefused, ReplayMiss
from citeaudit.links.classify import (
    BINARY_SUFFIXES,
    Page,
    Probe,
    classify_error,
    classify_with_probe,
    classify_without_probe,
    read_page,
    validate,
)
from citeaudit.links.outcome import LinkResult, Outcome
from citeaudit.links.soft404 import ProbeCache
from citeaudit.net.bulk import BulkClient
from citeaudit.net.throttle import off_interval
from citeaudit.net.urls import split

__all__ = [
    "Awaiting",
    "bulk_probe_fetch",
    "check_one",
    "check_one_bulk",
    "failed",
    "judge",
    "probe_fetch",
]


def probe_fetch(session: requests.Session) -> Callable[[str], requests.Response]:
    """How the soft-404 probes of a check ask a made-up URL through ``session``.

    Outside the host's request interval: a bounded few extra requests (one per
    site folder) that should not push the host's real URLs back.
    """

    def fetch(url: str) -> requests.Response:
        with off_interval():
            return session.get(url)

    return fetch


def bulk_probe_fetch(client: BulkClient) -> Callable[[str], Any]:
    """:func:`probe_fetch` through the bulk client (called from a probe thread)."""

    def fetch(url: str) -> Any:
        return client.submit(client.get(url, spaced=False)).result()

    return fetch


def _chain(response: requests.Response) -> list[tuple[str, int]]:
    return [(r.url, r.status_code) for r in response.history]


def _wants_head(url: str) -> bool:
    """Whether a GET would fetch a large binary for nothing (a HEAD is asked first)."""
    suffix = _SUFFIX.search(split(url).path)
    return bool(suffix and suffix.group(0).lower() in BINARY_SUFFIXES)


_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def _head_answers(response: Any) -> bool:
    """Whether a HEAD's answer stands (else the URL is asked again with GET)."""
    return bool(response.status_code < 400 or response.status_code in (404, 410))


def _fetch(url: str, session: requests.Session) -> requests.Response:
    """HEAD where a GET would fetch a large binary for nothing, else GET."""
    if _wants_head(url):
        response = session.head(url, allow_redirects=True)
        if _head_answers(response):
            return response
    return session.get(url)


async def _fetch_bulk(url: str, client: BulkClient) -> Any:
    """:func:`_fetch` through the bulk client."""
    if _wants_head(url):
        response = await client.get(url, method="HEAD")
        if _head_answers(response):
            return response
    return await client.get(url)


_FAILURES = (requests.RequestException, PolicyRefused, ReplayMiss, OSError, ValueError)
"""What a fetch raises when the URL could not be checked (each has its outcome)."""


@attrs.frozen
class Awaiting:
    """A fetched answer whose outcome waits for its folder's probe."""

    url: str
    response: requests.Response
    page: Page | None
    started: float
    probe: concurrent.futures.Future[Probe]

    def finish(self) -> LinkResult:
        """The result, now that the probe has answered."""
        try:
            probe = self.probe.result()
        except concurrent.futures.CancelledError:
            probe = Probe(None, None, None)
        # The cues that need no probe were weighed when the answer came (they said wait).
        verdict = classify_with_probe(self.url, self.response, self.page, probe)
        return _result(self.url, self.response, self.page, self.started, verdict)


def _refused(url: str) -> LinkResult | None:
    """The result for a URL no request may be made for (bad scheme, no host …), else ``None``."""
    invalid = validate(url)
    return None if invalid is None else LinkResult(url, invalid[0], reason=invalid[1])


def check_one(
    url: str,
    session: requests.Session,
    probes: ProbeCache,
    on_answer: Callable[[str, requests.Response], None] | None = None,
) -> LinkResult | Awaiting:
    """Check one URL through ``session``: its result, or an answer awaiting its soft-404 probe."""
    started = time.monotonic()
    if (refused := _refused(url)) is not None:
        return refused
    try:
        response = _fetch(url, session)
    except _FAILURES as exc:
        return failed(url, exc, started)
    return judge(url, response, started, probes, on_answer)


async def check_one_bulk(
    url: str,
    client: BulkClient,
    probes: ProbeCache,
    on_answer: Callable[[str, requests.Response], None] | None = None,
) -> LinkResult | Awaiting:
    """:func:`check_one` through the bulk client."""
    started = time.monotonic()
    if (refused := _refused(url)) is not None:
        return refused
    try:
        response = await _fetch_bulk(url, client)
    except _FAILURES as exc:
        return failed(url, exc, started)
    if len(response.content) > _READ_ASIDE:
        # A big page is read off the loop, so the other requests keep going meanwhile.
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            None, judge, url, response, started, probes, on_answer
        )
    return judge(url, response, started, probes, on_answer)


_READ_ASIDE = 256 * 1024
"""Bodies larger than this are read and classified in a thread, not on the bulk loop."""


def failed(url: str, exc: BaseException, started: float) -> LinkResult:
    """The result of a URL whose fetch raised ``exc``."""
    outcome, reason = classify_error(url, exc)
    partial = getattr(exc, "response", None)
    return LinkResult(
        url,
        outcome,
        status=partial.status_code if partial is not None else None,
        final_url=partial.url if partial is not None else None,
        redirects=[(r.url, r.status_code) for r in partial.history]
        if partial is not None
        else [],
        elapsed=time.monotonic() - started,
        reason=reason,
    )


def judge(
    url: str,
    response: Any,
    started: float,
    probes: ProbeCache,
    on_answer: Callable[[str, requests.Response], None] | None,
) -> LinkResult | Awaiting:
    """The result of an answer, or the answer waiting for its folder's probe."""
    if on_answer is not None and 200 <= response.status_code < 300:
        on_answer(url, response)
    page = read_page(response.content or b"", response.headers.get("Content-Type"))
    verdict = classify_without_probe(url, response, page)
    if verdict is not None:
        return _result(url, response, page, started, verdict)
    # Hangs on the folder's made-up URL: the worker moves on to the next link meanwhile.
    waiting = Awaiting(url, response, page, started, probes.future(url))
    return waiting.finish() if waiting.probe.done() else waiting


def _result(
    url: str,
    response: requests.Response,
    page: Page | None,
    started: float,
    verdict: tuple[Outcome, str],
) -> LinkResult:
    outcome, reason = verdict
    truncated = bool(getattr(response, "truncated", False))
    if truncated:
        reason += f" (body cut at {len(response.content)} bytes)"
    return LinkResult(
        url,
        outcome,
        status=response.status_code,
        final_url=response.url,
        redirects=_chain(response),
        elapsed=time.monotonic() - started,
        reason=reason,
        title=page.title if page else None,
        content_type=response.headers.get("Content-Type"),
        body=response.content,
        truncated=truncated,
    )
