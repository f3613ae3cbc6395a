"""Snapshot sanity: a capture is offered only if it is a real page.

An index says a capture answered 200, yet the capture nearest a date is often
no page at all: an archived error page, a soft 404, a redirect to the site's
front page, a bot wall (users of every archive tool report it; WaybackMedic
counts about 4 % of the availability interface's answers whose replay is not
a 200).  So before a snapshot is offered, its bytes are fetched as captured
(the raw form, redirects not followed) and judged as the live check judges a
page (:func:`citeaudit.links` rules, the same cue tables):

* its archived status must be 2xx; a captured redirect is no page, and one to
  the site's front page is ``moved_to_home``;
* the page must not read as a soft 404 (title or wording) or a bot wall.

The archive's own hops (a replay URL redirecting to the capture's exact
timestamp) are followed; they are the archive's, not the capture's.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import attrs
import requests

from citeaudit.archive._http import send
from citeaudit.archive.cited import page_key
from citeaudit.archive.interface import ArchivedPage, Snapshot
from citeaudit.config import HttpConfig
from citeaudit.errors import ArchiveError

ARCHIVE_HOPS = 3
"""Redirects of the archive's own (to the exact timestamp) followed when fetching a capture."""
_REPLAY = re.compile(r"/\d{1,14}(?:[a-z]{2}_)?/+((?:https?:/+)?.+)$")


@attrs.frozen
class Judgement:
    """Whether a capture is a real page, and if not, why not (one line)."""

    ok: bool
    reason: str
    page: ArchivedPage | None = None
    """The capture's bytes, when it is a page."""


def fetch_and_judge(
    snapshot: Snapshot, session: requests.Session, http: HttpConfig
) -> Judgement:
    """Fetch ``snapshot``'s original bytes and judge them; network trouble raises.

    Raises :class:`~citeaudit.errors.ArchiveError` or ``NetworkError`` when the
    archive cannot be asked: "could not check" is not "not a page".
    """
    url = snapshot.raw_url or snapshot.url
    timeout = (http.connect_timeout, http.read_timeout)
    for _ in range(ARCHIVE_HOPS + 1):
        response = send(session, "GET", url, archive=snapshot.archive, timeout=timeout)
        location = response.headers.get("Location")
        if not (response.is_redirect and location):
            return judge(snapshot, response)
        target = urljoin(url, location)
        if _same_original(target, snapshot.original):
            url = target  # the archive's hop to the capture's exact timestamp
            continue
        return _redirect_capture(snapshot, response.status_code, target)
    raise ArchiveError(f"{snapshot.archive}: {snapshot.url} kept redirecting to itself")


def judge(snapshot: Snapshot, response: requests.Response) -> Judgement:
    """The live check's verdict on a capture's answer (see the module docstring)."""
    from citeaudit.links.classify import Probe, classify, read_page
    from citeaudit.links.outcome import Outcome

    status = response.status_code
    if not 200 <= status < 300:
        return Judgement(False, f"the capture is an archived HTTP {status}")
    page = read_page(response.content or b"", response.headers.get("Content-Type"))
    # No made-up sibling URL to compare with inside an archive: the page's own cues decide.
    verdict = classify(snapshot.original, response, page, Probe(None, None, None))
    outcome, reason = verdict if verdict is not None else (Outcome.OK, "")
    if outcome in (Outcome.OK, Outcome.REDIRECTED, Outcome.PAYWALLED):
        body = ArchivedPage(snapshot, response.url or snapshot.url, status,
                            response.headers.get("Content-Type"), response.content)
        return Judgement(True, reason, body)
    return Judgement(False, f"the capture is a {outcome.value} page ({reason})")


def _redirect_capture(snapshot: Snapshot, status: int, target: str) -> Judgement:
    from citeaudit.links.classify import is_front

    original = _original_of(target) or target
    if is_front(original) and not is_front(snapshot.original):
        return Judgement(False, f"the capture is a redirect to the site's front page {original} "
                                "(moved_to_home)")
    return Judgement(False, f"the capture is a redirect (HTTP {status}) to {original}")


def _original_of(replay_url: str) -> str | None:
    found = _REPLAY.search(urlsplit(replay_url).path)
    if not found:
        return None
    return re.sub(r"^(https?):/+", r"\1://", found.group(1))


def _same_original(replay_url: str, original: str) -> bool:
    named = _original_of(replay_url)
    return named is not None and page_key(named) == page_key(original)
