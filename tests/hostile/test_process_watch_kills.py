"""Repeated SIGKILLs of `watch run`: nothing lost, nothing checked twice, nothing fetched again."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import pytest

from citeaudit.watch import Runner, WatchStore, add_targets
from tests.hostile.proc import children, reap, stop
from tests.support.children import die_with_parent
from tests.test_watch_store import KILLED_RUN, _many_urls
from tests.test_watch_web import news_page, time_web_fixture  # noqa: F401

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux signals")


def _committed(path) -> set[str]:
    with WatchStore(path) as store:
        return {r[0] for r in store.query(
            "SELECT u.url FROM checks c JOIN urls u ON u.id = c.url_id")}


def _run_until(path, checked: int) -> None:
    """Start a run in a child process and SIGKILL it once ``checked`` checks are committed."""
    proc = subprocess.Popen(
        preexec_fn=die_with_parent, args=[sys.executable, "-c", KILLED_RUN, str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if len(_committed(path)) >= checked:
                break
            time.sleep(0.05)
        # At least: a held page answers after 120 s at the latest (a very loaded machine).
        assert len(_committed(path)) >= checked, proc.stderr.read().decode()
        workers = children(proc.pid)
    finally:
        stop(proc)  # SIGKILL
    assert reap(workers) == []


def test_urls_committed_before_each_kill_are_never_fetched_again(time_web, tmp_path):
    urls, article = _many_urls(time_web, tmp_path, 30)
    path = tmp_path / "killed-twice.sqlite3"
    with WatchStore(path) as store:
        add_targets(store, [str(article)])
    holds = [threading.Event(), threading.Event()]
    try:
        snapshots = []
        # The pages that answer in a phase are whole hosts: a held page takes one of its
        # host's connection slots, so on a shared host it could keep a page that should
        # answer waiting, depending on the order the run fetches in.
        for phase, answering in enumerate((("wire.test",), ("wire.test", "gazette.test"))):
            for i, url in enumerate(urls):
                hold = None if urlsplit(url).hostname in answering else holds[phase]
                time_web.set(url, news_page(f"Story {i}", f"Story number {i} happened."),
                             hold=hold)
            _run_until(path, sum(urlsplit(u).hostname in answering for u in urls))
            snapshots.append((_committed(path), {u: time_web.count(u) for u in urls}))
            holds[phase].set()
    finally:
        for hold in holds:
            hold.set()
    with WatchStore(path) as store:
        session = time_web.session()
        summary = Runner(store, time_web.config(), session=session).run()
        session.close()
        assert summary.finished and summary.run.id == 1
        counts = store.query("SELECT url_id, count(*) FROM checks GROUP BY url_id")
        assert len(counts) == 30 and {n for _, n in counts} == {1}
    for committed, fetched in snapshots:
        assert {u: time_web.count(u) for u in committed} == {u: fetched[u] for u in committed}
