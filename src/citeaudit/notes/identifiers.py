"""Identifiers a note carries: DOI, ISBN, arXiv and PubMed numbers.

An identifier written as such (``doi:10.1000/xyz``, ``ISBN 978-…``, ``arXiv:2101.00001``,
``PMID 123``) is a field of the note, not a URL.  A DOI is also a link: the note gets
``https://doi.org/<doi>`` among its URLs (unless a URL of the note already resolves
that DOI) so the link checker tries it like any other source.  Identifiers inside a
URL the note gives (``https://arxiv.org/abs/…``, ``https://doi.org/…``) fill the field
too, and the URL stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote

import attrs

from citeaudit.notes.text import lowered

# Patterns used inside functions, compiled once.
_ISBN_SEPARATORS = re.compile(r"[\s-]")

DOI_RESOLVER = "https://doi.org/"

_DOI = re.compile(
    r"(?:\bdoi\s*[:：]?\s*|(?:https?://)?(?:dx\.)?doi\.org/)(?P<id>10\.\d{4,9}/[^\s\"<>]+)",
    re.IGNORECASE,
)
_ISBN = re.compile(r"\bISBN(?:-1[03])?\s*[:：]?\s*(?P<id>(?:97[89][\s-]?)?\d[\d\s-]{7,14}[\dXx])\b")
_ARXIV = re.compile(
    r"(?:\barxiv\s*[:：]?\s*|arxiv\.org/(?:abs|pdf)/)"
    r"(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z.-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)",
    re.IGNORECASE,
)
_PMID = re.compile(
    r"(?:\bPMID\s*[:：]?\s*|pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(?P<id>\d{1,9})\b",
    re.IGNORECASE,
)
_TRAIL = ".,;:)]}>'\"”’"
# Every identifier pattern needs one of these in the lower-cased text (a case-blind scan
# is several times slower); the words are looked for as substrings, faster than a regex.
_HINT_WORDS = ("isbn", "arxiv", "pmid", "pubmed")
_DOI_HINT = re.compile(r"10\.\d{4,9}/")


@attrs.frozen
class Identifiers:
    """The identifiers found in one note, and the spans written as identifiers (not URLs)."""

    doi: str | None = None
    isbn: str | None = None
    arxiv: str | None = None
    pmid: str | None = None
    spans: tuple[tuple[int, int], ...] = ()
    """Where ``doi:…``/``ISBN …``/``arXiv:…``/``PMID …`` stand, so no other field reads them."""


_NONE = Identifiers()


def _trim_doi(doi: str) -> str:
    while doi and (doi[-1] in _TRAIL and not (doi[-1] == ")" and doi.count("(") >= doi.count(")"))):
        doi = doi[:-1]
    return doi


def _isbn(raw: str) -> str | None:
    digits = _ISBN_SEPARATORS.sub("", raw).upper()
    return digits if len(digits) in (10, 13) and digits[:-1].isdigit() else None


def find_identifiers(text: str, url_spans: Iterable[tuple[int, int]] = ()) -> Identifiers:
    """The DOI, ISBN, arXiv and PubMed identifiers in ``text``.

    ``url_spans`` are the spans of the note's URLs: an identifier inside one fills the
    field but is not masked, because it is part of a URL that stays.
    """
    lower = lowered(text)
    if not any(word in lower for word in _HINT_WORDS) and not (
        "10." in lower and _DOI_HINT.search(lower)
    ):
        return _NONE
    inside = list(url_spans)

    def in_url(pos: int) -> bool:
        return any(s <= pos < e for s, e in inside)

    spans: list[tuple[int, int]] = []
    found: dict[str, str] = {}
    for name, pattern in (("doi", _DOI), ("isbn", _ISBN), ("arxiv", _ARXIV), ("pmid", _PMID)):
        for match in pattern.finditer(text):
            value = match.group("id")
            if name == "doi":
                # "[https://doi.org/10.1/x](https://doi.org/10.1/x)": the link's target is
                # not part of the DOI written as its text.
                value = _trim_doi(value.split("](", 1)[0])
            elif name == "isbn":
                value = _isbn(value) or ""
            if not value:
                continue
            found.setdefault(name, value)
            if not in_url(match.start()):
                spans.append(
                    (match.start(), match.start("id") + len(match.group("id").rstrip(_TRAIL)))
                )
    return Identifiers(spans=tuple(spans), **found)


def doi_link(doi: str | None, urls: Iterable[str]) -> str | None:
    """``https://doi.org/<doi>`` when no URL of the note already resolves this DOI."""
    if not doi:
        return None
    wanted = doi.lower()
    if any(wanted in unquote(u).lower() for u in urls):  # Wikipedia links "10.1000%2Fx1"
        return None
    return DOI_RESOLVER + doi
