"""A tiny loopback web site whose pages a test writes as a table, changeable while it runs.

Unlike the hostile web in :mod:`tests.support.web`, this serves exactly the
routes a test lists (anything else is a plain 404), so an end-to-end test can
lay out an article's sources page by page.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator

import attrs


@attrs.frozen
class Page:
    """One route's answer."""

    status: int = 200
    body: str = ""
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)


def html_page(title: str, *paragraphs: str, published: str | None = None) -> Page:
    """A plausible article page; ``published`` (YYYY-MM-DD) goes into its metadata."""
    meta = (f'<meta property="article:published_time" content="{published}T09:00:00Z">'
            if published else "")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return Page(body=(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"{meta}</head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}"
        f"</article><footer>Loopback Times</footer></body></html>"
    ))


HOLD_LIMIT = 5.0
"""The longest a held route waits for its event (a test that never sets it still ends)."""


class Site:
    """Routes (path → :class:`Page`) served on 127.0.0.1; ``pages`` may change between runs.

    A route in ``held`` answers only once its event is set (or after :data:`HOLD_LIMIT`).
    """

    def __init__(self, pages: dict[str, Page]) -> None:
        self.pages = dict(pages)
        self.held: dict[str, threading.Event] = {}
        self.requests: list[tuple[str, str]] = []
        self._server: http.server.ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    @contextlib.contextmanager
    def running(self) -> Iterator[Site]:
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _answer(self, with_body: bool) -> None:
                site.requests.append((self.command, self.path))
                path = self.path.split("?")[0]
                if path in site.held:
                    site.held[path].wait(HOLD_LIMIT)
                page = site.pages.get(path) or Page(404, "<h1>Not Found</h1>")
                data = page.body.encode("utf-8")
                self.send_response(page.status)
                for name, value in page.headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if with_body:
                    self.wfile.write(data)

            def do_GET(self) -> None:
                self._answer(True)

            def do_HEAD(self) -> None:
                self._answer(False)

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
