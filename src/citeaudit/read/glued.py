"""Notes run together in one paragraph: ``[1]Title: url[2]Title: url[3]…``.

Articles copied from WeChat and similar editors often arrive with their whole
notes list in one paragraph, each note starting with its bracketed number and
nothing between them.  A reader sees the numbers counting up and splits the
run there; so is it done here, before the notes list is looked for.

Only an unbroken count from the paragraph's own first label splits it
(``[1]`` … ``[2]`` … ``[3]``), and a number that starts a paragraph of its own
elsewhere stops the count: inside a note, ``see [2]`` points at that note,
it does not begin it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:  # endnotes imports this module
    from citeaudit.read.endnotes import Block

_START = re.compile(r"^\s*\[(\d{1,4})\]")


def unglued(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each run of glued notes split into one block per note.

    The list itself comes back when nothing was glued."""
    starts: set[str] | None = None
    out: list[Block] = []
    changed = False
    for block in blocks:
        match = _START.match(block.text) if block.text.count("[") > 1 else None
        if match is not None:
            if starts is None:
                starts = {m.group(1) for b in blocks if (m := _START.match(b.text))}
            pieces = _split(block, int(match.group(1)), starts)
            if pieces is not None:
                out.extend(pieces)
                changed = True
                continue
        out.append(block)
    return out if changed else blocks


def _split(block: Block, first: int, starts: set[str]) -> list[Block] | None:
    text_cuts = _cuts(block.text, first, starts)
    if not text_cuts:
        return None
    texts = _pieces(block.text, text_cuts)
    if any(not piece.strip() for piece in texts):
        return None
    htmls: list[str | None] = [None] * len(texts)
    if block.html is not None:
        html_cuts = _cuts(block.html, first, starts, limit=len(text_cuts))
        if len(html_cuts) == len(text_cuts):
            htmls = list(_pieces(block.html, html_cuts))
    return [
        attrs.evolve(block, text=text.strip(), html=html.strip() if html else None)
        for text, html in zip(texts, htmls, strict=True)
    ]


def _cuts(text: str, first: int, starts: set[str], limit: int | None = None) -> list[int]:
    """Where ``[first+1]``, ``[first+2]``… begin in ``text``, in order, until the count breaks."""
    cuts: list[int] = []
    position = text.find(f"[{first}]") + len(f"[{first}]")
    label = first + 1
    while limit is None or len(cuts) < limit:
        if str(label) in starts:
            break
        at = text.find(f"[{label}]", position)
        if at < 0:
            break
        cuts.append(at)
        position = at + len(f"[{label}]")
        label += 1
    return cuts


def _pieces(text: str, cuts: list[int]) -> list[str]:
    bounds = [0, *cuts, len(text)]
    return [text[bounds[i] : bounds[i + 1]] for i in range(len(bounds) - 1)]
