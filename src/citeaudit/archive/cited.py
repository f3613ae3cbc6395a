"""Archived copies a note already cites: recognised, so they are checked, never looked up.

A note may cite its source's archived copy beside (or instead of) the
original: "Archived from the original on …", wikitext's ``archive-url=``, or a
Robust Link (``<a href="original" data-versionurl="copy" data-versiondate="…">``).
Such a copy is checked like any link, and is the note's archived copy; it is
not looked up again, and the note is never told to cite what it cites.

Recognised: the Wayback Machine (``web.archive.org/web/<timestamp>/<url>``),
archive.today and its mirror domains (``archive.ph/<timestamp>/<url>``, short
ids), WebCite (``webcitation.org/<id>``, ``…/query?url=…&date=…``), Perma.cc
(``perma.cc/XXXX-XXXX``), and any Memento archive on Wayback software
(``…/<14-digit timestamp>[modifier]/<url>``: pywb, OpenWayback, the UK Web
Archive, Arquivo.pt, the Library of Congress, Archive-It…).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from urllib.parse import parse_qs, unquote, urlsplit

import attrs

from citeaudit.archive.wayback import parse_timestamp
from citeaudit.errors import ArchiveError

UTC = dt.UTC

IS_A_COPY = "the URL is an archived copy itself"
"""``SnapshotLookup.not_asked`` of a cited archive URL: nothing to look up for it."""


@attrs.frozen
class CitedCopy:
    """An archived copy named in a note."""

    url: str
    """The copy, as cited."""
    archive: str
    """``wayback``, ``archive.today``, ``webcite``, ``perma.cc``, or the Memento archive's host."""
    original: str | None = None
    """The URL it is a copy of, when the copy's address says."""
    datetime: dt.datetime | None = None
    """When it was captured, when the address (or the note) says."""


_ARCHIVE_TODAY = re.compile(r"^(?:www\.)?archive\.(?:today|is|ph|li|vn|fo|md)$")
_WAYBACK_HOSTS = frozenset({"web.archive.org", "archive.org", "www.archive.org",
                            "wayback.archive.org", "web-beta.archive.org"})
_WAYBACK_PATH = re.compile(r"^/web/(\d{1,14})(?:[a-z]{2}_)?/+(.+)$", re.DOTALL)
_MEMENTO_PATH = re.compile(r"/(\d{14})(?:[a-z]{2}_)?/+((?:https?:/+)?[^/\s]+\.[^/\s]+.*)$")
_TODAY_STAMP = re.compile(r"^/(\d{4}\.\d\d\.\d\d-\d{6}|\d{14})/+(.+)$")
_TODAY_NAMED = re.compile(r"^/(?:newest|oldest)/+(.+)$")


def wayback_host(host: str) -> bool:
    """Whether ``host`` (lower case) is one of the Internet Archive's Wayback Machine hosts."""
    return host in _WAYBACK_HOSTS


def archive_today_host(host: str) -> bool:
    """Whether ``host`` (lower case) is archive.today or one of its mirrors."""
    return _ARCHIVE_TODAY.match(host) is not None
_TODAY_ID = re.compile(r"^/[A-Za-z0-9]{4,8}/?$")
_PERMA_ID = re.compile(r"^/[A-Z0-9]{4}-[A-Z0-9]{4}/?$", re.IGNORECASE)
_WEBCITE_HOSTS = frozenset({"webcitation.org", "www.webcitation.org"})
_ARCHIVE_URL_PARAM = re.compile(r"archive-?url\s*=\s*([^\s|}<>\"']+)", re.IGNORECASE)
_ROBUST_LINK = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def recognise(url: str) -> CitedCopy | None:
    """The archived copy ``url`` is, or ``None`` if it is not an archive's address."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if host in _WAYBACK_HOSTS:
        found = _WAYBACK_PATH.match(path)
        if found:
            return CitedCopy(url, "wayback", _scheme(found.group(2)), _stamp(found.group(1)))
        return None
    if _ARCHIVE_TODAY.match(host):
        stamped = _TODAY_STAMP.match(path)
        if stamped:
            return CitedCopy(url, "archive.today", _scheme(stamped.group(2)),
                             _stamp(stamped.group(1)))
        named = _TODAY_NAMED.match(path)
        if named:
            return CitedCopy(url, "archive.today", _scheme(named.group(1)))
        return CitedCopy(url, "archive.today") if _TODAY_ID.match(parts.path) else None
    if host in _WEBCITE_HOSTS:
        query = parse_qs(parts.query)
        original = (query.get("url") or [None])[0]
        when = _date((query.get("date") or [""])[0])
        return CitedCopy(url, "webcite", original, when) if parts.path.strip("/") else None
    if host in ("perma.cc", "www.perma.cc"):
        return CitedCopy(url, "perma.cc") if _PERMA_ID.match(parts.path) else None
    found = _MEMENTO_PATH.search(path)
    if found and host:
        return CitedCopy(url, host, _scheme(found.group(2)), _stamp(found.group(1)))
    return None


# A stamp that names at least the day (8 of its 14 digits): "/web/2019/…" names a year only.
_DAY_STAMP = re.compile(r"/(?:web/)?(\d{8,14}|\d{4}\.\d\d\.\d\d-\d{6})(?:[a-z]{2}_)?/")


def captured_on(copy: CitedCopy) -> dt.date | None:
    """The day ``copy`` was captured, when its address names the day (not just a year)."""
    if copy.datetime is None:
        return None
    if copy.archive == "webcite" or _DAY_STAMP.search(urlsplit(copy.url).path + "/"):
        return copy.datetime.date()
    return None


def cited_copies(urls: Iterable[str], raw: str = "") -> list[CitedCopy]:
    """The archived copies among a note's URLs, and those its text names (``archive-url=``)."""
    seen: dict[str, CitedCopy] = {}
    candidates = [*urls, *(m.group(1) for m in _ARCHIVE_URL_PARAM.finditer(raw))]
    for url in candidates:
        copy = recognise(url)
        if copy is not None:
            seen.setdefault(copy.url, copy)
    return list(seen.values())


def robust_links(document: str) -> dict[str, CitedCopy]:
    """Original URL → the copy a Robust Link names (``data-versionurl``, ``data-versiondate``)."""
    links: dict[str, CitedCopy] = {}
    if "data-versionurl" not in document:
        return links
    for tag in _ROBUST_LINK.finditer(document):
        attributes = {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or "")
                      for m in _ATTRIBUTE.finditer(tag.group(0))}
        version = attributes.get("data-versionurl")
        original = attributes.get("data-originalurl") or attributes.get("href")
        if not version or not original or version == original:
            continue
        known = recognise(version)
        links[original] = CitedCopy(
            version, known.archive if known else (urlsplit(version).hostname or "archive"),
            original, _date(attributes.get("data-versiondate", "")) or (
                known.datetime if known else None))
    return links


def copy_of(url: str, copies: Iterable[CitedCopy], *, only_original: bool) -> CitedCopy | None:
    """The cited copy of ``url``: one whose address names it, else (for a note citing one
    original URL) the copy whose address names no original (short ids)."""
    copies = list(copies)
    wanted = page_key(url)
    for copy in copies:
        if copy.original is not None and page_key(copy.original) == wanted:
            return copy
    if only_original:
        anonymous = [c for c in copies if c.original is None]
        if len(anonymous) == 1:
            return anonymous[0]
    return None


def page_key(url: str) -> str:
    """``url`` as a page's identity: host without ``www.``, path without its last slash,
    query; so an archive's spelling of the original and the note's compare equal."""
    parts = urlsplit(unquote(url.strip()))
    host = (parts.hostname or "").lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def _scheme(url: str) -> str:
    url = re.sub(r"^(https?):/+", r"\1://", url)
    return url if re.match(r"^https?://", url) else "http://" + url


def _stamp(text: str) -> dt.datetime | None:
    try:
        return parse_timestamp(re.sub(r"\D", "", text)[:14])
    except ArchiveError:
        return None


def _date(text: str) -> dt.datetime | None:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ", "%d %B %Y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return _stamp(text) if text.isdigit() else None
