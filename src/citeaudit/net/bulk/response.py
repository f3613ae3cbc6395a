"""The answer of the bulk client: what the link rules read of a ``requests.Response``.

A :class:`BulkResponse` carries the same attributes the classification, the
soft-404 probe and an audit's ``on_answer`` read (``status_code``, ``url``,
``headers``, ``history``, ``content``, ``truncated``, ``peer_address``), without
requests' cookie jar and hooks, which a link check does not use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

__all__ = ["BulkResponse", "Headers"]


class Headers(Mapping[str, str]):
    """Response headers, looked up without regard to case; repeated fields joined by ``, ``."""

    __slots__ = ("_items",)

    def __init__(self, fields: Iterable[tuple[str, str]] = ()) -> None:
        items: dict[str, tuple[str, str]] = {}
        for name, value in fields:
            key = name.lower()
            known = items.get(key)
            # As http.client and requests join them: one value per name.
            items[key] = (name, value) if known is None else (known[0], f"{known[1]}, {value}")
        self._items = items

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()][1]

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        """The value of ``name`` (any case), or ``default``."""
        item = self._items.get(name.lower())
        return default if item is None else item[1]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({dict(self.items())!r})"


class BulkResponse:
    """One hop's answer, its body read under the size cap."""

    __slots__ = (
        "content",
        "headers",
        "history",
        "peer_address",
        "reason",
        "status_code",
        "truncated",
        "url",
    )

    def __init__(
        self,
        url: str,
        status_code: int,
        reason: str,
        headers: Headers,
        content: bytes = b"",
        *,
        truncated: bool = False,
        peer_address: str | None = None,
    ) -> None:
        self.url = url
        self.status_code = status_code
        self.reason = reason
        self.headers = headers
        self.content = content
        self.truncated = truncated
        self.peer_address = peer_address
        self.history: list[BulkResponse] = []

    @property
    def ok(self) -> bool:
        """Whether the status is below 400, as ``requests.Response.ok`` says."""
        return self.status_code < 400

    @property
    def is_redirect(self) -> bool:
        """A redirect status with a ``Location`` to follow (as requests decides)."""
        return "location" in self.headers and self.status_code in (301, 302, 303, 307, 308)

    @property
    def text(self) -> str:
        """The body decoded as the ``charset`` of its type says, else UTF-8 (with replacements)."""
        kind = self.headers.get("Content-Type") or ""
        charset = "utf-8"
        for part in kind.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip("\"' ")
        try:
            return self.content.decode(charset, errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")

    def __repr__(self) -> str:
        return f"<BulkResponse [{self.status_code}] {self.url}>"
