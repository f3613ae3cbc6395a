"""Write ``capture.warc.gz``: the web as the bundled example's audit sees it, offline.

The ANKASAM article cites five notes (note 3 is ``Ibid.``, repeating note 2).
The pages below are ILLUSTRATIVE STAND-INS WRITTEN FOR THIS EXAMPLE, not the
publishers' text: short pages in the shape of the real ones, laid out so the
audit has something to find.  The situation they set up:

- note 1, Kyiv Post: the live article is about troops "within a month", not the
  mutual-aid clause its sentence states; archived on 20 June 2024.
- notes 2 and 3 (Ibid.), Hürriyet: the live site answers 404; archived, in Turkish,
  on 27 June 2024.
- note 4, Politico Europe: the live article was updated and now reads 16,000
  containers; the copy of 26 June 2024 has the 11,000 the sentence cites.
- note 5, Mirror: the live article supports its sentence; archived on 28 June 2024.

So the audit should report: note 1 not found; note 2 a dead link with an
archived copy, and a misplaced note (note 1's page states its sentence); note 4
content drift; nothing for note 5 (see README.md).

How the capture is made: the real audit runs once with a *stand-in web* — a
``requests`` adapter answering from the tables below, including the Internet
Archive's CDX answers and its raw ``id_`` pages — in place of the network, and
records every exchange.  Replaying the capture then answers exactly the
requests the audit makes.

    .venv/bin/python examples/ankasam/build_capture.py [OUT.warc.gz]
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests
import urllib3
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

import citeaudit
from citeaudit.config import Config, HttpConfig
from citeaudit.http import make_session

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"

KYIVPOST = "https://www.kyivpost.com/post/34893"
HURRIYET = (
    "https://www.hurriyet.com.tr/dunya/yakin-dostu-rusyanin-yardimina-kostu-yeni-dunya-savasi"
    "-uyarisi-yapmislardi-ukraynaya-asker-yollayacaklar-42482022"
)
POLITICO = (
    "https://www.politico.eu/article/vladimir-putin-would-use-north-korean-troops-cannon-fodder"
    "-us-says/"
)
MIRROR = "https://www.mirror.co.uk/news/world-news/north-korea-risks-ww3-sends-33112796"

LIVE: dict[str, str | None] = {
    # URL → the stand-in page the live site serves (None: the site answers 404)
    KYIVPOST: "kyivpost.html",
    HURRIYET: None,
    POLITICO: "politico-live.html",
    MIRROR: "mirror.html",
}
ARCHIVE: dict[str, tuple[str, str]] = {
    # URL → (Wayback timestamp of the capture, the stand-in page it holds)
    KYIVPOST: ("20240620093000", "kyivpost.html"),
    HURRIYET: ("20240627121500", "hurriyet-archived.html"),
    POLITICO: ("20240626180000", "politico-archived.html"),
    MIRROR: ("20240628071000", "mirror.html"),
}
CDX = "https://web.archive.org/cdx/search/cdx"
AVAILABILITY = "https://archive.org/wayback/available"
RAW = "https://web.archive.org/web/{timestamp}id_/{url}"
NOT_FOUND = b"<!doctype html><html><head><title>404 Not Found</title></head><body>" \
            b"<h1>Not Found</h1><p>The page you asked for does not exist.</p></body></html>"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def answer(url: str, body: bytes = b"") -> tuple[int, str, bytes]:
    """The stand-in web: (status, content type, body) for one request."""
    html = "text/html; charset=utf-8"
    if url.startswith(AVAILABILITY) and body:
        return 200, "application/json", availability_answer(body)
    if url.startswith(CDX):
        return 200, "application/json", cdx_answer(parse_qs(urlsplit(url).query))
    for original, (timestamp, name) in ARCHIVE.items():
        if url == RAW.format(timestamp=timestamp, url=original):
            return 200, html, page(name)
    name = LIVE.get(url.split("#")[0])
    return (200, html, page(name)) if name else (404, html, NOT_FOUND)


def cdx_answer(query: dict[str, list[str]]) -> bytes:
    """The CDX server's ``output=json`` answer: a header row, then one row per capture."""
    url = query["url"][0]
    if url not in ARCHIVE:
        return b"[]"
    timestamp, _ = ARCHIVE[url]
    rows = [["timestamp", "original", "statuscode", "mimetype"],
            [timestamp, url, "200", "text/html"]]
    return json.dumps(rows).encode()


def availability_answer(body: bytes) -> bytes:
    """The batch availability interface's answer (``Wayback-Api-Version: 2``): one result a line."""
    results = []
    for line in body.decode().splitlines():
        fields = parse_qs(line)
        url, tag = fields["url"][0], fields["tag"][0]
        closest = {}
        if url in ARCHIVE and fields.get("closest", ["before"])[0] == "before":
            timestamp, _ = ARCHIVE[url]
            closest = {"closest": {"available": True, "status": "200", "timestamp": timestamp,
                                   "url": f"http://web.archive.org/web/{timestamp}/{url}"}}
        results.append({"url": url, "tag": tag, "archived_snapshots": closest})
    return json.dumps({"results": results}).encode()


class StandInWeb(BaseAdapter):
    """A ``requests`` adapter that answers from :func:`answer` (or another table's
    ``answers(url, body)``, as ``examples/shifted`` passes) instead of the network."""

    def __init__(self, answers=None) -> None:
        super().__init__()
        self.answers = answers or answer

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        sent = request.body or b""
        status, kind, body = self.answers(request.url or "", sent if isinstance(sent, bytes)
                                          else sent.encode())
        if request.method == "HEAD":
            body = b""
        raw = urllib3.HTTPResponse(
            body=io.BytesIO(body), headers={"Content-Type": kind,
                                            "Content-Length": str(len(body))},
            status=status, preload_content=False, decode_content=False,
            request_method=request.method, request_url=request.url,
        )
        response = requests.Response()
        response.status_code, response.raw, response.url = status, raw, request.url or ""
        response.reason = "OK" if status == 200 else "Not Found"
        response.headers = CaseInsensitiveDict(raw.headers)
        response.encoding = "utf-8"
        response.request = request
        return response

    def close(self) -> None:
        pass


def build(out: Path) -> citeaudit.Report:
    """Audit the article against the stand-in web, recording every exchange to ``out``."""
    out.unlink(missing_ok=True)
    http = HttpConfig(record=out)
    session = make_session(http, transport=StandInWeb())
    try:
        report = citeaudit.audit(HERE / "article.txt", Config(http=http), session=session)
        # One URL at a time (examples/library_usage.py) the Archive is asked through CDX.
        for note in report.article.notes:
            for url in note.urls:
                citeaudit.find_snapshots(url, near=note.access_date, config=Config(http=http),
                                         session=session)
        return report
    finally:
        session.close()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "capture.warc.gz"
    report = build(target)
    kinds = [(f.kind.value, f.note) for f in report.findings if f.note]
    print(f"wrote {target} ({target.stat().st_size} bytes) on {dt.date.today()}; findings: {kinds}")
