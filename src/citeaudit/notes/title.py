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
import unicodedata
from itertools import permutations
from urllib.parse import unquote

import attrs

from citeaudit.notes.authors import APA_AUTHORS
from citeaudit.notes.link_words import is_link_word
from citeaudit.notes.text import CJK, INITIAL, mask
from citeaudit.notes.urls import MD_LINK, URL

# Patterns used inside functions, compiled once.
LETTERS = re.compile(r"[^\W\d_]")
_BARE_HOST = re.compile(r"[\w.-]+\.[a-z]{2,}(?:/\S*)?")
# An address written without its scheme ("chartkick.com/", "github.com/pry/pry",
# "www.x.org") names where a link goes, not a work.  A host alone can be the name a work
# goes by ("FreeCodeCamp.org. (z.d.)."), so only a path or "www." marks an address ...
_SPELLED_ADDRESS = re.compile(r"www\.\S+|[\w-]+(?:\.[\w-]+)+/\S*", re.IGNORECASE)
# ... except as a link's text, where a host ("laravel.com") spells the link's target.
_LINKED_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|edu|gov|info|app)", re.I)
_NON_WORD = re.compile(r"[\W_]+")
_WORD3 = re.compile(r"[^\W_]{3,}")
_PIPE = re.compile(r"\s+(?:\||::)\s+|\s*｜\s*")

QUOTES = re.compile(
    r"\"(?P<q1>[^\"\n]{2,300}?)(?<=\S)\""
    r"|“(?P<q2>[^”\"]{2,300}?)[”\"]"
    r"|„(?P<q3>[^“”\"]{2,300}?)[“”\"]"
    r"|«\s?(?P<q4>[^»]{2,300}?)\s?»"
    r"|‘(?<![^\s(\[,;:—–-]‘)(?P<q5>[^’]{2,300}?)’(?![^\W\d_])"
    r"|「(?P<q6>[^」]{1,300}?)」|『(?P<q7>[^』]{1,300}?)』|《(?P<q8>[^》]{1,300}?)》"
    r"|‹(?P<q9>[^›]{2,300}?)›|”(?P<q10>[^”\n]{2,300}?)”|〈(?P<q11>[^〉]{1,300}?)〉"
    r"|»(?P<q12>[^«»]{2,300}?)«"  # German and Danish print the guillemets the other way
    # (Each alternative starts with its quote character, look-behinds after it, so the scan
    # can jump from one quote character to the next.)
    # ASCII single quotes, told from apostrophes by what stands on either side; the closing
    # one ends a segment ("'Testing Directives'."), else it quotes a word inside a title.
    r"|'(?<![\w']')(?=[^\W\d_])(?P<q13>[^'\n]{2,300}?)(?<=[\w.?!)])'(?=\s*(?:[.,;:)\]]|$))"
)
# A Markdown code span names a title in some hand-written lists (`Power Outages: Key Tips`).
_CODE = re.compile(r"(?<![^\s(\[,;])`(?P<c>[^`\n]*[^\W\d_][^`\n]*\s[^`\n]*)`(?!`)")
# Emphasis may go on over a wrapped line of its paragraph ("_Flora of Turkey and the East
# Aegean\nIslands_", as Markdown reads it), never over a blank line.
_SOFT_BREAK = r"\n(?![^\S\n]*\n)"
_ITALIC = re.compile(
    rf"\*(?<![*\w]\*)(?!\*)(?P<i>(?:[^*\n]|{_SOFT_BREAK}){{2,300}}?)(?<!\s)\*(?![*\w])"
    rf"|_(?<![_\w]_)(?!_)(?P<u>(?:[^_\n]|{_SOFT_BREAK}){{2,300}}?)_(?![_\w])"
)
_BOLD = re.compile(r"\*\*(?P<b>[^*\n]{2,300}?)\*\*")
_RST_LINK = re.compile(r"`(?P<text>[^`<]{2,300}?)\s*<(?:https?|ftp)://[^>`]+>`_{1,2}")
# "[Class Observable][observable]": a Markdown reference link, its target defined
# elsewhere in the document.  (GB/T's "[J]", "[EB/OL]" tags are no link text.)
_MD_REF_LINK = re.compile(
    r"\[(?!(?:[A-Z]{1,2}|[A-Z]{1,2}/OL)\])(?P<text>[^\[\]\n]{2,300})\]\[(?P<ref>[^\[\]\s/]{1,40})\]"
)
_MARKS = tuple(
    # Each pattern runs only when one of its mark characters is in the note.
    (pattern, how, re.compile("[" + re.escape(hints) + "]"))
    for pattern, how, hints in (
        (QUOTES, "quote", "\"“„«‘「『《‹”»'"),
        (_ITALIC, "italic", "*_"),
        (_RST_LINK, "link", "`"),
        (MD_LINK, "link", "["),
        (_MD_REF_LINK, "link", "["),
        (_BOLD, "bold", "*"),
        (_CODE, "code", "`"),
    )
)
# "[text](https://x "wikilink")": the target and its tooltip are not part of the text.
_MD_TARGET = re.compile(r"\]\((?P<target>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?)\)")
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
    r"|anlamına|demektir|означает|significa|betekent|oznacza|は|とは|という|と呼ば|的意思)",
    re.IGNORECASE,
)
_LEADING_HOST = re.compile(r"((?:[\w-]+\.)+[a-z]{2,})(?:,\s+|：\s*)(?=\S)", re.IGNORECASE)
_ACRONYM = re.compile(r"[A-Z]{3,6}")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]{3,}")
_CJK_SITE_WORDS = re.compile(
    r"(?:日記|ブログ|ニュース|新聞|通信|블로그|뉴스|신문|博客|新闻|新聞網)$"
)  # a diary, a blog, news, a newspaper, a wire: what a site calls itself
_PATH = re.compile(r"^[a-z]+://[^/?#]*", re.IGNORECASE)  # scheme and host, before the path
_HOST = re.compile(r"^[a-z]+://(?:www\.)?(?P<host>[^/:?#]+)(?:/(?P<seg>[^/?#]+))?", re.IGNORECASE)
# (" _ ": a page saved under its title, the file name's "_" standing for the "|" it may not
# hold: "Download Python _ Python.org")
SITE_SEP = re.compile(r"\s+(?:\||–|—|-|－|·|::|»|_)\s+|\s*｜\s*")


@attrs.frozen
class Found:
    """A title and where it stood (``start``/``end`` -1 when it came from markup only)."""

    title: str
    start: int
    end: int
    how: str
    """``quote``, ``italic``, ``link``, ``bold``, ``markup`` or a style name."""


# "Documentation – Режим доступа:", "Title. Disponível em:": the words that introduce
# a URL (blanked out after them) end the title, they are not part of it.
_URL_LABEL_TAIL = re.compile(
    r"[\s,.;]*[–—-]?\s*(?:режим\s+доступ[ау]|disponível\s+em|disponible\s+(?:en|sur)|available(?:\s+(?:at|from|online))?"
    r"|(?:online\s+)?verfügbar(?:\s+unter)?|retrieved\s+from|recuperado\s+de|erişim\s+adresi|en\s+ligne|url)\s*:\s*$",
    re.IGNORECASE,
)


# Only blanks inside ("JSON.parse()" has none and keeps its brackets), or only the word
# left before a blanked access date ("(zuletzt  )").
_EMPTY_BRACKETS = re.compile(r"\s*[(\[<](?:\s+|\s*(?:zuletzt|last|dernier)\s*)[)\]>]")


# Opening and closing marks that wrap a title, by script ("„…“", "«…»", "「…」", "《…》"):
# each opener above its closer.
_GBT_TAG = re.compile(r"\s*\[(?:[JMCDNRSPZAG]|EB/OL|DB/OL|M/OL|J/OL|CP/OL)\]$")
_OPENERS = '„„"“«»‹「『《〈‘‚”'
_CLOSERS = '“”"”»«›」』》〉’‘”'
_QUOTE_PAIRS = set(zip(_OPENERS, _CLOSERS, strict=True))


_HOST_WORDS = frozenset({"In", "in", "En", "Dans", "Em", "İçinde", "apud", "Apud"})
_FILE_TAG = re.compile(r"[\[(](?:PDF|DOCX?|PPTX?|XLSX?)[\])]\s+(?=\S)", re.IGNORECASE)


def clean(title: str) -> str | None:
    """Whitespace collapsed, stray emphasis and final punctuation removed."""
    title = " ".join(title.split()).strip()
    if title.endswith(":"):
        title = _URL_LABEL_TAIL.sub("", title)
    title = title.strip("*_ ").rstrip(",;:").strip()
    if title[-1:] in "—–" and title[-2:-1] == " ":
        title = title[:-1].rstrip()  # "Guia de Git — <url>": the dash only led to the address
    if title[:1] in "([" and (tag := _FILE_TAG.match(title)):
        title = title[tag.end() :]  # "(PDF) Deep learning …": the file's kind
    if len(title) > 2 and title[0] == "`" and title[-1] == "`" and "`" not in title[1:-1]:
        title = title[1:-1].strip()  # "[`owner/repo`](url)": a code span's ticks are markup
    if "(" in title or "[" in title or "<" in title:
        # "ROOMZ Display (zuletzt  )", "Demo Agents <": the brackets of an access phrase or
        # a URL that were blanked out are not part of the title.
        title = _EMPTY_BRACKETS.sub("", title).rstrip(" <([")
    if title.startswith("[") and "]" not in title:
        # "[IBM Spectrum Scale. IBM.com. [dostęp: …].](url)": the bracket opens a link
        # whose text is the whole citation; it belongs to the markup, not the title.
        title = title[1:].lstrip()
    if title.endswith(".") and not title.endswith(("..", " Jr.", " Inc.", " Ltd.", " Co.")):
        title = title[:-1].rstrip()
    if title.endswith("]") and "[" in title:
        # "Kelly, T. F. Atom probe tomography 2020[J].": GB/T 7714's tag for the kind
        # of work (journal, book, web page) follows the title and is not part of it.
        title = _GBT_TAG.sub("", title)
    if len(title) > 2 and (title[0], title[-1]) in _QUOTE_PAIRS and title[-1] not in title[1:-1]:
        # "Müller, K.: „Geräte der Jungsteinzeit“.": quotes around the whole span mark it
        # as the title; they are not part of it.
        title = title[1:-1].strip()
    return title or None


def plausible(title: str | None) -> bool:
    """A title has a letter, is not a URL (nor an address spelled without its scheme, as
    link text often is) and is not a lone bracket or number."""
    if not (title and len(title) >= 2 and LETTERS.search(title)):
        return False
    if "." in title:
        inner = title.strip("[]<>() ")
        if _SPELLED_ADDRESS.fullmatch(inner) or (
            title.startswith("[") and _LINKED_HOST.fullmatch(inner)
        ):
            return False  # "[example.com]": what is left of a link that spells its address
    # URL.search runs only when a URL's marks are there: this is asked of every candidate.
    return not (("://" in title or "www." in title.lower()) and URL.search(title))


def is_definition(text: str, start: int, end: int) -> bool:
    """Is the quote at ``start:end`` a word being defined or named in prose?"""
    before = text[max(0, start - 40) : start]
    return bool(_DEFINING_BEFORE.search(before) or _DEFINING_AFTER.match(text[end : end + 30]))


def defines_a_word(text: str) -> bool:
    """Does the note quote a word to define it (an explanation, so no title)?"""
    return any(is_definition(text, match.start(), match.end()) for match in QUOTES.finditer(text))


def marked_title(plain: str, unmasked: str) -> Found | None:
    """The first title marked by quotes, Markdown/reST emphasis or link text.

    ``plain`` has URLs blanked out; ``unmasked`` (same length) still has them, which
    links need to be recognised.
    """
    links: list[tuple[int, int]] = []
    bold_names = _BOLD_NAMES.match(plain) if "**" in plain[:8] else None
    if bold_names:
        # "**Görür, N. & Şengör, A. M. C.** (1984). *Title*": bold marks the authors to the
        # eye; it does not mark a title, so its asterisks are read as blanks.
        marks = [bold_names.span("o"), bold_names.span("c")]
        plain, unmasked = mask(plain, marks), mask(unmasked, marks)
    if "](" in unmasked:
        targets = [m.span("target") for m in _MD_TARGET.finditer(unmasked)]
        plain = mask(plain, targets)
        links = [m.span("text") for m in MD_LINK.finditer(unmasked)]
    for pattern, how, hints in _MARKS:
        if not hints.search(unmasked):
            continue
        for match in pattern.finditer(unmasked if how == "link" else plain):
            if how == "link":
                # Read from ``plain``: a date of access inside the link text ("[Enciclopedia
                # Treccani Url consultato il 9/04/2018](…)") is not part of the title.
                candidate = plain[match.start("text") : match.end("text")]
            else:
                candidate = next((g for g in match.groups() if g is not None), "")
            title = clean(candidate)
            if not plausible(title) or (how in ("italic", "bold") and title in _HOST_WORDS):
                continue  # ("*In*: SOUZA, M. (org.)": the emphasis sets the container word)
            if how == "link" and (_LINKED_HOST.fullmatch(candidate.strip()) or is_link_word(title)):
                continue  # "[example.com](…)", "[PDF](…)": the link's address or kind
            start, end = match.start(), match.end()
            if how == "link" and pattern is MD_LINK:
                target = _MD_TARGET.match(unmasked, match.end("text"))
                end = target.end() if target else end  # what follows the title follows the link
            if how == "quote":
                if (
                    is_definition(plain, start, end)
                    or _is_gloss(plain, start, end)
                    or _in_brackets(plain, start)
                    or _in_container(plain, start)
                    or not_a_title_quote(plain, start)
                    or _quoted_within_apa_title(plain, start, end)
                    or _quoted_within_colon_title(plain, start, end)
                    or _emphasis_holds_title(plain, start, end)
                ):
                    continue
                # CS1 rendered as Markdown quotes the link: “[Title](url)” — the title is
                # the link's text, without the link's brackets and its blanked target.
                inner = next(((s, e) for s, e in links if start < s and e < end), None)
                if inner is not None and not LETTERS.search(
                    plain[start + 1 : inner[0]] + plain[inner[1] : end - 1].replace("](", "")
                ):
                    linked = clean(plain[inner[0] : inner[1]])
                    if plausible(linked):
                        assert linked is not None
                        return Found(linked, start, end, "quote")
                # A quote inside link text is part of the link's title, not the title.
                outer = next(
                    (
                        (s, e)
                        for s, e in links
                        if s <= start and end <= e and (start, end) != (s, e)
                    ),
                    None,
                )
                if outer is not None and (outer[0], outer[1]) != (start + 1, end - 1):
                    linked = clean(unmasked[outer[0] : outer[1]])
                    if plausible(linked):
                        assert linked is not None
                        return Found(linked, outer[0], outer[1], "link")
            assert title is not None
            nested = _nested_quote_end(plain, start, end) if how == "quote" else None
            if nested is not None:  # “ “Inner”: Title ” — the outer quote is the title's
                title = clean(plain[start + 1 : nested - 1]) or title
                end = nested
            run_on = _quote_runs_to_container(plain, end) if how == "quote" else None
            if run_on is None and how == "quote" and "[" in plain:
                run_on = _quote_runs_to_type_code(plain, end)
            if run_on is None and how == "quote":
                run_on = _quote_runs_to_year(plain, start, end)
            if run_on is not None:  # "„Rechtspopulismus“ – Versionsgeschichte, in: Wikipedia"
                title = clean(plain[start:run_on]) or title
                end = run_on
            return Found(title, start, end, how)
    return None


# Quote marks whose opener and closer differ, so that one quote can hold another of its
# own kind: "“Nested”: …" inside “…”, 「…「…」…」.
_NESTING_PAIRS = {"“": "”", "「": "」", "『": "』", "《": "》", "«": "»", "〈": "〉"}


def _nested_quote_end(text: str, start: int, end: int) -> int | None:
    """Where the quote opening at ``start`` closes when it holds a quote of its own kind
    (``““EffiNet”: A Network”``, ``「「鶏冠」チャート」``): the first closer at ``end`` only
    closes the inner quote; the outer one closes where the marks balance again."""
    opener = text[start]
    closer = _NESTING_PAIRS.get(opener)
    if closer is None or text[end - 1] != closer or text.count(opener, start, end) < 2:
        return None
    depth = 0
    for pos in range(start, min(len(text), start + 400)):
        char = text[pos]
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return pos + 1 if pos + 1 > end else None
        elif char == "\n":
            return None
    return None


# What closes a quoted title and opens the next element: a stop after the quote ('"Title".
# Site') or inside it ('"Title." Site'), then a word.
_STOP_AFTER_QUOTE = re.compile(r"[.,]\s+\S")
_STOP_IN_QUOTE = re.compile(r"[.,?!]\W?$")


def _quote_leads_emphasis(text: str, start: int, end: int, em_start: int, em_end: int) -> bool:
    """``_"References And Links". Site Name_``: an emphasis that opens with the quote and goes
    on past the quote's stop into another element sets the quoted title and its container
    (MLA's ``"Title." *Container*``, the italics run over both); the quote is the title.
    (``_"Quoted" in History_``, with no stop after the quote, is an italic title.)"""
    if LETTERS.search(text[em_start:start]):
        return False
    rest = text[end:em_end]
    stopped = _STOP_AFTER_QUOTE.match(rest) or (
        _STOP_IN_QUOTE.search(text[start:end]) and rest[:1].isspace()
    )
    return bool(stopped) and LETTERS.search(rest) is not None


# Words after a closing quote, up to DIN's ", in:" (no stop, comma or quote among them).
# They open with a dash or a small word: a capital after the quote may open the container.
_RUN_TO_CONTAINER = re.compile(
    r"\s+(?:[–—-]\s|(?=[a-zß-ÿ]))[^,.;:\"“”„«»\n]{2,80}?(?=,\s[Ii]n\s?:\s)"
)


_QUOTE_CLOSERS = "\"”“»«’'"


def _quote_runs_to_container(text: str, end: int) -> int | None:
    """``„Rechtspopulismus“ – Versionsgeschichte, in: Wikipedia``: words after the quote, up
    to DIN's ``, in:`` that opens the container, belong to the title the quote opens; where
    that title ends, or None when the quote closes it."""
    if _STOP_IN_QUOTE.search(text[:end].rstrip(_QUOTE_CLOSERS)):
        return None  # '"Title." Host, in: …': the quote closed a title sentence
    run = _RUN_TO_CONTAINER.match(text, end)
    return run.end() if run is not None and LETTERS.search(run.group(0)) else None


# Title words after a quote, up to the year an author-less ISO 690 or Harvard entry sets
# after its title ("« Immortal » Jellyfish Swarm World’s Oceans, 2009.").
_RUN_TO_YEAR = re.compile(r"\s+[^\W\d_][^.,;:\"“”„«»\n]{2,120}?(?=,\s*(?:1[5-9]|20)\d\d[a-z]?\.\s)")


def _quote_runs_to_year(text: str, start: int, end: int) -> int | None:
    """``« Immortal » Jellyfish Swarm World’s Oceans, 2009. Animals [en ligne]``: a quote
    that opens the entry, with title words after it up to the year, is a word the title
    quotes; the title runs on to the year.  Where it ends, or None."""
    if text[:start].strip() or _STOP_IN_QUOTE.search(text[:end].rstrip(_QUOTE_CLOSERS)):
        return None
    run = _RUN_TO_YEAR.match(text, end)
    return run.end() if run is not None else None


# GB/T 7714's code for the kind of work, which closes the title ("[EB/OL]", "[J]").
_RUN_TO_TYPE_CODE = re.compile(
    r"[^\s.,;:。，；：\[\]\"“”]{1,80}(?=\s?\[(?:[A-Z]{1,2}|[A-Z]{1,2}/OL)\])"
)


def _quote_runs_to_type_code(text: str, end: int) -> int | None:
    """``国务院. "十四五"国民健康规划[EB/OL]``: a quote that the title's next characters
    follow with no space or stop (Chinese quotes a term inside a title) is part of the
    title, which runs on to GB/T's type code; where it ends, or None."""
    run = _RUN_TO_TYPE_CODE.match(text, end)
    return run.end() if run is not None and LETTERS.search(run.group(0)) else None


# A closing bracket that says which part or form of the work was read, not its title:
# CS2's "[Chapter: Condition Variables, figure 30.13]", a video's "(video)".
_PART_OR_FORM_TAIL = re.compile(
    r"\s*(?:\[(?:chapter|section|part|kapitel|abschnitt|chapitre|capítulo|capitolo)\b[^\[\]]*\]"
    r"|\((?:video|audio|podcast|vidéo|vídeo)\))$",
    re.IGNORECASE,
)


def without_part_or_form(title: str) -> str:
    """``Operating Systems [Chapter: Locks]`` → ``Operating Systems``, ``Telephone Exchange
    (video)`` → ``Telephone Exchange``: the locator of the part read and the form of a
    recording close the title the citer gives; the work's own title is before them."""
    if not title.endswith(("]", ")")):
        return title
    return _PART_OR_FORM_TAIL.sub("", title) or title


# "mikeash.com: Friday Q&A": the site's address and a colon before the page's title.
_LEADING_HOST_COLON = re.compile(r"((?:[\w-]+\.)+[a-z]{2,}):\s+(?=\S)", re.IGNORECASE)


def without_host_colon_lead(title: str, urls: tuple[str, ...]) -> str:
    """``mikeash.com: Friday Q&A 2012-02-17: Ring Buffers`` on www.mikeash.com: a lead that
    is the URL's host, then a colon, names the site as a page's title bar does; the title
    follows it.  (A host that is not the URL's, ``Node.js: The Guide``, stays.)"""
    lead = _LEADING_HOST_COLON.match(title)
    if lead and any(_squash(lead.group(1)) == _squash(host) for host in host_names(urls)):
        return title[lead.end() :]
    return title


# A company named after the title, set off by a space (Japanese book lists): its legal
# form before or after its name ("共立出版株式会社", "株式会社岩波書店"), or a publishing house.
_TRAILING_COMPANY = re.compile(
    r"[ \u3000]+(?:\S*(?:株式会社|有限会社|合同会社|出版社)|(?:株式会社|有限会社)\S+)$"
)


def without_trailing_company(title: str) -> str:
    """``アルゴリズムとデータ構造 共立出版株式会社`` → ``アルゴリズムとデータ構造``: the
    publisher written after the title with a space is no part of it."""
    if " " not in title and "\u3000" not in title:
        return title
    return _TRAILING_COMPANY.sub("", title) or title


def _emphasis_holds_title(text: str, start: int, end: int) -> bool:
    """The emphasis, not the quote, marks the title: the quote stands inside an emphasised
    title (``_Gartner: “In 2020 …”_``), or after one in a later sentence, the imprint's
    (``_La chambre claire_. Paris : « Cahiers du cinéma »``: the series, the publisher)."""
    if "*" not in text[:start] and "_" not in text[:start]:
        return False
    for match in _ITALIC.finditer(text):
        if match.start() >= start:
            return False
        if INITIAL.search(match.group("i") or match.group("u") or ""):
            continue  # "_Orlova E.K._ “Title”": the emphasis sets the authors
        around = end <= match.end() and LETTERS.search(
            text[match.start() : start] + text[end : match.end()]
        )
        if around and _quote_leads_emphasis(text, start, end, match.start(), match.end()):
            return False  # '_"Title". Site_': MLA's quoted title, the site's italics run over it
        if around or (match.end() <= start and ". " in text[match.end() : start]):
            return True
    return False



def _in_brackets(text: str, start: int) -> bool:
    """``*Title* (… "Basic" …)``: a quote inside a bracketed remark that follows a title
    already marked (emphasis or quotes before the bracket) comments on that work."""
    if "(" not in text[:start]:
        return False
    opened: list[int] = []
    for pos, char in enumerate(text[:start]):
        if char == "(":
            opened.append(pos)
        elif char == ")" and opened:
            opened.pop()
    return bool(opened) and any(mark in text[: opened[0]] for mark in _TITLE_MARKS)


_TITLE_MARKS = ("*", "_", "”", '"', "»", "’", "」", "』", "》")


# "// Journal. Серия «Name»", "In: Book «Name»": what follows the container mark names
# the container, so a quote there is not the title of the cited piece.
_CONTAINER_MARK = re.compile(r"\s//\s|(?<!\w)(?:In|in|В|в):\s")


# "… [Portada de revista]. En “Los Eder…”", "Dans « Revue »": APA's and ISO 690's word
# for the host work, right before the quote, in Spanish, French, Portuguese, Dutch, Turkish.
_CONTAINER_WORD = re.compile(r"(?:^|[.,;]\s+)(?:En|In|Dans|Em|İçinde|en|in|dans|em)\s+$")


def _in_container(text: str, start: int) -> bool:
    before = text[:start]
    if "//" not in before and ":" not in before:
        return False
    mark = _CONTAINER_MARK.search(before)
    return mark is not None and bool(LETTERS.search(before[: mark.start()]))


# "— М.: ИД «Вильямс», 2007", "СПб. : ООО "Питер"": GOST's imprint is the city, a colon
# and the publisher, whose name Russian writes in quotes; such a quote is the publisher.
_IMPRINT_BEFORE = re.compile(
    r"(?:\b[А-ЯA-Z][А-Яа-яa-z]{0,3}\.|Москва|Санкт-Петербург|Ленинград|Киев|Минск)\s?:\s*"
    r"(?:(?:ИД|ООО|ОАО|ЗАО|АО|ТОО|Изд-во|Издательство|Издательский\s+дом|изд-во)\s*)?$"
)
# "Kap. 11 'Dachtragwerke'", "Glossar 'Fußpfette' und 'Mauerlatte'", "ch. 3 "Rivers"": a
# locator names the part cited inside the work, so its quote is not the work's title.
_LOCATOR_BEFORE = re.compile(
    r"(?:\bKap\.|\bKapitel|\bAbschn\.|\bAbschnitt|\bGlossar|§|\bchap\.|\bchapter|\bch\.|\bsec\."
    r"|\bsection|\bгл\.|\bглава|\bразд\.|\bcap\.|\bcapítulo|\bcapitolo|\bhoofdstuk|\bbölüm|\brozdz\.)"
    r"\s*(?:\d[\d.]*\s*)?(?:['‘\"“„«][^'’\"”“»]{1,80}['’\"”“»]\s*(?:und|and|u\.|,|;|et|e|y|ve|и)\s*)*$",
    re.IGNORECASE,
)


_BOLD_NAMES = re.compile(
    r"\s*(?P<o>\*\*)[^*\n]{2,300}?(?P<c>\*\*)(?=\s*\((?:[^()]{0,14}\s)?\d{4}|\s*\(n\.)"
)
# "**[ChatGPT]**", "**[draw.io]**.": a short key in brackets, in bold, leading the entry
# (with a letter: "**[2]**" numbers the entry, and a number is read as a label).
_BOLD_KEY = re.compile(r"\s*\*\*\[(?=[^\]\n]*[^\W\d_])[^\[\]*\n]{1,30}\]\*\*\.?(?=\s)")


def bold_key(plain: str) -> tuple[int, int] | None:
    """``**[ChatGPT]** OpenAI. ChatGPT [online]. 2025.``: the span of a bold key in brackets
    leading the entry (an alphabetic style's ``[Key]`` label set in bold), which labels the
    entry and is no title; the entry follows it.  None when the note opens otherwise."""
    key = _BOLD_KEY.match(plain) if "**[" in plain[:8] else None
    return key.span() if key else None


_WORD_FOLLOWS = re.compile(r"\s+[^\W\d_]")


def _quoted_within_apa_title(text: str, start: int, end: int) -> bool:
    """``Martín, A. (2008). Las TIC …: "realfabetización" digital del profesorado.``: after
    APA's date, a quote with title words before it in the same sentence and words after
    it quotes a word inside the title; the title is the whole sentence."""
    if "(" not in text[:start]:
        return False
    offset = len(text) - len(text.lstrip())
    lead = APA_AUTHORS.match(text, offset)
    if lead is None or lead.end() >= start:
        return False
    between = text[lead.end() : start]
    return (
        bool(LETTERS.search(between))
        and ". " not in between
        and bool(_WORD_FOLLOWS.match(text, end))
    )


# DIN's "Surname, Given: " (a signal such as "Vgl." before it), up to the colon.
_DIN_NAME_COLON = re.compile(
    r"\s*(?:vgl\.\s+)?[^\W\d_][\w'’-]+,\s[^\W\d_][\w'’.-]*(?:\s[^\W\d_][\w'’.-]*){0,2}:\s",
    re.IGNORECASE,
)


def _quoted_within_colon_title(text: str, start: int, end: int) -> bool:
    """``Krug, Stefan: Analysen am Beispiel des Artikels "Populismus" zwischen 2014 und
    2017, …``: after DIN's ``Surname, Given:``, a quote with title words before it in the
    same comma piece and words after it quotes a word inside the title; the title is the
    phrase around it.  (``Krug, Stefan: "Title", in: …`` opens with its quote: the title.)"""
    if ": " not in text[:start]:
        return False
    lead = _DIN_NAME_COLON.match(text)
    if lead is None or lead.end() >= start:
        return False
    between = text[lead.end() : start]
    return (
        bool(LETTERS.search(between))
        and not re.search(r"[,;]\s+in\s?:", between, re.IGNORECASE)
        and bool(_WORD_FOLLOWS.match(text, end))
    )


def not_a_title_quote(text: str, start: int) -> bool:
    """Is the quote opening at ``start`` the publisher of a GOST imprint or a part named
    by a locator (``Kap. 4 'Sturmfluten'``) or the host work after ``En``/``Dans``/``In``,
    whoever proposes it as the title?"""
    return (
        _names_publisher(text, start)
        or _names_part(text, start)
        or bool(_CONTAINER_WORD.search(text, max(0, start - 12), start))
        or bool(_SERIES_BEFORE.search(text, max(0, start - 16), start))
    )


# "coll. « Folio »", "Reihe „Beck Wissen“", "sarja ”Tietoa”": the quote names the series.
_SERIES_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:coll\.|collection|série|serie|series|reeks|Reihe|sarja|dizi(?:si)?)\s*:?\s*$",
    re.IGNORECASE,
)


def _names_publisher(text: str, start: int) -> bool:
    return ":" in text[max(0, start - 40) : start] and bool(
        _IMPRINT_BEFORE.search(text, max(0, start - 40), start)
    )


_LOCATOR_STEMS = (
    "kap", "abschn", "glossar", "§", "chap", "ch.", "sec", "гл", "разд", "cap", "hoofdstuk",
    "bölüm", "rozdz",
)  # fmt: skip


def _names_part(text: str, start: int) -> bool:
    window = text[max(0, start - 200) : start].lower()
    # The stems first: a quote is asked about on most notes, and few have a locator.
    return any(stem in window for stem in _LOCATOR_STEMS) and bool(
        _LOCATOR_BEFORE.search(text, max(0, start - 200), start)
    )


def _is_gloss(text: str, start: int, end: int) -> bool:
    """``Mac OS X ("Jaguar")``: a quoted name in brackets glosses the words before it."""
    return start > 1 and text[start - 1 : start] == "(" and text[end : end + 1] == ")"


def _html_text(fragment: str) -> str:
    return htmllib.unescape(_TAG.sub("", fragment))


def html_title(html: str) -> str | None:
    """The first ``<i>``/``<em>``/``<cite>`` text; inside a whole-citation ``<cite>``
    (Wikipedia wraps every reference in one), the quoted title within it."""
    for match in _HTML_MARK.finditer(html):
        quoted_link = _quoted_link_text(match.group("t"))
        if quoted_link:
            return quoted_link
        text = _html_text(match.group("t"))
        quoted = QUOTES.search(text)
        if quoted:
            text = next(g for g in quoted.groups() if g is not None)
        elif match.group("tag").lower() == "cite" and len(text) > 80:
            inner = _HTML_MARK.search(
                match.group("t")
            )  # a whole citation: its own <i> is the title
            if inner is None:
                continue
            text = _html_text(inner.group("t"))
        title = clean(text)
        if plausible(title):
            return title
    return None


_OPEN, _CLOSE = '"“„«《〈「『', '"”“»》〉」』'


def _quoted_link_text(fragment: str) -> str | None:
    """CS1 links the quoted title: ``<a href=…>“Title "with" quotes”</a>`` → the title whole."""
    for link in _HTML_LINK.finditer(fragment):
        text = " ".join(_html_text(link.group("t")).split())
        if len(text) > 2 and text[0] in _OPEN and text[-1] in _CLOSE:
            title = clean(text[1:-1])
            if plausible(title):
                return title
    return None


def html_link_title(html: str) -> str | None:
    """The text of the note's first external link, when it is words and not the URL."""
    for match in _HTML_LINK.finditer(html):
        title = clean(_html_text(match.group("t")))
        if plausible(title) and title and not _BARE_HOST.fullmatch(title):
            if is_link_word(title):
                continue  # <a href=…>here</a>: the link's kind, not the work's title
            return title
    return None


_SITE_WORDS = re.compile(
    r"\b(?:wikipedia|vikipedi|wikisource|encyclop\w+|news|blog|magazine|online|documentation|docs|reddit|youtube"
    r"|medium|researchgate|arxiv|wiki|times|post|journal|the\s+guardian|bbc|reuters)\b|\.(?:com|org|net)\b",
    re.IGNORECASE,
)


def _squash(text: str) -> str:
    # Accents folded as an address spells them: "Kültür Portalı" is kulturportali.gov.tr.
    return _NON_WORD.sub("", fold_accents(text).casefold())


def fold_accents(text: str) -> str:
    """``Paris Musées`` → ``Paris Musees``: how a site's address spells its name."""
    if text.isascii():
        return text
    folded = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def host_names(urls: tuple[str, ...]) -> list[str]:
    """Each URL's host without ``www.`` (``docs.sonarsource.com``)."""
    return [m.group("host") for m in map(_HOST.match, urls) if m]


def _known(publisher: str | None, urls: tuple[str, ...]) -> list[str]:
    """What a site's name can be matched against: the publisher, each URL's host and the
    first segment of its path (``…github.io/2019.2-Duolingo/…``)."""
    known = [publisher] if publisher else []
    for url in urls:
        match = _HOST.match(url)
        if match:
            known.append(match.group("host"))
            # The first folder of a deep path names a project (".../2019.2-Duolingo/a/b");
            # a short path's folder is the page itself, whose words the title shares.
            if match.group("seg") and url.rstrip("/").count("/") >= 5:
                known.append(match.group("seg"))
    return known


def _folders(urls: tuple[str, ...]) -> set[str]:
    """The folders of each URL's path, squashed (``tuicalendar`` for
    ``github.com/nhn/tui.calendar/blob/…/theme.md``); the last segment is the page."""
    folders = set()
    for url in urls:
        path = _PATH.sub("", url).split("?")[0].split("#")[0]
        segments = [seg for seg in path.split("/")[1:] if seg]
        folders.update(flat for seg in segments[:-1] if len(flat := _squash(seg)) >= 4)
    return folders


def _slug_names(part: str, urls: tuple[str, ...]) -> bool:
    """Whether a URL's last path segment spells ``part`` (``/wiki/Minimum_spanning_tree``
    for ``Minimum spanning tree``): the address names the page, so that part is its title
    (and a site's name before it, "Wikipedia - Minimum spanning tree", is not)."""
    flat = _squash(part)
    for url in urls:
        path = _PATH.sub("", url).split("?")[0].split("#")[0].rstrip("/")
        last = unquote(path.rsplit("/", 1)[-1]).rsplit(".", 1)[0] if path else ""
        if len(flat) >= 4 and _squash(last) == flat:
            return True
    return False


def _initials(part: str) -> str:
    """``adb`` for ``Asian Development Bank``: the initials of its capitalised words."""
    return "".join(w[0] for w in part.split() if w[:1].isupper()).casefold()


def names_body(part: str, urls: tuple[str, ...]) -> bool:
    """Whether ``part`` names the body whose site the URL is on by its initials, as a
    body's domain so often is (``Asian Development Bank`` for adb.org,
    ``World Customs Organization`` for wcoomd.org)."""
    initials = _initials(part)
    if len(initials) < 3 or len(part.split()) > 6:
        return False
    return any(
        label.startswith(initials)
        for host in host_names(urls)
        for label in host.casefold().split(".")[:-1]
    )


def _host_labels(host: str) -> list[str]:
    """A host's labels that can name its site: not the top-level domain, ``www`` or ``docs``."""
    return [x for x in host.split(".")[:-1] if x not in ("www", "docs")]


def _brand_first(part: str, labels: list[str]) -> bool:
    """Is ``part`` a product name led by the host's brand (``AWS Prescriptive Guidance`` on
    docs.aws.amazon.com): two to four capitalised words, the first one a label of the host?"""
    words = part.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    return len(words[0]) >= 3 and words[0].casefold() in {x.casefold() for x in labels}


def names_site(part: str, publisher: str | None, urls: tuple[str, ...]) -> int:
    """How surely ``part`` is a site's name: 2 when it is the publisher, the URL's host
    (``Midjourney`` for docs.midjourney.com) or a folder of its path (a repository's
    name), 1 for most of its words there or a site word (``Magazine``, ``Wikipedia``),
    else 0."""
    part = part.strip(" ,;:.")
    words = _WORD3.findall(part.casefold())
    if not words or len(part.split()) > 5 or "," in part:
        return 0
    squashed = _squash(part)
    if squashed in _folders(urls):
        return 2
    strength = 0
    for known in _known(publisher, urls):
        flat = _squash(known)
        host_labels = _host_labels(known)
        labels = [_squash(x) for x in host_labels if len(x) >= 4]
        if flat and (squashed in flat or any(label and label in squashed for label in labels)):
            return 2
        if flat and "." in known and sum(w in flat for w in words) * 2 >= len(words):
            strength = 1
        if "." in known and _brand_first(part, host_labels):
            return 2  # "AWS Prescriptive Guidance" on docs.aws.amazon.com
    if CJK.search(part):
        # "カカクコムTechBlog" on kakaku-techblog.com: the Latin run inside the name
        # spells the address, where the name as one word does not.
        runs = [_squash(run) for run in _LATIN_RUN.findall(part)]
        if any(run in _squash(host) for run in runs for host in host_names(urls)):
            return 2
        if _CJK_SITE_WORDS.search(part):
            return 1  # "しめ鯖日記": a diary, a blog, a newspaper names a site
    # "… — AOSP —", "… - NIST": a short run of capitals alone in a part is a body's
    # acronym, which a page title rarely ends with.
    acronym = bool(_ACRONYM.fullmatch(part))
    # ("Wikipédia", "Vikipedi": a site word whatever the language's accents)
    return max(strength, 1 if _SITE_WORDS.search(fold_accents(part)) or acronym else 0)


def _spells_host(part: str, urls: tuple[str, ...]) -> bool:
    """Is every word of ``part`` a label of a URL's host (``Docker-docs`` for
    docs.docker.com)?  Two words at least, so a lone brand is not taken for the site."""
    words = [w.casefold() for w in re.findall(r"[^\W_]+", part)]
    if len(words) < 2:
        return False
    return any(
        all(word in host.casefold().split(".") for word in words) for host in host_names(urls)
    )


def _without_site_comma_lead(title: str, urls: tuple[str, ...]) -> str:
    """``Wikipédia, Kanban`` on pt.wikipedia.org: a lead before a comma that spells a label of
    the URL's host (the whole label: ``Git`` on git-scm.com's guide at github.io is no such
    lead) names the site, written where the author would stand; the page's title follows."""
    head, _, rest = title.partition(", ")
    if len(head.split()) > 2 or len(rest) < 3:
        return title
    spelled = _squash(fold_accents(head))
    labels = {label.casefold() for host in host_names(urls) for label in host.split(".")}
    return rest if spelled and spelled in labels else title


def wholly_names_host(part: str, urls: tuple[str, ...]) -> bool:
    """Is ``part`` the URL's host spelled as a name, nothing more: one of its labels
    (``Redis`` for redis.io) or its labels run together in either order (``Apache
    ZooKeeper`` for zookeeper.apache.org, ``Martin Kleppmann`` for martin.kleppmann.com)?
    A phrase with the name among other words (``Distributed Locks with Redis``) is not, nor
    a repository's folder on a code host: that names a project, whose own title it leads
    (``Quaylib — Berths and Queues`` on github.com/quaylib/…)."""
    flat = _squash(part)
    if len(flat) < 3:
        return False
    for host in host_names(urls):
        labels = [_squash(x) for x in _host_labels(host)][:3]
        if any(flat == "".join(order) for order in permutations(labels) if order):
            return True
        if flat in labels:
            return True
    return False


def _page_words(url: str) -> set[str]:
    """The words naming a URL's page: its last path segment's and its fragment's
    (``…/recipes.html#sc_recipes_Locks`` → recipes, html, sc, locks)."""
    path, _, fragment = _PATH.sub("", url).split("?")[0].partition("#")
    last = unquote(path.rstrip("/").rsplit("/", 1)[-1]) if path.strip("/") else ""
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", f"{last} {fragment}")}


def address_names_page(part: str, urls: tuple[str, ...]) -> bool:
    """Does a URL lead to a page inside its site whose address spells ``part``'s words, two
    of them at least (``…/distributed-locks/`` for ``Distributed Locks with Redis``)?"""
    words = {w.casefold() for w in re.findall(r"[^\W\d_]+", part)}
    return any(len(words & _page_words(url)) >= 2 for url in urls)


# Small words a page's address often leaves out of its title's words ("Map and Set" at
# …/map-set), and a bracketed gloss it never spells ("Set Methods Proposal (ES2024)").
_ADDRESS_SKIPS = frozenset(
    {"a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "und", "et", "y"}
)
_BRACKETED = re.compile(r"\s*\([^()]*\)")
_NUMERAL = re.compile(r"(?<!\S)\d+(?!\S)")


def _letter_words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}


def address_spells_page(part: str, urls: tuple[str, ...]) -> bool:
    """Does a URL lead to a page inside its site whose address spells every word of
    ``part``, small words and a bracketed gloss aside (``…/Global_Objects/Map`` for
    ``Map``, ``…/map-set`` for ``Map and Set``, ``…#sec-keyed-collections`` for ``Keyed
    Collections``)?"""
    words = _letter_words(_BRACKETED.sub("", part)) - _ADDRESS_SKIPS
    return bool(words) and any(words <= _page_words(url) for url in urls)


def names_source_of_page(lead: str, page: str, urls: tuple[str, ...]) -> bool:
    """Is a link's label ``Lead - Page`` the source, then the page?  A link's label names
    where it leads; when the address spells every word of the part after the dash, that
    part is the page, and the lead says whose it is: the host's name (``scikit-learn``,
    ``JavaScript.info``) or a short name the address does not spell at all, a site's,
    body's or book's (``MDN`` on developer.mozilla.org, ``ECMAScript Specification`` on
    tc39.es).  Not so a lead the address spells in its path (a project's own name on a code
    host, ``Redisson — …`` on github.com/redisson/…, leads its own title), nor a lead with a
    numeral (``Chapter 3 - Data Types``, ``OWASP Top 10 - 2023``: one title with a dash)."""
    lead_words = _letter_words(lead)
    if not lead_words or len(lead.split()) > 3 or "," in lead or _NUMERAL.search(lead):
        return False
    if wholly_names_host(page, urls) or not address_spells_page(page, urls):
        return False
    if wholly_names_host(lead, urls) or any(
        _squash(lead) == _squash(host) for host in host_names(urls)
    ):
        return True
    return not any(lead_words & _letter_words(url) for url in urls)


def strip_site(
    title: str,
    publisher: str | None = None,
    urls: tuple[str, ...] = (),
    *,
    site_first: bool = False,
    link_text: bool = False,
) -> str:
    """``Page | Section | Site`` → ``Page``; ``Page - Site`` → ``Page`` when Site names the
    publisher, the URL's host or a kind of site; with ``site_first``, ``Site — Page`` →
    ``Page`` when Site is the URL's host; with ``link_text`` (the title is a link's
    label), ``Site — Page`` → ``Page`` when Site is all of the host's name."""
    lead = _LEADING_HOST.match(title)
    if lead and any(_squash(lead.group(1)) == _squash(host) for host in host_names(urls)):
        # "gbv.de, Suchoperatoren": the site's address, then the page's title.
        title = title[lead.end() :]
    if site_first and ", " in title:
        title = _without_site_comma_lead(title, urls)
    parts = SITE_SEP.split(title)
    if len(parts) < 2:
        return title
    if " | " in title or " :: " in title or "｜" in title:
        head = _PIPE.split(title)[0]
        return head if len(head) >= 3 else title
    asked = next((i for i, part in enumerate(parts[:-1]) if part.endswith(("?", "!"))), None)
    if asked is not None and all(len(part.split()) <= 3 for part in parts[asked + 1 :]):
        # "Calendar: recurring events? - General Support - ProcessWire": a question (or an
        # exclamation, "Get Started with Static Code Analysis! - Maestral - Medium") is a
        # whole title, and the short parts after it are a forum's sections and its name.
        return title[: title.index(parts[asked]) + len(parts[asked])]
    if site_first and len(parts) == 2 and _spells_host(parts[0], urls):
        # "Docker-docs - Use Docker Compose" on docs.docker.com: the lead is made of the host's
        # labels alone, so it is the site, though the title after it names the brand too.
        return parts[1]
    if (
        link_text
        and len(parts) == 2
        and len(parts[1].split()) >= 2
        and address_names_page(parts[1], urls)
        and wholly_names_host(parts[0], urls)
        and not wholly_names_host(parts[1], urls)
    ):
        # "[Redis — Distributed Locks with Redis (Redlock)](…)", "[Apache ZooKeeper —
        # Recipes and Solutions: Locks](…)": a link's label names where it goes, the source
        # and then the page; the lead is all the host's name, so the part after the dash is
        # the page, though it names the site among its words.  (A quoted or italic title is
        # the title as its citer gives it, whole: "Flutter – Build apps for any screen"; and
        # a home page's own title is the site's name and its tagline, so the link must lead
        # to a page inside the site, whose address spells the part after the dash.)
        return parts[1]
    if link_text and len(parts) == 2 and names_source_of_page(parts[0], parts[1], urls):
        # "[MDN - Map](…/Global_Objects/Map)", "[scikit-learn — StratifiedKFold](…)": the
        # address spells the page, and the lead names whose page it is.
        return parts[1]
    tail = names_site(parts[-1], publisher, urls)
    if tail == 2 or (tail == 1 and len(parts[-1]) < len(title) - len(parts[-1])):
        kept = parts[:-1]
        while len(kept) > 1 and names_site(kept[-1], publisher, urls):
            kept = kept[:-1]  # "Dialect Conversion - MLIR - LLVM"
        return title[: title.index(kept[-1]) + len(kept[-1])]
    if len(parts) == 2 and (
        (
            (site_first or _slug_names(parts[1], urls))
            and len(parts[0].split()) <= 2
            and names_site(parts[0], publisher, urls) == 2
        )
        or names_body(parts[0], urls)
    ):
        return parts[1]
    if site_first and len(parts[0].split()) <= 2 and names_site(parts[0], publisher, urls) == 2:
        # "SDX - Microservices – Kommunikation": the URL's host leads, and the title after it
        # has a dash of its own.
        return title[SITE_SEP.search(title).end() :]
    return title
