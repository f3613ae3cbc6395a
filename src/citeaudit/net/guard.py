"""Connections that obey the address guard on the address actually connected to.

Each hop resolves its host, refuses non-public addresses before connecting
(see :mod:`citeaudit.netguard`), connects to exactly the checked address and
checks the peer again; the socket is put under the current call's deadline.
"""

from __future__ import annotations

import socket
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

from citeaudit.errors import PolicyRefused
from citeaudit.net.deadline import current_deadline
from citeaudit.netguard import AddressGuard, Resolver, parse_ip

__all__ = ["GuardedAdapter"]


# --- guarded connections ---------------------------------------------------------------------


class _GuardedMixin:
    """Resolve, check the address, then connect to exactly that address."""

    guard: AddressGuard
    resolver: Resolver

    def _new_conn(self) -> socket.socket:
        conn: Any = self
        host = conn._dns_host
        try:
            ip = parse_ip(host)
            addresses = [str(ip)] if ip is not None else self.resolver(host, conn.port)
        except socket.gaierror as exc:
            raise NameResolutionError(conn.host, conn, exc) from exc
        if not addresses:
            raise NameResolutionError(conn.host, conn, socket.gaierror("no address"))
        for address in addresses:
            # Refused before any connection is attempted.
            self.guard.check(conn.host, address)
        last: OSError | None = None
        for address in addresses:
            try:
                sock = socket.create_connection(
                    (address, conn.port), conn.timeout, source_address=conn.source_address
                )
            except TimeoutError as exc:
                raise ConnectTimeoutError(
                    conn, f"Connection to {conn.host} timed out. (connect timeout={conn.timeout})"
                ) from exc
            except OSError as exc:
                last = exc
                continue
            peer = sock.getpeername()[0]
            try:
                self.guard.check(conn.host, peer)
            except PolicyRefused:
                sock.close()
                raise
            conn.peer_address = peer  # for the recorder's WARC-IP-Address
            for option in conn.socket_options or ():
                sock.setsockopt(*option)
            _adopt(sock)
            return sock
        raise NewConnectionError(conn, f"Failed to establish a new connection: {last}") from last

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _adopt(self.sock)  # type: ignore[attr-defined]

    def request(self, *args: Any, **kwargs: Any) -> None:
        _adopt(getattr(self, "sock", None))
        super().request(*args, **kwargs)  # type: ignore[misc]


def _adopt(sock: socket.socket | None) -> None:
    deadline = current_deadline()
    if deadline is not None:
        deadline.adopt(sock)


class GuardedAdapter(HTTPAdapter):
    """requests' HTTP adapter with connections that obey an :class:`AddressGuard`."""

    def __init__(self, guard: AddressGuard, resolver: Resolver, pool_maxsize: int) -> None:
        attrs_ = {"guard": guard, "resolver": staticmethod(resolver)}
        http_conn = type("GuardedHTTPConnection", (_GuardedMixin, HTTPConnection), attrs_)
        https_conn = type("GuardedHTTPSConnection", (_GuardedMixin, HTTPSConnection), attrs_)
        self._pool_classes = {
            "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
            "https": type(
                "GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}
            ),
        }
        super().__init__(pool_connections=64, pool_maxsize=pool_maxsize, max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pool_classes

    def build_response(self, req: requests.PreparedRequest, resp: Any) -> requests.Response:
        """As requests builds it, reading cookies only from an answer that sets some.

        requests runs every answer through the cookie machinery; most answers a
        link check gets set none, and it is a noticeable part of a request's CPU.
        """
        headers = getattr(resp, "headers", None)
        if headers is None or "set-cookie" in headers or "set-cookie2" in headers:
            return super().build_response(req, resp)
        response = requests.Response()
        response.status_code = getattr(resp, "status", None)  # type: ignore[assignment]
        response.headers = CaseInsensitiveDict(headers)
        response.encoding = get_encoding_from_headers(response.headers)
        response.raw = resp
        response.reason = resp.reason
        response.url = req.url.decode("utf-8") if isinstance(req.url, bytes) else req.url
        response.request = req
        response.connection = self  # type: ignore[attr-defined]
        return response


