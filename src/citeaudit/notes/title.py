"""The cited work's title, read the way a reader of the note finds it.

Cues, strongest first:

1. **Markup** the article gave the note: the quoted title inside Wikipedia's
   whole-citation ``<cite>``, ``<i>``/``<em>``/``<cite>`` text, the text of an
   external link (``<a href>``, Markdown ``[Text](url)``, reST ```Text <url>`_``).
2. **Quotes**: ``"…"``, ``“…”``, ``„…“``, ``«…»``, ``‘…’``, ``「…」``, ``『…』``,
   ``《…》`` — unless the quote is a word being defined in prose (``the term "x"
   means…``).  A quoted title beats italics: in ``“Article”, <i>Paper</i>`` the
   italics name the container.
3. **Position** in the common styles (see :mod:`citeaudit.notes.styles`): after the
   authors and year (APA, Harvard), after ``Surname, I.:`` (DIN 1505), after
   ``Surname I. I.`` or before `` / `` (GOST), after the author sentence (MLA,
   Chicago bibliography, Vancouver, ISO 690), between the author and the imprint
   (Chicago notes), before the site name (web notes).

Whatever is found loses a trailing site name (``Hadrian's Wall | Facts & History |
Some Encyclopaedia`` → ``Hadrian's Wall``).  With no cue the title is None.
"""

from __future__ import annotations

import html as htmllib
import re

import attrs

from citeaudit.notes.urls import MD_LINK, URL

QUOTES = re.compile(
    r"\"(?P<q1>[^\"\n]{2,300}?)\""
    r"|“(?P<q2>[^”\"]{2,300}?)[”\"]"
    r"|„(?P<q3>[^“”\"]{2,300}?)[“”\"]"
    r"|«\s?(?P<q4>[^»]{2,300}?)\s?»"
    r"|(?<![^\s(\[,;:—–-])‘(?P<q5>[^’]{2,300}?)’(?![^\W\d_])"
    r"|「(?P<q6>[^」]{1,300}?)」|『(?P<q7>[^』]{1,300}?)』|《(?P<q8>[^》]{1,300}?)》"
    r"|‹(?P<q9>[^›]{2,300}?)›|”(?P<q10>[^”\n]{2,300}?)”"
)
_ITALIC = re.compile(
    r"(?<![*\w])\*(?!\*)(?P<i>[^*\n]{2,300}?)(?<!\s)\*(?![*\w])|(?<![_\w])_(?!_)(?P<u>[^_\n]{2,300}?)_(?![_\w])"
)
_BOLD = re.compile(r"\*\*(?P<b>[^*\n]{2,300}?)\*\*")
_RST_LINK = re.compile(r"`(?P<text>[^`<]{2,300}?)\s*<(?:https?|ftp)://[^>`]+>`_{1,2}")
_MARKS = (
    (QUOTES, "quote", '"“„«‘「『《‹”'),
    (_ITALIC, "italic", "*_"),
    (_RST_LINK, "link", "`"),
    (MD_LINK, "link", "["),
    (_BOLD, "bold", "*"),
)
_HTML_MARK = re.compile(
    r"<(?P<tag>i|em|cite)\b[^>]*>(?P<t>.*?)</(?P=tag)\s*>", re.IGNORECASE | re.DOTALL
)
_HTML_LINK = re.compile(
    r"<a\b[^>]*?\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>(?P<t>.*?)</a\s*>", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<[^>]+>")

# "the term "x" means…", "so-called «x»": a quote that names a word, not a work.
_DEFINING_BEFORE = re.compile(
    r"(?:\bterms?|\bwords?|\bphrase|\bcalled|\bknown\s+as|\bso-called|\bmeans?|\bmeaning|\brefers?\s+to"
    r"|\bdefined\s+as|\bnamed|\bBegriff|\bWort|\bgenannt\w*|\bsogenannt\w*|\bBezeichnung|\bterme|\bmot"
    r"|\bappel\w+|\bdit|\bterim\w*|\bkelime\w*|\bdeni\w+|\bтермин\w*|\bслов\w*|\bназыва\w+|\btérmino"
    r"|\bpalabra|\bllamad\w|\btermine|\bparola|\bdett\w|\btermo|\bpalavra|\bchamad\w|\bwoord|\bgenoemd)"
    r"[\s,:]*$",
    re.IGNORECASE,
)
_DEFINING_AFTER = re.compile(
    r"^[\s,)]*(?:means|meant|refers\s+to|is\s+defined|stands\s+for|bedeutet|heißt|signifie|désigne"
    r"|anlamına|demektir|означает|significa|betekent|oznacza|は|とは)",
    re.IGNORECASE,
)
_SITE_SEP = re.compile(r"\s+(?:\||–|—|-|·|::|»)\s+")


@attrs.frozen
class Found:
    """A title and where it stood (``start``/``end`` -1 when it came from markup only)."""

    title: str
    start: int
    end: int
    how: str
    """``quote``, ``italic``, ``link``, ``bold``, ``markup`` or a style name."""


def clean(title: str) -> str | None:
    """Whitespace collapsed, stray emphasis and final punctuation removed."""
    title = " ".join(title.split()).strip()
    title = title.strip("*_ ").rstrip(",;:").strip()
    if title.endswith(".") and not title.endswith(("..", " Jr.", " Inc.", " Ltd.", " Co.")):
        title = title[:-1].rstrip()
    return title or None


def plausible(title: str | None) -> bool:
    """A title has a letter, is not a URL and is not a lone bracket or number."""
    return bool(
        title
        and len(title) >= 2
        and re.search(r"[^\W\d_]", title)
        and not URL.search(title)
    )


def is_definition(text: str, start: int, end: int) -> bool:
    """Is the quote at ``start:end`` a word being defined or named in prose?"""
    before = text[max(0, start - 40) : start]
    return bool(_DEFINING_BEFORE.search(before) or _DEFINING_AFTER.match(text[end : end + 30]))


def marked_title(plain: str, unmasked: str) -> Found | None:
    """The first title marked by quotes, Markdown/reST emphasis or link text.

    ``plain`` has URLs blanked out; ``unmasked`` (same length) still has them, which
    links need to be recognised.
    """
    chars = set(unmasked)
    for pattern, how, hints in _MARKS:
        if chars.isdisjoint(hints):
            continue
        for match in pattern.finditer(unmasked if how == "link" else plain):
            if how == "link":
                candidate = match.group("text")
            else:
                candidate = next((g for g in match.groups() if g is not None), "")
            title = clean(candidate)
            if not plausible(title):
                continue
            if how == "quote" and is_definition(plain, match.start(), match.end()):
                continue
            assert title is not None
            return Found(title, match.start(), match.end(), how)
    return None


def _html_text(fragment: str) -> str:
    return htmllib.unescape(_TAG.sub("", fragment))


def html_title(html: str) -> str | None:
    """The first ``<i>``/``<em>``/``<cite>`` text; inside a whole-citation ``<cite>``
    (Wikipedia wraps every reference in one), the quoted title within it."""
    for match in _HTML_MARK.finditer(html):
        text = _html_text(match.group("t"))
        quoted = QUOTES.search(text)
        if quoted:
            text = next(g for g in quoted.groups() if g is not None)
        elif match.group("tag").lower() == "cite" and len(text) > 80:
            inner = _HTML_MARK.search(match.group("t"))  # a whole citation: its own <i> is the title
            if inner is None:
                continue
            text = _html_text(inner.group("t"))
        title = clean(text)
        if plausible(title):
            return title
    return None


def html_link_title(html: str) -> str | None:
    """The text of the note's first external link, when it is words and not the URL."""
    for match in _HTML_LINK.finditer(html):
        title = clean(_html_text(match.group("t")))
        if plausible(title) and title and not re.fullmatch(r"[\w.-]+\.[a-z]{2,}(?:/\S*)?", title):
            return title
    return None


def strip_site(title: str, publisher: str | None = None, hosts: tuple[str, ...] = ()) -> str:
    """``Page | Section | Site`` → ``Page``; ``Page - Site`` → ``Page`` when Site is the
    publisher or the URL's host."""
    parts = _SITE_SEP.split(title)
    if len(parts) < 2:
        return title
    if " | " in title or " :: " in title:
        head = parts[0]
        return head if len(head) >= 3 else title
    last = parts[-1].casefold()
    squashed = re.sub(r"[^\w]", "", last)
    known = [p.casefold() for p in (publisher,) if p] + [h.casefold() for h in hosts]
    if squashed and any(squashed in re.sub(r"[^\w]", "", k) or re.sub(r"[^\w]", "", k) in squashed for k in known if k):
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    if re.search(r"\b(?:wikipedia|wikisource|encyclop\w+|news|blog|the\s+guardian|bbc|reuters)\b", last) and len(last.split()) <= 4:
        return parts[0]
    return title
