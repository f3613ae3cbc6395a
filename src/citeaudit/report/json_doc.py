"""The JSON report: the ``citeaudit/report/v1`` document, for scripts."""

from __future__ import annotations

from citeaudit.report.model import Report


def render(report: Report) -> str:
    """The report's JSON document with a trailing newline."""
    return report.to_json() + "\n"
