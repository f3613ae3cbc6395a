"""The top-level command: dispatch, exit codes, one-line errors."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from citeaudit import __version__
from citeaudit.cli import COMMANDS, build_parser, main
from citeaudit.cli.common import (
    COMMAND_HELP,
    ExitCode,
    OutputFormat,
    fail,
    http_config_from_args,
)
from citeaudit.config import HttpConfig
from tests.support.fresh import run_fresh


def test_version_prints_the_package_version(capsys):
    assert main(["--version"]) == ExitCode.OK
    assert __version__ in capsys.readouterr().out


def test_python_dash_m_runs_the_same_command_line():
    done = subprocess.run([sys.executable, "-m", "citeaudit", "--version"],
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, f"citeaudit {__version__}")
    done = subprocess.run([sys.executable, "-m", "citeaudit", "links"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == ExitCode.USAGE


def test_no_command_is_a_usage_error(capsys):
    assert main([]) == ExitCode.USAGE
    assert "usage:" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys):
    assert main(["frobnicate"]) == ExitCode.USAGE
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    assert main([command, "--help"]) == ExitCode.OK
    assert command in capsys.readouterr().out


def test_the_top_level_help_lists_every_command_with_its_summary(capsys):
    assert main(["--help"]) == ExitCode.OK
    out = " ".join(capsys.readouterr().out.split())
    for command, summary in COMMAND_HELP.items():
        assert f"{command} {summary}" in out


def test_a_command_loads_only_its_own_module():
    code = ("import sys, contextlib, io\n"
            "from citeaudit.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['links', '--help'])\n"
            "from citeaudit.cli import COMMANDS\n"
            "print(sorted(m for m in sys.modules if m.startswith('citeaudit.cli.')\n"
            "             and m.rsplit('.', 1)[1] in COMMANDS))")
    assert run_fresh(code) == "['citeaudit.cli.links']"


def test_links_command_starts_without_the_article_and_report_stacks():
    # URLs given directly need neither the note parser (hundreds of regular expressions
    # compiled at import) nor the audit report's model: a link check pays only for its own.
    code = ("import sys, contextlib, io\n"
            "from citeaudit.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['links', '--help'])\n"
            "print(sorted(m for m in ('citeaudit.notes', 'citeaudit.article',\n"
            "                         'citeaudit.report.model') if m in sys.modules))")
    assert run_fresh(code) == "[]"


def test_fail_prints_one_line_and_returns_usage(capsys):
    assert fail("no such file:\n  article.txt") == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err == "citeaudit: error: no such file: article.txt\n"


def test_exit_codes_mean_one_thing_each():
    values = [code.value for code in ExitCode]
    assert len(values) == len(set(values))
    assert (ExitCode.OK, ExitCode.FINDINGS, ExitCode.USAGE) == (0, 1, 2)


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_output_format_is_accepted_by_the_parser(fmt):
    parser = build_parser()
    for command in ("notes", "links"):
        args = parser.parse_args([command, "x", "--format", fmt.value])
        assert args.format == fmt.value


def test_network_options_build_the_http_config(tmp_path):
    args = argparse.Namespace(
        timeout=5.0, allow_private=True, record=tmp_path / "r.warc.gz", replay=None, cache=None
    )
    config = http_config_from_args(args)
    assert config.deadline == 5.0
    assert config.read_timeout <= 5.0 and config.connect_timeout <= 5.0
    assert config.allow_private is True
    assert config.record == tmp_path / "r.warc.gz"
    assert config.replay is None


def test_network_options_default_to_the_shipped_policy():
    args = argparse.Namespace(
        timeout=None, allow_private=False, record=None, replay=None, cache=None
    )
    assert http_config_from_args(args) == HttpConfig()
