"""Who published the cited work: the site or container after the title, or the imprint."""

from __future__ import annotations

import re

from citeaudit.notes.urls import URL

_YEAR = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)")
# "London: Penguin Press, 2019" / "М.: Наука, 2001" / "İstanbul: Küre Yayınları, 2003"
IMPRINT = re.compile(
    r"(?:^|[\s(.,;])(?P<place>[^\W\d_][\w .'-]{0,30}?)\.?\s?:\s*"
    r"(?P<pub>[^\W\d_][^(),:;\d]{1,60}?),\s*(?:1[5-9]\d\d|20\d\d)\b"
)
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
    rest = text[end:]
    match = re.match(
        r"[\s,.:;]*(?:in:\s*|en:\s*|içinde:\s*|su\s+)?\*?(?P<p>(?:[^,.;:()\[\]<>\n*]|\.(?=[a-z]{2,}\b)){2,60}?)\*?\s*(?:[,;(\[<]|\.(?![a-z]{2,}\b)|$)",
        rest,
        re.IGNORECASE,
    )
    if not match:
        return None
    candidate = match.group("p").strip()
    if re.match(r"\.?\s?:", rest[match.end("p") :]) or re.search(
        r"\s(?:1[5-9]\d\d|20\d\d)$", candidate
    ):
        return None  # "М.: Наука" and "Köln 2001" name a place; the imprint has the publisher
    candidate = re.sub(r"\s+\d+$", "", candidate)  # "Journal of Things 4": drop the volume
    if (
        not candidate
        or URL.match(candidate)
        or URL.match(rest.lstrip(" ,.:;*"))
        or _YEAR.search(candidate)
        or len(candidate.split()) > 8
        or not re.match(r"[^\W\d_]", candidate)
        or candidate.lower() in _NOT_PUBLISHER
        or re.match(r"(?i)(?:pp?|s|vol|no|nr|bd|cilt|sayı|с|т)\.?\s", candidate)
    ):
        return None
    return candidate


def imprint_publisher(text: str) -> str | None:
    """The publisher of a ``Place: Publisher, Year`` imprint."""
    match = IMPRINT.search(text)
    return match.group("pub").strip() if match else None
