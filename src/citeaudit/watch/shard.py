"""Split a run's URLs into shards by registrable domain, for checking on many workers.

Politeness is per host, and a site's hosts (``www.``, ``m.``, ``static.``)
usually share one operator and often one server.  A shard is a set of whole
registrable domains (``example.co.uk`` for ``news.example.co.uk``, by the
Public Suffix List), so every host is only ever fetched by the one worker
checking its shard, and each worker's own throttle keeps the run polite
without talking to the others.

The list is the snapshot bundled with ``tldextract``, read from disk and never
refreshed over the network at run time; its ICANN section only, so one
operator's user sites (``*.github.io``) stay in one shard and meet one
throttle.  A name under no listed suffix follows the list's default rule
(``*``: the last label is the suffix), and an IP address is its own domain.
"""

from __future__ import annotations

import functools
import heapq
import ipaddress
from collections.abc import Iterable
from typing import Any

import attrs

__all__ = ["Shard", "host_of", "registrable_domain", "shard_rows"]


@functools.cache
def _extractor() -> Any:
    import tldextract

    # No URLs to refresh from and no cache directory: the bundled snapshot, offline.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def host_of(url: str) -> str:
    """The lower-cased host of ``url`` (no user info, no port), or ``""`` if it has none."""
    netloc = url.partition("//")[2].partition("/")[0].partition("?")[0].partition("#")[0]
    host = netloc.rpartition("@")[2].lower()
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.partition(":")[0].rstrip(".")


def registrable_domain(host: str) -> str:
    """The registrable domain of ``host``: the part its owner registered under a public suffix."""
    bare = host.strip("[]")
    try:
        ipaddress.ip_address(bare)
    except ValueError:
        pass
    else:
        return bare
    parts = _extractor()(host)
    if parts.suffix:
        # The host is itself a public suffix (``co.uk``): it is its own domain.
        return parts.top_domain_under_public_suffix or host
    # Under no listed suffix, the list's default rule makes the last label the suffix.
    return ".".join(host.split(".")[-2:])


@attrs.frozen
class Shard:
    """URLs of whole registrable domains, checked together by one worker."""

    index: int
    domains: tuple[str, ...]
    rows: tuple[tuple[int, str, bool], ...]
    """(URL id, URL, never checked before), as :meth:`WatchStore.pending` gives them."""

    @property
    def urls(self) -> list[str]:
        """The shard's URLs, in the order given."""
        return [url for _, url, _ in self.rows]


def shard_rows(rows: Iterable[tuple[int, str, bool]], count: int) -> list[Shard]:
    """At most ``count`` shards of ``rows``, whole domains each, balanced by URL count.

    Largest domain first into the lightest shard (LPT): a shard is never more
    than one domain heavier than it has to be.  A domain too large for any
    balance sets the run's politeness floor whatever the sharding.  Empty shards
    are dropped; the order is deterministic for the same rows.
    """
    by_domain: dict[str, list[tuple[int, str, bool]]] = {}
    for row in rows:
        host = host_of(row[1].strip())
        by_domain.setdefault(registrable_domain(host) if host else "", []).append(row)
    ordered = sorted(by_domain.items(), key=lambda item: (-len(item[1]), item[0]))
    heap: list[tuple[int, int]] = [(0, i) for i in range(max(1, min(count, len(ordered))))]
    members: list[list[str]] = [[] for _ in heap]
    for domain, domain_rows in ordered:
        load, i = heapq.heappop(heap)
        members[i].append(domain)
        heapq.heappush(heap, (load + len(domain_rows), i))
    return [
        Shard(i, tuple(domains), tuple(r for d in domains for r in by_domain[d]))
        for i, domains in enumerate(members)
        if domains
    ]

