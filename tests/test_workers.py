"""The worker pool that reads pages and verifies claims beside the fetching threads."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest

from citeaudit import workers
from citeaudit.verify.verdict import Label
from tests.hostile.proc import alive, reap, stop
from tests.support.child_output import read_line
from tests.support.children import die_with_parent

PAGE = (
    b"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Port record</title>"
    b"</head><body><article><h1>Port record</h1><p>The port handled more than 11,000 "
    b"containers in March, a record for the month.</p><p>Dock workers agreed a new contract "
    b"with the port authority in April.</p></article></body></html>"
)
CLAIMS = (
    workers.ClaimInput("c1", "The port handled more than 11,000 containers in March."),
    workers.ClaimInput("c2", "The port handled more than 13,000 containers in March."),
)


def test_reading_and_verifying_a_page_gives_one_verdict_per_claim_in_order():
    page, verdicts = workers.read_and_verify(PAGE, "text/html", "https://port.test/", CLAIMS)
    assert page is not None and page.title == "Port record"
    assert [v.label for v in verdicts] == [Label.SUPPORTED, Label.CONTRADICTED]


def test_a_page_without_text_gives_no_verdicts():
    assert workers.read_and_verify(b"<html><body></body></html>", "text/html", "u", CLAIMS) == (
        None, ())


def test_one_worker_means_threads_in_this_process():
    pool = workers.executor(1)
    assert type(pool).__name__ == "ThreadPoolExecutor"
    assert workers.run(pool, workers.read_page, PAGE, "text/html", "u").title == "Port record"


def test_no_processes_are_forked_while_other_threads_run():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, name="someone-else")
    other.start()
    try:
        assert not workers._safe_to_fork()
    finally:
        stop.set()
        other.join()


def test_worker_processes_verify_like_this_process_and_never_rerun_the_script(tmp_path):
    # A script without a __main__ guard: a spawned or forkserver worker would run it again.
    script = tmp_path / "unguarded.py"
    script.write_text(textwrap.dedent(f"""
        import sys
        from citeaudit import workers
        print("script body ran", flush=True)
        pool = workers.executor(2)
        page, verdicts = workers.run(pool, workers.read_and_verify, {PAGE!r}, "text/html",
                                     "https://port.test/", {CLAIMS!r})
        print(type(pool).__name__, [v.label.value for v in verdicts], flush=True)
    """).replace("ClaimInput(", "workers.ClaimInput("))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, preexec_fn=die_with_parent)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines.count("script body ran") == 1
    assert lines[-1] == "ProcessPoolExecutor ['supported', 'contradicted']"


def test_worker_processes_yield_the_cpu_to_fetching_and_skip_the_language_model(tmp_path):
    # Workers run at a lower priority than the fetching process, and reading a page
    # for an audit never loads the language detector's model (68 MB per process).
    script = tmp_path / "probe.py"
    script.write_text(textwrap.dedent(f"""
        import os, sys
        from citeaudit import workers

        def state():
            page = workers.read_page({PAGE!r}, "text/html", "https://port.test/")
            loaded = sys.modules["citeaudit.extract"]._langid is not None
            return os.nice(0), page.title, page.lang, loaded

        pool = workers.executor(2)
        print(type(pool).__name__, os.nice(0), *pool.submit(state).result(), flush=True)
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, preexec_fn=die_with_parent)
    assert done.returncode == 0, done.stderr
    kind, parent, child, *title, lang, loaded = done.stdout.split()
    assert kind == "ProcessPoolExecutor"
    assert int(child) == min(int(parent) + workers.WORKER_NICENESS, 19)
    assert " ".join(title) == "Port record" and lang == "en"
    assert loaded == "False"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_worker_processes_die_with_a_parent_killed_by_sigkill(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent("""
        import time
        from citeaudit import workers
        pool = workers.executor(2)
        print(*sorted(pool._processes), flush=True)
        time.sleep(600)
    """))
    parent = subprocess.Popen(
        preexec_fn=die_with_parent, args=[sys.executable, str(script)], stdout=subprocess.PIPE,
        text=True)
    try:
        pids = [int(p) for p in read_line(parent.stdout, "the worker pids").split()]
        assert len(pids) == 2 and all(alive(p) for p in pids)
    finally:
        stop(parent)  # SIGKILL
    assert reap(pids) == []  # reap also kills any left, so no test leaves one behind


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_stop_all_kills_the_workers_and_a_new_pool_can_start(tmp_path):
    script = tmp_path / "stop.py"
    script.write_text(textwrap.dedent("""
        from citeaudit import workers
        pool = workers.executor(2)
        print(*sorted(pool._processes), flush=True)
        workers.stop_all()
        again = workers.executor(2)
        print(again is not pool, again.submit(sum, (1, 2)).result(), flush=True)
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120, preexec_fn=die_with_parent)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert second == "True 3"
    assert reap([int(p) for p in first.split()]) == []


def _where(n: int) -> tuple[int, str]:
    return n * n, threading.current_thread().name


def test_side_by_side_gives_every_result_in_order_on_the_pool():
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="pool") as pool:
        out = list(workers.side_by_side(pool, _where, [(n,) for n in range(5)]))
    assert [square for square, _ in out] == [0, 1, 4, 9, 16]
    assert all(name.startswith("pool") for _, name in out)


def test_side_by_side_runs_here_what_a_shut_down_or_cancelling_pool_cannot():
    import concurrent.futures

    pool = concurrent.futures.ThreadPoolExecutor(1)
    pool.shutdown()
    out = list(workers.side_by_side(pool, _where, [(2,), (3,)]))
    here = threading.current_thread().name
    assert out == [(4, here), (9, here)]

    class Cancelling(concurrent.futures.Executor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            future: concurrent.futures.Future[object] = concurrent.futures.Future()
            future.cancel()
            return future

    assert list(workers.side_by_side(Cancelling(), _where, [(4,)])) == [(16, here)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_the_pool_is_handed_over_before_its_workers_have_started(tmp_path):
    # Fetching starts at once; the pages wait for the workers, not the first request.
    # Each worker's start waits for a flag the parent raises only once executor() has
    # returned: a pool that waited for a worker would leave it waiting until it gave up.
    script = tmp_path / "slow_start.py"
    script.write_text(textwrap.dedent("""
        import os, pathlib, sys, time
        from citeaudit import workers
        flag, seen = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
        started = workers._worker_init

        def waiting_init(parent):
            give_up = time.monotonic() + 20
            while not flag.exists() and time.monotonic() < give_up:
                time.sleep(0.01)
            (seen / str(os.getpid())).write_text("flag" if flag.exists() else "gave up")
            started(parent)

        workers._worker_init = waiting_init
        pool = workers.executor(2)
        flag.write_text("handed over")
        print(type(pool).__name__, pool.submit(sum, (1, 2)).result(), flush=True)
    """))
    seen = tmp_path / "seen"
    seen.mkdir()
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "flag"), str(seen)],
        capture_output=True, text=True, timeout=120, preexec_fn=die_with_parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ProcessPoolExecutor", "3"]
    assert sorted(f.read_text() for f in seen.iterdir()) == ["flag", "flag"]
