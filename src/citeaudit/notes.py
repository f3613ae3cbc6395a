"""Notes: one entry of an article's notes list, parsed into fields.

``parse_note`` (implemented below) turns the raw text of one note into a
:class:`Note`.  Readers call it for every note they find.
"""

from __future__ import annotations

import datetime as dt
import enum
import html as htmllib
import re
from collections.abc import Sequence
from typing import Any

import attrs

from citeaudit import dates


class NoteKind(enum.StrEnum):
    """What a note is, so a note without a URL still says what it is."""

    WEB = "web"
    """Cites at least one URL."""
    BOOK = "book"
    """Cites a printed work (book, journal, report) with no URL."""
    REPEAT = "repeat"
    """``Ibid.``, ``Op. cit.``, ``Id.``: repeats another note (see ``ibid_of``)."""
    EXPLANATORY = "explanatory"
    """Explains rather than cites."""


@attrs.frozen
class Note:
    """One parsed note."""

    label: str
    """The note's marker as printed: ``"1"``, ``"a"``, ``"note-3"``."""
    raw: str
    """The note's text as it stands in the article (markup removed)."""
    kind: NoteKind = NoteKind.EXPLANATORY
    title: str | None = None
    publisher: str | None = None
    """Publisher or site name, e.g. ``Kyivpost``."""
    authors: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    """Every URL in the note, exactly, in order of appearance."""
    access_date: dt.date | None = None
    access_date_raw: str | None = None
    """The access date as written, e.g. ``28.06.2024``."""
    access_date_ambiguous: bool = False
    """Day and month order could not be told apart (``03/04/2024``); ``access_date`` is a guess."""
    published: dt.date | None = None
    locator: str | None = None
    """Where in the source: ``p. 4``, ``S. 177``, ``pp. 12-14``."""
    ibid_of: str | None = None
    """Label of the note this one repeats, chains followed to the first."""

    def to_dict(self) -> dict[str, Any]:
        """The note as in the ``notes`` part of the ``citeaudit/report/v1`` JSON schema."""
        return {
            "label": self.label,
            "raw": self.raw,
            "kind": self.kind.value,
            "title": self.title,
            "publisher": self.publisher,
            "authors": list(self.authors),
            "urls": list(self.urls),
            "access_date": self.access_date.isoformat() if self.access_date else None,
            "access_date_raw": self.access_date_raw,
            "access_date_ambiguous": self.access_date_ambiguous,
            "published": self.published.isoformat() if self.published else None,
            "locator": self.locator,
            "ibid_of": self.ibid_of,
        }


# --------------------------------------------------------------------------- parsing
#
# The parser works on one note at a time and never raises on odd text: a note it
# cannot read is an EXPLANATORY note with its raw text kept.  Every regex is
# compiled once at import; the only slow step (dateparser) runs just when an
# access label is present but the hand-written date patterns found nothing.

_LABEL = re.compile(
    r"""^\s*(?:
        \[\^?(?P<br>[^\]\s]{1,40})\]:?         # [1]  [^1]:  [^note-a]:
      | \.\.\s*\[\#?(?P<rst>[^\]\s]{1,60})\]   # .. [#name]  (reStructuredText)
      | \^(?P<caret>[\w-]{1,20})               # ^1
      | (?P<num>\d{1,4})\s?[.)](?!\d)          # 1.  1)
    )\s*""",
    re.VERBOSE,
)
_BULLET = re.compile(r"^\s*(?:[-*•]\s+)+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")

_URL_CHARS = r"[^\s<>\"“”«»\[\]{}|\\^`，。；：、（）【】《》！？]"
_URL = re.compile(
    rf"(?P<url>(?:https?|ftp)://{_URL_CHARS}+)"
    rf"|(?<![\w@/.])(?P<www>www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+{_URL_CHARS}*)"
    rf"|(?P<doi>\bdoi:\s?10\.\d{{4,9}}/{_URL_CHARS}+)",
    re.IGNORECASE,
)
# The same three, apart: each is searched only when its marker is in the note.
_SCHEME_URL = re.compile(rf"(?P<url>(?:https?|ftp)://{_URL_CHARS}+)", re.IGNORECASE)
_WWW_URL = re.compile(
    rf"(?<![\w@/.])(?P<www>www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+{_URL_CHARS}*)", re.IGNORECASE
)
_DOI = re.compile(rf"(?P<doi>\bdoi:\s?10\.\d{{4,9}}/{_URL_CHARS}+)", re.IGNORECASE)
# A host and path written without scheme or www (``en.wikipedia.org/wiki/X``).  Run
# only when a ``.tld/`` is present: trying it at every word made notes slower.
_TLDS = r"(?:org|com|net|edu|gov|int|io|info|de|fr|es|it|nl|pl|ru|tr|uk|eu|pt|br)"
_BARE_HINT = re.compile(rf"\.{_TLDS}/", re.IGNORECASE)
_BARE = re.compile(
    rf"(?<![\w@/.:-])(?P<bare>(?:[a-z0-9-]+\.)+{_TLDS}/{_URL_CHARS}+)", re.IGNORECASE
)
_MD_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\(\s*<?(?=(?:https?|ftp)://|www\.)")
_TRAIL = ".,;:!?'\"’”»*_>"
_CONTINUATION = re.compile(r"(?P<gap>\n[ \t]*|[ \t])(?P<cont>[A-Za-z0-9%][A-Za-z0-9\-._~%/?#=&+]*)")

_QUOTES = re.compile(
    r"\"(?P<q1>[^\"\n]{2,300}?)\""
    r"|“(?P<q2>[^”\"]{2,300}?)[”\"]"
    r"|„(?P<q3>[^“”\"]{2,300}?)[“”\"]"
    r"|«\s?(?P<q4>[^»]{2,300}?)\s?»"
    r"|(?<![^\s(\[,;:—–-])‘(?P<q5>[^’]{2,300}?)’(?![^\W\d_])"
)
_ITALIC = re.compile(
    r"(?<![*\w])\*(?!\*)(?P<i>[^*\n]{2,300}?)(?<!\s)\*(?![*\w])|(?<![_\w])_(?!_)(?P<u>[^_\n]{2,300}?)_(?![_\w])"
)
_BOLD = re.compile(r"\*\*(?P<b>[^*\n]{2,300}?)\*\*")
_TITLE_MARKS = (
    (_QUOTES, "quote", '"“„«‘'),
    (_ITALIC, "italic", "*_"),
    (_MD_LINK, "link", "["),
    (_BOLD, "bold", "*"),
)
_HTML_TITLE = re.compile(
    r"<(?P<tag>i|em|cite)\b[^>]*>(?P<t>.*?)</(?P=tag)\s*>", re.IGNORECASE | re.DOTALL
)
_HTML_HREF = re.compile(
    r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]+>")

_ACCESS = re.compile(
    r"""(?<![^\W\d_])(?=[aelrvdzckgbufsu访检引дД])(?P<label>
        (?P<en>(?:last\s+)?accessed(?:\s+on)?|access(?:ed)?\s+date|date\s+accessed|retrieved(?:\s+on)?
            |last\s+(?:visited|checked|viewed)|viewed(?:\s+on)?|visited(?:\s+on)?|date\s+of\s+access)
      | (?P<other>(?:son\s+)?erişim(?:\s+tarihi)?|erişildi|e\.\s?t\.
            |дата\s+(?:обращения|доступа|посещения|просмотра)
            |(?:zuletzt\s+)?abgerufen(?:\s+am)?|(?:letzter\s+)?zugriff(?:\s+am)?|aufgerufen\s+am|eingesehen\s+am
            |consulté\s+le|consulté|dernière\s+consultation|date\s+de\s+consultation|dernier\s+accès|accédé\s+le
            |consultad[oa](?:\s+(?:el|em|en|il))?|consultat[oa](?:\s+il)?|accedido\s+el|accesso\s+il
            |fecha\s+de\s+(?:consulta|acceso)|ultimo\s+accesso|data\s+di\s+(?:accesso|consultazione)
            |acesso\s+em|acessado\s+em|data\s+de\s+acesso|geraadpleegd(?:\s+op)?|(?:laatst\s+)?bezocht\s+op
            |sprawdzono|sprawdzone|data\s+odczytu
            |data\s+dostępu|dostęp(?:\s+dnia)?|访问日期|访问于|检索日期|引用日期)
    )(?![^\W\d_])""",
    re.IGNORECASE | re.VERBOSE,
)
_ACCESS_LEAD = re.compile(r"[\s:：*`'\"(\[,]*")

_REPEAT_START = re.compile(
    r"^(?:ibid(?:em)?\b\.?|ibíd(?:em)?\.?|id\.|idem\b|ebd\.|ebenda\b|ibd\.|a\.\s?a\.\s?O\.|aynı\s+eser|a\.\s?g\.\s?[em]\.|"
    r"там\s+же|op\.\s?cit\.|loc\.\s?cit\.|ivi\b|ib\.)",
    re.IGNORECASE,
)
_OP_CIT = re.compile(
    r"\b(?:op\.\s?cit\.?|loc\.\s?cit\.?|a\.\s?g\.\s?[em]\.|a\.\s?a\.\s?O\.|aynı\s+eser)",
    re.IGNORECASE,
)
_LOCATOR = re.compile(
    r"(?<![^\s(,;:])(?P<loc>(?:pp?|ss?|S|P|с|С|стр|str|para|paras|Rn|cap|ch|vol|t|sayfa|§)\.?\s?"
    r"\d+(?:\s?[-–—]\s?\d+)?(?:\s?ff?\.?)?)(?![\w])",
)
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)")
_APA_AUTHORS = re.compile(
    r"^(?P<a>[^()\d\"“„«]{2,160}?)\s*"
    r"\((?:\d{4}[a-z]?(?:,[^)]*)?|n\.\s?d\.|o\.\s?J\.|s\.\s?d\.|z\.\s?d\.|b\.\s?t\.)\)\.?\s*"
)
# "London: Penguin Press, 2019" / "М.: Наука, 2001" / "İstanbul: Küre Yayınları, 2003"
_IMPRINT = re.compile(
    r"(?:^|[\s(.,;])[^\W\d_][\w .'-]{0,30}?\.?:\s*"
    r"(?P<pub>[^\W\d_][^(),:;\d]{1,60}?),\s*(?:1[5-9]\d\d|20\d\d)\b"
)
# GOST and Vancouver style: "Иванов И. И. Очерки истории. М.: …",
# "Kingma, D.P. Adam: A method … [Электронный ресурс]"
_SURNAME_INITIALS = re.compile(
    r"^(?P<a>[^\W\d_][\w'’-]+,?\s(?:[^\W\d_]\.\s?-?){1,3})\s*"
    r"(?P<t>[^\[\]/]{3,200}?)\s*(?:\[|//|\.\s|\.$|\s/\s)"
)
_BOOKISH = re.compile(
    r"\b(?:press|verlag|yayın\w*|издательство|éditions?|editorial|editora|uitgeverij|wydawnictwo|isbn)\b",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:;|\s&\s|,?\s(?:and|und|ve|et|y|e|i|и)\s)\s*")
_INITIALS = re.compile(
    r"^(?:[^\W\d_]\.\s?-?){1,3}$|^[^\W\d_][\w'’-]*(?:\s(?:[^\W\d_]\.\s?){0,3}|\s[^\W\d_][\w'’-]*)?$"
)


def _undo_markdown_escapes(text: str) -> str:
    return _MD_ESCAPE.sub(r"\1", text) if "\\" in text else text


def _strip_label(text: str) -> tuple[str | None, str]:
    match = _LABEL.match(text)
    if not match:
        return None, text
    label = next(g for g in match.group("br", "rst", "caret", "num") if g is not None)
    return label, text[match.end() :]


def _trim_url(url: str) -> str:
    """Drop trailing punctuation that belongs to the sentence, keeping balanced brackets."""
    while url:
        last = url[-1]
        unbalanced = (last == ")" and url.count("(") < url.count(")")) or (
            last == "]" and url.count("[") < url.count("]")
        )
        if last in _TRAIL or unbalanced:
            url = url[:-1]
        else:
            break
    return url


def _url_span_end(text: str, start: int, end: int) -> int:
    """Extend a URL that a line break (or a space after ``-``/``/``) cut in two."""
    while True:
        url = text[start:end]
        match = _CONTINUATION.match(text, end)
        if not match:
            return end
        cont = match.group("cont")
        newline = "\n" in match.group("gap")
        cut_mid_path = url[-1] in "-/_=&?%~"
        looks_like_path = any(
            c in cont.rstrip(".,;)") for c in "/-_.=%?&"
        ) and not cont.lower().startswith(("http", "www."))
        hyphen_break = newline and url.endswith("-") and cont[:1].islower()
        if (looks_like_path and (newline or cut_mid_path)) or hyphen_break:
            end = match.end()
            continue
        return end


@attrs.frozen
class _Found:
    url: str
    start: int
    end: int


def _find_urls(text: str) -> list[_Found]:
    found: list[_Found] = []
    lower = text.lower()
    matches = list(_SCHEME_URL.finditer(text)) if "://" in text else []
    for hint, pattern in (("www.", _WWW_URL), ("doi:", _DOI)):
        if hint in lower:
            matches.extend(pattern.finditer(text))
    if _BARE_HINT.search(text):
        matches.extend(_BARE.finditer(text))
    if len(matches) > 1:
        matches.sort(key=lambda m: m.start())
        kept: list[re.Match[str]] = []
        for m in matches:  # "https://www.x/doi:10…" is one URL, not three
            if not kept or m.start() >= kept[-1].end():
                kept.append(m)
        matches = kept
    link_texts = (
        [(m.start("text"), m.end("text")) for m in _MD_LINK.finditer(text)] if "](" in text else []
    )
    for match in matches:
        kind = match.lastgroup or "url"
        if kind in ("www", "bare") and any(s <= match.start() < e for s, e in link_texts):
            continue  # "[epdk.gov.tr/x](https://www.epdk.gov.tr)": the text only shows the link
        start = match.start()
        end = match.end()
        if kind == "url":
            end = _url_span_end(text, start, end)
        raw = text[start:end]
        url = re.sub(r"\s+", "", raw) if kind == "url" else raw
        url = _trim_url(url)
        if kind == "doi":
            url = re.sub(r"^doi:\s+", "doi:", url, flags=re.IGNORECASE)
        elif kind in ("www", "bare"):
            url = "http://" + url
        if len(url) > len("http://x.y"):
            found.append(_Found(url, start, start + len(raw.rstrip(_TRAIL + ")]"))))
    return found


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _html_urls(html: str) -> list[str]:
    urls = []
    for match in _HTML_HREF.finditer(html):
        href = htmllib.unescape(next(g for g in match.groups() if g is not None)).strip()
        if href.lower().startswith(("http://", "https://", "ftp://", "doi:")):
            urls.append(href)
    return urls


def _html_title(html: str) -> str | None:
    """The first ``<i>``/``<em>``/``<cite>`` text; inside a whole-citation ``<cite>``
    (Wikipedia wraps every reference in one), the quoted title within it."""
    for match in _HTML_TITLE.finditer(html):
        text = htmllib.unescape(_TAG.sub("", match.group("t")))
        quoted = _QUOTES.search(text)
        if quoted:
            text = next(g for g in quoted.groups() if g is not None)
        title = _clean_title(text)
        if title and not _URL.fullmatch(title):
            return title
    return None


def _clean_title(title: str) -> str | None:
    title = " ".join(title.split()).strip()
    title = title.strip("*_ ").rstrip(",;:").strip()
    if title.endswith(".") and not title.endswith(("..", " Jr.", " Inc.")):
        title = title[:-1].rstrip()
    return title or None


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out spans (URLs) so dates and locators inside them are not read."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _find_title(text: str, unmasked: str) -> tuple[str | None, int, int, str]:
    """The note's title, its span, and how it was marked (``quote``, ``italic``...).

    ``text`` has URLs blanked out; ``unmasked`` (same length) still has them, which
    Markdown links need to be recognised.
    """
    marks = set(unmasked)
    for pattern, how, hints in _TITLE_MARKS:
        if marks.isdisjoint(hints):
            continue
        for match in pattern.finditer(unmasked if how == "link" else text):
            if how == "link":
                candidate = match.group("text")
            else:
                candidate = next((g for g in match.groups() if g is not None), "")
            title = _clean_title(candidate)
            if (
                not title
                or _URL.search(title)
                or len(title) < 2
                or not re.search(r"[^\W\d_]", title)
            ):
                continue
            return title, match.start(), match.end(), how
    return None, -1, -1, ""


def _apa_title(text: str, after: int) -> str | None:
    """In ``Author (2020). Title. Site.``, the sentence after the year."""
    rest = text[after:]
    match = re.match(r"(?P<t>.{3,300}?)(?<![A-Z])(?:\.\s|\.$|\?\s|$)", rest)
    if (
        not match
        or _URL.match(rest)
        or re.match(r"\s*(?:retrieved|abgerufen|erişim|consult)", rest, re.IGNORECASE)
    ):
        return None
    title = match.group("t") + ("?" if rest[match.end("t") : match.end("t") + 1] == "?" else "")
    return _clean_title(title)


def _tidy_name(text: str) -> str:
    """Strip separators around a name, keeping the dot of a final initial (``Smith, J.``)."""
    text = text.strip(" ,:;—–-*_")
    while text.endswith(".") and not re.search(r"(?:^|[\s.,])[^\W\d_]\.$", text):
        text = text[:-1].rstrip(" ,:;")
    return text.lstrip(".").strip()


def _split_authors(segment: str) -> tuple[str, ...]:
    segment = _tidy_name(segment)
    segment = re.sub(
        r"^(?:quelle|source|kaynak|источник|fonte|fuente|bron|źródło|cf|vgl|see|siehe|voir|bkz)\.?\s*:?\s*",
        "",
        segment,
        flags=re.IGNORECASE,
    )
    segment = _tidy_name(segment)
    if not segment or len(segment) > 160 or _URL.search(segment) or re.search(r"\d", segment):
        return ()
    pieces = [_tidy_name(p) for p in _NAME_SPLIT.split(segment) if _tidy_name(p)]
    names: list[str] = []
    for piece in pieces:
        parts = [p.strip() for p in piece.split(",") if p.strip()]
        i = 0
        while i < len(parts):
            part = parts[i]
            nxt = parts[i + 1] if i + 1 < len(parts) else None
            if (
                " " not in part
                and nxt is not None
                and _INITIALS.match(nxt)
                and len(nxt.split()) <= 2
                and ("." in nxt or len(nxt.split()) == 1)
            ):
                names.append(f"{part}, {nxt}")
                i += 2
            else:
                names.append(part)
                i += 1
    names = [n for n in names if re.match(r"^[^\W\d_]", n) and len(n.split()) <= 5]
    if not names or any(n[0].islower() for n in names):
        return ()
    return tuple(names)


def _publisher_after(text: str, end: int) -> str | None:
    """The short segment right after the title: ``"Title", Kyivpost, https://…``."""
    rest = text[end:]
    match = re.match(
        r"[\s,.:;]*(?:in:\s*)?\*?(?P<p>[^,.;()\[\]<>\n*]{2,60}?)\*?\s*(?:[,.;(\[<]|$)",
        rest,
        re.IGNORECASE,
    )
    if not match:
        return None
    candidate = match.group("p").strip()
    candidate = re.sub(r"\s+\d+$", "", candidate)  # "Journal of Things 4": drop the volume
    if (
        not candidate
        or _URL.match(candidate)
        or _URL.match(rest.lstrip(" ,.:;*"))
        or _ACCESS.search(candidate)
        or _YEAR.search(candidate)
        or len(candidate.split()) > 6
        or not re.match(r"[^\W\d_]", candidate)
        or candidate.lower()
        in {"online", "en ligne", "url", "available", "verfügbar", "disponível em", "retrieved"}
    ):
        return None
    return candidate


def _find_access(
    text: str, found: list[dates.DateMatch]
) -> tuple[dates.DateMatch | None, tuple[int, int] | None]:
    """The access date right after an access label, and the label's span.

    ``found`` is every date already found in ``text``: the access date is the one
    starting within a few characters of a label.
    """
    for match in _ACCESS.finditer(text):
        lead = _ACCESS_LEAD.match(text, match.end())
        pos = lead.end() if lead else match.end()
        label_span = (match.start(), match.end())
        date = next((d for d in found if 0 <= d.start - pos <= 12), None)
        if date is not None:
            if date.ambiguous and not match.group("en"):
                # A non-English label means a day-first writer: "Erişim: 03/04/2024" is 3 April.
                date = attrs.evolve(date, ambiguous=False)
            return date, label_span
        segment = re.split(r"[)\]\n;]", text[pos : pos + 40], maxsplit=1)[0].strip(" .,*`")
        slow = dates.parse_odd_date(segment)
        if slow is not None:
            return attrs.evolve(slow, start=pos, end=pos + len(segment)), label_span
    return None, None


def parse_note(raw: str, label: str | None = None, *, html: str | None = None) -> Note:
    """Parse one note's text into a :class:`Note`.

    ``raw`` may start with its own label (``[1]``, ``1.``, ``1)``, ``^1``, ``[^1]:``);
    it is stripped and, when ``label`` is None, used as the label.  ``html`` is the
    note's inner HTML when a reader has it: its ``<a href>`` targets join the URLs and
    its ``<i>``/``<em>``/``<cite>`` text is taken as the title.
    """
    text = _undo_markdown_escapes(raw)
    found_label, body = _strip_label(text)
    if label is None:
        label = found_label or ""
    elif found_label is not None and found_label != label:
        body = text  # "2022. Report…" under label "7": the number is content, not a label
    body = _BULLET.sub("", body, count=1).strip()

    if _REPEAT_START.match(body) or (
        len(body) < 120 and _OP_CIT.search(body) and not _URL.search(body)
    ):
        loc = _LOCATOR.search(body)
        return Note(
            label=label,
            raw=raw,
            kind=NoteKind.REPEAT,
            locator=loc.group("loc") if loc else None,
            authors=_repeat_authors(body),
        )

    url_hits = _find_urls(body)
    urls = [u.url for u in url_hits]
    if html:
        urls.extend(_html_urls(html))
    urls_t = _dedupe(urls)
    masked = _mask(body, [(u.start, u.end) for u in url_hits])

    all_dates = dates.find_dates(masked)
    access, access_label = _find_access(masked, all_dates)
    taken = [(access.start, access.end)] if access else []
    if access_label:
        taken.append(access_label)
    other_dates = [
        d for d in all_dates if not any(s <= d.start < e or d.start <= s < d.end for s, e in taken)
    ]
    published = other_dates[0].date if other_dates else None

    # Titles and names are read with the URLs and the access phrase blanked out.
    plain = _mask(masked, [access_label] if access_label else [])
    if access:
        plain = _mask(plain, [(access.start, access.end)])
    # A quoted title in the text beats markup: in "“Article”, <i>Newspaper</i>" the
    # italics name the container, which becomes the publisher.
    title, t_start, t_end, how = _find_title(plain, body)
    html_italic = _html_title(html) if html else None
    if html_italic and how != "quote":
        title, t_start, t_end = html_italic, -1, -1
        if html_italic in plain:
            t_start = plain.index(html_italic)
            t_end = t_start + len(html_italic)

    authors: tuple[str, ...] = ()
    apa = _APA_AUTHORS.match(plain)
    if apa:
        authors = _split_authors(apa.group("a"))
        if title is None:
            title = _apa_title(plain, apa.end())
    elif t_start > 0:
        authors = _split_authors(plain[:t_start])
    elif title is None and (gost := _SURNAME_INITIALS.match(plain)):
        authors = (gost.group("a").strip(),)
        title = _clean_title(gost.group("t"))

    publisher = None
    if title is not None and t_end >= 0:
        publisher = _publisher_after(plain, t_end)
    if publisher is None and html_italic and html_italic != title:
        publisher = html_italic
    if publisher is None and (imprint := _IMPRINT.search(plain)):
        publisher = imprint.group("pub").strip()

    loc = _LOCATOR.search(plain)
    locator = loc.group("loc") if loc else None

    if urls_t:
        kind = NoteKind.WEB
    elif (title or publisher or authors or locator) and (
        _YEAR.search(plain) or _BOOKISH.search(plain)
    ):
        kind = NoteKind.BOOK
    else:
        kind = NoteKind.EXPLANATORY

    return Note(
        label=label,
        raw=raw,
        kind=kind,
        title=title,
        publisher=publisher,
        authors=authors,
        urls=urls_t,
        access_date=access.date if access else None,
        access_date_raw=access.raw if access else None,
        access_date_ambiguous=access.ambiguous if access else False,
        published=published,
        locator=locator,
    )


def _repeat_authors(body: str) -> tuple[str, ...]:
    """``Smith, op. cit., p. 5`` → ``("Smith",)``: who the repeat points back to."""
    match = _OP_CIT.search(body)
    if not match or match.start() == 0:
        return ()
    name = body[: match.start()].strip(" ,.;:")
    return (name,) if name and len(name) <= 80 and not re.search(r"\d", name) else ()


def resolve_repeats(notes: Sequence[Note]) -> tuple[Note, ...]:
    """Set ``ibid_of`` on every REPEAT note, following chains to the first real note.

    ``Ibid.``/``Id.`` repeat the previous note; ``Smith, op. cit.`` repeats the latest
    earlier note that names Smith (else the previous note).
    """
    resolved: list[Note] = []
    for index, note in enumerate(notes):
        if note.kind is not NoteKind.REPEAT or index == 0:
            resolved.append(note)
            continue
        target = resolved[index - 1]
        if note.authors:
            surname = note.authors[0].split(",")[0].split()[-1].casefold()
            for earlier in reversed(resolved[:index]):
                if earlier.kind is NoteKind.REPEAT:
                    continue
                names = " ".join(earlier.authors).casefold() or earlier.raw.casefold()
                if surname in names:
                    target = earlier
                    break
        ibid_of = (
            target.ibid_of if target.kind is NoteKind.REPEAT and target.ibid_of else target.label
        )
        resolved.append(attrs.evolve(note, ibid_of=ibid_of))
    return tuple(resolved)
