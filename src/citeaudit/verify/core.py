"""``verify_claim``: does the cited page say what the claim says?"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import numpy as np

from ..errors import InputError
from . import thresholds as th
from .align import Alignment, SourceIndex, align, source_index
from .entities import find_attributions, find_entities, host_name, names_match
from .language import detect_language, same_language
from .quotes import check_quote, find_quotes, quote_parts
from .semantic import SemanticScorer
from .text import STOPWORDS, fold
from .units import UnitKind, abbreviations, claim_units
from .verdict import Check, CheckKind, Evidence, Label, Verdict


def calibrated(coverage: float) -> float:
    """Coverage → probability that a human would call the claim supported (fitted on WiCE dev)."""
    return 1.0 / (1.0 + math.exp(-(th.SCORE_SLOPE * coverage + th.SCORE_BIAS)))


def support_score(claim: str, source_text: str) -> float:
    """How much of ``claim`` the source states, in [0, 1] — cheap, for N×M comparisons.

    The weighted share of the claim's content units found in its best few
    sentences, without the checks.  A page is prepared once and cached (64 pages),
    so comparing N claims with M sources costs M preparations (a few ms each for
    a typical 8,000-character page) plus N×M alignments (well under a millisecond
    each for a typical claim).
    """
    units = claim_units(fold(claim))
    if not units:
        return 0.0
    alignment = align(units, source_index(source_text))
    return alignment.coverage(alignment.found_in_evidence)


def verify_claim(
    claim: str,
    source_text: str,
    *,
    context: str | None = None,
    language: str | None = None,
    source_title: str | None = None,
    source_publisher: str | None = None,
    source_url: str | None = None,
    source_published: dt.date | None = None,
    semantic: SemanticScorer | None = None,
) -> Verdict:
    """Judge whether ``source_text`` supports ``claim``; see ``docs/verification.md``.

    ``context`` is the article text just before the claim (used to expand
    acronyms it defines); ``language`` the claim's language if known (else
    detected); ``source_title``/``source_publisher``/``source_url`` identify the
    page for attribution checks; ``source_published`` resolves the page's
    relative dates ("yesterday"); ``semantic`` an optional model scorer
    (:func:`citeaudit.verify.semantic.load_scorer`) blended with the lexical coverage.
    """
    if not isinstance(claim, str) or not isinstance(source_text, str):
        raise InputError("verify_claim needs the claim and the source as text")
    claim_text = fold(claim).strip()
    if not claim_text:
        raise InputError("verify_claim was given an empty claim")
    index = source_index(source_text, source_published)
    if index.word_count < th.MIN_SOURCE_WORDS:
        return Verdict(Label.UNVERIFIABLE, 0.0, (), (
            Check(CheckKind.SOURCE, False,
                  f"the source has {index.word_count} content words: too little to compare"),),
            "the source is empty or too short to check the claim against")

    entities = find_entities(claim_text)
    attributions = find_attributions(claim_text)
    # Who the claim credits is checked against the page's identity, not looked up as content.
    units = claim_units(claim_text, [(e.start, e.end) for e in entities],
                        skip=[(a.lead, a.end) for a in attributions])
    if not units:
        return Verdict(Label.UNVERIFIABLE, 0.0, (), (
            Check(CheckKind.COVERAGE, False, "the claim has no content words to look for"),),
            "the claim states nothing checkable")
    alignment = align(units, index, abbreviations(context))
    coverage = alignment.coverage(alignment.found_in_evidence)
    # Names and figures cross languages: only a claim the page barely echoes is set aside.
    claim_lang = language or (detect_language(claim_text) if coverage < th.PARTIAL_MIN else None)
    if coverage < th.PARTIAL_MIN and not same_language(claim_lang, index.language):
        return Verdict(Label.UNVERIFIABLE, 0.0, (), (
            Check(CheckKind.LANGUAGE, False,
                  f"the claim is in '{claim_lang}' and the source in '{index.language}'"),),
            "claim and source are in different languages: they cannot be compared word for "
            "word (a translation or the semantic backend is needed)", round(coverage, 4))

    checks: list[Check] = []
    contradictions: list[str] = []
    checks.append(_coverage_check(alignment, coverage))
    if semantic is not None:
        coverage, semantic_check = _blend_semantic(semantic, claim_text, alignment, index,
                                                   coverage)
        checks.append(semantic_check)
    for check, contradiction in _figure_checks(alignment, index):
        checks.append(check)
        if contradiction:
            contradictions.append(check.detail)
    for check, misquote in _quote_checks(claim_text, index):
        checks.append(check)
        if misquote:
            contradictions.append(check.detail)
    entity_check = _entity_check(entities, alignment)
    if entity_check:
        checks.append(entity_check)
    attribution_checks = list(_attribution_checks(claim_text, index, source_title,
                                                  source_publisher, source_url))
    checks.extend(attribution_checks)

    evidence = _evidence(alignment, index)
    score = calibrated(coverage)
    if contradictions:
        label = Label.CONTRADICTED
        score = min(score, 0.05)
        reason = "the source states it differently: " + contradictions[0]
    elif coverage >= th.SUPPORTED_MIN:
        label, reason = Label.SUPPORTED, f"the source states {coverage:.0%} of the claim's content"
    elif coverage >= th.PARTIAL_MIN:
        label = Label.PARTIALLY_SUPPORTED
        reason = f"the source states only {coverage:.0%} of the claim's content"
    else:
        label = Label.NOT_FOUND
        reason = f"the source states little of the claim ({coverage:.0%} of its content)"
    failed_attribution = [c for c in attribution_checks if not c.ok]
    if failed_attribution and label is Label.SUPPORTED:
        label = Label.PARTIALLY_SUPPORTED
        score = min(score, 0.5)
        reason = "the facts are found, but " + failed_attribution[0].detail
    return Verdict(label, round(score, 4), evidence, tuple(checks), reason, round(coverage, 4))


def _blend_semantic(scorer: SemanticScorer, claim: str, alignment: Alignment,
                    index: SourceIndex, coverage: float) -> tuple[float, Check]:
    """Score the evidence (all chosen sentences together, and the BM25 top few) with the model."""
    top = [int(i) for i in np.argsort(-alignment.bm25, kind="stable")[:th.SEMANTIC_PASSAGES]]
    chosen = sorted(alignment.evidence)
    passages = [" ".join(index.sentences[i].text for i in chosen)] if chosen else []
    passages += [index.sentences[i].text for i in top if i not in chosen]
    scores = scorer.score(claim, passages) if passages else []
    best = max(scores, default=0.0)
    blended = (1 - th.SEMANTIC_WEIGHT) * coverage + th.SEMANTIC_WEIGHT * best
    return blended, Check(CheckKind.SEMANTIC, best >= th.SUPPORTED_MIN,
                          f"{scorer.name} scores the best passage {best:.2f}")


def _unit_list(alignment: Alignment, mask: np.ndarray) -> str:
    return ", ".join(repr(u.text) for u, m in zip(alignment.units, mask, strict=True) if m)


def _coverage_check(alignment: Alignment, coverage: float) -> Check:
    found = alignment.found_in_evidence
    missing = ~found
    detail = f"{int(found.sum())} of {len(alignment.units)} content units found in the evidence"
    if missing.any():
        detail += f"; missing: {_unit_list(alignment, missing)}"
    return Check(CheckKind.COVERAGE, coverage >= th.SUPPORTED_MIN, detail)


def _aligned_sentences(alignment: Alignment, unit_index: int) -> list[int]:
    """Sentences that state enough of the claim's *other* units to be about the same fact."""
    weights = alignment.weights.copy()
    weights[unit_index] = 0.0
    total = float(weights.sum())
    if not total:
        return []
    shares = (weights @ alignment.presence) / total
    return [int(i) for i in np.flatnonzero(shares >= th.CONTRADICTION_MIN_ALIGNMENT)]


def _figure_checks(alignment: Alignment, index: SourceIndex) -> Iterable[tuple[Check, bool]]:
    found = alignment.found_anywhere
    for ui, unit in enumerate(alignment.units):
        if unit.kind is UnitKind.NUMBER and unit.quantity is not None:
            kind, q = CheckKind.NUMBER, unit.quantity
            if found[ui]:
                yield Check(kind, True, f"{q.text} is stated in the source"), False
                continue
            conflict = None
            if q.noun or q.percent:
                for si in _aligned_sentences(alignment, ui):
                    for other in index.quantities[si]:
                        same_thing = (q.noun is not None and other.noun == q.noun) or (
                            q.percent and other.percent)
                        if same_thing and not q.matches(other, th.APPROX_TOLERANCE):
                            conflict = other
                            break
                    if conflict:
                        break
            if conflict:
                noun = _word_after(index.text, conflict.end)
                yield Check(kind, False, f"the claim says {q.text}{noun} but the source says "
                                         f"{conflict.text}{noun}"), True
            else:
                yield Check(kind, False, f"{q.text} is not stated in the source"), False
        elif unit.kind is UnitKind.DATE and unit.date is not None:
            kind, d = CheckKind.DATE, unit.date
            if found[ui]:
                yield Check(kind, True, f"{d.text} ({d.describe()}) is stated in the source"), False
                continue
            clash = None
            # A bare year clashes with too much (founding, birth, sequel years) to prove
            # anything; relative dates ("on Friday") are too loose to contradict.
            candidates = _aligned_sentences(alignment, ui) if d.month else []
            for si in candidates:
                clash = next((o for o in index.dates[si]
                              if not o.relative and d.conflicts_with(o)), None)
                if clash:
                    break
            if clash:
                yield Check(kind, False, f"the claim says {d.text} but the source says "
                                         f"{clash.text} ({clash.describe()})"), True
            else:
                yield Check(kind, False, f"{d.text} is not stated in the source"), False


def _word_after(text: str, end: int) -> str:
    rest = text[end:end + 40].split()
    return f" {rest[0].strip('.,;:')}" if rest and rest[0][:1].isalpha() else ""


def _quote_checks(claim: str, index: SourceIndex) -> Iterable[tuple[Check, bool]]:
    for quote in find_quotes(claim):
        for part in quote_parts(quote):
            yield _quote_check(part, index)


def _is_title(quote: str) -> bool:
    """``"Brown v. Board of Education"``: a quoted name or title, not quoted speech."""
    words = [w for w in quote.split() if w[:1].isalpha()]
    content = [w for w in words if w.lower() not in STOPWORDS]
    return bool(content) and sum(w[:1].isupper() for w in content) / len(content) >= 0.6


def _quote_check(quote: str, index: SourceIndex) -> tuple[Check, bool]:
    result = check_quote(quote, index.folded, index.text, index.words_only)
    if result.found and result.punctuation_differs:
        return Check(CheckKind.QUOTE, True, f'"{quote}" is in the source word for word, with '
                                            f'different punctuation: "{result.nearest}"'), False
    if result.found:
        return Check(CheckKind.QUOTE, True, f'"{quote}" is quoted verbatim'), False
    # A misquote: the page has nearly these words. A title that is not found, or a quote
    # with nothing close, is merely missing (coverage already counts its words).
    misquote = (result.similarity >= th.MISQUOTE_MIN_SIMILARITY
                and len(quote.split()) >= th.MISQUOTE_MIN_WORDS and not _is_title(quote))
    if result.nearest and result.similarity >= 50:
        detail = (f'"{quote}" is not in the source; nearest wording '
                  f'({result.similarity:.0f}% similar): "{result.nearest}"')
    else:
        detail = f'"{quote}" is not in the source, nor anything close to it'
    return Check(CheckKind.QUOTE, False, detail), misquote


def _entity_check(entities: list, alignment: Alignment) -> Check | None:
    if not entities:
        return None
    found_keys = {u.text.lower() for u, f in zip(alignment.units, alignment.found_anywhere,
                                                 strict=True) if f}
    term_texts = {u.text.lower() for u in alignment.units if u.kind is UnitKind.TERM}
    missing = []
    for entity in entities:
        words = [w for w in entity.words if w in term_texts]
        if words and not all(w in found_keys for w in words):
            missing.append(entity.text)
    if missing:
        return Check(CheckKind.ENTITY, False,
                     "names not found in the source: " + ", ".join(missing))
    return Check(CheckKind.ENTITY, True,
                 "names found in the source: " + ", ".join(e.text for e in entities))


def _attribution_checks(claim: str, index: SourceIndex, title: str | None,
                        publisher: str | None, url: str | None) -> Iterable[Check]:
    identity = [x for x in (publisher, title, host_name(url) if url else None) if x]
    # Extracted pages often open with a title line: it names the site too.
    head = index.text[:300].split("\n", 2)[:2]
    for att in find_attributions(claim):
        page = publisher or (host_name(url) if url else None) or title or "the page"
        if any(names_match(att.who, name) for name in identity + head):
            yield Check(CheckKind.ATTRIBUTION, True, f"the claim credits {att.who}, "
                                                     f"which published the page")
        elif index.folded.text.find(fold(att.who).lower()) >= 0:
            yield Check(CheckKind.ATTRIBUTION, True,
                        f"the claim credits {att.who}; the page ({page}) names {att.who} as "
                        f"its source")
        else:
            yield Check(CheckKind.ATTRIBUTION, False,
                        f"the claim credits {att.who}, but the cited page is {page} and does "
                        f"not mention {att.who}")


def _evidence(alignment: Alignment, index: SourceIndex) -> tuple[Evidence, ...]:
    """Chosen sentences, adjacent ones merged into one passage, best passage first."""
    chosen = sorted(alignment.evidence)
    groups: list[list[int]] = []
    for i in chosen:
        if groups and i == groups[-1][-1] + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    passages = []
    for group in groups:
        start, end = index.sentences[group[0]].start, index.sentences[group[-1]].end
        mask = alignment.presence[:, group].any(axis=1)
        passages.append(Evidence(index.text[start:end], start, end,
                                 round(alignment.coverage(mask), 4)))
    return tuple(sorted(passages, key=lambda e: -e.score))
