"""``citeaudit archive URL``: the web-archive snapshots of one URL nearest an access date."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from citeaudit.cli.common import (
    COMMAND_HELP,
    EXIT_STATUSES,
    OutputFormat,
    add_common_options,
    add_format_option,
    add_network_options,
    fail,
    http_config_from_args,
    positive_int,
    run_status,
)
from citeaudit.cli.output import check_writable, emit
from citeaudit.config import Config
from citeaudit.report.csv_table import LOOKUP_COLUMNS

if TYPE_CHECKING:
    from citeaudit.archive import SnapshotLookup
    from citeaudit.archive.save import SaveResult

EPILOG = f"""\
archives: 'wayback' (the Internet Archive, default), 'archive.today', 'loc', 'archive-it',
'ukwa', any Memento TimeMap URL prefix (the URL is appended), NAME=PREFIX to name one,
or 'none'.  --save-missing uses IA_ACCESS_KEY/IA_SECRET_KEY from the environment when set.

Here "findings" means no archive holds a snapshot (status 1); an archive that could not
be asked, with no snapshot found elsewhere, is "could not complete" (status 3).

--format csv writes one row per snapshot (best first), with a header row:
  {", ".join(LOOKUP_COLUMNS)}.
  'row' says what the row is: snapshot; could_not_check (an archive that could not be asked:
  problem, message); none (every archive answered, none holds the URL); disabled
  (--archive none); not_asked; saved (Save Page Now's answer, its outcome in 'status').
  days_from_access is signed: negative means before --date.
--format md writes a Markdown table, one row per snapshot, then what could not be checked.

{EXIT_STATUSES}"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``citeaudit archive``."""
    parser = sub.add_parser(
        "archive",
        help=COMMAND_HELP["archive"],
        description="Find the web-archive snapshots of URL nearest the access date: the "
        "closest capture on or before it, else the closest after it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("url", metavar="URL", help="the cited URL")
    parser.add_argument(
        "--date", type=_iso_date, metavar="YYYY-MM-DD",
        help="access date (default: none, the newest snapshot is shown)",
    )
    parser.add_argument(
        "--archive", action="append", metavar="NAME|TIMEMAP_PREFIX",
        help="archive to ask (repeatable; default: wayback; 'none' disables)",
    )
    parser.add_argument(
        "--limit", type=positive_int, default=1, metavar="N",
        help="snapshots to show per archive (default: 1)",
    )
    parser.add_argument(
        "--save-missing", action="store_true",
        help="ask the Internet Archive's Save Page Now to capture the URL if no archive has it",
    )
    add_format_option(parser, (OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV,
                               OutputFormat.MARKDOWN))
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write the result here instead of standard output")
    add_common_options(parser, progress=False)
    add_network_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Look the URL up, print the result, return the exit code."""
    parts = urlsplit(args.url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return fail(f"not an http(s) URL: {args.url!r}")
    if args.output is not None:
        check_writable(args.output, what="the result")
    config = Config(
        http=http_config_from_args(args),
        archives=tuple(args.archive) if args.archive else Config().archives,
        save_missing=args.save_missing,
    )
    from citeaudit.archive import Batch, archive_session, backends, parse_specs
    from citeaudit.archive.save import Credentials, SavePageNow

    specs = parse_specs(config.archives)  # a bad --archive is a usage error before any request
    session = archive_session(config) if specs else None
    lookup = Batch(backends(config, session=session), per_archive=args.limit).lookup(
        args.url, args.date
    )
    saved = None
    if config.save_missing and specs and session and not lookup.snapshots and lookup.complete:
        saver = SavePageNow(session, config.http, credentials=Credentials.from_env())
        saved = saver.save(args.url)
    text = render(lookup, saved, args.format, disabled=not specs)
    written = emit(text, args.output, what="the result")
    if lookup.snapshots or not specs:
        return run_status(findings=not lookup.snapshots, written=written)
    could_not = None if lookup.complete else "an archive could not be asked (see above)"
    return run_status(findings=True, incomplete=could_not, written=written)


def render(lookup: SnapshotLookup, saved: SaveResult | None, fmt: str, *,
           disabled: bool) -> str:
    """The look-up in ``fmt`` (text, json, csv or md)."""
    if fmt == OutputFormat.JSON:
        return format_json(lookup, saved, disabled=disabled)
    if fmt == OutputFormat.CSV:
        from citeaudit.report.csv_table import render_lookup

        return render_lookup(lookup, saved, disabled=disabled)
    if fmt == OutputFormat.MARKDOWN:
        from citeaudit.report.markdown import render_lookup as markdown_lookup

        return markdown_lookup(lookup, saved, disabled=disabled)
    return format_text(lookup, saved, disabled=disabled)


def format_json(lookup: SnapshotLookup, saved: SaveResult | None, *, disabled: bool) -> str:
    """The look-up as a JSON document."""
    data = lookup.to_dict()
    data["archives_disabled"] = disabled
    data["saved"] = saved.to_dict() if saved else None
    return json.dumps(data, indent=2, ensure_ascii=False)


def format_text(lookup: SnapshotLookup, saved: SaveResult | None, *, disabled: bool) -> str:
    """The look-up as lines for a terminal."""
    near = lookup.near
    head = f"{lookup.url}" + (f"  (accessed {near.isoformat()})" if near else "")
    lines = [head]
    for snap in lookup.snapshots:
        when = snap.datetime.strftime("%Y-%m-%d %H:%M:%S UTC")
        if near is None:
            relation = "newest"
        else:
            days = snap.days_from_access(near)
            side = "before" if snap.is_before(near) else "after"
            relation = "same day" if days == 0 else f"{days} day{'s' * (days != 1)} {side}"
        lines.append(f"  {when}  {relation:<16} {snap.archive:<14} {snap.url}")
    if disabled:
        lines.append("  archive look-ups disabled (--archive none)")
    elif not lookup.snapshots:
        lines.append(
            "  no snapshot found" if lookup.complete else "  no snapshot found so far"
        )
    for failure in lookup.failures:
        lines.append(f"  could not check {failure.archive}: {failure.problem.value}: "
                     f"{failure.message}")
    if saved:
        where = f" -> {saved.snapshot.url}" if saved.snapshot else ""
        detail = f" ({saved.message})" if saved.message else ""
        lines.append(f"  save page now: {saved.outcome.value}{where}{detail}")
    return "\n".join(lines)


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None

