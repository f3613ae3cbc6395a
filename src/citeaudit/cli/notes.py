"""``citeaudit notes``: an article's notes, the claims that cite them, and uncited claims."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from citeaudit.article import Article
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
from citeaudit.cli.sources import is_url, read_article
from citeaudit.read import FORMATS

CLAIM_WIDTH = 160
"""Claims longer than this are shortened in the text table (JSON keeps them whole)."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``citeaudit notes``."""
    parser = sub.add_parser(
        "notes",
        help=COMMAND_HELP["notes"],
        description="Parse ARTICLE (text, HTML, Markdown, wikitext, .docx, PDF, or a CSL-JSON "
        "or BibTeX reference list; a URL, or - for stdin) and show its notes, the sentences "
        "that cite them, and uncited sentences that state checkable facts.",
        epilog=CSV_HELP + "\n\n" + MD_HELP + "\n\n" + EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("article", metavar="ARTICLE",
                        help="article file, http(s) URL, or - to read stdin")
    add_format_option(parser, FORMATS_HERE)
    parser.add_argument("--csv-rows", choices=("notes", "claims"), default="notes",
                        help="with --format csv: what one row is (default: notes)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write here instead of standard output")
    parser.add_argument("--overwrite-article", action="store_true",
                        help="allow -o to name the article itself")
    # Checked by parse_article rather than argparse ``choices``, so an unknown
    # format is the same one-line error (exit 2) as any other unusable input.
    parser.add_argument(
        "--input-format",
        metavar="{" + ",".join(FORMATS) + "}",
        help="how to read ARTICLE (default: from its suffix, else from its content)",
    )
    add_common_options(parser, progress=False)
    add_network_options(parser)
    parser.set_defaults(func=run)


FORMATS_HERE = tuple(OutputFormat)
"""The output formats of ``notes``."""
MD_HELP = ("--format md writes Markdown tables (as the audit's Markdown report): Notes (one "
           "row per note),\nCited claims and Uncited claims (one row per claim); --format "
           "html the same tables as one\nself-contained page, sortable.")


def run(args: argparse.Namespace) -> int:
    """Parse the article and print it in the chosen output format."""
    if args.output is not None:
        local = None if args.article == "-" or is_url(args.article) else Path(args.article)
        check_writable(args.output, what="the notes", article=local,
                       overwrite_article=args.overwrite_article)
    article = read_article(args.article, args.input_format, http_config_from_args(args))
    if args.format == OutputFormat.JSON:
        text = render_json(article)
    elif args.format == OutputFormat.CSV:
        text = render_csv(article, args.csv_rows)
    elif args.format == OutputFormat.MARKDOWN:
        from citeaudit.report.markdown import render_article

        text = render_article(article)
    elif args.format == OutputFormat.HTML:
        from citeaudit.report.lists_html import render_article as html_article

        text = html_article(article)
    else:
        width = shutil.get_terminal_size((120, 24)).columns
        text = render_text(article, width=width)
    return run_status(findings=False, written=emit(text, args.output, what="the notes"))


def render_csv(article: Article, rows: str) -> str:
    """The notes (one row per cited URL) or claims as CSV, as ``audit --format csv`` has them."""
    from citeaudit.report import csv_table
    from citeaudit.report.model import NoteReport, Report

    unchecked = Report(article, dt.datetime.now(dt.UTC),
                       notes=tuple(NoteReport(note) for note in article.notes), complete=False)
    return csv_table.render(unchecked, rows)


def article_dict(article: Article) -> dict[str, Any]:
    """The JSON document: the article, its notes, claims and uncited claims."""
    return {
        "article": {"source": article.source, "title": article.title, "format": article.format,
                    "warnings": list(article.warnings)},
        "notes": [note.to_dict() for note in article.notes],
        "claims": [claim.to_dict() for claim in article.claims],
        "uncited": [claim.to_dict() for claim in article.uncited],
    }


def render_json(article: Article) -> str:
    """The article as indented JSON."""
    return json.dumps(article_dict(article), indent=2, ensure_ascii=False)


def render_text(article: Article, *, width: int = 120) -> str:
    """The article as readable tables (no colour codes)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    heading = article.title or article.source
    console.print(f"{heading}  ({article.source}, read as {article.format})")
    console.print(
        f"{len(article.notes)} notes, {len(article.claims)} cited claims, "
        f"{len(article.uncited)} uncited claims"
    )
    for warning in article.warnings:
        console.print(f"warning: {warning}")

    notes = Table(title="Notes", show_lines=False, expand=True)
    for column in ("label", "kind", "ibid of"):
        notes.add_column(column, no_wrap=True)
    for column, ratio in (("title", 6), ("publisher", 3), ("URL", 7)):
        notes.add_column(column, ratio=ratio, overflow="fold")
    notes.add_column("accessed", no_wrap=True)
    for note in article.notes:
        notes.add_row(
            note.label,
            note.kind.value,
            note.ibid_of or "",
            note.title or _shorten(note.raw, 80),
            note.publisher or "",
            "\n".join(note.urls),
            note.access_date.isoformat() if note.access_date else (note.access_date_raw or ""),
        )
    console.print(notes)

    claims = Table(title="Cited claims", expand=True)
    claims.add_column("id", no_wrap=True)
    claims.add_column("notes", no_wrap=True)
    claims.add_column("claim", ratio=1, overflow="fold")
    for claim in article.claims:
        claims.add_row(claim.id, ", ".join(claim.note_labels), _shorten(claim.text, CLAIM_WIDTH))
    console.print(claims)

    uncited = Table(title="Uncited claims (checkable, no note)", expand=True)
    uncited.add_column("id", no_wrap=True)
    uncited.add_column("signals", no_wrap=True)
    uncited.add_column("claim", ratio=1, overflow="fold")
    for claim in article.uncited:
        uncited.add_row(claim.id, ", ".join(claim.signals), _shorten(claim.text, CLAIM_WIDTH))
    console.print(uncited)
    return buffer.getvalue()


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
