"""Which archives to ask: names and TimeMap prefixes (``--archive``) to backends."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

import attrs
import requests

from citeaudit.archive.aggregator import TIMETRAVEL_API, AggregatedMementos, TimeTravelArchive
from citeaudit.archive.interface import ArchiveBackend
from citeaudit.archive.memento import MementoArchive
from citeaudit.archive.wayback import NAME as WAYBACK
from citeaudit.archive.wayback import WaybackArchive
from citeaudit.config import HttpConfig
from citeaudit.errors import ConfigError

MEMGATOR = "memgator"
"""``--archive memgator=URL``: a MemGator aggregator at URL."""
TIMETRAVEL = "timetravel"
"""``--archive timetravel``: the Time Travel service (``timetravel=URL`` for another)."""
NONE = "none"
"""The ``--archive`` value that disables archive look-ups."""


@attrs.frozen
class ArchiveSpec:
    """One configured archive: the Internet Archive's CDX backend or a Memento TimeMap."""

    name: str
    timemap_prefix: str | None = None
    """``None`` for the Internet Archive's own backend."""
    timegate_prefix: str | None = None
    raw_modifier: bool = False
    """Whether mementos take the Wayback ``id_`` modifier for their original bytes."""
    kind: str = "memento"
    """``wayback``, ``memento`` (one archive), ``memgator`` or ``timetravel`` (aggregators)."""


KNOWN: dict[str, ArchiveSpec] = {
    spec.name: spec
    for spec in (
        ArchiveSpec(WAYBACK, kind=WAYBACK),
        ArchiveSpec(TIMETRAVEL, TIMETRAVEL_API, kind=TIMETRAVEL),
        ArchiveSpec(
            "archive.today", "https://archive.today/timemap/", "https://archive.today/timegate/"
        ),
        ArchiveSpec("loc", "https://webarchive.loc.gov/all/timemap/link/", raw_modifier=True),
        ArchiveSpec(
            "archive-it", "https://wayback.archive-it.org/all/timemap/link/", raw_modifier=True
        ),
        ArchiveSpec(
            "ukwa", "https://www.webarchive.org.uk/wayback/archive/timemap/link/",
            raw_modifier=True,
        ),
    )
}
"""Archives known by name (TimeMap prefixes as MemGator lists them)."""


def parse_spec(text: str) -> ArchiveSpec:
    """``wayback``, a known name, a TimeMap prefix URL, or ``NAME=PREFIX``."""
    value = text.strip()
    if value.lower() in KNOWN:
        return KNOWN[value.lower()]
    name, sep, prefix = value.partition("=")
    if not sep:
        name, prefix = "", value
    parts = urlsplit(prefix)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        known = ", ".join(sorted(KNOWN))
        raise ConfigError(
            f"unknown archive {text!r}: give one of {known}, {NONE}, {MEMGATOR}=URL, "
            "or a Memento TimeMap URL prefix such as https://archive.example/timemap/link/"
        )
    name = name.strip()
    if name.lower() == MEMGATOR:
        base = prefix.rstrip("/") + "/"
        return ArchiveSpec(MEMGATOR, base + "timemap/link/", base + "timegate/", kind=MEMGATOR)
    if name.lower() == TIMETRAVEL:
        return ArchiveSpec(TIMETRAVEL, prefix.rstrip("/") + "/", kind=TIMETRAVEL)
    return ArchiveSpec(name or parts.netloc, prefix)


def parse_specs(texts: Iterable[str]) -> list[ArchiveSpec]:
    """Every spec, in order, without repeats; ``none`` anywhere disables them all."""
    values = [t for t in texts if t.strip()]
    if any(t.strip().lower() == NONE for t in values):
        return []
    specs: dict[str, ArchiveSpec] = {}
    for text in values:
        spec = parse_spec(text)
        specs.setdefault(spec.name, spec)
    return list(specs.values())


def build_backend(
    spec: ArchiveSpec, session: requests.Session, http: HttpConfig | None = None
) -> ArchiveBackend:
    """The backend a spec describes, talking through ``session``."""
    if spec.kind == WAYBACK or spec.timemap_prefix is None:
        return WaybackArchive(session, http)
    if spec.kind == TIMETRAVEL:
        return TimeTravelArchive(session, http, api_prefix=spec.timemap_prefix, name=spec.name)
    if spec.kind == MEMGATOR:
        return AggregatedMementos(session, http, timemap_prefix=spec.timemap_prefix,
                                  name=spec.name, timegate_prefix=spec.timegate_prefix)
    return MementoArchive(
        session, http, timemap_prefix=spec.timemap_prefix, name=spec.name,
        timegate_prefix=spec.timegate_prefix, raw_modifier=spec.raw_modifier,
    )
