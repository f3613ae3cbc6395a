"""Find a site's articles in its sitemaps and RSS/Atom feeds.

Sitemaps (``<urlset>``, and ``<sitemapindex>`` pointing at more sitemaps,
gzipped or not) and feeds (RSS 2.0, RSS 1.0/RDF, Atom) are read with lxml,
namespace-agnostic, with entity expansion and network access turned off so
a hostile file cannot expand or fetch anything.  Everything is fetched
through the caller's session, so the same politeness and address policy apply.
"""

from __future__ import annotations

import enum
import gzip
import zlib
from pathlib import Path

import attrs
import requests

from citeaudit.errors import InputError, NetworkError

__all__ = ["MAX_SITEMAPS", "Listing", "SourceKind", "discover", "parse_listing", "read_bytes",
           "sniff"]

MAX_SITEMAPS = 200
"""Most sitemaps followed from one sitemap index (nested indexes included)."""


class SourceKind(enum.StrEnum):
    """What kind of list of articles a source is."""

    SITEMAP = "sitemap"
    FEED = "feed"


@attrs.frozen
class Listing:
    """What one sitemap or feed lists."""

    kind: SourceKind
    articles: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    """Further sitemaps (from a ``<sitemapindex>``)."""


def is_url(location: str) -> bool:
    return location.strip().lower().startswith(("http://", "https://"))


def read_bytes(location: str, session: requests.Session | None = None) -> bytes:
    """The bytes of a file or URL (fetched through ``session``); bad input is an InputError."""
    if is_url(location):
        if session is None:
            raise InputError(f"{location}: no session to fetch it with")
        try:
            response = session.get(location.strip())
        except (requests.RequestException, NetworkError, OSError) as exc:
            raise InputError(f"could not fetch {location}: {exc}") from exc
        if response.status_code >= 400:
            raise InputError(f"could not fetch {location}: HTTP {response.status_code}")
        return bytes(response.content)
    path = Path(location)
    if not path.is_file():
        raise InputError(f"{location}: no such file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{location}: cannot read: {exc.strerror or exc}") from exc


def _ungzip(content: bytes, location: str) -> bytes:
    if content[:2] != b"\x1f\x8b":
        return content
    try:
        return gzip.decompress(content)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{location}: broken gzip file: {exc}") from exc


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _parse_xml(content: bytes, location: str):  # type: ignore[no-untyped-def]
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=False
    )
    try:
        return etree.fromstring(_ungzip(content, location), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{location}: not well-formed XML: {exc}") from exc


def sniff(content: bytes) -> SourceKind | None:
    """Whether ``content`` is a sitemap, a feed, or neither (e.g. an article)."""
    head = _ungzip(content[:1_000_000], "")[:4096].lstrip().lower() if content else b""
    for marker, kind in (
        (b"<urlset", SourceKind.SITEMAP),
        (b"<sitemapindex", SourceKind.SITEMAP),
        (b"<rss", SourceKind.FEED),
        (b"<rdf:rdf", SourceKind.FEED),
        (b"<feed", SourceKind.FEED),
    ):
        if marker in head and not head.startswith((b"<!doctype html", b"<html")):
            return kind
    return None


def parse_listing(content: bytes, location: str = "<xml>") -> Listing:
    """The article URLs (and nested sitemaps) a sitemap or feed lists."""
    root = _parse_xml(content, location)
    name = _local(root.tag)
    if name == "urlset":
        return Listing(SourceKind.SITEMAP, _texts(root, "url", "loc"))
    if name == "sitemapindex":
        return Listing(SourceKind.SITEMAP, sitemaps=_texts(root, "sitemap", "loc"))
    if name in ("rss", "rdf"):
        links = _texts(root, "item", "link")
        return Listing(SourceKind.FEED, links)
    if name == "feed":
        found: list[str] = []
        for entry in root:
            if _local(entry.tag) != "entry":
                continue
            for link in entry:
                rel = (link.get("rel") or "alternate") if _local(link.tag) == "link" else None
                if rel == "alternate" and link.get("href"):
                    found.append(link.get("href").strip())
                    break
        return Listing(SourceKind.FEED, tuple(dict.fromkeys(found)))
    raise InputError(f"{location}: not a sitemap or a feed (root element <{name}>)")


def _texts(root: object, parent: str, child: str) -> tuple[str, ...]:
    found: list[str] = []
    for item in root.iter():  # type: ignore[attr-defined]
        if _local(item.tag) != parent:
            continue
        for sub in item:
            if _local(sub.tag) == child and sub.text and sub.text.strip():
                found.append(sub.text.strip())
                break
    return tuple(dict.fromkeys(found))


def discover(
    location: str, session: requests.Session | None = None, *, content: bytes | None = None
) -> Listing:
    """Every article a sitemap (following its index) or feed lists, in order, once each."""
    first = parse_listing(content if content is not None else read_bytes(location, session),
                          location)
    if not first.sitemaps:
        return first
    articles: dict[str, None] = dict.fromkeys(first.articles)
    queue, seen = list(first.sitemaps), {location}
    while queue and len(seen) <= MAX_SITEMAPS:
        nested = queue.pop(0)
        if nested in seen:
            continue
        seen.add(nested)
        listing = parse_listing(read_bytes(nested, session), nested)
        articles.update(dict.fromkeys(listing.articles))
        queue.extend(listing.sitemaps)
    return Listing(SourceKind.SITEMAP, tuple(articles))
