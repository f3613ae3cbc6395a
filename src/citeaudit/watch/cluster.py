"""Check a watch run's URLs on a Dask cluster: shards by domain out, results streamed back.

The coordinator (the process running ``citeaudit watch run --cluster``)
splits the due URLs into shards of whole registrable domains
(:mod:`citeaudit.watch.shard`) and submits one task per shard.  A worker
checks its shard with citeaudit's own link checker, through its own polite
session built from the run's :class:`~citeaudit.config.HttpConfig` (same
politeness, guard, deadlines and body caps), and streams its results back
in small batches through a Dask queue as they are made.  The coordinator
commits each result as it arrives; workers never touch the database.

With page baselines (what the store holds of each URL's page: fingerprint,
body digest, claims; not its text), a worker also reads each page it
fetched, there, where the body already is (:func:`~citeaudit.watch.pages.read_fetched`),
and sends back its reading in place of the body: the coordinator only commits,
and the bodies never cross the network (issue #17).

A worker that dies has its shard run again by the scheduler on another
worker.  Results are keyed by URL and the first one of each is kept, so a
re-run shard's repeats are dropped here (and the store would refuse them
anyway: a run holds one check per URL).  One host is only ever fetched by
the worker holding its shard, so politeness holds without coordination.

``local:N`` starts a cluster of N worker processes on this machine for the
run (the workers end with it, and with this process if it is killed).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from citeaudit.config import HttpConfig
from citeaudit.errors import CiteauditError, ConfigError, InputError
from citeaudit.links import LinkResult
from citeaudit.netguard import Resolver
from citeaudit.watch.pages import PageBaseline, PageRead
from citeaudit.watch.shard import Shard, host_of, shard_rows

__all__ = [
    "ClusterError",
    "ClusterStats",
    "ClusterTarget",
    "ClusterUnreachable",
    "check_on_cluster",
]

_LOCAL = re.compile(r"local:(\d{1,4})")
MAX_LOCAL_WORKERS = 256
"""Most worker processes ``local:N`` starts: beyond it a typo (local:4000) would fork a machine
to a halt; a bigger cluster is a scheduler with workers of its own."""
_REMOTE = re.compile(r"(tcp|tls|ws|wss|inproc)://\[?[\w.:-]+\]?(:\d{1,5})?")
_BATCH_RESULTS = 64
_BATCH_SECONDS = 0.2
"""A worker sends its results when it has this many or holds the oldest this long."""
_POLL_SECONDS = 0.05
"""How long the coordinator pauses when no result is waiting."""
_STOP_POLL_SECONDS = 0.5
"""How long a worker's wait for the stop event lasts before it is asked again."""


class ClusterError(CiteauditError):
    """The cluster could not check every shard (the run stays open for the next one)."""


class ClusterUnreachable(ClusterError, InputError):
    """The cluster address is malformed, unreachable, or the cluster extra is missing."""


@attrs.frozen
class ClusterTarget:
    """Where a run's URLs are checked: a Dask scheduler's address, or ``local:N``."""

    address: str = attrs.field(converter=str.strip)
    resolver: Resolver | None = None
    """Replaces DNS on the workers (as :func:`citeaudit.net.make_session` takes it)."""
    shards_per_worker: int = 4
    """Several shards a worker: a lost worker's share re-runs in smaller pieces."""
    connect_timeout: float = 10.0

    def __attrs_post_init__(self) -> None:
        if _LOCAL.fullmatch(self.address):
            if self.local_workers == 0:
                raise ClusterUnreachable(f"cluster {self.address!r}: local:N needs N >= 1")
            if (self.local_workers or 0) > MAX_LOCAL_WORKERS:
                raise ClusterUnreachable(
                    f"cluster {self.address!r}: local:N starts N processes on this machine; "
                    f"at most {MAX_LOCAL_WORKERS} (start a scheduler and workers for more)"
                )
        elif not _REMOTE.fullmatch(self.address):
            raise ClusterUnreachable(
                f"cluster address {self.address!r} is not tcp://HOST:PORT (a Dask scheduler) "
                "or local:N"
            )

    @property
    def local_workers(self) -> int | None:
        """N for ``local:N``; ``None`` for a scheduler's address."""
        match = _LOCAL.fullmatch(self.address)
        return int(match.group(1)) if match else None


@attrs.define
class ClusterStats:
    """What a cluster check did, for tests and benchmarks."""

    workers: int = 0
    shards: int = 0
    hosts: dict[str, set[str]] = attrs.field(factory=dict)
    """Each host, and the workers (``hostname:pid``) whose results for it were kept or dropped."""
    repeats: int = 0
    """Results dropped because their URL had already arrived (a re-run shard)."""
    rerun_shards: set[int] = attrs.field(factory=set)
    """Shards whose results came from more than one worker."""


def check_on_cluster(
    target: ClusterTarget | str,
    rows: Iterable[tuple[int, str, bool]],
    config: HttpConfig,
    *,
    stats: ClusterStats | None = None,
    baselines: Callable[[list[int]], dict[int, PageBaseline]] | None = None,
) -> Iterator[tuple[int, bool, LinkResult, PageRead | None]]:
    """Check ``rows`` (URL id, URL, first time) on the cluster; yield each result once.

    Yields ``(url_id, first, result, page)`` as results arrive, for the caller to
    commit.  With ``baselines`` (asked once, for every row's URL id, before the
    shards go out), the workers read the pages that answered: ``page`` is their
    reading (``None`` for a page that did not answer) and ``result`` comes without
    its body.  Without, ``page`` is ``None`` and the body comes back.
    Raises :class:`ClusterUnreachable` for a bad or unreachable
    address and :class:`ClusterError` when a shard failed even after re-runs
    (every other result has been yielded by then).
    """
    if isinstance(target, str):
        target = ClusterTarget(target)
    if config.record is not None:
        raise ConfigError("--record writes one WARC file: it cannot be shared by cluster workers")
    rows = list(rows)
    stats = stats if stats is not None else ClusterStats()
    index = {url.strip(): (url_id, first) for url_id, url, first in rows}
    with _connected(target) as client:  # even with nothing due: a wrong address shows today
        if not rows:
            return
        from distributed import Event, Queue

        stats.workers = len(client.scheduler_info()["workers"])
        shards = shard_rows(rows, stats.workers * target.shards_per_worker)
        stats.shards = len(shards)
        stored = baselines([url_id for url_id, _, _ in rows]) if baselines is not None else None
        run = uuid.uuid4().hex
        queue = Queue(f"citeaudit-watch-{run}", client=client)
        stop = Event(f"citeaudit-watch-stop-{run}", client=client)
        futures = [
            client.submit(_check_shard, shard, config, target.resolver, queue.name, stop.name,
                          _shard_baselines(shard, stored),
                          key=f"citeaudit-shard-{run}-{shard.index}", pure=False)
            for shard in shards
        ]
        del stored  # the shards carry them now: not held twice here
        origin: dict[int, str] = {}
        failures: list[str] = []
        try:
            open_futures = list(futures)
            while True:
                # Checked before the queue is read: a finished shard's results are in by now.
                finished = not [f for f in open_futures if not f.done()]
                for message in _messages(queue, wait=not finished):
                    yield from _accept(message, index, stats, origin)
                for future in [f for f in open_futures if f.done()]:
                    open_futures.remove(future)
                    if future.status != "finished":
                        failures.append(_failure(future))
                if finished:
                    break
        except OSError as exc:
            # distributed's CommClosedError and its connect timeouts are OSErrors: the
            # scheduler went away mid-run. Committed results stay; the rest stays due.
            raise ClusterError(
                f"lost the cluster at {target.address} mid-run ({exc.__class__.__name__}: "
                f"{exc}); the URLs not yet checked stay due: the next `citeaudit watch run` "
                "continues the run"
            ) from exc
        finally:
            # A running task cannot be cancelled: an interrupted run's shards see the event
            # and stop, rather than fetch on while the next run shards their hosts again.
            with contextlib.suppress(Exception):
                stop.set()
            for future in futures:
                future.cancel()
            with contextlib.suppress(Exception):
                queue.close()
    if failures:
        raise ClusterError(
            f"{len(failures)} of {len(shards)} shards could not be checked ({failures[0]}); "
            "their URLs stay due: the next `citeaudit watch run` continues the run"
        )


def _shard_baselines(
    shard: Shard, stored: dict[int, PageBaseline] | None
) -> dict[str, PageBaseline] | None:
    """The baselines of the shard's URLs, by URL as its results name them (``None``: the
    worker reads no page).  Only URLs with a baseline are in it: the payload stays small."""
    if stored is None:
        return None
    return {url.strip(): stored[url_id] for url_id, url, _ in shard.rows if url_id in stored}


def _messages(queue: Any, *, wait: bool) -> list[Any]:
    """What the queue holds now; with ``wait``, pausing briefly first if it holds nothing.

    Polled rather than awaited with a timeout: the scheduler logs every timed-out
    ``get`` as an error, and a poll every few tens of milliseconds costs nothing.
    """
    messages = list(queue.get(batch=True))
    if wait and not messages:
        time.sleep(_POLL_SECONDS)
    return messages


def _accept(
    message: tuple[int, str, list[tuple[LinkResult, PageRead | None]]],
    index: dict[str, tuple[int, bool]],
    stats: ClusterStats,
    origin: dict[int, str],
) -> Iterator[tuple[int, bool, LinkResult, PageRead | None]]:
    shard, worker, results = message
    if origin.setdefault(shard, worker) != worker:
        stats.rerun_shards.add(shard)
    for result, page in results:
        stats.hosts.setdefault(host_of(result.url), set()).add(worker)
        key = index.pop(result.url, None)
        if key is None:
            # Already yielded, from the shard's earlier attempt: its page reading with it.
            stats.repeats += 1
            continue
        yield key[0], key[1], result, page


def _failure(future: Any) -> str:
    try:
        exc = future.exception()
    except Exception as err:  # a cancelled or lost future says so by raising
        exc = err
    return f"{type(exc).__name__}: {exc}"


@contextlib.contextmanager
def _connected(target: ClusterTarget) -> Iterator[Any]:
    """A client of the target's scheduler (a local cluster started for it, if ``local:N``)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterUnreachable(
            "--cluster needs Dask distributed: pip install 'citeaudit[cluster]'"
        ) from None
    with contextlib.ExitStack() as stack:
        address = target.address
        workers = target.local_workers
        if workers is not None:
            cluster = stack.enter_context(LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
                scheduler_kwargs={"host": "127.0.0.1"},
            ))
            address = cluster.scheduler_address
        try:
            client = stack.enter_context(Client(
                address, timeout=target.connect_timeout, set_as_default=False,
            ))
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterUnreachable(f"cannot reach the cluster at {address}: {exc}") from None
        try:
            client.wait_for_workers(1, timeout=target.connect_timeout)
        except TimeoutError:
            raise ClusterUnreachable(
                f"the cluster at {address} has no workers (waited {target.connect_timeout:g} s)"
            ) from None
        yield client


def _check_shard(
    shard: Shard, config: HttpConfig, resolver: Resolver | None, queue_name: str,
    stop_name: str, baselines: dict[str, PageBaseline] | None = None,
) -> int:
    """On a worker: check the shard's URLs, sending results back in batches as they come.

    With ``baselines`` (``{}`` is a shard of URLs with nothing stored), each page
    that answered is read here and its reading sent in place of its body.
    Stops within a moment once the coordinator sets the stop event: requests in
    flight are aborted and nothing more is sent.
    """
    from distributed import Event, Queue

    from citeaudit.links import iter_check_links
    from citeaudit.net import make_session
    from citeaudit.watch.pages import read_fetched

    queue, stop = Queue(queue_name), Event(stop_name)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    session = make_session(config, resolver=resolver)
    stopped, done = threading.Event(), threading.Event()

    def watch_stop() -> None:
        while not done.is_set():
            if stop.wait(timeout=_STOP_POLL_SECONDS):
                stopped.set()
                abort = getattr(session, "abort", None)
                if abort is not None:
                    abort()  # requests in flight, and those waiting their turn, end now
                return

    watcher = threading.Thread(target=watch_stop, name="citeaudit-shard-stop", daemon=True)
    watcher.start()
    batch: list[tuple[LinkResult, PageRead | None]] = []
    oldest = 0.0
    try:
        for result in iter_check_links(shard.urls, config, session=session):
            if stopped.is_set():
                return 0  # an aborted request's result says nothing about its URL
            page = None
            if baselines is not None:
                page = read_fetched(result, baselines.get(result.url))
                # Read: the coordinator needs the body for nothing else (it saves by URL,
                # and its reports come from the store), so it does not travel.
                result = attrs.evolve(result, body=None)
            if not batch:
                oldest = time.monotonic()
            batch.append((result, page))
            if len(batch) >= _BATCH_RESULTS or time.monotonic() - oldest >= _BATCH_SECONDS:
                queue.put((shard.index, worker, batch))
                batch = []
        if batch and not stopped.is_set():
            queue.put((shard.index, worker, batch))
    finally:
        done.set()
        session.close()
    return len(shard.rows)
