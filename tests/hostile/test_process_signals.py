"""Killed and interrupted runs: SIGTERM and Ctrl-C keep the partial report; nothing stays behind."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.hostile.proc import HangingWeb, children, citeaudit, reap, stop, write_article

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux signals")


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
    checked = {link["url"] for note in report["notes"] for link in note["links"]}
    assert checked == {f"{web.base}/ok/1", f"{web.base}/ok/2"}
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
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "ready\n"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        stop(proc)
    assert out == "handling\n"
    assert proc.returncode == 143
    assert err == "citeaudit: stopped\n"
