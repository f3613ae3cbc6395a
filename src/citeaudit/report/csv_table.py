"""The CSV report: one row per finding, for spreadsheets and issue trackers.

A row per finding (not per claim or link) because findings are what an editor
works through; a clean run is a header with no rows.
"""

from __future__ import annotations

import csv
import io

from citeaudit.report.model import Report

COLUMNS = ("severity", "kind", "note", "claim", "url", "archive_url", "reason", "fix")


def render(report: Report) -> str:
    """The findings as CSV with a header row (``COLUMNS``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for finding in report.findings:
        row = finding.to_dict()
        writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])
    return out.getvalue()
