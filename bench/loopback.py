"""The benches' loopback web: a minimal asyncio HTTP/1.1 server over many 127.0.0.x hosts.

Each bench runs it in a subprocess (so it does not share the measured process's
GIL; :func:`running`) and gives it an ``answer`` coroutine: ``(method, path, host, port) ->
(status line, content type, body)``.  Keep-alive is supported; the server
exits by itself after ``limit`` seconds, whatever happens.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator

Answer = Callable[[str, str, str, int], Awaitable[tuple[str, str, bytes]]]
"""``(method, path, host, port) -> ("200 OK", content type, body)``."""


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                  answer: Answer) -> None:
    host, port = writer.get_extra_info("sockname")[:2]
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            method, path, _ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
            status, kind, body = await answer(method, path, host, port)
            header = (f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n"
                      f"Content-Length: {len(body)}\r\n\r\n").encode()
            writer.write(header + (b"" if method == "HEAD" else body))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()


async def _serve(hosts: list[str], port: int, answer: Answer, limit: float) -> None:
    servers = [
        await asyncio.start_server(lambda r, w: _handle(r, w, answer), host, port,
                                   backlog=1024, reuse_address=True)
        for host in hosts
    ]
    print("ready", flush=True)
    try:
        await asyncio.sleep(limit)
    finally:
        for server in servers:
            server.close()


def serve(hosts: list[str], port: int, answer: Answer, *, limit: float = 900.0) -> None:
    """Serve ``answer`` on every host at ``port``; prints ``ready`` once listening."""
    asyncio.run(_serve(hosts, port, answer, limit))


def free_port(host: str) -> int:
    """A port free on ``host`` now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


NOT_FOUND = ("404 Not Found", "text/html; charset=utf-8",
             b"<html><title>Not found</title></html>")
"""The answer for any path a bench does not serve."""


@contextlib.contextmanager
def running(script: str, hosts: list[str], *args: str) -> Iterator[int]:
    """Run ``script --serve PORT --hosts N ARGS`` (a bench serving itself) until the block ends.

    Yields the port once the server says ``ready``.
    """
    port = free_port(hosts[0])
    server = subprocess.Popen(
        [sys.executable, script, "--serve", str(port), "--hosts", str(len(hosts)), *args],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)

