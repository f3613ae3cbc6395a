"""The session every network call of citeaudit goes through, and how it is built."""

from __future__ import annotations

import hashlib
import weakref
from collections import Counter, OrderedDict
from collections.abc import Iterator, Mapping
from typing import Any

import requests
from requests.adapters import BaseAdapter
from requests.cookies import RequestsCookieJar, merge_cookies
from requests.sessions import merge_hooks
from requests.structures import CaseInsensitiveDict

from citeaudit.config import HttpConfig
from citeaudit.errors import ConfigError, NetworkError
from citeaudit.net.adapter import BOUNDED_ENCODINGS, PoliteAdapter
from citeaudit.net.bulk.client import BulkSpec
from citeaudit.net.deadline import Deadline, current_deadline, enter_deadline, leave_deadline
from citeaudit.net.guard import GuardedAdapter
from citeaudit.net.throttle import Throttle
from citeaudit.netguard import AddressGuard, Resolver, system_resolver

__all__ = ["PoliteSession", "RedirectLoop", "make_session"]

_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"


class RedirectLoop(requests.exceptions.TooManyRedirects):
    """A redirect chain came back to a URL it had already visited twice."""


# --- the session -----------------------------------------------------------------------------


class PoliteSession(requests.Session):
    """A :class:`requests.Session` whose every call obeys one :class:`HttpConfig`."""

    def __init__(self, config: HttpConfig | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.config = config or HttpConfig()
        self.max_redirects = self.config.max_redirects
        # Proxies from the environment would connect on our behalf, out of the guard's sight.
        self.trust_env = False
        self.headers.update(
            {
                "User-Agent": self.config.user_agent,
                "Accept": _ACCEPT,
                # Only what can be decoded within the size cap (requests would offer br).
                "Accept-Encoding": ", ".join(BOUNDED_ENCODINGS),
                "Accept-Language": "en;q=0.9, *;q=0.5",
            }
        )
        self._active: weakref.WeakSet[Deadline] = weakref.WeakSet()
        self._aborted = False
        self.recorder: Any = None
        self.bulk: BulkSpec | None = None
        """Set by :func:`make_session` on a live session the bulk client may answer for
        (:mod:`citeaudit.net.bulk`); ``None`` sends every request through requests."""

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        """Like :meth:`requests.Session.request`, within the config's total deadline."""
        if self._aborted:
            raise NetworkError("the session was aborted")
        if current_deadline() is not None:  # nested (e.g. through a cache layer)
            return super().request(method, url, *args, **kwargs)
        deadline = enter_deadline(self.config.deadline)
        self._active.add(deadline)
        try:
            return super().request(method, url, *args, **kwargs)
        finally:
            leave_deadline(deadline)

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        """As requests prepares it; a plain call skips requests' general merging.

        A plain call (no body, parameters, auth or cookies of its own, on a session
        without any either, as every call of citeaudit is) gets the same prepared
        request for a fraction of the CPU: on a link check requests' merging of
        settings is a good part of the cost of a request.
        """
        if self.trust_env or self.params or self.auth is not None or not _plain(request):
            return super().prepare_request(request)
        headers = CaseInsensitiveDict(self.headers)
        headers.update(request.headers)
        for key in [k for k, v in headers.items() if v is None]:
            del headers[key]  # as requests' merge: None unsets a session header
        cookies = merge_cookies(RequestsCookieJar(), self.cookies)
        prepared = requests.PreparedRequest()
        # PreparedRequest.prepare's steps, less the two that find nothing to do here:
        # an empty jar adds no Cookie header, a URL without "@" carries no credentials.
        prepared.prepare_method(str(request.method).upper())
        prepared.prepare_url(request.url, None)
        prepared.prepare_headers(headers)
        if len(cookies):
            prepared.prepare_cookies(cookies)
        else:
            prepared._cookies = cookies
        prepared.prepare_body(None, None, None)
        if "@" in (prepared.url or ""):
            prepared.prepare_auth(None, prepared.url)
        prepared.prepare_hooks(merge_hooks(request.hooks, self.hooks))
        return prepared

    def merge_environment_settings(
        self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any
    ) -> dict[str, Any]:
        """As requests merges them; without proxies or the environment, without the merging."""
        if self.trust_env or proxies or self.proxies:
            return super().merge_environment_settings(url, proxies, stream, verify, cert)
        return {
            "proxies": OrderedDict(),
            "stream": self.stream if stream is None else stream,
            "verify": self.verify if verify is None else verify,
            "cert": self.cert if cert is None else cert,
        }

    def resolve_redirects(
        self, resp: requests.Response, req: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> Iterator[Any]:
        """Follow redirects as requests does, stopping at a loop."""
        seen = Counter([resp.url])
        chain = [resp]
        for item in super().resolve_redirects(resp, req, *args, **kwargs):
            url = getattr(item, "url", None)
            seen[url] += 1
            if seen[url] > 2 and isinstance(item, requests.Response):
                item.history = chain  # the whole chain, for the caller's report
                raise RedirectLoop(f"redirect loop at {url}", response=item)
            chain.append(item)
            yield item

    def abort(self) -> None:
        """Stop every call in flight at once (Ctrl-C); later calls raise until :meth:`resume`."""
        self._aborted = True
        for deadline in list(self._active):
            deadline.expire()

    def resume(self) -> None:
        """Accept calls again after :meth:`abort`."""
        self._aborted = False

    def close(self) -> None:
        super().close()
        if self.recorder is not None:
            self.recorder.close()
            self.recorder = None


def _plain(request: requests.Request) -> bool:
    """Whether ``request`` carries nothing of its own to merge but headers (and hooks)."""
    return (
        not request.files
        and not request.data
        and request.json is None
        and not request.params
        and request.auth is None
        and not request.cookies
        and isinstance(request.headers, Mapping)
    )


def make_session(
    config: HttpConfig | None = None,
    *,
    resolver: Resolver | None = None,
    transport: BaseAdapter | None = None,
) -> requests.Session:
    """The session every network call of citeaudit uses.

    ``resolver`` replaces DNS (``(host, port) -> [ip, ...]``), e.g.
    :func:`citeaudit.netguard.static_resolver` for tests.  ``transport`` answers
    every request in place of the network (a ``requests`` adapter: a stand-in
    web, as ``examples/ankasam/build_capture.py`` uses to write its capture);
    politeness waits are skipped for it, recording still happens.  With ``config.replay``
    every request is answered from the WARC capture and nothing touches the
    network; with ``config.record`` every exchange (each hop and retry) is written
    to a WARC.  Close the session when done so the capture is flushed.

    Bodies are read (up to ``max_bytes``) before a response is returned, so
    ``stream=True`` gives the same preloaded ``content``; ``response.truncated``
    says whether the body was cut.  A URL refused by the address guard raises
    :class:`~citeaudit.errors.PolicyRefused`; other failures raise requests'
    exceptions (a passed deadline is :class:`DeadlineExceeded`, a ``Timeout``).
    """
    config = config or HttpConfig()
    try:
        guard = AddressGuard.from_policy(config.allow_private, config.allowed_networks)
    except ValueError as exc:
        raise ConfigError(f"bad allowed network: {exc}") from exc
    session: PoliteSession
    if config.cache_path is not None and config.replay is None:
        session = _cached_session(config)
    else:
        session = PoliteSession(config)
    inner: BaseAdapter
    throttle: Throttle | None
    if transport is not None:
        inner, throttle = transport, None
    elif config.replay is not None:
        from citeaudit.warc import ReplayAdapter

        # Replayed answers obey the same address policy as live ones.
        inner, throttle = ReplayAdapter(config.replay, guard), None
    else:
        pool = max(config.per_host_concurrency, 1)
        inner, throttle = (
            GuardedAdapter(guard, resolver or system_resolver, pool),
            Throttle(config),
        )
    if config.record is not None:
        from citeaudit.warc import WarcRecorder

        session.recorder = WarcRecorder(config.record)
    adapter = PoliteAdapter(inner, config, throttle, session.recorder)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    if (
        transport is None
        and config.replay is None
        and config.record is None
        and config.cache_path is None
        and throttle is not None
    ):
        # What the bulk client needs to answer a link check for this session.
        session.bulk = BulkSpec(guard, resolver or system_resolver, throttle, adapter)
    return session


def _policy_key_fn(config: HttpConfig) -> Any:
    """The cache-key function for ``config``'s address policy.

    The cache answers before the address guard is asked, so an answer obtained
    under a looser policy (``--allow-private``, allowed networks) is filed under
    a key of its own and never reaches a run with a stricter one.
    """
    from requests_cache import create_key

    if not config.allow_private and not config.allowed_networks:
        return create_key
    policy = "all" if config.allow_private else ",".join(sorted(config.allowed_networks))
    tag = hashlib.sha256(policy.encode()).hexdigest()[:16]

    def key_fn(**kwargs: Any) -> str:
        return f"{create_key(**kwargs)}-policy-{tag}"

    return key_fn


def _cached_session(config: HttpConfig) -> PoliteSession:
    from requests_cache import CacheMixin

    class CachedPoliteSession(CacheMixin, PoliteSession):  # type: ignore[misc]
        """A polite session with an on-disk cache that keeps only successes."""

    assert config.cache_path is not None
    config.cache_path.mkdir(parents=True, exist_ok=True)
    return CachedPoliteSession(  # type: ignore[no-any-return]
        cache_name=str(config.cache_path / "http-cache.sqlite"),
        backend="sqlite",
        expire_after=config.cache_expire,
        # Errors, rate limits and temporary redirects are asked again next run.
        allowable_codes=(200, 203, 300, 301, 308),
        allowable_methods=("GET", "HEAD"),
        key_fn=_policy_key_fn(config),
        config=config,
    )
