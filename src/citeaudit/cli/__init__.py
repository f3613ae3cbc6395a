"""The ``citeaudit`` command: argument parsing, a library call, a renderer, an exit code.

Each subcommand lives in its own module exposing ``add_parser(subparsers)``,
which registers the command and sets ``func`` to a ``run(args) -> int``.  Only
the module of the command being run is imported (the others are listed by
their one-line help alone): a command then starts without loading the stacks
of the others.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from citeaudit import __version__
from citeaudit.cli.common import COMMAND_HELP, ExitCode, fail
from citeaudit.errors import CiteauditError

COMMANDS = tuple(COMMAND_HELP)
"""The subcommands' names."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The top-level parser: every subcommand in full, or only ``command`` in full."""
    parser = argparse.ArgumentParser(
        prog="citeaudit",
        description="Audit the sources an article cites.",
    )
    parser.add_argument("--version", action="version", version=f"citeaudit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        if command is None or name == command:
            importlib.import_module(f"citeaudit.cli.{name}").add_parser(sub)
        else:
            sub.add_parser(name, help=COMMAND_HELP[name])
    return parser


def _command_in(argv: Sequence[str]) -> str:
    """The subcommand ``argv`` names (its first word), or ``""`` when it names none."""
    first = next((arg for arg in argv if not arg.startswith("-")), "")
    return first if first in COMMAND_HELP else ""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_in(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.func(args))
    except CiteauditError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        print("citeaudit: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return ExitCode.OK
