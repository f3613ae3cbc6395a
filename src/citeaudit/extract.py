"""The readable text of a fetched page: HTML, PDF or plain text → :class:`PageText`.

HTML goes through trafilatura for the main article text, title and publication
date, after the bytes are decoded with care by :func:`citeaudit.charset.decode_text`
(byte-order mark, declared charset checked against the bytes, then detection)
and stripped of the control characters XML forbids.

PDFs are read with pypdf, plain text is kept as is; anything else gives an
empty :class:`PageText` rather than an error, because an unreadable page is a
finding for the caller to report, not a failure of citeaudit.

:func:`extract_lazily` reads the text alone and leaves an HTML page's title and
date (a fifth of its reading, most of it the date search) until they are asked
for: a watch run compares most pages' text and verifies nothing against them.
"""

from __future__ import annotations

import codecs
import contextlib
import copy
import datetime as dt
import functools
import io
import logging
import re
import threading
from collections.abc import Callable
from typing import Any

import attrs
import trafilatura
from pypdf import PdfReader

from citeaudit.charset import decode_text, xml_safe

__all__ = ["LazyPageText", "PageText", "extract", "extract_lazily"]

_log = logging.getLogger(__name__)


@attrs.frozen
class PageText:
    """What a page says, ready for claim verification."""

    title: str | None
    text: str
    """Main text, boilerplate (menus, footers) removed; one paragraph per line."""
    lang: str | None
    """ISO 639-1 code of the text's language (``"tr"``), detected or declared."""
    published: dt.date | None
    """Publication date the page states in its markup or metadata, if any."""
    content_type: str
    """Media type the text was read as: ``text/html``, ``application/pdf``, ``text/plain``..."""
    encoding: str | None
    """Character encoding the bytes were decoded with (``None`` for PDFs and binaries)."""


HTML = "text/html"
PDF = "application/pdf"
TEXT = "text/plain"

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"application/json", "application/ld+json", "application/x-tex"})
_VAGUE_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"RIFF")

_HTML_LANG = re.compile(rb"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.IGNORECASE)
_LOOKS_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<!--)", re.IGNORECASE)

# Below this many letters the language detector guesses, so declared `lang` wins.
_MIN_LETTERS_FOR_DETECTION = 40
_LETTERS = re.compile(r"[^\W\d_]")


Metadata = tuple[str | None, dt.date | None]
"""A page's title and publication date."""


@attrs.frozen
class LazyPageText:
    """A page's text, read; its title and publication date are read when :attr:`page` is
    first asked for, from what the reading kept (an HTML page's parsed tree): the same
    values :func:`extract` gives."""

    text: str
    lang: str | None
    content_type: str
    encoding: str | None
    _metadata: Callable[[], Metadata] = attrs.field(repr=False, eq=False)

    @functools.cached_property
    def page(self) -> PageText:
        """The whole :class:`PageText` (title and date read now, once)."""
        title, published = self._metadata()
        return PageText(title=title, text=self.text, lang=self.lang, published=published,
                        content_type=self.content_type, encoding=self.encoding)


def extract(
    content: bytes,
    *,
    content_type: str | None = None,
    url: str | None = None,
    detect_language: bool = True,
) -> PageText:
    """Extract the title, main text, language and publication date of a fetched page.

    ``content_type`` is the HTTP ``Content-Type`` header, charset included when the
    server sent one; without it the kind of content is sniffed from the bytes.
    ``url`` helps trafilatura with relative metadata and dates in the path.
    Unknown or binary content gives a ``PageText`` with empty text.
    ``detect_language=False`` keeps only the language the page declares (its
    ``<html lang>``), and so never loads the detector's model (68 MB, most of
    a second): for callers that do not read ``lang``.
    """
    return extract_lazily(content, content_type=content_type, url=url,
                          detect_language=detect_language).page


def extract_lazily(
    content: bytes,
    *,
    content_type: str | None = None,
    url: str | None = None,
    detect_language: bool = True,
) -> LazyPageText:
    """:func:`extract`, its title and date read only if :attr:`LazyPageText.page` is asked for."""
    media_type, header_charset = _parse_content_type(content_type)
    kind = _classify(content, media_type)
    if kind == HTML:
        return _extract_html(content, header_charset, url, detect_language)
    if kind == PDF:
        return _extract_pdf(content, detect_language)
    if kind == TEXT:
        text, encoding = decode_text(content, header_charset)
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        return LazyPageText(
            text=text,
            lang=_detect_language(text) if detect_language else None,
            content_type=media_type if media_type.startswith("text/") else TEXT,
            encoding=encoding,
            metadata=functools.partial(_known, None, None),
        )
    return LazyPageText(text="", lang=None, content_type=media_type or "application/octet-stream",
                        encoding=None, metadata=functools.partial(_known, None, None))


# --- what kind of content ----------------------------------------------------------------


def _parse_content_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, param_value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = param_value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def _classify(content: bytes, media_type: str) -> str | None:
    head = content[:1024]
    if head.lstrip().startswith(b"%PDF-"):
        return PDF  # servers often send PDFs as octet-stream or even text/html
    if media_type in _HTML_TYPES:
        return HTML
    if media_type == PDF:
        return None  # claims to be a PDF but is not one
    if media_type.startswith("text/") or media_type in _TEXT_TYPES:
        return HTML if _LOOKS_HTML.match(_strip_bom(head)) else TEXT
    if media_type not in _VAGUE_TYPES:
        return None
    if not content or b"\x00" in head or head.startswith(_BINARY_MAGIC):
        return None
    return HTML if _LOOKS_HTML.match(_strip_bom(head)) else TEXT


def _strip_bom(data: bytes) -> bytes:
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(bom):
            return data[len(bom) :]
    return data


# --- language -----------------------------------------------------------------------------

_langid_lock = threading.Lock()
_langid: Any = None


def _detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when there is too little text."""
    global _langid
    # 2,000 characters identify a language as surely as the whole page, at a fraction of the cost.
    sample = text[:2000]
    if (
        len(_LETTERS.findall(sample, 0, 400)) < _MIN_LETTERS_FOR_DETECTION
        and len(_LETTERS.findall(sample)) < _MIN_LETTERS_FOR_DETECTION
    ):
        return None
    language, _score = _language_model().classify(sample)
    return str(language)


def _language_model() -> Any:
    global _langid
    with _langid_lock:
        if _langid is None:
            # Imported late: loading the model costs most of a second, and many
            # runs never extract a page.  py3langid loads it on the first
            # classification, so that happens here, once, under the lock.
            import py3langid

            py3langid.classify("warm up")
            _langid = py3langid
    return _langid


# --- HTML ---------------------------------------------------------------------------------


def _extract_html(
    content: bytes, header_charset: str | None, url: str | None, detect_language: bool
) -> LazyPageText:
    html, encoding = decode_text(content, header_charset)
    html = xml_safe(html)
    # With the page's URL known, trafilatura's text needs none of its metadata, so
    # only the title and date are read, from the tree, when they are asked for.
    lean = url is not None
    # Parsed once: trafilatura copies a tree it is given before cutting it up, and
    # the title and date are then read from the same, untouched, tree.
    tree = _tree(html)
    document = _trafilatura(tree, url, favor_recall=False, with_metadata=not lean)
    text = _text_of(document)
    if not text:
        # Short pages (a three-paragraph notice) fall under trafilatura's default
        # size thresholds; favouring recall, then its baseline, still finds them.
        recall = _trafilatura(tree, url, favor_recall=True, with_metadata=not lean)
        text = _text_of(recall)
        document = document or recall
    if not text:
        with contextlib.suppress(Exception):
            text = trafilatura.baseline(html)[1].strip()
    declared = _HTML_LANG.search(content[:4096])
    detected = _detect_language(text) if detect_language else None
    lang = detected or (declared.group(1).decode().lower() if declared else None)
    return LazyPageText(text=text, lang=lang, content_type=HTML, encoding=encoding,
                        metadata=functools.partial(_html_metadata, document, tree, url))


def _html_metadata(document: Any, tree: Any, url: str | None) -> Metadata:
    """The title and date of a page trafilatura read as ``document`` from ``tree``.

    With the URL known (a lean extraction), they are read from the tree, which
    trafilatura copied and so left as it was; only if it found a document, as
    its own metadata would be.  Without it, its metadata has them already.
    """
    title, date = getattr(document, "title", None), getattr(document, "date", None)
    if url is not None and document is not None and tree is not None:
        title, date = _title_and_date(tree, url)
    return title or None, _parse_date(date)


_DATE_PARAMS = {"extensive_search": False, "original_date": True}
"""Only dates the markup states: a free-text search picks up dates the article merely
mentions, and a wrong publication date misleads more than a missing one."""


def _tree(html: str) -> Any:
    """The page's tree as trafilatura parses it, or ``None`` when it is no HTML."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except Exception as exc:  # trafilatura/lxml raise many kinds on hostile markup
        _log.debug("trafilatura could not parse the page: %s", exc)
        return None


def _trafilatura(tree: Any, url: str | None, *, favor_recall: bool, with_metadata: bool) -> Any:
    """trafilatura's extraction of ``tree`` (which it copies, and so leaves as it was)."""
    if tree is None:
        return None
    options = copy.copy(_options(favor_recall, with_metadata))
    # What trafilatura's Extractor makes of a URL; the rest is the same on every page.
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    try:
        return trafilatura.bare_extraction(tree, options=options)
    except Exception as exc:  # trafilatura/lxml raise many kinds on hostile markup
        _log.debug("trafilatura failed on %s: %s", url, exc)
        return None


@functools.cache
def _options(favor_recall: bool, with_metadata: bool) -> Any:
    """trafilatura's options for one kind of extraction, built once: building them reads
    its configuration anew each time, about a tenth of a small page's extraction."""
    from trafilatura.settings import Extractor

    return Extractor(
        output_format="python",
        recall=favor_recall,
        # The fast path skips the fallback extractors' second opinion; it halves the
        # cost, and an empty result still falls through to recall mode and the baseline.
        fast=not favor_recall,
        with_metadata=with_metadata,
        comments=False,
        tables=True,
        date_params=_DATE_PARAMS,
    )


def _title_and_date(tree: Any, url: str) -> tuple[str | None, str | None]:
    """The title and date trafilatura's metadata gives, without the rest of it.

    The same steps, in the same order, as ``trafilatura.metadata.extract_metadata``
    takes for these two fields (meta tags, then JSON-LD, then the markup's title;
    the canonical URL, for the date in a path).  The author, site name, categories,
    tags and licence it also reads copy and search the whole tree, cost over a
    fifth of a page's extraction, and no caller reads them: nor the host name,
    which is the one thing that needs the public suffix list.
    """
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url

    try:
        metadata = examine_meta(tree)
        with contextlib.suppress(Exception):  # as trafilatura: bugs in its JSON-LD reader
            metadata = extract_meta_json(tree, metadata)
        metadata.title = metadata.title or extract_title(tree)
        metadata.url = metadata.url or extract_url(tree, url)
        metadata.date = find_date(tree, **_DATE_PARAMS, url=metadata.url)
        metadata.clean_and_trim()  # entities, spaces and control characters, as trafilatura
        return metadata.title, metadata.date
    except Exception as exc:  # trafilatura/lxml raise many kinds on hostile markup
        _log.debug("trafilatura's metadata failed on %s: %s", url, exc)
        return None, None


def _text_of(document: Any) -> str:
    return str(getattr(document, "text", None) or "").strip()


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- PDF ----------------------------------------------------------------------------------


def _extract_pdf(content: bytes, detect_language: bool) -> LazyPageText:
    title = None
    published = None
    pages: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            reader.decrypt("")  # many "protected" PDFs only forbid printing
        metadata = reader.metadata
        if metadata is not None:
            title = (metadata.title or "").strip() or None
            created = metadata.creation_date
            published = created.date() if created else None
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many kinds on damaged or encrypted files
        _log.debug("pypdf could not read the PDF: %s", exc)
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    # pypdf reads the document information with the pages: nothing is left to defer.
    return LazyPageText(text=text, lang=_detect_language(text) if detect_language else None,
                        content_type=PDF, encoding=None,
                        metadata=functools.partial(_known, title, published))


def _known(title: str | None, published: dt.date | None) -> Metadata:
    """Metadata read already (or none to read), as :attr:`LazyPageText.page` asks for it."""
    return title, published
