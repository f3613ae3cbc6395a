"""Write ``capture.warc.gz``: the web as the shifted-notes example's audit sees it, offline.

The article and every page here are MADE UP FOR THIS EXAMPLE (the port, the
publications and their hosts under ``.example``).  The situation they set up:
the notes list is one step ahead of the markers — note N's page states the
sentence that carries marker [N+1]:

- note 1's page states the freight figure of the sentence citing [2],
- note 2's the dredging of the one citing [3], note 3's the rail link of [4],
  note 4's the wage deal of [5];
- note 5's page states the shore-power sentence, which carries no marker;
- no page states the first sentence (the second terminal).

So the audit should report one ``shifted_notes`` finding for notes 1–5, with
the renumbering as its fix; ``not_found`` for the sentence citing [1]; and the
shore-power sentence as ``uncited_claim`` (see README.md).  No archive holds a
copy of any page (the capture records the Internet Archive answering so).

The capture is made as the ANKASAM example's is: the real audit runs once
against a stand-in web (its ``StandInWeb`` adapter, answering from the table
below) and records every exchange.

    .venv/bin/python examples/shifted/build_capture.py [OUT.warc.gz]
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from urllib.parse import parse_qs

import citeaudit
from citeaudit.config import Config, HttpConfig
from citeaudit.http import make_session

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"

LIVE = {
    # URL → the stand-in page it serves
    "https://river-gazette.example/2024/01/port-freight-record": "freight.html",
    "https://river-gazette.example/2024/02/channel-dredging": "dredging.html",
    "https://inland-transport.example/news/brod-rail-link": "rail-link.html",
    "https://harbour-post.example/labour/wage-deal-2024": "wage-deal.html",
    "https://harbour-post.example/energy/shore-power": "shore-power.html",
}
HTML = "text/html; charset=utf-8"
NOT_FOUND = b"<!doctype html><html><head><title>404 Not Found</title></head><body>" \
            b"<h1>Not Found</h1></body></html>"


def _ankasam():
    """The ANKASAM example's capture script, for its stand-in web adapter."""
    spec = importlib.util.spec_from_file_location(
        "ankasam_build_capture", HERE.parent / "ankasam" / "build_capture.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def answer(url: str, body: bytes = b"") -> tuple[int, str, bytes]:
    """The stand-in web: (status, content type, body); the archives hold nothing."""
    ankasam = _ANKASAM
    if url.startswith(ankasam.AVAILABILITY) and body:
        results = [{"url": parse_qs(line)["url"][0], "tag": parse_qs(line)["tag"][0],
                    "archived_snapshots": {}} for line in body.decode().splitlines()]
        return 200, "application/json", json.dumps({"results": results}).encode()
    if url.startswith(ankasam.CDX):
        return 200, "application/json", b"[]"
    name = LIVE.get(url.split("#")[0])
    return (200, HTML, (PAGES / name).read_bytes()) if name else (404, HTML, NOT_FOUND)


_ANKASAM = _ankasam()


def build(out: Path) -> citeaudit.Report:
    """Audit the article against the stand-in web, recording every exchange to ``out``."""
    out.unlink(missing_ok=True)
    http = HttpConfig(record=out)
    session = make_session(http, transport=_ANKASAM.StandInWeb(answer))
    try:
        return citeaudit.audit(HERE / "article.txt", Config(http=http), session=session)
    finally:
        session.close()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "capture.warc.gz"
    report = build(target)
    kinds = [(f.kind.value, f.note or f.claim) for f in report.findings]
    print(f"wrote {target} ({target.stat().st_size} bytes) on {dt.date.today()}; findings: {kinds}")
