"""The one place the archive backends call ``requests``: errors are translated here.

Within :func:`over_bulk` (an audit's run), a session's plain ``GET`` and ``HEAD``
requests to archives (TimeMaps, memento probes, captures) go by the bulk client
of :mod:`citeaudit.net.bulk` instead, on its event loop: the same guard on every
hop, the same throttle, deadline and body cap, at about half requests' CPU per
request.  Everything else (a ``POST``, query parameters, a recording, replaying
or caching session) goes through requests as before.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import json
import threading
import weakref
from collections.abc import Awaitable, Callable, Coroutine, Generator, Iterator
from typing import Any, TypeVar

import attrs
import requests

from citeaudit.errors import ArchiveError, ArchiveRateLimited, CiteauditError, NetworkError


def send(
    session: requests.Session,
    method: str,
    url: str,
    *,
    archive: str,
    timeout: tuple[float, float],
    **kwargs: Any,
) -> requests.Response:
    """Make one request to an archive; a 429 (after the session's own retries) raises.

    The session does the polite part (interval, backoff, ``Retry-After``);
    this only turns what is left into citeaudit's errors: only
    :class:`~citeaudit.errors.ArchiveError` (and ``ArchiveRateLimited``) or
    :class:`~citeaudit.errors.NetworkError` (with its ``PolicyRefused`` and
    ``ReplayMiss``) leave here.
    """
    kwargs.setdefault("allow_redirects", False)
    route = _routes.get(session)
    try:
        if route is not None and route.takes(method, timeout, kwargs):
            response = route.fetch(method, url, kwargs)
        else:
            response = session.request(method, url, timeout=timeout, **kwargs)
    except CiteauditError:
        raise  # the shared session already speaks our language (policy, replay miss)
    except (requests.RequestException, OSError, ValueError) as exc:
        raise _error(exc, archive, url) from exc
    return _answered(response, archive, url)


def _error(exc: Exception, archive: str, url: str) -> CiteauditError:
    """What a failed request to an archive is, in citeaudit's words."""
    if isinstance(exc, requests.exceptions.RetryError):
        # urllib3 gave up retrying; for archives that is almost always a run of 429s
        if "429" in str(exc) or "too many" in str(exc).lower():
            return ArchiveRateLimited(f"{archive}: rate limited (HTTP 429) for {url}")
        return ArchiveError(f"{archive}: gave up after retries for {url}: {exc}")
    if isinstance(exc, requests.Timeout | requests.ConnectionError):
        return NetworkError(f"{archive}: could not reach {url}: {_short(exc)}")
    if isinstance(exc, requests.RequestException):
        return ArchiveError(f"{archive}: request failed for {url}: {_short(exc)}")
    # e.g. a malformed URL below requests' own checks
    return NetworkError(f"{archive}: could not ask {url}: {_short(exc)}")


def _answered(response: Any, archive: str, url: str) -> Any:
    """The response, unless it is a 429 the session's own retries did not get past."""
    if response.status_code == 429:
        from citeaudit.http import parse_retry_after

        limited = ArchiveRateLimited(f"{archive}: rate limited (HTTP 429) for {url}")
        limited.retry_after = parse_retry_after(  # type: ignore[attr-defined]
            response.headers.get("Retry-After"))
        raise limited
    return response


# --- look-ups written as the requests they make ------------------------------------------------

T = TypeVar("T")


@attrs.frozen
class Request:
    """One request a backend's :data:`Steps` asks :func:`send` to make."""

    method: str
    url: str
    headers: dict[str, str] | None = None
    allow_redirects: bool = False
    stream: bool = False

    def key(self) -> tuple[Any, ...]:
        """What makes two requests the same request."""
        return (self.method, self.url, tuple(sorted((self.headers or {}).items())),
                self.allow_redirects, self.stream)

    def options(self) -> dict[str, Any]:
        """The keyword arguments :func:`send` is given for it."""
        out: dict[str, Any] = {"allow_redirects": self.allow_redirects}
        if self.headers is not None:
            out["headers"] = self.headers
        if self.stream:
            out["stream"] = True
        return out


Steps = Generator[Request, Any, T]
"""A look-up as the requests it makes: each is yielded and answered (the response is sent
back in, or the error :func:`send` raised is thrown in); what it returns is the result."""


def drive(session: requests.Session, archive: str, timeout: tuple[float, float],
          steps: Steps[T]) -> T:
    """Run ``steps`` here, each request by :func:`send`."""
    async def here(request: Request) -> Any:  # never suspends: sent on this thread
        return send(session, request.method, request.url, archive=archive, timeout=timeout,
                    **request.options())

    running = _run(steps, here)
    try:
        running.send(None)
    except StopIteration as finished:
        return finished.value  # type: ignore[no-any-return]
    running.close()
    raise RuntimeError("a look-up run on its own thread waited on a loop")  # cannot happen


async def drive_on_loop(session: requests.Session, archive: str, timeout: tuple[float, float],
                        steps: Steps[T], *,
                        shared: dict[tuple[Any, ...], asyncio.Future[Any]] | None = None) -> T:
    """Run ``steps`` on the loop of ``session``'s bulk route (:func:`loop_runner`).

    Each request is what :func:`send` would make of it, errors translated the
    same way; one the bulk client cannot send as asked goes through requests on
    the loop's default executor.  Look-ups given the same ``shared`` make each
    request once between them (one TimeMap for a URL cited with two dates).
    """
    route = _routes.get(session)

    async def on_loop(request: Request) -> Any:
        if shared is None:
            return await _send_on_loop(route, session, request, archive, timeout)
        answer = shared.get(request.key())
        if answer is None:
            answer = shared[request.key()] = asyncio.ensure_future(
                _send_on_loop(route, session, request, archive, timeout))
        return await answer

    return await _run(steps, on_loop)


async def _run(steps: Steps[T], fetch: Callable[[Request], Awaitable[Any]]) -> T:
    """Answer each request ``steps`` yields by ``fetch``, until they return their result."""
    try:
        request = next(steps)
        while True:
            try:
                answer = await fetch(request)
            except Exception as exc:  # handed to the steps, which may recover from it
                request = steps.throw(exc)
            else:
                request = steps.send(answer)
    except StopIteration as finished:
        return finished.value  # type: ignore[no-any-return]


async def _send_on_loop(route: _Route | None, session: requests.Session, request: Request,
                        archive: str, timeout: tuple[float, float]) -> Any:
    options = request.options()
    if route is None or not route.takes(request.method, timeout, options):
        call = functools.partial(send, session, request.method, request.url, archive=archive,
                                 timeout=timeout, **options)
        return await asyncio.get_running_loop().run_in_executor(None, call)
    try:
        response = await route.fetch_on_loop(request.method, request.url, options)
    except CiteauditError:
        raise
    except (requests.RequestException, OSError, ValueError) as exc:
        raise _error(exc, archive, request.url) from exc
    return _answered(response, archive, request.url)


def loop_runner(session: requests.Session) -> Any:
    """``run(coroutine)`` on ``session``'s bulk route, waited for here; ``None`` unrouted.

    An aborted session ends the coroutine: ``run`` then raises ``NetworkError``.
    """
    route = _routes.get(session)
    return route.run if route is not None else None


def json_body(response: requests.Response, *, archive: str) -> Any:
    """The response's JSON, or an :class:`ArchiveError` naming the archive."""
    try:
        return response.json()
    except ValueError as exc:
        kind = response.headers.get("Content-Type", "unknown type")
        status = response.status_code
        raise ArchiveError(
            f"{archive}: expected JSON from {response.url}, got {kind} (HTTP {status})"
        ) from exc


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:197] + "..."


# --- the bulk route ---------------------------------------------------------------------------


class _Route:
    """A session's archive requests on a bulk client, each one waited for by its caller."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self._lock = threading.Lock()
        self._calls: set[concurrent.futures.Future[Any]] = set()
        self._closed = False

    def takes(self, method: str, timeout: tuple[float, float], kwargs: dict[str, Any]) -> bool:
        """Whether the bulk client sends this request exactly as requests would."""
        config = self.client.config
        return (
            method in ("GET", "HEAD")
            and set(kwargs) <= {"allow_redirects", "headers", "stream"}
            and tuple(timeout) == (config.connect_timeout, config.read_timeout)
            and all(isinstance(v, str) for v in (kwargs.get("headers") or {}).values())
        )

    def fetch(self, method: str, url: str, kwargs: dict[str, Any]) -> _Answer:
        return _Answer(self.run(self._get(method, url, kwargs)))

    async def fetch_on_loop(self, method: str, url: str, kwargs: dict[str, Any]) -> _Answer:
        """:meth:`fetch` for a coroutine already on the client's loop."""
        if self._closed:
            raise NetworkError("the session was aborted")
        return _Answer(await self._get(method, url, kwargs))

    def _get(self, method: str, url: str, kwargs: dict[str, Any]) -> Coroutine[Any, Any, Any]:
        # ``stream`` needs nothing: the body is read under the cap either way, and closing
        # the answer (as a streamed one is closed) has nothing left to release.
        return self.client.get(url, method=method, headers=kwargs.get("headers") or None,
                               follow=bool(kwargs["allow_redirects"]))

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run ``coroutine`` on the client's loop and wait for it; ended by :meth:`expire`."""
        with self._lock:
            if self._closed:  # a caller still asking once the run ended (interrupted)
                coroutine.close()
                raise NetworkError("the session was aborted")
            future = self.client.submit(coroutine)
            self._calls.add(future)
        try:
            return future.result()
        except concurrent.futures.CancelledError as exc:
            raise NetworkError("the session was aborted") from exc
        finally:
            with self._lock:
                self._calls.discard(future)

    def expire(self) -> None:
        """What the session's ``abort()`` calls: every request in flight ends now."""
        with self._lock:
            calls = list(self._calls)
        for future in calls:
            future.cancel()

    def close(self) -> None:
        """Take no more requests, end those in flight, and stop the client's loop.

        A request left on a stopped loop would never answer, and its caller
        would wait for ever: every one still waiting is cancelled first.
        """
        with self._lock:
            self._closed = True
        self.expire()
        self.client.close()


_routes: weakref.WeakKeyDictionary[requests.Session, _Route] = weakref.WeakKeyDictionary()


@contextlib.contextmanager
def over_bulk(session: requests.Session) -> Iterator[None]:
    """Send ``session``'s plain archive requests by a bulk client until the block ends.

    Nothing changes for a session the bulk client may not answer for (see
    :func:`citeaudit.net.bulk.bulk_of`), or one already routed.
    """
    from citeaudit.net.bulk import BulkClient, bulk_of

    spec = bulk_of(session)
    if spec is None or session in _routes:
        yield
        return
    route = _Route(BulkClient(session, spec))
    active = getattr(session, "_active", None)
    _routes[session] = route
    if active is not None:
        active.add(route)  # the session's abort() ends these requests too
    try:
        yield
    finally:
        del _routes[session]
        if active is not None:
            active.discard(route)
        route.close()


class _Answer:
    """A bulk answer in the shape the archive backends read of a ``requests.Response``.

    The bulk response already has the status, headers, body, ``ok`` and
    ``is_redirect``; only what requests does differently is written here.
    """

    def __init__(self, response: Any) -> None:
        self._response = response

    @property
    def text(self) -> str:
        """The body decoded as requests decodes it when the type names its charset, or is
        ``text/*`` (ISO-8859-1); else UTF-8, which link-format and JSON are (RFC 6690, 8259)."""
        kind = self._response.headers.get("Content-Type") or ""
        charset = requests.utils.get_encoding_from_headers({"content-type": kind}) or "utf-8"
        try:
            return self._response.content.decode(charset, errors="replace")
        except LookupError:
            return self._response.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body as JSON (``ValueError`` if it is not)."""
        return json.loads(self._response.content)

    def close(self) -> None:
        """Nothing to release: the body was read (under the cap) and the connection handled."""

    def __getattr__(self, name: str) -> Any:
        # Everything else (status, headers, url, content, history, ok, is_redirect,
        # truncated, peer_address) is the bulk response's own.
        return getattr(self._response, name)
