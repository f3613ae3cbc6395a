"""Fixes written as edits of the article itself, not as a report.

:func:`fix_wikitext` mends a wikitext article's citation templates the way
InternetArchiveBot does (archive links for dead and drifted links,
``{{dead link}}`` where no archive holds a copy).
"""

from __future__ import annotations

from citeaudit.fix.wikitext import Edit, FixResult, Mend, fix_wikitext

FIXES = ("wikitext",)
"""What ``citeaudit audit --fix`` accepts."""

__all__ = ["FIXES", "Edit", "FixResult", "Mend", "fix_wikitext"]
