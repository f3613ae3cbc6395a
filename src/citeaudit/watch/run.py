"""A watch run: re-read what is watched, re-check its URLs, commit each result as made.

A run plans its URLs (every cited URL, or with ``due_only`` those the
:class:`~citeaudit.watch.schedule.DeadPolicy` says are due), then streams them
through one link check: :func:`due_urls` reads the URLs still to check from the
store a page at a time, the checker fetches them through one shared session
(each unique URL once however many articles cite it, politely per host, with
one soft-404 probe per site folder for the whole run), and a
:class:`Committer` commits the results as they arrive, in small groups (a
group is committed once it is full or its oldest result is a fifth of a
second old).  A slow URL holds up only itself.
A killed or interrupted run is continued by the next :meth:`Runner.run`, which
never fetches a URL whose result was committed.

For every page that answers, the fingerprint of its main text is compared
with the last one, in worker processes while the fetching goes on.  A changed
page is **drifted** when its text is notably different (word-trigram
similarity below the threshold) or when a claim it supported
(``supported``/``partially_supported``) is now ``not_found`` or
``contradicted`` by :func:`citeaudit.verify_claim`.  Claims are verified the
first time a page is seen (the baseline) and again whenever it changes.
A page that answers with the very body its stored text was read from (same
bytes, content type and URL: :func:`~citeaudit.watch.fingerprint.body_digest`)
is not read again: extraction depends on nothing else, so it is unchanged,
unless a claim citing it still needs its baseline.

The seam for checking elsewhere (e.g. on a cluster): :meth:`Runner.run` takes
``check``, a :data:`Checker` that turns the due URLs into ``(DueUrl, LinkResult)``
pairs as they finish; the run keeps the lock, the plan and the commits.  A checker
may read the pages itself, where it fetched them, and yield ``(DueUrl, LinkResult,
PageRead)``: the cluster checker does, so the coordinator only commits (issue #17).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import requests

from citeaudit.article import Article
from citeaudit.config import HttpConfig
from citeaudit.errors import CiteauditError, InputError
from citeaudit.links import LinkResult, iter_check_links
from citeaudit.watch.discover import discover, is_url, read_bytes, sniff
from citeaudit.watch.fingerprint import DRIFT_SIMILARITY, similarity
from citeaudit.watch.pages import (
    PageBaseline,
    PageRead,
    PageState,
    ReadKind,
    answered,
    fetched_digest,
    is_same_body,
    read_page_state,
)
from citeaudit.watch.schedule import CheckKind, DeadPolicy, Event, kind_of
from citeaudit.watch.store import CheckRecord, PageInput, RunInfo, WatchStore
from citeaudit.workers import ClaimInput

if TYPE_CHECKING:
    from citeaudit.watch.cluster import ClusterTarget

__all__ = [
    "SUPPORTING",
    "UNSUPPORTING",
    "Checked",
    "Checker",
    "Committer",
    "DueUrl",
    "PageBaselines",
    "PageWork",
    "RunSummary",
    "Runner",
    "WatchOptions",
    "add_targets",
    "check_here",
    "due_urls",
    "file_mark",
    "record_article",
]

SUPPORTING = frozenset({"supported", "partially_supported"})
UNSUPPORTING = frozenset({"not_found", "contradicted"})
"""A claim going from :data:`SUPPORTING` to one of these has lost its support."""


@attrs.frozen
class WatchOptions:
    """How a run behaves."""

    policy: DeadPolicy = attrs.field(factory=DeadPolicy)
    due_only: bool = False
    """Check only what the policy says is due, not every watched URL."""
    verify_claims: bool = True
    """Verify claims against pages (baseline, and on every change) to detect lost support."""
    drift_similarity: float = DRIFT_SIMILARITY
    batch: int = 500
    """Due URLs read from the store at a time (:func:`due_urls`); no check waits for a batch."""
    commit_group: int = 100
    """Results committed in one transaction (:class:`Committer`); 1: each on its own."""
    workers: int | None = None
    """Processes reading pages and verifying claims; ``None``: one per CPU (at most 4)."""
    cluster: ClusterTarget | str | None = None
    """Check the URLs on a Dask cluster (``tcp://HOST:PORT`` or ``local:N``), sharded by domain."""


@attrs.frozen
class DueUrl:
    """A URL the run has still to check."""

    url_id: int
    url: str
    first: bool
    """Never checked before: a first-seen live URL is offered to the saver."""


Checked = tuple[DueUrl, LinkResult] | tuple[DueUrl, LinkResult, PageRead | None]
Checker = Callable[[Iterable[DueUrl]], Iterable[Checked]]
"""Checks due URLs and yields each with its result as it finishes (any order).

A checker may take the URLs as lazily as it likes; each due URL should come
back once (one that does not stays due, and the run stays unfinished).  One that
reads the pages itself (:func:`~citeaudit.watch.pages.read_fetched`) adds the
:class:`~citeaudit.watch.pages.PageRead` as a third item and may drop the body;
the run then reads none of those pages (``None``: not read there, so a page that
answered with its body is read here).
"""

PageBaselines = Callable[[list[int]], dict[int, PageBaseline]]
"""The :class:`~citeaudit.watch.pages.PageBaseline` of each URL id that has one."""


def due_urls(store: WatchStore, run_id: int, *, page: int = 500) -> Iterator[DueUrl]:
    """The run's URLs with no committed check, by id, read ``page`` at a time."""
    after = 0
    while rows := store.pending(run_id, after=after, limit=page):
        for url_id, url, first in rows:
            yield DueUrl(url_id, url, first)
        after = rows[-1][0]


def on_cluster(
    target: ClusterTarget | str, config: HttpConfig, baselines: PageBaselines | None = None,
) -> Checker:
    """The cluster checker: due URLs sharded by registrable domain over a Dask cluster's workers.

    Workers check their shard with the link checker built from ``config`` and stream
    results back; they never write the store, the run commits each result here.
    With ``baselines``, each worker also reads the pages it fetched, from what
    ``baselines`` gives for its shard's URLs, and sends back its reading instead of
    the body.
    """

    def check(due: Iterable[DueUrl]) -> Iterator[Checked]:
        from citeaudit.watch.cluster import check_on_cluster

        by_id: dict[int, DueUrl] = {}

        def rows() -> Iterator[tuple[int, str, bool]]:
            for item in due:
                by_id[item.url_id] = item
                yield item.url_id, item.url, item.first

        with contextlib.closing(
            check_on_cluster(target, rows(), config, baselines=baselines)
        ) as results:
            for url_id, _first, result, page in results:
                yield (by_id[url_id], result) if baselines is None else \
                    (by_id[url_id], result, page)

    return check


def check_here(config: HttpConfig, session: requests.Session) -> Checker:
    """The in-process checker: one :func:`~citeaudit.links.iter_check_links` for the whole run.

    One call, so the soft-404 probe cache is the run's (one probe per site
    folder) and results flow as they finish, with no batch barrier.
    """

    def check(due: Iterable[DueUrl]) -> Iterator[Checked]:
        # Filled as the link check takes each URL; a result takes its entry back out.
        waiting: dict[str, list[DueUrl]] = {}

        def urls() -> Iterator[str]:
            for item in due:
                waiting.setdefault(item.url.strip(), []).append(item)
                yield item.url

        for result in iter_check_links(urls(), config, session=session):
            for item in waiting.pop(result.url, ()):
                yield item, result

    return check


@attrs.frozen
class PageWork:
    """What a page that answered needs: worker arguments, or nothing when its body is the same."""

    args: tuple
    """Arguments of :func:`~citeaudit.watch.pages.read_page_state` (empty when not read)."""
    before: dict[str, str]
    """Each claim's last verdict (claim key: label), to see support lost."""
    body_digest: str | None
    """The body's digest, stored with the text read from it; ``None`` for a body cut at the
    size cap, which is read again every time rather than trusted as the whole page."""
    same_fingerprint: str | None = None
    """Set when the body is the one the stored text was read from and no claim needs a
    baseline: the page is unchanged, with this (stored) fingerprint, and is not read."""
    state: PageState | None = None
    """Set when the page was read where it was fetched (a cluster worker): nothing is
    left to read here, and its fields are committed as those of a page read here."""


@attrs.frozen
class RunSummary:
    """What one call of :meth:`Runner.run` did."""

    run: RunInfo
    """The run as it stands after this call."""
    checked: int
    """Checks this call recorded (a resumed run had others before)."""
    events: dict[str, int] = attrs.field(factory=dict)
    finished: bool = False
    article_errors: int = 0
    """Articles or sources that could not be read this time (kept, retried next run)."""


def add_targets(
    store: WatchStore, targets: Iterable[str], session: requests.Session | None = None
) -> list[tuple[str, str, bool]]:
    """Watch articles (files, URLs), sitemaps and feeds; returns (location, kind, is new).

    Files are checked to exist and, like sitemaps and feeds, read now; article
    URLs are fetched at the next run.  A sitemap or feed adds every article it lists.
    """
    added: list[tuple[str, str, bool]] = []
    for target in targets:
        location = target.strip() if is_url(target) else str(Path(target).resolve())
        content: bytes | None = None
        if not is_url(target):
            content = read_bytes(target)
        elif _looks_like_listing(target):
            content = read_bytes(location, session)
        kind = sniff(content) if content is not None else None
        if kind is None:
            article_kind = "url" if is_url(target) else "file"
            article = None
            if article_kind == "file":
                from citeaudit.read import parse_article

                mark = file_mark(location)  # read before parsing: a later edit is seen
                article = parse_article(Path(location))  # bad file: fail now, not at the run
            article_id, new = store.add_article(location, article_kind)
            if article is not None:
                record_article(store, article_id, article, mark)
            added.append((location, article_kind, new))
            continue
        listing = discover(location, session, content=content)
        source_id, new = store.add_source(location, kind.value)
        added.append((location, kind.value, new))
        for url in listing.articles:
            store.add_article(url, "url", source_id)
        store.set_source_read(source_id, None)
    return added


def _looks_like_listing(url: str) -> bool:
    lowered = url.lower().split("?", 1)[0]
    return lowered.endswith((".xml", ".xml.gz", ".rss", ".atom", "/feed", "/feed/", "/rss")) or (
        "sitemap" in lowered or "feed" in lowered.rsplit("/", 1)[-1]
    )


def file_mark(location: str) -> str:
    """What a file article looks like (mtime, size): re-parsed only when this changes."""
    try:
        stat = os.stat(location)
    except OSError as exc:
        raise InputError(f"{location}: cannot read: {exc.strerror or exc}") from exc
    return f"file:{stat.st_mtime_ns}:{stat.st_size}"


def record_article(store: WatchStore, article_id: int, article: Article, mark: str) -> bool:
    """Store what ``article`` cites (notes' URLs, ``Ibid.`` resolved) and its claims."""
    from citeaudit.audit import effective_notes

    targets = effective_notes(article)
    citations = [(label, url) for label, note in targets.items() for url in note.urls]
    claims = [(c.id, c.text, c.context, c.note_labels) for c in article.claims]
    return store.set_article_content(
        article_id, mark=mark, title=article.title, citations=citations, claims=claims
    )


class Runner:
    """Runs watch checks against one store through one polite session."""

    def __init__(
        self,
        store: WatchStore,
        config: HttpConfig | None = None,
        *,
        session: requests.Session | None = None,
        options: WatchOptions | None = None,
        saver: Callable[[str], object] | None = None,
    ) -> None:
        """``saver`` (e.g. ``SavePageNow(...).save``) is asked to capture first-seen live URLs."""
        self.store = store
        self.config = config or getattr(session, "config", None) or HttpConfig()
        self.options = options or WatchOptions()
        self.saver = saver
        self._session = session

    # -- refresh -------------------------------------------------------------------------------

    def refresh(self, session: requests.Session) -> int:
        """Re-read sources (new articles) and articles (new citations); returns failures."""
        errors = 0
        for source_id, location, _kind in self.store.sources():
            try:
                listing = discover(location, session)
            except CiteauditError as exc:
                self.store.set_source_read(source_id, str(exc))
                errors += 1
                continue
            for url in listing.articles:
                self.store.add_article(url, "url", source_id)
            self.store.set_source_read(source_id, None)
        after = 0
        while page := self.store.articles(after=after):
            for article_id, location, kind, mark in page:
                try:
                    self._read_article(article_id, location, kind, mark, session)
                except CiteauditError as exc:
                    self.store.set_article_error(article_id, str(exc))
                    errors += 1
            after = page[-1][0]
        return errors

    def _read_article(
        self, article_id: int, location: str, kind: str, mark: str | None,
        session: requests.Session,
    ) -> None:
        from citeaudit.read import parse_article

        if kind == "file":
            new_mark = file_mark(location)
            if new_mark == mark:
                self.store.set_article_content(
                    article_id, mark=new_mark, title=None, citations=(), claims=()
                )
                return
            article = parse_article(Path(location))
        else:
            content = read_bytes(location, session)
            new_mark = "sha256:" + hashlib.sha256(content).hexdigest()
            if new_mark == mark:
                self.store.set_article_content(
                    article_id, mark=new_mark, title=None, citations=(), claims=()
                )
                return
            article = parse_article(content, name=location)
        record_article(self.store, article_id, article, new_mark)

    # -- run -----------------------------------------------------------------------------------

    def run(
        self,
        *,
        on_start: Callable[[RunInfo], None] | None = None,
        on_result: Callable[[LinkResult], None] | None = None,
        check: Checker | None = None,
    ) -> RunSummary:
        """Check the due URLs (continuing an unfinished run if there is one).

        ``on_start`` gets the run before checking starts (``planned - checked``
        URLs remain); ``on_result`` gets each result after it is committed (on a
        cluster run, without its body: the worker that fetched the page read it).
        ``check`` replaces the in-process checker (:func:`check_here`), e.g. by
        one that checks the URLs on other machines; results still come back
        here to be committed, once each.
        A ``KeyboardInterrupt`` leaves the run unfinished, every committed
        result kept, for the next call to continue.  While it checks, the
        run holds the store's run lock: a second run on the same database
        raises :class:`~citeaudit.watch.store.RunBusy` instead of fetching
        the same URLs again.
        """
        # The workers are forked first: a worker forked under the lock would hold it too,
        # and keep it for a moment after a killed run.  A cluster run needs none: the
        # cluster's workers read the pages they fetch.
        if not self._reads_on_cluster(check):
            self._pool()
        with self.store.run_lock():
            return self._run(on_start, on_result, check)

    def _run(
        self,
        on_start: Callable[[RunInfo], None] | None,
        on_result: Callable[[LinkResult], None] | None,
        check: Checker | None,
    ) -> RunSummary:
        from citeaudit.http import make_session

        own = self._session is None
        session = self._session if self._session is not None else make_session(self.config)
        try:
            errors = 0
            if self.store.unfinished_run() is None:
                errors = self.refresh(session)
            run = self.store.start_run(due_only=self.options.due_only, policy=self.options.policy)
            if on_start is not None:
                on_start(run)
            pool = None if self._reads_on_cluster(check) else self._pool()
            committer = Committer(self, run.id, pool, on_result)
            if check is None and self.options.cluster is not None:
                # The workers read the pages they fetch: the coordinator only commits.
                check = on_cluster(self.options.cluster, self.config, self._baselines)
            checker = check if check is not None else check_here(self.config, session)
            # Closed at once, even by an interrupt: a cluster's workers stop fetching now.
            results = iter(checker(due_urls(self.store, run.id, page=self.options.batch)))
            try:
                for due, result, *page in results:
                    committer.commit(due, result, *page)
            except BaseException:
                committer.close(complete=False)  # what has gathered is kept, even interrupted
                raise
            finally:
                if (close := getattr(results, "close", None)) is not None:
                    close()
            committer.close()
            checked, events = committer.checked, committer.events
            finished = self.store.finish_run(run.id)
            return RunSummary(
                self.store.run_info(run.id, resumed=run.resumed), checked, dict(events),
                finished, errors,
            )
        finally:
            if own:
                session.close()

    def _reads_on_cluster(self, check: Checker | None) -> bool:
        """Whether the run's pages are read by the cluster's workers, not here."""
        return check is None and self.options.cluster is not None

    def _pool(self) -> Executor:
        from citeaudit import workers

        # Made before the link checker's threads start: worker processes are forked.
        return workers.executor(self.options.workers)

    @property
    def _in_flight(self) -> int:
        """Pages handed to workers and not yet committed (bounds memory: bodies wait here)."""
        return 4 * max(1, self.options.workers or 4)

    def _claims(
        self, found: PageInput | None
    ) -> tuple[tuple[ClaimInput, ...], dict[str, str], frozenset[str]]:
        """The claims citing a page, their last verdicts, and those with none yet."""
        claims: tuple[ClaimInput, ...] = ()
        before: dict[str, str] = {}
        if self.options.verify_claims and found is not None:
            claims = tuple(
                ClaimInput(f"{c.article_id}:{c.claim_id}", c.text, c.context)
                for c in found.claims
            )
            before = {f"{a}:{c}": label for (a, c), label in found.verdicts.items()}
        return claims, before, frozenset(c.id for c in claims) - set(before)

    def _baselines(self, url_ids: list[int]) -> dict[int, PageBaseline]:
        """What cluster workers need to read the pages of ``url_ids``, for those with any.

        Read once, before sharding: a URL is checked once a run, so what is stored for
        it stays as read here until its own result is committed.
        """
        baselines: dict[int, PageBaseline] = {}
        found = self.store.page_inputs(url_ids, claims=self.options.verify_claims)
        for url_id, inputs in found.items():
            claims, _before, unverified = self._claims(inputs)
            if inputs.fingerprint is None and inputs.body_digest is None and not claims:
                continue  # read from nothing, as a first reading is: nothing to send
            # No old text: a run of millions of URLs would hold them all, and ship them,
            # for the few pages that changed; their similarity is worked out here.
            baselines[url_id] = PageBaseline(inputs.fingerprint, inputs.body_digest, claims,
                                             unverified)
        return baselines

    def _page_work(self, result: LinkResult, found: PageInput | None) -> PageWork | None:
        """What to do with a page that answered: read it (arguments of :func:`read_page_state`,
        past verdicts), or nothing if its body is the one last read; ``None`` if it did not."""
        if not answered(result):
            return None
        old_print = found.fingerprint if found is not None else None
        claims, before, unverified = self._claims(found)
        # Hashed here, on the committing thread: a fraction of a millisecond for a page
        # whose reading (in a worker) would take several.
        digest = fetched_digest(result)
        if is_same_body(digest, found.body_digest if found is not None else None, old_print,
                        unverified):
            return PageWork((), before, digest, same_fingerprint=old_print)
        old_text = found.text if found is not None else ""
        args = (result.body, result.content_type, result.final_url or result.url, old_print,
                old_text, claims, unverified)
        return PageWork(args, before, digest)

    def _page_read(self, page: PageRead | None, found: PageInput | None) -> PageWork | None:
        """What to do with a page a cluster worker read: its fields are ready, none to read.

        ``None`` when there is nothing to store (it did not answer, had no text, or
        its reading failed: no fingerprint, and no digest, so it is read next time).
        """
        if page is None:
            return None
        if page.kind is ReadKind.SAME:
            return PageWork((), {}, page.body_digest, same_fingerprint=page.fingerprint)
        if page.kind is not ReadKind.READ or page.state is None:
            return None
        _claims, before, _unverified = self._claims(found)
        state = page.state
        if state.changed and state.similarity is None and found is not None:
            # The worker had no old text to compare with; the store has it (read before
            # this result's write), and only a changed page needs it.
            state = attrs.evolve(state, similarity=similarity(found.text, state.text))
        return PageWork((), before, page.body_digest, state=state)

    def _fields(
        self, future: Future[PageState | None], pool: Executor | None, before: dict[str, str]
    ) -> dict[str, object]:
        """The check's page fields from finished page work; drift decided here."""
        try:
            state = future.result()
        except BrokenProcessPool:
            from citeaudit import workers

            if pool is not None:  # a killed worker: this page goes without a fingerprint
                workers.discard(pool)
            return {}
        except CiteauditError:
            return {}
        if state is None:
            return {}
        verdicts, lost = [], []
        for key, label in state.verdicts:
            article_id, claim_id = key.split(":", 1)
            verdicts.append((int(article_id), claim_id, label))
            if before.get(key) in SUPPORTING and label in UNSUPPORTING:
                lost.append((int(article_id), claim_id, before[key], label))
        drifted = state.changed and (
            (state.similarity is not None and state.similarity < self.options.drift_similarity)
            or bool(lost)
        )
        return {
            "fingerprint": state.fingerprint, "text": state.text,
            "similarity": state.similarity, "drifted": drifted,
            "verdicts": tuple(verdicts), "lost": tuple(lost),
        }

    def _same_body(self, record: CheckRecord, work: PageWork | None) -> CheckRecord:
        """``record`` with the page fields of an unchanged body, if ``work`` says it is one.

        What an unchanged page that was read records (its fingerprint on the
        check; no similarity, drift or verdicts), except that the URL keeps its
        stored text and digest instead of writing them again.
        """
        if work is None or work.same_fingerprint is None:
            return record
        return attrs.evolve(record, fingerprint=work.same_fingerprint, same_body=True)

    def _record(self, due: DueUrl, result: LinkResult) -> CheckRecord:
        """The link result as a check, timed when it arrived."""
        return CheckRecord(
            url_id=due.url_id, checked_at=self.store.clock.now(), outcome=result.outcome.value,
            kind=kind_of(result.outcome), status=result.status, final_url=result.final_url,
            reason=result.reason,
        )

    def _save(self, url_id: int, url: str) -> None:
        assert self.saver is not None
        try:
            outcome = getattr(self.saver(url), "outcome", "requested")
        except CiteauditError as exc:
            outcome = f"failed: {exc}"
        self.store.set_saved(url_id, str(outcome))


def _ready(state: PageState) -> Future[PageState | None]:
    """A finished future holding ``state``: a page read where it was fetched."""
    future: Future[PageState | None] = Future()
    future.set_result(state)
    return future


GROUP_WAIT = 0.2
"""Seconds a result waits at most for its group before it is committed anyway."""


class Committer:
    """Results of one run on their way to the store, page work done by the worker pool.

    Results are committed in groups (:meth:`commit`): one transaction for
    :attr:`WatchOptions.commit_group` results, or for what has gathered within
    :data:`GROUP_WAIT` seconds of the oldest, whichever comes first (a
    thread commits a group that the next result is slow to fill).  So a
    killed run loses at most the results of its last fraction of a second,
    and none it reported.  A page that answered then goes to a worker (text, fingerprint,
    claims); its fields are added to the committed check with a later
    group, oldest first, with at most ``runner._in_flight`` pages (and
    their bodies) waiting.  A run killed at that moment keeps the checks but
    misses the drift comparison of those few pages.  A page already read where it
    was fetched (a :class:`~citeaudit.watch.pages.PageRead` from a cluster worker)
    takes the same way with its fields ready, and the pool never sees it.
    """

    def __init__(
        self, runner: Runner, run_id: int, pool: Executor | None,
        on_result: Callable[[LinkResult], None] | None,
        *, wait: float = GROUP_WAIT,
    ) -> None:
        self.runner = runner
        self.run_id = run_id
        self.pool = pool
        self.on_result = on_result
        self.group = max(1, runner.options.commit_group)
        self.wait = wait
        self.waiting: deque[
            tuple[Future[PageState | None], int, int, dict[str, str], str | None]
        ] = deque()
        self.checked = 0
        self.events: Counter[str] = Counter()
        # The committing thread and the timer take turns at the groups below.
        self._lock = threading.RLock()
        self._results: list[tuple[DueUrl, LinkResult, CheckRecord, PageRead | None]] = []
        self._pages: list[tuple[int, CheckRecord]] = []
        self._oldest: float | None = None
        self._failed: BaseException | None = None
        self._stop = threading.Event()
        self._timer: threading.Thread | None = None

    def commit(self, due: DueUrl, result: LinkResult, page: PageRead | None = None) -> None:
        """Take one URL's result, committed with its group (once: one the run has is skipped).

        ``page``: the page as read where it was fetched; without it, a page that
        answered (with its body) is read here, by the pool.
        """
        self._raise_failed()
        with self._lock:
            self._add(self._results, (due, result, self.runner._record(due, result), page))
            if len(self._results) >= self.group:
                self.flush()
        self.drain(self.runner._in_flight)

    def _add(self, group: list, item: object) -> None:
        if self._oldest is None:
            self._oldest = time.monotonic()
            self._start_timer()
        group.append(item)

    def drain(self, limit: int) -> None:
        """Complete finished page work, oldest first, leaving at most ``limit`` open."""
        while True:
            with self._lock:
                if not self.waiting or (len(self.waiting) <= limit
                                        and not self.waiting[0][0].done()):
                    return
                future, check_id, url_id, before, digest = self.waiting.popleft()
            # Waited for outside the lock: the timer still commits the results meanwhile.
            fields = self.runner._fields(future, self.pool, before)
            if not fields:
                continue  # no text, or the reading failed: no digest either, read next time
            record = CheckRecord(url_id=url_id, checked_at=self.runner.store.clock.now(),
                                 outcome="", kind=CheckKind.SUCCESS, body_digest=digest,
                                 **fields)  # type: ignore[arg-type]
            with self._lock:
                self._add(self._pages, (check_id, record))
                if len(self._pages) >= self.group:
                    self.flush()

    def flush(self) -> None:
        """Commit what has gathered now, in one transaction, then hand its pages to workers."""
        with self._lock:
            results, pages = self._results, self._pages
            self._results, self._pages, self._oldest = [], [], None
            if not results and not pages:
                return
            runner = self.runner
            store = runner.store
            # Read before the write: the page work compares with the text the URL had.  A
            # page read elsewhere needs its claims' last verdicts, to see support lost, and
            # its old text only if it changed.
            found = store.page_inputs(
                [due.url_id for due, result, _, page in results
                 if (page.state is not None and (page.state.changed or bool(page.state.verdicts))
                     if page is not None else answered(result))],
                claims=runner.options.verify_claims,
            )
            works = [runner._page_read(page, found.get(due.url_id)) if page is not None
                     else runner._page_work(result, found.get(due.url_id))
                     for due, result, _, page in results]
            # An unchanged body's page fields go in with its check: no worker, no second write.
            done, drifts = store.record_checks(
                self.run_id,
                [runner._same_body(record, work)
                 for (_, _, record, _), work in zip(results, works, strict=True)],
                runner.options.policy, pages,
            )
            if drifted := sum(e is Event.DRIFTED for e in drifts):
                self.events[Event.DRIFTED.value] += drifted
            for (due, result, record, _), work, recorded in zip(results, works, done,
                                                                strict=True):
                if recorded is None:
                    continue
                check_id, transition = recorded
                self.checked += 1
                if transition.event is not None:
                    self.events[transition.event.value] += 1
                if due.first and runner.saver is not None and record.kind is CheckKind.SUCCESS:
                    runner._save(due.url_id, result.url)
                if work is not None and work.same_fingerprint is None:
                    # A page read elsewhere waits in line too: its fields are then committed
                    # (drift decided, support lost) by the same code as a page read here.
                    future = self._submit(work.args) if work.state is None \
                        else _ready(work.state)
                    self.waiting.append((future, check_id, due.url_id, work.before,
                                         work.body_digest))
            if self.on_result is not None:
                for _, result, _, _ in results:
                    self.on_result(result)

    def _submit(self, args: tuple) -> Future[PageState | None]:
        """Hand a page to the pool; a broken pool is replaced, so the run goes on."""
        if self.pool is None:
            # A cluster run reads its pages on the cluster; a page that comes without its
            # reading is read here all the same (in threads: forking is no longer safe).
            self.pool = self.runner._pool()
        try:
            return self.pool.submit(read_page_state, *args)
        except RuntimeError:  # BrokenProcessPool (a worker died, or never started), or shut down
            from citeaudit import workers

            workers.discard(self.pool)
            # With the link checker's threads running, forking is no longer safe: the
            # replacement is then a thread pool (workers.executor decides).
            self.pool = self.runner._pool()
            return self.pool.submit(read_page_state, *args)

    def close(self, *, complete: bool = True) -> None:
        """Commit everything gathered (``complete``: after the open page work finishes)."""
        try:
            self.flush()
            if complete:
                self._raise_failed()
                self.drain(0)  # the pages of the results just committed too
                self.flush()
        finally:
            self._stop.set()
            if self._timer is not None and self._timer is not threading.current_thread():
                self._timer.join()
        self._raise_failed()

    def _start_timer(self) -> None:
        if self._timer is None and self.wait > 0:
            self._timer = threading.Thread(target=self._tick, name="citeaudit-commit",
                                           daemon=True)
            self._timer.start()

    def _tick(self) -> None:
        """Commit a group whose oldest result has waited :attr:`wait` seconds."""
        while not self._stop.wait(self.wait / 4):
            try:
                with self._lock:
                    if self._oldest is not None and time.monotonic() - self._oldest >= self.wait:
                        self.flush()
            except BaseException as exc:  # the committing thread raises it at its next call
                self._failed = exc
                return

    def _raise_failed(self) -> None:
        if self._failed is not None:
            failed, self._failed = self._failed, None
            raise failed
