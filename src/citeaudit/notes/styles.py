"""Where the title stands in a note that does not mark it: the common citation styles.

Each style is one rule over the note's text with URLs, dates of access and
identifiers already blanked out:

===============================  ==============================================
APA, Harvard                     ``Authors (Year[, date]). Title. Container.``
DIN 1505                         ``Surname, I.: Title. Place Year.``
GOST                             ``Surname I. I. Title / … — М.: Publisher, Year.``
                                 or ``Title / I. I. Surname. — …``
Vancouver                        ``Surname AB, Surname CD. Title. Journal. Year;``
MLA, Chicago bibliography,       ``Authors. Title. Publisher, Year.``
ISO 690, CS1 rendered as text
Chicago notes, Turkish notes     ``Author, Title, Publisher, Place, Year, p. N.``
web notes                        ``Title, Site, URL`` / ``Title. Site. URL``
===============================  ==============================================

The authors' segment has to look like names (:func:`looks_like_names`) before the
segment after it is taken for the title; a note that is prose (an explanation, not
a citation) gives no title.
"""

from __future__ import annotations

import re

from citeaudit.notes.authors import APA_AUTHORS, split_authors
from citeaudit.notes.title import Found, clean, plausible

_WORD = r"[^\W\d_][\w'’.-]*"
_YEARISH = re.compile(r"^\(?(?:c\.\s?)?(?:1[5-9]\d\d|20\d\d)[a-z]?\)?$|^\d+$")
_DIN = re.compile(
    r"^(?P<a>[^\W\d_][\w'’-]+(?:[ -][^\W\d_][\w'’-]+)?,\s(?:[^\W\d_]\.\s?-?){1,3}"
    r"(?:\s?(?:/|;|u\.|und)\s?[^\W\d_][\w'’-]+,\s(?:[^\W\d_]\.\s?){1,3})*)\s?:\s*(?P<t>[^:]{3,250}?)"
    r"(?:\.\s|\.$|\s/\s|$)"
)
_GOST = re.compile(
    r"^(?P<a>[^\W\d_][\w'’-]+,?\s(?:[^\W\d_]\.\s?-?){1,3})\s*"
    r"(?P<t>[^\[\]/]{3,200}?)\s*(?:\[|//|\.\s|\.$|\s/\s|\s[—–]\s)"
)
_TITLE_SLASH = re.compile(r"^(?P<t>[^/\[\]]{3,200}?)\s*(?:\[[^\]]{2,40}\]\s*)?/\s*(?:[^\W\d_]\.\s?){1,3}")
_VANCOUVER = re.compile(
    r"^(?P<a>[^\W\d_][\w'’-]+(?:\s[^\W\d_][\w'’-]+)?\s[A-Z]{1,3}(?:,\s[^\W\d_][\w'’-]+(?:\s[^\W\d_][\w'’-]+)?\s[A-Z]{1,3})*(?:,?\s(?:et\s+al|and\s+others))?)\.\s+"
    r"(?P<t>[^.?!]{3,250}[.?!])(?:\s|$)"
)
_STOP = re.compile(r"[.?!]\s+(?=\S)")
_WORD_BEFORE = re.compile(r"(\S+)$")
_ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "st", "jr", "sr", "no", "nr", "vol", "ed", "eds", "hrsg", "prof",
    "vs", "cf", "pp", "p", "bd", "jg", "hg", "ders", "dies", "bzw", "vgl", "s", "t", "ss", "c",
    "ca", "dir", "trans", "tr", "rev", "repr", "orig", "gen", "al", "inc", "ltd", "co", "etc",
}
_PROSE_WORD = re.compile(
    r"\b(?:the|is|are|was|were|this|that|which|who|has|have|not|but|also|see|for|with|der|die|das|ist|und|nicht"
    r"|le|la|les|est|une|des|qui|que|bir|ve|bu|için|olan|ile|el|los|las|es|que|una|il|che|di|per|è|o|os|as|um|é"
    r"|de|het|een|niet|jest|się|nie|что|это|не|как|на)\b",
    re.IGNORECASE,
)
_IMPRINTISH = re.compile(
    r"(?:^|\s)(?:[^\W\d_][\w .'-]{0,30}?\s?:\s*[^\W\d_]|(?:hrsg|ed|eds|vol|bd|cilt|t|том)\.)|(?:press|verlag|yayın\w*|"
    r"издательство|éditions?|editorial|editora|uitgeverij|wydawnictwo|university|universität|üniversitesi|"
    r"publishing|publishers?|books|kitabevi|basımevi|matbaa\w*)\b",
    re.IGNORECASE,
)
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "al", "bin", "ibn", "del", "dos", "y", "e"}


def looks_like_names(segment: str) -> bool:
    """Does ``segment`` read as a list of people (or one person), not as a title?"""
    segment = segment.strip(" ,.;:*")
    if not segment or len(segment) > 160:
        return False
    names = split_authors(segment)
    if not names:
        return False
    for name in names:
        words = [w for w in re.split(r"[\s,]+", name) if w]
        caps = [w for w in words if w.casefold() not in _PARTICLES]
        if not 1 <= len(caps) <= 5 or any(not w[0].isupper() for w in caps):
            return False
        initials = any(re.fullmatch(r"(?:[^\W\d_]\.-?){1,3}|[A-Z]{1,3}", w) for w in words)
        if len(caps) == 1 and not (initials or "," in name or len(names) > 1):
            return False  # "Faustkeile": one word is a title as often as a name
    return True


def _sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the full-stop sentences of ``text``."""
    spans = []
    pos = 0
    for match in _STOP.finditer(text):
        word = _WORD_BEFORE.search(text, pos, match.start())
        token = word.group(1).lower() if word else ""
        if len(token) == 1 and token.isalpha() or token.rstrip(".") in _ABBREVIATIONS:
            continue  # an initial ("J. Smith") or an abbreviation ("Hrsg. von")
        spans.append((pos, match.start() + 1))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _segments(text: str, sep: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for match in re.finditer(sep, text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        chunk = chunk.strip()
        if chunk:
            out.append((s + lead, s + lead + len(chunk)))
    return out


def is_prose(text: str) -> bool:
    """An explanation, not a citation: many function words in one run of text."""
    words = re.findall(r"[^\W\d_]+", text)
    return len(words) >= 12 and len(_PROSE_WORD.findall(text)) >= 4


def _titleish(text: str) -> bool:
    text = text.strip()
    return bool(
        plausible(text)
        and not _YEARISH.match(text)
        and (text[0].isupper() or text[0].isdigit() or not text[0].isalpha())
        and not re.match(r"(?i)(?:pp?|s|vol|no|nr|bd|cilt|sayı|с|т|ch|chap)\.?\s?\d", text)
    )


def _found(text: str, start: int, end: int, how: str) -> Found | None:
    title = clean(text[start:end])
    if not title or not _titleish(title) or len(title) > 300:
        return None
    return Found(title, start, end, how)


def positional_title(plain: str, *, has_url: bool = False) -> tuple[Found | None, tuple[str, ...]]:
    """The title by its position in a known style, and the authors before it.

    ``has_url``: the note cites a URL, so a lone short phrase beside it names the page.
    """
    text = plain.rstrip()
    stripped = text.strip()
    if not stripped or is_prose(stripped) and not re.search(r"[:(]\s*(?:1[5-9]\d\d|20\d\d)", stripped):
        return None, ()
    lead = len(text) - len(text.lstrip())

    apa = APA_AUTHORS.match(text, lead)
    if apa:
        authors = split_authors(apa.group("a")) or ((apa.group("a").strip(" .,"),) if apa.group("a").strip() else ())
        rest_start = apa.end()
        match = re.compile(r"(?P<t>.{3,300}?)(?<![A-Z])(?:\.\s|\.$|\?\s|\s\[|$)").match(text, rest_start)
        if match:
            end = match.end("t") + (1 if text[match.end("t") : match.end("t") + 1] == "?" else 0)
            return _found(text, match.start("t"), end, "apa"), authors
        return None, authors

    for pattern, how in ((_DIN, "din"), (_VANCOUVER, "vancouver")):
        match = pattern.match(text, lead)
        if match:
            authors = split_authors(match.group("a")) or (match.group("a").strip(),)
            return _found(text, match.start("t"), match.end("t"), how), authors

    gost = _GOST.match(text, lead)
    if gost:
        return _found(text, gost.start("t"), gost.end("t"), "gost"), (gost.group("a").strip(),)
    slash = _TITLE_SLASH.match(text, lead)
    if slash:
        return _found(text, slash.start("t"), slash.end("t"), "gost"), ()

    sentences = _sentences(text)
    commas = _segments(text, r",\s+|\s+[—–]\s+")
    # "Authors. Title. Publisher, Year." (MLA, Chicago bibliography, ISO 690)
    if len(sentences) >= 2:
        s0, e0 = sentences[0]
        first = text[s0:e0]
        if looks_like_names(first.rstrip(".")):
            s1, e1 = sentences[1]
            found = _found(text, s1, e1, "author-title")
            if found:
                return found, split_authors(first.rstrip("."))
    # "Author, Title, Publisher, Year, p. 4." (Chicago notes)
    if len(commas) >= 2:
        s0, e0 = commas[0]
        if looks_like_names(text[s0:e0]):
            s1, e1 = commas[1]
            t_end = e1
            sub = _sentences(text[s1:e1])
            if len(sub) > 1:
                t_end = s1 + sub[0][1]
            found = _found(text, s1, t_end, "chicago")
            if found:
                return found, split_authors(text[s0:e0])
    # "Title. Site." / "Title, Site, 2016." — the first segment when no names lead.
    pieces = sentences if len(sentences) >= 2 else commas
    if pieces:
        s0, e0 = pieces[0]
        first = text[s0:e0]
        if not looks_like_names(first) and not _IMPRINTISH.search(first) and not is_prose(first):
            few_function_words = len(_PROSE_WORD.findall(first)) <= 1
            if few_function_words and (len(pieces) >= 2 or has_url and len(first.split()) <= 12):
                return _found(text, s0, e0, "title-first"), ()
    return None, ()
