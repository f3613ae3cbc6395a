"""Reading an ARTICLE argument: a path, ``-`` for standard input, or a URL fetched politely."""

from __future__ import annotations

import sys
from pathlib import Path

from citeaudit.article import Article
from citeaudit.config import HttpConfig


def is_url(text: str) -> bool:
    """Whether an ARTICLE argument is a web address (a path is never mangled into one)."""
    return text.strip().lower().startswith(("http://", "https://"))


def read_article(target: str, input_format: str | None, config: HttpConfig) -> Article:
    """Parse the article ``target`` names; a URL is fetched through one citeaudit session."""
    from citeaudit.read import parse_article

    if target == "-":
        return parse_article(sys.stdin.buffer.read(), input_format, name="<stdin>")
    if is_url(target):
        from citeaudit.http import make_session
        from citeaudit.watch.discover import read_bytes

        session = make_session(config)
        try:
            content = read_bytes(target.strip(), session)
        finally:
            session.close()
        return parse_article(content, input_format, name=target.strip())
    return parse_article(Path(target), input_format)
