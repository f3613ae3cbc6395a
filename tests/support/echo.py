"""Small one-purpose HTTP servers for tests: the echo server and how to run a handler."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator

import pytest

__all__ = ["echo_server", "serve"]


def serve(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on a free loopback port for one test; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


class EchoHandler(http.server.BaseHTTPRequestHandler):
    """Sets a cookie on ``/login`` (and redirects), and echoes what each request carried."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/login"):
            self.send_response(302)
            self.send_header("Set-Cookie", "consent=yes; Path=/")
            self.send_header("Location", "/echo")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        seen = {
            "path": self.path,
            "cookie": self.headers.get("Cookie"),
            "accept_language": self.headers.get("Accept-Language"),
            "x_extra": self.headers.get("X-Extra"),
            "authorization": self.headers.get("Authorization"),
        }
        body = json.dumps(seen).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def echo_server() -> Iterator[str]:
    yield from serve(EchoHandler)


