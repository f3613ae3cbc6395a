"""citeaudit: audit the sources an article cites."""

from __future__ import annotations

__version__ = "0.1.0"

from citeaudit.archive import Snapshot, find_snapshots  # noqa: E402
from citeaudit.article import Article  # noqa: E402
from citeaudit.claims import Claim  # noqa: E402
from citeaudit.errors import CiteauditError  # noqa: E402
from citeaudit.extract import PageText, extract  # noqa: E402
from citeaudit.links import LinkResult, Outcome, check_links  # noqa: E402
from citeaudit.notes import Note, parse_note, resolve_repeats  # noqa: E402
from citeaudit.read import parse_article  # noqa: E402
from citeaudit.verify import Verdict, verify_claim  # noqa: E402

__all__ = [
    "Article",
    "CiteauditError",
    "Claim",
    "LinkResult",
    "Note",
    "Outcome",
    "PageText",
    "Snapshot",
    "Verdict",
    "__version__",
    "check_links",
    "extract",
    "find_snapshots",
    "parse_article",
    "parse_note",
    "resolve_repeats",
    "verify_claim",
]
