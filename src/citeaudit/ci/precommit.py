"""The pre-commit hooks: ``citeaudit-hook notes FILE…`` (offline) and ``… links FILE…``.

pre-commit runs each hook with the staged files as arguments and shows what
it prints when it exits non-zero.  Both print one line per problem,
``path:line: note N: …`` (the line of the note, when it can be found), and
nothing else: no progress, no colour, no summary of files that are fine.

* ``notes`` reads each article and fails when it cannot be read, a note
  marker has no note, a note's URL is malformed, or a note cites neither a
  URL nor a printed work (book, journal, report) nor another note (``Ibid.``).
* ``links`` checks every URL the notes cite and fails on those that are gone
  (404/410, soft 404, moved to the home page, no such host).  A page that
  could not be checked (bot wall, timeout, rate limit) is printed as a
  warning and does not fail the commit: "could not check" is not "dead".

Exit status: 0 when every file passes, 1 when one does not, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import attrs

from citeaudit.article import Article
from citeaudit.errors import CiteauditError
from citeaudit.notes import Note, NoteKind

OK, FAILED, USAGE = 0, 1, 2
_NUMERIC_MARKER = re.compile(r"\[(\d{1,3})\]")
_BROKEN_SCHEME = re.compile(r"\b(?:https?|ftp):/?(?!/)[^\s,;]+", re.IGNORECASE)
"""A URL whose ``//`` was mistyped (``https:/x``, ``http:x``): the notes parser skips it."""


@attrs.frozen
class Problem:
    """One thing a hook found wrong in one file."""

    path: str
    message: str
    line: int | None = None
    fails: bool = True
    """False for a warning that is shown but does not fail the commit."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {'' if self.fails else 'warning: '}{self.message}"


def _line_of(text: str, note: Note) -> int | None:
    # The note's own text, whitespace-insensitively; its first words are enough.
    words = note.raw.split()[:8]
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _read(path: str) -> tuple[Article, str]:
    from citeaudit.read import parse_article
    from citeaudit.read.detect import load

    file = Path(path)
    return parse_article(file), load(file).text


def _url_problem(url: str) -> str | None:
    if url.lower().startswith("doi:"):
        return None if re.match(r"doi:10\.\d{4,9}/\S+", url, re.IGNORECASE) else "malformed DOI"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https", "ftp"):
        return f"unsupported URL scheme {parts.scheme!r}"
    if not parts.hostname:
        return "URL has no host name"
    return None


def check_notes(path: str, *, allow_explanatory: bool = False) -> list[Problem]:
    """What is wrong with the notes of the article at ``path`` (empty when nothing)."""
    try:
        article, text = _read(path)
    except CiteauditError as exc:
        return [Problem(path, f"cannot read the article: {exc}")]
    problems: list[Problem] = []
    labels = {n.label for n in article.notes}
    if article.notes:
        for label in dict.fromkeys(_NUMERIC_MARKER.findall(article.body)):
            if label not in labels:
                problems.append(Problem(path, f"marker [{label}] has no note"))
    for note in article.notes:
        line = _line_of(text, note)
        for url in note.urls:
            if (why := _url_problem(url)) is not None:
                problems.append(Problem(path, f"note {note.label}: {why}: {url}", line))
        mistyped = [m.group(0).rstrip(".)]") for m in _BROKEN_SCHEME.finditer(note.raw)]
        for url in mistyped:
            problems.append(Problem(path, f"note {note.label}: malformed URL: {url}", line))
        if note.kind is NoteKind.EXPLANATORY and not mistyped and not allow_explanatory:
            problems.append(Problem(
                path, f"note {note.label} cites no URL, no printed work and no other note", line))
    return problems


def check_links(paths: Iterable[str], *, allow_private: bool = False,
                timeout: float | None = None, cache: Path | None = None) -> list[Problem]:
    """Dead links (failures) and links that could not be checked (warnings) in ``paths``."""
    from citeaudit.config import HttpConfig
    from citeaudit.findings import DEAD
    from citeaudit.links import Outcome
    from citeaudit.links import check_links as check

    problems: list[Problem] = []
    cited: dict[str, list[tuple[str, Note, int | None]]] = {}
    for path in paths:
        try:
            article, text = _read(path)
        except CiteauditError as exc:
            problems.append(Problem(path, f"cannot read the article: {exc}"))
            continue
        for note in article.notes:
            for url in note.urls:
                cited.setdefault(url, []).append((path, note, _line_of(text, note)))
    if not cited:
        return problems
    config = HttpConfig()
    changes: dict[str, object] = {"allow_private": allow_private, "cache_path": cache}
    if timeout is not None:
        changes["deadline"] = timeout
    config = attrs.evolve(config, **changes)
    for result in check(list(cited), config):
        if result.outcome in (Outcome.OK, Outcome.REDIRECTED):
            continue
        gone = result.outcome in DEAD
        for path, note, line in cited[result.url]:
            problems.append(Problem(
                path, f"note {note.label}: {result.outcome.value}: {result.url}"
                + (f" ({result.reason})" if result.reason else ""), line, fails=gone))
    return sorted(problems, key=lambda p: (p.path, p.line or 0))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citeaudit-hook",
                                     description="citeaudit's pre-commit hooks.")
    sub = parser.add_subparsers(dest="hook", required=True)
    notes = sub.add_parser("notes", help="offline: every note parses and cites something")
    notes.add_argument("--allow-explanatory", action="store_true",
                       help="accept notes that explain rather than cite")
    notes.add_argument("files", nargs="*")
    links = sub.add_parser("links", help="online: no cited link is dead")
    links.add_argument("--allow-private", action="store_true")
    links.add_argument("--timeout", type=float, metavar="S")
    links.add_argument("--cache", type=Path, metavar="DIR")
    links.add_argument("files", nargs="*")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a hook over the files pre-commit passes; returns the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        if args.hook == "notes":
            problems = [p for f in args.files
                        for p in check_notes(f, allow_explanatory=args.allow_explanatory)]
        else:
            problems = check_links(args.files, allow_private=args.allow_private,
                                   timeout=args.timeout, cache=args.cache)
    except CiteauditError as exc:
        print(f"citeaudit-hook: error: {exc}", file=sys.stderr)
        return USAGE
    for problem in problems:
        print(problem)
    return FAILED if any(p.fails for p in problems) else OK


if __name__ == "__main__":
    sys.exit(main())
