"""Shared fixtures: the loopback web, the loopback pywb archive, test data paths."""

from __future__ import annotations

from pathlib import Path

import pytest

# The small real web (tests/support/web.py), the real pywb archive
# (tests/support/pywb_archive.py), the echo server (tests/support/echo.py) and a real
# PostgreSQL server (tests/support/postgres.py) are fixture plugins so any test can ask for them.
pytest_plugins = [
    "tests.support.web",
    "tests.support.pywb_archive",
    "tests.support.echo",
    "tests.support.postgres",
]

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    """Folder of the articles and notes the tests read."""
    return DATA


@pytest.fixture
def date_searches(monkeypatch) -> list[object]:
    """Each call of htmldate's date search, which reading a page's title and date makes once."""
    import htmldate

    search, calls = htmldate.find_date, []

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args[0])
        return search(*args, **kwargs)

    monkeypatch.setattr(htmldate, "find_date", counted)
    return calls
