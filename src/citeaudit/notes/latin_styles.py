"""Rules of the Latin-script reference styles that the general readers in
:mod:`citeaudit.notes.styles` and :mod:`citeaudit.notes.title` leave out.

Each rule is a piece of a style's grammar a reader uses:

- **ABNT (NBR 6023)** sets the title in bold, after the authors' full stop, and runs
  the subtitle on in plain type after a colon or a dash: ``SOBRENOME, Nome.
  <strong>Título</strong>: subtítulo. Cidade: Editora, ano.``  Bold inside the author
  list (``HENRY, S.; <strong>Working Group</strong>. Title.``) marks a body, not a title,
  and bold that opens with the entry's label (``<strong>[1] CNIL</strong> · <a>Title</a>``)
  is the entry's head: its number and author.
- ABNT runs the subtitle on after Markdown emphasis the same way, in lower case:
  ``SILVA, João. **Metodologia científica**: uma introdução. São Paulo: Atlas, 2010.``
- **Finnish school style** and other author-date lists write ``Author. Year. Title.``
  even when the author is one word (a site, a user name): the lone year sentence shows
  the sentence before it is the author.
- **Link text that is a citation**: ``[Surname, I. 5.5.2009, Title](url)`` — the names
  and the date lead, so the title is what follows them.
- **Repeats**: ``_Ibidem_. p. 47.``, ``FARGE, _Ibidem_. p. 15.``, ``Íd., p. 4`` and
  ``Dupont, art. cit., p. 12`` cite a work already cited; emphasis around the word and
  the author's name before it change nothing.
- **In-text citations** written as notes (``(SILVA, 2010, p. 45)``, ``Jansen 2010, p. 45``)
  name the work by author and year only: no title.
"""

from __future__ import annotations

import html as htmllib
import re

from citeaudit.notes.styles import IN_HOST, looks_like_names
from citeaudit.notes.text import INITIAL, YEAR, markup_text, strip_label

# Patterns used inside functions, compiled once.
_STRONG = re.compile(
    r"<(?P<tag>strong|b)\b[^>]*>(?P<t>.*?)</(?P=tag)\s*>", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<[^>]+>")
_LETTER = re.compile(r"[^\W\d_]")
# What may stand before ABNT's bold title: nothing, a list number, or a sentence that
# ends with a full stop (the authors' "SOBRENOME, Nome.").
_BEFORE_TITLE = re.compile(r"^\s*(?:\d{1,3}[.)]\s*)?$|\.\s*$")
# The subtitle run on after the bold: ": criando portais …" or " – Uma abordagem …", up to
# the full stop or comma that ends the title area.
_SUBTITLE = re.compile(r"^(?::\s+|\s+[–—]\s+)(?P<s>[^.,;<>]{2,150}?)(?=[.,;]|$)")

# "Surname, I. 5.5.2009, Title", "Botea A., Müller M., 2004, Title": names, a date, a comma.
_DATE = r"(?:\d{1,2}\.\d{1,2}\.)?" + YEAR + r"[a-z]?"
_LINK_CITATION = re.compile(
    r"^(?P<names>[^\W\d_][^\d]{1,150}?)[,.]?\s+(?:\(?" + _DATE + r"\)?)[,.:]\s+(?P<t>\S.*)$"
)
_NAME_TOKEN = re.compile(r"(?:[^\W\d_]\.-?)+|[^\W\d_][\w'’-]*")

_IBID_WORD = r"[*_]*(?:ibid(?:em)?|ibíd(?:em)?|íd\.)(?![^\W_])[*_]*\.?"
# "art. cit." and "ouvr. cit." (French), "ob. cit." and "obra citada" (Spanish, Portuguese),
# "a.g.m." (Turkish, the article named before): the work cited earlier, after its author.
_CITED_WORD = r"(?:art\.\s?cit|ouvr\.\s?cit|ob\.\s?cit|obra\s+citada|a\.\s?g\.\s?m)\.?"
_REPEAT = re.compile(
    r"^(?:" + _IBID_WORD + r"|[^\W\d_][\w'’-]+,\s*(?:" + _IBID_WORD + r"|" + _CITED_WORD + r"))"
    r"(?:[\s,.]|$)",
    re.IGNORECASE,
)


def html_bold_title(html: str) -> str | None:
    """ABNT's title from the note's markup: the first ``<strong>``/``<b>`` that follows the
    authors' full stop, with the subtitle run on after it.  None when the bold stands
    inside the author list or the markup has no bold."""
    for match in _STRONG.finditer(html):
        before = markup_text(html[: match.start()])
        if not _BEFORE_TITLE.search(before):
            continue  # "HENRY, S.; <strong>Group</strong>": a body among the authors
        inner = markup_text(match.group("t"))
        title = inner.strip(" .,;:")
        if len(title) < 2 or not _LETTER.search(title) or inner.rstrip().endswith(":"):
            continue  # "<b>[1]</b>", "<strong>Fonte:</strong>": a label, not a title
        if strip_label(inner.lstrip())[0] is not None:
            continue  # "<strong>[1] CNIL</strong> · <a>Title</a>": the entry's head and author
        if INITIAL.search(inner) and looks_like_names(title):
            continue  # "<b>SILVA, J.</b>": the authors set in bold
        tail = htmllib.unescape(_TAG.sub("", html[match.end() :]))
        sub = _SUBTITLE.match(tail)
        if sub and not title.endswith(("?", "!")):
            mark = tail[: sub.start("s")].strip()
            joiner = ": " if mark == ":" else f" {mark} "
            title = f"{title}{joiner}{' '.join(sub.group('s').split())}"
        return title
    return None


# ": uma introdução." after the emphasis: a subtitle in lower case, up to the full stop.
_RUN_ON = re.compile(r"\s*:\s+(?P<s>[a-zà-öø-ÿğış][^.;<>\[\]()]{1,150}?)(?=\.\s|\.$|;|$)")


def run_on_subtitle(plain: str, end: int) -> tuple[str, int] | None:
    """The lower-case subtitle ABNT runs on after an emphasised title that ends at
    ``end`` (``**Metodologia científica**: uma introdução.``) and where it ends, or None."""
    match = _RUN_ON.match(plain, end)
    if match is None:
        return None
    return " ".join(match.group("s").split()).rstrip(" ,"), match.end("s")


# ". Brasília: MEC, 2018", ". 2. ed. São Paulo": an imprint right after the emphasis.
_IMPRINT_AFTER = re.compile(
    r"[.,]?\s+(?:\d+\.?\s*(?:ed|éd|Aufl|baskı|bs)\.|[A-ZÀ-ÝÇĞİŞ][^\W\d_]+(?:\s[^\W\d_]+){0,2}\s?:\s*[A-ZÀ-ÝÇĞİŞ])"
)


def emphasis_before_imprint(plain: str, start: int, end: int) -> bool:
    """Is the emphasis at ``start:end`` followed by the imprint (``**Base Nacional Comum
    Curricular**. Brasília: MEC, 2018.``)?  Then it is the book's title (ABNT, ISO 690),
    not a journal or other container after the article's title -- unless ``In:`` comes
    before it, which makes the book the host of a chapter."""
    return _IMPRINT_AFTER.match(plain, end) is not None and not IN_HOST.search(plain, 0, start)



SITE_NAME_WORDS = 3
"""The most words of an emphasised site name after a title sentence (``**G1**``);
set from the style's grammar (a site's name is short): ``bench/latin_styles_cv.py``
scores every value from 1 to 5 the same on the tune documents, so the data does not choose it."""


def title_before_site(plain: str, start: int) -> tuple[int, int] | None:
    """``Título da notícia. **G1**, 3 maio 2021``: when the emphasis names the site, the one
    sentence before it is the title; its span, or None when there is no such sentence."""
    head = plain[:start]
    begin = len(head) - len(head.lstrip())
    body = head.strip().rstrip(" .,;:")
    if len(body.split()) < 2 or ". " in body or not _LETTER.search(body):
        return None
    return begin, begin + len(body)


_SURNAME = r"[^\W\d_][\w'’-]+"
_IN_TEXT = re.compile(
    r"^\(?\s*" + _SURNAME + r"(?:\s+(?:et\s+al\.|e|y|&|and|ve|ja|en|und|et)\s+" + _SURNAME + r")?"
    r"\s*,?\s*\(?\s*" + YEAR + r"[a-z]?"
    r"(?:\s*[,:]\s*(?:(?:p|pp|s|S|ss|sf|Bd)\.?\s*)?\d+(?:\s*[-–]\s*\d+)?)?\s*\)?\s*\.?$"
)


def is_in_text_citation(body: str) -> bool:
    """``(SILVA, 2010, p. 45)``, ``Silva (2010, p. 45).``, ``Jansen 2010, p. 45.``: an
    author-date citation written as a note names its work by author and year only, so
    the note has no title to read."""
    return len(body) <= 80 and _IN_TEXT.match(body.strip()) is not None


def _reads_as_names(text: str) -> bool:
    """A short run of name tokens (surnames, initials, "&", "et al.")."""
    pieces = [p for p in re.split(r"[\s,;&]+|\band\b|\bja\b|\bet\b|\bve\b|\bund\b", text) if p]
    if not pieces or len(pieces) > 12:
        return False
    tokens = [p for p in pieces if p not in ("al.", "al")]
    return all(_NAME_TOKEN.fullmatch(p) and (p[0].isupper() or "." in p) for p in tokens)


def link_citation_title(link_text: str) -> str | None:
    """``Harabor, D. 5.5.2009, Clearance-based Pathfinding`` → ``Clearance-based
    Pathfinding``: a link whose text leads with names and a date carries the whole
    citation, and the title follows the date.  None when the text does not lead so."""
    match = _LINK_CITATION.match(link_text.strip())
    if match is None or not _reads_as_names(match.group("names")):
        return None
    title = match.group("t").strip(" .,")
    return title or None


def is_repeat(body: str) -> bool:
    """Does the note cite the previous work again (``_Ibidem_. p. 47.``,
    ``FARGE, _Ibidem_. p. 15.``)?"""
    head = body[:60].lower()
    if "bid" not in head and "íd." not in head and "cit" not in head and "a.g" not in head:
        return False  # (most notes: none of the repeat words is there)
    return _REPEAT.match(body) is not None


# Statistics Finland asks to be cited as "Suomen virallinen tilasto (SVT): Väestörakenne
# [verkkojulkaisu]" (in Swedish "Finlands officiella statistik (FOS)", in English "Official
# Statistics of Finland (OSF)"); Sweden's and Norway's official statistics name their series
# the same way.  The series leads the statistic's name, the work cited.
_OFFICIAL_SERIES = re.compile(
    r"^(?:Suomen\s+virallinen\s+tilasto|Finlands\s+officiella\s+statistik"
    r"|Official\s+Statistics\s+of\s+Finland|Sveriges\s+officiella\s+statistik"
    r"|Norges\s+offisielle\s+statistikk)\s*(?:\((?:SVT|FOS|OSF|SOS|NOS)\))?\s*:\s+(?=\S)",
    re.IGNORECASE,
)


def without_series(title: str) -> str:
    """``Suomen virallinen tilasto (SVT): Väestörakenne`` → ``Väestörakenne``: a national
    official-statistics series before the colon is no part of the statistic's title."""
    if ":" not in title:
        return title
    match = _OFFICIAL_SERIES.match(title)
    return title[match.end() :] if match else title
