"""The embedded watch database: one SQLite file, WAL journal, an ``flock`` run lock."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from citeaudit.errors import InputError
from citeaudit.watch.schema import migrate

__all__ = ["SqliteDatabase", "schema_problem"]


class SqliteDatabase:
    """A watch database in a SQLite file (one connection, shared by this process's threads)."""

    def __init__(
        self, path: str | os.PathLike[str], *, busy_timeout: float, create: bool
    ) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self._lock = threading.RLock()
        if self.path.is_dir():
            raise InputError(f"{self.path}: is a directory, not a watch database")
        if not create and not self.path.exists():
            raise InputError(
                f"{self.path}: no such watch database (`citeaudit watch add` creates one)"
            )
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"{self.path}: cannot open the watch database: {exc}") from exc
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            migrate(self.conn)
            problem = schema_problem(self.conn)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise InputError(f"{self.path}: not a usable watch database: {exc}") from exc
        except BaseException:
            self.conn.close()
            raise
        if problem is not None:
            self.conn.close()
            raise InputError(f"{self.path}: not a usable watch database: {problem}")

    def close(self) -> None:
        self.conn.close()

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on any error)."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cursor = self.conn.cursor()
            cursor.row_factory = sqlite3.Row
            return cursor.execute(sql, params).fetchall()

    def json_list_has(self, column: str, value: str) -> str:
        return f"EXISTS (SELECT 1 FROM json_each({column}) j WHERE j.value = {value})"

    @contextmanager
    def run_lock(self) -> Iterator[None]:
        """``flock`` on a file beside the database; where there is none (Windows), no lock."""
        try:
            import fcntl
        except ImportError:
            yield
            return
        from citeaudit.watch.store import RunBusy

        lock_path = self.path.with_name(self.path.name + ".run-lock")
        try:
            handle = open(lock_path, "a+")  # noqa: SIM115 - held for the whole block
        except OSError as exc:
            raise InputError(f"{lock_path}: cannot take the run lock: {exc.strerror}") from exc
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise RunBusy(
                    f"another `citeaudit watch run` ({holder}) is checking {self.path}; "
                    "try again when it has finished"
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}")
            handle.flush()
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


@cache
def expected_schema() -> dict[str, frozenset[str]]:
    """Each table the migrations make, with its columns (from a scratch in-memory database)."""
    scratch = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(scratch)
        return _tables(scratch)
    finally:
        scratch.close()


def _tables(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {
        name: frozenset(r[1] for r in conn.execute(f'PRAGMA table_info("{name}")'))
        for name in names
    }


def schema_problem(conn: sqlite3.Connection) -> str | None:
    """What is wrong with the tables of a database at the latest version (``None``: fine)."""
    return missing_columns(_tables(conn))


def missing_columns(found: dict[str, frozenset[str]]) -> str | None:
    """The first table or column the migrations make that ``found`` lacks (``None``: none)."""
    for table, columns in expected_schema().items():
        if table not in found:
            return f"it has no table {table!r} (is it another program's database?)"
        missing = sorted(columns - found[table])
        if missing:
            return f"table {table!r} has no column {missing[0]!r}"
    return None
