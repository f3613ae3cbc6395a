"""A fixed-width text table written directly, for tables of thousands of rows.

rich lays out each cell with its measuring and wrapping machinery: on a link check of
20,000 URLs that took about 5 s of CPU, more than the check itself.  This writes the
same kind of table (columns two spaces apart, a header row, long cells wrapped onto
continuation lines) in one pass over the cells.  Widths in terminal cells come from
rich's own tables (``rich.cells``, light to import), so a wide character counts as it
does in rich's tables.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import attrs
from rich.cells import cell_len

GAP = "  "
"""What stands between two columns."""
MIN_FLEX = 12
"""A wrapped column never narrows below this many cells while the terminal has room."""


@attrs.frozen
class Column:
    """One column: its header, how it aligns, and how a too-long cell is cut."""

    header: str
    right: bool = False
    """Right-justified (numbers)."""
    fold: bool = False
    """Cut anywhere (addresses) rather than between words."""
    max_width: int | None = None
    """Never wider than this, whatever the terminal's width."""
    flex: bool = False
    """Gives up width when the row does not fit; fixed columns keep their natural width."""


def cells(text: str) -> int:
    """Terminal cells ``text`` takes."""
    return len(text) if text.isascii() else cell_len(text)


def render(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> str:
    """The table, one line per row (more where a cell wraps), no trailing spaces."""
    widths = _widths(columns, rows, width)
    lines = [_line([c.header for c in columns], columns, widths)]
    for row in rows:
        cut = zip(row, columns, widths, strict=True)
        pieces = [_cut(value, column, w) for value, column, w in cut]
        for i in range(max(len(p) for p in pieces)):
            lines.append(_line([p[i] if i < len(p) else "" for p in pieces], columns, widths))
    return "\n".join(lines) + "\n"


def _widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[int]:
    natural = []
    for i, column in enumerate(columns):
        widest = max([cells(column.header), *(cells(row[i]) for row in rows)])
        natural.append(min(widest, column.max_width) if column.max_width else widest)
    room = width - len(GAP) * (len(columns) - 1)
    fixed = sum(w for w, c in zip(natural, columns, strict=True) if not c.flex)
    wanted = sum(w for w, c in zip(natural, columns, strict=True) if c.flex)
    spare = room - fixed
    if wanted <= spare or wanted == 0:
        return natural
    # The flexible columns share what is left evenly; what a narrow one does not need goes
    # to the wider ones (so a long address does not squeeze a short reason to nothing).
    widths = list(natural)
    flex = sorted((i for i, c in enumerate(columns) if c.flex), key=lambda i: natural[i])
    for left, i in enumerate(flex):
        share = spare // (len(flex) - left)
        widths[i] = max(min(natural[i], MIN_FLEX), min(natural[i], share))
        spare -= widths[i]
    return widths


def _cut(value: str, column: Column, width: int) -> list[str]:
    if cells(value) <= width:
        return [value]
    if column.fold or not value.strip():
        return _fold(value, width)
    wrapped = textwrap.wrap(value, width, break_on_hyphens=False)
    if all(cells(line) <= width for line in wrapped):
        return wrapped or [""]
    return [piece for line in wrapped for piece in _fold(line, width)]


def _fold(value: str, width: int) -> list[str]:
    """``value`` cut into pieces of at most ``width`` cells (a wide character never split)."""
    pieces, piece, used = [], [], 0
    for ch in value:
        n = 1 if ch.isascii() else cell_len(ch)
        if used + n > width and piece:
            pieces.append("".join(piece))
            piece, used = [], 0
        piece.append(ch)
        used += n
    pieces.append("".join(piece))
    return pieces


def _line(values: Sequence[str], columns: Sequence[Column], widths: Sequence[int]) -> str:
    out = []
    for value, column, width in zip(values, columns, widths, strict=True):
        pad = " " * max(0, width - cells(value))
        out.append(pad + value if column.right else value + pad)
    return GAP.join(out).rstrip()
