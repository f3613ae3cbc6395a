"""``parse_note``: one note's text (and markup) into a :class:`Note`.

The parser never raises on odd text: a note it cannot read is an EXPLANATORY note
with its raw text kept.  Every regex is compiled once at import; the only slow step
(``dateparser``) runs just when an access label is present but the hand-written date
patterns found nothing.
"""

from __future__ import annotations

import html as htmllib
import re
from urllib.parse import unquote

from citeaudit import dates
from citeaudit.notes import access, gost, identifiers, latin_styles, styles, title
from citeaudit.notes.authors import split_authors
from citeaudit.notes.link_words import is_link_word
from citeaudit.notes.model import Note, NoteKind
from citeaudit.notes.publisher import imprint_publisher, publisher_after
from citeaudit.notes.repeats import OP_CIT, REPEAT_START, repeat_authors, short_form
from citeaudit.notes.text import (
    FIND_YEAR,
    INITIAL,
    YEAR,
    mask,
    squeeze_blanks,
    strip_bullet,
    strip_label,
    undo_html_breaks,
    undo_markdown_escapes,
    unwrap_rst_citation,
)
from citeaudit.notes.urls import URL, find_urls, html_links, shown_by_link

# Patterns used inside functions, compiled once.
_TRAILING_VOLUME = re.compile(r"\s+\d+\s*(?:\(\d+\))?$")

# "p. 4", "S. 177", "с. 25", "§ 3": the locator word starts a token.  Each word is written
# as its first letter, then the check that a separator stands before it, then the rest,
# so the scan can jump between candidate letters (a leading look-behind made it try
# every position): the same matches as ``(?<![^\s(,;:])(?:pp?|ss?|S|…)``.
_LOCATOR_WORDS = (
    ("p", "p?"), ("s", "s?"), ("S", ""), ("P", ""), ("с", ""), ("С", ""), ("с", "тр"),
    ("s", "tr"), ("p", "ara"), ("p", "aras"), ("R", "n"), ("c", "ap"), ("c", "h"),
    ("v", "ol"), ("t", ""), ("s", "ayfa"), ("§", ""),
)  # fmt: skip
_LOCATOR = re.compile(
    r"(?P<loc>(?:"
    + "|".join(f"{first}(?<![^\\s(,;:]{first}){rest}" for first, rest in _LOCATOR_WORDS)
    + r")\.?\s?\d+(?:\s?[-–—]\s?\d+)?(?:\s?ff?\.?)?)(?![\w])",
)
# A locator's number starts at most this many characters after its word ("sayfa. 4").
_LOCATOR_REACH = 7
_DIGIT = re.compile(r"\d")


def _locator(text: str) -> re.Match[str] | None:
    """:data:`_LOCATOR`'s first match, searched from just before the first digit: every
    locator has a number, and in a note with its URLs and dates blanked the first digit
    often stands late or nowhere (a lookbehind still sees the characters before)."""
    digit = _DIGIT.search(text)
    if digit is None:
        return None
    return _LOCATOR.search(text, max(0, digit.start() - _LOCATOR_REACH))


# Every phrase OP_CIT reads ("op. cit.", "loc. cit.", "a.g.e.", "a. a. O.", "aynı eser")
# has one of these: the case-blind scan runs only then.
_MAY_CITE_AGAIN = re.compile(r"cit|a\.\s?[ga]\.|aynı|AYNI", re.IGNORECASE)


def _may_cite_again(body: str) -> bool:
    """:data:`_MAY_CITE_AGAIN` searched only when it can match: in ASCII, case-blind
    matching is lower-casing, and each of its matches holds ``cit``, ``a.`` or ``ayn``
    (three substring tests are much cheaper than the case-blind scan at every position)."""
    if body.isascii():
        lower = body.lower()
        if "cit" not in lower and "a." not in lower and "ayn" not in lower:
            return False
    return _MAY_CITE_AGAIN.search(body) is not None


_BOOKISH = re.compile(
    r"\b(?:press|verlag|yayın\w*|издательство|éditions?|editorial|editora|uitgeverij|wydawnictwo|isbn)\b",
    re.IGNORECASE,
)
# "Title. (2022, December 3). In ": an unsigned APA entry, up to its reference work.
_UNSIGNED_ENTRY = re.compile(
    rf"\s*(?P<t>[^\s()](?:[^()]|\([^()]*\)){{2,}}?)\.?\s+\({YEAR}(?:,\s*[^()]{{1,30}})?\)\.\s+"
    r"(?:In|Dans|En|Em|Im)\s*:?\s*"
)
# "(en) ", "(EN) ", "(de) ": the language a Wikipedia reference marks its source with.
_LANGUAGE_TAG = re.compile(r"\s*(\((?:[a-z]{2,3}|[A-Z]{2,3})\))\s")
# "[originally published 1840]", "(Erstausgabe 1840)": a bracket that is not the title.
_FIRST_PUBLISHED = re.compile(
    r"[\[(](?:originally\s+published|first\s+published|orig\.|erstausgabe|ersterscheinung|première\s+édition|ilk\s+baskı)[^\])]*[\])]",
    re.IGNORECASE,
)


# ", in: Media Perspektiven 7": DIN's container cue, which only a whole citation holds.
_IN_CONTAINER_CUE = re.compile(r"[,.]\s[Ii]n\s?:\s")


def _reads_as_citation(text: str) -> bool:
    """Does a link's text read as a whole citation: GOST's `` // `` before the host, DIN's
    ``, in:`` before the container, or three sentences (names, title, source)?"""
    return (
        " // " in text
        or _IN_CONTAINER_CUE.search(text) is not None
        or styles.sentence_count(text) >= 3
    )


def _reconsider_mark(found: title.Found, plain: str) -> tuple[title.Found | None, str]:
    """Emphasis or link text that is not the title after all: ``_Surname I.I._ Title``
    (the authors set in italics) or ``[whole citation](url)`` (the link text is the note).

    Returns the mark to keep (None: read the note by position) and the text with the
    mark's own characters blanked when it is dropped."""
    lead = len(plain) - len(plain.lstrip())
    if (
        found.how != "link"
        and found.start <= lead
        # "*Moby Dick*" is a title; "_Orlova E.K._" and "**SILVA, João**" name the authors
        and (INITIAL.search(found.title) or _CAPS_SURNAME.match(found.title))
        and styles.looks_like_names(found.title)
    ):
        return None, _blank_marks(plain, found.start, found.end)
    # A link whose text is most of the note, and reads as a citation, is the whole note.
    # Letters are counted last, for a link text that reads as a citation: on a note of
    # megabytes the count was most of the time spent on it.
    whole_link = (
        found.how == "link"
        and _reads_as_citation(found.title)
        and (letters := _letter_count(plain))
        and _letter_count(found.title) * 5 >= letters * 4
    )
    if whole_link:
        # Its own brackets go, the citation's stay: "[Jansen, P. (2020). Title.](url)" is
        # then read as APA, whose date is in brackets.
        return None, _blank_marks(plain, found.start, found.end, _LINK_MARK_CHARS)
    return found, plain


def _title_before_linked_site(
    plain: str, found: title.Found, urls: tuple[str, ...]
) -> tuple[int, int] | None:
    """``Title, <a href="https://www.theguardian.com/…">The Guardian</a>``: link text after
    a comma that is the linked site's own name says where the work is, so the phrase
    before it (not a list of names) is the title; its span, or None."""
    if (
        not plain[: found.start].rstrip().endswith(",")
        or title.names_site(found.title, None, urls) < 2
    ):
        return None  # (after "Author (2025): " the link is the title, whatever its words)
    span = latin_styles.title_before_site(plain, found.start)
    if span is None or styles.looks_like_names(plain[span[0] : span[1]]):
        return None
    return span


# The marks of Markdown emphasis, dropped from a title that has emphasis inside it.
_EMPHASIS_MARKS = re.compile(r"[*_]+")


def _inner_emphasis(plain: str, start: int, found: title.Found) -> title.Found | None:
    """``(2007). A new Arum species (_Areae, Araceae_) from NE Turkey. _Willdenowia_ 37``:
    italics inside the sentence after the date (a taxon, a term), with words after them
    before the sentence ends, are part of the title that sentence is, not the title; the
    sentence, its emphasis marks dropped, or None."""
    whole = styles.apa_sentence(plain, start)
    if whole is None or not whole.start < found.start or found.end >= whole.end:
        return None
    if not plain[found.end : whole.end].strip(" .,;:)]*_"):
        return None  # the emphasis closes the sentence: it is a title of its own
    cleaned = title.clean(_EMPHASIS_MARKS.sub("", plain[whole.start : whole.end]))
    return title.Found(cleaned, whole.start, whole.end, "apa") if cleaned else None


def _inner_quote(plain: str, found: title.Found) -> title.Found | None:
    """``(2008, May 5). Mapping the Human 'Diseasome'.Retrieved from …``: a quoted word or
    phrase that closes the sentence after an APA date, with the title's own words before it
    in that sentence, is a name the title quotes, not the title; the sentence (quotes kept)
    is, or None.  (A quote opening the sentence is APA's quoted title, and is left so.)"""
    lead = styles.APA_AUTHORS.match(plain.lstrip()) if "(" in plain[: found.start] else None
    if lead is None:
        return None
    offset = len(plain) - len(plain.lstrip())
    whole = styles.apa_sentence(plain, offset + lead.end())
    if whole is None or not whole.start < found.start <= whole.end:
        return None
    before = plain[whole.start : found.start].rstrip(" " + styles.QUOTE_EDGES)
    if len(before.split()) < 2 or styles.is_prose(before):
        return None
    if plain[found.end : whole.end].strip(" .?!" + styles.QUOTE_EDGES):
        return None  # words after the quote in the sentence: some other shape
    return whole


def _letter_count(text: str) -> int:
    # What the letters leave when taken out, not a list of them: on a note of megabytes
    # the list was seconds.
    return len(text) - len(title.LETTERS.sub("", text))


_CAPS_SURNAME = re.compile(r"[A-ZÀ-ÖØ-ÞĞİŞ][A-ZÀ-ÖØ-ÞĞİŞ'’-]+,\s")  # ABNT's "SILVA, João"
_MARK_CHARS = re.compile(r"[*_\[\]()<>]")
_LINK_MARK_CHARS = re.compile(r"[*_\[\]<>]")


def _blank_marks(plain: str, start: int, end: int, marks: re.Pattern[str] = _MARK_CHARS) -> str:
    """The markup characters of ``plain[start:end]`` turned to spaces (same length)."""
    return plain[:start] + marks.sub(" ", plain[start:end]) + plain[end:]


# What a URL's own continuation has (a path, a query, a file's suffix): a text URL going on
# past a link's address with one of these is another address, not the address and prose.
_URL_GOES_ON = re.compile(r"[/?#&=%.]")


def _runs_on(text_url: str, href: str) -> bool:
    """``text_url`` is ``href`` with the words after the link glued on."""
    return (len(text_url) > len(href) and text_url.startswith(href)
            and not _URL_GOES_ON.search(text_url, len(href)))


# A character reference as HTML and Markdown write one: "&ndash;", "&#160;", "&#x2013;".
_CHARACTER_REFERENCE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _referenced_characters(text: str) -> str:
    """``C++ &ndash; The Complete Guide`` → ``C++ – The Complete Guide``.

    Markdown, like HTML, renders a character reference as the character it names, so a
    title read from a note's source text shows what its reader sees.  Only the title is
    decoded: an address keeps its "&amp;" as written, the link it is.
    """
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(lambda m: htmllib.unescape(m.group()), text)


def parse_note(raw: str, label: str | None = None, *, html: str | None = None) -> Note:
    """Parse one note's text into a :class:`Note`.

    ``raw`` may start with its own label (``[1]``, ``1.``, ``1)``, ``^1``, ``[^1]:``);
    it is stripped and, when ``label`` is None, used as the label.  ``html`` is the
    note's inner HTML when a reader has it: its ``<a href>`` targets join the URLs, and
    its ``<i>``/``<em>``/``<cite>`` text and external link text are cues for the title.
    """
    # "- [2] Title": a bullet, then the label
    text = strip_bullet(
        undo_markdown_escapes(undo_html_breaks(unwrap_rst_citation(squeeze_blanks(raw))))
    )
    found_label, body = strip_label(text)
    if label is None:
        label = found_label or ""
    elif found_label is not None and found_label != label:
        body = text  # "2022. Report…" under label "7": the number is content, not a label
    body = strip_bullet(body)

    if (
        REPEAT_START.match(body)
        or latin_styles.is_repeat(body)
        or (
            len(body) < 120
            and _may_cite_again(body)
            and OP_CIT.search(body)
            and not URL.search(body)
        )
    ):
        loc = _LOCATOR.search(body)
        return Note(
            label=label,
            raw=raw,
            kind=NoteKind.REPEAT,
            locator=loc.group("loc") if loc else None,
            authors=repeat_authors(body),
        )

    url_hits = find_urls(body)
    url_spans = [(u.start, u.end) for u in url_hits]
    urls = [u.url for u in url_hits if not u.shown]
    if html:
        links = html_links(html)
        hrefs = [href for href, _ in links]
        # "<a href="https://x.org/kv/">https://x.org/kv/</a>を参照": the text runs the
        # address on into the words after the link (no space in Japanese), which the
        # markup shows are not part of it.
        urls = [u for u in urls if not any(_runs_on(u, href) for href in hrefs)]
        # An address a link shows is that link's: it is listed once, where the link stands.
        urls = [u for u in urls if not shown_by_link(u, links)]
        urls.extend(hrefs)
    ids = identifiers.find_identifiers(body, url_spans)
    doi_url = identifiers.doi_link(ids.doi, urls)
    if doi_url:
        urls.append(doi_url)
    # One entry per link: "…10.1000%2Fx1" and "…10.1000/x1" are the same address spelled twice.
    seen: dict[str, str] = {}
    for url in urls:
        seen.setdefault(unquote(url) if "%" in url else url, url)
    urls_t = tuple(seen.values())
    masked = mask(body, url_spans + list(ids.spans))

    all_dates = dates.find_dates(masked)
    accessed = access.find_access(masked, all_dates)
    archived = access.find_archived(masked, all_dates)
    taken = [span for d in (accessed, archived) if d for span in d.spans]
    other_dates = [d for d in all_dates if not any(s < d.end and d.start < e for s, e in taken)]
    published = other_dates[0].date if other_dates else None

    # Titles and names are read with the URLs, identifiers and dated phrases blanked out,
    # and with an access label's bracket left without its date ("(最終閲覧日)").
    plain = mask(masked, taken + access.empty_access_slots(masked))
    tag = _LANGUAGE_TAG.match(plain) if plain[:1] == "(" or plain[:1].isspace() else None
    if tag:  # "(en) Title, su bbc.co.uk": Wikipedia's mark of the source's language
        plain = mask(plain, [tag.span(1)])
    if "[" in plain or "(" in plain:
        plain = mask(plain, [m.span() for m in _FIRST_PUBLISHED.finditer(plain)])
    if other_dates and not plain[: other_dates[0].start].strip(" \t(["):
        # "(3 Ekim 2022). Seyahat. https://…": a full date in the author's place is read
        # as the year alone there ("(2022). Seyahat."), the author-date lead it stands for.
        first = other_dates[0]
        year = FIND_YEAR.search(plain, first.start, first.end)
        if year is not None:
            plain = mask(plain, [(first.start, year.start()), (year.end(), first.end)])
    key = title.bold_key(plain)
    if key is not None:  # "**[ChatGPT]** OpenAI. ChatGPT [online].": the entry's label
        plain = mask(plain, [key])
    found = styles.title_above_bracket(plain) if "\n" in plain else None
    if found is None:
        found = title.marked_title(plain, body)
    if found is not None and found.how == "quote" and found.start > 0:
        inner = _inner_quote(plain, found)
        if inner is not None:
            found = inner
    if found is not None and found.how == "quote" and " / " in plain:
        around = gost.title_around(plain, found.start, found.end)
        whole = title.clean(plain[around[0] : around[1]]) if around else None
        if around and whole:  # the quote names a part of a GOST title, not the title
            found = title.Found(whole, around[0], around[1], "gost-area")
    html_mark = (title.html_title(html) or latin_styles.html_bold_title(html)) if html else None
    if (
        html_mark
        and found is not None
        and found.how == "quote"
        and html_mark.startswith(found.title)
    ):
        # The text's quote was cut at an inner quote ('“X "Y"”'): the markup has it whole.
        at = plain.find(html_mark, found.start)
        end = at + len(html_mark) + 1 if at >= 0 else found.end
        found = title.Found(html_mark, found.start, end, "markup")
    elif html_mark and (found is None or found.how != "quote"):
        start = plain.find(html_mark)
        found = title.Found(
            html_mark, start, start + len(html_mark) if start >= 0 else -1, "markup"
        )
    if found is None and html:
        link_text = title.html_link_title(html)
        if link_text:
            start = plain.find(link_text)
            found = title.Found(
                link_text, start, start + len(link_text) if start >= 0 else -1, "link"
            )

    if found is not None and found.how in ("italic", "bold", "link") and found.start >= 0:
        found, plain = _reconsider_mark(found, plain)
    if found is not None and found.how == "link" and found.start > 0:
        span = _title_before_linked_site(plain, found, urls_t)
        if span is not None:  # "Title, <a href=…theguardian.com…>The Guardian</a>": the site
            found = title.Found(plain[span[0] : span[1]], span[0], span[1], "title-first")
    if found is not None and found.how == "link":
        cited = latin_styles.link_citation_title(found.title)
        if cited is not None:  # "[Surname, I. 2009, Title](url)": the title follows the date
            found = title.Found(cited, found.start, found.end, "link")

    if found is not None and found.how in ("italic", "bold") and found.end > 0:
        run_on = latin_styles.run_on_subtitle(plain, found.end)
        if run_on:  # "**Metodologia científica**: uma introdução." (ABNT)
            found = title.Found(f"{found.title}: {run_on[0]}", found.start, run_on[1], found.how)

    container = None
    if (
        found is not None
        and found.how in ("italic", "bold", "markup")
        and found.start > 0
        and not latin_styles.emphasis_before_imprint(plain, found.start, found.end)
    ):
        # "AMDAHL, G. M. Validity of … **Proceedings of AFIPS**": a full sentence between
        # the authors and the emphasis is the title, and the emphasis names its container.
        # (Not when the imprint follows the emphasis: then it is the book's own title.)
        sentence = styles.title_sentence_before(plain, found.start)
        span = (
            latin_styles.title_before_site(plain, found.start)
            if sentence is None
            and len(found.title.split()) <= latin_styles.SITE_NAME_WORDS
            and styles.is_site_name(found.title, urls_t)
            and plain[: found.start].rstrip(" *_").endswith(".")
            else None
        )
        if span is not None:  # "Título da notícia. **G1**, 3 maio 2021": the site's name
            sentence = title.Found(plain[span[0] : span[1]], span[0], span[1], "title-first")
        if sentence is not None:
            container = _TRAILING_VOLUME.sub("", found.title)
            found = sentence
    if found is not None and found.how in ("italic", "markup"):
        # "Smith, P. (2009). Title. *Journal 3(3)*" (or <em>Journal</em> in the markup): after
        # an author-date lead, the sentence after the year is the title and the italics
        # name the journal.
        apa_lead = styles.APA_AUTHORS.match(plain.lstrip()) if "(" in plain else None
        if apa_lead is not None:
            offset = len(plain) - len(plain.lstrip())
            sentence = styles.apa_sentence(plain, offset + apa_lead.end(), until=found.start)
            if sentence is not None and sentence.end <= found.start:
                container = _TRAILING_VOLUME.sub("", found.title)
                found = sentence
            elif found.how == "italic":
                inner = _inner_emphasis(plain, offset + apa_lead.end(), found)
                if inner is not None:
                    found = inner
        entry = (
            _UNSIGNED_ENTRY.fullmatch(plain, 0, found.start)
            if found.how in ("italic", "markup") and found.start > 0
            else None
        )
        if entry is not None:
            # "Package format. (2022, December 3). In *Wikipedia*.": APA moves an unsigned
            # work's title to the author's place, before the date, and "In" names the
            # reference work it is an entry of.
            container = _TRAILING_VOLUME.sub("", found.title)
            found = title.Found(entry.group("t"), entry.start("t"), entry.end("t"), "apa")
    authors: tuple[str, ...] = ()
    if found is not None and found.start > 0:
        before = plain[: found.start]
        apa = styles.APA_AUTHORS.match(before.lstrip()) if "(" in before else None
        authors = split_authors(apa.group("a")) if apa else split_authors(before)
    elif found is None and not title.defines_a_word(plain):
        before_access = (
            styles.title_before_access(plain, accessed.spans[0][0], accessed.spans[-1][1])
            if accessed is not None and urls_t
            else None
        )
        found, authors = styles.positional_title(plain, has_url=bool(urls_t), urls=urls_t)
        if before_access is not None and (found is None or found.start != before_access.start):
            # The access phrase shows where the title starts; where it ends (a site's name
            # cut off) stays the other rules' reading when they start there too.
            found, authors = before_access, ()

    publisher = container
    if publisher is None and found is not None and found.end >= 0:
        # "Title. Berlin, Heidelberg : Springer, 2016": the imprint names the publisher.
        after = plain[found.end :]
        publisher = (imprint_publisher(after) if ":" in after else None) or publisher_after(
            plain, found.end
        )
    if publisher is None and html_mark and (found is None or html_mark != found.title):
        publisher = html_mark
    if publisher is None and ":" in plain:
        publisher = imprint_publisher(plain)

    title_text = (
        title.strip_site(found.title, publisher, urls_t, link_text=found.how == "link")
        if found
        else None
    )
    if title_text:
        title_text = latin_styles.without_series(styles.without_medium(title_text))
        title_text = _referenced_characters(title_text)
    if title_text and not urls_t and latin_styles.is_in_text_citation(body):
        title_text = None  # "Jansen 2010, p. 45.": author and year stand for the work
    if title_text:  # a part read, a recording's form, the host's lead, a company after it
        title_text = title.without_host_colon_lead(title.without_part_or_form(title_text), urls_t)
        title_text = title.without_trailing_company(title_text)
    if title_text and is_link_word(title_text):
        title_text = None  # "[Linkki](https://…)": a word for the link, and no title beside it
    if (
        title_text
        and title_text.islower()
        and title_text in title.host_names(urls_t)
        and not (found is not None and found.how == "medium")
    ):
        # "github.com, erişim tarihi …, https://github.com/…": the address.  (Not before
        # ISO 690's "[online]": "diagrams.net [online]" names the work, the designator says.)
        title_text = None

    loc = _locator(plain)
    locator = loc.group("loc") if loc else None

    if urls_t:
        kind = NoteKind.WEB
    elif (title_text or publisher or authors or locator or ids.isbn or ids.doi) and (
        FIND_YEAR.search(plain) or _BOOKISH.search(plain) or ids.isbn
    ):
        kind = NoteKind.BOOK
    else:
        kind = NoteKind.EXPLANATORY

    copy = access.archived_copy(urls_t)
    return Note(
        label=label,
        raw=raw,
        kind=kind,
        title=title_text,
        publisher=publisher,
        authors=authors,
        urls=urls_t,
        access_date=accessed.match.date if accessed else None,
        access_date_raw=accessed.match.raw if accessed else None,
        access_date_ambiguous=accessed.match.ambiguous if accessed else False,
        published=published,
        locator=locator,
        doi=ids.doi,
        isbn=ids.isbn,
        arxiv=ids.arxiv,
        pmid=ids.pmid,
        archive_url=copy.url if copy is not None else None,
        archive_date=archived.match.date if archived else access.copy_date(copy),
        short_form=not urls_t and short_form(body) is not None,
    )
