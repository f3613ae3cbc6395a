"""Small text steps every part of the note parser shares: labels, escapes, masking."""

from __future__ import annotations

import html as htmllib
import re

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
"""A year a note can carry (1500–2099), as a pattern to build others from: one spelling of it."""
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
"""A character of Japanese kana, a CJK ideograph or Hangul: text written in those scripts."""
FIND_YEAR = re.compile(r"(?:1(?<!\d1)[5-9]|2(?<!\d2)0)\d\d(?!\d)")
"""A free-standing year anywhere in a note; the literal first digit makes the scan fast."""

_LABEL = re.compile(
    r"""^\s*(?:
        \[\^?(?P<br>[^\]\[\s]{1,40})\](?!\()  # [1] [^1]: [^note-a]: not [text](url), [[tag] x](url)
        :?
      | \.\.\s*\[\#?(?P<rst>[^\]\s]{1,60})\]   # .. [#name]  (reStructuredText)
      | \^(?P<caret>[\w-]{1,20})               # ^1
      | <sup>\s*(?P<sup>[\w-]{1,12})\s*</sup>  # <sup>3</sup> left in by a converter
      | (?P<num>\d{1,4})\s?[.)](?!\d)          # 1.  1)
    )\s*""",
    re.VERBOSE | re.IGNORECASE,
)
# Bullets, quote marks and Wikipedia's back-links ("^ a b", "[**^**](#cite_ref-1)", also
# written absolute: "[**^**](https://ja.wikipedia.org/wiki/POSIX#cite_ref-faq_1-0)").
_BULLET = re.compile(
    r"^\s*(?:[-*•>]\s+|\^\s+(?:[a-z]\s+){2,}|\^\s+|\*\*\^\*\*\s+"
    r"|_?\[\*{0,2}[\^a-z]{1,2}\*{0,2}\]\((?:https?://[^\s()#]*)?#cite_ref[^)]*\)_?\s*|\((?:EN|DE|FR|ES|IT|PT|RU|NL|PL|TR|JA|ZH|KO)\)\s+)+"
)
_BULLET_STARTS = frozenset("-*•>^_[(")
_RST_ESCAPE = re.compile(r"(?<!\S)\\(?=[^\W\d_])|\\(?=\s)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")


# A run of blanks this long says nothing a shorter one does not; cut short before any rule
# reads the note, it keeps patterns that retry at every blank of a run ("\s+…$", "\s*\(")
# from being quadratic in a hostile note's length.
_LONG_BLANKS = re.compile(r"\s{64,}")
_KEPT_BLANKS = 32


def squeeze_blanks(text: str) -> str:
    """``text`` with each run of 64 blanks or more cut to its first 32 (and a line break,
    if the run held one they do not)."""
    if len(text) < 64:
        return text
    return _LONG_BLANKS.sub(_squeezed, text)


def _squeezed(run: re.Match[str]) -> str:
    head = run.group()[:_KEPT_BLANKS]
    return head if "\n" in head or "\n" not in run.group() else head + "\n"


_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def undo_html_breaks(text: str) -> str:
    """``Site - Title <br /> https://… <br /> (abgerufen am …)`` → the same with spaces:
    an HTML line break left in a Markdown note parts its pieces as a space does, and its
    letters are no part of a title."""
    if "<" not in text:
        return text
    return _HTML_BREAK.sub(" ", text)


def undo_markdown_escapes(text: str) -> str:
    """``\\[1\\]`` → ``[1]``, ``\\T. E. Smith`` → ``T. E. Smith``: Markdown and reST
    escapes are not part of what the note says."""
    if "\\" not in text:
        return text
    return _RST_ESCAPE.sub("", _MD_ESCAPE.sub(r"\1", text))


# ".. [2] Names, Title …\n        … rest of the title": a reStructuredText citation, whose
# indented lines after the first are its one paragraph going on.
_RST_CITATION = re.compile(r"\s*\.\.\s*\[[^\]\s]{1,60}\]")
# (A line that opens with an address is the citation's link, not its title going on: the
# break before it stays, as the line above a URL is read as the title.)
_RST_WRAP = re.compile(r"[^\S\n]*\n(?![^\S\n]*<?(?:https?://|www\.))[^\S\n]+")


def unwrap_rst_citation(text: str) -> str:
    """``.. [1] Helwig, N. E. (2017). Estimating latent trends in multivariate longitudinal``
    and, indented on the next line, ``data via Parafac2 …`` read as one line: in
    reStructuredText a citation's body is a paragraph and its indented continuation lines
    are wraps of it (a docstring's width), so a break there no more ends a title than a
    space does."""
    if "\n" not in text or not _RST_CITATION.match(text):
        return text
    return _RST_WRAP.sub(" ", text)


def strip_label(text: str) -> tuple[str | None, str]:
    """The note's own label (``[1]``, ``1.``, ``^a``...) and the text after it."""
    match = _LABEL.match(text)
    if not match:
        return None, text
    label = next(g for g in match.group("br", "rst", "caret", "sup", "num") if g is not None)
    return label, text[match.end() :]


def strip_bullet(text: str) -> str:
    """A list bullet in front of the note is not part of it."""
    text = text.strip()
    if text[:1] not in _BULLET_STARTS:
        return text
    return _BULLET.sub("", text, count=1).strip()


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out spans (URLs, dates) so nothing inside them is read again; same length."""
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end <= start:
            continue
        parts.append(text[pos:start])
        parts.append(" " * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


INITIAL = re.compile(r"(?<![^\W\d_])[^\W\d_]\.")
"""A lone letter and its full stop (``E.`` of ``Orlova E.K.``): a name's initial."""


_LOWERED: tuple[str, str] = ("", "")


def lowered(text: str) -> str:
    """``text.lower()``, kept for the last string asked.

    The URL and identifier finders read the same note lower-cased, and so do the access
    and archive finders the same masked note, one after the other; outside ASCII each
    lower-casing costs about a microsecond.  The string itself is the key (``is``, not
    ``==``: no hashing), and the pair is replaced whole, so threads at worst lower-case
    a note again."""
    global _LOWERED
    last = _LOWERED
    if last[0] is text:
        return last[1]
    lower = text.lower()
    _LOWERED = (text, lower)
    return lower


_TAG = re.compile(r"<[^>]+>")


def markup_text(fragment: str) -> str:
    """A piece of a note's markup as the text it shows: tags dropped, entities undone, white
    space (no-break spaces too) made single and trimmed."""
    return " ".join(htmllib.unescape(_TAG.sub("", fragment)).split())
