"""Align a claim's content units with the source's sentences.

The source is split into sentences once (:class:`SourceIndex`, cached), ranked
against the claim with BM25, and each unit is looked up in every sentence.
Evidence is then chosen greedily among the BM25 top-k: the sentence adding most
still-uncovered unit weight first, up to a few sentences.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import OrderedDict
from functools import cached_property

import attrs
import numpy as np
from rank_bm25 import BM25Okapi
from rapidfuzz import fuzz, process

from . import thresholds as th
from .dates import DateRef, find_dates, published_from_meta
from .language import detect_language
from .numbers import Quantity, find_quantities
from .quotes import FoldedText
from .text import Sentence, content_stems, split_sentences
from .units import Unit, UnitKind


class SourceIndex:
    """A source text prepared for alignment: sentences, stems, figures, dates, BM25."""

    def __init__(self, text: str, published: dt.date | None = None) -> None:
        self.text = text
        self.published = published or published_from_meta(text)
        self.sentences: list[Sentence] = split_sentences(text)
        self.stems: list[list[str]] = [content_stems(s.text) for s in self.sentences]
        self.stem_sets: list[frozenset[str]] = [frozenset(s) for s in self.stems]
        self.vocab: frozenset[str] = frozenset().union(*self.stem_sets) if self.stem_sets \
            else frozenset()
        self._starts = [s.start for s in self.sentences]
        self.postings: dict[str, list[int]] = {}
        """Stem → indices of the sentences containing it."""
        for i, stems in enumerate(self.stem_sets):
            for st in stems:
                self.postings.setdefault(st, []).append(i)

    @property
    def word_count(self) -> int:
        """Content words in the source."""
        return sum(len(s) for s in self.stems)

    @cached_property
    def bm25(self) -> BM25Okapi | None:
        """BM25 over the sentences (None for a source without words)."""
        docs = [s or ["\x00"] for s in self.stems]
        return BM25Okapi(docs) if docs and self.vocab else None

    @cached_property
    def quantities(self) -> list[list[Quantity]]:
        """Figures per sentence."""
        return self._bucket(find_quantities(self.text))

    @cached_property
    def dates(self) -> list[list[DateRef]]:
        """Dates per sentence (relative ones resolved against the publication date)."""
        return self._bucket(find_dates(self.text, published=self.published))

    @cached_property
    def folded(self) -> FoldedText:
        """Folded copy for quotation look-ups."""
        return FoldedText(self.text)

    @cached_property
    def words_only(self) -> FoldedText:
        """Folded copy without punctuation, for quotes whose punctuation was edited."""
        return FoldedText(self.text, drop_punctuation=True)

    @cached_property
    def language(self) -> str | None:
        """Detected language of the source."""
        return detect_language(self.text)

    def _bucket(self, items: list) -> list[list]:
        out: list[list] = [[] for _ in self.sentences]
        for item in items:
            i = bisect.bisect_right(self._starts, item.start) - 1
            if 0 <= i < len(out) and item.start < self.sentences[i].end:
                out[i].append(item)
        return out

    def sentence_index_at(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (or the one before it)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)


_CACHE: OrderedDict[tuple[int, str, dt.date | None], SourceIndex] = OrderedDict()
_CACHE_SIZE = 64


def source_index(text: str, published: dt.date | None = None) -> SourceIndex:
    """A (cached) :class:`SourceIndex`: audits compare many claims with the same page."""
    key = (hash(text), text[:64], published)
    hit = _CACHE.get(key)
    if hit is not None and hit.text == text:
        _CACHE.move_to_end(key)
        return hit
    index = SourceIndex(text, published)
    _CACHE[key] = index
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return index


def unit_weight(unit: Unit) -> float:
    """How much a unit counts towards coverage: figures and names most, short words least."""
    if unit.kind is UnitKind.NUMBER:
        return th.NUMBER_WEIGHT
    if unit.kind is UnitKind.DATE:
        return th.DATE_WEIGHT
    if unit.entity:
        return th.ENTITY_WEIGHT
    return max(th.TERM_WEIGHT_MIN, (len(unit.text) - 2) / th.TERM_LENGTH_SCALE)


@attrs.frozen
class Alignment:
    """Which units each sentence states, and the evidence chosen from it."""

    units: tuple[Unit, ...]
    weights: np.ndarray
    presence: np.ndarray
    """Boolean, units × sentences."""
    bm25: np.ndarray
    evidence: tuple[int, ...]
    """Sentence indices chosen as evidence, in order of choice."""

    @property
    def found_anywhere(self) -> np.ndarray:
        """Per unit: stated somewhere in the source."""
        return self.presence.any(axis=1)

    @property
    def found_in_evidence(self) -> np.ndarray:
        """Per unit: stated in the chosen evidence."""
        if not self.evidence:
            return np.zeros(len(self.units), dtype=bool)
        return self.presence[:, list(self.evidence)].any(axis=1)

    def coverage(self, mask: np.ndarray) -> float:
        """Weighted share of units in ``mask``."""
        total = float(self.weights.sum())
        return float(self.weights[mask].sum()) / total if total else 0.0

    def sentence_coverage(self, i: int, *, excluding: int | None = None) -> float:
        """Weighted share of units sentence ``i`` states (optionally not counting one unit)."""
        weights = self.weights.copy()
        if excluding is not None:
            weights[excluding] = 0.0
        total = float(weights.sum())
        return float(weights[self.presence[:, i]].sum()) / total if total else 0.0


def _term_aliases(keys: list[str], vocab: frozenset[str],
                  abbrevs: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each claim stem → the source stems that count as it (itself, a variant spelling)."""
    choices = None
    out: dict[str, list[str]] = {}
    for key in keys:
        if key in vocab:
            out[key] = [key]
            continue
        if key in abbrevs and all(s in vocab for s in abbrevs[key]):
            out[key] = abbrevs[key]
            continue
        out[key] = []
        if len(key) >= th.FUZZY_TERM_MIN_LENGTH and not key[:1].isdigit():
            if choices is None:
                choices = [v for v in vocab if len(v) >= th.FUZZY_TERM_MIN_LENGTH - 1]
            best = process.extractOne(key, choices, scorer=fuzz.ratio,
                                      score_cutoff=th.FUZZY_TERM_MIN)
            if best:
                out[key] = [best[0]]
    return out


def align(units: list[Unit], index: SourceIndex,
          abbrevs: dict[str, list[str]] | None = None) -> Alignment:
    """Look every unit up in every sentence and choose the evidence."""
    n_units, n_sents = len(units), len(index.sentences)
    presence = np.zeros((n_units, n_sents), dtype=bool)
    aliases = _term_aliases([u.key for u in units if u.kind is UnitKind.TERM], index.vocab,
                            abbrevs or {})
    for ui, unit in enumerate(units):
        if unit.kind is UnitKind.TERM:
            wanted = aliases.get(unit.key, [])
            if not wanted:
                continue
            # An acronym's long form must appear whole in one sentence.
            rows = set(index.postings.get(wanted[0], ()))
            for w in wanted[1:]:
                rows &= set(index.postings.get(w, ()))
            presence[ui, sorted(rows)] = True
        elif unit.kind is UnitKind.NUMBER and unit.quantity is not None:
            q = unit.quantity
            for si, qs in enumerate(index.quantities):
                if any(q.matches(o, th.APPROX_TOLERANCE) for o in qs):
                    presence[ui, si] = True
        elif unit.kind is UnitKind.DATE and unit.date is not None:
            d = unit.date
            for si, ds in enumerate(index.dates):
                if any(d.supported_by(o) for o in ds):
                    presence[ui, si] = True
    weights = np.array([unit_weight(u) for u in units], dtype=float)
    query = [u.key for u in units if u.kind is UnitKind.TERM] + \
        [k for u in units if u.kind is not UnitKind.TERM for k in content_stems(u.text)]
    bm25 = (np.asarray(index.bm25.get_scores(query), dtype=float)
            if index.bm25 is not None and query else np.zeros(n_sents))
    evidence = _choose_evidence(presence, weights, bm25)
    return Alignment(tuple(units), weights, presence, bm25, evidence)


def _choose_evidence(presence: np.ndarray, weights: np.ndarray,
                     bm25: np.ndarray) -> tuple[int, ...]:
    n_sents = presence.shape[1]
    if n_sents == 0 or presence.shape[0] == 0:
        return ()
    k = min(th.CANDIDATES, n_sents)
    candidates = np.argsort(-bm25, kind="stable")[:k]
    uncovered = np.ones(presence.shape[0], dtype=bool)
    chosen: list[int] = []
    # Tie-break by BM25 rank so, of equal coverage, the most on-topic sentence wins.
    tie = np.linspace(1e-6, 0, num=k)
    for _ in range(th.MAX_EVIDENCE_SENTENCES):
        gains = (weights[:, None] * (presence[:, candidates] & uncovered[:, None])).sum(axis=0)
        best = int(np.argmax(gains + tie))
        if gains[best] <= 0:
            break
        chosen.append(int(candidates[best]))
        uncovered &= ~presence[:, candidates[best]]
    return tuple(chosen)
