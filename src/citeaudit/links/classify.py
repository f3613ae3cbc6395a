"""Classify an answer into an :class:`~citeaudit.links.outcome.Outcome`, with its reason.

Plain link checkers call any 200 fine; these rules compare a page with the
site's answer to a made-up sibling URL (a soft 404, the probe is given, never
fetched here), look for not-found wording in several languages, notice
redirects to a home page or a section front, and recognise bot walls and
paywalls.  The archive sanity check judges captures with the same rules.
"""

from __future__ import annotations

import functools
import http.client
import re
import ssl
from typing import Any

import attrs
import requests
from rapidfuzz import fuzz
from urllib3.exceptions import LocationParseError, NameResolutionError

from citeaudit.errors import PolicyRefused, ReplayMiss
from citeaudit.links.fold import Cue, fold
from citeaudit.links.gates import gate, refresh_target
from citeaudit.links.outcome import Outcome
from citeaudit.net.deadline import DeadlineExceeded
from citeaudit.net.session import RedirectLoop
from citeaudit.net.urls import split

__all__ = [
    "BINARY_SUFFIXES",
    "Page",
    "Probe",
    "classify",
    "classify_error",
    "classify_with_probe",
    "classify_without_probe",
    "is_front",
    "read_page",
    "validate",
]


# --- page cues -------------------------------------------------------------------------------

_NOT_FOUND_TITLES = Cue(
    # Page-level phrasing only: an article may well be titled "Missing plane not found".
    r"page not found|^\W*(?:error\W*)?404\b|\b404\W+(?:error|not found|page)|^\W*not found"
    r"|page (?:does not|doesn't) exist|page (?:is )?no longer available"
    r"|sayfa bulunamad[ıi]|^\W*bulunamad[ıi]|страница не найдена|ошибка 404|^\W*не найден"
    r"|seite (?:wurde )?nicht gefunden|^\W*nicht gefunden|page introuvable|page non trouv[ée]e"
    r"|^\W*introuvable|p[áa]gina no encontrada|^\W*no encontrad[oa]"
    # Italian, Portuguese, Dutch, Polish, Japanese, Chinese, Korean, Arabic: each language's
    # usual page-level phrasing (a public list of the 404 message in thirty languages).
    r"|pagina non trovata|p[áa]gina n[ãa]o encontrada|pagina niet gevonden"
    r"|strona nie (?:zosta[łl]a )?znaleziona|nie znaleziono strony|ページが見つかりません"
    r"|页面不存在|页面未找到|找不到(?:页面|網頁|网页)|頁面不存在|페이지를 찾을 수 없습니다"
    r"|الصفحة غير موجودة|لم يتم العثور على الصفحة",
)
_NOT_FOUND_WORDS = Cue(
    r"page (?:you (?:are|were) looking for|you requested) (?:could not be found|"
    r"(?:does not|doesn't) exist|(?:was|has been) (?:removed|moved))|page not found"
    r"|aradığınız sayfa|sayfa bulunamadı|sayfa mevcut değil"
    r"|запрашиваемая страница не найдена|страница не найдена|такой страницы нет"
    r"|die (?:angeforderte |gesuchte )?seite (?:wurde )?nicht gefunden|seite existiert nicht"
    r"|la page (?:demandée |que vous recherchez )?(?:est )?introuvable|page non trouvée"
    r"|la página (?:que buscas |solicitada )?no (?:existe|se encontró|se ha encontrado)"
    r"|página no encontrada"
    r"|la pagina (?:che stai cercando |richiesta )?non (?:esiste|è stata trovata)"
    r"|a p[áa]gina (?:que (?:você|voce) procura |solicitada )?n[ãa]o (?:existe|foi encontrada)"
    r"|de pagina (?:die (?:je|u) zoekt )?(?:is niet gevonden|bestaat niet)"
    r"|strona, kt[óo]rej szukasz|お探しのページは見つかりません|您(?:请求|访问)的页面不存在"
    r"|요청하신 페이지를 찾을 수 없습니다|الصفحة التي تبحث عنها غير موجودة",
)
_CHALLENGE_TITLES = Cue(
    r"just a moment|attention required|access denied|are you a robot|captcha|security check"
    r"|ddos-guard|bot verification|checking your browser|verify you are human"
    r"|pardon our interruption|client challenge|one moment, please",
)
_CHALLENGE_MARKERS = Cue(
    r"cf-browser-verification|challenge-platform|cf_chl_|g-recaptcha|h-captcha|hcaptcha"
    r"|captcha-delivery|px-captcha|ddos-guard|checking your browser|verify you are human"
    r"|enable javascript and cookies to continue"
    # Imperva/Incapsula's block iframe, Sucuri's JavaScript challenge, HUMAN's block script.
    r"|_incapsula_resource|incapsula incident id|sucuri_cloudproxy_js|window\._pxappid",
)
_BLOCK_HEADERS = ("cf-mitigated", "x-amzn-waf-action", "x-dd-b", "x-px-blocked")
"""Headers Cloudflare, AWS WAF, DataDome and HUMAN send only when they challenged or blocked
(each also sets others on every ordinary answer, which say nothing)."""
_RATE_LIMIT_WORDS = Cue(
    r"too many requests|rate limit(?:ed| exceeded| reached)|you (?:are being|have been) rate"
    r" limited|request limit (?:exceeded|reached)",
)
_PARKED_WORDS = Cue(
    # "The domain name example.com is for sale": landers name the domain they sell.
    r"domain (?:name )?(?:[\w-]+(?:\.[\w-]+)+ )?(?:is|may be) for sale"
    r"|buy this domain|this domain is parked"
    r"|domain parking|sedoparking|parkingcrew",
)
_PAYWALL_JSONLD = re.compile(r'"isAccessibleForFree"\s*:\s*"?(?:false|False)"?')
_PAYWALL_WORDS = Cue(
    r"subscribe (?:now )?to (?:continue|keep) reading|this (?:article|story|content|post) is "
    r"(?:only )?(?:available )?(?:for|to) (?:paying |paid )?subscribers|subscribers only"
    r"|to continue reading,? (?:please )?(?:subscribe|log in)"
    r"|abonelere özel|abone olun|weiterlesen mit|nur für abonnenten|abonnez-vous pour lire"
    r"|réservé aux abonnés|suscríbete para (?:seguir|continuar) leyendo|exclusivo para suscriptores"
    r"|доступно только подписчикам|подпишитесь,? чтобы (?:продолжить|читать)"
    r"|riservato agli abbonati|abbonati per continuare a leggere"
    r"|exclusivo para assinantes|assine para continuar (?:lendo|a ler)"
    r"|alleen voor abonnees|tylko dla (?:subskrybent[óo]w|prenumerator[óo]w)"
    r"|有料会員限定|会員限定記事",
)
_PAYWALL_CLASS = Cue(
    r"""(?:class|id)=["'][^"']*\bpaywall\b"""
    # Piano (Tinypass) and Poool draw their offer in containers of their own names.
    r"|poool-widget|tp-container|tp-modal|piano-offer"
)
BINARY_SUFFIXES = frozenset(
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
_NO_PROSE = 200
"""Fewer visible characters than this beside the title: nothing a reader came for is there."""
_PROSE_PARAGRAPH = 80
_ARTICLE_PARAGRAPHS = 3
"""A page with this many paragraphs of ``_PROSE_PARAGRAPH`` characters is an article, not a
notice: a bot-wall word in its headline or not-found words in its text are the article's."""
_WHITESPACE = re.compile(r"\s")
"""Any character ``str.isspace`` calls whitespace (``\\s`` on str patterns is the same set)."""
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^<>]*\?>")
_CHARSET = re.compile(r"charset=([\w.:-]+)")


@attrs.frozen
class Page:
    """The cheap reading of an HTML answer used for classification."""

    title: str | None
    text: str
    html: str
    headings: tuple[str, ...] = ()
    """The text of the page's ``h1`` and ``h2`` headings."""
    paragraphs: int = 0
    """How many of its paragraphs hold ``_PROSE_PARAGRAPH`` characters or more (counted up to
    ``_ARTICLE_PARAGRAPHS``)."""

    @property
    def article(self) -> bool:
        """Whether the page reads as an article (several paragraphs of prose), not a notice."""
        return self.paragraphs >= _ARTICLE_PARAGRAPHS

    @property
    def no_prose(self) -> bool:
        """Whether the page has nothing to read beside its title."""
        return len(self.text) - len(self.title or "") < _NO_PROSE


def read_page(body: bytes, content_type: str | None) -> Page | None:
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
        return Page(None, "", "")
    lxml_html, decode_text, xml_safe = _readers()
    charset = _CHARSET.search(ctype)
    html = xml_safe(decode_text(body, charset.group(1) if charset else None)[0])
    try:
        # A decoded string may not keep an XML declaration naming its old encoding.
        doc = lxml_html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (ValueError, LookupError, lxml_html.etree.ParserError):
        return Page(None, "", html[:200_000])
    # iter() in document order, as the path //title and //script|//style|… give, for a
    # fraction of an XPath evaluation's cost (which was most of a page's reading).
    title_el = next(doc.iter("title"), None)
    title = " ".join(title_el.text_content().split()) if title_el is not None else None
    for el in list(doc.iter("script", "style", "noscript", "template")):
        el.drop_tree()
    text = " ".join(doc.text_content().split())
    headings = tuple(" ".join(h.text_content().split()) for h in doc.iter("h1", "h2"))
    return Page(title or None, text, html[:200_000], headings, _prose_paragraphs(doc))


def _prose_paragraphs(doc: Any) -> int:
    """How many paragraphs of prose ``doc`` has, counted up to ``_ARTICLE_PARAGRAPHS`` only.

    The count stops there: past it the page is an article whatever follows, and
    reading every paragraph of a long page cost a quarter of its reading.
    """
    found = 0
    for p in doc.iter("p"):
        found += len(p.text_content().strip()) >= _PROSE_PARAGRAPH
        if found >= _ARTICLE_PARAGRAPHS:
            break
    return found


@functools.cache
def _readers() -> tuple[Any, Any, Any]:
    """lxml.html and the charset rules, imported once, on the first page read.

    Not at import: the command line starts without them.
    """
    import lxml.html

    from citeaudit.charset import decode_text, xml_safe

    return lxml.html, decode_text, xml_safe


def _similar(a: Page, b: Page) -> float:
    return fuzz.ratio(a.text[:4000], b.text[:4000]) / 100.0


# --- URL helpers -----------------------------------------------------------------------------


def validate(url: str) -> tuple[Outcome, str] | None:
    """Why ``url`` cannot be checked, or ``None`` if it can."""
    if not url or _WHITESPACE.search(url):
        return Outcome.INVALID_URL, "URL is empty or contains whitespace"
    try:
        parts = split(url)
        port = parts.port
    except ValueError as exc:
        return Outcome.INVALID_URL, f"malformed URL: {exc}"
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme:
            return Outcome.INVALID_URL, "URL has no scheme"
        return Outcome.SKIPPED, f"{parts.scheme}: URLs are not checked"
    host = parts.hostname
    if not host:
        return Outcome.INVALID_URL, "URL has no host"
    if port == 0:
        return Outcome.INVALID_URL, "URL has port 0"
    try:
        host.encode("idna")
    except UnicodeError:
        return Outcome.INVALID_URL, f"host {host!r} is not a valid name"
    return None


def _depth(path: str) -> int:
    return len([s for s in path.split("/") if s])


def is_front(url: str) -> bool:
    """Whether ``url`` is a site root or a section front (``/``, ``/news/``, ``/en``)."""
    path = split(url).path or "/"
    segments = [s for s in path.split("/") if s]
    if not segments:
        return True
    if len(segments) == 1:
        return path.endswith("/") or segments[0].lower() in _SECTION_FRONTS
    return len(segments) == 2 and segments[1].lower() in _SECTION_FRONTS and path.endswith("/")


@attrs.frozen
class Probe:
    status: int | None
    final_url: str | None
    page: Page | None


# --- classification --------------------------------------------------------------------------


def classify_error(url: str, exc: BaseException) -> tuple[Outcome, str]:
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
        return Outcome.DNS_ERROR, f"{split(url).hostname} does not resolve"
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


def classify(
    url: str, response: requests.Response, page: Page | None, probe: Probe | None
) -> tuple[Outcome, str] | None:
    """The outcome of an answer, or ``None`` when it hangs on the folder's ``probe`` not yet had.

    Every cue that needs no probe is weighed first, so only a 200 page that
    could still be a soft 404 waits for one.
    """
    verdict = classify_without_probe(url, response, page)
    if verdict is not None or probe is None:
        return verdict
    return classify_with_probe(url, response, page, probe)


def classify_without_probe(
    url: str, response: requests.Response, page: Page | None
) -> tuple[Outcome, str] | None:
    """The outcome from every cue that needs no probe, or ``None`` when the probe must decide.

    With ``None``, :func:`classify_with_probe` finishes the verdict: the cues
    weighed here are not weighed again (on a page they are the costly part).
    """
    status = response.status_code
    title = (page.title or "") if page else ""
    folded_title = fold(title)
    short = page is not None and len(page.text) < _SHORT_TEXT
    # A notice (not an article) speaks in its title and headings; an article's headline may
    # well say "Access denied" or "CAPTCHA" and be the page cited.
    notice = page is not None and not page.article
    said = [folded_title, *map(fold, page.headings)] if notice and page is not None else []
    blocker = next((h for h in _BLOCK_HEADERS if h in response.headers), None)
    if blocker is not None:
        return Outcome.BLOCKED, f"bot challenge (HTTP {status}, {blocker})"
    if any(_RATE_LIMIT_WORDS.search(line) for line in said):
        return Outcome.RATE_LIMITED, f"HTTP {status} but the page says it is rate limited"
    if notice and page is not None and (
        _CHALLENGE_TITLES.search(folded_title)
        or (short and _CHALLENGE_MARKERS.search(fold(page.html)))
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
    if response.history and (wall := gate(url, final)) is not None:
        return Outcome.BLOCKED, f"redirected to {wall}: {final}"
    if short and page is not None and notice and _PARKED_WORDS.search(fold(page.html)):
        return Outcome.SOFT_404, f"HTTP {status} but the domain is parked"
    if response.history and is_front(final) and not is_front(url):
        return Outcome.MOVED_TO_HOME, f"redirected to the front page {final}"
    if page is not None:
        stub = len(page.html) < _SHORT_TEXT
        target = refresh_target(page.html, final, scripts=stub) if page.no_prose else None
        # A page that only sends the browser on is judged by where it sends it, as a
        # redirect would be: a login page or consent wall stands in front of the page.
        if target is not None and (wall := gate(url, target)) is not None:
            return Outcome.BLOCKED, f"the page sends the browser to {wall}: {target}"
        if target is not None and is_front(target) and not is_front(url):
            return Outcome.MOVED_TO_HOME, f"the page sends the browser to the front {target}"
        if _NOT_FOUND_TITLES.search(folded_title) or any(
            _NOT_FOUND_TITLES.search(line) for line in said[1:]
        ):
            return Outcome.SOFT_404, f"HTTP {status} but the page says {title!r}"
        if short and notice and _NOT_FOUND_WORDS.search(fold(page.text)):
            return Outcome.SOFT_404, f"HTTP {status} but the page says it was not found"
        if _depth(split(url).path) > 0:
            return None
    return _after_probe(response, page)


def classify_with_probe(
    url: str, response: requests.Response, page: Page | None, probe: Probe
) -> tuple[Outcome, str]:
    """The verdict on an answer :func:`classify_without_probe` left to its folder's ``probe``."""
    final = response.url
    if (
        page is not None
        and probe.status is not None
        and 200 <= probe.status < 300
        and probe.page is not None
    ):
        if probe.final_url == final:
            return Outcome.SOFT_404, "a made-up URL on this site ends on the same page"
        if _similar(page, probe.page) >= 0.9 and (page.title == probe.page.title):
            return Outcome.SOFT_404, "same page as the site's answer to a made-up URL"
    return _after_probe(response, page)


def _after_probe(response: requests.Response, page: Page | None) -> tuple[Outcome, str]:
    """The cues weighed once a soft 404 is ruled out: a paywall, else the page is there."""
    status = response.status_code
    if page is not None:
        short = len(page.text) < _SHORT_TEXT
        if _PAYWALL_JSONLD.search(page.html):
            return Outcome.PAYWALLED, "page marks itself isAccessibleForFree: false"
        # The wording is looked for last: on a long page it is the costliest cue.
        if (short or _PAYWALL_CLASS.search(fold(page.html))) and _PAYWALL_WORDS.search(
            fold(page.text)
        ):
            return Outcome.PAYWALLED, "page shows a paywall"
    if response.history:
        return Outcome.REDIRECTED, f"redirected to {response.url}"
    return Outcome.OK, f"HTTP {status}"


