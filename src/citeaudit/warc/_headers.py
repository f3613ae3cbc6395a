"""HTTP headers as a capture stores them, and as they describe a decoded body."""

from __future__ import annotations

import http
from collections.abc import Iterable, Mapping

Headers = tuple[tuple[str, str], ...]

# Headers that describe the bytes on the wire rather than the decoded body we store.
_WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _to_headers(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> Headers:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(name), str(val)) for name, val in items)


def _reason_for(status: int, reason: str | None) -> str:
    if reason is not None:
        return reason
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _decoded_headers(headers: Iterable[tuple[str, str]], body_length: int) -> list[tuple[str, str]]:
    """Headers that truthfully describe a decoded body of ``body_length`` bytes."""
    kept = [(k, v) for k, v in headers if k.lower() not in _WIRE_HEADERS]
    kept.append(("Content-Length", str(body_length)))
    return kept


def _cut_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Headers for a decoded body cut at the size cap, which must not pass for whole.

    The length the server announced is kept when it counts the same bytes as the
    stored body (no content encoding); otherwise no length is claimed at all.
    """
    headers = list(headers)
    encoded = any(
        k.lower() == "content-encoding" and v.strip().lower() not in ("", "identity")
        for k, v in headers
    )
    drop = _WIRE_HEADERS if encoded else _WIRE_HEADERS - {"content-length"}
    return [(k, v) for k, v in headers if k.lower() not in drop]
