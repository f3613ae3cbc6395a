"""A structured citation written out as a note's text, for formats that store fields.

Wikitext ``{{cite …}}`` templates, CSL-JSON and BibTeX entries hold a
citation's parts by name.  Written out in the order Wikipedia's CS1 style
prints them, their text reads like the notes ``parse_note`` already knows,
and the HTML links the title to the URL, so the fields come back whole.
"""

from __future__ import annotations

import html as html_lib

import attrs


@attrs.frozen
class Citation:
    """A citation's named parts, every one optional."""

    authors: tuple[str, ...] = ()
    """Names as ``Last, First`` or as written."""
    date: str = ""
    title: str = ""
    container: str = ""
    """Website, newspaper, journal or book series."""
    publisher: str = ""
    location: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    url: str = ""
    archive_url: str = ""
    archive_date: str = ""
    dead: bool = False
    """The citation says its URL is dead (``url-status=dead``)."""
    accessed: str = ""
    identifiers: tuple[tuple[str, str], ...] = ()
    """(prefix, value): ``("doi:", "10.1000/x")``, ``("ISBN ", "978…")``."""
    quote: str = ""
    book: bool = False
    """A title that is a whole work (set in italics), not a part of one (quoted)."""


def render(citation: Citation) -> tuple[str, str]:
    """The citation as (text, HTML) in CS1's order."""
    text: list[str] = []
    html: list[str] = []

    def add(piece: str, markup: str | None = None) -> None:
        text.append(piece)
        html.append(markup if markup is not None else _escape(piece))

    c = citation
    if c.authors:
        names = "; ".join(c.authors)
        add(f"{names} ({c.date})." if c.date else f"{names}.")
    if c.title:
        linked = (f'<a href="{_attribute(c.url)}">{_escape(c.title)}</a>' if c.url
                  else _escape(c.title))
        if c.book:
            add(f"{c.title}.", f"<i>{linked}</i>.")
        else:
            add(f'"{c.title}".', f'"{linked}".')
    if c.container:
        add(f"{c.container}.", f"<i>{_escape(c.container)}</i>.")
    if c.volume:
        add(f"Vol. {c.volume}.")
    if c.issue:
        add(f"No. {c.issue}.")
    if c.publisher:
        add(f"{c.location}: {c.publisher}." if c.location else f"{c.publisher}.")
    if c.date and not c.authors:
        add(f"{c.date}.")
    if c.pages:
        add(f"pp. {c.pages}." if any(ch in c.pages for ch in "-–,") else f"p. {c.pages}.")
    for prefix, value in c.identifiers:
        add(f"{prefix}{value}.")
    if c.url:
        add(f"{c.url}.", f'<a href="{_attribute(c.url)}">{_escape(c.url)}</a>.')
    if c.archive_url:
        phrase = "Archived from the original" + (f" on {c.archive_date}" if c.archive_date else "")
        add(f"{phrase}: {c.archive_url}.",
            f'{_escape(phrase)}: <a href="{_attribute(c.archive_url)}">'
            f"{_escape(c.archive_url)}</a>.")
    if c.dead:
        add("(original link dead).")
    if c.accessed:
        add(f"Retrieved {c.accessed}.")
    if c.quote:
        add(f'"{c.quote}"')
    return " ".join(text), " ".join(html)


# Most pieces hold nothing to escape: looking costs less than html.escape's five replaces.
def _escape(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        return html_lib.escape(text, quote=False)
    return text


def _attribute(text: str) -> str:
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html_lib.escape(text)
    return text
