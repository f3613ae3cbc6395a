"""A parser for ``application/link-format`` (RFC 6690), the body of a Memento TimeMap.

Also reads HTTP ``Link`` headers (RFC 8288), which share the syntax.  Written
by hand because the common shortcut — splitting on ``", <"`` as
``requests.utils.parse_header_links`` does — breaks on quoted values that hold
``,`` ``;`` or ``<`` and on archives that put no space after the comma; Memento
``datetime`` values always hold a comma (``"Thu, 20 Jun 2024 10:00:00 GMT"``).
"""

from __future__ import annotations

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


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def links(self) -> list[Link]:
        found: list[Link] = []
        while True:
            self._skip(" \t\r\n,")
            if self.pos >= len(self.text):
                return found
            found.append(self._link())

    def _link(self) -> Link:
        if self.text[self.pos] != "<":
            raise self._error("expected '<'")
        end = self.text.find(">", self.pos)
        if end < 0:
            raise self._error("unclosed '<'")
        target = self.text[self.pos + 1 : end].strip()
        self.pos = end + 1
        params: dict[str, str] = {}
        while True:
            self._skip(" \t\r\n")
            if self.pos >= len(self.text) or self.text[self.pos] == ",":
                return Link(target, params)
            if self.text[self.pos] != ";":
                raise self._error("expected ';' or ','")
            self.pos += 1
            self._skip(" \t\r\n")
            name = self._token().lower()
            self._skip(" \t\r\n")
            value = ""
            if self.pos < len(self.text) and self.text[self.pos] == "=":
                self.pos += 1
                self._skip(" \t\r\n")
                value = self._value()
            if name:
                params.setdefault(name, value)

    def _token(self) -> str:
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] not in ';,= \t\r\n"':
            self.pos += 1
        return self.text[start : self.pos]

    def _value(self) -> str:
        if self.pos < len(self.text) and self.text[self.pos] == '"':
            self.pos += 1
            out: list[str] = []
            while self.pos < len(self.text):
                char = self.text[self.pos]
                if char == "\\" and self.pos + 1 < len(self.text):
                    out.append(self.text[self.pos + 1])
                    self.pos += 2
                    continue
                self.pos += 1
                if char == '"':
                    return "".join(out)
                out.append(char)
            raise self._error("unclosed quoted value")
        return self._token()

    def _skip(self, chars: str) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in chars:
            self.pos += 1

    def _error(self, what: str) -> ArchiveError:
        snippet = self.text[self.pos : self.pos + 40].replace("\n", " ")
        return ArchiveError(f"malformed link-format at offset {self.pos}: {what} near {snippet!r}")
