"""One table of exit statuses for every command: 0 clean, 1 findings, 2 input, 3 incomplete."""

from __future__ import annotations

import attrs
import pytest

from citeaudit.cli import COMMANDS, main
from citeaudit.cli.audit import exit_status
from citeaudit.cli.common import EXIT_STATUSES, ExitCode
from citeaudit.cli.signals import Terminated
from citeaudit.report.model import Report
from tests.support.reports import build_report


def _with_reason(report: Report, reason: str) -> Report:
    """``report`` marked as a run that could not complete, for ``reason``."""
    return attrs.evolve(report, complete=False, incomplete_reason=reason)


def test_the_table_is_in_every_commands_help(capsys):
    for command in ([], *([c] for c in COMMANDS), ["watch", "run"], ["watch", "report"]):
        assert main([*command, "--help"]) == ExitCode.OK
        out = capsys.readouterr().out
        for status in ("0 ", "1 ", "2 ", "3 ", "130", "143"):
            assert f"\n  {status}" in out, (command, status)
    assert "could not complete" in EXIT_STATUSES


def test_the_exit_codes_are_the_documented_numbers():
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 130, 143]


def test_a_report_with_findings_exits_1_and_a_clean_one_0():
    report = build_report()
    assert exit_status(report, ("contradicted",)) == ExitCode.FINDINGS
    assert exit_status(report, ("none",)) == ExitCode.OK


def test_a_run_that_could_not_complete_exits_3_even_with_findings(capsys):
    report = _with_reason(build_report(), "the network was down")
    assert exit_status(report, ("contradicted",)) == ExitCode.INCOMPLETE
    assert "could not complete: the network was down" in capsys.readouterr().err


def test_interrupted_runs_exit_130_and_terminated_ones_143():
    report = attrs.evolve(build_report(), complete=False)
    assert exit_status(report, ("any",), interrupted=KeyboardInterrupt()) == 130
    assert exit_status(report, ("any",), interrupted=Terminated()) == 143


def test_a_report_that_could_not_be_written_exits_3():
    assert exit_status(build_report(), ("none",), written=False) == ExitCode.INCOMPLETE


@pytest.fixture
def crashing_notes(monkeypatch):
    def crash(*_args, **_kwargs):
        raise RuntimeError("something inside broke")

    monkeypatch.setattr("citeaudit.cli.notes.render_text", crash)


def test_an_unexpected_error_is_one_line_and_exit_3_never_1(crashing_notes, data_dir, capsys):
    assert main(["notes", str(data_dir / "ankasam.txt")]) == ExitCode.INCOMPLETE
    err = capsys.readouterr().err
    assert err == ("citeaudit: error: internal error: RuntimeError: something inside broke "
                   "(run with --debug for the traceback)\n")


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback(crashing_notes, data_dir, capsys, where):
    argv = ["notes", str(data_dir / "ankasam.txt")]
    argv = ["--debug", *argv] if where == "before" else [*argv, "--debug"]
    assert main(argv) == ExitCode.INCOMPLETE
    err = capsys.readouterr().err
    assert err.startswith("Traceback") and "RuntimeError: something inside broke" in err
    assert err.endswith("citeaudit: error: internal error: RuntimeError: something inside "
                        "broke\n")
