"""Soft-404 probes: how each site folder answers a URL that cannot exist.

A page that answers 200 may still be the site's catch-all page; comparing it
with the folder's answer to a made-up sibling URL tells (see
:func:`citeaudit.links.classify.classify`).
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import re
import threading
from collections.abc import Callable
from urllib.parse import urlunsplit

import requests

from citeaudit.errors import PolicyRefused, ReplayMiss
from citeaudit.links.classify import Probe, read_page
from citeaudit.net.urls import split

__all__ = ["ProbeCache", "probe_url"]


def probe_url(url: str) -> tuple[str, tuple[str, str, str]]:
    """A made-up sibling of ``url`` (same folder, same suffix) and the cache key of its folder."""
    key, leaf = _folder(url)
    folder = key[2]
    suffix = _SUFFIX.search(leaf)
    # Deterministic, so a replayed run asks the capture for the same probe.
    token = "citeaudit-" + hashlib.sha1("|".join(key).encode()).hexdigest()[:16]
    path = folder + token + (suffix.group(0) if suffix else "")
    parts = split(url)
    return urlunsplit((parts.scheme, parts.netloc, path, "", "")), key


_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def _folder(url: str) -> tuple[tuple[str, str, str], str]:
    """The cache key of ``url``'s folder (scheme, host and port, folder path), and its leaf."""
    parts = split(url)
    folder, _, leaf = parts.path.rpartition("/")
    return (parts.scheme.lower(), parts.netloc.lower(), folder + "/"), leaf


_REUSE_AFTER = 2
"""Folders of one host that all answered made-up URLs with a real not-found, after
which the host's other folders are taken to answer alike and are not probed."""


class ProbeCache:
    """Each folder's answer to a made-up URL, fetched once, in the background.

    A probe is asked only when a page's answer could be a soft 404, runs on its
    own small pool (so no link worker waits for it) and outside the host's
    request interval (so it does not push the host's real URLs back); it still
    takes a concurrency slot and obeys ``Retry-After``.  ``fetch(url)`` asks
    one made-up URL (the check's :func:`~citeaudit.links.one.probe_fetch`
    of its session), so this module needs nothing of the check.  Once ``_REUSE_AFTER``
    folders of a host answered made-up URLs with a real not-found, and none
    answered otherwise, the host's other folders share that answer: such a site
    has no catch-all page to mistake for an article.
    """

    def __init__(self, fetch: Callable[[str], requests.Response], workers: int) -> None:
        self._fetch = fetch
        self._lock = threading.Lock()
        self._futures: dict[tuple[str, str, str], concurrent.futures.Future[Probe]] = {}
        self._by_host: dict[tuple[str, str], list[Probe]] = {}
        self._pool = concurrent.futures.ThreadPoolExecutor(
            workers, thread_name_prefix="citeaudit-probe"
        )

    def future(self, url: str) -> concurrent.futures.Future[Probe]:
        """The answer of ``url``'s folder to a made-up sibling (started if not yet asked)."""
        # The folder is looked up first: the made-up URL (a hash) only for a folder not asked.
        key = _folder(url)[0]
        with self._lock:
            future = self._futures.get(key)
            if future is not None:
                return future
            made_up = probe_url(url)[0]
            alike = self._by_host.get(key[:2], [])
            if len(alike) >= _REUSE_AFTER and all(map(_is_not_found, alike)):
                future = concurrent.futures.Future()
                future.set_result(alike[-1])
            else:
                future = self._pool.submit(self._ask, made_up, key[:2])
            self._futures[key] = future
            return future

    def close(self) -> None:
        """Stop probes not yet started; wait for those in flight."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _ask(self, url: str, host: tuple[str, str]) -> Probe:
        try:
            response = self._fetch(url)
        except (requests.RequestException, PolicyRefused, ReplayMiss, OSError):
            return Probe(None, None, None)
        page = read_page(response.content, response.headers.get("Content-Type"))
        probe = Probe(response.status_code, response.url, page)
        with self._lock:
            self._by_host.setdefault(host, []).append(probe)
        return probe


def _is_not_found(probe: Probe) -> bool:
    return probe.status in (404, 410)


