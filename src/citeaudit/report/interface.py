"""The report formats by name: ``render(report, "md")`` and friends.

Formatters return text; only the CLI writes files or the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeaudit.errors import UnsupportedFormat
from citeaudit.report import csv_table, html, json_doc, markdown, text
from citeaudit.report.model import Report

FORMATS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "json": json_doc.render,
    "md": markdown.render,
    "csv": csv_table.render,
    "html": html.render,
}
"""Each format name (as ``--format`` takes it) and its formatter."""

ALIASES = {"markdown": "md", "terminal": "text"}


def render(report: Report, format: str, **options: Any) -> str:
    """The report in ``format``; ``options`` (``color``, ``width``) go to the text format only."""
    name = ALIASES.get(format, format)
    formatter = FORMATS.get(name)
    if formatter is None:
        raise UnsupportedFormat(
            f"unknown report format {format!r}; choose one of {', '.join(FORMATS)}"
        )
    return formatter(report, **options) if name == "text" else formatter(report)
