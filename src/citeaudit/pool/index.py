"""Retrieval over a whole pool: which pages a sentence is worth verifying against.

Verifying every sentence against every page would cost sentences × pages
verifier calls; a reader with a stack of sources looks first at the few that
share the sentence's rare words.  So each page's sentences are indexed once
(BM25+ over content stems, the weighting :mod:`citeaudit.verify.passages` uses
within a page, here with one inverted index over every page's sentences) and a
sentence is verified only against the ``k`` pages holding its best-matching
sentences.  A page sharing no content word with the sentence is never offered.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import attrs

from citeaudit.verify.text import content_stems, split_sentences

from .model import PoolPage

K1 = 1.5
B = 0.75
DELTA = 1.0
"""BM25+ constants as ``rank_bm25.BM25Plus`` sets them (the verifier's passage ranking)."""

MIN_SHARED = 2
"""A page sentence must share this many distinct content stems with the claim to count:
one shared word ("Russia") is a topic, not a statement of the claim."""


@attrs.frozen
class Hit:
    """A page offered for one sentence, and its best sentence's score."""

    page: int
    score: float
    sentence: int
    """Index of the best-matching sentence in the page (:func:`split_sentences` order)."""


class PoolIndex:
    """BM25+ over every sentence of every pool page, built once."""

    def __init__(self, pages: tuple[PoolPage, ...]) -> None:
        self._postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._owner: list[tuple[int, int]] = []
        """Sentence id → (page index, sentence index within the page)."""
        self._lengths: list[int] = []
        for p, page in enumerate(pages):
            for sentence in split_sentences(page.text):
                stems = content_stems(sentence.text)
                if not stems:
                    continue
                sid = len(self._owner)
                self._owner.append((p, sentence.index))
                self._lengths.append(len(stems))
                for stem, tf in Counter(stems).items():
                    self._postings[stem].append((sid, tf))
        count = len(self._lengths)
        self._average = sum(self._lengths) / count if count else 0.0
        self._idf = {stem: math.log((count + 1) / len(posts))
                     for stem, posts in self._postings.items()}

    def __len__(self) -> int:
        """How many sentences are indexed."""
        return len(self._lengths)

    def search(self, claim: str, k: int = 3) -> list[Hit]:
        """The ``k`` pages whose best sentence matches ``claim`` best, best first."""
        query = set(content_stems(claim))
        scores: dict[int, float] = defaultdict(float)
        shared: Counter[int] = Counter()
        for stem in query:
            idf = self._idf.get(stem)
            if idf is None:
                continue
            for sid, tf in self._postings[stem]:
                norm = K1 * (1 - B + B * self._lengths[sid] / self._average)
                scores[sid] += idf * (DELTA + tf * (K1 + 1) / (norm + tf))
                shared[sid] += 1
        best: dict[int, Hit] = {}
        for sid, score in scores.items():
            if shared[sid] < min(MIN_SHARED, len(query)):
                continue
            page, sentence = self._owner[sid]
            if page not in best or score > best[page].score:
                best[page] = Hit(page, score, sentence)
        return sorted(best.values(), key=lambda h: (-h.score, h.page))[:k]
