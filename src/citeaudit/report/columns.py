"""The column names of the CSV tables, apart from them: ``--help`` needs no report stack."""

from __future__ import annotations

COLUMNS = ("severity", "kind", "note", "claim", "url", "archive_url", "reason", "fix")
"""The columns of ``findings`` rows."""
NOTE_COLUMNS = ("note", "kind", "title", "publisher", "access_date", "url", "outcome", "status",
                "final_url", "reason", "archive_url", "archive_date")
"""The columns of ``notes`` rows."""
CLAIM_COLUMNS = ("claim", "cited", "notes", "text", "verdict", "score", "source", "source_url",
                 "reason", "better_note")
"""The columns of ``claims`` rows."""
LINK_COLUMNS = ("url", "outcome", "status", "final_url", "redirects", "reason", "page_title")
"""The columns of :func:`citeaudit.report.csv_table.render_links`."""
LOOKUP_COLUMNS = ("url", "access_date", "row", "archive", "captured_at", "days_from_access",
                  "snapshot_url", "status", "problem", "message")
"""The columns of :func:`citeaudit.report.csv_table.render_lookup`."""
