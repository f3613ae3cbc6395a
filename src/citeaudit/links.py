"""Check cited URLs and say honestly what became of each.

:func:`check_links` fetches every unique URL once, concurrently, through the
polite session of :mod:`citeaudit.http`, and classifies the answer into an
:class:`Outcome`.  Plain link checkers call any 200 fine; this one compares a
page with the site's answer to a made-up sibling URL (a soft 404), looks for
not-found wording in several languages, notices redirects to a home page or a
section front, and recognises bot walls and paywalls.
"""

from __future__ import annotations

import concurrent.futures
import enum
import functools
import hashlib
import http.client
import queue
import re
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import attrs
import requests
from rapidfuzz import fuzz
from urllib3.exceptions import LocationParseError, NameResolutionError

from citeaudit.config import HttpConfig
from citeaudit.errors import PolicyRefused, ReplayMiss
from citeaudit.http import make_session, off_interval

__all__ = ["LinkResult", "Outcome", "check_links", "iter_check_links"]


class Outcome(enum.StrEnum):
    """What became of a cited URL."""

    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    SOFT_404 = "soft_404"
    MOVED_TO_HOME = "moved_to_home"
    BLOCKED = "blocked"
    PAYWALLED = "paywalled"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    TIMEOUT = "timeout"
    DNS_ERROR = "dns_error"
    CONNECTION_ERROR = "connection_error"
    TLS_ERROR = "tls_error"
    INVALID_URL = "invalid_url"
    SKIPPED = "skipped"


@attrs.define(frozen=True, slots=False)
class LinkResult:
    """The checked fate of one URL."""

    url: str
    outcome: Outcome
    status: int | None = None
    """HTTP status of the last answer, if any came."""
    final_url: str | None = None
    """Where the redirects ended."""
    redirects: list[tuple[str, int]] = attrs.field(factory=list)
    """Each hop of the redirect chain: (URL, status it answered with)."""
    elapsed: float = 0.0
    """Seconds the check took, retries included."""
    reason: str = ""
    """One line a person can read: why this outcome."""
    title: str | None = None
    """The page's ``<title>``."""
    content_type: str | None = None
    body: bytes | None = attrs.field(default=None, repr=False, eq=False)
    """The response body as read (cut at the size cap)."""

    @property
    def is_ok(self) -> bool:
        """Whether the link still leads to its page (``ok`` or ``redirected``)."""
        return self.outcome in (Outcome.OK, Outcome.REDIRECTED)

    @functools.cached_property
    def page(self) -> Any:
        """The page's text (:class:`citeaudit.extract.PageText`), extracted on first use."""
        if not self.body or self.status is None or not 200 <= self.status < 300:
            return None
        try:
            from citeaudit.extract import extract
        except ImportError:  # pragma: no cover - extract ships with citeaudit
            return None
        return extract(self.body, content_type=self.content_type, url=self.final_url or self.url)

    def to_dict(self) -> dict[str, Any]:
        """The ``links`` entry of the JSON report."""
        return {
            "url": self.url,
            "outcome": self.outcome.value,
            "status": self.status,
            "final_url": self.final_url,
            "redirects": [{"url": u, "status": s} for u, s in self.redirects],
            "page_title": self.title,
            "reason": self.reason,
            "elapsed": round(self.elapsed, 3),
        }


# --- page cues -------------------------------------------------------------------------------

_NOT_FOUND_TITLES = re.compile(
    # Page-level phrasing only: an article may well be titled "Missing plane not found".
    r"page not found|^\W*(?:error\W*)?404\b|\b404\W+(?:error|not found|page)|^\W*not found"
    r"|page (?:does not|doesn't) exist|page (?:is )?no longer available"
    r"|sayfa bulunamad[ıi]|^\W*bulunamad[ıi]|страница не найдена|ошибка 404|^\W*не найден"
    r"|seite (?:wurde )?nicht gefunden|^\W*nicht gefunden|page introuvable|page non trouv[ée]e"
    r"|^\W*introuvable|p[áa]gina no encontrada|^\W*no encontrad[oa]",
    re.IGNORECASE,
)
_NOT_FOUND_WORDS = re.compile(
    r"page (?:you (?:are|were) looking for|you requested) (?:could not be found|"
    r"(?:does not|doesn't) exist|(?:was|has been) (?:removed|moved))|page not found"
    r"|aradığınız sayfa|sayfa bulunamadı|sayfa mevcut değil"
    r"|запрашиваемая страница не найдена|страница не найдена|такой страницы нет"
    r"|die (?:angeforderte |gesuchte )?seite (?:wurde )?nicht gefunden|seite existiert nicht"
    r"|la page (?:demandée |que vous recherchez )?(?:est )?introuvable|page non trouvée"
    r"|la página (?:que buscas |solicitada )?no (?:existe|se encontró|se ha encontrado)"
    r"|página no encontrada",
    re.IGNORECASE,
)
_CHALLENGE_TITLES = re.compile(
    r"just a moment|attention required|access denied|are you a robot|captcha|security check"
    r"|ddos-guard|bot verification|checking your browser|verify you are human"
    r"|pardon our interruption",
    re.IGNORECASE,
)
_CHALLENGE_MARKERS = re.compile(
    r"cf-browser-verification|challenge-platform|cf_chl_|g-recaptcha|h-captcha|hcaptcha"
    r"|captcha-delivery|px-captcha|ddos-guard|checking your browser|verify you are human"
    r"|enable javascript and cookies to continue",
    re.IGNORECASE,
)
_PAYWALL_JSONLD = re.compile(r'"isAccessibleForFree"\s*:\s*"?(?:false|False)"?')
_PAYWALL_WORDS = re.compile(
    r"subscribe (?:now )?to (?:continue|keep) reading|this (?:article|story|content) is "
    r"(?:only )?(?:available )?(?:for|to) (?:paying )?subscribers|subscribers only"
    r"|to continue reading,? (?:please )?(?:subscribe|log in)"
    r"|abonelere özel|abone olun|weiterlesen mit|nur für abonnenten|abonnez-vous pour lire"
    r"|réservé aux abonnés|suscríbete para (?:seguir|continuar) leyendo|exclusivo para suscriptores"
    r"|доступно только подписчикам|подпишитесь,? чтобы (?:продолжить|читать)",
    re.IGNORECASE,
)
_PAYWALL_CLASS = re.compile(r"""(?:class|id)=["'][^"']*\bpaywall\b""", re.IGNORECASE)
_BINARY_SUFFIXES = frozenset(
    [
        ".zip",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".7z",
        ".rar",
        ".iso",
        ".exe",
        ".dmg",
        ".msi",
        ".mp3",
        ".mp4",
        ".m4a",
        ".mov",
        ".avi",
        ".mkv",
        ".webm",
        ".wav",
        ".flac",
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".tif",
        ".tiff",
        ".svg",
        ".ico",
        ".epub",
        ".docx",
        ".xlsx",
        ".pptx",
    ]
)
_SECTION_FRONTS = frozenset(
    [
        "index.html",
        "index.htm",
        "index.php",
        "default.aspx",
        "home",
        "news",
        "haberler",
        "novosti",
        "nachrichten",
        "actualites",
        "noticias",
        "en",
        "tr",
        "ru",
        "de",
        "fr",
        "es",
        "ar",
    ]
)
_SHORT_TEXT = 2500
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^<>]*\?>")


@attrs.frozen
class _Page:
    """The cheap reading of an HTML answer used for classification."""

    title: str | None
    text: str
    html: str


def _read_page(body: bytes, content_type: str | None) -> _Page | None:
    """Title and visible text of an HTML body (lxml; extraction proper is lazy).

    The bytes are decoded by :func:`citeaudit.charset.decode_text`, as the page's
    text is when extracted, so a page whose declared charset is wrong has the same
    title here as in its extracted text.
    """
    ctype = (content_type or "").lower()
    head = body[:512].lstrip().lower()
    if "html" not in ctype and not (not ctype and head.startswith((b"<!doctype html", b"<html"))):
        return None
    if not body.strip():
        return _Page(None, "", "")
    import lxml.html

    from citeaudit.charset import decode_text, xml_safe

    charset = re.search(r"charset=([\w.:-]+)", ctype)
    html = xml_safe(decode_text(body, charset.group(1) if charset else None)[0])
    try:
        # A decoded string may not keep an XML declaration naming its old encoding.
        doc = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (ValueError, LookupError, lxml.etree.ParserError):
        return _Page(None, "", html[:200_000])
    title_el = doc.find(".//title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else None
    for el in doc.xpath("//script|//style|//noscript|//template"):
        el.drop_tree()
    text = " ".join(doc.text_content().split())
    return _Page(title or None, text, html[:200_000])


def _similar(a: _Page, b: _Page) -> float:
    return fuzz.ratio(a.text[:4000], b.text[:4000]) / 100.0


# --- URL helpers -----------------------------------------------------------------------------


def _validate(url: str) -> tuple[Outcome, str] | None:
    """Why ``url`` cannot be checked, or ``None`` if it can."""
    if not url or any(c.isspace() for c in url):
        return Outcome.INVALID_URL, "URL is empty or contains whitespace"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return Outcome.INVALID_URL, f"malformed URL: {exc}"
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme:
            return Outcome.INVALID_URL, "URL has no scheme"
        return Outcome.SKIPPED, f"{parts.scheme}: URLs are not checked"
    if not parts.hostname:
        return Outcome.INVALID_URL, "URL has no host"
    if port == 0:
        return Outcome.INVALID_URL, "URL has port 0"
    try:
        parts.hostname.encode("idna")
    except UnicodeError:
        return Outcome.INVALID_URL, f"host {parts.hostname!r} is not a valid name"
    return None


def _depth(path: str) -> int:
    return len([s for s in path.split("/") if s])


def _is_front(url: str) -> bool:
    """Whether ``url`` is a site root or a section front (``/``, ``/news/``, ``/en``)."""
    path = urlsplit(url).path or "/"
    segments = [s for s in path.split("/") if s]
    if not segments:
        return True
    if len(segments) == 1:
        return path.endswith("/") or segments[0].lower() in _SECTION_FRONTS
    return len(segments) == 2 and segments[1].lower() in _SECTION_FRONTS and path.endswith("/")


def _probe_url(url: str) -> tuple[str, tuple[str, str, str]]:
    """A made-up sibling of ``url`` (same folder, same suffix) and the cache key of its folder."""
    parts = urlsplit(url)
    folder, _, leaf = parts.path.rpartition("/")
    folder += "/"
    suffix = re.search(r"\.[A-Za-z0-9]{1,5}$", leaf)
    key = (parts.scheme.lower(), parts.netloc.lower(), folder)
    # Deterministic, so a replayed run asks the capture for the same probe.
    token = "citeaudit-" + hashlib.sha1("|".join(key).encode()).hexdigest()[:16]
    path = folder + token + (suffix.group(0) if suffix else "")
    return urlunsplit((parts.scheme, parts.netloc, path, "", "")), key


@attrs.frozen
class _Probe:
    status: int | None
    final_url: str | None
    page: _Page | None


_REUSE_AFTER = 2
"""Folders of one host that all answered made-up URLs with a real not-found, after
which the host's other folders are taken to answer alike and are not probed."""


class _ProbeCache:
    """Each folder's answer to a made-up URL, fetched once, in the background.

    A probe is asked only when a page's answer could be a soft 404, runs on its
    own small pool (so no link worker waits for it) and outside the host's
    request interval (so it does not push the host's real URLs back); it still
    takes a concurrency slot and obeys ``Retry-After``.  Once ``_REUSE_AFTER``
    folders of a host answered made-up URLs with a real not-found, and none
    answered otherwise, the host's other folders share that answer: such a site
    has no catch-all page to mistake for an article.
    """

    def __init__(self, session: requests.Session, workers: int) -> None:
        self._session = session
        self._lock = threading.Lock()
        self._futures: dict[tuple[str, str, str], concurrent.futures.Future[_Probe]] = {}
        self._by_host: dict[tuple[str, str], list[_Probe]] = {}
        self._pool = concurrent.futures.ThreadPoolExecutor(
            workers, thread_name_prefix="citeaudit-probe"
        )

    def future(self, url: str) -> concurrent.futures.Future[_Probe]:
        """The answer of ``url``'s folder to a made-up sibling (started if not yet asked)."""
        probe_url, key = _probe_url(url)
        with self._lock:
            future = self._futures.get(key)
            if future is not None:
                return future
            alike = self._by_host.get(key[:2], [])
            if len(alike) >= _REUSE_AFTER and all(map(_is_not_found, alike)):
                future = concurrent.futures.Future()
                future.set_result(alike[-1])
            else:
                future = self._pool.submit(self._fetch, probe_url, key[:2])
            self._futures[key] = future
            return future

    def close(self) -> None:
        """Stop probes not yet started; wait for those in flight."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _fetch(self, url: str, host: tuple[str, str]) -> _Probe:
        try:
            with off_interval():
                response = self._session.get(url)
        except (requests.RequestException, PolicyRefused, ReplayMiss, OSError):
            return _Probe(None, None, None)
        page = _read_page(response.content, response.headers.get("Content-Type"))
        probe = _Probe(response.status_code, response.url, page)
        with self._lock:
            self._by_host.setdefault(host, []).append(probe)
        return probe


def _is_not_found(probe: _Probe) -> bool:
    return probe.status in (404, 410)


# --- classification --------------------------------------------------------------------------


def _classify_error(url: str, exc: BaseException) -> tuple[Outcome, str]:
    from citeaudit.http import DeadlineExceeded, RedirectLoop

    if isinstance(exc, PolicyRefused):
        return Outcome.SKIPPED, str(exc)
    if isinstance(exc, ReplayMiss):
        return Outcome.SKIPPED, f"not in the replayed capture: {exc}"
    if isinstance(exc, RedirectLoop):
        return Outcome.BROKEN, str(exc)
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return Outcome.BROKEN, "too many redirects"
    if isinstance(exc, DeadlineExceeded):
        return Outcome.TIMEOUT, f"timed out: {exc}"
    if isinstance(exc, requests.exceptions.Timeout):
        return Outcome.TIMEOUT, "timed out: no answer within the read timeout"
    if isinstance(exc, requests.exceptions.SSLError):
        cause = _caused_by(exc, ssl.SSLError)
        detail = getattr(cause, "verify_message", None) or getattr(cause, "reason", None)
        return Outcome.TLS_ERROR, f"TLS failed: {detail or _last_words(exc)}"
    if isinstance(
        exc,
        requests.exceptions.InvalidURL
        | requests.exceptions.MissingSchema
        | requests.exceptions.InvalidSchema
        | LocationParseError
        | UnicodeError,
    ):
        return Outcome.INVALID_URL, f"malformed URL: {_last_words(exc)}"
    if _caused_by(exc, NameResolutionError):
        return Outcome.DNS_ERROR, f"{urlsplit(url).hostname} does not resolve"
    if isinstance(exc, requests.exceptions.ConnectionError | requests.RequestException | OSError):
        return Outcome.CONNECTION_ERROR, _connection_reason(exc)
    raise exc


def _caused_by(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, kind):
            return item
        stack.extend(x for x in (item.__cause__, item.__context__) if x is not None)
        stack.extend(a for a in getattr(item, "args", ()) if isinstance(a, BaseException))
        reason = getattr(item, "reason", None)
        if isinstance(reason, BaseException):
            stack.append(reason)
    return None


def _connection_reason(exc: BaseException) -> str:
    if _caused_by(exc, ConnectionRefusedError):
        return "connection refused"
    if _caused_by(exc, ConnectionResetError):
        return "connection reset by the server"
    if _caused_by(exc, http.client.LineTooLong):
        return "malformed answer: header line too long"
    broken = _caused_by(exc, http.client.HTTPException)
    if broken is not None:
        return f"malformed answer: {type(broken).__name__}"
    return f"connection failed: {_last_words(exc)}"


def _last_words(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[-160:] if text else type(exc).__name__


def _chain(response: requests.Response) -> list[tuple[str, int]]:
    return [(r.url, r.status_code) for r in response.history]


def _classify(
    url: str, response: requests.Response, page: _Page | None, probe: _Probe | None
) -> tuple[Outcome, str] | None:
    """The outcome of an answer, or ``None`` when it hangs on the folder's ``probe`` not yet had.

    Every cue that needs no probe is weighed first, so only a 200 page that
    could still be a soft 404 waits for one.
    """
    status = response.status_code
    title = (page.title or "") if page else ""
    short = page is not None and len(page.text) < _SHORT_TEXT
    if response.headers.get("cf-mitigated", "").lower() == "challenge":
        return Outcome.BLOCKED, f"bot challenge (HTTP {status})"
    if page is not None and (
        _CHALLENGE_TITLES.search(title) or (short and _CHALLENGE_MARKERS.search(page.html))
    ):
        return Outcome.BLOCKED, f"bot challenge page (HTTP {status}): {title or 'captcha'}"
    if status in (401, 403, 451, 999):
        return Outcome.BLOCKED, f"HTTP {status}: access refused to citeaudit"
    if status == 402:
        return Outcome.PAYWALLED, "HTTP 402: payment required"
    if status == 429:
        return Outcome.RATE_LIMITED, "HTTP 429: still rate limited after polite retries"
    if status >= 500:
        return Outcome.SERVER_ERROR, f"HTTP {status}: server error"
    if status in (404, 410):
        return Outcome.BROKEN, f"HTTP {status}: {'gone' if status == 410 else 'not found'}"
    if status >= 400:
        return Outcome.BROKEN, f"HTTP {status}"
    if status >= 300:
        return Outcome.BROKEN, f"HTTP {status} without a usable redirect"
    final = response.url
    if response.history and _is_front(final) and not _is_front(url):
        return Outcome.MOVED_TO_HOME, f"redirected to the front page {final}"
    if page is not None:
        if _NOT_FOUND_TITLES.search(title):
            return Outcome.SOFT_404, f"HTTP {status} but the title says {title!r}"
        if short and _NOT_FOUND_WORDS.search(page.text):
            return Outcome.SOFT_404, f"HTTP {status} but the page says it was not found"
        if _depth(urlsplit(url).path) > 0:
            if probe is None:
                return None
            if probe.status is not None and 200 <= probe.status < 300 and probe.page is not None:
                if probe.final_url == final:
                    return Outcome.SOFT_404, "a made-up URL on this site ends on the same page"
                if _similar(page, probe.page) >= 0.9 and (page.title == probe.page.title):
                    return Outcome.SOFT_404, "same page as the site's answer to a made-up URL"
        if _PAYWALL_JSONLD.search(page.html):
            return Outcome.PAYWALLED, "page marks itself isAccessibleForFree: false"
        # The wording is looked for last: on a long page it is the costliest cue.
        if (short or _PAYWALL_CLASS.search(page.html)) and _PAYWALL_WORDS.search(page.text):
            return Outcome.PAYWALLED, "page shows a paywall"
    if response.history:
        return Outcome.REDIRECTED, f"redirected to {final}"
    return Outcome.OK, f"HTTP {status}"


def _fetch(url: str, session: requests.Session) -> requests.Response:
    """HEAD where a GET would fetch a large binary for nothing, else GET."""
    suffix = re.search(r"\.[A-Za-z0-9]{1,5}$", urlsplit(url).path)
    if suffix and suffix.group(0).lower() in _BINARY_SUFFIXES:
        response = session.head(url, allow_redirects=True)
        if response.status_code < 400 or response.status_code in (404, 410):
            return response
    return session.get(url)


@attrs.frozen
class _Awaiting:
    """A fetched answer whose outcome waits for its folder's probe."""

    url: str
    response: requests.Response
    page: _Page | None
    started: float
    probe: concurrent.futures.Future[_Probe]

    def finish(self) -> LinkResult:
        """The result, now that the probe has answered."""
        try:
            probe = self.probe.result()
        except concurrent.futures.CancelledError:
            probe = _Probe(None, None, None)
        verdict = _classify(self.url, self.response, self.page, probe)
        assert verdict is not None  # with a probe in hand every cue can be weighed
        return _result(self.url, self.response, self.page, self.started, verdict)


def _check_one(
    url: str,
    session: requests.Session,
    probes: _ProbeCache,
    on_answer: Callable[[str, requests.Response], None] | None = None,
) -> LinkResult | _Awaiting:
    started = time.monotonic()
    invalid = _validate(url)
    if invalid is not None:
        return LinkResult(url, invalid[0], reason=invalid[1])
    try:
        response = _fetch(url, session)
    except (requests.RequestException, PolicyRefused, ReplayMiss, OSError, ValueError) as exc:
        outcome, reason = _classify_error(url, exc)
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
    if on_answer is not None and 200 <= response.status_code < 300:
        on_answer(url, response)
    page = _read_page(response.content or b"", response.headers.get("Content-Type"))
    verdict = _classify(url, response, page, None)
    if verdict is not None:
        return _result(url, response, page, started, verdict)
    # Hangs on the folder's made-up URL: the worker moves on to the next link meanwhile.
    waiting = _Awaiting(url, response, page, started, probes.future(url))
    return waiting.finish() if waiting.probe.done() else waiting


def _result(
    url: str,
    response: requests.Response,
    page: _Page | None,
    started: float,
    verdict: tuple[Outcome, str],
) -> LinkResult:
    outcome, reason = verdict
    if getattr(response, "truncated", False):
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
    )


def _interleave(urls: list[str]) -> list[str]:
    """Order URLs round-robin by host, so workers spread over hosts instead of queueing."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        # Only an ordering key: a plain split is enough and five times cheaper
        # than urlsplit, which counts when thousands of URLs wait to start.
        host = url.partition("//")[2].partition("/")[0].lower()
        by_host.setdefault(host, []).append(url)
    queues = list(by_host.values())
    out: list[str] = []
    for i in range(max((len(q) for q in queues), default=0)):
        out.extend(q[i] for q in queues if i < len(q))
    return out


_PROBE_WORKERS = 16
"""Threads asking made-up URLs; one per site folder at most, so a few suffice."""


class _Workers:
    """Link workers that each take the next URL from one shared queue until it runs out.

    A fixed set of long-lived loops rather than a future per URL: the first
    request to every host goes out within milliseconds instead of after the
    main thread has queued thousands of futures while the new threads wait for
    the GIL, and on a polite schedule a host's first start delays its last.
    """

    _DONE = object()

    def __init__(
        self,
        urls: list[str],
        session: requests.Session,
        probes: _ProbeCache,
        on_answer: Callable[[str, requests.Response], None] | None,
        count: int,
    ) -> None:
        self._urls = iter(urls)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.results: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads = [
            threading.Thread(
                target=self._run,
                args=(session, probes, on_answer),
                name=f"citeaudit-link-{i}",
                daemon=True,
            )
            for i in range(count)
        ]
        for thread in self._threads:
            thread.start()

    def _run(
        self,
        session: requests.Session,
        probes: _ProbeCache,
        on_answer: Callable[[str, requests.Response], None] | None,
    ) -> None:
        try:
            while not self._stop.is_set():
                with self._lock:
                    url = next(self._urls, None)
                if url is None:
                    break
                try:
                    self.results.put(_check_one(url, session, probes, on_answer))
                except BaseException as exc:  # handed to the consumer, raised there
                    self.results.put(exc)
                    break
        finally:
            self.results.put(self._DONE)

    def __iter__(self) -> Iterator[LinkResult]:
        """Results as they finish; an answer waiting for its folder's probe follows the probe."""
        running = len(self._threads)
        waiting: dict[concurrent.futures.Future[_Probe], list[_Awaiting]] = {}
        while running or waiting:
            item = self.results.get()
            if item is self._DONE:
                running -= 1
            elif isinstance(item, BaseException):
                raise item
            elif isinstance(item, LinkResult):
                yield item
            elif isinstance(item, concurrent.futures.Future):
                # A probe answered: the pages that hung on it are decided.
                for awaiting in waiting.pop(item, []):
                    yield awaiting.finish()
            elif item.probe in waiting:
                waiting[item.probe].append(item)
            elif item.probe.done():
                yield item.finish()
            else:
                waiting[item.probe] = [item]
                item.probe.add_done_callback(self.results.put)

    def stop(self) -> None:
        """Take no new URL; wait for the workers to finish the ones they hold."""
        self._stop.set()
        for thread in self._threads:
            thread.join()


def iter_check_links(
    urls: Iterable[str],
    config: HttpConfig | None = None,
    *,
    session: requests.Session | None = None,
    progress: Callable[[LinkResult], None] | None = None,
    on_answer: Callable[[str, requests.Response], None] | None = None,
) -> Iterator[LinkResult]:
    """Check each unique URL once and yield results as they finish (any order).

    ``on_answer(url, response)`` is called (from a worker thread) as soon as a URL
    answers 2xx, before the soft-404 comparison that may still be waiting on its
    site: an audit starts reading the page then.  The final outcome may still
    say the page is not the cited one.
    """
    config = config or getattr(session, "config", None) or HttpConfig()
    unique = list(dict.fromkeys(u.strip() for u in urls))
    own = session is None
    http = session if session is not None else make_session(config)
    count = max(1, min(config.global_concurrency, len(unique)))
    probes = _ProbeCache(http, max(1, min(_PROBE_WORKERS, count)))
    workers: _Workers | None = None
    done_cleanly = False
    try:
        workers = _Workers(_interleave(unique), http, probes, on_answer, count)
        for result in workers:
            if progress is not None:
                progress(result)
            yield result
        done_cleanly = True
    finally:
        if not done_cleanly:
            abort = getattr(http, "abort", None)
            if abort is not None:
                abort()  # in-flight requests return now instead of at their deadline
        if workers is not None:
            workers.stop()
        probes.close()
        if own:
            http.close()
        elif not done_cleanly and hasattr(http, "resume"):
            http.resume()  # the caller's session stays usable


def check_links(
    urls: Iterable[str],
    config: HttpConfig | None = None,
    *,
    session: requests.Session | None = None,
    progress: Callable[[LinkResult], None] | None = None,
) -> list[LinkResult]:
    """Check every unique URL once, concurrently and politely; results follow input order.

    ``session`` defaults to :func:`citeaudit.http.make_session` of ``config``;
    ``progress`` is called with each result as it finishes.  A URL given twice
    is checked once and reported once.
    """
    urls = list(urls)
    results = {r.url: r for r in iter_check_links(urls, config, session=session, progress=progress)}
    return [results[u] for u in dict.fromkeys(u.strip() for u in urls)]
