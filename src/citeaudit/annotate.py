"""The annotated article: the original text written back with archive links added.

HTML gains Robust Links attributes (``data-originalurl``, ``data-versionurl``,
``data-versiondate``) on each cited ``<a href>`` an archive holds; Markdown and
plain text gain " Archived at <snapshot> (<date>)." at the end of each note.
Edits are targeted so that the rest of the document stays byte for byte.
"""

from __future__ import annotations

import html
import re

from citeaudit.archive.interface import Snapshot
from citeaudit.errors import UnsupportedFormat
from citeaudit.report.model import NoteReport, Report

_A_TAG = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def snapshots_by_url(report: Report) -> dict[str, Snapshot]:
    """Each cited URL an archive holds, with its snapshot nearest the note's access date."""
    found: dict[str, Snapshot] = {}
    for note in report.notes:
        for link in note.links:
            if link.snapshot is not None:
                found.setdefault(link.url, link.snapshot)
    return found


def annotate(report: Report, original: str, format: str) -> str:
    """``original`` with archive links added for ``format`` (``html``, ``markdown``, ``text``)."""
    if format == "html":
        return _annotate_html(original, snapshots_by_url(report))
    if format in ("markdown", "md", "text"):
        return _annotate_lines(original, report.notes)
    raise UnsupportedFormat(f"cannot annotate {format!r} articles; use html, markdown or text")


def _annotate_html(original: str, snapshots: dict[str, Snapshot]) -> str:
    def add(match: re.Match[str]) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if href is None or "data-versionurl" in tag.lower():
            return tag
        url = html.unescape(next(g for g in href.groups() if g is not None))
        snap = snapshots.get(url)
        if snap is None:
            return tag
        attrs = (
            f' data-originalurl="{html.escape(url, quote=True)}"'
            f' data-versionurl="{html.escape(snap.url, quote=True)}"'
            f' data-versiondate="{snap.datetime.date().isoformat()}"'
        )
        end = len(tag) - 2 if tag.endswith("/>") else len(tag) - 1
        return tag[:end].rstrip() + attrs + tag[end:]

    return _A_TAG.sub(add, original)


def _note_line(lines: list[str], label: str, url: str) -> int | None:
    # The note's own line names its URL and starts with its label ("[^1]:", "[1]", "1.").
    label_start = re.compile(rf"^\s*(?:\[\^?{re.escape(label)}\]:?|\^?{re.escape(label)}[.):])")
    with_url = [i for i, line in enumerate(lines) if url in line]
    for i in with_url:
        if label_start.match(lines[i]):
            return i
    return with_url[0] if len(with_url) == 1 else None


def _annotate_lines(original: str, notes: tuple[NoteReport, ...]) -> str:
    lines = original.splitlines(keepends=True)
    for note in notes:
        found = note.archive
        if found is None:
            continue
        link, snap = found
        i = _note_line(lines, note.note.label, link.url)
        if i is None or snap.url in lines[i]:
            continue
        body = lines[i].rstrip("\r\n")
        ending = lines[i][len(body):]
        lines[i] = (
            f"{body.rstrip()} Archived at {snap.url} ({snap.datetime.date().isoformat()})."
            + ending
        )
    return "".join(lines)
