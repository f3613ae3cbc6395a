"""citeaudit: audit the sources an article cites."""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING

from citeaudit._lazy import exports

if TYPE_CHECKING:
    from citeaudit.archive import Snapshot, find_snapshots
    from citeaudit.article import Article
    from citeaudit.audit import audit
    from citeaudit.claims import Claim
    from citeaudit.errors import CiteauditError
    from citeaudit.extract import PageText, extract
    from citeaudit.links import LinkResult, Outcome, check_links
    from citeaudit.notes import Note, parse_note, resolve_repeats
    from citeaudit.pool import SourcePool
    from citeaudit.read import parse_article
    from citeaudit.report import Report
    from citeaudit.verify import Verdict, verify_claim

# Imported on first use: see citeaudit._lazy.
_HOMES = {
    "Article": "citeaudit.article",
    "CiteauditError": "citeaudit.errors",
    "Claim": "citeaudit.claims",
    "LinkResult": "citeaudit.links",
    "Note": "citeaudit.notes",
    "Outcome": "citeaudit.links",
    "PageText": "citeaudit.extract",
    "Report": "citeaudit.report",
    "Snapshot": "citeaudit.archive",
    "SourcePool": "citeaudit.pool.sources",
    "Verdict": "citeaudit.verify",
    "audit": "citeaudit.audit",
    "check_links": "citeaudit.links",
    "extract": "citeaudit.extract",
    "find_snapshots": "citeaudit.archive",
    "parse_article": "citeaudit.read",
    "parse_note": "citeaudit.notes",
    "resolve_repeats": "citeaudit.notes",
    "verify_claim": "citeaudit.verify",
}
__getattr__, __dir__ = exports(__name__, globals(), _HOMES)

__all__ = [
    "Article",
    "CiteauditError",
    "Claim",
    "LinkResult",
    "Note",
    "Outcome",
    "PageText",
    "Report",
    "Snapshot",
    "SourcePool",
    "Verdict",
    "__version__",
    "audit",
    "check_links",
    "extract",
    "find_snapshots",
    "parse_article",
    "parse_note",
    "resolve_repeats",
    "verify_claim",
]
