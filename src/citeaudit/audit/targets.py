"""What each note stands for, and what a run must ask about it: links, look-ups, claims."""

from __future__ import annotations

import datetime as dt

from citeaudit.archive.cited import CitedCopy, cited_copies, copy_of, recognise, robust_links
from citeaudit.article import Article
from citeaudit.audit.model import _Key
from citeaudit.claims import Claim
from citeaudit.notes import Note, NoteKind
from citeaudit.workers import ClaimInput


def effective_notes(article: Article) -> dict[str, Note]:
    """Each note's label → the note whose URLs it stands for (``Ibid.`` → what it repeats)."""
    by_label = {n.label: n for n in article.notes}
    out: dict[str, Note] = {}
    for note in article.notes:
        target = note
        if note.kind is NoteKind.REPEAT and note.ibid_of in by_label and not note.urls:
            target = by_label[note.ibid_of]
        out[note.label] = target
    return out


def access_date(note: Note, target: Note) -> dt.date | None:
    """The access date for a note's source: its own, else that of the note it repeats."""
    return note.access_date or target.access_date



def lookup_keys(
    article: Article, targets: dict[str, Note], original: str
) -> tuple[dict[_Key, None], dict[_Key, CitedCopy]]:
    """The ``(url, access date)`` pairs to look up; notes' own archived copies are not.

    A URL that is an archive's copy is checked as a link, never looked up;
    an original whose note cites its copy is given that copy (checked as
    a link) instead of a look-up: those come back apart, keyed alike.
    """
    robust = robust_links(original)
    pairs: dict[_Key, None] = {}
    cited: dict[_Key, CitedCopy] = {}
    for note in article.notes:
        target = targets[note.label]
        near = access_date(note, target)
        copies = cited_copies(target.urls, target.raw)
        originals = [url for url in target.urls if recognise(url) is None]
        for url in originals:
            copy = copy_of(url, copies, only_original=len(originals) == 1) or robust.get(url)
            if copy is not None:
                cited[(url, near)] = copy
            else:
                pairs[(url, near)] = None
    return pairs, cited


def claim_inputs(article: Article, targets: dict[str, Note]) -> dict[str, tuple[ClaimInput, ...]]:
    """URL → the claims to verify against its page (each once, ``Ibid.`` followed)."""
    inputs: dict[str, dict[str, ClaimInput]] = {}
    for claim in article.claims:
        for label in claim.note_labels:
            target = targets.get(label)
            for url in target.urls if target is not None else ():
                inputs.setdefault(url, {}).setdefault(claim.id, ClaimInput(
                    claim.id, claim.text, claim.context, target.publisher if target else None))
    return {url: tuple(by_id.values()) for url, by_id in inputs.items()}


def claims_waiting(article: Article, targets: dict[str, Note]) -> dict[Claim, set[str]]:
    """Each claim → the URLs it cites, whose link checks it waits for."""
    waiting: dict[Claim, set[str]] = {}
    for claim in article.claims:
        waiting[claim] = {
            url for label in claim.note_labels if label in targets
            for url in targets[label].urls
        }
    return waiting
