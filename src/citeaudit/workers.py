"""The CPU-bound half of an audit — reading pages, verifying claims — in worker processes.

Extracting a page's text and verifying claims against it take a few
milliseconds each, all of it Python holding the GIL; done on the fetching
threads, they would slow the fetching down instead of overlapping with it.
So an audit hands them to a process pool (one worker per CPU, at most
:data:`MAX_WORKERS`), shared by every audit in the process and started once.

The workers are forked, all at once, when the pool is made — and only while
no other thread runs but citeaudit's own idle deadline watchdog, because
forking a threaded process can leave a lock held forever in the child (the
watchdog's lock is never touched by a worker).  Forking (rather than ``spawn`` or
``forkserver``) also means a user's script is never re-imported by the
workers, so a script without an ``if __name__ == "__main__"`` guard is safe.

The workers run at a lower CPU priority than the fetching threads, and read
pages without language detection: verification judges each claim's language
itself, and the detector's model would cost each worker 68 MB and most of a
second to load.

With one CPU, ``workers=1``, other threads already running, or no ``fork``
(Windows, macOS), the same functions run on threads in this process instead.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import attrs

from citeaudit.errors import CiteauditError
from citeaudit.extract import LazyPageText, PageText, extract_lazily
from citeaudit.verify import Verdict, verify_claim
from citeaudit.verify.backend import VerifierChoice, verifier_for

MAX_WORKERS = 4
"""More processes than this rarely help: an audit fetches as fast as politeness allows."""


@attrs.frozen
class ClaimInput:
    """What a worker needs to verify one claim against a page."""

    id: str
    text: str
    context: str = ""
    publisher: str | None = None
    """The publisher the note names, for the attribution check."""


def read_page(body: bytes, content_type: str | None, url: str) -> PageText | None:
    """The page's text, or ``None`` when it has none worth verifying against.

    ``lang`` is only what the page declares: no audit or watch run reads it.
    """
    read = read_page_lazily(body, content_type, url)
    return read.page if read is not None else None


def read_page_lazily(body: bytes, content_type: str | None, url: str) -> LazyPageText | None:
    """:func:`read_page`, the title and date read only when its ``page`` is asked for."""
    try:
        read = extract_lazily(body, content_type=content_type, url=url, detect_language=False)
    except CiteauditError:
        return None
    return read if read.text.strip() else None


def verify_page(page: PageText, url: str, claims: tuple[ClaimInput, ...],
                verifier: VerifierChoice | None = None) -> tuple[Verdict, ...]:
    """Each claim's verdict against ``page``, in order (``verifier``: the run's backend,
    built once per process; ``None`` is the lexical one)."""
    verify = verify_claim if verifier is None or verifier.is_lexical else \
        verifier_for(verifier).verify
    return tuple(
        verify(
            claim.text, page.text, context=claim.context or None, source_title=page.title,
            source_publisher=claim.publisher, source_url=url, source_published=page.published,
        )
        for claim in claims
    )


PageVerdicts = tuple[PageText | None, tuple[Verdict, ...]]
"""A page's text and the verdicts of the claims verified against it."""


def read_and_verify(
    body: bytes, content_type: str | None, url: str, claims: tuple[ClaimInput, ...],
    verifier: VerifierChoice | None = None,
) -> PageVerdicts:
    """Read the page and verify every claim citing it, in one trip to a worker."""
    page = read_page(body, content_type, url)
    if page is None:
        return None, ()
    return page, verify_page(page, url, claims, verifier)


def worker_count(workers: int | None) -> int:
    """How many processes ``workers`` asks for (``None``: one per CPU, capped)."""
    if workers is not None:
        return max(1, workers)
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


_lock = threading.Lock()
_pools: dict[int, concurrent.futures.Executor] = {}


def executor(workers: int | None = None) -> concurrent.futures.Executor:
    """The shared executor for ``workers`` processes (threads when there is one)."""
    count = worker_count(workers)
    with _lock:
        pool = _pools.get(count)
        if pool is None:
            pool = _pools[count] = _start(count)
        return pool


def discard(pool: concurrent.futures.Executor) -> None:
    """Forget a broken pool, so the next audit starts a fresh one."""
    with _lock:
        for count, known in list(_pools.items()):
            if known is pool:
                del _pools[count]
    pool.shutdown(wait=False, cancel_futures=True)


def stop_all() -> None:
    """Kill every worker process now and forget the pools (an interrupted run quits at once).

    Safe to call from a signal handler: it takes no lock (the interrupted thread may hold it).
    """
    pools = list(_pools.values())
    _pools.clear()
    for pool in pools:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                process.kill()
        with contextlib.suppress(Exception):
            pool.shutdown(wait=False, cancel_futures=True)


def run(pool: concurrent.futures.Executor, fn, /, *args):  # type: ignore[no-untyped-def]
    """``fn(*args)`` on ``pool``; in this thread if the pool broke (a worker was killed)."""
    try:
        return pool.submit(fn, *args).result()
    except (BrokenProcessPool, RuntimeError):
        discard(pool)
        return fn(*args)


def side_by_side(
    pool: concurrent.futures.Executor, fn: Callable[..., Any], calls: Sequence[tuple[Any, ...]]
) -> Iterator[Any]:
    """``fn(*args)`` for each of ``calls``, all submitted to ``pool`` now; results in order.

    A call the pool cannot take or finish (it broke, was shut down, or cancelled
    the call) runs in this thread instead, so a killed worker costs time, not
    results.  The pool is left as it is: it may be the caller's own.
    """
    jobs: list[concurrent.futures.Future[Any] | None] = []
    for args in calls:
        try:
            jobs.append(pool.submit(fn, *args))
        except RuntimeError:  # BrokenProcessPool is one, as is submitting after shutdown
            jobs.append(None)
    return _results(fn, calls, jobs)


def _results(fn: Callable[..., Any], calls: Sequence[tuple[Any, ...]],
             jobs: list[concurrent.futures.Future[Any] | None]) -> Iterator[Any]:
    for args, job in zip(calls, jobs, strict=True):
        if job is not None:
            try:
                yield job.result()
                continue
            except (RuntimeError, concurrent.futures.CancelledError):
                pass
        yield fn(*args)


def _start(count: int) -> concurrent.futures.Executor:
    if count > 1 and sys.platform.startswith("linux") and _safe_to_fork():
        _load_shared_tables()
        try:
            pool = concurrent.futures.ProcessPoolExecutor(
                count, mp_context=multiprocessing.get_context("fork"),
                initializer=_worker_init, initargs=(os.getpid(),),
            )
            # The first submission forks every worker, before the pool starts its own
            # threads.  Its answer is not waited for: on a busy machine a worker (at its
            # lower priority) can take a tenth of a second to be scheduled, and the audit's
            # first requests would wait with it.  A pool that breaks even so is replaced
            # where work is handed to it, as when a worker is killed mid-run.
            pool.submit(_ready)
            return pool
        except (OSError, ValueError, BrokenProcessPool):  # no semaphores, no fork
            pass
    return concurrent.futures.ThreadPoolExecutor(max(2, count), thread_name_prefix="citeaudit-work")


def _load_shared_tables() -> None:
    """Load, once and before the fork, the tables every worker would otherwise load itself.

    The forked workers share them (copy-on-write) instead of each paying for
    them on its first page: WordNet's exception lists (about 20 ms of CPU).  It
    starts no thread, so forking stays safe.  The public suffix list (about
    70 ms) is not loaded: only trafilatura's host name needs it, which a page
    read with its URL never asks for (:func:`citeaudit.extract.extract`).
    """
    from citeaudit.verify.lexicon import wordnet

    wordnet()


_IDLE_THREADS = frozenset({"citeaudit-deadlines"})
"""Our own daemon threads that hold no lock a worker could need."""


def _safe_to_fork() -> bool:
    main = threading.main_thread()
    return all(t is main or t.name in _IDLE_THREADS for t in threading.enumerate())


def _ready() -> bool:
    return True


WORKER_NICENESS = 10
"""How much lower the workers' CPU priority is than the fetching process's (Unix ``nice``)."""


PARENT_CHECK_SECONDS = 1.0
"""How often a worker checks that the process that forked it is still alive."""


def _worker_init(parent: int) -> None:
    _die_with_parent(parent)
    # Ctrl-C goes to the whole process group; the parent decides what to keep, so a
    # worker must not die mid-task and break the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's own SIGTERM handler (the CLI's) came with the fork; a worker just ends.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Fetching is latency-bound: a request that starts late delays a host's whole
    # schedule.  Reading pages is throughput work that can fill the gaps, so on a
    # busy machine the fetching threads get the CPU first.
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """End this worker when its parent dies, however it dies (SIGKILL included).

    A worker whose parent was killed would otherwise wait forever on the task
    pipe, which its sibling workers keep open.  Linux delivers SIGKILL to the
    worker when the parent goes (``PR_SET_PDEATHSIG``); a daemon thread that
    watches the parent's pid covers the moment before that was set, and
    systems without it.
    """
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the signal was asked for

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="citeaudit-parent-watch", daemon=True).start()
