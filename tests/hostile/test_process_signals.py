"""Killed and interrupted runs: SIGTERM and Ctrl-C keep the partial report; nothing stays behind."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.hostile.proc import HangingWeb, children, citeaudit, reap, stop, write_article
from tests.support.child_output import read_line
from tests.support.children import die_with_parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux signals")


def _checks(db) -> int:
    from citeaudit.watch import WatchStore

    with WatchStore(db, create=False) as store:
        return store.query("SELECT count(*) FROM checks")[0][0]


@pytest.fixture
def web():
    with HangingWeb().running() as running:
        yield running


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stopped_audit_still_writes_its_partial_report_and_leaves_no_process(
    web, tmp_path, signum, status
):
    article = write_article(tmp_path, web.base, ["/ok/1", "/ok/2", "/hang/3"])
    proc = citeaudit("audit", str(article), "--format", "json", "--archive", "none",
                     "--allow-private", "--timeout", "300", "-o", str(tmp_path / "out.json"),
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert web.wait_for("/hang/3"), proc.stderr.read() if proc.poll() is not None else ""
        workers = children(proc.pid)
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=60)
    finally:
        stop(proc)
    assert proc.returncode == status, err
    assert "Traceback" not in err
    report = json.loads((tmp_path / "out.json").read_text())
    assert report["article"]["complete"] is False
    assert len(report["notes"]) == 3
    checked = {link["url"] for note in report["notes"] for link in note["links"]}
    # What had answered by then (on a loaded machine, perhaps not both), never the hung page.
    assert checked <= {f"{web.base}/ok/1", f"{web.base}/ok/2"}
    assert reap(workers) == []


def test_a_second_signal_exits_at_once_with_the_status_of_the_first(tmp_path):
    # The first Ctrl-C is being handled (here: forever); the second does not wait for it.
    script = tmp_path / "twice.py"
    script.write_text(textwrap.dedent("""
        import os, signal, time
        from citeaudit.cli import signals
        with signals.handled():
            try:
                print("ready", flush=True)
                time.sleep(600)
            except KeyboardInterrupt:
                print("handling", flush=True)
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(600)
    """))
    proc = subprocess.Popen(
        preexec_fn=die_with_parent, args=[sys.executable, str(script)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert read_line(proc.stdout, "the script's ready line") == "ready\n"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        stop(proc)
    assert out == "handling\n"
    assert proc.returncode == 143
    assert err == "citeaudit: stopped\n"


def test_a_watch_run_stopped_by_sigterm_keeps_its_checks_and_the_next_run_continues(
    web, tmp_path
):
    article = write_article(tmp_path, web.base, ["/ok/w1", "/ok/w2", "/hang/w3"])
    db = tmp_path / "w.sqlite3"
    added = citeaudit("watch", "add", str(article), "--db", str(db), stdout=subprocess.PIPE,
                      stderr=subprocess.PIPE)
    try:
        added.communicate(timeout=120)
    finally:
        stop(added)
    assert added.returncode == 0
    proc = citeaudit("watch", "run", "--db", str(db), "--allow-private", "--timeout", "300",
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert web.wait_for("/hang/w3")
        deadline = time.monotonic() + 60
        while _checks(db) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = children(proc.pid)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    finally:
        stop(proc)
    assert proc.returncode == 143, err
    assert "continues the run" in err and "Traceback" not in err
    assert reap(workers) == []
    web.release()
    again = citeaudit("watch", "run", "--db", str(db), "--allow-private", "--format", "json",
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = again.communicate(timeout=120)
    finally:
        stop(again)
    summary = json.loads(out)
    assert (summary["resumed"], summary["finished"], summary["checked_now"]) == (True, True, 1)
