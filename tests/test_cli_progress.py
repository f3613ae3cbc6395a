"""Progress on standard error: plain lines in logs every few seconds, nothing with --quiet."""

from __future__ import annotations

import io

from citeaudit.cli import main
from citeaudit.cli.progress import PlainLines, progress
from tests.support.site import Site, html_page


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_plain_lines_come_every_interval_while_something_moves():
    clock, out = FakeClock(), io.StringIO()
    lines = PlainLines(out, interval=5, heartbeat=60, clock=clock)
    lines.update("links", 1, 40)
    clock.now = 4.9
    lines.tick()
    assert out.getvalue() == ""
    clock.now = 5.0
    lines.tick()
    assert out.getvalue() == "citeaudit: links 1/40 (5 s)\n"
    lines.update("links", 2, 40)
    lines.update("archive", 1, None)
    clock.now = 10.0
    lines.tick()
    assert out.getvalue().splitlines()[-1] == "citeaudit: links 2/40, archive 1 (10 s)"


def test_a_stuck_run_still_says_so_once_a_minute():
    clock, out = FakeClock(), io.StringIO()
    lines = PlainLines(out, interval=5, heartbeat=60, clock=clock)
    lines.update("links", 3, 40)
    clock.now = 5.0
    lines.tick()
    for second in range(6, 65):
        clock.now = float(second)
        lines.tick()
    assert len(out.getvalue().splitlines()) == 1  # nothing moved: no new line yet
    clock.now = 65.0
    lines.tick()
    assert out.getvalue().splitlines()[-1] == "citeaudit: links 3/40 (65 s)"


def test_the_last_state_is_written_when_the_run_ends():
    clock, out = FakeClock(), io.StringIO()
    lines = PlainLines(out, clock=clock)
    lines.update("links", 40, 40)
    lines.finish()
    assert out.getvalue() == "citeaudit: links 40/40 (0 s)\n"
    lines.finish()
    assert out.getvalue().count("\n") == 1


def test_quiet_writes_nothing():
    out = io.StringIO()
    with progress(quiet=True, stream=out) as tracker:
        tracker.update("links", 1, 2)
    assert out.getvalue() == ""


def test_a_closed_standard_error_does_not_fail_the_run():
    out = io.StringIO()
    out.close()
    lines = PlainLines(out)
    lines.update("links", 1, 1)
    lines.finish()  # no exception


def _article(tmp_path, site):
    path = tmp_path / "a.txt"
    path.write_text(
        "The port handled 11,000 containers.[1] The stadium seats 45,000.[2]\n\n"
        f'[1] "Port", Loopback Times, {site.url("/port")}, (Access Date: 27.06.2024).\n'
        f'[2] "Stadium", Loopback Times, {site.url("/stadium")}, (Access Date: 27.06.2024).\n')
    return path


def test_links_and_audit_report_progress_on_stderr_when_it_is_not_a_terminal(tmp_path, capsys):
    site = Site({"/port": html_page("Port", "The port handled 11,000 containers."),
                 "/stadium": html_page("Stadium", "The stadium seats 45,000.")})
    with site.running():
        article = _article(tmp_path, site)
        assert main(["links", "-a", str(article), "--allow-private"]) == 0
        assert "citeaudit: links 2/2" in capsys.readouterr().err
        assert main(["audit", str(article), "--allow-private", "--archive", "none"]) == 0
        assert "citeaudit: links 2/2" in capsys.readouterr().err
        assert main(["audit", str(article), "--allow-private", "--archive", "none",
                     "--quiet"]) == 0
        assert "citeaudit: links" not in capsys.readouterr().err


def test_under_pre_commit_there_is_no_progress(monkeypatch):
    monkeypatch.setenv("PRE_COMMIT", "1")
    out = io.StringIO()
    with progress(stream=out) as tracker:
        tracker.update("links", 1, 1)
    assert out.getvalue() == ""
