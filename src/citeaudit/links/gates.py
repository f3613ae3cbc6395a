"""Where an answer sends the reader instead of the page: consent and login gates, refreshes.

A redirect to ``consent.example.com`` or to ``/login?next=…`` is not the page
having moved: something stands in front of it, and whether the page is still
there cannot be told (``blocked``, never ``redirected``, whose advice is to cite
the gate).  A page with nothing to read that refreshes itself, or sets
``location``, to another address is a redirect the HTTP status did not tell.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin

from citeaudit.net.urls import split

__all__ = ["gate", "refresh_target"]

_CONSENT_HOSTS = frozenset(["consent", "guce"])
"""First labels of the hosts that collect cookie consent (consent.google.com,
consent.yahoo.com, guce.yahoo.com)."""
_LOGIN_SEGMENT = re.compile(
    r"^(?:log-?in|sign-?in|sign_in|signin|wp-login\.php|authwall|auth|sso|anmelden|connexion"
    r"|accedi|entrar|iniciar-sesion)$",
    re.I,
)
"""Path segments of a login page (WordPress, LinkedIn's authwall, the common spellings)."""
_META = re.compile(r"<meta\b[^>]*>", re.I)
_REFRESH_EQUIV = re.compile(r"""\bhttp-equiv\s*=\s*["']?refresh\b""", re.I)
_REFRESH_CONTENT = re.compile(
    r"""\bcontent\s*=\s*["']\s*\d*\s*[;,]\s*(?:url\s*=\s*)?['"]?([^"'>\s]+)""", re.I
)
"""A refresh tag's parts, read apart: HTML puts no order on a tag's attributes
(``<meta content="0; url=/" http-equiv="refresh">`` is as common as the other way round)."""
_SCRIPT_LOCATION = re.compile(
    r"""(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']"""
    r"""|location\.(?:replace|assign)\(\s*["']([^"']+)["']\s*\)""",
    re.I,
)


def gate(url: str, final: str) -> str | None:
    """What stands in front of ``url`` when it was redirected to ``final``, or ``None``."""
    cited, landed = split(url), split(final)
    host = (landed.hostname or "").lower()
    if host != (cited.hostname or "").lower() and host.split(".", 1)[0] in _CONSENT_HOSTS:
        return "a cookie-consent wall"
    segments = [s for s in landed.path.split("/") if s]
    cited_segments = {s.lower() for s in cited.path.split("/") if s}
    if any(_LOGIN_SEGMENT.match(s) and s.lower() not in cited_segments for s in segments):
        return "a login page"
    # A gate sends the reader on with a ticket back to the page; a moved page does not.
    if len(cited.path) > 1 and cited.path in unquote(unquote(landed.query)):
        return "a page that would send the reader back to the cited one"
    return None


def refresh_target(html: str, base: str, *, scripts: bool) -> str | None:
    """The address a page sends the browser to by a meta refresh (or a script), or ``None``.

    Meant for a page with nothing to read.  A script's ``location`` is looked
    at only with ``scripts`` (a stub page): in an application's shell it is
    some button's handler, not where the page went.
    """
    match = _meta_refresh(html)
    if match is None and scripts:
        match = _SCRIPT_LOCATION.search(html)
    if match is None:
        return None
    target = next(g for g in match.groups() if g)
    return urljoin(base, target.strip())


def _meta_refresh(html: str) -> re.Match[str] | None:
    """The ``content`` of the first ``<meta http-equiv="refresh">`` that names an address."""
    for tag in _META.finditer(html):
        if _REFRESH_EQUIV.search(tag.group()):
            content = _REFRESH_CONTENT.search(tag.group())
            if content is not None:
                return content
    return None
