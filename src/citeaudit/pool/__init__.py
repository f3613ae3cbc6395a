"""A pool of sources to check an article's sentences against (``audit --sources``).

:class:`SourcePool` reads URLs, saved pages, folders, WARC captures and other
articles' cited pages, each page once (:mod:`.sources`); :func:`match_article`
retrieves the few pages worth reading for each sentence (:mod:`.index`) and
lets the run's verifier judge them (:mod:`.match`); :mod:`.findings` turns
clear matches into findings.  The data the report carries is in :mod:`.model`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from citeaudit._lazy import exports

if TYPE_CHECKING:
    from .findings import pool_findings, with_pool
    from .match import match_article
    from .model import PoolMatch, PoolPage, PoolReport, SourceKind, Stance, Unread
    from .sources import SourcePool

# Imported on first use: the report model imports .model without loading the rest.
_HOMES = {
    "PoolMatch": "citeaudit.pool.model",
    "PoolPage": "citeaudit.pool.model",
    "PoolReport": "citeaudit.pool.model",
    "SourceKind": "citeaudit.pool.model",
    "SourcePool": "citeaudit.pool.sources",
    "Stance": "citeaudit.pool.model",
    "Unread": "citeaudit.pool.model",
    "match_article": "citeaudit.pool.match",
    "pool_findings": "citeaudit.pool.findings",
    "with_pool": "citeaudit.pool.findings",
}
__getattr__, __dir__ = exports(__name__, globals(), _HOMES)

__all__ = [
    "PoolMatch",
    "PoolPage",
    "PoolReport",
    "SourceKind",
    "SourcePool",
    "Stance",
    "Unread",
    "match_article",
    "pool_findings",
    "with_pool",
]
