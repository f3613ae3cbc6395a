"""The audit: article → notes and claims → links → archived copies → verdicts → findings.

:func:`audit` runs every stage over one article and returns a
:class:`~citeaudit.report.Report`.  The stages overlap, so an audit takes
little longer than checking its links alone:

* archive look-ups start at once, beside the link checks (they need only the
  URL and the note's access date);
* a page's text is extracted, and every claim citing it verified, as soon as
  its link check finishes — while other links are still being fetched;
* a claim whose live page is gone, walled or does not support it is verified
  again against the archived copy nearest the note's access date.

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
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import attrs
import requests

from citeaudit import workers
from citeaudit.archive.interface import ArchiveBackend, Snapshot, SnapshotLookup
from citeaudit.archive.lookup import Batch, backends, fetch_snapshot
from citeaudit.archive.save import Credentials, SavePageNow, SaveResult
from citeaudit.article import Article
from citeaudit.claims import Claim
from citeaudit.config import Config
from citeaudit.errors import CiteauditError, InputError, NetworkError, PolicyRefused, ReplayMiss
from citeaudit.extract import PageText
from citeaudit.findings import find_problems, misplaced_notes
from citeaudit.http import make_session
from citeaudit.links import LinkResult, iter_check_links
from citeaudit.notes import Note, NoteKind
from citeaudit.read import parse_article
from citeaudit.read.detect import load
from citeaudit.report.model import ClaimReport, LinkCheck, NoteReport, Report, Source
from citeaudit.verify import Verdict
from citeaudit.verify.backend import check_verifier, choose, release
from citeaudit.verify.verdict import Label
from citeaudit.workers import ClaimInput

ARCHIVE_WORKERS = 4
"""Concurrent archive look-ups; each archive's host interval still spaces them."""
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
    """``links``, ``archive`` or ``claims``."""
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
    ) -> None:
        self.config = config or Config()
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
        self._archived: dict[str, concurrent.futures.Future[_Text | None]] = {}
        """Snapshot URL → its text, fetched once however many claims need it."""
        self._archived_by_url: dict[str, _Text] = {}
        self._claims: dict[str, ClaimReport] = {}
        self._saves: dict[str, SaveResult] = {}
        self._complete = False

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
            self._run(article)
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
        findings = find_problems(article, notes, claims)
        return Report(article, self.checked_at, notes, claims, tuple(findings),
                      complete=self._complete)

    # -- the pipeline ------------------------------------------------------------------------

    def _run(self, article: Article) -> None:
        targets = effective_notes(article)
        pairs: dict[tuple[str, dt.date | None], None] = {}
        for note in article.notes:
            target = targets[note.label]
            for url in target.urls:
                pairs[(url, access_date(note, target))] = None
        urls = list(dict.fromkeys(url for url, _ in pairs))
        waiting = self._claims_waiting(article, targets)

        archive_pool = concurrent.futures.ThreadPoolExecutor(
            ARCHIVE_WORKERS, thread_name_prefix="citeaudit-archive")
        verify_pool = concurrent.futures.ThreadPoolExecutor(
            VERIFY_WORKERS, thread_name_prefix="citeaudit-verify")
        verifying: list[concurrent.futures.Future[None]] = []
        try:
            batch = self._batch()
            if batch is not None:
                for url, near in pairs:
                    self._lookups[(url, near)] = archive_pool.submit(batch.lookup, url, near)
                self._count_lookups()
            # Claims citing no URL at all (books, explanatory notes) are settled at once.
            for claim in [c for c, pending in waiting.items() if not pending]:
                verifying.append(verify_pool.submit(self._verify, claim, targets))
                del waiting[claim]
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
                ready = [c for c, pending in waiting.items() if result.url in pending]
                for claim in ready:
                    waiting[claim].discard(result.url)
                    if not waiting[claim]:
                        del waiting[claim]
                        verifying.append(verify_pool.submit(self._verify, claim, targets))
            for i, future in enumerate(concurrent.futures.as_completed(verifying), 1):
                future.result()
                self._tell("claims", i, len(verifying))
            if self.config.save_missing:
                self._save_missing()
        except BaseException:
            self._stop(archive_pool, verify_pool)
            raise
        archive_pool.shutdown(wait=True)
        verify_pool.shutdown(wait=True)

    def _stop(self, *pools: concurrent.futures.Executor) -> None:
        """Stop at once: queued work is dropped, in-flight requests return now."""
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
        return Batch(archives) if archives else None

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
        future = self._lookups.get((url, near))
        if future is None:
            return None
        try:
            return future.result()
        except (concurrent.futures.CancelledError, CiteauditError, requests.RequestException):
            return None  # "could not look it up" is reported by the note, not raised here

    def _archived_text(self, url: str, near: dt.date | None) -> _Text | None:
        lookup = self._lookup(url, near)
        snapshot = lookup.best if lookup is not None else None
        if snapshot is None:
            return None
        with self._lock:
            future = self._archived.get(snapshot.url)
            mine = future is None
            if future is None:
                future = self._archived[snapshot.url] = concurrent.futures.Future()
        if mine:
            future.set_result(self._fetch_archived(snapshot))
        text = future.result()
        if text is not None:
            with self._lock:
                self._archived_by_url.setdefault(url, text)
        return text

    def _fetch_archived(self, snapshot: Snapshot) -> _Text | None:
        try:
            page = fetch_snapshot(snapshot, self.config, session=self.session)
        except (CiteauditError, requests.RequestException, OSError):
            return None
        text = workers.run(self._work, workers.read_page, page.body, page.content_type,
                           snapshot.original)
        return _Text(text, snapshot.url, Source.ARCHIVE) if text is not None else None

    # -- verification --------------------------------------------------------------------------

    def _verify(self, claim: Claim, targets: dict[str, Note]) -> None:
        report = self._judge(claim, targets)
        with self._lock:
            self._claims[claim.id] = report

    def _judge(self, claim: Claim, targets: dict[str, Note]) -> ClaimReport:
        assert self.article is not None
        best: tuple[tuple[int, int, float], ClaimReport] | None = None
        reasons: list[str] = []
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
                key = (_RANK[candidate.verdict.label], candidate.source is Source.LIVE,
                       candidate.verdict.score)
                if best is None or key > best[0]:
                    best = (key, candidate)
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
        texts: dict[str, str] = {}
        for note in article.notes:
            if targets[note.label] is not note:
                continue  # an Ibid. carries no source of its own
            for url in note.urls:
                text = self._live(url)[0] or self._archived_by_url.get(url)
                if text is not None:
                    texts[note.label] = text.page.text
                    break
        return texts

    # -- archive saves and the note view -------------------------------------------------------

    def _save_missing(self) -> None:
        saver = SavePageNow(self.session, self.config.http, credentials=Credentials.from_env())
        for (url, _near), future in self._lookups.items():
            lookup = _finished(future)
            if lookup is None or lookup.snapshots or not lookup.complete or url in self._saves:
                continue
            self._saves[url] = saver.save(url)

    def _note_report(self, note: Note, target: Note) -> NoteReport:
        near = access_date(note, target)
        links: list[LinkCheck] = []
        for url in note.urls:
            result = self._links.get(url)
            if result is None:
                continue
            future = self._lookups.get((url, near))
            lookup = _finished(future) if future is not None else None
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
            format = "markdown" if media == "text/markdown" else (
                "text" if media == "text/plain" else "html")
        self.original = load(response.content).text
        return parse_article(response.content, format, name=url)


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
) -> Report:
    """Audit an article (a path, a URL, or its text) and return the :class:`Report`.

    ``format`` overrides the article reader (``text``, ``html``, ``markdown``);
    ``session`` replaces the one built from ``config.http``; ``progress`` is
    called as each link, archive look-up and claim is done.
    """
    return Auditor(config, session=session, progress=progress).run(source, format=format)
