"""The CSV report, for spreadsheets and issue trackers: one table, its rows chosen by ``rows``.

``rows`` (``--csv-rows``) says what one row is:

* ``findings`` (the default): one row per finding — what an editor works
  through; a clean run is a header with no rows.  Columns: :data:`COLUMNS`.
* ``notes``: one row per URL a note cites (a note citing none has one row
  with an empty URL), with what became of the link and its archived copy.
  Columns: :data:`NOTE_COLUMNS`.
* ``claims``: one row per claim, cited (with its verdict) or uncited
  (``cited`` is ``no``, no verdict).  Columns: :data:`CLAIM_COLUMNS`.

:func:`render_links` is the table of ``citeaudit links``: one row per URL
(:data:`LINK_COLUMNS`); :func:`render_lookup` that of ``citeaudit archive``
(:data:`LOOKUP_COLUMNS`).  Every table has a header row; empty cells are empty
strings, never ``None``.
"""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from citeaudit.errors import InputError
from citeaudit.report.model import Report

if TYPE_CHECKING:
    from citeaudit.archive import SnapshotLookup
    from citeaudit.archive.save import SaveResult
    from citeaudit.links import LinkResult


class Rows(enum.StrEnum):
    """What one row of the CSV report is."""

    FINDINGS = "findings"
    NOTES = "notes"
    CLAIMS = "claims"


COLUMNS = ("severity", "kind", "note", "claim", "url", "archive_url", "reason", "fix")
"""The columns of ``findings`` rows."""
NOTE_COLUMNS = ("note", "kind", "title", "publisher", "access_date", "url", "outcome", "status",
                "final_url", "reason", "archive_url", "archive_date")
"""The columns of ``notes`` rows."""
CLAIM_COLUMNS = ("claim", "cited", "notes", "text", "verdict", "score", "source", "source_url",
                 "reason", "better_note")
"""The columns of ``claims`` rows."""
LINK_COLUMNS = ("url", "outcome", "status", "final_url", "redirects", "reason", "page_title")
"""The columns of :func:`render_links`."""
LOOKUP_COLUMNS = ("url", "access_date", "row", "archive", "captured_at", "days_from_access",
                  "snapshot_url", "status", "problem", "message")
"""The columns of :func:`render_lookup`."""


def render(report: Report, rows: str = Rows.FINDINGS) -> str:
    """The report as CSV with a header row; ``rows`` is a :class:`Rows` value."""
    try:
        kind = Rows(rows)
    except ValueError:
        raise InputError(
            f"unknown CSV rows {rows!r}; choose one of {', '.join(r.value for r in Rows)}"
        ) from None
    if kind is Rows.NOTES:
        return table(NOTE_COLUMNS, _note_rows(report))
    if kind is Rows.CLAIMS:
        return table(CLAIM_COLUMNS, _claim_rows(report))
    return table(COLUMNS, (f.to_dict() for f in report.findings))


def render_links(results: Sequence[LinkResult]) -> str:
    """Checked links as CSV: one row per URL (:data:`LINK_COLUMNS`)."""
    rows = []
    for result in results:
        row = result.to_dict()
        row["redirects"] = " ".join(f"{hop['status']} {hop['url']}" for hop in row["redirects"])
        rows.append(row)
    return table(LINK_COLUMNS, rows)


def render_lookup(lookup: SnapshotLookup, saved: SaveResult | None = None, *,
                  disabled: bool = False) -> str:
    """An archive look-up as CSV (:data:`LOOKUP_COLUMNS`), one row per thing it found.

    ``row`` says what a row is: ``snapshot`` (one per capture, best first),
    ``could_not_check`` (an archive that could not be asked: ``problem`` and
    ``message`` say why), ``none`` (every archive answered, none holds it),
    ``disabled`` (no archive was asked), ``not_asked`` (the look-up was cut
    short before any archive answered), ``saved`` (Save Page Now's answer:
    ``status`` is its outcome).  ``days_from_access`` is signed: negative is
    before the access date.
    """
    near = lookup.near
    base = {"url": lookup.url, "access_date": near.isoformat() if near else None}
    rows: list[dict[str, Any]] = [
        dict(base, row="snapshot", archive=snap.archive, captured_at=snap.datetime.isoformat(),
             days_from_access=snap.days_from(near) if near else None, snapshot_url=snap.url,
             status=snap.status)
        for snap in lookup.snapshots
    ]
    rows += [dict(base, row="could_not_check", archive=f.archive, problem=f.problem.value,
                  message=f.message) for f in lookup.failures]
    if disabled:
        rows.append(dict(base, row="disabled", message="archive look-ups disabled"))
    elif not rows:
        # Not asked (interrupted) is not "no archive holds it".
        rows.append(dict(base, row="none") if lookup.complete
                    else dict(base, row="not_asked", message=lookup.not_asked))
    if saved is not None:
        snap = saved.snapshot
        rows.append(dict(base, row="saved", archive="save page now",
                         captured_at=snap.datetime.isoformat() if snap else None,
                         snapshot_url=snap.url if snap else None, status=saved.outcome.value,
                         message=saved.message))
    return table(LOOKUP_COLUMNS, rows)


def _note_rows(report: Report) -> Iterable[dict[str, Any]]:
    for entry in report.notes:
        note = entry.note
        base = {
            "note": note.label, "kind": note.kind.value, "title": note.title,
            "publisher": note.publisher,
            "access_date": note.access_date.isoformat() if note.access_date else None,
        }
        checked = {link.url: link for link in entry.links}
        if not note.urls:
            yield base
        for url in note.urls:
            link = checked.get(url)
            row = dict(base, url=url)
            if link is not None:
                result = link.result
                snap = link.snapshot
                row.update(
                    outcome=result.outcome.value, status=result.status,
                    final_url=result.final_url, reason=result.reason,
                    archive_url=snap.url if snap else None,
                    archive_date=snap.datetime.date().isoformat() if snap else None,
                )
            yield row


def _claim_rows(report: Report) -> Iterable[dict[str, Any]]:
    judged = {c.claim.id: c for c in report.claims}
    for claim in report.article.claims:
        entry = judged.get(claim.id)
        row: dict[str, Any] = {"claim": claim.id, "cited": "yes",
                               "notes": " ".join(claim.note_labels), "text": claim.text}
        if entry is not None:
            verdict = entry.verdict
            row.update(
                verdict=verdict.label.value if verdict else None,
                score=round(verdict.score, 4) if verdict else None,
                source=entry.source.value if entry.source else None, source_url=entry.url,
                reason=verdict.reason if verdict else entry.reason,
                better_note=entry.better_note,
            )
        yield row
    for claim in report.article.uncited:
        yield {"claim": claim.id, "cited": "no", "text": claim.text,
               "reason": ", ".join(claim.signals)}


def table(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    """``rows`` (dicts) as CSV under a header of ``columns``; missing or ``None`` is empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row[c] for c in columns])
    return out.getvalue()
