"""Write ``sources.warc.gz``: the ANKASAM example's stand-in pages, as a web capture.

The essay on North Korea and Russia has no notes.  To check its sentences
against sources, ``citeaudit audit --sources`` needs pages; this capture holds
the ANKASAM example's pages (``examples/ankasam/pages/``), each under the
address it stands in for: the live pages, and the Internet Archive's copies
where the example's live site differs or is gone.  **They are illustrative
stand-ins written for the citeaudit examples, not the publishers' text**
(each says so in an HTML comment).

The capture is written from the table below with :func:`citeaudit.warc.write_exchanges`,
so it holds exactly these pages and nothing fetched:

    .venv/bin/python examples/essay/build_capture.py [OUT.warc.gz]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from citeaudit.warc import Exchange, write_exchanges

HERE = Path(__file__).resolve().parent
PAGES = HERE.parent / "ankasam" / "pages"
HTML = {"Content-Type": "text/html; charset=utf-8"}

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
SNAPSHOT = "https://web.archive.org/web/{timestamp}id_/{url}"

CAPTURED = dt.datetime(2024, 6, 28, 12, tzinfo=dt.UTC)
"""When the live pages are recorded as fetched (the ANKASAM notes' access date)."""

TABLE: list[tuple[str, str]] = [
    # address → the stand-in page recorded for it
    (KYIVPOST, "kyivpost.html"),
    # The live article was updated to 16,000 containers; the copy of 26 June 2024 says 11,000.
    (POLITICO, "politico-live.html"),
    (SNAPSHOT.format(timestamp="20240626180000", url=POLITICO), "politico-archived.html"),
    (MIRROR, "mirror.html"),
    # The live Hürriyet page is gone (404); only the archived copy, in Turkish, is a page.
    (SNAPSHOT.format(timestamp="20240627121500", url=HURRIYET), "hurriyet-archived.html"),
]


def build(out: Path) -> list[str]:
    """Write the capture to ``out``; return the addresses it holds."""
    exchanges = [Exchange(url, 200, HTML, (PAGES / name).read_bytes(), CAPTURED)
                 for url, name in TABLE]
    out.unlink(missing_ok=True)
    write_exchanges(out, exchanges)
    return [url for url, _ in TABLE]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "sources.warc.gz"
    urls = build(target)
    print(f"wrote {target} ({target.stat().st_size} bytes): {len(urls)} pages")
