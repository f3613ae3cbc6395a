"""The ``citeaudit`` command: argument parsing, a library call, a renderer, an exit code.

Each subcommand lives in its own module exposing ``add_parser(subparsers)``,
which registers the command and sets ``func`` to a ``run(args) -> int``.  Only
the module of the command being run is imported (the others are listed by
their one-line help alone): a command then starts without loading the stacks
of the others.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import sys
import traceback
from collections.abc import Sequence

from citeaudit import __version__
from citeaudit.cli import signals
from citeaudit.cli.common import COMMAND_HELP, EXIT_STATUSES, ExitCode, fail
from citeaudit.errors import CiteauditError, ConfigError, InputError

COMMANDS = tuple(COMMAND_HELP)
"""The subcommands' names."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The top-level parser: every subcommand in full, or only ``command`` in full."""
    parser = argparse.ArgumentParser(
        prog="citeaudit",
        description="Audit the sources an article cites.",
        epilog=EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"citeaudit {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of an unexpected error")
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
    """Run the command line; returns the exit code instead of exiting.

    Every failure ends as one line on standard error and a status of the
    table in :data:`~citeaudit.cli.common.EXIT_STATUSES`; ``--debug`` adds the
    traceback of an unexpected error.  Run as the program (``argv`` not
    given), an interrupted run exits as soon as its partial report is out,
    without waiting for requests and page reads still in flight.
    """
    program = argv is None
    code = _main(sys.argv[1:] if argv is None else list(argv))
    if program and code in signals.STATUS.values():
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)
    return code


def _main(argv: list[str]) -> int:
    parser = build_parser(_command_in(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    debug = bool(getattr(args, "debug", False)) or bool(os.environ.get("CITEAUDIT_DEBUG"))
    with signals.handled():
        try:
            code = int(args.func(args))
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
            return code
        except (InputError, ConfigError) as exc:
            return fail(str(exc))
        except CiteauditError as exc:  # the network, an archive, the verifier: not the input
            _report(str(exc), debug)
            return ExitCode.INCOMPLETE
        except KeyboardInterrupt as exc:
            print("citeaudit: interrupted", file=sys.stderr)
            return signals.interrupt_status(exc)
        except OSError as exc:
            if exc.errno in (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EBADF):
                _quiet_stdout()
                _report(f"cannot write the output: {exc.strerror or exc}", debug)
            else:
                _report(f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename
                                                     else ""), debug)
            return ExitCode.INCOMPLETE
        except Exception as exc:  # the one place every unexpected error ends
            _report(f"internal error: {type(exc).__name__}: {exc}", debug, hint=True)
            return ExitCode.INCOMPLETE


def _report(message: str, debug: bool, *, hint: bool = False) -> None:
    """One line on standard error (the traceback before it with ``--debug``)."""
    if debug:
        traceback.print_exc()
    line = " ".join(message.split())
    more = " (run with --debug for the traceback)" if hint and not debug else ""
    with contextlib.suppress(OSError):
        print(f"citeaudit: error: {line}{more}", file=sys.stderr, flush=True)


def _quiet_stdout() -> None:
    """Point standard output at the null device so the exit's flush cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # a test's captured stdout has no fd
        pass
