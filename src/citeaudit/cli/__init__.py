"""The ``citeaudit`` command: argument parsing, a library call, a renderer, an exit code.

Each subcommand lives in its own module exposing ``add_parser(subparsers)``,
which registers the command and sets ``func`` to a ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from citeaudit import __version__
from citeaudit.cli import archive, audit, links, notes, watch
from citeaudit.cli.common import ExitCode, fail
from citeaudit.errors import CiteauditError

COMMANDS = (notes, links, archive, audit, watch)


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="citeaudit",
        description="Audit the sources an article cites.",
    )
    parser.add_argument("--version", action="version", version=f"citeaudit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting."""
    parser = build_parser()
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
