"""CSL-JSON reference lists, as Zotero, Mendeley and pandoc export them: each item a note.

A bibliography has no prose and so no claims: each entry is a note whose
links, access dates and archived copies the audit checks.  The item's ``id``
is its label; its fields are written out as a citation (``URL``,
``accessed``, ``issued``, ``DOI``, ``archive_url``…).
"""

from __future__ import annotations

import json

from citeaudit.errors import InputError
from citeaudit.read.citation import Citation, render
from citeaudit.read.interface import Document, RawNote, Reader

_WHOLE_WORKS = frozenset({"book", "report", "thesis", "manuscript", "motion_picture", "software"})


class CslJsonReader(Reader):
    """Reads CSL-JSON bibliographies (a list of items, or ``{"items": […]}``)."""

    format = "csljson"
    extensions = (".json", ".csljson")

    def read(self, text: str) -> Document:
        """The reference list in ``text`` (CSL-JSON)."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"not CSL-JSON: {exc}") from None
        except RecursionError:  # arrays or objects nested thousands deep: no reference list
            raise InputError("not CSL-JSON: nested too deeply to be a reference list") from None
        if isinstance(data, dict):
            data = data.get("items", [data])
        if not isinstance(data, list) or not all(isinstance(i, dict) for i in data):
            raise InputError("not CSL-JSON: expected a list of reference items")
        notes: list[RawNote] = []
        seen: set[str] = set()
        for index, item in enumerate(data, 1):
            label = str(item.get("id") or item.get("citation-key") or index)
            if label in seen:
                label = f"{label}-{index}"
            seen.add(label)
            raw, html = render(_citation(item))
            if raw:
                notes.append(RawNote(label=label, raw=raw, html=html))
        return Document(body="", notes=tuple(notes))


def _citation(item: dict) -> Citation:
    # Each scalar field written out once: an item has a handful of the fourteen keys
    # asked for, and asking field by field was most of reading a bibliography.
    values = {
        key: " ".join(str(value).split())
        for key, value in item.items()
        if isinstance(value, str | int | float)
    }
    get = values.get
    identifiers = tuple(
        (prefix, value)
        for key, prefix in (("DOI", "doi:"), ("ISBN", "ISBN "), ("PMID", "PMID "))
        if (value := get(key))
    )
    archive_url = get("archive_url", "")
    return Citation(
        authors=tuple(_name(a) for a in _listed(item.get("author")) if isinstance(a, dict)),
        date=_date(item.get("issued")),
        title=get("title", ""),
        container=get("container-title") or get("collection-title", ""),
        publisher=get("publisher", ""),
        location=get("publisher-place", ""),
        volume=get("volume", ""),
        issue=get("issue", ""),
        pages=get("page", ""),
        url=get("URL", ""),
        archive_url=archive_url if archive_url.startswith("http") else "",
        accessed=_date(item.get("accessed")),
        identifiers=identifiers,
        book=get("type") in _WHOLE_WORKS,
    )


def _listed(value: object) -> list:
    """``value`` when it is a list, else nothing: an export's wrong type is a field left out."""
    return value if isinstance(value, list) else []


def _name(author: dict) -> str:
    if author.get("literal"):
        return str(author["literal"])
    family = str(author.get("family", "")).strip()
    given = str(author.get("given", "")).strip()
    return f"{family}, {given}" if family and given else family or given


def _date(value: object) -> str:
    """A CSL date (``{"date-parts": [[2024, 5, 3]]}`` or ``{"raw": …}``) as ISO text."""
    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError, OverflowError):  # "x", null, 1e999
            numbers = []
        if numbers:
            return "-".join(f"{n:04d}" if i == 0 else f"{n:02d}" for i, n in enumerate(numbers))
    for key in ("raw", "literal"):
        if isinstance(value.get(key), str):
            return value[key].strip()
    return ""
