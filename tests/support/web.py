"""Fixture plugin: a small hostile web on loopback.

One threaded HTTP server on 127.0.0.1 answers for many made-up host names
(``news.test``, ``catchall.test``…), routed by the ``Host`` header; a fake
resolver maps those names to loopback, so nothing touches real DNS.  A second
server speaks TLS with a self-signed certificate made here.  Every behaviour
the link checker classifies is served for real: redirect chains and loops,
404/410, soft 404s in several languages, redirects to home, 429 and 503,
bot walls, paywalls, slow drips, endless bodies, huge headers, gzip, wrong
charsets, a PDF, and redirects to private addresses the guard must refuse.
"""

from __future__ import annotations

import datetime as dt
import gzip
import http.server
import json
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import attrs
import pytest

from citeaudit.config import HttpConfig
from citeaudit.netguard import static_resolver

HOSTS = {
    "news.test": "127.0.0.1",
    "catchall.test": "127.0.0.1",
    "haber.test": "127.0.0.1",
    "secure.test": "127.0.0.1",
    "closed.test": "127.0.0.1",
    # Same routes as news.test; hostile bodies and rate limits live on their own hosts, as on
    # the real web, so they do not take news.test's connection slots from its other pages.
    "slow.test": "127.0.0.1",
    "quota.test": "127.0.0.1",
    # Bombs, drips, bad charsets, control characters, embedded-IPv4 redirects
    # (tests/support/hostile.py).
    "hostile.test": "127.0.0.1",
    # A name that resolves to a private address: the guard must refuse it after resolution.
    "intranet.test": "10.1.2.3",
    # A name whose only address is NAT64 for the metadata service.
    "nat64.test": "64:ff9b::a9fe:a9fe",
}


def article(title: str, body: str, *, lang: str = "en", extra_head: str = "") -> str:
    """A plausible news article page."""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title>{extra_head}</head><body>"
        f'<nav><a href="/">Home</a> <a href="/news/">News</a></nav>'
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        f"<footer>© The Loopback Gazette</footer></body></html>"
    )


STORY = article(
    "Council approves the new harbour budget",
    "The city council approved a budget of 4.2 million euros for the harbour on Tuesday, "
    "after a debate that lasted most of the afternoon.\n\n"
    "The mayor said the works would start in the spring and take two years. Opposition "
    "members asked for an independent audit of the costs before any contract is signed.\n\n"
    "Fishermen's associations welcomed the decision but warned that the quay must stay "
    "open during the works, since most boats have nowhere else to land their catch.",
)
PLANE_STORY = article(
    "Missing plane not found after ten days of searching",
    "Rescue teams have still not found the light aircraft that disappeared over the sea "
    "ten days ago, the coast guard said on Monday.\n\n"
    "Three ships and a helicopter searched an area of 2,000 square kilometres. Relatives of "
    "the two pilots asked the authorities not to call off the search before the weekend.\n\n"
    "The coast guard said the page of the investigation would stay open until the wreck "
    "is found, and that the weather had made the search harder than usual.",
)
HOME = article(
    "The Loopback Gazette — front page",
    "Today's headlines: harbour budget approved; schools reopen; weather turns cold.",
)
CATCHALL = article(
    "Catch-All Times",
    "Welcome to the Catch-All Times. Browse our sections: politics, economy, culture, sport. "
    "Subscribe to our newsletter for the day's main stories.",
)
SOFT_EN = article(
    "Page not found | The Loopback Gazette",
    "Sorry, the page you are looking for could not be found. Try the search box.",
)
SOFT_TR = article(
    "Aradığınız sayfa bulunamadı - Haber Sitesi",
    "Üzgünüz, aradığınız sayfa mevcut değil veya taşınmış olabilir.",
    lang="tr",
)
SOFT_RU = article(
    "Ошибка — Новости",
    "К сожалению, запрашиваемая страница не найдена. Вернитесь на главную.",
    lang="ru",
)
TURKISH_STORY = article(
    "Şehir meclisi liman bütçesini onayladı",
    "Şehir meclisi salı günü liman için 4,2 milyon avroluk bütçeyi onayladı. "
    "Çalışmaların ilkbaharda başlaması ve iki yıl sürmesi bekleniyor.",
    lang="tr",
)
CHALLENGE = (
    "<!doctype html><html><head><title>Just a moment...</title></head><body>"
    '<div id="challenge-platform">Checking your browser before accessing news.test.</div>'
    '<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script>'
    "</body></html>"
)
CAPTCHA = (
    "<!doctype html><html><head><title>news.test</title></head><body>"
    "<p>Please verify you are human to continue.</p>"
    '<div class="g-recaptcha" data-sitekey="test"></div></body></html>'
)
PAYWALL = article(
    "Inside the harbour deal: who profits",
    "The council's harbour deal was negotiated over six months, documents show.\n\n"
    "Subscribe to continue reading. Already a subscriber? Log in.",
    extra_head='<script type="application/ld+json">'
    + json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Inside the harbour deal: who profits",
            "isAccessibleForFree": False,
            "hasPart": {
                "@type": "WebPageElement",
                "isAccessibleForFree": False,
                "cssSelector": ".paywall",
            },
        }
    )
    + "</script>",
)


def small_pdf(text: str) -> bytes:
    """A one-page PDF saying ``text``, written out by hand (readable, no blob)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def do_GET(self) -> None:
        self._dispatch(head=False)

    # --- helpers ---

    def _send(
        self,
        status: int,
        body: bytes | str = b"",
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not self._head:
            self.wfile.write(data)

    def _redirect(self, location: str, status: int = 301) -> None:
        self._send(status, "", headers={"Location": location})

    def _dispatch(self, head: bool) -> None:
        self._head = head
        parts = urlsplit(self.path)
        host = (self.headers.get("Host") or "").split(":")[0]
        web = self.server.web
        key = f"{self.command} {host}{self.path}"
        with web.lock:
            web.hits[key] += 1
            count = web.hits[key]
            web.arrivals.setdefault(key, []).append(time.monotonic())
            web.last_headers[key] = dict(self.headers.items())
        query = parse_qs(parts.query)
        route = getattr(self, "_site_" + host.split(".")[0], None)
        try:
            if route is None:
                self._send(404, article("Not Found", "No such site."))
            else:
                route(parts.path, count, query)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            self.close_connection = True

    # --- sites ---

    def _site_catchall(self, path: str, count: int, query: dict[str, list[str]]) -> None:
        if path == "/politics/harbour-budget-approved":
            self._send(200, STORY)
        else:  # every unknown path: the same 200 page, no not-found wording at all
            self._send(200, CATCHALL)

    def _site_haber(self, path: str, count: int, query: dict[str, list[str]]) -> None:
        if path == "/ekonomi/liman-butcesi":
            self._send(
                200,
                TURKISH_STORY.encode("cp1254").replace(b"utf-8", b"windows-1254"),
                content_type="text/html; charset=windows-1254",
            )
        elif path == "/ekonomi/eski-haber":
            self._send(200, SOFT_TR)
        else:
            self._send(404, SOFT_TR)

    def _site_secure(self, path: str, count: int, query: dict[str, list[str]]) -> None:
        self._send(200, STORY)

    def _site_news(self, path: str, count: int, query: dict[str, list[str]]) -> None:
        simple: dict[str, tuple[int, str | bytes]] = {
            "/": (200, HOME),
            "/news/": (200, HOME),
            "/politics/harbour-budget-approved": (200, STORY),
            "/chain/3": (200, STORY),
            "/world/missing-plane-not-found": (200, PLANE_STORY),
            "/missing": (404, SOFT_EN),
            "/gone": (410, article("Gone", "This article was removed.")),
            "/soft-404": (200, SOFT_EN),
            "/novosti/staraya-statya": (200, SOFT_RU),
            "/members/report": (401, article("Log in", "Please log in.")),
            "/forbidden": (403, article("Forbidden", "You don't have permission.")),
            "/captcha": (200, CAPTCHA),
            "/premium/harbour-deal": (200, PAYWALL),
            "/unavailable": (503, article("Service Unavailable", "Try again later.")),
        }
        if path in simple:
            status, body = simple[path]
            self._send(status, body)
        elif path == "/chain/1":
            self._redirect("/chain/2", 301)
        elif path == "/chain/2":
            self._redirect(f"http://news.test:{self.server.server_port}/chain/3", 302)
        elif path == "/loop/a":
            self._redirect("/loop/b", 302)
        elif path == "/loop/b":
            self._redirect("/loop/a", 302)
        elif path == "/2019/05/old-story":
            self._redirect("/", 301)
        elif path == "/politics/2018/archived-piece":
            self._redirect("/news/", 302)
        elif path == "/challenge":
            self._send(
                403, CHALLENGE, headers={"cf-mitigated": "challenge", "Server": "cloudflare"}
            )
        elif path == "/rate/once":
            if count == 1:
                self._send(429, "slow down", "text/plain", {"Retry-After": "1"})
            else:
                self._send(200, STORY)
        elif path == "/rate/always":
            self._send(429, "slow down", "text/plain", {"Retry-After": "0"})
        elif path == "/rate/hour":
            self._send(429, "come back later", "text/plain", {"Retry-After": "3600"})
        elif path == "/to-private":
            self._redirect("http://10.0.0.1/admin", 302)
        elif path == "/to-metadata":
            self._redirect("http://169.254.169.254/latest/meta-data/", 302)
        elif path == "/to-lan":
            self._redirect("http://192.168.1.1/", 302)
        elif path == "/to-intranet":
            self._redirect("http://intranet.test/wiki", 302)
        elif path == "/gzip":
            data = gzip.compress(STORY.encode())
            self._send(200, data, headers={"Content-Encoding": "gzip"})
        elif path == "/wrong-charset":
            self._send(200, TURKISH_STORY, content_type="text/html; charset=iso-8859-1")
        elif path == "/no-charset":
            self._send(200, STORY.replace('<meta charset="utf-8">', ""), "text/html")
        elif path == "/papers/harbour-study.pdf":
            self._send(200, small_pdf("Harbour study 2024"), "application/pdf")
        elif path == "/media/archive.zip":
            # HEAD is cheap; a GET would send a large file the checker does not need.
            self._send(200, b"PK" + b"\0" * 5_000_000, "application/zip")
        elif path == "/media/no-head.zip":
            if self._head:
                self._send(405, "", headers={"Allow": "GET"})
            else:
                self._send(200, b"PK\x03\x04" + b"\0" * 1000, "application/zip")
        elif path == "/huge-headers":
            self.send_response(200)
            self.send_header("X-Padding", "x" * 100_000)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/endless":
            self._endless()
        elif path == "/drip":
            self._drip()
        elif path == "/drip-headers":
            self._drip_headers()
        else:
            self._send(404, SOFT_EN)

    def _site_hostile(self, path: str, count: int, query: dict[str, list[str]]) -> None:
        from tests.support import hostile

        hostile.serve(self, path)

    # Asked by address (http://127.0.0.1:port/...), as the command line is: the news site.
    _site_127 = _site_news
    _site_slow = _site_news
    _site_quota = _site_news

    # --- hostile bodies ---

    def _endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.close_connection = True
        chunk = b"<p>" + b"more " * 13_000 + b"</p>"
        with self.server.web.lock:
            self.server.web.endless_started += 1
        while not self.server.web.stopping.is_set():
            self.wfile.write(chunk)
            with self.server.web.lock:
                self.server.web.endless_bytes += len(chunk)

    def _drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.close_connection = True
        self.wfile.write(b"<html><body>")
        self.wfile.flush()
        while not self.server.web.stopping.wait(0.1):
            self.wfile.write(b".")
            self.wfile.flush()

    def _drip_headers(self) -> None:
        self.close_connection = True
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self.wfile.flush()
        while not self.server.web.stopping.wait(0.1):
            self.wfile.write(b"X-Slow: a\r\n")
            self.wfile.flush()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    web: LoopbackWeb

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up on hostile routes is the point, not an error


@attrs.define
class LoopbackWeb:
    """The running loopback web and what tests need to reach it."""

    port: int = 0
    tls_port: int = 0
    tls_cert: Path | None = None
    """The self-signed certificate the TLS server presents (a CA file for ``verify``)."""
    closed_port: int = 0
    hits: Counter[str] = attrs.field(factory=Counter)
    arrivals: dict[str, list[float]] = attrs.field(factory=dict)
    """When each request arrived (monotonic clock), per ``METHOD host/path``."""
    last_headers: dict[str, dict[str, str]] = attrs.field(factory=dict)
    endless_bytes: int = 0
    endless_started: int = 0
    lock: threading.Lock = attrs.field(factory=threading.Lock)
    stopping: threading.Event = attrs.field(factory=threading.Event)

    def url(self, path: str, host: str = "news.test") -> str:
        """An http:// URL on ``host`` of this web."""
        return f"http://{host}:{self.port}{path}"

    def ip_url(self, path: str) -> str:
        """An http:// URL by loopback address, reachable without the fake resolver."""
        return f"http://127.0.0.1:{self.port}{path}"

    def tls_url(self, path: str = "/") -> str:
        return f"https://secure.test:{self.tls_port}{path}"

    @property
    def resolver(self) -> Callable[[str, int], list[str]]:
        return static_resolver(HOSTS)

    def config(self, **changes: object) -> HttpConfig:
        """A config allowing loopback (only), with quick backoff and a short deadline."""
        base = HttpConfig(
            allowed_networks=("127.0.0.0/8",),
            deadline=4.0,
            connect_timeout=3.0,
            read_timeout=3.0,
            backoff=0.05,
            retries=2,
        )
        return attrs.evolve(base, **changes)

    def session(self, **changes: object):
        from citeaudit.http import make_session

        return make_session(self.config(**changes), resolver=self.resolver)

    def count(self, path: str, host: str = "news.test", method: str = "GET") -> int:
        """How many times ``method path`` was asked of ``host``."""
        return self.hits[f"{method} {host}{path}"]


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "secure.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=7))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("secure.test")]), False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _free_closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def loopback_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoopbackWeb]:
    """The hostile little web, running for the whole test session."""
    web = LoopbackWeb()
    plain = _Server(("127.0.0.1", 0), _Handler)
    plain.web = web
    secure = _Server(("127.0.0.1", 0), _Handler)
    secure.web = web
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert_path, key_path = _self_signed(tmp_path_factory.mktemp("tls"))
    context.load_cert_chain(cert_path, key_path)
    web.tls_cert = cert_path
    secure.socket = context.wrap_socket(secure.socket, server_side=True)
    web.port, web.tls_port = plain.server_port, secure.server_port
    web.closed_port = _free_closed_port()
    threads = [
        threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        for s in (plain, secure)
    ]
    for thread in threads:
        thread.start()
    yield web
    web.stopping.set()
    for server in (plain, secure):
        server.shutdown()
        server.server_close()
    time.sleep(0)  # let handler threads see the stop flag
