"""``citeaudit audit ARTICLE``: the whole audit, rendered for people or machines."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import attrs

from citeaudit.cli.common import (
    COMMAND_HELP,
    EXIT_STATUSES,
    add_common_options,
    add_network_options,
    http_config_from_args,
    run_status,
)
from citeaudit.cli.csv_help import CSV_HELP
from citeaudit.cli.output import check_writable, emit, write_atomic
from citeaudit.cli.progress import progress
from citeaudit.config import Config
from citeaudit.errors import InputError
from citeaudit.report.model import DEFAULT_FAIL_ON, Report, fail_on_tokens
from citeaudit.settings import REPORT_FORMATS as FORMATS
from citeaudit.settings import load_settings
from citeaudit.verify.backend import parse_spec

EPILOG = f"""\
--fail-on takes finding kinds (dead_link, dead_link_archived, unreachable_link, content_drift,
contradicted, not_found, partially_supported, misplaced_note, shifted_notes,
title_mismatch, published_after_access, uncited_claim, notes_not_found, and with --sources
contradicted_by_source, supported_by_source, better_source_available), severities (error,
warning, info), link outcomes (broken, soft_404, ...), verdicts, 'any' or 'none'.
Default: {",".join(DEFAULT_FAIL_ON)}.

Settings may also come from citeaudit.toml or [tool.citeaudit] in pyproject.toml (searched
from the current folder upwards, or --config PATH); flags win.

{CSV_HELP}

{EXIT_STATUSES}"""


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
    parser.add_argument("--csv-rows", choices=("findings", "notes", "claims"),
                        default="findings",
                        help="with --format csv: what one row is (default: findings)")
    parser.add_argument("--fail-on", metavar="KINDS",
                        help="comma-separated findings that make the exit status 1")
    parser.add_argument("--annotate", type=Path, metavar="FILE",
                        help="also write the article with archive links added to FILE")
    parser.add_argument("--fix", choices=("wikitext",),
                        help="write the article back mended: archive links added to the "
                        "citation templates of dead or drifted links, {{dead link}} where no "
                        "archive holds a copy")
    parser.add_argument("--diff", action="store_true",
                        help="with --fix: print the edit as a unified diff, change no file")
    parser.add_argument("--overwrite-article", action="store_true",
                        help="allow -o or --annotate to name the article itself")
    from citeaudit.read import FORMATS as INPUT_FORMATS  # this module loads only for audit

    parser.add_argument("--input-format", choices=INPUT_FORMATS,
                        help="how to read the article (default: from its name or content)")
    parser.add_argument("--archive", action="append", metavar="NAME|TIMEMAP_PREFIX",
                        help="archive to ask (repeatable; default: wayback; 'none' disables)")
    parser.add_argument("--archive-interval", action="append", metavar="NAME=SECONDS",
                        help="seconds between requests to that archive (repeatable; default "
                        "for wayback: 3)")
    parser.add_argument("--save-missing", action="store_true", default=None,
                        help="ask the Internet Archive to capture cited URLs no archive holds")
    parser.add_argument("--verifier", metavar="SPEC",
                        help="how claims are verified: lexical (default), model:NAME (a local "
                        "model, the nli extra) or llm:MODEL (an OpenAI-compatible chat API; "
                        "see docs/verification-backends.md)")
    parser.add_argument("--sources", nargs="+", metavar="SRC",
                        help="also match every sentence against these pages: URLs, saved "
                        "pages (HTML, text, PDF), folders of them, WARC captures, or "
                        "article:PATH (the pages another article cites); give it after "
                        "ARTICLE")
    parser.add_argument("--config", type=Path, metavar="PATH",
                        help="read settings from this TOML file")
    parser.add_argument("--no-color", action="store_true", help="plain text without colours")
    add_common_options(parser)
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
    if args.archive_interval:
        config = attrs.evolve(config, archive_intervals={
            **config.archive_intervals, **parse_archive_intervals(args.archive_interval)})
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
    if args.diff and args.fix is None:
        raise InputError("--diff shows the edit --fix makes: add --fix wikitext")
    if args.fix is not None:
        from citeaudit.fix.apply import check_article, check_target

        check_target(args.article, diff=args.diff)
    source, name = _source(args.article)  # bad input fails before a session is made
    _check_outputs(args, source)  # and a bad -o or --annotate before the long run
    auditor = Auditor(options.config, progress=None, sources=args.sources or ())
    article = auditor.read(source, format=args.input_format, name=name)
    if args.fix is not None:
        check_article(article)
    interrupted: KeyboardInterrupt | None = None
    with progress(args.quiet) as tracker:
        auditor.progress = lambda event: tracker.update(event.stage, event.done, event.total)
        try:
            report = auditor.run(article)
        except KeyboardInterrupt as exc:
            interrupted = exc
            report = auditor.report()
    text = render(report, options.format, color=not args.no_color and args.output is None,
                  fail_on=options.fail_on, original=auditor.original,
                  csv_rows=args.csv_rows)
    written = True
    if args.fix is None or args.output is not None or not args.diff:
        written = emit(text, args.output)
    if args.fix is not None:
        from citeaudit.fix.apply import apply_fix

        apply_fix(report, auditor.original, args.article, diff=args.diff)
    if args.annotate is not None:
        written = _write_annotated(report, auditor.original, args.annotate, source) and written
    if interrupted is not None:
        done = sum(1 for n in report.notes for _ in n.links)
        print(f"citeaudit: interrupted; the report covers the {done} links checked so far",
              file=sys.stderr)
    return exit_status(report, options.fail_on, interrupted=interrupted, written=written)


def exit_status(
    report: Report, fail_on: tuple[str, ...], *,
    interrupted: KeyboardInterrupt | None = None, written: bool = True,
) -> int:
    """The audit's exit status: interrupted 130/143, incomplete 3, findings 1, clean 0."""
    reason = report.incomplete_reason  # why the run could not complete, e.g. no network
    return run_status(
        findings=bool(report.matching(fail_on)), interrupted=interrupted,
        incomplete=reason or (None if report.complete else "not every check finished"),
        written=written,
    )


def parse_archive_intervals(values: list[str]) -> dict[str, float]:
    """``NAME=SECONDS`` flags as a table; a clear error for anything else."""
    out: dict[str, float] = {}
    for value in values:
        name, sep, seconds = value.partition("=")
        try:
            number = float(seconds)
        except ValueError:
            number = -1.0
        if not sep or not name.strip() or number < 0:
            raise InputError(f"--archive-interval: expected NAME=SECONDS, got {value!r}")
        out[name.strip()] = number
    return out


def render(
    report: Report, fmt: str, *, color: bool = False, csv_rows: str = "findings",
    **options: object,
) -> str:
    """The report in ``fmt``, through the report package's formatters (``options``: theirs)."""
    from citeaudit.report import render as render_report

    if fmt == "csv":
        from citeaudit.report import csv_table

        return csv_table.render(report, csv_rows)
    if fmt == "text":
        width = shutil.get_terminal_size((120, 24)).columns
        return render_report(report, "text", color=color and sys.stdout.isatty(), width=width)
    return render_report(report, fmt, **options)


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


def _check_outputs(args: argparse.Namespace, source: object) -> None:
    """Refuse unusable output files before anything is fetched."""
    article = source if isinstance(source, Path) else None
    if args.output is not None:
        check_writable(args.output, article=article, overwrite_article=args.overwrite_article)
    if args.annotate is not None:
        check_writable(args.annotate, what="the annotated article", article=article,
                       overwrite_article=args.overwrite_article)
        if args.output is not None and args.output.resolve() == args.annotate.resolve():
            raise InputError(f"-o and --annotate both name {args.output}")


def _write_annotated(report: Report, original: str | None, path: Path, source: object) -> bool:
    """Write the annotated article in the article's own bytes; ``False`` if it failed."""
    from citeaudit.annotate import annotate, annotate_bytes

    if original is None:
        raise InputError("--annotate needs the article's own text, which was not read")
    fmt = report.article.format
    try:
        if isinstance(source, Path | bytes):
            data = source.read_bytes() if isinstance(source, Path) else source
            annotated = annotate_bytes(report, data, fmt, text=original)
        else:  # fetched from a URL: only its decoded text was kept
            annotated = annotate(report, original, fmt).encode("utf-8")
        write_atomic(path, annotated)
    except (OSError, InputError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"citeaudit: error: cannot write the annotated article to {path}: {why}",
              file=sys.stderr)
        return False
    return True
