"""Finding the notes list at the end of an article's blocks.

Text and HTML readers both reduce an article to a list of :class:`Block`
(paragraphs, list items, headings).  The notes are the last run of blocks that
start with a note label: ``[1] …`` anywhere, or ``1. …``/``1) …`` (or list
items of a numbered list) under a heading such as *Notes*, *References*,
*Kaynakça*, *Примечания* or *Einzelnachweise*.  A block that starts with a URL,
a lower-case letter or a parenthesis continues the note before it.  Whatever
follows the notes (author bio, related posts) is not prose and is dropped, unless
prose resumes there: a paragraph that cites the list's notes (a later section, an
update) is the article going on, and the body runs on to the last such paragraph.
"""

from __future__ import annotations

import re

import attrs

from citeaudit.read.carets import caret_notes, without_backlink, without_backlink_html
from citeaudit.read.chrome import is_chrome
from citeaudit.read.glued import unglued
from citeaudit.read.interface import RawNote
from citeaudit.read.keywords import keyword_line


@attrs.frozen
class Block:
    """One paragraph-like piece of an article."""

    text: str
    html: str | None = None
    """Inner HTML, when the block came from markup."""
    tag: str = "p"
    """``p``, ``li``, ``h2``…; ``h*`` blocks are headings."""
    label: str | None = None
    """For an item of a numbered list: its number."""
    continues: bool = False
    """A later paragraph or line of the same list item: part of the item's note."""

    @property
    def is_heading(self) -> bool:
        """Whether the block is an ``h1``–``h6`` heading."""
        return len(self.tag) == 2 and self.tag[0] == "h" and self.tag[1].isdigit()


NOTES_WORDS = (
    r"notes?", r"end\s?notes", r"foot\s?notes", r"references?", r"sources?", r"bibliography",
    r"works\s+cited", r"citations", r"notes\s+and\s+references", r"references\s+and\s+notes",
    r"kaynakça", r"kaynaklar", r"dipnotlar", r"notlar", r"sonnotlar", r"примечания",
    r"сноски", r"источники", r"литература", r"список\s+литературы", r"anmerkungen",
    r"einzelnachweise", r"fußnoten", r"fussnoten", r"quellen", r"literatur", r"belege",
    r"références", r"notes\s+et\s+références", r"notas", r"referencias", r"note",
    r"bibliografia", r"bibliografía", r"fuentes", r"referências", r"fontes", r"bronnen",
    r"referenties", r"noten", r"przypisy", r"примітки", r"джерела", r"referenser",
    r"källor", r"kilder", r"lähteet", r"viitteet", r"poznámky", r"jegyzetek", r"források",
    r"referensi", r"catatan", r"chú\s+thích", r"tham\s+khảo",
    r"脚注", r"注釈", r"出典", r"参考文献", r"參考文獻", r"参考资料", r"參考資料", r"注释",
    r"註釋", r"腳註", r"来源", r"來源", r"各註", r"각주", r"주석", r"출처", r"참고\s*문헌",
    r"참고\s*자료", r"مراجع", r"المراجع", r"ملاحظات", r"هوامش", r"منابع", r"پانویس",
    r"הערות\s+שוליים", r"מקורות", r"הערות",
)
"""The words a notes heading may be (patterns, matched case-blind with ``re.X``)."""

NOTES_HEADING = keyword_line(
    NOTES_WORDS,
    r"^\W{0,3}",
    r"\s*:?\W{0,3}(?:\[\s*(?:edit|編集|편집|编辑|編輯)\s*\])?$",
    re.I | re.X,
)
_BRACKETED = re.compile(r"^\s*\[(\d{1,5}|[ivxlcIVXLC]{1,6}|[a-z])\]\s*(?=\S)")
_NUMBERED = re.compile(r"^\s*(\d{1,5})[.)]\s+(?=\S)")
# Under a notes heading a bare number starts a note too (``1 Weber, K.: …``, ``2: …``).
_UNDER_HEADING = re.compile(r"^\s*(\d{1,3})(?:[.):]\s*|\s+)(?=\S)")
_CONTINUES = re.compile(r"^\s*(?:https?://|www\.|\(|[a-zà-ÿа-я])")
# ``¹ Smith, J. …``: where the editor has no footnotes (Medium, a pasted post) the
# markers are superscript digits and so are the notes' numbers.
_SUPERSCRIPT_LABEL = re.compile(r"^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*(?=\S)")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@attrs.frozen
class Split:
    """An article's blocks divided into prose and notes."""

    body: tuple[Block, ...]
    notes: tuple[RawNote, ...]


def split_endnotes(blocks: list[Block], *, trailing_list: bool = False) -> Split:
    """Separate the notes list (and what trails it) from the prose.

    ``trailing_list``: also take the last numbered list as the notes when no
    heading introduces it (HTML with ``<sup>N</sup>`` markers and an ``<ol>``).
    """
    separated = unglued(blocks)
    split = _split(separated, trailing_list)
    if separated is blocks or split.notes:
        return split
    return _split(blocks, trailing_list)  # glued notes split only where they are the notes


def _split(blocks: list[Block], trailing_list: bool) -> Split:
    carets = caret_notes(blocks, _is_notes_heading)
    if carets is not None:
        return Split(tuple(carets[0]), carets[1])
    found = _under_heading(blocks) or _bracketed_run(blocks)
    if found is None and trailing_list:
        found = _last_list(blocks) or _bullets_under_heading(blocks)
    if found is None:
        return Split(tuple(blocks), ())
    cut, start, numbered = found
    if numbered == "positional":
        blocks = blocks[:start] + _numbered_items(blocks[start:])
    notes, end = _collect(blocks, start, bool(numbered))
    labels = {n.label for n in notes}
    if not _closes_prose(blocks[:cut], blocks[end:], labels):
        return Split(tuple(blocks), ())
    return Split((*blocks[:cut], *_resumed(blocks[end:], labels)), notes)


def _resumed(after: list[Block], labels: set[str]) -> list[Block]:
    """The blocks after the notes up to the last paragraph of prose that cites one."""
    last = next((i for i in range(len(after) - 1, -1, -1) if _cites(after[i], labels)), -1)
    return after[: last + 1]


def _cites(block: Block, labels: set[str]) -> bool:
    """Whether ``block`` is a paragraph of prose holding the marker of one of ``labels``."""
    # The block's markers looked up among the labels, not each label sought in the block:
    # ten thousand notes and as many paragraphs after them made a hundred million searches.
    return (
        "[" in block.text
        and len(block.text.split()) >= PROSE_WORDS
        and bool(_SENTENCE_END.search(block.text))
        and any(m.group(1) in labels for m in _BRACKETS.finditer(block.text))
    )


PROSE_WORDS = 8
"""A paragraph this long that ends a sentence is prose, not a title or a list of authors."""
_BRACKETS = re.compile(r"\[([^\[\]]{1,40})\]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*(?:\[[^\[\]]{1,12}\])*(?:\s|$)")


def _closes_prose(before: list[Block], after: list[Block], labels: set[str]) -> bool:
    """Whether a numbered run can be the notes: it follows the prose that cites it.

    Author affiliations (``[1] University of Oslo``) and a contents list come
    before the prose; notes come after it, though comments or related posts
    may trail them at any length.
    """
    if sum(len(b.text) for b in after) <= sum(len(b.text) for b in before):
        return True
    return any(_cites(block, labels) for block in before)


def _label(block: Block, numbered: bool) -> tuple[str, str] | None:
    """(label, text without it) if ``block`` starts a note."""
    match = _BRACKETED.match(block.text)
    if match:
        return match.group(1), block.text[match.end() :]
    if numbered:
        match = _NUMBERED.match(block.text) or _UNDER_HEADING.match(block.text)
        if match:
            return match.group(1), block.text[match.end() :]
        match = _SUPERSCRIPT_LABEL.match(block.text)
        if match:
            return match.group(1).translate(_SUPERSCRIPTS), block.text[match.end() :]
        if block.label is not None:
            return block.label, block.text
    return None


def _is_notes_heading(block: Block) -> bool:
    # A list item named "Notes" is a table of contents' entry, not the heading of a list.
    return block.tag != "li" and bool(NOTES_HEADING.match(block.text))


def _under_heading(blocks: list[Block]) -> tuple[int, int, bool] | None:
    for index in range(len(blocks) - 1, -1, -1):
        if not _is_notes_heading(blocks[index]):
            continue
        start = index + 1
        while start < len(blocks) and is_chrome(blocks[start].text):
            start += 1  # the heading's "[edit]" link
        if start < len(blocks) and _label(blocks[start], numbered=True):
            return index, start, True
    return None


def _bullets_under_heading(blocks: list[Block]) -> tuple[int, int, bool | str] | None:
    """An unnumbered list under a notes heading, its items numbered 1, 2… by position."""
    for index in range(len(blocks) - 1, -1, -1):
        if (
            _is_notes_heading(blocks[index])
            and index + 1 < len(blocks)
            and blocks[index + 1].tag == "li"
        ):
            return index, index + 1, "positional"
    return None


def _numbered_items(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for number, block in enumerate(blocks, 1):
        if block.tag != "li":
            return out + blocks[number - 1 :]
        out.append(attrs.evolve(block, label=str(number)))
    return out


def _bracketed_run(blocks: list[Block]) -> tuple[int, int, bool] | None:
    last = next(
        (i for i in range(len(blocks) - 1, -1, -1) if _BRACKETED.match(blocks[i].text)), None
    )
    if last is None:
        return None
    start = last
    index = last - 1
    while index >= 0:
        block = blocks[index]
        if _BRACKETED.match(block.text):
            start = index
        elif not _CONTINUES.match(block.text):
            break
        index -= 1
    cut = start - 1 if start > 0 and _is_notes_heading(blocks[start - 1]) else start
    return cut, start, False


def _last_list(blocks: list[Block]) -> tuple[int, int, bool] | None:
    last = next((i for i in range(len(blocks) - 1, -1, -1) if blocks[i].label), None)
    if last is None:
        return None
    start = last
    while start > 0 and (blocks[start - 1].label is not None or blocks[start - 1].continues):
        start -= 1
    return start, start, True


def _collect(
    blocks: list[Block], start: int, numbered: bool
) -> tuple[tuple[RawNote, ...], int]:
    """The notes from ``start`` on, and the index of the first block after them."""
    notes: dict[str, RawNote] = {}
    label: str | None = None
    parts: list[str] = []
    htmls: list[str] = []

    def close() -> None:
        if label is not None and label not in notes:
            html = " ".join(htmls) if htmls else None
            notes[label] = RawNote(label=label, raw=" ".join(" ".join(parts).split()), html=html)

    end = start
    for block in blocks[start:]:
        started = _label(block, numbered)
        if started:
            close()
            label, text = started
            # "1. ^ Jones, K. …": a converted Wikipedia list kept the backlink's caret.
            parts = [without_backlink(text)]
            htmls = (
                [without_backlink_html(_unlabelled(block.html, label))]
                if block.html is not None else []
            )
        elif label is not None and (block.continues or _CONTINUES.match(block.text)):
            parts.append(block.text)
            if block.html is not None:
                htmls.append(block.html)
        else:
            break
        end += 1
    close()
    return tuple(notes.values()), end


_HTML_LABEL = re.compile(r"^((?:\s*<[^>]+>)*\s*)(?:\[([^\[\]<>]{1,40})\]|([^\s<>.)]{1,40})[.)])\s*")
"""Leading tags, then a printed label: one pattern for every note (one per label was
compiled again for each note past the regex cache)."""


def _unlabelled(html: str, label: str) -> str:
    """The note's HTML without the ``[1]``/``1.`` it starts with (leading tags kept)."""
    match = _HTML_LABEL.match(html)
    if match is None or (match.group(2) or match.group(3)) != label:
        return html
    return match.group(1) + html[match.end() :]
