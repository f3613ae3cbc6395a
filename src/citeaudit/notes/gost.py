"""GOST 7.1 / 7.0.5 and DSTU 8302 descriptions: where the title proper stands.

A GOST description is written in areas, each opened by `` – `` or `` — `` after a full
stop (``Title / Responsibility. – City : Publisher, 2001. – 250 с.``); a part of a
host work hangs on it by `` // ``.  In the first area:

- a heading (``Surname, I. I.``, a few such names, or ``Surname, Given.`` when the
  surname comes again after the slash) names the author before the title;
- `` / `` opens the statement of responsibility, which is not the title;
- `` : `` (a colon with a space on both sides) opens the other title information
  (``: учебник для вузов``), which is not the title proper either.  A colon written
  without the space before it (``Канбан: альтернативный путь``) belongs to the title.

So the title proper is what stands between the heading and the first `` / `` of the
first area, up to a spaced colon.  The rule asks for the area mark *and* the slash:
with either missing the note is read by the other styles.
"""

from __future__ import annotations

import re

# The first area ends at ". – " (GOST's full stop and dash) or at " // " (a host work).
_AREA_END = re.compile(r"\.\s+[–—-]\s|\s//\s")
# "Тузовский, А. Ф. ", "Hendrycks D. ", "Андерсон, Дэвид. ": a heading's surname and then
# initials, or a given name closed by a full stop.
_INITIALS = r"(?:[^\W\d_]{1,2}\.\s?-?){1,3}"
_HEADING = re.compile(
    rf"(?P<surname>[^\W\d_][\w'’-]+),?\s"
    rf"(?:(?P<initials>{_INITIALS}(?:,\s[^\W\d_][\w'’-]+,?\s{_INITIALS})*)|[^\W\d_][\w'’-]+\.\s)"
)
_OTHER_TITLE_INFO = " : "
_RESPONSIBILITY = " / "


def title_span(text: str, lead: int) -> tuple[int, int, str | None] | None:
    """``(start, end, heading)`` of the title proper of a GOST description starting at
    ``lead``, or None when the note is not written in GOST's areas with a statement of
    responsibility.  ``heading`` is the author the heading names, if any."""
    area = _AREA_END.search(text, lead)
    if area is None:
        return None
    slash = text.find(_RESPONSIBILITY, lead, area.start())
    if slash < 0:
        return None
    responsibility = text[slash + len(_RESPONSIBILITY) : area.start()]
    start, heading = lead, None
    match = _HEADING.match(text, lead)
    # A full given name ("Андерсон, Дэвид.") is a heading only when the surname is named
    # again as a responsible person; initials are one in any case.
    if (
        match
        and match.end() < slash
        and (match.group("initials") or match.group("surname") in responsibility)
    ):
        # An initial keeps its full stop ("Ставицкий В. В."); a given name's stop only
        # closes the heading ("Андерсон, Дэвид").
        heading = text[lead : match.end()].strip().rstrip(",")
        start = match.end()
        if not match.group("initials"):
            heading = heading.rstrip(".")
    end = slash
    colon = text.find(_OTHER_TITLE_INFO, start, end)
    if colon > start:
        end = colon
    if not any(ch.isalpha() for ch in text[start:end]):
        return None
    return start, end, heading


def title_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``Методические указания … 09.03.03 «Прикладная информатика» / Университет. – …``:
    the span of the title proper when the quote at ``start:end`` stands inside it after
    words of its own (a programme's or a series' name quoted within the title), else None.
    A quote that opens the title area is the title itself and is left alone."""
    lead = len(text) - len(text.lstrip())
    span = title_span(text, lead)
    if span is None:
        return None
    title_start, title_end, _ = span
    inside = title_start < start and end <= title_end + 1
    if inside and any(ch.isalpha() for ch in text[title_start:start]):
        return title_start, title_end
    return None
