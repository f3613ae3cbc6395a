"""``citeaudit audit --fix``: the mended article written back to its file, or shown as a diff."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from citeaudit.article import Article
from citeaudit.errors import InputError
from citeaudit.fix.wikitext import FixResult, Mend, fix_wikitext
from citeaudit.report.model import Report

_NOT_WIKITEXT = ("html", "markdown")


def check_target(article: str, *, diff: bool) -> None:
    """Refuse, before anything is checked, a ``--fix`` that would have nowhere to write."""
    if diff:
        return
    if article == "-" or article.lower().startswith(("http://", "https://")):
        raise InputError("--fix writes the article back to its file; "
                         "for standard input or a URL add --diff")


def check_article(article: Article) -> None:
    """Refuse, before any link is checked, to edit an article that is not wikitext."""
    if article.format in _NOT_WIKITEXT:
        raise InputError(f"--fix wikitext edits wikitext; {article.source} was read as "
                         f"{article.format}")


def apply_fix(
    report: Report, original: str | None, article: str, *, diff: bool,
    out: TextIO | None = None, err: TextIO | None = None,
) -> FixResult:
    """Mend ``original`` (the article's text) and write it to ``article``, or print a diff."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    if original is None:
        raise InputError("--fix needs the article's own text, which was not read")
    check_article(report.article)
    result = fix_wikitext(original, report)
    if diff:
        out.write(result.diff(Path(article).name if article != "-" else "article"))
    elif result.changed:
        try:
            # newline="": the file's own line endings are kept.
            Path(article).write_text(result.text, encoding="utf-8", newline="")
        except OSError as exc:
            raise InputError(f"cannot write the mended article to {article}: "
                             f"{exc.strerror}") from exc
    archived = sum(1 for e in result.edits if e.mend is not Mend.DEAD_LINK)
    dead = len(result.edits) - archived
    verb = "would mend" if diff else "mended"
    print(f"citeaudit: --fix wikitext {verb} {len(result.edits)} citations in {article} "
          f"({archived} archive links, {dead} {{{{dead link}}}})", file=err)
    return result
