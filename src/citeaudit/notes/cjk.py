"""Chinese, Japanese and Korean reference lists: where the title stands.

- **GB/T 7714** (``作者. 题名[J]. 刊名, 年, 卷(期): 页码.``): the type code (``[J]``,
  ``[M]``, ``[C]``, ``[EB/OL]``…) closes the title, and the authors end at the full
  stop that closes the names.  A year after the title's full stop
  (``…tiny images.(2009)[EB/OL]``) dates the work; it is not part of the title.
- **Slash-separated entries**, as Korean and Japanese blogs list books
  (``GoF의 디자인 패턴 / 에릭 감마 외 공저 / 김정아 역 / 프로텍미디어 / 2015``): the title
  comes first and the people after it, each with the word for their part (``저``,
  ``역``, ``著``, ``訳``…).
- **Short notes with a page** (``Head First Design Patterns. 75쪽.``): the sentence
  before a page counted in ``쪽``, ``頁``, ``页`` or ``ページ`` is the title.
"""

from __future__ import annotations

import re

from citeaudit.notes.authors import split_authors

# "…images.(2009)[EB/OL]": the work's year, after the title's full stop, before the type
# code.  (A year inside the title's own brackets, "参考摄入量(2023版)", is the edition.)
_GLUED_YEAR = re.compile(r"\.\s*\((?:1[5-9]|20)\d\d(?:-\d{1,2}){0,2}\)\s*$")
_SLASH = re.compile(r"\s/\s")
# The word for a person's part in the work: author, co-authors, translator, editor.
_ROLE = re.compile(
    r"(?:^|[\s/])(?:공저|공역|등저|저|지음|역|옮김|편저?|엮음|감수|著|共著|訳|編|编|译|編著|编著)(?=$|[\s/,])"
)
# "75쪽", "382-384쪽", "12頁", "p. 45ページ": a page counted in a CJK unit.
_CJK_PAGE = re.compile(r"^(?:p\.\s?)?\d{1,5}(?:\s?[-–~]\s?\d{1,5})?\s?(?:쪽|면|頁|页|ページ)\.?$")
_SENTENCE = re.compile(r"\.\s+")


def gbt_title_span(text: str, start: int, end: int) -> tuple[int, int, tuple[str, ...]]:
    """The title inside ``text[start:end]`` (the run before a GB/T type code) and the
    authors before it: the title follows the full stop that closes the names, and loses
    a year glued to its end."""
    stop = _names_end(text, start, end)
    authors: tuple[str, ...] = ()
    if stop is not None:
        names = text[start : stop.start()]
        # Dotted initials ("Kelly, T. F.") keep their last dot; GB/T's own undotted
        # initials ("Hinton G") end at the field's full stop.
        authors = split_authors(names + "." if "." in names else names)
        start = stop.end()
    glued = _GLUED_YEAR.search(text, start, end)
    if glued and glued.start() > start:
        end = glued.start()
    return start, end, authors


def _names_end(text: str, start: int, end: int) -> re.Match[str] | None:
    """Where the names end: the first ``". "`` that does not close an initial inside a
    name.  GB/T writes initials after the surname (``Hinton G. Title``), so a lone
    letter after a surname ends the name; ``Kelly, T. F. Title`` and ``J. Smith. Title``
    put dotted initials before another initial or the surname, which go on."""
    for stop in _STOP.finditer(text, start, end):
        pos = stop.start()
        word = _LAST_WORD.search(text, start, pos)
        token = word.group(0) if word else ""
        if len(token) != 1 or not token.isalpha():
            return stop  # "et al.", "Oracle.", "王珊, 萨师煊."
        after = text[stop.end() : stop.end() + 6]
        if _INITIAL_AHEAD.match(after) or _ET_AL.match(after):
            continue  # "T. F.": another initial follows; "J. et al.": more names
        before = text[start : word.start()].rstrip()
        if not before:
            continue  # "J. Smith.": a forename's initial opens the names
        return stop
    return None


# The full stop between GB/T's fields: a full-width one, one before a space, or one set
# tight after a CJK character or a lone initial ("…,等.题名", "Smith J.Title"), as
# Chinese typesetting writes it.  ("Vue.js" keeps its stop.)
_STOP = re.compile(r"．\s*|\.\s+|(?<=[\u3400-\u9fff])\.(?=\S)|(?<=\s[A-Z])\.(?=[A-Z\u3400-\u9fff])")
_LAST_WORD = re.compile(r"[^\s,.，、]+(?=$)")
_INITIAL_AHEAD = re.compile(r"[^\W\d_]\.")
_ET_AL = re.compile(r"et\s?al\b|等", re.IGNORECASE)


def slash_entry_span(text: str, lead: int) -> tuple[int, int] | None:
    """The title of a slash-separated entry (the first of three or more parts, when a
    later part names a person's role), or None."""
    body = text[lead:]
    parts = _SLASH.split(body)
    if len(parts) < 3 or not any(_ROLE.search(part) for part in parts[1:]):
        return None
    first = parts[0].rstrip()
    if not any(ch.isalpha() for ch in first):
        return None
    return lead, lead + len(first)


def paged_note_span(text: str, lead: int) -> tuple[int, int] | None:
    """``Title. 75쪽.``: the title of a short note whose last sentence is a CJK page."""
    body = text[lead:].rstrip()
    pieces = _SENTENCE.split(body)
    if len(pieces) != 2 or not _CJK_PAGE.match(pieces[1].strip()):
        return None
    return lead, lead + len(pieces[0])
