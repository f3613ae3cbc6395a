"""What became of a cited URL: the outcome and the checked result."""

from __future__ import annotations

import enum
import functools
from typing import Any

import attrs

__all__ = ["LinkResult", "Outcome"]


class Outcome(enum.StrEnum):
    """What became of a cited URL."""

    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    SOFT_404 = "soft_404"
    MOVED_TO_HOME = "moved_to_home"
    BLOCKED = "blocked"
    PAYWALLED = "paywalled"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    TIMEOUT = "timeout"
    DNS_ERROR = "dns_error"
    CONNECTION_ERROR = "connection_error"
    TLS_ERROR = "tls_error"
    INVALID_URL = "invalid_url"
    SKIPPED = "skipped"


@attrs.define(frozen=True, slots=False)
class LinkResult:
    """The checked fate of one URL."""

    url: str
    outcome: Outcome
    status: int | None = None
    """HTTP status of the last answer, if any came."""
    final_url: str | None = None
    """Where the redirects ended."""
    redirects: list[tuple[str, int]] = attrs.field(factory=list)
    """Each hop of the redirect chain: (URL, status it answered with)."""
    elapsed: float = 0.0
    """Seconds the check took, retries included."""
    reason: str = ""
    """One line a person can read: why this outcome."""
    title: str | None = None
    """The page's ``<title>``."""
    content_type: str | None = None
    body: bytes | None = attrs.field(default=None, repr=False, eq=False)
    """The response body as read (cut at the size cap)."""
    truncated: bool = attrs.field(default=False, eq=False)
    """The body was cut at the size cap: it is not the whole page."""

    @property
    def is_ok(self) -> bool:
        """Whether the link still leads to its page (``ok`` or ``redirected``)."""
        return self.outcome in (Outcome.OK, Outcome.REDIRECTED)

    @functools.cached_property
    def page(self) -> Any:
        """The page's text (:class:`citeaudit.extract.PageText`), extracted on first use."""
        if not self.body or self.status is None or not 200 <= self.status < 300:
            return None
        try:
            from citeaudit.extract import extract
        except ImportError:  # pragma: no cover - extract ships with citeaudit
            return None
        return extract(self.body, content_type=self.content_type, url=self.final_url or self.url)

    def to_dict(self) -> dict[str, Any]:
        """The ``links`` entry of the JSON report."""
        return {
            "url": self.url,
            "outcome": self.outcome.value,
            "status": self.status,
            "final_url": self.final_url,
            "redirects": [{"url": u, "status": s} for u, s in self.redirects],
            "page_title": self.title,
            "reason": self.reason,
            "elapsed": round(self.elapsed, 3),
        }


