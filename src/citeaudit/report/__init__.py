"""Audit reports: the data (:mod:`citeaudit.report.model`) and its formats.

``render(report, "html")`` returns the report in one of :data:`FORMATS`
(``text``, ``json``, ``md``, ``csv``, ``html``); formatters never write.
The names are imported on first use (:mod:`citeaudit._lazy`), so a light
submodule (``citeaudit.report.columns``, for ``--help``) loads without the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from citeaudit._lazy import exports

if TYPE_CHECKING:
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

_MODEL = ("DEFAULT_FAIL_ON", "SCHEMA", "ClaimReport", "Finding", "FindingKind", "LinkCheck",
          "NoteReport", "Report", "Severity", "Source")
_HOMES = {
    "FORMATS": "citeaudit.report.interface",
    "render": "citeaudit.report.interface",
    **{name: "citeaudit.report.model" for name in _MODEL},
}
__getattr__, __dir__ = exports(__name__, globals(), _HOMES)

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
