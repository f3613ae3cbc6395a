"""``verify_claim``: does the cited page say what the claim says?

The claim is cut into content units (words, names, figures, dates) grouped into
its atomic statements; each unit is looked up in the page (or in every page the
claim cites); and the verdict follows from which statements are stated, which
are missing and which the page states differently:

* a **veto** — the page states the same fact differently (the same counted noun
  with another figure, the same event on another date, the same quotation in
  other words) — gives ``contradicted``;
* a **cap** — a figure, date, name, quotation or credited outlet that is not
  found — keeps the verdict at most ``partially_supported``;
* otherwise the share of the claim found in the evidence, and the share of its
  least-stated statement, place it between ``not_found`` and ``supported``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence

import attrs
import numpy as np

from ..errors import InputError
from . import thresholds as th
from .align import Alignment, SourceIndex, align, source_index
from .budget import Budget, BudgetExceeded
from .entities import find_attributions, find_entities, host_name, names_match
from .framing import frame_spans
from .language import detect_language, same_language
from .named_years import named_years, other_year
from .quotes import check_quote, find_quotes, quote_parts
from .semantic import SemanticScorer
from .statements import statement_coverage, statement_of
from .text import STOPWORDS, content_stems, fold, stem, strip_accents, tokens
from .units import Unit, UnitKind, abbreviations, claim_units, phrasal_particles
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


@attrs.frozen
class SourceDoc:
    """One page a claim cites: its text and what identifies it."""

    text: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None


@attrs.frozen
class Thresholds:
    """The constants the label is decided with (see ``thresholds.py`` for how chosen)."""

    supported: float = th.SUPPORTED_MIN
    partial: float = th.PARTIAL_MIN
    statement: float = th.STATEMENT_MIN
    passage: float = th.PASSAGE_MIN


@attrs.frozen
class Assessment:
    """What the label is decided from: the features, before any threshold."""

    coverage: float
    """Weighted share of the claim's units found in the evidence (of all cited pages)."""
    statement_min: float
    """The same share for the claim's least-stated statement."""
    caps: tuple[str, ...] = ()
    """Failed checks that keep the verdict below ``supported``."""
    contradiction: str | None = None
    """What the page states differently, when a veto fired."""
    truncated: bool = False
    """Some page was compared on its first part only."""
    statement_max: float = 0.0
    """The same share for its best-stated statement (0 for a one-statement claim)."""
    passage: float = 1.0
    """The weighted share found in the best single passage (adjacent sentences of one page):
    a claim stated in one place, not gathered word by word across a page on its topic."""
    missing: tuple[tuple[int, int], ...] = ()
    """Character spans (in the folded, stripped claim) of the units no cited page states:
    what the verifier says is unsupported, for comparing with annotated spans."""
    date_stated: bool = False
    """An evidence sentence states one of the claim's dates (a year at least) with another of
    its units: part of the claim is supported, so it is never ``not_found``."""


def decide(a: Assessment, t: Thresholds = Thresholds()) -> tuple[Label, str]:
    """The label (and the reason) for an assessment under thresholds ``t``."""
    if a.contradiction:
        return Label.CONTRADICTED, "the source states it differently: " + a.contradiction
    # One of several statements stated in full is a partly supported claim, however
    # little of the rest the page shares; so is a claim whose date the evidence states with
    # more of it (*He died at Dundrige in Harberton in Devonshire on 12 September 1875* on a
    # page giving Harberton and the day, not the house): the page supports the when.
    if a.coverage < t.partial and a.statement_max < th.STATED_MIN and a.date_stated:
        return Label.PARTIALLY_SUPPORTED, (
            f"the source states the claim's date, but only {a.coverage:.0%} of its content")
    if a.coverage < t.partial and a.statement_max < th.STATED_MIN:
        if a.truncated:
            return Label.UNVERIFIABLE, (
                f"the page is too long to compare whole; its first "
                f"{th.MAX_SOURCE_CHARS:,} characters state little of the claim")
        return Label.NOT_FOUND, f"the source states little of the claim ({a.coverage:.0%} of " \
                                f"its content)"
    whole = a.statement_min >= t.statement and a.passage >= t.passage
    if a.coverage >= t.supported and whole and not a.caps:
        return Label.SUPPORTED, f"the source states {a.coverage:.0%} of the claim's content"
    if a.coverage >= t.supported and whole:
        return Label.PARTIALLY_SUPPORTED, "the facts are found, but " + a.caps[0]
    if a.coverage >= t.supported and a.statement_min < t.statement:
        return Label.PARTIALLY_SUPPORTED, (
            f"the source states {a.coverage:.0%} of the claim's content, but one of its "
            f"statements only {a.statement_min:.0%}")
    if a.coverage >= t.supported:
        return Label.PARTIALLY_SUPPORTED, (
            f"the source states {a.coverage:.0%} of the claim's content, but gathered from "
            f"across the page: no one passage states more than {a.passage:.0%}")
    return Label.PARTIALLY_SUPPORTED, f"the source states only {a.coverage:.0%} of the " \
                                      f"claim's content"


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
    budget_s: float | None = th.CLAIM_BUDGET_S,
) -> Verdict:
    """Judge whether ``source_text`` supports ``claim``; see ``docs/verification.md``.

    ``context`` is the article text just before the claim (it names whom a
    leading *He*/*She*/*It* means, and defines acronyms); ``language`` the
    claim's language if known (else detected); ``source_title``/
    ``source_publisher``/``source_url`` identify the page, for attribution and for
    claims about the page itself; ``source_published`` resolves the page's
    relative dates ("yesterday") and dates the page; ``semantic`` an optional
    model scorer blended with the lexical coverage; ``budget_s`` bounds the time
    spent on this claim (preparing a page has its own budget,
    :data:`~citeaudit.verify.thresholds.PAGE_BUDGET_S`); past it the verdict is
    ``unverifiable``.
    """
    if not isinstance(source_text, str):
        raise InputError("verify_claim needs the claim and the source as text")
    doc = SourceDoc(source_text, source_title, source_publisher, source_url, source_published)
    return verify_claim_sources(claim, [doc], context=context, language=language,
                                semantic=semantic, budget_s=budget_s)


def verify_claim_sources(
    claim: str,
    sources: Sequence[SourceDoc],
    *,
    context: str | None = None,
    language: str | None = None,
    semantic: SemanticScorer | None = None,
    budget_s: float | None = th.CLAIM_BUDGET_S,
) -> Verdict:
    """Judge ``claim`` against all the pages it cites together: a fact stated on any of them
    counts as stated.  Each :class:`Evidence` names its page by ``source`` (an index into
    ``sources``)."""
    return assess_claim(claim, sources, context=context, language=language, semantic=semantic,
                        budget_s=budget_s)[0]


def assess_claim(
    claim: str,
    sources: Sequence[SourceDoc],
    *,
    context: str | None = None,
    language: str | None = None,
    semantic: SemanticScorer | None = None,
    budget_s: float | None = th.CLAIM_BUDGET_S,
    thresholds: Thresholds = Thresholds(),
) -> tuple[Verdict, Assessment | None]:
    """:func:`verify_claim_sources` and the :class:`Assessment` it decided from (None when
    the claim could not be compared at all) — for measuring thresholds."""
    if not isinstance(claim, str) or not sources or \
            not all(isinstance(s.text, str) for s in sources):
        raise InputError("verify_claim needs the claim and the source as text")
    claim_text = fold(claim).strip()
    if not claim_text:
        raise InputError("verify_claim was given an empty claim")
    try:
        indexes = [source_index(s.text, s.published, Budget(th.PAGE_BUDGET_S)) for s in sources]
        return _assess(claim_text, sources, indexes, context, language, semantic,
                       Budget(budget_s), thresholds)
    except BudgetExceeded as exc:
        return Verdict(Label.UNVERIFIABLE, 0.0, (), (Check(CheckKind.SOURCE, False, str(exc)),),
                       "the page could not be compared in time"), None


_PRONOUN_START = re.compile(r"^(?:he|she|it|they|his|her|its|their|this|these)\b", re.I)
_REPORTING = re.compile(r"\b(?:report|wrote|writ|publish|announc|said|say|state|told|"
                        r"according|article|interview)", re.I)


def _assess(claim_text: str, sources: Sequence[SourceDoc], indexes: list[SourceIndex],
            context: str | None, language: str | None, semantic: SemanticScorer | None,
            budget: Budget, thresholds: Thresholds) -> tuple[Verdict, Assessment | None]:
    if all(ix.word_count < th.MIN_SOURCE_WORDS for ix in indexes):
        words = max(ix.word_count for ix in indexes)
        return Verdict(Label.UNVERIFIABLE, 0.0, (), (
            Check(CheckKind.SOURCE, False,
                  f"the source has {words} content words: too little to compare"),),
            "the source is empty or too short to check the claim against"), None
    entities = find_entities(claim_text)
    attributions = find_attributions(claim_text)
    # Who the claim credits is checked against the page's identity, not looked up as content;
    # the words that frame the claim ("However, it is worth noting that") are not looked up.
    units = claim_units(claim_text, [(e.start, e.end) for e in entities],
                        skip=[(a.lead, max(a.end, a.phrase_end)) for a in attributions]
                        + frame_spans(claim_text), context=context)
    if not units:
        return Verdict(Label.UNVERIFIABLE, 0.0, (), (
            Check(CheckKind.COVERAGE, False, "the claim has no content words to look for"),),
            "the claim states nothing checkable"), None
    abbrevs = abbreviations(context)
    particles = phrasal_particles(claim_text)
    subject = _subject_stems(claim_text, context)
    alignments = [align(units, ix, abbrevs, particles=particles, extra_query=subject,
                        budget=budget) for ix in indexes]
    meta = [_meta_found(units, claim_text, doc, ix) for doc, ix in zip(sources, indexes,
                                                                          strict=True)]
    found_each = [a.found_in_evidence | m for a, m in zip(alignments, meta, strict=True)]
    found = np.logical_or.reduce(found_each)
    anywhere = np.logical_or.reduce([a.found_anywhere | m for a, m in zip(alignments, meta,
                                                                           strict=True)])
    first = alignments[0]
    coverage = first.coverage(found)
    # Names and figures cross languages: only a claim the page barely echoes is set aside.
    if coverage < th.PARTIAL_MIN:
        claim_lang = language or _claim_language(claim_text)
        if all(not same_language(claim_lang, ix.language) for ix in indexes):
            return Verdict(Label.UNVERIFIABLE, 0.0, (), (
                Check(CheckKind.LANGUAGE, False,
                      f"the claim is in '{claim_lang}' and the source in "
                      f"'{indexes[0].language}'"),),
                "claim and source are in different languages: they cannot be compared word "
                "for word (a translation or the semantic backend is needed)",
                round(coverage, 4)), None

    checks: list[Check] = [_coverage_check(first, found, coverage)]
    if semantic is not None:
        coverage, semantic_check = _blend_semantic(semantic, claim_text, first, indexes[0],
                                                   coverage)
        checks.append(semantic_check)
    contradictions: list[str] = []
    caps: list[str] = []
    same_subject = _subject_on_page(claim_text, subject, entities, units, anywhere, indexes)
    for check, veto in _figure_checks(claim_text, alignments, indexes, anywhere):
        checks.append(check)
        if veto and not same_subject:
            # Another figure or date for the same noun or event, but of someone the page
            # never names: a different fact, so only missing.
            caps.append(check.detail)
        elif veto:
            contradictions.append(check.detail)
        elif not check.ok:
            caps.append(check.detail)
    for named in named_years(claim_text, units):
        # Only a year the pages state is asked about: a missing year has capped already.
        other = other_year(named, [ix.body for ix in indexes]) if anywhere[named.unit] else None
        if other is not None:
            detail = (f"the claim speaks of the {named.text}; the source only of the "
                      f"{other} {named.noun}")
            checks.append(Check(CheckKind.DATE, False, detail))
            caps.append(detail)
    budget.check()
    for check, veto, speech in _quote_checks(claim_text, indexes, entities):
        checks.append(check)
        if veto:
            contradictions.append(check.detail)
        elif not check.ok and speech:
            # A quoted title or name that is not found is a missing name (the entity
            # check and the coverage count it); a missing quotation of speech caps.
            caps.append(check.detail)
    budget.check()
    entity_check = _entity_check(entities, units, anywhere)
    if entity_check:
        checks.append(entity_check)
        if not entity_check.ok:
            caps.append(entity_check.detail)
    attribution_checks = list(_attribution_checks(claim_text, sources, indexes))
    checks.extend(attribution_checks)
    caps.extend(c.detail for c in attribution_checks if not c.ok)
    polarity = _polarity_check(claim_text, alignments, indexes)
    if polarity is not None:
        checks.append(polarity)
        caps.append(polarity.detail)

    groups = statement_of(units, claim_text)
    shares = statement_coverage(first.weights, found, groups)
    evidence = _evidence(alignments, indexes)
    passage = max((first.coverage(_passage_mask(alignments[e.source], indexes[e.source], e)
                                  | np.logical_or.reduce(meta)) for e in evidence), default=0.0)
    missing = tuple((u.start, u.start + len(u.text)) for u, ok in zip(units, found, strict=True)
                    if not ok and u.start >= 0)
    assessment = Assessment(coverage, min(shares, default=1.0), tuple(caps),
                            contradictions[0] if contradictions else None,
                            any(ix.truncated for ix in indexes),
                            max(shares) if len(shares) > 1 else 0.0, passage, missing,
                            _date_stated(alignments))
    label, reason = decide(assessment, thresholds)
    score = calibrated(coverage)
    # The score is the calibrated chance a reader calls the claim supported; the label's
    # veto or cap overrides coverage, so the score must not say otherwise.  Set by hand
    # from that meaning (docs/verification.md): a contradicted claim is all but never
    # supported (≤ 0.05), a capped one (a figure, date or name missing) is a coin toss at
    # best (≤ 0.5).  They order claims only; no label is decided from them.
    if label is Label.CONTRADICTED:
        score = min(score, 0.05)
    elif label is Label.PARTIALLY_SUPPORTED:
        score = min(score, 0.5) if assessment.caps else score
    if len(sources) > 1:
        used = sorted({e.source for e in evidence})
        checks.append(Check(CheckKind.COVERAGE, True,
                            f"evidence drawn from {len(used)} of the {len(sources)} cited pages"))
    return Verdict(label, round(score, 4), evidence, tuple(checks), reason,
                   round(coverage, 4)), assessment


def _date_stated(alignments: list[Alignment]) -> bool:
    """An evidence sentence states one of the claim's dates and something else of the claim
    with it: the date of what the claim tells.  A year alone in a sentence about something
    else is a page on another subject sharing the year (a claim set against the wrong page
    finds one on a page in ten)."""
    for alignment in alignments:
        is_date = np.array([u.kind is UnitKind.DATE for u in alignment.units], dtype=bool)
        if not is_date.any():
            continue
        for si in alignment.evidence:
            stated = alignment.presence[:, si]
            if (stated & is_date).any() and (stated & ~is_date).any():
                return True
    return False


def _claim_language(claim: str) -> str | None:
    """The claim's language; a short sentence is said to be in a language other than English
    only on several of that language's function words (one ``die`` or ``de`` is not enough)."""
    lang = detect_language(claim)
    if lang not in (None, "en") and detect_language(
            claim, min_hits=th.CLAIM_LANGUAGE_MIN_HITS) is None:
        return None
    return lang


def _passage_mask(alignment: Alignment, index: SourceIndex, passage: Evidence) -> np.ndarray:
    rows = [i for i in alignment.evidence
            if passage.start <= index.sentences[i].start < passage.end]
    return alignment.presence[:, rows].any(axis=1) if rows else np.zeros(len(alignment.units),
                                                                          dtype=bool)


_NEGATION = re.compile(r"\b(?:not|never|no|nor|without|neither|none|cannot|n't)\b|n't\b",
                       re.IGNORECASE)


def _negated(text: str) -> bool:
    """Whether ``text`` (outside its quotations) says something is not so."""
    return bool(_NEGATION.search(re.sub(r'"[^"]*"', " ", fold(text))))


# Where a negation's reach ends: a clause boundary, or a word opening another clause.
_SCOPE_END = re.compile(r"[,;:.!?()]|\b(?:and|but|or|if|should|when|because|while|which|who|"
                        r"that|unless|until)\b", re.IGNORECASE)


def _negated_stems(text: str) -> set[str]:
    """The content stems each *not* of ``text`` bears on: the first few of its clause after it
    ("desire NOT to have resuscitation initiated should …" → resuscitation, initiated)."""
    plain = re.sub(r'"[^"]*"', " ", fold(text))
    out: set[str] = set()
    for m in _NEGATION.finditer(plain):
        rest = plain[m.end():]
        end = _SCOPE_END.search(rest)
        out.update(content_stems(rest[:end.start()] if end else rest)[:th.NEGATION_SCOPE_WORDS])
    return out


def _polarity_check(claim: str, alignments: list[Alignment],
                    indexes: list[SourceIndex]) -> Check | None:
    """A claim that says *not* against evidence stating its facts without any negation, or
    a plain claim against the sentence stating it negated ("did not win"), is at most
    partly supported: the words are there, the assertion is turned round."""
    best = None
    for alignment, index in zip(alignments, indexes, strict=True):
        for i in alignment.evidence:
            share = alignment.sentence_coverage(i)
            if best is None or share > best[0]:
                best = (share, index, alignment, i)
    if best is None or best[0] < th.POLARITY_MIN_SHARE:
        return None
    share, index, alignment, i = best
    text = index.sentences[i].text
    if text.lstrip().startswith("#") or len(tokens(text)) < th.POLARITY_MIN_WORDS:
        return None  # a heading or a list item asserts nothing either way
    if _negated(claim):
        # The negation may sit in any chosen sentence or next to the best one.
        near = {j for k in alignment.evidence for j in (k - 1, k, k + 1)
                if 0 <= j < len(index.sentences)}
        negated = [index.sentences[j].text for j in sorted(near)
                   if _negated(index.sentences[j].text)]
        if negated:
            # Both say *not*: about the same thing, or the page's about what the claim
            # affirms ("is not breathing … should initiate CPR" against "NOT to have CPR
            # initiated should your breathing stop")?
            claim_not = _negated_stems(claim)
            page_not = set().union(*(_negated_stems(t) for t in negated))
            affirmed = set(content_stems(claim)) - claim_not
            turned = page_not & affirmed
            if not turned or page_not & claim_not:
                return None
            words = list(dict.fromkeys(t.text for t in tokens(claim)
                                       if t.lower not in STOPWORDS and stem(t.lower) in turned))
            return Check(CheckKind.COVERAGE, False, "the claim says *not* of something else; "
                         f"the passage says it is not so of {', '.join(words)}: "
                         f"\"{negated[0][:160]}\"")
        return Check(CheckKind.COVERAGE, False, "the claim says it is not so, but the "
                     f'passage stating its facts says nothing of the kind: "{text[:160]}"')
    if _negated(text):
        return Check(CheckKind.COVERAGE, False, "the claim says it is so, but the sentence "
                     f'stating its facts negates it: "{text[:160]}"')
    return None


def _subject_on_page(claim: str, subject: list[str], entities: list, units: list[Unit],
                     found: np.ndarray, indexes: list[SourceIndex]) -> bool:
    """Whether the page names whom the claim is about — a figure or date can contradict
    only a fact about the same subject.  The subject is whom a leading pronoun stands for
    (from the context), else the claim's first name; unknown (a pronoun the context does
    not resolve) is not the same subject."""
    if _PRONOUN_START.match(claim):
        return bool(subject) and all(any(s in ix.vocab for ix in indexes) for s in subject)
    if not entities:
        return True
    words = set(entities[0].name_words)
    ids = [i for i, u in enumerate(units)
           if u.kind is UnitKind.TERM and strip_accents(u.text.lower()) in words]
    return not ids or bool(found[ids].all())


def _subject_stems(claim: str, context: str | None) -> list[str]:
    """Stems of whom a leading pronoun means: the first name in the context's last sentence."""
    if not context or not _PRONOUN_START.match(claim):
        return []
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", context.strip()) if s]
    for sentence in reversed(sentences[-2:]):
        names = [e for e in find_entities(fold(sentence)) if len(e.text) > 2]
        if names:
            return content_stems(names[0].text)
    return []


def _meta_found(units: list[Unit], claim: str, doc: SourceDoc, index: SourceIndex) -> np.ndarray:
    """Units the page's own identity states: words of its title, and its publication date
    when the claim is about what the page reported (``The Herald reported on 4 May …``)."""
    out = np.zeros(len(units), dtype=bool)
    title_stems = set(content_stems(doc.title)) if doc.title else set()
    reporting = bool(_REPORTING.search(claim))
    published = doc.published or index.published
    for i, unit in enumerate(units):
        if unit.kind is UnitKind.TERM and unit.key in title_stems:
            out[i] = True
        elif unit.kind is UnitKind.DATE and unit.date is not None and published:
            d = unit.date
            # A page dated that very day reports the event, whatever words it uses for
            # the date ("today", "Wednesday"); a month or year alone only when the claim
            # is about what the page reported.
            same = (d.year in (None, published.year) and d.month in (None, published.month)
                    and d.day in (None, published.day) and not d.decade)
            out[i] = same and (reporting or d.day is not None)
    return out


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


def _coverage_check(alignment: Alignment, found: np.ndarray, coverage: float) -> Check:
    missing = ~found
    detail = f"{int(found.sum())} of {len(alignment.units)} content units found in the evidence"
    if missing.any():
        detail += "; missing: " + ", ".join(
            repr(u.text) for u, m in zip(alignment.units, missing, strict=True) if m)
    related = [f"{u.text!r} as {how}" for u, how, f in zip(alignment.units, alignment.via, found,
                                                            strict=False) if how and f]
    if related:
        detail += "; matched by related words: " + ", ".join(related)
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


def _near_stems(text: str, start: int, end: int, span: int) -> set[str]:
    """Content stems of the lower-case words within ``span`` words either side of
    ``text[start:end]``."""
    toks = tokens(text)
    inside = [i for i, t in enumerate(toks) if t.start < end and start < t.end]
    if not inside:
        return set()
    lo, hi = max(0, inside[0] - span), inside[-1] + span + 1
    # Names say whom, not what happened: "Lind … born" and "Lind … died" are two events.
    words = [t.text for t in toks[lo:inside[0]] + toks[inside[-1] + 1:hi]
             if not t.text[:1].isdigit() and not t.text[:1].isupper()]
    return set(content_stems(" ".join(words)))


def _same_event(claim: str, d_start: int, d_end: int, index: SourceIndex, si: int,
                other_start: int, other_end: int) -> bool:
    """The claim's date and the page's date are dates of one event: the words next to them
    share a content word (``born … 1950`` / ``born … 1951``, not ``born`` / ``died``)."""
    mine = _near_stems(claim, d_start, d_end, th.EVENT_WINDOW_WORDS)
    sentence = index.sentences[si]
    theirs = _near_stems(sentence.text, other_start - sentence.start,
                         other_end - sentence.start, th.EVENT_WINDOW_WORDS)
    return bool(mine & theirs)


# "$21.38 per hour, equating to $812.60 per week": the second figure is the first one
# worked out in another unit, not a second fact (set by hand from the meaning).
_RESTATING = re.compile(r"\b(?:equating|equal|equivalent|amounting|corresponding|translating)"
                        r"\s+to\s*$", re.IGNORECASE)


def _restated_figure(claim: str, units: list[Unit], ui: int, found: np.ndarray) -> Unit | None:
    """The stated figure that figure ``ui`` restates ("…, equating to …"), if any: the
    nearest figure before it, found on the page, with only a few words between."""
    at = units[ui].start
    before = [j for j, u in enumerate(units)
              if u.kind is UnitKind.NUMBER and 0 <= u.start < at]
    if at < 0 or not before:
        return None
    prev = max(before, key=lambda j: units[j].start)
    if not found[prev]:
        return None
    gap = claim[units[prev].start + len(units[prev].text):units[ui].start]
    return units[prev] if len(gap.split()) <= 6 and _RESTATING.search(gap) else None


def _figure_checks(claim: str, alignments: list[Alignment], indexes: list[SourceIndex],
                   found: np.ndarray) -> Iterable[tuple[Check, bool]]:
    units = alignments[0].units
    for ui, unit in enumerate(units):
        if unit.kind is UnitKind.NUMBER and unit.quantity is not None:
            kind, q = CheckKind.NUMBER, unit.quantity
            if found[ui]:
                yield Check(kind, True, f"{q.text} is stated in the source"), False
                continue
            restated = _restated_figure(claim, units, ui, found)
            if restated is not None:
                # A page need not show the arithmetic; another figure of its in that unit
                # may count something else (a rise, not the wage), so it only caps.
                yield Check(kind, False, f"{q.text} is not stated in the source (it restates "
                                         f"{restated.text}, which is)"), False
                continue
            conflict = None
            if q.noun or q.percent:
                for alignment, index in zip(alignments, indexes, strict=True):
                    for si in _aligned_sentences(alignment, ui):
                        same = [o for o in index.quantities[si] if o.ordinal == q.ordinal and (
                            (q.noun is not None and o.noun == q.noun)
                            or (q.percent and o.percent and q.noun is None))]
                        # Only an unambiguous counterpart contradicts: a sentence listing
                        # several figures of the noun (or unit) may give each for another part.
                        if len(same) == 1 and not q.matches(same[0], th.APPROX_TOLERANCE):
                            conflict = (same[0], index)
                            break
                    if conflict:
                        break
            if conflict:
                other, index = conflict
                noun = _word_after(index.text, other.end)
                yield Check(kind, False, f"the claim says {q.text}{noun} but the source says "
                                         f"{other.text}{noun}"), True
            else:
                yield Check(kind, False, f"{q.text} is not stated in the source"), False
        elif unit.kind is UnitKind.DATE and unit.date is not None:
            kind, d = CheckKind.DATE, unit.date
            if found[ui]:
                yield Check(kind, True, f"{d.text} ({d.describe()}) is stated in the source"), False
                continue
            clash = None
            # A bare year clashes with too much (founding, birth, sequel years) to prove
            # anything; relative dates ("on Friday") are too loose to contradict; and the
            # page's date must be the date of the same event.
            if d.month:
                for alignment, index in zip(alignments, indexes, strict=True):
                    for si in _aligned_sentences(alignment, ui):
                        clash = next((o for o in index.dates[si]
                                      if not o.relative and d.conflicts_with(o)
                                      and _same_event(claim, d.start, d.end, index, si,
                                                      o.start, o.end)), None)
                        if clash:
                            break
                    if clash:
                        break
            if clash:
                yield Check(kind, False, f"the claim says {d.text} but the source says "
                                         f"{clash.text} ({clash.describe()})"), True
            else:
                # A year read from the sentences before the claim says which year it is.
                said = f"{d.text} ({d.describe()})" if d.relative else d.text
                yield Check(kind, False, f"{said} is not stated in the source"), False


def _word_after(text: str, end: int) -> str:
    rest = text[end:end + 40].split()
    return f" {rest[0].strip('.,;:')}" if rest and rest[0][:1].isalpha() else ""


def _quote_checks(claim: str, indexes: list[SourceIndex],
                  entities: list) -> Iterable[tuple[Check, bool, bool]]:
    """Per quoted span: the check, whether it vetoes (a misquote), and whether it is speech."""
    for quote in find_quotes(claim):
        for part in quote_parts(quote):
            results = [_quote_check(claim, part, ix, entities) for ix in indexes]
            ok = next((r for r in results if r[0].ok), None)
            check, veto = ok if ok else max(results, key=lambda r: r[1])
            speech = len(part.split()) >= th.MISQUOTE_MIN_WORDS and not _is_title(part)
            yield check, veto, speech


def _is_title(quote: str) -> bool:
    """``"Brown v. Board of Education"``: a quoted name or title, not quoted speech."""
    words = [w for w in quote.split() if w[:1].isalpha()]
    content = [w for w in words if w.lower() not in STOPWORDS]
    # Set by hand: titles capitalise nearly every content word, sentences only names and
    # the first word; 0.6 keeps a title with a lower-case word or two ("Brown v. Board")
    # and leaves out a quoted sentence naming one or two people.
    return bool(content) and sum(w[:1].isupper() for w in content) / len(content) >= 0.6


_QUOTE_MARKS = "\"\u201c\u201d\u00ab\u00bb\u201e"


def _within_one_quotation(text: str, start: int, end: int) -> bool:
    """The page's wording at ``start:end`` lies inside a single quotation on the page: not
    the end of one and the start of the next, nor unquoted prose."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    inner = text[start:end]
    if any(ch in _QUOTE_MARKS for ch in inner.strip(_QUOTE_MARKS + " ")):
        return False
    before = text[line_start:start]
    after = text[end:line_end]
    return sum(before.count(ch) for ch in _QUOTE_MARKS) % 2 == 1 and \
        any(ch in after for ch in _QUOTE_MARKS)


def _speaker_named_near(claim: str, quote: str, entities: list, index: SourceIndex,
                        start: int) -> bool:
    """If the claim names who said the quotation, the page names them near its wording."""
    q_at = claim.find(quote)
    speakers = [e for e in entities if q_at >= 0 and not (q_at <= e.start < q_at + len(quote))]
    if not speakers:
        return True
    # The paragraph (line) that holds the page's quotation, no further: the next line is
    # often someone else speaking.
    lo = max(index.text.rfind("\n", 0, start) + 1, start - th.SPEAKER_WINDOW_CHARS)
    hi = index.text.find("\n", start)
    hi = min(len(index.text) if hi < 0 else hi, start + th.SPEAKER_WINDOW_CHARS)
    window = fold(index.text[lo:hi]).lower()
    return any(any(w in window for w in e.words if len(w) > 2) for e in speakers)


def _quote_windows(quote: str, index: SourceIndex) -> list[tuple[int, int]] | None:
    """The passages a long page's nearest wording is sought in (None: search it all)."""
    if len(index.body) <= th.QUOTE_FULL_SEARCH_CHARS or not index.sentences:
        return None
    scores = index.bm25(content_stems(quote))
    top = np.argsort(-scores, kind="stable")[:th.QUOTE_WINDOWS]
    out = []
    for i in sorted(int(t) for t in top):
        lo, hi = max(0, i - 1), min(len(index.sentences) - 1, i + 1)
        out.append((index.sentences[lo].start, index.sentences[hi].end))
    return out


def _quote_check(claim: str, quote: str, index: SourceIndex,
                 entities: list) -> tuple[Check, bool]:
    result = check_quote(quote, lambda: index.folded, index.body, lambda: index.words_only,
                         uncontracted_source=lambda: index.uncontracted, flat=index.flat,
                         windows=_quote_windows(quote, index))
    if result.found and result.contraction_differs:
        return Check(CheckKind.QUOTE, True, f'"{quote}" is in the source word for word once '
                                            f'contractions are spelt out'), False
    if result.found and result.punctuation_differs:
        return Check(CheckKind.QUOTE, True, f'"{quote}" is in the source word for word, with '
                                            f'different punctuation: "{result.nearest}"'), False
    if result.found:
        return Check(CheckKind.QUOTE, True, f'"{quote}" is quoted verbatim'), False
    # A misquote: the page quotes nearly these words, inside one quotation, from the same
    # speaker.  A title that is not found, a near-miss in unquoted prose, a span across two
    # of the page's quotations: merely missing, which caps the verdict.
    misquote = (result.similarity >= th.MISQUOTE_MIN_SIMILARITY
                and len(quote.split()) >= th.MISQUOTE_MIN_WORDS and not _is_title(quote)
                and _within_one_quotation(index.body, result.start, result.end)
                and _speaker_named_near(claim, quote, entities, index, result.start))
    # Only how the check explains itself (set by hand): below half its characters shared,
    # the page's nearest wording is another sentence, and quoting it would mislead.
    if result.nearest and result.similarity >= 50:
        detail = (f'"{quote}" is not in the source; nearest wording '
                  f'({result.similarity:.0f}% similar): "{result.nearest}"')
    else:
        detail = f'"{quote}" is not in the source, nor anything close to it'
    return Check(CheckKind.QUOTE, False, detail), misquote


def _entity_check(entities: list, units: list[Unit], found: np.ndarray) -> Check | None:
    if not entities:
        return None
    # A name's words are compared without accents (``Entity.words``): *Hernández* is the
    # name's *hernandez*, and must be found like its other words.
    found_keys = {strip_accents(u.text.lower()) for u, f in zip(units, found, strict=True) if f}
    term_texts = {strip_accents(u.text.lower()) for u in units if u.kind is UnitKind.TERM}
    missing = []
    for entity in entities:
        words = [w for w in entity.name_words if w in term_texts]
        if words and not all(w in found_keys for w in words):
            missing.append(entity.text)
    if missing:
        return Check(CheckKind.ENTITY, False,
                     "names not found in the source: " + ", ".join(missing))
    return Check(CheckKind.ENTITY, True,
                 "names found in the source: " + ", ".join(e.text for e in entities))


def _attribution_checks(claim: str, sources: Sequence[SourceDoc],
                        indexes: list[SourceIndex]) -> Iterable[Check]:
    for att in find_attributions(claim):
        checks = [_attribution_check(att, doc, ix) for doc, ix in zip(sources, indexes,
                                                                      strict=True)]
        yield next((c for c in checks if c.ok), checks[0])


def _attribution_check(att, doc: SourceDoc, index: SourceIndex) -> Check:
    identity = [x for x in (doc.publisher, doc.title, host_name(doc.url) if doc.url else None)
                if x]
    # Extracted pages often open with a title line: it names the site too.
    head = index.text[:300].split("\n", 2)[:2]
    page = doc.publisher or (host_name(doc.url) if doc.url else None) or doc.title or "the page"
    if any(names_match(att.who, name) for name in identity + head):
        return Check(CheckKind.ATTRIBUTION, True, f"the claim credits {att.who}, "
                                                  f"which published the page")
    if " ".join(fold(att.who).lower().split()) in index.flat:
        return Check(CheckKind.ATTRIBUTION, True,
                     f"the claim credits {att.who}; the page ({page}) names {att.who} as "
                     f"its source")
    if not identity:
        # A passage given without its publisher, title or address may well be the credited
        # outlet's own page: a reader cannot call the credit wrong, so it does not cap.
        return Check(CheckKind.ATTRIBUTION, True,
                     f"the claim credits {att.who}; who published the cited page is not "
                     f"known, so the credit could not be checked")
    return Check(CheckKind.ATTRIBUTION, False,
                 f"the claim credits {att.who}, but the cited page is {page} and does "
                 f"not mention {att.who}")


def _evidence(alignments: list[Alignment], indexes: list[SourceIndex]) -> tuple[Evidence, ...]:
    """Chosen sentences, adjacent ones merged into one passage, best passage first."""
    passages = []
    for source, (alignment, index) in enumerate(zip(alignments, indexes, strict=True)):
        chosen = sorted(alignment.evidence)
        groups: list[list[int]] = []
        for i in chosen:
            if groups and i == groups[-1][-1] + 1:
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            start, end = index.sentences[group[0]].start, index.sentences[group[-1]].end
            mask = alignment.presence[:, group].any(axis=1)
            passages.append(Evidence(index.text[start:end], start, end,
                                     round(alignment.coverage(mask), 4), source))
    return tuple(sorted(passages, key=lambda e: (-e.score, e.source, e.start)))
