"""The values an audit run passes between its stages."""

from __future__ import annotations

import datetime as dt

import attrs

from citeaudit.extract import PageText
from citeaudit.report.model import Source

_Key = tuple[str, dt.date | None]
"""A URL and the access date its snapshot is wanted for."""


@attrs.frozen
class Progress:
    """How far a stage has come; passed to the ``progress`` callback."""

    stage: str
    """``links``, ``archive``, ``claims``, or ``sources`` (pool pages judged)."""
    done: int
    total: int


@attrs.frozen
class _Text:
    """A page's text, and where it came from."""

    page: PageText
    url: str
    source: Source
