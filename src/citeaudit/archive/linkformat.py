"""A parser for ``application/link-format`` (RFC 6690), the body of a Memento TimeMap.

Also reads HTTP ``Link`` headers (RFC 8288), which share the syntax.  Written
by hand because the common shortcut — splitting on ``", <"`` as
``requests.utils.parse_header_links`` does — breaks on quoted values that hold
``,`` ``;`` or ``<`` and on archives that put no space after the comma; Memento
``datetime`` values always hold a comma (``"Thu, 20 Jun 2024 10:00:00 GMT"``).
"""

from __future__ import annotations

import re

import attrs

from citeaudit.errors import ArchiveError


@attrs.frozen
class Link:
    """One link: a target URI and its parameters."""

    target: str
    params: dict[str, str] = attrs.field(factory=dict)
    """Parameter names lower-cased; the first of a repeated name wins (RFC 8288 §3.3)."""

    @property
    def rels(self) -> frozenset[str]:
        """The relation types, e.g. ``{"first", "memento"}``."""
        return frozenset(self.params.get("rel", "").lower().split())


def parse_links(text: str) -> list[Link]:
    """Every link in a link-format document or ``Link`` header value."""
    return _Parser(text).links()


_SEPARATORS = re.compile(r"[ \t\r\n,]*")
_SPACE = re.compile(r"[ \t\r\n]*")
_PARAMETER = re.compile(
    r'[ \t\r\n]*;[ \t\r\n]*([^;,= \t\r\n"]*)[ \t\r\n]*'
    r'(?:(=)[ \t\r\n]*(?:"((?:[^"\\]|\\.)*)"|([^;,= \t\r\n"]*)))?',
    re.DOTALL,
)
"""``; name``, then ``= "quoted"`` or ``= token`` if there is a value (groups: the name,
the ``=``, the quoted value, the token)."""
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


class _Parser:
    """Read by compiled patterns, one per parameter: a TimeMap of a much-archived page holds
    thousands of links."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def links(self) -> list[Link]:
        found: list[Link] = []
        end = len(self.text)
        while True:
            self._skip(_SEPARATORS)
            if self.pos >= end:
                return found
            found.append(self._link())

    def _link(self) -> Link:
        text = self.text
        if text[self.pos] != "<":
            raise self._error("expected '<'")
        end = text.find(">", self.pos)
        if end < 0:
            raise self._error("unclosed '<'")
        target = text[self.pos + 1 : end].strip()
        self.pos = end + 1
        params: dict[str, str] = {}
        while True:
            parameter = _PARAMETER.match(text, self.pos)
            if parameter is None:
                self._skip(_SPACE)
                if self.pos >= len(text) or text[self.pos] == ",":
                    return Link(target, params)
                raise self._error("expected ';' or ','")
            name, equals, quoted, token = parameter.groups()
            self.pos = parameter.end()
            if quoted is not None:
                value = _ESCAPE.sub(r"\1", quoted) if "\\" in quoted else quoted
            elif equals is not None and not token and text.startswith('"', self.pos):
                self.pos = len(text)  # a quote opened and never closed
                raise self._error("unclosed quoted value")
            else:
                value = token or ""
            if name:
                params.setdefault(name.lower(), value)

    def _skip(self, pattern: re.Pattern[str]) -> None:
        """Move past what ``pattern`` (which matches the empty string too) matches here."""
        matched = pattern.match(self.text, self.pos)
        assert matched is not None
        self.pos = matched.end()

    def _error(self, what: str) -> ArchiveError:
        snippet = self.text[self.pos : self.pos + 40].replace("\n", " ")
        return ArchiveError(f"malformed link-format at offset {self.pos}: {what} near {snippet!r}")
