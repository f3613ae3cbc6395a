"""citeaudit: audit the sources an article cites."""

from __future__ import annotations

__version__ = "0.1.0"
