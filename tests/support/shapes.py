"""Real-world response shapes (tests/data/hostile_shapes/*.http), served on loopback.

Each fixture is one site: a header of ``# expect:`` (the outcome a careful
person gives the cited URL) and ``# source:`` lines, then one or more answers,
each opened by ``=== [host] path`` and written as a raw HTTP answer (status
line, headers, blank line, body).  The first answer is the cited URL; ``=== *``
answers every other path of the site (else a plain 404, as most sites give a
made-up URL); a host other than the site's own (``consent.s13.test``) is
served too.  ``{port}`` in a header or body is the server's port.

Fixture ``NN-name.http`` is the site ``www.sNN.test``.  Odd ``NN`` are the tune
half, even ``NN`` the held-aside half (split before any was scored).
"""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs

SHAPES_DIR = Path(__file__).resolve().parent.parent / "data" / "hostile_shapes"
_SECTION = re.compile(r"^=== (?:(\S+\.test) )?(\S+)\s*$", re.M)


@attrs.frozen
class Answer:
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: str


@attrs.frozen
class Shape:
    """One fixture: its site, the cited path, the expected outcome and every answer."""

    name: str
    number: int
    expect: str
    source: str
    host: str
    path: str
    answers: dict[tuple[str, str], Answer]

    @property
    def half(self) -> str:
        return "tune" if self.number % 2 else "aside"

    def url(self, port: int) -> str:
        return f"http://{self.host}:{port}{self.path}"

    def hosts(self) -> set[str]:
        return {self.host} | {h for h, _ in self.answers}


def _answer(raw: str) -> Answer:
    head, _, body = raw.partition("\n\n")
    lines = head.strip("\n").split("\n")
    _, status, reason = lines[0].split(" ", 2)
    headers = tuple(
        (name.strip(), value.strip()) for name, _, value in (ln.partition(":") for ln in lines[1:])
    )
    return Answer(int(status), reason, headers, body.rstrip("\n"))


def load(path: Path) -> Shape:
    """The shape written in ``path``."""
    return parse(path.read_text(encoding="utf-8"), path.stem)


def parse(text: str, name: str) -> Shape:
    """The shape written in ``text`` (the fixture format above); ``name`` is ``NN-what``."""
    meta = dict(
        (m.group(1), m.group(2).strip())
        for m in re.finditer(r"^# (expect|source): (.*)$", text, re.M)
    )
    number = int(name.split("-", 1)[0])
    host = f"www.s{number:02d}.test"
    sections = list(_SECTION.finditer(text))
    answers: dict[tuple[str, str], Answer] = {}
    for i, match in enumerate(sections):
        end = sections[i + 1].start() if i + 1 < len(sections) else len(text)
        key = (match.group(1) or host, match.group(2).split("?", 1)[0])
        answers[key] = _answer(text[match.end() + 1 : end])
    return Shape(
        name=name,
        number=number,
        expect=meta["expect"],
        source=meta.get("source", ""),
        host=host,
        path=sections[0].group(2),
        answers=answers,
    )


def load_all(half: str | None = None) -> list[Shape]:
    """Every shape (or those of ``half``: ``"tune"`` or ``"aside"``), in file order."""
    shapes = [load(p) for p in sorted(SHAPES_DIR.glob("*.http"))]
    return [s for s in shapes if half is None or s.half == half]


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].lower()
        path = self.path.split("?", 1)[0]
        table = self.server.answers
        answer = table.get((host, path)) or table.get((host, "*"))
        port = str(self.server.server_port)
        if answer is None:
            answer = Answer(404, "Not Found", (("Content-Type", "text/plain"),), "Not Found")
        body = answer.body.replace("{port}", port).encode("utf-8")
        self.send_response(answer.status, answer.reason)
        for name, value in answer.headers:
            self.send_header(name, value.replace("{port}", port))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    answers: dict[tuple[str, str], Answer]


@contextmanager
def serving(shapes: list[Shape]) -> Iterator[int]:
    """Serve ``shapes`` on 127.0.0.1 for the block; yields the port."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.answers = {key: a for s in shapes for key, a in s.answers.items()}
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def hosts_of(shapes: list[Shape]) -> dict[str, str]:
    """Every host name the shapes answer for, mapped to loopback (for a static resolver)."""
    return {h: "127.0.0.1" for s in shapes for h in s.hosts()}
