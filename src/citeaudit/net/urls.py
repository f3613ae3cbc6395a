"""A URL split once for the whole of its check, however many rules read its parts.

A link check reads the parts of each URL in several places (the validity
rules, the HEAD-first rule, the client's hop, the classification, the soft-404
probe).  ``urlsplit`` keeps only the last 128 URLs it split, which a check
with hundreds of URLs in flight overruns between two of those reads; this
keeps enough for every URL in flight.
"""

from __future__ import annotations

import functools
from urllib.parse import SplitResult, urlsplit

__all__ = ["split"]

_KEPT = 1024
"""URLs kept split: the bulk check has 256 in flight, each with its final URL and probe."""


@functools.lru_cache(maxsize=_KEPT)
def split(url: str) -> SplitResult:
    """``urllib.parse.urlsplit(url)``, split once while the URL's check lasts.

    Raises what ``urlsplit`` raises (an error is not kept).
    """
    return urlsplit(url)
