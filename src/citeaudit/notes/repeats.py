"""Notes that repeat another: ``Ibid.``, ``op. cit.``, and short forms of a full citation.

A short form (``King 2003, p. 41``, ``Weinard, "Data as Medium."``, ``Smith, p. 5``)
names an author (and a year or a short title) of a fuller note earlier in the list;
:func:`resolve_repeats` ties it to that note the way it ties ``Ibid.`` to the one
before, so the sentence citing the short form is checked against the full note's
sources.  A short form with no earlier match stays what it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from citeaudit.notes.model import Note, NoteKind
from citeaudit.notes.text import YEAR, strip_bullet, strip_label

# Patterns used inside functions, compiled once.
_DIGIT = re.compile(r"\d")

REPEAT_START = re.compile(
    r"^(?:ibid(?:em)?\b\.?|ibíd(?:em)?\.?|id\.|idem\b|ebd\.|ebenda\b|ibd\.|a\.\s?a\.\s?O\.|aynı\s+eser|a\.\s?g\.\s?[em]\.|"
    r"там\s+же|op\.\s?cit\.|loc\.\s?cit\.|ivi\b|ib\.|同上|同前|上掲|前掲|상게서|위의\s*책)",
    re.IGNORECASE,
)
OP_CIT = re.compile(
    r"\b(?:op\.\s?cit\.?|loc\.\s?cit\.?|a\.\s?g\.\s?[em]\.|a\.\s?a\.\s?O\.|aynı\s+eser)",
    re.IGNORECASE,
)
# "King 2003, p. 41" / "King (2003), 41" / "King and Lee 2003: 12"
_SHORT_AUTHOR_DATE = re.compile(
    r"^(?P<a>[^\W\d_][\w'’.-]+(?:\s(?:and|&|und|et|ve|y)\s[^\W\d_][\w'’.-]+|\set\sal\.)?)"
    r",?\s\(?(?P<y>" + YEAR + r")[a-z]?\)?"
    r"(?:[,:]\s?(?:pp?\.|S\.|s\.|с\.)?\s?[\dxivlc][\d\s,–-]*\.?)?\.?$",
    re.IGNORECASE,
)
# 'Weinard, "Data as Medium."' / "Weinard, Data as Medium, 12." / "Smith, p. 5."
_SHORT_AUTHOR_TITLE = re.compile(
    r"^(?P<a>[^\W\d_][\w'’-]+(?:\s[^\W\d_][\w'’-]+)?),\s"
    r"(?:(?:[\"“„«]|\*)(?P<t>[^\"”“»*]{2,80})[\"”“»*]|(?P<p>(?:pp?\.|S\.|s\.|с\.)\s?\d[\d–-]*))"
    r"(?:,\s?(?:pp?\.|S\.|s\.)?\s?\d[\d\s,–-]*)?\.?$"
)


def short_form(body: str) -> tuple[str, str | None] | None:
    """``(surname, year or short title)`` when ``body`` is a short citation, else None."""
    if len(body) > 120:
        return None
    match = _SHORT_AUTHOR_DATE.match(body.strip())
    if match:
        return match.group("a"), match.group("y")
    match = _SHORT_AUTHOR_TITLE.match(body.strip())
    if match:
        return match.group("a"), match.group("t")
    return None


def repeat_authors(body: str) -> tuple[str, ...]:
    """``Smith, op. cit., p. 5`` → ``("Smith",)``: who the repeat points back to."""
    match = OP_CIT.search(body)
    if not match or match.start() == 0:
        return ()
    name = body[: match.start()].strip(" ,.;:")
    return (name,) if name and len(name) <= 80 and not _DIGIT.search(name) else ()


def _surname(name: str) -> str:
    head = name.split(",")[0].split()
    if len(head) > 1 and head[-1].casefold() in {"al.", "al"}:
        head = head[:-2]
    return (head[-1] if head else name).casefold()


def _cites(earlier: Note, surname: str, key: str | None) -> bool:
    """Does the full note ``earlier`` name this author (and the year or title fragment)?"""
    if earlier.kind is NoteKind.REPEAT or earlier.short_form:
        return False
    names = " ".join(earlier.authors).casefold() or earlier.raw[:120].casefold()
    if not re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", names):
        return False
    if key is None:
        return True
    text = earlier.raw.casefold()
    return key.casefold() in text or (earlier.title or "").casefold().startswith(
        key.casefold()[:12]
    )


def resolve_repeats(notes: Sequence[Note]) -> tuple[Note, ...]:
    """Set ``ibid_of`` on every REPEAT note, following chains to the first real note.

    ``Ibid.``/``Id.`` repeat the previous note; ``Smith, op. cit.`` repeats the latest
    earlier note that names Smith (else the previous note); a short form
    (``King 2003, p. 41``) repeats the latest earlier note by King (of 2003), and
    becomes a REPEAT only when there is one.
    """
    resolved: list[Note] = []
    last_by_surname: dict[str, list[int]] = {}
    # Notes a later repeat may name, indexed by their words only when one asks: most
    # articles have few repeats that name an author, and reading every note's words
    # for them was most of this pass.
    nameable: list[int] = []
    indexed = 0

    def by_surname(surname: str) -> list[int]:
        nonlocal indexed
        for i in nameable[indexed:]:
            for word in _name_words(resolved[i]):
                last_by_surname.setdefault(word, []).append(i)
        indexed = len(nameable)
        return last_by_surname.get(surname, [])

    for index, note in enumerate(notes):
        if note.short_form and note.kind is not NoteKind.REPEAT:
            form = short_form(_body(note))
            target_index = None
            if form:
                surname = _surname(form[0])
                target_index = next(
                    (
                        i
                        for i in reversed(by_surname(surname))
                        if _cites(resolved[i], surname, form[1])
                    ),
                    None,
                )
            if target_index is not None:
                resolved.append(
                    attrs.evolve(note, kind=NoteKind.REPEAT, ibid_of=resolved[target_index].label)
                )
            else:
                resolved.append(note)
            continue
        if note.kind is not NoteKind.REPEAT or index == 0:
            resolved.append(note)
            if note.kind is not NoteKind.REPEAT:
                nameable.append(index)
            continue
        target = resolved[index - 1]
        if note.authors:
            surname = _surname(note.authors[0])
            hit = next(
                (
                    i
                    for i in reversed(by_surname(surname))
                    if resolved[i].kind is not NoteKind.REPEAT
                ),
                None,
            )
            if hit is not None:
                target = resolved[hit]
        ibid_of = (
            target.ibid_of if target.kind is NoteKind.REPEAT and target.ibid_of else target.label
        )
        resolved.append(attrs.evolve(note, ibid_of=ibid_of))
    return tuple(resolved)


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _name_words(note: Note) -> set[str]:
    """The words a later short form or ``op. cit.`` could name this note by."""
    source = " ".join(note.authors) if note.authors else note.raw[:160]
    return {w.casefold() for w in _WORD.findall(source)}


def _body(note: Note) -> str:
    text = strip_bullet(note.raw)
    found, body = strip_label(text)
    return strip_bullet(body if found is not None else text)
