"""Where a watch store keeps its tables: SQLite (embedded, the default) or PostgreSQL.

Both run the same migrations (:mod:`citeaudit.watch.schema`) and the same
statements, written once in the SQL both understand (``?`` placeholders,
``ON CONFLICT``, ``RETURNING``); each :class:`Database` adapts the little that
differs (its placeholders, column types, how a writer takes its turn, the run
lock, one JSON look-up).  :func:`open_database` picks one from the location:
a ``postgresql://`` URL, or a file path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

__all__ = ["Cursor", "Database", "is_database_url", "open_database"]

_SCHEMES = ("postgresql://", "postgres://")
_ANY_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")
"""A location written as a URL (two letters at least, so ``C://`` stays a Windows path)."""


class Cursor(Protocol):
    """What a statement returns: its rows, and how many it changed."""

    rowcount: int

    def fetchone(self) -> Any:
        """The next row, or ``None`` when there is none."""
        ...

    def fetchall(self) -> list[Any]:
        """The rows not fetched yet."""
        ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """The statements of one transaction (``?`` placeholders in either database)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement with its parameters."""
        ...

    def executemany(self, sql: str, params: Sequence[Sequence[Any]]) -> Any:
        """Run one statement once for each parameter row (none at all for no rows)."""
        ...


class Database(Protocol):
    """One open watch database, migrated to the latest schema."""

    location: str
    """The file path, or the URL with any password hidden (for messages)."""

    def transaction(self) -> AbstractContextManager[Connection]:
        """One write transaction; writers take turns, so a check is all there or not at all."""
        ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Rows of a read-only query; a row is a tuple that also answers ``row["name"]``."""
        ...

    def json_list_has(self, column: str, value: str) -> str:
        """SQL that is true when the JSON list in ``column`` holds ``value`` (both SQL)."""
        ...

    def run_lock(self) -> AbstractContextManager[None]:
        """The lock one ``watch run`` holds while it checks; dies with its process."""
        ...

    @property
    def schema_version(self) -> int:
        """The migration the database is at (:data:`citeaudit.watch.schema.LATEST` once open)."""
        ...

    def close(self) -> None:
        """Close the connection; the database is not usable after."""
        ...


def is_database_url(location: str | os.PathLike[str] | None) -> bool:
    """Whether ``location`` names a PostgreSQL server rather than a SQLite file."""
    return isinstance(location, str) and location.lower().startswith(_SCHEMES)


def open_database(
    location: str | os.PathLike[str], *, busy_timeout: float, create: bool
) -> Database:
    """Open (and migrate) the database at ``location``; ``create=False`` refuses a missing one.

    A URL of another scheme (``mysql://``, ``sqlite://``) is bad input: read as a
    path it would quietly make a SQLite file in a folder named after the scheme.
    """
    if is_database_url(location):
        from citeaudit.watch.db.postgres import PostgresDatabase

        return PostgresDatabase(str(location), busy_timeout=busy_timeout, create=create)
    if isinstance(location, str) and (found := _ANY_URL.match(location)):
        from citeaudit.errors import InputError

        scheme = found.group(0)
        raise InputError(
            f"{scheme}: not a watch database; give a SQLite file path or a postgresql:// URL"
        )
    from citeaudit.watch.db.sqlite import SqliteDatabase

    return SqliteDatabase(location, busy_timeout=busy_timeout, create=create)
