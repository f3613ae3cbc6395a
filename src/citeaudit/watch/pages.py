"""The CPU-bound part of a watch check: read a page, fingerprint it, verify its claims.

:func:`read_page_state` runs in citeaudit's worker processes
(:mod:`citeaudit.workers`), so extraction and verification overlap with the
fetching instead of holding the GIL on the thread that commits results.
Everything it takes and returns is plain, picklable data.
"""

from __future__ import annotations

import attrs

from citeaudit.watch.fingerprint import digest, normalise, similarity
from citeaudit.workers import ClaimInput, read_page_lazily, verify_page

__all__ = ["PageState", "read_page_state"]


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
    old_text: str,
    claims: tuple[ClaimInput, ...],
    unverified: frozenset[str],
) -> PageState | None:
    """The page's state; ``None`` if it has no text.

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
    sim = similarity(old_text, text) if changed else None
    todo = claims if changed else tuple(c for c in claims if c.id in unverified)
    verdicts = verify_page(read.page, url, todo) if todo else ()
    return PageState(
        print_, text, changed, sim,
        tuple((c.id, str(v.label)) for c, v in zip(todo, verdicts, strict=True)),
    )
