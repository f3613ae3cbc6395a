"""Markdown rendered with its plain paragraphs written out directly, as markdown-it writes them.

markdown-it-py reads a paragraph a character at a time in Python: on an
article of 10,000 paragraphs that was most of reading it.  A paragraph with
no Markdown in it renders as its text, escaped, between ``<p>`` and ``</p>``.
Each run of such paragraphs is handed to markdown-it as one placeholder word
(so the blocks around it are read in the same context as before) and its HTML
written in afterwards.  A paragraph is *plain* when

- every line starts with a letter and ends without white space (so it opens no
  block: list, heading, quotation, code, table, setext underline);
- it holds no character any inline rule of the ``commonmark`` preset, the
  footnote plug-in or tables reads (``\\ ` * _ [ ] < & |``), except backslash
  escapes of ASCII punctuation inside ``\\[…\\]`` (how ``split_footnotes``
  writes a reference), which render as the character escaped;
- in a document that defines no link reference (no ``]:`` anywhere), brackets
  are allowed too, and a line may open with one: without a definition a
  bracket opens only an inline link or image (``](``, ``![``) or a footnote
  (``[^``, ``^[``), so ``[1]`` markers are the text ``[1]``;

and the document has no construct that reaches across a blank line into a
paragraph (a fenced code block, a raw HTML block: their openers need ```````,
``~~~`` or ``<``) nor a ``\\r`` or NUL, which markdown-it rewrites first.
Whatever the placeholders do not come back from exactly (one ``<p>`` each),
the document is rendered whole, as before.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

_WRITTEN_REFERENCE = re.compile(r"\\\[(?:\\[!-/:-@\[-`{-~]|[^!-/:-@\[-`{-~\s])+\\\]")
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]<&|]")
_INLINE_MARKUP_BUT_BRACKETS = re.compile(r"[\\`*_<&|]|\]\(|!\[|\[\^|\^\[")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_PLACEHOLDER = "citeauditplain"
_PLACED = re.compile(rf"<p>{_PLACEHOLDER}(\d+)x</p>\n")


def render(md: MarkdownIt, text: str) -> str:
    """``md.render(text)``, the same string, its plain paragraphs written without markdown-it."""
    if (
        _PLACEHOLDER in text
        or "```" in text
        or "~~~" in text
        or "<" in text
        or "\r" in text
        or "\0" in text
    ):
        return md.render(text)
    # With no link reference definition anywhere (each holds "]:"), a bracket opens no link
    # but an inline one ("](", "![") or a footnote ("[^", "^["): "[1]" is the text "[1]".
    brackets = "]:" not in text
    lines: list[str] = []
    runs: list[list[str]] = []
    chunk: list[str] = []
    in_run = False

    def close() -> None:
        nonlocal in_run
        if not chunk:
            return
        html = _plain_html(chunk, brackets)
        if html is None:
            lines.extend(chunk)
            in_run = False
        elif in_run:  # the blank lines between two plain paragraphs go with them
            while not lines[-1].strip(" \t"):
                lines.pop()
            runs[-1].append(html)
        else:
            lines.append(f"{_PLACEHOLDER}{len(runs)}x")
            runs.append([html])
            in_run = True
        chunk.clear()

    for line in text.split("\n"):
        if line.strip(" \t"):
            chunk.append(line)
        else:
            close()
            lines.append(line)
    close()
    if not runs:
        return md.render(text)
    rendered = md.render("\n".join(lines))
    placed: list[int] = []

    def put(match: re.Match[str]) -> str:
        placed.append(int(match.group(1)))
        return "".join(runs[placed[-1]])

    out = _PLACED.sub(put, rendered)
    if placed != list(range(len(runs))) or _PLACEHOLDER in out:
        return md.render(text)  # a placeholder read otherwise than as a paragraph
    return out


def _plain_html(chunk: list[str], brackets: bool = False) -> str | None:
    """The ``<p>`` markdown-it makes of the lines ``chunk``, or None unless they are plain.

    ``brackets``: the document defines no link reference, so brackets are text unless
    they open an inline link or a footnote.
    """
    if not all(
        (line[0].isalpha() or (brackets and line[0] == "[")) and line == line.rstrip()
        for line in chunk
    ):
        return None
    block = "\n".join(chunk)
    markup = _INLINE_MARKUP_BUT_BRACKETS if brackets else _INLINE_MARKUP
    if markup.search(_WRITTEN_REFERENCE.sub("", block)):
        return None
    # Every backslash left is an escape inside a reference: unless one escapes another,
    # dropping them all is what the escape rule does, without a match per escape.
    text = block.replace("\\", "") if "\\\\" not in block else _ESCAPED.sub(r"\1", block)
    return "<p>" + escapeHtml(text) + "</p>\n"
