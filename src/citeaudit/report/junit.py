"""The JUnit XML report: one test case per note and per claim, for GitLab and Jenkins.

A finding that ``--fail-on`` selects is a ``<failure>`` of the note's or
claim's test case; other findings are listed in its ``<system-out>`` so they
are seen without failing the pipeline.  A claim no text could be found for is
``<skipped>``: "could not check" is not a pass and not a failure.  Given the
article's own text, each finding says where its note marker is
(``article.wiki:4:62``, line and column), as SARIF does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from lxml import etree

from citeaudit.report.locate import Locator
from citeaudit.report.model import DEFAULT_FAIL_ON, Finding, Report

_MAX_NAME = 120


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _MAX_NAME else line[: _MAX_NAME - 1] + "…"


def _case(
    suite: etree._Element, classname: str, name: str, failing: list[Finding],
    other: list[Finding], skipped: str | None, where: Callable[[Finding], str],
) -> None:
    case = etree.SubElement(suite, "testcase", classname=classname, name=name, time="0")
    if skipped is not None and not failing:
        etree.SubElement(case, "skipped").text = skipped
    for finding in failing:
        failure = etree.SubElement(
            case, "failure", type=finding.kind.value, message=_short(finding.reason)
        )
        failure.text = _detail(finding, where(finding))
    if other:
        etree.SubElement(case, "system-out").text = "\n".join(
            f"{f.severity.value} {f.kind.value}: {_detail(f, where(f))}" for f in other
        )


def _detail(finding: Finding, where: str = "") -> str:
    lines = [finding.reason, f"Fix: {finding.fix}"]
    if where:
        lines.append(f"At: {where}")
    if finding.url:
        lines.append(f"URL: {finding.url}")
    if finding.archive_url:
        lines.append(f"Archived copy: {finding.archive_url}")
    return "\n".join(lines)


def render(
    report: Report, *, fail_on: Iterable[str] = DEFAULT_FAIL_ON, original: str | None = None,
) -> str:
    """The report as JUnit XML; findings ``fail_on`` selects are the failures.

    ``original`` (the article's text) gives each finding's line and column.
    """
    failing_ids = {id(f) for f in report.matching(fail_on)}
    locator = Locator(report, original)

    def where(finding: Finding) -> str:
        at = locator.finding(finding)
        return f"{report.article.source}:{at.line}:{at.column}" if at is not None else ""

    by_claim: dict[str, list[Finding]] = defaultdict(list)
    by_note: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        if finding.claim is not None:
            by_claim[finding.claim].append(finding)
        elif finding.note is not None:
            by_note[finding.note].append(finding)
        else:
            by_claim[""].append(finding)

    def split(found: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        return ([f for f in found if id(f) in failing_ids],
                [f for f in found if id(f) not in failing_ids])

    source = report.article.source
    root = etree.Element("testsuites", name="citeaudit")
    suite = etree.SubElement(
        root, "testsuite", name=source,
        timestamp=report.checked_at.isoformat(timespec="seconds"),
    )
    for n in report.notes:
        note = n.note
        name = f"note {note.label}" + (f": {_short(note.title)}" if note.title else "")
        _case(suite, f"{source}.notes", name, *split(by_note.pop(note.label, [])), None,
              where)
    verdicts = {c.claim.id: c for c in report.claims}
    for claim in (*report.article.claims, *report.article.uncited):
        checked = verdicts.get(claim.id)
        skipped = None
        if claim.note_labels and (checked is None or checked.verdict is None):
            skipped = (checked.reason if checked is not None else "") or "not checked"
        _case(suite, f"{source}.claims", f"{claim.id}: {_short(claim.text)}",
              *split(by_claim.pop(claim.id, [])), skipped, where)
    # Findings whose note or claim is not in the article still must not vanish.
    leftovers = [f for found in (*by_note.values(), *by_claim.values()) for f in found]
    if leftovers:
        _case(suite, f"{source}.other", "other findings", *split(leftovers), None, where)

    if not report.complete:
        case = etree.SubElement(suite, "testcase", classname=f"{source}.run",
                                name="the audit ran to the end", time="0")
        etree.SubElement(case, "error", type="interrupted",
                         message="interrupted: only part of the article was checked")

    cases = suite.findall("testcase")
    counts = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
        "skipped": sum(1 for c in cases if c.find("skipped") is not None),
    }
    for key, value in counts.items():
        suite.set(key, str(value))
    for key in ("tests", "failures", "errors"):
        root.set(key, str(counts[key]))
    xml = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml
