"""Audit reports: the data (:mod:`citeaudit.report.model`) and its formats.

``render(report, "html")`` returns the report in one of :data:`FORMATS`
(``text``, ``json``, ``md``, ``csv``, ``html``); formatters never write.
"""

from __future__ import annotations

from citeaudit.report.interface import FORMATS, render
from citeaudit.report.model import (
    DEFAULT_FAIL_ON,
    SCHEMA,
    ClaimReport,
    Finding,
    FindingKind,
    LinkCheck,
    NoteReport,
    Report,
    Severity,
    Source,
)

__all__ = [
    "DEFAULT_FAIL_ON",
    "FORMATS",
    "SCHEMA",
    "ClaimReport",
    "Finding",
    "FindingKind",
    "LinkCheck",
    "NoteReport",
    "Report",
    "Severity",
    "Source",
    "render",
]
