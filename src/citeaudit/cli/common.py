"""Pieces every subcommand shares: exit codes, output formats, network options."""

from __future__ import annotations

import argparse
import enum
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import attrs

from citeaudit.config import HttpConfig

COMMAND_HELP = {
    "notes": "list an article's notes, its cited claims and its uncited claims",
    "links": "check the links an article cites (or URLs given directly)",
    "archive": "find web-archive snapshots of a URL nearest an access date",
    "audit": "audit an article: links, archived copies, and whether sources support claims",
    "watch": "re-check the citations of many articles over time (link rot, drift)",
}
"""Each subcommand's one-line help, in the order ``citeaudit --help`` lists them.

Kept here rather than in the commands' modules so the top-level help, and a
run of one command, need not import the others."""


class ExitCode(enum.IntEnum):
    """What the process's exit status means; one meaning each."""

    OK = 0
    """Everything checked is fine."""
    FINDINGS = 1
    """The run worked and found problems (broken links, unsupported claims…)."""
    USAGE = 2
    """Bad arguments or unusable input; nothing (more) was checked."""
    INCOMPLETE = 3
    """The run could not complete (no network, an unexpected error); a partial report says
    what was and was not checked."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C (SIGINT); what was checked so far is still reported."""
    TERMINATED = 143
    """Stopped by SIGTERM (``timeout``, cron, systemd, CI); handled like Ctrl-C."""


EXIT_STATUSES = """\
exit status (every command):
  0    the run completed and nothing matched --fail-on
  1    the run completed and findings matched --fail-on
  2    usage or input error: nothing was checked
  3    the run could not complete (no network, an unexpected error): a partial
       report says what was and was not checked
  130  interrupted by Ctrl-C (SIGINT): the partial report is still written
  143  stopped by SIGTERM (timeout, cron, systemd, CI): handled like Ctrl-C"""
"""The exit-status table every command's ``--help`` ends with (and the README shows)."""


class OutputFormat(enum.StrEnum):
    """Formats the inspection commands print."""

    TEXT = "text"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "md"
    HTML = "html"


def add_common_options(
    parser: argparse.ArgumentParser, *, progress: bool = True, debug: bool = True
) -> None:
    """``--debug`` (tracebacks of unexpected errors) and, for long commands, ``--quiet``."""
    if progress:
        parser.add_argument("-q", "--quiet", action="store_true",
                            help="no progress on standard error")
    if debug:
        # SUPPRESS: given before the command (``citeaudit --debug audit``), it is not reset.
        parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                            help="show the traceback of an unexpected error")


def run_status(
    *, findings: bool, interrupted: KeyboardInterrupt | None = None,
    incomplete: str | None = None, written: bool = True,
) -> int:
    """The exit status of a run that produced a report: the table's first matching row.

    ``incomplete`` says why the run could not complete (it is printed);
    ``written`` is ``False`` when an output file could not be written.
    """
    if interrupted is not None:
        from citeaudit.cli.signals import interrupt_status

        return interrupt_status(interrupted)
    if incomplete:
        print(f"citeaudit: the run could not complete: {' '.join(incomplete.split())}",
              file=sys.stderr)
        return ExitCode.INCOMPLETE
    if not written:
        return ExitCode.INCOMPLETE
    return ExitCode.FINDINGS if findings else ExitCode.OK


def fail(message: str) -> int:
    """Print a one-line error and return the usage/input exit code."""
    line = " ".join(message.split())
    print(f"citeaudit: error: {line}", file=sys.stderr)
    return ExitCode.USAGE


def add_format_option(
    parser: argparse.ArgumentParser, formats: tuple[OutputFormat, ...] = tuple(OutputFormat)
) -> None:
    """``--format`` with the ``formats`` the command can write (default: text)."""
    parser.add_argument(
        "--format",
        choices=[f.value for f in formats],
        default=OutputFormat.TEXT.value,
        help="output format (default: text)",
    )


def add_network_options(parser: argparse.ArgumentParser) -> None:
    """The options that shape how the network is reached."""
    group = parser.add_argument_group("network")
    group.add_argument(
        "--timeout", type=positive_float, metavar="S",
        help="total seconds allowed per URL, retries included",
    )
    group.add_argument(
        "--allow-private", action="store_true",
        help="allow URLs on private, loopback and link-local addresses",
    )
    group.add_argument(
        "--record", type=Path, metavar="FILE.warc.gz",
        help="write every HTTP exchange to this WARC file",
    )
    group.add_argument(
        "--replay", type=Path, metavar="FILE.warc.gz",
        help="answer every request from this WARC file, with no network",
    )
    group.add_argument(
        "--cache", type=Path, metavar="DIR",
        help="keep an on-disk HTTP cache here so re-runs are cheap",
    )


def http_config_from_args(args: argparse.Namespace, base: HttpConfig | None = None) -> HttpConfig:
    """The :class:`HttpConfig` the network options ask for."""
    config = base or HttpConfig()
    changes: dict[str, object] = {}
    if getattr(args, "timeout", None):
        changes["deadline"] = args.timeout
        changes["read_timeout"] = min(config.read_timeout, args.timeout)
        changes["connect_timeout"] = min(config.connect_timeout, args.timeout)
    if getattr(args, "allow_private", False):
        changes["allow_private"] = True
    for name in ("record", "replay"):
        if getattr(args, name, None):
            changes[name] = getattr(args, name)
    if getattr(args, "cache", None):
        changes["cache_path"] = args.cache
    return attrs.evolve(config, **changes)


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    return _number(text, int, "a whole number", lambda v: v >= 1, "must be at least 1")


def positive_float(text: str) -> float:
    """An argparse type: a number above 0 (seconds of a timeout)."""
    return _number(text, float, "a number", lambda v: v > 0, "must be positive")


def non_negative_float(text: str) -> float:
    """An argparse type: a number of at least 0 (days of a spacing)."""
    return _number(text, float, "a number", lambda v: v >= 0, "must not be negative")


_N = TypeVar("_N", int, float)


def _number(
    text: str, kind: Callable[[str], _N], what: str, ok: Callable[[_N], bool], rule: str
) -> _N:
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
    if not ok(value):
        raise argparse.ArgumentTypeError(f"{rule}: {text!r}")
    return value
