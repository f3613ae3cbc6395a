"""Loading a source pool: each ``--sources`` argument read into pages, each page extracted once.

An argument is one of:

* a URL — fetched through the run's session (so ``--replay`` answers it offline);
* a saved page — an HTML, text, Markdown or PDF file;
* a folder — every saved page in it and its subfolders, in name order;
* a WARC capture (``.warc``/``.warc.gz``) — every successful ``GET`` response that is a
  page (HTML, text, PDF; not the archives' JSON answers);
* another article, written ``article:PATH`` (or a text/Markdown/wiki/Word article file
  whose notes cite URLs) — the pages its notes cite join the pool, fetched like URLs.

A path that does not exist, or a capture that cannot be read, is bad input
(:class:`~citeaudit.errors.InputError`, one line).  A page that could not be
fetched or has no text is kept in :attr:`SourcePool.unread` with the reason:
it was not read, which says nothing about whether it supports anything.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs
import requests

from citeaudit import workers
from citeaudit.errors import CiteauditError, InputError

from .model import PoolPage, SourceKind, Unread

ARTICLE_PREFIX = "article:"
"""Names another article whose cited pages join the pool (``article:notes.md``)."""

PAGE_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/plain",
    ".pdf": "application/pdf",
}
"""Saved pages a folder's files are read as, by suffix; other files in a folder are skipped."""

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".rst", ".wiki", ".docx"})
"""Files that may be an article rather than a saved page: read as one when notes cite URLs."""

_PAGE_MEDIA = ("text/html", "application/xhtml+xml", "text/plain", "application/pdf")
_CANONICAL = re.compile(
    rb"<(?:link[^>]+rel=[\"']canonical[\"'][^>]*href|meta[^>]+property=[\"']og:url[\"']"
    rb"[^>]*content)=[\"'](https?://[^\"'\s>]+)", re.IGNORECASE)
_RAW_SNAPSHOT = re.compile(r"(/web/\d{4,14})id_/")
_OTHER_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


@attrs.frozen
class _Raw:
    """A page's bytes before extraction."""

    url: str
    origin: str
    kind: SourceKind
    body: bytes
    content_type: str | None


@attrs.frozen
class SourcePool:
    """The pages an article's sentences are matched against, each read once.

    Build one with :meth:`load`; :func:`citeaudit.pool.match_article` matches an
    article against it.
    """

    pages: tuple[PoolPage, ...] = ()
    unread: tuple[Unread, ...] = ()
    """Sources and pages that could not be read, with why (not read is not "no support")."""

    @classmethod
    def load(cls, sources: Iterable[str | os.PathLike[str]], *,
             session: requests.Session | None = None,
             work: concurrent.futures.Executor | None = None) -> SourcePool:
        """Read every source; ``session`` fetches URLs (one is made if needed), ``work``
        extracts pages (the shared worker pool if ``None``)."""
        specs = [classify(s) for s in sources]
        own = session is None and any(kind in (SourceKind.URL, SourceKind.ARTICLE)
                                      for kind, _ in specs)
        if own:
            from citeaudit.http import make_session

            session = make_session()
        try:
            raws: list[_Raw] = []
            unread: list[Unread] = []
            for (kind, target), given in zip(specs, sources, strict=True):
                origin = os.fspath(given)
                for item in _gather(kind, target, origin, session):
                    (raws if isinstance(item, _Raw) else unread).append(item)
        finally:
            if own and session is not None:
                session.close()
        pages, more = _extract(_unique(raws), work or workers.executor())
        return cls(tuple(pages), tuple(unread + more))


def classify(source: str | os.PathLike[str]) -> tuple[SourceKind, str]:
    """What kind of source ``source`` names, and the URL or path; bad input raises."""
    text = os.fspath(source).strip()
    if not text:
        raise InputError("--sources: an empty source was given")
    if text.lower().startswith(("http://", "https://")):
        return SourceKind.URL, text
    if _OTHER_URL.match(text):  # read as a path, ``ftp://h/p`` would be "no such file ftp:/h/p"
        raise InputError(f"--sources: {text}: only http:// and https:// URLs can be fetched")
    explicit = text.startswith(ARTICLE_PREFIX)
    if explicit and not text[len(ARTICLE_PREFIX):].strip():
        # Path("") is the working folder: the pool would quietly read whatever lies there.
        raise InputError(f"--sources: {ARTICLE_PREFIX} names no article (write article:PATH)")
    path = Path(text[len(ARTICLE_PREFIX):] if explicit else text)
    if not path.exists():
        raise InputError(f"--sources: {path}: no such file or folder")
    if path.is_dir():
        return SourceKind.FOLDER, str(path)
    if explicit:
        return SourceKind.ARTICLE, str(path)
    if is_warc(path):
        return SourceKind.WARC, str(path)
    if path.suffix.lower() in ARTICLE_SUFFIXES and _cites_urls(path):
        return SourceKind.ARTICLE, str(path)
    return SourceKind.FILE, str(path)


def is_warc(path: Path) -> bool:
    """Whether ``path`` is a WARC capture, by name or by its first bytes."""
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
    except OSError as exc:
        raise InputError(f"--sources: {path}: {exc.strerror or exc}") from exc
    return head == b"WARC/"


def _cites_urls(path: Path) -> bool:
    from citeaudit.read import parse_article

    try:
        article = parse_article(path)
    except CiteauditError:
        return False
    return any(note.urls for note in article.notes)


def _gather(kind: SourceKind, target: str, origin: str,
            session: requests.Session | None) -> Iterator[_Raw | Unread]:
    if kind is SourceKind.URL:
        yield _fetch(target, origin, kind, session)
    elif kind is SourceKind.ARTICLE:
        yield from _article_pages(Path(target), origin, session)
    elif kind is SourceKind.WARC:
        yield from _warc_pages(Path(target), origin)
    elif kind is SourceKind.FOLDER:
        yield from _folder_pages(Path(target), origin)
    else:
        yield _file_page(Path(target), origin, kind)


def _fetch(url: str, origin: str, kind: SourceKind,
           session: requests.Session | None) -> _Raw | Unread:
    assert session is not None
    try:
        response = session.get(url)
    except (requests.RequestException, CiteauditError) as exc:
        return Unread(origin if origin == url else f"{origin}: {url}",
                      f"could not fetch {url}: {_one_line(exc)}")
    if response.status_code >= 400:
        return Unread(origin if origin == url else f"{origin}: {url}",
                      f"could not fetch {url}: HTTP {response.status_code}")
    return _Raw(response.url or url, origin, kind, response.content,
                response.headers.get("Content-Type"))


def _article_pages(path: Path, origin: str,
                   session: requests.Session | None) -> Iterator[_Raw | Unread]:
    from citeaudit.archive.cited import recognise
    from citeaudit.read import parse_article

    try:
        article = parse_article(path)
    except InputError as exc:  # named as a pool source, not mistaken for the audited article
        raise InputError(f"--sources: {exc}") from exc
    urls = list(dict.fromkeys(url for note in article.notes for url in note.urls))
    if not urls:
        yield Unread(origin, "the article's notes cite no URL: it adds no page to the pool")
    for url in urls:
        # The note's archived copy and its original are one page: the copy is read when given.
        if recognise(url) is None and any(_copy_of(u, url) for u in urls):
            continue
        yield _fetch(url, origin, SourceKind.ARTICLE, session)


def _copy_of(candidate: str, original: str) -> bool:
    return candidate != original and candidate.endswith(original.split("://", 1)[-1])


def _warc_pages(path: Path, origin: str) -> Iterator[_Raw | Unread]:
    from citeaudit.warc import iter_exchanges

    try:
        exchanges = list(iter_exchanges(path))
    except OSError as exc:
        raise InputError(f"--sources: {path}: {exc.strerror or exc}") from exc
    except InputError as exc:  # it names the capture and the damaged record
        raise InputError(f"--sources: {exc}") from exc
    if not exchanges:
        raise InputError(f"--sources: {path}: the capture holds no exchanges")
    for exchange in exchanges:
        media = (exchange.header("Content-Type") or "").split(";")[0].strip().lower()
        if exchange.method != "GET" or not 200 <= exchange.status < 300 or not exchange.body:
            continue
        if media and media not in _PAGE_MEDIA:
            continue  # the archives' JSON and CDX answers, images, scripts
        url = _RAW_SNAPSHOT.sub(r"\1/", exchange.url)
        yield _Raw(url, origin, SourceKind.WARC, exchange.body, exchange.header("Content-Type"))


MAX_FOLDER_PAGES = 20_000
"""Most saved pages a ``--sources`` folder may hold: a hundred times the pools people bring,
so a folder over it is a mistake (``/tmp``, a home folder) rather than a pool."""


def _folder_pages(folder: Path, origin: str) -> Iterator[_Raw | Unread]:
    files: list[Path] = []
    for path in folder.rglob("*"):
        # Hidden files and folders (.git, .venv, editors' backups) are never saved pages.
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.suffix.lower() in PAGE_TYPES and path.is_file():
            files.append(path)
            if len(files) > MAX_FOLDER_PAGES:
                raise InputError(f"--sources: {folder}: more than {MAX_FOLDER_PAGES:,} saved "
                                 "pages below it; give the folder that holds the pool")
    files.sort()
    if not files:
        yield Unread(origin, "the folder holds no saved page (.html, .txt, .md, .pdf)")
    for path in files:
        yield _file_page(path, origin, SourceKind.FOLDER)


def _file_page(path: Path, origin: str, kind: SourceKind) -> _Raw | Unread:
    try:
        body = path.read_bytes()
    except OSError as exc:
        return Unread(str(path), f"could not read {path}: {exc.strerror or exc}")
    found = _CANONICAL.search(body[:65536]) if path.suffix.lower() in (".html", ".htm") else None
    url = found.group(1).decode("ascii", "replace") if found else str(path)
    return _Raw(url, origin, kind, body, PAGE_TYPES.get(path.suffix.lower()))


def _unique(raws: Sequence[_Raw]) -> list[_Raw]:
    """One page per URL and per body: a capture often holds a page twice."""
    seen_urls: set[str] = set()
    seen_bodies: set[bytes] = set()
    out = []
    for raw in raws:
        key = raw.url.split("#")[0]
        if key in seen_urls or raw.body in seen_bodies:
            continue
        seen_urls.add(key)
        seen_bodies.add(raw.body)
        out.append(raw)
    return out


def _extract(raws: Sequence[_Raw],
             work: concurrent.futures.Executor) -> tuple[list[PoolPage], list[Unread]]:
    calls = [(raw.body, raw.content_type, raw.url) for raw in raws]
    pages: list[PoolPage] = []
    unread: list[Unread] = []
    for raw, text in zip(raws, workers.side_by_side(work, workers.read_page, calls), strict=True):
        if text is None:
            unread.append(Unread(raw.url, "the page has no text to compare sentences with"))
            continue
        pages.append(PoolPage(raw.url, raw.origin, raw.kind, text.text, text.title,
                              text.published))
    return pages, unread


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"
