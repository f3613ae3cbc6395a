"""The passages of a page that a model or LLM judge is shown: BM25 retrieval over sentences.

A judge that reads a whole page is slow, costly and easily distracted by a
page on the same subject that does not state the fact; one shown the few
sentences that share most rare words with the claim reads what a careful
reader would look at first.  Each retrieved sentence comes with its
neighbours (``window``), because the subject of a sentence is often named in
the one before it ("He resigned in 1998").
"""

from __future__ import annotations

import threading
import weakref

import attrs
from rank_bm25 import BM25Plus

from .align import SourceIndex
from .text import Sentence, content_stems, split_sentences

CONTEXT_WEIGHT = 0.25
"""What the context's BM25+ score weighs in a sentence's rank against the claim's own (1).
Set by hand, not tuned (no judged passages to tune it on): a quarter, so the context
reorders sentences that match the claim about equally, as a reader's memory of the
paragraph before does ("He" is the man it named), while a sentence must match the
claim itself to be retrieved at all (one matching only the context scores 0)."""


@attrs.frozen
class Passage:
    """A run of adjacent sentences of the source, with its offsets and retrieval score."""

    text: str
    """Exactly ``source_text[start:end]``."""
    start: int
    end: int
    score: float
    """BM25+ score of its best sentence against the claim (higher is closer)."""


def top_passages(claim: str, source_text: str, k: int = 5, *, window: int = 1,
                 context: str | None = None,
                 index: SourceIndex | None = None) -> list[Passage]:
    """The ``k`` passages of ``source_text`` that best match ``claim``, best first.

    Sentences come from :func:`citeaudit.verify.text.split_sentences` and are
    ranked by BM25+ over content stems (a sentence sharing no
    content stem with the claim is never retrieved); each passage is a ranked sentence with
    ``window`` sentences either side, and passages that overlap are merged.
    ``context`` (the article text before the claim) adds its words to the
    query at a lower weight, so "He" finds the sentences naming him.  A source
    without content words, or a claim sharing none with it, gives ``[]``.
    ``index``, the page's :func:`~citeaudit.verify.align.source_index` when the
    caller has it, spares splitting and stemming the page again (and ranking it
    again for the next claim citing it); the passages are the same.
    """
    if k < 1:
        raise ValueError("top_passages needs k >= 1")
    if index is not None and index.text == source_text and not index.truncated:
        sentences, stems = index.sentences, index.stems
    else:
        index = None
        sentences = split_sentences(source_text)
        stems = [content_stems(s.text) for s in sentences]
    query = content_stems(claim)
    if not query or not any(stems):
        return []
    bm25 = _ranker(stems) if index is None else _page_ranker(index)
    wanted = set(query)
    scores = [float(v) if wanted.intersection(s) else 0.0
              for v, s in zip(bm25.get_scores(query), stems, strict=True)]
    if context:
        # Context words help rank but must not outweigh the claim's own words.
        extra = [st for st in content_stems(context) if st not in wanted]
        if extra:
            scores = [s + CONTEXT_WEIGHT * c if s > 0 else 0.0
                      for s, c in zip(scores, bm25.get_scores(extra), strict=True)]
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    spans: list[tuple[int, int, float]] = []
    for i in order:
        if scores[i] <= 0 or len(spans) >= k:
            break
        lo, hi = max(0, i - window), min(len(sentences) - 1, i + window)
        for j, (a, b, best) in enumerate(spans):
            if lo <= b + 1 and hi >= a - 1:  # overlapping or touching: one passage
                spans[j] = (min(a, lo), max(b, hi), best)
                break
        else:
            spans.append((lo, hi, float(scores[i])))
    return [_passage(source_text, sentences, a, b, best) for a, b, best in spans]


def _ranker(stems: list[list[str]]) -> BM25Plus:
    # BM25+ rather than Okapi: Okapi's idf is zero or negative for a word in half the
    # sentences or more, so on a short page every sentence would score nothing.
    return BM25Plus([s or ["\x00"] for s in stems])


_RANKERS: weakref.WeakKeyDictionary[SourceIndex, BM25Plus] = weakref.WeakKeyDictionary()
"""Each indexed page's ranker, kept as long as the index is (the index cache decides)."""
_RANKERS_LOCK = threading.Lock()


def _page_ranker(index: SourceIndex) -> BM25Plus:
    with _RANKERS_LOCK:
        ranker = _RANKERS.get(index)
    if ranker is None:
        ranker = _ranker(index.stems)
        with _RANKERS_LOCK:
            ranker = _RANKERS.setdefault(index, ranker)
    return ranker


def _passage(source_text: str, sentences: list[Sentence], first: int, last: int,
             score: float) -> Passage:
    start, end = sentences[first].start, sentences[last].end
    return Passage(source_text[start:end], start, end, round(score, 4))
