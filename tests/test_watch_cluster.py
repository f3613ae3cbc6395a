"""Watch runs checked on a local multi-process Dask cluster over the loopback web."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the cluster tests need the cluster extra (Dask)")
pytest.importorskip("tldextract", reason="the cluster tests need the cluster extra (tldextract)")

from distributed import Client, LocalCluster

from citeaudit.cli import main
from citeaudit.netguard import static_resolver
from citeaudit.watch import ManualClock, Runner, WatchOptions, WatchStore, add_targets, build_report
from citeaudit.watch.cluster import (
    ClusterStats,
    ClusterTarget,
    ClusterUnreachable,
    check_on_cluster,
)
from citeaudit.watch.run import Committer
from tests.support.children import die_with_parent
from tests.test_watch_digest import FERRY
from tests.test_watch_run import HARBOUR, harbour_article
from tests.test_watch_web import HOSTS as TIME_HOSTS
from tests.test_watch_web import START, Watch, time_web_fixture  # noqa: F401

# Paths of the loopback news site answering the same way however often they are asked.
STEADY = [
    "/politics/harbour-budget-approved",
    "/world/missing-plane-not-found",
    "/missing",
    "/gone",
    "/soft-404",
    "/chain/1",
    "/forbidden",
    "/2019/05/old-story",
]
HOSTS = ("news.test", "slow.test", "quota.test", "catchall.test", "haber.test")


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, for the module's tests."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address="127.0.0.1:0",
                      scheduler_kwargs={"host": "127.0.0.1"}) as local:
        yield local


def _urls(web, per_host, hosts=HOSTS):
    tag = uuid.uuid4().hex[:8]  # the loopback web is shared: this test's hits are its own
    return [
        web.url(f"{STEADY[k % len(STEADY)]}?t={tag}-{k}", host)
        for host in hosts for k in range(per_host)
    ]


def _watched(tmp_path: Path, name: str, urls: list[str]) -> WatchStore:
    """A fresh store watching one article that cites every URL."""
    notes = "\n\n".join(f"[{n}] “Story {n}”, The Loopback Gazette, {url}."
                        for n, url in enumerate(urls, 1))
    body = " ".join(f"The council approved the harbour budget [{n}]."
                    for n in range(1, len(urls) + 1))
    article = tmp_path / f"{name}.txt"
    article.write_text(f"Harbour budgets\n\n{body}\n\n\n{notes}\n", encoding="utf-8")
    store = WatchStore(tmp_path / f"{name}.sqlite3")
    add_targets(store, [str(article)])
    return store


def _checks(store: WatchStore) -> dict[str, tuple]:
    rows = store.query(
        "SELECT u.url, c.outcome, c.status, c.final_url, c.reason FROM checks c "
        "JOIN urls u ON u.id = c.url_id"
    )
    assert len(rows) == len({r[0] for r in rows}), "a URL was committed twice"
    return {r[0]: tuple(r[1:]) for r in rows}


def _hits(web, urls):
    return {url: web.count(url.split(str(web.port), 1)[1], url.split("//")[1].split(":")[0])
            for url in urls}


def test_a_cluster_run_checks_every_url_once_with_the_results_of_a_single_process_run(
    loopback_web, cluster, tmp_path
):
    urls = _urls(loopback_web, 8)
    config = loopback_web.config(per_host_interval=0.0)
    alone = _watched(tmp_path, "alone", urls)
    single = Runner(alone, config, session=loopback_web.session(per_host_interval=0.0),
                    options=WatchOptions(verify_claims=False)).run()
    before = _hits(loopback_web, urls)

    spread = _watched(tmp_path, "spread", urls)
    target = ClusterTarget(cluster.scheduler_address, resolver=loopback_web.resolver)
    summary = Runner(spread, config, session=loopback_web.session(per_host_interval=0.0),
                     options=WatchOptions(verify_claims=False, cluster=target)).run()

    assert summary.finished and summary.checked == single.checked == len(urls)
    after = _hits(loopback_web, urls)
    assert {url: after[url] - before[url] for url in urls} == dict.fromkeys(urls, 1)
    assert _checks(spread) == _checks(alone)
    prints = "SELECT url, fingerprint FROM urls ORDER BY url"
    fingerprints = [tuple(row) for row in spread.query(prints)]
    assert fingerprints == [tuple(row) for row in alone.query(prints)]
    assert sum(1 for _, fingerprint in fingerprints if fingerprint) >= len(HOSTS)
    assert len(set(_checks(spread).values())) > 4  # many outcomes, not one repeated


@pytest.fixture(name="read")
def read_fixture(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs whose pages the coordinator handed to its own page workers, in order."""
    read: list[str] = []
    real = Committer._submit

    def submit(self, args):  # type: ignore[no-untyped-def]
        read.append(args[2])  # the URL read_page_state reads the page for
        return real(self, args)

    monkeypatch.setattr(Committer, "_submit", submit)
    return read


def test_a_second_cluster_run_over_unchanged_pages_reads_none_of_them(
    loopback_web, cluster, tmp_path, read
):
    urls = _urls(loopback_web, 2)
    store = _watched(tmp_path, "twice", urls)
    target = ClusterTarget(cluster.scheduler_address, resolver=loopback_web.resolver)
    prints = "SELECT url, fingerprint, body_digest FROM urls ORDER BY url"
    try:
        runner = Runner(store, loopback_web.config(per_host_interval=0.0),
                        session=loopback_web.session(per_host_interval=0.0),
                        options=WatchOptions(cluster=target))
        first = runner.run()
        assert first.finished and read == []  # read on the workers that fetched them
        stored = {row[0]: tuple(row[1:]) for row in store.query(prints)}
        remembered = {url for url, (_, digest) in stored.items() if digest}
        assert len(remembered) >= len(HOSTS)  # a story on each host at least
        read.clear()
        second = runner.run()
        assert second.finished and second.checked == len(urls)
        # Only a page with no digest (no text, or one that did not answer the first time
        # on a loaded machine) may be read again; none whose body was remembered.
        assert not remembered & set(read), sorted(remembered & set(read))
        assert "drifted" not in second.events
        after = {row[0]: tuple(row[1:]) for row in store.query(prints)}
        assert {url: after[url] for url in remembered} == {url: stored[url] for url in remembered}
    finally:
        store.close()


def test_each_host_is_fetched_by_one_worker_and_the_work_is_spread_over_both(
    loopback_web, cluster
):
    urls = _urls(loopback_web, 6)
    stats = ClusterStats()
    target = ClusterTarget(cluster.scheduler_address, resolver=loopback_web.resolver)
    rows = [(i, url, True) for i, url in enumerate(urls, 1)]
    results = list(check_on_cluster(target, rows, loopback_web.config(per_host_interval=0.0),
                                    stats=stats))
    assert sorted(r.url for _, _, r, _ in results) == sorted(urls)
    assert sorted(i for i, _, _, _ in results) == list(range(1, len(urls) + 1))
    # Asked for no page readings, the workers read none and send the bodies back.
    assert all(page is None for *_, page in results)
    assert any(r.body for _, _, r, _ in results if r.status == 200)
    assert stats.workers == 2 and stats.shards == len(HOSTS)
    assert set(stats.hosts) == set(HOSTS)
    assert all(len(workers) == 1 for workers in stats.hosts.values()), stats.hosts
    assert len(set().union(*stats.hosts.values())) == 2
    assert stats.repeats == 0 and not stats.rerun_shards


def _worker_killer(client: Client) -> tuple[Callable[[object], None], list[int]]:
    """An ``on_result`` callback that SIGKILLs the first worker found busy, once, and the
    list of the pids it killed."""
    pids = client.run(os.getpid)
    killed: list[int] = []
    lock = threading.Lock()

    def kill_one(_result: object) -> None:
        with lock:
            if killed:
                return
            busy = [w for w, keys in client.processing().items() if keys]
            if busy:
                killed.append(pids[busy[0]])
                os.kill(pids[busy[0]], signal.SIGKILL)

    return kill_one, killed


def test_a_worker_killed_mid_run_has_its_shard_rerun_and_nothing_counted_twice(
    loopback_web, cluster, tmp_path
):
    hosts = HOSTS[:4]
    urls = _urls(loopback_web, 6, hosts)
    store = _watched(tmp_path, "killed", urls)
    # Slow enough per host (6 URLs, 0.3 s apart) that both workers are mid-shard at the kill.
    config = loopback_web.config(per_host_interval=0.3)
    with Client(cluster, set_as_default=False) as client:
        kill_one, killed = _worker_killer(client)

        target = ClusterTarget(cluster.scheduler_address, resolver=loopback_web.resolver,
                               shards_per_worker=1)
        summary = Runner(store, config, session=loopback_web.session(),
                         options=WatchOptions(verify_claims=False, cluster=target)
                         ).run(on_result=kill_one)
        client.wait_for_workers(2, timeout=30)  # the nanny restarts it, for the next test
    assert killed, "no worker was busy to kill"
    assert summary.finished and summary.checked == len(urls)
    assert set(_checks(store)) == set(urls)  # each URL committed once (checked by _checks)
    hits = _hits(loopback_web, urls)
    assert min(hits.values()) >= 1
    assert sum(hits.values()) > len(urls), "the killed worker's shard was not run again"


def test_an_interrupted_cluster_run_stops_its_shards_and_keeps_what_it_committed(
    loopback_web, cluster, tmp_path
):
    hosts = HOSTS[:2]
    urls = _urls(loopback_web, 12, hosts)
    store = _watched(tmp_path, "interrupted", urls)
    target = ClusterTarget(cluster.scheduler_address, resolver=loopback_web.resolver)
    runner = Runner(store, loopback_web.config(per_host_interval=0.3),
                    session=loopback_web.session(),
                    options=WatchOptions(verify_claims=False, cluster=target))

    def interrupt(_result):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        runner.run(on_result=interrupt)
    time.sleep(0.8)  # a batch's worth: the workers see the stop at their next one
    fetched = sum(_hits(loopback_web, urls).values())
    time.sleep(1.5)  # five more polite intervals: a shard still running would fetch on
    assert sum(_hits(loopback_web, urls).values()) == fetched < len(urls)
    run = store.unfinished_run()
    # The interrupt comes with the first group's first report: that group is kept, no more.
    assert run is not None and 1 <= run.checked == len(_checks(store)) <= fetched


def test_a_malformed_cluster_address_is_a_one_line_error(tmp_path, capsys):
    db = tmp_path / "w.sqlite3"
    WatchStore(db).close()
    code = main(["watch", "run", "--db", str(db), "--cluster", "nowhere:12", "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1 and "nowhere:12" in err and "tcp://" in err


def test_an_unreachable_cluster_is_a_one_line_error_and_exit_2(tmp_path, capsys):
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db = tmp_path / "w.sqlite3"
    article = tmp_path / "a.txt"
    article.write_text("A story\n\nThe council met [1].\n\n\n[1] “Story”, Gazette, "
                       "http://news.test/a.\n", encoding="utf-8")
    assert main(["watch", "add", "--db", str(db), str(article)]) == 0
    capsys.readouterr()
    started = time.monotonic()
    code = main(["watch", "run", "--db", str(db), "--cluster", f"tcp://127.0.0.1:{port}",
                 "--cluster-timeout", "1", "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1 and f"127.0.0.1:{port}" in err, err
    assert time.monotonic() - started < 15


def test_the_library_refuses_a_bad_address_before_connecting():
    for address in ("", "local:0", "http://x:1", "tcp//x:1"):
        with pytest.raises(ClusterUnreachable):
            ClusterTarget(address)
    assert ClusterTarget(" local:3 ").local_workers == 3
    assert ClusterTarget("tcp://10.0.0.5:8786").local_workers is None


def test_local_cluster_workers_end_when_the_process_that_started_them_is_killed(tmp_path):
    script = textwrap.dedent("""
        import os, sys, time
        from citeaudit.watch.cluster import ClusterTarget, _connected

        if __name__ == "__main__":
            with _connected(ClusterTarget("local:1")) as client:
                print(*client.run(os.getpid).values(), flush=True)
                time.sleep(120)
    """)
    path = tmp_path / "coordinator.py"
    path.write_text(script, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen([sys.executable, str(path)], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=env,
                               preexec_fn=die_with_parent)
    try:
        line = process.stdout.readline() if process.stdout else ""
        pids = [int(p) for p in line.split()]
        assert len(pids) == 1, line
        assert all(_alive(pid) for pid in pids)
    finally:
        process.kill()
        process.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in pids if _alive(pid)], "a worker outlived its coordinator"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


def test_a_cluster_lost_mid_run_is_a_cluster_error_and_keeps_what_was_committed(
    loopback_web, tmp_path
):
    from citeaudit.watch.cluster import ClusterError

    urls = _urls(loopback_web, 6, HOSTS[:2])
    store = _watched(tmp_path, "lost", urls)
    local = LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                         dashboard_address="127.0.0.1:0",
                         scheduler_kwargs={"host": "127.0.0.1"})
    target = ClusterTarget(local.scheduler_address, resolver=loopback_web.resolver,
                           connect_timeout=3.0)
    runner = Runner(store, loopback_web.config(per_host_interval=0.3),
                    session=loopback_web.session(),
                    options=WatchOptions(verify_claims=False, cluster=target))

    def lose_the_cluster(_result):
        if local.status.name != "closed":
            local.close()

    try:
        with pytest.raises(ClusterError, match="lost the cluster at"):
            runner.run(on_result=lose_the_cluster)
    finally:
        local.close()
    run = store.unfinished_run()
    assert run is not None and run.checked >= 1
    assert len(_checks(store)) == run.checked < len(urls)


# --- issue #17: the pages are read on the workers that fetched them ---------------------------

_PAGE_FIELDS = {
    "urls": "SELECT url, fingerprint, text, body_digest FROM urls ORDER BY url",
    "checks": "SELECT r.id, u.url, c.outcome, c.fingerprint, c.similarity, c.event "
              "FROM checks c JOIN urls u ON u.id = c.url_id JOIN runs r ON r.id = c.run_id "
              "ORDER BY r.id, u.url",
    "verdicts": "SELECT v.claim_id, u.url, v.label FROM claim_verdicts v "
                "JOIN urls u ON u.id = v.url_id ORDER BY 1, 2",
    "lost": "SELECT cc.claim_id, u.url, cc.before, cc.after FROM check_claims cc "
            "JOIN checks c ON c.id = cc.check_id JOIN urls u ON u.id = c.url_id ORDER BY 1, 2",
}


def _page_fields(store: WatchStore) -> dict[str, list[tuple]]:
    """Everything a page reading leaves in the store, without the times."""
    return {name: [tuple(r) for r in store.query(sql)] for name, sql in _PAGE_FIELDS.items()}


def _time_watch(tmp_path: Path, web, name: str) -> Watch:
    """A store of its own on a manual clock, watching the harbour article on ``web``."""
    folder = tmp_path / name
    folder.mkdir()
    clock = ManualClock(START)
    watch = Watch(WatchStore(folder / "watch.sqlite3", clock=clock), clock, web)
    harbour_article(watch, folder)
    return watch


def _cluster_runner(watch: Watch, cluster) -> Runner:  # type: ignore[no-untyped-def]
    target = ClusterTarget(cluster.scheduler_address, resolver=static_resolver(TIME_HOSTS))
    return watch.runner(cluster=target)


def _run(runner: Runner):  # type: ignore[no-untyped-def]
    try:
        return runner.run()
    finally:
        runner._session.close()  # type: ignore[union-attr]


def test_a_cluster_run_reads_no_page_on_the_coordinator_and_stores_what_one_process_does(
    time_web, cluster, tmp_path, read
):
    alone = _time_watch(tmp_path, time_web, "alone")
    spread = _time_watch(tmp_path, time_web, "spread")
    harbour = time_web.url("/2024/harbour-budget")
    try:
        # The baseline (every claim verified), then one figure changed: a claim loses
        # its support, on a page whose text is mostly the same; the strike page is not.
        summaries = []
        for change in (None, HARBOUR.replace("4.2 million", "1.7 million")):
            if change is not None:
                time_web.set(harbour, change)
                for watch in (alone, spread):
                    watch.clock.advance(days=7)
            read.clear()
            single = _run(alone.runner())
            assert read, "the single-process run reads on its page workers"
            read.clear()
            summaries.append((single, _run(_cluster_runner(spread, cluster))))
            assert read == [], "the coordinator of a cluster run read pages"
        for single, on_cluster in summaries:
            assert on_cluster.finished and on_cluster.checked == single.checked == 2
            assert on_cluster.events == single.events
        assert summaries[1][1].events == {"drifted": 1}
        fields = _page_fields(spread.store)
        assert fields == _page_fields(alone.store)
        assert all(fingerprint and digest for _, fingerprint, _, digest in fields["urls"])
        assert len(fields["verdicts"]) == 2
        assert fields["lost"] == [("c1", harbour, "supported", "contradicted")]
        [drift] = build_report(spread.store).drifted
        assert drift.url == harbour and drift.similarity > 0.6  # compared with the old text
    finally:
        alone.store.close()
        spread.store.close()


def test_a_cluster_run_starts_no_page_workers_on_the_coordinator(
    time_web, cluster, tmp_path, monkeypatch
):
    started: list[int | None] = []
    real = Runner._pool

    def pool(self):  # type: ignore[no-untyped-def]
        started.append(self.options.workers)
        return real(self)

    monkeypatch.setattr(Runner, "_pool", pool)
    watch = _time_watch(tmp_path, time_web, "no-pool")
    try:
        assert _run(_cluster_runner(watch, cluster)).finished
        assert started == [], "a cluster run started page workers it does not use"
        _run(watch.runner())
        assert started, "a run in one process reads its pages on page workers"
    finally:
        watch.store.close()


def test_a_page_rewritten_before_the_second_cluster_run_is_reported_drifted(
    time_web, cluster, tmp_path, read
):
    watch = _time_watch(tmp_path, time_web, "rewritten")
    strike = time_web.url("/story/strike", "wire.test")
    try:
        assert _run(_cluster_runner(watch, cluster)).events == {}
        watch.clock.advance(days=7)
        time_web.set(strike, FERRY)
        assert _run(_cluster_runner(watch, cluster)).events == {"drifted": 1}
        [drift] = build_report(watch.store).drifted
        assert drift.url == strike and drift.similarity < 0.6
        watch.clock.advance(days=7)
        assert _run(_cluster_runner(watch, cluster)).events == {}  # the new body remembered
        assert read == []
    finally:
        watch.store.close()


def test_a_worker_killed_mid_run_leaves_each_url_one_check_with_its_page_fields(
    loopback_web, cluster, tmp_path, read
):
    hosts = HOSTS[:4]
    urls = _urls(loopback_web, 6, hosts)
    alone = _watched(tmp_path, "alone", urls)
    Runner(alone, loopback_web.config(per_host_interval=0.0),
           session=loopback_web.session(per_host_interval=0.0)).run()
    read.clear()
    store = _watched(tmp_path, "killed", urls)
    before = _hits(loopback_web, urls)
    config = loopback_web.config(per_host_interval=0.3)  # both workers mid-shard at the kill
    with Client(cluster, set_as_default=False) as client:
        kill_one, killed = _worker_killer(client)

        target = ClusterTarget(cluster.scheduler_address, resolver=loopback_web.resolver,
                               shards_per_worker=1)
        summary = Runner(store, config, session=loopback_web.session(),
                         options=WatchOptions(cluster=target)).run(on_result=kill_one)
        client.wait_for_workers(2, timeout=30)  # the nanny restarts it, for the next test
    assert killed, "no worker was busy to kill"
    after = _hits(loopback_web, urls)
    assert sum(after[url] - before[url] for url in urls) > len(urls), "no shard was re-run"
    assert summary.finished and summary.checked == len(urls)
    assert read == []
    assert _checks(store) == _checks(alone)  # one check a URL, as one process gives
    fields, expected = _page_fields(store), _page_fields(alone)
    assert [row[1:] for row in fields["checks"]] == [row[1:] for row in expected["checks"]]
    assert {k: v for k, v in fields.items() if k != "checks"} == \
        {k: v for k, v in expected.items() if k != "checks"}
    assert sum(1 for _, fingerprint, _, _ in fields["urls"] if fingerprint) >= len(hosts)
    assert fields["verdicts"], "no claim was verified on the workers"
