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

import functools
import re

from citeaudit.dates import month_names
from citeaudit.notes import access, cjk
from citeaudit.notes import gost as gost_areas
from citeaudit.notes.authors import APA_AUTHORS, NAMES_REACH, split_authors, tidy_name
from citeaudit.notes.text import FIND_YEAR, YEAR
from citeaudit.notes.title import (
    LETTERS,
    SITE_SEP,
    Found,
    clean,
    fold_accents,
    host_names,
    names_site,
    not_a_title_quote,
    plausible,
    strip_site,
)

# Patterns used inside functions, compiled once.
_NAME_PARTS = re.compile(r"[\s,]+")
_INITIAL = re.compile(r"(?:[^\W\d_]\.-?){1,3}|[A-Z]{1,3}")
_LOCATOR_START = re.compile(r"(?i)(?:pp?|s|vol|no|nr|bd|cilt|sayı|с|т|ch|chap)\.?\s?\d")
_GAP = re.compile(r"\s\s\s+")  # (not \s{3,}: a first character lets the scan jump)
_DIGIT = re.compile(r"\d")
_SENTENCE_BREAK = re.compile(r"\.\s+\S")
_DATED_IMPRINT = re.compile(r"[:(]\s*" + YEAR)

_WORD = r"[^\W\d_][\w'’.-]*"
# "s.a." (sine anno: Finnish, Swedish and Latin lists) and "u.å."/"u.d." (Swedish, Danish and
# Norwegian "without year"/"without date") stand where a list's year would.
_NO_YEAR = r"(?:s\.\s?a|u\.\s?[åd])\.?"
_YEARISH = re.compile(r"^\(?(?:c\.\s?)?" + YEAR + r"[a-z]?\)?$|^\d+$|^" + _NO_YEAR + "$")
_NAME = (
    r"[^\W\d_][\w'’-]+(?:[ -][^\W\d_][\w'’-]+)?,\s"  # Surname,
    r"(?:(?:[^\W\d_]\.\s?-?){1,3}|[^\W\d_][\w'’-]+(?:\s[^\W\d_][\w'’.-]+)?)"  # I. / Given
)
_DIN = re.compile(
    rf"(?P<a>{_NAME}(?:\s?(?:;|/|u\.|und)\s?{_NAME})*)\s?:\s+"
    r"(?P<t>(?:[^:.]|\s:\s|:(?=\s[A-ZÄÖÜ])|\.(?=\S)){3,250}?)(?:\.\s|\.$|\s/\s|$)"
)
# "Organización Internacional del Trabajo (OIT). (2019).": a body's acronym in brackets
# before APA's date is part of the author, the date is the bracket with the year.
_AUTHOR_ACRONYM = re.compile(
    r"[^()\d]{3,200}?\s(?P<x>\([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ&-]{1,9}\))\.?\s*\((?=[^()]{0,20}\d{4}|n\.\s?d|s\.\s?[df]|z\.\s?d)"
)
# "[ReSV04]", "[Knu84]", "[Rhu]": the key an alphabetic style (BibTeX's alpha, DIN's
# "Kurzzitat") prints before the entry.
_KEY_LABEL = re.compile(r"\[(?!online\]|internet\])[A-Z][A-Za-z+-]{1,10}\d{0,4}[a-z]?\]\s+")
# "Umweltbundesamt (Hrsg.): Title", "Jacobs, J. (red.): Title": DIN and Dutch editors; the
# title begins after the colon.
_EDITORS_LEAD = re.compile(
    r"(?P<a>[^\W\d_][^:()\[\]]{1,160}?)\s?\((?:Hrsg|Hg|Red|red|eds?|Eds?|Ed|org|orgs|coord)\.?\)\s?:\s+"
)
# "Milton Abramowitz and Irene A. Stegun, eds. Handbook of …": Chicago's editors, their
# mark after a comma closing the names; the title is the sentence after it.
_EDITORS_COMMA = re.compile(
    r"(?P<a>[^\W\d_][^:()\[\]]{1,160}?),\s(?:eds|ed|Hrsg|Hg|éds|éd)\.\s+(?=[^\W\d_])"
)
_GOST_NAME = r"[^\W\d_][\w'’-]+,?\s(?:[^\W\d_]{1,2}\.\s?-?){1,3}"
# What follows GOST's names is the title, unless the names go on after a semicolon
# ("Puzon, G.; Lancaster, J.; … & Plumb, I., 2009."): GOST lists names with commas only.
_NAMES_GO_ON = r"(?![;&])"
# "Bernacki, M. L.; Greene, M. J.; …": GOST's names stop short of a semicolon, so its match
# can end inside one name's initials ("M.") and start the "title" on the rest ("L.; …").
# Initials then a semicolon or "&" are the name list going on, not a title.
_INITIALS_GO_ON = re.compile(r"(?:[^\W\d_]\.\s?-?){1,3}\s?[;&]")
_GOST = re.compile(
    rf"(?P<a>{_GOST_NAME}(?:,\s?{_GOST_NAME})*(?:\s?(?:et\s+al|и\s+др)\.)?)\s*"
    rf"{_NAMES_GO_ON}"
    r"(?P<t>[^\[\]/]{3,200}?)\s*(?:\[|//|\.\s|\.$|\s/\s|\s[—–]\s)"
)
# Every pattern here is used with ``match(text, lead)``, which anchors it at ``lead``
# (a "^" would only match at the very start of the text).
# With a " // " the container mark ends the title, and full stops inside it are initials
# or abbreviations ("… этногенеза Л.Н. Гумилева // Вестник …").
_GOST_CONTAINER = re.compile(
    rf"(?P<a>{_GOST_NAME}(?:,\s?{_GOST_NAME})*(?:\s?(?:et\s+al|и\s+др)\.)?)\s*"
    rf"{_NAMES_GO_ON}"
    r"(?P<t>[^\[\]/]{3,300}?)\s*(?:\[[^\]]{1,40}\]\s*)?(?:/\s|//)"
)
_CJK_PAGE_UNIT = re.compile(r"\d\s?(?:쪽|면|頁|页|ページ)")
_GBT_TYPE = re.compile(r"\s*\[(?:[JMCDNRSPZAG]|EB/OL|DB/OL|M/OL|J/OL|CP/OL)\]")
# GOST's "Title : учеб. пособие / …": a designation of the kind of work follows the title.
_TITLE_KIND = re.compile(
    r"(?P<t>[^:/\[\]]{3,200}?)\s:\s(?:учеб|офиц|материалы|сб\.|монограф|пособие|справочник|дис|сборник|практикум"
    r"|энцикл|словарь|роман|стихи|науч|метод)",
    re.IGNORECASE,
)
# Italian Wikipedia's "Title, su Site. URL consultato il …".
_ON_SITE = re.compile(r"(?P<t>[^,]{2,200}?),\s+su\s+[^\W\d_]")
# ", articolo 5, paragrafo 1", ", art. 9", ", article 5", ", artikel 3 lid 2", ", madde 4":
# the article of a law the note points to is a locator, not part of the law's title.
_ARTICLE_TAIL = re.compile(
    r",\s+(?:articolo|articoli|artt?\.|article|articles|artikel|artikelen|madde|maddesi)\s*\d.*$",
    re.IGNORECASE,
)
# "Modulhandbuch S.210", "…, S. 12-14": a German page locator closing the title points into
# the work, it is not part of its name.
_PAGE_TAIL = re.compile(r"(?:,\s*|\s+)S\.\s?\d+(?:\s?[-–]\s?\d+)?\s?f{0,2}\.?$")
# "Designing Interfaces, Capítulo 10", "…, Chapter 2", "…, chap. 4": the chapter a note
# points to, after a comma closing the title, is a locator inside the book, not its name.
_CHAPTER_TAIL = re.compile(
    r",\s+(?:cap[ií]tulos?|cap\.|chapters?|chap\.|ch\.|chapitres?|kapitel|kap\.|capitolo"
    r"|hoofdstuk|rozdział|bölüm|глава|гл\.)\s*\d+(?:\s?[-–]\s?\d+)?\.?$",
    re.IGNORECASE,
)
# ("ITIL 4 Edition" is a name: a bare number before "Edition" is an edition only after
# a comma or with its ordinal, "2nd ed.", "5. Aufl.", "3-е изд.")
_EDITION = re.compile(
    r"(?:,\s*\d+\s*(?:ª|a\.?|nd|rd|th|st|e|-?е|\.)?|\s*\d+\s*(?:ª|a\.?|nd|rd|th|st|e|-?е|\.))"
    r"\s*(?:ed|edition|edição|edición|Aufl|éd|izd|изд|baskı|vyd|wyd)\.?$",
    re.IGNORECASE,
)
# "Choices and connections 2nd edition, Bedford, 2016": an edition statement numbered by an
# ordinal follows the title, even with no stop before it and the imprint after it.
_EDITION_STATEMENT = re.compile(
    r",?\s+\d+\s?(?:st|nd|rd|th|e|ª|\.|-?е)\s+(?:ed\.|edition|édition|edición|edição|Aufl\."
    r"|Auflage|baskı|изд\.|издание)(?=\s*[,.;:(]|\s*$)",
    re.IGNORECASE,
)
# The title ends at a full stop, unless the stop closes a lone capital (an initial inside
# the title, "U.S."); an acronym ends a sentence like any word ("… in GPT. NeurIPS 2022").
# (A title wrapped onto the next line of its entry goes on there: "." takes the line break.)
# A stop with the URL's label glued to it ("… behind Bitcoin.Retrieved from Science: url")
# ends the title too: the label opens the next element, whatever space was left out.
_GLUED_LABEL = (
    r"(?:Retrieved|Recuperado|Obtenido|Geraadpleegd|Opgehaald|Available|Disponível|Disponible"
    r"|Accessed)\s"
)
_APA_TITLE = re.compile(
    r"(?P<t>.{3,300}?)(?<!(?<![^\W\d_])[A-Z])(?:\.\s|\.$|\?\s|\s\[|\.(?=" + _GLUED_LABEL + r")|$)",
    re.DOTALL,
)
_GLUED_STOP = re.compile(r"[.?!](?=" + _GLUED_LABEL + r")")
# "… in Buildings. 10.22260/ISARC2018/0094." (a ResearchGate export): a bare DOI after the
# title's stop is the work's identifier, never part of its title.
_BARE_DOI = re.compile(r"[.,]?\s+10\.\d{4,9}/\S")
# "… Occupant Posture. Presented at the International Congress & Exposition": the author-date
# styles name the meeting a work was given at in a sentence of its own after the title.
_PRESENTED_AT = re.compile(r"[.,]\s+(?:(?:Paper|Poster|Talk)\s+)?[Pp]resented\s+at\b")
# "xattr(7) — Linux manual page // Linux man-pages project": title, then its container.
_TITLE_CONTAINER = re.compile(r"(?P<t>[^/\[\]]{3,200}?)\s+//\s")
# "Title [en ligne]", "Title [Электронный ресурс]": a medium designator ends the title.
# The medium designators of the styles (ISO 690, GOST, NLM/Vancouver, APA's bracketed kinds).
_MEDIUMS = (
    r"en\s+ligne|online|electronic\s+resource|электронный\s+ресурс|електронний\s+ресурс"
    r"|електронски\s+извор|elektronički\s+izvor|текст|çevrimçi|çevrimiçi"
    r"|elektronische?\s+ressource|online-ressource|internet|video|pdf|archivo\s+pdf|broncode"
    r"|source\s+code|podcast"
    # Finnish "verkkojulkaisu" (online publication; Statistics Finland's Swedish and English
    # "webbpublikation", "e-publication"), Norwegian "Internett", and the discs.
    r"|verkkojulkaisu|verkkoaineisto|verkkodokumentti|webbpublikation|e-publication|internett"
    r"|cd-rom|dvd(?:-rom)?"
)
_TITLE_MEDIUM = re.compile(
    rf"(?P<t>[^\[\]]{{3,300}}?)\s*\[(?:{_MEDIUMS}|eb/ol|[jmcdrns])\]", re.IGNORECASE
)
_TITLE_SLASH = re.compile(
    r"(?P<t>[^/\[\]]{3,200}?)\s*(?:\[[^\]]{2,40}\]\s*)?/\s*(?:[^\W\d_]\.\s?){1,3}"
)
_VANCOUVER = re.compile(
    r"(?P<a>[^\W\d_][\w'’-]+(?:\s[^\W\d_][\w'’-]+)?\s[A-Z]{1,3}(?:,\s[^\W\d_][\w'’-]+(?:\s[^\W\d_][\w'’-]+)?\s[A-Z]{1,3})*(?:,?\s(?:et\s+al|and\s+others))?)\.\s+"
    r"(?!et\s+al\b)(?P<t>[^.?!]{3,250}[.?!])(?:\s|$)"
)
_STOP = re.compile(r"[.?!]\s+(?=\S)")
# Abbreviations that end no sentence when a number follows ("art. 7", "artt. 3-5",
# Turkish "md. 4"); before a capital they may ("… the Art. Next sentence").
_NUMBERING = {"art", "artt", "md"}
_ABBREVIATIONS = {
    "dr",
    "mr",
    "mrs",
    "ms",
    "st",
    "jr",
    "sr",
    "no",
    "nr",
    "vol",
    "ed",
    "eds",
    "hrsg",
    "prof",
    "vs",
    "cf",
    "pp",
    "p",
    "bd",
    "jg",
    "hg",
    "ders",
    "dies",
    "bzw",
    "vgl",
    "s",
    "t",
    "ss",
    "c",
    "ca",
    "dir",
    "trans",
    "tr",
    "rev",
    "repr",
    "orig",
    "gen",
    "al",
    "inc",
    "ltd",
    "co",
    "etc",
    "hz",
    "t.c",  # Turkish "T.C." (Türkiye Cumhuriyeti) opens a body's name: "T.C. Sağlık Bakanlığı"
    # French "coll." (collection), "éd.", "trad."; Italian "cfr.", "ecc."; Dutch "blz.",
    # "dl." (deel); Turkish "çev." (çeviren), "haz." (hazırlayan), "bkz." (bakınız),
    # "yay." (yayınları): an imprint's abbreviations, not sentence ends.  (Dutch "red."
    # stands in brackets, where a full stop ends nothing, and "Red." ends titles.)
    "coll",
    "éd",
    "trad",
    "cfr",
    "ecc",
    "blz",
    "dl",
    "çev",
    "haz",
    "bkz",
    "yay",
}
# Function words by language: many of them in one run of text mark prose, not a citation.
_PROSE_WORDS = frozenset({
    "the", "is", "are", "was", "were", "this", "that", "which", "who", "has", "have", "not",
    "but", "also", "see", "for", "with",  # en
    "der", "die", "das", "ist", "und", "nicht",  # de
    "le", "la", "les", "est", "une", "des", "qui", "que",  # fr
    "bir", "ve", "bu", "için", "olan", "ile",  # tr
    "el", "los", "las", "es", "una", "il", "che", "di", "per", "è",  # es, it
    "o", "os", "as", "um", "é", "de", "het", "een", "niet",  # pt, nl
    "jest", "się", "nie", "что", "это", "не", "как", "на",  # pl, ru
})  # fmt: skip
_WORDS = re.compile(r"[^\W\d_]+")
_COMMA = re.compile(r",\s+")
_IMPRINTISH = re.compile(
    r"(?:^|\s)(?:[^\W\d_][\w .'-]{0,30}?\s?:\s*[^\W\d_]|(?:hrsg|ed|eds|vol|bd|cilt|t|том)\.)"
    r"|(?:press|verlag|yayın\w*|"
    r"издательство|éditions?|editorial|editora|uitgeverij|wydawnictwo|university|universität|üniversitesi|"
    r"publishing|publishers?|books|kitabevi|basımevi|matbaa\w*)\b",
    re.IGNORECASE,
)
_PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "da",
    "di",
    "du",
    "le",
    "la",
    "al",
    "bin",
    "ibn",
    "del",
    "dos",
    "y",
    "e",
}


def slug_words(urls: tuple[str, ...]) -> set[str]:
    """The words of each URL's last path segment (``…/calling-a-web-api`` → calling, web,
    api), three letters or more."""
    words: set[str] = set()
    for url in urls:
        path = url.split("://", 1)[-1].split("?", 1)[0].rstrip("/")
        if "/" in path:
            words.update(
                w for w in _WORDS.findall(path.rsplit("/", 1)[-1].casefold()) if len(w) >= 3
            )
    return words


def is_site_name(part: str, urls: tuple[str, ...]) -> bool:
    """Is ``part`` only the name of the site a URL is on (``Stack Overflow`` for
    stackoverflow.com, ``Sonar Docs`` for docs.sonarsource.com), not a title naming it?
    Accents are folded as an address spells them (``Kültür Portalı``, kulturportali.gov.tr)."""
    words = _WORDS.findall(fold_accents(part).casefold())
    if not words or len(words) > 4:
        return False
    hosts = [h.casefold() for h in host_names(urls)]
    return any(all(w in host for w in words) for host in hosts)


def looks_like_names(segment: str) -> bool:
    """Does ``segment`` read as a list of people (or one person), not as a title?"""
    segment = segment.strip(" ,.;:*")
    if not segment or len(segment) > NAMES_REACH:
        return False
    first = segment.split()[0].strip(",;.")
    if len(first) >= 2 and first.isupper() and first.replace(".", "").replace("-", "").isalpha():
        return True  # "SERRANO, Milene", "DEVMEDIA", "NIST": surnames in capitals (ABNT, ISO 690)
    names = split_authors(segment)
    if not names:
        return False
    # "A. Yılmaz, Derin Öğrenme" (IEEE): names written forward keep their initials, so a
    # part without any is the title, however capitalised.
    if (
        len(names) > 1
        and _FORWARD_INITIALS.match(names[0])
        and not all(_INITIAL.fullmatch(w) for n in names[1:] for w in n.split()[:1])
    ):
        return False
    for name in names:
        words = [w for w in _NAME_PARTS.split(name) if w]
        caps = [w for w in words if w.casefold() not in _PARTICLES]
        if not 1 <= len(caps) <= 5 or any(not w[0].isupper() for w in caps):
            return False
        initials = any(_INITIAL.fullmatch(w) for w in words)
        if len(caps) == 1 and not (initials or "," in name or len(names) > 1):
            return False  # "Faustkeile": one word is a title as often as a name
    return True


# "Weizenbaum J., ", "Nowak A. B., Kowal P., ": surnames, each with its capital initials
# and a comma; then the title.
_SURNAME_INITIALS = r"[A-ZÀ-ÖØ-Þ][\w'’-]+\s(?:[A-Z]\.\s?-?){1,3}"
_SURNAME_INITIALS_LEAD = re.compile(rf"(?P<a>{_SURNAME_INITIALS}(?:,\s{_SURNAME_INITIALS})*),\s")
_TITLE_STOP = re.compile(r"\.\s+(?=[A-ZÀ-ÖØ-Þ])|,\s")
_FORWARD_NAME = re.compile(r"(?:and\s+|&\s+)?(?:[^\W\d_]\.\s?-?){1,3}\s?[^\W\d_][\w'’-]+")
_FORWARD_INITIALS = re.compile(r"(?:[^\W\d_]\.\s?-?){1,3}\s?[^\W\d_]{2,}")
_INITIALS_ONLY = re.compile(r"(?:[^\W\d_]\.\s?-?){1,3}|[A-Z]{1,2}")


# A public body named by its kind: "Ministero della Salute", "Gemeente Utrecht" (the kind
# leads) or "T.C. Kültür ve Turizm Bakanlığı" (Turkish puts it last).  Such a piece is the
# author or the publisher of the work a note cites, not its title.
_BODY_LEADS = re.compile(
    r"(?:(?:the|le|la|il|de|het)\s+)?(?:ministère|ministero|ministerie|ministerio|ministério"
    r"|ministry|gemeente|comune\s+di)(?![^\W\d_])",
    re.IGNORECASE,
)
_BODY_ENDS = re.compile(
    r"(?<![^\W\d_])(?:bakanlığı|başkanlığı|müdürlüğü|belediyesi|kurumu|kurulu|enstitüsü"
    r"|derneği|vakfı|odası)(?:\s*\([A-ZÇĞİÖŞÜ]{2,8}\)?)?$",  # "… Kurumu (TÜİK)": with its acronym
    re.IGNORECASE,
)

# "Ville de Paris", "Città di Torino", "Stad Gent": a city's government, when a name (and
# nothing else) follows the word; "La ville de Paris au Moyen Âge" is a title.
_CITY = re.compile(
    r"(?:Ville\s+de|Città\s+di|Stad|City\s+of)\s+[A-ZÀ-ÝÇĞİŞ][\w'’-]+(?:[\s-][A-ZÀ-ÝÇĞİŞ][\w'’-]+)?"
)


def names_body(piece: str) -> bool:
    """Does the comma piece ``piece`` name a ministry or a city's government?"""
    piece = piece.strip(" ,.;:()[]")  # (the brackets of a blanked access date stay behind)
    if not 0 < len(piece.split()) <= 8 or any(q in piece for q in '"“”«»„'):
        return False
    return bool(_BODY_LEADS.match(piece) or _BODY_ENDS.search(piece) or _CITY.fullmatch(piece))


def _name_pieces(text: str, pieces: list[tuple[int, int]]) -> int:
    """How many leading comma pieces are the names: one that reads as names, or two when
    a lone surname is followed by its initials ("Guttmann, A., Rabbinic Judaism …")."""
    first = text[pieces[0][0] : pieces[0][1]]
    forward = 0
    while forward < len(pieces) - 1 and _FORWARD_NAME.fullmatch(
        text[pieces[forward][0] : pieces[forward][1]].strip()
    ):
        forward += 1
    if forward >= 2:
        return forward  # "A. Yılmaz, B. Kaya, Title, …": each name forward, with its initials
    if (
        len(pieces) >= 3
        and _SURNAME.fullmatch(first.strip())
        and _INITIALS_ONLY.fullmatch(text[pieces[1][0] : pieces[1][1]].strip())
    ):
        return 2
    if (
        len(pieces) >= 4
        and len(first.strip()) >= 2
        and _SURNAME.fullmatch(first.strip())
        and _GIVEN.fullmatch(text[pieces[1][0] : pieces[1][1]].strip())
    ):
        return 2  # "YILMAZ, Ahmet, Osmanlı Tarihi, …": the surname, then the given name
    return 1 if looks_like_names(first) or names_body(first) else 0


_NAMES_GO_ON_AT = re.compile(
    r"\s*(?:&|and|und|ja|et|en|och|og|ve|y|e|i|и)\s+[^\W\d_]", re.IGNORECASE
)
_GIVEN = re.compile(r"[A-ZÀ-ÖØ-ÞĞİŞÇ][a-zà-öø-ÿğışç'’]+(?:-[A-ZÀ-ÖØ-ÞĞİŞÇ][a-zà-öø-ÿğışç'’]+)?")
NAME_REACH = 300
"""Characters before an initial searched for the comma of its ``Surname, Given I.`` name."""


def _ends_names(text: str, pos: int, stop: re.Match[str]) -> bool:
    """``HAZEN, Helen D. Power of maps``: the initial closes a ``Surname, Given I.`` name
    (a comma before it in this name, and a capitalised word, not another initial, after)."""
    after = text[stop.end() : stop.end() + 3]
    if not (after[:1].isupper() and after[1:2] != "."):
        return False
    # A name is read back at most NAME_REACH characters: read back to the sentence's start,
    # a run of 200,000 initials ("A. A. A. …") cost the square of its length.
    end = stop.start()
    start = max(pos, end - NAME_REACH)
    piece = text[text.rfind(";", start, end) + 1 or start : end]
    if _FORWARD_INITIALS.match(piece.lstrip()):
        return False  # "A. Yılmaz, B. Kaya": names written forward, the initial opens the next
    if "," not in piece:
        return False
    if _forward_list_before(piece) and _LIST_GOES_ON.match(text, stop.end()):
        return False  # "…, Aditya Srikanth Veerubhotla, Kevin R. McKee, …": a middle initial
    # "…, and R. A. Garrott": initials after "and" open a name written forwards, whose
    # surname is still to come ("AMDAHL, G. M. Validity…" is closed by its initials).
    words = piece[piece.rfind(",") + 1 :].split()[:-1]
    return not (
        words
        and words[0] in ("and", "&", "und", "et")
        and all(_INITIAL.fullmatch(w.rstrip(".") + ".") for w in words[1:])
    )


# "McKee, Komal": the surname after a middle initial, and the list going on after it.
# ("Gert G.\n    Wagner: Replikationen": a colon after the surname closes the names, which
# the surname-colon rule reads from the initial's stop.)
_LIST_GOES_ON = re.compile(r"[^\W\d_][\w'’-]*(?:,|;|\s(?:and|&)\s)")


def _forward_list_before(piece: str) -> bool:
    """``Abhinit Modi, Aditya Srikanth Veerubhotla, Kevin R``: the name before the last comma
    is written forwards (given names, then the surname, no initial closing it), so the list
    is of forward names and the initial after the comma is a middle one.  In ``HAZEN,
    Helen D`` the part before the comma is the surname alone, and the initial closes it."""
    parts = piece.split(",")
    if len(parts) < 3:
        return False
    words = parts[-2].split()
    return (
        len(words) >= 2
        and all(w[:1].isupper() for w in words)
        and not _INITIAL.fullmatch(words[-1].rstrip(".") + ".")
    )


def _word_before(text: str, pos: int, end: int) -> str:
    """The run of non-space characters that ends ``text[pos:end]`` (or ends it but for a
    final line break), as ``(\\S+)$`` finds it, walked back to instead of searched for
    from ``pos`` (which retried the word at every position of a long sentence)."""
    if end > pos and text[end - 1] == "\n":
        end -= 1
    start = end
    while start > pos and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


_JOINED_INITIALS = re.compile(r"(?:[^\W\d_]\.-?)+[^\W\d_]")  # "E.H", "A.-M.B"


def _sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the full-stop sentences of ``text``."""
    spans = []
    pos = 0
    # The brackets opened and closed since the sentence began, counted on as the stops go
    # by: counted afresh from its start at each stop, a run of initials ("A. A. A. …",
    # each stop skipped) was quadratic in the note's length.
    opened = closed = 0
    counted = 0
    for match in _STOP.finditer(text):
        opened += text.count("(", counted, match.start())
        closed += text.count(")", counted, match.start())
        counted = match.start()
        if opened > closed:
            continue  # "(5a. ed.)": a full stop inside brackets does not end the sentence
        word = _word_before(text, pos, match.start())
        token = word.lower()
        # ("Seland, E.H. og Solheim, B.": capitals run together are initials too; "s.a." is not.)
        # An abbreviation written the same way ("T.C. Sağlık Bakanlığı") is no name's initials.
        joined = (word.isupper() and _JOINED_INITIALS.fullmatch(word) is not None
                  and token not in _ABBREVIATIONS)
        if (len(token) == 1 and token.isalpha()) or joined:
            if not _ends_names(text, pos, match):
                continue  # an initial ("J. Smith")
            # An initial that closes "Surname, I." ends the names even when the letter is
            # also an abbreviation ("Karvinen, T. Infra as code": not "t." for a volume).
        elif token.rstrip(".") in _ABBREVIATIONS and not _ends_et_al(text, match):
            continue  # an abbreviation ("Hrsg. von")
        elif token.rstrip(".") in _NUMBERING and text[match.end() : match.end() + 1].isdigit():
            continue  # "art. 7", "md. 4": a law's article and its number
        spans.append((pos, match.start() + 1))
        pos = counted = match.end()
        opened = closed = 0
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_ET_AL_END = re.compile(r"\bet\s+al\.$")


def _ends_et_al(text: str, stop: re.Match[str]) -> bool:
    """``Jones, P. et al. Version 4 of …``: "et al." closes the author list, so before a
    capitalised word it ends the authors' sentence."""
    return (
        _ET_AL_END.search(text, max(0, stop.start() - 8), stop.start() + 1) is not None
        and text[stop.end() : stop.end() + 1].isupper()
    )


def sentence_count(text: str) -> int:
    """How many full-stop sentences ``text`` has (initials and abbreviations not counted)."""
    return len(_sentences(text))


_DATE_CLOSES = re.compile(r"\(\s*" + YEAR + r"[a-z]?\s*\)\.?\s*$")


_HOST_OPENS = re.compile(r"(?:In|En|Dans|Em|İçinde)\s+[^\W\d_]")
IN_HOST = re.compile(
    r"(?<=[.!?])\s+[*_]{0,2}(?:In|in|Em|En|Dans|İçinde"
    # Norwegian, Danish and Swedish "I:", only before an editor's "Surname, I." (a lone
    # "I:" is as often a part's Roman numeral: "Vol. I: The Early Years").
    r"|I(?=[*_]{0,2}\s?:\s+[^\W\d_][\w'’-]+,\s[^\W\d_]\.))[*_]{0,2}\s?:\s"
)
"""``. In: EDITOR (org.). **Book**``: the mark, after a sentence, that names the host work."""


def title_sentence_before(text: str, pos: int) -> Found | None:
    """``Names. Title. *Container*``: the sentence between an author sentence and ``pos``
    (or the container mark before it: ``Names. Chapter. In: EDITOR (org.). **Book**``)."""
    host = IN_HOST.search(text, 0, pos) if ":" in text[:pos] else None
    if host is not None:
        pos = host.start()
    spans = _content(text, _sentences(text[:pos]))
    if len(spans) != 2:
        return None
    (s0, e0), (s1, e1) = spans
    if not text[s1:e1].rstrip().endswith((".", "?", "!")):
        return None  # "Smith, John. Introduction to *Hamlet*": the emphasis is in the sentence
    if not looks_like_names(_without_year(text[s0:e0].rstrip("."))):
        return None
    if _DATE_CLOSES.search(text, s1, e1):
        return None  # "… & Şengör, A. M. C.** (1984).": the names' date, not a title
    found = _found(text, s1, e1, "author-title")
    return found if found is not None and len(found.title.split()) >= 2 else None


def _segments(text: str, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for match in sep.finditer(text):
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


# "Tanenbaum, Andrew S.; Wetherall, David 2021." — the year closes the author sentence;
# so does a whole day in that slot ("Karvinen, T. 13.10.2023.").
_AUTHOR_YEAR = re.compile(
    r"\s+(?:\(?(?:[0-3]?\d\.\s?[01]?\d\.\s?)?"
    + YEAR
    + r"[a-z]?\)?|o\.\s?J\.?|n\.\s?d\.?|s\.\s?[da]\.?|u\.\s?[åd]\.?)$"
)


def _without_year(sentence: str) -> str:
    """``Tanenbaum, Andrew S.; Wetherall, David 2021`` → the names; a sentence without the
    commas of a name list keeps its year (``World Energy Outlook 2023`` is a title)."""
    if "," not in sentence and ";" not in sentence:
        return sentence
    return _EDITOR_MARK.sub("", _AUTHOR_YEAR.sub("", sentence))


# "Virtanen, M. (toim.) 2015.": the editors' mark after the names, in several languages.
_EDITOR_MARK = re.compile(
    r"\s*\((?:toim|eds?|Hrsg|Hg|red|org|orgs|coord|dir|éd|éds|ed\. lit|yay\. haz|haz)\.?\)$",
    re.IGNORECASE,
)


_IMPRINT_PART = re.compile(r"^" + YEAR + r"\b|^(?:s|p|pp|S)\.\s?\d")


def _before_imprint(text: str, start: int, end: int) -> int:
    """``Babaîler İsyanı, Dergah Yayınları, İstanbul, 2011``: the title ends at the comma
    after which the imprint (publisher, place, year) begins."""
    sentence = text[start:end]
    if ", " not in sentence:
        return end
    parts = _COMMA.split(sentence)
    if len(parts) < 3 or not any(_IMPRINTISH.search(p) for p in parts[1:]):
        return end
    tail = parts[-1].strip(" .")
    if not (_YEARISH.match(tail) or _IMPRINT_PART.match(tail) or _IMPRINTISH.search(tail)):
        return end
    first_imprint = next(
        i
        for i, p in enumerate(parts[1:], 1)
        if _IMPRINTISH.search(p) or _YEARISH.match(p.strip(" ."))
    )
    return start + len(", ".join(parts[:first_imprint]))


def _function_words(text: str) -> int:
    return sum(w in _PROSE_WORDS for w in _WORDS.findall(text.casefold()))


def is_prose(text: str) -> bool:
    """An explanation, not a citation: many function words in one run of text."""
    if text.count(" ") < 11:
        return False
    return len(_WORDS.findall(text)) >= 12 and _function_words(text) >= 4


# "Bloom, B. S. 1984. The 2 Sigma Problem: …" (AAAI, ACL, Harvard without brackets): an
# initial closing the names, then the year as a sentence of its own, opens an author-date
# reference; prose does not start with names and a bare year.
# (Between the names' first comma and the year, a full stop only closes an initial.)
_BARE_YEAR_LEAD = re.compile(
    r"[^\W\d_][^.]{0,200}?,(?:[^.]|(?<![^\W\d_])[^\W\d_]\.){0,300}?"
    r"(?<![^\W\d_])[^\W\d_]\.,?\s+" + YEAR + r"[a-z]?\.\s+(?=\S)"
)
BARE_YEAR_REACH = 400
"""Characters of a note's start searched for :data:`_BARE_YEAR_LEAD` (a long name list)."""


def opens_author_year(text: str) -> bool:
    """``Surname, I. I.; and Surname, I. 2021. Title.``: the note opens with names whose
    initial is followed by the year alone."""
    head = text.lstrip()[:BARE_YEAR_REACH]
    return "," in head and _BARE_YEAR_LEAD.match(head) is not None


@functools.lru_cache(maxsize=16)
def _explains(stripped: str) -> bool:
    """Prose with no dated imprint: a note to read no title from.  Cached because the
    tagger and the style rules both ask it of the same note, one after the other."""
    return (
        is_prose(stripped)
        and not _DATED_IMPRINT.search(stripped)
        and not opens_author_year(stripped)
    )


# "Disponível em:", "Available:", "Режим доступа:": the words that introduce a URL.
_URL_LABEL = re.compile(
    r"^(?:dispon[ií]vel\s+em|available(?:\s+(?:at|from))?|verfügbar(?:\s+unter)?|online\s+verfügbar"
    r"|режим\s+доступ[ау]|url|en\s+ligne|disponible(?:\s+en)?|erişim|retrieved\s+from|recuperado\s+de|obtenido\s+de"
    r"|opgehaald\s+van|geraadpleegd\s+van|récupéré\s+(?:de|sur)|disponibile\s+su|beschikbaar\s+(?:op|via))\b",
    re.IGNORECASE,
)


def _titleish(text: str) -> bool:
    text = text.strip()
    return bool(
        plausible(text)
        and not _URL_LABEL.match(text)
        and not _YEARISH.match(text)
        and not (
            text[0].islower()
            and text.split()[0].casefold() in _PROSE_WORDS
            # ("os — Interfaces del sistema": a name before a dash, the module "os")
            and text.split()[1:2] not in (["—"], ["–"], ["-"])
        )
        and not _LOCATOR_START.match(text)
    )


# "Técnicas de muestreo (3.ª ed.)", "Fundamentación … (M. García Morente, Trad.)",
# "IBCT-relatietherapie (herziene uitgave)", "Lum_fun (Version 0.2)": APA puts the edition,
# the translator and a program's version in brackets after the title; they describe the
# edition, they are not its title.
_BRACKET_EDITION = re.compile(
    r"\s*\((?=[^()]*(?:\b(?:ed|eds|edn|edition|edición|edição|éd|Aufl|Auflage|uitgave|druk|baskı"
    r"|izd|изд|Trad|trad|Trans|trans|Übers|çev|Çev|Hrsg|red|rev|bs|painos|uitg|dr)\b"
    # APA's version of software or a data set: "SHINE color and Lum_fun (Version 0.2)"
    r"|\b(?:[Vv]ersion|[Vv]ersión|[Vv]ersão|[Vv]ersie|Sürüm|sürüm)\s?v?\d"
    r"))[^()]{2,60}\)$"
)

# "Osmanlı köprüleri (Yüksek lisans tezi)", "Les ponts (Thèse de doctorat)", "Fietsen in de
# stad (Masterscriptie)", "(Tesi di laurea)", "(Doctoral dissertation)": APA names the kind
# of thesis in brackets after the title; it says what the work is, it is not its title.
_BRACKET_THESIS = re.compile(
    r"\s*\((?=[^()]*(?:thesis|dissertation|thèse|mémoire|tesi\b|proefschrift|scriptie|tezi\b))"
    r"[^()]{2,60}\)$",
    re.IGNORECASE,
)


# "A Practical Guide to Localization 2. vyd, Amsterdam": a number closing the title's span
# right before an edition word (Czech "vyd.", Polish "wyd.") is the edition's number.
_EDITION_NUMBER = re.compile(r"\s\d{1,2}\.?\s*$")
_EDITION_WORD_NEXT = re.compile(
    r"\.?\s*(?:vyd|wyd|ed|edn|Aufl|éd|izd|изд|baskı|uitg|druk)\b", re.IGNORECASE
)


def _found(text: str, start: int, end: int, how: str) -> Found | None:
    gap = _GAP.search(text[start:end].rstrip())
    if gap:  # a blanked-out URL or date ends the title: "Title, , [ ]( )"
        end = start + gap.start()
    number = _EDITION_NUMBER.search(text, start, end) if text[end - 1 : end].isdigit() else None
    if number is not None and number.start() > start and _EDITION_WORD_NEXT.match(text, end):
        end = number.start()
    title = clean(text[start:end]) or ""
    # Each tail pattern runs only when its mark is there: a bracket, a digit.
    if "[" in title:
        title = _MEDIUM_TAIL.sub("", title)
    if _DIGIT.search(title):
        title = _before_edition_statement(title)
        title = _PAGE_TAIL.sub("", _ARTICLE_TAIL.sub("", _EDITION.sub("", title)))
        title = _CHAPTER_TAIL.sub("", title)
    title = clean(title)
    if title and title.endswith(")"):
        title = clean(_BRACKET_THESIS.sub("", _BRACKET_EDITION.sub("", title)))
    if not title or not _titleish(title) or len(title) > 300:
        return None
    return Found(title, start, end, how)


def _before_edition_statement(title: str) -> str:
    """``Choices and connections 2nd edition, Bedford`` → ``Choices and connections``: the
    edition statement closes the title, and what follows it is the imprint."""
    statement = _EDITION_STATEMENT.search(title)
    return title[: statement.start()] if statement and statement.start() > 0 else title


def without_medium(title: str) -> str:
    """``離島統計年報 2005 [CD-ROM]`` → ``離島統計年報 2005``: a medium designator closing a
    title is no part of it, however the title was found (set in italics with it, too)."""
    if not title.endswith(("]", "].")):
        return title
    return clean(_MEDIUM_TAIL.sub("", title)) or title


def _content(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that have a letter in them (masked URLs and dates leave blanks)."""
    return [(a, b) for a, b in spans if LETTERS.search(text, a, b)]


# "In J. Editor (Ed.), *Book*", "Retrieved from": what opens the container, not the title.
_CONTAINER_OPENS = re.compile(
    r"(?:In|in|En|en|Dans|Em|W|Im|İçinde|Retrieved|Recuperado|Disponível|Geraadpleegd)\b|\(|\["
    r"|\bI\s?:\s"  # Norwegian, Danish and Swedish "I: Editor, A. red."
)


# "Do promotions … increase sales? Findings from three natural experiments in UK supermarkets.
# BMC Public Health, 24, …": after a question mark, a sentence of words alone (no digit, no
# comma), then the journal with its volume: the sentence is the title's subtitle.
_QUESTION_SUBTITLE = re.compile(
    r"\s+(?P<s>[A-ZÀ-ÖØ-Þ][^\d,.?!:;()\[\]]{2,150}?(?:\s[^\W\d_][\w'’-]*){3,})\.\s+"
    r"(?=[^.]{2,120}?,\s(?:vol\.?\s?)?\d)"
)


def _colon_after_date(text: str, end: int) -> bool:
    """``Senatsverwaltung für Bildung (2024): Schulen in Berlin.``: the German author-date
    style (and Harvard's) sets a colon after the year's bracket, which APA never does: the
    lead before it is the author, however few words the title after it has, not a title
    moved to the author's place."""
    closing = text.rfind(")", 0, end)
    return closing >= 0 and text[closing + 1 : closing + 2] == ":"


def apa_sentence(text: str, start: int, until: int | None = None) -> Found | None:
    """The sentence starting at ``start``: where APA puts the title after the year.

    ``until``: where the container marked by emphasis begins.  Everything between the
    date and the container is the title, full stops and all (``Driving the change. The
    socio-economic impact of …, 1950–1990. *Working paper*``), unless a container word
    (``In``, ``Retrieved``) or a bracket opens before it."""
    match = _APA_TITLE.match(text, start)
    if not match:
        return None
    end = match.end("t") + (1 if text[match.end("t") : match.end("t") + 1] == "?" else 0)
    if text[end - 1 : end] == "?":
        subtitle = _QUESTION_SUBTITLE.match(text, end)
        if subtitle is not None and not _CONTAINER_OPENS.match(subtitle.group("s")):
            end = subtitle.end("s")
    if text.count("(", match.start("t"), end) > text.count(")", match.start("t"), end):
        # "Título (5a. ed.). Madrid": the stop inside the bracket does not end the title.
        close = text.find(")", end, end + 40)
        end = close + 1 if close >= 0 else end
    if until is not None and end < until:
        rest = text[end:until].strip(" .,;:")
        if rest and not _CONTAINER_OPENS.search(rest) and text[end : end + 1] in ".?!":
            end = end + len(text[end:until].rstrip(" .,;:"))
    imprint = _IMPRINT_AT_END.search(text, match.start("t"), end) if ")" in text else None
    if imprint is not None:
        end = imprint.start()  # "(1988), The Theory … (Cambridge: Cambridge University Press)."
    return _found(text, match.start("t"), end, "apa")


# "(Cambridge: Cambridge University Press)" closing the sentence: the place and publisher.
_IMPRINT_AT_END = re.compile(r"\s\([^\W\d_][^():]{1,40}?\s?:\s[^()]{2,80}\)[.,]?\s*$")


def _web_head(text: str, urls: tuple[str, ...]) -> Found | None:
    """``Title | Site, accessed …, URL`` / ``Site — Page: URL``: the words before the first
    blanked-out URL or date, when a site separator marks where the title ends."""
    gap = _GAP.search(text)
    head_end = gap.start() if gap else len(text)
    head = text[:head_end]
    lead = len(head) - len(head.lstrip())
    # "Title — AOSP — <url>": a dash right before the address only leads to it.
    head = head.strip().rstrip(" ,;:(—–").rstrip()
    if not head or not SITE_SEP.search(head) or _SENTENCE_BREAK.search(head) or len(head) > 300:
        return None
    title = strip_site(head, None, urls, site_first=True)
    if title == head:
        return None
    start = lead + head.find(title)
    return _found(text, start, start + len(title), "web")


_CAPITALISED = re.compile(r"(?<![^\W\d_])[A-ZÀ-ÖØ-ÞĀ-Ž]")


def _acronym_of(short: str, name: str) -> bool:
    """``BSI`` of ``Bundesamt für Sicherheit in der Informationstechnik``: the short form
    spells the capitalised words' initials (a body restating its name, not a title)."""
    short = short.strip()
    if not (2 <= len(short) <= 8 and short.isalpha() and short.isupper()):
        return False
    return "".join(_CAPITALISED.findall(name)) == short


# "Openllet: An Open Source OWL DL reasoner for Java": a software's (or a project's) name,
# a colon and its tagline is how such a page titles itself, in any case the tagline has.
_NAME_TAGLINE = re.compile(r"\s*[A-Z][\w.+#-]*(?:\s[A-Z0-9][\w.+#-]*){0,2}:\s+[A-Z0-9]")


_LINE_ABOVE_URL = re.compile(r"[^\S\n]*\n[^\S\n]*\s{8}")  # the break, then the blanked URL


def _name_tagline(text: str) -> bool:
    """``Name: A tagline of four words or more``, with no year: no ``Place: Publisher``
    imprint (a publisher's name is short, and a year goes with it)."""
    match = _NAME_TAGLINE.match(text)
    return bool(match) and len(text[match.end() - 1 :].split()) >= 4 and not FIND_YEAR.search(text)


def _title_cased(text: str) -> bool:
    """Most longer words capitalised, as page titles are (``Midjourney v6 Prompt Structure``)."""
    long_words = [w for w in _WORDS.findall(text) if len(w) >= 4]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) * 2 >= len(long_words)


# "See", "Cf.", "Vgl.": a signal word before the citation (Chicago, Bluebook, DIN notes).
_SIGNAL = re.compile(
    r"(?:(?:hierzu|dazu|ferner|auch)\s+)?(?:see(?:\s+also)?|cf\.|vgl\.|siehe|voir|bkz\.|ср\.|zob\."
    r"|zie(?:\s+ook)?|katso|véase|vease|ver|veja|vide)\s+",
    re.IGNORECASE,
)  # ("Hierzu vgl.": the signal with its adverb)
# "Resim: ATmega328P – Microchip …", "Quelle: Bundesnetzagentur, …": a caption's or credit
# line's label says what the line is (a figure's source), it is no part of the work cited.
_CAPTION_LABEL = re.compile(
    r"(?:resim|şekil|görsel|kaynak(?:ça)?|figure|fig\.|image|source|quelle|abbildung|abb\.|bild"
    r"|fuente|fonte|illustration|bron(?:nen)?|lähde|lähteet|sources"
    r"|r[ée]f[ée]rences?|riferiment[oi]|referenties?)\s*:\s+",  # "Référence : …"
    re.IGNORECASE,
)
# "(TASS Press, 2020)": publisher and year in brackets, where APA has only the date.
_IMPRINT_BRACKET = re.compile(r"\(\s*[^\W\d_][^()\d]*,\s*" + YEAR + r"\s*\)")


# "(London: Penguin, 2010)", "(Paris : Gallimard, 1998)", "(Penguin, 2010)": a Chicago
# note's imprint in brackets, with the year of publication.
_NOTE_IMPRINT = re.compile(
    r"\s\((?=[^()]*\b" + YEAR + r"\b)[^\W\d_][^()]*?(?:\s?:\s|,\s)[^()]*\)"
    # "(Köln 2001)", "(Mainz am Rhein 1998)": the place and year alone (German archaeology)
    r"|\s\([A-ZÄÖÜ][^\W\d_]+(?:\s[^\W\d_]+){0,2}\s" + YEAR + r"\)"
)
_BRACKET_WORD_YEAR = re.compile(
    r"\(\s*(?P<w>[A-ZÄÖÜ][^\W\d_]+(?:\s[^\W\d_]+){0,2})\s" + YEAR + r"\)"
)


def _place_year_bracket(text: str, at: int) -> bool:
    """``(Köln 2001)``: a place and a year in brackets (the imprint of German archaeology's
    notes), told from APA's ``(June 2020)`` because the word is no month's name."""
    match = _BRACKET_WORD_YEAR.match(text, at) if at >= 0 else None
    if match is None:
        return False
    names = month_names()
    return not any(
        w.casefold().rstrip(".") in names or w.casefold() in _SEASONS
        for w in match.group("w").split()
    )


_SEASONS = frozenset({
    "spring", "summer", "fall", "autumn", "winter", "frühling", "frühjahr", "sommer", "herbst",
    "printemps", "été", "automne", "hiver", "primavera", "verano", "otoño", "invierno",
    "verão", "outono", "inverno", "lente", "zomer", "herfst", "kevät", "kesä", "syksy",
    "talvi", "ilkbahar", "yaz", "sonbahar", "kış",
})  # fmt: skip


# ", Köln 2001", ", Frankfurt am Main 1998": DIN's imprint after a comma, place and year.
_COMMA_YEAR = re.compile(r",\s*" + YEAR + r"\.?\s*$")
_PLACE_YEAR = re.compile(r",\s[A-ZÄÖÜ][^\W\d_]+(?:\s[^\W\d_]+){0,2}\s" + YEAR + r"\b")
_IN_CONTAINER = re.compile(r"^(?:In|in|В|в|İçinde|W|Dans)\s?:\s")
# ". In: WISTA …", ", in: Müller, Jan Dirk (Hrsg.), …", "? In: …": DIN's container cue right
# after a title (the full stop may already be inside the title's span, hence the optional mark).
_DIN_IN_NEXT = re.compile(r"[.,;?!]?\s+[Ii]n\s?:\s")
# Where a DIN or humanities title ends: the container ("Title, in: …", "Title? In: …"), the
# page locator ("Title, S. 12"), or the imprint ("Title, Newcastle upon Tyne 1966").
_DIN_TITLE_END = re.compile(r"(?<=[\w?!)\"“”])(?:\.?,?\s+[Ii]n\s?:\s|,\s(?:S\.|Bd\.)\s?\d)")
# "Glinka, Katrin, Dörk, Marian, ": German humanities lists give each name "Surname, Given"
# and separate name and title with a comma only (no colon, no full stop).
_HUMANITIES_NAME = (
    r"[A-ZÄÖÜ][\w'’-]+(?:\s(?:van|von|de|der|da|di)\s[A-ZÄÖÜ][\w'’-]+)?,\s"
    r"(?:[A-ZÄÖÜ][\w'’-]+(?:\s(?:[A-ZÄÖÜ][\w'’-]+|[A-Z]\.))*|(?:[A-Z]\.\s?){1,3})"
)
_HUMANITIES_PAIR = re.compile(_HUMANITIES_NAME)
_NAMES_BEFORE_DATE = re.compile(_HUMANITIES_NAME + r"\s?[(:]")
# "… Gert G." then "Wagner: Title": a name's initial ends the first "sentence", the surname
# and DIN's colon open the next one.
_ENDS_IN_INITIAL = re.compile(r"(?<![^\W\d_])[A-ZÄÖÜ]\.?\s*$")
_SURNAME_COLON = re.compile(r"[A-ZÄÖÜ][\w'’-]+:\s+(?=\S)")
_HUMANITIES_LEAD = re.compile(rf"(?:{_HUMANITIES_NAME},\s+)+(?=[A-ZÄÖÜ\"„“])")
# "[Internet]", "[online]", "[Video]": a medium designator after the title is not part of it.
_MEDIUM_TAIL = re.compile(rf"\s*\[(?:{_MEDIUMS})\]\.?$", re.IGNORECASE)
# "Refactoring Guru, 2014.": a site or publisher and the year, the whole sentence.
# ("VMware, Inc., 2024.": a company's legal form is still the site's name.)
_YEAR_ENDS = re.compile(r"[^\W\d_][\w.]*,?\s(?:\(?" + YEAR + r"[a-z]?\)?|" + _NO_YEAR + ")$")
_YEAR_COLON = re.compile(r"\(?" + YEAR + r"[a-z]?\)?:\s+(?=\S)")
_SITE_YEAR = re.compile(
    r"^[^\W\d_][^,.]{1,60}(?:,?\s(?:Inc|Ltd|LLC|GmbH|Corp|Co|AG|S\.A)\.?)?,\s*" + YEAR + r"\.?$"
)
# "45", "p. 45", "pp. 45–47", "S. 12": a page locator (not a year).
_PAGE = re.compile(r"^(?:(?:pp?|S|s|с)\.\s?)?(?!" + YEAR + r")\d{1,4}(?:\s?[-–]\s?\d{1,4})?$")
_SURNAME = re.compile(r"[^\W\d_][\w'’-]+")


LEAD_WORDS = 3
"""The most words an author-date lead of one name may have (``Gianglex. 2025.``,
``Tilastokeskus 2020.``).  Set from the style's grammar: ``bench/latin_styles_cv.py``
scores every value from 1 to 6 the same on the tune documents, so the data does not
choose it."""
BODY_LEAD_WORDS = 4
"""The most words of a body's name before an ISO 690 title and its medium designator
(``Ministère de la Culture. Title [en ligne]``).  Set from the style's grammar like
:data:`LEAD_WORDS`: the tune documents score every value tried the same."""

# ", in «Rivista»", ". In: Proceedings", ", dans Revue": what follows opens the host work.
_CONTAINER_AFTER = re.compile(r"[.,;]\s+(?:in|In|dans|Dans|en|En|em|Em|İçinde)\b")
# Rules that end the title at a mark the style puts there (a medium designator, GB/T's
# type code, GOST's " / ", a Korean entry's slashes): a longer run the tagger proposes
# around such a title overruns the mark.
# ("web": the site-first rule cut the site's name off the front, "msg-group - Title"; a run
# through the name is the site and the title together; "author-comma": the comma with no
# space parts the author from the title, and a run through it takes in the author.)
_CUED_RULES = (
    "medium", "gbt", "gost-area", "slash-entry", "paged", "web", "author-comma", "slash-names"
)

TAGGER_MODE = "override"
"""How the learned tagger (:mod:`citeaudit.notes.tagger`) joins the style rules:
``off`` (rules only), ``fallback`` (the tagger reads a note the rules give no title),
``replace`` (the tagger alone) or ``override`` (the tagger where it is surer than
:data:`OVERRIDE_AT`, else the rules).  Chosen on the tune notes and the AnyStyle folds;
see ``bench/train_title_tagger.py``."""
OVERRIDE_AT = 0.9
NESTED_KEEPS_RULES = True
"""When the tagger's title lies inside the rules' one, keep the rules' (chosen on the same
folds as :data:`OVERRIDE_AT`)."""


def positional_title(
    plain: str, *, has_url: bool = False, urls: tuple[str, ...] = ()
) -> tuple[Found | None, tuple[str, ...]]:
    """The title by its position in a known style, and the authors before it
    (the style rules, joined by the learned tagger as :data:`TAGGER_MODE` says)."""
    label = _CAPTION_LABEL.match(plain, len(plain) - len(plain.lstrip())) if ":" in plain else None
    if label:  # blanked, not cut, so that the spans found still index the note
        plain = " " * label.end() + plain[label.end() :]
    if not has_url and names_then_platforms(plain):
        return None, ()  # "Ahmet Babalı - Medium": a person and where they write, no work
    if TAGGER_MODE == "off":
        return rules_title(plain, has_url=has_url, urls=urls)
    if TAGGER_MODE == "override":
        tagged = tagged_title(plain, has_url=has_url, threshold=OVERRIDE_AT)
        ruled = rules_title(plain, has_url=has_url, urls=urls)
        if tagged[0] is None:
            return ruled
        inner = (
            ruled[0] is not None
            and ruled[0].start <= tagged[0].start <= tagged[0].end <= ruled[0].end
        )
        outer = (
            ruled[0] is not None
            and ruled[0].how in _CUED_RULES
            and tagged[0].start <= ruled[0].start <= ruled[0].end <= tagged[0].end
        )
        if (
            ruled[0] is not None
            and ruled[0].how == "web"
            and tagged[0].start < ruled[0].start < tagged[0].end
        ):
            # "JAX Blog - Und jetzt? Microservices …": the rules cut the host's name off the
            # front of the title; a run that starts on that name takes in the site.
            return ruled
        if ruled[0] is not None and ruled[0].how == "humanities":
            return ruled  # the names, the title and its cue were all read; a run knows less
        if _run_over_din_colon(ruled[0], tagged[0]):
            return ruled
        if _run_before_designator(ruled[0], tagged[0]) or _run_beside_serial_host(ruled[0]):
            return ruled
        if NESTED_KEEPS_RULES and (inner or outer):
            # A run inside the rules' title: the rules already weighed where it ends
            # (a site name, a medium designator), the tagger only saw the tokens.  So
            # with a run around it that the medium designator's rule cut down: the
            # author sentence before, the host's name that carries "[online]" after.
            return ruled
        if (
            ruled[0] is not None
            and ruled[0].how == "apa"
            and ruled[1]
            and tagged[0].end <= ruled[0].start
        ):
            # "Nederlandse Vereniging voor Cardiologie. (2020). Richtlijn hartfalen.": APA
            # reads the lead before the date as the author when a title follows the date.
            return ruled
        if ruled[0] is not None and any(
            names_body(piece) for piece in _COMMA.split(tagged[0].title)
        ):
            # "T.C. Kültür ve Turizm Bakanlığı, Title, …": a run through a ministry's name
            # takes in the author; the rules read that name as the lead.
            return ruled
        if ruled[0] is not None and _IN_CONTAINER.match(tagged[0].title):
            return ruled  # "Title. In : Wikipédia [en ligne]": "In :" opens the host work
        container_next = ruled[0] is not None and _container_follows(plain, ruled[0].end)
        if (
            container_next
            and tagged[0].start <= ruled[0].start < ruled[0].end < tagged[0].end
        ):
            return ruled  # "Title, in «Rivista», 4": a run into the container the rules cut off
        if container_next and tagged[0].start >= ruled[0].end:
            # "Adaptive Educational Systems. In Durlach, P. J., eds., Adaptive Technologies
            # for Training …": a run after the "In" that follows the rules' title is the
            # host work (its editors, its title), not the cited part.
            return ruled
        if ruled[0] is not None and ruled[1] and ruled[0].start <= tagged[0].start:
            # The rules read the names in front of the title; the tagger only moves the
            # title, so the names they found before it still stand.
            return tagged[0], ruled[1]
        return tagged
    if TAGGER_MODE == "replace":
        return tagged_title(plain, has_url=has_url)
    found = rules_title(plain, has_url=has_url, urls=urls)
    return found if found[0] is not None else tagged_title(plain, has_url=has_url)


def _run_over_din_colon(ruled: Found | None, tagged: Found) -> bool:
    """``Vgl. Naughton, John: Title, in: …``: a tagged run that starts inside the names of
    a DIN lead the rules read, and goes on over its colon, takes the given name for part of
    the title; DIN's colon closes the names, so the rules' title after it stands."""
    return ruled is not None and ruled.how == "din" and tagged.start < ruled.start < tagged.end


def _run_before_designator(ruled: Found | None, tagged: Found) -> bool:
    """``IHK Frankfurt, 2022. IHK Frankfurt a. Main: Title. [Online]``: ISO 690 sets the
    medium designator right after the title, so a tagged run that ends before the title the
    rules read up to the designator never reaches it, and is the author's words."""
    return ruled is not None and ruled.how == "medium" and tagged.end <= ruled.start


def _container_follows(plain: str, end: int) -> bool:
    """``Title. In Host`` / ``Title, in: Host``: a container cue right after ``end`` (the
    title's span may end on its own full stop or just before it)."""
    at = end - 1 if plain[end - 1 : end] in ".,;" else end
    return bool(_CONTAINER_AFTER.match(plain, at) or _DIN_IN_NEXT.match(plain, at))


# "frontal web: Gitea": a colon right after a word in small letters.
_LOWER_WORD_COLON = re.compile(r"(?<![^\W\d_])([a-zß-öø-ÿ][\w'’-]*)\s?:(?=\s)")


def _subtitle_colons_out(piece: str) -> str:
    """``Un servidor git con frontal web: Gitea`` with that colon read as a space: an
    imprint's colon follows a place's name, which is capitalised (``New York: Dover``); after
    a word in small letters the colon opens a title's subtitle, no publisher."""
    return _LOWER_WORD_COLON.sub(r"\1 ", piece) if ":" in piece else piece


# Matched only from the start of a run of blanks, which it takes whole: tried from every blank
# of a long run with no dash after it, the pattern was quadratic in the run.
_DASH_PIECES = re.compile(r"(?<!\s)\s++[-–—]\s+")


def names_then_platforms(plain: str) -> bool:
    """``Taner Saydam - Udemy - YouTube``: a list entry of a person's name, then one-word
    names of the platforms they publish on, and nothing else.  It names no work, and no
    piece is a title: the only phrase of several words is the name (title None beats
    taking the person for the work)."""
    pieces = _DASH_PIECES.split(plain.strip().rstrip("."))
    if len(pieces) < 2:
        return False
    person, platforms = pieces[0], pieces[1:]
    words = person.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and w.isalpha() for w in words)
        and not _function_words(person)
        and looks_like_names(person)
        and all(len(p.split()) == 1 and p[:1].isupper() and p.isalpha() for p in platforms)
    )


def tagged_title(
    plain: str, *, has_url: bool = False, threshold: float | None = None
) -> tuple[Found | None, tuple[str, ...]]:
    """The title the learned tagger marks, and the names before it (None when unsure)."""
    from citeaudit.notes import tagger  # the model loads only when a note needs it

    stripped = plain.strip()
    if not stripped or (not has_url and _explains(stripped)):
        return None, ()
    model = tagger.default_tagger()
    span = model.title_span(plain, threshold)
    if span is None:
        return None, ()
    start, end = span.start, span.end
    # The quote marks around a tagged title are not part of it.
    while start < end and plain[start] in _QUOTE_EDGES:
        start += 1
    quote = plain.rstrip()[:start].rstrip()
    if quote[-1:] in _QUOTE_EDGES and not_a_title_quote(plain, len(quote) - 1):
        return None, ()  # the publisher's quoted name, or a quoted chapter, is not the title
    while end > start and plain[end - 1] in _QUOTE_EDGES + ".,;:":
        end -= 1
    # A run on past the URL's label glued to the title's stop, or into a bare DOI, has
    # left the title: the label and the identifier are the next elements.
    glued = _GLUED_STOP.search(plain, start, end) if "." in plain[start:end] else None
    if glued is not None:
        end = glued.start() + (plain[glued.start()] in "?!")
    doi = _BARE_DOI.search(plain, start, end) if "10." in plain[start:end] else None
    if doi is not None:
        end = doi.start()
    end = _before_presented_at(plain, start, end)
    end = _with_part_number(plain, end)
    end = _before_unclosed(plain, start, end)
    wrapped = _wrapped_title(plain, start, end)
    if wrapped is not None:
        joined, end = wrapped
        found = _found(joined, 0, len(joined), "tagger")
        found = Found(found.title, start, end, "tagger") if found is not None else None
    else:
        found = _found(plain, start, end, "tagger")
    if found is None:
        return None, ()
    # The names before the title, read as parse_note reads those before a marked title.
    before = plain[:start]
    apa = APA_AUTHORS.match(before.lstrip()) if "(" in before else None
    return found, (split_authors(apa.group("a")) if apa else split_authors(before))


# " - Teil 1", " – Part 2", " — Folge 3": a dash, then a part's word and its number.
_DASHED_PART = re.compile(
    r"\s[-–—]\s(?:Teil|Part|Folge|Kapitel|Chapter|Band|Vol\.|Volume|Partie|Parte|Deel)"
    r"\s(?:\d{1,3}|[IVX]{1,5})\b(?![.,]?\d)"
)


def _with_part_number(plain: str, end: int) -> int:
    """``The Beauty of Python - Teil 1, Michael Inden``: a tagged run that stops before a
    dash and a part's number leaves the title's own numbering out; the part is named by
    the title and its number together (a series of articles, a book in volumes)."""
    part = _DASHED_PART.match(plain, end) if plain[end : end + 3].strip()[:1] in "-–—" else None
    return part.end() if part is not None else end


def _before_presented_at(plain: str, start: int, end: int) -> int:
    """A tagged run on past the title's stop into ``Presented at …`` ends at that stop: the
    sentence names the meeting the work was given at, the next element, never the title."""
    if "resented" not in plain[start:end]:
        return end
    cue = _PRESENTED_AT.search(plain, start, end)
    return cue.start() if cue is not None else end


# "Сжатие данных. Полный справочник. — М.: …": GOST closes the title area with " — ";
# a full stop before it joins the parts of the title, unless what follows is the volume
# or the edition ("Изучаем Python. В 2 т. — 5-е изд.").
_TITLE_PART = re.compile(r"\.\s(?P<p>[А-ЯЁA-Z][^.:/\[\]—–]{2,60}?)\.\s[—–]\s")
_NOT_TITLE_PART = re.compile(r"(?:В\s\d|Т\.|Ч\.|Вып\.|Кн\.|Изд|\d)", re.IGNORECASE)


def _title_area_end(text: str, end: int) -> int:
    part = _TITLE_PART.match(text, end)
    if part is None or _NOT_TITLE_PART.match(part.group("p")) or FIND_YEAR.search(part.group("p")):
        return end
    return part.end("p")


def _after_editors(text: str, editors: re.Match[str]) -> tuple[Found | None, tuple[str, ...]]:
    """``Lignum (Hrsg.): Holzbautabellen HBT, Lignum, Zürich``: the title is the sentence
    after the editors, cut where the editing body comes again as the publisher."""
    start = editors.end()
    spans = _content(text, _sentences(text[start:]))
    end = start + spans[0][1] if spans else len(text)
    imprint = _PLACE_YEAR.search(text, start, end) or _COMMA_YEAR.search(text, start, end)
    if imprint is not None:  # "…zur Umsetzung, 2012.", "…, Köln 2001": the imprint follows
        end = imprint.start()
    body = editors.group("a").strip()
    again = text.find(", " + body, start, end)
    if len(body) >= 3 and again > start:
        end = again
    names = split_authors(body) or (body,)
    return _found(text, start, end, "din"), names


def _names_lead(sentence: str, urls: tuple[str, ...]) -> bool:
    """Does an ISO 690 note's first sentence name its author: a surname in capitals, a
    ``Surname, Given`` or initialled name, or the site the URL is on (``GeeksforGeeks``)?
    Capitalised words alone do not (``Hypertext Markup Language`` is a title)."""
    names = _without_year(sentence.strip(" .,"))
    first = names.split()[0].strip(",;.") if names.split() else ""
    if len(first) >= 2 and first.isupper() and first.replace("-", "").isalpha():
        return True
    initialled = "," in names or any(_INITIAL.fullmatch(w) for w in names.split())
    # One word that is the URL's host names who wrote it ("Musstafa" on musstafa0804.medium.com);
    # "PostgreSQL Documentation" names the work the page belongs to, so it stays in the title.
    hosted = len(names.split()) == 1 and names_site(names, None, urls) == 2
    return (initialled and looks_like_names(names)) or hosted


_WORK_KIND = re.compile(
    r"\b(?:documentation|docs|manual|handbook|guide|reference|dokumentation|handbuch"
    r"|documentação|documentación|manuel|handleiding|kılavuz|belgeler|ohje|käsikirja)\b",
    re.IGNORECASE,
)


def _before_empty_host(text: str, start: int, end: int) -> int:
    """``Документация FastAPI // [Электронный ресурс]``: GOST's ``//`` opens the host work,
    and with the designator right after it (no host named) the title ends before the mark."""
    head = text[start:end].rstrip()
    if not head.endswith("//"):
        return end
    return start + len(head[:-2].rstrip())


# "Slack Technologies. Slack", "Grammarly Inc. Grammarly": a body named after its product,
# then the product's name (one word), before ISO 690's designator.
_BODY_THEN_PRODUCT = re.compile(
    r"\s*(?P<b>(?P<x>[^\W\d_][\w.+-]*)\s[^.]{1,40}?\.?)\s+(?P=x)\s*$"
)


def _body_then_product(
    text: str, start: int, end: int
) -> tuple[Found | None, tuple[str, ...]] | None:
    """``Grammarly Inc. Grammarly [online]``: the body that makes a product and is named for
    it leads, the product's name is the title ISO 690's designator follows; None otherwise
    (``Hypertext Markup Language. Wikipedia [online]``: the title, then the site)."""
    match = _BODY_THEN_PRODUCT.fullmatch(text, start, end)
    if match is None:
        return None
    found = _found(text, match.end("b"), end, "medium")
    body = match.group("b").strip()
    if not re.search(r"(?<![^\W\d_])[^\W\d_]{1,3}\.$", body):
        body = body.rstrip(".")  # the sentence's stop, not an abbreviation's ("Inc.")
    return (found, (body,)) if found is not None else None


def _after_author_colon(text: str, start: int, authors: tuple[str, ...]) -> int:
    """``IHK Frankfurt, 2022. IHK Frankfurt a. Main: Die Ausbildungsvergütung. [Online]``:
    a title sentence that opens with the author's name again, then a colon, is the page's
    heading as the site sets it ("Body: Title"); the title starts after the colon."""
    if len(authors) != 1:
        return start
    head = text[start:].lstrip()
    at = start + len(text[start:]) - len(head)
    colon = head.find(": ", 0, len(authors[0]) + 30)
    if not head.startswith(authors[0]) or colon < len(authors[0]):
        return start
    return at + colon + 2


def _iso690_title(
    text: str, start: int, end: int, urls: tuple[str, ...]
) -> tuple[Found | None, tuple[str, ...]]:
    """``AUTHOR, Given. Title. Site [online]``: before a medium designator, an author
    sentence leads and the designator belongs to the host work (the site, the journal)
    when a short sentence carries it, so the title is the sentence between them."""
    end = _before_empty_host(text, start, end)
    product = _body_then_product(text, start, end)
    if product is not None:
        return product
    head = text[start:end]
    spans = [(start + a, start + b) for a, b in _content(head, _sentences(head))]
    authors: tuple[str, ...] = ()
    lead = text[spans[0][0] : spans[0][1]] if spans else ""
    # ISO 690 sets the designator right after the title: with two sentences before it, a
    # short first one ("Ministère de la Culture.", "Wikipédia.") is the author, a body.
    # A lead that names a kind of work ("PostgreSQL Documentation") is the host work, kept.
    body_lead = (
        len(spans) == 2
        and len(lead.split()) <= BODY_LEAD_WORDS
        and not lead.rstrip(" .").endswith("?")
        and not _WORK_KIND.search(lead)
        # "Hypertext Markup Language. Wikipedia [online]": the designator follows the site.
        and not names_site(text[spans[1][0] : spans[1][1]], None, urls)
        # "Les ponts de Paris. In : Wikipédia [en ligne]": "In :" opens the host work, so
        # the sentence before it is the title, not a body that wrote it.
        and not _IN_CONTAINER.match(text[spans[1][0] : spans[1][1]].lstrip())
    )
    if len(spans) >= 2 and (_names_lead(lead, urls) or body_lead):
        lead_names = _without_year(text[spans[0][0] : spans[0][1]].strip(" .,"))
        authors = split_authors(lead_names) or (lead_names,)
        spans = spans[1:]
    if len(spans) >= 2:
        host = text[spans[-1][0] : spans[-1][1]]
        hosted = names_site(host, None, urls) or _IN_CONTAINER.match(host.lstrip())
        if len(host.split()) <= 4 and (authors or hosted):
            start = _after_author_colon(text, spans[0][0], authors)
            return _found(text, start, spans[-2][1], "medium"), authors
    body_cut = _site_comma_lead(text, spans[0][0], end, urls) if len(spans) == 1 else None
    if body_cut is not None:
        return _found(text, body_cut, end, "medium"), (text[spans[0][0] : body_cut - 1].strip(),)
    if len(spans) == 1 and "," in text[spans[0][0] : end]:
        # "Histoire de la Tour Eiffel, Paris Musées, [en ligne]": the site's name (the URL's
        # host) stands between the title and the designator.
        site = text.rfind(",", spans[0][0], end - 1)
        name = fold_accents(text[site + 1 : end].strip(" ,"))
        if site > spans[0][0] and names_site(name, None, urls) == 2:
            end = site
    begin = _after_author_colon(text, spans[0][0], authors) if spans else start
    return _found(text, begin, end, "medium"), authors


# A body's first word: a foundation, a city, an office, a museum, an archive, a library.
_BODY_FIRST_WORD = re.compile(
    r"(?:Stiftung|Landeshauptstadt|Stadt|Bundesamt|Landesamt|Bundesministerium|Ministerium"
    r"|Verein|Fondation|Foundation|Fundación|Fundação|Musée|Museum|Museo|Archiv|Archives"
    r"|Bibliothek|Bibliothèque)\b"
)


def _site_comma_lead(text: str, start: int, end: int, urls: tuple[str, ...]) -> int | None:
    """``Stiftung Berliner Mauer, Der Grenzübergang [online]``: one sentence before the
    designator, whose lead before its first comma is the body or site that wrote the page
    (its name spelled by the URL's host, or a body's first word): ISO 690's author, with a
    comma where a full stop would stand.  Where the title starts, or None."""
    comma = text.find(",", start, end)
    if comma < 0:
        return None
    lead = text[start:comma].strip()
    rest = text[comma + 1 : end].strip(" ,")
    if not lead or not rest or len(lead.split()) > 8 or "," in rest:
        return None
    if names_site(lead, None, urls) or _BODY_FIRST_WORD.match(lead):
        return comma + 1
    return None


# What follows a serial's name and its designator in ISO 690: the issue's date, then its
# volume, number or pages ("[en ligne]. 1 Janvier 2018, Vol. 17, n° 3").
_SERIAL_NUMBERING = re.compile(
    r"\s*(?:\d{1,2}\s+[^\W\d_]+\s+)?(?:\d{4},\s*)?(?:Vol\.|vol\.|n°|No\.|pp?\.\s*\d)"
)
_HOST_DESIGNATOR = re.compile(rf"\S\s*\[(?:{_MEDIUMS})\]\.?\s*$", re.IGNORECASE)
# An author-date lead's close: ", 2015." or ", [sans date]." (ISO 690's no date).
_DATED_LEAD_END = re.compile(
    r",\s*(?:\d{4}[a-z]?|\[(?:sans\s+date|s\.\s?d\.|n\.\s?d\.|o\.\s?J\.)\])\.\s*$",
    re.IGNORECASE,
)
_CLOSING_YEAR = re.compile(r",\s*\d{4}[a-z]?\.?\s*$")


def _serial_host_title(text: str) -> tuple[Found | None, tuple[str, ...]] | None:
    """``Title. Journal [en ligne]. Vol. 17, n° 3`` (ISO 690): the designator's sentence
    names the host (a journal, a database) when the serial's numbering follows it, or when
    an author-date lead (``NAME, Given, [sans date].``) stands two sentences before it; the
    sentence between is the title.  With no author, a year closing the title sentence
    (``Title, 2021.``) is the date ISO 690 puts there, no part of the title."""
    sentences = _sentences(text)
    for k in range(1, len(sentences)):
        a, b = sentences[k]
        if not _HOST_DESIGNATOR.search(text, a, b):
            continue
        serial = _SERIAL_NUMBERING.match(text, b) is not None
        dated = k >= 2 and _DATED_LEAD_END.search(text[sentences[k - 2][0] : sentences[k - 2][1]])
        t0, t1 = sentences[k - 1]
        if not (serial or dated) or looks_like_names(text[t0:t1]):
            return None
        if k == 1:
            year = _CLOSING_YEAR.search(text, t0, t1)
            t1 = year.start() if year else t1
        lead = text[sentences[0][0] : sentences[k - 2][1]] if k >= 2 else ""
        authors = split_authors(_without_year(lead.strip(" .,"))) if lead else ()
        found = _found(text, t0, t1, "serial-host")
        return (found, authors) if found is not None else None
    return None


def _run_beside_serial_host(ruled: Found | None) -> bool:
    """The rules read the title before a serial's designated name from the serial's own
    numbering; a tagged run elsewhere (the serial's name) knows less."""
    return ruled is not None and ruled.how == "serial-host"


def _vancouver_lead(text: str, lead: int) -> bool:
    """Do NLM's names (``Johnson A, Chalton M, Treyer L.``: initials without stops) lead
    the note?  Then Vancouver's rule reads it, ``[Internet]`` included: the sentence split
    keeps ``Treyer L. pyclipper`` together (a lone capital before a lower-case word reads
    as an initial), so the designator's rule would take the names for the title."""
    match = _VANCOUVER.match(text, lead)
    return match is not None and looks_like_names(match.group("a"))


def _lead_title(text: str, apa: re.Match[str], urls: tuple[str, ...]) -> Found | None:
    """The title APA moved to the author's place, before the date; without the site's
    name when one ends it (``Bridges of London. BBC (12 maart 2020).``, as Dutch
    Wikipedia writes a page with no author)."""
    start = apa.start("a")
    end = start + len(apa.group("a").rstrip(" ."))
    spans = _sentences(text[start:end])
    if len(spans) >= 2:
        last = text[start + spans[-1][0] : start + spans[-1][1]].strip(" .")
        if len(last.split()) <= 3 and (names_site(last, None, urls) or is_site_name(last, urls)):
            end = start + spans[-2][1]
    return _found(text, start, end, "apa")


def _before_unclosed(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` ends once a bracket it opens and never closes is cut off:
    the tagger's run may reach into ``[Internet]`` or ``[Текст]``, which is not the title."""
    if "(" not in text[start:end] and "[" not in text[start:end]:
        return end  # no bracket opens in the run: nothing to cut (and no walk per character)
    opened: list[int] = []
    for pos in range(start, end):
        if text[pos] in "([":
            opened.append(pos)
        elif text[pos] in ")]" and opened:
            opened.pop()
    if not opened:
        return end
    cut = opened[0]
    while cut > start and (text[cut - 1].isspace() or text[cut - 1] in ".,;:"):
        cut -= 1
    return cut


_QUOTE_EDGES = "\"“”„«»‹›‘’「」『』《》〈〉'"
QUOTE_EDGES = _QUOTE_EDGES

# A word no title ends with: a conjunction, a preposition or an article waits for the words
# it joins ("Designing Gestural Interfaces: Touchscreens and" / "Interactive Devices").
_DANGLING = re.compile(
    r"(?<![^\W\d_])(?:and|or|of|the|for|to|in|on|with|from|a|an|y|e|o|de|del|la|el|los|las"
    r"|para|con|por|et|du|des|le|les|pour|und|der|die|das|für|von|mit|do|da|dos|com|di"
    r"|della|per)$",
    re.IGNORECASE,
)
# A line break and the indent of the line it wraps to.
_LINE_WRAP = re.compile(r"[ \t]*\n[ \t]+")
# The wrapped line goes on, indented, to the sentence's full stop (or the end).
_WRAPPED_ON = re.compile(r"[ \t]*\n[ \t]+(?P<on>[^\n.]{2,200}?)(?=\.\s|\.?$)")


def _wrapped_title(plain: str, start: int, end: int) -> tuple[str, int] | None:
    """A tagged title cut by a line break right after a word no title ends with: the
    indented line after it carries the title on (a reStructuredText or Markdown list item
    wrapped inside its title), to the tagged run's end or, when the run stopped at the
    break, to the full stop.  The title's text with the break read as one space (a line
    break and its indent would end it as a blanked gap), and where it ends in ``plain``;
    None when the title is not cut that way."""
    brk = _LINE_WRAP.search(plain, start, end)
    if brk is None or brk.start() == start:
        brk = _LINE_WRAP.match(plain, end)
        if brk is None:
            return None
    if not _DANGLING.search(plain[start : brk.start()]):
        return None
    if brk.end() < end:
        on, stop = plain[brk.end() : end], end
    else:
        wrapped = _WRAPPED_ON.match(plain, brk.start())
        if wrapped is None:
            return None
        on, stop = wrapped.group("on"), wrapped.end("on")
    return plain[start : brk.start()] + " " + on, stop


def _din_title_end(text: str, start: int, end: int) -> int:
    """Where a DIN title that runs from ``start`` to at most ``end`` ends: before ``, in:``
    / ``In:`` (the container), ``, S. 12`` (the page) or ``, Ort Jahr`` (the imprint)."""
    cue = _DIN_TITLE_END.search(text, start, end)
    place = _PLACE_YEAR.search(text, start, end)
    return min((m.start() for m in (cue, place) if m is not None), default=end)


def _humanities_title(text: str, lead: int) -> tuple[Found | None, tuple[str, ...]] | None:
    """``Müller, Jürgen, Die Welt als Bordell. Überlegungen …, in: …`` and ``Gould, Cecil,
    Michelangelo. Battle of Cascina, Newcastle upon Tyne 1966.``: after the names, each
    ``Surname, Given``, the title runs to the container, the page or the imprint; its full
    stops join title and subtitle, so they do not end it.  Only when such a cue follows."""
    names = _HUMANITIES_LEAD.match(text, lead)
    if names is None:
        return None
    start = names.end()
    dated = APA_AUTHORS.match(text, lead) if "(" in text else None
    if dated is not None and looks_like_names(dated.group("a").strip(" ,")):
        # "Luick, M., Bandy, L., Piernas, C., Jebb, S. A., & Pechey, R. (2024). Title.": the
        # names run on to an APA date, whose own rule reads the title after it.
        return None
    if _NAMES_BEFORE_DATE.match(text, start):
        # "Rein, David (AI Impact, 2025): Title": the names go on into an author-date or
        # FOM lead ("Name, Vorname (Jahr):"), whose own rules read the title after it.
        return None
    end = _din_title_end(text, start, len(text))
    if end >= len(text.rstrip(" .")) or end - start < 3:
        return None  # no container, page or imprint after it: some other style's commas
    found = _found(text, start, end, "humanities")
    if found is None:
        return None
    # Each name is a "Surname, Given" pair, so the names are the pairs, not the comma pieces.
    pairs = _HUMANITIES_PAIR.finditer(text, lead, names.end())
    return found, tuple(pair.group(0) for pair in pairs)


# What goes on after a comma-separated title's full stop or question mark, to the comma:
# a subtitle ("Firenze dalla repubblica al principato. Storia e coscienza politica, tr.
# it., Einaudi"), capitalised, with no digit, bracket or container word in it.  A volume in
# brackets may close it ("… contemporanea. (Vol. 1), edited by"): the volume is no title.
_SUBTITLE_TO_COMMA = re.compile(
    r"\s*[A-ZÀ-ÖØ-Þ][^\d()\[\],.?!:;]{2,120}?(?=\.?(?:\s\((?:Vol|vol|Bd|Tome|t)\.\s?\d{1,3}\))?,\s)"
)


# "Garcia-Molina, H., Ullman, J. D. - Database Systems: The Complete Book, Pearson, …": the
# names, closed by an initial, then a spaced dash; the title follows it.
_DASH_LEAD = re.compile(r"(?P<a>[^\W\d_][^\n]{1,300}?(?<![^\W\d_])[^\W\d_]\.)\s+[-–—]\s+(?=\S)")
# "Database: Principles, Programming, and Performance, Second Edition": a serial list in
# the title ("A, B, and C") goes on over its commas.
_SERIAL_ON = re.compile(r"(?:,\s[^\W\d_][\w'’-]*){0,3},?\s(?:and|or|&|e|y|et|und|i|и)\s[^,.]{1,60}")


# "Christopher J." / "Daniel J.": a given name and one middle initial, as Vancouver's
# "Surname I." looks; the surname closing it with a comma ("Date, …") shows it is forward.
_FORWARD_MIDDLE = re.compile(r"[A-Z][a-z]{2,}\s[A-Z]\.?\s*")
_SURNAME_CLOSES = re.compile(r"[A-Z][\w'’-]+,\s")


# DBLP's "Given Surname, Given I. Surname: Title. Venue vol(no): pages (year)": forward
# names, each of two to four words (a middle initial among them), or "et al." closing them.
# A name's word has no digit: "Kang U. Dpar2: Fast and scalable …" ends a Vancouver lead
# with a software's name, which its colon introduces.
_FORWARD_FULL_NAME = re.compile(
    r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž](?:[^\W\d_]|['’-])+|[A-Z]\.)"
    r"(?:\s(?:[A-ZÀ-ÖØ-ÞĀ-Ž](?:[^\W\d_]|['’-])+|[A-Z]\.|van|von|de|der|da|di)){1,3}"
)
_ET_AL_PIECE = re.compile(r"et\s+al(?:ii|li|\.)?\.?")
_COLON_LEAD = re.compile(r"(?P<a>[^:\n]{5,600}?):\s+(?=[A-Z0-9\"“])")
# "… for Big Data PVLDB 8(1): 37-48 (2014)": DBLP's venue, an acronym and its numbers.
_DBLP_VENUE = re.compile(
    r"\s+[A-Z][A-Za-z]*[A-Z][A-Za-z]*\s\d+\(\d+\):\s?\d+(?:[-–]\d+)?\s\(\d{4}\)\s*$"
)


def _forward_names_colon_title(text: str, lead: int) -> tuple[Found | None, tuple[str, ...]] | None:
    """``Daniel Abadi, Michael J. Carey, …, Raghu Ramakrishnan: Cloud Databases: What's New?
    PVLDB 3(2): 1657 (2010)``: a list of names written forwards, closed by a colon, then the
    title to its sentence's end (a question mark kept) or before DBLP's venue."""
    colon = _COLON_LEAD.match(text, lead)
    if colon is None:
        return None
    pieces = [piece.strip() for piece in colon.group("a").split(",")]
    if len(pieces) < 2 or not all(
        _FORWARD_FULL_NAME.fullmatch(piece) or (i and _ET_AL_PIECE.fullmatch(piece))
        for i, piece in enumerate(pieces)
    ):
        return None
    start = colon.end()
    sentence = _APA_TITLE.match(text, start)
    if sentence is None:
        return None
    end = sentence.end("t") + (text[sentence.end("t") : sentence.end("t") + 1] == "?")
    venue = _DBLP_VENUE.search(text, start, end) if "(" in text[start:end] else None
    if venue is not None:
        end = venue.start()
    found = _found(text, start, end, "colon-lead")
    return (found, tuple(pieces)) if found is not None else None


# "… zur mittelhochdeutschen Literatur. Bamberg 2020": a full stop, a place (a slash or
# hyphen may join two), then the year: the imprint after a German title.
_STOP_PLACE_YEAR = re.compile(
    r"\.\s+[A-ZÄÖÜ][^\W\d_]+(?:[/ -][A-ZÄÖÜ][^\W\d_]+){0,2}\s" + YEAR + r"\b"
)
_NAMES_WITH_NOTHING_ELSE = re.compile(r"[^\d()\[\]/&]{5,200}")
# "…, <blanked URL>": a web source's address after the title (blanked, a long gap).
_COMMA_BLANKED_URL = re.compile(r",[^\S\n]{12,}")
_WORD_STOP = re.compile(r"[^\W\d_]{2}\.\s")  # a word's full stop (an initial's is "I. ")


def _colon_names_title(text: str, lead: int) -> tuple[Found | None, tuple[str, ...]] | None:
    """``Vgl. Gabriel Viehauser: Texte als Aufgabe. Digitale Zugänge. In: …`` and ``Jannidis,
    Fotis, Hubertus Kohle: Digital Humanities. Eine Einführung. Stuttgart 2017.`` (German
    humanities footnotes): names, a colon, then the title, its full stops joining title and
    subtitles, up to the container (``In:``) or the imprint (``Ort Jahr``).  Only when such
    a cue follows; otherwise the other colon rules read the note."""
    signal = _SIGNAL.match(text, lead)
    at = signal.end() if signal else lead
    colon = _COLON_LEAD.match(text, at)
    if colon is None or not _NAMES_WITH_NOTHING_ELSE.fullmatch(colon.group("a")):
        return None
    if _WORD_STOP.search(colon.group("a")):
        return None  # "SILVEIRA, Cristiano. Servo Motor: …": a sentence ended before the colon
    names = colon.group("a").strip()
    # "Malik, Maja; Scholl, Armin": semicolons part the names, each "Surname, Given".
    authors = tuple(n.strip() for n in names.split(";")) if ";" in names else split_authors(names)
    if not 1 <= len(authors) <= 4 or not looks_like_names(names):
        return None
    start = colon.end()
    # (A web address after a comma closes the title only after DIN's "Surname, Given":
    # "Title: Subtitle - Site, accessed …, url" has capitalised words before its colon.)
    cues = (
        _DIN_IN_NEXT.search(text, start),
        _STOP_PLACE_YEAR.search(text, start),
        _COMMA_BLANKED_URL.search(text, start) if "," in names else None,
    )
    end = min((m.start() for m in cues if m is not None), default=-1)
    if end < 0:
        return None
    place = _PLACE_YEAR.search(text, start, end)
    if place is not None:
        end = place.start()  # ", Berlin 2009": the imprint after a comma comes first
    found = _found(text, start, end, "humanities")
    return (found, authors) if found is not None else None


# "…, Gerald Teschl, Susanne Teschl, 2014": forward names (a middle initial allowed), each
# after a comma, then the year closing the note.
_FORWARD_PERSON = (
    r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+(?:\s[A-Z]\.)?\s(?:(?:von|van|de|der)\s)?[A-ZÀ-ÖØ-Þ][\w'’-]+"
)
_NAMES_YEAR_CLOSE = re.compile(
    rf"(?:,\s(?:{_FORWARD_PERSON}))+,\s" + YEAR + r"\.?\s*$"
)


def _names_after_title(text: str, lead: int) -> tuple[Found | None, tuple[str, ...]] | None:
    """``[9] Mathematik für Informatiker, Band 2, Analysis und Statistik, Gerald Teschl,
    Susanne Teschl, 2014``: a reading list that gives the title first, then its authors
    written forwards and the year; every comma before the names is the title's own.  Not
    when names lead the note (``John Smith, Title, Penguin Books, 2010``: a publisher then)
    or a body, not a person, stands last."""
    close = _NAMES_YEAR_CLOSE.search(text, lead)
    if close is None or close.start() <= lead:
        return None
    names = [piece.strip() for piece in text[close.start() : close.end()].split(",")[1:-1]]
    if any(names_body(name) or _IMPRINTISH.search(name) for name in names):
        return None
    first = text[lead:].split(",", 1)[0]
    # "Die Zahl, die aus der Kälte kam, …": an article opens a title, however capitalised.
    article = any(
        w in _PROSE_WORDS and w not in _PARTICLES for w in _WORDS.findall(first.casefold())
    )
    if (looks_like_names(first) and not article) or not all(map(looks_like_names, names)):
        return None
    found = _found(text, lead, close.start(), "names-last")
    return (found, tuple(names)) if found is not None else None


# "5th edition", "2. Auflage", "Second Edition": an edition statement as a comma piece.
_EDITION_PIECE = re.compile(
    r"(?:\d{1,2}\s?(?:st|nd|rd|th|\.|e)?\s(?:edition|ed\.|edn\.?|Auflage|Aufl\.|édition|éd\.)"
    r"|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+edition)\.?",
    re.IGNORECASE,
)
# "aus: iX Special", "in: c't 3/2020": the container a part of it was printed in.
_CONTAINER_PIECE = re.compile(r"(?:aus|in|In|Aus)\s?:\s")


def _title_edition_names(text: str, lead: int) -> tuple[Found | None, tuple[str, ...]] | None:
    """``[2] Learning Python, 5th edition, Mark Lutz, O'Reilly`` and ``[4] Python:
    Programmiersprache für alle Fälle, Holger Krekel, aus: iX Special, 1/2010``: a reading
    list that gives the title first, then (its edition and) its authors written forwards,
    then the publisher or the container ``aus:`` opens.  The edition or the container cue is
    what tells the comma after the title from a comma inside it, so one is asked for."""
    pieces = [piece.strip() for piece in text[lead:].split(",")]
    if len(pieces) < 3:
        return None
    at = 1
    edition = bool(_EDITION_PIECE.fullmatch(pieces[1]))
    at += edition
    names: list[str] = []
    while at < len(pieces) and re.fullmatch(_FORWARD_PERSON, pieces[at]) and len(names) < 3:
        names.append(pieces[at])
        at += 1
    if not names or not all(map(looks_like_names, names)):
        return None
    container = at < len(pieces) and bool(_CONTAINER_PIECE.match(pieces[at]))
    # With no edition between them, a title that reads as a name ("Anna Berg, Jonas Lind,
    # aus: …") may be the first of the authors; the edition shows a title stands there.
    if not (edition or (container and not looks_like_names(pieces[0]))):
        return None
    end = lead + len(text[lead:].split(",", 1)[0].rstrip())
    found = _found(text, lead, end, "names-last")
    return (found, tuple(names)) if found is not None else None


def _initials_lead_title(text: str, lead: int) -> tuple[Found | None, tuple[str, ...]] | None:
    """``[6] Weizenbaum J., Die Macht der Computer und die Ohnmacht der Vernunft. Suhrkamp,
    Frankfurt am Main, 1977``: surnames with their initials, each closed by a comma, lead a
    citation however many "und" and "der" its title has (asked of a note that reads as
    prose), and the title runs to its full stop before the publisher or to its comma."""
    names = _SURNAME_INITIALS_LEAD.match(text, lead)
    if names is None or re.match(_SURNAME_INITIALS, text[names.end() :]):
        return None  # ("Jones M., Bradley J., Sakimura N. Title.": the names go on)
    start = names.end()
    stop = _TITLE_STOP.search(text, start)
    found = _found(text, start, stop.start() if stop else len(text), "gost")
    authors = tuple(n.strip() for n in re.split(r"(?<=\.),\s", names.group("a")))
    return (found, authors) if found is not None else None


# ISO 690's names: a surname in capitals, a comma, the given names ("TREMBLAY, Pierre"),
# joined by commas and a last "et"/"and"/"und"/"y"/"e", closed by a full stop.
_CAPS_NAME = (
    r"[A-ZÀ-ÝÇŒ][A-ZÀ-ÝÇŒ'’-]+(?:\s[A-ZÀ-ÝÇŒ][A-ZÀ-ÝÇŒ'’-]+)?"
    r",\s[^\W\d_][\w'’-]*(?:\s[^\W\d_][\w'’-]*\.?)?"
)
_SENTENCE_STOP = re.compile(r"\.\s+(?=[A-ZÀ-ÖØ-Þ])")
_CAPS_NAMES_LEAD = re.compile(
    rf"\s*(?P<a>{_CAPS_NAME}(?:,\s{_CAPS_NAME})*(?:,?\s(?:et|and|und|y|e|&)\s{_CAPS_NAME})?)"
    r"\.\s+(?=[^\W\d_])"
)


def _caps_names_lead_title(text: str, lead: int) -> tuple[Found | None, tuple[str, ...]] | None:
    """``TREMBLAY, Pierre, BOUCHARD, Martin et LECLERC, Chloé. La courbe de gravité des
    crimes. L'Année sociologique. …``: ISO 690's surnames in capitals with their given names
    lead a citation however many "de" and "des" its title has (asked of a note that reads
    as prose); the title is the sentence after them."""
    names = _CAPS_NAMES_LEAD.match(text, lead)
    if names is None:
        return None
    stop = _SENTENCE_STOP.search(text, names.end())
    found = _found(text, names.end(), stop.start() if stop else len(text), "author-title")
    if found is None:
        return None
    pairs = re.split(r",\s(?=[A-ZÀ-ÝÇŒ]{2})|,?\s(?:et|and|und|y|e|&)\s", names.group("a"))
    return found, tuple(pair.strip() for pair in pairs if pair.strip())


# IEEE's book and dataset imprint as a comma piece: "Place: Publisher" (one or two
# capitalised words for the place), with the year as the next piece.
_PLACE_PUBLISHER = re.compile(r"\s*[A-ZÀ-Ý][\w'’-]+(?:\s[A-ZÀ-Ý][\w'’-]+)?:\s+[^\W\d_]")
_YEAR_PIECE = re.compile(r"\s*(?:1[5-9]|20)\d\d\b")


def _title_before_place_publisher(
    text: str, commas: list[tuple[int, int]]
) -> tuple[Found | None, tuple[str, ...]] | None:
    """``Ville de Montréal, Installations récréatives, sportives et culturelles, Montréal:
    Données ouvertes, 2025.`` (IEEE's book or dataset): a body leads, the imprint's ``Place:
    Publisher`` and the year close the entry, and every piece between is the title's, its
    commas its own."""
    if len(commas) < 4 or not names_body(text[commas[0][0] : commas[0][1]]):
        return None
    for j in range(len(commas) - 2, 1, -1):
        place = text[commas[j][0] : commas[j][1]]
        if _PLACE_PUBLISHER.match(place) and _YEAR_PIECE.match(text, commas[j + 1][0]):
            found = _found(text, commas[1][0], commas[j - 1][1], "chicago")
            author = text[commas[0][0] : commas[0][1]].strip()
            return (found, (author,)) if found is not None else None
    return None


def _dash_lead_title(text: str, lead: int) -> tuple[Found | None, tuple[str, ...]] | None:
    """``Surname, I., Surname, I. J. - Title, Publisher, ISBN …``: after the names and the
    dash, the title runs to its first comma (a serial list in it goes on) or its sentence's
    end."""
    dash = _DASH_LEAD.match(text, lead)
    if dash is None or not looks_like_names(dash.group("a")):
        return None
    start = dash.end()
    sentence = _APA_TITLE.match(text, start)
    if text[start] in "\"“„«" and sentence and not any(
        q in text[start + 1 : sentence.end("t") + 1] for q in "\"”“»"
    ):
        start += 1  # '- "SQL:1999 - Understanding …, Elsevier': a quote opened, never closed
    end = sentence.end("t") if sentence else len(text)
    comma = text.find(", ", start, end)
    if comma > start:
        serial = _SERIAL_ON.match(text, comma)
        end = serial.end() if serial and serial.end() <= end else comma
    found = _found(text, start, end, "dash-lead")
    return (found, split_authors(dash.group("a"))) if found is not None else None


# The FOM Hochschule's Literaturverzeichnis: "Surname, Given, Surname, Given [(Hrsg.)]
# (Kurzbeleg, Jahr): Title, …".  The bracket holds the short title and year the footnotes
# cite the work by; the colon after it opens the full title.
_SHORT_FORM_LEAD = re.compile(
    r"(?P<a>[^():\n]{3,1000}?)\s*(?:\((?:Hrsg|Hg|Eds?|ed)\.?\)\s*)?"
    r"\((?P<k>[^()\n]{2,80}?),\s*" + YEAR + r"[a-z]?\)\s*:\s+(?=\S)"
)
_NAME_PAIR = re.compile(r"[^,]+,\s*[^,]+")


def _name_pairs(names: str) -> tuple[str, ...] | None:
    """``Swaraj, Aman, Kumar, Sandeep``: the ``Surname, Given`` pairs a comma list of names
    is, or None when it is not one (an odd count, a pair that reads as no name)."""
    pieces = [piece.strip() for piece in names.strip(" ,").split(",")]
    if len(pieces) % 2 or not all(pieces):
        return None
    pairs = tuple(f"{pieces[i]}, {pieces[i + 1]}" for i in range(0, len(pieces), 2))
    return pairs if all(looks_like_names(pair) for pair in pairs) else None


def _short_form_lead_title(text: str, lead: int) -> tuple[Found | None, tuple[str, ...]] | None:
    """``Preußig, Jörg (Agiles Projektmanagement, 2020): Agiles Projektmanagement. Agilität
    und Scrum …, 2. Aufl., Freiburg: Haufe, 2020``: after the names and the bracketed short
    form, the title runs to ``, in:`` (an article's container) or else to its first comma
    (edition, series, place); its full stops and colons join title and subtitle."""
    short = _SHORT_FORM_LEAD.match(text, lead) if "(" in text else None
    if short is None:
        return None
    authors = _name_pairs(short.group("a"))
    if authors is None:
        return None
    start = short.end()
    host = _DIN_IN_NEXT.search(text, start)
    if host is not None:
        end = host.start()
    else:
        comma = text.find(", ", start)
        end = comma if comma > start else len(text)
    found = _found(text, start, end, "short-form")
    return (found, authors) if found is not None else None


def _comma_after_subtitle(text: str, end: int) -> int:
    """Where the comma that closes a comma-separated title stands, when the title's first
    sentence (ending at ``end``) is followed by a subtitle running to it; else -1."""
    if text[end - 1 : end] not in (".", "?", "!"):
        if text[end : end + 1] != ".":
            return -1
        end += 1  # (the sentence's span may end before its own full stop)
    sub = _SUBTITLE_TO_COMMA.match(text, end)
    if sub is None or _HOST_OPENS.match(sub.group(0).strip()) or names_body(sub.group(0)):
        return -1
    if len(sub.group(0).split()) < 2 or looks_like_names(sub.group(0).strip()):
        return -1  # a lone word, a publisher's or a person's name: no subtitle
    return sub.end()


def _asked_title_before_label(text: str, sentences: list[tuple[int, int]]) -> Found | None:
    """``O que é Kanban? Explicado para Iniciantes. Disponível em: <url>`` (ABNT, a page with
    no author): a question opens the note and the URL's label follows the next sentence, so
    the question is the title and that sentence its subtitle (a question names no author or
    site, which would stand there otherwise)."""
    if len(sentences) < 3:
        return None
    (s0, e0), (_, e1), (s2, e2) = sentences[:3]
    if not text[s0:e0].rstrip().endswith("?") or not _URL_LABEL.match(text[s2:e2].strip()):
        return None
    return _found(text, s0, e1, "title-first")


def _word_count(text: str) -> int:
    """The words of ``text`` without the marks trailing it (``Title, <blanked URL>,`` leaves
    lone commas behind, which are no words of the title)."""
    return len(text.rstrip(" ,;").split())


# German archaeology's lead (the DAI/RGK guidelines): forward names with their initials,
# joined by slashes ("A. Drafehn/M. Bradtmöller/D. Mischka"), then a comma and the title.
_INITIALS_NAME = r"(?:[A-ZÄÖÜ][a-zäöü]?\.[\s-]?)+(?:(?:van|von|de|der|den)\s)?[A-ZÄÖÜ][\w'’-]+"
_SLASH_NAMES_LEAD = re.compile(
    rf"\s*{_INITIALS_NAME}(?:\s?/\s?{_INITIALS_NAME})*"
    r"(?:\s?\((?:Hrsg|Hg|eds?)\.\))?,\s"
)
# What closes such an entry after the title's last full stop: a series or a thesis with
# "(Place Year)" and its pages, or a journal's "Volume, Year, pages".
_ARCHAEOLOGY_CLOSE = re.compile(
    r"[^\W\d][^()]*?(?:\s\((?:[^\W\d][\w./ -]*\s)?\d{4}\)"
    r"|\s\d+[a-z]?,\s\d{4})(?:,?\s*\d+\s*[-–]\s*\d+)?\.?\s*\Z"
)
_ARCHAEOLOGY_IN = re.compile(r"\.\s+In:\s")
_NEXT_SENTENCE = re.compile(r"\.\s+(?=[^\W\d])")


def _slash_names_title(text: str, lead: int) -> tuple[Found | None, tuple[str, ...]] | None:
    """``A. Berg/L. Hoff, Title. Subtitle. Series 4 (Kassel 1988) 12-40.`` (German
    archaeology): after the names, the title runs over its full stops to ``. In:`` (the
    host volume follows), or else to the entry's last sentence when that closes it as a
    series, a thesis or a journal does (``(Place Year)``, ``Volume, Year, pages``)."""
    names = _SLASH_NAMES_LEAD.match(text, lead)
    if names is None:
        return None
    start = names.end()
    host = _ARCHAEOLOGY_IN.search(text, start)
    if host is not None:
        end = host.start()
    else:
        stops = [m for m in _NEXT_SENTENCE.finditer(text, start) if m.start() > start]
        last = stops[-1] if stops else None
        if last is None or not _ARCHAEOLOGY_CLOSE.match(text, last.end()):
            return None
        end = last.start()
    found = _found(text, start, end, "slash-names")
    return (found, split_authors(text[lead : names.end()].strip(" ,").replace("/", "; "))) if (
        found is not None
    ) else None


# "Août 1914, La Bataille de Sarrebourg\n(Joseph Elmerich, 1993)": a line, then a line held
# wholly in brackets.
_LINE_THEN_BRACKET = re.compile(
    r"\s*(?P<t>[^\n()]*[^\W\d_][^\n()]*?)[ \t]*\n[ \t]{0,4}"
    r"\([^()\n]*[^\W\d_][^()\n]*\)[ \t]*\Z"
)
_TITLE_MARKS = re.compile(r"[\"“”„«»「」『』*_`\[\]]")


def title_above_bracket(plain: str) -> Found | None:
    """A book list's entry on two lines, the work's title above and its author, publisher
    or year below in brackets (``(Éditions Hachette / fiche "…")``, ``(thèse rédigée par
    …)``): the bracket describes the work the line above names, so that line, commas and
    all, is the title, and a quote inside the bracket is none."""
    match = _LINE_THEN_BRACKET.match(plain)
    if match is None:
        return None
    line = match.group("t").strip()
    if _TITLE_MARKS.search(line) or looks_like_names(line) or _GAP.search(line):
        return None  # marked titles, names and blanked addresses are the other rules' to read
    return _found(plain, match.start("t"), match.end("t"), "title-first")


# What a web list may leave after its access phrase: the blanked URL, its Markdown link's
# brackets, the commas and the full stop between.
_ONLY_BLANKED = re.compile(r"[\s,.;\[\]()<>]*\Z")
# A sentence's stop inside a phrase (not an ellipsis: "Best ..." only shortens a title).
_INNER_STOP = re.compile(r"(?<!\.)\.\s+\S")
_BRACKET_YEAR = re.compile(r"\(\d{4}")


def title_before_access(plain: str, access_start: int, access_end: int) -> Found | None:
    """``Title, accessed May 31, 2025, https://…`` (a works-cited list as a search tool
    writes it, in any language: ``erişim tarihi``, ``consulté le``): a lone phrase, its
    comma, then only the access phrase and the address.  The access phrase says the phrase
    names the page that was read, however long it is and however many small words it has;
    its own commas and colons are no authors' (``SQL in the Age of ORM: Risks, Best ...``)."""
    before = plain[:access_start].rstrip()
    if not before.endswith(",") or not _ONLY_BLANKED.match(plain, access_end):
        return None
    if before[:-1].endswith("  "):
        return None  # "Title, <URL>, abgerufen am …": the address first, read as before
    piece = before[:-1].strip()
    if not piece or _INNER_STOP.search(piece) or is_prose(piece):
        return None
    parts = [part.strip() for part in piece.split(",")]
    if ":" not in parts[0] and len(parts) > 1 and looks_like_names(parts[0]):
        return None  # "Berg, Ida, Title, accessed …": a name leads, the comma rules read it
    if any(looks_like_names(part) or _BRACKET_YEAR.search(part) for part in parts[1:]):
        return None  # "Title, Nick Gammon, accessed …": the author follows; the rules read it
    if len(parts) > 1 and names_site(parts[-1], None, ()):
        return None  # "Title, Wikipedia, accessed …": the site follows
    start = plain.find(piece)
    return _found(plain, start, start + len(piece), "title-first")


# "TATSUO IKURA,Ajax Tower,(最終閲覧日：…)": two fields joined by a comma with no space
# (how a Japanese writer types an ASCII comma list), then only blanked dates, addresses and
# their brackets (a label's colon may be left there: "(     ：     )").
_UNSPACED_PAIR = re.compile(
    r"\s*(?P<a>[^\s,()\[\]][^,()\[\]]{0,60}?),(?P<t>[^\s,()\[\]][^,()\[\]]{0,80}?)"
    r"[\s,]*(?:[(\[（][^\w()\[\]（）]*[)\]）][\s,]*)*$"
)


def _author_comma_title(text: str) -> tuple[Found | None, tuple[str, ...]] | None:
    """``Yuki Mori,DIGTAL SKILL,(最終閲覧日：…)``: a Japanese web reference puts the author
    first and the page's (or site's) name after it.  The second field is the title when the
    first is a person's name, or the same name again (a site as its own author: ``MDN web
    docs,MDN web docs``)."""
    pair = _UNSPACED_PAIR.match(text)
    if pair is None:
        return None
    author, name = pair.group("a").strip(), pair.group("t").strip()
    if author != name and not looks_like_names(author):
        return None
    found = _found(text, pair.start("t"), pair.start("t") + len(name), "author-comma")
    return (found, (author,)) if found is not None else None


def rules_title(
    plain: str, *, has_url: bool = False, urls: tuple[str, ...] = ()
) -> tuple[Found | None, tuple[str, ...]]:
    """The title by its position in a known style, and the authors before it.

    ``has_url``: the note cites a URL, so a lone short phrase beside it names the page;
    ``urls`` tell a site's name from a title (``Transparency Report, Google``).
    """
    text = plain.rstrip()
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    medium = _TITLE_MEDIUM.match(text, lead) if "[" in text else None
    if medium and _GBT_TYPE.match(text, medium.end("t")):
        # GB/T 7714 "作者. 题名[J]": the type code closes the title, whatever the authors
        # look like ("Chase H. LangChain[EB/OL]" is no GOST heading).
        start, end, authors = cjk.gbt_title_span(text, medium.start("t"), medium.end("t"))
        return _found(text, start, end, "gbt"), authors
    if medium and "(" in text[lead : medium.end("t")] and APA_AUTHORS.match(text, lead):
        medium = None  # "NOS. (2021, 3 mei). Kabinet valt [Video].": APA's own reading follows
    serial_host = _serial_host_title(text) if "[" in text else None
    if serial_host is not None:
        return serial_host
    if medium and not _GOST.match(text, lead) and not _vancouver_lead(text, lead):
        return _iso690_title(text, medium.start("t"), medium.end("t"), urls)
    lead = len(text) - len(text.lstrip())
    key = _KEY_LABEL.match(text, lead) if text[lead : lead + 1] == "[" else None
    if key:  # "[ReSV04] Rensink, Arend; …": an alphabetic style's key labels the entry
        text = text[:lead] + " " * (key.end() - lead) + text[key.end() :]
        lead = key.end()
    paired = _author_comma_title(text) if "," in text else None
    if paired is not None:
        return paired
    names_last = _names_after_title(text, lead) if text.count(",") >= 2 else None
    if names_last is not None:
        return names_last
    edition_names = _title_edition_names(text, lead) if text.count(",") >= 2 else None
    if edition_names is not None:
        return edition_names
    colon_names = _colon_names_title(text, lead) if ": " in text else None
    if colon_names is not None:
        return colon_names
    slash_names = _slash_names_title(text, lead) if ", " in text else None
    if slash_names is not None:
        return slash_names
    if not stripped or (
        not has_url
        and _explains(stripped)
        and not (":" in text and _DIN.match(text, lead))
        and _humanities_title(text, lead) is None
    ):
        # (DIN's "Surname, I.: Title" opens a citation, however many "und" and "der" follow,
        # and so do a humanities list's "Surname, Given, Title, in: …".)
        initials = _initials_lead_title(text, lead) if ", " in text else None
        if initials is None and ", " in text:
            initials = _caps_names_lead_title(text, lead)
        return initials if initials is not None else (None, ())
    signal = _SIGNAL.match(text, lead)
    if signal:  # "See J. R. Smith, Title, …": the signal word is not part of the names
        text = text[:lead] + " " * (signal.end() - lead) + text[signal.end() :]
        lead = signal.end()
    short_form = _short_form_lead_title(text, lead) if "): " in text else None
    if short_form is not None:
        return short_form
    colon_lead = _forward_names_colon_title(text, lead) if ": " in text else None
    if colon_lead is not None:
        return colon_lead
    dashed = _dash_lead_title(text, lead) if " - " in text or " – " in text else None
    if dashed is not None:
        return dashed
    editors = _EDITORS_COMMA.match(text, lead) if ", ed" in text or ", H" in text else None
    if editors and looks_like_names(editors.group("a")):
        return _after_editors(text, editors)
    humanities = _humanities_title(text, lead) if text.count(",") >= 3 else None
    if humanities is not None:
        return humanities
    editors = _EDITORS_LEAD.match(text, lead) if "(" in text and ":" in text else None
    if editors:
        return _after_editors(text, editors)
    if " / " in text:
        # (With a medium designator in the note, "Title [Электронный ресурс] / …", the
        # designator's own rule above, or the GOST heading rules below, read it.)
        areas = gost_areas.title_span(text, lead) if medium is None else None
        if areas is not None:  # "Title : info / Responsibility. – City : Publisher, 2001."
            start, end, heading = areas
            found = _found(text, start, end, "gost-area")
            if found is not None:
                return found, split_authors(heading) if heading else ()
        slashed = cjk.slash_entry_span(text, lead)
        if slashed is not None:  # "Title / 저자 저 / 역자 역 / 출판사 / 2015"
            found = _found(text, *slashed, "slash-entry")
            if found is not None:
                return found, ()
    if _CJK_PAGE_UNIT.search(text):
        paged = cjk.paged_note_span(text, lead)
        if paged is not None:  # "Head First Design Patterns. 75쪽."
            found = _found(text, *paged, "paged")
            if found is not None:
                return found, ()

    # Each style's pattern runs only when the mark it needs is in the note: most notes
    # are one style, and trying every pattern on every note was most of the parse time.
    acronym = _AUTHOR_ACRONYM.match(text, lead) if "(" in text else None
    if acronym:  # "Organización Internacional del Trabajo (OIT). (2019).": the body's short name
        text = text[: acronym.start("x")] + " " * len(acronym.group("x")) + text[acronym.end("x") :]
    apa = APA_AUTHORS.match(text, lead) if "(" in text else None
    if apa and _IMPRINT_BRACKET.match(text, text.find("(", apa.end("a"))):
        apa = None  # "Petrov, Drones over the Front, (TASS Press, 2020)": a Chicago imprint
    if apa and _place_year_bracket(text, text.find("(", apa.end("a"))):
        apa = None  # "K. Müller, Geräte der Jungsteinzeit (Köln 2001) 45.": place and year
    if apa and len(_content(apa.group("a"), _sentences(apa.group("a")))) >= 3:
        # "Harris, I., Jones, P. et al. Version 4 of … dataset. Sci Data 7, 109 (2020).":
        # names, title and journal before the year (Nature's style), not APA's lead.
        apa = None
    if apa:
        before = apa.group("a").strip(" ,")
        sentence = apa_sentence(text, apa.end())
        if sentence is not None and text[: apa.end()].rstrip().endswith(","):
            # "Nguyễn Văn A (2020), Giáo trình kinh tế học, NXB Giáo dục, Hà Nội." (the
            # Vietnamese rule, and Harvard written with commas): after "(Year)," the fields
            # are comma-separated and the first is the title.
            comma = text.find(", ", sentence.start, sentence.end)
            if comma < 0:
                comma = _comma_after_subtitle(text, sentence.end)
            if comma > sentence.start:
                sentence = _found(text, sentence.start, comma, "apa") or sentence
        # A long lead that is not names is the title moved to the author's place (a work
        # with no author) -- unless a title-length sentence follows the date, in which case
        # the lead names a body ("Comisión Federal para la Protección … (2020). Title.").
        title_follows = sentence is not None and (
            len(sentence.title.split()) >= 4 or _colon_after_date(text, apa.end())
        )
        if not looks_like_names(before) and (
            ":" in before or (len(before.split()) >= 5 and not title_follows)
        ):
            # "Support vector machines: The linearly separable case. (z.d.). Site.": no author,
            # so the title stands where the author would.
            return _lead_title(text, apa, urls), ()
        authors = split_authors(before) or ((tidy_name(before),) if before else ())
        if (
            sentence is not None
            and not (looks_like_names(before) and "," in before)
            and (is_site_name(sentence.title, urls) or names_body(sentence.title))
        ):
            # "SonarQube 10.2. (n.d.). Sonar Docs. https://docs.sonarsource.com/…": what
            # follows the date is the site the URL is on, so the work has no author and
            # its title stands where the author would (APA's rule for such works); so
            # with a body there ("Title. (z.d.). Gemeente Utrecht."), which titles nothing.
            return _lead_title(text, apa, urls), ()
        if (
            sentence is None
            or not _content(text, [(sentence.start, sentence.end)])
            or (_HOST_OPENS.match(sentence.title) and not looks_like_names(before))
            or access.opens_with_label(sentence.title)
            or _URL_LABEL.match(sentence.title)
        ):
            # "Klimaatverandering. (z.d.). In Wikipedia.": the host work follows the date,
            # so the title is what stands before it.
            # "Stand. (z.d.). Geraadpleegd op …": nothing between the date and the access
            # phrase (dated or not: "op 6 april, van") or the URL's label ("Opgehaald
            # van"), so what stands before the date is the title (APA always has one).
            return _lead_title(text, apa, urls), ()
        closing = text.rfind(")", 0, apa.end())
        if text[closing + 1 : closing + 2] == "," and sentence.start < sentence.end:
            # "DUPONT J. (2005), Histoire de Lyon, Paris, Gallimard." (French author-date):
            # a comma after the date makes it a comma-separated note, the title its first part.
            cut = text.find(", ", sentence.start, sentence.end)
            short = _found(text, sentence.start, cut, "apa") if cut > sentence.start else None
            if short is not None:
                return short, authors
        return sentence, authors

    for pattern, how in ((_DIN, "din"), (_VANCOUVER, "vancouver")):
        needs = ":" if how == "din" else ". "
        match = pattern.match(text, lead) if needs in text else None
        if (
            match
            and how == "vancouver"
            and _FORWARD_MIDDLE.fullmatch(match.group("a"))
            and _SURNAME_CLOSES.match(text, match.start("t"))
        ):
            # "Christopher J. Date, SQL and Relational Theory, …": a given name and a middle
            # initial, then the surname and its comma; no Vancouver "Surname I." lead.
            match = None
        if match:
            authors = split_authors(match.group("a")) or (match.group("a").strip(),)
            t_end = match.end("t")
            if how == "din":  # "Steinzeit im Rheinland, Köln 2001, S. 45": the imprint;
                # "Nacktheit in großen Tableaus, in: Ders. (Hrsg.), …": the container
                t_end = _din_title_end(text, match.start("t"), t_end)
            found = _found(text, match.start("t"), t_end, how)
            if found is not None:
                return found, authors

    gost = _GOST_CONTAINER.match(text, lead) if "/" in text else None
    gost = gost or (_GOST.match(text, lead) if "." in text else None)
    if gost and (
        _NAMES_GO_ON_AT.match(text, gost.start("t"))
        or _INITIALS_GO_ON.match(text, gost.start("t"))
        or _EDITOR_MARK.match(text[gost.start("t") :].split(")", 1)[0] + ")")
    ):
        gost = None  # "Virtanen, M. & Korhonen, P. 2015.": the names go on after the initial
    if (
        gost
        and _FORWARD_MIDDLE.fullmatch(gost.group("a"))
        and _SURNAME_CLOSES.match(text, gost.start("t"))
    ):
        gost = None  # "Christopher J. Date, Title, …": a forward name, as for Vancouver
    if gost and not text[gost.start("t") :].startswith(","):  # "Kowalski J., Title, …"
        found = _found(text, gost.start("t"), _title_area_end(text, gost.end("t")), "gost")
        if found is not None:  # "Jones, A. 2019. Rivers…": a year, so author-date, not GOST
            return found, (gost.group("a").strip(),)
    kind = _TITLE_KIND.match(text, lead) if " : " in text else None
    if kind:
        return _found(text, kind.start("t"), kind.end("t"), "gost"), ()
    for pattern in (_TITLE_SLASH, _TITLE_CONTAINER) if "/" in text else ():
        match = pattern.match(text, lead)
        if match and not looks_like_names(match.group("t")):
            return _found(text, match.start("t"), match.end("t"), "gost"), ()

    itwiki = _ON_SITE.match(text, lead) if " su " in text else None
    if itwiki:
        return _found(text, itwiki.start("t"), itwiki.end("t"), "itwiki"), ()

    web = _web_head(text, urls)
    if web is not None:
        return web, ()

    sentences = _content(text, _sentences(text))
    segments = _segments(text, _COMMA)
    commas = _content(text, segments)
    imprint = _NOTE_IMPRINT.search(text) if "(" in text else None
    if imprint is not None:
        # "John Smith, The Long Road Home (London: Penguin, 2010), 45." (Chicago notes): the
        # bracketed imprint ends the title, whatever commas the title has.
        head = _content(text, _segments(text[: imprint.start()], _COMMA))
        lead_names = _name_pieces(text, head)
        if lead_names and len(head) > lead_names:
            names = text[head[0][0] : head[lead_names - 1][1]]
            found = _found(text, head[lead_names][0], imprint.start(), "chicago")
            if found is not None:
                return found, split_authors(names)
    pieces = segments if len(commas) >= 2 else []
    if len(pieces) >= 3 and _PAGE.match(text[pieces[-1][0] : pieces[-1][1]].strip(" .")):
        # "Smith, The Long Road Home, 45." (a Chicago short note): a lone surname, the short
        # title, the page.
        s0, e0 = pieces[0]
        surname = text[s0:e0]
        # (A short title is one phrase: "MARTIN, Paul et DURAND, Anne. La ville. Revue, p. 45"
        # has full sentences after the surname, so it is a full reference, not a short note.)
        # Nor is one with a year before the page: a short note leaves the imprint out.
        middle = text[pieces[1][0] : pieces[-2][1]]
        if (
            _SURNAME.fullmatch(surname)
            and len(_sentences(middle)) == 1
            and not FIND_YEAR.search(middle)
        ):
            found = _found(text, pieces[1][0], pieces[-2][1], "chicago")
            if found is not None:
                return found, (surname,)
    # "Authors. Title. Publisher, Year." (MLA, Chicago bibliography, ISO 690)
    if len(sentences) >= 2:
        s0, e0 = sentences[0]
        first = _without_year(text[s0:e0].rstrip("."))
        s1, e1 = sentences[1]
        second = text[s1:e1].strip()
        if "," not in first and (_SITE_YEAR.match(second) or _IN_CONTAINER.match(second)):
            # "Reparatur von Fahrrädern. In: Fahrrad-Lexikon.": what follows "In:" is the
            # container, so the sentence before it is the title of a work with no author.
            # "Design Patterns. Refactoring Guru, 2014. Disponível em: …" (ABNT, APA for
            # a page with no author): the sentence before "Site, Year" is the title.
            found = _found(text, s0, e0, "title-first")
            if found:
                return found, ()
        # "Gianglex. 2025. Title. Luettavissa: …" (author-date): a sentence that is only the
        # year shows the one before it is the author, even a one-word name (a site, a user).
        every = _sentences(text)  # with the year's own sentence, which has no letters
        year_sentence = len(every) >= 3 and every[0] == sentences[0]
        year_sentence = year_sentence and bool(
            _YEARISH.match(text[every[1][0] : every[1][1]].strip().rstrip("."))
        )
        # "Tilastokeskus 2020. Väestörakenne." (Finnish school style): the year closes the lead.
        lead_text = text[s0:e0].rstrip(". ")
        lead_words = len(lead_text.split()) - 1  # without the year
        year_closes = bool(_YEAR_ENDS.search(lead_text)) and (lead_words == 1 or "," in lead_text)
        dated_lead = (
            (year_sentence and len(first.split()) <= LEAD_WORDS)
            or (year_closes and lead_words <= LEAD_WORDS)
        ) and not _function_words(first)
        # "W3Schools. HTML Tutorial. Disponível em: <https://www.w3schools.com/…>": the lead
        # is the site the URL is on, the author of a page with no person named (ABNT).
        hosted_lead = bool(urls) and len(first.split()) <= 3 and is_site_name(first, urls)
        if dated_lead or hosted_lead or looks_like_names(first):
            if len(sentences) >= 3 and _YEARISH.match(second.rstrip(".")):
                # "White, G. C., and R. A. Garrott. 1990. Analysis of …" (author-date): the
                # year has a sentence of its own, and the title is the one after it.
                s1, e1 = sentences[2]
            initial = _ENDS_IN_INITIAL.search(text, s0, e0)
            surname = _SURNAME_COLON.match(text, s1) if initial else None
            if surname is not None:
                # "Gert G.\n    Wagner: Replikationen, …": the stop after an initial ended no
                # sentence; the surname and DIN's colon close the names, the title follows.
                s1 = surname.end()
            t_end = _before_imprint(text, s1, e1)
            dated = _COMMA_YEAR.search(text, s1, t_end)
            if dated and dated.start() > s1:
                # "… and Yannis Assael. Evaluating gemini in an arena for learning, 2025.":
                # natbib writes an undated-venue work's year after its title, with a comma.
                t_end = dated.start()
            found = _found(text, s1, t_end, "author-title")
            if found:
                return found, split_authors(first)
    if len(commas) >= 3 and _acronym_of(
        text[commas[1][0] : commas[1][1]], text[commas[0][0] : commas[0][1]]
    ):
        # "Bundesamt für Sicherheit in der Informationstechnik, BSI, IT-Grundschutz-Kompendium,
        # Bonn: …" (IEEE): a body and its acronym lead, so the title is the part after them.
        found = _found(text, commas[2][0], commas[2][1], "chicago")
        if found:
            return found, (text[commas[0][0] : commas[0][1]],)
    # "Author, Title, Publisher, Year, p. 4." (Chicago notes) — unless the second part is
    # the site the URL is on ("Transparency Report, Google, https://google.com/…").
    imprinted = _title_before_place_publisher(text, commas) if ": " in text else None
    if imprinted is not None:
        return imprinted
    lead_names = _name_pieces(text, commas) if len(commas) >= 2 else 0
    if lead_names and len(commas) > lead_names:
        s0, e0 = commas[0][0], commas[lead_names - 1][1]
        s1, e1 = commas[lead_names]
        if not names_site(text[s1:e1], None, urls) and not names_body(text[s1:e1]):
            dated = _YEAR_COLON.match(text, s1)
            if dated:  # "Susanna Lehto, 2022: Title": the year of an author-date lead
                s1 = dated.end()
            t_end = e1
            sub = _sentences(text[s1:e1])
            if len(sub) > 1:
                t_end = s1 + sub[0][1]
            found = _found(text, s1, t_end, "chicago")
            if found:
                return found, split_authors(text[s0:e0])
    asked = _asked_title_before_label(text, sentences) if "?" in text else None
    if asked is not None:
        return asked, ()
    # "Title. Site." / "Title, Site, 2016." — the first segment when no names lead.
    pieces = sentences if len(sentences) >= 2 else commas if len(commas) >= 2 else sentences
    if len(pieces) >= 2 and urls:
        # "IoT – Project Ideas. About Arduino based Decibel meter. <…/arduino-based-decibel-meter>":
        # the page's address spells its title; the piece the slug repeats is the title.
        slug = slug_words(urls)
        shared = [len(slug & set(_WORDS.findall(text[a:b].casefold()))) for a, b in pieces[:2]]
        if shared[0] == 0 and shared[1] >= 2:
            found = _found(text, pieces[1][0], pieces[1][1], "slug")
            if found:
                return found, ()
    if pieces:
        s0, e0 = pieces[0]
        first = text[s0:e0]
        alone = len(pieces) == 1
        site_next = not alone and (
            names_site(text[pieces[1][0] : pieces[1][1]], None, urls) == 2
            or names_body(text[pieces[1][0] : pieces[1][1]])
        )
        named = looks_like_names(first) and not site_next
        # A sentence the URL's label follows ("O que é Git? Disponível em: …", "Guia de Git.
        # Disponível em: …") is the page's title, however many small words it has and
        # however much it reads like a name: an author would stand before a title.
        second_piece = text[pieces[1][0] : pieces[1][1]].strip() if not alone else ""
        labelled = bool(second_piece) and bool(_URL_LABEL.match(second_piece))
        # "DL4TO: A Deep Learning Library for …. GSI 2023.": a name and its tagline lead a
        # title-first list entry too; its colon is no "Place: Publisher" imprint.
        tagline = (alone or pieces is sentences) and _name_tagline(first)
        # "European robotic framework for bipedal locomotion benchmarking\n    https://…"
        # (a reST citation): a line of its own above the URL's line is the page's caption.
        # (A caption, not a sentence: one function word at most, as in a title.)
        captioned = (
            alone
            and _LINE_ABOVE_URL.match(plain, s0 + len(first.rstrip())) is not None
            and _function_words(first) <= 1
        )
        # "Un servidor git con frontal web: Gitea. Gerard Monells. …": in the first of a
        # note's sentences a colon after a word in small letters opens the subtitle.
        subtitled = _subtitle_colons_out(first) if pieces is sentences and not alone else first
        if (
            (alone or not named or labelled)
            and (tagline or captioned or not _IMPRINTISH.search(subtitled))
            and not is_prose(first)
        ):
            # (Marks left alone by blanked URLs, "Title,   ,", are no words.)
            words = max(1, _word_count(first))
            if alone:  # a lone phrase beside a URL names the page, if it reads like a name
                ok = has_url and words <= 12 and (
                    words <= 6 or _title_cased(first) or tagline or captioned
                )
                # "[5] Dive into Design Pattern" (a list entry of a book's name and nothing
                # else): a title-cased phrase of a few words, with no URL, names the work.
                ok = ok or (
                    not has_url
                    and 3 <= words <= 8
                    and _title_cased(first)
                    and not looks_like_names(first)
                    and _function_words(first) <= 1
                    and not first.rstrip().endswith((".", ":", ";", ","))
                )
            else:
                ok = _function_words(first) * 3 <= words or (labelled and words <= 15)
            if ok and labelled:
                # "JOCL — Java Bindings for OpenCL. Disponível em: <http://www.jocl.org/>":
                # the site's own name may lead the page's title.
                page = strip_site(first, None, urls, site_first=True)
                s0 = s0 + max(0, first.find(page))
                e0 = s0 + len(page)
            if ok:
                lead = _surname_lead_end(first)
                if lead and not labelled:
                    # "Nesselhauf, Neue Inschriften aus dem römischen Germanien. Bericht …":
                    # the short-title style names the author by surname alone before it.
                    found = _found(text, s0 + lead, e0, "title-first")
                    return found, tuple(split_authors(first[:lead].rstrip(" ,")))
                return _found(text, s0, e0, "title-first"), ()
    return None, ()


# "Nesselhauf, ", "Howald; Meyer, ", "Galsterer, B.; Galsterer, H., ": surnames alone (or
# each with its initials), joined by semicolons, then the comma before the title.
_LEAD_SURNAME = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?"
_SURNAME_LEAD = re.compile(
    rf"{_LEAD_SURNAME}(?:,\s(?:[A-ZÀ-ÖØ-Þ]\.\s?){{1,3}})?(?:;\s{_LEAD_SURNAME}(?:,\s(?:[A-ZÀ-ÖØ-Þ]\.\s?){{1,3}})?)*,\s+"
    rf"(?=[A-ZÀ-ÖØ-Þ])"
)
# A title after a surname lead has at least this many words: "Wikipedia, Die freie
# Enzyklopädie" (a site and its tagline) and "Scikit learn, KMeans" stay whole.
_SURNAME_LEAD_TITLE_WORDS = 4


def _surname_lead_end(first: str) -> int:
    """Where the title starts in ``Surname, Title`` (a humanities short-title reference),
    or 0.  The lead is a surname written alone, or surnames (with their initials) joined
    by semicolons; after it comes a title of several words with no comma of its own, so
    the comma is the one that parts the author from the work, not a title's list."""
    lead = _SURNAME_LEAD.match(first)
    if lead is None:
        return 0
    rest = first[lead.end() :]
    if "," in rest or len(_WORDS.findall(rest)) < _SURNAME_LEAD_TITLE_WORDS:
        return 0
    return lead.end()
