"""The report formats by name: ``render(report, "md")`` and friends.

Formatters return text; only the CLI writes files or the terminal.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from citeaudit.errors import UnsupportedFormat
from citeaudit.report import csv_table, html, json_doc, junit, markdown, sarif, text
from citeaudit.report.model import Report

FORMATS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "json": json_doc.render,
    "md": markdown.render,
    "csv": csv_table.render,
    "html": html.render,
    "junit": junit.render,
    "sarif": sarif.render,
}
"""Each format name (as ``--format`` takes it) and its formatter."""

ALIASES = {"markdown": "md", "terminal": "text"}


def render(report: Report, format: str, **options: Any) -> str:
    """The report in ``format``.

    Each format takes the ``options`` it knows and ignores the rest, so a caller
    may pass them all: ``color`` and ``width`` (text), ``fail_on`` (junit),
    ``original``, the article's own text (sarif, junit: line and column of markers).
    """
    name = ALIASES.get(format, format)
    formatter = FORMATS.get(name)
    if formatter is None:
        raise UnsupportedFormat(
            f"unknown report format {format!r}; choose one of {', '.join(FORMATS)}"
        )
    known = inspect.signature(formatter).parameters
    return formatter(report, **{k: v for k, v in options.items() if k in known})
