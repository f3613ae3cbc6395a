"""A loopback web whose pages change while a test runs (for the watch tests).

The shared loopback web (``tests/support/web.py``) serves fixed behaviours;
watching needs pages that die, come back, flap and get rewritten between
runs.  :class:`TimeWeb` is a threaded server on 127.0.0.1 whose pages a test
sets and changes; made-up host names resolve to it through a static resolver.
The tests at the bottom prove the helper itself behaves.
"""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from citeaudit.config import HttpConfig
from citeaudit.http import make_session
from citeaudit.netguard import static_resolver
from citeaudit.watch import ManualClock, Runner, WatchOptions, WatchStore

HOSTS = {name: "127.0.0.1" for name in ("gazette.test", "wire.test", "blog.test", "feeds.test")}
NOT_FOUND = (
    "<!doctype html><html><head><title>Page not found</title></head>"
    "<body><h1>Page not found</h1><p>The page you are looking for does not exist.</p></body></html>"
)
START = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)


def news_page(title: str, *paragraphs: str) -> str:
    """A plausible article page: chrome around a title and paragraphs."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'</head><body><nav><a href="/">Home</a> <a href="/news/">News</a></nav>'
        f"<article><h1>{title}</h1>{body}</article><footer>© The Test Wire</footer></body></html>"
    )


@attrs.define
class Page:
    status: int = 200
    body: str | bytes = ""
    content_type: str = "text/html; charset=utf-8"
    hold: threading.Event | None = None
    """If set, the answer waits until the event is set (a slow or hung server)."""


@attrs.define
class TimeWeb:
    """The running server: set pages, read hit counts, build sessions that reach it."""

    port: int = 0
    pages: dict[tuple[str, str], Page] = attrs.field(factory=dict)
    hits: Counter[str] = attrs.field(factory=Counter)
    lock: threading.Lock = attrs.field(factory=threading.Lock)

    def url(self, path: str, host: str = "gazette.test") -> str:
        return f"http://{host}:{self.port}{path}"

    def set(self, url_or_path: str, body: str | bytes = "", *, status: int = 200,
            host: str = "gazette.test", content_type: str = "text/html; charset=utf-8",
            hold: threading.Event | None = None) -> None:
        """Serve ``body`` with ``status`` at a URL of this web (or a path on ``host``)."""
        host, path = self._split(url_or_path, host)
        with self.lock:
            self.pages[(host, path)] = Page(status, body, content_type, hold)

    def drop(self, url_or_path: str, host: str = "gazette.test") -> None:
        """Make a page disappear (404 from now on)."""
        with self.lock:
            self.pages.pop(self._split(url_or_path, host), None)

    def count(self, url: str) -> int:
        host, path = self._split(url, "")
        return self.hits[f"{host}{path}"]

    def _split(self, url_or_path: str, host: str) -> tuple[str, str]:
        if "://" in url_or_path:
            rest = url_or_path.split("://", 1)[1]
            netloc, _, path = rest.partition("/")
            return netloc.split(":")[0], "/" + path
        return host, url_or_path

    def config(self, **changes: object) -> HttpConfig:
        base = HttpConfig(
            allowed_networks=("127.0.0.0/8",), per_host_interval=0.0, retries=0,
            deadline=5.0, connect_timeout=2.0, read_timeout=4.0,
        )
        return attrs.evolve(base, **changes)

    def session(self, **changes: object):  # type: ignore[no-untyped-def]
        return make_session(self.config(**changes), resolver=static_resolver(HOSTS))


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        web = self.server.web
        host = (self.headers.get("Host") or "").split(":")[0]
        with web.lock:
            web.hits[f"{host}{self.path}"] += 1
            page = web.pages.get((host, self.path)) or Page(404, NOT_FOUND)
        if page.hold is not None:
            # A backstop, not a timing: every test sets its hold in a ``finally``.  Long,
            # because a held page that answers early (a loaded CI machine taking 20 s to start
            # a watch process) lets a run finish that the test meant to kill mid-way.
            page.hold.wait(120)
        data = page.body.encode() if isinstance(page.body, str) else page.body
        try:
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass  # the client went away (a killed run)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    web: TimeWeb

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture(name="time_web")
def time_web_fixture() -> Iterator[TimeWeb]:
    """A fresh loopback web for one test."""
    web = TimeWeb()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.web = web
    web.port = server.server_port
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield web
    server.shutdown()
    server.server_close()


@attrs.define
class Watch:
    """A store, a clock the test moves, and a runner reaching the time web."""

    store: WatchStore
    clock: ManualClock
    web: TimeWeb
    options: WatchOptions = attrs.field(factory=WatchOptions)

    def runner(self, **changes: object) -> Runner:
        options = attrs.evolve(self.options, **changes)
        return Runner(self.store, self.web.config(), session=self.web.session(), options=options)

    def run(self, **changes: object):  # type: ignore[no-untyped-def]
        runner = self.runner(**changes)
        try:
            return runner.run()
        finally:
            runner._session.close()  # type: ignore[union-attr]


@pytest.fixture(name="watch", params=["sqlite", "postgresql"])
def watch_fixture(
    request: pytest.FixtureRequest, time_web: TimeWeb, tmp_path: Path
) -> Iterator[Watch]:
    """A store on a manual clock at ``START``, and runners that reach ``time_web``.

    Every test that uses it runs on both databases: a SQLite file, and a fresh
    database on a real PostgreSQL server (skipped, with its reason, without one).
    """
    clock = ManualClock(START)
    if request.param == "sqlite":
        location: str | Path = tmp_path / "watch.sqlite3"
    else:
        location = request.getfixturevalue("postgres_server").new_database()
    store = WatchStore(location, clock=clock)
    yield Watch(store, clock, time_web)
    store.close()


def write_article(folder: Path, name: str, sentences: list[tuple[str, str, str]]) -> Path:
    """An article file: one cited sentence per (claim, note title, URL), notes at the end."""
    body = " ".join(f"{claim} [{i}]." for i, (claim, _, _) in enumerate(sentences, 1))
    notes = "\n\n".join(
        f"[{i}] “{title}”, The Wire, {url}, (Access Date: 28.06.2024)."
        for i, (_, title, url) in enumerate(sentences, 1)
    )
    path = folder / name
    path.write_text(f"Harbour news\n\n{body}\n\n\n{notes}\n", encoding="utf-8")
    return path


# --- the helper itself --------------------------------------------------------------------------


def test_time_web_serves_what_the_test_sets_and_changes_it_between_requests(time_web):
    url = time_web.url("/2026/story", host="wire.test")
    session = time_web.session()
    try:
        assert session.get(url).status_code == 404
        time_web.set(url, news_page("Story", "First version."))
        assert "First version" in session.get(url).text
        time_web.drop(url)
        assert session.get(url).status_code == 404
    finally:
        session.close()
    assert time_web.count(url) == 3


def test_manual_clock_moves_only_when_told(watch):
    before = watch.clock.now()
    assert watch.clock.now() == before
    assert watch.clock.advance(days=3) - before == dt.timedelta(days=3)
