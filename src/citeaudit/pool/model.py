"""What a source pool holds and what matching an article against it found: pure data.

Kept apart from loading and matching so the report model can carry a pool's
results without importing extraction, retrieval or verification.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs


class SourceKind(enum.StrEnum):
    """What a ``--sources`` argument named."""

    URL = "url"
    FILE = "file"
    FOLDER = "folder"
    WARC = "warc"
    ARTICLE = "article"
    """Another article: the pages its notes cite join the pool, not the article itself."""


@attrs.frozen
class PoolPage:
    """One page of the pool, read and extracted once."""

    url: str
    """The page's address: its URL, or ``file://`` path for a saved page."""
    origin: str
    """The ``--sources`` argument it came from, as given."""
    kind: SourceKind
    text: str
    title: str | None = None
    published: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        """The ``pool.pages`` entry of the JSON report."""
        return {
            "url": self.url,
            "title": self.title,
            "origin": self.origin,
            "kind": self.kind.value,
            "published": self.published.isoformat() if self.published else None,
            "chars": len(self.text),
        }


@attrs.frozen
class Unread:
    """A source, or a page within one, that could not be read (never "no support")."""

    origin: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The ``pool.unread`` entry of the JSON report."""
        return {"origin": self.origin, "reason": self.reason}


class Stance(enum.StrEnum):
    """What a pool page says of a sentence; only clear verdicts are kept."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"


@attrs.frozen
class PoolMatch:
    """A pool page that clearly supports or contradicts one sentence, with the passage."""

    claim: str
    """The sentence's claim id (``c3``, ``u2``)."""
    page: int
    """Index of the page in :attr:`PoolReport.pages`."""
    url: str
    stance: Stance
    passage: str
    """The page's words the verdict rests on."""
    reason: str
    """One line: why the page supports or contradicts the sentence."""
    score: float = 0.0
    """The verifier's score (calibrated support probability; low for a contradiction)."""

    def to_dict(self) -> dict[str, Any]:
        """A ``pool_matches`` entry of the JSON report."""
        return {
            "page": self.page,
            "url": self.url,
            "stance": self.stance.value,
            "passage": self.passage,
            "reason": self.reason,
            "score": round(self.score, 4),
        }


@attrs.frozen
class PoolReport:
    """The pool an article was matched against and every clear match found."""

    pages: tuple[PoolPage, ...] = ()
    unread: tuple[Unread, ...] = ()
    matches: tuple[PoolMatch, ...] = ()
    sentences: int = 0
    """How many sentences of the article were matched against the pool."""

    def for_claim(self, claim_id: str) -> tuple[PoolMatch, ...]:
        """The matches of one sentence, supporting pages first."""
        found = [m for m in self.matches if m.claim == claim_id]
        return tuple(sorted(found, key=lambda m: (m.stance is not Stance.SUPPORTS, -m.score)))

    def page(self, match: PoolMatch) -> PoolPage:
        """The page a match names."""
        return self.pages[match.page]

    def describe(self) -> str:
        """One line for people: how many pages, sentences and clear matches."""
        supports = sum(1 for m in self.matches if m.stance is Stance.SUPPORTS)
        unread = f", {len(self.unread)} could not be read" if self.unread else ""
        return (f"Source pool: {len(self.pages)} pages{unread}; {self.sentences} sentences "
                f"matched: {supports} supported and {len(self.matches) - supports} "
                f"contradicted by a pool page")

    def warnings(self) -> list[str]:
        """One line per source or page not read: it was not compared, so it says nothing."""
        return [f"source not read, so not compared: {u.origin}: {u.reason}" for u in self.unread]

    def to_dict(self) -> dict[str, Any]:
        """The ``pool`` section of the JSON report."""
        return {
            "pages": [p.to_dict() for p in self.pages],
            "unread": [u.to_dict() for u in self.unread],
            "sentences": self.sentences,
            "matches": len(self.matches),
        }
