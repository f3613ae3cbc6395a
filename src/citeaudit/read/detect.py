"""Getting an article's text: where it comes from, its encoding, its format.

Encodings are found in this order: a byte-order mark, strict UTF-8, the
charset an HTML/XML document declares, then charset-normalizer's guess
(which tells windows-1254 Turkish from windows-1252, and windows-1251 from
KOI8-R Cyrillic, by the language the decoded text makes).
"""

from __future__ import annotations

import codecs
import io
import os
import re
import zipfile
from pathlib import Path

import attrs
from charset_normalizer import from_bytes

from citeaudit.errors import InputError, UnsupportedFormat

MAX_INLINE_PATH = 4096
"""A ``str`` source longer than this, or holding a newline, is article text, not a path."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (not a Word document)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
_FILE_NAME_LIKE = re.compile(r"^[^\s<>]+\.(?:txt|text|html?|xhtml|md|markdown)$", re.I)


@attrs.frozen
class Loaded:
    """An article's decoded text and where it came from."""

    text: str
    name: str
    """A path, or ``<text>``/``<bytes>`` for in-memory sources."""
    suffix: str = ""
    """The file name suffix, lower case (``.html``), when read from a file."""
    data: bytes | None = None
    """The file's bytes, for a binary document format (then ``text`` is empty)."""
    binary_format: str | None = None
    """``docx`` or ``pdf`` when the bytes are such a document."""


def load(source: str | bytes | os.PathLike[str], name: str | None = None) -> Loaded:
    """Read and decode ``source``: a path, a ``str`` naming a file, article text, or bytes.

    ``name`` stands for in-memory sources in error messages (``<stdin>``).
    """
    if isinstance(source, bytes | bytearray):
        label = name or "<bytes>"
        return _loaded(bytes(source), label, "")
    if isinstance(source, os.PathLike):
        return _load_file(Path(source))
    if not isinstance(source, str):
        raise InputError(f"cannot read an article from {type(source).__name__}")
    if len(source) <= MAX_INLINE_PATH and "\n" not in source:
        path = Path(source)
        try:
            exists = path.exists()
        except OSError:  # e.g. a name too long for the file system
            exists = False
        if exists or _FILE_NAME_LIKE.match(source.strip()):
            return _load_file(path)
    if not source.strip():
        raise InputError(f"{name or 'the article text'} is empty")
    return Loaded(source, name or "<text>")


def _load_file(path: Path) -> Loaded:
    name = str(path)
    if path.is_dir():
        raise InputError(f"{name} is a directory, not an article")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {name}") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    return _loaded(data, name, path.suffix.lower())


def _loaded(data: bytes, name: str, suffix: str) -> Loaded:
    found = binary_format(data)
    if found is not None:
        return Loaded("", name, suffix, data=data, binary_format=found)
    return Loaded(decode(data, name), name, suffix)


def binary_format(data: bytes) -> str | None:
    """``docx`` or ``pdf`` when ``data`` is a Word document or a PDF, else ``None``."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return None
    return None


def decode(data: bytes, name: str) -> str:
    """The text in ``data``; :class:`InputError` if it is empty, binary or undecodable."""
    if not data.strip():
        raise InputError(f"{name} is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormat(f"{name} is {what}, not a text, HTML or Markdown article")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name)
            except UnicodeDecodeError:
                # A BOM followed by bytes that are not that encoding: binary, or mislabelled.
                raise InputError(
                    f"{name} starts with a {encoding.upper()} byte-order mark but is not "
                    f"{encoding.upper()} text"
                ) from None
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        try:
            return _checked(data.decode(utf16), name)
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: the binary check below decides
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} is a binary file, not a text, HTML or Markdown article")
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    declared = _DECLARED.search(data[:4096])
    if declared:
        encoding = (declared.group(1) or declared.group(2)).decode("ascii")
        try:
            return _checked(data.decode(encoding), name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: guess instead
    guesses = from_bytes(data)
    best = guesses.best()
    if best is None:
        raise InputError(f"{name}: cannot tell the text encoding (binary file?)")
    return _checked(_turkish_reading(guesses, best.chaos) or str(best), name)


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the zero bytes sit in every other place, as in UTF-16 text.

    Text in Latin, Cyrillic or Greek script written as UTF-16 without a BOM has
    a zero byte in each space and ASCII letter, always on the same side of the
    pair; binary files scatter their zeros.
    """
    head = data[:8192]
    if len(head) < 4 or b"\x00" not in head:
        return None
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2], head[1::2]
    pairs = len(even)
    if odd.count(0) >= 0.3 * pairs and even.count(0) <= 0.02 * pairs:
        return "utf-16-le"
    if even.count(0) >= 0.3 * pairs and odd.count(0) <= 0.02 * pairs:
        return "utf-16-be"
    return None


TIE = 0.02
"""Guesses whose "chaos" is within this of the best one read the bytes equally well."""
_TURKISH_ONLY = frozenset("ıİşŞğĞ")
_NOT_TURKISH = frozenset("áéíóúàèìòùæøåßÁÉÍÓÚÀÈÌÒÙÆØÅ")


def _turkish_reading(guesses, chaos: float) -> str | None:
    """The windows-1254 reading when it ties with a western one and looks Turkish.

    windows-1252/1250 map Turkish ``ı ş ğ`` to Icelandic ``ý þ ð`` and read
    just as cleanly, so on short Turkish texts charset-normalizer picks them.
    Turkish never uses ``á é ì ø æ`` and the like: a reading free of those
    that holds Turkish-only letters is Turkish.
    """
    for guess in guesses:
        if guess.encoding in ("cp1254", "iso8859_9") and guess.chaos <= chaos + TIE:
            text = str(guess)
            turkish = sum(1 for ch in text if ch in _TURKISH_ONLY)
            if turkish >= 2 and not any(ch in _NOT_TURKISH for ch in text):
                return text
    return None


def _checked(text: str, name: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError(f"{name} is empty")
    controls = sum(1 for ch in text[:8192] if ch < " " and ch not in "\t\n\r\f")
    if controls > 0.01 * min(len(text), 8192) + 2:
        raise InputError(f"{name} is a binary file, not a text, HTML or Markdown article")
    return text


_HTML_SNIFF = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]", re.I
)
_HTML_TAGS = re.compile(r"</(?:p|div|li|h[1-6]|section|span|a)>", re.I)
_MARKDOWN_SNIFF = re.compile(
    r"^\[\^[^\]\s]+\]:|\[\^[^\]\s]+\]|^#{1,6}\s+\S|^\s{0,3}(?:[-*+]|\d+\.)\s+.*\]\(https?://", re.M
)


_HTML_PAGE = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.I | re.S
)


def looks_like_html_page(text: str) -> bool:
    """Whether ``text`` is a whole HTML page (starts with a doctype or ``<html>``)."""
    return bool(_HTML_PAGE.match(text[:4096]))


_WIKITEXT_SNIFF = (
    re.compile(r"<ref[\s>/]", re.I),
    re.compile(r"\{\{\s*(?:cite\s+\w+|citation|sfn|reflist|infobox)\b", re.I),
    re.compile(r"^=={1,4}[^=\n]+=={1,4}\s*$", re.M),
    re.compile(r"\[\[[^\[\]\n]+\]\]"),
    re.compile(r"'''[^'\n]+'''"),
)
"""Marks of wikitext; two of them make a text wikitext."""


_RST_NOTE = re.compile(r"^\.\.\s+\[(?:#[\w-]*|\*|\d+|[A-Za-z][\w.-]*)\]\s", re.M)
_RST_REF = re.compile(r"\[(?:#[\w-]*|\*|\d+|[A-Za-z][\w.-]*)\]_")
_BIBTEX_SNIFF = re.compile(r"^(?:\s*%[^\n]*\n)*\s*@[a-z]+\s*[{(]", re.I)
_CSL_SNIFF = re.compile(r"^\s*(?:\[\s*)?\{")


def sniff_format(text: str) -> str:
    """The likely format of ``text``: ``bibtex``, ``csljson``, ``html``, ``wikitext``,
    ``rst``, ``markdown`` or ``text``."""
    head = text[:4096]
    if _BIBTEX_SNIFF.match(head):
        return "bibtex"
    if _CSL_SNIFF.match(head) and '"type"' in head and ('"title"' in head or '"id"' in head):
        return "csljson"
    if _HTML_SNIFF.search(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    sample = text[:65536]
    if sum(1 for pattern in _WIKITEXT_SNIFF if pattern.search(sample)) >= 2:
        return "wikitext"
    if _RST_NOTE.search(text) and _RST_REF.search(sample):
        return "rst"
    if re.search(r"^\[\^[^\]\s]+\]:", text, re.M) or len(_MARKDOWN_SNIFF.findall(head)) >= 2:
        return "markdown"
    return "text"
