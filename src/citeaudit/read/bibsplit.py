"""BibTeX entries split directly when they are plain, as bibtexparser splits them.

bibtexparser's splitter walks a file one delimiter at a time in Python and
builds a block object per entry and per field: on a bibliography of 10,000
entries that was most of reading it.  Most exported files are plain: nothing
but entries, each ``@type{key,`` then ``name = value`` pairs, where a value is
one ``{…}`` group (braces balanced, none escaped), one ``"…"`` string without
braces or backslashes, or one bare word.  For such a file :func:`split_plain`
gives each entry's type, key and fields exactly as ``bibtexparser.parse_string``
and its default middlewares do.  For anything else (``@string``, ``@comment``,
``@preamble``, text between entries, ``#`` concatenation, ``(…)`` entries,
escaped delimiters, a duplicate key or field, a block start inside a value)
it returns ``None`` and the caller hands the file to bibtexparser.
"""

from __future__ import annotations

import re

import attrs


@attrs.frozen
class PlainEntry:
    """One entry as bibtexparser's default parse reads it."""

    entry_type: str
    """Lower case: ``article``, ``misc``."""
    key: str
    fields: tuple[tuple[str, str], ...]
    """(name as written, value without its enclosing braces or quotes), in order."""


_HEAD = re.compile(r"\s*@([A-Za-z][A-Za-z0-9_]*)[ \t]*\{\s*([^\s,{}()\"=@#%~\\]+)\s*,")
_NAME = re.compile(r"\s*([A-Za-z][A-Za-z0-9_\-:.+]*)\s*=\s*")
# A value: a brace group without inner braces (inner ones are walked below),
# a quoted string without braces or backslashes, or a bare word.
_SIMPLE_VALUE = re.compile(r"\{([^{}]*)\}|\"([^\"{}\\]*)\"|([A-Za-z0-9_.\-:/+]+)")
_AFTER_VALUE = re.compile(r"\s*([,}])")
_CLOSE = re.compile(r"\s*\}")
_BRACE = re.compile(r"[{}]")
_TRAILING_SPACE = re.compile(r"\s*\Z")
# Where bibtexparser would see a delimiter that is not one (``\}``) or a new block
# (``@misc{`` after a line break) inside a value: this splitter does not follow it there.
_UNSAFE_IN_VALUE = re.compile(r"\\[{}]|\\\Z|@\w*[ \t]*[{(]")


def split_plain(text: str) -> list[PlainEntry] | None:
    """Every entry of ``text`` when the file is plain (see the module), else ``None``."""
    entries: list[PlainEntry] = []
    keys: set[str] = set()
    position = 0
    while True:
        head = _HEAD.match(text, position)
        if head is None:
            break
        entry_type, key = head.group(1).lower(), head.group(2)
        # bibtexparser takes ``@commentary{`` for a comment too: it reads the start.
        if entry_type.startswith(("comment", "preamble", "string")) or key in keys:
            return None
        keys.add(key)
        fields, position = _fields(text, head.end())
        if fields is None:
            return None
        entries.append(PlainEntry(entry_type=entry_type, key=key, fields=fields))
    if not entries or not _TRAILING_SPACE.match(text, position):
        return None
    return entries


def _fields(text: str, position: int) -> tuple[tuple[tuple[str, str], ...] | None, int]:
    """The fields after an entry's ``key,`` and the position after its closing brace."""
    fields: list[tuple[str, str]] = []
    names: set[str] = set()
    while True:
        close = _CLOSE.match(text, position)
        if close is not None:  # after the key's comma or a trailing comma
            return tuple(fields), close.end()
        name = _NAME.match(text, position)
        if name is None:
            return None, position
        field = name.group(1)
        if field.lower() in names:
            return None, position
        names.add(field.lower())
        value, position = _value(text, name.end())
        if value is None or _UNSAFE_IN_VALUE.search(value):
            return None, position
        fields.append((field, value))
        after = _AFTER_VALUE.match(text, position)
        if after is None:
            return None, position
        position = after.end()
        if after.group(1) == "}":
            return tuple(fields), position


def _value(text: str, position: int) -> tuple[str | None, int]:
    simple = _SIMPLE_VALUE.match(text, position)
    if simple is not None:
        braced, quoted, bare = simple.groups()
        value = braced if braced is not None else quoted if quoted is not None else bare
        return value, simple.end()
    if position >= len(text) or text[position] != "{":
        return None, position
    depth = 0
    for brace in _BRACE.finditer(text, position):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return text[position + 1 : brace.start()], brace.end()
    return None, position
