"""One recorded HTTP exchange, the readable unit of a capture."""

from __future__ import annotations

from datetime import datetime

import attrs

from citeaudit.warc._headers import Headers, _to_headers


@attrs.frozen
class Exchange:
    """One HTTP request and the response it got, as stored in a capture."""

    url: str
    status: int
    headers: Headers = attrs.field(converter=_to_headers)
    """Response headers in order, repeats allowed; a dict or ``(name, value)`` pairs."""
    body: bytes
    date: datetime
    """When the response was received; a naive datetime is taken as UTC."""
    method: str = "GET"
    reason: str | None = None
    """Reason phrase; ``None`` means the standard phrase for ``status``."""

    def header(self, name: str) -> str | None:
        """The first value of response header ``name`` (case-insensitive), or ``None``."""
        wanted = name.lower()
        return next((v for k, v in self.headers if k.lower() == wanted), None)
