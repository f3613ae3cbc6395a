"""The SARIF 2.1.0 report: a result per finding, for GitHub code scanning and other viewers.

Each finding kind is a rule; each finding a result located at its note marker
in the article (line and column, counted in Unicode code points), when the
article's own text is given and the marker can be found there.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from citeaudit import __version__
from citeaudit.report.locate import Locator
from citeaudit.report.model import SEVERITY, Finding, FindingKind, Report, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/citeaudit/citeaudit"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(kind: FindingKind) -> dict[str, Any]:
    doc = (kind.__doc__ or "").strip()
    return {
        "id": kind.value,
        "name": "".join(part.title() for part in kind.value.split("_")),
        "shortDescription": {"text": doc or kind.value},
        "helpUri": f"{INFORMATION_URI}/blob/main/docs/verdicts.md",
        "defaultConfiguration": {"level": _LEVEL[SEVERITY[kind]]},
    }


def artifact_uri(source: str) -> str:
    """The article's ``source`` as a SARIF URI reference (a relative path stays relative)."""
    if source.lower().startswith(("http://", "https://", "file:")):
        return source
    return quote(PurePath(source).as_posix(), safe="/:")


def _result(finding: Finding, locator: Locator, uri: str, rule_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    where = locator.finding(finding)
    if where is not None:
        physical["region"] = {"startLine": where.line, "startColumn": where.column}
    properties = {
        key: value
        for key, value in (("note", finding.note), ("claim", finding.claim),
                           ("url", finding.url), ("archiveUrl", finding.archive_url))
        if value is not None
    }
    result: dict[str, Any] = {
        "ruleId": finding.kind.value,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": f"{finding.reason} Fix: {finding.fix}"},
        "locations": [{"physicalLocation": physical}],
    }
    if properties:
        result["properties"] = properties
    return result


def render(report: Report, *, original: str | None = None) -> str:
    """The report as a SARIF 2.1.0 log; ``original`` (the article's text) gives line/column."""
    kinds = list(FindingKind)
    locator = Locator(report, original)
    uri = artifact_uri(report.article.source)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "citeaudit",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(kind) for kind in kinds],
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": {"uri": uri}}],
        "results": [_result(f, locator, uri, kinds.index(f.kind)) for f in report.findings],
        "invocations": [
            {
                "executionSuccessful": report.complete,
                "endTimeUtc": report.checked_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        ],
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
