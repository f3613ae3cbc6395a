"""The audit: article → notes and claims → links → archived copies → verdicts → findings.

:func:`audit` runs every stage over one article and returns a
:class:`~citeaudit.report.Report`.  The stages overlap, so an audit takes
little longer than checking its links alone:

* archive look-ups start at once, beside the link checks (they need only the
  URL and the note's access date);
* a page's text is extracted, and every claim citing it verified, as soon as
  its link check finishes — while other links are still being fetched;
* a claim whose live page is gone, walled or does not support it is verified
  again against the archived copy nearest the note's access date;
* once every claim is settled, a sentence its own page fails is verified
  against the pages of the notes around its own, for runs of shifted notes
  (:mod:`citeaudit.shifts`).

One HTTP session (:func:`citeaudit.http.make_session`) carries every request,
so politeness is one policy and ``--record``/``--replay`` cover the whole run.
Interrupting a run keeps what was checked: :meth:`Auditor.report` builds the
partial report.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import attrs
import requests

from citeaudit import workers
from citeaudit.archive._http import over_bulk
from citeaudit.archive.cache import LookupCache
from citeaudit.archive.cited import (
    IS_A_COPY,
    CitedCopy,
    cited_copies,
    copy_of,
    recognise,
    robust_links,
)
from citeaudit.archive.interface import (
    ArchiveBackend,
    LookupFailure,
    Problem,
    Snapshot,
    SnapshotLookup,
    best_first,
    reference_instant,
)
from citeaudit.archive.lookup import Batch, backends
from citeaudit.archive.politeness import with_archive_intervals
from citeaudit.archive.sanity import fetch_and_judge
from citeaudit.archive.save import Credentials, SavePageNow, SaveResult
from citeaudit.article import Article
from citeaudit.claims import Claim
from citeaudit.config import Config
from citeaudit.errors import CiteauditError, InputError, NetworkError, PolicyRefused, ReplayMiss
from citeaudit.extract import PageText
from citeaudit.findings import DEAD, find_problems, misplaced_notes
from citeaudit.http import make_session
from citeaudit.links import LinkResult, Outcome, iter_check_links
from citeaudit.notes import Note, NoteKind
from citeaudit.pool.model import PoolReport
from citeaudit.read import parse_article
from citeaudit.read.detect import load
from citeaudit.report.model import ClaimReport, LinkCheck, NoteReport, Report, Source
from citeaudit.shifts import Candidate, ShiftedRun, candidates, runs
from citeaudit.verify import Verdict
from citeaudit.verify.backend import check_verifier, choose, release
from citeaudit.verify.core import SourceDoc, verify_claim_sources
from citeaudit.verify.verdict import Label
from citeaudit.workers import ClaimInput

if TYPE_CHECKING:
    from citeaudit.pool.sources import SourcePool

ARCHIVE_WORKERS = 4
"""Concurrent archive look-ups; each archive's host interval still spaces them."""
SNAPSHOT_TRIES = 3
"""Captures fetched for one URL, nearest first, before saying none near the date is a page."""
VERIFY_WORKERS = 8
"""Threads settling claims; they mostly wait for workers, archive look-ups and snapshots."""

_RANK = {
    Label.SUPPORTED: 4,
    Label.PARTIALLY_SUPPORTED: 3,
    Label.CONTRADICTED: 2,
    Label.NOT_FOUND: 1,
    Label.UNVERIFIABLE: 0,
}
"""Which verdict to report when a claim was verified against several texts."""


_Key = tuple[str, dt.date | None]
"""A URL and the access date its snapshot is wanted for."""


@attrs.frozen
class Progress:
    """How far a stage has come; passed to the ``progress`` callback."""

    stage: str
    """``links``, ``archive``, ``claims``, or ``sources`` (pool pages judged)."""
    done: int
    total: int


@attrs.frozen
class _Text:
    """A page's text, and where it came from."""

    page: PageText
    url: str
    source: Source


def is_url(source: object) -> bool:
    """Whether an audit source is a web address rather than a path or text."""
    return isinstance(source, str) and source.strip().lower().startswith(("http://", "https://"))


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


class Auditor:
    """One audit run; keeps what it has checked so an interrupted run can still report."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        session: requests.Session | None = None,
        progress: Callable[[Progress], None] | None = None,
        archives: list[ArchiveBackend] | None = None,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        sources: Sequence[str | os.PathLike[str]] = (),
    ) -> None:
        from citeaudit.pool.sources import classify

        if isinstance(sources, str | os.PathLike):
            sources = (sources,)
        # A missing source file fails now, in one line, before any request is made.
        for spec in sources:
            classify(spec)
        self._sources = tuple(sources)
        self._pool: PoolReport | None = None
        self.config = with_archive_intervals(config or Config())
        # Before the session: the worker processes are forked while no other thread runs.
        self._work = workers.executor(self.config.workers)
        # The backend fails here, in one line, rather than on the first claim in a worker.
        self._verifier = choose(self.config)
        check_verifier(self._verifier)
        self._own_session = session is None
        self.session = session or make_session(self.config.http)
        self.progress = progress
        self._archives = archives
        self._clock = clock
        self._lock = threading.Lock()
        self.article: Article | None = None
        self.original: str | None = None
        """The article as read (decoded), for writing it back annotated."""
        self.checked_at = clock()
        self._links: dict[str, LinkResult] = {}
        self._inputs: dict[str, tuple[ClaimInput, ...]] = {}
        self._pages: dict[str, concurrent.futures.Future[workers.PageVerdicts]] = {}
        """URL → the worker job reading its live page and verifying its claims."""
        self._texts: dict[str, _Text | None] = {}
        self._live_verdicts: dict[str, dict[str, Verdict]] = {}
        self._lookups: dict[_Key, concurrent.futures.Future[SnapshotLookup]] = {}
        self._archived: dict[_Key, concurrent.futures.Future[_Text | None]] = {}
        """URL and access date → the text of its nearest real capture, fetched once."""
        self._checked: dict[_Key, SnapshotLookup] = {}
        """Look-ups whose nearest capture was no real page: the one offered instead, or none."""
        self._backends: dict[str, ArchiveBackend] = {}
        self._archived_by_url: dict[str, _Text] = {}
        self._claims: dict[str, ClaimReport] = {}
        self._saves: dict[str, SaveResult] = {}
        self._complete = False
        self._cited: dict[_Key, CitedCopy] = {}
        """Originals whose note cites an archived copy: that copy, checked instead of a look-up."""
        self._asked_archives = False
        """Whether any archive was configured to be asked in this run."""
        self._shifts: tuple[ShiftedRun, ...] = ()
        """Runs of shifted notes, found once every claim is settled."""
        self._stopping = False

    # -- public --------------------------------------------------------------------------------

    def read(self, source: str | bytes | os.PathLike[str], *, format: str | None = None,
             name: str | None = None) -> Article:
        """Parse the article: a path, a URL (fetched through the session), or its text."""
        if is_url(source):
            assert isinstance(source, str)
            return self._read_url(source.strip(), format)
        self.original = load(source).text
        return parse_article(source, format, name=name)

    def run(self, source: str | bytes | os.PathLike[str] | Article, *, format: str | None = None,
            name: str | None = None) -> Report:
        """Audit ``source`` and return the full report.

        On ``KeyboardInterrupt`` the pools are stopped and the interrupt is
        re-raised; :meth:`report` then gives what was checked so far.
        """
        self.checked_at = self._clock()
        article = source if isinstance(source, Article) else self.read(source, format=format,
                                                                       name=name)
        self.article = article
        try:
            # The pool first: a damaged capture fails before the audit, not after it.
            pool = self._load_pool() if self._sources else None
            with over_bulk(self.session):  # the archives' requests beside the link checks'
                self._run(article)
            if pool is not None:
                self._pool = self._match_pool(article, pool)
        finally:
            release(self._verifier)
            if self._own_session:
                self.session.close()
        self._complete = True
        return self.report()

    def report(self) -> Report:
        """The report on what has been checked (all of it, once :meth:`run` returned)."""
        article = self.article
        if article is None:
            raise InputError("nothing was audited: the article could not be read")
        texts = self._candidate_texts(article) if self._complete else {}
        targets = effective_notes(article)
        with self._lock:
            notes = tuple(self._note_report(note, targets[note.label]) for note in article.notes)
            claims = tuple(self._claims[c.id] for c in article.claims if c.id in self._claims)
        if self._complete:
            claims = misplaced_notes(claims, texts)
        offline = self._complete and self._offline_reason(notes)
        findings = find_problems(article, notes, claims, offline=bool(offline),
                                 shifts=self._shifts if self._complete else ())
        if self._pool is not None:
            from citeaudit.pool.findings import pool_findings, with_pool

            claims = with_pool(claims, self._pool)
            findings = pool_findings(findings, article, notes, claims, self._pool,
                                     offline=bool(offline))
        reason = offline or (None if self._complete else "interrupted")
        return Report(article, self.checked_at, notes, claims, tuple(findings),
                      complete=self._complete and not offline, incomplete_reason=reason,
                      pool=self._pool)

    def _load_pool(self) -> SourcePool:
        """Read the ``sources`` pool, URLs through this run's session, each page once."""
        from citeaudit.pool import SourcePool

        return SourcePool.load(self._sources, session=self.session, work=self._work)

    def _match_pool(self, article: Article, pool: SourcePool) -> PoolReport:
        """Match every sentence of the article against the pool, with this run's verifier."""
        from citeaudit.pool import match_article

        return match_article(article, pool, verifier=self._verifier, work=self._work,
                             progress=lambda done, total: self._tell("sources", done, total))

    # -- the pipeline ------------------------------------------------------------------------

    def _run(self, article: Article) -> None:
        targets = effective_notes(article)
        pairs = self._lookup_keys(article, targets)
        urls = list(dict.fromkeys(
            [url for note in article.notes for url in targets[note.label].urls]
            + [copy.url for copy in self._cited.values()]))
        waiting = self._claims_waiting(article, targets)

        archive_pool = concurrent.futures.ThreadPoolExecutor(
            ARCHIVE_WORKERS, thread_name_prefix="citeaudit-archive")
        verify_pool = concurrent.futures.ThreadPoolExecutor(
            VERIFY_WORKERS, thread_name_prefix="citeaudit-verify")
        verifying: list[concurrent.futures.Future[None]] = []
        try:
            batch = self._batch()
            self._asked_archives = batch is not None
            if batch is not None:
                self._start_lookups(batch, list(pairs), archive_pool)
            # Claims citing no URL at all (books, explanatory notes) are settled at once.
            for claim in [c for c, pending in waiting.items() if not pending]:
                verifying.append(verify_pool.submit(self._verify, claim, targets))
                del waiting[claim]
            # Each answer wakes only the claims citing its URL (not a scan of every claim).
            citing: dict[str, list[Claim]] = {}
            for claim, pending in waiting.items():
                for url in pending:
                    citing.setdefault(url, []).append(claim)
            self._inputs = self._claim_inputs(article, targets)
            checked = iter_check_links(urls, self.config.http, session=self.session,
                                       on_answer=self._on_answer)
            for done, result in enumerate(checked, 1):
                with self._lock:
                    self._links[result.url] = result
                if result.is_ok:
                    self._read_live(result.url, result.body, result.content_type,
                                    result.final_url or result.url)
                self._tell("links", done, len(urls))
                for claim in citing.pop(result.url, ()):
                    waiting[claim].discard(result.url)
                    if not waiting[claim]:
                        del waiting[claim]
                        verifying.append(verify_pool.submit(self._verify, claim, targets))
            offered = self._check_offered(verify_pool)
            for i, future in enumerate(concurrent.futures.as_completed(verifying), 1):
                future.result()
                self._tell("claims", i, len(verifying))
            for future in offered:
                future.result()
            if self.config.save_missing:
                self._save_missing()
        except BaseException:
            self._stop(archive_pool, verify_pool)
            raise
        archive_pool.shutdown(wait=True)
        verify_pool.shutdown(wait=True)
        self._shifts = self._shifted(article, targets)

    def _lookup_keys(self, article: Article, targets: dict[str, Note]) -> dict[_Key, None]:
        """The ``(url, access date)`` pairs to look up; notes' own archived copies are not.

        A URL that is an archive's copy is checked as a link, never looked up;
        an original whose note cites its copy is given that copy (checked as
        a link) instead of a look-up.
        """
        robust = robust_links(self.original or "")
        pairs: dict[_Key, None] = {}
        for note in article.notes:
            target = targets[note.label]
            near = access_date(note, target)
            copies = cited_copies(target.urls, target.raw)
            originals = [url for url in target.urls if recognise(url) is None]
            for url in originals:
                copy = copy_of(url, copies, only_original=len(originals) == 1) or robust.get(url)
                if copy is not None:
                    self._cited[(url, near)] = copy
                else:
                    pairs[(url, near)] = None
        return pairs

    def _stop(self, *pools: concurrent.futures.Executor) -> None:
        """Stop at once: queued work is dropped, in-flight requests return now."""
        self._stopping = True
        for pool in pools:
            pool.shutdown(wait=False, cancel_futures=True)
        for job in self._pages.values():
            job.cancel()
        abort = getattr(self.session, "abort", None)
        if abort is not None:
            abort()

    def _claim_inputs(
        self, article: Article, targets: dict[str, Note]
    ) -> dict[str, tuple[ClaimInput, ...]]:
        """URL → the claims to verify against its page (each once, ``Ibid.`` followed)."""
        inputs: dict[str, dict[str, ClaimInput]] = {}
        for claim in article.claims:
            for label in claim.note_labels:
                target = targets.get(label)
                for url in target.urls if target is not None else ():
                    inputs.setdefault(url, {}).setdefault(claim.id, ClaimInput(
                        claim.id, claim.text, claim.context, target.publisher if target else None))
        return {url: tuple(by_id.values()) for url, by_id in inputs.items()}

    def _on_answer(self, url: str, response: requests.Response) -> None:
        """A page answered: start reading it while its soft-404 check may still wait."""
        self._read_live(url, response.content, response.headers.get("Content-Type"),
                        response.url or url)

    def _read_live(self, url: str, body: bytes | None, content_type: str | None,
                   final_url: str) -> None:
        """Start reading an answered page and verifying its claims in a worker (once)."""
        if not body:
            return
        with self._lock:
            if url in self._pages:
                return
            args = (body, content_type, final_url, self._inputs.get(url, ()), self._verifier)
            try:
                self._pages[url] = self._work.submit(workers.read_and_verify, *args)
            except (BrokenProcessPool, RuntimeError):
                workers.discard(self._work)
                self._work = workers.executor(1)
                self._pages[url] = self._work.submit(workers.read_and_verify, *args)

    def _claims_waiting(self, article: Article, targets: dict[str, Note]) -> dict[Claim, set[str]]:
        waiting: dict[Claim, set[str]] = {}
        for claim in article.claims:
            waiting[claim] = {
                url for label in claim.note_labels if label in targets
                for url in targets[label].urls
            }
        return waiting

    def _batch(self) -> Batch | None:
        archives = self._archives
        if archives is None:
            archives = backends(self.config, session=self.session)
        self._backends = {archive.name: archive for archive in archives}
        return Batch(archives, cache=LookupCache.for_config(self.config)) if archives else None

    def _start_lookups(self, batch: Batch, keys: list[_Key],
                       pool: concurrent.futures.ThreadPoolExecutor) -> None:
        """Ask the archives about every key in one batch job; each key's future settles alone."""
        for key in keys:
            self._lookups[key] = concurrent.futures.Future()
        self._count_lookups()

        def settle(key: _Key, lookup: SnapshotLookup) -> None:
            future = self._lookups[key]
            # Once the run is stopping, a look-up cut short is "not asked", not a failure.
            if not future.done() and not self._stopping:
                future.set_result(lookup)

        def unsettled(job: concurrent.futures.Future[object]) -> None:
            # A crashed or cancelled job must not leave claims waiting on its keys forever.
            exc = None if job.cancelled() else job.exception()
            for future in self._lookups.values():
                if future.done():
                    continue
                if exc is None:
                    future.cancel()
                else:
                    future.set_exception(exc)

        job = pool.submit(batch.lookup_many, keys, on_result=settle, workers=ARCHIVE_WORKERS)
        job.add_done_callback(unsettled)

    def _count_lookups(self) -> None:
        total = len(self._lookups)
        counter = {"done": 0}

        def finished(_: concurrent.futures.Future[SnapshotLookup]) -> None:
            with self._lock:
                counter["done"] += 1
                done = counter["done"]
            self._tell("archive", done, total)

        for future in list(self._lookups.values()):
            future.add_done_callback(finished)

    def _tell(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(Progress(stage, done, total))

    # -- texts ---------------------------------------------------------------------------------

    def _live(self, url: str) -> tuple[_Text | None, dict[str, Verdict]]:
        """The live page's text and the verdicts of the claims citing it (waits for them)."""
        with self._lock:
            if url in self._texts:
                return self._texts[url], self._live_verdicts.get(url, {})
            job = self._pages.get(url)
            result = self._links.get(url)
        page: PageText | None = None
        verdicts: tuple[Verdict, ...] = ()
        if job is not None and result is not None and result.is_ok:
            try:
                page, verdicts = job.result()
            except (BrokenProcessPool, RuntimeError, concurrent.futures.CancelledError):
                page, verdicts = workers.read_and_verify(
                    result.body or b"", result.content_type, result.final_url or result.url,
                    self._inputs.get(url, ()), self._verifier)
        usable = page is not None and result is not None and result.is_ok
        text = _Text(page, result.final_url or url, Source.LIVE) if usable else None
        by_claim = {c.id: v for c, v in zip(self._inputs.get(url, ()), verdicts, strict=False)}
        with self._lock:
            self._texts[url] = text
            self._live_verdicts[url] = by_claim
        return text, by_claim

    def _lookup(self, url: str, near: dt.date | None) -> SnapshotLookup | None:
        if (url, near) in self._cited:
            return self._cited_lookup(url, near, self._cited[(url, near)])
        future = self._lookups.get((url, near))
        if future is None:
            return None
        try:
            return future.result()
        except (concurrent.futures.CancelledError, CiteauditError, requests.RequestException):
            return None  # "could not look it up" is reported by the note, not raised here

    def _archived_text(self, url: str, near: dt.date | None) -> _Text | None:
        copy = self._cited.get((url, near))
        if copy is not None:  # the note's own copy was read as a link: its text is at hand
            text = self._live(copy.url)[0] if copy.url in self._links else None
            return attrs.evolve(text, source=Source.ARCHIVE) if text is not None else None
        key = (url, near)
        with self._lock:
            future = self._archived.get(key)
            mine = future is None
            if future is None:
                future = self._archived[key] = concurrent.futures.Future()
        if mine:
            try:
                future.set_result(self._first_real_page(url, near))
            except BaseException as exc:
                future.set_exception(exc)
                raise
        text = future.result()
        if text is not None:
            with self._lock:
                self._archived_by_url.setdefault(url, text)
        return text

    def _first_real_page(self, url: str, near: dt.date | None) -> _Text | None:
        """The text of the nearest capture that is a real page (see :mod:`..archive.sanity`).

        A capture that is no page (archived error, soft 404, redirect home, bot
        wall) gives way to the next nearest, asked of its archive when the
        look-up named no other; when none is a page, the note's look-up says so.
        """
        lookup = self._lookup(url, near)
        if lookup is None or lookup.best is None:
            return None
        first = lookup.best
        candidates = list(lookup.snapshots)
        tried: set[str] = set()
        rejected: list[str] = []
        asked_more = False
        while len(tried) < SNAPSHOT_TRIES:
            snapshot = next((s for s in candidates if s.url not in tried), None)
            if snapshot is None:
                if asked_more:
                    break
                asked_more = True
                candidates = best_first(candidates + self._more_captures(first.archive, url,
                                                                         near), near)
                continue
            tried.add(snapshot.url)
            try:
                verdict = fetch_and_judge(snapshot, self.session, self.config.http)
            except (CiteauditError, requests.RequestException, OSError):
                return None  # could not check: the look-up stands as the archive gave it
            if verdict.ok and verdict.page is not None:
                if snapshot != first:
                    rest = tuple(s for s in candidates if s != snapshot and s.url not in tried)
                    self._checked[(url, near)] = attrs.evolve(lookup, snapshots=(snapshot, *rest))
                page = verdict.page
                text = workers.run(self._work, workers.read_page, page.body, page.content_type,
                                   snapshot.original)
                return _Text(text, snapshot.url, Source.ARCHIVE) if text is not None else None
            rejected.append(f"{snapshot.datetime.date().isoformat()}: {verdict.reason}")
        failure = LookupFailure(first.archive, Problem.ARCHIVE_ERROR,
                                "no capture near the access date is a real page ("
                                + "; ".join(rejected) + ")")
        self._checked[(url, near)] = SnapshotLookup(url, near, (), (*lookup.failures, failure))
        return None

    def _more_captures(self, archive: str, url: str, near: dt.date | None) -> list[Snapshot]:
        """Further captures near the date, for when the nearest is no page (CDX for wayback)."""
        backend = self._backends.get(archive)
        if backend is None:
            return []
        try:
            return backend.snapshots(url, near, limit=SNAPSHOT_TRIES * 2)
        except (CiteauditError, requests.RequestException, OSError):
            return []

    def _check_offered(self, pool: concurrent.futures.Executor) -> list[concurrent.futures.Future]:
        """Judge the snapshots a dead link will be offered, before the report offers them."""
        jobs = []
        for url, near in list(self._lookups):
            result = self._links.get(url)
            if result is not None and result.outcome in DEAD:
                jobs.append(pool.submit(self._archived_text, url, near))
        return jobs

    # -- verification --------------------------------------------------------------------------

    def _verify(self, claim: Claim, targets: dict[str, Note]) -> None:
        report = self._judge(claim, targets)
        with self._lock:
            self._claims[claim.id] = report

    def _judge(self, claim: Claim, targets: dict[str, Note]) -> ClaimReport:
        assert self.article is not None
        best: tuple[tuple[int, int, float], ClaimReport] | None = None
        reasons: list[str] = []
        texts: dict[str, _Text] = {}
        for label in claim.note_labels:
            note = self.article.note(label)
            target = targets.get(label)
            if note is None or target is None:
                continue
            if not target.urls:
                reasons.append(f"note {label} cites no URL ({target.kind.value})")
                continue
            near = access_date(note, target)
            for url in target.urls:
                candidate = self._judge_url(claim, note, target, url, near)
                if candidate is None:
                    reasons.append(f"note {label}: no readable page for {url}")
                    continue
                assert candidate.verdict is not None
                text = (self._live(url)[0] if candidate.source is Source.LIVE
                        else self._archived_by_url.get(url))
                if text is not None:
                    texts.setdefault(label, text)
                key = (_RANK[candidate.verdict.label], candidate.source is Source.LIVE,
                       candidate.verdict.score)
                if best is None or key > best[0]:
                    best = (key, candidate)
        if best is not None and len(texts) > 1:
            return self._together(claim, best[1], list(texts.values()))
        if best is not None:
            return best[1]
        reason = "; ".join(reasons) or "the claim cites no known note"
        return ClaimReport(claim, reason=reason)

    def _together(self, claim: Claim, best: ClaimReport, texts: list[_Text]) -> ClaimReport:
        """A claim citing several notes may be supported by their pages together, by no
        one of them alone: the combined verdict replaces the best single one if better."""
        assert best.verdict is not None
        if best.verdict.label is Label.SUPPORTED:
            return best
        docs = [SourceDoc(t.page.text, t.page.title, None, t.url, t.page.published)
                for t in texts]
        together = verify_claim_sources(claim.text, docs, context=claim.context or None)
        if _RANK[together.label] <= _RANK[best.verdict.label]:
            return best
        return attrs.evolve(best, verdict=together)

    def _judge_url(self, claim: Claim, note: Note, target: Note, url: str,
                   near: dt.date | None) -> ClaimReport | None:
        live_text, live_verdicts = self._live(url)
        live = live_verdicts.get(claim.id) if live_text is not None else None
        archived: Verdict | None = None
        archived_text: _Text | None = None
        if live is None or live.label is not Label.SUPPORTED:
            archived_text = self._archived_text(url, near)
            if archived_text is not None:
                claim_input = ClaimInput(claim.id, claim.text, claim.context, target.publisher)
                archived = workers.run(self._work, workers.verify_page, archived_text.page,
                                       archived_text.url, (claim_input,), self._verifier)[0]
        if live is None and archived is None:
            return None
        use_archive = archived is not None and (
            live is None or _RANK[archived.label] > _RANK[live.label]
        )
        chosen, text = (archived, archived_text) if use_archive else (live, live_text)
        assert chosen is not None and text is not None
        return ClaimReport(
            claim, chosen, text.source, note.label, text.url, live=live, archived=archived,
        )

    def _candidate_texts(self, article: Article) -> dict[str, str]:
        """Each note's readable text (live, else archived), for the misplaced-note cross-check."""
        targets = effective_notes(article)
        return {label: text.page.text for label, text in self._note_texts(article).items()
                if targets[label].label == label}  # an Ibid. carries no source of its own

    def _note_texts(self, article: Article) -> dict[str, _Text]:
        """Each note's readable page (live, else archived); an ``Ibid.`` has its original's."""
        targets = effective_notes(article)
        texts: dict[str, _Text] = {}
        for note in article.notes:
            for url in targets[note.label].urls:
                text = self._live(url)[0] or self._archived_by_url.get(url)
                if text is not None:
                    texts[note.label] = text
                    break
        return texts

    def _shifted(self, article: Article, targets: dict[str, Note]) -> tuple[ShiftedRun, ...]:
        """Runs of shifted notes: each weak sentence verified against its neighbours' pages."""
        with self._lock:
            claims = [self._claims[c.id] for c in article.claims if c.id in self._claims]
        pages = self._note_texts(article)
        order = [note.label for note in article.notes]
        source_of = {label: targets[label].label for label in order}
        pairs = candidates(order, source_of, claims, pages)
        by_note: dict[str, list[Candidate]] = {}
        for pair in pairs:
            by_note.setdefault(pair.note, []).append(pair)
        asks = [(pages[label], tuple(
            ClaimInput(p.claim.claim.id, p.claim.claim.text, p.claim.claim.context,
                       targets[label].publisher) for p in group))
                for label, group in by_note.items()]
        verified: list[tuple[Candidate, Verdict | None, str | None]] = []
        for (text, _), group, verdicts in zip(asks, by_note.values(), self._verify_pages(asks),
                                              strict=True):
            verified += [(p, v, text.url) for p, v in zip(group, verdicts, strict=True)]
        return runs(order, verified)

    def _verify_pages(self, asks: list[tuple[_Text, tuple[ClaimInput, ...]]]
                      ) -> list[tuple[Verdict, ...]]:
        """Each page's verdicts on its claims, the pages verified side by side in the workers."""
        calls = [(text.page, text.url, inputs, self._verifier) for text, inputs in asks]
        return list(workers.side_by_side(self._work, workers.verify_page, calls))

    # -- archive saves and the note view -------------------------------------------------------

    def _save_missing(self) -> None:
        saver = SavePageNow(self.session, self.config.http, credentials=Credentials.from_env())
        for (url, _near), future in self._lookups.items():
            lookup = _finished(future)
            if lookup is None or lookup.snapshots or not lookup.complete or url in self._saves:
                continue
            self._saves[url] = saver.save(url)

    def _offline_reason(self, notes: tuple[NoteReport, ...]) -> str | None:
        """``"the network is unreachable: …"`` when no host at all could be reached, else None."""
        links = [link for n in notes for link in n.links]
        return network_down(links, self._asked_archives)

    def _note_report(self, note: Note, target: Note) -> NoteReport:
        near = access_date(note, target)
        links: list[LinkCheck] = []
        for url in note.urls:
            result = self._links.get(url)
            if result is None:
                continue
            lookup = self._lookup_state(url, near)
            text = self._texts.get(url)
            published = text.page.published if text is not None else None
            links.append(LinkCheck(result, lookup, published, self._saves.get(url)))
        return NoteReport(note, tuple(links))

    def _read_url(self, url: str, format: str | None) -> Article:
        try:
            response = self.session.get(url)
        except (requests.RequestException, PolicyRefused, ReplayMiss, NetworkError) as exc:
            raise InputError(f"could not fetch the article {url}: {exc}") from exc
        if response.status_code >= 400:
            raise InputError(f"could not fetch the article {url}: HTTP {response.status_code}")
        media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if format is None:
            format = _URL_FORMATS.get(media, "html")
        self.original = load(response.content).text
        return parse_article(response.content, format, name=url)


    def _cited_lookup(self, url: str, near: dt.date | None, copy: CitedCopy) -> SnapshotLookup:
        """The copy the note cites, as its look-up: usable if it checked as a working page."""
        result = self._links.get(copy.url)  # no lock: report() holds it while calling this
        if result is None:
            why = "interrupted before the cited copy was checked"
            return SnapshotLookup.unasked(url, near, why)
        if not result.is_ok:
            failure = LookupFailure(
                copy.archive, Problem.ARCHIVE_ERROR,
                f"the archived copy the note cites ({copy.url}) is not a working page: "
                f"{result.outcome.value}: {result.reason}")
            return SnapshotLookup(url, near, failures=(failure,))
        # A copy cited by a short id (archive.today, Perma.cc) names no date: the note's
        # access date stands in for it, as the date the note vouches for.
        when = copy.datetime or reference_instant(near or self.checked_at)
        snapshot = Snapshot(copy.url, copy.original or url, when, copy.archive,
                            status=result.status)
        return SnapshotLookup(url, near, (snapshot,), cited=True)

    def _lookup_state(self, url: str, near: dt.date | None) -> SnapshotLookup:
        """The look-up as the report states it: found, none, unknown, or why it was not made."""
        if recognise(url) is not None:
            return SnapshotLookup.unasked(url, near, IS_A_COPY)
        if (url, near) in self._cited:
            return self._cited_lookup(url, near, self._cited[(url, near)])
        if (url, near) in self._checked:
            return self._checked[(url, near)]
        future = self._lookups.get((url, near))
        if future is None:
            why = "archives disabled" if not self._asked_archives else "not looked up"
            return SnapshotLookup.unasked(url, near, why)
        if not future.done() or future.cancelled():
            return SnapshotLookup.unasked(url, near, "interrupted before the look-up finished")
        exc = future.exception()
        if exc is not None:
            failure = LookupFailure("archives", Problem.ARCHIVE_ERROR, f"look-up failed: {exc}")
            return SnapshotLookup(url, near, failures=(failure,))
        return future.result()


def network_down(links: list[LinkCheck], asked_archives: bool) -> str | None:
    """Why the network looks unreachable: every host, the archives' included, failed to connect.

    Two hosts at least must have been tried, so one dead site is never taken
    for a dead network; an archive that answered anything, or any link that
    got an HTTP answer, means the network is up.
    """
    if not links or any(link.result.outcome not in _UNREACHABLE for link in links):
        return None
    hosts = {urlsplit(link.url).hostname or link.url for link in links}
    archives: set[str] = set()
    if asked_archives:
        for link in links:
            lookup = link.lookup
            if lookup is None or lookup.not_asked is not None:
                continue
            if lookup.snapshots or not lookup.failures or any(
                f.problem not in (Problem.NETWORK_ERROR, Problem.SKIPPED)
                for f in lookup.failures
            ):
                return None
            archives.update(f.archive for f in lookup.failures)
    if len(hosts) + len(archives) < 2:
        return None
    sites = sorted(hosts)
    shown = ", ".join(sites[:2]) + (f" and {len(sites) - 2} more" if len(sites) > 2 else "")
    asked = f", nor the {' and '.join(sorted(archives))} archive" if archives else ""
    plural = "s" if len(archives) > 1 else ""
    return (f"the network is unreachable: no cited site ({shown}){asked}{plural} could be "
            "resolved or connected to, so no link or archive could be checked")


_UNREACHABLE = frozenset({Outcome.DNS_ERROR, Outcome.CONNECTION_ERROR})
"""Link outcomes where no answer came at all (not even a timeout after connecting)."""


_URL_FORMATS = {
    "text/markdown": "markdown",
    "text/plain": "text",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/x-bibtex": "bibtex",
    "application/vnd.citationstyles.csl+json": "csljson",
}
"""How an article fetched by URL is read, by its media type (anything else: HTML)."""


def _finished(future: concurrent.futures.Future[SnapshotLookup]) -> SnapshotLookup | None:
    """A look-up's result if it finished cleanly, else ``None`` (interrupted runs)."""
    if not future.done() or future.cancelled() or future.exception() is not None:
        return None
    return future.result()


def audit(
    source: str | bytes | os.PathLike[str] | Path,
    config: Config | None = None,
    *,
    format: str | None = None,
    session: requests.Session | None = None,
    progress: Callable[[Progress], None] | None = None,
    sources: Sequence[str | os.PathLike[str]] = (),
) -> Report:
    """Audit an article (a path, a URL, or its text) and return the :class:`Report`.

    ``format`` overrides the article reader (``text``, ``html``, ``markdown``);
    ``session`` replaces the one built from ``config.http``; ``progress`` is
    called as each link, archive look-up and claim is done.  ``sources`` is a
    pool of pages (URLs, saved pages, folders, WARC captures, ``article:PATH``)
    every sentence is also matched against (see :mod:`citeaudit.pool`).
    """
    return Auditor(config, session=session, progress=progress,
                   sources=sources).run(source, format=format)
