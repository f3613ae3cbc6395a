"""What a parsing library logs about a damaged file, kept instead of printed.

pypdf (``incorrect startxref pointer``) and bibtexparser (``Unexpectedly reached end
of file.``) log their complaints; with no logging set up, Python writes each to
standard error, lines of noise around the command's own one-line answer.  A reader
collects them while it reads and turns the first into one warning of its own.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator


@contextlib.contextmanager
def kept(logger_name: str) -> Iterator[list[str]]:
    """The messages (warning and worse) the named library logs inside the block."""
    complaints: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            complaints.append(" ".join(record.getMessage().split()))

    logger = logging.getLogger(logger_name)
    handler, propagate = Keep(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield complaints
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
