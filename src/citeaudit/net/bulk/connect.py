"""Guarded connections for the bulk client, and the idle ones kept for reuse.

As on the requests path (:mod:`citeaudit.net.guard`): each new connection
resolves its host, refuses non-public addresses before connecting, connects to
exactly the address that was checked (a name that resolves anew cannot slip a
private address in between) and checks the peer again.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Callable

import requests
from urllib3.exceptions import NameResolutionError

from citeaudit.errors import PolicyRefused
from citeaudit.net.bulk.wire import MAX_LINE
from citeaudit.netguard import AddressGuard, Resolver, parse_ip

__all__ = ["Connection", "Pool", "open_guarded", "resolve_checked", "tls_context"]

Key = tuple[str, str, int]
"""(scheme, host, port) of a connection."""


class Connection:
    """An open stream to one origin, and what the guard saw of its peer."""

    __slots__ = ("key", "peer", "reader", "reused", "writer")

    def __init__(
        self, key: Key, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, peer: str
    ) -> None:
        self.key = key
        self.reader = reader
        self.writer = writer
        self.peer = peer
        self.reused = False

    def usable(self) -> bool:
        """Whether an idle connection still looks open (the server may have closed it)."""
        return not self.writer.is_closing() and not self.reader.at_eof()

    def close(self) -> None:
        """Close the stream now (an abortive close: a cut body's rest is not read)."""
        transport = self.writer.transport
        if not transport.is_closing():
            transport.abort()


def tls_context(verify: bool | str) -> ssl.SSLContext:
    """The TLS context requests would use for ``verify`` (certifi's roots by default)."""
    if verify is False:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify if not _is_dir(verify) else None,
                                          capath=verify if _is_dir(verify) else None)
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def _is_dir(path: str) -> bool:
    import os

    return os.path.isdir(path)


async def resolve_checked(key: Key, guard: AddressGuard, resolver: Resolver) -> list[str]:
    """The addresses of ``key``'s host, every one of them allowed by the guard (else it raises)."""
    _scheme, host, port = key
    bare = host.strip("[]")
    try:
        ip = parse_ip(bare)
        addresses = [str(ip)] if ip is not None else await asyncio.get_running_loop(
        ).run_in_executor(None, resolver, bare, port)
    except socket.gaierror as exc:
        raise requests.exceptions.ConnectionError(NameResolutionError(host, None, exc)) from exc  # type: ignore[arg-type]
    if not addresses:
        raise requests.exceptions.ConnectionError(
            NameResolutionError(host, None, socket.gaierror("no address"))  # type: ignore[arg-type]
        )
    for address in addresses:
        guard.check(host, address)  # refused before any connection is attempted
    return list(addresses)


async def open_guarded(
    key: Key,
    guard: AddressGuard,
    resolver: Resolver,
    tls: Callable[[], ssl.SSLContext],
    timeout: float,
    addresses: list[str] | None = None,
) -> Connection:
    """A new connection to ``key``'s origin at an address the guard allows.

    ``addresses`` are ones :func:`resolve_checked` gave (resolved while the
    request waited for its turn); without them the host is resolved now.
    """
    scheme, host, port = key
    bare = host.strip("[]")
    if addresses is None:
        addresses = await resolve_checked(key, guard, resolver)
    context = tls() if scheme == "https" else None
    last: BaseException | None = None
    for address in addresses:
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    address, port, ssl=context, server_hostname=bare if context else None,
                    limit=MAX_LINE + 2,
                )
        except TimeoutError as exc:
            raise requests.exceptions.ConnectTimeout(
                f"Connection to {host} timed out. (connect timeout={timeout})"
            ) from exc
        except ssl.SSLError as exc:
            raise requests.exceptions.SSLError(exc) from exc
        except OSError as exc:
            last = exc
            continue
        peer = str(writer.get_extra_info("peername")[0])
        try:
            guard.check(host, peer)
        except PolicyRefused:
            writer.transport.abort()
            raise
        return Connection(key, reader, writer, peer)
    raise requests.exceptions.ConnectionError(
        f"Failed to establish a new connection: {last}"
    ) from last


class Pool:
    """Idle keep-alive connections by origin, a few per origin."""

    def __init__(self, per_origin: int) -> None:
        self._idle: dict[Key, list[Connection]] = {}
        self._per_origin = max(1, per_origin)

    def has_idle(self, key: Key) -> bool:
        """Whether a kept connection to ``key`` is waiting (it may still turn out closed)."""
        return bool(self._idle.get(key))

    def take(self, key: Key) -> Connection | None:
        """An idle connection to ``key`` that still looks open, or ``None``."""
        idle = self._idle.get(key)
        while idle:
            conn = idle.pop()
            if conn.usable():
                conn.reused = True
                return conn
            conn.close()
        return None

    def give(self, conn: Connection) -> None:
        """Keep ``conn`` for the next request to its origin (or close it: enough are kept)."""
        idle = self._idle.setdefault(conn.key, [])
        if len(idle) >= self._per_origin or not conn.usable():
            conn.close()
        else:
            idle.append(conn)

    def close(self) -> None:
        """Close every idle connection."""
        for idle in self._idle.values():
            for conn in idle:
                conn.close()
        self._idle.clear()
