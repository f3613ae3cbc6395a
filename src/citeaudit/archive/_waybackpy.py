"""The one use of waybackpy (optional extra ``wayback``): parsing an anonymous save answer.

waybackpy 3.0.6 knows how to find the new capture's address in the answer to
the older ``GET /save/URL`` form (``Content-Location``, memento ``Link``
headers, the redirect target).  Only that parser is used: the request goes
through citeaudit's session (timeouts, interval, 429 handling, WARC record),
once, without waybackpy's 5-10 s sleeps or its up to 8 re-submissions.  See
``docs/waybackpy.md`` for the decision.
"""

from __future__ import annotations

import requests

from citeaudit.archive._http import send
from citeaudit.errors import CiteauditError

try:
    from waybackpy.save_api import WaybackMachineSaveAPI
except ImportError:  # the extra is not installed: the fallback is simply absent
    WaybackMachineSaveAPI = None


def available() -> bool:
    """Whether the ``wayback`` extra (waybackpy) is installed."""
    return WaybackMachineSaveAPI is not None


def save_once(
    url: str,
    session: requests.Session,
    *,
    timeout: tuple[float, float],
    user_agent: str,
    save_url: str,
) -> str | None:
    """One ``GET save_url/URL`` through ``session``; the capture's URL if waybackpy finds one."""
    if WaybackMachineSaveAPI is None:
        return None
    api = WaybackMachineSaveAPI(url, user_agent=user_agent, max_tries=1)
    request_url = f"{save_url.rstrip('/')}/{api.url}"
    try:
        response = send(
            session, "GET", request_url, archive="wayback", timeout=timeout,
            headers=api.request_headers, allow_redirects=True,
        )
    except CiteauditError:
        return None
    # fill in what waybackpy's own (unbounded) request would have set, then parse once
    api.response = response
    api.headers = response.headers
    api.status_code = response.status_code
    api.response_url = response.url
    if response.status_code >= 400:
        return None
    return api.archive_url_parser()
