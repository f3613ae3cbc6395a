"""The bulk client's connection after a HEAD: kept for the next request, unless the server
sent something after the head, which is never taken for the next answer."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from citeaudit.config import HttpConfig
from citeaudit.http import make_session
from citeaudit.net.bulk import BulkClient, bulk_of

BODY = b"<html><body><p>The page itself.</p></body></html>"


class _Server:
    """A loopback HTTP/1.1 server answering each request on a connection in turn; after
    a HEAD it sends the body anyway when ``after_head`` says so ("with": in the same
    write as the head, "late": a moment after it)."""

    def __init__(self, after_head: str | None) -> None:
        self.after_head = after_head
        self.connections = 0
        self.requests: list[str] = []
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._socket.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            pending = b""
            while True:
                while b"\r\n\r\n" not in pending:
                    try:
                        data = conn.recv(65536)
                    except OSError:
                        return
                    if not data:
                        return
                    pending += data
                head, pending = pending.split(b"\r\n\r\n", 1)
                method, path = head.split(b" ", 2)[:2]
                self.requests.append(f"{method.decode()} {path.decode()}")
                answer = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                          b"Content-Length: %d\r\n\r\n" % len(BODY))
                if method != b"HEAD" or self.after_head == "with":
                    conn.sendall(answer + BODY)
                elif self.after_head == "late":
                    conn.sendall(answer)
                    time.sleep(0.2)
                    conn.sendall(BODY)
                else:
                    conn.sendall(answer)

    def close(self) -> None:
        self._socket.close()


def _fetch(server: _Server, asks: list[tuple[str, str]]) -> list[tuple[int, bytes]]:
    """Each ``(method, path)`` asked in turn of ``server`` by one bulk client."""
    http = HttpConfig(allow_private=True, retries=0, per_host_interval=0.0, deadline=10.0)
    session = make_session(http)
    spec = bulk_of(session)
    assert spec is not None
    client = BulkClient(session, spec)
    try:
        out = []
        for method, path in asks:
            url = f"http://127.0.0.1:{server.port}{path}"
            response = client.submit(client.get(url, method=method)).result(timeout=30)
            out.append((response.status_code, response.content))
            if method == "HEAD":
                time.sleep(0.4)  # a late body has come by now
        return out
    finally:
        client.close()
        session.close()


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[_Server]:
    running = _Server(getattr(request, "param", None))
    yield running
    running.close()


def test_the_request_after_a_head_goes_on_the_same_connection(server: _Server) -> None:
    answers = _fetch(server, [("HEAD", "/a"), ("GET", "/b"), ("HEAD", "/c"), ("GET", "/d")])
    assert answers == [(200, b""), (200, BODY), (200, b""), (200, BODY)]
    assert server.requests == ["HEAD /a", "GET /b", "HEAD /c", "GET /d"]
    assert server.connections == 1


@pytest.mark.parametrize("server", ["with", "late"], indirect=True)
def test_a_body_sent_after_a_head_is_never_read_as_the_next_answer(server: _Server) -> None:
    answers = _fetch(server, [("HEAD", "/a"), ("GET", "/b")])
    assert answers == [(200, b""), (200, BODY)]
    # Sent with the head, it is seen and the connection closed; sent late, the next
    # answer's status line is not one, and the request is asked again, anew.
    assert server.requests[-1] == "GET /b"
    assert server.connections == 2
