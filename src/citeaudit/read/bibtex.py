"""BibTeX reference lists (``.bib``), as Zotero, JabRef and Google Scholar export them.

Each entry is a note labelled by its citation key, and a bibliography has
no prose, so no claims.  Plain files are split by :mod:`~citeaudit.read.bibsplit`,
others by bibtexparser; LaTeX in the values
(``{\\"u}``, ``\\&``, braces) is turned into text by pylatexenc, except in URLs.
The access date comes from ``urldate``, or from ``note``/``howpublished``
text such as ``Accessed: 2024-05-03``; a ``\\url{…}`` there is the URL when
the entry has no ``url`` field.
"""

from __future__ import annotations

import functools
import re

from citeaudit.errors import InputError
from citeaudit.read.bibsplit import PlainEntry, split_plain
from citeaudit.read.citation import Citation, render
from citeaudit.read.complaints import kept
from citeaudit.read.interface import Document, RawNote, Reader

_WHOLE_WORKS = frozenset(
    {"book", "phdthesis", "mastersthesis", "techreport", "manual", "proceedings"}
)
_URL_COMMAND = re.compile(r"\\(?:url|href)\s*\{([^{}]+)\}")
_ACCESSED = re.compile(
    r"(?:accessed|retrieved|last\s+accessed|visited|zugegriffen|erişim\s+tarihi)\s*(?:on\s*)?:?\s*"
    r"([^;,.]+(?:,\s*\d{4})?)",
    re.I,
)


class BibtexReader(Reader):
    """Reads BibTeX bibliographies."""

    format = "bibtex"
    extensions = (".bib", ".bibtex")

    def read(self, text: str) -> Document:
        """The reference list in ``text`` (BibTeX)."""
        entries = split_plain(text)
        complaints: list[str] = []
        if entries is None:
            with kept("bibtexparser") as complaints:
                entries = _parsed(text)
        if not entries:
            raise InputError("no BibTeX entries found (entries start with @article{, @book{…)")
        notes = []
        for entry in entries:
            fields = {name.lower(): value for name, value in entry.fields}
            raw, html = render(_citation(entry.entry_type, fields))
            if raw:
                notes.append(RawNote(label=entry.key, raw=raw, html=html))
        warnings = (f"the BibTeX is damaged ({complaints[0]}): the entries around it may be "
                    "missing",) if complaints else ()
        return Document(body="", notes=tuple(notes), warnings=warnings)


def _parsed(text: str) -> list[PlainEntry]:
    """The entries as bibtexparser reads them: whatever :func:`split_plain` declines."""
    import bibtexparser  # imported here: only bibliographies need it

    try:
        library = bibtexparser.parse_string(text)
    except Exception as exc:  # bibtexparser raises several kinds on broken input
        raise InputError(f"cannot parse the BibTeX: {exc}") from None
    return [
        PlainEntry(
            entry_type=entry.entry_type.lower(),
            key=entry.key,
            fields=tuple((field.key, str(field.value)) for field in entry.fields),
        )
        for entry in library.entries
    ]


@functools.cache
def _latex():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim")


_LATEX_MARK = re.compile(r"[\\{}~$]")


def _text(value: str) -> str:
    if "\\" in value:  # every \url{…} has one; the substitution is not free
        value = _URL_COMMAND.sub(r"\1", value)
    if _LATEX_MARK.search(value):  # plain values need no LaTeX reader
        try:
            value = _latex().latex_to_text(value)
        except Exception:  # odd LaTeX: keep the characters, lose only the braces
            value = value.replace("{", "").replace("}", "")
    return " ".join(value.split())


_AND = re.compile(r"\s+and\s+")


def _authors(value: str) -> tuple[str, ...]:
    if not value:
        return ()
    names = _AND.split(value.strip())
    return tuple(_text(name) for name in names if name.strip() and name.strip() != "others")


_TEXT_FIELDS = frozenset({
    "urldate", "date", "month", "year", "title", "journal", "journaltitle", "booktitle", "series",
    "publisher", "institution", "organization", "school", "address", "location", "volume",
    "number", "pages",
})
"""Fields read as text (LaTeX turned into characters); the others are read as written."""


def _citation(kind: str, fields: dict[str, str]) -> Citation:
    # Only the fields an entry has are written out, each once: an entry holds a few of
    # the eighteen, and asking for each in turn was most of reading a bibliography.
    texts = {
        key: _text(value)
        for key, value in fields.items()
        if key in _TEXT_FIELDS and value and not value.isspace()
    }
    get = texts.get
    note, published = fields.get("note", ""), fields.get("howpublished", "")
    extra = f"{note} {published} {fields.get('addendum', '')}"
    url = fields.get("url", "").strip().strip("{}")
    if not url and (found := _URL_COMMAND.search(extra)):
        url = found.group(1).strip()
    accessed = get("urldate", "")
    # A blank ``extra`` (no note, howpublished or addendum) names no access date.
    if not accessed and not extra.isspace() and (
        found := _ACCESSED.search(_text(_URL_COMMAND.sub(" ", extra)))
    ):
        accessed = found.group(1).strip()
    date = get("date") or " ".join(x for x in (get("month"), get("year")) if x)
    identifiers = tuple(
        (prefix, fields[key].strip().strip("{}"))
        for key, prefix in (("doi", "doi:"), ("isbn", "ISBN "), ("eprint", "arXiv:"))
        if fields.get(key, "").strip()
    ) if "doi" in fields or "isbn" in fields or "eprint" in fields else ()
    return Citation(
        authors=_authors(fields.get("author", "") or fields.get("editor", "")),
        date=date,
        title=get("title", ""),
        container=_first(texts, ("journal", "journaltitle", "booktitle", "series")),
        publisher=_first(texts, ("publisher", "institution", "organization", "school")),
        location=_first(texts, ("address", "location")),
        volume=get("volume", ""),
        issue=get("number", ""),
        pages=get("pages", ""),
        url=url,
        accessed=accessed,
        identifiers=identifiers,
        book=kind in _WHOLE_WORKS,
    )


def _first(texts: dict[str, str], keys: tuple[str, ...]) -> str:
    """The text of the first of ``keys`` the entry has (blank values are not had)."""
    for key in keys:
        if key in texts:
            return texts[key]
    return ""
