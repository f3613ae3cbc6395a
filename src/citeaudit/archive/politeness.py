"""Per-archive politeness: an interval set for an archive by name spaces all of its hosts.

``--archive-interval wayback=5`` (or ``[archive_interval]`` in
``citeaudit.toml``) becomes per-host intervals of the one shared session
(:attr:`citeaudit.config.HttpConfig.host_intervals`), so look-ups, replays and
snapshot fetches to that archive's hosts are all spaced by it.  The Internet
Archive's own default (3 s: :data:`citeaudit.http.DEFAULT_HOST_INTERVALS`)
applies until an interval is set; setting a shorter one is the user's call
(their own mirror, say), and the Archive's 429s are still honoured.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import attrs

from citeaudit.archive.registry import KNOWN, ArchiveSpec, parse_specs
from citeaudit.archive.wayback import NAME as WAYBACK
from citeaudit.config import Config
from citeaudit.errors import ConfigError

WAYBACK_HOSTS = ("archive.org", "web.archive.org")
"""The Internet Archive's hosts citeaudit asks (the availability interface, CDX, replay)."""


def hosts_of(spec: ArchiveSpec) -> tuple[str, ...]:
    """The hosts requests to an archive go to."""
    if spec.timemap_prefix is None:
        return WAYBACK_HOSTS
    hosts = {urlsplit(p).hostname for p in (spec.timemap_prefix, spec.timegate_prefix) if p}
    return tuple(sorted(h for h in hosts if h))


def with_archive_intervals(config: Config) -> Config:
    """``config`` with each archive's interval laid over its hosts' intervals."""
    if not config.archive_intervals:
        return config
    configured = {spec.name: spec for spec in parse_specs(config.archives)}
    intervals = dict(config.http.host_intervals)
    for name, seconds in config.archive_intervals.items():
        spec = configured.get(name) or KNOWN.get(name.lower())
        if spec is None:
            known = ", ".join(sorted({*configured, *KNOWN}))
            raise ConfigError(f"archive interval for unknown archive {name!r} (known: {known})")
        if seconds < 0:
            raise ConfigError(f"archive interval for {name} must be at least 0, got {seconds:g}")
        for host in hosts_of(spec):
            intervals[host] = float(seconds)
    return attrs.evolve(config, http=attrs.evolve(config.http, host_intervals=intervals))


__all__ = ["WAYBACK", "WAYBACK_HOSTS", "hosts_of", "with_archive_intervals"]
