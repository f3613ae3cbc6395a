"""Align a claim's content units with the source's sentences.

The source is split into sentences once (:class:`SourceIndex`, cached), ranked
against the claim with BM25, and each unit is looked up in every sentence.
A claim word the page does not use counts as found where the page uses a word
that stands for it: an inflection a stemmer cannot undo (``bought``/``buy``),
a WordNet synonym or derivation (``purchased``/``bought``,
``economist``/``economics``), an acronym the context defines, or a variant
spelling.  Evidence is then chosen greedily among the BM25 top-k: the sentence
adding most still-uncovered unit weight first, up to a few sentences.

Everything here is linear in the page's size; pages longer than
:data:`~citeaudit.verify.thresholds.MAX_SOURCE_CHARS` are compared on their first
part only (:attr:`SourceIndex.truncated`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import Counter, OrderedDict, defaultdict
from functools import cached_property

import attrs
import numpy as np
from rapidfuzz import fuzz, process

from . import thresholds as th
from .budget import UNLIMITED, Budget
from .dates import DateRef, find_dates, published_from_byline, published_from_meta
from .entities import NAME_TITLES
from .language import detect_language
from .lexicon import candidates, means, pertains_to, phrase_words, too_vague
from .numbers import Quantity, find_quantities
from .quotes import FoldedText, flatten, uncontracted
from .text import (
    Sentence,
    content_stems,
    split_sentences,
    stem,
    stemmed_words,
    tokens,
)
from .units import Unit, UnitKind

# Okapi BM25's customary parameters (Robertson and Zaragoza's defaults, and rank_bm25's),
# not tuned here: BM25 only orders the candidate sentences, and coverage decides the label.
_BM25_K1 = 1.5
"""Term-frequency saturation: a word's third mention in a sentence adds little."""
_BM25_B = 0.75
"""Length normalisation: a long sentence is not favoured for holding more words."""


class SourceIndex:
    """A source text prepared for alignment: sentences, stems, figures, dates, postings."""

    def __init__(self, text: str, published: dt.date | None = None,
                 budget: Budget = UNLIMITED) -> None:
        self.text = text
        self.truncated = len(text) > th.MAX_SOURCE_CHARS
        """Only the first :data:`~citeaudit.verify.thresholds.MAX_SOURCE_CHARS` are compared."""
        cut = len(text)
        if self.truncated:
            cut = text.rfind("\n", 0, th.MAX_SOURCE_CHARS) + 1 or th.MAX_SOURCE_CHARS
        self.body = text[:cut]
        """The part of ``text`` compared (all of it unless :attr:`truncated`)."""
        self.published = published or published_from_meta(text) or published_from_byline(text)
        self.sentences: list[Sentence] = split_sentences(self.body)
        budget.check()
        self.stems: list[list[str]] = []
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(self.sentences):
            stems = content_stems(s.text)
            self.stems.append(stems)
            for st in stems:
                postings[st].append(i)
            if i % 2048 == 2047:
                budget.check()
        self.postings: dict[str, list[int]] = dict(postings)
        """Stem → indices of the sentences containing it, once per occurrence (so a run of
        equal indices is the term frequency)."""
        self.vocab: frozenset[str] = frozenset(self.postings)
        self._starts = [s.start for s in self.sentences]
        self._lengths = np.array([len(s) for s in self.stems], dtype=float)
        self._row_counts: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    @property
    def word_count(self) -> int:
        """Content words in the source."""
        return int(self._lengths.sum())

    def rows(self, stem_: str) -> np.ndarray:
        """Sorted indices of the sentences containing ``stem_`` (read-only)."""
        return self._counts(stem_)[0]

    def _counts(self, stem_: str) -> tuple[np.ndarray, np.ndarray]:
        """The sentences containing ``stem_``, sorted, and how often each does (remembered:
        an audit asks a page about the same stems for every claim citing it)."""
        known = self._row_counts.get(stem_)
        if known is None:
            # Postings are appended sentence by sentence, so they are already sorted:
            # counting them in order gives what np.unique would, without its sort, whose
            # fixed cost dominates on the few hits a stem has.
            tf = Counter(self.postings.get(stem_, ()))
            rows = np.fromiter(tf.keys(), np.int64, len(tf))
            counts = np.fromiter(tf.values(), np.int64, len(tf))
            rows.flags.writeable = counts.flags.writeable = False
            known = self._row_counts[stem_] = (rows, counts)
        return known

    def bm25(self, query: list[str]) -> np.ndarray:
        """Okapi BM25 of every sentence for ``query`` (idf kept positive), from the postings:
        the cost is the number of query-term occurrences, not the number of sentences."""
        n = len(self.sentences)
        scores = np.zeros(n)
        if not n:
            return scores
        norms = self._bm25_norms
        for term in dict.fromkeys(query):
            rows, tf = self._counts(term)
            if not len(rows):
                continue
            idf = math.log(1.0 + (n - len(rows) + 0.5) / (len(rows) + 0.5))
            scores[rows] += idf * tf * (_BM25_K1 + 1) / (tf + norms[rows])
        return scores

    @cached_property
    def _bm25_norms(self) -> np.ndarray:
        """Each sentence's BM25 length normalisation (the same for every query), computed
        element by element as it was per query term, so the scores are the same to the bit."""
        avg = float(self._lengths.mean()) or 1.0
        return _BM25_K1 * (1 - _BM25_B + _BM25_B * self._lengths / avg)

    @cached_property
    def sorted_vocab(self) -> list[str]:
        """The page's stems, sorted: derivation look-ups read a stretch of it by prefix."""
        return sorted(self.vocab)

    @cached_property
    def fuzzy_choices(self) -> list[str]:
        """Stems long enough for variant-spelling matches, sorted so ties break the same way
        in every process."""
        return [v for v in self.sorted_vocab if len(v) >= th.FUZZY_TERM_MIN_LENGTH - 1]

    @cached_property
    def quantities(self) -> list[list[Quantity]]:
        """Figures per sentence."""
        return self._bucket(find_quantities(self.body))

    @cached_property
    def dates(self) -> list[list[DateRef]]:
        """Dates per sentence (relative ones resolved against the publication date)."""
        return self._bucket(find_dates(self.body, published=self.published))

    @cached_property
    def years(self) -> frozenset[int]:
        """Every year the page states (in any date) and its publication year."""
        out = {o.year for ds in self.dates for o in ds if o.year is not None and not o.decade}
        if self.published is not None:
            out.add(self.published.year)
        return frozenset(out)

    @cached_property
    def quantity_rows(self) -> list[tuple[int, list[Quantity]]]:
        """``(sentence index, figures)`` of the sentences stating figures, in order."""
        return [(si, qs) for si, qs in enumerate(self.quantities) if qs]

    @cached_property
    def date_rows(self) -> list[tuple[int, list[DateRef]]]:
        """``(sentence index, dates)`` of the sentences stating dates, in order."""
        return [(si, ds) for si, ds in enumerate(self.dates) if ds]

    @cached_property
    def folded(self) -> FoldedText:
        """Folded copy for quotation look-ups."""
        return FoldedText(self.body)

    @cached_property
    def flat(self) -> str:
        """:func:`~citeaudit.verify.quotes.flatten` of the body: quick quotation look-ups."""
        return flatten(self.body)

    @cached_property
    def words_only(self) -> FoldedText:
        """Folded copy without punctuation, for quotes whose punctuation was edited."""
        return FoldedText(self.body, drop_punctuation=True)

    @cached_property
    def uncontracted(self) -> str:
        """:attr:`words_only` with contractions spelt out, for quotations that differ so."""
        return uncontracted(self.words_only.text)

    @cached_property
    def language(self) -> str | None:
        """Detected language of the source."""
        return detect_language(self.body)

    def _bucket(self, items: list) -> list[list]:
        out: list[list] = [[] for _ in self.sentences]
        for item in items:
            i = bisect.bisect_right(self._starts, item.start) - 1
            if 0 <= i < len(out) and item.start < self.sentences[i].end:
                out[i].append(item)
        return out


_CACHE: OrderedDict[tuple[int, str, dt.date | None], SourceIndex] = OrderedDict()
_CACHE_SIZE = 64


def source_index(text: str, published: dt.date | None = None,
                 budget: Budget = UNLIMITED) -> SourceIndex:
    """A (cached) :class:`SourceIndex`: audits compare many claims with the same page."""
    key = (hash(text), text[:64], published)
    hit = _CACHE.get(key)
    if hit is not None and hit.text == text:
        _CACHE.move_to_end(key)
        return hit
    index = SourceIndex(text, published, budget)
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
    via: tuple[str, ...] = ()
    """Per unit: how a term was matched — ``""`` exactly (or not at all), else its route and
    the page's word: ``"acronym"``, ``"synonym 'buy'"``, ``"phrasal 'resign'"``,
    ``"country 'italy'"``, ``"derivation 'econom-'"``, ``"spelling 'colour'"``."""

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


def _derived(key: str, index: SourceIndex) -> str | None:
    """A page stem that is ``key`` plus or minus a derivational suffix (``economist`` ~
    ``econom``-ics, ``photograph`` ~ ``photographer``), the first in sorted order."""
    if len(key) < th.DERIVATION_MIN_STEM or key[:1].isdigit():
        return None
    prefix = key[:th.DERIVATION_MIN_STEM]
    vocab = index.sorted_vocab
    for at in range(bisect.bisect_left(vocab, prefix), len(vocab)):
        v = vocab[at]
        if not v.startswith(prefix):
            break
        short, long_ = (key, v) if len(key) <= len(v) else (v, key)
        if long_.startswith(short) and long_[len(short):] in th.DERIVATIONAL_SUFFIXES:
            return v
    return None


def _name_variant(key: str, variant: str, index: SourceIndex) -> bool:
    """A page stem close to a name's word spells that name only if it is a name there too,
    with the same initial: *Haberton* for *Harberton*, not *Fernandez* (another man) for
    *Hernández*, nor *breach* for *Beach*."""
    if variant[:1] != key[:1]:
        return False
    for row in index.rows(variant)[:_NAME_VARIANT_ROWS]:
        text = index.sentences[int(row)].text
        if any(t.text[:1].isupper() and stem(t.lower) == variant for t in tokens(text)):
            return True
    return False


_NAME_VARIANT_ROWS = 8
"""Sentences read to see a variant written as a name (its first few suffice: a word that
is a name is capitalised wherever it stands)."""


def term_aliases(units: list[Unit], index: SourceIndex, abbrevs: dict[str, list[str]],
                 particles: dict[str, str] | None = None) -> dict[str, tuple[list[str], str]]:
    """Each claim term's stem → (the page stems that count as it, how they were found).

    Tried in order: the stem itself, an acronym's long form, an irregular base form or
    WordNet synonym/derivation, a derivational suffix, a variant spelling.  Every list
    is built in a fixed order, so the result is the same in every process.
    """
    vocab = index.vocab
    out: dict[str, tuple[list[str], str]] = {}
    for unit in units:
        key = unit.key
        if unit.kind is not UnitKind.TERM or key in out:
            continue
        if key in vocab:
            out[key] = ([key], "")
            continue
        if key in abbrevs and all(s in vocab for s in abbrevs[key]):
            out[key] = (abbrevs[key], "acronym")
            continue
        word = unit.text.lower()
        particle = (particles or {}).get(key)
        related = [("phrasal", w) for w in phrase_words(word, particle)] if particle else []
        # A name's words are not words of the language: "Mass" of "Mass Appeal" is no "lot".
        # But a nationality is said of its country: "an Italian sailor" of "Country: Italy".
        if unit.entity:
            related += [("country", w) for w in pertains_to(word) if stem(w) in vocab]
        else:
            # Only lemmas the page uses are asked whether they mean the word (the costly
            # look-up): a page shares few of a word's relatives.
            related += [("synonym", w) for w, pos, off in candidates(word)
                        if stem(w) in vocab and means(w, pos, off)]
        hit = next((r for r in related if stem(r[1]) in vocab and not too_vague(r[1])), None)
        if hit is not None:
            out[key] = ([stem(hit[1])], f"{hit[0]} '{hit[1]}'")
            continue
        # A name is no word with a suffix: "United States" is not stated by a "statement".
        derived = None if unit.entity else _derived(key, index)
        if derived is not None:
            out[key] = ([derived], f"derivation '{derived}-'")
            continue
        out[key] = ([], "")
        if len(key) >= th.FUZZY_TERM_MIN_LENGTH and not key[:1].isdigit():
            best = process.extractOne(key, index.fuzzy_choices, scorer=fuzz.ratio,
                                      score_cutoff=th.FUZZY_TERM_MIN)
            if best and (not unit.entity or _name_variant(key, best[0], index)):
                out[key] = ([best[0]], f"spelling '{best[0]}'")
    return out


def align(units: list[Unit], index: SourceIndex,
          abbrevs: dict[str, list[str]] | None = None, *,
          particles: dict[str, str] | None = None, extra_query: list[str] | None = None,
          budget: Budget = UNLIMITED) -> Alignment:
    """Look every unit up in every sentence and choose the evidence.

    ``extra_query`` stems (the subject a pronoun stands for) steer the ranking only.
    """
    n_units, n_sents = len(units), len(index.sentences)
    presence = np.zeros((n_units, n_sents), dtype=bool)
    aliases = term_aliases(units, index, abbrevs or {}, particles)
    via = []
    for ui, unit in enumerate(units):
        how = ""
        if unit.kind is UnitKind.TERM:
            wanted, how = aliases.get(unit.key, ([], ""))
            if wanted:
                # An acronym's long form must appear whole in one sentence.
                rows = index.rows(wanted[0])
                for w in wanted[1:]:
                    rows = np.intersect1d(rows, index.rows(w))
                presence[ui, rows] = True
        elif unit.kind is UnitKind.NUMBER and unit.quantity is not None:
            q = unit.quantity
            for si, qs in index.quantity_rows:
                if any(q.matches(o, th.APPROX_TOLERANCE) for o in qs):
                    presence[ui, si] = True
        elif unit.kind is UnitKind.DATE and unit.date is not None:
            d = unit.date
            # "June 18" under a dated headline states the year of the page; a page that
            # never names the claim's year does not state "June 18, 2012".
            year_ok = d.year is None or d.year in index.years
            for si, ds in index.date_rows:
                if any(d.supported_by(o) and (o.year is not None or year_ok)
                              for o in ds):
                    presence[ui, si] = True
        via.append(how)
        budget.check()
    _keep_names_whole(units, presence, index, via, aliases)
    weights = np.array([unit_weight(u) for u in units], dtype=float)
    query = [w for u in units if u.kind is UnitKind.TERM for w in aliases[u.key][0]] + \
        [k for u in units if u.kind is not UnitKind.TERM for k in content_stems(u.text)] + \
        list(extra_query or ())
    bm25 = index.bm25(query) if query else np.zeros(n_sents)
    evidence = _choose_evidence(presence, weights, bm25)
    return Alignment(tuple(units), weights, presence, bm25, evidence, tuple(via))


def _keep_names_whole(units: list[Unit], presence: np.ndarray, index: SourceIndex,
                      via: list[str], aliases: dict[str, tuple[list[str], str]]) -> None:
    """A word of a name of several words states that name where the page writes it beside
    another of its words, or alone — not inside another name: *Kentucky* of *Kentucky
    Buckets* is not stated by *Kentucky Fried Chicken*, nor *Stewart* of *Tony Stewart* by
    *Kevin Stewart*.  A title before a name (*Dr*, *Senator*) is no other name."""
    # Sentences read so far: the words of one name often share them.
    read: dict[int, list[tuple[str, int, int, str]]] = {}
    for ui, unit in enumerate(units):
        if unit.name is None or via[ui] or not presence[ui].any():
            continue
        siblings = [u.key for u in units if u.name == unit.name]
        if len(set(siblings)) < 2:
            continue
        # The page may write a sibling as it is matched: *Saudi Arabian* for *Saudi Arabia*.
        own = frozenset(siblings + [w for k in siblings for w in aliases.get(k, ([], ""))[0]])
        for si in np.flatnonzero(presence[ui]).tolist():
            words = read.get(si)
            if words is None:
                words = read[si] = stemmed_words(index.sentences[si].text)
            if not _stated_as_name(index.sentences[si].text, words, unit.key, own):
                presence[ui, si] = False


def _stated_as_name(sentence: str, words: list[tuple[str, int, int, str]], key: str,
                    own: frozenset[str]) -> bool:
    """``sentence`` (read into ``words`` by :func:`~citeaudit.verify.text.stemmed_words`)
    writes the name word ``key`` once at least beside another of the name's words
    (``own``), or with no other name's capitalised word next to it."""
    for i, (_, start, end, found) in enumerate(words):
        if found != key:
            continue
        neighbours = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)
                      and sentence[min(words[j][2], end):max(words[j][1], start)].strip() == ""]
        if any(n[3] in own for n in neighbours):
            return True
        if not any(n[0][:1].isupper() and n[3] and n[0].lower() not in NAME_TITLES
                   for n in neighbours):
            return True
    # Only a title-case headline is left, where a capital says nothing of names.
    content = [w for w, _, _, found in words if found and not w[:1].isdigit()]
    return sum(w[:1].isupper() for w in content) > _TITLE_CASE * len(content)


_TITLE_CASE = 0.9
"""Above this share of capitalised content words a line is a title-case headline, where a
capital says nothing about names (set by hand: a headline capitalises all its words, a
sentence naming several people most but not all — *Rob Riggle is the new face of Kentucky
Fried Chicken*, 5 of 7)."""


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
