"""Record and replay: captures written from readable exchanges or a live loopback run
answer a ``requests`` session exactly as the web did, with no network."""

from __future__ import annotations

import gzip
import http.server
import random
import threading
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from warcio.archiveiterator import ArchiveIterator

from citeaudit.config import HttpConfig
from citeaudit.errors import InputError, ReplayMiss
from citeaudit.http import make_session
from citeaudit.warc import Exchange, ReplayAdapter, WarcRecorder, iter_exchanges, write_exchanges
from tests.support.web import LoopbackWeb

WHEN = datetime(2024, 6, 28, 9, 30, tzinfo=UTC)
ARTICLE = (
    b"<html><head><meta charset='utf-8'><title>Ankara talks</title></head>"
    b"<body><p>The delegations met on 27 June 2024 in Ankara.</p></body></html>"
)


def html_exchange(url: str, body: bytes = ARTICLE, status: int = 200, **extra: str) -> Exchange:
    headers = {"Content-Type": "text/html; charset=utf-8", **extra}
    return Exchange(url=url, status=status, headers=headers, body=body, date=WHEN)


def redirect(url: str, location: str, status: int = 301) -> Exchange:
    return Exchange(url=url, status=status, headers={"Location": location}, body=b"", date=WHEN)


def replay_session(capture: Path) -> requests.Session:
    session = requests.Session()
    adapter = ReplayAdapter(capture)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


@pytest.fixture
def capture(tmp_path: Path) -> Path:
    """A capture of a small news site: an article, a redirect chain, a flaky page, a PDF."""
    path = tmp_path / "site.warc.gz"
    write_exchanges(
        path,
        [
            html_exchange("https://news.example/2024/06/ankara-talks"),
            redirect("http://news.example/ankara", "https://news.example/ankara"),
            redirect("https://news.example/ankara", "/2024/06/ankara-talks", status=302),
            html_exchange(
                "https://news.example/busy", b"slow down", status=429, **{"Retry-After": "1"}
            ),
            html_exchange("https://news.example/busy", b"<p>first success</p>"),
            html_exchange("https://news.example/busy", b"<p>second success</p>"),
            Exchange(
                url="https://news.example/report.pdf",
                status=200,
                headers=[("Content-Type", "application/pdf"), ("X-Note", "a"), ("X-Note", "b")],
                body=b"%PDF-1.4 stand-in",
                date=WHEN,
            ),
            html_exchange("https://news.example/search?q=ankara&page=2", b"page two"),
        ],
    )
    return path


def test_replay_answers_status_headers_and_body_from_the_capture(capture: Path) -> None:
    response = replay_session(capture).get("https://news.example/2024/06/ankara-talks")

    assert response.status_code == 200
    assert response.reason == "OK"
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Length"] == str(len(ARTICLE))
    assert response.content == ARTICLE
    assert response.text.startswith("<html>")
    assert response.url == "https://news.example/2024/06/ankara-talks"
    assert response.request.method == "GET"


def test_replay_streams_the_body_like_a_live_response(capture: Path) -> None:
    session = replay_session(capture)

    streamed = session.get("https://news.example/2024/06/ankara-talks", stream=True)
    assert b"".join(streamed.iter_content(chunk_size=16)) == ARTICLE

    raw = session.get("https://news.example/2024/06/ankara-talks", stream=True).raw
    assert raw.read(6) + raw.read() == ARTICLE


def test_replay_keeps_repeated_headers(capture: Path) -> None:
    response = replay_session(capture).get("https://news.example/report.pdf")

    assert response.raw.headers.getlist("X-Note") == ["a", "b"]
    assert response.content == b"%PDF-1.4 stand-in"


def test_requests_follows_a_captured_redirect_chain_hop_by_hop(capture: Path) -> None:
    response = replay_session(capture).get("http://news.example/ankara")

    assert response.status_code == 200
    assert response.url == "https://news.example/2024/06/ankara-talks"
    assert [(r.status_code, r.url) for r in response.history] == [
        (301, "http://news.example/ankara"),
        (302, "https://news.example/ankara"),
    ]


def test_a_url_captured_several_times_answers_in_recorded_order_then_repeats_the_last(
    capture: Path,
) -> None:
    session = replay_session(capture)

    answers = [session.get("https://news.example/busy") for _ in range(4)]

    assert [r.status_code for r in answers] == [429, 200, 200, 200]
    assert answers[0].headers["Retry-After"] == "1"
    assert answers[0].reason == "Too Many Requests"
    assert [r.content for r in answers[1:]] == [
        b"<p>first success</p>",
        b"<p>second success</p>",
        b"<p>second success</p>",
    ]


def test_a_request_the_capture_lacks_raises_replay_miss_naming_the_url(capture: Path) -> None:
    with pytest.raises(ReplayMiss) as caught:
        replay_session(capture).get("https://news.example/never-visited")

    message = str(caught.value)
    assert "GET https://news.example/never-visited" in message
    assert "\n" not in message


def test_a_post_is_not_answered_from_a_get_capture(capture: Path) -> None:
    with pytest.raises(ReplayMiss, match=r"POST https://news\.example/2024/06/ankara-talks"):
        replay_session(capture).post("https://news.example/2024/06/ankara-talks", data=b"x")


def test_head_is_answered_from_a_get_capture_without_a_body(capture: Path) -> None:
    session = replay_session(capture)

    head = session.head("https://news.example/2024/06/ankara-talks")
    get = session.get("https://news.example/2024/06/ankara-talks")

    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["Content-Type"] == "text/html; charset=utf-8"
    # HEAD answered from the GET capture does not use up the GET's recorded order.
    assert get.content == ARTICLE


def test_url_matching_ignores_scheme_and_host_case_and_default_port(capture: Path) -> None:
    session = replay_session(capture)

    assert session.get("HTTPS://News.Example:443/2024/06/ankara-talks").content == ARTICLE
    assert session.get("https://news.example/2024/06/ankara-talks#section-2").content == ARTICLE


def test_url_matching_keeps_query_order_significant(capture: Path) -> None:
    session = replay_session(capture)

    assert session.get("https://news.example/search?q=ankara&page=2").content == b"page two"
    with pytest.raises(ReplayMiss):
        session.get("https://news.example/search?page=2&q=ankara")


def test_a_gzip_encoded_capture_replays_decoded(tmp_path: Path) -> None:
    path = tmp_path / "gzip.warc.gz"
    page = "<p>Türkiye ile görüşmeler sürüyor.</p>".encode()
    write_exchanges(
        path,
        [
            html_exchange(
                "https://haber.example/", gzip.compress(page), **{"Content-Encoding": "gzip"}
            )
        ],
    )

    response = replay_session(path).get("https://haber.example/")

    assert response.content == page
    assert "Content-Encoding" not in response.headers
    assert response.headers["Content-Length"] == str(len(page))


def test_cookies_set_by_a_captured_response_reach_the_session(tmp_path: Path) -> None:
    path = tmp_path / "cookie.warc.gz"
    write_exchanges(
        path, [html_exchange("https://paper.example/", **{"Set-Cookie": "consent=yes; Path=/"})]
    )
    session = replay_session(path)

    session.get("https://paper.example/")

    assert session.cookies.get("consent") == "yes"


def test_iter_exchanges_reads_back_what_was_written(capture: Path) -> None:
    exchanges = list(iter_exchanges(capture))

    assert len(exchanges) == 8
    first = exchanges[0]
    assert first.url == "https://news.example/2024/06/ankara-talks"
    assert (first.method, first.status, first.reason) == ("GET", 200, "OK")
    assert first.body == ARTICLE
    assert first.date == WHEN
    assert first.header("content-type") == "text/html; charset=utf-8"
    assert [e.status for e in exchanges[3:6]] == [429, 200, 200]


def test_a_file_that_is_not_a_warc_is_refused_with_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc.gz"
    path.write_text("[1] A footnote, not a capture.\n")

    with pytest.raises(InputError, match="cannot read capture"):
        ReplayAdapter(path)
    with pytest.raises(InputError, match="cannot read capture"):
        ReplayAdapter(tmp_path / "missing.warc.gz")


# --- recording a live run on loopback -------------------------------------------------------

PAGE = "<html><head><title>Görüşme</title></head><body><p>Ankara’da görüşüldü.</p></body></html>"


class _LoopbackSite(http.server.BaseHTTPRequestHandler):
    """A tiny site: a gzipped page, a redirect to it, a page that is busy once, a 404."""

    busy_once: set[str]

    def do_GET(self) -> None:
        if self.path == "/page":
            body = gzip.compress(PAGE.encode("utf-8"))
            self._answer(
                200,
                body,
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Encoding", "gzip"),
            )
        elif self.path == "/old-page":
            self._answer(301, b"", ("Location", "/page"))
        elif self.path == "/busy":
            if "busy" not in self.busy_once:
                self.busy_once.add("busy")
                self._answer(429, b"wait", ("Retry-After", "0"))
            else:
                self._answer(200, b"ready", ("Content-Type", "text/plain"))
        else:
            self._answer(404, b"<h1>Not found</h1>", ("Content-Type", "text/html"))

    def do_HEAD(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "1234")
        self.end_headers()

    def _answer(self, status: int, body: bytes, *headers: tuple[str, str]) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def loopback_site() -> Iterator[str]:
    handler = type("Site", (_LoopbackSite,), {"busy_once": set()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def recording_session(recorder: WarcRecorder) -> requests.Session:
    """A session that records every hop, as citeaudit's HTTP session does."""
    session = requests.Session()

    def record(response: requests.Response, **_: object) -> None:
        recorder.record(response.request, response, response.content)

    session.hooks["response"].append(record)
    return session


def test_a_recorded_live_run_replays_with_the_same_answers(
    tmp_path: Path, loopback_site: str
) -> None:
    path = tmp_path / "run.warc.gz"
    urls = ["/old-page", "/busy", "/busy", "/missing"]
    with WarcRecorder(path) as recorder:
        session = recording_session(recorder)
        live = [session.get(loopback_site + u) for u in urls]
        live_head = session.head(loopback_site + "/busy")

    replay = replay_session(path)
    replayed = [replay.get(loopback_site + u) for u in urls]
    replayed_head = replay.head(loopback_site + "/busy")

    for was, now in zip(live, replayed, strict=True):
        assert (now.status_code, now.reason, now.url) == (was.status_code, was.reason, was.url)
        assert now.content == was.content
        assert now.headers.get("Content-Type") == was.headers.get("Content-Type")
        assert [h.url for h in now.history] == [h.url for h in was.history]
    assert [r.status_code for r in replayed] == [200, 429, 200, 404]
    # The server gzipped the page; the capture holds it decoded and says so.
    assert replayed[0].text == PAGE
    assert "Content-Encoding" not in replayed[0].headers
    assert replayed_head.headers["Content-Length"] == live_head.headers["Content-Length"] == "1234"


def test_recorded_records_carry_date_target_and_real_status_line(
    tmp_path: Path, loopback_site: str
) -> None:
    path = tmp_path / "run.warc.gz"
    before = datetime.now(UTC).replace(microsecond=0)
    with WarcRecorder(path) as recorder:
        recording_session(recorder).get(loopback_site + "/missing")

    with path.open("rb") as stream:
        records = [
            (r.rec_type, r.rec_headers, r.http_headers)
            for r in ArchiveIterator(stream, check_digests="raise")
        ]

    assert [kind for kind, _, _ in records] == ["warcinfo", "response", "request"]
    _, warc_headers, http_headers = records[1]
    assert warc_headers.get_header("WARC-Target-URI") == loopback_site + "/missing"
    recorded_at = datetime.fromisoformat(warc_headers.get_header("WARC-Date"))
    assert recorded_at >= before
    assert http_headers.statusline == "404 Not Found"
    assert http_headers.protocol == "HTTP/1.0"  # what http.server actually speaks
    _, _, request_headers = records[2]
    assert request_headers.protocol == "GET"
    assert request_headers.get_header("Host") == loopback_site.removeprefix("http://")


def test_a_recorder_shared_by_threads_writes_a_complete_readable_capture(tmp_path: Path) -> None:
    path = tmp_path / "threads.warc.gz"
    threads, per_thread = 8, 25

    def work(recorder: WarcRecorder, worker: int) -> None:
        for i in range(per_thread):
            url = f"https://site{worker}.example/page/{i}"
            request = requests.Request("GET", url).prepare()
            response = requests.Response()
            response.status_code, response.reason, response.url = 200, "OK", url
            response.headers["Content-Type"] = "text/plain"
            body = f"worker {worker} page {i} ".encode() * 200
            recorder.record(request, response, body)

    with WarcRecorder(path) as recorder:
        workers = [threading.Thread(target=work, args=(recorder, n)) for n in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    bodies: dict[str, bytes] = {}
    kinds: list[str] = []
    with path.open("rb") as stream:
        # "raise": a record whose bytes do not match its WARC digests fails the test.
        for record in ArchiveIterator(stream, check_digests="raise"):
            kinds.append(record.rec_type)
            if record.rec_type == "response":
                bodies[record.rec_headers.get_header("WARC-Target-URI")] = (
                    record.content_stream().read()
                )
    assert kinds.count("response") == kinds.count("request") == threads * per_thread
    assert bodies["https://site3.example/page/7"] == b"worker 3 page 7 " * 200
    assert len(bodies) == threads * per_thread


def test_recording_after_close_is_refused(tmp_path: Path) -> None:
    recorder = WarcRecorder(tmp_path / "closed.warc.gz")
    recorder.close()
    request = requests.Request("GET", "https://example.org/").prepare()

    with pytest.raises(InputError, match="already closed"):
        recorder.record(request, requests.Response(), b"")


def test_the_adapter_tells_which_requests_it_can_answer(capture: Path) -> None:
    adapter = ReplayAdapter(capture)

    assert ("GET", "https://NEWS.example/busy") in adapter
    assert ("HEAD", "https://news.example/busy") in adapter
    assert ("GET", "https://news.example/elsewhere") not in adapter


# --- bodies cut at the size cap, and bodies larger than it ---------------------------------


def _response_records(path: Path) -> list[tuple[dict[str, str], dict[str, str]]]:
    """(WARC headers, HTTP headers) of every response record in ``path``."""
    found = []
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                found.append((dict(record.rec_headers.headers), dict(record.http_headers.headers)))
    return found


def test_a_body_cut_at_the_size_cap_is_recorded_as_truncated_with_its_announced_length(
    loopback_web: LoopbackWeb, tmp_path: Path
) -> None:
    capture = tmp_path / "cut.warc.gz"
    url = loopback_web.url("/media/archive.zip?record=cut")  # 5,000,002 bytes announced
    with loopback_web.session(record=capture, max_bytes=100_000) as session:
        live = session.get(url)
    assert live.truncated

    [(warc_headers, http_headers)] = _response_records(capture)
    assert warc_headers["WARC-Truncated"] == "length"
    assert http_headers["Content-Length"] == "5000002"  # what the server said, not what we kept
    assert warc_headers["WARC-IP-Address"] == "127.0.0.1"

    replay = HttpConfig(replay=capture, allowed_networks=("127.0.0.0/8",))
    with make_session(replay) as session:
        replayed = session.get(url)
    assert replayed.truncated
    assert replayed.content == live.content and len(replayed.content) == 100_000
    assert replayed.headers["Content-Length"] == "5000002"


def test_a_cut_compressed_body_is_recorded_with_no_length_claimed(
    loopback_web: LoopbackWeb, tmp_path: Path
) -> None:
    capture = tmp_path / "cut.warc.gz"
    url = loopback_web.url("/endless", host="slow.test")  # no length announced at all
    with loopback_web.session(record=capture, max_bytes=50_000) as session:
        assert session.get(url).truncated
    [(warc_headers, http_headers)] = _response_records(capture)
    assert warc_headers["WARC-Truncated"] == "length"
    assert "Content-Length" not in http_headers


def test_replay_streams_a_record_larger_than_the_cap_without_holding_it(tmp_path: Path) -> None:
    capture = tmp_path / "large.warc.gz"
    size = 64 * 1024 * 1024
    # Incompressible, as page bodies nearly are once gzipped: warcio inflates a WARC's
    # gzip 16 KB at a time, so a body of zeros would weigh up to 16 MiB per read.
    body = random.Random(18).randbytes(size)
    write_exchanges(
        capture,
        [Exchange("https://big.example/", 200, {"Content-Type": "text/plain"}, body, WHEN)],
    )
    config = HttpConfig(replay=capture, max_bytes=1024 * 1024)
    with make_session(config) as session:
        tracemalloc.start()
        try:
            response = session.get("https://big.example/")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert response.truncated and len(response.content) == 1024 * 1024
    assert peak < 16 * 1024 * 1024, f"replay held {peak / 2**20:.0f} MiB of a 64 MiB record"


def test_a_replayed_answer_closes_the_capture_once_its_body_is_read(capture: Path) -> None:
    adapter = ReplayAdapter(capture)
    session = requests.Session()
    session.mount("https://", adapter)
    response = session.get("https://news.example/2024/06/ankara-talks", stream=True)
    assert response.raw.read() == ARTICLE
    assert response.raw.closed


def test_iter_exchanges_keeps_the_announced_length_of_a_cut_body(
    loopback_web: LoopbackWeb, tmp_path: Path
) -> None:
    capture = tmp_path / "cut.warc.gz"
    with loopback_web.session(record=capture, max_bytes=10_000) as session:
        session.get(loopback_web.url("/media/archive.zip?iter=cut"))
    [exchange] = iter_exchanges(capture)
    assert len(exchange.body) == 10_000
    assert exchange.header("Content-Length") == "5000002"
