"""``citeaudit links``: check the URLs an article cites, or URLs given directly."""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from citeaudit.cli.common import (
    COMMAND_HELP,
    ExitCode,
    OutputFormat,
    add_format_option,
    add_network_options,
    http_config_from_args,
)
from citeaudit.errors import InputError
from citeaudit.http import make_session
from citeaudit.links import LinkResult, iter_check_links

REASON_WIDTH = 70


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``citeaudit links``."""
    parser = sub.add_parser(
        "links",
        help=COMMAND_HELP["links"],
        description="Check each unique URL once and say honestly what became of it: ok, "
        "redirected, broken, soft_404, moved_to_home, blocked, paywalled, rate_limited, "
        "server_error, timeout, dns_error, connection_error, tls_error, invalid_url, skipped. "
        "Exit 0 when every link is fine, 1 when some are not, 2 on bad input.",
    )
    parser.add_argument(
        "targets", nargs="+", metavar="ARTICLE|URL", help="article files and/or URLs to check"
    )
    add_format_option(parser)
    add_network_options(parser)
    parser.set_defaults(func=run)


def collect_urls(targets: Sequence[str]) -> list[str]:
    """The URLs to check: URLs as given, and the URLs in each article's notes, in order."""
    urls: list[str] = []
    for target in targets:
        if "://" in target or target.lower().startswith("mailto:"):
            urls.append(target)
            continue
        path = Path(target)
        if not path.is_file():
            raise InputError(f"{target}: no such article file (and not a URL)")
        from citeaudit.read import parse_article

        article = parse_article(path)
        urls.extend(url for note in article.notes for url in note.urls)
    return list(dict.fromkeys(urls))


def run(args: argparse.Namespace) -> int:
    """Check the links and print them; Ctrl-C prints what was checked so far."""
    urls = collect_urls(args.targets)
    config = http_config_from_args(args)
    results: list[LinkResult] = []
    interrupted = False
    session = make_session(config)
    try:
        with _progress(len(urls)) as advance:
            for result in iter_check_links(urls, config, session=session):
                results.append(result)
                advance()
    except KeyboardInterrupt:
        interrupted = True
    finally:
        session.close()
    order = {url: i for i, url in enumerate(urls)}
    results.sort(key=lambda r: order.get(r.url, len(order)))
    if args.format == OutputFormat.JSON:
        print(render_json(results))
    else:
        width = shutil.get_terminal_size((120, 24)).columns
        print(render_text(results, width=width), end="")
    if interrupted:
        print(f"citeaudit: interrupted after {len(results)} of {len(urls)} links", file=sys.stderr)
        return ExitCode.INTERRUPTED
    return ExitCode.OK if all(r.is_ok for r in results) else ExitCode.FINDINGS


@contextmanager
def _progress(total: int) -> Iterator[object]:
    """A progress bar on a terminal; nothing when output is piped."""
    if not sys.stderr.isatty() or total < 2:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("checking links", total=total)
        yield lambda: progress.advance(task)


def render_json(results: Sequence[LinkResult]) -> str:
    """``{"links": [...]}`` with one entry per URL."""
    return json.dumps({"links": [r.to_dict() for r in results]}, indent=2, ensure_ascii=False)


def render_text(results: Sequence[LinkResult], *, width: int = 120) -> str:
    """A table of outcomes and a one-line summary (no colour codes)."""
    # rich is loaded only for a table: JSON output, piped into tools, starts sooner.
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("OUTCOME", no_wrap=True)
    table.add_column("STATUS", justify="right", no_wrap=True)
    table.add_column("URL", overflow="fold")
    table.add_column("REASON", overflow="fold", max_width=REASON_WIDTH)
    for r in results:
        table.add_row(r.outcome.value, str(r.status or "-"), r.url, r.reason)
    console.print(table)
    counts = Counter(r.outcome.value for r in results)
    summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.most_common())
    console.print(f"{len(results)} links: {summary or 'none'}")
    return buffer.getvalue()
