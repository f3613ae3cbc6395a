"""Write ``sources.warc.gz``: the ANKASAM example's stand-in pages, as a web capture.

The essay on North Korea and Russia has no notes.  To check its sentences
against sources, ``citeaudit audit --sources`` needs pages; this capture holds
the ANKASAM example's pages (``examples/ankasam/pages/``), each under the
address it stands in for: the live pages, and the Internet Archive's copies
where the example's live site differs or is gone.  **They are illustrative
stand-ins written for the citeaudit examples, not the publishers' text**
(each says so in an HTML comment).

The pages and their addresses are the ANKASAM script's own tables (``LIVE``,
``ARCHIVE``), so the two examples' stand-in webs agree; the capture is written
with :func:`citeaudit.warc.write_exchanges`, so it holds exactly these pages and
nothing fetched:

    .venv/bin/python examples/essay/build_capture.py [OUT.warc.gz]
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from citeaudit.warc import Exchange, write_exchanges

HERE = Path(__file__).resolve().parent
ANKASAM = HERE.parent / "ankasam"
HTML = {"Content-Type": "text/html; charset=utf-8"}

CAPTURED = dt.datetime(2024, 6, 28, 12, tzinfo=dt.UTC)
"""When the pages are recorded as fetched (the ANKASAM notes' access date)."""


def ankasam() -> ModuleType:
    """The ANKASAM example's capture script, whose tables say which page stands in where."""
    spec = importlib.util.spec_from_file_location("ankasam_build_capture",
                                                  ANKASAM / "build_capture.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table() -> list[tuple[str, str]]:
    """(address, stand-in page) for every page of the ANKASAM example's stand-in web.

    Each live page that answers, then each archived copy (under its Wayback
    address) whose page differs from the live one: the live Politico article
    says 16,000 containers, its copy of 26 June 2024 says 11,000; the live
    Hürriyet page is gone, its copy is in Turkish.
    """
    web = ankasam()
    rows = [(url, name) for url, name in web.LIVE.items() if name]
    rows += [(web.RAW.format(timestamp=timestamp, url=url), name)
             for url, (timestamp, name) in web.ARCHIVE.items() if name != web.LIVE.get(url)]
    return rows


def build(out: Path) -> list[str]:
    """Write the capture to ``out``; return the addresses it holds."""
    rows = table()
    exchanges = [Exchange(url, 200, HTML, (ANKASAM / "pages" / name).read_bytes(), CAPTURED)
                 for url, name in rows]
    out.unlink(missing_ok=True)
    write_exchanges(out, exchanges)
    return [url for url, _ in rows]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "sources.warc.gz"
    urls = build(target)
    print(f"wrote {target} ({target.stat().st_size} bytes): {len(urls)} pages")
