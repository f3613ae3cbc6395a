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

The stages' parts live beside the :class:`Auditor` that runs them:
:mod:`~citeaudit.audit.targets` (what each note stands for, what to ask),
:mod:`~citeaudit.audit.source` (reading the article from a URL),
:mod:`~citeaudit.audit.captures` (the nearest capture that is a real page),
:mod:`~citeaudit.audit.lookups` (look-ups as the report states them),
:mod:`~citeaudit.audit.verdicts` (choosing among a claim's verdicts),
:mod:`~citeaudit.audit.shifted` (runs of shifted notes) and
:mod:`~citeaudit.audit.offline` (a network down, not sites dead).
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import requests

from citeaudit import workers
from citeaudit.archive._http import over_bulk
from citeaudit.archive.cache import LookupCache
from citeaudit.archive.cited import CitedCopy
from citeaudit.archive.interface import ArchiveBackend, Snapshot, SnapshotLookup
from citeaudit.archive.lookup import Batch, backends
from citeaudit.archive.politeness import with_archive_intervals
from citeaudit.archive.save import Credentials, SavePageNow, SaveResult
from citeaudit.article import Article
from citeaudit.audit.captures import SNAPSHOT_TRIES, first_real_page
from citeaudit.audit.lookups import _finished, cited_lookup, lookup_state
from citeaudit.audit.model import Progress, _Key, _Text
from citeaudit.audit.offline import network_down
from citeaudit.audit.shifted import shifted_runs
from citeaudit.audit.source import fetch_article, is_url
from citeaudit.audit.targets import (
    access_date,
    claim_inputs,
    claims_waiting,
    effective_notes,
    lookup_keys,
)
from citeaudit.audit.verdicts import _RANK, judged_together
from citeaudit.claims import Claim
from citeaudit.config import Config
from citeaudit.errors import CiteauditError, InputError
from citeaudit.extract import PageText
from citeaudit.findings import DEAD, find_problems, misplaced_notes
from citeaudit.http import make_session
from citeaudit.links import LinkResult, iter_check_links
from citeaudit.notes import Note
from citeaudit.pool.model import PoolReport
from citeaudit.read import parse_article
from citeaudit.read.detect import load
from citeaudit.report.model import ClaimReport, LinkCheck, NoteReport, Report, Source
from citeaudit.shifts import ShiftedRun
from citeaudit.verify import Verdict
from citeaudit.verify.backend import check_verifier, choose, release
from citeaudit.verify.verdict import Label
from citeaudit.workers import ClaimInput

if TYPE_CHECKING:
    from citeaudit.pool.sources import SourcePool

ARCHIVE_WORKERS = 4
"""Concurrent archive look-ups; each archive's host interval still spaces them."""
VERIFY_WORKERS = 8
"""Threads settling claims; they mostly wait for workers, archive look-ups and snapshots."""


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
        pairs, cited = lookup_keys(article, targets, self.original or "")
        self._cited.update(cited)
        urls = list(dict.fromkeys(
            [url for note in article.notes for url in targets[note.label].urls]
            + [copy.url for copy in self._cited.values()]))
        waiting = claims_waiting(article, targets)

        archive_pool = concurrent.futures.ThreadPoolExecutor(
            ARCHIVE_WORKERS, thread_name_prefix="citeaudit-archive")
        verify_pool = concurrent.futures.ThreadPoolExecutor(
            VERIFY_WORKERS, thread_name_prefix="citeaudit-verify")
        verifying: list[concurrent.futures.Future[None]] = []
        # Told as each claim is settled, while links are still being checked.
        settled = self._counter("claims", len(waiting))

        def verify(claim: Claim) -> None:
            verifying.append(verify_pool.submit(self._verify, claim, targets))
            verifying[-1].add_done_callback(settled)

        try:
            batch = self._batch()
            self._asked_archives = batch is not None
            if batch is not None:
                self._start_lookups(batch, list(pairs), archive_pool)
            # Claims citing no URL at all (books, explanatory notes) are settled at once.
            for claim in [c for c, pending in waiting.items() if not pending]:
                verify(claim)
                del waiting[claim]
            # Each answer wakes only the claims citing its URL (not a scan of every claim).
            citing: dict[str, list[Claim]] = {}
            for claim, pending in waiting.items():
                for url in pending:
                    citing.setdefault(url, []).append(claim)
            self._inputs = claim_inputs(article, targets)
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
                        verify(claim)
            offered = self._check_offered(verify_pool)
            for future in concurrent.futures.as_completed(verifying):
                future.result()
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
        finished = self._counter("archive", len(self._lookups))
        for future in list(self._lookups.values()):
            future.add_done_callback(finished)

    def _counter(self, stage: str, total: int) -> Callable[[concurrent.futures.Future[Any]], None]:
        """A done-callback telling ``stage``'s progress as each of its ``total`` jobs ends."""
        counter = {"done": 0}

        def finished(_: concurrent.futures.Future[Any]) -> None:
            with self._lock:
                counter["done"] += 1
                done = counter["done"]
            self._tell(stage, done, total)

        return finished

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
        """The text of the nearest capture that is a real page (see :func:`first_real_page`)."""

        def checked(lookup: SnapshotLookup) -> None:
            self._checked[(url, near)] = lookup

        return first_real_page(
            self._lookup(url, near), url, near, session=self.session, http=self.config.http,
            more=lambda archive: self._more_captures(archive, url, near),
            read=lambda body, content_type, original: workers.run(
                self._work, workers.read_page, body, content_type, original),
            checked=checked,
        )

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
            return judged_together(claim, best[1], list(texts.values()))
        if best is not None:
            return best[1]
        reason = "; ".join(reasons) or "the claim cites no known note"
        return ClaimReport(claim, reason=reason)

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
        return shifted_runs(article, targets, claims, self._note_texts(article),
                            self._verify_pages)

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
        content, format = fetch_article(self.session, url, format)
        self.original = load(content).text
        return parse_article(content, format, name=url)

    def _cited_lookup(self, url: str, near: dt.date | None, copy: CitedCopy) -> SnapshotLookup:
        """The copy the note cites, as its look-up: usable if it checked as a working page."""
        result = self._links.get(copy.url)  # no lock: report() holds it while calling this
        return cited_lookup(url, near, copy, result, self.checked_at)

    def _lookup_state(self, url: str, near: dt.date | None) -> SnapshotLookup:
        """The look-up as the report states it: found, none, unknown, or why it was not made."""
        key = (url, near)
        return lookup_state(url, near, cited=self._cited.get(key), checked=self._checked.get(key),
                            future=self._lookups.get(key), asked_archives=self._asked_archives,
                            links=self._links, checked_at=self.checked_at)


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
