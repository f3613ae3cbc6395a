"""A real PostgreSQL server for the tests, started in a temporary folder and stopped after.

``initdb`` and ``postgres`` (Debian's ``postgresql`` package, or
``/usr/local/bin``) refuse to run as root, so as root the server runs as the
unprivileged ``nobody``.  It listens on a free loopback port with trust
authentication (only this machine's loopback can reach it), without fsync (a
test database need not survive a power cut), and gets SIGTERM if pytest dies
(``die_with_parent``).  Each test gets its own database.  Where the server
cannot start, the tests that need it skip and say why.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from tests.support.children import die_with_parent

_SEARCH = ("/usr/local/bin", *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
START_TIMEOUT = 60.0


def _program(name: str) -> str | None:
    for folder in _SEARCH:
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def _as_server_user() -> None:
    die_with_parent()
    if os.getuid() == 0:
        import pwd

        nobody = pwd.getpwnam("nobody")
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@attrs.define
class PostgresServer:
    """A running server; :meth:`new_database` makes an empty database and returns its URL."""

    port: int
    _numbers: Iterator[int] = attrs.field(factory=itertools.count)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = f"watch_{os.getpid()}_{next(self._numbers)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _start(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    initdb, postgres = _program("initdb"), _program("postgres")
    if initdb is None or postgres is None:
        pytest.skip("PostgreSQL is not installed (initdb/postgres not found)")
    data, sockets = folder / "data", folder / "run"
    sockets.mkdir()
    if os.getuid() == 0:
        import pwd

        nobody = pwd.getpwnam("nobody")
        for path in (folder, sockets):
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
    done = subprocess.run(
        [initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
         "--no-sync", "--locale=C"],
        preexec_fn=_as_server_user, capture_output=True, text=True, timeout=START_TIMEOUT,
    )
    if done.returncode != 0:
        pytest.skip(f"initdb failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
    port = _free_port()
    log = open(folder / "server.log", "wb")  # noqa: SIM115 - the server writes it while it runs
    server = subprocess.Popen(
        [postgres, "-D", str(data), "-p", str(port), "-k", str(sockets),
         "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
         "-c", "full_page_writes=off", "-c", "max_connections=50"],
        preexec_fn=_as_server_user, stdout=log, stderr=subprocess.STDOUT,
    )
    log.close()
    import psycopg

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = (folder / "server.log").read_text(errors="replace").strip().splitlines()[-1:]
            pytest.skip(f"the PostgreSQL server did not start: {tail}")
        try:
            with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres",
                                 connect_timeout=2):
                return server, port
        except psycopg.OperationalError:
            time.sleep(0.1)  # still starting up
    _stop(server)
    pytest.skip(f"the PostgreSQL server did not answer within {START_TIMEOUT:.0f} s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()  # smart shutdown; fast shutdown follows if it lingers
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole session (skips, with the reason, if it cannot start)."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")
    folder = Path(tempfile.mkdtemp(prefix="citeaudit-pg-"))
    server = None
    try:
        server, port = _start(folder)
        yield PostgresServer(port)
    finally:
        if server is not None:
            _stop(server)
        shutil.rmtree(folder, ignore_errors=True)
