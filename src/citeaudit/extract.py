"""The readable text of a fetched page: HTML, PDF or plain text → :class:`PageText`.

HTML goes through trafilatura for the main article text, title and publication
date, after the bytes are decoded with care: citation targets are often old
pages whose declared charset is wrong (a Turkish page sent as ISO-8859-1, a
Russian one with no declaration at all).  The decoding order is

1. a byte-order mark (it cannot be wrong, so it wins, as in browsers);
2. the charset of the HTTP ``Content-Type`` header;
3. ``<meta charset>`` or ``<meta http-equiv="Content-Type">`` in the first bytes;
4. charset-normalizer's guess (when nothing is declared, or the declaration fails).

A declared charset is then checked rather than trusted: bytes that are valid
UTF-8 but declared single-byte are UTF-8 (otherwise ``Ã©`` mojibake), a decoding
that charset-normalizer finds garbled is replaced by its better guess, and a
Western declaration whose text is Turkish (``ð þ ý`` standing for ``ğ ş ı``,
which no chaos measure can see) becomes windows-1254.

PDFs are read with pypdf, plain text is kept as is; anything else gives an
empty :class:`PageText` rather than an error, because an unreadable page is a
finding for the caller to report, not a failure of citeaudit.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import io
import logging
import re
import threading
from typing import Any

import attrs
import charset_normalizer
import trafilatura
from charset_normalizer.md import mess_ratio
from pypdf import PdfReader

__all__ = ["PageText", "extract"]

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

# Labels browsers treat as windows-1252 or windows-1254 (WHATWG Encoding Standard):
# the C1 range of "ISO-8859-1" pages is, in practice, always windows-1252.
_WHATWG_ALIASES = {
    "latin_1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
}
_WESTERN = frozenset({"cp1252", "iso8859-15", "latin_1"})
# In windows-1252 these are Icelandic letters; in windows-1254 the same bytes are ğ Ğ ı İ ş Ş.
_TURKISH_AS_WESTERN = re.compile("[ðÐýÝþÞ]")
_ICELANDIC_COMPANIONS = re.compile("[æÆáÁíÍóÓúÚéÉ]")

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HTML_LANG = re.compile(rb"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.IGNORECASE)
# Both linear on hostile markup: a raw-text element's end is found by one search from its
# start, and a tag cannot contain "<", so a run of unclosed "<" is scanned once, not once each.
_RAW_TEXT_OPEN = re.compile(r"<(script|style)\b", re.IGNORECASE)
_RAW_TEXT_CLOSE = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style")
}
_TAG = re.compile(r"<[^<>]*>")
# Characters XML 1.0 forbids: lxml refuses them ("All strings must be XML compatible")
# wherever a string is set on a tree, and no reader sees them on a page.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
_LOOKS_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<!--)", re.IGNORECASE)

# Enough of a page to judge its charset by; the rest only costs time.
_CHARSET_SAMPLE = 64 * 1024
# A garbled decoding scores well above this on charset-normalizer's mess ratio.
_MESS_LIMIT = 0.1
# Below this many letters the language detector guesses, so declared `lang` wins.
_MIN_LETTERS_FOR_DETECTION = 40
_LETTERS = re.compile(r"[^\W\d_]")


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
    media_type, header_charset = _parse_content_type(content_type)
    kind = _classify(content, media_type)
    if kind == HTML:
        return _extract_html(content, header_charset, url, detect_language)
    if kind == PDF:
        return _extract_pdf(content, detect_language)
    if kind == TEXT:
        text, encoding = decode_text(content, header_charset)
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        return PageText(
            title=None,
            text=text,
            lang=_detect_language(text) if detect_language else None,
            published=None,
            content_type=media_type if media_type.startswith("text/") else TEXT,
            encoding=encoding,
        )
    return PageText(
        title=None,
        text="",
        lang=None,
        published=None,
        content_type=media_type or "application/octet-stream",
        encoding=None,
    )


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


# --- bytes to text ------------------------------------------------------------------------


def _codec(label: str | None) -> str | None:
    """Python's codec name for a charset label, browser aliases applied; None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name)


def _public_name(codec: str) -> str:
    """The IANA-style name of a Python codec (``cp1254`` → ``windows-1254``)."""
    if codec.startswith("cp125"):
        return "windows-" + codec[2:]
    return {"utf_8": "utf-8", "utf-8-sig": "utf-8", "utf_16": "utf-16"}.get(codec, codec)


def _bom_codec(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _decodes(data: bytes, codec: str) -> str | None:
    """``data`` decoded strictly, or None; a sequence cut at the end of a sample is fine."""
    try:
        return codecs.getincrementaldecoder(codec)().decode(data, final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes) -> str | None:
    """charset-normalizer's reading of undeclared or misdeclared bytes.

    On short texts it often finds several single-byte charsets nearly as clean;
    among those, windows-1252 (by far the web's most common legacy charset) wins
    over an exotic sibling such as windows-1257 that would turn ``ï`` into ``ļ``.
    """
    matches = list(charset_normalizer.from_bytes(data[:_CHARSET_SAMPLE]))
    if not matches:
        return None
    best = min(matches, key=lambda match: match.chaos)
    for match in matches:
        if _codec(match.encoding) == "cp1252" and match.chaos <= best.chaos + _MESS_LIMIT:
            return "cp1252"
    return _codec(matches[0].encoding)


def _choose_codec(data: bytes, declared: str | None) -> str:
    """The codec to decode ``data`` with, given the charset the page declares (if any)."""
    sample = data[:_CHARSET_SAMPLE]
    if declared and declared.startswith("utf_16"):
        return declared if _decodes(sample, declared) is not None else (_guess(sample) or "cp1252")
    if sample.isascii():
        return declared or "utf-8"
    if _decodes(sample, "utf-8") is not None:
        # Real single-byte text is almost never valid multi-byte UTF-8, so a page
        # declared Latin-1 whose bytes are UTF-8 is UTF-8 (or it would read "Ã©").
        return "utf-8"
    chosen = declared
    if chosen is None or chosen == "utf-8" or (text := _decodes(sample, chosen)) is None:
        chosen = _guess(sample) or "cp1252"
    elif mess_ratio(_visible(text), maximum_threshold=1.0) > _MESS_LIMIT:
        better = _guess(sample)
        if better and better != chosen:
            _log.debug("declared charset %s looks garbled; using %s", declared, better)
            chosen = better
    if chosen in _WESTERN and _reads_as_turkish(sample, chosen):
        chosen = "cp1254"
    return chosen


def _reads_as_turkish(data: bytes, western: str) -> bool:
    """Whether Western-decoded ``data`` is really windows-1254 Turkish.

    Turkish read as windows-1252 is full of ``ý þ ð`` (for ``ı ş ğ``) without the
    ``á í ó ú æ`` that always come with them in real Icelandic.
    """
    text = _visible(data.decode(western, errors="replace"))
    markers = len(_TURKISH_AS_WESTERN.findall(text))
    if markers < 3 or len(_ICELANDIC_COMPANIONS.findall(text)) * 4 > markers:
        return False
    return _detect_language(text) not in {"is", "fo"}


def decode_text(data: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """Decode a text or HTML body; returns the text and the IANA name of its encoding.

    See the module docstring for the order of evidence.
    """
    bom = _bom_codec(data)
    if bom:
        codec = bom
    else:
        declared = _codec(header_charset)
        if declared is None:
            match = _META_CHARSET.search(data[:4096])
            declared = _codec(match.group(1).decode("ascii")) if match else None
        codec = _choose_codec(data, declared)
    return data.decode(codec, errors="replace"), _public_name(codec)


def _visible(html: str) -> str:
    """The text of ``html`` without tags, scripts and styles (for judging its charset)."""
    parts: list[str] = []
    pos = 0
    while (start := _RAW_TEXT_OPEN.search(html, pos)) is not None:
        parts.append(html[pos : start.start()])
        end = _RAW_TEXT_CLOSE[start.group(1).lower()].search(html, start.end())
        if end is None:
            pos = len(html)  # never closed: as in a browser, the rest is script
            break
        pos = end.end()
    parts.append(html[pos:])
    return _TAG.sub(" ", " ".join(parts))


def xml_safe(text: str) -> str:
    """``text`` without the control characters XML forbids (form feed and VT become spaces).

    Pages hold them by accident (a pasted backspace, a unit separator); browsers
    show nothing for them, and lxml refuses them.
    """
    # str.replace and one regex pass: str.translate with a table is ten times slower.
    return _NOT_XML.sub("", text.replace("\x0b", " ").replace("\x0c", " "))


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
) -> PageText:
    html, encoding = decode_text(content, header_charset)
    html = xml_safe(html)
    document = _trafilatura(html, url, favor_recall=False)
    text = _text_of(document)
    if not text:
        # Short pages (a three-paragraph notice) fall under trafilatura's default
        # size thresholds; favouring recall, then its baseline, still finds them.
        recall = _trafilatura(html, url, favor_recall=True)
        text = _text_of(recall)
        document = document or recall
    if not text:
        with contextlib.suppress(Exception):
            text = trafilatura.baseline(html)[1].strip()
    declared = _HTML_LANG.search(content[:4096])
    detected = _detect_language(text) if detect_language else None
    lang = detected or (declared.group(1).decode().lower() if declared else None)
    return PageText(
        title=(getattr(document, "title", None) or None),
        text=text,
        lang=lang,
        published=_parse_date(getattr(document, "date", None)),
        content_type=HTML,
        encoding=encoding,
    )


def _trafilatura(html: str, url: str | None, *, favor_recall: bool) -> Any:
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            favor_recall=favor_recall,
            # The fast path skips the fallback extractors' second opinion; it halves the
            # cost, and an empty result still falls through to recall mode and the baseline.
            fast=not favor_recall,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # Only dates the markup states: a free-text search picks up dates the
            # article merely mentions, and a wrong publication date misleads more
            # than a missing one.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on hostile markup
        _log.debug("trafilatura failed on %s: %s", url, exc)
        return None


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


def _extract_pdf(content: bytes, detect_language: bool) -> PageText:
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
    return PageText(
        title=title,
        text=text,
        lang=_detect_language(text) if detect_language else None,
        published=published,
        content_type=PDF,
        encoding=None,
    )
