"""The annotated article: the original text written back with archive links added.

HTML gains Robust Links attributes (``data-originalurl``, ``data-versionurl``,
``data-versiondate``) on each cited ``<a href>`` an archive holds; Markdown and
plain text gain " Archived at <snapshot> (<date>)." at the end of each note.
A note in a run of shifted notes also says which sentence its source supports
(``data-citeaudit-supports`` on its links in HTML, a sentence after the note in
Markdown and text).
Edits are targeted so that the rest of the document stays byte for byte:
:func:`annotate_bytes` also keeps the file's encoding, byte-order mark and
line endings.
"""

from __future__ import annotations

import codecs
import html
import re

from citeaudit.archive.interface import Snapshot
from citeaudit.errors import InputError, UnsupportedFormat
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


def shifted_remarks(report: Report) -> dict[str, str]:
    """Note label → what to say of it when it is part of a run of shifted notes."""
    remarks: dict[str, str] = {}
    for finding in report.findings:
        for pair in finding.shift.pairs if finding.shift is not None else ():
            remarks.setdefault(pair.note, (
                f"citeaudit: this note's source supports the sentence that cites "
                f"[{pair.cited}]; the notes look shifted."))
    return remarks


def _supports_by_url(report: Report) -> dict[str, str]:
    cited = {pair.note: pair.cited for f in report.findings
             for pair in (f.shift.pairs if f.shift is not None else ())}
    return {url: f"[{cited[n.note.label]}]" for n in report.notes if n.note.label in cited
            for url in n.note.urls}


def annotate(report: Report, original: str, format: str) -> str:
    """``original`` with archive links added for ``format`` (``html``, ``markdown``, ``text``)."""
    if format == "html":
        return _annotate_html(original, snapshots_by_url(report), _supports_by_url(report))
    if format in ("markdown", "md", "text"):
        return _annotate_lines(original, report.notes, shifted_remarks(report))
    raise UnsupportedFormat(f"cannot annotate {format!r} articles; use html, markdown or text")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def annotate_bytes(report: Report, data: bytes, format: str, text: str | None = None) -> bytes:
    """The article file ``data`` with archive links added, in its own encoding.

    The byte-order mark, the encoding (UTF-8, an HTML page's declared
    charset, windows-1254…) and the line endings stay as they were; only the
    added text is new.  ``text`` is the article as it was read, when known:
    the encoding chosen is one that gives exactly that text back.
    :class:`InputError` if no encoding reproduces the file exactly.
    """
    bom, body, encoding = _encoding_of(data, text)
    annotated = annotate(report, body.decode(encoding), format)
    errors = "xmlcharrefreplace" if format == "html" else "strict"
    try:
        return bom + annotated.encode(encoding, errors=errors)
    except UnicodeEncodeError as exc:
        raise InputError(
            f"an archive link cannot be written in the article's encoding ({encoding}): {exc}"
        ) from None


def _encoding_of(data: bytes, text: str | None) -> tuple[bytes, bytes, str]:
    """(byte-order mark, the bytes after it, an encoding that reads them back exactly)."""
    expected = text.lstrip("\ufeff") if text is not None else None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return bom, data[len(bom):], encoding
    candidates = ["utf-8"]
    from citeaudit.read.detect import _DECLARED  # the reader's own rule for a declared charset

    declared = _DECLARED.search(data[:4096])
    if declared:
        candidates.append((declared.group(1) or declared.group(2)).decode("ascii"))
    if expected is None or not _reads_as(data, "utf-8", expected):
        from charset_normalizer import from_bytes

        candidates.extend(guess.encoding for guess in from_bytes(data))
    for encoding in dict.fromkeys(candidates):
        if _reads_as(data, encoding, expected):
            return b"", data, encoding
    raise InputError("cannot tell the article's encoding exactly; it was not annotated")


def _reads_as(data: bytes, encoding: str, expected: str | None) -> bool:
    """Whether ``data`` decodes in ``encoding`` (to ``expected``) and encodes back unchanged."""
    try:
        decoded = data.decode(encoding)
        same = decoded.encode(encoding) == data
    except (LookupError, UnicodeError):
        return False
    return same and (expected is None or decoded == expected)


def _annotate_html(original: str, snapshots: dict[str, Snapshot],
                   supports: dict[str, str] | None = None) -> str:
    supports = supports or {}

    def add(match: re.Match[str]) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if href is None:
            return tag
        url = html.unescape(next(g for g in href.groups() if g is not None))
        snap = None if "data-versionurl" in tag.lower() else snapshots.get(url)
        shifted = None if "data-citeaudit-supports" in tag.lower() else supports.get(url)
        if snap is None and shifted is None:
            return tag
        attrs = "" if snap is None else (
            f' data-originalurl="{html.escape(url, quote=True)}"'
            f' data-versionurl="{html.escape(snap.url, quote=True)}"'
            f' data-versiondate="{snap.datetime.date().isoformat()}"'
        )
        if shifted is not None:
            attrs += f' data-citeaudit-supports="{html.escape(shifted, quote=True)}"'
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


def _annotate_lines(original: str, notes: tuple[NoteReport, ...],
                    remarks: dict[str, str] | None = None) -> str:
    lines = original.splitlines(keepends=True)
    remarks = remarks or {}
    for note in notes:
        found = note.archive
        remark = remarks.get(note.note.label)
        urls = [found[0].url] if found is not None else list(note.note.urls)
        i = next((at for url in urls
                  if (at := _note_line(lines, note.note.label, url)) is not None), None)
        if i is None:
            continue
        added = []
        if found is not None and found[1].url not in lines[i]:
            snap = found[1]
            added.append(f"Archived at {snap.url} ({snap.datetime.date().isoformat()}).")
        if remark is not None and remark not in lines[i]:
            added.append(remark)
        if not added:
            continue
        body = lines[i].rstrip("\r\n")
        ending = lines[i][len(body):]
        lines[i] = f"{body.rstrip()} {' '.join(added)}" + ending
    return "".join(lines)
