"""Who published the cited work: the site or container after the title, or the imprint."""

from __future__ import annotations

import re

from citeaudit.notes.text import FIND_YEAR, YEAR
from citeaudit.notes.urls import URL

# "London: Penguin Press, 2019" / "М.: Наука, 2001" / "İstanbul: Küre Yayınları, 2003"
IMPRINT = re.compile(
    r"(?:^|[\s(.,;])(?P<place>[^\W\d_][\w .'-]{0,30}?)\.?\s?:\s*"
    r"(?P<pub>[^\W\d_][^(),:;\d]{1,60}?),\s*" + YEAR + r"\b"
)
_LEAD = re.compile(r"[\s,.:;]*(?:in:\s*|en:\s*|içinde:\s*|su\s+)?\*?", re.IGNORECASE)
# The publisher ends at a comma, semicolon, bracket or a full stop that is not ".com".
_STOP = re.compile(r"[,;:()\[\]<>\n]|\.(?![a-z]{2,}\b)")
_PLACE_COLON = re.compile(r"\.?\s?:")
_ENDS_WITH_YEAR = re.compile(r"\s" + YEAR + "$")
_VOLUME = re.compile(r"\s+\d+$")
_LETTER_FIRST = re.compile(r"[^\W\d_]")
_LOCATOR_WORD = re.compile(r"(?i)(?:pp?|s|vol|no|nr|bd|cilt|sayı|с|т)\.?\s")
_NOT_PUBLISHER = {
    "online",
    "en ligne",
    "url",
    "available",
    "verfügbar",
    "disponível em",
    "retrieved",
    "disponible en",
    "web",
    "pdf",
    "internet",
    "online-ressource",
}


def publisher_after(text: str, end: int) -> str | None:
    """The short segment right after the title: ``"Title", Kyivpost, https://…``."""
    lead = _LEAD.match(text, end)
    start = lead.end() if lead else end
    stop = _STOP.search(text, start, start + 62)
    if stop is None:
        if len(text) - start > 61:
            return None
        stop_at = len(text)
    else:
        stop_at = stop.start()
    candidate = text[start:stop_at].strip().strip("*").strip()
    if len(candidate) < 2:
        return None
    rest = text[start:]
    if _PLACE_COLON.match(text, stop_at) or _ENDS_WITH_YEAR.search(candidate):
        return None  # "М.: Наука" and "Köln 2001" name a place; the imprint has the publisher
    if candidate[-1].isdigit():  # (the volume pattern tried at every position otherwise)
        candidate = _VOLUME.sub("", candidate)  # "Journal of Things 4": drop the volume
    if (
        not candidate
        or URL.match(candidate)
        or URL.match(rest.lstrip(" ,.:;*"))
        or FIND_YEAR.search(candidate)
        or len(candidate.split()) > 8
        or not _LETTER_FIRST.match(candidate)
        or candidate.lower() in _NOT_PUBLISHER
        or _LOCATOR_WORD.match(candidate)
    ):
        return None
    return candidate


def imprint_publisher(text: str) -> str | None:
    """The publisher of a ``Place: Publisher, Year`` imprint."""
    match = IMPRINT.search(text)
    return match.group("pub").strip() if match else None
