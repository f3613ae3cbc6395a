"""Bytes of a fetched page → text, decoded with care.

Citation targets are often old pages whose declared charset is wrong (a
Turkish page sent as ISO-8859-1, a Russian one with no declaration at all).
The decoding order is

1. a byte-order mark (it cannot be wrong, so it wins, as in browsers);
2. the charset of the HTTP ``Content-Type`` header;
3. ``<meta charset>`` or ``<meta http-equiv="Content-Type">`` in the first bytes;
4. charset-normalizer's guess (when nothing is declared, or the declaration fails).

A declared charset is then checked rather than trusted: bytes that are valid
UTF-8 but declared single-byte are UTF-8 (otherwise ``Ã©`` mojibake), a decoding
that charset-normalizer finds garbled is replaced by its better guess, and a
Western declaration whose text is Turkish (``ð þ ý`` standing for ``ğ ş ı``,
which no chaos measure can see) becomes windows-1254.

Both the page extractor (:mod:`citeaudit.extract`) and the link checker's
title reader (:mod:`citeaudit.links`) decode through :func:`decode_text`, so a
page's title and its text never disagree.  This module is light to import:
the extractor's trafilatura and pypdf are not needed to decode a page.
"""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer
from charset_normalizer.md import mess_ratio

__all__ = ["decode_text", "visible_text", "xml_safe"]

_log = logging.getLogger(__name__)

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
# Enough of a page to judge its charset by; the rest only costs time.
_CHARSET_SAMPLE = 64 * 1024
# A garbled decoding scores well above this on charset-normalizer's mess ratio.
_MESS_LIMIT = 0.1


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
    elif mess_ratio(visible_text(text), maximum_threshold=1.0) > _MESS_LIMIT:
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
    text = visible_text(data.decode(western, errors="replace"))
    markers = len(_TURKISH_AS_WESTERN.findall(text))
    if markers < 3 or len(_ICELANDIC_COMPANIONS.findall(text)) * 4 > markers:
        return False
    # The language model lives with the extractor, which loads it once per process
    # (and before workers fork); imported here only for this rare check.
    from citeaudit.extract import _detect_language

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


def visible_text(html: str) -> str:
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
