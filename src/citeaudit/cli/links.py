"""``citeaudit links``: check the URLs an article cites, or URLs given directly."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from citeaudit.cli.common import (
    COMMAND_HELP,
    EXIT_STATUSES,
    OutputFormat,
    add_common_options,
    add_format_option,
    add_network_options,
    http_config_from_args,
    run_status,
)
from citeaudit.cli.csv_help import CSV_HELP
from citeaudit.cli.output import check_writable, emit
from citeaudit.cli.plaintable import Column
from citeaudit.cli.plaintable import render as render_table
from citeaudit.cli.progress import progress
from citeaudit.cli.sources import read_article
from citeaudit.config import HttpConfig
from citeaudit.errors import InputError
from citeaudit.http import make_session
from citeaudit.links import LinkResult, iter_check_links

REASON_WIDTH = 70
MD_HELP = ("--format md writes a Markdown table, one row per URL: URL, Outcome, Status, "
           "Final URL\n(when redirected), Reason; then a count of each outcome. --format html "
           "writes one\nself-contained page: the same rows, sortable, filterable by outcome.")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``citeaudit links``."""
    parser = sub.add_parser(
        "links",
        help=COMMAND_HELP["links"],
        description="Check each unique URL once and say honestly what became of it: ok, "
        "redirected, broken, soft_404, moved_to_home, blocked, paywalled, rate_limited, "
        "server_error, timeout, dns_error, connection_error, tls_error, invalid_url, skipped. "
        "Exit 0 when every link is fine, 1 when some are not.",
        epilog=CSV_HELP + "\n\n" + MD_HELP + "\n\n" + EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "targets", nargs="*", metavar="ARTICLE|URL",
        help="article files (their cited links are checked) and/or URLs to check",
    )
    parser.add_argument(
        "-a", "--article", action="append", default=[], metavar="PATH|URL",
        help="check the links this article cites; it may be a URL (repeatable)",
    )
    add_format_option(parser)
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write the results here instead of standard output")
    add_common_options(parser)
    add_network_options(parser)
    parser.set_defaults(func=run)


def collect_urls(
    targets: Sequence[str], articles: Sequence[str] = (), config: HttpConfig | None = None
) -> list[str]:
    """The URLs to check, in order: URLs as given, and the URLs each article's notes cite.

    ``targets`` are URLs or article files; ``articles`` are articles (files or
    URLs, fetched through ``config``'s session).
    """
    urls: list[str] = []
    for target in targets:
        if "://" in target or target.lower().startswith("mailto:"):
            urls.append(target)
            continue
        if not Path(target).is_file():
            raise InputError(f"{target}: no such article file (and not a URL)")
        urls.extend(_cited(target, config))
    for article in articles:
        urls.extend(_cited(article, config))
    return list(dict.fromkeys(urls))


def _cited(article: str, config: HttpConfig | None) -> list[str]:
    parsed = read_article(article, None, config or HttpConfig())
    return [url for note in parsed.notes for url in note.urls]


def run(args: argparse.Namespace) -> int:
    """Check the links and print them; Ctrl-C prints what was checked so far."""
    if not args.targets and not args.article:
        raise InputError("nothing to check: give URLs, article files, or --article")
    if args.output is not None:
        check_writable(args.output, what="the results")
    config = http_config_from_args(args)
    urls = collect_urls(args.targets, args.article, config)
    results: list[LinkResult] = []
    interrupted: KeyboardInterrupt | None = None
    session = make_session(config)
    try:
        with progress(args.quiet or len(urls) < 2) as tracker:
            for result in iter_check_links(urls, config, session=session):
                results.append(result)
                tracker.update("links", len(results), len(urls))
    except KeyboardInterrupt as exc:
        interrupted = exc
    finally:
        session.close()
    order = {url: i for i, url in enumerate(urls)}
    results.sort(key=lambda r: order.get(r.url, len(order)))
    written = emit(render(results, args.format), args.output, what="the results")
    if interrupted is not None:
        print(f"citeaudit: interrupted after {len(results)} of {len(urls)} links", file=sys.stderr)
    return run_status(findings=not all(r.is_ok for r in results), interrupted=interrupted,
                      written=written)


def render(results: Sequence[LinkResult], fmt: str) -> str:
    """The results in ``fmt`` (text, json, csv, md or html)."""
    if fmt == OutputFormat.JSON:
        return render_json(results)
    if fmt == OutputFormat.CSV:
        from citeaudit.report.csv_table import render_links

        return render_links(results)
    if fmt == OutputFormat.MARKDOWN:
        from citeaudit.report.markdown import render_links as markdown_links

        return markdown_links(results)
    if fmt == OutputFormat.HTML:
        from citeaudit.report.lists_html import render_links as html_links

        return html_links(results)
    width = shutil.get_terminal_size((120, 24)).columns
    return render_text(results, width=width)


def render_json(results: Sequence[LinkResult]) -> str:
    """``{"links": [...]}`` with one entry per URL."""
    return json.dumps({"links": [r.to_dict() for r in results]}, indent=2, ensure_ascii=False)


def render_text(results: Sequence[LinkResult], *, width: int = 120) -> str:
    """A table of outcomes and a one-line summary (no colour codes)."""
    # Written directly, not with rich: a check of many thousand URLs would spend longer on
    # laying its table out than on checking (plaintable's notes).
    columns = (
        Column("OUTCOME"),
        Column("STATUS", right=True),
        Column("URL", fold=True, flex=True),
        Column("REASON", max_width=REASON_WIDTH, flex=True),
    )
    rows = [(r.outcome.value, str(r.status or "-"), r.url, r.reason) for r in results]
    counts = Counter(r.outcome.value for r in results)
    summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.most_common())
    return render_table(columns, rows, width) + f"{len(results)} links: {summary or 'none'}\n"
