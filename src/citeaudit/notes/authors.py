"""Who wrote the cited work: names split out of the segment before the title."""

from __future__ import annotations

import functools
import re

from citeaudit.notes.text import CJK
from citeaudit.notes.urls import URL

# Patterns used inside functions, compiled once.
_FINAL_INITIAL = re.compile(r"(?:^|[\s.,])[^\W\d_]\.$")
_DIGIT = re.compile(r"\d")
_LETTER_FIRST = re.compile(r"^[^\W\d_]")
_PARTICLE_FIRST = re.compile(r"^(?:van|von|de|da|di|du|le|al)\b")

APA_AUTHORS = re.compile(
    r"(?P<a>(?:[^()\d\"“„«「]|\d{1,3}(?!\d)){2,400}?)\s*\("
    r"(?:(?:[^()\d]{0,14}\s)?(?:[0-3]?\d\.?,?\s(?:[^\W\d_]{3,12}\.?\s)?)?\d{4}[a-z年]?(?:[,/–-][^)]*|\s+)?"
    r"|n\.\s?d\.|o\.\s?J\.|s\.\s?[dfa]\.|z\.\s?d\.(?:-\w)?|b\.\s?[td]\.|t\.\s?y\.|u\.\s?[då]\.)\)[.:,]?\s*"
)
"""``Smith, J. (2020). Title``, ``Smith (2020, May 3)``, ``Jansen (12 maart 2020)``,
``Smith (n.d.)``: names, a date (the day written before its month, too).

The no-date marks by language: n.d., o.J., s.d. and s.f. (sin fecha), s.a. (sine anno), z.d.,
b.t., b.d., t.y., u.d. and u.å. (Norwegian, Danish, Swedish)."""

_SOURCE_WORD = re.compile(
    r"^(?:quelle|quellen|source|sources|kaynak|источник|fonte|fuente|bron|źródło|cf|vgl|see|siehe|voir|bkz|zit\.\s?n)\.?\s*:?\s*",
    re.IGNORECASE,
)
# ("Greene, M. J.; and Lobczowski, N. G." (AAAI, Chicago): "; and" before the last name is
# one separator, not a semicolon and then a name starting with "and".)
_NAME_SPLIT = re.compile(
    r"\s*(?:;\s*(?:and|&|und|et|ve|y)\s|;|\s&\s|,?\s(?:and|und|ve|et|y|e|i|и|u\.|ja|en)\s|/|，|、)\s*"
)
_INITIALS = re.compile(
    r"^(?:[^\W\d_]\.\s?-?){1,3}$|^[^\W\d_][\w'’-]*(?:\s(?:[^\W\d_]\.\s?){0,3}|\s[^\W\d_][\w'’-]*)?$"
)
_ETAL = re.compile(
    r"[,，、]?\s*(?:et\s+al\.?|u\.\s?a\.|и\s+др\.?|vd\.|ve\s+diğerleri|他|ほか|외|等)\s*$",
    re.IGNORECASE,
)


def tidy_name(text: str) -> str:
    """Strip separators around a name, keeping the dot of a final initial (``Smith, J.``)."""
    text = text.strip(" ,:;—–-*_：，；")
    while text.endswith(".") and not _FINAL_INITIAL.search(text):
        text = text[:-1].rstrip(" ,:;")
    return text.lstrip(".").strip()


# A name list is read up to this many characters: a paper by forty people ("LearnLM Team,
# Abhinit Modi, …, and Yannis Assael.") runs to about 600; past this a segment is prose.
NAMES_REACH = 1000


@functools.lru_cache(maxsize=4096)  # the same names recur from note to note
def split_authors(segment: str) -> tuple[str, ...]:
    """``Smith, J. and Doe, K.`` → ``("Smith, J.", "Doe, K.")``; () when it is not names."""
    segment = tidy_name(_SOURCE_WORD.sub("", tidy_name(segment)))
    segment = tidy_name(_ETAL.sub("", segment))
    if not segment or len(segment) > NAMES_REACH or URL.search(segment) or _DIGIT.search(segment):
        return ()
    pieces = [tidy_name(p) for p in _NAME_SPLIT.split(segment) if tidy_name(p)]
    names: list[str] = []
    for piece in pieces:
        parts = [p.strip() for p in piece.split(",") if p.strip()]
        i = 0
        while i < len(parts):
            part = parts[i]
            nxt = parts[i + 1] if i + 1 < len(parts) else None
            if (
                " " not in part
                and not CJK.search(part)  # "李四,王五": two names, not "Surname, Given"
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
    names = [n for n in names if _LETTER_FIRST.match(n) and len(n.split()) <= 5]
    if not names or any(n[0].islower() and not _PARTICLE_FIRST.match(n) for n in names):
        return ()
    return tuple(names)
