"""The CPU-bound part of a watch check: read a page, fingerprint it, verify its claims.

:func:`read_page_state` runs in citeaudit's worker processes
(:mod:`citeaudit.workers`), so extraction and verification overlap with the
fetching instead of holding the GIL on the thread that commits results.
Everything it takes and returns is plain, picklable data.

On a cluster run the worker that fetched a page reads it there
(:func:`read_fetched`), from the :class:`PageBaseline` the coordinator sent
with its shard, and sends back a :class:`PageRead` instead of the body: the
coordinator, which commits every result, then reads no page itself.
"""

from __future__ import annotations

import enum
import logging
from typing import TYPE_CHECKING

import attrs

from citeaudit.watch.fingerprint import body_digest, digest, normalise, similarity
from citeaudit.watch.schedule import CheckKind, kind_of
from citeaudit.workers import ClaimInput, read_page_lazily, verify_page

if TYPE_CHECKING:
    from citeaudit.links import LinkResult

__all__ = [
    "PageBaseline",
    "PageRead",
    "PageState",
    "ReadKind",
    "answered",
    "fetched_digest",
    "is_same_body",
    "read_fetched",
    "read_page_state",
]

_log = logging.getLogger(__name__)


@attrs.frozen
class PageState:
    """What a page that answered says now, compared with what it said before."""

    fingerprint: str
    text: str
    """Normalised main text."""
    changed: bool
    """The fingerprint differs from the previous one (``False`` the first time)."""
    similarity: float | None
    """Word-trigram similarity to the previous text, when it changed."""
    verdicts: tuple[tuple[str, str], ...] = ()
    """(claim key, verdict label) of each claim verified."""


def read_page_state(
    body: bytes,
    content_type: str | None,
    url: str,
    old_fingerprint: str | None,
    old_text: str | None,
    claims: tuple[ClaimInput, ...],
    unverified: frozenset[str],
) -> PageState | None:
    """The page's state; ``None`` if it has no text.

    With ``old_text`` ``None`` the similarity of a changed page is left to the
    caller (``None`` in the state): a cluster worker is not sent the old text.

    Every claim is verified when the page changed; otherwise only the claims
    in ``unverified`` (new, or never verified) are, to set their baseline.  The
    page's title and date are read only then: most pages a watch reads are the
    same as before, and only verification asks for them.
    """
    read = read_page_lazily(body, content_type, url)
    if read is None:
        return None
    text = normalise(read.text)
    print_ = digest(text)  # the text is normalised: not twice
    if print_ is None:
        return None
    changed = old_fingerprint is not None and old_fingerprint != print_
    sim = similarity(old_text, text) if changed and old_text is not None else None
    todo = claims if changed else tuple(c for c in claims if c.id in unverified)
    verdicts = verify_page(read.page, url, todo) if todo else ()
    return PageState(
        print_, text, changed, sim,
        tuple((c.id, str(v.label)) for c, v in zip(todo, verdicts, strict=True)),
    )


def answered(result: LinkResult) -> bool:
    """A page that answered 2xx with a body: its text is read and compared."""
    return (kind_of(result.outcome) is CheckKind.SUCCESS and bool(result.body)
            and result.status is not None and 200 <= result.status < 300)


def fetched_digest(result: LinkResult) -> str | None:
    """The :func:`~citeaudit.watch.fingerprint.body_digest` of a page that answered, for
    the URL its text is read for; ``None`` for a body cut at the size cap, which is never
    trusted as the whole page."""
    assert result.body is not None  # answered
    return None if result.truncated else body_digest(
        result.body, result.content_type, result.final_url or result.url)


def is_same_body(
    now: str | None, stored: str | None, fingerprint: str | None, unverified: frozenset[str],
) -> bool:
    """Whether a page need not be read: the digest of its body (``now``) is the one its
    stored text (with ``fingerprint``) was read from, and no claim citing it still needs
    a baseline.

    The text would be read from the same inputs, so it is the same text: an unchanged
    page (no similarity, no drift) whose claims need no verdict.  ``now`` is ``None``
    for a body cut at the size cap, which is never trusted as the whole page.
    """
    return now is not None and now == stored and fingerprint is not None and not unverified


@attrs.frozen
class PageBaseline:
    """What a cluster worker needs to read a page as the coordinator would have.

    Sent with the shard, and only for a URL that has something stored (a
    fingerprint, a body digest or claims): a URL with none is read from nothing.
    """

    fingerprint: str | None = None
    body_digest: str | None = None
    claims: tuple[ClaimInput, ...] = ()
    unverified: frozenset[str] = frozenset()
    """Claims with no verdict yet: verified even on an unchanged page, for their baseline."""


class ReadKind(enum.StrEnum):
    """What a cluster worker did with a page that answered."""

    READ = "read"
    """Read: :attr:`PageRead.state` holds its fields."""
    SAME = "same"
    """The body its stored text was read from (:func:`is_same_body`): not read."""
    NO_TEXT = "no_text"
    """Read, and it has no text: no fingerprint, no digest stored."""
    FAILED = "failed"
    """The reading raised: treated as a failed reading (no fingerprint, no digest stored)."""


@attrs.frozen
class PageRead:
    """A cluster worker's reading of a page it fetched, sent back in place of the body."""

    kind: ReadKind
    body_digest: str | None = None
    """:func:`~citeaudit.watch.fingerprint.body_digest` of the body (``None``: cut at the
    size cap, or nothing to store)."""
    state: PageState | None = None
    """With :attr:`ReadKind.READ`."""
    fingerprint: str | None = None
    """With :attr:`ReadKind.SAME`: the stored fingerprint, which the check records."""


def read_fetched(result: LinkResult, baseline: PageBaseline | None) -> PageRead | None:
    """On a cluster worker: read a page it fetched, as the coordinator's page work would.

    ``None`` when the page did not answer (nothing to read).  Never raises for
    the page's sake: a reading that fails is :attr:`ReadKind.FAILED`, so one bad
    page cannot fail its whole shard (and have it re-run, and fail again).
    """
    if not answered(result):
        return None
    base = baseline if baseline is not None else PageBaseline()
    read_for = result.final_url or result.url
    now = fetched_digest(result)
    if is_same_body(now, base.body_digest, base.fingerprint, base.unverified):
        return PageRead(ReadKind.SAME, now, fingerprint=base.fingerprint)
    try:
        state = read_page_state(
            result.body, result.content_type, read_for, base.fingerprint,
            None, base.claims, base.unverified,
        )
    except Exception:
        _log.warning("reading %s failed", read_for, exc_info=True)
        return PageRead(ReadKind.FAILED)
    if state is None:
        return PageRead(ReadKind.NO_TEXT)
    return PageRead(ReadKind.READ, now, state)
