"""Audit reports: the data (:mod:`citeaudit.report.model`) and its formats."""

from __future__ import annotations

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
    "SCHEMA",
    "ClaimReport",
    "Finding",
    "FindingKind",
    "LinkCheck",
    "NoteReport",
    "Report",
    "Severity",
    "Source",
]
