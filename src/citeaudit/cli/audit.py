"""``citeaudit audit ARTICLE``: the whole audit, rendered for people or machines."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from rich.console import Console

from citeaudit.cli.common import COMMAND_HELP, ExitCode, add_network_options, http_config_from_args
from citeaudit.config import Config
from citeaudit.errors import InputError
from citeaudit.report.model import DEFAULT_FAIL_ON, Report, fail_on_tokens
from citeaudit.settings import REPORT_FORMATS as FORMATS
from citeaudit.settings import load_settings
from citeaudit.verify.backend import parse_spec

if TYPE_CHECKING:
    from citeaudit.audit import Progress

EPILOG = f"""\
--fail-on takes finding kinds (dead_link, dead_link_archived, unreachable_link, content_drift,
contradicted, not_found, partially_supported, misplaced_note, title_mismatch,
published_after_access, uncited_claim), severities (error, warning, info), link outcomes
(broken, soft_404, ...), verdicts, 'any' or 'none'.  Default: {",".join(DEFAULT_FAIL_ON)}.

Settings may also come from citeaudit.toml or [tool.citeaudit] in pyproject.toml (searched
from the current folder upwards, or --config PATH); flags win.

exit status: 0 no finding matches --fail-on, 1 some do, 2 usage or input error,
130 interrupted (what was checked so far is still printed)."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``citeaudit audit``."""
    parser = sub.add_parser(
        "audit",
        help=COMMAND_HELP["audit"],
        description="Parse the article, check every cited URL once, find the archived copy "
        "nearest each note's access date, verify each claim against its source (live, and "
        "archived when the live page fails it), and report findings with suggested fixes.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("article", metavar="ARTICLE", help="a path, a URL, or - for stdin")
    parser.add_argument("--format", choices=FORMATS, help="report format (default: text)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write the report here instead of standard output")
    parser.add_argument("--fail-on", metavar="KINDS",
                        help="comma-separated findings that make the exit status 1")
    parser.add_argument("--annotate", type=Path, metavar="FILE",
                        help="also write the article with archive links added to FILE")
    parser.add_argument("--input-format", choices=("text", "html", "markdown"),
                        help="how to read the article (default: from its name or content)")
    parser.add_argument("--archive", action="append", metavar="NAME|TIMEMAP_PREFIX",
                        help="archive to ask (repeatable; default: wayback; 'none' disables)")
    parser.add_argument("--save-missing", action="store_true", default=None,
                        help="ask the Internet Archive to capture cited URLs no archive holds")
    parser.add_argument("--verifier", metavar="SPEC",
                        help="how claims are verified: lexical (default), model:NAME (a local "
                        "model, the nli extra) or llm:MODEL (an OpenAI-compatible chat API; "
                        "see docs/verification-backends.md)")
    parser.add_argument("--config", type=Path, metavar="PATH",
                        help="read settings from this TOML file")
    parser.add_argument("--no-color", action="store_true", help="plain text without colours")
    add_network_options(parser)
    parser.set_defaults(func=run)


@attrs.frozen
class Options:
    """The audit's settings once file settings and flags are merged."""

    config: Config
    format: str
    fail_on: tuple[str, ...]


def resolve_options(args: argparse.Namespace) -> Options:
    """Defaults, then the settings file, then the flags."""
    settings = load_settings(args.config)
    config = settings.apply(Config())
    config = attrs.evolve(config, http=http_config_from_args(args, config.http))
    if args.archive:
        config = attrs.evolve(config, archives=tuple(args.archive))
    if args.save_missing:
        config = attrs.evolve(config, save_missing=True)
    if args.verifier is not None:
        parse_spec(args.verifier)  # a bad spec fails before anything is read
        config = attrs.evolve(config, verifier=args.verifier.strip())
    fmt = args.format or settings.format or "text"
    if fmt not in FORMATS:
        raise InputError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
    if args.fail_on is not None:
        fail_on = tuple(t.strip() for t in args.fail_on.split(",") if t.strip())
    else:
        fail_on = settings.fail_on if settings.fail_on is not None else DEFAULT_FAIL_ON
    unknown = [t for t in fail_on if t not in fail_on_tokens()]
    if unknown:
        raise InputError(f"--fail-on: unknown kind {unknown[0]!r} (see citeaudit audit --help)")
    return Options(config, fmt, fail_on)


def run(args: argparse.Namespace) -> int:
    """Audit the article and render the report; Ctrl-C renders what was checked so far."""
    options = resolve_options(args)
    from citeaudit.archive import parse_specs
    from citeaudit.audit import Auditor  # the whole stack: loaded only when auditing

    parse_specs(options.config.archives)  # a bad --archive fails before any request
    source, name = _source(args.article)  # bad input fails before a session is made
    auditor = Auditor(options.config, progress=None)
    article = auditor.read(source, format=args.input_format, name=name)
    interrupted = False
    with _progress_bar() as progress:
        auditor.progress = progress
        try:
            report = auditor.run(article)
        except KeyboardInterrupt:
            interrupted = True
            report = auditor.report()
    text = render(report, options.format, color=not args.no_color and args.output is None)
    _emit(text, args.output)
    if args.annotate is not None:
        _write_annotated(report, auditor.original, args.annotate)
    if interrupted:
        done = sum(1 for n in report.notes for _ in n.links)
        print(f"citeaudit: interrupted; the report covers the {done} links checked so far",
              file=sys.stderr)
        return ExitCode.INTERRUPTED
    return ExitCode.FINDINGS if report.matching(options.fail_on) else ExitCode.OK


def render(report: Report, fmt: str, *, color: bool = False) -> str:
    """The report in ``fmt``, through the report package's formatters."""
    from citeaudit.report import render as render_report

    if fmt == "text":
        width = shutil.get_terminal_size((120, 24)).columns
        return render_report(report, "text", color=color and sys.stdout.isatty(), width=width)
    return render_report(report, fmt)


def _source(article: str) -> tuple[str | bytes | Path, str | None]:
    if article == "-":
        data = sys.stdin.buffer.read()
        if not data.strip():
            raise InputError("standard input is empty: no article to audit")
        return data, "<stdin>"
    if article.lower().startswith(("http://", "https://")):
        return article, None
    path = Path(article)
    if not path.exists():
        raise InputError(f"{article}: no such file")
    if path.is_dir():
        raise InputError(f"{article}: is a folder, not an article")
    return path, None


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the report to {output}: {exc.strerror}") from exc


def _write_annotated(report: Report, original: str | None, path: Path) -> None:
    from citeaudit.annotate import annotate

    if original is None:
        raise InputError("--annotate needs the article's own text, which was not read")
    text = annotate(report, original, report.article.format)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the annotated article to {path}: {exc.strerror}") from exc


@contextmanager
def _progress_bar() -> Iterator[Callable[[Progress], None] | None]:
    """Bars for links, archive look-ups and claims on a terminal; nothing when piped."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress as Bars
    from rich.progress import TaskID

    with Bars(console=Console(stderr=True), transient=True) as bars:
        tasks: dict[str, TaskID] = {}

        def advance(event: Progress) -> None:
            if event.stage not in tasks:
                tasks[event.stage] = bars.add_task(f"checking {event.stage}", total=event.total)
            bars.update(tasks[event.stage], completed=event.done, total=event.total)

        yield advance
