"""What a row of ``--format csv`` is, as ``--help`` says it (the columns are in csv_table)."""

from __future__ import annotations

import textwrap

from citeaudit.report.csv_table import CLAIM_COLUMNS, COLUMNS, LINK_COLUMNS, NOTE_COLUMNS


def _row(name: str, what: str, columns: tuple[str, ...]) -> str:
    return textwrap.fill(f"{name:<9} {what}: {', '.join(columns)}", width=88,
                         initial_indent="  ", subsequent_indent=" " * 12)


CSV_HELP = "\n".join([
    "--format csv writes one table with a header row; --csv-rows says what a row is:",
    _row("findings", "one per finding (audit's default)", COLUMNS),
    _row("notes", "one per URL a note cites (notes' default)", NOTE_COLUMNS),
    _row("claims", "one per claim, cited or not", CLAIM_COLUMNS),
    _row("links", "(citeaudit links) one per URL", LINK_COLUMNS),
])
"""The ``--help`` paragraph on CSV rows."""
