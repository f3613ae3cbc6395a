"""The one place the archive backends call ``requests``: errors are translated here."""

from __future__ import annotations

from typing import Any

import requests

from citeaudit.errors import ArchiveError, ArchiveRateLimited, CiteauditError, NetworkError


def send(
    session: requests.Session,
    method: str,
    url: str,
    *,
    archive: str,
    timeout: tuple[float, float],
    **kwargs: Any,
) -> requests.Response:
    """Make one request to an archive; a 429 (after the session's own retries) raises.

    The session does the polite part (interval, backoff, ``Retry-After``);
    this only turns what is left into citeaudit's errors: only
    :class:`~citeaudit.errors.ArchiveError` (and ``ArchiveRateLimited``) or
    :class:`~citeaudit.errors.NetworkError` (with its ``PolicyRefused`` and
    ``ReplayMiss``) leave here.
    """
    kwargs.setdefault("allow_redirects", False)
    try:
        response = session.request(method, url, timeout=timeout, **kwargs)
    except CiteauditError:
        raise  # the shared session already speaks our language (policy, replay miss)
    except requests.exceptions.RetryError as exc:
        # urllib3 gave up retrying; for archives that is almost always a run of 429s
        if "429" in str(exc) or "too many" in str(exc).lower():
            raise ArchiveRateLimited(f"{archive}: rate limited (HTTP 429) for {url}") from exc
        raise ArchiveError(f"{archive}: gave up after retries for {url}: {exc}") from exc
    except (requests.Timeout, requests.ConnectionError) as exc:
        raise NetworkError(f"{archive}: could not reach {url}: {_short(exc)}") from exc
    except requests.RequestException as exc:
        raise ArchiveError(f"{archive}: request failed for {url}: {_short(exc)}") from exc
    except (OSError, ValueError) as exc:  # e.g. a malformed URL below requests' own checks
        raise NetworkError(f"{archive}: could not ask {url}: {_short(exc)}") from exc
    if response.status_code == 429:
        from citeaudit.http import parse_retry_after

        limited = ArchiveRateLimited(f"{archive}: rate limited (HTTP 429) for {url}")
        limited.retry_after = parse_retry_after(  # type: ignore[attr-defined]
            response.headers.get("Retry-After"))
        raise limited
    return response


def json_body(response: requests.Response, *, archive: str) -> Any:
    """The response's JSON, or an :class:`ArchiveError` naming the archive."""
    try:
        return response.json()
    except ValueError as exc:
        kind = response.headers.get("Content-Type", "unknown type")
        status = response.status_code
        raise ArchiveError(
            f"{archive}: expected JSON from {response.url}, got {kind} (HTTP {status})"
        ) from exc


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:197] + "..."
